package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// runHealth asks a running `gocognito serve` whether it is up: the health
// check of container images, which carry no curl or wget.
func runHealth(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito health [--url URL]")
		fmt.Fprintln(stderr, "Exits 0 when GET URL/health answers 200, 1 otherwise (a container HEALTHCHECK).")
		fs.PrintDefaults()
	}
	url := fs.String("url", "http://"+defaultAddr, "`URL` of the server")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for the answer")
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "health: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(*url, "/")+"/health", nil)
	if err != nil {
		fmt.Fprintln(stderr, "health:", err)
		return 2
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "health: cannot reach the server:", err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "health: %s answered %s\n", req.URL, resp.Status)
		return 1
	}
	fmt.Fprintln(stdout, "ok")
	return 0
}
