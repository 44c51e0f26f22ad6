package fakecognito

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gocognito/gocognito/transport"
)

// msgUserInfoToken is the userInfo endpoint's description of a token it
// refuses (developer guide, "UserInfo endpoint", sample negative response).
const msgUserInfoToken = "Access token is expired, disabled, or deleted, or the user has globally signed out."

// serveUserInfo is GET or POST /oauth2/userInfo: the attributes of the
// user of a Bearer access token that carries the openid scope, as strings
// (email_verified "true"), with the user's name as username.
func (f *Fake) serveUserInfo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(tok) == "" {
		bearerError(w, http.StatusBadRequest, "invalid_request", "Bad OAuth2 request at UserInfo Endpoint")
		return
	}
	claims, err := f.parseAccessToken(strings.TrimSpace(tok))
	if err != nil {
		bearerError(w, http.StatusUnauthorized, "invalid_token", msgUserInfoToken)
		return
	}
	var info map[string]string
	scoped := true
	f.mu.RLock()
	_, u, fam, err := f.tokenUserLocked(claims)
	if err == nil {
		scoped = fam.Scopes == nil || slices.Contains(fam.Scopes, "openid")
		c := f.st.Clients[claims.ClientID]
		info = map[string]string{"username": u.Username}
		for name, v := range u.Attrs {
			if c == nil || c.canRead(name) || name == "sub" {
				info[name] = v
			}
		}
	}
	f.mu.RUnlock()
	switch {
	case err != nil:
		bearerError(w, http.StatusUnauthorized, "invalid_token", msgUserInfoToken)
	case !scoped:
		bearerError(w, http.StatusForbidden, "insufficient_scope", "The access token does not have the openid scope.")
	default:
		writeOAuthJSON(w, http.StatusOK, info)
	}
}

// bearerError answers as RFC 6750 says and Cognito's guide shows: the
// error in WWW-Authenticate, and in a JSON body too.
func bearerError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="`+code+`", error_description="`+desc+`"`)
	writeOAuthJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// serveRevoke is POST /oauth2/revoke: RevokeToken over OAuth. It revokes
// the refresh token's whole family (every access and ID token issued from
// it); an unknown token, or another client's, is 200 and revokes nothing.
func (f *Fake) serveRevoke(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	form, ok := readOAuthForm(w, r)
	if !ok {
		return
	}
	cc, oerr := presentedClient(r, form)
	var clientID, secret string
	if oerr == nil {
		f.mu.RLock()
		var c *client
		if _, c, oerr = f.oauthClientLocked(cc); oerr == nil {
			clientID, secret = c.ID, c.Secret
		}
		f.mu.RUnlock()
	}
	if oerr == errInvalidClient {
		// "HTTP 401 and error invalid_client is returned if the client
		// credentials are invalid."
		oerr = &oauthError{"invalid_client", http.StatusUnauthorized}
	}
	tok := form.Get("token")
	if oerr == nil && tok == "" {
		oerr = errInvalidRequest
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	_, err := f.RevokeToken(r.Context(), &transport.RevokeTokenInput{ClientID: clientID, ClientSecret: secret, Token: tok})
	switch code := transport.Code(err); {
	case err == nil, code == "NotAuthorizedException":
		noStore(w.Header())
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
	case code == "UnsupportedOperationException":
		writeOAuthError(w, errInvalidRequest)
	case code == "UnsupportedTokenTypeException":
		writeOAuthError(w, &oauthError{"unsupported_token_type", http.StatusBadRequest})
	default:
		writeOAuthError(w, f.oauthServerError(err))
	}
}

// serveLogout is GET /logout: it ends the browser's managed-login session
// and sends it to logout_uri (one of the client's LogoutURLs), or, with
// redirect_uri and response_type instead, back to the login page for a new
// authorization request.
func (f *Fake) serveLogout(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", http.MethodGet)
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	f.mu.RLock()
	c := f.st.Clients[q.Get("client_id")]
	var (
		poolOK  bool
		logouts []string
	)
	if c != nil {
		p := f.st.Pools[c.PoolID]
		poolOK = p != nil && p.Domain != nil
		logouts = slices.Clone(c.Settings.LogoutURLs)
	}
	f.mu.RUnlock()
	if c == nil || !poolOK {
		errorPage(w, http.StatusBadRequest, "invalid_request")
		return
	}
	logoutURI := q.Get("logout_uri")
	switch {
	case logoutURI != "":
		if !slices.Contains(logouts, logoutURI) {
			errorPage(w, http.StatusBadRequest, "redirect_mismatch")
			return
		}
		f.endLoginSession(w, r)
		noStore(w.Header())
		w.Header().Set("Location", logoutURI)
		w.WriteHeader(http.StatusFound)
	case q.Get("redirect_uri") != "" && q.Get("response_type") != "":
		// The authorization request is checked when the browser makes it.
		f.endLoginSession(w, r)
		next := url.Values{}
		for _, k := range []string{"client_id", "redirect_uri", "response_type", "state", "scope", "nonce", "code_challenge", "code_challenge_method"} {
			if v := q.Get(k); v != "" {
				next.Set(k, v)
			}
		}
		noStore(w.Header())
		w.Header().Set("Location", pathLogin+"?"+next.Encode())
		w.WriteHeader(http.StatusFound)
	default:
		errorPage(w, http.StatusBadRequest, "invalid_request")
	}
}
