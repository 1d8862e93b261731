// Package vntext holds the Vietnamese text operations several stages share:
// folding names for forgiving comparison, suggesting the closest of a set of
// codes, and sorting in Vietnamese alphabetical order.
package vntext

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold reduces a name to a key for forgiving comparison: lower case, no
// diacritics (đ becomes d), punctuation other than "&" dropped, runs of
// space collapsed. "Sở  Y TẾ" and "so y te" fold alike.
func Fold(s string) string {
	out := s
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 { // only text with marks needs decomposing
			t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
			var err error
			if out, _, err = transform.String(t, s); err != nil {
				out = s
			}
			break
		}
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(out) {
		switch {
		case r == 'đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&':
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Closest returns up to n of the candidates closest to s by edit distance
// on folded text, nearest first, leaving out those too far to be a typing
// slip.
func Closest(s string, candidates []string, n int) []string {
	type cand struct {
		s string
		d int
	}
	fs := Fold(s)
	var cs []cand
	for _, c := range candidates {
		d := distance(fs, Fold(c))
		limit := max(2, len([]rune(fs))/3)
		if d <= limit {
			cs = append(cs, cand{c, d})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.d - b.d })
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].s)
	}
	return out
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Sort sorts xs in Vietnamese alphabetical order of key(x): Đ after D, a ă â
// in order, tones in order. It builds its own collator, which is not safe for
// concurrent use.
func Sort[T any](xs []T, key func(T) string) {
	c := collate.New(language.Vietnamese)
	var buf collate.Buffer
	keys := make(map[string][]byte, len(xs))
	for _, x := range xs {
		k := key(x)
		if _, ok := keys[k]; !ok {
			keys[k] = slices.Clone(c.KeyFromString(&buf, k))
			buf.Reset()
		}
	}
	slices.SortStableFunc(xs, func(a, b T) int {
		return strings.Compare(string(keys[key(a)]), string(keys[key(b)]))
	})
}

// Number writes a number as Vietnamese do: a dot between thousands, a
// comma before the decimals (1.250,5).
func Number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Vietnamese reports whether r belongs to the repertoire of a Vietnamese
// document: printable ASCII, the Vietnamese letters with their tones (NFC),
// and common typographic punctuation. A character outside it in an output
// that no input held is mojibake such as "Ä" for a mis-sliced "đ".
func Vietnamese(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7F, r == '\n', r == '\t', r == '\f':
		return true
	case unicode.IsLetter(r):
		return vietnameseLetter[r]
	}
	return strings.ContainsRune("“”‘’–—…•·°²³¹\u00a0×≤≥±%‰№", r)
}

// vietnameseLetter holds every Vietnamese letter beyond ASCII, both cases.
var vietnameseLetter = func() map[rune]bool {
	m := map[rune]bool{'đ': true, 'Đ': true}
	for _, base := range "aăâeêioôơuưy" {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} {
			for _, r := range norm.NFC.String(string(base) + tone) {
				m[r], m[unicode.ToUpper(r)] = true, true
			}
		}
	}
	return m
}()

// Roman is n in Roman numerals, as documents number their parts: 4 is
// "IV", 14 is "XIV"; "" for n outside 1–3999.
func Roman(n int) string {
	if n < 1 || n > 3999 {
		return ""
	}
	var b strings.Builder
	for _, d := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= d.v; n -= d.v {
			b.WriteString(d.s)
		}
	}
	return b.String()
}
