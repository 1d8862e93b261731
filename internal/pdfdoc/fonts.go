// Package pdfdoc lays out and draws the report PDF. It is the only package
// that uses fpdf, so that the library can be patched or replaced in one
// place.
//
// It takes a Doc — parts (the body in portrait, each appendix in
// landscape), each a list of elements (paragraphs, the page-1 header of
// Nghị định 30/2020, tables, a bar chart, the signature block) — and lays it
// out into pages of positioned blocks (Layout), measuring text with width
// tables that equal fpdf's measure; Render makes the document with fpdf
// and writes the pages' content streams itself, as fpdf's calls would
// (see content.go). Lengths are in millimetres, font sizes in points,
// pages and page numbers count from 1.
package pdfdoc

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"

	"baocao/fonts"
)

// family is the font family name inside the PDF.
const family = "LiberationSerif"

// Replacement stands for a character the font cannot draw.
const Replacement = "?"

var (
	coverOnce sync.Once
	covered   map[rune]bool
)

// coverage reads which characters Liberation Serif draws (all four styles
// share one repertoire).
func coverage() map[rune]bool {
	coverOnce.Do(func() {
		covered = map[rune]bool{}
		f, err := sfnt.Parse(fonts.Regular)
		if err != nil {
			return
		}
		var buf sfnt.Buffer
		for r := rune(0x20); r <= 0xFFFF; r++ {
			if gi, err := f.GlyphIndex(&buf, r); err == nil && gi != 0 {
				covered[r] = true
			}
		}
	})
	return covered
}

// Printable reports whether the report's font draws r: a character it
// lacks is printed as Replacement.
func Printable(r rune) bool { return coverage()[r] }

// Cleaner makes text safe to measure and draw: NFC, no control characters,
// spaces of every kind as plain spaces, and characters the font lacks
// replaced by Replacement. It remembers what it replaced, for warnings.
type Cleaner struct {
	missing map[rune]bool
	order   []rune
}

// Clean returns s ready for the renderer.
func (c *Cleaner) Clean(s string) string {
	cov := coverage()
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n', r == '\u00a0':
			// A no-break space is kept: runs of them are the gaps left in
			// a document to write a number or a date by hand.
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r), r >= '\u200B' && r <= '\u200F', r >= '\u202A' && r <= '\u202E', r == '\uFEFF', r == '\u00AD':
		case cov[r]:
			b.WriteRune(r)
		default:
			if c.missing == nil {
				c.missing = map[rune]bool{}
			}
			if !c.missing[r] {
				c.missing[r] = true
				c.order = append(c.order, r)
			}
			b.WriteString(Replacement)
		}
	}
	return b.String()
}

// Missing lists, in the order met, the characters replaced.
func (c *Cleaner) Missing() []string {
	var out []string
	for _, r := range c.order {
		out = append(out, fmt.Sprintf("U+%04X “%c”", r, r))
	}
	return out
}

// Style is a font style and size.
type Style struct {
	Bold, Italic bool
	Size         float64 // points
}

func (s Style) code() string { return styleCodes[s.index()] }

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// newPDF returns an fpdf document in millimetres with the fonts loaded.
func newPDF() (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	for _, f := range []struct {
		style string
		data  []byte
	}{{"", fonts.Regular}, {"B", fonts.Bold}, {"I", fonts.Italic}, {"BI", fonts.BoldItalic}} {
		pdf.AddUTF8FontFromBytes(family, f.style, f.data)
	}
	pdf.SetFont(family, "", 12)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("không nạp được phông chữ Liberation Serif: %w", err)
	}
	return pdf, nil
}

// styleCodes are the four styles, in the order of widthTable's tables.
var styleCodes = [4]string{"", "B", "I", "BI"}

func (s Style) index() int {
	i := 0
	if s.Bold {
		i++
	}
	if s.Italic {
		i += 2
	}
	return i
}

// widthTable holds each style's advance widths, in thousandths of the font
// size, exactly as fpdf computes them when it loads a font (rounded from
// the font's units; the glyph 0's width for characters the font lacks). Reading them with sfnt rather than from an fpdf document
// saves loading the four fonts into one (20 ms, mostly fpdf hashing each
// font's tables), and needs no lock; a test holds them equal to fpdf's for
// every character the font draws (Cleaner replaces the others).
type widthTable struct {
	cw    [4][]int32 // by rune, up to U+FFFF; 0 for none
	other [4]int     // any other rune
}

var (
	widthsOnce sync.Once
	widths     *widthTable
	widthsErr  error
)

// fontWidths reads, once, the width of every character the fonts draw.
func fontWidths() (*widthTable, error) {
	widthsOnce.Do(func() {
		t := &widthTable{}
		for i, data := range [4][]byte{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic} {
			f, err := sfnt.Parse(data)
			if err != nil {
				widthsErr = fmt.Errorf("không nạp được phông chữ Liberation Serif: %w", err)
				return
			}
			var buf sfnt.Buffer
			upem := f.UnitsPerEm()
			scale := 1000 / float64(upem)
			advance := func(gi sfnt.GlyphIndex) (int, bool) {
				// At a size of one em per unit, the advance is in font units.
				a, err := f.GlyphAdvance(&buf, gi, fixed.Int26_6(upem)<<6, font.HintingNone)
				return int(a >> 6), err == nil
			}
			t.other[i] = 500
			if a, ok := advance(0); ok && a > 0 {
				t.other[i] = int(math.Floor(scale*float64(a) + 0.5))
			}
			cw := make([]int32, 0x10000)
			for r := range cw {
				cw[r] = int32(t.other[i])
			}
			// Only the characters Cleaner lets through are measured.
			for r := range coverage() {
				gi, err := f.GlyphIndex(&buf, r)
				if err != nil || gi == 0 {
					continue
				}
				a, ok := advance(gi)
				if !ok {
					continue
				}
				w := int(math.Round(scale * float64(a)))
				if w == 65535 { // fpdf's mark for "no width": it adds nothing
					w = 0
				}
				cw[r] = int32(w)
			}
			t.cw[i] = cw
		}
		widths = t
	})
	return widths, widthsErr
}

// measurer measures text in a style, as fpdf does.
type measurer struct {
	t *widthTable
}

func newMeasurer() (*measurer, error) {
	t, err := fontWidths()
	if err != nil {
		return nil, err
	}
	return &measurer{t: t}, nil
}

// ptPerMM is fpdf's scale factor for millimetres (its k), written as fpdf
// writes it so that widths round the same.
const ptPerMM = 72.0 / 25.4

// width is the width of s in mm: fpdf's GetStringWidth, to the bit.
func (m *measurer) width(s string, st Style) float64 {
	i := st.index()
	cw := m.t.cw[i]
	w := 0
	for _, r := range s {
		if r >= 0 && int(r) < len(cw) {
			w += int(cw[r])
		} else {
			w += m.t.other[i]
		}
	}
	return float64(w) * (st.Size / ptPerMM) / 1000
}

// wrap breaks text into lines no wider than width (mm); the first line is
// firstIndent narrower. "\n" forces a break. A word wider than a line is cut
// between characters.
func (m *measurer) wrap(text string, st Style, width, firstIndent float64) []string {
	var lines []string
	for pi, para := range strings.Split(text, "\n") {
		avail := width
		if pi == 0 {
			avail -= firstIndent
		}
		cur := ""
		space := m.width(" ", st)
		curW := 0.0
		for _, word := range words(para) {
			ww := m.width(word, st)
			if cur != "" && curW+space+ww <= avail {
				cur += " " + word
				curW += space + ww
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
				avail = width
			}
			for ww > avail { // cut a word longer than the line
				cut := m.fit(word, st, avail)
				lines = append(lines, word[:cut])
				word = word[cut:]
				ww = m.width(word, st)
				avail = width
			}
			cur, curW = word, ww
		}
		lines = append(lines, cur)
	}
	return lines
}

// balanced breaks text into as few lines as wrap does, but evens their
// lengths ("SỞ KHOA HỌC / VÀ CÔNG NGHỆ", not "SỞ KHOA HỌC VÀ CÔNG / NGHỆ"):
// it looks for the narrowest width that needs no more lines.
func (m *measurer) balanced(text string, st Style, width float64) []string {
	lines := m.wrap(text, st, width, 0)
	if len(lines) < 2 || strings.Contains(text, "\n") {
		return lines
	}
	lo, hi := width/float64(len(lines)), width
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(m.wrap(text, st, mid, 0)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return m.wrap(text, st, hi, 0)
}

// fit returns the byte length of the longest prefix of word (at least one
// character) no wider than avail.
func (m *measurer) fit(word string, st Style, avail float64) int {
	end := 0
	for i, r := range word {
		next := i + len(string(r))
		if end > 0 && m.width(word[:next], st) > avail {
			break
		}
		end = next
	}
	return end
}

// words splits a line at its spaces, and only there: a no-break space is
// part of a word.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' })
}

// Width is the width of s in mm set in Liberation Serif in style st: what
// the Word file uses to size its rules, Times New Roman having the same
// metrics. It is 0 when the font cannot be read (never, with the embedded
// font).
func Width(s string, st Style) float64 {
	m, err := newMeasurer()
	if err != nil {
		return 0
	}
	return m.width(s, st)
}

// Balanced is how the PDF breaks a centred title into lines of even
// length within width mm: the Word file breaks its titles at the same
// places.
func Balanced(s string, st Style, width float64) []string {
	m, err := newMeasurer()
	if err != nil {
		return []string{s}
	}
	return m.balanced(s, st, width)
}
