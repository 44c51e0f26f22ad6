package fakecognito

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Grant types of the token endpoint.
const (
	grantClientCredentials = "client_credentials"
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
)

// tokenResponse is the token endpoint's answer (RFC 6749, section 5.1), as
// Cognito shapes it.
type tokenResponse struct {
	IDToken      string `json:"id_token,omitempty"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    int32  `json:"expires_in"`
	TokenType    string `json:"token_type"`
}

// serveToken is POST /oauth2/token.
func (f *Fake) serveToken(w http.ResponseWriter, r *http.Request) {
	// Browser apps (PKCE public clients, Amplify) call it with fetch.
	w.Header().Set("Access-Control-Allow-Origin", "*")
	form, ok := readOAuthForm(w, r)
	if !ok {
		return
	}
	cc, oerr := presentedClient(r, form)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	var res *tokenResponse
	switch gt := form.Get("grant_type"); gt {
	case grantClientCredentials:
		res, oerr = f.clientCredentialsGrant(cc, form.Get("scope"))
	case "":
		oerr = errInvalidRequest
	default:
		oerr = errUnsupportedGrantType
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	writeOAuthJSON(w, http.StatusOK, res)
}

// grantAllowedLocked checks that the client may use an OAuth flow. A
// client without AllowedOAuthFlowsUserPoolClient gets invalid_grant, as
// Cognito answers a client created through the API without it
// (aws-sdk-js-v3 #7158, boto3 #3916); a flow the client does not allow
// gets unauthorized_client (developer guide, "Token endpoint").
func grantAllowed(c *client, flow string) *oauthError {
	if !c.Settings.AllowedOAuthFlowsUserPoolClient {
		return errInvalidGrant
	}
	if !slices.Contains(c.Settings.AllowedOAuthFlows, flow) {
		return errUnauthorizedClient
	}
	return nil
}

// customScopeExists reports whether sc is "identifier/name" of a scope of
// one of the pool's resource servers.
func customScopeExists(p *pool, sc string) bool {
	id, name, ok := cutLast(sc, "/")
	rs := p.ResourceServers[id]
	if !ok || rs == nil {
		return false
	}
	for _, s := range rs.Scopes {
		if s.ScopeName == name {
			return true
		}
	}
	return false
}

// clientCredentialsGrant issues a machine token: an access token whose sub
// is the client id, with the custom scopes asked for, or all the client's
// custom scopes when none is asked for. It has no ID or refresh token.
func (f *Fake) clientCredentialsGrant(cc clientCredentials, scope string) (*tokenResponse, *oauthError) {
	f.mu.RLock()
	p, c, oerr := f.oauthClientLocked(cc)
	if oerr == nil && c.Secret == "" {
		// client_credentials needs a confidential client.
		oerr = errInvalidClient
	}
	if oerr == nil {
		oerr = grantAllowed(c, oauthClientCredentials)
	}
	var scopes []string
	if oerr == nil {
		scopes, oerr = machineScopes(p, c, scopeList(scope))
	}
	var (
		clientID, poolID string
		accessTTL        time.Duration
	)
	if oerr == nil {
		clientID, poolID = c.ID, p.ID
		accessTTL, _, _ = c.tokenLifetimes()
	}
	f.mu.RUnlock()
	if oerr != nil {
		return nil, oerr
	}
	jti, err := f.newUUID()
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	now := f.clock()
	claims := map[string]any{
		"sub":       clientID,
		"token_use": "access",
		"scope":     strings.Join(scopes, " "),
		"auth_time": now.Unix(),
		"iss":       f.Issuer(poolID),
		"exp":       now.Add(accessTTL).Unix(),
		"iat":       now.Unix(),
		"version":   2,
		"jti":       jti,
		"client_id": clientID,
	}
	keys, err := f.signingKeys()
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	tok, err := signJWT(keys.access, claims)
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	return &tokenResponse{AccessToken: tok, ExpiresIn: int32(accessTTL / time.Second), TokenType: tokenTypeBear}, nil
}

// machineScopes decides a client_credentials token's scopes: each asked
// for must be a custom scope the client allows and that still exists;
// none asked for means every such scope of the client. No scope at all is
// invalid_scope (re:Post "OAUTH Password Grant Type with Cognito").
func machineScopes(p *pool, c *client, asked []string) ([]string, *oauthError) {
	allowed := func(sc string) bool {
		return !slices.Contains(standardScopes, sc) && slices.Contains(c.Settings.AllowedOAuthScopes, sc) && customScopeExists(p, sc)
	}
	if len(asked) == 0 {
		for _, sc := range c.Settings.AllowedOAuthScopes {
			if allowed(sc) {
				asked = append(asked, sc)
			}
		}
		if len(asked) == 0 {
			return nil, errInvalidScope
		}
		return asked, nil
	}
	for _, sc := range asked {
		if !allowed(sc) {
			return nil, errInvalidScope
		}
	}
	return asked, nil
}

// errServer is the answer to a failure of the fake itself.
var errServer = &oauthError{"server_error", http.StatusInternalServerError}

// oauthServerError logs an internal failure (never a secret) and answers
// server_error.
func (f *Fake) oauthServerError(err error) *oauthError {
	f.log.Error("fakecognito: oauth endpoint failed", "error", err.Error())
	return errServer
}
