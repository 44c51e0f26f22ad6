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

// The groups of source states the table repeats.
var (
	mfaStates     = []string{string(SMSMFA), string(EmailOTP), string(SoftwareTokenMFA)}
	waitingStates = []string{ // every state that is not terminal
		string(Init), string(PasswordVerifier), string(DeviceSRP), string(DevicePasswordVerifier),
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

// table is the transition table. Where each challenge may come from:
//   - Init: the first answer of InitiateAuth. USER_SRP_AUTH (and CUSTOM_AUTH
//     with SRP first) gets PASSWORD_VERIFIER; passwordless CUSTOM_AUTH gets a
//     custom challenge; USER_PASSWORD_AUTH skips SRP and gets whatever
//     follows the password, or tokens.
//   - after the password (PASSWORD_VERIFIER), a new password, a custom
//     challenge: devices, MFA, new password, custom challenges, tokens.
//   - MFA codes lead to tokens, or to device SRP when the device is known.
//   - SELECT_MFA_TYPE leads to the chosen MFA's challenge; MFA_SETUP
//     answered with an e-mail address leads to EMAIL_OTP.
//   - the device SRP steps follow each other, then tokens, or MFA when the
//     device is known but not remembered.
//   - any waiting state can fail.
func table() fsm.Events {
	afterPassword := one(Init, PasswordVerifier, NewPasswordRequired, CustomChallenge)
	beforeMFA := src(afterPassword, one(DevicePasswordVerifier))
	return fsm.Events{
		{Name: string(EventPasswordVerifier), Src: one(Init), Dst: string(PasswordVerifier)},
		{Name: string(EventDeviceSRPAuth), Src: src(afterPassword, mfaStates, one(MFASetup)), Dst: string(DeviceSRP)},
		{Name: string(EventDevicePasswordVerifier), Src: one(DeviceSRP), Dst: string(DevicePasswordVerifier)},
		{Name: string(EventSMSMFA), Src: src(beforeMFA, one(SelectMFAType)), Dst: string(SMSMFA)},
		{Name: string(EventEmailOTP), Src: src(beforeMFA, one(SelectMFAType, MFASetup)), Dst: string(EmailOTP)},
		{Name: string(EventSoftwareTokenMFA), Src: src(beforeMFA, one(SelectMFAType)), Dst: string(SoftwareTokenMFA)},
		{Name: string(EventSelectMFAType), Src: beforeMFA, Dst: string(SelectMFAType)},
		{Name: string(EventMFASetup), Src: beforeMFA, Dst: string(MFASetup)},
		{Name: string(EventNewPasswordRequired), Src: one(Init, PasswordVerifier, CustomChallenge), Dst: string(NewPasswordRequired)},
		{Name: string(EventCustomChallenge), Src: one(Init, PasswordVerifier, CustomChallenge), Dst: string(CustomChallenge)},
		{Name: string(EventAuthenticated), Src: src(afterPassword, mfaStates, one(DevicePasswordVerifier, MFASetup)), Dst: string(Done)},
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

// transitions is the table flattened for Next.
var transitions = func() map[[2]string]State {
	m := map[[2]string]State{}
	for _, ev := range table() {
		for _, s := range ev.Src {
			m[[2]string{s, ev.Name}] = State(ev.Dst)
		}
	}
	return m
}()

// Next returns the state that ev leads to from from, or a *TransitionError.
func Next(from State, ev Event) (State, error) {
	to, ok := transitions[[2]string{string(from), string(ev)}]
	if !ok {
		return "", &TransitionError{State: from, Event: ev}
	}
	return to, nil
}

// Fire moves m by ev and returns its new state, or a *TransitionError when the
// table does not allow ev in m's current state. Unlike m.Event it ignores
// ctx's cancellation: the event records something that already happened.
func Fire(ctx context.Context, m *fsm.FSM, ev Event) (State, error) {
	from := State(m.Current())
	if _, err := Next(from, ev); err != nil {
		return from, err
	}
	if err := m.Event(context.WithoutCancel(ctx), string(ev)); err != nil {
		var nt fsm.NoTransitionError
		if !errors.As(err, &nt) {
			return State(m.Current()), fmt.Errorf("states: %w", err)
		}
	}
	return State(m.Current()), nil
}
