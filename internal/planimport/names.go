package planimport

import (
	"sort"
	"strings"
	"unicode"

	"baocao/internal/model"
	"baocao/internal/vntext"
)

// token is a word of a unit list, folded ("sở" → "so"), with where it
// stands in the text; a separator (",", ";") is a token of its own.
type token struct {
	word       string
	orig       string // as written
	start, end int    // byte offsets in the text
	sep        bool
}

// abbreviations the plans use, folded, with what they stand for.
var abbreviations = map[string][]string{
	"ubnd": {"uy", "ban", "nhan", "dan"},
	"hdnd": {"hoi", "dong", "nhan", "dan"},
	"tp":   {"thanh", "pho"},
	"mttq": {"mat", "tran", "to", "quoc"},
}

// tokens splits a list of units into folded words: "&" is "và",
// abbreviations are spelled out.
func tokens(s string) []token {
	var out []token
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := vntext.Fold(s[start:end])
		if exp, ok := abbreviations[w]; ok {
			for _, e := range exp {
				out = append(out, token{word: e, orig: s[start:end], start: start, end: end})
			}
		} else if w != "" {
			out = append(out, token{word: w, orig: s[start:end], start: start, end: end})
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case r == '&':
			flush(i)
			out = append(out, token{word: "va", start: i, end: i + 1})
		default:
			flush(i)
			if r == ',' || r == ';' || r == '\n' {
				out = append(out, token{word: string(r), start: i, end: i + 1, sep: true})
			}
		}
	}
	flush(len(s))
	// "có liên quan" and "liên quan" name the same units.
	kept := out[:0]
	for i, t := range out {
		if t.word == "co" && i+1 < len(out) && out[i+1].word == "lien" {
			continue
		}
		kept = append(kept, t)
	}
	return kept
}

// words are a name's folded words, separators left out.
func words(s string) []string {
	var out []string
	for _, t := range tokens(s) {
		if !t.sep {
			out = append(out, t.word)
		}
	}
	return out
}

// candidate is a name a unit or group answers to.
type candidate struct {
	words []string
	code  string
	group bool
}

// matcher matches the names a plan writes to a catalogue's units and
// groups.
type matcher struct {
	cands  []candidate
	place  []string // the province's name, folded: "tỉnh Kon Tum" after a unit's name is not another unit
	names  []string // every unit's and group's name, for suggestions
	byName map[string]string
	former map[string]string // a predecessor's folded name → its successor's name
}

func newMatcher(c *model.Catalogue) *matcher {
	m := &matcher{place: words(c.Issuer.Place), byName: map[string]string{}, former: map[string]string{}}
	add := func(name, code string, group bool) {
		w := words(name)
		if len(w) == 0 {
			return
		}
		m.cands = append(m.cands, candidate{w, code, group})
		// "Các Sở, ban ngành" is also written "Sở, ban ngành".
		if w[0] == "cac" && len(w) > 1 {
			m.cands = append(m.cands, candidate{w[1:], code, group})
		}
	}
	for _, u := range c.Units {
		for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
			add(n, u.Code, false)
		}
		// A unit merged into this one, named in the plan by its old name.
		for _, p := range u.Predecessors {
			if c.UnitByCode(p) == nil && strings.Contains(p, " ") {
				add(p, u.Code, false)
				m.former[strings.Join(words(p), " ")] = u.Name
			}
		}
		m.names = append(m.names, u.Name)
		m.byName[u.Name] = u.Code
	}
	for _, g := range c.Groups {
		add(g.Name, g.Code, true)
		m.names = append(m.names, g.Name)
		m.byName[g.Name] = g.Code
	}
	// Longest first: "Ủy ban nhân dân các huyện, thành phố" before "Ủy ban
	// nhân dân".
	sort.SliceStable(m.cands, func(i, j int) bool { return len(m.cands[i].words) > len(m.cands[j].words) })
	return m
}

// filler are words between names that name nothing: "và", "các", "với",
// "thuộc tỉnh".
var filler = map[string]bool{"va": true, "cac": true, "voi": true, "cung": true, "thuoc": true, "truc": true, "tinh": true,
	"chu": true, "tri": true, "phoi": true, "hop": true, "theo": true, "chuc": true, "nang": true, "nhiem": true, "vu": true,
	"duoc": true, "giao": true, "la": true, "gom": true}

// match reads a list of units: the codes it names, in order, and the parts
// it could not match, as written. A name matches where it ends: "Sở Nông
// nghiệp" is not matched in "Sở Nông nghiệp và Môi trường".
func (m *matcher) match(text string) (codes []string, unmatched []string) {
	toks := tokens(text)
	seen := map[string]bool{}
	// at is the longest name that matches at i and ends there.
	var at func(i int) (*candidate, int)
	at = func(i int) (*candidate, int) {
		for k := range m.cands {
			c := &m.cands[k]
			n := matchAt(toks, i, c.words)
			if n == 0 {
				continue
			}
			if j := i + n; j < len(toks) && !toks[j].sep && !m.boundary(toks, j) {
				continue
			}
			return c, n
		}
		return nil, 0
	}
	startsName := func(i int) bool { c, _ := at(i); return c != nil }
	i := 0
	for i < len(toks) {
		if toks[i].sep {
			i++
			continue
		}
		if c, n := at(i); c != nil {
			if !seen[c.code] {
				codes = append(codes, c.code)
				seen[c.code] = true
			}
			i += n
			// "… tỉnh Kon Tum" after a name.
			if i < len(toks) && toks[i].word == "tinh" {
				i++
				if n := matchAt(toks, i, m.place); n > 0 {
					i += n
				}
			}
			continue
		}
		if filler[toks[i].word] && (i+1 >= len(toks) || startsName(i+1) || toks[i+1].sep) {
			i++
			continue
		}
		// Not a known name: up to the next known name; the names in
		// between are cut as the plan writes them.
		j := i + 1
		for j < len(toks) && !startsName(j) {
			j++
		}
		for _, part := range splitNames(text[toks[i].start:toks[j-1].end]) {
			ws := strings.Fields(part)
			for len(ws) > 0 && filler[vntext.Fold(ws[0])] && vntext.Fold(ws[0]) != "cac" {
				ws = ws[1:]
			}
			for len(ws) > 0 && (vntext.Fold(ws[len(ws)-1]) == "va" || vntext.Fold(ws[len(ws)-1]) == "cac") {
				ws = ws[:len(ws)-1]
			}
			if p := strings.Trim(strings.Join(ws, " "), " ,;."); p != "" {
				unmatched = append(unmatched, p)
			}
		}
		i = j
	}
	return codes, unmatched
}

// boundary reports whether a name may end before token j: the words after
// it start another name ("và Sở …"), or qualify it ("tỉnh Kon Tum").
func (m *matcher) boundary(toks []token, j int) bool {
	t := toks[j]
	switch {
	case t.word == "va":
		if j+1 >= len(toks) || toks[j+1].sep {
			return true
		}
		return afterAnd[toks[j+1].orig] || startWords[toks[j+1].orig] && toks[j+1].orig != "Công"
	case t.word == "tinh", t.word == "thuoc", t.word == "truc", t.word == "cung", t.word == "voi":
		return true
	}
	return startWords[t.orig]
}

// matchAt is how many tokens from i the words cover (separators between
// them skipped), or 0 when they do not match there.
func matchAt(toks []token, i int, ws []string) int {
	if len(ws) == 0 {
		return 0
	}
	j := i
	for _, w := range ws {
		for j < len(toks) && toks[j].sep {
			j++
		}
		if j >= len(toks) || toks[j].word != w {
			return 0
		}
		j++
	}
	// A name ends at a word's end: "Sở Y tế" is not the start of "Sở Y
	// tế dự phòng"? It is matched; the rest is read as another part.
	return j - i
}

// nearest are the catalogue's names closest to an unmatched part: by
// spelling, else those sharing most of its distinctive words (at least
// half of them, and two when it has two or more).
func (m *matcher) nearest(part string) []string {
	if close := vntext.Closest(part, m.names, 3); len(close) > 0 {
		return close
	}
	mine := map[string]bool{}
	for _, w := range words(part) {
		if !filler[w] && !common[w] {
			mine[w] = true
		}
	}
	need := max(1, (len(mine)+1)/2)
	if len(mine) >= 2 {
		need = max(need, 2)
	}
	type scored struct {
		name string
		n    int
	}
	var ss []scored
	for _, name := range m.names {
		n := 0
		for _, w := range words(name) {
			if mine[w] {
				n++
			}
		}
		if n >= need {
			ss = append(ss, scored{name, n})
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].n > ss[j].n })
	var out []string
	for i := 0; i < len(ss) && i < 3; i++ {
		out = append(out, ss[i].name)
	}
	return out
}

// common are words most unit names share: they say nothing of which unit.
var common = map[string]bool{"so": true, "ban": true, "uy": true, "nhan": true, "dan": true, "cong": true, "tinh": true,
	"huyen": true, "thanh": true, "pho": true, "don": true, "vi": true, "co": true, "quan": true, "lien": true}
