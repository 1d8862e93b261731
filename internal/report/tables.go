package report

import (
	"fmt"
	"strconv"

	"baocao/internal/consolidate"
	"baocao/internal/document"
	"baocao/internal/model"
)

// entryText is what a unit reported on a task, for Phụ lục I: the unit and
// its status, then its result paragraph by paragraph, then its documents,
// difficulties and proposals.
func entryText(ue consolidate.UnitEntry) []string {
	e := ue.Entry
	head := ue.Unit.Name
	if st := entryStatus(e); st != "" {
		head += " (" + st + ")"
	}
	result := paragraphs(e.Result.Value)
	var lines []string
	if len(result) == 0 {
		lines = []string{head + ":"}
	} else {
		lines = append([]string{head + ": " + result[0]}, result[1:]...)
	}
	for _, f := range []struct{ label, text string }{{"Văn bản", e.Documents.Value}, {"Khó khăn, vướng mắc", e.Difficulties.Value}, {"Đề xuất, kiến nghị", e.Proposals.Value}} {
		if f.text != "" {
			lines = append(lines, f.label+": "+endSentence(joinParts(f.text)))
		}
	}
	return lines
}

func group(cols int, title ...string) document.Row {
	r := document.Row{Kind: document.Group, Cells: make([]document.Cell, cols)}
	for i, t := range title {
		r.Cells[i] = document.Text(t)
	}
	return r
}

// tasksTable is Phụ lục I: every task with every unit's report on it.
func tasksTable(r *consolidate.Report) document.Table {
	t := document.Table{Columns: []document.Column{
		{Heading: "TT", Width: 6, Align: document.Center},
		{Heading: "Nội dung nhiệm vụ", Width: 50},
		{Heading: "Đơn vị chủ trì", Width: 20},
		{Heading: "Đơn vị phối hợp", Width: 20},
		{Heading: "Thời gian thực hiện", Width: 16},
		{Heading: "Kết quả thực hiện của các đơn vị", Width: 58},
		{Heading: "Tình trạng", Width: 16},
	}}
	c := r.Catalogue
	for _, s := range c.Sections {
		t.Rows = append(t.Rows, group(len(t.Columns), s.Number, s.Title))
		for _, tr := range r.Tasks {
			if tr.Task.Section != s.Number {
				continue
			}
			content := []string{tr.Task.Content}
			for i, fn := range tr.Task.Footnotes {
				content = append(content, fmt.Sprintf("(%d) %s", i+1, fn))
			}
			var results []string
			for _, ue := range tr.Entries {
				results = append(results, entryText(ue)...)
			}
			if len(results) == 0 {
				results = []string{"Chưa có báo cáo."}
			}
			t.Rows = append(t.Rows, document.Row{Cells: []document.Cell{
				document.Text(tr.Task.Number), document.Text(content...), document.Text(tr.Task.LeadLabel(c)),
				document.Text(tr.Task.CoordinatorsLabel(c)), document.Text(timeframe(tr.Task)), document.Text(results...),
				document.Text(tr.Outcome.Label())}})
		}
	}
	return t
}

// unitsTable is Phụ lục II: each unit's report, date and state.
func unitsTable(r *consolidate.Report) document.Table {
	t := document.Table{Columns: []document.Column{
		{Heading: "TT", Width: 6, Align: document.Center},
		{Heading: "Đơn vị", Width: 62},
		{Heading: "Ngày báo cáo", Width: 20, Align: document.Center},
		{Heading: "Tình trạng", Width: 18, Align: document.Center},
		{Heading: "Nhiệm vụ đã báo cáo", Width: 20, Align: document.Center},
		{Heading: "Ghi chú", Width: 60},
	}}
	c := r.Catalogue
	kind, n := "", 0
	for _, u := range r.Units {
		if u.Unit.Kind != kind {
			kind = u.Unit.Kind
			name := kind
			if k := c.KindByCode(kind); k != nil {
				name = k.Name
			}
			t.Rows = append(t.Rows, group(len(t.Columns), "", name))
		}
		n++
		date, tasks := "", ""
		var notes []string
		if s := u.Submission; s != nil {
			if !s.ReportDate.IsZero() {
				date = s.ReportDate.Format("02/01/2006")
			} else {
				notes = append(notes, "Không ghi ngày báo cáo")
			}
			tasks = fmt.Sprintf("%d/%d", u.TasksReported, u.TasksAssigned)
			if related := relatedReported(s); related > 0 {
				// A unit that reports only on tasks of "các đơn vị có liên
				// quan" has nothing it must report: say what it did.
				tasks += fmt.Sprintf(" (và %d nhiệm vụ có liên quan)", related)
			}
			if u.Corrected {
				first := "không ghi ngày"
				if !u.FirstDate.IsZero() {
					first = "ngày " + u.FirstDate.Format("02/01/2006")
				}
				notes = append(notes, "Bản sửa; báo cáo lần đầu "+first)
			}
		} else if s := u.Received; s != nil && !s.ReportDate.IsZero() {
			date = s.ReportDate.Format("02/01/2006")
		}
		switch u.State {
		case consolidate.Empty:
			notes = append(notes, "Gửi biểu mẫu chưa điền nội dung, chưa tổng hợp")
		case consolidate.WrongFormat:
			notes = append(notes, "Báo cáo gửi sai định dạng, chưa đạt yêu cầu, chưa tổng hợp")
		case consolidate.Invalid:
			notes = append(notes, "Báo cáo chưa đạt yêu cầu, chưa tổng hợp")
		default:
			if len(u.Skipped) > 0 {
				notes = append(notes, "Bản gửi sau chưa đạt yêu cầu, tổng hợp theo báo cáo trước")
			}
		}
		t.Rows = append(t.Rows, document.Row{Cells: []document.Cell{
			document.Text(strconv.Itoa(n)), document.Text(u.Unit.Name), document.Text(date),
			document.Text(u.State.Label()), document.Text(tasks), document.Text(notes...)}})
	}
	if n := len(r.Skipped); n > 0 {
		t.Rows = append(t.Rows, document.Row{Cells: []document.Cell{nil,
			document.Text(fmt.Sprintf("%d báo cáo không xác định được đơn vị gửi", n)), nil, nil, nil,
			document.Text("Chưa đạt yêu cầu, chưa tổng hợp")}})
	}
	return t
}

// indicatorsTable is Phụ lục III: each unit's figures, and the totals. A
// unit that gave no figure for an indicator has a blank cell, not "0".
func indicatorsTable(r *consolidate.Report) document.Table {
	t := document.Table{Columns: []document.Column{
		{Heading: "TT", Width: 6, Align: document.Center},
		{Heading: "Đơn vị", Width: 60},
	}}
	if len(r.Indicators) == 0 {
		t.Columns = append(t.Columns, document.Column{Heading: "Chỉ tiêu", Width: 40})
		t.Rows = []document.Row{{Cells: []document.Cell{nil, document.Text("Kế hoạch không có chỉ tiêu số liệu."), nil}}}
		return t
	}
	for _, ir := range r.Indicators {
		t.Columns = append(t.Columns, document.Column{Heading: fmt.Sprintf("%s (%s)", ir.Indicator.Name, ir.Indicator.Unit),
			Width: 40, Align: document.Right})
	}
	n := 0
	for _, u := range r.Units {
		if u.Submission == nil {
			continue
		}
		row := document.Row{Cells: []document.Cell{nil, document.Text(u.Unit.Name)}}
		any := false
		for _, ir := range r.Indicators {
			var cell []string
			for _, uv := range ir.Values {
				if uv.Unit == u.Unit {
					if s := Number(uv.Value.Value); s != "" {
						cell = append(cell, s)
					}
					if uv.Value.Note.Value != "" {
						cell = append(cell, "("+uv.Value.Note.Value+")")
					}
					any = true
				}
			}
			row.Cells = append(row.Cells, document.Text(cell...))
		}
		if any {
			n++
			row.Cells[0] = document.Text(strconv.Itoa(n))
			t.Rows = append(t.Rows, row)
		}
	}
	total := document.Row{Kind: document.Total, Cells: []document.Cell{nil, document.Text("Tổng cộng")}}
	for _, ir := range r.Indicators {
		total.Cells = append(total.Cells, document.Text(Number(ir.Total)))
	}
	t.Rows = append(t.Rows, total)
	return t
}

// relatedReported counts the tasks a unit reported on as one of "các
// đơn vị có liên quan" (not counted among the tasks it must report on).
func relatedReported(s *model.Submission) int {
	n := 0
	for _, e := range s.Entries {
		if e.Role == model.Related && e.Reported() {
			n++
		}
	}
	return n
}
