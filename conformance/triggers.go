package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// triggerARN names the function of one trigger in the scenarios' pools.
func triggerARN(name string) string {
	return "arn:aws:lambda:us-east-1:123456789012:function:conformance-" + name
}

// goLambda serves a trigger in-process with a handler written as a Go
// Lambda writes it: it takes the event as aws-lambda-go decodes it and
// returns it with its response filled in.
func goLambda[E any](handle func(*E) error) fakecognito.LambdaFunc {
	return func(_ context.Context, body []byte) ([]byte, error) {
		var ev E
		if err := json.Unmarshal(body, &ev); err != nil {
			return nil, err
		}
		if err := handle(&ev); err != nil {
			return nil, err
		}
		return json.Marshal(ev)
	}
}

var triggerScenarios = []Scenario{
	{Name: "triggers shape sign-up and sign-in", Needs: NeedPool | NeedFake, Run: func(t *testing.T, tg Target) {
		// The pool names its functions in LambdaConfig, set through the
		// API as an application's infrastructure code would.
		fx := setup(t, tg, poolSpec{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{
			LambdaConfig: &transport.LambdaConfig{
				PreSignUp:         triggerARN("presignup"),
				PreAuthentication: triggerARN("preauth"),
				UserMigration:     triggerARN("migrate"),
				CustomMessage:     triggerARN("message"),
			},
		}}})
		tg.Fake.SetLambda(triggerARN("presignup"), goLambda(func(ev *events.CognitoEventUserPoolsPreSignup) error {
			if !strings.HasSuffix(ev.Request.UserAttributes["email"], "@example.com") {
				return &fakecognito.FunctionError{Type: "Error", Message: "Only example.com may sign up"}
			}
			ev.Response.AutoConfirmUser, ev.Response.AutoVerifyEmail = true, true
			return nil
		}))
		tg.Fake.SetLambda(triggerARN("preauth"), goLambda(func(ev *events.CognitoEventUserPoolsPreAuthentication) error {
			if ev.Request.ValidationData["blocked"] == "yes" {
				return errors.New("Blocked")
			}
			return nil
		}))
		tg.Fake.SetLambda(triggerARN("message"), goLambda(func(ev *events.CognitoEventUserPoolsCustomMessage) error {
			ev.Response.EmailSubject = "Your code"
			ev.Response.EmailMessage = "Hello " + ev.UserName + ", your code is " + ev.Request.CodeParameter
			return nil
		}))
		tg.Fake.SetLambda(triggerARN("migrate"), goLambda(func(ev *events.CognitoEventUserPoolsMigrateUser) error {
			if ev.UserName != "legacy" || ev.Password != "old-Secret-1" {
				return &fakecognito.FunctionError{Type: "Error", Message: "Bad password"}
			}
			ev.CognitoEventUserPoolsMigrateUserResponse = events.CognitoEventUserPoolsMigrateUserResponse{
				UserAttributes:  map[string]string{"email": "legacy@example.com", "email_verified": "true"},
				FinalUserStatus: "CONFIRMED", MessageAction: "SUPPRESS",
			}
			return nil
		}))

		// PreSignUp confirms a sign-up it likes, which may sign in at once.
		out, err := tg.Cognito.SignUp(fx.ctx, &transport.SignUpInput{ClientID: fx.clientID, Username: "ivan", Password: "Sign-Up-Pass-1",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "ivan@example.com")}})
		if err != nil {
			t.Fatal(err)
		}
		if !out.UserConfirmed || out.CodeDeliveryDetails != nil {
			t.Fatalf("SignUp = %+v, want confirmed by the trigger", out)
		}
		fx.mustLogin(engine.Credentials{Username: "ivan", Password: "Sign-Up-Pass-1"})
		// ... and refuses one it does not, with Cognito's error.
		_, err = tg.Cognito.SignUp(fx.ctx, &transport.SignUpInput{ClientID: fx.clientID, Username: "eve", Password: "Sign-Up-Pass-1",
			UserAttributes: []transport.AttributeType{transport.Attr("email", "eve@elsewhere.org")}})
		wantErr(t, err, transport.ErrUserLambdaValidation, "PreSignUp failed with error Only example.com may sign up.")

		// UserMigration brings in an unknown user who signs in with a
		// password; afterwards SRP works with it.
		fx.mustLogin(engine.Credentials{Username: "legacy", Password: "old-Secret-1", Flow: transport.FlowUserPassword})
		fx.mustLogin(engine.Credentials{Username: "legacy", Password: "old-Secret-1"})
		_, err = fx.login(engine.Credentials{Username: "stranger", Password: "whatever-1", Flow: transport.FlowUserPassword})
		wantErr(t, err, transport.ErrUserLambdaValidation, "UserMigration failed with error Bad password.")

		// CustomMessage writes the text of the code the user is sent, and
		// the code in it works.
		if _, err := tg.Cognito.ForgotPassword(fx.ctx, &transport.ForgotPasswordInput{ClientID: fx.clientID, Username: "ivan"}); err != nil {
			t.Fatal(err)
		}
		m, ok := tg.Fake.Outbox().LastIn(fx.poolID, "ivan")
		if !ok || m.Subject != "Your code" || m.Text != "Hello ivan, your code is "+m.Code {
			t.Fatalf("message = %q / %q (%v)", m.Subject, m.Text, ok)
		}
		if _, err := tg.Cognito.ConfirmForgotPassword(fx.ctx, &transport.ConfirmForgotPasswordInput{ClientID: fx.clientID,
			Username: "ivan", ConfirmationCode: m.Code, Password: "New-Pass-Word-2"}); err != nil {
			t.Fatal(err)
		}
		fx.mustLogin(engine.Credentials{Username: "ivan", Password: "New-Pass-Word-2"})

		// PreAuthentication sees InitiateAuth's ClientMetadata as
		// validationData and can refuse the sign-in.
		_, err = tg.Cognito.InitiateAuth(fx.ctx, &transport.InitiateAuthInput{
			ClientID: fx.clientID, AuthFlow: transport.FlowUserPassword, ClientMetadata: map[string]string{"blocked": "yes"},
			AuthParameters: map[string]string{transport.ParamUsername: "ivan", transport.ParamPassword: "New-Pass-Word-2"},
		})
		wantErr(t, err, transport.ErrUserLambdaValidation, "PreAuthentication failed with error Blocked.")
	}},
}
