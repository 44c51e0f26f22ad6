package conformance

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// fixture is a pool, an app client and the context of one scenario.
type fixture struct {
	t        *testing.T
	tg       Target
	ctx      context.Context
	poolID   string
	clientID string
	secret   string
}

// poolSpec describes the pool and client a scenario wants.
type poolSpec struct {
	pool   transport.CreateUserPoolInput
	client transport.ClientSettings
	secret bool
}

// allFlows lets a client use every flow the scenarios exercise.
var allFlows = []string{
	transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth,
	transport.AllowCustomAuth, transport.AllowAdminUserPassword,
}

// setup creates the pool and client of spec, or, on the live target, uses
// the configured ones.
func setup(t *testing.T, tg Target, spec poolSpec) *fixture {
	t.Helper()
	fx := &fixture{t: t, tg: tg, ctx: ctxFor(t)}
	if tg.Live != nil {
		fx.poolID, fx.clientID, fx.secret = tg.Live.PoolID, tg.Live.ClientID, tg.Live.ClientSecret
		return fx
	}
	if spec.pool.PoolName == "" {
		spec.pool.PoolName = "conformance"
	}
	p, err := tg.Cognito.CreateUserPool(fx.ctx, &spec.pool)
	if err != nil {
		t.Fatalf("CreateUserPool: %v", err)
	}
	fx.poolID = p.UserPool.ID
	if spec.client.ClientName == "" {
		spec.client.ClientName = "app"
	}
	if spec.client.ExplicitAuthFlows == nil {
		spec.client.ExplicitAuthFlows = allFlows
	}
	c, err := tg.Cognito.CreateUserPoolClient(fx.ctx, &transport.CreateUserPoolClientInput{
		UserPoolID: fx.poolID, GenerateSecret: spec.secret, ClientSettings: spec.client,
	})
	if err != nil {
		t.Fatalf("CreateUserPoolClient: %v", err)
	}
	fx.clientID, fx.secret = c.UserPoolClient.ClientID, c.UserPoolClient.ClientSecret
	if spec.secret && fx.secret == "" {
		t.Fatal("CreateUserPoolClient with GenerateSecret returned no secret")
	}
	return fx
}

// user creates a confirmed user with a permanent password, the way an
// administrator does: AdminCreateUser then AdminSetUserPassword.
func (fx *fixture) user(name, password string, attrs ...transport.AttributeType) {
	fx.t.Helper()
	if _, err := fx.tg.Cognito.AdminCreateUser(fx.ctx, &transport.AdminCreateUserInput{
		UserPoolID: fx.poolID, Username: name, UserAttributes: attrs, MessageAction: "SUPPRESS",
	}); err != nil {
		fx.t.Fatalf("AdminCreateUser(%s): %v", name, err)
	}
	if _, err := fx.tg.Cognito.AdminSetUserPassword(fx.ctx, &transport.AdminSetUserPasswordInput{
		UserPoolID: fx.poolID, Username: name, Password: password, Permanent: true,
	}); err != nil {
		fx.t.Fatalf("AdminSetUserPassword(%s): %v", name, err)
	}
}

// config is the engine configuration for the fixture's client.
func (fx *fixture) config() engine.Config {
	return engine.Config{
		PoolID: fx.poolID, ClientID: fx.clientID, ClientSecret: fx.secret,
		Transport: fx.tg.Cognito, Now: fx.tg.now,
	}
}

// login runs a whole login that needs no input.
func (fx *fixture) login(c engine.Credentials) (*engine.Result, error) {
	return engine.Authenticate(fx.ctx, fx.config(), c)
}

// mustLogin is login that fails the test on error, and checks the tokens.
func (fx *fixture) mustLogin(c engine.Credentials) *engine.Result {
	fx.t.Helper()
	res, err := fx.login(c)
	if err != nil {
		fx.t.Fatalf("login as %s: %v", c.Username, err)
	}
	fx.checkTokens(res.Tokens)
	return res
}

// checkTokens verifies both tokens' signatures and claims against the
// pool's published keys, and returns the access token's claims.
func (fx *fixture) checkTokens(r *transport.AuthenticationResult) (id, access *tokens.Claims) {
	fx.t.Helper()
	if r == nil || r.AccessToken == "" || r.IDToken == "" {
		fx.t.Fatalf("no tokens in %v", r)
	}
	if r.TokenType != "Bearer" || r.ExpiresIn <= 0 {
		fx.t.Errorf("TokenType %q, ExpiresIn %d; want Bearer and a positive lifetime", r.TokenType, r.ExpiresIn)
	}
	v := &tokens.Verifier{Issuer: fx.tg.Issuer(fx.poolID), ClientID: fx.clientID, Keys: fx.tg.KeySet(fx.poolID), Now: fx.tg.now}
	id, err := v.VerifyID(fx.ctx, r.IDToken)
	if err != nil {
		fx.t.Fatalf("ID token: %v", err)
	}
	access, err = v.VerifyAccess(fx.ctx, r.AccessToken)
	if err != nil {
		fx.t.Fatalf("access token: %v", err)
	}
	return id, access
}

// initiate calls InitiateAuth directly, for scenarios about what the engine
// would never send.
func (fx *fixture) initiate(flow string, params map[string]string) (*transport.InitiateAuthOutput, error) {
	return fx.tg.Cognito.InitiateAuth(fx.ctx, &transport.InitiateAuthInput{AuthFlow: flow, ClientID: fx.clientID, AuthParameters: params})
}

// wantErr fails unless err is a Cognito error of kind with a message
// containing msg.
func wantErr(t *testing.T, err error, kind error, msg string) {
	t.Helper()
	var te *transport.Error
	if !errors.Is(err, kind) || !errors.As(err, &te) {
		t.Fatalf("err = %v, want %v", err, kind)
	}
	if !strings.Contains(te.Message, msg) {
		t.Fatalf("message %q, want it to contain %q", te.Message, msg)
	}
}
