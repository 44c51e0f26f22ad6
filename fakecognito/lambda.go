package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// The Lambda triggers of a pool, by the name of their LambdaConfig field:
// the names Cognito puts in front of " failed with error" and that the
// keys of Options.TriggerHooks use.
const (
	TriggerPreSignUp                   = "PreSignUp"
	TriggerCustomMessage               = "CustomMessage"
	TriggerPostConfirmation            = "PostConfirmation"
	TriggerPreAuthentication           = "PreAuthentication"
	TriggerPostAuthentication          = "PostAuthentication"
	TriggerDefineAuthChallenge         = "DefineAuthChallenge"
	TriggerCreateAuthChallenge         = "CreateAuthChallenge"
	TriggerVerifyAuthChallengeResponse = "VerifyAuthChallengeResponse"
	TriggerPreTokenGeneration          = "PreTokenGeneration"
	TriggerUserMigration               = "UserMigration"
)

// triggerNames lists every trigger the fake can run.
var triggerNames = []string{
	TriggerPreSignUp, TriggerCustomMessage, TriggerPostConfirmation, TriggerPreAuthentication,
	TriggerPostAuthentication, TriggerDefineAuthChallenge, TriggerCreateAuthChallenge,
	TriggerVerifyAuthChallengeResponse, TriggerPreTokenGeneration, TriggerUserMigration,
}

// LambdaFunc runs a trigger's function the way AWS Lambda runs a handler: it
// receives the event JSON Cognito sends and returns the same event with its
// "response" filled in (the rest of the returned event is ignored, as
// Cognito ignores it).
//
// A returned error is the function's own failure, as a thrown exception:
// Cognito answers UserLambdaValidationException "<Trigger> failed with
// error <message>.", where message is a *FunctionError's Message or else
// err.Error(). An error that is an *InvokeError (the function could not be
// run: unreachable, no such function, timed out) is answered with
// UnexpectedLambdaException instead.
type LambdaFunc func(ctx context.Context, event []byte) ([]byte, error)

// LambdaInvoker runs a function named by its ARN, for the ARNs of a pool's
// LambdaConfig that no in-process function serves: NewLambdaEndpoint is
// one, over the Lambda Invoke API. Its errors mean what LambdaFunc's mean.
type LambdaInvoker interface {
	Invoke(ctx context.Context, arn string, event []byte) ([]byte, error)
}

// TriggerHook runs one trigger for every pool, whether or not the pool's
// LambdaConfig names a function for it: what `serve --trigger` sets up, so
// that a seed or a test need not invent ARNs.
type TriggerHook struct {
	Func LambdaFunc
	// LambdaVersion is, for PreTokenGeneration only, the event version
	// (transport.PreTokenV1, V2 or V3) sent for pools whose LambdaConfig has
	// no PreTokenGenerationConfig; a pool's own version wins, and a pool of
	// the LITE plan, which cannot have V2_0 or V3_0, gets V1_0. "" means
	// V1_0, Cognito's default.
	LambdaVersion string
}

// FunctionError is a function's failure as Lambda reports it: the
// errorType and errorMessage of its error payload. Cognito shows only the
// message.
type FunctionError struct {
	Type    string
	Message string
}

// Error says what the function reported.
func (e *FunctionError) Error() string {
	if e.Type == "" {
		return "fakecognito: the function failed: " + e.Message
	}
	return "fakecognito: the function failed: " + e.Type + ": " + e.Message
}

// InvokeError is a failure to run a function at all, which Cognito answers
// with UnexpectedLambdaException "<Trigger> invocation failed due to error
// <Reason>.".
type InvokeError struct {
	// Reason is the part of Cognito's message after "due to error", such
	// as "ResourceNotFoundException" or "Socket timeout while invoking
	// Lambda function".
	Reason string
	Err    error // the cause, if any
}

// Error says why the function could not be run, with its cause.
func (e *InvokeError) Error() string {
	if e.Err == nil {
		return "fakecognito: invoking the function: " + e.Reason
	}
	return "fakecognito: invoking the function: " + e.Reason + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *InvokeError) Unwrap() error { return e.Err }

// Reasons of InvokeError that the fake itself produces, as Cognito words them.
const (
	reasonTimeout  = "Socket timeout while invoking Lambda function"
	reasonNotFound = "ResourceNotFoundException"
)

// DefaultLambdaTimeout is how long the fake waits for a trigger: Cognito
// waits 5 seconds, then fails the call.
const DefaultLambdaTimeout = 5 * time.Second

// maxLambdaPayload bounds a function's answer: Lambda's own limit for a
// synchronous response is 6 MB.
const maxLambdaPayload = 6 << 20

// unknownSDK is callerContext.awsSdkVersion when the fake cannot tell which
// SDK called: what Cognito sends for calls from its hosted pages.
const unknownSDK = "aws-sdk-unknown-unknown"

// lambdas is the fake's registry of ways to run functions. Its own mutex
// guards it, so that no call of a function ever holds f.mu.
type lambdas struct {
	mu      sync.RWMutex
	byARN   map[string]LambdaFunc
	hooks   map[string]TriggerHook
	invoker LambdaInvoker
	timeout time.Duration
}

func newLambdas(opts Options) *lambdas {
	l := &lambdas{
		byARN: maps.Clone(opts.Lambdas), hooks: maps.Clone(opts.TriggerHooks),
		invoker: opts.LambdaInvoker, timeout: opts.LambdaTimeout,
	}
	if l.byARN == nil {
		l.byARN = make(map[string]LambdaFunc)
	}
	if l.hooks == nil {
		l.hooks = make(map[string]TriggerHook)
	}
	if l.timeout <= 0 {
		l.timeout = DefaultLambdaTimeout
	}
	return l
}

// SetLambda makes fn the function with the given ARN, in-process: every
// pool whose LambdaConfig names arn for a trigger runs fn for it. A nil fn
// removes it. Functions are not saved by Save.
func (f *Fake) SetLambda(arn string, fn LambdaFunc) {
	f.lambdas.mu.Lock()
	defer f.lambdas.mu.Unlock()
	if fn == nil {
		delete(f.lambdas.byARN, arn)
		return
	}
	f.lambdas.byARN[arn] = fn
}

// SetTriggerHook makes h run trigger (TriggerPreSignUp, ...) for every
// pool, before and instead of what the pool's LambdaConfig names. A hook
// with a nil Func removes it. An unknown trigger name is refused.
func (f *Fake) SetTriggerHook(trigger string, h TriggerHook) error {
	if !isTrigger(trigger) {
		return fmt.Errorf("fakecognito: unknown trigger %q", trigger)
	}
	f.lambdas.mu.Lock()
	defer f.lambdas.mu.Unlock()
	if h.Func == nil {
		delete(f.lambdas.hooks, trigger)
		return nil
	}
	f.lambdas.hooks[trigger] = h
	return nil
}

func isTrigger(name string) bool { return slices.Contains(triggerNames, name) }

// TriggerNames lists the triggers the fake can run, by their LambdaConfig
// names, for a command line or a configuration file to check against.
func TriggerNames() []string { return slices.Clone(triggerNames) }

// triggerEvent is the event Cognito sends every trigger: the common
// envelope (aws-lambda-go's CognitoEventUserPoolsHeader) with the
// trigger's own request and response. Build one with newTriggerEvent.
type triggerEvent struct {
	Version       string        `json:"version"`
	TriggerSource string        `json:"triggerSource"`
	Region        string        `json:"region"`
	UserPoolID    string        `json:"userPoolId"`
	UserName      string        `json:"userName"`
	CallerContext callerContext `json:"callerContext"`
	// Request is the trigger's request: a struct with Cognito's JSON names
	// (userAttributes, clientMetadata, ...), marshalled as it is.
	Request any `json:"request"`
	// Response is what the function finds in "response" before it fills
	// it in: Cognito sends every field of it, null or false. nil sends {}.
	Response any `json:"response"`
}

// callerContext says which SDK and app client made the call.
type callerContext struct {
	AWSSDKVersion string `json:"awsSdkVersion"`
	ClientID      string `json:"clientId"`
}

// newTriggerEvent starts the event of a trigger call: source is the
// triggerSource ("PreSignUp_SignUp", "TokenGeneration_Authentication",
// ...), userName the user's name as Cognito knows it (its Username, which
// is its sub in pools with username attributes), clientID the app client
// of the call ("" for calls without one, such as AdminCreateUser from the
// console). callTrigger fills in version, region and pool id.
func newTriggerEvent(source, userName, clientID string, request, response any) *triggerEvent {
	return &triggerEvent{
		TriggerSource: source, UserName: userName,
		CallerContext: callerContext{AWSSDKVersion: unknownSDK, ClientID: clientID},
		Request:       request, Response: response,
	}
}

// triggerRoute is how one trigger of one pool runs, if it does.
type triggerRoute struct {
	trigger string
	arn     string // "" for a hook
	via     string // "hook", "function" or "endpoint", for the log
	version string // PreTokenGeneration's LambdaVersion; "" for others
	fn      LambdaFunc
}

// lookupTrigger finds how trigger runs for the pool: a hook first, then
// the ARN the pool's LambdaConfig names, run in-process if a function of
// that ARN is set, else by the invoker. ok is false when the trigger does
// not run. It takes f.mu for reading; the caller must not hold it.
func (f *Fake) lookupTrigger(poolID, trigger string) (rt triggerRoute, ok bool, err error) {
	f.mu.RLock()
	p := f.st.Pools[poolID]
	var arn, version string
	lite := false
	if p != nil {
		arn, version = lambdaARN(p.Settings.LambdaConfig, trigger)
		lite = !tierAtLeastEssentials(p.tier())
	}
	f.mu.RUnlock()
	if p == nil {
		return rt, false, poolNotFound(poolID)
	}
	l := f.lambdas
	l.mu.RLock()
	defer l.mu.RUnlock()
	rt = triggerRoute{trigger: trigger, arn: arn, version: version}
	if h, hooked := l.hooks[trigger]; hooked {
		rt.arn, rt.via, rt.fn = "", "hook", h.Func
		if trigger == TriggerPreTokenGeneration && version == "" && !lite {
			// A LITE pool cannot have V2_0 or V3_0 (CreateUserPool refuses
			// them), so a hook's version applies to the others only.
			rt.version = h.LambdaVersion
		}
		if trigger == TriggerPreTokenGeneration && rt.version == "" {
			rt.version = transport.PreTokenV1
		}
		return rt, true, nil
	}
	if arn == "" {
		return rt, false, nil
	}
	if fn := l.byARN[arn]; fn != nil {
		rt.via, rt.fn = "function", fn
		return rt, true, nil
	}
	if inv := l.invoker; inv != nil {
		rt.via = "endpoint"
		rt.fn = func(ctx context.Context, event []byte) ([]byte, error) { return inv.Invoke(ctx, arn, event) }
		return rt, true, nil
	}
	rt.via = "none"
	rt.fn = func(context.Context, []byte) ([]byte, error) {
		return nil, &InvokeError{Reason: reasonNotFound, Err: errors.New("no function of that ARN is set and no Lambda endpoint is configured")}
	}
	return rt, true, nil
}

// lambdaARN is the function LambdaConfig names for trigger, and for
// PreTokenGeneration the event version ("" when lc does not name one).
func lambdaARN(lc *transport.LambdaConfig, trigger string) (arn, version string) {
	if lc == nil {
		return "", ""
	}
	switch trigger {
	case TriggerPreSignUp:
		return lc.PreSignUp, ""
	case TriggerCustomMessage:
		return lc.CustomMessage, ""
	case TriggerPostConfirmation:
		return lc.PostConfirmation, ""
	case TriggerPreAuthentication:
		return lc.PreAuthentication, ""
	case TriggerPostAuthentication:
		return lc.PostAuthentication, ""
	case TriggerDefineAuthChallenge:
		return lc.DefineAuthChallenge, ""
	case TriggerCreateAuthChallenge:
		return lc.CreateAuthChallenge, ""
	case TriggerVerifyAuthChallengeResponse:
		return lc.VerifyAuthChallengeResponse, ""
	case TriggerUserMigration:
		return lc.UserMigration, ""
	case TriggerPreTokenGeneration:
		if c := lc.PreTokenGenerationConfig; c != nil && c.LambdaArn != "" {
			return c.LambdaArn, cmpOr(c.LambdaVersion, transport.PreTokenV1)
		}
		if lc.PreTokenGeneration != "" {
			return lc.PreTokenGeneration, transport.PreTokenV1
		}
	}
	return "", ""
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// callTrigger runs a pool's trigger, if it has one, and decodes the
// "response" of the event the function returns into resp (a pointer to a
// struct with Cognito's JSON names; nil ignores the response). It is the
// one way every call site runs a trigger:
//
//	ev := newTriggerEvent("PreSignUp_SignUp", username, clientID, preSignUpRequest{...}, preSignUpResponse{})
//	var out preSignUpResponse
//	ran, err := f.callTrigger(ctx, poolID, TriggerPreSignUp, ev, &out)
//	if err != nil { return nil, err } // already Cognito's error: return it as it is
//	if ran && out.AutoConfirmUser { ... }
//
// Requests carry the user's attributes as triggerUserAttributes(p, u)
// gives them (under the lock), and clientMetadata as the call received it.
//
// The caller must not hold f.mu (callTrigger takes it for reading, and the
// function may take as long as the timeout, or call the fake back): gather
// what the event needs under the lock, release it, call, then take the
// lock again and check that what you read is still so.
//
// ran is false, with a nil error, when neither a hook nor the pool's
// LambdaConfig names the trigger: carry on as Cognito does without it.
// The errors are Cognito's, ready to return:
//   - the function failed (a *FunctionError or any other error of a
//     LambdaFunc): UserLambdaValidationException
//     "<trigger> failed with error <message>.";
//   - it could not be run (no such function, unreachable endpoint, past
//     the timeout, 5 s by default): UnexpectedLambdaException
//     "<trigger> invocation failed due to error <reason>.";
//   - its answer is not JSON, or its "response" does not decode into resp:
//     InvalidLambdaResponseException;
//   - ctx was cancelled: that error, wrapped;
//   - the pool does not exist: ResourceNotFoundException.
//
// Each of these wraps the cause (errors.As finds the *FunctionError or
// *InvokeError). Event and answer are never logged: they hold passwords
// (UserMigration), codes (CustomMessage) and attributes.
func (f *Fake) callTrigger(ctx context.Context, poolID, trigger string, ev *triggerEvent, resp any) (ran bool, err error) {
	rt, ok, err := f.lookupTrigger(poolID, trigger)
	if !ok || err != nil {
		return false, err
	}
	return true, f.invokeTrigger(ctx, poolID, rt, ev, resp)
}

// invokeTrigger is callTrigger once the route is known (PreTokenGeneration
// needs its version before it builds the event).
func (f *Fake) invokeTrigger(ctx context.Context, poolID string, rt triggerRoute, ev *triggerEvent, resp any) error {
	if ev.Version == "" {
		ev.Version = "1"
	}
	ev.Region = f.Region()
	ev.UserPoolID = poolID
	if ev.CallerContext.AWSSDKVersion == "" {
		ev.CallerContext.AWSSDKVersion = unknownSDK
	}
	if ev.Request == nil {
		ev.Request = struct{}{}
	}
	if ev.Response == nil {
		ev.Response = struct{}{}
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return internalError(fmt.Errorf("fakecognito: encoding the %s event: %w", rt.trigger, err))
	}
	start := time.Now()
	out, err := f.runBounded(ctx, rt.fn, body)
	err = f.triggerError(ctx, rt.trigger, err)
	if err == nil {
		err = decodeTriggerResponse(out, resp)
	}
	attrs := []any{slog.String("trigger", rt.trigger), slog.String("source", ev.TriggerSource),
		slog.String("pool", poolID), slog.String("via", rt.via), slog.Duration("took", time.Since(start))}
	if rt.arn != "" {
		attrs = append(attrs, slog.String("function", rt.arn))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", errorCode(err)))
	}
	f.log.DebugContext(ctx, "fakecognito trigger", attrs...)
	return err
}

// runBounded runs fn with the trigger timeout, returning when the
// deadline passes even if fn ignores its context (as Cognito stops
// waiting for a Lambda that runs on).
func (f *Fake) runBounded(ctx context.Context, fn LambdaFunc, body []byte) ([]byte, error) {
	f.lambdas.mu.RLock()
	timeout := f.lambdas.timeout
	f.lambdas.mu.RUnlock()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := fn(ctx, body)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		if r.err == nil && ctx.Err() != nil {
			// It answered, but too late.
			return nil, ctx.Err()
		}
		return r.out, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// triggerError turns what running a function returned into Cognito's
// error. parent is the call's own context, to tell the caller's
// cancellation from the trigger's timeout.
func (f *Fake) triggerError(parent context.Context, trigger string, err error) error {
	if err == nil {
		return nil
	}
	if perr := parent.Err(); perr != nil {
		return fmt.Errorf("fakecognito: %s: %w", trigger, perr)
	}
	var ie *InvokeError
	if errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &ie) {
		err = &InvokeError{Reason: reasonTimeout, Err: err}
	}
	if errors.As(err, &ie) {
		e := transport.NewError("UnexpectedLambdaException", fmt.Sprintf("%s invocation failed due to error %s.", trigger, ie.Reason))
		e.Err = err
		return e
	}
	msg := err.Error()
	var fe *FunctionError
	if errors.As(err, &fe) {
		msg = fe.Message
	}
	e := transport.NewError("UserLambdaValidationException", fmt.Sprintf("%s failed with error %s.", trigger, msg))
	e.Err = err
	return e
}

// Cognito's words for an answer it cannot read.
const (
	msgLambdaInvalidJSON    = "Invalid lambda function output : Invalid JSON"
	msgLambdaUnrecognizable = "Unrecognizable lambda output"
)

// decodeTriggerResponse reads the "response" of the event a function
// returned into resp.
func decodeTriggerResponse(out []byte, resp any) error {
	if len(out) > maxLambdaPayload {
		return cognitoErr("InvalidLambdaResponseException", msgLambdaUnrecognizable)
	}
	var env struct {
		Response json.RawMessage `json:"response"`
	}
	if err := json.Unmarshal(out, &env); err != nil {
		e := transport.NewError("InvalidLambdaResponseException", msgLambdaInvalidJSON)
		e.Err = err
		return e
	}
	if bytes.Equal(bytes.TrimSpace(out), []byte("null")) {
		return cognitoErr("InvalidLambdaResponseException", msgLambdaUnrecognizable)
	}
	if resp == nil || len(env.Response) == 0 || bytes.Equal(env.Response, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(env.Response, resp); err != nil {
		e := transport.NewError("InvalidLambdaResponseException", msgLambdaUnrecognizable)
		e.Err = err
		return e
	}
	return nil
}
