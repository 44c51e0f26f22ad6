package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// Every operation in this file is SigV4-signed on real Cognito.

// CreateUserPool creates a user pool.
func (c *Client) CreateUserPool(ctx context.Context, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
	in = orZero(in)
	s := toPoolSettings(in.PoolSettings)
	out, err := c.api.CreateUserPool(ctx, &cip.CreateUserPoolInput{
		PoolName:                    aws.String(in.PoolName),
		AliasAttributes:             toEnums[types.AliasAttributeType](in.AliasAttributes),
		UsernameAttributes:          toEnums[types.UsernameAttributeType](in.UsernameAttributes),
		Schema:                      toSchema(in.Schema),
		UsernameConfiguration:       toUsernameConfig(in.UsernameConfiguration),
		Policies:                    s.Policies,
		DeletionProtection:          s.DeletionProtection,
		AutoVerifiedAttributes:      s.AutoVerifiedAttributes,
		SmsVerificationMessage:      s.SmsVerificationMessage,
		EmailVerificationMessage:    s.EmailVerificationMessage,
		EmailVerificationSubject:    s.EmailVerificationSubject,
		VerificationMessageTemplate: s.VerificationMessageTemplate,
		SmsAuthenticationMessage:    s.SmsAuthenticationMessage,
		UserAttributeUpdateSettings: s.UserAttributeUpdateSettings,
		MfaConfiguration:            s.MfaConfiguration,
		DeviceConfiguration:         s.DeviceConfiguration,
		EmailConfiguration:          s.EmailConfiguration,
		SmsConfiguration:            s.SmsConfiguration,
		UserPoolTags:                s.UserPoolTags,
		AdminCreateUserConfig:       s.AdminCreateUserConfig,
		UserPoolAddOns:              s.UserPoolAddOns,
		AccountRecoverySetting:      s.AccountRecoverySetting,
		UserPoolTier:                s.UserPoolTier,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.UserPoolOutput{UserPool: fromUserPool(out.UserPool)}, nil
}

// DescribeUserPool describes a user pool.
func (c *Client) DescribeUserPool(ctx context.Context, in *transport.PoolRef) (*transport.UserPoolOutput, error) {
	in = orZero(in)
	out, err := c.api.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(in.UserPoolID)})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.UserPoolOutput{UserPool: fromUserPool(out.UserPool)}, nil
}

// UpdateUserPool replaces a pool's settings; those left out return to their
// defaults, as in Cognito.
func (c *Client) UpdateUserPool(ctx context.Context, in *transport.UpdateUserPoolInput) (*transport.Empty, error) {
	in = orZero(in)
	s := toPoolSettings(in.PoolSettings)
	_, err := c.api.UpdateUserPool(ctx, &cip.UpdateUserPoolInput{
		UserPoolId:                  aws.String(in.UserPoolID),
		Policies:                    s.Policies,
		DeletionProtection:          s.DeletionProtection,
		AutoVerifiedAttributes:      s.AutoVerifiedAttributes,
		SmsVerificationMessage:      s.SmsVerificationMessage,
		EmailVerificationMessage:    s.EmailVerificationMessage,
		EmailVerificationSubject:    s.EmailVerificationSubject,
		VerificationMessageTemplate: s.VerificationMessageTemplate,
		SmsAuthenticationMessage:    s.SmsAuthenticationMessage,
		UserAttributeUpdateSettings: s.UserAttributeUpdateSettings,
		MfaConfiguration:            s.MfaConfiguration,
		DeviceConfiguration:         s.DeviceConfiguration,
		EmailConfiguration:          s.EmailConfiguration,
		SmsConfiguration:            s.SmsConfiguration,
		UserPoolTags:                s.UserPoolTags,
		AdminCreateUserConfig:       s.AdminCreateUserConfig,
		UserPoolAddOns:              s.UserPoolAddOns,
		AccountRecoverySetting:      s.AccountRecoverySetting,
		UserPoolTier:                s.UserPoolTier,
	})
	return empty(err)
}

// DeleteUserPool deletes a user pool.
func (c *Client) DeleteUserPool(ctx context.Context, in *transport.PoolRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.DeleteUserPool(ctx, &cip.DeleteUserPoolInput{UserPoolId: aws.String(in.UserPoolID)})
	return empty(err)
}

// ListUserPools lists the account's pools, one page at a time.
func (c *Client) ListUserPools(ctx context.Context, in *transport.ListUserPoolsInput) (*transport.ListUserPoolsOutput, error) {
	in = orZero(in)
	out, err := c.api.ListUserPools(ctx, &cip.ListUserPoolsInput{
		NextToken:  optStr(in.NextToken),
		MaxResults: aws.Int32(in.MaxResults),
	})
	if err != nil {
		return nil, mapError(err)
	}
	res := &transport.ListUserPoolsOutput{NextToken: deref(out.NextToken)}
	if out.UserPools != nil {
		res.UserPools = make([]transport.UserPoolDescription, len(out.UserPools))
		for i, p := range out.UserPools {
			res.UserPools[i] = transport.UserPoolDescription{
				ID:   deref(p.Id),
				Name: deref(p.Name),
				//lint:ignore SA1019 Cognito no longer fills Status, but transport and servers that speak its protocol still may.
				Status:           string(p.Status),
				LastModifiedDate: fromTime(p.LastModifiedDate),
				CreationDate:     fromTime(p.CreationDate),
			}
		}
	}
	return res, nil
}

// SetUserPoolMfaConfig sets a pool's MFA configuration. The answer, like
// Cognito's, does not repeat the pool id.
func (c *Client) SetUserPoolMfaConfig(ctx context.Context, in *transport.UserPoolMfaConfig) (*transport.UserPoolMfaConfig, error) {
	in = orZero(in)
	req := &cip.SetUserPoolMfaConfigInput{
		UserPoolId:       aws.String(in.UserPoolID),
		MfaConfiguration: types.UserPoolMfaType(in.MfaConfiguration),
	}
	if m := in.SmsMfaConfiguration; m != nil {
		req.SmsMfaConfiguration = &types.SmsMfaConfigType{
			SmsAuthenticationMessage: optStr(m.SmsAuthenticationMessage),
			SmsConfiguration:         toSmsConfig(m.SmsConfiguration),
		}
	}
	if m := in.SoftwareTokenMfaConfiguration; m != nil {
		req.SoftwareTokenMfaConfiguration = &types.SoftwareTokenMfaConfigType{Enabled: m.Enabled}
	}
	if m := in.EmailMfaConfiguration; m != nil {
		req.EmailMfaConfiguration = &types.EmailMfaConfigType{Message: optStr(m.Message), Subject: optStr(m.Subject)}
	}
	out, err := c.api.SetUserPoolMfaConfig(ctx, req)
	if err != nil {
		return nil, mapError(err)
	}
	return fromMfaConfig(out.MfaConfiguration, out.SmsMfaConfiguration, out.SoftwareTokenMfaConfiguration, out.EmailMfaConfiguration), nil
}

// GetUserPoolMfaConfig returns a pool's MFA configuration, without the pool
// id, as Cognito does.
func (c *Client) GetUserPoolMfaConfig(ctx context.Context, in *transport.PoolRef) (*transport.UserPoolMfaConfig, error) {
	in = orZero(in)
	out, err := c.api.GetUserPoolMfaConfig(ctx, &cip.GetUserPoolMfaConfigInput{UserPoolId: aws.String(in.UserPoolID)})
	if err != nil {
		return nil, mapError(err)
	}
	return fromMfaConfig(out.MfaConfiguration, out.SmsMfaConfiguration, out.SoftwareTokenMfaConfiguration, out.EmailMfaConfiguration), nil
}

// CreateUserPoolClient creates an app client.
func (c *Client) CreateUserPoolClient(ctx context.Context, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	in = orZero(in)
	s := toClientSettings(in.ClientSettings)
	out, err := c.api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId:                               aws.String(in.UserPoolID),
		GenerateSecret:                           in.GenerateSecret,
		ClientName:                               s.ClientName,
		RefreshTokenValidity:                     s.RefreshTokenValidity,
		AccessTokenValidity:                      s.AccessTokenValidity,
		IdTokenValidity:                          s.IdTokenValidity,
		TokenValidityUnits:                       s.TokenValidityUnits,
		ReadAttributes:                           s.ReadAttributes,
		WriteAttributes:                          s.WriteAttributes,
		ExplicitAuthFlows:                        s.ExplicitAuthFlows,
		SupportedIdentityProviders:               s.SupportedIdentityProviders,
		CallbackURLs:                             s.CallbackURLs,
		LogoutURLs:                               s.LogoutURLs,
		DefaultRedirectURI:                       s.DefaultRedirectURI,
		AllowedOAuthFlows:                        s.AllowedOAuthFlows,
		AllowedOAuthScopes:                       s.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          s.AllowedOAuthFlowsUserPoolClient,
		PreventUserExistenceErrors:               s.PreventUserExistenceErrors,
		EnableTokenRevocation:                    s.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: s.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      s.AuthSessionValidity,
		RefreshTokenRotation:                     s.RefreshTokenRotation,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.UserPoolClientOutput{UserPoolClient: fromUserPoolClient(out.UserPoolClient)}, nil
}

// DescribeUserPoolClient describes an app client, its secret included.
func (c *Client) DescribeUserPoolClient(ctx context.Context, in *transport.ClientRef) (*transport.UserPoolClientOutput, error) {
	in = orZero(in)
	out, err := c.api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
		UserPoolId: aws.String(in.UserPoolID),
		ClientId:   aws.String(in.ClientID),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.UserPoolClientOutput{UserPoolClient: fromUserPoolClient(out.UserPoolClient)}, nil
}

// UpdateUserPoolClient replaces an app client's settings; those left out
// return to their defaults, as in Cognito.
func (c *Client) UpdateUserPoolClient(ctx context.Context, in *transport.UpdateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	in = orZero(in)
	s := toClientSettings(in.ClientSettings)
	out, err := c.api.UpdateUserPoolClient(ctx, &cip.UpdateUserPoolClientInput{
		UserPoolId:                               aws.String(in.UserPoolID),
		ClientId:                                 aws.String(in.ClientID),
		ClientName:                               s.ClientName,
		RefreshTokenValidity:                     s.RefreshTokenValidity,
		AccessTokenValidity:                      s.AccessTokenValidity,
		IdTokenValidity:                          s.IdTokenValidity,
		TokenValidityUnits:                       s.TokenValidityUnits,
		ReadAttributes:                           s.ReadAttributes,
		WriteAttributes:                          s.WriteAttributes,
		ExplicitAuthFlows:                        s.ExplicitAuthFlows,
		SupportedIdentityProviders:               s.SupportedIdentityProviders,
		CallbackURLs:                             s.CallbackURLs,
		LogoutURLs:                               s.LogoutURLs,
		DefaultRedirectURI:                       s.DefaultRedirectURI,
		AllowedOAuthFlows:                        s.AllowedOAuthFlows,
		AllowedOAuthScopes:                       s.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          s.AllowedOAuthFlowsUserPoolClient,
		PreventUserExistenceErrors:               s.PreventUserExistenceErrors,
		EnableTokenRevocation:                    s.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: s.EnablePropagateAdditionalUserContextData,
		AuthSessionValidity:                      s.AuthSessionValidity,
		RefreshTokenRotation:                     s.RefreshTokenRotation,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.UserPoolClientOutput{UserPoolClient: fromUserPoolClient(out.UserPoolClient)}, nil
}

// DeleteUserPoolClient deletes an app client.
func (c *Client) DeleteUserPoolClient(ctx context.Context, in *transport.ClientRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{
		UserPoolId: aws.String(in.UserPoolID),
		ClientId:   aws.String(in.ClientID),
	})
	return empty(err)
}

// ListUserPoolClients lists a pool's app clients, one page at a time.
func (c *Client) ListUserPoolClients(ctx context.Context, in *transport.ListUserPoolClientsInput) (*transport.ListUserPoolClientsOutput, error) {
	in = orZero(in)
	out, err := c.api.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{
		UserPoolId: aws.String(in.UserPoolID),
		MaxResults: optInt32(in.MaxResults),
		NextToken:  optStr(in.NextToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	res := &transport.ListUserPoolClientsOutput{NextToken: deref(out.NextToken)}
	if out.UserPoolClients != nil {
		res.UserPoolClients = make([]transport.UserPoolClientDescription, len(out.UserPoolClients))
		for i, d := range out.UserPoolClients {
			res.UserPoolClients[i] = transport.UserPoolClientDescription{
				ClientID:   deref(d.ClientId),
				UserPoolID: deref(d.UserPoolId),
				ClientName: deref(d.ClientName),
			}
		}
	}
	return res, nil
}

// sdkPoolSettings is transport.PoolSettings converted, shared by the SDK's
// CreateUserPoolInput and UpdateUserPoolInput, whose fields have these names.
type sdkPoolSettings struct {
	Policies                    *types.UserPoolPolicyType
	DeletionProtection          types.DeletionProtectionType
	AutoVerifiedAttributes      []types.VerifiedAttributeType
	SmsVerificationMessage      *string
	EmailVerificationMessage    *string
	EmailVerificationSubject    *string
	VerificationMessageTemplate *types.VerificationMessageTemplateType
	SmsAuthenticationMessage    *string
	UserAttributeUpdateSettings *types.UserAttributeUpdateSettingsType
	MfaConfiguration            types.UserPoolMfaType
	DeviceConfiguration         *types.DeviceConfigurationType
	EmailConfiguration          *types.EmailConfigurationType
	SmsConfiguration            *types.SmsConfigurationType
	UserPoolTags                map[string]string
	AdminCreateUserConfig       *types.AdminCreateUserConfigType
	UserPoolAddOns              *types.UserPoolAddOnsType
	AccountRecoverySetting      *types.AccountRecoverySettingType
	UserPoolTier                types.UserPoolTierType
}

func toPoolSettings(s transport.PoolSettings) sdkPoolSettings {
	out := sdkPoolSettings{
		DeletionProtection:       types.DeletionProtectionType(s.DeletionProtection),
		AutoVerifiedAttributes:   toEnums[types.VerifiedAttributeType](s.AutoVerifiedAttributes),
		SmsVerificationMessage:   optStr(s.SmsVerificationMessage),
		EmailVerificationMessage: optStr(s.EmailVerificationMessage),
		EmailVerificationSubject: optStr(s.EmailVerificationSubject),
		SmsAuthenticationMessage: optStr(s.SmsAuthenticationMessage),
		MfaConfiguration:         types.UserPoolMfaType(s.MfaConfiguration),
		SmsConfiguration:         toSmsConfig(s.SmsConfiguration),
		UserPoolTags:             s.UserPoolTags,
		UserPoolTier:             types.UserPoolTierType(s.UserPoolTier),
	}
	if p := s.Policies; p != nil {
		out.Policies = &types.UserPoolPolicyType{}
		if pp := p.PasswordPolicy; pp != nil {
			out.Policies.PasswordPolicy = &types.PasswordPolicyType{
				MinimumLength:                 optInt32(pp.MinimumLength),
				RequireUppercase:              pp.RequireUppercase,
				RequireLowercase:              pp.RequireLowercase,
				RequireNumbers:                pp.RequireNumbers,
				RequireSymbols:                pp.RequireSymbols,
				PasswordHistorySize:           optInt32(pp.PasswordHistorySize),
				TemporaryPasswordValidityDays: pp.TemporaryPasswordValidityDays,
			}
		}
		if sp := p.SignInPolicy; sp != nil {
			out.Policies.SignInPolicy = &types.SignInPolicyType{
				AllowedFirstAuthFactors: toEnums[types.AuthFactorType](sp.AllowedFirstAuthFactors),
			}
		}
	}
	if t := s.VerificationMessageTemplate; t != nil {
		out.VerificationMessageTemplate = &types.VerificationMessageTemplateType{
			SmsMessage:         optStr(t.SmsMessage),
			EmailMessage:       optStr(t.EmailMessage),
			EmailSubject:       optStr(t.EmailSubject),
			EmailMessageByLink: optStr(t.EmailMessageByLink),
			EmailSubjectByLink: optStr(t.EmailSubjectByLink),
			DefaultEmailOption: types.DefaultEmailOptionType(t.DefaultEmailOption),
		}
	}
	if u := s.UserAttributeUpdateSettings; u != nil {
		out.UserAttributeUpdateSettings = &types.UserAttributeUpdateSettingsType{
			AttributesRequireVerificationBeforeUpdate: toEnums[types.VerifiedAttributeType](u.AttributesRequireVerificationBeforeUpdate),
		}
	}
	if d := s.DeviceConfiguration; d != nil {
		out.DeviceConfiguration = &types.DeviceConfigurationType{
			ChallengeRequiredOnNewDevice:     d.ChallengeRequiredOnNewDevice,
			DeviceOnlyRememberedOnUserPrompt: d.DeviceOnlyRememberedOnUserPrompt,
		}
	}
	if e := s.EmailConfiguration; e != nil {
		out.EmailConfiguration = &types.EmailConfigurationType{
			SourceArn:           optStr(e.SourceArn),
			ReplyToEmailAddress: optStr(e.ReplyToEmailAddress),
			EmailSendingAccount: types.EmailSendingAccountType(e.EmailSendingAccount),
			From:                optStr(e.From),
			ConfigurationSet:    optStr(e.ConfigurationSet),
		}
	}
	if a := s.AdminCreateUserConfig; a != nil {
		out.AdminCreateUserConfig = &types.AdminCreateUserConfigType{
			AllowAdminCreateUserOnly:  a.AllowAdminCreateUserOnly,
			UnusedAccountValidityDays: a.UnusedAccountValidityDays,
		}
		if m := a.InviteMessageTemplate; m != nil {
			out.AdminCreateUserConfig.InviteMessageTemplate = &types.MessageTemplateType{
				SMSMessage:   optStr(m.SMSMessage),
				EmailMessage: optStr(m.EmailMessage),
				EmailSubject: optStr(m.EmailSubject),
			}
		}
	}
	if a := s.UserPoolAddOns; a != nil {
		out.UserPoolAddOns = &types.UserPoolAddOnsType{AdvancedSecurityMode: types.AdvancedSecurityModeType(a.AdvancedSecurityMode)}
	}
	if r := s.AccountRecoverySetting; r != nil {
		out.AccountRecoverySetting = &types.AccountRecoverySettingType{}
		if r.RecoveryMechanisms != nil {
			out.AccountRecoverySetting.RecoveryMechanisms = make([]types.RecoveryOptionType, len(r.RecoveryMechanisms))
			for i, o := range r.RecoveryMechanisms {
				out.AccountRecoverySetting.RecoveryMechanisms[i] = types.RecoveryOptionType{
					Priority: aws.Int32(o.Priority),
					Name:     types.RecoveryOptionNameType(o.Name),
				}
			}
		}
	}
	return out
}

func fromPoolSettings(p *types.UserPoolType) transport.PoolSettings {
	out := transport.PoolSettings{
		DeletionProtection:       string(p.DeletionProtection),
		AutoVerifiedAttributes:   fromEnums(p.AutoVerifiedAttributes),
		SmsVerificationMessage:   deref(p.SmsVerificationMessage),
		EmailVerificationMessage: deref(p.EmailVerificationMessage),
		EmailVerificationSubject: deref(p.EmailVerificationSubject),
		SmsAuthenticationMessage: deref(p.SmsAuthenticationMessage),
		MfaConfiguration:         string(p.MfaConfiguration),
		SmsConfiguration:         fromSmsConfig(p.SmsConfiguration),
		UserPoolTags:             p.UserPoolTags,
		UserPoolTier:             string(p.UserPoolTier),
	}
	if pol := p.Policies; pol != nil {
		out.Policies = &transport.PoolPolicies{}
		if pp := pol.PasswordPolicy; pp != nil {
			out.Policies.PasswordPolicy = &transport.PasswordPolicy{
				MinimumLength:                 deref(pp.MinimumLength),
				RequireUppercase:              pp.RequireUppercase,
				RequireLowercase:              pp.RequireLowercase,
				RequireNumbers:                pp.RequireNumbers,
				RequireSymbols:                pp.RequireSymbols,
				PasswordHistorySize:           deref(pp.PasswordHistorySize),
				TemporaryPasswordValidityDays: pp.TemporaryPasswordValidityDays,
			}
		}
		if sp := pol.SignInPolicy; sp != nil {
			out.Policies.SignInPolicy = &transport.SignInPolicy{AllowedFirstAuthFactors: fromEnums(sp.AllowedFirstAuthFactors)}
		}
	}
	if t := p.VerificationMessageTemplate; t != nil {
		out.VerificationMessageTemplate = &transport.VerificationMessageTemplate{
			SmsMessage:         deref(t.SmsMessage),
			EmailMessage:       deref(t.EmailMessage),
			EmailSubject:       deref(t.EmailSubject),
			EmailMessageByLink: deref(t.EmailMessageByLink),
			EmailSubjectByLink: deref(t.EmailSubjectByLink),
			DefaultEmailOption: string(t.DefaultEmailOption),
		}
	}
	if u := p.UserAttributeUpdateSettings; u != nil {
		out.UserAttributeUpdateSettings = &transport.UserAttributeUpdateSettings{
			AttributesRequireVerificationBeforeUpdate: fromEnums(u.AttributesRequireVerificationBeforeUpdate),
		}
	}
	if d := p.DeviceConfiguration; d != nil {
		out.DeviceConfiguration = &transport.DeviceConfiguration{
			ChallengeRequiredOnNewDevice:     d.ChallengeRequiredOnNewDevice,
			DeviceOnlyRememberedOnUserPrompt: d.DeviceOnlyRememberedOnUserPrompt,
		}
	}
	if e := p.EmailConfiguration; e != nil {
		out.EmailConfiguration = &transport.EmailConfiguration{
			SourceArn:           deref(e.SourceArn),
			ReplyToEmailAddress: deref(e.ReplyToEmailAddress),
			EmailSendingAccount: string(e.EmailSendingAccount),
			From:                deref(e.From),
			ConfigurationSet:    deref(e.ConfigurationSet),
		}
	}
	if a := p.AdminCreateUserConfig; a != nil {
		out.AdminCreateUserConfig = &transport.AdminCreateUserConfig{
			AllowAdminCreateUserOnly:  a.AllowAdminCreateUserOnly,
			UnusedAccountValidityDays: a.UnusedAccountValidityDays,
		}
		if m := a.InviteMessageTemplate; m != nil {
			out.AdminCreateUserConfig.InviteMessageTemplate = &transport.MessageTemplate{
				SMSMessage:   deref(m.SMSMessage),
				EmailMessage: deref(m.EmailMessage),
				EmailSubject: deref(m.EmailSubject),
			}
		}
	}
	if a := p.UserPoolAddOns; a != nil {
		out.UserPoolAddOns = &transport.UserPoolAddOns{AdvancedSecurityMode: string(a.AdvancedSecurityMode)}
	}
	if r := p.AccountRecoverySetting; r != nil {
		out.AccountRecoverySetting = &transport.AccountRecoverySetting{}
		if r.RecoveryMechanisms != nil {
			out.AccountRecoverySetting.RecoveryMechanisms = make([]transport.RecoveryOption, len(r.RecoveryMechanisms))
			for i, o := range r.RecoveryMechanisms {
				out.AccountRecoverySetting.RecoveryMechanisms[i] = transport.RecoveryOption{
					Priority: deref(o.Priority),
					Name:     string(o.Name),
				}
			}
		}
	}
	return out
}

func fromUserPool(p *types.UserPoolType) *transport.UserPool {
	if p == nil {
		return nil
	}
	return &transport.UserPool{
		ID:   deref(p.Id),
		Name: deref(p.Name),
		Arn:  deref(p.Arn),
		//lint:ignore SA1019 Cognito no longer fills Status, but transport and servers that speak its protocol still may.
		Status:                 string(p.Status),
		CreationDate:           fromTime(p.CreationDate),
		LastModifiedDate:       fromTime(p.LastModifiedDate),
		EstimatedNumberOfUsers: p.EstimatedNumberOfUsers,
		Domain:                 deref(p.Domain),
		AliasAttributes:        fromEnums(p.AliasAttributes),
		UsernameAttributes:     fromEnums(p.UsernameAttributes),
		SchemaAttributes:       fromSchema(p.SchemaAttributes),
		UsernameConfiguration:  fromUsernameConfig(p.UsernameConfiguration),
		PoolSettings:           fromPoolSettings(p),
	}
}

func toSmsConfig(s *transport.SmsConfiguration) *types.SmsConfigurationType {
	if s == nil {
		return nil
	}
	return &types.SmsConfigurationType{
		SnsCallerArn: optStr(s.SnsCallerArn),
		ExternalId:   optStr(s.ExternalID),
		SnsRegion:    optStr(s.SnsRegion),
	}
}

func fromSmsConfig(s *types.SmsConfigurationType) *transport.SmsConfiguration {
	if s == nil {
		return nil
	}
	return &transport.SmsConfiguration{
		SnsCallerArn: deref(s.SnsCallerArn),
		ExternalID:   deref(s.ExternalId),
		SnsRegion:    deref(s.SnsRegion),
	}
}

func toUsernameConfig(u *transport.UsernameConfiguration) *types.UsernameConfigurationType {
	if u == nil {
		return nil
	}
	return &types.UsernameConfigurationType{CaseSensitive: aws.Bool(u.CaseSensitive)}
}

func fromUsernameConfig(u *types.UsernameConfigurationType) *transport.UsernameConfiguration {
	if u == nil {
		return nil
	}
	return &transport.UsernameConfiguration{CaseSensitive: deref(u.CaseSensitive)}
}

func toSchema(as []transport.SchemaAttribute) []types.SchemaAttributeType {
	if as == nil {
		return nil
	}
	out := make([]types.SchemaAttributeType, len(as))
	for i, a := range as {
		out[i] = types.SchemaAttributeType{
			Name:                   optStr(a.Name),
			AttributeDataType:      types.AttributeDataType(a.AttributeDataType),
			DeveloperOnlyAttribute: optBool(a.DeveloperOnlyAttribute),
			Mutable:                a.Mutable,
			Required:               optBool(a.Required),
		}
		if n := a.NumberAttributeConstraints; n != nil {
			out[i].NumberAttributeConstraints = &types.NumberAttributeConstraintsType{MinValue: optStr(n.MinValue), MaxValue: optStr(n.MaxValue)}
		}
		if s := a.StringAttributeConstraints; s != nil {
			out[i].StringAttributeConstraints = &types.StringAttributeConstraintsType{MinLength: optStr(s.MinLength), MaxLength: optStr(s.MaxLength)}
		}
	}
	return out
}

func fromSchema(as []types.SchemaAttributeType) []transport.SchemaAttribute {
	if as == nil {
		return nil
	}
	out := make([]transport.SchemaAttribute, len(as))
	for i, a := range as {
		out[i] = transport.SchemaAttribute{
			Name:                   deref(a.Name),
			AttributeDataType:      string(a.AttributeDataType),
			DeveloperOnlyAttribute: deref(a.DeveloperOnlyAttribute),
			Mutable:                a.Mutable,
			Required:               deref(a.Required),
		}
		if n := a.NumberAttributeConstraints; n != nil {
			out[i].NumberAttributeConstraints = &transport.NumberAttributeConstraints{MinValue: deref(n.MinValue), MaxValue: deref(n.MaxValue)}
		}
		if s := a.StringAttributeConstraints; s != nil {
			out[i].StringAttributeConstraints = &transport.StringAttributeConstraints{MinLength: deref(s.MinLength), MaxLength: deref(s.MaxLength)}
		}
	}
	return out
}

func fromMfaConfig(mode types.UserPoolMfaType, sms *types.SmsMfaConfigType, totp *types.SoftwareTokenMfaConfigType, email *types.EmailMfaConfigType) *transport.UserPoolMfaConfig {
	out := &transport.UserPoolMfaConfig{MfaConfiguration: string(mode)}
	if sms != nil {
		out.SmsMfaConfiguration = &transport.SmsMfaConfig{
			SmsAuthenticationMessage: deref(sms.SmsAuthenticationMessage),
			SmsConfiguration:         fromSmsConfig(sms.SmsConfiguration),
		}
	}
	if totp != nil {
		out.SoftwareTokenMfaConfiguration = &transport.SoftwareTokenMfaConfig{Enabled: totp.Enabled}
	}
	if email != nil {
		out.EmailMfaConfiguration = &transport.EmailMfaConfig{Message: deref(email.Message), Subject: deref(email.Subject)}
	}
	return out
}

// sdkClientSettings is transport.ClientSettings converted, shared by the
// SDK's CreateUserPoolClientInput and UpdateUserPoolClientInput.
type sdkClientSettings struct {
	ClientName                               *string
	RefreshTokenValidity                     int32
	AccessTokenValidity                      *int32
	IdTokenValidity                          *int32
	TokenValidityUnits                       *types.TokenValidityUnitsType
	ReadAttributes                           []string
	WriteAttributes                          []string
	ExplicitAuthFlows                        []types.ExplicitAuthFlowsType
	SupportedIdentityProviders               []string
	CallbackURLs                             []string
	LogoutURLs                               []string
	DefaultRedirectURI                       *string
	AllowedOAuthFlows                        []types.OAuthFlowType
	AllowedOAuthScopes                       []string
	AllowedOAuthFlowsUserPoolClient          bool
	PreventUserExistenceErrors               types.PreventUserExistenceErrorTypes
	EnableTokenRevocation                    *bool
	EnablePropagateAdditionalUserContextData *bool
	AuthSessionValidity                      *int32
	RefreshTokenRotation                     *types.RefreshTokenRotationType
}

func toClientSettings(s transport.ClientSettings) sdkClientSettings {
	out := sdkClientSettings{
		ClientName:                               optStr(s.ClientName),
		RefreshTokenValidity:                     s.RefreshTokenValidity,
		AccessTokenValidity:                      optInt32(s.AccessTokenValidity),
		IdTokenValidity:                          optInt32(s.IDTokenValidity),
		ReadAttributes:                           s.ReadAttributes,
		WriteAttributes:                          s.WriteAttributes,
		ExplicitAuthFlows:                        toEnums[types.ExplicitAuthFlowsType](s.ExplicitAuthFlows),
		SupportedIdentityProviders:               s.SupportedIdentityProviders,
		CallbackURLs:                             s.CallbackURLs,
		LogoutURLs:                               s.LogoutURLs,
		DefaultRedirectURI:                       optStr(s.DefaultRedirectURI),
		AllowedOAuthFlows:                        toEnums[types.OAuthFlowType](s.AllowedOAuthFlows),
		AllowedOAuthScopes:                       s.AllowedOAuthScopes,
		AllowedOAuthFlowsUserPoolClient:          s.AllowedOAuthFlowsUserPoolClient,
		PreventUserExistenceErrors:               types.PreventUserExistenceErrorTypes(s.PreventUserExistenceErrors),
		EnableTokenRevocation:                    s.EnableTokenRevocation,
		EnablePropagateAdditionalUserContextData: optBool(s.EnablePropagateAdditionalUserContextData),
		AuthSessionValidity:                      optInt32(s.AuthSessionValidity),
	}
	if r := s.RefreshTokenRotation; r != nil {
		out.RefreshTokenRotation = &types.RefreshTokenRotationType{
			Feature: types.FeatureType(r.Feature), RetryGracePeriodSeconds: aws.Int32(r.RetryGracePeriodSeconds),
		}
	}
	if u := s.TokenValidityUnits; u != nil {
		out.TokenValidityUnits = &types.TokenValidityUnitsType{
			AccessToken:  types.TimeUnitsType(u.AccessToken),
			IdToken:      types.TimeUnitsType(u.IDToken),
			RefreshToken: types.TimeUnitsType(u.RefreshToken),
		}
	}
	return out
}

func fromUserPoolClient(c *types.UserPoolClientType) *transport.UserPoolClient {
	if c == nil {
		return nil
	}
	out := &transport.UserPoolClient{
		UserPoolID:       deref(c.UserPoolId),
		ClientID:         deref(c.ClientId),
		ClientSecret:     deref(c.ClientSecret),
		LastModifiedDate: fromTime(c.LastModifiedDate),
		CreationDate:     fromTime(c.CreationDate),
		ClientSettings: transport.ClientSettings{
			ClientName:                               deref(c.ClientName),
			RefreshTokenValidity:                     c.RefreshTokenValidity,
			AccessTokenValidity:                      deref(c.AccessTokenValidity),
			IDTokenValidity:                          deref(c.IdTokenValidity),
			ReadAttributes:                           c.ReadAttributes,
			WriteAttributes:                          c.WriteAttributes,
			ExplicitAuthFlows:                        fromEnums(c.ExplicitAuthFlows),
			SupportedIdentityProviders:               c.SupportedIdentityProviders,
			CallbackURLs:                             c.CallbackURLs,
			LogoutURLs:                               c.LogoutURLs,
			DefaultRedirectURI:                       deref(c.DefaultRedirectURI),
			AllowedOAuthFlows:                        fromEnums(c.AllowedOAuthFlows),
			AllowedOAuthScopes:                       c.AllowedOAuthScopes,
			AllowedOAuthFlowsUserPoolClient:          deref(c.AllowedOAuthFlowsUserPoolClient),
			PreventUserExistenceErrors:               string(c.PreventUserExistenceErrors),
			EnableTokenRevocation:                    c.EnableTokenRevocation,
			EnablePropagateAdditionalUserContextData: deref(c.EnablePropagateAdditionalUserContextData),
			AuthSessionValidity:                      deref(c.AuthSessionValidity),
		},
	}
	if r := c.RefreshTokenRotation; r != nil {
		out.RefreshTokenRotation = &transport.RefreshTokenRotation{
			Feature: string(r.Feature), RetryGracePeriodSeconds: deref(r.RetryGracePeriodSeconds),
		}
	}
	if u := c.TokenValidityUnits; u != nil {
		out.TokenValidityUnits = &transport.TokenValidityUnits{
			AccessToken:  string(u.AccessToken),
			IDToken:      string(u.IdToken),
			RefreshToken: string(u.RefreshToken),
		}
	}
	return out
}
