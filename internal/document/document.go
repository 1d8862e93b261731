// Package document is the consolidated report as typed blocks: what the
// report says, composed once, and rendered by package pdfdoc (the signed
// PDF) and package docx (the Word file offices edit). It holds no sizes,
// fonts or page geometry: those are each renderer's, from Nghị định
// 30/2020's layout.
package document

import (
	"strings"
	"time"
)

// Document is a report of Nghị định 30/2020: the page-1 header, the title
// and subject, Kính gửi, the body, Nơi nhận and the signature, then the
// appendices, each on landscape pages of its own.
type Document struct {
	Meta       Meta
	Header     Header
	Kind       string   // "BÁO CÁO"
	Subject    string   // the trích yếu
	Addressees []string // Kính gửi
	Body       []Block
	Signature  Signature
	Appendices []Appendix
}

// Meta is the file's properties.
type Meta struct {
	Title, Subject, Author, Keywords string
	Lang                             string // "vi"
	Date                             time.Time
}

// Header is the page-1 block: the superior and issuing bodies and the
// number on the left, Quốc hiệu, Tiêu ngữ and the place and date on the
// right.
type Header struct {
	Superior, Body, Number      string
	Nation, Motto, PlaceAndDate string
}

// Block is one element of the body.
type Block interface{ block() }

// Heading levels, as Nghị định 30 numbers them: "I." parts, "1." items,
// "a)" points.
const (
	Part  = 1
	Item  = 2
	Point = 3
)

// Heading is a heading; Number is what it is numbered ("I", "1", "a"),
// Text its title. It is never left alone at the foot of a page.
type Heading struct {
	Level  int
	Number string
	Text   string
}

// Label is the heading as printed: "I. TÌNH HÌNH…", "1. Kết quả…", "a)
// Nhiệm vụ 1…".
func (h Heading) Label() string {
	switch {
	case h.Number == "":
		return h.Text
	case h.Level == Point:
		return h.Number + ") " + h.Text
	}
	return h.Number + ". " + h.Text
}

// Paragraph is a paragraph of the body.
type Paragraph struct{ Text string }

// Introduces reports whether the paragraph introduces what follows (it ends
// with ":"): it is kept on the page of the list it opens.
func (p Paragraph) Introduces() bool { return strings.HasSuffix(strings.TrimSpace(p.Text), ":") }

// ListItem is an item of a list, a paragraph that starts with "- " as
// officials type them; Text is without the dash and carries its own end
// (";" or ".").
type ListItem struct{ Text string }

// Chart is the bar chart of the tasks' outcomes.
type Chart struct {
	Title string
	Bars  []Bar
}

// Bar is one bar; Note is printed after it: "3 (20,0%)".
type Bar struct {
	Label string
	Value int
	Note  string
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (ListItem) block()  {}
func (Chart) block()     {}

// Signature is Nơi nhận on the left, the signer on the right.
type Signature struct {
	RecipientsTitle string
	Recipients      []string
	Authority       string // may hold a line break
	Title           string
	Name            string
}

// Appendix is a Phụ lục: its label ("Phụ lục I"), title, the line naming
// the report it goes with, and its table.
type Appendix struct {
	Label, Title, Attachment string
	Table                    Table
}

// Align is a column's alignment.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// Column is a table column: its heading, its relative width and how its
// cells are aligned.
type Column struct {
	Heading string
	Width   float64
	Align   Align
}

// RowKind says what a row is.
type RowKind int

const (
	Data  RowKind = iota
	Group         // a group's title (a section of tasks, a kind of unit), bold
	Total         // the totals, bold
)

// Row is a table row: one cell per column, each cell's paragraphs as a
// slice.
type Row struct {
	Kind  RowKind
	Cells []Cell
}

// Cell is a table cell's paragraphs; none holds a line break.
type Cell []string

// Text makes a cell of texts, each line of them a paragraph; blank lines
// are dropped.
func Text(texts ...string) Cell {
	var c Cell
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			if strings.TrimSpace(line) != "" {
				c = append(c, line)
			}
		}
	}
	return c
}

// Table is a ruled table with one header row, repeated on every page.
type Table struct {
	Columns []Column
	Rows    []Row
}

// Texts are every piece of text of the document, in order: what a test
// searches for tokens and stray characters.
func (d *Document) Texts() []string {
	out := []string{d.Header.Superior, d.Header.Body, d.Header.Number, d.Header.Nation, d.Header.Motto,
		d.Header.PlaceAndDate, d.Kind, d.Subject}
	out = append(out, d.Addressees...)
	for _, b := range d.Body {
		switch b := b.(type) {
		case Heading:
			out = append(out, b.Label())
		case Paragraph:
			out = append(out, b.Text)
		case ListItem:
			out = append(out, b.Text)
		case Chart:
			out = append(out, b.Title)
			for _, bar := range b.Bars {
				out = append(out, bar.Label, bar.Note)
			}
		}
	}
	s := d.Signature
	out = append(out, s.RecipientsTitle)
	out = append(out, s.Recipients...)
	out = append(out, s.Authority, s.Title, s.Name)
	for _, a := range d.Appendices {
		out = append(out, a.Label, a.Title, a.Attachment)
		for _, c := range a.Table.Columns {
			out = append(out, c.Heading)
		}
		for _, r := range a.Table.Rows {
			for _, c := range r.Cells {
				out = append(out, c...)
			}
		}
	}
	return out
}
