package fakecognito

import (
	"context"
	"maps"

	"github.com/gocognito/gocognito/transport"
)

// The call sites of the triggers that shape sign-up, confirmation,
// sign-in, migration and messages live in triggers_signup.go,
// triggers_signin.go and triggers_message.go; this file holds what they
// share, and lambda.go runs the functions. Every call site gathers its
// event under f.mu, runs the trigger with the lock released, then takes
// the lock again, checks that what it read still holds and applies the
// answer. docs/fake-server.md ("Lambda triggers in the flows") gives the
// evidence for each event and for how its response is applied. The
// request and response types carry Cognito's JSON names, those of
// aws-lambda-go's events package.

// triggerSource values, per call site.
const (
	srcPreSignUpSignUp             = "PreSignUp_SignUp"
	srcPreSignUpAdminCreateUser    = "PreSignUp_AdminCreateUser"
	srcPostConfirmationSignUp      = "PostConfirmation_ConfirmSignUp"
	srcPostConfirmationForgot      = "PostConfirmation_ConfirmForgotPassword"
	srcPreAuthentication           = "PreAuthentication_Authentication"
	srcPostAuthentication          = "PostAuthentication_Authentication"
	srcMigrationAuthentication     = "UserMigration_Authentication"
	srcMigrationForgotPassword     = "UserMigration_ForgotPassword"
	srcCustomSignUp                = "CustomMessage_SignUp"
	srcCustomAdminCreateUser       = "CustomMessage_AdminCreateUser"
	srcCustomResendCode            = "CustomMessage_ResendCode"
	srcCustomForgotPassword        = "CustomMessage_ForgotPassword"
	srcCustomUpdateUserAttribute   = "CustomMessage_UpdateUserAttribute"
	srcCustomVerifyUserAttribute   = "CustomMessage_VerifyUserAttribute"
	srcCustomMessageAuthentication = "CustomMessage_Authentication"
)

// flowCall says who a trigger event is about: the pool, the app client of
// the call and the name the event carries as userName.
type flowCall struct {
	poolID, clientID, userName string
}

// emptyResponse is the response of the triggers that return nothing.
type emptyResponse struct{}

// orEmpty makes a nil map the empty object Cognito sends.
func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

// attrMap turns a list of name-value pairs into the map events carry.
func attrMap(list []transport.AttributeType) map[string]string {
	m := make(map[string]string, len(list))
	for _, a := range list {
		m[a.Name] = a.Value
	}
	return m
}

// fire builds the event of one call site and runs the pool's trigger with
// it (callTrigger); resp starts as the response the function is sent and
// ends as the one it returned. ran is false when the pool has no such
// trigger.
func (f *Fake) fire(ctx context.Context, c flowCall, trigger, source string, req, resp any) (bool, error) {
	ev := newTriggerEvent(source, c.userName, c.clientID, req, resp)
	return f.callTrigger(ctx, c.poolID, trigger, ev, resp)
}

// triggerConfigured tells whether trigger runs for p: a hook for every
// pool, or a function its LambdaConfig names. The caller holds f.mu; the
// registry's own lock is taken after it, as lookupTrigger never holds it
// while taking f.mu.
func (f *Fake) triggerConfigured(p *pool, trigger string) bool {
	if arn, _ := lambdaARN(p.Settings.LambdaConfig, trigger); arn != "" {
		return true
	}
	f.lambdas.mu.RLock()
	defer f.lambdas.mu.RUnlock()
	_, hooked := f.lambdas.hooks[trigger]
	return hooked
}

// configuredLocked is triggerConfigured by pool id. The caller holds f.mu.
func (f *Fake) configuredLocked(poolID, trigger string) bool {
	p := f.st.Pools[poolID]
	return p != nil && f.triggerConfigured(p, trigger)
}

// configured is configuredLocked for a caller without the lock.
func (f *Fake) configured(poolID, trigger string) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.configuredLocked(poolID, trigger)
}

// adminClientID is the callerContext.clientId of an operation that no app
// client makes (AdminCreateUser, AdminResetUserPassword, ...).
const adminClientID = "CLIENT_ID_NOT_APPLICABLE"

// deref is the value of an optional field of a response, "" or false when
// the function left it null.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
