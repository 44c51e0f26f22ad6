package fakecognito

import (
	"maps"
	"runtime/debug"
	"time"
)

// Limits on what a caller can make the fake hold without credentials: an
// InitiateAuth with any user name and an SRP_A keeps an SRP exchange, and
// every challenge keeps a Session, until answered or expired. Past the cap
// the fake answers TooManyRequestsException ("Rate exceeded", as Cognito's
// throttling does) rather than grow; expired entries are swept on a timer,
// so an idle server gives the memory back.

// DefaultMaxPending is the default cap on each of pending SRP exchanges
// and live sessions: far above what a load test's concurrency keeps in
// flight (each entry lives from a challenge to its answer), and a few tens
// of MB at most (an SRP exchange is about 5 KB).
const DefaultMaxPending = 10000

// defaultSweepInterval is how often expired transient entries are swept.
const defaultSweepInterval = 30 * time.Second

// errPendingFull is Cognito's throttling answer.
func errPendingFull() error { return cognitoErr("TooManyRequestsException", "Rate exceeded") }

// roomLocked refuses a new transient entry in a map of n entries, after
// sweeping what expired if the map is full. The caller holds f.mu for
// writing.
func (f *Fake) roomLocked(n func() int) error {
	if n() < f.maxPending {
		return nil
	}
	// A full sweep costs a pass over the cap's entries: at most one a
	// second, however hard a caller floods the fake.
	if now := f.clock(); !now.Before(f.lastFullSweep.Add(time.Second)) || now.Before(f.lastFullSweep) {
		f.sweepAllLocked(now)
		f.lastFullSweep = now
		if n() < f.maxPending {
			return nil
		}
	}
	return errPendingFull()
}

// srpRoom refuses a new SRP exchange, before its math is done, when the
// exchanges are at the cap and none has expired.
func (f *Fake) srpRoom() error {
	f.mu.RLock()
	full := len(f.st.srp) >= f.maxPending
	f.mu.RUnlock()
	if !full {
		return nil
	}
	f.lockW()
	defer f.unlockW()
	return f.roomLocked(func() int { return len(f.st.srp) })
}

// armSweepLocked makes sure a sweep is scheduled while transient entries
// exist. The caller holds f.mu for writing.
func (f *Fake) armSweepLocked() {
	if f.sweepTimer != nil || f.sweepInterval <= 0 {
		return
	}
	f.sweepTimer = time.AfterFunc(f.sweepInterval, f.sweepTick)
}

// sweepTick is the timer: it sweeps, and schedules itself again while
// anything transient is left.
func (f *Fake) sweepTick() {
	f.lockW()
	f.sweepTimer = nil
	shrunk := f.sweepAllLocked(f.clock())
	if len(f.st.sessions)+len(f.st.srp)+len(f.st.devicePending)+f.st.oauth.size() > 0 {
		f.armSweepLocked()
	}
	f.unlockW()
	if shrunk {
		// After a flood (maps shrunk to a quarter of their peak), hand the
		// freed memory back to the system now rather than over minutes.
		debug.FreeOSMemory()
	}
}

// SweepExpired forgets every expired session, SRP exchange and token
// family now, as the fake's timer does every 30 seconds. Tests that move an
// injected clock call it to see the memory released.
func (f *Fake) SweepExpired() {
	f.lockW()
	defer f.unlockW()
	f.sweepAllLocked(f.clock())
}

// sweepAllLocked forgets every expired transient entry and, once a map has
// shrunk to a fraction of what it held, moves it to a new map: Go's maps
// never give back the room they grew to. Bounded by the caps, a full pass
// takes about a millisecond.
func (f *Fake) sweepAllLocked(now time.Time) (shrunk bool) {
	st := f.st
	for id, s := range st.sessions {
		if now.After(s.expires) {
			delete(st.sessions, id)
		}
	}
	for k, s := range st.srp {
		if now.After(s.expires) {
			delete(st.srp, k)
		}
	}
	for k, id := range st.devicePending {
		if st.sessions[id] == nil {
			delete(st.devicePending, k)
		}
	}
	st.sweepOAuthLocked(now)
	n := len(st.sessions) + len(st.srp) + len(st.devicePending)
	peak := st.peakSessions + st.peakSRP + st.peakDevicePending
	st.sessions = shrink(st.sessions, &st.peakSessions)
	st.srp = shrink(st.srp, &st.peakSRP)
	st.devicePending = shrink(st.devicePending, &st.peakDevicePending)
	return peak >= 256 && n <= peak/4 && st.peakSessions+st.peakSRP+st.peakDevicePending < peak
}

// shrink returns m, or a copy of it once it holds under a quarter of its
// peak size; *peak tracks the size m's room was made for.
func shrink[K comparable, V any](m map[K]V, peak *int) map[K]V {
	*peak = max(*peak, len(m))
	if *peak < 256 || len(m) > *peak/4 {
		return m
	}
	*peak = len(m)
	return maps.Clone(m)
}
