package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"baocao/internal/atomicfile"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, _ := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bao-cao.pdf")
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write([]byte("cũ")); return err }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}

	// A failure halfway leaves the old file as it was and nothing else.
	err := atomicfile.Write(path, func(w io.Writer) error {
		w.Write([]byte("một nửa"))
		return errors.New("hỏng giữa chừng")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "cũ" {
		t.Errorf("the old file became %q", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}

	// An interrupt while writing (what the command does on Ctrl-C): the
	// temporary file goes, the old file stays.
	atomicfile.Write(path, func(w io.Writer) error {
		w.Write([]byte("dở dang"))
		if n := len(entries(t, dir)); n != 2 {
			t.Errorf("%d files while writing, want the old one and a temporary one", n)
		}
		atomicfile.Cleanup()
		return errors.New("interrupted")
	})
	if names := entries(t, dir); len(names) != 1 || names[0] != "bao-cao.pdf" {
		t.Errorf("after the interrupt: %v", names)
	}
	if b, _ := os.ReadFile(path); string(b) != "cũ" {
		t.Errorf("the old file became %q", b)
	}

	// A folder that does not exist is an error, not a panic.
	if err := atomicfile.Write(filepath.Join(dir, "khong-co", "x.pdf"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
