package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/engine"
)

// summaryLine is the shape of bench's one line on stdout.
var summaryLine = regexp.MustCompile(`^(\d+) logins in \d+\.\ds: \d+\.\d logins/s, p50 \d+\.\d ms, p99 \d+\.\d ms, errors (\d+)\n$`)

func TestBenchEmbedded(t *testing.T) {
	code, stdout, stderr := runCommand(context.Background(), nil, "bench", "--duration", "500ms", "--concurrency", "2", "--progress", "100ms")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	m := summaryLine.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("summary %q does not have the documented shape", stdout)
	}
	if m[1] == "0" || m[2] != "0" {
		t.Errorf("summary %q: want some logins and no errors", stdout)
	}
	if !strings.Contains(stderr, "bench: embedded fake Cognito on http://127.0.0.1:") || !regexp.MustCompile(`bench: +\d+s +\d+ logins, +\d+\.\d/s now, +\d+\.\d/s overall, errors 0\n`).MatchString(stderr) {
		t.Errorf("stderr lacks the embedded server or progress lines:\n%s", stderr)
	}
}

// TestBenchLogins: --logins stops the run after that many logins, well
// before --duration.
func TestBenchLogins(t *testing.T) {
	code, stdout, stderr := runCommand(context.Background(), nil, "bench", "--logins", "7", "--duration", "10m", "--concurrency", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	m := summaryLine.FindStringSubmatch(stdout)
	if m == nil || m[1] != "7" || m[2] != "0" {
		t.Fatalf("summary %q: want exactly 7 logins and no errors", stdout)
	}
}

// TestBenchExistingPool logs in to a pool bench did not create, as against
// real Cognito, and counts a wrong password as errors.
func TestBenchExistingPool(t *testing.T) {
	s := newTestServer(t, nil)
	pool, client := s.pool(t, zeroSettings(), nil)
	args := []string{"bench", "--endpoint", s.url, "--pool-id", pool, "--client-id", client, "--username", testUser, "--duration", "200ms"}

	code, stdout, stderr := runCommand(context.Background(), nil, append(args, "--password", testPassword)...)
	if code != 0 || !summaryLine.MatchString(stdout) {
		t.Fatalf("exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCommand(context.Background(), nil, append(args, "--password", "Wr0ng-Horse!")...)
	m := summaryLine.FindStringSubmatch(stdout)
	if code != 1 || m == nil || m[1] != "0" || m[2] == "0" {
		t.Fatalf("a wrong password: exit %d, stdout %q; want 1 and only errors", code, stdout)
	}
	if !strings.Contains(stderr, "logins failed; the first: incorrect username or password, or a pool id that is not the client's pool") {
		t.Errorf("stderr does not say why:\n%s", stderr)
	}
}

func TestBenchFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    int
		wantErr string
	}{
		{"help", []string{"-h"}, 0, "-concurrency"},
		{"zero duration", []string{"--duration", "0s"}, 2, "must be positive"},
		{"negative concurrency", []string{"--concurrency", "-1"}, 2, "must be positive"},
		{"negative logins", []string{"--logins", "-1"}, 2, "--logins must not be negative"},
		{"pool without user", []string{"--pool-id", "us-east-1_A"}, 2, "--pool-id needs --client-id, --username and --password"},
		{"user without pool", []string{"--username", "alice"}, 2, "need --pool-id"},
		{"unreachable", []string{"--endpoint", "http://127.0.0.1:1", "--duration", "100ms"}, 1, "bench: cannot reach the server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCommand(context.Background(), nil, append([]string{"bench"}, tt.args...)...)
			if code != tt.want || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.want, stderr, tt.wantErr)
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 0.5, 0},
		{"one", ms(7), 0.99, 7 * time.Millisecond},
		{"median of two", ms(1, 2), 0.5, time.Millisecond},
		{"p50 of 1..100", ms(hundred...), 0.5, 50 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 0.99, 99 * time.Millisecond},
		{"p100", ms(1, 2, 3), 1, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("%s: percentile = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestBenchResultString(t *testing.T) {
	r := benchResult{logins: 1234, errors: 1, elapsed: 10 * time.Second, p50: 15200 * time.Microsecond, p99: 31 * time.Millisecond}
	want := "1234 logins in 10.0s: 123.4 logins/s, p50 15.2 ms, p99 31.0 ms, errors 1"
	if got := r.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if !summaryLine.MatchString(want + "\n") {
		t.Error("the test's pattern does not match the documented line")
	}
}

// BenchmarkSRPLogin is bench's unit of work as a Go benchmark: one full
// USER_SRP_AUTH login through the engine and the AWS SDK against the fake
// over loopback HTTP, client and server in this process, GOMAXPROCS logins
// in flight. logins/s is the figure the 100 logins/s target is about.
func BenchmarkSRPLogin(b *testing.B) {
	s := newTestServer(b, nil)
	pool, client := s.pool(b, zeroSettings(), nil)
	cfg := engine.Config{PoolID: pool, ClientID: client, Transport: newSDKTransport(sdkOptions{region: "us-east-1", endpoint: s.url, noRetries: true})}
	creds := engine.Credentials{Username: testUser, Password: testPassword}
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := engine.Authenticate(context.Background(), cfg, creds); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "logins/s")
}
