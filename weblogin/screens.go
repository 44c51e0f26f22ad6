package weblogin

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/tokens"
)

//go:embed templates/*.html
var defaultTemplates embed.FS

//go:embed static
var staticRoot embed.FS

var staticFS, _ = fs.Sub(staticRoot, "static")

// Screens: the name of each template, and Page.Screen. The screens of a
// login are named after the kind of their Need (states.Kind).
const (
	ScreenStart          = "start" // username and password
	ScreenPassword       = states.KindPassword
	ScreenMFACode        = states.KindMFACode
	ScreenMFAChoice      = states.KindMFAChoice
	ScreenTOTPSetup      = states.KindTOTPSetup
	ScreenMFASetupChoice = states.KindMFASetupChoice
	ScreenEmailSetup     = states.KindEmailSetup
	ScreenNewPassword    = states.KindNewPassword
	ScreenCustomAnswer   = states.KindCustomAnswer
	ScreenFirstFactor    = states.KindFirstFactor
	ScreenSignInCode     = states.KindSignInCode
	ScreenPasskey        = states.KindPasskey
	ScreenSignUp         = "signup"
	ScreenSignUpConfirm  = "signup_confirm"
	ScreenForgot         = "forgot"
	ScreenForgotConfirm  = "forgot_confirm"
	ScreenSignedIn       = "signed_in"
	ScreenError          = "error"
)

var allScreens = []string{
	ScreenStart, ScreenPassword, ScreenMFACode, ScreenMFAChoice, ScreenTOTPSetup, ScreenMFASetupChoice,
	ScreenEmailSetup, ScreenNewPassword, ScreenCustomAnswer, ScreenFirstFactor, ScreenSignInCode, ScreenPasskey, ScreenSignUp, ScreenSignUpConfirm,
	ScreenForgot, ScreenForgotConfirm, ScreenSignedIn, ScreenError,
}

// Page is the data of every screen's template. A replacement template may
// use any of it; the defaults in templates/ show how.
type Page struct {
	Screen  string // one of the Screen* names
	AppName string // Options.AppName
	Base    string // Options.Path: form actions are {{.Base}}login and so on
	CSRF    string // the value of the hidden field "csrf" every form must carry
	// Username is the user signing in, signing up or resetting a password.
	Username string
	// Need is what the login waits for (a states.Need* value), nil outside
	// a login: templates read its fields, {{.Need.Destination}}.
	Need states.Need
	// Kind is states.Kind(Need), sent back in the hidden field "kind" so
	// that a form of an earlier step is not taken for the current one.
	Kind string
	// Error is the message of what went wrong, in Cognito's words where
	// Cognito said it; ErrorField names the field it is about ("" for the
	// whole form), so that the template ties it to that field.
	Error      string
	ErrorField string
	// Notice is news that is no error: where a code was sent, why the user
	// is back at the start.
	Notice string
	// Options are the choices of an MFA choice screen.
	Options []Option
	// Attributes are the fields of the new-password and sign-up screens.
	Attributes []Attribute
	// QR is the TOTP setup's otpauth URI as a PNG data: URI, and Secret its
	// key for typing in by hand; both empty when the login was resumed
	// after the key was shown (a snapshot never keeps it).
	QR     template.URL
	Secret string
	// Delivery says where a sign-up or reset code went ("a***@e***").
	Delivery string
	// Claims are the verified claims of the signed-in user's ID token.
	Claims []Claim
	// CanSignUp and CanReset say whether those screens are offered.
	CanSignUp, CanReset bool
	// AskPassword says whether the start screen asks for the password: not
	// in choice-based sign-in (Options.Flow USER_AUTH), where the user
	// picks how to sign in after giving the username.
	AskPassword bool
	// CanRegisterPasskey says whether the signed-in page offers to add a
	// passkey (Options.Account reaches a transport with passkeys).
	CanRegisterPasskey bool
}

// Option is one choice of an MFA choice screen.
type Option struct {
	Value string // "SOFTWARE_TOKEN_MFA"
	Label string // "Authenticator app"
}

// Attribute is one user attribute field.
type Attribute struct {
	Name     string // "name", "custom:team"
	Label    string
	Value    string
	Required bool
	Type     string // the input's type: "text", "email", "tel"
	Auto     string // the input's autocomplete token
}

// Claim is one verified claim.
type Claim struct {
	Name, Value string
}

type screens struct {
	byName map[string]*template.Template
}

var funcs = template.FuncMap{
	// errorFor returns the page's error when it is about field.
	"errorFor": func(p *Page, field string) string {
		if p.Error != "" && p.ErrorField == field {
			return p.Error
		}
		return ""
	},
	"mfaLabel": mfaLabel,
	"mediumLabel": func(m string) string {
		switch m {
		case states.MediumSMS:
			return "text message"
		case states.MediumEmail:
			return "e-mail"
		}
		return "authenticator app"
	},
}

// loadScreens parses every screen: the layout and the screen's own file,
// each taken from override when it has one.
func loadScreens(override fs.FS) (*screens, error) {
	read := func(name string) (string, error) {
		if override != nil {
			b, err := fs.ReadFile(override, name)
			if err == nil {
				return string(b), nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%w: template %s: %w", ErrConfig, name, err)
			}
		}
		b, err := defaultTemplates.ReadFile("templates/" + name)
		if err != nil {
			return "", fmt.Errorf("%w: template %s: %w", ErrConfig, name, err)
		}
		return string(b), nil
	}
	layout, err := read("layout.html")
	if err != nil {
		return nil, err
	}
	base, err := template.New("layout.html").Funcs(funcs).Parse(layout)
	if err != nil {
		return nil, fmt.Errorf("%w: layout.html: %w", ErrConfig, err)
	}
	s := &screens{byName: map[string]*template.Template{}}
	for _, name := range allScreens {
		text, err := read(name + ".html")
		if err != nil {
			return nil, err
		}
		t, err := template.Must(base.Clone()).Parse(text)
		if err != nil {
			return nil, fmt.Errorf("%w: %s.html: %w", ErrConfig, name, err)
		}
		s.byName[name] = t
	}
	return s, nil
}

// render writes a screen. The page is rendered into a buffer first, so
// that a template error gives a plain 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, p *Page) {
	p.AppName, p.Base = h.opts.AppName, h.base
	p.CanSignUp, p.CanReset = h.opts.Account != nil, h.opts.Account != nil
	p.AskPassword = h.askPassword()
	p.CanRegisterPasskey = h.canRegisterPasskey()
	if p.Need != nil && p.Kind == "" {
		p.Kind = states.Kind(p.Need)
	}
	if p.CSRF == "" {
		token, err := h.csrf(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.CSRF = token
	}
	t := h.screens.byName[p.Screen]
	if t == nil {
		h.fail(w, r, fmt.Errorf("weblogin: no screen %q", p.Screen))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		h.fail(w, r, fmt.Errorf("weblogin: screen %s: %w", p.Screen, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers a request that went wrong on the server's side.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.opts.Logger.ErrorContext(r.Context(), "weblogin: request failed", "path", r.URL.Path, "err", err)
	http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
}

func mfaLabel(kind string) string {
	switch kind {
	case states.MFASoftwareToken:
		return "Authenticator app"
	case states.MFAEmail:
		return "E-mail"
	case states.MFASMS:
		return "Text message (SMS)"
	}
	return kind
}

// factorOptions are the first factors to offer. Cognito offers a password
// twice (PASSWORD and PASSWORD_SRP): the user sees one, the SRP one when
// offered, since it never sends the password.
func factorOptions(kinds []string) []Option {
	out := []Option{}
	for _, k := range kinds {
		label := k
		switch k {
		case states.FactorPassword:
			if slices.Contains(kinds, states.FactorPasswordSRP) {
				continue
			}
			label = "Password"
		case states.FactorPasswordSRP:
			label = "Password"
		case states.FactorEmailOTP:
			label = "A code by e-mail"
		case states.FactorSMSOTP:
			label = "A code by text message"
		case states.FactorWebAuthn:
			label = "A passkey"
		}
		out = append(out, Option{Value: k, Label: label})
	}
	return out
}

func options(kinds []string) []Option {
	out := make([]Option, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, Option{Value: k, Label: mfaLabel(k)})
	}
	return out
}

// attributeField describes a user attribute's input.
func attributeField(name, value string, required bool) Attribute {
	a := Attribute{Name: name, Value: value, Required: required, Type: "text", Label: name}
	switch name {
	case "email":
		a.Label, a.Type, a.Auto = "E-mail address", "email", "email"
	case "phone_number":
		a.Label, a.Type, a.Auto = "Phone number", "tel", "tel"
	case "name":
		a.Label, a.Auto = "Full name", "name"
	case "given_name":
		a.Label, a.Auto = "Given name", "given-name"
	case "family_name":
		a.Label, a.Auto = "Family name", "family-name"
	case "nickname":
		a.Label, a.Auto = "Nickname", "nickname"
	case "preferred_username":
		a.Label, a.Auto = "Preferred username", "username"
	case "birthdate":
		a.Label, a.Type, a.Auto = "Birth date", "date", "bday"
	default:
		a.Label = strings.ReplaceAll(strings.TrimPrefix(name, "custom:"), "_", " ")
		a.Auto = "off"
	}
	return a
}

// claimsOf lists verified claims for the signed-in page, sorted by name.
func claimsOf(c *tokens.Claims) []Claim {
	out := make([]Claim, 0, len(c.Raw))
	for name, v := range claimMap(c.Raw) {
		if t, ok := c.Raw[name].(float64); ok && (name == "exp" || name == "iat" || name == "auth_time") {
			v += " (" + time.Unix(int64(t), 0).UTC().Format("2006-01-02 15:04:05 UTC") + ")"
		}
		out = append(out, Claim{Name: name, Value: v})
	}
	sortClaims(out)
	return out
}

// groupSecret writes a TOTP key in groups of four, as apps show and
// accept it.
func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
