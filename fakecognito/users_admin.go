package fakecognito

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// AdminCreateUser creates a user with a temporary password (the one given,
// or a generated one) in status FORCE_CHANGE_PASSWORD and sends the
// invitation, unless MessageAction is "SUPPRESS". With MessageAction
// "RESEND" it sends the invitation of an existing user again.
func (f *Fake) AdminCreateUser(ctx context.Context, in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
	return run(ctx, f, "AdminCreateUser", in, func(in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
		switch in.MessageAction {
		case "", "SUPPRESS", "RESEND":
		default:
			return nil, invalidParam("Invalid MessageAction: %s", in.MessageAction)
		}
		for _, m := range in.DesiredDeliveryMediums {
			if m != mediumSMS && m != mediumEmail {
				return nil, invalidParam("Invalid DesiredDeliveryMediums value: %s", m)
			}
		}
		if in.TemporaryPassword != "" {
			if err := checkPasswordPattern("temporaryPassword", in.TemporaryPassword); err != nil {
				return nil, err
			}
		}
		if in.MessageAction == "RESEND" {
			return f.resendInvitation(ctx, in)
		}
		f.mu.RLock()
		p, err := f.poolLocked(in.UserPoolID)
		var draft *user
		if err == nil {
			draft, err = f.draftUserLocked(p, in.Username, in.UserAttributes, true)
		}
		var policy transport.PasswordPolicy
		if err == nil {
			policy = p.passwordPolicy()
		}
		f.mu.RUnlock()
		if err != nil {
			return nil, err
		}
		temp := in.TemporaryPassword
		if temp == "" {
			if temp, err = f.tempPassword(policy); err != nil {
				return nil, err
			}
		}
		plan, err := f.planPassword(userSnapshot{poolID: in.UserPoolID, username: draft.Username, sub: draft.Sub, policy: policy}, temp)
		if err != nil {
			return nil, err
		}
		// PreSignUp may refuse the user; Cognito ignores its response here.
		call := flowCall{poolID: in.UserPoolID, clientID: adminClientID, userName: draft.Username}
		if _, err := f.preSignUp(ctx, call, srcPreSignUpAdminCreateUser, draft, in.ValidationData, in.ClientMetadata); err != nil {
			return nil, err
		}

		f.lockW()
		err = func() error {
			p, err := f.poolLocked(in.UserPoolID)
			if err != nil {
				return err
			}
			draft.Status = transport.StatusForceChangePassword
			if err := f.insertUserLocked(p, draft, in.ForceAliasCreation, "User account already exists"); err != nil {
				return err
			}
			if err := f.applyPassword(p, draft, plan, true); err != nil {
				return err
			}
			if in.MessageAction != "SUPPRESS" {
				f.invite(p, draft, in.DesiredDeliveryMediums, temp)
			}
			return nil
		}()
		u := describeUser(draft, nil)
		letters := f.takeLettersLocked()
		f.unlockW()
		if err != nil {
			return nil, err
		}
		if err := f.deliverInvitation(ctx, in, letters); err != nil {
			return nil, err
		}
		return &transport.AdminCreateUserOutput{User: &u}, nil
	})
}

// deliverInvitation delivers the invitations AdminCreateUser sent, whose
// {username} is the name the administrator gave.
func (f *Fake) deliverInvitation(ctx context.Context, in *transport.AdminCreateUserInput, letters []letter) error {
	for i := range letters {
		letters[i].username = in.Username
	}
	return f.deliver(ctx, adminClientID, "", in.ClientMetadata, letters)
}

// resendInvitation sends a FORCE_CHANGE_PASSWORD user's invitation again
// with a new temporary password, restarting its validity.
func (f *Fake) resendInvitation(ctx context.Context, in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
	f.mu.RLock()
	p, u, err := f.userLocked(in.UserPoolID, in.Username)
	var snap userSnapshot
	if err == nil {
		if u.Status != transport.StatusForceChangePassword {
			err = cognitoErr("UnsupportedUserStateException", "Resend not possible. "+u.Username+" status is not FORCE_CHANGE_PASSWORD.")
		}
		snap = snapshotUser(p, u)
		snap.policy.PasswordHistorySize = 0
	}
	f.mu.RUnlock()
	if err != nil {
		return nil, err
	}
	temp := in.TemporaryPassword
	if temp == "" {
		if temp, err = f.tempPassword(snap.policy); err != nil {
			return nil, err
		}
	}
	plan, err := f.planPassword(snap, temp)
	if err != nil {
		return nil, err
	}
	var out transport.User
	f.lockW()
	err = func() error {
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return err
		}
		if err := f.applyPassword(p, u, plan, true); err != nil {
			return err
		}
		f.invite(p, u, in.DesiredDeliveryMediums, temp)
		out = describeUser(u, nil)
		return nil
	}()
	letters := f.takeLettersLocked()
	f.unlockW()
	if err != nil {
		return nil, err
	}
	if err := f.deliverInvitation(ctx, in, letters); err != nil {
		return nil, err
	}
	return &transport.AdminCreateUserOutput{User: &out}, nil
}

// invite "sends" the temporary password by the media asked for (SMS by
// default, as Cognito), falling back to e-mail when the user has no phone.
func (f *Fake) invite(p *pool, u *user, media []string, temp string) {
	if len(media) == 0 {
		media = []string{mediumSMS}
		if u.Attrs["phone_number"] == "" {
			media = []string{mediumEmail}
		}
	}
	for _, m := range media {
		attr := "email"
		if m == mediumSMS {
			attr = "phone_number"
		}
		if u.Attrs[attr] != "" {
			f.send(p, u, m, PurposeInvite, temp)
		}
	}
}

// tempPassword generates a temporary password that satisfies policy.
func (f *Fake) tempPassword(pp transport.PasswordPolicy) (string, error) {
	body, err := f.randomString(alnum, max(int(pp.MinimumLength), 8)+4)
	if err != nil {
		return "", err
	}
	// One character of each class, so that any policy is met.
	return "Aa1!" + body, nil
}

// draftUserLocked validates a new user's name and attributes and returns
// it, not yet in the pool. In a pool whose users sign in with an e-mail
// address or phone number, name must be one, and the user's internal name
// is a fresh UUID (its sub), as in Cognito.
func (f *Fake) draftUserLocked(p *pool, name string, attrs []transport.AttributeType, admin bool) (*user, error) {
	if name == "" {
		return nil, missingParam("Username")
	}
	if len(name) > 128 || strings.ContainsAny(name, " \t\r\n") {
		return nil, invalidParam("1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")
	}
	if err := p.checkAttrs(attrs, admin, true); err != nil {
		return nil, err
	}
	sub, err := f.newUUID()
	if err != nil {
		return nil, err
	}
	now := f.clock()
	u := &user{Username: name, Sub: sub, Attrs: map[string]string{"sub": sub}, Enabled: true, Created: now, Modified: now}
	for _, a := range attrs {
		u.Attrs[a.Name] = a.Value
	}
	if p.usesUsernameAttributes() {
		switch {
		case slices.Contains(p.UsernameAttributes, "email") && validEmail(name):
			if u.Attrs["email"] != "" && !strings.EqualFold(u.Attrs["email"], name) {
				return nil, invalidParam("Username and email attribute must match.")
			}
			u.Attrs["email"] = name
		case slices.Contains(p.UsernameAttributes, "phone_number") && validPhone(name):
			if u.Attrs["phone_number"] != "" && u.Attrs["phone_number"] != name {
				return nil, invalidParam("Username and phone_number attribute must match.")
			}
			u.Attrs["phone_number"] = name
		default:
			return nil, invalidParam("Username should be either an email or a phone number.")
		}
		u.Username = sub
	} else if slices.Contains(p.AliasAttributes, "email") && validEmail(name) {
		return nil, invalidParam("Username cannot be of email format, since user pool is configured for email alias.")
	} else if slices.Contains(p.AliasAttributes, "phone_number") && validPhone(name) {
		return nil, invalidParam("Username cannot be of phone number format, since user pool is configured for phone_number alias.")
	}
	if err := p.checkRequired(u.Attrs); err != nil {
		return nil, err
	}
	return u, nil
}

// insertUserLocked adds a drafted user, refusing a taken name or sign-in
// attribute.
func (f *Fake) insertUserLocked(p *pool, u *user, forceAlias bool, existsMsg string) error {
	if p.lookup(u.Username) != nil {
		return cognitoErr("UsernameExistsException", existsMsg)
	}
	if err := p.uniqueLocked(u, u.Attrs); err != nil {
		if p.usesUsernameAttributes() {
			return cognitoErr("UsernameExistsException", "An account with the given "+p.UsernameAttributes[0]+" already exists.")
		}
		return err
	}
	for _, a := range []string{"email", "phone_number"} {
		if u.Attrs[a+"_verified"] == "true" {
			if err := p.claimAliasLocked(u, a, forceAlias); err != nil {
				return err
			}
		}
	}
	p.Users[p.userKey(u.Username)] = u
	p.bySub[u.Sub] = u
	p.trk.markUser(p, u)
	return nil
}

// AdminSetUserPassword sets a user's password: permanent (status
// CONFIRMED) or temporary (FORCE_CHANGE_PASSWORD, changed at next sign-in).
func (f *Fake) AdminSetUserPassword(ctx context.Context, in *transport.AdminSetUserPasswordInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminSetUserPassword", in, func(in *transport.AdminSetUserPasswordInput) (*transport.Empty, error) {
		if in.Password != "" {
			if err := checkPasswordPattern("password", in.Password); err != nil {
				return nil, err
			}
		}
		f.mu.RLock()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		var snap userSnapshot
		if err == nil {
			snap = snapshotUser(p, u)
		}
		f.mu.RUnlock()
		if err != nil {
			return nil, err
		}
		if in.Password == "" {
			return nil, missingParam("Password")
		}
		plan, err := f.planPassword(snap, in.Password)
		if err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, u, err = f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		if err := f.applyPassword(p, u, plan, !in.Permanent); err != nil {
			return nil, err
		}
		if in.Permanent {
			u.Status = transport.StatusConfirmed
		} else {
			u.Status = transport.StatusForceChangePassword
		}
		u.FailedLogins, u.LockedUntil = 0, time.Time{}
		return &transport.Empty{}, nil
	})
}

// AdminGetUser describes a user, MFA settings included.
func (f *Fake) AdminGetUser(ctx context.Context, in *transport.UserRef) (*transport.AdminGetUserOutput, error) {
	return run(ctx, f, "AdminGetUser", in, func(in *transport.UserRef) (*transport.AdminGetUserOutput, error) {
		f.mu.RLock()
		defer f.mu.RUnlock()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		list, pref := u.mfaSettingList()
		return &transport.AdminGetUserOutput{
			Username: u.Username, UserAttributes: attrList(u.Attrs, nil),
			UserCreateDate: transport.NewTime(u.Created), UserLastModifiedDate: transport.NewTime(u.Modified),
			Enabled: u.Enabled, UserStatus: u.Status, MFAOptions: u.mfaOptions(),
			PreferredMfaSetting: pref, UserMFASettingList: list,
		}, nil
	})
}

// AdminDeleteUser deletes a user and revokes its tokens.
func (f *Fake) AdminDeleteUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	return run(ctx, f, "AdminDeleteUser", in, func(in *transport.UserRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		f.deleteUserLocked(p, u)
		return &transport.Empty{}, nil
	})
}

func (f *Fake) deleteUserLocked(p *pool, u *user) {
	p.trk.markUser(p, u)
	delete(p.Users, p.userKey(u.Username))
	delete(p.bySub, u.Sub)
	f.revokeUserLocked(p.ID, u.Username)
}

// AdminConfirmSignUp confirms an UNCONFIRMED user without a code.
func (f *Fake) AdminConfirmSignUp(ctx context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminConfirmSignUp", in, func(in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
		if err := f.adminConfirmTrigger(ctx, in); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		_, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		if u.Status != transport.StatusUnconfirmed {
			return nil, notAuthorized("User cannot be confirmed. Current status is " + u.Status)
		}
		u.Status = transport.StatusConfirmed
		u.Modified = f.clock()
		delete(u.Codes, codeKey(PurposeSignUp, ""))
		return &transport.Empty{}, nil
	})
}

// AdminEnableUser enables a user.
func (f *Fake) AdminEnableUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	return run(ctx, f, "AdminEnableUser", in, func(in *transport.UserRef) (*transport.Empty, error) {
		return f.setEnabled(in, true)
	})
}

// AdminDisableUser disables a user: it can no longer sign in, refresh or
// use its access tokens ("User is disabled."), and every token family it
// holds is revoked, so that enabling it again revives none: the API
// reference says it "deactivates a user profile and revokes all access
// tokens for the user".
func (f *Fake) AdminDisableUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	return run(ctx, f, "AdminDisableUser", in, func(in *transport.UserRef) (*transport.Empty, error) {
		return f.setEnabled(in, false)
	})
}

func (f *Fake) setEnabled(in *transport.UserRef, enabled bool) (*transport.Empty, error) {
	f.lockW()
	defer f.unlockW()
	p, u, err := f.userLocked(in.UserPoolID, in.Username)
	if err != nil {
		return nil, err
	}
	u.Enabled = enabled
	u.Modified = f.clock()
	if !enabled {
		f.revokeUserLocked(p.ID, u.Username)
	}
	return &transport.Empty{}, nil
}

// AdminUpdateUserAttributes sets attributes, the *_verified flags
// included. A changed e-mail address or phone number becomes unverified
// (unless the same call verifies it) and, when the pool auto-verifies it, a
// code is sent.
func (f *Fake) AdminUpdateUserAttributes(ctx context.Context, in *transport.AdminUpdateUserAttributesInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminUpdateUserAttributes", in, func(in *transport.AdminUpdateUserAttributesInput) (*transport.Empty, error) {
		err := f.writeAndDeliver(ctx, adminClientID, srcCustomUpdateUserAttribute, in.ClientMetadata, func() error {
			p, u, err := f.userLocked(in.UserPoolID, in.Username)
			if err != nil {
				return err
			}
			_, err = f.updateAttrsLocked(p, u, in.UserAttributes, true)
			return err
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// updateAttrsLocked applies an attribute update, for both the admin and
// the self-service operation, and returns where verification codes went.
func (f *Fake) updateAttrsLocked(p *pool, u *user, attrs []transport.AttributeType, admin bool) ([]transport.CodeDeliveryDetails, error) {
	if len(attrs) == 0 {
		return nil, missingParam("UserAttributes")
	}
	if err := p.checkAttrs(attrs, admin, false); err != nil {
		return nil, err
	}
	next := maps.Clone(u.Attrs)
	given := transport.Attributes(attrs)
	maps.Copy(next, given)
	var verify []string
	for _, a := range []string{"email", "phone_number"} {
		v, changed := given[a]
		if !changed || v == u.Attrs[a] {
			continue
		}
		if _, flagged := given[a+"_verified"]; !flagged {
			next[a+"_verified"] = "false"
			if slices.Contains(p.Settings.AutoVerifiedAttributes, a) {
				verify = append(verify, a)
			}
		}
	}
	if err := p.uniqueLocked(u, next); err != nil {
		return nil, err
	}
	// With UserAttributeUpdateSettings the old value stays in force until
	// the new one is verified.
	var keep []string
	if s := p.Settings.UserAttributeUpdateSettings; s != nil {
		keep = s.AttributesRequireVerificationBeforeUpdate
	}
	for _, a := range verify {
		if slices.Contains(keep, a) && u.Attrs[a] != "" {
			if u.Pending == nil {
				u.Pending = make(map[string]string)
			}
			u.Pending[a] = next[a]
			next[a], next[a+"_verified"] = u.Attrs[a], u.Attrs[a+"_verified"]
		}
	}
	for _, a := range []string{"email", "phone_number"} {
		if next[a+"_verified"] == "true" && u.Attrs[a+"_verified"] != "true" {
			probe := *u
			probe.Attrs = next
			if err := p.claimAliasLocked(&probe, a, false); err != nil {
				return nil, err
			}
		}
	}
	u.Attrs = next
	u.Modified = f.clock()
	var out []transport.CodeDeliveryDetails
	for _, a := range verify {
		medium := mediumEmail
		if a == "phone_number" {
			medium = mediumSMS
		}
		d, err := f.issueVerifyCodeLocked(p, u, a, medium)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, nil
}

// issueVerifyCodeLocked sends a code to verify attr, to its pending new
// value if one waits.
func (f *Fake) issueVerifyCodeLocked(p *pool, u *user, attr, medium string) (*transport.CodeDeliveryDetails, error) {
	target := u
	if v, ok := u.Pending[attr]; ok {
		// Deliver to the new value, which is where the code must go.
		probe := *u
		probe.Attrs = maps.Clone(u.Attrs)
		probe.Attrs[attr] = v
		target = &probe
	}
	c, err := f.newCode()
	if err != nil {
		return nil, err
	}
	if u.Codes == nil {
		u.Codes = make(map[string]*code)
	}
	u.Codes[codeKey(PurposeVerifyAttribute, attr)] = &code{Value: c, Expires: f.clock().Add(verifyCodeTTL), Attr: attr}
	f.send(p, target, medium, PurposeVerifyAttribute, c)
	return delivery(target, medium), nil
}

// AdminDeleteUserAttributes deletes attributes; required ones, sub and a
// user's sign-in attribute cannot be deleted.
func (f *Fake) AdminDeleteUserAttributes(ctx context.Context, in *transport.AdminDeleteUserAttributesInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminDeleteUserAttributes", in, func(in *transport.AdminDeleteUserAttributesInput) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, f.deleteAttrsLocked(p, u, in.UserAttributeNames)
	})
}

func (f *Fake) deleteAttrsLocked(p *pool, u *user, names []string) error {
	if len(names) == 0 {
		return missingParam("UserAttributeNames")
	}
	for _, n := range names {
		if err := p.checkAttrName(n); err != nil {
			return err
		}
		if s, ok := p.schemaAttr(n); n == "sub" || ok && s.Required || slices.Contains(p.UsernameAttributes, n) {
			return invalidParam("Attributes did not conform to the schema: %s: The attribute is required", n)
		}
	}
	for _, n := range names {
		delete(u.Attrs, n)
		if n == "email" || n == "phone_number" {
			delete(u.Attrs, n+"_verified")
			delete(u.Pending, n)
		}
	}
	u.Modified = f.clock()
	return nil
}

// AdminResetUserPassword puts a user in RESET_REQUIRED and sends a code
// for ConfirmForgotPassword; signing in then fails with
// PasswordResetRequiredException.
func (f *Fake) AdminResetUserPassword(ctx context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	return run(ctx, f, "AdminResetUserPassword", in, func(in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
		err := f.writeAndDeliver(ctx, adminClientID, "", in.ClientMetadata, func() error {
			p, u, err := f.userLocked(in.UserPoolID, in.Username)
			if err != nil {
				return err
			}
			medium := recoveryMedium(p, u)
			if medium == "" {
				return invalidParam("Cannot reset password for the user as there is no registered/verified email or phone_number")
			}
			if _, err := f.issueCodeLocked(p, u, PurposeForgotPassword, "", medium, forgotCodeTTL); err != nil {
				return err
			}
			u.Status = transport.StatusResetRequired
			u.Modified = f.clock()
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// AdminUserGlobalSignOut revokes every refresh and access token of a user.
func (f *Fake) AdminUserGlobalSignOut(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	return run(ctx, f, "AdminUserGlobalSignOut", in, func(in *transport.UserRef) (*transport.Empty, error) {
		f.lockW()
		defer f.unlockW()
		p, u, err := f.userLocked(in.UserPoolID, in.Username)
		if err != nil {
			return nil, err
		}
		f.revokeUserLocked(p.ID, u.Username)
		return &transport.Empty{}, nil
	})
}

// ListUsers lists a pool's users by user name, Limit (at most 60) at a
// time. Filter, as in Cognito, is empty or one condition
// `attribute = "value"` (equality) or `attribute ^= "value"` (prefix) on
// username, email, phone_number, name, given_name, family_name,
// preferred_username, sub, cognito:user_status or status ("Enabled" or
// "Disabled").
func (f *Fake) ListUsers(ctx context.Context, in *transport.ListUsersInput) (*transport.ListUsersOutput, error) {
	return run(ctx, f, "ListUsers", in, func(in *transport.ListUsersInput) (*transport.ListUsersOutput, error) {
		limit, err := pageLimit("limit", in.Limit, 60, 60)
		if err != nil {
			return nil, err
		}
		filter, err := parseFilter(in.Filter)
		if err != nil {
			return nil, invalidParam("Error while parsing filter.")
		}
		f.mu.RLock()
		defer f.mu.RUnlock()
		p, err := f.poolLocked(in.UserPoolID)
		if err != nil {
			return nil, err
		}
		byKey := make(map[string]*user)
		for k, u := range p.Users {
			if filter.Match(u.Username, u.Status, u.Enabled, u.Attrs) {
				byKey[k] = u
			}
		}
		keys, next, err := page("users:"+p.ID, slices.Collect(maps.Keys(byKey)), in.PaginationToken, limit)
		if err != nil {
			return nil, err
		}
		out := &transport.ListUsersOutput{Users: []transport.User{}, PaginationToken: next}
		for _, k := range keys {
			out.Users = append(out.Users, describeUser(byKey[k], in.AttributesToGet))
		}
		return out, nil
	})
}

// validStatuses are the statuses SetUserStatus accepts.
var validStatuses = []string{
	transport.StatusUnconfirmed, transport.StatusConfirmed, transport.StatusArchived,
	transport.StatusCompromised, transport.StatusUnknown, transport.StatusResetRequired,
	transport.StatusForceChangePassword, transport.StatusExternalProvider,
}

// SetUserStatus sets a user's status directly ("CONFIRMED",
// "UNCONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED", ...), a test
// control with no Cognito equivalent. A FORCE_CHANGE_PASSWORD set this way
// keeps the current password as the temporary one.
func (f *Fake) SetUserStatus(poolID, username, status string) error {
	if !slices.Contains(validStatuses, status) {
		return invalidParam("Unknown user status: %s", status)
	}
	f.lockW()
	defer f.unlockW()
	_, u, err := f.userLocked(poolID, username)
	if err != nil {
		return err
	}
	u.Status = status
	u.Modified = f.clock()
	return nil
}
