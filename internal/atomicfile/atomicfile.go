// Package atomicfile writes output files so that a failed or interrupted
// run never leaves a half-written file where a good one was: the content goes
// to a temporary file in the same folder, which is synced and renamed over
// the target only when complete. Files are created with mode 0644.
package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"sync"
)

// pending holds the temporary files being written, for Cleanup.
var (
	mu      sync.Mutex
	pending = map[string]bool{}
)

// Cleanup removes the temporary files of writes under way. The command
// calls it when interrupted (Ctrl-C), so that nothing half-written is left.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	for name := range pending {
		os.Remove(name)
		delete(pending, name)
	}
}

// Write writes the file at path with what fill writes.
func Write(path string, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	mu.Lock()
	pending[tmp.Name()] = true
	mu.Unlock()
	defer func() {
		mu.Lock()
		delete(pending, tmp.Name())
		mu.Unlock()
	}()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
