package xlsx_test

import (
	"os"
	"reflect"
	"testing"

	"baocao/internal/xlsx"
	"baocao/internal/xlsx/xlsxtest"
)

// Every legitimate way of storing a workbook reads the same: package
// xlsxtest rewrites real workbooks with each shape other writers and
// ECMA-376/OPC allow (prefixes, Strict, renamed parts, relative and
// absolute targets, inline and rich text, CDATA, comments, references,
// UTF-16, the 1904 system, ISO dates, no references, zip variations) and
// their combinations. Date cells compare by their date, which the date
// shapes store differently.
func TestShapes(t *testing.T) {
	bases := []string{
		"../intake/testdata/clients/libreoffice-SYT.xlsx",
		"../../examples/kontum-2024/submissions/SYT_Sở YT.xlsx",
		"testdata/openpyxl/types.xlsx",
	}
	variants := xlsxtest.Variants()
	if len(variants) < 50 {
		t.Fatalf("%d variants", len(variants))
	}
	if testing.Short() {
		variants = variants[:len(xlsxtest.Shapes())] // the single shapes come first
	}
	for _, path := range bases {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base := mustOpen(t, data)
		dates := map[[2]string]bool{}
		refs, err := xlsxtest.DateCells(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			dates[[2]string{r.Sheet, r.Cell}] = true
		}
		n := 0
		for _, v := range variants {
			shaped, err := xlsxtest.ApplyVariant(data, v)
			if err != nil {
				continue // a shape that does not apply to this workbook (date1904 before 1904)
			}
			n++
			b, err := xlsx.OpenBytes(shaped, xlsx.DefaultLimits)
			if err != nil {
				t.Errorf("%s, %s: %v", path, v.Name, err)
				continue
			}
			if msg := sameBook(base, b, dates); msg != "" {
				t.Errorf("%s, %s: %s", path, v.Name, msg)
			}
		}
		if n < len(variants)/2 {
			t.Errorf("%s: only %d of %d variants apply", path, n, len(variants))
		}
	}
}

// sameBook says how b differs from want, "" when it does not.
func sameBook(want, b *xlsx.Book, dates map[[2]string]bool) string {
	if len(b.Sheets) != len(want.Sheets) {
		return "sheets differ"
	}
	if !reflect.DeepEqual(b.Custom, want.Custom) {
		return "custom properties differ"
	}
	if b.Macros != want.Macros || b.ExternalLinks != want.ExternalLinks {
		return "macros or external links differ"
	}
	for i, ws := range want.Sheets {
		s := b.Sheets[i]
		if s.Name != ws.Name || s.Hidden != ws.Hidden || !reflect.DeepEqual(s.Merges(), ws.Merges()) {
			return "sheet " + ws.Name + " differs: name, visibility or merges"
		}
		if s.MaxRow() != ws.MaxRow() || s.MaxCol() != ws.MaxCol() {
			return "sheet " + ws.Name + ": extent differs"
		}
		for r := 1; r <= ws.MaxRow(); r++ {
			if s.HiddenRow(r) != ws.HiddenRow(r) {
				return "sheet " + ws.Name + ": hidden rows differ"
			}
		}
	}
	gotCells, wantCells := b.Inventory(), want.Inventory()
	if len(gotCells) != len(wantCells) {
		return "number of cells differs"
	}
	for i, w := range wantCells {
		g := gotCells[i]
		ref := xlsx.CellName(w.Col, w.Row)
		if g.Sheet != w.Sheet || g.Row != w.Row || g.Col != w.Col {
			return "cell " + w.Sheet + "!" + ref + " missing"
		}
		if dates[[2]string{w.Sheet, ref}] {
			wt, ok1 := w.Cell.Time(want.Date1904)
			gt, ok2 := g.Cell.Time(b.Date1904)
			if ok1 != ok2 || !wt.Equal(gt) || g.Cell.Formula != w.Cell.Formula {
				return "date " + w.Sheet + "!" + ref + ": " + gt.String() + ", want " + wt.String()
			}
			continue
		}
		if g.Cell != w.Cell {
			return "cell " + w.Sheet + "!" + ref + ": " + g.Cell.Type.String() + " " + g.Cell.Value + ", want " + w.Cell.Type.String() + " " + w.Cell.Value
		}
	}
	return ""
}
