package xlsx

import (
	"errors"
	"strconv"
	"strings"

	"baocao/internal/vntext"
)

// Word documents (.docx) are the same family of packages as workbooks: a
// plan's appendix comes as a Word table, read here with the same safe
// opening (sniffing, limits, CRC, XML checks) and the same XML reader, by
// namespace and local name (ECMA-376 Part 1, §17.4 tables).

// WordDocument is what is read of a Word document: its tables, in order.
// A table nested in a cell is read as that cell's paragraphs.
type WordDocument struct {
	Tables []WordTable
}

// WordTable is a table: its rows.
type WordTable struct {
	Rows []WordRow
}

// WordRow is a row: Header when it repeats as a header row on each page
// (w:tblHeader).
type WordRow struct {
	Header bool
	Cells  []WordCell
}

// WordCell is a cell: its paragraphs (text, without empty ones), the grid
// column it starts at and how many it spans, whether it continues a
// vertical merge from the row above, whether all its text is bold, and
// the footnotes its text refers to, in order (their marks are the
// superscript numbers ¹, ², … counted within the cell).
type WordCell struct {
	Paras     []string
	Col, Span int
	Merged    bool
	Bold      bool
	Footnotes []string
}

// ErrNotWord is the sentinel of a file that is not a Word document.
var ErrNotWord = errors.New("not a .docx document")

func errNotWordDocument() *FileError {
	return fileError(ErrNotWord, "tệp không phải văn bản Word (.docx)",
		"mở tệp bằng Word hoặc LibreOffice Writer, chọn Lưu thành (Save As) dạng “Word Document (.docx)” rồi dùng tệp đó")
}

// OpenWord reads the tables of the Word document at path, as Open reads a
// workbook: one read, after the size is checked. Any failure is a
// *FileError.
func OpenWord(path string, lim Limits) (*WordDocument, error) {
	lim = lim.withDefaults()
	data, fe := readFile(path, lim)
	if fe != nil {
		return nil, fe
	}
	return OpenWordBytes(data, lim)
}

// OpenWordBytes reads a Word document held in memory, as OpenWord does.
func OpenWordBytes(data []byte, lim Limits) (*WordDocument, error) {
	lim = lim.withDefaults()
	if fe := sizeProblem(int64(len(data)), lim); fe != nil {
		return nil, fe
	}
	a, fe := openArchive(data, lim, func(a *archive) *FileError {
		if a.files["_rels/.rels"] == nil && a.files["word/document.xml"] == nil {
			return errNotWordDocument()
		}
		return nil
	})
	if fe != nil {
		return nil, fe
	}
	d, fe := a.word()
	if fe != nil {
		return nil, fe
	}
	return d, nil
}

// word reads the main document found through the package relationships,
// and its footnotes through the document's.
func (a *archive) word() (*WordDocument, *FileError) {
	rootRels, fe := a.rels("")
	if fe != nil {
		return nil, fe
	}
	main := ""
	for _, r := range rootRels {
		if r.kind == "officedocument" && main == "" {
			main = r.target
		}
	}
	if main == "" {
		main = "word/document.xml"
	}
	zf := a.files[main]
	if zf == nil {
		return nil, errNotWordDocument()
	}
	// The main part first: a workbook's or a presentation's is not read
	// further.
	s, fe := a.part(zf)
	if fe != nil {
		return nil, fe
	}
	x := newReader(s)
	isDoc := x.root() && x.ns == nsWord && x.local == "document"
	e := x.err // after root: the order of a call and a read in one statement is not specified
	x.release()
	switch {
	case e != xmlOK:
		return nil, xmlError(zf.Name, e)
	case !isDoc:
		return nil, errNotWordDocument()
	}
	footnotes := map[string]string{}
	lists := &lists{styles: map[string]numRef{}, abstract: map[string]map[int]level{}, nums: map[string]string{}, counters: map[string]*[9]int{}}
	rels, fe := a.rels(main)
	if fe != nil {
		return nil, fe
	}
	for _, r := range rels {
		if (r.kind != "footnotes" && r.kind != "numbering" && r.kind != "styles") || a.files[r.target] == nil || a.inflated[r.target] {
			continue
		}
		s, fe := a.part(a.files[r.target])
		if fe != nil {
			return nil, fe
		}
		var e xmlErr
		switch r.kind {
		case "footnotes":
			e = parseFootnotes(s, footnotes)
		case "numbering":
			e = lists.parseNumbering(s)
		case "styles":
			e = lists.parseStyles(s)
		}
		if e != xmlOK {
			return nil, xmlError(r.target, e)
		}
	}
	d, e, ok := parseWordDocument(s, footnotes, lists)
	if e != xmlOK {
		return nil, xmlError(zf.Name, e)
	}
	if !ok {
		return nil, errNotWordDocument()
	}
	return d, nil
}

// wordReader walks a WordprocessingML part.
type wordReader struct {
	x         *xmlReader
	footnotes map[string]string
	lists     *lists
	doc       *WordDocument
}

func parseWordDocument(s string, footnotes map[string]string, l *lists) (*WordDocument, xmlErr, bool) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, x.err, true
	}
	if x.ns != nsWord || x.local != "document" {
		x.finish()
		return nil, x.err, false
	}
	w := &wordReader{x: x, footnotes: footnotes, lists: l, doc: &WordDocument{}}
	for x.child(1) {
		if x.ns == nsWord && x.local == "body" {
			w.blocks(2, nil)
			continue
		}
		x.skip()
	}
	x.finish()
	return w.doc, x.err, true
}

// blocks reads the block-level content of the element open at depth d:
// tables, paragraphs (added to cell when in a cell: a nested table's text
// joins its cell), and the containers that may wrap them (content
// controls, custom XML, tracked insertions).
func (w *wordReader) blocks(d int, cell *cellText) {
	x := w.x
	for x.child(d) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "tbl":
			if cell != nil {
				w.nested(d+1, cell)
			} else {
				w.table(d + 1)
			}
		case "p":
			if cell != nil {
				w.paragraph(d+1, cell)
			} else {
				x.skip()
			}
		case "sdt", "customXml", "ins", "moveTo", "smartTag":
			w.blocks(d+1, cell)
		case "sdtContent":
			w.blocks(d+1, cell)
		default:
			x.skip()
		}
	}
}

// cellText gathers a cell's paragraphs while it is read.
type cellText struct {
	paras     []string
	cur       strings.Builder
	bold      bool // every run with text so far is bold
	anyText   bool
	footnotes []string
	mark      string // the list mark of the paragraph read: "- ", "1. ", "a) "
}

func (c *cellText) endParagraph() {
	p := strings.Join(strings.Fields(strings.ReplaceAll(c.cur.String(), "\u00a0", " ")), " ")
	c.cur.Reset()
	mark := c.mark
	c.mark = ""
	if p == "" {
		return
	}
	if mark != "" && !strings.HasPrefix(p, "-") && !strings.HasPrefix(p, "+") && !strings.HasPrefix(p, "•") {
		p = mark + p
	}
	c.paras = append(c.paras, p)
}

// table reads a table at depth d into the document.
func (w *wordReader) table(d int) {
	t := WordTable{}
	w.rows(d, &t)
	w.doc.Tables = append(w.doc.Tables, t)
}

func (w *wordReader) rows(d int, t *WordTable) {
	x := w.x
	for x.child(d) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "tr":
			t.Rows = append(t.Rows, w.row(d+1))
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			w.rows(d+1, t)
		default:
			x.skip()
		}
	}
}

func (w *wordReader) row(d int) WordRow {
	x := w.x
	var r WordRow
	col := 0
	var cells func(d int)
	cells = func(d int) {
		for x.child(d) {
			if x.ns != nsWord {
				x.skip()
				continue
			}
			switch x.local {
			case "trPr":
				for x.child(d + 1) {
					if x.ns == nsWord {
						switch x.local {
						case "tblHeader":
							r.Header = onOff(x)
						case "gridBefore":
							if n, ok := intVal(x, 1, 63); ok {
								col += n
							}
						}
					}
					x.skip()
				}
			case "tc":
				c := w.cell(d + 1)
				c.Col = col
				col += c.Span
				r.Cells = append(r.Cells, c)
			case "sdt", "sdtContent", "customXml", "ins", "moveTo":
				cells(d + 1)
			default:
				x.skip()
			}
		}
	}
	cells(d)
	return r
}

// wattr is a WordprocessingML attribute: namespace-qualified as the
// standard writes it, or, as some writers leave it, unqualified.
func wattr(x *xmlReader, local string) (string, bool) {
	if v, ok := x.attr(nsWord, local); ok {
		return v, true
	}
	return x.attr(nsNone, local)
}

// intVal reads the w:val of the element just started as an integer
// within lo..hi: spans, skipped columns, list levels cannot claim more.
func intVal(x *xmlReader, lo, hi int) (int, bool) {
	v, _ := wattr(x, "val")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil && n >= lo && n <= hi
}

// onOff reads an ST_OnOff property: present means on, unless its value
// says off.
func onOff(x *xmlReader) bool {
	v, ok := wattr(x, "val")
	if !ok {
		return true
	}
	switch strings.TrimSpace(v) {
	case "0", "false", "off":
		return false
	}
	return true
}

func (w *wordReader) cell(d int) WordCell {
	x := w.x
	c := WordCell{Span: 1}
	ct := &cellText{bold: true}
	for x.child(d) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "tcPr":
			for x.child(d + 1) {
				if x.ns == nsWord {
					switch x.local {
					case "gridSpan":
						if n, ok := intVal(x, 2, 63); ok {
							c.Span = n
						}
					case "vMerge":
						v, _ := wattr(x, "val")
						c.Merged = strings.TrimSpace(v) != "restart"
					case "hMerge": // legacy horizontal merge: a continuing cell adds nothing
						v, _ := wattr(x, "val")
						if strings.TrimSpace(v) != "restart" {
							c.Merged = true
						}
					}
				}
				x.skip()
			}
		case "p":
			w.paragraph(d+1, ct)
		case "tbl":
			w.nested(d+1, ct)
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			w.blocks(d+1, ct)
		default:
			x.skip()
		}
	}
	c.Paras, c.Footnotes = ct.paras, ct.footnotes
	c.Bold = ct.anyText && ct.bold
	return c
}

// nested reads a table within a cell: its cells' paragraphs, row by row,
// join the cell's.
func (w *wordReader) nested(d int, ct *cellText) {
	var t WordTable
	w.rows(d, &t)
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			ct.paras = append(ct.paras, c.Paras...)
			ct.footnotes = append(ct.footnotes, c.Footnotes...)
		}
	}
}

// paragraph reads a paragraph's runs into the cell; a line break within it
// starts a new paragraph, as a new line does in a cell.
func (w *wordReader) paragraph(d int, ct *cellText) {
	x := w.x
	for x.child(d) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "pPr":
			var ref numRef
			styled, direct := false, false
			for x.child(d + 1) {
				if x.ns == nsWord {
					switch x.local {
					case "pStyle":
						if v, ok := wattr(x, "val"); ok && w.lists != nil {
							ref, styled = w.lists.styleRef(strings.TrimSpace(v))
						}
					case "numPr":
						ref, direct = readNumPr(x, d+2, ref), true
						continue
					}
				}
				x.skip()
			}
			if direct || styled {
				ct.mark = w.lists.mark(ref)
			}
		default:
			w.inline(d, ct)
		}
	}
	ct.endParagraph()
}

// inline reads the element just started within a paragraph: a run, or a
// container of runs (hyperlinks, fields, insertions, content controls).
// Deleted text is left out.
func (w *wordReader) inline(d int, ct *cellText) {
	x := w.x
	switch x.local {
	case "r":
		w.run(d+1, ct)
	case "hyperlink", "fldSimple", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "dir", "bdo":
		for x.child(d + 1) {
			if x.ns != nsWord {
				x.skip()
				continue
			}
			w.inline(d+1, ct)
		}
	default: // del, moveFrom, bookmarks, proofing marks, properties
		x.skip()
	}
}

// superscripts are the footnote marks of plans: ¹ ² ³ …
var superscripts = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

func superscript(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteRune(superscripts[c-'0'])
	}
	return b.String()
}

func (w *wordReader) run(d int, ct *cellText) {
	x := w.x
	bold, sup := false, false
	var text strings.Builder
	for x.child(d) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "rPr":
			for x.child(d + 1) {
				if x.ns == nsWord {
					switch x.local {
					case "b":
						bold = onOff(x)
					case "vertAlign":
						v, _ := wattr(x, "val")
						sup = strings.TrimSpace(v) == "superscript"
					}
				}
				x.skip()
			}
		case "t":
			text.WriteString(x.text())
		case "tab", "ptab":
			text.WriteByte(' ')
			x.skip()
		case "noBreakHyphen":
			text.WriteByte('-')
			x.skip()
		case "br", "cr":
			v, _ := wattr(x, "type")
			x.skip()
			if v == "page" || v == "column" {
				text.WriteByte(' ')
				continue
			}
			w.flush(ct, text.String(), bold, sup)
			text.Reset()
			ct.endParagraph()
		case "sym":
			if v, ok := wattr(x, "char"); ok {
				if n, err := strconv.ParseUint(strings.TrimSpace(v), 16, 32); err == nil && n >= 0x20 && (n < 0xE000 || n > 0xF8FF) {
					text.WriteRune(rune(n))
				}
			}
			x.skip()
		case "footnoteReference":
			id, _ := wattr(x, "id")
			x.skip()
			ct.footnotes = append(ct.footnotes, w.footnotes[strings.TrimSpace(id)])
			text.WriteString(superscript(len(ct.footnotes)))
		default: // delText, softHyphen, drawings, field codes (instrText)
			x.skip()
		}
	}
	w.flush(ct, text.String(), bold, sup)
}

// flush adds a run's text to the paragraph; superscript digits become the
// superscript characters plans print footnote marks with.
func (w *wordReader) flush(ct *cellText, s string, bold, sup bool) {
	if s == "" {
		return
	}
	if sup && strings.Trim(s, "0123456789") == "" {
		n, _ := strconv.Atoi(s)
		s = superscript(n)
	}
	if strings.TrimSpace(s) != "" {
		ct.anyText = true
		ct.bold = ct.bold && bold
	}
	ct.cur.WriteString(s)
}

// parseFootnotes reads the footnotes part: each footnote's text by id
// (the separators Word keeps there are left out).
func parseFootnotes(s string, into map[string]string) xmlErr {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return x.err
	}
	w := &wordReader{x: x, footnotes: into}
	for x.child(1) {
		if x.ns != nsWord || x.local != "footnote" {
			x.skip()
			continue
		}
		id, _ := wattr(x, "id")
		typ, _ := wattr(x, "type")
		ct := &cellText{}
		w.blocks(2, ct)
		if typ == "" || typ == "normal" {
			into[strings.TrimSpace(id)] = strings.TrimSpace(strings.Join(ct.paras, " "))
		}
	}
	x.finish()
	return x.err
}

// Lists: a paragraph numbered by Word (w:numPr, directly or through its
// style) gets its mark as text — "- " for a bullet, "1. ", "a) " as the
// level's format and text say, counted through the document (§17.9).

type numRef struct {
	numID string
	ilvl  int
}

type level struct {
	format, text string
	start        int
}

type lists struct {
	styles   map[string]numRef        // paragraph style → its numbering
	basedOn  map[string]string        // style → the style it is based on
	abstract map[string]map[int]level // abstractNumId → levels
	nums     map[string]string        // numId → abstractNumId
	counters map[string]*[9]int       // numId → the count at each level
}

// readNumPr reads w:numPr's numId and ilvl over base.
func readNumPr(x *xmlReader, d int, base numRef) numRef {
	for x.child(d) {
		if x.ns == nsWord {
			switch x.local {
			case "numId":
				v, _ := wattr(x, "val")
				base.numID = strings.TrimSpace(v)
			case "ilvl":
				if n, ok := intVal(x, 0, 8); ok {
					base.ilvl = n
				}
			}
		}
		x.skip()
	}
	return base
}

// styleRef is the numbering a paragraph style gives, through the styles
// it is based on.
func (l *lists) styleRef(id string) (numRef, bool) {
	for i := 0; i < 10 && id != ""; i++ {
		if r, ok := l.styles[id]; ok {
			return r, true
		}
		id = l.basedOn[id]
	}
	return numRef{}, false
}

// mark is the paragraph's list mark, counting it.
func (l *lists) mark(r numRef) string {
	if l == nil || r.numID == "0" {
		return ""
	}
	levels := l.abstract[l.nums[r.numID]]
	lv, ok := levels[r.ilvl]
	if !ok {
		return "- " // numbered, its format unknown: a list item all the same
	}
	switch lv.format {
	case "bullet", "":
		return "- "
	case "none":
		return ""
	}
	c := l.counters[r.numID]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = levels[i].start - 1
		}
		l.counters[r.numID] = c
	}
	c[r.ilvl]++
	for i := r.ilvl + 1; i < 9; i++ {
		c[i] = levels[i].start - 1
	}
	text := lv.text
	for i := 0; i < 9; i++ {
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), format(levels[i].format, c[i]))
	}
	if text = strings.TrimSpace(text); text == "" {
		return ""
	}
	return text + " "
}

// format writes a list number in a level's format.
func format(f string, n int) string {
	switch f {
	case "lowerLetter", "upperLetter":
		if n < 1 {
			n = 1
		}
		s := string(rune('a' + (n-1)%26))
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		r := vntext.Roman(n)
		if f == "lowerRoman" {
			r = strings.ToLower(r)
		}
		return r
	}
	return strconv.Itoa(n)
}

// parseNumbering reads the numbering part: abstract numberings' levels,
// and the numberings that use them.
func (l *lists) parseNumbering(s string) xmlErr {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return x.err
	}
	for x.child(1) {
		if x.ns != nsWord {
			x.skip()
			continue
		}
		switch x.local {
		case "abstractNum":
			id, _ := wattr(x, "abstractNumId")
			levels := map[int]level{}
			for x.child(2) {
				if x.ns != nsWord || x.local != "lvl" {
					x.skip()
					continue
				}
				v, _ := wattr(x, "ilvl")
				il, err := strconv.Atoi(strings.TrimSpace(v))
				lv := level{start: 1}
				for x.child(3) {
					if x.ns == nsWord {
						val, _ := wattr(x, "val")
						switch x.local {
						case "numFmt":
							lv.format = strings.TrimSpace(val)
						case "lvlText":
							lv.text = val
						case "start":
							if n, ok := intVal(x, 0, 9999); ok {
								lv.start = n
							}
						}
					}
					x.skip()
				}
				if err == nil && il >= 0 && il < 9 {
					levels[il] = lv
				}
			}
			l.abstract[strings.TrimSpace(id)] = levels
		case "num":
			id, _ := wattr(x, "numId")
			for x.child(2) {
				if x.ns == nsWord && x.local == "abstractNumId" {
					v, _ := wattr(x, "val")
					l.nums[strings.TrimSpace(id)] = strings.TrimSpace(v)
				}
				x.skip()
			}
		default:
			x.skip()
		}
	}
	x.finish()
	return x.err
}

// parseStyles reads the paragraph styles' numbering and what they are
// based on.
func (l *lists) parseStyles(s string) xmlErr {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return x.err
	}
	if l.basedOn == nil {
		l.basedOn = map[string]string{}
	}
	for x.child(1) {
		if x.ns != nsWord || x.local != "style" {
			x.skip()
			continue
		}
		id, _ := wattr(x, "styleId")
		id = strings.TrimSpace(id)
		for x.child(2) {
			if x.ns != nsWord {
				x.skip()
				continue
			}
			switch x.local {
			case "basedOn":
				v, _ := wattr(x, "val")
				l.basedOn[id] = strings.TrimSpace(v)
				x.skip()
			case "pPr":
				for x.child(3) {
					if x.ns == nsWord && x.local == "numPr" {
						l.styles[id] = readNumPr(x, 4, numRef{})
						continue
					}
					x.skip()
				}
			default:
				x.skip()
			}
		}
	}
	x.finish()
	return x.err
}
