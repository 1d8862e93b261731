package intake

import (
	"errors"
	"fmt"
	"testing"

	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/vntext"
)

// Cells of every type in the task table: true/false and error values are
// named, never taken as text or numbers.
func TestCellTypes(t *testing.T) {
	c := fuzzCatalogue(t)
	cases := []struct {
		name   string
		row    [4]string // key, status, done date, result
		cell   string    // the cell named, "" for none
		sev    problem.Severity
		err    error
		result string // the result text taken
		status model.Status
	}{
		{"an error value as the result", [4]string{"1", "Đang thực hiện", "", "e:#N/A"}, "I2", problem.Error, ErrCellType, "", model.InProgress},
		{"a true/false value as the result", [4]string{"1", "Đang thực hiện", "", "b:1"}, "I2", problem.Warning, ErrCellType, "TRUE", model.InProgress},
		{"a true/false value as the status", [4]string{"1", "b:0", "", "x"}, "G2", problem.Error, ErrCellType, "x", ""},
		{"an error value as the date", [4]string{"1", "Hoàn thành", "e:#VALUE!", "x"}, "H2", problem.Error, ErrCellType, "x", model.Done},
		{"a number as the result is kept and named", [4]string{"1", "Hoàn thành", "", "n:2024"}, "I2", problem.Warning, ErrNumberAsText, "2024", model.Done},
		{"a large number as the result, written the Vietnamese way", [4]string{"1", "Hoàn thành", "", "n:1250000.5"}, "I2", problem.Warning, ErrNumberAsText, "1.250.000,5", model.Done},
		{"a formula's value is used and named", [4]string{"1", "Hoàn thành", "", "f:x"}, "I2", problem.Warning, ErrFormula, "x", model.Done},
		{"a task number stored as a number", [4]string{"n:1", "Hoàn thành", "", "x"}, "", 0, nil, "x", model.Done},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := readBytes(c, fuzzWorkbook([][4]string{tc.row}))
			if err != nil {
				t.Fatal(err)
			}
			var got *problem.Problem
			for _, p := range rd.probs {
				if p.Sheet == form.SheetTasks && p.Cell == tc.cell {
					got = p
				}
			}
			switch {
			case tc.cell == "" && rd.probs.HasErrors():
				t.Errorf("errors: %v", rd.probs)
			case tc.cell != "" && (got == nil || got.Severity != tc.sev || !errors.Is(got, tc.err)):
				t.Errorf("%s: got %v, want %v %v\n%v", tc.cell, got, tc.sev, tc.err, rd.probs)
			}
			e := rd.sub.EntryFor("1")
			if e == nil || e.Result.Value != tc.result || e.Status != tc.status {
				t.Errorf("entry %+v", e)
			}
		})
	}
}

// Numbers typed as text, the Vietnamese way, the English way, and the two
// that read both ways.
func TestParseTextNumber(t *testing.T) {
	for _, tc := range []struct {
		in      string
		v, alt  float64
		twoWays bool
		ok      bool
	}{
		{"1250", 1250, 0, false, true},
		{"1.250,5", 1250.5, 0, false, true},
		{"1,250.5", 1250.5, 0, false, true},
		{"1.250.000", 1250000, 0, false, true},
		{"1,250,000", 1250000, 0, false, true},
		{"3,5", 3.5, 0, false, true},
		{"3.5", 3.5, 0, false, true},
		{"0,500", 0.5, 0, false, true},
		{"3,500", 3.5, 3500, true, true},
		{"3.500", 3500, 3.5, true, true},
		{"12 345,6", 12345.6, 0, false, true},
		{"1.25.0", 0, 0, false, false},
		{"1,2,3", 0, 0, false, false},
		{"1.250,5,1", 0, 0, false, false},
		{"200 triệu", 0, 0, false, false},
		{"", 0, 0, false, false},
	} {
		v, alt, two, ok := parseTextNumber(tc.in)
		if v != tc.v || alt != tc.alt || two != tc.twoWays || ok != tc.ok {
			t.Errorf("%q: %v %v %v %v, want %v %v %v %v", tc.in, v, alt, two, ok, tc.v, tc.alt, tc.twoWays, tc.ok)
		}
	}
	for f, want := range map[float64]string{3500: "3.500", 3.5: "3,5", 1250000.25: "1.250.000,25", 0: "0", -12: "-12"} {
		if got := vntext.Number(f); got != want {
			t.Errorf("vntext.Number(%v) = %q, want %q", f, got, want)
		}
	}
}

// Names as people type them find their unit.
func TestMatchUnitName(t *testing.T) {
	c := fuzzCatalogue(t)
	for name, want := range map[string]string{
		"Sở Tư Pháp tỉnh Kon Tum":               "STP",
		"SỞ TƯ PHÁP":                            "STP",
		"so tu phap":                            "STP",
		"Ủy ban nhân dân huyện Sa Thầy":         "SATHAY",
		"UBND huyện Sa Thầy":                    "SATHAY",
		"Uỷ ban nhân dân huyện Sa Thầy":         "SATHAY",
		"UBND thành phố Kon Tum":                "TPKT",
		"Sở Khoa học và Công nghệ tỉnh Kon Tum": "SKHCN",
		"Sở KH&CN":                              "SKHCN",
		"Sở Y tế Hà Nội":                        "",
		"Sở":                                    "",
	} {
		u := newUnitNames(c).match(name)
		got := ""
		if u != nil {
			got = u.Code
		}
		if got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
	for _, tc := range []struct{ path, want string }{
		{"bao-cao/SYT_Sở YT.xlsx", "SYT"},
		{"syt_bao cao.xlsx", "SYT"},
		{"Sở Tư pháp.xlsx", "STP"},
		{"BaoCao_Sở Tư pháp.xls", "STP"},
		{"bao cao 2024.xlsx", ""},
	} {
		u := newUnitNames(c).file(tc.path)
		got := ""
		if u != nil {
			got = u.Code
		}
		if got != tc.want {
			t.Errorf("file %q: %q, want %q", tc.path, got, tc.want)
		}
	}
	for _, tc := range []struct{ pos, mail, want string }{
		{"Chuyên viên Sở Tài chính", "", "STC"},
		{"Chuyên viên", "lanvt.stc@example.vn", "STC"},
		{"Chuyên viên Sở Tài chính", "hoa.syt@example.vn", ""},
		{"Phó Chánh Văn phòng", "hoa@example.vn", ""},
	} {
		u := newUnitNames(c).reporter(tc.pos, tc.mail)
		got := fmt.Sprint(u != nil)
		if u != nil {
			got = u.Code
		}
		if tc.want == "" && u == nil || u != nil && got == tc.want {
			continue
		}
		t.Errorf("reporter %q %q: %s, want %q", tc.pos, tc.mail, got, tc.want)
	}
}
