package fakecognito

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestAdminCreateUser(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{
		AliasAttributes: []string{"email"},
		Schema:          []transport.SchemaAttribute{{Name: "team", AttributeDataType: "String", Mutable: ptr(false)}},
	}})
	out, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com"), transport.Attr("custom:team", "blue")}})
	if err != nil {
		t.Fatal(err)
	}
	if out.User.UserStatus != transport.StatusForceChangePassword || !out.User.Enabled {
		t.Errorf("new user = %+v", out.User)
	}
	temp := e.f.Outbox().LastCode("alice")
	if err := checkPolicy(transport.PasswordPolicy{MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true}, temp); err != nil {
		t.Errorf("generated temporary password breaks the default policy: %v", err)
	}
	e.challenge(transport.ChallengeNewPasswordRequired)(e.passwordLogin("alice", temp))
	e.f.MustCreateUser(e.pool.ID, "carol", testPassword)
	if _, err := e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributes: []transport.AttributeType{transport.Attr("email_verified", "true")}}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		in   transport.AdminCreateUserInput
		code string
		msg  string
	}{
		{"exists", transport.AdminCreateUserInput{Username: "alice"}, "UsernameExistsException", "User account already exists"},
		{"email as user name", transport.AdminCreateUserInput{Username: "bob@example.com"}, "InvalidParameterException", ""},
		{"unknown attribute", transport.AdminCreateUserInput{Username: "bob", UserAttributes: []transport.AttributeType{transport.Attr("custom:nope", "x")}}, "InvalidParameterException", ""},
		{"bad email", transport.AdminCreateUserInput{Username: "bob", UserAttributes: []transport.AttributeType{transport.Attr("email", "not-an-email")}}, "InvalidParameterException", "Invalid email address format."},
		{"bad phone", transport.AdminCreateUserInput{Username: "bob", UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "555")}}, "InvalidParameterException", "Invalid phone number format."},
		{"sub", transport.AdminCreateUserInput{Username: "bob", UserAttributes: []transport.AttributeType{transport.Attr("sub", "x")}}, "InvalidParameterException", ""},
		{"weak temporary password", transport.AdminCreateUserInput{Username: "bob", TemporaryPassword: "password"}, "InvalidPasswordException", ""},
		{"verified alias taken", transport.AdminCreateUserInput{Username: "bob", UserAttributes: []transport.AttributeType{
			transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true")}}, "AliasExistsException", ""},
		{"resend for a confirmed user", transport.AdminCreateUserInput{Username: "carol", MessageAction: "RESEND"}, "UnsupportedUserStateException", ""},
		{"bad message action", transport.AdminCreateUserInput{Username: "bob", MessageAction: "SHOUT"}, "InvalidParameterException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.UserPoolID = e.pool.ID
			_, err := e.cog.AdminCreateUser(e.ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}

	// ForceAliasCreation moves the verified alias to the new user.
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "dave", ForceAliasCreation: true,
		MessageAction: "SUPPRESS", UserAttributes: []transport.AttributeType{transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true")}}); err != nil {
		t.Fatal(err)
	}
	a, _ := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
	if transport.Attributes(a.UserAttributes)["email_verified"] != "false" {
		t.Errorf("the alias stayed with alice")
	}
	if got, _ := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice@example.com"}); got == nil || got.Username != "dave" {
		t.Errorf("the alias does not name dave")
	}

	// RESEND gives a new temporary password.
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "alice", MessageAction: "RESEND"}); err != nil {
		t.Fatal(err)
	}
	if again := e.f.Outbox().LastCode("alice"); again == temp {
		t.Errorf("RESEND kept the old temporary password")
	}
	_, err = e.passwordLogin("alice", temp)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)

	// Immutable attributes cannot change.
	_, err = e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributes: []transport.AttributeType{transport.Attr("custom:team", "red")}})
	wantErr(t, err, "InvalidParameterException", "")
}

func TestAdminUserOperations(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		AutoVerifiedAttributes: []string{"email"},
		Policies:               &transport.PoolPolicies{PasswordPolicy: &transport.PasswordPolicy{MinimumLength: 8, RequireNumbers: true, PasswordHistorySize: 2}},
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	ref := &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}

	// Password history: the current and previous passwords are refused.
	set := func(pw string, permanent bool) error {
		_, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: e.pool.ID, Username: "alice", Password: pw, Permanent: permanent})
		return err
	}
	wantErr(t, set(testPassword, true), "PasswordHistoryPolicyViolationException", "")
	if err := set("another-pass-1", true); err != nil {
		t.Fatal(err)
	}
	wantErr(t, set(testPassword, true), "PasswordHistoryPolicyViolationException", "")
	wantErr(t, set("nodigits", true), "InvalidPasswordException", "Password did not conform with policy: Password must have numeric characters")
	if err := set("temporary-pass-2", false); err != nil {
		t.Fatal(err)
	}
	u, _ := e.cog.AdminGetUser(e.ctx, ref)
	if u.UserStatus != transport.StatusForceChangePassword {
		t.Errorf("status after a temporary password = %s", u.UserStatus)
	}

	// A changed e-mail address becomes unverified and gets a code.
	if _, err := e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "new@example.com")}}); err != nil {
		t.Fatal(err)
	}
	u, _ = e.cog.AdminGetUser(e.ctx, ref)
	if a := transport.Attributes(u.UserAttributes); a["email"] != "new@example.com" || a["email_verified"] != "false" || a["sub"] == "" {
		t.Errorf("attributes = %v", a)
	}
	if m, ok := e.f.Outbox().Last("new@example.com"); !ok || m.Purpose != PurposeVerifyAttribute {
		t.Errorf("no verification code for the new address: %+v", m)
	}
	if _, err := e.cog.AdminDeleteUserAttributes(e.ctx, &transport.AdminDeleteUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice",
		UserAttributeNames: []string{"email"}}); err != nil {
		t.Fatal(err)
	}
	_, err := e.cog.AdminDeleteUserAttributes(e.ctx, &transport.AdminDeleteUserAttributesInput{UserPoolID: e.pool.ID, Username: "alice", UserAttributeNames: []string{"sub"}})
	wantErr(t, err, "InvalidParameterException", "")

	// Reset needs a verified destination.
	_, err = e.cog.AdminResetUserPassword(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "alice"})
	wantErr(t, err, "InvalidParameterException", "")

	if _, err := e.cog.AdminDeleteUser(e.ctx, ref); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.AdminGetUser(e.ctx, ref)
	wantErr(t, err, "UserNotFoundException", msgUserNotFound)
	_, err = e.cog.AdminConfirmSignUp(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "alice"})
	wantErr(t, err, "UserNotFoundException", msgUserNotFound)
	if err := e.f.SetUserStatus(e.pool.ID, "bob", transport.StatusConfirmed); err == nil {
		t.Error("SetUserStatus of a missing user succeeded")
	}
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword)
	if err := e.f.SetUserStatus(e.pool.ID, "bob", "HAPPY"); err == nil {
		t.Error("SetUserStatus accepted an unknown status")
	}
}

func TestAdminResetUserPassword(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	if _, err := e.cog.AdminResetUserPassword(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.passwordLogin("alice", testPassword)
	wantErr(t, err, "PasswordResetRequiredException", msgResetRequired)
	if _, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice",
		ConfirmationCode: e.f.Outbox().LastCode("alice"), Password: newPassword}); err != nil {
		t.Fatal(err)
	}
	e.tokens(e.passwordLogin("alice", newPassword))
}

// An invited user (FORCE_CHANGE_PASSWORD) cannot reset its password by
// ForgotPassword, as in Cognito (RunaVault #15, amplify-js #6543), but an
// administrator's AdminResetUserPassword, documented for any user, works.
func TestForgotPasswordRefusesInvitedUsers(t *testing.T) {
	e := newEnv(t, envOpts{})
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "frank", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "frank@example.com"), transport.Attr("email_verified", "true")},
	}); err != nil {
		t.Fatal(err)
	}
	forgot := func() error {
		_, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "frank"})
		return err
	}
	wantErr(t, forgot(), "NotAuthorizedException", "User password cannot be reset in the current state.")
	if _, ok := e.f.Outbox().Last("frank"); ok {
		t.Errorf("a refused ForgotPassword sent a code")
	}

	if _, err := e.cog.AdminResetUserPassword(e.ctx, &transport.AdminUserMetadataInput{UserPoolID: e.pool.ID, Username: "frank"}); err != nil {
		t.Fatalf("AdminResetUserPassword of an invited user: %v", err)
	}
	if err := forgot(); err != nil {
		t.Fatalf("ForgotPassword after AdminResetUserPassword: %v", err)
	}
	if _, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "frank",
		ConfirmationCode: e.f.Outbox().LastCode("frank"), Password: newPassword}); err != nil {
		t.Fatal(err)
	}
	e.tokens(e.passwordLogin("frank", newPassword))
}

// The admin operations take a user's sub as Username (API reference: the
// value "must be the sub of a local user" when not an alias); sign-in does
// not.
func TestAdminOperationsTakeTheSub(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	got, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	sub := transport.Attributes(got.UserAttributes)["sub"]
	bySub, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub})
	if err != nil || bySub.Username != "alice" {
		t.Fatalf("AdminGetUser(sub) = %+v, %v; want alice", bySub, err)
	}
	if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub}); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"}); got == nil || got.Enabled {
		t.Fatalf("AdminDisableUser(sub) did not disable alice: %+v", got)
	}
	if _, err := e.cog.AdminEnableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub}); err != nil {
		t.Fatal(err)
	}

	// Not a sign-in name.
	_, err = e.passwordLogin(sub, testPassword)
	wantErr(t, err, "UserNotFoundException", "")

	// Still found after a restart, gone once deleted.
	var buf bytes.Buffer
	if err := e.f.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if err := e.f.Load(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub}); err != nil {
		t.Fatalf("AdminGetUser(sub) after Load: %v", err)
	}
	if _, err := e.cog.AdminDeleteUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: sub})
	wantErr(t, err, "UserNotFoundException", "")
}

func TestListUsers(t *testing.T) {
	e := newEnv(t, envOpts{})
	for i := range 7 {
		name := fmt.Sprintf("user%d", i)
		e.f.MustCreateUser(e.pool.ID, name, testPassword, transport.Attr("email", name+"@example.com"), transport.Attr("name", strings.Repeat("x", i)))
	}
	if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "user3"}); err != nil {
		t.Fatal(err)
	}
	if err := e.f.SetUserStatus(e.pool.ID, "user4", transport.StatusUnconfirmed); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		filter string
		want   int
	}{
		{"", 7},
		{`email = "user2@example.com"`, 1},
		{`email ^= "user"`, 7},
		{`username^="user1"`, 1},
		{`status = "Disabled"`, 1},
		{`status = "Enabled"`, 6},
		{`cognito:user_status = "UNCONFIRMED"`, 1},
		{`name ^= "xxxxx"`, 2},
		{`phone_number = "+1"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			var got int
			tok := ""
			for pages := 0; ; pages++ {
				out, err := e.cog.ListUsers(e.ctx, &transport.ListUsersInput{UserPoolID: e.pool.ID, Filter: tt.filter, Limit: 3, PaginationToken: tok,
					AttributesToGet: []string{"email"}})
				if err != nil {
					t.Fatal(err)
				}
				for _, u := range out.Users {
					if len(u.Attributes) != 1 || u.Attributes[0].Name != "email" {
						t.Errorf("attributes = %v, want only email", u.Attributes)
					}
				}
				got += len(out.Users)
				if tok = out.PaginationToken; tok == "" || pages > 10 {
					break
				}
			}
			if got != tt.want {
				t.Errorf("ListUsers(%q) = %d users, want %d", tt.filter, got, tt.want)
			}
		})
	}
	for _, bad := range []string{`email = user`, `shoe_size = "9"`, `email == "x"`, `email = "x" extra`} {
		_, err := e.cog.ListUsers(e.ctx, &transport.ListUsersInput{UserPoolID: e.pool.ID, Filter: bad})
		wantErr(t, err, "InvalidParameterException", "")
	}
	_, err := e.cog.ListUsers(e.ctx, &transport.ListUsersInput{UserPoolID: e.pool.ID, Limit: 61})
	wantErr(t, err, "InvalidParameterException", "")
}

func TestGroups(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword)
	for i, g := range []string{"readers", "admins", "writers"} {
		if _, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: g, Precedence: ptr(int32(3 - i))}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.cog.CreateGroup(e.ctx, &transport.CreateGroupInput{UserPoolID: e.pool.ID, GroupName: "admins"})
	wantErr(t, err, "GroupExistsException", "")
	for _, g := range []string{"readers", "admins", "writers"} {
		if _, err := e.cog.AdminAddUserToGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "alice", GroupName: g}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.cog.AdminAddUserToGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "bob", GroupName: "readers"}); err != nil {
		t.Fatal(err)
	}
	groups := e.claims(e.tokens(e.srpLogin("alice", testPassword, nil)).AccessToken)["cognito:groups"]
	if fmt.Sprint(groups) != "[writers admins readers]" {
		t.Errorf("cognito:groups = %v, want by precedence", groups)
	}
	l, err := e.cog.AdminListGroupsForUser(e.ctx, &transport.AdminListGroupsForUserInput{UserPoolID: e.pool.ID, Username: "alice", Limit: 2})
	if err != nil || len(l.Groups) != 2 || l.NextToken == "" {
		t.Fatalf("AdminListGroupsForUser = %+v, %v", l, err)
	}
	members, err := e.cog.ListUsersInGroup(e.ctx, &transport.ListUsersInGroupInput{UserPoolID: e.pool.ID, GroupName: "readers"})
	if err != nil || len(members.Users) != 2 {
		t.Fatalf("ListUsersInGroup = %+v, %v", members, err)
	}
	if _, err := e.cog.AdminRemoveUserFromGroup(e.ctx, &transport.UserGroupInput{UserPoolID: e.pool.ID, Username: "bob", GroupName: "readers"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.DeleteGroup(e.ctx, &transport.GroupRef{UserPoolID: e.pool.ID, GroupName: "admins"}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.GetGroup(e.ctx, &transport.GroupRef{UserPoolID: e.pool.ID, GroupName: "admins"})
	wantErr(t, err, "ResourceNotFoundException", "")
	all, err := e.cog.ListGroups(e.ctx, &transport.ListGroupsInput{UserPoolID: e.pool.ID})
	if err != nil || len(all.Groups) != 2 {
		t.Fatalf("ListGroups = %+v, %v", all, err)
	}
	members, _ = e.cog.ListUsersInGroup(e.ctx, &transport.ListUsersInGroupInput{UserPoolID: e.pool.ID, GroupName: "readers"})
	if len(members.Users) != 1 || members.Users[0].Username != "alice" {
		t.Errorf("readers = %+v", members.Users)
	}
}
