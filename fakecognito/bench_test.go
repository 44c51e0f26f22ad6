package fakecognito

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// benchFake is a fake with one user, ready for logins.
func benchFake(b *testing.B) (*Fake, transport.UserPool, transport.UserPoolClient) {
	b.Helper()
	f := New(Options{})
	// This package's TestMain journals every Fake in memory to check that
	// its journal replays; a Fake outside these tests (or `serve` without
	// --state) keeps no journal, so the benchmarks measure it without one.
	journaledMu.Lock()
	delete(journaled, f)
	journaledMu.Unlock()
	f.attachSink(nil, 0)
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "bench"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "bench"}})
	f.MustCreateUser(pool.ID, "alice", testPassword)
	if _, err := f.signingKeys(); err != nil {
		b.Fatal(err)
	}
	return f, pool, client
}

// loginTimed runs one SRP login, the client's work between the two calls
// timed by client and the fake's by server (either may be nil).
func loginTimed(b *testing.B, f *Fake, pool transport.UserPool, client transport.UserPoolClient, clientSide, serverSide func(func())) {
	loginTimedAs(b, f, pool, client, "alice", clientSide, serverSide)
}

// loginTimedAs is loginTimed for the user called name.
func loginTimedAs(b *testing.B, f *Fake, pool transport.UserPool, client transport.UserPoolClient, name string, clientSide, serverSide func(func())) {
	ctx := context.Background()
	run := func(timed func(func()), fn func()) {
		if timed == nil {
			fn()
			return
		}
		timed(fn)
	}
	var (
		c   *srp.Client
		ch  *transport.ChallengeOutput
		err error
	)
	run(clientSide, func() {
		if c, err = srp.NewClient(nil); err != nil {
			b.Fatal(err)
		}
	})
	run(serverSide, func() {
		ch, err = f.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserSRP, ClientID: client.ClientID,
			AuthParameters: map[string]string{transport.ParamUsername: name, transport.ParamSRPA: c.SRPA()}})
		if err != nil {
			b.Fatal(err)
		}
	})
	p := ch.ChallengeParameters
	var resp map[string]string
	run(clientSide, func() {
		poolName, _ := srp.PoolName(pool.ID)
		ts := srp.FormatTimestamp(time.Now())
		sig, err := c.PasswordSignature(poolName, p[transport.ParamUserIDForSRP], testPassword, p[transport.ParamSalt],
			p[transport.ParamSRPB], p[transport.ParamSecretBlock], ts)
		if err != nil {
			b.Fatal(err)
		}
		resp = map[string]string{transport.ParamUsername: p[transport.ParamUsername], transport.ParamClaimSecretBlock: p[transport.ParamSecretBlock],
			transport.ParamClaimSignature: sig, transport.ParamTimestamp: ts}
	})
	run(serverSide, func() {
		out, err := f.RespondToAuthChallenge(ctx, &transport.RespondToAuthChallengeInput{ClientID: client.ClientID,
			ChallengeName: transport.ChallengePasswordVerifier, ChallengeResponses: resp})
		if err != nil || out.AuthenticationResult == nil {
			b.Fatalf("login: %v", err)
		}
	})
}

// BenchmarkFullSRPLogin is one complete SRP login, client and fake in
// process: SRP_A, PASSWORD_VERIFIER with its B, the client's proof, its
// check, and the signed tokens.
func BenchmarkFullSRPLogin(b *testing.B) {
	f, pool, client := benchFake(b)
	for b.Loop() {
		loginTimed(b, f, pool, client, nil, nil)
	}
}

// BenchmarkFullSRPLoginServerShare times only the fake's two calls of a
// login (B, the proof's check, two RS256 signatures).
func BenchmarkFullSRPLoginServerShare(b *testing.B) {
	f, pool, client := benchFake(b)
	b.ResetTimer()
	b.StopTimer()
	for range b.N {
		loginTimed(b, f, pool, client, nil, func(fn func()) { b.StartTimer(); fn(); b.StopTimer() })
	}
}

// BenchmarkFullSRPLoginClientShare times only the client's work of a login
// (A, then S, the key and the proof).
func BenchmarkFullSRPLoginClientShare(b *testing.B) {
	f, pool, client := benchFake(b)
	b.ResetTimer()
	b.StopTimer()
	for range b.N {
		loginTimed(b, f, pool, client, func(fn func()) { b.StartTimer(); fn(); b.StopTimer() }, nil)
	}
}

// BenchmarkNew is creating a Fake once the process-wide keys exist.
func BenchmarkNew(b *testing.B) {
	if _, err := defaultKeys(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		New(Options{})
	}
}

// BenchmarkColdStart is what the first Fake of a process costs before it
// can sign a token: two RSA-2048 keys, made in parallel.
func BenchmarkColdStart(b *testing.B) {
	for b.Loop() {
		k, err := NewKeys(nil)
		if err != nil {
			b.Fatal(err)
		}
		New(Options{Keys: k})
	}
}

// BenchmarkFullSRPLoginParallel runs whole logins (client and fake) on
// every core at once: its ns/op is the inverse of logins per second, and
// shows that the lock is not held during the math.
func BenchmarkFullSRPLoginParallel(b *testing.B) {
	f, pool, client := benchFake(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			loginTimed(b, f, pool, client, nil, nil)
		}
	})
}

// BenchmarkUserPasswordAuthRefusal compares USER_PASSWORD_AUTH refusing a
// wrong password with refusing a user that does not exist, on a client
// that prevents user existence errors: the two should take about as long.
func BenchmarkUserPasswordAuthRefusal(b *testing.B) {
	f := New(Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "bench"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "bench", PreventUserExistenceErrors: transport.PreventUserExistenceOn,
		ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
	}})
	f.MustCreateUser(pool.ID, "alice", testPassword)
	for _, name := range []string{"alice", "nobody"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_, err := f.InitiateAuth(context.Background(), &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
					AuthParameters: map[string]string{transport.ParamUsername: name, transport.ParamPassword: wrongPassword}})
				if transport.Code(err) != "NotAuthorizedException" {
					b.Fatalf("err = %v, want NotAuthorizedException", err)
				}
				// Keep alice below the lockout threshold.
				f.mu.Lock()
				if u := f.st.Pools[pool.ID].Users["alice"]; u != nil {
					u.FailedLogins = 0
				}
				f.mu.Unlock()
			}
		})
	}
}

// BenchmarkGlobalSignOutAmongManyFamilies signs one user out of a fake
// that holds 100,000 other sign-ins: the work must not grow with them.
func BenchmarkGlobalSignOutAmongManyFamilies(b *testing.B) {
	f := New(Options{})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "bench"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "bench", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth}}})
	f.MustCreateUser(pool.ID, "alice", testPassword)
	f.mu.Lock()
	p, c := f.st.Pools[pool.ID], f.st.Clients[client.ClientID]
	for i := range 100_000 {
		u := &user{Username: fmt.Sprintf("user%d", i), Sub: fmt.Sprintf("sub%d", i), Attrs: map[string]string{}}
		if _, err := f.mintLocked(p, c, u, nil, "", f.clock()); err != nil {
			b.Fatal(err)
		}
	}
	f.mu.Unlock()
	ctx := context.Background()
	for b.Loop() {
		if _, err := f.AdminUserGlobalSignOut(ctx, &transport.UserRef{UserPoolID: pool.ID, Username: "alice"}); err != nil {
			b.Fatal(err)
		}
	}
}
