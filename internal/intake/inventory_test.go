package intake_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/intake"
)

// Nothing lost, proved: over the whole hostile corpus, the real-client
// fixtures and the worked example, every non-empty cell of every workbook
// is taken into the consolidation, is the template's own text, or is named
// in a problem — and the cells counted are all the non-empty cells there
// are, as excelize counts them on its own.
func TestInventoryAccountsForEveryCell(t *testing.T) {
	c := kontum(t)
	var files []string
	for _, g := range []string{"testdata/corpus/*", "testdata/clients/*.xlsx", "../../examples/kontum-2024/submissions/*.xlsx"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) < 70 {
		t.Fatalf("only %d files", len(files))
	}
	r := &intake.Reader{Catalogue: c, Limits: intake.DefaultLimits}
	var invs []intake.Inventory
	for _, f := range files {
		sub, probs, inv := r.ReadInventory(f)
		invs = append(invs, inv)
		if inv.Cells != inv.Used+inv.Form+inv.Problems {
			t.Errorf("%s: %d cells but %d + %d + %d accounted", f, inv.Cells, inv.Used, inv.Form, inv.Problems)
		}
		if sub.Unreadable != "" {
			if inv.Cells != 0 || !probs.HasErrors() {
				t.Errorf("%s: not read, yet %d cells counted and errors %v", f, inv.Cells, probs.HasErrors())
			}
			continue
		}
		x, err := excelize.OpenFile(f)
		if err != nil {
			t.Fatalf("%s: read by baocao but not by excelize: %v", f, err)
		}
		n := 0
		for _, s := range x.GetSheetList() {
			rows, _ := x.GetRows(s, excelize.Options{RawCellValue: true})
			for _, row := range rows {
				for _, v := range row {
					if strings.TrimSpace(v) != "" {
						n++
					}
				}
			}
		}
		x.Close()
		if n != inv.Cells {
			t.Errorf("%s: inventory counts %d cells, the workbook has %d", f, inv.Cells, n)
		}
	}
	total := intake.Total(invs)
	if total.Cells != total.Used+total.Form+total.Problems || total.Cells < 5000 {
		t.Errorf("total %+v", total)
	}
	t.Logf("%d files: %d cells = %d used + %d form + %d in problems", len(files), total.Cells, total.Used, total.Form, total.Problems)
}
