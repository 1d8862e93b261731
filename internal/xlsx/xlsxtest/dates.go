package xlsxtest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// CellRef names one cell: the sheet's name as shown on its tab and an A1
// reference.
type CellRef struct {
	Sheet string
	Cell  string
}

// DateCells lists the cells of a workbook that hold a date: numeric cells
// whose style's number format is a built-in date or time format (ids 14-22,
// 45-47) or a custom format whose code has d, m or y outside quotes,
// brackets and escapes, and cells of type "d". These are the cells that the
// date1904, iso-dates and iso-dates-short shapes rewrite.
func DateCells(xlsx []byte) ([]CellRef, error) {
	p, err := readPackage(xlsx)
	if err != nil {
		return nil, err
	}
	isDate := p.dateStyles()
	var out []CellRef
	for _, s := range p.sheets() {
		forCells(s.p.doc, func(c *element, row, col int) {
			if t, _ := c.attr("t"); t == "d" || (isNumericCell(c) && isDate(c)) {
				out = append(out, CellRef{s.name, cellName(row, col)})
			}
		})
	}
	return out, nil
}

// dateStyles returns a function telling whether a cell's style is a date
// style.
func (p *pkg) dateStyles() func(c *element) bool {
	var xfs []string // numFmtId by cellXfs index
	codes := map[string]string{}
	if st := p.workbookPart("styles"); st != nil {
		if nf := st.doc.Root.child("numFmts"); nf != nil {
			for _, e := range nf.children("numFmt") {
				id, _ := e.attr("numFmtId")
				code, _ := e.attr("formatCode")
				codes[id] = code
			}
		}
		if cx := st.doc.Root.child("cellXfs"); cx != nil {
			for _, e := range cx.children("xf") {
				id, _ := e.attr("numFmtId")
				xfs = append(xfs, id)
			}
		}
	}
	return func(c *element) bool {
		s, _ := c.attr("s")
		i, err := strconv.Atoi(strings.TrimSpace(s))
		if s == "" {
			i, err = 0, nil
		}
		if err != nil || i < 0 || i >= len(xfs) {
			return false
		}
		id := strings.TrimSpace(xfs[i])
		if code, ok := codes[id]; ok {
			return isDateCode(code)
		}
		n, err := strconv.Atoi(id)
		return err == nil && (n >= 14 && n <= 22 || n >= 45 && n <= 47)
	}
}

// isDateCode reports whether a number format code shows a date: d, m or y
// outside quoted text, brackets and escaped characters.
func isDateCode(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case 'd', 'D', 'm', 'M', 'y', 'Y':
			return true
		}
	}
	return false
}

func isNumericCell(c *element) bool {
	t, _ := c.attr("t")
	if t != "" && t != "n" {
		return false
	}
	v := c.child("v")
	if v == nil {
		return false
	}
	_, err := strconv.ParseFloat(strings.TrimSpace(v.text()), 64)
	return err == nil
}

// forCells calls f for every cell of a worksheet with its 1-based row and
// column, following implied positions where r attributes are missing.
func forCells(doc *document, f func(c *element, row, col int)) {
	sd := doc.Root.child("sheetData")
	if sd == nil {
		return
	}
	row := 0
	for _, r := range sd.children("row") {
		if s, ok := r.attr("r"); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				row = n
			} else {
				row++
			}
		} else {
			row++
		}
		col := 0
		for _, c := range r.children("c") {
			if s, ok := c.attr("r"); ok {
				if _, cc, ok := parseRef(s); ok {
					col = cc
				} else {
					col++
				}
			} else {
				col++
			}
			f(c, row, col)
		}
	}
}

func parseRef(ref string) (row, col int, ok bool) {
	ref = strings.ToUpper(strings.TrimSpace(ref))
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil {
		return 0, 0, false
	}
	return row, col, true
}

func cellName(row, col int) string {
	var s string
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s + strconv.Itoa(row)
}

func (p *pkg) date1904() bool {
	wb := p.workbook()
	if wb == nil || wb.doc == nil {
		return false
	}
	if pr := wb.doc.Root.child("workbookPr"); pr != nil {
		v, _ := pr.attr("date1904")
		return v == "1" || v == "true"
	}
	return false
}

// serialTime converts a date serial to a time in the given date system.
func serialTime(v float64, date1904 bool) (time.Time, error) {
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case v >= 61:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	case v >= 60:
		return time.Time{}, fmt.Errorf("serial %v is 29 February 1900, which does not exist", v)
	default:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	days := math.Floor(v)
	ms := math.Round((v - days) * 86400000)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond), nil
}
