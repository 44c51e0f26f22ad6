package account_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// devicePool remembers every device a user confirms.
var devicePool = transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
	DeviceConfiguration: &transport.DeviceConfiguration{},
}}

// deviceSession logs a user in on a new device, which the engine confirms
// under name, and starts a Session.
func (fx *fixture) deviceSession(user, name string) (*account.Session, *engine.Result) {
	fx.t.Helper()
	res, err := engine.Authenticate(fx.ctx, engine.Config{
		PoolID: fx.poolID, ClientID: fx.client.ClientID, ClientSecret: fx.client.ClientSecret,
		Transport: fx.cog, Now: fx.clock.Now, DeviceName: name,
	}, engine.Credentials{Username: user, Password: password})
	if err != nil {
		fx.t.Fatal(err)
	}
	if res.NewDevice == nil || res.DeviceErr != nil {
		fx.t.Fatalf("no device confirmed: %v", res.DeviceErr)
	}
	s, err := fx.client.NewSession(fx.ctx, res.Tokens, account.SessionOptions{})
	if err != nil {
		fx.t.Fatal(err)
	}
	return s, res
}

func TestDevices(t *testing.T) {
	forEachTarget(t, options{secret: true, pool: devicePool}, func(t *testing.T, fx *fixture) {
		fx.user("vera")
		s, res := fx.deviceSession("vera", "laptop")
		if s.DeviceKey() != res.NewDevice.Key {
			t.Fatalf("session device %q, want %q from the access token", s.DeviceKey(), res.NewDevice.Key)
		}
		other, _ := fx.deviceSession("vera", "phone")

		devs, err := account.Collect(s.Devices(fx.ctx))
		if err != nil {
			t.Fatalf("Devices: %v", err)
		}
		names := map[string]account.Device{}
		for _, d := range devs {
			names[d.Name] = d
		}
		if len(devs) != 2 || names["laptop"].Key != s.DeviceKey() || names["phone"].Key != other.DeviceKey() ||
			!names["laptop"].Remembered || names["laptop"].Created.IsZero() {
			t.Fatalf("Devices = %+v", devs)
		}

		if err := s.RememberDevice(fx.ctx, s.DeviceKey(), false); err != nil {
			t.Fatalf("RememberDevice: %v", err)
		}
		d, err := s.Device(fx.ctx, s.DeviceKey())
		if err != nil || d.Remembered || d.Name != "laptop" {
			t.Fatalf("Device after forgetting to remember: %+v %v", d, err)
		}

		// Refresh sends the device key from the access token; the fake,
		// like Cognito, refuses a device login's refresh without it.
		fx.clock.Advance(2 * time.Hour)
		if _, err := s.Refresh(fx.ctx); err != nil {
			t.Fatalf("Refresh of a device login: %v", err)
		}

		if err := s.ForgetDevice(fx.ctx, other.DeviceKey()); err != nil {
			t.Fatalf("ForgetDevice: %v", err)
		}
		if _, err := s.Device(fx.ctx, other.DeviceKey()); !errors.Is(err, transport.ErrResourceNotFound) {
			t.Fatalf("forgotten device: %v, want ResourceNotFoundException", err)
		}
		for _, bad := range []error{s.ForgetDevice(fx.ctx, ""), s.RememberDevice(fx.ctx, "", true)} {
			if !errors.Is(bad, account.ErrInvalidInput) {
				t.Errorf("empty device key: %v, want ErrInvalidInput", bad)
			}
		}
	})
}

func TestAdminDevices(t *testing.T) {
	forEachTarget(t, options{pool: devicePool}, func(t *testing.T, fx *fixture) {
		fx.user("walt")
		s, _ := fx.deviceSession("walt", "desktop")
		key := s.DeviceKey()

		devs, err := account.Collect(fx.admin.Devices(fx.ctx, "walt"))
		if err != nil || len(devs) != 1 || devs[0].Key != key || devs[0].Name != "desktop" {
			t.Fatalf("Devices = %+v, %v", devs, err)
		}
		if err := fx.admin.RememberDevice(fx.ctx, "walt", key, false); err != nil {
			t.Fatalf("RememberDevice: %v", err)
		}
		d, err := fx.admin.Device(fx.ctx, "walt", key)
		if err != nil || d.Remembered {
			t.Fatalf("Device = %+v, %v", d, err)
		}
		if err := fx.admin.ForgetDevice(fx.ctx, "walt", key); err != nil {
			t.Fatalf("ForgetDevice: %v", err)
		}
		if devs, err := account.Collect(fx.admin.Devices(fx.ctx, "walt")); err != nil || len(devs) != 0 {
			t.Fatalf("Devices after forgetting = %+v, %v", devs, err)
		}
		if _, err := account.Collect(fx.admin.Devices(fx.ctx, "nobody")); !errors.Is(err, transport.ErrUserNotFound) {
			t.Fatalf("Devices of an unknown user: %v", err)
		}
	})
}

// authOnly hides every capability of a transport but logging in, so that
// the engine leaves a new device unconfirmed.
type authOnly struct{ transport.Authenticator }

func TestConfirmDevice(t *testing.T) {
	forEachTarget(t, options{secret: true, pool: devicePool}, func(t *testing.T, fx *fixture) {
		fx.user("xavi")
		cfg := engine.Config{PoolID: fx.poolID, ClientID: fx.client.ClientID, ClientSecret: fx.client.ClientSecret,
			Transport: authOnly{fx.cog}, Now: fx.clock.Now}
		res, err := engine.Authenticate(fx.ctx, cfg, engine.Credentials{Username: "xavi", Password: password})
		if err != nil {
			t.Fatal(err)
		}
		meta := res.Tokens.NewDeviceMetadata
		if meta == nil || !errors.Is(res.DeviceErr, engine.ErrDevicesUnsupported) {
			t.Fatalf("NewDeviceMetadata %v, DeviceErr %v: want an unconfirmed device", meta, res.DeviceErr)
		}
		s, err := fx.client.NewSession(fx.ctx, res.Tokens, account.SessionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		creds, rememberNeeded, err := s.ConfirmDevice(fx.ctx, *meta, "tablet")
		if err != nil {
			t.Fatalf("ConfirmDevice: %v", err)
		}
		if creds.Key != meta.DeviceKey || creds.GroupKey != meta.DeviceGroupKey || creds.Password == "" || rememberNeeded {
			t.Fatalf("credentials %v, remember needed %v", creds, rememberNeeded)
		}
		// Stored as JSON, they are the engine's DeviceCredentials.
		stored, err := json.Marshal(creds)
		if err != nil {
			t.Fatal(err)
		}
		var dev engine.DeviceCredentials
		if err := json.Unmarshal(stored, &dev); err != nil || dev.Key != creds.Key || dev.GroupKey != creds.GroupKey || dev.Password != creds.Password {
			t.Fatalf("engine.DeviceCredentials from JSON: %v %v", dev, err)
		}
		// The device password works for DEVICE_SRP_AUTH: the next login
		// proves the device and gets no new one.
		res2, err := engine.Authenticate(fx.ctx, cfg, engine.Credentials{Username: "xavi", Password: password, Device: &dev})
		if err != nil {
			t.Fatalf("login with the confirmed device: %v", err)
		}
		if res2.Tokens.NewDeviceMetadata != nil {
			t.Fatalf("a confirmed device was issued again: %v", res2.Tokens.NewDeviceMetadata)
		}
		s2, err := fx.client.NewSession(fx.ctx, res2.Tokens, account.SessionOptions{})
		if err != nil || s2.DeviceKey() != creds.Key {
			t.Fatalf("device of the second login %q, %v", s2.DeviceKey(), err)
		}

		if _, _, err := s.ConfirmDevice(fx.ctx, transport.NewDeviceMetadata{}, "x"); !errors.Is(err, account.ErrInvalidInput) {
			t.Fatalf("ConfirmDevice without keys: %v, want ErrInvalidInput", err)
		}
	})
}
