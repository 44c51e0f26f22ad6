package tokens_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocognito/gocognito/tokens"
)

// gate is a JWKS endpoint whose answers the test controls: each request
// takes the next answer, and answers marked blocking wait until the test
// releases them, announcing first that they have begun.
type gate struct {
	mu      sync.Mutex
	answers []answer
	hits    atomic.Int32
	begun   chan struct{} // receives once per blocking request
	release chan struct{} // closed to let blocking requests answer
}

type answer struct {
	status int
	body   []byte
	block  bool
}

func newGate(answers ...answer) *gate {
	return &gate{answers: answers, begun: make(chan struct{}, 16), release: make(chan struct{})}
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(g.hits.Add(1))
	g.mu.Lock()
	a := g.answers[min(n, len(g.answers))-1]
	g.mu.Unlock()
	if a.block {
		g.begun <- struct{}{}
		select {
		case <-g.release:
		case <-r.Context().Done():
			return
		}
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// TestRemoteKeySetCachedKidsDoNotWait: while a slow refetch for an unknown
// kid is in flight, lookups of cached kids return at once; and however many
// lookups want a fetch, one runs.
func TestRemoteKeySetCachedKidsDoNotWait(t *testing.T) {
	g := newGate(answer{200, jwks(t, keyA), false}, answer{200, jwks(t, keyA, keyB), true})
	srv := httptest.NewServer(g)
	defer srv.Close()
	var now atomic.Int64
	now.Store(epoch.UnixNano())
	ks := &tokens.RemoteKeySet{URL: srv.URL, Client: srv.Client(), Now: func() time.Time { return time.Unix(0, now.Load()) }}
	ctx := context.Background()
	if _, err := ks.PublicKey(ctx, "kid-id"); err != nil {
		t.Fatal(err)
	}
	now.Add(int64(2 * time.Minute))

	// Several lookups of the new kid: one starts the slow fetch, the
	// others wait for it.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := ks.PublicKey(ctx, "kid-access"); err != nil {
				t.Errorf("new kid: %v", err)
			}
		})
	}
	<-g.begun // the refetch is in flight and will not answer until released

	cached := make(chan error, 1)
	go func() {
		_, err := ks.PublicKey(ctx, "kid-id")
		cached <- err
	}()
	select {
	case err := <-cached:
		if err != nil {
			t.Fatalf("cached kid during a refetch: %v", err)
		}
	case <-time.After(30 * time.Second):
		// Not a speed target: only turns a deadlock into a failure.
		close(g.release)
		t.Fatal("a cached lookup waited for the refetch")
	}
	close(g.release)
	wg.Wait()
	if got := g.hits.Load(); got != 2 {
		t.Fatalf("%d fetches, want 2: the first, and one refetch shared by four lookups", got)
	}
}

// TestRemoteKeySetRateLimitsFailures: a failing endpoint is asked once per
// MinRefetch, not once per token.
func TestRemoteKeySetRateLimitsFailures(t *testing.T) {
	tests := []struct {
		name      string
		fail      answer // the failing answer
		cached    bool   // a set was fetched before the endpoint failed
		wantFirst error  // the lookup that fetches
		wantLater error  // lookups within MinRefetch of it
	}{
		{"500 before any set", answer{500, []byte("boom"), false}, false, tokens.ErrBadKeySet, tokens.ErrBadKeySet},
		{"garbage before any set", answer{200, []byte(`{"keys":"no"}`), false}, false, tokens.ErrBadKeySet, tokens.ErrBadKeySet},
		{"500 after a set, unknown kid", answer{500, []byte("boom"), false}, true, tokens.ErrBadKeySet, tokens.ErrUnknownKey},
	}
	const lookups = 5
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := []answer{tt.fail}
			if tt.cached {
				answers = []answer{{200, jwks(t, keyA), false}, tt.fail}
			}
			g := newGate(answers...)
			srv := httptest.NewServer(g)
			defer srv.Close()
			now := epoch
			ks := &tokens.RemoteKeySet{URL: srv.URL, Client: srv.Client(), Now: func() time.Time { return now }, MinRefetch: time.Minute}
			ctx := context.Background()
			base := int32(0)
			if tt.cached {
				if _, err := ks.PublicKey(ctx, "kid-id"); err != nil {
					t.Fatal(err)
				}
				base = 1
				now = now.Add(time.Minute)
			}
			for i := range lookups {
				want := tt.wantLater
				if i == 0 {
					want = tt.wantFirst
				}
				if _, err := ks.PublicKey(ctx, "kid-access"); !errors.Is(err, want) {
					t.Fatalf("lookup %d: err = %v, want %v", i, err, want)
				}
			}
			if got := g.hits.Load() - base; got != 1 {
				t.Fatalf("%d fetches for %d lookups within MinRefetch, want 1", got, lookups)
			}
			if _, err := ks.PublicKey(ctx, "kid-id"); tt.cached && err != nil {
				t.Fatalf("the cached set stopped serving after a failed fetch: %v", err)
			}
			now = now.Add(time.Minute)
			_, _ = ks.PublicKey(ctx, "kid-access")
			_, _ = ks.PublicKey(ctx, "kid-access")
			if got := g.hits.Load() - base; got != 2 {
				t.Fatalf("%d fetches, want 2: one more once MinRefetch has passed", got)
			}
		})
	}
}

// TestRemoteKeySetCancelledFetchDoesNotCount: a caller that gives up does not
// stop the next one from fetching.
func TestRemoteKeySetCancelledFetchDoesNotCount(t *testing.T) {
	g := newGate(answer{200, jwks(t, keyA), false})
	srv := httptest.NewServer(g)
	defer srv.Close()
	ks := &tokens.RemoteKeySet{URL: srv.URL, Client: srv.Client(), Now: func() time.Time { return epoch }}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ks.PublicKey(cancelled, "kid-id"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if _, err := ks.PublicKey(context.Background(), "kid-id"); err != nil {
		t.Fatalf("after a cancelled fetch, at the same instant: %v", err)
	}
}

// TestRemoteKeySetMaxAge: a set older than MaxAge is fetched again, so a key
// the pool dropped stops verifying; while the endpoint fails, the old set
// keeps serving.
func TestRemoteKeySetMaxAge(t *testing.T) {
	tests := []struct {
		name    string
		refetch answer
		wantErr error // looking up kid-id after MaxAge
	}{
		{"key dropped", answer{200, jwks(t, keyB), false}, tokens.ErrUnknownKey},
		{"endpoint failing", answer{500, []byte("boom"), false}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGate(answer{200, jwks(t, keyA), false}, tt.refetch)
			srv := httptest.NewServer(g)
			defer srv.Close()
			now := epoch
			ks := &tokens.RemoteKeySet{URL: srv.URL, Client: srv.Client(), Now: func() time.Time { return now }, MaxAge: time.Hour}
			ctx := context.Background()
			if _, err := ks.PublicKey(ctx, "kid-id"); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Hour - time.Second)
			if _, err := ks.PublicKey(ctx, "kid-id"); err != nil || g.hits.Load() != 1 {
				t.Fatalf("within MaxAge: err %v, %d fetches, want 1", err, g.hits.Load())
			}
			now = now.Add(time.Second)
			_, err := ks.PublicKey(ctx, "kid-id")
			if g.hits.Load() != 2 {
				t.Fatalf("%d fetches after MaxAge, want 2", g.hits.Load())
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("after MaxAge: err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
