package conformance

import (
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// adminScenarios log in with the server-side flows: AdminInitiateAuth and
// AdminRespondToAuthChallenge, SigV4-signed on real Cognito (the live
// target has no IAM credentials, so they need a pool of their own).
var adminScenarios = []Scenario{
	{Name: "admin user password auth", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: true, pool: transport.CreateUserPoolInput{AliasAttributes: []string{"email"}}})
		fx.user("xena", mfaPassword, transport.Attr("email", "xena@example.com"), transport.Attr("email_verified", "true"))
		for _, flow := range []string{transport.FlowAdminUserPassword, transport.FlowAdminNoSRP} {
			res := fx.mustLogin(engine.Credentials{Username: "xena@example.com", Password: mfaPassword, Flow: flow})
			if res.Username != "xena" {
				t.Errorf("%s: Cognito's name %q, want xena", flow, res.Username)
			}
		}
		_, err := fx.login(engine.Credentials{Username: "xena", Password: "Wr0ng-Password!", Flow: transport.FlowAdminUserPassword})
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
	{Name: "admin flow not enabled for the client", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
		fx.user("xena", mfaPassword)
		_, err := fx.login(engine.Credentials{Username: "xena", Password: mfaPassword, Flow: transport.FlowAdminUserPassword})
		wantErr(t, err, transport.ErrInvalidParameter, "ADMIN_USER_PASSWORD_AUTH flow not enabled for this client")
	}},
	{Name: "admin login with sms mfa, resumed", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("yuri", mfaPassword, transport.MFASMS)
		_, err := fx.login(engine.Credentials{Username: "yuri", Password: mfaPassword, Flow: transport.FlowAdminUserPassword})
		l := needOf(t, err, engine.ErrMFARequired)
		code := fx.codeFor(t, l, "yuri", states.MediumSMS)
		resumed, err := engine.Resume(fx.config(), l.Snapshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := resumed.Submit(fx.ctx, code); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, resumed)
	}},
}
