package xltemplate_test

import (
	"io"
	"testing"

	"baocao/internal/xltemplate"
)

// BenchmarkWrite writes the template of Sở Y tế.
func BenchmarkWrite(b *testing.B) {
	c := kontum(b)
	u := c.UnitByCode("SYT")
	b.ReportAllocs()
	for b.Loop() {
		if err := xltemplate.Write(io.Discard, c, u); err != nil {
			b.Fatal(err)
		}
	}
}
