package fakecognito

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/gocognito/gocognito/transport"
)

// Triggers are the custom-authentication Lambda triggers of a pool, as Go
// functions. The fake calls them as Cognito calls the Lambdas during a
// CUSTOM_AUTH login, without holding any lock, from the goroutine of the
// InitiateAuth or RespondToAuthChallenge call. An error from a trigger
// fails the call with UserLambdaValidationException.
type Triggers struct {
	DefineAuthChallenge         func(ctx context.Context, in DefineAuthChallengeInput) (DefineAuthChallengeOutput, error)
	CreateAuthChallenge         func(ctx context.Context, in CreateAuthChallengeInput) (CreateAuthChallengeOutput, error)
	VerifyAuthChallengeResponse func(ctx context.Context, in VerifyAuthChallengeInput) (VerifyAuthChallengeOutput, error)
}

// ChallengeResult is one step of a custom login so far, as the triggers'
// request.session lists them.
type ChallengeResult struct {
	ChallengeName     string // "SRP_A", "PASSWORD_VERIFIER" or "CUSTOM_CHALLENGE"
	ChallengeResult   bool
	ChallengeMetadata string
}

// TriggerUser is what every trigger event says about the user and call.
type TriggerUser struct {
	UserPoolID     string
	ClientID       string
	Username       string
	UserAttributes map[string]string
	ClientMetadata map[string]string
	// UserNotFound is the events' userNotFound: the name matches no user
	// and the client prevents user existence errors. UserAttributes is then
	// empty, Username the name the challenges show, and no answer can lead
	// to tokens; a trigger should issue a challenge as usual so that the
	// caller cannot tell.
	UserNotFound bool
}

// DefineAuthChallengeInput is the Define Auth Challenge event.
type DefineAuthChallengeInput struct {
	TriggerUser
	Session []ChallengeResult
}

// DefineAuthChallengeOutput decides the next step: tokens, failure, or the
// challenge to send ("PASSWORD_VERIFIER" or "CUSTOM_CHALLENGE").
type DefineAuthChallengeOutput struct {
	ChallengeName      string
	IssueTokens        bool
	FailAuthentication bool
}

// CreateAuthChallengeInput is the Create Auth Challenge event.
type CreateAuthChallengeInput struct {
	TriggerUser
	ChallengeName string
	Session       []ChallengeResult
}

// CreateAuthChallengeOutput is the challenge: public parameters go to the
// client, private ones to VerifyAuthChallengeResponse, metadata into the
// session history.
type CreateAuthChallengeOutput struct {
	PublicChallengeParameters  map[string]string
	PrivateChallengeParameters map[string]string
	ChallengeMetadata          string
}

// VerifyAuthChallengeInput is the Verify Auth Challenge Response event.
type VerifyAuthChallengeInput struct {
	TriggerUser
	PrivateChallengeParameters map[string]string
	ChallengeAnswer            string
}

// VerifyAuthChallengeOutput says whether the answer was right.
type VerifyAuthChallengeOutput struct {
	AnswerCorrect bool
}

// SetTriggers installs the custom-authentication triggers of a pool,
// replacing any earlier ones. Triggers are not saved by Save.
func (f *Fake) SetTriggers(poolID string, t Triggers) error {
	f.lockW()
	defer f.unlockW()
	p, err := f.poolLocked(poolID)
	if err != nil {
		return err
	}
	p.triggers = t
	return nil
}

// triggerUser describes a for a trigger event. The caller holds f.mu.
func triggerUser(p *pool, u *user, a *authState) TriggerUser {
	return TriggerUser{
		UserPoolID: p.ID, ClientID: a.clientID, Username: u.Username,
		UserAttributes: maps.Clone(u.Attrs), ClientMetadata: maps.Clone(a.clientMetadata),
	}
}

// lambdaError reports a failed trigger as Cognito does.
func lambdaError(name string, err error) error {
	if answered := answeredError(err); answered != nil {
		return answered
	}
	e := transport.NewError("UserLambdaValidationException", fmt.Sprintf("%s failed with error %s.", name, err))
	e.Err = err
	return e
}

// historyCopy returns a copy of a custom login's history for a trigger.
func (c *customState) historyCopy() []ChallengeResult { return slices.Clone(c.history) }
