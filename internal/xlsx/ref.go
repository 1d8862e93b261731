package xlsx

import "strconv"

// Excel's limits: a reference beyond them cannot come from a real
// workbook, and following it would make a reader allocate without bound.
const (
	maxRows = 1048576
	maxCols = 16384
)

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct{ FromRow, FromCol, ToRow, ToCol int }

// String is the range as Excel writes it: "A1:L1", or "B2" for one cell.
func (r Range) String() string {
	from := CellName(r.FromCol, r.FromRow)
	if r.FromRow == r.ToRow && r.FromCol == r.ToCol {
		return from
	}
	return from + ":" + CellName(r.ToCol, r.ToRow)
}

// ColumnName is a column's letters: 1 is "A", 28 is "AB"; "" below 1.
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var b [8]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// CellName is a cell's reference: (2, 7) is "B7"; "" when col or row is
// below 1.
func CellName(col, row int) string {
	if col < 1 || row < 1 {
		return ""
	}
	return ColumnName(col) + strconv.Itoa(row)
}

// ParseCellName reads a cell reference, "B7" or "$B$7", letters in either
// case; ok is false for anything else and beyond Excel's limits.
func ParseCellName(s string) (col, row int, ok bool) {
	i := 0
	if i < len(s) && s[i] == '$' {
		i++
	}
	col, n := letters(s[i:])
	if n == 0 || col > maxCols {
		return 0, 0, false
	}
	i += n
	if i < len(s) && s[i] == '$' {
		i++
	}
	row, n = digits(s[i:])
	if n == 0 || i+n != len(s) || row < 1 || row > maxRows {
		return 0, 0, false
	}
	return col, row, true
}

// letters reads up to three column letters at the start of s: the
// column and how many bytes; a fourth letter makes the column
// maxCols+1 (beyond any).
func letters(s string) (col, n int) {
	for n < len(s) {
		c := s[n]
		switch {
		case c >= 'A' && c <= 'Z':
			c -= 'A'
		case c >= 'a' && c <= 'z':
			c -= 'a'
		default:
			return col, n
		}
		if col <= maxCols {
			col = col*26 + int(c) + 1
		}
		n++
	}
	return col, n
}

// digits reads a decimal number at the start of s, capped above maxRows.
func digits(s string) (v, n int) {
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		if v <= maxRows {
			v = v*10 + int(s[n]-'0')
		}
		n++
	}
	return v, n
}

// ParseRange reads "A1:L1" or a single cell "B2"; the corners may come in
// any order.
func ParseRange(s string) (Range, bool) {
	from, to := s, s
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			from, to = s[:i], s[i+1:]
			break
		}
	}
	c1, r1, ok1 := ParseCellName(from)
	c2, r2, ok2 := ParseCellName(to)
	if !ok1 || !ok2 {
		return Range{}, false
	}
	return Range{FromRow: min(r1, r2), FromCol: min(c1, c2), ToRow: max(r1, r2), ToCol: max(c1, c2)}, true
}
