package fakecognito

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// Fault is an injected failure of an operation: it waits Latency (or until
// the caller's context ends), then fails with Err if Err is set. A Fault
// with only Latency slows the operation down and lets it run.
type Fault struct {
	// Err is returned instead of running the operation, usually a
	// *transport.Error such as Throttle's.
	Err error
	// Latency is waited before the operation runs or fails. The wait is
	// real time, not the fake's Clock, and ends early with the context.
	Latency time.Duration
	// Times is how many calls the fault affects; 0 means every call until
	// ClearFaults.
	Times int
}

// Throttle is what Cognito answers when a caller exceeds its quota.
var Throttle = Fault{Err: transport.NewError("TooManyRequestsException", "Rate exceeded")}

// Fail installs fault for the operation op, named as in Cognito's API
// ("InitiateAuth", "RespondToAuthChallenge", "GetUser", ...), or for every
// operation with "*". A later Fail for the same name replaces the earlier
// one; an operation with its own fault ignores the "*" fault.
func (f *Fake) Fail(op string, fault Fault) {
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	if f.faults.m == nil {
		f.faults.m = make(map[string]*Fault)
	}
	fc := fault
	f.faults.m[op] = &fc
}

// ClearFaults removes every injected fault.
func (f *Fake) ClearFaults() {
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	f.faults.m = nil
}

type faults struct {
	mu sync.Mutex
	m  map[string]*Fault
}

// apply waits and fails as the fault for op says, consuming one of its
// Times.
func (fs *faults) apply(ctx context.Context, op string) error {
	if ctx.Value(setupKey{}) != nil {
		return nil
	}
	fs.mu.Lock()
	fault, ok := fs.m[op]
	key := op
	if !ok {
		fault, ok = fs.m["*"]
		key = "*"
	}
	if !ok {
		fs.mu.Unlock()
		return nil
	}
	cur := *fault
	if fault.Times > 0 {
		fault.Times--
		if fault.Times == 0 {
			delete(fs.m, key)
		}
	}
	fs.mu.Unlock()

	if cur.Latency > 0 {
		t := time.NewTimer(cur.Latency)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("fakecognito: %s: %w", op, ctx.Err())
		}
	}
	if cur.Err != nil {
		if e, ok := cur.Err.(*transport.Error); ok {
			// A copy per call, so that callers may not alter the template.
			c := *e
			return &c
		}
		return cur.Err
	}
	return nil
}
