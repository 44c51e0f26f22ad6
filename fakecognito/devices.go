package fakecognito

import (
	"context"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

func deviceNotFound() error {
	return cognitoErr("ResourceNotFoundException", "Device does not exist.")
}

// ConfirmDevice stores the salt and verifier of a device the access
// token's user got in NewDeviceMetadata. The device is remembered at once,
// unless the pool remembers devices only on the user's say-so
// (DeviceOnlyRememberedOnUserPrompt): then UserConfirmationNecessary is
// true and UpdateDeviceStatus decides.
func (f *Fake) ConfirmDevice(ctx context.Context, in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
	return run(ctx, f, "ConfirmDevice", in, func(in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
		if in.DeviceKey == "" {
			return nil, missingParam("DeviceKey")
		}
		cfg := in.DeviceSecretVerifierConfig
		if cfg == nil {
			return nil, missingParam("DeviceSecretVerifierConfig")
		}
		v, err := srp.DeviceVerifierFromConfig(cfg.Salt, cfg.PasswordVerifier)
		if err != nil {
			return nil, srpInputError("DeviceSecretVerifierConfig", err)
		}
		if len(in.DeviceName) > 1024 {
			return nil, invalidParam("DeviceName must be at most 1024 characters long.")
		}
		var out transport.ConfirmDeviceOutput
		err = f.withUser(in.AccessToken, true, func(p *pool, u *user, fam *family) error {
			d := u.Devices[in.DeviceKey]
			if d == nil || !p.deviceTracking() {
				return deviceNotFound()
			}
			if fam.DeviceKey == d.Key {
				fam.DeviceUnconfirmed = false
				f.trk.mark(recFamily, "", fam.ID)
			}
			d.Verifier = &v
			d.Name = in.DeviceName
			d.Modified = f.clock()
			d.Status = transport.DeviceRemembered
			if p.Settings.DeviceConfiguration.DeviceOnlyRememberedOnUserPrompt {
				d.Status = transport.DeviceNotRemembered
				out.UserConfirmationNecessary = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &out, nil
	})
}

// describeDevice returns a device with Cognito's attributes.
func describeDevice(d *device) transport.Device {
	attrs := []transport.AttributeType{
		transport.Attr("device_status", "valid"),
		transport.Attr("dev:device_remembered_status", d.Status),
	}
	if d.Name != "" {
		attrs = append(attrs, transport.Attr("device_name", d.Name))
	}
	out := transport.Device{
		DeviceKey: d.Key, DeviceAttributes: attrs,
		DeviceCreateDate: transport.NewTime(d.Created), DeviceLastModifiedDate: transport.NewTime(d.Modified),
	}
	if !d.LastAuth.IsZero() {
		out.DeviceLastAuthenticatedDate = transport.NewTime(d.LastAuth)
	}
	return out
}

// confirmedDevice finds a confirmed device of u.
func confirmedDevice(u *user, key string) (*device, error) {
	if key == "" {
		return nil, missingParam("DeviceKey")
	}
	d := u.Devices[key]
	if d == nil || d.Verifier == nil {
		return nil, deviceNotFound()
	}
	return d, nil
}

// listDevices pages through u's confirmed devices by key.
func listDevices(p *pool, u *user, limit int32, tok string) (*transport.ListDevicesOutput, error) {
	n, err := pageLimit("limit", limit, 60, 60)
	if err != nil {
		return nil, err
	}
	var keys []string
	for k, d := range u.Devices {
		if d.Verifier != nil {
			keys = append(keys, k)
		}
	}
	keys, next, err := page("devices:"+p.ID+":"+u.Username, keys, tok, n)
	if err != nil {
		return nil, err
	}
	out := &transport.ListDevicesOutput{Devices: []transport.Device{}, PaginationToken: next}
	for _, k := range keys {
		out.Devices = append(out.Devices, describeDevice(u.Devices[k]))
	}
	return out, nil
}

func checkRememberedStatus(s string) error {
	if s != transport.DeviceRemembered && s != transport.DeviceNotRemembered {
		return invalidParam("DeviceRememberedStatus must be remembered or not_remembered.")
	}
	return nil
}

// GetDevice describes a device of the access token's user.
func (f *Fake) GetDevice(ctx context.Context, in *transport.GetDeviceInput) (*transport.GetDeviceOutput, error) {
	return run(ctx, f, "GetDevice", in, func(in *transport.GetDeviceInput) (*transport.GetDeviceOutput, error) {
		var out transport.GetDeviceOutput
		err := f.withUser(in.AccessToken, false, func(_ *pool, u *user, _ *family) error {
			d, err := confirmedDevice(u, in.DeviceKey)
			if err == nil {
				out.Device = describeDevice(d)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return &out, nil
	})
}

// ListDevices lists the access token's user's confirmed devices.
func (f *Fake) ListDevices(ctx context.Context, in *transport.ListDevicesInput) (*transport.ListDevicesOutput, error) {
	return run(ctx, f, "ListDevices", in, func(in *transport.ListDevicesInput) (*transport.ListDevicesOutput, error) {
		var out *transport.ListDevicesOutput
		err := f.withUser(in.AccessToken, false, func(p *pool, u *user, _ *family) error {
			var err error
			out, err = listDevices(p, u, in.Limit, in.PaginationToken)
			return err
		})
		return out, err
	})
}

// UpdateDeviceStatus marks a device remembered or not remembered.
func (f *Fake) UpdateDeviceStatus(ctx context.Context, in *transport.UpdateDeviceStatusInput) (*transport.Empty, error) {
	return run(ctx, f, "UpdateDeviceStatus", in, func(in *transport.UpdateDeviceStatusInput) (*transport.Empty, error) {
		if err := checkRememberedStatus(in.DeviceRememberedStatus); err != nil {
			return nil, err
		}
		err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
			d, err := confirmedDevice(u, in.DeviceKey)
			if err == nil {
				d.Status = in.DeviceRememberedStatus
				d.Modified = f.clock()
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// ForgetDevice forgets a device of the access token's user; refresh tokens
// bound to it stop working.
func (f *Fake) ForgetDevice(ctx context.Context, in *transport.ForgetDeviceInput) (*transport.Empty, error) {
	return run(ctx, f, "ForgetDevice", in, func(in *transport.ForgetDeviceInput) (*transport.Empty, error) {
		err := f.withUser(in.AccessToken, true, func(_ *pool, u *user, _ *family) error {
			d, err := confirmedDevice(u, in.DeviceKey)
			if err == nil {
				delete(u.Devices, d.Key)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// AdminGetDevice describes a device of a user.
func (f *Fake) AdminGetDevice(ctx context.Context, in *transport.AdminGetDeviceInput) (*transport.GetDeviceOutput, error) {
	return run(ctx, f, "AdminGetDevice", in, func(in *transport.AdminGetDeviceInput) (*transport.GetDeviceOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		d, err := confirmedDevice(u, in.DeviceKey)
		if err != nil {
			return nil, err
		}
		return &transport.GetDeviceOutput{Device: describeDevice(d)}, nil
	})
}

// AdminListDevices lists a user's confirmed devices.
func (f *Fake) AdminListDevices(ctx context.Context, in *transport.AdminListDevicesInput) (*transport.ListDevicesOutput, error) {
	return run(ctx, f, "AdminListDevices", in, func(in *transport.AdminListDevicesInput) (*transport.ListDevicesOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		return listDevices(p, u, in.Limit, in.PaginationToken)
	})
}

// AdminForgetDevice forgets a device of a user.
func (f *Fake) AdminForgetDevice(ctx context.Context, in *transport.AdminForgetDeviceInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminForgetDevice", in, func(in *transport.AdminForgetDeviceInput) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		d, err := confirmedDevice(u, in.DeviceKey)
		if err != nil {
			return nil, err
		}
		delete(u.Devices, d.Key)
		return &transport.Empty{}, nil
	})
}

// AdminUpdateDeviceStatus marks a user's device remembered or not.
func (f *Fake) AdminUpdateDeviceStatus(ctx context.Context, in *transport.AdminUpdateDeviceStatusInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminUpdateDeviceStatus", in, func(in *transport.AdminUpdateDeviceStatusInput) (*transport.Empty, error) {
		if err := checkRememberedStatus(in.DeviceRememberedStatus); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		d, err := confirmedDevice(u, in.DeviceKey)
		if err != nil {
			return nil, err
		}
		d.Status = in.DeviceRememberedStatus
		d.Modified = f.clock()
		return &transport.Empty{}, nil
	})
}
