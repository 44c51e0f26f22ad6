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
