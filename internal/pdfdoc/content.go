package pdfdoc

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// The pages' content streams, as fpdf v0.9.0 writes them for the calls the
// renderer makes: AddPageFormat, SetFont, Text, SetLineWidth, Line, Rect and
// SetFillColor, in millimetres (k = 72/25.4), with the colours set once at
// the start (draw and text colour black). The state fpdf keeps from one page
// to the next — current font, line width, fill colour and whether text needs
// its colour restored — is followed here, page by page.

// penState is what fpdf's calls depend on.
type penState struct {
	font      Style   // the style last selected (for the next page's preamble)
	selected  Style   // the style the renderer last asked for
	lineWidth float64 // mm
	fill      string  // the fill colour operator
}

// fpdf's colours after setMeta: draw and text colour black in gray, written
// with three decimals; fill colour its own default, the same black.
const (
	drawColour = "0.000 G"
	textColour = "0.000 g"
)

// startState is fpdf's state before the first page: newPDF selects the
// regular face at 12 pt; the line width is fpdf's default 0.567 pt.
func startState() penState {
	return penState{font: Style{Size: 12}, lineWidth: 0.567 / ptPerMM, fill: textColour}
}

// fontRef finds the font names fpdf gave the four styles: newDocument
// selects style i on the first page at registerSize(i).
var fontRef = regexp.MustCompile(`BT /F([0-9a-f]+) ([1-4])\.00 Tf ET`)

func fontIDs(firstPage []byte) ([4]string, error) {
	var ids [4]string
	for _, m := range fontRef.FindAllSubmatch(firstPage, -1) {
		ids[m[2][0]-'1'] = string(m[1])
	}
	for i, id := range ids {
		if id == "" {
			return ids, fmt.Errorf("%w: không thấy tên phông kiểu %q", errLayout, styleCodes[i])
		}
	}
	return ids, nil
}

// writeDocument writes doc, fpdf's uncompressed document of empty pages, to
// w with each page's content stream generated and compressed.
func writeDocument(w io.Writer, doc []byte, pages []Page, m *measurer) error {
	objs, streams, trailer, err := parseObjects(doc)
	if err != nil {
		return err
	}
	if len(streams) != len(pages) {
		return fmt.Errorf("%w: %d trang, %d nội dung", errLayout, len(pages), len(streams))
	}
	ids, err := fontIDs(streams[0].data)
	if err != nil {
		return err
	}
	// Each page starts from the state the pages before it left.
	starts := make([]penState, len(pages))
	st := startState()
	for k, p := range pages {
		starts[k] = st
		for _, b := range p.Blocks {
			st.apply(b)
		}
	}
	deflateAll(streams, func(k int, buf []byte) []byte {
		g := contentWriter{penState: starts[k], ids: &ids, m: m, height: Portrait.Height, buf: buf}
		if pages[k].Landscape {
			g.height = Landscape.Height
		}
		g.page(pages[k])
		return g.buf
	})
	return writeObjects(w, doc, objs, trailer)
}

// apply follows the state a block leaves, without writing it.
func (s *penState) apply(b Block) {
	switch b.Kind {
	case TextBlock:
		if b.Text != "" && b.Style != s.selected {
			s.selected, s.font = b.Style, b.Style
		}
	case LineBlock, RectBlock:
		s.lineWidth = b.Width
	case FillBlock:
		s.fill = fillGray
	}
}

// fillGray is the chart's bars: SetFillColor(150, 150, 150).
var fillGray = strconv.FormatFloat(150.0/255, 'f', 3, 64) + " g"

// contentWriter writes one page's content stream.
type contentWriter struct {
	penState
	ids    *[4]string
	m      *measurer
	height float64 // the page's height, mm (fpdf's h)
	buf    []byte
}

func (g *contentWriter) num(v float64) {
	g.buf = strconv.AppendFloat(g.buf, v, 'f', 2, 64)
}

func (g *contentWriter) str(s string) { g.buf = append(g.buf, s...) }

// selectFont is SetFont: it always writes the selection.
func (g *contentWriter) selectFont(st Style) {
	g.font = st
	g.str("BT /F")
	g.str(g.ids[st.index()])
	g.str(" ")
	g.num(st.Size)
	g.str(" Tf ET\n")
}

// page writes AddPageFormat's preamble (it restores the font twice), then
// the blocks.
func (g *contentWriter) page(p Page) {
	g.str("0 J\n0 j\n")
	g.num(g.lineWidth * ptPerMM)
	g.str(" w\n")
	g.selectFont(g.font)
	g.str(drawColour + "\n")
	if g.fill != "0 g" {
		g.str(g.fill + "\n")
	}
	g.selectFont(g.font)
	for _, b := range p.Blocks {
		switch b.Kind {
		case TextBlock:
			g.text(b)
		case LineBlock:
			g.width(b.Width)
			g.num(b.X * ptPerMM)
			g.str(" ")
			g.num((g.height - b.Y) * ptPerMM)
			g.str(" m ")
			g.num((b.X + b.W) * ptPerMM)
			g.str(" ")
			g.num((g.height - (b.Y + b.H)) * ptPerMM)
			g.str(" l S\n")
		case RectBlock:
			g.width(b.Width)
			g.rect(b, "S")
		case FillBlock:
			g.fill = fillGray
			g.str(g.fill + "\n")
			g.rect(b, "f")
		}
	}
}

// width is SetLineWidth: it always writes the width.
func (g *contentWriter) width(w float64) {
	g.lineWidth = w
	g.num(w * ptPerMM)
	g.str(" w\n")
}

func (g *contentWriter) rect(b Block, op string) {
	g.num(b.X * ptPerMM)
	g.str(" ")
	g.num((g.height - b.Y) * ptPerMM)
	g.str(" ")
	g.num(b.W * ptPerMM)
	g.str(" ")
	g.num(-b.H * ptPerMM)
	g.str(" re " + op + "\n")
}

// text writes a text block as its runs, each one Text call: the text in
// UTF-16 (big-endian, escaped as a PDF string), wrapped in the text colour
// when the fill colour differs from it.
func (g *contentWriter) text(b Block) {
	if b.Text == "" {
		return
	}
	if b.Style != g.selected {
		g.selected = b.Style
		g.selectFont(b.Style)
	}
	wrap := g.fill != textColour
	for _, r := range textRuns(g.m, b) {
		if wrap {
			g.str("q " + textColour + " ")
		}
		g.str("BT ")
		g.num(r.x * ptPerMM)
		g.str(" ")
		g.num((g.height - b.Y) * ptPerMM)
		g.str(" Td (")
		for _, c := range r.text {
			if c > 0xFFFF { // never met: Cleaner keeps only what the font draws
				r1, r2 := utf16.EncodeRune(c)
				g.escaped(byte(r1 >> 8))
				g.escaped(byte(r1))
				c = r2
			}
			g.escaped(byte(c >> 8))
			g.escaped(byte(c))
		}
		g.str(") Tj ET")
		if wrap {
			g.str(" Q")
		}
		g.str("\n")
	}
}

func (g *contentWriter) escaped(c byte) {
	switch c {
	case '\\', '(', ')':
		g.buf = append(g.buf, '\\', c)
	case '\r':
		g.buf = append(g.buf, '\\', 'r')
	default:
		g.buf = append(g.buf, c)
	}
}
