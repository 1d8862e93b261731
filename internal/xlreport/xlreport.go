// Package xlreport writes the consolidation as a workbook: the tasks with
// their overall status, every unit's entry with its source file and cells,
// the units' submission state, the indicators per unit and in total, and the
// problems found. Text is always stored as text — a unit's "=SUM(…)" or
// "+84…" is never a formula — and the same inputs give the same bytes.
package xlreport

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/consolidate"
	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
)

// Sheet names.
const (
	SheetTasks      = "Nhiệm vụ"
	SheetEntries    = "Báo cáo của đơn vị"
	SheetUnits      = "Đơn vị"
	SheetIndicators = "Chỉ tiêu"
	SheetProblems   = "Vấn đề"
)

type column struct {
	label string
	width float64
}

type sheet struct {
	name string
	cols []column
	rows [][]any
}

func date(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t
}

func ref(r model.Ref) string {
	if r.Cell == "" {
		return ""
	}
	return r.Sheet + "!" + r.Cell
}

// taskNumber is a task's number as the workbook stores it: a number when
// it is one ("1", "10"), so that a filter sorts 1, 2, … 10 and not 1, 10,
// 11, 2; text otherwise ("1.1", "3a").
func taskNumber(s string) any {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && strconv.Itoa(n) == s {
		return n
	}
	return s
}

func names(us []*model.Unit) string {
	var out []string
	for _, u := range us {
		out = append(out, u.Name)
	}
	return strings.Join(out, "; ")
}

func sheets(r *consolidate.Report, probs problem.List) []sheet {
	c := r.Catalogue
	tasks := sheet{name: SheetTasks, cols: []column{{"TT", 5}, {"Nhóm", 7}, {"Nhiệm vụ số", 9}, {"Tên nhiệm vụ", 36}, {"Nội dung", 60},
		{"Đơn vị chủ trì", 28}, {"Đơn vị phối hợp", 28}, {"Thời gian thực hiện", 18}, {"Hạn", 12}, {"Tình trạng chung", 16},
		{"Đánh giá", 24}, {"Ngày hoàn thành", 13}, {"Số đơn vị phải báo cáo", 11}, {"Số đơn vị đã báo cáo", 11}, {"Đơn vị chưa báo cáo", 40}}}
	for i, tr := range r.Tasks {
		t := tr.Task
		var due any = ""
		if t.Timeframe.HasDeadline() {
			due = t.Timeframe.Due
		}
		assigned := len(c.AssignedUnits(t))
		tasks.rows = append(tasks.rows, []any{i + 1, t.Section, taskNumber(t.Number), t.Title, t.Content, t.LeadLabel(c), t.CoordinatorsLabel(c),
			t.TimeframeLabel(), due, string(tr.Status), tr.Outcome.Label(), date(tr.DoneDate), assigned, assigned - len(tr.Missing), names(tr.Missing)})
	}
	entries := sheet{name: SheetEntries, cols: []column{{"Nhiệm vụ số", 9}, {"Mã đơn vị", 11}, {"Đơn vị", 30}, {"Vai trò", 11}, {"Tình trạng", 15},
		{"Ngày hoàn thành", 13}, {"Kết quả thực hiện", 60}, {"Văn bản đã ban hành", 36}, {"Khó khăn, vướng mắc", 36}, {"Đề xuất, kiến nghị", 36},
		{"Tệp", 30}, {"Ô tình trạng", 14}, {"Ô kết quả", 14}}}
	for _, tr := range r.Tasks {
		for _, ue := range tr.Entries {
			e := ue.Entry
			entries.rows = append(entries.rows, []any{taskNumber(tr.Task.Number), ue.Unit.Code, ue.Unit.Name, e.Role.Label(), string(e.Status), date(e.DoneDate),
				e.Result.Value, e.Documents.Value, e.Difficulties.Value, e.Proposals.Value, e.Result.Ref.File, ref(e.StatusRef), ref(e.Result.Ref)})
		}
	}
	units := sheet{name: SheetUnits, cols: []column{{"TT", 5}, {"Mã đơn vị", 11}, {"Đơn vị", 36}, {"Loại", 28}, {"Tình trạng", 12},
		{"Ngày báo cáo", 13}, {"Nhiệm vụ đã báo cáo", 11}, {"Nhiệm vụ phải báo cáo", 11}, {"Người báo cáo", 24}, {"Chức vụ", 24},
		{"Điện thoại", 16}, {"E-mail", 26}, {"Tệp", 30}, {"Ghi chú (tệp không sử dụng, bản sửa)", 40}}}
	for i, u := range r.Units {
		kind := u.Unit.Kind
		if k := c.KindByCode(kind); k != nil {
			kind = k.Name
		}
		row := []any{i + 1, u.Unit.Code, u.Unit.Name, kind, u.State.Label()}
		var skipped []string
		for _, s := range u.Skipped {
			skipped = append(skipped, s.File+": "+s.Reason)
		}
		switch s := u.Received; {
		case u.Submission != nil:
			s = u.Submission
			rp := s.Reporter
			row = append(row, date(s.ReportDate), u.TasksReported, u.TasksAssigned, rp.Name.Value, rp.Position.Value, rp.Phone.Value, rp.Email.Value, s.File)
		case s != nil: // received, not consolidated: its date and file all the same
			rp := s.Reporter
			row = append(row, date(s.ReportDate), "", u.TasksAssigned, rp.Name.Value, rp.Position.Value, rp.Phone.Value, rp.Email.Value, s.File)
		default:
			row = append(row, "", "", u.TasksAssigned, "", "", "", "", "")
		}
		if u.Corrected {
			first := "không ghi ngày"
			if !u.FirstDate.IsZero() {
				first = u.FirstDate.Format("02/01/2006")
			}
			skipped = append(skipped, "Bản sửa; báo cáo lần đầu: "+first)
		}
		units.rows = append(units.rows, append(row, strings.Join(skipped, "\n")))
	}
	inds := sheet{name: SheetIndicators, cols: []column{{"Mã chỉ tiêu", 16}, {"Chỉ tiêu", 50}, {"Đơn vị tính", 12}, {"Mã đơn vị", 11}, {"Đơn vị", 36},
		{"Giá trị", 16}, {"Ghi chú", 36}, {"Tệp", 30}, {"Ô", 14}}}
	for _, ir := range r.Indicators {
		in := ir.Indicator
		for _, uv := range ir.Values {
			var v any = ""
			if !math.IsNaN(uv.Value.Value) {
				v = uv.Value.Value
			}
			inds.rows = append(inds.rows, []any{in.Code, in.Name, in.Unit, uv.Unit.Code, uv.Unit.Name, v, uv.Value.Note.Value, uv.Value.Ref.File, ref(uv.Value.Ref)})
		}
		inds.rows = append(inds.rows, []any{in.Code, in.Name, in.Unit, "", "Tổng cộng", ir.Total, "", "", ""})
	}
	probsSheet := sheet{name: SheetProblems, cols: []column{{"Tệp", 36}, {"Trang tính", 16}, {"Ô", 8}, {"Mức độ", 10}, {"Nội dung", 70}, {"Cách sửa", 60}}}
	for _, p := range probs {
		probsSheet.rows = append(probsSheet.rows, []any{p.File, p.Sheet, p.Cell, p.Severity.Label(), p.Message, p.Hint})
	}
	return []sheet{tasks, entries, units, inds, probsSheet}
}

// Write writes the workbook of the consolidation r and the problems found
// while reading, to w.
func Write(w io.Writer, r *consolidate.Report, probs problem.List) error {
	f := excelize.NewFile()
	defer f.Close()
	var werr error
	set := func(err error) {
		if werr == nil && err != nil {
			werr = err
		}
	}
	set(f.SetDefaultFont("Times New Roman"))
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11, Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	set(err)
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11}, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	set(err)
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11}, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	set(err)
	numFmt := "#,##0.###"
	numStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 11}, Border: border, CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	set(err)
	for i, sh := range sheets(r, probs) {
		if i == 0 {
			set(f.SetSheetName("Sheet1", sh.name))
		} else {
			_, err := f.NewSheet(sh.name)
			set(err)
		}
		// The sheet's settings come first: the stream writer writes them
		// after the rows.
		end, _ := excelize.CoordinatesToCellName(len(sh.cols), max(len(sh.rows)+1, 2))
		set(f.AutoFilter(sh.name, "A1:"+end, nil))
		size, orient, fitW, fitH := 9, "landscape", 1, 0
		set(f.SetPageLayout(sh.name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
		fit := true
		set(f.SetSheetProps(sh.name, &excelize.SheetPropsOptions{FitToPage: &fit}))
		set(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", sh.name), Scope: sh.name}))
		set(f.SetHeaderFooter(sh.name, &excelize.HeaderFooterOptions{OddFooter: "&L&\"Times New Roman\"&10" +
			strings.ReplaceAll(sh.name, "&", "&&") + "&R&\"Times New Roman\"&10Trang &P/&N"}))
		// Rows are streamed: a fraction of the time and memory of setting
		// cells one by one, which mattered at thousands of units.
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			set(err)
			continue
		}
		// Each width goes before those set already: set from the last
		// column so that they are written in order, as Excel expects.
		for j := len(sh.cols) - 1; j >= 0; j-- {
			set(sw.SetColWidth(j+1, j+1, sh.cols[j].width))
		}
		set(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
		cells := make([]any, len(sh.cols))
		for j, col := range sh.cols {
			cells[j] = excelize.Cell{StyleID: header, Value: col.label}
		}
		set(sw.SetRow("A1", cells, excelize.RowOpts{Height: 32}))
		for ri, row := range sh.rows {
			cells := make([]any, len(row))
			for j, v := range row {
				style := body
				switch v.(type) {
				case time.Time:
					style = dateStyle
				case float64:
					style = numStyle
				}
				// A string is always stored as text (an inline string):
				// text that looks like a formula stays text. An empty
				// string is an empty cell, with its borders.
				if v == "" {
					v = nil
				}
				cells[j] = excelize.Cell{StyleID: style, Value: v}
			}
			first, _ := excelize.CoordinatesToCellName(1, ri+2)
			set(sw.SetRow(first, cells))
		}
		set(sw.Flush())
	}
	c := r.Catalogue
	stamp := r.Date.Format(time.RFC3339)
	set(f.SetDocProps(&excelize.DocProperties{Title: "Tổng hợp báo cáo " + c.Period.Label, Subject: c.Plan.Short, Creator: c.Issuer.Body,
		LastModifiedBy: c.Issuer.Body, Created: stamp, Modified: stamp, Language: "vi-VN", Identifier: c.ID}))
	set(f.SetCustomProps(excelize.CustomProperty{Name: form.MetaOutput, Value: "tong-hop"}))
	if werr != nil {
		return fmt.Errorf("lập bảng tổng hợp: %w", werr)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	return sortedZip(w, buf.Bytes())
}

// sortedZip copies the archive data to w with its entries in a fixed order
// — [Content_Types].xml first, then by name — unchanged (still
// compressed). excelize writes streamed sheets in map order, which would
// make two runs differ.
func sortedZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	rank := func(f *zip.File) string { // [Content_Types].xml sorts before any part name
		if f.Name == "[Content_Types].xml" {
			return ""
		}
		return f.Name
	}
	slices.SortFunc(files, func(a, b *zip.File) int { return cmp.Compare(rank(a), rank(b)) })
	zw := zip.NewWriter(w)
	for _, zf := range files {
		raw, err := zf.OpenRaw()
		if err != nil {
			return err
		}
		out, err := zw.CreateRaw(&zf.FileHeader)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, raw); err != nil {
			return err
		}
	}
	return zw.Close()
}
