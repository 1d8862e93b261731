package pdfdoc

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// fpdfDraw is the reference for Render: the same pages drawn through fpdf's
// own calls, as Render drew them before it wrote content streams itself.
func fpdfDraw(t *testing.T, meta Meta, pages []Page) *fpdf.Fpdf {
	t.Helper()
	pdf, err := newPDF()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	setMeta(pdf, meta)
	var font Style
	for _, p := range pages {
		pdf.AddPageFormat(orientation(p), fpdf.SizeType{Wd: Portrait.Width, Ht: Portrait.Height})
		for _, b := range p.Blocks {
			switch b.Kind {
			case TextBlock:
				if b.Text == "" {
					continue
				}
				if font != b.Style {
					pdf.SetFont(family, b.Style.code(), b.Style.Size)
					font = b.Style
				}
				for _, r := range textRuns(m, b) {
					pdf.Text(r.x, b.Y, r.text)
				}
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
		t.Fatal(err)
	}
	return pdf
}

// Render writes exactly what fpdf writes when it draws the pages itself,
// with its compression on: same objects, same streams, same offsets.
func TestRenderMatchesFpdf(t *testing.T) {
	doc := sampleDoc(strings.Repeat("Đoạn văn bản thân bài căn đều hai bên, có chữ “ngoặc” (và) \\ dấu. ", 300))
	pages, _ := layoutDoc(t, doc)
	if len(pages) < 4 {
		t.Fatalf("want a document of several pages, got %d", len(pages))
	}
	var ours bytes.Buffer
	if err := Render(&ours, doc.Meta, pages); err != nil {
		t.Fatal(err)
	}
	pdf := fpdfDraw(t, doc.Meta, pages)
	var theirs bytes.Buffer
	if err := pdf.Output(&theirs); err != nil { // fpdf compresses by default
		t.Fatal(err)
	}
	if !bytes.Equal(ours.Bytes(), theirs.Bytes()) {
		t.Fatalf("Render wrote %d bytes, fpdf with compression %d; they differ", ours.Len(), theirs.Len())
	}
	if n := bytes.Count(ours.Bytes(), []byte("/Filter /FlateDecode")); n < len(pages) {
		t.Errorf("%d compressed streams for %d pages", n, len(pages))
	}
}

// A document not in the shape fpdf writes is refused, never written
// half-changed.
func TestWriteDocumentRefusesOtherShapes(t *testing.T) {
	pages, _ := layoutDoc(t, sampleDoc("Một đoạn."))
	m, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := newDocument(Meta{}, pages, m)
	if err != nil {
		t.Fatal(err)
	}
	pdf.SetCompression(false)
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	good := raw.Bytes()
	xref := bytes.LastIndex(good, []byte("\nxref\n")) + 1
	// The first page's content stream, its length one more than it is
	// (same number of digits, so no offset moves).
	page := bytes.Index(good, []byte("<</Type /Page\n"))
	dict := bytes.Index(good[page:], []byte("\n<</Length ")) + page + len("\n<</Length ")
	end := bytes.Index(good[dict:], []byte(">>")) + dict
	n, _ := strconv.Atoi(string(good[dict:end]))
	longer := strconv.Itoa(n + 1)
	if len(longer) != end-dict {
		t.Fatalf("pick a page whose content length %d does not gain a digit", n)
	}
	for name, doc := range map[string][]byte{
		"empty":          nil,
		"truncated":      good[:len(good)/2],
		"no startxref":   bytes.Replace(good, []byte("startxref"), []byte("startxyz "), 1),
		"xref elsewhere": bytes.Replace(good, []byte("startxref\n"+strconv.Itoa(xref)), []byte("startxref\n"+strconv.Itoa(xref-1)), 1),
		"entry changed":  bytes.Replace(good, []byte(" 00000 n \n"), []byte(" 00001 n \n"), 1),
		"length lies":    append(append(bytes.Clone(good[:dict]), longer...), good[end:]...),
		"no font names":  bytes.Replace(good, []byte(" 2.00 Tf ET"), []byte(" 2.50 Tf ET"), 1),
	} {
		var out bytes.Buffer
		err := writeDocument(&out, doc, pages, m)
		if name == "length lies" && (err == nil || !strings.Contains(err.Error(), "nội dung trang")) {
			t.Errorf("length lies: got %v, want the page content refused", err)
		}
		if !errors.Is(err, errLayout) {
			t.Errorf("%s: got %v, want errLayout", name, err)
		}
		if out.Len() != 0 {
			t.Errorf("%s: %d bytes written before the error", name, out.Len())
		}
	}
	var out bytes.Buffer
	if err := writeDocument(&out, good, pages, m); err != nil {
		t.Fatalf("the untouched document: %v", err)
	}
	if err := writeDocument(&out, good, pages[1:], m); !errors.Is(err, errLayout) {
		t.Errorf("fewer pages than the document has: got %v", err)
	}
}

// No pages make one blank page, as fpdf makes (Render would otherwise
// find one page more in fpdf's document than it was given).
func TestRenderNoPages(t *testing.T) {
	var out bytes.Buffer
	if err := Render(&out, Meta{}, nil); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out.Bytes(), []byte("/Type /Page\n")); n != 1 || !bytes.HasSuffix(out.Bytes(), []byte("%%EOF\n")) {
		t.Errorf("%d pages", n)
	}
}
