package fakecognito

import (
	"fmt"
	"testing"
)

// TestOutboxRing keeps the last maxOutbox messages in order, and adding
// to a full outbox does not move the others (it used to shift them all).
func TestOutboxRing(t *testing.T) {
	o := &Outbox{}
	for i := range maxOutbox + 5 {
		o.add(Message{Code: fmt.Sprint(i), names: []string{"u"}})
	}
	all := o.All()
	if len(all) != maxOutbox {
		t.Fatalf("%d messages, want %d", len(all), maxOutbox)
	}
	for i, m := range all {
		if want := fmt.Sprint(i + 5); m.Code != want {
			t.Fatalf("message %d is %s, want %s", i, m.Code, want)
		}
	}
	if got := o.LastCode("u"); got != fmt.Sprint(maxOutbox+4) {
		t.Fatalf("last code %s", got)
	}
	allocs := testing.AllocsPerRun(100, func() { o.add(Message{Code: "x"}) })
	if allocs > 0 {
		t.Fatalf("adding to a full outbox allocates %v times", allocs)
	}
	o.Clear()
	if len(o.All()) != 0 {
		t.Fatal("Clear kept messages")
	}
}
