package conformance

import (
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// rotatingClient is an app client that rotates refresh tokens with the
// given grace period, configured as Cognito requires: without
// ALLOW_REFRESH_TOKEN_AUTH.
func rotatingClient(grace int32) transport.ClientSettings {
	return transport.ClientSettings{
		ExplicitAuthFlows:    []string{transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowCustomAuth},
		RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: grace},
	}
}

// getTokens calls GetTokensFromRefreshToken with the fixture's client and
// secret.
func (fx *fixture) getTokens(refreshToken, deviceKey string) (*transport.AuthenticationResult, error) {
	out, err := fx.tg.Cognito.GetTokensFromRefreshToken(fx.ctx, &transport.GetTokensFromRefreshTokenInput{
		ClientID: fx.clientID, ClientSecret: fx.secret, RefreshToken: refreshToken, DeviceKey: deviceKey,
	})
	if err != nil {
		return nil, err
	}
	if out.AuthenticationResult == nil {
		fx.t.Fatal("GetTokensFromRefreshToken answered without AuthenticationResult")
	}
	return out.AuthenticationResult, nil
}

// mustGetTokens is getTokens that fails the test on error and checks the
// tokens.
func (fx *fixture) mustGetTokens(refreshToken, deviceKey string) *transport.AuthenticationResult {
	fx.t.Helper()
	res, err := fx.getTokens(refreshToken, deviceKey)
	if err != nil {
		fx.t.Fatalf("GetTokensFromRefreshToken: %v", err)
	}
	fx.checkTokens(res)
	return res
}

var refreshScenarios = []Scenario{
	{Name: "GetTokensFromRefreshToken keeps the sign-in", Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: tg.Live == nil})
		name, pw := userFor(fx, "gwen")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		_, before := fx.checkTokens(res.Tokens)
		if tg.Clock != nil {
			tg.Clock.Advance(10 * time.Minute)
		}
		fresh := fx.mustGetTokens(res.Tokens.RefreshToken, before.DeviceKey)
		_, after := fx.checkTokens(fresh)
		if !after.AuthTime.Equal(before.AuthTime) || after.Subject != before.Subject {
			t.Errorf("auth_time %v (was %v), sub %q (was %q)", after.AuthTime, before.AuthTime, after.Subject, before.Subject)
		}
		// A client without rotation gets no new refresh token (the live
		// client may rotate).
		if tg.Live == nil && fresh.RefreshToken != "" {
			t.Error("a client without rotation returned a new refresh token")
		}
	}},
	{Name: "GetTokensFromRefreshToken refuses an unknown token and a wrong secret", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: true})
		name, pw := userFor(fx, "hugo")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		_, err := fx.getTokens("not-a-refresh-token", "")
		wantErr(t, err, transport.ErrNotAuthorized, "Invalid Refresh Token.")
		_, err = fx.tg.Cognito.GetTokensFromRefreshToken(fx.ctx, &transport.GetTokensFromRefreshTokenInput{
			ClientID: fx.clientID, ClientSecret: fx.secret + "x", RefreshToken: res.Tokens.RefreshToken,
		})
		wantErr(t, err, transport.ErrNotAuthorized, "")
	}},
	{Name: "rotation: a new refresh token, the old one for the grace period, then reuse refused", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: rotatingClient(10)})
		name, pw := userFor(fx, "ines")
		first := fx.mustLogin(engine.Credentials{Username: name, Password: pw}).Tokens
		second := fx.mustGetTokens(first.RefreshToken, "")
		if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
			t.Fatal("a rotating client returned no new refresh token")
		}
		tg.Clock.Advance(9 * time.Second)
		fx.mustGetTokens(first.RefreshToken, "") // a retry within the grace period
		tg.Clock.Advance(time.Second)
		_, err := fx.getTokens(first.RefreshToken, "")
		wantErr(t, err, transport.ErrRefreshTokenReuse, "")
		third := fx.mustGetTokens(second.RefreshToken, "")
		if third.RefreshToken == "" || third.RefreshToken == second.RefreshToken {
			t.Error("the second rotation returned no new refresh token")
		}
	}},
	{Name: "rotation: REFRESH_TOKEN_AUTH refused", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: rotatingClient(0)})
		name, pw := userFor(fx, "jack")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		_, err := fx.refresh(res, "")
		wantErr(t, err, transport.ErrInvalidParameter, "")
	}},
	{Name: "rotation: a client that also allows REFRESH_TOKEN_AUTH is refused", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		s := rotatingClient(0)
		s.ClientName = "both"
		s.ExplicitAuthFlows = append(s.ExplicitAuthFlows, transport.AllowRefreshTokenAuth)
		_, err := tg.Cognito.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID, ClientSettings: s})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		_, err = tg.Cognito.UpdateUserPoolClient(fx.ctx, &transport.UpdateUserPoolClientInput{UserPoolID: fx.poolID, ClientID: fx.clientID, ClientSettings: s})
		wantErr(t, err, transport.ErrInvalidParameter, "")
		d, err := tg.Cognito.DescribeUserPoolClient(fx.ctx, &transport.ClientRef{UserPoolID: fx.poolID, ClientID: fx.clientID})
		if err != nil {
			t.Fatal(err)
		}
		if r := d.UserPoolClient.RefreshTokenRotation; r == nil || r.Feature != transport.RotationDisabled {
			t.Errorf("a client created without rotation describes it as %+v, want DISABLED", r)
		}
	}},
	{Name: "rotation: revoking any token of the family revokes them all", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: rotatingClient(60)})
		name, pw := userFor(fx, "kate")
		first := fx.mustLogin(engine.Credentials{Username: name, Password: pw}).Tokens
		second := fx.mustGetTokens(first.RefreshToken, "")
		third := fx.mustGetTokens(second.RefreshToken, "")
		if _, err := tg.Cognito.RevokeToken(fx.ctx, &transport.RevokeTokenInput{Token: third.RefreshToken, ClientID: fx.clientID}); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []*transport.AuthenticationResult{first, second, third} {
			_, err := fx.getTokens(tok.RefreshToken, "")
			wantErr(t, err, transport.ErrNotAuthorized, "")
			_, err = tg.Cognito.GetUser(fx.ctx, &transport.AccessTokenInput{AccessToken: tok.AccessToken})
			wantErr(t, err, transport.ErrNotAuthorized, "")
		}
	}},
	{Name: "GetTokensFromRefreshToken without the device's key issues a new device", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: rotatingClient(0), pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			DeviceConfiguration: &transport.DeviceConfiguration{},
		}}})
		name, pw := userFor(fx, "lena")
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		if res.NewDevice == nil || res.DeviceErr != nil {
			t.Fatalf("no device confirmed: %v", res.DeviceErr)
		}
		with := fx.mustGetTokens(res.Tokens.RefreshToken, res.NewDevice.Key)
		if _, access := fx.checkTokens(with); access.DeviceKey != res.NewDevice.Key || with.NewDeviceMetadata != nil {
			t.Errorf("with the device key: device_key %q (want %q), NewDeviceMetadata %+v", access.DeviceKey, res.NewDevice.Key, with.NewDeviceMetadata)
		}
		without := fx.mustGetTokens(with.RefreshToken, "")
		nd := without.NewDeviceMetadata
		if nd == nil || nd.DeviceKey == "" || nd.DeviceKey == res.NewDevice.Key {
			t.Fatalf("without the device key: NewDeviceMetadata %+v, want a new device", nd)
		}
		if _, access := fx.checkTokens(without); access.DeviceKey != nd.DeviceKey {
			t.Errorf("without the device key: device_key %q, want the new %q", access.DeviceKey, nd.DeviceKey)
		}
	}},
}
