package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// These fuzz targets reach what FuzzRead cannot: a mutated whole file is
// refused by its checksum long before a row is read. Here the values are
// fuzzed inside a sound workbook.

func fuzzCatalogue(tb testing.TB) *model.Catalogue {
	c, probs := catalogue.Parse("kontum", examples.KontumCatalogue)
	if len(probs) > 0 {
		tb.Fatal(probs)
	}
	return c
}

// xmlText escapes text for an XML element, dropping what XML cannot hold.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cellXML writes one cell: typ "s" for inline text, "n" for a number,
// "b" and "e" for a true/false or error value, "f" for a formula's text.
func cellXML(ref, typ, v string) string {
	switch typ {
	case "n", "b", "e":
		return fmt.Sprintf(`<c r="%s" t="%s"><v>%s</v></c>`, ref, typ, xmlText(v))
	case "f": // a formula with its text value
		return fmt.Sprintf(`<c r="%s" t="str"><f>A1&amp;""</f><v>%s</v></c>`, ref, xmlText(v))
	}
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, xmlText(v))
}

// fuzzWorkbook is a Sở Y tế workbook whose task table holds the rows
// given: each row is key, status, done date, result (each "typ:value").
func fuzzWorkbook(rows [][4]string) []byte {
	var tasks strings.Builder
	tasks.WriteString(`<row r="1">`)
	for i, col := range form.TaskColumns {
		tasks.WriteString(cellXML(xlsx.CellName(i+1, 1), "s", col.Label))
	}
	tasks.WriteString(`</row>`)
	for i, r := range rows {
		n := i + 2
		fmt.Fprintf(&tasks, `<row r="%d">`, n)
		for j, col := range []int{2, 7, 8, 9} {
			typ, v, ok := strings.Cut(r[j], ":")
			if !ok {
				typ, v = "s", r[j]
			}
			if v != "" {
				tasks.WriteString(cellXML(xlsx.CellName(col, n), typ, v))
			}
		}
		tasks.WriteString(`</row>`)
	}
	info := `<row r="1">` + cellXML("A1", "s", form.InfoCode) + cellXML("B1", "s", "SYT") + `</row>` +
		`<row r="2">` + cellXML("A2", "s", form.InfoDate) + cellXML("B2", "s", "10/12/2024") + `</row>`
	sheet := func(data string) string {
		return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data + `</sheetData></worksheet>`
	}
	parts := map[string]string{
		"[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			`<sheet name="` + form.SheetInfo + `" sheetId="1" r:id="rId1"/><sheet name="` + form.SheetTasks + `" sheetId="2" r:id="rId2"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheet(info),
		"xl/worksheets/sheet2.xml": sheet(tasks.String()),
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte(parts[name]))
	}
	zw.Close()
	return buf.Bytes()
}

// readBytes reads a workbook held in memory.
func readBytes(c *model.Catalogue, data []byte) (*reading, error) {
	book, err := xlsx.OpenBytes(data, DefaultLimits)
	if err != nil {
		return nil, err
	}
	rd := &reading{r: &Reader{Catalogue: c}, c: c, path: "f.xlsx", book: book, tableSheets: map[*xlsx.Sheet]bool{},
		sub: &model.Submission{File: "f.xlsx"}}
	rd.read()
	return rd, nil
}

// FuzzTable fuzzes the rows of the task table: whatever is typed, nothing
// typed into an input cell is lost — it is in an entry, or a problem names
// its cell or its row — and every problem names where and what to do.
func FuzzTable(f *testing.F) {
	c := fuzzCatalogue(f)
	f.Add("1", "Hoàn thành", "n:45600", "Đã xong", "2", "xong", "31/02/2024", "x")
	f.Add("n:3", "b:1", "e:#N/A", "e:#VALUE!", "99", "Đang thực hiện", "", "kết quả")
	f.Add("1.", "hoan thanh", "2024-11-20", "\x01", "", "", "", "dòng không số")
	f.Add("4", "Chưa thực hiện", "ngày 5 tháng 6 năm 2024", "•\tMột\n•\tHai", "1", "Hoàn thành", "n:1e308", "trùng")
	f.Fuzz(func(t *testing.T, k1, s1, d1, r1, k2, s2, d2, r2 string) {
		data := fuzzWorkbook([][4]string{{k1, s1, d1, r1}, {k2, s2, d2, r2}})
		rd, err := readBytes(c, data)
		if err != nil {
			t.Fatalf("a sound workbook refused: %v", err)
		}
		named := map[string]bool{}
		for _, p := range rd.probs {
			if p.Message == "" || p.Hint == "" {
				t.Errorf("problem without message or hint: %+v", p)
			}
			if p.Severity == problem.Error && !rd.sub.Invalid {
				t.Errorf("an error left the submission valid: %+v", p)
			}
			named[p.Sheet+"!"+p.Cell] = true
		}
		used := map[string]bool{}
		for _, e := range rd.sub.Entries {
			if rd.c.RoleOf("SYT", e.Task) == model.NoRole {
				t.Errorf("task %s is not Sở Y tế's", e.Task.Number)
			}
			if e.Status != "" {
				used[e.StatusRef.Cell] = true
			}
			if !e.DoneDate.IsZero() {
				used[e.DoneRef.Cell] = true
				if e.DoneDate.Before(earliest) || e.DoneDate.After(c.Period.Deadline.AddDate(1, 0, 0)) {
					t.Errorf("date %v taken", e.DoneDate)
				}
			}
			if e.Result.Value != "" {
				used[e.Result.Ref.Cell] = true
			}
		}
		s := rd.book.Sheet(form.SheetTasks)
		for r := 2; r <= 3; r++ {
			key := xlsx.CellName(2, r)
			for _, col := range []int{7, 8, 9} {
				cell := s.Peek(r, col)
				if blank(cell) {
					continue
				}
				if v, _ := clean(cell.Value); v == "" && cell.Type == xlsx.Text {
					continue // nothing visible to lose
				}
				ref := xlsx.CellName(col, r)
				if !used[ref] && !named[form.SheetTasks+"!"+ref] && !named[form.SheetTasks+"!"+key] {
					t.Errorf("%s (%v %q) neither used nor named; problems %v", ref, cell.Type, cell.Value, rd.probs)
				}
			}
		}
	})
}

// FuzzValues fuzzes the parse functions of each kind of cell, of every
// cell type.
func FuzzValues(f *testing.F) {
	c := fuzzCatalogue(f)
	for _, s := range []string{"1.250,5", "3,500", "3.500", "1,250.5", "-4", "15/12/2024", "2024-12-15", "ngày 1 tháng 2 năm 2024", "Hoàn thành", "xong", "0,5", "1e5", "٣"} {
		f.Add(s, uint8(2))
	}
	f.Add("45600", uint8(1))
	f.Add("2024-11-20T00:00:00", uint8(5))
	f.Add("1", uint8(3))
	f.Add("#N/A", uint8(4))
	f.Fuzz(func(t *testing.T, raw string, typ uint8) {
		cell := xlsx.Cell{Type: xlsx.Type(typ % 6), Value: raw}
		if cell.Type == xlsx.Empty {
			cell.Type = xlsx.Text
		}
		rd := &reading{c: c, path: "f.xlsx", book: &xlsx.Book{}, sub: &model.Submission{}}
		if v, ok := rd.number("S", 1, 1, cell, "Giá trị"); ok && (v < 0 || math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("number %q read as %v", raw, v)
		}
		if d, ok := rd.date("S", 1, 1, cell, "Ngày"); ok && (d.Before(earliest) || d.After(c.Period.Deadline.AddDate(1, 0, 0)) || d.Location() != time.UTC) {
			t.Errorf("date %q read as %v", raw, d)
		}
		if st := rd.status("S", 1, 1, cell); st != "" && st != model.Done && st != model.InProgress && st != model.NotStarted {
			t.Errorf("status %q read as %q", raw, st)
		}
		rd.taskNumber(raw)
		rd.text("S", 1, 1, cell)
		for _, p := range rd.probs {
			if p.Cell != "A1" || p.Message == "" || p.Hint == "" {
				t.Errorf("problem %+v", p)
			}
		}
		// A number written back the Vietnamese way reads as itself.
		if v, _, _, ok := parseTextNumber(raw); ok && !math.IsInf(v, 0) && math.Abs(v) < 1e15 {
			if w, _, _, ok := parseTextNumber(vntext.Number(v)); !ok || w != v {
				t.Errorf("%q read as %v; written %q, read back as %v", raw, v, vntext.Number(v), w)
			}
		}
	})
}
