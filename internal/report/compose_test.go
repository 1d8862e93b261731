package report_test

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/consolidate"
	"baocao/internal/document"
	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/report"
)

// example is the worked example's consolidation.
func example(t *testing.T) *consolidate.Report {
	t.Helper()
	c, probs := catalogue.Parse(examples.KontumCatalogueName, examples.KontumCatalogue)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	r := &intake.Reader{Catalogue: c}
	b := r.ReadAll([]string{"../../examples/kontum-2024/submissions"}, nil)
	if len(b.Subs) == 0 {
		t.Fatal("no submissions read")
	}
	return consolidate.Build(c, b.Subs, date)
}

func build(t *testing.T, r *consolidate.Report, opt report.Options) *document.Document {
	t.Helper()
	d, err := report.Build(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The body is typed blocks: the parts numbered I–IV, items 1., 2. within
// each part, points a), b), … within each item; each list's last item
// ends with "." and the others with ";".
func TestComposeStructure(t *testing.T) {
	d := build(t, example(t), report.Options{Number: "05"})
	var parts []string
	item, point := 0, 0
	var letters []rune
	for i, b := range d.Body {
		switch b := b.(type) {
		case document.Heading:
			switch b.Level {
			case document.Part:
				parts = append(parts, b.Label())
				item = 0
			case document.Item:
				item++
				point = 0
				if b.Number != strconv.Itoa(item) {
					t.Errorf("item %q numbered %s, want %d", b.Text, b.Number, item)
				}
			case document.Point:
				letters = append(letters, []rune(b.Number)...)
				if want := string([]rune("abcdđeghiklmnopqrstuvxy")[point]); b.Number != want {
					t.Errorf("point %q lettered %s, want %s", b.Text, b.Number, want)
				}
				point++
			}
			if i == len(d.Body)-1 {
				t.Errorf("the body ends with a heading %q", b.Label())
			}
		case document.ListItem:
			if strings.HasPrefix(b.Text, "- ") || strings.HasPrefix(b.Text, "#") {
				t.Errorf("list item carries markup: %q", b.Text)
			}
		case document.Paragraph:
			if strings.HasPrefix(b.Text, "#") || strings.HasPrefix(b.Text, "@") {
				t.Errorf("paragraph carries template markup: %q", b.Text)
			}
		}
	}
	want := []string{"I. TÌNH HÌNH TRIỂN KHAI VÀ BÁO CÁO", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "III. ĐÁNH GIÁ CHUNG", "IV. ĐỀ XUẤT, KIẾN NGHỊ"}
	if strings.Join(parts, "|") != strings.Join(want, "|") {
		t.Errorf("parts %q, want %q", parts, want)
	}
	if !strings.ContainsRune(string(letters), 'đ') {
		t.Errorf("no point lettered đ) in the example: %q", string(letters))
	}
	// The outcome list: ";" then "." at the end.
	for i := 1; i < len(d.Body); i++ {
		it, ok := d.Body[i-1].(document.ListItem)
		if !ok {
			continue
		}
		_, nextIsItem := d.Body[i].(document.ListItem)
		if strings.HasSuffix(it.Text, ";") && !nextIsItem {
			t.Errorf("list ends with ';': %q", it.Text)
		}
	}
	var charts int
	for _, b := range d.Body {
		if c, ok := b.(document.Chart); ok {
			charts++
			if len(c.Bars) == 0 {
				t.Error("chart without bars")
			}
		}
	}
	if charts != 1 {
		t.Errorf("%d charts, want 1", charts)
	}
	if len(d.Appendices) != 3 || d.Appendices[0].Label != "Phụ lục I" || d.Appendices[2].Label != "Phụ lục III" {
		t.Fatalf("appendices %+v", d.Appendices)
	}
	for _, a := range d.Appendices {
		if !strings.HasPrefix(a.Attachment, "(Kèm theo Báo cáo số 05/BC-SKHCN ngày 20 tháng 12 năm 2024") {
			t.Errorf("attachment line %q", a.Attachment)
		}
		for i, r := range a.Table.Rows {
			if len(r.Cells) != len(a.Table.Columns) {
				t.Errorf("%s row %d: %d cells for %d columns", a.Label, i, len(r.Cells), len(a.Table.Columns))
			}
			for _, c := range r.Cells {
				for _, p := range c {
					if strings.Contains(p, "\n") || strings.TrimSpace(p) == "" {
						t.Errorf("%s row %d: cell paragraph %q", a.Label, i, p)
					}
				}
			}
		}
	}
}

// What a unit wrote is placed as it is, never read as structure: a result
// whose paragraphs start with "#", "##" or "@chart" stays paragraphs.
func TestUnitTextIsNotMarkup(t *testing.T) {
	r := example(t)
	var e *model.Entry
	for _, tr := range r.Tasks {
		for _, ue := range tr.Entries {
			if ue.Entry.Role == model.Lead && len(tr.Entries) < 3 {
				e = ue.Entry
			}
		}
	}
	if e == nil {
		t.Fatal("no lead entry")
	}
	e.Result.Value = "Đoạn đầu.\n# I. ĐỀ MỤC GIẢ\n## 1. Mục giả\n@chart\n\\ dấu gạch"
	d := build(t, r, report.Options{})
	found := map[string]bool{}
	for _, b := range d.Body {
		switch b := b.(type) {
		case document.Paragraph:
			found[b.Text] = true
		case document.Heading:
			if strings.Contains(b.Text, "GIẢ") || strings.Contains(b.Text, "giả") {
				t.Errorf("a unit's paragraph became a heading: %q", b.Label())
			}
		}
	}
	for _, p := range []string{"# I. ĐỀ MỤC GIẢ", "## 1. Mục giả", "@chart", "\\ dấu gạch."} {
		if !found[p] {
			t.Errorf("paragraph %q not in the body as written", p)
		}
	}
}

// A replacement wording file changes the blocks it defines; the others
// keep the embedded wording.
func TestTemplateOverride(t *testing.T) {
	fsys := fstest.MapFS{"bao-cao.tmpl": {Data: []byte(`{{define "heading-proposals"}}KIẾN NGHỊ{{end}}`)}}
	d := build(t, example(t), report.Options{Templates: fsys})
	var labels []string
	for _, b := range d.Body {
		if h, ok := b.(document.Heading); ok && h.Level == document.Part {
			labels = append(labels, h.Label())
		}
	}
	if got := strings.Join(labels, "|"); got != "I. TÌNH HÌNH TRIỂN KHAI VÀ BÁO CÁO|II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ|III. ĐÁNH GIÁ CHUNG|IV. KIẾN NGHỊ" {
		t.Errorf("parts %s", got)
	}
	bad := fstest.MapFS{"bao-cao.tmpl": {Data: []byte(`{{define "closing"}}{{.Nothing}}{{end}}`)}}
	if _, err := report.Build(example(t), report.Options{Templates: bad}); err == nil || !strings.Contains(err.Error(), "closing") {
		t.Errorf("a broken block: %v", err)
	}
}

// A lead's long result is quoted in part in the summary, pointing to
// Phụ lục I, where it is whole; the detailed body quotes it all.
func TestLongResultShortenedInSummary(t *testing.T) {
	r := example(t)
	var e *model.Entry
	for _, tr := range r.Tasks {
		for _, ue := range tr.Entries {
			if ue.Entry.Role == model.Lead && len(tr.Entries) < 3 {
				e = ue.Entry
			}
		}
	}
	long := strings.Repeat("Kết quả rất dài của đơn vị về nhiệm vụ này. ", 60)
	e.Result.Value = "Đoạn đầu ngắn.\n" + long + "\nĐoạn cuối KETTHUC."
	count := func(d *document.Document) (body int, appendix bool) {
		for _, b := range d.Body {
			var text string
			switch b := b.(type) {
			case document.Paragraph:
				text = b.Text
			case document.ListItem:
				text = b.Text
			}
			body += strings.Count(text, "Kết quả rất dài")
			if strings.Contains(text, "KETTHUC") {
				body += 1000
			}
		}
		for _, row := range d.Appendices[0].Table.Rows {
			for _, c := range row.Cells {
				for _, p := range c {
					appendix = appendix || strings.Contains(p, "KETTHUC")
				}
			}
		}
		return body, appendix
	}
	d := build(t, r, report.Options{})
	n, inAppendix := count(d)
	if n == 0 || n > 20 || !inAppendix {
		t.Errorf("summary quotes %d sentences of 60 (or the end); whole in Phụ lục I: %v", n, inAppendix)
	}
	found := false
	for _, b := range d.Body {
		if p, ok := b.(document.Paragraph); ok && strings.HasSuffix(p.Text, "… (Chi tiết tại Phụ lục I.)") {
			found = true
		}
	}
	if !found {
		t.Error("the shortened result does not point to Phụ lục I")
	}
	if n, _ := count(build(t, r, report.Options{Detailed: true})); n < 1060 {
		t.Errorf("the detailed body quotes %d of 60 sentences and the end", n)
	}
}

// A plan that implements no other document is named alone.
func TestIntroWithoutImplements(t *testing.T) {
	r := example(t)
	r.Catalogue.Plan.Implements = nil
	d := build(t, r, report.Options{})
	p, ok := d.Body[0].(document.Paragraph)
	if !ok || !strings.HasPrefix(p.Text, "Thực hiện Kế hoạch số /KH-UBND tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum (sau đây gọi là Kế hoạch)") {
		t.Errorf("intro %q", p.Text)
	}
}
