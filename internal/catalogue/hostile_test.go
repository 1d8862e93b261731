package catalogue_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"baocao/internal/catalogue"
)

// Hostile catalogues: each gives a problem or a read error in Vietnamese,
// quickly, and never a panic.
func TestHostileCatalogues(t *testing.T) {
	minimal, err := os.ReadFile("testdata/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data string
		want error
	}{
		{"NUL bytes", "format = 1\nid = \"a\x00b\"\n", catalogue.ErrSyntax},
		{"deeply nested arrays", "x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", catalogue.ErrSyntax},
		{"deeply nested inline tables", "x = " + strings.Repeat("{a=", 50000) + "1" + strings.Repeat("}", 50000) + "\n", catalogue.ErrSyntax},
		{"a megabyte key", strings.Repeat("k", 1<<20) + " = 1\n", catalogue.ErrUnknownKey},
		{"ten thousand unknown keys", string(minimal) + "\n[extra]\n" + strings.Repeat("a", 1) + " = 1\n", catalogue.ErrUnknownKey},
		{"byte order mark and CRLF", "\uFEFF" + strings.ReplaceAll(string(minimal), "\n", "\r\n"), nil},
		{"UTF-16 file", "\xff\xfef\x00o\x00r\x00", catalogue.ErrSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, probs := catalogue.Parse("x.toml", []byte(tc.data))
				if tc.want == nil {
					if probs.HasErrors() {
						t.Errorf("unexpected problems: %v", probs)
					}
					return
				}
				if len(probs) == 0 || !errors.Is(probs, tc.want) {
					t.Errorf("got %v, want %v", probs, tc.want)
				}
				for _, p := range probs {
					if strings.Contains(p.Message, "toml:") {
						t.Errorf("library text: %s", p.Message)
					}
				}
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("took too long")
			}
		})
	}
	big := filepath.Join(t.TempDir(), "big.toml")
	os.WriteFile(big, []byte(strings.Repeat("# đệm\n", catalogue.MaxSize/6+10)), 0o644)
	if _, _, err := catalogue.Load(big); err == nil || !strings.Contains(err.Error(), "quá lớn") {
		t.Errorf("a catalogue over the size limit: %v", err)
	}
}
