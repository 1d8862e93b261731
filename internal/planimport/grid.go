// Package planimport drafts a task catalogue from a plan's own table: the
// appendix (Phụ lục) of a plan, as a Word table or a sheet, with the
// columns TT, nội dung, đơn vị chủ trì, đơn vị phối hợp, thời gian. It
// finds the table by its header labels, reads section and task rows
// (and rows that continue a task on a new page), matches the unit names
// to a base catalogue's units and groups or proposes units from them, reads
// the timeframes, and says what the compiler must review.
package planimport

import (
	"fmt"
	"strconv"
	"strings"

	"baocao/internal/textnorm"
	"baocao/internal/xlsx"
)

// grid is a table as read: rows of cells by grid column.
type grid struct {
	name     string // "bảng 2", "trang tính “Phụ lục”"
	rows     []row
	sheet    bool // from a workbook: a date is a number (its serial)
	date1904 bool // the workbook counts dates from 1904
}

type row struct {
	where  string // "bảng 2, dòng 5" or "Phụ lục!5"
	header bool   // marked as a repeated header row (Word)
	cells  []cell // by grid column
}

type cell struct {
	paras     []string
	span      int // grid columns the cell covers (merged across)
	bold      bool
	footnotes []string
	ref       string // "Phụ lục!B7", or "" in a Word table
}

// text is a cell's paragraphs as one line.
func (c cell) text() string { return strings.Join(c.paras, " ") }

func (r row) at(col int) cell {
	if col >= 0 && col < len(r.cells) {
		return r.cells[col]
	}
	return cell{}
}

// empty reports whether the row has no text.
func (r row) empty() bool {
	for _, c := range r.cells {
		if len(c.paras) > 0 {
			return false
		}
	}
	return true
}

// fromWord turns a Word document's tables into grids. A cell spanning
// columns sits at its first column; a cell continuing a vertical merge
// takes the text of the cell it continues.
func fromWord(d *xlsx.WordDocument) []grid {
	var out []grid
	for ti, t := range d.Tables {
		g := grid{name: fmt.Sprintf("bảng %d", ti+1)}
		var above []cell
		for ri, r := range t.Rows {
			rw := row{where: fmt.Sprintf("bảng %d, dòng %d", ti+1, ri+1), header: r.Header}
			for _, c := range r.Cells {
				for len(rw.cells) < c.Col+c.Span {
					rw.cells = append(rw.cells, cell{})
				}
				gc := cell{paras: clean(c.Paras), span: c.Span, bold: c.Bold, footnotes: clean(c.Footnotes)}
				if c.Merged && c.Col < len(above) {
					gc = above[c.Col]
					gc.footnotes = nil
				}
				rw.cells[c.Col] = gc
			}
			above = rw.cells
			g.rows = append(g.rows, rw)
		}
		out = append(out, g)
	}
	return out
}

// fromBook turns the visible sheets of a workbook into grids: a merged
// range's text sits at its first cell; a range merged down the rows is
// read in each of them (a lead unit merged over several tasks).
func fromBook(b *xlsx.Book) []grid {
	var out []grid
	for _, sh := range b.Sheets {
		if sh.Hidden {
			continue
		}
		g := grid{name: "trang tính “" + sh.Name + "”", sheet: true, date1904: b.Date1904}
		down := map[[2]int][2]int{} // a cell within a merge → the merge's first cell
		span := map[[2]int]int{}    // a merge's first cell → the columns it covers
		for _, m := range sh.Merges() {
			span[[2]int{m.FromRow, m.FromCol}] = m.ToCol - m.FromCol + 1
			for r := m.FromRow + 1; r <= m.ToRow; r++ {
				down[[2]int{r, m.FromCol}] = [2]int{m.FromRow, m.FromCol}
			}
		}
		for r := 1; r <= sh.MaxRow(); r++ {
			rw := row{where: fmt.Sprintf("%s, dòng %d", g.name, r)}
			for c := 1; c <= sh.MaxCol(); c++ {
				src := [2]int{r, c}
				if first, ok := down[src]; ok {
					src = first
				}
				v := sh.Peek(src[0], src[1])
				rw.cells = append(rw.cells, cell{paras: cellParas(v), span: max(1, span[[2]int{r, c}]), ref: sh.Name + "!" + xlsx.CellName(c, r)})
			}
			g.rows = append(g.rows, rw)
		}
		out = append(out, g)
	}
	return out
}

// cellParas is a sheet cell's text, a paragraph a line.
func cellParas(v xlsx.Cell) []string {
	s := v.Value
	if v.Type == xlsx.Number {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int64(f)) {
			s = strconv.FormatInt(int64(f), 10)
		}
	}
	return clean([]string{s})
}

// clean is text as the catalogue keeps it: Unicode NFC, spaces collapsed,
// control characters dropped, bullets written "- ", text typed in TCVN3
// or VNI converted (package textnorm, as for the units' workbooks); a
// paragraph a line, the empty ones dropped.
func clean(paras []string) []string {
	var out []string
	for _, p := range paras {
		t, _ := textnorm.Clean(strings.ToValidUTF8(p, "\uFFFD"))
		for _, l := range strings.Split(t, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}
