package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAwkwardFolders(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "trong")
	os.Mkdir(empty, 0o755)
	code, stdout, stderr := run("check", empty)
	if code != 0 || !strings.Contains(stderr, "thư mục không có tệp bảng tính .xlsx nào") {
		t.Errorf("empty folder: exit %d\n%s", code, stderr)
	}

	junk := filepath.Join(dir, "rac")
	os.Mkdir(junk, 0o755)
	for i := 0; i < 1000; i++ {
		os.WriteFile(filepath.Join(junk, fmt.Sprintf("anh-%04d.jpg", i)), []byte("x"), 0o644)
	}
	os.Symlink(junk, filepath.Join(junk, "vong-lap")) // a loop
	data, _ := os.ReadFile("../intake/testdata/clients/libreoffice-SYT.xlsx")
	os.WriteFile(filepath.Join(junk, "SYT.xlsx"), data, 0o644)
	os.WriteFile(filepath.Join(junk, "SYT (1).xlsx"), data, 0o644) // sent twice
	// The copy saved later wins (same report date). The times are set: two
	// writes in a row often get the same coarse file-system timestamp.
	later := time.Date(2024, 12, 14, 9, 0, 0, 0, time.Local)
	os.Chtimes(filepath.Join(junk, "SYT.xlsx"), later.Add(-time.Hour), later.Add(-time.Hour))
	os.Chtimes(filepath.Join(junk, "SYT (1).xlsx"), later, later)
	code, stdout, stderr = run("check", "--inventory", junk)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"bỏ qua 1000 tệp không phải bảng tính trong thư mục: anh-0000.jpg, anh-0001.jpg,",
		"Sở Y tế đã gửi tệp mới hơn",
		"SYT.xlsx: 228 ô = 0 được tổng hợp + 156 thuộc biểu mẫu + 72 nêu trong vấn đề",
		"SYT (1).xlsx: 228 ô = 72 được tổng hợp + 156 thuộc biểu mẫu + 0 nêu trong vấn đề",
		"tổng cộng: 456 ô = 72 được tổng hợp + 312 thuộc biểu mẫu + 72 nêu trong vấn đề",
		"Đã kiểm tra 2 tệp của 1 đơn vị: 0 lỗi, 2 cảnh báo.",
	} {
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("missing %q in\n%s%s", want, stdout, stderr)
		}
	}
}
