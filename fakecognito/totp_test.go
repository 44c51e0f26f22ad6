package fakecognito

import (
	"errors"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

func TestCheckTOTP(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW"
	now := testStart
	step := now.Unix() / totpPeriod
	codeAt := func(d time.Duration) string {
		c, err := TOTPCode(secret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		code     string
		lastStep int64
		want     totpResult
		wantStep int64
	}{
		{name: "current step", code: codeAt(0), want: totpOK, wantStep: step},
		{name: "one step early", code: codeAt(-30 * time.Second), want: totpOK, wantStep: step - 1},
		{name: "one step late", code: codeAt(30 * time.Second), want: totpOK, wantStep: step + 1},
		{name: "two steps early", code: codeAt(-60 * time.Second), want: totpWrong},
		{name: "two steps late", code: codeAt(60 * time.Second), want: totpWrong},
		{name: "used step", code: codeAt(0), lastStep: step, want: totpReused},
		{name: "earlier than a used step", code: codeAt(-30 * time.Second), lastStep: step, want: totpReused},
		{name: "later than a used step", code: codeAt(30 * time.Second), lastStep: step, want: totpOK, wantStep: step + 1},
		{name: "too short", code: "12345", want: totpWrong},
		{name: "not digits", code: "abcdef", want: totpWrong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotStep := checkTOTP(secret, tt.code, now, tt.lastStep)
			if got != tt.want || got == totpOK && gotStep != tt.wantStep {
				t.Errorf("checkTOTP = %v, step %d; want %v, step %d", got, gotStep, tt.want, tt.wantStep)
			}
		})
	}
	if got, _ := checkTOTP("not base32!", codeAt(0), now, 0); got != totpWrong {
		t.Errorf("a malformed secret matched")
	}
}

// TestTOTPCodeKnownAnswer checks the RFC 6238 appendix B vector for SHA-1
// (secret "12345678901234567890", T = 59 s), cut to six digits.
func TestTOTPCodeKnownAnswer(t *testing.T) {
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // base32 of "12345678901234567890"
	got, err := TOTPCode(secret, time.Unix(59, 0))
	if err != nil || got != "287082" {
		t.Fatalf("TOTPCode = %q, %v; want 287082", got, err)
	}
}

func TestSetUserTOTPSecret(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW"
	tests := []struct {
		name, user, secret string
		wantCode           string // "" for success
	}{
		{name: "a Cognito-length secret", user: "alice", secret: secret},
		{name: "lower case with padding", user: "alice", secret: "gezdgnbvgy3tqojqgezdgnbvgy3tqojq===="},
		{name: "not base32", user: "alice", secret: "not base32!", wantCode: "InvalidParameterException"},
		{name: "too short", user: "alice", secret: "JBSWY3DPEHPK3PXP", wantCode: "InvalidParameterException"},
		{name: "unknown user", user: "nobody", secret: secret, wantCode: "UserNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mfaEnv(t, transport.MFAOptional, true, false)
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			err := e.f.SetUserTOTPSecret(e.pool.ID, tt.user, tt.secret)
			if tt.wantCode != "" {
				var te *transport.Error
				if !errors.As(err, &te) || te.Code != tt.wantCode {
					t.Fatalf("err = %v, want %s", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// The secret counts as verified: TOTP MFA can be turned on,
			// and the next login asks for the app's code, which TOTPCode
			// computes from the same secret.
			if _, err := e.cog.AdminSetUserMFAPreference(e.ctx, &transport.AdminSetUserMFAPreferenceInput{
				UserPoolID: e.pool.ID, Username: "alice",
				SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true},
			}); err != nil {
				t.Fatal(err)
			}
			ch := e.challenge(transport.ChallengeSoftwareTokenMFA)(e.srpLogin("alice", testPassword, nil))
			code, err := TOTPCode(tt.secret, e.clk.Now())
			if err != nil {
				t.Fatal(err)
			}
			e.tokens(e.respond(transport.ChallengeSoftwareTokenMFA, ch.Session, map[string]string{
				transport.ParamUsername: "alice", transport.ParamSoftwareTokenMFACode: code}))
		})
	}
}
