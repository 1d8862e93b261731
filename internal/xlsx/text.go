package xlsx

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// utf8Text turns an inflated part into UTF-8 text for the XML reader: a
// UTF-8 byte order mark is dropped; UTF-16 (little or big endian, told by
// its byte order mark or, without one, by how "<?" is encoded, as XML 1.0
// Appendix F describes) is converted; a declared single-byte Western
// encoding (ISO-8859-1, Windows-1252, US-ASCII) is converted. It reports
// false for text that is not valid in its encoding, or in an encoding it
// does not know.
func utf8Text(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, "\xef\xbb\xbf"):
		s = s[3:]
	case strings.HasPrefix(s, "\xff\xfe"):
		return fromUTF16(s[2:], false)
	case strings.HasPrefix(s, "\xfe\xff"):
		return fromUTF16(s[2:], true)
	case strings.HasPrefix(s, "<\x00?\x00"):
		return fromUTF16(s, false)
	case strings.HasPrefix(s, "\x00<\x00?"):
		return fromUTF16(s, true)
	}
	switch declaredEncoding(s) {
	case "", "utf-8", "utf8", "utf-16", "utf16", "unicode":
		// UTF-16 declared over single bytes: the declaration is wrong, the
		// bytes are what they are.
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii", "ascii":
		if ascii(s) {
			return s, true
		}
		out, err := charmap.Windows1252.NewDecoder().String(s)
		if err != nil {
			return "", false
		}
		return out, true
	default:
		if !ascii(s) {
			return "", false
		}
	}
	return s, utf8.ValidString(s)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// declaredEncoding is the encoding named in the XML declaration, in lower
// case, "" when there is none.
func declaredEncoding(s string) string {
	if !strings.HasPrefix(s, "<?xml") {
		return ""
	}
	end := strings.Index(s, "?>")
	if end < 0 || end > 400 {
		return ""
	}
	decl := s[:end]
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || rest[0] != '"' && rest[0] != '\'' {
		return ""
	}
	q := rest[0]
	rest = rest[1:]
	j := strings.IndexByte(rest, q)
	if j < 0 {
		return ""
	}
	return strings.ToLower(rest[:j])
}

// fromUTF16 converts UTF-16 text to UTF-8; unpaired surrogates fail it.
func fromUTF16(s string, bigEndian bool) (string, bool) {
	if len(s)%2 != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s) / 2)
	for i := 0; i < len(s); i += 2 {
		var u uint16
		if bigEndian {
			u = uint16(s[i])<<8 | uint16(s[i+1])
		} else {
			u = uint16(s[i+1])<<8 | uint16(s[i])
		}
		r := rune(u)
		if utf16.IsSurrogate(r) {
			if u >= 0xDC00 || i+3 >= len(s) {
				return "", false
			}
			var u2 uint16
			if bigEndian {
				u2 = uint16(s[i+2])<<8 | uint16(s[i+3])
			} else {
				u2 = uint16(s[i+3])<<8 | uint16(s[i+2])
			}
			r = utf16.DecodeRune(r, rune(u2))
			if r == utf8.RuneError {
				return "", false
			}
			i += 2
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// unescapeX decodes Excel's escapes of characters XML cannot carry:
// "_xHHHH_" is the UTF-16 code unit HHHH (a pair of them a character
// beyond the BMP), so "_x000D_" is a carriage return and "_x005F_" a
// literal underscore, which is how Excel writes a "_x" that is text.
func unescapeX(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		u, ok := escapeAt(s, i)
		if !ok {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			i = strings.Index(s, "_x")
			continue
		}
		b.WriteString(s[:i])
		s = s[i+7:]
		r := rune(u)
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if lo, ok := escapeAt(s, 0); ok && u < 0xDC00 && lo >= 0xDC00 && lo <= 0xDFFF {
				r = utf16.DecodeRune(rune(u), rune(lo))
				s = s[7:]
			}
		}
		b.WriteRune(r)
		i = strings.Index(s, "_x")
	}
	b.WriteString(s)
	return b.String()
}

// escapeAt reads the escape "_xHHHH_" at s[i:].
func escapeAt(s string, i int) (uint16, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range []byte(s[i+2 : i+6]) {
		switch {
		case c >= '0' && c <= '9':
			u = u<<4 | uint16(c-'0')
		case c >= 'a' && c <= 'f':
			u = u<<4 | uint16(c-'a'+10)
		case c >= 'A' && c <= 'F':
			u = u<<4 | uint16(c-'A'+10)
		default:
			return 0, false
		}
	}
	return u, true
}
