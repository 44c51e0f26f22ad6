package fakecognito

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// accountID is the AWS account the fake's ARNs name.
const accountID = "123456789012"

// CreateUserPool creates a pool with a fresh id like "us-east-1_AbC123xyZ".
func (f *Fake) CreateUserPool(ctx context.Context, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
	return f.createUserPool(ctx, "", in)
}

// CreateUserPoolWithID is CreateUserPool with a pool id chosen by the
// caller instead of drawn at random, for test suites and seed files that
// must know their ids before the fake starts. The id must have Cognito's
// shape, start with the fake's region and an underscore
// ("us-east-1_Example1"), and not be in use (ResourceExistsException
// otherwise). Real Cognito has no such operation; it is a test control.
func (f *Fake) CreateUserPoolWithID(ctx context.Context, id string, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
	if err := f.checkChosenPoolID(id); err != nil {
		return nil, err
	}
	return f.createUserPool(ctx, id, in)
}

func (f *Fake) createUserPool(ctx context.Context, chosenID string, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
	return run(ctx, f, "CreateUserPool", in, func(in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
		if in.PoolName == "" || len(in.PoolName) > 128 {
			return nil, invalidParam("PoolName must be 1 to 128 characters long.")
		}
		if len(in.UsernameAttributes) > 0 && len(in.AliasAttributes) > 0 {
			return nil, invalidParam("Only one of the parameters AliasAttributes and UsernameAttributes can be set.")
		}
		for _, a := range in.UsernameAttributes {
			if a != "email" && a != "phone_number" {
				return nil, invalidParam("Invalid UsernameAttributes value: %s", a)
			}
		}
		for _, a := range in.AliasAttributes {
			if a != "email" && a != "phone_number" && a != "preferred_username" {
				return nil, invalidParam("Invalid AliasAttributes value: %s", a)
			}
		}
		if err := checkPoolSettings(&in.PoolSettings); err != nil {
			return nil, err
		}
		settings := deepCopy(in.PoolSettings)
		normalizeLambdaConfig(settings.LambdaConfig)
		settings.UserPoolTier = tierOrDefault(settings.UserPoolTier)
		schema, err := normalizeSchema(in.Schema)
		if err != nil {
			return nil, err
		}
		id := chosenID
		if id == "" {
			if id, err = f.newPoolID(); err != nil {
				return nil, err
			}
		}
		now := f.clock()
		p := &pool{
			ID: id, Name: in.PoolName, Created: now, Modified: now,
			AliasAttributes:       slices.Clone(in.AliasAttributes),
			UsernameAttributes:    slices.Clone(in.UsernameAttributes),
			Schema:                schema,
			UsernameConfiguration: deepCopy(in.UsernameConfiguration),
			Settings:              settings,
			Users:                 make(map[string]*user),
			Groups:                make(map[string]*group),
			bySub:                 make(map[string]*user),
		}
		f.lockW()
		defer f.unlockW()
		if _, taken := f.st.Pools[id]; taken {
			return nil, invalidParam("User pool %s already exists.", id)
		}
		p.trk = &f.trk
		f.st.Pools[id] = p
		f.trk.mark(recPool, "", id)
		return &transport.UserPoolOutput{UserPool: f.describePool(p)}, nil
	})
}

// checkPoolSettings validates what CreateUserPool and UpdateUserPool share.
func checkPoolSettings(s *transport.PoolSettings) error {
	switch s.MfaConfiguration {
	case "", transport.MFAOff, transport.MFAOn, transport.MFAOptional:
	default:
		return invalidParam("Invalid MfaConfiguration: %s", s.MfaConfiguration)
	}
	if s.Policies != nil && s.Policies.PasswordPolicy != nil {
		pp := s.Policies.PasswordPolicy
		if pp.MinimumLength != 0 && (pp.MinimumLength < 6 || pp.MinimumLength > 99) {
			return invalidParam("Password policy MinimumLength must be between 6 and 99.")
		}
		if pp.PasswordHistorySize < 0 || pp.PasswordHistorySize > 24 {
			return invalidParam("Password policy PasswordHistorySize must be between 0 and 24.")
		}
		if pp.TemporaryPasswordValidityDays < 0 || pp.TemporaryPasswordValidityDays > 365 {
			return invalidParam("Password policy TemporaryPasswordValidityDays must be between 0 and 365.")
		}
	}
	for _, a := range s.AutoVerifiedAttributes {
		if a != "email" && a != "phone_number" {
			return invalidParam("Invalid AutoVerifiedAttributes value: %s", a)
		}
	}
	switch s.DeletionProtection {
	case "", "ACTIVE", "INACTIVE":
	default:
		return invalidParam("Invalid DeletionProtection: %s", s.DeletionProtection)
	}
	switch s.UserPoolTier {
	case "", transport.TierLite, transport.TierEssentials, transport.TierPlus:
	default:
		return invalidParam("1 validation error detected: Value '%s' at 'userPoolTier' failed to satisfy constraint: Member must satisfy enum value set: [LITE, ESSENTIALS, PLUS]", s.UserPoolTier)
	}
	if err := checkSignInPolicy(s); err != nil {
		return err
	}
	if err := checkLambdaConfig(s.LambdaConfig, tierOrDefault(s.UserPoolTier)); err != nil {
		return err
	}
	if e := s.EmailConfiguration; e != nil {
		switch e.EmailSendingAccount {
		case "", transport.EmailSendingCognito, transport.EmailSendingDeveloper:
		default:
			return invalidParam("1 validation error detected: Value '%s' at 'emailConfiguration.emailSendingAccount' failed to satisfy constraint: Member must satisfy enum value set: [COGNITO_DEFAULT, DEVELOPER]", e.EmailSendingAccount)
		}
	}
	return nil
}

// tierOrDefault is the pool's feature plan: ESSENTIALS when a request leaves
// it out, as the API reference of CreateUserPool and UpdateUserPool says.
func tierOrDefault(t string) string {
	if t == "" {
		return transport.TierEssentials
	}
	return t
}

// tier is the pool's feature plan; states saved before tiers existed have
// none and read as ESSENTIALS.
func (p *pool) tier() string { return tierOrDefault(p.Settings.UserPoolTier) }

// tierAtLeastEssentials reports whether a feature plan has what ESSENTIALS
// brings: e-mail MFA and e-mail OTP, choice-based sign-in, passkeys.
func tierAtLeastEssentials(t string) bool {
	return t == transport.TierEssentials || t == transport.TierPlus
}

// sendsEmailWithSES reports whether settings send e-mail through the
// developer's Amazon SES identity, which e-mail MFA needs.
func sendsEmailWithSES(s *transport.PoolSettings) bool {
	return s.EmailConfiguration != nil && s.EmailConfiguration.EmailSendingAccount == transport.EmailSendingDeveloper
}

// errTierEmailMFA is Cognito's refusal of e-mail MFA in the LITE plan.
func errTierEmailMFA() error {
	return cognitoErr("FeatureUnavailableInTierException", "Email MFA is not available in the LITE feature plan; it needs ESSENTIALS or PLUS.")
}

// errEmailMFANeedsSES is the fake's refusal of e-mail MFA without Amazon SES.
// Cognito's exact message is not published; the code is the one
// SetUserPoolMfaConfig models for a configuration it refuses.
func errEmailMFANeedsSES() error {
	return invalidParam("Email MFA requires an EmailConfiguration with EmailSendingAccount DEVELOPER (Amazon SES).")
}

// standardAttributes are the attributes every pool has.
var standardAttributes = map[string]bool{
	"sub": true, "name": true, "given_name": true, "family_name": true, "middle_name": true,
	"nickname": true, "preferred_username": true, "profile": true, "picture": true, "website": true,
	"email": true, "email_verified": true, "gender": true, "birthdate": true, "zoneinfo": true,
	"locale": true, "phone_number": true, "phone_number_verified": true, "address": true,
	"updated_at": true,
}

// normalizeSchema returns the pool's declared attributes, custom ones
// renamed "custom:NAME" as Cognito stores them.
func normalizeSchema(in []transport.SchemaAttribute) ([]transport.SchemaAttribute, error) {
	out := make([]transport.SchemaAttribute, 0, len(in))
	seen := make(map[string]bool)
	for _, a := range deepCopy(in) {
		if a.Name == "" || len(a.Name) > 20 && !standardAttributes[a.Name] {
			return nil, invalidParam("Invalid schema attribute name: %q", a.Name)
		}
		switch a.AttributeDataType {
		case "", "String", "Number", "DateTime", "Boolean":
		default:
			return nil, invalidParam("Invalid AttributeDataType for %s", a.Name)
		}
		if !standardAttributes[a.Name] && !strings.HasPrefix(a.Name, "custom:") {
			a.Name = "custom:" + a.Name
		}
		if seen[a.Name] {
			return nil, invalidParam("Duplicate schema attribute: %s", a.Name)
		}
		seen[a.Name] = true
		out = append(out, a)
	}
	return out, nil
}

// schemaAttr returns the declaration of a attribute, if any.
func (p *pool) schemaAttr(name string) (transport.SchemaAttribute, bool) {
	for _, a := range p.Schema {
		if a.Name == name {
			return a, true
		}
	}
	return transport.SchemaAttribute{}, false
}

// describePool returns a pool as DescribeUserPool shows it.
func (f *Fake) describePool(p *pool) *transport.UserPool {
	up := &transport.UserPool{
		ID: p.ID, Name: p.Name,
		Arn:                    "arn:aws:cognito-idp:" + f.Region() + ":" + accountID + ":userpool/" + p.ID,
		Status:                 "Enabled",
		CreationDate:           transport.NewTime(p.Created),
		LastModifiedDate:       transport.NewTime(p.Modified),
		EstimatedNumberOfUsers: int32(len(p.Users)),
		AliasAttributes:        slices.Clone(p.AliasAttributes),
		UsernameAttributes:     slices.Clone(p.UsernameAttributes),
		SchemaAttributes:       deepCopy(p.Schema),
		UsernameConfiguration:  deepCopy(p.UsernameConfiguration),
		PoolSettings:           deepCopy(p.Settings),
	}
	if p.Domain != nil {
		up.Domain = p.Domain.Name
	}
	up.UserPoolTier = p.tier()
	pp := p.passwordPolicy()
	if up.Policies == nil {
		up.Policies = &transport.PoolPolicies{}
	}
	up.Policies.PasswordPolicy = &pp
	up.MfaConfiguration = p.mfaMode()
	return up
}

// DescribeUserPool describes a pool.
func (f *Fake) DescribeUserPool(ctx context.Context, in *transport.PoolRef) (*transport.UserPoolOutput, error) {
	return run(ctx, f, "DescribeUserPool", in, func(in *transport.PoolRef) (*transport.UserPoolOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		return &transport.UserPoolOutput{UserPool: f.describePool(p)}, nil
	})
}

// poolLocked finds a pool; the caller holds f.mu.
func (f *Fake) poolLocked(id string) (*pool, error) {
	if id == "" {
		return nil, missingParam("UserPoolId")
	}
	p := f.st.Pools[id]
	if p == nil {
		return nil, poolNotFound(id)
	}
	return p, nil
}

// UpdateUserPool replaces a pool's settings; as in Cognito, settings left
// out return to their defaults.
func (f *Fake) UpdateUserPool(ctx context.Context, in *transport.UpdateUserPoolInput) (*transport.Empty, error) {
	return run(ctx, f, "UpdateUserPool", in, func(in *transport.UpdateUserPoolInput) (*transport.Empty, error) {
		if err := checkPoolSettings(&in.PoolSettings); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		settings := deepCopy(in.PoolSettings)
		normalizeLambdaConfig(settings.LambdaConfig)
		settings.UserPoolTier = tierOrDefault(settings.UserPoolTier)
		if p.emailMFA() {
			// E-mail MFA stays configured: the plan and the mailer it
			// needs cannot be taken away from under it.
			if !tierAtLeastEssentials(settings.UserPoolTier) {
				return nil, errTierEmailMFA()
			}
			if !sendsEmailWithSES(&settings) {
				return nil, errEmailMFANeedsSES()
			}
		}
		if p.MFA.WebAuthn != nil && !tierAtLeastEssentials(settings.UserPoolTier) {
			return nil, errTierFeature("Passkeys")
		}
		p.Settings = settings
		p.Modified = f.clock()
		return &transport.Empty{}, nil
	})
}

// DeleteUserPool deletes a pool with its clients, users and tokens, unless
// its deletion protection is active.
func (f *Fake) DeleteUserPool(ctx context.Context, in *transport.PoolRef) (*transport.Empty, error) {
	return run(ctx, f, "DeleteUserPool", in, func(in *transport.PoolRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		if p.Settings.DeletionProtection == "ACTIVE" {
			return nil, invalidParam("The user pool cannot be deleted because deletion protection is activated.")
		}
		if p.Domain != nil {
			return nil, invalidParam("User pool cannot be deleted. It has a domain configured that should be deleted first.")
		}
		delete(f.st.Pools, p.ID)
		f.trk.mark(recPool, "", p.ID)
		for id, c := range f.st.Clients {
			if c.PoolID == p.ID {
				delete(f.st.Clients, id)
				f.trk.mark(recClient, "", id)
				f.dropClientFamiliesLocked(id)
			}
		}
		return &transport.Empty{}, nil
	})
}

// ListUserPools lists pools by id, MaxResults (1 to 60) at a time.
func (f *Fake) ListUserPools(ctx context.Context, in *transport.ListUserPoolsInput) (*transport.ListUserPoolsOutput, error) {
	return run(ctx, f, "ListUserPools", in, func(in *transport.ListUserPoolsInput) (*transport.ListUserPoolsOutput, error) {
		if in.MaxResults < 1 || in.MaxResults > 60 {
			return nil, invalidParam("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60", in.MaxResults)
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		ids, next, err := page("pools", slices.Collect(maps.Keys(f.st.Pools)), in.NextToken, int(in.MaxResults))
		if err != nil {
			return nil, err
		}
		out := &transport.ListUserPoolsOutput{UserPools: []transport.UserPoolDescription{}, NextToken: next}
		for _, id := range ids {
			p := f.st.Pools[id]
			out.UserPools = append(out.UserPools, transport.UserPoolDescription{
				ID: p.ID, Name: p.Name, Status: "Enabled",
				CreationDate: transport.NewTime(p.Created), LastModifiedDate: transport.NewTime(p.Modified),
			})
		}
		return out, nil
	})
}

// SetUserPoolMfaConfig sets which MFA kinds a pool offers and whether MFA
// is off, optional or required. E-mail MFA (EmailMfaConfiguration) needs the
// ESSENTIALS or PLUS plan (FeatureUnavailableInTierException otherwise) and
// a pool that sends e-mail with Amazon SES, EmailSendingAccount DEVELOPER
// (InvalidParameterException otherwise).
func (f *Fake) SetUserPoolMfaConfig(ctx context.Context, in *transport.UserPoolMfaConfig) (*transport.UserPoolMfaConfig, error) {
	return run(ctx, f, "SetUserPoolMfaConfig", in, func(in *transport.UserPoolMfaConfig) (*transport.UserPoolMfaConfig, error) {
		switch in.MfaConfiguration {
		case "", transport.MFAOff, transport.MFAOn, transport.MFAOptional:
		default:
			return nil, invalidParam("Invalid MfaConfiguration: %s", in.MfaConfiguration)
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		f.trk.mark(recPool, "", p.ID)
		if in.EmailMfaConfiguration != nil {
			if !tierAtLeastEssentials(p.tier()) {
				return nil, errTierEmailMFA()
			}
			if !sendsEmailWithSES(&p.Settings) {
				return nil, errEmailMFANeedsSES()
			}
		}
		webAuthn, err := checkWebAuthnConfig(p, in.WebAuthnConfiguration)
		if err != nil {
			return nil, err
		}
		next := *p
		next.MFA = deepCopy(poolMFA{SMS: in.SmsMfaConfiguration, TOTP: in.SoftwareTokenMfaConfiguration, Email: in.EmailMfaConfiguration, WebAuthn: webAuthn})
		if in.MfaConfiguration != "" {
			next.Settings.MfaConfiguration = in.MfaConfiguration
		}
		if in.MfaConfiguration == transport.MFAOff && (in.SmsMfaConfiguration != nil || in.EmailMfaConfiguration != nil ||
			in.SoftwareTokenMfaConfiguration != nil && in.SoftwareTokenMfaConfiguration.Enabled) {
			return nil, invalidParam("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")
		}
		if next.mfaMode() != transport.MFAOff && !next.smsMFA() && !next.totpMFA() && !next.emailMFA() {
			return nil, invalidParam("Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.")
		}
		p.MFA, p.Settings.MfaConfiguration = next.MFA, next.Settings.MfaConfiguration
		p.Modified = f.clock()
		return f.mfaConfig(p), nil
	})
}

// GetUserPoolMfaConfig returns a pool's MFA settings.
func (f *Fake) GetUserPoolMfaConfig(ctx context.Context, in *transport.PoolRef) (*transport.UserPoolMfaConfig, error) {
	return run(ctx, f, "GetUserPoolMfaConfig", in, func(in *transport.PoolRef) (*transport.UserPoolMfaConfig, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		return f.mfaConfig(p), nil
	})
}

func (f *Fake) mfaConfig(p *pool) *transport.UserPoolMfaConfig {
	out := &transport.UserPoolMfaConfig{
		SmsMfaConfiguration:           p.MFA.SMS,
		SoftwareTokenMfaConfiguration: p.MFA.TOTP,
		EmailMfaConfiguration:         p.MFA.Email,
		MfaConfiguration:              p.mfaMode(),
		WebAuthnConfiguration:         p.MFA.WebAuthn,
	}
	if out.SmsMfaConfiguration == nil && p.Settings.SmsConfiguration != nil {
		out.SmsMfaConfiguration = &transport.SmsMfaConfig{
			SmsAuthenticationMessage: p.Settings.SmsAuthenticationMessage,
			SmsConfiguration:         p.Settings.SmsConfiguration,
		}
	}
	c := deepCopy(*out)
	return &c
}

// maxCustomAttributes is Cognito's quota of custom attributes a pool.
const maxCustomAttributes = 50

// AddCustomAttributes adds custom attributes to a pool's schema; existing
// attributes cannot be changed or redeclared.
func (f *Fake) AddCustomAttributes(ctx context.Context, in *transport.AddCustomAttributesInput) (*transport.Empty, error) {
	return run(ctx, f, "AddCustomAttributes", in, func(in *transport.AddCustomAttributesInput) (*transport.Empty, error) {
		if len(in.CustomAttributes) == 0 {
			return nil, missingParam("CustomAttributes")
		}
		for _, a := range in.CustomAttributes {
			name := strings.TrimPrefix(a.Name, "custom:")
			if name == "" || len(name) > 20 {
				return nil, invalidParam("1 validation error detected: Value '%s' at 'customAttributes.member.name' failed to satisfy constraint: Member must have length less than or equal to 20", a.Name)
			}
			if a.Required {
				return nil, invalidParam("Required custom attributes are not supported currently.")
			}
		}
		attrs := deepCopy(in.CustomAttributes)
		for i := range attrs {
			attrs[i].Name = "custom:" + strings.TrimPrefix(attrs[i].Name, "custom:")
		}
		added, err := normalizeSchema(attrs)
		if err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		custom := 0
		for _, a := range p.Schema {
			if strings.HasPrefix(a.Name, "custom:") {
				custom++
			}
		}
		for _, a := range added {
			if _, ok := p.schemaAttr(a.Name); ok {
				return nil, invalidParam("Existing attribute already has name %s.", a.Name)
			}
		}
		if custom+len(added) > maxCustomAttributes {
			return nil, cognitoErr("LimitExceededException", "The number of custom attributes in the user pool has reached the limit.")
		}
		f.trk.mark(recPool, "", p.ID)
		p.Schema = append(p.Schema, added...)
		p.Modified = f.clock()
		return &transport.Empty{}, nil
	})
}
