package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/gocognito/gocognito/srp"
)

// runDemo shows one SRP exchange between the client and server sides of the
// srp package, the way Cognito and a client perform it, and a wrong password
// being refused.
func runDemo(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := srpDemo(stdout, time.Now()); err != nil {
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	}
	return 0
}

func srpDemo(w io.Writer, now time.Time) error {
	const (
		poolID   = "us-east-1_DemoPool1"
		username = "alice"
		password = "correct horse battery staple"
	)
	pool, err := srp.PoolName(poolID)
	if err != nil {
		return err
	}
	step := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }

	step("1. sign-up: the server keeps a salt and verifier, never the password")
	ver, err := srp.NewPasswordVerifier(pool, username, password, nil)
	if err != nil {
		return err
	}
	step("   salt %s, verifier %s…", ver.SaltHex, ver.VerifierHex[:16])

	login := func(pw string) error {
		client, err := srp.NewClient(nil)
		if err != nil {
			return err
		}
		step("2. InitiateAuth USER_SRP_AUTH: client sends SRP_A %s…", client.SRPA()[:16])
		server, err := srp.NewServer(ver, nil)
		if err != nil {
			return err
		}
		secretBlock := "c2VjcmV0LWJsb2NrLWlzc3VlZC1ieS10aGUtc2VydmVy"
		step("3. PASSWORD_VERIFIER: server answers SALT, SRP_B %s…, SECRET_BLOCK", server.SRPB()[:16])
		ts := srp.FormatTimestamp(now)
		sig, err := client.PasswordSignature(pool, username, pw, server.SaltHex(), server.SRPB(), secretBlock, ts)
		if err != nil {
			return err
		}
		step("4. client signs with TIMESTAMP %q: PASSWORD_CLAIM_SIGNATURE %s", ts, sig)
		return server.VerifyPassword(pool, username, client.SRPA(), secretBlock, ts, sig)
	}

	if err := login(password); err != nil {
		return fmt.Errorf("the right password was refused: %w", err)
	}
	step("5. server verifies the signature in constant time: accepted")
	step("")
	step("again with a wrong password:")
	err = login("Tr0ub4dor&3")
	if !errors.Is(err, srp.ErrBadSignature) {
		return fmt.Errorf("a wrong password was not refused: %v", err)
	}
	step("5. server verifies the signature: refused (%v)", err)
	return nil
}
