package engine_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/gocognito/gocognito/engine"
)

// BenchmarkAuthenticateFake is a whole USER_SRP_AUTH login against the
// in-process fake: both sides' SRP arithmetic, the fake's token signing and
// the engine's bookkeeping.
func BenchmarkAuthenticateFake(b *testing.B) {
	_, cfg := exampleCognito(false)
	creds := engine.Credentials{Username: "alice", Password: "Correct-Horse-1"}
	ctx := context.Background()
	for b.Loop() {
		if _, err := engine.Authenticate(ctx, cfg, creds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSnapshotRoundTrip is what a service pays per request to park and
// resume a login: Snapshot, Seal, Open, Resume.
func BenchmarkSnapshotRoundTrip(b *testing.B) {
	_, cfg := exampleCognito(true)
	ctx := context.Background()
	l, err := engine.Start(ctx, cfg, engine.Credentials{Username: "alice", Password: "Correct-Horse-1"})
	if err != nil {
		b.Fatal(err)
	}
	key := bytes.Repeat([]byte{9}, 32)
	for b.Loop() {
		sealed, err := engine.Seal(l.Snapshot(), key)
		if err != nil {
			b.Fatal(err)
		}
		snap, err := engine.Open(sealed, key)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := engine.Resume(cfg, snap); err != nil {
			b.Fatal(err)
		}
	}
}
