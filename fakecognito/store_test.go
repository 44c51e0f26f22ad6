package fakecognito

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// newStoreFake opens a store for a new fake on path.
func newStoreFake(t *testing.T, path string, opts StoreOptions) (*Fake, *Store, bool) {
	t.Helper()
	f := New(Options{})
	s, loaded, err := OpenStore(f, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f, s, loaded
}

func adminCreate(t *testing.T, f *Fake, poolID, name string) {
	t.Helper()
	if _, err := f.AdminCreateUser(context.Background(), &transport.AdminCreateUserInput{
		UserPoolID: poolID, Username: name, TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
	}); err != nil {
		t.Fatal(err)
	}
}

func hasUser(f *Fake, poolID, name string) bool {
	_, err := f.AdminGetUser(context.Background(), &transport.UserRef{UserPoolID: poolID, Username: name})
	return err == nil
}

// TestStoreSurvivesCrash reopens the files of a store that was never
// closed (as after kill -9): every change that returned is there.
func TestStoreSurvivesCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f, s, loaded := newStoreFake(t, path, StoreOptions{})
	if loaded {
		t.Fatal("a missing file loaded")
	}
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	for i := range 50 {
		adminCreate(t, f, pool.ID, fmt.Sprintf("u%d", i))
	}
	// No Close: the files are as a kill would leave them.
	f2, s2, loaded := newStoreFake(t, path, StoreOptions{})
	defer s2.Close()
	_ = s
	if !loaded {
		t.Fatal("the state did not load")
	}
	for i := range 50 {
		if !hasUser(f2, pool.ID, fmt.Sprintf("u%d", i)) {
			t.Fatalf("user u%d lost", i)
		}
	}
}

// TestStoreTornLog cuts the log at every byte of its last record: what
// precedes the cut loads, the torn record does not, nothing fails.
func TestStoreTornLog(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	f, _, _ := newStoreFake(t, path, StoreOptions{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	adminCreate(t, f, pool.ID, "before")
	before := usedLog(t, path)
	adminCreate(t, f, pool.ID, "torn")
	full := usedLog(t, path)
	snap, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) <= len(before) {
		t.Fatal("the second change did not reach the log")
	}
	for cut := len(before); cut < len(full); cut++ {
		ld, err := loadWithLog(snap, full[:cut])
		if err != nil {
			t.Fatalf("cut at %d: %v", cut, err)
		}
		p := ld.st.Pools[pool.ID]
		if p == nil || p.Users["before"] == nil {
			t.Fatalf("cut at %d: the change before the cut is lost", cut)
		}
		if p.Users["torn"] != nil {
			t.Fatalf("cut at %d: the torn change loaded", cut)
		}
	}
	ld, err := loadWithLog(snap, full)
	if err != nil || ld.st.Pools[pool.ID].Users["torn"] == nil {
		t.Fatalf("the whole log: %v", err)
	}
}

// TestStoreCompacts keeps the log bounded: past CompactAfter the state is
// rewritten as a snapshot and the log starts again, and nothing is lost.
func TestStoreCompacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f, s, _ := newStoreFake(t, path, StoreOptions{CompactAfter: 4 << 10})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	maxLog := int64(0)
	for i := range 200 {
		adminCreate(t, f, pool.ID, fmt.Sprintf("u%d", i))
		maxLog = max(maxLog, int64(len(usedLog(t, path))))
	}
	// Let a compaction in flight finish.
	s.mu.Lock()
	for s.compacting || s.writing {
		s.cond.Wait()
	}
	s.mu.Unlock()
	snap, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ld, err := parseState(snap)
	if err != nil {
		t.Fatal(err)
	}
	if ld.seq == 0 {
		t.Fatal("the snapshot was never rewritten: no compaction ran")
	}
	// The log never grows much past the larger of CompactAfter and the
	// snapshot (plus what is written while a compaction runs).
	if limit := max(int64(4<<10), int64(len(snap))) + 64<<10; maxLog > limit {
		t.Errorf("log reached %d bytes, want at most %d", maxLog, limit)
	}
	// As after a kill: the files as they are, without Close.
	f2, s2, _ := newStoreFake(t, path, StoreOptions{})
	defer s2.Close()
	for i := range 200 {
		if !hasUser(f2, pool.ID, fmt.Sprintf("u%d", i)) {
			t.Fatalf("user u%d lost across compactions", i)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.AdminCreateUser(context.Background(), &transport.AdminCreateUserInput{UserPoolID: pool.ID, Username: "late", MessageAction: "SUPPRESS"}); err != nil {
		t.Fatalf("a fake outlives its closed store: %v", err)
	}
}

// TestStoreLoadsSaveOutput opens a state file Save wrote (as serve did
// before the log existed).
func TestStoreLoadsSaveOutput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	old := New(Options{})
	pool := old.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	old.MustCreateUser(pool.ID, "alice", testPassword)
	var buf bytes.Buffer
	if err := old.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	f, s, loaded := newStoreFake(t, path, StoreOptions{})
	defer s.Close()
	if !loaded || !hasUser(f, pool.ID, "alice") {
		t.Fatal("an older state file did not load")
	}
}

// TestStoreRefusesBadLog: a whole record that does not decode is an
// error, not silently skipped.
func TestStoreRefusesBadLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	f, _, _ := newStoreFake(t, path, StoreOptions{})
	f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	snap, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		log  []byte
	}{
		{"not JSON", appendFrame(nil, []byte("{"))},
		{"unknown kind", appendFrame(nil, []byte(`{"seq":9,"ch":[{"k":"nope","id":"x"}]}`))},
		{"out of order", appendFrame(appendFrame(nil, []byte(`{"seq":9,"ch":[]}`)), []byte(`{"seq":9,"ch":[]}`))},
		{"bad user", appendFrame(nil, []byte(`{"seq":9,"ch":[{"k":"pool","id":"us-east-1_x","v":{"id":"us-east-1_y"}}]}`))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := loadWithLog(snap, tc.log); !errors.Is(err, ErrBadState) {
				t.Fatalf("error %v, want ErrBadState", err)
			}
		})
	}
}

// FuzzLoadWithLog feeds the log reader arbitrary bytes after a valid
// snapshot: it must refuse or accept them without panicking, and a state it
// accepted must work and save.
func FuzzLoadWithLog(f *testing.F) {
	src := New(Options{})
	pool := src.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	var snap bytes.Buffer
	if err := src.Save(&snap); err != nil {
		f.Fatal(err)
	}
	sink := &memSink{}
	src.attachSink(sink, 0)
	src.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{ClientName: "c"}})
	src.MustCreateUser(pool.ID, "alice", testPassword)
	f.Add(sink.log)
	f.Add(sink.log[:len(sink.log)/2])
	f.Add(appendFrame(nil, []byte(`{"seq":1,"ch":[{"k":"user","p":"`+pool.ID+`","id":"bob","v":{"username":"bob","sub":"s","status":"CONFIRMED"}}]}`)))
	f.Add(appendFrame(nil, []byte(`{"seq":1,"ch":[{"k":"pool","id":"`+pool.ID+`"}]}`)))
	f.Add(appendFrame(nil, []byte(`{"seq":1,"ch":[{"k":"family","id":"f","v":{"id":"f","poolId":"`+pool.ID+`","username":"u","refreshHash":"h"}}]}`)))
	base := snap.Bytes()
	f.Fuzz(func(t *testing.T, log []byte) {
		ld, err := loadWithLog(base, log)
		if err != nil {
			if !errors.Is(err, ErrBadState) {
				t.Fatalf("error %v is not ErrBadState", err)
			}
			return
		}
		g := New(Options{})
		if err := g.install(ld); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for id := range ld.st.Pools {
			if _, err := g.ListUsers(ctx, &transport.ListUsersInput{UserPoolID: id}); err != nil {
				t.Fatal(err)
			}
		}
		var out bytes.Buffer
		if err := g.Save(&out); err != nil {
			t.Fatal(err)
		}
	})
}

// usedLog returns the records of the log at path, without the zeros
// preallocated after them.
func usedLog(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path + ".log")
	if err != nil {
		t.Fatal(err)
	}
	end := 0
	for end+frameHeader <= len(b) {
		n := int(b[end]) | int(b[end+1])<<8 | int(b[end+2])<<16 | int(b[end+3])<<24
		if n == 0 || end+frameHeader+n > len(b) {
			break
		}
		end += frameHeader + n
	}
	return b[:end]
}

// TestStoreKeepsTestControls: a change made by a test control rather than
// an operation (a seeded TOTP secret) is durable when the control returns,
// though nothing touches the user afterwards.
func TestStoreKeepsTestControls(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	path := filepath.Join(t.TempDir(), "state.json")
	f, s, _ := newStoreFake(t, path, StoreOptions{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	adminCreate(t, f, pool.ID, "alice")
	if err := f.SetUserTOTPSecret(pool.ID, "alice", secret); err != nil {
		t.Fatal(err)
	}
	_ = s // no Close: the files are as a kill would leave them
	f2, s2, _ := newStoreFake(t, path, StoreOptions{})
	defer s2.Close()
	f2.mu.RLock()
	got := f2.st.Pools[pool.ID].lookup("alice").MFA.TOTPSecret
	f2.mu.RUnlock()
	if got != secret {
		t.Fatalf("TOTP secret after restart = %q, want %q", got, secret)
	}
}
