package fakecognito

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/gocognito/gocognito/transport"
)

// threadCPU is the CPU time the calling OS thread has used.
func threadCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		b.Skip("no per-thread CPU time here:", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFullSRPLoginServerCPU is the fake's own CPU time per complete
// SRP login (InitiateAuth and RespondToAuthChallenge: B, the proof's check,
// two RS256 signatures), measured on the thread that runs the calls, so
// that neighbours on a shared machine, which stretch wall-clock times, do
// not count. It reports cpu-ms/login; docs/benchmarks.md has the figures.
//
// Its one user logs in again and again, as in `gocognito bench`, so from
// the second login on the check of the proof computes v^u from the
// verifier's precomputed powers (srp.VerifierCache).
// BenchmarkFullSRPLoginServerCPUManyUsers is the other extreme.
func BenchmarkFullSRPLoginServerCPU(b *testing.B) {
	f, pool, client := benchFake(b)
	serverCPUPerLogin(b, f, pool, client, func(int) string { return "alice" })
}

// BenchmarkFullSRPLoginServerCPUManyUsers is BenchmarkFullSRPLoginServerCPU
// with logins going round twice as many users as the fake keeps verifier
// tables for, so that no login finds one: what each login costs when users
// rarely come back.
func BenchmarkFullSRPLoginServerCPUManyUsers(b *testing.B) {
	f, pool, client := benchFake(b)
	users := make([]string, 2*verifierCacheSize)
	for i := range users {
		users[i] = fmt.Sprintf("user%03d", i)
		f.MustCreateUser(pool.ID, users[i], testPassword)
	}
	serverCPUPerLogin(b, f, pool, client, func(i int) string { return users[i%len(users)] })
	if n := f.verifiers.Len(); n != 0 {
		b.Errorf("the fake built %d verifier tables; this benchmark means to measure none", n)
	}
}

// serverCPUPerLogin runs b.N logins as user(i) and reports the CPU time
// of the fake's calls per login.
func serverCPUPerLogin(b *testing.B, f *Fake, pool transport.UserPool, client transport.UserPoolClient, user func(int) string) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu time.Duration
	b.ResetTimer()
	for i := range b.N {
		loginTimedAs(b, f, pool, client, user(i), nil, func(fn func()) {
			start := threadCPU(b)
			fn()
			cpu += threadCPU(b) - start
		})
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/login")
}
