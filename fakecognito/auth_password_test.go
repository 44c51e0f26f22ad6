package fakecognito

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

func (e *env) passwordLogin(name, password string) (*transport.ChallengeOutput, error) {
	return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserPassword, ClientID: e.client.ClientID,
		AuthParameters: e.withHash(map[string]string{transport.ParamUsername: name, transport.ParamPassword: password}, name),
	})
}

func TestPasswordFlows(t *testing.T) {
	tests := []struct {
		name     string
		admin    bool
		flow     string
		password string
		flows    []string
		code     string
		msg      string
	}{
		{name: "USER_PASSWORD_AUTH", flow: transport.FlowUserPassword, password: testPassword},
		{name: "wrong password", flow: transport.FlowUserPassword, password: wrongPassword, code: "NotAuthorizedException", msg: msgIncorrectCredentials},
		{name: "ADMIN_USER_PASSWORD_AUTH", admin: true, flow: transport.FlowAdminUserPassword, password: testPassword},
		{name: "ADMIN_NO_SRP_AUTH", admin: true, flow: transport.FlowAdminNoSRP, password: testPassword},
		{name: "admin flow on InitiateAuth", flow: transport.FlowAdminUserPassword, password: testPassword, code: "InvalidParameterException", msg: msgMethodNotSupported},
		{name: "USER_PASSWORD_AUTH on AdminInitiateAuth", admin: true, flow: transport.FlowUserPassword, password: testPassword, code: "InvalidParameterException", msg: msgMethodNotSupported},
		{name: "unknown flow", flow: "MAGIC", password: testPassword, code: "InvalidParameterException", msg: msgMethodNotSupported},
		{name: "not enabled", flow: transport.FlowUserPassword, password: testPassword, flows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			code: "InvalidParameterException", msg: "USER_PASSWORD_AUTH flow not enabled for this client"},
		{name: "admin not enabled", admin: true, flow: transport.FlowAdminUserPassword, password: testPassword, flows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			code: "InvalidParameterException", msg: "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client"},
		{name: "legacy ADMIN_NO_SRP_AUTH value", admin: true, flow: transport.FlowAdminNoSRP, password: testPassword, flows: []string{transport.LegacyAdminNoSRPAuth}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{client: transport.ClientSettings{ExplicitAuthFlows: tt.flows}})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			params := map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: tt.password}
			var out *transport.ChallengeOutput
			var err error
			if tt.admin {
				out, err = e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: tt.flow, AuthParameters: params})
			} else {
				out, err = e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{ClientID: e.client.ClientID, AuthFlow: tt.flow, AuthParameters: params})
			}
			if tt.code != "" {
				wantErr(t, err, tt.code, tt.msg)
				return
			}
			mustTokens(t, out, err)
		})
	}
}

func TestUserStatesAtSignIn(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
	if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword,
		UserAttributes: []transport.AttributeType{transport.Attr("email", "carol@example.com")}}); err != nil {
		t.Fatal(err)
	}
	// Unconfirmed: the password is checked first, then the status.
	_, err := e.passwordLogin("carol", wrongPassword)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
	_, err = e.passwordLogin("carol", testPassword)
	wantErr(t, err, "UserNotConfirmedException", msgUserNotConfirmed)
	_, err = e.srpLogin("carol", testPassword, nil)
	wantErr(t, err, "UserNotConfirmedException", msgUserNotConfirmed)

	if _, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, Username: "carol",
		ConfirmationCode: e.f.Outbox().LastCode("carol")}); err != nil {
		t.Fatal(err)
	}
	e.tokens(e.passwordLogin("carol", testPassword))

	if _, err := e.cog.AdminDisableUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "carol"}); err != nil {
		t.Fatal(err)
	}
	_, err = e.passwordLogin("carol", testPassword)
	wantErr(t, err, "NotAuthorizedException", msgUserDisabled)
}

func TestNewPasswordRequired(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{
		Schema: []transport.SchemaAttribute{{Name: "name", AttributeDataType: "String", Required: true, Mutable: ptr(true)}},
	}})
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "dave", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
	}); err == nil {
		t.Fatal("AdminCreateUser without a required attribute succeeded")
	}
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "dave", TemporaryPassword: testPassword,
		UserAttributes: []transport.AttributeType{transport.Attr("name", "Dave"), transport.Attr("email", "dave@example.com")},
	}); err != nil {
		t.Fatal(err)
	}
	if m, ok := e.f.Outbox().Last("dave"); !ok || m.Purpose != PurposeInvite || m.Code != testPassword || m.Medium != "EMAIL" {
		t.Errorf("invitation = %+v, %v", m, ok)
	}

	ch := e.challenge(transport.ChallengeNewPasswordRequired)(e.srpLogin("dave", testPassword, nil))
	var attrs map[string]string
	if err := json.Unmarshal([]byte(ch.ChallengeParameters[transport.ParamUserAttributes]), &attrs); err != nil || attrs["email"] != "dave@example.com" {
		t.Errorf("userAttributes = %q (%v)", ch.ChallengeParameters[transport.ParamUserAttributes], err)
	}
	if _, ok := attrs["sub"]; ok {
		t.Errorf("userAttributes lists sub")
	}
	if got := ch.ChallengeParameters[transport.ParamRequiredAttributes]; got != "[]" {
		t.Errorf("requiredAttributes = %s, want [] (name is set)", got)
	}

	answer := func(pw string, extra map[string]string) (*transport.ChallengeOutput, error) {
		resp := map[string]string{transport.ParamUsername: "dave", transport.ParamNewPassword: pw}
		for k, v := range extra {
			resp[k] = v
		}
		return e.respond(transport.ChallengeNewPasswordRequired, ch.Session, resp)
	}
	_, err := answer("short", nil)
	wantErr(t, err, "InvalidPasswordException", "Password did not conform with policy: Password not long enough")
	_, err = answer(newPassword, map[string]string{"userAttributes.name": ""})
	wantErr(t, err, "InvalidParameterException", "Invalid attributes given, name is missing")
	res := e.tokens(answer(newPassword, map[string]string{"userAttributes.family_name": "Jones"}))
	if got := e.claims(res.IDToken)["family_name"]; got != "Jones" {
		t.Errorf("family_name = %v, want the attribute given with the new password", got)
	}
	_, err = answer(newPassword, nil)
	wantErr(t, err, "NotAuthorizedException", msgSessionUsed)

	// The old password is gone, the new one works, the status is CONFIRMED.
	_, err = e.passwordLogin("dave", testPassword)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
	e.tokens(e.passwordLogin("dave", newPassword))
	u, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "dave"})
	if err != nil || u.UserStatus != transport.StatusConfirmed {
		t.Fatalf("AdminGetUser = %+v, %v", u, err)
	}
}

// NEW_PASSWORD_REQUIRED may provide a missing e-mail address or phone
// number but not replace one already provided (aws-saas-factory-bootcamp
// #67), nor write a *_verified flag (aws-sdk-ios #2203).
func TestNewPasswordRequiredKeepsProvidedContacts(t *testing.T) {
	tests := []struct {
		name, attr, value, code, msg string
	}{
		{"same e-mail", "email", "erin@example.com", "NotAuthorizedException", "Cannot modify an already provided email"},
		{"other e-mail", "email", "eve@example.com", "NotAuthorizedException", "Cannot modify an already provided email"},
		{"email_verified", "email_verified", "true", "InvalidParameterException", "Cannot modify the non-mutable attribute email_verified"},
		{"phone_number_verified", "phone_number_verified", "true", "InvalidParameterException", "Cannot modify the non-mutable attribute phone_number_verified"},
	}
	e := newEnv(t, envOpts{})
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "erin", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
		UserAttributes: []transport.AttributeType{transport.Attr("email", "erin@example.com")},
	}); err != nil {
		t.Fatal(err)
	}
	ch := e.challenge(transport.ChallengeNewPasswordRequired)(e.srpLogin("erin", testPassword, nil))
	answer := func(attrs map[string]string) (*transport.ChallengeOutput, error) {
		resp := map[string]string{transport.ParamUsername: "erin", transport.ParamNewPassword: newPassword}
		for k, v := range attrs {
			resp[transport.ParamUserAttributePrefix+k] = v
		}
		return e.respond(transport.ChallengeNewPasswordRequired, ch.Session, resp)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := answer(map[string]string{tt.attr: tt.value})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
	// A phone number not yet provided may be given; then it cannot be
	// replaced the same way at the next NEW_PASSWORD_REQUIRED.
	res := e.tokens(answer(map[string]string{"phone_number": "+15555550100"}))
	if got := e.claims(res.IDToken)["phone_number"]; got != "+15555550100" {
		t.Errorf("phone_number = %v, want the one given with the new password", got)
	}
	if err := e.f.SetUserStatus(e.pool.ID, "erin", transport.StatusForceChangePassword); err != nil {
		t.Fatal(err)
	}
	ch = e.challenge(transport.ChallengeNewPasswordRequired)(e.srpLogin("erin", newPassword, nil))
	_, err := answer(map[string]string{"phone_number": "+15555550199"})
	wantErr(t, err, "NotAuthorizedException", "Cannot modify an already provided phone_number")
}

func TestTemporaryPasswordExpires(t *testing.T) {
	tests := []struct {
		name  string
		pool  transport.CreateUserPoolInput
		valid time.Duration
	}{
		{"default 7 days", transport.CreateUserPoolInput{}, 7 * 24 * time.Hour},
		{"policy", transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{Policies: &transport.PoolPolicies{
			PasswordPolicy: &transport.PasswordPolicy{MinimumLength: 8, TemporaryPasswordValidityDays: 2}}}}, 2 * 24 * time.Hour},
		{"legacy UnusedAccountValidityDays", transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			AdminCreateUserConfig: &transport.AdminCreateUserConfig{UnusedAccountValidityDays: 3}}}, 3 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{pool: tt.pool})
			if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
				UserPoolID: e.pool.ID, Username: "erin", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
			}); err != nil {
				t.Fatal(err)
			}
			e.clk.Advance(tt.valid - time.Minute)
			e.challenge(transport.ChallengeNewPasswordRequired)(e.passwordLogin("erin", testPassword))
			e.clk.Advance(2 * time.Minute)
			_, err := e.passwordLogin("erin", testPassword)
			wantErr(t, err, "NotAuthorizedException", msgTempPasswordExpired)
		})
	}
}

func TestSessions(t *testing.T) {
	setup := func(t *testing.T) (*env, *transport.ChallengeOutput) {
		e := newEnv(t, envOpts{client: transport.ClientSettings{AuthSessionValidity: 5}})
		if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
			UserPoolID: e.pool.ID, Username: "dave", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
		}); err != nil {
			t.Fatal(err)
		}
		ch := e.challenge(transport.ChallengeNewPasswordRequired)(e.passwordLogin("dave", testPassword))
		if n := len(ch.Session); n < 20 || n > 2048 {
			t.Fatalf("session of %d characters, want 20 to 2048", n)
		}
		return e, ch
	}
	answer := map[string]string{transport.ParamUsername: "dave", transport.ParamNewPassword: newPassword}
	tests := []struct {
		name string
		act  func(e *env, ch *transport.ChallengeOutput) error
		code string
		msg  string
	}{
		{name: "expired", code: "NotAuthorizedException", msg: msgSessionExpired, act: func(e *env, ch *transport.ChallengeOutput) error {
			e.clk.Advance(5*time.Minute + time.Second)
			_, err := e.respond(transport.ChallengeNewPasswordRequired, ch.Session, answer)
			return err
		}},
		{name: "still valid within AuthSessionValidity", act: func(e *env, ch *transport.ChallengeOutput) error {
			e.clk.Advance(4 * time.Minute)
			_, err := e.respond(transport.ChallengeNewPasswordRequired, ch.Session, answer)
			return err
		}},
		{name: "replayed", code: "NotAuthorizedException", msg: msgSessionUsed, act: func(e *env, ch *transport.ChallengeOutput) error {
			if _, err := e.respond(transport.ChallengeNewPasswordRequired, ch.Session, answer); err != nil {
				return err
			}
			_, err := e.respond(transport.ChallengeNewPasswordRequired, ch.Session, answer)
			return err
		}},
		{name: "made up", code: "NotAuthorizedException", msg: msgSessionInvalid, act: func(e *env, ch *transport.ChallengeOutput) error {
			_, err := e.respond(transport.ChallengeNewPasswordRequired, "AYABeMadeUpSessionThatIsLongEnough", answer)
			return err
		}},
		{name: "missing", code: "InvalidParameterException", act: func(e *env, ch *transport.ChallengeOutput) error {
			_, err := e.respond(transport.ChallengeNewPasswordRequired, "", answer)
			return err
		}},
		{name: "other client", code: "NotAuthorizedException", msg: msgSessionInvalid, act: func(e *env, ch *transport.ChallengeOutput) error {
			other := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{ClientName: "other"}})
			_, err := e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{ClientID: other.ClientID,
				ChallengeName: transport.ChallengeNewPasswordRequired, Session: ch.Session, ChallengeResponses: answer})
			return err
		}},
		{name: "other user", code: "NotAuthorizedException", act: func(e *env, ch *transport.ChallengeOutput) error {
			_, err := e.respond(transport.ChallengeNewPasswordRequired, ch.Session, map[string]string{transport.ParamUsername: "mallory", transport.ParamNewPassword: newPassword})
			return err
		}},
		{name: "wrong challenge", code: "NotAuthorizedException", msg: msgCodeOrState, act: func(e *env, ch *transport.ChallengeOutput) error {
			_, err := e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "dave", transport.ParamSMSMFACode: "123456"})
			return err
		}},
		{name: "admin answer in the wrong pool", code: "ResourceNotFoundException", act: func(e *env, ch *transport.ChallengeOutput) error {
			other := e.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "other"})
			_, err := e.cog.AdminRespondToAuthChallenge(e.ctx, &transport.AdminRespondToAuthChallengeInput{UserPoolID: other.ID, ClientID: e.client.ClientID,
				ChallengeName: transport.ChallengeNewPasswordRequired, Session: ch.Session, ChallengeResponses: answer})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ch := setup(t)
			err := tt.act(e, ch)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestAdminChallengeFlow(t *testing.T) {
	e := newEnv(t, envOpts{secret: true})
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{
		UserPoolID: e.pool.ID, Username: "dave", TemporaryPassword: testPassword, MessageAction: "SUPPRESS",
	}); err != nil {
		t.Fatal(err)
	}
	out, err := e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: transport.FlowAdminUserPassword,
		AuthParameters: e.withHash(map[string]string{transport.ParamUsername: "dave", transport.ParamPassword: testPassword}, "dave"),
	})
	ch := mustChallenge(t, out, err, transport.ChallengeNewPasswordRequired)
	// The public operation cannot answer an admin login's challenge.
	_, err = e.respond(transport.ChallengeNewPasswordRequired, ch.Session,
		e.withHash(map[string]string{transport.ParamUsername: "dave", transport.ParamNewPassword: newPassword}, "dave"))
	wantErr(t, err, "NotAuthorizedException", msgSessionInvalid)
	out, err = e.cog.AdminRespondToAuthChallenge(e.ctx, &transport.AdminRespondToAuthChallengeInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, ChallengeName: transport.ChallengeNewPasswordRequired, Session: ch.Session,
		ChallengeResponses: e.withHash(map[string]string{transport.ParamUsername: "dave", transport.ParamNewPassword: newPassword}, "dave"),
	})
	mustTokens(t, out, err)
}

func TestAdminSRPFlow(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	c, err := srp.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: transport.FlowUserSRP,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: c.SRPA()},
	})
	ch := mustChallenge(t, out, err, transport.ChallengePasswordVerifier)
	ans := e.pvAnswer(c, ch, testPassword, nil)
	// An admin login's secret block is not for the public operation.
	_, err = e.respond(transport.ChallengePasswordVerifier, "", ans)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)

	out, err = e.cog.AdminInitiateAuth(e.ctx, &transport.AdminInitiateAuthInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, AuthFlow: transport.FlowUserSRP,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamSRPA: c.SRPA()},
	})
	ch = mustChallenge(t, out, err, transport.ChallengePasswordVerifier)
	out, err = e.cog.AdminRespondToAuthChallenge(e.ctx, &transport.AdminRespondToAuthChallengeInput{
		UserPoolID: e.pool.ID, ClientID: e.client.ClientID, ChallengeName: transport.ChallengePasswordVerifier,
		ChallengeResponses: e.pvAnswer(c, ch, testPassword, nil),
	})
	mustTokens(t, out, err)
}

// USER_PASSWORD_AUTH for a user that does not exist, on a client that
// prevents user existence errors, must cost what a wrong password costs:
// one verifier computed from the password, with a decoy salt and id, so
// that the time of the answer does not reveal the missing user.
func TestUnknownUserPasswordCostsAVerifier(t *testing.T) {
	type check struct{ username, salt string }
	tests := []struct {
		name       string
		pool       transport.CreateUserPoolInput
		client     transport.ClientSettings
		known, try string
		code, msg  string
		checks     int
		uuid       bool
	}{
		{"known user, wrong password", transport.CreateUserPoolInput{}, preventOn, "alice", "alice", "NotAuthorizedException", msgIncorrectCredentials, 1, false},
		{"unknown user, prevented", transport.CreateUserPoolInput{}, preventOn, "alice", "nobody", "NotAuthorizedException", msgIncorrectCredentials, 1, false},
		{"unknown user, prevented, e-mail pool", transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}, preventOn, "alice@example.com", "nobody@example.com", "NotAuthorizedException", msgIncorrectCredentials, 1, true},
		{"unknown user, legacy", transport.CreateUserPoolInput{}, transport.ClientSettings{}, "alice", "nobody", "UserNotFoundException", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{pool: tt.pool, client: tt.client})
			e.f.MustCreateUser(e.pool.ID, tt.known, testPassword)
			var checks []check
			e.f.matchPassword = func(poolID, username, password string, stored *srp.Verifier) bool {
				checks = append(checks, check{username, stored.SaltHex})
				return passwordMatches(poolID, username, password, stored)
			}
			for range 2 {
				_, err := e.passwordLogin(tt.try, wrongPassword)
				wantErr(t, err, tt.code, tt.msg)
			}
			if len(checks) != 2*tt.checks {
				t.Fatalf("%d password checks in two logins, want %d", len(checks), 2*tt.checks)
			}
			if tt.checks == 0 {
				return
			}
			if checks[0] != checks[1] {
				t.Errorf("the checks differ between attempts: %+v", checks)
			}
			if len(checks[0].salt) != 32 {
				t.Errorf("salt %q, want 16 bytes in hex as real salts", checks[0].salt)
			}
			if uuidV4Pattern.MatchString(checks[0].username) != tt.uuid {
				t.Errorf("checked as user %q; want a UUID: %v", checks[0].username, tt.uuid)
			}
		})
	}
}
