package engine

import (
	"errors"
	"fmt"

	"github.com/gocognito/gocognito/states"
)

// Errors of the engine. Errors from Cognito are wrapped with %w, so that
// errors.Is(err, transport.ErrNotAuthorized) and the like still hold.
var (
	// ErrInvalidInput: a Config or Credentials field is missing or malformed.
	ErrInvalidInput = errors.New("engine: invalid input")
	// ErrSessionExpired: Cognito's session for this login has expired or
	// been used up, by the expiry recorded when it was issued or because
	// Cognito said so ("Invalid session for the user ..."). Start a new
	// login.
	ErrSessionExpired = errors.New("engine: session expired")
	// ErrTooManyRounds: the login exceeded Config.MaxRounds calls to Cognito.
	ErrTooManyRounds = errors.New("engine: too many challenge rounds")
	// ErrUnexpectedChallenge: Cognito sent a challenge that the transition
	// table does not allow in the current state (*UnexpectedChallengeError).
	ErrUnexpectedChallenge = errors.New("engine: unexpected challenge")
	// ErrUnsupportedChallenge: Cognito sent a challenge the engine cannot
	// answer (an unknown name, MFA_SETUP offering neither EMAIL_OTP nor
	// SOFTWARE_TOKEN_MFA, or only TOTP without a transport.MFASetup in
	// Config.MFASetup or Config.Transport, ...).
	ErrUnsupportedChallenge = errors.New("engine: unsupported challenge")
	// ErrBadChallenge: a challenge lacks a parameter the engine needs or
	// carries a malformed one (for example an SRP_B that is 0 mod N).
	ErrBadChallenge = errors.New("engine: malformed challenge")
	// ErrSecretUnavailable: the next step needs a secret of an earlier step
	// that only the process which ran it held (the SRP secret behind
	// SRP_A); a resumed login cannot answer it.
	ErrSecretUnavailable = errors.New("engine: secret of an earlier step unavailable")
	// ErrWrongAnswer: the Answer does not fit what the login needs
	// (*WrongAnswerError); the login is unchanged.
	ErrWrongAnswer = errors.New("engine: answer does not fit the login's need")
	// ErrMissingAttributes: a NewPassword lacks attributes Cognito requires;
	// nothing was sent and the login is unchanged.
	ErrMissingAttributes = errors.New("engine: required attributes missing")
	// ErrTOTPRejected: VerifySoftwareToken did not accept the code (it also
	// wraps Cognito's EnableSoftwareTokenMFAException or
	// CodeMismatchException); the login stays in MFASetup for another try.
	ErrTOTPRejected = errors.New("engine: TOTP code rejected")
	// ErrTOTPSecretPending: Cognito moved the login to MFA_SETUP (after
	// accepting the previous answer, which cannot be sent again) but
	// AssociateSoftwareToken failed, so there is no secret to show yet. It
	// wraps the cause; when that is retryable (throttling, the network) the
	// login waits in MFASetup with a NeedTOTPSetup without a secret, and
	// Submit(TOTPSetupCode{}) asks Cognito for the secret again.
	ErrTOTPSecretPending = errors.New("engine: MFA_SETUP secret not fetched")
	// ErrLoginOver: Submit on a login that is Done or Failed.
	ErrLoginOver = errors.New("engine: login is over")
	// ErrNotDone: Result on a login that still needs input.
	ErrNotDone = errors.New("engine: login not done")
	// ErrBusy: Submit while another Submit on the same login runs (for
	// example from an Observe callback).
	ErrBusy = errors.New("engine: login busy")
	// ErrDevicesUnsupported: Cognito created a device but neither
	// Config.Devices nor Config.Transport implements transport.Devices, so
	// it could not be confirmed (reported in Result.DeviceErr; the login
	// still succeeds).
	ErrDevicesUnsupported = errors.New("engine: transport cannot confirm devices")
	// ErrNotResumable: the snapshot's state cannot be resumed (Done, Failed,
	// or an SRP step whose secret only its first process held).
	ErrNotResumable = errors.New("engine: snapshot not resumable")
	// ErrSnapshotMismatch: the snapshot belongs to another pool or client
	// than the Config resuming it.
	ErrSnapshotMismatch = errors.New("engine: snapshot is for another pool or client")
	// ErrBadSnapshot: the snapshot cannot be decoded or is inconsistent.
	ErrBadSnapshot = errors.New("engine: malformed snapshot")
	// ErrTampered: a sealed snapshot fails authentication: wrong key,
	// corrupted or modified.
	ErrTampered = errors.New("engine: sealed snapshot tampered with or wrong key")
	// ErrBadKey: a sealing key is not 16, 24 or 32 bytes.
	ErrBadKey = errors.New("engine: sealing key must be 16, 24 or 32 bytes")

	// What a *ChallengeError from Authenticate matches, by its Need.
	ErrPasswordRequired    = errors.New("engine: password required")
	ErrMFARequired         = errors.New("engine: MFA code required")
	ErrMFAChoiceRequired   = errors.New("engine: MFA choice required")
	ErrMFASetupRequired    = errors.New("engine: MFA setup required")
	ErrNewPasswordRequired = errors.New("engine: new password required")
	ErrCustomChallenge     = errors.New("engine: custom challenge")
	// ErrFirstFactorRequired: choice-based sign-in asks how to sign in
	// (states.NeedFirstFactorChoice).
	ErrFirstFactorRequired = errors.New("engine: first factor choice required")
	// ErrSignInCodeRequired: a sign-in code was sent (states.NeedSignInCode).
	ErrSignInCodeRequired = errors.New("engine: sign-in code required")
	// ErrPasskeyRequired: a passkey must sign Cognito's request options in
	// a browser (states.NeedPasskey).
	ErrPasskeyRequired = errors.New("engine: passkey required")
)

// UnexpectedChallengeError says which challenge Cognito sent in which state.
// It matches ErrUnexpectedChallenge and states.ErrNotAllowed.
type UnexpectedChallengeError struct {
	State     states.State
	Challenge string
	Err       error // the *states.TransitionError
}

func (e *UnexpectedChallengeError) Error() string {
	return fmt.Sprintf("engine: unexpected challenge %s in state %s", e.Challenge, e.State)
}

// Is makes errors.Is(err, ErrUnexpectedChallenge) hold.
func (e *UnexpectedChallengeError) Is(target error) bool { return target == ErrUnexpectedChallenge }

// Unwrap returns the table's error.
func (e *UnexpectedChallengeError) Unwrap() error { return e.Err }

// WrongAnswerError says which answer was submitted in which state.
type WrongAnswerError struct {
	State  states.State
	Need   states.Need
	Answer string // the answer's type name, never its value
}

func (e *WrongAnswerError) Error() string {
	return fmt.Sprintf("engine: answer %s does not fit state %s (need %s)", e.Answer, e.State, needKind(e.Need))
}

// Is makes errors.Is(err, ErrWrongAnswer) hold.
func (e *WrongAnswerError) Is(target error) bool { return target == ErrWrongAnswer }

// ChallengeError is what Authenticate returns when Cognito asks for something
// only the user can give, in the spirit of pycognito's exceptions. Login is
// the paused login: Submit the answer to it, or Snapshot it.
//
// It matches (errors.Is) the sentinel of its need: ErrPasswordRequired,
// ErrMFARequired, ErrMFAChoiceRequired, ErrMFASetupRequired,
// ErrNewPasswordRequired, ErrCustomChallenge, ErrFirstFactorRequired,
// ErrSignInCodeRequired or ErrPasskeyRequired.
type ChallengeError struct {
	State states.State
	Need  states.Need
	Login *Login
}

func (e *ChallengeError) Error() string {
	return fmt.Sprintf("engine: login needs input in state %s (%s)", e.State, needKind(e.Need))
}

// Is matches the sentinel of the need.
func (e *ChallengeError) Is(target error) bool {
	s := needSentinel(e.Need)
	return s != nil && target == s
}

func needSentinel(n states.Need) error {
	switch n.(type) {
	case states.NeedPassword:
		return ErrPasswordRequired
	case states.NeedMFACode:
		return ErrMFARequired
	case states.NeedMFAChoice:
		return ErrMFAChoiceRequired
	case states.NeedTOTPSetup, states.NeedMFASetupChoice, states.NeedEmailSetup:
		return ErrMFASetupRequired
	case states.NeedNewPassword:
		return ErrNewPasswordRequired
	case states.NeedCustomAnswer:
		return ErrCustomChallenge
	case states.NeedFirstFactorChoice:
		return ErrFirstFactorRequired
	case states.NeedSignInCode:
		return ErrSignInCodeRequired
	case states.NeedPasskey:
		return ErrPasskeyRequired
	}
	return nil
}

func needKind(n states.Need) string {
	if k := states.Kind(n); k != "" {
		return k
	}
	return "nothing"
}
