package fakecognito

import (
	"encoding/json"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The OAuth 2.0 endpoints of a pool's domain. The fake's base URL (what
// `serve` listens on, or what SetIssuerBase was given) stands for every
// pool's domain: the pool is found from the client_id, unique across pools,
// and a client whose pool has no domain is refused as if it were not there.
const (
	pathAuthorize = "/oauth2/authorize"
	pathToken     = "/oauth2/token"
	pathUserInfo  = "/oauth2/userInfo"
	pathRevoke    = "/oauth2/revoke"
	pathLogout    = "/logout"
	pathLogin     = "/login"
)

// maxOAuthForm bounds the form body of an OAuth request; Cognito's tokens
// and codes are a few KiB.
const maxOAuthForm = 64 << 10

// serveOAuth serves the OAuth 2.0 and OpenID Connect endpoints, and reports
// false for any other path.
func (f *Fake) serveOAuth(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodOptions {
		// CORS preflights (userInfo's Authorization header) are the API
		// handler's, which answers them for every path.
		return false
	}
	switch path := r.URL.Path; {
	case path == pathToken, path == pathAuthorize, path == pathLogin, strings.HasPrefix(path, pathLogin+"/"),
		path == pathUserInfo, path == pathRevoke, path == pathLogout:
	default:
		return false
	}
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	f.routeOAuth(sw, r)
	// One line a request, like the API's; never the query or the body,
	// which carry codes, tokens and secrets.
	level := slog.LevelInfo
	if sw.status >= 500 {
		level = slog.LevelError
	}
	f.log.LogAttrs(r.Context(), level, "oauth request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	return true
}

// statusWriter remembers the status written, for the log line.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (f *Fake) routeOAuth(w http.ResponseWriter, r *http.Request) {
	switch path := r.URL.Path; {
	case path == pathToken:
		f.serveToken(w, r)
	case path == pathAuthorize, path == pathLogin:
		f.serveAuthorize(w, r)
	case strings.HasPrefix(path, pathLogin+"/"):
		f.serveLogin(w, r)
	case path == pathUserInfo:
		f.serveUserInfo(w, r)
	case path == pathRevoke:
		f.serveRevoke(w, r)
	case path == pathLogout:
		f.serveLogout(w, r)
	}
}

// oauthError is an error of an OAuth endpoint: Cognito answers
// {"error":"invalid_grant"} and no error_description.
type oauthError struct {
	code   string
	status int
}

// The OAuth errors of the token endpoint, all with status 400 (AWS
// developer guide, "Token endpoint", sample error response).
var (
	errInvalidRequest       = &oauthError{"invalid_request", http.StatusBadRequest}
	errInvalidClient        = &oauthError{"invalid_client", http.StatusBadRequest}
	errInvalidGrant         = &oauthError{"invalid_grant", http.StatusBadRequest}
	errUnauthorizedClient   = &oauthError{"unauthorized_client", http.StatusBadRequest}
	errUnsupportedGrantType = &oauthError{"unsupported_grant_type", http.StatusBadRequest}
	errInvalidScope         = &oauthError{"invalid_scope", http.StatusBadRequest}
)

func (e *oauthError) Error() string { return "fakecognito: oauth: " + e.code }

// noStore marks an answer that carries tokens or a decision about them as
// Cognito marks its token endpoint's answers.
func noStore(h http.Header) {
	h.Set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
	h.Set("Pragma", "no-cache")
}

// writeOAuthJSON writes a JSON answer of an OAuth endpoint.
func writeOAuthJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"server_error"}`)
	}
	h := w.Header()
	noStore(h)
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeOAuthError(w http.ResponseWriter, e *oauthError) {
	writeOAuthJSON(w, e.status, map[string]string{"error": e.code})
}

// readOAuthForm reads a POST's form, bounded, and refuses a body that is
// not application/x-www-form-urlencoded (false: the answer is written).
// Parameters in the query string count too, as Cognito takes them there.
func readOAuthForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		w.WriteHeader(http.StatusMethodNotAllowed)
		return nil, false
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		// Cognito answers 405 with an empty body to a POST of another
		// content type (amazon-cognito-auth-js #52).
		w.Header().Set("Allow", http.MethodPost)
		w.WriteHeader(http.StatusMethodNotAllowed)
		return nil, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxOAuthForm)
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, errInvalidRequest)
		return nil, false
	}
	return r.Form, true
}

// clientCredentials are what a request presents to authenticate its app
// client: HTTP Basic (client_secret_basic) or form fields
// (client_secret_post), or a client_id alone for a public client. Basic
// credentials are form-encoded before base64 (RFC 6749, section 2.3.1), as
// golang.org/x/oauth2 sends them, but curl -u and many clients send them as
// they are; rawID and rawSecret keep them undecoded, and either form is
// accepted.
type clientCredentials struct {
	id, secret       string
	rawID, rawSecret string
}

// String keeps the secret out of logs and %v.
func (c clientCredentials) String() string { return "client " + c.id }

// presentedClient reads the client's credentials; a client_id in the form
// that names another client than the header is refused.
func presentedClient(r *http.Request, form url.Values) (clientCredentials, *oauthError) {
	formID := form.Get("client_id")
	if user, pass, ok := r.BasicAuth(); ok {
		id, err1 := url.QueryUnescape(user)
		secret, err2 := url.QueryUnescape(pass)
		if err1 != nil || err2 != nil {
			id, secret = user, pass
		}
		if user == "" {
			return clientCredentials{}, errInvalidClient
		}
		if formID != "" && formID != id && formID != user {
			return clientCredentials{}, errInvalidClient
		}
		return clientCredentials{id: id, secret: secret, rawID: user, rawSecret: pass}, nil
	}
	if formID == "" {
		return clientCredentials{}, errInvalidRequest
	}
	secret := form.Get("client_secret")
	return clientCredentials{id: formID, secret: secret, rawID: formID, rawSecret: secret}, nil
}

// oauthClientLocked authenticates a request's app client: it must exist,
// belong to a pool with a domain, and present its secret (compared in
// constant time) when it has one, and none when it has none. The caller
// holds f.mu.
func (f *Fake) oauthClientLocked(cc clientCredentials) (*pool, *client, *oauthError) {
	c := f.st.Clients[cc.id]
	if c == nil {
		c = f.st.Clients[cc.rawID]
	}
	if c == nil {
		return nil, nil, errInvalidClient
	}
	p := f.st.Pools[c.PoolID]
	if p == nil || p.Domain == nil {
		return nil, nil, errInvalidClient
	}
	switch {
	case c.Secret == "" && cc.secret != "":
		return nil, nil, errInvalidClient
	case c.Secret != "" && !constantEqual(c.Secret, cc.secret) && !constantEqual(c.Secret, cc.rawSecret):
		return nil, nil, errInvalidClient
	}
	return p, c, nil
}

// oauthBase is the URL that stands for every pool's domain: the issuer
// base when one is set, else the scheme and host the request came to.
func (f *Fake) oauthBase(r *http.Request) string {
	f.keysMu.RLock()
	base := f.issuerBase
	f.keysMu.RUnlock()
	if base != "" {
		return strings.TrimSuffix(base, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// scopeList splits a scope parameter (space separated) without repeats,
// in the order given.
func scopeList(s string) []string {
	var out []string
	for _, sc := range strings.Fields(s) {
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out
}

// announceEndpoints fills in discovery the endpoints the fake serves on a
// pool's domain (base), as Cognito's discovery lists its domain's.
func (f *Fake) announceEndpoints(d *discovery, base string) {
	d.AuthorizationEndpoint = base + pathAuthorize
	d.TokenEndpoint = base + pathToken
	d.UserInfoEndpoint = base + pathUserInfo
	d.RevocationEndpoint = base + pathRevoke
	d.EndSessionEndpoint = base + pathLogout
}
