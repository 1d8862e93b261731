package pdfdoc

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func sampleDoc(body string) Doc {
	long := strings.Repeat("Nội dung báo cáo rất dài của đơn vị về kết quả thực hiện nhiệm vụ. ", 60)
	row := []string{"1", long, "Sở Y tế", "Các đơn vị, địa phương có liên quan", "Hàng năm", long + long, "Đang thực hiện"}
	var rows [][]string
	for i := 0; i < 6; i++ {
		rows = append(rows, row)
	}
	return Doc{
		Meta: Meta{Title: "Báo cáo", Author: "Sở Khoa học và Công nghệ", Lang: "vi", Date: time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC)},
		Parts: []Part{
			{Elements: []Element{
				Header{Superior: "UBND tỉnh Kon Tum", Body: "Sở Khoa học và Công nghệ", Number: "Số: 05/BC-SKHCN",
					Nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Motto: "Độc lập - Tự do - Hạnh phúc", PlaceAndDate: "Kon Tum, ngày 20 tháng 12 năm 2024"},
				Paragraph{Text: "BÁO CÁO", Style: Style{Size: 14, Bold: true}, Align: Center},
				Paragraph{Text: body, Style: Style{Size: 14}, Align: Justify, Indent: 12.7, SpaceAfter: 2},
				Paragraph{Text: strings.Repeat("X", 400) + " 😀 kết thúc", Style: Style{Size: 14}, Align: Justify, Indent: 12.7},
				Chart{Title: "Biểu đồ", Bars: []Bar{{"Hoàn thành đúng hạn", 3, "3 (20,0%)"}, {"Đang thực hiện (không có thời hạn)", 12, "12 (80,0%)"}}},
				Signature{RecipientsTitle: "Nơi nhận:", Recipients: []string{"- Như trên;", "- Bộ Khoa học và Công nghệ (b/c);", "- Lưu: VT, QLKH."},
					Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn A"},
			}},
			{Landscape: true, Elements: []Element{
				Paragraph{Text: "Phụ lục I", Style: Style{Size: 14, Bold: true}, Align: Center},
				Table{Size: 11, Header: []string{"TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian", "Kết quả", "Tình trạng"},
					Columns: []Column{{6, Center}, {50, Left}, {20, Left}, {20, Left}, {16, Left}, {58, Left}, {16, Left}}, Rows: rows},
			}},
		},
	}
}

func layoutDoc(t *testing.T, doc Doc) ([]Page, []string) {
	t.Helper()
	pages, missing, err := Layout(doc)
	if err != nil {
		t.Fatal(err)
	}
	return pages, missing
}

// Nothing is drawn outside the margins, whatever the text; page numbers
// stand centred in the top margin.
func TestEverythingInsideTheMargins(t *testing.T) {
	pages, _ := layoutDoc(t, sampleDoc(strings.Repeat("Đoạn văn bản thân bài căn đều hai bên. ", 400)))
	m, _ := newMeasurer()
	for pi, p := range pages {
		g := p.Geometry()
		for _, b := range p.Blocks {
			x0, x1, y0, y1 := b.X, b.X+b.W, b.Y, b.Y+b.H
			if b.Kind == TextBlock {
				w := m.width(b.Text, b.Style)
				if w > b.W+0.01 {
					t.Errorf("page %d: text %.1f mm wide in a %.1f mm box: %q", pi+1, w, b.W, b.Text)
				}
				y0 = b.Y - b.Style.Size*ptToMM*0.9
				y1 = b.Y + b.Style.Size*ptToMM*0.25
				if p.Number > 0 && b.Text == fmt.Sprint(p.Number) && b.Y < g.Top {
					continue // the page number, in the top margin
				}
			}
			if x0 < g.Left-0.01 || x1 > g.Width-g.Right+0.01 || y0 < g.Top-0.01 || y1 > g.Height-g.Bottom+0.01 {
				t.Errorf("page %d (%v): block outside the margins: %+v", pi+1, p.Landscape, b)
			}
		}
	}
}

func TestPageNumbers(t *testing.T) {
	pages, _ := layoutDoc(t, sampleDoc(strings.Repeat("Đoạn văn. ", 1500)))
	var body, appendix []int
	for _, p := range pages {
		if p.Landscape {
			appendix = append(appendix, p.Number)
		} else {
			body = append(body, p.Number)
		}
	}
	check := func(name string, nums []int) {
		if len(nums) < 2 {
			t.Fatalf("%s has %d pages", name, len(nums))
		}
		for i, n := range nums {
			want := i + 1
			if i == 0 {
				want = 0 // the first page shows no number
			}
			if n != want {
				t.Errorf("%s page %d numbered %d", name, i+1, n)
			}
		}
	}
	check("body", body)
	check("appendix", appendix)
	p := pages[1]
	for _, b := range p.Blocks {
		if b.Text == "2" {
			g := p.Geometry()
			if b.Style.Size != PageNumberSize || b.Align != Center || b.Y > g.Top || math.Abs(b.X+b.W/2-(g.Left+g.TextWidth()/2)) > 0.01 {
				t.Errorf("page number block %+v", b)
			}
		}
	}
}

func find(p Page, text string) *Block {
	for i := range p.Blocks {
		if p.Blocks[i].Text == text {
			return &p.Blocks[i]
		}
	}
	return nil
}

// The page-1 header: sizes, styles, columns and lines of FORMAT-ND30.
func TestHeader(t *testing.T) {
	pages, _ := layoutDoc(t, sampleDoc("Thân bài."))
	p := pages[0]
	g := p.Geometry()
	for _, tc := range []struct {
		text  string
		style Style
		right bool
	}{
		{"UBND TỈNH KON TUM", Style{Size: 13}, false},
		{"SỞ KHOA HỌC", Style{Size: 13, Bold: true}, false},
		{"VÀ CÔNG NGHỆ", Style{Size: 13, Bold: true}, false},
		{"Số: 05/BC-SKHCN", Style{Size: 13}, false},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style{Size: 13, Bold: true}, true},
		{"Độc lập - Tự do - Hạnh phúc", Style{Size: 14, Bold: true}, true},
		{"Kon Tum, ngày 20 tháng 12 năm 2024", Style{Size: 14, Italic: true}, true},
		{"BÁO CÁO", Style{Size: 14, Bold: true}, false},
	} {
		b := find(p, tc.text)
		if b == nil {
			t.Errorf("no line %q on page 1", tc.text)
			continue
		}
		if b.Style != tc.style || b.Align != Center {
			t.Errorf("%q: style %+v align %v", tc.text, b.Style, b.Align)
		}
		mid := g.Left + g.TextWidth()*0.37
		if tc.right != (b.X >= mid) && tc.text != "BÁO CÁO" {
			t.Errorf("%q in the wrong column (x %.1f)", tc.text, b.X)
		}
	}
	num, date := find(p, "Số: 05/BC-SKHCN"), find(p, "Kon Tum, ngày 20 tháng 12 năm 2024")
	if num != nil && date != nil && math.Abs(num.Y-date.Y) > 0.01 {
		t.Errorf("number (y %.1f) and date (y %.1f) are not level", num.Y, date.Y)
	}
	// Rules: under the issuing body (40% of its width) and under the motto
	// (as long as it).
	m, _ := newMeasurer()
	var rules []Block
	for _, b := range p.Blocks {
		if b.Kind == LineBlock {
			rules = append(rules, b)
		}
	}
	if len(rules) < 2 {
		t.Fatalf("%d rules on page 1", len(rules))
	}
	motto := m.width("Độc lập - Tự do - Hạnh phúc", Style{Size: 14, Bold: true})
	if math.Abs(rules[1].W-motto) > 0.01 {
		t.Errorf("motto rule %.1f mm, text %.1f mm", rules[1].W, motto)
	}
	body := m.width("VÀ CÔNG NGHỆ", Style{Size: 13, Bold: true})
	if r := rules[0].W / body; r < 0.33 || r > 0.5 {
		t.Errorf("body rule is %.2f of the text", r)
	}
}

func TestTablesRepeatHeadersAndSplitRows(t *testing.T) {
	pages, _ := layoutDoc(t, sampleDoc("Thân bài."))
	landscape := 0
	for _, p := range pages {
		if !p.Landscape {
			continue
		}
		landscape++
		if find(p, "Nội dung") == nil || find(p, "Tình trạng") == nil {
			t.Errorf("appendix page %d has no header row", landscape)
		}
	}
	if landscape < 3 {
		t.Errorf("the table of 6 tall rows takes %d pages", landscape)
	}
}

func TestMissingGlyphsReplaced(t *testing.T) {
	pages, missing := layoutDoc(t, sampleDoc("Thân bài."))
	if len(missing) != 1 || missing[0] != "U+1F600 “😀”" {
		t.Errorf("missing %v", missing)
	}
	found := false
	for _, b := range pages[0].Blocks {
		if strings.Contains(b.Text, "? kết thúc") || strings.Contains(b.Text, "?") && strings.Contains(b.Text, "kết") {
			found = true
		}
	}
	if !found {
		t.Error("the replacement is not drawn")
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	doc := sampleDoc("Thân bài.")
	pages, _ := layoutDoc(t, doc)
	var a, b bytes.Buffer
	if err := Render(&a, doc.Meta, pages); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, doc.Meta, pages); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Error("two renders differ")
	}
}

// FuzzLayout: any text lays out inside the margins without panic.
func FuzzLayout(f *testing.F) {
	f.Add("Sở Y tế 😀 \u202e\x00 " + strings.Repeat("W", 300))
	f.Add("a\nb\n\n\nc")
	f.Fuzz(func(t *testing.T, s string) {
		doc := Doc{Parts: []Part{{Elements: []Element{
			Paragraph{Text: s, Style: Style{Size: 14}, Align: Justify, Indent: 12.7},
			Table{Header: []string{"A", s}, Columns: []Column{{1, Left}, {3, Left}}, Rows: [][]string{{s, s}}},
		}}}}
		pages, _, err := Layout(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			g := p.Geometry()
			for _, b := range p.Blocks {
				if b.X < g.Left-0.01 || b.X+b.W > g.Width-g.Right+0.01 || b.Y > g.Height-g.Bottom+0.01 {
					t.Fatalf("block outside the margins: %+v", b)
				}
			}
		}
	})
}

// A header taller than a page (found by FuzzLayout: the header was repeated
// on each new page, which it filled, forever) is set once, split across
// pages like a row; every line of it is drawn once, and the rows follow.
func TestTableHeaderTallerThanAPage(t *testing.T) {
	long := strings.Repeat("?", 8000) // about 130 lines: two and a half pages
	pages, _ := layoutDoc(t, Doc{Parts: []Part{{Elements: []Element{
		Table{Header: []string{"A", long}, Columns: []Column{{1, Left}, {3, Left}}, Rows: [][]string{{"x", "cuối"}}},
	}}}})
	if len(pages) < 2 || len(pages) > 100 {
		t.Fatalf("%d pages", len(pages))
	}
	var head strings.Builder
	last := ""
	for _, p := range pages {
		for _, b := range p.Blocks {
			if b.Kind == TextBlock && b.Style.Bold && strings.Trim(b.Text, "?") == "" {
				head.WriteString(b.Text)
			}
			if b.Kind == TextBlock && !b.Style.Bold && b.Style.Size != PageNumberSize { // a row's text
				last = b.Text
			}
		}
	}
	if head.String() != long {
		t.Errorf("header drawn as %d characters, want %d once", head.Len(), len(long))
	}
	if last != "cuối" {
		t.Errorf("the last text drawn is %q, want the row's", last)
	}
}

// A row split across pages never splits a short cell: the status (six
// lines here) is read whole on the page where the row starts, however the
// long cells beside it run on.
func TestShortCellsNotSplit(t *testing.T) {
	long := strings.Repeat("Kết quả thực hiện nhiệm vụ của đơn vị trong năm. ", 40)
	status := "Thường xuyên, hằng năm – đang thực hiện, một, hai, ba"
	var rows [][]string
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprint(i + 1), long[:len(long)*(i%4+1)/4], status})
	}
	doc := Doc{Parts: []Part{{Landscape: true, Elements: []Element{
		Table{Size: 11, Header: []string{"TT", "Kết quả", "Tình trạng"}, Columns: []Column{{6, Center}, {150, Left}, {14, Left}}, Rows: rows},
	}}}}
	pages, _ := layoutDoc(t, doc)
	if len(pages) < 3 {
		t.Fatalf("%d pages: the rows do not run over pages", len(pages))
	}
	// The status column's lines, page by page: each status starts with
	// "Thường" and has all its lines on its page.
	var counts [][]int
	for _, p := range pages {
		var c []int
		for _, b := range p.Blocks {
			if b.Kind != TextBlock || b.X < 240 || b.Text == "Tình trạng" {
				continue
			}
			if strings.HasPrefix(b.Text, "Thường") || len(c) == 0 {
				c = append(c, 0)
			}
			c[len(c)-1]++
		}
		counts = append(counts, c)
	}
	whole := counts[0][0]
	if whole < 4 {
		t.Fatalf("the status is %d lines; the test needs a taller one", whole)
	}
	statuses := 0
	for k, c := range counts {
		for _, n := range c {
			if n != whole {
				t.Errorf("page %d: a status of %d of its %d lines", k+1, n, whole)
			}
			statuses++
		}
	}
	if statuses != len(rows) {
		t.Errorf("%d statuses drawn, want %d", statuses, len(rows))
	}
}

// A run of headings ("5. …" then "a) …") is never left at the foot of a
// page, wherever the text before it ends: the first heading's page also
// holds the body text after the last.
func TestHeadingsKeptWithWhatFollows(t *testing.T) {
	body := Style{Size: 14}
	for n := 30; n < 60; n++ {
		filler := strings.TrimSpace(strings.Repeat("Một dòng chữ của thân bài báo cáo tổng hợp. ", n*2))
		doc := Doc{Parts: []Part{{Elements: []Element{
			Paragraph{Text: filler, Style: body, Align: Justify, Indent: 12.7, SpaceAfter: 2},
			Paragraph{Text: "5. Thúc đẩy phát triển thị trường khoa học và công nghệ", Style: Style{Size: 14, Bold: true}, KeepWithNext: true, Indent: 12.7, SpaceAfter: 2},
			Paragraph{Text: "a) Nhiệm vụ 14: Phát triển thị trường khoa học và công nghệ", Style: Style{Size: 14, Italic: true}, KeepWithNext: true, Indent: 12.7, SpaceAfter: 2},
			Paragraph{Text: "- Tình trạng chung: Đang thực hiện (hằng năm). Sở Khoa học và Công nghệ báo cáo kết quả.", Style: body, Align: Justify, Indent: 12.7},
		}}}}
		pages, _ := layoutDoc(t, doc)
		found := false
		for k, p := range pages {
			has := func(prefix string) bool {
				for _, b := range p.Blocks {
					if strings.HasPrefix(b.Text, prefix) {
						return true
					}
				}
				return false
			}
			if has("5. Thúc") {
				found = true
				if !has("a) Nhiệm") || !has("- Tình") {
					t.Errorf("filler of %d: page %d ends with the heading, the text after it is on the next page", n, k+1)
				}
			}
		}
		if !found {
			t.Fatal("heading not drawn")
		}
	}
}
