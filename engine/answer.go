package engine

import (
	"fmt"
	"log/slog"
)

// Answer is what the caller submits to a waiting login: a sealed sum of the
// types below, one for each states.Need.
//
//	states.NeedPassword{}             Password
//	states.NeedPassword{Device: true} DevicePassword
//	states.NeedMFACode                MFACode
//	states.NeedMFAChoice              MFAChoice
//	states.NeedMFASetupChoice         MFAChoice
//	states.NeedTOTPSetup              TOTPSetupCode
//	states.NeedEmailSetup             EmailAddress
//	states.NeedNewPassword            NewPassword
//	states.NeedCustomAnswer           CustomAnswer
//	states.NeedFirstFactorChoice      FirstFactor
//	states.NeedSignInCode             SignInCode (or MFACode)
//	states.NeedPasskey                PasskeyAssertion
//
// Every answer hides its value from String, %#v and log/slog.
type Answer interface{ isAnswer() }

// Password is the user's password, for a login waiting in Init.
type Password string

// DevicePassword is the remembered device's password
// (DeviceCredentials.Password), for a resumed login that reached device SRP.
type DevicePassword string

// MFACode is a one-time code from SMS, e-mail or an authenticator app.
type MFACode string

// MFAChoice is the MFA kind picked from NeedMFAChoice.Options, such as
// "SOFTWARE_TOKEN_MFA", or the kind to set up picked from
// NeedMFASetupChoice.Options ("SOFTWARE_TOKEN_MFA" or "EMAIL_OTP"). During
// MFA setup it may be submitted again to change the choice, until a TOTP
// code has been verified.
type MFAChoice string

// EmailAddress is the address that is to receive e-mail MFA codes, for
// NeedEmailSetup. Cognito sends a code there at once; the login then needs
// it (NeedMFACode with Medium "EMAIL"), and once it comes back the address
// is the user's verified e-mail and e-mail MFA is on.
type EmailAddress string

// TOTPSetupCode is the first code of a newly added authenticator app.
// FriendlyName names the app in the user's MFA settings; it may be empty.
//
// An empty TOTPSetupCode{} asks Cognito for the secret again when entering
// MFASetup failed to get one (ErrTOTPSecretPending,
// Snapshot.TOTPSecretPending); the login then stays in MFASetup and its
// Need carries the secret.
type TOTPSetupCode struct {
	Code         string
	FriendlyName string
}

// NewPassword is the password the user chose and the attributes Cognito
// requires (plain names such as "name", or with Cognito's "userAttributes."
// prefix, which is added on the wire when absent). Attributes may also
// update others the user may write. So that a form prefilled from
// NeedNewPassword.Attributes can be sent back whole, sub, the *_verified
// flags and attributes equal to their current value are left out: Cognito
// refuses to be sent them.
type NewPassword struct {
	Password   string
	Attributes map[string]string
}

// CustomAnswer is the answer to a custom-auth challenge.
type CustomAnswer string

// FirstFactor is the first factor picked from
// NeedFirstFactorChoice.Options: "PASSWORD" or "PASSWORD_SRP" (the
// login's password, or Submit(Password) after it when Credentials had
// none), "EMAIL_OTP" or "SMS_OTP" (a code is sent: NeedSignInCode),
// "WEB_AUTHN" (NeedPasskey).
type FirstFactor string

// SignInCode is the one-time code a sign-in by code (NeedSignInCode) sent.
type SignInCode string

// PasskeyAssertion is the browser's answer to NeedPasskey: the JSON of the
// PublicKeyCredential that navigator.credentials.get returned (its toJSON(),
// WebAuthn's AuthenticationResponseJSON), sent to Cognito as CREDENTIAL.
type PasskeyAssertion string

func (Password) isAnswer()         {}
func (FirstFactor) isAnswer()      {}
func (SignInCode) isAnswer()       {}
func (PasskeyAssertion) isAnswer() {}
func (DevicePassword) isAnswer()   {}
func (MFACode) isAnswer()          {}
func (MFAChoice) isAnswer()        {}
func (TOTPSetupCode) isAnswer()    {}
func (EmailAddress) isAnswer()     {}
func (NewPassword) isAnswer()      {}
func (CustomAnswer) isAnswer()     {}

// String hides the password.
func (p Password) String() string { return "Password(" + redact(string(p)) + ")" }

// GoString hides the password from %#v.
func (p Password) GoString() string { return "engine." + p.String() }

// LogValue hides the password from log/slog.
func (p Password) LogValue() slog.Value { return slog.StringValue(p.String()) }

// String hides the password.
func (p DevicePassword) String() string { return "DevicePassword(" + redact(string(p)) + ")" }

// GoString hides the password from %#v.
func (p DevicePassword) GoString() string { return "engine." + p.String() }

// LogValue hides the password from log/slog.
func (p DevicePassword) LogValue() slog.Value { return slog.StringValue(p.String()) }

// String hides the code.
func (c MFACode) String() string { return "MFACode(" + redact(string(c)) + ")" }

// GoString hides the code from %#v.
func (c MFACode) GoString() string { return "engine." + c.String() }

// LogValue hides the code from log/slog.
func (c MFACode) LogValue() slog.Value { return slog.StringValue(c.String()) }

// String shows the choice, which is no secret.
func (c MFAChoice) String() string { return "MFAChoice(" + string(c) + ")" }

// String hides the address, which is personal data.
func (a EmailAddress) String() string { return "EmailAddress(" + redact(string(a)) + ")" }

// GoString hides the address from %#v.
func (a EmailAddress) GoString() string { return "engine." + a.String() }

// LogValue hides the address from log/slog.
func (a EmailAddress) LogValue() slog.Value { return slog.StringValue(a.String()) }

// String shows the choice, which is no secret.
func (f FirstFactor) String() string { return "FirstFactor(" + string(f) + ")" }

// String hides the code.
func (c SignInCode) String() string { return "SignInCode(" + redact(string(c)) + ")" }

// GoString hides the code from %#v.
func (c SignInCode) GoString() string { return "engine." + c.String() }

// LogValue hides the code from log/slog.
func (c SignInCode) LogValue() slog.Value { return slog.StringValue(c.String()) }

// String hides the assertion: it signs the user in until its challenge
// is spent.
func (a PasskeyAssertion) String() string { return "PasskeyAssertion(" + redact(string(a)) + ")" }

// GoString hides the assertion from %#v.
func (a PasskeyAssertion) GoString() string { return "engine." + a.String() }

// LogValue hides the assertion from log/slog.
func (a PasskeyAssertion) LogValue() slog.Value { return slog.StringValue(a.String()) }

// String hides the code.
func (c TOTPSetupCode) String() string {
	return "TOTPSetupCode{Code:" + redact(c.Code) + " FriendlyName:" + c.FriendlyName + "}"
}

// GoString hides the code from %#v.
func (c TOTPSetupCode) GoString() string { return "engine." + c.String() }

// LogValue hides the code from log/slog.
func (c TOTPSetupCode) LogValue() slog.Value { return slog.StringValue(c.String()) }

// String hides the password; attribute names are shown, values are not.
func (p NewPassword) String() string {
	return fmt.Sprintf("NewPassword{Password:%s Attributes:%d}", redact(p.Password), len(p.Attributes))
}

// GoString hides the password from %#v.
func (p NewPassword) GoString() string { return "engine." + p.String() }

// LogValue hides the password from log/slog.
func (p NewPassword) LogValue() slog.Value { return slog.StringValue(p.String()) }

// String hides the answer.
func (a CustomAnswer) String() string { return "CustomAnswer(" + redact(string(a)) + ")" }

// GoString hides the answer from %#v.
func (a CustomAnswer) GoString() string { return "engine." + a.String() }

// LogValue hides the answer from log/slog.
func (a CustomAnswer) LogValue() slog.Value { return slog.StringValue(a.String()) }

// answerName names an answer's type for errors, never its value.
func answerName(a Answer) string {
	if a == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%T", a)
}
