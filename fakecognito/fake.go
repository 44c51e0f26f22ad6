package fakecognito

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gocognito/gocognito/internal/awsjson"
	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// Options configure a Fake. The zero value is ready to use.
type Options struct {
	// Region names the AWS region the fake pretends to be in; it prefixes
	// pool ids and device keys and appears in issuers. Default "us-east-1".
	// Load adopts the region of a saved state when Region is the default,
	// and refuses a state of another region otherwise.
	Region string
	// Clock is the fake's notion of now, for token lifetimes, session and
	// code expiry, lockouts and TOTP. nil means time.Now.
	Clock func() time.Time
	// Rand is the source of every id, code, salt, SRP secret, session and
	// refresh token. nil means crypto/rand. A deterministic reader makes
	// runs repeatable; it need not be safe for concurrent use.
	Rand io.Reader
	// IssuerBase is the token issuer prefix; the issuer of a pool is
	// IssuerBase + "/" + pool id. "" means
	// "https://cognito-idp.{Region}.amazonaws.com", as real Cognito.
	IssuerBase string
	// PasskeyOrigins are origins (scheme, host and port, such as
	// "http://localhost:8080") whose passkey ceremonies the fake accepts
	// besides the https origin of the pool's relying party id and its
	// subdomains: for tests and local servers, which browsers let use
	// passkeys on http://localhost. Real Cognito has no such setting.
	PasskeyOrigins []string
	// Keys sign the tokens. nil means a process-wide pair made once and
	// shared by every Fake, so that creating a Fake costs no key generation
	// after the first.
	Keys *Keys
	// Logger receives one debug record per operation (its name and error
	// code, never a secret). nil discards.
	Logger *slog.Logger
	// MaxPending caps each of the SRP exchanges and the sessions waiting
	// for an answer, which callers create without credentials; past it the
	// fake answers TooManyRequestsException. 0 means DefaultMaxPending.
	MaxPending int
	// OutboxOrigins are the web origins (such as "http://localhost:3000")
	// whose pages may read OutboxPath from a browser; "*" allows any. The
	// outbox holds live codes, so by default no page may.
	OutboxOrigins []string
	// MaxBodyBytes bounds a request body of the HTTP API; 0 means 1 MiB.
	MaxBodyBytes int64
	// SweepInterval is how often expired sessions and SRP exchanges are
	// forgotten while any exist. 0 means 30 seconds; negative, only when a
	// cap is reached or SweepExpired is called.
	SweepInterval time.Duration
}

// Fake is an in-memory Cognito User Pools service. It implements every
// interface of package transport; all its methods are safe for concurrent
// use. Create one with New.
type Fake struct {
	now  func() time.Time
	rand *lockedReader
	log  *slog.Logger

	// keysMu guards the fake's identity: keys, issuerBase and region,
	// which Load may replace. It is taken after mu, never before.
	keysMu     sync.RWMutex
	keys       *Keys // nil: the process-wide default pair
	issuerBase string
	region     string

	// mu guards st. Nothing expensive (modular exponentiation, RSA
	// signing, trigger calls) runs while it is held.
	mu sync.RWMutex
	st *state
	// maxPending, sweepInterval and sweepTimer bound the transient state
	// (limits.go); sweepTimer is guarded by mu.
	maxPending    int
	outboxOrigins []string
	sweepInterval time.Duration
	sweepTimer    *time.Timer
	lastFullSweep time.Time
	// gen counts the Loads, which replace st whole (guarded by mu).
	gen uint64
	// trk records what each write section touches, for the journal
	// (journal.go); guarded by mu.
	trk tracker

	outbox *Outbox
	faults faults

	api http.Handler // the AWS JSON 1.1 side of ServeHTTP, built once
	// managed is the managed login page of the OAuth endpoints
	// (oauth_login.go).
	managed managedLogin

	// decoy keys the salts and ids of challenges for users that do not
	// exist; drawn on first use, saved and loaded with the state. decoyMu
	// is taken after mu and keysMu, never before.
	decoyMu sync.Mutex
	decoy   []byte

	// passkeyOrigins are Options.PasskeyOrigins, without a trailing slash.
	passkeyOrigins []string

	// matchPassword checks a USER_PASSWORD_AUTH password against a stored
	// verifier: passwordMatches, which tests may wrap to count the work.
	matchPassword func(poolID, username, password string, stored *srp.Verifier) bool
}

// The fake implements every capability of a real Cognito.
var _ transport.Cognito = (*Fake)(nil)

// New returns an empty Fake: no pools, no clients, no users. It never fails.
func New(opts Options) *Fake {
	f := &Fake{
		region:     opts.Region,
		now:        opts.Clock,
		rand:       &lockedReader{r: opts.Rand},
		log:        opts.Logger,
		keys:       opts.Keys,
		issuerBase: opts.IssuerBase,
		st:         newState(),
		outbox:     &Outbox{},

		passkeyOrigins: trimOrigins(opts.PasskeyOrigins),

		matchPassword: passwordMatches,
		maxPending:    opts.MaxPending,
		outboxOrigins: slices.Clone(opts.OutboxOrigins),
		sweepInterval: opts.SweepInterval,
	}
	if f.maxPending <= 0 {
		f.maxPending = DefaultMaxPending
	}
	if f.sweepInterval == 0 {
		f.sweepInterval = defaultSweepInterval
	}
	if f.region == "" {
		f.region = defaultRegion
	}
	if f.now == nil {
		f.now = time.Now
	}
	if f.rand.r == nil {
		f.rand.r = rand.Reader
	}
	if f.log == nil {
		f.log = slog.New(slog.DiscardHandler)
	}
	if f.keys == nil {
		startDefaultKeys()
	}
	f.api = awsjson.NewHandler(f, awsjson.Options{Logger: f.log, MaxBodyBytes: opts.MaxBodyBytes})
	if newHook != nil {
		newHook(f)
	}
	return f
}

// newHook, when set (by this package's tests only), sees every new Fake.
var newHook func(*Fake)

// defaultRegion is the region of a fake created without one.
const defaultRegion = "us-east-1"

// Region returns the region the fake pretends to be in.
func (f *Fake) Region() string {
	f.keysMu.RLock()
	defer f.keysMu.RUnlock()
	return f.region
}

// decoyKeyLen is the size of the decoy key.
const decoyKeyLen = 32

// decoyKey returns the key of decoy challenges, drawing it on first use.
func (f *Fake) decoyKey() ([]byte, error) {
	f.decoyMu.Lock()
	defer f.decoyMu.Unlock()
	if f.decoy == nil {
		b := make([]byte, decoyKeyLen)
		if err := f.readRand(b); err != nil {
			return nil, err
		}
		f.decoy = b
	}
	return f.decoy, nil
}

// SetIssuerBase changes the issuer prefix of tokens issued from now on, for
// example to "http://127.0.0.1:9229" once a server knows its address. Tokens
// issued before stay valid.
func (f *Fake) SetIssuerBase(base string) {
	f.keysMu.Lock()
	f.issuerBase = base
	f.keysMu.Unlock()
}

// Issuer returns the "iss" of the tokens of a pool.
func (f *Fake) Issuer(poolID string) string {
	f.keysMu.RLock()
	base, region := f.issuerBase, f.region
	f.keysMu.RUnlock()
	if base == "" {
		base = "https://cognito-idp." + region + ".amazonaws.com"
	}
	return base + "/" + poolID
}

// Outbox returns the messages the fake has "sent": sign-up codes, MFA
// codes, invitations. It is the same Outbox for the life of the Fake.
func (f *Fake) Outbox() *Outbox { return f.outbox }

// clock returns now.
func (f *Fake) clock() time.Time { return f.now() }

// readRand fills b from the injected source.
func (f *Fake) readRand(b []byte) error {
	if _, err := io.ReadFull(f.rand, b); err != nil {
		return internalError(fmt.Errorf("fakecognito: random source: %w", err))
	}
	return nil
}

// lockedReader serializes reads so that a Rand that is not safe for
// concurrent use can serve concurrent requests.
type lockedReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}

// run is the frame of every operation: it checks the input and the
// context, applies injected faults, calls fn and logs the outcome.
func run[I, O any](ctx context.Context, f *Fake, op string, in *I, fn func(*I) (*O, error)) (*O, error) {
	out, err := runInner(ctx, f, op, in, fn)
	// Answer only once what the operation changed is durable (with a
	// Store attached); a failed operation may have changed something too
	// (a failed login counts).
	if derr := f.awaitDurable(); derr != nil {
		out, err = nil, internalError(fmt.Errorf("fakecognito: saving the change: %w", derr))
	}
	if err != nil {
		f.log.DebugContext(ctx, "fakecognito", slog.String("op", op), slog.String("error", errorCode(err)))
		return nil, err
	}
	f.log.DebugContext(ctx, "fakecognito", slog.String("op", op))
	return out, nil
}

func runInner[I, O any](ctx context.Context, f *Fake, op string, in *I, fn func(*I) (*O, error)) (*O, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("fakecognito: %s: %w", op, err)
	}
	if err := f.faults.apply(ctx, op); err != nil {
		return nil, err
	}
	if in == nil {
		return nil, invalidParam("The request must not be empty.")
	}
	return fn(in)
}

// errorCode names an error for the log: its Cognito code, or "error".
func errorCode(err error) string {
	if c := transport.Code(err); c != "" {
		return c
	}
	return "error"
}
