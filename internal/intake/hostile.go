package intake

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/problem"
)

// tableChecks looks at a table's rows after the header for what a reader of
// values alone would miss: input cells holding a formula without a computed
// value (read as empty otherwise), merged input cells, hidden rows with
// content, and a hidden sheet.
func (rd *reading) tableChecks(sheet string, rows [][]string, hr int, keyCol int, inputCols []int) {
	if sh := rd.book.Sheet(sheet); sh != nil && sh.Hidden {
		rd.add(problem.Warning, sheet, 0, 0, ErrHidden, "trang tính này đang bị ẩn; nội dung vẫn được đọc",
			"bỏ ẩn trang tính (chuột phải vào tên trang → Bỏ ẩn) để người xem thấy đủ nội dung")
	}
	for r := hr + 1; r <= len(rows); r++ {
		row := rows[r-1]
		filled := false
		for _, v := range row {
			if strings.TrimSpace(v) != "" {
				filled = true
				break
			}
		}
		if strings.TrimSpace(at(rows, r, keyCol)) != "" {
			for _, c := range inputCols {
				if at(rows, r, c) != "" {
					continue
				}
				if fm := rd.book.Formula(rd.book.Sheet(sheet), r, c); fm != "" {
					rd.add(problem.Error, sheet, c, r, ErrFormula,
						fmt.Sprintf("ô có công thức “=%s” nhưng không có giá trị đã tính, nên không đọc được nội dung", clip(fm, 40)),
						"mở tệp bằng Excel hoặc LibreOffice để công thức được tính rồi lưu lại, hoặc thay công thức bằng giá trị")
				}
			}
		}
		if filled {
			if rd.hiddenRows[sheet][r] {
				rd.add(problem.Warning, sheet, keyCol, r, ErrHidden, "dòng này đang bị ẩn; nội dung vẫn được đọc",
					"bỏ ẩn dòng để người xem thấy đủ nội dung")
			}
		}
	}
	sh := rd.book.Sheet(sheet)
	if sh == nil {
		return
	}
	for _, m := range rd.book.Merges(sh) {
		start, end, _ := strings.Cut(m, ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(start)
		c2, r2, err2 := excelize.CellNameToCoordinates(end)
		if err1 != nil || err2 != nil || r2 <= hr {
			continue
		}
		for _, c := range inputCols {
			if c >= c1 && c <= c2 {
				rd.probs.Add(&problem.Problem{File: rd.path, Sheet: sheet, Cell: m, Row: r1, Col: c1,
					Severity: problem.Warning, Err: ErrMerged,
					Message: "các ô nhập liệu bị gộp: chỉ nội dung ở ô đầu tiên được đọc, mỗi dòng nhiệm vụ được đọc riêng",
					Hint:    "bỏ gộp ô (Merge & Center → Unmerge) và ghi nội dung vào đúng dòng của từng nhiệm vụ"})
				break
			}
		}
	}
}

// otherSheets reports content in sheets the template does not have: it
// would otherwise be lost without a word.
func (rd *reading) otherSheets() {
	known := map[string]bool{}
	for _, name := range []string{form.SheetGuide, form.SheetInfo, form.SheetTasks, form.SheetIndicators, form.SheetMeta} {
		if s := rd.sheetNamed(name); s != "" {
			known[s] = true
		}
	}
	if rd.tasksSheet != "" {
		known[rd.tasksSheet] = true
	}
	if s := rd.sheetNamed(form.SheetGuide); s != "" {
		rd.markAll(s, rd.rows(s), 1, 0, formCell) // the instructions
	}
	for _, s := range rd.book.SheetNames() {
		if known[s] {
			continue
		}
		rows := rd.rows(s)
		rd.markAll(s, rows, 1, 0, problemCell)
		n, maxCol := 0, 0
		for _, row := range rows {
			for c, v := range row {
				if strings.TrimSpace(v) != "" {
					n++
					maxCol = max(maxCol, c+1)
				}
			}
		}
		if n == 0 {
			continue
		}
		end, _ := excelize.CoordinatesToCellName(maxCol, len(rows))
		rd.probs.Add(&problem.Problem{File: rd.path, Sheet: s, Cell: "A1:" + end, Row: 1, Col: 1, Severity: problem.Warning, Err: ErrUnknownSheet,
			Message: fmt.Sprintf("trang tính “%s” không có trong biểu mẫu; %d ô có nội dung ở đây không được tổng hợp", s, n),
			Hint:    "chuyển nội dung cần báo cáo vào trang Nhiệm vụ hoặc Chỉ tiêu"})
	}
}
