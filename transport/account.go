package transport

import "context"

// SignUpInput is the request of SignUp.
type SignUpInput struct {
	ClientID       string            `json:"ClientId"`
	SecretHash     string            `json:"SecretHash,omitempty" redact:"true"`
	Username       string            `json:"Username"`
	Password       string            `json:"Password,omitempty" redact:"true"`
	UserAttributes []AttributeType   `json:"UserAttributes,omitempty"`
	ValidationData []AttributeType   `json:"ValidationData,omitempty"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// SignUpOutput is the response of SignUp.
type SignUpOutput struct {
	UserConfirmed       bool                 `json:"UserConfirmed"`
	CodeDeliveryDetails *CodeDeliveryDetails `json:"CodeDeliveryDetails,omitempty"`
	UserSub             string               `json:"UserSub"`
	Session             string               `json:"Session,omitempty" redact:"true"`
}

// ConfirmSignUpInput is the request of ConfirmSignUp.
type ConfirmSignUpInput struct {
	ClientID           string            `json:"ClientId"`
	SecretHash         string            `json:"SecretHash,omitempty" redact:"true"`
	Username           string            `json:"Username"`
	ConfirmationCode   string            `json:"ConfirmationCode" redact:"true"`
	ForceAliasCreation bool              `json:"ForceAliasCreation,omitempty"`
	ClientMetadata     map[string]string `json:"ClientMetadata,omitempty"`
	Session            string            `json:"Session,omitempty" redact:"true"`
}

// ConfirmSignUpOutput is the response of ConfirmSignUp.
type ConfirmSignUpOutput struct {
	Session string `json:"Session,omitempty" redact:"true"`
}

// ResendConfirmationCodeInput is the request of ResendConfirmationCode.
type ResendConfirmationCodeInput struct {
	ClientID       string            `json:"ClientId"`
	SecretHash     string            `json:"SecretHash,omitempty" redact:"true"`
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
	SecretHash     string            `json:"SecretHash,omitempty" redact:"true"`
	Username       string            `json:"Username"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// ConfirmForgotPasswordInput is the request of ConfirmForgotPassword.
type ConfirmForgotPasswordInput struct {
	ClientID         string            `json:"ClientId"`
	SecretHash       string            `json:"SecretHash,omitempty" redact:"true"`
	Username         string            `json:"Username"`
	ConfirmationCode string            `json:"ConfirmationCode" redact:"true"`
	Password         string            `json:"Password" redact:"true"`
	ClientMetadata   map[string]string `json:"ClientMetadata,omitempty"`
}

// ChangePasswordInput is the request of ChangePassword.
type ChangePasswordInput struct {
	PreviousPassword string `json:"PreviousPassword,omitempty" redact:"true"`
	ProposedPassword string `json:"ProposedPassword" redact:"true"`
	AccessToken      string `json:"AccessToken" redact:"true"`
}

// AccessTokenInput is the request of operations that take only an access
// token: GetUser, DeleteUser, GlobalSignOut.
type AccessTokenInput struct {
	AccessToken string `json:"AccessToken" redact:"true"`
}

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
	AccessToken    string            `json:"AccessToken" redact:"true"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// UpdateUserAttributesOutput is the response of UpdateUserAttributes.
type UpdateUserAttributesOutput struct {
	CodeDeliveryDetailsList []CodeDeliveryDetails `json:"CodeDeliveryDetailsList,omitempty"`
}

// DeleteUserAttributesInput is the request of DeleteUserAttributes.
type DeleteUserAttributesInput struct {
	UserAttributeNames []string `json:"UserAttributeNames"`
	AccessToken        string   `json:"AccessToken" redact:"true"`
}

// GetUserAttributeVerificationCodeInput is the request of
// GetUserAttributeVerificationCode.
type GetUserAttributeVerificationCodeInput struct {
	AccessToken    string            `json:"AccessToken" redact:"true"`
	AttributeName  string            `json:"AttributeName"`
	ClientMetadata map[string]string `json:"ClientMetadata,omitempty"`
}

// VerifyUserAttributeInput is the request of VerifyUserAttribute.
type VerifyUserAttributeInput struct {
	AccessToken   string `json:"AccessToken" redact:"true"`
	AttributeName string `json:"AttributeName"`
	Code          string `json:"Code" redact:"true"`
}

// RevokeTokenInput is the request of RevokeToken: it revokes a refresh
// token and every access token issued from it.
type RevokeTokenInput struct {
	Token        string `json:"Token" redact:"true"`
	ClientID     string `json:"ClientId"`
	ClientSecret string `json:"ClientSecret,omitempty" redact:"true"`
}

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
