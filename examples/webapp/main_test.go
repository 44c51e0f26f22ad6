package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a strings.Builder safe for the server goroutine's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestExampleServes: the example seeds its users, prints them and serves
// the start screen of each of its three logins and the outbox.
func TestExampleServes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, ln, &out) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	base := "http://" + ln.Addr().String()
	tests := []struct{ name, path, want string }{
		{"everyday", "/", `data-screen="start"`},
		{"MFA required", "/setup/", `data-screen="start"`},
		{"custom challenge", "/quiz/", `data-screen="start"`},
		{"choice-based", "/choice/", `data-screen="start"`},
		{"outbox", "/outbox", "authenticator app shows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body string
			for deadline := time.Now().Add(10 * time.Second); ; {
				res, err := http.Get(base + tc.path)
				if err == nil {
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					body = string(b)
					if res.StatusCode == http.StatusOK {
						break
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("GET %s: %v %s", tc.path, err, body)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !strings.Contains(body, tc.want) {
				t.Fatalf("GET %s lacks %q:\n%s", tc.path, tc.want, body)
			}
		})
	}
	for _, user := range []string{"alice", "sam", "emma", "max", "tom", "nina", "quinn", "paula", "tina", "eve"} {
		if !strings.Contains(out.String(), "  "+user+" ") {
			t.Errorf("the example does not list %s:\n%s", user, out.String())
		}
	}
}
