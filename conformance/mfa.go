package conformance

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// mfaPool creates a pool whose MFA is mode ("OPTIONAL" or "ON") with the
// given kinds turned on.
func mfaPool(t *testing.T, tg Target, mode string, kinds ...string) *fixture {
	t.Helper()
	ps := transport.PoolSettings{DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true}}
	if slices.Contains(kinds, transport.MFAEmail) {
		ps.EmailConfiguration = sesEmail()
	}
	fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{PoolSettings: ps}})
	cfg := &transport.UserPoolMfaConfig{UserPoolID: fx.poolID, MfaConfiguration: mode}
	for _, k := range kinds {
		switch k {
		case transport.MFASMS:
			cfg.SmsMfaConfiguration = &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}",
				SmsConfiguration: &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/cognito-sms", ExternalID: "conformance"}}
		case transport.MFASoftwareToken:
			cfg.SoftwareTokenMfaConfiguration = &transport.SoftwareTokenMfaConfig{Enabled: true}
		case transport.MFAEmail:
			cfg.EmailMfaConfiguration = &transport.EmailMfaConfig{Message: "Your code is {####}", Subject: "Sign-in code"}
		}
	}
	if _, err := tg.Cognito.SetUserPoolMfaConfig(fx.ctx, cfg); err != nil {
		t.Fatalf("SetUserPoolMfaConfig: %v", err)
	}
	return fx
}

// mfaUser creates a user with a verified e-mail and phone and turns on the
// given MFA kinds for it, the first one preferred.
func (fx *fixture) mfaUser(name, password string, kinds ...string) {
	fx.t.Helper()
	fx.user(name, password,
		transport.Attr("email", name+"@example.com"), transport.Attr("email_verified", "true"),
		transport.Attr("phone_number", "+15555550100"), transport.Attr("phone_number_verified", "true"))
	in := &transport.AdminSetUserMFAPreferenceInput{UserPoolID: fx.poolID, Username: name}
	for i, k := range kinds {
		s := &transport.MFASettings{Enabled: true, PreferredMfa: i == 0}
		switch k {
		case transport.MFASMS:
			in.SMSMfaSettings = s
		case transport.MFAEmail:
			in.EmailMfaSettings = s
		case transport.MFASoftwareToken:
			in.SoftwareTokenMfaSettings = s
		}
	}
	if _, err := fx.tg.Cognito.AdminSetUserMFAPreference(fx.ctx, in); err != nil {
		fx.t.Fatalf("AdminSetUserMFAPreference: %v", err)
	}
}

// totpUser creates a user and registers an authenticator app for it, as a
// signed-in user does: AssociateSoftwareToken, VerifySoftwareToken,
// SetUserMFAPreference. It returns the TOTP secret.
func (fx *fixture) totpUser(name, password string, preferred bool) string {
	fx.t.Helper()
	fx.user(name, password)
	res := fx.mustLogin(engine.Credentials{Username: name, Password: password})
	assoc, err := fx.tg.Cognito.AssociateSoftwareToken(fx.ctx, &transport.AssociateSoftwareTokenInput{AccessToken: res.Tokens.AccessToken})
	if err != nil {
		fx.t.Fatalf("AssociateSoftwareToken: %v", err)
	}
	code := fx.totp(assoc.SecretCode)
	ver, err := fx.tg.Cognito.VerifySoftwareToken(fx.ctx, &transport.VerifySoftwareTokenInput{AccessToken: res.Tokens.AccessToken, UserCode: code, FriendlyDeviceName: "phone"})
	if err != nil || ver.Status != transport.VerifySuccess {
		fx.t.Fatalf("VerifySoftwareToken: %v %v", ver, err)
	}
	if _, err := fx.tg.Cognito.SetUserMFAPreference(fx.ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.Tokens.AccessToken,
		SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: preferred}}); err != nil {
		fx.t.Fatalf("SetUserMFAPreference: %v", err)
	}
	return assoc.SecretCode
}

// totp returns the current code of an authenticator app, first moving the
// clock to the next 30-second step so that no code is used twice (Cognito
// refuses a reused code).
func (fx *fixture) totp(secret string) string {
	fx.t.Helper()
	fx.tg.Clock.Advance(30 * time.Second)
	code, err := totp.GenerateCode(secret, fx.tg.now())
	if err != nil {
		fx.t.Fatal(err)
	}
	return code
}

// codeFor answers an SMS or e-mail challenge from the fake's outbox.
func (fx *fixture) codeFor(t *testing.T, l *engine.Login, name, medium string) engine.MFACode {
	t.Helper()
	need, ok := l.Need().(states.NeedMFACode)
	if !ok || need.Medium != medium || need.Destination == "" {
		t.Fatalf("need %#v; want an MFA code by %s with a destination", l.Need(), medium)
	}
	msg, ok := fx.tg.Fake.Outbox().Last(name)
	if !ok || msg.Medium != medium || msg.Purpose != "MFA" || msg.Code == "" {
		t.Fatalf("outbox for %s: %+v, %v", name, msg, ok)
	}
	return engine.MFACode(msg.Code)
}

const mfaPassword = "Corr3ct-Horse-Battery!"

var mfaScenarios = []Scenario{
	{Name: "sms mfa", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("kim", mfaPassword, transport.MFASMS)
		_, err := fx.login(engine.Credentials{Username: "kim", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, fx.codeFor(t, l, "kim", states.MediumSMS)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "sms mfa: wrong code", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("kim", mfaPassword, transport.MFASMS)
		_, err := fx.login(engine.Credentials{Username: "kim", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		right := fx.codeFor(t, l, "kim", states.MediumSMS)
		wrong := engine.MFACode("000000")
		if right == wrong {
			wrong = "111111"
		}
		err = l.Submit(fx.ctx, wrong)
		wantErr(t, err, transport.ErrCodeMismatch, "Invalid code")
	}},
	{Name: "email mfa", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFAEmail)
		fx.mfaUser("lee", mfaPassword, transport.MFAEmail)
		_, err := fx.login(engine.Credentials{Username: "lee", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, fx.codeFor(t, l, "lee", states.MediumEmail)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "mfa resumed from a snapshot in a fresh engine", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("kim", mfaPassword, transport.MFASMS)
		_, err := fx.login(engine.Credentials{Username: "kim", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		code := fx.codeFor(t, l, "kim", states.MediumSMS)
		saved, err := json.Marshal(l.Snapshot())
		if err != nil {
			t.Fatal(err)
		}
		// Another process: nothing but the JSON and the client's configuration.
		var snap engine.Snapshot
		if err := json.Unmarshal(saved, &snap); err != nil {
			t.Fatal(err)
		}
		resumed, err := engine.Resume(fx.config(), snap)
		if err != nil {
			t.Fatal(err)
		}
		if err := resumed.Submit(fx.ctx, code); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, resumed)
	}},
	{Name: "totp mfa", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASoftwareToken)
		secret := fx.totpUser("mia", mfaPassword, true)
		_, err := fx.login(engine.Credentials{Username: "mia", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if need, ok := l.Need().(states.NeedMFACode); !ok || need.Medium != states.MediumSoftwareToken {
			t.Fatalf("need %#v", l.Need())
		}
		code := fx.totp(secret)
		if err := l.Submit(fx.ctx, engine.MFACode(code)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)

		// The same code again, in the same 30-second step: refused.
		_, err = fx.login(engine.Credentials{Username: "mia", Password: mfaPassword})
		l = needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, engine.MFACode(code)); err == nil {
			t.Fatal("a TOTP code was accepted twice")
		}
	}},
	{Name: "select mfa type", Needs: NeedPool | NeedFake | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS, transport.MFASoftwareToken)
		secret := fx.totpUser("nia", mfaPassword, false)
		if _, err := tg.Cognito.AdminUpdateUserAttributes(fx.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: fx.poolID, Username: "nia",
			UserAttributes: []transport.AttributeType{transport.Attr("phone_number", "+15555550101"), transport.Attr("phone_number_verified", "true")}}); err != nil {
			t.Fatal(err)
		}
		if _, err := tg.Cognito.AdminSetUserMFAPreference(fx.ctx, &transport.AdminSetUserMFAPreferenceInput{UserPoolID: fx.poolID, Username: "nia",
			SMSMfaSettings: &transport.MFASettings{Enabled: true}}); err != nil {
			t.Fatal(err)
		}
		_, err := fx.login(engine.Credentials{Username: "nia", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFAChoiceRequired)
		need, ok := l.Need().(states.NeedMFAChoice)
		if !ok || !slices.Contains(need.Options, transport.MFASMS) || !slices.Contains(need.Options, transport.MFASoftwareToken) {
			t.Fatalf("need %#v; want a choice of SMS and TOTP", l.Need())
		}
		if err := l.Submit(fx.ctx, engine.MFAChoice(transport.MFASoftwareToken)); err != nil {
			t.Fatal(err)
		}
		if err := l.Submit(fx.ctx, engine.MFACode(fx.totp(secret))); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "mfa setup during login", Needs: NeedPool | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOn, transport.MFASoftwareToken)
		fx.user("omar", mfaPassword)
		_, err := fx.login(engine.Credentials{Username: "omar", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFASetupRequired)
		need, ok := l.Need().(states.NeedTOTPSetup)
		if !ok || need.Secret == "" || need.URI == "" {
			t.Fatalf("need %#v", l.Need())
		}
		if err := l.Submit(fx.ctx, engine.TOTPSetupCode{Code: fx.totp(need.Secret), FriendlyName: "phone"}); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
		// From now on the pool asks for the app's code.
		_, err = fx.login(engine.Credentials{Username: "omar", Password: mfaPassword})
		l = needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, engine.MFACode(fx.totp(need.Secret))); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
}
