package conformance

import (
	"errors"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// userFor returns the user name and password a scenario logs in with: the
// live target's configured user, or a user created in the fixture's pool.
func userFor(fx *fixture, name string, attrs ...transport.AttributeType) (string, string) {
	if fx.tg.Live != nil {
		return fx.tg.Live.Username, fx.tg.Live.Password
	}
	const password = "Corr3ct-Horse-Battery!"
	fx.user(name, password, attrs...)
	return name, password
}

var loginScenarios = []Scenario{
	{Name: "srp login", Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "alice", transport.Attr("email", "alice@example.com"))
		res := fx.mustLogin(engine.Credentials{Username: name, Password: pw})
		id, access := fx.checkTokens(res.Tokens)
		if res.Tokens.RefreshToken == "" {
			t.Error("no refresh token")
		}
		if id.Username != res.Username || access.Username != res.Username || id.Subject == "" || id.Subject != access.Subject {
			t.Errorf("claims disagree: result user %q, id %q/%q, access %q/%q", res.Username, id.Username, id.Subject, access.Username, access.Subject)
		}
		if access.Scope != "aws.cognito.signin.user.admin" || access.ClientID != fx.clientID {
			t.Errorf("access token scope %q client_id %q", access.Scope, access.ClientID)
		}
		if _, ok := access.Raw["aud"]; ok {
			t.Error("access token has an aud claim; Cognito's have none")
		}
		if tg.Live == nil && id.String("email") != "alice@example.com" {
			t.Errorf("ID token email = %q", id.String("email"))
		}
	}},
	{Name: "user password auth", Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "bob")
		fx.mustLogin(engine.Credentials{Username: name, Password: pw, Flow: transport.FlowUserPassword})
	}},
	{Name: "flow not enabled for the client", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: transport.ClientSettings{ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth}}})
		name, pw := userFor(fx, "bob")
		_, err := fx.login(engine.Credentials{Username: name, Password: pw, Flow: transport.FlowUserPassword})
		wantErr(t, err, transport.ErrInvalidParameter, "USER_PASSWORD_AUTH flow not enabled for this client")
	}},
	{Name: "wrong password", Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, _ := userFor(fx, "carol")
		for _, flow := range []string{transport.FlowUserSRP, transport.FlowUserPassword} {
			_, err := fx.login(engine.Credentials{Username: name, Password: "Wr0ng-Password!", Flow: flow})
			wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
		}
	}},
	{Name: "unknown user, legacy errors", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: transport.ClientSettings{PreventUserExistenceErrors: transport.PreventUserExistenceLegacy}})
		_, err := fx.login(engine.Credentials{Username: "nobody", Password: "Whatever-1!"})
		wantErr(t, err, transport.ErrUserNotFound, "User does not exist.")
	}},
	{Name: "unknown user, existence errors prevented", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{client: transport.ClientSettings{PreventUserExistenceErrors: transport.PreventUserExistenceOn}})
		for _, flow := range []string{transport.FlowUserSRP, transport.FlowUserPassword} {
			_, err := fx.login(engine.Credentials{Username: "nobody", Password: "Whatever-1!", Flow: flow})
			wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
		}
		// The decoy challenge must look like a real one, so that its shape
		// does not reveal whether the user exists.
		out, err := fx.initiate(transport.FlowUserSRP, map[string]string{"USERNAME": "nobody", "SRP_A": "02"})
		if err == nil && out.ChallengeName != transport.ChallengePasswordVerifier {
			t.Errorf("unknown user's SRP start: challenge %q", out.ChallengeName)
		}
	}},
	{Name: "disabled user", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "dave")
		if _, err := tg.Cognito.AdminDisableUser(fx.ctx, &transport.UserRef{UserPoolID: fx.poolID, Username: name}); err != nil {
			t.Fatal(err)
		}
		_, err := fx.login(engine.Credentials{Username: name, Password: pw})
		wantErr(t, err, transport.ErrNotAuthorized, "User is disabled.")
		if _, err := tg.Cognito.AdminEnableUser(fx.ctx, &transport.UserRef{UserPoolID: fx.poolID, Username: name}); err != nil {
			t.Fatal(err)
		}
		fx.mustLogin(engine.Credentials{Username: name, Password: pw})
	}},
	{Name: "unconfirmed user", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		const pw = "Corr3ct-Horse-Battery!"
		if _, err := tg.Cognito.SignUp(fx.ctx, &transport.SignUpInput{ClientID: fx.clientID, Username: "erin", Password: pw,
			UserAttributes: []transport.AttributeType{transport.Attr("email", "erin@example.com")}}); err != nil {
			t.Fatal(err)
		}
		_, err := fx.login(engine.Credentials{Username: "erin", Password: pw})
		wantErr(t, err, transport.ErrUserNotConfirmed, "User is not confirmed.")
		if _, err := tg.Cognito.AdminConfirmSignUp(fx.ctx, &transport.AdminUserMetadataInput{UserPoolID: fx.poolID, Username: "erin"}); err != nil {
			t.Fatal(err)
		}
		fx.mustLogin(engine.Credentials{Username: "erin", Password: pw})
	}},
	{Name: "lockout after repeated wrong passwords", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "frank")
		locked := false
		for i := 0; i < 10 && !locked; i++ {
			_, err := fx.login(engine.Credentials{Username: name, Password: "Wr0ng-Password!"})
			var te *transport.Error
			if !errors.Is(err, transport.ErrNotAuthorized) || !errors.As(err, &te) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
			locked = te.Message == "Password attempts exceeded"
		}
		if !locked {
			t.Fatal("10 wrong passwords did not lock the user out")
		}
		_, err := fx.login(engine.Credentials{Username: name, Password: pw})
		wantErr(t, err, transport.ErrNotAuthorized, "Password attempts exceeded")
		if tg.Clock == nil {
			return
		}
		tg.Clock.Advance(20 * time.Minute) // longer than any lockout
		fx.mustLogin(engine.Credentials{Username: name, Password: pw})
	}},
}
