package planimport_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/planimport"
)

func base(t *testing.T) *model.Catalogue {
	t.Helper()
	c, probs := catalogue.Parse("example", examples.KontumCatalogue)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return c
}

// fixtures are the seed plan's Phụ lục as other programs write it
// (testdata/make-fixtures.py): python-docx and openpyxl, and LibreOffice's
// re-saved copies.
var fixtures = []string{"phu-luc-python-docx.docx", "phu-luc-libreoffice.docx", "phu-luc-openpyxl.xlsx", "phu-luc-libreoffice.xlsx"}

// The seed's appendix, imported against the example catalogue, gives back
// its 15 tasks: section, content, lead and coordinating units (codes and
// wording), timeframe; its six sections with their titles; and a draft
// that validates.
func TestSeedAppendixGivesTheExample(t *testing.T) {
	want := base(t)
	for _, f := range fixtures {
		t.Run(f, func(t *testing.T) {
			r, err := planimport.Import("testdata/"+f, planimport.Options{Base: base(t)})
			if err != nil {
				t.Fatal(err)
			}
			got := r.Catalogue
			if r.Unmatched != 0 {
				t.Errorf("%d names unmatched: %q", r.Unmatched, r.Review)
			}
			if len(got.Sections) != len(want.Sections) {
				t.Fatalf("%d sections, want %d", len(got.Sections), len(want.Sections))
			}
			for i, s := range want.Sections {
				if g := got.Sections[i]; g.Number != s.Number || g.Title != s.Title {
					t.Errorf("section %d: %q %q, want %q %q", i, g.Number, g.Title, s.Number, s.Title)
				}
			}
			if len(got.Tasks) != len(want.Tasks) {
				t.Fatalf("%d tasks, want %d", len(got.Tasks), len(want.Tasks))
			}
			for i, w := range want.Tasks {
				g := got.Tasks[i]
				if g.Number != w.Number || g.Section != w.Section {
					t.Errorf("task %d: number %q section %q, want %q %q", i, g.Number, g.Section, w.Number, w.Section)
				}
				if g.Content != w.Content {
					t.Errorf("task %s: content\n got %q\nwant %q", w.Number, g.Content, w.Content)
				}
				if !reflect.DeepEqual(g.Lead, w.Lead) || !reflect.DeepEqual(g.Coordinators, w.Coordinators) {
					t.Errorf("task %s: lead %v coordinators %v, want %v %v", w.Number, g.Lead, g.Coordinators, w.Lead, w.Coordinators)
				}
				if g.LeadText != w.LeadText || g.CoordinatorsText != w.CoordinatorsText {
					t.Errorf("task %s: wording %q / %q, want %q / %q", w.Number, g.LeadText, g.CoordinatorsText, w.LeadText, w.CoordinatorsText)
				}
				if g.Timeframe.Kind != w.Timeframe.Kind || !g.Timeframe.Due.Equal(w.Timeframe.Due) || g.Timeframe.Text != w.Timeframe.Text {
					t.Errorf("task %s: timeframe %+v, want %+v", w.Number, g.Timeframe, w.Timeframe)
				}
				if g.Title == "" || len([]rune(g.Title)) > 100 {
					t.Errorf("task %s: title %q", w.Number, g.Title)
				}
			}
			// The draft validates, and says what to review.
			var b bytes.Buffer
			if err := catalogue.Write(&b, got, r.Notes); err != nil {
				t.Fatal(err)
			}
			back, probs := catalogue.Parse("draft", b.Bytes())
			if probs.HasErrors() {
				t.Fatalf("the draft does not validate: %v", probs)
			}
			if len(back.Tasks) != 15 || !strings.Contains(b.String(), "# KIỂM TRA: thời hạn “Trong năm 2024 và khi có hướng dẫn mới của Trung ương” đọc là ngày 14/12/2024") {
				t.Errorf("the draft:\n%s", b.String())
			}
			if !strings.Contains(strings.Join(r.Review, "\n"), "GIỮ CHỖ: [plan]") {
				t.Errorf("review %q", r.Review)
			}
		})
	}
}
