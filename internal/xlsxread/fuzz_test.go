package xlsxread_test

import (
	"testing"

	"baocao/internal/xlsxread"
)

// FuzzOpen feeds arbitrary bytes to the parser as every part it reads: it
// must never panic, and rows never hold trailing empty cells.
func FuzzOpen(f *testing.F) {
	f.Add([]byte(`<sheetData><row r="2" hidden="1"><c r="B2" t="s"><v>0</v></c><c r="A2"><f>1+1</f><v>2</v></c></row></sheetData>`),
		[]byte(`<sst><si><t>Sở &amp; Y tế_x000D_</t></si><si><r><t>a</t></r><rPh><t>x</t></rPh></si></sst>`))
	f.Add([]byte(`<sheetData><row><c t="inlineStr"><is><t>x</t></is></c><c r="ZZZZZZ1"/><c r="A"></c></row><row r="0"/></sheetData>`), []byte(`<si><t>`))
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		parts := map[string][]byte{
			"xl/workbook.xml":            []byte(`<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
			"xl/_rels/workbook.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
			"xl/worksheets/sheet1.xml":   sheet,
			"xl/sharedStrings.xml":       sst,
			"docProps/custom.xml":        sst,
		}
		b := xlsxread.Open(parts)
		s := b.Sheet("S")
		if s == nil {
			t.Fatal("sheet lost")
		}
		rows := b.Rows(s)
		for i, r := range rows {
			if len(r) > 0 && r[len(r)-1] == "" {
				t.Errorf("row %d ends with an empty cell", i+1)
			}
			b.HiddenRow(s, i+1)
			b.IsText(s, i+1, 1)
			b.Formula(s, i+1, 1)
		}
	})
}
