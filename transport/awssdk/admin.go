package awssdk

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/transport"
)

// Every operation in this file is SigV4-signed on real Cognito.

// AdminCreateUser creates a user.
func (c *Client) AdminCreateUser(ctx context.Context, in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId:             aws.String(in.UserPoolID),
		Username:               aws.String(in.Username),
		UserAttributes:         toAttrs(in.UserAttributes),
		ValidationData:         toAttrs(in.ValidationData),
		TemporaryPassword:      optStr(in.TemporaryPassword),
		ForceAliasCreation:     in.ForceAliasCreation,
		MessageAction:          types.MessageActionType(in.MessageAction),
		DesiredDeliveryMediums: toEnums[types.DeliveryMediumType](in.DesiredDeliveryMediums),
		ClientMetadata:         in.ClientMetadata,
	})
	if err != nil {
		return nil, mapError(err)
	}
	res := &transport.AdminCreateUserOutput{}
	if out.User != nil {
		u := fromUser(*out.User)
		res.User = &u
	}
	return res, nil
}

// AdminSetUserPassword sets a user's password, temporary or permanent.
func (c *Client) AdminSetUserPassword(ctx context.Context, in *transport.AdminSetUserPasswordInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
		Password:   aws.String(in.Password),
		Permanent:  in.Permanent,
	})
	return empty(err)
}

// AdminGetUser describes a user.
func (c *Client) AdminGetUser(ctx context.Context, in *transport.UserRef) (*transport.AdminGetUserOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminGetUser(ctx, &cip.AdminGetUserInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.AdminGetUserOutput{
		Username:             deref(out.Username),
		UserAttributes:       fromAttrs(out.UserAttributes),
		UserCreateDate:       fromTime(out.UserCreateDate),
		UserLastModifiedDate: fromTime(out.UserLastModifiedDate),
		Enabled:              out.Enabled,
		UserStatus:           string(out.UserStatus),
		MFAOptions:           fromMFAOptions(out.MFAOptions),
		PreferredMfaSetting:  deref(out.PreferredMfaSetting),
		UserMFASettingList:   out.UserMFASettingList,
	}, nil
}

// AdminDeleteUser deletes a user.
func (c *Client) AdminDeleteUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminDeleteUser(ctx, &cip.AdminDeleteUserInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	return empty(err)
}

// AdminConfirmSignUp confirms a user's registration without a code.
func (c *Client) AdminConfirmSignUp(ctx context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{
		UserPoolId:     aws.String(in.UserPoolID),
		Username:       aws.String(in.Username),
		ClientMetadata: in.ClientMetadata,
	})
	return empty(err)
}

// AdminEnableUser enables a user.
func (c *Client) AdminEnableUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminEnableUser(ctx, &cip.AdminEnableUserInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	return empty(err)
}

// AdminDisableUser disables a user.
func (c *Client) AdminDisableUser(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminDisableUser(ctx, &cip.AdminDisableUserInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	return empty(err)
}

// AdminUpdateUserAttributes changes a user's attributes.
func (c *Client) AdminUpdateUserAttributes(ctx context.Context, in *transport.AdminUpdateUserAttributesInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminUpdateUserAttributes(ctx, &cip.AdminUpdateUserAttributesInput{
		UserPoolId:     aws.String(in.UserPoolID),
		Username:       aws.String(in.Username),
		UserAttributes: toAttrs(in.UserAttributes),
		ClientMetadata: in.ClientMetadata,
	})
	return empty(err)
}

// AdminDeleteUserAttributes removes attributes of a user.
func (c *Client) AdminDeleteUserAttributes(ctx context.Context, in *transport.AdminDeleteUserAttributesInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminDeleteUserAttributes(ctx, &cip.AdminDeleteUserAttributesInput{
		UserPoolId:         aws.String(in.UserPoolID),
		Username:           aws.String(in.Username),
		UserAttributeNames: in.UserAttributeNames,
	})
	return empty(err)
}

// AdminResetUserPassword forces a user to reset their password.
func (c *Client) AdminResetUserPassword(ctx context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminResetUserPassword(ctx, &cip.AdminResetUserPasswordInput{
		UserPoolId:     aws.String(in.UserPoolID),
		Username:       aws.String(in.Username),
		ClientMetadata: in.ClientMetadata,
	})
	return empty(err)
}

// AdminUserGlobalSignOut revokes every token of a user.
func (c *Client) AdminUserGlobalSignOut(ctx context.Context, in *transport.UserRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminUserGlobalSignOut(ctx, &cip.AdminUserGlobalSignOutInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
	})
	return empty(err)
}

// AdminSetUserMFAPreference turns a user's MFA kinds on or off.
func (c *Client) AdminSetUserMFAPreference(ctx context.Context, in *transport.AdminSetUserMFAPreferenceInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminSetUserMFAPreference(ctx, &cip.AdminSetUserMFAPreferenceInput{
		UserPoolId:               aws.String(in.UserPoolID),
		Username:                 aws.String(in.Username),
		SMSMfaSettings:           toSMSMfa(in.SMSMfaSettings),
		SoftwareTokenMfaSettings: toSoftwareTokenMfa(in.SoftwareTokenMfaSettings),
		EmailMfaSettings:         toEmailMfa(in.EmailMfaSettings),
	})
	return empty(err)
}

// ListUsers lists a pool's users, one page at a time.
func (c *Client) ListUsers(ctx context.Context, in *transport.ListUsersInput) (*transport.ListUsersOutput, error) {
	in = orZero(in)
	out, err := c.api.ListUsers(ctx, &cip.ListUsersInput{
		UserPoolId:      aws.String(in.UserPoolID),
		AttributesToGet: in.AttributesToGet,
		Limit:           optInt32(in.Limit),
		PaginationToken: optStr(in.PaginationToken),
		Filter:          optStr(in.Filter),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListUsersOutput{Users: fromUsers(out.Users), PaginationToken: deref(out.PaginationToken)}, nil
}

// CreateGroup creates a group.
func (c *Client) CreateGroup(ctx context.Context, in *transport.CreateGroupInput) (*transport.GroupOutput, error) {
	in = orZero(in)
	out, err := c.api.CreateGroup(ctx, &cip.CreateGroupInput{
		GroupName:   aws.String(in.GroupName),
		UserPoolId:  aws.String(in.UserPoolID),
		Description: optStr(in.Description),
		RoleArn:     optStr(in.RoleArn),
		Precedence:  in.Precedence,
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GroupOutput{Group: fromGroupPtr(out.Group)}, nil
}

// GetGroup describes a group.
func (c *Client) GetGroup(ctx context.Context, in *transport.GroupRef) (*transport.GroupOutput, error) {
	in = orZero(in)
	out, err := c.api.GetGroup(ctx, &cip.GetGroupInput{
		GroupName:  aws.String(in.GroupName),
		UserPoolId: aws.String(in.UserPoolID),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.GroupOutput{Group: fromGroupPtr(out.Group)}, nil
}

// ListGroups lists a pool's groups, one page at a time.
func (c *Client) ListGroups(ctx context.Context, in *transport.ListGroupsInput) (*transport.ListGroupsOutput, error) {
	in = orZero(in)
	out, err := c.api.ListGroups(ctx, &cip.ListGroupsInput{
		UserPoolId: aws.String(in.UserPoolID),
		Limit:      optInt32(in.Limit),
		NextToken:  optStr(in.NextToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListGroupsOutput{Groups: fromGroups(out.Groups), NextToken: deref(out.NextToken)}, nil
}

// DeleteGroup deletes a group.
func (c *Client) DeleteGroup(ctx context.Context, in *transport.GroupRef) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.DeleteGroup(ctx, &cip.DeleteGroupInput{
		GroupName:  aws.String(in.GroupName),
		UserPoolId: aws.String(in.UserPoolID),
	})
	return empty(err)
}

// AdminAddUserToGroup adds a user to a group.
func (c *Client) AdminAddUserToGroup(ctx context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
		GroupName:  aws.String(in.GroupName),
	})
	return empty(err)
}

// AdminRemoveUserFromGroup removes a user from a group.
func (c *Client) AdminRemoveUserFromGroup(ctx context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	in = orZero(in)
	_, err := c.api.AdminRemoveUserFromGroup(ctx, &cip.AdminRemoveUserFromGroupInput{
		UserPoolId: aws.String(in.UserPoolID),
		Username:   aws.String(in.Username),
		GroupName:  aws.String(in.GroupName),
	})
	return empty(err)
}

// AdminListGroupsForUser lists a user's groups, one page at a time.
func (c *Client) AdminListGroupsForUser(ctx context.Context, in *transport.AdminListGroupsForUserInput) (*transport.ListGroupsOutput, error) {
	in = orZero(in)
	out, err := c.api.AdminListGroupsForUser(ctx, &cip.AdminListGroupsForUserInput{
		Username:   aws.String(in.Username),
		UserPoolId: aws.String(in.UserPoolID),
		Limit:      optInt32(in.Limit),
		NextToken:  optStr(in.NextToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListGroupsOutput{Groups: fromGroups(out.Groups), NextToken: deref(out.NextToken)}, nil
}

// ListUsersInGroup lists a group's users, one page at a time.
func (c *Client) ListUsersInGroup(ctx context.Context, in *transport.ListUsersInGroupInput) (*transport.ListUsersInGroupOutput, error) {
	in = orZero(in)
	out, err := c.api.ListUsersInGroup(ctx, &cip.ListUsersInGroupInput{
		UserPoolId: aws.String(in.UserPoolID),
		GroupName:  aws.String(in.GroupName),
		Limit:      optInt32(in.Limit),
		NextToken:  optStr(in.NextToken),
	})
	if err != nil {
		return nil, mapError(err)
	}
	return &transport.ListUsersInGroupOutput{Users: fromUsers(out.Users), NextToken: deref(out.NextToken)}, nil
}

func fromUser(u types.UserType) transport.User {
	return transport.User{
		Username:             deref(u.Username),
		Attributes:           fromAttrs(u.Attributes),
		UserCreateDate:       fromTime(u.UserCreateDate),
		UserLastModifiedDate: fromTime(u.UserLastModifiedDate),
		Enabled:              u.Enabled,
		UserStatus:           string(u.UserStatus),
		MFAOptions:           fromMFAOptions(u.MFAOptions),
	}
}

func fromUsers(us []types.UserType) []transport.User {
	if us == nil {
		return nil
	}
	out := make([]transport.User, len(us))
	for i, u := range us {
		out[i] = fromUser(u)
	}
	return out
}

func fromGroup(g types.GroupType) transport.Group {
	return transport.Group{
		GroupName:        deref(g.GroupName),
		UserPoolID:       deref(g.UserPoolId),
		Description:      deref(g.Description),
		RoleArn:          deref(g.RoleArn),
		Precedence:       g.Precedence,
		LastModifiedDate: fromTime(g.LastModifiedDate),
		CreationDate:     fromTime(g.CreationDate),
	}
}

func fromGroupPtr(g *types.GroupType) *transport.Group {
	if g == nil {
		return nil
	}
	v := fromGroup(*g)
	return &v
}

func fromGroups(gs []types.GroupType) []transport.Group {
	if gs == nil {
		return nil
	}
	out := make([]transport.Group, len(gs))
	for i, g := range gs {
		out[i] = fromGroup(g)
	}
	return out
}
