package transport

import "context"

// Authentication flows of InitiateAuth and AdminInitiateAuth.
const (
	FlowUserSRP           = "USER_SRP_AUTH"
	FlowUserPassword      = "USER_PASSWORD_AUTH"
	FlowRefreshTokenAuth  = "REFRESH_TOKEN_AUTH"
	FlowRefreshToken      = "REFRESH_TOKEN"
	FlowCustom            = "CUSTOM_AUTH"
	FlowAdminNoSRP        = "ADMIN_NO_SRP_AUTH"
	FlowAdminUserPassword = "ADMIN_USER_PASSWORD_AUTH"
	FlowUserAuth          = "USER_AUTH"
)

// Challenge names Cognito sends and expects back.
const (
	ChallengePasswordVerifier       = "PASSWORD_VERIFIER"
	ChallengeDeviceSRPAuth          = "DEVICE_SRP_AUTH"
	ChallengeDevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER"
	ChallengeSMSMFA                 = "SMS_MFA"
	ChallengeEmailOTP               = "EMAIL_OTP"
	ChallengeSoftwareTokenMFA       = "SOFTWARE_TOKEN_MFA"
	ChallengeSelectMFAType          = "SELECT_MFA_TYPE"
	ChallengeMFASetup               = "MFA_SETUP"
	ChallengeNewPasswordRequired    = "NEW_PASSWORD_REQUIRED"
	ChallengeCustom                 = "CUSTOM_CHALLENGE"
	ChallengeAdminNoSRPAuth         = "ADMIN_NO_SRP_AUTH"
	ChallengeSRPA                   = "SRP_A" // CUSTOM_AUTH's CHALLENGE_NAME when SRP comes first

	// Choice-based sign-in (USER_AUTH): SELECT_CHALLENGE offers the first
	// factors of AvailableChallenges; SMS_OTP and EMAIL_OTP (the same name as
	// e-mail MFA) carry a one-time code, WEB_AUTHN a passkey assertion.
	// PASSWORD and PASSWORD_SRP are only ever an ANSWER or a
	// PREFERRED_CHALLENGE, never a challenge Cognito sends.
	ChallengeSelectChallenge = "SELECT_CHALLENGE"
	ChallengeSMSOTP          = "SMS_OTP"
	ChallengeWebAuthn        = "WEB_AUTHN"
	ChallengePassword        = "PASSWORD"
	ChallengePasswordSRP     = "PASSWORD_SRP"
)

// First factors of a pool's SignInPolicy.AllowedFirstAuthFactors. PASSWORD
// covers both PASSWORD and PASSWORD_SRP; Cognito requires it in every policy.
const (
	FactorPassword = "PASSWORD"
	FactorEmailOTP = "EMAIL_OTP"
	FactorSMSOTP   = "SMS_OTP"
	FactorWebAuthn = "WEB_AUTHN"
)

// Keys of AuthParameters, ChallengeParameters and ChallengeResponses.
const (
	ParamUsername             = "USERNAME"
	ParamPassword             = "PASSWORD"
	ParamNewPassword          = "NEW_PASSWORD"
	ParamSRPA                 = "SRP_A"
	ParamSRPB                 = "SRP_B"
	ParamSalt                 = "SALT"
	ParamSecretBlock          = "SECRET_BLOCK"
	ParamUserIDForSRP         = "USER_ID_FOR_SRP"
	ParamSecretHash           = "SECRET_HASH"
	ParamDeviceKey            = "DEVICE_KEY"
	ParamRefreshToken         = "REFRESH_TOKEN"
	ParamChallengeName        = "CHALLENGE_NAME"
	ParamClaimSecretBlock     = "PASSWORD_CLAIM_SECRET_BLOCK"
	ParamClaimSignature       = "PASSWORD_CLAIM_SIGNATURE"
	ParamTimestamp            = "TIMESTAMP"
	ParamSMSMFACode           = "SMS_MFA_CODE"
	ParamEmailOTPCode         = "EMAIL_OTP_CODE"
	ParamEmail                = "EMAIL" // MFA_SETUP's answer: the address to set up e-mail MFA with
	ParamSoftwareTokenMFACode = "SOFTWARE_TOKEN_MFA_CODE"
	ParamAnswer               = "ANSWER"
	ParamMFAsCanChoose        = "MFAS_CAN_CHOOSE"
	ParamMFAsCanSetup         = "MFAS_CAN_SETUP"
	ParamCodeDeliveryMedium   = "CODE_DELIVERY_DELIVERY_MEDIUM"
	ParamCodeDeliveryDest     = "CODE_DELIVERY_DESTINATION"
	ParamRequiredAttributes   = "requiredAttributes"
	ParamUserAttributes       = "userAttributes"
	ParamUserAttributePrefix  = "userAttributes."
	ParamPreferredChallenge   = "PREFERRED_CHALLENGE"
	ParamSMSOTPCode           = "SMS_OTP_CODE"
	// ParamCredentialRequestOptions is the WEB_AUTHN challenge's
	// PublicKeyCredentialRequestOptions, a JSON string for
	// navigator.credentials.get.
	ParamCredentialRequestOptions = "CREDENTIAL_REQUEST_OPTIONS"
	// ParamCredential answers WEB_AUTHN with the authenticator's assertion,
	// WebAuthn's AuthenticationResponseJSON.
	ParamCredential = "CREDENTIAL"
)

// InitiateAuthInput is the request of InitiateAuth.
type InitiateAuthInput struct {
	AuthFlow          string             `json:"AuthFlow"`
	AuthParameters    map[string]string  `json:"AuthParameters,omitempty" redact:"params"`
	ClientID          string             `json:"ClientId"`
	ClientMetadata    map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	UserContextData   *UserContextData   `json:"UserContextData,omitempty"`
	Session           string             `json:"Session,omitempty" redact:"true"`
}

// ChallengeOutput is the common answer of the four authentication
// operations: either a challenge to answer or the tokens.
type ChallengeOutput struct {
	ChallengeName        string                `json:"ChallengeName,omitempty"`
	Session              string                `json:"Session,omitempty" redact:"true"`
	ChallengeParameters  map[string]string     `json:"ChallengeParameters,omitempty" redact:"params"`
	AuthenticationResult *AuthenticationResult `json:"AuthenticationResult,omitempty"`
	AvailableChallenges  []string              `json:"AvailableChallenges,omitempty"`
}

// InitiateAuthOutput is the response of InitiateAuth.
type InitiateAuthOutput = ChallengeOutput

// RespondToAuthChallengeInput is the request of RespondToAuthChallenge.
type RespondToAuthChallengeInput struct {
	ClientID           string             `json:"ClientId"`
	ChallengeName      string             `json:"ChallengeName"`
	Session            string             `json:"Session,omitempty" redact:"true"`
	ChallengeResponses map[string]string  `json:"ChallengeResponses,omitempty" redact:"params"`
	ClientMetadata     map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata  *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	UserContextData    *UserContextData   `json:"UserContextData,omitempty"`
}

// RespondToAuthChallengeOutput is the response of RespondToAuthChallenge.
type RespondToAuthChallengeOutput = ChallengeOutput

// AdminInitiateAuthInput is the request of AdminInitiateAuth.
type AdminInitiateAuthInput struct {
	UserPoolID        string             `json:"UserPoolId"`
	ClientID          string             `json:"ClientId"`
	AuthFlow          string             `json:"AuthFlow"`
	AuthParameters    map[string]string  `json:"AuthParameters,omitempty" redact:"params"`
	ClientMetadata    map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	ContextData       *ContextData       `json:"ContextData,omitempty"`
	Session           string             `json:"Session,omitempty" redact:"true"`
}

// AdminInitiateAuthOutput is the response of AdminInitiateAuth.
type AdminInitiateAuthOutput = ChallengeOutput

// AdminRespondToAuthChallengeInput is the request of AdminRespondToAuthChallenge.
type AdminRespondToAuthChallengeInput struct {
	UserPoolID         string             `json:"UserPoolId"`
	ClientID           string             `json:"ClientId"`
	ChallengeName      string             `json:"ChallengeName"`
	Session            string             `json:"Session,omitempty" redact:"true"`
	ChallengeResponses map[string]string  `json:"ChallengeResponses,omitempty" redact:"params"`
	ClientMetadata     map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata  *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	ContextData        *ContextData       `json:"ContextData,omitempty"`
}

// AdminRespondToAuthChallengeOutput is the response of AdminRespondToAuthChallenge.
type AdminRespondToAuthChallengeOutput = ChallengeOutput

// AuthenticationResult holds the tokens of a finished login.
type AuthenticationResult struct {
	AccessToken       string             `json:"AccessToken,omitempty" redact:"true"`
	ExpiresIn         int32              `json:"ExpiresIn,omitempty"`
	TokenType         string             `json:"TokenType,omitempty"`
	RefreshToken      string             `json:"RefreshToken,omitempty" redact:"true"`
	IDToken           string             `json:"IdToken,omitempty" redact:"true"`
	NewDeviceMetadata *NewDeviceMetadata `json:"NewDeviceMetadata,omitempty"`
}

// NewDeviceMetadata names the device Cognito just created for this login,
// to be confirmed with ConfirmDevice.
type NewDeviceMetadata struct {
	DeviceKey      string `json:"DeviceKey,omitempty"`
	DeviceGroupKey string `json:"DeviceGroupKey,omitempty"`
}

// AnalyticsMetadata is accepted and ignored, as Pinpoint is outside the project.
type AnalyticsMetadata struct {
	AnalyticsEndpointID string `json:"AnalyticsEndpointId,omitempty"`
}

// UserContextData carries advanced-security data from a public client.
type UserContextData struct {
	IPAddress   string `json:"IpAddress,omitempty"`
	EncodedData string `json:"EncodedData,omitempty"`
}

// HTTPHeader is one header of ContextData.
type HTTPHeader struct {
	HeaderName  string `json:"headerName,omitempty"`
	HeaderValue string `json:"headerValue,omitempty" redact:"true"`
}

// ContextData carries advanced-security data from a server-side client.
type ContextData struct {
	IPAddress   string       `json:"IpAddress"`
	ServerName  string       `json:"ServerName"`
	ServerPath  string       `json:"ServerPath"`
	HTTPHeaders []HTTPHeader `json:"HttpHeaders"`
	EncodedData string       `json:"EncodedData,omitempty"`
}

// Authenticator is what a login needs: the two public authentication calls.
type Authenticator interface {
	InitiateAuth(ctx context.Context, in *InitiateAuthInput) (*InitiateAuthOutput, error)
	RespondToAuthChallenge(ctx context.Context, in *RespondToAuthChallengeInput) (*RespondToAuthChallengeOutput, error)
}

// AdminAuthenticator is the server-side (SigV4-signed) authentication calls.
type AdminAuthenticator interface {
	AdminInitiateAuth(ctx context.Context, in *AdminInitiateAuthInput) (*AdminInitiateAuthOutput, error)
	AdminRespondToAuthChallenge(ctx context.Context, in *AdminRespondToAuthChallengeInput) (*AdminRespondToAuthChallengeOutput, error)
}
