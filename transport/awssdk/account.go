package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/transport"
)

// SignUp registers a user (unsigned).
func (c *Client) SignUp(ctx context.Context, in *transport.SignUpInput) (*transport.SignUpOutput, error) {
	in = orZero(in)
	out, err := c.api.SignUp(ctx, &cip.SignUpInput{
		ClientId:       aws.String(in.ClientID),
		SecretHash:     optStr(in.SecretHash),
		Username:       aws.String(in.Username),
		Password:       optStr(in.Password),
		UserAttributes: toAttrs(in.UserAttributes),
		ValidationData: toAttrs(in.ValidationData),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.SignUpOutput{
		UserConfirmed:       out.UserConfirmed,
		CodeDeliveryDetails: fromCodeDelivery(out.CodeDeliveryDetails),
		UserSub:             deref(out.UserSub),
		Session:             deref(out.Session),
	}, nil
}

// ConfirmSignUp confirms a registration with the code sent to the user
// (unsigned).
func (c *Client) ConfirmSignUp(ctx context.Context, in *transport.ConfirmSignUpInput) (*transport.ConfirmSignUpOutput, error) {
	in = orZero(in)
	out, err := c.api.ConfirmSignUp(ctx, &cip.ConfirmSignUpInput{
		ClientId:           aws.String(in.ClientID),
		SecretHash:         optStr(in.SecretHash),
		Username:           aws.String(in.Username),
		ConfirmationCode:   aws.String(in.ConfirmationCode),
		ForceAliasCreation: in.ForceAliasCreation,
		ClientMetadata:     in.ClientMetadata,
		Session:            optStr(in.Session),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ConfirmSignUpOutput{Session: deref(out.Session)}, nil
}

// ResendConfirmationCode sends the sign-up code again (unsigned).
func (c *Client) ResendConfirmationCode(ctx context.Context, in *transport.ResendConfirmationCodeInput) (*transport.CodeDeliveryOutput, error) {
	in = orZero(in)
	out, err := c.api.ResendConfirmationCode(ctx, &cip.ResendConfirmationCodeInput{
		ClientId:       aws.String(in.ClientID),
		SecretHash:     optStr(in.SecretHash),
		Username:       aws.String(in.Username),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.CodeDeliveryOutput{CodeDeliveryDetails: fromCodeDelivery(out.CodeDeliveryDetails)}, nil
}

// ForgotPassword sends a password-reset code (unsigned).
func (c *Client) ForgotPassword(ctx context.Context, in *transport.ForgotPasswordInput) (*transport.CodeDeliveryOutput, error) {
	in = orZero(in)
	out, err := c.api.ForgotPassword(ctx, &cip.ForgotPasswordInput{
		ClientId:       aws.String(in.ClientID),
		SecretHash:     optStr(in.SecretHash),
		Username:       aws.String(in.Username),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.CodeDeliveryOutput{CodeDeliveryDetails: fromCodeDelivery(out.CodeDeliveryDetails)}, nil
}

// ConfirmForgotPassword sets a new password with the reset code (unsigned).
func (c *Client) ConfirmForgotPassword(ctx context.Context, in *transport.ConfirmForgotPasswordInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.ConfirmForgotPassword(ctx, &cip.ConfirmForgotPasswordInput{
		ClientId:         aws.String(in.ClientID),
		SecretHash:       optStr(in.SecretHash),
		Username:         aws.String(in.Username),
		ConfirmationCode: aws.String(in.ConfirmationCode),
		Password:         aws.String(in.Password),
		ClientMetadata:   in.ClientMetadata,
	})
	return empty(err)
}

// ChangePassword changes the signed-in user's password (unsigned).
func (c *Client) ChangePassword(ctx context.Context, in *transport.ChangePasswordInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.ChangePassword(ctx, &cip.ChangePasswordInput{
		PreviousPassword: optStr(in.PreviousPassword),
		ProposedPassword: aws.String(in.ProposedPassword),
		AccessToken:      aws.String(in.AccessToken),
	})
	return empty(err)
}

// GetUser describes the signed-in user (unsigned).
func (c *Client) GetUser(ctx context.Context, in *transport.AccessTokenInput) (*transport.GetUserOutput, error) {
	in = orZero(in)
	out, err := c.api.GetUser(ctx, &cip.GetUserInput{AccessToken: aws.String(in.AccessToken)})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GetUserOutput{
		Username:            deref(out.Username),
		UserAttributes:      fromAttrs(out.UserAttributes),
		MFAOptions:          fromMFAOptions(out.MFAOptions),
		PreferredMfaSetting: deref(out.PreferredMfaSetting),
		UserMFASettingList:  out.UserMFASettingList,
	}, nil
}

// UpdateUserAttributes changes the signed-in user's attributes (unsigned).
func (c *Client) UpdateUserAttributes(ctx context.Context, in *transport.UpdateUserAttributesInput) (*transport.UpdateUserAttributesOutput, error) {
	in = orZero(in)
	out, err := c.api.UpdateUserAttributes(ctx, &cip.UpdateUserAttributesInput{
		UserAttributes: toAttrs(in.UserAttributes),
		AccessToken:    aws.String(in.AccessToken),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	res := &transport.UpdateUserAttributesOutput{}
	if out.CodeDeliveryDetailsList != nil {
		res.CodeDeliveryDetailsList = make([]transport.CodeDeliveryDetails, len(out.CodeDeliveryDetailsList))
		for i, d := range out.CodeDeliveryDetailsList {
			res.CodeDeliveryDetailsList[i] = fromCodeDeliveryValue(d)
		}
	}
	return res, nil
}

// DeleteUserAttributes removes attributes of the signed-in user (unsigned).
func (c *Client) DeleteUserAttributes(ctx context.Context, in *transport.DeleteUserAttributesInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.DeleteUserAttributes(ctx, &cip.DeleteUserAttributesInput{
		UserAttributeNames: in.UserAttributeNames,
		AccessToken:        aws.String(in.AccessToken),
	})
	return empty(err)
}

// GetUserAttributeVerificationCode sends a code to verify an attribute
// (unsigned).
func (c *Client) GetUserAttributeVerificationCode(ctx context.Context, in *transport.GetUserAttributeVerificationCodeInput) (*transport.CodeDeliveryOutput, error) {
	in = orZero(in)
	out, err := c.api.GetUserAttributeVerificationCode(ctx, &cip.GetUserAttributeVerificationCodeInput{
		AccessToken:    aws.String(in.AccessToken),
		AttributeName:  aws.String(in.AttributeName),
		ClientMetadata: in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.CodeDeliveryOutput{CodeDeliveryDetails: fromCodeDelivery(out.CodeDeliveryDetails)}, nil
}

// VerifyUserAttribute verifies an attribute with its code (unsigned).
func (c *Client) VerifyUserAttribute(ctx context.Context, in *transport.VerifyUserAttributeInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.VerifyUserAttribute(ctx, &cip.VerifyUserAttributeInput{
		AccessToken:   aws.String(in.AccessToken),
		AttributeName: aws.String(in.AttributeName),
		Code:          aws.String(in.Code),
	})
	return empty(err)
}

// DeleteUser deletes the signed-in user (unsigned).
func (c *Client) DeleteUser(ctx context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.DeleteUser(ctx, &cip.DeleteUserInput{AccessToken: aws.String(in.AccessToken)})
	return empty(err)
}

// GlobalSignOut revokes every token of the signed-in user (unsigned).
func (c *Client) GlobalSignOut(ctx context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.GlobalSignOut(ctx, &cip.GlobalSignOutInput{AccessToken: aws.String(in.AccessToken)})
	return empty(err)
}

// RevokeToken revokes a refresh token and the access tokens issued from it
// (unsigned).
func (c *Client) RevokeToken(ctx context.Context, in *transport.RevokeTokenInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.RevokeToken(ctx, &cip.RevokeTokenInput{
		Token:        aws.String(in.Token),
		ClientId:     aws.String(in.ClientID),
		ClientSecret: optStr(in.ClientSecret),
	})
	return empty(err)
}
