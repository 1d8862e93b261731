package pdfdoc

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Align is the horizontal alignment of text.
type Align int

const (
	Left Align = iota
	Center
	Right
	Justify
)

// Meta is the PDF's document information.
type Meta struct {
	Title, Subject, Author, Keywords, Creator string
	Lang                                      string // "vi"
	Date                                      time.Time
}

// Doc is a document to lay out.
type Doc struct {
	Meta  Meta
	Parts []Part
}

// Part is a run of pages with its own numbering: the body, or one appendix.
type Part struct {
	Landscape bool
	Elements  []Element
}

// Element is one of the element types below.
type Element interface{ element() }

// Paragraph is text flowed into lines. Indent is the first-line indent,
// LeftIndent indents every line; spaces in mm.
type Paragraph struct {
	Text         string
	Style        Style
	Align        Align
	Indent       float64
	LeftIndent   float64
	SpaceBefore  float64
	SpaceAfter   float64
	KeepWithNext bool // a heading: not alone at the bottom of a page
}

// Rule is a centred horizontal line Gap mm below the text above it, Width mm
// long, or when OfText is set, that fraction of the widest line of the
// paragraph above.
type Rule struct {
	Width  float64
	OfText float64
	Gap    float64
}

// Spacer is vertical space.
type Spacer struct{ Height float64 }

// Header is the page-1 block of Nghị định 30/2020: the superior and issuing
// bodies and the number on the left, the national title, motto and the
// place and date on the right.
type Header struct {
	Superior, Body, Number      string
	Nation, Motto, PlaceAndDate string
}

// Signature is the end of the body: recipients on the left, the signer on
// the right.
type Signature struct {
	RecipientsTitle string
	Recipients      []string
	Authority       string // may hold a line break
	Title           string
	Name            string
}

// Column is a table column; Width is relative (the widths are scaled to
// fill the text width).
type Column struct {
	Width float64
	Align Align
}

// Table is a ruled table whose header row repeats on every page. A row too
// tall for the rest of a page is continued on the next.
type Table struct {
	Columns []Column
	Header  []string
	Rows    [][]string
	Bold    []bool // rows to set in bold (totals), by index; may be short
	Size    float64
}

// Bar is one bar of a chart.
type Bar struct {
	Label string
	Value int
	Note  string // printed after the bar: "3 (20,0%)"
}

// Chart is a horizontal bar chart drawn with lines and filled rectangles.
type Chart struct {
	Title string
	Bars  []Bar
}

func (Paragraph) element() {}
func (Rule) element()      {}
func (Spacer) element()    {}
func (Header) element()    {}
func (Signature) element() {}
func (Table) element()     {}
func (Chart) element()     {}

// Geometry of a page, in mm.
type Geometry struct {
	Width, Height            float64
	Top, Bottom, Left, Right float64
}

// TextWidth is the width of the text block.
func (g Geometry) TextWidth() float64 { return g.Width - g.Left - g.Right }

// Portrait is an A4 page with the margins of Nghị định 30/2020 as the
// decree's own files set them: top 25, bottom 20, left 35, right 20.
var Portrait = Geometry{Width: 210, Height: 297, Top: 25, Bottom: 20, Left: 35, Right: 20}

// Landscape is an A4 page turned for a table. The margins stay with the same
// edges of the sheet: bound with the portrait pages and turned to be read,
// the sheet's left (binding) edge is the top of the table, its bottom edge
// the table's left, its top edge the table's right, its right edge the
// table's bottom.
var Landscape = Geometry{Width: 297, Height: 210, Top: 35, Bottom: 20, Left: 20, Right: 25}

// BlockKind says what a block draws.
type BlockKind int

const (
	TextBlock BlockKind = iota
	LineBlock
	RectBlock // outlined
	FillBlock // filled grey
)

// Block is one positioned thing to draw. For text, Y is the baseline and
// the text spans X..X+W (aligned within it); for lines, from (X,Y) to
// (X+W,Y+H); for rectangles, the box.
type Block struct {
	Kind  BlockKind
	X, Y  float64
	W, H  float64
	Text  string
	Style Style
	Align Align // Justify spreads the words over W
	Width float64
}

// Page is a laid-out page. Number is the printed page number, 0 when none is
// printed (the first page of each part).
type Page struct {
	Landscape bool
	Number    int
	Blocks    []Block
}

// Geometry returns the page's geometry.
func (p *Page) Geometry() Geometry {
	if p.Landscape {
		return Landscape
	}
	return Portrait
}

// RuleGap is the space between a line box and a rule under it, in mm: clear
// of the dots below Vietnamese letters (ệ, ạ).
const RuleGap = 1.6

// Line spacing: a line is 1.2 times the font size.
const lineFactor = 1.2

func lineHeight(size float64) float64 { return size * ptToMM * lineFactor }

// baseline is where text sits in a line box of its size, from the box top.
func baseline(size float64) float64 { return size * ptToMM * 0.95 }

// PageNumberSize is the size of page numbers, in points.
const PageNumberSize = 13

type layouter struct {
	m      *measurer
	clean  *Cleaner
	pages  []Page
	page   *Page
	geom   Geometry
	y      float64 // top of the next line box
	partNo int     // page number within the part
	landsc bool
	widest float64 // the widest line of the last paragraph, mm
}

// Layout lays the document out. It returns the pages and the characters the
// font lacks (replaced), for warnings. Parts are laid out at once, on every
// core: each starts on a page of its own and numbers its pages from 1.
func Layout(doc Doc) ([]Page, []string, error) {
	type result struct {
		pages   []Page
		missing []string
		err     error
	}
	m, err := newMeasurer()
	if err != nil {
		return nil, nil, err
	}
	results := make([]result, len(doc.Parts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(doc.Parts)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(doc.Parts) {
					return
				}
				l := &layouter{m: m, clean: &Cleaner{}}
				results[k].err = l.part(doc.Parts[k])
				results[k].pages, results[k].missing = l.pages, l.clean.Missing()
			}
		})
	}
	wg.Wait()
	var pages []Page
	var missing []string
	for _, r := range results {
		if r.err != nil {
			return nil, nil, r.err
		}
		pages = append(pages, r.pages...)
		for _, m := range r.missing {
			if !slices.Contains(missing, m) {
				missing = append(missing, m)
			}
		}
	}
	return pages, missing, nil
}

// part lays out one part, from a new page.
func (l *layouter) part(part Part) error {
	l.landsc = part.Landscape
	l.geom = Portrait
	if part.Landscape {
		l.geom = Landscape
	}
	l.newPage()
	for i, el := range part.Elements {
		// A run of headings ("1. …" then "a) …") moves to the next page
		// together with two lines of what follows, rather than leave one
		// of them alone at the foot of a page.
		if p, ok := el.(Paragraph); ok && p.KeepWithNext && (i == 0 || !keeps(part.Elements[i-1])) {
			need := 2*lineHeight(14) + 3
			for _, next := range part.Elements[i:] {
				if !keeps(next) {
					break
				}
				q := next.(Paragraph)
				need += float64(len(l.lines(q)))*lineHeight(q.Style.Size) + q.SpaceBefore + q.SpaceAfter
			}
			if l.y > l.geom.Top+0.001 && !l.room(need) {
				l.newPage()
			}
		}
		if err := l.element(el); err != nil {
			return err
		}
	}
	return nil
}

// keeps reports whether an element is a heading kept with what follows.
func keeps(el Element) bool {
	p, ok := el.(Paragraph)
	return ok && p.KeepWithNext
}

// lines are a paragraph's lines as set: balanced when centred, wrapped
// otherwise, each source line apart.
func (l *layouter) lines(p Paragraph) []string {
	text := l.clean.Clean(p.Text)
	w := l.geom.TextWidth() - p.LeftIndent
	var lines []string
	for pi, para := range strings.Split(text, "\n") {
		indent := 0.0
		if pi == 0 {
			indent = p.Indent
		}
		if p.Align == Center && indent == 0 {
			lines = append(lines, l.m.balanced(para, p.Style, w)...) // titles break evenly
		} else {
			lines = append(lines, l.m.wrap(para, p.Style, w, indent)...)
		}
	}
	return lines
}

func (l *layouter) newPage() {
	l.partNo++
	l.pages = append(l.pages, Page{Landscape: l.landsc})
	l.page = &l.pages[len(l.pages)-1]
	l.y = l.geom.Top
	if l.partNo > 1 {
		l.page.Number = l.partNo
		s := fmt.Sprint(l.partNo)
		st := Style{Size: PageNumberSize}
		// Centred in the top margin.
		y := l.geom.Top/2 + baseline(PageNumberSize)/2
		l.add(Block{Kind: TextBlock, X: l.geom.Left, Y: y, W: l.geom.TextWidth(), Text: s, Style: st, Align: Center})
	}
}

func (l *layouter) bottom() float64 { return l.geom.Height - l.geom.Bottom }

func (l *layouter) add(b Block) { l.page.Blocks = append(l.page.Blocks, b) }

// room reports whether h mm fit below the current position.
func (l *layouter) room(h float64) bool { return l.y+h <= l.bottom()+0.001 }

func (l *layouter) element(el Element) error {
	switch e := el.(type) {
	case Paragraph:
		l.paragraph(e)
	case Rule:
		w := e.Width
		if e.OfText > 0 {
			w = e.OfText * l.widest
		}
		l.y += e.Gap
		x := l.geom.Left + (l.geom.TextWidth()-w)/2
		l.add(Block{Kind: LineBlock, X: x, Y: l.y, W: w, Width: 0.3})
	case Spacer:
		if l.room(e.Height) {
			l.y += e.Height
		}
	case Header:
		l.header(e)
	case Signature:
		l.signature(e)
	case Table:
		l.table(e)
	case Chart:
		l.chart(e)
	default:
		return fmt.Errorf("pdfdoc: unknown element %T", el)
	}
	return nil
}

// textLines lays out lines of text at x..x+w from the current position,
// breaking pages between lines. Justified paragraphs justify every line but
// the last of each paragraph and those before a forced break.
func (l *layouter) paragraph(p Paragraph) {
	text := l.clean.Clean(p.Text)
	st := p.Style
	lh := lineHeight(st.Size)
	x := l.geom.Left + p.LeftIndent
	w := l.geom.TextWidth() - p.LeftIndent
	var lines []string
	forced := map[int]bool{} // lines that end a source line: not justified
	for pi, para := range strings.Split(text, "\n") {
		indent := 0.0
		if pi == 0 {
			indent = p.Indent
		}
		if p.Align == Center && indent == 0 {
			lines = append(lines, l.m.balanced(para, st, w)...) // titles break evenly
		} else {
			lines = append(lines, l.m.wrap(para, st, w, indent)...)
		}
		forced[len(lines)-1] = true
	}
	if l.y > l.geom.Top+0.001 {
		l.y += p.SpaceBefore
	}
	// A heading keeps its own lines and two of what follows together: check
	// for its lines plus two body lines.
	need := lh
	if p.KeepWithNext {
		need = float64(len(lines))*lh + p.SpaceAfter + 2*lineHeight(14) + 3
	} else if len(lines) > 1 {
		need = 2 * lh // no single line of a paragraph alone at the bottom
	}
	if !l.room(need) {
		l.newPage()
	}
	for i, line := range lines {
		if !l.room(lh) {
			l.newPage()
		}
		lx, lw := x, w
		if i == 0 {
			lx, lw = x+p.Indent, w-p.Indent
		}
		align := p.Align
		if align == Justify && forced[i] {
			align = Left
		}
		l.add(Block{Kind: TextBlock, X: lx, Y: l.y + baseline(st.Size), W: lw, Text: line, Style: st, Align: align})
		l.y += lh
	}
	l.widest = 0
	for _, line := range lines {
		l.widest = max(l.widest, l.m.width(line, st))
	}
	l.y += p.SpaceAfter
}

// header lays out the page-1 header of Nghị định 30/2020 in two columns in
// the proportions of sample form 1.4 (about 67.5 : 100), within the margins.
func (l *layouter) header(h Header) {
	g := l.geom
	// The national title must stay on one line: the right column is as
	// wide as it needs (the sample's 100 mm do not fit within the margins).
	rightW := max(g.TextWidth()*100/167.5, l.m.width(l.clean.Clean(h.Nation), Style{Size: 13, Bold: true})+1.5)
	leftW := g.TextWidth() - rightW
	lx, rx := g.Left, g.Left+leftW
	top := l.y
	// center draws text centred in a column from y; lineSize sets the line
	// box, so that texts of different sizes can share baselines.
	centerAt := func(x, w, y float64, text string, st Style, lineSize float64) float64 {
		lines := l.m.balanced(l.clean.Clean(text), st, w)
		for _, line := range lines {
			l.add(Block{Kind: TextBlock, X: x, Y: y + baseline(lineSize), W: w, Text: line, Style: st, Align: Center})
			y += lineHeight(lineSize)
		}
		return y
	}
	center := func(x, w, y float64, text string, st Style) float64 { return centerAt(x, w, y, text, st, st.Size) }
	widest := func(text string, st Style, w float64) float64 {
		max := 0.0
		for _, line := range l.m.balanced(l.clean.Clean(text), st, w) {
			if lw := l.m.width(line, st); lw > max {
				max = lw
			}
		}
		return max
	}
	// Left: superior body (13, regular), issuing body (13, bold), a rule of
	// 40% of its width, the number (13).
	y := center(lx, leftW, top, strings.ToUpper(h.Superior), Style{Size: 13})
	body := strings.ToUpper(h.Body)
	y = center(lx, leftW, y, body, Style{Size: 13, Bold: true})
	ruleW := widest(body, Style{Size: 13, Bold: true}, leftW) * 0.4
	y += RuleGap
	l.add(Block{Kind: LineBlock, X: lx + (leftW-ruleW)/2, Y: y, W: ruleW, Width: 0.3})
	numberY := y + 2.5
	// Right: national title (13, bold), motto (14, bold) with a rule as long
	// as its text, then place and date (14, italic) level with the number.
	ry := center(rx, rightW, top, h.Nation, Style{Size: 13, Bold: true})
	ry = center(rx, rightW, ry, h.Motto, Style{Size: 14, Bold: true})
	mw := l.m.width(l.clean.Clean(h.Motto), Style{Size: 14, Bold: true})
	ry += RuleGap
	l.add(Block{Kind: LineBlock, X: rx + (rightW-mw)/2, Y: ry, W: mw, Width: 0.3})
	if ry+2.5 > numberY {
		numberY = ry + 2.5
	}
	// The number stands level with the place and date: one baseline.
	y = centerAt(lx, leftW, numberY, h.Number, Style{Size: 13}, 14)
	ry = centerAt(rx, rightW, numberY, h.PlaceAndDate, Style{Size: 14, Italic: true}, 14)
	l.y = max(y, ry) + 6
}

// signature lays out "Nơi nhận" and the signer side by side, kept on one
// page. Sample form 1.4 gives about 53 : 111 mm; within our margins the
// recipients get 60 mm so that common lines ("- Bộ Khoa học và Công nghệ
// (b/c);") are not broken.
func (l *layouter) signature(s Signature) {
	g := l.geom
	leftW := 60.0
	rightW := g.TextWidth() - leftW
	lx, rx := g.Left, g.Left+leftW
	rec := Style{Size: 11}
	var recLines []string
	for _, r := range s.Recipients {
		recLines = append(recLines, l.m.wrap(l.clean.Clean(r), rec, leftW, 0)...)
	}
	signH := 3*lineHeight(14) + 25 + lineHeight(14)
	recH := lineHeight(12) + float64(len(recLines))*lineHeight(11)
	l.y += 4
	if !l.room(max(signH, recH)) {
		l.newPage()
	}
	top := l.y
	y := top
	l.add(Block{Kind: TextBlock, X: lx, Y: y + baseline(12), W: leftW, Text: l.clean.Clean(s.RecipientsTitle), Style: Style{Size: 12, Bold: true, Italic: true}})
	y += lineHeight(12)
	for _, line := range recLines {
		l.add(Block{Kind: TextBlock, X: lx, Y: y + baseline(11), W: leftW, Text: line, Style: rec})
		y += lineHeight(11)
	}
	ry := top
	bold := Style{Size: 14, Bold: true}
	for _, t := range strings.Split(s.Authority, "\n") {
		if t == "" {
			continue
		}
		l.add(Block{Kind: TextBlock, X: rx, Y: ry + baseline(14), W: rightW, Text: l.clean.Clean(strings.ToUpper(t)), Style: bold, Align: Center})
		ry += lineHeight(14)
	}
	l.add(Block{Kind: TextBlock, X: rx, Y: ry + baseline(14), W: rightW, Text: l.clean.Clean(strings.ToUpper(s.Title)), Style: bold, Align: Center})
	ry += lineHeight(14) + 25 // room for the signature and seal
	l.add(Block{Kind: TextBlock, X: rx, Y: ry + baseline(14), W: rightW, Text: l.clean.Clean(s.Name), Style: bold, Align: Center})
	ry += lineHeight(14)
	l.y = max(y, ry)
}

// Cell padding inside table cells, in mm.
const cellPad = 1.2

func (l *layouter) table(t Table) {
	g := l.geom
	size := t.Size
	if size == 0 {
		size = 11
	}
	lh := lineHeight(size)
	total := 0.0
	for _, c := range t.Columns {
		total += c.Width
	}
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = c.Width / total * g.TextWidth()
	}
	wrapRow := func(cells []string, st Style) [][]string {
		out := make([][]string, len(t.Columns))
		for i := range t.Columns {
			txt := ""
			if i < len(cells) {
				txt = l.clean.Clean(cells[i])
			}
			out[i] = l.m.wrap(txt, st, widths[i]-2*cellPad, 0)
		}
		return out
	}
	rowLines := func(cells [][]string) int {
		n := 1
		for _, c := range cells {
			n = max(n, len(c))
		}
		return n
	}
	head := wrapRow(t.Header, Style{Size: size, Bold: true})
	headH := float64(rowLines(head))*lh + 2*cellPad
	drawRow := func(cells [][]string, from, to int, st Style, aligns []Align) {
		h := float64(to-from)*lh + 2*cellPad
		x := g.Left
		for i, w := range widths {
			l.add(Block{Kind: RectBlock, X: x, Y: l.y, W: w, H: h, Width: 0.2})
			for k := from; k < to && k < len(cells[i]); k++ {
				y := l.y + cellPad + float64(k-from)*lh + baseline(size)
				l.add(Block{Kind: TextBlock, X: x + cellPad, Y: y, W: w - 2*cellPad, Text: cells[i][k], Style: st, Align: aligns[i]})
			}
			x += w
		}
		l.y += h
	}
	centred := make([]Align, len(t.Columns))
	aligns := make([]Align, len(t.Columns))
	for i, c := range t.Columns {
		centred[i] = Center
		aligns[i] = c.Align
	}
	headStyle := Style{Size: size, Bold: true}
	// The header repeats on every page a table runs onto, when it leaves
	// room there for a line of a row; a header taller than that (only text
	// no report has) is set once, split across pages like a row.
	repeat := g.Top+headH+lh+2*cellPad <= l.bottom()
	header := func() {
		if repeat {
			drawRow(head, 0, rowLines(head), headStyle, centred)
		}
	}
	// split sets a row from line from on, across pages as needed.
	split := func(cells [][]string, n int, st Style, aligns []Align) {
		from := 0
		for from < n {
			fit := int((l.bottom() - l.y - 2*cellPad) / lh)
			if fit >= n-from {
				drawRow(cells, from, n, st, aligns)
				return
			}
			if fit < 1 {
				l.newPage()
				header()
				continue
			}
			drawRow(cells, from, from+fit, st, aligns)
			from += fit
			l.newPage()
			header()
		}
	}
	if !l.room(headH + 3*lh + 2*cellPad) {
		l.newPage()
	}
	if repeat {
		header()
	} else {
		split(head, rowLines(head), headStyle, centred)
	}
	wrapped := make([][][]string, len(t.Rows))
	styles := make([]Style, len(t.Rows))
	for ri, row := range t.Rows {
		styles[ri] = Style{Size: size}
		if ri < len(t.Bold) && t.Bold[ri] {
			styles[ri].Bold = true
		}
		wrapped[ri] = wrapRow(row, styles[ri])
	}
	// minLines is how much of a row must fit at the bottom of a page before
	// it is started there rather than on the next page; and a short cell
	// (a status, a date, up to shortCell lines) must fit whole: a status
	// is not read half on one page and half on the next.
	const minLines, shortCell = 3, 6
	for ri, cells := range wrapped {
		n := rowLines(cells)
		first := min(n, minLines)
		for _, c := range cells {
			if len(c) <= shortCell {
				first = max(first, len(c))
			}
		}
		need := float64(first)*lh + 2*cellPad
		if styles[ri].Bold && ri+1 < len(wrapped) { // a group row stays with the row after it
			need = float64(n)*lh + 2*cellPad + float64(min(rowLines(wrapped[ri+1]), minLines))*lh + 2*cellPad
		}
		if !l.room(need) {
			l.newPage()
			header()
		}
		split(cells, n, styles[ri], aligns)
	}
	l.y += 2
}

// chart lays out a horizontal bar chart: a label column, bars scaled to the
// largest value, the value and share after each bar.
func (l *layouter) chart(c Chart) {
	g := l.geom
	st := Style{Size: 12}
	lh := lineHeight(12)
	labelW := g.TextWidth() * 0.42
	noteW := 28.0
	barMax := g.TextWidth() - labelW - noteW - 4
	labels := make([][]string, len(c.Bars))
	height := lineHeight(13) + 3 + 2
	for i, b := range c.Bars {
		labels[i] = l.m.wrap(l.clean.Clean(b.Label), st, labelW, 0)
		height += float64(len(labels[i]))*lh + 2
	}
	if !l.room(height) {
		l.newPage()
	}
	l.add(Block{Kind: TextBlock, X: g.Left, Y: l.y + baseline(13), W: g.TextWidth(), Text: l.clean.Clean(c.Title), Style: Style{Size: 13, Italic: true}, Align: Center})
	l.y += lineHeight(13) + 3
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	axisX := g.Left + labelW + 2
	top := l.y
	for i, b := range c.Bars {
		for k, line := range labels[i] {
			l.add(Block{Kind: TextBlock, X: g.Left, Y: l.y + 1 + float64(k)*lh + baseline(12), W: labelW, Text: line, Style: st, Align: Right})
		}
		w := barMax * float64(b.Value) / float64(maxV)
		if w > 0 {
			l.add(Block{Kind: FillBlock, X: axisX, Y: l.y + 1, W: w, H: lh})
		}
		l.add(Block{Kind: TextBlock, X: axisX + w + 2, Y: l.y + baseline(12) + 1, W: noteW, Text: l.clean.Clean(b.Note), Style: st})
		l.y += float64(len(labels[i]))*lh + 2
	}
	l.add(Block{Kind: LineBlock, X: axisX, Y: top, W: 0, H: l.y - top, Width: 0.3})
	l.y += 2
}
