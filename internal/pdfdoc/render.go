package pdfdoc

import (
	"bytes"
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"
)

// Render draws laid-out pages and writes the PDF to w. The same pages and
// metadata give the same bytes: dates come from Meta.Date and the catalog is
// sorted.
//
// fpdf makes the document — page tree, fonts (subset, with their widths and
// ToUnicode maps), metadata, cross-references — but not the pages' content:
// drawing 3,000 pages through fpdf's calls took most of a report's time and
// kept every page in memory twice. Render gives fpdf empty pages and the
// characters each font must carry, and writes each page's content stream
// itself (see content.go): the operators fpdf's own calls would write,
// byte for byte (a test draws the same pages through fpdf and compares),
// generated and compressed on every core.
func Render(w io.Writer, meta Meta, pages []Page) error {
	if len(pages) == 0 { // fpdf would add a blank page; say so
		pages = []Page{{}}
	}
	m, err := newMeasurer()
	if err != nil {
		return err
	}
	pdf, err := newDocument(meta, pages, m)
	if err != nil {
		return err
	}
	pdf.SetCompression(false)
	var raw capture
	if err := pdf.Output(&raw); err != nil {
		return fmt.Errorf("lỗi khi vẽ PDF: %w", err)
	}
	if err := writeDocument(w, raw.data, pages, m); err != nil {
		return fmt.Errorf("lỗi khi ghi PDF: %w", err)
	}
	return nil
}

// newDocument makes the fpdf document: metadata, one empty page per page,
// and on the first page, written over later, each style's characters (fpdf
// embeds in a font only the characters drawn with it) after a font
// selection whose size names the style (registerSize).
func newDocument(meta Meta, pages []Page, m *measurer) (*fpdf.Fpdf, error) {
	pdf, err := newPDF()
	if err != nil {
		return nil, err
	}
	setMeta(pdf, meta)
	var used [4][]bool // by style, by rune (Cleaner keeps only runes up to U+FFFF)
	for i := range used {
		used[i] = make([]bool, 0x10000)
	}
	for _, p := range pages {
		for _, b := range p.Blocks {
			if b.Kind != TextBlock {
				continue
			}
			u := used[b.Style.index()]
			for _, run := range textRuns(m, b) {
				for _, r := range run.text {
					if r < 0x10000 {
						u[r] = true
					}
				}
			}
		}
	}
	for k, p := range pages {
		pdf.AddPageFormat(orientation(p), fpdf.SizeType{Wd: Portrait.Width, Ht: Portrait.Height})
		if k > 0 {
			continue
		}
		for i, code := range styleCodes {
			pdf.SetFont(family, code, registerSize(i))
			var runes []rune
			for r, ok := range used[i] {
				if ok {
					runes = append(runes, rune(r))
				}
			}
			if len(runes) > 0 {
				pdf.Text(0, 0, string(runes))
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("lỗi khi vẽ PDF: %w", err)
	}
	return pdf, nil
}

// registerSize is the font size of style i's selection on the first page:
// how writeDocument tells which font name fpdf gave each style.
func registerSize(i int) float64 { return float64(i + 1) }

func setMeta(pdf *fpdf.Fpdf, meta Meta) {
	pdf.SetTitle(meta.Title, true)
	pdf.SetSubject(meta.Subject, true)
	pdf.SetAuthor(meta.Author, true)
	pdf.SetKeywords(meta.Keywords, true)
	pdf.SetCreator(meta.Creator, true)
	pdf.SetProducer("baocao (go-pdf/fpdf)", true)
	if meta.Lang != "" {
		pdf.SetLang(meta.Lang)
	}
	pdf.SetCreationDate(meta.Date)
	pdf.SetModificationDate(meta.Date)
	pdf.SetCatalogSort(true)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
}

func orientation(p Page) string {
	if p.Landscape {
		return "L"
	}
	return "P"
}

// run is a piece of text drawn at one place.
type run struct {
	x    float64
	text string
}

// textRuns is how a text block is drawn: at once, or, justified, word by
// word with the space spread between them (a line too loose to spread is
// set ragged).
func textRuns(m *measurer, b Block) []run {
	if b.Text == "" {
		return nil
	}
	switch b.Align {
	case Center:
		return []run{{b.X + (b.W-m.width(b.Text, b.Style))/2, b.Text}}
	case Right:
		return []run{{b.X + b.W - m.width(b.Text, b.Style), b.Text}}
	case Justify:
		words := words(b.Text)
		if len(words) < 2 {
			return []run{{b.X, b.Text}}
		}
		total := 0.0
		for _, w := range words {
			total += m.width(w, b.Style)
		}
		gap := (b.W - total) / float64(len(words)-1)
		if gap > 4*m.width(" ", b.Style) {
			return []run{{b.X, b.Text}}
		}
		runs := make([]run, len(words))
		x := b.X
		for i, w := range words {
			runs[i] = run{x, w}
			x += m.width(w, b.Style) + gap
		}
		return runs
	}
	return []run{{b.X, b.Text}}
}

// capture keeps what fpdf's Output writes. Output hands over its whole
// buffer in one Write, and the document is not touched again, so the first
// write is kept as it is rather than copied; any later write makes it a
// copy of its own.
type capture struct {
	data  []byte
	owned bool
}

func (c *capture) Write(p []byte) (int, error) {
	switch {
	case c.data == nil:
		c.data = p
	case !c.owned:
		c.data = append(bytes.Clone(c.data), p...)
		c.owned = true
	default:
		c.data = append(c.data, p...)
	}
	return len(p), nil
}
