package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/pquerna/otp/totp"
	"golang.org/x/oauth2"

	"github.com/gocognito/gocognito/internal/browsertest"
	"github.com/gocognito/gocognito/weblogin"
)

// The tests in this file sign a user in to a web application through
// `gocognito serve`'s managed login in a real headless Chromium (Debian's
// chromium package), driven through the DevTools protocol. The application
// is written as any Go web application using Cognito is: golang.org/x/oauth2
// for the authorization code flow with PKCE, github.com/coreos/go-oidc/v3
// for discovery and ID token verification. Neither knows it talks to a
// fake. Outside CI they skip, saying why, when no browser is found; with
// CI=true they fail.

var writeOIDCScreens = flag.Bool("screens", false, "write the OAuth browser tests' screenshots to ../../docs/screens")

const (
	oidcPassword   = "Corr3ct-Horse"
	oidcTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	oidcClientID   = "browserapp"
	oidcSecret     = "browserappsecret"
)

// oidcSeed is a pool with a domain, optional TOTP MFA, a code-flow client
// whose callback is the application's, and two users: one with an enrolled
// authenticator app, one who must choose a new password.
func oidcSeed(callback, signedOut string) string {
	return fmt.Sprintf(`{"Pools": [{
  "PoolName": "shop",
  "Domain": "shop-login",
  "MfaConfiguration": "OPTIONAL",
  "MfaConfig": {"SoftwareTokenMfaConfiguration": {"Enabled": true}},
  "Clients": [{
    "ClientName": "shopfront", "ClientId": %q, "ClientSecret": %q, "GenerateSecret": true,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email", "profile"],
    "CallbackURLs": [%q], "LogoutURLs": [%q], "SupportedIdentityProviders": ["COGNITO"]
  }],
  "Users": [
    {"Username": "tess", "Password": %q,
     "Attributes": {"email": "tess@example.com", "email_verified": "true", "name": "Tess Durbeyfield"},
     "MFA": {"TOTPSecret": %q, "Preferred": "SOFTWARE_TOKEN_MFA"}},
    {"Username": "newton", "Password": "Temp0rary-Pass", "Temporary": true,
     "Attributes": {"email": "newton@example.com", "email_verified": "true"}}
  ]
}]}`, oidcClientID, oidcSecret, callback, signedOut, oidcPassword, oidcTOTPSecret)
}

// signedIn is what the application learnt from one sign-in.
type signedIn struct {
	claims   map[string]any // the verified ID token's
	userInfo *oidc.UserInfo
	err      error
}

// relyingParty is the web application: /start sends the browser to the
// pool's authorization endpoint with state, nonce and a PKCE challenge;
// /callback checks the state, exchanges the code with the verifier,
// verifies the ID token (signature, issuer, audience, expiry), its nonce
// and at_hash, and asks userinfo.
type relyingParty struct {
	srv      *httptest.Server
	url      string // srv's, known before it starts
	oauth    oauth2.Config
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier

	mu      sync.Mutex
	pending map[string][2]string // state -> PKCE verifier, nonce
	results chan signedIn
}

func (rp *relyingParty) start(w http.ResponseWriter, r *http.Request) {
	state, nonce, pkce := rand.Text(), rand.Text(), oauth2.GenerateVerifier()
	rp.mu.Lock()
	rp.pending[state] = [2]string{pkce, nonce}
	rp.mu.Unlock()
	http.Redirect(w, r, rp.oauth.AuthCodeURL(state, oauth2.S256ChallengeOption(pkce), oidc.Nonce(nonce)), http.StatusFound)
}

func (rp *relyingParty) callback(w http.ResponseWriter, r *http.Request) {
	res := rp.finish(r)
	rp.results <- res
	if res.err != nil {
		http.Error(w, "sign-in failed: "+res.err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, `<!doctype html><title>Shop</title><main data-screen="app"><h1>Welcome, %s</h1><p>Signed in as %s.</p></main>`,
		html.EscapeString(fmt.Sprint(res.claims["name"])), html.EscapeString(res.userInfo.Email))
}

func (rp *relyingParty) finish(r *http.Request) signedIn {
	ctx := r.Context()
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return signedIn{err: fmt.Errorf("authorization error %s", e)}
	}
	rp.mu.Lock()
	p, ok := rp.pending[q.Get("state")]
	delete(rp.pending, q.Get("state"))
	rp.mu.Unlock()
	if !ok {
		return signedIn{err: errors.New("unknown state")}
	}
	tok, err := rp.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(p[0]))
	if err != nil {
		return signedIn{err: fmt.Errorf("exchange: %w", err)}
	}
	raw, _ := tok.Extra("id_token").(string)
	id, err := rp.verifier.Verify(ctx, raw)
	if err != nil {
		return signedIn{err: fmt.Errorf("ID token: %w", err)}
	}
	if id.Nonce != p[1] {
		return signedIn{err: fmt.Errorf("nonce %q, want the one sent", id.Nonce)}
	}
	if err := id.VerifyAccessToken(tok.AccessToken); err != nil {
		return signedIn{err: fmt.Errorf("at_hash: %w", err)}
	}
	var claims map[string]any
	if err := id.Claims(&claims); err != nil {
		return signedIn{err: err}
	}
	info, err := rp.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return signedIn{err: fmt.Errorf("userinfo: %w", err)}
	}
	return signedIn{claims: claims, userInfo: info}
}

// oidcSite is `gocognito serve` with oidcSeed and the application, started.
type oidcSite struct {
	rp     *relyingParty
	server *servedInProcess
	poolID string
}

func newOIDCSite(t *testing.T) *oidcSite {
	t.Helper()
	rp := &relyingParty{pending: map[string][2]string{}, results: make(chan signedIn, 4)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /start", rp.start)
	mux.HandleFunc("GET /callback", rp.callback)
	mux.HandleFunc("GET /signed-out", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>Shop</title><main data-screen="app-signed-out"><p>You are signed out.</p></main>`)
	})
	// Unstarted: its address is known for the seed's callback URL, and the
	// handlers run only once the client below is configured.
	rp.srv = httptest.NewUnstartedServer(mux)
	t.Cleanup(rp.srv.Close)
	rp.url = "http://" + rp.srv.Listener.Addr().String()
	callback := rp.url + "/callback"

	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(oidcSeed(callback, rp.url+"/signed-out")), 0o600); err != nil {
		t.Fatal(err)
	}
	server := serveInProcess(t, "--seed", seed)
	pools, _ := server.ids(t)
	poolID := pools["shop"]

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	provider, err := oidc.NewProvider(ctx, server.url+"/"+poolID)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	rp.provider = provider
	rp.verifier = provider.Verifier(&oidc.Config{ClientID: oidcClientID})
	rp.oauth = oauth2.Config{
		ClientID: oidcClientID, ClientSecret: oidcSecret, Endpoint: provider.Endpoint(),
		RedirectURL: callback, Scopes: []string{oidc.ScopeOpenID, "email", "profile"},
	}
	rp.srv.Start()
	return &oidcSite{rp: rp, server: server, poolID: poolID}
}

// result waits for the application's verdict on the last callback.
func (s *oidcSite) result(t *testing.T) signedIn {
	t.Helper()
	select {
	case r := <-s.rp.results:
		if r.err != nil {
			t.Fatalf("the application refused the sign-in: %v", r.err)
		}
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("the browser never came back to the application's callback")
		return signedIn{}
	}
}

// oidcTab is a tab in a browser context of its own, with a deadline for
// the whole test.
type oidcTab struct {
	t   *testing.T
	ctx context.Context
}

func newOIDCTab(t *testing.T) *oidcTab {
	t.Helper()
	tctx := browsertest.Tab(t, 60*time.Second)
	return &oidcTab{t: t, ctx: tctx}
}

func (p *oidcTab) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

func (p *oidcTab) eval(js string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// open navigates and waits for the page the redirects end at.
func (p *oidcTab) open(u string) {
	p.t.Helper()
	if _, err := chromedp.RunResponse(p.ctx, chromedp.Navigate(u)); err != nil {
		p.t.Fatalf("open %s: %v", u, err)
	}
}

// fill types into the fields, by id.
func (p *oidcTab) fill(fields map[string]string) {
	p.t.Helper()
	for id, v := range fields {
		sel := chromedp.CSS(`[id="` + id + `"]`)
		p.do(chromedp.WaitVisible(sel),
			chromedp.Evaluate[chromedp.Void](`document.getElementById(`+strconv.Quote(id)+`).value = ""`),
			chromedp.SendKeys(sel, v))
	}
}

// submit clicks the form's button and waits for the page it leads to,
// through any redirects.
func (p *oidcTab) submit() {
	p.t.Helper()
	if _, err := chromedp.RunResponse(p.ctx, chromedp.Click(chromedp.CSS(`main form button[type=submit]`))); err != nil {
		p.t.Fatalf("submit: %v; at %s:\n%s", err, p.eval(`location.href`), p.eval(`document.documentElement.outerHTML`))
	}
}

// want checks the screen (the login's data-screen, or the application's
// "app") and the words on it.
func (p *oidcTab) want(screen string, texts ...string) {
	p.t.Helper()
	got := p.eval(`(document.querySelector("main")||{dataset:{}}).dataset.screen||""`)
	body := p.eval(`document.body.innerText`)
	if got != screen {
		p.t.Fatalf("screen %q at %s, want %q; the page says:\n%s", got, p.eval(`location.href`), screen, body)
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			p.t.Fatalf("screen %s does not say %q; it says:\n%s", screen, s, body)
		}
	}
}

// shot takes a screenshot, kept in docs/screens with -screens.
func (p *oidcTab) shot(name string) {
	p.t.Helper()
	dir := ""
	if *writeOIDCScreens {
		dir = filepath.Join("..", "..", "docs", "screens")
	}
	browsertest.Screenshot(p.ctx, p.t, dir, name)
}

// onLogin checks the browser is on the fake's managed login, under /login.
func (p *oidcTab) onLogin(base string) {
	p.t.Helper()
	if href := p.eval(`location.href`); !strings.HasPrefix(href, base+"/login") {
		p.t.Fatalf("at %s, not on the managed login under %s/login", href, base)
	}
}

func TestOIDCBrowserTOTP(t *testing.T) {
	p := newOIDCTab(t)
	s := newOIDCSite(t)

	p.open(s.rp.url + "/start")
	p.onLogin(s.server.url)
	p.want(weblogin.ScreenStart, "Username", "Password")
	p.shot("oauth-login")
	p.fill(map[string]string{"username": "tess", "password": oidcPassword})
	p.submit()
	p.want(weblogin.ScreenMFACode, "authenticator app")
	p.shot("oauth-mfa-code")
	code, err := totp.GenerateCode(oidcTOTPSecret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p.fill(map[string]string{"code": code})
	p.submit()

	res := s.result(t)
	p.want("app", "Welcome, Tess Durbeyfield", "Signed in as tess@example.com.")
	p.shot("oauth-app-signed-in")
	for claim, want := range map[string]any{
		"iss":              s.server.url + "/" + s.poolID,
		"aud":              oidcClientID,
		"cognito:username": "tess",
		"email":            "tess@example.com",
		"email_verified":   true,
		"token_use":        "id",
	} {
		if got := res.claims[claim]; got != want {
			t.Errorf("ID token %s = %v, want %v", claim, got, want)
		}
	}
	if ids, ok := res.claims["identities"]; ok {
		t.Errorf("a native user's ID token has identities %v", ids)
	}
	if res.userInfo.Subject != res.claims["sub"] || res.userInfo.Email != "tess@example.com" || !res.userInfo.EmailVerified {
		t.Errorf("userinfo %+v, want tess's", res.userInfo)
	}

	// The managed login remembers the browser: the next sign-in of the
	// application comes straight back, without the login page.
	p.open(s.rp.url + "/start")
	if again := s.result(t); again.claims["sub"] != res.claims["sub"] {
		t.Errorf("second sign-in for %v, want %v", again.claims["sub"], res.claims["sub"])
	}
	p.want("app", "Signed in as tess@example.com.")
	// Cognito's /logout ends that session and sends the browser to one of
	// the client's sign-out URLs; the next sign-in asks again.
	p.open(s.server.url + "/logout?" + url.Values{"client_id": {oidcClientID}, "logout_uri": {s.rp.url + "/signed-out"}}.Encode())
	p.want("app-signed-out", "You are signed out.")
	p.open(s.rp.url + "/start")
	p.onLogin(s.server.url)
	p.want(weblogin.ScreenStart)
}

func TestOIDCBrowserNewPassword(t *testing.T) {
	p := newOIDCTab(t)
	s := newOIDCSite(t)

	p.open(s.rp.url + "/start")
	p.onLogin(s.server.url)
	p.want(weblogin.ScreenStart)
	p.fill(map[string]string{"username": "newton", "password": "Temp0rary-Pass"})
	p.submit()
	p.want(weblogin.ScreenNewPassword, "New password")
	p.shot("oauth-new-password")
	p.fill(map[string]string{"new_password": "Gr4vity-Apple!"})
	p.submit()

	res := s.result(t)
	p.want("app", "Signed in as newton@example.com.")
	if res.claims["cognito:username"] != "newton" {
		t.Errorf("ID token for %v, want newton", res.claims["cognito:username"])
	}

	// The new password is the user's now: a sign-in in another browser
	// context goes straight through with it.
	q := newOIDCTab(t)
	q.open(s.rp.url + "/start")
	q.want(weblogin.ScreenStart)
	q.fill(map[string]string{"username": "newton", "password": "Gr4vity-Apple!"})
	q.submit()
	if res := s.result(t); res.claims["email"] != "newton@example.com" {
		t.Errorf("second sign-in: ID token e-mail %v", res.claims["email"])
	}
	q.want("app", "Signed in as newton@example.com.")
}
