// Package textnorm cleans the text typed into workbooks: it takes a cell's
// raw string and gives the text the report will print — Unicode NFC,
// trimmed, runs of spaces collapsed, line breaks kept as paragraph breaks,
// control characters and invisible marks removed — and it recognises text
// typed in the legacy Vietnamese encodings (TCVN3/ABC, VNI) or UTF-8 read as
// Windows-1252, and converts it.
package textnorm

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s cleaned for the report. Excel's "_x0007_" escapes
// are decoded by the workbook reader before text gets here; the control
// characters they stand for are removed like any other. Paragraphs are separated by a
// single "\n"; empty paragraphs are dropped.
func Normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ToValidUTF8(s, "")
	var paras []string
	for _, line := range strings.Split(s, "\n") {
		var b strings.Builder
		space := false
		for _, r := range line {
			switch {
			case r == '\t' || r == '\u00A0' || r == '\u2007' || r == '\u202F' || (unicode.IsSpace(r) && r != '\n'):
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
		if p := strings.TrimSpace(norm.NFC.String(b.String())); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n")
}

// isInvisible reports zero-width and bidirectional marks, which print as
// nothing, break searches and can reorder text.
func isInvisible(r rune) bool {
	switch {
	case r >= '\u200B' && r <= '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2060' && r <= '\u2069', r == '\uFEFF', r == '\u00AD':
		return true
	}
	return false
}
