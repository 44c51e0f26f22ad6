#!/usr/bin/env bash
# Builds the static gocognito binaries of a release, with the version and
# commit stamped in (gocognito version prints them), for Linux, macOS and
# Windows on amd64 and arm64, plus SHA256SUMS. CI runs it so that it is known
# to work; the Dockerfile and the npm packages (npm/) use its binaries.
#
#   scripts/release.sh                                  # every platform, into dist/
#   VERSION=v0.3.0 scripts/release.sh                   # a tagged release
#   PLATFORMS="linux/amd64" OUT=/tmp/bin scripts/release.sh
#
# Environment:
#   VERSION    default: git describe --tags --always --dirty, else "dev"
#   COMMIT     default: git rev-parse HEAD, else "unknown"
#   OUT        default: dist
#   PLATFORMS  default: the six GOOS/GOARCH pairs below
#   JOBS       builds at once (default 1: go build already uses every core)
#
# Output: $OUT/gocognito-$GOOS-$GOARCH (".exe" on Windows) and $OUT/SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
OUT=${OUT:-dist}
PLATFORMS=${PLATFORMS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"}
JOBS=${JOBS:-1}

case "$VERSION$COMMIT" in
*[!A-Za-z0-9._+-]*)
	echo "release: VERSION and COMMIT may hold only letters, digits and . _ + -" >&2
	exit 2
	;;
esac

mkdir -p "$OUT"
ldflags="-s -w -X main.version=$VERSION -X main.commit=$COMMIT"

build() {
	local os=${1%/*} arch=${1#*/} ext=""
	[ "$os" = windows ] && ext=.exe
	local bin="$OUT/gocognito-$os-$arch$ext"
	# CGO off: one static file that runs on any libc (and in a scratch image).
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
		-ldflags "$ldflags" -o "$bin" ./cmd/gocognito
	echo "built $bin"
}

start=$(date +%s)
pids=()
for p in $PLATFORMS; do
	build "$p" &
	pids+=($!)
	if [ "${#pids[@]}" -ge "$JOBS" ]; then
		wait "${pids[0]}"
		pids=("${pids[@]:1}")
	fi
done
for pid in "${pids[@]}"; do
	wait "$pid"
done

# sha256sum on Linux, shasum on macOS: the same output.
if command -v sha256sum >/dev/null; then
	sha256=(sha256sum)
else
	sha256=(shasum -a 256)
fi
(cd "$OUT" && "${sha256[@]}" gocognito-* >SHA256SUMS)

# The binary of this machine, if built, must say what it is.
host="$(go env GOOS)/$(go env GOARCH)"
for p in $PLATFORMS; do
	[ "$p" = "$host" ] || continue
	ext=""
	[ "$(go env GOOS)" = windows ] && ext=.exe
	got=$("$OUT/gocognito-${host/\//-}$ext" version)
	case "$got" in
	"gocognito $VERSION (commit $COMMIT,"*) echo "$got" ;;
	*)
		echo "release: $OUT/gocognito-${host/\//-}$ext version printed \"$got\", want version $VERSION and commit $COMMIT" >&2
		exit 1
		;;
	esac
done
echo "release: $(echo "$PLATFORMS" | wc -w) binaries in $OUT in $(($(date +%s) - start)) s"
