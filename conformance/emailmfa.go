package conformance

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// sesEmail is an EmailConfiguration that sends with Amazon SES
// (EmailSendingAccount DEVELOPER), which e-mail MFA needs.
func sesEmail() *transport.EmailConfiguration {
	return &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
		SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com", From: "no-reply@example.com"}
}

// resumeFromJSON hands a login to a fresh engine through its snapshot's
// JSON, as another process would take it up.
func resumeFromJSON(t *testing.T, fx *fixture, l *engine.Login) *engine.Login {
	t.Helper()
	saved, err := json.Marshal(l.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	snap, err := engine.ParseSnapshot(saved)
	if err != nil {
		t.Fatal(err)
	}
	resumed, err := engine.Resume(fx.config(), snap)
	if err != nil {
		t.Fatal(err)
	}
	return resumed
}

// setUpEmailMFA runs an MFA_SETUP that offers TOTP and e-mail through the
// e-mail choice, resuming from JSON before each answer when resume is set,
// and returns the finished login.
func setUpEmailMFA(t *testing.T, fx *fixture, name, address string, resume bool) *engine.Login {
	t.Helper()
	again := func(l *engine.Login) *engine.Login {
		if resume {
			return resumeFromJSON(t, fx, l)
		}
		return l
	}
	_, err := fx.login(engine.Credentials{Username: name, Password: mfaPassword})
	l := again(needOf(t, err, engine.ErrMFASetupRequired))
	choice, ok := l.Need().(states.NeedMFASetupChoice)
	if !ok || !slices.Equal(choice.Options, []string{transport.MFASoftwareToken, transport.MFAEmail}) {
		t.Fatalf("need %#v; want the choice of TOTP and e-mail", l.Need())
	}
	if err := l.Submit(fx.ctx, engine.MFAChoice(transport.MFAEmail)); err != nil {
		t.Fatal(err)
	}
	l = again(l)
	if _, ok := l.Need().(states.NeedEmailSetup); !ok {
		t.Fatalf("need %#v; want an e-mail address", l.Need())
	}
	if err := l.Submit(fx.ctx, engine.EmailAddress(address)); err != nil {
		t.Fatal(err)
	}
	l = again(l)
	if l.State() != states.EmailOTP {
		t.Fatalf("state %s after the address; want EmailOTP", l.State())
	}
	if err := l.Submit(fx.ctx, fx.codeFor(t, l, address, states.MediumEmail)); err != nil {
		t.Fatal(err)
	}
	finish(t, fx, l)
	return l
}

var emailMFAScenarios = []Scenario{
	{Name: "email mfa setup during login", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOn, transport.MFASoftwareToken, transport.MFAEmail)
		fx.user("pia", mfaPassword)
		setUpEmailMFA(t, fx, "pia", "pia@example.org", false)

		u, err := tg.Cognito.AdminGetUser(fx.ctx, &transport.UserRef{UserPoolID: fx.poolID, Username: "pia"})
		if err != nil {
			t.Fatal(err)
		}
		attrs := transport.Attributes(u.UserAttributes)
		if attrs["email"] != "pia@example.org" || attrs["email_verified"] != "true" || !slices.Contains(u.UserMFASettingList, transport.MFAEmail) {
			t.Fatalf("after setup: attributes %v, MFA %v", attrs, u.UserMFASettingList)
		}
		// From now on the pool sends an e-mail code at once.
		_, err = fx.login(engine.Credentials{Username: "pia", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, fx.codeFor(t, l, "pia@example.org", states.MediumEmail)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "email mfa setup resumed at every step", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOn, transport.MFASoftwareToken, transport.MFAEmail)
		fx.user("quin", mfaPassword)
		setUpEmailMFA(t, fx, "quin", "quin@example.org", true)
	}},
	{Name: "email mfa setup: verified e-mail gets a code at once", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOn, transport.MFASoftwareToken, transport.MFAEmail)
		fx.user("rae", mfaPassword, transport.Attr("email", "rae@example.org"), transport.Attr("email_verified", "true"))
		_, err := fx.login(engine.Credentials{Username: "rae", Password: mfaPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		if err := l.Submit(fx.ctx, fx.codeFor(t, l, "rae", states.MediumEmail)); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)
	}},
	{Name: "email mfa needs SES and the essentials plan", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		tests := []struct {
			name  string
			tier  string
			email *transport.EmailConfiguration
			want  error
		}{
			{"lite plan", transport.TierLite, sesEmail(), transport.ErrFeatureUnavailableInTier},
			{"cognito's mailer", transport.TierEssentials, &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingCognito}, transport.ErrInvalidParameter},
			{"no email configuration", "", nil, transport.ErrInvalidParameter},
			{"default plan with SES", "", sesEmail(), nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
					UserPoolTier: tc.tier, EmailConfiguration: tc.email,
				}}})
				d, err := tg.Cognito.DescribeUserPool(fx.ctx, &transport.PoolRef{UserPoolID: fx.poolID})
				if err != nil {
					t.Fatal(err)
				}
				wantTier := tc.tier
				if wantTier == "" {
					wantTier = transport.TierEssentials // the API reference's default
				}
				if d.UserPool.UserPoolTier != wantTier {
					t.Errorf("UserPoolTier %q, want %q", d.UserPool.UserPoolTier, wantTier)
				}
				_, err = tg.Cognito.SetUserPoolMfaConfig(fx.ctx, &transport.UserPoolMfaConfig{UserPoolID: fx.poolID,
					MfaConfiguration: transport.MFAOptional, EmailMfaConfiguration: &transport.EmailMfaConfig{Message: "Code {####}"}})
				if tc.want == nil {
					if err != nil {
						t.Fatal(err)
					}
					return
				}
				wantErr(t, err, tc.want, "")
			})
		}
	}},
}
