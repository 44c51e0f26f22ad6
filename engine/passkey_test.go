package engine_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// passkeyOrigin is where the browser of these tests runs.
const passkeyOrigin = "https://example.com"

// passkeyEnv is userAuthEnv with passkeys for example.com and a passkey of
// alice's in authenticator a, registered after a password sign-in.
func passkeyEnv(t *testing.T, seen *statesSeen, alg int) (*fakeEnv, *webauthntest.Authenticator) {
	t.Helper()
	ctx := context.Background()
	fe := userAuthEnv(t, seen)
	_, err := fe.f.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: fe.pool.ID,
		WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: "example.com", UserVerification: transport.UserVerificationRequired}})
	must(t, err)
	res, err := engine.Authenticate(ctx, fe.userAuthConfig(states.FactorPassword), engine.Credentials{Username: "alice", Password: fakePassword})
	must(t, err)
	a, err := webauthntest.New(alg, nil)
	must(t, err)
	start, err := fe.f.StartWebAuthnRegistration(ctx, &transport.StartWebAuthnRegistrationInput{AccessToken: res.Tokens.AccessToken})
	must(t, err)
	cred, err := a.Create(start.CredentialCreationOptions, passkeyOrigin)
	must(t, err)
	_, err = fe.f.CompleteWebAuthnRegistration(ctx, &transport.CompleteWebAuthnRegistrationInput{AccessToken: res.Tokens.AccessToken, Credential: cred})
	must(t, err)
	fe.path = nil
	return fe, a
}

// passkeyScenarios sign in with a passkey through the engine against the
// fake, the options going to the authenticator from a snapshot as a web app
// sends them to the browser in one request and finishes in the next;
// TestFakeEveryState runs them with the others.
func passkeyScenarios(t *testing.T, seen *statesSeen) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		alg  int
	}{{"ES256", webauthntest.ES256}, {"RS256", webauthntest.RS256}} {
		t.Run("USER_AUTH: a passkey preferred, "+tc.name+", resumed from JSON", func(t *testing.T) {
			fe, a := passkeyEnv(t, seen, tc.alg)
			fe.mfaConfig(transport.MFAOn, true, false, false) // no MFA follows a passkey
			l, err := engine.Start(ctx, fe.userAuthConfig(states.FactorWebAuthn), engine.Credentials{Username: "alice"})
			must(t, err)
			n, ok := l.Need().(states.NeedPasskey)
			if !ok {
				t.Fatalf("need %#v, want NeedPasskey", l.Need())
			}
			data, err := json.Marshal(l.Snapshot())
			must(t, err)
			snap, err := engine.ParseSnapshot(data)
			must(t, err)
			l2, err := engine.Resume(fe.userAuthConfig(states.FactorWebAuthn), snap)
			must(t, err)
			assertion, err := a.Get([]byte(n.RequestOptions), passkeyOrigin)
			must(t, err)
			must(t, l2.Submit(ctx, engine.PasskeyAssertion(assertion)))
			res, err := l2.Result()
			must(t, err)
			if res.Username != "alice" || res.Tokens.AccessToken == "" {
				t.Fatalf("result %v", res)
			}
			fe.wantPath("Init>WebAuthn>Done")
		})
	}

	t.Run("USER_AUTH: a passkey chosen", func(t *testing.T) {
		fe, a := passkeyEnv(t, seen, webauthntest.ES256)
		l, err := engine.Start(ctx, fe.userAuthConfig(""), engine.Credentials{Username: "alice"})
		must(t, err)
		if n, ok := l.Need().(states.NeedFirstFactorChoice); !ok || !slices.Contains(n.Options, states.FactorWebAuthn) {
			t.Fatalf("need %#v, want a choice with WEB_AUTHN", l.Need())
		}
		must(t, l.Submit(ctx, engine.FirstFactor(states.FactorWebAuthn)))
		assertion, err := a.Get([]byte(l.Need().(states.NeedPasskey).RequestOptions), passkeyOrigin)
		must(t, err)
		must(t, l.Submit(ctx, engine.PasskeyAssertion(assertion)))
		fe.wantPath("Init>SelectChallenge>WebAuthn>Done")
	})

	t.Run("USER_AUTH: a passkey from another origin", func(t *testing.T) {
		fe, a := passkeyEnv(t, seen, webauthntest.ES256)
		l, err := engine.Start(ctx, fe.userAuthConfig(states.FactorWebAuthn), engine.Credentials{Username: "alice"})
		must(t, err)
		assertion, err := a.Get([]byte(l.Need().(states.NeedPasskey).RequestOptions), "https://example.net")
		must(t, err)
		mustErr(t, l.Submit(ctx, engine.PasskeyAssertion(assertion)), transport.ErrNotAuthorized)
		fe.wantPath("Init>WebAuthn>Failed")
	})

	t.Run("USER_AUTH: Authenticate stops at the passkey", func(t *testing.T) {
		fe, _ := passkeyEnv(t, seen, webauthntest.ES256)
		_, err := engine.Authenticate(ctx, fe.userAuthConfig(states.FactorWebAuthn), engine.Credentials{Username: "alice"})
		mustErr(t, err, engine.ErrPasskeyRequired)
	})
}
