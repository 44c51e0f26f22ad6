package fakecognito

import (
	"runtime"
	"syscall"
	"testing"
	"time"
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
func BenchmarkFullSRPLoginServerCPU(b *testing.B) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	f, pool, client := benchFake(b)
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		loginTimed(b, f, pool, client, nil, func(fn func()) {
			start := threadCPU(b)
			fn()
			cpu += threadCPU(b) - start
		})
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/login")
}
