package xltemplate

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/model"
)

// Answer is what a unit writes for one task.
type Answer struct {
	Status                                     string // as typed; may be a variant or empty
	Done                                       time.Time
	DoneText                                   string // a date typed as text, instead of Done
	Result, Documents, Difficulties, Proposals string
}

// Filled is a unit's report as it will be typed into its template.
type Filled struct {
	Reporter, Position, Phone, Email string
	Date                             time.Time
	Answers                          map[string]Answer  // by task number
	Indicators                       map[string]float64 // by indicator code
	Notes                            map[string]string  // indicator notes, by code
}

// Fill writes unit u's template with f typed into it, as a unit filling it
// in Excel would, to w. It writes only input cells.
func Fill(w io.Writer, c *model.Catalogue, u *model.Unit, f Filled) error {
	var buf bytes.Buffer
	if err := Write(&buf, c, u); err != nil {
		return err
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		return err
	}
	defer x.Close()
	b := &builder{f: x, c: c, u: u}
	set := func(sheet string, col, row int, v any) {
		if v == nil || v == "" {
			return
		}
		if t, ok := v.(time.Time); ok && t.IsZero() {
			return
		}
		cell, err := excelize.CoordinatesToCellName(col, row)
		b.set(err)
		b.set(x.SetCellValue(sheet, cell, v))
	}
	for i, v := range []any{f.Reporter, f.Position, f.Phone, f.Email, f.Date} {
		set(form.SheetInfo, 2, form.InfoFirstRow+4+i, v)
	}
	for i, a := range c.Assignments(u.Code) {
		ans, ok := f.Answers[a.Task.Number]
		if !ok {
			continue
		}
		row := form.TaskHeaderRow + 1 + i
		set(form.SheetTasks, colIndex(form.ColStatus), row, ans.Status)
		if ans.DoneText != "" {
			set(form.SheetTasks, colIndex(form.ColDoneDate), row, ans.DoneText)
		} else {
			set(form.SheetTasks, colIndex(form.ColDoneDate), row, ans.Done)
		}
		set(form.SheetTasks, colIndex(form.ColResult), row, ans.Result)
		set(form.SheetTasks, colIndex(form.ColDocuments), row, ans.Documents)
		set(form.SheetTasks, colIndex(form.ColDifficulties), row, ans.Difficulties)
		set(form.SheetTasks, colIndex(form.ColProposals), row, ans.Proposals)
		if lines := max(estimateLines(ans.Result, form.TaskColumns[colIndex(form.ColResult)-1].Width), 4); lines > 4 {
			h, _ := x.GetRowHeight(form.SheetTasks, row)
			b.set(x.SetRowHeight(form.SheetTasks, row, max(h, rowHeight(lines))))
		}
	}
	for i, in := range c.Indicators {
		row := form.IndicatorHeaderRow + 1 + i
		if v, ok := f.Indicators[in.Code]; ok {
			cell, _ := excelize.CoordinatesToCellName(5, row)
			b.set(x.SetCellValue(form.SheetIndicators, cell, v))
		}
		set(form.SheetIndicators, 6, row, f.Notes[in.Code])
	}
	if b.err != nil {
		return fmt.Errorf("điền biểu mẫu của %s: %w", u.Code, b.err)
	}
	_, err = x.WriteTo(w)
	return err
}
