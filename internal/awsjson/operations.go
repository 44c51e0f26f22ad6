package awsjson

import (
	"context"

	"github.com/gocognito/gocognito/transport"
)

// operations is the routing table: every method of transport.Cognito, by
// the operation name that X-Amz-Target carries. The names are the method
// names, which are Cognito's operation names; a test checks by reflection
// that no method is missing and none is extra. Entries are method
// expressions, so the table is built once for every target.
var operations = map[string]handlerFunc{
	"CreateUserPoolDomain":             op(transport.Cognito.CreateUserPoolDomain),
	"DescribeUserPoolDomain":           op(transport.Cognito.DescribeUserPoolDomain),
	"UpdateUserPoolDomain":             op(transport.Cognito.UpdateUserPoolDomain),
	"DeleteUserPoolDomain":             op(transport.Cognito.DeleteUserPoolDomain),
	"CreateResourceServer":             op(transport.Cognito.CreateResourceServer),
	"DescribeResourceServer":           op(transport.Cognito.DescribeResourceServer),
	"ListResourceServers":              op(transport.Cognito.ListResourceServers),
	"UpdateResourceServer":             op(transport.Cognito.UpdateResourceServer),
	"DeleteResourceServer":             op(transport.Cognito.DeleteResourceServer),
	"UpdateGroup":                      op(transport.Cognito.UpdateGroup),
	"AddCustomAttributes":              op(transport.Cognito.AddCustomAttributes),
	"InitiateAuth":                     op(transport.Cognito.InitiateAuth),
	"RespondToAuthChallenge":           op(transport.Cognito.RespondToAuthChallenge),
	"AdminInitiateAuth":                op(transport.Cognito.AdminInitiateAuth),
	"AdminRespondToAuthChallenge":      op(transport.Cognito.AdminRespondToAuthChallenge),
	"GetTokensFromRefreshToken":        op(transport.Cognito.GetTokensFromRefreshToken),
	"ConfirmDevice":                    op(transport.Cognito.ConfirmDevice),
	"GetDevice":                        op(transport.Cognito.GetDevice),
	"ListDevices":                      op(transport.Cognito.ListDevices),
	"UpdateDeviceStatus":               op(transport.Cognito.UpdateDeviceStatus),
	"ForgetDevice":                     op(transport.Cognito.ForgetDevice),
	"AdminGetDevice":                   op(transport.Cognito.AdminGetDevice),
	"AdminListDevices":                 op(transport.Cognito.AdminListDevices),
	"AdminForgetDevice":                op(transport.Cognito.AdminForgetDevice),
	"AdminUpdateDeviceStatus":          op(transport.Cognito.AdminUpdateDeviceStatus),
	"AssociateSoftwareToken":           op(transport.Cognito.AssociateSoftwareToken),
	"VerifySoftwareToken":              op(transport.Cognito.VerifySoftwareToken),
	"SetUserMFAPreference":             op(transport.Cognito.SetUserMFAPreference),
	"SignUp":                           op(transport.Cognito.SignUp),
	"ConfirmSignUp":                    op(transport.Cognito.ConfirmSignUp),
	"ResendConfirmationCode":           op(transport.Cognito.ResendConfirmationCode),
	"ForgotPassword":                   op(transport.Cognito.ForgotPassword),
	"ConfirmForgotPassword":            op(transport.Cognito.ConfirmForgotPassword),
	"ChangePassword":                   op(transport.Cognito.ChangePassword),
	"GetUser":                          op(transport.Cognito.GetUser),
	"UpdateUserAttributes":             op(transport.Cognito.UpdateUserAttributes),
	"DeleteUserAttributes":             op(transport.Cognito.DeleteUserAttributes),
	"GetUserAttributeVerificationCode": op(transport.Cognito.GetUserAttributeVerificationCode),
	"VerifyUserAttribute":              op(transport.Cognito.VerifyUserAttribute),
	"DeleteUser":                       op(transport.Cognito.DeleteUser),
	"GlobalSignOut":                    op(transport.Cognito.GlobalSignOut),
	"RevokeToken":                      op(transport.Cognito.RevokeToken),
	"StartWebAuthnRegistration":        op(transport.Cognito.StartWebAuthnRegistration),
	"CompleteWebAuthnRegistration":     op(transport.Cognito.CompleteWebAuthnRegistration),
	"ListWebAuthnCredentials":          op(transport.Cognito.ListWebAuthnCredentials),
	"DeleteWebAuthnCredential":         op(transport.Cognito.DeleteWebAuthnCredential),
	"AdminCreateUser":                  op(transport.Cognito.AdminCreateUser),
	"AdminSetUserPassword":             op(transport.Cognito.AdminSetUserPassword),
	"AdminGetUser":                     op(transport.Cognito.AdminGetUser),
	"AdminDeleteUser":                  op(transport.Cognito.AdminDeleteUser),
	"AdminConfirmSignUp":               op(transport.Cognito.AdminConfirmSignUp),
	"AdminEnableUser":                  op(transport.Cognito.AdminEnableUser),
	"AdminDisableUser":                 op(transport.Cognito.AdminDisableUser),
	"AdminUpdateUserAttributes":        op(transport.Cognito.AdminUpdateUserAttributes),
	"AdminDeleteUserAttributes":        op(transport.Cognito.AdminDeleteUserAttributes),
	"AdminResetUserPassword":           op(transport.Cognito.AdminResetUserPassword),
	"AdminUserGlobalSignOut":           op(transport.Cognito.AdminUserGlobalSignOut),
	"AdminSetUserMFAPreference":        op(transport.Cognito.AdminSetUserMFAPreference),
	"ListUsers":                        op(transport.Cognito.ListUsers),
	"CreateGroup":                      op(transport.Cognito.CreateGroup),
	"GetGroup":                         op(transport.Cognito.GetGroup),
	"ListGroups":                       op(transport.Cognito.ListGroups),
	"DeleteGroup":                      op(transport.Cognito.DeleteGroup),
	"AdminAddUserToGroup":              op(transport.Cognito.AdminAddUserToGroup),
	"AdminRemoveUserFromGroup":         op(transport.Cognito.AdminRemoveUserFromGroup),
	"AdminListGroupsForUser":           op(transport.Cognito.AdminListGroupsForUser),
	"ListUsersInGroup":                 op(transport.Cognito.ListUsersInGroup),
	"CreateUserPool":                   op(transport.Cognito.CreateUserPool),
	"DescribeUserPool":                 op(transport.Cognito.DescribeUserPool),
	"UpdateUserPool":                   op(transport.Cognito.UpdateUserPool),
	"DeleteUserPool":                   op(transport.Cognito.DeleteUserPool),
	"ListUserPools":                    op(transport.Cognito.ListUserPools),
	"SetUserPoolMfaConfig":             op(transport.Cognito.SetUserPoolMfaConfig),
	"GetUserPoolMfaConfig":             op(transport.Cognito.GetUserPoolMfaConfig),
	"CreateUserPoolClient":             op(transport.Cognito.CreateUserPoolClient),
	"DescribeUserPoolClient":           op(transport.Cognito.DescribeUserPoolClient),
	"UpdateUserPoolClient":             op(transport.Cognito.UpdateUserPoolClient),
	"DeleteUserPoolClient":             op(transport.Cognito.DeleteUserPoolClient),
	"ListUserPoolClients":              op(transport.Cognito.ListUserPoolClients),
}

// handlerFunc runs one operation on target: it decodes body into the
// operation's input, calls the method and returns the output to encode.
type handlerFunc func(ctx context.Context, target transport.Cognito, body []byte) (any, error)

// op adapts one method of transport.Cognito to a handlerFunc. I and O are
// inferred from the method, so each table entry decodes into exactly the
// input type its method takes.
func op[I, O any](method func(transport.Cognito, context.Context, *I) (*O, error)) handlerFunc {
	return func(ctx context.Context, target transport.Cognito, body []byte) (any, error) {
		in := new(I)
		if err := decode(body, in); err != nil {
			return nil, err
		}
		out, err := method(target, ctx, in)
		if err != nil {
			return nil, err
		}
		if out == nil {
			return struct{}{}, nil
		}
		return out, nil
	}
}
