package engine_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// smsScript is the three calls of an SRP login with SMS MFA; fault replaces
// the reply of call i (0: InitiateAuth, 1: PASSWORD_VERIFIER, 2: SMS_MFA).
func smsScript(t *testing.T, e *env, i int, fault func(context.Context, any) (any, error)) *scripted {
	steps := []step{
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("SMS_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
		e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456"}, tokens(nil)),
	}
	if fault != nil {
		steps[i].reply = fault
	}
	return newScript(t, steps...)
}

func TestFaultAtEachStep(t *testing.T) {
	cogErr := transport.NewError
	tests := []struct {
		name      string
		at        int
		err       error
		wantState states.State // after the fault
		also      []error
	}{
		{"InitiateAuth throttled", 0, cogErr("TooManyRequestsException", "Rate exceeded"), states.Failed, nil},
		{"unknown user", 0, cogErr("UserNotFoundException", "User does not exist."), states.Failed, nil},
		{"verifier internal error", 1, cogErr("InternalErrorException", "oops"), states.Failed, nil},
		{"verifier network error", 1, errors.New("connection reset"), states.Failed, nil},
		{"mfa throttled", 2, cogErr("TooManyRequestsException", "Rate exceeded"), states.SMSMFA, nil},
		{"mfa network error", 2, errors.New("connection reset"), states.SMSMFA, nil},
		{"mfa wrong code", 2, cogErr("CodeMismatchException", "Invalid code received for user"), states.SMSMFA, nil},
		{"mfa session expired", 2, cogErr("NotAuthorizedException", "Invalid session for the user, session is expired."), states.Failed,
			[]error{engine.ErrSessionExpired}},
		{"mfa code expired", 2, cogErr("ExpiredCodeException", "Your software token has already been used once."), states.SMSMFA, nil},
		{"mfa attempts used up", 2, cogErr("NotAuthorizedException", "Invalid code or auth state for the user."), states.Failed, nil},
		{"mfa user disabled", 2, cogErr("NotAuthorizedException", "User is disabled."), states.Failed, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := smsScript(t, e, tc.at, fails(tc.err))
			ctx := context.Background()
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
			if tc.at < 2 {
				if l != nil || !errors.Is(err, tc.err) {
					t.Fatalf("Start = %v, %v; want the fault", l, err)
				}
				if last := e.observed[len(e.observed)-1]; last.To != states.Failed || !errors.Is(last.Err, tc.err) {
					t.Fatalf("last transition %+v", last)
				}
				return
			}
			must(t, err)
			err = l.Submit(ctx, engine.MFACode("123456"))
			if !errors.Is(err, tc.err) {
				t.Fatalf("Submit = %v, want %v", err, tc.err)
			}
			for _, also := range tc.also {
				mustErr(t, err, also)
			}
			if !strings.HasPrefix(err.Error(), "engine: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if l.State() != tc.wantState {
				t.Fatalf("state %s, want %s", l.State(), tc.wantState)
			}
			if tc.wantState == states.Failed {
				_, rerr := l.Result()
				if !errors.Is(rerr, tc.err) {
					t.Fatalf("Result error %v", rerr)
				}
				return
			}
			s.add(e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456"}, tokens(nil)))
			must(t, l.Submit(ctx, engine.MFACode("123456")))
			s.done()
		})
	}
}

// TestStallAtEachStep: a Cognito that hangs until the caller gives up. The
// transport cancels the context itself, so the test needs no timer.
func TestStallAtEachStep(t *testing.T) {
	for at := 0; at < 3; at++ {
		t.Run(fmt.Sprint("call ", at), func(t *testing.T) {
			e := newEnv(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			s := smsScript(t, e, at, stall(cancel))
			l, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
			if at < 2 {
				mustErr(t, err, context.Canceled)
				return
			}
			must(t, err)
			mustErr(t, l.Submit(ctx, engine.MFACode("123456")), context.Canceled)
			if l.State() != states.SMSMFA {
				t.Fatalf("state %s after a cancelled submit", l.State())
			}
			// A cancelled context sends nothing.
			n := s.ncalls()
			mustErr(t, l.Submit(ctx, engine.MFACode("123456")), context.Canceled)
			if s.ncalls() != n {
				t.Fatal("a call went out on a cancelled context")
			}
			s.add(e.respond("SMS_MFA", "S1", userID, map[string]string{"SMS_MFA_CODE": "123456"}, tokens(nil)))
			must(t, l.Submit(context.Background(), engine.MFACode("123456")))
			s.done()
		})
	}
	// The engine starts no goroutines: none may be left behind. Goroutines
	// of other packages (the fake's background key generation, started by
	// earlier tests) come and go on their own, so only the engine's count.
	if stacks := engineGoroutines(); len(stacks) > 0 {
		t.Fatalf("%d goroutines left in the engine:\n%s", len(stacks), strings.Join(stacks, "\n\n"))
	}
}

// engineGoroutines returns the stacks of the goroutines running code of
// package engine, other than the caller's.
func engineGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var found []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i > 0 && strings.Contains(g, "gocognito/gocognito/engine.") {
			found = append(found, g)
		}
	}
	return found
}

func TestCancelledBeforeStart(t *testing.T) {
	e := newEnv(t)
	s := newScript(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := engine.Start(ctx, e.config(s), engine.Credentials{Username: typed, Password: pw})
	mustErr(t, err, context.Canceled)
	if s.ncalls() != 0 {
		t.Fatal("a call went out on a cancelled context")
	}
}

func TestSessionExpiresLocally(t *testing.T) {
	e := newEnv(t)
	s := smsScript(t, e, 0, nil)
	s.steps = s.steps[:2]
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	e.clock.Advance(engine.DefaultSessionValidity)
	mustErr(t, l.Submit(context.Background(), engine.MFACode("123456")), engine.ErrSessionExpired)
	s.done() // nothing sent
	if l.State() != states.Failed {
		t.Fatalf("state %s", l.State())
	}
	if got := e.path(); got != "Init>PasswordVerifier>SMSMFA>Failed" {
		t.Fatalf("path %s", got)
	}
}

func TestTooManyRounds(t *testing.T) {
	e := newEnv(t)
	s := newScript(t)
	loop := func(context.Context, any) (any, error) {
		return &transport.ChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE", Session: "S", ChallengeParameters: map[string]string{"USERNAME": userID}}, nil
	}
	s.add(step{op: "InitiateAuth", reply: loop}, step{op: "RespondToAuthChallenge", reply: loop}, step{op: "RespondToAuthChallenge", reply: loop})
	cfg := e.config(s)
	cfg.MaxRounds = 3
	l, err := engine.Start(context.Background(), cfg, engine.Credentials{Username: typed, Flow: transport.FlowCustom})
	must(t, err)
	for i := 0; i < 2; i++ {
		must(t, l.Submit(context.Background(), engine.CustomAnswer("again")))
	}
	mustErr(t, l.Submit(context.Background(), engine.CustomAnswer("again")), engine.ErrTooManyRounds)
	s.done()
	if l.State() != states.Failed {
		t.Fatalf("state %s", l.State())
	}
}

func TestMalformedChallenges(t *testing.T) {
	pvThen := func(e *env, next func(context.Context, any) (any, error)) []step {
		return []step{
			e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
			e.passwordVerifier(userID, "", next),
		}
	}
	tests := []struct {
		name  string
		steps func(e *env) []step
		want  []error
		path  string
	}{
		{"verifier twice", func(e *env) []step {
			return pvThen(e, challenge("PASSWORD_VERIFIER", "", map[string]string{"USER_ID_FOR_SRP": userID}))
		}, []error{engine.ErrUnexpectedChallenge, states.ErrNotAllowed}, "Init>PasswordVerifier>Failed"},
		{"unknown challenge", func(e *env) []step {
			return pvThen(e, challenge("ADMIN_NO_SRP_AUTH", "S", nil))
		}, []error{engine.ErrUnsupportedChallenge}, "Init>PasswordVerifier>Failed"},
		{"neither tokens nor challenge", func(e *env) []step {
			return pvThen(e, func(context.Context, any) (any, error) { return &transport.ChallengeOutput{}, nil })
		}, []error{engine.ErrBadChallenge}, "Init>PasswordVerifier>Failed"},
		{"device challenge without a device", func(e *env) []step {
			return pvThen(e, challenge("DEVICE_SRP_AUTH", "S", nil))
		}, []error{engine.ErrBadChallenge}, "Init>PasswordVerifier>Failed"},
		{"choice right after InitiateAuth", func(e *env) []step {
			return []step{{op: "InitiateAuth", reply: challenge("SELECT_MFA_TYPE", "S", nil)}}
		}, nil, "Init>SelectMFAType"},
		{"SRP_B is zero", func(e *env) []step {
			return []step{{op: "InitiateAuth", reply: challenge("PASSWORD_VERIFIER", "", map[string]string{
				"SALT": "ab", "SRP_B": "0", "SECRET_BLOCK": "AAAA", "USER_ID_FOR_SRP": userID,
			})}}
		}, []error{engine.ErrBadChallenge}, "Init>PasswordVerifier>Failed"},
		{"verifier without user", func(e *env) []step {
			return []step{{op: "InitiateAuth", reply: challenge("PASSWORD_VERIFIER", "", map[string]string{"SALT": "ab", "SRP_B": "1"})}}
		}, []error{engine.ErrBadChallenge}, "Init>PasswordVerifier>Failed"},
		{"empty response", func(e *env) []step {
			return pvThen(e, func(context.Context, any) (any, error) { return (*transport.ChallengeOutput)(nil), nil })
		}, []error{engine.ErrBadChallenge}, "Init>PasswordVerifier>Failed"},
		{"empty first response", func(e *env) []step {
			return []step{{op: "InitiateAuth", reply: func(context.Context, any) (any, error) { return (*transport.ChallengeOutput)(nil), nil }}}
		}, []error{engine.ErrBadChallenge}, "Init>Failed"},
		{"setup without a secret", func(e *env) []step {
			return append(pvThen(e, challenge("MFA_SETUP", "S", nil)), step{op: "AssociateSoftwareToken",
				reply: func(context.Context, any) (any, error) { return &transport.AssociateSoftwareTokenOutput{}, nil }})
		}, []error{engine.ErrBadChallenge, engine.ErrTOTPSecretPending}, "Init>PasswordVerifier>MFASetup>Failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t, tc.steps(e)...)
			_, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
			s.done()
			if tc.want == nil {
				must(t, err)
			} else {
				mustErr(t, err, tc.want...)
			}
			if got := e.path(); got != tc.path {
				t.Fatalf("path %s, want %s", got, tc.path)
			}
		})
	}
}

func TestUnexpectedChallengeNamesStateAndChallenge(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		step{op: "InitiateAuth", reply: challenge("SELECT_MFA_TYPE", "S", map[string]string{"MFAS_CAN_CHOOSE": `["SMS_MFA"]`})},
		step{op: "RespondToAuthChallenge", reply: tokens(nil)},
	)
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw, Flow: transport.FlowUserPassword})
	must(t, err)
	err = l.Submit(context.Background(), engine.MFAChoice("SMS_MFA"))
	mustErr(t, err, engine.ErrUnexpectedChallenge)
	if !strings.Contains(err.Error(), "SelectMFAType") || !strings.Contains(err.Error(), "AUTHENTICATED") {
		t.Fatalf("error %q does not name the state and the event", err)
	}

	e2 := newEnv(t)
	s2 := newScript(t,
		step{op: "InitiateAuth", reply: challenge("SMS_MFA", "S", nil)},
		step{op: "RespondToAuthChallenge", reply: challenge("SOFTWARE_TOKEN_MFA", "S2", nil)},
	)
	l2, err := engine.Start(context.Background(), e2.config(s2), engine.Credentials{Username: typed, Password: pw, Flow: transport.FlowUserPassword})
	must(t, err)
	err = l2.Submit(context.Background(), engine.MFACode("1"))
	var uc *engine.UnexpectedChallengeError
	if !errors.As(err, &uc) || uc.State != states.SMSMFA || uc.Challenge != "SOFTWARE_TOKEN_MFA" {
		t.Fatalf("error %v", err)
	}
	if got, want := err.Error(), "engine: unexpected challenge SOFTWARE_TOKEN_MFA in state SMSMFA"; got != want {
		t.Fatalf("error %q, want %q", got, want)
	}
}

// waitingLogin resumes a login standing in st, via a hand-made snapshot.
func waitingLogin(t *testing.T, e *env, tr transport.Authenticator, st states.State) *engine.Login {
	t.Helper()
	snap := engine.Snapshot{Version: 1, State: st, PoolID: testPoolID, ClientID: testClientID, Flow: "USER_SRP_AUTH",
		Username: typed, UserIDForSRP: userID, Session: "S", SessionExpires: e.clock.Now().Add(time.Minute),
		ChallengeParameters: map[string]string{}, DeviceKey: "dk", DeviceGroupKey: "gk"}
	for name := range map[string]bool{"SMS_MFA": true, "EMAIL_OTP": true, "SOFTWARE_TOKEN_MFA": true, "SELECT_MFA_TYPE": true,
		"MFA_SETUP": true, "NEW_PASSWORD_REQUIRED": true, "CUSTOM_CHALLENGE": true, "DEVICE_SRP_AUTH": true} {
		if _, to, _ := states.ForChallenge(name); to == st {
			snap.ChallengeName = name
		}
	}
	if st == states.Init {
		snap.Session, snap.SessionExpires = "", time.Time{}
	}
	l, err := engine.Resume(e.config(tr), snap)
	must(t, err)
	return l
}

func TestWrongAnswers(t *testing.T) {
	answers := []engine.Answer{
		engine.Password("p"), engine.DevicePassword("d"), engine.MFACode("1"), engine.MFAChoice("SMS_MFA"),
		engine.TOTPSetupCode{Code: "1"}, engine.NewPassword{Password: "n"}, engine.CustomAnswer("a"),
		engine.EmailAddress("alice@example.com"), nil,
	}
	fits := map[states.State]string{
		states.Init:                "engine.Password",
		states.DeviceSRP:           "engine.DevicePassword",
		states.SMSMFA:              "engine.MFACode",
		states.EmailOTP:            "engine.MFACode",
		states.SoftwareTokenMFA:    "engine.MFACode",
		states.SelectMFAType:       "engine.MFAChoice",
		states.MFASetup:            "engine.TOTPSetupCode",
		states.NewPasswordRequired: "engine.NewPassword",
		states.CustomChallenge:     "engine.CustomAnswer",
	}
	for st, fit := range fits {
		for _, a := range answers {
			name := fmt.Sprintf("%T", a)
			if name == fit {
				continue
			}
			t.Run(string(st)+"/"+name, func(t *testing.T) {
				e := newEnv(t)
				s := newScript(t)
				l := waitingLogin(t, e, s, st)
				err := l.Submit(context.Background(), a)
				var wa *engine.WrongAnswerError
				if !errors.As(err, &wa) || !errors.Is(err, engine.ErrWrongAnswer) || wa.State != st {
					t.Fatalf("Submit(%s) = %v", name, err)
				}
				if l.State() != st || s.ncalls() != 0 {
					t.Fatalf("a wrong answer changed the login (%s) or called Cognito (%d)", l.State(), s.ncalls())
				}
			})
		}
	}
	// Empty values do not fit either.
	for st, a := range map[states.State]engine.Answer{
		states.SMSMFA: engine.MFACode(""), states.SelectMFAType: engine.MFAChoice(""), states.MFASetup: engine.TOTPSetupCode{},
		states.NewPasswordRequired: engine.NewPassword{}, states.DeviceSRP: engine.DevicePassword(""),
	} {
		e := newEnv(t)
		l := waitingLogin(t, e, newScript(t), st)
		mustErr(t, l.Submit(context.Background(), a), engine.ErrWrongAnswer)
	}
}

func TestSubmitFromObserverIsBusy(t *testing.T) {
	e := newEnv(t)
	s := newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("SMS_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})),
	)
	var l *engine.Login
	var busyErr error
	var seen []states.State
	cfg := e.config(s)
	cfg.Observe = func(tr engine.Transition) {
		seen = append(seen, l.State(), l.Snapshot().State) // no deadlock
		busyErr = l.Submit(context.Background(), engine.MFACode("1"))
	}
	l, err := engine.Start(context.Background(), cfg, engine.Credentials{Username: typed})
	must(t, err)
	must(t, l.Submit(context.Background(), engine.Password(pw)))
	mustErr(t, busyErr, engine.ErrBusy)
	if fmt.Sprint(seen) != "[PasswordVerifier PasswordVerifier SMSMFA SMSMFA]" {
		t.Fatalf("observer saw %v", seen)
	}
	s.done()
}

func TestResultBeforeDone(t *testing.T) {
	e := newEnv(t)
	l := waitingLogin(t, e, newScript(t), states.SMSMFA)
	res, err := l.Result()
	mustErr(t, err, engine.ErrNotDone)
	if res != nil {
		t.Fatal("result before done")
	}
}

func TestInvalidInput(t *testing.T) {
	e := newEnv(t)
	good := e.config(newScript(t))
	tests := []struct {
		name  string
		cfg   func(*engine.Config)
		creds engine.Credentials
	}{
		{"no transport", func(c *engine.Config) { c.Transport = nil }, engine.Credentials{Username: "u", Password: "p"}},
		{"no client", func(c *engine.Config) { c.ClientID = "" }, engine.Credentials{Username: "u", Password: "p"}},
		{"bad pool", func(c *engine.Config) { c.PoolID = "nounderscore" }, engine.Credentials{Username: "u", Password: "p"}},
		{"negative rounds", func(c *engine.Config) { c.MaxRounds = -1 }, engine.Credentials{Username: "u", Password: "p"}},
		{"no username", func(*engine.Config) {}, engine.Credentials{Password: "p"}},
		{"unknown flow", func(*engine.Config) {}, engine.Credentials{Username: "u", Password: "p", Flow: "MAGIC_LINK_AUTH"}},
		{"admin flow without an AdminAuthenticator", func(*engine.Config) {}, engine.Credentials{Username: "u", Password: "p", Flow: transport.FlowAdminNoSRP}},
		{"half a device", func(*engine.Config) {}, engine.Credentials{Username: "u", Password: "p", Device: &engine.DeviceCredentials{Key: "k"}}},
		{"a sign-up session outside USER_AUTH", func(*engine.Config) {}, engine.Credentials{Username: "u", SignUpSession: "s"}},
		{"unknown preferred challenge", func(c *engine.Config) { c.Flow, c.PreferredChallenge = transport.FlowUserAuth, "MAGIC_LINK" }, engine.Credentials{Username: "u"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.cfg(&cfg)
			l, err := engine.Start(context.Background(), cfg, tc.creds)
			mustErr(t, err, engine.ErrInvalidInput)
			if l != nil {
				t.Fatal("login returned with an error")
			}
		})
	}
}

func TestAuthenticateChallengeError(t *testing.T) {
	tests := []struct {
		state states.State
		want  error
	}{
		{states.Init, engine.ErrPasswordRequired},
		{states.SMSMFA, engine.ErrMFARequired},
		{states.EmailOTP, engine.ErrMFARequired},
		{states.SoftwareTokenMFA, engine.ErrMFARequired},
		{states.SelectMFAType, engine.ErrMFAChoiceRequired},
		{states.MFASetup, engine.ErrMFASetupRequired},
		{states.NewPasswordRequired, engine.ErrNewPasswordRequired},
		{states.CustomChallenge, engine.ErrCustomChallenge},
	}
	for _, tc := range tests {
		t.Run(string(tc.state), func(t *testing.T) {
			l := waitingLogin(t, newEnv(t), newScript(t), tc.state)
			err := error(&engine.ChallengeError{State: l.State(), Need: l.Need(), Login: l})
			mustErr(t, err, tc.want)
			for _, other := range tests {
				if other.want != tc.want && errors.Is(err, other.want) {
					t.Errorf("also matches %v", other.want)
				}
			}
		})
	}

	e := newEnv(t)
	s := smsScript(t, e, 0, nil)
	_, err := engine.Authenticate(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
	var ce *engine.ChallengeError
	if !errors.As(err, &ce) || !errors.Is(err, engine.ErrMFARequired) || ce.State != states.SMSMFA {
		t.Fatalf("Authenticate = %v", err)
	}
	if got, want := err.Error(), "engine: login needs input in state SMSMFA (mfa_code)"; got != want {
		t.Fatalf("error %q, want %q", got, want)
	}
	must(t, ce.Login.Submit(context.Background(), engine.MFACode("123456")))
	res, err := ce.Login.Result()
	must(t, err)
	if res.Tokens.IDToken != "id-token" {
		t.Fatalf("result %v", res)
	}
	s.done()

	_, err = engine.Authenticate(context.Background(), engine.Config{}, engine.Credentials{})
	mustErr(t, err, engine.ErrInvalidInput)
}

func TestSecretsNeverPrinted(t *testing.T) {
	const secret = "hunter2-very-secret"
	values := []any{
		engine.Credentials{Username: "u", Password: secret, Device: &engine.DeviceCredentials{Key: "k", GroupKey: "g", Password: secret}},
		&engine.DeviceCredentials{Key: "k", GroupKey: "g", Password: secret},
		engine.DeviceCredentials{Key: "k", GroupKey: "g", Password: secret},
		engine.Password(secret), engine.DevicePassword(secret), engine.MFACode(secret), engine.CustomAnswer(secret),
		engine.TOTPSetupCode{Code: secret}, engine.NewPassword{Password: secret, Attributes: map[string]string{"a": secret}},
		&engine.Result{Tokens: &transport.AuthenticationResult{AccessToken: secret, IDToken: secret, RefreshToken: secret},
			NewDevice: &engine.DeviceCredentials{Password: secret}},
		engine.Snapshot{Session: secret, Username: "u"},
		engine.Config{PoolID: testPoolID, ClientID: testClientID, ClientSecret: secret},
		&engine.Config{ClientSecret: secret},
	}
	printed, setup := loginsHoldingSecrets(t, secret)
	values = append(values, setup)
	for _, out := range printed {
		if strings.Contains(out, secret) {
			t.Errorf("a login holding a password leaks it: %s", out)
		}
	}
	for _, v := range values {
		var logged strings.Builder
		slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "v", v)
		slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "v", v)
		out := fmt.Sprintf("%v|%+v|%#v|%s", v, v, v, v) + logged.String()
		if strings.Contains(out, secret) {
			t.Errorf("%T leaks its secret: %s", v, out)
		}
	}
	for _, v := range values {
		if _, ok := v.(fmt.GoStringer); !ok {
			t.Errorf("%T has no GoString", v)
		}
		if _, ok := v.(slog.LogValuer); !ok {
			t.Errorf("%T has no LogValue", v)
		}
	}
	if got := fmt.Sprint(engine.MFAChoice("SMS_MFA")); got != "MFAChoice(SMS_MFA)" {
		t.Errorf("MFAChoice prints %s", got)
	}
}

// loginsHoldingSecrets prints a login while it holds secret as its password
// (from inside InitiateAuth, with every verb and slog handler), and returns
// a login holding secret as the TOTP secret and session of MFA_SETUP.
func loginsHoldingSecrets(t *testing.T, secret string) (printed []string, setup *engine.Login) {
	e := newEnv(t)
	var l *engine.Login
	// The login waits in Init for its password, then prints itself while
	// InitiateAuth runs with the password in memory.
	s := newScript(t, step{op: "InitiateAuth", reply: func(context.Context, any) (any, error) {
		var logged strings.Builder
		slog.New(slog.NewTextHandler(&logged, nil)).Info("x", "login", l)
		slog.New(slog.NewJSONHandler(&logged, nil)).Info("x", "login", l)
		printed = append(printed, fmt.Sprintf("%v|%+v|%#v|%s", l, l, l, l)+logged.String())
		return nil, transport.NewError("TooManyRequestsException", "Rate exceeded")
	}})
	l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: "u", Flow: transport.FlowUserPassword})
	must(t, err)
	_ = l.Submit(context.Background(), engine.Password(secret))
	s.done()

	e = newEnv(t)
	s = newScript(t,
		e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
		e.passwordVerifier(userID, "", challenge("MFA_SETUP", secret, map[string]string{"USER_ID_FOR_SRP": userID})),
		step{op: "AssociateSoftwareToken", reply: func(context.Context, any) (any, error) {
			return &transport.AssociateSoftwareTokenOutput{SecretCode: secret, Session: secret + "-2"}, nil
		}},
	)
	setup, err = engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed, Password: pw})
	must(t, err)
	s.done()
	if setup.State() != states.MFASetup {
		t.Fatalf("state %s", setup.State())
	}
	if len(printed) != 1 {
		t.Fatalf("the login was printed %d times during InitiateAuth", len(printed))
	}
	return printed, setup
}
