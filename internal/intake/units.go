package intake

import (
	"path/filepath"
	"strings"

	"baocao/internal/model"
	"baocao/internal/vntext"
)

// nameKey reduces a unit's name to what people vary when they type it:
// case, diacritics, spacing, "Ủy ban nhân dân" or "UBND", and the
// province's name written after it ("Sở Tư Pháp tỉnh Kon Tum").
func nameKey(c *model.Catalogue, name string) string {
	k := " " + vntext.Fold(name) + " "
	k = strings.ReplaceAll(k, " uy ban nhan dan ", " ubnd ")
	if p := vntext.Fold(c.Issuer.Place); p != "" {
		k = strings.Replace(k, " tinh "+p+" ", " ", 1)
	}
	return strings.TrimSpace(k)
}

// matchUnitName finds the unit whose name, short name, code or alias is
// written as name, forgiving what nameKey forgives; nil when none or when
// two units would match.
func matchUnitName(c *model.Catalogue, name string) *model.Unit {
	want := nameKey(c, name)
	if want == "" {
		return nil
	}
	var found *model.Unit
	for i := range c.Units {
		u := &c.Units[i]
		for _, n := range append([]string{u.Name, u.ShortName, u.Code}, u.Aliases...) {
			if nameKey(c, n) == want {
				if found != nil && found != u {
					return nil
				}
				found = u
			}
		}
	}
	return found
}

// fileUnit is the unit a file's name points to: templates are named
// "<code>_<short name>.xlsx"; a name that is a unit's code or name
// ("Sở Y tế.xlsx") counts too. Nil when the name names no unit.
func fileUnit(c *model.Catalogue, path string) *model.Unit {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	first, rest, found := strings.Cut(base, "_")
	if u := c.UnitByCode(strings.ToUpper(strings.TrimSpace(first))); u != nil {
		return u
	}
	if u := matchUnitName(c, base); u != nil {
		return u
	}
	if found {
		return matchUnitName(c, rest)
	}
	return nil
}

// reporterUnit is the unit the reporter's position or e-mail names: a
// position such as "Chuyên viên Sở Tài chính" (the longest name found, in
// whole words), an address such as "lanvt.stc@…" (a word of the part
// before "@" that is a unit's code). Nil when they name none, or name
// different units.
func reporterUnit(c *model.Catalogue, position, email string) *model.Unit {
	var byPosition, byMail *model.Unit
	if pos := " " + nameKey(c, position) + " "; strings.TrimSpace(pos) != "" {
		best := 0
		for i := range c.Units {
			u := &c.Units[i]
			for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
				// Two words at least: "Sở" alone is a title, not a name.
				if k := nameKey(c, n); len(k) > best && len(strings.Fields(k)) >= 2 && strings.Contains(pos, " "+k+" ") {
					best, byPosition = len(k), u
				}
			}
		}
	}
	if local, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@"); ok {
		for _, tok := range strings.FieldsFunc(local, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == '+' }) {
			if u := c.UnitByCode(strings.ToUpper(tok)); u != nil && len(tok) >= 3 {
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
