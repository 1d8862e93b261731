package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf16"
)

const (
	nsContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsPackageRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	relTransPrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStrictPfx   = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
	nsSML          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsSMLStrict    = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	nsRel          = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelStrict    = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

func isSML(space string) bool { return space == nsSML || space == nsSMLStrict }

// zipTime is the modification time of every entry, for reproducible output.
var zipTime = time.Date(2024, 11, 20, 8, 0, 0, 0, time.UTC)

// part is one OPC part (a zip entry other than [Content_Types].xml and the
// relationship parts, which are rebuilt from the model when written).
type part struct {
	name    string    // part name without the leading '/', e.g. "xl/workbook.xml"
	raw     []byte    // stored bytes, used when doc is nil
	doc     *document // parsed XML
	ctype   string    // content type override, "" when the extension default applies
	rels    []*rel    // relationships whose source is this part
	hadRels bool      // a relationship part existed for this part
}

type rel struct {
	id, typ  string
	target   string // as written
	external bool
	to       *part // resolved target, nil for external or dangling targets
	dirty    bool  // target must be written again from to
}

type ctDefault struct{ ext, ctype string }

// entry is one zip entry of the output, in order.
type entry struct {
	kind string // "ct", "rels", "part"
	p    *part  // nil for the package relationships
}

type pkg struct {
	parts    []*part
	rootRels []*rel
	defaults []ctDefault
	entries  []entry
	// serialization choices made by shapes
	opts        writeOptions
	encoding    string // "", "utf8-bom", "utf16le", "utf16be"
	targetStyle string // "", "absolute", "dotdot", "dotslash"
	store       bool   // zip entries stored uncompressed
	reverse     bool   // zip entries in reverse order
	caseShift   bool   // zip entry names in another case than the part names
	descriptor  bool   // zip entries with data descriptors
	xmlComments bool   // comments in the prolog of every part
}

func (p *pkg) byName(name string) *part {
	for _, q := range p.parts {
		if strings.EqualFold(q.name, name) {
			return q
		}
	}
	return nil
}

func relsName(src string) string {
	if src == "" {
		return "_rels/.rels"
	}
	dir, base := path.Split(src)
	return dir + "_rels/" + base + ".rels"
}

// resolve returns the part name a relationship target points to.
func resolve(src, target string) string {
	t := target
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	if i := strings.IndexAny(t, "?#"); i >= 0 {
		t = t[:i]
	}
	if strings.HasPrefix(t, "/") {
		return strings.TrimPrefix(path.Clean(t), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir("/"+src), t)), "/")
}

func readPackage(data []byte) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		files[f.Name] = b
		order = append(order, f.Name)
	}
	p := &pkg{}
	var ctData []byte
	var relsFiles []string
	for _, name := range order {
		switch {
		case strings.EqualFold(name, "[Content_Types].xml"):
			ctData = files[name]
		case strings.HasSuffix(strings.ToLower(name), ".rels"):
			relsFiles = append(relsFiles, name)
		default:
			p.parts = append(p.parts, &part{name: name, raw: files[name]})
		}
	}
	if ctData == nil {
		return nil, errors.New("no [Content_Types].xml")
	}
	ct, err := parseXML(ctData)
	if err != nil {
		return nil, fmt.Errorf("[Content_Types].xml: %w", err)
	}
	for _, k := range ct.Root.Kids {
		e, ok := k.(*element)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "Default":
			ext, _ := e.attr("Extension")
			typ, _ := e.attr("ContentType")
			p.defaults = append(p.defaults, ctDefault{ext, typ})
		case "Override":
			name, _ := e.attr("PartName")
			typ, _ := e.attr("ContentType")
			if q := p.byName(strings.TrimPrefix(name, "/")); q != nil {
				q.ctype = typ
			}
		}
	}
	// Relationships.
	relsOf := map[string]*part{} // lower-case rels part name -> source
	for _, q := range p.parts {
		relsOf[strings.ToLower(relsName(q.name))] = q
	}
	for _, rn := range relsFiles {
		var src *part
		srcName := ""
		if !strings.EqualFold(rn, "_rels/.rels") {
			src = relsOf[strings.ToLower(rn)]
			if src == nil {
				// A relationship part of no part: keep it as a plain part.
				p.parts = append(p.parts, &part{name: rn, raw: files[rn]})
				continue
			}
			srcName = src.name
			src.hadRels = true
		}
		doc, err := parseXML(files[rn])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rn, err)
		}
		var list []*rel
		for _, k := range doc.Root.Kids {
			e, ok := k.(*element)
			if !ok || e.Name.Local != "Relationship" {
				continue
			}
			r := &rel{}
			r.id, _ = e.attr("Id")
			r.typ, _ = e.attr("Type")
			r.target, _ = e.attr("Target")
			if m, _ := e.attr("TargetMode"); m == "External" {
				r.external = true
			} else {
				r.to = p.byName(resolve(srcName, r.target))
			}
			list = append(list, r)
		}
		if src == nil {
			p.rootRels = list
		} else {
			src.rels = list
		}
	}
	// Output order follows the input.
	for _, name := range order {
		switch {
		case strings.EqualFold(name, "[Content_Types].xml"):
			p.entries = append(p.entries, entry{kind: "ct"})
		case strings.EqualFold(name, "_rels/.rels"):
			p.entries = append(p.entries, entry{kind: "rels"})
		default:
			if src := relsOf[strings.ToLower(name)]; src != nil && strings.HasSuffix(strings.ToLower(name), ".rels") {
				p.entries = append(p.entries, entry{kind: "rels", p: src})
			} else if q := p.byName(name); q != nil {
				p.entries = append(p.entries, entry{kind: "part", p: q})
			}
		}
	}
	// Parse the XML parts.
	for _, q := range p.parts {
		if !isXMLPart(p, q) {
			continue
		}
		doc, err := parseXML(q.raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.name, err)
		}
		q.doc = doc
	}
	return p, nil
}

func (p *pkg) contentType(q *part) string {
	if q.ctype != "" {
		return q.ctype
	}
	ext := strings.ToLower(path.Ext(q.name))
	for _, d := range p.defaults {
		if "."+strings.ToLower(d.ext) == ext {
			return d.ctype
		}
	}
	return ""
}

func isXMLPart(p *pkg, q *part) bool {
	ct := p.contentType(q)
	return strings.HasSuffix(ct, "+xml") || ct == "application/xml" || ct == "text/xml"
}

// rename gives a part a new name; relationships pointing to it are written
// again.
func (p *pkg) rename(q *part, name string) {
	if q == nil || q.name == name {
		return
	}
	if p.byName(name) != nil {
		panic("xlsxtest: rename onto an existing part " + name)
	}
	q.name = name
	for _, r := range p.allRels() {
		if r.to == q {
			r.dirty = true
		}
	}
	for _, r := range q.rels {
		r.dirty = true // relative targets change with the source's folder
	}
}

func (p *pkg) allRels() []*rel {
	out := append([]*rel(nil), p.rootRels...)
	for _, q := range p.parts {
		out = append(out, q.rels...)
	}
	return out
}

func (p *pkg) remove(q *part) {
	var parts []*part
	for _, x := range p.parts {
		if x != q {
			parts = append(parts, x)
		}
	}
	p.parts = parts
	var entries []entry
	for _, e := range p.entries {
		if e.p != q {
			entries = append(entries, e)
		}
	}
	p.entries = entries
	drop := func(list []*rel) []*rel {
		var out []*rel
		for _, r := range list {
			if r.to != q {
				out = append(out, r)
			}
		}
		return out
	}
	p.rootRels = drop(p.rootRels)
	for _, x := range p.parts {
		x.rels = drop(x.rels)
	}
}

// relLocal returns the last segment of a relationship type in either the
// transitional or the strict family, with the strict property spellings
// mapped to the transitional ones.
func relLocal(typ string) string {
	for _, pre := range []string{relTransPrefix, relStrictPfx} {
		if strings.HasPrefix(typ, pre) {
			switch l := strings.TrimPrefix(typ, pre); l {
			case "extendedProperties":
				return "extended-properties"
			case "customProperties":
				return "custom-properties"
			default:
				return l
			}
		}
	}
	return typ
}

func relTargets(list []*rel, local string) []*part {
	var out []*part
	for _, r := range list {
		if !r.external && r.to != nil && relLocal(r.typ) == local {
			out = append(out, r.to)
		}
	}
	return out
}

func (p *pkg) workbook() *part {
	if w := relTargets(p.rootRels, "officeDocument"); len(w) > 0 {
		return w[0]
	}
	return nil
}

// sheet is a worksheet with its name from the workbook.
type sheet struct {
	name string
	p    *part
}

func (p *pkg) sheets() []sheet {
	wb := p.workbook()
	if wb == nil || wb.doc == nil {
		return nil
	}
	byID := map[string]*part{}
	for _, r := range wb.rels {
		if r.to != nil && relLocal(r.typ) == "worksheet" {
			byID[r.id] = r.to
		}
	}
	var out []sheet
	if s := wb.doc.Root.child("sheets"); s != nil {
		for _, e := range s.children("sheet") {
			name, _ := e.attr("name")
			for _, a := range e.Attr {
				if (a.Name.Space == nsRel || a.Name.Space == nsRelStrict) && a.Name.Local == "id" {
					if q := byID[a.Value]; q != nil && q.doc != nil {
						out = append(out, sheet{name, q})
					}
				}
			}
		}
	}
	return out
}

func (p *pkg) workbookPart(local string) *part {
	wb := p.workbook()
	if wb == nil {
		return nil
	}
	if t := relTargets(wb.rels, local); len(t) > 0 && t[0].doc != nil {
		return t[0]
	}
	return nil
}

// relativePath returns the path from folder dir (no trailing slash, "" for
// the root) to part name.
func relativePath(dir, name string) string {
	var a, b []string
	if dir != "" {
		a = strings.Split(dir, "/")
	}
	b = strings.Split(name, "/")
	i := 0
	for i < len(a) && i < len(b)-1 && a[i] == b[i] {
		i++
	}
	return strings.Repeat("../", len(a)-i) + strings.Join(b[i:], "/")
}

func (p *pkg) targetOf(src string, r *rel) string {
	if r.external || r.to == nil || (!r.dirty && p.targetStyle == "") {
		return r.target
	}
	dir := path.Dir(src)
	if dir == "." || src == "" {
		dir = ""
	}
	switch p.targetStyle {
	case "absolute":
		return "/" + r.to.name
	case "dotdot":
		if dir == "" {
			return r.to.name
		}
		return strings.Repeat("../", strings.Count(dir, "/")+1) + r.to.name
	case "dotslash":
		return "./" + relativePath(dir, r.to.name)
	}
	return relativePath(dir, r.to.name)
}

func (p *pkg) relsDoc(src string, list []*rel) *document {
	root := &element{Name: xml.Name{Space: nsPackageRels, Local: "Relationships"}, Decl: []nsDecl{{"", nsPackageRels}}}
	for _, r := range list {
		e := &element{Name: xml.Name{Space: nsPackageRels, Local: "Relationship"}}
		e.setAttr("Id", r.id)
		e.setAttr("Type", r.typ)
		e.setAttr("Target", p.targetOf(src, r))
		if r.external {
			e.setAttr("TargetMode", "External")
		}
		root.Kids = append(root.Kids, e)
	}
	return &document{Root: root}
}

func (p *pkg) contentTypesDoc() *document {
	root := &element{Name: xml.Name{Space: nsContentTypes, Local: "Types"}, Decl: []nsDecl{{"", nsContentTypes}}}
	for _, d := range p.defaults {
		e := &element{Name: xml.Name{Space: nsContentTypes, Local: "Default"}}
		e.setAttr("Extension", d.ext)
		e.setAttr("ContentType", d.ctype)
		root.Kids = append(root.Kids, e)
	}
	for _, q := range p.parts {
		if q.ctype == "" {
			continue
		}
		e := &element{Name: xml.Name{Space: nsContentTypes, Local: "Override"}}
		e.setAttr("PartName", "/"+q.name)
		e.setAttr("ContentType", q.ctype)
		root.Kids = append(root.Kids, e)
	}
	return &document{Root: root}
}

// encodeXML serializes a document in the package's chosen encoding.
func (p *pkg) encodeXML(doc *document) []byte {
	opts := p.opts
	if p.xmlComments {
		doc = &document{Root: doc.Root, Epilog: doc.Epilog,
			Prolog: append([]node{&comment{" written by xlsxtest "}, &procInst{"baocao-test", "prolog"}}, doc.Prolog...)}
	}
	s := serialize(doc, opts)
	switch p.encoding {
	case "utf8-bom":
		return append([]byte{0xEF, 0xBB, 0xBF}, s...)
	case "utf16le", "utf16be":
		s = strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
		u := utf16.Encode([]rune(s))
		out := make([]byte, 0, 2+2*len(u))
		if p.encoding == "utf16le" {
			out = append(out, 0xFF, 0xFE)
			for _, c := range u {
				out = append(out, byte(c), byte(c>>8))
			}
		} else {
			out = append(out, 0xFE, 0xFF)
			for _, c := range u {
				out = append(out, byte(c>>8), byte(c))
			}
		}
		return out
	}
	return []byte(s)
}

// zipName is the name of the zip entry holding a part; with caseShift the
// first letter of every segment is changed to upper case (OPC part names
// compare case-insensitively).
func (p *pkg) zipName(name string) string {
	if !p.caseShift || name == "_rels/.rels" {
		return name
	}
	segs := strings.Split(name, "/")
	for i, s := range segs {
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			segs[i] = string(s[0]-'a'+'A') + s[1:]
		} else if i == len(segs)-1 && s != "" && s[0] >= 'A' && s[0] <= 'Z' {
			segs[i] = string(s[0]-'A'+'a') + s[1:]
		}
	}
	return strings.Join(segs, "/")
}

func (p *pkg) write() ([]byte, error) {
	type file struct {
		name string
		data []byte
	}
	var files []file
	seen := map[*part]bool{}
	rootRelsDone := false
	addRels := func(q *part) {
		if q == nil {
			rootRelsDone = true
			files = append(files, file{"_rels/.rels", p.encodeXML(p.relsDoc("", p.rootRels))})
			return
		}
		if len(q.rels) == 0 {
			return
		}
		files = append(files, file{p.zipName(relsName(q.name)), p.encodeXML(p.relsDoc(q.name, q.rels))})
	}
	relsDone := map[*part]bool{}
	for _, e := range p.entries {
		switch e.kind {
		case "ct":
			files = append(files, file{"[Content_Types].xml", p.encodeXML(p.contentTypesDoc())})
		case "rels":
			if e.p == nil {
				addRels(nil)
			} else if !relsDone[e.p] {
				relsDone[e.p] = true
				addRels(e.p)
			}
		case "part":
			seen[e.p] = true
			data := e.p.raw
			if e.p.doc != nil {
				data = p.encodeXML(e.p.doc)
			}
			files = append(files, file{p.zipName(e.p.name), data})
		}
	}
	if !rootRelsDone {
		addRels(nil)
	}
	for _, q := range p.parts {
		if !seen[q] {
			return nil, fmt.Errorf("part %s has no zip entry", q.name)
		}
		if len(q.rels) > 0 && !relsDone[q] {
			relsDone[q] = true
			addRels(q)
		}
	}
	if p.reverse {
		for i, j := 0, len(files)-1; i < j; i, j = i+1, j-1 {
			files[i], files[j] = files[j], files[i]
		}
		// [Content_Types].xml last whatever the input order was.
		for i, f := range files {
			if f.name == "[Content_Types].xml" {
				files = append(append(files[:i:i], files[i+1:]...), f)
				break
			}
		}
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime}
		if p.store {
			h.Method = zip.Store
		}
		if p.descriptor {
			w, err := zw.CreateHeader(h) // archive/zip writes a data descriptor
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(f.data); err != nil {
				return nil, err
			}
			continue
		}
		// Sizes and CRC in the local header, no data descriptor.
		h.CRC32 = crc32.ChecksumIEEE(f.data)
		h.UncompressedSize64 = uint64(len(f.data))
		body := f.data
		if h.Method == zip.Deflate {
			var c bytes.Buffer
			fw, err := flate.NewWriter(&c, flate.DefaultCompression)
			if err != nil {
				return nil, err
			}
			fw.Write(f.data)
			fw.Close()
			body = c.Bytes()
		}
		h.CompressedSize64 = uint64(len(body))
		h.ModifiedDate, h.ModifiedTime = msdosTime(zipTime)
		w, err := zw.CreateRaw(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func msdosTime(t time.Time) (date, tm uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}
