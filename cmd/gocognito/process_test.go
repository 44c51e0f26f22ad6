package main

// Tests of the built command as a process: what only a real process shows
// (signals, kill -9, a real stdin and exit status).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// serveProcess is `gocognito serve` running as a child process.
type serveProcess struct {
	cmd            *exec.Cmd
	url            string
	stdout, stderr *syncBuffer
	exited         chan struct{}
	err            error // of Wait, once exited is closed
}

func startServeProcess(t testing.TB, args ...string) *serveProcess {
	t.Helper()
	return startServeProcessIn(t, "", args...)
}

// startServeProcessIn starts serve in directory dir ("" for the test's).
func startServeProcessIn(t testing.TB, dir string, args ...string) *serveProcess {
	t.Helper()
	p := &serveProcess{stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	p.cmd.Dir = dir
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
	})
	re := regexp.MustCompile(`listening on (http://\S+)\n`)
	waitFor(t, "serve to listen", 30*time.Second, func() bool {
		select {
		case <-p.exited:
			t.Fatalf("serve exited before listening (%v):\n%s", p.err, p.stderr.String())
		default:
		}
		m := re.FindStringSubmatch(p.stdout.String())
		if m != nil {
			p.url = m[1]
		}
		return m != nil
	})
	return p
}

// signal sends sig and waits for the process to exit.
func (p *serveProcess) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not exit after %v", sig)
	}
}

func createUser(t testing.TB, api *cip.Client, pool, name string) error {
	t.Helper()
	_, err := api.AdminCreateUser(context.Background(), &cip.AdminCreateUserInput{
		UserPoolId: aws.String(pool), Username: aws.String(name), TemporaryPassword: aws.String(testPassword),
	})
	return err
}

func userExists(api *cip.Client, pool, name string) bool {
	_, err := api.AdminGetUser(context.Background(), &cip.AdminGetUserInput{UserPoolId: aws.String(pool), Username: aws.String(name)})
	return err == nil
}

func createPool(t testing.TB, api *cip.Client) string {
	t.Helper()
	out, err := api.CreateUserPool(context.Background(), &cip.CreateUserPoolInput{PoolName: aws.String("p")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.UserPool.Id)
}

// TestServeProcessShutdown stops the server with each signal and finds
// what it held in the state file at the next start. The periodic save is
// made too slow to happen, so only the shutdown saves.
func TestServeProcessShutdown(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			state := filepath.Join(t.TempDir(), "state.json")
			p := startServeProcess(t, "--state", state, "--save-every", "1h")
			api := sdkClient(p.url)
			pool := createPool(t, api)
			if err := createUser(t, api, pool, "kept"); err != nil {
				t.Fatal(err)
			}
			p.signal(t, sig)
			if p.err != nil {
				t.Fatalf("exit on %v: %v\n%s", sig, p.err, p.stderr.String())
			}
			p2 := startServeProcess(t, "--state", state)
			if !userExists(sdkClient(p2.url), pool, "kept") {
				t.Fatalf("the user created before %v is gone", sig)
			}
		})
	}
}

// TestServeProcessKill9 kills the server with SIGKILL, which no program
// can catch, while six clients create users, restarts it from the state
// file and finds every user whose creation was acknowledged: the server
// answers only once a change is on disk. Rounds repeat on the same files,
// so each also replays the log a kill left (possibly cut mid-record).
func TestServeProcessKill9(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	p := startServeProcess(t, "--state", state)
	pool := createPool(t, sdkClient(p.url))
	p.cmd.Process.Kill()
	<-p.exited

	const perRound = 30
	var acked []string
	for round := range 4 {
		p := startServeProcess(t, "--state", state)
		api := sdkClient(p.url)
		missing := 0
		for _, name := range acked {
			if !userExists(api, pool, name) {
				missing++
			}
		}
		if missing > 0 {
			t.Fatalf("round %d: %d of %d acknowledged users missing after kill -9", round, missing, len(acked))
		}
		ctx, stop := context.WithCancel(context.Background())
		var (
			wg sync.WaitGroup
			mu sync.Mutex
		)
		for c := range 6 {
			wg.Go(func() {
				for i := 0; ctx.Err() == nil; i++ {
					name := fmt.Sprintf("r%d-c%d-u%d", round, c, i)
					if createUser(t, api, pool, name) == nil {
						mu.Lock()
						acked = append(acked, name)
						mu.Unlock()
					}
				}
			})
		}
		// Kill once this round has had writes acknowledged (however slow a
		// loaded machine makes them), at a random moment among later ones.
		mu.Lock()
		start := len(acked)
		mu.Unlock()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			mu.Lock()
			n := len(acked) - start
			mu.Unlock()
			if n >= perRound {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(300)) * time.Millisecond)
		p.cmd.Process.Kill()
		<-p.exited
		stop()
		wg.Wait()
	}
	p = startServeProcess(t, "--state", state)
	api := sdkClient(p.url)
	for _, name := range acked {
		if !userExists(api, pool, name) {
			t.Fatalf("acknowledged user %s missing after the last kill -9", name)
		}
	}
	if len(acked) < 4*perRound {
		t.Fatalf("only %d users acknowledged in all: the test did not load the server", len(acked))
	}
	t.Logf("%d acknowledged users, none missing after 4 kills", len(acked))
}

// TestServeProcessFirstRequest checks that a fresh server answers its
// first request; BenchmarkServeFirstResponse measures how soon.
func TestServeProcessFirstRequest(t *testing.T) {
	p := startServeProcess(t)
	resp, err := http.Get(p.url + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/health answered %d", resp.StatusCode)
	}
}

// TestLoginProcess logs in with the built command against the built
// server: the password and then a TOTP code on stdin.
func TestLoginProcess(t *testing.T) {
	ctx := context.Background()
	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"Pools":[{
		"PoolName":"totp","MfaConfiguration":"OPTIONAL",
		"MfaConfig":{"SoftwareTokenMfaConfiguration":{"Enabled":true}},
		"Clients":[{"ClientName":"cli","ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}],
		"Users":[{"Username":"alice","Password":"Corr3ct-Horse!"}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startServeProcess(t, "--seed", seed)
	pools, clients := printedIDs(t, p.stdout.String())
	pool, client := pools["totp"], clients["cli"]
	login := func(stdin string) (int, string, string) {
		cmd := exec.Command(binary(t), "login", "--endpoint", p.url, "--pool-id", pool, "--client-id", client,
			"--username", testUser, "--password-stdin")
		cmd.Stdin = strings.NewReader(stdin)
		var stdout, stderr syncBuffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
	}

	// No MFA yet: the password alone.
	code, stdout, stderr := login(testPassword + "\n")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var first transport.AuthenticationResult
	if err := json.Unmarshal([]byte(stdout), &first); err != nil {
		t.Fatal(err)
	}
	// Enrol an authenticator app through the SDK.
	api := sdkClient(p.url)
	assoc, err := api.AssociateSoftwareToken(ctx, &cip.AssociateSoftwareTokenInput{AccessToken: aws.String(first.AccessToken)})
	if err != nil {
		t.Fatal(err)
	}
	secret := aws.ToString(assoc.SecretCode)
	enrolled := time.Now()
	setupCode, _ := fakecognito.TOTPCode(secret, enrolled)
	if _, err := api.VerifySoftwareToken(ctx, &cip.VerifySoftwareTokenInput{AccessToken: aws.String(first.AccessToken), UserCode: aws.String(setupCode)}); err != nil {
		t.Fatal(err)
	}
	if _, err := newSDKTransport(sdkOptions{region: "us-east-1", endpoint: p.url}).SetUserMFAPreference(ctx, &transport.SetUserMFAPreferenceInput{
		AccessToken: first.AccessToken, SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true},
	}); err != nil {
		t.Fatal(err)
	}

	// The code of the next 30-second step: the setup's code cannot be used
	// twice, and the fake accepts one step of skew.
	next, _ := fakecognito.TOTPCode(secret, enrolled.Add(30*time.Second))
	wrong := []byte(next)
	for i, c := range wrong {
		wrong[i] = '0' + (c-'0'+5)%10
	}

	code, stdout, stderr = login(testPassword + "\n" + string(wrong) + "\n")
	if code != 1 || stdout != "" || !strings.HasSuffix(stderr, "\nlogin: code mismatch (CodeMismatchException: Invalid code received for user)\n") &&
		!strings.Contains(stderr, "login: code mismatch (") {
		t.Fatalf("a wrong code: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = login(testPassword + "\n" + next + "\n")
	if code != 0 || !strings.Contains(stderr, "Code from your authenticator app: ") {
		t.Fatalf("TOTP login: exit %d\n%s", code, stderr)
	}
	var second transport.AuthenticationResult
	if err := json.Unmarshal([]byte(stdout), &second); err != nil || second.AccessToken == "" {
		t.Fatalf("stdout is not the tokens: %v\n%s", err, stdout)
	}
}

func TestDemoProcess(t *testing.T) {
	cmd := exec.Command(binary(t), "demo")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, want := range []string{"PasswordVerifier -> MFASetup", "PasswordVerifier -> SoftwareTokenMFA", "DevicePasswordVerifier -> Done", "RS256 signature valid", "demo finished in"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchProcess(t *testing.T) {
	p := startServeProcess(t, "--log-level", "warn")
	cmd := exec.Command(binary(t), "bench", "--endpoint", p.url, "--duration", "1s", "--concurrency", "2")
	var stdout, stderr syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr.String())
	}
	m := summaryLine.FindStringSubmatch(stdout.String())
	if m == nil || m[1] == "0" || m[2] != "0" {
		t.Fatalf("summary %q: want some logins and no errors\n%s", stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "bench: created pool ") {
		t.Errorf("bench did not say what it created:\n%s", stderr.String())
	}
}

// BenchmarkServeFirstResponse measures from starting the process to its
// first answer (GET /health), the figure moto and cognito-local are
// compared on.
func BenchmarkServeFirstResponse(b *testing.B) {
	bin := binary(b)
	client := &http.Client{Timeout: time.Second}
	re := regexp.MustCompile(`listening on (http://\S+)\n`)
	var total time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
		stdout := &syncBuffer{}
		cmd.Stdout = stdout
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		var url string
		for url == "" {
			if m := re.FindStringSubmatch(stdout.String()); m != nil {
				url = m[1]
			} else if time.Since(start) > 30*time.Second {
				b.Fatal("serve did not start")
			} else {
				time.Sleep(100 * time.Microsecond) // leave the CPU to the server
			}
		}
		for {
			resp, err := client.Get(url + "/health")
			if err == nil {
				resp.Body.Close()
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		total += time.Since(start)
		cmd.Process.Kill()
		cmd.Wait()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-response")
}

// BenchmarkServeFirstLogin measures from starting a seeded server to the
// end of its first SRP login, which also waits for the signing keys a
// fresh server makes at start (a --state file carries them instead).
func BenchmarkServeFirstLogin(b *testing.B) {
	bin := binary(b)
	seed := filepath.Join(b.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"Pools":[{"PoolName":"p",
		"Clients":[{"ClientName":"c","ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}],
		"Users":[{"Username":"alice","Password":"Corr3ct-Horse!"}]}]}`), 0o600); err != nil {
		b.Fatal(err)
	}
	re := regexp.MustCompile(`listening on (http://\S+)\n`)
	var total time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--seed", seed)
		stdout := &syncBuffer{}
		cmd.Stdout = stdout
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		var url string
		for url == "" {
			if m := re.FindStringSubmatch(stdout.String()); m != nil {
				url = m[1]
			} else {
				time.Sleep(100 * time.Microsecond)
			}
		}
		pools, clients := printedIDs(b, stdout.String())
		cfg := engine.Config{PoolID: pools["p"], ClientID: clients["c"], Transport: newSDKTransport(sdkOptions{region: "us-east-1", endpoint: url})}
		if _, err := engine.Authenticate(context.Background(), cfg, engine.Credentials{Username: testUser, Password: testPassword}); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		cmd.Process.Kill()
		cmd.Wait()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-login")
}
