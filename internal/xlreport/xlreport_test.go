package xlreport_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/consolidate"
	"baocao/internal/sample"
	"baocao/internal/xlreport"
	"baocao/internal/xlsx"
)

func consolidation(t testing.TB, n int) *consolidate.Report {
	t.Helper()
	_, c, reports, err := sample.SyntheticSet(examples.KontumCatalogue, n, 1)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := sample.Submissions(c, reports, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return consolidate.Build(c, subs, time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC))
}

// The streamed workbook is the same bytes every time (excelize writes
// streamed sheets in map order; the archive is put in a fixed order), its
// parts start with [Content_Types].xml, and each sheet's column widths
// come in column order, as Excel requires.
func TestWorkbookOrder(t *testing.T) {
	cons := consolidation(t, 40)
	var first []byte
	for range 3 {
		var buf bytes.Buffer
		if err := xlreport.Write(&buf, cons, nil); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatal("two writes of one consolidation differ")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s", zr.File[0].Name)
	}
	col := regexp.MustCompile(`<col min="(\d+)"`)
	sheets := 0
	for i, zf := range zr.File {
		if i > 1 && zr.File[i-1].Name > zf.Name {
			t.Errorf("parts out of order: %s before %s", zr.File[i-1].Name, zf.Name)
		}
		if !regexp.MustCompile(`^xl/worksheets/sheet\d+\.xml$`).MatchString(zf.Name) {
			continue
		}
		sheets++
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		prev := 0
		for _, m := range col.FindAllSubmatch(data, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n != prev+1 {
				t.Errorf("%s: column %d after %d", zf.Name, n, prev)
			}
			prev = n
		}
		if prev < 5 {
			t.Errorf("%s: widths for %d columns", zf.Name, prev)
		}
	}
	if sheets != 5 {
		t.Errorf("%d sheets", sheets)
	}
}

// Task numbers are stored as numbers, so that a filter sorts 1, 2, … 10
// and not 1, 10, 11, 2; every sheet prints on A4 landscape, as wide as
// the page and as long as it needs (not squeezed onto one page), its
// header row on every page, its text wrapped.
func TestWorkbookNumbersAndPrinting(t *testing.T) {
	cons := consolidation(t, 5)
	var buf bytes.Buffer
	if err := xlreport.Write(&buf, cons, nil); err != nil {
		t.Fatal(err)
	}
	book, err := xlsx.OpenBytes(buf.Bytes(), xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []struct {
		name string
		col  int
	}{{xlreport.SheetTasks, 3}, {xlreport.SheetEntries, 1}} {
		sh := book.Sheet(sheet.name)
		if sh == nil {
			t.Fatalf("no sheet %s", sheet.name)
		}
		if h := sh.Peek(1, sheet.col); h.Value != "Nhiệm vụ số" {
			t.Fatalf("%s: column %d is %q", sheet.name, sheet.col, h.Value)
		}
		n := 0
		for row := 2; row <= sh.MaxRow(); row++ {
			c := sh.Peek(row, sheet.col)
			if c.Type != xlsx.Number {
				t.Errorf("%s!%s: task number %q stored as %s", sheet.name, xlsx.CellName(row, sheet.col), c.Value, c.Type)
			}
			n++
		}
		if n < 15 {
			t.Errorf("%s: %d rows", sheet.name, n)
		}
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	setup := regexp.MustCompile(`<pageSetup [^>]*>`)
	sheets := 0
	for _, zf := range zr.File {
		if !regexp.MustCompile(`^xl/worksheets/sheet\d+\.xml$`).MatchString(zf.Name) {
			continue
		}
		sheets++
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		ps := string(setup.Find(data))
		for _, want := range []string{`fitToHeight="0"`, `fitToWidth="1"`, `orientation="landscape"`, `paperSize="9"`} {
			if !bytes.Contains([]byte(ps), []byte(want)) {
				t.Errorf("%s: page setup %s lacks %s", zf.Name, ps, want)
			}
		}
		if !bytes.Contains(data, []byte(`<pageSetUpPr fitToPage="true"`)) {
			t.Errorf("%s: not fitted to the page's width", zf.Name)
		}
	}
	if sheets != 5 {
		t.Errorf("%d sheets", sheets)
	}
	wb := ""
	for _, zf := range zr.File {
		if zf.Name == "xl/workbook.xml" || zf.Name == "xl/styles.xml" {
			rc, _ := zf.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			wb += string(data)
		}
	}
	if c := bytes.Count([]byte(wb), []byte(`_xlnm.Print_Titles`)); c != 5 {
		t.Errorf("%d sheets print their header row on every page", c)
	}
	if !bytes.Contains([]byte(wb), []byte(`wrapText="1"`)) && !bytes.Contains([]byte(wb), []byte(`wrapText="true"`)) {
		t.Error("no wrapped text style")
	}
}
