// Package textnorm cleans the text typed into workbooks: it takes a cell's
// raw string and gives the text the report will print — Unicode NFC,
// trimmed, runs of spaces collapsed, line breaks kept as paragraph breaks,
// control characters and invisible marks removed, list bullets written as
// the decree's "- " — and it recognises text typed in the legacy Vietnamese
// encodings (TCVN3/ABC, VNI) or UTF-8 read as Windows-1252, and converts it.
//
// A caller reading a cell's text calls Clean, which is Normalize then
// DetectLegacy, in that order. Text that is not printed (numbers, dates,
// codes) may go through Normalize alone.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Clean returns a cell's raw text as the report prints it, converted from a
// legacy encoding when it was typed in one; the encoding is Unicode when
// nothing was converted. It is DetectLegacy(Normalize(raw)), with the
// text recognised once.
func Clean(raw string) (string, Encoding) {
	p := prepare(raw)
	if strings.ContainsFunc(p, legacyNeeds) {
		if fixed, enc := DetectLegacy(normalize(p, true)); enc != Unicode {
			return fixed, enc
		}
	}
	return DetectLegacy(normalize(p, false))
}

// Normalize returns s cleaned for the report. Excel's "_x0007_" escapes
// are decoded by the workbook reader before text gets here; the control
// characters they stand for are removed like any other. Paragraphs are
// separated by a single "\n"; empty paragraphs are dropped. A paragraph
// that starts with a bullet ("•", "▪", "➢", a Symbol or Wingdings bullet,
// or "-", "–", "—", "+", "*" and a space or tab) starts with "- " instead, as
// in a decree; a bullet alone on its line is joined to the next paragraph.
// Numbering ("1.", "a)") is kept as written, with one space after it.
//
// Text typed in a legacy encoding keeps the characters DetectLegacy needs
// to convert it: in TCVN3 the soft hyphen U+00AD is "ư", and UTF-8 read as
// Windows-1252 turns letters into no-break spaces, soft hyphens and C1
// control characters. Such text is returned with those characters, for
// DetectLegacy (or Clean) to convert; in any other text they are removed
// (no-break spaces become spaces).
func Normalize(s string) string {
	p := prepare(s)
	if !strings.ContainsFunc(p, legacyNeeds) {
		return normalize(p, false)
	}
	if q := normalize(p, true); isLegacy(q) {
		return q
	}
	return normalize(p, false)
}

// isLegacy reports text DetectLegacy converts.
func isLegacy(s string) bool {
	_, enc := DetectLegacy(s)
	return enc != Unicode
}

// legacyNeeds reports the characters Normalize removes or changes in
// Unicode text and keeps in text typed in a legacy encoding: C1 controls,
// the no-break space and the soft hyphen. Every other character a legacy
// encoding's byte shows as (Latin-1 from 0xA0, Windows-1252 punctuation
// for 0x80–0x9F) is printable and kept in any text.
func legacyNeeds(r rune) bool {
	return r >= 0x80 && r <= 0xA0 || r == 0xAD
}

// prepare removes what no text needs: invalid UTF-8, control characters
// other than white space and legacyNeeds, invisible marks other than the
// soft hyphen; it makes line breaks "\n" and the text NFC.
func prepare(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case legacyNeeds(r), unicode.IsSpace(r):
			return r
		case unicode.IsControl(r), isInvisible(r), r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// normalize cleans prepared text; keep writes the legacyNeeds characters
// as they are.
func normalize(s string, keep bool) string {
	var paras []para
	for _, line := range strings.Split(s, "\n") {
		if p := listItem(line, cleanLine(line, keep)); p.text != "" {
			paras = append(paras, p)
		}
	}
	return joinParas(paras)
}

// cleanLine collapses the white space of a line to single spaces, trims
// it and removes control characters and invisible marks; keep writes the
// legacyNeeds characters as they are.
func cleanLine(line string, keep bool) string {
	var b strings.Builder
	space := false
	for _, r := range line {
		switch {
		case keep && legacyNeeds(r):
			// written as it is
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), isInvisible(r), r == unicode.ReplacementChar:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	// NFC last: removing a character can bring a letter and a
	// combining mark together.
	return norm.NFC.String(b.String())
}

// isInvisible reports zero-width and bidirectional marks, which print as
// nothing, break searches and can reorder text, and the soft hyphen.
func isInvisible(r rune) bool {
	switch {
	case r >= '\u200B' && r <= '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2060' && r <= '\u2069', r == '\uFEFF', r == '\u00AD':
		return true
	}
	return false
}
