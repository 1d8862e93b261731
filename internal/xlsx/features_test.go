package xlsx_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/xlsx"
)

// Rich text runs are joined, phonetic runs left out, xml:space ignored.
func TestRichText(t *testing.T) {
	sst := `<si><r><rPr><b/><sz val="11"/></rPr><t>Sở </t></r><r><rPr><i/></rPr><t xml:space="preserve">Y tế </t></r><r><t>tỉnh</t></r></si>` +
		`<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><r><t>a</t></r><rPh sb="0" eb="1"><t>x</t></rPh><r><t>b</t></r></si>`
	b := mustOpen(t, excelBook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>`+
		`<c r="D1" t="inlineStr"><is><r><t>nội </t></r><r><rPr><b/></rPr><t>tuyến</t></r><rPh><t>z</t></rPh></is></c></row>`, sst, ""))
	checkCells(t, b, []want{
		{"S", "A1", xlsx.Text, "Sở Y tế tỉnh", "", ""},
		{"S", "B1", xlsx.Text, "東京", "", ""},
		{"S", "C1", xlsx.Text, "ab", "", ""},
		{"S", "D1", xlsx.Text, "nội tuyến", "", ""},
	})
}

// Rows and cells without references follow the one before; references
// out of order are followed; references beyond Excel's limits are left
// out without allocating for them.
func TestPositions(t *testing.T) {
	b := mustOpen(t, excelBook(t,
		`<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>`+ // row 1: A B E F
			`<row><c r="C2"><v>3</v></c><c r="A2"><v>1</v></c><c><v>2</v></c></row>`+ // row 2: C, A, then B
			`<row r="5"><c r="B5"><v>10</v></c></row>`+
			`<row r="4" hidden="true"><c r="A4"><v>9</v></c></row>`+ // out of order
			`<row><c r="A5"><v>11</v></c><c r="B5"><v>12</v></c></row>`+ // row 5 again, after row 4: B5 rewritten
			`<row r="7"><c r="XFD7"><v>1</v></c><c r="XFE7"><v>2</v></c><c r="AAAA7"><v>3</v></c><c><v>4</v></c></row>`+
			`<row r="1048576"><c r="A1048576"><v>1</v></c></row>`+
			`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`+
			`<row><c r="A1048578"><v>1</v></c></row>`+
			`<row r="99999999999999999999"><c><v>1</v></c></row>`,
		`<si><t>x</t></si>`, ""))
	s := b.Sheet("S")
	var got []string
	for _, c := range b.Inventory() {
		got = append(got, xlsx.CellName(c.Col, c.Row)+"="+c.Cell.Value)
	}
	want := "A1=1 B1=2 E1=5 F1=6 A2=1 B2=2 C2=3 A4=9 A5=11 B5=12 XFD7=1 A1048576=1"
	if strings.Join(got, " ") != want {
		t.Errorf("cells\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if !s.HiddenRow(4) || s.HiddenRow(5) || s.MaxRow() != 1048576 || s.MaxCol() != 16384 {
		t.Errorf("hidden 4 %v, MaxRow %d, MaxCol %d", s.HiddenRow(4), s.MaxRow(), s.MaxCol())
	}
}

// Hidden rows, hidden and very hidden sheets, merged ranges.
func TestSheetStructure(t *testing.T) {
	data := zipOf(t,
		"_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" state="hidden" r:id="rId2"/><sheet name="C" sheetId="3" state="veryHidden" r:id="rId3"/><sheet name="D" sheetId="4" state="visible" r:id="rId4"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relSheet+`" Target="worksheets/a.xml"/><Relationship Id="rId2" Type="`+relSheet+`" Target="worksheets/b.xml"/><Relationship Id="rId3" Type="`+relSheet+`" Target="worksheets/c.xml"/><Relationship Id="rId4" Type="`+nsRel+`/chartsheet" Target="chartsheets/d.xml"/></Relationships>`,
		"xl/worksheets/a.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="2" hidden="1"/><row r="3" hidden="true"><c r="A3"><v>1</v></c></row><row r="4" hidden="0"/><row r="5" hidden="false"/></sheetData><mergeCells count="4"><mergeCell ref="A1:L1"/><mergeCell ref="B2"/><mergeCell ref="C5:A4"/><mergeCell ref="A1:XFE1"/><mergeCell ref="bad"/></mergeCells></worksheet>`,
		"xl/worksheets/b.xml", `<worksheet xmlns="`+nsMain+`"/>`,
		"xl/worksheets/c.xml", `<worksheet xmlns="`+nsMain+`"/>`,
		"xl/chartsheets/d.xml", `<chartsheet xmlns="`+nsMain+`"><sheetPr/><drawing r:id="rId1" xmlns:r="`+nsRel+`"/></chartsheet>`,
	)
	b := mustOpen(t, data)
	var hidden []bool
	for _, s := range b.Sheets {
		hidden = append(hidden, s.Hidden)
	}
	if !reflect.DeepEqual(hidden, []bool{false, true, true, false}) {
		t.Errorf("hidden %v", hidden)
	}
	s := b.Sheet("A")
	var rows []int
	for r := 1; r <= 6; r++ {
		if s.HiddenRow(r) {
			rows = append(rows, r)
		}
	}
	if !reflect.DeepEqual(rows, []int{2, 3}) {
		t.Errorf("hidden rows %v", rows)
	}
	var merges []string
	for _, m := range s.Merges() {
		merges = append(merges, m.String())
	}
	if strings.Join(merges, " ") != "A1:L1 B2 A4:C5" {
		t.Errorf("merges %v", merges)
	}
	if b.Sheet("D").MaxRow() != 0 || b.Sheet("nope") != nil {
		t.Error("chart sheet or missing sheet")
	}
}

// Formulas: the text without "=", with a value or without; a shared
// formula's cells get the master's formula moved to them, as excelize
// (and Excel) compute it.
func TestFormulas(t *testing.T) {
	sheet := `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:E3" si="0">A1+$B$1*B1+SUM($A1:A$1)+Sheet2!A1+'Trang tính'!B1+COUNTIF(A:B,"A1")+LOG10(A1)+ROW(1:1)</f><v>7</v></c>` +
		`<c r="D1"><f t="shared" si="0"/><v>8</v></c><c r="E1"><f t="shared" si="0"/></c></row>` +
		`<row r="2"><c r="C2"><f t="shared" si="0"/><v>9</v></c><c r="D2"><f t="shared" si="0"/><v>9</v></c></row>` +
		`<row r="3"><c r="C3"><f t="shared" si="0"/><v>9</v></c><c r="F3"><f t="shared" si="7"/><v>1</v></c>` +
		`<c r="G3"><f t="array" ref="G3:G4">A1:A2*2</f><v>2</v></c><c r="H3"><f t="shared" ref="H3:H4" si="1">A1-#REF!+"x""y"&amp;Table1[[#This Row],[Cột]]</f><v>0</v></c></row>` +
		`<row r="4"><c r="G4"><v>4</v></c><c r="H4"><f t="shared" si="1"/><v>0</v></c></row>` +
		`<row r="6"><c r="A6"><f t="shared" ref="A6:C7" si="2">A1+$B$1*B1+SUM($A1:A$1)+COUNTIF(A:B,"A1")+LOG10(A1)-$C2</f><v>1</v></c><c r="B6"><f t="shared" si="2"/><v>1</v></c></row>` +
		`<row r="7"><c r="C7"><f t="shared" si="2"/><v>1</v></c></row>`
	data := excelBook(t, sheet, `<si><t>x</t></si>`, "")
	b := mustOpen(t, data)
	checkCells(t, b, []want{
		{"S", "C1", xlsx.Number, "7", `A1+$B$1*B1+SUM($A1:A$1)+Sheet2!A1+'Trang tính'!B1+COUNTIF(A:B,"A1")+LOG10(A1)+ROW(1:1)`, ""},
		{"S", "D1", xlsx.Number, "8", `B1+$B$1*C1+SUM($A1:B$1)+Sheet2!B1+'Trang tính'!C1+COUNTIF(B:C,"A1")+LOG10(B1)+ROW(1:1)`, ""},
		{"S", "E1", xlsx.Empty, "", `C1+$B$1*D1+SUM($A1:C$1)+Sheet2!C1+'Trang tính'!D1+COUNTIF(C:D,"A1")+LOG10(C1)+ROW(1:1)`, ""},
		{"S", "C2", xlsx.Number, "9", `A2+$B$1*B2+SUM($A2:A$1)+Sheet2!A2+'Trang tính'!B2+COUNTIF(A:B,"A1")+LOG10(A2)+ROW(2:2)`, ""},
		{"S", "F3", xlsx.Number, "1", "…", ""},
		{"S", "G3", xlsx.Number, "2", "A1:A2*2", ""},
		{"S", "G4", xlsx.Number, "4", "", ""},
		{"S", "H4", xlsx.Number, "0", `A2-#REF!+"x""y"&Table1[[#This Row],[Cột]]`, ""},
	})
	// excelize moves the master's references the same way (but for
	// references to other sheets, which it neither moves nor keeps
	// quoted, and whole-row ranges).
	x, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	s := b.Sheet("S")
	for _, ref := range []string{"B6", "C7"} {
		wf, _ := x.GetCellFormula("S", ref)
		col, row, _ := xlsx.ParseCellName(ref)
		if got := s.Peek(row, col).Formula; got != wf {
			t.Errorf("%s: %q, excelize %q", ref, got, wf)
		}
	}
	// Moved off the sheet: #REF!, as Excel shows it.
	b = mustOpen(t, excelBook(t, `<row r="2"><c r="B2"><f t="shared" ref="A2:B3" si="0">A1+XFD1</f><v>1</v></c><c r="A2"><f t="shared" si="0"/><v>1</v></c><c r="C2"><f t="shared" si="0"/><v>1</v></c></row>`, `<si><t>x</t></si>`, ""))
	checkCells(t, b, []want{
		{"S", "A2", xlsx.Number, "1", "#REF!+XFC1", ""},
		{"S", "C2", xlsx.Number, "1", "B1+#REF!", ""},
	})
}

// Custom properties: the value whatever its type.
func TestCustomProperties(t *testing.T) {
	data := zipOf(t,
		"_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="`+relCustom+`" Target="docProps/custom.xml"/></Relationships>`,
		"xl/workbook.xml", `<workbook xmlns="`+nsMain+`"/>`,
		"docProps/custom.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="chuỗi"><vt:lpwstr>Sở Y tế &amp; xã hội</vt:lpwstr></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="số"><vt:i4>42</vt:i4></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="đúng"><vt:bool>true</vt:bool></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="ngày"><vt:filetime>2024-11-20T00:00:00Z</vt:filetime></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="6" name="thực"><vt:r8>1.5</vt:r8></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="7" name="rỗng"><vt:lpwstr/></property>
 <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="8" name="cdata"><vt:lpwstr><![CDATA[<a>]]></vt:lpwstr></property>
</Properties>`)
	b := mustOpen(t, data)
	want := map[string]string{"chuỗi": "Sở Y tế & xã hội", "số": "42", "đúng": "true", "ngày": "2024-11-20T00:00:00Z", "thực": "1.5", "rỗng": "", "cdata": "<a>"}
	if !reflect.DeepEqual(b.Custom, want) {
		t.Errorf("custom %v", b.Custom)
	}
}

// Read, Mark and Peek: what the inventory records.
func TestUses(t *testing.T) {
	b := mustOpen(t, excelBook(t, `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>`, `<si><t>x</t></si>`, ""))
	s := b.Sheet("S")
	if c := s.Read(1, 1, xlsx.AsValue); c.Value != "1" {
		t.Errorf("Read %+v", c)
	}
	s.Read(1, 1, xlsx.AsForm) // lower: AsValue stays
	s.Read(1, 2, xlsx.AsForm)
	s.Read(1, 2, xlsx.AsProblem)
	s.Mark(1, 3, xlsx.AsForm)
	s.Peek(1, 4)
	s.Mark(9, 9, xlsx.AsProblem) // empty: nothing to record
	if c := s.Read(9, 9, xlsx.AsValue); c != (xlsx.Cell{}) {
		t.Errorf("empty cell %+v", c)
	}
	var uses []xlsx.Use
	for _, c := range b.Inventory() {
		uses = append(uses, c.Use)
		if c.Sheet != "S" {
			t.Errorf("sheet %q", c.Sheet)
		}
	}
	if !reflect.DeepEqual(uses, []xlsx.Use{xlsx.AsValue, xlsx.AsProblem, xlsx.AsForm, xlsx.Unread}) {
		t.Errorf("uses %v", uses)
	}
}

func TestCellNames(t *testing.T) {
	for _, tc := range []struct {
		col, row int
		name     string
	}{{1, 1, "A1"}, {2, 7, "B7"}, {26, 1, "Z1"}, {27, 1, "AA1"}, {52, 3, "AZ3"}, {702, 1, "ZZ1"}, {703, 1, "AAA1"}, {16384, 1048576, "XFD1048576"}} {
		if got := xlsx.CellName(tc.col, tc.row); got != tc.name {
			t.Errorf("CellName(%d, %d) = %q", tc.col, tc.row, got)
		}
		if c, r, ok := xlsx.ParseCellName(tc.name); !ok || c != tc.col || r != tc.row {
			t.Errorf("ParseCellName(%q) = %d %d %v", tc.name, c, r, ok)
		}
	}
	if c, r, ok := xlsx.ParseCellName("$b$7"); !ok || c != 2 || r != 7 {
		t.Error("$b$7")
	}
	for _, bad := range []string{"", "A", "7", "A0", "XFE1", "A1048577", "AAAA1", "A1B", "1A", "A-1", " A1", "A99999999999999999999"} {
		if _, _, ok := xlsx.ParseCellName(bad); ok {
			t.Errorf("ParseCellName(%q) ok", bad)
		}
	}
	if xlsx.CellName(0, 1) != "" || xlsx.CellName(1, 0) != "" {
		t.Error("CellName below 1")
	}
	for in, out := range map[string]string{"A1:L1": "A1:L1", "B2": "B2", "C5:A4": "A4:C5", "B2:B2": "B2"} {
		r, ok := xlsx.ParseRange(in)
		if !ok || r.String() != out {
			t.Errorf("ParseRange(%q) = %v %v", in, r, ok)
		}
	}
	if r, _ := xlsx.ParseRange("A1:L1"); r != (xlsx.Range{FromRow: 1, FromCol: 1, ToRow: 1, ToCol: 12}) {
		t.Errorf("range %+v", r)
	}
	for _, bad := range []string{"", ":", "A1:", ":B2", "A1:B2:C3", "A1-B2"} {
		if _, ok := xlsx.ParseRange(bad); ok {
			t.Errorf("ParseRange(%q) ok", bad)
		}
	}
}

// Books opened at the same time in several goroutines (the reader's
// buffers are pooled) read as books opened one by one.
func TestConcurrentOpen(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/kontum-2024/submissions/*.xlsx")
	var want [][]xlsx.Filled
	var files [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
		want = append(want, mustOpen(t, data).Inventory())
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range files {
				i := (k + g) % len(files)
				b, err := xlsx.OpenBytes(files[i], xlsx.DefaultLimits)
				if err != nil || !reflect.DeepEqual(b.Inventory(), want[i]) {
					errs <- paths[i]
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for p := range errs {
		t.Errorf("%s read differently when read concurrently", p)
	}
}
