// Package browsertest runs the project's browser tests in a real headless
// Chromium (Debian's chromium package) through the DevTools protocol: one
// browser per test binary, started on first use, and a browser context of
// its own (its own cookies) for each tab. Outside CI a test without a
// browser skips, saying why; with CI=true it fails, so that CI never passes
// by skipping them.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var browser struct {
	once   sync.Once
	ctx    context.Context // a started browser; tabs are opened from it
	cancel []context.CancelFunc
	err    error
	skip   string
}

// Path finds the browser: $CHROMIUM, else the usual names on PATH.
func Path() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("browsertest: CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("browsertest: no Chromium found (install Debian's chromium package, or set CHROMIUM)")
}

func start() {
	path, err := Path()
	if err != nil {
		browser.skip = err.Error()
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(520, 860),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	browser.cancel = []context.CancelFunc{bcancel, acancel}
	if err := chromedp.Do(bctx); err != nil {
		browser.err = fmt.Errorf("browsertest: start %s: %w", path, err)
		return
	}
	browser.ctx = bctx
}

// Tab opens a tab in a browser context of its own and returns its context,
// which ends after timeout or with the test. Without a browser it skips the
// test, or fails it when the environment has CI=true.
func Tab(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	browser.once.Do(start)
	switch {
	case browser.skip != "" && os.Getenv("CI") == "true":
		t.Fatalf("browser tests must run in CI: %s", browser.skip)
	case browser.skip != "":
		t.Skipf("skipping the browser test: %s", browser.skip)
	case browser.err != nil:
		t.Fatal(browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(tcancel)
	return tctx
}

// Stop ends the browser if a test started one; call it from TestMain after
// m.Run, since the browser outlives every single test.
func Stop() {
	for _, c := range browser.cancel {
		c()
	}
}

// Screenshot takes a full-page screenshot of the tab ctx and checks that it
// holds a picture; when dir is not "", it also writes it there as
// name.png, which is how the browser tests' -screens flag refreshes
// docs/screens.
func Screenshot(ctx context.Context, t testing.TB, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 1000 {
		t.Fatalf("screenshot of %d bytes", len(png))
	}
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
