package cli_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baocao/examples"
	"baocao/internal/atomicfile"
	"baocao/internal/catalogue"
	"baocao/internal/xlreport"
	"baocao/internal/xlsx"
	"baocao/internal/xltemplate"
)

// twoPeriods is the example catalogue reporting twice a year: by 01/6 on
// the first five months and by 15/12 on the year.
func twoPeriods(t *testing.T) string {
	t.Helper()
	old := "[period]\nlabel = \"năm 2024\"\nstart = 2023-12-15\nend = 2024-12-14\ndeadline = 2024-12-15\n"
	src := string(examples.KontumCatalogue)
	if !strings.Contains(src, old) {
		t.Fatal("the example's [period] is not where the test expects it")
	}
	src = strings.Replace(src, old, "[[periods]]\nlabel = \"6 tháng đầu năm 2024\"\nstart = 2023-12-15\nend = 2024-05-31\ndeadline = 2024-06-01\n\n"+
		"[[periods]]\nlabel = \"năm 2024\"\nstart = 2023-12-15\nend = 2024-12-14\ndeadline = 2024-12-15\n", 1)
	path := filepath.Join(t.TempDir(), "hai-ky.toml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A catalogue of several periods: --period chooses one (by name or
// number); templates and the report name it; timeliness is against its
// deadline; a template of another period is refused for this one.
func TestSeveralPeriods(t *testing.T) {
	cat := twoPeriods(t)
	c, probs, err := catalogue.Load(cat)
	if err != nil || probs.HasErrors() {
		t.Fatal(err, probs)
	}
	if len(c.Periods) != 2 {
		t.Fatalf("%d periods", len(c.Periods))
	}
	if err := c.SelectPeriod("6 THANG DAU NAM 2024"); err != nil || c.Period.Deadline.Format("02/01/2006") != "01/06/2024" {
		t.Fatalf("%v %v", err, c.Period)
	}
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	f, _ := tokenFill(c, "SYT")
	f.Date = f.Date.AddDate(0, -6, -20) // 22/05/2024: on time for the first period
	u := c.UnitByCode("SYT")
	if err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) }); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "r.pdf")
	code, stdout, stderr := run("--catalogue", cat, "--period", "1", "report", subs, "--out", pdf, "--date", "2024-06-05")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1/38 đơn vị đã báo cáo, 1 đúng hạn") {
		t.Errorf("stdout %q", stdout)
	}
	flat := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"Kết quả thực hiện Kế hoạch triển khai thực hiện Kế hoạch 144-KH/TU 6 tháng đầu năm 2024",
		"hạn gửi báo cáo ngày 01/06/2024", "định kỳ theo Kế hoạch"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is not in the report", want)
		}
	}
	// The same file for the year: a report on another period.
	code, _, stderr = run("--catalogue", cat, "--period", "năm 2024", "check", subs)
	if code != 1 || !strings.Contains(stderr, "biểu mẫu của kỳ báo cáo “6 tháng đầu năm 2024”, không phải kỳ đang tổng hợp “năm 2024”") ||
		strings.Contains(stderr, "đã bị sửa") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// A period the catalogue does not have is named with those it has.
	code, _, stderr = run("--catalogue", cat, "--period", "3", "check", subs)
	if code != 2 || !strings.Contains(stderr, "các kỳ có trong danh mục: 1. “6 tháng đầu năm 2024”, 2. “năm 2024”") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// Without --period, the period is chosen by today's date and said.
	code, _, stderr = run("--catalogue", cat, "check", subs)
	if !strings.Contains(stderr, "Danh mục có 2 kỳ báo cáo; đang dùng kỳ") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// The template names its period.
	out := filepath.Join(dir, "bieu-mau")
	if code, _, stderr := run("--catalogue", cat, "--period", "1", "template", "--unit", "SYT", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(files) != 1 || !strings.Contains(cellTexts(t, files...), "6 THÁNG ĐẦU NĂM 2024") {
		t.Errorf("the template does not name its period: %v", files)
	}
}

// After a merger, the catalogue lists the merged units as predecessors of
// the unit that took them over: a file sent on a predecessor's template is
// counted for the successor, with a warning naming both.
func TestPredecessorAttributed(t *testing.T) {
	old := kontum(t)
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	var tokens []string
	for _, code := range []string{"STNMT", "SNNPTNT"} {
		u := old.UnitByCode(code)
		f, toks := tokenFill(old, code)
		if err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, old, u, f) }); err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, toks...)
	}
	// The 2025 catalogue: Sở Nông nghiệp và Môi trường replaces Sở Nông
	// nghiệp và Phát triển nông thôn and Sở Tài nguyên và Môi trường.
	src := string(examples.KontumCatalogue)
	i := strings.Index(src, "[[units]]\ncode = \"STNMT\"")
	j := strings.Index(src[i+1:], "[[units]]") + i + 1
	src = src[:i] + src[j:]
	src = strings.Replace(src, "code = \"SNNPTNT\"\nname = \"Sở Nông nghiệp và Phát triển nông thôn\"",
		"code = \"SNNMT\"\nname = \"Sở Nông nghiệp và Môi trường\"\npredecessors = [\"SNNPTNT\", \"STNMT\"]", 1)
	src = strings.ReplaceAll(src, "\"SNNPTNT\"]", "\"SNNMT\"]")
	src = strings.Replace(src, "short_name = \"Sở NN&PTNT\"", "short_name = \"Sở NN&MT\"", 1)
	cat := filepath.Join(dir, "2025.toml")
	os.WriteFile(cat, []byte(src), 0o644)
	book := filepath.Join(dir, "r.xlsx")
	code, _, stderr := run("--catalogue", cat, "report", subs, "--xlsx", book, "--date", "2024-12-20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"cảnh báo: tệp gửi trên biểu mẫu của Sở Tài nguyên và Môi trường, đơn vị đã được sắp xếp vào Sở Nông nghiệp và Môi trường; đã tính là báo cáo của Sở Nông nghiệp và Môi trường",
		"được gộp với báo cáo của", "thành báo cáo của Sở Nông nghiệp và Môi trường"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "tệp này không được tổng hợp") || strings.Contains(stderr, "đã bị sửa") {
		t.Errorf("a merged unit's file is dropped, or its template's text taken for edits:\n%s", stderr)
	}
	wb, err := xlsx.Open(book, xlsx.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	sh := wb.Sheet(xlreport.SheetEntries)
	// Every result typed by either unit is in the workbook, under SNNMT.
	var all strings.Builder
	for r := 2; r <= sh.MaxRow(); r++ {
		if v := sh.Peek(r, 7).Value; strings.Contains(v, "TK") && sh.Peek(r, 2).Value != "SNNMT" {
			t.Errorf("row %d: %q under %q, not SNNMT", r, v, sh.Peek(r, 2).Value)
		}
		for c := 7; c <= 10; c++ {
			all.WriteString(sh.Peek(r, c).Value + "\n")
		}
	}
	cells := cellTexts(t, book)
	for _, tk := range tokens {
		if !strings.Contains(all.String(), tk) && !strings.Contains(cells, tk) {
			t.Errorf("%s is lost", tk)
		}
	}
}
