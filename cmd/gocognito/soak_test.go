package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/states"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/transport/awssdk"
)

// soakLogins is the size of TestSoak: small by default so that CI (with
// the race detector) runs it in well under a minute; the proof in
// docs/benchmarks.md is `go test -run TestSoak -soak-logins 10000`.
var soakLogins = flag.Int("soak-logins", 120, "complete logins TestSoak runs against serve")

// TestSoak runs complete logins against `gocognito serve` over loopback
// from many goroutines, mixing plain SRP, SRP with TOTP MFA, remembered
// devices (device SRP, MFA skipped) and refreshes with the device key, and
// checks that none fails and that goroutines and heap are back where they
// were once the clients are gone.
func TestSoak(t *testing.T) {
	const workers = 12
	total := *soakLogins
	s := serveInProcess(t, "--idle-timeout", "2s")
	ctx := context.Background()
	tr := &http.Transport{MaxIdleConnsPerHost: workers}
	cog := awssdk.New(aws.Config{
		HTTPClient:   &http.Client{Transport: tr},
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("fake", "fake", ""),
		BaseEndpoint: aws.String(s.url),
	})

	pool, err := cog.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: "soak", PoolSettings: transport.PoolSettings{
		DeviceConfiguration: &transport.DeviceConfiguration{ChallengeRequiredOnNewDevice: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	poolID := pool.UserPool.ID
	if _, err := cog.SetUserPoolMfaConfig(ctx, &transport.UserPoolMfaConfig{UserPoolID: poolID, MfaConfiguration: transport.MFAOptional,
		SoftwareTokenMfaConfiguration: &transport.SoftwareTokenMfaConfig{Enabled: true}}); err != nil {
		t.Fatal(err)
	}
	client, err := cog.CreateUserPoolClient(ctx, &transport.CreateUserPoolClientInput{UserPoolID: poolID, ClientSettings: transport.ClientSettings{
		ClientName: "soak", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
	}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := engine.Config{PoolID: poolID, ClientID: client.UserPoolClient.ClientID, Transport: cog}
	// Plain users live in a pool without device tracking: in the other,
	// every login without a device key creates a new device (as Cognito
	// does), which a client that never keeps it would pile up.
	plainPool, err := cog.CreateUserPool(ctx, &transport.CreateUserPoolInput{PoolName: "soak-plain"})
	if err != nil {
		t.Fatal(err)
	}
	plainClient, err := cog.CreateUserPoolClient(ctx, &transport.CreateUserPoolClientInput{UserPoolID: plainPool.UserPool.ID, ClientSettings: transport.ClientSettings{
		ClientName: "soak", ExplicitAuthFlows: []string{transport.AllowUserSRPAuth, transport.AllowRefreshTokenAuth},
	}})
	if err != nil {
		t.Fatal(err)
	}
	plainCfg := engine.Config{PoolID: plainPool.UserPool.ID, ClientID: plainClient.UserPoolClient.ClientID, Transport: cog}

	var (
		done, srpN, totpN, deviceN, refreshN atomic.Int64
		errMu                                sync.Mutex
		errs                                 []error
	)
	fail := func(err error) {
		errMu.Lock()
		errs = append(errs, err)
		errMu.Unlock()
	}
	// Measured once a quarter of the logins are done, when every path has
	// run, and again at the end.
	var quarterGoroutines, quarterHeap, halfHeap uint64
	var quarterOnce, halfOnce sync.Once
	sample := func() (uint64, uint64) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return uint64(runtime.NumGoroutine()), ms.HeapInuse
	}
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each worker owns a user of each kind.
			plain := fmt.Sprintf("plain-%d", w)
			mfa := fmt.Sprintf("totp-%d", w)
			for name, pid := range map[string]string{plain: plainCfg.PoolID, mfa: poolID} {
				if _, err := cog.AdminCreateUser(ctx, &transport.AdminCreateUserInput{UserPoolID: pid, Username: name, MessageAction: "SUPPRESS"}); err != nil {
					fail(err)
					return
				}
				if _, err := cog.AdminSetUserPassword(ctx, &transport.AdminSetUserPasswordInput{UserPoolID: pid, Username: name, Password: testPassword, Permanent: true}); err != nil {
					fail(err)
					return
				}
			}
			// TOTP for mfa: set up with the previous step's code, so that
			// the first login's code (this step) is a fresh one.
			res, err := engine.Authenticate(ctx, cfg, engine.Credentials{Username: mfa, Password: testPassword})
			if err != nil {
				fail(fmt.Errorf("first login of %s: %w", mfa, err))
				return
			}
			assoc, err := cog.AssociateSoftwareToken(ctx, &transport.AssociateSoftwareTokenInput{AccessToken: res.Tokens.AccessToken})
			if err != nil {
				fail(err)
				return
			}
			code, _ := fakecognito.TOTPCode(assoc.SecretCode, time.Now().Add(-30*time.Second))
			if _, err := cog.VerifySoftwareToken(ctx, &transport.VerifySoftwareTokenInput{AccessToken: res.Tokens.AccessToken, UserCode: code}); err != nil {
				fail(err)
				return
			}
			if _, err := cog.SetUserMFAPreference(ctx, &transport.SetUserMFAPreferenceInput{AccessToken: res.Tokens.AccessToken,
				SoftwareTokenMfaSettings: &transport.MFASettings{Enabled: true, PreferredMfa: true}}); err != nil {
				fail(err)
				return
			}
			var device *engine.DeviceCredentials
			var refresh, deviceKey string
			for i := 0; ; i++ {
				if done.Load() >= int64(total) {
					return
				}
				var err error
				switch {
				case i%4 == 0 || i%4 == 2: // plain SRP
					_, err = engine.Authenticate(ctx, plainCfg, engine.Credentials{Username: plain, Password: testPassword})
					srpN.Add(1)
				case device == nil: // SRP, then TOTP; the device is remembered
					err = func() error {
						l, err := engine.Start(ctx, cfg, engine.Credentials{Username: mfa, Password: testPassword})
						if err != nil {
							return err
						}
						if _, ok := l.Need().(states.NeedMFACode); !ok {
							return fmt.Errorf("%s: need %v, want an MFA code", mfa, l.Need())
						}
						code, _ := fakecognito.TOTPCode(assoc.SecretCode, time.Now())
						if err := l.Submit(ctx, engine.MFACode(code)); err != nil {
							return err
						}
						r, err := l.Result()
						if err != nil {
							return err
						}
						if r.NewDevice == nil || !r.DeviceRemembered {
							return fmt.Errorf("%s: no remembered device (%v)", mfa, r.DeviceErr)
						}
						device, refresh, deviceKey = r.NewDevice, r.Tokens.RefreshToken, r.DeviceKey
						return nil
					}()
					totpN.Add(1)
				case i%4 == 1: // SRP and device SRP, no MFA
					var r *engine.Result
					r, err = engine.Authenticate(ctx, cfg, engine.Credentials{Username: mfa, Password: testPassword, Device: device})
					if err == nil {
						refresh, deviceKey = r.Tokens.RefreshToken, r.DeviceKey
					}
					deviceN.Add(1)
				default: // refresh with the device key
					_, err = cog.InitiateAuth(ctx, &transport.InitiateAuthInput{AuthFlow: transport.FlowRefreshToken, ClientID: cfg.ClientID,
						AuthParameters: map[string]string{transport.ParamRefreshToken: refresh, transport.ParamDeviceKey: deviceKey}})
					refreshN.Add(1)
				}
				if err != nil {
					fail(err)
					return
				}
				switch done.Add(1) {
				case int64(total / 4):
					quarterOnce.Do(func() { quarterGoroutines, quarterHeap = sample() })
				case int64(total / 2):
					halfOnce.Do(func() { _, halfHeap = sample() })
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(errs) > 0 {
		t.Fatalf("%d errors, first: %v", len(errs), errs[0])
	}
	// The clients' idle connections go, and the server closes its side
	// after its idle timeout.
	tr.CloseIdleConnections()
	var endGoroutines, endHeap uint64
	waitFor(t, "goroutines back to the level of a quarter of the run", 20*time.Second, func() bool {
		endGoroutines, endHeap = sample()
		return endGoroutines <= quarterGoroutines
	})
	if endHeap > quarterHeap*3/2+8<<20 {
		t.Errorf("heap grew from %d MB at a quarter to %d MB at the end", quarterHeap>>20, endHeap>>20)
	}
	t.Logf("%d operations in %v (%.0f/s): %d SRP logins, %d SRP+TOTP logins, %d SRP+device-SRP logins, %d refreshes; 0 errors; goroutines %d at a quarter, %d at the end; heap %d MB at a quarter, %d MB at half, %d MB at the end",
		done.Load(), elapsed.Round(time.Millisecond), float64(done.Load())/elapsed.Seconds(),
		srpN.Load(), totpN.Load(), deviceN.Load(), refreshN.Load(), quarterGoroutines, endGoroutines, quarterHeap>>20, halfHeap>>20, endHeap>>20)
}
