package main

import (
	"io/fs"
	"os"
	"path/filepath"
)

// tempPattern names the temporary files of writeFileAtomic for path.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-" }

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
