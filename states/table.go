package states

import (
	"context"
	"errors"
	"fmt"

	"github.com/looplab/fsm"
)

// Event is what moved a login: a challenge Cognito sent, tokens, or a failure.
// Challenge events carry the challenge's name.
type Event string

// The events of a login.
const (
	EventPasswordVerifier       Event = ChallengePasswordVerifier
	EventDeviceSRPAuth          Event = ChallengeDeviceSRPAuth
	EventDevicePasswordVerifier Event = ChallengeDevicePasswordVerifier
	EventSMSMFA                 Event = ChallengeSMSMFA
	EventEmailOTP               Event = ChallengeEmailOTP
	EventSoftwareTokenMFA       Event = ChallengeSoftwareTokenMFA
	EventSelectMFAType          Event = ChallengeSelectMFAType
	EventMFASetup               Event = ChallengeMFASetup
	EventNewPasswordRequired    Event = ChallengeNewPasswordRequired
	EventCustomChallenge        Event = ChallengeCustom
	EventSelectChallenge        Event = ChallengeSelectChallenge
	EventSMSOTP                 Event = ChallengeSMSOTP
	EventWebAuthn               Event = ChallengeWebAuthn
	// EventEmailSignInCode: Cognito sent EMAIL_OTP as the first factor the
	// user chose or preferred. The challenge has the name of e-mail MFA's;
	// only the login knows which one it is (ForFirstFactor).
	EventEmailSignInCode Event = "EMAIL_OTP_FIRST_FACTOR"
	// EventAuthenticated: Cognito returned tokens.
	EventAuthenticated Event = "AUTHENTICATED"
	// EventFail: an error ended the login.
	EventFail Event = "FAIL"
)

func (e Event) String() string { return string(e) }

// Cognito's challenge names, the same strings as package transport's
// Challenge constants (this package imports nothing of the module).
const (
	ChallengePasswordVerifier       = "PASSWORD_VERIFIER"
	ChallengeDeviceSRPAuth          = "DEVICE_SRP_AUTH"
	ChallengeDevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER"
	ChallengeSMSMFA                 = "SMS_MFA"
	ChallengeEmailOTP               = "EMAIL_OTP"
	ChallengeSoftwareTokenMFA       = "SOFTWARE_TOKEN_MFA"
	ChallengeSelectMFAType          = "SELECT_MFA_TYPE"
	ChallengeMFASetup               = "MFA_SETUP"
	ChallengeNewPasswordRequired    = "NEW_PASSWORD_REQUIRED"
	ChallengeCustom                 = "CUSTOM_CHALLENGE"
	ChallengeSelectChallenge        = "SELECT_CHALLENGE"
	ChallengeSMSOTP                 = "SMS_OTP"
	ChallengeWebAuthn               = "WEB_AUTHN"
)

// challenges maps each challenge name to the state it leads to; the event is
// the name itself.
var challenges = map[string]State{
	ChallengePasswordVerifier:       PasswordVerifier,
	ChallengeDeviceSRPAuth:          DeviceSRP,
	ChallengeDevicePasswordVerifier: DevicePasswordVerifier,
	ChallengeSMSMFA:                 SMSMFA,
	ChallengeEmailOTP:               EmailOTP,
	ChallengeSoftwareTokenMFA:       SoftwareTokenMFA,
	ChallengeSelectMFAType:          SelectMFAType,
	ChallengeMFASetup:               MFASetup,
	ChallengeNewPasswordRequired:    NewPasswordRequired,
	ChallengeCustom:                 CustomChallenge,
	ChallengeSelectChallenge:        SelectChallenge,
	ChallengeSMSOTP:                 SignInSMSCode,
	ChallengeWebAuthn:               WebAuthn,
}

// ForChallenge returns the event and target state of a challenge name, and
// false for a name this package does not know (for example ADMIN_NO_SRP_AUTH,
// which only the admin API uses).
func ForChallenge(name string) (Event, State, bool) {
	s, ok := challenges[name]
	if !ok {
		return "", "", false
	}
	return Event(name), s, true
}

// ForFirstFactor returns the event and target state of a challenge that
// answers a first factor of choice-based sign-in (the PREFERRED_CHALLENGE
// or the SELECT_CHALLENGE answer): EMAIL_OTP is then the sign-in code
// (SignInEmailCode), not e-mail MFA. Other names are as ForChallenge says.
func ForFirstFactor(name string) (Event, State, bool) {
	if name == ChallengeEmailOTP {
		return EventEmailSignInCode, SignInEmailCode, true
	}
	return ForChallenge(name)
}

// The groups of source states the table repeats.
var (
	mfaStates = []string{string(SMSMFA), string(EmailOTP), string(SoftwareTokenMFA)}
	// firstFactorStates are the first factors that are not a password: no
	// MFA follows them.
	firstFactorStates = []string{string(SignInEmailCode), string(SignInSMSCode), string(WebAuthn)}
	waitingStates     = []string{ // every state that is not terminal
		string(Init), string(SelectChallenge), string(SignInEmailCode), string(SignInSMSCode), string(WebAuthn),
		string(PasswordVerifier), string(DeviceSRP), string(DevicePasswordVerifier),
		string(SMSMFA), string(EmailOTP), string(SoftwareTokenMFA), string(SelectMFAType),
		string(MFASetup), string(NewPasswordRequired), string(CustomChallenge),
	}
)

func src(groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func one(s ...State) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}

// table is the transition table, in the order Cognito runs a login (see
// docs/fake-server.md, "The order of challenges", for the evidence):
//   - Init: the first answer of InitiateAuth. USER_SRP_AUTH (and CUSTOM_AUTH
//     with SRP first) gets PASSWORD_VERIFIER; passwordless CUSTOM_AUTH gets a
//     custom challenge; USER_PASSWORD_AUTH skips SRP and gets whatever
//     follows the password, or tokens.
//   - after the password (PASSWORD_VERIFIER), a new password, a custom
//     challenge: a new password, MFA, custom challenges, the device's SRP,
//     tokens.
//   - SELECT_MFA_TYPE leads to the chosen MFA's challenge; MFA_SETUP
//     answered with an e-mail address leads to EMAIL_OTP.
//   - MFA (a code, or its setup) leads to tokens, or to the device's SRP
//     when the answer named a confirmed device.
//   - device SRP comes last: its two steps follow each other, then tokens.
//     Nothing leads from them back to MFA: a remembered device spares MFA
//     before its SRP starts, and any other device proves itself after MFA.
//   - choice-based sign-in (USER_AUTH) starts from Init with
//     SELECT_CHALLENGE, or with the preferred first factor's challenge;
//     SelectChallenge leads to the chosen one. A password chosen there
//     (PASSWORD, answered at once) is followed as any password is; a code or
//     a passkey is followed by no MFA: a new password, the device's SRP, or
//     tokens.
//   - any waiting state can fail.
func table() fsm.Events {
	afterPassword := one(Init, SelectChallenge, PasswordVerifier, NewPasswordRequired, CustomChallenge)
	beforeMFA := afterPassword
	firstFactorFrom := one(Init, SelectChallenge)
	return fsm.Events{
		{Name: string(EventSelectChallenge), Src: one(Init), Dst: string(SelectChallenge)},
		{Name: string(EventEmailSignInCode), Src: firstFactorFrom, Dst: string(SignInEmailCode)},
		{Name: string(EventSMSOTP), Src: firstFactorFrom, Dst: string(SignInSMSCode)},
		{Name: string(EventWebAuthn), Src: firstFactorFrom, Dst: string(WebAuthn)},
		{Name: string(EventPasswordVerifier), Src: firstFactorFrom, Dst: string(PasswordVerifier)},
		{Name: string(EventDeviceSRPAuth), Src: src(afterPassword, mfaStates, firstFactorStates, one(MFASetup)), Dst: string(DeviceSRP)},
		{Name: string(EventDevicePasswordVerifier), Src: one(DeviceSRP), Dst: string(DevicePasswordVerifier)},
		{Name: string(EventSMSMFA), Src: src(beforeMFA, one(SelectMFAType)), Dst: string(SMSMFA)},
		{Name: string(EventEmailOTP), Src: src(beforeMFA, one(SelectMFAType, MFASetup)), Dst: string(EmailOTP)},
		{Name: string(EventSoftwareTokenMFA), Src: src(beforeMFA, one(SelectMFAType)), Dst: string(SoftwareTokenMFA)},
		{Name: string(EventSelectMFAType), Src: beforeMFA, Dst: string(SelectMFAType)},
		{Name: string(EventMFASetup), Src: beforeMFA, Dst: string(MFASetup)},
		{Name: string(EventNewPasswordRequired), Src: src(one(Init, SelectChallenge, PasswordVerifier, CustomChallenge), firstFactorStates), Dst: string(NewPasswordRequired)},
		{Name: string(EventCustomChallenge), Src: one(Init, PasswordVerifier, CustomChallenge), Dst: string(CustomChallenge)},
		{Name: string(EventAuthenticated), Src: src(afterPassword, mfaStates, firstFactorStates, one(DevicePasswordVerifier, MFASetup)), Dst: string(Done)},
		{Name: string(EventFail), Src: waitingStates, Dst: string(Failed)},
	}
}

// Table returns the transition table, a fresh copy each time: the single
// source of truth of what may follow what.
func Table() fsm.Events { return table() }

// NewMachine returns a looplab/fsm machine over Table standing in initial,
// which may be any state: that is how a saved login resumes.
func NewMachine(initial State) *fsm.FSM {
	return fsm.NewFSM(string(initial), table(), nil)
}

// ErrNotAllowed is matched (errors.Is) by every *TransitionError.
var ErrNotAllowed = errors.New("states: transition not allowed")

// TransitionError says that Event may not happen in State: for a challenge
// event, that Cognito sent a challenge the table does not expect there.
type TransitionError struct {
	State State
	Event Event
}

func (e *TransitionError) Error() string {
	if _, _, ok := ForChallenge(string(e.Event)); ok {
		return fmt.Sprintf("states: challenge %s not allowed in state %s", e.Event, e.State)
	}
	return fmt.Sprintf("states: event %s not allowed in state %s", e.Event, e.State)
}

// Is makes errors.Is(err, ErrNotAllowed) hold.
func (e *TransitionError) Is(target error) bool { return target == ErrNotAllowed }

// Check reports whether the table allows ev in m's current state, reading
// the answer from m itself (looplab/fsm's Can), and returns a
// *TransitionError when it does not. It lets a caller refuse a challenge
// before doing the work of entering its state; Fire then makes the move.
func Check(m *fsm.FSM, ev Event) error {
	if !m.Can(string(ev)) {
		return &TransitionError{State: State(m.Current()), Event: ev}
	}
	return nil
}

// Next returns the state that ev leads to from from, or a *TransitionError:
// it fires ev on a fresh machine standing in from, so that looplab/fsm, over
// Table, is the one place that decides.
func Next(from State, ev Event) (State, error) {
	to, err := Fire(context.Background(), NewMachine(from), ev)
	if err != nil {
		return "", err
	}
	return to, nil
}

// Fire moves m by ev and returns its new state, or a *TransitionError when the
// table does not allow ev in m's current state. The check is looplab/fsm's
// own; Fire only translates its refusal. Unlike m.Event it ignores ctx's
// cancellation: the event records something that already happened.
func Fire(ctx context.Context, m *fsm.FSM, ev Event) (State, error) {
	from := State(m.Current())
	err := m.Event(context.WithoutCancel(ctx), string(ev))
	var (
		invalid fsm.InvalidEventError
		unknown fsm.UnknownEventError
		same    fsm.NoTransitionError
	)
	switch {
	case err == nil, errors.As(err, &same):
		// A self-loop (custom challenge after custom challenge) is a
		// transition of the table too.
	case errors.As(err, &invalid), errors.As(err, &unknown):
		return from, &TransitionError{State: from, Event: ev}
	default:
		return State(m.Current()), fmt.Errorf("states: %w", err)
	}
	return State(m.Current()), nil
}
