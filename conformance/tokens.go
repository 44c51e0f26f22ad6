package conformance

import (
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// refresh runs REFRESH_TOKEN_AUTH with the given device key.
func (fx *fixture) refresh(res *engine.Result, deviceKey string) (*transport.AuthenticationResult, error) {
	params := map[string]string{"REFRESH_TOKEN": res.Tokens.RefreshToken}
	if fx.secret != "" {
		params["SECRET_HASH"] = srp.SecretHash(res.Username, fx.clientID, fx.secret)
	}
	if deviceKey != "" {
		params["DEVICE_KEY"] = deviceKey
	}
	out, err := fx.initiate(transport.FlowRefreshTokenAuth, params)
	if err != nil {
		return nil, err
	}
	return out.AuthenticationResult, nil
}

var tokenScenarios = []Scenario{
	{Name: "refresh keeps auth_time and returns no new refresh token", Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: tg.Live == nil})
		name, pw := userFor(fx, "rita")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		_, before := fx.checkTokens(res.Tokens)
		if tg.Clock != nil {
			tg.Clock.Advance(10 * time.Minute)
		}
		src, err := tokens.NewSource(fx.ctx, tokens.SourceConfig{Transport: tg.Cognito, ClientID: fx.clientID, ClientSecret: fx.secret, Username: res.Username, Now: tg.now}, res.Tokens)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := src.Refresh(fx.ctx)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := fx.refresh(res, "")
		if err != nil {
			t.Fatal(err)
		}
		if fresh.RefreshToken != "" {
			t.Error("refresh returned a new refresh token")
		}
		fresh.RefreshToken = res.Tokens.RefreshToken
		_, after := fx.checkTokens(fresh)
		if !after.AuthTime.Equal(before.AuthTime) {
			t.Errorf("auth_time moved from %v to %v", before.AuthTime, after.AuthTime)
		}
		if tok.AccessToken == "" || tokens.IDToken(tok) == "" {
			t.Error("token source returned no tokens")
		}
	}},
	{Name: "refresh with and without the device key", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := devicePool(t, tg)
		secret := fx.totpUser("sam", mfaPassword, true)
		dev, _ := rememberedDevice(t, fx, "sam", secret)
		res := fx.mustLogin(engine.Credentials{Username: "sam", Password: mfaPassword, Device: dev})
		if _, err := fx.refresh(res, dev.Key); err != nil {
			t.Fatalf("refresh with DEVICE_KEY: %v", err)
		}
		_, err := fx.refresh(res, "")
		if !errorsIsAny(err, transport.ErrNotAuthorized, transport.ErrInvalidParameter) {
			t.Fatalf("refresh of a device login without DEVICE_KEY: %v, want a refusal", err)
		}
	}},
	{Name: "global sign-out revokes every token", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "tom")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		if _, err := tg.Cognito.GetUser(fx.ctx, &transport.AccessTokenInput{AccessToken: res.Tokens.AccessToken}); err != nil {
			t.Fatalf("GetUser before sign-out: %v", err)
		}
		if _, err := tg.Cognito.GlobalSignOut(fx.ctx, &transport.AccessTokenInput{AccessToken: res.Tokens.AccessToken}); err != nil {
			t.Fatal(err)
		}
		_, err := tg.Cognito.GetUser(fx.ctx, &transport.AccessTokenInput{AccessToken: res.Tokens.AccessToken})
		wantErr(t, err, transport.ErrNotAuthorized, "Access Token has been revoked")
		_, err = fx.refresh(res, "")
		wantErr(t, err, transport.ErrNotAuthorized, "")
	}},
	{Name: "revoked refresh token", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "uma")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		if _, err := tg.Cognito.RevokeToken(fx.ctx, &transport.RevokeTokenInput{Token: res.Tokens.RefreshToken, ClientID: fx.clientID}); err != nil {
			t.Fatal(err)
		}
		_, err := fx.refresh(res, "")
		wantErr(t, err, transport.ErrNotAuthorized, "")
		_, err = tg.Cognito.GetUser(fx.ctx, &transport.AccessTokenInput{AccessToken: res.Tokens.AccessToken})
		wantErr(t, err, transport.ErrNotAuthorized, "")
	}},
}
