package intake_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/xlsx/xlsxtest"
)

// summary writes down everything a submission holds that the report
// uses, and where each problem points, so that two readings of one
// workbook can be compared value by value.
func summary(s *model.Submission, probs problem.List) string {
	var b strings.Builder
	unit := "?"
	if s.Unit != nil {
		unit = s.Unit.Code
	}
	fmt.Fprintf(&b, "unit %s date %s invalid %v\n", unit, s.ReportDate.Format("2006-01-02"), s.Invalid)
	r := s.Reporter
	fmt.Fprintf(&b, "reporter %q %q %q %q\n", r.Name.Value, r.Position.Value, r.Phone.Value, r.Email.Value)
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "task %s %s %q %s %q %q %q %q at %s\n", e.Task.Number, e.Role.Label(), e.Status, e.DoneDate.Format("2006-01-02"),
			e.Result.Value, e.Documents.Value, e.Difficulties.Value, e.Proposals.Value, e.Result.Ref.Cell)
	}
	for _, v := range s.Indicators {
		fmt.Fprintf(&b, "indicator %s %v %q at %s\n", v.Indicator.Code, v.Value, v.Note.Value, v.Ref.Cell)
	}
	for _, p := range probs {
		fmt.Fprintf(&b, "problem %s %s!%s %v\n", p.Severity.Label(), p.Sheet, p.Cell, p.Err)
	}
	return b.String()
}

// Every way the standard and real writers allow of storing a workbook —
// namespace prefixes, Strict Open XML, parts under other names, the 1904
// date system, inline and rich text, CDATA, comments, UTF-16, dates as ISO
// text, cells without references, stored entries — gives back exactly what
// the unit typed: value by value the same as the workbook as baocao wrote
// it, with the same problems at the same cells.
func TestWritersShapes(t *testing.T) {
	c := kontum(t)
	files := []string{
		"testdata/clients/libreoffice-SYT.xlsx",
		"testdata/clients/openpyxl-TUMORONG.xlsx",
		"../../examples/kontum-2024/submissions/SKHCN_Sở KH&CN.xlsx",
		"../../examples/kontum-2024/submissions/DAKHA_UBND huyện Đăk Hà.xlsx",
	}
	variants := xlsxtest.Variants()
	if len(variants) < 100 {
		t.Fatalf("only %d variants", len(variants))
	}
	dir := t.TempDir()
	r := &intake.Reader{Catalogue: c}
	checked := 0
	for _, f := range files {
		orig, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sub, probs := r.Read(f)
		if sub.Unit == nil || len(sub.Entries) == 0 {
			t.Fatalf("%s: the original reads as nothing: %v", f, probs)
		}
		for i := range probs {
			probs[i].File = ""
		}
		want := summary(sub, probs)
		for _, v := range variants {
			data, err := xlsxtest.Apply(orig, v.Shapes...)
			if err != nil {
				t.Errorf("%s %s: %v", filepath.Base(f), v.Name, err)
				continue
			}
			path := filepath.Join(dir, filepath.Base(f))
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			got, gotProbs := r.Read(path)
			for i := range gotProbs {
				gotProbs[i].File = ""
			}
			if g := summary(got, gotProbs); g != want {
				t.Errorf("%s stored as %s reads differently:\n%s", filepath.Base(f), v.Name, firstDiff(g, want))
			}
			checked++
		}
	}
	t.Logf("%d variants of %d workbooks read alike", checked, len(files))
}

// firstDiff shows the first line where two summaries differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf(" got %s\nwant %s", a, b)
		}
	}
	return ""
}
