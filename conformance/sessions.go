package conformance

import (
	"errors"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

func errorsIsAny(err error, kinds ...error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

// smsChallenge starts a USER_PASSWORD_AUTH login of an SMS-MFA user and
// returns Cognito's challenge.
func smsChallenge(t *testing.T, fx *fixture) *transport.InitiateAuthOutput {
	t.Helper()
	out, err := fx.initiate(transport.FlowUserPassword, map[string]string{"USERNAME": "vic", "PASSWORD": mfaPassword})
	if err != nil {
		t.Fatal(err)
	}
	if out.ChallengeName != transport.ChallengeSMSMFA || out.Session == "" {
		t.Fatalf("challenge %q, session %d chars", out.ChallengeName, len(out.Session))
	}
	return out
}

func (fx *fixture) answerSMS(session string) error {
	code := fx.tg.Fake.Outbox().LastCode("vic")
	_, err := fx.tg.Cognito.RespondToAuthChallenge(fx.ctx, &transport.RespondToAuthChallengeInput{
		ClientID: fx.clientID, ChallengeName: transport.ChallengeSMSMFA, Session: session,
		ChallengeResponses: map[string]string{"USERNAME": "vic", "SMS_MFA_CODE": code},
	})
	return err
}

var sessionScenarios = []Scenario{
	{Name: "expired session", Needs: NeedPool | NeedFake | NeedClock, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("vic", mfaPassword, transport.MFASMS)
		out := smsChallenge(t, fx)
		tg.Clock.Advance(3*time.Minute + time.Second) // past the default AuthSessionValidity
		wantErr(t, fx.answerSMS(out.Session), transport.ErrNotAuthorized, "Invalid session for the user, session is expired.")

		// The engine says so too, with its own kind.
		_, err := fx.login(engineCreds("vic"))
		l := needOf(t, err, engine.ErrMFARequired)
		tg.Clock.Advance(4 * time.Minute)
		err = l.Submit(fx.ctx, engine.MFACode(tg.Fake.Outbox().LastCode("vic")))
		if !errors.Is(err, engine.ErrSessionExpired) {
			t.Fatalf("engine after expiry: %v, want ErrSessionExpired", err)
		}
	}},
	{Name: "replayed session", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("vic", mfaPassword, transport.MFASMS)
		out := smsChallenge(t, fx)
		if err := fx.answerSMS(out.Session); err != nil {
			t.Fatal(err)
		}
		wantErr(t, fx.answerSMS(out.Session), transport.ErrNotAuthorized, "Invalid session for the user")
	}},
	{Name: "session of another client", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := mfaPool(t, tg, transport.MFAOptional, transport.MFASMS)
		fx.mfaUser("vic", mfaPassword, transport.MFASMS)
		out := smsChallenge(t, fx)
		other, err := tg.Cognito.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{UserPoolID: fx.poolID,
			ClientSettings: transport.ClientSettings{ClientName: "other", ExplicitAuthFlows: allFlows}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = tg.Cognito.RespondToAuthChallenge(fx.ctx, &transport.RespondToAuthChallengeInput{
			ClientID: other.UserPoolClient.ClientID, ChallengeName: transport.ChallengeSMSMFA, Session: out.Session,
			ChallengeResponses: map[string]string{"USERNAME": "vic", "SMS_MFA_CODE": tg.Fake.Outbox().LastCode("vic")},
		})
		wantErr(t, err, transport.ErrNotAuthorized, "Invalid session")
	}},
	{Name: "throttling", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "wes")
		tg.Fake.Fail("InitiateAuth", fakecognito.Throttle)
		_, err := fx.login(engine.Credentials{Username: name, Password: pw})
		wantErr(t, err, transport.ErrTooManyRequests, "Rate exceeded")
		tg.Fake.ClearFaults()
		fx.mustLogin(engine.Credentials{Username: name, Password: pw})
	}},
}

func engineCreds(name string) engine.Credentials {
	return engine.Credentials{Username: name, Password: mfaPassword}
}
