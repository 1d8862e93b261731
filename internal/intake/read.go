package intake

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// Sentinels of problems inside a workbook.
var (
	ErrWrongCatalogue   = errors.New("template of another catalogue")
	ErrOutdated         = errors.New("template made from another version of the catalogue")
	ErrUnknownUnit      = errors.New("unit cannot be identified")
	ErrUnitMismatch     = errors.New("metadata and sheet name different units")
	ErrMissingSheet     = errors.New("sheet missing")
	ErrMissingColumn    = errors.New("column missing")
	ErrUnknownTask      = errors.New("task not in the catalogue")
	ErrNotAssigned      = errors.New("task not assigned to the unit")
	ErrDuplicateRow     = errors.New("task reported twice")
	ErrNoTaskNumber     = errors.New("content in a row without a task number")
	ErrStatus           = errors.New("invalid status")
	ErrStatusVariant    = errors.New("status written differently")
	ErrDate             = errors.New("invalid date")
	ErrNumber           = errors.New("invalid number")
	ErrLegacyText       = errors.New("text in a legacy encoding")
	ErrMissingInfo      = errors.New("reporter details missing")
	ErrNotReported      = errors.New("task not reported")
	ErrNoResult         = errors.New("completed task without result")
	ErrOutsideTable     = errors.New("content outside the table")
	ErrMacros           = errors.New("workbook has macros")
	ErrSuperseded       = errors.New("superseded by a later file")
	ErrTooLong          = errors.New("cell text over Excel's limit")
	ErrFormula          = errors.New("formula without a computed value")
	ErrMerged           = errors.New("merged input cells")
	ErrHidden           = errors.New("hidden rows or sheets")
	ErrExternalLinks    = errors.New("links to other workbooks")
	ErrUnknownSheet     = errors.New("content in a sheet the template does not have")
	ErrTooMany          = errors.New("more problems than listed")
	ErrEmptyReport      = errors.New("template sent back with nothing filled")
	ErrUnknownIndicator = errors.New("indicator not in the catalogue")
	ErrCellType         = errors.New("true/false or error value where text, a status, a date or a number is expected")
	ErrAmbiguousNumber  = errors.New("number that reads two ways")
	ErrTemplateEdited   = errors.New("the template's own text was changed")
	ErrOwnOutput        = errors.New("a workbook baocao wrote")
	ErrNumberAsText     = errors.New("a number where text is expected")
	ErrAnnotation       = errors.New("a note, link or picture, not consolidated")
	ErrWrongPeriod      = errors.New("a template of another reporting period")
	ErrPredecessor      = errors.New("a template of a unit merged into another")
)

// MaxCellText is Excel's limit on the characters of a cell: longer text
// cannot come from Excel, LibreOffice or WPS.
const MaxCellText = 32767

// MaxProblems is how many problems one file lists; the rest are counted in
// one closing line.
const MaxProblems = 300

// Reader reads submissions against one catalogue.
type Reader struct {
	Catalogue *model.Catalogue
	Limits    Limits

	namesOnce sync.Once
	names     *unitNames
}

// unitNames is the reader's index of unit names, built on first use.
func (r *Reader) unitNames() *unitNames {
	r.namesOnce.Do(func() { r.names = newUnitNames(r.Catalogue) })
	return r.names
}

// reading is the state of one file being read.
type reading struct {
	r             *Reader
	c             *model.Catalogue
	path          string
	book          *xlsx.Book
	sub           *model.Submission
	probs         problem.List
	dropped       int                  // problems over MaxProblems
	tableSheets   map[*xlsx.Sheet]bool // sheets where a table was found
	words         map[string]bool      // the template's own texts for the unit, as written
	cleanWords    map[string]bool      // the same, cleaned; made on the first cell that differs
	inventory     Inventory
	otherTemplate bool // another period's template, or a merged unit's: its texts are not this template's
}

func (rd *reading) add(sev problem.Severity, sheet string, col, row int, err error, msg, hint string) {
	if len(rd.probs) >= MaxProblems {
		if s := rd.book.Sheet(sheet); s != nil && col > 0 && row > 0 {
			s.Mark(row, col, xlsx.AsProblem)
		}
		rd.dropped++
		if sev == problem.Error {
			rd.sub.Invalid = true
		}
		return
	}
	cell := ""
	if col > 0 && row > 0 {
		cell = xlsx.CellName(col, row)
	}
	rd.probs.Add(&problem.Problem{File: rd.path, Sheet: strings.Clone(sheet), Cell: cell, Row: row, Col: col,
		Severity: sev, Err: err, Message: msg, Hint: hint})
}

// ref says where a value was read. The sheet's name is copied, as every
// string that outlives the reading is (see keep).
func (rd *reading) ref(sheet string, col, row int) model.Ref {
	return model.Ref{File: rd.path, Sheet: strings.Clone(sheet), Cell: xlsx.CellName(col, row), Row: row, Col: col}
}

// keep copies a string read from the workbook before the submission holds
// it: the reader's strings share the memory of the part they were read
// from, and one kept slice would keep the whole inflated part alive for
// the rest of the run (for 10,000 files, hundreds of megabytes).
func keep(s string) string { return strings.Clone(s) }

// Read reads one file. A file that cannot be read as a workbook gives a
// submission marked Unreadable (attributed by its name alone); any error
// marks the submission Invalid. A workbook baocao wrote (the consolidated
// workbook) gives none, and a warning.
func (r *Reader) Read(path string) (*model.Submission, problem.List) {
	sub, probs, _ := r.ReadInventory(path)
	return sub, probs
}

// ReadInventory reads one file like Read and also accounts for its
// non-empty cells. A file that cannot be opened has no cells to count.
func (r *Reader) ReadInventory(path string) (*model.Submission, problem.List, Inventory) {
	rd := &reading{r: r, c: r.Catalogue, path: path, inventory: Inventory{File: path}, tableSheets: map[*xlsx.Sheet]bool{}}
	rd.sub = &model.Submission{File: path, FileUnit: r.unitNames().file(path)}
	if st, err := os.Stat(path); err == nil {
		rd.sub.Modified = st.ModTime()
	}
	ok := rd.open()
	if ok && rd.book.Custom[form.MetaOutput] != "" {
		// The consolidated workbook of an earlier run, left beside the
		// submissions: not a unit's file.
		rd.probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrOwnOutput,
			Message: "đây là bảng tổng hợp do baocao lập, không phải tệp đơn vị gửi về; bỏ qua",
			Hint:    "nên ghi bảng tổng hợp ra ngoài thư mục chứa các tệp đơn vị gửi về"})
		return nil, rd.probs, rd.inventory
	}
	if !ok {
		// Not a workbook: attributed by its name alone, so that a unit
		// that sent a .xls shows as having sent one.
		rd.sub.Unit, rd.sub.Invalid = rd.sub.FileUnit, true
		rd.sub.Unreadable = rd.probs[0].Message
		rd.sub.Reason = rd.sub.Unreadable
		return rd.sub, rd.probs, rd.inventory
	}
	rd.read()
	return rd.sub, rd.probs, rd.inventory
}

// read reads an opened workbook through.
func (rd *reading) read() {
	path := rd.path
	rd.readMeta()
	info := rd.readInfo()
	rd.identify(info)
	rd.checkAttribution()
	if rd.sub.Unit != nil {
		rd.readTables()
	}
	rd.otherSheets()
	rd.annotations()
	rd.sweep()
	rd.probs.Sort()
	if rd.dropped > 0 {
		rd.probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrTooMany,
			Message: fmt.Sprintf("còn %d vấn đề khác trong tệp này không được liệt kê (chỉ liệt kê %d vấn đề đầu)", rd.dropped, MaxProblems),
			Hint:    "sửa các vấn đề trên rồi kiểm tra lại; tệp có quá nhiều vấn đề thường là tệp dán nhầm dữ liệu hoặc không phải biểu mẫu"})
	}
	rd.sub.Invalid = rd.sub.Invalid || rd.probs.HasErrors()
	rd.sub.Reason = reason(rd.probs)
	if rd.sub.Unit != nil && rd.sub.Empty() && !rd.sub.Invalid {
		// One warning says it all: not each task and field left blank.
		rd.probs = slices.DeleteFunc(rd.probs, func(p *problem.Problem) bool {
			return errors.Is(p, ErrNotReported) || errors.Is(p, ErrMissingInfo)
		})
		rd.probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrEmptyReport,
			Message: fmt.Sprintf("tệp của %s chưa điền nhiệm vụ hay chỉ tiêu nào: đã nhận nhưng chưa phải là báo cáo", rd.sub.Unit.Name),
			Hint:    "đề nghị đơn vị điền tình trạng và kết quả thực hiện các nhiệm vụ rồi gửi lại"})
	}
}

// open checks and opens the file, or records why it cannot be read.
func (rd *reading) open() bool {
	lim := rd.r.Limits
	if lim.FileSize == 0 {
		lim = DefaultLimits
	}
	book, err := xlsx.Open(rd.path, lim)
	if err != nil {
		var fe *xlsx.FileError
		if !errors.As(err, &fe) {
			fe = &xlsx.FileError{Err: ErrUnreadable, Message: "không đọc được tệp", Hint: "kiểm tra tệp có đang mở bằng chương trình khác hoặc bị khóa quyền truy cập không"}
		}
		rd.probs.Add(&problem.Problem{File: rd.path, Severity: problem.Error, Err: fe.Err, Message: fe.Message, Hint: fe.Hint})
		return false
	}
	rd.book = book
	if book.ExternalLinks {
		rd.probs.Add(&problem.Problem{File: rd.path, Severity: problem.Warning, Err: ErrExternalLinks,
			Message: "tệp có liên kết tới bảng tính khác; chỉ dùng giá trị đã lưu trong tệp, không cập nhật liên kết",
			Hint:    "đề nghị đơn vị thay công thức liên kết bằng giá trị (Sao chép → Dán giá trị) trước khi gửi"})
	}
	if book.Macros {
		rd.probs.Add(&problem.Problem{File: rd.path, Severity: problem.Warning, Err: ErrMacros, Message: "tệp có chứa macro (VBA); macro không được chạy, chỉ đọc giá trị các ô",
			Hint: "lưu ý không mở tệp bằng Excel với macro được bật nếu không rõ nguồn gốc"})
	}
	return true
}

// sheetNamed finds a sheet by its name, forgiving case, spacing and
// diacritics ("nhiem vu", "NHIỆM VỤ").
func (rd *reading) sheetNamed(name string) *xlsx.Sheet {
	if s := rd.book.Sheet(name); s != nil {
		return s
	}
	want := vntext.Fold(name)
	for _, s := range rd.book.Sheets {
		if vntext.Fold(s.Name) == want {
			return s
		}
	}
	return nil
}

// readAll reads every non-empty cell of a sheet for use.
func readAll(s *xlsx.Sheet, use xlsx.Use) {
	for r := 1; r <= s.MaxRow(); r++ {
		for c := 1; c <= s.MaxCol(); c++ {
			s.Read(r, c, use)
		}
	}
}

// readMeta reads the hidden metadata: the hidden sheet, or the custom
// properties when a client dropped the sheet.
func (rd *reading) readMeta() {
	t := &rd.sub.Template
	set := func(k, v string) {
		v = keep(v)
		switch strings.TrimSpace(k) {
		case form.MetaCatalogueID:
			t.CatalogueID = v
		case form.MetaCatalogueVersion:
			t.CatalogueVersion = v
		case form.MetaCatalogueHash:
			t.CatalogueHash = v
		case form.MetaUnitCode:
			t.UnitCode = v
		case form.MetaUnitName:
			t.UnitName = v
		case form.MetaTemplateFormat:
			t.Format = v
		case form.MetaPeriod:
			t.Period = v
		}
	}
	if s := rd.sheetNamed(form.SheetMeta); s != nil {
		readAll(s, xlsx.AsForm)
		for r := 1; r <= s.MaxRow(); r++ {
			set(s.Peek(r, 1).Value, strings.TrimSpace(s.Peek(r, 2).Value))
		}
	}
	if t.UnitCode == "" {
		for name, v := range rd.book.Custom {
			set(name, strings.TrimSpace(v))
		}
	}
}

// infoCell is a value of the info sheet and where it is.
type infoCell struct {
	cell     xlsx.Cell
	col, row int
}

// readInfo reads the label/value rows of the info sheet, wherever the rows
// are.
func (rd *reading) readInfo() map[string]infoCell {
	out := map[string]infoCell{}
	s := rd.sheetNamed(form.SheetInfo)
	if s == nil {
		rd.add(problem.Warning, "", 0, 0, ErrMissingSheet, fmt.Sprintf("không có trang “%s” (đã bị xóa hoặc đổi tên)", form.SheetInfo),
			"thông tin người báo cáo và ngày báo cáo bị thiếu; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		return out
	}
	rd.tableSheets[s] = true
	labels := infoLabels()
	first := 0
	for r := 1; r <= s.MaxRow(); r++ {
		for c := 1; c <= s.MaxCol(); c++ {
			cell := s.Peek(r, c)
			if cell.Type != xlsx.Text {
				continue
			}
			label, ok := labels.match(cell.Value)
			if !ok {
				continue
			}
			if _, dup := out[label]; dup {
				continue
			}
			s.Read(r, c, xlsx.AsForm)
			out[label] = infoCell{cell: s.Read(r, c+1, xlsx.AsValue), col: c + 1, row: r}
			if first == 0 {
				first = r
			}
		}
	}
	for r := 1; r < first; r++ { // the title above the fields
		for c := 1; c <= s.MaxCol(); c++ {
			s.Read(r, c, xlsx.AsForm)
		}
	}
	return out
}

// readTables reads the tasks table (looked for in every sheet when its
// sheet was renamed) and, when the catalogue has indicators, the
// indicators table.
func (rd *reading) readTables() {
	tasks := rd.findTable(tasksTable(), true)
	if tasks == nil {
		if s := rd.sheetNamed(form.SheetTasks); s != nil && s.MaxRow() > 0 {
			// The sheet is there, its header is not: the error stands for
			// every cell of it.
			rd.probs.Add(&problem.Problem{File: rd.path, Sheet: s.Name, Cell: "A1:" + xlsx.CellName(max(s.MaxCol(), 1), s.MaxRow()), Row: 1, Col: 1,
				Severity: problem.Error, Err: ErrMissingColumn,
				Message: "không đọc được bảng nhiệm vụ: dòng tiêu đề không còn cột “Nhiệm vụ số” (cột bị xóa hoặc đổi tên); nội dung trang này chưa được tổng hợp",
				Hint:    "không xóa hoặc đổi tên các cột của biểu mẫu; đề nghị đơn vị điền lại vào đúng biểu mẫu đã gửi"})
			rd.tableSheets[s] = true
			return
		}
		rd.add(problem.Error, "", 0, 0, ErrMissingSheet,
			fmt.Sprintf("không tìm thấy bảng nhiệm vụ: không có trang “%s” có dòng tiêu đề với cột “Nhiệm vụ số”", form.SheetTasks),
			"trang nhiệm vụ đã bị xóa, đổi tên hoặc sửa dòng tiêu đề; đề nghị đơn vị điền vào đúng biểu mẫu đã gửi")
	} else {
		rd.missingColumns(tasks, "bảng nhiệm vụ")
		rd.readTable(tasks)
		rd.missingTasks(tasks)
	}
	if len(rd.c.Indicators) == 0 {
		return
	}
	inds := rd.findTable(indicatorsTable(), false)
	if inds == nil {
		rd.add(problem.Warning, "", 0, 0, ErrMissingSheet, fmt.Sprintf("không tìm thấy bảng “%s” (đã bị xóa hoặc đổi tên)", form.SheetIndicators),
			"số liệu chỉ tiêu của đơn vị không được tổng hợp; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		return
	}
	rd.missingColumns(inds, "bảng chỉ tiêu")
	rd.readTable(inds)
}

// missingColumns names every input column a table lacks. The table is
// read all the same: what is in the other columns is whole, and a
// renamed column's cells are named as outside the table.
func (rd *reading) missingColumns(t *table, what string) {
	for _, col := range t.spec.columns {
		if _, found := t.cols[col.Key]; !found && (col.Input || col.Kind == form.Key) {
			rd.add(problem.Error, t.sheet.Name, 0, t.header, ErrMissingColumn, fmt.Sprintf("%s thiếu cột “%s”", what, col.Label),
				"không xóa hoặc đổi tên các cột của biểu mẫu; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		}
	}
}

// identify decides which unit the file is from: the hidden metadata first,
// then the unit's code or name in the info sheet; both must agree.
func (rd *reading) identify(info map[string]infoCell) {
	c, t := rd.c, rd.sub.Template
	sheet := ""
	if s := rd.sheetNamed(form.SheetInfo); s != nil {
		sheet = s.Name
	}
	var metaUnit, sheetUnit *model.Unit
	// A unit merged into another (predecessors in the catalogue): its
	// template, or its code or name in the info sheet, count for the unit
	// that took it over, with a warning naming both.
	var predecessor string
	successor := func(codeOrName, name string) *model.Unit {
		u := c.SuccessorOf(codeOrName)
		if u == nil && name != "" {
			u = c.SuccessorOf(name)
		}
		if u != nil && predecessor == "" {
			predecessor = strings.TrimSpace(name)
			if predecessor == "" {
				predecessor = strings.TrimSpace(codeOrName)
			}
		}
		return u
	}
	if t.UnitCode != "" {
		metaUnit = c.UnitByCode(t.UnitCode)
		if metaUnit == nil {
			metaUnit = successor(t.UnitCode, t.UnitName)
		}
		if metaUnit == nil {
			rd.add(problem.Error, "", 0, 0, ErrUnknownUnit,
				fmt.Sprintf("biểu mẫu ghi mã đơn vị “%s”, không có trong danh mục", t.UnitCode),
				"tệp được lập từ danh mục khác hoặc đã bị sửa; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		}
	}
	var where infoCell
	if v, ok := info[form.InfoCode]; ok && !blank(v.cell) {
		sheetUnit, where = c.UnitByCode(strings.TrimSpace(v.cell.Value)), v
	}
	if sheetUnit == nil {
		if v, ok := info[form.InfoName]; ok && !blank(v.cell) {
			name, _ := clean(v.cell.Value)
			sheetUnit, where = rd.r.unitNames().match(name), v
			if sheetUnit == nil {
				code := ""
				if cv, ok := info[form.InfoCode]; ok {
					code = strings.TrimSpace(cv.cell.Value)
				}
				if sheetUnit = successor(code, name); sheetUnit == nil {
					sheetUnit = successor(name, name)
				}
			}
		}
	}
	defer func() {
		if predecessor != "" && rd.sub.Unit != nil {
			rd.otherTemplate = true // the merged unit's template: its titles and roles are its own
			rd.add(problem.Warning, "", 0, 0, ErrPredecessor,
				fmt.Sprintf("tệp gửi trên biểu mẫu của %s, đơn vị đã được sắp xếp vào %s; đã tính là báo cáo của %s", predecessor, rd.sub.Unit.Name, rd.sub.Unit.Name),
				fmt.Sprintf("kiểm tra lại nội dung; lần sau gửi %s biểu mẫu mới của đơn vị mình (baocao template --unit %s)", rd.sub.Unit.Name, rd.sub.Unit.Code))
		}
	}()
	switch {
	case metaUnit != nil && sheetUnit != nil && metaUnit != sheetUnit:
		rd.add(problem.Error, sheet, where.col, where.row, ErrUnitMismatch,
			fmt.Sprintf("biểu mẫu được lập cho %s (%s) nhưng trang thông tin ghi %s (%s)", metaUnit.Name, metaUnit.Code, sheetUnit.Name, sheetUnit.Code),
			"có thể đơn vị đã dùng lại biểu mẫu của đơn vị khác; đề nghị dùng đúng biểu mẫu gửi cho đơn vị mình")
		return
	case metaUnit != nil:
		rd.sub.Unit = metaUnit
	case sheetUnit != nil:
		rd.sub.Unit = sheetUnit
		rd.add(problem.Warning, sheet, where.col, where.row, ErrUnknownUnit,
			fmt.Sprintf("tệp không còn thông tin nhận diện ẩn (phần mềm đã lưu lại làm mất); đã nhận là của %s theo tên đơn vị", sheetUnit.Name),
			"kiểm tra lại đúng đơn vị; lần sau nên lưu bằng Excel hoặc LibreOffice dạng .xlsx")
	case t.UnitCode == "" && rd.sub.FileUnit != nil:
		// No hidden data, no info sheet to name the unit (a sheet copied
		// into a new workbook): the file's name is all there is.
		rd.sub.Unit = rd.sub.FileUnit
		rd.add(problem.Warning, sheet, where.col, where.row, ErrUnknownUnit,
			fmt.Sprintf("tệp không còn thông tin nhận diện ẩn và không có tên đơn vị ở trang “%s”; đã nhận là của %s theo tên tệp", form.SheetInfo, rd.sub.Unit.Name),
			"kiểm tra lại đúng đơn vị; đề nghị đơn vị gửi lại đúng biểu mẫu đã gửi (đủ các trang)")
	case t.UnitCode == "":
		rd.add(problem.Error, sheet, where.col, where.row, ErrUnknownUnit,
			"không xác định được tệp này của đơn vị nào: không có thông tin nhận diện ẩn, tên đơn vị không khớp danh mục",
			fmt.Sprintf("ghi đúng tên đơn vị ở trang “%s”, hoặc đề nghị đơn vị dùng đúng biểu mẫu đã gửi", form.SheetInfo))
		return
	default:
		return
	}
	rd.checkTemplate()
	rd.readReporter(info, sheet)
}

// checkAttribution compares the unit the file was attributed to (its
// template, or the name in the info sheet) with the units its file name
// and its reporter point to. A file name that disagrees is a warning; a
// file name and a reporter that both point to one other unit mean that unit
// filled another's template: an error, so that the file is counted for
// nobody until the compiler decides.
func (rd *reading) checkAttribution() {
	s := rd.sub
	if s.Unit == nil {
		return
	}
	s.ReporterUnit = rd.r.unitNames().reporter(s.Reporter.Position.Value, s.Reporter.Email.Value)
	fu, ru := s.FileUnit, s.ReporterUnit
	switch {
	case fu != nil && fu != s.Unit && ru == fu:
		rd.add(problem.Error, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("tên tệp và người báo cáo là của %s, nhưng tệp là biểu mẫu của %s: không rõ báo cáo của đơn vị nào, chưa tính cho đơn vị nào", fu.Name, s.Unit.Name),
			fmt.Sprintf("nếu là báo cáo của %s, đề nghị đơn vị điền vào biểu mẫu của mình; nếu là của %s, sửa tên tệp và thông tin người báo cáo", fu.Name, s.Unit.Name))
		// Counted for no unit until the compiler decides, as when another
		// file claims the same unit (see resolve).
		s.Reason = fmt.Sprintf("không rõ là báo cáo của %s hay %s", s.Unit.Name, fu.Name)
		s.Unit = nil
	case fu != nil && fu != s.Unit:
		rd.add(problem.Warning, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("tên tệp chỉ %s, nhưng tệp là biểu mẫu của %s%s; đã nhận là báo cáo của %s", fu.Name, s.Unit.Name, reporterSays(s), s.Unit.Name),
			"kiểm tra đúng đơn vị; nếu đúng, đổi tên tệp cho khớp")
	case ru != nil && ru != s.Unit:
		rd.add(problem.Warning, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("người báo cáo ghi chức vụ hoặc e-mail của %s, nhưng tệp là biểu mẫu của %s; đã nhận là báo cáo của %s", ru.Name, s.Unit.Name, s.Unit.Name),
			fmt.Sprintf("nếu %s điền nhầm biểu mẫu của đơn vị khác, đề nghị điền lại vào biểu mẫu của mình", ru.Name))
	}
}

// reason says why a file is not used: its first error, with its cell, and
// how many more there are.
func reason(probs problem.List) string {
	var first *problem.Problem
	n := 0
	for _, p := range probs {
		if p.Severity == problem.Error {
			if first == nil {
				first = p
			}
			n++
		}
	}
	if first == nil {
		return ""
	}
	r := first.Message
	if first.Sheet != "" && first.Cell != "" {
		r = first.Sheet + "!" + first.Cell + ": " + r
	}
	if n > 1 {
		r += fmt.Sprintf(" (và %d lỗi khác)", n-1)
	}
	return r
}

// reporterSays adds what the reporter's position and e-mail are, when
// they point to a unit, to a message about a file's unit.
func reporterSays(s *model.Submission) string {
	if s.ReporterUnit == nil {
		return ""
	}
	return fmt.Sprintf(" (chức vụ, e-mail người báo cáo chỉ %s: “%s”, “%s”)", s.ReporterUnit.Name, s.Reporter.Position.Value, s.Reporter.Email.Value)
}

func (rd *reading) checkTemplate() {
	c, t := rd.c, rd.sub.Template
	switch {
	case t.CatalogueID == "" && t.UnitCode == "":
		return // stripped: reported when identifying the unit
	case t.CatalogueID != c.ID:
		rd.add(problem.Error, "", 0, 0, ErrWrongCatalogue,
			fmt.Sprintf("biểu mẫu thuộc danh mục “%s”, không phải danh mục đang tổng hợp “%s”", t.CatalogueID, c.ID),
			"đơn vị đã dùng biểu mẫu của kế hoạch hoặc năm khác; gửi lại biểu mẫu đúng và đề nghị đơn vị điền lại")
	case t.CatalogueHash != c.Hash:
		rd.add(problem.Warning, "", 0, 0, ErrOutdated,
			outdated(t.CatalogueVersion, c.Version),
			"các nhiệm vụ vẫn được đối chiếu theo số; nếu danh mục đã thay đổi nhiều, gửi lại biểu mẫu mới cho đơn vị")
	}
	// A catalogue of several periods: a template of another period is a
	// report on that period, not this one.
	if p := c.Period; t.Period != "" && t.CatalogueID == c.ID && len(c.Periods) > 1 && t.Period != form.PeriodKey(p.Start, p.End) {
		other := t.Period
		for _, q := range c.Periods {
			if form.PeriodKey(q.Start, q.End) == t.Period {
				other = q.Label
			}
		}
		rd.otherTemplate = true
		rd.add(problem.Error, "", 0, 0, ErrWrongPeriod,
			fmt.Sprintf("biểu mẫu của kỳ báo cáo “%s”, không phải kỳ đang tổng hợp “%s”", other, p.Label),
			"nếu đơn vị gửi nhầm báo cáo kỳ trước, đề nghị gửi báo cáo kỳ này trên biểu mẫu của kỳ này; nếu đang tổng hợp nhầm kỳ, chọn kỳ bằng --period")
	}
	if t.Format != "" && t.Format != strconv.Itoa(form.FormatVersion) {
		n, _ := strconv.Atoi(t.Format)
		sev := problem.Warning
		if n > form.FormatVersion {
			sev = problem.Error
		}
		rd.add(sev, "", 0, 0, ErrOutdated, fmt.Sprintf("biểu mẫu định dạng phiên bản %s, chương trình đọc phiên bản %d", t.Format, form.FormatVersion),
			"dùng phiên bản baocao đã tạo ra biểu mẫu, hoặc gửi lại biểu mẫu mới")
	}
}

// outdated says how the template's catalogue differs from the current one,
// without the content fingerprint that tells them apart.
func outdated(was, now string) string {
	if was == now || was == "" {
		return fmt.Sprintf("biểu mẫu được lập trước khi danh mục (phiên bản %s) được sửa lần gần nhất", now)
	}
	return fmt.Sprintf("biểu mẫu lập từ danh mục phiên bản %s, danh mục hiện tại là phiên bản %s", was, now)
}

func (rd *reading) readReporter(info map[string]infoCell, sheet string) {
	if sheet == "" {
		return
	}
	rep := &rd.sub.Reporter
	for _, fld := range []struct {
		label string
		dst   *model.Text
	}{{form.InfoReporter, &rep.Name}, {form.InfoPosition, &rep.Position}, {form.InfoPhone, &rep.Phone}, {form.InfoEmail, &rep.Email}} {
		v, ok := info[fld.label]
		if !ok {
			continue
		}
		*fld.dst = rd.text(sheet, v.col, v.row, v.cell)
		if fld.dst.Value == "" && fld.label != form.InfoPosition {
			rd.add(problem.Warning, sheet, v.col, v.row, ErrMissingInfo, fmt.Sprintf("chưa ghi “%s” của người báo cáo", fld.label),
				"ghi để Sở liên hệ khi cần làm rõ nội dung báo cáo")
		}
	}
	v, ok := info[form.InfoDate]
	if !ok || blank(v.cell) {
		col, row := v.col, v.row
		rd.add(problem.Warning, sheet, col, row, ErrMissingInfo, "chưa ghi ngày báo cáo; báo cáo được coi là gửi đúng hạn",
			"ghi ngày báo cáo dạng ngày/tháng/năm")
		return
	}
	d, ok := rd.date(sheet, v.col, v.row, v.cell, form.InfoDate)
	if !ok {
		return
	}
	if p := rd.c.Period; d.Before(p.Start) {
		rd.add(problem.Error, sheet, v.col, v.row, ErrDate,
			fmt.Sprintf("ngày báo cáo %s trước kỳ báo cáo (từ %s)", d.Format("02/01/2006"), p.Start.Format("02/01/2006")),
			"kiểm tra lại năm của ngày báo cáo; nếu là báo cáo của kỳ trước, đề nghị đơn vị gửi báo cáo kỳ này")
		return
	}
	rd.sub.ReportDate, rd.sub.DateRef = d, rd.ref(sheet, v.col, v.row)
}
