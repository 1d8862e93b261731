// Package xlsxtest rewrites a valid .xlsx workbook the ways that other
// writers and the ECMA-376 / OPC standard allow, keeping every cell value the
// same as a person would read it in Excel. It is meant for differential
// tests of a workbook reader: every variant of a workbook must read the same.
//
// Only the standard library is used; the package is imported from _test.go
// files.
//
// Choices worth knowing:
//   - strict maps the custom and extended properties too (relationship types
//     .../relationships/customProperties and .../extendedProperties,
//     namespaces .../officeDocument/customProperties, ...), as ECMA-376
//     Strict names them; core properties keep their OPC names, which Strict
//     shares, and content types do not change.
//   - date1904 and the iso-dates shapes leave a time of day alone (a serial
//     below 1) as it is; date1904 fails on dates before 2 January 1904.
//   - There is no shared-formula shape: the workbooks this project reads
//     carry no formula cells, and adding formulas would change what a reader
//     reports.
//   - Without zip-datadescriptor, sizes and CRC are in the local headers (no
//     data descriptor); with it, archive/zip's CreateHeader writes them after
//     the data.
//
// Other readers on the workbooks of this repository (see the tests):
// excelize v2.11.1 reads the same values for every shape except
// renamed-parts, renamed-parts-root, zip-case, targets-dot-slash, utf16le,
// utf16be, iso-dates and iso-dates-short, and reads strict cells but not
// Strict custom properties. openpyxl 3.0.9 reads every shape except strict,
// renamed-parts, renamed-parts-root (it opens xl/styles.xml by name),
// xml-comments (a comment between <sheet> elements) and zip-case.
// LibreOffice 7.4 (soffice --convert-to csv) reads every shape except
// zip-case and targets-dot-slash ("./xl/workbook.xml" in the package
// relationships; "./" inside the workbook's relationships is fine).
package xlsxtest

import (
	"encoding/xml"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Shape is one legitimate way of storing a workbook.
type Shape struct {
	Name  string // short and file-name safe, e.g. "prefixed-x"
	Doc   string // what the shape does, in one sentence
	phase int    // shapes apply in phase order whatever order they are given in
	group string // at most one shape of a group applies
	apply func(*pkg) error
}

// Variant is a named combination of shapes.
type Variant struct {
	Name   string // the shape names joined with "+"
	Shapes []Shape
}

const (
	phaseContent = iota * 10
	phaseStrict
	phasePrefix
	phaseRename
	phaseWrite
)

var shapes = []Shape{
	{Name: "prefixed-x", phase: phasePrefix, group: "prefix", apply: prefixedX,
		Doc: `SpreadsheetML elements prefixed x: (as the .NET Open XML SDK writes), custom properties op:, the relationships prefix renamed rel:`},
	{Name: "default-ns-inner", phase: phasePrefix, group: "prefix", apply: defaultNSInner,
		Doc: `SpreadsheetML bound to s: on the root and redeclared as the default namespace on inner elements, where s: is shadowed by another URI; r: bound to a decoy URI on the root and redeclared where used`},
	{Name: "strict", phase: phaseStrict, apply: strict,
		Doc: `Strict Open XML namespaces and relationship types (purl.oclc.org), conformance="strict", as Excel's "Strict Open XML Spreadsheet" writes`},
	{Name: "renamed-parts", phase: phaseRename, group: "rename", apply: func(p *pkg) error { return renameParts(p, false) },
		Doc: `workbook moved to /spreadsheet/wb.xml, sheets to /xl/sheets/sN.xml, shared strings to /xl/strings.xml, styles and properties renamed`},
	{Name: "renamed-parts-root", phase: phaseRename, group: "rename", apply: func(p *pkg) error { return renameParts(p, true) },
		Doc: `every known part moved to the package root: /book.xml, /sheet-N.xml, /strings.xml, ...`},
	{Name: "targets-relative-dotdot", phase: phaseWrite, group: "targets", apply: func(p *pkg) error { p.targetStyle = "dotdot"; return nil },
		Doc: `relationship targets climb to the root and down again: ../xl/worksheets/sheet1.xml`},
	{Name: "targets-absolute", phase: phaseWrite, group: "targets", apply: func(p *pkg) error { p.targetStyle = "absolute"; return nil },
		Doc: `relationship targets as absolute part names: /xl/worksheets/sheet1.xml`},
	{Name: "targets-dot-slash", phase: phaseWrite, group: "targets", apply: func(p *pkg) error { p.targetStyle = "dotslash"; return nil },
		Doc: `relationship targets starting with ./: ./worksheets/sheet1.xml`},
	{Name: "inline-strings", phase: phaseContent + 2, apply: inlineStrings,
		Doc: `shared strings written as t="inlineStr" cells with <is>, and the shared strings part dropped`},
	{Name: "rich-text", phase: phaseContent + 3, apply: richText,
		Doc: `each string split into formatted <r> runs, plus a phonetic <rPh> run and <phoneticPr> that are not part of the value`},
	{Name: "cdata", phase: phaseWrite, apply: func(p *pkg) error { p.opts.cdata = true; return nil },
		Doc: `character data in CDATA sections, long texts split across two sections, "]]>" split between sections`},
	{Name: "xml-comments", phase: phaseContent + 5, apply: xmlComments,
		Doc: `comments and processing instructions between rows, between cells, inside <c>, <si> and <is>, between sheets and styles, and before every root`},
	{Name: "entities", phase: phaseWrite, apply: func(p *pkg) error { p.opts.entities = true; return nil },
		Doc: `every non-ASCII character and every fourth ASCII letter or digit written as a numeric character reference, decimal and hexadecimal in turn`},
	{Name: "utf16le", phase: phaseWrite, group: "encoding", apply: func(p *pkg) error { p.encoding = "utf16le"; return nil },
		Doc: `every XML part (relationships and content types included) in UTF-16LE with a byte order mark and encoding="UTF-16"`},
	{Name: "utf16be", phase: phaseWrite, group: "encoding", apply: func(p *pkg) error { p.encoding = "utf16be"; return nil },
		Doc: `every XML part in UTF-16BE with a byte order mark and encoding="UTF-16"`},
	{Name: "utf8-bom", phase: phaseWrite, group: "encoding", apply: func(p *pkg) error { p.encoding = "utf8-bom"; return nil },
		Doc: `every XML part in UTF-8 with a byte order mark`},
	{Name: "no-xml-decl", phase: phaseWrite, apply: func(p *pkg) error { p.opts.noDecl = true; return nil },
		Doc: `no XML declaration (<?xml ...?>) on any part`},
	{Name: "date1904", phase: phaseContent, apply: date1904,
		Doc: `workbookPr date1904="1" with the serial of every date cell decreased by 1462, except a time of day alone (serial below 1); an error for dates before 2 January 1904`},
	{Name: "iso-dates", phase: phaseContent + 1, group: "iso", apply: func(p *pkg) error { return isoDates(p, false) },
		Doc: `date cells written as t="d" with an ISO 8601 date and time, 2024-11-20T00:00:00`},
	{Name: "iso-dates-short", phase: phaseContent + 1, group: "iso", apply: func(p *pkg) error { return isoDates(p, true) },
		Doc: `date cells written as t="d" with an ISO 8601 date alone (2024-11-20) when the time is midnight`},
	{Name: "no-refs", phase: phaseContent + 4, apply: noRefs,
		Doc: `r attributes of rows and cells dropped where the position follows the previous one`},
	{Name: "explicit-types", phase: phaseContent + 4, apply: explicitTypes,
		Doc: `numeric cells with an explicit t="n", as openpyxl writes`},
	{Name: "shuffled-attrs", phase: phaseWrite, apply: func(p *pkg) error { p.opts.pretty = true; return nil },
		Doc: `pretty-printed XML: reversed attribute order, declarations last, attributes on their own lines, spaces around '=', single and double quotes, indentation between elements`},
	{Name: "zip-store", phase: phaseWrite, apply: func(p *pkg) error { p.store = true; return nil },
		Doc: `zip entries stored without compression`},
	{Name: "zip-order", phase: phaseWrite, apply: func(p *pkg) error { p.reverse = true; return nil },
		Doc: `zip entries in reverse order, [Content_Types].xml last`},
	{Name: "zip-case", phase: phaseWrite, apply: func(p *pkg) error { p.caseShift = true; return nil },
		Doc: `zip entry names differing in case from part names and relationship targets (Xl/Worksheets/Sheet1.xml for worksheets/sheet1.xml)`},
	{Name: "zip-datadescriptor", phase: phaseWrite, apply: func(p *pkg) error { p.descriptor = true; return nil },
		Doc: `sizes and CRC in data descriptors after the entries (otherwise they are in the local headers)`},
}

// Shapes lists every single shape.
func Shapes() []Shape { return append([]Shape(nil), shapes...) }

// ShapeByName returns the shape of that name.
func ShapeByName(name string) (Shape, bool) {
	for _, s := range shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

func shapeIndex(name string) int {
	for i, s := range shapes {
		if s.Name == name {
			return i
		}
	}
	return -1
}

// canonical orders shapes as Shapes does and drops repeats.
func canonical(list []Shape) []Shape {
	seen := map[string]bool{}
	var out []Shape
	for _, s := range list {
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return shapeIndex(out[i].Name) < shapeIndex(out[j].Name) })
	return out
}

func variantName(list []Shape) string {
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	return strings.Join(names, "+")
}

func compatible(list []Shape) bool {
	groups := map[string]bool{}
	for _, s := range list {
		if s.group == "" {
			continue
		}
		if groups[s.group] {
			return false
		}
		groups[s.group] = true
	}
	return true
}

// Variants lists every single shape and meaningful combinations, each with
// a unique name, in a fixed order.
func Variants() []Variant {
	var out []Variant
	seen := map[string]bool{}
	add := func(names ...string) {
		var list []Shape
		for _, n := range names {
			s, ok := ShapeByName(n)
			if !ok {
				panic("xlsxtest: unknown shape " + n)
			}
			list = append(list, s)
		}
		list = canonical(list)
		name := variantName(list)
		if seen[name] || !compatible(list) {
			return
		}
		seen[name] = true
		out = append(out, Variant{name, list})
	}
	for _, s := range shapes {
		add(s.Name)
	}
	namespaces := []string{"prefixed-x", "default-ns-inner", "strict"}
	for _, ns := range namespaces {
		for _, other := range []string{"inline-strings", "rich-text", "cdata", "xml-comments", "entities",
			"date1904", "iso-dates", "no-refs", "shuffled-attrs", "utf16le", "utf16be", "utf8-bom",
			"renamed-parts", "targets-absolute", "zip-case"} {
			add(ns, other)
		}
	}
	add("prefixed-x", "strict")
	add("default-ns-inner", "strict")
	for _, r := range []string{"renamed-parts", "renamed-parts-root"} {
		for _, other := range []string{"targets-relative-dotdot", "targets-absolute", "targets-dot-slash",
			"zip-case", "zip-order", "zip-store", "utf16le"} {
			add(r, other)
		}
	}
	for _, s := range []string{"inline-strings", "rich-text"} {
		for _, other := range []string{"cdata", "xml-comments", "entities", "shuffled-attrs", "no-refs", "utf16be"} {
			add(s, other)
		}
	}
	add("inline-strings", "rich-text")
	for _, other := range []string{"iso-dates", "iso-dates-short", "inline-strings", "no-refs", "explicit-types"} {
		add("date1904", other)
	}
	for _, enc := range []string{"utf16le", "utf16be", "utf8-bom"} {
		for _, other := range []string{"shuffled-attrs", "cdata", "entities", "xml-comments", "no-xml-decl"} {
			add(enc, other)
		}
	}
	add("cdata", "entities")
	add("cdata", "xml-comments", "shuffled-attrs")
	add("no-refs", "shuffled-attrs", "xml-comments")
	add("zip-store", "zip-order", "zip-datadescriptor")
	add("zip-case", "targets-absolute")
	add("zip-case", "targets-relative-dotdot", "zip-datadescriptor")
	add("prefixed-x", "renamed-parts", "utf16le")
	add("strict", "inline-strings", "date1904")
	add("strict", "iso-dates", "renamed-parts")
	add("strict", "renamed-parts-root", "targets-absolute", "zip-case")
	add("strict", "prefixed-x", "rich-text", "cdata", "utf16be")
	add("default-ns-inner", "rich-text", "cdata", "xml-comments", "utf16be")
	add("default-ns-inner", "inline-strings", "no-refs", "renamed-parts-root", "zip-store")
	add("prefixed-x", "rich-text", "entities", "shuffled-attrs", "zip-store", "zip-order")
	add("prefixed-x", "inline-strings", "iso-dates-short", "explicit-types", "targets-dot-slash")
	add("date1904", "iso-dates", "strict", "utf16le", "zip-case")
	add("strict", "prefixed-x", "inline-strings", "rich-text", "no-refs", "date1904", "utf16le",
		"renamed-parts-root", "targets-dot-slash", "zip-case", "zip-datadescriptor")
	add("default-ns-inner", "strict", "rich-text", "cdata", "xml-comments", "entities", "shuffled-attrs",
		"iso-dates", "renamed-parts", "targets-relative-dotdot", "utf16be", "zip-order", "zip-store")
	return out
}

// Apply rewrites the workbook with the given shapes, in their own order
// (content first, then namespaces, part names and the writing choices), and
// returns a zip whose [Content_Types].xml and relationships are consistent.
// Output is deterministic. Applying no shape rebuilds the package plainly:
// every XML part written again in UTF-8 and every entry deflated.
func Apply(xlsx []byte, list ...Shape) ([]byte, error) {
	for _, s := range list {
		if s.apply == nil {
			return nil, fmt.Errorf("xlsxtest: shape %q is not one of Shapes()", s.Name)
		}
	}
	list = canonical(list)
	if !compatible(list) {
		return nil, fmt.Errorf("xlsxtest: shapes %s exclude one another", variantName(list))
	}
	p, err := readPackage(xlsx)
	if err != nil {
		return nil, fmt.Errorf("xlsxtest: %w", err)
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].phase < list[j].phase })
	for _, s := range list {
		if err := s.apply(p); err != nil {
			return nil, fmt.Errorf("xlsxtest: %s: %w", s.Name, err)
		}
	}
	out, err := p.write()
	if err != nil {
		return nil, fmt.Errorf("xlsxtest: %w", err)
	}
	return out, nil
}

// ApplyVariant is Apply with a variant's shapes.
func ApplyVariant(xlsx []byte, v Variant) ([]byte, error) { return Apply(xlsx, v.Shapes...) }

// --- helpers over the workbook's parts

// smlParts are the XML parts whose root is in a SpreadsheetML namespace.
func (p *pkg) smlParts() []*part {
	var out []*part
	for _, q := range p.parts {
		if q.doc != nil && isSML(q.doc.Root.Name.Space) {
			out = append(out, q)
		}
	}
	return out
}

func newElem(like *element, local string) *element {
	return &element{Name: xml.Name{Space: like.Name.Space, Local: local}}
}

func sharedStringItems(p *pkg) []*element {
	if sst := p.workbookPart("sharedStrings"); sst != nil {
		return sst.doc.Root.children("si")
	}
	return nil
}

// stringItems are the <si> of the shared strings and the <is> of the cells.
func stringItems(p *pkg) []*element {
	out := sharedStringItems(p)
	for _, s := range p.sheets() {
		forCells(s.p.doc, func(c *element, _, _ int) {
			out = append(out, c.children("is")...)
		})
	}
	return out
}

// --- content shapes

func inlineStrings(p *pkg) error {
	sst := p.workbookPart("sharedStrings")
	if sst == nil {
		return nil
	}
	items := sst.doc.Root.children("si")
	for _, s := range p.sheets() {
		var err error
		forCells(s.p.doc, func(c *element, row, col int) {
			if t, _ := c.attr("t"); t != "s" || err != nil {
				return
			}
			v := c.child("v")
			if v == nil {
				c.delAttr("t")
				return
			}
			i, e := strconv.Atoi(strings.TrimSpace(v.text()))
			if e != nil || i < 0 || i >= len(items) {
				err = fmt.Errorf("%s!%s: bad shared string index %q", s.name, cellName(row, col), v.text())
				return
			}
			is := newElem(c, "is")
			for _, k := range items[i].Kids {
				is.Kids = append(is.Kids, deepCopy(k))
			}
			for j, k := range c.Kids {
				if k == v {
					c.Kids[j] = is
				}
			}
			c.setAttr("t", "inlineStr")
		})
		if err != nil {
			return err
		}
	}
	p.remove(sst)
	return nil
}

func xmlSpacePreserve() xml.Attr {
	return xml.Attr{Name: xml.Name{Space: xmlNamespace, Local: "space"}, Value: "preserve"}
}

func richText(p *pkg) error {
	for _, si := range stringItems(p) {
		if len(si.children("rPh")) > 0 {
			continue
		}
		ts := si.children("t")
		if len(ts) == 1 && len(si.children("r")) == 0 {
			text := ts[0].text()
			runes := []rune(text)
			if len(runes) == 0 {
				continue
			}
			n := min(3, len(runes))
			var kids []node
			for k := 0; k < n; k++ {
				piece := string(runes[k*len(runes)/n : (k+1)*len(runes)/n])
				r := newElem(si, "r")
				switch k {
				case 1:
					pr := newElem(si, "rPr")
					for _, x := range [][2]string{{"rFont", "Times New Roman"}, {"b", ""}, {"sz", "12"}} {
						e := newElem(si, x[0])
						if x[1] != "" {
							e.setAttr("val", x[1])
						}
						pr.Kids = append(pr.Kids, e)
					}
					r.Kids = append(r.Kids, pr)
				case 2:
					pr := newElem(si, "rPr")
					i := newElem(si, "i")
					color := newElem(si, "color")
					color.setAttr("rgb", "FF1F4E79")
					sz := newElem(si, "sz")
					sz.setAttr("val", "11")
					pr.Kids = append(pr.Kids, i, color, sz)
					r.Kids = append(r.Kids, pr)
				}
				t := newElem(si, "t")
				t.Attr = append(t.Attr, xmlSpacePreserve())
				t.setText(piece)
				r.Kids = append(r.Kids, t)
				kids = append(kids, r)
			}
			// Keep other children (a phoneticPr) after the runs.
			for _, k := range si.Kids {
				if e, ok := k.(*element); ok && e.Name.Local != "t" {
					kids = append(kids, e)
				}
			}
			si.Kids = kids
		}
		// A phonetic run: its text is not part of the value.
		rph := newElem(si, "rPh")
		rph.setAttr("sb", "0")
		rph.setAttr("eb", "1")
		t := newElem(si, "t")
		t.setText("フリガナ")
		rph.Kids = []node{t}
		// rPh goes after the runs, before phoneticPr.
		var kids []node
		placed := false
		for _, k := range si.Kids {
			if e, ok := k.(*element); ok && e.Name.Local == "phoneticPr" && !placed {
				kids = append(kids, rph)
				placed = true
			}
			kids = append(kids, k)
		}
		if !placed {
			kids = append(kids, rph)
			pr := newElem(si, "phoneticPr")
			pr.setAttr("fontId", "0")
			pr.setAttr("type", "noConversion")
			kids = append(kids, pr)
		}
		si.Kids = kids
	}
	return nil
}

// interleave puts a comment or processing instruction before every element
// child of e and after the last one.
func interleave(e *element, label string) {
	var kids []node
	n := 0
	mark := func() node {
		n++
		if n%2 == 0 {
			return &procInst{"baocao-test", label + " " + strconv.Itoa(n)}
		}
		return &comment{" " + label + " " + strconv.Itoa(n) + " — ghi chú "}
	}
	for _, k := range e.Kids {
		if _, ok := k.(*element); ok {
			kids = append(kids, mark())
		}
		kids = append(kids, k)
	}
	kids = append(kids, mark())
	e.Kids = kids
}

func xmlComments(p *pkg) error {
	p.xmlComments = true
	for _, s := range p.sheets() {
		sd := s.p.doc.Root.child("sheetData")
		if sd == nil {
			continue
		}
		for _, r := range sd.children("row") {
			for _, c := range r.children("c") {
				interleave(c, "inside cell")
			}
			interleave(r, "between cells")
		}
		interleave(sd, "between rows")
	}
	for _, si := range stringItems(p) {
		interleave(si, "inside string")
	}
	if wb := p.workbook(); wb != nil && wb.doc != nil {
		if sh := wb.doc.Root.child("sheets"); sh != nil {
			interleave(sh, "between sheets")
		}
	}
	if st := p.workbookPart("styles"); st != nil {
		for _, name := range []string{"numFmts", "cellXfs"} {
			if e := st.doc.Root.child(name); e != nil {
				interleave(e, name)
			}
		}
	}
	return nil
}

func noRefs(p *pkg) error {
	for _, s := range p.sheets() {
		sd := s.p.doc.Root.child("sheetData")
		if sd == nil {
			continue
		}
		prevRow := 0
		for _, r := range sd.children("row") {
			row := prevRow + 1
			if v, ok := r.attr("r"); ok {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil {
					return fmt.Errorf("%s: bad row number %q", s.name, v)
				}
				row = n
			}
			if row == prevRow+1 {
				r.delAttr("r")
			}
			prevRow = row
			prevCol := 0
			for _, c := range r.children("c") {
				col := prevCol + 1
				if v, ok := c.attr("r"); ok {
					rr, cc, ok := parseRef(v)
					if !ok || rr != row {
						return fmt.Errorf("%s: cell %q in row %d", s.name, v, row)
					}
					col = cc
				}
				if col == prevCol+1 {
					c.delAttr("r")
				}
				prevCol = col
			}
		}
	}
	return nil
}

func explicitTypes(p *pkg) error {
	for _, s := range p.sheets() {
		forCells(s.p.doc, func(c *element, _, _ int) {
			if _, ok := c.attr("t"); !ok && c.child("v") != nil {
				c.setAttr("t", "n")
			}
		})
	}
	return nil
}

func formatSerial(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func date1904(p *pkg) error {
	if p.date1904() {
		return nil
	}
	wb := p.workbook()
	if wb == nil || wb.doc == nil {
		return fmt.Errorf("no workbook")
	}
	isDate := p.dateStyles()
	for _, s := range p.sheets() {
		var err error
		forCells(s.p.doc, func(c *element, row, col int) {
			if err != nil || !isNumericCell(c) || !isDate(c) {
				return
			}
			vEl := c.child("v")
			v, _ := strconv.ParseFloat(strings.TrimSpace(vEl.text()), 64)
			switch {
			case v < 1:
				// A time of day reads the same in both date systems.
			case v < 1463:
				// 1904-01-01 would become a serial below 1, which
				// readers take for a time of day alone.
				err = fmt.Errorf("%s!%s: date serial %v is before 2 January 1904", s.name, cellName(row, col), v)
			default:
				vEl.setText(formatSerial(v - 1462))
			}
		})
		if err != nil {
			return err
		}
	}
	root := wb.doc.Root
	pr := root.child("workbookPr")
	if pr == nil {
		// workbookPr follows fileVersion and fileSharing.
		pr = newElem(root, "workbookPr")
		at := 0
		for i, k := range root.Kids {
			if e, ok := k.(*element); ok && (e.Name.Local == "fileVersion" || e.Name.Local == "fileSharing") {
				at = i + 1
			}
		}
		root.Kids = append(root.Kids[:at], append([]node{pr}, root.Kids[at:]...)...)
	}
	pr.setAttr("date1904", "1")
	return nil
}

func isoDates(p *pkg, short bool) error {
	isDate := p.dateStyles()
	d1904 := p.date1904()
	for _, s := range p.sheets() {
		var err error
		forCells(s.p.doc, func(c *element, row, col int) {
			if err != nil || !isNumericCell(c) || !isDate(c) {
				return
			}
			vEl := c.child("v")
			v, _ := strconv.ParseFloat(strings.TrimSpace(vEl.text()), 64)
			if v < 1 || math.IsInf(v, 0) {
				return // a time of day alone stays a number
			}
			t, e := serialTime(v, d1904)
			if e != nil {
				err = fmt.Errorf("%s!%s: %w", s.name, cellName(row, col), e)
				return
			}
			var iso string
			switch {
			case short && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
				iso = t.Format("2006-01-02")
			case t.Nanosecond() != 0:
				iso = t.Format("2006-01-02T15:04:05.000")
			default:
				iso = t.Format("2006-01-02T15:04:05")
			}
			vEl.setText(iso)
			c.setAttr("t", "d")
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// --- namespace shapes

var strictNamespaces = map[string]string{
	"http://schemas.openxmlformats.org/spreadsheetml/2006/main":                 nsSMLStrict,
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":       nsRelStrict,
	"http://schemas.openxmlformats.org/drawingml/2006/main":                     "http://purl.oclc.org/ooxml/drawingml/main",
	"http://schemas.openxmlformats.org/drawingml/2006/chart":                    "http://purl.oclc.org/ooxml/drawingml/chart",
	"http://schemas.openxmlformats.org/drawingml/2006/chartDrawing":             "http://purl.oclc.org/ooxml/drawingml/chartDrawing",
	"http://schemas.openxmlformats.org/drawingml/2006/diagram":                  "http://purl.oclc.org/ooxml/drawingml/diagram",
	"http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas":             "http://purl.oclc.org/ooxml/drawingml/lockedCanvas",
	"http://schemas.openxmlformats.org/drawingml/2006/picture":                  "http://purl.oclc.org/ooxml/drawingml/picture",
	"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing":       "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
	"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":   "http://purl.oclc.org/ooxml/officeDocument/customProperties",
	"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes":      "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
	"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
	"http://schemas.openxmlformats.org/officeDocument/2006/math":                "http://purl.oclc.org/ooxml/officeDocument/math",
	"http://schemas.openxmlformats.org/officeDocument/2006/customXml":           "http://purl.oclc.org/ooxml/officeDocument/customXml",
	"http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes":         "http://purl.oclc.org/ooxml/officeDocument/sharedTypes",
	"http://schemas.openxmlformats.org/schemaLibrary/2006/main":                 "http://purl.oclc.org/ooxml/schemaLibrary/main",
}

func strictRelType(typ string) string {
	if !strings.HasPrefix(typ, relTransPrefix) {
		return typ // OPC package types (core properties, ...) are the same in Strict
	}
	l := strings.TrimPrefix(typ, relTransPrefix)
	switch l {
	case "extended-properties":
		l = "extendedProperties"
	case "custom-properties":
		l = "customProperties"
	}
	return relStrictPfx + l
}

// strict maps every transitional namespace and relationship type to its
// Strict counterpart, the custom and extended properties included (as
// ECMA-376 Part 1 Strict §15.2.12 names them: relationships/customProperties
// and relationships/extendedProperties).
func strict(p *pkg) error {
	mapNS := func(s string) string {
		if t, ok := strictNamespaces[s]; ok {
			return t
		}
		return s
	}
	for _, q := range p.parts {
		if q.doc == nil {
			continue
		}
		walk(q.doc.Root, func(e, _ *element) {
			e.Name.Space = mapNS(e.Name.Space)
			for i := range e.Attr {
				e.Attr[i].Name.Space = mapNS(e.Attr[i].Name.Space)
			}
			for i := range e.Decl {
				e.Decl[i].URI = mapNS(e.Decl[i].URI)
			}
		})
		for _, r := range q.rels {
			r.typ = strictRelType(r.typ)
		}
	}
	for _, r := range p.rootRels {
		r.typ = strictRelType(r.typ)
	}
	if wb := p.workbook(); wb != nil && wb.doc != nil {
		wb.doc.Root.setAttr("conformance", "strict")
	}
	return nil
}

func isRelNS(s string) bool { return s == nsRel || s == nsRelStrict }

func isCustomNS(s string) bool {
	return s == "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ||
		s == "http://purl.oclc.org/ooxml/officeDocument/customProperties"
}

// customProps is the custom properties part, if any.
func (p *pkg) customProps() *part {
	if t := relTargets(p.rootRels, "custom-properties"); len(t) > 0 && t[0].doc != nil {
		return t[0]
	}
	return nil
}

// rebind changes the prefix of the declarations on every element of a part
// for which f returns a new prefix.
func rebind(doc *document, f func(d nsDecl) (string, bool)) {
	walk(doc.Root, func(e, _ *element) {
		var decls []nsDecl
		for _, d := range e.Decl {
			if np, ok := f(d); ok {
				d.Prefix = np
			}
			dup := false
			for _, x := range decls {
				if x.Prefix == d.Prefix {
					dup = true
				}
			}
			if !dup {
				decls = append(decls, d)
			}
		}
		e.Decl = decls
	})
}

func prefixedX(p *pkg) error {
	for _, q := range p.smlParts() {
		rebind(q.doc, func(d nsDecl) (string, bool) {
			switch {
			case d.Prefix == "" && isSML(d.URI):
				return "x", true
			case d.Prefix == "r" && isRelNS(d.URI):
				return "rel", true
			}
			return "", false
		})
	}
	if cp := p.customProps(); cp != nil {
		rebind(cp.doc, func(d nsDecl) (string, bool) {
			if d.Prefix == "" && isCustomNS(d.URI) {
				return "op", true
			}
			return "", false
		})
	}
	return nil
}

const (
	decoyS = "urn:xlsxtest:decoy:s"
	decoyR = "urn:xlsxtest:decoy:r"
)

// innerDefault names the elements on which default-ns-inner declares the
// SpreadsheetML namespace as the default again.
var innerDefault = map[string]bool{"sheetData": true, "sheets": true, "numFmts": true, "cellXfs": true, "si": true, "is": true}

func defaultNSInner(p *pkg) error {
	for _, q := range p.smlParts() {
		root := q.doc.Root
		sml := root.Name.Space
		rel := nsRel
		if sml == nsSMLStrict {
			rel = nsRelStrict
		}
		// Drop the SpreadsheetML default and every r binding.
		walk(root, func(e, _ *element) {
			var decls []nsDecl
			for _, d := range e.Decl {
				if (d.Prefix == "" && isSML(d.URI)) || d.Prefix == "r" || d.Prefix == "s" {
					continue
				}
				decls = append(decls, d)
			}
			e.Decl = decls
		})
		root.Decl = append([]nsDecl{{"s", sml}, {"r", decoyR}}, root.Decl...)
		walk(root, func(e, parent *element) {
			if innerDefault[e.Name.Local] && isSML(e.Name.Space) {
				e.Decl = append([]nsDecl{{"", sml}, {"s", decoyS}}, e.Decl...)
			} else if e.Name.Local == "row" && isSML(e.Name.Space) {
				e.Decl = append([]nsDecl{{"", sml}}, e.Decl...) // redundant redeclaration
			}
			for _, a := range e.Attr {
				if isRelNS(a.Name.Space) {
					e.Decl = append(e.Decl, nsDecl{"r", rel})
					break
				}
			}
		})
	}
	if cp := p.customProps(); cp != nil {
		root := cp.doc.Root
		ns := root.Name.Space
		rebind(cp.doc, func(d nsDecl) (string, bool) {
			if d.Prefix == "" && isCustomNS(d.URI) {
				return "cp", true
			}
			return "", false
		})
		for _, k := range root.Kids {
			if e, ok := k.(*element); ok && e.Name.Space == ns {
				e.Decl = append([]nsDecl{{"", ns}, {"cp", decoyS}}, e.Decl...)
			}
		}
	}
	return nil
}

// --- part names

func renameParts(p *pkg, root bool) error {
	wb := p.workbook()
	if wb == nil {
		return fmt.Errorf("no workbook")
	}
	type move struct {
		q    *part
		name string
	}
	var moves []move
	pick := func(q *part, nested, flat string) {
		if q == nil {
			return
		}
		if root {
			moves = append(moves, move{q, flat})
		} else {
			moves = append(moves, move{q, nested})
		}
	}
	pick(wb, "spreadsheet/wb.xml", "book.xml")
	for i, s := range p.sheets() {
		n := strconv.Itoa(i + 1)
		pick(s.p, "xl/sheets/s"+n+".xml", "sheet-"+n+".xml")
	}
	pick(p.workbookPart("sharedStrings"), "xl/strings.xml", "strings.xml")
	pick(p.workbookPart("styles"), "spreadsheet/look/st.xml", "styles.xml")
	if t := relTargets(p.rootRels, "custom-properties"); len(t) > 0 {
		pick(t[0], "props/custom-properties.xml", "custom.xml")
	}
	if t := relTargets(p.rootRels, "extended-properties"); len(t) > 0 {
		pick(t[0], "props/application.xml", "app.xml")
	}
	for _, r := range p.rootRels {
		if strings.HasSuffix(r.typ, "/metadata/core-properties") && r.to != nil {
			pick(r.to, "props/core1.xml", "core.xml")
		}
	}
	// Two steps, so that no part is renamed onto one not moved yet.
	for i, m := range moves {
		p.rename(m.q, fmt.Sprintf("xlsxtest-tmp/%d.xml", i))
	}
	for _, m := range moves {
		if p.byName(m.name) != nil {
			return fmt.Errorf("part %s exists already", m.name)
		}
		p.rename(m.q, m.name)
	}
	return nil
}
