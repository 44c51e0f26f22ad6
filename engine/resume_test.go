package engine_test

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// resumeViaJSON writes the login's snapshot to JSON and resumes it with a
// fresh Config around tr, as another process would.
func resumeViaJSON(t *testing.T, e *env, l *engine.Login, tr transport.Authenticator) *engine.Login {
	t.Helper()
	data, err := json.Marshal(l.Snapshot())
	must(t, err)
	snap, err := engine.ParseSnapshot(data)
	must(t, err)
	l2, err := engine.Resume(e.config(tr), snap)
	must(t, err)
	return l2
}

func TestResumeMFAFromJSON(t *testing.T) {
	e := newEnv(t)
	first := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("SMS_MFA", "S1", map[string]string{
			"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+***9", "USER_ID_FOR_SRP": userID,
		})),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(first), engine.Credentials{Username: typed, Password: pw, ClientMetadata: map[string]string{"k": "v"}})
	must(t, err)
	first.done()

	data, err := json.Marshal(l.Snapshot())
	must(t, err)
	for _, secret := range []string{pw, testSecret, e.srpA} {
		if bytes.Contains(data, []byte(secret)) {
			t.Fatalf("snapshot holds %q: %s", secret, data)
		}
	}

	e.clock.Advance(2 * time.Minute)
	reply := e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "424242"}, tokens(nil))
	second := newScript(t, step{op: reply.op, reply: reply.reply, check: func(t *testing.T, in any) {
		reply.check(t, in)
		if md := in.(*transport.RespondToAuthChallengeInput).ClientMetadata; md["k"] != "v" {
			t.Errorf("client metadata lost: %v", md)
		}
	}})
	l2 := resumeViaJSON(t, e, l, second)
	if l2.State() != states.SMSMFA {
		t.Fatalf("resumed in %s", l2.State())
	}
	if diff := cmp.Diff(states.NeedMFACode{Medium: "SMS", Destination: "+***9"}, l2.Need()); diff != "" {
		t.Fatal(diff)
	}
	must(t, l2.Submit(ctx, engine.MFACode("424242")))
	second.done()
	res, err := l2.Result()
	must(t, err)
	if res.Username != userID {
		t.Fatalf("username %q", res.Username)
	}
}

func TestResumeSealed(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{
			"requiredAttributes": `[]`, "userAttributes": `{}`, "USER_ID_FOR_SRP": userID,
		})),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	key := bytes.Repeat([]byte{7}, 32)
	sealed, err := engine.Seal(l.Snapshot(), key)
	must(t, err)
	if bytes.Contains(sealed, []byte("S1")) || bytes.Contains(sealed, []byte(typed)) {
		t.Fatal("sealed snapshot shows its content")
	}
	snap, err := engine.Open(sealed, key)
	must(t, err)
	if diff := cmp.Diff(l.Snapshot(), snap); diff != "" {
		t.Fatalf("Open(Seal(s)) != s:\n%s", diff)
	}
	s.add(e.respond("NEW_PASSWORD_REQUIRED", "S1", userID, map[string]string{"NEW_PASSWORD": "new one"}, tokens(nil)))
	l2, err := engine.Resume(e.config(s), snap)
	must(t, err)
	must(t, l2.Submit(ctx, engine.NewPassword{Password: "new one"}))
	s.done()
}

// TestResumeInit: a UI asks for the username on one request and the password
// on the next.
func TestResumeInit(t *testing.T) {
	e := newEnv(t)
	s := newScript(t)
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed})
	must(t, err)
	if s.ncalls() != 0 || l.State() != states.Init || l.Need() != (states.NeedPassword{}) {
		t.Fatalf("state %s need %v after %d calls", l.State(), l.Need(), s.ncalls())
	}
	mustErr(t, l.Submit(context.Background(), engine.Password("")), engine.ErrWrongAnswer)
	s.add(
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", tokens(nil)),
	)
	l2 := resumeViaJSON(t, e, l, s)
	if l2.Need() != (states.NeedPassword{}) {
		t.Fatalf("need %v", l2.Need())
	}
	must(t, l2.Submit(context.Background(), engine.Password(pw)))
	s.done()
	if l2.State() != states.Done {
		t.Fatalf("state %s", l2.State())
	}
}

// TestResumeAskDevicePassword: a resumed login meets DEVICE_SRP_AUTH without
// the device password, which no snapshot keeps; it asks for it.
func TestResumeAskDevicePassword(t *testing.T) {
	const key, group = "us-east-1_0a1b2c3d-0000-4000-8000-000000000004", "-grp4"
	e := newEnv(t)
	dev := e.newDevice(key, group)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, key, userID, "temporary"),
		e.passwordVerifier(userID, key, challenge("NEW_PASSWORD_REQUIRED", "S0", map[string]string{"USER_ID_FOR_SRP": userID})),
	)
	ctx := context.Background()
	l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: "temporary", Device: dev})
	must(t, err)
	s.add(e.respond("NEW_PASSWORD_REQUIRED", "S0", userID, map[string]string{"NEW_PASSWORD": "fresh"},
		challenge("DEVICE_SRP_AUTH", "S1", map[string]string{"USERNAME": userID})))
	l2 := resumeViaJSON(t, e, l, s)
	must(t, l2.Submit(ctx, engine.NewPassword{Password: "fresh"}))
	if l2.State() != states.DeviceSRP || l2.Need() != (states.NeedPassword{Device: true}) {
		t.Fatalf("state %s need %#v", l2.State(), l2.Need())
	}
	// This waiting state resumes too.
	l3 := resumeViaJSON(t, e, l2, s)
	mustErr(t, l3.Submit(ctx, engine.Password("user password")), engine.ErrWrongAnswer)
	s.add(
		e.deviceSRP(userID, key, "S1"),
		e.devicePasswordVerifier(userID, group, key, "S1", tokens(nil)),
	)
	must(t, l3.Submit(ctx, engine.DevicePassword(dev.Password)))
	s.done()
	if l3.State() != states.Done {
		t.Fatalf("state %s", l3.State())
	}
}

func TestResumeRefused(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("SOFTWARE_TOKEN_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
	)
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	good := l.Snapshot()

	// A snapshot taken when the login was at PASSWORD_VERIFIER, from an
	// observer.
	var atVerifier engine.Snapshot
	{
		e2 := newEnv(t)
		s2 := newScript(t,
			e2.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
			e2.passwordVerifier(userID, "", tokens(nil)),
		)
		var l2 *engine.Login
		cfg := e2.config(s2)
		cfg.Observe = func(tr engine.Transition) {
			if tr.To == states.PasswordVerifier {
				atVerifier = l2.Snapshot()
			}
		}
		// The observer runs inside Start, before l2 is assigned: start
		// without a password so that l2 exists first.
		var err error
		l2, err = engine.Start(context.Background(), cfg, engine.Credentials{Username: typed})
		must(t, err)
		must(t, l2.Submit(context.Background(), engine.Password(pw)))
		if atVerifier.State != states.PasswordVerifier {
			t.Fatalf("observer snapshot in %s", atVerifier.State)
		}
	}

	tests := []struct {
		name   string
		mutate func(*engine.Snapshot, *engine.Config)
		want   error
	}{
		{"expired", func(s *engine.Snapshot, c *engine.Config) {
			now := e.clock.Now().Add(engine.DefaultSessionValidity)
			c.Now = func() time.Time { return now }
		}, engine.ErrSessionExpired},
		{"longer session validity is honoured at issue time only", func(s *engine.Snapshot, c *engine.Config) {
			now := e.clock.Now().Add(engine.DefaultSessionValidity + time.Minute)
			c.Now = func() time.Time { return now }
			c.SessionValidity = 2 * engine.DefaultSessionValidity
		}, engine.ErrSessionExpired},
		{"other pool", func(s *engine.Snapshot, c *engine.Config) { c.PoolID = "us-east-1_Other1" }, engine.ErrSnapshotMismatch},
		{"other client", func(s *engine.Snapshot, c *engine.Config) { c.ClientID = "client2" }, engine.ErrSnapshotMismatch},
		{"done", func(s *engine.Snapshot, c *engine.Config) { s.State = states.Done }, engine.ErrNotResumable},
		{"failed", func(s *engine.Snapshot, c *engine.Config) { s.State = states.Failed }, engine.ErrNotResumable},
		{"at the password verifier", func(s *engine.Snapshot, c *engine.Config) { *s = atVerifier }, engine.ErrNotResumable},
		{"device verifier", func(s *engine.Snapshot, c *engine.Config) {
			s.State, s.ChallengeName = states.DevicePasswordVerifier, "DEVICE_PASSWORD_VERIFIER"
		}, engine.ErrNotResumable},
		{"rounds used up", func(s *engine.Snapshot, c *engine.Config) { c.MaxRounds = 1 }, engine.ErrTooManyRounds},
		{"version", func(s *engine.Snapshot, c *engine.Config) { s.Version = 2 }, engine.ErrBadSnapshot},
		{"state", func(s *engine.Snapshot, c *engine.Config) { s.State = "Bogus" }, engine.ErrBadSnapshot},
		{"challenge and state disagree", func(s *engine.Snapshot, c *engine.Config) { s.ChallengeName = "SMS_MFA" }, engine.ErrBadSnapshot},
		{"no session", func(s *engine.Snapshot, c *engine.Config) { s.Session = "" }, engine.ErrBadSnapshot},
		{"no expiry", func(s *engine.Snapshot, c *engine.Config) { s.SessionExpires = time.Time{} }, engine.ErrBadSnapshot},
		{"no username", func(s *engine.Snapshot, c *engine.Config) { s.Username = "" }, engine.ErrBadSnapshot},
		{"flow", func(s *engine.Snapshot, c *engine.Config) { s.Flow = "MAGIC_LINK_AUTH" }, engine.ErrBadSnapshot},
		{"admin flow without an AdminAuthenticator", func(s *engine.Snapshot, c *engine.Config) { s.Flow = transport.FlowAdminUserPassword }, engine.ErrInvalidInput},
		{"device SRP without keys", func(s *engine.Snapshot, c *engine.Config) {
			s.State, s.ChallengeName = states.DeviceSRP, "DEVICE_SRP_AUTH"
		}, engine.ErrBadSnapshot},
		{"bad config", func(s *engine.Snapshot, c *engine.Config) { c.Transport = nil }, engine.ErrInvalidInput},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			snap, cfg := good, e.config(s)
			tc.mutate(&snap, &cfg)
			l, err := engine.Resume(cfg, snap)
			mustErr(t, err, tc.want)
			if l != nil {
				t.Fatal("Resume returned a login with its error")
			}
		})
	}
	if _, err := engine.Resume(e.config(s), good); err != nil {
		t.Fatalf("the unmutated snapshot does not resume: %v", err)
	}
}

func TestSealOpen(t *testing.T) {
	e := newEnv(t)
	snap := engine.Snapshot{Version: 1, State: states.Init, Need: states.NeedJSON{Need: states.NeedPassword{}},
		PoolID: testPoolID, ClientID: testClientID, Flow: "USER_SRP_AUTH", Username: typed, TakenAt: e.clock.Now()}
	key := bytes.Repeat([]byte{1}, 16)
	sealed, err := engine.Seal(snap, key)
	must(t, err)
	got, err := engine.Open(sealed, key)
	must(t, err)
	if diff := cmp.Diff(snap, got); diff != "" {
		t.Fatal(diff)
	}
	again, err := engine.Seal(snap, key)
	must(t, err)
	if bytes.Equal(again, sealed) {
		t.Fatal("two seals share a nonce")
	}

	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x40
		if _, err := engine.Open(bad, key); !errorsIs(err, engine.ErrTampered) {
			t.Fatalf("flipping byte %d: %v", i, err)
		}
	}
	for _, bad := range [][]byte{nil, sealed[:10], sealed[:len(sealed)-1], append(bytes.Clone(sealed), 0)} {
		mustErr(t, openErr(bad, key), engine.ErrTampered)
	}
	mustErr(t, openErr(sealed, bytes.Repeat([]byte{2}, 16)), engine.ErrTampered)
	for _, n := range []int{0, 8, 15, 33} {
		_, err := engine.Seal(snap, make([]byte, n))
		mustErr(t, err, engine.ErrBadKey)
		mustErr(t, openErr(sealed, make([]byte, n)), engine.ErrBadKey)
	}
	// Sealed garbage that authenticates is still refused by the parser.
	badSnap := snap
	badSnap.Version = 9
	sealedBad, err := engine.Seal(badSnap, key)
	must(t, err)
	mustErr(t, openErr(sealedBad, key), engine.ErrBadSnapshot)
}

// TestOpenKeepsTheSealedLayout opens blobs laid out as Seal wrote them
// before crypto/cipher drew the nonce ("gcs1", nonce, ciphertext and tag,
// "gcs1" authenticated), so snapshots sealed by older versions still open,
// and checks that Seal still writes that layout.
func TestOpenKeepsTheSealedLayout(t *testing.T) {
	snap := engine.Snapshot{Version: 1, State: states.Init, Need: states.NeedJSON{Need: states.NeedPassword{}},
		PoolID: testPoolID, ClientID: testClientID, Flow: "USER_SRP_AUTH", Username: typed, TakenAt: time.Unix(1e9, 0).UTC()}
	for _, n := range []int{16, 24, 32} {
		t.Run(fmt.Sprintf("AES-%d", 8*n), func(t *testing.T) {
			key := bytes.Repeat([]byte{5}, n)
			old := sealWithNonce(t, snap, key, bytes.Repeat([]byte{9}, 12))
			got, err := engine.Open(old, key)
			must(t, err)
			if diff := cmp.Diff(snap, got); diff != "" {
				t.Fatal(diff)
			}
			sealed, err := engine.Seal(snap, key)
			must(t, err)
			if len(sealed) != len(old) || !bytes.HasPrefix(sealed, []byte("gcs1")) {
				t.Fatalf("Seal wrote %d bytes, the layout has %d", len(sealed), len(old))
			}
			// Re-sealing with Seal's own nonce must give Seal's bytes.
			if again := sealWithNonce(t, snap, key, sealed[4:16]); !bytes.Equal(again, sealed) {
				t.Fatal("Seal's output is not gcs1 || nonce || AES-GCM(snapshot, ad=gcs1)")
			}
		})
	}
}

// sealWithNonce lays out a sealed snapshot by hand with a chosen nonce, as
// Seal wrote it before the nonce was drawn by crypto/cipher: a fixed
// blob for the fuzz corpus and for the layout test.
func sealWithNonce(t testing.TB, s engine.Snapshot, key, nonce []byte) []byte {
	t.Helper()
	plain, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte("gcs1"), nonce...)
	return gcm.Seal(out, nonce, plain, []byte("gcs1"))
}

func openErr(sealed, key []byte) error {
	_, err := engine.Open(sealed, key)
	return err
}

func FuzzOpen(f *testing.F) {
	key := bytes.Repeat([]byte{3}, 32)
	snap := engine.Snapshot{Version: 1, State: states.SMSMFA, ChallengeName: "SMS_MFA", Session: "S",
		SessionExpires: time.Unix(1e9, 0).UTC(), PoolID: testPoolID, ClientID: testClientID, Flow: "USER_SRP_AUTH", Username: "u"}
	sealed := sealWithNonce(f, snap, key, bytes.Repeat([]byte{1}, 12))
	f.Add(sealed)
	f.Add([]byte("gcs1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := engine.Open(data, key)
		if err != nil {
			if !errorsIs(err, engine.ErrTampered) && !errorsIs(err, engine.ErrBadSnapshot) {
				t.Fatalf("Open error %v matches neither ErrTampered nor ErrBadSnapshot", err)
			}
			return
		}
		if !bytes.Equal(data, sealed) {
			t.Fatalf("Open accepted a blob Seal did not make: %v", s)
		}
	})
}

func FuzzParseSnapshot(f *testing.F) {
	good, _ := json.Marshal(engine.Snapshot{Version: 1, State: states.SelectMFAType, ChallengeName: "SELECT_MFA_TYPE",
		ChallengeParameters: map[string]string{"MFAS_CAN_CHOOSE": `["SMS_MFA"]`}, Session: "S",
		SessionExpires: time.Unix(2e9, 0).UTC(), PoolID: testPoolID, ClientID: testClientID, Flow: "USER_SRP_AUTH", Username: "u"})
	f.Add(good)
	f.Add([]byte(`{"version":1,"state":"Init","flow":"USER_SRP_AUTH","username":"u","need":{"kind":"password"}}`))
	f.Add([]byte(`{"version":1,"state":"DeviceSRP","challengeName":"DEVICE_SRP_AUTH"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := engine.ParseSnapshot(data)
		if err != nil {
			if !errorsIs(err, engine.ErrBadSnapshot) {
				t.Fatalf("error %v does not match ErrBadSnapshot", err)
			}
			return
		}
		// Whatever parses must resume or be refused with a typed error,
		// never panic, and must survive a JSON round trip.
		s.PoolID, s.ClientID = testPoolID, testClientID
		l, err := engine.Resume(engine.Config{PoolID: testPoolID, ClientID: testClientID, Transport: newScript(t),
			Now: func() time.Time { return time.Unix(1e9, 0) }}, s)
		if err == nil {
			_ = l.Need()
			_ = l.Snapshot()
		} else if !errorsIs(err, engine.ErrNotResumable) && !errorsIs(err, engine.ErrSessionExpired) && !errorsIs(err, engine.ErrTooManyRounds) {
			t.Fatalf("Resume: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := engine.ParseSnapshot(b); err != nil {
			t.Fatalf("re-parse of %s: %v", b, err)
		}
	})
}
