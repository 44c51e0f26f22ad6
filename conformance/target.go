package conformance

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// Target is a Cognito that the scenarios run against.
type Target struct {
	// Name appears in failure messages.
	Name string
	// Cognito reaches the service for setup and for logins.
	Cognito transport.Cognito
	// Fake gives the scenarios the fake's test controls (outbox, triggers,
	// faults, user state). nil for real Cognito.
	Fake *fakecognito.Fake
	// Clock is the target's time: scenarios move it to expire sessions and
	// lockouts. nil where time cannot be moved.
	Clock *fakecognito.Clock
	// KeySet returns the key set that verifies a pool's tokens.
	KeySet func(poolID string) tokens.KeySet
	// Issuer returns a pool's token issuer.
	Issuer func(poolID string) string
	// Live, for real Cognito, names an existing pool, client and user; the
	// scenarios that need their own pool skip there.
	Live *Live
}

// Factory builds a fresh Target for one scenario.
type Factory func(t *testing.T) Target

// start is where every local target's clock begins: a fixed instant keeps
// TOTP codes and timestamps repeatable. It sits mid-step of TOTP's 30 s
// period.
var start = time.Date(2026, 11, 29, 12, 0, 10, 0, time.UTC)

// InProcess is a Factory for the fake called directly, without HTTP.
func InProcess(t *testing.T) Target {
	clock := fakecognito.NewClock(start)
	f := fakecognito.New(fakecognito.Options{Clock: clock.Now})
	return Target{
		Name:    "in-process",
		Cognito: f,
		Fake:    f,
		Clock:   clock,
		KeySet:  staticKeys(t, f),
		Issuer:  f.Issuer,
	}
}

// OverHTTP is a Factory for the AWS SDK adapter talking HTTP to the fake on
// a local httptest server: the same path any SDK takes.
func OverHTTP(t *testing.T) Target {
	clock := fakecognito.NewClock(start)
	f := fakecognito.New(fakecognito.Options{Clock: clock.Now})
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.SetIssuerBase(srv.URL)
	cfg := aws.Config{
		Region:      "us-east-1",
		HTTPClient:  srv.Client(),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake-secret", ""),
		// The standard retryer, without waiting between attempts.
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.Backoff = noBackoff{} })
		},
	}
	c := awssdk.New(cfg, func(o *cognitoidentityprovider.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	return Target{
		Name:    "awssdk-over-http",
		Cognito: c,
		Fake:    f,
		Clock:   clock,
		KeySet: func(poolID string) tokens.KeySet {
			return &tokens.RemoteKeySet{URL: tokens.JWKSURL(f.Issuer(poolID)), Client: srv.Client(), Now: clock.Now}
		},
		Issuer: f.Issuer,
	}
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

func staticKeys(t *testing.T, f *fakecognito.Fake) func(string) tokens.KeySet {
	return func(poolID string) tokens.KeySet {
		b, err := f.JWKS(poolID)
		if err != nil {
			t.Fatalf("JWKS(%s): %v", poolID, err)
		}
		ks, err := tokens.NewStaticKeySet(b)
		if err != nil {
			t.Fatalf("parsing JWKS: %v", err)
		}
		return ks
	}
}

// Live names an existing pool, client and confirmed user of real Cognito.
type Live struct {
	Region, PoolID, ClientID, ClientSecret string
	Username, Password                     string
}

// Environment variables that turn on the live target.
const (
	EnvRegion       = "GOCOGNITO_LIVE_REGION"
	EnvPoolID       = "GOCOGNITO_LIVE_POOL_ID"
	EnvClientID     = "GOCOGNITO_LIVE_CLIENT_ID"
	EnvClientSecret = "GOCOGNITO_LIVE_CLIENT_SECRET"
	EnvUsername     = "GOCOGNITO_LIVE_USERNAME"
	EnvPassword     = "GOCOGNITO_LIVE_PASSWORD"
)

// LiveFromEnv reads the live target's settings; ok is false, with the names
// of the missing variables in missing, when they are not all set.
func LiveFromEnv() (l Live, missing []string) {
	get := func(name string, required bool) string {
		v := os.Getenv(name)
		if v == "" && required {
			missing = append(missing, name)
		}
		return v
	}
	l = Live{
		Region:       get(EnvRegion, true),
		PoolID:       get(EnvPoolID, true),
		ClientID:     get(EnvClientID, true),
		ClientSecret: get(EnvClientSecret, false),
		Username:     get(EnvUsername, true),
		Password:     get(EnvPassword, true),
	}
	return l, missing
}

// RealCognito is a Factory for real Cognito through the AWS SDK, configured
// by the GOCOGNITO_LIVE_* variables. Without them it skips, naming them.
// It is never used in CI.
func RealCognito(t *testing.T) Target {
	l, missing := LiveFromEnv()
	if len(missing) > 0 {
		t.Skipf("real Cognito not configured: set %v to run against a live pool", missing)
	}
	c := awssdk.New(aws.Config{Region: l.Region, HTTPClient: http.DefaultClient, Credentials: aws.AnonymousCredentials{}})
	issuer := "https://cognito-idp." + l.Region + ".amazonaws.com/" + l.PoolID
	return Target{
		Name:    "real-cognito",
		Cognito: c,
		KeySet:  func(string) tokens.KeySet { return tokens.NewRemoteKeySet(tokens.JWKSURL(issuer)) },
		Issuer:  func(string) string { return issuer },
		Live:    &l,
	}
}

// now returns the target's time, or the wall clock.
func (tg Target) now() time.Time {
	if tg.Clock != nil {
		return tg.Clock.Now()
	}
	return time.Now()
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
