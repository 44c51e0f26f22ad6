package fakecognito

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// rotating is a client that rotates refresh tokens, configured as Cognito
// requires: without ALLOW_REFRESH_TOKEN_AUTH.
func rotating(grace int32) transport.ClientSettings {
	return transport.ClientSettings{
		ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowAdminUserPassword},
		RefreshTokenRotation: &transport.RefreshTokenRotation{
			Feature: transport.RotationEnabled, RetryGracePeriodSeconds: grace,
		},
	}
}

// getTokens calls GetTokensFromRefreshToken with the env's client and its
// secret.
func (e *env) getTokens(tok, deviceKey string) (*transport.AuthenticationResult, error) {
	out, err := e.cog.GetTokensFromRefreshToken(e.ctx, &transport.GetTokensFromRefreshTokenInput{
		ClientID: e.client.ClientID, ClientSecret: e.client.ClientSecret, RefreshToken: tok, DeviceKey: deviceKey,
	})
	if err != nil {
		return nil, err
	}
	if out.AuthenticationResult == nil {
		e.t.Fatal("GetTokensFromRefreshToken answered without AuthenticationResult")
	}
	return out.AuthenticationResult, nil
}

// mustGetTokens is getTokens that must succeed.
func (e *env) mustGetTokens(tok, deviceKey string) *transport.AuthenticationResult {
	e.t.Helper()
	res, err := e.getTokens(tok, deviceKey)
	if err != nil {
		e.t.Fatalf("GetTokensFromRefreshToken: %v", err)
	}
	return res
}

func TestGetTokensFromRefreshTokenRotates(t *testing.T) {
	tests := []struct {
		name  string
		grace int32
	}{
		{"no grace period", 0},
		{"30 seconds", 30},
		{"the longest grace period", 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{secret: true, client: rotating(tt.grace)})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			first := e.tokens(e.srpLogin("alice", testPassword, nil))

			e.clk.Advance(time.Minute)
			second := e.mustGetTokens(first.RefreshToken, "")
			if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
				t.Fatalf("a rotating client returned refresh token %q", second.RefreshToken)
			}
			was, now := e.claims(first.AccessToken), e.claims(second.AccessToken)
			if now["origin_jti"] != was["origin_jti"] || now["auth_time"] != was["auth_time"] {
				t.Errorf("rotation started a new family: origin_jti %v (was %v), auth_time %v (was %v)",
					now["origin_jti"], was["origin_jti"], now["auth_time"], was["auth_time"])
			}

			grace := time.Duration(tt.grace) * time.Second
			if tt.grace > 0 {
				// A retry inside the grace period works, and rotates again.
				e.clk.Advance(grace - time.Second)
				retry := e.mustGetTokens(first.RefreshToken, "")
				if retry.RefreshToken == "" || retry.RefreshToken == second.RefreshToken {
					t.Errorf("a retry in the grace period returned refresh token %q", retry.RefreshToken)
				}
				e.clk.Advance(time.Second)
			}
			_, err := e.getTokens(first.RefreshToken, "")
			wantErr(t, err, "RefreshTokenReuseException", msgRefreshTokenReused)

			// The newest token keeps working; the family's tokens do too.
			third := e.mustGetTokens(second.RefreshToken, "")
			if err := e.getUser(third.AccessToken); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Rotation gives new tokens, not a longer session: the last refresh token
// expires when the sign-in's first would have (re:Post "Rotated Refresh
// Token Validity").
func TestRotationKeepsTheSessionExpiry(t *testing.T) {
	s := rotating(0)
	s.RefreshTokenValidity = 2
	s.TokenValidityUnits = &transport.TokenValidityUnits{RefreshToken: "hours"}
	e := newEnv(t, envOpts{client: s})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	tok := e.tokens(e.srpLogin("alice", testPassword, nil)).RefreshToken
	for range 3 {
		e.clk.Advance(30 * time.Minute)
		tok = e.mustGetTokens(tok, "").RefreshToken
	}
	e.clk.Advance(30 * time.Minute)
	_, err := e.getTokens(tok, "")
	wantErr(t, err, "NotAuthorizedException", msgRefreshTokenExpired)
}

func TestGetTokensFromRefreshTokenWithoutRotation(t *testing.T) {
	e := newEnv(t, envOpts{secret: true})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	first := e.tokens(e.srpLogin("alice", testPassword, nil))
	for i := range 3 {
		e.clk.Advance(time.Minute)
		res := e.mustGetTokens(first.RefreshToken, "")
		if res.RefreshToken != "" {
			t.Fatalf("refresh %d: a client without rotation returned a refresh token", i)
		}
		if res.TokenType != "Bearer" || res.ExpiresIn != 3600 {
			t.Errorf("TokenType %q, ExpiresIn %d", res.TokenType, res.ExpiresIn)
		}
	}
	// REFRESH_TOKEN_AUTH stays available on such a client.
	e.tokens(e.refresh(first.RefreshToken))
}

func TestGetTokensFromRefreshTokenRefusals(t *testing.T) {
	e := newEnv(t, envOpts{secret: true})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	other := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "other"}})
	id, secret := e.client.ClientID, e.client.ClientSecret
	tests := []struct {
		name string
		in   transport.GetTokensFromRefreshTokenInput
		code string
		msg  string
	}{
		{"unknown token", transport.GetTokensFromRefreshTokenInput{ClientID: id, ClientSecret: secret, RefreshToken: "not-a-token"},
			"NotAuthorizedException", msgInvalidRefreshTokenGT},
		{"another client's token", transport.GetTokensFromRefreshTokenInput{ClientID: other.ClientID, RefreshToken: res.RefreshToken},
			"NotAuthorizedException", msgInvalidRefreshTokenGT},
		{"no client secret", transport.GetTokensFromRefreshTokenInput{ClientID: id, RefreshToken: res.RefreshToken},
			"NotAuthorizedException", "Client " + id + " is configured with secret but ClientSecret was not received"},
		{"wrong client secret", transport.GetTokensFromRefreshTokenInput{ClientID: id, ClientSecret: secret + "x", RefreshToken: res.RefreshToken},
			"NotAuthorizedException", "Unable to verify secret for client " + id},
		// A SECRET_HASH is not the secret.
		{"secret hash for the secret", transport.GetTokensFromRefreshTokenInput{ClientID: id, ClientSecret: e.hash("alice"), RefreshToken: res.RefreshToken},
			"NotAuthorizedException", "Unable to verify secret for client " + id},
		{"no client id", transport.GetTokensFromRefreshTokenInput{RefreshToken: res.RefreshToken},
			"InvalidParameterException", "Missing required parameter ClientId"},
		{"no token", transport.GetTokensFromRefreshTokenInput{ClientID: id, ClientSecret: secret},
			"InvalidParameterException", "Missing required parameter RefreshToken"},
		{"unknown client", transport.GetTokensFromRefreshTokenInput{ClientID: "nosuchclient", RefreshToken: res.RefreshToken},
			"ResourceNotFoundException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.cog.GetTokensFromRefreshToken(e.ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
	e.mustGetTokens(res.RefreshToken, "")
}

// "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with
// refresh token rotation enabled" (developer guide), also when the client
// left ExplicitAuthFlows to its defaults.
func TestRotatingClientRefusesRefreshTokenAuth(t *testing.T) {
	tests := []struct {
		name  string
		flows []string
	}{
		{"explicit flows", rotating(0).ExplicitAuthFlows},
		{"default flows", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := rotating(0)
			s.ExplicitAuthFlows = tt.flows
			e := newEnv(t, envOpts{client: s})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			res := e.tokens(e.srpLogin("alice", testPassword, nil))
			for _, flow := range []string{transport.FlowRefreshTokenAuth, transport.FlowRefreshToken} {
				_, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: flow, ClientID: e.client.ClientID,
					AuthParameters: map[string]string{transport.ParamRefreshToken: res.RefreshToken}})
				wantErr(t, err, "InvalidParameterException", "REFRESH_TOKEN_AUTH flow not enabled for this client")
				_, err = e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{UserPoolID: e.pool.ID, AuthFlow: flow,
					ClientID: e.client.ClientID, AuthParameters: map[string]string{transport.ParamRefreshToken: res.RefreshToken}})
				wantErr(t, err, "InvalidParameterException", "REFRESH_TOKEN_AUTH flow not enabled for this client")
			}
			e.mustGetTokens(res.RefreshToken, "")
		})
	}
}

func TestRotationSettings(t *testing.T) {
	enabled := func(grace int32) *transport.RefreshTokenRotation {
		return &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: grace}
	}
	tests := []struct {
		name     string
		settings transport.ClientSettings
		code     string // "" when accepted
		want     transport.RefreshTokenRotation
	}{
		{"left out: disabled", transport.ClientSettings{}, "", transport.RefreshTokenRotation{Feature: transport.RotationDisabled}},
		{"enabled with grace", transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth}, RefreshTokenRotation: enabled(60)},
			"", *enabled(60)},
		{"enabled with default flows", transport.ClientSettings{RefreshTokenRotation: enabled(0)}, "", *enabled(0)},
		{"disabled with refresh flow", transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: transport.RotationDisabled}}, "",
			transport.RefreshTokenRotation{Feature: transport.RotationDisabled}},
		{"enabled with ALLOW_REFRESH_TOKEN_AUTH", transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			RefreshTokenRotation: enabled(0)}, "InvalidParameterException", transport.RefreshTokenRotation{}},
		{"enabled with legacy flows", transport.ClientSettings{ExplicitAuthFlows: []string{transport.LegacyUserPasswordAuth},
			RefreshTokenRotation: enabled(0)}, "InvalidParameterException", transport.RefreshTokenRotation{}},
		{"grace too long", transport.ClientSettings{RefreshTokenRotation: enabled(61)}, "InvalidParameterException", transport.RefreshTokenRotation{}},
		{"negative grace", transport.ClientSettings{RefreshTokenRotation: enabled(-1)}, "InvalidParameterException", transport.RefreshTokenRotation{}},
		{"no feature", transport.ClientSettings{RefreshTokenRotation: &transport.RefreshTokenRotation{}}, "InvalidParameterException", transport.RefreshTokenRotation{}},
		{"unknown feature", transport.ClientSettings{RefreshTokenRotation: &transport.RefreshTokenRotation{Feature: "ON"}},
			"InvalidParameterException", transport.RefreshTokenRotation{}},
	}
	e := newEnv(t, envOpts{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.settings
			s.ClientName = "c"
			out, err := e.cog.CreateUserPoolClient(e.ctx, &transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: s})
			// UpdateUserPoolClient applies the same rules to an existing client.
			_, uerr := e.cog.UpdateUserPoolClient(e.ctx, &transport.UpdateUserPoolClientInput{
				UserPoolID: e.pool.ID, ClientID: e.client.ClientID, ClientSettings: s})
			if tt.code != "" {
				wantErr(t, err, tt.code, "")
				wantErr(t, uerr, tt.code, "")
				return
			}
			if err != nil || uerr != nil {
				t.Fatalf("create: %v, update: %v", err, uerr)
			}
			for _, id := range []string{out.UserPoolClient.ClientID, e.client.ClientID} {
				d, err := e.cog.DescribeUserPoolClient(e.ctx, &transport.ClientRef{UserPoolID: e.pool.ID, ClientID: id})
				if err != nil {
					t.Fatal(err)
				}
				if got := d.UserPoolClient.RefreshTokenRotation; got == nil || *got != tt.want {
					t.Errorf("described rotation = %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}

func TestRotatedFamilyIsRevokedWhole(t *testing.T) {
	tests := []struct {
		name   string
		revoke func(e *env, tokens []*transport.AuthenticationResult) error
	}{
		{"RevokeToken with the newest token", func(e *env, toks []*transport.AuthenticationResult) error {
			_, err := e.cog.RevokeToken(e.ctx, &transport.RevokeTokenInput{Token: toks[len(toks)-1].RefreshToken, ClientID: e.client.ClientID})
			return err
		}},
		{"RevokeToken with a rotated-out token", func(e *env, toks []*transport.AuthenticationResult) error {
			_, err := e.cog.RevokeToken(e.ctx, &transport.RevokeTokenInput{Token: toks[0].RefreshToken, ClientID: e.client.ClientID})
			return err
		}},
		{"GlobalSignOut", func(e *env, toks []*transport.AuthenticationResult) error {
			_, err := e.cog.GlobalSignOut(e.ctx, &transport.AccessTokenInput{AccessToken: toks[len(toks)-1].AccessToken})
			return err
		}},
		{"AdminUserGlobalSignOut", func(e *env, _ []*transport.AuthenticationResult) error {
			_, err := e.cog.AdminUserGlobalSignOut(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
			return err
		}},
		{"AdminDisableUser", func(e *env, _ []*transport.AuthenticationResult) error {
			ref := &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}
			if _, err := e.cog.AdminDisableUser(e.ctx, ref); err != nil {
				return err
			}
			_, err := e.cog.AdminEnableUser(e.ctx, ref)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{client: rotating(60)})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			toks := []*transport.AuthenticationResult{e.tokens(e.srpLogin("alice", testPassword, nil))}
			for range 2 {
				toks = append(toks, e.mustGetTokens(toks[len(toks)-1].RefreshToken, ""))
			}
			if err := tt.revoke(e, toks); err != nil {
				t.Fatal(err)
			}
			for i, tok := range toks {
				wantErr(t, e.getUser(tok.AccessToken), "NotAuthorizedException", msgAccessTokenRevoked)
				if _, err := e.getTokens(tok.RefreshToken, ""); err == nil {
					t.Fatalf("refresh token %d still refreshes after revocation", i)
				} else {
					wantErr(t, err, "NotAuthorizedException", msgRefreshTokenRevoked)
				}
			}
		})
	}
}

// GetTokensFromRefreshToken in a pool that tracks devices: "If your
// application doesn't provide the key of a registered device, Amazon
// Cognito issues a new one" (API reference, DeviceKey).
func TestGetTokensFromRefreshTokenDevices(t *testing.T) {
	e := newEnv(t, envOpts{client: rotating(0), pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{},
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	login := e.tokens(e.srpLogin("alice", testPassword, nil))
	e.rememberDevice(login)
	confirmed := login.NewDeviceMetadata.DeviceKey
	unconfirmed := e.tokens(e.srpLogin("alice", testPassword, nil)).NewDeviceMetadata.DeviceKey

	tests := []struct {
		name      string
		deviceKey string
		newDevice bool
	}{
		{"the confirmed device", confirmed, false},
		{"no device key", "", true},
		{"an unknown device key", e.f.Region() + "_00000000-0000-4000-8000-000000000000", true},
		{"a device never confirmed", unconfirmed, true},
	}
	tok := login.RefreshToken
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := e.mustGetTokens(tok, tt.deviceKey)
			tok = res.RefreshToken
			got := e.claims(res.AccessToken)["device_key"]
			switch {
			case !tt.newDevice && res.NewDeviceMetadata != nil:
				t.Errorf("the confirmed device's key gave a new device %+v", res.NewDeviceMetadata)
			case !tt.newDevice && got != confirmed:
				t.Errorf("device_key = %v, want the confirmed %s", got, confirmed)
			case tt.newDevice && res.NewDeviceMetadata == nil:
				t.Error("no NewDeviceMetadata without the confirmed device's key")
			case tt.newDevice && (res.NewDeviceMetadata.DeviceKey == confirmed || res.NewDeviceMetadata.DeviceKey == tt.deviceKey):
				t.Errorf("new device %s is an old one", res.NewDeviceMetadata.DeviceKey)
			case tt.newDevice && got != res.NewDeviceMetadata.DeviceKey:
				t.Errorf("device_key = %v, want the new device %s", got, res.NewDeviceMetadata.DeviceKey)
			}
		})
	}
}

// A rotated-out token's grace period and the reuse rule survive Save and
// Load.
func TestRotationSurvivesSaveAndLoad(t *testing.T) {
	e := newEnv(t, envOpts{client: rotating(30)})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	first := e.tokens(e.srpLogin("alice", testPassword, nil))
	second := e.mustGetTokens(first.RefreshToken, "")

	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(first.RefreshToken)) || bytes.Contains(buf.Bytes(), []byte(second.RefreshToken)) {
		t.Fatal("Save wrote a refresh token in clear")
	}
	g := New(Options{Clock: e.clk.Now})
	if err := g.Load(&buf); err != nil {
		t.Fatal(err)
	}
	e.f, e.cog = g, g
	d, err := g.DescribeUserPoolClient(e.ctx, &transport.ClientRef{UserPoolID: e.pool.ID, ClientID: e.client.ClientID})
	if err != nil {
		t.Fatal(err)
	}
	if r := d.UserPoolClient.RefreshTokenRotation; !r.Enabled() || r.RetryGracePeriodSeconds != 30 {
		t.Fatalf("loaded rotation = %+v", r)
	}
	e.clk.Advance(29 * time.Second)
	e.mustGetTokens(first.RefreshToken, "")
	e.clk.Advance(time.Second)
	_, err = e.getTokens(first.RefreshToken, "")
	wantErr(t, err, "RefreshTokenReuseException", "")
	e.mustGetTokens(second.RefreshToken, "")
}

// A family remembers its last maxRetiredPerFamily rotated-out tokens; an
// older one is forgotten, as an unknown token is.
func TestRetiredTokensAreBounded(t *testing.T) {
	e := newEnv(t, envOpts{client: rotating(0)})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	toks := []string{e.tokens(e.srpLogin("alice", testPassword, nil)).RefreshToken}
	for range maxRetiredPerFamily + 1 {
		toks = append(toks, e.mustGetTokens(toks[len(toks)-1], "").RefreshToken)
	}
	_, err := e.getTokens(toks[0], "")
	wantErr(t, err, "NotAuthorizedException", msgInvalidRefreshTokenGT)
	_, err = e.getTokens(toks[1], "")
	wantErr(t, err, "RefreshTokenReuseException", "")
	e.f.mu.RLock()
	n := len(e.f.st.retired)
	e.f.mu.RUnlock()
	if n != maxRetiredPerFamily {
		t.Errorf("%d rotated-out tokens indexed, want %d", n, maxRetiredPerFamily)
	}
}

// A refresh whose pre token generation trigger fails issues nothing, so
// the refresh token it rotated out stays the family's: a failing Lambda
// must not sign the user out, with or without a grace period.
func TestFailedRefreshKeepsTheRefreshToken(t *testing.T) {
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:tokens"
	for _, grace := range []int32{0, 30} {
		t.Run(fmt.Sprintf("grace %d", grace), func(t *testing.T) {
			e := newEnv(t, envOpts{secret: true, client: rotating(grace), pool: transport.CreateUserPoolInput{
				PoolSettings: transport.PoolSettings{LambdaConfig: &transport.LambdaConfig{PreTokenGeneration: arn}},
			}})
			fail := false
			e.f.SetLambda(arn, func(_ context.Context, event []byte) ([]byte, error) {
				if fail {
					return nil, errors.New("tenant service down")
				}
				return event, nil
			})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			first := e.tokens(e.srpLogin("alice", testPassword, nil))

			fail = true
			e.clk.Advance(2 * time.Minute) // past any grace period
			_, err := e.getTokens(first.RefreshToken, "")
			wantErr(t, err, "UserLambdaValidationException", "PreTokenGeneration failed with error tenant service down.")

			fail = false
			e.clk.Advance(2 * time.Minute)
			second := e.mustGetTokens(first.RefreshToken, "")
			if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
				t.Fatalf("the refresh after the failed one returned refresh token %q", second.RefreshToken)
			}
			e.clk.Advance(2 * time.Minute)
			_, err = e.getTokens(first.RefreshToken, "")
			wantErr(t, err, "RefreshTokenReuseException", msgRefreshTokenReused)
		})
	}
}
