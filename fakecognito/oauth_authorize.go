package fakecognito

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Cookies of the managed login. loginCookie carries the id of the
// authorization request the login pages serve; sessionCookie the
// managed-login session, named as Cognito names its own ("cognito").
const (
	authzCookie   = "gocognito_authorize"
	sessionCookie = "cognito"
)

// pkcePattern is RFC 7636's code_challenge and code_verifier: 43 to 128
// unreserved characters.
var pkcePattern = regexp.MustCompile(`^[A-Za-z0-9\-._~]{43,128}$`)

// serveAuthorize is GET /oauth2/authorize, and GET /login with the same
// parameters (Cognito's login URL, which apps link to directly). A request
// whose client or redirect_uri cannot be trusted gets an error page; once
// redirect_uri is trusted, errors go back to it as ?error=...&state=....
// A valid request goes on to the managed login pages, or straight back to
// the app with a code (or tokens) when the browser holds a managed-login
// session of the pool.
func (f *Fake) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		// "The /oauth2/authorize endpoint only supports HTTPS GET."
		w.Header().Set("Allow", http.MethodGet)
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	req, redirectErr, pageErr := f.checkAuthorize(q)
	if pageErr != "" {
		errorPage(w, http.StatusBadRequest, pageErr)
		return
	}
	if redirectErr != "" {
		redirectTo(w, r, req.redirectURI, url.Values{"error": {redirectErr}}, req.state, false)
		return
	}
	if q.Get("prompt") != "login" {
		if s, ok := f.loginSessionOf(r, req.poolID); ok {
			f.completeAuthorize(w, r, req, s.username, s.sub, s.authTime)
			return
		}
	}
	id, err := f.newOpaque(32)
	if err != nil {
		f.authorizeFailed(w, r, req, err)
		return
	}
	req.expires = f.clock().Add(authzTTL)
	f.lockW()
	err = f.oauthRoomLocked()
	if err == nil {
		f.st.oauth.requests[id] = req
	}
	f.unlockW()
	if err != nil {
		f.authorizeFailed(w, r, req, err)
		return
	}
	setCookie(w, r, authzCookie, id, pathLogin+"/", req.expires)
	http.Redirect(w, r, pathLogin+"/", http.StatusFound)
}

// checkAuthorize checks an authorization request as Cognito does. pageErr
// is set while the redirect_uri cannot be trusted; after, redirectErr.
func (f *Fake) checkAuthorize(q url.Values) (req *authzRequest, redirectErr, pageErr string) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	c := f.st.Clients[q.Get("client_id")]
	if c == nil {
		return nil, "", "invalid_request"
	}
	p := f.st.Pools[c.PoolID]
	if p == nil || p.Domain == nil {
		return nil, "", "invalid_request"
	}
	ru := q.Get("redirect_uri")
	if ru == "" {
		// "The default redirect URI. In app clients with one assigned
		// IdP, replaces redirect_uri in authentication requests."
		ru = c.Settings.DefaultRedirectURI
	}
	if ru == "" || !c.Settings.AllowedOAuthFlowsUserPoolClient || !slices.Contains(c.Settings.CallbackURLs, ru) {
		return nil, "", "redirect_mismatch"
	}
	req = &authzRequest{clientID: c.ID, poolID: p.ID, redirectURI: ru, state: q.Get("state"), nonce: q.Get("nonce"),
		responseType: q.Get("response_type")}
	flow := ""
	switch req.responseType {
	case "code":
		flow = oauthCode
	case "token":
		flow = oauthImplicit
	default:
		return req, "invalid_request", ""
	}
	if !slices.Contains(c.Settings.AllowedOAuthFlows, flow) {
		return req, "unauthorized_client", ""
	}
	if idp := q.Get("identity_provider"); idp != "" && idp != "COGNITO" {
		return req, "invalid_request", ""
	}
	if flow == oauthCode {
		challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
		switch {
		case challenge == "" && method == "":
		case method != "S256" || !pkcePattern.MatchString(challenge):
			// "The PKCE RFC defines two methods, S256 and plain; however,
			// Amazon Cognito authentication server supports only S256."
			return req, "invalid_request", ""
		default:
			req.challenge = challenge
		}
	}
	scopes, ok := grantedScopes(p, c, scopeList(q.Get("scope")))
	if !ok {
		return req, "invalid_scope", ""
	}
	req.scopes = scopes
	return req, "", ""
}

// grantedScopes decides the scopes of a user's sign-in: every scope asked
// for must exist (a standard scope or a resource server's), and those the
// client does not allow are dropped; none asked for means all the client
// allows. An empty result is refused.
func grantedScopes(p *pool, c *client, asked []string) ([]string, bool) {
	exists := func(sc string) bool { return slices.Contains(standardScopes, sc) || customScopeExists(p, sc) }
	var out []string
	if len(asked) == 0 {
		asked = c.Settings.AllowedOAuthScopes
	} else {
		for _, sc := range asked {
			if !exists(sc) {
				return nil, false
			}
		}
	}
	for _, sc := range asked {
		if slices.Contains(c.Settings.AllowedOAuthScopes, sc) && exists(sc) {
			out = append(out, sc)
		}
	}
	return out, len(out) > 0
}

// completeAuthorize answers an authorization request for a signed-in
// user: a single-use code in the redirect's query, or (implicit) the
// tokens in its fragment.
func (f *Fake) completeAuthorize(w http.ResponseWriter, r *http.Request, req *authzRequest, username, sub string, authTime time.Time) {
	if req.responseType == "token" {
		res, oerr := f.implicitTokens(r.Context(), req, username, sub, authTime)
		if oerr != nil {
			redirectTo(w, r, req.redirectURI, url.Values{"error": {oerr.code}}, req.state, false)
			return
		}
		v := url.Values{"access_token": {res.AccessToken}, "token_type": {res.TokenType},
			"expires_in": {strconv.Itoa(int(res.ExpiresIn))}}
		if res.IDToken != "" {
			v.Set("id_token", res.IDToken)
		}
		redirectTo(w, r, req.redirectURI, v, req.state, true)
		return
	}
	code, err := f.newUUID()
	if err != nil {
		f.authorizeFailed(w, r, req, err)
		return
	}
	now := f.clock()
	f.lockW()
	err = f.oauthRoomLocked()
	if err == nil {
		f.st.oauth.codes[code] = &authzCode{
			clientID: req.clientID, poolID: req.poolID, redirectURI: req.redirectURI, challenge: req.challenge,
			nonce: req.nonce, scopes: req.scopes, username: username, sub: sub, authTime: authTime,
			expires: now.Add(codeTTL),
		}
	}
	f.unlockW()
	if err != nil {
		f.authorizeFailed(w, r, req, err)
		return
	}
	redirectTo(w, r, req.redirectURI, url.Values{"code": {code}}, req.state, false)
}

// authorizeFailed sends a failure of the fake back to the app as
// server_error, as the authorize endpoint guide says Cognito does rather
// than show a 500 page.
func (f *Fake) authorizeFailed(w http.ResponseWriter, r *http.Request, req *authzRequest, err error) {
	code := f.oauthServerError(err).code
	if errors.Is(err, transport.ErrTooManyRequests) {
		code = "temporarily_unavailable"
	}
	redirectTo(w, r, req.redirectURI, url.Values{"error": {code}}, req.state, false)
}

// redirectTo sends the browser to the app's redirect URI with params (and
// state when the request had one) in the query, or in the fragment for
// the implicit grant's tokens.
func redirectTo(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values, state string, fragment bool) {
	if state != "" {
		params.Set("state", state)
	}
	target := redirectURI
	if fragment {
		target += "#" + params.Encode()
	} else if u, err := url.Parse(redirectURI); err == nil {
		q := u.Query()
		for k, vs := range params {
			q[k] = vs
		}
		u.RawQuery = q.Encode()
		target = u.String()
	}
	noStore(w.Header())
	// http.Redirect would clean a relative path; these are absolute.
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}

// errorPage is what Cognito shows when it cannot send the browser back to
// the app: "An error was encountered with the requested page.", with the
// error's code.
func errorPage(w http.ResponseWriter, status int, code string) {
	h := w.Header()
	noStore(h)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'")
	w.WriteHeader(status)
	_ = errorTemplate.Execute(w, code)
}

var errorTemplate = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
<body><h1>An error was encountered with the requested page.</h1>
<p data-error="{{.}}">{{.}}</p></body></html>
`))

// setCookie sets an HttpOnly, SameSite=Lax cookie, Secure over TLS.
func setCookie(w http.ResponseWriter, r *http.Request, name, value, path string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: path, Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

func clearCookie(w http.ResponseWriter, r *http.Request, name, path string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: path, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}
