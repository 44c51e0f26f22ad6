package account

import (
	"context"
	"fmt"
	"iter"
	"log/slog"

	"github.com/gocognito/gocognito/transport"
)

// Privileged is what an Admin needs of a transport: the administrator's
// calls, SigV4-signed on real Cognito. Both fakecognito.Fake and
// awssdk.Client (with credentials) implement it.
type Privileged interface {
	transport.Admin
	transport.AdminDevices
}

// Admin makes the administrator's calls on one pool's users, groups and
// devices (pycognito's admin_* methods). User names may be a user's name in
// the pool or, where the pool allows it, an alias. It is a plain
// configuration; its methods are safe for concurrent use.
type Admin struct {
	// Transport reaches the service with credentials allowed to call the
	// cognito-idp Admin* operations.
	Transport Privileged
	// PoolID is the user pool: "us-east-1_AbC123".
	PoolID string
	// ClientMetadata goes to Cognito's Lambda triggers with every call that
	// takes it (user creation, confirmation, password reset, attribute
	// updates).
	ClientMetadata map[string]string
}

func (a *Admin) ready(op string) error {
	switch {
	case a == nil || a.Transport == nil:
		return invalid(op, "Admin.Transport is nil")
	case a.PoolID == "":
		return invalid(op, "Admin.PoolID is empty")
	}
	return nil
}

func (a *Admin) ref(username string) *transport.UserRef {
	return &transport.UserRef{UserPoolID: a.PoolID, Username: username}
}

// Values of NewUser.MessageAction.
const (
	// MessageSuppress creates the user without sending the invitation.
	MessageSuppress = "SUPPRESS"
	// MessageResend sends the invitation of an existing user again, with a
	// new temporary password; the user must still be FORCE_CHANGE_PASSWORD.
	MessageResend = "RESEND"
)

// NewUser is what CreateUser sends.
type NewUser struct {
	Username string
	// TemporaryPassword is the password of the first login, which must then
	// set a new one (NEW_PASSWORD_REQUIRED). "" lets Cognito generate one
	// and send it in the invitation.
	TemporaryPassword string
	Attributes        map[string]string
	// ValidationData goes to the pre sign-up trigger and is not stored.
	ValidationData map[string]string
	// MessageAction is "" (send the invitation), MessageSuppress or
	// MessageResend.
	MessageAction string
	// DeliveryMediums are where the invitation goes: transport.MediumSMS,
	// transport.MediumEmail or both; none means SMS, as in Cognito.
	DeliveryMediums []string
	// ForceAliasCreation moves an e-mail address or phone number that
	// another user holds as an alias to this user.
	ForceAliasCreation bool
}

// String hides the temporary password.
func (u NewUser) String() string {
	return fmt.Sprintf("account.NewUser{Username:%s TemporaryPassword:%s Attributes:%v MessageAction:%s DeliveryMediums:%v}",
		u.Username, redact(u.TemporaryPassword), u.Attributes, u.MessageAction, u.DeliveryMediums)
}

// GoString hides the temporary password from %#v.
func (u NewUser) GoString() string { return u.String() }

// LogValue hides the temporary password from log/slog.
func (u NewUser) LogValue() slog.Value { return slog.StringValue(u.String()) }

// CreateUser creates a user in status FORCE_CHANGE_PASSWORD and, unless
// suppressed, sends it an invitation with the temporary password
// (pycognito's admin_create_user).
func (a *Admin) CreateUser(ctx context.Context, u NewUser) (*User, error) {
	const op = "create user"
	if err := a.ready(op); err != nil {
		return nil, err
	}
	out, err := a.Transport.AdminCreateUser(ctx, &transport.AdminCreateUserInput{
		UserPoolID:             a.PoolID,
		Username:               u.Username,
		UserAttributes:         wireAttributes(u.Attributes),
		ValidationData:         wireAttributes(u.ValidationData),
		TemporaryPassword:      u.TemporaryPassword,
		ForceAliasCreation:     u.ForceAliasCreation,
		MessageAction:          u.MessageAction,
		DesiredDeliveryMediums: u.DeliveryMediums,
		ClientMetadata:         a.ClientMetadata,
	})
	if err != nil {
		return nil, wrap(op, err)
	}
	if out.User == nil {
		return &User{Username: u.Username, Attributes: map[string]string{}}, nil
	}
	user := userFromList(*out.User)
	return &user, nil
}

// User describes a user (pycognito's admin_get_user).
func (a *Admin) User(ctx context.Context, username string) (*User, error) {
	const op = "get user"
	if err := a.ready(op); err != nil {
		return nil, err
	}
	out, err := a.Transport.AdminGetUser(ctx, a.ref(username))
	if err != nil {
		return nil, wrap(op, err)
	}
	return &User{
		Username:   out.Username,
		Attributes: attributeMap(out.UserAttributes),
		MFA:        mfaSettings(out.UserMFASettingList, out.PreferredMfaSetting, out.MFAOptions),
		Status:     out.UserStatus,
		Enabled:    out.Enabled,
		Created:    timeOf(out.UserCreateDate),
		Modified:   timeOf(out.UserLastModifiedDate),
	}, nil
}

// SetPassword sets a user's password (pycognito's admin_set_user_password):
// permanent, or temporary so that the next login must change it.
func (a *Admin) SetPassword(ctx context.Context, username, password string, permanent bool) error {
	const op = "set user password"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{
		UserPoolID: a.PoolID, Username: username, Password: password, Permanent: permanent,
	})
	return wrap(op, err)
}

// ResetPassword makes a user reset its password: Cognito sends a code for
// Client.ConfirmForgotPassword, and logins fail with
// transport.ErrPasswordResetRequired until then (pycognito's
// admin_reset_password).
func (a *Admin) ResetPassword(ctx context.Context, username string) error {
	const op = "reset user password"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminResetUserPassword(ctx, &transport.AdminUserMetadataInput{
		UserPoolID: a.PoolID, Username: username, ClientMetadata: a.ClientMetadata,
	})
	return wrap(op, err)
}

// ConfirmSignUp confirms a signed-up user without a code (pycognito's
// admin_confirm_sign_up).
func (a *Admin) ConfirmSignUp(ctx context.Context, username string) error {
	const op = "confirm sign-up"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminConfirmSignUp(ctx, &transport.AdminUserMetadataInput{
		UserPoolID: a.PoolID, Username: username, ClientMetadata: a.ClientMetadata,
	})
	return wrap(op, err)
}

// EnableUser lets a disabled user sign in again.
func (a *Admin) EnableUser(ctx context.Context, username string) error {
	const op = "enable user"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminEnableUser(ctx, a.ref(username))
	return wrap(op, err)
}

// DisableUser stops a user from signing in; its tokens stop working.
func (a *Admin) DisableUser(ctx context.Context, username string) error {
	const op = "disable user"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminDisableUser(ctx, a.ref(username))
	return wrap(op, err)
}

// DeleteUser deletes a user (pycognito's admin_delete_user).
func (a *Admin) DeleteUser(ctx context.Context, username string) error {
	const op = "delete user"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminDeleteUser(ctx, a.ref(username))
	return wrap(op, err)
}

// UpdateAttributes sets attributes of a user (pycognito's
// admin_update_profile); an administrator may set "email_verified" and
// "phone_number_verified" too.
func (a *Admin) UpdateAttributes(ctx context.Context, username string, attrs map[string]string) error {
	const op = "update user attributes"
	if err := a.ready(op); err != nil {
		return err
	}
	if len(attrs) == 0 {
		return invalid(op, "no attributes")
	}
	_, err := a.Transport.AdminUpdateUserAttributes(ctx, &transport.AdminUpdateUserAttributesInput{
		UserPoolID: a.PoolID, Username: username, UserAttributes: wireAttributes(attrs), ClientMetadata: a.ClientMetadata,
	})
	return wrap(op, err)
}

// DeleteAttributes deletes attributes of a user.
func (a *Admin) DeleteAttributes(ctx context.Context, username string, names ...string) error {
	const op = "delete user attributes"
	if err := a.ready(op); err != nil {
		return err
	}
	if len(names) == 0 {
		return invalid(op, "no attribute names")
	}
	_, err := a.Transport.AdminDeleteUserAttributes(ctx, &transport.AdminDeleteUserAttributesInput{
		UserPoolID: a.PoolID, Username: username, UserAttributeNames: names,
	})
	return wrap(op, err)
}

// SignOut signs a user out everywhere, revoking its refresh tokens
// (AdminUserGlobalSignOut).
func (a *Admin) SignOut(ctx context.Context, username string) error {
	const op = "global sign-out"
	if err := a.ready(op); err != nil {
		return err
	}
	_, err := a.Transport.AdminUserGlobalSignOut(ctx, a.ref(username))
	return wrap(op, err)
}

// SetMFAPreference changes a user's MFA kinds as an administrator
// (AdminSetUserMFAPreference).
func (a *Admin) SetMFAPreference(ctx context.Context, username string, p MFAPreference) error {
	const op = "set user MFA preference"
	if err := a.ready(op); err != nil {
		return err
	}
	sms, totp, email, err := p.wire(op)
	if err != nil {
		return err
	}
	_, err = a.Transport.AdminSetUserMFAPreference(ctx, &transport.AdminSetUserMFAPreferenceInput{
		UserPoolID: a.PoolID, Username: username, SMSMfaSettings: sms, SoftwareTokenMfaSettings: totp, EmailMfaSettings: email,
	})
	return wrap(op, err)
}

// UserQuery narrows Users.
type UserQuery struct {
	// Filter is Cognito's ListUsers filter, one condition on one attribute:
	// FilterEquals("email", "a@example.com"), FilterPrefix("name", "Jo"),
	// `status = "Enabled"`. "" lists every user.
	Filter string
	// Attributes limits the attributes returned; nil returns all.
	Attributes []string
	// PageSize is how many users each call asks for, at most 60; 0 lets
	// Cognito choose.
	PageSize int32
}

// Users lists the pool's users matching q, following pagination to the
// end (pycognito's get_users). Collect gathers them into a slice.
func (a *Admin) Users(ctx context.Context, q UserQuery) iter.Seq2[User, error] {
	const op = "list users"
	if err := a.ready(op); err != nil {
		return failed[User](err)
	}
	return paginate(ctx, op, func(ctx context.Context, token string) ([]User, string, error) {
		out, err := a.Transport.ListUsers(ctx, &transport.ListUsersInput{
			UserPoolID: a.PoolID, AttributesToGet: q.Attributes, Limit: q.PageSize, PaginationToken: token, Filter: q.Filter,
		})
		if err != nil {
			return nil, "", err
		}
		return usersOf(out.Users), out.PaginationToken, nil
	})
}

func usersOf(list []transport.User) []User {
	out := make([]User, len(list))
	for i, u := range list {
		out[i] = userFromList(u)
	}
	return out
}

// failed is a list that yields one error.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// The administrator's device calls (transport.AdminDevices).

// Devices lists a user's devices, following pagination to the end
// (pycognito's admin_list_devices).
func (a *Admin) Devices(ctx context.Context, username string) iter.Seq2[Device, error] {
	const op = "list user devices"
	if err := a.ready(op); err != nil {
		return failed[Device](err)
	}
	return paginate(ctx, op, func(ctx context.Context, token string) ([]Device, string, error) {
		out, err := a.Transport.AdminListDevices(ctx, &transport.AdminListDevicesInput{
			UserPoolID: a.PoolID, Username: username, PaginationToken: token,
		})
		if err != nil {
			return nil, "", err
		}
		return devicesOf(out.Devices), out.PaginationToken, nil
	})
}

// Device describes a device of a user.
func (a *Admin) Device(ctx context.Context, username, key string) (*Device, error) {
	const op = "get user device"
	if err := a.ready(op); err != nil {
		return nil, err
	}
	out, err := a.Transport.AdminGetDevice(ctx, &transport.AdminGetDeviceInput{DeviceKey: key, UserPoolID: a.PoolID, Username: username})
	if err != nil {
		return nil, wrap(op, err)
	}
	d := deviceOf(out.Device)
	return &d, nil
}

// ForgetDevice makes Cognito forget a device of a user (pycognito's
// admin_forget_device).
func (a *Admin) ForgetDevice(ctx context.Context, username, key string) error {
	const op = "forget user device"
	if err := a.ready(op); err != nil {
		return err
	}
	if key == "" {
		return invalid(op, "no device key")
	}
	_, err := a.Transport.AdminForgetDevice(ctx, &transport.AdminForgetDeviceInput{UserPoolID: a.PoolID, Username: username, DeviceKey: key})
	return wrap(op, err)
}

// RememberDevice sets whether a device of a user is remembered
// (AdminUpdateDeviceStatus).
func (a *Admin) RememberDevice(ctx context.Context, username, key string, remember bool) error {
	const op = "update user device status"
	if err := a.ready(op); err != nil {
		return err
	}
	if key == "" {
		return invalid(op, "no device key")
	}
	_, err := a.Transport.AdminUpdateDeviceStatus(ctx, &transport.AdminUpdateDeviceStatusInput{
		UserPoolID: a.PoolID, Username: username, DeviceKey: key, DeviceRememberedStatus: rememberedStatus(remember),
	})
	return wrap(op, err)
}
