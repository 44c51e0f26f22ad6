package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/looplab/fsm"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// Login is one login in progress. Its methods are safe for concurrent use;
// Submit runs one at a time (a second concurrent Submit gets ErrBusy), and
// State, Need and Snapshot never wait for a running Submit.
//
// Two locks, two jobs. busy makes the step in progress (Start's first step,
// or a Submit) the login's only writer: once Start or Resume has returned
// it, every field below is written only by the goroutine holding busy. mu lets the readers that do not take busy
// (State, Need, Result, Snapshot, String) see a consistent position: the
// writer holds mu to write the fields from machine to totpPending, and
// may read them without it, since no one else writes them. The secrets at
// the end are busy's alone: no reader looks at them, so they need no mu.
type Login struct {
	cfg *settings

	busy sync.Mutex // held by the step in progress: the only writer

	mu      sync.RWMutex // held to write, or to read without busy, machine to totpPending
	machine *fsm.FSM
	need    states.Need
	result  *Result
	err     error // why the login failed

	// What Cognito knows about this login: kept in snapshots.
	flow           string
	username       string // as typed
	userID         string // USER_ID_FOR_SRP (or USERNAME) from the last challenge
	challenge      string
	session        string
	sessionExpires time.Time
	params         map[string]string
	deviceKey      string
	deviceGroupKey string
	forgotten      string // a device key Cognito no longer knows (see startAuth)
	clientMetadata map[string]string
	rounds         int
	totpVerified   bool   // MFA_SETUP: VerifySoftwareToken succeeded, RespondToAuthChallenge pending
	totpPending    bool   // MFA_SETUP: AssociateSoftwareToken failed, no secret yet
	setupChoice    string // MFA_SETUP: the kind being set up, "" while the user chooses
	// USER_AUTH: the preferred first factor, the factors SELECT_CHALLENGE
	// offered, and the factor chosen or preferred (which tells EMAIL_OTP
	// the sign-in code from EMAIL_OTP the MFA).
	preferred   string
	available   []string
	firstFactor string

	// Secrets: memory only, dropped as soon as they are used up. Owned by
	// the holder of busy, which reads and writes them without mu; String
	// and Snapshot never read them.
	password       string
	devicePassword string
	totpSecret     string
	signUpSession  string      // ConfirmSignUp's Session, sent with InitiateAuth USER_AUTH
	srpClient      *srp.Client // the secret behind SRP_A, for PASSWORD_VERIFIER
	deviceClient   *srp.Client // the secret behind the device SRP_A
}

// Start begins a login and runs the steps that need nothing from the user
// (the SRP exchanges) until it needs input or is Done. On error the login has
// failed and is not returned; errors from Cognito are wrapped
// (errors.Is(err, transport.ErrNotAuthorized) for a wrong password).
//
// A login started without a password for USER_SRP_AUTH, USER_PASSWORD_AUTH
// or an admin flow sends nothing and waits in Init for Submit(Password).
func Start(ctx context.Context, cfg Config, c Credentials) (*Login, error) {
	s, err := cfg.settle()
	if err != nil {
		return nil, err
	}
	flow, err := c.flow(s.Flow)
	if err != nil {
		return nil, err
	}
	if err := s.canRun(flow); err != nil {
		return nil, err
	}
	if c.Username == "" {
		return nil, fmt.Errorf("%w: Credentials.Username is empty", ErrInvalidInput)
	}
	l := &Login{
		cfg:            s,
		machine:        states.NewMachine(states.Init),
		need:           states.NeedPassword{},
		flow:           flow,
		username:       c.Username,
		password:       c.Password,
		clientMetadata: maps.Clone(c.ClientMetadata),
	}
	if flow == transport.FlowUserAuth {
		l.preferred = s.PreferredChallenge
		l.signUpSession = c.SignUpSession
	} else if c.SignUpSession != "" {
		return nil, fmt.Errorf("%w: Credentials.SignUpSession needs Flow USER_AUTH", ErrInvalidInput)
	}
	if d := c.Device; d != nil {
		if d.Key == "" || d.GroupKey == "" {
			return nil, fmt.Errorf("%w: Credentials.Device needs Key and GroupKey", ErrInvalidInput)
		}
		l.deviceKey, l.deviceGroupKey, l.devicePassword = d.Key, d.GroupKey, d.Password
	}
	if c.Password == "" && l.signUpSession == "" && passwordFirst(flow, l.preferred) {
		return l, nil
	}
	l.busy.Lock()
	defer l.busy.Unlock()
	if err := l.startAuth(ctx); err != nil {
		l.fail(ctx, err)
		return nil, err
	}
	return l, nil
}

// String shows where the login stands, never its secrets: the password and
// TOTP secret it may hold, or Cognito's session.
func (l *Login) String() string {
	if l == nil {
		return "<nil>"
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return fmt.Sprintf("Login{State:%s Need:%s Username:%s PoolID:%s ClientID:%s Session:%s Rounds:%d}",
		l.machine.Current(), needKind(l.need), l.username, l.cfg.PoolID, l.cfg.ClientID, redact(l.session), l.rounds)
}

// GoString hides the login's secrets from %#v.
func (l *Login) GoString() string { return "engine." + l.String() }

// LogValue hides the login's secrets from log/slog.
func (l *Login) LogValue() slog.Value { return slog.StringValue(l.String()) }

// State returns the state the login stands in.
func (l *Login) State() states.State {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return states.State(l.machine.Current())
}

// Need returns what the login needs next; NeedNothing once it is over.
func (l *Login) Need() states.Need {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.need
}

// Result returns the tokens of a Done login. For a Failed login it returns
// the error that ended it; otherwise an error matching ErrNotDone.
func (l *Login) Result() (*Result, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	switch st := states.State(l.machine.Current()); st {
	case states.Done:
		return l.result, nil
	case states.Failed:
		return nil, l.err
	default:
		return nil, fmt.Errorf("%w: state %s needs %s", ErrNotDone, st, needKind(l.need))
	}
}

// Submit gives the login what it needs (see Answer) and runs on until it
// needs something else or is over.
//
// Errors that leave the login where it was, so that the same step can be
// tried again: an answer that does not fit (ErrWrongAnswer,
// ErrMissingAttributes), a code Cognito rejects (transport.ErrCodeMismatch,
// transport.ErrExpiredCode, ErrTOTPRejected: a TOTP code already used is
// refused as expired, and the next one may pass), a new password the policy
// refuses (transport.ErrInvalidPassword), throttling, cancellation of ctx
// and network failures. Any other error fails the login, as Cognito ends the
// session.
//
// Once Cognito has accepted the answer, an error is judged in the state the
// answer led to, never in the one it left, whose session Cognito has
// consumed: when AssociateSoftwareToken fails on the way into MFA_SETUP,
// the error matches ErrTOTPSecretPending and the login waits in MFASetup
// (if the cause is retryable) for Submit(TOTPSetupCode{}).
func (l *Login) Submit(ctx context.Context, a Answer) error {
	if !l.busy.TryLock() {
		return ErrBusy
	}
	defer l.busy.Unlock()
	st, need := l.State(), l.Need()
	if st.Terminal() {
		return fmt.Errorf("%w: state %s", ErrLoginOver, st)
	}
	wrong := &WrongAnswerError{State: st, Need: need, Answer: answerName(a)}
	var err error
	switch a := a.(type) {
	case Password:
		switch {
		case a == "":
			return wrong
		case st == states.Init:
			l.password = string(a)
			err = l.startAuth(ctx)
		case st == states.SelectChallenge && l.passwordChosen():
			l.password = string(a)
			err = l.answerFirstFactor(ctx, l.firstFactor)
		default:
			return wrong
		}
	case FirstFactor:
		if st != states.SelectChallenge {
			return wrong
		}
		err = l.chooseFirstFactor(ctx, string(a), wrong)
	case SignInCode:
		err = l.answerSignInCode(ctx, st, string(a), wrong)
	case PasskeyAssertion:
		if st != states.WebAuthn || a == "" {
			return wrong
		}
		err = l.respondWithDevice(ctx, transport.ChallengeWebAuthn, map[string]string{transport.ParamCredential: string(a)})
	case DevicePassword:
		if st != states.DeviceSRP || a == "" {
			return wrong
		}
		l.devicePassword = string(a)
		err = l.run(ctx, nil)
	case MFACode:
		if st == states.SignInEmailCode || st == states.SignInSMSCode {
			err = l.answerSignInCode(ctx, st, string(a), wrong)
			break
		}
		err = l.answerMFACode(ctx, st, string(a), wrong)
	case MFAChoice:
		err = l.answerMFAChoice(ctx, st, need, string(a), wrong)
	case TOTPSetupCode:
		if st != states.MFASetup {
			return wrong
		}
		err = l.answerTOTPSetup(ctx, a, wrong)
	case EmailAddress:
		if st != states.MFASetup {
			return wrong
		}
		err = l.answerEmailSetup(ctx, string(a), wrong)
	case NewPassword:
		err = l.answerNewPassword(ctx, st, need, a, wrong)
	case CustomAnswer:
		if st != states.CustomChallenge {
			return wrong
		}
		err = l.respondWithDevice(ctx, transport.ChallengeCustom, map[string]string{transport.ParamAnswer: string(a)})
	default:
		return wrong
	}
	if err != nil {
		l.failIfWaiting(ctx, err)
	}
	return err
}

// retryable reports whether err leaves the login where it was: the step was
// refused without ending Cognito's session, or may not have reached it.
func retryable(err error) bool {
	switch {
	case errors.Is(err, ErrWrongAnswer), errors.Is(err, ErrMissingAttributes), errors.Is(err, ErrTOTPRejected):
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return true
	case errors.Is(err, ErrSessionExpired), errors.Is(err, ErrTooManyRounds):
		return false
	}
	var te *transport.Error
	if !errors.As(err, &te) {
		// Not a Cognito answer: the engine's own verdicts are final,
		// anything else (the network) may not have reached Cognito.
		return !isEngineError(err)
	}
	for _, kind := range []error{
		transport.ErrCodeMismatch, transport.ErrExpiredCode, transport.ErrInvalidPassword, transport.ErrPasswordHistoryViolation,
		transport.ErrInvalidParameter, transport.ErrTooManyRequests, transport.ErrEnableSoftwareTokenMFA,
		transport.ErrInternal, transport.ErrLimitExceeded,
	} {
		if errors.Is(err, kind) {
			return true
		}
	}
	return false
}

func isEngineError(err error) bool {
	for _, e := range []error{ErrUnexpectedChallenge, ErrUnsupportedChallenge, ErrBadChallenge, ErrSecretUnavailable, ErrInvalidInput} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// failIfWaiting moves the login to Failed unless err is retryable in a state
// that waits for the user; a failure in an automatic step is always final,
// since the secret it used is gone.
func (l *Login) failIfWaiting(ctx context.Context, err error) {
	st := l.State()
	if st.Terminal() {
		return
	}
	if retryable(err) && !st.Automatic() {
		return
	}
	if st == states.DeviceSRP && l.needIsDevicePassword() && retryable(err) {
		return
	}
	l.fail(ctx, err)
}

func (l *Login) needIsDevicePassword() bool {
	n, ok := l.Need().(states.NeedPassword)
	return ok && n.Device
}

// fail moves the login to Failed and forgets its secrets; busy must be
// held.
func (l *Login) fail(ctx context.Context, err error) {
	l.forgetSecrets()
	l.mu.Lock()
	from := states.State(l.machine.Current())
	if from.Terminal() {
		l.mu.Unlock()
		return
	}
	to, _ := states.Fire(ctx, l.machine, states.EventFail)
	l.err = err
	l.need = states.NeedNothing{} // NeedTOTPSetup carried the TOTP secret
	l.mu.Unlock()
	l.observe(Transition{From: from, To: to, Event: states.EventFail, At: l.cfg.Now(), Err: err})
}

// forgetSecrets drops every secret; busy must be held (mu need not be).
func (l *Login) forgetSecrets() {
	l.password, l.devicePassword, l.totpSecret, l.signUpSession = "", "", "", ""
	l.srpClient, l.deviceClient = nil, nil
}

func (l *Login) observe(t Transition) {
	if l.cfg.Observe != nil {
		l.cfg.Observe(t)
	}
}

// cognitoName is the name Cognito knows the user by, for USERNAME and
// SECRET_HASH after the first step.
func (l *Login) cognitoName() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.userID != "" {
		return l.userID
	}
	return l.username
}
