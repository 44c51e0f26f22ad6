package fakecognito

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gocognito/gocognito/transport"
)

// codeTokens signs alice in through the code flow in a new browser and
// returns the tokens and the browser.
func (oe *oauthEnv) codeTokens(t *testing.T, c transport.UserPoolClient, scopes ...string) (*oauth2.Token, *browser) {
	t.Helper()
	cfg := oe.oauthConfig(c, scopes...)
	b := newBrowser(t, oe.srv.URL)
	b.get(cfg.AuthCodeURL("s"))
	if b.screen() == "start" {
		b.signInOnPage("alice", testPassword)
	}
	tok, err := cfg.Exchange(context.Background(), b.redirected(false).Get("code"))
	if err != nil {
		t.Fatal(err)
	}
	return tok, b
}

// userInfo calls the userInfo endpoint with an Authorization header.
func (oe *oauthEnv) userInfo(t *testing.T, method, auth string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, oe.srv.URL+"/oauth2/userInfo", nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	var m map[string]any
	if len(body) > 0 {
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("body %q: %v", body, err)
		}
	}
	return res.StatusCode, res.Header, m
}

func TestUserInfo(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword, transport.Attr("email", "alice@example.com"),
		transport.Attr("email_verified", "true"), transport.Attr("name", "Alice"))
	web := oe.webClient(t, false, nil)
	readsEmail := oe.webClient(t, false, func(s *transport.ClientSettings) { s.ReadAttributes = []string{"email", "email_verified"} })
	withOpenID, _ := oe.codeTokens(t, web, "openid", "email")
	adminOnly, _ := oe.codeTokens(t, web, "aws.cognito.signin.user.admin")
	narrow, _ := oe.codeTokens(t, readsEmail, "openid")
	machine, err := (&clientcredentials.Config{ClientID: oe.machine.ClientID, ClientSecret: oe.machine.ClientSecret,
		TokenURL: oe.srv.URL + "/oauth2/token"}).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		method string
		auth   string
		status int
		want   map[string]any // claims that must be there, nil: an error
		absent []string
	}{
		{"GET with openid", http.MethodGet, "Bearer " + withOpenID.AccessToken, 200,
			map[string]any{"username": "alice", "email": "alice@example.com", "email_verified": "true", "name": "Alice"}, nil},
		{"POST with openid", http.MethodPost, "Bearer " + withOpenID.AccessToken, 200, map[string]any{"username": "alice"}, nil},
		{"client reads some attributes", http.MethodGet, "Bearer " + narrow.AccessToken, 200,
			map[string]any{"email": "alice@example.com", "email_verified": "true"}, []string{"name"}},
		{"no openid scope", http.MethodGet, "Bearer " + adminOnly.AccessToken, http.StatusForbidden, nil, nil},
		{"no token", http.MethodGet, "", http.StatusBadRequest, nil, nil},
		{"not a token", http.MethodGet, "Bearer abc", http.StatusUnauthorized, nil, nil},
		{"a client_credentials token", http.MethodGet, "Bearer " + machine.AccessToken, http.StatusUnauthorized, nil, nil},
		{"an ID token", http.MethodGet, "Bearer " + withOpenID.Extra("id_token").(string), http.StatusUnauthorized, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := oe.userInfo(t, tt.method, tt.auth)
			if status != tt.status {
				t.Fatalf("HTTP %d %v, want %d", status, body, tt.status)
			}
			if tt.want == nil {
				if !strings.HasPrefix(h.Get("WWW-Authenticate"), `Bearer error="`) || body["error"] == nil {
					t.Errorf("error answer: WWW-Authenticate %q, body %v", h.Get("WWW-Authenticate"), body)
				}
				return
			}
			if sub, _ := body["sub"].(string); len(sub) != 36 {
				t.Errorf("sub %v", body["sub"])
			}
			for k, v := range tt.want {
				if body[k] != v {
					t.Errorf("%s = %v, want %v", k, body[k], v)
				}
			}
			for _, k := range tt.absent {
				if _, ok := body[k]; ok {
					t.Errorf("%s present", k)
				}
			}
		})
	}
}

func TestOAuthTokenScopesOnUserAPI(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, false, nil)
	tests := []struct {
		name   string
		scopes []string
		code   string
	}{
		{"with aws.cognito.signin.user.admin", []string{"openid", "aws.cognito.signin.user.admin"}, ""},
		{"without it", []string{"openid", "email"}, "NotAuthorizedException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, _ := oe.codeTokens(t, web, tt.scopes...)
			_, err := oe.f.GetUser(oe.ctx, &transport.AccessTokenInput{AccessToken: tok.AccessToken})
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErr(t, err, tt.code, msgTokenScopes)
		})
	}
}

func TestRevokeEndpoint(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	pub := oe.webClient(t, false, nil)
	conf := oe.webClient(t, true, nil)
	other := oe.webClient(t, false, nil)
	noRevoke := oe.webClient(t, false, func(s *transport.ClientSettings) { s.EnableTokenRevocation = ptr(false) })
	tests := []struct {
		name       string
		client     transport.UserPoolClient
		form       func(tok *oauth2.Token) url.Values
		user, pass string
		status     int
		body       string
		revoked    bool
	}{
		{"public client", pub, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.RefreshToken}, "client_id": {pub.ClientID}}
		}, "", "", 200, "", true},
		{"confidential client, Basic", conf, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.RefreshToken}}
		}, conf.ClientID, conf.ClientSecret, 200, "", true},
		{"wrong secret", conf, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.RefreshToken}}
		}, conf.ClientID, "nope", 401, `{"error":"invalid_client"}`, false},
		{"an access token", pub, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.AccessToken}, "client_id": {pub.ClientID}}
		}, "", "", 400, `{"error":"unsupported_token_type"}`, false},
		{"no token", pub, func(*oauth2.Token) url.Values { return url.Values{"client_id": {pub.ClientID}} }, "", "", 400, `{"error":"invalid_request"}`, false},
		{"unknown token", pub, func(*oauth2.Token) url.Values {
			return url.Values{"token": {"nosuchtoken"}, "client_id": {pub.ClientID}}
		}, "", "", 200, "", false},
		{"another client's token", pub, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.RefreshToken}, "client_id": {other.ClientID}}
		}, "", "", 200, "", false},
		{"client without revocation", noRevoke, func(tok *oauth2.Token) url.Values {
			return url.Values{"token": {tok.RefreshToken}, "client_id": {noRevoke.ClientID}}
		}, "", "", 400, `{"error":"invalid_request"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, _ := oe.codeTokens(t, tt.client, "openid")
			status, _, body := oe.postForm(t, "/oauth2/revoke", tt.form(tok), tt.user, tt.pass)
			if status != tt.status || string(body) != tt.body {
				t.Fatalf("HTTP %d %q, want %d %q", status, body, tt.status, tt.body)
			}
			infoStatus, _, _ := oe.userInfo(t, http.MethodGet, "Bearer "+tok.AccessToken)
			refresh := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}, "client_id": {tt.client.ClientID}}
			user, pass := "", ""
			if tt.client.ClientSecret != "" {
				user, pass = tt.client.ClientID, tt.client.ClientSecret
			}
			refStatus, _, refBody := oe.postForm(t, "/oauth2/token", refresh, user, pass)
			if tt.revoked {
				if infoStatus != http.StatusUnauthorized || refStatus != 400 || string(refBody) != `{"error":"invalid_grant"}` {
					t.Errorf("after revocation: userInfo %d, refresh %d %s", infoStatus, refStatus, refBody)
				}
			} else if infoStatus != 200 || refStatus != 200 {
				t.Errorf("not revoked, yet userInfo %d, refresh %d %s", infoStatus, refStatus, refBody)
			}
		})
	}
}

func TestLogout(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	web := oe.webClient(t, false, nil)
	lq := func(kv ...string) string {
		v := url.Values{"client_id": {web.ClientID}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return "/logout?" + v.Encode()
	}
	tests := []struct {
		name string
		path string
		// location is where the browser goes ("" for an error page);
		// signedOut whether the session ended.
		location  string
		signedOut bool
		// login: the path leads to the login page.
		login bool
	}{
		{"logout_uri", lq("logout_uri", "http://localhost:3000/bye"), "http://localhost:3000/bye", true, false},
		{"logout_uri not registered", lq("logout_uri", "http://localhost:3000/other"), "", false, false},
		{"unknown client", "/logout?client_id=nosuch&logout_uri=http%3A%2F%2Flocalhost%3A3000%2Fbye", "", false, false},
		{"neither logout_uri nor redirect_uri", lq(), "", false, false},
		{"sign in again", lq("redirect_uri", appCallback, "response_type", "code", "state", "again"), "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, b := oe.codeTokens(t, web, "openid")
			b.get(tt.path)
			switch {
			case tt.login:
				b.wantScreen("start")
			case tt.location != "":
				if b.status != http.StatusFound || b.location != tt.location {
					t.Fatalf("HTTP %d to %q, want a redirect to %q", b.status, b.location, tt.location)
				}
			default:
				if b.status != http.StatusBadRequest {
					t.Fatalf("HTTP %d, want the error page", b.status)
				}
			}
			// Is the browser still signed in to the managed login?
			b.get(oe.oauthConfig(web, "openid").AuthCodeURL("next"))
			if got := b.screen() == "start"; got != tt.signedOut {
				t.Errorf("signed out = %v, want %v (HTTP %d, %q)", got, tt.signedOut, b.status, b.location)
			}
		})
	}
}

func TestOAuthPreflight(t *testing.T) {
	oe := newOAuthEnv(t)
	for _, path := range []string{"/oauth2/userInfo", "/oauth2/token", "/oauth2/revoke"} {
		t.Run(path, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodOptions, oe.srv.URL+path, nil)
			req.Header.Set("Origin", "http://localhost:3000")
			req.Header.Set("Access-Control-Request-Method", "GET")
			req.Header.Set("Access-Control-Request-Headers", "authorization")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode >= 300 || res.Header.Get("Access-Control-Allow-Origin") != "*" ||
				!strings.Contains(strings.ToLower(res.Header.Get("Access-Control-Allow-Headers")), "authorization") {
				t.Errorf("HTTP %d, headers %v", res.StatusCode, res.Header)
			}
		})
	}
}

func TestOAuthSignInHasNoDevice(t *testing.T) {
	oe := newOAuthEnvNow(t)
	in := transport.CreateUserPoolInput{PoolName: "devices"}
	in.DeviceConfiguration = &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true}
	pool := oe.f.MustCreatePool(in)
	if _, err := oe.f.CreateUserPoolDomain(oe.ctx, &transport.CreateUserPoolDomainInput{UserPoolID: pool.ID, Domain: "devices"}); err != nil {
		t.Fatal(err)
	}
	oe.f.MustCreateUser(pool.ID, "alice", testPassword)
	web := oe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code"},
		AllowedOAuthScopes: []string{"openid"}, CallbackURLs: []string{appCallback},
	}})
	tok, _ := oe.codeTokens(t, web, "openid")
	for i := range 3 {
		status, _, body := oe.postForm(t, "/oauth2/token", url.Values{"grant_type": {"refresh_token"},
			"refresh_token": {tok.RefreshToken}, "client_id": {web.ClientID}}, "", "")
		if status != 200 {
			t.Fatalf("refresh %d: HTTP %d %s", i, status, body)
		}
		var res tokenResponse
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if dk, ok := oe.claims(res.AccessToken)["device_key"]; ok {
			t.Errorf("refresh %d: device_key %v", i, dk)
		}
	}
	devs, err := oe.f.AdminListDevices(oe.ctx, &transport.AdminListDevicesInput{UserPoolID: pool.ID, Username: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	oe.f.mu.RLock()
	for _, d := range oe.f.st.Pools[pool.ID].lookup("alice").Devices {
		if d.Verifier != nil {
			confirmed++
		}
	}
	oe.f.mu.RUnlock()
	if confirmed != 0 || len(devs.Devices) > 1 {
		t.Errorf("%d confirmed devices, %d listed, want none confirmed and at most the login's", confirmed, len(devs.Devices))
	}
}

func TestOAuthLogsNoSecrets(t *testing.T) {
	oe := newOAuthEnvNow(t)
	var buf bytes.Buffer
	oe.f.log = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	conf := oe.webClient(t, true, nil)
	cfg := oe.oauthConfig(conf, "openid")
	v := oauth2.GenerateVerifier()
	b := newBrowser(t, oe.srv.URL)
	b.get(cfg.AuthCodeURL("state-secret", oauth2.S256ChallengeOption(v)))
	b.signInOnPage("alice", testPassword)
	code := b.redirected(false).Get("code")
	tok, err := cfg.Exchange(context.Background(), code, oauth2.VerifierOption(v))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&clientcredentials.Config{ClientID: oe.machine.ClientID, ClientSecret: oe.machine.ClientSecret,
		TokenURL: oe.srv.URL + "/oauth2/token"}).Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	if !strings.Contains(log, "oauth request") {
		t.Fatalf("no request lines in the log:\n%s", log)
	}
	for name, secret := range map[string]string{
		"password": testPassword, "client secret": conf.ClientSecret, "machine secret": oe.machine.ClientSecret,
		"code": code, "verifier": v, "access token": tok.AccessToken, "refresh token": tok.RefreshToken, "state": "state-secret",
	} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds the %s", name)
		}
	}
}

func TestRefreshGrant(t *testing.T) {
	oe := newOAuthEnvNow(t)
	oe.f.MustCreateUser(oe.pool.ID, "alice", testPassword)
	plain := oe.webClient(t, false, nil)
	other := oe.webClient(t, false, nil)
	rotating := oe.webClient(t, false, func(s *transport.ClientSettings) {
		s.ExplicitAuthFlows = []string{transport.AllowUserSRPAuth}
		s.RefreshTokenRotation = &transport.RefreshTokenRotation{Feature: transport.RotationEnabled, RetryGracePeriodSeconds: 10}
	})
	refresh := func(c transport.UserPoolClient, tok string) (int, tokenResponse, string) {
		t.Helper()
		status, _, body := oe.postForm(t, "/oauth2/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok}, "client_id": {c.ClientID}}, "", "")
		var res tokenResponse
		if status == 200 {
			if err := json.Unmarshal(body, &res); err != nil {
				t.Fatal(err)
			}
		}
		return status, res, string(body)
	}
	t.Run("errors", func(t *testing.T) {
		tok, _ := oe.codeTokens(t, plain, "openid")
		tests := []struct {
			name   string
			client transport.UserPoolClient
			token  string
			want   string
		}{
			{"unknown token", plain, "nosuchtoken", `{"error":"invalid_grant"}`},
			{"no token", plain, "", `{"error":"invalid_request"}`},
			{"another client's token", other, tok.RefreshToken, `{"error":"invalid_grant"}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if status, _, body := refresh(tt.client, tt.token); status != 400 || body != tt.want {
					t.Errorf("HTTP %d %s, want 400 %s", status, body, tt.want)
				}
			})
		}
	})
	t.Run("without rotation: no new refresh token", func(t *testing.T) {
		tok, _ := oe.codeTokens(t, plain, "openid")
		for range 2 {
			status, res, body := refresh(plain, tok.RefreshToken)
			if status != 200 || res.RefreshToken != "" || res.IDToken == "" || res.AccessToken == "" {
				t.Fatalf("HTTP %d %s", status, body)
			}
		}
	})
	t.Run("rotation", func(t *testing.T) {
		tok, _ := oe.codeTokens(t, rotating, "openid")
		status, first, body := refresh(rotating, tok.RefreshToken)
		if status != 200 || first.RefreshToken == "" || first.RefreshToken == tok.RefreshToken {
			t.Fatalf("HTTP %d %s: want a new refresh token", status, body)
		}
		// The old token works during the grace period, then not.
		// A retry answers with yet another token, which is the live one.
		status, retry, body := refresh(rotating, tok.RefreshToken)
		if status != 200 || retry.RefreshToken == "" {
			t.Fatalf("within the grace period: HTTP %d %s", status, body)
		}
		oe.clk.Advance(11 * time.Second)
		for name, spent := range map[string]string{"the first": tok.RefreshToken, "the first rotation's": first.RefreshToken} {
			if status, _, body := refresh(rotating, spent); status != 400 || body != `{"error":"invalid_grant"}` {
				t.Errorf("%s token after the grace period: HTTP %d %s", name, status, body)
			}
		}
		if status, _, body := refresh(rotating, retry.RefreshToken); status != 200 {
			t.Fatalf("the live token: HTTP %d %s", status, body)
		}
	})
}
