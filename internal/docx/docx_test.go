package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"
	"time"

	"baocao/internal/document"
	"baocao/internal/docx"
)

const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// sample is a small report with every kind of block, and text that XML
// must escape or cannot carry.
func sample() *document.Document {
	return &document.Document{
		Meta: document.Meta{Title: "Báo cáo <thử>", Subject: "Thử & xem", Author: "Sở Khoa học và Công nghệ", Lang: "vi",
			Date: time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)},
		Header: document.Header{Superior: "UBND tỉnh Kon Tum", Body: "Sở Khoa học và Công nghệ", Number: "Số: 05/BC-SKHCN",
			Nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Motto: "Độc lập - Tự do - Hạnh phúc", PlaceAndDate: "Kon Tum, ngày 20 tháng 12 năm 2024"},
		Kind: "BÁO CÁO", Subject: "Kết quả thực hiện Kế hoạch năm 2024",
		Addressees: []string{"Ban Thường vụ Tỉnh ủy"},
		Body: []document.Block{
			document.Paragraph{Text: "Mở đầu \"trích\" <b>&amp; đ\x01."},
			document.Heading{Level: document.Part, Number: "I", Text: "TÌNH HÌNH"},
			document.Heading{Level: document.Item, Number: "1", Text: "Mục"},
			document.Heading{Level: document.Point, Number: "đ", Text: "Điểm"},
			document.ListItem{Text: "Ý một;"},
			document.Chart{Title: "Biểu đồ", Bars: []document.Bar{{Label: "Hoàn thành", Value: 3, Note: "3 (75,0%)"}, {Label: "Chưa", Value: 1, Note: "1 (25,0%)"}}},
		},
		Signature: document.Signature{RecipientsTitle: "Nơi nhận:", Recipients: []string{"- Như trên;", "- Lưu: VT."},
			Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Trần Văn B"},
		Appendices: []document.Appendix{
			{Label: "Phụ lục I", Title: "NHIỆM VỤ", Attachment: "(Kèm theo Báo cáo số 05/BC-SKHCN)", Table: document.Table{
				Columns: []document.Column{{Heading: "TT", Width: 6, Align: document.Center}, {Heading: "Nội dung", Width: 50}},
				Rows: []document.Row{{Kind: document.Group, Cells: []document.Cell{{"I"}, {"Nhóm"}}},
					{Cells: []document.Cell{{"1"}, {"Đoạn một", "Đoạn hai"}}}, {Cells: []document.Cell{nil, nil}}}}},
			{Label: "Phụ lục II", Title: "ĐƠN VỊ", Attachment: "(Kèm theo)", Table: document.Table{
				Columns: []document.Column{{Heading: "Đơn vị", Width: 1}, {Heading: "Số", Width: 1, Align: document.Right}},
				Rows:    []document.Row{{Kind: document.Total, Cells: []document.Cell{{"Tổng"}, {"1.000,5"}}}}}},
		},
	}
}

func write(t *testing.T, d *document.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := docx.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// parts opens the package: every part by name.
func parts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	return out
}

// element is a parsed XML element, by namespace and local name.
type element struct {
	name     xml.Name
	attr     map[xml.Name]string
	children []*element
	text     string
}

func parse(t *testing.T, name string, data []byte) *element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &element{}
	stack := []*element{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name, attr: map[xml.Name]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tok)
		}
	}
	if len(root.children) != 1 {
		t.Fatalf("%s: %d root elements", name, len(root.children))
	}
	return root.children[0]
}

// all are the elements named w:local under e, in document order.
func (e *element) all(local string) []*element {
	var out []*element
	for _, c := range e.children {
		if c.name.Space == nsW && c.name.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

func (e *element) w(attr string) string { return e.attr[xml.Name{Space: nsW, Local: attr}] }

// text is the text of the w:t elements under e.
func (e *element) texts() string {
	var b strings.Builder
	for _, t := range e.all("t") {
		b.WriteString(t.text)
	}
	return b.String()
}

func TestPackage(t *testing.T) {
	data := write(t, sample())
	ps := parts(t, data)
	for name, p := range ps {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parse(t, name, p)
		}
	}
	// Parts found the standard way: the package relationships name the
	// main document; its relationships name the styles and the headers;
	// every part has its content type.
	rels := parse(t, "_rels/.rels", ps["_rels/.rels"])
	var main string
	for _, r := range rels.children {
		if r.attr[xml.Name{Local: "Type"}] == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" {
			main = r.attr[xml.Name{Local: "Target"}]
		}
	}
	if ps[main] == nil {
		t.Fatalf("main document %q not in the package", main)
	}
	docRels := parse(t, "document rels", ps[path.Join(path.Dir(main), "_rels", path.Base(main)+".rels")])
	targets := map[string]string{}
	for _, r := range docRels.children {
		target := path.Join(path.Dir(main), r.attr[xml.Name{Local: "Target"}])
		if ps[target] == nil {
			t.Errorf("relationship %s to %s: no such part", r.attr[xml.Name{Local: "Id"}], target)
		}
		targets[r.attr[xml.Name{Local: "Id"}]] = target
	}
	types := string(ps["[Content_Types].xml"])
	for name := range ps {
		if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" && !strings.Contains(types, `PartName="/`+name+`"`) {
			t.Errorf("%s has no content type", name)
		}
	}

	doc := parse(t, main, ps[main])
	// Sections: the body portrait, each appendix landscape, numbered from
	// 1; no number on any section's first page.
	sects := doc.all("sectPr")
	if len(sects) != 3 {
		t.Fatalf("%d sections, want 3", len(sects))
	}
	for i, s := range sects {
		sz := s.all("pgSz")[0]
		landscape := sz.w("orient") == "landscape"
		if landscape != (i > 0) {
			t.Errorf("section %d: orient %q", i, sz.w("orient"))
		}
		want := [2]string{"11906", "16838"}
		if landscape {
			want = [2]string{"16838", "11906"}
		}
		if sz.w("w") != want[0] || sz.w("h") != want[1] {
			t.Errorf("section %d: page %sx%s", i, sz.w("w"), sz.w("h"))
		}
		mar := s.all("pgMar")[0]
		wantMar := map[string]string{"top": "1417", "bottom": "1134", "left": "1984", "right": "1134"} // 25, 20, 35, 20 mm
		if landscape {
			wantMar = map[string]string{"top": "1984", "bottom": "1134", "left": "1134", "right": "1417"} // 35, 20, 20, 25 mm
		}
		for side, v := range wantMar {
			if mar.w(side) != v {
				t.Errorf("section %d: margin %s %s, want %s", i, side, mar.w(side), v)
			}
		}
		if len(s.all("titlePg")) != 1 {
			t.Errorf("section %d: first page not different", i)
		}
		if n := s.all("pgNumType"); (len(n) == 1 && n[0].w("start") == "1") != (i > 0) {
			t.Errorf("section %d: numbering restart %v", i, n)
		}
		for _, h := range s.all("headerReference") {
			text := string(ps[targets[h.attr[xml.Name{Space: "http://schemas.openxmlformats.org/officeDocument/2006/relationships", Local: "id"}]]])
			hasPage := strings.Contains(text, "> PAGE <")
			if hasPage != (h.w("type") == "default") {
				t.Errorf("section %d: %s header with PAGE field %v", i, h.w("type"), hasPage)
			}
		}
	}
	// Tables: the appendices' header rows repeat; the masthead, chart and
	// signature tables have no borders; every cell has a paragraph and
	// the cells of each row span the grid.
	tables := doc.all("tbl")
	var headers int
	for _, tb := range tables {
		cols := len(tb.all("gridCol"))
		for _, tr := range tb.children {
			if tr.name.Local != "tr" {
				continue
			}
			span := 0
			for _, tc := range tr.children {
				if tc.name.Local != "tc" {
					continue
				}
				s := 1
				if g := tc.all("gridSpan"); len(g) > 0 {
					s = atoi(g[0].w("val"))
				}
				span += s
				if len(tc.all("p")) == 0 {
					t.Error("a cell without a paragraph")
				}
			}
			if span != cols {
				t.Errorf("a row spans %d of %d grid columns", span, cols)
			}
			headers += len(tr.all("tblHeader"))
		}
	}
	if headers != 2 {
		t.Errorf("%d repeated header rows, want 2", headers)
	}
	// Text: escaped and kept; a control character XML cannot carry is
	// dropped; lists are paragraphs starting with "- "; headings carry
	// their numbers and heading styles.
	all := doc.texts()
	for _, want := range []string{`Mở đầu "trích" <b>&amp; đ.`, "I. TÌNH HÌNH", "1. Mục", "đ) Điểm", "- Ý một;", "Đoạn một", "Đoạn hai", "1.000,5",
		"Kính gửi: Ban Thường vụ Tỉnh ủy.", "Trần Văn B", "Số: 05/BC-SKHCN", "3 (75,0%)"} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not in the document", want)
		}
	}
	styleOf := map[string]string{}
	for _, p := range doc.all("p") {
		if s := p.all("pStyle"); len(s) > 0 {
			styleOf[p.texts()] = s[0].w("val")
		}
	}
	for text, style := range map[string]string{"I. TÌNH HÌNH": "Heading1", "1. Mục": "Heading2", "đ) Điểm": "Heading3", "- Ý một;": "Normal", "BÁO CÁO": "Title"} {
		if styleOf[text] != style {
			t.Errorf("%q has style %q, want %q", text, styleOf[text], style)
		}
	}
	// Styles: Times New Roman, the body 14 pt, tables 11 pt.
	st := string(ps["word/styles.xml"])
	for _, want := range []string{`w:ascii="Times New Roman"`, `w:styleId="Normal"`, `<w:sz w:val="28"/>`, `w:styleId="TableText"`, `<w:sz w:val="22"/>`, `<w:name w:val="heading 1"/>`} {
		if !strings.Contains(st, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	// The package's dates are the report's.
	if core := string(ps["docProps/core.xml"]); !strings.Contains(core, "2024-12-20T00:00:00Z") || !strings.Contains(core, "Báo cáo &lt;thử&gt;") {
		t.Errorf("core properties %s", core)
	}
	// The same document gives the same bytes.
	if !bytes.Equal(data, write(t, sample())) {
		t.Error("two writes differ")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
