package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocognito/gocognito/fakecognito"
)

// stateFile keeps a fake's whole state in one file for `serve --state`.
//
// The file is only ever replaced, never written in place (writeFileAtomic),
// so a crash or kill -9 at any instant leaves either the previous complete
// state or the new complete state, never a mix. Saves happen on shutdown and,
// while the server runs, at most once per interval after a request that may
// have changed something, so that a kill -9 loses at most that interval.
type stateFile struct {
	path string
	fake *fakecognito.Fake
	log  *slog.Logger

	dirty atomic.Bool // a request may have changed the state since the last save

	mu   sync.Mutex // serializes saves
	last [sha256.Size]byte
}

// stateMode is the file's permission: it holds signing keys, password
// verifiers and TOTP secrets.
const stateMode = 0o600

// load reads the file into the fake. A missing file is no error: the server
// starts empty and creates it on its first save. It reports whether a state
// was loaded.
func (s *stateFile) load() (bool, error) {
	s.removeStaleTemps()
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("state: %w", err)
	}
	if err := s.fake.Load(bytes.NewReader(data)); err != nil {
		return false, fmt.Errorf("state %s: %w", s.path, err)
	}
	s.last = sha256.Sum256(data)
	return true, nil
}

// markDirty records that the state may have changed.
func (s *stateFile) markDirty() { s.dirty.Store(true) }

// save writes the state if it differs from what the file holds, and
// reports whether it wrote.
func (s *stateFile) save() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dirty.Store(false)
	var buf bytes.Buffer
	if err := s.fake.Save(&buf); err != nil {
		s.dirty.Store(true)
		return false, fmt.Errorf("state: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if sum == s.last {
		return false, nil
	}
	if err := writeFileAtomic(s.path, buf.Bytes(), stateMode); err != nil {
		s.dirty.Store(true)
		return false, fmt.Errorf("state: %w", err)
	}
	s.last = sum
	s.log.Debug("state saved", slog.String("file", s.path), slog.Int("bytes", buf.Len()))
	return true, nil
}

// saveEvery saves the state every interval while it is dirty, until ctx ends.
func (s *stateFile) saveEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if !s.dirty.Load() {
				continue
			}
			if _, err := s.save(); err != nil {
				s.log.Error("cannot save state", slog.String("error", err.Error()))
			}
		}
	}
}

// tempPattern names the temporary files of writeFileAtomic for path.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// removeStaleTemps deletes temporary files a killed save left behind. Only
// one server may use a state file at a time, so none of them is in use.
func (s *stateFile) removeStaleTemps() {
	dir := filepath.Dir(s.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPattern(s.path)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// writeFileAtomic replaces path with data so that, whatever happens (a
// crash, a power cut, kill -9), path holds either its old content or data:
// it writes a temporary file in the same directory, fsyncs it, renames it
// over path (atomic within a file system) and fsyncs the directory so that
// the rename itself is durable.
func writeFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern(path)+"*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
