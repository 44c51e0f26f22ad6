package fakecognito

import (
	"bytes"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

// tierEnv is an env whose pool has the given plan and e-mail sending.
func tierEnv(t *testing.T, tier string, email *transport.EmailConfiguration) *env {
	t.Helper()
	return newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
		UserPoolTier: tier, EmailConfiguration: email,
	}}})
}

func TestSetUserPoolMfaConfigEmail(t *testing.T) {
	cognitoMail := &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingCognito}
	for _, tc := range []struct {
		name  string
		tier  string
		email *transport.EmailConfiguration
		code  string // "" for success
	}{
		{"essentials by default with SES", "", sesEmail(), ""},
		{"essentials with SES", transport.TierEssentials, sesEmail(), ""},
		{"plus with SES", transport.TierPlus, sesEmail(), ""},
		{"lite plan", transport.TierLite, sesEmail(), "FeatureUnavailableInTierException"},
		{"no email configuration", transport.TierEssentials, nil, "InvalidParameterException"},
		{"cognito's own mailer", transport.TierEssentials, cognitoMail, "InvalidParameterException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tierEnv(t, tc.tier, tc.email)
			_, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID,
				MfaConfiguration:      transport.MFAOptional,
				EmailMfaConfiguration: &transport.EmailMfaConfig{Message: "Code {####}", Subject: "Sign-in"}})
			got, gerr := e.cog.GetUserPoolMfaConfig(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
			if gerr != nil {
				t.Fatal(gerr)
			}
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				if got.EmailMfaConfiguration != nil || got.MfaConfiguration != transport.MFAOff {
					t.Fatalf("a refused configuration was applied: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m := got.EmailMfaConfiguration; m == nil || m.Message != "Code {####}" || m.Subject != "Sign-in" || got.MfaConfiguration != transport.MFAOptional {
				t.Fatalf("GetUserPoolMfaConfig = %+v", got)
			}
		})
	}
}

func TestUserPoolTier(t *testing.T) {
	for _, tc := range []struct {
		name string
		tier string
		want string
		code string
	}{
		{"omitted", "", transport.TierEssentials, ""},
		{"lite", transport.TierLite, transport.TierLite, ""},
		{"essentials", transport.TierEssentials, transport.TierEssentials, ""},
		{"plus", transport.TierPlus, transport.TierPlus, ""},
		{"unknown", "GOLD", "", "InvalidParameterException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{Clock: newTestClock().Now})
			e := &env{t: t, f: f, cog: f}
			out, err := f.CreateUserPool(t.Context(), &transport.CreateUserPoolInput{PoolName: "p", PoolSettings: transport.PoolSettings{UserPoolTier: tc.tier}})
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.UserPool.UserPoolTier != tc.want {
				t.Errorf("CreateUserPool tier = %q, want %q", out.UserPool.UserPoolTier, tc.want)
			}
			d, err := e.cog.DescribeUserPool(t.Context(), &transport.PoolRef{UserPoolID: out.UserPool.ID})
			if err != nil || d.UserPool.UserPoolTier != tc.want {
				t.Fatalf("DescribeUserPool tier = %v, %v; want %q", d, err, tc.want)
			}

			// Save and Load keep the plan.
			var buf bytes.Buffer
			if err := f.Save(&buf); err != nil {
				t.Fatal(err)
			}
			g := New(Options{Clock: newTestClock().Now})
			if err := g.Load(&buf); err != nil {
				t.Fatal(err)
			}
			d, err = g.DescribeUserPool(t.Context(), &transport.PoolRef{UserPoolID: out.UserPool.ID})
			if err != nil || d.UserPool.UserPoolTier != tc.want {
				t.Fatalf("after Load: tier = %v, %v; want %q", d, err, tc.want)
			}
		})
	}
}

func TestUpdateUserPoolKeepsWhatEmailMFANeeds(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings transport.PoolSettings
		code     string
	}{
		{"plan and SES kept", transport.PoolSettings{EmailConfiguration: sesEmail(), MfaConfiguration: transport.MFAOptional}, ""},
		{"plan omitted is essentials", transport.PoolSettings{EmailConfiguration: sesEmail(), MfaConfiguration: transport.MFAOptional, UserPoolTier: ""}, ""},
		{"down to lite", transport.PoolSettings{EmailConfiguration: sesEmail(), MfaConfiguration: transport.MFAOptional, UserPoolTier: transport.TierLite}, "FeatureUnavailableInTierException"},
		{"SES dropped", transport.PoolSettings{MfaConfiguration: transport.MFAOptional}, "InvalidParameterException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tierEnv(t, transport.TierPlus, sesEmail())
			if _, err := e.cog.SetUserPoolMfaConfig(e.ctx, &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID,
				MfaConfiguration: transport.MFAOptional, EmailMfaConfiguration: &transport.EmailMfaConfig{}}); err != nil {
				t.Fatal(err)
			}
			_, err := e.cog.UpdateUserPool(e.ctx, &transport.UpdateUserPoolInput{UserPoolID: e.pool.ID, PoolSettings: tc.settings})
			d, derr := e.cog.DescribeUserPool(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
			if derr != nil {
				t.Fatal(derr)
			}
			if tc.code != "" {
				wantErr(t, err, tc.code, "")
				if d.UserPool.UserPoolTier != transport.TierPlus {
					t.Fatalf("a refused update changed the plan to %q", d.UserPool.UserPoolTier)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := tierOrDefault(tc.settings.UserPoolTier); d.UserPool.UserPoolTier != want {
				t.Fatalf("tier = %q, want %q", d.UserPool.UserPoolTier, want)
			}
		})
	}
}

// setupEnv is a pool requiring MFA with the given kinds; sms gives the pool
// an SmsConfiguration.
func setupEnv(t *testing.T, sms, totp, email bool) *env {
	t.Helper()
	ps := transport.PoolSettings{EmailConfiguration: sesEmail()}
	if sms {
		ps.SmsConfiguration = &transport.SmsConfiguration{SnsCallerArn: "arn:aws:iam::123456789012:role/sns"}
	}
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: ps}})
	cfg := &transport.UserPoolMfaConfig{UserPoolID: e.pool.ID, MfaConfiguration: transport.MFAOn}
	if sms {
		cfg.SmsMfaConfiguration = &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}
	}
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

func TestMFASetupOffers(t *testing.T) {
	for _, tc := range []struct {
		name             string
		sms, totp, email bool
		attrs            []transport.AttributeType
		challenge        string
		canSetup         string
	}{
		{"totp and email", false, true, true, nil, transport.ChallengeMFASetup, `["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`},
		{"email only", false, false, true, nil, transport.ChallengeMFASetup, `["EMAIL_OTP"]`},
		{"totp only", false, true, false, nil, transport.ChallengeMFASetup, `["SOFTWARE_TOKEN_MFA"]`},
		{"sms can be sent", true, true, true, nil, transport.ChallengeMFASetup, `["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`},
		{"unverified e-mail is set up", false, true, true,
			[]transport.AttributeType{transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "false")}, transport.ChallengeMFASetup, `["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]`},
		{"verified e-mail gets a code", false, true, true,
			[]transport.AttributeType{transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true")}, transport.ChallengeEmailOTP, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := setupEnv(t, tc.sms, tc.totp, tc.email)
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword, tc.attrs...)
			ch := e.challenge(tc.challenge)(e.srpLogin("alice", testPassword, nil))
			if got := ch.ChallengeParameters[transport.ParamMFAsCanSetup]; got != tc.canSetup {
				t.Errorf("MFAS_CAN_SETUP = %q, want %q", got, tc.canSetup)
			}
		})
	}
}

func TestEmailMFASetupDuringSignIn(t *testing.T) {
	e := setupEnv(t, false, true, true)
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	ch := e.challenge(transport.ChallengeMFASetup)(e.srpLogin("alice", testPassword, nil))

	ch = e.challenge(transport.ChallengeEmailOTP)(e.respond(transport.ChallengeMFASetup, ch.Session,
		map[string]string{transport.ParamUsername: "alice", transport.ParamEmail: "alice@example.org"}))
	if got := ch.ChallengeParameters; got[transport.ParamCodeDeliveryMedium] != "EMAIL" || got[transport.ParamCodeDeliveryDest] != "a***@e***" {
		t.Errorf("delivery = %v", got)
	}
	m, ok := e.f.Outbox().Last("alice@example.org")
	if !ok || m.Purpose != PurposeMFA || m.Medium != "EMAIL" || m.Destination != "alice@example.org" || len(m.Code) != 6 {
		t.Fatalf("outbox = %+v, %v", m, ok)
	}
	// Nothing is recorded before the code comes back.
	u, err := e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(u.UserAttributes, func(a transport.AttributeType) bool { return a.Name == "email" }) || len(u.UserMFASettingList) != 0 {
		t.Fatalf("before the code: attributes %v, MFA %v", u.UserAttributes, u.UserMFASettingList)
	}

	answer := func(code string) (*transport.ChallengeOutput, error) {
		return e.respond(transport.ChallengeEmailOTP, ch.Session, map[string]string{transport.ParamUsername: "alice", transport.ParamEmailOTPCode: code})
	}
	_, err = answer("000000")
	wantErr(t, err, "CodeMismatchException", "")
	e.tokens(answer(m.Code)) // the session survived the wrong code

	u, err = e.cog.AdminGetUser(e.ctx, &transport.UserRef{UserPoolID: e.pool.ID, Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]string{}
	for _, a := range u.UserAttributes {
		attrs[a.Name] = a.Value
	}
	if attrs["email"] != "alice@example.org" || attrs["email_verified"] != "true" {
		t.Errorf("attributes after setup = %v", attrs)
	}
	if !slices.Equal(u.UserMFASettingList, []string{transport.MFAEmail}) || u.PreferredMfaSetting != transport.MFAEmail {
		t.Errorf("MFA after setup = %v preferred %q", u.UserMFASettingList, u.PreferredMfaSetting)
	}

	// The next login asks for an e-mail code at once.
	ch = e.challenge(transport.ChallengeEmailOTP)(e.srpLogin("alice", testPassword, nil))
	e.tokens(e.respond(transport.ChallengeEmailOTP, ch.Session, map[string]string{transport.ParamUsername: "alice",
		transport.ParamEmailOTPCode: e.f.Outbox().LastCode("alice@example.org")}))
}

func TestMFASetupEmailRefused(t *testing.T) {
	for _, tc := range []struct {
		name        string
		totp, email bool
		answer      map[string]string
		code        string
	}{
		{"pool without e-mail MFA", true, false, map[string]string{transport.ParamEmail: "alice@example.org"}, "InvalidParameterException"},
		{"not an address", true, true, map[string]string{transport.ParamEmail: "alice"}, "InvalidParameterException"},
		{"address with spaces", true, true, map[string]string{transport.ParamEmail: "al ice@example.org"}, "InvalidParameterException"},
		{"neither e-mail nor a verified app", true, true, map[string]string{}, "NotAuthorizedException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := setupEnv(t, false, tc.totp, tc.email)
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			ch := e.challenge(transport.ChallengeMFASetup)(e.srpLogin("alice", testPassword, nil))
			tc.answer[transport.ParamUsername] = "alice"
			_, err := e.respond(transport.ChallengeMFASetup, ch.Session, tc.answer)
			wantErr(t, err, tc.code, "")
			if _, ok := e.f.Outbox().Last("alice"); ok {
				t.Error("a refused setup sent a code")
			}
		})
	}
}

func TestSetUserPoolMfaConfigModes(t *testing.T) {
	totpOn := &transport.SoftwareTokenMfaConfig{Enabled: true}
	for _, tc := range []struct {
		name string
		in   transport.UserPoolMfaConfig
		msg  string // "" for success
	}{
		{"off alone", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOff}, ""},
		{"off with a disabled app", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOff,
			SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{}}, ""},
		{"off with e-mail", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOff, EmailMfaConfiguration: &transport.EmailMfaConfig{}},
			"Invalid MFA configuration given, can't turn off MFA and configure an MFA together."},
		{"off with an app", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOff, SoftwareTokenMfaConfiguration: totpOn},
			"Invalid MFA configuration given, can't turn off MFA and configure an MFA together."},
		{"optional with nothing", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOptional},
			"Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration."},
		{"on with an app", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOn, SoftwareTokenMfaConfiguration: totpOn}, ""},
		{"on with e-mail", transport.UserPoolMfaConfig{MfaConfiguration: transport.MFAOn, EmailMfaConfiguration: &transport.EmailMfaConfig{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := tierEnv(t, "", sesEmail())
			in := tc.in
			in.UserPoolID = e.pool.ID
			_, err := e.cog.SetUserPoolMfaConfig(e.ctx, &in)
			if tc.msg != "" {
				wantErr(t, err, "InvalidParameterException", tc.msg)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.cog.GetUserPoolMfaConfig(e.ctx, &transport.PoolRef{UserPoolID: e.pool.ID})
			if err != nil || got.MfaConfiguration != tc.in.MfaConfiguration {
				t.Fatalf("GetUserPoolMfaConfig = %+v, %v", got, err)
			}
		})
	}
}
