package xlreport_test

import (
	"io"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/consolidate"
	"baocao/internal/model"
	"baocao/internal/sample"
	"baocao/internal/xlreport"
)

func BenchmarkWrite1000(b *testing.B) {
	_, c, reports, err := sample.SyntheticSet(examples.KontumCatalogue, 1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	subs := make([]*model.Submission, len(reports))
	for i, r := range reports {
		subs[i] = r.Submission(c)
	}
	cons := consolidate.Build(c, subs, nil, time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC))
	b.ReportAllocs()
	for b.Loop() {
		if err := xlreport.Write(io.Discard, cons, nil); err != nil {
			b.Fatal(err)
		}
	}
}
