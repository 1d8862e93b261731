package xlsx_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"baocao/internal/xlsx"
)

// Relationship types and namespaces of a sheet's annotations.
const (
	relComments = nsRel + "/comments"
	relHyper    = nsRel + "/hyperlink"
	relDrawing  = nsRel + "/drawing"
	relVML      = nsRel + "/vmlDrawing"
	relThreaded = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
	relPerson   = "http://schemas.microsoft.com/office/2017/10/relationships/person"
	nsXDR       = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
	nsA         = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsTC        = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
	nsMC        = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// annotatedParts is a workbook as Excel 365 saves one with notes,
// threaded comments, hyperlinks and two pictures on sheet "S", and a
// second sheet "T"; parts may be replaced (by name) or added.
func annotatedParts(over map[string]string) []string {
	pic := func(id, name string, col int) string {
		c := string(rune('0' + col))
		return `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>` + c + `</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>` + c + `</xdr:col><xdr:colOff>609600</xdr:colOff><xdr:row>13</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="` + id + `" name="` + name + `"><a:extLst><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" id="{00000000-0008-0000-0000-000002000000}"/></a:ext></a:extLst></xdr:cNvPr><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="` + nsRel + `" r:embed="rId` + id + `"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="609600" cy="571500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor>`
	}
	parts := []string{
		"[Content_Types].xml", xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
		"_rels/.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relDoc + `" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><workbookPr defaultThemeVersion="166925"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/><sheet name="T" sheetId="2" r:id="rId2"/></sheets><calcPr calcId="191029"/></workbook>`,
		"xl/_rels/workbook.xml.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId3" Type="` + nsRel + `/styles" Target="styles.xml"/><Relationship Id="rId2" Type="` + relSheet + `" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="` + relSheet + `" Target="worksheets/sheet1.xml"/><Relationship Id="rId5" Type="` + relPerson + `" Target="persons/person.xml"/><Relationship Id="rId4" Type="` + relSST + `" Target="sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", xmlDecl + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:mc="` + nsMC + `" mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}"><dimension ref="A1:I7"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="5"><c r="I5" t="s"><v>1</v></c></row><row r="6"><c r="I6"><v>95</v></c></row><row r="7"><c r="A7" t="s"><v>2</v></c><c r="I7"><v>100</v></c></row></sheetData>` +
			`<hyperlinks><hyperlink ref="I5" r:id="rId1" display="Nguồn" xr:uid="{1}"/><hyperlink ref="A7" location="'T'!A1" display="Biểu T" xr:uid="{2}"/><hyperlink ref="B1:C2" r:id="rId6" location="Biểu1!A1" xr:uid="{3}"/><hyperlink ref="D1" r:id="rId99" xr:uid="{4}"/><hyperlink ref="bad" location="T!A1"/></hyperlinks>` +
			`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId2"/><legacyDrawing r:id="rId3"/></worksheet>`,
		"xl/worksheets/_rels/sheet1.xml.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId3" Type="` + relVML + `" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId2" Type="` + relDrawing + `" Target="../drawings/drawing1.xml"/><Relationship Id="rId1" Type="` + relHyper + `" Target="https://example.org/bao-cao?nam=2024&amp;dv=SYT" TargetMode="External"/><Relationship Id="rId6" Type="` + relHyper + `" Target="file:///C:\Bao%20cao\Bieu.xlsx" TargetMode="External"/><Relationship Id="rId5" Type="` + relThreaded + `" Target="../threadedComments/threadedComment1.xml"/><Relationship Id="rId4" Type="` + relComments + `" Target="../comments1.xml"/></Relationships>`,
		"xl/worksheets/sheet2.xml", xmlDecl + `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
		"xl/sharedStrings.xml", xmlDecl + `<sst xmlns="` + nsMain + `" count="3" uniqueCount="3"><si><t>Chỉ tiêu</t></si><si><t>Nguồn</t></si><si><t>Biểu T</t></si></sst>`,
		"xl/comments1.xml", xmlDecl + `<comments xmlns="` + nsMain + `" xmlns:mc="` + nsMC + `" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><authors><author>Nguyễn Văn A</author><author>tc={6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0001}</author></authors><commentList>` +
			`<comment ref="I7" authorId="1" shapeId="0" xr:uid="{6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0001}"><text><t>[Threaded comment]

Your version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924

Comment:
    Đã hoàn thành 100%
Reply:
    Đồng ý</t></text></comment>` +
			`<comment ref="I6" authorId="0" shapeId="0" xr:uid="{00000000-0006-0000-0000-000001000000}"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>Nguyễn Văn A:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t xml:space="preserve">
Kết quả: 95% &amp; đạt</t></r></text></comment>` +
			`<comment ref="A1" authorId="7"><text><t>Tiêu đề</t><rPh sb="0" eb="1"><t>x</t></rPh></text></comment></commentList></comments>`,
		"xl/threadedComments/threadedComment1.xml", xmlDecl + `<ThreadedComments xmlns="` + nsTC + `" xmlns:x="` + nsMain + `"><threadedComment ref="I7" dT="2024-11-20T03:15:42.47" personId="{8C5E0A1B-0000-4000-8000-000000000001}" id="{6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0001}"><text>Đã hoàn thành 100%</text></threadedComment><threadedComment ref="I7" dT="2024-11-20T03:16:00.00" personId="{8C5E0A1B-0000-4000-8000-000000000002}" id="{6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0002}" parentId="{6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0001}"><text>Đồng ý</text><mentions/></threadedComment></ThreadedComments>`,
		"xl/persons/person.xml", xmlDecl + `<personList xmlns="` + nsTC + `" xmlns:x="` + nsMain + `"><person displayName="Lê Văn C" id="{8C5E0A1B-0000-4000-8000-000000000001}" userId="c@example.org" providerId="None"/><person displayName="Phạm Thị D" id="{8C5E0A1B-0000-4000-8000-000000000002}" userId="d@example.org" providerId="None"/></personList>`,
		"xl/drawings/drawing1.xml", xmlDecl + `<xdr:wsDr xmlns:xdr="` + nsXDR + `" xmlns:a="` + nsA + `">` + pic("2", "Picture 1", 1) + pic("3", "Picture 2", 4) + `</xdr:wsDr>`,
		"xl/drawings/_rels/drawing1.xml.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId3" Type="` + nsRel + `/image" Target="../media/image2.png"/><Relationship Id="rId2" Type="` + nsRel + `/image" Target="../media/image1.png"/></Relationships>`,
		"xl/drawings/vmlDrawing1.vml", `<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><br></v:shape></xml>`, // VML is not XML; never read
		"xl/media/image1.png", "\x89PNG\r\n\x1a\n image one",
		"xl/media/image2.png", "\x89PNG\r\n\x1a\n image two",
		"xl/styles.xml", "styles: never read",
	}
	for i := 0; i < len(parts); i += 2 {
		if v, ok := over[parts[i]]; ok {
			parts[i+1] = v
		}
	}
	for _, name := range sortedKeys(over) {
		if !contains(parts, name) {
			parts = append(parts, name, over[name])
		}
	}
	return parts
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(pairs []string, name string) bool {
	for i := 0; i < len(pairs); i += 2 {
		if pairs[i] == name {
			return true
		}
	}
	return false
}

func annotatedBook(t testing.TB, over map[string]string) []byte {
	t.Helper()
	return zipOf(t, annotatedParts(over)...)
}

var excelNotes = []xlsx.Note{
	{Row: 1, Col: 1, Text: "Tiêu đề"}, // an authorId naming no author
	{Row: 6, Col: 9, Author: "Nguyễn Văn A", Text: "Nguyễn Văn A:\nKết quả: 95% & đạt"},
	{Row: 7, Col: 9, Author: "Lê Văn C", Text: "Đã hoàn thành 100%\nĐồng ý"}, // the thread, not its legacy copy
}

var excelLinks = []xlsx.Link{
	{Range: xlsx.Range{FromRow: 5, FromCol: 9, ToRow: 5, ToCol: 9}, Target: "https://example.org/bao-cao?nam=2024&dv=SYT"},
	{Range: xlsx.Range{FromRow: 7, FromCol: 1, ToRow: 7, ToCol: 1}, Target: "'T'!A1"},
	{Range: xlsx.Range{FromRow: 1, FromCol: 2, ToRow: 2, ToCol: 3}, Target: `file:///C:\Bao%20cao\Bieu.xlsx#Biểu1!A1`},
	// D1 names a relationship that does not exist: no address, left out;
	// "bad" is no range.
}

func TestNotesExcel(t *testing.T) {
	data := annotatedBook(t, nil)
	// The pictures are never inflated: a checksum they fail is not seen.
	data = edited(t, data, "xl/media/image1.png", func(e *rawEntry) { e.crc = 1 })
	b := mustOpen(t, data)
	s := b.Sheet("S")
	if got := s.Notes(); !reflect.DeepEqual(got, excelNotes) {
		t.Errorf("notes\n%+v\nwant\n%+v", got, excelNotes)
	}
	if got := s.Links(); !reflect.DeepEqual(got, excelLinks) {
		t.Errorf("links\n%+v\nwant\n%+v", got, excelLinks)
	}
	if got := s.Pictures(); got != 2 {
		t.Errorf("%d pictures, want 2", got)
	}
	if tt := b.Sheet("T"); tt.Notes() != nil || tt.Links() != nil || tt.Pictures() != 0 {
		t.Errorf("sheet T: %v %v %d", tt.Notes(), tt.Links(), tt.Pictures())
	}
	// The cells are those of the same book without its annotations.
	if got := b.Inventory(); len(got) != 6 || got[0].Cell.Value != "Chỉ tiêu" || got[3].Cell.Value != "Biểu T" {
		t.Errorf("inventory %+v", got)
	}
}

// Legacy notes alone, threads alone, and no persons part: each reads.
func TestNotesVariants(t *testing.T) {
	noThreads := annotatedParts(nil)
	var kept []string
	for i := 0; i < len(noThreads); i += 2 {
		if !strings.Contains(noThreads[i], "threaded") {
			kept = append(kept, noThreads[i], noThreads[i+1])
		}
	}
	b := mustOpen(t, zipOf(t, kept...))
	if got := b.Sheet("S").Notes(); len(got) != 3 || got[2].Author != "tc={6B1D5A7E-0C1D-4F2B-9E39-3B1B2A1C0001}" || !strings.HasPrefix(got[2].Text, "[Threaded comment]") {
		t.Errorf("legacy only: %+v", got)
	}

	b = mustOpen(t, annotatedBook(t, map[string]string{"xl/persons/person.xml": `<personList xmlns="` + nsTC + `"/>`}))
	if got := b.Sheet("S").Notes(); got[2].Author != "" || got[2].Text != "Đã hoàn thành 100%\nĐồng ý" {
		t.Errorf("no person: %+v", got[2])
	}

	// A relationship to a part the archive lacks reads as no part; a link
	// naming a relationship that is not there keeps its location.
	b = mustOpen(t, annotatedBook(t, map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId4" Type="` + relComments + `" Target="../comments9.xml"/><Relationship Id="rId2" Type="` + relDrawing + `" Target="../drawings/drawing9.xml"/></Relationships>`}))
	s := b.Sheet("S")
	if s.Notes() != nil || s.Pictures() != 0 || len(s.Links()) != 2 || s.Links()[0].Target != "'T'!A1" || s.Links()[1].Target != "Biểu1!A1" {
		t.Errorf("missing parts: %v %d %v", s.Notes(), s.Pictures(), s.Links())
	}

	// Parts no relationship names are not read, however broken.
	b = mustOpen(t, annotatedBook(t, map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": xmlDecl + `<Relationships xmlns="` + nsPkg + `"/>`,
		"xl/comments1.xml": "not XML", "xl/drawings/drawing1.xml": "<", "xl/threadedComments/threadedComment1.xml": "<!DOCTYPE a>"}))
	if s := b.Sheet("S"); s.Notes() != nil || s.Pictures() != 0 {
		t.Errorf("unrelated parts read: %v %d", s.Notes(), s.Pictures())
	}

	// Two sheets on one comments and drawing part: both read it.
	b = mustOpen(t, annotatedBook(t, map[string]string{"xl/worksheets/_rels/sheet2.xml.rels": xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relComments + `" Target="/xl/comments1.xml"/><Relationship Id="rId2" Type="` + relDrawing + `" Target="../drawings/drawing1.xml"/></Relationships>`}))
	if s := b.Sheet("T"); len(s.Notes()) != 3 || s.Pictures() != 2 || !reflect.DeepEqual(b.Sheet("S").Notes(), excelNotes) {
		t.Errorf("shared parts: %+v %d; S %+v", s.Notes(), s.Pictures(), b.Sheet("S").Notes())
	}
}

// The comments part, its relationships and the drawing in Strict
// spellings, and with prefixes instead of default namespaces.
func TestNotesStrictPrefixed(t *testing.T) {
	strictRels := xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId4" Type="` + nsStrictRel + `/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="` + nsStrictRel + `/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rId1" Type="` + nsStrictRel + `/hyperlink" Target="https://example.org/" TargetMode="External"/></Relationships>`
	comments := func(ns string, prefixed bool) string {
		p := ""
		decl := `xmlns="` + ns + `"`
		if prefixed {
			p, decl = "x:", `xmlns:x="`+ns+`" xmlns="urn:other"`
		}
		return xmlDecl + `<` + p + `comments ` + decl + `><` + p + `authors><` + p + `author>Tác giả</` + p + `author></` + p + `authors><` + p + `commentList>` +
			`<` + p + `comment ref="B2" authorId="0"><` + p + `text><` + p + `r><` + p + `rPr/><` + p + `t>Ghi chú</` + p + `t></` + p + `r></` + p + `text></` + p + `comment>` +
			// Elements of another namespace are not notes.
			`<comment xmlns="urn:other" ref="C3" authorId="0"><text><t>không phải</t></text></comment>` +
			`</` + p + `commentList></` + p + `comments>`
	}
	want := []xlsx.Note{{Row: 2, Col: 2, Author: "Tác giả", Text: "Ghi chú"}}
	sheet := func(ns, rel string) string {
		return xmlDecl + `<s:worksheet xmlns:s="` + ns + `" xmlns:rr="` + rel + `"><s:sheetData/><s:hyperlinks><s:hyperlink ref="A1" rr:id="rId1"/><hyperlink xmlns="urn:other" ref="A2" location="X!A1"/></s:hyperlinks><s:drawing rr:id="rId2"/></s:worksheet>`
	}
	drawing := func(ns string) string {
		return xmlDecl + `<d:wsDr xmlns:d="` + ns + `" xmlns:mc="` + nsMC + `"><d:oneCellAnchor/><d:absoluteAnchor/>` +
			`<mc:AlternateContent><mc:Choice Requires="a14"><d:twoCellAnchor/></mc:Choice><mc:Fallback><d:twoCellAnchor/></mc:Fallback></mc:AlternateContent>` +
			`<twoCellAnchor xmlns="urn:other"/></d:wsDr>`
	}
	for _, c := range []struct {
		name  string
		parts map[string]string
	}{
		{"strict", map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": strictRels, "xl/comments1.xml": comments(nsStrictMain, false),
			"xl/worksheets/sheet1.xml": sheet(nsStrictMain, nsStrictRel), "xl/drawings/drawing1.xml": drawing("http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing")}},
		{"prefixed", map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": strings.ReplaceAll(strictRels, nsStrictRel, nsRel), "xl/comments1.xml": comments(nsMain, true),
			"xl/worksheets/sheet1.xml": sheet(nsMain, nsRel), "xl/drawings/drawing1.xml": drawing(nsXDR)}},
		{"strict-prefixed", map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": strictRels, "xl/comments1.xml": comments(nsStrictMain, true),
			"xl/worksheets/sheet1.xml": sheet(nsStrictMain, nsStrictRel), "xl/drawings/drawing1.xml": drawing("http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mustOpen(t, annotatedBook(t, c.parts)).Sheet("S")
			if got := s.Notes(); !reflect.DeepEqual(got, want) {
				t.Errorf("notes %+v", got)
			}
			if got := s.Links(); len(got) != 1 || got[0].Target != "https://example.org/" || got[0].Range.String() != "A1" {
				t.Errorf("links %+v", got)
			}
			if got := s.Pictures(); got != 3 {
				t.Errorf("%d pictures, want 3", got)
			}
		})
	}
	// A comments part in a namespace that is not SpreadsheetML holds no notes.
	s := mustOpen(t, annotatedBook(t, map[string]string{"xl/comments1.xml": comments("urn:other", false)})).Sheet("S")
	if got := s.Notes(); len(got) != 1 || got[0].Row != 7 {
		t.Errorf("foreign comments: %+v", got)
	}
}

// A part reached through a sheet's relationships that is broken is
// refused as any other part is.
func TestNotesHostile(t *testing.T) {
	for _, c := range []struct {
		name, part, body string
	}{
		{"comments not XML", "xl/comments1.xml", "\x00\x01 not XML at all"},
		{"comments truncated", "xl/comments1.xml", `<comments xmlns="` + nsMain + `"><commentList><comment ref="A1">`},
		{"comments DTD", "xl/comments1.xml", `<!DOCTYPE c [<!ENTITY x "y">]><comments xmlns="` + nsMain + `"/>`},
		{"comments unbound prefix", "xl/comments1.xml", `<x:comments/>`},
		{"threaded not XML", "xl/threadedComments/threadedComment1.xml", "{json: 1}"},
		{"persons not XML", "xl/persons/person.xml", "<personList"},
		{"drawing not XML", "xl/drawings/drawing1.xml", "<xdr:wsDr>"},
		{"sheet rels not XML", "xl/worksheets/_rels/sheet1.xml.rels", "<Relationships"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := xlsx.OpenBytes(annotatedBook(t, map[string]string{c.part: c.body}), xlsx.DefaultLimits)
			fe := fileErr(t, err, xlsx.ErrCorrupt)
			if !strings.Contains(fe.Message, c.part) {
				t.Errorf("message %q does not name %s", fe.Message, c.part)
			}
		})
	}
	// Checksums and sizes are checked on these parts as on any other.
	for _, part := range []string{"xl/comments1.xml", "xl/threadedComments/threadedComment1.xml", "xl/drawings/drawing1.xml", "xl/worksheets/_rels/sheet1.xml.rels"} {
		for _, change := range []func(e *rawEntry){
			func(e *rawEntry) { e.crc = 7 },
			func(e *rawEntry) { e.size = int64(len(e.body)) - 1 },
		} {
			_, err := xlsx.OpenBytes(edited(t, annotatedBook(t, nil), part, change), xlsx.DefaultLimits)
			fileErr(t, err, xlsx.ErrCorrupt)
		}
	}
	// A sheet relationships part that is XML but not relationships.
	_, err := xlsx.OpenBytes(annotatedBook(t, map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": `<a/>`}), xlsx.DefaultLimits)
	fileErr(t, err, xlsx.ErrCorrupt)
	// A comments relationship back to the sheet's own part: a part read twice.
	_, err = xlsx.OpenBytes(annotatedBook(t, map[string]string{"xl/worksheets/_rels/sheet1.xml.rels": xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId4" Type="` + relComments + `" Target="sheet1.xml"/></Relationships>`}), xlsx.DefaultLimits)
	fileErr(t, err, xlsx.ErrCorrupt)
}

const libreofficeNotes = "testdata/libreoffice/notes.xlsx"

// A workbook LibreOffice wrote (testdata/libreoffice/make.py): its notes
// are legacy comments, its links external and internal, its two pictures
// anchored in a drawing.
func TestNotesLibreOffice(t *testing.T) {
	b, err := xlsx.Open(libreofficeNotes, xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	s := b.Sheet("Biểu 1")
	want := []xlsx.Note{
		{Row: 1, Col: 2, Author: "Nguyễn Văn A", Text: "Kết quả thực hiện: 95%\nSố liệu ước tính"},
		{Row: 2, Col: 2, Author: "Trần Thị B", Text: "Ghi chú thứ hai"},
	}
	if got := s.Notes(); !reflect.DeepEqual(got, want) {
		t.Errorf("notes %+v", got)
	}
	links := []xlsx.Link{
		{Range: xlsx.Range{FromRow: 1, FromCol: 3, ToRow: 1, ToCol: 3}, Target: "https://example.org/bao-cao?nam=2024&don-vi=SYT"},
		{Range: xlsx.Range{FromRow: 2, FromCol: 1, ToRow: 2, ToCol: 1}, Target: "'Biểu 2'!B3"},
	}
	if got := s.Links(); !reflect.DeepEqual(got, links) {
		t.Errorf("links %+v", got)
	}
	if got := s.Pictures(); got != 2 {
		t.Errorf("%d pictures", got)
	}
	if s2 := b.Sheet("Biểu 2"); s2.Notes() != nil || s2.Links() != nil || s2.Pictures() != 0 {
		t.Errorf("Biểu 2: %v %v %d", s2.Notes(), s2.Links(), s2.Pictures())
	}
}

// openpyxl reads the same notes and links (it reads legacy comments only,
// so the books compared have no threads).
func TestNotesOpenpyxl(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run(); err != nil {
		t.Skip("no /usr/bin/python3 with openpyxl (Debian: apt-get install python3-openpyxl)")
	}
	// openpyxl reads styles, which this book's are not.
	legacy := annotatedParts(map[string]string{"xl/styles.xml": xmlDecl + `<styleSheet xmlns="` + nsMain + `"/>`})
	var kept []string
	for i := 0; i < len(legacy); i += 2 {
		if !strings.Contains(legacy[i], "threaded") {
			kept = append(kept, legacy[i], legacy[i+1])
		}
	}
	// openpyxl reads a link's target, or else its location, and fails on
	// a link naming no relationship: links on one cell each, all found.
	kept = replacePart(kept, "xl/worksheets/sheet1.xml", func(s string) string {
		for _, r := range [][2]string{
			{`ref="B1:C2" r:id="rId6" location="Biểu1!A1"`, `ref="B1" r:id="rId6"`},
			{`<hyperlink ref="bad" location="T!A1"/>`, ""},
			{`<hyperlink ref="D1" r:id="rId99" xr:uid="{4}"/>`, ""},
		} {
			if !strings.Contains(s, r[0]) {
				t.Fatalf("no %s", r[0])
			}
			s = strings.Replace(s, r[0], r[1], 1)
		}
		return s
	})
	// openpyxl fails on an author id naming no author too.
	kept = replacePart(kept, "xl/comments1.xml", func(s string) string { return strings.Replace(s, `authorId="7"`, `authorId="0"`, 1) })
	dir := t.TempDir()
	excel := filepath.Join(dir, "excel.xlsx")
	if err := os.WriteFile(excel, zipOf(t, kept...), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        notes, links = [], []
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:
                    notes.append([c.row, c.column, c.comment.author or "", c.comment.text])
        for row in ws.iter_rows():
            for c in row:
                if c.hyperlink is not None:
                    links.append([c.coordinate, c.hyperlink.target or c.hyperlink.location or ""])
        sheets[ws.title] = {"notes": notes, "links": links}
    out[path] = sheets
json.dump(out, sys.stdout)
`
	cmd := exec.Command("/usr/bin/python3", "-c", script, excel, libreofficeNotes)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	var py map[string]map[string]struct {
		Notes [][]any `json:"notes"`
		Links [][]any `json:"links"`
	}
	if err := json.Unmarshal(raw, &py); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{excel, libreofficeNotes} {
		b, err := xlsx.Open(path, xlsx.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range b.Sheets {
			want := py[path][s.Name]
			var notes [][]any
			for _, n := range s.Notes() {
				notes = append(notes, []any{float64(n.Row), float64(n.Col), n.Author, n.Text})
			}
			// openpyxl keeps no comment on an empty cell and an author
			// id naming no author; the cells here all hold a value.
			if len(notes) != len(want.Notes) || len(notes) > 0 && !reflect.DeepEqual(notes, want.Notes) {
				t.Errorf("%s %s: notes\n%v\nopenpyxl\n%v", filepath.Base(path), s.Name, notes, want.Notes)
			}
			// openpyxl lists them by cell, row by row.
			ls := append([]xlsx.Link(nil), s.Links()...)
			sort.SliceStable(ls, func(i, j int) bool {
				a, b := ls[i].Range, ls[j].Range
				return a.FromRow < b.FromRow || a.FromRow == b.FromRow && a.FromCol < b.FromCol
			})
			var links [][]any
			for _, l := range ls {
				links = append(links, []any{xlsx.CellName(l.Range.FromCol, l.Range.FromRow), l.Target})
			}
			if len(links) != len(want.Links) || len(links) > 0 && !reflect.DeepEqual(links, want.Links) {
				t.Errorf("%s %s: links\n%v\nopenpyxl\n%v", filepath.Base(path), s.Name, links, want.Links)
			}
		}
	}
}

func replacePart(pairs []string, name string, f func(string) string) []string {
	out := append([]string(nil), pairs...)
	for i := 0; i < len(out); i += 2 {
		if out[i] == name {
			out[i+1] = f(out[i+1])
		}
	}
	return out
}

// FuzzNotes feeds arbitrary XML to the reader as a sheet's comments,
// threaded comments and drawing parts, and its sheet part (for the
// hyperlinks). It must never panic; a failure is a *FileError; notes are
// in order and within Excel's limits, links are valid ranges with a
// target.
func FuzzNotes(f *testing.F) {
	base := annotatedParts(nil)
	part := func(name string) []byte {
		for i := 0; i < len(base); i += 2 {
			if base[i] == name {
				return []byte(base[i+1])
			}
		}
		panic(name)
	}
	f.Add(part("xl/comments1.xml"), part("xl/threadedComments/threadedComment1.xml"), part("xl/drawings/drawing1.xml"), part("xl/worksheets/sheet1.xml"))
	f.Add([]byte(`<x:comments xmlns:x="`+nsStrictMain+`"><x:commentList><x:comment ref="XFD1048576" authorId="99999999999"><x:text><x:t>a</x:t></x:text></x:comment><x:comment ref="XFE1"/></x:commentList></x:comments>`),
		[]byte(`<ThreadedComments xmlns="`+nsTC+`"><threadedComment ref="A1"><text>a</text><text>b</text></threadedComment><threadedComment ref="a1"/></ThreadedComments>`),
		[]byte(`<wsDr xmlns="`+nsXDR+`" xmlns:mc="`+nsMC+`"><mc:AlternateContent><mc:Choice><twoCellAnchor/><oneCellAnchor/></mc:Choice><mc:Fallback/></mc:AlternateContent></wsDr>`),
		[]byte(`<worksheet xmlns="`+nsMain+`" xmlns:r="`+nsRel+`"><hyperlinks><hyperlink ref="C3:A1" r:id="rId1" location="#"/></hyperlinks></worksheet>`))
	f.Fuzz(func(t *testing.T, comments, threaded, drawing, sheet []byte) {
		data := zipOf(t, annotatedParts(map[string]string{"xl/comments1.xml": string(comments), "xl/threadedComments/threadedComment1.xml": string(threaded),
			"xl/drawings/drawing1.xml": string(drawing), "xl/worksheets/sheet1.xml": string(sheet)})...)
		b, err := xlsx.OpenBytes(data, xlsx.DefaultLimits)
		if err != nil {
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Message == "" || fe.Hint == "" {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		s := b.Sheet("S")
		prevRow, prevCol := 0, 0
		for _, n := range s.Notes() {
			if n.Row < 1 || n.Row > 1048576 || n.Col < 1 || n.Col > 16384 {
				t.Fatalf("note beyond the limits: %+v", n)
			}
			if n.Row < prevRow || n.Row == prevRow && n.Col < prevCol {
				t.Fatalf("notes out of order at %+v", n)
			}
			prevRow, prevCol = n.Row, n.Col
		}
		for _, l := range s.Links() {
			if _, ok := xlsx.ParseRange(l.Range.String()); !ok || l.Target == "" {
				t.Fatalf("bad link %+v", l)
			}
		}
		if s.Pictures() < 0 || s.Pictures() > len(drawing) {
			t.Fatalf("%d pictures from %d bytes", s.Pictures(), len(drawing))
		}
	})
}
