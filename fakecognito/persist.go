package fakecognito

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/gocognito/gocognito/srp"
	"github.com/gocognito/gocognito/transport"
)

// stateVersion is the format of Save's output.
const stateVersion = 1

// savedState is the JSON document Save writes and Load reads.
type savedState struct {
	Version int      `json:"version"`
	Region  string   `json:"region"`
	Keys    keysJSON `json:"keys"`
	State   *state   `json:"state"`
}

// Save writes the whole persistent state as JSON: pools, clients, users
// with their salts and verifiers (never a password), groups, devices,
// token families (refresh tokens only as hashes) and the signing keys, so
// that tokens issued before a restart stay valid after Load. Logins in
// progress, the outbox, faults and triggers are not saved.
func (f *Fake) Save(w io.Writer) error {
	keys, err := f.signingKeys()
	if err != nil {
		return err
	}
	kj, err := keys.marshal()
	if err != nil {
		return fmt.Errorf("fakecognito: saving keys: %w", err)
	}
	f.mu.RLock()
	b, err := json.Marshal(savedState{Version: stateVersion, Region: f.region, Keys: kj, State: f.st})
	f.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("fakecognito: saving state: %w", err)
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("fakecognito: saving state: %w", err)
	}
	return nil
}

// ErrBadState reports a state document Load cannot use; the error wraps it
// with the reason.
var ErrBadState = errors.New("fakecognito: bad state")

// maxStateBytes bounds what Load reads.
const maxStateBytes = 1 << 30

// Load replaces the fake's state with one Save wrote, checking it as
// outside input. Logins in progress are dropped; triggers of pools that
// exist before and after are kept. On error the state is unchanged.
func (f *Fake) Load(r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, maxStateBytes+1))
	if err != nil {
		return fmt.Errorf("fakecognito: loading state: %w", err)
	}
	if len(b) > maxStateBytes {
		return fmt.Errorf("%w: larger than %d bytes", ErrBadState, maxStateBytes)
	}
	var saved savedState
	if err := json.Unmarshal(b, &saved); err != nil {
		return fmt.Errorf("%w: %w", ErrBadState, err)
	}
	if saved.Version != stateVersion {
		return fmt.Errorf("%w: version %d, want %d", ErrBadState, saved.Version, stateVersion)
	}
	keys, err := saved.Keys.unmarshal()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadState, err)
	}
	st := saved.State
	if st == nil {
		return fmt.Errorf("%w: no state", ErrBadState)
	}
	if err := checkState(st); err != nil {
		return fmt.Errorf("%w: %w", ErrBadState, err)
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	for id, p := range st.Pools {
		if old := f.st.Pools[id]; old != nil {
			p.triggers = old.triggers
		}
	}
	f.st = st
	f.keysMu.Lock()
	f.keys = keys
	f.keysMu.Unlock()
	return nil
}

// checkState validates a loaded state and fills in what JSON leaves nil.
func checkState(st *state) error {
	if st.Pools == nil {
		st.Pools = map[string]*pool{}
	}
	if st.Clients == nil {
		st.Clients = map[string]*client{}
	}
	if st.Families == nil {
		st.Families = map[string]*family{}
	}
	if st.Refresh == nil {
		st.Refresh = map[string]string{}
	}
	st.sessions = map[string]*session{}
	st.srp = map[string]*srpState{}
	st.devicePending = map[string]string{}
	for id, p := range st.Pools {
		if err := checkPool(id, p); err != nil {
			return err
		}
	}
	for id, c := range st.Clients {
		if c == nil || c.ID != id || st.Pools[c.PoolID] == nil {
			return fmt.Errorf("client %q: bad id or pool", id)
		}
		settings, err := normalizeClientSettings(c.Settings)
		if err != nil {
			return fmt.Errorf("client %q: %w", id, err)
		}
		c.Settings = settings
	}
	for id, fam := range st.Families {
		if fam == nil || fam.ID != id || st.Pools[fam.PoolID] == nil || fam.Username == "" {
			return fmt.Errorf("token family %q: bad id, pool or user", id)
		}
	}
	for h, id := range st.Refresh {
		if st.Families[id] == nil {
			return fmt.Errorf("refresh token %q: unknown family", h)
		}
	}
	return nil
}

func checkPool(id string, p *pool) error {
	if p == nil || p.ID != id {
		return fmt.Errorf("pool %q: bad id", id)
	}
	if _, err := srp.PoolName(id); err != nil {
		return fmt.Errorf("pool %q: %w", id, err)
	}
	if err := checkPoolSettings(&p.Settings); err != nil {
		return fmt.Errorf("pool %q: %w", id, err)
	}
	if p.Users == nil {
		p.Users = map[string]*user{}
	}
	if p.Groups == nil {
		p.Groups = map[string]*group{}
	}
	for name, g := range p.Groups {
		if g == nil || g.Name != name {
			return fmt.Errorf("pool %q: group %q: bad name", id, name)
		}
	}
	p.bySub = make(map[string]*user, len(p.Users))
	for key, u := range p.Users {
		if err := checkUser(p, key, u); err != nil {
			return fmt.Errorf("pool %q: user %q: %w", id, key, err)
		}
		if p.bySub[u.Sub] != nil {
			return fmt.Errorf("pool %q: user %q: sub %q taken", id, key, u.Sub)
		}
		p.bySub[u.Sub] = u
	}
	return nil
}

func checkUser(p *pool, key string, u *user) error {
	if u == nil || u.Username == "" || p.userKey(u.Username) != key || u.Sub == "" {
		return errors.New("bad name or sub")
	}
	if u.Attrs == nil {
		u.Attrs = map[string]string{}
	}
	u.Attrs["sub"] = u.Sub
	if u.Password != nil && !u.Password.Equal(*u.Password) {
		return errors.New("malformed password verifier")
	}
	for i := range u.History {
		if !u.History[i].Equal(u.History[i]) {
			return errors.New("malformed password history")
		}
	}
	for k, d := range u.Devices {
		if d == nil || d.Key != k {
			return fmt.Errorf("device %q: bad key", k)
		}
		if d.Verifier != nil && !d.Verifier.Equal(*d.Verifier) {
			return fmt.Errorf("device %q: malformed verifier", k)
		}
		if d.Verifier != nil && u.DeviceGroupKey == "" {
			return fmt.Errorf("device %q: no device group key", k)
		}
	}
	for k, c := range u.Codes {
		if c == nil {
			return fmt.Errorf("code %q: empty", k)
		}
	}
	switch u.Status {
	case transport.StatusUnconfirmed, transport.StatusConfirmed, transport.StatusArchived,
		transport.StatusCompromised, transport.StatusUnknown, transport.StatusResetRequired,
		transport.StatusForceChangePassword, transport.StatusExternalProvider:
	default:
		return fmt.Errorf("unknown status %q", u.Status)
	}
	return nil
}
