package tokens

import (
	"context"
	"crypto"
	"crypto/rsa"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwk"
)

// maxJWKSBytes bounds a fetched key set; Cognito's is about 1 KiB.
const maxJWKSBytes = 1 << 20

// KeySet finds the public key that signed a token, by key id (kid).
// Implementations must be safe for concurrent use.
type KeySet interface {
	PublicKey(ctx context.Context, kid string) (crypto.PublicKey, error)
}

// StaticKeySet is a fixed key set parsed from JWKS JSON, for testing and for
// keys obtained some other way (for example fakecognito's JWKS in-process).
type StaticKeySet struct {
	keys map[string]*rsa.PublicKey
}

// NewStaticKeySet parses a JSON Web Key Set. Only RSA keys are kept; keys
// without a kid are ignored since Cognito tokens always name theirs.
func NewStaticKeySet(jwks []byte) (*StaticKeySet, error) {
	set, err := jwk.Parse(jwks)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadKeySet, err)
	}
	keys := make(map[string]*rsa.PublicKey, set.Len())
	for i := range set.Len() {
		k, _ := set.Key(i)
		kid, ok := k.KeyID()
		if !ok {
			continue
		}
		var pub rsa.PublicKey
		if err := jwk.Export(k, &pub); err != nil {
			continue
		}
		keys[kid] = &pub
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: no RSA keys with a kid", ErrBadKeySet)
	}
	return &StaticKeySet{keys: keys}, nil
}

// PublicKey returns the key with that kid, or ErrUnknownKey.
func (s *StaticKeySet) PublicKey(_ context.Context, kid string) (crypto.PublicKey, error) {
	k, ok := s.keys[kid]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
	}
	return k, nil
}

// RemoteKeySet fetches a JWKS over HTTP, caches it, and fetches it again when
// a token names a kid it does not hold (Cognito rotates keys that way), at
// most once per MinRefetch so that forged kids cannot make it hammer the
// endpoint.
type RemoteKeySet struct {
	URL        string
	Client     *http.Client     // nil: http.DefaultClient
	Now        func() time.Time // nil: time.Now
	MinRefetch time.Duration    // 0: one minute

	mu      sync.Mutex
	cached  *StaticKeySet
	fetched time.Time
}

// NewRemoteKeySet returns a key set for a JWKS URL, such as
// JWKSURL(issuer).
func NewRemoteKeySet(url string) *RemoteKeySet { return &RemoteKeySet{URL: url} }

// JWKSURL returns where an issuer publishes its keys.
func JWKSURL(issuer string) string { return issuer + "/.well-known/jwks.json" }

// PublicKey returns the key with that kid, fetching the set when it is not
// cached yet or does not hold kid.
func (r *RemoteKeySet) PublicKey(ctx context.Context, kid string) (crypto.PublicKey, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cached != nil {
		if k, err := r.cached.PublicKey(ctx, kid); err == nil {
			return k, nil
		}
		if r.now().Sub(r.fetched) < r.minRefetch() {
			return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
		}
	}
	set, err := r.fetch(ctx)
	if err != nil {
		return nil, err
	}
	r.cached, r.fetched = set, r.now()
	return set.PublicKey(ctx, kid)
}

func (r *RemoteKeySet) fetch(ctx context.Context) (*StaticKeySet, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("tokens: jwks request: %w", err)
	}
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("tokens: fetching jwks: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s answered %s", ErrBadKeySet, r.URL, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxJWKSBytes+1))
	if err != nil {
		return nil, fmt.Errorf("tokens: reading jwks: %w", err)
	}
	if len(body) > maxJWKSBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrBadKeySet, maxJWKSBytes)
	}
	return NewStaticKeySet(body)
}

func (r *RemoteKeySet) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *RemoteKeySet) minRefetch() time.Duration {
	if r.MinRefetch > 0 {
		return r.MinRefetch
	}
	return time.Minute
}
