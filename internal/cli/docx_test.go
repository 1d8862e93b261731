package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"baocao/internal/atomicfile"
	"baocao/internal/xltemplate"
)

// debianPython is the Python of the Debian packages (python3-docx,
// python3-openpyxl), not another one first on PATH.
const debianPython = "/usr/bin/python3"

// needs skips a test when a program it runs is missing, except in CI,
// which installs them (.ci/run).
func needs(t *testing.T, what string, cmd ...string) {
	t.Helper()
	if err := exec.Command(cmd[0], cmd[1:]...).Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed: %v", what, err)
		}
		t.Skipf("%s is not installed", what)
	}
}

// tokenReport writes the four token submissions of TestNothingLost and
// makes the report from them, as PDF, Word file and workbook; it returns
// the outputs' folder and the tokens.
func tokenReport(t *testing.T, extra ...string) (string, []string) {
	t.Helper()
	c := kontum(t)
	dir := t.TempDir()
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	var all []string
	for _, code := range tokenUnits {
		f, toks := tokenFill(c, code)
		u := c.UnitByCode(code)
		err := atomicfile.Write(filepath.Join(subs, xltemplate.FileName(u)), func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) })
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, toks...)
	}
	args := append([]string{"report", subs, "--out", filepath.Join(dir, "r.pdf"), "--docx", filepath.Join(dir, "r.docx"),
		"--xlsx", filepath.Join(dir, "r.xlsx"), "--date", "2024-12-20", "--number", "05"}, extra...)
	if code, _, stderr := run(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return dir, all
}

type docxSection struct {
	Orientation              string
	Width, Height            float64
	Top, Bottom, Left, Right float64
	DifferentFirstPage       bool   `json:"different_first_page"`
	HeaderPageField          bool   `json:"header_page_field"`
	FirstHeaderText          string `json:"first_header_text"`
	Restart                  bool
}

type docxTable struct {
	Rows          int
	RepeatHeader  bool `json:"repeat_header"`
	Header        []string
	CantSplitRows int `json:"cant_split_rows"`
}

// python-docx reads the Word file: its sections (A4, orientation, the
// PDF's margins, a PAGE field in the header, none on each section's first
// page, the appendices numbered from 1), the appendices' tables with
// repeated header rows and rows free to break, the styles and the font;
// and every token typed into the workbooks is in its text.
func TestWordFileReadByPythonDocx(t *testing.T) {
	needs(t, "python3-docx", debianPython, "-c", "import docx")
	dir, tokens := tokenReport(t)
	out, err := exec.Command(debianPython, "testdata/read_docx.py", filepath.Join(dir, "r.docx")).Output()
	if err != nil {
		t.Fatalf("python-docx cannot read the file: %v", err)
	}
	var got struct {
		Sections    []docxSection
		Tables      []docxTable
		Text        string
		Styles      []string
		DefaultFont string  `json:"default_font"`
		NormalSize  float64 `json:"normal_size"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Sections) != 4 {
		t.Fatalf("%d sections, want the body and 3 appendices", len(got.Sections))
	}
	for i, s := range got.Sections {
		want := docxSection{Orientation: "portrait", Width: 210, Height: 297, Top: 25, Bottom: 20, Left: 35, Right: 20,
			DifferentFirstPage: true, HeaderPageField: true, Restart: i > 0}
		if i > 0 {
			want.Orientation, want.Width, want.Height = "landscape", 297, 210
			want.Top, want.Bottom, want.Left, want.Right = 35, 20, 20, 25
		}
		if s != want {
			t.Errorf("section %d:\n got %+v\nwant %+v", i, s, want)
		}
	}
	var appendixTables int
	for _, tb := range got.Tables {
		if len(tb.Header) > 0 && tb.Header[0] == "TT" {
			appendixTables++
			if !tb.RepeatHeader || tb.CantSplitRows != 0 {
				t.Errorf("appendix table %q: header repeated %v, %d rows kept whole", tb.Header, tb.RepeatHeader, tb.CantSplitRows)
			}
		} else if tb.RepeatHeader {
			t.Errorf("table %q repeats its first row", tb.Header)
		}
	}
	if appendixTables != 3 {
		t.Errorf("%d appendix tables", appendixTables)
	}
	if got.DefaultFont != "Times New Roman" || got.NormalSize != 14 {
		t.Errorf("font %q %v pt", got.DefaultFont, got.NormalSize)
	}
	for _, s := range []string{"Normal", "Heading 1", "Heading 2", "Heading 3", "Title"} {
		if !strings.Contains(strings.Join(got.Styles, "|"), s) {
			t.Errorf("style %s not used: %v", s, got.Styles)
		}
	}
	flat := strings.Join(strings.Fields(got.Text), " ")
	for _, tk := range tokens {
		if !strings.Contains(flat, tk) {
			t.Errorf("token %s is not in the Word file", tk)
		}
	}
	for _, want := range []string{"Số: 05/BC-SKHCN", "Kon Tum, ngày 20 tháng 12 năm 2024", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:", "Phụ lục III"} {
		if !strings.Contains(flat, want) {
			t.Errorf("%q is not in the Word file", want)
		}
	}
}

// pdfWord is a word of a PDF page and its box, in mm from the top left.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// height is the word's box height in points: its font size times what
// the PDF's font declares from descent to ascent (1.107 em in the fonts we
// embed, about 1.3 em in LibreOffice's).
func (w pdfWord) height() float64 { return (w.yMax - w.yMin) * 72 / 25.4 }

type pdfPage struct {
	width, height float64 // mm
	words         []pdfWord
}

// pdfPages reads every page's size and words with pdftotext -bbox.
func pdfPages(t *testing.T, pdf string) []pdfPage {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mm = 25.4 / 72
	pageRe := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	var pages []pdfPage
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := pageRe.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v * mm }
		p := pdfPage{width: f(m[1]), height: f(m[2])}
		for _, w := range wordRe.FindAllStringSubmatch(chunk, -1) {
			p.words = append(p.words, pdfWord{html(w[5]), f(w[1]), f(w[2]), f(w[3]), f(w[4])})
		}
		pages = append(pages, p)
	}
	return pages
}

func html(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

func (p pdfPage) find(text string) (pdfWord, bool) {
	for _, w := range p.words {
		if w.text == text {
			return w, true
		}
	}
	return pdfWord{}, false
}

// LibreOffice Writer converts the Word file to PDF, and the measurements
// of Nghị định 30 hold on that PDF as on ours: A4 pages, portrait for the
// body and landscape for the appendices; every word within the margins;
// the page-1 header in its two columns at the top margin, the sizes 13 and
// 14 pt, the number level with the place and date; page numbers centred in
// the top margin from page 2, each appendix numbered from 1; the tables'
// header rows on every page of an appendix.
func TestWordFileAsLibreOfficePrintsIt(t *testing.T) {
	needs(t, "LibreOffice Writer (libreoffice-writer)", "soffice", "--version")
	tool(t, "pdftotext")
	dir, tokens := tokenReport(t)
	profile := filepath.Join(t.TempDir(), "lo")
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "lo"), filepath.Join(dir, "r.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "lo", "r.pdf")
	pages := pdfPages(t, pdf)
	if len(pages) < 5 {
		t.Fatalf("%d pages", len(pages))
	}
	type geometry struct{ w, h, top, bottom, left, right float64 }
	portrait := geometry{210, 297, 25, 20, 35, 20}
	landscape := geometry{297, 210, 35, 20, 20, 25}
	near := func(a, b, tol float64) bool { return math.Abs(a-b) <= tol }
	// Sizes are measured against "BÁO CÁO", 14 pt (python-docx checks
	// the styles' sizes themselves).
	title, ok := pages[0].find("BÁO")
	if !ok {
		t.Fatal("no BÁO CÁO on page 1")
	}
	em := title.height() / 14
	size := func(w pdfWord) float64 { return w.height() / em }
	inAppendix, number := false, 0
	appendixStarts := 0
	var text strings.Builder
	for i, p := range pages {
		n := i + 1
		for _, w := range p.words {
			text.WriteString(w.text + " ")
		}
		if startsAppendix(p) {
			inAppendix = true
			appendixStarts++
			number = 0
		}
		number++
		g := portrait
		if inAppendix {
			g = landscape
		}
		if !near(p.width, g.w, 1) || !near(p.height, g.h, 1) {
			t.Errorf("page %d is %.0f×%.0f mm, want %.0f×%.0f", n, p.width, p.height, g.w, g.h)
			continue
		}
		// The page number: centred in the top margin from each part's
		// second page, 13 pt; nothing in the top margin on a first page.
		var inTop []pdfWord
		for _, w := range p.words {
			if w.yMax < g.top-1 {
				inTop = append(inTop, w)
			}
		}
		if number == 1 {
			if len(inTop) > 0 {
				t.Errorf("page %d: %q in the top margin of a first page", n, inTop[0].text)
			}
		} else {
			centre := g.left + (g.w-g.left-g.right)/2
			if len(inTop) != 1 || inTop[0].text != strconv.Itoa(number) || !near((inTop[0].xMin+inTop[0].xMax)/2, centre, 2) ||
				!near(size(inTop[0]), 13, 0.3) {
				t.Errorf("page %d: top margin holds %+v, want the number %d centred at %.0f mm, 13 pt", n, inTop, number, centre)
			}
		}
		// Everything else within the margins.
		for _, w := range p.words {
			if w.yMax < g.top-1 {
				continue
			}
			if w.xMin < g.left-1 || w.xMax > g.w-g.right+1 || w.yMin < g.top-1 || w.yMax > g.h-g.bottom+1 {
				t.Errorf("page %d: %q at (%.1f, %.1f)–(%.1f, %.1f) mm is outside the margins", n, w.text, w.xMin, w.yMin, w.xMax, w.yMax)
				break
			}
		}
		// A continued appendix page starts with its table's header row.
		if inAppendix && number > 1 {
			first := p.words[0]
			for _, w := range p.words {
				if w.yMin >= g.top-1 && w.yMin < first.yMin || first.yMax < g.top-1 {
					first = w
				}
			}
			if w, ok := p.find("TT"); !ok || !near(w.yMin, first.yMin, 3) {
				t.Errorf("page %d: the table's header row is not at the top (first word %q)", n, first.text)
			} else if !near(size(w), 11, 0.3) {
				t.Errorf("page %d: the table's text is %.1f pt, want 11", n, size(w))
			}
		}
	}
	if appendixStarts != 3 {
		t.Errorf("%d appendices found, want 3", appendixStarts)
	}
	// Page 1: the header's two columns at the top margin.
	p := pages[0]
	mustFind := func(s string) pdfWord {
		w, ok := p.find(s)
		if !ok {
			t.Fatalf("%q not on page 1", s)
		}
		return w
	}
	superior, nation, motto := mustFind("UBND"), mustFind("CỘNG"), mustFind("Độc")
	split := 35 + (210-55)*67.5/167.5
	if !near(superior.yMin, 25, 2.5) || !near(nation.yMin, 25, 2.5) {
		t.Errorf("the header starts at %.1f / %.1f mm, want the top margin (25 mm)", superior.yMin, nation.yMin)
	}
	if superior.xMax > split || nation.xMin < split-8 {
		t.Errorf("the header's columns: %q ends at %.1f, %q starts at %.1f mm (split about %.0f mm)", superior.text, superior.xMax, nation.text, nation.xMin, split)
	}
	for _, c := range []struct {
		w    pdfWord
		size float64
	}{{superior, 13}, {nation, 13}, {motto, 14}, {mustFind("Kính"), 14}, {mustFind("Số:"), 13}} {
		if !near(size(c.w), c.size, 0.3) {
			t.Errorf("%q is %.1f pt, want %.0f", c.w.text, size(c.w), c.size)
		}
	}
	if no, place := mustFind("Số:"), mustFind("Tum,"); !near(no.yMax, place.yMax, 0.6) {
		t.Errorf("the number (%.1f mm) and the place and date (%.1f mm) are not on one line", no.yMax, place.yMax)
	}
	flat := text.String()
	for _, tk := range tokens {
		if !strings.Contains(flat, tk) {
			t.Errorf("token %s is not in LibreOffice's PDF", tk)
		}
	}
}

// startsAppendix reports whether a page opens an appendix: its first
// words are "Phụ lục" (a first page has no number above).
func startsAppendix(p pdfPage) bool {
	return len(p.words) > 1 && p.words[0].text == "Phụ" && p.words[1].text == "lục"
}

// The Word file is the same bytes on a second run, written atomically as
// the other outputs; with --docx alone no PDF is written.
func TestWordFileDeterministic(t *testing.T) {
	dir := t.TempDir()
	var files [][]byte
	for i := range 2 {
		out := filepath.Join(dir, fmt.Sprintf("r%d.docx", i))
		if code, stdout, stderr := run("report", "../../examples/kontum-2024/submissions", "--docx", out, "--date", "2024-12-20", "--number", "05"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		} else if !strings.Contains(stdout, "Đã ghi "+out) || strings.Contains(stdout, ".pdf") {
			t.Errorf("stdout %q", stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two runs give different Word files")
	}
	if _, err := os.Stat(filepath.Join(dir, "bao-cao.pdf")); err == nil {
		t.Error("a PDF was written without --out")
	}
	want, err := os.ReadFile("../../examples/kontum-2024/bao-cao.docx")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[0], want) {
		t.Error("examples/kontum-2024/bao-cao.docx is out of date; regenerate it with the README's command:\n" +
			"go run ./cmd/baocao report examples/kontum-2024/submissions --out examples/kontum-2024/bao-cao.pdf --docx examples/kontum-2024/bao-cao.docx --date 2024-12-20 --number 05")
	}
	// A wrong extension is refused before anything is read.
	if code, _, stderr := run("report", "../../examples/kontum-2024/submissions", "--docx", filepath.Join(dir, "r.doc")); code == 0 || !strings.Contains(stderr, "--docx ghi tệp docx") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// The report of an earlier run left in the submissions folder (PDF, Word)
// is named as baocao's own, not as a unit's file in the wrong format.
func TestOwnReportInTheFolder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"bao-cao.pdf", "bao-cao.docx", "submissions/STP_Sở TP.xlsx"} {
		data, err := os.ReadFile("../../examples/kontum-2024/" + f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "ghi-chu.pdf"), []byte("%PDF-1.4 someone else's"), 0o644)
	_, _, stderr := run("check", dir)
	if strings.Count(stderr, "đây là báo cáo do baocao lập, không phải tệp đơn vị gửi về; bỏ qua") != 2 ||
		!strings.Contains(stderr, "ghi-chu.pdf: cảnh báo: bỏ qua tệp này: không phải bảng tính") {
		t.Errorf("stderr:\n%s", stderr)
	}
}
