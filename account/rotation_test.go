package account_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// A Session on an app client that rotates refresh tokens: each refresh
// brings a new refresh token, which the session keeps in its one cache and
// hands to the store, and Revoke uses the newest.
func TestSessionOnARotatingClient(t *testing.T) {
	forEachTarget(t, options{secret: true}, func(t *testing.T, fx *fixture) {
		rc := fx.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, GenerateSecret: true,
			ClientSettings: transport.ClientSettings{ClientName: "rotating", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth},
				RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled}}})
		c := *fx.client
		c.ClientID, c.ClientSecret = rc.ClientID, rc.ClientSecret
		fx.user("rosa")
		res, err := engine.Authenticate(fx.ctx, engine.Config{PoolID: fx.poolID, ClientID: c.ClientID, ClientSecret: c.ClientSecret,
			Transport: fx.cog, Now: fx.clock.Now}, engine.Credentials{Username: "rosa", Password: password})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var saved []string
		store := func(_ context.Context, tok string) error {
			mu.Lock()
			defer mu.Unlock()
			saved = append(saved, tok)
			return nil
		}
		s, err := c.NewSession(fx.ctx, res.Tokens, account.SessionOptions{Store: tokens.StoreFunc(store)})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.Refresh(fx.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(saved) != 1 || saved[0] != r.RefreshToken || r.RefreshToken == res.Tokens.RefreshToken {
			t.Fatalf("saved %d tokens; the refresh returned the saved one %v, a new one %v", len(saved), len(saved) == 1 && saved[0] == r.RefreshToken, r.RefreshToken != res.Tokens.RefreshToken)
		}
		// One cache: Token serves what Refresh brought, without refreshing.
		if tok, err := s.Token(); err != nil || tok.AccessToken != r.AccessToken || len(saved) != 1 {
			t.Fatalf("Token after Refresh: same %v, %d saved, %v", err == nil && tok.AccessToken == r.AccessToken, len(saved), err)
		}
		if _, err := s.User(fx.ctx); err != nil {
			t.Fatal(err)
		}
		// The rotated-out token is refused (no grace period) and so is a
		// refresh with REFRESH_TOKEN_AUTH on this client.
		_, err = fx.cog.GetTokensFromRefreshToken(fx.ctx, &transport.GetTokensFromRefreshTokenInput{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RefreshToken: res.Tokens.RefreshToken})
		if !errors.Is(err, transport.ErrRefreshTokenReuse) {
			t.Fatalf("the rotated-out token: %v, want RefreshTokenReuseException", err)
		}
		old, err := c.NewSession(fx.ctx, res.Tokens, account.SessionOptions{RefreshTokenAuth: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.Refresh(fx.ctx); !errors.Is(err, transport.ErrInvalidParameter) {
			t.Fatalf("REFRESH_TOKEN_AUTH on a rotating client: %v, want InvalidParameterException", err)
		}

		if err := s.Revoke(fx.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Refresh(fx.ctx); !errors.Is(err, transport.ErrNotAuthorized) {
			t.Fatalf("refresh after Revoke: %v, want NotAuthorizedException", err)
		}
	})
}
