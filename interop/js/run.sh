#!/usr/bin/env bash
# Official JavaScript Cognito clients, installed from the npm registry, against
# `gocognito serve` over HTTP: builds the command, starts it on a free loopback
# port with seed.json, runs the node tests in test/ with the endpoint and the
# seeded ids in the environment, and always stops the server. Exits non-zero
# if anything fails. Arguments, if any, are the test files to run instead of
# all of test/*.test.mjs. Needs Go, Node 20+ and npm; see README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
server_pid=""
lambda_pid=""

cleanup() {
	for pid in "$server_pid" "$lambda_pid"; do
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$tmp"
}

# wait_listening FILE PID: the URL a process printed as "listening on URL"
# on its first such line, or "" if it died or said nothing for 10 s.
wait_listening() {
	local line
	for _ in $(seq 1 200); do
		line="$(grep -m1 '^listening on ' "$1" || true)"
		if [ -n "$line" ]; then
			printf '%s' "${line#listening on }"
			return
		fi
		if ! kill -0 "$2" 2>/dev/null; then
			return
		fi
		sleep 0.05
	done
}
trap cleanup EXIT

# The packages, exactly as package-lock.json pins them. A fresh checkout (CI)
# always installs; a developer's second run reuses node_modules unless the
# lock file changed since.
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi

(cd "$root" && go build -o "$tmp/gocognito" ./cmd/gocognito)

# The seed's "triggers" pool names Lambda functions by ARN; lambda-server.mjs
# runs them behind a Lambda Invoke API, as a local Lambda emulator would.
node "$here/lambda-server.mjs" >"$tmp/lambda.out" 2>"$tmp/lambda.log" &
lambda_pid=$!
lambda="$(wait_listening "$tmp/lambda.out" "$lambda_pid")"
if [ -z "$lambda" ]; then
	echo "the Lambda server did not start:" >&2
	cat "$tmp/lambda.out" "$tmp/lambda.log" >&2
	exit 1
fi
export INTEROP_LAMBDA="$lambda"

# Port 0: the server picks a free port and says which on its last line.
"$tmp/gocognito" serve --addr 127.0.0.1:0 --seed "$here/seed.json" --lambda-endpoint "$lambda" \
	>"$tmp/serve.out" 2>"$tmp/serve.log" &
server_pid=$!
endpoint="$(wait_listening "$tmp/serve.out" "$server_pid")"
if [ -z "$endpoint" ]; then
	echo "gocognito serve did not start:" >&2
	cat "$tmp/serve.out" "$tmp/serve.log" >&2
	exit 1
fi

# "pool ID name=NAME" and "client ID pool=POOLID name=NAME" become
# INTEROP_POOL_NAME and INTEROP_CLIENT_POOLNAME_NAME (upper case, - as _).
export INTEROP_ENDPOINT="$endpoint"
declare -A pool_names=()
envname() { printf '%s' "$1" | tr '[:lower:]-' '[:upper:]_'; }
while read -r kind id rest; do
	case "$kind" in
	pool)
		name="${rest#name=}"
		pool_names[$id]="$name"
		export "INTEROP_POOL_$(envname "$name")=$id"
		;;
	client)
		pool_id="${rest%% *}"
		pool_id="${pool_id#pool=}"
		name="${rest#* name=}"
		export "INTEROP_CLIENT_$(envname "${pool_names[$pool_id]}")_$(envname "$name")=$id"
		;;
	esac
done <"$tmp/serve.out"
echo "gocognito serve at $endpoint"
env | grep '^INTEROP_' | sort

# The SDK warns on Node 20 that releases after January 2027 need Node 22;
# the versions here are pinned, so the notice does not apply to this run.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

tests=("$@")
if [ "${#tests[@]}" -eq 0 ]; then
	tests=(test/*.test.mjs)
fi
status=0
timeout 120 node --test --test-reporter=spec --test-timeout=60000 "${tests[@]}" || status=$?
if [ "$status" -ne 0 ]; then
	echo "interop tests failed (exit $status); the server's log:" >&2
	tail -n 60 "$tmp/serve.log" >&2
fi
exit "$status"
