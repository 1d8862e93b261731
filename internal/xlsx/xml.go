package xlsx

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// This file is a small XML reader for the parts of a workbook. It is not
// encoding/xml: that package allocates a token, a name and an attribute
// slice for every element and copies all text, and reading a workbook
// through it is about twenty times slower than this. The reader works on
// the part as one string, hands out substrings of it wherever no decoding
// is needed, and checks well-formedness in the same pass that reads:
//
//   - elements are matched by (namespace, local name): prefixes are
//     resolved through the xmlns declarations in scope, kept on a stack
//     that is unwound as elements close;
//   - start, end and empty-element tags, attributes, the five predefined
//     entities and character references, CDATA sections, comments and
//     processing instructions are read as XML 1.0 defines them, line ends
//     normalised to "\n";
//   - a DTD (<!DOCTYPE, <!ENTITY ...) is refused, as are undefined entities,
//     unbound prefixes, duplicate attributes, mismatched or unclosed
//     elements, text outside the root element and nesting deeper than
//     maxDepth.
//
// Its consumers walk the tree with child, text and skip; whatever they do
// not read is still scanned and checked.

// maxDepth is deeper than any part of a real workbook nests.
const maxDepth = 100

// nsID names the namespaces the reader tells apart; every other namespace
// is nsOther, and its elements are skipped.
type nsID uint8

const (
	nsNone   nsID = iota // no namespace (unprefixed attributes, no default)
	nsOther              // a namespace this package does not read
	nsMain               // SpreadsheetML, transitional or Strict
	nsRel                // officeDocument relationships (r:id)
	nsPkgRel             // package relationships (.rels parts)
	nsCustom             // custom document properties
	nsVT                 // document property variant types (vt:)
	nsXML                // the xml: prefix
)

// The namespaces of the parts beside a sheet's cells (annotations.go).
const (
	nsXDR      nsID = nsXML + 1 + iota // SpreadsheetML drawings (xdr:), transitional or Strict
	nsMC                               // markup compatibility (mc:AlternateContent)
	nsThreaded                         // threaded comments and their persons
	nsWord                             // WordprocessingML, transitional or Strict (word.go)
)

// classify maps a namespace name to its nsID.
func classify(uri string) nsID {
	switch uri {
	case "":
		return nsNone
	case "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main":
		return nsMain
	case "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships":
		return nsRel
	case "http://schemas.openxmlformats.org/package/2006/relationships":
		return nsPkgRel
	case "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "http://purl.oclc.org/ooxml/officeDocument/customProperties":
		return nsCustom
	case "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes":
		return nsVT
	case "http://www.w3.org/XML/1998/namespace":
		return nsXML
	case "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing":
		return nsXDR
	case "http://schemas.openxmlformats.org/markup-compatibility/2006":
		return nsMC
	case "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments":
		return nsThreaded
	case "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main":
		return nsWord
	}
	return nsOther
}

// xmlErr is why a part is not well-formed.
type xmlErr uint8

const (
	xmlOK      xmlErr = iota
	xmlSyntax         // not well-formed XML
	xmlDoctype        // a document type declaration
	xmlDepth          // nested deeper than maxDepth
)

// binding is one namespace declaration in scope.
type binding struct {
	prefix string
	ns     nsID
}

// frame is an open element.
type frame struct {
	qname    string // as written, to match the end tag
	bindings int    // len(x.bindings) before the element's declarations
	def      nsID   // the default namespace within the element
	empty    bool   // an empty-element tag: nothing to read, no end tag
}

// xattr is an attribute of the current start tag.
type xattr struct {
	ns    nsID
	local string
	raw   string // the value as written, between the quotes
	plain bool   // raw holds no reference, tab or line end: it is the value
	qname string // as written, for the duplicate check
	pfx   string
}

// xmlReader reads one part.
type xmlReader struct {
	s        string
	i        int
	stack    []frame
	bindings []binding
	err      xmlErr

	// The start tag last read by child or root.
	ns    nsID
	local string
	attrs []xattr
}

// readers keeps the stacks of readers done with, for the next part.
var readers = sync.Pool{New: func() any { return new(xmlReader) }}

// newReader returns a reader of the part s; release gives it back.
func newReader(s string) *xmlReader {
	x := readers.Get().(*xmlReader)
	*x = xmlReader{s: s, stack: x.stack[:0], bindings: x.bindings[:0], attrs: x.attrs[:0]}
	return x
}

func (x *xmlReader) release() {
	x.s = ""
	clear(x.stack[:cap(x.stack)])
	clear(x.bindings[:cap(x.bindings)])
	clear(x.attrs[:cap(x.attrs)])
	readers.Put(x)
}

func (x *xmlReader) fail(e xmlErr) {
	if x.err == xmlOK {
		x.err = e
	}
	x.i = len(x.s)
}

// depth is the number of open elements.
func (x *xmlReader) depth() int { return len(x.stack) }

// root reads the prolog (XML declaration, comments, processing
// instructions) and the root element's start tag. It reports false, with
// x.err set, when there is no root element.
func (x *xmlReader) root() bool {
	for x.err == xmlOK {
		x.i += spaces(x.s[x.i:])
		if x.i >= len(x.s) || x.s[x.i] != '<' {
			x.fail(xmlSyntax)
			return false
		}
		if x.misc() {
			continue
		}
		x.startTag()
		return x.err == xmlOK
	}
	return false
}

// finish checks what follows the root element: only white space, comments
// and processing instructions may.
func (x *xmlReader) finish() {
	if x.err != xmlOK {
		return
	}
	if len(x.stack) != 0 {
		x.skipTo(0)
	}
	for x.err == xmlOK {
		x.i += spaces(x.s[x.i:])
		if x.i >= len(x.s) {
			return
		}
		if x.s[x.i] != '<' || !x.misc() {
			x.fail(xmlSyntax)
		}
	}
}

// misc skips a comment or processing instruction at x.i (which holds '<')
// and reports whether there was one. A "<!" that starts neither a comment
// nor, inside an element, a CDATA section is a document type declaration
// and fails the part.
func (x *xmlReader) misc() bool {
	rest := x.s[x.i+1:]
	switch {
	case strings.HasPrefix(rest, "!--"):
		end := strings.Index(rest[3:], "-->")
		if end < 0 {
			x.fail(xmlSyntax)
			return true
		}
		x.i += 1 + 3 + end + 3
		return true
	case strings.HasPrefix(rest, "?"):
		end := strings.Index(rest[1:], "?>")
		if end < 0 || end == 0 {
			x.fail(xmlSyntax)
			return true
		}
		x.i += 1 + 1 + end + 2
		return true
	case strings.HasPrefix(rest, "![CDATA["):
		if len(x.stack) > 0 {
			return false
		}
		x.fail(xmlSyntax) // text outside the root element
		return true
	case strings.HasPrefix(rest, "!"):
		x.fail(xmlDoctype)
		return true
	}
	return false
}

// spaces is the length of the XML white space at the start of s.
func spaces(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return i
		}
	}
	return len(s)
}

// nameByte marks the bytes a name may hold: ASCII letters, digits, "_",
// ":", ".", "-" and every byte of a multi-byte UTF-8 sequence.
var nameByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '.' || c == '-'
	}
	return
}()

// name reads a name at x.i.
func (x *xmlReader) name() string {
	start := x.i
	for x.i < len(x.s) && nameByte[x.s[x.i]] {
		x.i++
	}
	n := x.s[start:x.i]
	if n == "" || n[0] == '-' || n[0] == '.' || n[0] >= '0' && n[0] <= '9' {
		x.fail(xmlSyntax)
		return ""
	}
	return n
}

// splitName splits a qualified name at its colon.
func (x *xmlReader) splitName(q string) (prefix, local string) {
	i := strings.IndexByte(q, ':')
	if i < 0 {
		return "", q
	}
	prefix, local = q[:i], q[i+1:]
	if prefix == "" || local == "" || strings.IndexByte(local, ':') >= 0 {
		x.fail(xmlSyntax)
	}
	return prefix, local
}

// lookup resolves a prefix through the declarations in scope.
func (x *xmlReader) lookup(prefix string) nsID {
	if prefix == "xml" {
		return nsXML
	}
	for i := len(x.bindings) - 1; i >= 0; i-- {
		if x.bindings[i].prefix == prefix {
			return x.bindings[i].ns
		}
	}
	x.fail(xmlSyntax) // an unbound prefix
	return nsOther
}

// startTag reads the start tag at x.i (which holds '<') and pushes its
// element: its name and attributes become x.ns, x.local and x.attrs.
func (x *xmlReader) startTag() {
	x.i++
	qname := x.name()
	if x.err != xmlOK {
		return
	}
	f := frame{qname: qname, bindings: len(x.bindings), def: nsNone}
	if n := len(x.stack); n > 0 {
		f.def = x.stack[n-1].def
	}
	x.attrs = x.attrs[:0]
	for {
		sp := spaces(x.s[x.i:])
		x.i += sp
		if x.i >= len(x.s) {
			x.fail(xmlSyntax)
			return
		}
		c := x.s[x.i]
		if c == '>' {
			x.i++
			break
		}
		if c == '/' {
			if x.i+1 >= len(x.s) || x.s[x.i+1] != '>' {
				x.fail(xmlSyntax)
				return
			}
			x.i += 2
			f.empty = true
			break
		}
		if sp == 0 {
			x.fail(xmlSyntax)
			return
		}
		aq := x.name()
		x.i += spaces(x.s[x.i:])
		if x.err != xmlOK || x.i >= len(x.s) || x.s[x.i] != '=' {
			x.fail(xmlSyntax)
			return
		}
		x.i++
		x.i += spaces(x.s[x.i:])
		if x.i >= len(x.s) || x.s[x.i] != '"' && x.s[x.i] != '\'' {
			x.fail(xmlSyntax)
			return
		}
		q := x.s[x.i]
		end := strings.IndexByte(x.s[x.i+1:], q)
		if end < 0 {
			x.fail(xmlSyntax)
			return
		}
		raw := x.s[x.i+1 : x.i+1+end]
		x.i += end + 2
		plain := true
		for j := 0; j < len(raw); j++ {
			switch raw[j] {
			case '<':
				x.fail(xmlSyntax)
				return
			case '&', '\t', '\n', '\r':
				plain = false
			}
		}
		if !plain && !refsDefined(raw) {
			x.fail(xmlSyntax)
			return
		}
		if len(x.attrs) >= maxAttrs {
			x.fail(xmlSyntax) // no real part writes that many
			return
		}
		pfx, local := x.splitName(aq)
		x.attrs = append(x.attrs, xattr{local: local, raw: raw, plain: plain, qname: aq, pfx: pfx})
	}
	if x.err != xmlOK {
		return
	}
	// Namespace declarations first: they apply to the element's own name
	// and attributes.
	for _, a := range x.attrs {
		switch {
		case a.pfx == "" && a.local == "xmlns":
			f.def = classify(attrValue(a))
		case a.pfx == "xmlns":
			uri := attrValue(a)
			if uri == "" || a.local == "xmlns" || a.local == "xml" {
				x.fail(xmlSyntax) // undeclaring a prefix, or rebinding a reserved one
				return
			}
			if len(x.bindings) >= maxBindings {
				x.fail(xmlSyntax) // no real part declares that many: each prefix would cost a search through them
				return
			}
			x.bindings = append(x.bindings, binding{prefix: a.local, ns: classify(uri)})
		}
	}
	pfx, local := x.splitName(qname)
	x.local = local
	if pfx == "" {
		x.ns = f.def
	} else {
		x.ns = x.lookup(pfx)
	}
	for k := range x.attrs {
		a := &x.attrs[k]
		switch a.pfx {
		case "":
			if a.local == "xmlns" {
				a.ns = nsOther
			}
		case "xmlns":
			a.ns = nsOther
		default:
			a.ns = x.lookup(a.pfx)
		}
	}
	if len(x.attrs) > 1 {
		x.checkDuplicates()
	}
	x.stack = append(x.stack, f)
	if len(x.stack) > maxDepth {
		x.fail(xmlDepth)
	}
}

// maxAttrs is more attributes than any element of a real part has, and
// maxBindings more prefixes than any real part declares in one scope.
const (
	maxAttrs    = 256
	maxBindings = 128
)

// checkDuplicates refuses an attribute written twice, or two attributes
// with one namespace and local name under different prefixes.
func (x *xmlReader) checkDuplicates() {
	type key struct {
		ns    nsID
		name  string
		local bool
	}
	if len(x.attrs) > 16 {
		seen := make(map[key]bool, len(x.attrs)*2)
		for _, a := range x.attrs {
			k1 := key{name: a.qname}
			k2 := key{ns: a.ns, name: a.local, local: true}
			expanded := a.pfx != "" && a.pfx != "xmlns" && a.ns != nsOther
			if seen[k1] || expanded && seen[k2] {
				x.fail(xmlSyntax)
				return
			}
			seen[k1] = true
			if expanded {
				seen[k2] = true
			}
		}
		return
	}
	for i := range x.attrs {
		a := &x.attrs[i]
		expanded := a.pfx != "" && a.pfx != "xmlns" && a.ns != nsOther
		for j := i + 1; j < len(x.attrs); j++ {
			b := &x.attrs[j]
			if a.qname == b.qname || expanded && b.pfx != "" && b.pfx != "xmlns" && b.ns == a.ns && b.local == a.local {
				x.fail(xmlSyntax)
				return
			}
		}
	}
}

// attr returns the value of an attribute of the current start tag.
func (x *xmlReader) attr(ns nsID, local string) (string, bool) {
	for k := range x.attrs {
		a := &x.attrs[k]
		if a.local == local && a.ns == ns {
			return attrValue(*a), true
		}
	}
	return "", false
}

func attrValue(a xattr) string {
	if a.plain {
		return a.raw
	}
	var b strings.Builder
	decode(&b, a.raw, true)
	return b.String()
}

// pop closes the innermost element.
func (x *xmlReader) pop() {
	n := len(x.stack) - 1
	x.bindings = x.bindings[:x.stack[n].bindings]
	x.stack = x.stack[:n]
}

// endTag reads the end tag at x.i (which holds "</") and closes the
// innermost element, which it must name.
func (x *xmlReader) endTag() {
	rest := x.s[x.i+2:]
	end := strings.IndexByte(rest, '>')
	if end < 0 || len(x.stack) == 0 {
		x.fail(xmlSyntax)
		return
	}
	q := rest[:end]
	top := x.stack[len(x.stack)-1].qname
	if len(q) < len(top) || q[:len(top)] != top || spaces(q[len(top):]) != len(q)-len(top) {
		x.fail(xmlSyntax)
		return
	}
	x.i += 2 + end + 1
	x.pop()
}

// settle closes what the consumer left open below depth d: empty elements
// it did not read, elements it did not finish.
func (x *xmlReader) settle(d int) {
	for len(x.stack) > d && x.err == xmlOK {
		if x.stack[len(x.stack)-1].empty {
			x.pop()
			continue
		}
		x.skipTo(len(x.stack) - 1)
	}
}

// child advances to the next child element of the element open at depth
// d (1 is the root) and reports whether there is one; its start tag is
// then x.ns, x.local, x.attrs. At the end of the element it closes it and
// reports false. Text between children is checked and left out.
func (x *xmlReader) child(d int) bool {
	x.settle(d)
	if len(x.stack) != d || x.err != xmlOK {
		return false
	}
	if x.stack[d-1].empty {
		x.pop()
		return false
	}
	for x.err == xmlOK {
		j := strings.IndexByte(x.s[x.i:], '<')
		if j < 0 {
			x.fail(xmlSyntax) // unclosed
			return false
		}
		if j > 0 && !refsDefined(x.s[x.i:x.i+j]) {
			x.fail(xmlSyntax)
			return false
		}
		x.i += j
		if x.i+1 >= len(x.s) {
			x.fail(xmlSyntax)
			return false
		}
		switch x.s[x.i+1] {
		case '/':
			x.endTag()
			return false
		case '!', '?':
			if !x.misc() {
				x.cdata() // a CDATA section: text, left out here
			}
		default:
			x.startTag()
			return x.err == xmlOK
		}
	}
	return false
}

// cdata reads the CDATA section at x.i and returns its content.
func (x *xmlReader) cdata() string {
	start := x.i + len("<![CDATA[")
	end := strings.Index(x.s[start:], "]]>")
	if end < 0 {
		x.fail(xmlSyntax)
		return ""
	}
	x.i = start + end + 3
	return x.s[start : start+end]
}

// skipTo reads on until the element open at depth d+1 is closed, checking
// everything in it.
func (x *xmlReader) skipTo(d int) {
	for len(x.stack) > d && x.err == xmlOK {
		if x.stack[len(x.stack)-1].empty {
			x.pop()
			continue
		}
		j := strings.IndexByte(x.s[x.i:], '<')
		if j < 0 {
			x.fail(xmlSyntax)
			return
		}
		if j > 0 && !refsDefined(x.s[x.i:x.i+j]) {
			x.fail(xmlSyntax)
			return
		}
		x.i += j
		if x.i+1 >= len(x.s) {
			x.fail(xmlSyntax)
			return
		}
		switch x.s[x.i+1] {
		case '/':
			x.endTag()
		case '!', '?':
			if !x.misc() {
				x.cdata()
			}
		default:
			x.startTag()
		}
	}
}

// skip skips the element last started, whatever it holds.
func (x *xmlReader) skip() {
	if n := len(x.stack); n > 0 {
		x.skipTo(n - 1)
	}
}

// text reads the character content of the element last started up to its
// end tag, and closes it: text and CDATA sections joined, references
// decoded, line ends normalised; comments, processing instructions and
// child elements (which a simple-typed element should not have) left out.
func (x *xmlReader) text() string {
	d := len(x.stack)
	if d == 0 || x.err != xmlOK {
		return ""
	}
	if x.stack[d-1].empty {
		x.pop()
		return ""
	}
	// The common case: plain text, then the end tag.
	j := strings.IndexByte(x.s[x.i:], '<')
	if j >= 0 && x.i+j+1 < len(x.s) && x.s[x.i+j+1] == '/' {
		seg := x.s[x.i : x.i+j]
		if strings.IndexByte(seg, '&') < 0 && strings.IndexByte(seg, '\r') < 0 {
			x.i += j
			x.endTag()
			return seg
		}
	}
	var b strings.Builder
	for x.err == xmlOK {
		j := strings.IndexByte(x.s[x.i:], '<')
		if j < 0 {
			x.fail(xmlSyntax)
			return ""
		}
		if j > 0 {
			if !refsDefined(x.s[x.i : x.i+j]) {
				x.fail(xmlSyntax)
				return ""
			}
			decode(&b, x.s[x.i:x.i+j], false)
		}
		x.i += j
		if x.i+1 >= len(x.s) {
			x.fail(xmlSyntax)
			return ""
		}
		switch x.s[x.i+1] {
		case '/':
			x.endTag()
			return b.String()
		case '!', '?':
			if !x.misc() {
				writeLines(&b, x.cdata())
			}
		default:
			x.startTag()
			x.skip()
		}
	}
	return ""
}

// refsDefined reports whether every "&" in s starts one of XML's five
// predefined entities or a character reference to an XML character.
func refsDefined(s string) bool {
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			return true
		}
		s = s[i+1:]
		end := strings.IndexByte(s, ';')
		if end < 0 || end > 32 {
			return false
		}
		if _, ok := entity(s[:end]); !ok {
			return false
		}
		s = s[end+1:]
	}
}

// entity resolves a reference's name (between "&" and ";").
func entity(name string) (rune, bool) {
	switch name {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, false
	}
	var r rune
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var v rune
		switch {
		case c >= '0' && c <= '9':
			v = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return 0, false
		}
		r = r*base + v
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	if !xmlChar(r) {
		return 0, false
	}
	return r, true
}

// xmlChar reports whether XML 1.0 allows the character.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

// decode writes text (or, with attr, an attribute value) with references
// resolved and line ends normalised; attribute values also turn tabs and
// line ends into spaces. The references have been checked.
func decode(b *strings.Builder, s string, attr bool) {
	for len(s) > 0 {
		i := strings.IndexAny(s, "&\r\n\t")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '&':
			end := strings.IndexByte(s[i:], ';')
			r, _ := entity(s[i+1 : i+end])
			b.WriteRune(r)
			s = s[i+end+1:]
			continue
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			if attr {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		case '\n', '\t':
			if attr {
				b.WriteByte(' ')
			} else {
				b.WriteByte(s[i])
			}
		}
		s = s[i+1:]
	}
}

// writeLines writes CDATA content with its line ends normalised.
func writeLines(b *strings.Builder, s string) {
	for {
		i := strings.IndexByte(s, '\r')
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteByte('\n')
		s = s[i+1:]
		if len(s) > 0 && s[0] == '\n' {
			s = s[1:]
		}
	}
}
