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
