package engine_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// Choice-based sign-in (USER_AUTH) against the fake, and what the engine
// sends for it against a script.

// userAuthPool is a pool whose users may sign in with a password, an e-mail
// or SMS code, or a passkey.
func userAuthPool() transport.CreateUserPoolInput {
	return transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{
			transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP, transport.FactorWebAuthn,
		}}},
		SmsConfiguration: &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
	}}
}

// userAuthEmail is the SES configuration newFakeEnv gives pools.
func userAuthEmail() *transport.EmailConfiguration {
	return &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"}
}

// userAuthEnv is a fake with userAuthPool, a client that allows USER_AUTH,
// and alice, who has a password, a verified e-mail address and a verified
// phone number.
func userAuthEnv(t *testing.T, seen *statesSeen) *fakeEnv {
	t.Helper()
	fe := newFakeEnv(t, seen, userAuthPool())
	fe.client = fe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fe.pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "passwordless", ExplicitAuthFlows: []string{
			transport.AllowUserAuth, transport.AllowRefreshTokenAuth,
		}}})
	fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword,
		transport.Attr("email", "alice@example.com"), transport.Attr("phone_number", "+15555550100"))
	return fe
}

// userAuthConfig is fe's Config for USER_AUTH, preferring pref.
func (fe *fakeEnv) userAuthConfig(pref string) engine.Config {
	cfg := fe.config()
	cfg.Flow, cfg.PreferredChallenge = transport.FlowUserAuth, pref
	return cfg
}

// userAuthScenarios reach every state of choice-based sign-in that the fake
// can reach; TestFakeEveryState runs them with the others.
func userAuthScenarios(t *testing.T, seen *statesSeen) {
	ctx := context.Background()

	t.Run("USER_AUTH: the user chooses an e-mail code", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		l, err := engine.Start(ctx, fe.userAuthConfig(""), engine.Credentials{Username: "alice"})
		must(t, err)
		n, ok := l.Need().(states.NeedFirstFactorChoice)
		if !ok || !slices.Equal(n.Options, []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"}) {
			t.Fatalf("need %#v", l.Need())
		}
		must(t, l.Submit(ctx, engine.FirstFactor("EMAIL_OTP")))
		if got, want := l.Need(), (states.NeedSignInCode{Medium: "EMAIL", Destination: "a***@e***"}); got != want {
			t.Fatalf("need %#v, want %#v", got, want)
		}
		must(t, l.Submit(ctx, engine.SignInCode(fe.code("alice"))))
		res, err := l.Result()
		must(t, err)
		if res.Username != "alice" {
			t.Fatalf("result %v", res)
		}
		fe.wantPath("Init>SelectChallenge>SignInEmailCode>Done")
	})

	t.Run("USER_AUTH: an SMS code preferred, no MFA after it", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		fe.mfaConfig(transport.MFAOn, true, false, false)
		l, err := engine.Start(ctx, fe.userAuthConfig("SMS_OTP"), engine.Credentials{Username: "alice"})
		must(t, err)
		if n, ok := l.Need().(states.NeedSignInCode); !ok || n.Medium != "SMS" {
			t.Fatalf("need %#v", l.Need())
		}
		// MFACode fits a sign-in code too, for UIs with one code screen.
		must(t, l.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>SignInSMSCode>Done")
	})

	t.Run("USER_AUTH: a password chosen, then typed", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		l, err := engine.Start(ctx, fe.userAuthConfig(""), engine.Credentials{Username: "alice"})
		must(t, err)
		must(t, l.Submit(ctx, engine.FirstFactor("PASSWORD")))
		if _, ok := l.Need().(states.NeedPassword); !ok || l.State() != states.SelectChallenge {
			t.Fatalf("after choosing PASSWORD: %s needs %#v", l.State(), l.Need())
		}
		// The choice survives a snapshot: another process takes the password.
		l = fe.resume(l)
		must(t, l.Submit(ctx, engine.Password(fakePassword)))
		fe.wantPath("Init>SelectChallenge>Done")
	})

	t.Run("USER_AUTH: SRP chosen with the password at hand", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		l, err := engine.Start(ctx, fe.userAuthConfig(""), engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		must(t, l.Submit(ctx, engine.FirstFactor("PASSWORD_SRP")))
		if l.State() != states.Done {
			t.Fatalf("state %s", l.State())
		}
		fe.wantPath("Init>SelectChallenge>PasswordVerifier>Done")
	})

	t.Run("USER_AUTH: a password preferred is followed by MFA", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		fe.mfaConfig(transport.MFAOn, false, false, true)
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{EmailMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}})
		_, err := engine.Authenticate(ctx, fe.userAuthConfig("PASSWORD"), engine.Credentials{Username: "alice", Password: fakePassword})
		var ce *engine.ChallengeError
		if !errors.As(err, &ce) || !errors.Is(err, engine.ErrMFARequired) || ce.State != states.EmailOTP {
			t.Fatalf("err %v, want e-mail MFA", err)
		}
		must(t, ce.Login.Submit(ctx, fe.code("alice")))
		fe.wantPath("Init>EmailOTP>Done")
	})

	t.Run("USER_AUTH: the same e-mail code as first factor spares MFA", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		fe.mfaConfig(transport.MFAOn, false, false, true)
		fe.preference("alice", transport.AdminSetUserMFAPreferenceInput{EmailMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}})
		_, err := engine.Authenticate(ctx, fe.userAuthConfig("EMAIL_OTP"), engine.Credentials{Username: "alice"})
		var ce *engine.ChallengeError
		if !errors.As(err, &ce) || !errors.Is(err, engine.ErrSignInCodeRequired) || ce.State != states.SignInEmailCode {
			t.Fatalf("err %v, want a sign-in code", err)
		}
		l := fe.resume(ce.Login)
		wrong := engine.SignInCode("000000")
		if string(fe.code("alice")) == "000000" {
			wrong = "111111"
		}
		mustErr(t, l.Submit(ctx, wrong), transport.ErrCodeMismatch)
		if l.State() != states.SignInEmailCode {
			t.Fatalf("a wrong code left the login in %s", l.State())
		}
		must(t, l.Submit(ctx, engine.SignInCode(fe.code("alice"))))
		fe.wantPath("Init>SignInEmailCode>Done")
	})

	t.Run("USER_AUTH: a code, then the remembered device", func(t *testing.T) {
		pool := userAuthPool()
		pool.DeviceConfiguration = &transport.DeviceConfiguration{}
		fe := newFakeEnv(t, seen, pool)
		fe.client = fe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fe.pool.ID,
			ClientSettings: transport.ClientSettings{ClientName: "passwordless", ExplicitAuthFlows: []string{
				transport.AllowUserAuth, transport.AllowRefreshTokenAuth,
			}}})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
		cfg := fe.userAuthConfig("PASSWORD")
		res, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		if res.NewDevice == nil || res.DeviceErr != nil {
			t.Fatalf("no device: %v", res)
		}
		fe.takePath()
		l, err := engine.Start(ctx, fe.userAuthConfig("EMAIL_OTP"), engine.Credentials{Username: "alice", Device: res.NewDevice})
		must(t, err)
		must(t, l.Submit(ctx, engine.SignInCode(fe.code("alice"))))
		got, err := l.Result()
		must(t, err)
		if got.NewDevice != nil || got.DeviceKey != res.NewDevice.Key {
			t.Fatalf("device after the code: %v", got)
		}
		fe.wantPath("Init>SignInEmailCode>DeviceSRP>DevicePasswordVerifier>Done")
	})

	t.Run("USER_AUTH: sign-up, then sign-in with ConfirmSignUp's session", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		if _, err := fe.f.UpdateUserPool(ctx, &transport.UpdateUserPoolInput{UserPoolID: fe.pool.ID, PoolSettings: transport.PoolSettings{
			AutoVerifiedAttributes: []string{"email"}, EmailConfiguration: userAuthEmail(),
		}}); err != nil {
			t.Fatal(err)
		}
		hash := srp.SecretHash("dora", fe.client.ClientID, fe.client.ClientSecret)
		if _, err := fe.f.SignUp(ctx, &transport.SignUpInput{ClientID: fe.client.ClientID, SecretHash: hash, Username: "dora", Password: fakePassword,
			UserAttributes: []transport.AttributeType{transport.Attr("email", "dora@example.com")}}); err != nil {
			t.Fatal(err)
		}
		conf, err := fe.f.ConfirmSignUp(ctx, &transport.ConfirmSignUpInput{ClientID: fe.client.ClientID, SecretHash: hash, Username: "dora",
			ConfirmationCode: string(fe.code("dora"))})
		must(t, err)
		creds := engine.Credentials{Username: "dora", SignUpSession: conf.Session}
		if s := creds.String(); strings.Contains(s, conf.Session) {
			t.Fatalf("Credentials.String shows the session: %s", s)
		}
		res, err := engine.Authenticate(ctx, fe.userAuthConfig("EMAIL_OTP"), creds)
		must(t, err)
		if res.Username != "dora" {
			t.Fatalf("result %v", res)
		}
		fe.wantPath("Init>Done")
		_, err = engine.Authenticate(ctx, fe.userAuthConfig(""), creds)
		mustErr(t, err, engine.ErrSessionExpired, transport.ErrNotAuthorized)
		fe.takePath()
	})

	t.Run("USER_AUTH: a preference the user cannot use", func(t *testing.T) {
		fe := userAuthEnv(t, seen)
		fe.f.MustCreateUser(fe.pool.ID, "bob", fakePassword)
		_, err := engine.Start(ctx, fe.userAuthConfig("EMAIL_OTP"), engine.Credentials{Username: "bob"})
		mustErr(t, err, transport.ErrInvalidParameter)
		fe.wantPath("Init>Failed")
	})
}

func TestUserAuthWrongAnswers(t *testing.T) {
	ctx := context.Background()
	fe := userAuthEnv(t, &statesSeen{seen: map[states.State]bool{}})
	l, err := engine.Start(ctx, fe.userAuthConfig(""), engine.Credentials{Username: "alice"})
	must(t, err)
	for _, tc := range []struct {
		name string
		a    engine.Answer
	}{
		{"a factor not offered", engine.FirstFactor("WEB_AUTHN")},
		{"no factor", engine.FirstFactor("")},
		{"a code before the choice", engine.SignInCode("123456")},
		{"a passkey before the choice", engine.PasskeyAssertion("{}")},
		{"a password before the choice", engine.Password(fakePassword)},
		{"an MFA choice", engine.MFAChoice("EMAIL_OTP")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustErr(t, l.Submit(ctx, tc.a), engine.ErrWrongAnswer)
			if l.State() != states.SelectChallenge {
				t.Fatalf("state %s", l.State())
			}
		})
	}
	must(t, l.Submit(ctx, engine.FirstFactor("SMS_OTP")))
	mustErr(t, l.Submit(ctx, engine.FirstFactor("EMAIL_OTP")), engine.ErrWrongAnswer)
	mustErr(t, l.Submit(ctx, engine.PasskeyAssertion("{}")), engine.ErrWrongAnswer)
	must(t, l.Submit(ctx, engine.SignInCode(fe.code("alice"))))
}

// TestUserAuthPasskey drives the WebAuthn state against a script: the fake
// keeps no passkeys yet.
func TestUserAuthPasskey(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	const options = `{"challenge":"AAECAwQFBgcICQoLDA0ODw","rpId":"example.com","allowCredentials":[{"id":"Y3JlZA","type":"public-key"}],"userVerification":"preferred","timeout":180000}`
	const assertion = `{"id":"Y3JlZA","rawId":"Y3JlZA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}`
	sc := newScript(t,
		step{op: "InitiateAuth", check: func(t *testing.T, in any) {
			i := in.(*transport.InitiateAuthInput)
			if i.AuthFlow != transport.FlowUserAuth {
				t.Errorf("AuthFlow %s", i.AuthFlow)
			}
			expect(t, "InitiateAuth", i.AuthParameters, map[string]string{
				"USERNAME": "alice", "PREFERRED_CHALLENGE": "", "SECRET_HASH": e.hash("alice"), "PASSWORD": "", "SRP_A": "",
			})
		}, reply: func(context.Context, any) (any, error) {
			return &transport.ChallengeOutput{ChallengeName: "SELECT_CHALLENGE", Session: "s1",
				ChallengeParameters: map[string]string{"USERNAME": "alice"}, AvailableChallenges: []string{"WEB_AUTHN", "PASSWORD"}}, nil
		}},
		step{op: "RespondToAuthChallenge", check: func(t *testing.T, in any) {
			r := in.(*transport.RespondToAuthChallengeInput)
			if r.ChallengeName != "SELECT_CHALLENGE" || r.Session != "s1" {
				t.Errorf("answer %s with session %q", r.ChallengeName, r.Session)
			}
			expect(t, "SELECT_CHALLENGE", r.ChallengeResponses, map[string]string{"USERNAME": "alice", "ANSWER": "WEB_AUTHN", "SECRET_HASH": e.hash("alice")})
		}, reply: challenge("WEB_AUTHN", "s2", map[string]string{"USERNAME": "alice", "CREDENTIAL_REQUEST_OPTIONS": options})},
		step{op: "RespondToAuthChallenge", check: func(t *testing.T, in any) {
			r := in.(*transport.RespondToAuthChallengeInput)
			if r.ChallengeName != "WEB_AUTHN" || r.Session != "s2" {
				t.Errorf("answer %s with session %q", r.ChallengeName, r.Session)
			}
			expect(t, "WEB_AUTHN", r.ChallengeResponses, map[string]string{"USERNAME": "alice", "CREDENTIAL": assertion})
		}, reply: tokens(nil)},
	)
	cfg := e.config(sc)
	cfg.Flow = transport.FlowUserAuth
	_, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: "alice"})
	var ce *engine.ChallengeError
	if !errors.As(err, &ce) || !errors.Is(err, engine.ErrFirstFactorRequired) {
		t.Fatalf("err %v, want a first factor choice", err)
	}
	if n := ce.Need.(states.NeedFirstFactorChoice); !slices.Equal(n.Options, []string{"WEB_AUTHN", "PASSWORD"}) {
		t.Fatalf("options %v", n.Options)
	}
	must(t, ce.Login.Submit(ctx, engine.FirstFactor("WEB_AUTHN")))
	if got := ce.Login.Need(); got != (states.NeedPasskey{RequestOptions: options}) {
		t.Fatalf("need %#v", got)
	}
	// A web app sends the options to the browser and takes the assertion in
	// another request, perhaps on another instance.
	snap := ce.Login.Snapshot()
	l, err := engine.Resume(cfg, snap)
	must(t, err)
	if got := l.Need(); got != (states.NeedPasskey{RequestOptions: options}) {
		t.Fatalf("resumed need %#v", got)
	}
	must(t, l.Submit(ctx, engine.PasskeyAssertion(assertion)))
	if l.State() != states.Done {
		t.Fatalf("state %s", l.State())
	}
	sc.done()
	if s := engine.PasskeyAssertion(assertion).String(); s != "PasskeyAssertion([redacted])" {
		t.Fatalf("String %q", s)
	}
}

func TestUserAuthChallengeErrors(t *testing.T) {
	for _, tc := range []struct {
		need states.Need
		want error
	}{
		{states.NeedFirstFactorChoice{Options: []string{"PASSWORD"}}, engine.ErrFirstFactorRequired},
		{states.NeedSignInCode{Medium: "SMS"}, engine.ErrSignInCodeRequired},
		{states.NeedPasskey{RequestOptions: "{}"}, engine.ErrPasskeyRequired},
	} {
		t.Run(states.Kind(tc.need), func(t *testing.T) {
			err := error(&engine.ChallengeError{Need: tc.need})
			if !errors.Is(err, tc.want) || errors.Is(err, engine.ErrMFARequired) {
				t.Fatalf("errors.Is(%v, %v) = false", err, tc.want)
			}
		})
	}
}
