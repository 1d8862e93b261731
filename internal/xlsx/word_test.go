package xlsx_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"baocao/internal/xlsx"
)

const (
	nsWordT = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// wordDoc is a .docx whose body is body, in the namespace ns with prefix
// pfx ("w" as Word writes it); footnotes, when given, is the footnotes
// part's content.
func wordDoc(t testing.TB, ns, pfx, body, footnotes string) []byte {
	t.Helper()
	p := pfx + ":"
	decl := ` xmlns:` + pfx + `="` + ns + `"`
	if pfx == "" { // elements in the default namespace, attributes prefixed as the standard has them
		p, decl = "", ` xmlns="`+ns+`" xmlns:w="`+ns+`"`
	}
	rels := xmlDecl + `<Relationships xmlns="` + nsPkg + `">`
	if footnotes != "" {
		rels += `<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="notes/fn.xml"/>`
	}
	rels += `</Relationships>`
	pairs := []string{
		"[Content_Types].xml", xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
		"_rels/.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relDoc + `" Target="/word/main.xml"/></Relationships>`,
		"word/main.xml", xmlDecl + `<` + p + `document` + decl + `><` + p + `body>` + body + `</` + p + `body></` + p + `document>`,
		"word/_rels/main.xml.rels", rels,
	}
	if footnotes != "" {
		pairs = append(pairs, "word/notes/fn.xml", xmlDecl+`<w:footnotes xmlns:w="`+nsWordT+`">`+footnotes+`</w:footnotes>`)
	}
	return zipOf(t, pairs...)
}

func cellsOf(d *xlsx.WordDocument) [][][]string {
	var out [][][]string
	for _, t := range d.Tables {
		var rows [][]string
		for _, r := range t.Rows {
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, strings.Join(c.Paras, "|"))
			}
			rows = append(rows, cells)
		}
		out = append(out, rows)
	}
	return out
}

// The reader reads tables as the standard writes them, whatever the
// writer: by namespace (transitional, Strict, any prefix or a default
// namespace), through content controls, custom XML, tracked changes,
// hyperlinks and fields; spans, vertical merges, repeated header rows,
// bold, superscript marks, footnotes, nested tables, line breaks; the
// main part found through the package relationships, wherever it is.
func TestWordTables(t *testing.T) {
	row := `<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>TT</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t xml:space="preserve">Nội </w:t></w:r><w:r><w:t>dung</w:t></w:r></w:p></w:tc></w:tr>`
	body := `<w:p><w:r><w:t>Phụ lục</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>` + row +
		`<w:sdt><w:sdtContent><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>I</w:t></w:r>` +
		`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> Phần một</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>Ý có gạch</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Có chú thích</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>` +
		`<w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:br/><w:t>dòng mới</w:t></w:r></w:p>` +
		`<w:p><w:ins w:id="1"><w:r><w:t>chèn</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>xóa</w:delText></w:r></w:del>` +
		`<w:hyperlink r:id="x" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t xml:space="preserve"> liên kết</w:t></w:r></w:hyperlink>` +
		`<w:fldSimple w:instr="PAGE"><w:r><w:t xml:space="preserve"> trường</w:t></w:r></w:fldSimple><w:r><w:tab/><w:t>&amp;&lt;tab</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>bảng lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t><![CDATA[tiếp]]></w:t></w:r></w:p></w:tc></w:tr>` +
		`</w:tbl>`
	notes := `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Lời chú thích</w:t></w:r></w:p></w:footnote>`
	want := [][][]string{{{"TT", "Nội dung"}, {"I Phần một"}, {"1.", "- Ý có gạch|Có chú thích²¹|dòng mới|chèn liên kết trường &<tab|bảng lồng"}, {"", "tiếp"}}}
	for _, v := range []struct{ name, ns, pfx string }{{"transitional, w:", nsWordT, "w"}, {"Strict", nsWordS, "w"},
		{"other prefix", nsWordT, "ns0"}, {"default namespace", nsWordT, ""}} {
		t.Run(v.name, func(t *testing.T) {
			b, n := body, notes
			if v.pfx != "w" {
				repl := "<" + v.pfx + ":"
				end := "</" + v.pfx + ":"
				attr := " " + v.pfx + ":"
				if v.pfx == "" {
					repl, end, attr = "<", "</", " w:"
				}
				b = strings.NewReplacer("<w:", repl, "</w:", end, " w:", attr).Replace(b)
			}
			d, err := xlsx.OpenWordBytes(wordDoc(t, v.ns, v.pfx, b, n), xlsx.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if got := cellsOf(d); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			tb := d.Tables[0]
			if !tb.Rows[0].Header || tb.Rows[1].Header {
				t.Error("header rows")
			}
			if c := tb.Rows[1].Cells[0]; c.Span != 2 || !c.Bold || c.Col != 0 {
				t.Errorf("section cell %+v", c)
			}
			if c := tb.Rows[0].Cells[1]; c.Bold || c.Col != 1 {
				t.Errorf("header cell %+v", c)
			}
			if c := tb.Rows[3].Cells[0]; !c.Merged {
				t.Errorf("merged cell %+v", c)
			}
			if fn := tb.Rows[2].Cells[1].Footnotes; len(fn) != 1 || fn[0] != "Lời chú thích" {
				t.Errorf("footnotes %q", fn)
			}
		})
	}
}

// What cannot be read as a Word document is refused with a Vietnamese
// message: the same guards as workbooks (sizes, entries, CRC, DTDs,
// depth), and files that are not Word documents.
func TestWordHostile(t *testing.T) {
	good := wordDoc(t, nsWordT, "w", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, "")
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 60) + strings.Repeat("</w:sdtContent></w:sdt>", 60)
	for _, tc := range []struct {
		name string
		data []byte
		lim  xlsx.Limits
		want error
	}{
		{"DTD", replaced(t, good, "word/main.xml", xmlDecl, xmlDecl+`<!DOCTYPE d [<!ENTITY a "aaaa">]>`), xlsx.Limits{}, xlsx.ErrCorrupt},
		{"deep nesting", replaced(t, good, "word/main.xml", "<w:body>", "<w:body>"+deep), xlsx.Limits{}, xlsx.ErrCorrupt},
		{"mismatched tags", replaced(t, good, "word/main.xml", "</w:tbl>", "</w:table>"), xlsx.Limits{}, xlsx.ErrCorrupt},
		{"CRC", edited(t, good, "word/main.xml", func(e *rawEntry) { e.crc = 1 }), xlsx.Limits{}, xlsx.ErrCorrupt},
		{"size lies", edited(t, good, "word/main.xml", func(e *rawEntry) { e.size = 10 }), xlsx.Limits{}, xlsx.ErrCorrupt},
		{"unzip limit", good, xlsx.Limits{UnzipSize: 100}, xlsx.ErrTooLarge},
		{"entries limit", good, xlsx.Limits{ZipEntries: 2}, xlsx.ErrTooLarge},
		{"a workbook", excelBook(t, "", "", ""), xlsx.Limits{}, xlsx.ErrNotWord},
		{"no main part", edited(t, good, "_rels/.rels", func(e *rawEntry) {
			e.body = []byte(strings.ReplaceAll(string(e.body), "/word/main.xml", "/word/none.xml"))
		}), xlsx.Limits{}, xlsx.ErrNotWord},
		{"not a document root", edited(t, good, "word/main.xml", func(e *rawEntry) { e.body = []byte(strings.ReplaceAll(string(e.body), "w:document", "w:hdr")) }), xlsx.Limits{}, xlsx.ErrNotWord},
		{"PDF", []byte("%PDF-1.7\n..."), xlsx.Limits{}, xlsx.ErrFormat},
		{"empty", nil, xlsx.Limits{}, xlsx.ErrEmptyFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := xlsx.OpenWordBytes(tc.data, tc.lim)
			fileErr(t, err, tc.want)
		})
	}
	// Spans and skipped columns are bounded: a cell cannot claim a
	// million columns.
	d, err := xlsx.OpenWordBytes(wordDoc(t, nsWordT, "w", `<w:tbl><w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`, ""), xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if c := d.Tables[0].Rows[0].Cells[0]; c.Col > 64 || c.Span > 64 {
		t.Errorf("cell at %d spanning %d", c.Col, c.Span)
	}
}

// Every file of intake's hostile corpus is refused by the Word reader
// with a message (its one Word document is a stub that is not XML); none
// takes long or much memory.
func TestWordHostileCorpus(t *testing.T) {
	files, _ := filepath.Glob("../intake/testdata/corpus/*")
	if len(files) != 41 {
		t.Fatalf("%d corpus files", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			d, err := xlsx.OpenWord(path, xlsx.DefaultLimits)
			runtime.ReadMemStats(&after)
			if time.Since(start) > 5*time.Second || after.TotalAlloc-before.TotalAlloc > 256<<20 {
				t.Errorf("took %v, %d MB", time.Since(start), (after.TotalAlloc-before.TotalAlloc)>>20)
			}
			if err == nil {
				t.Fatalf("read: %d tables", len(d.Tables))
			}
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Message == "" || fe.Hint == "" {
				t.Errorf("not refused with a message: %v", err)
			}
		})
	}
}

func FuzzOpenWord(f *testing.F) {
	for _, p := range []string{"../planimport/testdata/phu-luc-python-docx.docx", "../intake/testdata/corpus/36-word-renamed.xlsx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(wordDoc(f, nsWordT, "w", `<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:tc></w:tr></w:tbl>`,
		`<w:footnote w:id="1"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := xlsx.OpenWordBytes(data, xlsx.Limits{FileSize: 1 << 20, UnzipSize: 8 << 20, ZipEntries: 100})
		if err != nil {
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Message == "" || fe.Hint == "" || fe.Err == nil {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		for _, tb := range d.Tables {
			for _, r := range tb.Rows {
				for _, c := range r.Cells {
					if c.Span < 1 || c.Span > 64 || c.Col < 0 {
						t.Fatalf("cell %+v", c)
					}
				}
			}
		}
	})
}

// Word's own lists: a bullet (directly, or through a paragraph style and
// the style it is based on) reads "- "; a numbered list reads its numbers
// as its levels write them, counted through the document.
func TestWordLists(t *testing.T) {
	w := `xmlns:w="` + nsWordT + `"`
	p := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	num := func(id, lvl string) string {
		return `<w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr>`
	}
	cell := p(`<w:pStyle w:val="ListBullet"/>`, "gạch theo kiểu") + p(num("2", "0"), "một") + p(num("2", "1"), "ý a") +
		p(num("2", "1"), "ý b") + p(num("2", "0"), "hai") + p(num("2", "1"), "ý a lại") + p(num("0", "0"), "không đánh số") +
		p(num("7", "0"), "số không rõ")
	data := zipOf(t,
		"_rels/.rels", xmlDecl+`<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="word/document.xml"/></Relationships>`,
		"word/document.xml", xmlDecl+`<w:document `+w+`><w:body><w:tbl><w:tr><w:tc>`+cell+`</w:tc></w:tr></w:tbl></w:body></w:document>`,
		"word/_rels/document.xml.rels", xmlDecl+`<Relationships xmlns="`+nsPkg+`">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`+
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"word/numbering.xml", xmlDecl+`<w:numbering `+w+`>`+
			`<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>`+
			`<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>`+
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>`+
			`<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num></w:numbering>`,
		"word/styles.xml", xmlDecl+`<w:styles `+w+`><w:style w:type="paragraph" w:styleId="ListParagraph"><w:pPr>`+num("1", "0")+`</w:pPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="ListBullet"><w:basedOn w:val="ListParagraph"/></w:style></w:styles>`,
	)
	d, err := xlsx.OpenWordBytes(data, xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	got := d.Tables[0].Rows[0].Cells[0].Paras
	want := []string{"- gạch theo kiểu", "1. một", "a) ý a", "b) ý b", "2. hai", "a) ý a lại", "không đánh số", "- số không rõ"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
