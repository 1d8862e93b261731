package intake_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/intake"
	"baocao/internal/problem"
)

// inventoryFiles are every workbook the project has: the hostile corpus,
// the real-client fixtures and the worked example.
func inventoryFiles(t *testing.T) []string {
	var files []string
	for _, g := range []string{"testdata/corpus/*", "testdata/clients/*.xlsx", "../../examples/kontum-2024/submissions/*.xlsx"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) < 70 {
		t.Fatalf("only %d files", len(files))
	}
	return files
}

// excelizeCount counts a workbook's non-empty cells as excelize reads
// them, with the cells that hold only a formula without a computed value
// (excelize reads their value as empty).
func excelizeCount(t *testing.T, path string) (int, bool) {
	x, err := excelize.OpenFile(path)
	if err != nil {
		return 0, false
	}
	defer x.Close()
	n := 0
	for _, s := range x.GetSheetList() {
		rows, _ := x.GetRows(s, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			for c, v := range row {
				if strings.TrimSpace(v) != "" {
					n++
					continue
				}
				name, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if f, _ := x.GetCellFormula(s, name); f != "" {
					n++
				}
			}
		}
	}
	return n, true
}

// openpyxlCounts counts the non-empty cells of each file with openpyxl, a
// second reader written independently; nil when it is not installed.
func openpyxlCounts(t *testing.T, files []string) map[string]int {
	if exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run() != nil {
		return nil
	}
	script := `
import json, sys, warnings, openpyxl
warnings.simplefilter("ignore")
out = {}
for path in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except Exception:
        continue
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is None:
                    continue
                if isinstance(v, str) and v.strip() == "":
                    continue
                n += 1
    out[path] = n
print(json.dumps(out))
`
	out, err := exec.Command("/usr/bin/python3", append([]string{"-c", script}, files...)...).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	counts := map[string]int{}
	if err := json.Unmarshal(out, &counts); err != nil {
		t.Fatal(err)
	}
	return counts
}

// Nothing lost, counted independently: over every workbook the project
// has, the cells the inventory counts are all the non-empty cells there
// are, as excelize and openpyxl count them; each is read for the
// consolidation, read as the template's text, or named in a problem.
func TestInventoryCountsEveryCell(t *testing.T) {
	c := kontum(t)
	files := inventoryFiles(t)
	py := openpyxlCounts(t, files)
	if py == nil {
		t.Log("openpyxl not installed: counted against excelize only")
	}
	r := &intake.Reader{Catalogue: c, Limits: intake.DefaultLimits}
	var invs []intake.Inventory
	compared := 0
	for _, f := range files {
		sub, probs, inv := r.ReadInventory(f)
		invs = append(invs, inv)
		if sub.Unreadable != "" {
			if inv.Cells != 0 || !probs.HasErrors() {
				t.Errorf("%s: not read, yet %d cells counted and errors %v", f, inv.Cells, probs.HasErrors())
			}
			continue
		}
		n, ok := excelizeCount(t, f)
		if !ok {
			t.Fatalf("%s: read by baocao but not by excelize", f)
		}
		if n != inv.Cells {
			t.Errorf("%s: inventory counts %d cells, excelize %d", f, inv.Cells, n)
		}
		// openpyxl reads a formula as its text ("=A1"), so it counts the
		// cells with a formula and no value too.
		if m, ok := py[f]; ok && m != inv.Cells {
			t.Errorf("%s: inventory counts %d cells, openpyxl %d", f, inv.Cells, m)
		} else if ok {
			compared++
		}
	}
	if py != nil && compared < 50 {
		t.Errorf("only %d workbooks compared with openpyxl", compared)
	}
	total := intake.Total(invs)
	t.Logf("%d files: %d cells = %d used + %d form + %d in problems", len(files), total.Cells, total.Used, total.Form, total.Problems)
}

// A cell that no table reads is really lost unless it is named: text typed
// beside the task table, under it without a task number, in the info
// sheet's margin, or in a column past the table must each come out named
// in a problem, cell by cell.
func TestInventoryNamesLostCells(t *testing.T) {
	c := kontum(t)
	f := template(t, c, "SYT")
	fill(t, f, sytFirst, sytLast)
	lost := map[string]string{ // sheet!cell -> text typed there
		form.SheetTasks + "!N7":  "ghi chú bên cạnh bảng",
		form.SheetTasks + "!D40": "đoạn văn dán dưới bảng",
		form.SheetInfo + "!E3":   "số điện thoại thứ hai",
		form.SheetGuide + "!K2":  "", // the guide is the template's text: not a loss
	}
	for ref, text := range lost {
		if text == "" {
			continue
		}
		sheet, cell, _ := strings.Cut(ref, "!")
		set(t, f, sheet, cell, text)
	}
	path := save(t, f, t.TempDir(), "SYT.xlsx")
	_, probs, inv := (&intake.Reader{Catalogue: c}).ReadInventory(path)
	named := map[string]*problem.Problem{}
	for _, p := range probs {
		named[p.Sheet+"!"+p.Cell] = p
	}
	for ref, text := range lost {
		if text == "" {
			continue
		}
		p := named[ref]
		if p == nil || p.Severity != problem.Warning || !strings.Contains(p.Message, text) {
			t.Errorf("%s (%q) not named: %v", ref, text, p)
		}
	}
	clean, _, base := (&intake.Reader{Catalogue: c}).ReadInventory(save(t, func() *excelize.File {
		g := template(t, c, "SYT")
		fill(t, g, sytFirst, sytLast)
		return g
	}(), t.TempDir(), "SYT.xlsx"))
	if clean == nil || inv.Cells != base.Cells+3 || inv.Problems != base.Problems+3 || inv.Used != base.Used {
		t.Errorf("inventory %+v, without the lost cells %+v", inv, base)
	}
	os.Remove(path)
}
