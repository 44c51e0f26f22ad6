package engine_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
)

// TestReadersBesideSubmit reads a login from other goroutines while Submit
// runs its SRP steps and fails it: under go test -race, this checks that
// the step writes what readers see under mu, and that the secrets the step
// owns through busy are read by no one else.
func TestReadersBesideSubmit(t *testing.T) {
	tests := []struct {
		name string
		want error
		next func(context.Context, any) (any, error)
	}{
		{"to a challenge", nil, challenge("SMS_MFA", "S1", map[string]string{"USER_ID_FOR_SRP": userID})},
		{"to failure", transport.ErrNotAuthorized, func(context.Context, any) (any, error) {
			return nil, transport.NewError("NotAuthorizedException", "Incorrect username or password.")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScript(t, e.initiateSRP(transport.FlowUserSRP, typed, "", userID, pw), e.passwordVerifier(userID, "", tt.next))
			l, err := engine.Start(context.Background(), e.config(s), engine.Credentials{Username: typed})
			must(t, err)
			done := make(chan struct{})
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for {
						select {
						case <-done:
							return
						default:
						}
						_ = l.String()
						_ = l.Snapshot()
						_, _ = l.Result()
						_, _ = l.State(), l.Need()
						// An answer that fits no state this login passes
						// through: busy, or refused without calling Cognito.
						err := l.Submit(context.Background(), engine.CustomAnswer("a"))
						if !errors.Is(err, engine.ErrBusy) && !errors.Is(err, engine.ErrWrongAnswer) && !errors.Is(err, engine.ErrLoginOver) {
							t.Errorf("a concurrent Submit = %v", err)
						}
					}
				})
			}
			// A reader's Submit may hold busy for an instant; the login's own
			// answer waits for it rather than racing it.
			for range 1000 {
				if err = l.Submit(context.Background(), engine.Password(pw)); !errors.Is(err, engine.ErrBusy) {
					break
				}
			}
			close(done)
			wg.Wait()
			if !errors.Is(err, tt.want) {
				t.Fatalf("Submit = %v, want %v", err, tt.want)
			}
			if tt.want != nil && l.State() != states.Failed {
				t.Fatalf("state %s after %v", l.State(), err)
			}
		})
	}
}
