package xltemplate_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/xltemplate"
)

func kontum(t testing.TB) *model.Catalogue {
	t.Helper()
	c, probs := catalogue.Parse("kontum", examples.KontumCatalogue)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return c
}

func build(t testing.TB, c *model.Catalogue, code string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xltemplate.Write(&buf, c, c.UnitByCode(code)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

type row struct{ number, role string }

// seedRoles is read off the Phụ lục of the People's Committee plan by hand:
// which tasks each unit's template lists, with which role, in order —
// required tasks first, then the open-group tasks marked "(nếu có)".
var seedRoles = map[string][]row{
	// Sở Y tế: one of "Các Sở, ban ngành" (lead of 1; coordinator of 2, 3,
	// 9, 10, 11), lead of 13; "có liên quan" elsewhere.
	"SYT": {{"1", "Chủ trì"}, {"2", "Phối hợp"}, {"3", "Phối hợp"}, {"9", "Phối hợp"}, {"10", "Phối hợp"}, {"11", "Phối hợp"}, {"13", "Chủ trì"},
		{"4", "Liên quan (nếu có)"}, {"5", "Liên quan (nếu có)"}, {"6", "Liên quan (nếu có)"}, {"7", "Liên quan (nếu có)"}, {"8", "Liên quan (nếu có)"},
		{"12", "Liên quan (nếu có)"}, {"14", "Liên quan (nếu có)"}, {"15", "Liên quan (nếu có)"}},
	// Tu Mơ Rông only through "Ủy ban nhân dân các huyện, thành phố".
	"TUMORONG": {{"1", "Chủ trì"}, {"2", "Phối hợp"}, {"3", "Phối hợp"}, {"6", "Chủ trì"}, {"9", "Phối hợp"}, {"10", "Chủ trì"}, {"11", "Phối hợp"},
		{"4", "Liên quan (nếu có)"}, {"5", "Liên quan (nếu có)"}, {"7", "Liên quan (nếu có)"}, {"8", "Liên quan (nếu có)"}, {"12", "Liên quan (nếu có)"},
		{"13", "Liên quan (nếu có)"}, {"14", "Liên quan (nếu có)"}, {"15", "Liên quan (nếu có)"}},
	// The college leads task 7 and is in no closed group; tasks 14 and 15
	// go to "Các Sở, ban ngành, địa phương có liên quan", which it is not.
	"CDKT": {{"7", "Chủ trì"},
		{"1", "Liên quan (nếu có)"}, {"4", "Liên quan (nếu có)"}, {"5", "Liên quan (nếu có)"}, {"6", "Liên quan (nếu có)"}, {"8", "Liên quan (nếu có)"},
		{"9", "Liên quan (nếu có)"}, {"10", "Liên quan (nếu có)"}, {"11", "Liên quan (nếu có)"}, {"12", "Liên quan (nếu có)"}, {"13", "Liên quan (nếu có)"}},
	// Sở KH&CN leads almost everything; coordinates task 10.
	"SKHCN": {{"1", "Chủ trì"}, {"2", "Chủ trì"}, {"3", "Chủ trì"}, {"4", "Chủ trì"}, {"5", "Chủ trì"}, {"6", "Chủ trì"}, {"8", "Chủ trì"},
		{"9", "Chủ trì"}, {"10", "Phối hợp"}, {"11", "Chủ trì"}, {"14", "Chủ trì"}, {"15", "Chủ trì"},
		{"7", "Liên quan (nếu có)"}, {"12", "Liên quan (nếu có)"}, {"13", "Liên quan (nếu có)"}},
}

func taskRows(t *testing.T, f *excelize.File) []row {
	t.Helper()
	rows, err := f.GetRows(form.SheetTasks)
	if err != nil {
		t.Fatal(err)
	}
	var out []row
	for _, r := range rows[form.TaskHeaderRow:] {
		if len(r) >= 5 && r[1] != "" {
			out = append(out, row{r[1], r[4]})
		}
	}
	return out
}

func TestTasksAndRolesFromSeed(t *testing.T) {
	c := kontum(t)
	for code, want := range seedRoles {
		t.Run(code, func(t *testing.T) {
			f := open(t, build(t, c, code))
			got := taskRows(t, f)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("tasks and roles\n got %v\nwant %v", got, want)
			}
		})
	}
}

// The header labels are typed here, not taken from package form: a unit's
// workbook must keep exactly these.
var wantHeader = []string{"TT", "Nhiệm vụ số", "Nhóm", "Nội dung nhiệm vụ", "Vai trò", "Thời gian thực hiện",
	"Tình trạng", "Ngày hoàn thành", "Kết quả thực hiện", "Văn bản đã ban hành", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"}

// checkTemplate asserts what a unit's template must hold. It is run on
// fresh templates and on the LibreOffice-saved fixture, so it accepts what
// LibreOffice is known to change: very hidden becomes hidden, defined-name
// references lose their quotes, list formulas come back HTML-escaped.
func checkTemplate(t *testing.T, data []byte, c *model.Catalogue, u *model.Unit) {
	t.Helper()
	f := open(t, data)
	fills := fillColours(t, data)
	if got := f.GetSheetList(); strings.Join(got, "|") != "Hướng dẫn|Thông tin đơn vị|Nhiệm vụ|Chỉ tiêu|_baocao" {
		t.Errorf("sheets %q", got)
	}
	if vis, _ := f.GetSheetVisible(form.SheetMeta); vis {
		t.Error("metadata sheet is visible")
	}
	// Metadata: hidden sheet and custom properties agree.
	want := xltemplate.Metadata(c, u)
	for i, k := range form.MetaKeys {
		key, _ := f.GetCellValue(form.SheetMeta, fmt.Sprintf("A%d", i+2))
		val, _ := f.GetCellValue(form.SheetMeta, fmt.Sprintf("B%d", i+2))
		if key != k || val != want[k] {
			t.Errorf("metadata row %d = %q %q, want %q %q", i+2, key, val, k, want[k])
		}
	}
	props, err := f.GetCustomProps()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range props {
		got[p.Name] = fmt.Sprint(p.Value)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("custom property %s = %q, want %q", k, got[k], v)
		}
	}
	if want[form.MetaUnitCode] != u.Code || want[form.MetaCatalogueHash] != c.Hash || want[form.MetaTemplateFormat] != "1" {
		t.Errorf("metadata %v", want)
	}

	// Header, locked and input cells.
	hdr, _ := f.GetRows(form.SheetTasks)
	if strings.Join(hdr[form.TaskHeaderRow-1], "|") != strings.Join(wantHeader, "|") {
		t.Errorf("header %q", hdr[form.TaskHeaderRow-1])
	}
	first := form.TaskHeaderRow + 1
	last := form.TaskHeaderRow + len(c.Assignments(u.Code))
	for col := 1; col <= len(wantHeader); col++ {
		cell, _ := excelize.CoordinatesToCellName(col, first)
		id, _ := f.GetCellStyle(form.SheetTasks, cell)
		st, _ := f.GetStyle(id)
		locked := st.Protection == nil || st.Protection.Locked
		input := col >= 7
		if locked == input {
			t.Errorf("%s (%s): locked=%v", cell, wantHeader[col-1], locked)
		}
		if fill := fills[id]; input != strings.HasSuffix(strings.ToUpper(fill), "FFF2CC") {
			t.Errorf("cell %s (input %v) has fill %q", cell, input, fill)
		}
		if st.Font == nil || st.Font.Family != "Times New Roman" {
			t.Errorf("%s font %+v", cell, st.Font)
		}
	}
	for i, name := range []string{form.SheetGuide, form.SheetInfo, form.SheetTasks, form.SheetIndicators} {
		p := protection(t, data, i+1)
		if p["sheet"] != "1" || p["formatRows"] != "0" || p["insertRows"] != "1" || p["deleteRows"] != "1" ||
			p["selectUnlockedCells"] != "0" || p["password"] != "" || p["hashValue"] != "" {
			t.Errorf("%s protection %v", name, p)
		}
	}

	// Validations.
	dvs, _ := f.GetDataValidations(form.SheetTasks)
	var list, date bool
	for _, dv := range dvs {
		f1 := html.UnescapeString(dv.Formula1)
		switch {
		case dv.Type == "list":
			list = f1 == `"Hoàn thành,Đang thực hiện,Chưa thực hiện"` && dv.Sqref == fmt.Sprintf("G%d:G%d", first, last) &&
				dv.Error != nil && strings.Contains(*dv.Error, "Chọn một trong")
		case dv.Type == "date":
			date = dv.Sqref == fmt.Sprintf("H%d:H%d", first, last)
		}
	}
	if !list || !date {
		t.Errorf("task validations missing (list %v, date %v): %+v", list, date, dvs)
	}
	dvs, _ = f.GetDataValidations(form.SheetIndicators)
	if len(dvs) != 1 || dvs[0].Type != "decimal" || dvs[0].Sqref != "E4:E6" || dvs[0].Formula1 != "0" {
		t.Errorf("indicator validation %+v", dvs)
	}
	dvs, _ = f.GetDataValidations(form.SheetInfo)
	if len(dvs) != 1 || dvs[0].Type != "date" || dvs[0].Sqref != "B11" {
		t.Errorf("info validation %+v", dvs)
	}
	if v, _ := f.GetCellValue(form.SheetInfo, "B3"); v != u.Code {
		t.Errorf("info B3 = %q", v)
	}

	// Print set-up.
	pl, _ := f.GetPageLayout(form.SheetTasks)
	if pl.Size == nil || *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v", pl)
	}
	titles := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == form.SheetTasks && strings.ReplaceAll(dn.RefersTo, "'", "") == "Nhiệm vụ!$4:$4" {
			titles = true
		}
	}
	if !titles {
		t.Errorf("no print titles: %+v", f.GetDefinedName())
	}
	hf, _ := f.GetHeaderFooter(form.SheetTasks)
	if !strings.Contains(hf.OddFooter, strings.ReplaceAll(u.Name, "&", "&&")) || !strings.Contains(hf.OddFooter, "&P") {
		t.Errorf("footer %q", hf.OddFooter)
	}
}

func TestTemplateContents(t *testing.T) {
	c := kontum(t)
	for _, code := range []string{"SYT", "SKHCN", "CDKT", "TUMORONG", "MTTQ"} {
		t.Run(code, func(t *testing.T) {
			data := build(t, c, code)
			f := open(t, data)
			checkTemplate(t, data, c, c.UnitByCode(code))
			panes, _ := f.GetPanes(form.SheetTasks)
			if !panes.Freeze || panes.YSplit != form.TaskHeaderRow {
				t.Errorf("panes %+v", panes)
			}
			if !strings.Contains(zipEntry(t, data, "xl/workbook.xml"), `lockStructure="true"`) {
				t.Error("workbook structure not protected")
			}
			if !strings.Contains(zipEntry(t, data, "xl/workbook.xml"), `state="veryHidden"`) {
				t.Error("metadata sheet not very hidden")
			}
		})
	}
}

// Every task row is tall enough for its wrapped content: at least as many
// lines as the content has characters per 50 at the content column's width.
func TestRowHeightsShowContent(t *testing.T) {
	c := kontum(t)
	f := open(t, build(t, c, "SKHCN"))
	for i, a := range c.Assignments("SKHCN") {
		r := form.TaskHeaderRow + 1 + i
		h, _ := f.GetRowHeight(form.SheetTasks, r)
		chars := len([]rune(a.Task.Content))
		for _, fn := range a.Task.Footnotes {
			chars += len([]rune(fn))
		}
		minLines := float64(chars) / 50
		if h < minLines*15 || h > 409 {
			t.Errorf("task %s: row height %.0f pt for %d characters", a.Task.Number, h, chars)
		}
	}
}

func TestDeterministic(t *testing.T) {
	c := kontum(t)
	a, b := build(t, c, "SYT"), build(t, c, "SYT")
	if !bytes.Equal(a, b) {
		t.Error("two runs differ")
	}
	if bytes.Equal(a, build(t, c, "STC")) {
		t.Error("two units gave the same file")
	}
	if !strings.Contains(zipEntry(t, a, "docProps/core.xml"), "2023-12-15T00:00:00Z") {
		t.Error("document dates are not fixed to the period")
	}
}

// protection returns the sheetProtection attributes of the n-th sheet
// (from 1), "1" or "0" for each flag, with the defaults of ECMA-376 for those
// left out (LibreOffice writes only what differs; excelize reads a missing
// flag as false).
func protection(t *testing.T, data []byte, n int) map[string]string {
	t.Helper()
	x := zipEntry(t, data, fmt.Sprintf("xl/worksheets/sheet%d.xml", n))
	out := map[string]string{"sheet": "0", "formatRows": "1", "insertRows": "1", "deleteRows": "1", "selectUnlockedCells": "0"}
	i := strings.Index(x, "<sheetProtection")
	if i < 0 {
		return out
	}
	tag := x[i : i+strings.Index(x[i:], ">")]
	var el struct {
		Attrs []xml.Attr `xml:",any,attr"`
	}
	if err := xml.Unmarshal([]byte(strings.TrimSuffix(tag, "/")+"/>"), &el); err != nil {
		t.Fatal(err)
	}
	for _, a := range el.Attrs {
		v := a.Value
		switch v {
		case "true":
			v = "1"
		case "false":
			v = "0"
		}
		out[a.Name.Local] = v
	}
	return out
}

// fillColours maps each cell style index to the foreground colour of its
// fill, read from styles.xml (excelize does not report LibreOffice's).
func fillColours(t *testing.T, data []byte) map[int]string {
	t.Helper()
	var st struct {
		Fills []struct {
			FG struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Xfs []struct {
			FillID int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal([]byte(zipEntry(t, data, "xl/styles.xml")), &st); err != nil {
		t.Fatal(err)
	}
	out := map[int]string{}
	for i, xf := range st.Xfs {
		if xf.FillID < len(st.Fills) {
			out[i] = st.Fills[xf.FillID].FG.RGB
		}
	}
	return out
}

func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return ""
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ code, short, want string }{
		{"SYT", "Sở YT", "SYT_Sở YT.xlsx"},
		{"SKHCN", "Sở KH&CN", "SKHCN_Sở KH&CN.xlsx"},
		{"X", `a/b\c:d*e?f"g<h>i|j`, "X_a-b-c-d-e-f-g-h-i-j.xlsx"},
		{"Y", "tên.", "Y_tên.xlsx"},
	} {
		if got := xltemplate.FileName(&model.Unit{Code: tc.code, ShortName: tc.short}); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.short, got, tc.want)
		}
	}
}

// TestLibreOfficeFixture reads a template that LibreOffice Calc opened and
// saved (testdata/libreoffice/, made by testdata/make-fixture.sh): the
// metadata, validations, protection and print set-up survive.
func TestLibreOfficeFixture(t *testing.T) {
	c := kontum(t)
	data, err := os.ReadFile("testdata/libreoffice/SYT.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if app := zipEntry(t, data, "docProps/app.xml"); !strings.Contains(app, "LibreOffice") {
		t.Fatalf("fixture was not saved by LibreOffice: %s", app)
	}
	checkTemplate(t, data, c, c.UnitByCode("SYT"))
}
