package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/transport"
)

// benchOptions are the flags of `gocognito bench`.
type benchOptions struct {
	endpoint, region               string
	poolID, clientID, clientSecret string
	username, password             string
	duration                       time.Duration
	logins                         int // 0: no limit
	concurrency                    int
	progress                       time.Duration
	cpuProfile                     string
}

// benchLoginTimeout bounds one login, so that a stalled server cannot hang
// the run.
const benchLoginTimeout = 30 * time.Second

func runBench(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var o benchOptions
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito bench [flags]")
		fmt.Fprintln(stderr, "Runs full USER_SRP_AUTH logins (InitiateAuth, PASSWORD_VERIFIER, tokens) for --duration")
		fmt.Fprintln(stderr, "from --concurrency workers and prints one summary line. Without --pool-id it creates its")
		fmt.Fprintln(stderr, "own pool, client and users through the admin API. See docs/cli.md.")
		fs.PrintDefaults()
	}
	fs.StringVar(&o.endpoint, "endpoint", getenv(envEndpoint), "`URL` of the server (default: an embedded fake, or Cognito's regional endpoint with --pool-id)")
	fs.StringVar(&o.region, "region", "", "AWS `region` (default: the pool id's prefix, or "+defaultRegion+")")
	fs.StringVar(&o.poolID, "pool-id", "", "log in to this existing `pool` (with --client-id, --username, --password)")
	fs.StringVar(&o.clientID, "client-id", "", "app client `id` of --pool-id")
	fs.StringVar(&o.clientSecret, "client-secret", "", "app client `secret` (env "+envClientSecret+")")
	fs.StringVar(&o.username, "username", "", "user `name` of --pool-id; every worker logs in as this user")
	fs.StringVar(&o.password, "password", "", "the user's `password` (env GOCOGNITO_PASSWORD)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to run")
	fs.IntVar(&o.logins, "logins", 0, "stop after this many logins have started (0: only --duration limits the run)")
	fs.IntVar(&o.concurrency, "concurrency", 2, "logins in flight at once")
	fs.DurationVar(&o.progress, "progress", time.Second, "`interval` of the progress lines on stderr")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of this process (the client, and the embedded fake if any) to `file`, for go tool pprof")
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if o.clientSecret == "" {
		o.clientSecret = getenv(envClientSecret)
	}
	if o.password == "" {
		o.password = getenv("GOCOGNITO_PASSWORD")
	}
	if err := o.check(fs.Args()); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 2
	}
	if o.cpuProfile != "" {
		stop, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "bench:", err)
			return 1
		}
		defer stop()
	}
	res, err := bench(ctx, o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bench: "+reason(err))
		return 1
	}
	fmt.Fprintln(stdout, res)
	if res.errors > 0 {
		fmt.Fprintf(stderr, "bench: %d logins failed; the first: %s\n", res.errors, reason(res.firstErr))
		return 1
	}
	if res.logins == 0 {
		fmt.Fprintln(stderr, "bench: no login finished")
		return 1
	}
	return 0
}

func (o *benchOptions) check(rest []string) error {
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest[0])
	}
	if o.duration <= 0 || o.concurrency <= 0 || o.progress <= 0 {
		return errors.New("--duration, --concurrency and --progress must be positive")
	}
	if o.logins < 0 {
		return errors.New("--logins must not be negative")
	}
	if o.poolID != "" && (o.clientID == "" || o.username == "" || o.password == "") {
		return errors.New("--pool-id needs --client-id, --username and --password")
	}
	if o.poolID == "" && (o.clientID != "" || o.username != "") {
		return errors.New("--client-id and --username need --pool-id")
	}
	if o.region == "" {
		o.region = regionOf(o.poolID)
	}
	if o.region == "" {
		o.region = defaultRegion
	}
	return nil
}

// benchResult is the outcome of a run.
type benchResult struct {
	logins, errors int
	elapsed        time.Duration
	p50, p99       time.Duration
	firstErr       error
}

// String is the summary line.
func (r benchResult) String() string {
	rate := 0.0
	if r.elapsed > 0 {
		rate = float64(r.logins) / r.elapsed.Seconds()
	}
	return fmt.Sprintf("%d logins in %.1fs: %.1f logins/s, p50 %.1f ms, p99 %.1f ms, errors %d",
		r.logins, r.elapsed.Seconds(), rate, ms(r.p50), ms(r.p99), r.errors)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchTarget is what the workers log in to.
type benchTarget struct {
	cfg   engine.Config
	users []engine.Credentials // worker i logs in as users[i%len(users)]
}

func bench(ctx context.Context, o benchOptions, stderr io.Writer) (benchResult, error) {
	if o.endpoint == "" && o.poolID == "" {
		fake := fakecognito.New(fakecognito.Options{Region: o.region})
		srv, err := startEmbedded(fake, discardLogger())
		if err != nil {
			return benchResult{}, err
		}
		defer srv.Close()
		o.endpoint = srv.url
		fmt.Fprintf(stderr, "bench: embedded fake Cognito on %s\n", srv.url)
	}
	httpTransport := http.DefaultTransport.(*http.Transport).Clone()
	httpTransport.MaxIdleConnsPerHost = o.concurrency + 2
	api := newSDKTransport(sdkOptions{
		region:           o.region,
		endpoint:         o.endpoint,
		dummyCredentials: o.poolID == "",
		httpClient:       &http.Client{Transport: httpTransport},
		noRetries:        true,
	})
	defer httpTransport.CloseIdleConnections()

	target := benchTarget{cfg: engine.Config{
		PoolID: o.poolID, ClientID: o.clientID, ClientSecret: o.clientSecret, Transport: api,
	}}
	if o.poolID == "" {
		var err error
		if target, err = benchSetup(ctx, api, o.concurrency); err != nil {
			return benchResult{}, fmt.Errorf("setting up a pool: %w", err)
		}
		fmt.Fprintf(stderr, "bench: created pool %s, client %s and %d users\n", target.cfg.PoolID, target.cfg.ClientID, len(target.users))
	} else {
		target.users = []engine.Credentials{{Username: o.username, Password: o.password}}
	}
	return runWorkers(ctx, target, o, stderr), nil
}

// benchSetup creates a pool without MFA or device tracking (so that a
// login is exactly the SRP exchange), an app client without secret, and
// one user per worker.
func benchSetup(ctx context.Context, api transport.Cognito, n int) (benchTarget, error) {
	p, err := api.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: "gocognito-bench"})
	if err != nil {
		return benchTarget{}, err
	}
	pool := p.UserPool.ID
	c, err := api.CreateUserPoolClient(ctx, &transport.CreateUserPoolClientInput{
		UserPoolID: pool,
		ClientSettings: transport.ClientSettings{
			ClientName:        "bench",
			ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
		},
	})
	if err != nil {
		return benchTarget{}, err
	}
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	password := "Bench-" + hex.EncodeToString(b[:]) + "-Aa1!"
	t := benchTarget{cfg: engine.Config{PoolID: pool, ClientID: c.UserPoolClient.ClientID, Transport: api}}
	for i := range n {
		name := fmt.Sprintf("bench-user-%d", i+1)
		if _, err := api.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: pool, Username: name, MessageAction: "SUPPRESS"}); err != nil {
			return benchTarget{}, err
		}
		if _, err := api.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{UserPoolID: pool, Username: name, Password: password, Permanent: true}); err != nil {
			return benchTarget{}, err
		}
		t.users = append(t.users, engine.Credentials{Username: name, Password: password})
	}
	return t, nil
}

// runWorkers logs in from o.concurrency goroutines until o.duration has
// passed or o.logins have started, printing progress every o.progress.
// Logins in flight at the end finish and count; the elapsed time includes
// them.
func runWorkers(ctx context.Context, t benchTarget, o benchOptions, stderr io.Writer) benchResult {
	var (
		done, failed atomic.Int64
		started      atomic.Int64
		mu           sync.Mutex
		latencies    []time.Duration
		firstErr     error
		wg           sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(o.duration)
	stopProgress := make(chan struct{})
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		tick := time.NewTicker(o.progress)
		defer tick.Stop()
		last, lastN := start, int64(0)
		for {
			select {
			case <-stopProgress:
				return
			case now := <-tick.C:
				n := done.Load()
				fmt.Fprintf(stderr, "bench: %4.0fs %7d logins, %6.1f/s now, %6.1f/s overall, errors %d\n",
					now.Sub(start).Seconds(), n, float64(n-lastN)/now.Sub(last).Seconds(), float64(n)/now.Sub(start).Seconds(), failed.Load())
				last, lastN = now, n
			}
		}
	}()
	for w := range o.concurrency {
		wg.Go(func() {
			creds := t.users[w%len(t.users)]
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				if o.logins > 0 && started.Add(1) > int64(o.logins) {
					break
				}
				lctx, cancel := context.WithTimeout(ctx, benchLoginTimeout)
				began := time.Now()
				_, err := engine.Authenticate(lctx, t.cfg, creds)
				took := time.Since(began)
				cancel()
				if err != nil {
					if ctx.Err() != nil {
						break // interrupted: not the server's failure
					}
					failed.Add(1)
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				done.Add(1)
				mine = append(mine, took)
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stopProgress)
	<-progressDone
	slices.Sort(latencies)
	return benchResult{
		logins: int(done.Load()), errors: int(failed.Load()), elapsed: elapsed,
		p50: percentile(latencies, 0.50), p99: percentile(latencies, 0.99), firstErr: firstErr,
	}
}

// startCPUProfile profiles the process's CPU into path until stop.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// percentile returns the nearest-rank percentile p (0 < p <= 1) of sorted.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
