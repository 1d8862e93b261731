package xlsx

import (
	"strconv"
	"strings"
)

// unknownFormula stands for a formula whose text is not known.
const unknownFormula = "…"

// shiftFormula is the text a shared formula's master text f (written in
// its master cell) takes in a cell dr rows and dc columns away: relative
// references move, absolute ones ($A$1) stay, as Excel does. String
// literals, quoted sheet names, function names, defined names, numbers,
// error literals and bracketed parts (structured references, external
// book indexes) are kept. A reference moved off the sheet becomes #REF!.
// An unterminated literal gives unknownFormula.
func shiftFormula(f string, dr, dc int) string {
	if dr == 0 && dc == 0 {
		return f
	}
	var b strings.Builder
	b.Grow(len(f) + 8)
	for i := 0; i < len(f); {
		c := f[i]
		switch {
		case c == '"' || c == '\'':
			j := quoted(f, i)
			if j < 0 {
				return unknownFormula
			}
			b.WriteString(f[i:j])
			i = j
		case c == '[':
			j := bracketed(f, i)
			if j < 0 {
				return unknownFormula
			}
			b.WriteString(f[i:j])
			i = j
		case c == '#':
			j := i + 1
			for j < len(f) && (isWordByte(f[j]) || f[j] == '/' || f[j] == '!' || f[j] == '?') {
				j++
			}
			b.WriteString(f[i:j])
			i = j
		case isWordByte(c) || c == '$':
			j := word(f, i)
			tok := f[i:j]
			switch {
			case j < len(f) && (f[j] == '(' || f[j] == '!' || f[j] == '['):
				b.WriteString(tok) // a function, a sheet, a table
			case j < len(f) && f[j] == ':' && lineRef(tok) != 0:
				// A whole-column or whole-row range, "A:C", "$2:5".
				k := word(f, j+1)
				kind := lineRef(tok)
				if kind == lineRef(f[j+1:k]) {
					b.WriteString(shiftLine(tok, kind, dr, dc))
					b.WriteByte(':')
					b.WriteString(shiftLine(f[j+1:k], kind, dr, dc))
					j = k
				} else {
					b.WriteString(shiftCell(tok, dr, dc))
				}
			default:
				b.WriteString(shiftCell(tok, dr, dc))
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// isWordByte marks the bytes of names, numbers and references.
func isWordByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '\\' || c >= 0x80
}

// word is the end of the name, number or reference at f[i:].
func word(f string, i int) int {
	for i < len(f) && (isWordByte(f[i]) || f[i] == '$') {
		i++
	}
	return i
}

// quoted is the end of the literal quoted at f[i] (a doubled quote stands
// for one), -1 when it does not end.
func quoted(f string, i int) int {
	q := f[i]
	for j := i + 1; j < len(f); j++ {
		if f[j] == q {
			if j+1 < len(f) && f[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return -1
}

// bracketed is the end of the bracketed part at f[i], brackets nested.
func bracketed(f string, i int) int {
	depth := 0
	for j := i; j < len(f); j++ {
		switch f[j] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\'':
			j++ // an escape inside a structured reference
		}
	}
	return -1
}

// lineRef tells a whole-column reference ("A", "$AB": 1) from a
// whole-row one ("7", "$7": 2); 0 for anything else.
func lineRef(tok string) int {
	t := strings.TrimPrefix(tok, "$")
	if col, n := letters(t); n == len(t) && n > 0 && col <= maxCols {
		return 1
	}
	if row, n := digits(t); n == len(t) && n > 0 && row >= 1 && row <= maxRows {
		return 2
	}
	return 0
}

func shiftLine(tok string, kind, dr, dc int) string {
	if strings.HasPrefix(tok, "$") {
		return tok
	}
	if kind == 1 {
		col, _ := letters(tok)
		if col+dc < 1 || col+dc > maxCols {
			return "#REF!"
		}
		return ColumnName(col + dc)
	}
	row, _ := digits(tok)
	if row+dr < 1 || row+dr > maxRows {
		return "#REF!"
	}
	return strconv.Itoa(row + dr)
}

// shiftCell moves tok when it is a cell reference and returns it as it is
// otherwise (a number, a name, TRUE).
func shiftCell(tok string, dr, dc int) string {
	i := 0
	colAbs := i < len(tok) && tok[i] == '$'
	if colAbs {
		i++
	}
	col, n := letters(tok[i:])
	if n == 0 || n > 3 || col > maxCols {
		return tok
	}
	i += n
	rowAbs := i < len(tok) && tok[i] == '$'
	if rowAbs {
		i++
	}
	row, m := digits(tok[i:])
	if m == 0 || i+m != len(tok) || row < 1 || row > maxRows || tok[i] == '0' {
		return tok
	}
	if !colAbs {
		col += dc
	}
	if !rowAbs {
		row += dr
	}
	if col < 1 || col > maxCols || row < 1 || row > maxRows {
		return "#REF!"
	}
	var b strings.Builder
	if colAbs {
		b.WriteByte('$')
	}
	b.WriteString(ColumnName(col))
	if rowAbs {
		b.WriteByte('$')
	}
	b.WriteString(strconv.Itoa(row))
	return b.String()
}
