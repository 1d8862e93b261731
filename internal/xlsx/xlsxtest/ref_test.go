package xlsxtest_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"baocao/internal/xlsx/xlsxtest"
)

// A small reference reader, written for these tests only, that follows the
// standard where the shapes go: relationships by type and resolved target,
// part names compared case-insensitively, names resolved to namespace URIs
// (transitional or strict), implied cell positions, rich-text runs without
// phonetic runs, t="d" cells and the 1904 date system. It lets every variant
// be compared value by value with its original, including the shapes that
// excelize cannot read.

type refEl struct {
	name xml.Name
	attr []xml.Attr
	kids []*refEl
	text string
}

func (e *refEl) get(local string) string {
	for _, a := range e.attr {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func isSMLNS(s string) bool {
	return s == "http://schemas.openxmlformats.org/spreadsheetml/2006/main" || s == "http://purl.oclc.org/ooxml/spreadsheetml/main"
}

func (e *refEl) all(local string) []*refEl {
	var out []*refEl
	for _, k := range e.kids {
		if k.name.Local == local && isSMLNS(k.name.Space) {
			out = append(out, k)
		}
	}
	return out
}

func (e *refEl) one(local string) *refEl {
	if l := e.all(local); len(l) > 0 {
		return l[0]
	}
	return nil
}

func refParse(data []byte) (*refEl, error) {
	d, err := xlsxtest.NewDecoder(data)
	if err != nil {
		return nil, err
	}
	var stack []*refEl
	var root *refEl
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			e := &refEl{name: t.Name, attr: t.Attr}
			if len(stack) > 0 {
				stack[len(stack)-1].kids = append(stack[len(stack)-1].kids, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
}

type refRel struct{ typ, target string }

type refBook struct {
	sheets []string
	cells  map[string]string // "sheet!A1" -> value; dates as "date:" + ISO text
	props  map[string]string
}

// stringText is the value of a <si> or <is>: its <t>, or the <t> of its
// runs; phonetic runs are left out.
func stringText(e *refEl) string {
	var b strings.Builder
	for _, k := range e.kids {
		if !isSMLNS(k.name.Space) {
			continue
		}
		switch k.name.Local {
		case "t":
			b.WriteString(k.text)
		case "r":
			if t := k.one("t"); t != nil {
				b.WriteString(t.text)
			}
		}
	}
	return b.String()
}

func refSerialISO(v float64, date1904 bool) string {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else if v < 61 {
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	days := math.Floor(v)
	ms := math.Round((v - days) * 86400000)
	return base.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond).Format("2006-01-02T15:04:05.000")
}

func refISO(s string) (string, error) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02T15:04:05.000"), nil
		}
	}
	return "", fmt.Errorf("bad ISO date %q", s)
}

// readRef reads a workbook; dates names the cells to read as dates.
func readRef(data []byte, dates map[string]bool) (*refBook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(f.Name)] = f
	}
	load := func(name string) (*refEl, error) {
		f := files[strings.ToLower(name)]
		if f == nil {
			return nil, fmt.Errorf("no part %s", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			return nil, err
		}
		return refParse(b)
	}
	rels := func(src string) (map[string]refRel, error) {
		name := "_rels/.rels"
		if src != "" {
			dir, base := path.Split(src)
			name = dir + "_rels/" + base + ".rels"
		}
		out := map[string]refRel{}
		if files[strings.ToLower(name)] == nil {
			return out, nil
		}
		root, err := load(name)
		if err != nil {
			return nil, err
		}
		for _, r := range root.kids {
			target := r.get("Target")
			if r.get("TargetMode") != "External" {
				if strings.HasPrefix(target, "/") {
					target = strings.TrimPrefix(path.Clean(target), "/")
				} else {
					target = strings.TrimPrefix(path.Clean("/"+path.Join(path.Dir("/"+src), target)), "/")
				}
			}
			out[r.get("Id")] = refRel{r.get("Type"), target}
		}
		return out, nil
	}
	byType := func(m map[string]refRel, suffixes ...string) string {
		var found []string
		for _, r := range m {
			for _, s := range suffixes {
				if strings.HasSuffix(r.typ, "/"+s) {
					found = append(found, r.target)
				}
			}
		}
		if len(found) == 1 {
			return found[0]
		}
		return ""
	}
	rootRels, err := rels("")
	if err != nil {
		return nil, err
	}
	wbName := byType(rootRels, "officeDocument")
	wb, err := load(wbName)
	if err != nil {
		return nil, err
	}
	wbRels, err := rels(wbName)
	if err != nil {
		return nil, err
	}
	date1904 := false
	if pr := wb.one("workbookPr"); pr != nil {
		date1904 = pr.get("date1904") == "1" || pr.get("date1904") == "true"
	}
	var sst []string
	if name := byType(wbRels, "sharedStrings"); name != "" {
		root, err := load(name)
		if err != nil {
			return nil, err
		}
		for _, si := range root.all("si") {
			sst = append(sst, stringText(si))
		}
	}
	b := &refBook{cells: map[string]string{}, props: map[string]string{}}
	for _, sh := range wb.one("sheets").all("sheet") {
		name := sh.get("name")
		b.sheets = append(b.sheets, name)
		var id string
		for _, a := range sh.attr {
			if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "relationships") {
				id = a.Value
			}
		}
		ws, err := load(wbRels[id].target)
		if err != nil {
			return nil, err
		}
		row := 0
		for _, r := range ws.one("sheetData").all("row") {
			row++
			if s := r.get("r"); s != "" {
				if row, err = strconv.Atoi(s); err != nil {
					return nil, err
				}
			}
			col := 0
			for _, c := range r.all("c") {
				col++
				if ref := c.get("r"); ref != "" {
					col = 0
					for _, ch := range ref {
						if ch >= 'A' && ch <= 'Z' {
							col = col*26 + int(ch-'A'+1)
						}
					}
				}
				letters := ""
				for n := col; n > 0; n = (n - 1) / 26 {
					letters = string(rune('A'+(n-1)%26)) + letters
				}
				key := name + "!" + letters + strconv.Itoa(row)
				v := c.one("v")
				var val string
				switch t := c.get("t"); t {
				case "s":
					i, err := strconv.Atoi(strings.TrimSpace(v.text))
					if err != nil || i >= len(sst) {
						return nil, fmt.Errorf("%s: bad string index", key)
					}
					val = sst[i]
				case "inlineStr":
					is := c.one("is")
					if is == nil {
						continue
					}
					val = stringText(is)
				case "d":
					if val, err = refISO(strings.TrimSpace(v.text)); err != nil {
						return nil, err
					}
					val = "date:" + val
				default:
					if v == nil {
						continue
					}
					val = v.text
					if t == "" || t == "n" {
						f, err := strconv.ParseFloat(strings.TrimSpace(v.text), 64)
						if err != nil {
							return nil, fmt.Errorf("%s: %v", key, err)
						}
						if dates[key] && f >= 1 {
							val = "date:" + refSerialISO(f, date1904)
						} else {
							val = strconv.FormatFloat(f, 'g', -1, 64)
						}
					}
				}
				b.cells[key] = val
			}
		}
	}
	if name := byType(rootRels, "custom-properties", "customProperties"); name != "" {
		root, err := load(name)
		if err != nil {
			return nil, err
		}
		for _, p := range root.kids {
			if len(p.kids) > 0 {
				b.props[p.get("name")] = p.kids[0].text
			}
		}
	}
	return b, nil
}

func refDates(t interface{ Fatal(...any) }, data []byte) map[string]bool {
	refs, err := xlsxtest.DateCells(data)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range refs {
		out[r.Sheet+"!"+r.Cell] = true
	}
	return out
}

func refDiff(want, got *refBook) []string {
	var out []string
	if strings.Join(want.sheets, "|") != strings.Join(got.sheets, "|") {
		return []string{fmt.Sprintf("sheets %q, want %q", got.sheets, want.sheets)}
	}
	for _, m := range []struct {
		what      string
		want, got map[string]string
	}{{"cell", want.cells, got.cells}, {"custom property", want.props, got.props}} {
		for k, v := range m.want {
			if g, ok := m.got[k]; (!ok || g != v) && len(out) < 5 {
				out = append(out, fmt.Sprintf("%s %s = %q, want %q", m.what, k, g, v))
			}
		}
		for k, g := range m.got {
			if _, ok := m.want[k]; !ok && len(out) < 5 {
				out = append(out, fmt.Sprintf("%s %s = %q, want nothing", m.what, k, g))
			}
		}
	}
	return out
}
