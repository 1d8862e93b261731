package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Namespaces of WordprocessingML (ECMA-376 transitional, as Word writes
// it) and of the package.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRels    = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes   = "http://schemas.openxmlformats.org/package/2006/content-types"
	relDoc    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore   = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
	relStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relSet    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
	relFonts  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
	relHeader = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
	xmlDecl   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// buf builds XML text. Text and attribute values go through esc.
type buf struct{ strings.Builder }

func (b *buf) s(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// esc escapes text for XML content and attribute values, and drops what
// XML 1.0 cannot carry (control characters other than tab, line feed and
// carriage return; U+FFFE, U+FFFF; invalid UTF-8).
func esc(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue
			}
		}
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			continue
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// twips converts millimetres to twentieths of a point.
func twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }

func itoa(n int) string { return strconv.Itoa(n) }

// halfPoints is a font size in w:sz's unit.
func halfPoints(pt float64) string { return itoa(int(pt*2 + 0.5)) }
