package xlsxread_test

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/xlsxread"
)

func parts(t *testing.T, path string) (map[string][]byte, bool) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, false
	}
	defer zr.Close()
	out := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		total += int64(f.UncompressedSize64)
		if total > 100<<20 {
			return nil, false
		}
		rc, err := f.Open()
		if err != nil {
			return nil, false
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, false
		}
		out[f.Name] = b
	}
	return out, true
}

func trim(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		if len(r) > 0 {
			out[i] = r
		}
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

// The reader gives what excelize gives, on every workbook the project has:
// the real-client fixtures, the hostile corpus, the example, fresh
// templates.
func TestSameAsExcelize(t *testing.T) {
	var files []string
	for _, g := range []string{"../intake/testdata/clients/*.xlsx", "../intake/testdata/corpus/*", "../../examples/kontum-2024/submissions/*.xlsx",
		"../xltemplate/testdata/libreoffice/*.xlsx"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	// Where excelize is wrong, the files are left out: it reads shared
	// strings with a DOCTYPE as empty (intake refuses such a file before
	// reading it), and it shifts the cells after one written out of order
	// instead of following their references as Excel does.
	excelizeWrong := map[string]bool{"06-xml-entity-expansion.xlsx": true, "11-formula-with-cached-value.xlsx": true}
	compared := 0
	for _, path := range files {
		if excelizeWrong[filepath.Base(path)] {
			continue
		}
		ps, ok := parts(t, path)
		if !ok {
			continue
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			continue
		}
		b := xlsxread.Open(ps)
		if got, want := b.SheetNames(), x.GetSheetList(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sheets %q, excelize %q", path, got, want)
			x.Close()
			continue
		}
		for _, s := range b.Sheets {
			vis, _ := x.GetSheetVisible(s.Name)
			if s.Hidden == vis {
				t.Errorf("%s %s: hidden %v, excelize visible %v", path, s.Name, s.Hidden, vis)
			}
			want, err := x.GetRows(s.Name, excelize.Options{RawCellValue: true})
			if err != nil {
				continue
			}
			if got := trim(b.Rows(s)); !reflect.DeepEqual(got, trim(want)) {
				for r := 0; r < max(len(got), len(want)); r++ {
					var g, w []string
					if r < len(got) {
						g = got[r]
					}
					if r < len(trim(want)) {
						w = trim(want)[r]
					}
					if !reflect.DeepEqual(g, w) {
						t.Errorf("%s %s row %d:\n got %q\nwant %q", path, s.Name, r+1, g, w)
						break
					}
				}
				continue
			}
			var merges []string
			if ms, err := x.GetMergeCells(s.Name, true); err == nil {
				for _, m := range ms {
					merges = append(merges, m.GetStartAxis()+":"+m.GetEndAxis())
				}
			}
			if got := b.Merges(s); !reflect.DeepEqual(got, merges) {
				t.Errorf("%s %s: merges %q, excelize %q", path, s.Name, got, merges)
			}
			it, _ := x.Rows(s.Name)
			for r := 1; it.Next(); r++ {
				if it.GetRowOpts().Hidden != b.HiddenRow(s, r) {
					t.Errorf("%s %s row %d: hidden %v", path, s.Name, r, b.HiddenRow(s, r))
				}
			}
			it.Close()
		}
		props, _ := x.GetCustomProps()
		for _, p := range props {
			if got := b.Custom[p.Name]; got != fmt.Sprint(p.Value) {
				t.Errorf("%s: custom %s = %q, excelize %q", path, p.Name, got, fmt.Sprint(p.Value))
			}
		}
		x.Close()
		compared++
	}
	if compared < 55 {
		t.Errorf("only %d workbooks compared", compared)
	}
	t.Logf("%d workbooks read alike", compared)
}

func TestFormulasAndText(t *testing.T) {
	ps, ok := parts(t, "../intake/testdata/corpus/12-formula-without-value.xlsx")
	if !ok {
		t.Fatal("fixture")
	}
	b := xlsxread.Open(ps)
	s := b.Sheet("Nhiệm vụ")
	if f := b.Formula(s, 7, 9); f != `CONCATENATE("Kết ","quả")` {
		t.Errorf("formula %q", f)
	}
	if !b.IsText(s, 4, 7) || !b.IsText(s, 5, 4) {
		t.Error("text cells not taken for text")
	}
	if ind := b.Sheet("Chỉ tiêu"); b.IsText(ind, 4, 5) || b.Rows(ind)[3][4] != "1250.5" {
		t.Errorf("number cell: text %v, value %q", b.IsText(ind, 4, 5), b.Rows(ind)[3][4])
	}
}

// A cell written out of order stands at its reference.
func TestOutOfOrderCells(t *testing.T) {
	ps, ok := parts(t, "../intake/testdata/corpus/11-formula-with-cached-value.xlsx")
	if !ok {
		t.Fatal("fixture")
	}
	b := xlsxread.Open(ps)
	row := b.Rows(b.Sheet("Nhiệm vụ"))[4]
	if len(row) != 13 || row[9] != "Công văn số 5/SYT" || row[12] != "thêm" || b.Formula(b.Sheet("Nhiệm vụ"), 5, 13) != `"thêm"` {
		t.Errorf("row 5: %q", row[8:])
	}
}

// References beyond Excel's limits are ignored, not followed: following
// them would allocate without bound.
func TestReferencesBeyondExcel(t *testing.T) {
	b := xlsxread.Open(map[string][]byte{
		"xl/workbook.xml":            []byte(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml": []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFE1"><v>1</v></c></row>` +
			`<row r="2000000000"><c r="A2000000000"><v>2</v></c></row></sheetData></worksheet>`),
	})
	rows := b.Rows(b.Sheet("S"))
	if len(rows) != 1 || len(rows[0]) != 1 || rows[0][0] != "a" {
		t.Errorf("rows %q", rows)
	}
}
