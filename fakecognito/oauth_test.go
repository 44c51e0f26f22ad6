package fakecognito

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/gocognito/gocognito/transport"
)

// Resource server scopes of the OAuth tests.
const (
	apiID     = "https://api.example.com"
	scopeRead = apiID + "/read"
	scopeW    = apiID + "/write"
)

// oauthEnv is a fake served over HTTP whose pool has a domain, a resource
// server and OAuth app clients.
type oauthEnv struct {
	*env
	srv *httptest.Server
	// machine is a client_credentials client allowed read and write.
	machine transport.UserPoolClient
}

func newOAuthEnv(t *testing.T) *oauthEnv {
	t.Helper()
	e := newEnv(t, envOpts{})
	srv := httptest.NewServer(e.f)
	t.Cleanup(srv.Close)
	e.f.SetIssuerBase(srv.URL)
	if _, err := e.f.CreateUserPoolDomain(e.ctx, &transport.CreateUserPoolDomainInput{UserPoolID: e.pool.ID, Domain: "myapp"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.f.CreateResourceServer(e.ctx, &transport.ResourceServerInput{
		UserPoolID: e.pool.ID, Identifier: apiID, Name: "api",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "read"}, {ScopeName: "write", ScopeDescription: "write"}, {ScopeName: "admin", ScopeDescription: "admin"}},
	}); err != nil {
		t.Fatal(err)
	}
	oe := &oauthEnv{env: e, srv: srv}
	oe.machine = oe.client(t, true, transport.ClientSettings{
		ClientName: "machine", AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{scopeRead, scopeW},
	})
	return oe
}

// client creates an app client of the pool.
func (oe *oauthEnv) client(t *testing.T, secret bool, s transport.ClientSettings) transport.UserPoolClient {
	t.Helper()
	out, err := oe.f.CreateUserPoolClient(oe.ctx, &transport.CreateUserPoolClientInput{UserPoolID: oe.pool.ID, GenerateSecret: secret, ClientSettings: s})
	if err != nil {
		t.Fatal(err)
	}
	return *out.UserPoolClient
}

// postForm posts a form to path, with Basic credentials when user is set.
func (oe *oauthEnv) postForm(t *testing.T, path string, form url.Values, user, pass string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, oe.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if user != "" {
		req.SetBasicAuth(url.QueryEscape(user), url.QueryEscape(pass))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

func TestClientCredentialsWithOAuth2Library(t *testing.T) {
	oe := newOAuthEnv(t)
	idKID := header(t, oe.mustIDToken(t))["kid"]
	tests := []struct {
		name   string
		style  oauth2.AuthStyle
		scopes []string
		want   string
	}{
		{"basic, every scope by default", oauth2.AuthStyleInHeader, nil, scopeRead + " " + scopeW},
		{"form, one scope", oauth2.AuthStyleInParams, []string{scopeW}, scopeW},
		{"basic, both scopes", oauth2.AuthStyleInHeader, []string{scopeW, scopeRead}, scopeW + " " + scopeRead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := clientcredentials.Config{
				ClientID: oe.machine.ClientID, ClientSecret: oe.machine.ClientSecret,
				TokenURL: oe.srv.URL + "/oauth2/token", Scopes: tt.scopes, AuthStyle: tt.style,
			}
			tok, err := cfg.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tok.TokenType != "Bearer" || tok.RefreshToken != "" || tok.Extra("id_token") != nil {
				t.Errorf("token type %q, refresh %q, id_token %v", tok.TokenType, tok.RefreshToken, tok.Extra("id_token"))
			}
			if got := tok.Extra("expires_in"); got != float64(3600) {
				t.Errorf("expires_in = %v, want 3600", got)
			}
			c := oe.claims(tok.AccessToken)
			now := float64(testStart.Unix())
			want := map[string]any{
				"sub": oe.machine.ClientID, "client_id": oe.machine.ClientID, "token_use": "access",
				"scope": tt.want, "iss": oe.srv.URL + "/" + oe.pool.ID, "version": float64(2),
				"auth_time": now, "iat": now, "exp": now + 3600,
			}
			for k, v := range want {
				if c[k] != v {
					t.Errorf("claim %s = %v, want %v", k, c[k], v)
				}
			}
			for _, k := range []string{"username", "aud", "origin_jti", "event_id", "cognito:groups"} {
				if _, ok := c[k]; ok {
					t.Errorf("claim %s present in a client_credentials token", k)
				}
			}
			if jti, _ := c["jti"].(string); len(jti) != 36 {
				t.Errorf("jti %q is not a UUID", jti)
			}
			if len(c) != len(want)+1 {
				t.Errorf("claims %v: want exactly %d", c, len(want)+1)
			}
			if kid := header(t, tok.AccessToken)["kid"]; kid == idKID {
				t.Errorf("client_credentials token signed with the ID token key %v", kid)
			}
		})
	}
}

// mustIDToken signs a user in and returns the ID token, to compare keys.
func (oe *oauthEnv) mustIDToken(t *testing.T) string {
	t.Helper()
	oe.f.MustCreateUser(oe.pool.ID, "keyuser", testPassword)
	out, err := oe.srpLogin("keyuser", testPassword, nil)
	return mustTokens(t, out, err).IDToken
}

func TestTokenEndpointErrors(t *testing.T) {
	oe := newOAuthEnv(t)
	m := oe.machine
	noFlag := oe.client(t, true, transport.ClientSettings{ClientName: "sdk-made"})
	codeOnly := oe.client(t, true, transport.ClientSettings{
		ClientName: "web", AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: []string{"code"},
		AllowedOAuthScopes: []string{"openid"}, CallbackURLs: []string{"https://app.example.com/cb"},
	})
	noCustom := oe.client(t, true, transport.ClientSettings{
		ClientName: "machine2", AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{apiID + "/admin"},
	})
	// The admin scope goes away after the client was allowed it.
	if _, err := oe.f.UpdateResourceServer(oe.ctx, &transport.ResourceServerInput{
		UserPoolID: oe.pool.ID, Identifier: apiID, Name: "api",
		Scopes: []transport.ResourceServerScope{{ScopeName: "read", ScopeDescription: "read"}, {ScopeName: "write", ScopeDescription: "write"}},
	}); err != nil {
		t.Fatal(err)
	}
	// A client of a pool without a domain.
	other := oe.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "nodomain"})
	ndc := oe.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: other.ID, GenerateSecret: true, ClientSettings: transport.ClientSettings{ClientName: "m"}})

	cc := func(extra ...string) url.Values {
		v := url.Values{"grant_type": {"client_credentials"}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Set(extra[i], extra[i+1])
		}
		return v
	}
	tests := []struct {
		name       string
		form       url.Values
		user, pass string
		want       string
	}{
		{"wrong secret in header", cc(), m.ClientID, "not-the-secret", "invalid_client"},
		{"wrong secret in form", cc("client_id", m.ClientID, "client_secret", "nope"), "", "", "invalid_client"},
		{"secret missing", cc("client_id", m.ClientID), "", "", "invalid_client"},
		{"unknown client", cc(), "nosuchclient", "secret", "invalid_client"},
		{"client ids disagree", cc("client_id", codeOnly.ClientID), m.ClientID, m.ClientSecret, "invalid_client"},
		{"no client at all", cc(), "", "", "invalid_request"},
		{"pool without a domain", cc(), ndc.ClientID, ndc.ClientSecret, "invalid_client"},
		{"no grant type", url.Values{}, m.ClientID, m.ClientSecret, "invalid_request"},
		{"password grant", url.Values{"grant_type": {"password"}}, m.ClientID, m.ClientSecret, "unsupported_grant_type"},
		{"client without the OAuth flag", cc(), noFlag.ClientID, noFlag.ClientSecret, "invalid_grant"},
		{"code client asks client_credentials", cc(), codeOnly.ClientID, codeOnly.ClientSecret, "unauthorized_client"},
		{"scope not allowed", cc("scope", apiID+"/admin"), m.ClientID, m.ClientSecret, "invalid_scope"},
		{"standard scope", cc("scope", "openid"), m.ClientID, m.ClientSecret, "invalid_scope"},
		{"unknown scope", cc("scope", "other/read"), m.ClientID, m.ClientSecret, "invalid_scope"},
		{"client's only scope deleted", cc(), noCustom.ClientID, noCustom.ClientSecret, "invalid_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := oe.postForm(t, "/oauth2/token", tt.form, tt.user, tt.pass)
			if status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", status)
			}
			var got map[string]string
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if len(got) != 1 || got["error"] != tt.want {
				t.Errorf("body %s, want {\"error\":%q}", body, tt.want)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if !strings.Contains(h.Get("Cache-Control"), "no-store") {
				t.Errorf("Cache-Control %q", h.Get("Cache-Control"))
			}
		})
	}
}

func TestTokenEndpointRequestShape(t *testing.T) {
	oe := newOAuthEnv(t)
	form := url.Values{"grant_type": {"client_credentials"}}.Encode()
	tests := []struct {
		name        string
		method      string
		contentType string
		body        string
		want        int
	}{
		{"GET", http.MethodGet, "", "", http.StatusMethodNotAllowed},
		{"JSON body", http.MethodPost, "application/json", `{"grant_type":"client_credentials"}`, http.StatusMethodNotAllowed},
		{"form with charset", http.MethodPost, "application/x-www-form-urlencoded; charset=UTF-8", form, http.StatusOK},
		{"body too large", http.MethodPost, "application/x-www-form-urlencoded", form + "&pad=" + strings.Repeat("a", maxOAuthForm), http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, oe.srv.URL+"/oauth2/token", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			req.SetBasicAuth(oe.machine.ClientID, oe.machine.ClientSecret)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

func TestDiscoveryAnnouncesServedEndpoints(t *testing.T) {
	oe := newOAuthEnv(t)
	bare := oe.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "bare"})
	get := func(poolID string) map[string]any {
		resp, err := http.Get(oe.srv.URL + "/" + poolID + "/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	tests := []struct {
		name   string
		poolID string
		want   map[string]any // nil: absent
	}{
		{"pool with a domain", oe.pool.ID, map[string]any{
			"authorization_endpoint": oe.srv.URL + "/oauth2/authorize",
			"token_endpoint":         oe.srv.URL + "/oauth2/token",
			"userinfo_endpoint":      oe.srv.URL + "/oauth2/userInfo",
			"revocation_endpoint":    oe.srv.URL + "/oauth2/revoke",
			"end_session_endpoint":   oe.srv.URL + "/logout",
			"issuer":                 oe.srv.URL + "/" + oe.pool.ID,
			"jwks_uri":               oe.srv.URL + "/" + oe.pool.ID + "/.well-known/jwks.json",
		}},
		{"pool without a domain", bare.ID, map[string]any{
			"token_endpoint": nil, "authorization_endpoint": nil, "userinfo_endpoint": nil,
			"revocation_endpoint": nil, "end_session_endpoint": nil,
			"issuer": oe.srv.URL + "/" + bare.ID,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := get(tt.poolID)
			for k, v := range tt.want {
				if d[k] != v {
					t.Errorf("%s = %v, want %v", k, d[k], v)
				}
			}
		})
	}
}

func TestBasicCredentialsEncodedOrNot(t *testing.T) {
	oe := newOAuthEnv(t)
	out, err := oe.f.CreateUserPoolClientWithID(oe.ctx, "my+machine", "s3cretValue", &transport.CreateUserPoolClientInput{
		UserPoolID: oe.pool.ID, GenerateSecret: true, ClientSettings: transport.ClientSettings{
			ClientName: "plus", AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows: []string{"client_credentials"}, AllowedOAuthScopes: []string{scopeRead},
		}})
	if err != nil {
		t.Fatal(err)
	}
	id, secret := out.UserPoolClient.ClientID, out.UserPoolClient.ClientSecret
	form := url.Values{"grant_type": {"client_credentials"}}
	tests := []struct {
		name       string
		user, pass string
		want       int
	}{
		{"form-encoded, as RFC 6749 says", url.QueryEscape(id), url.QueryEscape(secret), http.StatusOK},
		{"as they are, as curl -u sends them", id, secret, http.StatusOK},
		{"wrong secret either way", id, secret + "x", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, oe.srv.URL+"/oauth2/token", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(tt.user, tt.pass)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.want {
				t.Errorf("HTTP %d %s, want %d", res.StatusCode, body, tt.want)
			}
		})
	}
}
