package states

// State is where a login stands. The values are stable: they appear in saved
// snapshots and in the generated diagram.
type State string

// The states of a login.
const (
	// Init: nothing sent yet (or the login waits for the user's password).
	Init State = "Init"
	// PasswordVerifier: Cognito sent PASSWORD_VERIFIER; the engine answers
	// with the SRP proof of the password.
	PasswordVerifier State = "PasswordVerifier"
	// DeviceSRP: Cognito sent DEVICE_SRP_AUTH for a confirmed device, after
	// every other challenge of the login; the engine starts device SRP with
	// a fresh secret.
	DeviceSRP State = "DeviceSRP"
	// DevicePasswordVerifier: Cognito sent DEVICE_PASSWORD_VERIFIER; the
	// engine answers with the SRP proof of the device password.
	DevicePasswordVerifier State = "DevicePasswordVerifier"
	// SMSMFA: a code was sent by SMS.
	SMSMFA State = "SMSMFA"
	// EmailOTP: a code was sent by e-mail.
	EmailOTP State = "EmailOTP"
	// SoftwareTokenMFA: a code from the user's authenticator app is needed.
	SoftwareTokenMFA State = "SoftwareTokenMFA"
	// SelectMFAType: the user must pick one of several MFA kinds.
	SelectMFAType State = "SelectMFAType"
	// MFASetup: MFA is required and the user has none; an authenticator app
	// must be set up during the login.
	MFASetup State = "MFASetup"
	// NewPasswordRequired: the user must choose a new password (and perhaps
	// give required attributes), for example after an admin created them.
	NewPasswordRequired State = "NewPasswordRequired"
	// CustomChallenge: a custom-auth Lambda asks a question.
	CustomChallenge State = "CustomChallenge"
	// SelectChallenge: choice-based sign-in (USER_AUTH) without a preferred
	// first factor; the user picks one of Cognito's AvailableChallenges.
	SelectChallenge State = "SelectChallenge"
	// SignInEmailCode: the first factor is a one-time code sent by e-mail
	// (USER_AUTH's EMAIL_OTP, not the MFA of the same name).
	SignInEmailCode State = "SignInEmailCode"
	// SignInSMSCode: the first factor is a one-time code sent by SMS
	// (USER_AUTH's SMS_OTP).
	SignInSMSCode State = "SignInSMSCode"
	// WebAuthn: the first factor is a passkey; a browser must sign
	// Cognito's request options (USER_AUTH's WEB_AUTHN).
	WebAuthn State = "WebAuthn"
	// Done: Cognito returned tokens.
	Done State = "Done"
	// Failed: the login ended without tokens.
	Failed State = "Failed"
)

// All lists every state in the order of the login's usual progress.
func All() []State {
	return []State{Init, SelectChallenge, SignInEmailCode, SignInSMSCode, WebAuthn, PasswordVerifier,
		DeviceSRP, DevicePasswordVerifier, SMSMFA, EmailOTP, SoftwareTokenMFA, SelectMFAType, MFASetup,
		NewPasswordRequired, CustomChallenge, Done, Failed}
}

func (s State) String() string { return string(s) }

// Valid reports whether s is one of the states above.
func (s State) Valid() bool {
	for _, v := range All() {
		if s == v {
			return true
		}
	}
	return false
}

// Terminal reports whether the login has ended (Done or Failed).
func (s State) Terminal() bool { return s == Done || s == Failed }

// Automatic reports whether the engine answers this state by itself, with
// secrets it holds in memory (the SRP steps). A login rests in such a state
// only when a secret is missing, which its Need then asks for.
func (s State) Automatic() bool {
	return s == PasswordVerifier || s == DeviceSRP || s == DevicePasswordVerifier
}
