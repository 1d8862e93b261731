package intake

import (
	"fmt"
	"strings"

	"baocao/internal/form"
	"baocao/internal/problem"
	"baocao/internal/xlsx"
	"baocao/internal/xltemplate"
)

// Inventory accounts for the non-empty cells of one workbook.
type Inventory struct {
	File     string
	Cells    int // non-empty cells the workbook holds
	Used     int // taken into the consolidation
	Form     int // the template's own text: titles, labels, locked task text, instructions, metadata
	Problems int // named in a problem (a cell no step read is named in a warning)
}

// otherSheets reports content in sheets the template does not have: it
// would otherwise be lost without a word. The instructions sheet is the
// template's text.
func (rd *reading) otherSheets() {
	if s := rd.sheetNamed(form.SheetGuide); s != nil {
		readAll(s, xlsx.AsForm)
		rd.tableSheets[s] = true
	}
	for _, name := range []string{form.SheetInfo, form.SheetTasks, form.SheetIndicators, form.SheetMeta} {
		if s := rd.sheetNamed(name); s != nil {
			rd.tableSheets[s] = true
		}
	}
	for _, s := range rd.book.Sheets {
		if rd.tableSheets[s] {
			continue
		}
		n := 0
		for r := 1; r <= s.MaxRow(); r++ {
			for c := 1; c <= s.MaxCol(); c++ {
				if !blank(s.Peek(r, c)) {
					n++
				}
			}
		}
		if n == 0 {
			continue
		}
		end := xlsx.CellName(s.MaxCol(), s.MaxRow())
		rd.probs.Add(&problem.Problem{File: rd.path, Sheet: s.Name, Cell: "A1:" + end, Row: 1, Col: 1, Severity: problem.Warning, Err: ErrUnknownSheet,
			Message: fmt.Sprintf("trang tính “%s” không có trong biểu mẫu; %d ô có nội dung ở đây không được tổng hợp", s.Name, n),
			Hint:    "chuyển nội dung cần báo cáo vào trang Nhiệm vụ hoặc Chỉ tiêu"})
	}
}

// annotations names what a workbook holds outside its cells' values: a
// note (comment) on a cell — where a unit may have written its result —,
// the address behind a hyperlink, a picture. None of it is consolidated;
// each is said, with its place.
func (rd *reading) annotations() {
	for _, s := range rd.book.Sheets {
		for _, n := range s.Notes() {
			text := strings.TrimSpace(strings.TrimPrefix(n.Text, n.Author+":"))
			text, _ = clean(text)
			rd.add(problem.Warning, s.Name, n.Col, n.Row, ErrAnnotation,
				fmt.Sprintf("ô có ghi chú (comment): “%s”; ghi chú không được tổng hợp", clip(text, 80)),
				"nếu là nội dung báo cáo, chuyển vào ô (ví dụ cột Kết quả thực hiện) rồi gửi lại")
		}
		for _, l := range s.Links() {
			rd.probs.Add(&problem.Problem{File: rd.path, Sheet: strings.Clone(s.Name), Cell: l.Range.String(), Row: l.Range.FromRow, Col: l.Range.FromCol,
				Severity: problem.Warning, Err: ErrAnnotation,
				Message: fmt.Sprintf("ô có liên kết tới “%s”; chỉ chữ hiện trong ô được tổng hợp, địa chỉ liên kết thì không", clip(l.Target, 80)),
				Hint:    "nếu địa chỉ là nội dung cần báo cáo, ghi địa chỉ vào nội dung ô"})
		}
		if n := s.Pictures(); n > 0 {
			rd.add(problem.Warning, s.Name, 0, 0, ErrAnnotation,
				fmt.Sprintf("trang có %d hình ảnh, biểu đồ hoặc hình vẽ; không được tổng hợp", n),
				"ghi nội dung cần báo cáo bằng chữ trong các ô của biểu mẫu")
		}
	}
}

// sweep derives the inventory from what the book recorded: every cell a
// problem names is accounted for by it; a non-empty cell no step read is
// named in a warning, so that nothing is dropped without a word.
func (rd *reading) sweep() {
	for _, p := range rd.probs {
		if s := rd.book.Sheet(p.Sheet); s != nil && p.Cell != "" {
			if rg, ok := xlsx.ParseRange(p.Cell); ok {
				for r := rg.FromRow; r <= rg.ToRow; r++ {
					for c := rg.FromCol; c <= rg.ToCol; c++ {
						s.Mark(r, c, xlsx.AsProblem)
					}
				}
			}
		}
	}
	inv := Inventory{File: rd.path}
	for _, f := range rd.book.Inventory() {
		if f.Cell.Formula == "" && strings.TrimSpace(f.Cell.Value) == "" {
			continue // spaces only: nothing to lose
		}
		inv.Cells++
		use := f.Use
		if rd.sub.Unit == nil {
			// Not read: the error that the file's unit is unknown stands
			// for all of it.
			use = xlsx.AsProblem
		}
		switch use {
		case xlsx.Unread:
			rd.add(problem.Warning, f.Sheet, f.Col, f.Row, ErrOutsideTable,
				fmt.Sprintf("ô này không thuộc bảng nào của biểu mẫu nên không được tổng hợp: “%s”", clip(f.Cell.Value, 60)),
				"chuyển nội dung cần báo cáo vào đúng ô của biểu mẫu")
			inv.Problems++
		case xlsx.AsForm:
			if !rd.otherTemplate && rd.edited(f) { // another period's template: its own titles, named once above
				rd.add(problem.Warning, f.Sheet, f.Col, f.Row, ErrTemplateEdited,
					fmt.Sprintf("ô thuộc phần lời của biểu mẫu đã bị sửa hoặc ghi thêm: “%s”; nội dung này không được tổng hợp", clip(f.Cell.Value, 60)),
					"không sửa phần lời của biểu mẫu; nội dung cần báo cáo ghi vào đúng ô của bảng nhiệm vụ hoặc chỉ tiêu")
				inv.Problems++
				continue
			}
			inv.Form++
		case xlsx.AsValue:
			inv.Used++
		default:
			inv.Problems++
		}
	}
	rd.inventory = inv
}

// Total adds inventories up.
func Total(invs []Inventory) Inventory {
	t := Inventory{File: "tổng cộng"}
	for _, i := range invs {
		t.Cells += i.Cells
		t.Used += i.Used
		t.Form += i.Form
		t.Problems += i.Problems
	}
	return t
}

// edited reports whether a cell read as the template's text holds words
// the template of the unit does not have: a note typed into the
// instructions or over a title. The hidden metadata sheet is checked when
// the file is identified, and the locked cells of table rows row by row.
func (rd *reading) edited(f xlsx.Filled) bool {
	if rd.sub.Unit == nil || f.Cell.Type != xlsx.Text {
		return false
	}
	if s := rd.sheetNamed(form.SheetMeta); s != nil && s.Name == f.Sheet {
		return false
	}
	if rd.words == nil {
		rd.words = map[string]bool{}
		for _, t := range rd.templateTexts() {
			rd.words[t] = true
		}
	}
	// A cell nobody touched holds the text exactly as written: cleaning is
	// only for the rare cell that differs, against the texts cleaned once.
	if rd.words[f.Cell.Value] {
		return false
	}
	if rd.cleanWords == nil {
		rd.cleanWords = map[string]bool{}
		for t := range rd.words {
			w, _ := clean(t)
			rd.cleanWords[w] = true
		}
	}
	w, _ := clean(f.Cell.Value)
	return w != "" && !rd.cleanWords[w]
}

// templateTexts is every text the unit's template writes.
func (rd *reading) templateTexts() []string {
	out := xltemplate.Texts(rd.c, rd.sub.Unit)
	for i, a := range rd.c.Assignments(rd.sub.Unit.Code) {
		for _, t := range xltemplate.TaskRow(a, i) {
			out = append(out, t)
		}
	}
	for i, in := range rd.c.Indicators {
		for _, t := range xltemplate.IndicatorRow(in, i) {
			out = append(out, t)
		}
	}
	for _, v := range xltemplate.Metadata(rd.c, rd.sub.Unit) {
		out = append(out, v)
	}
	return out
}
