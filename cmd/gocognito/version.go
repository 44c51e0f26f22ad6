package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version and commit are stamped into release builds by the linker
// (scripts/release.sh):
//
//	go build -ldflags "-X main.version=v0.3.0 -X main.commit=0123abc" ./cmd/gocognito
//
// Left empty, they come from the build information the Go toolchain records:
// the module version for `go install ...@v0.3.0`, the VCS revision for a
// build in a checkout.
var (
	version string
	commit  string
)

// buildInfo is debug.ReadBuildInfo, a seam for tests.
var buildInfo = debug.ReadBuildInfo

// versionInfo is what `gocognito version` prints.
type versionInfo struct {
	Version  string // "v0.3.0", or "(devel)" for a build in a checkout
	Commit   string // the VCS revision, "" when unknown
	Modified bool   // the checkout had uncommitted changes
	Go       string // the toolchain that built the binary
}

func currentVersion() versionInfo {
	v := versionInfo{Version: version, Commit: commit, Go: runtime.Version()}
	if bi, ok := buildInfo(); ok {
		if v.Version == "" {
			v.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if v.Commit == "" {
					v.Commit = s.Value
				}
			case "vcs.modified":
				v.Modified = v.Modified || (commit == "" && s.Value == "true")
			}
		}
		if bi.GoVersion != "" {
			v.Go = bi.GoVersion
		}
	}
	if v.Version == "" {
		v.Version = "(devel)"
	}
	return v
}

// String is the one line `gocognito version` prints, such as
// "gocognito v0.3.0 (commit 0123abc, go1.26.0)".
func (v versionInfo) String() string {
	c := v.Commit
	if c == "" {
		c = "unknown"
	}
	if v.Modified {
		c += "+modified"
	}
	return fmt.Sprintf("gocognito %s (commit %s, %s)", v.Version, c, v.Go)
}

func runVersion(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gocognito version")
		fmt.Fprintln(stderr, "Prints the module version, the commit and the Go version of this binary.")
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "version: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	fmt.Fprintln(stdout, currentVersion())
	return 0
}
