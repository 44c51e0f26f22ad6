package fakecognito

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

func TestFaults(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.f.MustCreateUser(e.pool.ID, "alice", testPassword)

	e.f.Fail("InitiateAuth", Fault{Err: Throttle.Err, Times: 2})
	for range 2 {
		_, err := e.passwordLogin("alice", testPassword)
		wantErr(t, err, "TooManyRequestsException", "Rate exceeded")
	}
	e.tokens(e.passwordLogin("alice", testPassword))

	e.f.Fail("*", Throttle)
	e.f.Fail("GetUser", Fault{Err: errors.New("boom")})
	_, err := e.passwordLogin("alice", testPassword)
	wantErr(t, err, "TooManyRequestsException", "")
	if _, err := e.cog.GetUser(e.ctx, &transport.AccessTokenInput{AccessToken: "x"}); err == nil || err.Error() != "boom" {
		t.Errorf("GetUser = %v, want its own fault", err)
	}
	e.f.MustCreateUser(e.pool.ID, "bob", testPassword) // setup helpers ignore faults
	e.f.ClearFaults()
	e.tokens(e.passwordLogin("bob", testPassword))

	// Latency honours the context.
	e.f.Fail("InitiateAuth", Fault{Latency: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = e.cog.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: e.client.ClientID})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	e.f.Fail("InitiateAuth", Fault{Latency: time.Millisecond})
	e.tokens(e.passwordLogin("alice", testPassword))
}

func TestCanceledContext(t *testing.T) {
	f := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: "p"})
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "fakecognito: CreateUserPool:") {
		t.Errorf("err = %v", err)
	}
}

func TestNilInput(t *testing.T) {
	f := New(Options{})
	_, err := f.InitiateAuth(context.Background(), nil)
	wantErr(t, err, "InvalidParameterException", "")
	_, err = f.GetUser(context.Background(), nil)
	wantErr(t, err, "InvalidParameterException", "")
}

func TestOutboxLookup(t *testing.T) {
	e := newEnv(t, envOpts{pool: transport.CreateUserPoolInput{UsernameAttributes: []string{"email"},
		PoolSettings: transport.PoolSettings{AutoVerifiedAttributes: []string{"email"}}}})
	out, err := e.cog.SignUp(e.ctx, &transport.SignUpInput{ClientID: e.client.ClientID, Username: "zoe@example.com", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := e.f.Outbox().Last("ZOE@example.com")
	if !ok || m.Username != out.UserSub || m.Purpose != PurposeSignUp || m.Medium != "EMAIL" || !m.Time.Equal(testStart) {
		t.Errorf("Last = %+v, %v", m, ok)
	}
	if m2, _ := e.f.Outbox().Last(out.UserSub); m2.Code != m.Code {
		t.Errorf("lookup by internal name differs")
	}
	if len(e.f.Outbox().All()) != 1 {
		t.Errorf("All = %v", e.f.Outbox().All())
	}
	e.f.Outbox().Clear()
	if e.f.Outbox().LastCode("zoe@example.com") != "" {
		t.Errorf("Clear left messages")
	}
}

// The same name in two pools: LastIn reads the pool asked for, Last the
// newest of any.
func TestOutboxLastIn(t *testing.T) {
	e := newEnv(t, envOpts{})
	other := e.f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "other"})
	oc := e.f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: other.ID, ClientSettings: transport.ClientSettings{ClientName: "app"}})
	for _, p := range []string{e.pool.ID, other.ID} {
		e.f.MustCreateUser(p, "testuser", testPassword, transport.Attr("email", "t@example.com"))
	}
	for _, c := range []string{e.client.ClientID, oc.ClientID} {
		if _, err := e.cog.ForgotPassword(e.ctx, &transport.ForgotPasswordInput{ClientID: c, Username: "testuser"}); err != nil {
			t.Fatal(err)
		}
	}
	all := e.f.Outbox().All()
	if len(all) != 2 {
		t.Fatalf("All = %v", all)
	}
	if m, ok := e.f.Outbox().LastIn(e.pool.ID, "testuser"); !ok || m.PoolID != e.pool.ID || m.Code != all[0].Code {
		t.Errorf("LastIn(first pool) = %+v, %v", m, ok)
	}
	if got := e.f.Outbox().LastCodeIn(other.ID, "T@example.com"); got != all[1].Code {
		t.Errorf("LastCodeIn(other pool, e-mail) = %q, want %q", got, all[1].Code)
	}
	if m, _ := e.f.Outbox().Last("testuser"); m.PoolID != other.ID {
		t.Errorf("Last = %+v, want the newest, from the other pool", m)
	}
	if m, ok := e.f.Outbox().LastIn("us-east-1_nopool000", "testuser"); ok {
		t.Errorf("LastIn(missing pool) = %+v", m)
	}
}

func TestMask(t *testing.T) {
	for _, tt := range []struct{ medium, in, want string }{
		{"EMAIL", "alice@example.com", "a***@e***"},
		{"EMAIL", "élise@été.fr", "é***@é***"},
		{"EMAIL", "broken", "***"},
		{"SMS", "+15555550123", "+*******0123"},
		{"SMS", "123", "***"},
	} {
		if got := mask(tt.medium, tt.in); got != tt.want {
			t.Errorf("mask(%s, %q) = %q, want %q", tt.medium, tt.in, got, tt.want)
		}
	}
}

func TestLogsNoSecrets(t *testing.T) {
	var buf bytes.Buffer
	f := New(Options{Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, GenerateSecret: true,
		ClientSettings: transport.ClientSettings{ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", testPassword)
	_, _ = f.InitiateAuth(context.Background(), &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: "alice", transport.ParamPassword: testPassword}})
	log := buf.String()
	if !strings.Contains(log, "op=InitiateAuth") || !strings.Contains(log, "NotAuthorizedException") {
		t.Errorf("log lacks the operation and its error code:\n%s", log)
	}
	for _, secret := range []string{testPassword, client.ClientSecret} {
		if strings.Contains(log, secret) {
			t.Errorf("log contains a secret:\n%s", log)
		}
	}
}

func TestMustHelpersPanic(t *testing.T) {
	f := New(Options{})
	for name, fn := range map[string]func(){
		"pool":   func() { f.MustCreatePool(transport.CreateUserPoolInput{}) },
		"client": func() { f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: "us-east-1_missing00"}) },
		"user":   func() { f.MustCreateUser("us-east-1_missing00", "alice", testPassword) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic")
				}
			}()
			fn()
		})
	}
}

// TestConcurrentLogins runs full SRP logins, refreshes and admin calls in
// parallel; with -race it checks the locking.
func TestConcurrentLogins(t *testing.T) {
	e := newEnv(t, envOpts{})
	const users = 4
	for i := range users {
		e.f.MustCreateUser(e.pool.ID, string(rune('a'+i))+"-user", testPassword)
	}
	var wg sync.WaitGroup
	errs := make(chan error, users*3)
	for i := range users {
		name := string(rune('a'+i)) + "-user"
		wg.Go(func() {
			for range 3 {
				res, err := srpLoginNoT(e, name, testPassword)
				if err != nil {
					errs <- err
					return
				}
				if _, err := e.refresh(res.RefreshToken); err != nil {
					errs <- err
					return
				}
			}
		})
		wg.Go(func() {
			for range 3 {
				if _, err := e.cog.ListUsers(e.ctx, &transport.ListUsersInput{UserPoolID: e.pool.ID}); err != nil {
					errs <- err
				}
				if _, err := e.cog.AdminUpdateUserAttributes(e.ctx, &transport.AdminUpdateUserAttributesInput{UserPoolID: e.pool.ID, Username: name,
					UserAttributes: []transport.AttributeType{transport.Attr("name", "n")}}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// srpLoginNoT runs a whole SRP login without touching testing.T, for use
// from other goroutines.
func srpLoginNoT(e *env, name, password string) (*transport.AuthenticationResult, error) {
	c, err := srp.NewClient(nil)
	if err != nil {
		return nil, err
	}
	ch, err := e.f.InitiateAuth(e.ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserSRP, ClientID: e.client.ClientID,
		AuthParameters: map[string]string{transport.ParamUsername: name, transport.ParamSRPA: c.SRPA()}})
	if err != nil {
		return nil, err
	}
	p := ch.ChallengeParameters
	poolName, err := srp.PoolName(e.pool.ID)
	if err != nil {
		return nil, err
	}
	ts := srp.FormatTimestamp(e.clk.Now())
	sig, err := c.PasswordSignature(poolName, p[transport.ParamUserIDForSRP], password, p[transport.ParamSalt], p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
	if err != nil {
		return nil, err
	}
	out, err := e.f.RespondToAuthChallenge(e.ctx, &transport.RespondToAuthChallengeInput{ClientID: e.client.ClientID,
		ChallengeName: transport.ChallengePasswordVerifier, ChallengeResponses: map[string]string{
			transport.ParamUsername: p[transport.ParamUsername], transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
			transport.ParamClaimSignature: sig, transport.ParamTimestamp: ts,
		}})
	if err != nil {
		return nil, err
	}
	if out.AuthenticationResult == nil {
		return nil, errors.New("login stopped at " + out.ChallengeName)
	}
	return out.AuthenticationResult, nil
}
