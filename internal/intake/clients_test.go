package intake_test

import (
	"fmt"
	"strings"
	"testing"

	"baocao/internal/intake"
	"baocao/internal/model"
)

// The workbooks of testdata/clients were filled and saved by LibreOffice
// Calc and by openpyxl (see make-fixtures.sh there). Every value they typed
// is read back, at its cell.
func TestRealClients(t *testing.T) {
	c := kontum(t)
	r := &intake.Reader{Catalogue: c}

	t.Run("libreoffice", func(t *testing.T) {
		sub, probs := r.Read("testdata/clients/libreoffice-SYT.xlsx")
		if len(probs) != 0 {
			t.Errorf("problems: %v", probs)
		}
		if sub.Unit.Code != "SYT" || sub.Reporter.Name.Value != "Trần Văn Bình" || sub.ReportDate.Format("02/01/2006") != "13/12/2024" {
			t.Errorf("unit %v reporter %q date %v", sub.Unit.Code, sub.Reporter.Name.Value, sub.ReportDate)
		}
		if sub.Template.CatalogueHash != c.Hash || sub.Template.UnitCode != "SYT" {
			t.Errorf("metadata lost: %+v", sub.Template)
		}
		want := map[string]string{"1": "Hoàn thành", "2": "Đang thực hiện", "3": "Hoàn thành", "9": "Chưa thực hiện",
			"10": "Đang thực hiện", "11": "Hoàn thành", "13": "Hoàn thành", "12": "Đang thực hiện"}
		if len(sub.Entries) != len(want) {
			t.Fatalf("%d entries, want %d", len(sub.Entries), len(want))
		}
		for _, e := range sub.Entries {
			if string(e.Status) != want[e.Task.Number] {
				t.Errorf("task %s status %q", e.Task.Number, e.Status)
			}
			if e.Task.Number == "12" {
				if e.Role != model.Related || e.Result.Value != "Phối hợp xây dựng mô hình [LO-I17]" {
					t.Errorf("optional row: %+v", e)
				}
				continue
			}
			r := e.Row
			for _, f := range []struct {
				col  string
				text model.Text
			}{{"I", e.Result}, {"J", e.Documents}, {"K", e.Difficulties}, {"L", e.Proposals}} {
				token := fmt.Sprintf("[LO-%s%d]\nĐoạn hai, dòng mới.", f.col, r)
				if !strings.HasSuffix(f.text.Value, token) || f.text.Ref.Cell != fmt.Sprintf("%s%d", f.col, r) {
					t.Errorf("task %s %s%d = %q at %s", e.Task.Number, f.col, r, f.text.Value, f.text.Ref.Cell)
				}
			}
			if e.Status == model.Done && e.DoneDate.Format("2006-01") != "2024-10" {
				t.Errorf("task %s done %v", e.Task.Number, e.DoneDate)
			}
		}
		if len(sub.Indicators) != 3 || sub.Indicators[1].Value != 245.75 || sub.Indicators[1].Note.Value != "Gồm kinh phí đề tài cấp tỉnh [LO-F5]" {
			t.Errorf("indicators %+v", sub.Indicators)
		}
	})

	t.Run("openpyxl", func(t *testing.T) {
		sub, probs := r.Read("testdata/clients/openpyxl-TUMORONG.xlsx")
		var got []string
		for _, p := range probs {
			got = append(got, fmt.Sprintf("%s!%s %s %v", p.Sheet, p.Cell, p.Severity, p.Err))
		}
		want := []string{"Nhiệm vụ!G6 warning status written differently", "Nhiệm vụ!I8 warning text in a legacy encoding"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("problems %q", got)
		}
		if sub.Unit.Code != "TUMORONG" || sub.ReportDate.Format("02/01/2006") != "16/12/2024" || sub.OnTime(c.Period.Deadline) {
			t.Errorf("unit %v date %v", sub.Unit.Code, sub.ReportDate)
		}
		if e := sub.EntryFor("2"); e == nil || e.Status != model.Done || e.DoneDate.Format("02/01/2006") != "20/11/2024" {
			t.Errorf("task 2: %+v", e)
		}
		if e := sub.EntryFor("6"); e == nil || e.Result.Value != "Đã kiện toàn bộ phận [PY-I8]" || e.Role != model.Lead {
			t.Errorf("task 6: %+v", e)
		}
		if len(sub.Entries) != 7 || sub.TasksReported() != 7 {
			t.Errorf("%d entries", len(sub.Entries))
		}
		if len(sub.Indicators) != 3 || sub.Indicators[2].Value != 35 || sub.Indicators[1].Value != 120.5 {
			t.Errorf("indicators %+v", sub.Indicators)
		}
	})
}
