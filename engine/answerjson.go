package engine

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"strings"

	"github.com/gocognito/gocognito/states"
)

// AnswerJSON is the reverse of states.NeedJSON: an Answer as a browser or
// any other front end sends it, tagged with its kind so that it decodes to
// the same variant: {"kind":"mfa_code","code":"123456"}. Unlike the
// answers' String, its JSON carries the secret (the password, the code):
// that is what it is for. docs/weblogin-schema.json describes both shapes.
type AnswerJSON struct {
	Answer Answer
}

// The kinds of AnswerJSON.
const (
	AnswerKindPassword       = "password"
	AnswerKindDevicePassword = "device_password"
	AnswerKindMFACode        = "mfa_code"
	AnswerKindMFAChoice      = "mfa_choice"
	AnswerKindTOTPSetupCode  = "totp_setup_code"
	AnswerKindEmailAddress   = "email_address"
	AnswerKindNewPassword    = "new_password"
	AnswerKindCustomAnswer   = "custom_answer"
	AnswerKindFirstFactor    = "first_factor"
	AnswerKindSignInCode     = "sign_in_code"
	AnswerKindPasskey        = "passkey_assertion"
)

// answerWire is the flat JSON form of every answer.
type answerWire struct {
	Kind         string            `json:"kind"`
	Password     string            `json:"password,omitempty"`
	Code         string            `json:"code,omitempty"`
	Choice       string            `json:"choice,omitempty"`
	FriendlyName string            `json:"friendlyName,omitempty"`
	Email        string            `json:"email,omitempty"`
	Attributes   map[string]string `json:"attributes,omitempty"`
	Answer       string            `json:"answer,omitempty"`
	// Credential is a passkey assertion: the JSON object of
	// PublicKeyCredential.toJSON(), as it came.
	Credential json.RawMessage `json:"credential,omitempty"`
}

// MarshalJSON encodes the answer with its kind.
func (j AnswerJSON) MarshalJSON() ([]byte, error) {
	var w answerWire
	switch a := j.Answer.(type) {
	case Password:
		w = answerWire{Kind: AnswerKindPassword, Password: string(a)}
	case DevicePassword:
		w = answerWire{Kind: AnswerKindDevicePassword, Password: string(a)}
	case MFACode:
		w = answerWire{Kind: AnswerKindMFACode, Code: string(a)}
	case MFAChoice:
		w = answerWire{Kind: AnswerKindMFAChoice, Choice: string(a)}
	case TOTPSetupCode:
		w = answerWire{Kind: AnswerKindTOTPSetupCode, Code: a.Code, FriendlyName: a.FriendlyName}
	case EmailAddress:
		w = answerWire{Kind: AnswerKindEmailAddress, Email: string(a)}
	case NewPassword:
		w = answerWire{Kind: AnswerKindNewPassword, Password: a.Password, Attributes: a.Attributes}
	case CustomAnswer:
		w = answerWire{Kind: AnswerKindCustomAnswer, Answer: string(a)}
	case FirstFactor:
		w = answerWire{Kind: AnswerKindFirstFactor, Choice: string(a)}
	case SignInCode:
		w = answerWire{Kind: AnswerKindSignInCode, Code: string(a)}
	case PasskeyAssertion:
		if !json.Valid([]byte(a)) {
			return nil, fmt.Errorf("%w: a passkey assertion is not JSON", ErrInvalidInput)
		}
		w = answerWire{Kind: AnswerKindPasskey, Credential: json.RawMessage(a)}
	default:
		return nil, fmt.Errorf("%w: cannot encode answer %s", ErrInvalidInput, answerName(j.Answer))
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes what MarshalJSON encodes. An unknown kind, or a
// field the kind does not take, is an error matching ErrInvalidInput; the
// error never quotes a value.
func (j *AnswerJSON) UnmarshalJSON(b []byte) error {
	var w answerWire
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return fmt.Errorf("%w: answer: malformed JSON", ErrInvalidInput)
	}
	only := func(allowed ...string) error {
		set := map[string]bool{
			"password": w.Password != "", "code": w.Code != "", "choice": w.Choice != "",
			"friendlyName": w.FriendlyName != "", "email": w.Email != "", "attributes": len(w.Attributes) > 0,
			"answer": w.Answer != "", "credential": len(w.Credential) > 0,
		}
		for _, a := range allowed {
			delete(set, a)
		}
		for name, present := range set {
			if present {
				return fmt.Errorf("%w: answer of kind %q takes no %q", ErrInvalidInput, w.Kind, name)
			}
		}
		return nil
	}
	var err error
	switch w.Kind {
	case AnswerKindPassword:
		j.Answer, err = Password(w.Password), only("password")
	case AnswerKindDevicePassword:
		j.Answer, err = DevicePassword(w.Password), only("password")
	case AnswerKindMFACode:
		j.Answer, err = MFACode(w.Code), only("code")
	case AnswerKindMFAChoice:
		j.Answer, err = MFAChoice(w.Choice), only("choice")
	case AnswerKindTOTPSetupCode:
		j.Answer, err = TOTPSetupCode{Code: w.Code, FriendlyName: w.FriendlyName}, only("code", "friendlyName")
	case AnswerKindEmailAddress:
		j.Answer, err = EmailAddress(w.Email), only("email")
	case AnswerKindNewPassword:
		j.Answer, err = NewPassword{Password: w.Password, Attributes: maps.Clone(w.Attributes)}, only("password", "attributes")
	case AnswerKindCustomAnswer:
		j.Answer, err = CustomAnswer(w.Answer), only("answer")
	case AnswerKindFirstFactor:
		j.Answer, err = FirstFactor(w.Choice), only("choice")
	case AnswerKindSignInCode:
		j.Answer, err = SignInCode(w.Code), only("code")
	case AnswerKindPasskey:
		j.Answer, err = PasskeyAssertion(w.Credential), only("credential")
	default:
		return fmt.Errorf("%w: unknown answer kind %q", ErrInvalidInput, w.Kind)
	}
	if err != nil {
		j.Answer = nil
	}
	return err
}

// Form field names that AnswerFromForm reads. A new password's attributes
// are fields named FormAttributePrefix + the attribute ("attribute.name").
const (
	FormPassword        = "password"
	FormNewPassword     = "new_password"
	FormCode            = "code"
	FormChoice          = "choice"
	FormFriendlyName    = "friendly_name"
	FormEmail           = "email"
	FormAnswer          = "answer"
	FormCredential      = "credential"
	FormAttributePrefix = "attribute."
)

// AnswerFromForm reads the answer to need from an HTML form: the fields a
// screen for that need has (see the Form* names). A form has no kind, so
// the need the screen was drawn for decides how it is read. It fails with
// ErrWrongAnswer for a need that takes no answer, and with ErrInvalidInput
// when the field the answer needs is missing or empty; it never quotes a
// value.
func AnswerFromForm(need states.Need, form url.Values) (Answer, error) {
	a, err := answerFromForm(need, form)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func answerFromForm(need states.Need, form url.Values) (Answer, error) {
	field := func(name string) (string, error) {
		v := form.Get(name)
		if strings.TrimSpace(v) == "" {
			return "", fmt.Errorf("%w: form field %q is empty", ErrInvalidInput, name)
		}
		return v, nil
	}
	code := func() (string, error) {
		v, err := field(FormCode)
		// Codes are typed with spaces ("123 456") or pasted with them.
		return strings.Join(strings.Fields(v), ""), err
	}
	switch n := need.(type) {
	case states.NeedPassword:
		v, err := field(FormPassword)
		if n.Device {
			return DevicePassword(v), err
		}
		return Password(v), err
	case states.NeedMFACode:
		v, err := code()
		return MFACode(v), err
	case states.NeedMFAChoice, states.NeedMFASetupChoice:
		v, err := field(FormChoice)
		return MFAChoice(v), err
	case states.NeedTOTPSetup:
		v, err := code()
		return TOTPSetupCode{Code: v, FriendlyName: strings.TrimSpace(form.Get(FormFriendlyName))}, err
	case states.NeedEmailSetup:
		v, err := field(FormEmail)
		return EmailAddress(strings.TrimSpace(v)), err
	case states.NeedNewPassword:
		v, err := field(FormNewPassword)
		attrs := map[string]string{}
		for k, vs := range form {
			if name, ok := strings.CutPrefix(k, FormAttributePrefix); ok && name != "" && len(vs) > 0 {
				attrs[name] = strings.TrimSpace(vs[0])
			}
		}
		return NewPassword{Password: v, Attributes: attrs}, err
	case states.NeedCustomAnswer:
		v, err := field(FormAnswer)
		return CustomAnswer(v), err
	case states.NeedFirstFactorChoice:
		v, err := field(FormChoice)
		return FirstFactor(v), err
	case states.NeedSignInCode:
		v, err := code()
		return SignInCode(v), err
	case states.NeedPasskey:
		v, err := field(FormCredential)
		if err == nil && !json.Valid([]byte(v)) {
			err = fmt.Errorf("%w: form field %q is not JSON", ErrInvalidInput, FormCredential)
		}
		return PasskeyAssertion(v), err
	}
	return nil, &WrongAnswerError{Need: need, Answer: "form"}
}
