#!/usr/bin/env bash
# bench-serve.sh: complete, verified SRP logins per second with
# `gocognito bench --concurrency 2` against `gocognito serve` on this machine
# (client and server share its cores), the figure docs/benchmarks.md reports.
#
# It builds the binary, starts `serve` on a free loopback port, runs a short
# warm-up (the first login waits for the signing keys), then a run of a fixed
# number of logins, prints the summary and the CPU time each process spent
# per login, and stops the server. Run it on a quiet machine: the rate is
# wall-clock and drops with whatever else runs; the CPU per login moves much
# less.
#
#   scripts/bench-serve.sh              # 3000 logins, concurrency 2
#   LOGINS=10000 RUNS=3 scripts/bench-serve.sh
#
# Environment: LOGINS (3000), CONCURRENCY (2), RUNS (1), WARMUP (100), and
# SERVE_BIN, another gocognito binary to run as the server (for example one
# built from an older commit, to compare servers with the same client).
set -euo pipefail

LOGINS=${LOGINS:-3000}
CONCURRENCY=${CONCURRENCY:-2}
RUNS=${RUNS:-1}
WARMUP=${WARMUP:-100}

cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
server_pid=
cleanup() {
	if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "building..." >&2
go build -o "$tmp/gocognito" ./cmd/gocognito

serve_bin=${SERVE_BIN:-$tmp/gocognito}
"$serve_bin" serve --addr 127.0.0.1:0 --log-level warn >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
url=
for _ in $(seq 100); do
	url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$tmp/serve.out" | head -n1)
	[[ -n $url ]] && break
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "serve exited:" >&2
		cat "$tmp/serve.err" >&2
		exit 1
	fi
	sleep 0.1
done
if [[ -z $url ]]; then
	echo "serve did not say where it listens within 10 s" >&2
	exit 1
fi

tck=$(getconf CLK_TCK)
# server_cpu_ms prints the CPU time (user + system) serve has used, in ms.
server_cpu_ms() {
	# Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
	sed 's/^.*) //' "/proc/$server_pid/stat" | awk -v t="$tck" '{ printf "%d\n", ($12 + $13) * 1000 / t }'
}

echo "serve at $url (pid $server_pid); warm-up of $WARMUP logins" >&2
"$tmp/gocognito" bench --endpoint "$url" --concurrency "$CONCURRENCY" --logins "$WARMUP" --duration 10m --progress 1h >/dev/null

echo "machine: $(nproc) cores, $(uname -m), $(go version | cut -d' ' -f3); server: $serve_bin"
for run in $(seq "$RUNS"); do
	echo "load before run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
	before=$(server_cpu_ms)
	TIMEFORMAT='%U %S'
	{ time "$tmp/gocognito" bench --endpoint "$url" --concurrency "$CONCURRENCY" --logins "$LOGINS" \
		--duration 10m --progress 5s >"$tmp/summary" 2>"$tmp/bench.err"; } 2>"$tmp/bench.time" || {
		cat "$tmp/bench.err" "$tmp/summary" >&2
		exit 1
	}
	after=$(server_cpu_ms)
	summary=$(cat "$tmp/summary")
	n=$(awk '{ print $1 }' <<<"$summary")
	read -r bu bs <"$tmp/bench.time"
	echo "run $run: $summary"
	awk -v n="$n" -v s=$((after - before)) -v bu="$bu" -v bs="$bs" 'BEGIN {
		c = (bu + bs) * 1000
		printf "  CPU per login: serve %.2f ms, bench %.2f ms, both %.2f ms (ceiling on %d idle cores: %.0f logins/s)\n",
			s / n, c / n, (s + c) / n, '"$(nproc)"', '"$(nproc)"' * 1000 * n / (s + c)
	}'
	echo "load after run $run: $(cut -d' ' -f1-3 /proc/loadavg)"
done
