package intake

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"baocao/internal/problem"
)

// cellKind is how a non-empty cell of an input workbook is accounted for.
type cellKind int

const (
	unaccounted cellKind = iota
	formCell             // the template's own text: titles, labels, locked task text, instructions, metadata
	usedCell             // a value taken into the consolidation
	problemCell          // named in a problem (or in a row a problem names)
)

// Inventory accounts for the non-empty cells of one workbook.
type Inventory struct {
	File     string
	Cells    int // non-empty cells the workbook holds
	Used     int
	Form     int
	Problems int // a cell no step took or explained is named in a warning, so Cells = Used + Form + Problems
}

type cellKey struct {
	sheet    string
	row, col int
}

func (rd *reading) mark(sheet string, col, row int, k cellKind) {
	if rd.marks == nil {
		rd.marks = map[cellKey]cellKind{}
	}
	key := cellKey{sheet, row, col}
	if rd.marks[key] < k {
		rd.marks[key] = k
	}
}

// markRow puts every non-empty cell of a row under a problem about the row.
func (rd *reading) markRow(sheet string, rows [][]string, r int) {
	if r < 1 || r > len(rows) {
		return
	}
	for c, v := range rows[r-1] {
		if strings.TrimSpace(v) != "" {
			rd.mark(sheet, c+1, r, problemCell)
		}
	}
}

// markAll marks every non-empty cell of the rows from..to (from 1) of a
// sheet, all rows when to is 0.
func (rd *reading) markAll(sheet string, rows [][]string, from, to int, k cellKind) {
	if to == 0 || to > len(rows) {
		to = len(rows)
	}
	for r := from; r <= to; r++ {
		for c, v := range rows[r-1] {
			if strings.TrimSpace(v) != "" {
				rd.mark(sheet, c+1, r, k)
			}
		}
	}
}

// sweep names in a warning every non-empty cell no step of the reading
// took or explained, so that nothing is dropped without a word, and
// counts the workbook's cells.
func (rd *reading) sweep() {
	for _, p := range rd.probs {
		rd.markProblem(p)
	}
	inv := Inventory{File: rd.path}
	for _, s := range rd.book.SheetNames() {
		rows := rd.rows(s)
		for r, row := range rows {
			for c, v := range row {
				if strings.TrimSpace(v) == "" {
					continue
				}
				inv.Cells++
				k := rd.marks[cellKey{s, r + 1, c + 1}]
				if rd.sub.Unit == nil {
					// Not read: the error that the file's unit is unknown
					// stands for all of it.
					k = problemCell
				}
				if k == unaccounted {
					rd.add(problem.Warning, s, c+1, r+1, ErrOutsideTable,
						fmt.Sprintf("ô này không thuộc bảng nào của biểu mẫu nên không được tổng hợp: “%s”", clip(v, 60)),
						"chuyển nội dung cần báo cáo vào đúng ô của biểu mẫu")
					k = problemCell
				}
				switch k {
				case formCell:
					inv.Form++
				case usedCell:
					inv.Used++
				default:
					inv.Problems++
				}
			}
		}
	}
	rd.inventory = inv
}

// markProblem marks the cell or range a problem names.
func (rd *reading) markProblem(p *problem.Problem) {
	if p.Sheet == "" || p.Cell == "" {
		return
	}
	from, to, found := strings.Cut(p.Cell, ":")
	if !found {
		to = from
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			rd.mark(p.Sheet, c, r, problemCell)
		}
	}
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

// SortInventories orders inventories by file.
func SortInventories(invs []Inventory) {
	sort.Slice(invs, func(i, j int) bool { return invs[i].File < invs[j].File })
}
