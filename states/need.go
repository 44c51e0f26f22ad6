package states

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
)

// Need is what the caller must supply for a login to go on: a sealed sum whose
// variants are the Need* types of this package. A UI switches on it to choose
// a screen:
//
//	switch n := login.Need().(type) {
//	case states.NeedMFACode:    askCode(n.Medium, n.Destination)
//	case states.NeedNewPassword: askNewPassword(n.Required)
//	...
//	}
type Need interface{ isNeed() }

// NeedNothing: the engine goes on by itself, or the login has ended.
type NeedNothing struct{}

// NeedPassword: the login waits for a password. Device false means the user's
// password (a login started without one, so that a UI can ask for the username
// and the password on separate screens). Device true means the remembered
// device's password: a resumed login reached device SRP, and a snapshot never
// keeps that password.
type NeedPassword struct {
	Device bool
}

// Media of NeedMFACode.
const (
	MediumSMS           = "SMS"
	MediumEmail         = "EMAIL"
	MediumSoftwareToken = "SOFTWARE_TOKEN"
)

// NeedMFACode: a one-time code, sent by SMS or e-mail or shown by the user's
// authenticator app (Medium "SMS", "EMAIL" or "SOFTWARE_TOKEN"). Destination
// is Cognito's masked address ("+*******1234"), empty for an app.
type NeedMFACode struct {
	Medium      string
	Destination string
}

// NeedNewPassword: the user must choose a new password and give the attributes
// named in Required (plain names such as "name", without Cognito's
// "userAttributes." prefix). Attributes are the user's current attributes, to
// prefill a form.
type NeedNewPassword struct {
	Required   []string
	Attributes map[string]string
}

// NeedMFAChoice: the user picks one of Options ("SMS_MFA", "EMAIL_OTP",
// "SOFTWARE_TOKEN_MFA").
type NeedMFAChoice struct {
	Options []string
}

// NeedTOTPSetup: the user adds Secret (base32) to an authenticator app, most
// easily by scanning URI (otpauth://totp/...) as a QR code, then types the
// first code it shows. String and LogValue hide both. A login resumed from a
// snapshot has them empty: a snapshot never keeps the secret, and the user
// already has it.
type NeedTOTPSetup struct {
	Secret string
	URI    string
}

// NeedMFASetupChoice: the user must set up MFA and picks how, one of
// Options ("SOFTWARE_TOKEN_MFA" for an authenticator app, "EMAIL_OTP" for
// codes by e-mail): the kinds Cognito's MFA_SETUP offers that a user can set
// up during sign-in. The choice leads to NeedTOTPSetup or NeedEmailSetup.
type NeedMFASetupChoice struct {
	Options []string
}

// NeedEmailSetup: the user sets up e-mail MFA by giving the address that
// should receive the codes; Cognito then sends one there (NeedMFACode with
// Medium "EMAIL"), and the login ends when it comes back.
type NeedEmailSetup struct{}

// NeedCustomAnswer: a custom-auth Lambda asks a question; Params are its
// public challenge parameters.
type NeedCustomAnswer struct {
	Params map[string]string
}

// NeedFirstFactorChoice: choice-based sign-in asks the user how to sign in,
// one of Options, Cognito's AvailableChallenges: "PASSWORD",
// "PASSWORD_SRP" (both a password; PASSWORD_SRP never sends it), "EMAIL_OTP"
// and "SMS_OTP" (a code sent to the user's verified address or phone),
// "WEB_AUTHN" (a passkey, in a browser).
type NeedFirstFactorChoice struct {
	Options []string
}

// NeedSignInCode: the user signs in with a one-time code, sent by e-mail or
// SMS (Medium "EMAIL" or "SMS") to Destination, Cognito's masked address. It
// is the first factor, unlike NeedMFACode's code, which follows a password.
type NeedSignInCode struct {
	Medium      string
	Destination string
}

// NeedPasskey: the user signs in with a passkey. RequestOptions is
// Cognito's CREDENTIAL_REQUEST_OPTIONS as sent, the JSON of WebAuthn's
// PublicKeyCredentialRequestOptions with base64url strings: parse it in the
// browser with PublicKeyCredential.parseRequestOptionsFromJSON, call
// navigator.credentials.get, and submit the credential's toJSON() (the
// AuthenticationResponseJSON) back. It holds no secret.
type NeedPasskey struct {
	RequestOptions string
}

func (NeedNothing) isNeed()           {}
func (NeedFirstFactorChoice) isNeed() {}
func (NeedSignInCode) isNeed()        {}
func (NeedPasskey) isNeed()           {}
func (NeedPassword) isNeed()          {}
func (NeedMFACode) isNeed()           {}
func (NeedNewPassword) isNeed()       {}
func (NeedMFAChoice) isNeed()         {}
func (NeedTOTPSetup) isNeed()         {}
func (NeedMFASetupChoice) isNeed()    {}
func (NeedEmailSetup) isNeed()        {}
func (NeedCustomAnswer) isNeed()      {}

// String hides the secret and the URI that contains it.
func (n NeedTOTPSetup) String() string {
	return "NeedTOTPSetup{Secret:" + redactIfSet(n.Secret) + " URI:" + redactIfSet(n.URI) + "}"
}

// GoString hides the secret from %#v too.
func (n NeedTOTPSetup) GoString() string { return "states." + n.String() }

// LogValue hides the secret from log/slog.
func (n NeedTOTPSetup) LogValue() slog.Value { return slog.StringValue(n.String()) }

func redactIfSet(s string) string {
	if s == "" {
		return `""`
	}
	return "[redacted]"
}

// Challenge parameter names NeedFor reads.
const (
	paramDeliveryMedium = "CODE_DELIVERY_DELIVERY_MEDIUM"
	paramDestination    = "CODE_DELIVERY_DESTINATION"
	paramMFAsCanChoose  = "MFAS_CAN_CHOOSE"
	paramMFAsCanSetup   = "MFAS_CAN_SETUP"
	paramRequiredAttrs  = "requiredAttributes"
	paramUserAttrs      = "userAttributes"
	userAttrPrefix      = "userAttributes."
	paramRequestOptions = "CREDENTIAL_REQUEST_OPTIONS"
)

// First factors of choice-based sign-in, the strings of Cognito's
// AvailableChallenges and PREFERRED_CHALLENGE.
const (
	FactorPassword    = "PASSWORD"
	FactorPasswordSRP = "PASSWORD_SRP"
	FactorEmailOTP    = "EMAIL_OTP"
	FactorSMSOTP      = "SMS_OTP"
	FactorWebAuthn    = "WEB_AUTHN"
)

// FirstFactorNeed is what SelectChallenge needs: the choice among the
// factors Cognito offered (InitiateAuth's top-level AvailableChallenges,
// which are not among the challenge parameters NeedFor reads).
func FirstFactorNeed(available []string) Need {
	out := []string{}
	for _, f := range available {
		if f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return NeedFirstFactorChoice{Options: out}
}

// MFA kinds that MFA_SETUP may offer (MFAS_CAN_SETUP), the same strings as
// package transport's MFA constants.
const (
	MFASMS           = "SMS_MFA"
	MFASoftwareToken = "SOFTWARE_TOKEN_MFA"
	MFAEmail         = "EMAIL_OTP"
)

// MFASetupOptions returns the kinds of MFA a user can set up during sign-in
// among those an MFA_SETUP challenge's MFAS_CAN_SETUP lists, in Cognito's
// order: SOFTWARE_TOKEN_MFA and EMAIL_OTP. SMS_MFA, which Cognito lists
// when the pool can send SMS, is left out: a phone number is set up as an
// attribute, not during sign-in, as Amplify's setup selection also does.
// Challenges from before e-mail MFA carry no list and mean TOTP.
func MFASetupOptions(params map[string]string) []string {
	raw, ok := params[paramMFAsCanSetup]
	if !ok || strings.TrimSpace(raw) == "" {
		return []string{MFASoftwareToken}
	}
	out := []string{}
	for _, k := range parseList(raw) {
		if (k == MFASoftwareToken || k == MFAEmail) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// SetupNeed is what an MFA_SETUP offering options needs before anything
// was chosen: the choice among several, or the one way offered.
func SetupNeed(options []string) Need {
	switch {
	case len(options) == 1 && options[0] == MFASoftwareToken:
		return NeedTOTPSetup{}
	case len(options) == 1 && options[0] == MFAEmail:
		return NeedEmailSetup{}
	}
	return NeedMFASetupChoice{Options: slices.Clone(options)}
}

// NeedFor returns what state s needs, given the parameters of the challenge
// that led to it. SelectChallenge's options are not among the parameters:
// NeedFor gives none, and FirstFactorNeed builds the need from them. It never fails: malformed parameters (they come from the
// network) give empty fields rather than an error. The automatic states and
// the terminal ones need nothing. MFASetup needs what SetupNeed says for
// MFASetupOptions; a TOTP secret is not among Cognito's parameters
// (AssociateSoftwareToken returns it), so a NeedTOTPSetup is empty here
// and the engine fills it.
func NeedFor(s State, params map[string]string) Need {
	switch s {
	case Init:
		return NeedPassword{}
	case SMSMFA:
		m := params[paramDeliveryMedium]
		if m == "" {
			m = MediumSMS
		}
		return NeedMFACode{Medium: m, Destination: params[paramDestination]}
	case EmailOTP:
		m := params[paramDeliveryMedium]
		if m == "" {
			m = MediumEmail
		}
		return NeedMFACode{Medium: m, Destination: params[paramDestination]}
	case SoftwareTokenMFA:
		return NeedMFACode{Medium: MediumSoftwareToken}
	case SelectChallenge:
		return FirstFactorNeed(nil)
	case SignInEmailCode, SignInSMSCode:
		m := params[paramDeliveryMedium]
		if m == "" {
			m = MediumEmail
			if s == SignInSMSCode {
				m = MediumSMS
			}
		}
		return NeedSignInCode{Medium: m, Destination: params[paramDestination]}
	case WebAuthn:
		return NeedPasskey{RequestOptions: params[paramRequestOptions]}
	case SelectMFAType:
		return NeedMFAChoice{Options: parseList(params[paramMFAsCanChoose])}
	case MFASetup:
		return SetupNeed(MFASetupOptions(params))
	case NewPasswordRequired:
		req := parseList(params[paramRequiredAttrs])
		for i, r := range req {
			req[i] = strings.TrimPrefix(r, userAttrPrefix)
		}
		return NeedNewPassword{Required: req, Attributes: parseAttributes(params[paramUserAttrs])}
	case CustomChallenge:
		p := make(map[string]string, len(params))
		for k, v := range params {
			p[k] = v
		}
		return NeedCustomAnswer{Params: p}
	default:
		return NeedNothing{}
	}
}

// parseList reads a JSON array of strings as Cognito sends lists inside
// challenge parameters (`["SMS_MFA","SOFTWARE_TOKEN_MFA"]`), falling back to
// a comma-separated list. Empty items are dropped.
func parseList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return []string{}
	}
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		raw = nil
		for _, part := range strings.Split(strings.Trim(s, "[]"), ",") {
			part = strings.Trim(strings.TrimSpace(part), `"`)
			if part != "" {
				b, _ := json.Marshal(part)
				raw = append(raw, b)
			}
		}
	}
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		if v := scalar(r); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseAttributes reads Cognito's userAttributes parameter, a JSON object of
// attribute names to values. Non-string values keep their JSON text; anything
// unparsable gives an empty map.
func parseAttributes(s string) map[string]string {
	out := map[string]string{}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return out
	}
	for k, v := range raw {
		out[k] = scalar(v)
	}
	return out
}

func scalar(r json.RawMessage) string {
	var s string
	if err := json.Unmarshal(r, &s); err == nil {
		return s
	}
	if string(r) == "null" {
		return ""
	}
	return string(r)
}

// NeedJSON wraps a Need for encoding/json, tagged with its kind so that it
// decodes back to the same variant: {"kind":"mfa_code","medium":"SMS",...}.
// A web service can send it to a browser as is. Note that it encodes a
// NeedTOTPSetup's secret: that is what the browser needs to show.
type NeedJSON struct {
	Need Need
}

// The kinds of NeedJSON.
const (
	KindNothing        = "nothing"
	KindPassword       = "password"
	KindMFACode        = "mfa_code"
	KindNewPassword    = "new_password"
	KindMFAChoice      = "mfa_choice"
	KindTOTPSetup      = "totp_setup"
	KindMFASetupChoice = "mfa_setup_choice"
	KindEmailSetup     = "email_setup"
	KindCustomAnswer   = "custom_answer"
	KindFirstFactor    = "first_factor_choice"
	KindSignInCode     = "sign_in_code"
	KindPasskey        = "passkey"
)

// needWire is the flat JSON form of every variant.
type needWire struct {
	Kind        string            `json:"kind"`
	Device      bool              `json:"device,omitempty"`
	Medium      string            `json:"medium,omitempty"`
	Destination string            `json:"destination,omitempty"`
	Required    []string          `json:"required,omitempty"`
	Attributes  map[string]string `json:"attributes,omitempty"`
	Options     []string          `json:"options,omitempty"`
	Secret      string            `json:"secret,omitempty"`
	URI         string            `json:"uri,omitempty"`
	Params      map[string]string `json:"params,omitempty"`
	// RequestOptions is NeedPasskey's JSON text, as a string.
	RequestOptions string `json:"requestOptions,omitempty"`
}

// Kind returns the kind tag of n, "" for nil or a foreign type.
func Kind(n Need) string {
	switch n.(type) {
	case NeedNothing:
		return KindNothing
	case NeedPassword:
		return KindPassword
	case NeedMFACode:
		return KindMFACode
	case NeedNewPassword:
		return KindNewPassword
	case NeedMFAChoice:
		return KindMFAChoice
	case NeedTOTPSetup:
		return KindTOTPSetup
	case NeedMFASetupChoice:
		return KindMFASetupChoice
	case NeedEmailSetup:
		return KindEmailSetup
	case NeedCustomAnswer:
		return KindCustomAnswer
	case NeedFirstFactorChoice:
		return KindFirstFactor
	case NeedSignInCode:
		return KindSignInCode
	case NeedPasskey:
		return KindPasskey
	}
	return ""
}

// MarshalJSON encodes the need with its kind; a nil Need encodes as nothing.
func (j NeedJSON) MarshalJSON() ([]byte, error) {
	w := needWire{Kind: KindNothing}
	switch n := j.Need.(type) {
	case nil, NeedNothing:
	case NeedPassword:
		w = needWire{Kind: KindPassword, Device: n.Device}
	case NeedMFACode:
		w = needWire{Kind: KindMFACode, Medium: n.Medium, Destination: n.Destination}
	case NeedNewPassword:
		w = needWire{Kind: KindNewPassword, Required: n.Required, Attributes: n.Attributes}
	case NeedMFAChoice:
		w = needWire{Kind: KindMFAChoice, Options: n.Options}
	case NeedTOTPSetup:
		w = needWire{Kind: KindTOTPSetup, Secret: n.Secret, URI: n.URI}
	case NeedMFASetupChoice:
		w = needWire{Kind: KindMFASetupChoice, Options: n.Options}
	case NeedEmailSetup:
		w = needWire{Kind: KindEmailSetup}
	case NeedCustomAnswer:
		w = needWire{Kind: KindCustomAnswer, Params: n.Params}
	case NeedFirstFactorChoice:
		w = needWire{Kind: KindFirstFactor, Options: n.Options}
	case NeedSignInCode:
		w = needWire{Kind: KindSignInCode, Medium: n.Medium, Destination: n.Destination}
	case NeedPasskey:
		w = needWire{Kind: KindPasskey, RequestOptions: n.RequestOptions}
	default:
		return nil, fmt.Errorf("states: unknown need %T", j.Need)
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes what MarshalJSON encodes; an unknown kind is an error.
func (j *NeedJSON) UnmarshalJSON(b []byte) error {
	var w needWire
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("states: need: %w", err)
	}
	switch w.Kind {
	case KindNothing:
		j.Need = NeedNothing{}
	case KindPassword:
		j.Need = NeedPassword{Device: w.Device}
	case KindMFACode:
		j.Need = NeedMFACode{Medium: w.Medium, Destination: w.Destination}
	case KindNewPassword:
		if w.Required == nil {
			w.Required = []string{}
		}
		if w.Attributes == nil {
			w.Attributes = map[string]string{}
		}
		j.Need = NeedNewPassword{Required: w.Required, Attributes: w.Attributes}
	case KindMFAChoice:
		if w.Options == nil {
			w.Options = []string{}
		}
		j.Need = NeedMFAChoice{Options: w.Options}
	case KindTOTPSetup:
		j.Need = NeedTOTPSetup{Secret: w.Secret, URI: w.URI}
	case KindMFASetupChoice:
		if w.Options == nil {
			w.Options = []string{}
		}
		j.Need = NeedMFASetupChoice{Options: w.Options}
	case KindEmailSetup:
		j.Need = NeedEmailSetup{}
	case KindCustomAnswer:
		if w.Params == nil {
			w.Params = map[string]string{}
		}
		j.Need = NeedCustomAnswer{Params: w.Params}
	case KindFirstFactor:
		if w.Options == nil {
			w.Options = []string{}
		}
		j.Need = NeedFirstFactorChoice{Options: w.Options}
	case KindSignInCode:
		j.Need = NeedSignInCode{Medium: w.Medium, Destination: w.Destination}
	case KindPasskey:
		j.Need = NeedPasskey{RequestOptions: w.RequestOptions}
	default:
		return fmt.Errorf("states: unknown need kind %q", w.Kind)
	}
	return nil
}
