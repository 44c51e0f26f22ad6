package account

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// Device is a device Cognito remembers for a user.
type Device struct {
	Key string
	// Name is the device_name attribute, the name given at ConfirmDevice.
	Name string
	// Remembered reports the dev:device_remembered_status attribute:
	// whether a login from the device may skip MFA.
	Remembered bool
	// LastIP is the last_ip_used attribute, when Cognito records one.
	LastIP string
	// Attributes holds every attribute Cognito returned.
	Attributes        map[string]string
	Created           time.Time
	Modified          time.Time
	LastAuthenticated time.Time
}

func deviceOf(d transport.Device) Device {
	attrs := attributeMap(d.DeviceAttributes)
	return Device{
		Key:               d.DeviceKey,
		Name:              attrs["device_name"],
		Remembered:        attrs["dev:device_remembered_status"] == transport.DeviceRemembered,
		LastIP:            attrs["last_ip_used"],
		Attributes:        attrs,
		Created:           timeOf(d.DeviceCreateDate),
		Modified:          timeOf(d.DeviceLastModifiedDate),
		LastAuthenticated: timeOf(d.DeviceLastAuthenticatedDate),
	}
}

func devicesOf(list []transport.Device) []Device {
	out := make([]Device, len(list))
	for i, d := range list {
		out[i] = deviceOf(d)
	}
	return out
}

func rememberedStatus(remember bool) string {
	if remember {
		return transport.DeviceRemembered
	}
	return transport.DeviceNotRemembered
}

// The user's own devices (transport.Devices). The login confirms a new
// device (package engine); these calls list and manage them.

// DeviceCredentials are a device confirmed with ConfirmDevice: its key and
// group key, which Cognito knows, and its password, which only the client
// knows. Their JSON is that of engine.DeviceCredentials, so that a login
// can use them to skip MFA. String and LogValue hide the password.
type DeviceCredentials struct {
	Key      string `json:"DeviceKey"`
	GroupKey string `json:"DeviceGroupKey"`
	Password string `json:"DevicePassword"`
}

// String hides the password.
func (d DeviceCredentials) String() string {
	return "account.DeviceCredentials{Key:" + d.Key + " GroupKey:" + d.GroupKey + " Password:" + redact(d.Password) + "}"
}

// GoString hides the password from %#v.
func (d DeviceCredentials) GoString() string { return d.String() }

// LogValue hides the password from log/slog.
func (d DeviceCredentials) LogValue() slog.Value { return slog.StringValue(d.String()) }

// ConfirmDevice confirms the device Cognito named in a login's
// NewDeviceMetadata, for a login that did not confirm it itself (package
// engine does, when its transport implements transport.Devices). It makes a
// device password and sends Cognito the salt and verifier derived from it.
// rememberNeeded is true when the pool remembers devices only on the user's
// say-so: then RememberDevice decides.
func (s *Session) ConfirmDevice(ctx context.Context, meta transport.NewDeviceMetadata, name string) (creds *DeviceCredentials, rememberNeeded bool, err error) {
	const op = "confirm device"
	sec, err := srp.NewDeviceSecret(meta.DeviceGroupKey, meta.DeviceKey, s.c.Rand)
	if err != nil {
		return nil, false, fmt.Errorf("account: %s: %w: %w", op, ErrInvalidInput, err)
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, false, err
	}
	out, err := s.c.Transport.ConfirmDevice(ctx, &transport.ConfirmDeviceInput{
		AccessToken: tok, DeviceKey: meta.DeviceKey, DeviceName: name,
		DeviceSecretVerifierConfig: &transport.DeviceSecretVerifierConfig{PasswordVerifier: sec.PasswordVerifier, Salt: sec.Salt},
	})
	if err != nil {
		return nil, false, wrap(op, err)
	}
	return &DeviceCredentials{Key: meta.DeviceKey, GroupKey: meta.DeviceGroupKey, Password: sec.Password}, out.UserConfirmationNecessary, nil
}

// Devices lists the user's devices, page by page, to the end (pycognito's
// list_devices).
func (s *Session) Devices(ctx context.Context) iter.Seq2[Device, error] {
	return paginate(ctx, "list devices", func(ctx context.Context, token string) ([]Device, string, error) {
		tok, err := s.AccessToken(ctx)
		if err != nil {
			return nil, "", err
		}
		out, err := s.c.Transport.ListDevices(ctx, &transport.ListDevicesInput{AccessToken: tok, PaginationToken: token})
		if err != nil {
			return nil, "", err
		}
		return devicesOf(out.Devices), out.PaginationToken, nil
	})
}

// Device describes one of the user's devices.
func (s *Session) Device(ctx context.Context, key string) (*Device, error) {
	const op = "get device"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.c.Transport.GetDevice(ctx, &transport.GetDeviceInput{DeviceKey: key, AccessToken: tok})
	if err != nil {
		return nil, wrap(op, err)
	}
	d := deviceOf(out.Device)
	return &d, nil
}

// ForgetDevice makes Cognito forget one of the user's devices: logins from
// it ask for MFA again.
func (s *Session) ForgetDevice(ctx context.Context, key string) error {
	const op = "forget device"
	if key == "" {
		return invalid(op, "no device key")
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.ForgetDevice(ctx, &transport.ForgetDeviceInput{AccessToken: tok, DeviceKey: key})
	return wrap(op, err)
}

// RememberDevice sets whether a device of the user is remembered
// (UpdateDeviceStatus), for pools that let the user decide.
func (s *Session) RememberDevice(ctx context.Context, key string, remember bool) error {
	const op = "update device status"
	if key == "" {
		return invalid(op, "no device key")
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.UpdateDeviceStatus(ctx, &transport.UpdateDeviceStatusInput{
		AccessToken: tok, DeviceKey: key, DeviceRememberedStatus: rememberedStatus(remember),
	})
	return wrap(op, err)
}
