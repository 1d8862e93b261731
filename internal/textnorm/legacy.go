package textnorm

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding names how a cell's text was typed.
type Encoding int

const (
	Unicode  Encoding = iota
	TCVN3             // TCVN 5712:1993 (ABC), fonts .VnTime, .VnArial
	VNI               // VNI-Windows, fonts VNI-Times
	Mojibake          // UTF-8 bytes read as Windows-1252: "Ä‘Ã£" for "đã"
)

// Name is the encoding's name as users know it.
func (e Encoding) Name() string {
	switch e {
	case TCVN3:
		return "TCVN3 (ABC)"
	case VNI:
		return "VNI"
	case Mojibake:
		return "UTF-8 bị đọc sai thành Windows-1252"
	}
	return "Unicode"
}

// tcvn3 maps the characters a TCVN3 byte shows as (Windows-1252, which
// agrees with Latin-1 from 0xA0 on) to the letters they stand for. TCVN3 has
// no codes for upper-case letters with tone marks: fonts such as .VnTimeH
// draw the lower-case codes as capitals.
var tcvn3 = map[rune]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// Combining marks of the Vietnamese letters.
const (
	circumflex = '\u0302'
	breve      = '\u0306'
	horn       = '\u031B'
	acute      = '\u0301'
	grave      = '\u0300'
	hook       = '\u0309'
	tilde      = '\u0303'
	dotBelow   = '\u0323'
)

// vni maps VNI sequences (one or two characters) to letters. It is built
// from the letters' decompositions by the rules of VNI-Windows: a base
// letter, then one character for the shape mark (â/ê for circumflex and
// breve) combined with the tone, or for the tone alone; ơ, ư, đ and some i
// and y letters have single characters of their own.
var vni, vniEncode = buildVNI()

func buildVNI() (map[string]rune, map[rune]string) {
	// Tone characters after a plain vowel or ơ/ư (lower, upper).
	tone := map[rune][2]rune{acute: {'ù', 'Ù'}, grave: {'ø', 'Ø'}, hook: {'û', 'Û'}, tilde: {'õ', 'Õ'}, dotBelow: {'ï', 'Ï'}}
	// After a: circumflex with tone, breve with tone.
	circ := map[rune][2]rune{0: {'â', 'Â'}, acute: {'á', 'Á'}, grave: {'à', 'À'}, hook: {'å', 'Å'}, tilde: {'ã', 'Ã'}, dotBelow: {'ä', 'Ä'}}
	brev := map[rune][2]rune{0: {'ê', 'Ê'}, acute: {'é', 'É'}, grave: {'è', 'È'}, hook: {'ú', 'Ú'}, tilde: {'ü', 'Ü'}, dotBelow: {'ë', 'Ë'}}
	single := map[rune]string{
		'ơ': "ô", 'Ơ': "Ô", 'ư': "ö", 'Ư': "Ö", 'đ': "ñ", 'Đ': "Ñ",
		'í': "í", 'Í': "Í", 'ì': "ì", 'Ì': "Ì", 'ỉ': "æ", 'Ỉ': "Æ", 'ĩ': "ó", 'Ĩ': "Ó", 'ị': "ò", 'Ị': "Ò",
		'ỵ': "î", 'Ỵ': "Î",
	}
	dec, enc := map[string]rune{}, map[rune]string{}
	add := func(r rune, seq string) {
		enc[r] = seq
		if seq != string(r) {
			dec[seq] = r
		}
	}
	for r, seq := range single {
		add(r, seq)
	}
	for _, r := range vietnameseLetters() {
		if _, ok := single[r]; ok {
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base, marks := d[0], d[1:]
		up := 0
		if unicode.IsUpper(base) {
			up = 1
		}
		var shape, tn rune
		for _, m := range marks {
			switch m {
			case circumflex, breve, horn:
				shape = m
			default:
				tn = m
			}
		}
		var seq string
		switch {
		case shape == circumflex:
			seq = string(base) + string(circ[tn][up])
		case shape == breve:
			seq = string(base) + string(brev[tn][up])
		case shape == horn:
			h := map[rune]string{'o': "ô", 'O': "Ô", 'u': "ö", 'U': "Ö"}[base]
			seq = h
			if tn != 0 {
				seq += string(tone[tn][up])
			}
		case tn != 0:
			seq = string(base) + string(tone[tn][up])
		default:
			continue
		}
		add(r, seq)
	}
	return dec, enc
}

// vietnameseLetters lists every precomposed Vietnamese letter with a mark.
func vietnameseLetters() []rune {
	var out []rune
	for _, r := range "ăâêôơưđĂÂÊÔƠƯĐàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ" {
		out = append(out, r)
	}
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		out = append(out, r)
	}
	return out
}

// unicodeLatin1 are the Latin-1 letters Vietnamese Unicode text uses; they
// say nothing about a legacy encoding.
const unicodeLatin1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"

// legacyOnly reports characters that legacy encodings produce and
// Vietnamese Unicode text never holds.
func legacyOnly(r rune) bool {
	if r < 0xA1 || r > 0xFF || strings.ContainsRune(unicodeLatin1, r) {
		return false
	}
	if _, ok := tcvn3[r]; ok {
		return true
	}
	for seq := range vni {
		if strings.ContainsRune(seq, r) {
			return true
		}
	}
	return false
}

// isVietnameseUnicode reports a letter only Vietnamese Unicode text holds.
func isVietnameseUnicode(r rune) bool {
	return strings.ContainsRune("ăđơưĩũĂĐƠƯĨŨ", r) || (r >= 0x1EA0 && r <= 0x1EF9)
}

// DecodeTCVN3 converts text typed in TCVN3. TCVN3 writes a capital with a
// tone with the lower-case code (a capitals font such as .VnTimeH draws
// it), so such a letter comes back as a capital only where the text around
// it is in capitals: in a word with two or more capitals and no lower-case
// letter ("VIÖT" is "VIỆT"), or anywhere in a line with no lower-case
// letter where at least half the words holding such a letter are of that
// kind ("KÕ HO¹CH" is "KẾ HOẠCH"). Elsewhere it stays lower-case: "Bé Y
// TÕ" is "Bộ Y Tế", though typed in .VnTimeH it showed as "BỘ Y TẾ".
func DecodeTCVN3(s string) string {
	rs := []rune(s)
	coded := make([]bool, len(rs)) // a lower-case letter from its code
	for i, r := range rs {
		if v, ok := tcvn3[r]; ok {
			rs[i] = v
			coded[i] = unicode.IsLower(v)
		}
	}
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && rs[end] != '\n' {
			end++
		}
		capitalise(rs[start:end], coded[start:end])
		start = end + 1
	}
	return string(rs)
}

// capitalise makes capitals of the coded letters of one line where the
// text around them is in capitals (see DecodeTCVN3).
func capitalise(rs []rune, coded []bool) {
	type word struct {
		start, end int
		caps       bool
	}
	var words []word
	lineLower := false
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		w := word{start: i}
		upper, lower, has := 0, 0, false
		for ; i < len(rs) && unicode.IsLetter(rs[i]); i++ {
			switch {
			case coded[i]:
				has = true
			case unicode.IsUpper(rs[i]):
				upper++
			case unicode.IsLower(rs[i]):
				lower++
			}
		}
		if lower > 0 {
			lineLower = true
		}
		if !has {
			continue
		}
		w.end, w.caps = i, upper >= 2 && lower == 0
		words = append(words, w)
	}
	caps := 0
	for _, w := range words {
		if w.caps {
			caps++
		}
	}
	line := !lineLower && caps > 0 && 2*caps >= len(words)
	for _, w := range words {
		if !w.caps && !line {
			continue
		}
		for i := w.start; i < w.end; i++ {
			if coded[i] {
				rs[i] = unicode.ToUpper(rs[i])
			}
		}
	}
}

// DecodeVNI converts text typed in VNI.
func DecodeVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) {
			if v, ok := vni[string(rs[i:i+2])]; ok {
				b.WriteRune(v)
				i++
				continue
			}
		}
		if v, ok := vni[string(rs[i])]; ok {
			b.WriteRune(v)
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

// EncodeTCVN3 and EncodeVNI write text as a legacy font would store it;
// they exist for tests and the example generator. TCVN3 has no codes for
// capitals with a tone: EncodeTCVN3 writes them, as the keyboard does,
// with the lower-case code.
func EncodeTCVN3(s string) string {
	inv := map[rune]rune{}
	for k, v := range tcvn3 {
		inv[v] = k
	}
	return strings.Map(func(r rune) rune {
		if k, ok := inv[r]; ok {
			return k
		}
		if k, ok := inv[unicode.ToLower(r)]; ok && isVietnameseLetter(r) {
			return k
		}
		return r
	}, norm.NFC.String(s))
}

// isVietnameseLetter reports a letter with a Vietnamese mark.
func isVietnameseLetter(r rune) bool {
	for _, v := range vietnameseLetters() {
		if v == r {
			return true
		}
	}
	return false
}

// EncodeVNI is the inverse of DecodeVNI.
func EncodeVNI(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if seq, ok := vniEncode[r]; ok {
			b.WriteString(seq)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// DecodeMojibake undoes UTF-8 text read as Windows-1252; ok is false when
// the text is not that. The bytes Windows-1252 leaves undefined (0x81,
// 0x8D, 0x8F, 0x90, 0x9D), and every byte 0x80–0x9F of UTF-8 read as
// Latin-1, show as the C1 control character of the same number.
func DecodeMojibake(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r <= 0x9F {
			b = append(b, byte(r))
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	if !utf8.Valid(b) || string(b) == s {
		return "", false
	}
	return string(b), true
}

var syllableRe = regexp.MustCompile(`^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$`)

// words returns the runs of letters and marks of s.
func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		switch in := unicode.IsLetter(r) || unicode.IsMark(r); {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// takes gives the letters each shape mark goes on.
var takes = map[rune]string{circumflex: "aeo", breve: "a", horn: "ou"}

// plausible counts the words of s that carry a vowel mark and read as a
// Vietnamese syllable (an onset, one to three vowels with at most one tone,
// each circumflex, breve or horn on a letter that takes it, a coda), and
// those that do not. Text converted from the wrong encoding and foreign
// words fail; words whose only mark is the stroke of đ (abbreviations such
// as "QĐ") are not counted.
func plausible(s string) (valid, invalid int) {
	for _, w := range words(s) {
		if !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
			continue // no mark
		}
		tones, marks := 0, 0
		shapes := true // each shape mark on a letter that takes it, one a letter at most
		var letter rune
		shaped := false
		var base strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(w)) {
			switch r {
			case acute, grave, hook, tilde, dotBelow:
				tones++
				marks++
			case circumflex, breve, horn:
				marks++
				if shaped || !strings.ContainsRune(takes[r], letter) {
					shapes = false
				}
				shaped = true
			case 'đ':
				base.WriteRune('d')
				letter, shaped = 'd', false
			default:
				base.WriteRune(r)
				letter, shaped = r, false
			}
		}
		if marks == 0 {
			continue
		}
		if tones <= 1 && shapes && syllableRe.MatchString(base.String()) {
			valid++
		} else {
			invalid++
		}
	}
	return
}

// inWord reports whether s holds a legacy-only character next to a letter
// or to another such character: a lone "©" or "°" is a symbol, not a letter.
func inWord(s string) bool {
	rs := []rune(s)
	letter := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || legacyOnly(rs[i]))
	}
	for i, r := range rs {
		if legacyOnly(r) && (letter(i-1) || letter(i+1)) {
			return true
		}
	}
	return false
}

// afterVowel is the share of high Latin-1 characters that follow a plain
// vowel. VNI writes marks after the base vowel ("Vieät"); TCVN3 replaces
// the vowel ("ViÖt").
func afterVowel(s string) float64 {
	rs := []rune(s)
	n, after := 0, 0
	for i, r := range rs {
		if r < 0xA1 || r > 0xFF {
			continue
		}
		n++
		if i > 0 && strings.ContainsRune("aeiouyAEIOUY", rs[i-1]) {
			after++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(after) / float64(n)
}

// DetectLegacy recognises text typed in a legacy Vietnamese encoding (or
// UTF-8 read as Windows-1252) and returns it converted and cleaned as
// Normalize cleans Unicode text. It returns the text unchanged and Unicode
// when the text holds any letter only Vietnamese Unicode has, when it reads
// as Vietnamese already and no character a legacy encoding would produce
// stands in a word, or when no conversion gives Vietnamese words: ordinary
// Vietnamese and English text are never touched. It also leaves alone text
// whose conversion it would convert again. Give it the text Normalize
// returns (or call Clean): Normalize keeps the characters conversion needs.
func DetectLegacy(s string) (string, Encoding) {
	t, enc := detect(s)
	if enc == Unicode {
		return s, Unicode
	}
	t = normalize(t, false)
	if _, again := detect(t); again != Unicode {
		return s, Unicode
	}
	return t, enc
}

// detect is DetectLegacy without the cleaning of what it converts.
func detect(s string) (string, Encoding) {
	if strings.ContainsFunc(s, isVietnameseUnicode) {
		return s, Unicode
	}
	if strings.ContainsAny(s, "ÃÄÆÅ»º") {
		if fixed, ok := DecodeMojibake(s); ok && strings.ContainsFunc(fixed, isVietnameseUnicode) {
			if valid, invalid := plausible(fixed); valid > 0 && invalid*10 <= valid {
				return norm.NFC.String(fixed), Mojibake
			}
		}
	}
	// Either a character no Unicode text holds stands in a word, or some
	// words cannot be Vietnamese as they are ("Thieáu": VNI written with
	// letters Unicode also has).
	legacy := inWord(s)
	_, impossible := plausible(s)
	if !legacy && impossible == 0 {
		return s, Unicode
	}
	var accepted []Encoding
	text := map[Encoding]string{TCVN3: DecodeTCVN3(s), VNI: DecodeVNI(s)}
	for _, enc := range []Encoding{TCVN3, VNI} {
		t := text[enc]
		if t == s || strings.ContainsFunc(t, legacyOnly) {
			continue // nothing converted, or something left: not this encoding
		}
		valid, invalid := plausible(t)
		if legacy && valid > 0 && invalid*10 <= valid || !legacy && valid > 0 && invalid == 0 {
			accepted = append(accepted, enc)
		}
	}
	switch len(accepted) {
	case 0:
		return s, Unicode
	case 1:
		return norm.NFC.String(text[accepted[0]]), accepted[0]
	}
	if afterVowel(s) >= 0.5 {
		return norm.NFC.String(text[VNI]), VNI
	}
	return norm.NFC.String(text[TCVN3]), TCVN3
}
