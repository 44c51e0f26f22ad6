package conformance

import (
	"errors"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// passkeyRPID and passkeyOrigin are the relying party of the passkey
// scenarios and the origin their software authenticator signs for.
const (
	passkeyRPID     = "example.com"
	passkeyOrigin   = "https://example.com"
	passkeyPassword = "Passkey-Horse-9"
)

// passkeyPool is a pool that lets users sign in with a password or a
// passkey for example.com, requiring user verification, a client that
// allows choice-based sign-in, and a user who signed in with her password.
func passkeyPool(t *testing.T, tg Target) (*fixture, string) {
	t.Helper()
	fx := setup(t, tg, poolSpec{
		pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
				AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn},
			}},
		}},
		client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserAuth, transport.AllowRefreshTokenAuth}},
	})
	if _, err := fx.tg.Cognito.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID,
		WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: passkeyRPID, UserVerification: transport.UserVerificationRequired}}); err != nil {
		t.Fatalf("SetUserPoolMfaConfig: %v", err)
	}
	fx.user("paula", passkeyPassword)
	res, err := engine.Authenticate(fx.ctx, fx.userAuthConfig(states.FactorPassword), engine.Credentials{Username: "paula", Password: passkeyPassword})
	if err != nil {
		t.Fatalf("password sign-in: %v", err)
	}
	return fx, res.Tokens.AccessToken
}

// registerPasskey registers a passkey of a new authenticator for the
// access token's user, created at origin; it returns the authenticator and
// CompleteWebAuthnRegistration's error.
func registerPasskey(t *testing.T, fx *fixture, access string, alg int, origin string, tweak func(*webauthntest.Authenticator)) (*webauthntest.Authenticator, error) {
	t.Helper()
	a, err := webauthntest.New(alg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tweak != nil {
		tweak(a)
	}
	start, err := fx.tg.Cognito.StartWebAuthnRegistration(fx.ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: access})
	if err != nil {
		t.Fatalf("StartWebAuthnRegistration: %v", err)
	}
	cred, err := a.Create(start.CredentialCreationOptions, origin)
	if err != nil {
		t.Fatal(err)
	}
	_, err = fx.tg.Cognito.CompleteWebAuthnRegistration(fx.ctx, &transport.CompleteWebAuthnRegistrationInput{AccessToken: access, Credential: cred})
	return a, err
}

// passkeyLogin signs paula in with a's passkey at origin through the
// engine and returns the result or the error of the assertion.
func passkeyLogin(t *testing.T, fx *fixture, a *webauthntest.Authenticator, origin string) (*engine.Result, error) {
	t.Helper()
	l, err := engine.Start(fx.ctx, fx.userAuthConfig(states.FactorWebAuthn), engine.Credentials{Username: "paula"})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	need, ok := l.Need().(states.NeedPasskey)
	if !ok {
		t.Fatalf("need %#v; want a passkey", l.Need())
	}
	assertion, err := a.Get([]byte(need.RequestOptions), origin)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Submit(fx.ctx, engine.PasskeyAssertion(assertion)); err != nil {
		return nil, err
	}
	return l.Result()
}

var passkeyScenarios = []Scenario{
	{Name: "passkey registered, signs in, listed and deleted", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx, access := passkeyPool(t, tg)
		for _, alg := range []int{webauthntest.ES256, webauthntest.RS256} {
			a, err := registerPasskey(t, fx, access, alg, passkeyOrigin, nil)
			if err != nil {
				t.Fatalf("CompleteWebAuthnRegistration (alg %d): %v", alg, err)
			}
			res, err := passkeyLogin(t, fx, a, passkeyOrigin)
			if err != nil {
				t.Fatalf("passkey sign-in (alg %d): %v", alg, err)
			}
			fx.checkTokens(res.Tokens)
		}
		list, err := fx.tg.Cognito.ListWebAuthnCredentials(fx.ctx, &transport.ListWebAuthnCredentialsInput{AccessToken: access})
		if err != nil || len(list.Credentials) != 2 {
			t.Fatalf("ListWebAuthnCredentials = %+v, %v; want two passkeys", list, err)
		}
		for _, c := range list.Credentials {
			if c.RelyingPartyID != passkeyRPID || c.CreatedAt == nil || c.FriendlyCredentialName == "" {
				t.Errorf("credential %+v", c)
			}
			if _, err := fx.tg.Cognito.DeleteWebAuthnCredential(fx.ctx, &transport.DeleteWebAuthnCredentialInput{AccessToken: access, CredentialID: c.CredentialID}); err != nil {
				t.Fatalf("DeleteWebAuthnCredential: %v", err)
			}
		}
		// Without a passkey, WEB_AUTHN is no longer offered.
		l, err := engine.Start(fx.ctx, fx.userAuthConfig(""), engine.Credentials{Username: "paula"})
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := l.Need().(states.NeedFirstFactorChoice); !ok || slices.Contains(n.Options, states.FactorWebAuthn) {
			t.Fatalf("need %#v; want a choice without WEB_AUTHN", l.Need())
		}
	}},
	{Name: "passkey registration refused", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx, access := passkeyPool(t, tg)
		for _, tc := range []struct {
			name   string
			origin string
			tweak  func(*webauthntest.Authenticator)
			want   error
		}{
			{"another origin", "https://example.net", nil, transport.ErrWebAuthnOriginNotAllowed},
			{"another relying party", passkeyOrigin, func(a *webauthntest.Authenticator) { a.RPID = "example.net" }, transport.ErrWebAuthnRelyingPartyMismatch},
			{"no user verification", passkeyOrigin, func(a *webauthntest.Authenticator) { a.NoUserVerification = true }, transport.ErrWebAuthnCredentialNotSupported},
		} {
			if _, err := registerPasskey(t, fx, access, webauthntest.ES256, tc.origin, tc.tweak); !errors.Is(err, tc.want) {
				t.Errorf("%s: %v; want %v", tc.name, err, tc.want)
			}
		}
	}},
	{Name: "passkey sign-in refused", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx, access := passkeyPool(t, tg)
		a, err := registerPasskey(t, fx, access, webauthntest.ES256, passkeyOrigin, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := passkeyLogin(t, fx, a, "https://example.net"); !errors.Is(err, transport.ErrNotAuthorized) {
			t.Errorf("another origin: %v; want NotAuthorizedException", err)
		}
		if _, err := passkeyLogin(t, fx, a, passkeyOrigin); err != nil {
			t.Fatalf("sign-in: %v", err)
		}
		a.Counter = 0 // a clone of the authenticator, behind the original
		if _, err := passkeyLogin(t, fx, a, passkeyOrigin); !errors.Is(err, transport.ErrNotAuthorized) {
			t.Errorf("counter gone backwards: %v; want NotAuthorizedException", err)
		}
		a.BreakSignature = true
		a.Counter = 10
		if _, err := passkeyLogin(t, fx, a, passkeyOrigin); !errors.Is(err, transport.ErrNotAuthorized) {
			t.Errorf("bad signature: %v; want NotAuthorizedException", err)
		}
	}},
}
