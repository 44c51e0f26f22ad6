package transport

import "context"

// Values of RefreshTokenRotation.Feature.
const (
	RotationEnabled  = "ENABLED"
	RotationDisabled = "DISABLED"
)

// MaxRetryGracePeriodSeconds is the longest grace period Cognito allows a
// rotated-out refresh token.
const MaxRetryGracePeriodSeconds = 60

// RefreshTokenRotation is an app client's refresh-token rotation. With
// Feature ENABLED every GetTokensFromRefreshToken returns a new refresh
// token; the one it replaces keeps working for RetryGracePeriodSeconds (0 to
// 60), so that a client can retry a refresh whose answer it lost, and is
// refused with RefreshTokenReuseException afterwards. A rotating client
// cannot use REFRESH_TOKEN_AUTH.
type RefreshTokenRotation struct {
	Feature                 string `json:"Feature"`
	RetryGracePeriodSeconds int32  `json:"RetryGracePeriodSeconds"`
}

// Enabled reports whether r turns rotation on; a nil r does not.
func (r *RefreshTokenRotation) Enabled() bool { return r != nil && r.Feature == RotationEnabled }

// GetTokensFromRefreshTokenInput is the request of GetTokensFromRefreshToken,
// the refresh that Amplify v6 uses and that rotating clients must use.
// ClientSecret is the client's secret itself, not a SECRET_HASH.
type GetTokensFromRefreshTokenInput struct {
	RefreshToken   string            `json:"RefreshToken" redact:"true"`
	ClientID       string            `json:"ClientId"`
	ClientSecret   string            `json:"ClientSecret,omitempty" redact:"true"`
	DeviceKey      string            `json:"DeviceKey,omitempty"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// GetTokensFromRefreshTokenOutput is the response of
// GetTokensFromRefreshToken: new access and ID tokens, a new refresh token
// only when the client rotates them, and NewDeviceMetadata when the refresh
// came without the key of a confirmed device in a pool that tracks devices.
type GetTokensFromRefreshTokenOutput struct {
	AuthenticationResult *AuthenticationResult `json:"AuthenticationResult,omitempty"`
}

// TokenRefresher is the refresh operation of its own, apart from
// Authenticator: a login needs only InitiateAuth and RespondToAuthChallenge,
// and a transport written before Cognito added this operation still logs
// users in. Callers that refresh check for it with a type assertion.
type TokenRefresher interface {
	GetTokensFromRefreshToken(ctx context.Context, in *GetTokensFromRefreshTokenInput) (*GetTokensFromRefreshTokenOutput, error)
}
