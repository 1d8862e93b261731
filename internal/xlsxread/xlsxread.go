// Package xlsxread reads the values of an .xlsx workbook quickly: the sheets
// in order with their visibility, each sheet's raw cell values (numbers as
// written, dates as serial numbers, text with shared strings resolved),
// which cells hold text, formulas and hidden rows, and the custom document
// properties. It reads what package intake needs and nothing else — no
// styles, themes or drawing — with a byte scanner instead of encoding/xml;
// a test holds it equal to excelize on every workbook the project has.
//
// It takes parts already inflated and checked (intake's pre-scan verifies
// sizes, checksums and well-formedness), so it trusts their structure and
// never panics on odd input: what it cannot read reads as empty.
package xlsxread

import (
	"bytes"
	"html"
	"strconv"
	"strings"
)

// Book is a workbook's values.
type Book struct {
	Sheets []*Sheet
	Custom map[string]string // custom document properties, by name
	sst    []string
	parts  map[string][]byte
}

// Sheet is one worksheet.
type Sheet struct {
	Name   string
	Hidden bool
	part   string
	parsed bool
	rows   [][]string
	hidden map[int]bool      // rows from 1
	text   map[[2]int]bool   // cells holding text (row, col from 1)
	formul map[[2]int]string // formulas, by cell
}

// Open reads a workbook from its inflated parts, by name.
func Open(parts map[string][]byte) *Book {
	b := &Book{parts: parts, Custom: map[string]string{}}
	b.sst = sharedStrings(parts["xl/sharedStrings.xml"])
	targets := map[string]string{}
	for _, rel := range elements(parts["xl/_rels/workbook.xml.rels"], "Relationship") {
		t := strings.TrimPrefix(attr(rel, "Target"), "/")
		if !strings.HasPrefix(t, "xl/") {
			t = "xl/" + t
		}
		targets[attr(rel, "Id")] = t
	}
	for _, s := range elements(parts["xl/workbook.xml"], "sheet") {
		state := attr(s, "state")
		b.Sheets = append(b.Sheets, &Sheet{Name: html.UnescapeString(attr(s, "name")), Hidden: state == "hidden" || state == "veryHidden",
			part: targets[attr(s, "r:id")]})
	}
	for _, p := range elementsWithBody(parts["docProps/custom.xml"], "property") {
		name := html.UnescapeString(attr(p.tag, "name"))
		// The value is the text of the one child element (vt:lpwstr, vt:i4, ...).
		v := p.body
		if i := bytes.IndexByte(v, '>'); i >= 0 {
			v = v[i+1:]
		}
		if j := bytes.LastIndex(v, []byte("</")); j >= 0 {
			v = v[:j]
		}
		b.Custom[name] = html.UnescapeString(string(v))
	}
	return b
}

// Sheet returns the sheet with the name, or nil.
func (b *Book) Sheet(name string) *Sheet {
	for _, s := range b.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// SheetNames lists the sheets in workbook order.
func (b *Book) SheetNames() []string {
	out := make([]string, len(b.Sheets))
	for i, s := range b.Sheets {
		out[i] = s.Name
	}
	return out
}

// Rows returns the sheet's raw values, row by row from row 1, without
// trailing empty cells or rows, as excelize's GetRows with RawCellValue.
func (b *Book) Rows(s *Sheet) [][]string {
	b.parse(s)
	return s.rows
}

// HiddenRow reports whether the row (from 1) is hidden.
func (b *Book) HiddenRow(s *Sheet, row int) bool {
	b.parse(s)
	return s.hidden[row]
}

// IsText reports whether the cell holds text (shared, inline or a
// formula's text result) rather than a number.
func (b *Book) IsText(s *Sheet, row, col int) bool {
	b.parse(s)
	return s.text[[2]int{row, col}]
}

// Merges lists the sheet's merged ranges, "A1:L1".
func (b *Book) Merges(s *Sheet) []string {
	var out []string
	for _, m := range elements(b.parts[s.part], "mergeCell") {
		if ref := attr(m, "ref"); ref != "" {
			out = append(out, ref)
		}
	}
	return out
}

// Formula returns the cell's formula, "" when it has none.
func (b *Book) Formula(s *Sheet, row, col int) string {
	b.parse(s)
	return s.formul[[2]int{row, col}]
}

// Excel's limits: a reference beyond them cannot come from a real client,
// and following it would make the reader allocate without bound.
const (
	maxRows = 1048576
	maxCols = 16384
)

// parse reads a sheet's <sheetData> once.
func (b *Book) parse(s *Sheet) {
	if s.parsed {
		return
	}
	s.parsed = true
	s.hidden, s.text, s.formul = map[int]bool{}, map[[2]int]bool{}, map[[2]int]string{}
	data := b.parts[s.part]
	start := bytes.Index(data, []byte("<sheetData"))
	if start < 0 {
		return
	}
	data = data[start:]
	if end := bytes.Index(data, []byte("</sheetData>")); end >= 0 {
		data = data[:end]
	}
	rowNo := 0
	for _, row := range elementsWithBody(data, "row") {
		if r, err := strconv.Atoi(attr(row.tag, "r")); err == nil && r > rowNo {
			rowNo = r
		} else {
			rowNo++
		}
		if rowNo > maxRows {
			break
		}
		if h := attr(row.tag, "hidden"); h == "1" || h == "true" {
			s.hidden[rowNo] = true
		}
		var cells []string
		col := 0
		for _, c := range elementsWithBody(row.body, "c") {
			if ref := attr(c.tag, "r"); ref != "" {
				if n := columnOf(ref); n > 0 {
					col = n
				} else {
					col++
				}
			} else {
				col++
			}
			if col > maxCols {
				break
			}
			value, isText := b.value(attr(c.tag, "t"), c.body)
			if f := child(c.body, "f"); f != nil {
				fs := html.UnescapeString(string(f))
				if fs == "" {
					fs = "…" // a shared formula, written once in another cell
				}
				s.formul[[2]int{rowNo, col}] = fs
			}
			if isText {
				s.text[[2]int{rowNo, col}] = true
			}
			for len(cells) < col-1 {
				cells = append(cells, "")
			}
			if len(cells) == col-1 {
				cells = append(cells, value)
			} else if col-1 < len(cells) {
				cells[col-1] = value
			}
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		for len(s.rows) < rowNo-1 {
			s.rows = append(s.rows, nil)
		}
		if len(s.rows) == rowNo-1 {
			s.rows = append(s.rows, cells)
		}
	}
	for len(s.rows) > 0 && len(s.rows[len(s.rows)-1]) == 0 {
		s.rows = s.rows[:len(s.rows)-1]
	}
}

// value is a cell's raw value and whether it is text.
func (b *Book) value(t string, body []byte) (string, bool) {
	switch t {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(child(body, "v"))))
		if err != nil || i < 0 || i >= len(b.sst) {
			return "", true
		}
		return b.sst[i], true
	case "inlineStr":
		return text(child(body, "is")), true
	case "str":
		return unescape(string(child(body, "v"))), true
	}
	return html.UnescapeString(string(child(body, "v"))), false
}

// sharedStrings reads the shared string table: each <si> is the text of its
// <t> elements, phonetic runs (<rPh>) left out.
func sharedStrings(data []byte) []string {
	var out []string
	for _, si := range elementsWithBody(data, "si") {
		out = append(out, text(si.body))
	}
	return out
}

// text concatenates the <t> elements of a string item, leaving phonetic
// runs out, with XML entities and Excel's _xHHHH_ escapes decoded.
func text(body []byte) string {
	var b strings.Builder
	for len(body) > 0 {
		i := bytes.Index(body, []byte("<rPh"))
		chunk := body
		if i >= 0 {
			chunk = body[:i]
		}
		for _, t := range elementsWithBody(chunk, "t") {
			b.Write(t.body)
		}
		if i < 0 {
			break
		}
		end := bytes.Index(body[i:], []byte("</rPh>"))
		if end < 0 {
			break
		}
		body = body[i+end+len("</rPh>"):]
	}
	return unescape(b.String())
}

// unescape decodes XML entities, then Excel's _xHHHH_ escapes ("_x005F_"
// stands for a literal "_"), as excelize does.
func unescape(s string) string {
	s = html.UnescapeString(s)
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil {
				b.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// columnOf is the column (from 1) of a cell reference such as "AB12".
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		default:
			return n
		}
	}
	return n
}

// element is a start tag's attributes text and the element's content.
type element struct {
	tag  []byte // between "<name" and ">"
	body []byte // between ">" and "</name>"; nil for <name/>
}

// elements returns the start tags of the elements named name.
func elements(data []byte, name string) [][]byte {
	var out [][]byte
	for _, e := range elementsWithBody(data, name) {
		out = append(out, e.tag)
	}
	return out
}

// elementsWithBody finds the elements named name in data, not nested in
// one another (true of every element read here).
func elementsWithBody(data []byte, name string) []element {
	var out []element
	open := []byte("<" + name)
	closing := []byte("</" + name + ">")
	for {
		i := bytes.Index(data, open)
		if i < 0 {
			return out
		}
		rest := data[i+len(open):]
		// "<c" must not match "<col" or "<cfRule": the name ends here.
		if len(rest) == 0 || !(rest[0] == ' ' || rest[0] == '>' || rest[0] == '/' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r') {
			data = rest
			continue
		}
		end := bytes.IndexByte(rest, '>')
		if end < 0 {
			return out
		}
		tag := rest[:end]
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			out = append(out, element{tag: tag[:len(tag)-1]})
			data = rest[end+1:]
			continue
		}
		body := rest[end+1:]
		j := bytes.Index(body, closing)
		if j < 0 {
			out = append(out, element{tag: tag, body: body})
			return out
		}
		out = append(out, element{tag: tag, body: body[:j]})
		data = body[j+len(closing):]
	}
}

// child returns the content of the first child element named name, nil
// when there is none.
func child(body []byte, name string) []byte {
	es := elementsWithBody(body, name)
	if len(es) == 0 {
		return nil
	}
	if es[0].body == nil {
		return []byte{}
	}
	return es[0].body
}

// attr returns the value of an attribute in a start tag's text.
func attr(tag []byte, name string) string {
	key := []byte(name + "=")
	for i := 0; ; {
		j := bytes.Index(tag[i:], key)
		if j < 0 {
			return ""
		}
		j += i
		// The name must stand alone: "id=" is not "r:id=".
		if j > 0 && tag[j-1] != ' ' && tag[j-1] != '\t' && tag[j-1] != '\n' && tag[j-1] != '\r' {
			i = j + len(key)
			continue
		}
		v := tag[j+len(key):]
		if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
			return ""
		}
		q := v[0]
		end := bytes.IndexByte(v[1:], q)
		if end < 0 {
			return ""
		}
		return string(v[1 : 1+end])
	}
}
