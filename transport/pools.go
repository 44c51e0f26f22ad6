package transport

import "context"

// MFA configurations of a pool.
const (
	MFAOff      = "OFF"
	MFAOptional = "OPTIONAL"
	MFAOn       = "ON"
)

// Feature plans (UserPoolTier) of a pool. Cognito's default, when a pool is
// created or updated without one, is ESSENTIALS.
const (
	TierLite       = "LITE"
	TierEssentials = "ESSENTIALS"
	TierPlus       = "PLUS"
)

// Values of EmailConfiguration.EmailSendingAccount: Cognito's own mailer, or
// the developer's Amazon SES identity (which e-mail MFA needs).
const (
	EmailSendingCognito   = "COGNITO_DEFAULT"
	EmailSendingDeveloper = "DEVELOPER"
)

// PasswordPolicy is a pool's password rules.
type PasswordPolicy struct {
	MinimumLength                 int32 `json:"MinimumLength,omitempty"`
	RequireUppercase              bool  `json:"RequireUppercase"`
	RequireLowercase              bool  `json:"RequireLowercase"`
	RequireNumbers                bool  `json:"RequireNumbers"`
	RequireSymbols                bool  `json:"RequireSymbols"`
	PasswordHistorySize           int32 `json:"PasswordHistorySize,omitempty"`
	TemporaryPasswordValidityDays int32 `json:"TemporaryPasswordValidityDays,omitempty"`
}

// SignInPolicy lists the first factors a pool allows for choice-based sign-in.
type SignInPolicy struct {
	AllowedFirstAuthFactors []string `json:"AllowedFirstAuthFactors,omitempty"`
}

// PoolPolicies is a pool's policies.
type PoolPolicies struct {
	PasswordPolicy *PasswordPolicy `json:"PasswordPolicy,omitempty"`
	SignInPolicy   *SignInPolicy   `json:"SignInPolicy,omitempty"`
}

// DeviceConfiguration is a pool's device tracking.
type DeviceConfiguration struct {
	ChallengeRequiredOnNewDevice     bool `json:"ChallengeRequiredOnNewDevice"`
	DeviceOnlyRememberedOnUserPrompt bool `json:"DeviceOnlyRememberedOnUserPrompt"`
}

// MessageTemplate is the invitation AdminCreateUser sends.
type MessageTemplate struct {
	SMSMessage   string `json:"SMSMessage,omitempty"`
	EmailMessage string `json:"EmailMessage,omitempty"`
	EmailSubject string `json:"EmailSubject,omitempty"`
}

// AdminCreateUserConfig is a pool's rules for administrator-created users.
type AdminCreateUserConfig struct {
	AllowAdminCreateUserOnly  bool             `json:"AllowAdminCreateUserOnly"`
	UnusedAccountValidityDays int32            `json:"UnusedAccountValidityDays,omitempty"`
	InviteMessageTemplate     *MessageTemplate `json:"InviteMessageTemplate,omitempty"`
}

// VerificationMessageTemplate is the message that carries a verification code.
type VerificationMessageTemplate struct {
	SmsMessage         string `json:"SmsMessage,omitempty"`
	EmailMessage       string `json:"EmailMessage,omitempty"`
	EmailSubject       string `json:"EmailSubject,omitempty"`
	EmailMessageByLink string `json:"EmailMessageByLink,omitempty"`
	EmailSubjectByLink string `json:"EmailSubjectByLink,omitempty"`
	DefaultEmailOption string `json:"DefaultEmailOption,omitempty"`
}

// UserAttributeUpdateSettings keeps the old value of an attribute in force
// until the new one is verified.
type UserAttributeUpdateSettings struct {
	AttributesRequireVerificationBeforeUpdate []string `json:"AttributesRequireVerificationBeforeUpdate,omitempty"`
}

// EmailConfiguration is how a pool sends e-mail.
type EmailConfiguration struct {
	SourceArn           string `json:"SourceArn,omitempty"`
	ReplyToEmailAddress string `json:"ReplyToEmailAddress,omitempty"`
	EmailSendingAccount string `json:"EmailSendingAccount,omitempty"`
	From                string `json:"From,omitempty"`
	ConfigurationSet    string `json:"ConfigurationSet,omitempty"`
}

// SmsConfiguration is how a pool sends SMS.
type SmsConfiguration struct {
	SnsCallerArn string `json:"SnsCallerArn,omitempty"`
	ExternalID   string `json:"ExternalId,omitempty"`
	SnsRegion    string `json:"SnsRegion,omitempty"`
}

// UserPoolAddOns turns on advanced security.
type UserPoolAddOns struct {
	AdvancedSecurityMode string `json:"AdvancedSecurityMode,omitempty"`
}

// UsernameConfiguration says whether user names are case-sensitive.
type UsernameConfiguration struct {
	CaseSensitive bool `json:"CaseSensitive"`
}

// RecoveryOption is one account recovery mechanism.
type RecoveryOption struct {
	Priority int32  `json:"Priority"`
	Name     string `json:"Name"` // "verified_email", "verified_phone_number", "admin_only"
}

// AccountRecoverySetting is a pool's account recovery mechanisms.
type AccountRecoverySetting struct {
	RecoveryMechanisms []RecoveryOption `json:"RecoveryMechanisms,omitempty"`
}

// NumberAttributeConstraints bounds a number attribute.
type NumberAttributeConstraints struct {
	MinValue string `json:"MinValue,omitempty"`
	MaxValue string `json:"MaxValue,omitempty"`
}

// StringAttributeConstraints bounds a string attribute's length.
type StringAttributeConstraints struct {
	MinLength string `json:"MinLength,omitempty"`
	MaxLength string `json:"MaxLength,omitempty"`
}

// SchemaAttribute declares a standard or custom attribute of a pool.
type SchemaAttribute struct {
	Name                       string                      `json:"Name,omitempty"`
	AttributeDataType          string                      `json:"AttributeDataType,omitempty"` // String, Number, DateTime, Boolean
	DeveloperOnlyAttribute     bool                        `json:"DeveloperOnlyAttribute,omitempty"`
	Mutable                    *bool                       `json:"Mutable,omitempty"`
	Required                   bool                        `json:"Required,omitempty"`
	NumberAttributeConstraints *NumberAttributeConstraints `json:"NumberAttributeConstraints,omitempty"`
	StringAttributeConstraints *StringAttributeConstraints `json:"StringAttributeConstraints,omitempty"`
}

// Versions of PreTokenGenerationConfig.LambdaVersion: which event the pre
// token generation trigger receives. V1_0 changes the ID token only; V2_0
// also the access token (ESSENTIALS or PLUS); V3_0 is V2_0 that also runs
// for machine (client_credentials) tokens.
const (
	PreTokenV1 = "V1_0"
	PreTokenV2 = "V2_0"
	PreTokenV3 = "V3_0"
)

// PreTokenGenerationConfig is the pre token generation trigger with the
// version of the event it is sent (PreTokenGenerationVersionConfigType).
type PreTokenGenerationConfig struct {
	LambdaVersion string `json:"LambdaVersion,omitempty"`
	LambdaArn     string `json:"LambdaArn,omitempty"`
}

// SenderLambdaConfig is a custom SMS or e-mail sender trigger
// (CustomSMSLambdaVersionConfigType, CustomEmailLambdaVersionConfigType):
// Cognito hands it the message, its code encrypted with KMSKeyID, to send.
type SenderLambdaConfig struct {
	LambdaVersion string `json:"LambdaVersion,omitempty"`
	LambdaArn     string `json:"LambdaArn,omitempty"`
}

// LambdaConfig names the Lambda function (by ARN) that each trigger of a
// pool runs (LambdaConfigType). A trigger left empty does not run.
// PreTokenGeneration is the legacy spelling of PreTokenGenerationConfig's
// LambdaArn (with LambdaVersion V1_0); when both are set they must name
// the same function.
type LambdaConfig struct {
	PreSignUp                   string                    `json:"PreSignUp,omitempty"`
	CustomMessage               string                    `json:"CustomMessage,omitempty"`
	PostConfirmation            string                    `json:"PostConfirmation,omitempty"`
	PreAuthentication           string                    `json:"PreAuthentication,omitempty"`
	PostAuthentication          string                    `json:"PostAuthentication,omitempty"`
	DefineAuthChallenge         string                    `json:"DefineAuthChallenge,omitempty"`
	CreateAuthChallenge         string                    `json:"CreateAuthChallenge,omitempty"`
	VerifyAuthChallengeResponse string                    `json:"VerifyAuthChallengeResponse,omitempty"`
	PreTokenGeneration          string                    `json:"PreTokenGeneration,omitempty"`
	UserMigration               string                    `json:"UserMigration,omitempty"`
	PreTokenGenerationConfig    *PreTokenGenerationConfig `json:"PreTokenGenerationConfig,omitempty"`
	CustomSMSSender             *SenderLambdaConfig       `json:"CustomSMSSender,omitempty"`
	CustomEmailSender           *SenderLambdaConfig       `json:"CustomEmailSender,omitempty"`
	KMSKeyID                    string                    `json:"KMSKeyID,omitempty"`
}

// PoolSettings are the settings UpdateUserPool can change; CreateUserPool
// and UserPool carry them too.
type PoolSettings struct {
	Policies                    *PoolPolicies                `json:"Policies,omitempty"`
	DeletionProtection          string                       `json:"DeletionProtection,omitempty"`
	AutoVerifiedAttributes      []string                     `json:"AutoVerifiedAttributes,omitempty"`
	SmsVerificationMessage      string                       `json:"SmsVerificationMessage,omitempty"`
	EmailVerificationMessage    string                       `json:"EmailVerificationMessage,omitempty"`
	EmailVerificationSubject    string                       `json:"EmailVerificationSubject,omitempty"`
	VerificationMessageTemplate *VerificationMessageTemplate `json:"VerificationMessageTemplate,omitempty"`
	SmsAuthenticationMessage    string                       `json:"SmsAuthenticationMessage,omitempty"`
	UserAttributeUpdateSettings *UserAttributeUpdateSettings `json:"UserAttributeUpdateSettings,omitempty"`
	MfaConfiguration            string                       `json:"MfaConfiguration,omitempty"`
	DeviceConfiguration         *DeviceConfiguration         `json:"DeviceConfiguration,omitempty"`
	EmailConfiguration          *EmailConfiguration          `json:"EmailConfiguration,omitempty"`
	SmsConfiguration            *SmsConfiguration            `json:"SmsConfiguration,omitempty"`
	UserPoolTags                map[string]string            `json:"UserPoolTags,omitempty"`
	AdminCreateUserConfig       *AdminCreateUserConfig       `json:"AdminCreateUserConfig,omitempty"`
	UserPoolAddOns              *UserPoolAddOns              `json:"UserPoolAddOns,omitempty"`
	AccountRecoverySetting      *AccountRecoverySetting      `json:"AccountRecoverySetting,omitempty"`
	UserPoolTier                string                       `json:"UserPoolTier,omitempty"`
	LambdaConfig                *LambdaConfig                `json:"LambdaConfig,omitempty"`
}

// CreateUserPoolInput is the request of CreateUserPool.
type CreateUserPoolInput struct {
	PoolName              string                 `json:"PoolName"`
	AliasAttributes       []string               `json:"AliasAttributes,omitempty"`    // phone_number, email, preferred_username
	UsernameAttributes    []string               `json:"UsernameAttributes,omitempty"` // phone_number, email
	Schema                []SchemaAttribute      `json:"Schema,omitempty"`
	UsernameConfiguration *UsernameConfiguration `json:"UsernameConfiguration,omitempty"`
	PoolSettings
}

// UserPool describes a pool.
type UserPool struct {
	ID                     string                 `json:"Id,omitempty"`
	Name                   string                 `json:"Name,omitempty"`
	Arn                    string                 `json:"Arn,omitempty"`
	Status                 string                 `json:"Status,omitempty"`
	CreationDate           *Time                  `json:"CreationDate,omitempty"`
	LastModifiedDate       *Time                  `json:"LastModifiedDate,omitempty"`
	EstimatedNumberOfUsers int32                  `json:"EstimatedNumberOfUsers"`
	Domain                 string                 `json:"Domain,omitempty"`
	AliasAttributes        []string               `json:"AliasAttributes,omitempty"`
	UsernameAttributes     []string               `json:"UsernameAttributes,omitempty"`
	SchemaAttributes       []SchemaAttribute      `json:"SchemaAttributes,omitempty"`
	UsernameConfiguration  *UsernameConfiguration `json:"UsernameConfiguration,omitempty"`
	PoolSettings
}

// AddCustomAttributesInput is the request of AddCustomAttributes: custom
// attributes named without their "custom:" prefix.
type AddCustomAttributesInput struct {
	UserPoolID       string            `json:"UserPoolId"`
	CustomAttributes []SchemaAttribute `json:"CustomAttributes"`
}

// UserPoolOutput is the response of CreateUserPool and DescribeUserPool.
type UserPoolOutput struct {
	UserPool *UserPool `json:"UserPool,omitempty"`
}

// PoolRef names a pool: the request of DescribeUserPool, DeleteUserPool and
// GetUserPoolMfaConfig.
type PoolRef struct {
	UserPoolID string `json:"UserPoolId"`
}

// UpdateUserPoolInput is the request of UpdateUserPool. As in Cognito,
// settings left out return to their defaults.
type UpdateUserPoolInput struct {
	UserPoolID string `json:"UserPoolId"`
	PoolSettings
}

// ListUserPoolsInput is the request of ListUserPools.
type ListUserPoolsInput struct {
	NextToken  string `json:"NextToken,omitempty"`
	MaxResults int32  `json:"MaxResults"`
}

// UserPoolDescription is a pool as ListUserPools lists it.
type UserPoolDescription struct {
	ID               string `json:"Id,omitempty"`
	Name             string `json:"Name,omitempty"`
	Status           string `json:"Status,omitempty"`
	LastModifiedDate *Time  `json:"LastModifiedDate,omitempty"`
	CreationDate     *Time  `json:"CreationDate,omitempty"`
}

// ListUserPoolsOutput is the response of ListUserPools.
type ListUserPoolsOutput struct {
	UserPools []UserPoolDescription `json:"UserPools"`
	NextToken string                `json:"NextToken,omitempty"`
}

// SmsMfaConfig is a pool's SMS MFA message.
type SmsMfaConfig struct {
	SmsAuthenticationMessage string            `json:"SmsAuthenticationMessage,omitempty"`
	SmsConfiguration         *SmsConfiguration `json:"SmsConfiguration,omitempty"`
}

// SoftwareTokenMfaConfig turns TOTP MFA on for a pool.
type SoftwareTokenMfaConfig struct {
	Enabled bool `json:"Enabled"`
}

// EmailMfaConfig turns e-mail MFA on for a pool and sets its message.
type EmailMfaConfig struct {
	Message string `json:"Message,omitempty"`
	Subject string `json:"Subject,omitempty"`
}

// UserPoolMfaConfig is the request of SetUserPoolMfaConfig (with
// UserPoolID) and the response of it and of GetUserPoolMfaConfig.
type UserPoolMfaConfig struct {
	UserPoolID                    string                  `json:"UserPoolId,omitempty"`
	SmsMfaConfiguration           *SmsMfaConfig           `json:"SmsMfaConfiguration,omitempty"`
	SoftwareTokenMfaConfiguration *SoftwareTokenMfaConfig `json:"SoftwareTokenMfaConfiguration,omitempty"`
	EmailMfaConfiguration         *EmailMfaConfig         `json:"EmailMfaConfiguration,omitempty"`
	MfaConfiguration              string                  `json:"MfaConfiguration,omitempty"`
	WebAuthnConfiguration         *WebAuthnConfiguration  `json:"WebAuthnConfiguration,omitempty"`
}

// Values of WebAuthnConfiguration.UserVerification.
const (
	UserVerificationRequired  = "required"
	UserVerificationPreferred = "preferred"
)

// WebAuthnConfiguration is a pool's passkey settings: the relying party id
// passkeys are bound to (the pool's domain when empty) and whether the
// authenticator must verify the user (a PIN or biometric) or only should.
type WebAuthnConfiguration struct {
	RelyingPartyID   string `json:"RelyingPartyId,omitempty"`
	UserVerification string `json:"UserVerification,omitempty"`
}

// TokenValidityUnits gives the units of a client's token lifetimes:
// "seconds", "minutes", "hours" or "days". Cognito's defaults are hours for
// access and ID tokens and days for refresh tokens.
type TokenValidityUnits struct {
	AccessToken  string `json:"AccessToken,omitempty"`
	IDToken      string `json:"IdToken,omitempty"`
	RefreshToken string `json:"RefreshToken,omitempty"`
}

// Values of ExplicitAuthFlows.
const (
	AllowUserSRPAuth           = "ALLOW_USER_SRP_AUTH"
	AllowUserPasswordAuth      = "ALLOW_USER_PASSWORD_AUTH"
	AllowRefreshTokenAuth      = "ALLOW_REFRESH_TOKEN_AUTH"
	AllowCustomAuth            = "ALLOW_CUSTOM_AUTH"
	AllowAdminUserPassword     = "ALLOW_ADMIN_USER_PASSWORD_AUTH"
	AllowUserAuth              = "ALLOW_USER_AUTH"
	LegacyAdminNoSRPAuth       = "ADMIN_NO_SRP_AUTH"
	LegacyCustomAuthFlowOnly   = "CUSTOM_AUTH_FLOW_ONLY"
	LegacyUserPasswordAuth     = "USER_PASSWORD_AUTH"
	PreventUserExistenceOn     = "ENABLED"
	PreventUserExistenceLegacy = "LEGACY"
)

// ClientSettings are the settings of an app client that CreateUserPoolClient
// and UpdateUserPoolClient take and UserPoolClient returns.
type ClientSettings struct {
	ClientName                               string              `json:"ClientName,omitempty"`
	RefreshTokenValidity                     int32               `json:"RefreshTokenValidity,omitempty"`
	AccessTokenValidity                      int32               `json:"AccessTokenValidity,omitempty"`
	IDTokenValidity                          int32               `json:"IdTokenValidity,omitempty"`
	TokenValidityUnits                       *TokenValidityUnits `json:"TokenValidityUnits,omitempty"`
	ReadAttributes                           []string            `json:"ReadAttributes,omitempty"`
	WriteAttributes                          []string            `json:"WriteAttributes,omitempty"`
	ExplicitAuthFlows                        []string            `json:"ExplicitAuthFlows,omitempty"`
	SupportedIdentityProviders               []string            `json:"SupportedIdentityProviders,omitempty"`
	CallbackURLs                             []string            `json:"CallbackURLs,omitempty"`
	LogoutURLs                               []string            `json:"LogoutURLs,omitempty"`
	DefaultRedirectURI                       string              `json:"DefaultRedirectURI,omitempty"`
	AllowedOAuthFlows                        []string            `json:"AllowedOAuthFlows,omitempty"`
	AllowedOAuthScopes                       []string            `json:"AllowedOAuthScopes,omitempty"`
	AllowedOAuthFlowsUserPoolClient          bool                `json:"AllowedOAuthFlowsUserPoolClient,omitempty"`
	PreventUserExistenceErrors               string              `json:"PreventUserExistenceErrors,omitempty"`
	EnableTokenRevocation                    *bool               `json:"EnableTokenRevocation,omitempty"`
	EnablePropagateAdditionalUserContextData bool                `json:"EnablePropagateAdditionalUserContextData,omitempty"`
	AuthSessionValidity                      int32               `json:"AuthSessionValidity,omitempty"` // minutes, 3 to 15

	// RefreshTokenRotation turns rotation on (rotating clients must leave
	// ALLOW_REFRESH_TOKEN_AUTH out of ExplicitAuthFlows).
	RefreshTokenRotation *RefreshTokenRotation `json:"RefreshTokenRotation,omitempty"`
}

// CreateUserPoolClientInput is the request of CreateUserPoolClient.
type CreateUserPoolClientInput struct {
	UserPoolID     string `json:"UserPoolId"`
	GenerateSecret bool   `json:"GenerateSecret,omitempty"`
	ClientSettings
}

// UserPoolClient describes an app client.
type UserPoolClient struct {
	UserPoolID       string `json:"UserPoolId,omitempty"`
	ClientID         string `json:"ClientId,omitempty"`
	ClientSecret     string `json:"ClientSecret,omitempty" redact:"true"`
	LastModifiedDate *Time  `json:"LastModifiedDate,omitempty"`
	CreationDate     *Time  `json:"CreationDate,omitempty"`
	ClientSettings
}

// UserPoolClientOutput is the response of CreateUserPoolClient,
// DescribeUserPoolClient and UpdateUserPoolClient.
type UserPoolClientOutput struct {
	UserPoolClient *UserPoolClient `json:"UserPoolClient,omitempty"`
}

// ClientRef names an app client: the request of DescribeUserPoolClient and
// DeleteUserPoolClient.
type ClientRef struct {
	UserPoolID string `json:"UserPoolId"`
	ClientID   string `json:"ClientId"`
}

// UpdateUserPoolClientInput is the request of UpdateUserPoolClient. As in
// Cognito, settings left out return to their defaults.
type UpdateUserPoolClientInput struct {
	UserPoolID string `json:"UserPoolId"`
	ClientID   string `json:"ClientId"`
	ClientSettings
}

// ListUserPoolClientsInput is the request of ListUserPoolClients.
type ListUserPoolClientsInput struct {
	UserPoolID string `json:"UserPoolId"`
	MaxResults int32  `json:"MaxResults,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// UserPoolClientDescription is a client as ListUserPoolClients lists it.
type UserPoolClientDescription struct {
	ClientID   string `json:"ClientId,omitempty"`
	UserPoolID string `json:"UserPoolId,omitempty"`
	ClientName string `json:"ClientName,omitempty"`
}

// ListUserPoolClientsOutput is the response of ListUserPoolClients.
type ListUserPoolClientsOutput struct {
	UserPoolClients []UserPoolClientDescription `json:"UserPoolClients"`
	NextToken       string                      `json:"NextToken,omitempty"`
}

// Pools is pool and app-client management (SigV4-signed on real Cognito).
type Pools interface {
	CreateUserPool(ctx context.Context, in *CreateUserPoolInput) (*UserPoolOutput, error)
	DescribeUserPool(ctx context.Context, in *PoolRef) (*UserPoolOutput, error)
	UpdateUserPool(ctx context.Context, in *UpdateUserPoolInput) (*Empty, error)
	AddCustomAttributes(ctx context.Context, in *AddCustomAttributesInput) (*Empty, error)
	DeleteUserPool(ctx context.Context, in *PoolRef) (*Empty, error)
	ListUserPools(ctx context.Context, in *ListUserPoolsInput) (*ListUserPoolsOutput, error)
	SetUserPoolMfaConfig(ctx context.Context, in *UserPoolMfaConfig) (*UserPoolMfaConfig, error)
	GetUserPoolMfaConfig(ctx context.Context, in *PoolRef) (*UserPoolMfaConfig, error)
	CreateUserPoolClient(ctx context.Context, in *CreateUserPoolClientInput) (*UserPoolClientOutput, error)
	DescribeUserPoolClient(ctx context.Context, in *ClientRef) (*UserPoolClientOutput, error)
	UpdateUserPoolClient(ctx context.Context, in *UpdateUserPoolClientInput) (*UserPoolClientOutput, error)
	DeleteUserPoolClient(ctx context.Context, in *ClientRef) (*Empty, error)
	ListUserPoolClients(ctx context.Context, in *ListUserPoolClientsInput) (*ListUserPoolClientsOutput, error)
}

// Cognito is every capability at once: what fakecognito and
// transport/awssdk both implement.
type Cognito interface {
	Authenticator
	AdminAuthenticator
	TokenRefresher
	Devices
	AdminDevices
	MFASetup
	Account
	Admin
	Pools
	Passkeys
	Domains
	ResourceServers
}
