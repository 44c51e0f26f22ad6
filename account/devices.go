package account

import (
	"context"
	"iter"
	"time"

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

// Devices lists the user's devices, page by page, to the end (pycognito's
// list_devices).
func (s *Session) Devices(ctx context.Context) iter.Seq2[Device, error] {
	return paginate(ctx, "list devices", func(ctx context.Context, token string) ([]Device, string, error) {
		tok, err := s.AccessToken(ctx)
		if err != nil {
			return nil, "", err
		}
		out, err := s.c.Cognito.ListDevices(ctx, &transport.ListDevicesInput{AccessToken: tok, PaginationToken: token})
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
	out, err := s.c.Cognito.GetDevice(ctx, &transport.GetDeviceInput{DeviceKey: key, AccessToken: tok})
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
	_, err = s.c.Cognito.ForgetDevice(ctx, &transport.ForgetDeviceInput{AccessToken: tok, DeviceKey: key})
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
	_, err = s.c.Cognito.UpdateDeviceStatus(ctx, &transport.UpdateDeviceStatusInput{
		AccessToken: tok, DeviceKey: key, DeviceRememberedStatus: rememberedStatus(remember),
	})
	return wrap(op, err)
}
