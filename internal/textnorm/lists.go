package textnorm

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A para is a cleaned paragraph; lone says it is only a list marker.
type para struct {
	text string
	lone marker
}

type marker int

const (
	none       marker = iota
	bulletMark        // a bullet: joined to the next paragraph as "- ", else dropped
	dashMark          // "-", "+", "*", a dash: joined as "- ", dropped before a list item, else kept
	numberMark        // "1.", "a)": joined as written, else kept
)

// bullets are the characters Word and typists put before list items; the
// Symbol and Wingdings bullets Word copies as private-use characters
// U+F000–U+F0FF are bullets too. The middle dot "·" is not one: it is
// "ã" in TCVN3.
const (
	bullets     = "•‣⁃∙◦▪▫●○■□◆◇❖➢➣➤►▶▸✓✔"
	dashBullets = "-–—+*"
)

func isBullet(r rune) bool {
	return strings.ContainsRune(bullets, r) || r >= 0xF000 && r <= 0xF0FF
}

// numbering is a list number alone on its line: "1.", "1.2.", "2)", "(3)",
// "a)", "b.", "(c)", "II.".
var numbering = regexp.MustCompile(`^(?:` + numberingPattern + `)$`)

const numberingPattern = `\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-zA-ZđĐ][.)]|\([a-zđ]\)|[IVX]{1,5}[.)]`

// listItem writes a cleaned line t that starts with a bullet as "- " and
// the text, and tells a line that is only a list marker; raw is the line
// before cleaning. Numbering is left as written: cleaning has made the tab
// after it a space.
func listItem(raw, t string) para {
	first, rest := firstRune(t)
	// In text kept for conversion a no-break space is not made a space:
	// trim it too.
	after := strings.TrimLeftFunc(rest, unicode.IsSpace)
	switch {
	case t == "":
		return para{}
	case isBullet(first):
		// A bullet needs no space after it: it is never part of a word.
		if after == "" {
			return para{text: t, lone: bulletMark}
		}
		return para{text: "- " + after}
	case first == '+' && after != "" && after != rest:
		// "+" marks the second level of a decree's lists: kept, with one
		// space after it.
		return para{text: "+ " + after}
	case strings.ContainsRune(dashBullets, first):
		// "-5%", "+84", "*" notes and hyphenated words stay: a dash is a
		// bullet only before a space.
		switch {
		case after == "":
			return para{text: string(first), lone: dashMark}
		case after != rest:
			return para{text: "- " + after}
		}
	case first == 'o' && after != "" && strings.HasPrefix(strings.TrimLeftFunc(raw, unicode.IsSpace), "o\t"):
		// Word's second-level bullet, "o" in Courier New, and a tab; "o"
		// and a space may be the word "o".
		return para{text: "- " + after}
	case numbering.MatchString(t):
		return para{text: t, lone: numberMark}
	}
	return para{text: t}
}

// firstRune splits s after its first character.
func firstRune(s string) (rune, string) {
	r, n := utf8.DecodeRuneInString(s)
	return r, s[n:]
}

// item is a paragraph that is a list item already: "- ", or numbering,
// and text.
var item = regexp.MustCompile(`^(?:-|` + numberingPattern + `) `)

// joinParas joins a marker alone on its line to the paragraph after it, as
// Word gives a list copied as "•\nText", and joins the paragraphs with
// "\n". It works from the last paragraph up, so a marker is joined to the
// paragraph as it will be printed. A marker followed by a list item, by
// another marker alone or by nothing is not joined: a bullet or a dash
// before a list item is dropped, as is a bullet before nothing or a
// marker; a number is kept, and so is a dash before nothing or a marker,
// since "-" alone means "none".
func joinParas(paras []para) string {
	out := make([]para, 0, len(paras))
	for i := len(paras) - 1; i >= 0; i-- {
		p := paras[i]
		if p.lone == none {
			out = append(out, p)
			continue
		}
		var next *para
		if n := len(out); n > 0 {
			next = &out[n-1]
		}
		switch {
		case next != nil && next.lone == none && !item.MatchString(next.text) &&
			// A paragraph of no-break spaces only (kept in text that may be
			// legacy) is no text to join a marker to.
			strings.TrimFunc(next.text, unicode.IsSpace) != "":
			if p.lone == numberMark {
				next.text = p.text + " " + next.text
			} else {
				next.text = "- " + next.text
			}
		case p.lone == numberMark, p.lone == dashMark && (next == nil || next.lone != none):
			out = append(out, p)
		}
	}
	var b strings.Builder
	for i := len(out) - 1; i >= 0; i-- {
		b.WriteString(out[i].text)
		if i > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
