package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: it gets its arguments and the process's streams
// and returns the exit status: 0 for success, 1 for a failure, 2 for a
// usage error.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"serve":   {"run a fake Cognito over HTTP (in memory, or persisted with --state)", runServe},
	"login":   {"log in to a user pool with SRP and print the tokens as JSON", runLogin},
	"demo":    {"run a complete login against an embedded fake Cognito, step by step", runDemo},
	"bench":   {"measure full SRP logins per second against a server or an embedded fake", runBench},
	"health":  {"exit 0 if a running serve answers its health check (for containers)", runHealth},
	"version": {"print the version, commit and Go version of this binary", runVersion},
}

// order is how usage lists the commands.
var order = []string{"serve", "login", "demo", "bench", "health", "version"}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gocognito: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	return cmd.run(ctx, args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: gocognito <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	for _, name := range order {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `"gocognito <command> -h" lists a command's flags.`)
}
