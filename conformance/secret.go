package conformance

import (
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

var secretScenarios = []Scenario{
	{Name: "client secret: right SECRET_HASH", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: true})
		name, pw := userFor(fx, "grace")
		fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		fx.mustLogin(engine.Credentials{Username: name, Password: pw, Flow: transport.FlowUserPassword})
	}},
	{Name: "client secret: wrong SECRET_HASH", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: true})
		name, _ := userFor(fx, "grace")
		c, err := srp.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = fx.initiate(transport.FlowUserSRP, map[string]string{
			"USERNAME": name, "SRP_A": c.SRPA(), "SECRET_HASH": srp.SecretHash(name, fx.clientID, "not-the-secret"),
		})
		wantErr(t, err, transport.ErrNotAuthorized, "Unable to verify secret hash for client "+fx.clientID)
	}},
	{Name: "client secret: missing SECRET_HASH", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{secret: true})
		name, _ := userFor(fx, "grace")
		c, err := srp.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = fx.initiate(transport.FlowUserSRP, map[string]string{"USERNAME": name, "SRP_A": c.SRPA()})
		wantErr(t, err, transport.ErrNotAuthorized, "Client "+fx.clientID+" is configured with secret but SECRET_HASH was not received")
	}},
	{Name: "client secret: sign in with an e-mail alias", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		// With e-mail as username attribute Cognito names the user by a UUID;
		// every step after PASSWORD_VERIFIER must hash that name, not the
		// e-mail typed (the bug of pycognito #18 and alexrudd/cognito-srp #7).
		fx := setup(t, tg, poolSpec{secret: true, pool: transport.CreateUserPoolInput{UsernameAttributes: []string{"email"}}})
		const email, pw = "heidi@example.com", "Corr3ct-Horse-Battery!"
		fx.user(email, pw, transport.Attr("email", email), transport.Attr("email_verified", "true"))
		res := fx.mustLogin(engine.Credentials{Username: email, Password: pw})
		if res.Username == email || res.Username == "" {
			t.Fatalf("Cognito's name for the user is %q; want the internal name, not the e-mail", res.Username)
		}
		id, _ := fx.checkTokens(res.Tokens)
		if id.Username != res.Username || id.String("email") != email {
			t.Errorf("ID token cognito:username %q email %q", id.Username, id.String("email"))
		}
		// Refresh hashes the name Cognito knows; the e-mail is refused.
		if _, err := fx.refresh(res, ""); err != nil {
			t.Fatalf("refresh with SECRET_HASH over %s: %v", res.Username, err)
		}
		_, err := fx.initiate(transport.FlowRefreshTokenAuth, map[string]string{
			"REFRESH_TOKEN": res.Tokens.RefreshToken, "SECRET_HASH": srp.SecretHash(email, fx.clientID, fx.secret)})
		wantErr(t, err, transport.ErrNotAuthorized, "Unable to verify secret hash for client "+fx.clientID)
	}},
}
