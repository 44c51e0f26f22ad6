package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/gocognito/gocognito/srp"
)

// unanswered is the size of TestUnansweredLoginsBounded; the figure in
// docs/benchmarks.md is `-unanswered 100000 -unanswered-cap 10000`.
var (
	unanswered     = flag.Int("unanswered", 1500, "USER_SRP_AUTH logins TestUnansweredLoginsBounded starts and never answers")
	unansweredCap  = flag.Int("unanswered-cap", 500, "serve --max-pending for TestUnansweredLoginsBounded")
	unansweredIdle = flag.Duration("unanswered-idle", 0, "how long TestUnansweredLoginsBounded then leaves the server idle before reading its memory again (past the 3-minute session validity and a 30 s sweep, the exchanges are gone)")
)

// TestUnansweredLoginsBounded starts logins nobody answers against serve,
// half for users that do not exist (on a client that hides it, so each
// gets a decoy challenge): past --max-pending they are refused with
// TooManyRequestsException, and the server's memory stays bounded.
func TestUnansweredLoginsBounded(t *testing.T) {
	n, limit := *unanswered, *unansweredCap
	p := startServeProcess(t, "--max-pending", strconv.Itoa(limit), "--log-level", "error")
	api := sdkClient(p.url)
	ctx := context.Background()
	pool := createPool(t, api)
	c, err := api.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: aws.String(pool), ClientName: aws.String("c"),
		PreventUserExistenceErrors: types.PreventUserExistenceErrorTypesEnabled,
		ExplicitAuthFlows:          []types.ExplicitAuthFlowsType{types.ExplicitAuthFlowsTypeAllowUserSrpAuth, types.ExplicitAuthFlowsTypeAllowRefreshTokenAuth}})
	if err != nil {
		t.Fatal(err)
	}
	if err := createUser(t, api, pool, "alice"); err != nil {
		t.Fatal(err)
	}
	rssBefore := currentRSS(p.cmd.Process.Pid)
	client, err := srp.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	var next, ok, throttled, other atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				name := "alice"
				if i%2 == 0 {
					name = fmt.Sprintf("nobody-%d", i)
				}
				_, err := api.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: types.AuthFlowTypeUserSrpAuth, ClientId: c.UserPoolClient.ClientId,
					AuthParameters: map[string]string{"USERNAME": name, "SRP_A": client.SRPA()}})
				var tm *types.TooManyRequestsException
				switch {
				case err == nil:
					ok.Add(1)
				case errors.As(err, &tm):
					throttled.Add(1)
				default:
					other.Add(1)
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	rss := currentRSS(p.cmd.Process.Pid)
	t.Logf("%d unanswered logins: %d challenged, %d TooManyRequestsException; RSS %d MB before, %d MB after (peak %d MB)",
		n, ok.Load(), throttled.Load(), rssBefore>>20, rss>>20, peakRSS(p.cmd.Process.Pid)>>20)
	if *unansweredIdle > 0 {
		time.Sleep(*unansweredIdle)
		t.Logf("after %v idle: RSS %d MB", *unansweredIdle, currentRSS(p.cmd.Process.Pid)>>20)
		// The exchanges are gone: a new login is challenged again.
		if _, err := api.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: types.AuthFlowTypeUserSrpAuth, ClientId: c.UserPoolClient.ClientId,
			AuthParameters: map[string]string{"USERNAME": "alice", "SRP_A": client.SRPA()}}); err != nil {
			t.Errorf("after the idle time: %v", err)
		}
	}
	if want := int64(min(n, limit)); ok.Load() != want {
		t.Errorf("%d challenged, want the cap %d", ok.Load(), want)
	}
	if n > limit && throttled.Load() != int64(n-limit) {
		t.Errorf("%d throttled, want %d", throttled.Load(), n-limit)
	}
}

// currentRSS is a process's resident set (VmRSS), in bytes.
func currentRSS(pid int) int64 {
	return procStatus(pid, "VmRSS:")
}
