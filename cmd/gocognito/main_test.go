package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/gocognito/gocognito/transport"
)

func TestRunDispatch(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, 2, "usage: gocognito"},
		{"help", []string{"help"}, 0, "commands:"},
		{"-h", []string{"-h"}, 0, "serve "},
		{"unknown", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"bad flag", []string{"demo", "--nope"}, 2, "flag provided but not defined"},
		{"demo argument", []string{"demo", "now"}, 2, `unexpected argument "now"`},
		{"serve bad flag", []string{"serve", "--nope"}, 2, "flag provided but not defined"},
		{"login bad flag", []string{"login", "--nope"}, 2, "flag provided but not defined"},
		{"bench bad flag", []string{"bench", "--nope"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), tt.args, strings.NewReader(""), &out, &errb)
			if code != tt.wantCode || !strings.Contains(errb.String(), tt.wantErr) {
				t.Fatalf("code %d (want %d), stderr %q (want %q)", code, tt.wantCode, errb.String(), tt.wantErr)
			}
		})
	}
}

func TestEveryCommandIsListed(t *testing.T) {
	if len(order) != len(commands) {
		t.Fatalf("usage lists %d commands, %d exist", len(order), len(commands))
	}
	for _, name := range order {
		if _, ok := commands[name]; !ok {
			t.Errorf("usage lists %q, which does not exist", name)
		}
	}
}

// The command's entry point: `gocognito help`.
func Example_help() {
	run(context.Background(), []string{"help"}, nil, os.Stdout, os.Stdout)
	// Output:
	// usage: gocognito <command> [flags]
	//
	// commands:
	//   serve    run a fake Cognito over HTTP (in memory, or persisted with --state)
	//   login    log in to a user pool with SRP and print the tokens as JSON
	//   demo     run a complete login against an embedded fake Cognito, step by step
	//   bench    measure full SRP logins per second against a server or an embedded fake
	//   health   exit 0 if a running serve answers its health check (for containers)
	//   version  print the version, commit and Go version of this binary
	//
	// "gocognito <command> -h" lists a command's flags.
}

// What `gocognito login --output env` prints, for eval in a shell.
func Example_loginOutputEnv() {
	writeTokens(os.Stdout, "env", &transport.AuthenticationResult{
		IDToken: "eyJ.id.sig", AccessToken: "eyJ.access.sig", RefreshToken: "opaque", TokenType: "Bearer", ExpiresIn: 3600,
	})
	// Output:
	// export COGNITO_ID_TOKEN='eyJ.id.sig'
	// export COGNITO_ACCESS_TOKEN='eyJ.access.sig'
	// export COGNITO_REFRESH_TOKEN='opaque'
	// export COGNITO_TOKEN_TYPE='Bearer'
	// export COGNITO_EXPIRES_IN='3600'
}
