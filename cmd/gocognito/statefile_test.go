package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

func TestWriteFileAtomic(t *testing.T) {
	tests := []struct {
		name     string
		existing string // "" for no file
		data     string
	}{
		{"new file", "", `{"a":1}`},
		{"replaces a longer file", strings.Repeat("old ", 1000), `{"b":2}`},
		{"replaces a shorter file", "x", strings.Repeat("new ", 1000)},
		{"empty data", "old", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := writeFileAtomic(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tt.data {
				t.Fatalf("file holds %q (%v), want %q", got, err, tt.data)
			}
			st, _ := os.Stat(path)
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", st.Mode().Perm())
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("the directory holds %d entries, want only the file: a temporary file was left", len(entries))
			}
		})
	}
}

func TestWriteFileAtomicMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "state.json")
	if err := writeFileAtomic(path, []byte("x"), 0o600); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("error %v, want ErrNotExist", err)
	}
}

func newStateFile(t *testing.T, path string) (*stateFile, *fakecognito.Fake) {
	t.Helper()
	f := fakecognito.New(fakecognito.Options{})
	return &stateFile{path: path, fake: f, log: slog.New(slog.DiscardHandler)}, f
}

func TestStateFileRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.json")
	s1, f1 := newStateFile(t, path)
	if loaded, err := s1.load(); loaded || err != nil {
		t.Fatalf("load of a missing file = %v, %v; want false, nil", loaded, err)
	}
	pool := f1.MustCreatePool(transport.CreateUserPoolInput{PoolName: "kept"})
	f1.MustCreateUser(pool.ID, testUser, testPassword)
	if wrote, err := s1.save(); !wrote || err != nil {
		t.Fatalf("first save = %v, %v; want true, nil", wrote, err)
	}
	if wrote, err := s1.save(); wrote || err != nil {
		t.Fatalf("save without a change = %v, %v; want false, nil (nothing to write)", wrote, err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != stateMode {
		t.Errorf("state file mode %v, want %v: it holds keys and verifiers", st.Mode().Perm(), os.FileMode(stateMode))
	}

	s2, f2 := newStateFile(t, path)
	if loaded, err := s2.load(); !loaded || err != nil {
		t.Fatalf("load = %v, %v; want true, nil", loaded, err)
	}
	if _, err := f2.AdminGetUser(ctx, &transport.UserRef{UserPoolID: pool.ID, Username: testUser}); err != nil {
		t.Fatalf("the user did not survive: %v", err)
	}
	if wrote, err := s2.save(); wrote || err != nil {
		t.Fatalf("saving what was just loaded = %v, %v; want false, nil", wrote, err)
	}
}

func TestStateFileLoadErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	if err := os.WriteFile(corrupt, []byte(`{"version":1,"state":`), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ := newStateFile(t, corrupt)
	if _, err := s.load(); !errors.Is(err, fakecognito.ErrBadState) {
		t.Errorf("a truncated state: error %v, want ErrBadState", err)
	}
	s, _ = newStateFile(t, dir) // a directory
	if _, err := s.load(); err == nil {
		t.Error("a directory loaded as a state")
	}
}

func TestStateFileRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	stale := filepath.Join(dir, ".state.json.tmp-123456")
	other := filepath.Join(dir, ".other.json.tmp-1")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte("half a state"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := newStateFile(t, path)
	if _, err := s.load(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("a killed save's temporary file was kept")
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another file's temporary file was removed")
	}
}

func TestStateFileSavesWhenDirty(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := filepath.Join(t.TempDir(), "state.json")
	s, f := newStateFile(t, path)
	go s.saveEvery(ctx, 10*time.Millisecond)
	f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "dirty"})
	s.markDirty()
	waitFor(t, "the periodic save", 10*time.Second, func() bool {
		data, err := os.ReadFile(path)
		return err == nil && strings.Contains(string(data), `"dirty"`)
	})
}
