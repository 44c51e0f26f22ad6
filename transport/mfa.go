package transport

import "context"

// AssociateSoftwareTokenInput is the request of AssociateSoftwareToken: with
// an access token for a signed-in user, or with the Session of an MFA_SETUP
// challenge during login.
type AssociateSoftwareTokenInput struct {
	AccessToken string `json:"AccessToken,omitempty" redact:"true"`
	Session     string `json:"Session,omitempty" redact:"true"`
}

// AssociateSoftwareTokenOutput carries the TOTP secret (base32) and, in a
// login, the session to continue with.
type AssociateSoftwareTokenOutput struct {
	SecretCode string `json:"SecretCode,omitempty" redact:"true"`
	Session    string `json:"Session,omitempty" redact:"true"`
}

// VerifySoftwareTokenInput is the request of VerifySoftwareToken.
type VerifySoftwareTokenInput struct {
	AccessToken        string `json:"AccessToken,omitempty" redact:"true"`
	Session            string `json:"Session,omitempty" redact:"true"`
	UserCode           string `json:"UserCode" redact:"true"`
	FriendlyDeviceName string `json:"FriendlyDeviceName,omitempty"`
}

// Status values of VerifySoftwareToken.
const (
	VerifySuccess = "SUCCESS"
	VerifyError   = "ERROR"
)

// VerifySoftwareTokenOutput is the response of VerifySoftwareToken.
type VerifySoftwareTokenOutput struct {
	Status  string `json:"Status,omitempty"`
	Session string `json:"Session,omitempty" redact:"true"`
}

// MFASettings turns one MFA kind on or off for a user and may make it the
// preferred one.
type MFASettings struct {
	Enabled      bool `json:"Enabled"`
	PreferredMfa bool `json:"PreferredMfa"`
}

// SetUserMFAPreferenceInput is the request of SetUserMFAPreference. A nil
// setting leaves that kind as it was.
type SetUserMFAPreferenceInput struct {
	AccessToken              string       `json:"AccessToken" redact:"true"`
	SMSMfaSettings           *MFASettings `json:"SMSMfaSettings,omitempty"`
	SoftwareTokenMfaSettings *MFASettings `json:"SoftwareTokenMfaSettings,omitempty"`
	EmailMfaSettings         *MFASettings `json:"EmailMfaSettings,omitempty"`
}

// AdminSetUserMFAPreferenceInput is the request of AdminSetUserMFAPreference.
type AdminSetUserMFAPreferenceInput struct {
	UserPoolID               string       `json:"UserPoolId"`
	Username                 string       `json:"Username"`
	SMSMfaSettings           *MFASettings `json:"SMSMfaSettings,omitempty"`
	SoftwareTokenMfaSettings *MFASettings `json:"SoftwareTokenMfaSettings,omitempty"`
	EmailMfaSettings         *MFASettings `json:"EmailMfaSettings,omitempty"`
}

// MFASetup is a user's own MFA setup: software tokens and preferences.
type MFASetup interface {
	AssociateSoftwareToken(ctx context.Context, in *AssociateSoftwareTokenInput) (*AssociateSoftwareTokenOutput, error)
	VerifySoftwareToken(ctx context.Context, in *VerifySoftwareTokenInput) (*VerifySoftwareTokenOutput, error)
	SetUserMFAPreference(ctx context.Context, in *SetUserMFAPreferenceInput) (*Empty, error)
}
