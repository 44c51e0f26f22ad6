package fakecognito

import (
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/transport"
)

// appCallback is the web app's redirect URI in the code-flow tests; the
// browser never follows it.
const appCallback = "http://localhost:3000/cb"

// browser is a cookie-keeping HTTP client that does not follow redirects,
// posting the managed login's forms as a user would.
type browser struct {
	t        *testing.T
	base     string
	c        *http.Client
	status   int
	page     string
	location string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(req *http.Request) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.status, b.page, b.location = res.StatusCode, string(body), res.Header.Get("Location")
}

// get fetches a URL (or a path of the server) and follows redirects that
// stay on the server, as a browser would, stopping at one that leaves it.
func (b *browser) get(target string) {
	b.t.Helper()
	if strings.HasPrefix(target, "/") {
		target = b.base + target
	}
	for range 10 {
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		b.do(req)
		if b.status != http.StatusFound && b.status != http.StatusSeeOther {
			return
		}
		next, err := url.Parse(target)
		if err != nil {
			b.t.Fatal(err)
		}
		loc, err := next.Parse(b.location)
		if err != nil {
			b.t.Fatal(err)
		}
		if !strings.HasPrefix(loc.String(), b.base+"/") {
			b.location = loc.String()
			return
		}
		target = loc.String()
	}
	b.t.Fatal("too many redirects")
}

var (
	csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	kindField = regexp.MustCompile(`name="kind" value="([^"]+)"`)
	screenRe  = regexp.MustCompile(`data-screen="([^"]*)"`)
)

// post submits a form of the login page with its CSRF token and kind,
// then follows redirects on the server.
func (b *browser) post(path string, fields url.Values) {
	b.t.Helper()
	if m := csrfField.FindStringSubmatch(b.page); m != nil {
		fields.Set("csrf", html.UnescapeString(m[1]))
	}
	if m := kindField.FindStringSubmatch(b.page); m != nil && !fields.Has("kind") {
		fields.Set("kind", m[1])
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b.do(req)
	if b.status == http.StatusSeeOther && strings.HasPrefix(b.location, "/") {
		b.get(b.location)
	}
}

func (b *browser) screen() string {
	if m := screenRe.FindStringSubmatch(b.page); m != nil {
		return m[1]
	}
	return ""
}

func (b *browser) wantScreen(s string) {
	b.t.Helper()
	if got := b.screen(); got != s {
		b.t.Fatalf("screen %q (HTTP %d, Location %q), want %q:\n%s", got, b.status, b.location, s, b.page)
	}
}

// redirected returns the query (or fragment) parameters of the redirect
// back to the app.
func (b *browser) redirected(fragment bool) url.Values {
	b.t.Helper()
	if b.status != http.StatusFound || !strings.HasPrefix(b.location, appCallback) {
		b.t.Fatalf("HTTP %d, Location %q, want a redirect to the app:\n%s", b.status, b.location, b.page)
	}
	u, err := url.Parse(b.location)
	if err != nil {
		b.t.Fatal(err)
	}
	if fragment {
		v, err := url.ParseQuery(u.Fragment)
		if err != nil {
			b.t.Fatal(err)
		}
		return v
	}
	return u.Query()
}

// webClient is a code-flow client: confidential when secret.
func (oe *oauthEnv) webClient(t *testing.T, secret bool, mod func(*transport.ClientSettings)) transport.UserPoolClient {
	s := transport.ClientSettings{
		ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code", "implicit"},
		AllowedOAuthScopes: []string{"openid", "email", "profile", "aws.cognito.signin.user.admin", scopeRead},
		CallbackURLs:       []string{appCallback, "https://app.example.com/cb"},
		LogoutURLs:         []string{"http://localhost:3000/bye"},
		ExplicitAuthFlows:  []string{transport.AllowRefreshTokenAuth},
	}
	if mod != nil {
		mod(&s)
	}
	return oe.client(t, secret, s)
}

// near returns an OAuth env whose clock is near the wall clock, since the
// cookie jar keeps cookies by its own clock.
func newOAuthEnvNow(t *testing.T) *oauthEnv {
	oe := newOAuthEnv(t)
	oe.clk.Set(time.Now().UTC().Truncate(time.Second))
	return oe
}

func (oe *oauthEnv) oauthConfig(c transport.UserPoolClient, scopes ...string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: appCallback, Scopes: scopes,
		Endpoint: oauth2.Endpoint{AuthURL: oe.srv.URL + "/oauth2/authorize", TokenURL: oe.srv.URL + "/oauth2/token"},
	}
}

// signInOnPage signs a user in on the managed login page the browser is
// on, with the password and, when given, an MFA code or a new password.
func (b *browser) signInOnPage(username, password string) {
	b.t.Helper()
	b.wantScreen("start")
	b.post("/login/login", url.Values{"username": {username}, "password": {password}})
}

func TestCodeFlowWithThirdPartyClients(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"), transport.Attr("email_verified", "true"))
	if _, err := oe.f.CreateGroup(oe.ctx, &transport.CreateGroupInput{UserPoolID: oe.pool.ID, GroupName: "admins"}); err != nil {
		t.Fatal(err)
	}
	if _, err := oe.f.AdminAddUserToGroup(oe.ctx, &transport.UserGroupInput{UserPoolID: oe.pool.ID, Username: "alice", GroupName: "admins"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, oe.srv.URL+"/"+oe.pool.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := provider.Endpoint(); got.AuthURL != oe.srv.URL+"/oauth2/authorize" || got.TokenURL != oe.srv.URL+"/oauth2/token" {
		t.Fatalf("discovered endpoints %+v", got)
	}
	tests := []struct {
		name   string
		secret bool
		style  oauth2.AuthStyle
		scopes []string
		// wantScope is the access token's scope claim; wantID whether an
		// ID token comes.
		wantScope string
		wantID    bool
	}{
		{"public client with PKCE", false, oauth2.AuthStyleInParams, []string{"openid", "email"}, "openid email", true},
		{"confidential client, Basic", true, oauth2.AuthStyleInHeader, []string{"openid", "profile", scopeRead}, "openid profile " + scopeRead, true},
		{"confidential client, form", true, oauth2.AuthStyleInParams, []string{"openid"}, "openid", true},
		{"no openid: no ID token", false, oauth2.AuthStyleInParams, []string{"aws.cognito.signin.user.admin"}, "aws.cognito.signin.user.admin", false},
		{"a scope the client lacks is dropped", false, oauth2.AuthStyleInParams, []string{"openid", "phone"}, "openid", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := oe.webClient(t, tt.secret, nil)
			cfg := oe.oauthConfig(c, tt.scopes...)
			cfg.Endpoint = provider.Endpoint()
			cfg.Endpoint.AuthStyle = tt.style
			verifier := oauth2.GenerateVerifier()
			b := newBrowser(t, oe.srv.URL)
			b.get(cfg.AuthCodeURL("st-1", oauth2.S256ChallengeOption(verifier), oidc.Nonce("n-0S6_WzA2Mj")))
			b.signInOnPage("alice", testPassword)
			q := b.redirected(false)
			if q.Get("state") != "st-1" || q.Get("code") == "" {
				t.Fatalf("redirect %v", q)
			}
			tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
			if err != nil {
				t.Fatal(err)
			}
			if tok.RefreshToken == "" || tok.TokenType != "Bearer" {
				t.Errorf("refresh %q, type %q", tok.RefreshToken, tok.TokenType)
			}
			ac := oe.claims(tok.AccessToken)
			if ac["scope"] != tt.wantScope || ac["username"] != "alice" || ac["client_id"] != c.ClientID || ac["token_use"] != "access" {
				t.Errorf("access claims %v", ac)
			}
			if _, ok := ac["aud"]; ok {
				t.Errorf("access token has aud")
			}
			raw, _ := tok.Extra("id_token").(string)
			if !tt.wantID {
				if raw != "" {
					t.Fatalf("ID token without openid")
				}
				return
			}
			idt, err := provider.Verifier(&oidc.Config{ClientID: c.ClientID, Now: oe.clk.Now}).Verify(ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			if idt.Nonce != "n-0S6_WzA2Mj" {
				t.Errorf("nonce %q", idt.Nonce)
			}
			if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
				t.Errorf("at_hash: %v", err)
			}
			var id map[string]any
			if err := idt.Claims(&id); err != nil {
				t.Fatal(err)
			}
			groups, _ := id["cognito:groups"].([]any)
			if id["cognito:username"] != "alice" || id["token_use"] != "id" || id["email"] != "alice@example.com" ||
				len(groups) != 1 || groups[0] != "admins" || id["email_verified"] != true {
				t.Errorf("ID claims %v", id)
			}
			if _, ok := id["identities"]; ok {
				t.Errorf("identities in a native user's ID token")
			}
			// The code is spent.
			if _, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier)); !isOAuthError(err, "invalid_grant") {
				t.Errorf("second exchange: %v", err)
			}
			// The refresh token gives new tokens with the same scopes.
			ts := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken})
			ref, err := ts.Token()
			if err != nil {
				t.Fatal(err)
			}
			if rc := oe.claims(ref.AccessToken); rc["scope"] != tt.wantScope || rc["origin_jti"] != ac["origin_jti"] {
				t.Errorf("refreshed access claims %v", rc)
			}
			if rid, _ := ref.Extra("id_token").(string); rid == "" {
				t.Errorf("refresh without ID token")
			}
		})
	}
}

// isOAuthError reports whether err is the token endpoint's error code.
func isOAuthError(err error, code string) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re) && re.ErrorCode == code
}

func TestAuthorizeErrors(t *testing.T) {
	oe := newOAuthEnvNow(t)
	web := oe.webClient(t, false, nil)
	codeOnly := oe.webClient(t, false, func(s *transport.ClientSettings) { s.AllowedOAuthFlows = []string{"code"} })
	withDefault := oe.webClient(t, false, func(s *transport.ClientSettings) { s.DefaultRedirectURI = appCallback })
	bare := oe.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "bare"})
	noDomain := oe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: bare.ID, ClientSettings: transport.ClientSettings{
		ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code"},
		AllowedOAuthScopes: []string{"openid"}, CallbackURLs: []string{appCallback},
	}})
	challenge := pkceS256(oauth2.GenerateVerifier())
	q := func(c transport.UserPoolClient, kv ...string) string {
		v := url.Values{"client_id": {c.ClientID}, "response_type": {"code"}, "redirect_uri": {appCallback}, "state": {"xyz"}}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				v.Del(kv[i])
			} else {
				v.Set(kv[i], kv[i+1])
			}
		}
		return "/oauth2/authorize?" + v.Encode()
	}
	tests := []struct {
		name string
		path string
		// page is the error page's code; redirect the error sent back to
		// the app; neither: the login page.
		page, redirect string
	}{
		{"unknown client", q(transport.UserPoolClient{ClientID: "nosuch"}), "invalid_request", ""},
		{"no client id", q(web, "client_id", ""), "invalid_request", ""},
		{"pool without a domain", q(noDomain), "invalid_request", ""},
		{"redirect_uri not registered", q(web, "redirect_uri", "http://localhost:3000/cb/"), "redirect_mismatch", ""},
		{"no redirect_uri, no default", q(web, "redirect_uri", ""), "redirect_mismatch", ""},
		{"no redirect_uri, the default", q(withDefault, "redirect_uri", ""), "", ""},
		{"no response_type", q(web, "response_type", ""), "", "invalid_request"},
		{"response_type id_token", q(web, "response_type", "id_token"), "", "invalid_request"},
		{"implicit not allowed", q(codeOnly, "response_type", "token"), "", "unauthorized_client"},
		{"PKCE plain", q(web, "code_challenge", strings.Repeat("a", 43), "code_challenge_method", "plain"), "", "invalid_request"},
		{"PKCE without method", q(web, "code_challenge", challenge), "", "invalid_request"},
		{"PKCE method without challenge", q(web, "code_challenge_method", "S256"), "", "invalid_request"},
		{"PKCE challenge too short", q(web, "code_challenge", "abc", "code_challenge_method", "S256"), "", "invalid_request"},
		{"PKCE S256", q(web, "code_challenge", challenge, "code_challenge_method", "S256"), "", ""},
		{"unknown scope", q(web, "scope", "openid address"), "", "invalid_scope"},
		{"only scopes the client lacks", q(web, "scope", "phone"), "", "invalid_scope"},
		{"another identity provider", q(web, "identity_provider", "Google"), "", "invalid_request"},
		{"COGNITO identity provider", q(web, "identity_provider", "COGNITO"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, oe.srv.URL)
			b.get(tt.path)
			switch {
			case tt.page != "":
				if b.status != http.StatusBadRequest || !strings.Contains(b.page, `data-error="`+tt.page+`"`) {
					t.Fatalf("HTTP %d, Location %q, want the error page %s:\n%s", b.status, b.location, tt.page, b.page)
				}
			case tt.redirect != "":
				got := b.redirected(false)
				if got.Get("error") != tt.redirect || got.Get("state") != "xyz" || got.Has("code") {
					t.Fatalf("redirect %v, want error=%s&state=xyz", got, tt.redirect)
				}
			default:
				b.wantScreen("start")
			}
		})
	}
}

func TestManagedLoginScreens(t *testing.T) {
	oe := newOAuthEnvNow(t)
	if _, err := oe.f.SetUserPoolMfaConfig(oe.ctx, &transport.UserPoolMfaConfig{UserPoolID: oe.pool.ID, MfaConfiguration: transport.MFAOptional,
		SmsMfaConfiguration: &transport.SmsMfaConfig{SmsAuthenticationMessage: "Your code is {####}"}}); err != nil {
		t.Fatal(err)
	}
	oe.f.MustCreateUser(oe.pool.ID, "sam", testPassword, transport.Attr("phone_number", "+15555550123"))
	if _, err := oe.f.AdminSetUserMFAPreference(oe.ctx, &transport.AdminSetUserMFAPreferenceInput{UserPoolID: oe.pool.ID, Username: "sam",
		SMSMfaSettings: &transport.MFASettings{Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	if _, err := oe.f.AdminCreateUser(oe.ctx, &transport.AdminCreateUserInput{UserPoolID: oe.pool.ID, Username: "newbie",
		TemporaryPassword: "Temp-Pass-123", MessageAction: "SUPPRESS"}); err != nil {
		t.Fatal(err)
	}
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, true, nil)
	cfg := oe.oauthConfig(web, "openid")
	tests := []struct {
		name  string
		login func(b *browser)
	}{
		{"SMS MFA, a wrong code first", func(b *browser) {
			b.signInOnPage("sam", testPassword)
			b.wantScreen("mfa_code")
			b.post("/login/login", url.Values{"code": {"000000"}})
			b.wantScreen("mfa_code")
			b.post("/login/login", url.Values{"code": {oe.f.Outbox().LastCodeIn(oe.pool.ID, "sam")}})
		}},
		{"new password required", func(b *browser) {
			b.signInOnPage("newbie", "Temp-Pass-123")
			b.wantScreen("new_password")
			b.post("/login/login", url.Values{"new_password": {newPassword}})
		}},
		{"wrong password, then right", func(b *browser) {
			b.signInOnPage("alice", wrongPassword)
			b.wantScreen("start")
			b.post("/login/login", url.Values{"username": {"alice"}, "password": {testPassword}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, oe.srv.URL)
			b.get(cfg.AuthCodeURL("s"))
			tt.login(b)
			code := b.redirected(false).Get("code")
			tok, err := cfg.Exchange(context.Background(), code)
			if err != nil {
				t.Fatal(err)
			}
			if tok.Extra("id_token") == nil {
				t.Errorf("no ID token")
			}
		})
	}
}

func TestManagedLoginSession(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, false, nil)
	cfg := oe.oauthConfig(web, "openid")
	b := newBrowser(t, oe.srv.URL)
	b.get(cfg.AuthCodeURL("one"))
	b.signInOnPage("alice", testPassword)
	first := b.redirected(false)

	// The same browser is signed in for the next request: no login page.
	b.get(cfg.AuthCodeURL("two"))
	second := b.redirected(false)
	if second.Get("state") != "two" || second.Get("code") == "" || second.Get("code") == first.Get("code") {
		t.Fatalf("second redirect %v", second)
	}
	tok, err := cfg.Exchange(context.Background(), second.Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	idc := oe.claims(tok.Extra("id_token").(string))
	// prompt=login asks again.
	b.get(cfg.AuthCodeURL("three", oauth2.SetAuthURLParam("prompt", "login")))
	b.wantScreen("start")
	// The login page was not reached again, so auth_time is the first sign-in's.
	oe.clk.Advance(time.Minute)
	b.get(cfg.AuthCodeURL("four"))
	tok4, err := cfg.Exchange(context.Background(), b.redirected(false).Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	if c4 := oe.claims(tok4.Extra("id_token").(string)); c4["auth_time"] != idc["auth_time"] {
		t.Errorf("auth_time %v, want the first sign-in's %v", c4["auth_time"], idc["auth_time"])
	}
	// A disabled user's session is over.
	if _, err := oe.f.AdminDisableUser(oe.ctx, &transport.UserRef{UserPoolID: oe.pool.ID, Username: "alice"}); err != nil {
		t.Fatal(err)
	}
	b.get(cfg.AuthCodeURL("five"))
	b.wantScreen("start")
	// Another browser has no session; the login page without an
	// authorization request is an error page.
	other := newBrowser(t, oe.srv.URL)
	other.get("/login/")
	if other.status != http.StatusBadRequest {
		t.Errorf("login page without a request: HTTP %d", other.status)
	}
}

func TestCodeExchangeErrors(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	pub := oe.webClient(t, false, nil)
	conf := oe.webClient(t, true, nil)
	other := oe.webClient(t, false, nil)
	// code signs alice in for c and returns a fresh code and its verifier.
	code := func(t *testing.T, c transport.UserPoolClient) (string, string) {
		t.Helper()
		v := oauth2.GenerateVerifier()
		b := newBrowser(t, oe.srv.URL)
		b.get(oe.oauthConfig(c, "openid").AuthCodeURL("s", oauth2.S256ChallengeOption(v)))
		b.signInOnPage("alice", testPassword)
		return b.redirected(false).Get("code"), v
	}
	form := func(c transport.UserPoolClient, code, verifier string, kv ...string) url.Values {
		f := url.Values{"grant_type": {"authorization_code"}, "client_id": {c.ClientID}, "code": {code},
			"redirect_uri": {appCallback}, "code_verifier": {verifier}}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				f.Del(kv[i])
			} else {
				f.Set(kv[i], kv[i+1])
			}
		}
		return f
	}
	tests := []struct {
		name   string
		client transport.UserPoolClient
		build  func(code, verifier string) (url.Values, string, string)
		before func()
		want   string
	}{
		{"wrong verifier", pub, func(c, v string) (url.Values, string, string) {
			return form(pub, c, v, "code_verifier", oauth2.GenerateVerifier()), "", ""
		}, nil, "invalid_grant"},
		{"no verifier", pub, func(c, v string) (url.Values, string, string) { return form(pub, c, v, "code_verifier", ""), "", "" }, nil, "invalid_request"},
		{"other redirect_uri", pub, func(c, v string) (url.Values, string, string) {
			return form(pub, c, v, "redirect_uri", "https://app.example.com/cb"), "", ""
		}, nil, "unauthorized_client"},
		{"no redirect_uri", pub, func(c, v string) (url.Values, string, string) { return form(pub, c, v, "redirect_uri", ""), "", "" }, nil, "invalid_request"},
		{"another client's code", pub, func(c, v string) (url.Values, string, string) { return form(other, c, v), "", "" }, nil, "invalid_grant"},
		{"unknown code", pub, func(c, v string) (url.Values, string, string) { return form(pub, "nosuchcode", v), "", "" }, nil, "invalid_grant"},
		{"expired code", pub, func(c, v string) (url.Values, string, string) { return form(pub, c, v), "", "" },
			func() { oe.clk.Advance(codeTTL + time.Second) }, "invalid_grant"},
		{"confidential client without its secret", conf, func(c, v string) (url.Values, string, string) { return form(conf, c, v), "", "" }, nil, "invalid_client"},
		{"confidential client, wrong secret", conf, func(c, v string) (url.Values, string, string) {
			return form(conf, c, v, "client_id", ""), conf.ClientID, "wrong"
		}, nil, "invalid_client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, v := code(t, tt.client)
			if tt.before != nil {
				tt.before()
			}
			f, user, pass := tt.build(c, v)
			status, _, body := oe.postForm(t, "/oauth2/token", f, user, pass)
			if status != http.StatusBadRequest || string(body) != `{"error":"`+tt.want+`"}` {
				t.Fatalf("HTTP %d %s, want 400 %s", status, body, tt.want)
			}
		})
	}
}

func TestImplicitFlow(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, false, nil)
	tests := []struct {
		name   string
		scope  string
		wantID bool
	}{
		{"openid", "openid email", true},
		{"no openid", "aws.cognito.signin.user.admin", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t, oe.srv.URL)
			b.get("/oauth2/authorize?" + url.Values{"client_id": {web.ClientID}, "response_type": {"token"},
				"redirect_uri": {appCallback}, "state": {"st"}, "scope": {tt.scope}, "nonce": {"nn"}}.Encode())
			b.signInOnPage("alice", testPassword)
			v := b.redirected(true)
			if v.Get("state") != "st" || v.Get("token_type") != "Bearer" || v.Get("expires_in") != "3600" || v.Has("refresh_token") || v.Has("code") {
				t.Fatalf("fragment %v", v)
			}
			if ac := oe.claims(v.Get("access_token")); ac["scope"] != tt.scope {
				t.Errorf("scope %v", ac["scope"])
			}
			if !tt.wantID {
				if v.Has("id_token") {
					t.Errorf("ID token without openid")
				}
				return
			}
			id := oe.claims(v.Get("id_token"))
			if id["nonce"] != "nn" || id["at_hash"] != atHash(v.Get("access_token")) || id["aud"] != web.ClientID {
				t.Errorf("ID claims %v", id)
			}
		})
	}
}

func TestManagedLoginSignUp(t *testing.T) {
	oe := newOAuthEnvNow(t)
	web := oe.webClient(t, false, nil)
	cfg := oe.oauthConfig(web, "openid", "email")
	b := newBrowser(t, oe.srv.URL)
	b.get(cfg.AuthCodeURL("s"))
	b.wantScreen("start")
	b.get("/login/signup")
	b.wantScreen("signup")
	b.post("/login/signup", url.Values{"username": {"carol"}, "new_password": {testPassword}, engine.FormAttributePrefix + "email": {"carol@example.com"}})
	b.wantScreen("signup_confirm")
	// The pool verifies nothing by itself: an administrator confirms carol.
	if _, err := oe.f.AdminConfirmSignUp(oe.ctx, &transport.AdminUserMetadataInput{UserPoolID: oe.pool.ID, Username: "carol"}); err != nil {
		t.Fatal(err)
	}
	b.get("/login/")
	b.signInOnPage("carol", testPassword)
	tok, err := cfg.Exchange(context.Background(), b.redirected(false).Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	if id := oe.claims(tok.Extra("id_token").(string)); id["cognito:username"] != "carol" || id["email"] != "carol@example.com" {
		t.Errorf("ID claims %v", id)
	}
}

func TestAuthorizeRequestsAreBounded(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	oe.f.mu.Lock()
	oe.f.maxPending = 2
	oe.f.mu.Unlock()
	web := oe.webClient(t, false, nil)
	cfg := oe.oauthConfig(web, "openid")
	var browsers []*browser
	for range 2 {
		b := newBrowser(t, oe.srv.URL)
		b.get(cfg.AuthCodeURL("s"))
		b.wantScreen("start")
		browsers = append(browsers, b)
	}
	full := newBrowser(t, oe.srv.URL)
	full.get(cfg.AuthCodeURL("s"))
	if got := full.redirected(false); got.Get("error") != "temporarily_unavailable" || got.Get("state") != "s" {
		t.Fatalf("past the cap: %v", got)
	}
	// A login finishing frees its request (and takes a session and a
	// code, each counted on its own).
	browsers[0].signInOnPage("alice", testPassword)
	if browsers[0].redirected(false).Get("code") == "" {
		t.Fatal("no code")
	}
	// Expired requests are swept; their browsers must start again.
	oe.clk.Advance(authzTTL + time.Second)
	oe.f.SweepExpired()
	oe.f.mu.RLock()
	left := len(oe.f.st.oauth.requests)
	oe.f.mu.RUnlock()
	if left != 0 {
		t.Errorf("%d authorization requests left after the sweep", left)
	}
	browsers[1].get("/login/")
	if browsers[1].status != http.StatusBadRequest {
		t.Errorf("expired request: HTTP %d, want the error page", browsers[1].status)
	}
}
