package conformance

import (
	"context"
	"errors"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// needOf returns the login an input-needing error carries, failing otherwise.
func needOf(t *testing.T, err error, want error) *engine.Login {
	t.Helper()
	var ce *engine.ChallengeError
	if !errors.As(err, &ce) || !errors.Is(err, want) {
		t.Fatalf("err = %v, want a challenge error matching %v", err, want)
	}
	return ce.Login
}

// finish checks that a login is done and returns its result.
func finish(t *testing.T, fx *fixture, l *engine.Login) *engine.Result {
	t.Helper()
	if l.State() != states.Done {
		t.Fatalf("state %s, need %v; want Done", l.State(), l.Need())
	}
	res, err := l.Result()
	if err != nil {
		t.Fatal(err)
	}
	fx.checkTokens(res.Tokens)
	return res
}

var challengeScenarios = []Scenario{
	{Name: "new password required", Needs: NeedPool, Run: func(t *testing.T, tg Target) {
		// Cognito refuses AdminCreateUser without the pool's required
		// attributes, so requiredAttributes comes back empty here; the answer
		// may still update attributes with userAttributes.NAME.
		mutable := true
		fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{Schema: []transport.SchemaAttribute{
			{Name: "name", AttributeDataType: "String", Required: true, Mutable: &mutable},
		}}})
		const temp, final = "Temp0rary-Pass!", "Fin4l-Password!"
		_, err := tg.Cognito.AdminCreateUser(fx.ctx, &transport.AdminCreateUserInput{
			UserPoolID: fx.poolID, Username: "ivan", TemporaryPassword: temp, MessageAction: "SUPPRESS",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "ivan@example.com")},
		})
		wantErr(t, err, transport.ErrInvalidParameter, "name")
		if _, err := tg.Cognito.AdminCreateUser(fx.ctx, &transport.AdminCreateUserInput{
			UserPoolID: fx.poolID, Username: "ivan", TemporaryPassword: temp, MessageAction: "SUPPRESS",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "ivan@example.com"), transport.Attr("name", "I.")},
		}); err != nil {
			t.Fatal(err)
		}
		_, err = fx.login(engine.Credentials{Username: "ivan", Password: temp})
		l := needOf(t, err, engine.ErrNewPasswordRequired)
		need, ok := l.Need().(states.NeedNewPassword)
		if !ok || len(need.Required) != 0 {
			t.Fatalf("need %#v; want a new password with nothing missing", l.Need())
		}
		if need.Attributes["email"] != "ivan@example.com" || need.Attributes["name"] != "I." {
			t.Errorf("current attributes %v", need.Attributes)
		}
		if err := l.Submit(fx.ctx, engine.NewPassword{Password: "short"}); !errors.Is(err, transport.ErrInvalidPassword) {
			t.Fatalf("a password against the policy: %v, want InvalidPasswordException", err)
		}
		if err := l.Submit(fx.ctx, engine.NewPassword{Password: final, Attributes: map[string]string{"name": "Ivan"}}); err != nil {
			t.Fatal(err)
		}
		res := finish(t, fx, l)
		id, _ := fx.checkTokens(res.Tokens)
		if id.String("name") != "Ivan" {
			t.Errorf("ID token name = %q, want the attribute given with the new password", id.String("name"))
		}
		fx.mustLogin(engine.Credentials{Username: "ivan", Password: final})
		_, err = fx.login(engine.Credentials{Username: "ivan", Password: temp})
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
	{Name: "custom auth without password", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, _ := userFor(fx, "judy")
		installQuiz(t, tg.Fake, fx.poolID, false)
		_, err := fx.login(engine.Credentials{Username: name, Flow: transport.FlowCustom})
		l := needOf(t, err, engine.ErrCustomChallenge)
		if need, ok := l.Need().(states.NeedCustomAnswer); !ok || need.Params["question"] != "2+2" {
			t.Fatalf("need %#v", l.Need())
		}
		if err := l.Submit(fx.ctx, engine.CustomAnswer("4")); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)

		_, err = fx.login(engine.Credentials{Username: name, Flow: transport.FlowCustom})
		l = needOf(t, err, engine.ErrCustomChallenge)
		err = l.Submit(fx.ctx, engine.CustomAnswer("5"))
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
	{Name: "custom auth with SRP first", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		fx := setup(t, tg, poolSpec{})
		name, pw := userFor(fx, "judy")
		installQuiz(t, tg.Fake, fx.poolID, true)
		_, err := fx.login(engine.Credentials{Username: name, Password: pw, Flow: transport.FlowCustom})
		l := needOf(t, err, engine.ErrCustomChallenge)
		if err := l.Submit(fx.ctx, engine.CustomAnswer("4")); err != nil {
			t.Fatal(err)
		}
		finish(t, fx, l)

		_, err = fx.login(engine.Credentials{Username: name, Password: "Wr0ng-Password!", Flow: transport.FlowCustom})
		wantErr(t, err, transport.ErrNotAuthorized, "Incorrect username or password.")
	}},
}

// installQuiz sets custom-auth triggers that ask "2+2" once, after a
// password check when srpFirst.
func installQuiz(t *testing.T, f *fakecognito.Fake, poolID string, srpFirst bool) {
	t.Helper()
	err := f.SetTriggers(poolID, fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			s := in.Session
			switch {
			case len(s) > 0 && !s[len(s)-1].ChallengeResult:
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			case srpFirst && len(s) == 1 && s[0].ChallengeName == "SRP_A":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
			case len(s) > 0 && s[len(s)-1].ChallengeName == "CUSTOM_CHALLENGE":
				return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(context.Context, fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"question": "2+2"},
				PrivateChallengeParameters: map[string]string{"answer": "4"},
				ChallengeMetadata:          "QUIZ",
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
}
