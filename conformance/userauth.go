package conformance

import (
	"slices"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// Choice-based sign-in (USER_AUTH): docs/fake-server.md, "Choice-based
// sign-in", has the evidence for each behaviour.

// userAuthPool creates a pool that allows passwords and e-mail and SMS
// codes as first factors (sending with SES and SNS), with a client that
// allows USER_AUTH; mfa, when set, is the pool's MFA mode, by SMS.
func userAuthPool(t *testing.T, tg Target, mfa string) *fixture {
	t.Helper()
	sms := &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", ExternalID: "conformance"}
	fx := setup(t, tg, poolSpec{
		pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{
				transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP,
			}}},
			EmailConfiguration: sesEmail(), SmsConfiguration: sms,
		}},
		client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}},
		secret: true,
	})
	if mfa != "" {
		if _, err := tg.Cognito.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID, MfaConfiguration: mfa,
			SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}", SmsConfiguration: sms}}); err != nil {
			t.Fatalf("SetUserPoolMfaConfig: %v", err)
		}
	}
	return fx
}

// userAuthUser creates name with a password and a verified e-mail address
// and phone number.
func (fx *fixture) userAuthUser(name string) {
	fx.t.Helper()
	fx.user(name, mfaPassword,
		transport.Attr("email", name+"@example.org"), transport.Attr("email_verified", "true"),
		transport.Attr("phone_number", "+15555550142"), transport.Attr("phone_number_verified", "true"))
}

// userAuthConfig is the fixture's engine configuration for USER_AUTH.
func (fx *fixture) userAuthConfig(pref string) engine.Config {
	cfg := fx.config()
	cfg.Flow, cfg.PreferredChallenge = transport.FlowUserAuth, pref
	return cfg
}

// signInCode reads the sign-in code the outbox holds for name, checking the
// login's need first.
func (fx *fixture) signInCode(t *testing.T, l *engine.Login, name, medium string) engine.SignInCode {
	t.Helper()
	need, ok := l.Need().(states.NeedSignInCode)
	if !ok || need.Medium != medium || need.Destination == "" {
		t.Fatalf("need %#v; want a sign-in code by %s with a destination", l.Need(), medium)
	}
	msg, ok := fx.tg.Fake.Outbox().Last(name)
	if !ok || msg.Medium != medium || msg.Purpose != "SIGN_IN" || msg.Code == "" {
		t.Fatalf("outbox for %s: %+v, %v", name, msg, ok)
	}
	return engine.SignInCode(msg.Code)
}

var userAuthScenarios = []Scenario{
	{Name: "user auth: an e-mail code chosen, resumed from JSON", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := userAuthPool(t, tg, "")
		fx.userAuthUser("uma")
		_, err := engine.Authenticate(fx.ctx, fx.userAuthConfig(""), engine.Credentials{Username: "uma"})
		l := resumeFromJSON(t, fx, needOf(t, err, engine.ErrFirstFactorRequired))
		want := []string{"PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"}
		if n, ok := l.Need().(states.NeedFirstFactorChoice); !ok || !slices.Equal(n.Options, want) {
			t.Fatalf("need %#v; want the choice of %v", l.Need(), want)
		}
		if err := l.Submit(fx.ctx, engine.FirstFactor("EMAIL_OTP")); err != nil {
			t.Fatal(err)
		}
		l = resumeFromJSON(t, fx, l)
		if err := l.Submit(fx.ctx, fx.signInCode(t, l, "uma", states.MediumEmail)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "user auth: an SMS code preferred is not followed by MFA", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := userAuthPool(t, tg, transport.MFAOn)
		fx.userAuthUser("vic")
		_, err := engine.Authenticate(fx.ctx, fx.userAuthConfig("SMS_OTP"), engine.Credentials{Username: "vic"})
		l := needOf(t, err, engine.ErrSignInCodeRequired)
		if err := l.Submit(fx.ctx, fx.signInCode(t, l, "vic", states.MediumSMS)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "user auth: a password preferred is followed by MFA", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := userAuthPool(t, tg, transport.MFAOn)
		fx.userAuthUser("wes")
		_, err := engine.Authenticate(fx.ctx, fx.userAuthConfig("PASSWORD"), engine.Credentials{Username: "wes", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, fx.codeFor(t, l, "wes", states.MediumSMS)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "user auth: password and SRP", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := userAuthPool(t, tg, "")
		fx.userAuthUser("xan")
		res, err := engine.Authenticate(fx.ctx, fx.userAuthConfig("PASSWORD_SRP"), engine.Credentials{Username: "xan", Password: mfaPassword})
		if err != nil {
			t.Fatal(err)
		}
		fx.checkTokens(res.Tokens)
		_, err = engine.Authenticate(fx.ctx, fx.userAuthConfig(""), engine.Credentials{Username: "xan", Password: mfaPassword})
		l := needOf(t, err, engine.ErrFirstFactorRequired)
		if err := l.Submit(fx.ctx, engine.FirstFactor("PASSWORD")); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
		_, err = engine.Authenticate(fx.ctx, fx.userAuthConfig("PASSWORD"), engine.Credentials{Username: "xan", Password: "Wr0ng-Horse-Battery!"})
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
	{Name: "user auth: refusals", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := userAuthPool(t, tg, "")
		fx.user("yul", mfaPassword) // no verified e-mail or phone
		for _, tc := range []struct {
			name   string
			params map[string]string
			want   error
		}{
			{"a code to an address the user lacks", map[string]string{"USERNAME": "yul", "PREFERRED_CHALLENGE": "EMAIL_OTP"}, transport.ErrInvalidParameter},
			{"a passkey the user lacks", map[string]string{"USERNAME": "yul", "PREFERRED_CHALLENGE": "WEB_AUTHN"}, transport.ErrInvalidParameter},
			{"no user name", map[string]string{}, transport.ErrInvalidParameter},
		} {
			t.Run(tc.name, func(t *testing.T) {
				params := tc.params
				if u := params["USERNAME"]; u != "" {
					params["SECRET_HASH"] = srp.SecretHash(u, fx.clientID, fx.secret)
				}
				_, err := fx.initiate(transport.FlowUserAuth, params)
				wantErr(t, err, tc.want, "")
			})
		}
		// A client without ALLOW_USER_AUTH.
		other, err := tg.Cognito.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID,
			ClientSettings: transport.ClientSettings{ClientName: "srp-only", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = tg.Cognito.InitiateAuth(fx.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: other.UserPoolClient.ClientID,
			AuthParameters: map[string]string{"USERNAME": "yul"}})
		wantErr(t, err, transport.ErrInvalidParameter, "USER_AUTH")
		// A policy without PASSWORD, and codes in the LITE plan.
		_, err = tg.Cognito.CreateUserPool(fx.ctx, &transport.CreateUserPoolInput{PoolName: "no-password", PoolSettings: transport.PoolSettings{
			Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{"EMAIL_OTP"}}}, EmailConfiguration: sesEmail()}})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		_, err = tg.Cognito.CreateUserPool(fx.ctx, &transport.CreateUserPoolInput{PoolName: "lite", PoolSettings: transport.PoolSettings{UserPoolTier: transport.TierLite,
			Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{AllowedFirstAuthFactors: []string{"PASSWORD", "EMAIL_OTP"}}}, EmailConfiguration: sesEmail()}})
		wantErr(t, err, transport.ErrFeatureUnavailableInTier, "")
	}},
	{Name: "user auth: not in the lite plan", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{UserPoolTier: transport.TierLite}},
			client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}}})
		fx.user("zed", mfaPassword)
		_, err := fx.initiate(transport.FlowUserAuth, map[string]string{"USERNAME": "zed"})
		wantErr(t, err, transport.ErrFeatureUnavailableInTier, "")
	}},
	{Name: "user auth: sign-up, then sign-in with ConfirmSignUp's session", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{
			pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				AutoVerifiedAttributes: []string{"email"}, EmailConfiguration: sesEmail()}},
			client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}},
		})
		if _, err := tg.Cognito.SignUp(fx.ctx, &transport.SignUpInput{ClientID: fx.clientID, Username: "ada", Password: mfaPassword,
			UserAttributes: []transport.AttributeType{transport.Attr("email", "ada@example.org")}}); err != nil {
			t.Fatal(err)
		}
		msg, ok := tg.Fake.Outbox().Last("ada")
		if !ok || msg.Purpose != "SIGN_UP" {
			t.Fatalf("outbox %+v, %v", msg, ok)
		}
		conf, err := tg.Cognito.ConfirmSignUp(fx.ctx, &transport.ConfirmSignUpInput{ClientID: fx.clientID, Username: "ada", ConfirmationCode: msg.Code})
		if err != nil {
			t.Fatal(err)
		}
		if conf.Session == "" {
			t.Fatal("ConfirmSignUp returned no Session")
		}
		out, err := tg.Cognito.InitiateAuth(fx.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: fx.clientID,
			AuthParameters: map[string]string{"USERNAME": "ada"}, Session: conf.Session})
		if err != nil {
			t.Fatal(err)
		}
		fx.checkTokens(out.AuthenticationResult)
		_, err = tg.Cognito.InitiateAuth(fx.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserAuth, ClientID: fx.clientID,
			AuthParameters: map[string]string{"USERNAME": "ada"}, Session: conf.Session})
		wantErr(t, err, transport.ErrNotAuthorized, "Invalid session")
	}},
	{Name: "passkey settings round trip", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		in := &transport.WebAuthnConfiguration{RelyingPartyID: "auth.example.org", UserVerification: transport.UserVerificationRequired}
		if _, err := tg.Cognito.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID, WebAuthnConfiguration: in}); err != nil {
			t.Fatal(err)
		}
		got, err := tg.Cognito.GetUserPoolMfaConfig(fx.ctx, &transport.PoolRef{UserPoolID: fx.poolID})
		if err != nil {
			t.Fatal(err)
		}
		if got.WebAuthnConfiguration == nil || *got.WebAuthnConfiguration != *in {
			t.Fatalf("WebAuthnConfiguration %+v, want %+v", got.WebAuthnConfiguration, in)
		}
	}},
}
