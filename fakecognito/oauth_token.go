package fakecognito

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gocognito/gocognito/transport"
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
		res, oerr = f.clientCredentialsGrant(r.Context(), cc, form.Get("scope"))
	case grantAuthorizationCode:
		res, oerr = f.codeGrant(r.Context(), cc, form)
	case grantRefreshToken:
		res, oerr = f.refreshGrant(r.Context(), cc, form.Get("refresh_token"))
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

// grantAllowed checks that the client may use an OAuth flow. A
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
func (f *Fake) clientCredentialsGrant(ctx context.Context, cc clientCredentials, scope string) (*tokenResponse, *oauthError) {
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
	if err := ctx.Err(); err != nil {
		return nil, f.oauthServerError(err)
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
	if err := f.customizeMachineToken(ctx, poolID, clientID, scopes, nil, claims); err != nil {
		return nil, f.triggerFailed(err)
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

// codeGrant exchanges an authorization code for the user's tokens. The
// code is spent by the first attempt of its client, right or wrong.
func (f *Fake) codeGrant(ctx context.Context, cc clientCredentials, form url.Values) (*tokenResponse, *oauthError) {
	code, redirectURI := form.Get("code"), form.Get("redirect_uri")
	if code == "" || redirectURI == "" {
		return nil, errInvalidRequest
	}
	f.lockW()
	pt, ac, oerr := f.codeGrantLocked(cc, code, redirectURI, form.Get("code_verifier"))
	f.unlockW()
	if oerr != nil {
		return nil, oerr
	}
	if err := f.awaitDurable(); err != nil {
		return nil, f.oauthServerError(err)
	}
	return f.signOAuth(ctx, pt, ac.scopes, ac.nonce)
}

func (f *Fake) codeGrantLocked(cc clientCredentials, code, redirectURI, verifier string) (pendingTokens, *authzCode, *oauthError) {
	p, c, oerr := f.oauthClientLocked(cc)
	if oerr == nil {
		oerr = grantAllowed(c, oauthCode)
	}
	if oerr != nil {
		return pendingTokens{}, nil, oerr
	}
	ac := f.st.oauth.codes[code]
	if ac == nil || ac.clientID != c.ID {
		return pendingTokens{}, nil, errInvalidGrant
	}
	delete(f.st.oauth.codes, code)
	switch {
	case f.clock().After(ac.expires):
		return pendingTokens{}, nil, errInvalidGrant
	case redirectURI != ac.redirectURI:
		// Cognito answers a redirect_uri that differs from the
		// authorization request's (a missing trailing slash) with
		// unauthorized_client (Stack Overflow 50264679).
		return pendingTokens{}, nil, errUnauthorizedClient
	case ac.challenge != "" && verifier == "":
		return pendingTokens{}, nil, errInvalidRequest
	case ac.challenge != "" && !constantEqual(pkceS256(verifier), ac.challenge):
		return pendingTokens{}, nil, errInvalidGrant
	}
	u := p.lookup(ac.username)
	if u == nil || u.Sub != ac.sub || !u.Enabled {
		return pendingTokens{}, nil, errInvalidGrant
	}
	pt, err := f.mintOAuthLocked(p, c, u, ac.authTime, ac.scopes)
	if err != nil {
		return pendingTokens{}, nil, f.oauthServerError(err)
	}
	return pt, ac, nil
}

// pkceS256 is RFC 7636's S256 code challenge of a verifier.
func pkceS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// mintOAuthLocked starts a token family for a user signed in through the
// OAuth endpoints, with the granted scopes, which its refreshes keep. It is
// mintLocked's family with scopes, not a second way of making tokens.
func (f *Fake) mintOAuthLocked(p *pool, c *client, u *user, authTime time.Time, scopes []string) (pendingTokens, error) {
	pt, err := f.mintLocked(p, c, u, nil, "", authTime)
	if err != nil {
		return pt, err
	}
	if fam := f.st.Families[pt.familyID]; fam != nil {
		fam.Scopes = slices.Clone(scopes)
		f.trk.mark(recFamily, "", fam.ID)
	}
	pt.access["scope"] = strings.Join(scopes, " ")
	pt.pre.source = SourceTokenHostedAuth
	pt.pre.scopes = slices.Clone(scopes)
	return pt, nil
}

// signOAuth signs the tokens of an OAuth grant. The ID token comes only
// with the openid scope (every sign-in outside OAuth has one: nil scopes),
// with at_hash, and nonce when the authorization request had one.
func (f *Fake) signOAuth(ctx context.Context, pt pendingTokens, scopes []string, nonce string) (*tokenResponse, *oauthError) {
	if err := ctx.Err(); err != nil {
		return nil, f.oauthServerError(err)
	}
	if err := f.preTokenGeneration(ctx, &pt); err != nil {
		return nil, f.triggerFailed(err)
	}
	keys, err := f.signingKeys()
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	access, err := signJWT(keys.access, pt.access)
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	res := &tokenResponse{AccessToken: access, RefreshToken: pt.refresh, ExpiresIn: pt.expiresIn, TokenType: tokenTypeBear}
	if scopes == nil || slices.Contains(scopes, "openid") {
		pt.id["at_hash"] = atHash(access)
		if nonce != "" {
			pt.id["nonce"] = nonce
		}
		if res.IDToken, err = signJWT(keys.id, pt.id); err != nil {
			return nil, f.oauthServerError(err)
		}
	}
	return res, nil
}

// atHash is OpenID Connect's at_hash of an RS256 access token: the left
// half of its SHA-256, base64url.
func atHash(accessToken string) string {
	sum := sha256.Sum256([]byte(accessToken))
	return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2])
}

// refreshGrant is grant_type=refresh_token: GetTokensFromRefreshToken's
// rules (rotation per the client's RefreshTokenRotation, revocation,
// expiry) with the token endpoint's answers. A refresh token the client
// cannot use is invalid_grant.
func (f *Fake) refreshGrant(ctx context.Context, cc clientCredentials, tok string) (*tokenResponse, *oauthError) {
	if tok == "" {
		return nil, errInvalidRequest
	}
	fresh, err := f.newOpaque(refreshTokenBytes)
	if err != nil {
		return nil, f.oauthServerError(err)
	}
	var scopes []string
	f.lockW()
	_, c, oerr := f.oauthClientLocked(cc)
	if oerr == nil && !c.Settings.AllowedOAuthFlowsUserPoolClient {
		oerr = errUnauthorizedClient
	}
	var pt pendingTokens
	if oerr == nil {
		pt, err = f.getTokensLocked(&transport.GetTokensFromRefreshTokenInput{ClientID: c.ID, ClientSecret: c.Secret, RefreshToken: tok}, fresh)
		if fam := f.st.Families[pt.familyID]; err == nil && fam != nil {
			scopes = slices.Clone(fam.Scopes)
		}
	}
	f.unlockW()
	if oerr != nil {
		return nil, oerr
	}
	if err != nil {
		if code := transport.Code(err); code != "" && code != "InternalErrorException" {
			return nil, errInvalidGrant
		}
		return nil, f.oauthServerError(err)
	}
	if err := f.awaitDurable(); err != nil {
		return nil, f.oauthServerError(err)
	}
	res, oerr := f.signOAuth(ctx, pt, scopes, "")
	if oerr != nil && pt.rotation != nil {
		f.undoRotation(pt.rotation)
		if err := f.awaitDurable(); err != nil {
			return nil, f.oauthServerError(err)
		}
	}
	return res, oerr
}

// implicitTokens issues the implicit grant's tokens: no refresh token.
func (f *Fake) implicitTokens(ctx context.Context, req *authzRequest, username, sub string, authTime time.Time) (*tokenResponse, *oauthError) {
	f.lockW()
	var (
		pt  pendingTokens
		err error
	)
	p, c := f.st.Pools[req.poolID], f.st.Clients[req.clientID]
	var u *user
	if p != nil {
		u = p.lookup(username)
	}
	oerr := errInvalidRequest
	if c != nil && u != nil && u.Sub == sub && u.Enabled {
		oerr = nil
		if pt, err = f.mintOAuthLocked(p, c, u, authTime, req.scopes); err != nil {
			oerr = f.oauthServerError(err)
		}
	}
	f.unlockW()
	if oerr != nil {
		return nil, oerr
	}
	if err := f.awaitDurable(); err != nil {
		return nil, f.oauthServerError(err)
	}
	pt.refresh = ""
	return f.signOAuth(ctx, pt, req.scopes, req.nonce)
}

// triggerFailed is the token endpoint's answer when the pre token
// generation trigger refuses or fails. Cognito does not publish it; the
// fake answers invalid_request, as for a request it cannot serve, and logs
// the trigger's error (Cognito's "... failed with error ..." message, which
// holds no token) so that the developer sees why.
func (f *Fake) triggerFailed(err error) *oauthError {
	f.log.Warn("fakecognito: oauth token endpoint: pre token generation failed", "error", err.Error())
	return errInvalidRequest
}
