package cli_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// words are the words of a PDF page with their horizontal extent, in pt.
type word struct {
	text       string
	xMin, xMax float64
}

func pageWords(t *testing.T, pdf string, page int) []word {
	t.Helper()
	p := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-bbox", "-f", p, "-l", p, pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
	var ws []word
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		a, _ := strconv.ParseFloat(m[1], 64)
		b, _ := strconv.ParseFloat(m[2], 64)
		ws = append(ws, word{m[3], a, b})
	}
	return ws
}

// gapAfter is the blank, in mm, between the first word w and the word
// after it.
func gapAfter(ws []word, w string) float64 {
	for i := range ws[:len(ws)-1] {
		if ws[i].text == w {
			return (ws[i+1].xMin - ws[i].xMax) * 25.4 / 72
		}
	}
	return -1
}

// Issuing electronically as Nghị định 30 does: without --number, a gap of
// at least 8 mm for the clerk to write the number; with --blank-date, the
// day and month left blank, the year printed; the appendices say "Kèm theo
// Báo cáo số ... ngày ... tháng ... năm" blank the same way.
func TestNumberAndDateLeftForTheClerk(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	if code, stdout, stderr := run("report", "../../examples/kontum-2024/submissions", "--out", pdf, "--date", "2024-12-20", "--blank-date"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	ws := pageWords(t, pdf, 1)
	if g := gapAfter(ws, "Số:"); g < 8 {
		t.Errorf("the gap for the number is %.1f mm", g)
	}
	for _, w := range []string{"ngày", "tháng"} {
		if g := gapAfter(ws, w); g < 8 {
			t.Errorf("the gap after %q is %.1f mm", w, g)
		}
	}
	text, _ := exec.Command("pdftotext", pdf, "-").Output()
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Kon Tum, ngày tháng năm 2024", "Kèm theo Báo cáo số /BC-SKHCN ngày tháng năm 2024 của Sở Khoa học và Công nghệ"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q not in the PDF", want)
		}
	}
	if strings.Contains(flat, "ngày 20 tháng 12 năm 2024") {
		t.Error("the date is printed though --blank-date")
	}
	// --date is still the day the data are counted to.
	if !strings.Contains(flat, "Đến ngày 20/12/2024") {
		t.Error("the counting date is gone")
	}
}

// The worked example's body is short, as real consolidated reports are:
// at most 8 portrait pages before Phụ lục I; the detail is in the
// appendices.
func TestExampleBodyIsShort(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	pdf := "../../examples/kontum-2024/bao-cao.pdf"
	for p := 1; p <= 9; p++ {
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(strings.TrimSpace(string(out)), "Phụ lục I\n") {
			t.Logf("the body runs %d pages", p-1)
			return
		}
	}
	t.Error("the body runs more than 8 pages")
}
