// Package xltemplate writes the Excel workbook a unit fills in: it takes the
// catalogue and one unit and gives an .xlsx laid out as package form defines,
// with the unit's tasks, drop-down lists and validations, locked and shaded
// cells, hidden metadata and print set-up. The same catalogue and unit give
// byte-identical files.
package xltemplate

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/model"
)

// Font is the workbook font: what the units' Word documents use.
const Font = "Times New Roman"

// FontSize is the body text size, in points.
const FontSize = 12

// lineHeight is the height of one line of FontSize text, in points.
const lineHeight = 15.75

// maxRowHeight is Excel's largest row height, in points.
const maxRowHeight = 409

// guideWidth is the width of the instructions column, in character units.
const guideWidth = 85

// inputFill is the shade of the cells a unit fills in.
const inputFill = "FFF2CC"

type styles struct {
	title, subtitle, note, header, locked, lockedCenter, input, inputDate, inputNumber, label, text, textBold int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{inputFill}}
	dateFmt := "dd/mm/yyyy"
	numFmt := "#,##0.###"
	s := &styles{}
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&s.title, excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked}},
		{&s.subtitle, excelize.Style{Font: font(false, false, FontSize), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked}},
		{&s.note, excelize.Style{Font: font(false, true, 11), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: locked}},
		{&s.header, excelize.Style{Font: font(true, false, FontSize), Border: border, Protection: locked,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.locked, excelize.Style{Font: font(false, false, FontSize), Border: border, Alignment: top, Protection: locked}},
		{&s.lockedCenter, excelize.Style{Font: font(false, false, FontSize), Border: border, Alignment: center, Protection: locked}},
		{&s.input, excelize.Style{Font: font(false, false, FontSize), Border: border, Alignment: top, Protection: unlocked, Fill: fill}},
		{&s.inputDate, excelize.Style{Font: font(false, false, FontSize), Border: border, Alignment: center, Protection: unlocked, Fill: fill, CustomNumFmt: &dateFmt}},
		{&s.inputNumber, excelize.Style{Font: font(false, false, FontSize), Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}, Protection: unlocked, Fill: fill, CustomNumFmt: &numFmt}},
		{&s.label, excelize.Style{Font: font(true, false, FontSize), Border: border, Alignment: top, Protection: locked}},
		{&s.text, excelize.Style{Font: font(false, false, FontSize), Alignment: top, Protection: locked}},
		{&s.textBold, excelize.Style{Font: font(true, false, FontSize), Alignment: top, Protection: locked}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	return s, nil
}

// builder carries what every sheet needs.
type builder struct {
	f    *excelize.File
	c    *model.Catalogue
	u    *model.Unit
	st   *styles
	err  error
	date time.Time // fixed document date, for reproducible files
}

// set records the first error so the layout code reads straight.
func (b *builder) set(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *builder) cell(sheet string, col, row int, value any, style int) {
	name, err := excelize.CoordinatesToCellName(col, row)
	b.set(err)
	if value != nil {
		b.set(b.f.SetCellValue(sheet, name, value))
	}
	b.set(b.f.SetCellStyle(sheet, name, name, style))
}

func (b *builder) merge(sheet string, c1, r1, c2, r2 int) {
	a, _ := excelize.CoordinatesToCellName(c1, r1)
	z, _ := excelize.CoordinatesToCellName(c2, r2)
	b.set(b.f.MergeCell(sheet, a, z))
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// Write lays out the workbook of unit u and writes it to w.
func Write(w io.Writer, c *model.Catalogue, u *model.Unit) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, c: c, u: u, date: c.Period.Start}
	b.set(f.SetDefaultFont(Font))
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	b.st = st
	b.set(f.SetSheetName("Sheet1", form.SheetGuide))
	sheets := []string{form.SheetInfo, form.SheetTasks, form.SheetIndicators, form.SheetMeta}
	if len(c.Indicators) == 0 { // a plan without figures to report: no sheet for them
		sheets = []string{form.SheetInfo, form.SheetTasks, form.SheetMeta}
	}
	for _, s := range sheets {
		_, err := f.NewSheet(s)
		b.set(err)
	}
	b.guide()
	b.info()
	b.tasks()
	if len(c.Indicators) > 0 {
		b.indicators()
	}
	b.meta()
	b.set(f.SetDocProps(&excelize.DocProperties{
		Title:          "Biểu mẫu báo cáo " + c.Period.Label + " — " + u.Name,
		Subject:        c.Plan.Short,
		Creator:        c.Issuer.Body,
		LastModifiedBy: c.Issuer.Body,
		Created:        b.date.Format(time.RFC3339),
		Modified:       b.date.Format(time.RFC3339),
		Language:       "vi-VN",
		Identifier:     c.ID,
		Version:        c.Version,
	}))
	b.set(f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}))
	idx, err := f.GetSheetIndex(form.SheetGuide)
	b.set(err)
	f.SetActiveSheet(idx)
	if b.err != nil {
		return fmt.Errorf("lập biểu mẫu cho %s: %w", u.Code, b.err)
	}
	_, err = f.WriteTo(w)
	return err
}

func (b *builder) pageSetup(sheet string, landscape bool, titleRow int) {
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	size, fitW, fitH := 9, 1, 0 // A4, one page wide, as many tall as needed
	b.set(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &fitW, FitToHeight: &fitH}))
	fit := true
	b.set(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	// Margins in inches: about 15 mm, with 8 mm for the footer.
	m, hf := 0.6, 0.3
	b.set(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &hf, Footer: &hf}))
	b.set(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddFooter: "&L&\"Times New Roman\"&10" + escapeHF(b.u.Name) + "&R&\"Times New Roman\"&10Trang &P/&N",
	}))
	if titleRow > 0 {
		b.set(b.f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, titleRow, titleRow),
			Scope:    sheet,
		}))
		b.set(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: titleRow,
			TopLeftCell: fmt.Sprintf("A%d", titleRow+1), ActivePane: "bottomLeft"}))
	}
}

// escapeHF doubles the ampersands of text put into a header or footer, where
// "&" starts a code.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func (b *builder) protect(sheet string) {
	b.set(b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatRows: true, FormatColumns: true,
	}))
}

func period(c *model.Catalogue) string {
	p := c.Period
	return fmt.Sprintf("%s (số liệu từ %s đến %s)", p.Label, p.Start.Format("02/01/2006"), p.End.Format("02/01/2006"))
}

// line is one line of the instructions sheet.
type line struct {
	text string
	bold bool
}

// guideLines are the lines of the instructions sheet.
func guideLines(c *model.Catalogue, u *model.Unit) []line {
	dl := c.Period.Deadline.Format("02/01/2006")
	lines := []line{
		{"HƯỚNG DẪN ĐIỀN BIỂU MẪU BÁO CÁO", true},
		{fmt.Sprintf("Báo cáo kết quả thực hiện %s, kỳ báo cáo %s.", c.Plan.Short, period(c)), false},
		{fmt.Sprintf("Đơn vị báo cáo: %s (mã %s).", u.Name, u.Code), false},
		{fmt.Sprintf("Hạn gửi báo cáo: ngày %s.", dl), true},
		{"", false},
		{"CÁC BƯỚC", true},
		{fmt.Sprintf("1. Trang “%s”: điền họ và tên, chức vụ, điện thoại, e-mail của người báo cáo và ngày báo cáo (dạng ngày/tháng/năm, ví dụ %s).", form.SheetInfo, dl), false},
		{fmt.Sprintf("2. Trang “%s”: mỗi dòng là một nhiệm vụ đơn vị phải báo cáo, với vai trò “%s” hoặc “%s”. Các dòng có vai trò “%s %s” ở cuối bảng là nhiệm vụ giao chung cho các đơn vị có liên quan: chỉ điền khi đơn vị có tham gia, không thì để trống.",
			form.SheetTasks, model.Lead.Label(), model.Coordinator.Label(), model.Related.Label(), form.OptionalMark), false},
		{"3. Chỉ điền vào các ô tô màu vàng. Các cột khác (số, nội dung, vai trò, thời gian của nhiệm vụ) lấy từ kế hoạch và đã được khóa.", false},
		{"4. Cột “Tình trạng”: chọn trong danh sách thả xuống một trong ba giá trị:", false},
	}
	for _, st := range model.Statuses {
		lines = append(lines, line{fmt.Sprintf("     - %s: %s;", st, st.Meaning()), false})
	}
	lines = append(lines,
		line{"5. Cột “Ngày hoàn thành”: chỉ ghi khi nhiệm vụ đã hoàn thành, dạng ngày/tháng/năm.", false},
		line{"6. Cột “Kết quả thực hiện”: nêu cụ thể việc đã làm, số liệu, kết quả. Nhiều ý thì xuống dòng trong ô (Excel: Alt+Enter; LibreOffice: Ctrl+Enter).", false},
		line{"7. Cột “Văn bản đã ban hành”: số, ký hiệu, ngày và trích yếu văn bản. Cột “Khó khăn, vướng mắc” và “Đề xuất, kiến nghị”: ghi nếu có.", false},
	)
	if len(c.Indicators) > 0 {
		lines = append(lines, line{fmt.Sprintf("8. Trang “%s”: ghi số (không ghi chữ, không ghi đơn vị tính trong ô); không có thì ghi 0.", form.SheetIndicators), false})
	}
	lines = append(lines,
		line{"", false},
		line{"LƯU Ý", true},
		line{"- Không thêm, xóa, đổi tên các trang tính; không đổi số nhiệm vụ.", false},
		line{"- Khi nội dung dài hơn ô: kéo giãn dòng (hoặc nhấp đúp vào đường kẻ dưới số thứ tự dòng) để khi in không bị mất chữ.", false},
		line{"- Các trang tính được khóa KHÔNG có mật khẩu, chỉ để tránh gõ nhầm vào ô không được sửa. Nếu thật cần, có thể bỏ khóa (Review → Unprotect Sheet; LibreOffice: Công cụ → Bảo vệ trang tính), nhưng không sửa nội dung các cột đã khóa.", false},
		line{"- Gõ tiếng Việt bằng bảng mã Unicode; không dùng phông TCVN3 (.VnTime) hoặc VNI. Khi dán từ Word, nên dán dạng chữ thuần (Paste Special → Unformatted Text).", false},
		line{"- Lưu đúng định dạng Excel .xlsx (không lưu .xls, .ods hoặc .csv), không đặt mật khẩu cho tệp, giữ nguyên tên tệp.", false},
		line{fmt.Sprintf("- Gửi tệp đã điền về %s trước hạn. Mỗi lần gửi lại, tệp có ngày báo cáo muộn hơn được dùng.", c.Issuer.Body), false},
	)
	if ct := c.Issuer.Contact; ct.Name != "" || ct.Phone != "" || ct.Email != "" {
		var parts []string
		for _, p := range []struct{ label, v string }{{"", ct.Name}, {"điện thoại ", ct.Phone}, {"e-mail ", ct.Email}} {
			if p.v != "" {
				parts = append(parts, p.label+p.v)
			}
		}
		lines = append(lines, line{"- Cần hỏi thêm, liên hệ: " + strings.Join(parts, ", ") + ".", false})
	}
	return lines
}

func (b *builder) guide() {
	s := form.SheetGuide
	// 85 units fit the width of a portrait A4 page at 100%.
	b.set(b.f.SetColWidth(s, "A", "A", guideWidth))
	lines := guideLines(b.c, b.u)
	for i, l := range lines {
		style := b.st.text
		if l.bold {
			style = b.st.textBold
		}
		b.cell(s, 1, i+1, l.text, style)
		if n := estimateLines(l.text, guideWidth); n > 1 {
			b.set(b.f.SetRowHeight(s, i+1, float64(n)*lineHeight+2))
		}
	}
	b.pageSetup(s, false, 0)
	b.protect(s)
}

// infoTitle heads the info sheet.
const infoTitle = "THÔNG TIN ĐƠN VỊ BÁO CÁO"

func (b *builder) info() {
	s := form.SheetInfo
	c, u := b.c, b.u
	b.set(b.f.SetColWidth(s, "A", "A", 22))
	b.set(b.f.SetColWidth(s, "B", "B", 62))
	b.cell(s, 1, 1, infoTitle, b.st.title)
	b.merge(s, 1, 1, 2, 1)
	b.set(b.f.SetRowHeight(s, 1, 24))
	for i, fld := range form.InfoFields {
		row := form.InfoFirstRow + i
		b.cell(s, 1, row, fld.Label, b.st.label)
		var value any
		style := b.st.locked
		switch fld.Label {
		case form.InfoCode:
			value = u.Code
		case form.InfoName:
			value = u.Name
		case form.InfoPeriod:
			value = period(b.c)
		case form.InfoDeadline:
			value = c.Period.Deadline.Format("02/01/2006")
		case form.InfoDate:
			style = b.st.inputDate
		default:
			style = b.st.input
		}
		b.cell(s, 2, row, value, style)
		b.set(b.f.SetRowHeight(s, row, 20))
		if fld.Label == form.InfoDate {
			ref := fmt.Sprintf("B%d", row)
			b.dateValidation(s, ref, c.Period.Start, c.Period.Deadline.AddDate(1, 0, 0),
				"Ngày báo cáo", "Ghi ngày báo cáo dạng ngày/tháng/năm, ví dụ "+c.Period.Deadline.Format("02/01/2006")+".")
		}
	}
	b.pageSetup(s, false, 0)
	b.protect(s)
}

// dateValidation accepts dates from lo to hi (inclusive) in ref.
func (b *builder) dateValidation(sheet, ref string, lo, hi time.Time, title, prompt string) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	b.set(dv.SetRange(excelSerial(lo), excelSerial(hi), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
	dv.SetInput(title, prompt)
	dv.SetError(excelize.DataValidationErrorStyleStop, title+" không hợp lệ",
		fmt.Sprintf("Ghi một ngày từ %s đến %s, dạng ngày/tháng/năm.", lo.Format("02/01/2006"), hi.Format("02/01/2006")))
	b.set(b.f.AddDataValidation(sheet, dv))
}

// excelSerial is the Excel serial number of a date (1900 date system).
func excelSerial(t time.Time) int {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return int(t.Sub(base).Hours() / 24)
}

// estimateLines is how many lines text takes in a column of width (Excel
// character units) with wrapping: a Times New Roman character averages about
// one unit; words are not broken, so a little is left over per line.
func estimateLines(text string, width float64) int {
	perLine := int(width * 1.05)
	if perLine < 1 {
		perLine = 1
	}
	n := 0
	for _, para := range strings.Split(text, "\n") {
		lines, used := 1, 0
		for _, w := range strings.Fields(para) {
			l := utf8.RuneCountInString(w)
			switch {
			case used == 0:
				used = l
			case used+1+l <= perLine:
				used += 1 + l
			default:
				lines++
				used = l
			}
			for used > perLine { // a word longer than the line
				lines++
				used -= perLine
			}
		}
		n += lines
	}
	return max(n, 1)
}

func rowHeight(lines int) float64 {
	return min(float64(lines)*lineHeight+4, maxRowHeight)
}

// tasksTitles are the three lines above the task table.
func tasksTitles(c *model.Catalogue, u *model.Unit) []string {
	return []string{"BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ " + strings.ToUpper(c.Period.Label),
		fmt.Sprintf("%s — %s", u.Name, c.Plan.Short),
		"Điền vào các ô tô màu vàng; mỗi dòng là một nhiệm vụ. Dòng “" + model.Related.Label() + " " + form.OptionalMark + "”: chỉ điền khi đơn vị có tham gia."}
}

// indicatorsTitles are the two lines above the indicator table.
func indicatorsTitles(c *model.Catalogue, u *model.Unit) []string {
	return []string{"CHỈ TIÊU SỐ LIỆU " + strings.ToUpper(c.Period.Label) + " — " + strings.ToUpper(u.Name),
		"Ghi số vào cột “Giá trị” (số không âm, không ghi chữ); không có thì ghi 0."}
}

// TaskRow is the text of the locked cells of the i-th task row (from 0)
// of a unit's template, by column key: what the reader expects to find
// there again.
func TaskRow(a model.Assignment, i int) map[string]string {
	role := a.Role.Label()
	if !a.Role.Required() {
		role += " " + form.OptionalMark
	}
	content := a.Task.Content
	for j, fn := range a.Task.Footnotes {
		content += fmt.Sprintf("\n(%d) %s", j+1, fn)
	}
	return map[string]string{
		form.ColTT: fmt.Sprint(i + 1), form.ColNumber: a.Task.Number, form.ColSection: a.Task.Section,
		form.ColContent: content, form.ColRole: role, form.ColTimeframe: a.Task.TimeframeLabel(),
	}
}

// IndicatorRow is the text of the locked cells of the i-th indicator row
// (from 0), by column key.
func IndicatorRow(in model.Indicator, i int) map[string]string {
	return map[string]string{form.ColIndTT: fmt.Sprint(i + 1), form.ColIndCode: in.Code, form.ColIndName: in.Name, form.ColIndUnit: in.Unit}
}

// Texts is every text a unit's template writes outside its tables' rows —
// instructions, titles, notes, column labels, the info sheet's labels —
// for the reader to tell the template's words from words a unit added.
func Texts(c *model.Catalogue, u *model.Unit) []string {
	var out []string
	for _, l := range guideLines(c, u) {
		out = append(out, l.text)
	}
	out = append(out, tasksTitles(c, u)...)
	out = append(out, indicatorsTitles(c, u)...)
	out = append(out, infoTitle)
	for _, cols := range [][]form.Column{form.TaskColumns, form.IndicatorColumns} {
		for _, col := range cols {
			out = append(out, col.Label)
		}
	}
	for _, f := range form.InfoFields {
		out = append(out, f.Label)
	}
	return out
}

func (b *builder) tasks() {
	s := form.SheetTasks
	c, u := b.c, b.u
	last := len(form.TaskColumns)
	for i, col := range form.TaskColumns {
		b.set(b.f.SetColWidth(s, colName(i+1), colName(i+1), col.Width))
	}
	titles := tasksTitles(c, u)
	b.cell(s, 1, 1, titles[0], b.st.title)
	b.merge(s, 1, 1, last, 1)
	b.set(b.f.SetRowHeight(s, 1, 22))
	b.cell(s, 1, 2, titles[1], b.st.subtitle)
	b.merge(s, 1, 2, last, 2)
	b.set(b.f.SetRowHeight(s, 2, 20))
	b.cell(s, 1, 3, titles[2], b.st.note)
	b.merge(s, 1, 3, last, 3)
	b.set(b.f.SetRowHeight(s, 3, 18))
	hr := form.TaskHeaderRow
	for i, col := range form.TaskColumns {
		b.cell(s, i+1, hr, col.Label, b.st.header)
	}
	b.set(b.f.SetRowHeight(s, hr, 34))
	widths := map[string]float64{}
	for _, col := range form.TaskColumns {
		widths[col.Key] = col.Width
	}
	row := hr
	for i, a := range c.Assignments(u.Code) {
		row = hr + 1 + i
		values := TaskRow(a, i)
		lines := 1
		for j, col := range form.TaskColumns {
			switch {
			case col.Key == form.ColDoneDate:
				b.cell(s, j+1, row, nil, b.st.inputDate)
			case col.Input:
				b.cell(s, j+1, row, nil, b.st.input)
			case col.Key == form.ColContent:
				b.cell(s, j+1, row, values[col.Key], b.st.locked)
			default:
				b.cell(s, j+1, row, values[col.Key], b.st.lockedCenter)
			}
			if !col.Input {
				lines = max(lines, estimateLines(values[col.Key], col.Width))
			}
		}
		// Leave room for a few lines of answer even under a short task.
		b.set(b.f.SetRowHeight(s, row, rowHeight(max(lines, 4))))
	}
	if row > hr {
		b.statusValidation(s, row)
		col := colIndex(form.ColDoneDate)
		ref := fmt.Sprintf("%s%d:%s%d", colName(col), hr+1, colName(col), row)
		b.dateValidation(s, ref, c.Period.Start.AddDate(-10, 0, 0), c.Period.Deadline.AddDate(1, 0, 0),
			"Ngày hoàn thành", "Chỉ ghi khi nhiệm vụ đã hoàn thành; dạng ngày/tháng/năm.")
	}
	b.pageSetup(s, true, hr)
	b.protect(s)
}

func colIndex(key string) int {
	for i, c := range form.TaskColumns {
		if c.Key == key {
			return i + 1
		}
	}
	panic("form: no task column " + key)
}

func (b *builder) statusValidation(sheet string, lastRow int) {
	col := colName(colIndex(form.ColStatus))
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, form.TaskHeaderRow+1, col, lastRow)
	var values []string
	for _, st := range model.Statuses {
		values = append(values, string(st))
	}
	b.set(dv.SetDropList(values))
	dv.SetInput("Tình trạng", "Chọn trong danh sách: "+strings.Join(values, ", ")+".")
	dv.SetError(excelize.DataValidationErrorStyleStop, "Tình trạng không hợp lệ",
		"Chọn một trong: "+strings.Join(values, ", ")+".")
	b.set(b.f.AddDataValidation(sheet, dv))
}

func (b *builder) indicators() {
	s := form.SheetIndicators
	c := b.c
	last := len(form.IndicatorColumns)
	for i, col := range form.IndicatorColumns {
		b.set(b.f.SetColWidth(s, colName(i+1), colName(i+1), col.Width))
	}
	titles := indicatorsTitles(c, b.u)
	b.cell(s, 1, 1, titles[0], b.st.title)
	b.merge(s, 1, 1, last, 1)
	b.set(b.f.SetRowHeight(s, 1, 22))
	b.cell(s, 1, 2, titles[1], b.st.note)
	b.merge(s, 1, 2, last, 2)
	hr := form.IndicatorHeaderRow
	for i, col := range form.IndicatorColumns {
		b.cell(s, i+1, hr, col.Label, b.st.header)
	}
	b.set(b.f.SetRowHeight(s, hr, 22))
	for i, in := range c.Indicators {
		row := hr + 1 + i
		values := IndicatorRow(in, i)
		for j, col := range form.IndicatorColumns {
			switch {
			case col.Key == form.ColIndValue:
				b.cell(s, j+1, row, nil, b.st.inputNumber)
			case col.Input:
				b.cell(s, j+1, row, nil, b.st.input)
			case col.Key == form.ColIndName:
				b.cell(s, j+1, row, values[col.Key], b.st.locked)
			case col.Key == form.ColIndTT:
				b.cell(s, j+1, row, i+1, b.st.lockedCenter)
			default:
				b.cell(s, j+1, row, values[col.Key], b.st.lockedCenter)
			}
		}
		b.set(b.f.SetRowHeight(s, row, rowHeight(estimateLines(in.Name, form.IndicatorColumns[2].Width))))
	}
	if n := len(c.Indicators); n > 0 {
		col := colName(5)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, hr+1, col, hr+n)
		b.set(dv.SetRange(0, 1e15, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
		dv.SetInput("Giá trị", "Ghi một số không âm, theo đơn vị tính ở cột bên trái.")
		dv.SetError(excelize.DataValidationErrorStyleStop, "Giá trị không hợp lệ", "Ghi một số không âm (ví dụ 1250 hoặc 1250,5), không ghi chữ.")
		b.set(b.f.AddDataValidation(s, dv))
	}
	b.pageSetup(s, true, hr)
	b.protect(s)
}

// Metadata returns the hidden metadata of unit u's template.
func Metadata(c *model.Catalogue, u *model.Unit) map[string]string {
	return map[string]string{
		form.MetaCatalogueID:      c.ID,
		form.MetaCatalogueVersion: c.Version,
		form.MetaCatalogueHash:    c.Hash,
		form.MetaUnitCode:         u.Code,
		form.MetaUnitName:         u.Name,
		form.MetaTemplateFormat:   fmt.Sprint(form.FormatVersion),
		form.MetaPeriod:           form.PeriodKey(c.Period.Start, c.Period.End),
	}
}

func (b *builder) meta() {
	s := form.SheetMeta
	meta := Metadata(b.c, b.u)
	b.cell(s, 1, 1, "Thông tin nhận diện biểu mẫu — không sửa", b.st.textBold)
	for i, k := range form.MetaKeys {
		b.set(b.f.SetCellStr(s, fmt.Sprintf("A%d", i+2), k))
		b.set(b.f.SetCellStr(s, fmt.Sprintf("B%d", i+2), meta[k]))
		b.set(b.f.SetCustomProps(excelize.CustomProperty{Name: k, Value: meta[k]}))
	}
	b.protect(s)
	b.set(b.f.SetSheetVisible(s, false, true))
}

// FileName is the name of unit u's template: its code and short name, with
// the characters Windows forbids in file names replaced by "-".
func FileName(u *model.Unit) string {
	name := strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '-'
		}
		return r
	}, u.Code+"_"+u.ShortName)
	return strings.TrimRight(name, ". ") + ".xlsx"
}
