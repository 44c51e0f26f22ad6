package awsjson

import (
	"context"

	"github.com/gocognito/gocognito/transport"
)

// operations is the routing table: every method of transport.Cognito, by
// the operation name that X-Amz-Target carries. The names are the method
// names, which are Cognito's operation names; a test checks by reflection
// that no method is missing and none is extra.
func operations(c transport.Cognito) map[string]handlerFunc {
	return map[string]handlerFunc{
		"InitiateAuth":                     op(c.InitiateAuth),
		"RespondToAuthChallenge":           op(c.RespondToAuthChallenge),
		"AdminInitiateAuth":                op(c.AdminInitiateAuth),
		"AdminRespondToAuthChallenge":      op(c.AdminRespondToAuthChallenge),
		"ConfirmDevice":                    op(c.ConfirmDevice),
		"GetDevice":                        op(c.GetDevice),
		"ListDevices":                      op(c.ListDevices),
		"UpdateDeviceStatus":               op(c.UpdateDeviceStatus),
		"ForgetDevice":                     op(c.ForgetDevice),
		"AdminGetDevice":                   op(c.AdminGetDevice),
		"AdminListDevices":                 op(c.AdminListDevices),
		"AdminForgetDevice":                op(c.AdminForgetDevice),
		"AdminUpdateDeviceStatus":          op(c.AdminUpdateDeviceStatus),
		"AssociateSoftwareToken":           op(c.AssociateSoftwareToken),
		"VerifySoftwareToken":              op(c.VerifySoftwareToken),
		"SetUserMFAPreference":             op(c.SetUserMFAPreference),
		"SignUp":                           op(c.SignUp),
		"ConfirmSignUp":                    op(c.ConfirmSignUp),
		"ResendConfirmationCode":           op(c.ResendConfirmationCode),
		"ForgotPassword":                   op(c.ForgotPassword),
		"ConfirmForgotPassword":            op(c.ConfirmForgotPassword),
		"ChangePassword":                   op(c.ChangePassword),
		"GetUser":                          op(c.GetUser),
		"UpdateUserAttributes":             op(c.UpdateUserAttributes),
		"DeleteUserAttributes":             op(c.DeleteUserAttributes),
		"GetUserAttributeVerificationCode": op(c.GetUserAttributeVerificationCode),
		"VerifyUserAttribute":              op(c.VerifyUserAttribute),
		"DeleteUser":                       op(c.DeleteUser),
		"GlobalSignOut":                    op(c.GlobalSignOut),
		"RevokeToken":                      op(c.RevokeToken),
		"AdminCreateUser":                  op(c.AdminCreateUser),
		"AdminSetUserPassword":             op(c.AdminSetUserPassword),
		"AdminGetUser":                     op(c.AdminGetUser),
		"AdminDeleteUser":                  op(c.AdminDeleteUser),
		"AdminConfirmSignUp":               op(c.AdminConfirmSignUp),
		"AdminEnableUser":                  op(c.AdminEnableUser),
		"AdminDisableUser":                 op(c.AdminDisableUser),
		"AdminUpdateUserAttributes":        op(c.AdminUpdateUserAttributes),
		"AdminDeleteUserAttributes":        op(c.AdminDeleteUserAttributes),
		"AdminResetUserPassword":           op(c.AdminResetUserPassword),
		"AdminUserGlobalSignOut":           op(c.AdminUserGlobalSignOut),
		"AdminSetUserMFAPreference":        op(c.AdminSetUserMFAPreference),
		"ListUsers":                        op(c.ListUsers),
		"CreateGroup":                      op(c.CreateGroup),
		"GetGroup":                         op(c.GetGroup),
		"ListGroups":                       op(c.ListGroups),
		"DeleteGroup":                      op(c.DeleteGroup),
		"AdminAddUserToGroup":              op(c.AdminAddUserToGroup),
		"AdminRemoveUserFromGroup":         op(c.AdminRemoveUserFromGroup),
		"AdminListGroupsForUser":           op(c.AdminListGroupsForUser),
		"ListUsersInGroup":                 op(c.ListUsersInGroup),
		"CreateUserPool":                   op(c.CreateUserPool),
		"DescribeUserPool":                 op(c.DescribeUserPool),
		"UpdateUserPool":                   op(c.UpdateUserPool),
		"DeleteUserPool":                   op(c.DeleteUserPool),
		"ListUserPools":                    op(c.ListUserPools),
		"SetUserPoolMfaConfig":             op(c.SetUserPoolMfaConfig),
		"GetUserPoolMfaConfig":             op(c.GetUserPoolMfaConfig),
		"CreateUserPoolClient":             op(c.CreateUserPoolClient),
		"DescribeUserPoolClient":           op(c.DescribeUserPoolClient),
		"UpdateUserPoolClient":             op(c.UpdateUserPoolClient),
		"DeleteUserPoolClient":             op(c.DeleteUserPoolClient),
		"ListUserPoolClients":              op(c.ListUserPoolClients),
	}
}

// handlerFunc runs one operation: it decodes body into the operation's input,
// calls the target and returns the output to encode.
type handlerFunc func(ctx context.Context, body []byte) (any, error)

// op adapts one method of transport.Cognito to a handlerFunc. I and O are
// inferred from the method, so each table entry decodes into exactly the
// input type its method takes.
func op[I, O any](fn func(context.Context, *I) (*O, error)) handlerFunc {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(I)
		if err := decode(body, in); err != nil {
			return nil, err
		}
		out, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		if out == nil {
			return struct{}{}, nil
		}
		return out, nil
	}
}
