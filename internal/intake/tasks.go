package intake

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/xltemplate"
)

// The two tables of a unit workbook: the tasks and the indicators.

// tasksTable reads the task rows into the submission's entries.
func tasksTable() *tableSpec {
	seen := map[string]int{} // task number -> its row
	return &tableSpec{
		sheet:   form.SheetTasks,
		columns: form.TaskColumns,
		noKey: func(rd *reading, t *table, r int) {
			rd.add(problem.Error, t.sheet.Name, t.keyCol(), r, ErrNoTaskNumber,
				"dòng có nội dung báo cáo nhưng không có số nhiệm vụ, nên không biết thuộc nhiệm vụ nào",
				"ghi số nhiệm vụ (theo danh mục) vào ô này, hoặc chuyển nội dung vào dòng của nhiệm vụ tương ứng")
		},
		row: func(rd *reading, t *table, r int, key string, filled bool) bool {
			num, task := rd.taskNumber(key)
			sheet, kc := t.sheet.Name, t.keyCol()
			switch {
			case task == nil:
				rd.markRow(t, r)
				rd.add(problem.Error, sheet, kc, r, ErrUnknownTask,
					fmt.Sprintf("nhiệm vụ số “%s” không có trong danh mục", clip(num, 20)),
					"không sửa số nhiệm vụ; nội dung của dòng này không được tổng hợp cho đến khi sửa đúng số")
				return false
			case seen[num] > 0:
				rd.markRow(t, r)
				rd.add(problem.Error, sheet, kc, r, ErrDuplicateRow,
					fmt.Sprintf("nhiệm vụ %s có hai dòng (dòng %d và dòng %d)", num, seen[num], r),
					"gộp nội dung vào một dòng rồi xóa dòng thừa")
				return false
			}
			seen[num] = r
			rd.lockedCells(t, r, rd.expectedTaskRow(task))
			if rd.c.RoleOf(rd.sub.Unit.Code, task) == model.NoRole {
				if filled {
					rd.markRow(t, r)
					rd.add(problem.Error, sheet, kc, r, ErrNotAssigned,
						fmt.Sprintf("nhiệm vụ %s không giao cho %s (không chủ trì, phối hợp hay liên quan)", num, rd.sub.Unit.Name),
						"xóa nội dung dòng này, hoặc chuyển về nhiệm vụ đơn vị được giao; nếu danh mục thiếu, báo Sở bổ sung")
				}
				return false
			}
			return true
		},
		take: func(rd *reading, t *table, r int, key string, v values) {
			_, task := rd.taskNumber(key)
			rd.entry(t, r, task, v)
		},
	}
}

// missingTasks names the required tasks the table has no row for.
func (rd *reading) missingTasks(t *table) {
	seen := map[string]bool{}
	for r := t.header + 1; r <= t.sheet.MaxRow(); r++ {
		if num, task := rd.taskNumber(strings.TrimSpace(t.sheet.Peek(r, t.keyCol()).Value)); task != nil {
			seen[num] = true
		}
	}
	for _, a := range rd.c.Assignments(rd.sub.Unit.Code) {
		if a.Role.Required() && !seen[a.Task.Number] {
			rd.add(problem.Warning, t.sheet.Name, 0, 0, ErrNotReported,
				fmt.Sprintf("không có dòng nào cho nhiệm vụ %s (đơn vị %s)", a.Task.Number, strings.ToLower(a.Role.Label())),
				"dòng của nhiệm vụ đã bị xóa; đề nghị đơn vị bổ sung")
		}
	}
}

// taskNumber reads a task number as written: "3", "3.", 3.0, " 3 ".
func (rd *reading) taskNumber(raw string) (string, *model.Task) {
	s, _ := clean(raw)
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

// entry makes the unit's entry for a task from its row's values, and
// checks that they agree with each other and with the report's dates.
func (rd *reading) entry(t *table, r int, task *model.Task, v values) {
	role := rd.c.RoleOf(rd.sub.Unit.Code, task)
	sheet := t.sheet.Name
	st, done := v.get(form.ColStatus), v.get(form.ColDoneDate)
	e := model.Entry{Task: task, Role: role, Row: r, Status: st.status, StatusRef: st.ref,
		Result: v.get(form.ColResult).text, Documents: v.get(form.ColDocuments).text,
		Difficulties: v.get(form.ColDifficulties).text, Proposals: v.get(form.ColProposals).text}
	if done.ok {
		e.DoneDate, e.DoneRef = done.date, done.ref
	}
	switch {
	case !e.Reported():
		if role.Required() {
			rd.add(problem.Warning, sheet, t.cols[form.ColStatus], r, ErrNotReported,
				fmt.Sprintf("chưa báo cáo nhiệm vụ %s (đơn vị %s)", task.Number, strings.ToLower(role.Label())),
				"chọn tình trạng và ghi kết quả thực hiện")
		}
		return
	case e.Status == "" && st.empty && t.cols[form.ColStatus] > 0:
		rd.add(problem.Warning, sheet, t.cols[form.ColStatus], r, ErrStatus, fmt.Sprintf("nhiệm vụ %s có nội dung nhưng chưa chọn tình trạng", task.Number),
			"chọn tình trạng trong danh sách thả xuống")
	case e.Status == model.Done && e.Result.Value == "":
		rd.add(problem.Warning, sheet, t.cols[form.ColResult], r, ErrNoResult, fmt.Sprintf("nhiệm vụ %s hoàn thành nhưng chưa ghi kết quả thực hiện", task.Number),
			"ghi cụ thể kết quả đã đạt được")
	case e.Status != model.Done && e.Status != "" && !e.DoneDate.IsZero():
		rd.add(problem.Warning, sheet, t.cols[form.ColDoneDate], r, ErrDate, fmt.Sprintf("nhiệm vụ %s có ngày hoàn thành nhưng tình trạng là “%s”", task.Number, e.Status),
			"nếu đã xong, chọn “Hoàn thành”; nếu chưa, xóa ngày hoàn thành")
	}
	if !e.DoneDate.IsZero() {
		p, rep := rd.c.Period, rd.sub.ReportDate
		switch {
		case !rep.IsZero() && e.DoneDate.After(rep):
			rd.add(problem.Warning, sheet, e.DoneRef.Col, r, ErrDate,
				fmt.Sprintf("ngày hoàn thành %s sau ngày báo cáo %s", e.DoneDate.Format("02/01/2006"), rep.Format("02/01/2006")),
				"kiểm tra lại ngày hoàn thành hoặc ngày báo cáo")
		case e.DoneDate.Before(p.Start) || e.DoneDate.After(p.End):
			rd.add(problem.Warning, sheet, e.DoneRef.Col, r, ErrDate,
				fmt.Sprintf("ngày hoàn thành %s nằm ngoài kỳ báo cáo (%s–%s)", e.DoneDate.Format("02/01/2006"), p.Start.Format("02/01/2006"), p.End.Format("02/01/2006")),
				"kiểm tra lại năm; nếu nhiệm vụ hoàn thành ở kỳ trước, ghi rõ trong kết quả thực hiện")
		}
	}
	rd.sub.Entries = append(rd.sub.Entries, e)
}

// indicatorsTable reads the indicator rows into the submission.
func indicatorsTable() *tableSpec {
	seen := map[string]bool{}
	return &tableSpec{
		sheet:   form.SheetIndicators,
		columns: form.IndicatorColumns,
		noKey: func(rd *reading, t *table, r int) {
			rd.add(problem.Error, t.sheet.Name, t.cols[form.ColIndValue], r, ErrNoTaskNumber, "ô có số liệu nhưng dòng không có mã chỉ tiêu",
				"ghi số liệu vào đúng dòng của chỉ tiêu")
		},
		row: func(rd *reading, t *table, r int, code string, filled bool) bool {
			ind := rd.indicator(code)
			switch {
			case ind == nil:
				rd.markRow(t, r)
				if filled {
					rd.add(problem.Error, t.sheet.Name, t.keyCol(), r, ErrUnknownIndicator, fmt.Sprintf("chỉ tiêu mã “%s” không có trong danh mục", clip(code, 20)),
						"không sửa mã chỉ tiêu; số liệu dòng này không được tổng hợp")
				}
				return false
			case seen[ind.Code]:
				rd.markRow(t, r)
				rd.add(problem.Error, t.sheet.Name, t.keyCol(), r, ErrDuplicateRow, fmt.Sprintf("chỉ tiêu %s có hai dòng", ind.Code), "xóa dòng thừa")
				return false
			}
			seen[ind.Code] = true
			want := xltemplate.IndicatorRow(*ind, 0)
			if c := t.cols[form.ColIndUnit]; c > 0 {
				if got, _ := clean(t.sheet.Peek(r, c).Value); got != "" && got != want[form.ColIndUnit] {
					rd.markRow(t, r)
					rd.add(problem.Error, t.sheet.Name, c, r, ErrTemplateEdited,
						fmt.Sprintf("đơn vị tính của chỉ tiêu %s đã bị sửa thành “%s” (biểu mẫu: “%s”): không rõ số liệu tính theo đơn vị nào, chưa tổng hợp", ind.Code, clip(got, 30), want[form.ColIndUnit]),
						"ghi lại đơn vị tính như biểu mẫu và quy đổi số liệu theo đơn vị đó")
					return false
				}
			}
			rd.lockedCells(t, r, map[string]string{form.ColIndName: want[form.ColIndName]})
			return true
		},
		take: func(rd *reading, t *table, r int, code string, v values) {
			val, note := v.get(form.ColIndValue), v.get(form.ColIndNote)
			iv := model.IndicatorValue{Indicator: rd.indicator(code), Ref: val.ref, Note: note.text, Value: math.NaN()}
			switch {
			case val.ok:
				iv.Value = val.num
			case !val.empty: // refused, with an error naming the cell
				return
			case note.text.Value == "":
				return
			}
			rd.sub.Indicators = append(rd.sub.Indicators, iv)
		},
	}
}

func (rd *reading) indicator(code string) *model.Indicator {
	for i := range rd.c.Indicators {
		if strings.EqualFold(rd.c.Indicators[i].Code, code) {
			return &rd.c.Indicators[i]
		}
	}
	return nil
}

// expectedTaskRow is what the unit's template writes in the locked cells of
// a task's row; nil for a task the unit has no row for.
func (rd *reading) expectedTaskRow(task *model.Task) map[string]string {
	for i, a := range rd.c.Assignments(rd.sub.Unit.Code) {
		if a.Task == task {
			row := xltemplate.TaskRow(a, i)
			delete(row, form.ColTT) // the row's place, renumbered when rows move
			delete(row, form.ColNumber)
			return row
		}
	}
	return nil
}

// lockedCells compares the locked cells of a row with what the template
// wrote there: a unit that unlocked the sheet and changed the task's text,
// role or time, or an indicator's name, is told that the change is not
// taken.
func (rd *reading) lockedCells(t *table, r int, want map[string]string) {
	if rd.otherTemplate {
		return // another period's template: named once, not cell by cell
	}
	for key, w := range want {
		c := t.cols[key]
		if c == 0 {
			continue
		}
		raw := t.sheet.Peek(r, c).Value
		if raw == w {
			continue // untouched: the common case, without cleaning
		}
		got, _ := clean(raw)
		if w, _ = clean(w); got == "" || got == w {
			continue
		}
		rd.add(problem.Warning, t.sheet.Name, c, r, ErrTemplateEdited,
			fmt.Sprintf("ô khóa của biểu mẫu đã bị sửa: “%s” (biểu mẫu: “%s”); phần sửa không được tổng hợp", clip(got, 60), clip(w, 40)),
			"không sửa các cột đã khóa; cần bổ sung thì ghi vào cột Kết quả thực hiện hoặc Khó khăn, vướng mắc")
	}
}
