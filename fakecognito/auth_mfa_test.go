package fakecognito

import (
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// sesEmail is an EmailConfiguration that sends with Amazon SES, as e-mail
// MFA needs.
func sesEmail() *transport.EmailConfiguration {
	return &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", From: "no-reply@example.com"}
}

// mfaEnv is a pool whose MFA is mode, by SMS and, when totp, TOTP and, when
// email, e-mail.
func mfaEnv(t *testing.T, mode string, totp, email bool) *env {
	t.Helper()
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		SmsConfiguration:   &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"},
		EmailConfiguration: sesEmail(),
	}}})
	cfg := &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: mode,
		SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}}
	if totp {
		cfg.SoftwareTokenMfaConfiguration = &transport.SoftwareTokenMfaConfig{Enabled: true}
	}
	if email {
		cfg.EmailMfaConfiguration = &transport.EmailMfaConfig{Message: "Your code is {####}"}
	}
	if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, cfg); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestSMSMFA(t *testing.T) {
	e := mfaEnv(t, transport.MFAOn, false, false)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))

	ch := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, nil))
	if ch.ChallengeParameters[transport.ParamCodeDeliveryDest] != "+*******0123" || ch.ChallengeParameters[transport.ParamCodeDeliveryMedium] != "SMS" {
		t.Errorf("delivery = %v", ch.ChallengeParameters)
	}
	m, ok := e.f.Outbox().Last("alice")
	if !ok || m.Purpose != PurposeMFA || m.Medium != "SMS" || m.Destination != "+15555550123" || len(m.Code) != 6 {
		t.Fatalf("outbox = %+v, %v", m, ok)
	}
	answer := func(code string) (*transport.ChallengeOutput, error) {
		return e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamSMSMFACode: code})
	}
	wrong := "000000"
	if m.Code == wrong {
		wrong = "111111"
	}
	_, err := answer(wrong)
	wantErr(t, err, "CodeMismatchException", msgMFACodeMismatch)
	e.tokens(answer(m.Code))
	_, err = answer(m.Code)
	wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
}

func TestSMSMFACodeLimits(t *testing.T) {
	e := mfaEnv(t, transport.MFAOn, false, false)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))

	t.Run("too many wrong codes", func(t *testing.T) {
		ch := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, nil))
		code := e.f.Outbox().LastCode("alice")
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for i := 1; i <= maxMFAFailures; i++ {
			_, err := e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamSMSMFACode: wrong})
			if i < maxMFAFailures {
				wantErr(t, err, "CodeMismatchException", msgMFACodeMismatch)
			} else {
				wantErr(t, err, "NotAuthorizedException", msgCodeOrState)
			}
		}
		_, err := e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamSMSMFACode: code})
		wantErr(t, err, "NotAuthorizedException", msgSessionUsed)
	})

	t.Run("expired code", func(t *testing.T) {
		e.client = e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID,
			ClientSettings: transport.ClientSettings{ClientName: "long", AuthSessionValidity: 15}})
		ch := e.challenge(transport.ChallengeSMSMFA)(e.srpLogin("alice", testPassword, nil))
		e.clk.Advance(mfaCodeTTL + time.Second)
		_, err := e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "alice",
			transport.ParamSMSMFACode: e.f.Outbox().LastCode("alice")})
		wantErr(t, err, "ExpiredCodeException", msgCodeExpired)
	})
}

func TestEmailOTP(t *testing.T) {
	e := mfaEnv(t, transport.MFAOptional, false, true)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"))
	// Optional MFA, none chosen: straight to tokens.
	res := e.tokens(e.srpLogin("alice", testPassword, nil))
	if _, err := e.cog.SetUserMFAPreference(e.ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.AccessToken,
		EmailMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}}); err != nil {
		t.Fatal(err)
	}
	ch := e.challenge(transport.ChallengeEmailOTP)(e.srpLogin("alice", testPassword, nil))
	if ch.ChallengeParameters[transport.ParamCodeDeliveryDest] != "a***@e***" {
		t.Errorf("destination = %q", ch.ChallengeParameters[transport.ParamCodeDeliveryDest])
	}
	e.tokens(e.respond(transport.ChallengeEmailOTP, ch.Session, map[string]string{transport.ParamUsername: "alice",
		transport.ParamEmailOTPCode: e.f.Outbox().LastCode("alice@example.com")}))
}

// setUpTOTP completes MFA_SETUP during a login and returns the secret.
func setUpTOTP(t *testing.T, e *env, name string) string {
	t.Helper()
	ch := e.challenge(transport.ChallengeMFASetup)(e.srpLogin(name, testPassword, nil))
	// The pool can send SMS, so SMS_MFA is listed beside TOTP.
	if got := ch.ChallengeParameters[transport.ParamMFAsCanSetup]; got != `["SMS_MFA","SOFTWARE_TOKEN_MFA"]` {
		t.Errorf("MFAS_CAN_SETUP = %s", got)
	}
	assoc, err := e.cog.AssociateSoftwareToken(e.ctx, &transport.AssociateSoftwareTokenInput{Session: ch.Session})
	if err != nil {
		t.Fatal(err)
	}
	if len(assoc.SecretCode) != 52 || assoc.Session == "" || assoc.Session == ch.Session {
		t.Fatalf("AssociateSoftwareToken = %d-character secret, session changed %v", len(assoc.SecretCode), assoc.Session != ch.Session)
	}
	// Answering MFA_SETUP before verifying a code is refused.
	_, err = e.respond(transport.ChallengeMFASetup, assoc.Session, map[string]string{transport.ParamUsername: name})
	wantErr(t, err, "NotAuthorizedException", msgCodeOrState)

	_, err = e.cog.VerifySoftwareToken(e.ctx, &transport.VerifySoftwareTokenInput{Session: assoc.Session, UserCode: "000000"})
	wantErr(t, err, "EnableSoftwareTokenMFAException", "")
	code, _ := TOTPCode(assoc.SecretCode, e.clk.Now())
	ver, err := e.cog.VerifySoftwareToken(e.ctx, &transport.VerifySoftwareTokenInput{Session: assoc.Session, UserCode: code})
	if err != nil || ver.Status != transport.VerifySuccess {
		t.Fatalf("VerifySoftwareToken = %+v, %v", ver, err)
	}
	e.tokens(e.respond(transport.ChallengeMFASetup, ver.Session, map[string]string{transport.ParamUsername: name}))
	return assoc.SecretCode
}

func TestTOTPSetupAndSignIn(t *testing.T) {
	e := mfaEnv(t, transport.MFAOn, true, false)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword) // no phone: TOTP must be set up
	secret := setUpTOTP(t, e, "alice")

	// The code used to verify cannot be used again in the same step.
	ch := e.challenge(transport.ChallengeSoftwareTokenMFA)(e.srpLogin("alice", testPassword, nil))
	code, _ := TOTPCode(secret, e.clk.Now())
	answer := func(code string) (*transport.ChallengeOutput, error) {
		return e.respond(transport.ChallengeSoftwareTokenMFA, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamSoftwareTokenMFACode: code})
	}
	_, err := answer(code)
	wantErr(t, err, "ExpiredCodeException", "Your software token has already been used once.")

	e.clk.Advance(30 * time.Second)
	code, _ = TOTPCode(secret, e.clk.Now())
	e.tokens(answer(code))

}

func TestSelectMFAType(t *testing.T) {
	e := mfaEnv(t, transport.MFAOptional, true, false)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword, transport.Attr("phone_number", "+15555550123"))
	res := e.tokens(e.srpLogin("alice", testPassword, nil))

	assoc, err := e.cog.AssociateSoftwareToken(e.ctx, &transport.AssociateSoftwareTokenInput{AccessToken: res.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.cog.SetUserMFAPreference(e.ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.AccessToken,
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true}})
	wantErr(t, err, "InvalidParameterException", "User has not verified software token mfa")
	code, _ := TOTPCode(assoc.SecretCode, e.clk.Now())
	if _, err := e.cog.VerifySoftwareToken(e.ctx, &transport.VerifySoftwareTokenInput{AccessToken: res.AccessToken, UserCode: code}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.cog.SetUserMFAPreference(e.ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.AccessToken,
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true}, SMSMfaSettings: &transport.MFASettings{Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	got, err := e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: res.AccessToken})
	if err != nil || len(got.UserMFASettingList) != 2 || got.PreferredMfaSetting != "" {
		t.Fatalf("GetUser MFA = %v %q, %v", got.UserMFASettingList, got.PreferredMfaSetting, err)
	}

	ch := e.challenge(transport.ChallengeSelectMFAType)(e.srpLogin("alice", testPassword, nil))
	if got := ch.ChallengeParameters[transport.ParamMFAsCanChoose]; got != `["SMS_MFA","SOFTWARE_TOKEN_MFA"]` {
		t.Errorf("MFAS_CAN_CHOOSE = %s", got)
	}
	_, err = e.respond(transport.ChallengeSelectMFAType, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamAnswer: "EMAIL_OTP"})
	wantErr(t, err, "InvalidParameterException", "")
	ch = e.challenge(transport.ChallengeSMSMFA)(e.respond(transport.ChallengeSelectMFAType, ch.Session,
		map[string]string{transport.ParamUsername: "alice", transport.ParamAnswer: "SMS_MFA"}))
	e.tokens(e.respond(transport.ChallengeSMSMFA, ch.Session, map[string]string{transport.ParamUsername: "alice",
		transport.ParamSMSMFACode: e.f.Outbox().LastCode("+15555550123")}))

	// With a preference, no choice is offered.
	if _, err := e.cog.AdminSetUserMFAPreference(e.ctx, &transport.AdminSetUserMFAPreferenceInput{UserPoolID: e.pool.ID, Username: "alice",
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}}); err != nil {
		t.Fatal(err)
	}
	e.challenge(transport.ChallengeSoftwareTokenMFA)(e.srpLogin("alice", testPassword, nil))
}

func TestMFARequiredWithoutMethod(t *testing.T) {
	e := mfaEnv(t, transport.MFAOn, false, false)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword) // no phone, no TOTP in the pool
	_, err := e.srpLogin("alice", testPassword, nil)
	wantErr(t, err, "MFAMethodNotFoundException", "")
}
