package account

import (
	"context"

	"github.com/gocognito/gocognito/transport"
)

// The calls in this file act on the session's own user, authorized by its
// access token (transport.Account).

// ChangePassword changes the user's password; Cognito checks the previous
// one.
func (s *Session) ChangePassword(ctx context.Context, previous, proposed string) error {
	const op = "change password"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.ChangePassword(ctx, &transport.ChangePasswordInput{
		PreviousPassword: previous, ProposedPassword: proposed, AccessToken: tok,
	})
	return wrap(op, err)
}

// User describes the session's user: its attributes and MFA settings
// (pycognito's get_user).
func (s *Session) User(ctx context.Context) (*User, error) {
	const op = "get user"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.c.Transport.GetUser(ctx, &transport.AccessTokenInput{AccessToken: tok})
	if err != nil {
		return nil, wrap(op, err)
	}
	return &User{
		Username:   out.Username,
		Attributes: attributeMap(out.UserAttributes),
		MFA:        mfaSettings(out.UserMFASettingList, out.PreferredMfaSetting, out.MFAOptions),
	}, nil
}

// UpdateAttributes sets attributes of the user (pycognito's
// update_profile). A changed e-mail address or phone number must be
// verified again: Cognito sends a code and says where in the result; see
// VerifyAttribute.
func (s *Session) UpdateAttributes(ctx context.Context, attrs map[string]string) ([]transport.CodeDeliveryDetails, error) {
	const op = "update attributes"
	if len(attrs) == 0 {
		return nil, invalid(op, "no attributes")
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.c.Transport.UpdateUserAttributes(ctx, &transport.UpdateUserAttributesInput{
		UserAttributes: wireAttributes(attrs), AccessToken: tok, ClientMetadata: s.c.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.CodeDeliveryDetailsList, nil
}

// DeleteAttributes deletes attributes of the user.
func (s *Session) DeleteAttributes(ctx context.Context, names ...string) error {
	const op = "delete attributes"
	if len(names) == 0 {
		return invalid(op, "no attribute names")
	}
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.DeleteUserAttributes(ctx, &transport.DeleteUserAttributesInput{UserAttributeNames: names, AccessToken: tok})
	return wrap(op, err)
}

// SendVerificationCode sends a code to verify the user's "email" or
// "phone_number" (pycognito's send_verification).
func (s *Session) SendVerificationCode(ctx context.Context, attribute string) (*transport.CodeDeliveryDetails, error) {
	const op = "send verification code"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return nil, err
	}
	out, err := s.c.Transport.GetUserAttributeVerificationCode(ctx, &transport.GetUserAttributeVerificationCodeInput{
		AccessToken: tok, AttributeName: attribute, ClientMetadata: s.c.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	return out.CodeDeliveryDetails, nil
}

// VerifyAttribute verifies the user's "email" or "phone_number" with the
// code sent for it (pycognito's validate_verification).
func (s *Session) VerifyAttribute(ctx context.Context, attribute, code string) error {
	const op = "verify attribute"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.VerifyUserAttribute(ctx, &transport.VerifyUserAttributeInput{AccessToken: tok, AttributeName: attribute, Code: code})
	return wrap(op, err)
}

// SignOut signs the user out everywhere (GlobalSignOut, pycognito's
// logout): every refresh token of the user is revoked and its access
// tokens stop working for Cognito's user calls. The session is unusable
// afterwards.
func (s *Session) SignOut(ctx context.Context) error {
	const op = "global sign-out"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.GlobalSignOut(ctx, &transport.AccessTokenInput{AccessToken: tok})
	return wrap(op, err)
}

// DeleteUser deletes the session's user (pycognito's delete_user). The
// session is unusable afterwards.
func (s *Session) DeleteUser(ctx context.Context) error {
	const op = "delete user"
	tok, err := s.AccessToken(ctx)
	if err != nil {
		return err
	}
	_, err = s.c.Transport.DeleteUser(ctx, &transport.AccessTokenInput{AccessToken: tok})
	return wrap(op, err)
}
