package fakecognito

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
)

// Every fake this package's tests create journals into a memSink; after
// the tests, replaying each journal over its first snapshot must give the
// fake's final state exactly. A write section that changes a record without
// marking it fails here (TestJournalReplaysEveryTest), which is how the
// journal keeps up with new code.

type memSink struct {
	mu   sync.Mutex
	base []byte
	log  []byte
}

func (m *memSink) append(_ uint64, payload []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if payload == nil {
		panic("a journal transaction could not be encoded")
	}
	m.log = appendFrame(m.log, payload)
}

func (m *memSink) wait(uint64) error { return nil }

func (m *memSink) loaded(snap []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.base, m.log = snap, nil
}

var (
	journaledMu sync.Mutex
	journaled   = map[*Fake]*memSink{}
)

func TestMain(m *testing.M) {
	flag.Parse()
	if fz := flag.Lookup("test.fuzz"); fz != nil && fz.Value.String() != "" {
		// Fuzzing creates fakes without end: keeping their journals would
		// only fill the memory.
		os.Exit(m.Run())
	}
	newHook = func(f *Fake) {
		s := &memSink{}
		var buf bytes.Buffer
		if err := f.Save(&buf); err != nil {
			panic(err)
		}
		s.base = buf.Bytes()
		f.attachSink(s, 0)
		journaledMu.Lock()
		journaled[f] = s
		journaledMu.Unlock()
	}
	code := m.Run()
	if code == 0 {
		if err := verifyJournals(); err != nil {
			fmt.Fprintln(os.Stderr, "TestJournalReplaysEveryTest:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// verifyJournals replays every fake's journal and compares.
func verifyJournals() error {
	journaledMu.Lock()
	defer journaledMu.Unlock()
	n := 0
	for f, s := range journaled {
		if f.trk.sink != journalSink(s) {
			continue // a Store took over; store_test.go checks those
		}
		ld, err := loadWithLog(s.base, s.log)
		if err != nil {
			return fmt.Errorf("replay: %w", err)
		}
		f.mu.RLock()
		want, err := json.Marshal(f.st)
		f.mu.RUnlock()
		if err != nil {
			return err
		}
		got, err := json.Marshal(ld.st)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("replayed state differs from the live one:\nlive:     %s\nreplayed: %s", firstDiff(want, got), firstDiff(got, want))
		}
		// The snapshot taken off the lock holds the same state.
		snap, _, err := f.snapshot()
		if err != nil {
			return err
		}
		var saved struct {
			State json.RawMessage `json:"state"`
		}
		if err := json.Unmarshal(snap, &saved); err != nil {
			return err
		}
		if !bytes.Equal(saved.State, want) {
			return fmt.Errorf("the snapshot differs from the live state:\nlive:     %s\nsnapshot: %s", firstDiff(want, saved.State), firstDiff(saved.State, want))
		}
		n++
	}
	fmt.Fprintf(os.Stderr, "journal replay matched %d fakes\n", n)
	return nil
}

// firstDiff shows a's text around its first difference from b.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo, hi := max(0, i-300), min(len(a), i+200)
	return string(a[lo:hi])
}
