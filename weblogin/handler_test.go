package weblogin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// browserless is a plain HTTP client with a cookie jar that fills in the
// forms of the pages it gets, for the tests that need no JavaScript.
type browserless struct {
	t    *testing.T
	base string
	c    *http.Client
	page string // the last page's body
	code int
}

func newBrowserless(t *testing.T, base string) *browserless {
	jar, _ := cookiejar.New(nil)
	return &browserless{t: t, base: base, c: &http.Client{Jar: jar}}
}

func (b *browserless) do(req *http.Request) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.page, b.code = string(body), res.StatusCode
}

func (b *browserless) get(path string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	b.do(req)
}

var (
	csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	kindRe = regexp.MustCompile(`name="kind" value="([^"]+)"`)
)

// post submits fields to path with the page's CSRF token and kind.
func (b *browserless) post(path string, fields url.Values) {
	b.t.Helper()
	if m := csrfRe.FindStringSubmatch(b.page); m != nil && !fields.Has("csrf") {
		fields.Set("csrf", html.UnescapeString(m[1]))
	}
	if m := kindRe.FindStringSubmatch(b.page); m != nil && !fields.Has("kind") {
		fields.Set("kind", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b.do(req)
}

// screen is the data-screen of the last page.
func (b *browserless) screen() string {
	m := regexp.MustCompile(`data-screen="([^"]*)"`).FindStringSubmatch(b.page)
	if m == nil {
		return ""
	}
	return m[1]
}

func (b *browserless) want(screen string, texts ...string) {
	b.t.Helper()
	if got := b.screen(); got != screen {
		b.t.Fatalf("screen %q (HTTP %d), want %q:\n%s", got, b.code, screen, b.page)
	}
	for _, s := range texts {
		if !strings.Contains(html.UnescapeString(b.page), s) {
			b.t.Fatalf("screen %s lacks %q:\n%s", screen, s, b.page)
		}
	}
}

func (b *browserless) signIn(user string) {
	b.t.Helper()
	b.get("/")
	b.want(weblogin.ScreenStart)
	b.post("/login", url.Values{"username": {user}, "password": {password}})
}

func TestSignInOverHTTP(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("alice", transport.Attr("email", "alice@example.com"))
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	srv := s.serve(s.options(nil))

	t.Run("password", func(t *testing.T) {
		b := newBrowserless(t, srv.URL)
		b.signIn("alice")
		b.want(weblogin.ScreenSignedIn, "cognito:username", "alice@example.com")
		u, _ := url.Parse(srv.URL)
		var session *http.Cookie
		for _, c := range b.c.Jar.Cookies(u) {
			if c.Name == "gocognito_session" {
				session = c
			}
		}
		if session == nil || len(session.Name)+len(session.Value) > 4000 {
			t.Fatalf("session cookie %v", session)
		}
		t.Logf("session cookie: %d bytes", len(session.Value))
		b.post("/signout", url.Values{})
		b.want(weblogin.ScreenStart, "You are signed out.")
		b.get("/")
		b.want(weblogin.ScreenStart)
	})
	t.Run("wrong password stays on the screen", func(t *testing.T) {
		b := newBrowserless(t, srv.URL)
		b.get("/")
		b.post("/login", url.Values{"username": {"alice"}, "password": {"wrong"}})
		b.want(weblogin.ScreenStart, "Incorrect username or password.", `aria-describedby="password-error"`)
	})
	t.Run("SMS code, wrong then right", func(t *testing.T) {
		b := newBrowserless(t, srv.URL)
		b.signIn("sam")
		b.want(weblogin.ScreenMFACode, "+*******0123", `autocomplete="one-time-code"`)
		b.post("/login", url.Values{"code": {"000000"}})
		b.want(weblogin.ScreenMFACode, "Invalid code received for user")
		b.post("/login", url.Values{"code": {s.code("sam")}})
		b.want(weblogin.ScreenSignedIn, "sam")
	})
	t.Run("form of an earlier step", func(t *testing.T) {
		b := newBrowserless(t, srv.URL)
		b.signIn("sam")
		b.post("/login", url.Values{"kind": {"new_password"}, "new_password": {"x"}})
		b.want(weblogin.ScreenMFACode, "That page was out of date.")
	})
}

func TestCookies(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})

	start := func(t *testing.T, h http.Handler, tls bool) *httptest.ResponseRecorder {
		t.Helper()
		get := httptest.NewRequest(http.MethodGet, "/", nil)
		if tls {
			get = httptest.NewRequest(http.MethodGet, "https://example.com/", nil)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, get)
		token := csrfRe.FindStringSubmatch(rec.Body.String())[1]
		form := url.Values{"csrf": {token}, "kind": {"start"}, "username": {"sam"}, "password": {password}}
		post := httptest.NewRequest(http.MethodPost, get.URL.String()+"login", strings.NewReader(form.Encode()))
		post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for _, c := range rec.Result().Cookies() {
			post.AddCookie(c)
		}
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, post)
		return rec
	}
	find := func(t *testing.T, rec *httptest.ResponseRecorder, name string) *http.Cookie {
		t.Helper()
		for _, c := range rec.Result().Cookies() {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("no cookie %s in %v", name, rec.Result().Header["Set-Cookie"])
		return nil
	}
	newHandler := func(t *testing.T, mut func(*weblogin.Options)) http.Handler {
		opts := s.options(nil)
		if mut != nil {
			mut(&opts)
		}
		h, err := weblogin.New(opts)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}

	tests := []struct {
		name       string
		tls        bool
		mut        func(*weblogin.Options)
		wantSecure bool
		wantPath   string
	}{
		{"plain HTTP", false, nil, false, "/"},
		{"over TLS", true, nil, true, "/"},
		{"Secure behind a proxy", false, func(o *weblogin.Options) { o.Secure = true }, true, "/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := start(t, newHandler(t, tc.mut), tc.tls)
			if !strings.Contains(rec.Body.String(), `data-screen="mfa_code"`) {
				t.Fatalf("not at the code screen:\n%s", rec.Body.String())
			}
			c := find(t, rec, "gocognito_login")
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != tc.wantSecure || c.Path != tc.wantPath {
				t.Fatalf("cookie %s: HttpOnly %t SameSite %v Secure %t Path %q", c.Name, c.HttpOnly, c.SameSite, c.Secure, c.Path)
			}
			if c.MaxAge <= 0 || c.MaxAge > 15*60 {
				t.Fatalf("Max-Age %d, want the session's life", c.MaxAge)
			}
			if len(c.Value) > 4000 {
				t.Fatalf("cookie of %d bytes", len(c.Value))
			}
			t.Logf("login cookie at the MFA code: %d bytes", len(c.Value))
			if strings.Contains(c.Value, "sam") || strings.Contains(c.Value, "SMS_MFA") {
				t.Fatal("the cookie shows the login in clear")
			}
		})
	}

	t.Run("too large for the bound", func(t *testing.T) {
		rec := start(t, newHandler(t, func(o *weblogin.Options) { o.MaxCookieBytes = 300 }), false)
		body := rec.Body.String()
		if !strings.Contains(body, `data-screen="start"`) || !strings.Contains(body, "could not be kept in this browser") {
			t.Fatalf("want the start with the reason:\n%s", body)
		}
	})
}

// TestKeyRotation: a login sealed with the old key goes on with a handler
// that seals with a new key and still opens with the old, and not with
// one that dropped the old key.
func TestKeyRotation(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	old := s.keys[0]
	fresh := bytes.Repeat([]byte{7}, 32)

	tests := []struct {
		name   string
		keys   [][]byte
		screen string
	}{
		{"new key first, old kept", [][]byte{fresh, old}, weblogin.ScreenSignedIn},
		{"old key dropped", [][]byte{fresh}, weblogin.ScreenStart},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := s.serve(s.options(nil))
			b := newBrowserless(t, before.URL)
			b.signIn("sam")
			b.want(weblogin.ScreenMFACode)
			after := s.serve(s.options(tc.keys))
			// The same browser: cookies are per host, not per port.
			b.base = after.URL
			b.get("/")
			if tc.screen == weblogin.ScreenStart {
				b.want(weblogin.ScreenStart, "Your sign-in could not be continued.")
				return
			}
			b.want(weblogin.ScreenMFACode)
			b.post("/login", url.Values{"code": {s.code("sam")}})
			b.want(tc.screen)
		})
	}
}

func TestCSRF(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("alice")
	srv := s.serve(s.options(nil))
	tests := []struct {
		name  string
		token string
	}{
		{"no token", ""},
		{"forged token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBrowserless(t, srv.URL)
			b.get("/")
			b.post("/login", url.Values{"csrf": {tc.token}, "username": {"alice"}, "password": {password}})
			if b.code != http.StatusForbidden {
				t.Fatalf("HTTP %d, want 403", b.code)
			}
			b.want(weblogin.ScreenError, "This form has expired")
			b.get("/")
			b.want(weblogin.ScreenStart)
		})
	}
}

func TestJSONAPI(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	srv := s.serve(s.options(nil))
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	var csrf string
	call := func(method, body string, wantStatus int) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+"/api/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", csrf)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != wantStatus {
			t.Fatalf("%s %s: HTTP %d, want %d: %v", method, body, res.StatusCode, wantStatus, out)
		}
		return out
	}
	state := call(http.MethodGet, "", http.StatusOK)
	csrf, _ = state["csrf"].(string)
	if csrf == "" || state["need"] != nil || state["signedIn"] != false {
		t.Fatalf("state %v", state)
	}
	out := call(http.MethodPost, `{"username":"sam","password":"`+password+`"}`, http.StatusOK)
	need, _ := out["need"].(map[string]any)
	if need["kind"] != "mfa_code" || need["destination"] != "+*******0123" {
		t.Fatalf("need %v", out)
	}
	out = call(http.MethodPost, `{"answer":{"kind":"mfa_code","code":"000000"}}`, http.StatusUnprocessableEntity)
	if e, _ := out["error"].(map[string]any); e["code"] != "CodeMismatchException" || e["restart"] != false {
		t.Fatalf("reply %v", out)
	}
	out = call(http.MethodPost, `{"answer":{"kind":"mfa_code","code":"`+s.code("sam")+`"}}`, http.StatusOK)
	claims, _ := out["claims"].(map[string]any)
	if out["signedIn"] != true || claims["cognito:username"] != "sam" {
		t.Fatalf("reply %v", out)
	}
	if state := call(http.MethodGet, "", http.StatusOK); state["signedIn"] != true {
		t.Fatalf("state after sign-in %v", state)
	}
	// Without the header the API refuses.
	csrf = ""
	call(http.MethodPost, `{"answer":{"kind":"mfa_code","code":"1"}}`, http.StatusForbidden)
}

func TestTemplateOverride(t *testing.T) {
	s := newSite(t, siteConfig{})
	opts := s.options(nil)
	opts.Templates = fstest.MapFS{
		"start.html": {Data: []byte(`{{define "title"}}Welcome back{{end}}{{define "content"}}<form method="post" action="{{.Base}}login"><input type="hidden" name="csrf" value="{{.CSRF}}"></form>{{end}}`)},
	}
	srv := s.serve(opts)
	b := newBrowserless(t, srv.URL)
	b.get("/")
	b.want(weblogin.ScreenStart, "Welcome back")

	opts.Templates = fstest.MapFS{"mfa_code.html": {Data: []byte(`{{define "content"}}{{.Nope}}`)}}
	if _, err := weblogin.New(opts); err == nil {
		t.Fatal("a broken template was accepted")
	}
}

// TestStartErrorsWithTheirScreen: an unconfirmed user is sent to the
// confirmation screen, a user whose reset an administrator asked to the
// reset screen.
func TestStartErrorsWithTheirScreen(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("rita", transport.Attr("email", "rita@example.com"))
	if _, err := s.fake.AdminResetUserPassword(context.Background(), &transport.AdminUserMetadataInput{UserPoolID: s.pool.ID, Username: "rita"}); err != nil {
		t.Fatal(err)
	}
	srv := s.serve(s.options(nil))
	acct := s.options(nil).Account
	if _, err := acct.SignUp(context.Background(), account.Registration{Username: "uma", Password: password,
		Attributes: map[string]string{"email": "uma@example.com"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		user, screen, notice string
	}{
		{"uma", weblogin.ScreenSignUpConfirm, "Your account is not confirmed yet."},
		{"rita", weblogin.ScreenForgot, "Your password must be reset."},
	}
	for _, tc := range tests {
		t.Run(tc.user, func(t *testing.T) {
			b := newBrowserless(t, srv.URL)
			b.signIn(tc.user)
			b.want(tc.screen, tc.notice)
		})
	}
}

// TestPasskeyEndpointsRefuse: registering a passkey needs a signed-in user
// and the CSRF token.
func TestPasskeyEndpointsRefuse(t *testing.T) {
	s := newSite(t, siteConfig{})
	srv := s.serve(s.options(nil))
	b := newBrowserless(t, srv.URL)
	b.get("/")
	token := html.UnescapeString(csrfRe.FindStringSubmatch(b.page)[1])
	tests := []struct {
		name, path, token string
		want              int
	}{
		{"options, not signed in", "/passkey/options", token, http.StatusUnauthorized},
		{"register, not signed in", "/passkey/register", token, http.StatusUnauthorized},
		{"options without the token", "/passkey/options", "", http.StatusForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+tc.path, strings.NewReader(`{"credential":{}}`))
			req.Header.Set("X-CSRF-Token", tc.token)
			b.do(req)
			if b.code != tc.want {
				t.Fatalf("HTTP %d, want %d: %s", b.code, tc.want, b.page)
			}
		})
	}
}

// TestJSONAPIChoiceBased: a single-page app signs in by e-mail code
// through the API, starting with the username alone.
func TestJSONAPIChoiceBased(t *testing.T) {
	s := newSite(t, siteConfig{flow: transport.FlowUserAuth, factors: []string{transport.FactorPassword, transport.FactorEmailOTP}})
	s.user("paula", transport.Attr("email", "paula@example.com"))
	srv := s.serve(s.options(nil))
	b := newBrowserless(t, srv.URL)
	b.get("/api/login")
	var state struct{ CSRF string }
	if err := json.Unmarshal([]byte(b.page), &state); err != nil {
		t.Fatal(err)
	}
	post := func(body string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/login", strings.NewReader(body))
		req.Header.Set("X-CSRF-Token", state.CSRF)
		b.do(req)
		var out map[string]any
		if err := json.Unmarshal([]byte(b.page), &out); err != nil || b.code != http.StatusOK {
			t.Fatalf("HTTP %d %s (%v)", b.code, b.page, err)
		}
		return out
	}
	out := post(`{"username":"paula"}`)
	if need, _ := out["need"].(map[string]any); need["kind"] != "first_factor_choice" {
		t.Fatalf("reply %v", out)
	}
	out = post(`{"answer":{"kind":"first_factor","choice":"EMAIL_OTP"}}`)
	if need, _ := out["need"].(map[string]any); need["kind"] != "sign_in_code" || need["destination"] != "p***@e***" {
		t.Fatalf("reply %v", out)
	}
	out = post(`{"answer":{"kind":"sign_in_code","code":"` + s.code("paula") + `"}}`)
	if out["signedIn"] != true || out["username"] != "paula" {
		t.Fatalf("reply %v", out)
	}
}

// revokeRecorder is the fake, recording what RevokeToken answered.
type revokeRecorder struct {
	*fakecognito.Fake
	calls []error
}

func (r *revokeRecorder) RevokeToken(ctx context.Context, in *transport.RevokeTokenInput) (*transport.Empty, error) {
	out, err := r.Fake.RevokeToken(ctx, in)
	r.calls = append(r.calls, err)
	return out, err
}

// TestSignOutRevokes: sign-out revokes the refresh token the session
// cookie kept, and Cognito accepts it.
func TestSignOutRevokes(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("alice")
	rec := &revokeRecorder{Fake: s.fake}
	opts := s.options(nil)
	opts.Account.Transport = rec
	srv := s.serve(opts)
	b := newBrowserless(t, srv.URL)
	b.signIn("alice")
	b.want(weblogin.ScreenSignedIn)
	b.post("/signout", url.Values{})
	b.want(weblogin.ScreenStart, "You are signed out.")
	if len(rec.calls) != 1 || rec.calls[0] != nil {
		t.Fatalf("RevokeToken calls: %v", rec.calls)
	}
}

// TestSessionEnds: a session cookie that was changed, or whose ID token
// expired, signs the user out and says so.
func TestSessionEnds(t *testing.T) {
	tests := []struct {
		name string
		end  func(s *site, b *browserless, u *url.URL)
	}{
		{"tampered", func(_ *site, b *browserless, u *url.URL) {
			for _, c := range b.c.Jar.Cookies(u) {
				if c.Name == "gocognito_session" {
					v := []byte(c.Value)
					v[len(v)/2] ^= 1
					c.Value, c.Path = string(v), "/"
					b.c.Jar.SetCookies(u, []*http.Cookie{c})
				}
			}
		}},
		{"expired", func(s *site, _ *browserless, _ *url.URL) { s.clock.Advance(2 * time.Hour) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, siteConfig{})
			s.user("alice")
			srv := s.serve(s.options(nil))
			b := newBrowserless(t, srv.URL)
			b.signIn("alice")
			b.want(weblogin.ScreenSignedIn)
			u, _ := url.Parse(srv.URL)
			tc.end(s, b, u)
			b.get("/")
			b.want(weblogin.ScreenStart, "You have been signed out.")
		})
	}
}

// TestSignUpSignsInWithChoice: in choice-based sign-in the confirmation
// code is the first factor: confirming signs the new user in.
func TestSignUpSignsInWithChoice(t *testing.T) {
	tests := []struct {
		name   string
		flow   string
		screen string
	}{
		{"USER_AUTH", transport.FlowUserAuth, weblogin.ScreenSignedIn},
		{"USER_SRP_AUTH", "", weblogin.ScreenStart},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, siteConfig{flow: tc.flow, factors: []string{transport.FactorPassword, transport.FactorEmailOTP}})
			srv := s.serve(s.options(nil))
			b := newBrowserless(t, srv.URL)
			b.get("/signup")
			b.post("/signup", url.Values{"username": {"dora"}, "attribute.email": {"dora@example.com"}, "new_password": {password}})
			b.want(weblogin.ScreenSignUpConfirm, "d***@e***")
			// The client follows the redirect to the signed-in page.
			b.post("/signup/confirm", url.Values{"username": {"dora"}, "code": {s.code("dora")}})
			if tc.screen == weblogin.ScreenSignedIn {
				b.want(weblogin.ScreenSignedIn, "dora@example.com")
				return
			}
			b.want(weblogin.ScreenStart, "Your account is confirmed.")
		})
	}
}

func TestFinishTakesOver(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("alice", transport.Attr("email", "alice@example.com"))
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	var calls []string
	opts := s.options(nil)
	opts.Finish = func(w http.ResponseWriter, r *http.Request, res *engine.Result) {
		calls = append(calls, res.Username)
		if res.Tokens == nil || res.Tokens.AccessToken == "" {
			t.Errorf("Finish got no tokens: %v", res)
		}
		http.Redirect(w, r, "https://app.example.com/cb?code=x", http.StatusFound)
	}
	srv := s.serve(opts)
	tests := []struct {
		name string
		run  func(b *browserless)
	}{
		{"password", func(b *browserless) { b.signIn("alice") }},
		{"after an SMS code", func(b *browserless) {
			b.signIn("sam")
			b.want(weblogin.ScreenMFACode)
			b.post("/login", url.Values{"code": {s.code("sam")}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls = nil
			b := newBrowserless(t, srv.URL)
			b.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			tt.run(b)
			if b.code != http.StatusFound || len(calls) != 1 {
				t.Fatalf("HTTP %d, Finish called %d times, want a redirect and one call:\n%s", b.code, len(calls), b.page)
			}
			u, _ := url.Parse(srv.URL)
			for _, c := range b.c.Jar.Cookies(u) {
				if c.Name == "gocognito_session" || c.Name == "gocognito_login" {
					t.Errorf("cookie %s kept after Finish", c.Name)
				}
			}
			// Nobody is signed in through the handler itself.
			b.get("/")
			b.want(weblogin.ScreenStart)
		})
	}
}
