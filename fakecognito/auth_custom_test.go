package fakecognito

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// quizTriggers ask one question ("2+2?"), allow two tries, and issue
// tokens after a right answer. With srpFirst they want the password first.
func quizTriggers(srpFirst bool, calls *[]string) Triggers {
	return Triggers{
		DefineAuthChallenge: func(_ context.Context, in DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			*calls = append(*calls, "define")
			s := in.Session
			if srpFirst {
				switch {
				case len(s) == 1 && s[0].ChallengeName == "SRP_A":
					return DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
				case len(s) >= 2 && s[1].ChallengeName == "PASSWORD_VERIFIER" && s[1].ChallengeResult:
					s = s[2:]
				default:
					return DefineAuthChallengeOutput{FailAuthentication: true}, nil
				}
			}
			switch {
			case len(s) > 0 && s[len(s)-1].ChallengeResult:
				return DefineAuthChallengeOutput{IssueTokens: true}, nil
			case len(s) >= 2:
				return DefineAuthChallengeOutput{FailAuthentication: true}, nil
			}
			return DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(_ context.Context, in CreateAuthChallengeInput) (CreateAuthChallengeOutput, error) {
			*calls = append(*calls, "create")
			return CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"question": "2+2?"},
				PrivateChallengeParameters: map[string]string{"answer": "4"},
				ChallengeMetadata:          "QUIZ",
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in VerifyAuthChallengeInput) (VerifyAuthChallengeOutput, error) {
			*calls = append(*calls, "verify")
			return VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	}
}

func (e *env) customStart(params map[string]string) (*transport.ChallengeOutput, error) {
	p := map[string]string{transport.ParamUsername: "alice"}
	for k, v := range params {
		p[k] = v
	}
	return e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowCustom, ClientID: e.client.ClientID, AuthParameters: p})
}

func (e *env) customAnswer(session, answer string) (*transport.ChallengeOutput, error) {
	return e.respond(transport.ChallengeCustom, session, map[string]string{transport.ParamUsername: "alice", transport.ParamAnswer: answer})
}

func TestCustomAuth(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	var calls []string
	if err := e.f.SetTriggers(e.pool.ID, quizTriggers(false, &calls)); err != nil {
		t.Fatal(err)
	}
	ch := e.challenge(transport.ChallengeCustom)(e.customStart(nil))
	if ch.ChallengeParameters["question"] != "2+2?" || ch.ChallengeParameters["answer"] != "" || ch.ChallengeParameters[transport.ParamUsername] != "alice" {
		t.Errorf("public parameters = %v", ch.ChallengeParameters)
	}
	ch = e.challenge(transport.ChallengeCustom)(e.customAnswer(ch.Session, "5"))
	e.tokens(e.customAnswer(ch.Session, "4"))
	want := []string{"define", "create", "verify", "define", "create", "verify", "define"}
	if !slices.Equal(calls, want) {
		t.Errorf("trigger calls = %v, want %v", calls, want)
	}

	// Two wrong answers: the trigger fails the login.
	ch = e.challenge(transport.ChallengeCustom)(e.customStart(nil))
	ch = e.challenge(transport.ChallengeCustom)(e.customAnswer(ch.Session, "5"))
	_, err := e.customAnswer(ch.Session, "6")
	wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
}

func TestCustomAuthWithSRPFirst(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	var calls []string
	if err := e.f.SetTriggers(e.pool.ID, quizTriggers(true, &calls)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		password string
		ok       bool
	}{{wrongPassword, false}, {testPassword, true}} {
		c, err := srp.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		ch := e.challenge(transport.ChallengePasswordVerifier)(e.customStart(map[string]string{
			transport.ParamChallengeName: transport.ChallengeSRPA, transport.ParamSRPA: c.SRPA(),
		}))
		out, err := e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, tt.password, nil))
		if !tt.ok {
			wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
			continue
		}
		ch = mustChallenge(t, out, err, transport.ChallengeCustom)
		e.tokens(e.customAnswer(ch.Session, "4"))
	}
}

func TestCustomAuthRefusals(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name     string
		triggers *Triggers
		params   map[string]string
		code     string
		msg      string
	}{
		{name: "no triggers", code: "NotAuthorizedException", msg: msgNoCustomTrigger},
		{name: "define fails", triggers: &Triggers{DefineAuthChallenge: func(context.Context, DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			return DefineAuthChallengeOutput{}, boom
		}}, code: "UserLambdaValidationException", msg: "DefineAuthChallenge failed with error boom."},
		{name: "unknown challenge", triggers: &Triggers{DefineAuthChallenge: func(context.Context, DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			return DefineAuthChallengeOutput{ChallengeName: "PIN"}, nil
		}}, code: "InvalidLambdaResponseException"},
		{name: "password verifier without SRP_A", triggers: &Triggers{DefineAuthChallenge: func(context.Context, DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			return DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
		}}, code: "InvalidParameterException"},
		{name: "bad CHALLENGE_NAME", params: map[string]string{transport.ParamChallengeName: "PIN"}, code: "InvalidParameterException"},
		// Without triggers an unknown user meets the same answer as a known one.
		{name: "unknown user", params: map[string]string{transport.ParamUsername: "nobody"}, code: "NotAuthorizedException", msg: msgNoCustomTrigger},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{client: preventOn})
			e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
			if tt.triggers != nil {
				if err := e.f.SetTriggers(e.pool.ID, *tt.triggers); err != nil {
					t.Fatal(err)
				}
			}
			_, err := e.customStart(tt.params)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
	if err := New(Options{}).SetTriggers("us-east-1_nopool000", Triggers{}); err == nil {
		t.Errorf("SetTriggers on a missing pool succeeded")
	}
}

// TestCustomAuthUnknownUser: with existence errors prevented, Cognito runs
// the triggers for a name that matches no user, telling them so, and the
// caller sees an ordinary challenge; no answer gets tokens.
func TestCustomAuthUnknownUser(t *testing.T) {
	e := newEnv(t, envOpts{client: preventOn})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)
	var defined, created []bool
	err := e.f.SetTriggers(e.pool.ID, Triggers{
		DefineAuthChallenge: func(_ context.Context, in DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			defined = append(defined, in.UserNotFound)
			if len(in.Session) > 0 {
				return DefineAuthChallengeOutput{IssueTokens: true}, nil // a careless trigger
			}
			return DefineAuthChallengeOutput{ChallengeName: transport.ChallengeCustom}, nil
		},
		CreateAuthChallenge: func(_ context.Context, in CreateAuthChallengeInput) (CreateAuthChallengeOutput, error) {
			created = append(created, in.UserNotFound)
			return CreateAuthChallengeOutput{PublicChallengeParameters: map[string]string{"q": "pin"}, PrivateChallengeParameters: map[string]string{"a": "1234"}}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in VerifyAuthChallengeInput) (VerifyAuthChallengeOutput, error) {
			return VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["a"]}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"alice", "nobody"} {
		out, err := e.customStart(map[string]string{transport.ParamUsername: name})
		if err != nil || out.ChallengeName != transport.ChallengeCustom || out.ChallengeParameters["q"] != "pin" || out.ChallengeParameters[transport.ParamUsername] != name {
			t.Fatalf("%s: challenge %+v, %v", name, out, err)
		}
		_, err = e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
			ClientID: e.client.ClientID, ChallengeName: transport.ChallengeCustom, Session: out.Session,
			ChallengeResponses: map[string]string{transport.ParamUsername: name, transport.ParamAnswer: "1234"},
		})
		if name == "alice" && err != nil {
			t.Fatalf("alice's right answer: %v", err)
		}
		if name == "nobody" {
			wantErr(t, err, "NotAuthorizedException", msgIncorrectCredentials)
		}
	}
	if want := []bool{false, false, true, true}; !slices.Equal(defined, want) {
		t.Errorf("DefineAuthChallenge saw userNotFound %v, want %v", defined, want)
	}
	if want := []bool{false, true}; !slices.Equal(created, want) {
		t.Errorf("CreateAuthChallenge saw userNotFound %v, want %v", created, want)
	}
}
