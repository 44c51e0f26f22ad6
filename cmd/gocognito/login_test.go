package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// answers is a stdin whose lines are computed when the command reads them,
// so that a test answers a prompt with what the fake has just sent.
type answers struct {
	lines []func() string
	buf   []byte
}

func lines(ls ...func() string) *answers { return &answers{lines: ls} }

func text(s string) func() string { return func() string { return s } }

func (a *answers) Read(p []byte) (int, error) {
	if len(a.buf) == 0 {
		if len(a.lines) == 0 {
			return 0, io.EOF
		}
		a.buf = []byte(a.lines[0]() + "\n")
		a.lines = a.lines[1:]
	}
	n := copy(p, a.buf)
	a.buf = a.buf[n:]
	return n, nil
}

// lastCode reads the code the fake last sent to the user.
func lastCode(f *fakecognito.Fake) func() string {
	return func() string { return f.Outbox().LastCode(testUser) }
}

// wrongCode is the code the fake last sent, with every digit changed.
func wrongCode(f *fakecognito.Fake) func() string {
	return func() string {
		b := []byte(f.Outbox().LastCode(testUser))
		for i, c := range b {
			b[i] = '0' + (c-'0'+1)%10
		}
		return string(b)
	}
}

func loginArgs(s *testServer, pool, client string, extra ...string) []string {
	return append([]string{"login", "--endpoint", s.url, "--pool-id", pool, "--client-id", client,
		"--username", testUser, "--password-stdin"}, extra...)
}

func decodeTokens(t *testing.T, stdout string) transport.AuthenticationResult {
	t.Helper()
	var r transport.AuthenticationResult
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("stdout is not an AuthenticationResult: %v\n%s", err, stdout)
	}
	if r.AccessToken == "" || r.IDToken == "" || r.RefreshToken == "" || r.TokenType != "Bearer" || r.ExpiresIn <= 0 {
		t.Fatalf("incomplete AuthenticationResult: %s", stdout)
	}
	return r
}

func emailMFA() (transport.PoolSettings, *transport.UserPoolMfaConfig) {
	return transport.PoolSettings{MfaConfiguration: transport.MFAOn},
		&transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOn, EmailMfaConfiguration: &transport.EmailMfaConfig{}}
}

func TestLogin(t *testing.T) {
	ctx := context.Background()
	type setup struct {
		settings transport.PoolSettings
		mfa      *transport.UserPoolMfaConfig
		attrs    []transport.AttributeType
	}
	email := transport.Attr("email", "alice@example.com")
	mfaSettings, mfaConfig := emailMFA()
	tests := []struct {
		name       string
		setup      setup
		extra      []string
		stdin      func(*fakecognito.Fake) io.Reader
		wantCode   int
		wantStdout string // regexp; "" means an AuthenticationResult as JSON when wantCode is 0
		wantStderr string // regexp
	}{
		{
			name:  "password only",
			stdin: func(*fakecognito.Fake) io.Reader { return strings.NewReader(testPassword + "\n") },
		},
		{
			name:       "password without final newline, env output",
			extra:      []string{"--output", "env"},
			stdin:      func(*fakecognito.Fake) io.Reader { return strings.NewReader(testPassword) },
			wantStdout: `(?s)^export COGNITO_ID_TOKEN='ey[^']+'\nexport COGNITO_ACCESS_TOKEN='ey[^']+'\nexport COGNITO_REFRESH_TOKEN='[^']+'\nexport COGNITO_TOKEN_TYPE='Bearer'\nexport COGNITO_EXPIRES_IN='3600'\n$`,
		},
		{
			name:       "wrong password",
			stdin:      func(*fakecognito.Fake) io.Reader { return strings.NewReader("Wr0ng-Horse!\n") },
			wantCode:   1,
			wantStderr: `^login: incorrect username or password, or a pool id that is not the client's pool \(NotAuthorizedException: Incorrect username or password\.\)\n$`,
		},
		{
			name:       "empty stdin",
			stdin:      func(*fakecognito.Fake) io.Reader { return strings.NewReader("") },
			wantCode:   1,
			wantStderr: `^login: no answer on stdin to the prompt "Password for alice"\n$`,
		},
		{
			name:       "e-mail MFA code answered on stdin",
			setup:      setup{settings: mfaSettings, mfa: mfaConfig, attrs: []transport.AttributeType{email}},
			stdin:      func(f *fakecognito.Fake) io.Reader { return lines(text(testPassword), lastCode(f)) },
			wantStderr: `Code sent by EMAIL to a\*\*\*@e\*\*\*: `,
		},
		{
			name:  "wrong MFA code, then the right one",
			setup: setup{settings: mfaSettings, mfa: mfaConfig, attrs: []transport.AttributeType{email}},
			stdin: func(f *fakecognito.Fake) io.Reader {
				return lines(text(testPassword), wrongCode(f), lastCode(f))
			},
			wantStderr: `code mismatch \(CodeMismatchException: [^\n]*\); try again\n`,
		},
		{
			name:  "wrong MFA code until stdin ends",
			setup: setup{settings: mfaSettings, mfa: mfaConfig, attrs: []transport.AttributeType{email}},
			stdin: func(f *fakecognito.Fake) io.Reader {
				return lines(text(testPassword), wrongCode(f))
			},
			wantCode:   1,
			wantStderr: `\nlogin: code mismatch \(CodeMismatchException: [^\n]*\)\n$`,
		},
		{
			name:  "wrong MFA code three times",
			setup: setup{settings: mfaSettings, mfa: mfaConfig, attrs: []transport.AttributeType{email}},
			stdin: func(f *fakecognito.Fake) io.Reader {
				return lines(text(testPassword), wrongCode(f), wrongCode(f), wrongCode(f), lastCode(f))
			},
			wantCode:   1,
			wantStderr: `\nlogin: (code mismatch|not authorized) \([^\n]*\)\n$`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t, nil)
			pool, client := s.pool(t, tt.setup.settings, tt.setup.mfa, tt.setup.attrs...)
			code, stdout, stderr := runCommand(ctx, tt.stdin(s.fake), append(loginArgs(s, pool, client), tt.extra...)...)
			if code != tt.wantCode {
				t.Fatalf("exit status %d, want %d\nstderr:\n%s", code, tt.wantCode, stderr)
			}
			switch {
			case tt.wantStdout != "":
				if !regexp.MustCompile(tt.wantStdout).MatchString(stdout) {
					t.Errorf("stdout does not match %s:\n%s", tt.wantStdout, stdout)
				}
			case tt.wantCode == 0:
				decodeTokens(t, stdout)
			case stdout != "":
				t.Errorf("a failed login printed on stdout: %q", stdout)
			}
			if tt.wantStderr != "" && !regexp.MustCompile(tt.wantStderr).MatchString(stderr) {
				t.Errorf("stderr does not match %s:\n%s", tt.wantStderr, stderr)
			}
			if strings.Contains(stderr, testPassword) {
				t.Error("stderr shows the password")
			}
		})
	}
}

func TestLoginUserNotFound(t *testing.T) {
	s := newTestServer(t, nil)
	pool := s.fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "legacy"})
	client := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{
			ClientName:                 "legacy",
			ExplicitAuthFlows:          []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			PreventUserExistenceErrors: transport.PreventUserExistenceLegacy,
		},
	})
	code, _, stderr := runCommand(context.Background(), strings.NewReader(testPassword), loginArgs(s, pool.ID, client.ClientID)...)
	if code != 1 || !strings.HasPrefix(stderr, "login: user not found (UserNotFoundException: ") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("exit %d, stderr %q; want 1 and one line saying the user was not found", code, stderr)
	}
}

// TestLoginTOTP sets up an authenticator app during the login (MFA_SETUP),
// then logs in again with a code from it, the test playing the app with
// the fake's clock.
func TestLoginTOTP(t *testing.T) {
	ctx := context.Background()
	clock := newFrozenClock(time.Now())
	s := newTestServer(t, clock.Now)
	pool, client := s.pool(t, transport.PoolSettings{MfaConfiguration: transport.MFAOn}, &transport.UserPoolMfaConfig{
		MfaConfiguration: transport.MFAOn, SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true},
	})

	var stderr syncBuffer
	secret := func() string {
		m := regexp.MustCompile(`secret: ([A-Z2-7]+)\n`).FindStringSubmatch(stderr.String())
		if m == nil {
			return ""
		}
		return m[1]
	}
	app := func() string {
		code, err := fakecognito.TOTPCode(secret(), clock.Now())
		if err != nil {
			return "no secret shown"
		}
		return code
	}
	var stdout syncBuffer
	if code := run(ctx, loginArgs(s, pool, client), lines(text(testPassword), app), &stdout, &stderr); code != 0 {
		t.Fatalf("setup login: exit %d\n%s", code, stderr.String())
	}
	decodeTokens(t, stdout.String())
	if !strings.Contains(stderr.String(), "URI:    otpauth://totp/gocognito:alice?") {
		t.Errorf("the otpauth URI was not shown:\n%s", stderr.String())
	}

	clock.Advance(30 * time.Second) // the fake refuses a code twice
	first := stderr.String()
	var stdout2 syncBuffer
	if code := run(ctx, loginArgs(s, pool, client), lines(text(testPassword), app), &stdout2, &stderr); code != 0 {
		t.Fatalf("TOTP login: exit %d\n%s", code, stderr.String())
	}
	decodeTokens(t, stdout2.String())
	if second := strings.TrimPrefix(stderr.String(), first); !strings.Contains(second, "Code from your authenticator app: ") {
		t.Errorf("no TOTP prompt in the second login:\n%s", second)
	}
}

func TestLoginNewPassword(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, nil)
	pool := s.fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "invite"})
	client := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID:     pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "cli", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}},
	})
	if _, err := s.fake.AdminCreateUser(ctx, &transport.AdminCreateUserInput{
		UserPoolID: pool.ID, Username: testUser, TemporaryPassword: "Temp0rary-Pass!", MessageAction: "SUPPRESS",
	}); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCommand(ctx, lines(text("Temp0rary-Pass!"), text(testPassword)), loginArgs(s, pool.ID, client.ClientID)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	decodeTokens(t, stdout)
	if !strings.Contains(stderr, "A new password is required.\nNew password: ") {
		t.Errorf("no new-password prompt:\n%s", stderr)
	}
	// The new password is the password now.
	code, stdout, stderr = runCommand(ctx, strings.NewReader(testPassword), loginArgs(s, pool.ID, client.ClientID)...)
	if code != 0 {
		t.Fatalf("login with the new password: exit %d\n%s", code, stderr)
	}
	decodeTokens(t, stdout)
}

func TestLoginMFAChoice(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, nil)
	pool, client := s.pool(t, transport.PoolSettings{MfaConfiguration: transport.MFAOptional}, &transport.UserPoolMfaConfig{
		MfaConfiguration:      transport.MFAOptional,
		SmsMfaConfiguration:   &transport.SmsMfaConfig{},
		EmailMfaConfiguration: &transport.EmailMfaConfig{},
	}, transport.Attr("email", "alice@example.com"), transport.Attr("phone_number", "+15555550100"))
	if _, err := s.fake.AdminSetUserMFAPreference(ctx, &transport.AdminSetUserMFAPreferenceInput{
		UserPoolID: pool, Username: testUser,
		SMSMfaSettings:   &transport.MFASettings{Enabled: true},
		EmailMfaSettings: &transport.MFASettings{Enabled: true},
	}); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCommand(ctx, lines(text(testPassword), text("email_otp"), lastCode(s.fake)), loginArgs(s, pool, client)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	decodeTokens(t, stdout)
	for _, want := range []string{"Choose an MFA method:\n", ") SMS_MFA\n", ") EMAIL_OTP\n", "Code sent by EMAIL to "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestLoginEmailMFASetup sets e-mail MFA up during the login: the user
// picks e-mail among the kinds MFA_SETUP offers, types an address, then the
// code sent there; the next login asks for an e-mail code at once.
func TestLoginEmailMFASetup(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, nil)
	pool, client := s.pool(t, transport.PoolSettings{MfaConfiguration: transport.MFAOn}, &transport.UserPoolMfaConfig{
		MfaConfiguration:              transport.MFAOn,
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true},
		EmailMfaConfiguration:         &transport.EmailMfaConfig{},
	})
	for _, tc := range []struct {
		name   string
		choice string
	}{
		{"by name", "email_otp"},
		{"by number", "2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.fake.AdminSetUserMFAPreference(ctx, &transport.AdminSetUserMFAPreferenceInput{
				UserPoolID: pool, Username: testUser, EmailMfaSettings: &transport.MFASettings{Enabled: false},
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.fake.AdminDeleteUserAttributes(ctx, &transport.AdminDeleteUserAttributesInput{
				UserPoolID: pool, Username: testUser, UserAttributeNames: []string{"email"},
			}); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCommand(ctx, lines(text(testPassword), text(tc.choice), text("alice@example.org"), lastCode(s.fake)), loginArgs(s, pool, client)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			decodeTokens(t, stdout)
			for _, want := range []string{"MFA is required: choose how to set it up:\n", "1) SOFTWARE_TOKEN_MFA\n", "2) EMAIL_OTP\n",
				"E-mail address for MFA codes: ", "Code sent by EMAIL to a***@e***: "} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			code, stdout, stderr = runCommand(ctx, lines(text(testPassword), lastCode(s.fake)), loginArgs(s, pool, client)...)
			if code != 0 {
				t.Fatalf("second login: exit %d\n%s", code, stderr)
			}
			decodeTokens(t, stdout)
			if strings.Contains(stderr, "choose how to set it up") || !strings.Contains(stderr, "Code sent by EMAIL to a***@e***: ") {
				t.Errorf("the second login did not go straight to the e-mail code:\n%s", stderr)
			}
		})
	}
}

// TestLoginDeviceFile remembers the device in the first login and skips
// MFA with it in the second, as ChallengeRequiredOnNewDevice allows.
func TestLoginDeviceFile(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, nil)
	settings, mfa := emailMFA()
	settings.DeviceConfiguration = &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true}
	pool, client := s.pool(t, settings, mfa, transport.Attr("email", "alice@example.com"))
	file := filepath.Join(t.TempDir(), "device.json")
	args := loginArgs(s, pool, client, "--device-file", file)

	code, stdout, stderr := runCommand(ctx, lines(text(testPassword), lastCode(s.fake)), args...)
	if code != 0 {
		t.Fatalf("first login: exit %d\n%s", code, stderr)
	}
	first := decodeTokens(t, stdout)
	if first.NewDeviceMetadata == nil {
		t.Fatal("the first login got no new device")
	}
	st, err := os.Stat(file)
	if err != nil {
		t.Fatalf("device file not written: %v", err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("device file mode %v, want 0600", perm)
	}
	data, _ := os.ReadFile(file)
	d, err := parseDeviceFile(data)
	if err != nil {
		t.Fatalf("device file unreadable: %v\n%s", err, data)
	}
	if d.PoolID != pool || d.Username != testUser || d.Key != first.NewDeviceMetadata.DeviceKey {
		t.Errorf("device file %+v does not name the pool, user and device", d)
	}

	code, stdout, stderr = runCommand(ctx, strings.NewReader(testPassword+"\n"), args...)
	if code != 0 {
		t.Fatalf("second login: exit %d\n%s", code, stderr)
	}
	if second := decodeTokens(t, stdout); second.NewDeviceMetadata != nil {
		t.Error("the remembered device was not recognised: Cognito issued another")
	}
	if strings.Contains(stderr, "Code sent") {
		t.Errorf("MFA was asked despite the remembered device:\n%s", stderr)
	}

	other := loginArgs(s, pool, client, "--device-file", file)
	other[len(other)-4] = "bob" // --username bob
	code, _, stderr = runCommand(ctx, strings.NewReader(testPassword), other...)
	if code != 1 || !strings.Contains(stderr, `belongs to user "alice"`) {
		t.Fatalf("another user's device file: exit %d, stderr %q", code, stderr)
	}
}

func TestLoginFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   string
		want    int
		wantErr string
	}{
		{"missing everything", []string{"login"}, "", 2, "missing --pool-id, --client-id, --username"},
		{"not a pool id", []string{"login", "--pool-id", "NoRegion", "--client-id", "c", "--username", "u"}, "", 2, `--pool-id "NoRegion" is not a user pool id: want REGION_ID, for example us-east-1_AbC123xyZ`},
		{"bad output", []string{"login", "--pool-id", "us-east-1_A", "--client-id", "c", "--username", "u", "--output", "yaml"}, "", 2, `--output "yaml"`},
		{"bad flow", []string{"login", "--pool-id", "us-east-1_A", "--client-id", "c", "--username", "u", "--flow", "magic"}, "", 2, `--flow "magic"`},
		{"extra argument", []string{"login", "--pool-id", "us-east-1_A", "--client-id", "c", "--username", "u", "x"}, "", 2, `unexpected argument "x"`},
		{"help", []string{"login", "-h"}, "", 0, "-password-stdin"},
		{"stdin not a terminal", []string{"login", "--pool-id", "us-east-1_A", "--client-id", "c", "--username", "u"}, "pw\n", 1, "stdin is not a terminal: pass --password-stdin"},
		{"unreachable endpoint", []string{"login", "--pool-id", "us-east-1_A", "--client-id", "c", "--username", "u", "--password-stdin", "--endpoint", "http://127.0.0.1:1"}, "pw\n", 1, "login: cannot reach the server ("},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCommand(context.Background(), strings.NewReader(tt.stdin), tt.args...)
			if code != tt.want || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.want, stderr, tt.wantErr)
			}
		})
	}
}

// TestLoginEnvironment reads the pool, client and secret from the
// environment. It replaces getenv, so it does not run in parallel.
func TestLoginEnvironment(t *testing.T) {
	s := newTestServer(t, nil)
	pool := s.fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "env"})
	client := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "secret", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}},
	})
	s.fake.MustCreateUser(pool.ID, testUser, testPassword)
	env := map[string]string{
		envPoolID: pool.ID, envClientID: client.ClientID, envClientSecret: client.ClientSecret, envEndpoint: s.url,
	}
	old := getenv
	getenv = func(k string) string { return env[k] }
	defer func() { getenv = old }()

	code, stdout, stderr := runCommand(context.Background(), strings.NewReader(testPassword), "login", "--username", testUser, "--password-stdin")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	decodeTokens(t, stdout)

	env[envClientSecret] = "not-the-secret"
	code, _, stderr = runCommand(context.Background(), strings.NewReader(testPassword), "login", "--username", testUser, "--password-stdin")
	if code != 1 || !strings.Contains(stderr, "secret hash") {
		t.Fatalf("a wrong secret: exit %d, stderr %q", code, stderr)
	}
}

func TestReason(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("engine: RespondToAuthChallenge: %w", err) }
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"wrong password", wrap(transport.NewError("NotAuthorizedException", "Incorrect username or password.")),
			"wrong username or password (NotAuthorizedException: Incorrect username or password.)"},
		{"locked", transport.NewError("NotAuthorizedException", "Password attempts exceeded"),
			"too many failed attempts (NotAuthorizedException: Password attempts exceeded)"},
		{"user not found", wrap(transport.NewError("UserNotFoundException", "User does not exist.")),
			"user not found (UserNotFoundException: User does not exist.)"},
		{"code mismatch", wrap(transport.NewError("CodeMismatchException", "Invalid code received for user")),
			"code mismatch (CodeMismatchException: Invalid code received for user)"},
		{"throttled", transport.NewError("TooManyRequestsException", ""), "throttled (TooManyRequestsException)"},
		{"session expired", fmt.Errorf("%w: at 12:00", engine.ErrSessionExpired), "session expired, start again (engine: session expired: at 12:00)"},
		{"no answer", waitedFor("Code from your authenticator app: ", errNoAnswer), `no answer on stdin to the prompt "Code from your authenticator app"`},
		{"interrupted", fmt.Errorf("x: %w", context.Canceled), "interrupted (x: context canceled)"},
		{"multi-line message", errors.New("first\nsecond"), "failed (first second)"},
		{"wrong password or pool", fmt.Errorf("%w (pool id us-east-1_X): %w", engine.ErrWrongPasswordOrPool, wrap(transport.NewError("NotAuthorizedException", "Incorrect username or password."))),
			"incorrect username or password, or a pool id that is not the client's pool (NotAuthorizedException: Incorrect username or password.)"},
		{"flow not enabled", wrap(transport.NewError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")),
			"this sign-in flow is not enabled for the app client (see --flow) (InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client)"},
		{"other parameter", wrap(transport.NewError("InvalidParameterException", "Missing required parameter USERNAME")),
			"request refused (InvalidParameterException: Missing required parameter USERNAME)"},
		{"unknown operation", wrap(transport.NewError("UnknownOperationException", "The fake does not implement CreateIdentityProvider")),
			"the server does not support this (UnknownOperationException: The fake does not implement CreateIdentityProvider)"},
		{"any other Cognito error", wrap(transport.NewError("AliasExistsException", "An account with the given email already exists.")),
			"refused by Cognito (AliasExistsException: An account with the given email already exists.)"},
		{"engine input", fmt.Errorf("%w: Config.ClientID is empty", engine.ErrInvalidInput), "invalid input (engine: invalid input: Config.ClientID is empty)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(tt.err); got != tt.want {
				t.Errorf("reason = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"":                "''",
		"eyJ.abc-_":       "'eyJ.abc-_'",
		"it's":            `'it'\''s'`,
		"$(rm -rf /) `x`": "'$(rm -rf /) `x`'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestParseDeviceFile(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr string
	}{
		{"complete", `{"PoolId":"us-east-1_A","Username":"alice","DeviceKey":"us-east-1_k","DeviceGroupKey":"-g","DevicePassword":"p"}`, ""},
		{"missing password", `{"PoolId":"us-east-1_A","Username":"alice","DeviceKey":"k","DeviceGroupKey":"g"}`, "required"},
		{"unknown field", `{"DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"p","Extra":1}`, "unknown field"},
		{"trailing data", `{"DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"p"} {}`, "data after"},
		{"not JSON", `device`, "invalid character"},
		{"too large", `{"PoolId":"` + strings.Repeat("a", maxDeviceFileBytes) + `"}`, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseDeviceFile([]byte(tt.data))
			if tt.wantErr == "" {
				if err != nil || d.Password != "p" {
					t.Fatalf("got %v, %v", d, err)
				}
				for _, shown := range []string{fmt.Sprint(d), fmt.Sprintf("%+v", *d), fmt.Sprintf("%#v", d)} {
					if !strings.Contains(shown, "[redacted]") || strings.Contains(shown, ":p}") {
						t.Errorf("the device file's text shows its password: %s", shown)
					}
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func FuzzParseDeviceFile(f *testing.F) {
	f.Add([]byte(`{"PoolId":"us-east-1_A","Username":"alice","DeviceKey":"k","DeviceGroupKey":"g","DevicePassword":"p"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseDeviceFile(data)
		if err != nil {
			return
		}
		if d.Key == "" || d.GroupKey == "" || d.Password == "" {
			t.Fatalf("accepted a device without its keys: %+v", d)
		}
	})
}

// TestLoginFlows logs in with each --flow against a client that allows them
// all; custom auth asks the question its triggers set and reads the answer
// from stdin.
func TestLoginFlows(t *testing.T) {
	ctx := context.Background()
	s := newTestServer(t, nil)
	pool, _ := s.pool(t, transport.PoolSettings{}, nil)
	c := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool, ClientSettings: transport.ClientSettings{
		ClientName: "all", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth,
			transport.AllowCustomAuth, transport.AllowAdminUserPassword, transport.AllowRefreshTokenAuth}}})
	err := s.fake.SetTriggers(pool, fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			last := in.Session[len(in.Session)-1]
			switch {
			case !last.ChallengeResult:
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			case last.ChallengeName == "SRP_A":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
			case last.ChallengeName == "PASSWORD_VERIFIER":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
		},
		CreateAuthChallenge: func(context.Context, fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{PublicChallengeParameters: map[string]string{"question": "2+2"},
				PrivateChallengeParameters: map[string]string{"answer": "4"}}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		flow, stdin string
		wantStderr  string // regexp
	}{
		{"srp", testPassword + "\n", ""},
		{"password", testPassword + "\n", ""},
		{"admin", testPassword + "\n", ""},
		{"custom", testPassword + "\n4\n", `question`},
	}
	for _, tt := range tests {
		t.Run(tt.flow, func(t *testing.T) {
			code, stdout, stderr := runCommand(ctx, strings.NewReader(tt.stdin), loginArgs(s, pool, c.ClientID, "--flow", tt.flow, "-v")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			decodeTokens(t, stdout)
			if !regexp.MustCompile(tt.wantStderr).MatchString(stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.wantStderr)
			}
		})
	}
	// A client without the admin flow refuses it, as Cognito does.
	otherPool, other := s.pool(t, transport.PoolSettings{}, nil)
	code, _, stderr := runCommand(ctx, strings.NewReader(testPassword+"\n"), loginArgs(s, otherPool, other, "--flow", "admin")...)
	if code != 1 || !strings.Contains(stderr, "ADMIN_USER_PASSWORD_AUTH flow not enabled") {
		t.Fatalf("admin flow on an SRP-only client: exit %d, %s", code, stderr)
	}
	// The refusal reads in plain words first, Cognito's words after.
	code, _, stderr = runCommand(ctx, strings.NewReader(testPassword+"\n"), loginArgs(s, otherPool, other, "--flow", "password")...)
	want := "login: this sign-in flow is not enabled for the app client (see --flow) (InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client)\n"
	if code != 1 || stderr != want {
		t.Fatalf("password flow on an SRP-only client: exit %d, stderr %q, want %q", code, stderr, want)
	}
}
