package fakecognito

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"

	"github.com/gocognito/gocognito/transport"
)

// Claim values Cognito puts in every token.
const (
	scopeUserAdmin = "aws.cognito.signin.user.admin"
	// msgTokenScopes is Cognito's answer to a user operation with an access
	// token without scopeUserAdmin (amplify-js #1906: "Access Token does
	// not have required scopes", HTTP 400).
	msgTokenScopes = "Access Token does not have required scopes"
	tokenTypeBear  = "Bearer"
)

// pendingTokens are the claims of a login's tokens, gathered under the
// lock and signed after it is released.
type pendingTokens struct {
	access, id map[string]any
	refresh    string // "" on a refresh
	familyID   string
	expiresIn  int32
	newDevice  *transport.NewDeviceMetadata
	// pre is what the pre token generation trigger is told (issue).
	pre preTokenInput
	// rotation, on a refresh that rotated the family's refresh token, is
	// what undoRotation needs to give the caller its token back when the
	// tokens are not issued after all.
	rotation *rotation
}

// mintLocked starts a new token family for u signing in through c (or
// continues fam on a refresh) and gathers the claims. The caller holds f.mu
// for writing.
func (f *Fake) mintLocked(p *pool, c *client, u *user, fam *family, deviceKey string, authTime time.Time) (pendingTokens, error) {
	now := f.clock()
	accessTTL, idTTL, refreshTTL := c.tokenLifetimes()
	var pt pendingTokens
	source := SourceTokenRefresh
	if fam == nil {
		source = SourceTokenAuthentication
		id, err := f.newUUID()
		if err != nil {
			return pt, err
		}
		eventID, err := f.newUUID()
		if err != nil {
			return pt, err
		}
		if !c.revocationEnabled() {
			// Without revocation Cognito's tokens carry no origin_jti; the
			// fake then keys the family by event_id.
			eventID = id
		}
		refresh, err := f.newOpaque(refreshTokenBytes)
		if err != nil {
			return pt, err
		}
		fam = &family{
			ID: id, PoolID: p.ID, ClientID: c.ID, Username: u.Username, Sub: u.Sub,
			DeviceKey: deviceKey, AuthTime: authTime, EventID: eventID,
			RefreshExpires: now.Add(refreshTTL),
		}
		fam.Until = fam.RefreshExpires
		f.trk.mark(recFamily, "", fam.ID)
		f.addFamilyLocked(fam, hashToken(refresh), now)
		pt.refresh = refresh
		f.sweepLocked(now)
	}
	if until := now.Add(max(accessTTL, idTTL)); until.After(fam.Until) {
		fam.Until = until
		f.trk.mark(recFamily, "", fam.ID)
	}
	iat := now.Unix()
	groups := p.sortedGroups(u)
	accessJTI, err := f.newUUID()
	if err != nil {
		return pt, err
	}
	idJTI, err := f.newUUID()
	if err != nil {
		return pt, err
	}
	issuer := f.Issuer(p.ID)

	access := map[string]any{
		"sub":       u.Sub,
		"iss":       issuer,
		"client_id": c.ID,
		"event_id":  fam.EventID,
		"token_use": "access",
		"scope":     scopeUserAdmin,
		"auth_time": fam.AuthTime.Unix(),
		"exp":       now.Add(accessTTL).Unix(),
		"iat":       iat,
		"jti":       accessJTI,
		"username":  u.Username,
		"version":   2,
	}
	id := map[string]any{
		"sub":              u.Sub,
		"iss":              issuer,
		"cognito:username": u.Username,
		"aud":              c.ID,
		"event_id":         fam.EventID,
		"token_use":        "id",
		"auth_time":        fam.AuthTime.Unix(),
		"exp":              now.Add(idTTL).Unix(),
		"iat":              iat,
		"jti":              idJTI,
	}
	if fam.Scopes != nil {
		access["scope"] = strings.Join(fam.Scopes, " ")
	}
	if c.revocationEnabled() {
		access["origin_jti"] = fam.ID
		id["origin_jti"] = fam.ID
	}
	if fam.DeviceKey != "" {
		access["device_key"] = fam.DeviceKey
	}
	pt.pre = preTokenInput{
		poolID: p.ID, clientID: c.ID, userName: u.Username, source: source,
		userAttributes: triggerUserAttributes(p, u), groups: groups, scopes: []string{scopeUserAdmin},
	}
	if fam.Scopes != nil {
		pt.pre.scopes = slices.Clone(fam.Scopes)
	}
	if len(groups) > 0 {
		access["cognito:groups"] = groups
		id["cognito:groups"] = groups
		if roles, preferred := groupRoles(p, groups); len(roles) > 0 {
			id["cognito:roles"] = roles
			pt.pre.roles = roles
			if preferred != "" {
				id["cognito:preferred_role"] = preferred
				pt.pre.preferredRole = preferred
			}
		}
	}
	for name, v := range u.Attrs {
		if name == "sub" || !c.canRead(name) {
			continue
		}
		switch {
		case strings.HasSuffix(name, "_verified"):
			id[name] = v == "true"
		case name == "updated_at":
			// A number of seconds in Cognito's ID tokens, as OpenID says.
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				id[name] = n
			} else {
				id[name] = v
			}
		default:
			id[name] = v
		}
	}
	pt.access, pt.id = access, id
	pt.familyID = fam.ID
	pt.expiresIn = int32(accessTTL / time.Second)
	return pt, nil
}

// refreshTokenBytes is the entropy of an opaque refresh token. Real ones
// are JWEs of about 1,700 characters; clients treat them as opaque.
const refreshTokenBytes = 96

// sign turns pending tokens into an AuthenticationResult. It runs without
// the lock: RSA signing is the expensive part of issuing tokens. Callers
// that issue tokens to a user call issue, which runs the pre token
// generation trigger first.
func (f *Fake) sign(pt pendingTokens) (*transport.AuthenticationResult, error) {
	keys, err := f.signingKeys()
	if err != nil {
		return nil, err
	}
	access, err := signJWT(keys.access, pt.access)
	if err != nil {
		return nil, err
	}
	id, err := signJWT(keys.id, pt.id)
	if err != nil {
		return nil, err
	}
	return &transport.AuthenticationResult{
		AccessToken: access, IDToken: id, RefreshToken: pt.refresh,
		ExpiresIn: pt.expiresIn, TokenType: tokenTypeBear, NewDeviceMetadata: pt.newDevice,
	}, nil
}

func signJWT(k signingKey, claims map[string]any) (string, error) {
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", internalError(err)
	}
	// RS256 (RFC 7515, appendix A.2): RSASSA-PKCS1-v1_5 with SHA-256 over
	// the encoded header and payload; the header is the key's, encoded once.
	var b strings.Builder
	b.Grow(len(k.header) + 1 + base64.RawURLEncoding.EncodedLen(len(payload)) + 1 + base64.RawURLEncoding.EncodedLen(k.priv.Size()))
	b.WriteString(k.header)
	b.WriteByte('.')
	b.WriteString(base64.RawURLEncoding.EncodeToString(payload))
	digest := sha256.Sum256([]byte(b.String()))
	sig, err := rsa.SignPKCS1v15(nil, k.priv, crypto.SHA256, digest[:])
	if err != nil {
		return "", internalError(fmt.Errorf("fakecognito: signing a token: %w", err))
	}
	b.WriteByte('.')
	b.WriteString(base64.RawURLEncoding.EncodeToString(sig))
	return b.String(), nil
}

// hashToken is how refresh tokens are kept: their SHA-256, so that Save
// never writes a usable token.
func hashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// accessClaims are the claims of an access token the fake checks.
type accessClaims struct {
	Sub       string `json:"sub"`
	Iss       string `json:"iss"`
	ClientID  string `json:"client_id"`
	TokenUse  string `json:"token_use"`
	Exp       int64  `json:"exp"`
	Username  string `json:"username"`
	OriginJTI string `json:"origin_jti"`
	EventID   string `json:"event_id"`
	DeviceKey string `json:"device_key"`
}

// maxTokenLen bounds the access tokens the fake parses.
const maxTokenLen = 16 << 10

// parseAccessToken checks an access token's signature (with the access
// key only, so an ID token is refused), its use and its expiry. Pool, user
// and revocation are checked under the lock by withUser.
func (f *Fake) parseAccessToken(tok string) (accessClaims, error) {
	var c accessClaims
	if tok == "" {
		return c, missingParam("AccessToken")
	}
	if len(tok) > maxTokenLen || strings.Count(tok, ".") != 2 {
		return c, notAuthorized(msgInvalidAccessToken)
	}
	keys, err := f.signingKeys()
	if err != nil {
		return c, err
	}
	payload, err := jws.VerifyCompactFast(&keys.access.priv.PublicKey, []byte(tok), jwa.RS256())
	if err != nil {
		return c, notAuthorized(msgInvalidAccessToken)
	}
	if err := json.Unmarshal(payload, &c); err != nil || c.TokenUse != "access" || c.Sub == "" || c.Username == "" {
		return c, notAuthorized(msgInvalidAccessToken)
	}
	if f.clock().Unix() >= c.Exp {
		return c, notAuthorized(msgAccessTokenExpired)
	}
	return c, nil
}

// familyID returns the id of the family a token belongs to.
func (c accessClaims) familyID() string {
	if c.OriginJTI != "" {
		return c.OriginJTI
	}
	return c.EventID
}

// poolID returns the pool named by the issuer.
func (c accessClaims) poolID() string {
	i := strings.LastIndexByte(c.Iss, '/')
	if i < 0 {
		return ""
	}
	return c.Iss[i+1:]
}

// tokenUser resolves a verified access token to its pool and user, under
// the lock, refusing a revoked family, a deleted or replaced user and a
// disabled one.
func (f *Fake) tokenUserLocked(c accessClaims) (*pool, *user, *family, error) {
	p := f.st.Pools[c.poolID()]
	if p == nil {
		return nil, nil, nil, notAuthorized(msgInvalidAccessToken)
	}
	fam := f.st.Families[c.familyID()]
	if fam == nil || fam.PoolID != p.ID {
		return nil, nil, nil, notAuthorized(msgAccessTokenRevoked)
	}
	u := p.lookup(c.Username)
	live := u != nil && u.Sub == c.Sub
	switch {
	case live && !u.Enabled:
		// Disabling revoked the family too; the user hears why.
		return nil, nil, nil, notAuthorized(msgUserDisabled)
	case fam.Revoked:
		return nil, nil, nil, notAuthorized(msgAccessTokenRevoked)
	case !live:
		return nil, nil, nil, userNotFound()
	}
	return p, u, fam, nil
}

// withUser runs fn under the lock (for writing if write) for the user of a
// valid access token.
func (f *Fake) withUser(tok string, write bool, fn func(p *pool, u *user, fam *family) error) error {
	c, err := f.parseAccessToken(tok)
	if err != nil {
		return err
	}
	if write {
		f.lockW()
		defer f.unlockW()
	} else {
		f.mu.RLock()
		defer f.mu.RUnlock()
	}
	p, u, fam, err := f.tokenUserLocked(c)
	if err != nil {
		return err
	}
	if fam.Scopes != nil && !slices.Contains(fam.Scopes, scopeUserAdmin) {
		// A token of the OAuth endpoints without the scope that opens
		// Cognito's user API (amplify-js #1906).
		return notAuthorized(msgTokenScopes)
	}
	return fn(p, u, fam)
}

// revokeUserLocked revokes every token family of a user: GlobalSignOut.
func (f *Fake) revokeUserLocked(poolID, username string) {
	for _, fam := range f.familiesOfUser(poolID, username) {
		fam.Revoked = true
		f.trk.mark(recFamily, "", fam.ID)
	}
}

// sweepLocked forgets expired families, sessions and SRP exchanges every
// sweepEvery insertions, so that a long load test does not grow without
// bound. Each sweep looks at no more than sweepBudget entries of each map,
// from wherever Go's map iteration starts, so that it never holds the lock
// for long however large the state: at four times the insertion rate it
// still finds what expired.
func (f *Fake) sweepLocked(now time.Time) {
	f.st.sweeps++
	if f.st.sweeps%sweepEvery != 0 {
		return
	}
	n := 0
	for _, fam := range f.st.Families {
		if n++; n > sweepBudget {
			break
		}
		if now.After(fam.Until) {
			f.dropFamilyLocked(fam)
		}
	}
	n = 0
	for id, s := range f.st.sessions {
		if n++; n > sweepBudget {
			break
		}
		if now.After(s.expires) {
			delete(f.st.sessions, id)
		}
	}
	n = 0
	for k, s := range f.st.srp {
		if n++; n > sweepBudget {
			break
		}
		if now.After(s.expires) {
			delete(f.st.srp, k)
		}
	}
	n = 0
	for k, id := range f.st.devicePending {
		if n++; n > sweepBudget {
			break
		}
		if f.st.sessions[id] == nil {
			delete(f.st.devicePending, k)
		}
	}
}

const (
	sweepEvery  = 1024
	sweepBudget = 4 * sweepEvery
)

// groupRoles returns the IAM roles of groups (ordered as sortedGroups
// orders them) and the preferred one: the role of the group with the lowest
// precedence among those with a role, or none when that is not a single
// group (a tie, or several role groups without precedence), as Cognito
// decides cognito:preferred_role.
func groupRoles(p *pool, groups []string) (roles []string, preferred string) {
	var best *group
	tie := false
	for _, name := range groups {
		g := p.Groups[name]
		if g.RoleArn == "" {
			continue
		}
		if !slices.Contains(roles, g.RoleArn) {
			roles = append(roles, g.RoleArn)
		}
		switch {
		case best == nil:
			best = g
		case g.Precedence != nil && (best.Precedence == nil || *g.Precedence < *best.Precedence):
			best, tie = g, false
		case g.Precedence == nil && best.Precedence == nil,
			g.Precedence != nil && best.Precedence != nil && *g.Precedence == *best.Precedence:
			tie = true
		}
	}
	if best == nil || tie {
		return roles, ""
	}
	return roles, best.RoleArn
}
