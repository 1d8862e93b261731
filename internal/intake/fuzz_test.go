package intake_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/internal/intake"
)

// FuzzRead feeds arbitrary bytes to the reader as a workbook file: it must
// not panic, and every problem must be a Vietnamese sentence with a hint.
func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/clients/libreoffice-SYT.xlsx", "testdata/clients/openpyxl-TUMORONG.xlsx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	c := kontum(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		lim := intake.Limits{FileSize: 4 << 20, UnzipSize: 16 << 20, ZipEntries: 200}
		_, probs := (&intake.Reader{Catalogue: c, Limits: lim}).Read(path)
		for _, p := range probs {
			if p.Message == "" || p.Hint == "" || strings.Contains(p.Message, "zip:") || strings.Contains(p.Message, "xml:") {
				t.Errorf("bad problem: %+v", p)
			}
		}
	})
}
