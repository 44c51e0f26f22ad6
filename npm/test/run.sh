#!/usr/bin/env bash
# The npm packages as a user gets them, without a registry: builds this
# platform's binary with scripts/release.sh, packs gocognito and
# @gocognito/<platform> with npm pack, installs the tarballs into a scratch
# project beside the AWS SDK for JavaScript (the version interop/js pins), and
# runs scratch.test.mjs there: the helper starts the fake, the SDK signs in,
# npx runs the binary. Needs Go, Node 18+ and npm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

version=0.0.0-test
host="$(go env GOOS)/$(go env GOARCH)"
VERSION="v$version" PLATFORMS="$host" OUT="$tmp/bin" "$root/scripts/release.sh"
node "$root/npm/pack.mjs" --version "$version" --bin-dir "$tmp/bin" --out "$tmp/npm"

node_platform="$(node -p 'process.platform + "-" + process.arch')"
sdk_version="$(node -p 'require(process.argv[1]).dependencies["@aws-sdk/client-cognito-identity-provider"]' "$root/interop/js/package.json")"
mkdir "$tmp/app"
cp "$here/scratch.test.mjs" "$tmp/app/"
# The main package's optional dependencies name every platform package by
# version; overrides point them at the local tarballs, since nothing is
# published. Packages of other platforms are not packed here: npm skips them
# as optional dependencies whose os or cpu do not match.
cat >"$tmp/app/package.json" <<JSON
{
  "name": "scratch",
  "private": true,
  "type": "module",
  "dependencies": {
    "@aws-sdk/client-cognito-identity-provider": "$sdk_version",
    "gocognito": "file:../npm/gocognito-$version.tgz"
  },
  "overrides": {
    "@gocognito/$node_platform": "file:../npm/gocognito-$node_platform-$version.tgz"
  }
}
JSON
cd "$tmp/app"
npm install --no-audit --no-fund --loglevel=error --prefer-offline
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
GOCOGNITO_TEST_VERSION="$version" timeout 120 node --test --test-reporter=spec --test-timeout=60000 scratch.test.mjs
