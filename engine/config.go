package engine

import (
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// Config says which app client to log into and how. It holds no user data,
// so one Config serves every login of a client; a login resumed elsewhere
// needs an equal Config (same pool and client), not the same value.
type Config struct {
	PoolID       string // "us-east-1_AbC123"
	ClientID     string
	ClientSecret string // "" for a client without secret

	// Transport reaches Cognito: awssdk.New(cfg) or a *fakecognito.Fake.
	// If it also implements transport.MFASetup, MFA_SETUP challenges are
	// answered (AssociateSoftwareToken, VerifySoftwareToken); if it
	// implements transport.Devices, new devices are confirmed.
	Transport transport.Authenticator
	// MFASetup and Devices, when set, serve those abilities instead of
	// Transport's. Set them when Transport is a wrapper (logging, metrics,
	// retries) that implements only transport.Authenticator: the engine
	// finds the abilities by type assertion, which a wrapper hides, and
	// would then refuse MFA_SETUP (ErrUnsupportedChallenge) and leave new
	// devices unconfirmed (ErrDevicesUnsupported).
	MFASetup transport.MFASetup
	Devices  transport.Devices
	// Admin, when set, serves the server-side flows
	// (Credentials.Flow ADMIN_USER_PASSWORD_AUTH or ADMIN_NO_SRP_AUTH, as
	// pycognito's admin_authenticate) instead of Transport's
	// transport.AdminAuthenticator. A login in an admin flow sends
	// AdminInitiateAuth and answers every challenge with
	// AdminRespondToAuthChallenge; without an Admin it is refused
	// (ErrInvalidInput). On real Cognito these calls are SigV4-signed:
	// the transport needs IAM credentials allowed
	// cognito-idp:AdminInitiateAuth and AdminRespondToAuthChallenge on the
	// pool, and the app client must enable ALLOW_ADMIN_USER_PASSWORD_AUTH.
	// Use them from a trusted server only, never from a user's device.
	Admin transport.AdminAuthenticator

	Rand io.Reader        // nil: crypto/rand
	Now  func() time.Time // nil: time.Now

	// Observe, if set, is called synchronously at every state change, from
	// the goroutine that caused it. It may call State, Need and Snapshot on
	// the login, not Submit.
	Observe func(Transition)

	// MaxRounds bounds the calls to Cognito of one login (InitiateAuth,
	// RespondToAuthChallenge, their Admin forms, AssociateSoftwareToken,
	// VerifySoftwareToken),
	// retries included, so that no challenge loop runs forever; 0 means 16.
	MaxRounds int

	// SessionValidity is how long the engine trusts a challenge's session
	// before refusing, without asking Cognito, to send it (ErrSessionExpired)
	// or to Resume a snapshot holding it. 0 means 15 minutes, the longest
	// AuthSessionValidity Cognito allows, so that this local check never
	// fires before Cognito would: a session Cognito expired earlier is
	// refused by Cognito itself ("Invalid session ..."), which also gives
	// ErrSessionExpired. Set it to the client's AuthSessionValidity (3 to 15
	// minutes, 3 by default) to learn of an expired session without a call.
	SessionValidity time.Duration

	// TOTPIssuer names the service in authenticator apps (the otpauth URI's
	// issuer) during MFA_SETUP; "" means "Cognito".
	TOTPIssuer string

	// Flow is the AuthFlow of logins whose Credentials.Flow is empty: ""
	// means USER_SRP_AUTH. transport.FlowUserAuth (USER_AUTH) is
	// choice-based sign-in: the user signs in with a password, an e-mail or
	// SMS code, or a passkey, as the pool allows (docs/passwordless.md).
	Flow string
	// PreferredChallenge is the first factor a USER_AUTH login asks for at
	// once ("PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP" or
	// "WEB_AUTHN", Cognito's PREFERRED_CHALLENGE); "" lets the user choose
	// among what Cognito offers (states.NeedFirstFactorChoice). Cognito
	// refuses a preference the user cannot use. PASSWORD and PASSWORD_SRP
	// need Credentials.Password, or wait in Init for it.
	PreferredChallenge string

	// DeviceName is sent with ConfirmDevice for a new device.
	DeviceName string
	// RememberDevice sends UpdateDeviceStatus "remembered" after confirming
	// a new device, for pools that remember devices only on the user's
	// prompt (Result.DeviceRemembered says whether Cognito remembers it).
	RememberDevice bool
}

// String hides the client secret.
func (c Config) String() string {
	return fmt.Sprintf("Config{PoolID:%s ClientID:%s ClientSecret:%s Transport:%T MaxRounds:%d SessionValidity:%s TOTPIssuer:%s Flow:%s PreferredChallenge:%s DeviceName:%s RememberDevice:%t}",
		c.PoolID, c.ClientID, redact(c.ClientSecret), c.Transport, c.MaxRounds, c.SessionValidity, c.TOTPIssuer, c.Flow, c.PreferredChallenge, c.DeviceName, c.RememberDevice)
}

// GoString hides the client secret from %#v.
func (c Config) GoString() string { return "engine." + c.String() }

// LogValue hides the client secret from log/slog.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Defaults of Config.
const (
	DefaultMaxRounds       = 16
	DefaultSessionValidity = 15 * time.Minute // Cognito's longest AuthSessionValidity
	DefaultTOTPIssuer      = "Cognito"
)

// settings is a validated Config with defaults filled in.
type settings struct {
	Config
	poolName string
	mfaSetup transport.MFASetup           // Config.MFASetup, else Transport's; nil if neither
	devices  transport.Devices            // Config.Devices, else Transport's; nil if neither
	admin    transport.AdminAuthenticator // Config.Admin, else Transport's; nil if neither
}

func (c Config) settle() (*settings, error) {
	if c.Transport == nil {
		return nil, fmt.Errorf("%w: Config.Transport is nil", ErrInvalidInput)
	}
	if c.ClientID == "" {
		return nil, fmt.Errorf("%w: Config.ClientID is empty", ErrInvalidInput)
	}
	name, err := srp.PoolName(c.PoolID)
	if err != nil {
		return nil, fmt.Errorf("%w: Config.PoolID: %w", ErrInvalidInput, err)
	}
	if c.MaxRounds < 0 || c.SessionValidity < 0 {
		return nil, fmt.Errorf("%w: negative MaxRounds or SessionValidity", ErrInvalidInput)
	}
	switch c.PreferredChallenge {
	case "", transport.ChallengePassword, transport.ChallengePasswordSRP, transport.ChallengeEmailOTP,
		transport.ChallengeSMSOTP, transport.ChallengeWebAuthn:
	default:
		return nil, fmt.Errorf("%w: Config.PreferredChallenge %q", ErrInvalidInput, c.PreferredChallenge)
	}
	if c.Rand == nil {
		c.Rand = rand.Reader
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.MaxRounds == 0 {
		c.MaxRounds = DefaultMaxRounds
	}
	if c.SessionValidity == 0 {
		c.SessionValidity = DefaultSessionValidity
	}
	if c.TOTPIssuer == "" {
		c.TOTPIssuer = DefaultTOTPIssuer
	}
	set := &settings{Config: c, poolName: name, mfaSetup: c.MFASetup, devices: c.Devices, admin: c.Admin}
	if set.mfaSetup == nil {
		set.mfaSetup, _ = c.Transport.(transport.MFASetup)
	}
	if set.devices == nil {
		set.devices, _ = c.Transport.(transport.Devices)
	}
	if set.admin == nil {
		set.admin, _ = c.Transport.(transport.AdminAuthenticator)
	}
	return set, nil
}

// canRun refuses a flow the settings cannot serve: an admin flow without a
// transport.AdminAuthenticator.
func (s *settings) canRun(flow string) error {
	if isAdminFlow(flow) && s.admin == nil {
		return fmt.Errorf("%w: Flow %s needs Config.Admin or a Transport implementing transport.AdminAuthenticator", ErrInvalidInput, flow)
	}
	return nil
}

// secretHash returns SECRET_HASH for username, "" for a client without secret.
func (s *settings) secretHash(username string) string {
	if s.ClientSecret == "" {
		return ""
	}
	return srp.SecretHash(username, s.ClientID, s.ClientSecret)
}

// Credentials are what the user gives to start a login.
type Credentials struct {
	// Username as the user typed it: a username or an alias (e-mail,
	// phone). Later steps use the name Cognito returns (USER_ID_FOR_SRP).
	Username string
	// Password is the user's password. For USER_SRP_AUTH,
	// USER_PASSWORD_AUTH and the admin flows it may be left empty: the login
	// then waits in Init with NeedPassword until Submit(Password). For
	// CUSTOM_AUTH, empty means passwordless (no SRP step first).
	Password string
	// Device is a device remembered by an earlier login (Result.NewDevice).
	Device *DeviceCredentials
	// Flow is the AuthFlow: "" for Config.Flow, transport.FlowUserSRP (USER_SRP_AUTH),
	// transport.FlowUserAuth (USER_AUTH, choice-based sign-in: see
	// Config.PreferredChallenge),
	// transport.FlowUserPassword (USER_PASSWORD_AUTH), transport.FlowCustom
	// (CUSTOM_AUTH, with SRP first when Password is set), or one of the
	// server-side flows transport.FlowAdminUserPassword
	// (ADMIN_USER_PASSWORD_AUTH) and transport.FlowAdminNoSRP
	// (ADMIN_NO_SRP_AUTH), which send the password to Cognito through
	// Config.Admin (see there) and answer the challenges that follow
	// (MFA, MFA_SETUP, NEW_PASSWORD_REQUIRED, device SRP) the same way.
	Flow string
	// ClientMetadata goes to Cognito's Lambda triggers with every call.
	ClientMetadata map[string]string
	// SignUpSession is the Session ConfirmSignUp returned. A USER_AUTH login
	// started with it sends it with InitiateAuth, and Cognito signs the new
	// user in without another factor: the confirmation code was the first
	// one. It is valid for the client's AuthSessionValidity and once.
	SignUpSession string
}

// String hides the password.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{Username:%s Password:%s Device:%v Flow:%s SignUpSession:%s}", c.Username, redact(c.Password), c.Device, c.Flow, redact(c.SignUpSession))
}

// GoString hides the password from %#v.
func (c Credentials) GoString() string { return "engine." + c.String() }

// LogValue hides the password from log/slog.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// flow is the login's AuthFlow: Credentials.Flow, else def (Config.Flow),
// else USER_SRP_AUTH.
func (c Credentials) flow(def string) (string, error) {
	f := c.Flow
	if f == "" {
		f = def
	}
	switch f {
	case "", transport.FlowUserSRP:
		return transport.FlowUserSRP, nil
	case transport.FlowUserPassword, transport.FlowCustom, transport.FlowAdminUserPassword, transport.FlowAdminNoSRP,
		transport.FlowUserAuth:
		return f, nil
	}
	return "", fmt.Errorf("%w: unsupported Flow %q", ErrInvalidInput, f)
}

// passwordFirst reports whether a login in flow, preferring pref, needs the
// password before its first call: every flow but CUSTOM_AUTH (where a
// password means SRP first) and USER_AUTH without a password preference
// (which asks Cognito first, and for the password only when it is chosen).
func passwordFirst(flow, pref string) bool {
	switch flow {
	case transport.FlowCustom:
		return false
	case transport.FlowUserAuth:
		return pref == transport.ChallengePassword || pref == transport.ChallengePasswordSRP
	}
	return true
}

// isAdminFlow reports whether flow runs on AdminInitiateAuth and
// AdminRespondToAuthChallenge.
func isAdminFlow(flow string) bool {
	return flow == transport.FlowAdminUserPassword || flow == transport.FlowAdminNoSRP
}

// sendsPassword reports whether flow sends the password itself, not an SRP
// proof of it.
func sendsPassword(flow string) bool {
	return flow == transport.FlowUserPassword || isAdminFlow(flow)
}

// DeviceCredentials are a remembered device: its key and group key, which
// Cognito knows, and its password, which only the client knows. Keep them
// (for example as JSON in a file of mode 0600) to skip MFA on later logins
// when the pool remembers devices. String and LogValue hide the password.
type DeviceCredentials struct {
	Key      string `json:"DeviceKey"`
	GroupKey string `json:"DeviceGroupKey"`
	Password string `json:"DevicePassword"`
}

// String hides the password. A value receiver, so that printing a
// DeviceCredentials value hides it as well as printing a pointer does.
func (d DeviceCredentials) String() string {
	return "DeviceCredentials{Key:" + d.Key + " GroupKey:" + d.GroupKey + " Password:" + redact(d.Password) + "}"
}

// GoString hides the password from %#v.
func (d DeviceCredentials) GoString() string { return "engine." + d.String() }

// LogValue hides the password from log/slog.
func (d DeviceCredentials) LogValue() slog.Value { return slog.StringValue(d.String()) }

// Transition is one state change, as Config.Observe sees it.
type Transition struct {
	From, To states.State
	Event    states.Event
	At       time.Time // Config.Now at the change
	Err      error     // why, when To is Failed
}

// Result is what a finished login returns.
type Result struct {
	// Tokens are Cognito's AuthenticationResult (ID, access and refresh
	// tokens). Its String hides them.
	Tokens *transport.AuthenticationResult
	// Username is the name Cognito knows the user by, even when the user
	// typed an alias: the access token's username claim (read without
	// verifying the token, which just came from Cognito), else
	// USER_ID_FOR_SRP when a challenge carried one, else the name typed.
	// Refresh with it: SECRET_HASH is computed over it.
	Username string
	// DeviceKey is the device the tokens were issued to (the access token's
	// device_key claim), "" when the pool does not track devices. Refresh
	// with it: Cognito refuses a refresh without it (tokens.SourceConfig).
	DeviceKey string
	// NewDevice is the device Cognito created and the engine confirmed, nil
	// if none. Keep it and pass it as Credentials.Device next time.
	NewDevice *DeviceCredentials
	// DeviceRemembered: Cognito remembers NewDevice, so that logins with it
	// skip MFA where the pool allows. It is true when ConfirmDevice needed no
	// confirmation from the user (the pool remembers every device) or when
	// UpdateDeviceStatus "remembered" succeeded (Config.RememberDevice). On a
	// pool that remembers devices only on the user's prompt, with
	// RememberDevice false, it is false: the device is tracked, and logins
	// with it still pass device SRP, but they are asked for MFA.
	DeviceRemembered bool
	// DeviceErr says why a device Cognito created was not confirmed (or not
	// marked remembered); the tokens are valid all the same.
	DeviceErr error
	// ForgottenDevice is the key of the device the login started with when
	// Cognito no longer knew it (it was forgotten, perhaps from another
	// machine, before the login started or during it); the login went on
	// without it. Drop the stored device.
	ForgottenDevice string
}

// String hides the tokens and the device password.
func (r *Result) String() string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("Result{Username:%s DeviceKey:%s Tokens:%v NewDevice:%v DeviceRemembered:%t DeviceErr:%v ForgottenDevice:%s}",
		r.Username, r.DeviceKey, r.Tokens, r.NewDevice, r.DeviceRemembered, r.DeviceErr, r.ForgottenDevice)
}

// GoString hides the tokens and the device password from %#v.
func (r *Result) GoString() string { return "engine." + r.String() }

// LogValue hides the tokens and the device password from log/slog.
func (r *Result) LogValue() slog.Value { return slog.StringValue(r.String()) }

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "[redacted]"
}
