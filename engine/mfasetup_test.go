package engine_test

import (
	"context"
	"errors"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// TestAssociateFailsAfterNewPassword: Cognito accepted the new password and
// answered MFA_SETUP, then AssociateSoftwareToken failed. The new password
// cannot be sent again (its session is used up), so the error is judged in
// MFASetup: a retryable one leaves the login there, without a secret, until
// Submit(TOTPSetupCode{}) fetches it; any other fails it.
func TestAssociateFailsAfterNewPassword(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXP"
	tests := []struct {
		name      string
		fault     func(cancel func()) func(context.Context, any) (any, error)
		wantErr   []error
		wantState states.State
	}{
		{"throttled", func(func()) func(context.Context, any) (any, error) {
			return fails(transport.NewError("TooManyRequestsException", "Rate exceeded"))
		}, []error{engine.ErrTOTPSecretPending, transport.ErrTooManyRequests}, states.MFASetup},
		{"network error", func(func()) func(context.Context, any) (any, error) {
			return fails(errors.New("connection reset"))
		}, []error{engine.ErrTOTPSecretPending}, states.MFASetup},
		{"cancelled", stall, []error{engine.ErrTOTPSecretPending, context.Canceled}, states.MFASetup},
		{"session expired", func(func()) func(context.Context, any) (any, error) {
			return fails(transport.NewError("NotAuthorizedException", "Invalid session for the user, session is expired."))
		}, []error{engine.ErrTOTPSecretPending, engine.ErrSessionExpired}, states.Failed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, "temporary"),
				e.passwordVerifier(userID, "", challenge("NEW_PASSWORD_REQUIRED", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
				e.respond("NEW_PASSWORD_REQUIRED", "S1", userID, map[string]string{"NEW_PASSWORD": "new password 1!"},
					challenge("MFA_SETUP", "S2", map[string]string{"MFAS_CAN_SETUP": `["SOFTWARE_TOKEN_MFA"]`})),
				step{op: "AssociateSoftwareToken", reply: tc.fault(cancel)},
			)
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: "temporary"})
			must(t, err)
			mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "new password 1!"}), tc.wantErr...)
			s.done()
			if l.State() != tc.wantState {
				t.Fatalf("state %s, want %s", l.State(), tc.wantState)
			}
			if tc.wantState == states.Failed {
				if got := e.path(); got != "Init>PasswordVerifier>NewPasswordRequired>MFASetup>Failed" {
					t.Fatalf("path %s", got)
				}
				return
			}
			if n, ok := l.Need().(states.NeedTOTPSetup); !ok || n.Secret != "" {
				t.Fatalf("need %#v, want a NeedTOTPSetup without a secret", l.Need())
			}
			// No secret was shown, so no code can be right; nothing is sent.
			mustErr(t, l.Submit(context.Background(), engine.TOTPSetupCode{Code: "123456"}), engine.ErrWrongAnswer)
			snap := l.Snapshot()
			if !snap.TOTPSecretPending || snap.Session != "S2" {
				t.Fatalf("snapshot pending %v session %q", snap.TOTPSecretPending, snap.Session)
			}
			l, err = engine.Resume(e.config(s), snap)
			must(t, err)

			s.add(
				step{op: "AssociateSoftwareToken",
					check: func(t *testing.T, in any) {
						if got := in.(*transport.AssociateSoftwareTokenInput); got.Session != "S2" {
							t.Errorf("AssociateSoftwareToken with session %q, want S2", got.Session)
						}
					},
					reply: func(context.Context, any) (any, error) {
						return &transport.AssociateSoftwareTokenOutput{SecretCode: secret, Session: "S3"}, nil
					}},
				step{op: "VerifySoftwareToken",
					check: func(t *testing.T, in any) {
						if got := in.(*transport.VerifySoftwareTokenInput); got.Session != "S3" || got.UserCode != "123456" {
							t.Errorf("VerifySoftwareToken %+v", got)
						}
					},
					reply: func(context.Context, any) (any, error) {
						return &transport.VerifySoftwareTokenOutput{Status: "SUCCESS", Session: "S4"}, nil
					}},
				e.respond("MFA_SETUP", "S4", userID, nil, tokens(nil)),
			)
			must(t, l.Submit(context.Background(), engine.TOTPSetupCode{}))
			if n, ok := l.Need().(states.NeedTOTPSetup); !ok || n.Secret != secret || n.URI == "" {
				t.Fatalf("need %#v after fetching the secret", l.Need())
			}
			if l.Snapshot().TOTPSecretPending {
				t.Fatal("still pending after the secret came")
			}
			mustErr(t, l.Submit(context.Background(), engine.TOTPSetupCode{}), engine.ErrWrongAnswer)
			must(t, l.Submit(context.Background(), engine.TOTPSetupCode{Code: "123456"}))
			s.done()
			if l.State() != states.Done {
				t.Fatalf("state %s", l.State())
			}
		})
	}
}

// TestFakeAssociateThrottledAfterNewPassword runs the same story against the
// fake, which changes the password when it answers MFA_SETUP and refuses a
// session used twice.
func TestFakeAssociateThrottledAfterNewPassword(t *testing.T) {
	ctx := context.Background()
	fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{})
	fe.mfaConfig(transport.MFAOn, false, true, false)
	_, err := fe.f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: fe.pool.ID, Username: "alice",
		TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS"})
	must(t, err)
	l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Temp-Pass-0!"})
	must(t, err)
	if _, ok := l.Need().(states.NeedNewPassword); !ok {
		t.Fatalf("need %#v", l.Need())
	}

	fe.f.Fail("AssociateSoftwareToken", fakecognito.Fault{Err: fakecognito.Throttle.Err, Times: 1})
	mustErr(t, l.Submit(ctx, engine.NewPassword{Password: fakeNewPass}), engine.ErrTOTPSecretPending, transport.ErrTooManyRequests)
	if l.State() != states.MFASetup {
		t.Fatalf("state %s after a throttled AssociateSoftwareToken, want MFASetup", l.State())
	}
	// The next request, on another instance, fetches the secret.
	l = fe.resume(l)
	must(t, l.Submit(ctx, engine.TOTPSetupCode{}))
	need, ok := l.Need().(states.NeedTOTPSetup)
	if !ok || need.Secret == "" {
		t.Fatalf("need %#v", l.Need())
	}
	must(t, l.Submit(ctx, engine.TOTPSetupCode{Code: fe.totp(need.Secret)}))
	fe.wantPath("Init>PasswordVerifier>NewPasswordRequired>MFASetup>Done")
	if _, err := l.Result(); err != nil {
		t.Fatal(err)
	}
}
