# The fake Cognito as a container, for test suites without a Go toolchain:
#
#   docker build -t gocognito .
#   docker run --rm -p 9229:9229 gocognito                       # in memory
#   docker run --rm -p 9229:9229 -v gocognito-state:/data gocognito \
#     serve --addr 0.0.0.0:9229 --state /data/state.json          # kept across restarts
#   docker run --rm -p 9229:9229 -v "$PWD/seed.json:/seed.json:ro" gocognito \
#     serve --addr 0.0.0.0:9229 --seed /seed.json
#
# The binary is built by scripts/release.sh, as the release binaries are: one
# static file (CGO off) with the version stamped in. Pass them with
# --build-arg VERSION=v0.3.0 --build-arg COMMIT=$(git rev-parse HEAD).

# The build runs on the builder's own platform and cross-compiles for the
# image's (docker buildx build --platform linux/amd64,linux/arm64).
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
ARG TARGETOS
ARG TARGETARCH
RUN platform="${TARGETOS:-linux}/${TARGETARCH:-amd64}" \
	&& VERSION="$VERSION" COMMIT="$COMMIT" PLATFORMS="$platform" OUT=/out scripts/release.sh \
	&& mv "/out/gocognito-${platform%/*}-${platform#*/}" /out/gocognito \
	&& mkdir -p /out/data

# distroless/static: CA certificates, time zones and a nonroot user, no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gocognito /usr/local/bin/gocognito
# The state directory, writable by the nonroot user (uid 65532).
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME /data
EXPOSE 9229
# No curl or wget in the image: the binary is its own probe (GET /health).
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
	CMD ["/usr/local/bin/gocognito", "health", "--url", "http://127.0.0.1:9229"]
ENTRYPOINT ["/usr/local/bin/gocognito"]
CMD ["serve", "--addr", "0.0.0.0:9229"]
