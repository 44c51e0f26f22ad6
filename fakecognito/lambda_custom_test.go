package fakecognito

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/gocognito/gocognito/transport"
)

const (
	defineARN = "arn:aws:lambda:us-east-1:123456789012:function:define"
	createARN = "arn:aws:lambda:us-east-1:123456789012:function:create"
	verifyARN = "arn:aws:lambda:us-east-1:123456789012:function:verify"
)

// strictLambda runs an aws-lambda-go handler after checking that the
// event decodes into its type with no unknown field, and records it.
func strictLambda[T any](t *testing.T, log *eventLog, h func(context.Context, T) (T, error)) LambdaFunc {
	inner := lambda.NewHandler(h)
	return func(ctx context.Context, ev []byte) ([]byte, error) {
		var v T
		decodeStrict(t, ev, &v)
		log.mu.Lock()
		log.events = append(log.events, ev)
		log.mu.Unlock()
		return inner.Invoke(ctx, ev)
	}
}

// TestCustomAuthThroughLambdaConfig runs a quiz through the three custom
// authentication triggers named in LambdaConfig, written with
// aws-lambda-go's event types.
func TestCustomAuthThroughLambdaConfig(t *testing.T) {
	var defines, creates, verifies eventLog
	define := strictLambda(t, &defines, func(_ context.Context, ev events.CognitoEventUserPoolsDefineAuthChallenge) (events.CognitoEventUserPoolsDefineAuthChallenge, error) {
		if ev.TriggerSource != sourceDefineAuthChallenge || ev.Version != "1" || ev.UserName != "alice" || ev.Request.UserAttributes["sub"] == "" ||
			ev.Request.ClientMetadata["app"] != "quiz" {
			t.Errorf("define event = %+v", ev)
		}
		switch s := ev.Request.Session; {
		case len(s) == 0:
			ev.Response.ChallengeName = transport.ChallengeCustom
		case s[len(s)-1].ChallengeResult && s[len(s)-1].ChallengeMetadata == "QUIZ":
			ev.Response.IssueTokens = true
		default:
			ev.Response.FailAuthentication = true
		}
		return ev, nil
	})
	create := strictLambda(t, &creates, func(_ context.Context, ev events.CognitoEventUserPoolsCreateAuthChallenge) (events.CognitoEventUserPoolsCreateAuthChallenge, error) {
		if ev.TriggerSource != sourceCreateAuthChallenge || ev.Request.ChallengeName != transport.ChallengeCustom || ev.Request.Session == nil {
			t.Errorf("create event = %+v", ev)
		}
		ev.Response.PublicChallengeParameters = map[string]string{"question": "2+2?"}
		ev.Response.PrivateChallengeParameters = map[string]string{"answer": "4"}
		ev.Response.ChallengeMetadata = "QUIZ"
		return ev, nil
	})
	verify := strictLambda(t, &verifies, func(_ context.Context, ev events.CognitoEventUserPoolsVerifyAuthChallenge) (events.CognitoEventUserPoolsVerifyAuthChallenge, error) {
		if ev.TriggerSource != sourceVerifyAuthChallenge || ev.Request.PrivateChallengeParameters["answer"] != "4" {
			t.Errorf("verify event = %+v", ev)
		}
		ev.Response.AnswerCorrect = ev.Request.ChallengeAnswer == "4"
		return ev, nil
	})
	lc := &transport.LambdaConfig{DefineAuthChallenge: defineARN, CreateAuthChallenge: createARN, VerifyAuthChallengeResponse: verifyARN}
	tests := []struct {
		name     string
		answer   string
		wantCode string
	}{
		{name: "right answer", answer: "4"},
		{name: "wrong answer", answer: "5", wantCode: "NotAuthorizedException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{LambdaConfig: lc}}})
			e.f.SetLambda(defineARN, define)
			e.f.SetLambda(createARN, create)
			e.f.SetLambda(verifyARN, verify)
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			ch, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowCustom, ClientID: e.client.ClientID,
				AuthParameters: map[string]string{transport.ParamUsername: "alice"}, ClientMetadata: map[string]string{"app": "quiz"}})
			ch = mustChallenge(t, ch, err, transport.ChallengeCustom)
			if ch.ChallengeParameters["question"] != "2+2?" || ch.ChallengeParameters["answer"] != "" {
				t.Errorf("challenge parameters = %v", ch.ChallengeParameters)
			}
			out, err := e.customAnswer(ch.Session, tc.answer)
			if tc.wantCode != "" {
				wantErr(t, err, tc.wantCode, "")
				return
			}
			mustTokens(t, out, err)
			var last events.CognitoEventUserPoolsDefineAuthChallenge
			decodeStrict(t, defines.last(t), &last)
			if s := last.Request.Session; len(s) != 1 || s[0].ChallengeName != transport.ChallengeCustom || !s[0].ChallengeResult || s[0].ChallengeMetadata != "QUIZ" {
				t.Errorf("session = %+v", s)
			}
			var v events.CognitoEventUserPoolsVerifyAuthChallenge
			decodeStrict(t, verifies.last(t), &v)
			if v.Request.ChallengeAnswer != "4" {
				t.Errorf("challengeAnswer = %v", v.Request.ChallengeAnswer)
			}
		})
	}
}

// TestCustomAuthLambdaErrors checks that a failing function of LambdaConfig
// fails the login with Cognito's error once, not wrapped twice, and that
// Go functions of SetTriggers still come first.
func TestCustomAuthLambdaErrors(t *testing.T) {
	lc := &transport.LambdaConfig{DefineAuthChallenge: defineARN}
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{PoolSettings: transport.PoolSettings{LambdaConfig: lc}}})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	e.f.SetLambda(defineARN, func(context.Context, []byte) ([]byte, error) { return nil, errors.New("boom") })
	_, err := e.customStart(nil)
	wantErr(t, err, "UserLambdaValidationException", "DefineAuthChallenge failed with error boom.")

	var calls []string
	if err := e.f.SetTriggers(e.pool.ID, quizTriggers(false, &calls)); err != nil {
		t.Fatal(err)
	}
	e.challenge(transport.ChallengeCustom)(e.customStart(nil))
	if len(calls) == 0 || calls[0] != "define" {
		t.Errorf("the Go triggers did not run first: %v", calls)
	}
}
