package engine_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// countingMFA and countingDevices pass every call on and count the ones
// the engine makes.
type countingMFA struct {
	transport.MFASetup
	n *atomic.Int32
}

func (c countingMFA) AssociateSoftwareToken(ctx context.Context, in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
	c.n.Add(1)
	return c.MFASetup.AssociateSoftwareToken(ctx, in)
}

type countingDevices struct {
	transport.Devices
	n *atomic.Int32
}

func (c countingDevices) ConfirmDevice(ctx context.Context, in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
	c.n.Add(1)
	return c.Devices.ConfirmDevice(ctx, in)
}

// TestConfigAbilities: Config.MFASetup and Config.Devices serve a Transport
// that hides them (a logging or metrics wrapper), and take precedence over
// the Transport's own.
func TestConfigAbilities(t *testing.T) {
	tests := []struct {
		name        string
		wrap        bool // Transport implements only transport.Authenticator
		fields      bool // Config.MFASetup and Config.Devices are set
		wantSetup   bool // MFA_SETUP is answered
		wantCounted bool // through the fields
	}{
		{"wrapper alone", true, false, false, false},
		{"wrapper with the fields", true, true, true, true},
		{"full transport", false, false, true, false},
		{"fields take precedence", false, true, true, true},
	}
	ctx := context.Background()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true},
			}})
			fe.mfaConfig(transport.MFAOn, false, true, false)
			fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword)
			cfg := fe.config()
			if tc.wrap {
				cfg.Transport = authOnly{fe.f}
			}
			var setups, confirms atomic.Int32
			if tc.fields {
				cfg.MFASetup = countingMFA{fe.f, &setups}
				cfg.Devices = countingDevices{fe.f, &confirms}
			}
			l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
			if !tc.wantSetup {
				mustErr(t, err, engine.ErrUnsupportedChallenge)
				return
			}
			must(t, err)
			need, ok := l.Need().(states.NeedTOTPSetup)
			if !ok {
				t.Fatalf("need %#v", l.Need())
			}
			must(t, l.Submit(ctx, engine.TOTPSetupCode{Code: fe.totp(need.Secret)}))
			res, err := l.Result()
			must(t, err)
			if res.NewDevice == nil || res.DeviceErr != nil {
				t.Fatalf("device not confirmed: %v", res)
			}
			if counted := setups.Load() == 1 && confirms.Load() == 1; counted != tc.wantCounted {
				t.Fatalf("calls through the fields: %d AssociateSoftwareToken, %d ConfirmDevice", setups.Load(), confirms.Load())
			}
		})
	}
}
