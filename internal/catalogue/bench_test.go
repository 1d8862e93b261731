package catalogue_test

import (
	"testing"

	"baocao/examples"
	"baocao/internal/catalogue"
)

func BenchmarkParseKontum(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, probs := catalogue.Parse("kontum", examples.KontumCatalogue); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}
