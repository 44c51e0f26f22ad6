package transport

import (
	"context"
	"log/slog"
)

// SignUpInput is the request of SignUp.
type SignUpInput struct {
	ClientID       string            `json:"ClientId"`
	SecretHash     string            `json:"SecretHash,omitempty"`
	Username       string            `json:"Username"`
	Password       string            `json:"Password,omitempty"`
	UserAttributes []AttributeType   `json:"UserAttributes,omitempty"`
	ValidationData []AttributeType   `json:"ValidationData,omitempty"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// String hides the password and secret hash.
func (in SignUpInput) String() string {
	return "SignUp{ClientId:" + in.ClientID + " Username:" + in.Username + " Password:" + redactIfSet(in.Password) + "}"
}

// GoString hides the same secrets from %#v.
func (in SignUpInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in SignUpInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// SignUpOutput is the response of SignUp.
type SignUpOutput struct {
	UserConfirmed       bool                 `json:"UserConfirmed"`
	CodeDeliveryDetails *CodeDeliveryDetails `json:"CodeDeliveryDetails,omitempty"`
	UserSub             string               `json:"UserSub"`
	Session             string               `json:"Session,omitempty"`
}

// ConfirmSignUpInput is the request of ConfirmSignUp.
type ConfirmSignUpInput struct {
	ClientID           string            `json:"ClientId"`
	SecretHash         string            `json:"SecretHash,omitempty"`
	Username           string            `json:"Username"`
	ConfirmationCode   string            `json:"ConfirmationCode"`
	ForceAliasCreation bool              `json:"ForceAliasCreation,omitempty"`
	ClientMetadata     map[string]string `json:"ClientMetadata,omitempty"`
	Session            string            `json:"Session,omitempty"`
}

// ConfirmSignUpOutput is the response of ConfirmSignUp.
type ConfirmSignUpOutput struct {
	Session string `json:"Session,omitempty"`
}

// ResendConfirmationCodeInput is the request of ResendConfirmationCode.
type ResendConfirmationCodeInput struct {
	ClientID       string            `json:"ClientId"`
	SecretHash     string            `json:"SecretHash,omitempty"`
	Username       string            `json:"Username"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// CodeDeliveryOutput is the response of the operations that send a code.
type CodeDeliveryOutput struct {
	CodeDeliveryDetails *CodeDeliveryDetails `json:"CodeDeliveryDetails,omitempty"`
}

// ForgotPasswordInput is the request of ForgotPassword.
type ForgotPasswordInput struct {
	ClientID       string            `json:"ClientId"`
	SecretHash     string            `json:"SecretHash,omitempty"`
	Username       string            `json:"Username"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// ConfirmForgotPasswordInput is the request of ConfirmForgotPassword.
type ConfirmForgotPasswordInput struct {
	ClientID         string            `json:"ClientId"`
	SecretHash       string            `json:"SecretHash,omitempty"`
	Username         string            `json:"Username"`
	ConfirmationCode string            `json:"ConfirmationCode"`
	Password         string            `json:"Password"`
	ClientMetadata   map[string]string `json:"ClientMetadata,omitempty"`
}

// String hides the password and code.
func (in ConfirmForgotPasswordInput) String() string {
	return "ConfirmForgotPassword{ClientId:" + in.ClientID + " Username:" + in.Username + " Password:[redacted]}"
}

// GoString hides the same secrets from %#v.
func (in ConfirmForgotPasswordInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ConfirmForgotPasswordInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// ChangePasswordInput is the request of ChangePassword.
type ChangePasswordInput struct {
	PreviousPassword string `json:"PreviousPassword,omitempty"`
	ProposedPassword string `json:"ProposedPassword"`
	AccessToken      string `json:"AccessToken"`
}

// String hides the passwords and token.
func (in ChangePasswordInput) String() string { return "ChangePassword{[redacted]}" }

// GoString hides the same secrets from %#v.
func (in ChangePasswordInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in ChangePasswordInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// AccessTokenInput is the request of operations that take only an access
// token: GetUser, DeleteUser, GlobalSignOut.
type AccessTokenInput struct {
	AccessToken string `json:"AccessToken"`
}

// String hides the token.
func (in AccessTokenInput) String() string {
	return "{AccessToken:" + redactIfSet(in.AccessToken) + "}"
}

// GoString hides the same secrets from %#v.
func (in AccessTokenInput) GoString() string { return "transport.AccessTokenInput" + in.String() }

// LogValue hides the same secrets from log/slog.
func (in AccessTokenInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// GetUserOutput is the response of GetUser.
type GetUserOutput struct {
	Username            string          `json:"Username"`
	UserAttributes      []AttributeType `json:"UserAttributes"`
	MFAOptions          []MFAOption     `json:"MFAOptions,omitempty"`
	PreferredMfaSetting string          `json:"PreferredMfaSetting,omitempty"`
	UserMFASettingList  []string        `json:"UserMFASettingList,omitempty"`
}

// UpdateUserAttributesInput is the request of UpdateUserAttributes.
type UpdateUserAttributesInput struct {
	UserAttributes []AttributeType   `json:"UserAttributes"`
	AccessToken    string            `json:"AccessToken"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// UpdateUserAttributesOutput is the response of UpdateUserAttributes.
type UpdateUserAttributesOutput struct {
	CodeDeliveryDetailsList []CodeDeliveryDetails `json:"CodeDeliveryDetailsList,omitempty"`
}

// DeleteUserAttributesInput is the request of DeleteUserAttributes.
type DeleteUserAttributesInput struct {
	UserAttributeNames []string `json:"UserAttributeNames"`
	AccessToken        string   `json:"AccessToken"`
}

// GetUserAttributeVerificationCodeInput is the request of
// GetUserAttributeVerificationCode.
type GetUserAttributeVerificationCodeInput struct {
	AccessToken    string            `json:"AccessToken"`
	AttributeName  string            `json:"AttributeName"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// VerifyUserAttributeInput is the request of VerifyUserAttribute.
type VerifyUserAttributeInput struct {
	AccessToken   string `json:"AccessToken"`
	AttributeName string `json:"AttributeName"`
	Code          string `json:"Code"`
}

// RevokeTokenInput is the request of RevokeToken: it revokes a refresh
// token and every access token issued from it.
type RevokeTokenInput struct {
	Token        string `json:"Token"`
	ClientID     string `json:"ClientId"`
	ClientSecret string `json:"ClientSecret,omitempty"`
}

// String hides the token and secret.
func (in RevokeTokenInput) String() string { return "RevokeToken{ClientId:" + in.ClientID + "}" }

// GoString hides the same secrets from %#v.
func (in RevokeTokenInput) GoString() string { return "transport." + in.String() }

// LogValue hides the same secrets from log/slog.
func (in RevokeTokenInput) LogValue() slog.Value { return slog.StringValue(in.String()) }

// Account is the self-service operations of a user: sign-up, passwords,
// profile, sign-out. Those that take an access token act on its user.
type Account interface {
	SignUp(ctx context.Context, in *SignUpInput) (*SignUpOutput, error)
	ConfirmSignUp(ctx context.Context, in *ConfirmSignUpInput) (*ConfirmSignUpOutput, error)
	ResendConfirmationCode(ctx context.Context, in *ResendConfirmationCodeInput) (*CodeDeliveryOutput, error)
	ForgotPassword(ctx context.Context, in *ForgotPasswordInput) (*CodeDeliveryOutput, error)
	ConfirmForgotPassword(ctx context.Context, in *ConfirmForgotPasswordInput) (*Empty, error)
	ChangePassword(ctx context.Context, in *ChangePasswordInput) (*Empty, error)
	GetUser(ctx context.Context, in *AccessTokenInput) (*GetUserOutput, error)
	UpdateUserAttributes(ctx context.Context, in *UpdateUserAttributesInput) (*UpdateUserAttributesOutput, error)
	DeleteUserAttributes(ctx context.Context, in *DeleteUserAttributesInput) (*Empty, error)
	GetUserAttributeVerificationCode(ctx context.Context, in *GetUserAttributeVerificationCodeInput) (*CodeDeliveryOutput, error)
	VerifyUserAttribute(ctx context.Context, in *VerifyUserAttributeInput) (*Empty, error)
	DeleteUser(ctx context.Context, in *AccessTokenInput) (*Empty, error)
	GlobalSignOut(ctx context.Context, in *AccessTokenInput) (*Empty, error)
	RevokeToken(ctx context.Context, in *RevokeTokenInput) (*Empty, error)
}
