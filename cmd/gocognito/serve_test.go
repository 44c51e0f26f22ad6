package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
)

// servedInProcess is `gocognito serve` running in this process.
type servedInProcess struct {
	url            string
	stdout, stderr *syncBuffer
	stop           func() int // cancels the server and returns its exit status
}

func serveInProcess(t *testing.T, args ...string) *servedInProcess {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &servedInProcess{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), s.stdout, s.stderr)
	}()
	stopped := false
	s.stop = func() int {
		cancel()
		stopped = true
		return <-done
	}
	t.Cleanup(func() {
		if !stopped {
			s.stop()
		}
	})
	re := regexp.MustCompile(`listening on (http://\S+)\n`)
	waitFor(t, "serve to listen", 30*time.Second, func() bool {
		select {
		case code := <-done:
			done <- code
			t.Fatalf("serve exited %d before listening:\n%s", code, s.stderr.String())
		default:
		}
		m := re.FindStringSubmatch(s.stdout.String())
		if m != nil {
			s.url = m[1]
		}
		return m != nil
	})
	return s
}

// ids reads the pool and client ids serve printed, by name.
func (s *servedInProcess) ids(t *testing.T) (pools, clients map[string]string) {
	t.Helper()
	return printedIDs(t, s.stdout.String())
}

func printedIDs(t testing.TB, stdout string) (pools, clients map[string]string) {
	t.Helper()
	pools, clients = map[string]string{}, map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^pool (\S+) name=(\S+)$`).FindAllStringSubmatch(stdout, -1) {
		pools[m[2]] = m[1]
	}
	for _, m := range regexp.MustCompile(`(?m)^client (\S+) pool=\S+ name=(\S+)$`).FindAllStringSubmatch(stdout, -1) {
		clients[m[2]] = m[1]
	}
	return pools, clients
}

// sdkClient is the plain AWS SDK for Go v2, as any program would use it,
// with made-up credentials for the signed admin calls.
func sdkClient(url string) *cip.Client {
	return cip.New(cip.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("fake", "fake", ""),
	})
}

func seedExample(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs("../../docs/seed-example.json")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestServe runs serve with the example seed and a state file, uses it
// through the AWS SDK and the login command, restarts it from its state,
// and checks the logs.
func TestServe(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "state.json")
	s := serveInProcess(t, "--seed", seedExample(t), "--state", state)
	pools, clients := s.ids(t)
	pool, web := pools["app"], clients["web"]
	if pool == "" || web == "" || clients["backend"] == "" {
		t.Fatalf("serve did not print the seeded ids:\n%s", s.stdout.String())
	}

	// Any AWS SDK works against it.
	api := sdkClient(s.url)
	listed, err := api.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(10)})
	if err != nil || len(listed.UserPools) != 1 || aws.ToString(listed.UserPools[0].Id) != pool {
		t.Fatalf("ListUserPools = %+v, %v; want the seeded pool", listed, err)
	}
	_, err = api.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserSrpAuth, ClientId: aws.String("nosuchclient"),
		AuthParameters: map[string]string{"USERNAME": "alice", "SRP_A": "123"},
	})
	var notFound *types.ResourceNotFoundException
	if !errorsAs(err, &notFound) {
		t.Fatalf("an unknown client: %v, want the SDK's ResourceNotFoundException", err)
	}

	// The login command logs in with SRP; bob's e-mail MFA code comes from
	// the outbox endpoint, as a test in another language would read it.
	login := func(user string, stdin io.Reader) (string, string) {
		code, stdout, stderr := runCommand(ctx, stdin, "login", "--endpoint", s.url, "--pool-id", pool,
			"--client-id", web, "--username", user, "--password-stdin")
		if code != 0 {
			t.Fatalf("login %s: exit %d\n%s", user, code, stderr)
		}
		return stdout, stderr
	}
	aliceOut, _ := login("alice", strings.NewReader("Corr3ct-Horse\n"))
	outboxCode := func() string {
		resp, err := http.Get(s.url + fakecognito.OutboxPath + "?username=bob")
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		var m fakecognito.Message
		if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || m.Purpose != "MFA" || m.PoolID != pool {
			return "bad outbox answer"
		}
		return m.Code
	}
	_, bobErr := login("bob", lines(text("Corr3ct-Horse"), outboxCode))
	if !strings.Contains(bobErr, "Code sent by EMAIL") {
		t.Errorf("bob was not asked for his e-mail code:\n%s", bobErr)
	}

	// Its tokens verify against its own JWKS, found from the issuer.
	var alice struct{ IdToken, AccessToken string }
	if err := json.Unmarshal([]byte(aliceOut), &alice); err != nil {
		t.Fatal(err)
	}
	issuer := s.url + "/" + pool
	claims, err := tokens.NewVerifier(issuer, web).VerifyID(ctx, alice.IdToken)
	if err != nil || claims.Username != "alice" {
		t.Fatalf("ID token: %v, %v", claims, err)
	}

	// One log line per API call, with operation, status, duration and
	// request id, and never a secret.
	logs := s.stderr.String()
	line := regexp.MustCompile(`(?m)^time=\S+ level=INFO msg="cognito request" op=RespondToAuthChallenge status=200 duration=\S+ request_id=[0-9a-f-]{36}$`)
	if !line.MatchString(logs) {
		t.Errorf("no complete log line for RespondToAuthChallenge:\n%s", logs)
	}
	if !regexp.MustCompile(`msg="http request" op="GET /_gocognito/outbox" status=200 duration=\S+ request_id=[0-9a-f-]{36}`).MatchString(logs) {
		t.Errorf("no log line for the outbox request:\n%s", logs)
	}
	for _, secret := range []string{"Corr3ct-Horse", alice.IdToken[:40], alice.AccessToken[:40], outboxCode()} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log shows a secret %q:\n%s", secret, logs)
		}
	}

	if code := s.stop(); code != 0 {
		t.Fatalf("serve exited %d on cancel:\n%s", code, s.stderr.String())
	}
	if !strings.Contains(s.stderr.String(), `msg="state saved" file=`) {
		t.Errorf("no save on shutdown:\n%s", s.stderr.String())
	}

	// Restarted from its state: the seed is not applied again, the users
	// and keys are those of before.
	s2 := serveInProcess(t, "--seed", seedExample(t), "--state", state)
	pools2, clients2 := s2.ids(t)
	if len(pools2) != 1 || pools2["app"] != pool || clients2["web"] != web {
		t.Fatalf("after restart the pools are %v and clients %v; want the same as before", pools2, clients2)
	}
	resp, err := http.Get(s2.url + "/" + pool + "/.well-known/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	keys, err := tokens.NewStaticKeySet(jwks)
	if err != nil {
		t.Fatal(err)
	}
	old := &tokens.Verifier{Issuer: issuer, ClientID: web, Keys: keys}
	if _, err := old.VerifyAccess(ctx, alice.AccessToken); err != nil {
		t.Errorf("a token issued before the restart no longer verifies: %v", err)
	}
	s2url := s2.url
	code, _, stderr := runCommand(ctx, strings.NewReader("Corr3ct-Horse\n"), "login", "--endpoint", s2url, "--pool-id", pool,
		"--client-id", web, "--username", "alice", "--password-stdin")
	if code != 0 {
		t.Fatalf("login after restart: exit %d\n%s", code, stderr)
	}
}

func TestServeOutbox(t *testing.T) {
	s := newTestServer(t, nil)
	settings, mfa := emailMFA()
	pool, client := s.pool(t, settings, mfa)
	get := func(query string) (int, string) {
		resp, err := http.Get(s.url + fakecognito.OutboxPath + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(""); code != 200 || strings.TrimSpace(body) != "[]" {
		t.Fatalf("empty outbox: %d %s", code, body)
	}
	if code, _ := get("?username=nobody"); code != http.StatusNotFound {
		t.Fatalf("no message: status %d, want 404", code)
	}
	s.fake.MustCreateUser(pool, "bob", testPassword, emailAttr("bob@example.com"))
	code, _, stderr := runCommand(context.Background(), lines(text(testPassword), lastCodeOf(s, "bob")),
		"login", "--endpoint", s.url, "--pool-id", pool, "--client-id", client, "--username", "bob", "--password-stdin")
	if code != 0 {
		t.Fatalf("login: %d %s", code, stderr)
	}
	status, body := get("?username=bob@example.com")
	var m fakecognito.Message
	if err := json.Unmarshal([]byte(body), &m); status != 200 || err != nil {
		t.Fatalf("outbox by e-mail: %d %s %v", status, body, err)
	}
	if m.Username != "bob" || m.Medium != "EMAIL" || m.Destination != "bob@example.com" || m.Purpose != "MFA" || len(m.Code) != 6 || m.PoolID != pool {
		t.Errorf("outbox message %+v", m)
	}
}

func TestServeFlags(t *testing.T) {
	dir := t.TempDir()
	badSeed := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badSeed, []byte(`{"Pools":[{"Name":"typo"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	badState := filepath.Join(dir, "state.json")
	if err := os.WriteFile(badState, []byte(`not json`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    int
		wantErr string
	}{
		{"help", []string{"-h"}, 0, "-state file"},
		{"bad log level", []string{"--log-level", "loud"}, 2, `--log-level "loud"`},
		{"bad log format", []string{"--log-format", "xml"}, 2, `--log-format "xml"`},
		{"extra argument", []string{"now"}, 2, `unexpected argument "now"`},
		{"bad save interval", []string{"--save-every", "0s"}, 2, "--save-every must be positive"},
		{"passkey origin without a scheme", []string{"--passkey-origins", "localhost:8080"}, 2, `"localhost:8080" is not an origin`},
		{"passkey origin with a path", []string{"--passkey-origins", "http://localhost:3000,http://localhost:8080/app"}, 2, "is not an origin"},
		{"bad address", []string{"--addr", "127.0.0.1:99999"}, 1, "serve: listen tcp"},
		{"missing seed", []string{"--addr", "127.0.0.1:0", "--seed", filepath.Join(dir, "none.json")}, 1, "no such file"},
		{"seed with a typo", []string{"--addr", "127.0.0.1:0", "--seed", badSeed}, 1, `unknown field "Name"`},
		{"corrupt state", []string{"--addr", "127.0.0.1:0", "--state", badState}, 1, "fakecognito: bad state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCommand(context.Background(), nil, append([]string{"serve"}, tt.args...)...)
			if code != tt.want || !strings.Contains(stderr, tt.wantErr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.want, stderr, tt.wantErr)
			}
			if code != 0 && strings.Contains(stdout, "listening") {
				t.Error("a failed start claimed to listen")
			}
		})
	}
}
