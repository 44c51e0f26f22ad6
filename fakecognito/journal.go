package fakecognito

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync/atomic"
)

// The journal: every write section of the fake (f.lockW ... f.unlockW)
// records which persistent records it may have touched, and unlockW hands
// the new value of each (or its deletion) to the attached sink as one
// transaction, numbered in lock order. A Store appends these transactions
// to a log and fsyncs them before the operation answers; replaying the log
// over the last snapshot rebuilds the state. The cost of a write is the size
// of the records it touched, never the size of the state.
//
// A record is one entry of one of the maps in recordTables. Adding a new
// map of records to the saved state needs one line there (topLevel for a
// map of state keyed by id) and a f.trk.mark call wherever the code changes
// an entry; TestJournalReplaysEveryTest fails when a mark is missing.

// recKey names a record: its table, its pool (for users) and its id.
type recKey struct {
	kind string
	pool string
	id   string
}

// Record kinds.
const (
	recPool   = "pool"
	recUser   = "user"
	recClient = "client"
	recFamily = "family"
)

// tracker collects the records a write section touches. Its fields are
// guarded by f.mu held for writing; writing may be read under the read lock
// (no writer can change it then).
type tracker struct {
	writing bool
	on      bool // a sink is attached
	dirty   map[recKey]struct{}
	sink    journalSink
	seq     atomic.Uint64 // the last transaction handed to the sink
	// captures, while a snapshot is taken off the lock (snapshot.go),
	// keeps the transactions made meanwhile.
	captures int
	captured [][]byte
}

// journalSink receives the fake's transactions, in order, under f.mu held
// for writing: it must not block on I/O.
type journalSink interface {
	// append takes one encoded transaction (a txn in JSON).
	append(seq uint64, payload []byte)
	// wait returns once every transaction up to seq is durable, or the
	// error that keeps it from ever being.
	wait(seq uint64) error
	// loaded reports that Load replaced the whole state with snap.
	loaded(snap []byte)
}

// mark records that the record k may change in this write section. Outside
// a write section, or without a sink, it does nothing.
func (t *tracker) mark(kind, pool, id string) {
	if t == nil || !t.on || !t.writing {
		return
	}
	t.dirty[recKey{kind, pool, id}] = struct{}{}
}

// markUser marks a user of p by its key.
func (t *tracker) markUser(p *pool, u *user) {
	if u != nil {
		t.mark(recUser, p.ID, p.userKey(u.Username))
	}
}

// lockW takes f.mu for writing and starts recording touched records.
func (f *Fake) lockW() {
	f.mu.Lock()
	f.trk.writing = true
}

// unlockW hands what the section touched to the sink and releases f.mu.
func (f *Fake) unlockW() {
	f.trk.writing = false
	f.postLettersLocked()
	if len(f.trk.dirty) > 0 {
		f.commitLocked()
	}
	f.mu.Unlock()
}

// commitLocked encodes the touched records as the next transaction.
func (f *Fake) commitLocked() {
	t := &f.trk
	defer clear(t.dirty)
	if t.sink == nil && t.captures == 0 {
		return
	}
	keys := make([]recKey, 0, len(t.dirty))
	for k := range t.dirty {
		keys = append(keys, k)
	}
	// Pools before their users, deletions of pools last: replay applies in
	// this order.
	slices.SortFunc(keys, func(a, b recKey) int { return kindOrder(a.kind) - kindOrder(b.kind) })
	tx := txn{Seq: t.seq.Load() + 1, Changes: make([]change, 0, len(keys))}
	for _, k := range keys {
		v, err := recordTables[k.kind].encode(f.st, k.pool, k.id)
		if err != nil {
			// Our own records always encode; should one not, the sink
			// hears it (a nil payload) and fails the operation rather than
			// lose the change silently.
			f.log.Error("fakecognito: cannot encode a record for the journal", "kind", k.kind, "error", err.Error())
			t.seq.Store(tx.Seq)
			if t.sink != nil {
				t.sink.append(tx.Seq, nil)
			}
			return
		}
		tx.Changes = append(tx.Changes, change{Kind: k.kind, Pool: k.pool, ID: k.id, Value: v})
	}
	b, err := json.Marshal(tx)
	if err != nil {
		f.log.Error("fakecognito: cannot encode a journal transaction", "error", err.Error())
		return
	}
	t.seq.Store(tx.Seq)
	if t.captures > 0 {
		t.captured = append(t.captured, b)
	}
	if t.sink != nil {
		t.sink.append(tx.Seq, b)
	}
}

func kindOrder(kind string) int {
	switch kind {
	case recPool:
		return 0
	case recUser:
		return 1
	}
	return 2
}

// attachSink starts journaling to s; seq is the number of the last
// transaction already in the state.
func (f *Fake) attachSink(s journalSink, seq uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.trk.sink = s
	f.trk.on = s != nil || f.trk.captures > 0
	if f.trk.dirty == nil {
		f.trk.dirty = map[recKey]struct{}{}
	}
	f.trk.seq.Store(seq)
}

// awaitDurable returns once every change made so far is durable, when a
// sink is attached. run calls it before an operation answers.
func (f *Fake) awaitDurable() error {
	f.mu.RLock()
	s := f.trk.sink
	f.mu.RUnlock()
	if s == nil {
		return nil
	}
	return s.wait(f.trk.seq.Load())
}

// txn is one write section's changes: the new value of each record it
// touched, or no value for a record it deleted.
type txn struct {
	Seq     uint64   `json:"seq"`
	Changes []change `json:"ch"`
}

type change struct {
	Kind  string          `json:"k"`
	Pool  string          `json:"p,omitempty"`
	ID    string          `json:"id"`
	Value json.RawMessage `json:"v,omitempty"`
}

// recordTable encodes and applies the records of one kind.
type recordTable struct {
	// encode returns the record's JSON, or nil when it does not exist.
	encode func(st *state, pool, id string) (json.RawMessage, error)
	// apply sets the record to raw, or deletes it when raw is nil.
	apply func(st *state, pool, id string, raw json.RawMessage) error
}

// recordTables are the kinds of saved records. A new map of records in
// state needs one line here (see topLevel) and marks where it changes.
var recordTables = map[string]recordTable{
	recPool:   {encode: encodePool, apply: applyPool},
	recUser:   {encode: encodeUser, apply: applyUser},
	recClient: topLevel(func(st *state) map[string]*client { return st.Clients }),
	recFamily: topLevel(func(st *state) map[string]*family { return st.Families }),
}

// topLevel is the table of a map of state keyed by id.
func topLevel[T any](m func(*state) map[string]*T) recordTable {
	return recordTable{
		encode: func(st *state, _, id string) (json.RawMessage, error) {
			v := m(st)[id]
			if v == nil {
				return nil, nil
			}
			return json.Marshal(v)
		},
		apply: func(st *state, _, id string, raw json.RawMessage) error {
			if raw == nil {
				delete(m(st), id)
				return nil
			}
			v := new(T)
			if err := json.Unmarshal(raw, v); err != nil {
				return err
			}
			m(st)[id] = v
			return nil
		},
	}
}

// encodePool encodes a pool without its users, which are records of their
// own.
func encodePool(st *state, _, id string) (json.RawMessage, error) {
	p := st.Pools[id]
	if p == nil {
		return nil, nil
	}
	shallow := *p
	shallow.Users = nil
	return json.Marshal(&shallow)
}

func applyPool(st *state, _, id string, raw json.RawMessage) error {
	old := st.Pools[id]
	if raw == nil {
		delete(st.Pools, id)
		return nil
	}
	p := new(pool)
	if err := json.Unmarshal(raw, p); err != nil {
		return err
	}
	p.Users = map[string]*user{}
	if old != nil {
		p.Users, p.triggers = old.Users, old.triggers
	}
	st.Pools[id] = p
	return nil
}

func encodeUser(st *state, poolID, key string) (json.RawMessage, error) {
	p := st.Pools[poolID]
	if p == nil || p.Users[key] == nil {
		return nil, nil
	}
	return json.Marshal(p.Users[key])
}

func applyUser(st *state, poolID, key string, raw json.RawMessage) error {
	p := st.Pools[poolID]
	if p == nil {
		// The pool went in the same or a later transaction.
		return nil
	}
	if p.Users == nil {
		p.Users = map[string]*user{}
	}
	if raw == nil {
		delete(p.Users, key)
		return nil
	}
	u := new(user)
	if err := json.Unmarshal(raw, u); err != nil {
		return err
	}
	p.Users[key] = u
	return nil
}

// applyTxn applies one transaction to a state being loaded (whose derived
// indexes are rebuilt afterwards by rebuildDerived and checkState).
func applyTxn(st *state, tx *txn) error {
	for _, c := range tx.Changes {
		t, ok := recordTables[c.Kind]
		if !ok {
			return fmt.Errorf("journal transaction %d: unknown record kind %q", tx.Seq, c.Kind)
		}
		raw := c.Value
		if len(raw) == 0 || string(raw) == "null" {
			raw = nil
		}
		if err := t.apply(st, c.Pool, c.ID, raw); err != nil {
			return fmt.Errorf("journal transaction %d: %s %q: %w", tx.Seq, c.Kind, c.ID, err)
		}
	}
	return nil
}

// rebuildRefresh rebuilds the refresh token index from the families,
// which carry their token's hash.
func rebuildRefresh(st *state) {
	st.Refresh = make(map[string]string, len(st.Families))
	for id, fam := range st.Families {
		if fam != nil && fam.RefreshHash != "" {
			st.Refresh[fam.RefreshHash] = id
		}
	}
}
