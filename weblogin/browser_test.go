package weblogin_test

import (
	"context"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpwebauthn "github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/internal/browsertest"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// The tests in this file drive the screens in a real headless Chromium
// (Debian's chromium package) through the DevTools protocol. Outside CI
// they skip, saying why, when no browser is found; with CI=true they fail.

var writeScreens = flag.Bool("screens", false, "write the browser tests' screenshots to ../docs/screens")

func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.Stop()
	os.Exit(code)
}

// tab opens a tab in a browser context of its own (its own cookies), with
// a deadline for the whole test.
func tab(t *testing.T) context.Context {
	t.Helper()
	return browsertest.Tab(t, 60*time.Second)
}

// page drives one tab.
type page struct {
	t   *testing.T
	ctx context.Context
}

func newPage(t *testing.T) *page { return &page{t: t, ctx: tab(t)} }

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func (p *page) open(u string) {
	p.t.Helper()
	p.do(chromedp.Navigate(u))
}

// fill types into the fields, by id.
func (p *page) fill(fields map[string]string) {
	p.t.Helper()
	for id, v := range fields {
		sel := chromedp.CSS(`[id="` + id + `"]`)
		p.do(chromedp.WaitVisible(sel),
			chromedp.Evaluate[chromedp.Void](`document.getElementById(`+strconv.Quote(id)+`).value = ""`),
			chromedp.SendKeys(sel, v))
	}
}

// submit clicks the main form's button and waits for the page it loads.
func (p *page) submit(form string) {
	p.t.Helper()
	sel := chromedp.CSS(`form[action$="` + form + `"] button[type=submit]`)
	if _, err := chromedp.RunResponse(p.ctx, chromedp.Click(sel)); err != nil {
		p.t.Fatalf("submit %s: %v", form, err)
	}
}

func (p *page) screen() string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`(document.querySelector("main")||{dataset:{}}).dataset.screen||""`))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

func (p *page) text() string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// want checks the screen and the texts the user sees on it.
func (p *page) want(screen string, texts ...string) {
	p.t.Helper()
	if got := p.screen(); got != screen {
		p.t.Fatalf("screen %q, want %q; the page says:\n%s", got, screen, p.text())
	}
	body := p.text()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			p.t.Fatalf("screen %s does not say %q; it says:\n%s", screen, s, body)
		}
	}
}

// shot takes a screenshot of the page, kept in docs/screens with -screens.
func (p *page) shot(name string) {
	p.t.Helper()
	dir := ""
	if *writeScreens {
		dir = filepath.Join("..", "docs", "screens")
	}
	browsertest.Screenshot(p.ctx, p.t, dir, name)
}

// signIn fills the start screen and submits it.
func (p *page) signIn(base, user, pw string) {
	p.t.Helper()
	p.open(base + "/")
	p.want(weblogin.ScreenStart)
	p.fill(map[string]string{"username": user, "password": pw})
	p.submit("/login")
}

// signOut leaves the signed-in page.
func (p *page) signOut() {
	p.t.Helper()
	p.submit("/signout")
	p.want(weblogin.ScreenStart, "You are signed out.")
}

func TestBrowserPassword(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("alice", transport.Attr("email", "alice@example.com"), transport.Attr("name", "Alice Liddell"))
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.open(srv.URL + "/")
	p.want(weblogin.ScreenStart, "Username", "Password", "Forgot your password?")
	p.shot("start")
	// Wrong, then right: the error stays on the screen, tied to the field.
	p.fill(map[string]string{"username": "alice", "password": "not the password"})
	p.submit("/login")
	p.want(weblogin.ScreenStart, "Incorrect username or password.")
	described, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.getElementById("password").getAttribute("aria-describedby")`))
	if err != nil || described != "password-error" {
		t.Fatalf("password field described by %q (%v)", described, err)
	}
	p.shot("start-error")
	p.fill(map[string]string{"password": password})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "cognito:username", "alice", "Alice Liddell", "token_use")
	p.shot("signed-in")
	p.signOut()
	p.open(srv.URL + "/")
	p.want(weblogin.ScreenStart)
}

func TestBrowserTOTP(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOn, totp: true})
	s.user("tina")
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.signIn(srv.URL, "tina", password)
	p.want(weblogin.ScreenTOTPSetup, "Scan this code")
	// The QR code is an image the browser could decode.
	width, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](`document.querySelector("img.qr").naturalWidth`))
	if err != nil || width < 100 {
		t.Fatalf("QR image width %d (%v)", width, err)
	}
	p.shot("totp-setup")
	secret, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.ID("totp-secret")))
	secret = strings.ReplaceAll(secret, " ", "")
	if err != nil || secret == "" {
		t.Fatalf("secret %q (%v)", secret, err)
	}
	p.fill(map[string]string{"code": "000000"})
	p.submit("/login")
	p.want(weblogin.ScreenTOTPSetup, "That code was not accepted.")
	p.fill(map[string]string{"code": s.totp(secret), "friendly_name": "phone"})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "tina")
	p.signOut()

	// The next sign-in asks the app's code.
	s.clock.Advance(30 * time.Second)
	p.signIn(srv.URL, "tina", password)
	p.want(weblogin.ScreenMFACode, "authenticator app")
	p.shot("mfa-code-app")
	p.fill(map[string]string{"code": s.totp(secret)})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "tina")
}

func TestBrowserNewPassword(t *testing.T) {
	s := newSite(t, siteConfig{requireName: true})
	s.user("nina", transport.Attr("email", "nina@example.com"), transport.Attr("name", "placeholder"))
	// A user from before the pool required a name (the fake refuses to
	// create one without it, as Cognito does): its saved state loses the
	// attribute, and it must choose a new password.
	s.dropAttribute("nina", "name")
	if err := s.fake.SetUserStatus(s.pool.ID, "nina", transport.StatusForceChangePassword); err != nil {
		t.Fatal(err)
	}
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.signIn(srv.URL, "nina", password)
	p.want(weblogin.ScreenNewPassword, "New password", "Full name (required)")
	p.shot("new-password")
	p.fill(map[string]string{"new_password": "N3w-Password-Chosen!"})
	p.submit("/login")
	p.want(weblogin.ScreenNewPassword, "Please fill in: name.")
	p.fill(map[string]string{"new_password": "N3w-Password-Chosen!", "attribute.name": "Nina Simone"})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "Nina Simone")
	p.signOut()
	p.signIn(srv.URL, "nina", "N3w-Password-Chosen!")
	p.want(weblogin.ScreenSignedIn, "nina")
}

func TestBrowserEmailMFASetup(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOn, totp: true, mail: true})
	s.user("eve")
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.signIn(srv.URL, "eve", password)
	p.want(weblogin.ScreenMFASetupChoice, "Authenticator app", "E-mail")
	p.shot("mfa-setup-choice")
	p.do(chromedp.Click(chromedp.CSS(`input[value="EMAIL_OTP"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenEmailSetup, "E-mail address")
	p.shot("email-setup")
	p.fill(map[string]string{"email": "eve@example.org"})
	p.submit("/login")
	p.want(weblogin.ScreenMFACode, "e***@e***")
	p.shot("mfa-code-email")
	p.fill(map[string]string{"code": s.code("eve")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "eve@example.org")
}

func TestBrowserMFAChoice(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true, mail: true})
	s.user("max", transport.Attr("email", "max@example.com"), transport.Attr("phone_number", "+15555550188"))
	s.mfa("max", transport.AdminSetUserMFAPreferenceInput{
		SMSMfaSettings: &transport.MFASettings{Enabled: true}, EmailMfaSettings: &transport.MFASettings{Enabled: true}})
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.signIn(srv.URL, "max", password)
	p.want(weblogin.ScreenMFAChoice, "Text message (SMS)", "E-mail")
	p.shot("mfa-choice")
	p.do(chromedp.Click(chromedp.CSS(`input[value="SMS_MFA"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenMFACode, "text message", "+*******0188")
	p.shot("mfa-code-sms")
	p.fill(map[string]string{"code": s.code("max")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "max")
}

func TestBrowserCustomChallenge(t *testing.T) {
	quiz := quizTriggers()
	s := newSite(t, siteConfig{flow: transport.FlowCustom, triggers: &quiz})
	s.user("quinn")
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.signIn(srv.URL, "quinn", password)
	p.want(weblogin.ScreenCustomAnswer, "What is 6 times 7?")
	p.shot("custom-answer")
	p.fill(map[string]string{"answer": "41"})
	p.submit("/login")
	p.want(weblogin.ScreenCustomAnswer)
	p.fill(map[string]string{"answer": "42"})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "quinn")
}

func TestBrowserChoiceBasedSignIn(t *testing.T) {
	s := newSite(t, siteConfig{flow: transport.FlowUserAuth,
		factors: []string{transport.FactorPassword, transport.FactorEmailOTP, transport.FactorSMSOTP}})
	s.user("paula", transport.Attr("email", "paula@example.com"), transport.Attr("phone_number", "+15555550142"))
	srv := s.serve(s.options(nil))
	p := newPage(t)

	start := func() {
		p.open(srv.URL + "/")
		p.want(weblogin.ScreenStart, "Username")
		if n, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#password").length`)); err != nil || n != 0 {
			t.Fatalf("the start screen asks for a password (%d, %v)", n, err)
		}
		p.fill(map[string]string{"username": "paula"})
		p.submit("/login")
		p.want(weblogin.ScreenFirstFactor, "Password", "A code by e-mail", "A code by text message")
	}
	start()
	p.shot("first-factor-choice")
	p.do(chromedp.Click(chromedp.CSS(`input[value="EMAIL_OTP"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenSignInCode, "e-mail", "p***@e***")
	p.fill(map[string]string{"code": "000000"})
	p.submit("/login")
	p.want(weblogin.ScreenSignInCode, "Invalid code")
	p.shot("sign-in-code")
	p.fill(map[string]string{"code": s.code("paula")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "paula@example.com")
	p.signOut()

	start()
	p.do(chromedp.Click(chromedp.CSS(`input[value="SMS_OTP"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenSignInCode, "text message", "+*******0142")
	p.fill(map[string]string{"code": s.code("paula")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "paula")
	p.signOut()

	start()
	p.do(chromedp.Click(chromedp.CSS(`input[value="PASSWORD_SRP"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenPassword)
	p.fill(map[string]string{"password": password})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "paula")
}

// TestBrowserPasskey: a passkey registered from the signed-in page and
// then used to sign in, with Chromium's virtual authenticator (the DevTools
// protocol's WebAuthn domain) standing in for the device.
func TestBrowserPasskey(t *testing.T) {
	// WebAuthn needs a host name for the relying party: localhost, not
	// 127.0.0.1. The fake is told the page's origin before it starts.
	srv := httptest.NewUnstartedServer(nil)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	origin := "http://localhost:" + port
	s := newSite(t, siteConfig{flow: transport.FlowUserAuth, passkeyOrigin: origin,
		factors: []string{transport.FactorPassword, transport.FactorEmailOTP, transport.FactorWebAuthn}})
	s.user("pat", transport.Attr("email", "pat@example.com"))
	h, err := weblogin.New(s.options(nil))
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	p := newPage(t)
	if _, err := chromedp.Call(p.ctx, cdpwebauthn.Enable, cdpwebauthn.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, cdpwebauthn.AddVirtualAuthenticator, cdpwebauthn.AddVirtualAuthenticatorParams{
		Options: &cdpwebauthn.VirtualAuthenticatorOptions{
			Protocol: cdpwebauthn.AuthenticatorProtocolCtap2, Ctap2version: cdpwebauthn.Ctap2versionCtap21,
			Transport: cdpwebauthn.AuthenticatorTransportInternal, HasResidentKey: true, HasUserVerification: true,
			IsUserVerified: true, AutomaticPresenceSimulation: true,
		}}); err != nil {
		t.Fatal(err)
	}

	// First sign-in by e-mail code: no passkey yet, so none is offered.
	p.open(origin + "/")
	p.fill(map[string]string{"username": "pat"})
	p.submit("/login")
	p.want(weblogin.ScreenFirstFactor, "A code by e-mail")
	if strings.Contains(p.text(), "A passkey") {
		t.Fatal("a passkey is offered before one was registered")
	}
	p.do(chromedp.Click(chromedp.CSS(`input[value="EMAIL_OTP"]`)))
	p.submit("/login")
	p.fill(map[string]string{"code": s.code("pat")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "Add a passkey")
	p.do(chromedp.Click(chromedp.CSS(`#passkey-register button`)), chromedp.WaitVisible(chromedp.ID("passkey-status")))
	p.want(weblogin.ScreenSignedIn, "Your passkey is registered.")
	p.shot("signed-in-passkey")
	p.signOut()

	// Then with the passkey.
	p.fill(map[string]string{"username": "pat"})
	p.submit("/login")
	p.want(weblogin.ScreenFirstFactor, "A passkey")
	p.do(chromedp.Click(chromedp.CSS(`input[value="WEB_AUTHN"]`)))
	p.submit("/login")
	p.want(weblogin.ScreenPasskey, "Use my passkey")
	p.shot("passkey")
	p.do(chromedp.Click(chromedp.ID("passkey-button")), chromedp.WaitVisible(chromedp.CSS(`main[data-screen="signed_in"]`)))
	p.want(weblogin.ScreenSignedIn, "pat@example.com")
}

func TestBrowserSignUp(t *testing.T) {
	s := newSite(t, siteConfig{})
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.open(srv.URL + "/")
	p.do(chromedp.Click(chromedp.CSS(`a[href$="/signup"]`)), chromedp.WaitVisible(chromedp.CSS(`main[data-screen="signup"]`)))
	p.want(weblogin.ScreenSignUp, "Create an account", "E-mail address")
	p.fill(map[string]string{"username": "sue", "attribute.email": "sue@example.com", "new_password": "short"})
	p.submit("/signup")
	p.want(weblogin.ScreenSignUp, "Password did not conform with policy")
	p.fill(map[string]string{"new_password": "Sign-Up-Passw0rd!"})
	p.shot("signup")
	p.submit("/signup")
	p.want(weblogin.ScreenSignUpConfirm, "s***@e***")
	p.shot("signup-confirm")
	p.fill(map[string]string{"code": s.code("sue")})
	p.submit("/signup/confirm")
	p.want(weblogin.ScreenStart, "Your account is confirmed.")
	p.fill(map[string]string{"password": "Sign-Up-Passw0rd!"})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "sue@example.com")
}

func TestBrowserForgotPassword(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("fred", transport.Attr("email", "fred@example.com"))
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.open(srv.URL + "/forgot")
	p.want(weblogin.ScreenForgot)
	p.shot("forgot")
	p.fill(map[string]string{"username": "fred"})
	p.submit("/forgot")
	p.want(weblogin.ScreenForgotConfirm, "f***@e***")
	p.fill(map[string]string{"code": "000000", "new_password": "Res3t-Password-Now!"})
	p.submit("/forgot/confirm")
	p.want(weblogin.ScreenForgotConfirm, "Invalid verification code provided")
	p.shot("forgot-confirm")
	p.fill(map[string]string{"code": s.code("fred"), "new_password": "Res3t-Password-Now!"})
	p.submit("/forgot/confirm")
	p.want(weblogin.ScreenStart, "Your password is changed.")
	p.fill(map[string]string{"password": "Res3t-Password-Now!"})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "fred")
}

// TestBrowserTwoInstances: each request goes to the other of two handlers
// that share nothing but the keys, as behind a load balancer.
func TestBrowserTwoInstances(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	var backends []*url.URL
	var served [2]atomic.Int32
	for i := range 2 {
		h, err := weblogin.New(s.options(nil))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost {
				served[i].Add(1)
			}
			h.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		u, _ := url.Parse(srv.URL)
		backends = append(backends, u)
	}
	var next atomic.Int32
	lb := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		// Each step of the login (a POST) goes to the other instance.
		n := next.Load()
		if r.In.Method == http.MethodPost {
			n = next.Add(1)
		}
		r.SetURL(backends[int(n)%2])
		r.Out.Host = r.In.Host // the browser's origin, for the cross-origin check
	}})
	t.Cleanup(lb.Close)
	p := newPage(t)

	p.signIn(lb.URL, "sam", password)
	p.want(weblogin.ScreenMFACode, "+*******0123")
	p.fill(map[string]string{"code": s.code("sam")})
	p.submit("/login")
	p.want(weblogin.ScreenSignedIn, "sam")
	if served[0].Load() == 0 || served[1].Load() == 0 {
		t.Fatalf("POSTs served: %d and %d; want both instances to serve steps", served[0].Load(), served[1].Load())
	}
}

func TestBrowserRefusedCookies(t *testing.T) {
	s := newSite(t, siteConfig{mfa: transport.MFAOptional, sms: true})
	s.user("sam", transport.Attr("phone_number", "+15555550123"))
	s.mfa("sam", transport.AdminSetUserMFAPreferenceInput{SMSMfaSettings: &transport.MFASettings{Enabled: true}})
	srv := s.serve(s.options(nil))
	p := newPage(t)

	t.Run("tampered", func(t *testing.T) {
		p.t = t
		p.signIn(srv.URL, "sam", password)
		p.want(weblogin.ScreenMFACode)
		cookies, err := chromedp.Call(p.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{srv.URL + "/"}})
		if err != nil {
			t.Fatal(err)
		}
		var login *network.Cookie
		for _, c := range cookies.Cookies {
			if c.Name == "gocognito_login" {
				login = c
			}
		}
		if login == nil || !login.HTTPOnly || login.SameSite != network.CookieSameSiteLax {
			t.Fatalf("login cookie %+v", login)
		}
		// Change one character in the middle of the sealed snapshot to
		// another of the base64url alphabet: a character a cookie may not
		// hold (';' or '\') would make the browser drop the cookie, and
		// the test would see an expired login instead of a tampered one.
		v := []byte(login.Value)
		if v[len(v)/2] == 'A' {
			v[len(v)/2] = 'B'
		} else {
			v[len(v)/2] = 'A'
		}
		if _, err := chromedp.Call(p.ctx, network.SetCookie, network.SetCookieParams{
			Name: login.Name, Value: string(v), URL: srv.URL + "/", Path: "/", HTTPOnly: new(true), SameSite: network.CookieSameSiteLax,
		}); err != nil {
			t.Fatal(err)
		}
		p.fill(map[string]string{"code": s.code("sam")})
		p.submit("/login")
		p.want(weblogin.ScreenStart, "Your sign-in could not be continued.")
	})
	t.Run("expired", func(t *testing.T) {
		p.t = t
		p.signIn(srv.URL, "sam", password)
		p.want(weblogin.ScreenMFACode)
		s.clock.Advance(16 * time.Minute)
		p.fill(map[string]string{"code": s.code("sam")})
		p.submit("/login")
		p.want(weblogin.ScreenStart, "Your sign-in took too long and has expired.")
		p.shot("start-expired")
	})
}

func TestBrowserCSRF(t *testing.T) {
	s := newSite(t, siteConfig{})
	s.user("alice")
	srv := s.serve(s.options(nil))
	p := newPage(t)

	p.open(srv.URL + "/")
	p.fill(map[string]string{"username": "alice", "password": password})
	p.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action$="/login"] input[name=csrf]').remove()`))
	resp, err := chromedp.RunResponse(p.ctx, chromedp.Click(chromedp.CSS(`form[action$="/login"] button[type=submit]`)))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusForbidden {
		t.Fatalf("HTTP %d, want 403", resp.Status)
	}
	p.want(weblogin.ScreenError, "This form has expired or did not come from this site.")
	p.shot("error-csrf")
	p.open(srv.URL + "/")
	p.want(weblogin.ScreenStart)
}

// quizTriggers ask one question after the password, in a CUSTOM_AUTH
// login, until it is answered right or three times wrong.
func quizTriggers() fakecognito.Triggers {
	return fakecognito.Triggers{
		DefineAuthChallenge: func(_ context.Context, in fakecognito.DefineAuthChallengeInput) (fakecognito.DefineAuthChallengeOutput, error) {
			h := in.Session
			last := fakecognito.ChallengeResult{}
			if len(h) > 0 {
				last = h[len(h)-1]
			}
			switch {
			case last.ChallengeName == "SRP_A":
				return fakecognito.DefineAuthChallengeOutput{ChallengeName: "PASSWORD_VERIFIER"}, nil
			case last.ChallengeName == "PASSWORD_VERIFIER" && !last.ChallengeResult, len(h) > 5:
				return fakecognito.DefineAuthChallengeOutput{FailAuthentication: true}, nil
			case last.ChallengeName == "CUSTOM_CHALLENGE" && last.ChallengeResult:
				return fakecognito.DefineAuthChallengeOutput{IssueTokens: true}, nil
			}
			return fakecognito.DefineAuthChallengeOutput{ChallengeName: "CUSTOM_CHALLENGE"}, nil
		},
		CreateAuthChallenge: func(_ context.Context, _ fakecognito.CreateAuthChallengeInput) (fakecognito.CreateAuthChallengeOutput, error) {
			return fakecognito.CreateAuthChallengeOutput{
				PublicChallengeParameters:  map[string]string{"question": "What is 6 times 7?"},
				PrivateChallengeParameters: map[string]string{"answer": "42"},
			}, nil
		},
		VerifyAuthChallengeResponse: func(_ context.Context, in fakecognito.VerifyAuthChallengeInput) (fakecognito.VerifyAuthChallengeOutput, error) {
			return fakecognito.VerifyAuthChallengeOutput{AnswerCorrect: in.ChallengeAnswer == in.PrivateChallengeParameters["answer"]}, nil
		},
	}
}
