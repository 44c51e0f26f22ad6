// Package atomicfile replaces files so that a crash, a power cut or kill -9
// leaves either the old content or the new, never a mix: the one writer of
// the fake's state file and of the command's device file. It is not a
// general file library; it does one durable replace.
package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// TempPattern is the name prefix of the temporary files Write makes for
// path, so that a caller can remove those a killed write left behind.
func TempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// Write replaces path with data: it writes a temporary file in the same
// directory, fsyncs it, renames it over path (atomic within a file system)
// and fsyncs the directory so that the rename itself is durable.
func Write(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, TempPattern(path)+"*")
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
	return SyncDir(dir)
}

// SyncDir makes a rename or a creation in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
