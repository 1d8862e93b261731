// Package pdfdoc lays out and draws the report PDF. It is the only package
// that uses fpdf, so that the library can be patched or replaced in one
// place.
//
// It takes a Doc — parts (the body in portrait, each appendix in
// landscape), each a list of elements (paragraphs, the page-1 header of
// Nghị định 30/2020, tables, a bar chart, the signature block) — and lays it
// out into pages of positioned blocks (Layout), using fpdf only to measure
// text. Render draws the blocks. Lengths are in millimetres, font sizes in
// points, pages and page numbers count from 1.
package pdfdoc

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
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
		case r == '\n':
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

func (s Style) code() string {
	switch {
	case s.Bold && s.Italic:
		return "BI"
	case s.Bold:
		return "B"
	case s.Italic:
		return "I"
	}
	return ""
}

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

// measurer measures text with fpdf.
type measurer struct {
	pdf   *fpdf.Fpdf
	style Style
	cache map[measureKey]float64
}

type measureKey struct {
	s     string
	style Style
}

func newMeasurer() (*measurer, error) {
	pdf, err := newPDF()
	if err != nil {
		return nil, err
	}
	return &measurer{pdf: pdf, cache: map[measureKey]float64{}}, nil
}

// width is the width of s in mm.
func (m *measurer) width(s string, st Style) float64 {
	k := measureKey{s, st}
	if w, ok := m.cache[k]; ok {
		return w
	}
	if m.style != st {
		m.pdf.SetFont(family, st.code(), st.Size)
		m.style = st
	}
	w := m.pdf.GetStringWidth(s)
	if len(m.cache) < 1<<16 {
		m.cache[k] = w
	}
	return w
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
		for _, word := range strings.Fields(para) {
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
