// Package docx writes a report (package document) as a Word document in
// the layout of Nghị định 30/2020, for offices that draft and review in
// Word, LibreOffice Writer or WPS before they sign the PDF.
//
// No well-kept pure-Go .docx writer served here does what this needs
// (headers with fields, landscape sections, repeated table header rows), so
// the package writes WordprocessingML (ECMA-376, transitional) with the
// standard library. It renders the document model only: the report is
// composed once, in package report.
package docx

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"baocao/internal/document"
	"baocao/internal/pdfdoc"
)

// The pages: A4 with the PDF's margins (package pdfdoc's geometry).
var (
	portrait  = pdfdoc.Portrait
	landscape = pdfdoc.Landscape
)

// headerDistance is where the page number's line starts, mm from the top
// edge: the number is centred in the top margin as in the PDF (its
// baseline at half the margin plus half the figure's height; Times New
// Roman's ascent is 0.891 em).
func headerDistance(g pdfdoc.Geometry) float64 {
	const pt = 25.4 / 72
	return g.Top/2 + pageNumSize*pt*0.95/2 - pageNumSize*pt*0.891
}

// Write writes d as a .docx package to w. The same document gives the same
// bytes: the package's dates are the report's date and its parts are
// written in a fixed order.
func Write(w io.Writer, d *document.Document) error {
	date := d.Meta.Date.UTC()
	if date.IsZero() || date.Year() < 1980 {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes()},
		{"_rels/.rels", packageRels()},
		{"docProps/core.xml", coreProps(d.Meta, date)},
		{"docProps/app.xml", appProps()},
		{"word/document.xml", body(d)},
		{"word/_rels/document.xml.rels", documentRels()},
		{"word/styles.xml", styles()},
		{"word/settings.xml", settings()},
		{"word/fontTable.xml", fontTable()},
		{"word/header1.xml", pageNumberHeader()},
		{"word/header2.xml", emptyHeader()},
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: date})
		if err != nil {
			return fmt.Errorf("lỗi khi ghi tệp Word: %w", err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("lỗi khi ghi tệp Word: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("lỗi khi ghi tệp Word: %w", err)
	}
	return nil
}

func contentTypes() string {
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	var b buf
	b.s(xmlDecl, `<Types xmlns="`, nsTypes, `">`,
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
		`<Default Extension="xml" ContentType="application/xml"/>`,
		`<Override PartName="/word/document.xml" ContentType="`, wml, `document.main+xml"/>`,
		`<Override PartName="/word/styles.xml" ContentType="`, wml, `styles+xml"/>`,
		`<Override PartName="/word/settings.xml" ContentType="`, wml, `settings+xml"/>`,
		`<Override PartName="/word/fontTable.xml" ContentType="`, wml, `fontTable+xml"/>`,
		`<Override PartName="/word/header1.xml" ContentType="`, wml, `header+xml"/>`,
		`<Override PartName="/word/header2.xml" ContentType="`, wml, `header+xml"/>`,
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`,
		`</Types>`)
	return b.String()
}

func packageRels() string {
	var b buf
	b.s(xmlDecl, `<Relationships xmlns="`, nsRels, `">`,
		`<Relationship Id="rId1" Type="`, relDoc, `" Target="word/document.xml"/>`,
		`<Relationship Id="rId2" Type="`, relCore, `" Target="docProps/core.xml"/>`,
		`<Relationship Id="rId3" Type="`, relApp, `" Target="docProps/app.xml"/>`,
		`</Relationships>`)
	return b.String()
}

// The document part's relationships; rIdPage and rIdFirst are the headers.
const (
	rIdPage  = "rId4"
	rIdFirst = "rId5"
)

func documentRels() string {
	var b buf
	b.s(xmlDecl, `<Relationships xmlns="`, nsRels, `">`,
		`<Relationship Id="rId1" Type="`, relStyles, `" Target="styles.xml"/>`,
		`<Relationship Id="rId2" Type="`, relSet, `" Target="settings.xml"/>`,
		`<Relationship Id="rId3" Type="`, relFonts, `" Target="fontTable.xml"/>`,
		`<Relationship Id="`, rIdPage, `" Type="`, relHeader, `" Target="header1.xml"/>`,
		`<Relationship Id="`, rIdFirst, `" Type="`, relHeader, `" Target="header2.xml"/>`,
		`</Relationships>`)
	return b.String()
}

func coreProps(m document.Meta, date time.Time) string {
	when := date.Format("2006-01-02T15:04:05Z")
	var b buf
	b.s(xmlDecl, `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"`,
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
		`<dc:title>`, esc(m.Title), `</dc:title><dc:subject>`, esc(m.Subject), `</dc:subject>`,
		`<dc:creator>`, esc(m.Author), `</dc:creator><cp:keywords>`, esc(m.Keywords), `</cp:keywords>`,
		`<dc:language>vi-VN</dc:language>`,
		`<dcterms:created xsi:type="dcterms:W3CDTF">`, when, `</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">`, when, `</dcterms:modified>`,
		`</cp:coreProperties>`)
	return b.String()
}

func appProps() string {
	return xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>baocao</Application></Properties>`
}

func settings() string {
	return xmlDecl + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="720"/>` +
		`<w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`</w:settings>`
}

func fontTable() string {
	return xmlDecl + `<w:fonts xmlns:w="` + nsW + `"><w:font w:name="` + Font + `"><w:panose1 w:val="02020603050405020304"/>` +
		`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
}

// pageNumberHeader is the header of the pages after the first: the page
// number, a PAGE field, centred.
func pageNumberHeader() string {
	return xmlDecl + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="` + styleHeader + `"/></w:pPr>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`
}

// emptyHeader is the first page's: no number (Nghị định 30 numbers pages
// from the second).
func emptyHeader() string {
	return xmlDecl + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="` + styleHeader + `"/></w:pPr></w:p></w:hdr>`
}

// sectPr closes a section: its headers (none on its first page), page size
// and margins, and, for an appendix, numbering from 1.
func sectPr(g pdfdoc.Geometry, restart bool) string {
	var b buf
	b.s(`<w:sectPr><w:headerReference w:type="default" r:id="`, rIdPage, `"/><w:headerReference w:type="first" r:id="`, rIdFirst, `"/>`,
		`<w:type w:val="nextPage"/><w:pgSz w:w="`, itoa(twips(g.Width)), `" w:h="`, itoa(twips(g.Height)), `"`)
	if g.Width > g.Height {
		b.s(` w:orient="landscape"`)
	}
	b.s(`/><w:pgMar w:top="`, itoa(twips(g.Top)), `" w:right="`, itoa(twips(g.Right)), `" w:bottom="`, itoa(twips(g.Bottom)),
		`" w:left="`, itoa(twips(g.Left)), `" w:header="`, itoa(twips(headerDistance(g))), `" w:footer="`, itoa(twips(g.Bottom/2)), `" w:gutter="0"/>`)
	if restart {
		b.s(`<w:pgNumType w:start="1"/>`)
	}
	b.s(`<w:titlePg/></w:sectPr>`)
	return b.String()
}

// lines is a title broken as the PDF breaks it.
type lines struct {
	text   string  // the lines joined by line breaks
	widest float64 // mm
}

// balanced breaks a centred title into lines of even length, at the places
// the PDF breaks it (Times New Roman and Liberation Serif have the same
// widths), so that Word does not leave one word on a line of its own. The
// width is a little narrower than the space: Word must not break again.
func balanced(s string, st pdfdoc.Style, width float64) lines {
	ls := pdfdoc.Balanced(s, st, width-1)
	var l lines
	for _, line := range ls {
		l.widest = max(l.widest, pdfdoc.Width(line, st))
	}
	l.text = strings.Join(ls, "\n")
	return l
}

// writer builds the document part's body.
type writer struct{ buf }

// para writes a paragraph: its style, the direct paragraph properties
// that follow the style in schema order (pPr), and its runs.
func (x *writer) para(style, pPr string, runs ...string) {
	x.s(`<w:p><w:pPr><w:pStyle w:val="`, style, `"/>`, pPr, `</w:pPr>`)
	for _, r := range runs {
		x.s(r)
	}
	x.s(`</w:p>`)
}

// run is text in a run; rPr are the run's properties in schema order. A
// line break in the text is a w:br.
func run(text, rPr string) string {
	if text == "" {
		return ""
	}
	var b buf
	b.s(`<w:r>`)
	if rPr != "" {
		b.s(`<w:rPr>`, rPr, `</w:rPr>`)
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.s(`<w:br/>`)
		}
		b.s(`<w:t xml:space="preserve">`, esc(line), `</w:t>`)
	}
	b.s(`</w:r>`)
	return b.String()
}

const (
	bold       = `<w:b/><w:bCs/>`
	italic     = `<w:i/><w:iCs/>`
	boldItalic = `<w:b/><w:bCs/><w:i/><w:iCs/>`
)

func size(pt float64) string {
	return `<w:sz w:val="` + halfPoints(pt) + `"/><w:szCs w:val="` + halfPoints(pt) + `"/>`
}

// rule is an empty paragraph whose bottom border is a rule of width mm,
// centred in a space of avail mm.
func (x *writer) rule(width, avail float64) {
	side := itoa(twips(max(0, (avail-width)/2)))
	x.para(styleRule, `<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`+
		`<w:ind w:left="`+side+`" w:right="`+side+`" w:firstLine="0"/>`)
}

// table starts a table of fixed column widths (mm) and the given borders.
func (x *writer) table(widths []float64, style string, cellMargin float64) {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	x.s(`<w:tbl><w:tblPr>`)
	if style != "" {
		x.s(`<w:tblStyle w:val="`, style, `"/>`)
	}
	x.s(`<w:tblW w:w="`, itoa(twips(total)), `" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>`)
	if style == "" {
		x.s(`<w:tblBorders>`, borders("nil", 0), `</w:tblBorders>`)
	}
	m, v := itoa(twips(cellMargin)), itoa(twips(cellMargin/2))
	x.s(`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="`, v, `" w:type="dxa"/><w:left w:w="`, m, `" w:type="dxa"/>`,
		`<w:bottom w:w="`, v, `" w:type="dxa"/><w:right w:w="`, m, `" w:type="dxa"/></w:tblCellMar>`,
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		x.s(`<w:gridCol w:w="`, itoa(twips(w)), `"/>`)
	}
	x.s(`</w:tblGrid>`)
}

// cell opens a cell of width mm spanning span grid columns; tcPr holds
// what follows gridSpan in schema order (shading, alignment).
func (x *writer) cell(width float64, span int, tcPr string) {
	x.s(`<w:tc><w:tcPr><w:tcW w:w="`, itoa(twips(width)), `" w:type="dxa"/>`)
	if span > 1 {
		x.s(`<w:gridSpan w:val="`, itoa(span), `"/>`)
	}
	x.s(tcPr, `</w:tcPr>`)
}

func body(d *document.Document) string {
	x := &writer{}
	x.s(xmlDecl, `<w:document xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:body>`)
	x.masthead(d.Header)
	x.para(styleTitle, `<w:spacing w:before="`+itoa(twips(4))+`" w:after="0"/>`, run(d.Kind, ""))
	textW := portrait.TextWidth()
	subject := balanced(d.Subject, pdfdoc.Style{Size: bodySize, Bold: true}, textW)
	x.para(styleTitle, "", run(subject.text, ""))
	x.rule(0.4*subject.widest, textW)
	x.para(styleNormal, `<w:spacing w:before="`+itoa(twips(4))+`" w:after="0"/><w:ind w:firstLine="0"/>`)
	x.addressees(d.Addressees)
	for i, b := range d.Body {
		// The last lines stay with the signature: it is never alone on
		// a page.
		x.block(b, i >= len(d.Body)-2)
	}
	x.signature(d.Signature)
	for i, a := range d.Appendices {
		// The paragraph that ends a section carries its properties.
		if i == 0 {
			x.para(styleRule, sectPr(portrait, false))
		} else {
			x.para(styleRule, sectPr(landscape, true))
		}
		x.appendix(a)
	}
	if len(d.Appendices) == 0 {
		x.s(sectPr(portrait, false))
	} else {
		x.s(sectPr(landscape, true))
	}
	x.s(`</w:body></w:document>`)
	return x.String()
}

// masthead is the page-1 header, a borderless table in the PDF's
// proportions: the superior and issuing bodies with a rule under the
// latter, Quốc hiệu and Tiêu ngữ with its rule; then the number and the
// place and date on one line.
func (x *writer) masthead(h document.Header) {
	textW := portrait.TextWidth()
	nation := pdfdoc.Style{Size: 13, Bold: true}
	rightW := max(textW*100/167.5, pdfdoc.Width(h.Nation, nation)+1.5)
	leftW := textW - rightW
	x.table([]float64{leftW, rightW}, "", 0)
	x.s(`<w:tr>`)
	x.cell(leftW, 1, "")
	x.para(styleMasthead, "", run(balanced(strings.ToUpper(h.Superior), pdfdoc.Style{Size: 13}, leftW).text, ""))
	body := balanced(strings.ToUpper(h.Body), pdfdoc.Style{Size: 13, Bold: true}, leftW)
	x.para(styleMasthead, "", run(body.text, bold))
	x.rule(0.4*body.widest, leftW)
	x.s(`</w:tc>`)
	x.cell(rightW, 1, "")
	x.para(styleMasthead, "", run(h.Nation, bold))
	x.para(styleMasthead, "", run(h.Motto, bold+size(14)))
	x.rule(pdfdoc.Width(h.Motto, pdfdoc.Style{Size: 14, Bold: true}), rightW)
	x.s(`</w:tc></w:tr><w:tr>`)
	before := `<w:spacing w:before="` + itoa(twips(2.5)) + `" w:after="0"/>`
	x.cell(leftW, 1, "")
	x.para(styleMasthead, before, run(h.Number, ""))
	x.s(`</w:tc>`)
	x.cell(rightW, 1, "")
	x.para(styleMasthead, before, run(h.PlaceAndDate, italic+size(14)))
	x.s(`</w:tc></w:tr></w:tbl>`)
}

// addressees is Kính gửi: one addressee on one centred line, several as a
// list.
func (x *writer) addressees(as []string) {
	switch len(as) {
	case 0:
		return
	case 1:
		a := strings.TrimRight(as[0], " .;") + "."
		x.para(styleNormal, `<w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>`, run("Kính gửi: "+a, ""))
	default:
		x.para(styleNormal, `<w:spacing w:after="0"/><w:ind w:left="`+itoa(twips(40))+`" w:firstLine="0"/><w:jc w:val="left"/>`, run("Kính gửi:", ""))
		for i, a := range as {
			end := ";"
			if i == len(as)-1 {
				end = "."
			}
			x.para(styleNormal, `<w:spacing w:after="0"/><w:ind w:left="`+itoa(twips(62))+`" w:firstLine="0"/><w:jc w:val="left"/>`,
				run("- "+strings.TrimRight(a, ".;")+end, ""))
		}
	}
	x.para(styleNormal, `<w:spacing w:after="0"/><w:ind w:firstLine="0"/>`)
}

// block writes a block of the body; keep keeps it on the page of what
// follows.
func (x *writer) block(b document.Block, keep bool) {
	keepNext := ""
	if keep {
		keepNext = `<w:keepNext/>`
	}
	switch b := b.(type) {
	case document.Heading:
		style := map[int]string{document.Part: styleHeading1, document.Item: styleHeading2}[b.Level]
		if style == "" {
			style = styleHeading3
		}
		x.para(style, "", run(b.Label(), ""))
	case document.Paragraph:
		if b.Introduces() {
			keepNext = `<w:keepNext/>`
		}
		x.para(styleNormal, keepNext, run(b.Text, ""))
	case document.ListItem:
		x.para(styleNormal, keepNext, run("- "+b.Text, ""))
	case document.Chart:
		x.chart(b)
	}
}

// chartUnits are the grid columns a bar may span.
const chartUnits = 50

// chart is the bar chart as a borderless table: the label, the bar as
// shaded cells spanning its share of the grid, the figure after it.
func (x *writer) chart(c document.Chart) {
	x.para(styleCaption, `<w:spacing w:before="`+itoa(twips(2))+`" w:after="`+itoa(twips(3))+`"/>`, run(c.Title, ""))
	textW := portrait.TextWidth()
	labelW, noteW := textW*0.42+2, 30.0
	unitW := (textW - labelW - noteW) / chartUnits
	widths := []float64{labelW}
	for range chartUnits {
		widths = append(widths, unitW)
	}
	widths = append(widths, noteW)
	maxV := 1
	for _, b := range c.Bars {
		maxV = max(maxV, b.Value)
	}
	x.table(widths, "", 0)
	chartText := size(chartSize)
	for _, b := range c.Bars {
		n := int(math.Round(float64(chartUnits*b.Value) / float64(maxV)))
		x.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		x.cell(labelW, 1, `<w:vAlign w:val="center"/>`)
		x.para(styleTable, `<w:spacing w:before="40" w:after="40"/><w:ind w:right="`+itoa(twips(2))+`"/><w:jc w:val="right"/>`, run(b.Label, chartText))
		x.s(`</w:tc>`)
		if n > 0 {
			x.cell(unitW*float64(n), n, `<w:tcBorders><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="969696"/>`)
			x.para(styleTable, "")
			x.s(`</w:tc>`)
		}
		x.cell(unitW*float64(chartUnits-n)+noteW, chartUnits-n+1, `<w:vAlign w:val="center"/>`)
		x.para(styleTable, `<w:ind w:left="`+itoa(twips(2))+`"/>`, run(b.Note, chartText))
		x.s(`</w:tc></w:tr>`)
	}
	x.s(`</w:tbl>`)
	x.para(styleNormal, `<w:spacing w:after="0"/>`)
}

// signature is Nơi nhận and the signer side by side, kept on one page.
func (x *writer) signature(s document.Signature) {
	textW := portrait.TextWidth()
	leftW, rightW := 60.0, textW-60
	x.table([]float64{leftW, rightW}, "", 0)
	x.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	x.cell(leftW, 1, "")
	x.para(styleRecipient, "", run(s.RecipientsTitle, boldItalic+size(12)))
	for _, r := range s.Recipients {
		x.para(styleRecipient, "", run(r, ""))
	}
	x.s(`</w:tc>`)
	x.cell(rightW, 1, "")
	for _, t := range strings.Split(s.Authority, "\n") {
		if t != "" {
			x.para(styleSigner, "", run(strings.ToUpper(t), ""))
		}
	}
	x.para(styleSigner, "", run(strings.ToUpper(s.Title), ""))
	x.para(styleSigner, `<w:spacing w:before="`+itoa(twips(25))+`" w:after="0"/>`, run(s.Name, ""))
	x.s(`</w:tc></w:tr></w:tbl>`)
}

// appendix is a Phụ lục on landscape pages: label, title, the line naming
// the report, a rule, and its table.
func (x *writer) appendix(a document.Appendix) {
	textW := landscape.TextWidth()
	x.para(styleTitle, "", run(a.Label, ""))
	x.para(styleTitle, "", run(a.Title, ""))
	x.para(styleTitle, "", run(a.Attachment, `<w:b w:val="0"/><w:bCs w:val="0"/>`+italic))
	x.rule(40, textW)
	x.para(styleRule, `<w:spacing w:after="`+itoa(twips(5))+`"/>`)
	t := a.Table
	total := 0.0
	for _, c := range t.Columns {
		total += c.Width
	}
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = c.Width / total * textW
	}
	x.table(widths, styleTableGrid, 1.2)
	x.s(`<w:tr><w:trPr><w:tblHeader/></w:trPr>`)
	for i, c := range t.Columns {
		x.cell(widths[i], 1, `<w:vAlign w:val="center"/>`)
		x.para(styleTableHead, "", run(c.Heading, ""))
		x.s(`</w:tc>`)
	}
	x.s(`</w:tr>`)
	for _, r := range t.Rows {
		style := styleTable
		if r.Kind != document.Data {
			style = styleTableBold
		}
		x.s(`<w:tr>`)
		for i := range t.Columns {
			x.cell(widths[i], 1, "")
			jc := ""
			switch t.Columns[i].Align {
			case document.Center:
				jc = `<w:jc w:val="center"/>`
			case document.Right:
				jc = `<w:jc w:val="right"/>`
			}
			var paras []string
			if i < len(r.Cells) {
				paras = r.Cells[i]
			}
			if len(paras) == 0 {
				x.para(style, jc)
			}
			for _, p := range paras {
				x.para(style, jc, run(p, ""))
			}
			x.s(`</w:tc>`)
		}
		x.s(`</w:tr>`)
	}
	x.s(`</w:tbl>`)
}
