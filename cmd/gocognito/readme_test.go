package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
)

// repoRoot is where the README's commands run.
const repoRoot = "../.."

// readmeCommands returns the shell commands of the README's code block under
// heading, with continuation lines joined and comments dropped.
func readmeCommands(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README has no %q", heading)
	}
	_, block, ok := strings.Cut(section, "```sh\n")
	if !ok {
		t.Fatalf("README's %q has no sh block", heading)
	}
	block, _, _ = strings.Cut(block, "```")
	block = strings.ReplaceAll(block, "\\\n", " ")
	var cmds []string
	for line := range strings.Lines(block) {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			cmds = append(cmds, line)
		}
	}
	return cmds
}

// shellWords splits a command as a POSIX shell would, for the README's
// simple commands: words, single quotes, and one pipe from echo.
func shellWords(t *testing.T, cmd string) (stdin string, words []string) {
	t.Helper()
	if left, right, ok := strings.Cut(cmd, " | "); ok {
		echo := shellWordsOnly(t, left)
		if len(echo) != 2 || echo[0] != "echo" {
			t.Fatalf("the README pipes %q into a command; this test knows only `echo WORD |`", left)
		}
		stdin, cmd = echo[1]+"\n", right
	}
	return stdin, shellWordsOnly(t, cmd)
}

func shellWordsOnly(t *testing.T, s string) []string {
	t.Helper()
	re := regexp.MustCompile(`'[^']*'|[^\s']+`)
	var words []string
	for _, w := range re.FindAllString(s, -1) {
		if strings.ContainsAny(w, `"$`+"`") {
			t.Fatalf("%q: this test does not expand shell syntax", w)
		}
		words = append(words, strings.Trim(w, "'"))
	}
	return words
}

// goRun replaces `go run ./cmd/gocognito` with the built command.
func goRun(t *testing.T, words []string) []string {
	t.Helper()
	if len(words) < 3 || words[0] != "go" || words[1] != "run" || words[2] != "./cmd/gocognito" {
		t.Fatalf("%q does not start with go run ./cmd/gocognito", words)
	}
	return words[3:]
}

// TestReadmeCommands runs the README's serve and login commands as printed,
// so that they cannot drift from the seed and the flags. The only change is
// the port: serve listens on a free one, and login's endpoint follows.
func TestReadmeCommands(t *testing.T) {
	cmds := readmeCommands(t, "## Command")
	if len(cmds) != 2 {
		t.Fatalf("README's Command block has %d commands, want serve and login: %q", len(cmds), cmds)
	}
	_, serveWords := shellWords(t, cmds[0])
	serveArgs := goRun(t, serveWords)
	if serveArgs[0] != "serve" || strings.Contains(cmds[0], "--addr") {
		t.Fatalf("first command %q: want serve without --addr", cmds[0])
	}
	p := startServeProcessIn(t, repoRoot, serveArgs[1:]...)
	for _, want := range []string{"pool us-east-1_Example1 name=app\n", "client exampleweb pool=us-east-1_Example1 name=web\n"} {
		if !strings.Contains(p.stdout.String(), want) {
			t.Errorf("serve did not print %q:\n%s", want, p.stdout.String())
		}
	}

	stdin, loginWords := shellWords(t, cmds[1])
	loginArgs := goRun(t, loginWords)
	const readmeEndpoint = "http://127.0.0.1:9229"
	if loginArgs[0] != "login" || !strings.Contains(cmds[1], "--endpoint "+readmeEndpoint) {
		t.Fatalf("second command %q: want login --endpoint %s", cmds[1], readmeEndpoint)
	}
	for i, a := range loginArgs {
		if a == readmeEndpoint {
			loginArgs[i] = p.url
		}
	}
	code, stdout, stderr := runBinaryIn(t, repoRoot, stdin, loginArgs...)
	if code != 0 {
		t.Fatalf("README's login: exit %d\n%s", code, stderr)
	}
	var res transport.AuthenticationResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.AccessToken == "" || res.IDToken == "" {
		t.Fatalf("README's login printed no tokens (%v):\n%s", err, stdout)
	}
	// A resource server finds serve's keys at tokens.IssuerAt.
	v := tokens.NewVerifier(tokens.IssuerAt(p.url, "us-east-1_Example1"), "exampleweb")
	if c, err := v.VerifyID(context.Background(), res.IDToken); err != nil || c.Username != "alice" {
		t.Fatalf("the ID token does not verify at tokens.IssuerAt: %v %+v", err, c)
	}
}

// TestSeedExampleTOTP logs dave of docs/seed-example.json in with a code
// computed from the secret the seed gives him, as the README says.
func TestSeedExampleTOTP(t *testing.T) {
	p := startServeProcessIn(t, repoRoot, "--seed", "docs/seed-example.json")
	const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil || !strings.Contains(string(readme), secret) {
		t.Fatalf("README does not name dave's secret %s (%v)", secret, err)
	}
	codeNow, err := fakecognito.TOTPCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runBinaryIn(t, repoRoot, "Corr3ct-Horse\n"+codeNow+"\n", "login", "--endpoint", p.url,
		"--pool-id", "us-east-1_Example1", "--client-id", "exampleweb", "--username", "dave", "--password-stdin")
	if code != 0 || !strings.Contains(stderr, "Code from your authenticator app: ") {
		t.Fatalf("dave's TOTP login: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, `"AccessToken"`) {
		t.Fatalf("no tokens:\n%s", stdout)
	}
}

// runBinaryIn runs the built command in dir with stdin and returns its exit
// status and output.
func runBinaryIn(t *testing.T, dir, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
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
