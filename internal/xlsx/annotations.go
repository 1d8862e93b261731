package xlsx

import (
	"archive/zip"
	"sort"
	"strings"
)

// What a sheet holds beside its cells: notes, hyperlinks and what its
// drawing anchors. Each is reached through the sheet part's relationships
// by type, in their transitional and Strict spellings: the comments part
// (legacy notes), the threaded comments part (Excel 365's comments), the
// drawing part and the hyperlinks' external targets. These parts are read,
// checked and refused like any other part reached; what they point to in
// turn (the VML shapes of notes, the pictures and charts of a drawing) is
// never inflated.

// Note is a cell comment: a legacy note (xl/commentsN.xml, reached through
// the sheet's relationship of type .../comments) or a threaded comment
// (xl/threadedComments, type
// http://schemas.microsoft.com/office/2017/10/relationships/threadedComment),
// whose thread's texts are joined by line ends. A cell with both (Excel
// writes a legacy copy of each thread for older versions) keeps the
// threaded text only. Text is as stored: Excel starts a legacy note with
// its author's name and a colon.
type Note struct {
	Row, Col int
	Author   string
	Text     string
}

// Link is a hyperlink on a cell or range. Target is the external address
// (the sheet relationship the link names, TargetMode="External"), or the
// place in the workbook (its location attribute, "Sheet2!A1"); a link with
// both is the address, "#" and the location.
type Link struct {
	Range  Range
	Target string
}

// Notes lists the sheet's notes in row, column order.
func (s *Sheet) Notes() []Note { return s.notes }

// Links lists the sheet's hyperlinks in the order written.
func (s *Sheet) Links() []Link { return s.links }

// Pictures counts the pictures, shapes and charts anchored in the sheet's
// drawing part (xdr:twoCellAnchor, oneCellAnchor and absoluteAnchor
// elements); 0 when the sheet has none.
func (s *Sheet) Pictures() int { return s.pictures }

// extras is what the sheets' extra parts share: a part two sheets name is
// read once, and the persons of threaded comments once per workbook.
type extras struct {
	personsName string // the workbook's persons part, "" if none
	persons     map[string]string
	personsRead bool
	notes       map[string][]Note // by comments or threaded comments part
	pictures    map[string]int    // by drawing part
}

// sheetExtras reads the sheet's relationships and the parts they name:
// comments, threaded comments, drawing, and the hyperlinks' targets.
func (a *archive) sheetExtras(sh *Sheet, name string, ex *extras) *FileError {
	var rels []rel
	if zf := a.files[relsPartOf(name)]; zf != nil {
		s, fe := a.part(zf)
		if fe != nil {
			return fe
		}
		list, e, ok := readRels(s, name, true)
		if e != xmlOK {
			return xmlError(zf.Name, e)
		}
		if !ok {
			return errStructure(zf.Name)
		}
		rels = list
	}
	if len(sh.links) > 0 {
		resolveLinks(sh, rels)
	}
	sh.linkRels = nil
	var comments, threaded, drawing string
	for _, r := range rels {
		if r.external {
			continue
		}
		switch r.kind {
		case "comments":
			if comments == "" {
				comments = r.target
			}
		case "threadedcomment":
			if threaded == "" {
				threaded = r.target
			}
		case "drawing":
			if drawing == "" {
				drawing = r.target
			}
		}
	}
	var legacy, threads []Note
	if zf := a.files[comments]; comments != "" && zf != nil {
		n, fe := a.partNotes(zf, comments, ex, false)
		if fe != nil {
			return fe
		}
		legacy = n
	}
	if zf := a.files[threaded]; threaded != "" && zf != nil {
		n, fe := a.partNotes(zf, threaded, ex, true)
		if fe != nil {
			return fe
		}
		threads = n
	}
	sh.notes = mergeNotes(legacy, threads)
	if zf := a.files[drawing]; drawing != "" && zf != nil {
		n, seen := ex.pictures[drawing]
		if !seen {
			s, fe := a.part(zf)
			if fe != nil {
				return fe
			}
			var e xmlErr
			if n, e = parseDrawing(s); e != xmlOK {
				return xmlError(zf.Name, e)
			}
			if ex.pictures == nil {
				ex.pictures = map[string]int{}
			}
			ex.pictures[drawing] = n
		}
		sh.pictures = n
	}
	return nil
}

// partNotes reads a comments or threaded comments part, once.
func (a *archive) partNotes(zf *zip.File, name string, ex *extras, threaded bool) ([]Note, *FileError) {
	if n, ok := ex.notes[name]; ok {
		return n, nil
	}
	s, fe := a.part(zf)
	if fe != nil {
		return nil, fe
	}
	var notes []Note
	var e xmlErr
	if threaded {
		var ids []string
		notes, ids, e = parseThreaded(s)
		if e == xmlOK && len(ids) > 0 {
			persons, fe := a.readPersons(ex)
			if fe != nil {
				return nil, fe
			}
			for i := range notes {
				notes[i].Author = persons[ids[i]]
			}
		}
	} else {
		notes, e = parseComments(s)
	}
	if e != xmlOK {
		return nil, xmlError(zf.Name, e)
	}
	if ex.notes == nil {
		ex.notes = map[string][]Note{}
	}
	ex.notes[name] = notes
	return notes, nil
}

// readPersons reads the workbook's persons part (the authors of threaded
// comments, by id) the first time a thread needs it.
func (a *archive) readPersons(ex *extras) (map[string]string, *FileError) {
	if ex.personsRead {
		return ex.persons, nil
	}
	ex.personsRead = true
	zf := a.files[ex.personsName]
	if ex.personsName == "" || zf == nil {
		return nil, nil
	}
	s, fe := a.part(zf)
	if fe != nil {
		return nil, fe
	}
	persons, e := parsePersons(s)
	if e != xmlOK {
		return nil, xmlError(zf.Name, e)
	}
	ex.persons = persons
	return persons, nil
}

// resolveLinks sets each link's target from the relationship it names.
// A link with neither a known relationship nor a location is left out.
func resolveLinks(sh *Sheet, rels []rel) {
	byID := make(map[string]string, len(rels))
	for _, r := range rels {
		if _, seen := byID[r.id]; !seen {
			byID[r.id] = r.raw
		}
	}
	k := 0
	for i, l := range sh.links {
		if id := sh.linkRels[i]; id != "" {
			if target, ok := byID[id]; ok {
				if l.Target != "" {
					l.Target = target + "#" + l.Target
				} else {
					l.Target = target
				}
			}
		}
		if l.Target == "" {
			continue
		}
		sh.links[k] = l
		k++
	}
	sh.links = sh.links[:k]
}

// mergeNotes puts legacy notes and threads in row, column order; a cell
// with a thread keeps only the thread.
// Both lists may be shared with another sheet and are not changed.
func mergeNotes(legacy, threads []Note) []Note {
	if len(legacy)+len(threads) == 0 {
		return nil
	}
	out := make([]Note, 0, len(legacy)+len(threads))
	at := make(map[[2]int]bool, len(threads))
	for _, n := range threads {
		at[[2]int{n.Row, n.Col}] = true
	}
	for _, n := range legacy {
		if !at[[2]int{n.Row, n.Col}] {
			out = append(out, n)
		}
	}
	out = append(out, threads...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Row != out[j].Row {
			return out[i].Row < out[j].Row
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// hyperlinks reads a sheet's <hyperlinks>: each link's range, location
// and relationship id, resolved once the sheet's relationships are read.
func (p *sheetReader) hyperlinks() {
	x := p.x
	d := x.depth()
	for x.child(d) {
		if x.ns == nsMain && x.local == "hyperlink" {
			ref, _ := x.attr(nsNone, "ref")
			id, _ := x.attr(nsRel, "id")
			loc, _ := x.attr(nsNone, "location")
			if r, ok := ParseRange(strings.TrimSpace(ref)); ok && (id != "" || loc != "") {
				p.s.links = append(p.s.links, Link{Range: r, Target: loc})
				p.s.linkRels = append(p.s.linkRels, id)
			}
		}
		x.skip()
	}
}

// parseComments reads a legacy comments part: <authors> and <commentList>.
// A part whose root is not SpreadsheetML's <comments> holds no notes.
func parseComments(s string) ([]Note, xmlErr) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, x.err
	}
	var out []Note
	if x.ns == nsMain && x.local == "comments" {
		var authors []string
		for x.child(1) {
			if x.ns != nsMain {
				x.skip()
				continue
			}
			switch x.local {
			case "authors":
				for x.child(2) {
					if x.ns == nsMain && x.local == "author" {
						authors = append(authors, x.text())
					} else {
						x.skip()
					}
				}
			case "commentList":
				for x.child(2) {
					if x.ns != nsMain || x.local != "comment" {
						x.skip()
						continue
					}
					ref, _ := x.attr(nsNone, "ref")
					aid, _ := x.attr(nsNone, "authorId")
					col, row, ok := ParseCellName(strings.TrimSpace(ref))
					n := Note{Row: row, Col: col}
					if v, k := digits(strings.TrimSpace(aid)); k > 0 && k == len(strings.TrimSpace(aid)) {
						n.Author = authorAt(authors, v)
					}
					var b strings.Builder // one <text>; more are joined
					for x.child(3) {
						if x.ns == nsMain && x.local == "text" {
							b.WriteString(stringItem(x))
						} else {
							x.skip()
						}
					}
					n.Text = b.String()
					if ok {
						out = append(out, n)
					}
				}
			default:
				x.skip()
			}
		}
	}
	x.finish()
	return out, x.err
}

func authorAt(authors []string, i int) string {
	if i < len(authors) {
		return authors[i]
	}
	return ""
}

// parseThreaded reads a threaded comments part: one note per cell, its
// thread's texts joined by line ends in the order written, with the
// person id of the thread's first comment.
func parseThreaded(s string) (notes []Note, persons []string, e xmlErr) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, nil, x.err
	}
	var texts []*strings.Builder // each note's thread, joined as read
	if x.ns == nsThreaded && x.local == "ThreadedComments" {
		at := map[[2]int]int{}
		for x.child(1) {
			if x.ns != nsThreaded || x.local != "threadedComment" {
				x.skip()
				continue
			}
			ref, _ := x.attr(nsNone, "ref")
			person, _ := x.attr(nsNone, "personId")
			col, row, ok := ParseCellName(strings.TrimSpace(ref))
			text, hasText := "", false
			for x.child(2) {
				if x.ns == nsThreaded && x.local == "text" && !hasText {
					text, hasText = x.text(), true
				} else {
					x.skip()
				}
			}
			if !ok {
				continue
			}
			if i, seen := at[[2]int{row, col}]; seen {
				texts[i].WriteByte('\n')
				texts[i].WriteString(text)
				continue
			}
			at[[2]int{row, col}] = len(notes)
			notes = append(notes, Note{Row: row, Col: col})
			texts = append(texts, &strings.Builder{})
			texts[len(texts)-1].WriteString(text)
			persons = append(persons, person)
		}
	}
	x.finish()
	if x.err != xmlOK {
		return nil, nil, x.err
	}
	for i := range notes {
		notes[i].Text = texts[i].String()
	}
	return notes, persons, xmlOK
}

// parsePersons reads the persons part: display names by id.
func parsePersons(s string) (map[string]string, xmlErr) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return nil, x.err
	}
	out := map[string]string{}
	if x.ns == nsThreaded && x.local == "personList" {
		for x.child(1) {
			if x.ns == nsThreaded && x.local == "person" {
				id, _ := x.attr(nsNone, "id")
				name, _ := x.attr(nsNone, "displayName")
				if _, seen := out[id]; !seen {
					out[id] = name
				}
			}
			x.skip()
		}
	}
	x.finish()
	return out, x.err
}

// parseDrawing counts the anchors of a drawing part. Anchors wrapped in
// mc:AlternateContent count once: the most any of its branches holds.
func parseDrawing(s string) (int, xmlErr) {
	x := newReader(s)
	defer x.release()
	if !x.root() {
		return 0, x.err
	}
	n := 0
	if x.ns == nsXDR && x.local == "wsDr" {
		for x.child(1) {
			switch {
			case isAnchor(x):
				n++
			case x.ns == nsMC && x.local == "AlternateContent":
				most := 0
				for x.child(2) {
					k := 0
					for x.child(3) {
						if isAnchor(x) {
							k++
						}
						x.skip()
					}
					most = max(most, k)
				}
				n += most
				continue
			}
			x.skip()
		}
	}
	x.finish()
	return n, x.err
}

func isAnchor(x *xmlReader) bool {
	return x.ns == nsXDR && (x.local == "twoCellAnchor" || x.local == "oneCellAnchor" || x.local == "absoluteAnchor")
}
