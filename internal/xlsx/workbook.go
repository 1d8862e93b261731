package xlsx

import (
	"strings"
)

// Book is a workbook's values.
type Book struct {
	Sheets        []*Sheet          // workbook order
	Custom        map[string]string // custom document properties by name
	Date1904      bool              // dates are serial numbers in the 1904 system
	Macros        bool              // a vbaProject part exists
	ExternalLinks bool              // externalLink parts exist
}

// Sheet returns the sheet of that exact name, nil if none.
func (b *Book) Sheet(name string) *Sheet {
	for _, s := range b.Sheets {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// sheetEntry is a <sheet> of the workbook part.
type sheetEntry struct {
	name, rid string
	hidden    bool
}

// parseWorkbook reads the workbook part: the date system and the sheets.
// ok is false when the part is XML but not a SpreadsheetML workbook.
func parseWorkbook(s string) (sheets []sheetEntry, date1904 bool, e xmlErr, ok bool) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, false, x.err, true
	}
	if x.ns != nsMain || x.local != "workbook" {
		x.finish()
		return nil, false, x.err, false
	}
	for x.child(1) {
		if x.ns != nsMain {
			x.skip()
			continue
		}
		switch x.local {
		case "workbookPr":
			if v, _ := x.attr(nsNone, "date1904"); xsdTrue(v) {
				date1904 = true
			}
			x.skip()
		case "sheets":
			for x.child(2) {
				if x.ns == nsMain && x.local == "sheet" {
					name, _ := x.attr(nsNone, "name")
					rid, _ := x.attr(nsRel, "id")
					state, _ := x.attr(nsNone, "state")
					sheets = append(sheets, sheetEntry{name: name, rid: rid, hidden: state == "hidden" || state == "veryHidden"})
				}
				x.skip()
			}
		default:
			x.skip()
		}
	}
	x.finish()
	return sheets, date1904, x.err, true
}

// xsdTrue reads an xsd:boolean.
func xsdTrue(v string) bool {
	v = strings.TrimSpace(v)
	return v == "1" || v == "true"
}

// parseSharedStrings reads the shared string table.
func parseSharedStrings(s string) ([]string, xmlErr) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, x.err
	}
	var out []string
	if x.ns == nsMain && x.local == "sst" {
		if n, ok := x.attr(nsNone, "uniqueCount"); ok {
			// Trusted as far as the part could hold that many items.
			if v, k := digits(n); k == len(n) {
				out = make([]string, 0, min(v, len(s)/12))
			}
		}
		for x.child(1) {
			if x.ns == nsMain && x.local == "si" {
				out = append(out, stringItem(x))
			} else {
				x.skip()
			}
		}
	}
	x.finish()
	return out, x.err
}

// stringItem reads a string item (<si>, <is>): its text (<t>) or rich
// text runs (<r><t>) joined, phonetic runs (<rPh>) and properties left
// out, Excel's _xHHHH_ escapes decoded.
func stringItem(x *xmlReader) string {
	d := x.depth()
	var first string
	var b *strings.Builder
	n := 0
	add := func(t string) {
		n++
		switch n {
		case 1:
			first = t
		case 2:
			b = &strings.Builder{}
			b.WriteString(first)
			fallthrough
		default:
			b.WriteString(t)
		}
	}
	for x.child(d) {
		if x.ns != nsMain {
			x.skip()
			continue
		}
		switch x.local {
		case "t":
			add(unescapeX(x.text()))
		case "r":
			for x.child(d + 1) {
				if x.ns == nsMain && x.local == "t" {
					add(unescapeX(x.text()))
				} else {
					x.skip()
				}
			}
		default:
			x.skip()
		}
	}
	if n > 1 {
		return b.String()
	}
	return first
}

// parseCustom reads the custom document properties: each property's
// value is the text of its value element, whatever its type (vt:lpwstr,
// vt:i4, vt:bool, vt:filetime, vt:r8...).
func parseCustom(s string) (map[string]string, xmlErr) {
	out := map[string]string{}
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return out, x.err
	}
	if x.ns == nsCustom && x.local == "Properties" {
		for x.child(1) {
			if x.ns != nsCustom || x.local != "property" {
				x.skip()
				continue
			}
			name, _ := x.attr(nsNone, "name")
			value, found := "", false
			for x.child(2) {
				if x.ns == nsVT && !found {
					value, found = x.text(), true
				} else {
					x.skip()
				}
			}
			if name != "" {
				out[name] = value
			}
		}
	}
	x.finish()
	return out, x.err
}
