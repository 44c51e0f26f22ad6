package account_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// password satisfies the fake's default policy.
const password = "Corr3ct-Horse"

// start is a fixed instant mid-way through a TOTP step, so that codes and
// expiries repeat run after run.
var start = time.Date(2026, 11, 29, 12, 0, 10, 0, time.UTC)

// target is how the tests reach the fake: directly, or through the AWS SDK
// adapter over HTTP, the path any SDK takes.
type target struct {
	name string
	dial func(t *testing.T, f *fakecognito.Fake) transport.Cognito
}

var targets = []target{
	{"in-process", func(_ *testing.T, f *fakecognito.Fake) transport.Cognito { return f }},
	{"awssdk-over-http", overHTTP},
}

func overHTTP(t *testing.T, f *fakecognito.Fake) transport.Cognito {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg := aws.Config{
		Region:      "us-east-1",
		HTTPClient:  srv.Client(),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "fake-secret", ""),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = 1 })
		},
	}
	return awssdk.New(cfg, func(o *cognitoidentityprovider.Options) { o.BaseEndpoint = aws.String(srv.URL) })
}

// fixture is a fake Cognito with one pool and one app client, and the
// account Client and Admin for them.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	f      *fakecognito.Fake
	cog    transport.Cognito
	clock  *fakecognito.Clock
	poolID string
	client *account.Client
	admin  *account.Admin
}

// options shape a fixture.
type options struct {
	secret bool                          // the app client has a secret
	pool   transport.CreateUserPoolInput // the pool's settings
	dial   func(*testing.T, *fakecognito.Fake) transport.Cognito
}

func newFixture(t *testing.T, o options) *fixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	clk := fakecognito.NewClock(start)
	f := fakecognito.New(fakecognito.Options{Clock: clk.Now})
	if o.pool.PoolName == "" {
		o.pool.PoolName = "accounts"
	}
	if o.pool.AutoVerifiedAttributes == nil {
		o.pool.AutoVerifiedAttributes = []string{"email"}
	}
	o.pool.Schema = append(o.pool.Schema, transport.SchemaAttribute{Name: "team", AttributeDataType: "String", Mutable: aws.Bool(true)})
	pool := f.MustCreatePool(o.pool)
	c := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: o.secret,
		ClientSettings: transport.ClientSettings{ClientName: "app", ExplicitAuthFlows: []string{
			transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
			// As the console sets it; the API's default is LEGACY.
			PreventUserExistenceErrors: transport.PreventUserExistenceOn}})
	var cog transport.Cognito = f
	if o.dial != nil {
		cog = o.dial(t, f)
	}
	keys, err := f.JWKS(pool.ID)
	if err != nil {
		t.Fatal(err)
	}
	ks, err := tokens.NewStaticKeySet(keys)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{
		t: t, ctx: ctx, f: f, cog: cog, clock: clk, poolID: pool.ID,
		client: &account.Client{
			Transport: cog, ClientID: c.ClientID, ClientSecret: c.ClientSecret, Now: clk.Now, TOTPIssuer: "Example",
			Verifier: &tokens.Verifier{Issuer: f.Issuer(pool.ID), ClientID: c.ClientID, Keys: ks, Now: clk.Now},
		},
		admin: &account.Admin{Transport: cog, PoolID: pool.ID},
	}
}

// user creates a confirmed user with a verified e-mail address.
func (fx *fixture) user(name string, attrs ...transport.AttributeType) {
	fx.t.Helper()
	attrs = append(attrs, transport.Attr("email", name+"@example.com"))
	fx.f.MustCreateUser(fx.poolID, name, password, attrs...)
}

// login signs a user in with the engine and returns its result.
func (fx *fixture) login(name, pw string) (*engine.Result, error) {
	return engine.Authenticate(fx.ctx, engine.Config{
		PoolID: fx.poolID, ClientID: fx.client.ClientID, ClientSecret: fx.client.ClientSecret,
		Transport: fx.cog, Now: fx.clock.Now,
	}, engine.Credentials{Username: name, Password: pw})
}

// session signs a user in and starts a Session with its tokens.
func (fx *fixture) session(name string) *account.Session {
	fx.t.Helper()
	res, err := fx.login(name, password)
	if err != nil {
		fx.t.Fatalf("login %s: %v", name, err)
	}
	s, err := fx.client.NewSession(fx.ctx, res.Tokens, account.SessionOptions{})
	if err != nil {
		fx.t.Fatalf("NewSession: %v", err)
	}
	return s
}

// code returns the last code the fake sent to a user, failing without one.
func (fx *fixture) code(name string) string {
	fx.t.Helper()
	c := fx.f.Outbox().LastCode(name)
	if c == "" {
		fx.t.Fatalf("no code sent to %s", name)
	}
	return c
}

// totp returns an authenticator code for secret, first moving the clock to
// the next 30-second step so that no code is used twice.
func (fx *fixture) totp(secret string) string {
	fx.t.Helper()
	fx.clock.Advance(30 * time.Second)
	c, err := fakecognito.TOTPCode(secret, fx.clock.Now())
	if err != nil {
		fx.t.Fatal(err)
	}
	return c
}

// forEachTarget runs fn once per target, each with a fresh fixture.
func forEachTarget(t *testing.T, o options, fn func(t *testing.T, fx *fixture)) {
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			opts := o
			opts.dial = tg.dial
			fn(t, newFixture(t, opts))
		})
	}
}
