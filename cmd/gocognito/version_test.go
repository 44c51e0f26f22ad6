package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	tests := []struct {
		name            string
		stamped, commit string
		info            *debug.BuildInfo
		want            string
	}{
		{"stamped by the release script", "v0.3.0", "0123abc", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			"gocognito v0.3.0 (commit 0123abc, go1.26.0)"},
		{"go install of a tag", "", "", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.2.1"}},
			"gocognito v0.2.1 (commit unknown, go1.26.0)"},
		{"a checkout with changes", "", "", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "fedcba9"}, {Key: "vcs.modified", Value: "true"}}},
			"gocognito (devel) (commit fedcba9+modified, go1.26.0)"},
		{"stamped commit wins over the checkout's", "v1.0.0", "aaaa", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "bbbb"}, {Key: "vcs.modified", Value: "true"}}},
			"gocognito v1.0.0 (commit aaaa, go1.26.0)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldV, oldC, oldB := version, commit, buildInfo
			t.Cleanup(func() { version, commit, buildInfo = oldV, oldC, oldB })
			version, commit = tt.stamped, tt.commit
			buildInfo = func() (*debug.BuildInfo, bool) { return tt.info, true }
			for _, args := range [][]string{{"version"}, {"--version"}} {
				var out, errb bytes.Buffer
				if code := run(context.Background(), args, nil, &out, &errb); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errb.String())
				}
				if got := strings.TrimSpace(out.String()); got != tt.want {
					t.Errorf("%v printed %q, want %q", args, got, tt.want)
				}
			}
		})
	}
}

func TestHealth(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer ok.Close()
	sick := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	defer sick.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	tests := []struct {
		name     string
		url      string
		wantCode int
		wantErr  string
	}{
		{"up", ok.URL, 0, ""},
		{"up, trailing slash", ok.URL + "/", 0, ""},
		{"unhealthy", sick.URL, 1, "503"},
		{"down", down.URL, 1, "cannot reach the server"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(context.Background(), []string{"health", "--url", tt.url}, nil, &out, &errb)
			if code != tt.wantCode || !strings.Contains(errb.String(), tt.wantErr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tt.wantCode, errb.String(), tt.wantErr)
			}
		})
	}
}
