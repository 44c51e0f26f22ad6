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
// a token names a kid it does not hold (Cognito rotates keys that way) or,
// with MaxAge set, when the cached set has grown old.
//
// Fetches are rate-limited: at most one runs at a time, and a new one starts
// at most once per MinRefetch after the last attempt, failed or not, so that
// neither forged kids nor a failing endpoint make it hammer the endpoint.
// Lookups of cached kids never wait for a fetch. A failed fetch leaves the
// cached set in use. Safe for concurrent use; do not copy after first use.
type RemoteKeySet struct {
	URL string
	// Client fetches the set; nil means a client with a 10-second timeout
	// (never http.DefaultClient, which has none).
	Client     *http.Client
	Now        func() time.Time // nil: time.Now
	MinRefetch time.Duration    // 0: one minute
	// MaxAge, if positive, refetches the set at the first lookup after it
	// is that old; until a fetch succeeds the old set keeps serving. 0
	// keeps a set until a token names a kid it lacks.
	MaxAge time.Duration

	mu        sync.RWMutex
	cached    *StaticKeySet
	fetchedAt time.Time     // when cached was fetched
	attempted time.Time     // when the last fetch that counts started
	lastErr   error         // how the last fetch failed, nil if it did not
	inflight  chan struct{} // closed when the fetch in progress ends; nil if none
}

// defaultJWKSClient fetches key sets for a RemoteKeySet without a Client.
var defaultJWKSClient = &http.Client{Timeout: 10 * time.Second}

// NewRemoteKeySet returns a key set for a JWKS URL, such as
// JWKSURL(issuer).
func NewRemoteKeySet(url string) *RemoteKeySet { return &RemoteKeySet{URL: url} }

// JWKSURL returns where an issuer publishes its keys.
func JWKSURL(issuer string) string { return issuer + "/.well-known/jwks.json" }

// PublicKey returns the key with that kid, fetching the set when it is not
// cached yet, does not hold kid, or is older than MaxAge, and the rate limit
// allows a fetch. While a fetch runs, a lookup the cache can answer returns
// at once, and any other waits for the fetch's outcome (or ctx).
func (r *RemoteKeySet) PublicKey(ctx context.Context, kid string) (crypto.PublicKey, error) {
	for {
		r.mu.RLock()
		set, fetchedAt, attempted, lastErr, inflight := r.cached, r.fetchedAt, r.attempted, r.lastErr, r.inflight
		r.mu.RUnlock()

		now := r.now()
		var key crypto.PublicKey
		if set != nil {
			if k, ok := set.keys[kid]; ok {
				key = k
			}
		}
		fresh := set != nil && (r.MaxAge <= 0 || now.Sub(fetchedAt) < r.MaxAge)
		if key != nil && (fresh || inflight != nil) {
			return key, nil // cached: never waits for a fetch
		}
		if inflight != nil {
			select {
			case <-inflight:
				continue // look again at what the fetch brought
			case <-ctx.Done():
				return nil, fmt.Errorf("tokens: waiting for the jwks: %w", ctx.Err())
			}
		}
		if !attempted.IsZero() && now.Sub(attempted) < r.minRefetch() {
			switch {
			case key != nil:
				return key, nil // old, but no fetch is due yet
			case set == nil && lastErr != nil:
				return nil, fmt.Errorf("tokens: no jwks; next fetch after %s: %w",
					attempted.Add(r.minRefetch()).UTC().Format(time.RFC3339), lastErr)
			}
			return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
		}

		r.mu.Lock()
		if r.inflight != nil || !r.attempted.Equal(attempted) {
			r.mu.Unlock()
			continue // another lookup started a fetch first
		}
		done := make(chan struct{})
		r.inflight, r.attempted = done, now
		r.mu.Unlock()

		fetched, err := r.fetch(ctx)

		r.mu.Lock()
		switch {
		case err == nil:
			r.cached, r.fetchedAt, r.lastErr = fetched, r.now(), nil
		case ctx.Err() != nil:
			// This caller gave up; that says nothing about the endpoint,
			// so the attempt does not count against the rate limit.
			r.attempted = attempted
		default:
			r.lastErr = err
		}
		r.inflight = nil
		close(done)
		r.mu.Unlock()

		if err != nil {
			if key != nil && ctx.Err() == nil {
				return key, nil // the old set serves until a fetch succeeds
			}
			return nil, err
		}
		if k, ok := fetched.keys[kid]; ok {
			return k, nil
		}
		return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
	}
}

func (r *RemoteKeySet) fetch(ctx context.Context) (*StaticKeySet, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("tokens: jwks request: %w", err)
	}
	resp, err := r.client().Do(req)
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

func (r *RemoteKeySet) client() *http.Client {
	if r.Client != nil {
		return r.Client
	}
	return defaultJWKSClient
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
