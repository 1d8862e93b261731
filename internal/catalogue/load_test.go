package catalogue_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baocao/internal/catalogue"
	"baocao/internal/model"
)

func load(t *testing.T, path string) *model.Catalogue {
	t.Helper()
	c, probs, err := catalogue.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("%s: unexpected problems:\n%v", path, probs)
	}
	return c
}

func TestExamplesLoad(t *testing.T) {
	for _, tc := range []struct {
		path                               string
		id                                 string
		tasks, sections, units, indicators int
	}{
		{"../../examples/kontum-2024/catalogue.toml", "kontum-kh144-2024", 15, 6, 38, 3},
		{"../../examples/kh144-tinh-uy-2024/catalogue.toml", "kontum-kh144-tu-2024", 8, 6, 29, 0},
	} {
		t.Run(tc.id, func(t *testing.T) {
			c := load(t, tc.path)
			if c.ID != tc.id || len(c.Tasks) != tc.tasks || len(c.Sections) != tc.sections ||
				len(c.Units) != tc.units || len(c.Indicators) != tc.indicators {
				t.Errorf("got id %s, %d tasks, %d sections, %d units, %d indicators; want %s, %d, %d, %d, %d",
					c.ID, len(c.Tasks), len(c.Sections), len(c.Units), len(c.Indicators),
					tc.id, tc.tasks, tc.sections, tc.units, tc.indicators)
			}
			if len(c.Hash) != 16 {
				t.Errorf("hash %q, want 16 hex digits", c.Hash)
			}
		})
	}
}

// The Party plan's "trong quý II-2024" is a due date, the end of that quarter.
func TestTinhUyDueDate(t *testing.T) {
	c := load(t, "../../examples/kh144-tinh-uy-2024/catalogue.toml")
	task := c.TaskByNumber("1.1")
	if task == nil || task.Timeframe.Kind != model.Due || task.Timeframe.Due.Format("2006-01-02") != "2024-06-30" {
		t.Fatalf("task 1.1 timeframe = %+v, want due 2024-06-30", task)
	}
	if !strings.Contains(task.Content, "hoàn thành trong quý II-2024") {
		t.Errorf("task 1.1 content lost the assignment sentence: %q", task.Content)
	}
}

// seedTasks is typed from the Phụ lục of the People's Committee plan
// (testdata/seeds/ke-hoach-UBND-trien-khai-144-KH-TU.txt), not derived from
// the catalogue: lead and coordinators as the plan writes them, and the
// names the catalogue's codes must stand for.
var seedTasks = []struct {
	number, section     string
	leadText, coordText string
	lead, coord         []string
	timeframe           string
	kind                model.TimeframeKind
}{
	{"1", "I", "Các Sở, ban ngành, Ủy ban nhân dân các huyện, thành phố", "Các đơn vị, địa phương có liên quan",
		[]string{"Các Sở, ban ngành", "Ủy ban nhân dân các huyện, thành phố"}, []string{"Các đơn vị, địa phương có liên quan"}, "Thường xuyên", model.Regular},
	{"2", "I", "Sở Khoa học và Công nghệ", "Các Sở, ban ngành, Ủy ban nhân dân các huyện, thành phố",
		[]string{"Sở Khoa học và Công nghệ"}, []string{"Các Sở, ban ngành", "Ủy ban nhân dân các huyện, thành phố"}, "Trong năm 2024 và khi có hướng dẫn mới của Trung ương", model.Due},
	{"3", "II", "Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư", "Các Sở, ban ngành, Ủy ban nhân dân các huyện, thành phố",
		[]string{"Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư"}, []string{"Các Sở, ban ngành", "Ủy ban nhân dân các huyện, thành phố"}, "Thường xuyên", model.Regular},
	{"4", "II", "Sở Khoa học và Công nghệ", "Các đơn vị, địa phương có liên quan",
		[]string{"Sở Khoa học và Công nghệ"}, []string{"Các đơn vị, địa phương có liên quan"}, "Hàng năm", model.Annual},
	{"5", "II", "Sở Khoa học và Công nghệ", "Sở Tài chính, Sở Kế hoạch và Đầu tư và các đơn vị, địa phương có liên quan",
		[]string{"Sở Khoa học và Công nghệ"}, []string{"Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Các đơn vị, địa phương có liên quan"}, "Thường xuyên", model.Regular},
	{"6", "III", "Sở Khoa học và Công nghệ, Ủy ban nhân dân các huyện, thành phố", "Các cơ quan, đơn vị có liên quan",
		[]string{"Sở Khoa học và Công nghệ", "Ủy ban nhân dân các huyện, thành phố"}, []string{"Các cơ quan, đơn vị có liên quan"}, "Trong năm 2024 và sau khi có hướng dẫn mới của Trung ương", model.Due},
	{"7", "III", "Trường Cao đẳng Kon Tum; Phân hiệu Đại học Đà Nẵng tại Kon Tum, Sở Giáo dục và Đào tạo", "Các cơ quan, đơn vị có liên quan",
		[]string{"Trường Cao đẳng Kon Tum", "Phân hiệu Đại học Đà Nẵng tại Kon Tum", "Sở Giáo dục và Đào tạo"}, []string{"Các cơ quan, đơn vị có liên quan"}, "Thường xuyên", model.Regular},
	{"8", "III", "Sở Kế hoạch và Đầu tư, Sở Khoa học và Công nghệ", "Các cơ quan, đơn vị có liên quan",
		[]string{"Sở Kế hoạch và Đầu tư", "Sở Khoa học và Công nghệ"}, []string{"Các cơ quan, đơn vị có liên quan"}, "Thường xuyên.", model.Regular},
	{"9", "III", "Sở Nội vụ, Sở Khoa học và Công nghệ", "Ủy ban nhân dân các huyện, thành phố và các sở, ban ngành thuộc tỉnh và các cơ quan, đơn vị có liên quan.",
		[]string{"Sở Nội vụ", "Sở Khoa học và Công nghệ"}, []string{"Ủy ban nhân dân các huyện, thành phố", "Các Sở, ban ngành", "Các cơ quan, đơn vị có liên quan"}, "Trong năm 2024 và sau khi có hướng dẫn mới của Trung ương", model.Due},
	{"10", "III", "Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Nội vụ, Ủy ban nhân dân các huyện, thành phố", "Sở Khoa học và Công nghệ, Các Sở, ban ngành thuộc tỉnh và các cơ quan, đơn vị có liên quan",
		[]string{"Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nội vụ", "Ủy ban nhân dân các huyện, thành phố"}, []string{"Sở Khoa học và Công nghệ", "Các Sở, ban ngành", "Các cơ quan, đơn vị có liên quan"}, "Thường xuyên", model.Regular},
	{"11", "IV", "Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư", "Các Sở, ban ngành; Ủy ban nhân dân các huyện, thành phố; các cơ quan, đơn vị có liên quan",
		[]string{"Sở Khoa học và Công nghệ", "Sở Kế hoạch và Đầu tư"}, []string{"Các Sở, ban ngành", "Ủy ban nhân dân các huyện, thành phố", "Các cơ quan, đơn vị có liên quan"}, "Hàng năm", model.Annual},
	{"12", "IV", "Sở Nông nghiệp và Phát triển nông thôn", "Các đơn vị, địa phương có liên quan",
		[]string{"Sở Nông nghiệp và Phát triển nông thôn"}, []string{"Các đơn vị, địa phương có liên quan"}, "Hàng năm", model.Annual},
	{"13", "IV", "Sở Y tế", "Các đơn vị, địa phương có liên quan",
		[]string{"Sở Y tế"}, []string{"Các đơn vị, địa phương có liên quan"}, "Hàng năm", model.Annual},
	{"14", "V", "Sở Khoa học và Công nghệ", "Các Sở, ban ngành, địa phương có liên quan",
		[]string{"Sở Khoa học và Công nghệ"}, []string{"Các Sở, ban ngành, địa phương có liên quan"}, "Hàng năm", model.Annual},
	{"15", "VI", "Sở Khoa học và Công nghệ, Sở Nông nghiệp và Phát triển nông thôn", "Các Sở, ban, ngành, địa phương có liên quan",
		[]string{"Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Phát triển nông thôn"}, []string{"Các Sở, ban ngành, địa phương có liên quan"}, "Hàng năm", model.Annual},
}

func names(c *model.Catalogue, codes []string) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = c.RefName(code)
	}
	return out
}

func TestKontumLeadsAndCoordinatorsMatchSeed(t *testing.T) {
	c := load(t, "../../examples/kontum-2024/catalogue.toml")
	if len(c.Tasks) != len(seedTasks) {
		t.Fatalf("%d tasks, want %d", len(c.Tasks), len(seedTasks))
	}
	for i, want := range seedTasks {
		got := &c.Tasks[i]
		if got.Number != want.number || got.Section != want.section {
			t.Errorf("task %d: number %s section %s, want %s %s", i, got.Number, got.Section, want.number, want.section)
		}
		if got.LeadLabel(c) != want.leadText {
			t.Errorf("task %s lead text %q, want %q", want.number, got.LeadLabel(c), want.leadText)
		}
		if got.CoordinatorsLabel(c) != want.coordText {
			t.Errorf("task %s coordinators text %q, want %q", want.number, got.CoordinatorsLabel(c), want.coordText)
		}
		if g := names(c, got.Lead); strings.Join(g, "|") != strings.Join(want.lead, "|") {
			t.Errorf("task %s lead codes stand for %q, want %q", want.number, g, want.lead)
		}
		if g := names(c, got.Coordinators); strings.Join(g, "|") != strings.Join(want.coord, "|") {
			t.Errorf("task %s coordinator codes stand for %q, want %q", want.number, g, want.coord)
		}
		if got.TimeframeLabel() != want.timeframe || got.Timeframe.Kind != want.kind {
			t.Errorf("task %s timeframe %q (%s), want %q (%s)", want.number, got.TimeframeLabel(), got.Timeframe.Kind, want.timeframe, want.kind)
		}
	}
}

var (
	tagRe = regexp.MustCompile(`<[^>]+>`)
	supRe = regexp.MustCompile(`<sup>(\d)</sup>`)
	parRe = regexp.MustCompile(`<(?:p|li)>(.*?)</(?:p|li)>`)
)

// seedParagraphs reads the Phụ lục table of the seed on its own: one row per
// task, continuation rows (empty TT, after a page break) joined to the
// paragraph they continue, footnote marks as superscript digits.
func seedParagraphs(t *testing.T) map[string][]string {
	data, err := os.ReadFile("testdata/seeds/ke-hoach-UBND-trien-khai-144-KH-TU.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	text = text[strings.Index(text, "TT\tNội dung"):]
	sup := map[string]string{"1": "¹", "2": "²", "3": "³"}
	paras := func(cell string) []string {
		cell = supRe.ReplaceAllStringFunc(cell, func(m string) string { return sup[supRe.FindStringSubmatch(m)[1]] })
		var out []string
		for _, m := range parRe.FindAllStringSubmatch(cell, -1) {
			out = append(out, strings.TrimSpace(m[1]))
		}
		if out == nil {
			out = []string{strings.TrimSpace(tagRe.ReplaceAllString(cell, ""))}
		}
		return out
	}
	tasks := map[string][]string{}
	last := ""
	for _, line := range strings.Split(text, "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) < 5 || cols[0] == "TT" {
			continue
		}
		tt := strings.TrimSuffix(strings.TrimSpace(tagRe.ReplaceAllString(cols[0], "")), ".")
		if strings.Trim(tt, "IVX") == "" && tt != "" {
			continue // a section row
		}
		ps := paras(cols[1])
		if tt != "" {
			last = tt
			tasks[tt] = ps
			continue
		}
		prev := tasks[last]
		if strings.HasPrefix(ps[0], "- ") { // a new bullet after the break
			tasks[last] = append(prev, ps...)
		} else { // the paragraph cut by the break goes on
			prev[len(prev)-1] += " " + ps[0]
			tasks[last] = append(prev, ps[1:]...)
		}
	}
	return tasks
}

func TestKontumContentIsTheSeedText(t *testing.T) {
	c := load(t, "../../examples/kontum-2024/catalogue.toml")
	seed := seedParagraphs(t)
	if len(seed) != 15 {
		t.Fatalf("read %d tasks from the seed, want 15", len(seed))
	}
	for _, task := range c.Tasks {
		got := model.Paragraphs(task.Content)
		want := seed[task.Number]
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("task %s content differs from the seed:\n got %q\nwant %q", task.Number, got, want)
		}
	}
	// The footnoted references of task 3 are kept, in order.
	t3 := c.TaskByNumber("3")
	if len(t3.Footnotes) != 3 || !strings.HasPrefix(t3.Footnotes[0], "thực hiện Chương trình số 60-CTr/TU") ||
		t3.Footnotes[2] != "về phát triển khoa học và công nghệ giai đoạn 2021-2025" {
		t.Errorf("task 3 footnotes = %q", t3.Footnotes)
	}
}

func TestTinhUyContentIsTheSeedText(t *testing.T) {
	c := load(t, "../../examples/kh144-tinh-uy-2024/catalogue.toml")
	data, err := os.ReadFile("testdata/seeds/ke-hoach-144-KH-TU-tinh-uy.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The seed marks italics and bold with asterisks; a page break cuts one word pair.
	flat := strings.Join(strings.Fields(strings.ReplaceAll(string(data), "*", "")), " ")
	for _, task := range c.Tasks {
		for _, p := range model.Paragraphs(task.Content) {
			if !strings.Contains(flat, p) {
				t.Errorf("task %s: paragraph not in the seed: %q", task.Number, p)
			}
		}
	}
}

func TestExamplesAreNFC(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/catalogue.toml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !norm.NFC.IsNormal(data) {
			t.Errorf("%s is not in NFC", f)
		}
	}
}

type want struct {
	line int
	key  string
	err  error
	msg  string
}

// TestBadCatalogues reads each file of testdata/bad, made from
// testdata/minimal.toml with one defect (the several-problems case, four),
// and asserts every problem: line, key, sentinel and message.
func TestBadCatalogues(t *testing.T) {
	cases := []struct {
		name string
		want []want
	}{
		{"01-syntax-unclosed-string", []want{
			{60, "tasks.title", catalogue.ErrSyntax, "chuỗi văn bản chưa được đóng dấu ngoặc kép"},
		}},
		{"02-syntax-missing-equals", []want{
			{40, "units", catalogue.ErrSyntax, "thiếu dấu “=” sau tên khóa"},
		}},
		{"03-unknown-key-in-task", []want{
			{61, "tasks.colour", catalogue.ErrUnknownKey, "khóa “colour” không có trong định dạng danh mục trong [tasks]"},
		}},
		{"04-unknown-key-top", []want{
			{5, "titel", catalogue.ErrUnknownKey, "khóa “titel” không có trong định dạng danh mục ở đầu tệp"},
		}},
		{"05-duplicate-unit-code", []want{
			{43, "units.code", model.ErrDuplicate, "mã đơn vị “SKHCN” bị trùng"},
			{73, "tasks.lead", model.ErrUnknownRef, "nhiệm vụ 2: mã “SYT” không phải đơn vị hay nhóm nào trong danh mục"},
		}},
		{"06-duplicate-task-number", []want{
			{69, "tasks.number", model.ErrDuplicate, "số nhiệm vụ “1” bị trùng"},
		}},
		{"07-unknown-unit-in-lead", []want{
			{73, "tasks.lead", model.ErrUnknownRef, "nhiệm vụ 2: mã “SYTT” không phải đơn vị hay nhóm nào trong danh mục"},
		}},
		{"08-unknown-group-multiline", []want{
			{67, "tasks.coordinators", model.ErrUnknownRef, "nhiệm vụ 1: mã “NHOMX” không phải đơn vị hay nhóm nào trong danh mục"},
		}},
		{"09-unknown-section", []want{
			{70, "tasks.section", model.ErrUnknownRef, "nhiệm vụ 2: phần “IX” chưa được khai báo"},
		}},
		{"10-task-without-lead", []want{
			{68, "tasks.lead", model.ErrNoLead, "nhiệm vụ 2: chưa có đơn vị chủ trì"},
		}},
		{"11-impossible-date", []want{
			{74, "tasks.timeframe.due", catalogue.ErrSyntax, "ngày không hợp lệ"},
		}},
		{"12-date-written-as-text", []want{
			{15, "period.start", model.ErrDate, "“start” phải là một ngày, không phải văn bản"},
		}},
		{"13-deadline-outside-period", []want{
			{17, "period.deadline", model.ErrDeadline, "hạn nộp báo cáo 01/03/2025 nằm ngoài kỳ báo cáo 15/12/2023–14/12/2024"},
		}},
		{"14-period-and-periods", []want{
			{81, "periods", catalogue.ErrType, "danh mục có cả [period] và [[periods]]"},
		}},
		{"15-empty-content", []want{
			{72, "tasks.content", model.ErrEmpty, "nhiệm vụ 2: thiếu nội dung bắt buộc"},
		}},
		{"16-text-not-nfc", []want{
			{71, "tasks.title", model.ErrNotNFC, "nhiệm vụ 2: chữ tiếng Việt không ở dạng Unicode dựng sẵn (NFC)"},
		}},
		{"17-unknown-unit-kind", []want{
			{46, "units.kind", model.ErrUnknownRef, "đơn vị SYT: loại đơn vị “truong” chưa được khai báo"},
		}},
		{"18-lead-not-a-list", []want{
			{73, "tasks.lead", catalogue.ErrType, "“lead” phải là danh sách văn bản, không phải số nguyên"},
		}},
		{"19-bad-timeframe-kind", []want{
			{66, "tasks.timeframe.kind", model.ErrBadValue, "nhiệm vụ 1: loại thời gian “weekly” không hợp lệ"},
		}},
		{"20-key-written-twice", []want{
			{45, "units.name", catalogue.ErrSyntax, "khóa được ghi hai lần"},
		}},
		{"21-format-version", []want{
			{2, "format", catalogue.ErrFormat, "định dạng danh mục phiên bản 2 không được hỗ trợ"},
		}},
		{"22-alias-clash", []want{
			{47, "units.aliases", model.ErrDuplicate, "đơn vị SYT: tên “Sở KH&CN” trùng với tên hoặc tên gọi khác của đơn vị SKHCN"},
		}},
		{"23-several-problems", []want{
			{17, "period.deadline", model.ErrDeadline, "hạn nộp báo cáo 01/03/2025 nằm ngoài kỳ báo cáo 15/12/2023–14/12/2024"},
			{43, "units.code", model.ErrDuplicate, "mã đơn vị “SKHCN” bị trùng"},
			{61, "tasks.colour", catalogue.ErrUnknownKey, "khóa “colour” không có trong định dạng danh mục trong [tasks]"},
			{71, "tasks.section", model.ErrUnknownRef, "nhiệm vụ 2: phần “IX” chưa được khai báo"},
			{74, "tasks.lead", model.ErrUnknownRef, "nhiệm vụ 2: mã “SYT” không phải đơn vị hay nhóm nào trong danh mục"},
		}},
		{"24-due-without-date", []want{
			{74, "tasks.timeframe.due", model.ErrDate, "nhiệm vụ 2: thiếu ngày hạn (due)"},
		}},
		{"25-group-member-unknown", []want{
			{51, "groups.members", model.ErrUnknownRef, "nhóm SBN: đơn vị “SXD” không có trong danh mục"},
		}},
	}
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) != len(cases) {
		t.Errorf("%d files in testdata/bad, %d cases in the table", len(files), len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, probs, err := catalogue.Load("testdata/bad/" + tc.name + ".toml")
			if err != nil {
				t.Fatal(err)
			}
			if !probs.HasErrors() || probs.Err() == nil {
				t.Fatalf("no error reported (catalogue %v)", c != nil)
			}
			if len(probs) != len(tc.want) {
				t.Errorf("%d problems, want %d:\n%v", len(probs), len(tc.want), probs)
			}
			for i, w := range tc.want {
				if i >= len(probs) {
					break
				}
				p := probs[i]
				if p.Line != w.line || p.Key != w.key || p.Message != w.msg || !errors.Is(p, w.err) {
					t.Errorf("problem %d:\n got %d %q %v %q\nwant %d %q %v %q", i, p.Line, p.Key, p.Err, p.Message, w.line, w.key, w.err, w.msg)
				}
				if p.Hint == "" {
					t.Errorf("problem %d has no hint", i)
				}
				prefix := fmt.Sprintf("testdata/bad/%s.toml:%d: %s: lỗi: ", tc.name, w.line, w.key)
				if !strings.HasPrefix(p.Error(), prefix) {
					t.Errorf("problem %d does not start with %q: %s", i, prefix, p.Error())
				}
			}
		})
	}
}

func TestMinimalIsValid(t *testing.T) {
	load(t, "testdata/minimal.toml")
}

// A printed problem names file, line, key, severity, message and hint.
func TestProblemLine(t *testing.T) {
	_, probs, _ := catalogue.Load("testdata/bad/07-unknown-unit-in-lead.toml")
	want := "testdata/bad/07-unknown-unit-in-lead.toml:73: tasks.lead: lỗi: nhiệm vụ 2: mã “SYTT” không phải đơn vị hay nhóm nào trong danh mục — có phải bạn muốn ghi: “SYT”?"
	if len(probs) != 1 || probs[0].Error() != want {
		t.Errorf("got\n%v\nwant\n%s", probs, want)
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "khong-co.toml"), "không có tệp này"},
		{"folder", dir, "là một thư mục"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := catalogue.Load(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestNotUTF8(t *testing.T) {
	_, probs := catalogue.Parse("x.toml", []byte("format = 1\nid = \"\xff\"\n"))
	if len(probs) != 1 || probs[0].Line != 2 || !errors.Is(probs[0], catalogue.ErrSyntax) {
		t.Errorf("got %v", probs)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/minimal.toml", "../../examples/kontum-2024/catalogue.toml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("[[tasks]]\nlead = [\n\"A\",\n]\n[tasks.timeframe]\ndue = 2024-01-01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, probs := catalogue.Parse("f.toml", data)
		for _, p := range probs {
			if p.Message == "" || p.Hint == "" {
				t.Errorf("problem without message or hint: %+v", p)
			}
			if strings.Contains(p.Message, "toml:") {
				t.Errorf("library text reached the user: %s", p.Message)
			}
		}
		if c == nil && !probs.HasErrors() {
			t.Error("no catalogue and no error")
		}
	})
}
