package awsjson

import (
	"context"
	"fmt"
	"sync"

	"github.com/gocognito/gocognito/transport"
)

// recorder implements every method of transport.Cognito: each records its
// name and the type of its input and returns an empty output, so that tests
// can see which method a request reached and with what.
type recorder struct {
	mu     sync.Mutex
	calls  []string
	inputs []any
}

var _ transport.Cognito = (*recorder)(nil)

func (r *recorder) record(name string, in any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, name)
	r.inputs = append(r.inputs, in)
}

func (r *recorder) last() (string, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.calls) == 0 {
		return "", ""
	}
	return r.calls[len(r.calls)-1], fmt.Sprintf("%T", r.inputs[len(r.inputs)-1])
}

func (r *recorder) SignUp(_ context.Context, in *transport.SignUpInput) (*transport.SignUpOutput, error) {
	r.record("SignUp", in)
	return &transport.SignUpOutput{}, nil
}

func (r *recorder) ConfirmSignUp(_ context.Context, in *transport.ConfirmSignUpInput) (*transport.ConfirmSignUpOutput, error) {
	r.record("ConfirmSignUp", in)
	return &transport.ConfirmSignUpOutput{}, nil
}

func (r *recorder) ResendConfirmationCode(_ context.Context, in *transport.ResendConfirmationCodeInput) (*transport.CodeDeliveryOutput, error) {
	r.record("ResendConfirmationCode", in)
	return &transport.CodeDeliveryOutput{}, nil
}

func (r *recorder) ForgotPassword(_ context.Context, in *transport.ForgotPasswordInput) (*transport.CodeDeliveryOutput, error) {
	r.record("ForgotPassword", in)
	return &transport.CodeDeliveryOutput{}, nil
}

func (r *recorder) ConfirmForgotPassword(_ context.Context, in *transport.ConfirmForgotPasswordInput) (*transport.Empty, error) {
	r.record("ConfirmForgotPassword", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ChangePassword(_ context.Context, in *transport.ChangePasswordInput) (*transport.Empty, error) {
	r.record("ChangePassword", in)
	return &transport.Empty{}, nil
}

func (r *recorder) GetUser(_ context.Context, in *transport.AccessTokenInput) (*transport.GetUserOutput, error) {
	r.record("GetUser", in)
	return &transport.GetUserOutput{}, nil
}

func (r *recorder) UpdateUserAttributes(_ context.Context, in *transport.UpdateUserAttributesInput) (*transport.UpdateUserAttributesOutput, error) {
	r.record("UpdateUserAttributes", in)
	return &transport.UpdateUserAttributesOutput{}, nil
}

func (r *recorder) DeleteUserAttributes(_ context.Context, in *transport.DeleteUserAttributesInput) (*transport.Empty, error) {
	r.record("DeleteUserAttributes", in)
	return &transport.Empty{}, nil
}

func (r *recorder) GetUserAttributeVerificationCode(_ context.Context, in *transport.GetUserAttributeVerificationCodeInput) (*transport.CodeDeliveryOutput, error) {
	r.record("GetUserAttributeVerificationCode", in)
	return &transport.CodeDeliveryOutput{}, nil
}

func (r *recorder) VerifyUserAttribute(_ context.Context, in *transport.VerifyUserAttributeInput) (*transport.Empty, error) {
	r.record("VerifyUserAttribute", in)
	return &transport.Empty{}, nil
}

func (r *recorder) DeleteUser(_ context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	r.record("DeleteUser", in)
	return &transport.Empty{}, nil
}

func (r *recorder) GlobalSignOut(_ context.Context, in *transport.AccessTokenInput) (*transport.Empty, error) {
	r.record("GlobalSignOut", in)
	return &transport.Empty{}, nil
}

func (r *recorder) RevokeToken(_ context.Context, in *transport.RevokeTokenInput) (*transport.Empty, error) {
	r.record("RevokeToken", in)
	return &transport.Empty{}, nil
}

func (r *recorder) StartWebAuthnRegistration(_ context.Context, in *transport.StartWebAuthnRegistrationInput) (*transport.StartWebAuthnRegistrationOutput, error) {
	r.record("StartWebAuthnRegistration", in)
	return &transport.StartWebAuthnRegistrationOutput{}, nil
}

func (r *recorder) CompleteWebAuthnRegistration(_ context.Context, in *transport.CompleteWebAuthnRegistrationInput) (*transport.Empty, error) {
	r.record("CompleteWebAuthnRegistration", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ListWebAuthnCredentials(_ context.Context, in *transport.ListWebAuthnCredentialsInput) (*transport.ListWebAuthnCredentialsOutput, error) {
	r.record("ListWebAuthnCredentials", in)
	return &transport.ListWebAuthnCredentialsOutput{}, nil
}

func (r *recorder) DeleteWebAuthnCredential(_ context.Context, in *transport.DeleteWebAuthnCredentialInput) (*transport.Empty, error) {
	r.record("DeleteWebAuthnCredential", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminCreateUser(_ context.Context, in *transport.AdminCreateUserInput) (*transport.AdminCreateUserOutput, error) {
	r.record("AdminCreateUser", in)
	return &transport.AdminCreateUserOutput{}, nil
}

func (r *recorder) AdminSetUserPassword(_ context.Context, in *transport.AdminSetUserPasswordInput) (*transport.Empty, error) {
	r.record("AdminSetUserPassword", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminGetUser(_ context.Context, in *transport.UserRef) (*transport.AdminGetUserOutput, error) {
	r.record("AdminGetUser", in)
	return &transport.AdminGetUserOutput{}, nil
}

func (r *recorder) AdminDeleteUser(_ context.Context, in *transport.UserRef) (*transport.Empty, error) {
	r.record("AdminDeleteUser", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminConfirmSignUp(_ context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	r.record("AdminConfirmSignUp", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminEnableUser(_ context.Context, in *transport.UserRef) (*transport.Empty, error) {
	r.record("AdminEnableUser", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminDisableUser(_ context.Context, in *transport.UserRef) (*transport.Empty, error) {
	r.record("AdminDisableUser", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminUpdateUserAttributes(_ context.Context, in *transport.AdminUpdateUserAttributesInput) (*transport.Empty, error) {
	r.record("AdminUpdateUserAttributes", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminDeleteUserAttributes(_ context.Context, in *transport.AdminDeleteUserAttributesInput) (*transport.Empty, error) {
	r.record("AdminDeleteUserAttributes", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminResetUserPassword(_ context.Context, in *transport.AdminUserMetadataInput) (*transport.Empty, error) {
	r.record("AdminResetUserPassword", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminUserGlobalSignOut(_ context.Context, in *transport.UserRef) (*transport.Empty, error) {
	r.record("AdminUserGlobalSignOut", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminSetUserMFAPreference(_ context.Context, in *transport.AdminSetUserMFAPreferenceInput) (*transport.Empty, error) {
	r.record("AdminSetUserMFAPreference", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ListUsers(_ context.Context, in *transport.ListUsersInput) (*transport.ListUsersOutput, error) {
	r.record("ListUsers", in)
	return &transport.ListUsersOutput{}, nil
}

func (r *recorder) CreateGroup(_ context.Context, in *transport.CreateGroupInput) (*transport.GroupOutput, error) {
	r.record("CreateGroup", in)
	return &transport.GroupOutput{}, nil
}

func (r *recorder) GetGroup(_ context.Context, in *transport.GroupRef) (*transport.GroupOutput, error) {
	r.record("GetGroup", in)
	return &transport.GroupOutput{}, nil
}

func (r *recorder) ListGroups(_ context.Context, in *transport.ListGroupsInput) (*transport.ListGroupsOutput, error) {
	r.record("ListGroups", in)
	return &transport.ListGroupsOutput{}, nil
}

func (r *recorder) DeleteGroup(_ context.Context, in *transport.GroupRef) (*transport.Empty, error) {
	r.record("DeleteGroup", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminAddUserToGroup(_ context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	r.record("AdminAddUserToGroup", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminRemoveUserFromGroup(_ context.Context, in *transport.UserGroupInput) (*transport.Empty, error) {
	r.record("AdminRemoveUserFromGroup", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminListGroupsForUser(_ context.Context, in *transport.AdminListGroupsForUserInput) (*transport.ListGroupsOutput, error) {
	r.record("AdminListGroupsForUser", in)
	return &transport.ListGroupsOutput{}, nil
}

func (r *recorder) ListUsersInGroup(_ context.Context, in *transport.ListUsersInGroupInput) (*transport.ListUsersInGroupOutput, error) {
	r.record("ListUsersInGroup", in)
	return &transport.ListUsersInGroupOutput{}, nil
}

func (r *recorder) InitiateAuth(_ context.Context, in *transport.InitiateAuthInput) (*transport.InitiateAuthOutput, error) {
	r.record("InitiateAuth", in)
	return &transport.InitiateAuthOutput{}, nil
}

func (r *recorder) RespondToAuthChallenge(_ context.Context, in *transport.RespondToAuthChallengeInput) (*transport.RespondToAuthChallengeOutput, error) {
	r.record("RespondToAuthChallenge", in)
	return &transport.RespondToAuthChallengeOutput{}, nil
}

func (r *recorder) GetTokensFromRefreshToken(_ context.Context, in *transport.GetTokensFromRefreshTokenInput) (*transport.GetTokensFromRefreshTokenOutput, error) {
	r.record("GetTokensFromRefreshToken", in)
	return &transport.GetTokensFromRefreshTokenOutput{}, nil
}

func (r *recorder) AdminInitiateAuth(_ context.Context, in *transport.AdminInitiateAuthInput) (*transport.AdminInitiateAuthOutput, error) {
	r.record("AdminInitiateAuth", in)
	return &transport.AdminInitiateAuthOutput{}, nil
}

func (r *recorder) AdminRespondToAuthChallenge(_ context.Context, in *transport.AdminRespondToAuthChallengeInput) (*transport.AdminRespondToAuthChallengeOutput, error) {
	r.record("AdminRespondToAuthChallenge", in)
	return &transport.AdminRespondToAuthChallengeOutput{}, nil
}

func (r *recorder) ConfirmDevice(_ context.Context, in *transport.ConfirmDeviceInput) (*transport.ConfirmDeviceOutput, error) {
	r.record("ConfirmDevice", in)
	return &transport.ConfirmDeviceOutput{}, nil
}

func (r *recorder) GetDevice(_ context.Context, in *transport.GetDeviceInput) (*transport.GetDeviceOutput, error) {
	r.record("GetDevice", in)
	return &transport.GetDeviceOutput{}, nil
}

func (r *recorder) ListDevices(_ context.Context, in *transport.ListDevicesInput) (*transport.ListDevicesOutput, error) {
	r.record("ListDevices", in)
	return &transport.ListDevicesOutput{}, nil
}

func (r *recorder) UpdateDeviceStatus(_ context.Context, in *transport.UpdateDeviceStatusInput) (*transport.Empty, error) {
	r.record("UpdateDeviceStatus", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ForgetDevice(_ context.Context, in *transport.ForgetDeviceInput) (*transport.Empty, error) {
	r.record("ForgetDevice", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminGetDevice(_ context.Context, in *transport.AdminGetDeviceInput) (*transport.GetDeviceOutput, error) {
	r.record("AdminGetDevice", in)
	return &transport.GetDeviceOutput{}, nil
}

func (r *recorder) AdminListDevices(_ context.Context, in *transport.AdminListDevicesInput) (*transport.ListDevicesOutput, error) {
	r.record("AdminListDevices", in)
	return &transport.ListDevicesOutput{}, nil
}

func (r *recorder) AdminForgetDevice(_ context.Context, in *transport.AdminForgetDeviceInput) (*transport.Empty, error) {
	r.record("AdminForgetDevice", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AdminUpdateDeviceStatus(_ context.Context, in *transport.AdminUpdateDeviceStatusInput) (*transport.Empty, error) {
	r.record("AdminUpdateDeviceStatus", in)
	return &transport.Empty{}, nil
}

func (r *recorder) AssociateSoftwareToken(_ context.Context, in *transport.AssociateSoftwareTokenInput) (*transport.AssociateSoftwareTokenOutput, error) {
	r.record("AssociateSoftwareToken", in)
	return &transport.AssociateSoftwareTokenOutput{}, nil
}

func (r *recorder) VerifySoftwareToken(_ context.Context, in *transport.VerifySoftwareTokenInput) (*transport.VerifySoftwareTokenOutput, error) {
	r.record("VerifySoftwareToken", in)
	return &transport.VerifySoftwareTokenOutput{}, nil
}

func (r *recorder) SetUserMFAPreference(_ context.Context, in *transport.SetUserMFAPreferenceInput) (*transport.Empty, error) {
	r.record("SetUserMFAPreference", in)
	return &transport.Empty{}, nil
}

func (r *recorder) CreateUserPool(_ context.Context, in *transport.CreateUserPoolInput) (*transport.UserPoolOutput, error) {
	r.record("CreateUserPool", in)
	return &transport.UserPoolOutput{}, nil
}

func (r *recorder) DescribeUserPool(_ context.Context, in *transport.PoolRef) (*transport.UserPoolOutput, error) {
	r.record("DescribeUserPool", in)
	return &transport.UserPoolOutput{}, nil
}

func (r *recorder) UpdateUserPool(_ context.Context, in *transport.UpdateUserPoolInput) (*transport.Empty, error) {
	r.record("UpdateUserPool", in)
	return &transport.Empty{}, nil
}

func (r *recorder) DeleteUserPool(_ context.Context, in *transport.PoolRef) (*transport.Empty, error) {
	r.record("DeleteUserPool", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ListUserPools(_ context.Context, in *transport.ListUserPoolsInput) (*transport.ListUserPoolsOutput, error) {
	r.record("ListUserPools", in)
	return &transport.ListUserPoolsOutput{}, nil
}

func (r *recorder) SetUserPoolMfaConfig(_ context.Context, in *transport.UserPoolMfaConfig) (*transport.UserPoolMfaConfig, error) {
	r.record("SetUserPoolMfaConfig", in)
	return &transport.UserPoolMfaConfig{}, nil
}

func (r *recorder) GetUserPoolMfaConfig(_ context.Context, in *transport.PoolRef) (*transport.UserPoolMfaConfig, error) {
	r.record("GetUserPoolMfaConfig", in)
	return &transport.UserPoolMfaConfig{}, nil
}

func (r *recorder) CreateUserPoolClient(_ context.Context, in *transport.CreateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	r.record("CreateUserPoolClient", in)
	return &transport.UserPoolClientOutput{}, nil
}

func (r *recorder) DescribeUserPoolClient(_ context.Context, in *transport.ClientRef) (*transport.UserPoolClientOutput, error) {
	r.record("DescribeUserPoolClient", in)
	return &transport.UserPoolClientOutput{}, nil
}

func (r *recorder) UpdateUserPoolClient(_ context.Context, in *transport.UpdateUserPoolClientInput) (*transport.UserPoolClientOutput, error) {
	r.record("UpdateUserPoolClient", in)
	return &transport.UserPoolClientOutput{}, nil
}

func (r *recorder) DeleteUserPoolClient(_ context.Context, in *transport.ClientRef) (*transport.Empty, error) {
	r.record("DeleteUserPoolClient", in)
	return &transport.Empty{}, nil
}

func (r *recorder) ListUserPoolClients(_ context.Context, in *transport.ListUserPoolClientsInput) (*transport.ListUserPoolClientsOutput, error) {
	r.record("ListUserPoolClients", in)
	return &transport.ListUserPoolClientsOutput{}, nil
}

func (r *recorder) CreateUserPoolDomain(_ context.Context, in *transport.CreateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
	r.record("CreateUserPoolDomain", in)
	return &transport.UserPoolDomainOutput{}, nil
}

func (r *recorder) DescribeUserPoolDomain(_ context.Context, in *transport.DescribeUserPoolDomainInput) (*transport.DescribeUserPoolDomainOutput, error) {
	r.record("DescribeUserPoolDomain", in)
	return &transport.DescribeUserPoolDomainOutput{}, nil
}

func (r *recorder) UpdateUserPoolDomain(_ context.Context, in *transport.UpdateUserPoolDomainInput) (*transport.UserPoolDomainOutput, error) {
	r.record("UpdateUserPoolDomain", in)
	return &transport.UserPoolDomainOutput{}, nil
}

func (r *recorder) DeleteUserPoolDomain(_ context.Context, in *transport.DeleteUserPoolDomainInput) (*transport.Empty, error) {
	r.record("DeleteUserPoolDomain", in)
	return &transport.Empty{}, nil
}

func (r *recorder) CreateResourceServer(_ context.Context, in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
	r.record("CreateResourceServer", in)
	return &transport.ResourceServerOutput{}, nil
}

func (r *recorder) DescribeResourceServer(_ context.Context, in *transport.ResourceServerRef) (*transport.ResourceServerOutput, error) {
	r.record("DescribeResourceServer", in)
	return &transport.ResourceServerOutput{}, nil
}

func (r *recorder) ListResourceServers(_ context.Context, in *transport.ListResourceServersInput) (*transport.ListResourceServersOutput, error) {
	r.record("ListResourceServers", in)
	return &transport.ListResourceServersOutput{}, nil
}

func (r *recorder) UpdateResourceServer(_ context.Context, in *transport.ResourceServerInput) (*transport.ResourceServerOutput, error) {
	r.record("UpdateResourceServer", in)
	return &transport.ResourceServerOutput{}, nil
}

func (r *recorder) DeleteResourceServer(_ context.Context, in *transport.ResourceServerRef) (*transport.Empty, error) {
	r.record("DeleteResourceServer", in)
	return &transport.Empty{}, nil
}

func (r *recorder) UpdateGroup(_ context.Context, in *transport.UpdateGroupInput) (*transport.GroupOutput, error) {
	r.record("UpdateGroup", in)
	return &transport.GroupOutput{}, nil
}

func (r *recorder) AddCustomAttributes(_ context.Context, in *transport.AddCustomAttributesInput) (*transport.Empty, error) {
	r.record("AddCustomAttributes", in)
	return &transport.Empty{}, nil
}
