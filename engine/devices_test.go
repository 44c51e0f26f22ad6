package engine_test

import (
	"context"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// TestDeviceRemembered: Result.DeviceRemembered follows ConfirmDevice's
// UserConfirmationNecessary and UpdateDeviceStatus.
func TestDeviceRemembered(t *testing.T) {
	md := &transport.NewDeviceMetadata{DeviceKey: "us-east-1_0a1b2c3d-0000-4000-8000-000000000004", DeviceGroupKey: "-grp4"}
	ok := func(context.Context, any) (any, error) { return &transport.Empty{}, nil }
	tests := []struct {
		name           string
		confirmNeeded  bool
		remember       bool
		update         func(context.Context, any) (any, error) // nil: no UpdateDeviceStatus expected
		wantRemembered bool
		wantErr        error
	}{
		{"pool remembers every device", false, false, nil, true, nil},
		{"user prompt, not asked to remember", true, false, nil, false, nil},
		{"user prompt, remembered", true, true, ok, true, nil},
		{"user prompt, remembering throttled", true, true, fails(transport.NewError("TooManyRequestsException", "slow down")), false, transport.ErrTooManyRequests},
		{"pool remembers every device, remembering throttled", false, true, fails(transport.NewError("TooManyRequestsException", "slow down")), true, transport.ErrTooManyRequests},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t,
				e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw),
				e.passwordVerifier(userID, "", tokens(md)),
				step{op: "ConfirmDevice", reply: func(context.Context, any) (any, error) {
					return &transport.ConfirmDeviceOutput{UserConfirmationNecessary: tc.confirmNeeded}, nil
				}},
			)
			if tc.update != nil {
				s.add(step{op: "UpdateDeviceStatus", reply: tc.update})
			}
			cfg := e.config(s)
			cfg.RememberDevice = tc.remember
			res, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: typed, Password: pw})
			must(t, err)
			s.done()
			if res.NewDevice == nil {
				t.Fatal("no NewDevice")
			}
			if res.DeviceRemembered != tc.wantRemembered {
				t.Fatalf("DeviceRemembered %v, want %v", res.DeviceRemembered, tc.wantRemembered)
			}
			if tc.wantErr == nil {
				must(t, res.DeviceErr)
			} else {
				mustErr(t, res.DeviceErr, tc.wantErr)
			}
		})
	}
}

// TestFakeDeviceRemembered: against the fake, a device DeviceRemembered
// calls remembered skips MFA on the next login; one it calls not
// remembered does not.
func TestFakeDeviceRemembered(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name         string
		onPrompt     bool
		remember     bool
		wantRemember bool
	}{
		{"always remembered", false, false, true},
		{"on prompt, not asked", true, false, false},
		{"on prompt, asked", true, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := newFakeEnv(t, &statesSeen{seen: map[states.State]bool{}}, transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
				DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: tc.onPrompt},
			}})
			fe.mfaConfig(transport.MFAOn, true, false, false)
			fe.f.MustCreateUser(fe.pool.ID, "alice", fakePassword, transport.Attr("phone_number", "+15555550100"))
			cfg := fe.config()
			cfg.RememberDevice = tc.remember
			l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: fakePassword})
			must(t, err)
			must(t, l.Submit(ctx, fe.code("alice")))
			res, err := l.Result()
			must(t, err)
			must(t, res.DeviceErr)
			if res.NewDevice == nil || res.DeviceRemembered != tc.wantRemember {
				t.Fatalf("NewDevice %v DeviceRemembered %v, want %v", res.NewDevice, res.DeviceRemembered, tc.wantRemember)
			}
			l, err = engine.Start(ctx, fe.config(), engine.Credentials{Username: "alice", Password: fakePassword, Device: res.NewDevice})
			must(t, err)
			if skipped := l.State() == states.Done; skipped != tc.wantRemember {
				t.Fatalf("next login with the device in %s; DeviceRemembered said %v", l.State(), tc.wantRemember)
			}
		})
	}
}
