package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkServeCreateUsers creates b.N users with AdminCreateUser from six
// clients against `gocognito serve`, in memory and with --state, and
// reports the rate over the last tenth of the run (when the pool is
// largest), the server's peak RSS and the state file's size. With
// -benchtime=100000x it is the "pool grows to 100k users" probe of
// docs/benchmarks.md: --state must stay within 25 % of the rate in memory.
func BenchmarkServeCreateUsers(b *testing.B) {
	for _, mode := range []string{"memory", "state"} {
		b.Run(mode, func(b *testing.B) {
			var args []string
			dir := b.TempDir()
			if mode == "state" {
				args = []string{"--state", filepath.Join(dir, "state.json")}
			}
			p := startServeProcess(b, args...)
			api := sdkClient(p.url)
			pool := createPool(b, api)
			var next, done atomic.Int64
			tailStart := int64(b.N) - int64(b.N)/10
			var tailAt time.Time
			var tailOnce sync.Once
			b.ResetTimer()
			var wg sync.WaitGroup
			for range 6 {
				wg.Go(func() {
					for {
						i := next.Add(1)
						if i > int64(b.N) {
							return
						}
						if err := createUser(b, api, pool, fmt.Sprintf("user-%d", i)); err != nil {
							b.Error(err)
							return
						}
						if done.Add(1) == tailStart {
							tailOnce.Do(func() { tailAt = time.Now() })
						}
					}
				})
			}
			wg.Wait()
			b.StopTimer()
			if !tailAt.IsZero() {
				b.ReportMetric(float64(int64(b.N)-tailStart)/time.Since(tailAt).Seconds(), "users/s-last10%")
			}
			b.ReportMetric(float64(peakRSS(p.cmd.Process.Pid))/(1<<20), "MB-RSS")
			if mode == "state" {
				fi, _ := os.Stat(filepath.Join(dir, "state.json"))
				li, _ := os.Stat(filepath.Join(dir, "state.json.log"))
				if fi != nil && li != nil {
					b.ReportMetric(float64(fi.Size()+li.Size())/(1<<20), "MB-files")
				}
			}
		})
	}
}

// peakRSS is a process's peak resident set (VmHWM), in bytes; 0 when the
// system does not tell.
func peakRSS(pid int) int64 { return procStatus(pid, "VmHWM:") }

// procStatus reads a size field of /proc/PID/status, in bytes; 0 when the
// system does not tell.
func procStatus(pid int, field string) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
