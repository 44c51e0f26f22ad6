package fakecognito

import (
	"encoding/hex"
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
	// DecoyKey (hex) keeps the salts and ids of decoy challenges the same
	// across a restart; states saved before it have none.
	DecoyKey string `json:"decoyKey,omitempty"`
	// JournalSeq is the last journal transaction the state includes: a
	// Store replays only later ones over it. States saved without a
	// journal have none.
	JournalSeq uint64 `json:"journalSeq,omitempty"`
	State      *state `json:"state"`
}

// Save writes the whole persistent state as JSON: pools, clients, users
// with their salts and verifiers (never a password), groups, devices,
// token families (refresh tokens only as hashes), the region, the signing
// keys and the key of decoy challenges, so that tokens issued before a
// restart stay valid after Load and an unknown user's decoy salt does not
// change. Logins in progress, the outbox, faults and triggers are not
// saved.
func (f *Fake) Save(w io.Writer) error {
	// The state is encoded a chunk of records at a time, the lock released
	// in between, and the changes made meanwhile replayed over it
	// (snapshot.go): writers never wait for the whole state to encode.
	b, _, err := f.snapshot()
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("fakecognito: saving state: %w", err)
	}
	return nil
}

// marshalLocked encodes the state; the caller holds f.mu.
func (f *Fake) marshalLocked() ([]byte, error) {
	decoy, err := f.decoyKey()
	if err != nil {
		return nil, err
	}
	keys, err := f.signingKeys()
	if err != nil {
		return nil, err
	}
	kj, err := keys.marshal()
	if err != nil {
		return nil, fmt.Errorf("fakecognito: saving keys: %w", err)
	}
	b, err := json.Marshal(savedState{Version: stateVersion, Region: f.Region(), Keys: kj, DecoyKey: hex.EncodeToString(decoy),
		JournalSeq: f.trk.seq.Load(), State: f.st})
	if err != nil {
		return nil, fmt.Errorf("fakecognito: saving state: %w", err)
	}
	return b, nil
}

// ErrRegionMismatch reports a state saved in one region loaded into a fake
// created for another (not the default): pool ids, device keys and issuers
// all name the region, so the fake refuses rather than half-adopts it.
var ErrRegionMismatch = errors.New("fakecognito: state saved in another region")

// ErrBadState reports a state document Load cannot use; the error wraps it
// with the reason.
var ErrBadState = errors.New("fakecognito: bad state")

// maxStateBytes bounds what Load reads.
const maxStateBytes = 1 << 30

// Load replaces the fake's state with one Save wrote, checking it as
// outside input. Logins in progress are dropped; triggers of pools that
// exist before and after are kept. On error the state is unchanged.
//
// A fake in the default region (us-east-1, given or not) adopts the saved
// region, so that a restarted server keeps its issuers and ids; a fake in
// another region refuses a state of a third one with ErrRegionMismatch.
// The decoy key is restored when the state has one.
func (f *Fake) Load(r io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(r, maxStateBytes+1))
	if err != nil {
		return fmt.Errorf("fakecognito: loading state: %w", err)
	}
	ld, err := parseState(b)
	if err != nil {
		return err
	}
	if err := checkState(ld.st); err != nil {
		return fmt.Errorf("%w: %w", ErrBadState, err)
	}
	return f.install(ld)
}

// loadedState is a checked state document, ready to install.
type loadedState struct {
	st     *state
	keys   *Keys
	region string
	decoy  []byte
	seq    uint64
}

// parseState decodes and checks the envelope of a state document; the
// caller runs checkState on st (after replaying a journal over it).
func parseState(b []byte) (*loadedState, error) {
	if len(b) > maxStateBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrBadState, maxStateBytes)
	}
	var saved savedState
	if err := json.Unmarshal(b, &saved); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadState, err)
	}
	if saved.Version != stateVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrBadState, saved.Version, stateVersion)
	}
	keys, err := saved.Keys.unmarshal()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadState, err)
	}
	if len(saved.Region) > 32 || !onlyOf(saved.Region, "abcdefghijklmnopqrstuvwxyz0123456789-") {
		return nil, fmt.Errorf("%w: region %q", ErrBadState, saved.Region)
	}
	var decoy []byte
	if saved.DecoyKey != "" {
		if decoy, err = hex.DecodeString(saved.DecoyKey); err != nil || len(decoy) != decoyKeyLen {
			return nil, fmt.Errorf("%w: decoy key: want %d hexadecimal bytes", ErrBadState, decoyKeyLen)
		}
	}
	if saved.State == nil {
		return nil, fmt.Errorf("%w: no state", ErrBadState)
	}
	return &loadedState{st: saved.State, keys: keys, region: saved.Region, decoy: decoy, seq: saved.JournalSeq}, nil
}

// install makes a checked state the fake's.
func (f *Fake) install(ld *loadedState) error {
	st := ld.st
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keysMu.Lock()
	region := f.region
	switch {
	case ld.region == "" || ld.region == region:
	case region == defaultRegion:
		region = ld.region
	default:
		f.keysMu.Unlock()
		return fmt.Errorf("%w: the state is of %s, the fake of %s", ErrRegionMismatch, ld.region, region)
	}
	for id, p := range st.Pools {
		if old := f.st.Pools[id]; old != nil {
			p.triggers = old.triggers
		}
		p.trk = &f.trk
	}
	f.st = st
	f.gen++
	f.keys = ld.keys
	f.region = region
	f.keysMu.Unlock()
	if ld.decoy != nil {
		f.decoyMu.Lock()
		f.decoy = ld.decoy
		f.decoyMu.Unlock()
	}
	if f.trk.sink != nil {
		if b, err := f.marshalLocked(); err == nil {
			f.trk.sink.loaded(b)
		}
	} else {
		f.trk.seq.Store(ld.seq)
	}
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
	st.fams = newFamilyIndex()
	st.retired = map[string]string{}
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
		if fam.RefreshHash != "" && st.Refresh[fam.RefreshHash] != id {
			return fmt.Errorf("token family %q: refresh token not indexed", id)
		}
		for _, r := range fam.Retired {
			if r.Hash == "" || st.Refresh[r.Hash] != "" || st.retired[r.Hash] != "" {
				return fmt.Errorf("token family %q: bad rotated-out refresh token", id)
			}
			st.retired[r.Hash] = id
		}
		st.fams.add(fam)
	}
	for h, id := range st.Refresh {
		fam := st.Families[id]
		if fam == nil {
			return fmt.Errorf("refresh token %q: unknown family", h)
		}
		if fam.RefreshHash != "" && fam.RefreshHash != h {
			return fmt.Errorf("refresh token %q: family %q has another", h, id)
		}
		// States saved before families knew their hash.
		fam.RefreshHash = h
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
	// States saved before feature plans existed have none: Cognito's
	// default plan is what such pools ran with.
	p.Settings.UserPoolTier = tierOrDefault(p.Settings.UserPoolTier)
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
