package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// userAuthServer is a server whose pool lets users sign in with a password
// or a code by e-mail or SMS, with a client that allows USER_AUTH, and
// alice, who has a verified e-mail address and phone number.
func userAuthServer(t *testing.T) (*testServer, string, string) {
	t.Helper()
	s := newTestServer(t, nil)
	pool, _ := s.pool(t, transport.PoolSettings{
		Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{
			transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP,
		}}},
		SmsConfiguration: &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
	}, nil, emailAttr("alice@example.com"), transport.Attr("phone_number", "+15555550100"))
	c := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool, ClientSettings: transport.ClientSettings{
		ClientName: "passwordless", ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
	return s, pool, c.ClientID
}

func userAuthArgs(s *testServer, pool, client string, extra ...string) []string {
	return append([]string{"login", "--endpoint", s.url, "--pool-id", pool, "--client-id", client,
		"--username", testUser, "--flow", "user-auth"}, extra...)
}

func TestLoginUserAuth(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		extra      []string
		stdin      func(*fakecognito.Fake) io.Reader
		wantCode   int
		wantStderr string // regexp
	}{
		{
			name:       "choose an e-mail code",
			stdin:      func(f *fakecognito.Fake) io.Reader { return lines(text("EMAIL_OTP"), lastCode(f)) },
			wantStderr: `(?s)Choose how to sign in:\n  1\) PASSWORD\n  2\) PASSWORD_SRP\n  3\) EMAIL_OTP\n  4\) SMS_OTP\n.*Sign-in code sent by EMAIL to a\*\*\*@e\*\*\*: `,
		},
		{
			name:       "choose by number: an SMS code",
			stdin:      func(f *fakecognito.Fake) io.Reader { return lines(text("4"), lastCode(f)) },
			wantStderr: `Sign-in code sent by SMS to \+\*+0100: `,
		},
		{
			name:       "SMS code preferred, wrong then right",
			extra:      []string{"--preferred", "sms_otp"},
			stdin:      func(f *fakecognito.Fake) io.Reader { return lines(wrongCode(f), lastCode(f)) },
			wantStderr: `code mismatch \(CodeMismatchException: .*\); try again\n`,
		},
		{
			name:       "choose a password, then type it",
			stdin:      func(*fakecognito.Fake) io.Reader { return lines(text("password"), text(testPassword)) },
			wantStderr: `Password for alice: `,
		},
		{
			name:  "SRP preferred, password on stdin",
			extra: []string{"--preferred", "PASSWORD_SRP", "--password-stdin"},
			stdin: func(*fakecognito.Fake) io.Reader { return strings.NewReader(testPassword + "\n") },
		},
		{
			name:       "a choice not offered",
			stdin:      func(*fakecognito.Fake) io.Reader { return lines(text("WEB_AUTHN"), text("9"), text("MAGIC")) },
			wantCode:   1,
			wantStderr: `"WEB_AUTHN" is not one of PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP; try again\n`,
		},
		{
			name:       "passkey preferred",
			extra:      []string{"--preferred", "WEB_AUTHN"},
			wantCode:   2,
			wantStderr: `^login: --preferred WEB_AUTHN: signing in with a passkey needs a browser \(WebAuthn\); this command cannot\n$`,
		},
		{
			name:       "unknown preference",
			extra:      []string{"--preferred", "MAGIC_LINK"},
			wantCode:   2,
			wantStderr: `^login: --preferred "MAGIC_LINK": want EMAIL_OTP, SMS_OTP, PASSWORD, PASSWORD_SRP\n$`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, pool, client := userAuthServer(t)
			var stdin io.Reader = strings.NewReader("")
			if tc.stdin != nil {
				stdin = tc.stdin(s.fake)
			}
			code, stdout, stderr := runCommand(ctx, stdin, userAuthArgs(s, pool, client, tc.extra...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			if code == 0 {
				decodeTokens(t, stdout)
			}
			if !regexp.MustCompile(tc.wantStderr).MatchString(stderr) {
				t.Errorf("stderr %q does not match %q", stderr, tc.wantStderr)
			}
		})
	}
}

func TestLoginPreferredNeedsUserAuth(t *testing.T) {
	s, pool, client := userAuthServer(t)
	code, _, stderr := runCommand(context.Background(), strings.NewReader(testPassword+"\n"),
		loginArgs(s, pool, client, "--preferred", "EMAIL_OTP")...)
	if code != 2 || stderr != "login: --preferred needs --flow user-auth\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestPromptPasskey(t *testing.T) {
	for _, tc := range []struct {
		name    string
		need    states.Need
		stdin   string
		want    engine.Answer
		wantErr error
		wantOut string
	}{
		{"passkey needs a browser", states.NeedPasskey{RequestOptions: "{}"}, "", nil, errPasskeyNeedsBrowser, ""},
		{"only a passkey offered", states.NeedFirstFactorChoice{Options: []string{"WEB_AUTHN"}}, "1\n", nil, errPasskeyNeedsBrowser, ""},
		{"a passkey among others is left out", states.NeedFirstFactorChoice{Options: []string{"WEB_AUTHN", "EMAIL_OTP"}}, "1\n",
			engine.FirstFactor("EMAIL_OTP"), nil, "(A passkey is offered too, but it needs a browser.)\nChoose how to sign in:\n  1) EMAIL_OTP\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			a, err := newPrompter(strings.NewReader(tc.stdin), &out).answer(tc.need, testUser)
			if !errors.Is(err, tc.wantErr) || a != tc.want {
				t.Fatalf("answer %v, %v; want %v, %v", a, err, tc.want, tc.wantErr)
			}
			if tc.wantErr != nil && !errors.Is(err, errCannotAsk) {
				t.Fatalf("err %v does not say the command cannot ask", err)
			}
			if !strings.HasPrefix(out.String(), tc.wantOut) {
				t.Fatalf("prompt %q, want it to start with %q", out.String(), tc.wantOut)
			}
		})
	}
}
