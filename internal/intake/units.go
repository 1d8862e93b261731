package intake

import (
	"path/filepath"
	"strings"

	"baocao/internal/model"
	"baocao/internal/vntext"
)

// unitNames finds units by the names people write for them. It is built
// once per catalogue: folding every name for every file would cost as much
// as reading the files.
type unitNames struct {
	c     *model.Catalogue
	byKey map[string]*model.Unit // nil for a key two units share
	place string                 // the province, folded: "kon tum"
}

func newUnitNames(c *model.Catalogue) *unitNames {
	n := &unitNames{c: c, byKey: map[string]*model.Unit{}, place: vntext.Fold(c.Issuer.Place)}
	for i := range c.Units {
		u := &c.Units[i]
		for _, name := range append([]string{u.Name, u.ShortName, u.Code}, u.Aliases...) {
			k := n.key(name)
			if k == "" {
				continue
			}
			if prev, ok := n.byKey[k]; ok && prev != u {
				n.byKey[k] = nil
				continue
			}
			n.byKey[k] = u
		}
	}
	return n
}

// key reduces a unit's name to what people vary when they type it: case,
// diacritics, spacing, "Ủy ban nhân dân" or "UBND", and the province's
// name written after it ("Sở Tư Pháp tỉnh Kon Tum").
func (n *unitNames) key(name string) string {
	k := " " + vntext.Fold(name) + " "
	k = strings.ReplaceAll(k, " uy ban nhan dan ", " ubnd ")
	if n.place != "" {
		k = strings.Replace(k, " tinh "+n.place+" ", " ", 1)
	}
	return strings.TrimSpace(k)
}

// match finds the unit whose name, short name, code or alias is written as
// name, forgiving what key forgives; nil when none or when two units would
// match.
func (n *unitNames) match(name string) *model.Unit {
	return n.byKey[n.key(name)]
}

// file is the unit a file's name points to: templates are named
// "<code>_<short name>.xlsx"; a name that is a unit's code or name
// ("Sở Y tế.xlsx") counts too. Nil when the name names no unit.
func (n *unitNames) file(path string) *model.Unit {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	first, rest, found := strings.Cut(base, "_")
	if u := n.c.UnitByCode(strings.ToUpper(strings.TrimSpace(first))); u != nil {
		return u
	}
	if u := n.match(base); u != nil {
		return u
	}
	if found {
		return n.match(rest)
	}
	return nil
}

// reporter is the unit the reporter's position or e-mail names: a position
// such as "Chuyên viên Sở Tài chính" (the longest name of two words or more
// found in it, in whole words), an address such as "lanvt.stc@…" (a word
// of the part before "@" that is a unit's code). Nil when they name none,
// or name different units.
func (n *unitNames) reporter(position, email string) *model.Unit {
	var byPosition, byMail *model.Unit
	words := strings.Fields(n.key(position))
	best := 0
	for i := range words {
		// Two words at least: "Sở" alone is a title, not a name.
		for j := i + 2; j <= len(words); j++ {
			if u := n.byKey[strings.Join(words[i:j], " ")]; u != nil && j-i > best {
				best, byPosition = j-i, u
			}
		}
	}
	if local, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@"); ok {
		for _, tok := range strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == '+' }) {
			if u := n.c.UnitByCode(strings.ToUpper(tok)); u != nil && len(tok) >= 3 {
				byMail = u
				break
			}
		}
	}
	switch {
	case byPosition != nil && byMail != nil && byPosition != byMail:
		return nil
	case byPosition != nil:
		return byPosition
	}
	return byMail
}
