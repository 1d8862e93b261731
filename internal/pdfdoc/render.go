package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Render draws laid-out pages and writes the PDF to w. The same pages and
// metadata give the same bytes: dates come from Meta.Date and the catalog is
// sorted.
func Render(w io.Writer, meta Meta, pages []Page) error {
	pdf, err := draw(meta, pages)
	if err != nil {
		return err
	}
	// Streams are compressed afterwards (see compressStreams).
	pdf.SetCompression(false)
	var raw capture
	if err := pdf.Output(&raw); err != nil {
		return fmt.Errorf("lỗi khi vẽ PDF: %w", err)
	}
	if err := compressStreams(w, raw.data); err != nil {
		return fmt.Errorf("lỗi khi ghi PDF: %w", err)
	}
	return nil
}

// draw makes the document, not yet written.
func draw(meta Meta, pages []Page) (*fpdf.Fpdf, error) {
	pdf, err := newPDF()
	if err != nil {
		return nil, err
	}
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
	m, err := newMeasurer()
	if err != nil {
		return nil, err
	}
	var font Style // the font set in pdf
	for _, p := range pages {
		orientation := "P"
		if p.Landscape {
			orientation = "L"
		}
		pdf.AddPageFormat(orientation, fpdf.SizeType{Wd: Portrait.Width, Ht: Portrait.Height})
		for _, b := range p.Blocks {
			switch b.Kind {
			case TextBlock:
				drawText(pdf, m, &font, b)
			case LineBlock:
				pdf.SetLineWidth(b.Width)
				pdf.Line(b.X, b.Y, b.X+b.W, b.Y+b.H)
			case RectBlock:
				pdf.SetLineWidth(b.Width)
				pdf.Rect(b.X, b.Y, b.W, b.H, "D")
			case FillBlock:
				pdf.SetFillColor(150, 150, 150)
				pdf.Rect(b.X, b.Y, b.W, b.H, "F")
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("lỗi khi vẽ PDF: %w", err)
	}
	return pdf, nil
}

func drawText(pdf *fpdf.Fpdf, m *measurer, font *Style, b Block) {
	if b.Text == "" {
		return
	}
	if *font != b.Style {
		pdf.SetFont(family, b.Style.code(), b.Style.Size)
		*font = b.Style
	}
	width := m.width(b.Text, b.Style)
	switch b.Align {
	case Center:
		pdf.Text(b.X+(b.W-width)/2, b.Y, b.Text)
	case Right:
		pdf.Text(b.X+b.W-width, b.Y, b.Text)
	case Justify:
		words := strings.Fields(b.Text)
		if len(words) < 2 {
			pdf.Text(b.X, b.Y, b.Text)
			return
		}
		total := 0.0
		for _, w := range words {
			total += m.width(w, b.Style)
		}
		gap := (b.W - total) / float64(len(words)-1)
		if gap > 4*m.width(" ", b.Style) { // a line too loose to spread: set it ragged
			pdf.Text(b.X, b.Y, b.Text)
			return
		}
		x := b.X
		for _, w := range words {
			pdf.Text(x, b.Y, w)
			x += m.width(w, b.Style) + gap
		}
	default:
		pdf.Text(b.X, b.Y, b.Text)
	}
}

// capture keeps what fpdf's Output writes. Output hands over its whole
// buffer in one Write, and the document is not touched again, so the first
// write is kept as it is rather than copied (a 30 MB copy on a 3,000-page
// report); any later write makes it a copy of its own.
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
