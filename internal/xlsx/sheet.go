package xlsx

import (
	"sort"
	"strings"
)

// Use is why a cell was read; the book records the highest for each cell.
type Use uint8

const (
	Unread    Use = iota
	AsForm        // the form's own text: titles, labels, instructions
	AsValue       // a value taken
	AsProblem     // named in a problem
)

// Sheet is one sheet of a workbook. Its cells are read when the workbook
// is opened, not on first use: the pass that reads a part is the one that
// checks it, and every part must be checked before Open returns. Empty
// cells (styled, or holding empty text) are not kept.
type Sheet struct {
	Name   string
	Hidden bool

	cells  []cellData // the non-empty cells, by row then column
	rows   []rowSpan  // the rows holding them, ascending
	hidden []int      // hidden rows, ascending
	merges []Range
	maxCol int
	last   int // the index in rows of the last row looked up

	notes    []Note
	links    []Link
	linkRels []string // each link's r:id while the sheet's relationships are not yet read
	pictures int
}

// rowSpan is a row's cells: cells[from:to].
type rowSpan struct {
	row      int
	from, to int
}

type cellData struct {
	col  int
	use  Use
	cell Cell
}

// MaxRow is the last row holding a non-empty cell (a formula without a
// value counts as non-empty), 0 if none.
func (s *Sheet) MaxRow() int {
	if len(s.rows) == 0 {
		return 0
	}
	return s.rows[len(s.rows)-1].row
}

// MaxCol is the last column holding a non-empty cell over all rows, 0 if
// none.
func (s *Sheet) MaxCol() int { return s.maxCol }

// find is the index in s.cells of the cell, -1 when it is empty.
func (s *Sheet) find(row, col int) int {
	r := -1
	switch {
	case s.last < len(s.rows) && s.rows[s.last].row == row:
		r = s.last
	case s.last+1 < len(s.rows) && s.rows[s.last+1].row == row:
		r = s.last + 1
	default:
		i := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].row >= row })
		if i == len(s.rows) || s.rows[i].row != row {
			return -1
		}
		r = i
	}
	s.last = r
	span := s.cells[s.rows[r].from:s.rows[r].to]
	i := sort.Search(len(span), func(i int) bool { return span[i].col >= col })
	if i == len(span) || span[i].col != col {
		return -1
	}
	return s.rows[r].from + i
}

// Peek returns the cell (row and column from 1) without recording it.
func (s *Sheet) Peek(row, col int) Cell {
	if i := s.find(row, col); i >= 0 {
		return s.cells[i].cell
	}
	return Cell{}
}

// Read returns the cell (row and column from 1) and records that it was
// read for u; a higher Use recorded before stays.
func (s *Sheet) Read(row, col int, u Use) Cell {
	i := s.find(row, col)
	if i < 0 {
		return Cell{}
	}
	if s.cells[i].use < u {
		s.cells[i].use = u
	}
	return s.cells[i].cell
}

// Mark records a use of the cell without reading it (a problem names
// it). Empty cells record nothing: they are in no inventory.
func (s *Sheet) Mark(row, col int, u Use) {
	if i := s.find(row, col); i >= 0 && s.cells[i].use < u {
		s.cells[i].use = u
	}
}

// HiddenRow reports whether the row (from 1) is hidden.
func (s *Sheet) HiddenRow(row int) bool {
	i := sort.SearchInts(s.hidden, row)
	return i < len(s.hidden) && s.hidden[i] == row
}

// Merges lists the sheet's merged ranges, in the order written.
func (s *Sheet) Merges() []Range { return s.merges }

// Filled is a non-empty cell (a formula without a cached value counts)
// with what was recorded for it.
type Filled struct {
	Sheet    string
	Row, Col int
	Cell     Cell
	Use      Use
}

// Inventory lists every non-empty cell of every sheet, in sheet, row,
// column order.
func (b *Book) Inventory() []Filled {
	n := 0
	for _, s := range b.Sheets {
		n += len(s.cells)
	}
	out := make([]Filled, 0, n)
	for _, s := range b.Sheets {
		for _, r := range s.rows {
			for _, c := range s.cells[r.from:r.to] {
				out = append(out, Filled{Sheet: s.Name, Row: r.row, Col: c.col, Cell: c.cell, Use: c.use})
			}
		}
	}
	return out
}

// sheetReader reads a worksheet part.
type sheetReader struct {
	x        *xmlReader
	s        *Sheet
	sst      []string
	badSST   string // the first cell naming a shared string that does not exist
	disorder bool   // rows or cells not in ascending order
	masters  map[string]master
	budget   int // bytes of moved formulas still allowed: no more than the part's size
}

// master is the master cell of a shared formula.
type master struct {
	row, col int
	text     string
}

// parseSheet reads a sheet's cells, hidden rows and merged ranges from
// its part. It returns the part's XML error, or the reference of a cell
// naming a shared string that does not exist.
func parseSheet(sh *Sheet, part string, sst []string) (xmlErr, string) {
	x := newReader(part)
	defer x.release()
	p := &sheetReader{x: x, s: sh, sst: sst, budget: len(part)}
	// Room for the cells as most writers write them, to spare growing
	// the slice; a cell with a value takes at least 15 bytes of XML, and
	// beyond a million cells the slice grows as it fills.
	sh.cells = make([]cellData, 0, min(strings.Count(part, "<c "), len(part)/15, 1<<20))
	if !x.root() {
		return x.err, ""
	}
	// Any root: a worksheet, or a chart sheet or dialog sheet, which
	// have no cells.
	for x.child(1) {
		if x.ns == nsMain {
			switch x.local {
			case "sheetData":
				p.sheetData()
				continue
			case "mergeCells":
				p.mergeCells()
				continue
			case "hyperlinks":
				p.hyperlinks()
				continue
			}
		}
		x.skip()
	}
	x.finish()
	if x.err != xmlOK {
		return x.err, ""
	}
	p.tidy()
	return xmlOK, p.badSST
}

func (p *sheetReader) sheetData() {
	x := p.x
	d := x.depth()
	row := 0
	for x.child(d) {
		if x.ns != nsMain || x.local != "row" {
			x.skip()
			continue
		}
		if r, ok := x.attr(nsNone, "r"); ok {
			if v, n := digits(strings.TrimSpace(r)); n > 0 && n == len(strings.TrimSpace(r)) && v >= 1 {
				row = v // may be beyond maxRows: the row is then left out
			} else {
				row++
			}
		} else {
			row++
		}
		if row > maxRows {
			x.skip()
			continue
		}
		if h, _ := x.attr(nsNone, "hidden"); xsdTrue(h) {
			if n := len(p.s.hidden); n > 0 && p.s.hidden[n-1] >= row {
				p.disorder = true
			}
			p.s.hidden = append(p.s.hidden, row)
		}
		p.row(row)
	}
}

// row reads the cells of a row.
func (p *sheetReader) row(row int) {
	x, s := p.x, p.s
	d := x.depth()
	from := len(s.cells)
	col := 0
	for x.child(d) {
		if x.ns != nsMain || x.local != "c" {
			x.skip()
			continue
		}
		if ref, ok := x.attr(nsNone, "r"); ok {
			if c, n := letters(ref); n > 0 {
				col = c // beyond maxCols when over three letters or past XFD
			} else {
				col++
			}
		} else {
			col++
		}
		if col > maxCols {
			x.skip()
			continue
		}
		t, _ := x.attr(nsNone, "t")
		c, ok := p.cell(t, row, col)
		if !ok {
			continue
		}
		if n := len(s.cells); n > from && s.cells[n-1].col >= col {
			p.disorder = true
		}
		s.cells = append(s.cells, cellData{col: col, cell: c})
	}
	if len(s.cells) == from {
		return
	}
	if n := len(s.rows); n > 0 && s.rows[n-1].row >= row {
		p.disorder = true
	}
	s.rows = append(s.rows, rowSpan{row: row, from: from, to: len(s.cells)})
}

// cell reads a <c> element; ok is false for an empty cell.
func (p *sheetReader) cell(t string, row, col int) (Cell, bool) {
	x := p.x
	d := x.depth()
	var v, f, inline string
	var hasV, hasF, hasIs bool
	var shared bool
	var si string
	for x.child(d) {
		if x.ns != nsMain {
			x.skip()
			continue
		}
		switch x.local {
		case "v":
			v, hasV = x.text(), true
		case "f":
			ft, _ := x.attr(nsNone, "t")
			shared = ft == "shared"
			si, _ = x.attr(nsNone, "si")
			f, hasF = x.text(), true
		case "is":
			inline, hasIs = stringItem(x), true
		default:
			x.skip()
		}
	}
	var c Cell
	switch t {
	case "s":
		if hasV {
			tv := strings.TrimSpace(v)
			i, n := digits(tv)
			if n == 0 || n != len(tv) || i >= len(p.sst) {
				if p.badSST == "" {
					p.badSST = CellName(col, row)
				}
				return Cell{}, false
			}
			c = Cell{Type: Text, Value: p.sst[i]}
		}
	case "inlineStr":
		if hasIs {
			c = Cell{Type: Text, Value: inline}
		} else if hasV {
			c = Cell{Type: Text, Value: unescapeX(v)}
		}
	case "str":
		if hasV {
			c = Cell{Type: Text, Value: unescapeX(v)}
		}
	case "b":
		if hasV {
			c = Cell{Type: Bool, Value: boolValue(v)}
		}
	case "e":
		if hasV {
			c = Cell{Type: Error, Value: strings.TrimSpace(v)}
		}
	case "d":
		if tv := strings.TrimSpace(v); tv != "" {
			c = Cell{Type: Date, Value: tv}
		}
	default: // "n", absent, or unknown
		if tv := strings.TrimSpace(v); tv != "" {
			c = Cell{Type: Number, Value: tv}
		}
	}
	if hasF {
		c.Formula = p.formula(f, shared, si, row, col)
	}
	if c.Type == Text && c.Value == "" && c.Formula == "" {
		c.Type = Empty
	}
	return c, c.Type != Empty || c.Formula != ""
}

// boolValue reads a t="b" value: "1" or "0" as Excel writes, "true" or
// "false", any other number by whether it is 0. Anything else is kept as
// written.
func boolValue(v string) string {
	v = strings.TrimSpace(v)
	switch v {
	case "1", "true", "TRUE":
		return "TRUE"
	case "0", "false", "FALSE":
		return "FALSE"
	}
	if f, ok := parseNumber(v); ok {
		if f != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	return v
}

// maxMovedFormula is the longest master text moved to a shared
// formula's cells; longer ones give unknownFormula.
const maxMovedFormula = 8192

// formula is a cell's formula: its text, or for a cell sharing a master
// cell's formula (<f t="shared" si="0"/>), the master's text moved to it.
func (p *sheetReader) formula(f string, shared bool, si string, row, col int) string {
	if shared && si != "" {
		if f != "" {
			if p.masters == nil {
				p.masters = map[string]master{}
			}
			p.masters[si] = master{row: row, col: col, text: f}
			return f
		}
		// Moving the master's text costs its length for each cell: a
		// long master shared by many cells would make a small part cost
		// without bound, so the text moved is limited by the part's size.
		if m, ok := p.masters[si]; ok && len(m.text) <= maxMovedFormula && len(m.text) <= p.budget {
			p.budget -= len(m.text)
			return shiftFormula(m.text, row-m.row, col-m.col)
		}
	}
	if f == "" {
		return unknownFormula
	}
	return f
}

func (p *sheetReader) mergeCells() {
	x := p.x
	d := x.depth()
	for x.child(d) {
		if x.ns == nsMain && x.local == "mergeCell" {
			if ref, _ := x.attr(nsNone, "ref"); ref != "" {
				if r, ok := ParseRange(strings.TrimSpace(ref)); ok {
					p.s.merges = append(p.s.merges, r)
				}
			}
		}
		x.skip()
	}
}

// tidy sorts rows and cells read out of order (a cell written twice keeps
// its last value), and sets maxCol.
func (p *sheetReader) tidy() {
	s := p.s
	if p.disorder {
		type placed struct {
			row, seq int
			c        cellData
		}
		all := make([]placed, 0, len(s.cells))
		for _, r := range s.rows {
			for i := r.from; i < r.to; i++ {
				all = append(all, placed{row: r.row, seq: i, c: s.cells[i]})
			}
		}
		sort.Slice(all, func(i, j int) bool {
			a, b := all[i], all[j]
			if a.row != b.row {
				return a.row < b.row
			}
			if a.c.col != b.c.col {
				return a.c.col < b.c.col
			}
			return a.seq < b.seq
		})
		s.cells, s.rows = s.cells[:0], s.rows[:0]
		for i, a := range all {
			if i+1 < len(all) && all[i+1].row == a.row && all[i+1].c.col == a.c.col {
				continue // written again later
			}
			if n := len(s.rows); n == 0 || s.rows[n-1].row != a.row {
				s.rows = append(s.rows, rowSpan{row: a.row, from: len(s.cells)})
			}
			s.cells = append(s.cells, a.c)
			s.rows[len(s.rows)-1].to = len(s.cells)
		}
		sort.Ints(s.hidden)
		k := 0
		for i, h := range s.hidden {
			if i == 0 || h != s.hidden[i-1] {
				s.hidden[k] = h
				k++
			}
		}
		s.hidden = s.hidden[:k]
	}
	for _, r := range s.rows {
		if r.to > r.from {
			s.maxCol = max(s.maxCol, s.cells[r.to-1].col)
		}
	}
}
