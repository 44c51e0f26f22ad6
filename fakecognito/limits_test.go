package fakecognito

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

func pendingCounts(f *Fake) (srpN, sessions int) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return len(f.st.srp), len(f.st.sessions)
}

// TestPendingCap fills the pending SRP exchanges with logins nobody
// answers, for users that exist and users that do not (decoys): past the
// cap the fake throttles; once they expire the timer forgets them and
// logins work again.
func TestPendingCap(t *testing.T) {
	const limit = 40
	clk := newTestClock()
	f := New(Options{Clock: clk.Now, MaxPending: limit, SweepInterval: 10 * time.Millisecond})
	e := &env{t: t, f: f, cog: f, clk: clk, ctx: context.Background()}
	e.pool = f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	e.client = f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: e.pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
		PreventUserExistenceErrors: transport.PreventUserExistenceOn,
	}})
	f.MustCreateUser(e.pool.ID, "alice", testPassword)
	for i := range limit {
		name := "alice"
		if i%2 == 1 {
			name = fmt.Sprintf("nobody-%d", i)
		}
		if _, _, err := e.srpStart(name, nil); err != nil {
			t.Fatalf("login %d of %d: %v", i+1, limit, err)
		}
	}
	if _, _, err := e.srpStart("nobody-else", nil); !errors.Is(err, transport.ErrTooManyRequests) {
		t.Fatalf("past the cap: %v, want TooManyRequestsException", err)
	}
	if n, _ := pendingCounts(f); n != limit {
		t.Fatalf("%d pending exchanges, want the cap %d", n, limit)
	}
	// Expired, then swept by the timer (real time), with no request.
	clk.Advance(10 * time.Minute)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if n, _ := pendingCounts(f); n == 0 {
			break
		}
		if time.Now().After(deadline) {
			n, _ := pendingCounts(f)
			t.Fatalf("%d expired exchanges still held after 5 s idle", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := e.srpLogin("alice", testPassword, nil); err != nil {
		t.Fatalf("a login after the sweep: %v", err)
	}
}

// TestSessionCap: challenges with a Session count against the cap too.
func TestSessionCap(t *testing.T) {
	const limit = 5
	clk := newTestClock()
	f := New(Options{Clock: clk.Now, MaxPending: limit, SweepInterval: -1})
	pool := f.MustCreatePool(transport.CreateUserPoolInput{PoolName: "p"})
	client := f.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "c", ExplicitAuthFlows: []string{transport.AllowUserPasswordAuth, transport.AllowRefreshTokenAuth},
	}})
	ctx := context.Background()
	// A user with a temporary password gets NEW_PASSWORD_REQUIRED, with a
	// Session, for each login nobody finishes.
	if _, err := f.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: pool.ID, Username: "bob", TemporaryPassword: testPassword, MessageAction: "SUPPRESS"}); err != nil {
		t.Fatal(err)
	}
	login := func() error {
		_, err := f.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowUserPassword, ClientID: client.ClientID,
			AuthParameters: map[string]string{transport.ParamUsername: "bob", transport.ParamPassword: testPassword}})
		return err
	}
	for i := range limit {
		if err := login(); err != nil {
			t.Fatalf("login %d: %v", i+1, err)
		}
	}
	if err := login(); !errors.Is(err, transport.ErrTooManyRequests) {
		t.Fatalf("past the cap: %v, want TooManyRequestsException", err)
	}
	clk.Advance(10 * time.Minute)
	f.SweepExpired()
	if _, n := pendingCounts(f); n != 0 {
		t.Fatalf("%d expired sessions kept", n)
	}
	if err := login(); err != nil {
		t.Fatalf("after the sweep: %v", err)
	}
}

// TestSweepGivesMapsBack: a map that held many entries is replaced once
// they are gone, so the room it grew to is freed.
func TestSweepGivesMapsBack(t *testing.T) {
	m := map[int]int{}
	peak := 0
	for i := range 10000 {
		m[i] = i
	}
	m = shrink(m, &peak)
	for i := range 9990 {
		delete(m, i)
	}
	before := fmt.Sprintf("%p", m)
	m = shrink(m, &peak)
	if fmt.Sprintf("%p", m) == before || len(m) != 10 || peak != 10 {
		t.Fatalf("the map was not replaced: len %d, peak %d", len(m), peak)
	}
}
