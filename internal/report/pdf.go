package report

import (
	"strings"

	"baocao/internal/document"
	"baocao/internal/pdfdoc"
)

// PDF lays the document out as Nghị định 30/2020 prints it: body text at
// 14 pt, justified, with a first-line indent and 6 pt after each
// paragraph; headings bold (parts, items) or italic (points) and kept with
// what follows; tables at 11 pt; each appendix on landscape pages.
func PDF(d *document.Document) pdfdoc.Doc {
	var els []pdfdoc.Element
	els = append(els,
		pdfdoc.Header{Superior: d.Header.Superior, Body: d.Header.Body, Number: d.Header.Number,
			Nation: d.Header.Nation, Motto: d.Header.Motto, PlaceAndDate: d.Header.PlaceAndDate},
		pdfdoc.Paragraph{Text: d.Kind, Style: pdfdoc.Style{Size: bodySize, Bold: true}, Align: pdfdoc.Center, SpaceBefore: 4},
		pdfdoc.Paragraph{Text: d.Subject, Style: pdfdoc.Style{Size: bodySize, Bold: true}, Align: pdfdoc.Center},
		pdfdoc.Rule{OfText: 0.4, Gap: pdfdoc.RuleGap},
		pdfdoc.Spacer{Height: 4},
	)
	els = append(els, addressees(d.Addressees)...)
	els = append(els, pdfdoc.Spacer{Height: 3})
	for _, b := range d.Body {
		els = append(els, bodyElement(b))
	}
	s := d.Signature
	els = append(els, pdfdoc.Signature{RecipientsTitle: s.RecipientsTitle, Recipients: s.Recipients,
		Authority: s.Authority, Title: s.Title, Name: s.Name})
	doc := pdfdoc.Doc{
		Meta: pdfdoc.Meta{Title: d.Meta.Title, Subject: d.Meta.Subject, Author: d.Meta.Author,
			Keywords: d.Meta.Keywords, Creator: "baocao", Lang: d.Meta.Lang, Date: d.Meta.Date},
		Parts: []pdfdoc.Part{{Elements: els}},
	}
	for _, a := range d.Appendices {
		doc.Parts = append(doc.Parts, pdfdoc.Part{Landscape: true, Elements: []pdfdoc.Element{
			pdfdoc.Paragraph{Text: a.Label, Style: pdfdoc.Style{Size: 14, Bold: true}, Align: pdfdoc.Center},
			pdfdoc.Paragraph{Text: a.Title, Style: pdfdoc.Style{Size: 14, Bold: true}, Align: pdfdoc.Center},
			pdfdoc.Paragraph{Text: a.Attachment, Style: pdfdoc.Style{Size: 14, Italic: true}, Align: pdfdoc.Center},
			pdfdoc.Rule{Width: 40, Gap: pdfdoc.RuleGap},
			pdfdoc.Spacer{Height: 5},
			pdfTable(a.Table),
		}})
	}
	return doc
}

func bodyElement(b document.Block) pdfdoc.Element {
	p := pdfdoc.Paragraph{Style: pdfdoc.Style{Size: bodySize}, Align: pdfdoc.Justify, Indent: indent, SpaceAfter: paraSpace}
	switch b := b.(type) {
	case document.Heading:
		p.Text, p.KeepWithNext = b.Label(), true
		switch b.Level {
		case document.Part:
			p.Style.Bold, p.SpaceBefore = true, 2
		case document.Item:
			p.Style.Bold = true
		default:
			p.Style.Italic = true
		}
	case document.Paragraph:
		p.Text, p.KeepWithNext = b.Text, b.Introduces()
	case document.ListItem:
		p.Text = "- " + b.Text
	case document.Chart:
		ch := pdfdoc.Chart{Title: b.Title}
		for _, bar := range b.Bars {
			ch.Bars = append(ch.Bars, pdfdoc.Bar{Label: bar.Label, Value: bar.Value, Note: bar.Note})
		}
		return ch
	}
	return p
}

var pdfAlign = map[document.Align]pdfdoc.Align{document.Left: pdfdoc.Left, document.Center: pdfdoc.Center, document.Right: pdfdoc.Right}

func pdfTable(t document.Table) pdfdoc.Table {
	out := pdfdoc.Table{Size: tableSize}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, pdfdoc.Column{Width: c.Width, Align: pdfAlign[c.Align]})
		out.Header = append(out.Header, c.Heading)
	}
	for _, r := range t.Rows {
		cells := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			cells[i] = strings.Join(c, "\n")
		}
		out.Rows = append(out.Rows, cells)
		out.Bold = append(out.Bold, r.Kind != document.Data)
	}
	return out
}

// addressees lays out "Kính gửi": one addressee on one centred line,
// several as a list ending with a full stop.
func addressees(as []string) []pdfdoc.Element {
	st := pdfdoc.Style{Size: bodySize}
	switch len(as) {
	case 0:
		return nil
	case 1:
		return []pdfdoc.Element{pdfdoc.Paragraph{Text: "Kính gửi: " + endSentence(as[0]), Style: st, Align: pdfdoc.Center}}
	}
	out := []pdfdoc.Element{pdfdoc.Paragraph{Text: "Kính gửi:", Style: st, Align: pdfdoc.Left, LeftIndent: 40}}
	for i, a := range as {
		end := ";"
		if i == len(as)-1 {
			end = "."
		}
		out = append(out, pdfdoc.Paragraph{Text: "- " + strings.TrimRight(a, ".;") + end, Style: st, LeftIndent: 62})
	}
	return out
}
