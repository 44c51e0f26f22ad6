package engine_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// These tests run the engine against the in-process fake Cognito, which
// checks SRP, secret hashes, sessions and codes for real.

const (
	fakePassword = "Correct-Horse-1"
	fakeNewPass  = "Brand-New-Pass-3"
)

// statesSeen collects the states the fake scenarios reach; TestFakeEveryState
// checks that together they reach all of them.
type statesSeen struct {
	mu   sync.Mutex
	seen map[states.State]bool
}

func (s *statesSeen) add(st states.State) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[st] = true
}

type fakeEnv struct {
	t      *testing.T
	f      *fakecognito.Fake
	clock  *fakecognito.Clock
	pool   transport.UserPool
	client transport.UserPoolClient
	seen   *statesSeen
	path   []states.State
}

func newFakeEnv(t *testing.T, seen *statesSeen, pool transport.CreateUserPoolInput) *fakeEnv {
	t.Helper()
	clk := newClock()
	f := fakecognito.New(fakecognito.Options{Clock: clk.Now, Rand: newRand(t.Name() + "/fake")})
	if pool.PoolName == "" {
		pool.PoolName = "test"
	}
	if pool.EmailConfiguration == nil {
		// Amazon SES, so that the pool may turn e-mail MFA on.
		pool.EmailConfiguration = &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
			SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"}
	}
	p := f.MustCreatePool(pool)
	c := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: p.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "app", ExplicitAuthFlows: []string{
			transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowCustomAuth, transport.AllowRefreshTokenAuth,
		}}})
	return &fakeEnv{t: t, f: f, clock: clk, pool: p, client: c, seen: seen}
}

// config returns a fresh Config, as a new process would build it.
func (fe *fakeEnv) config() engine.Config {
	return engine.Config{
		PoolID: fe.pool.ID, ClientID: fe.client.ClientID, ClientSecret: fe.client.ClientSecret,
		Transport: fe.f, Rand: newRand(fe.t.Name() + "/engine"), Now: fe.clock.Now,
		Observe: func(tr engine.Transition) {
			if len(fe.path) == 0 {
				fe.path = append(fe.path, tr.From)
				fe.seen.add(tr.From)
			}
			fe.path = append(fe.path, tr.To)
			fe.seen.add(tr.To)
		},
	}
}

func (fe *fakeEnv) takePath() string {
	s := ""
	for i, st := range fe.path {
		if i > 0 {
			s += ">"
		}
		s += string(st)
	}
	fe.path = nil
	return s
}

func (fe *fakeEnv) wantPath(want string) {
	fe.t.Helper()
	if got := fe.takePath(); got != want {
		fe.t.Fatalf("path %s, want %s", got, want)
	}
}

func (fe *fakeEnv) mfaConfig(mode string, sms, totp, email bool) {
	fe.t.Helper()
	in := &transport.UserPoolMfaConfig{UserPoolID: fe.pool.ID, MfaConfiguration: mode}
	if sms {
		in.SmsMfaConfiguration = &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}
	}
	if totp {
		in.SoftwareTokenMfaConfiguration = &transport.SoftwareTokenMfaConfig{Enabled: true}
	}
	if email {
		in.EmailMfaConfiguration = &transport.EmailMfaConfig{Message: "Your code is {####}"}
	}
	_, err := fe.f.SetUserPoolMfaConfig(context.Background(), in)
	must(fe.t, err)
}

func (fe *fakeEnv) preference(user string, in transport.AdminSetUserMFAPreferenceInput) {
	fe.t.Helper()
	in.UserPoolID, in.Username = fe.pool.ID, user
	_, err := fe.f.AdminSetUserMFAPreference(context.Background(), &in)
	must(fe.t, err)
}

func (fe *fakeEnv) code(user string) engine.MFACode {
	fe.t.Helper()
	c := fe.f.Outbox().LastCode(user)
	if c == "" {
		fe.t.Fatalf("no code sent to %s", user)
	}
	return engine.MFACode(c)
}

func (fe *fakeEnv) totp(secret string) string {
	fe.t.Helper()
	c, err := fakecognito.TOTPCode(secret, fe.clock.Now())
	must(fe.t, err)
	return c
}

// resume writes the login's snapshot to JSON and resumes it with a fresh
// Config, as the next request on another instance would.
func (fe *fakeEnv) resume(l *engine.Login) *engine.Login {
	fe.t.Helper()
	data, err := json.Marshal(l.Snapshot())
	must(fe.t, err)
	snap, err := engine.ParseSnapshot(data)
	must(fe.t, err)
	l2, err := engine.Resume(fe.config(), snap)
	must(fe.t, err)
	return l2
}

func TestFakeEveryState(t *testing.T) {
	seen := &statesSeen{seen: map[states.State]bool{}}
	ctx := context.Background()

	t.Run("SRP with an alias", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{AliasAttributes: []string{"email"}})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
		res, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice@example.com", Password: fakePassword})
		must(t, err)
		if res.Username != "alice" || res.Tokens.IDToken == "" || res.Tokens.RefreshToken == "" {
			t.Fatalf("result %v", res)
		}
		fe.wantPath("Init>PasswordVerifier>Done")
	})

	t.Run("wrong password", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		_, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Wrong-Horse-2"})
		mustErr(t, err, transport.ErrNotAuthorized)
		fe.wantPath("Init>PasswordVerifier>Failed")
	})

	t.Run("SMS MFA resumed from JSON", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		n, ok := l.Need().(states.NeedMFACode)
		if !ok || n.Medium != "SMS" || n.Destination == "" || n.Destination == "+15555550100" {
			t.Fatalf("need %#v", l.Need())
		}
		fe.clock.Advance(time.Minute)
		l2 := fe.resume(l)
		mustErr(t, l2.Submit(ctx, engine.MFACode("000000")), transport.ErrCodeMismatch)
		must(t, l2.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>PasswordVerifier>SMSMFA>Done")
	})

	t.Run("e-mail OTP", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.mfaConfig(transport.MFAOptional, false, false, true)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{EmailMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}})
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		if n, ok := l.Need().(states.NeedMFACode); !ok || n.Medium != "EMAIL" {
			t.Fatalf("need %#v", l.Need())
		}
		must(t, l.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>PasswordVerifier>EmailOTP>Done")
	})

	t.Run("MFA setup, then TOTP, then a choice", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.mfaConfig(transport.MFAOn, true, true, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		need, ok := l.Need().(states.NeedTOTPSetup)
		if !ok || need.Secret == "" || need.URI != "otpauth://totp/Cognito:alice?secret="+need.Secret+"&issuer=Cognito" {
			t.Fatalf("need %#v (%s)", l.Need(), need.URI)
		}
		// The code is typed on the next request, on another instance.
		l = fe.resume(l)
		mustErr(t, l.Submit(ctx, engine.TOTPSetupCode{Code: "000000"}), engine.ErrTOTPRejected, transport.ErrEnableSoftwareTokenMFA)
		must(t, l.Submit(ctx, engine.TOTPSetupCode{Code: fe.totp(need.Secret), FriendlyName: "phone"}))
		fe.wantPath("Init>PasswordVerifier>MFASetup>Done")

		fe.clock.Advance(30 * time.Second)
		l, err = engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		if l.Need() != (states.NeedMFACode{Medium: "SOFTWARE_TOKEN"}) {
			t.Fatalf("need %#v", l.Need())
		}
		must(t, l.Submit(ctx, engine.MFACode(fe.totp(need.Secret))))
		fe.wantPath("Init>PasswordVerifier>SoftwareTokenMFA>Done")

		_, err = fe.f.AdminUpdateUserAttributes(ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: fe.pool.ID, Username: "alice",
			UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "+15555550100"), transport.Attr("phone_number_verified", "true")}})
		must(t, err)
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{
			SMSMfaSettings:           &transport.MFASettings{Enabled: true},
			SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true},
		})
		l, err = engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		choice, ok := l.Need().(states.NeedMFAChoice)
		if !ok || len(choice.Options) != 2 {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.MFAChoice("SMS_MFA")))
		must(t, l.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>PasswordVerifier>SelectMFAType>SMSMFA>Done")
	})

	t.Run("new password required", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		_, err := fe.f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: fe.pool.ID, Username: "alice",
			TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com")}})
		must(t, err)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: "Temp-Pass-0!"})
		must(t, err)
		n, ok := l.Need().(states.NeedNewPassword)
		if !ok || n.Attributes["email"] != "alice@example.com" {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		mustErr(t, l.Submit(ctx, engine.NewPassword{Password: "weak"}), transport.ErrInvalidPassword)
		must(t, l.Submit(ctx, engine.NewPassword{Password: fakeNewPass, Attributes: map[string]string{"name": "Alice"}}))
		fe.wantPath("Init>PasswordVerifier>NewPasswordRequired>Done")
		_, err = engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakeNewPass})
		must(t, err)
		fe.takePath()
	})

	t.Run("custom auth, passwordless and after SRP", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		must(t, fe.f.SetTriggers(fe.pool.ID, quizTriggers()))
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Flow: transport.FlowCustom})
		must(t, err)
		if n, ok := l.Need().(states.NeedCustomAnswer); !ok || n.Params["question"] != "2+2?" {
			t.Fatalf("need %#v", l.Need())
		}
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.CustomAnswer("5")))
		if l.State() != states.CustomChallenge {
			t.Fatalf("after a wrong answer: %s", l.State())
		}
		must(t, l.Submit(ctx, engine.CustomAnswer("4")))
		fe.wantPath("Init>CustomChallenge>CustomChallenge>Done")

		l, err = engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowCustom})
		must(t, err)
		must(t, l.Submit(ctx, engine.CustomAnswer("4")))
		fe.wantPath("Init>PasswordVerifier>CustomChallenge>Done")
	})

	t.Run("USER_PASSWORD_AUTH", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		_, err := engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Flow: transport.FlowUserPassword})
		must(t, err)
		fe.wantPath("Init>Done")
	})

	t.Run("remembered device skips MFA", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true},
		}})
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		cfg := fe.config()
		cfg.RememberDevice, cfg.DeviceName = true, "laptop"
		l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		must(t, l.Submit(ctx, fe.code("alice")))
		res, err := l.Result()
		must(t, err)
		if res.DeviceErr != nil || res.NewDevice == nil {
			t.Fatalf("device not confirmed: %v", res)
		}
		fe.wantPath("Init>PasswordVerifier>SMSMFA>Done")
		// The caller keeps the device as JSON, say in a file.
		data, err := json.Marshal(res.NewDevice)
		must(t, err)
		var dev engine.DeviceCredentials
		must(t, json.Unmarshal(data, &dev))

		res, err = engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Device: &dev})
		must(t, err)
		if res.NewDevice != nil {
			t.Fatalf("a remembered device came back as new: %v", res.NewDevice)
		}
		fe.wantPath("Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Done")

		bad := dev
		bad.Password = "not-the-device-password"
		_, err = engine.Authenticate(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Device: &bad})
		mustErr(t, err, transport.ErrNotAuthorized)
		fe.wantPath("Init>PasswordVerifier>DeviceSRP>DevicePasswordVerifier>Failed")
	})

	userAuthScenarios(t, seen)
	passkeyScenarios(t, seen)

	for _, st := range states.All() {
		if !seen.seen[st] {
			t.Errorf("no scenario against the fake reaches %s", st)
		}
	}
}

// quizTriggers ask "2+2?" until answered, after SRP when the login starts
// with it.
func quizTriggers() fakecognito.Triggers {
	return fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			s := in.Session
			switch {
			case len(s) > 0 && s[len(s)-1].ChallengeName == "SRP_A":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
			case len(s) > 0 && !s[len(s)-1].ChallengeResult && s[len(s)-1].ChallengeName == "PASSWORD_VERIFIER":
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			case len(s) > 0 && s[len(s)-1].ChallengeName == "CUSTOM_CHALLENGE" && s[len(s)-1].ChallengeResult:
				return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
			case len(s) > 3:
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(_ context.Context, in fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"question": "2+2?"},
				PrivateChallengeParameters: map[string]string{"answer": "4"},
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	}
}

func TestFakeFaults(t *testing.T) {
	seen := &statesSeen{seen: map[states.State]bool{}}
	ctx := context.Background()
	setup := func(t *testing.T) *fakeEnv {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{})
		fe.mfaConfig(transport.MFAOn, true, false, false)
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
		return fe
	}

	t.Run("throttled MFA answer is retried", func(t *testing.T) {
		fe := setup(t)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		fe.f.Fail("RespondToAuthChallenge", fakecognito.Fault{Err: fakecognito.Throttle.Err, Times: 1})
		code := fe.code("alice")
		mustErr(t, l.Submit(ctx, code), transport.ErrTooManyRequests)
		if l.State() != states.SMSMFA {
			t.Fatalf("state %s", l.State())
		}
		must(t, l.Submit(ctx, code))
	})

	t.Run("throttled start fails", func(t *testing.T) {
		fe := setup(t)
		fe.f.Fail("InitiateAuth", fakecognito.Throttle)
		_, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		mustErr(t, err, transport.ErrTooManyRequests)
		fe.wantPath("Init>Failed")
	})

	t.Run("stalled Cognito and a deadline", func(t *testing.T) {
		fe := setup(t)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		fe.f.Fail("RespondToAuthChallenge", fakecognito.Fault{Latency: time.Hour, Times: 1})
		dctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
		defer cancel()
		mustErr(t, l.Submit(dctx, fe.code("alice")), context.DeadlineExceeded)
		if l.State() != states.SMSMFA {
			t.Fatalf("state %s", l.State())
		}
		must(t, l.Submit(ctx, fe.code("alice")))
	})

	t.Run("session expired at Cognito, then locally", func(t *testing.T) {
		fe := setup(t) // the client's AuthSessionValidity is Cognito's default, 3 minutes
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		snap := l.Snapshot()
		// The engine's default trusts a session up to Cognito's maximum, so
		// the answer goes out; Cognito's verdict maps to ErrSessionExpired.
		fe.clock.Advance(4 * time.Minute)
		resumed, err := engine.Resume(fe.config(), snap)
		must(t, err)
		err = resumed.Submit(ctx, fe.code("alice"))
		mustErr(t, err, engine.ErrSessionExpired, transport.ErrNotAuthorized)
		if resumed.State() != states.Failed {
			t.Fatalf("state %s", resumed.State())
		}
		// Past the engine's own limit nothing is sent.
		fe.clock.Advance(engine.DefaultSessionValidity)
		_, err = engine.Resume(fe.config(), snap)
		mustErr(t, err, engine.ErrSessionExpired)
	})

	t.Run("slow answer on a client with long sessions", func(t *testing.T) {
		fe := setup(t)
		long := fe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fe.pool.ID, GenerateSecret: true,
			ClientSettings: transport.ClientSettings{ClientName: "long", AuthSessionValidity: 15,
				ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
		cfg := fe.config()
		cfg.ClientID, cfg.ClientSecret = long.ClientID, long.ClientSecret
		_, err := fe.f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: fe.pool.ID, Username: "bob",
			TemporaryPassword: "Temp-Pass-0!", MessageAction: "SUPPRESS",
			UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "+15555550101"), transport.Attr("phone_number_verified", "true")}})
		must(t, err)
		l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "bob", Password: "Temp-Pass-0!"})
		must(t, err)
		// The user takes ten minutes to choose a password; Cognito still
		// holds the session, so the engine must not give up first.
		fe.clock.Advance(10 * time.Minute)
		must(t, l.Submit(ctx, engine.NewPassword{Password: fakeNewPass}))
		must(t, l.Submit(ctx, fe.code("bob")))
		if l.State() != states.Done {
			t.Fatalf("state %s", l.State())
		}
	})

	t.Run("too many wrong codes", func(t *testing.T) {
		fe := setup(t)
		l, err := engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		for i := 0; l.State() == states.SMSMFA; i++ {
			err = l.Submit(ctx, engine.MFACode("000000"))
			if i > 10 {
				t.Fatal("the fake never gave up")
			}
		}
		mustErr(t, err, transport.ErrNotAuthorized)
		if _, rerr := l.Result(); !errors.Is(rerr, transport.ErrNotAuthorized) {
			t.Fatalf("Result error %v", rerr)
		}
	})
}
