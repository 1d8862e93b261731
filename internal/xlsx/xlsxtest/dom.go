package xlsxtest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The DOM below keeps names resolved to namespace URIs and the namespace
// declarations apart, so that a shape can change which prefixes are declared
// where (or which URIs are used) and the writer picks prefixes from whatever
// is in scope.

const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

type node any

type element struct {
	Name xml.Name   // Space is the namespace URI, "" for none
	Attr []xml.Attr // resolved names, namespace declarations excluded
	Decl []nsDecl   // namespace declarations written on this element
	Kids []node     // *element, *charData, *comment, *procInst
}

type nsDecl struct{ Prefix, URI string } // Prefix "" declares the default namespace

type charData struct{ Text string }

type comment struct{ Text string }

type procInst struct{ Target, Inst string }

type document struct {
	Prolog []node // comments and processing instructions before the root
	Root   *element
	Epilog []node
}

// decodeText returns the UTF-8 form of an XML part, decoding UTF-16 (with a
// byte order mark) and dropping a UTF-8 byte order mark.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		le := data[0] == 0xFF
		b := data[2:]
		if len(b)%2 != 0 {
			return nil, errors.New("odd length UTF-16 text")
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			if le {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			} else {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
		return []byte(string(utf16.Decode(u))), nil
	}
	return data, nil
}

// DecodeXML returns the UTF-8 text of an XML part stored as UTF-8 (with or
// without a byte order mark) or UTF-16 with a byte order mark, for tests that
// check well-formedness with encoding/xml.
func DecodeXML(data []byte) ([]byte, error) { return decodeText(data) }

// NewDecoder returns an encoding/xml decoder over the decoded text of an XML
// part in any encoding that Apply writes.
func NewDecoder(data []byte) (*xml.Decoder, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-16", "utf-16le", "utf-16be", "utf16":
			return r, nil // already decoded above
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return d, nil
}

func parseXML(data []byte) (*document, error) {
	d, err := NewDecoder(data)
	if err != nil {
		return nil, err
	}
	doc := &document{}
	var stack []*element
	add := func(n node) {
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			top.Kids = append(top.Kids, n)
		} else if doc.Root == nil {
			doc.Prolog = append(doc.Prolog, n)
		} else {
			doc.Epilog = append(doc.Epilog, n)
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &element{Name: t.Name}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					e.Decl = append(e.Decl, nsDecl{"", a.Value})
				case a.Name.Space == "xmlns":
					e.Decl = append(e.Decl, nsDecl{a.Name.Local, a.Value})
				default:
					e.Attr = append(e.Attr, a)
				}
			}
			if len(stack) == 0 {
				if doc.Root != nil {
					return nil, errors.New("more than one root element")
				}
				doc.Root = e
			} else {
				add(e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue // whitespace outside the root
			}
			top := stack[len(stack)-1]
			if n := len(top.Kids); n > 0 {
				if c, ok := top.Kids[n-1].(*charData); ok {
					c.Text += string(t)
					continue
				}
			}
			add(&charData{string(t)})
		case xml.Comment:
			add(&comment{string(t)})
		case xml.ProcInst:
			if t.Target == "xml" {
				continue
			}
			add(&procInst{t.Target, string(t.Inst)})
		case xml.Directive:
			return nil, errors.New("DOCTYPE and other directives are not supported")
		}
	}
	if doc.Root == nil {
		return nil, errors.New("no root element")
	}
	return doc, nil
}

// walk calls f for every element of the tree rooted at e, parents first.
func walk(e *element, f func(e, parent *element)) {
	var rec func(e, parent *element)
	rec = func(e, parent *element) {
		f(e, parent)
		for _, k := range e.Kids {
			if c, ok := k.(*element); ok {
				rec(c, e)
			}
		}
	}
	rec(e, nil)
}

func (e *element) attr(local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (e *element) setAttr(local, value string) {
	for i, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == local {
			e.Attr[i].Value = value
			return
		}
	}
	e.Attr = append(e.Attr, xml.Attr{Name: xml.Name{Local: local}, Value: value})
}

func (e *element) delAttr(local string) {
	out := e.Attr[:0]
	for _, a := range e.Attr {
		if !(a.Name.Space == "" && a.Name.Local == local) {
			out = append(out, a)
		}
	}
	e.Attr = out
}

// children returns the element children of e with the given local name in a
// SpreadsheetML namespace (transitional or strict).
func (e *element) children(local string) []*element {
	var out []*element
	for _, k := range e.Kids {
		if c, ok := k.(*element); ok && c.Name.Local == local && isSML(c.Name.Space) {
			out = append(out, c)
		}
	}
	return out
}

func (e *element) child(local string) *element {
	if c := e.children(local); len(c) > 0 {
		return c[0]
	}
	return nil
}

// text is the concatenated character data directly inside e.
func (e *element) text() string {
	var b strings.Builder
	for _, k := range e.Kids {
		if c, ok := k.(*charData); ok {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

func (e *element) setText(s string) { e.Kids = []node{&charData{s}} }

func deepCopy(n node) node {
	switch t := n.(type) {
	case *element:
		c := &element{Name: t.Name}
		c.Attr = append([]xml.Attr(nil), t.Attr...)
		c.Decl = append([]nsDecl(nil), t.Decl...)
		for _, k := range t.Kids {
			c.Kids = append(c.Kids, deepCopy(k))
		}
		return c
	case *charData:
		return &charData{t.Text}
	case *comment:
		return &comment{t.Text}
	case *procInst:
		return &procInst{t.Target, t.Inst}
	}
	panic("unknown node")
}

// writeOptions are the serialization choices that shapes make.
type writeOptions struct {
	pretty   bool // indentation, attributes on their own lines, reversed order, mixed quotes
	cdata    bool // character data as CDATA sections
	entities bool // characters as numeric character references
	noDecl   bool // no XML declaration
}

type xmlWriter struct {
	b      strings.Builder
	opts   writeOptions
	scopes [][]nsDecl
	refN   int // counts character references, to alternate their forms
	gen    int // counts invented prefixes
}

func (w *xmlWriter) lookup(prefix string) (string, bool) {
	for i := len(w.scopes) - 1; i >= 0; i-- {
		s := w.scopes[i]
		for j := len(s) - 1; j >= 0; j-- {
			if s[j].Prefix == prefix {
				return s[j].URI, true
			}
		}
	}
	if prefix == "" {
		return "", true
	}
	return "", false
}

// prefixFor finds a non-empty prefix bound to uri in the current scope.
func (w *xmlWriter) prefixFor(uri string) (string, bool) {
	for i := len(w.scopes) - 1; i >= 0; i-- {
		s := w.scopes[i]
		for j := len(s) - 1; j >= 0; j-- {
			p := s[j].Prefix
			if p != "" && s[j].URI == uri {
				if u, _ := w.lookup(p); u == uri { // not shadowed
					return p, true
				}
			}
		}
	}
	return "", false
}

func (w *xmlWriter) invent(uri string) string {
	for {
		p := "ns" + strconv.Itoa(w.gen)
		w.gen++
		if _, bound := w.lookup(p); !bound {
			w.scopes[len(w.scopes)-1] = append(w.scopes[len(w.scopes)-1], nsDecl{p, uri})
			return p
		}
	}
}

func serialize(doc *document, opts writeOptions) string {
	w := &xmlWriter{opts: opts}
	if !opts.noDecl {
		w.b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	}
	for _, n := range doc.Prolog {
		w.node(n, 0)
		if opts.pretty {
			w.b.WriteString("\n")
		}
	}
	w.elem(doc.Root, 0)
	for _, n := range doc.Epilog {
		if opts.pretty {
			w.b.WriteString("\n")
		}
		w.node(n, 0)
	}
	return w.b.String()
}

func (w *xmlWriter) node(n node, depth int) {
	switch t := n.(type) {
	case *element:
		w.elem(t, depth)
	case *charData:
		w.text(t.Text)
	case *comment:
		w.b.WriteString("<!--" + t.Text + "-->")
	case *procInst:
		w.b.WriteString("<?" + t.Target)
		if t.Inst != "" {
			w.b.WriteString(" " + t.Inst)
		}
		w.b.WriteString("?>")
	}
}

// elementOnly reports whether e has element children and only whitespace
// character data, so that indentation may be added inside it.
func elementOnly(e *element) bool {
	hasElem := false
	for _, k := range e.Kids {
		switch t := k.(type) {
		case *element:
			hasElem = true
		case *charData:
			if strings.TrimLeft(t.Text, " \t\r\n") != "" {
				return false
			}
		}
	}
	return hasElem
}

func (w *xmlWriter) elem(e *element, depth int) {
	decls := append([]nsDecl(nil), e.Decl...)
	w.scopes = append(w.scopes, decls)
	defer func() { w.scopes = w.scopes[:len(w.scopes)-1] }()

	var qname string
	if e.Name.Space == "" {
		if def, _ := w.lookup(""); def != "" {
			w.scopes[len(w.scopes)-1] = append(w.scopes[len(w.scopes)-1], nsDecl{"", ""})
		}
		qname = e.Name.Local
	} else if def, _ := w.lookup(""); def == e.Name.Space {
		qname = e.Name.Local
	} else if p, ok := w.prefixFor(e.Name.Space); ok {
		qname = p + ":" + e.Name.Local
	} else {
		qname = w.invent(e.Name.Space) + ":" + e.Name.Local
	}
	type kv struct {
		k, v string
		ns   bool // a namespace declaration: no character references
	}
	var attrs []kv
	for _, a := range e.Attr {
		var name string
		switch a.Name.Space {
		case "":
			name = a.Name.Local
		case xmlNamespace:
			name = "xml:" + a.Name.Local
		default:
			p, ok := w.prefixFor(a.Name.Space)
			if !ok {
				p = w.invent(a.Name.Space)
			}
			name = p + ":" + a.Name.Local
		}
		attrs = append(attrs, kv{name, a.Value, false})
	}
	var nsAttrs []kv
	for _, d := range w.scopes[len(w.scopes)-1] {
		if d.Prefix == "" {
			nsAttrs = append(nsAttrs, kv{"xmlns", d.URI, true})
		} else {
			nsAttrs = append(nsAttrs, kv{"xmlns:" + d.Prefix, d.URI, true})
		}
	}
	all := append(nsAttrs, attrs...)
	indent := strings.Repeat("  ", depth)
	w.b.WriteString("<" + qname)
	if w.opts.pretty {
		// Attributes in reverse order, declarations last, one per line
		// when there are several, with spaces around '=' and alternating
		// quote characters.
		all = append(attrs, nsAttrs...)
		for i, j := 0, len(attrs)-1; i < j; i, j = i+1, j-1 {
			all[i], all[j] = all[j], all[i]
		}
		for i, a := range all {
			if len(all) > 1 {
				w.b.WriteString("\n" + indent + "    ")
			} else {
				w.b.WriteString(" ")
			}
			if i%2 == 0 {
				w.b.WriteString(a.k + " = '" + w.escape(a.v, '\'', !a.ns) + "'")
			} else {
				w.b.WriteString(a.k + "=\"" + w.escape(a.v, '"', !a.ns) + "\"")
			}
		}
		if len(all) > 1 {
			w.b.WriteString("\n" + indent)
		}
	} else {
		for _, a := range all {
			w.b.WriteString(" " + a.k + "=\"" + w.escape(a.v, '"', !a.ns) + "\"")
		}
	}
	if len(e.Kids) == 0 {
		w.b.WriteString("/>")
		return
	}
	w.b.WriteString(">")
	if w.opts.pretty && elementOnly(e) {
		for _, k := range e.Kids {
			if _, ok := k.(*charData); ok {
				continue
			}
			w.b.WriteString("\n" + indent + "  ")
			w.node(k, depth+1)
		}
		w.b.WriteString("\n" + indent)
	} else {
		for _, k := range e.Kids {
			w.node(k, depth+1)
		}
	}
	w.b.WriteString("</" + qname + ">")
}

// charRef writes r as a numeric character reference, alternating decimal
// and hexadecimal forms.
func (w *xmlWriter) charRef(r rune) string {
	w.refN++
	if w.refN%2 == 0 {
		return "&#x" + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + ";"
	}
	return "&#" + strconv.Itoa(int(r)) + ";"
}

// escape escapes an attribute value (quote is the delimiter) or, with quote
// 0, character data; refs allows character references for the entities
// shape.
func (w *xmlWriter) escape(s string, quote rune, refs bool) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		n++
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && quote == '"':
			b.WriteString("&quot;")
		case r == '\'' && quote == '\'':
			b.WriteString("&apos;")
		case r == '\r' || (quote != 0 && (r == '\n' || r == '\t')):
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		case refs && w.opts.entities && (r >= utf8.RuneSelf || (n%4 == 0 && isAlnum(r))):
			b.WriteString(w.charRef(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// cdataLimit is the length in runes over which a text is split across two
// CDATA sections.
const cdataLimit = 24

func (w *xmlWriter) text(s string) {
	if !w.opts.cdata || s == "" || strings.TrimLeft(s, " \t\n") == "" || strings.ContainsRune(s, '\r') {
		// A carriage return does not survive in a CDATA section (the
		// parser normalizes line ends), and whitespace between elements
		// stays plain.
		w.b.WriteString(w.escape(s, 0, true))
		return
	}
	parts := []string{s}
	if n := utf8.RuneCountInString(s); n > cdataLimit {
		i := 0
		for k := range s {
			if i == n/2 {
				parts = []string{s[:k], s[k:]}
				break
			}
			i++
		}
	}
	for _, p := range parts {
		// "]]>" cannot appear inside a section: end the section
		// between "]]" and ">".
		w.b.WriteString("<![CDATA[" + strings.ReplaceAll(p, "]]>", "]]]]><![CDATA[>") + "]]>")
	}
}
