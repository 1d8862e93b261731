package intake_test

import (
	"testing"

	"baocao/internal/intake"
)

// BenchmarkRead reads the LibreOffice-saved workbook of Sở Y tế.
func BenchmarkRead(b *testing.B) {
	c := kontum(b)
	r := &intake.Reader{Catalogue: c}
	b.ReportAllocs()
	for b.Loop() {
		if sub, _ := r.Read("testdata/clients/libreoffice-SYT.xlsx"); sub == nil {
			b.Fatal("not read")
		}
	}
}
