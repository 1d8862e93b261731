package cli_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/atomicfile"
	"baocao/internal/xltemplate"
)

// formulaLike are texts a spreadsheet would take for formulas.
var formulaLike = []string{"=SUM(A1:A9)", "+84 260 3862 123", "-5 tỷ đồng so với dự toán", "@Sở Y tế"}

func TestConsolidatedWorkbook(t *testing.T) {
	c := kontum(t)
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	var tokens []string
	for i, code := range tokenUnits {
		f, toks := tokenFill(c, code)
		a := f.Answers["1"]
		a.Difficulties = formulaLike[i]
		f.Answers["1"] = a
		u := c.UnitByCode(code)
		if err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) }); err != nil {
			t.Fatal(err)
		}
		for _, tk := range toks {
			if tk != "TK"+code+"x1xK" { // replaced by the formula-looking text
				tokens = append(tokens, tk)
			}
		}
	}
	x1, x2 := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	for _, x := range []string{x1, x2} {
		code, stdout, stderr := run("report", subs, "--xlsx", x, "--date", "2024-12-20")
		if code != 0 || !strings.Contains(stdout, "Đã ghi "+x) {
			t.Fatalf("exit %d: %s %s", code, stdout, stderr)
		}
	}
	if _, err := os.Stat("bao-cao.pdf"); err == nil {
		t.Error("a PDF was written though only --xlsx was asked")
	}
	a, _ := os.ReadFile(x1)
	b, _ := os.ReadFile(x2)
	if !bytes.Equal(a, b) {
		t.Error("two runs gave different workbooks")
	}
	f, err := excelize.OpenFile(x1)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "Nhiệm vụ|Báo cáo của đơn vị|Đơn vị|Chỉ tiêu|Vấn đề" {
		// the sheet names of package xlreport, typed here
		t.Errorf("sheets %s", got)
	}
	var all strings.Builder
	formulaCells := map[string]string{}
	for _, s := range f.GetSheetList() {
		rows, _ := f.GetRows(s)
		for ri, row := range rows {
			for ci, v := range row {
				all.WriteString(v + "\n")
				for _, fl := range formulaLike {
					if v == fl {
						cell, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
						formulaCells[s+"!"+cell] = v
						if fm, _ := f.GetCellFormula(s, cell); fm != "" {
							t.Errorf("%s!%s holds a formula %q", s, cell, fm)
						}
					}
				}
			}
		}
	}
	for _, tk := range tokens {
		if !strings.Contains(all.String(), tk) {
			t.Errorf("token %s is not in the workbook", tk)
		}
	}
	if len(formulaCells) != len(formulaLike) {
		t.Errorf("formula-looking texts found: %v", formulaCells)
	}
	// A client this project did not write reads the same: openpyxl.
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import openpyxl").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-openpyxl is not installed")
		}
		t.Skip("python3-openpyxl is not installed")
	}
	script := `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("|".join(wb.sheetnames))
for ref in sys.argv[2:]:
    sheet, cell = ref.split("!")
    c = wb[sheet][cell]
    print(ref + "\t" + c.data_type + "\t" + str(c.value))
ws = wb["Đơn vị"]
print(ws.freeze_panes, ws.auto_filter.ref)
`
	args := []string{"-c", script, x1}
	for ref := range formulaCells {
		args = append(args, ref)
	}
	out, err := exec.Command(py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if lines[0] != "Nhiệm vụ|Báo cáo của đơn vị|Đơn vị|Chỉ tiêu|Vấn đề" || lines[len(lines)-1] != "A2 $A$1:$N$39" {
		t.Errorf("openpyxl read:\n%s", out)
	}
	for _, l := range lines[1 : len(lines)-1] {
		ref, rest, _ := strings.Cut(l, "\t")
		if rest != "s\t"+formulaCells[ref] {
			t.Errorf("openpyxl reads %s as %q, want text %q", ref, rest, formulaCells[ref])
		}
	}
}

// With both --out and --xlsx the workbook is made while the PDF is drawn;
// both files are as when each is asked alone, and the PDF's line comes
// first.
func TestReportWritesPDFAndWorkbookTogether(t *testing.T) {
	dir := t.TempDir()
	subs := "../../examples/kontum-2024/submissions"
	pdf, both, alone := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "both.xlsx"), filepath.Join(dir, "alone.xlsx")
	code, stdout, stderr := run("report", subs, "--out", pdf, "--xlsx", both, "--date", "2024-12-20", "--number", "05")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if i, j := strings.Index(stdout, "Đã ghi "+pdf), strings.Index(stdout, "Đã ghi "+both); i < 0 || j < i {
		t.Errorf("output lines out of order or missing:\n%s", stdout)
	}
	if code, stdout, stderr := run("report", subs, "--xlsx", alone, "--date", "2024-12-20", "--number", "05"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	a, _ := os.ReadFile(both)
	b, _ := os.ReadFile(alone)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("the workbook written beside the PDF (%d bytes) differs from the one written alone (%d bytes)", len(a), len(b))
	}
	p, _ := os.ReadFile(pdf)
	want, _ := os.ReadFile("../../examples/kontum-2024/bao-cao.pdf")
	if !bytes.Equal(p, want) {
		t.Error("the PDF written beside the workbook differs from the example report")
	}
}
