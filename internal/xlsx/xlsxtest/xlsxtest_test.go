package xlsxtest_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"baocao/internal/xlsx/xlsxtest"

	"github.com/xuri/excelize/v2"
)

// inputs are the workbooks every variant is made from: three submissions of
// the example and the real-client fixtures (LibreOffice and openpyxl).
func inputs(t testing.TB) map[string][]byte {
	t.Helper()
	subs, err := filepath.Glob("../../../examples/kontum-2024/submissions/*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(subs)
	if len(subs) > 3 {
		subs = subs[:3]
	}
	clients, err := filepath.Glob("../../intake/testdata/clients/*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range append(subs, clients...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	if len(out) < 4 {
		t.Fatalf("found only %d input workbooks", len(out))
	}
	out["synthetic.xlsx"] = synthetic(t)
	return out
}

// synthetic is a workbook written by excelize with the values that stress
// the shapes: "]]>" inside and across CDATA sections, carriage returns,
// edge spaces, markup characters, decomposed Vietnamese, a character beyond
// the Basic Multilingual Plane, dates with and without a time, a time of
// day alone, date-looking text in quotes, gaps between rows and cells, and
// custom properties.
func synthetic(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Dữ liệu"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("A&B <2>"); err != nil {
		t.Fatal(err)
	}
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	set := func(sh, cell string, v any, styleID int) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
		if styleID >= 0 {
			if err := f.SetCellStyle(sh, cell, cell, styleID); err != nil {
				t.Fatal(err)
			}
		}
	}
	set(sheet, "A1", "a]]>b", -1)
	set(sheet, "A2", "twelve chars]]>twelve chars and more text", -1)
	set(sheet, "A3", "dòng 1\r\ndòng 2\rdòng 3", -1)
	set(sheet, "A4", "  khoảng trắng hai đầu  ", -1)
	set(sheet, "A5", `<&>"' ]]`, -1)
	set(sheet, "A6", "Vie\u0323\u0302t Nam (NFD) và Việt Nam", -1)
	set(sheet, "A7", "ký tự 😀 ngoài BMP", -1)
	set(sheet, "A8", "tab\there", -1)
	set(sheet, "A9", "]", -1)
	set(sheet, "B1", 45615, style(&excelize.Style{NumFmt: 14}))
	set(sheet, "B2", 45615.75, custom("dd/mm/yyyy hh:mm"))
	set(sheet, "B3", 0.5, style(&excelize.Style{NumFmt: 20}))
	set(sheet, "B4", 1234.5678, custom("#,##0.00"))
	set(sheet, "B5", -3, -1)
	set(sheet, "B6", 1e-7, -1)
	set(sheet, "B7", true, -1)
	set(sheet, "B8", 45292, custom("[$-42A]dd/mm/yyyy"))
	set(sheet, "B9", 12.5, custom(`0.0 "ngày/tháng/năm"`))
	set(sheet, "B10", 1530.25, custom("yyyy-mm-dd hh:mm:ss"))
	set(sheet, "D12", "sau khoảng trống", -1)
	set(sheet, "F12", 7, -1)
	set(sheet, "AA30", "xa", -1)
	set("A&B <2>", "C3", "trang hai", -1)
	set("A&B <2>", "A1", 1, -1)
	for _, p := range []excelize.CustomProperty{
		{Name: "baocao_unit_code", Value: "ĐV ]]> <&>"},
		{Name: "baocao_period", Value: "2023-12-15/2024-12-14"},
	} {
		if err := f.SetCustomProps(p); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	var k []string
	for x := range m {
		k = append(k, x)
	}
	sort.Strings(k)
	return k
}

func TestVariantsList(t *testing.T) {
	vs := xlsxtest.Variants()
	if len(vs) < 100 {
		t.Errorf("%d variants, want at least 100", len(vs))
	}
	safe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(\+[a-z0-9]+(-[a-z0-9]+)*)*$`)
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name] {
			t.Errorf("variant %s twice", v.Name)
		}
		seen[v.Name] = true
		if !safe.MatchString(v.Name) {
			t.Errorf("variant name %q is not file-name safe", v.Name)
		}
	}
	for _, s := range xlsxtest.Shapes() {
		if !seen[s.Name] {
			t.Errorf("shape %s is not a variant of its own", s.Name)
		}
	}
	again := xlsxtest.Variants()
	for i := range vs {
		if vs[i].Name != again[i].Name {
			t.Fatalf("variant order changes: %s then %s", vs[i].Name, again[i].Name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	in := inputs(t)
	// Every single shape and the two largest combinations, on two inputs.
	var vs []xlsxtest.Variant
	for _, v := range xlsxtest.Variants() {
		if len(v.Shapes) == 1 || len(v.Shapes) > 10 {
			vs = append(vs, v)
		}
	}
	for _, name := range []string{sortedKeys(in)[0], "synthetic.xlsx"} {
		for _, v := range vs {
			a, err := xlsxtest.ApplyVariant(in[name], v)
			if err != nil {
				t.Fatal(err)
			}
			b, err := xlsxtest.ApplyVariant(in[name], v)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s: two runs differ", v.Name)
			}
		}
	}
}

func TestConflictingShapes(t *testing.T) {
	in := inputs(t)
	a, _ := xlsxtest.ShapeByName("utf16le")
	b, _ := xlsxtest.ShapeByName("utf16be")
	if _, err := xlsxtest.Apply(in[sortedKeys(in)[0]], a, b); err == nil {
		t.Error("utf16le with utf16be: no error")
	}
	if _, err := xlsxtest.Apply(in[sortedKeys(in)[0]], xlsxtest.Shape{Name: "made-up"}); err == nil {
		t.Error("a shape not from Shapes(): no error")
	}
}

// checkPackage checks what holds for every variant: the zip opens, every XML
// part is well-formed, every relationship target exists (part names compare
// case-insensitively, as OPC says) and [Content_Types].xml gives a content
// type to every part.
func checkPackage(t *testing.T, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("zip: %v", err)
	}
	files := map[string][]byte{} // by lower-case name
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if _, dup := files[strings.ToLower(f.Name)]; dup {
			t.Errorf("%s: two entries of that name", f.Name)
		}
		files[strings.ToLower(f.Name)] = b
		names = append(names, f.Name)
	}
	type ct struct{ defaults, overrides map[string]string }
	types := ct{map[string]string{}, map[string]string{}}
	for _, name := range names {
		lower := strings.ToLower(name)
		if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") {
			continue
		}
		d, err := xlsxtest.NewDecoder(files[lower])
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var stack []xml.StartElement
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: not well-formed: %v", name, err)
				break
			}
			switch e := tok.(type) {
			case xml.StartElement:
				stack = append(stack, e)
				if lower == "[content_types].xml" && len(stack) == 2 {
					attr := map[string]string{}
					for _, a := range e.Attr {
						attr[a.Name.Local] = a.Value
					}
					switch e.Name.Local {
					case "Default":
						types.defaults[strings.ToLower(attr["Extension"])] = attr["ContentType"]
					case "Override":
						types.overrides[strings.ToLower(attr["PartName"])] = attr["ContentType"]
					}
				}
				if strings.HasSuffix(lower, ".rels") && e.Name.Local == "Relationship" {
					attr := map[string]string{}
					for _, a := range e.Attr {
						attr[a.Name.Local] = a.Value
					}
					if attr["TargetMode"] == "External" {
						continue
					}
					target := resolveTarget(name, attr["Target"])
					if _, ok := files[strings.ToLower(target)]; !ok {
						t.Errorf("%s: target %s (%s) is not in the zip", name, attr["Target"], target)
					}
				}
			case xml.EndElement:
				stack = stack[:len(stack)-1]
			}
		}
	}
	if _, ok := files["[content_types].xml"]; !ok {
		t.Fatal("no [Content_Types].xml")
	}
	for _, name := range names {
		lower := strings.ToLower(name)
		if lower == "[content_types].xml" {
			continue
		}
		if _, ok := types.overrides["/"+lower]; ok {
			continue
		}
		if _, ok := types.defaults[strings.TrimPrefix(path.Ext(lower), ".")]; !ok {
			t.Errorf("%s has no content type", name)
		}
	}
	for o := range types.overrides {
		if _, ok := files[strings.TrimPrefix(o, "/")]; !ok {
			t.Errorf("override for %s, which is not in the zip", o)
		}
	}
}

// resolveTarget resolves a relationship target against the source part of
// relationship part rels.
func resolveTarget(rels, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	dir := path.Dir(path.Dir(rels)) // the folder holding _rels/
	if dir == "." {
		dir = ""
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, target)), "/")
}

type book struct {
	sheets []string
	rows   map[string][][]string
	props  map[string]string
}

// readExcelize reads every sheet with excelize, and the custom properties
// when props is true.
func readExcelize(data []byte, props bool) (*book, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := &book{rows: map[string][][]string{}, props: map[string]string{}}
	b.sheets = f.GetSheetList()
	for _, s := range b.sheets {
		rows, err := f.GetRows(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
		b.rows[s] = rows
	}
	if !props {
		return b, nil
	}
	list, err := f.GetCustomProps()
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		b.props[p.Name] = fmt.Sprint(p.Value)
	}
	return b, nil
}

// diff returns the first differences between two readings.
func diff(want, got *book) []string {
	var out []string
	if strings.Join(want.sheets, "|") != strings.Join(got.sheets, "|") {
		out = append(out, fmt.Sprintf("sheets %q, want %q", got.sheets, want.sheets))
		return out
	}
	for _, s := range want.sheets {
		w, g := want.rows[s], got.rows[s]
		for r := 0; r < max(len(w), len(g)); r++ {
			var wr, gr []string
			if r < len(w) {
				wr = w[r]
			}
			if r < len(g) {
				gr = g[r]
			}
			for c := 0; c < max(len(wr), len(gr)); c++ {
				var wv, gv string
				if c < len(wr) {
					wv = wr[c]
				}
				if c < len(gr) {
					gv = gr[c]
				}
				if wv != gv && len(out) < 5 {
					out = append(out, fmt.Sprintf("%s!R%dC%d = %q, want %q", s, r+1, c+1, gv, wv))
				}
			}
		}
	}
	for k, v := range want.props {
		if got.props[k] != v && len(out) < 6 {
			out = append(out, fmt.Sprintf("custom property %s = %q, want %q", k, got.props[k], v))
		}
	}
	return out
}

// TestExcelizeSupport is exploratory: it reports, for every single shape,
// whether excelize reads the same values.
func TestExcelizeSupport(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	in := inputs(t)
	for _, s := range xlsxtest.Shapes() {
		ok := true
		var why string
		for _, name := range sortedKeys(in) {
			want, err := readExcelize(in[name], s.Name != "strict")
			if err != nil {
				t.Fatal(err)
			}
			out, err := xlsxtest.Apply(in[name], s)
			if err != nil {
				t.Fatalf("%s %s: %v", name, s.Name, err)
			}
			got, err := readExcelize(out, s.Name != "strict")
			if err != nil {
				ok, why = false, err.Error()
				break
			}
			if d := diff(want, got); len(d) > 0 {
				ok, why = false, name+": "+strings.Join(d, "; ")
				break
			}
		}
		t.Logf("%-24s %v %s", s.Name, ok, why)
	}
}

// TestWriteVariants writes every variant of every input to the folder named
// by XLSXTEST_OUT, for a look with other tools; skipped without it.
func TestWriteVariants(t *testing.T) {
	dir := os.Getenv("XLSXTEST_OUT")
	if dir == "" {
		t.Skip("XLSXTEST_OUT not set")
	}
	in := inputs(t)
	for i, name := range sortedKeys(in) {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("in%d.xlsx", i)), in[name], 0o644); err != nil {
			t.Fatal(err)
		}
		for _, v := range xlsxtest.Variants() {
			out, err := xlsxtest.ApplyVariant(in[name], v)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("in%d_%s.xlsx", i, v.Name)), out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// excelizeCannot lists the shapes whose variants excelize v2.11 does not
// read the same, by limits of excelize found with TestExcelizeSupport:
// it looks parts up by their usual names (renamed-parts, renamed-parts-root)
// and by exact zip entry names (zip-case, targets-dot-slash: "./xl/..." is
// not cleaned), does not decode UTF-16 (utf16le, utf16be) and shows a t="d"
// cell's ISO text instead of formatting it (iso-dates, iso-dates-short).
// It reads Strict cells but not Strict custom properties, and not Strict
// parts whose relationship types are written with character references
// (strict with entities: it maps Strict names by replacing bytes).
var excelizeCannot = map[string]bool{
	"renamed-parts": true, "renamed-parts-root": true, "zip-case": true, "targets-dot-slash": true,
	"utf16le": true, "utf16be": true, "iso-dates": true, "iso-dates-short": true,
}

// TestVariants applies every variant to every input and checks the package,
// the values read by the reference reader, and the values read by excelize
// where excelize reads that shape.
func TestVariants(t *testing.T) {
	in := inputs(t)
	for _, name := range sortedKeys(in) {
		dates := refDates(t, in[name])
		wantRef, err := readRef(in[name], dates)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantEx, err := readExcelize(in[name], true)
		if err != nil {
			t.Fatal(err)
		}
		wantExCells, err := readExcelize(in[name], false)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range xlsxtest.Variants() {
			t.Run(name+"/"+v.Name, func(t *testing.T) {
				t.Parallel()
				out, err := xlsxtest.ApplyVariant(in[name], v)
				if err != nil {
					t.Fatal(err)
				}
				checkPackage(t, out)
				got, err := readRef(out, dates)
				if err != nil {
					t.Fatalf("reference reader: %v", err)
				}
				if d := refDiff(wantRef, got); len(d) > 0 {
					t.Errorf("reference reader:\n%s", strings.Join(d, "\n"))
				}
				props, compare, entities := true, true, false
				for _, s := range v.Shapes {
					compare = compare && !excelizeCannot[s.Name]
					props = props && s.Name != "strict"
					entities = entities || s.Name == "entities"
				}
				compare = compare && (props || !entities)
				if !compare {
					return
				}
				want := wantEx
				if !props {
					want = wantExCells
				}
				gotEx, err := readExcelize(out, props)
				if err != nil {
					t.Fatalf("excelize: %v", err)
				}
				if d := diff(want, gotEx); len(d) > 0 {
					t.Errorf("excelize:\n%s", strings.Join(d, "\n"))
				}
			})
		}
	}
}
