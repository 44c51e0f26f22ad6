package fakecognito

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

func TestSignUpAndConfirm(t *testing.T) {
	e := newEnv(t, envOpts{secret: true, pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
	signUp := func(name, pw string) (*transport.SignUpOutput, error) {
		return e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, SecretHash: e.hash(name), Username: name, Password: pw,
			UserAttributes: []transport.AttributeType{transport.Attr("email", name+"@example.com")}})
	}
	out, err := signUp("carol", testPassword)
	if err != nil || out.UserConfirmed || out.UserSub == "" || out.CodeDeliveryDetails == nil || out.CodeDeliveryDetails.Destination != "c***@e***" {
		t.Fatalf("SignUp = %+v, %v", out, err)
	}
	_, err = signUp("carol", testPassword)
	wantErr(t, err, "UsernameExistsException", msgUserExists)
	_, err = signUp("dan", "weak")
	wantErr(t, err, "InvalidPasswordException", "")
	_, err = e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "erin", Password: testPassword})
	wantErr(t, err, "NotAuthorizedException", "Client "+e.client.ClientID+" is configured with secret but SECRET_HASH was not received")

	confirm := func(code string) error {
		_, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, SecretHash: e.hash("carol"), Username: "carol", ConfirmationCode: code})
		return err
	}
	first := e.f.Outbox().LastCode("carol")
	if _, err := e.cog.ResendConfirmationCode(e.ctx, &transport.ResendConfirmationCodeInput{ClientID: e.client.ClientID, SecretHash: e.hash("carol"), Username: "carol"}); err != nil {
		t.Fatal(err)
	}
	code := e.f.Outbox().LastCode("carol")
	if first != code { // the new code replaces the old one
		wantErr(t, confirm(first), "CodeMismatchException", msgVerificationMismatch)
	}
	if err := confirm(code); err != nil {
		t.Fatal(err)
	}
	wantErr(t, confirm(code), "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")
	u, _ := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "carol"})
	if u.UserStatus != transport.StatusConfirmed || transport.Attributes(u.UserAttributes)["email_verified"] != "true" {
		t.Errorf("after confirmation: %s %v", u.UserStatus, u.UserAttributes)
	}
	_, err = e.cog.ResendConfirmationCode(e.ctx, &transport.ResendConfirmationCodeInput{ClientID: e.client.ClientID, SecretHash: e.hash("carol"), Username: "carol"})
	wantErr(t, err, "InvalidParameterException", "")
}

func TestConfirmationCodeLimits(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
	if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword,
		UserAttributes: []transport.AttributeType{transport.Attr("email", "carol@example.com")}}); err != nil {
		t.Fatal(err)
	}
	code := e.f.Outbox().LastCode("carol")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	confirm := func(c string) error {
		_, err := e.cog.ConfirmSignUp(e.ctx, &transport.ConfirmSignUpInput{ClientID: e.client.ClientID, Username: "carol", ConfirmationCode: c})
		return err
	}
	for i := 1; i < maxCodeFailures; i++ {
		wantErr(t, confirm(wrong), "CodeMismatchException", msgVerificationMismatch)
	}
	wantErr(t, confirm(wrong), "LimitExceededException", msgAttemptLimit)
	wantErr(t, confirm(code), "CodeMismatchException", msgVerificationMismatch) // the code is gone

	if _, err := e.cog.ResendConfirmationCode(e.ctx, &transport.ResendConfirmationCodeInput{ClientID: e.client.ClientID, Username: "carol"}); err != nil {
		t.Fatal(err)
	}
	e.clk.Advance(signUpCodeTTL + time.Second)
	wantErr(t, confirm(e.f.Outbox().LastCode("carol")), "ExpiredCodeException", msgCodeExpired)
}

// For a user that does not exist, ResendConfirmationCode answers as
// ForgotPassword does: UserNotFoundException on a LEGACY client, a
// simulated delivery when the client prevents user existence errors
// (developer guide, cognito-user-pool-managing-errors).
func TestResendConfirmationCodeForUnknownUser(t *testing.T) {
	tests := []struct {
		name    string
		client  transport.ClientSettings
		wantErr string
	}{
		{"legacy", transport.ClientSettings{}, "UserNotFoundException"},
		{"prevented", preventOn, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{client: tt.client, pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
			out, err := e.cog.ResendConfirmationCode(e.ctx, &transport.ResendConfirmationCodeInput{ClientID: e.client.ClientID, Username: "nobody@example.com"})
			if tt.wantErr != "" {
				wantErr(t, err, tt.wantErr, "")
				return
			}
			if err != nil {
				t.Fatalf("ResendConfirmationCode = %v, want a simulated delivery", err)
			}
			d := out.CodeDeliveryDetails
			if d == nil || d.DeliveryMedium != "EMAIL" || d.AttributeName != "email" || d.Destination != "n***@e***" {
				t.Errorf("CodeDeliveryDetails = %+v, want n***@e*** by EMAIL", d)
			}
			if len(e.f.Outbox().All()) != 0 {
				t.Errorf("a simulated delivery sent a message")
			}
		})
	}
}

func TestSignUpRefusals(t *testing.T) {
	t.Run("admin only", func(t *testing.T) {
		e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			AdminCreateUserConfig: &transport.AdminCreateUserConfig{AllowAdminCreateUserOnly: true}}}})
		_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword})
		wantErr(t, err, "NotAuthorizedException", "")
	})
	t.Run("e-mail taken in a username-attributes pool", func(t *testing.T) {
		e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}})
		if _, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol@example.com", Password: testPassword}); err != nil {
			t.Fatal(err)
		}
		_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "Carol@Example.com", Password: testPassword})
		wantErr(t, err, "UsernameExistsException", "")
		_, err = e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword})
		wantErr(t, err, "InvalidParameterException", "Username should be either an email or a phone number.")
	})
	t.Run("required attribute", func(t *testing.T) {
		e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{Schema: []transport.SchemaAttribute{{Name: "email", Required: true}}}})
		_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword})
		wantErr(t, err, "InvalidParameterException", "Attributes did not conform to the schema: email: The attribute is required")
	})
	t.Run("setting a verified flag", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: testPassword,
			UserAttributes: []transport.AttributeType{transport.Attr("email", "c@example.com"), transport.Attr("email_verified", "true")}})
		wantErr(t, err, "InvalidParameterException", "")
	})
}

func TestForgotPassword(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}}, client: preventOn})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"), transport.Attr("phone_number", "+15555550123"))
	out, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice@example.com"})
	if err != nil || out.CodeDeliveryDetails.DeliveryMedium != "SMS" {
		t.Fatalf("ForgotPassword = %+v, %v; want the code by SMS (legacy order)", out, err)
	}
	code := e.f.Outbox().LastCode("alice")
	confirm := func(c, pw string) error {
		_, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice", ConfirmationCode: c, Password: pw})
		return err
	}
	wantErr(t, confirm(code, "weak"), "InvalidPasswordException", "")
	if err := confirm(code, newPassword); err != nil {
		t.Fatalf("the code did not survive a refused password: %v", err)
	}
	wantErr(t, confirm(code, "Another-Pass-9"), "CodeMismatchException", "")
	e.tokens(e.srpLogin("alice", newPassword, nil))

	// A missing user looks like any other to a client preventing user
	// existence errors.
	out, err = e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "nobody@example.com"})
	if err != nil || out.CodeDeliveryDetails == nil {
		t.Errorf("ForgotPassword for a missing user = %+v, %v", out, err)
	}
	_, err = e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "nobody", ConfirmationCode: "123456", Password: newPassword})
	wantErr(t, err, "CodeMismatchException", "")

	// The pool's recovery setting picks e-mail first.
	if _, err := e.cog.UpdateUserPool(e.ctx, &transport.UpdateUserPoolInput{UserPoolID: e.pool.ID, PoolSettings: transport.PoolSettings{
		AccountRecoverySetting: &transport.AccountRecoverySetting{RecoveryMechanisms: []transport.RecoveryOption{{Priority: 2, Name: "verified_phone_number"}, {Priority: 1, Name: "verified_email"}}},
	}}); err != nil {
		t.Fatal(err)
	}
	out, err = e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice"})
	if err != nil || out.CodeDeliveryDetails.DeliveryMedium != "EMAIL" {
		t.Errorf("ForgotPassword = %+v, %v; want EMAIL", out, err)
	}
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	change := func(prev, next string) error {
		_, err := e.cog.ChangePassword(e.ctx, &transport.ChangePasswordInput{AccessToken: res.AccessToken, PreviousPassword: prev, ProposedPassword: next})
		return err
	}
	wantErr(t, change(wrongPassword, newPassword), "NotAuthorizedException", msgIncorrectCredentials)
	wantErr(t, change(testPassword, "weak"), "InvalidPasswordException", "")
	if err := change(testPassword, newPassword); err != nil {
		t.Fatal(err)
	}
	_, err := e.srpLogin("alice", testPassword, nil)
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
	e.tokens(e.srpLogin("alice", newPassword, nil))
	wantErr(t, change("", newPassword), "InvalidParameterException", "")
}

func TestSelfServiceAttributes(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}, PoolSettings: transport.PoolSettings{
		AutoVerifiedAttributes:      []string{"email"},
		UserAttributeUpdateSettings: &transport.UserAttributeUpdateSettings{AttributesRequireVerificationBeforeUpdate: []string{"email"}},
	}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "old@example.com"))
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	tok := res.AccessToken

	out, err := e.cog.UpdateUserAttributes(e.ctx, &transport.UpdateUserAttributesInput{AccessToken: tok,
		UserAttributes: []transport.AttributeType{transport.Attr("email", "new@example.com"), transport.Attr("name", "Alice")}})
	if err != nil || len(out.CodeDeliveryDetailsList) != 1 || out.CodeDeliveryDetailsList[0].Destination != "n***@e***" {
		t.Fatalf("UpdateUserAttributes = %+v, %v", out, err)
	}
	got, _ := e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: tok})
	if a := transport.Attributes(got.UserAttributes); a["email"] != "old@example.com" || a["email_verified"] != "true" || a["name"] != "Alice" {
		t.Errorf("before verification: %v; the old address must stay in force", a)
	}
	// The old address still signs in until the new one is verified.
	e.tokens(e.srpLogin("old@example.com", testPassword, nil))

	verify := func(code string) error {
		_, err := e.cog.VerifyUserAttribute(e.ctx, &transport.VerifyUserAttributeInput{AccessToken: tok, AttributeName: "email", Code: code})
		return err
	}
	wantErr(t, verify("000000x"), "CodeMismatchException", "")
	if err := verify(e.f.Outbox().LastCode("new@example.com")); err != nil {
		t.Fatal(err)
	}
	got, _ = e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: tok})
	if a := transport.Attributes(got.UserAttributes); a["email"] != "new@example.com" || a["email_verified"] != "true" {
		t.Errorf("after verification: %v", a)
	}
	e.tokens(e.srpLogin("new@example.com", testPassword, nil))

	if _, err := e.cog.GetUserAttributeVerificationCode(e.ctx, &transport.GetUserAttributeVerificationCodeInput{AccessToken: tok, AttributeName: "email"}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.GetUserAttributeVerificationCode(e.ctx, &transport.GetUserAttributeVerificationCodeInput{AccessToken: tok, AttributeName: "phone_number"})
	wantErr(t, err, "InvalidParameterException", "")
	_, err = e.cog.UpdateUserAttributes(e.ctx, &transport.UpdateUserAttributesInput{AccessToken: tok,
		UserAttributes: []transport.AttributeType{transport.Attr("email_verified", "true")}})
	wantErr(t, err, "InvalidParameterException", "")
	if _, err := e.cog.DeleteUserAttributes(e.ctx, &transport.DeleteUserAttributesInput{AccessToken: tok, UserAttributeNames: []string{"name"}}); err != nil {
		t.Fatal(err)
	}
	got, _ = e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: tok})
	if _, ok := transport.Attributes(got.UserAttributes)["name"]; ok {
		t.Errorf("name survived DeleteUserAttributes")
	}
	if _, err := e.cog.DeleteUser(e.ctx, &transport.AccessTokenInput{AccessToken: tok}); err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
	wantErr(t, err, "UserNotFoundException", "")
}

// Cognito's Password type is ^[\S]+.*[\S]+$: every operation that takes a
// password refuses one with white space at either end before looking at
// anything else.
func TestPasswordPattern(t *testing.T) {
	const pattern = `Member must satisfy regular expression pattern: ^[\S]+.*[\S]+$`
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true"))
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	if _, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "dave",
		TemporaryPassword: testPassword, MessageAction: "SUPPRESS"}); err != nil {
		t.Fatal(err)
	}
	npr := e.challenge(transport.ChallengeNewPasswordRequired)(e.srpLogin("dave", testPassword, nil))
	ops := []struct {
		name, member string
		call         func(pw string) error
	}{
		{"SignUp", "password", func(pw string) error {
			_, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "carol", Password: pw})
			return err
		}},
		{"AdminSetUserPassword", "password", func(pw string) error {
			_, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: e.pool.ID, Username: "alice", Password: pw, Permanent: true})
			return err
		}},
		{"ChangePassword", "proposedPassword", func(pw string) error {
			_, err := e.cog.ChangePassword(e.ctx, &transport.ChangePasswordInput{AccessToken: res.AccessToken, PreviousPassword: testPassword, ProposedPassword: pw})
			return err
		}},
		{"ConfirmForgotPassword", "password", func(pw string) error {
			_, err := e.cog.ConfirmForgotPassword(e.ctx, &transport.ConfirmForgotPasswordInput{ClientID: e.client.ClientID, Username: "alice", ConfirmationCode: "123456", Password: pw})
			return err
		}},
		{"AdminCreateUser", "temporaryPassword", func(pw string) error {
			_, err := e.cog.AdminCreateUser(e.ctx, &transport.AdminCreateUserInput{UserPoolID: e.pool.ID, Username: "erin", TemporaryPassword: pw, MessageAction: "SUPPRESS"})
			return err
		}},
		{"NEW_PASSWORD_REQUIRED", "password", func(pw string) error {
			_, err := e.respond(transport.ChallengeNewPasswordRequired, npr.Session, map[string]string{transport.ParamUsername: "dave", transport.ParamNewPassword: pw})
			return err
		}},
	}
	for _, op := range ops {
		for _, pw := range []string{" " + newPassword, newPassword + " ", "\t" + newPassword, newPassword + "\n", "Inner\nBreak-1a"} {
			t.Run(op.name+"/"+strconv.Quote(pw), func(t *testing.T) {
				wantErr(t, op.call(pw), "InvalidParameterException",
					"1 validation error detected: Value at '"+op.member+"' failed to satisfy constraint: "+pattern)
			})
		}
	}
	// White space inside is a symbol like any other.
	if _, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: e.pool.ID, Username: "alice", Password: "Inner Space-1a", Permanent: true}); err != nil {
		t.Fatalf("a password with an inner space: %v", err)
	}
	e.tokens(e.srpLogin("alice", "Inner Space-1a", nil))
}

// Two ChangePassword calls with the same PreviousPassword race: the first
// to apply changes the password, so the second's PreviousPassword is no
// longer the current one and it must fail, not overwrite the first.
func TestChangePasswordConcurrentSamePrevious(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	proposals := []string{"First-Choice-1", "Second-Choice-2"}
	for round := range 20 {
		if _, err := e.cog.AdminSetUserPassword(e.ctx, &transport.AdminSetUserPasswordInput{UserPoolID: e.pool.ID, Username: "alice", Password: testPassword, Permanent: true}); err != nil {
			t.Fatal(err)
		}
		errs := make([]error, len(proposals))
		var wg sync.WaitGroup
		for i, pw := range proposals {
			wg.Go(func() {
				_, errs[i] = e.cog.ChangePassword(e.ctx, &transport.ChangePasswordInput{AccessToken: res.AccessToken, PreviousPassword: testPassword, ProposedPassword: pw})
			})
		}
		wg.Wait()
		won := -1
		for i, err := range errs {
			if err == nil {
				if won >= 0 {
					t.Fatalf("round %d: both ChangePassword calls with the same PreviousPassword succeeded", round)
				}
				won = i
				continue
			}
			wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
		}
		if won < 0 {
			t.Fatalf("round %d: neither ChangePassword succeeded", round)
		}
		// The winner's password is the password.
		if _, err := e.passwordLogin("alice", proposals[won]); err != nil {
			t.Fatalf("round %d: the winning password does not sign in: %v", round, err)
		}
	}
}
