package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// ConfirmDevice registers the device of a login for device SRP (unsigned).
func (c *Client) ConfirmDevice(ctx context.Context, in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
	in = orZero(in)
	req := &cip.ConfirmDeviceInput{
		AccessToken: aws.String(in.AccessToken),
		DeviceKey:   aws.String(in.DeviceKey),
		DeviceName:  optStr(in.DeviceName),
	}
	if v := in.DeviceSecretVerifierConfig; v != nil {
		req.DeviceSecretVerifierConfig = &types.DeviceSecretVerifierConfigType{
			PasswordVerifier: optStr(v.PasswordVerifier),
			Salt:             optStr(v.Salt),
		}
	}
	out, err := c.api.ConfirmDevice(ctx, req)
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ConfirmDeviceOutput{UserConfirmationNecessary: out.UserConfirmationNecessary}, nil
}

// GetDevice describes one of the user's devices (unsigned).
func (c *Client) GetDevice(ctx context.Context, in *transport.GetDeviceInput) (*transport.GetDeviceOutput, error) {
	in = orZero(in)
	out, err := c.api.GetDevice(ctx, &cip.GetDeviceInput{
		DeviceKey:   aws.String(in.DeviceKey),
		AccessToken: optStr(in.AccessToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GetDeviceOutput{Device: fromDevice(out.Device)}, nil
}

// ListDevices lists the user's devices, one page at a time (unsigned).
func (c *Client) ListDevices(ctx context.Context, in *transport.ListDevicesInput) (*transport.ListDevicesOutput, error) {
	in = orZero(in)
	out, err := c.api.ListDevices(ctx, &cip.ListDevicesInput{
		AccessToken:     aws.String(in.AccessToken),
		Limit:           optInt32(in.Limit),
		PaginationToken: optStr(in.PaginationToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListDevicesOutput{Devices: fromDevices(out.Devices), PaginationToken: deref(out.PaginationToken)}, nil
}

// UpdateDeviceStatus marks a device remembered or not (unsigned).
func (c *Client) UpdateDeviceStatus(ctx context.Context, in *transport.UpdateDeviceStatusInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.UpdateDeviceStatus(ctx, &cip.UpdateDeviceStatusInput{
		AccessToken:            aws.String(in.AccessToken),
		DeviceKey:              aws.String(in.DeviceKey),
		DeviceRememberedStatus: types.DeviceRememberedStatusType(in.DeviceRememberedStatus),
	})
	return empty(err)
}

// ForgetDevice forgets one of the user's devices (unsigned).
func (c *Client) ForgetDevice(ctx context.Context, in *transport.ForgetDeviceInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.ForgetDevice(ctx, &cip.ForgetDeviceInput{
		AccessToken: optStr(in.AccessToken),
		DeviceKey:   aws.String(in.DeviceKey),
	})
	return empty(err)
}

// AdminGetDevice describes a user's device (SigV4-signed).
func (c *Client) AdminGetDevice(ctx context.Context, in *transport.AdminGetDeviceInput) (*transport.GetDeviceOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminGetDevice(ctx, &cip.AdminGetDeviceInput{
		DeviceKey:  aws.String(in.DeviceKey),
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GetDeviceOutput{Device: fromDevice(out.Device)}, nil
}

// AdminListDevices lists a user's devices, one page at a time (SigV4-signed).
func (c *Client) AdminListDevices(ctx context.Context, in *transport.AdminListDevicesInput) (*transport.ListDevicesOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminListDevices(ctx, &cip.AdminListDevicesInput{
		UserPoolId:      aws.String(in.UserPoolID),
		Username:        aws.String(in.Username),
		Limit:           optInt32(in.Limit),
		PaginationToken: optStr(in.PaginationToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListDevicesOutput{Devices: fromDevices(out.Devices), PaginationToken: deref(out.PaginationToken)}, nil
}

// AdminForgetDevice forgets a user's device (SigV4-signed).
func (c *Client) AdminForgetDevice(ctx context.Context, in *transport.AdminForgetDeviceInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminForgetDevice(ctx, &cip.AdminForgetDeviceInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
		DeviceKey:  aws.String(in.DeviceKey),
	})
	return empty(err)
}

// AdminUpdateDeviceStatus marks a user's device remembered or not
// (SigV4-signed).
func (c *Client) AdminUpdateDeviceStatus(ctx context.Context, in *transport.AdminUpdateDeviceStatusInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminUpdateDeviceStatus(ctx, &cip.AdminUpdateDeviceStatusInput{
		UserPoolId:             aws.String(in.UserPoolID),
		Username:               aws.String(in.Username),
		DeviceKey:              aws.String(in.DeviceKey),
		DeviceRememberedStatus: types.DeviceRememberedStatusType(in.DeviceRememberedStatus),
	})
	return empty(err)
}

func fromDevice(d *types.DeviceType) transport.Device {
	if d == nil {
		return transport.Device{}
	}
	return transport.Device{
		DeviceKey:                   deref(d.DeviceKey),
		DeviceAttributes:            fromAttrs(d.DeviceAttributes),
		DeviceCreateDate:            fromTime(d.DeviceCreateDate),
		DeviceLastModifiedDate:      fromTime(d.DeviceLastModifiedDate),
		DeviceLastAuthenticatedDate: fromTime(d.DeviceLastAuthenticatedDate),
	}
}

func fromDevices(ds []types.DeviceType) []transport.Device {
	if ds == nil {
		return nil
	}
	out := make([]transport.Device, len(ds))
	for i := range ds {
		out[i] = fromDevice(&ds[i])
	}
	return out
}
