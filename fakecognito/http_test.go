package fakecognito_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

const (
	httpUser     = "alice"
	httpPassword = "Corr3ct-Horse-Battery!"
	httpTarget   = "AWSCognitoIdentityProviderService."
)

// httpEpoch is the fake's frozen clock in these tests.
var httpEpoch = time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)

// httpFixture is a fake served by an httptest server, with one pool, one
// client that allows SRP and password logins, and one confirmed user.
type httpFixture struct {
	fake   *fakecognito.Fake
	srv    *httptest.Server
	poolID string
	client string
	logs   *lockedBuffer
}

// newHTTPFixture serves a new fake signing with keys (nil: the shared pair).
func newHTTPFixture(t testing.TB, keys *fakecognito.Keys) *httpFixture {
	t.Helper()
	logs := &lockedBuffer{}
	f := fakecognito.New(fakecognito.Options{
		Clock:  func() time.Time { return httpEpoch },
		Keys:   keys,
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "http-tests"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{
			ClientName:        "web",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
			// LEGACY, so that an unknown user shows UserNotFoundException's shape.
			PreventUserExistenceErrors: transport.PreventUserExistenceLegacy,
		},
	})
	f.MustCreateUser(pool.ID, httpUser, httpPassword, transport.Attr("email", "alice@example.com"))
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.SetIssuerBase(srv.URL)
	return &httpFixture{fake: f, srv: srv, poolID: pool.ID, client: client.ClientID, logs: logs}
}

// httpResponse is a raw answer of the server.
type httpResponse struct {
	status int
	header http.Header
	body   []byte
}

// do sends a raw request to the fixture's server.
func (fx *httpFixture) do(t testing.TB, method, path string, header map[string]string, body []byte) httpResponse {
	t.Helper()
	req, err := http.NewRequest(method, fx.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := fx.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return httpResponse{status: resp.StatusCode, header: resp.Header, body: b}
}

// call sends one Cognito operation the way the SDKs do.
func (fx *httpFixture) call(t testing.TB, op string, in any) httpResponse {
	t.Helper()
	body, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	return fx.do(t, http.MethodPost, "/", map[string]string{
		"Content-Type": "application/x-amz-json-1.1",
		"X-Amz-Target": httpTarget + op,
	}, body)
}

// decodeOK decodes a 200 answer into out.
func (r httpResponse) decodeOK(t testing.TB, out any) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, out); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
}

// cognitoError checks that r is an error in Cognito's shape, with agreeing
// headers and a request id, and returns its code and message.
func (r httpResponse) cognitoError(t testing.TB) (code, message string) {
	t.Helper()
	if r.header.Get("X-Amzn-RequestId") == "" {
		t.Error("no x-amzn-RequestId")
	}
	return r.errorShape(t)
}

// errorShape is cognitoError without the request id, which only API calls
// carry.
func (r httpResponse) errorShape(t testing.TB) (code, message string) {
	t.Helper()
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("status %d, body %q is not a Cognito error: %v", r.status, r.body, err)
	}
	if got := r.header.Get("Content-Type"); got != "application/x-amz-json-1.1" {
		t.Errorf("Content-Type %q", got)
	}
	typ := r.header.Get("X-Amzn-ErrorType")
	if name, ns, _ := strings.Cut(typ, ":"); name != e.Type || !strings.HasPrefix(ns, "http://internal.amazon.com/coral/") {
		t.Errorf("X-Amzn-ErrorType %q for __type %q", typ, e.Type)
	}
	if e.Message != "" && r.header.Get("X-Amzn-ErrorMessage") == "" {
		t.Error("no x-amzn-ErrorMessage")
	}
	return e.Type, e.Message
}

// srpLogin runs USER_SRP_AUTH over HTTP with the srp client and returns the
// tokens.
func (fx *httpFixture) srpLogin(t testing.TB, password string) (*transport.AuthenticationResult, httpResponse) {
	t.Helper()
	client, err := srp.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	var challenge transport.ChallengeOutput
	fx.call(t, "InitiateAuth", transport.InitiateAuthInput{
		AuthFlow:       transport.FlowUserSRP,
		ClientID:       fx.client,
		AuthParameters: map[string]string{transport.ParamUsername: httpUser, transport.ParamSRPA: client.SRPA()},
	}).decodeOK(t, &challenge)
	if challenge.ChallengeName != transport.ChallengePasswordVerifier {
		t.Fatalf("challenge %q, want PASSWORD_VERIFIER", challenge.ChallengeName)
	}
	p := challenge.ChallengeParameters
	poolName, err := srp.PoolName(fx.poolID)
	if err != nil {
		t.Fatal(err)
	}
	ts := srp.FormatTimestamp(httpEpoch)
	sig, err := client.PasswordSignature(poolName, p[transport.ParamUserIDForSRP], password,
		p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	if err != nil {
		t.Fatal(err)
	}
	resp := fx.call(t, "RespondToAuthChallenge", transport.RespondToAuthChallengeInput{
		ClientID:      fx.client,
		ChallengeName: transport.ChallengePasswordVerifier,
		Session:       challenge.Session,
		ChallengeResponses: map[string]string{
			transport.ParamUsername:         p[transport.ParamUserIDForSRP],
			transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
			transport.ParamClaimSignature:   sig,
			transport.ParamTimestamp:        ts,
		},
	})
	if resp.status != http.StatusOK {
		return nil, resp
	}
	var done transport.ChallengeOutput
	resp.decodeOK(t, &done)
	if done.AuthenticationResult == nil {
		t.Fatalf("no tokens: %s", resp.body)
	}
	return done.AuthenticationResult, resp
}

func TestHTTPSRPLogin(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	tokens, _ := fx.srpLogin(t, httpPassword)
	if tokens.AccessToken == "" || tokens.IDToken == "" || tokens.RefreshToken == "" || tokens.TokenType != "Bearer" {
		t.Fatalf("incomplete tokens: %v", tokens)
	}

	// The access token works over HTTP.
	var user transport.GetUserOutput
	fx.call(t, "GetUser", transport.AccessTokenInput{AccessToken: tokens.AccessToken}).decodeOK(t, &user)
	if user.Username != httpUser {
		t.Errorf("GetUser: %q", user.Username)
	}

	// Discovery leads to the JWKS, which verifies both tokens.
	var disc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	fx.do(t, http.MethodGet, "/"+fx.poolID+"/.well-known/openid-configuration", nil, nil).decodeOK(t, &disc)
	if want := fx.srv.URL + "/" + fx.poolID; disc.Issuer != want {
		t.Fatalf("issuer %q, want %q", disc.Issuer, want)
	}
	jwksResp := fx.do(t, http.MethodGet, strings.TrimPrefix(disc.JWKSURI, fx.srv.URL), nil, nil)
	if jwksResp.status != http.StatusOK {
		t.Fatalf("jwks_uri %s: %d", disc.JWKSURI, jwksResp.status)
	}
	set, err := jwk.Parse(jwksResp.body)
	if err != nil {
		t.Fatalf("JWKS %s: %v", jwksResp.body, err)
	}
	if set.Len() != 2 {
		t.Errorf("JWKS has %d keys, want 2", set.Len())
	}
	kids := map[string]string{}
	for use, token := range map[string]string{"id": tokens.IDToken, "access": tokens.AccessToken} {
		payload, err := jws.Verify([]byte(token), jws.WithKeySet(set))
		if err != nil {
			t.Fatalf("%s token does not verify against the JWKS: %v", use, err)
		}
		var claims map[string]any
		if err := json.Unmarshal(payload, &claims); err != nil {
			t.Fatal(err)
		}
		if claims["iss"] != disc.Issuer || claims["token_use"] != use {
			t.Errorf("%s token: iss %v, token_use %v", use, claims["iss"], claims["token_use"])
		}
		msg, err := jws.Parse([]byte(token))
		if err != nil {
			t.Fatal(err)
		}
		kids[use], _ = msg.Signatures()[0].ProtectedHeaders().KeyID()
	}
	if kids["id"] == "" || kids["id"] == kids["access"] {
		t.Errorf("ID and access tokens share kid %q", kids["id"])
	}

	// A token from a fake with other keys does not verify against this JWKS.
	keys, err := fakecognito.NewKeys(nil)
	if err != nil {
		t.Fatal(err)
	}
	other := newHTTPFixture(t, keys)
	otherTokens, _ := other.srpLogin(t, httpPassword)
	if _, err := jws.Verify([]byte(otherTokens.IDToken), jws.WithKeySet(set)); err == nil {
		t.Error("a token signed with other keys verifies against this JWKS")
	}
}

func TestHTTPErrors(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	tests := []struct {
		name       string
		op         string
		in         any
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{name: "wrong password", op: "InitiateAuth", in: transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserPassword, ClientID: fx.client,
			AuthParameters: map[string]string{"USERNAME": httpUser, "PASSWORD": "wrong-Passw0rd!"},
		}, wantStatus: 400, wantCode: "NotAuthorizedException", wantMsg: "Incorrect username or password."},
		{name: "unknown user", op: "InitiateAuth", in: transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserPassword, ClientID: fx.client,
			AuthParameters: map[string]string{"USERNAME": "mallory", "PASSWORD": "x"},
		}, wantStatus: 400, wantCode: "UserNotFoundException", wantMsg: "User does not exist."},
		{name: "unknown client", op: "InitiateAuth", in: transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserSRP, ClientID: "nosuchclient",
			AuthParameters: map[string]string{"USERNAME": httpUser, "SRP_A": "abc"},
		}, wantStatus: 400, wantCode: "ResourceNotFoundException"},
		{name: "flow not allowed", op: "InitiateAuth", in: transport.InitiateAuthInput{
			AuthFlow: transport.FlowCustom, ClientID: fx.client,
			AuthParameters: map[string]string{"USERNAME": httpUser},
		}, wantStatus: 400, wantCode: "InvalidParameterException"},
		{name: "bad SRP_A", op: "InitiateAuth", in: transport.InitiateAuthInput{
			AuthFlow: transport.FlowUserSRP, ClientID: fx.client,
			AuthParameters: map[string]string{"USERNAME": httpUser, "SRP_A": "not hex"},
		}, wantStatus: 400, wantCode: "InvalidParameterException"},
		{name: "forged secret block", op: "RespondToAuthChallenge", in: transport.RespondToAuthChallengeInput{
			ClientID: fx.client, ChallengeName: transport.ChallengePasswordVerifier,
			ChallengeResponses: map[string]string{
				"USERNAME": httpUser, "PASSWORD_CLAIM_SECRET_BLOCK": "Zm9yZ2Vk", "PASSWORD_CLAIM_SIGNATURE": "c2ln",
				"TIMESTAMP": srp.FormatTimestamp(httpEpoch),
			},
		}, wantStatus: 400, wantCode: "NotAuthorizedException"},
		{name: "bad access token", op: "GetUser", in: transport.AccessTokenInput{AccessToken: "eyJhbGciOiJub25lIn0.e30."},
			wantStatus: 400, wantCode: "NotAuthorizedException"},
		{name: "unknown pool", op: "DescribeUserPool", in: transport.PoolRef{UserPoolID: "us-east-1_nosuchpool"},
			wantStatus: 400, wantCode: "ResourceNotFoundException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fx.call(t, tt.op, tt.in)
			if r.status != tt.wantStatus {
				t.Errorf("status %d, want %d", r.status, tt.wantStatus)
			}
			code, msg := r.cognitoError(t)
			if code != tt.wantCode {
				t.Errorf("__type %q, want %q (%s)", code, tt.wantCode, msg)
			}
			if tt.wantMsg != "" && msg != tt.wantMsg {
				t.Errorf("message %q, want %q", msg, tt.wantMsg)
			}
		})
	}
}

func TestHTTPWrongPasswordSRP(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	tokens, resp := fx.srpLogin(t, "Wrong-Passw0rd!")
	if tokens != nil {
		t.Fatal("a wrong password logged in")
	}
	if code, msg := resp.cognitoError(t); resp.status != 400 || code != "NotAuthorizedException" || msg != "Incorrect username or password." {
		t.Errorf("got %d %s %q", resp.status, code, msg)
	}
}

func TestHTTPCORS(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	pre := fx.do(t, http.MethodOptions, "/", map[string]string{
		"Origin":                         "http://localhost:5173",
		"Access-Control-Request-Method":  "POST",
		"Access-Control-Request-Headers": "content-type,x-amz-target,x-amz-user-agent",
	}, nil)
	if pre.status != http.StatusOK {
		t.Fatalf("preflight status %d", pre.status)
	}
	for k, want := range map[string]string{
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Headers": "content-type,x-amz-target,x-amz-user-agent",
	} {
		if got := pre.header.Get(k); got != want {
			t.Errorf("preflight %s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "POST") || pre.header.Get("Access-Control-Max-Age") == "" {
		t.Errorf("preflight headers %v", pre.header)
	}

	// The actual calls, success and failure, and the JWKS are readable
	// cross-origin, with the headers the SDKs read.
	origin := map[string]string{"Origin": "http://localhost:5173", "Content-Type": "application/x-amz-json-1.1"}
	for name, r := range map[string]httpResponse{
		"error": fx.do(t, http.MethodPost, "/", withTarget(origin, "InitiateAuth"),
			[]byte(`{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"`+fx.client+`","AuthParameters":{"USERNAME":"alice","PASSWORD":"nope"}}`)),
		"success": fx.do(t, http.MethodPost, "/", withTarget(origin, "DescribeUserPool"), []byte(`{"UserPoolId":"`+fx.poolID+`"}`)),
		"jwks":    fx.do(t, http.MethodGet, "/"+fx.poolID+"/.well-known/jwks.json", map[string]string{"Origin": "http://localhost:5173"}, nil),
	} {
		if r.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: no Access-Control-Allow-Origin", name)
		}
		expose := strings.ToLower(r.header.Get("Access-Control-Expose-Headers"))
		for _, h := range []string{"x-amzn-requestid", "x-amzn-errortype", "x-amzn-errormessage"} {
			if !strings.Contains(expose, h) {
				t.Errorf("%s: %s not exposed (%q)", name, h, expose)
			}
		}
	}
}

func withTarget(h map[string]string, op string) map[string]string {
	out := map[string]string{"X-Amz-Target": httpTarget + op}
	for k, v := range h {
		out[k] = v
	}
	return out
}

func TestHTTPDocuments(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantType   string // Content-Type
		wantCode   string // __type of an error
		check      func(t *testing.T, body []byte)
	}{
		{name: "jwks", method: "GET", path: "/" + fx.poolID + "/.well-known/jwks.json", wantStatus: 200, wantType: "application/json",
			check: func(t *testing.T, body []byte) {
				var set struct {
					Keys []map[string]string `json:"keys"`
				}
				if err := json.Unmarshal(body, &set); err != nil || len(set.Keys) != 2 {
					t.Fatalf("JWKS %s: %v", body, err)
				}
				for _, k := range set.Keys {
					if k["kty"] != "RSA" || k["alg"] != "RS256" || k["use"] != "sig" || k["kid"] == "" || k["n"] == "" || k["e"] == "" {
						t.Errorf("key %v", k)
					}
					if _, private := k["d"]; private {
						t.Error("JWKS publishes a private key")
					}
				}
			}},
		{name: "openid configuration", method: "GET", path: "/" + fx.poolID + "/.well-known/openid-configuration", wantStatus: 200, wantType: "application/json",
			check: func(t *testing.T, body []byte) {
				var d map[string]any
				if err := json.Unmarshal(body, &d); err != nil {
					t.Fatal(err)
				}
				issuer := fx.srv.URL + "/" + fx.poolID
				want := map[string]any{
					"issuer":                                issuer,
					"jwks_uri":                              issuer + "/.well-known/jwks.json",
					"response_types_supported":              []any{"code", "token"},
					"subject_types_supported":               []any{"public"},
					"id_token_signing_alg_values_supported": []any{"RS256"},
					"token_endpoint_auth_methods_supported": []any{"client_secret_basic", "client_secret_post"},
					"scopes_supported":                      []any{"openid", "email", "phone", "profile"},
				}
				for k, v := range want {
					if got, _ := json.Marshal(d[k]); string(got) != mustJSON(v) {
						t.Errorf("%s = %s, want %s", k, got, mustJSON(v))
					}
				}
				for _, absent := range []string{"authorization_endpoint", "token_endpoint", "userinfo_endpoint"} {
					if _, ok := d[absent]; ok {
						t.Errorf("announces %s, which the fake does not serve", absent)
					}
				}
			}},
		{name: "health", method: "GET", path: "/health", wantStatus: 200, wantType: "text/plain; charset=utf-8",
			check: func(t *testing.T, body []byte) {
				if string(body) != "ok" {
					t.Errorf("body %q", body)
				}
			}},
		{name: "HEAD health", method: "HEAD", path: "/health", wantStatus: 200, wantType: "text/plain; charset=utf-8"},
		{name: "HEAD jwks", method: "HEAD", path: "/" + fx.poolID + "/.well-known/jwks.json", wantStatus: 200, wantType: "application/json"},
		{name: "jwks of unknown pool", method: "GET", path: "/us-east-1_nosuchpool/.well-known/jwks.json", wantStatus: 404, wantCode: "ResourceNotFoundException"},
		{name: "discovery of unknown pool", method: "GET", path: "/us-east-1_nosuchpool/.well-known/openid-configuration", wantStatus: 404, wantCode: "ResourceNotFoundException"},
		{name: "other well-known document", method: "GET", path: "/" + fx.poolID + "/.well-known/security.txt", wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "nested pool path", method: "GET", path: "/a/" + fx.poolID + "/.well-known/jwks.json", wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "empty pool", method: "GET", path: "/%2F.well-known/jwks.json", wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "POST to jwks", method: "POST", path: "/" + fx.poolID + "/.well-known/jwks.json", wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "GET root", method: "GET", path: "/", wantStatus: 404, wantCode: "UnknownOperationException"},
		{name: "POST health", method: "POST", path: "/health", wantStatus: 404, wantCode: "UnknownOperationException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fx.do(t, tt.method, tt.path, nil, nil)
			if r.status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", r.status, tt.wantStatus, r.body)
			}
			if tt.wantCode != "" {
				if code, _ := r.errorShape(t); code != tt.wantCode {
					t.Errorf("__type %q, want %q", code, tt.wantCode)
				}
				return
			}
			if got := r.header.Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type %q, want %q", got, tt.wantType)
			}
			if r.header.Get("Access-Control-Allow-Origin") != "*" {
				t.Error("not readable cross-origin")
			}
			if tt.check != nil {
				tt.check(t, r.body)
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestHTTPHostileInputs(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	json11 := "application/x-amz-json-1.1"
	tests := []struct {
		name     string
		target   string
		ctype    string
		body     string
		wantCode string
	}{
		{name: "malformed JSON", target: "InitiateAuth", ctype: json11, body: `{"AuthFlow":`, wantCode: "SerializationException"},
		{name: "wrong field type", target: "InitiateAuth", ctype: json11, body: `{"AuthParameters":["USERNAME"]}`, wantCode: "SerializationException"},
		{name: "body over 1 MiB", target: "InitiateAuth", ctype: json11, body: `{"ClientId":"` + strings.Repeat("a", 1<<20) + `"}`, wantCode: "SerializationException"},
		{name: "unknown operation", target: "DropAllPools", ctype: json11, body: `{}`, wantCode: "UnknownOperationException"},
		{name: "no target", target: "", ctype: json11, body: `{}`, wantCode: "UnknownOperationException"},
		{name: "form post", target: "InitiateAuth", ctype: "application/x-www-form-urlencoded", body: `AuthFlow=USER_SRP_AUTH`, wantCode: "UnknownOperationException"},
		{name: "empty body reaches the fake", target: "InitiateAuth", ctype: json11, body: ``, wantCode: "InvalidParameterException"},
		{name: "huge SRP_A", target: "InitiateAuth", ctype: json11,
			body:     `{"AuthFlow":"USER_SRP_AUTH","ClientId":"CLIENT","AuthParameters":{"USERNAME":"alice","SRP_A":"` + strings.Repeat("f", 100000) + `"}}`,
			wantCode: "InvalidParameterException"},
		{name: "NUL in username", target: "InitiateAuth", ctype: json11,
			body:     `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"CLIENT","AuthParameters":{"USERNAME":"al\u0000ice","PASSWORD":"x"}}`,
			wantCode: "*"},
		{name: "challenge without responses", target: "RespondToAuthChallenge", ctype: json11,
			body: `{"ClientId":"CLIENT","ChallengeName":"PASSWORD_VERIFIER"}`, wantCode: "*"},
		{name: "negative limit", target: "ListUsers", ctype: json11, body: `{"UserPoolId":"POOL","Limit":-5}`, wantCode: "*"},
		{name: "garbage pagination token", target: "ListUsers", ctype: json11, body: `{"UserPoolId":"POOL","PaginationToken":"\u00ff\u0000!!"}`, wantCode: "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := map[string]string{"Content-Type": tt.ctype}
			if tt.target != "" {
				h["X-Amz-Target"] = httpTarget + tt.target
			}
			body := strings.NewReplacer("CLIENT", fx.client, "POOL", fx.poolID).Replace(tt.body)
			r := fx.do(t, http.MethodPost, "/", h, []byte(body))
			if r.status < 400 || r.status > 499 {
				t.Fatalf("status %d, want a 4xx: %.200s", r.status, r.body)
			}
			code, _ := r.cognitoError(t)
			if tt.wantCode != "*" && code != tt.wantCode {
				t.Errorf("__type %q, want %q", code, tt.wantCode)
			}
		})
	}
}

// Requests reach the fake's logger, one line each, without secrets.
func TestHTTPLogging(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	fx.srpLogin(t, httpPassword)
	fx.call(t, "InitiateAuth", transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserPassword, ClientID: fx.client,
		AuthParameters: map[string]string{"USERNAME": httpUser, "PASSWORD": httpPassword},
	})
	logs := fx.logs.String()
	for _, want := range []string{`"msg":"cognito request"`, `"op":"RespondToAuthChallenge"`, `"status":200`, `"request_id":`} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, httpPassword) {
		t.Errorf("log holds the password:\n%s", logs)
	}
}

// FuzzServeHTTP sends arbitrary requests to a fake with a pool, a client and
// a user: whatever comes in, the answer is a Cognito-shaped 4xx or a 200,
// never a 5xx and never a panic.
func FuzzServeHTTP(f *testing.F) {
	seeds := []struct{ method, path, target, body string }{
		{"POST", "/", "InitiateAuth", `{"AuthFlow":"USER_SRP_AUTH","ClientId":"CLIENT","AuthParameters":{"USERNAME":"alice","SRP_A":"ab12"}}`},
		{"POST", "/", "InitiateAuth", `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"CLIENT","AuthParameters":{"USERNAME":"alice","PASSWORD":"x"}}`},
		{"POST", "/", "RespondToAuthChallenge", `{"ClientId":"CLIENT","ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{"USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"AAAA","PASSWORD_CLAIM_SIGNATURE":"AAAA","TIMESTAMP":"Tue Mar 5 07:08:09 UTC 2024"}}`},
		{"POST", "/", "ListUsers", `{"UserPoolId":"POOL","Filter":"email ^= \"a\"","Limit":1}`},
		{"POST", "/", "GetUser", `{"AccessToken":"a.b.c"}`},
		{"POST", "/", "SignUp", `{"ClientId":"CLIENT","Username":"bob","Password":"Passw0rd!"}`},
		{"POST", "/", "CreateUserPool", `{"PoolName":"p"}`},
		{"GET", "/POOL/.well-known/jwks.json", "", ``},
		{"GET", "/POOL/.well-known/openid-configuration", "", ``},
		{"GET", "/health", "", ``},
		{"OPTIONS", "/", "", ``},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.target, []byte(s.body))
	}
	fx := newHTTPFixture(f, nil)
	replace := strings.NewReplacer("CLIENT", fx.client, "POOL", fx.poolID)
	f.Fuzz(func(t *testing.T, method, path, target string, body []byte) {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Method, r.URL.Path = method, replace.Replace(path)
		b := []byte(replace.Replace(string(body)))
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		r.Header.Set("Content-Type", "application/x-amz-json-1.1")
		r.Header.Set("X-Amz-Target", httpTarget+target)
		w := httptest.NewRecorder()
		fx.fake.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s %s %q: status %d: %s", method, path, target, b, w.Code, w.Body)
		}
	})
}

// Any HTTP client can log in to a served fake: here, raw AWS JSON 1.1
// requests as the SDKs send them.
func ExampleFake_ServeHTTP() {
	f := fakecognito.New(fakecognito.Options{})
	srv := httptest.NewServer(f)
	defer srv.Close()
	f.SetIssuerBase(srv.URL) // tokens' issuer is now this server

	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{
			ClientName:        "web",
			ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
		},
	})
	f.MustCreateUser(pool.ID, "alice", "Corr3ct-Horse!")

	login := func(password string) {
		body := `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"` + client.ClientID +
			`","AuthParameters":{"USERNAME":"alice","PASSWORD":"` + password + `"}}`
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		var out struct {
			AuthenticationResult *struct{ TokenType string }
			Type                 string `json:"__type"`
			Message              string `json:"message"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&out)
		if out.AuthenticationResult != nil {
			fmt.Println(resp.StatusCode, out.AuthenticationResult.TokenType)
			return
		}
		fmt.Println(resp.StatusCode, out.Type, out.Message)
	}
	login("Corr3ct-Horse!")
	login("wrong")

	resp, err := http.Get(srv.URL + "/" + pool.ID + "/.well-known/jwks.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var jwks struct{ Keys []map[string]string }
	_ = json.NewDecoder(resp.Body).Decode(&jwks)
	fmt.Println(resp.StatusCode, len(jwks.Keys), "keys")
	// Output:
	// 200 Bearer
	// 400 NotAuthorizedException Incorrect username or password.
	// 200 2 keys
}

// lockedBuffer collects log output from concurrent requests.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestHTTPOutbox(t *testing.T) {
	fx := newHTTPFixture(t, nil)
	get := func(query string) (int, []byte) {
		t.Helper()
		resp, err := fx.srv.Client().Get(fx.srv.URL + fakecognito.OutboxPath + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, b
	}
	if code, body := get(""); code != http.StatusOK || strings.TrimSpace(string(body)) != "[]" {
		t.Fatalf("empty outbox: %d %s", code, body)
	}
	if code, _ := get("?username=" + httpUser); code != http.StatusNotFound {
		t.Fatalf("no message yet: status %d, want 404", code)
	}
	if _, err := fx.fake.ForgotPassword(context.Background(), &transport.ForgotPasswordInput{ClientID: fx.client, Username: httpUser}); err != nil {
		t.Fatal(err)
	}
	want := fx.fake.Outbox().LastCode(httpUser)
	if want == "" {
		t.Fatal("ForgotPassword sent no code")
	}
	for _, name := range []string{httpUser, "alice@example.com"} {
		code, body := get("?username=" + url.QueryEscape(name))
		var m fakecognito.Message
		if code != http.StatusOK || json.Unmarshal(body, &m) != nil || m.Code != want || m.Purpose != fakecognito.PurposeForgotPassword || m.PoolID != fx.poolID {
			t.Errorf("outbox for %s: %d %s", name, code, body)
		}
	}
	code, body := get("")
	var all []fakecognito.Message
	if code != http.StatusOK || json.Unmarshal(body, &all) != nil || len(all) != 1 || all[0].Code != want {
		t.Errorf("whole outbox: %d %s", code, body)
	}

	// The same name in another pool: ?poolId= keeps suites that share a
	// server from reading each other's codes.
	other := fx.fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "other"})
	oc := fx.fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: other.ID, ClientSettings: transport.ClientSettings{ClientName: "web"}})
	fx.fake.MustCreateUser(other.ID, httpUser, httpPassword, transport.Attr("email", "alice@example.com"))
	if _, err := fx.fake.ForgotPassword(context.Background(), &transport.ForgotPasswordInput{ClientID: oc.ClientID, Username: httpUser}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query, wantPool string
		status          int
	}{
		{"?username=" + httpUser, other.ID, http.StatusOK},
		{"?poolId=" + fx.poolID + "&username=" + httpUser, fx.poolID, http.StatusOK},
		{"?poolId=" + other.ID + "&username=" + httpUser, other.ID, http.StatusOK},
		{"?poolId=us-east-1_nopool000&username=" + httpUser, "", http.StatusNotFound},
	} {
		code, body := get(tt.query)
		var m fakecognito.Message
		if code != tt.status || code == http.StatusOK && (json.Unmarshal(body, &m) != nil || m.PoolID != tt.wantPool) {
			t.Errorf("outbox%s: %d %s, want %d from pool %q", tt.query, code, body, tt.status, tt.wantPool)
		}
	}
	for _, tt := range []struct {
		pool string
		n    int
	}{{"", 2}, {fx.poolID, 1}, {other.ID, 1}, {"us-east-1_nopool000", 0}} {
		code, body := get("?poolId=" + tt.pool)
		var list []fakecognito.Message
		if code != http.StatusOK || json.Unmarshal(body, &list) != nil || len(list) != tt.n || tt.n > 0 && tt.pool != "" && list[0].PoolID != tt.pool {
			t.Errorf("outbox?poolId=%s: %d %s, want %d messages", tt.pool, code, body, tt.n)
		}
	}
}
