package xlreport_test

import (
	"io"
	"testing"

	"baocao/internal/xlreport"
)

func BenchmarkWrite1000(b *testing.B) {
	cons := consolidation(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlreport.Write(io.Discard, cons, nil); err != nil {
			b.Fatal(err)
		}
	}
}
