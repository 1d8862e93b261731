package textnorm_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"baocao/internal/textnorm"
)

// The tables below are written from the standards, not from the package:
// TCVN 5712:1993 VN3 (the ABC keyboard and the .VnTime fonts) and
// VNI-Windows (the VNI fonts). Each row lists a letter family in the order
// plain, grave, hook, tilde, acute, dot below.

// vn3Rows gives the VN3 byte of each lower-case letter. VN3 has codes for
// the capitals Ă Â Ê Ô Ơ Ư Đ and none for capitals with a tone: a capitals
// font (.VnTimeH) draws the lower-case codes, so the keyboard writes a
// capital with a tone as the lower-case code.
var vn3Rows = []struct {
	letters string
	codes   []byte
}{
	{"aàảãáạ", []byte{'a', 0xB5, 0xB6, 0xB7, 0xB8, 0xB9}},
	{"ăằẳẵắặ", []byte{0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
	{"âầẩẫấậ", []byte{0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB}},
	{"eèẻẽéẹ", []byte{'e', 0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
	{"êềểễếệ", []byte{0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6}},
	{"iìỉĩíị", []byte{'i', 0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
	{"oòỏõóọ", []byte{'o', 0xDF, 0xE1, 0xE2, 0xE3, 0xE4}},
	{"ôồổỗốộ", []byte{0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
	{"ơờởỡớợ", []byte{0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE}},
	{"uùủũúụ", []byte{'u', 0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
	{"ưừửữứự", []byte{0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9}},
	{"yỳỷỹýỵ", []byte{'y', 0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
	{"đ", []byte{0xAE}},
	{"ĂÂÊÔƠƯĐ", []byte{0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7}},
}

// VNI-Windows writes the base letter, then one byte for the tone, or one
// byte for the circumflex or breve together with the tone. ơ ư đ, the i
// letters with a tone and ỵ have a byte of their own.
var (
	vniTone       = [2][5]byte{{0xF8, 0xFB, 0xF5, 0xF9, 0xEF}, {0xD8, 0xDB, 0xD5, 0xD9, 0xCF}}             // ø û õ ù ï
	vniCircumflex = [2][6]byte{{0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4}, {0xC2, 0xC0, 0xC5, 0xC3, 0xC1, 0xC4}} // â à å ã á ä
	vniBreve      = [2][6]byte{{0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB}, {0xCA, 0xC8, 0xDA, 0xDC, 0xC9, 0xCB}} // ê è ú ü é ë
)

var vniRows = []struct {
	letters string
	seqs    [][]byte
}{
	{"aàảãáạ", tonesAfter('a', 0)},
	{"AÀẢÃÁẠ", tonesAfter('A', 1)},
	{"ăằẳẵắặ", shapeAfter('a', vniBreve[0])},
	{"ĂẰẲẴẮẶ", shapeAfter('A', vniBreve[1])},
	{"âầẩẫấậ", shapeAfter('a', vniCircumflex[0])},
	{"ÂẦẨẪẤẬ", shapeAfter('A', vniCircumflex[1])},
	{"eèẻẽéẹ", tonesAfter('e', 0)},
	{"EÈẺẼÉẸ", tonesAfter('E', 1)},
	{"êềểễếệ", shapeAfter('e', vniCircumflex[0])},
	{"ÊỀỂỄẾỆ", shapeAfter('E', vniCircumflex[1])},
	{"iìỉĩíị", [][]byte{{'i'}, {0xEC}, {0xE6}, {0xF3}, {0xED}, {0xF2}}}, // ì æ ó í ò
	{"IÌỈĨÍỊ", [][]byte{{'I'}, {0xCC}, {0xC6}, {0xD3}, {0xCD}, {0xD2}}}, // Ì Æ Ó Í Ò
	{"oòỏõóọ", tonesAfter('o', 0)},
	{"OÒỎÕÓỌ", tonesAfter('O', 1)},
	{"ôồổỗốộ", shapeAfter('o', vniCircumflex[0])},
	{"ÔỒỔỖỐỘ", shapeAfter('O', vniCircumflex[1])},
	{"ơờởỡớợ", tonesAfter(0xF4, 0)}, // ô
	{"ƠỜỞỠỚỢ", tonesAfter(0xD4, 1)}, // Ô
	{"uùủũúụ", tonesAfter('u', 0)},
	{"UÙỦŨÚỤ", tonesAfter('U', 1)},
	{"ưừửữứự", tonesAfter(0xF6, 0)}, // ö
	{"ƯỪỬỮỨỰ", tonesAfter(0xD6, 1)}, // Ö
	{"yỳỷỹý", tonesAfter('y', 0)[:5]},
	{"YỲỶỸÝ", tonesAfter('Y', 1)[:5]},
	{"ỵỴđĐ", [][]byte{{0xEE}, {0xCE}, {0xF1}, {0xD1}}}, // î Î ñ Ñ
}

// tonesAfter is a base letter alone, then with each tone byte.
func tonesAfter(base byte, upper int) [][]byte {
	out := [][]byte{{base}}
	for _, t := range vniTone[upper] {
		out = append(out, []byte{base, t})
	}
	return out
}

// shapeAfter is a base letter with each circumflex or breve byte.
func shapeAfter(base byte, marks [6]byte) [][]byte {
	var out [][]byte
	for _, m := range marks {
		out = append(out, []byte{base, m})
	}
	return out
}

// vn3Bytes and vniBytes encode text by the tables; letters without a code
// (ASCII) are written as themselves.
func vn3Bytes(t *testing.T, s string) []byte {
	t.Helper()
	code := map[rune]byte{}
	for _, row := range vn3Rows {
		for i, r := range []rune(row.letters) {
			code[r] = row.codes[i]
		}
	}
	var out []byte
	for _, r := range s {
		c, ok := code[r]
		if !ok && r >= 0x80 {
			c, ok = code[unicode.ToLower(r)] // a capital with a tone
		}
		switch {
		case ok:
			out = append(out, c)
		case r < 0x80:
			out = append(out, byte(r))
		default:
			t.Fatalf("VN3 has no code for %q", r)
		}
	}
	return out
}

func vniBytes(t *testing.T, s string) []byte {
	t.Helper()
	seq := map[rune][]byte{}
	for _, row := range vniRows {
		for i, r := range []rune(row.letters) {
			seq[r] = row.seqs[i]
		}
	}
	var out []byte
	for _, r := range s {
		switch b, ok := seq[r]; {
		case ok:
			out = append(out, b...)
		case r < 0x80:
			out = append(out, byte(r))
		default:
			t.Fatalf("VNI has no code for %q", r)
		}
	}
	return out
}

// A cell holds a legacy font's bytes as the characters those bytes are in
// the code page: Latin-1, or Windows-1252 (which differs for 0x80–0x9F).
func latin1(b []byte) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

func cp1252(t *testing.T, b []byte) string {
	t.Helper()
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(s)
}

func TestTablesCoverEveryLetter(t *testing.T) {
	for _, r := range lower + upper {
		if len(vn3Bytes(t, string(r))) != 1 {
			t.Errorf("VN3 %q is not one byte", r)
		}
		if n := len(vniBytes(t, string(r))); n < 1 || n > 2 {
			t.Errorf("VNI %q is %d bytes", r, n)
		}
	}
	if n := utf8.RuneCountInString(lower + upper); n != 134 {
		t.Errorf("%d letters, want 134", n)
	}
}

// The package's encoders write what the standards say.
func TestEncodersFollowTheTables(t *testing.T) {
	for _, r := range lower + upper {
		s := string(r)
		if got, want := textnorm.EncodeTCVN3(s), latin1(vn3Bytes(t, s)); got != want {
			t.Errorf("EncodeTCVN3(%q) = %q, want %q", s, got, want)
		}
		if got, want := textnorm.EncodeVNI(s), latin1(vniBytes(t, s)); got != want {
			t.Errorf("EncodeVNI(%q) = %q, want %q", s, got, want)
		}
	}
}

// sentences gives a sentence holding the letter, in lower case for a lower
// case letter, in capitals for a capital: a capital with a tone typed in
// TCVN3 comes back only from words written in capitals.
func sentence(r rune) string {
	s := "Kết quả bồi dưỡng: chữ " + string(r) + " đứng trong câu, ưu tiên người được hưởng."
	if unicode.IsUpper(r) {
		s = strings.ToUpper(s)
	}
	return s
}

// Every letter, typed in TCVN3 or VNI, comes back from the calls intake
// makes (Normalize, then DetectLegacy) and from Clean.
func TestEveryLetterThroughIntake(t *testing.T) {
	for _, r := range lower + upper {
		want := sentence(r)
		for _, tc := range []struct {
			how  string
			cell string
			enc  textnorm.Encoding
		}{
			{"EncodeTCVN3", textnorm.EncodeTCVN3(want), textnorm.TCVN3},
			{"VN3 table, Latin-1", latin1(vn3Bytes(t, want)), textnorm.TCVN3},
			{"VN3 table, Windows-1252", cp1252(t, vn3Bytes(t, want)), textnorm.TCVN3},
			{"EncodeVNI", textnorm.EncodeVNI(want), textnorm.VNI},
			{"VNI table, Latin-1", latin1(vniBytes(t, want)), textnorm.VNI},
			{"VNI table, Windows-1252", cp1252(t, vniBytes(t, want)), textnorm.VNI},
		} {
			got, enc := textnorm.DetectLegacy(textnorm.Normalize(tc.cell))
			if got != want || enc != tc.enc {
				t.Errorf("%q %s: %q -> Normalize %q -> %q (%s); want %q (%s)",
					r, tc.how, tc.cell, textnorm.Normalize(tc.cell), got, enc.Name(), want, tc.enc.Name())
			}
		}
	}
}

// mojibake writes text as UTF-8 bytes shown in a single-byte code page.
func mojibake(t *testing.T, s string, page func(*testing.T, []byte) string) string {
	return page(t, []byte(s))
}

// UTF-8 read as Windows-1252 (undefined bytes 0x81 0x8D 0x8F 0x90 0x9D as
// the control characters of the same number, as Windows does) or as
// Latin-1 comes back for every letter, through the calls intake makes.
func TestEveryLetterMojibakeThroughIntake(t *testing.T) {
	pages := map[string]func(*testing.T, []byte) string{
		"Latin-1": func(_ *testing.T, b []byte) string { return latin1(b) },
		"Windows-1252": func(t *testing.T, b []byte) string {
			var sb strings.Builder
			for _, c := range b {
				switch c {
				case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
					sb.WriteRune(rune(c))
				default:
					sb.WriteString(cp1252(t, []byte{c}))
				}
			}
			return sb.String()
		},
	}
	for _, r := range lower + upper {
		want := sentence(r)
		for name, page := range pages {
			cell := mojibake(t, want, page)
			got, enc := textnorm.DetectLegacy(textnorm.Normalize(cell))
			if got != want || enc != textnorm.Mojibake {
				t.Errorf("%q %s: %q -> %q (%s)", r, name, cell, got, enc.Name())
			}
		}
	}
}

// Each byte 0x80–0xFF shows in a cell as its Latin-1 character, or as its
// Windows-1252 one. In text typed in a legacy encoding, Normalize keeps
// every one of them for DetectLegacy; in Unicode text it still removes
// control characters and soft hyphens and makes no-break spaces spaces.
func TestEveryHighByteSurvivesNormalize(t *testing.T) {
	for b := 0x80; b <= 0xFF; b++ {
		for _, r := range []rune{rune(b), []rune(cp1252(t, []byte{byte(b)}))[0]} {
			if r == utf8.RuneError {
				continue // undefined in Windows-1252: covered by the Latin-1 character
			}
			// The character standing alone in a TCVN3 sentence: it is a
			// letter there, or a sign.
			cell := textnorm.EncodeTCVN3("Kết quả bồi dưỡng") + " " + string(r) + " " + textnorm.EncodeTCVN3("cán bộ")
			if n := textnorm.Normalize(cell); !strings.ContainsRune(n, r) {
				t.Errorf("byte %#x (%U): Normalize(%q) = %q loses it", b, r, cell, n)
			}
			uni := "Kết quả x" + string(r) + "x tốt"
			n := textnorm.Normalize(uni)
			switch {
			case r == '\u00A0' || r == '\u0085':
				if n != "Kết quả x x tốt" {
					t.Errorf("%U in Unicode text: %q", r, n)
				}
			case unicode.IsControl(r) || r == '\u00AD':
				if n != "Kết quả xx tốt" {
					t.Errorf("%U in Unicode text: %q", r, n)
				}
			default:
				if n != norm.NFC.String(uni) {
					t.Errorf("%U in Unicode text: %q", r, n)
				}
			}
		}
	}
}
