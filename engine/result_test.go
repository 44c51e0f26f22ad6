package engine_test

import (
	"context"
	"encoding/base64"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	gctokens "github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// unsignedJWT is a token whose payload is claims; the engine reads it
// without verifying, so no signature is needed.
func unsignedJWT(claims string) string {
	return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2ln"
}

// TestResultOwnerFromAccessToken: Result.Username and DeviceKey come from
// the access token's claims when it has them, from the login otherwise.
func TestResultOwnerFromAccessToken(t *testing.T) {
	tests := []struct {
		name          string
		access        string
		md            *transport.NewDeviceMetadata
		device        *engine.DeviceCredentials
		wantUser      string
		wantDevice    string
		wantNewDevice bool
	}{
		{"claims", unsignedJWT(`{"username":"` + userID + `","device_key":"us-east-1_claimed"}`), nil, nil, userID, "us-east-1_claimed", false},
		{"no JWT: the name typed", "opaque", nil, nil, typed, "", false},
		{"no JWT: the device logged in with", "opaque", nil, &engine.DeviceCredentials{Key: "us-east-1_old", GroupKey: "g", Password: "p"}, typed, "us-east-1_old", false},
		{"no JWT: the new device", "opaque", &transport.NewDeviceMetadata{DeviceKey: "us-east-1_new", DeviceGroupKey: "g"}, nil, typed, "us-east-1_new", true},
		{"JSON without the claims", unsignedJWT(`{"token_use":"access"}`), nil, nil, typed, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			deviceKey := ""
			if tc.device != nil {
				deviceKey = tc.device.Key
			}
			// USER_PASSWORD_AUTH without MFA: no challenge names the user.
			s := newScript(t, step{op: "InitiateAuth",
				check: func(t *testing.T, in any) {
					expect(t, "InitiateAuth", in.(*transport.InitiateAuthInput).AuthParameters, map[string]string{"USERNAME": typed, "DEVICE_KEY": deviceKey})
				},
				reply: func(context.Context, any) (any, error) {
					return &transport.ChallengeOutput{AuthenticationResult: &transport.AuthenticationResult{
						AccessToken: tc.access, IDToken: "id", RefreshToken: "refresh", NewDeviceMetadata: tc.md}}, nil
				}})
			if tc.md != nil {
				s.add(step{op: "ConfirmDevice", reply: func(context.Context, any) (any, error) { return &transport.ConfirmDeviceOutput{}, nil }})
			}
			res, err := engine.Authenticate(context.Background(), e.config(s),
				engine.Credentials{Username: typed, Password: pw, Flow: transport.FlowUserPassword, Device: tc.device})
			must(t, err)
			s.done()
			if res.Username != tc.wantUser || res.DeviceKey != tc.wantDevice {
				t.Fatalf("Username %q DeviceKey %q, want %q %q", res.Username, res.DeviceKey, tc.wantUser, tc.wantDevice)
			}
			if (res.NewDevice != nil) != tc.wantNewDevice {
				t.Fatalf("NewDevice %v", res.NewDevice)
			}
		})
	}
}

// TestResultRefreshes: what Result says is enough to refresh against the
// fake, which checks SECRET_HASH over the internal name and DEVICE_KEY.
func TestResultRefreshes(t *testing.T) {
	ctx := context.Background()
	seen := &statesSeen{seen: map[states.State]bool{}}
	tests := []struct {
		name  string
		flow  string
		typed string
	}{
		{"USER_PASSWORD_AUTH by e-mail alias", transport.FlowUserPassword, "alice@example.com"},
		{"USER_SRP_AUTH by e-mail alias", transport.FlowUserSRP, "alice@example.com"},
		{"USER_PASSWORD_AUTH by name", transport.FlowUserPassword, "alice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{AliasAttributes: []string{"email"}})
			fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("email", "alice@example.com"))
			cfg := fe.config()
			res, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: tc.typed, Password: fakePassword, Flow: tc.flow})
			must(t, err)
			if res.Username != "alice" {
				t.Fatalf("Username %q, want the internal name alice", res.Username)
			}
			refresh(t, cfg, res)
		})
	}

	t.Run("remembered device", func(t *testing.T) {
		fe := newFakeEnv(t, seen, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true},
		}})
		fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
		cfg := fe.config()
		first, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
		must(t, err)
		if first.NewDevice == nil || first.DeviceKey != first.NewDevice.Key {
			t.Fatalf("first login: DeviceKey %q, NewDevice %v", first.DeviceKey, first.NewDevice)
		}
		refresh(t, cfg, first)
		again, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword, Device: first.NewDevice})
		must(t, err)
		if again.DeviceKey != first.NewDevice.Key {
			t.Fatalf("device login: DeviceKey %q, want %q", again.DeviceKey, first.NewDevice.Key)
		}
		refresh(t, cfg, again)
	})
}

func refresh(t *testing.T, cfg engine.Config, res *engine.Result) {
	t.Helper()
	src, err := gctokens.NewSource(context.Background(), gctokens.SourceConfig{
		Transport: cfg.Transport, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		Username: res.Username, DeviceKey: res.DeviceKey, Now: cfg.Now,
	}, res.Tokens)
	must(t, err)
	if _, err := src.Refresh(context.Background()); err != nil {
		t.Fatalf("refresh with Username %q DeviceKey %q: %v", res.Username, res.DeviceKey, err)
	}
}
