package fakecognito

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gocognito/gocognito/internal/awsjson"
	"github.com/gocognito/gocognito/transport"
)

// ServeHTTP serves the fake over HTTP as Cognito does, so that any AWS SDK,
// amazon-cognito-identity-js, Amplify, boto3 or the AWS CLI can use it as its
// endpoint:
//
//   - POST / with X-Amz-Target AWSCognitoIdentityProviderService.<Operation>:
//     every operation of transport.Cognito in the AWS JSON 1.1 protocol, with
//     Cognito's error shapes and headers (see internal/awsjson). SigV4
//     signatures are accepted and not checked.
//   - GET /{poolId}/.well-known/jwks.json: the pool's signing keys (JWKS).
//   - GET /{poolId}/.well-known/openid-configuration: OpenID discovery, with
//     the issuer of Issuer and the jwks_uri under it, and the OAuth endpoints
//     below when the pool has a domain.
//   - The OAuth 2.0 endpoints of a pool's domain, for which the server's base
//     URL stands (the issuer base, else the host the request came to), the
//     pool being found from the client_id: GET /oauth2/authorize (code with
//     PKCE S256, implicit), GET /login (the same, as Cognito's login URL)
//     and the managed login pages under /login/ (package weblogin's
//     screens over the fake itself), POST /oauth2/token
//     (authorization_code, refresh_token, client_credentials), GET or POST
//     /oauth2/userInfo, POST /oauth2/revoke and GET /logout. See
//     docs/fake-server.md, "OAuth 2.0 and OpenID Connect endpoints".
//   - GET /health: 200 "ok", for readiness probes.
//   - GET /_gocognito/outbox (OutboxPath): the codes the fake "sent", as a
//     JSON list of Message, oldest first; with ?username=NAME only the last
//     message to that user (by user name, alias, e-mail or phone), 404 when
//     there is none; with ?poolId=ID (alone or with username) only messages
//     to users of that pool. Tests in other languages read SMS and e-mail
//     codes here.
//   - OPTIONS on any path: a CORS preflight; every answer allows any origin,
//     except the outbox's, which only Options.OutboxOrigins may read.
//
// An unknown pool on the two discovery paths is 404 with a
// ResourceNotFoundException body. Anything else gets Cognito's
// UnknownOperationException. Requests are logged, one line each and never a
// body, to Options.Logger.
//
// For tokens whose "iss" points at this server, call SetIssuerBase with the
// server's URL (for example httptest.Server.URL) before logging in: OpenID
// clients fetch the keys from the issuer.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		if r.URL.Path == "/health" {
			awsjson.AllowCrossOrigin(w.Header())
			writeBody(w, "text/plain; charset=utf-8", []byte("ok"))
			return
		}
		if r.URL.Path == OutboxPath {
			f.outboxCORS(w.Header(), r)
			f.serveOutbox(w, r)
			return
		}
		if poolID, doc, ok := wellKnown(r.URL.Path); ok {
			awsjson.AllowCrossOrigin(w.Header())
			switch doc {
			case "jwks.json":
				f.serveJWKS(w, poolID)
			case "openid-configuration":
				f.serveDiscovery(w, r, poolID)
			}
			return
		}
	}
	if r.Method == http.MethodOptions && r.URL.Path == OutboxPath {
		// A preflight for the outbox: only the origins allowed to read it.
		f.outboxCORS(w.Header(), r)
		w.Header().Set("Access-Control-Allow-Methods", "GET")
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if f.serveOAuth(w, r) {
		return
	}
	f.api.ServeHTTP(w, r)
}

// outboxCORS lets the browser of an allowed origin read the outbox. The
// outbox holds live codes and temporary passwords: with
// "Access-Control-Allow-Origin: *" any page a developer visits could read
// them from a local server, so only Options.OutboxOrigins may.
func (f *Fake) outboxCORS(h http.Header, r *http.Request) {
	h.Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if origin == "" {
		return
	}
	for _, o := range f.outboxOrigins {
		if o == "*" || o == origin {
			h.Set("Access-Control-Allow-Origin", origin)
			return
		}
	}
}

// OutboxPath is where ServeHTTP serves the outbox.
const OutboxPath = "/_gocognito/outbox"

func (f *Fake) serveOutbox(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	q := r.URL.Query()
	poolID := q.Get("poolId")
	var v any
	if name := q.Get("username"); name != "" {
		m, ok := f.outbox.LastIn(poolID, name)
		if !ok {
			body, _ := json.Marshal(map[string]string{"message": "no message to this user"})
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write(body)
			return
		}
		v = m
	} else {
		v = f.outbox.allIn(poolID) // [] rather than null when empty
	}
	body, err := json.Marshal(v)
	if err != nil {
		awsjson.WriteError(w, err)
		return
	}
	writeBody(w, "application/json", body)
}

// wellKnown splits "/{poolId}/.well-known/{doc}" for the documents served.
func wellKnown(path string) (poolID, doc string, ok bool) {
	rest, ok := strings.CutPrefix(path, "/")
	if !ok {
		return "", "", false
	}
	poolID, doc, ok = strings.Cut(rest, "/.well-known/")
	if !ok || poolID == "" || strings.Contains(poolID, "/") {
		return "", "", false
	}
	switch doc {
	case "jwks.json", "openid-configuration":
		return poolID, doc, true
	}
	return "", "", false
}

func (f *Fake) serveJWKS(w http.ResponseWriter, poolID string) {
	body, err := f.JWKS(poolID)
	if err != nil {
		writeDiscoveryError(w, err)
		return
	}
	writeBody(w, "application/json", body)
}

// discovery is the subset of OpenID Provider Metadata that the fake
// honours, with the fields real Cognito publishes. The endpoints of the
// pool's domain are announced only when the pool has a domain, since only
// then does the fake serve them for its clients.
type discovery struct {
	AuthorizationEndpoint             string   `json:"authorization_endpoint,omitempty"`
	EndSessionEndpoint                string   `json:"end_session_endpoint,omitempty"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	Issuer                            string   `json:"issuer"`
	JWKSURI                           string   `json:"jwks_uri"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	RevocationEndpoint                string   `json:"revocation_endpoint,omitempty"`
	ScopesSupported                   []string `json:"scopes_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	TokenEndpoint                     string   `json:"token_endpoint,omitempty"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	UserInfoEndpoint                  string   `json:"userinfo_endpoint,omitempty"`
}

func (f *Fake) serveDiscovery(w http.ResponseWriter, r *http.Request, poolID string) {
	// JWKS answers whether the pool exists, with the fake's own error.
	if _, err := f.JWKS(poolID); err != nil {
		writeDiscoveryError(w, err)
		return
	}
	f.mu.RLock()
	p := f.st.Pools[poolID]
	hasDomain := p != nil && p.Domain != nil
	f.mu.RUnlock()
	issuer := f.Issuer(poolID)
	d := discovery{
		Issuer:                            issuer,
		JWKSURI:                           issuer + "/.well-known/jwks.json",
		ResponseTypesSupported:            []string{"code", "token"},
		SubjectTypesSupported:             []string{"public"},
		IDTokenSigningAlgValuesSupported:  []string{"RS256"},
		TokenEndpointAuthMethodsSupported: []string{"client_secret_basic", "client_secret_post"},
		ScopesSupported:                   []string{"openid", "email", "phone", "profile"},
	}
	if hasDomain {
		f.announceEndpoints(&d, f.oauthBase(r))
	}
	body, err := json.Marshal(d)
	if err != nil {
		awsjson.WriteError(w, err)
		return
	}
	writeBody(w, "application/json", body)
}

// writeDiscoveryError answers a document request that failed: 404 for a
// pool that does not exist, since these are plain GETs of a resource.
func writeDiscoveryError(w http.ResponseWriter, err error) {
	var e *transport.Error
	if errors.As(err, &e) && errors.Is(err, transport.ErrResourceNotFound) {
		notFound := *e
		notFound.StatusCode = http.StatusNotFound
		err = &notFound
	}
	awsjson.WriteError(w, err)
}

func writeBody(w http.ResponseWriter, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
