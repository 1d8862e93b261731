package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/atomicfile"
	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/xltemplate"
)

// tool returns the path of a poppler or qpdf command. CI installs them
// (.ci/run); elsewhere a test that needs one is skipped.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (Debian: poppler-utils, qpdf)", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// The example report committed in examples/kontum-2024 is what the current
// code makes of the committed submissions with the README's command.
func TestExampleReportIsCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bao-cao.pdf")
	code, stdout, stderr := run("report", "../../examples/kontum-2024/submissions", "--out", out, "--date", "2024-12-20", "--number", "05")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "30/38 đơn vị đã báo cáo, 29 đúng hạn") {
		t.Errorf("stdout %q", stdout)
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../examples/kontum-2024/bao-cao.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("examples/kontum-2024/bao-cao.pdf is out of date; regenerate it with the README's command:\n" +
			"go run ./cmd/baocao report examples/kontum-2024/submissions --out examples/kontum-2024/bao-cao.pdf --date 2024-12-20 --number 05")
	}
	// Warnings (Sa Thầy's VNI text, Tư pháp's missing e-mail) are listed
	// and do not block.
	if !strings.Contains(stderr, "SATHAY_UBND huyện Sa Thầy.xlsx: Nhiệm vụ!I8: cảnh báo: chữ gõ bằng bảng mã VNI") {
		t.Errorf("stderr %s", stderr)
	}
}

func kontum(t *testing.T) *model.Catalogue {
	t.Helper()
	c, probs := catalogue.Parse("kontum", examples.KontumCatalogue)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return c
}

// tokenFill types a unique token into every input cell of the unit's
// template, for every task it is given (required and optional).
func tokenFill(c *model.Catalogue, code string) (xltemplate.Filled, []string) {
	f, tokens, _ := tokenFillWithContacts(c, code)
	return f, tokens
}

// tokenFillWithContacts is tokenFill, and also gives the reporter's tokens
// (name, position, phone, e-mail): personal data, for the workbook only.
func tokenFillWithContacts(c *model.Catalogue, code string) (xltemplate.Filled, []string, []string) {
	f := xltemplate.Filled{Reporter: "TKN" + code, Position: "TKP" + code, Phone: "TKT" + code, Email: "tke" + strings.ToLower(code) + "@example.vn",
		Date: time.Date(2024, 12, 12, 0, 0, 0, 0, time.UTC), Answers: map[string]xltemplate.Answer{},
		Indicators: map[string]float64{}, Notes: map[string]string{}}
	var tokens []string
	for i, a := range c.Assignments(code) {
		tok := func(col string) string { return fmt.Sprintf("TK%sx%sx%s", code, a.Task.Number, col) }
		ans := xltemplate.Answer{Status: string(model.Statuses[i%3]), Result: tok("I") + " đoạn một\n" + tok("I2") + " đoạn hai",
			Documents: tok("J"), Difficulties: tok("K"), Proposals: tok("L")}
		if ans.Status == string(model.Done) {
			ans.Done = time.Date(2024, 9, 1+i, 0, 0, 0, 0, time.UTC)
		}
		f.Answers[a.Task.Number] = ans
		tokens = append(tokens, tok("I"), tok("I2"), tok("J"), tok("K"), tok("L"))
	}
	for i, in := range c.Indicators {
		f.Indicators[in.Code] = float64(1000*(i+1)) + 0.5
		f.Notes[in.Code] = fmt.Sprintf("TK%sxN%d", code, i)
		tokens = append(tokens, f.Notes[in.Code])
	}
	return f, tokens, []string{f.Reporter, f.Position, f.Phone, f.Email}
}

var tokenUnits = []string{"SYT", "TUMORONG", "CDKT", "SKHCN"}

// Nothing typed is lost: a unique token in every input cell of four
// submissions comes out in the PDF, and in the body each result,
// document, difficulty and proposal stands after the name of the unit that
// wrote it.
func TestNothingLost(t *testing.T) {
	c := kontum(t)
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	owner := map[string]string{}
	var all, contacts []string
	for _, code := range tokenUnits {
		f, toks, people := tokenFillWithContacts(c, code)
		contacts = append(contacts, people...)
		u := c.UnitByCode(code)
		err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) })
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range toks {
			owner[tk] = u.Name
		}
		all = append(all, toks...)
	}
	out, book := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx")
	if code, _, stderr := run("report", subs, "--out", out, "--xlsx", book, "--date", "2024-12-20"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := pdfText(t, out)
	flat := strings.Join(strings.Fields(text), " ")
	// Everything typed is in the appendices, whatever the body summarises.
	appendices := flat[strings.Index(flat, "Phụ lục I "):]
	for _, tk := range all {
		if !strings.Contains(appendices, tk) {
			t.Errorf("token %s is not in the appendices", tk)
		}
	}
	// The reporters' names and contacts are personal data: in the
	// consolidated workbook, never in the official document; nor are the
	// files' names.
	cells := cellTexts(t, book)
	for _, tk := range contacts {
		if strings.Contains(flat, tk) {
			t.Errorf("personal data %s is in the PDF", tk)
		}
		if !strings.Contains(cells, tk) {
			t.Errorf("%s is not in the workbook", tk)
		}
	}
	if strings.Contains(flat, ".xlsx") {
		t.Error("a file name is in the PDF")
	}
	for _, v := range []string{"1.000,5", "2.000,5", "3.000,5", "4.002", "8.002", "12.002"} {
		if !strings.Contains(flat, v) {
			t.Errorf("indicator value %s is not in the PDF", v)
		}
	}
	var names []string
	for _, code := range tokenUnits {
		names = append(names, regexp.QuoteMeta(c.UnitByCode(code).Name))
	}
	nameRe := regexp.MustCompile(strings.Join(names, "|"))
	tokRe := regexp.MustCompile(`TK[A-Z]+x[0-9.]+x(I|I2|J|K|L)\b`)
	// The summary's difficulties and proposals: each point names, right
	// after it, the units that raised it.
	body := flat[:strings.Index(flat, "Phụ lục I ")]
	points := 0
	for _, m := range regexp.MustCompile(`(TK[A-Z]+x[0-9.]+x(K|L)) \(([^)]*)\)`).FindAllStringSubmatch(body, -1) {
		if m[3] != owner[m[1]] {
			t.Errorf("the point %s is ascribed to %q, not %q", m[1], m[3], owner[m[1]])
		}
		points++
	}
	if points < 40 {
		t.Errorf("only %d difficulties and proposals in the summary", points)
	}
	// The detailed body (--chi-tiet): every unit's text stands after the
	// name of the unit that wrote it.
	detailed := filepath.Join(dir, "chi-tiet.pdf")
	if code, _, stderr := run("report", subs, "--out", detailed, "--date", "2024-12-20", "--chi-tiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	flat = strings.Join(strings.Fields(pdfText(t, detailed)), " ")
	body = flat[:strings.Index(flat, "Phụ lục I ")]
	checked := 0
	for _, m := range tokRe.FindAllStringIndex(body, -1) {
		tk := body[m[0]:m[1]]
		if strings.HasSuffix(tk, "K") || strings.HasSuffix(tk, "L") {
			continue // in section III, the point then its units, as above
		}
		before := nameRe.FindAllString(body[:m[0]], -1)
		if len(before) == 0 || before[len(before)-1] != owner[tk] {
			last := ""
			if len(before) > 0 {
				last = before[len(before)-1]
			}
			t.Errorf("%s stands after %q, not %q", tk, last, owner[tk])
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d tokens found in the detailed body", checked)
	}
}

func TestPDFIsValidAndEmbedsFonts(t *testing.T) {
	pdf := "../../examples/kontum-2024/bao-cao.pdf"
	out, err := exec.Command(tool(t, "qpdf"), "--check", pdf).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err = exec.Command(tool(t, "pdffonts"), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(lines) != 4 {
		t.Errorf("%d fonts:\n%s", len(lines), out)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if !strings.HasPrefix(f[0], "utf8liberationserif") || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	info, err := exec.Command(tool(t, "pdfinfo"), pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Author:          Sở Khoa học và Công nghệ", "Page size:       595.28 x 841.89 pts (A4)", "CreationDate:    Fri Dec 20 00:00:00 2024"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// A file with errors stops the report, unless --skip-invalid, which lists
// it on stderr and in Phụ lục II.
func TestSkipInvalid(t *testing.T) {
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	for _, f := range []string{"libreoffice-SYT.xlsx", "openpyxl-TUMORONG.xlsx"} {
		data, _ := os.ReadFile("../intake/testdata/clients/" + f)
		os.WriteFile(filepath.Join(subs, f), data, 0o644)
	}
	os.WriteFile(filepath.Join(subs, "cu.xls"), append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), 0o644)
	out := filepath.Join(dir, "r.pdf")
	code, _, stderr := run("report", subs, "--out", out, "--date", "2024-12-20")
	if code != 1 || !strings.Contains(stderr, "cu.xls: lỗi: đây là tệp Excel đời cũ") || !strings.Contains(stderr, "--skip-invalid") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a report was written despite the error")
	}
	code, _, stderr = run("report", subs, "--out", out, "--date", "2024-12-20", "--skip-invalid")
	if code != 0 || !strings.Contains(stderr, "bỏ qua "+filepath.Join(subs, "cu.xls")+": đây là tệp Excel đời cũ") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	text := strings.Join(strings.Fields(pdfText(t, out)), " ")
	if !strings.Contains(text, "1 báo cáo không xác định được đơn vị gửi Chưa đạt yêu cầu, chưa tổng hợp") || strings.Contains(text, "cu.xls") {
		t.Error("the skipped file is not in Phụ lục II in official wording, without its file name")
	}
	if !strings.Contains(text, "Có 1 báo cáo không xác định được đơn vị gửi, chưa đạt yêu cầu, chưa tổng hợp (Phụ lục II).") {
		t.Error("section I does not count the file of no known unit as Phụ lục II does")
	}
	if !strings.Contains(text, "Đã kiện toàn bộ phận [PY-I8]") || !strings.Contains(text, "[LO-I5]") {
		t.Error("the valid files were not consolidated")
	}
}

func TestReportIsDeterministicAndRefusesToOverwriteInputs(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	for _, out := range []string{a, b} {
		if code, _, stderr := run("report", "../intake/testdata/clients", "--out", out, "--date", "2024-12-20"); code != 0 {
			t.Fatal(stderr)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("two runs gave different PDFs")
	}
	in := filepath.Join(dir, "SYT.pdf")
	data, _ := os.ReadFile("../intake/testdata/clients/libreoffice-SYT.xlsx")
	os.WriteFile(in, data, 0o644) // a workbook misnamed .pdf, given as input and output
	code, stdout, stderr := run("report", in, "--out", in)
	if code != 2 || !strings.Contains(stderr, "trùng với một tệp đầu vào") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--out", "x.xlsx"}, "--out ghi tệp pdf, nhưng tên x.xlsx có đuôi “.xlsx”; đặt tên có đuôi .pdf"},
		{[]string{"--xlsx", "x.pdf"}, "--xlsx ghi tệp xlsx, nhưng tên x.pdf có đuôi “.pdf”; đặt tên có đuôi .xlsx"},
		{[]string{"--out", dir}, "--out " + dir + " là một thư mục"},
		{[]string{"--date", "31/02/2024"}, "--date “31/02/2024” không phải một ngày"},
	} {
		code, _, stderr = run(append([]string{"report", "../intake/testdata/clients"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d: %s", tc.args, code, stderr)
		}
	}
	// --date also takes the date as Vietnamese write it.
	out := filepath.Join(dir, "c.pdf")
	code, stdout, stderr = run("report", "../intake/testdata/clients", "--out", out, "--date", "20/12/2024")
	if c, _ := os.ReadFile(out); code != 0 || !bytes.Equal(c, da) {
		t.Errorf("--date 20/12/2024: exit %d, same PDF as --date 2024-12-20: %v\n%s%s", code, bytes.Equal(c, da), stdout, stderr)
	}
}
