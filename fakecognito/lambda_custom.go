package fakecognito

import (
	"context"
	"errors"
	"maps"
)

// Trigger sources of the custom authentication triggers.
const (
	sourceDefineAuthChallenge = "DefineAuthChallenge_Authentication"
	sourceCreateAuthChallenge = "CreateAuthChallenge_Authentication"
	sourceVerifyAuthChallenge = "VerifyAuthChallengeResponse_Authentication"
)

// customRequest is the request of the three custom authentication
// triggers (each sends the fields it has: Define has no challengeName,
// Verify no session).
type customRequest struct {
	UserAttributes             map[string]string       `json:"userAttributes"`
	ChallengeName              string                  `json:"challengeName,omitempty"`
	Session                    *[]challengeResultEvent `json:"session,omitempty"`
	PrivateChallengeParameters map[string]string       `json:"privateChallengeParameters,omitempty"`
	ChallengeAnswer            *string                 `json:"challengeAnswer,omitempty"`
	ClientMetadata             map[string]string       `json:"clientMetadata,omitempty"`
	UserNotFound               bool                    `json:"userNotFound"`
}

type challengeResultEvent struct {
	ChallengeName     string `json:"challengeName"`
	ChallengeResult   bool   `json:"challengeResult"`
	ChallengeMetadata string `json:"challengeMetadata"`
}

type defineResponse struct {
	ChallengeName      *string `json:"challengeName"`
	IssueTokens        bool    `json:"issueTokens"`
	FailAuthentication bool    `json:"failAuthentication"`
}

type createResponse struct {
	PublicChallengeParameters  map[string]string `json:"publicChallengeParameters"`
	PrivateChallengeParameters map[string]string `json:"privateChallengeParameters"`
	ChallengeMetadata          *string           `json:"challengeMetadata"`
}

type verifyResponse struct {
	AnswerCorrect bool `json:"answerCorrect"`
}

// cognitoAnswered marks an error that is already Cognito's answer (from
// callTrigger), so that lambdaError passes it on instead of wrapping it
// again.
type cognitoAnswered struct{ err error }

func (e cognitoAnswered) Error() string { return e.err.Error() }
func (e cognitoAnswered) Unwrap() error { return e.err }

// withLambdaTriggers fills the custom authentication triggers that no Go
// function of SetTriggers serves with the pool's LambdaConfig (or a trigger
// hook), run through callTrigger with the events Cognito sends. attrs are
// the user's attributes as triggers see them (triggerUserAttributes; empty
// for a user that does not exist). The caller must not hold f.mu.
func (f *Fake) withLambdaTriggers(poolID string, t Triggers, attrs map[string]string) Triggers {
	route := func(trigger string) (triggerRoute, bool) {
		rt, ok, err := f.lookupTrigger(poolID, trigger)
		return rt, ok && err == nil
	}
	event := func(source string, tu TriggerUser, req customRequest, resp any) *triggerEvent {
		req.UserAttributes = maps.Clone(attrs)
		if req.UserAttributes == nil {
			req.UserAttributes = map[string]string{}
		}
		req.ClientMetadata = maps.Clone(tu.ClientMetadata)
		req.UserNotFound = tu.UserNotFound
		return newTriggerEvent(source, tu.Username, tu.ClientID, req, resp)
	}
	if rt, ok := route(TriggerDefineAuthChallenge); ok && t.DefineAuthChallenge == nil {
		t.DefineAuthChallenge = func(ctx context.Context, in DefineAuthChallengeInput) (DefineAuthChallengeOutput, error) {
			s := sessionEvent(in.Session)
			var out defineResponse
			err := f.invokeTrigger(ctx, poolID, rt, event(sourceDefineAuthChallenge, in.TriggerUser, customRequest{Session: &s}, defineResponse{}), &out)
			if err != nil {
				return DefineAuthChallengeOutput{}, cognitoAnswered{err}
			}
			res := DefineAuthChallengeOutput{IssueTokens: out.IssueTokens, FailAuthentication: out.FailAuthentication}
			if out.ChallengeName != nil {
				res.ChallengeName = *out.ChallengeName
			}
			return res, nil
		}
	}
	if rt, ok := route(TriggerCreateAuthChallenge); ok && t.CreateAuthChallenge == nil {
		t.CreateAuthChallenge = func(ctx context.Context, in CreateAuthChallengeInput) (CreateAuthChallengeOutput, error) {
			s := sessionEvent(in.Session)
			var out createResponse
			err := f.invokeTrigger(ctx, poolID, rt, event(sourceCreateAuthChallenge, in.TriggerUser,
				customRequest{ChallengeName: in.ChallengeName, Session: &s}, createResponse{}), &out)
			if err != nil {
				return CreateAuthChallengeOutput{}, cognitoAnswered{err}
			}
			res := CreateAuthChallengeOutput{PublicChallengeParameters: out.PublicChallengeParameters, PrivateChallengeParameters: out.PrivateChallengeParameters}
			if out.ChallengeMetadata != nil {
				res.ChallengeMetadata = *out.ChallengeMetadata
			}
			return res, nil
		}
	}
	if rt, ok := route(TriggerVerifyAuthChallengeResponse); ok && t.VerifyAuthChallengeResponse == nil {
		t.VerifyAuthChallengeResponse = func(ctx context.Context, in VerifyAuthChallengeInput) (VerifyAuthChallengeOutput, error) {
			answer := in.ChallengeAnswer
			var out verifyResponse
			err := f.invokeTrigger(ctx, poolID, rt, event(sourceVerifyAuthChallenge, in.TriggerUser,
				customRequest{PrivateChallengeParameters: nonNilMap(in.PrivateChallengeParameters), ChallengeAnswer: &answer}, verifyResponse{}), &out)
			if err != nil {
				return VerifyAuthChallengeOutput{}, cognitoAnswered{err}
			}
			return VerifyAuthChallengeOutput(out), nil
		}
	}
	return t
}

func sessionEvent(h []ChallengeResult) []challengeResultEvent {
	s := make([]challengeResultEvent, 0, len(h))
	for _, c := range h {
		s = append(s, challengeResultEvent(c))
	}
	return s
}

func nonNilMap(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

// answeredError returns the Cognito error err carries when it is already
// Cognito's answer, and nil otherwise.
func answeredError(err error) error {
	var ca cognitoAnswered
	if errors.As(err, &ca) {
		return ca.err
	}
	return nil
}
