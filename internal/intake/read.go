package intake

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/textnorm"
	"baocao/internal/vntext"
	"baocao/internal/xlsxread"
)

// Sentinels of problems inside a workbook.
var (
	ErrWrongCatalogue = errors.New("template of another catalogue")
	ErrOutdated       = errors.New("template made from another version of the catalogue")
	ErrUnknownUnit    = errors.New("unit cannot be identified")
	ErrUnitMismatch   = errors.New("metadata and sheet name different units")
	ErrMissingSheet   = errors.New("sheet missing")
	ErrMissingColumn  = errors.New("column missing")
	ErrUnknownTask    = errors.New("task not in the catalogue")
	ErrNotAssigned    = errors.New("task not assigned to the unit")
	ErrDuplicateRow   = errors.New("task reported twice")
	ErrNoTaskNumber   = errors.New("content in a row without a task number")
	ErrStatus         = errors.New("invalid status")
	ErrStatusVariant  = errors.New("status written differently")
	ErrDate           = errors.New("invalid date")
	ErrNumber         = errors.New("invalid number")
	ErrLegacyText     = errors.New("text in a legacy encoding")
	ErrMissingInfo    = errors.New("reporter details missing")
	ErrNotReported    = errors.New("task not reported")
	ErrNoResult       = errors.New("completed task without result")
	ErrOutsideTable   = errors.New("content outside the table")
	ErrMacros         = errors.New("workbook has macros")
	ErrSuperseded     = errors.New("superseded by a later file")
	ErrTooLong        = errors.New("cell text over Excel's limit")
	ErrFormula        = errors.New("formula without a computed value")
	ErrMerged         = errors.New("merged input cells")
	ErrHidden         = errors.New("hidden rows or sheets")
	ErrExternalLinks  = errors.New("links to other workbooks")
	ErrUnknownSheet   = errors.New("content in a sheet the template does not have")
	ErrTooMany        = errors.New("more problems than listed")
	ErrEmptyReport    = errors.New("template sent back with nothing filled")
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
}

// reading is the state of one file being read.
type reading struct {
	r          *Reader
	c          *model.Catalogue
	path       string
	book       *xlsxread.Book
	sub        *model.Submission
	probs      problem.List
	dropped    int    // problems over MaxProblems
	tasksSheet string // where the tasks table was found
	marks      map[cellKey]cellKind
	inventory  Inventory
	rowCache   map[string][][]string // rows of each sheet, read once
	hiddenRows map[string]map[int]bool
}

// readRows reads a sheet's raw cell values and which rows are hidden.
func (rd *reading) readRows(sheet string) ([][]string, map[int]bool, error) {
	s := rd.book.Sheet(sheet)
	if s == nil {
		return nil, nil, fmt.Errorf("no sheet %q", sheet)
	}
	rows := rd.book.Rows(s)
	hidden := map[int]bool{}
	for r := 1; r <= len(rows); r++ {
		if rd.book.HiddenRow(s, r) {
			hidden[r] = true
		}
	}
	return rows, hidden, nil
}

func (rd *reading) add(sev problem.Severity, sheet string, col, row int, err error, msg, hint string) {
	if len(rd.probs) >= MaxProblems {
		if sheet != "" && col > 0 && row > 0 {
			rd.mark(sheet, col, row, problemCell)
		}
		rd.dropped++
		if sev == problem.Error {
			rd.sub.Invalid = true
		}
		return
	}
	cell := ""
	if col > 0 && row > 0 {
		cell, _ = excelize.CoordinatesToCellName(col, row)
	}
	rd.probs.Add(&problem.Problem{File: rd.path, Sheet: sheet, Cell: cell, Row: row, Col: col,
		Severity: sev, Err: err, Message: msg, Hint: hint})
}

func (rd *reading) ref(sheet string, col, row int) model.Ref {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	return model.Ref{File: rd.path, Sheet: sheet, Cell: cell, Row: row, Col: col}
}

// Read reads one file. The submission is nil when the file could not be
// read as a workbook at all; otherwise it is marked Invalid when any error
// was found.
func (r *Reader) Read(path string) (*model.Submission, problem.List) {
	sub, probs, _ := r.ReadInventory(path)
	return sub, probs
}

// ReadInventory reads one file like Read and also accounts for its
// non-empty cells. A file that cannot be opened has no cells to count.
func (r *Reader) ReadInventory(path string) (*model.Submission, problem.List, Inventory) {
	rd := &reading{r: r, c: r.Catalogue, path: path, inventory: Inventory{File: path}}
	rd.sub = &model.Submission{File: path, FileUnit: fileUnit(r.Catalogue, path)}
	if st, err := os.Stat(path); err == nil {
		rd.sub.Modified = st.ModTime()
	}
	book, err := rd.open()
	if err != nil || book == nil {
		// Not a workbook: attributed by its name alone, so that a unit
		// that sent a .xls shows as having sent one.
		rd.sub.Unit, rd.sub.Invalid = rd.sub.FileUnit, true
		rd.sub.Unreadable = "tệp không đọc được"
		if len(rd.probs) > 0 {
			rd.sub.Unreadable = rd.probs[0].Message
		}
		return rd.sub, rd.probs, rd.inventory
	}
	rd.book = book
	rd.readMeta()
	info := rd.readInfo()
	rd.identify(info)
	rd.checkAttribution()
	if rd.sub.Unit != nil {
		rd.readTasks()
		rd.readIndicators()
	}
	rd.otherSheets()
	rd.sweep()
	rd.probs.Sort()
	if rd.dropped > 0 {
		rd.probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrTooMany,
			Message: fmt.Sprintf("còn %d vấn đề khác trong tệp này không được liệt kê (chỉ liệt kê %d vấn đề đầu)", rd.dropped, MaxProblems),
			Hint:    "sửa các vấn đề trên rồi kiểm tra lại; tệp có quá nhiều vấn đề thường là tệp dán nhầm dữ liệu hoặc không phải biểu mẫu"})
	}
	rd.sub.Invalid = rd.sub.Invalid || rd.probs.HasErrors()
	for _, p := range rd.probs {
		if p.Severity == problem.Error {
			rd.sub.Reason = p.Message
			break
		}
	}
	if rd.sub.Unit != nil && rd.sub.Empty() && !rd.sub.Invalid {
		rd.probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrEmptyReport,
			Message: fmt.Sprintf("tệp của %s chưa điền nhiệm vụ hay chỉ tiêu nào: đã nhận nhưng chưa phải là báo cáo", rd.sub.Unit.Name),
			Hint:    "đề nghị đơn vị điền tình trạng và kết quả thực hiện các nhiệm vụ rồi gửi lại"})
	}
	return rd.sub, rd.probs, rd.inventory
}

// open checks the file and opens it with excelize, or records why not.
func (rd *reading) open() (*xlsxread.Book, error) {
	lim := rd.r.Limits
	if lim.FileSize == 0 {
		lim = DefaultLimits
	}
	fh, err := os.Open(rd.path)
	if err != nil {
		msg := "không mở được tệp"
		if errors.Is(err, os.ErrPermission) {
			msg = "không có quyền đọc tệp"
		}
		rd.probs.Add(fileProblem(rd.path, ErrUnreadable, msg, "kiểm tra tệp có đang mở bằng chương trình khác hoặc bị khóa quyền truy cập không"))
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || st.IsDir() {
		rd.probs.Add(fileProblem(rd.path, ErrUnreadable, "không đọc được tệp", "kiểm tra đường dẫn"))
		return nil, errors.New("stat")
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(fh, head)
	head = head[:n]
	if p := sniff(rd.path, head, st.Size(), lim); p != nil {
		rd.probs.Add(p)
		return nil, p
	}
	// The file is within the size limit: one read, rather than a read per
	// zip entry.
	data := make([]byte, st.Size())
	if _, err := fh.ReadAt(data, 0); err != nil {
		rd.probs.Add(fileProblem(rd.path, ErrUnreadable, "không đọc được hết tệp", "kiểm tra tệp có đang bị chương trình khác ghi dở hoặc khóa không"))
		return nil, err
	}
	if bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		p := oleProblem(rd.path, data)
		rd.probs.Add(p)
		return nil, p
	}
	p, zr := zipProblem(rd.path, data, lim)
	if p != nil {
		rd.probs.Add(p)
		return nil, p
	}
	p, arch := partsProblem(rd.path, zr, lim)
	if p != nil {
		rd.probs.Add(p)
		return nil, p
	}
	if arch.externalLinks {
		rd.probs.Add(&problem.Problem{File: rd.path, Severity: problem.Warning, Err: ErrExternalLinks,
			Message: "tệp có liên kết tới bảng tính khác; chỉ dùng giá trị đã lưu trong tệp, không cập nhật liên kết",
			Hint:    "đề nghị đơn vị thay công thức liên kết bằng giá trị (Sao chép → Dán giá trị) trước khi gửi"})
	}
	if arch.macros {
		rd.probs.Add(&problem.Problem{File: rd.path, Severity: problem.Warning, Err: ErrMacros, Message: "tệp có chứa macro (VBA); macro không được chạy, chỉ đọc giá trị các ô",
			Hint: "lưu ý không mở tệp bằng Excel với macro được bật nếu không rõ nguồn gốc"})
	}
	return xlsxread.Open(arch.parts), nil
}

// sheetNamed finds a sheet by its name, forgiving case, spacing and
// diacritics ("nhiem vu", "NHIỆM VỤ").
func (rd *reading) sheetNamed(name string) string {
	for _, s := range rd.book.SheetNames() {
		if s == name {
			return s
		}
	}
	want := vntext.Fold(name)
	for _, s := range rd.book.SheetNames() {
		if vntext.Fold(s) == want {
			return s
		}
	}
	return ""
}

// rows returns the raw cell values of a sheet: numbers as written (dates as
// serial numbers), text as written.
func (rd *reading) rows(sheet string) [][]string {
	if rows, ok := rd.rowCache[sheet]; ok {
		return rows
	}
	rows, hidden, err := rd.readRows(sheet)
	if rd.rowCache == nil {
		rd.rowCache = map[string][][]string{}
		rd.hiddenRows = map[string]map[int]bool{}
	}
	rd.rowCache[sheet] = rows
	rd.hiddenRows[sheet] = hidden
	if err != nil {
		rd.add(problem.Error, sheet, 0, 0, ErrCorrupt, "không đọc được trang tính này (dữ liệu hỏng)", "đề nghị đơn vị mở lại tệp bằng Excel, lưu lại rồi gửi lại")
		return nil
	}
	return rows
}

func at(rows [][]string, row, col int) string {
	if row < 1 || row > len(rows) || col < 1 || col > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][col-1]
}

func (rd *reading) readMeta() {
	t := &rd.sub.Template
	set := func(k, v string) {
		switch strings.TrimSpace(k) {
		case form.MetaCatalogueID:
			t.CatalogueID = v
		case form.MetaCatalogueVersion:
			t.CatalogueVersion = v
		case form.MetaCatalogueHash:
			t.CatalogueHash = v
		case form.MetaUnitCode:
			t.UnitCode = v
		case form.MetaTemplateFormat:
			t.Format = v
		}
	}
	if s := rd.sheetNamed(form.SheetMeta); s != "" {
		rows := rd.rows(s)
		rd.markAll(s, rows, 1, 0, formCell)
		for _, row := range rows {
			if len(row) >= 2 {
				set(row[0], strings.TrimSpace(row[1]))
			}
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
	raw      string
	col, row int
}

// readInfo reads the label/value rows of the info sheet, wherever the rows
// are.
func (rd *reading) readInfo() map[string]infoCell {
	out := map[string]infoCell{}
	s := rd.sheetNamed(form.SheetInfo)
	if s == "" {
		rd.add(problem.Warning, "", 0, 0, ErrMissingSheet, fmt.Sprintf("không có trang “%s” (đã bị xóa hoặc đổi tên)", form.SheetInfo),
			"thông tin người báo cáo và ngày báo cáo bị thiếu; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		return out
	}
	labels := infoLabels()
	rows := rd.rows(s)
	first := 0
	for i, row := range rows {
		for j := range row {
			if len(row[j]) > 48 || row[j] == "" {
				continue
			}
			label, ok := labels.exact[row[j]]
			if !ok {
				label, ok = labels.folded[vntext.Fold(row[j])]
			}
			if ok {
				if _, dup := out[label]; !dup {
					value := ""
					if j+1 < len(row) {
						value = row[j+1]
					}
					out[label] = infoCell{raw: value, col: j + 2, row: i + 1}
					rd.mark(s, j+1, i+1, formCell)
					rd.mark(s, j+2, i+1, usedCell)
					if first == 0 {
						first = i + 1
					}
				}
			}
		}
	}
	if first > 1 {
		rd.markAll(s, rows, 1, first-1, formCell) // the title above the fields
	}
	return out
}

// text cleans a cell's text, converting legacy encodings with a warning.
func (rd *reading) text(sheet string, col, row int, raw string) model.Text {
	if n := utf8.RuneCountInString(raw); n > MaxCellText {
		rd.add(problem.Error, sheet, col, row, ErrTooLong,
			fmt.Sprintf("ô có %d ký tự, vượt giới hạn %d ký tự một ô của Excel: nội dung không được tổng hợp", n, MaxCellText),
			"tệp không do Excel, LibreOffice hay WPS lưu bình thường; rút gọn nội dung hoặc đề nghị đơn vị gửi lại")
		return model.Text{Ref: rd.ref(sheet, col, row)}
	}
	s := textnorm.Normalize(raw)
	if fixed, enc := textnorm.DetectLegacy(s); enc != textnorm.Unicode {
		rd.add(problem.Warning, sheet, col, row, ErrLegacyText,
			fmt.Sprintf("chữ gõ bằng bảng mã %s, đã chuyển sang Unicode: “%s”", enc.Name(), clip(fixed, 60)),
			"kiểm tra lại nội dung đã chuyển; lần sau gõ bằng bảng mã Unicode (Unikey: bảng mã Unicode, kiểu gõ Telex/VNI)")
		s = fixed
	}
	return model.Text{Value: s, Ref: rd.ref(sheet, col, row)}
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// identify decides which unit the file is from: the hidden metadata first,
// then the unit's code or name in the info sheet; both must agree.
func (rd *reading) identify(info map[string]infoCell) {
	c, t := rd.c, rd.sub.Template
	sheet := rd.sheetNamed(form.SheetInfo)
	var metaUnit, sheetUnit *model.Unit
	if t.UnitCode != "" {
		metaUnit = c.UnitByCode(t.UnitCode)
		if metaUnit == nil {
			rd.add(problem.Error, "", 0, 0, ErrUnknownUnit,
				fmt.Sprintf("biểu mẫu ghi mã đơn vị “%s”, không có trong danh mục", t.UnitCode),
				"tệp được lập từ danh mục khác hoặc đã bị sửa; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		}
	}
	var where infoCell
	if v, ok := info[form.InfoCode]; ok && strings.TrimSpace(v.raw) != "" {
		sheetUnit, where = c.UnitByCode(strings.TrimSpace(v.raw)), v
	}
	if sheetUnit == nil {
		if v, ok := info[form.InfoName]; ok && strings.TrimSpace(v.raw) != "" {
			sheetUnit, where = matchUnitName(c, textnorm.Normalize(v.raw)), v
		}
	}
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
	s.ReporterUnit = reporterUnit(rd.c, s.Reporter.Position.Value, s.Reporter.Email.Value)
	fu, ru := s.FileUnit, s.ReporterUnit
	switch {
	case fu != nil && fu != s.Unit && ru == fu:
		rd.add(problem.Error, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("tên tệp và người báo cáo là của %s, nhưng tệp là biểu mẫu của %s: không rõ báo cáo của đơn vị nào, chưa tổng hợp", fu.Name, s.Unit.Name),
			fmt.Sprintf("nếu là báo cáo của %s, đề nghị đơn vị điền vào biểu mẫu của mình; nếu là của %s, sửa tên tệp và thông tin người báo cáo", fu.Name, s.Unit.Name))
	case fu != nil && fu != s.Unit:
		rd.add(problem.Warning, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("tên tệp chỉ %s, nhưng tệp là biểu mẫu của %s; đã nhận là báo cáo của %s", fu.Name, s.Unit.Name, s.Unit.Name),
			"kiểm tra đúng đơn vị; nếu đúng, đổi tên tệp cho khớp")
	case ru != nil && ru != s.Unit:
		rd.add(problem.Warning, "", 0, 0, ErrUnitMismatch,
			fmt.Sprintf("người báo cáo ghi chức vụ hoặc e-mail của %s, nhưng tệp là biểu mẫu của %s; đã nhận là báo cáo của %s", ru.Name, s.Unit.Name, s.Unit.Name),
			fmt.Sprintf("nếu %s điền nhầm biểu mẫu của đơn vị khác, đề nghị điền lại vào biểu mẫu của mình", ru.Name))
	}
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
		*fld.dst = rd.text(sheet, v.col, v.row, v.raw)
		if fld.dst.Value == "" && fld.label != form.InfoPosition {
			rd.add(problem.Warning, sheet, v.col, v.row, ErrMissingInfo, fmt.Sprintf("chưa ghi “%s” của người báo cáo", fld.label),
				"ghi để Sở liên hệ khi cần làm rõ nội dung báo cáo")
		}
	}
	v, ok := info[form.InfoDate]
	if !ok || strings.TrimSpace(v.raw) == "" {
		col, row := v.col, v.row
		rd.add(problem.Warning, sheet, col, row, ErrMissingInfo, "chưa ghi ngày báo cáo; báo cáo được coi là gửi đúng hạn",
			"ghi ngày báo cáo dạng ngày/tháng/năm")
		return
	}
	p := rd.c.Period
	d, ok := rd.date(sheet, v.col, v.row, v.raw, "Ngày báo cáo", p.Start, p.Deadline.AddDate(1, 0, 0))
	if ok {
		rd.sub.ReportDate, rd.sub.DateRef = d, rd.ref(sheet, v.col, v.row)
	}
}

var textDate = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// date reads a date cell: an Excel serial number, or text dd/mm/yyyy (or
// yyyy-mm-dd), within lo..hi.
func (rd *reading) date(sheet string, col, row int, raw, what string, lo, hi time.Time) (time.Time, bool) {
	s := strings.TrimSpace(textnorm.Normalize(raw))
	var d time.Time
	if serial, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "/") {
		if serial >= 1 && serial < 2958466 {
			t, err := excelize.ExcelDateToTime(math.Floor(serial), false)
			if err == nil {
				d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			}
		}
	} else if m := textDate.FindStringSubmatch(s); m != nil {
		var y, mo, dd int
		if m[3] != "" {
			dd, _ = strconv.Atoi(m[1])
			mo, _ = strconv.Atoi(m[2])
			y, _ = strconv.Atoi(m[3])
		} else {
			y, _ = strconv.Atoi(m[4])
			mo, _ = strconv.Atoi(m[5])
			dd, _ = strconv.Atoi(m[6])
		}
		t := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
		if t.Day() == dd && int(t.Month()) == mo {
			d = t
		}
	}
	if d.IsZero() {
		rd.add(problem.Error, sheet, col, row, ErrDate, fmt.Sprintf("%s “%s” không phải một ngày", what, clip(s, 40)),
			"ghi ngày dạng ngày/tháng/năm, ví dụ 15/12/2024")
		return time.Time{}, false
	}
	if d.Before(lo) || d.After(hi) {
		rd.add(problem.Error, sheet, col, row, ErrDate, fmt.Sprintf("%s %s nằm ngoài khoảng hợp lý (%s–%s)", what, d.Format("02/01/2006"), lo.Format("02/01/2006"), hi.Format("02/01/2006")),
			"kiểm tra lại năm, tháng, ngày")
		return time.Time{}, false
	}
	return d, true
}

// labelSet maps labels, as written and folded, to keys.
type labelSet struct{ exact, folded map[string]string }

var (
	labelsMu    sync.Mutex
	labelsCache = map[string]labelSet{}
)

// columnLabels is the label set of a table's columns, built once.
func columnLabels(cols []form.Column) labelSet {
	return cachedLabels(cols[0].Key+cols[len(cols)-1].Key, func(add func(label, key string)) {
		for _, c := range cols {
			add(c.Label, c.Key)
		}
	})
}

// infoLabels is the label set of the info sheet, built once.
func infoLabels() labelSet {
	return cachedLabels("info", func(add func(label, key string)) {
		for _, f := range form.InfoFields {
			add(f.Label, f.Label)
		}
	})
}

func cachedLabels(name string, fill func(add func(label, key string))) labelSet {
	labelsMu.Lock()
	defer labelsMu.Unlock()
	if ls, ok := labelsCache[name]; ok {
		return ls
	}
	ls := labelSet{exact: map[string]string{}, folded: map[string]string{}}
	fill(func(label, key string) {
		ls.exact[label] = key
		ls.folded[vntext.Fold(label)] = key
	})
	labelsCache[name] = ls
	return ls
}

// header finds the header row of a table by its labels: the first of the
// first 30 rows holding the key label and at least two others. It returns
// the row (from 1) and the column (from 1) of each label found, by key.
func header(rows [][]string, cols []form.Column, key string) (int, map[string]int) {
	labels := columnLabels(cols)
	match := func(v string) (string, bool) {
		if k, ok := labels.exact[v]; ok {
			return k, true
		}
		if len(v) > 48 || v == "" { // no label is this long: do not fold task texts
			return "", false
		}
		k, ok := labels.folded[vntext.Fold(v)]
		return k, ok
	}
	for i := 0; i < len(rows) && i < 30; i++ {
		found := map[string]int{}
		for j, v := range rows[i] {
			if k, ok := match(v); ok {
				if _, dup := found[k]; !dup {
					found[k] = j + 1
				}
			}
		}
		if _, ok := found[key]; ok && len(found) >= 3 {
			return i + 1, found
		}
	}
	return 0, nil
}

// taskNumber reads a task number as written: "3", "3.", 3.0, " 3 ".
func (rd *reading) taskNumber(raw string) (string, *model.Task) {
	s := strings.TrimSpace(textnorm.Normalize(raw))
	if t := rd.c.TaskByNumber(s); t != nil {
		return s, t
	}
	trimmed := strings.TrimSuffix(s, ".")
	if t := rd.c.TaskByNumber(trimmed); t != nil {
		return trimmed, t
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= 0 && f < 1e6 {
		n := strconv.Itoa(int(f))
		return n, rd.c.TaskByNumber(n)
	}
	return s, nil
}

func (rd *reading) readTasks() {
	sheet := rd.sheetNamed(form.SheetTasks)
	var rows [][]string
	var hr int
	var cols map[string]int
	if sheet != "" {
		rows = rd.rows(sheet)
		hr, cols = header(rows, form.TaskColumns, form.ColNumber)
	}
	if hr == 0 { // renamed: look for the table in every sheet
		for _, s := range rd.book.SheetNames() {
			r := rd.rows(s)
			if h, c := header(r, form.TaskColumns, form.ColNumber); h > 0 {
				sheet, rows, hr, cols = s, r, h, c
				break
			}
		}
	}
	if hr == 0 {
		rd.add(problem.Error, "", 0, 0, ErrMissingSheet,
			fmt.Sprintf("không tìm thấy bảng nhiệm vụ: không có trang “%s” có dòng tiêu đề với cột “Nhiệm vụ số”", form.SheetTasks),
			"trang nhiệm vụ đã bị xóa, đổi tên hoặc sửa dòng tiêu đề; đề nghị đơn vị điền vào đúng biểu mẫu đã gửi")
		return
	}
	for _, col := range form.TaskColumns {
		if _, ok := cols[col.Key]; !ok && (col.Input || col.Key == form.ColNumber) {
			rd.add(problem.Error, sheet, 0, hr, ErrMissingColumn, fmt.Sprintf("bảng nhiệm vụ thiếu cột “%s”", col.Label),
				"không xóa hoặc đổi tên các cột của biểu mẫu; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		}
	}
	rd.tasksSheet = sheet
	known := map[int]bool{}
	var inputCols []int
	for _, col := range form.TaskColumns {
		if c, ok := cols[col.Key]; ok {
			known[c] = true
			if col.Input {
				inputCols = append(inputCols, c)
			}
		}
	}
	rd.tableChecks(sheet, rows, hr, cols[form.ColNumber], inputCols)
	rd.markAll(sheet, rows, 1, hr, formCell) // titles and the header row
	unit := rd.sub.Unit
	seen := map[string]int{}
	for r := hr + 1; r <= len(rows); r++ {
		input := false
		for _, col := range form.TaskColumns {
			if c, ok := cols[col.Key]; ok && col.Input && strings.TrimSpace(at(rows, r, c)) != "" {
				input = true
			}
		}
		rawNum := at(rows, r, cols[form.ColNumber])
		if strings.TrimSpace(rawNum) == "" {
			if input {
				rd.markRow(sheet, rows, r)
				rd.add(problem.Error, sheet, cols[form.ColNumber], r, ErrNoTaskNumber,
					"dòng có nội dung báo cáo nhưng không có số nhiệm vụ, nên không biết thuộc nhiệm vụ nào",
					"ghi số nhiệm vụ (theo danh mục) vào ô này, hoặc chuyển nội dung vào dòng của nhiệm vụ tương ứng")
			}
			continue
		}
		num, task := rd.taskNumber(rawNum)
		if task == nil || seen[num] > 0 {
			rd.markRow(sheet, rows, r)
		}
		switch {
		case task == nil:
			rd.add(problem.Error, sheet, cols[form.ColNumber], r, ErrUnknownTask,
				fmt.Sprintf("nhiệm vụ số “%s” không có trong danh mục", clip(num, 20)),
				"không sửa số nhiệm vụ; nội dung của dòng này không được tổng hợp cho đến khi sửa đúng số")
			continue
		case seen[num] > 0:
			rd.add(problem.Error, sheet, cols[form.ColNumber], r, ErrDuplicateRow,
				fmt.Sprintf("nhiệm vụ %s có hai dòng (dòng %d và dòng %d)", num, seen[num], r),
				"gộp nội dung vào một dòng rồi xóa dòng thừa")
			continue
		}
		seen[num] = r
		role := rd.c.RoleOf(unit.Code, task)
		// The row's own cells: the number is used; the locked columns are
		// the template's text.
		for _, col := range form.TaskColumns {
			if c, ok := cols[col.Key]; ok && !col.Input {
				rd.mark(sheet, c, r, formCell)
			}
		}
		rd.mark(sheet, cols[form.ColNumber], r, usedCell)
		if role == model.NoRole {
			if input {
				rd.markRow(sheet, rows, r)
				rd.add(problem.Error, sheet, cols[form.ColNumber], r, ErrNotAssigned,
					fmt.Sprintf("nhiệm vụ %s không giao cho %s (không chủ trì, phối hợp hay liên quan)", num, unit.Name),
					"xóa nội dung dòng này, hoặc chuyển về nhiệm vụ đơn vị được giao; nếu danh mục thiếu, báo Sở bổ sung")
			}
			continue
		}
		for _, c := range inputCols {
			rd.mark(sheet, c, r, usedCell)
		}
		e := rd.entry(sheet, rows, r, cols, task, role)
		rd.outside(sheet, rows, r, known)
		if e.Reported() {
			rd.sub.Entries = append(rd.sub.Entries, e)
		} else if role.Required() {
			rd.add(problem.Warning, sheet, cols[form.ColStatus], r, ErrNotReported,
				fmt.Sprintf("chưa báo cáo nhiệm vụ %s (đơn vị %s)", num, strings.ToLower(role.Label())),
				"chọn tình trạng và ghi kết quả thực hiện")
		}
	}
	for _, a := range rd.c.Assignments(unit.Code) {
		if a.Role.Required() && seen[a.Task.Number] == 0 {
			rd.add(problem.Warning, sheet, 0, 0, ErrNotReported,
				fmt.Sprintf("không có dòng nào cho nhiệm vụ %s (đơn vị %s)", a.Task.Number, strings.ToLower(a.Role.Label())),
				"dòng của nhiệm vụ đã bị xóa; đề nghị đơn vị bổ sung")
		}
	}
}

// outside reports content in columns the template does not have: it would
// otherwise be lost.
func (rd *reading) outside(sheet string, rows [][]string, r int, known map[int]bool) {
	if r > len(rows) {
		return
	}
	for c, v := range rows[r-1] {
		if !known[c+1] && strings.TrimSpace(v) != "" {
			rd.add(problem.Warning, sheet, c+1, r, ErrOutsideTable,
				fmt.Sprintf("nội dung nằm ngoài các cột của biểu mẫu nên không được tổng hợp: “%s”", clip(textnorm.Normalize(v), 60)),
				"chuyển nội dung vào cột phù hợp (Kết quả thực hiện, Văn bản đã ban hành, ...)")
		}
	}
}

// statusVariants are ways units write the statuses, folded.
var statusVariants = map[string]model.Status{
	"hoan thanh": model.Done, "da hoan thanh": model.Done, "xong": model.Done, "da xong": model.Done, "ht": model.Done,
	"dang thuc hien": model.InProgress, "dang trien khai": model.InProgress, "dang lam": model.InProgress, "dth": model.InProgress,
	"chua thuc hien": model.NotStarted, "chua trien khai": model.NotStarted, "chua lam": model.NotStarted, "cth": model.NotStarted,
}

func (rd *reading) status(sheet string, col, row int, raw string) model.Status {
	t := rd.text(sheet, col, row, raw)
	s := t.Value
	if s == "" {
		return ""
	}
	for _, st := range model.Statuses {
		if s == string(st) {
			return st
		}
	}
	if st, ok := statusVariants[vntext.Fold(s)]; ok {
		rd.add(problem.Warning, sheet, col, row, ErrStatusVariant, fmt.Sprintf("tình trạng “%s” được hiểu là “%s”", clip(s, 30), st),
			"lần sau chọn trong danh sách thả xuống")
		return st
	}
	var opts []string
	for _, st := range model.Statuses {
		opts = append(opts, string(st))
	}
	rd.add(problem.Error, sheet, col, row, ErrStatus, fmt.Sprintf("tình trạng “%s” không hợp lệ", clip(s, 40)),
		"chọn một trong: "+strings.Join(opts, ", "))
	return ""
}

func (rd *reading) entry(sheet string, rows [][]string, r int, cols map[string]int, task *model.Task, role model.Role) model.Entry {
	e := model.Entry{Task: task, Role: role, Row: r}
	get := func(key string) (string, int) {
		c, ok := cols[key]
		if !ok {
			return "", 0
		}
		return at(rows, r, c), c
	}
	if raw, c := get(form.ColStatus); c > 0 {
		e.Status = rd.status(sheet, c, r, raw)
		e.StatusRef = rd.ref(sheet, c, r)
	}
	if raw, c := get(form.ColDoneDate); c > 0 && strings.TrimSpace(raw) != "" {
		p := rd.c.Period
		if d, ok := rd.date(sheet, c, r, raw, "Ngày hoàn thành", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), p.Deadline.AddDate(1, 0, 0)); ok {
			e.DoneDate, e.DoneRef = d, rd.ref(sheet, c, r)
		}
	}
	for _, f := range []struct {
		key string
		dst *model.Text
	}{{form.ColResult, &e.Result}, {form.ColDocuments, &e.Documents}, {form.ColDifficulties, &e.Difficulties}, {form.ColProposals, &e.Proposals}} {
		if raw, c := get(f.key); c > 0 {
			*f.dst = rd.text(sheet, c, r, raw)
		}
	}
	sc, hasStatus := cols[form.ColStatus]
	rawStatus, _ := get(form.ColStatus)
	switch {
	case e.Status == "" && e.Reported() && hasStatus && strings.TrimSpace(rawStatus) == "":
		rd.add(problem.Warning, sheet, sc, r, ErrStatus, fmt.Sprintf("nhiệm vụ %s có nội dung nhưng chưa chọn tình trạng", task.Number),
			"chọn tình trạng trong danh sách thả xuống")
	case e.Status == model.Done && e.Result.Value == "":
		rd.add(problem.Warning, sheet, cols[form.ColResult], r, ErrNoResult, fmt.Sprintf("nhiệm vụ %s hoàn thành nhưng chưa ghi kết quả thực hiện", task.Number),
			"ghi cụ thể kết quả đã đạt được")
	case e.Status != model.Done && e.Status != "" && !e.DoneDate.IsZero():
		rd.add(problem.Warning, sheet, cols[form.ColDoneDate], r, ErrDate, fmt.Sprintf("nhiệm vụ %s có ngày hoàn thành nhưng tình trạng là “%s”", task.Number, e.Status),
			"nếu đã xong, chọn “Hoàn thành”; nếu chưa, xóa ngày hoàn thành")
	}
	return e
}

func (rd *reading) readIndicators() {
	if len(rd.c.Indicators) == 0 {
		return
	}
	sheet := rd.sheetNamed(form.SheetIndicators)
	var rows [][]string
	var hr int
	var cols map[string]int
	if sheet != "" {
		rows = rd.rows(sheet)
		hr, cols = header(rows, form.IndicatorColumns, form.ColIndCode)
	}
	if hr == 0 {
		rd.add(problem.Warning, "", 0, 0, ErrMissingSheet, fmt.Sprintf("không tìm thấy bảng “%s” (đã bị xóa hoặc đổi tên)", form.SheetIndicators),
			"số liệu chỉ tiêu của đơn vị không được tổng hợp; đề nghị đơn vị dùng đúng biểu mẫu đã gửi")
		return
	}
	vc, ok := cols[form.ColIndValue]
	if !ok {
		rd.add(problem.Error, sheet, 0, hr, ErrMissingColumn, "bảng chỉ tiêu thiếu cột “Giá trị”", "không xóa hoặc đổi tên các cột của biểu mẫu")
		return
	}
	inputCols := []int{vc}
	if nc, ok := cols[form.ColIndNote]; ok {
		inputCols = append(inputCols, nc)
	}
	rd.tableChecks(sheet, rows, hr, cols[form.ColIndCode], inputCols)
	rd.markAll(sheet, rows, 1, hr, formCell)
	seen := map[string]bool{}
	for r := hr + 1; r <= len(rows); r++ {
		code := strings.TrimSpace(at(rows, r, cols[form.ColIndCode]))
		raw := strings.TrimSpace(at(rows, r, vc))
		if code == "" {
			if raw != "" {
				rd.markRow(sheet, rows, r)
				rd.add(problem.Error, sheet, vc, r, ErrNoTaskNumber, "ô có số liệu nhưng dòng không có mã chỉ tiêu", "ghi số liệu vào đúng dòng của chỉ tiêu")
			}
			continue
		}
		for _, col := range form.IndicatorColumns {
			if c, ok := cols[col.Key]; ok {
				kind := formCell
				if col.Input || col.Key == form.ColIndCode {
					kind = usedCell
				}
				rd.mark(sheet, c, r, kind)
			}
		}
		var ind *model.Indicator
		for i := range rd.c.Indicators {
			if strings.EqualFold(rd.c.Indicators[i].Code, code) {
				ind = &rd.c.Indicators[i]
			}
		}
		if ind == nil {
			rd.markRow(sheet, rows, r)
			if raw != "" {
				rd.add(problem.Error, sheet, cols[form.ColIndCode], r, ErrUnknownTask, fmt.Sprintf("chỉ tiêu mã “%s” không có trong danh mục", clip(code, 20)),
					"không sửa mã chỉ tiêu; số liệu dòng này không được tổng hợp")
			}
			continue
		}
		if seen[ind.Code] {
			rd.markRow(sheet, rows, r)
			rd.add(problem.Error, sheet, cols[form.ColIndCode], r, ErrDuplicateRow, fmt.Sprintf("chỉ tiêu %s có hai dòng", ind.Code), "xóa dòng thừa")
			continue
		}
		seen[ind.Code] = true
		var note model.Text
		if nc, ok := cols[form.ColIndNote]; ok {
			note = rd.text(sheet, nc, r, at(rows, r, nc))
		}
		if raw == "" {
			if note.Value != "" {
				rd.sub.Indicators = append(rd.sub.Indicators, model.IndicatorValue{Indicator: ind, Ref: rd.ref(sheet, vc, r), Note: note, Value: math.NaN()})
			}
			continue
		}
		v, ok := number(raw, rd.book.IsText(rd.book.Sheet(sheet), r, vc))
		if !ok || v < 0 {
			msg := fmt.Sprintf("giá trị “%s” của chỉ tiêu %s không phải một số", clip(raw, 30), ind.Code)
			if ok {
				msg = fmt.Sprintf("giá trị %s của chỉ tiêu %s là số âm", raw, ind.Code)
			}
			rd.add(problem.Error, sheet, vc, r, ErrNumber, msg, "ghi một số không âm, không kèm chữ hay đơn vị tính, ví dụ 1250 hoặc 1250,5")
			continue
		}
		rd.sub.Indicators = append(rd.sub.Indicators, model.IndicatorValue{Indicator: ind, Value: v, Ref: rd.ref(sheet, vc, r), Note: note})
	}
}

var groupedNumber = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+$`)

// number reads a number cell. A stored number comes as written in the file
// ("1250.5"); a number typed as text may be in Vietnamese ("1.250,5") or
// English ("1,250.5") style, and a single group such as "1.250" is read as
// thousands, as Vietnamese write it.
func number(raw string, isText bool) (float64, bool) {
	s := strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	if !isText {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
	}
	s = strings.ReplaceAll(s, "\u00a0", "")
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case groupedNumber.MatchString(s) && (lastDot < 0 || lastComma < 0):
		s = strings.NewReplacer(".", "", ",", "").Replace(s)
	case lastComma > lastDot: // 1.250,5
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	default: // 1,250.5
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}
