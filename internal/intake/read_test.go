package intake_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/form"
	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/textnorm"
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

// The Sở Y tế template: tasks 1, 2, 3, 9, 10, 11, 13 on rows 5–11 (must
// report), 4, 5, 6, 7, 8, 12, 14, 15 on rows 12–19 (if any).
const (
	sytFirst = 5
	sytLast  = 11
)

// template returns unit's template, opened for editing.
func template(t testing.TB, c *model.Catalogue, unit string) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := xltemplate.Write(&buf, c, c.UnitByCode(unit)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func set(t testing.TB, f *excelize.File, sheet, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
}

// fill writes a complete, valid report into a template whose required rows
// are first..last.
func fill(t testing.TB, f *excelize.File, first, last int) {
	t.Helper()
	set(t, f, form.SheetInfo, "B7", "Nguyễn Thị Hoa")
	set(t, f, form.SheetInfo, "B8", "Chuyên viên")
	set(t, f, form.SheetInfo, "B9", "0260 3862 123")
	set(t, f, form.SheetInfo, "B10", "hoa@example.vn")
	set(t, f, form.SheetInfo, "B11", time.Date(2024, 12, 10, 0, 0, 0, 0, time.UTC))
	for r := first; r <= last; r++ {
		c := func(col string) string { return fmt.Sprintf("%s%d", col, r) }
		if r%2 == 0 {
			set(t, f, form.SheetTasks, c("G"), "Hoàn thành")
			set(t, f, form.SheetTasks, c("H"), time.Date(2024, 9, r, 0, 0, 0, 0, time.UTC))
		} else {
			set(t, f, form.SheetTasks, c("G"), "Đang thực hiện")
		}
		set(t, f, form.SheetTasks, c("I"), fmt.Sprintf("Kết quả dòng %d.\nĐoạn thứ hai.", r))
		set(t, f, form.SheetTasks, c("J"), fmt.Sprintf("Công văn số %d/SYT", r))
		set(t, f, form.SheetTasks, c("K"), "Thiếu kinh phí")
		set(t, f, form.SheetTasks, c("L"), "Bổ sung kinh phí")
	}
	set(t, f, form.SheetIndicators, "E4", 1250.5)
	set(t, f, form.SheetIndicators, "E5", 300)
	set(t, f, form.SheetIndicators, "E6", 0)
}

func save(t testing.TB, f *excelize.File, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

type want struct {
	sheet, cell string
	sev         problem.Severity
	err         error
}

var (
	E = problem.Error
	W = problem.Warning
)

func zipOf(t testing.TB, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// In a fixed order: the corpus files are compared byte for byte with
	// what their generator makes.
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		w, _ := zw.Create(name)
		w.Write([]byte(entries[name]))
	}
	zw.Close()
	return buf.Bytes()
}

// bomb is a valid-looking workbook archive whose one entry inflates to
// 300 MB of zeros: over the default unzip limit.
func bomb(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte("<Types/>"))
	w, _ = zw.Create("xl/workbook.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 300; i++ {
		w.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
}

func TestBadInputs(t *testing.T) {
	c := kontum(t)
	ole := func(stream string) []byte {
		b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
		b = append(b, make([]byte, 600)...)
		for _, r := range stream {
			b = append(b, byte(r), 0)
		}
		return b
	}
	cases := []struct {
		name   string
		unit   string
		edit   func(t *testing.T, f *excelize.File)
		bytes  func(valid []byte) []byte
		limits intake.Limits
		want   []want
	}{
		{name: "valid", want: nil},
		{name: "status not in the list", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "G5", "xong rồi") },
			want: []want{{form.SheetTasks, "G5", E, intake.ErrStatus}}},
		{name: "status in lower case", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "G6", "hoàn thành ") },
			want: []want{{form.SheetTasks, "G6", W, intake.ErrStatusVariant}}},
		{name: "status without diacritics", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "G5", "Dang thuc hien") },
			want: []want{{form.SheetTasks, "G5", W, intake.ErrStatusVariant}}},
		{name: "status empty with content", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "G5", "") },
			want: []want{{form.SheetTasks, "G5", W, intake.ErrStatus}}},
		{name: "impossible date as text", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "H6", "31/02/2024") },
			want: []want{{form.SheetTasks, "H6", E, intake.ErrDate}}},
		{name: "date that is words", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "H6", "tháng 9") },
			want: []want{{form.SheetTasks, "H6", E, intake.ErrDate}}},
		{name: "date out of range", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "H6", time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC))
		}, want: []want{{form.SheetTasks, "H6", E, intake.ErrDate}}},
		{name: "date typed as text is read", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "H6", "15/03/2024") }},
		{name: "completed without result", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "I6", "") },
			want: []want{{form.SheetTasks, "I6", W, intake.ErrNoResult}}},
		{name: "completion date but in progress", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "H5", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC))
		}, want: []want{{form.SheetTasks, "H5", W, intake.ErrDate}}},
		{name: "task number not in catalogue", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "B5", "99") },
			want: []want{{form.SheetTasks, "", W, intake.ErrNotReported}, {form.SheetTasks, "B5", E, intake.ErrUnknownTask}}},
		{name: "task not assigned to the unit", unit: "CDKT", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "B6", "14")
			set(t, f, form.SheetTasks, "I6", "Nội dung")
		}, want: []want{{form.SheetTasks, "B6", E, intake.ErrNotAssigned}}},
		{name: "two rows for one task", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "B6", "1") },
			want: []want{{form.SheetTasks, "", W, intake.ErrNotReported}, {form.SheetTasks, "B6", E, intake.ErrDuplicateRow}}},
		{name: "content in a row without number", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "I25", "Ghi thêm ở cuối bảng")
		}, want: []want{{form.SheetTasks, "B25", E, intake.ErrNoTaskNumber}}},
		{name: "inserted and reordered rows are tolerated", edit: func(t *testing.T, f *excelize.File) {
			if err := f.InsertRows(form.SheetTasks, 7, 3); err != nil {
				t.Fatal(err)
			}
			// swap rows 5 and 6, as sorting does: rows are found by number
			for col := 'A'; col <= 'F'; col++ { // the task's own cells; the answers stay
				a, b := fmt.Sprintf("%c5", col), fmt.Sprintf("%c6", col)
				va, _ := f.GetCellValue(form.SheetTasks, a, excelize.Options{RawCellValue: true})
				vb, _ := f.GetCellValue(form.SheetTasks, b, excelize.Options{RawCellValue: true})
				set(t, f, form.SheetTasks, a, vb)
				set(t, f, form.SheetTasks, b, va)
			}
		}},
		{name: "extra column", edit: func(t *testing.T, f *excelize.File) {
			if err := f.InsertCols(form.SheetTasks, "H", 1); err != nil {
				t.Fatal(err)
			}
			set(t, f, form.SheetTasks, "H5", "ghi chú riêng")
		}, want: []want{{form.SheetTasks, "H5", W, intake.ErrOutsideTable}}},
		{name: "indicator in words", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "E4", "một trăm") },
			want: []want{{form.SheetIndicators, "E4", E, intake.ErrNumber}}},
		{name: "indicator negative", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "E5", -5) },
			want: []want{{form.SheetIndicators, "E5", E, intake.ErrNumber}}},
		{name: "indicator as Vietnamese text", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "E4", "1.250,5") }},
		{name: "indicator with unit words", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "E6", "200 triệu") },
			want: []want{{form.SheetIndicators, "E6", E, intake.ErrNumber}}},
		{name: "task text changed in an unlocked sheet", edit: func(t *testing.T, f *excelize.File) {
			v, _ := f.GetCellValue(form.SheetTasks, "D5")
			set(t, f, form.SheetTasks, "D5", v+" — ĐƠN VỊ GHI THÊM: ĐÃ XONG 100%")
		}, want: []want{{form.SheetTasks, "D5", W, intake.ErrTemplateEdited}}},
		{name: "indicator's unit of measure changed", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "D4", "tỷ đồng") },
			want: []want{{form.SheetIndicators, "D4", E, intake.ErrTemplateEdited}}},
		{name: "note typed over the title", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "A3", "Xem thêm công văn 55/SGTVT")
		},
			want: []want{{form.SheetTasks, "A3", W, intake.ErrTemplateEdited}}},
		{name: "note typed into the instructions", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetGuide, "A40", "Đơn vị xin gia hạn") },
			want: []want{{form.SheetGuide, "A40", W, intake.ErrTemplateEdited}}},
		{name: "completion date with a two-digit year", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "H6", "15/11/24") },
			want: []want{{form.SheetTasks, "H6", E, intake.ErrDate}}},
		{name: "indicator that reads two ways", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetIndicators, "E4", "3,500") },
			want: []want{{form.SheetIndicators, "E4", W, intake.ErrAmbiguousNumber}}},
		{name: "indicator true/false", edit: func(t *testing.T, f *excelize.File) {
			if err := f.SetCellBool(form.SheetIndicators, "E4", true); err != nil {
				t.Fatal(err)
			}
		}, want: []want{{form.SheetIndicators, "E4", E, intake.ErrCellType}}},
		{name: "status true/false", edit: func(t *testing.T, f *excelize.File) {
			if err := f.SetCellBool(form.SheetTasks, "G5", false); err != nil {
				t.Fatal(err)
			}
		}, want: []want{{form.SheetTasks, "G5", E, intake.ErrCellType}}},
		{name: "completion date after the report date", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "H6", time.Date(2024, 12, 12, 0, 0, 0, 0, time.UTC))
		}, want: []want{{form.SheetTasks, "H6", W, intake.ErrDate}}},
		{name: "completion date before the period", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetTasks, "H6", time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC))
		}, want: []want{{form.SheetTasks, "H6", W, intake.ErrDate}}},
		{name: "reporter of another unit", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetInfo, "B8", "Chuyên viên Sở Tài chính")
		},
			want: []want{{"", "", W, intake.ErrUnitMismatch}}},
		{name: "report date before the period", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetInfo, "B11", time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
		}, want: []want{{form.SheetInfo, "B11", E, intake.ErrDate}}},
		{name: "TCVN3 text", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "I5", "§· tæ chøc héi th¶o") },
			want: []want{{form.SheetTasks, "I5", W, intake.ErrLegacyText}}},
		{name: "VNI text", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "K7", "Thieáu kinh phí") },
			want: []want{{form.SheetTasks, "K7", W, intake.ErrLegacyText}}},
		{name: "reporter name missing", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetInfo, "B7", "") },
			want: []want{{form.SheetInfo, "B7", W, intake.ErrMissingInfo}}},
		{name: "report date not a date", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetInfo, "B11", "mười lăm") },
			want: []want{{form.SheetInfo, "B11", E, intake.ErrDate}}},
		{name: "metadata stripped", edit: func(t *testing.T, f *excelize.File) {
			if err := f.DeleteSheet(form.SheetMeta); err != nil {
				t.Fatal(err)
			}
			for _, k := range form.MetaKeys {
				f.SetCustomProps(excelize.CustomProperty{Name: k, Value: ""})
			}
		}, want: []want{{form.SheetInfo, "B3", W, intake.ErrUnknownUnit}}},
		{name: "another unit's template", edit: func(t *testing.T, f *excelize.File) {
			set(t, f, form.SheetInfo, "B3", "STC")
			set(t, f, form.SheetInfo, "B4", "Sở Tài chính")
		}, want: []want{{form.SheetInfo, "B3", E, intake.ErrUnitMismatch}}},
		{name: "template of another catalogue", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetMeta, "B2", "daklak-2024") },
			want: []want{{"", "", E, intake.ErrWrongCatalogue}}},
		{name: "outdated template", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetMeta, "B4", "0000000000000000") },
			want: []want{{"", "", W, intake.ErrOutdated}}},
		{name: "tasks sheet renamed", edit: func(t *testing.T, f *excelize.File) {
			if err := f.SetSheetName(form.SheetTasks, "Báo cáo"); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "tasks sheet deleted", edit: func(t *testing.T, f *excelize.File) {
			if err := f.DeleteSheet(form.SheetTasks); err != nil {
				t.Fatal(err)
			}
		}, want: []want{{"", "", E, intake.ErrMissingSheet}}},
		{name: "status column renamed", edit: func(t *testing.T, f *excelize.File) { set(t, f, form.SheetTasks, "G4", "Trạng thái") },
			want: []want{{form.SheetTasks, "", E, intake.ErrMissingColumn}, {form.SheetTasks, "G4", W, intake.ErrTemplateEdited}, {form.SheetTasks, "G5", W, intake.ErrOutsideTable},
				{form.SheetTasks, "G6", W, intake.ErrOutsideTable}, {form.SheetTasks, "G7", W, intake.ErrOutsideTable}, {form.SheetTasks, "G8", W, intake.ErrOutsideTable},
				{form.SheetTasks, "G9", W, intake.ErrOutsideTable}, {form.SheetTasks, "G10", W, intake.ErrOutsideTable}, {form.SheetTasks, "G11", W, intake.ErrOutsideTable}}},
		{name: "required row deleted", edit: func(t *testing.T, f *excelize.File) {
			if err := f.RemoveRow(form.SheetTasks, 11); err != nil {
				t.Fatal(err)
			}
		}, want: []want{{form.SheetTasks, "", W, intake.ErrNotReported}}},
		{name: "unit unknown and metadata stripped", edit: func(t *testing.T, f *excelize.File) {
			f.DeleteSheet(form.SheetMeta)
			for _, k := range form.MetaKeys {
				f.SetCustomProps(excelize.CustomProperty{Name: k, Value: ""})
			}
			set(t, f, form.SheetInfo, "B3", "")
			set(t, f, form.SheetInfo, "B4", "Phòng Y tế huyện")
		}, want: []want{{form.SheetInfo, "B4", E, intake.ErrUnknownUnit}}},
		// Whole files that are not workbooks.
		{name: "legacy xls", bytes: func([]byte) []byte { return ole("Workbook") }, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "password protected", bytes: func([]byte) []byte { return ole("EncryptionInfo") }, want: []want{{"", "", E, intake.ErrEncrypted}}},
		{name: "word document", bytes: func([]byte) []byte { return zipOf(t, map[string]string{"word/document.xml": "<w/>"}) }, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "ods", bytes: func([]byte) []byte {
			return zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
		}, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "csv", bytes: func([]byte) []byte { return []byte("TT;Nhiệm vụ số;Tình trạng\n1;1;Hoàn thành\n") }, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "pdf", bytes: func([]byte) []byte { return []byte("%PDF-1.4\n%âãÏÓ\n") }, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "empty file", bytes: func([]byte) []byte { return nil }, want: []want{{"", "", E, intake.ErrEmptyFile}}},
		{name: "truncated", bytes: func(b []byte) []byte { return b[:len(b)/2] }, want: []want{{"", "", E, intake.ErrCorrupt}}},
		{name: "random bytes", bytes: func([]byte) []byte { return []byte{0x00, 0x01, 0xFF, 0xFE, 0x10, 0x00, 0x80} }, want: []want{{"", "", E, intake.ErrFormat}}},
		{name: "zip bomb", bytes: func([]byte) []byte { return bomb(t) }, want: []want{{"", "", E, intake.ErrTooLarge}}},
		{name: "over the size limit", limits: intake.Limits{FileSize: 1000, UnzipSize: 1 << 20, ZipEntries: 100}, want: []want{{"", "", E, intake.ErrTooLarge}}},
		{name: "too many entries", limits: intake.Limits{FileSize: 1 << 20, UnzipSize: 1 << 30, ZipEntries: 5}, want: []want{{"", "", E, intake.ErrTooLarge}}},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	dir := t.TempDir()
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			unit := tc.unit
			if unit == "" {
				unit = "SYT"
			}
			f := template(t, c, unit)
			first, last := sytFirst, sytLast
			if unit == "CDKT" {
				first, last = 5, 5
			}
			fill(t, f, first, last)
			if tc.edit != nil {
				tc.edit(t, f)
			}
			path := save(t, f, dir, fmt.Sprintf("case%02d.xlsx", i))
			if tc.bytes != nil {
				valid, _ := os.ReadFile(path)
				if err := os.WriteFile(path, tc.bytes(valid), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(path)
			lim := tc.limits
			if lim.FileSize == 0 {
				lim = intake.DefaultLimits
			}
			sub, probs := (&intake.Reader{Catalogue: c, Limits: lim}).Read(path)
			var got []want
			for _, p := range probs {
				got = append(got, want{p.Sheet, p.Cell, p.Severity, p.Err})
				if p.File != path || p.Message == "" || p.Hint == "" {
					t.Errorf("problem lacks file, message or hint: %+v", p)
				}
				for _, raw := range []string{"zip:", "excelize", "xml:", "EOF", "unexpected", "invalid argument"} {
					if strings.Contains(p.Message+p.Hint, raw) {
						t.Errorf("library text reached the user: %s", p.Error())
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("problems:\n got %v\nwant %v\n%v", got, tc.want, probs)
			}
			if len(tc.want) > 0 && tc.want[0].sev == E && tc.want[0].sheet == "" && tc.want[0].err != intake.ErrWrongCatalogue && tc.want[0].err != intake.ErrMissingSheet {
				if sub.Unreadable == "" || !sub.Invalid {
					t.Error("a file that is not a workbook was not marked unreadable")
				}
			}
			if sub != nil && sub.Invalid != probs.HasErrors() {
				t.Errorf("Invalid = %v with errors %v", sub.Invalid, probs.HasErrors())
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Error("the input file was modified")
			}
		})
	}
}

// The valid workbook reads back to exactly what was written.
func TestReadValues(t *testing.T) {
	c := kontum(t)
	f := template(t, c, "SYT")
	fill(t, f, sytFirst, sytLast)
	set(t, f, form.SheetTasks, "I7", textnorm.EncodeVNI("Đã tổ chức hội thảo"))
	set(t, f, form.SheetIndicators, "E4", "1.250,5")
	path := save(t, f, t.TempDir(), "syt.xlsx")
	sub, _ := (&intake.Reader{Catalogue: c}).Read(path)
	if sub == nil || sub.Unit == nil || sub.Unit.Code != "SYT" {
		t.Fatalf("unit not identified: %+v", sub)
	}
	if sub.Reporter.Name.Value != "Nguyễn Thị Hoa" || sub.Reporter.Email.Ref.Cell != "B10" || sub.ReportDate.Format("2006-01-02") != "2024-12-10" {
		t.Errorf("reporter %+v date %v", sub.Reporter, sub.ReportDate)
	}
	if len(sub.Entries) != 7 {
		t.Fatalf("%d entries", len(sub.Entries))
	}
	e := sub.EntryFor("2") // row 6: completed
	if e.Status != model.Done || e.DoneDate.Format("2006-01-02") != "2024-09-06" || e.Result.Value != "Kết quả dòng 6.\nĐoạn thứ hai." ||
		e.Result.Ref.Cell != "I6" || e.Role != model.Coordinator || e.Documents.Value != "Công văn số 6/SYT" {
		t.Errorf("entry 2 = %+v", e)
	}
	if e := sub.EntryFor("3"); e.Result.Value != "Đã tổ chức hội thảo" {
		t.Errorf("VNI text read as %q", e.Result.Value)
	}
	if len(sub.Indicators) != 3 || sub.Indicators[0].Value != 1250.5 || sub.Indicators[1].Value != 300 || sub.Indicators[0].Ref.Cell != "E4" {
		t.Errorf("indicators %+v", sub.Indicators)
	}
	if sub.TasksReported() != 7 {
		t.Errorf("tasks reported %d", sub.TasksReported())
	}
}

// readDir reads the files of a folder as the commands do.
func readDir(t testing.TB, c *model.Catalogue, dir string) *intake.Batch {
	t.Helper()
	return (&intake.Reader{Catalogue: c}).ReadAll([]string{dir}, nil)
}

func subNamed(b *intake.Batch, name string) *model.Submission {
	for _, s := range b.Subs {
		if filepath.Base(s.File) == name {
			return s
		}
	}
	return nil
}

func TestResolveKeepsLatest(t *testing.T) {
	c := kontum(t)
	dir := t.TempDir()
	for i, day := range []int{12, 14, 10} {
		f := template(t, c, "SYT")
		fill(t, f, sytFirst, sytLast)
		set(t, f, form.SheetInfo, "B11", time.Date(2024, 12, day, 0, 0, 0, 0, time.UTC))
		save(t, f, dir, fmt.Sprintf("syt-%d.xlsx", i))
	}
	b := readDir(t, c, dir)
	s0, s1, s2 := subNamed(b, "syt-0.xlsx"), subNamed(b, "syt-1.xlsx"), subNamed(b, "syt-2.xlsx")
	if s1.Superseded != "" || s0.Superseded != s1.File || s2.Superseded != s1.File {
		t.Errorf("superseded: %q %q %q", s0.Superseded, s1.Superseded, s2.Superseded)
	}
	var superseded []*problem.Problem
	for _, p := range b.Problems {
		if errors.Is(p, intake.ErrSuperseded) {
			superseded = append(superseded, p)
		}
	}
	if len(superseded) != 2 || superseded[0].Severity != W {
		t.Errorf("problems %v", b.Problems)
	}
}

// The rules that decide between files claiming one unit.
func TestResolveRules(t *testing.T) {
	c := kontum(t)
	type file struct {
		name   string
		unit   string // whose template
		date   int    // report day in December
		filled bool
		broken bool // an invalid status
		pos    string
	}
	cases := []struct {
		name    string
		files   []file
		current string   // the file used for the template's unit
		errors  []string // files left with errors
		unknown []string // files counted for no unit
	}{
		{"a blank file sent later does not replace a report",
			[]file{{"SYT_a.xlsx", "SYT", 10, true, false, ""}, {"SYT_b.xlsx", "SYT", 14, false, false, ""}}, "SYT_a.xlsx", nil, nil},
		{"the errors of a replaced file do not block",
			[]file{{"SYT_a.xlsx", "SYT", 10, true, true, ""}, {"SYT_b.xlsx", "SYT", 14, true, false, ""}}, "SYT_b.xlsx", nil, nil},
		{"the errors of the file used do block",
			[]file{{"SYT_a.xlsx", "SYT", 10, true, false, ""}, {"SYT_b.xlsx", "SYT", 14, true, true, ""}}, "SYT_b.xlsx", []string{"SYT_b.xlsx"}, nil},
		{"another unit's file on this unit's template, alone: an error, counted for no one",
			[]file{{"STC_bao-cao.xlsx", "SXD", 14, true, false, "Chuyên viên Sở Tài chính"}}, "", []string{"STC_bao-cao.xlsx"}, []string{"STC_bao-cao.xlsx"}},
		{"a file misnamed: a warning, counted for the template's unit",
			[]file{{"STC_bao-cao.xlsx", "SXD", 14, true, false, ""}}, "STC_bao-cao.xlsx", nil, nil},
		{"another unit's file on this unit's template is never dropped as superseded",
			[]file{{"SXD_Sở XD.xlsx", "SXD", 10, true, false, ""}, {"STC_bao-cao.xlsx", "SXD", 14, true, false, "Chuyên viên Sở Tài chính"}},
			"SXD_Sở XD.xlsx", []string{"STC_bao-cao.xlsx"}, []string{"STC_bao-cao.xlsx"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, fl := range tc.files {
				f := template(t, c, fl.unit)
				if fl.filled {
					fill(t, f, sytFirst, sytFirst+1)
				}
				set(t, f, form.SheetInfo, "B11", time.Date(2024, 12, fl.date, 0, 0, 0, 0, time.UTC))
				if fl.broken {
					set(t, f, form.SheetTasks, fmt.Sprintf("G%d", sytFirst), "xong rồi")
				}
				if fl.pos != "" {
					set(t, f, form.SheetInfo, "B8", fl.pos)
				}
				save(t, f, dir, fl.name)
			}
			b := readDir(t, c, dir)
			var current, errs, unknown []string
			for _, s := range b.Subs {
				if s.Unit != nil && s.Superseded == "" {
					current = append(current, filepath.Base(s.File))
				}
				if s.Unit == nil {
					unknown = append(unknown, filepath.Base(s.File))
				}
			}
			seen := map[string]bool{}
			for _, p := range b.Problems {
				if p.Severity == problem.Error && !seen[p.File] {
					seen[p.File] = true
					errs = append(errs, filepath.Base(p.File))
				}
			}
			if strings.Join(current, ",") != tc.current || fmt.Sprint(errs) != fmt.Sprint(tc.errors) || fmt.Sprint(unknown) != fmt.Sprint(tc.unknown) {
				t.Errorf("current %v errors %v unknown %v, want %s %v %v\n%v", current, errs, unknown, tc.current, tc.errors, tc.unknown, b.Problems)
			}
		})
	}
}

// A tasks sheet copied alone into a new workbook has no hidden data and no
// info sheet: the file's name is all that names the unit.
func TestIdentifiedByFileNameAlone(t *testing.T) {
	c := kontum(t)
	f := template(t, c, "SYT")
	fill(t, f, sytFirst, sytLast)
	for _, s := range []string{form.SheetMeta, form.SheetInfo, form.SheetGuide, form.SheetIndicators} {
		if err := f.DeleteSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range form.MetaKeys {
		f.SetCustomProps(excelize.CustomProperty{Name: k, Value: ""})
	}
	dir := t.TempDir()
	r := &intake.Reader{Catalogue: c}
	sub, probs := r.Read(save(t, f, dir, "SYT_bao cao.xlsx"))
	if sub.Unit == nil || sub.Unit.Code != "SYT" || probs.HasErrors() || len(sub.Entries) != sytLast-sytFirst+1 {
		t.Errorf("unit %v, %d entries, problems %v", sub.Unit, len(sub.Entries), probs)
	}
	sub, probs = r.Read(save(t, f, dir, "bao cao.xlsx"))
	if sub.Unit != nil || !probs.HasErrors() {
		t.Errorf("a file naming no unit was taken for %v", sub.Unit)
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.xlsx", "sub/b.XLSX", "~$a.xlsx", ".hidden.xlsx", ".~lock.a.xlsx#", "c.xls", "notes.txt", "d.pdf", "SYT_bao-cao.docx", "folder.xlsx/e.xlsx", ".git/x.xlsx"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	os.Symlink(dir, filepath.Join(dir, "sub", "loop"))
	files, probs := (&intake.Reader{Catalogue: kontum(t)}).Discover([]string{dir, filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "missing.xlsx")})
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	// A Word file named after a unit is read, to be named as sent in the
	// wrong format; other files are each named as skipped.
	if strings.Join(rel, ",") != "SYT_bao-cao.docx,a.xlsx,c.xls,folder.xlsx/e.xlsx,sub/b.XLSX" {
		t.Errorf("files %v", rel)
	}
	var got []string
	for _, p := range probs {
		got = append(got, filepath.Base(p.File)+" "+p.Err.Error())
	}
	if want := []string{"d.pdf " + intake.ErrIgnoredFiles.Error(), "notes.txt " + intake.ErrIgnoredFiles.Error(), "missing.xlsx " + intake.ErrNotFound.Error()}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems %v", got)
	}
}

// A note (comment) on a cell, the address behind a hyperlink and a
// picture are not consolidated: each is named, with its place.
func TestNotesLinksAndPicturesNamed(t *testing.T) {
	c := kontum(t)
	f := template(t, c, "SYT")
	fill(t, f, sytFirst, sytLast)
	if err := f.AddComment(form.SheetTasks, excelize.Comment{Cell: "I6", Author: "Hoa", Paragraph: []excelize.RichTextRun{{Text: "Kết quả thật nằm ở đây"}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellHyperLink(form.SheetTasks, "J7", "https://skhcn.kontum.gov.vn/bao-cao-2024.pdf", "External"); err != nil {
		t.Fatal(err)
	}
	_, probs := (&intake.Reader{Catalogue: c}).Read(save(t, f, t.TempDir(), "SYT.xlsx"))
	found := map[string]string{}
	for _, p := range probs {
		if errors.Is(p, intake.ErrAnnotation) {
			found[p.Cell] = p.Message
		}
	}
	if !strings.Contains(found["I6"], "Kết quả thật nằm ở đây") || !strings.Contains(found["J7"], "https://skhcn.kontum.gov.vn/bao-cao-2024.pdf") {
		t.Errorf("annotations named: %v\n%v", found, probs)
	}
}
