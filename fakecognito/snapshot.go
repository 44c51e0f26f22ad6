package fakecognito

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// snapshotChunk is how many records a snapshot encodes per hold of the
// read lock: writers wait for at most one chunk, never for the whole
// state.
const snapshotChunk = 512

// snapshot encodes the whole state, as Save writes it, without holding the
// lock for more than a chunk of records at a time: it lists the records,
// encodes them a chunk at a time (the state may change in between), and
// meanwhile captures every transaction the fake makes; replaying those over
// the encoded records gives the state exactly as it was when the capture
// stopped, whose number it returns with the document.
func (f *Fake) snapshot() ([]byte, uint64, error) {
	for {
		b, seq, err := f.trySnapshot()
		if err != errReloaded {
			return b, seq, err
		}
	}
}

// errReloaded: Load replaced the state while a snapshot was being taken;
// it starts again.
var errReloaded = errors.New("fakecognito: the state was replaced")

func (f *Fake) trySnapshot() ([]byte, uint64, error) {
	// Start capturing, and list what exists now; the keys, region and
	// decoy key are read under the same lock, so that a concurrent Load
	// cannot pair them with another state.
	f.mu.Lock()
	gen := f.gen
	decoy, err := f.decoyKey()
	var keys *Keys
	if err == nil {
		keys, err = f.signingKeys()
	}
	region := f.Region()
	if err != nil {
		f.mu.Unlock()
		return nil, 0, err
	}
	f.trk.captures++
	f.trk.on = true
	if f.trk.dirty == nil {
		f.trk.dirty = map[recKey]struct{}{}
	}
	var todo []recKey
	for id, p := range f.st.Pools {
		todo = append(todo, recKey{recPool, "", id})
		for key := range p.Users {
			todo = append(todo, recKey{recUser, id, key})
		}
	}
	for id := range f.st.Clients {
		todo = append(todo, recKey{recClient, "", id})
	}
	for id := range f.st.Families {
		todo = append(todo, recKey{recFamily, "", id})
	}
	f.mu.Unlock()
	stop := func() ([][]byte, uint64) {
		f.mu.Lock()
		defer f.mu.Unlock()
		captured := f.trk.captured
		if f.trk.captures--; f.trk.captures == 0 {
			f.trk.captured = nil
			f.trk.on = f.trk.sink != nil
		}
		return captured, f.trk.seq.Load()
	}
	// Pools before users, as replay applies them.
	slices.SortStableFunc(todo, func(a, b recKey) int { return kindOrder(a.kind) - kindOrder(b.kind) })

	st := emptySavedState()
	for chunk := range slices.Chunk(todo, snapshotChunk) {
		raws := make([]json.RawMessage, len(chunk))
		f.mu.RLock()
		if f.gen != gen {
			f.mu.RUnlock()
			stop()
			return nil, 0, errReloaded
		}
		for i, k := range chunk {
			raws[i], err = recordTables[k.kind].encode(f.st, k.pool, k.id)
			if err != nil {
				break
			}
		}
		f.mu.RUnlock()
		if err != nil {
			stop()
			return nil, 0, fmt.Errorf("fakecognito: saving state: %w", err)
		}
		for i, k := range chunk {
			if raws[i] == nil {
				continue // gone meanwhile: the capture says so
			}
			if err := recordTables[k.kind].apply(st, k.pool, k.id, raws[i]); err != nil {
				stop()
				return nil, 0, fmt.Errorf("fakecognito: saving state: %w", err)
			}
		}
	}
	captured, seq := stop()
	if f.generation() != gen {
		return nil, 0, errReloaded
	}
	kj, err := keys.marshal()
	if err != nil {
		return nil, 0, fmt.Errorf("fakecognito: saving keys: %w", err)
	}
	// A capture may begin before another snapshot's ends, so it may hold
	// transactions older than this one's listing: replaying them all in
	// order is still right, since each sets whole records.
	for _, b := range captured {
		var tx txn
		if err := json.Unmarshal(b, &tx); err != nil {
			return nil, 0, fmt.Errorf("fakecognito: saving state: %w", err)
		}
		if err := applyTxn(st, &tx); err != nil {
			return nil, 0, fmt.Errorf("fakecognito: saving state: %w", err)
		}
	}
	rebuildRefresh(st)
	b, err := json.Marshal(savedState{Version: stateVersion, Region: region, Keys: kj,
		DecoyKey: hex.EncodeToString(decoy), JournalSeq: seq, State: st})
	if err != nil {
		return nil, 0, fmt.Errorf("fakecognito: saving state: %w", err)
	}
	return b, seq, nil
}

// generation is the number of Loads so far.
func (f *Fake) generation() uint64 {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.gen
}

// emptySavedState is a state with the maps a saved document has.
func emptySavedState() *state {
	return &state{
		Pools:    map[string]*pool{},
		Clients:  map[string]*client{},
		Families: map[string]*family{},
		Refresh:  map[string]string{},
	}
}
