package xlsx_test

import (
	"archive/zip"
	"errors"
	"testing"

	"baocao/internal/xlsx"
)

// FuzzOpen feeds arbitrary XML to the reader as a worksheet, the shared
// strings and the custom properties of a workbook built here (so the
// archive's checksums always hold and the mutations reach the XML). It
// must never panic; a failure is a *FileError; what it reads is
// consistent: the inventory in order and within Excel's limits, every
// listed cell non-empty and found again by Peek.
func FuzzOpen(f *testing.F) {
	f.Add([]byte(`<worksheet xmlns="`+nsMain+`"><sheetData><row r="2" hidden="1"><c r="B2" t="s"><v>0</v></c><c r="A2"><f>1+1</f><v>2</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`),
		[]byte(`<sst xmlns="`+nsMain+`"><si><t>Sở &amp; Y tế_x000D_</t></si><si><r><t>a</t></r><rPh><t>x</t></rPh></si></sst>`),
		[]byte(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property name="a"><vt:i4>5</vt:i4></property></Properties>`))
	f.Add([]byte(`<x:worksheet xmlns:x="`+nsMain+`"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c><x:c r="ZZZZZZ1"/><x:c r="A"></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row><x:row r="0"/><x:row r="5"><x:c r="C5"><x:f t="shared" si="0" ref="C5:C6">A5+$B$1</x:f><x:v>1</x:v></x:c></x:row><x:row r="6"><x:c r="C6"><x:f t="shared" si="0"/></x:c></x:row></x:sheetData></x:worksheet>`),
		[]byte(`<sst xmlns="`+nsMain+`"><si><t><![CDATA[a<b]]></t><!-- c --></si></sst>`), []byte(`<?xml version="1.0"?><a/>`))
	f.Add([]byte(`<worksheet xmlns="`+nsMain+`"><sheetData><row r="3"><c r="B3" t="d"><v>2024-11-20T00:00:00Z</v></c></row><row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c r="C1"><v>3</v></c></row></sheetData></worksheet>`),
		[]byte("\xff\xfe<\x00s\x00s\x00t\x00/\x00>\x00"), []byte(`<!DOCTYPE a><a/>`))
	wb := `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`
	wbRels := `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relSheet + `" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="` + relSST + `" Target="sharedStrings.xml"/></Relationships>`
	rootRels := `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relDoc + `" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="` + relCustom + `" Target="docProps/custom.xml"/></Relationships>`
	f.Fuzz(func(t *testing.T, sheet, sst, custom []byte) {
		data := zipWith(t, zip.Store, "_rels/.rels", rootRels, "xl/workbook.xml", wb, "xl/_rels/workbook.xml.rels", wbRels,
			"xl/worksheets/sheet1.xml", string(sheet), "xl/sharedStrings.xml", string(sst), "docProps/custom.xml", string(custom))
		b, err := xlsx.OpenBytes(data, xlsx.Limits{FileSize: 4 << 20, UnzipSize: 16 << 20, ZipEntries: 20})
		if err != nil {
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Message == "" || fe.Hint == "" {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		s := b.Sheet("S")
		if s == nil || !b.Date1904 {
			t.Fatal("sheet or date system lost")
		}
		prevRow, prevCol := 0, 0
		for _, c := range b.Inventory() {
			if c.Row < 1 || c.Row > 1048576 || c.Col < 1 || c.Col > 16384 {
				t.Fatalf("cell beyond the limits: %+v", c)
			}
			if c.Row < prevRow || c.Row == prevRow && c.Col <= prevCol {
				t.Fatalf("inventory out of order at %+v", c)
			}
			prevRow, prevCol = c.Row, c.Col
			if c.Cell.Type == xlsx.Empty && c.Cell.Formula == "" {
				t.Fatalf("empty cell listed: %+v", c)
			}
			if got := s.Peek(c.Row, c.Col); got != c.Cell {
				t.Fatalf("Peek %+v, inventory %+v", got, c.Cell)
			}
			if c.Row > s.MaxRow() || c.Col > s.MaxCol() {
				t.Fatalf("cell %+v beyond MaxRow %d MaxCol %d", c, s.MaxRow(), s.MaxCol())
			}
			c.Cell.Float()
			c.Cell.Time(true)
			s.HiddenRow(c.Row)
		}
		for _, m := range s.Merges() {
			if m.FromRow > m.ToRow || m.FromCol > m.ToCol || m.FromRow < 1 || m.FromCol < 1 {
				t.Fatalf("bad merge %+v", m)
			}
			if _, ok := xlsx.ParseRange(m.String()); !ok {
				t.Fatalf("merge %+v does not round-trip", m)
			}
		}
	})
}
