package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// setupFakeEnv is a fake pool requiring MFA, offering TOTP and e-mail as
// asked, with a user "alice" that has no MFA and no e-mail address.
func setupFakeEnv(t *testing.T, totp, email bool) *fakeEnv {
	t.Helper()
	fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{})
	fe.mfaConfig(transport.MFAOn, false, totp, email)
	fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
	return fe
}

func wantNeed(t *testing.T, l *engine.Login, want states.Need) {
	t.Helper()
	if diff := cmp.Diff(want, l.Need()); diff != "" {
		t.Fatalf("need (-want +got):\n%s", diff)
	}
}

func TestEmailMFASetupOverFake(t *testing.T) {
	ctx := context.Background()
	both := states.NeedMFASetupChoice{Options: []string{"SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}}
	tests := []struct {
		name      string
		totp      bool
		authOnly  bool // a transport without AssociateSoftwareToken
		first     states.Need
		detour    bool // choose TOTP first, then change to e-mail
		resumeAll bool // resume from JSON before every answer
	}{
		{"choice, then e-mail", true, false, both, false, false},
		{"choice resumed at every step", true, false, both, false, true},
		{"TOTP chosen, then e-mail instead", true, false, both, true, false},
		{"e-mail the only kind", false, false, states.NeedEmailSetup{}, false, false},
		{"TOTP out of the transport's reach", true, true, states.NeedEmailSetup{}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := setupFakeEnv(t, tc.totp, true)
			cfg := fe.config()
			if tc.authOnly {
				cfg.Transport = authOnly{fe.f}
			}
			l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
			must(t, err)
			step := func() {
				t.Helper()
				if !tc.resumeAll {
					return
				}
				data, err := json.Marshal(l.Snapshot())
				must(t, err)
				snap, err := engine.ParseSnapshot(data)
				must(t, err)
				next, err := engine.Resume(cfg, snap)
				must(t, err)
				if diff := cmp.Diff(l.Need(), next.Need()); diff != "" {
					t.Fatalf("resumed need (-before +after):\n%s", diff)
				}
				l = next
			}
			if l.State() != states.MFASetup {
				t.Fatalf("state %s", l.State())
			}
			wantNeed(t, l, tc.first)
			step()
			if _, ok := tc.first.(states.NeedMFASetupChoice); ok {
				if tc.detour {
					must(t, l.Submit(ctx, engine.MFAChoice("SOFTWARE_TOKEN_MFA")))
					n, ok := l.Need().(states.NeedTOTPSetup)
					if !ok || n.Secret == "" || !strings.HasPrefix(n.URI, "otpauth://totp/") {
						t.Fatalf("need after choosing TOTP: %#v", l.Need())
					}
					// An e-mail address is no answer to a TOTP setup.
					mustErr(t, l.Submit(ctx, engine.EmailAddress("alice@example.org")), engine.ErrWrongAnswer)
				}
				mustErr(t, l.Submit(ctx, engine.MFAChoice("SMS_MFA")), engine.ErrWrongAnswer)
				must(t, l.Submit(ctx, engine.MFAChoice("EMAIL_OTP")))
				wantNeed(t, l, states.NeedEmailSetup{})
				step()
			}
			mustErr(t, l.Submit(ctx, engine.TOTPSetupCode{Code: "123456"}), engine.ErrWrongAnswer)
			mustErr(t, l.Submit(ctx, engine.EmailAddress("")), engine.ErrWrongAnswer)
			must(t, l.Submit(ctx, engine.EmailAddress("alice@example.org")))
			if l.State() != states.EmailOTP {
				t.Fatalf("state %s after the address", l.State())
			}
			wantNeed(t, l, states.NeedMFACode{Medium: "EMAIL", Destination: "a***@e***"})
			step()
			mustErr(t, l.Submit(ctx, engine.MFACode("000000")), transport.ErrCodeMismatch)
			must(t, l.Submit(ctx, fe.code("alice@example.org")))
			res, err := l.Result()
			must(t, err)
			if res.Tokens.AccessToken == "" {
				t.Fatal("no tokens")
			}
			path := fe.takePath()
			if !strings.HasSuffix(path, "MFASetup>EmailOTP>Done") {
				t.Fatalf("path %s", path)
			}

			// The address is now the user's, and the next login asks for
			// an e-mail code at once.
			l, err = engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
			must(t, err)
			wantNeed(t, l, states.NeedMFACode{Medium: "EMAIL", Destination: "a***@e***"})
			must(t, l.Submit(ctx, fe.code("alice@example.org")))
			fe.wantPath("Init>PasswordVerifier>EmailOTP>Done")
		})
	}
}

func TestMFASetupChoiceFromAuthenticate(t *testing.T) {
	fe := setupFakeEnv(t, true, true)
	_, err := engine.Authenticate(context.Background(), fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
	var ce *engine.ChallengeError
	if !errors.As(err, &ce) || !errors.Is(err, engine.ErrMFASetupRequired) {
		t.Fatalf("Authenticate = %v, want a ChallengeError matching ErrMFASetupRequired", err)
	}
	if _, ok := ce.Need.(states.NeedMFASetupChoice); !ok {
		t.Fatalf("need %#v", ce.Need)
	}
	b, err := json.Marshal(states.NeedJSON{Need: ce.Need})
	must(t, err)
	if string(b) != `{"kind":"mfa_setup_choice","options":["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]}` {
		t.Fatalf("NeedJSON = %s", b)
	}
}

func TestEmailAddressHidden(t *testing.T) {
	a := engine.EmailAddress("alice@example.org")
	for _, s := range []string{a.String(), a.GoString(), a.LogValue().String()} {
		if strings.Contains(s, "alice") {
			t.Errorf("%q shows the address", s)
		}
	}
}

func TestResumeRefusesForeignSetupChoice(t *testing.T) {
	fe := setupFakeEnv(t, true, true)
	l, err := engine.Start(context.Background(), fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
	must(t, err)
	snap := l.Snapshot()
	snap.MFASetupChoice = "SMS_MFA"
	_, err = engine.Resume(fe.config(), snap)
	mustErr(t, err, engine.ErrBadSnapshot)
}
