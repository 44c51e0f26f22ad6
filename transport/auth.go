package transport

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
)

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
)

// secretKeys are the parameters whose values String and LogValue hide.
var secretKeys = map[string]bool{
	ParamPassword: true, ParamNewPassword: true, ParamSecretHash: true, ParamRefreshToken: true,
	ParamClaimSignature: true, ParamSMSMFACode: true, ParamEmailOTPCode: true,
	ParamSoftwareTokenMFACode: true, ParamAnswer: true,
}

// Redacted returns a copy of params, sorted as a string, with secret values
// replaced by "[redacted]", for logs and %v output.
func Redacted(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		v := params[k]
		if secretKeys[k] {
			v = "[redacted]"
		}
		fmt.Fprintf(&b, "%s:%s", k, v)
	}
	b.WriteByte('}')
	return b.String()
}

// InitiateAuthInput is the request of InitiateAuth.
type InitiateAuthInput struct {
	AuthFlow          string             `json:"AuthFlow"`
	AuthParameters    map[string]string  `json:"AuthParameters,omitempty"`
	ClientID          string             `json:"ClientId"`
	ClientMetadata    map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	UserContextData   *UserContextData   `json:"UserContextData,omitempty"`
	Session           string             `json:"Session,omitempty"`
}

// String hides secret parameters.
func (in InitiateAuthInput) String() string {
	return fmt.Sprintf("InitiateAuth{AuthFlow:%s ClientId:%s AuthParameters:%s}", in.AuthFlow, in.ClientID, Redacted(in.AuthParameters))
}

// GoString hides the same secrets from %#v.
func (in InitiateAuthInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in InitiateAuthInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// ChallengeOutput is the common answer of the four authentication
// operations: either a challenge to answer or the tokens.
type ChallengeOutput struct {
	ChallengeName        string                `json:"ChallengeName,omitempty"`
	Session              string                `json:"Session,omitempty"`
	ChallengeParameters  map[string]string     `json:"ChallengeParameters,omitempty"`
	AuthenticationResult *AuthenticationResult `json:"AuthenticationResult,omitempty"`
	AvailableChallenges  []string              `json:"AvailableChallenges,omitempty"`
}

// String hides the session and the tokens.
func (o ChallengeOutput) String() string {
	return fmt.Sprintf("{ChallengeName:%s Session:%s ChallengeParameters:%s AuthenticationResult:%v}",
		o.ChallengeName, redactIfSet(o.Session), Redacted(o.ChallengeParameters), o.AuthenticationResult)
}

// GoString hides the same secrets from %#v.
func (o ChallengeOutput) GoString() string { return "transport.ChallengeOutput" + o.String() }

// LogValue hides the same secrets from log/slog.
func (o ChallengeOutput) LogValue() slog.Value { return slog.StringValue(o.String()) }

// InitiateAuthOutput is the response of InitiateAuth.
type InitiateAuthOutput = ChallengeOutput

// RespondToAuthChallengeInput is the request of RespondToAuthChallenge.
type RespondToAuthChallengeInput struct {
	ClientID           string             `json:"ClientId"`
	ChallengeName      string             `json:"ChallengeName"`
	Session            string             `json:"Session,omitempty"`
	ChallengeResponses map[string]string  `json:"ChallengeResponses,omitempty"`
	ClientMetadata     map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata  *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	UserContextData    *UserContextData   `json:"UserContextData,omitempty"`
}

// String hides secret responses and the session.
func (in RespondToAuthChallengeInput) String() string {
	return fmt.Sprintf("RespondToAuthChallenge{ChallengeName:%s ClientId:%s Session:%s ChallengeResponses:%s}",
		in.ChallengeName, in.ClientID, redactIfSet(in.Session), Redacted(in.ChallengeResponses))
}

// GoString hides the same secrets from %#v.
func (in RespondToAuthChallengeInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in RespondToAuthChallengeInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// RespondToAuthChallengeOutput is the response of RespondToAuthChallenge.
type RespondToAuthChallengeOutput = ChallengeOutput

// AdminInitiateAuthInput is the request of AdminInitiateAuth.
type AdminInitiateAuthInput struct {
	UserPoolID        string             `json:"UserPoolId"`
	ClientID          string             `json:"ClientId"`
	AuthFlow          string             `json:"AuthFlow"`
	AuthParameters    map[string]string  `json:"AuthParameters,omitempty"`
	ClientMetadata    map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	ContextData       *ContextData       `json:"ContextData,omitempty"`
	Session           string             `json:"Session,omitempty"`
}

// String hides secret parameters.
func (in AdminInitiateAuthInput) String() string {
	return fmt.Sprintf("AdminInitiateAuth{UserPoolId:%s AuthFlow:%s ClientId:%s AuthParameters:%s}", in.UserPoolID, in.AuthFlow, in.ClientID, Redacted(in.AuthParameters))
}

// GoString hides the same secrets from %#v.
func (in AdminInitiateAuthInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in AdminInitiateAuthInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// AdminInitiateAuthOutput is the response of AdminInitiateAuth.
type AdminInitiateAuthOutput = ChallengeOutput

// AdminRespondToAuthChallengeInput is the request of AdminRespondToAuthChallenge.
type AdminRespondToAuthChallengeInput struct {
	UserPoolID         string             `json:"UserPoolId"`
	ClientID           string             `json:"ClientId"`
	ChallengeName      string             `json:"ChallengeName"`
	Session            string             `json:"Session,omitempty"`
	ChallengeResponses map[string]string  `json:"ChallengeResponses,omitempty"`
	ClientMetadata     map[string]string  `json:"ClientMetadata,omitempty"`
	AnalyticsMetadata  *AnalyticsMetadata `json:"AnalyticsMetadata,omitempty"`
	ContextData        *ContextData       `json:"ContextData,omitempty"`
}

// String hides secret responses and the session.
func (in AdminRespondToAuthChallengeInput) String() string {
	return fmt.Sprintf("AdminRespondToAuthChallenge{UserPoolId:%s ChallengeName:%s ClientId:%s Session:%s ChallengeResponses:%s}",
		in.UserPoolID, in.ChallengeName, in.ClientID, redactIfSet(in.Session), Redacted(in.ChallengeResponses))
}

// GoString hides the same secrets from %#v.
func (in AdminRespondToAuthChallengeInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in AdminRespondToAuthChallengeInput) LogValue() slog.Value {
	return slog.StringValue(in.String())
}

// AdminRespondToAuthChallengeOutput is the response of AdminRespondToAuthChallenge.
type AdminRespondToAuthChallengeOutput = ChallengeOutput

// AuthenticationResult holds the tokens of a finished login.
type AuthenticationResult struct {
	AccessToken       string             `json:"AccessToken,omitempty"`
	ExpiresIn         int32              `json:"ExpiresIn,omitempty"`
	TokenType         string             `json:"TokenType,omitempty"`
	RefreshToken      string             `json:"RefreshToken,omitempty"`
	IDToken           string             `json:"IdToken,omitempty"`
	NewDeviceMetadata *NewDeviceMetadata `json:"NewDeviceMetadata,omitempty"`
}

// String hides the tokens.
func (r AuthenticationResult) String() string {
	return fmt.Sprintf("{AccessToken:%s IdToken:%s RefreshToken:%s ExpiresIn:%d TokenType:%s NewDeviceMetadata:%v}",
		redactIfSet(r.AccessToken), redactIfSet(r.IDToken), redactIfSet(r.RefreshToken), r.ExpiresIn, r.TokenType, r.NewDeviceMetadata)
}

// GoString hides the same secrets from %#v.
func (r AuthenticationResult) GoString() string { return "transport.AuthenticationResult" + r.String() }

// LogValue hides the tokens from log/slog.
func (r AuthenticationResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

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
	HeaderValue string `json:"headerValue,omitempty"`
}

// ContextData carries advanced-security data from a server-side client.
type ContextData struct {
	IPAddress   string       `json:"IpAddress"`
	ServerName  string       `json:"ServerName"`
	ServerPath  string       `json:"ServerPath"`
	HTTPHeaders []HTTPHeader `json:"HttpHeaders"`
	EncodedData string       `json:"EncodedData,omitempty"`
}

func redactIfSet(s string) string {
	if s == "" {
		return ""
	}
	return "[redacted]"
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
