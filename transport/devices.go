package transport

import "context"

// Device remembered statuses of UpdateDeviceStatus.
const (
	DeviceRemembered    = "remembered"
	DeviceNotRemembered = "not_remembered"
)

// DeviceSecretVerifierConfig is what ConfirmDevice stores for device SRP:
// base64 salt and verifier (srp.NewDeviceSecret makes them).
type DeviceSecretVerifierConfig struct {
	PasswordVerifier string `json:"PasswordVerifier,omitempty" redact:"true"`
	Salt             string `json:"Salt,omitempty"`
}

// ConfirmDeviceInput is the request of ConfirmDevice.
type ConfirmDeviceInput struct {
	AccessToken                string                      `json:"AccessToken" redact:"true"`
	DeviceKey                  string                      `json:"DeviceKey"`
	DeviceSecretVerifierConfig *DeviceSecretVerifierConfig `json:"DeviceSecretVerifierConfig,omitempty"`
	DeviceName                 string                      `json:"DeviceName,omitempty"`
}

// ConfirmDeviceOutput is the response of ConfirmDevice. When
// UserConfirmationNecessary is true the pool remembers the device only after
// UpdateDeviceStatus says "remembered".
type ConfirmDeviceOutput struct {
	UserConfirmationNecessary bool `json:"UserConfirmationNecessary"`
}

// Device is a device known to the pool. Its attributes include
// "device_name", "device_status" ("valid") and "last_ip_used".
type Device struct {
	DeviceKey                   string          `json:"DeviceKey,omitempty"`
	DeviceAttributes            []AttributeType `json:"DeviceAttributes,omitempty"`
	DeviceCreateDate            *Time           `json:"DeviceCreateDate,omitempty"`
	DeviceLastModifiedDate      *Time           `json:"DeviceLastModifiedDate,omitempty"`
	DeviceLastAuthenticatedDate *Time           `json:"DeviceLastAuthenticatedDate,omitempty"`
}

// GetDeviceInput is the request of GetDevice.
type GetDeviceInput struct {
	DeviceKey   string `json:"DeviceKey"`
	AccessToken string `json:"AccessToken,omitempty" redact:"true"`
}

// GetDeviceOutput is the response of GetDevice and AdminGetDevice.
type GetDeviceOutput struct {
	Device Device `json:"Device"`
}

// ListDevicesInput is the request of ListDevices.
type ListDevicesInput struct {
	AccessToken     string `json:"AccessToken" redact:"true"`
	Limit           int32  `json:"Limit,omitempty"`
	PaginationToken string `json:"PaginationToken,omitempty" redact:"true"`
}

// ListDevicesOutput is the response of ListDevices and AdminListDevices.
type ListDevicesOutput struct {
	Devices         []Device `json:"Devices"`
	PaginationToken string   `json:"PaginationToken,omitempty"`
}

// UpdateDeviceStatusInput is the request of UpdateDeviceStatus.
type UpdateDeviceStatusInput struct {
	AccessToken            string `json:"AccessToken" redact:"true"`
	DeviceKey              string `json:"DeviceKey"`
	DeviceRememberedStatus string `json:"DeviceRememberedStatus,omitempty"`
}

// ForgetDeviceInput is the request of ForgetDevice.
type ForgetDeviceInput struct {
	AccessToken string `json:"AccessToken,omitempty" redact:"true"`
	DeviceKey   string `json:"DeviceKey"`
}

// AdminGetDeviceInput is the request of AdminGetDevice.
type AdminGetDeviceInput struct {
	DeviceKey  string `json:"DeviceKey"`
	UserPoolID string `json:"UserPoolId"`
	Username   string `json:"Username"`
}

// AdminListDevicesInput is the request of AdminListDevices.
type AdminListDevicesInput struct {
	UserPoolID      string `json:"UserPoolId"`
	Username        string `json:"Username"`
	Limit           int32  `json:"Limit,omitempty"`
	PaginationToken string `json:"PaginationToken,omitempty"`
}

// AdminForgetDeviceInput is the request of AdminForgetDevice.
type AdminForgetDeviceInput struct {
	UserPoolID string `json:"UserPoolId"`
	Username   string `json:"Username"`
	DeviceKey  string `json:"DeviceKey"`
}

// AdminUpdateDeviceStatusInput is the request of AdminUpdateDeviceStatus.
type AdminUpdateDeviceStatusInput struct {
	UserPoolID             string `json:"UserPoolId"`
	Username               string `json:"Username"`
	DeviceKey              string `json:"DeviceKey"`
	DeviceRememberedStatus string `json:"DeviceRememberedStatus,omitempty"`
}

// Empty is the response of operations that return nothing.
type Empty struct{}

// Devices is the user's own device operations, authorized by an access token.
type Devices interface {
	ConfirmDevice(ctx context.Context, in *ConfirmDeviceInput) (*ConfirmDeviceOutput, error)
	GetDevice(ctx context.Context, in *GetDeviceInput) (*GetDeviceOutput, error)
	ListDevices(ctx context.Context, in *ListDevicesInput) (*ListDevicesOutput, error)
	UpdateDeviceStatus(ctx context.Context, in *UpdateDeviceStatusInput) (*Empty, error)
	ForgetDevice(ctx context.Context, in *ForgetDeviceInput) (*Empty, error)
}

// AdminDevices is the administrator's device operations.
type AdminDevices interface {
	AdminGetDevice(ctx context.Context, in *AdminGetDeviceInput) (*GetDeviceOutput, error)
	AdminListDevices(ctx context.Context, in *AdminListDevicesInput) (*ListDevicesOutput, error)
	AdminForgetDevice(ctx context.Context, in *AdminForgetDeviceInput) (*Empty, error)
	AdminUpdateDeviceStatus(ctx context.Context, in *AdminUpdateDeviceStatusInput) (*Empty, error)
}
