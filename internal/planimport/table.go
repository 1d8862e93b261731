package planimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// column is what a column of the plan's table holds.
type column int

const (
	colOther   column = iota // a column kept as a task field ("Sản phẩm")
	colNumber                // TT, STT
	colContent               // Nội dung, Nhiệm vụ
	colLead                  // Đơn vị chủ trì
	colCoord                 // Đơn vị phối hợp
	colTime                  // Thời gian, Thời hạn
	colNone                  // no label
)

// classify reads a header label, whatever its wording and case.
func classify(label string) column {
	f := vntext.Fold(label)
	switch {
	case f == "":
		return colNone
	case utf8.RuneCountInString(f) > 60: // a task's text, not a label
		return colOther
	case f == "tt" || f == "stt" || f == "so tt" || f == "so thu tu" || f == "thu tu":
		return colNumber
	case strings.Contains(f, "phoi hop"):
		return colCoord
	case strings.Contains(f, "chu tri"):
		return colLead
	case strings.Contains(f, "thoi gian") || strings.Contains(f, "thoi han") || strings.Contains(f, "tien do") || f == "han":
		return colTime
	case strings.Contains(f, "noi dung") || strings.Contains(f, "nhiem vu") || strings.Contains(f, "giai phap") || f == "ten" ||
		strings.HasPrefix(f, "ten ") || strings.Contains(f, "cong viec"):
		return colContent
	}
	return colOther
}

// layout is the columns of the table, found from its header.
type layout struct {
	cols                               []column
	labels                             []string        // as written
	texts                              map[string]bool // every header cell's text, folded: a repeated header is skipped
	number, content, lead, coord, time int
}

// header reads a row as the table's header; ok when it names at least the
// content and the lead or coordinating units.
func header(r row) (layout, bool) {
	l := layout{number: -1, content: -1, lead: -1, coord: -1, time: -1, texts: map[string]bool{}}
	for i, c := range r.cells {
		l.texts[vntext.Fold(c.text())] = true
		k := classify(c.text())
		l.cols = append(l.cols, k)
		l.labels = append(l.labels, c.text())
		p := map[column]*int{colNumber: &l.number, colContent: &l.content, colLead: &l.lead, colCoord: &l.coord, colTime: &l.time}[k]
		if p != nil && *p < 0 {
			*p = i
		}
	}
	return l, l.content >= 0 && (l.lead >= 0 || l.coord >= 0)
}

// merge takes a second header row ("Đơn vị thực hiện" over "Chủ trì",
// "Phối hợp") into the layout.
func (l *layout) merge(r row) bool {
	if l.number >= 0 && len(r.at(l.number).paras) > 0 {
		return false
	}
	found := false
	for _, c := range r.cells {
		k := classify(c.text())
		if k == colLead || k == colCoord || k == colTime {
			found = true
		}
	}
	if !found {
		return false
	}
	for i, c := range r.cells {
		l.texts[vntext.Fold(c.text())] = true
		k := classify(c.text())
		if k == colNone {
			continue
		}
		for len(l.cols) <= i {
			l.cols = append(l.cols, colNone)
			l.labels = append(l.labels, "")
		}
		l.cols[i], l.labels[i] = k, c.text()
		p := map[column]*int{colNumber: &l.number, colContent: &l.content, colLead: &l.lead, colCoord: &l.coord, colTime: &l.time}[k]
		if p != nil {
			*p = i
		}
	}
	return true
}

// repeats reports whether r is the header again (a table continued on a
// new page, or a sheet that repeats it).
func (l layout) repeats(r row) bool {
	n := 0
	for _, c := range r.cells {
		if t := c.text(); t != "" {
			if !l.texts[vntext.Fold(t)] {
				return false
			}
			n++
		}
	}
	// Two cells of the header, or the number column's own label ("TT").
	return n >= 2 || n == 1 && l.number >= 0 && classify(r.at(l.number).text()) == colNumber
}

var columnNumber = regexp.MustCompile(`^\(?\d{1,2}\)?$`)

// numbering reports whether r is the row of column numbers some tables put
// under the header: "(1) (2) (3) (4) (5)".
func (l layout) numbering(r row) bool {
	n := 0
	for _, c := range r.cells {
		if t := c.text(); t != "" {
			if !columnNumber.MatchString(t) {
				return false
			}
			n++
		}
	}
	return n >= 3
}

// rawSection and rawTask are what the table says, before names and
// timeframes are read.
type rawSection struct {
	number, title, where string
}

type rawTask struct {
	number, section     string
	content, footnotes  []string
	lead, coord, time   []string
	fields              [][]string // by other column
	where               string
	numberAsWritten     string
	sectionMade, joined bool
}

// plan is the table read.
type plan struct {
	layout   layout
	where    string // the table: "bảng 1", "trang tính “Phụ lục”"
	sections []rawSection
	tasks    []*rawTask
	notes    []string

	sheet, date1904 bool // read from a workbook (dates as serial numbers)

	lastNumber string // the last task numbered with digits
	numbered   bool   // the table numbers its sections (I, II...)
	auto       int    // sections numbered here since the last numbered one
}

var (
	romanNumber = regexp.MustCompile(`^(?i)(?:X{1,3}(?:IX|IV|V?I{0,3})|IX|IV|V?I{1,3}|V)[.)]?$`)
	romanTitle  = regexp.MustCompile(`^((?:X{1,3}(?:IX|IV|V?I{0,3})|IX|IV|V?I{1,3}|V))[.)]\s+(\S.*)$`)
	letterPart  = regexp.MustCompile(`^([A-H])[.)]?$`)
	taskNumber  = regexp.MustCompile(`^(\d+(?:[.,]\d+)*)[.)]?$`)
	serial      = regexp.MustCompile(`^[2-7]\d{4}$`) // a date's serial number, 1954–2119
)

// readPlan finds the task table among the grids and reads its rows.
func readPlan(grids []grid) (*plan, error) {
	gi, ri, l, found, two := -1, -1, layout{}, false, false
	for i, g := range grids {
		for j, r := range g.rows {
			lay, ok := header(r)
			if !ok && lay.content >= 0 && j+1 < len(g.rows) {
				// "Đơn vị thực hiện" over "Chủ trì", "Phối hợp".
				if lay.merge(g.rows[j+1]) && (lay.lead >= 0 || lay.coord >= 0) {
					ok, two = true, true
				}
			}
			if ok {
				gi, ri, l, found = i, j, lay, true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("không tìm thấy bảng nhiệm vụ: cần một dòng tiêu đề có cột nội dung (“Nội dung”, “Nhiệm vụ”...) và cột đơn vị chủ trì hoặc phối hợp (“Đơn vị chủ trì”, “Cơ quan chủ trì”, “Đơn vị phối hợp”...)")
	}
	p := &plan{layout: l, where: grids[gi].name, sheet: grids[gi].sheet, date1904: grids[gi].date1904}
	g := grids[gi]
	start := ri + 1
	if two || start < len(g.rows) && p.layout.merge(g.rows[start]) {
		start++
	}
	p.rows(g.rows[start:])
	width := len(g.rows[ri].cells)
	// The table split across tables (a page each, the header repeated or
	// not) goes on while the next tables have its columns.
	for _, next := range grids[gi+1:] {
		if len(next.rows) == 0 {
			continue
		}
		first := 0
		for first < len(next.rows) && next.rows[first].empty() {
			first++
		}
		if first == len(next.rows) {
			continue
		}
		switch h, ok := header(next.rows[first]); {
		case ok && h.content == p.layout.content:
			p.rows(next.rows[first+1:])
		case !ok && len(next.rows[first].cells) == width:
			p.rows(next.rows[first:])
		default:
			return p, nil
		}
	}
	return p, nil
}

// rows reads data rows.
func (p *plan) rows(rows []row) {
	l := p.layout
	for _, r := range rows {
		if r.empty() || l.repeats(r) || l.numbering(r) {
			continue
		}
		num := strings.TrimSpace(r.at(l.number).text())
		content := r.at(l.content)
		rest := ""
		for _, c := range []int{l.lead, l.coord, l.time} {
			rest += r.at(c).text()
		}
		switch {
		case num != "" && rest == "" && romanTitle.MatchString(num):
			// "III. TITLE" in one cell merged across the row.
			m := romanTitle.FindStringSubmatch(num)
			p.numbered, p.auto = true, 0
			p.section(strings.ToUpper(m[1]), m[2], r.where)
		case num != "" && romanNumber.MatchString(num) && rest == "":
			p.numbered, p.auto = true, 0
			title := content.text()
			if title == "" { // the title in another cell of the row
				for i, c := range r.cells {
					if i != l.number && c.text() != "" {
						title = c.text()
						break
					}
				}
			}
			p.section(strings.ToUpper(strings.TrimRight(num, ".)")), title, r.where)
		case num != "" && letterPart.MatchString(num) && rest == "" && content.text() != "":
			p.numbered, p.auto = true, 0
			p.section(strings.TrimRight(num, ".)"), content.text(), r.where)
		case num == "" && rest == "" && romanTitle.MatchString(firstText(r)):
			m := romanTitle.FindStringSubmatch(firstText(r))
			p.numbered, p.auto = true, 0
			p.section(strings.ToUpper(m[1]), m[2], r.where)
		case num == "" && rest == "" && content.text() != "" && (content.bold || content.span >= 3) && !startsLower(content.text()):
			// A title merged across the row, or in bold, without a number.
			p.untitled(content.text(), r.where)
		case num != "" && rest == "" && utf8.RuneCountInString(num) > 8 && strings.Contains(num, " ") && !taskNumber.MatchString(num):
			// A title merged across the row, the number column included.
			p.untitled(num, r.where)
		case num != "" && taskNumber.MatchString(num):
			n := strings.ReplaceAll(taskNumber.FindStringSubmatch(num)[1], ",", ".")
			p.task(n, num, r)
			p.lastNumber = n
		case num != "":
			n := strings.Map(func(r rune) rune {
				if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
					return r
				}
				return -1
			}, vntext.Fold(num))
			switch {
			case n == "": // "-", "*", "!": only marks
				n = strconv.Itoa(len(p.tasks) + 1)
			case p.lastNumber != "":
				n = p.lastNumber + n // "a)" under task 3: "3a"
			}
			p.task(n, num, r)
			p.notes = append(p.notes, fmt.Sprintf("%s: số thứ tự “%s” không phải số; đọc là nhiệm vụ %s", r.where, num, n))
		default:
			p.continued(r)
		}
	}
}

func firstText(r row) string {
	for _, c := range r.cells {
		if t := c.text(); t != "" {
			return t
		}
	}
	return ""
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// untitled adds a section whose row has no number: numbered after the
// sections before it ("II", or "II.1" when the table numbers its own, so
// that the next numbered section keeps its number).
func (p *plan) untitled(title, where string) {
	number := vntext.Roman(len(p.sections) + 1)
	if p.numbered && len(p.sections) > 0 {
		p.auto++
		number = fmt.Sprintf("%s.%d", p.sections[len(p.sections)-1-p.auto+1].number, p.auto)
	} else if len(p.sections) > 0 {
		if v := fromRoman(p.sections[len(p.sections)-1].number); v > 0 {
			number = vntext.Roman(v + 1)
		}
	}
	p.section(number, title, where)
	p.notes = append(p.notes, fmt.Sprintf("%s: dòng “%s” không có số, được đọc là tiêu đề một phần, đánh số %s", where, short(title), number))
}

func (p *plan) section(number, title, where string) {
	if title = strings.TrimSpace(title); title == "" {
		title = "GIỮ CHỖ: tên phần"
		p.notes = append(p.notes, fmt.Sprintf("%s: phần %s không có tên", where, number))
	}
	p.sections = append(p.sections, rawSection{number: number, title: title, where: where})
}

func (p *plan) task(number, asWritten string, r row) {
	l := p.layout
	t := &rawTask{number: number, numberAsWritten: asWritten, where: r.where}
	if len(p.sections) == 0 {
		p.section("I", "Các nhiệm vụ", r.where)
		t.sectionMade = true
	}
	t.section = p.sections[len(p.sections)-1].number
	c := r.at(l.content)
	t.content, t.footnotes = c.paras, c.footnotes
	t.lead, t.coord, t.time = r.at(l.lead).paras, r.at(l.coord).paras, r.at(l.time).paras
	// A date typed into a sheet's cell is stored as its serial number.
	if len(t.time) == 1 && p.sheet && serial.MatchString(t.time[0]) {
		if d, ok := (xlsx.Cell{Type: xlsx.Number, Value: t.time[0]}).Time(p.date1904); ok {
			t.time = []string{d.Format("02/01/2006")}
		}
	}
	for i, k := range l.cols {
		if k == colOther {
			t.fields = append(t.fields, r.at(i).paras)
		}
	}
	p.tasks = append(p.tasks, t)
}

// continued adds a row without a number to the task above it: the text
// of a task that runs onto the next page. A paragraph cut mid-sentence at
// the page's end is joined again.
func (p *plan) continued(r row) {
	if len(p.tasks) == 0 {
		p.notes = append(p.notes, fmt.Sprintf("%s: dòng không có số thứ tự trước nhiệm vụ đầu tiên, bỏ qua: “%s”", r.where, short(firstText(r))))
		return
	}
	t := p.tasks[len(p.tasks)-1]
	t.joined = true
	l := p.layout
	c := r.at(l.content)
	paras := renumber(c.paras, len(t.footnotes), len(c.footnotes) > 0)
	t.content = joinParas(t.content, paras)
	t.footnotes = append(t.footnotes, c.footnotes...)
	for _, f := range []struct {
		into *[]string
		col  int
	}{{&t.lead, l.lead}, {&t.coord, l.coord}, {&t.time, l.time}} {
		more := r.at(f.col).paras
		switch {
		case len(more) == 0:
		case len(*f.into) == 0:
			*f.into = more
		case strings.Join(*f.into, " ") != strings.Join(more, " "): // not a merged cell read again
			*f.into = joinParas(*f.into, more)
		}
	}
	k := 0
	for i, kind := range l.cols {
		if kind == colOther {
			if more := r.at(i).paras; len(more) > 0 && k < len(t.fields) {
				t.fields[k] = joinParas(t.fields[k], more)
			}
			k++
		}
	}
}

// joinParas appends paragraphs; the first joins the last when that ends
// mid-sentence and the next starts in lower case.
func joinParas(a, b []string) []string {
	if len(a) > 0 && len(b) > 0 {
		last := a[len(a)-1]
		end, _ := utf8.DecodeLastRuneInString(last)
		if !strings.ContainsRune(".;:!?…", end) && startsLower(b[0]) {
			out := append([]string(nil), a[:len(a)-1]...)
			out = append(out, last+" "+b[0])
			return append(out, b[1:]...)
		}
	}
	return append(append([]string(nil), a...), b...)
}

var superDigits = map[rune]int{'⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9}

// renumber shifts the footnote marks of a continued cell by offset (Word
// numbers them within each cell).
func renumber(paras []string, offset int, marks bool) []string {
	if !marks || offset == 0 {
		return paras
	}
	out := make([]string, len(paras))
	for i, p := range paras {
		var b strings.Builder
		rs := []rune(p)
		for j := 0; j < len(rs); j++ {
			if _, ok := superDigits[rs[j]]; !ok {
				b.WriteRune(rs[j])
				continue
			}
			n := 0
			for ; j < len(rs); j++ {
				d, ok := superDigits[rs[j]]
				if !ok {
					break
				}
				n = n*10 + d
			}
			j--
			for _, c := range strconv.Itoa(n + offset) {
				b.WriteRune([]rune("⁰¹²³⁴⁵⁶⁷⁸⁹")[c-'0'])
			}
		}
		out[i] = b.String()
	}
	return out
}

// fromRoman is the value of a Roman numeral, 0 for anything else.
func fromRoman(s string) int {
	for n := 1; n < 40; n++ {
		if vntext.Roman(n) == s {
			return n
		}
	}
	return 0
}

// short is a text cut for a message.
func short(s string) string {
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:57]) + "…"
}
