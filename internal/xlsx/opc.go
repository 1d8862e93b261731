package xlsx

import (
	"strings"
)

// The package (OPC, ECMA-376 Part 2) side of a workbook: part names and
// relationships.

// partName normalises a part name or zip entry name so that names equal
// under OPC's rules compare equal: backslashes read as slashes (some
// writers use them), percent-encoding decoded, "." and ".." segments
// resolved, no leading slash, and case folded (part names compare
// case-insensitively).
func partName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = percentDecode(name)
	clean := name != "" && name[0] != '/' && !strings.Contains(name, "//") && !strings.Contains(name, "./") && !strings.HasSuffix(name, "/.") && !strings.HasSuffix(name, "/..") && name != "." && name != ".."
	if !clean {
		var out []string
		for _, seg := range strings.Split(name, "/") {
			switch seg {
			case "", ".":
			case "..":
				if len(out) > 0 {
					out = out[:len(out)-1]
				}
			default:
				out = append(out, seg)
			}
		}
		name = strings.Join(out, "/")
	}
	return toLower(name)
}

// toLower folds case without allocating when there is nothing to fold.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

func percentDecode(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// resolveTarget resolves a relationship's target against the part the
// relationship starts from (its normalised name, "" for the package):
// relative to that part's folder, or from the package root when it starts
// with "/".
func resolveTarget(source, target string) string {
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target = target[:i]
	}
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return partName(target)
	}
	dir := source[:strings.LastIndexByte(source, '/')+1]
	return partName(dir + target)
}

// relsPartOf is the relationships part of a part: "xl/workbook.xml" has
// "xl/_rels/workbook.xml.rels"; the package's own is "_rels/.rels".
func relsPartOf(part string) string {
	i := strings.LastIndexByte(part, '/')
	return part[:i+1] + "_rels/" + part[i+1:] + ".rels"
}

// rel is one relationship.
type rel struct {
	id, kind, target string // kind: the type's last segment for the types read here, else ""

	raw      string // the target as written
	external bool   // TargetMode="External": target is empty, raw the address
}

// relKind is the last segment of the relationship types this package
// follows, in their transitional and Strict spellings; "" for the others.
func relKind(t string) string {
	// Threaded comments and their persons have one spelling only.
	const ms2017 = "http://schemas.microsoft.com/office/2017/10/relationships/"
	if len(t) > len(ms2017) && strings.EqualFold(t[:len(ms2017)], ms2017) {
		switch k := strings.ToLower(t[len(ms2017):]); k {
		case "threadedcomment", "person":
			return k
		}
		return ""
	}
	for _, p := range []string{
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
		"http://purl.oclc.org/ooxml/officeDocument/relationships/",
		"http://schemas.microsoft.com/office/2006/relationships/",
	} {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			switch k := strings.ToLower(t[len(p):]); k {
			case "officedocument", "worksheet", "sharedstrings", "externallink", "vbaproject", "comments", "drawing", "hyperlink", "footnotes", "numbering", "styles":
				return k
			case "custom-properties", "customproperties":
				return "customproperties"
			}
		}
	}
	return ""
}

// parseRels reads a relationships part; internal targets are resolved
// against source, external ones left out.
func parseRels(s, source string) ([]rel, xmlErr, bool) {
	return readRels(s, source, false)
}

// readRels reads a relationships part as parseRels does; with external,
// external relationships are kept too, their address in raw.
func readRels(s, source string, external bool) ([]rel, xmlErr, bool) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, x.err, true
	}
	if x.ns != nsPkgRel || x.local != "Relationships" {
		x.finish()
		return nil, x.err, false
	}
	var out []rel
	for x.child(1) {
		if x.ns != nsPkgRel || x.local != "Relationship" {
			x.skip()
			continue
		}
		mode, _ := x.attr(nsNone, "TargetMode")
		if mode == "External" && !external {
			continue
		}
		id, _ := x.attr(nsNone, "Id")
		typ, _ := x.attr(nsNone, "Type")
		target, _ := x.attr(nsNone, "Target")
		r := rel{id: id, kind: relKind(typ), raw: target, external: mode == "External"}
		if !r.external {
			r.target = resolveTarget(source, target)
		}
		out = append(out, r)
	}
	x.finish()
	return out, x.err, true
}
