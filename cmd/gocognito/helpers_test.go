package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/internal/browsertest"
	"github.com/gocognito/gocognito/transport"
)

func TestMain(m *testing.M) {
	// Tests pass every setting as a flag; the developer's environment must
	// not leak in.
	getenv = func(string) string { return "" }
	code := m.Run()
	browsertest.Stop()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// binary builds the command once per test run, for the tests that run it
// as a process (signals, kill -9, stdin of a real process).
func binary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "gocognito-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "gocognito")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{err: err, out: string(out)}
		}
	})
	if binErr != nil {
		t.Fatalf("building the command: %v", binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

// waitFor polls cond until it holds or the deadline passes. It waits for
// an event, it does not time anything.
func waitFor(t testing.TB, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s after %v", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// testServer is a fake served over loopback HTTP in-process.
type testServer struct {
	fake *fakecognito.Fake
	url  string
	logs *syncBuffer
}

// newTestServer serves a fake with clock (nil: time.Now) as serve does, logs
// captured.
func newTestServer(t testing.TB, clock func() time.Time) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fake := fakecognito.New(fakecognito.Options{Clock: clock, Logger: logger})
	srv := httptest.NewServer(newServeHandler(fake, logger))
	t.Cleanup(srv.Close)
	fake.SetIssuerBase(srv.URL)
	return &testServer{fake: fake, url: srv.URL, logs: logs}
}

// Settings of the pools the tests create.
const (
	testPassword = "Corr3ct-Horse!"
	testUser     = "alice"
)

// pool creates a pool with the given settings, a client without secret for
// SRP and one user; it returns the pool and client ids.
func (s *testServer) pool(t testing.TB, settings transport.PoolSettings, mfa *transport.UserPoolMfaConfig, attrs ...transport.AttributeType) (string, string) {
	t.Helper()
	if settings.EmailConfiguration == nil {
		// Amazon SES, so that the pool may turn e-mail MFA on.
		settings.EmailConfiguration = &transport.EmailConfiguration{EmailSendingAccount: transport.EmailSendingDeveloper,
			SourceArn: "arn:aws:ses:us-east-1:123456789012:identity/example.com"}
	}
	p := s.fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "test", PoolSettings: settings})
	if mfa != nil {
		mfa.UserPoolID = p.ID
		if _, err := s.fake.SetUserPoolMfaConfig(context.Background(), mfa); err != nil {
			t.Fatal(err)
		}
	}
	c := s.fake.MustCreateClient(transport.CreateUserPoolClientInput{
		UserPoolID: p.ID,
		ClientSettings: transport.ClientSettings{
			ClientName:        "cli",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
		},
	})
	s.fake.MustCreateUser(p.ID, testUser, testPassword, attrs...)
	return p.ID, c.ClientID
}

// runCommand runs the command in-process and returns its status and output.
func runCommand(ctx context.Context, stdin io.Reader, args ...string) (int, string, string) {
	var out, errb syncBuffer
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	code := run(ctx, args, stdin, &out, &errb)
	return code, out.String(), errb.String()
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func emailAttr(addr string) transport.AttributeType { return transport.Attr("email", addr) }

// lastCodeOf reads the code the fake last sent to user.
func lastCodeOf(s *testServer, user string) func() string {
	return func() string { return s.fake.Outbox().LastCode(user) }
}

// zeroSettings is a pool without MFA or device tracking.
func zeroSettings() transport.PoolSettings { return transport.PoolSettings{} }
