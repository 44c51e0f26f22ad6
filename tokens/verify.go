package tokens

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
)

// maxTokenBytes bounds what Verify parses; Cognito tokens are a few KiB.
const maxTokenBytes = 64 << 10

// Token uses, the value of the token_use claim.
const (
	UseID     = "id"
	UseAccess = "access"
)

// Verifier checks Cognito tokens of one pool and app client. Its methods are
// safe for concurrent use. A Verifier must not be copied after first use:
// with Keys nil it builds one RemoteKeySet, on first use, and keeps it so
// that the key set is fetched once and cached, not once per token.
type Verifier struct {
	// Issuer is "https://cognito-idp.{region}.amazonaws.com/{poolId}" for
	// real Cognito, or what fakecognito.Fake.Issuer returns. It is required:
	// a Verifier with an empty Issuer refuses every token (ErrNoIssuer).
	Issuer string
	// ClientID is the app client the tokens must be issued to (an ID
	// token's aud, an access token's client_id). It is required: a Verifier
	// with an empty ClientID refuses every token (ErrNoClientID), unless
	// SkipClientIDCheck says so, since an empty field must not mean
	// "accept tokens of every client of the pool".
	ClientID string
	// SkipClientIDCheck accepts tokens of every app client of the pool, for
	// a server that serves them all (and checks aud or client_id itself if
	// it cares). ClientID is then ignored.
	SkipClientIDCheck bool
	// Keys finds signing keys; nil means NewRemoteKeySet(JWKSURL(Issuer)).
	Keys KeySet
	// Leeway tolerates clock skew on exp and iat; 0 means one minute.
	Leeway time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	remoteOnce sync.Once
	remote     *RemoteKeySet // Keys' default, built once
}

// NewVerifier returns a Verifier that fetches the issuer's keys over HTTP
// and accepts the tokens of the app client clientID.
func NewVerifier(issuer, clientID string) *Verifier {
	return &Verifier{Issuer: issuer, ClientID: clientID, Keys: NewRemoteKeySet(JWKSURL(issuer))}
}

// Issuer returns the issuer (iss claim) of the tokens of a pool of Amazon
// Cognito: "https://cognito-idp.{region}.amazonaws.com/{poolID}". An empty
// region means the pool id's prefix ("us-east-1" of "us-east-1_AbC123").
func Issuer(region, poolID string) string {
	if region == "" {
		region, _, _ = strings.Cut(poolID, "_")
	}
	return "https://cognito-idp." + region + ".amazonaws.com/" + poolID
}

// IssuerAt returns the issuer of the tokens a Cognito-compatible server at
// endpoint issues for a pool, such as `gocognito serve`'s:
// IssuerAt("http://127.0.0.1:9229", "us-east-1_Example1") is
// "http://127.0.0.1:9229/us-east-1_Example1", where its keys are published
// (JWKSURL). A serve started with --issuer-base issues tokens under that
// base instead: pass it as endpoint.
func IssuerAt(endpoint, poolID string) string {
	return strings.TrimSuffix(endpoint, "/") + "/" + poolID
}

// VerifyID checks an ID token and returns its claims.
func (v *Verifier) VerifyID(ctx context.Context, token string) (*Claims, error) {
	return v.verify(ctx, token, UseID)
}

// VerifyAccess checks an access token and returns its claims.
func (v *Verifier) VerifyAccess(ctx context.Context, token string) (*Claims, error) {
	return v.verify(ctx, token, UseAccess)
}

// Verify checks a token of either use and returns its claims.
func (v *Verifier) Verify(ctx context.Context, token string) (*Claims, error) {
	return v.verify(ctx, token, "")
}

func (v *Verifier) verify(ctx context.Context, token, use string) (*Claims, error) {
	if v.Issuer == "" {
		// An empty Issuer would accept tokens without an iss claim.
		return nil, ErrNoIssuer
	}
	if v.ClientID == "" && !v.SkipClientIDCheck {
		return nil, ErrNoClientID
	}
	if len(token) > maxTokenBytes || strings.Count(token, ".") != 2 {
		return nil, ErrMalformed
	}
	msg, err := jws.Parse([]byte(token))
	if err != nil || len(msg.Signatures()) != 1 {
		return nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	hdr := msg.Signatures()[0].ProtectedHeaders()
	if alg, _ := hdr.Algorithm(); alg != jwa.RS256() {
		return nil, fmt.Errorf("%w: %s", ErrUnsupportedAlg, alg)
	}
	kid, _ := hdr.KeyID()
	pub, err := v.keys().PublicKey(ctx, kid)
	if err != nil {
		return nil, err
	}
	payload, err := jws.Verify([]byte(token), jws.WithKey(jwa.RS256(), pub))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	var c Claims
	if err := json.Unmarshal(payload, &c); err != nil {
		return nil, fmt.Errorf("%w: claims: %w", ErrMalformed, err)
	}
	if err := v.check(&c, use); err != nil {
		return nil, err
	}
	return &c, nil
}

func (v *Verifier) check(c *Claims, use string) error {
	if !equal(c.Issuer, v.Issuer) {
		return fmt.Errorf("%w: %q", ErrWrongIssuer, c.Issuer)
	}
	if c.TokenUse != UseID && c.TokenUse != UseAccess || use != "" && !equal(c.TokenUse, use) {
		return fmt.Errorf("%w: %q", ErrWrongTokenUse, c.TokenUse)
	}
	if !v.SkipClientIDCheck {
		got := c.Audience
		if c.TokenUse == UseAccess {
			got = c.ClientID
		}
		if !equal(got, v.ClientID) {
			return fmt.Errorf("%w: %q", ErrWrongAudience, got)
		}
	}
	now, leeway := v.now(), v.leeway()
	if c.Expiry.IsZero() {
		return fmt.Errorf("%w: no exp claim", ErrMalformed)
	}
	if now.After(c.Expiry.Add(leeway)) {
		return &ExpiredError{Expiry: c.Expiry}
	}
	if !c.IssuedAt.IsZero() && now.Add(leeway).Before(c.IssuedAt) {
		return ErrNotYetValid
	}
	return nil
}

// keys returns Keys, or the issuer's remote key set, built once.
func (v *Verifier) keys() KeySet {
	if v.Keys != nil {
		return v.Keys
	}
	v.remoteOnce.Do(func() { v.remote = NewRemoteKeySet(JWKSURL(v.Issuer)) })
	return v.remote
}

// equal compares claims in constant time so that timing does not reveal how
// much of an expected value a forged token got right.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

func (v *Verifier) leeway() time.Duration {
	if v.Leeway > 0 {
		return v.Leeway
	}
	return time.Minute
}
