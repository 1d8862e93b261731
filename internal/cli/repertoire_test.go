package cli_test

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"baocao/internal/atomicfile"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
	"baocao/internal/xltemplate"
)

// cellTexts is every cell value of every sheet of the workbooks.
func cellTexts(t *testing.T, paths ...string) string {
	t.Helper()
	var b strings.Builder
	for _, p := range paths {
		book, err := xlsx.Open(p, xlsx.DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, f := range book.Inventory() {
			b.WriteString(f.Cell.Value)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// wordText is the text of a Word file's document and headers: every w:t
// element, by namespace and local name, a line each.
func wordText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "word/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(r)
		inText := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				inText = tok.Name.Space == wordNS && tok.Name.Local == "t"
			case xml.EndElement:
				if inText {
					b.WriteByte('\n')
				}
				inText = false
			case xml.CharData:
				if inText {
					b.Write(tok)
				}
			}
		}
		r.Close()
	}
	return b.String()
}

const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Every character of every output (the PDF's text, the consolidated
// workbook's cells, the Word file's text) is of the Vietnamese repertoire, or was typed into an
// input cell: a character that is neither is mojibake the tool made, such
// as "Ä)" for a letter sliced as bytes.
func TestOutputsHoldOnlyWhatWasTypedOrVietnamese(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	subs := "../../examples/kontum-2024/submissions"
	inputs, _ := filepath.Glob(filepath.Join(subs, "*.xlsx"))
	typed := map[rune]bool{}
	for _, r := range cellTexts(t, inputs...) {
		typed[r] = true
	}
	dir := t.TempDir()
	pdf, book, word := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.docx")
	if code, stdout, stderr := run("report", subs, "--out", pdf, "--xlsx", book, "--docx", word, "--date", "2024-12-20", "--number", "05"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"PDF": string(text), "workbook": cellTexts(t, book), "Word file": wordText(t, word)} {
		stray := map[rune]int{}
		for _, r := range out {
			if !vntext.Vietnamese(r) && !typed[r] {
				stray[r]++
			}
		}
		runes := []rune(out)
		for r, n := range stray {
			i := slices.Index(runes, r)
			ctx := string(runes[max(0, i-40):min(len(runes), i+40)])
			t.Errorf("%s: %q (U+%04X) ×%d, not typed in any input: …%s…", name, r, r, n, strings.ReplaceAll(ctx, "\n", " "))
		}
		if len(out) < 1000 {
			t.Errorf("%s: only %d bytes of text", name, len(out))
		}
	}
}

// A character the report's font lacks (Chinese, an emoji) is named with
// its file and cell, on stderr and in the workbook's list of problems.
func TestUnprintableNamedWithItsCell(t *testing.T) {
	c := kontum(t)
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	f, _ := tokenFill(c, "SYT")
	a := c.Assignments("SYT")[0]
	ans := f.Answers[a.Task.Number]
	ans.Result = "Hợp tác với đối tác 科技 😀"
	f.Answers[a.Task.Number] = ans
	u := c.UnitByCode("SYT")
	if err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) }); err != nil {
		t.Fatal(err)
	}
	pdf, book := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx")
	code, _, stderr := run("report", subs, "--out", pdf, "--xlsx", book, "--date", "2024-12-20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "Nhiệm vụ!I5: cảnh báo: ký tự “科” (U+79D1), “技” (U+6280), “😀” (U+1F600) không có trong phông chữ của báo cáo"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if !strings.Contains(cellTexts(t, book), "ký tự “科” (U+79D1)") {
		t.Error("the workbook's problems lack the unprintable characters")
	}
}
