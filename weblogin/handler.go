package weblogin

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/tokens"
)

// Errors of the package.
var (
	// ErrConfig: Options are missing something New needs.
	ErrConfig = errors.New("weblogin: invalid options")
	// ErrCookieTooLarge: a login or a session does not fit in a cookie of
	// Options.MaxCookieBytes; the user is sent back to the start rather
	// than left with a cookie the browser would drop.
	ErrCookieTooLarge = errors.New("weblogin: cookie too large")
	// ErrCSRF: a form or API call came without this browser's CSRF token.
	ErrCSRF = errors.New("weblogin: missing or wrong CSRF token")
)

// Options configure a Handler. Engine, Verifier and Keys are required.
type Options struct {
	// Engine is the app client to log into and the transport that reaches
	// Cognito (awssdk.New(cfg), or a *fakecognito.Fake).
	Engine engine.Config
	// Flow is the AuthFlow of the logins the handler starts (see
	// engine.Credentials.Flow); "" means USER_SRP_AUTH.
	Flow string
	// Account, when set, serves sign-up with its confirmation code and the
	// forgotten-password screens, and revokes the refresh token at
	// sign-out. Without it those screens are not offered.
	Account *account.Client
	// Verifier checks the ID token on every request of a signed-in user;
	// the signed-in page shows its verified claims.
	Verifier *tokens.Verifier
	// Keys seal the cookies (16, 24 or 32 random bytes each): the first
	// seals, any opens, so that a key can be rotated without signing
	// anyone out. Instances that share the keys can serve the steps of
	// one login, with no session store.
	Keys [][]byte

	// Path is where the handler is mounted ("/auth/"); "" means "/". Form
	// actions, links and the cookies' Path are under it. Mount the handler
	// at that path without stripping it: mux.Handle("/auth/", h).
	Path string
	// CookiePrefix names the cookies (prefix_login, prefix_session,
	// prefix_csrf); "" means "gocognito".
	CookiePrefix string
	// Secure marks the cookies Secure even when the request did not come
	// over TLS, for a handler behind a proxy that terminates TLS.
	Secure bool
	// MaxCookieBytes bounds each cookie's name and value; 0 means 4000,
	// under the 4096 bytes every browser keeps.
	MaxCookieBytes int
	// SignUpAttributes are the attributes the sign-up form asks for
	// besides the username and password; nil means "email".
	SignUpAttributes []string
	// Templates, when set, replace the default screens one by one: a file
	// "mfa_code.html" in it replaces that screen, "layout.html" the page
	// around every screen (see Page and the embedded defaults in
	// templates/).
	Templates fs.FS
	// AppName is shown in the page title and heading; "" means "Sign in".
	AppName string
	// Finish, when set, takes over once a login ends with tokens: the
	// handler clears the login cookie and calls Finish, once, instead of
	// keeping the tokens in its session cookie and showing the signed-in
	// page; Finish writes the answer (a redirect, or JSON for the API). It
	// lets a server that hands out its own credentials after sign-in (an
	// OAuth authorization server's code) use these screens. The tokens are
	// not verified first: Finish must trust where they came from.
	Finish func(w http.ResponseWriter, r *http.Request, res *engine.Result)
	// FormActions are the origins ("https://app.example.com") and schemes
	// ("myapp:") where a posted form may end up through redirects besides
	// the handler's own origin: where Finish sends the browser, such as an
	// OAuth client's callback. Browsers check every redirect after a form
	// is posted against the page's Content-Security-Policy form-action, so
	// without them the redirect to another origin is blocked.
	FormActions []string

	// Rand makes CSRF secrets; nil means crypto/rand.
	Rand io.Reader
	// Now is the clock of cookie lifetimes; nil means Engine.Now, else
	// time.Now.
	Now func() time.Time
	// Logger receives what goes wrong behind the user's back (a failed
	// revocation, an error shown as "something went wrong"); nil means
	// slog.Default(). Secrets never reach it.
	Logger *slog.Logger
}

// Handler is the login as web pages: an http.Handler that serves one
// screen for each states.Need of an engine login, sign-up, forgotten
// password and a signed-in page, and the same login as a small JSON API.
// Between requests the login lives only in a sealed cookie, so that any
// instance holding the same Keys can serve the next step.
type Handler struct {
	opts    Options
	base    string
	csp     string // the Content-Security-Policy of every answer
	keys    *keyring
	screens *screens
	mux     http.Handler
}

// New checks the options and builds a Handler.
func New(opts Options) (*Handler, error) {
	if opts.Engine.Transport == nil {
		return nil, fmt.Errorf("%w: Options.Engine.Transport is nil", ErrConfig)
	}
	if opts.Verifier == nil {
		return nil, fmt.Errorf("%w: Options.Verifier is nil: the signed-in page shows verified claims only", ErrConfig)
	}
	keys, err := newKeyring(opts.Keys)
	if err != nil {
		return nil, err
	}
	base := opts.Path
	if base == "" {
		base = "/"
	}
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") || strings.ContainsAny(base, "{}? #") {
		return nil, fmt.Errorf("%w: Options.Path %q must start and end with /", ErrConfig, opts.Path)
	}
	if opts.CookiePrefix == "" {
		opts.CookiePrefix = "gocognito"
	}
	if opts.MaxCookieBytes == 0 {
		opts.MaxCookieBytes = 4000
	}
	if opts.SignUpAttributes == nil {
		opts.SignUpAttributes = []string{"email"}
	}
	if opts.AppName == "" {
		opts.AppName = "Sign in"
	}
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.Now == nil {
		opts.Now = opts.Engine.Now
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	sc, err := loadScreens(opts.Templates)
	if err != nil {
		return nil, err
	}
	csp, err := contentSecurityPolicy(opts.FormActions)
	if err != nil {
		return nil, err
	}
	h := &Handler{opts: opts, base: base, csp: csp, keys: keys, screens: sc}
	h.mux = h.routes()
	return h, nil
}

func (h *Handler) now() time.Time { return h.opts.Now() }

// ServeHTTP serves the screens, the JSON API and the static files under
// Options.Path.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	h.mux.ServeHTTP(w, r)
}

// contentSecurityPolicy is the policy of every page: nothing from
// elsewhere, and forms that lead only to this origin or to formActions.
func contentSecurityPolicy(formActions []string) (string, error) {
	sources := []string{"'self'"}
	for _, a := range formActions {
		if !cspSource(a) {
			return "", fmt.Errorf("%w: Options.FormActions: %q is not an origin (https://host[:port]) or a scheme (myapp:)", ErrConfig, a)
		}
		sources = append(sources, a)
	}
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action " +
		strings.Join(sources, " ") + "; frame-ancestors 'none'; base-uri 'none'", nil
}

// cspSource reports whether s is a scheme ("myapp:") or an origin
// ("http://127.0.0.1:8080"), with nothing that could end the directive.
func cspSource(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || strings.ContainsAny(s, "; ,'\"\\\t\r\n*") {
		return false
	}
	if s == u.Scheme+":" {
		return true
	}
	return u.Host != "" && s == u.Scheme+"://"+u.Host
}

func (h *Handler) routes() http.Handler {
	mux := http.NewServeMux()
	b := h.base
	mux.HandleFunc("GET "+b+"{$}", h.home)
	mux.HandleFunc("POST "+b+"login", h.postLogin)
	mux.HandleFunc("POST "+b+"restart", h.restart)
	mux.HandleFunc("POST "+b+"signout", h.signOut)
	mux.HandleFunc("GET "+b+"signup", h.signUpForm)
	mux.HandleFunc("POST "+b+"signup", h.signUp)
	mux.HandleFunc("GET "+b+"signup/confirm", h.confirmForm)
	mux.HandleFunc("POST "+b+"signup/confirm", h.confirmSignUp)
	mux.HandleFunc("POST "+b+"signup/resend", h.resendCode)
	mux.HandleFunc("GET "+b+"forgot", h.forgotForm)
	mux.HandleFunc("POST "+b+"forgot", h.forgot)
	mux.HandleFunc("POST "+b+"forgot/confirm", h.confirmForgot)
	mux.HandleFunc("GET "+b+"api/login", h.apiState)
	mux.HandleFunc("POST "+b+"api/login", h.apiLogin)
	mux.HandleFunc("POST "+b+"api/signout", h.apiSignOut)
	mux.HandleFunc("POST "+b+"passkey/options", h.passkeyOptions)
	mux.HandleFunc("POST "+b+"passkey/register", h.passkeyRegister)
	mux.Handle("GET "+b+"static/", http.StripPrefix(b+"static/", http.FileServerFS(staticFS)))
	// Every POST must carry the CSRF token; cross-origin requests are
	// refused before that by the browser's own Sec-Fetch-Site and Origin.
	return http.NewCrossOriginProtection().Handler(h.requireCSRF(mux))
}

// requireCSRF refuses every POST without this browser's CSRF token, before
// any handler reads the form.
func (h *Handler) requireCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
			if !h.checkCSRF(r) {
				h.opts.Logger.InfoContext(r.Context(), "weblogin: refused a POST without its CSRF token", "path", r.URL.Path)
				if strings.HasPrefix(r.URL.Path, h.base+"api/") || strings.HasPrefix(r.URL.Path, h.base+"passkey/") {
					writeJSON(w, http.StatusForbidden, apiReply{Error: &apiError{Message: msgCSRF, Code: "CSRF", Restart: true}})
					return
				}
				h.render(w, r, http.StatusForbidden, &Page{Screen: ScreenError, Error: msgCSRF})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
