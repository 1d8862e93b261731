package cli_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"baocao/internal/cli"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cli.Run(append([]string{"baocao"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		stderrHas string
		stdoutHas string
	}{
		{"valid default", []string{"catalogue"}, 0, "cảnh báo: họ tên người ký “Nguyễn Văn A” là tên giữ chỗ", "NHIỆM VỤ (15)"},
		{"valid json", []string{"catalogue", "--json"}, 0, "", `"tasks"`},
		{"invalid catalogue", []string{"--catalogue", "testdata/bad.toml", "catalogue"}, 1, "testdata/bad.toml:73: tasks.lead: lỗi:", ""},
		{"missing catalogue", []string{"--catalogue", "testdata/none.toml", "catalogue"}, 2, "không có tệp này", ""},
		{"unknown command", []string{"tonghop"}, 2, "không có lệnh “tonghop”", ""},
		{"unknown flag", []string{"catalogue", "--xml"}, 2, "không có tùy chọn --xml", ""},
		{"catalogue flag after command", []string{"catalogue", "--catalogue", "x.toml"}, 2, "phải đặt trước tên lệnh", ""},
		{"stray argument", []string{"catalogue", "x.toml"}, 2, "không nhận đối số “x.toml”", ""},
		{"help", []string{"--help"}, 0, "", "Các lệnh:"},
		{"command help", []string{"catalogue", "--help"}, 0, "", "Ví dụ:"},
		{"version", []string{"--version"}, 0, "", "Danh mục mặc định: kontum-kh144-2024"},
		{"flag without its value, last", []string{"report", "subs", "--out"}, 2, "tùy chọn --out cần một giá trị, ví dụ: --out bao-cao.pdf", ""},
		{"flag without its value, before another flag", []string{"report", "--date", "--number", "05", "subs"}, 2, "tùy chọn --date cần một giá trị", ""},
		{"global flag without its value", []string{"--catalogue"}, 2, "tùy chọn --catalogue cần một giá trị", ""},
		{"template folder without its value", []string{"template", "--out"}, 2, "ví dụ: --out bieu-mau", ""},
		{"limit that is not a number", []string{"check", "--max-file-size", "abc", "."}, 2, "giá trị abc của tùy chọn --max-file-size không hợp lệ: cần một số nguyên dương", ""},
		{"limit of zero", []string{"check", "--max-entries", "0", "."}, 2, "--max-entries 0 không hợp lệ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderrHas) || (tc.stderrHas == "" && stderr != "") {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.stderrHas)
			}
			if !strings.Contains(stdout, tc.stdoutHas) {
				t.Errorf("stdout does not contain %q:\n%s", tc.stdoutHas, stdout)
			}
			if strings.Contains(stdout+stderr, "Incorrect Usage") || strings.Contains(stdout+stderr, "default:") {
				t.Errorf("English from the command-line library reached the user:\n%s%s", stdout, stderr)
			}
		})
	}
}

func TestCatalogueJSON(t *testing.T) {
	code, stdout, _ := run("catalogue", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var o struct {
		Sections []struct{ Number string }
		Tasks    []struct {
			Number, Section, Title, Content string
			Lead, Coordinators              []string
			Timeframe                       struct{ Kind, Text, Due string }
		}
		Units []struct {
			Code, Name string
			ShortName  string `json:"short_name"`
			Kind       string
		}
		Groups []struct {
			Code, Name string
			Members    []string
		}
		Indicators []struct{ Code, Name, Unit string }
	}
	if err := json.Unmarshal([]byte(stdout), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Sections) != 6 || len(o.Tasks) != 15 || len(o.Units) != 38 || len(o.Indicators) != 3 {
		t.Fatalf("%d sections, %d tasks, %d units, %d indicators", len(o.Sections), len(o.Tasks), len(o.Units), len(o.Indicators))
	}
	t9 := o.Tasks[8]
	if t9.Number != "9" || strings.Join(t9.Lead, ",") != "SNV,SKHCN" || strings.Join(t9.Coordinators, ",") != "UBNDHUYEN,SBN,LQ_CQDV" ||
		t9.Timeframe.Kind != "due" || t9.Timeframe.Due != "2024-12-14" {
		t.Errorf("task 9 = %+v", t9)
	}
	for _, g := range o.Groups {
		if g.Code == "UBNDHUYEN" && len(g.Members) != 10 {
			t.Errorf("UBNDHUYEN has %d members, want 10", len(g.Members))
		}
	}
	// Units come by kind, then in Vietnamese order: Đăk Glei before Đăk Hà before Ia H'Drai.
	var districts []string
	for _, u := range o.Units {
		if u.Kind == "huyen" {
			districts = append(districts, u.Code)
		}
	}
	if strings.Join(districts[:3], ",") != "DAKGLEI,DAKHA,DAKTO" {
		t.Errorf("districts in order %v", districts)
	}
}
