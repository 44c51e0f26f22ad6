package fakecognito

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// testStart is the fake clock's start: a Tuesday, 5 March 2024.
var testStart = time.Date(2024, 3, 5, 7, 8, 9, 0, time.UTC)

func newTestClock() *Clock { return NewClock(testStart) }

// The test password satisfies Cognito's default policy.
const (
	testPassword  = "Correct-Horse-1"
	wrongPassword = "Wrong-Horse-2"
	newPassword   = "Brand-New-Pass-3"
)

// env is a fake with one pool and one client, driven through the
// transport interfaces.
type env struct {
	t      *testing.T
	f      *Fake
	cog    transport.Cognito
	clk    *Clock
	pool   transport.UserPool
	client transport.UserPoolClient
	ctx    context.Context
}

// preventOn is a client that prevents user existence errors, which
// clients created through the API do not by default.
var preventOn = transport.ClientSettings{PreventUserExistenceErrors: transport.PreventUserExistenceOn}

type envOpts struct {
	pool   transport.CreateUserPoolInput
	client transport.ClientSettings
	secret bool
}

func newEnv(t *testing.T, o envOpts) *env {
	t.Helper()
	clk := newTestClock()
	f := New(Options{Clock: clk.Now})
	if o.pool.PoolName == "" {
		o.pool.PoolName = "test"
	}
	pool := f.MustCreatePool(o.pool)
	if o.client.ClientName == "" {
		o.client.ClientName = "app"
	}
	if o.client.ExplicitAuthFlows == nil {
		o.client.ExplicitAuthFlows = []string{
			transport.AllowUserSRPAuth, transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth,
			transport.AllowCustomAuth, transport.AllowAdminUserPassword,
		}
	}
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: pool.ID, GenerateSecret: o.secret, ClientSettings: o.client,
	})
	return &env{t: t, f: f, cog: f, clk: clk, pool: pool, client: client, ctx: context.Background()}
}

// hash returns SECRET_HASH for name, or "" for a client without secret.
func (e *env) hash(name string) string {
	if e.client.ClientSecret == "" {
		return ""
	}
	return srp.SecretHash(name, e.client.ClientID, e.client.ClientSecret)
}

// withHash adds SECRET_HASH for name to params when the client has one.
func (e *env) withHash(params map[string]string, name string) map[string]string {
	if h := e.hash(name); h != "" {
		params[transport.ParamSecretHash] = h
	}
	return params
}

// srpStart sends USER_SRP_AUTH for name.
func (e *env) srpStart(name string, extra map[string]string) (*srp.Client, *transport.ChallengeOutput, error) {
	e.t.Helper()
	c, err := srp.NewClient(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	params := e.withHash(map[string]string{transport.ParamUsername: name, transport.ParamSRPA: c.SRPA()}, name)
	for k, v := range extra {
		params[k] = v
	}
	out, err := e.cog.InitiateAuth(e.ctx, &transport.InitiateAuthInput{
		AuthFlow: transport.FlowUserSRP, ClientID: e.client.ClientID, AuthParameters: params,
	})
	return c, out, err
}

// pvAnswer answers a PASSWORD_VERIFIER challenge with password.
func (e *env) pvAnswer(c *srp.Client, ch *transport.ChallengeOutput, password string, extra map[string]string) map[string]string {
	e.t.Helper()
	if ch.ChallengeName != transport.ChallengePasswordVerifier {
		e.t.Fatalf("challenge = %q, want PASSWORD_VERIFIER", ch.ChallengeName)
	}
	p := ch.ChallengeParameters
	poolName, err := srp.PoolName(e.pool.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	ts := srp.FormatTimestamp(e.clk.Now())
	sig, err := c.PasswordSignature(poolName, p[transport.ParamUserIDForSRP], password, p[transport.ParamSalt],
		p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	if err != nil {
		e.t.Fatal(err)
	}
	resp := e.withHash(map[string]string{
		transport.ParamUsername:         p[transport.ParamUsername],
		transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
		transport.ParamClaimSignature:   sig,
		transport.ParamTimestamp:        ts,
	}, p[transport.ParamUsername])
	for k, v := range extra {
		resp[k] = v
	}
	return resp
}

// respond sends RespondToAuthChallenge.
func (e *env) respond(name, session string, resp map[string]string) (*transport.ChallengeOutput, error) {
	return e.cog.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{
		ClientID: e.client.ClientID, ChallengeName: name, Session: session, ChallengeResponses: resp,
	})
}

// srpLogin runs USER_SRP_AUTH and answers PASSWORD_VERIFIER.
func (e *env) srpLogin(name, password string, extra map[string]string) (*transport.ChallengeOutput, error) {
	e.t.Helper()
	c, ch, err := e.srpStart(name, extra)
	if err != nil {
		return nil, err
	}
	return e.respond(transport.ChallengePasswordVerifier, "", e.pvAnswer(c, ch, password, extra))
}

// mustTokens fails unless out carries tokens.
func mustTokens(t *testing.T, out *transport.ChallengeOutput, err error) *transport.AuthenticationResult {
	t.Helper()
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if out.AuthenticationResult == nil {
		t.Fatalf("login stopped at challenge %q, want tokens", out.ChallengeName)
	}
	return out.AuthenticationResult
}

// mustChallenge fails unless out is the named challenge.
func mustChallenge(t *testing.T, out *transport.ChallengeOutput, err error, name string) *transport.ChallengeOutput {
	t.Helper()
	if err != nil {
		t.Fatalf("want challenge %s, got error %v", name, err)
	}
	if out.ChallengeName != name {
		t.Fatalf("challenge = %q, want %q", out.ChallengeName, name)
	}
	return out
}

// wantErr fails unless err is a Cognito error with code and, if msg is
// not empty, that message.
func wantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	var e *transport.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if e.Code != code || msg != "" && e.Message != msg {
		t.Fatalf("err = %s %q, want %s %q", e.Code, e.Message, code, msg)
	}
	if !errors.Is(err, transport.Kind(code)) {
		t.Fatalf("errors.Is(err, %s) = false", code)
	}
}

// claims verifies a JWT against the pool's JWKS and returns its claims.
func (e *env) claims(tok string) map[string]any {
	e.t.Helper()
	set, err := e.f.JWKS(e.pool.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	keys, err := jwk.Parse(set)
	if err != nil {
		e.t.Fatal(err)
	}
	payload, err := jws.Verify([]byte(tok), jws.WithKeySet(keys))
	if err != nil {
		e.t.Fatalf("token does not verify against the JWKS: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		e.t.Fatal(err)
	}
	return m
}

// header returns a JWT's protected header.
func header(t *testing.T, tok string) map[string]any {
	t.Helper()
	h, _, _ := strings.Cut(tok, ".")
	b, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// tokens fails unless a login call returned tokens.
func (e *env) tokens(out *transport.ChallengeOutput, err error) *transport.AuthenticationResult {
	e.t.Helper()
	return mustTokens(e.t, out, err)
}

// challenge returns a check that a login call returned the named challenge.
func (e *env) challenge(name string) func(*transport.ChallengeOutput, error) *transport.ChallengeOutput {
	return func(out *transport.ChallengeOutput, err error) *transport.ChallengeOutput {
		e.t.Helper()
		return mustChallenge(e.t, out, err, name)
	}
}
