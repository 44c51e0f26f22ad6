package account_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/fakecognito/webauthntest"
	"github.com/gocognito/gocognito/transport"
)

// passkeyPool lets passkeys sign in for example.com.
var passkeyPool = transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
	Policies: &transport.PoolPolicies{SignInPolicy: &transport.SignInPolicy{
		AllowedFirstAuthFactors: []string{transport.FactorPassword, transport.FactorWebAuthn},
	}},
}}

func passkeyFixture(t *testing.T, dial target) *fixture {
	t.Helper()
	fx := newFixture(t, options{pool: passkeyPool, dial: dial.dial})
	if _, err := fx.f.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID,
		WebAuthnConfiguration: &transport.WebAuthnConfiguration{RelyingPartyID: "example.com"}}); err != nil {
		t.Fatal(err)
	}
	return fx
}

// A user registers a passkey, lists it and deletes it, in-process and
// through the AWS SDK over HTTP.
func TestSessionPasskeys(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			fx := passkeyFixture(t, tg)
			fx.user("alice")
			s := fx.session("alice")
			a, err := webauthntest.New(webauthntest.ES256, nil)
			if err != nil {
				t.Fatal(err)
			}
			opts, err := s.StartPasskeyRegistration(fx.ctx)
			if err != nil {
				t.Fatal(err)
			}
			cred, err := a.Create(opts, "https://example.com")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.CompletePasskeyRegistration(fx.ctx, cred); err != nil {
				t.Fatal(err)
			}
			list, err := account.Collect(s.Passkeys(fx.ctx))
			if err != nil || len(list) != 1 || list[0].ID != a.CredentialID() || list[0].RelyingPartyID != "example.com" ||
				list[0].Attachment != "platform" || !list[0].Created.Equal(start) {
				t.Fatalf("Passkeys = %+v, %v", list, err)
			}
			if err := s.DeletePasskey(fx.ctx, a.CredentialID()); err != nil {
				t.Fatal(err)
			}
			if list, err := account.Collect(s.Passkeys(fx.ctx)); err != nil || len(list) != 0 {
				t.Fatalf("after delete: %+v, %v", list, err)
			}
		})
	}
}

// Cognito's refusals reach the caller as its sentinels; bad input is
// refused before anything is sent.
func TestSessionPasskeyRefusals(t *testing.T) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			fx := passkeyFixture(t, tg)
			fx.user("alice")
			s := fx.session("alice")
			a, err := webauthntest.New(webauthntest.RS256, nil)
			if err != nil {
				t.Fatal(err)
			}
			opts, err := s.StartPasskeyRegistration(fx.ctx)
			if err != nil {
				t.Fatal(err)
			}
			cred, err := a.Create(opts, "https://evil.example.net")
			if err != nil {
				t.Fatal(err)
			}
			for _, tc := range []struct {
				name string
				err  error
				want error
			}{
				{"wrong origin", s.CompletePasskeyRegistration(fx.ctx, cred), transport.ErrWebAuthnOriginNotAllowed},
				{"challenge spent", s.CompletePasskeyRegistration(fx.ctx, cred), transport.ErrWebAuthnChallengeNotFound},
				{"not JSON", s.CompletePasskeyRegistration(fx.ctx, json.RawMessage("{")), account.ErrInvalidInput},
				{"no id", s.DeletePasskey(fx.ctx, ""), account.ErrInvalidInput},
				{"unknown id", s.DeletePasskey(fx.ctx, "AAAA"), transport.ErrResourceNotFound},
			} {
				if !errors.Is(tc.err, tc.want) {
					t.Errorf("%s: %v, want %v", tc.name, tc.err, tc.want)
				}
			}
		})
	}
}
