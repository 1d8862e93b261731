package report_test

import (
	"io"
	"os"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/consolidate"
	"baocao/internal/docx"
	"baocao/internal/model"
	"baocao/internal/pdfdoc"
	"baocao/internal/report"
	"baocao/internal/sample"
)

var synthetics = map[int]struct {
	c    *model.Catalogue
	subs []*model.Submission
}{}

// synthetic returns the catalogue and the submissions of n synthetic units,
// written as workbooks and read back by intake once per run.
func synthetic(b *testing.B, n int) (*model.Catalogue, []*model.Submission) {
	b.Helper()
	if s, ok := synthetics[n]; ok {
		return s.c, s.subs
	}
	_, c, reports, err := sample.SyntheticSet(examples.KontumCatalogue, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "baocao-bench")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	subs, err := sample.Submissions(c, reports, dir)
	if err != nil {
		b.Fatal(err)
	}
	synthetics[n] = struct {
		c    *model.Catalogue
		subs []*model.Submission
	}{c, subs}
	return c, subs
}

var date = time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)

func BenchmarkConsolidate1000(b *testing.B) {
	c, subs := synthetic(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		consolidate.Build(c, subs, date)
	}
}

func BenchmarkLayout1000(b *testing.B) {
	c, subs := synthetic(b, 1000)
	d, err := report.Build(consolidate.Build(c, subs, date), report.Options{Number: "05"})
	if err != nil {
		b.Fatal(err)
	}
	doc := report.PDF(d)
	b.ReportAllocs()
	for b.Loop() {
		pages, _, err := pdfdoc.Layout(doc)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(pages)), "pages")
	}
}

func BenchmarkRender1000(b *testing.B) {
	c, subs := synthetic(b, 1000)
	d, _ := report.Build(consolidate.Build(c, subs, date), report.Options{Number: "05"})
	doc := report.PDF(d)
	pages, _, err := pdfdoc.Layout(doc)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := pdfdoc.Render(io.Discard, doc.Meta, pages); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDocx1000(b *testing.B) {
	c, subs := synthetic(b, 1000)
	d, err := report.Build(consolidate.Build(c, subs, date), report.Options{Number: "05"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var n countingWriter
		if err := docx.Write(&n, d); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB")
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
