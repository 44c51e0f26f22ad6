package fakecognito

import (
	"context"
	"maps"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// publicClient finds the app client of a self-service call and its pool.
// The caller holds f.mu.
func (f *Fake) publicClientLocked(clientID string) (*pool, *client, error) {
	c, err := f.clientLocked(clientID)
	if err != nil {
		return nil, nil, err
	}
	return f.st.Pools[c.PoolID], c, nil
}

// SignUp registers a user in status UNCONFIRMED and, when the pool
// auto-verifies the user's e-mail address or phone number, sends it a
// confirmation code.
func (f *Fake) SignUp(ctx context.Context, in *transport.SignUpInput) (*transport.SignUpOutput, error) {
	return run(ctx, f, "SignUp", in, func(in *transport.SignUpInput) (*transport.SignUpOutput, error) {
		if in.Password == "" {
			return nil, missingParam("Password")
		}
		if err := checkPasswordPattern("password", in.Password); err != nil {
			return nil, err
		}
		f.mu.RLock()
		p, c, err := f.publicClientLocked(in.ClientID)
		var draft *user
		var policy transport.PasswordPolicy
		if err == nil {
			if p.Settings.AdminCreateUserConfig != nil && p.Settings.AdminCreateUserConfig.AllowAdminCreateUserOnly {
				err = notAuthorized("SignUp is not permitted for this user pool")
			}
		}
		if err == nil {
			err = checkSecretHash(c, in.SecretHash, in.Username)
		}
		if err == nil {
			draft, err = f.draftUserLocked(p, in.Username, in.UserAttributes, false)
		}
		if err == nil {
			policy = p.passwordPolicy()
		}
		f.mu.RUnlock()
		if err != nil {
			return nil, err
		}
		plan, err := f.planPassword(userSnapshot{poolID: p.ID, username: draft.Username, sub: draft.Sub, policy: policy}, in.Password)
		if err != nil {
			return nil, err
		}
		call := flowCall{poolID: p.ID, clientID: c.ID, userName: draft.Username}
		pre, err := f.preSignUp(ctx, call, srcPreSignUpSignUp, draft, in.ValidationData, in.ClientMetadata)
		if err != nil {
			return nil, err
		}
		if pre.AutoConfirmUser {
			// Confirmed at sign-up: PostConfirmation runs now, with the
			// sign-up's metadata, and its refusal stops the sign-up.
			probe := *draft
			probe.Attrs = maps.Clone(draft.Attrs)
			applyPreSignUpAttrs(probe.Attrs, pre)
			f.mu.RLock()
			attrs := confirmedAttrs(p, &probe, "")
			f.mu.RUnlock()
			if err := f.postConfirmation(ctx, call, srcPostConfirmationSignUp, attrs, in.ClientMetadata); err != nil {
				return nil, err
			}
		}
		out := &transport.SignUpOutput{UserSub: draft.Sub}
		err = f.writeAndDeliver(ctx, c.ID, "", in.ClientMetadata, func() error {
			p, err := f.poolLocked(p.ID)
			if err != nil {
				return err
			}
			draft.Status = transport.StatusUnconfirmed
			if pre.AutoConfirmUser {
				draft.Status = transport.StatusConfirmed
			}
			applyPreSignUpAttrs(draft.Attrs, pre)
			// An auto-verified address takes its alias from whoever had it.
			force := pre.AutoVerifyEmail || pre.AutoVerifyPhone
			if err := f.insertUserLocked(p, draft, force, msgUserExists); err != nil {
				return err
			}
			if err := f.applyPassword(p, draft, plan, false); err != nil {
				return err
			}
			if draft.Status == transport.StatusConfirmed {
				// Confirmed by the trigger: no code to send.
				out.UserConfirmed = true
				return nil
			}
			out.CodeDeliveryDetails, err = f.sendSignUpCodeLocked(p, draft)
			return err
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// sendSignUpCodeLocked sends a confirmation code if the pool verifies an
// attribute the user has; nil otherwise (an administrator must confirm).
func (f *Fake) sendSignUpCodeLocked(p *pool, u *user) (*transport.CodeDeliveryDetails, error) {
	medium := signUpMedium(p, u)
	if medium == "" {
		return nil, nil
	}
	d, err := f.issueCodeLocked(p, u, PurposeSignUp, "", medium, signUpCodeTTL)
	if err != nil {
		return nil, err
	}
	u.Codes[codeKey(PurposeSignUp, "")].Attr = d.AttributeName
	return d, nil
}

// ConfirmSignUp confirms a user with the code it received; the attribute
// the code went to becomes verified.
func (f *Fake) ConfirmSignUp(ctx context.Context, in *transport.ConfirmSignUpInput) (*transport.ConfirmSignUpOutput, error) {
	return run(ctx, f, "ConfirmSignUp", in, func(in *transport.ConfirmSignUpInput) (*transport.ConfirmSignUpOutput, error) {
		if err := f.confirmSignUpTrigger(ctx, in); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
		if err != nil {
			return nil, err
		}
		if in.ConfirmationCode == "" {
			return nil, missingParam("ConfirmationCode")
		}
		if u.Status != transport.StatusUnconfirmed {
			return nil, notAuthorized("User cannot be confirmed. Current status is " + u.Status)
		}
		key := codeKey(PurposeSignUp, "")
		var attr string
		if c := u.Codes[key]; c != nil {
			attr = c.Attr
		}
		if err := f.checkCodeLocked(u, key, in.ConfirmationCode); err != nil {
			return nil, err
		}
		if attr != "" {
			u.Attrs[attr+"_verified"] = "true"
			if err := p.claimAliasLocked(u, attr, in.ForceAliasCreation); err != nil {
				u.Attrs[attr+"_verified"] = "false"
				return nil, err
			}
		}
		u.Status = transport.StatusConfirmed
		u.Modified = f.clock()
		out := &transport.ConfirmSignUpOutput{}
		if c := f.st.Clients[in.ClientID]; c != nil {
			// Sign-up then sign-in: InitiateAuth USER_AUTH with this Session.
			if out.Session, err = f.signUpSessionLocked(p, c, u, in.Username); err != nil {
				return nil, err
			}
		}
		return out, nil
	})
}

// selfServiceUserLocked finds the client and user of an unauthenticated
// self-service call and checks its SECRET_HASH. For a user that does not
// exist it answers as Cognito does for the client: UserNotFoundException,
// or CodeMismatchException when the client prevents user existence errors.
func (f *Fake) selfServiceUserLocked(clientID, username, secretHash string) (*pool, *user, error) {
	p, c, err := f.publicClientLocked(clientID)
	if err != nil {
		return nil, nil, err
	}
	if username == "" {
		return nil, nil, missingParam("Username")
	}
	u := p.findUser(username)
	names := []string{username}
	if u != nil {
		names = append(names, p.aliasNames(u)...)
	}
	if err := checkSecretHash(c, secretHash, names...); err != nil {
		return nil, nil, err
	}
	if u == nil {
		if c.preventUserExistence() {
			return nil, nil, cognitoErr("CodeMismatchException", msgVerificationMismatch)
		}
		return nil, nil, userNotFound()
	}
	return p, u, nil
}

// simulatedDelivery is the answer, for a user that does not exist, of an
// operation that sends a code, when the client prevents user existence
// errors: it looks like a code that went out by e-mail.
func simulatedDelivery(name string) *transport.CodeDeliveryOutput {
	return &transport.CodeDeliveryOutput{CodeDeliveryDetails: &transport.CodeDeliveryDetails{
		Destination: mask(mediumEmail, name), DeliveryMedium: mediumEmail, AttributeName: "email",
	}}
}

// ResendConfirmationCode sends an UNCONFIRMED user a new confirmation code.
func (f *Fake) ResendConfirmationCode(ctx context.Context, in *transport.ResendConfirmationCodeInput) (*transport.CodeDeliveryOutput, error) {
	return run(ctx, f, "ResendConfirmationCode", in, func(in *transport.ResendConfirmationCodeInput) (*transport.CodeDeliveryOutput, error) {
		var out *transport.CodeDeliveryOutput
		err := f.writeAndDeliver(ctx, in.ClientID, srcCustomResendCode, in.ClientMetadata, func() error {
			p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
			if transport.Code(err) == "CodeMismatchException" {
				// With user existence errors prevented Cognito "returns a
				// simulated response" here too (developer guide,
				// cognito-user-pool-managing-errors).
				out = simulatedDelivery(in.Username)
				return nil
			}
			if err != nil {
				return err
			}
			if u.Status != transport.StatusUnconfirmed {
				return invalidParam("User is already confirmed.")
			}
			d, err := f.sendSignUpCodeLocked(p, u)
			if err != nil {
				return err
			}
			if d == nil {
				return invalidParam("Auto verification not turned on.")
			}
			out = &transport.CodeDeliveryOutput{CodeDeliveryDetails: d}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// ForgotPassword sends a code for ConfirmForgotPassword to the user's
// verified phone or e-mail address, by the pool's recovery settings.
func (f *Fake) ForgotPassword(ctx context.Context, in *transport.ForgotPasswordInput) (*transport.CodeDeliveryOutput, error) {
	return run(ctx, f, "ForgotPassword", in, func(in *transport.ForgotPasswordInput) (*transport.CodeDeliveryOutput, error) {
		if err := f.forgotMigration(ctx, in); err != nil {
			return nil, err
		}
		var out *transport.CodeDeliveryOutput
		err := f.writeAndDeliver(ctx, in.ClientID, "", in.ClientMetadata, func() error {
			p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
			if transport.Code(err) == "CodeMismatchException" {
				out = simulatedDelivery(in.Username)
				return nil
			}
			if err != nil {
				return err
			}
			if !u.Enabled {
				return notAuthorized(msgUserDisabled)
			}
			if u.Status == transport.StatusForceChangePassword {
				// A user invited with a temporary password must sign in with
				// it; Cognito will not reset it (RunaVault #15, amplify-js
				// #6543). AdminResetUserPassword still can.
				return notAuthorized("User password cannot be reset in the current state.")
			}
			medium := recoveryMedium(p, u)
			if medium == "" {
				return invalidParam("Cannot reset password for the user as there is no registered/verified email or phone_number")
			}
			d, err := f.issueCodeLocked(p, u, PurposeForgotPassword, "", medium, forgotCodeTTL)
			if err != nil {
				return err
			}
			out = &transport.CodeDeliveryOutput{CodeDeliveryDetails: d}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return out, nil
	})
}

// ConfirmForgotPassword sets a new password with the code ForgotPassword
// (or AdminResetUserPassword) sent. A password the policy refuses leaves
// the code usable.
func (f *Fake) ConfirmForgotPassword(ctx context.Context, in *transport.ConfirmForgotPasswordInput) (*transport.Empty, error) {
	return run(ctx, f, "ConfirmForgotPassword", in, func(in *transport.ConfirmForgotPasswordInput) (*transport.Empty, error) {
		if in.ConfirmationCode == "" {
			return nil, missingParam("ConfirmationCode")
		}
		if in.Password == "" {
			return nil, missingParam("Password")
		}
		if err := checkPasswordPattern("password", in.Password); err != nil {
			return nil, err
		}
		f.mu.RLock()
		p, u, err := f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
		var snap userSnapshot
		if err == nil {
			snap = snapshotUser(p, u)
		}
		f.mu.RUnlock()
		if err != nil {
			return nil, err
		}
		plan, err := f.planPassword(snap, in.Password)
		if err != nil {
			return nil, err
		}
		if err := f.confirmForgotTrigger(ctx, in); err != nil {
			return nil, err
		}
		f.lockW()
		defer f.unlockW()
		p, u, err = f.selfServiceUserLocked(in.ClientID, in.Username, in.SecretHash)
		if err != nil {
			return nil, err
		}
		if err := f.checkCodeLocked(u, codeKey(PurposeForgotPassword, ""), in.ConfirmationCode); err != nil {
			return nil, err
		}
		if err := f.applyPassword(p, u, plan, false); err != nil {
			return nil, err
		}
		u.Status = transport.StatusConfirmed
		succeedLocked(u)
		return &transport.Empty{}, nil
	})
}

// ChangePassword changes the password of the access token's user, who
// must give the current one.
func (f *Fake) ChangePassword(ctx context.Context, in *transport.ChangePasswordInput) (*transport.Empty, error) {
	return run(ctx, f, "ChangePassword", in, func(in *transport.ChangePasswordInput) (*transport.Empty, error) {
		if in.ProposedPassword == "" {
			return nil, missingParam("ProposedPassword")
		}
		if in.PreviousPassword == "" {
			return nil, missingParam("PreviousPassword")
		}
		if err := checkPasswordPattern("proposedPassword", in.ProposedPassword); err != nil {
			return nil, err
		}
		if err := checkPasswordPattern("previousPassword", in.PreviousPassword); err != nil {
			return nil, err
		}
		var snap userSnapshot
		err := f.withUser(in.AccessToken, false, func(p *pool, u *user, _ *family) error {
			if f.clock().Before(u.LockedUntil) {
				return cognitoErr("LimitExceededException", msgAttemptLimit)
			}
			snap = snapshotUser(p, u)
			return nil
		})
		if err != nil {
			return nil, err
		}
		ok := passwordMatches(snap.poolID, snap.username, in.PreviousPassword, snap.current)
		var plan passwordPlan
		if ok {
			if plan, err = f.planPassword(snap, in.ProposedPassword); err != nil {
				return nil, err
			}
		}
		err = f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			// PreviousPassword was checked against the verifier of the
			// snapshot; if another change won the race since, it is no
			// longer the current password.
			if !ok || !sameVerifier(u.Password, snap.current) {
				return f.failLocked(u)
			}
			succeedLocked(u)
			return f.applyPassword(p, u, plan, false)
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// GetUser describes the access token's user.
func (f *Fake) GetUser(ctx context.Context, in *transport.AccessTokenInput) (*transport.GetUserOutput, error) {
	return run(ctx, f, "GetUser", in, func(in *transport.AccessTokenInput) (*transport.GetUserOutput, error) {
		var out *transport.GetUserOutput
		err := f.withUser(in.AccessToken, false, func(_ *pool, u *user, _ *family) error {
			list, pref := u.mfaSettingList()
			out = &transport.GetUserOutput{
				Username: u.Username, UserAttributes: attrList(u.Attrs, nil), MFAOptions: u.mfaOptions(),
				PreferredMfaSetting: pref, UserMFASettingList: list,
			}
			return nil
		})
		return out, err
	})
}

// UpdateUserAttributes updates the access token's user's attributes; a
// new e-mail address or phone number must be verified again.
func (f *Fake) UpdateUserAttributes(ctx context.Context, in *transport.UpdateUserAttributesInput) (*transport.UpdateUserAttributesOutput, error) {
	return run(ctx, f, "UpdateUserAttributes", in, func(in *transport.UpdateUserAttributesInput) (*transport.UpdateUserAttributesOutput, error) {
		var out transport.UpdateUserAttributesOutput
		var letters []letter
		var clientID string
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, fam *family) error {
			d, err := f.updateAttrsLocked(p, u, in.UserAttributes, false)
			out.CodeDeliveryDetailsList = d
			letters = f.takeLettersLocked()
			if fam != nil {
				clientID = fam.ClientID
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if err := f.deliver(ctx, clientID, srcCustomUpdateUserAttribute, in.ClientMetadata, letters); err != nil {
			return nil, err
		}
		return &out, nil
	})
}

// DeleteUserAttributes deletes attributes of the access token's user.
func (f *Fake) DeleteUserAttributes(ctx context.Context, in *transport.DeleteUserAttributesInput) (*transport.Empty, error) {
	return run(ctx, f, "DeleteUserAttributes", in, func(in *transport.DeleteUserAttributesInput) (*transport.Empty, error) {
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			return f.deleteAttrsLocked(p, u, in.UserAttributeNames)
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// GetUserAttributeVerificationCode sends a code to verify the user's
// e-mail address or phone number (the pending new one, if any).
func (f *Fake) GetUserAttributeVerificationCode(ctx context.Context, in *transport.GetUserAttributeVerificationCodeInput) (*transport.CodeDeliveryOutput, error) {
	return run(ctx, f, "GetUserAttributeVerificationCode", in, func(in *transport.GetUserAttributeVerificationCodeInput) (*transport.CodeDeliveryOutput, error) {
		medium := mediumEmail
		switch in.AttributeName {
		case "email":
		case "phone_number":
			medium = mediumSMS
		case "":
			return nil, missingParam("AttributeName")
		default:
			return nil, invalidParam("Invalid attribute name for verification: %s", in.AttributeName)
		}
		var out transport.CodeDeliveryOutput
		var letters []letter
		var clientID string
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, fam *family) error {
			if u.Attrs[in.AttributeName] == "" && u.Pending[in.AttributeName] == "" {
				return invalidParam("User has no %s to verify.", in.AttributeName)
			}
			d, err := f.issueVerifyCodeLocked(p, u, in.AttributeName, medium)
			out.CodeDeliveryDetails = d
			letters = f.takeLettersLocked()
			if fam != nil {
				clientID = fam.ClientID
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if err := f.deliver(ctx, clientID, srcCustomVerifyUserAttribute, in.ClientMetadata, letters); err != nil {
			return nil, err
		}
		return &out, nil
	})
}

// VerifyUserAttribute verifies an e-mail address or phone number with the
// code sent for it, putting a pending new value in force.
func (f *Fake) VerifyUserAttribute(ctx context.Context, in *transport.VerifyUserAttributeInput) (*transport.Empty, error) {
	return run(ctx, f, "VerifyUserAttribute", in, func(in *transport.VerifyUserAttributeInput) (*transport.Empty, error) {
		if in.AttributeName != "email" && in.AttributeName != "phone_number" {
			return nil, invalidParam("Invalid attribute name for verification: %s", in.AttributeName)
		}
		if in.Code == "" {
			return nil, missingParam("Code")
		}
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			if err := f.checkCodeLocked(u, codeKey(PurposeVerifyAttribute, in.AttributeName), in.Code); err != nil {
				return err
			}
			old, oldVerified := u.Attrs[in.AttributeName], u.Attrs[in.AttributeName+"_verified"]
			if v, ok := u.Pending[in.AttributeName]; ok {
				u.Attrs[in.AttributeName] = v
				delete(u.Pending, in.AttributeName)
			}
			u.Attrs[in.AttributeName+"_verified"] = "true"
			if err := p.claimAliasLocked(u, in.AttributeName, false); err != nil {
				u.Attrs[in.AttributeName], u.Attrs[in.AttributeName+"_verified"] = old, oldVerified
				return err
			}
			u.Modified = f.clock()
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// DeleteUser deletes the access token's user.
func (f *Fake) DeleteUser(ctx context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	return run(ctx, f, "DeleteUser", in, func(in *transport.AccessTokenInput) (*transport.Empty, error) {
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			f.deleteUserLocked(p, u)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// GlobalSignOut revokes every refresh and access token of the access
// token's user; GetUser with any of them then fails with "Access Token has
// been revoked".
func (f *Fake) GlobalSignOut(ctx context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	return run(ctx, f, "GlobalSignOut", in, func(in *transport.AccessTokenInput) (*transport.Empty, error) {
		err := f.withUser(in.AccessToken, true, func(p *pool, u *user, _ *family) error {
			f.revokeUserLocked(p.ID, u.Username)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return &transport.Empty{}, nil
	})
}

// RevokeToken revokes a refresh token and every access and ID token issued
// from it. As RFC 7009 asks, a token the fake does not know is not an
// error.
func (f *Fake) RevokeToken(ctx context.Context, in *transport.RevokeTokenInput) (*transport.Empty, error) {
	return run(ctx, f, "RevokeToken", in, func(in *transport.RevokeTokenInput) (*transport.Empty, error) {
		if in.Token == "" {
			return nil, missingParam("Token")
		}
		f.lockW()
		defer f.unlockW()
		c, err := f.clientLocked(in.ClientID)
		if err != nil {
			return nil, err
		}
		if c.Secret != "" && !constantEqual(c.Secret, in.ClientSecret) {
			return nil, notAuthorized("Client " + c.ID + " is configured with secret but the secret given does not match")
		}
		if !c.revocationEnabled() {
			return nil, cognitoErr("UnsupportedOperationException", "Token revocation is not enabled for this client.")
		}
		if strings.Count(in.Token, ".") == 2 {
			return nil, cognitoErr("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.")
		}
		// Any token of a rotated family, current or rotated out, revokes
		// the whole family.
		fam := f.familyOfRefreshLocked(in.Token)
		if fam == nil {
			return &transport.Empty{}, nil
		}
		if fam.ClientID != c.ID {
			return nil, notAuthorized(msgInvalidRefreshToken)
		}
		fam.Revoked = true
		f.trk.mark(recFamily, "", fam.ID)
		return &transport.Empty{}, nil
	})
}
