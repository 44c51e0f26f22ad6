package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/internal/uuid"
)

// serveOptions are the flags of `gocognito serve`.
type serveOptions struct {
	// passkeyOrigins are the --passkey-origins: origins whose passkey
	// ceremonies the fake accepts besides the relying party's own https
	// origins (fakecognito.Options.PasskeyOrigins).
	passkeyOrigins []string

	addr       string
	region     string
	seed       string
	state      string
	logLevel   string
	logFormat  string
	issuerBase string
	saveEvery  time.Duration

	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout time.Duration
	maxHeaderBytes, maxBodyBytes, maxPending                  int
	outboxOrigins                                             string

	// triggers are the --trigger webhooks, lambdaEndpoint the
	// --lambda-endpoint and lambdaTimeout the --lambda-timeout.
	triggers       []triggerFlag
	lambdaEndpoint string
	lambdaTimeout  time.Duration
}

// Defaults of serve.
const (
	defaultAddr      = "127.0.0.1:9229"
	defaultRegion    = "us-east-1"
	defaultSaveEvery = time.Second
	shutdownTimeout  = 5 * time.Second
)

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var o serveOptions
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito serve [flags]")
		fmt.Fprintln(stderr, "Runs a fake Cognito user pool service over HTTP; point any AWS SDK at it. See docs/cli.md.")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.addr, "addr", defaultAddr, "`host:port` to listen on (port 0 picks a free one)")
	fs.StringVar(&o.region, "region", defaultRegion, "AWS `region` the fake pretends to be in")
	fs.Func("passkey-origins", "comma-separated web `origins` (such as http://localhost:8080) whose passkey registrations and sign-ins are accepted besides the https origins of the relying party", func(v string) error {
		origins, err := parseOrigins(v)
		o.passkeyOrigins = append(o.passkeyOrigins, origins...)
		return err
	})
	fs.StringVar(&o.seed, "seed", "", "JSON `file` of pools, clients, groups and users to create when starting without a saved state (docs/seed-example.json)")
	fs.StringVar(&o.state, "state", "", "`file` to keep the whole state in (with a change log beside it, file.log): every change is on disk before its answer; in memory only when empty")
	fs.StringVar(&o.logLevel, "log-level", "info", "`level` of the logs on stderr: debug, info, warn or error")
	fs.StringVar(&o.logFormat, "log-format", "text", "`format` of the logs: text or json")
	fs.StringVar(&o.issuerBase, "issuer-base", "", "`URL` that prefixes token issuers (default: http:// and the listening address)")
	fs.DurationVar(&o.saveEvery, "save-every", defaultSaveEvery, "accepted for older scripts and ignored: with --state every change is saved before its answer")
	fs.DurationVar(&o.readHeaderTimeout, "read-header-timeout", defaultReadHeaderTimeout, "longest `time` a client may take to send a request's headers")
	fs.DurationVar(&o.readTimeout, "read-timeout", defaultReadTimeout, "longest `time` a client may take to send a whole request, body included (a slower one is cut off with a JSON error)")
	fs.DurationVar(&o.writeTimeout, "write-timeout", defaultWriteTimeout, "longest `time` to answer a request, from the end of its headers")
	fs.DurationVar(&o.idleTimeout, "idle-timeout", defaultIdleTimeout, "`time` after which an idle keep-alive connection is closed")
	fs.IntVar(&o.maxHeaderBytes, "max-header-bytes", defaultMaxHeaderBytes, "largest request headers, in `bytes` (larger: 431 with a JSON error)")
	fs.IntVar(&o.maxBodyBytes, "max-body-bytes", defaultMaxBodyBytes, "largest request body, in `bytes` (larger: 400 SerializationException)")
	fs.IntVar(&o.maxPending, "max-pending", fakecognito.DefaultMaxPending, "most SRP exchanges, and most sessions, waiting for an answer (`count` of each); past it: TooManyRequestsException")
	fs.StringVar(&o.outboxOrigins, "outbox-origins", "", "comma-separated web `origins` whose pages may read "+fakecognito.OutboxPath+" from a browser (\"*\" for any); none by default")
	fs.Func("trigger", "`NAME=URL`: run the Lambda trigger NAME (PreSignUp, PreTokenGeneration, ...; PreTokenGeneration:V2_0 for a version) for every pool by POSTing its event to URL (repeatable)", func(v string) error {
		t, err := parseTriggerFlag(v)
		if err == nil {
			o.triggers = append(o.triggers, t)
		}
		return err
	})
	fs.StringVar(&o.lambdaEndpoint, "lambda-endpoint", "", "`URL` of a Lambda Invoke API (a local Lambda emulator) that runs the functions the pools' LambdaConfig names")
	fs.DurationVar(&o.lambdaTimeout, "lambda-timeout", fakecognito.DefaultLambdaTimeout, "longest `time` a trigger may run (Cognito waits 5s)")
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	logger, err := newLogger(stderr, o.logLevel, o.logFormat)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 2
	}
	if o.saveEvery <= 0 {
		fmt.Fprintln(stderr, "serve: --save-every must be positive")
		return 2
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"read-header-timeout", o.readHeaderTimeout}, {"read-timeout", o.readTimeout}, {"write-timeout", o.writeTimeout}, {"idle-timeout", o.idleTimeout}} {
		if d.v <= 0 {
			fmt.Fprintf(stderr, "serve: --%s must be positive\n", d.name)
			return 2
		}
	}
	if o.maxHeaderBytes <= 0 || o.maxBodyBytes <= 0 || o.maxPending <= 0 {
		fmt.Fprintln(stderr, "serve: --max-header-bytes, --max-body-bytes and --max-pending must be positive")
		return 2
	}
	if o.lambdaTimeout <= 0 {
		fmt.Fprintln(stderr, "serve: --lambda-timeout must be positive")
		return 2
	}
	if err := serve(ctx, o, logger, stdout); err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	return 0
}

// exitUsage is the status of a flag error: 0 for -h, 2 otherwise.
func exitUsage(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

// newLogger makes the structured logger of serve.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// serve runs the server until ctx ends, then shuts it down and saves.
func serve(ctx context.Context, o serveOptions, logger *slog.Logger, stdout io.Writer) error {
	// Bind first, so that the port is taken (or the error known) before any
	// other work, and clients that retry on "connection refused" wait the
	// least.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	defer ln.Close()

	var origins []string
	for origin := range strings.SplitSeq(o.outboxOrigins, ",") {
		if origin = strings.TrimSpace(origin); origin != "" {
			origins = append(origins, origin)
		}
	}
	hooks, invoker, err := lambdaOptions(o, logger)
	if err != nil {
		return err
	}
	fake := fakecognito.New(fakecognito.Options{
		Region: o.region, Logger: logger, MaxPending: o.maxPending,
		MaxBodyBytes: int64(o.maxBodyBytes), OutboxOrigins: origins,
		PasskeyOrigins: o.passkeyOrigins,
		TriggerHooks:   hooks, LambdaInvoker: invoker, LambdaTimeout: o.lambdaTimeout,
	})
	var store *fakecognito.Store
	loaded := false
	if o.state != "" {
		if store, loaded, err = fakecognito.OpenStore(fake, o.state, fakecognito.StoreOptions{}); err != nil {
			return err
		}
		defer store.Close() // after a failed start; a clean exit closes it below
	}
	if o.seed != "" && !loaded {
		if err := seedFromFile(ctx, fake, o.seed); err != nil {
			return err
		}
	}
	base := o.issuerBase
	if base == "" {
		base = "http://" + hostPort(ln.Addr())
	}
	fake.SetIssuerBase(strings.TrimSuffix(base, "/"))

	srv := &http.Server{
		Handler:           markHandling(newServeHandler(fake, logger)),
		ReadHeaderTimeout: o.readHeaderTimeout,
		ReadTimeout:       o.readTimeout,
		WriteTimeout:      o.writeTimeout,
		IdleTimeout:       o.idleTimeout,
		MaxHeaderBytes:    o.maxHeaderBytes,
		ConnContext:       connContext,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(refusalListener{ln}) }()

	// The ids first, then the address: a harness that waits for the
	// "listening on" line has every id by then.
	if err := printInventory(ctx, fake, stdout); err != nil {
		logger.Warn("cannot list pools", slog.String("error", err.Error()))
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", hostPort(ln.Addr()))
	if loaded {
		logger.Info("state loaded", slog.String("file", o.state))
		if o.seed != "" {
			logger.Info("seed not applied: the state file already holds the server's data", slog.String("seed", o.seed))
		}
	}

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return err
	}
	logger.Info("shutting down")
	shCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	shutdownErr := srv.Shutdown(shCtx)
	if store != nil {
		if err := store.Close(); err != nil {
			return err
		}
		logger.Info("state saved", slog.String("file", o.state))
	}
	if shutdownErr != nil && !errors.Is(shutdownErr, context.DeadlineExceeded) {
		return shutdownErr
	}
	return nil
}

// seedFromFile applies a seed file to the fake.
func seedFromFile(ctx context.Context, fake *fakecognito.Fake, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %w", errSeed, err)
	}
	defer f.Close()
	s, err := parseSeed(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return applySeed(ctx, fake, s)
}

// printInventory prints a line per pool and app client, so that a test
// harness can read the generated ids from the server's output.
func printInventory(ctx context.Context, fake *fakecognito.Fake, w io.Writer) error {
	pools, err := inventory(ctx, fake)
	if err != nil {
		return err
	}
	for _, p := range pools {
		fmt.Fprintf(w, "pool %s name=%s\n", p.PoolID, p.PoolName)
		for _, c := range p.Clients {
			fmt.Fprintf(w, "client %s pool=%s name=%s\n", c.ClientID, p.PoolID, c.ClientName)
		}
	}
	return nil
}

// hostPort is the address to reach a listener at: an unspecified host
// (0.0.0.0, ::) becomes 127.0.0.1.
func hostPort(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// newServeHandler is the fake's handler (the outbox included) plus a log line for the
// requests the fake's API handler does not log itself (the GET documents).
func newServeHandler(fake *fakecognito.Fake, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			fake.ServeHTTP(w, r) // the fake's API handler logs the line
			return
		}
		start := time.Now()
		id := uuid.Random()
		w.Header().Set("X-Amzn-RequestId", id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		fake.ServeHTTP(rec, r)
		level := slog.LevelInfo
		if r.URL.Path == "/health" || r.Method == http.MethodOptions {
			level = slog.LevelDebug // probes and preflights would drown the rest
		}
		logger.LogAttrs(r.Context(), level, "http request",
			slog.String("op", r.Method+" "+truncate(r.URL.Path, 200)),
			slog.Int("status", rec.status),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", rec.Header().Get("X-Amzn-RequestId")))
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// parseOrigins reads a comma-separated list of web origins: http or https, a
// host, an optional port, nothing else.
func parseOrigins(list string) ([]string, error) {
	var out []string
	for v := range strings.SplitSeq(list, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("%q is not an origin such as http://localhost:8080", v)
		}
		out = append(out, strings.TrimSuffix(v, "/"))
	}
	return out, nil
}
