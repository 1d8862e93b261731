package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/internal/catalogue"
)

// catalogue import, as the README tells an official to start a new plan:
// the plan's table in, a draft that validates out, with what to review;
// the draft then makes templates.
func TestCatalogueImport(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "danh-muc-moi.toml")
	code, stdout, stderr := run("catalogue", "import", "../planimport/testdata/phu-luc-python-docx.docx", "--base", "../../examples/kontum-2024/catalogue.toml", "--out", draft)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Đã ghi " + draft + ": 6 phần, 15 nhiệm vụ, 38 đơn vị, 6 nhóm; 0 tên đơn vị chưa khớp.", "Cần kiểm tra:",
		"GIỮ CHỖ: [plan]", "Sửa bản nháp rồi kiểm tra bằng: baocao --catalogue " + draft + " catalogue"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	c, probs, err := catalogue.Load(draft)
	if err != nil || probs.HasErrors() || len(c.Tasks) != 15 {
		t.Fatalf("the draft: %v %v", err, probs)
	}
	if code, _, stderr := run("--catalogue", draft, "template", "--unit", "SKHCN", "--out", filepath.Join(dir, "bieu-mau")); code != 0 {
		t.Errorf("templates from the draft: exit %d: %s", code, stderr)
	}
	// Without a base: units proposed.
	code, stdout, stderr = run("catalogue", "import", "../planimport/testdata/phu-luc-openpyxl.xlsx", "--out", filepath.Join(dir, "nhap.toml"))
	if code != 0 || !strings.Contains(stdout, "Đề xuất đơn vị SKHCN “Sở Khoa học và Công nghệ”") {
		t.Errorf("exit %d: %s %s", code, stdout, stderr)
	}
	// What the draft holds in place of the plan's facts is named when it
	// is used.
	code, _, stderr = run("--catalogue", filepath.Join(dir, "nhap.toml"), "catalogue")
	if code != 0 || !strings.Contains(stderr, "địa danh còn ghi giữ chỗ “GIỮ CHỖ”") || !strings.Contains(stderr, "trích yếu của kế hoạch còn ghi giữ chỗ") {
		t.Errorf("placeholders of the draft: exit %d: %s", code, stderr)
	}
	// An existing file is not overwritten: it may hold the compiler's edits.
	if code, _, stderr := run("catalogue", "import", "../planimport/testdata/phu-luc-openpyxl.xlsx", "--out", filepath.Join(dir, "nhap.toml")); code != 2 || !strings.Contains(stderr, "đã có tệp") {
		t.Errorf("overwrite: exit %d: %s", code, stderr)
	}
	// Mistakes are named, and nothing is written.
	doc := filepath.Join(dir, "ke-hoach.doc")
	os.WriteFile(doc, []byte{0xD0, 0xCF, 0x11, 0xE0}, 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"catalogue", "import", "../planimport/testdata/phu-luc-python-docx.docx"}, 2, "--out"},
		{[]string{"catalogue", "import", doc, "--out", filepath.Join(dir, "x.toml")}, 2, "văn bản Word đời cũ (.doc)"},
		{[]string{"catalogue", "import", "../../examples/kontum-2024/submissions/STP_Sở TP.xlsx", "--out", filepath.Join(dir, "x.toml")}, 2, "không tìm thấy bảng nhiệm vụ"},
		{[]string{"catalogue", "import", "../planimport/testdata/phu-luc-python-docx.docx", "--out", filepath.Join(dir, "x.txt")}, 2, "đặt tên có đuôi .toml"},
		{[]string{"catalogue", "import", "../planimport/testdata/phu-luc-python-docx.docx", "--base", draft, "--out", draft}, 2, "trùng với danh mục gốc"},
		{[]string{"catalogue", "import", "../planimport/testdata/phu-luc-python-docx.docx", "--base", "../planimport/testdata/phu-luc-python-docx.docx", "--out", filepath.Join(dir, "x.toml")}, 2, "--base cần một danh mục .toml"},
		{[]string{"catalogue", "import", "../intake/testdata/corpus/33-pdf-renamed.xlsx", "--out", filepath.Join(dir, "x.toml")}, 2, "không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx)"},
	} {
		code, _, stderr := run(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d: %s", tc.args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.toml")); err == nil {
		t.Error("a draft was written after an error")
	}
}
