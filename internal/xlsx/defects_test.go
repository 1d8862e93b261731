package xlsx_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/xlsx"
)

// Each test here is one defect of the byte scanner this package replaces
// (internal/xlsxread): workbooks shaped as real writers shape them, which
// it misread.

// want is what a cell must hold.
type want struct {
	sheet, ref string
	typ        xlsx.Type
	value      string
	formula    string
	time       string // "2006-01-02T15:04:05.000" in the book's date system, "" for no check
}

func checkCells(t *testing.T, b *xlsx.Book, ws []want) {
	t.Helper()
	for _, w := range ws {
		s := b.Sheet(w.sheet)
		if s == nil {
			t.Errorf("no sheet %q", w.sheet)
			continue
		}
		col, row, ok := xlsx.ParseCellName(w.ref)
		if !ok {
			t.Fatalf("bad ref %s", w.ref)
		}
		c := s.Peek(row, col)
		if c.Type != w.typ || c.Value != w.value || c.Formula != w.formula {
			t.Errorf("%s!%s = {%v %q %q}, want {%v %q %q}", w.sheet, w.ref, c.Type, c.Value, c.Formula, w.typ, w.value, w.formula)
		}
		if w.time != "" {
			tm, ok := c.Time(b.Date1904)
			if got := tm.Format("2006-01-02T15:04:05.000"); !ok || got != w.time || tm.Location() != time.UTC {
				t.Errorf("%s!%s time %s (%v), want %s", w.sheet, w.ref, got, ok, w.time)
			}
		}
	}
}

// Defect 1: a workbook in the 1904 date system, as Excel for Mac saved
// them, gives dates four years and a day early when read as 1900.
func TestDate1904(t *testing.T) {
	// 2024-11-20 is 45616 in the 1900 system, 44154 in the 1904 one.
	cells := `<row r="1"><c r="A1" s="1"><v>44154</v></c><c r="B1" s="2"><v>44154.75</v></c><c r="C1"><v>0</v></c></row>`
	for _, tc := range []struct {
		attr string
		is   bool
	}{
		{`date1904="1"`, true},
		{`date1904="true"`, true},
		{`date1904="0"`, false},
		{`date1904="false"`, false},
		{``, false},
	} {
		t.Run(tc.attr, func(t *testing.T) {
			b := mustOpen(t, excelBook(t, cells, `<si><t>x</t></si>`, tc.attr))
			if b.Date1904 != tc.is {
				t.Fatalf("Date1904 %v", b.Date1904)
			}
			if tc.is {
				checkCells(t, b, []want{
					{"S", "A1", xlsx.Number, "44154", "", "2024-11-20T00:00:00.000"},
					{"S", "B1", xlsx.Number, "44154.75", "", "2024-11-20T18:00:00.000"},
					{"S", "C1", xlsx.Number, "0", "", "1904-01-01T00:00:00.000"},
				})
			} else {
				checkCells(t, b, []want{{"S", "A1", xlsx.Number, "44154", "", "2020-11-19T00:00:00.000"}})
			}
		})
	}
}

// The 1900 system follows Excel, leap-year bug included, as
// excelize.ExcelDateToTime does.
func TestSerialDates(t *testing.T) {
	for _, v := range []float64{0, 0.5, 1, 1.25, 28, 59, 59.999, 60, 60.5, 61, 61.75, 100, 25569, 36526.5, 43831.999988426, 45616, 45616.354166667, 2958465, 2958465.5} {
		for _, d1904 := range []bool{false, true} {
			want, err := excelize.ExcelDateToTime(v, d1904)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := xlsx.Cell{Type: xlsx.Number, Value: strconv.FormatFloat(v, 'f', -1, 64)}.Time(d1904)
			if d1904 && v > 2957003 {
				if ok {
					t.Errorf("%v (1904): %v, want out of range", v, got)
				}
				continue
			}
			if diff := got.Sub(want); !ok || diff > time.Second || diff < -time.Second {
				t.Errorf("%v (1904 %v): %v %v, excelize %v", v, d1904, got, ok, want)
			}
		}
	}
	for _, bad := range []string{"-1", "2958466", "NaN", "Inf", "1e400", "0x10", "1_000", "", "abc"} {
		if tm, ok := (xlsx.Cell{Type: xlsx.Number, Value: bad}).Time(false); ok {
			t.Errorf("%q: %v, want not a date", bad, tm)
		}
	}
	if _, ok := (xlsx.Cell{Type: xlsx.Text, Value: "45616"}).Time(false); ok {
		t.Error("text read as a date serial")
	}
}

// Defect 2: elements and attributes are known by namespace and local name,
// whatever the prefixes.
func TestNamespaces(t *testing.T) {
	const other = "urn:example:other"
	// .NET Open XML SDK: every SpreadsheetML element prefixed "x:".
	sdk := zipOf(t,
		"_rels/.rels", `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="`+nsPkg+`"><Relationship Type="`+relDoc+`" Target="/xl/workbook.xml" Id="R1a2b"/></Relationships>`,
		"xl/workbook.xml", `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="`+nsRel+`" xmlns:x="`+nsMain+`"><x:sheets><x:sheet name="Dữ liệu" sheetId="1" r:id="R5e1"/><x:sheet name="Ẩn" sheetId="2" state="hidden" r:id="R5e2"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="`+nsPkg+`"><Relationship Type="`+relSheet+`" Target="/xl/worksheets/sheet1.xml" Id="R5e1"/><Relationship Type="`+relSheet+`" Target="/xl/worksheets/sheet2.xml" Id="R5e2"/><Relationship Type="`+relSST+`" Target="/xl/sharedStrings.xml" Id="R9"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>42</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>nội tuyến</x:t></x:is></x:c></x:row><x:row r="2" hidden="1"><x:c r="A2"><x:f>B1*2</x:f><x:v>84</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="D1:E2"/></x:mergeCells></x:worksheet>`,
		"xl/worksheets/sheet2.xml", `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>ẩn</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		"xl/sharedStrings.xml", `<?xml version="1.0" encoding="utf-8"?><x:sst xmlns:x="`+nsMain+`"><x:si><x:t>Sở Y tế</x:t></x:si></x:sst>`,
	)
	t.Run("SDK x: prefix", func(t *testing.T) {
		b := mustOpen(t, sdk)
		checkCells(t, b, []want{
			{"Dữ liệu", "A1", xlsx.Text, "Sở Y tế", "", ""},
			{"Dữ liệu", "B1", xlsx.Number, "42", "", ""},
			{"Dữ liệu", "C1", xlsx.Text, "nội tuyến", "", ""},
			{"Dữ liệu", "A2", xlsx.Number, "84", "B1*2", ""},
			{"Ẩn", "A1", xlsx.Text, "ẩn", "", ""},
		})
		s := b.Sheet("Dữ liệu")
		if !s.HiddenRow(2) || s.HiddenRow(1) || len(s.Merges()) != 1 || s.Merges()[0].String() != "D1:E2" || !b.Sheet("Ẩn").Hidden {
			t.Errorf("hidden row, merges %v, hidden sheet", s.Merges())
		}
	})

	// Shapes of one sheet's XML that mean the same cells.
	rels := func(prefix string) string {
		return `<workbook xmlns="` + nsMain + `" xmlns:` + prefix + `="` + nsRel + `"><sheets><sheet name="S" sheetId="1" ` + prefix + `:id="rId1"/></sheets></workbook>`
	}
	book := func(workbook, sheet string) []byte {
		return zipOf(t,
			"_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/workbook.xml"/></Relationships>`,
			"xl/workbook.xml", workbook,
			"xl/_rels/workbook.xml.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relSheet+`" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="`+relSheet+`" Target="worksheets/decoy.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml", sheet,
			"xl/worksheets/decoy.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1"><v>666</v></c></row></sheetData></worksheet>`,
		)
	}
	plain := `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`
	a1 := []want{{"S", "A1", xlsx.Number, "1", "", ""}}
	for _, tc := range []struct {
		name            string
		workbook, sheet string
		want            []want
	}{
		{"relationships prefix rel:", rels("rel"), plain, a1},
		{"relationships prefix ns1:", rels("ns1"), plain, a1},
		{"r: bound elsewhere, another prefix for relationships",
			`<workbook xmlns="` + nsMain + `" xmlns:r="` + other + `" xmlns:o="` + nsRel + `"><sheets><sheet name="S" sheetId="1" r:id="rId2" o:id="rId1"/></sheets></workbook>`, plain, a1},
		{"default namespace declared on sheetData",
			rels("r"), `<x:worksheet xmlns:x="` + nsMain + `"><sheetData xmlns="` + nsMain + `"><row r="1"><c r="A1"><v>1</v></c></row></sheetData></x:worksheet>`, a1},
		{"default namespace declared on each cell",
			rels("r"), `<s:worksheet xmlns:s="` + nsMain + `"><s:sheetData><s:row r="1"><c xmlns="` + nsMain + `" r="A1"><v>1</v></c></s:row></s:sheetData></s:worksheet>`, a1},
		{"prefix redeclared to another namespace on an inner element: not a cell",
			rels("r"), `<a:worksheet xmlns:a="` + nsMain + `"><a:sheetData><a:row r="1"><a:c r="A1"><a:v>1</a:v></a:c><a:c r="B1" xmlns:a="` + other + `"><a:v>2</a:v></a:c></a:row></a:sheetData></a:worksheet>`,
			[]want{{"S", "A1", xlsx.Number, "1", "", ""}, {"S", "B1", xlsx.Empty, "", "", ""}}},
		{"prefix redeclared to SpreadsheetML on an inner element",
			rels("r"), `<a:worksheet xmlns:a="` + other + `" xmlns:m="` + nsMain + `"><m:sheetData><m:row><a:c><a:v>9</a:v></a:c><m:c xmlns:a="` + nsMain + `"><a:v>1</a:v></m:c></m:row></m:sheetData></a:worksheet>`,
			[]want{{"S", "A1", xlsx.Number, "1", "", ""}}},
		{"default namespace undeclared: not SpreadsheetML",
			rels("r"), `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" xmlns=""><v>2</v></c></row></sheetData></worksheet>`,
			[]want{{"S", "A1", xlsx.Number, "1", "", ""}, {"S", "B1", xlsx.Empty, "", "", ""}}},
		{"elements of other namespaces skipped",
			rels("r"), `<worksheet xmlns="` + nsMain + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><sheetData><row r="1" x14ac:dyDescent="0.25"><x14ac:c r="B1"><v>7</v></x14ac:c><c r="A1"><v>1</v><x14ac:v>8</x14ac:v></c></row><mc:AlternateContent><mc:Choice Requires="x14ac"><row r="2"><c r="A2"><v>5</v></c></row></mc:Choice></mc:AlternateContent></sheetData><extLst><ext uri="{x}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sheetData><row r="3"><c r="A3"><v>3</v></c></row></x14:sheetData></ext></extLst></worksheet>`,
			[]want{{"S", "A1", xlsx.Number, "1", "", ""}, {"S", "B1", xlsx.Empty, "", "", ""}, {"S", "A2", xlsx.Empty, "", "", ""}, {"S", "A3", xlsx.Empty, "", "", ""}}},
		{"attributes of other namespaces skipped",
			rels("r"), `<worksheet xmlns="` + nsMain + `" xmlns:q="` + other + `"><sheetData><row r="1" q:hidden="1"><c r="A1" q:t="s" q:r="C1"><v>1</v></c></row></sheetData></worksheet>`,
			[]want{{"S", "A1", xlsx.Number, "1", "", ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mustOpen(t, book(tc.workbook, tc.sheet))
			checkCells(t, b, tc.want)
			if b.Sheet("S").HiddenRow(1) {
				t.Error("row 1 hidden by an attribute of another namespace")
			}
		})
	}

	// Strict Open XML, as Excel's "Strict Open XML Spreadsheet" saves it.
	t.Run("strict", func(t *testing.T) {
		const srel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
		b := mustOpen(t, zipOf(t,
			"_rels/.rels", xmlDecl+`<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId3" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="`+srel+`/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId4" Type="`+srel+`/customProperties" Target="docProps/custom.xml"/></Relationships>`,
			"xl/workbook.xml", xmlDecl+`<workbook xmlns="`+nsStrictMain+`" xmlns:r="`+nsStrictRel+`" conformance="strict"><workbookPr date1904="1" dateCompatibility="0"/><sheets><sheet name="Trang 1" sheetId="1" r:id="rId1"/><sheet name="Trang 2" sheetId="2" state="veryHidden" r:id="rId2"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels", xmlDecl+`<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId3" Type="`+srel+`/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="`+srel+`/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="`+srel+`/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId5" Type="`+srel+`/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml", xmlDecl+`<worksheet xmlns="`+nsStrictMain+`" xmlns:r="`+nsStrictRel+`"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>44154</v></c><c r="C1" t="b"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:C3"/></mergeCells></worksheet>`,
			"xl/worksheets/sheet2.xml", xmlDecl+`<worksheet xmlns="`+nsStrictMain+`"><sheetData/></worksheet>`,
			"xl/sharedStrings.xml", xmlDecl+`<sst xmlns="`+nsStrictMain+`" count="1" uniqueCount="1"><si><t>Chặt chẽ</t></si></sst>`,
			"docProps/custom.xml", xmlDecl+`<Properties xmlns="http://purl.oclc.org/ooxml/officeDocument/customProperties" xmlns:vt="http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="mã"><vt:lpwstr>SYT</vt:lpwstr></property></Properties>`,
		))
		checkCells(t, b, []want{
			{"Trang 1", "A1", xlsx.Text, "Chặt chẽ", "", ""},
			{"Trang 1", "B1", xlsx.Number, "44154", "", "2024-11-20T00:00:00.000"},
			{"Trang 1", "C1", xlsx.Bool, "TRUE", "", ""},
		})
		if !b.Sheet("Trang 2").Hidden || b.Custom["mã"] != "SYT" || len(b.Sheet("Trang 1").Merges()) != 1 {
			t.Errorf("hidden sheet, custom %v, merges", b.Custom)
		}
	})
}

// Defect 3: parts are found through relationships, named and placed as
// the writer chose, resolved as OPC resolves targets.
func TestRelationships(t *testing.T) {
	const ext = `<Relationship Id="rIdX" Type="` + relSST + `" Target="http://example.com/evil.xml" TargetMode="External"/>`
	b := mustOpen(t, zipOf(t,
		"_rels/.rels", `<Relationships xmlns="`+nsPkg+`">`+ext+`<Relationship Id="a" Type="`+relCustom+`" Target="/meta/thuộc%20tính.xml"/><Relationship Id="b" Type="`+relDoc+`" Target="./spreadsheet/Book.xml"/></Relationships>`,
		"spreadsheet/book.xml", `<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="Một" sheetId="1" r:id="s1"/><sheet name="Hai" sheetId="2" r:id="s2"/><sheet name="Ba" sheetId="3" r:id="s3"/><sheet name="Bốn" sheetId="4" r:id="s4"/></sheets></workbook>`,
		"spreadsheet/_rels/book.xml.rels", `<Relationships xmlns="`+nsPkg+`">`+ext+
			`<Relationship Id="s1" Type="`+relSheet+`" Target="sheets/data.xml"/>`+
			`<Relationship Id="s2" Type="`+relSheet+`" Target="/spreadsheet/sheets/Two.XML"/>`+
			`<Relationship Id="s3" Type="`+relSheet+`" Target="../other/./x/../three.xml"/>`+
			`<Relationship Id="s4" Type="`+relSheet+`" Target="sheets/b%E1%BB%91n%20sheet.xml"/>`+
			`<Relationship Id="t" Type="`+relSST+`" Target="../shared/strings.xml"/></Relationships>`,
		"spreadsheet/sheets/data.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		"spreadsheet/sheets/two.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`,
		`other\three.xml`, `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData></worksheet>`,
		"spreadsheet/sheets/bốn sheet.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1"><v>4</v></c></row></sheetData></worksheet>`,
		"shared/strings.xml", `<sst xmlns="`+nsMain+`"><si><t>một</t></si></sst>`,
		"meta/thuộc tính.xml", `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property name="đơn vị"><vt:lpwstr>SYT</vt:lpwstr></property></Properties>`,
		// Where a reader of fixed names would look: decoys.
		"xl/workbook.xml", `<workbook xmlns="`+nsMain+`"><sheets/></workbook>`,
		"xl/sharedStrings.xml", `<sst xmlns="`+nsMain+`"><si><t>sai</t></si></sst>`,
		"docProps/custom.xml", `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property name="đơn vị"><vt:lpwstr>sai</vt:lpwstr></property></Properties>`,
	))
	if len(b.Sheets) != 4 {
		t.Fatalf("%d sheets", len(b.Sheets))
	}
	checkCells(t, b, []want{
		{"Một", "A1", xlsx.Text, "một", "", ""},
		{"Hai", "A1", xlsx.Number, "2", "", ""},
		{"Ba", "A1", xlsx.Number, "3", "", ""},
		{"Bốn", "A1", xlsx.Number, "4", "", ""},
	})
	if b.Custom["đơn vị"] != "SYT" || len(b.Custom) != 1 {
		t.Errorf("custom %v", b.Custom)
	}

	// Without a package relationship to it, the workbook is where Excel
	// puts it.
	b = mustOpen(t, zipOf(t,
		"xl/workbook.xml", `<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relSheet+`" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<worksheet xmlns="`+nsMain+`"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`))
	checkCells(t, b, []want{{"S", "A1", xlsx.Number, "1", "", ""}})

	// Macros and external links, by relationship or by part.
	b = mustOpen(t, zipOf(t,
		"_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relSheet+`" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="code.bin"/><Relationship Id="rId3" Type="`+nsRel+`/externalLink" Target="links/l1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<worksheet xmlns="`+nsMain+`"/>`))
	if !b.Macros || !b.ExternalLinks {
		t.Errorf("macros %v external links %v", b.Macros, b.ExternalLinks)
	}
}

// Defect 4: t="d" cells hold ISO 8601 dates.
func TestISODates(t *testing.T) {
	b := mustOpen(t, excelBook(t, `<row r="1">`+
		`<c r="A1" t="d"><v>2024-11-20</v></c>`+
		`<c r="B1" t="d"><v>2024-11-20T00:00:00</v></c>`+
		`<c r="C1" t="d"><v>2024-11-20T08:30:15.25</v></c>`+
		`<c r="D1" t="d"><v>2024-11-20T08:30:15Z</v></c>`+
		`<c r="E1" t="d"><v>2024-11-20T08:30:15.5Z</v></c>`+
		`<c r="F1" t="d"><v>2024-11-20T08:30:15+07:00</v></c>`+
		`<c r="G1" t="d"><v>2024-11-20T08:30</v></c>`+
		`<c r="H1" t="d"><v>2024-02-30</v></c>`+
		`<c r="I1" t="d"><v>20/11/2024</v></c>`+
		`</row>`, `<si><t>x</t></si>`, `date1904="1"`))
	checkCells(t, b, []want{
		{"S", "A1", xlsx.Date, "2024-11-20", "", "2024-11-20T00:00:00.000"},
		{"S", "B1", xlsx.Date, "2024-11-20T00:00:00", "", "2024-11-20T00:00:00.000"},
		{"S", "C1", xlsx.Date, "2024-11-20T08:30:15.25", "", "2024-11-20T08:30:15.250"},
		{"S", "D1", xlsx.Date, "2024-11-20T08:30:15Z", "", "2024-11-20T08:30:15.000"},
		{"S", "E1", xlsx.Date, "2024-11-20T08:30:15.5Z", "", "2024-11-20T08:30:15.500"},
		{"S", "F1", xlsx.Date, "2024-11-20T08:30:15+07:00", "", "2024-11-20T08:30:15.000"},
		{"S", "G1", xlsx.Date, "2024-11-20T08:30", "", "2024-11-20T08:30:00.000"},
	})
	s := b.Sheet("S")
	for _, col := range []int{8, 9} {
		if c := s.Peek(1, col); c.Type != xlsx.Date {
			t.Errorf("col %d: %+v", col, c)
		} else if tm, ok := c.Time(false); ok {
			t.Errorf("%q read as %v", c.Value, tm)
		}
	}
	if _, ok := s.Peek(1, 1).Float(); ok {
		t.Error("a date read as a number")
	}
}

// utf16Part encodes text as UTF-16 with a byte order mark.
func utf16Part(s string, bigEndian bool) string {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, r := range s {
		var units []rune
		if r >= 0x10000 {
			r -= 0x10000
			units = []rune{0xD800 + r>>10, 0xDC00 + r&0x3FF}
		} else {
			units = []rune{r}
		}
		for _, u := range units {
			if bigEndian {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
	}
	return string(b)
}

// Defect 5: XML as XML is: CDATA, comments and processing instructions
// anywhere, references, encodings; Excel's _xHHHH_ escapes.
func TestXMLText(t *testing.T) {
	sheet := `<row r="1">` +
		`<!-- <c r="A1"><v>99</v></c> -->` +
		`<c r="A1" t="s"><v>0</v></c>` +
		`<?editor note?>` +
		`<c r="B1" t="s"><!-- index --><v>1</v></c>` +
		`<c r="C1" t="s"><v>2</v></c>` +
		`<c r="D1"><v>1<!-- split -->2<?pi?>3</v></c>` +
		`<c r="E1" t="str"><f>"a"&amp;"b"</f><v><![CDATA[a<b>&amp;]]></v></c>` +
		`<c r="F1" t="s"><v> 3 </v></c>` +
		`<c r="G1" t="s"><v>4</v></c>` +
		`</row>` +
		`<!-- <row r="2"><c r="A2"><v>1</v></c></row> -->`
	sst := `<si><t><![CDATA[Sở Y tế & <Ban>]]></t></si>` +
		`<si><t xml:space="preserve">&#x1EA0;&#7840; &lt;&gt;&amp;&quot;&apos; </t></si>` +
		`<si><t>dòng 1&#13;&#10;dòng 2` + "\r\n" + `dòng 3_x000D__x000A_</t></si>` +
		`<si><t>_x005F_x0041_ và _x0041_ và _x_ và _xD83D__xDE00_ và _x00e9_</t></si>` +
		`<si><t>a<![CDATA[b]]>c<!-- d -->e</t></si>`
	b := mustOpen(t, excelBook(t, sheet, sst, ""))
	checkCells(t, b, []want{
		{"S", "A1", xlsx.Text, "Sở Y tế & <Ban>", "", ""},
		{"S", "B1", xlsx.Text, "ẠẠ <>&\"' ", "", ""},
		{"S", "C1", xlsx.Text, "dòng 1\r\ndòng 2\ndòng 3\r\n", "", ""},
		{"S", "D1", xlsx.Number, "123", "", ""},
		{"S", "E1", xlsx.Text, "a<b>&amp;", `"a"&"b"`, ""},
		{"S", "F1", xlsx.Text, "_x0041_ và A và _x_ và 😀 và é", "", ""},
		{"S", "G1", xlsx.Text, "abce", "", ""},
	})
	if s := b.Sheet("S"); s.MaxRow() != 1 || s.MaxCol() != 7 {
		t.Errorf("a comment read as a cell: MaxRow %d MaxCol %d", s.MaxRow(), s.MaxCol())
	}

	// Parts in UTF-16 (with a byte order mark, either order) and UTF-8
	// with one.
	for _, enc := range []string{"utf-16le", "utf-16be", "utf-8 bom", "latin1"} {
		t.Run(enc, func(t *testing.T) {
			conv := func(s string) string {
				switch enc {
				case "utf-16le":
					return utf16Part(strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), false)
				case "utf-16be":
					return utf16Part(strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), true)
				case "latin1":
					return strings.Replace(s, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)
				}
				return "\xef\xbb\xbf" + s
			}
			text := "Sở Y tế 😀"
			if enc == "latin1" {
				text = "caf\xe9"
			}
			data := excelBook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>`+text+`</t></is></c></row>`, `<si><t>`+text+`</t></si>`, "")
			for _, part := range []string{"xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"} {
				data = edited(t, data, part, func(e *rawEntry) { e.body = []byte(conv(string(e.body))) })
			}
			expect := "Sở Y tế 😀"
			if enc == "latin1" {
				expect = "café"
			}
			checkCells(t, mustOpen(t, data), []want{{"S", "A1", xlsx.Text, expect, "", ""}, {"S", "B1", xlsx.Text, expect, "", ""}})
		})
	}
}

// Defect 6: every cell type of ST_CellType, booleans and errors told apart
// from text and numbers.
func TestCellTypes(t *testing.T) {
	b := mustOpen(t, excelBook(t, `<row r="1">`+
		`<c r="A1" t="b"><v>1</v></c>`+
		`<c r="B1" t="b"><v>0</v></c>`+
		`<c r="C1" t="e"><v>#N/A</v></c>`+
		`<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>`+
		`<c r="E1" t="inlineStr"><is><t>nội tuyến</t></is></c>`+
		`<c r="F1" t="n"><v>1250.5</v></c>`+
		`<c r="G1"><v>1.5E3</v></c>`+
		`<c r="H1" t="s"><v>0</v></c>`+
		`<c r="I1" t="str"><f>"1"</f><v>1</v></c>`+
		`<c r="J1" t="d"><v>2024-11-20</v></c>`+
		`<c r="K1" t="b"><f>TRUE()</f><v>1</v></c>`+
		`<c r="L1" s="3"/>`+
		`<c r="M1" t="s"/>`+
		`<c r="N1" t="inlineStr"><is><t></t></is></c>`+
		`<c r="O1" t="str"><f>""</f><v></v></c>`+
		`<c r="P1"><f>A1+1</f></c>`+
		`<c r="Q1" t="inlineStr"><is><t>  </t></is></c>`+
		`</row>`, `<si><t>1</t></si>`, ""))
	checkCells(t, b, []want{
		{"S", "A1", xlsx.Bool, "TRUE", "", ""},
		{"S", "B1", xlsx.Bool, "FALSE", "", ""},
		{"S", "C1", xlsx.Error, "#N/A", "", ""},
		{"S", "D1", xlsx.Error, "#DIV/0!", "1/0", ""},
		{"S", "E1", xlsx.Text, "nội tuyến", "", ""},
		{"S", "F1", xlsx.Number, "1250.5", "", ""},
		{"S", "G1", xlsx.Number, "1.5E3", "", ""},
		{"S", "H1", xlsx.Text, "1", "", ""},
		{"S", "I1", xlsx.Text, "1", `"1"`, ""},
		{"S", "J1", xlsx.Date, "2024-11-20", "", "2024-11-20T00:00:00.000"},
		{"S", "K1", xlsx.Bool, "TRUE", "TRUE()", ""},
		{"S", "L1", xlsx.Empty, "", "", ""},
		{"S", "M1", xlsx.Empty, "", "", ""},
		{"S", "N1", xlsx.Empty, "", "", ""},
		{"S", "O1", xlsx.Text, "", `""`, ""},
		{"S", "P1", xlsx.Empty, "", "A1+1", ""},
		{"S", "Q1", xlsx.Text, "  ", "", ""},
	})
	s := b.Sheet("S")
	for _, col := range []int{1, 2, 3, 5, 8, 9, 10} {
		if f, ok := s.Peek(1, col).Float(); ok {
			t.Errorf("%s read as the number %v", xlsx.CellName(col, 1), f)
		}
	}
	if f, ok := s.Peek(1, 7).Float(); !ok || f != 1500 {
		t.Errorf("G1 %v %v", f, ok)
	}
	// Non-empty: a value, or a formula without one; whitespace counts.
	var filled []string
	for _, c := range b.Inventory() {
		filled = append(filled, xlsx.CellName(c.Col, c.Row))
	}
	if got := strings.Join(filled, " "); got != "A1 B1 C1 D1 E1 F1 G1 H1 I1 J1 K1 O1 P1 Q1" {
		t.Errorf("inventory %s", got)
	}
	if s.MaxRow() != 1 || s.MaxCol() != 17 {
		t.Errorf("MaxRow %d MaxCol %d", s.MaxRow(), s.MaxCol())
	}
}
