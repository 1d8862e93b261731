package planimport

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// Options are what the command line gives.
type Options struct {
	Base   *model.Catalogue // units, groups, issuer, periods, indicators; nil: proposed from the names
	Limits xlsx.Limits
	Today  time.Time // the year of the placeholder period when there is no base
}

// Result is the draft catalogue, the comments to write in it, and what
// the compiler must review.
type Result struct {
	Catalogue *model.Catalogue
	Notes     catalogue.Notes
	Review    []string
	Unmatched int // names matched to no unit or group
}

// ErrFile marks a file that cannot be read as a plan's table.
var ErrFile = errors.New("plan table cannot be read")

// Import reads the plan's table in the .docx or .xlsx at path and drafts
// a catalogue.
func Import(path string, opt Options) (*Result, error) {
	var grids []grid
	// By extension, then by content: a Word file named .xlsx, or a
	// workbook named .docx, is read for what it is.
	word := func() error {
		d, err := xlsx.OpenWord(path, opt.Limits)
		if err == nil {
			grids = fromWord(d)
		}
		return err
	}
	book := func() error {
		b, err := xlsx.Open(path, opt.Limits)
		if err == nil {
			grids = fromBook(b)
		}
		return err
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".docx":
		if err := word(); err != nil {
			if !errors.Is(err, xlsx.ErrNotWord) || book() != nil {
				return nil, fileError(path, err)
			}
		}
	case ".xlsx", ".xlsm":
		if err := book(); err != nil {
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || !strings.Contains(fe.Message, "Word (.docx)") || word() != nil {
				return nil, fileError(path, err)
			}
		}
	case ".doc":
		return nil, fmt.Errorf("%w: %s là văn bản Word đời cũ (.doc); mở bằng Word hoặc LibreOffice Writer, Lưu thành (Save As) dạng .docx rồi dùng tệp đó", ErrFile, path)
	default:
		return nil, fmt.Errorf("%w: %s: đọc được bảng trong văn bản Word (.docx) hoặc bảng tính Excel (.xlsx), không đọc tệp “%s”", ErrFile, path, ext)
	}
	p, err := readPlan(grids)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrFile, path, err.Error())
	}
	return draft(p, filepath.Base(path), opt), nil
}

func fileError(path string, err error) error {
	var fe *xlsx.FileError
	if errors.As(err, &fe) {
		// The reader's messages speak of the units' workbooks; here the
		// file is a plan.
		msg := fe.Message
		if strings.EqualFold(filepath.Ext(path), ".docx") {
			msg = strings.NewReplacer("tệp .xlsx", "tệp .docx", "(bảng tính thật không có)", "(văn bản Word thật không có)").Replace(msg)
		}
		switch {
		case errors.Is(err, xlsx.ErrNotWord):
			msg += " — " + fe.Hint
		case errors.Is(err, xlsx.ErrFormat):
			// "đây là tệp PDF, không phải bảng tính Excel": what it is,
			// then what is read here.
			if i := strings.Index(msg, "không phải"); i > 0 {
				msg = strings.TrimRight(msg[:i], ", ")
			}
			msg = strings.TrimSuffix(msg, " mang đuôi bảng tính")
			msg += ", không phải văn bản Word (.docx) hay bảng tính Excel (.xlsx) — mở tệp gốc bằng Word hoặc Excel, Lưu thành (Save As) dạng .docx hoặc .xlsx"
		}
		return fmt.Errorf("%w: %s: %s", ErrFile, path, msg)
	}
	return fmt.Errorf("%w: %s: không đọc được tệp", ErrFile, path)
}

// builder drafts the catalogue.
type builder struct {
	r     *Result
	c     *model.Catalogue
	m     *matcher
	notes map[string][]string
	unset *model.Group // the group a task with no matched lead points to

	cols   []column // the table's columns, and their labels
	labels []string

	missing      map[string]*missingName // names matched to nothing, by folded name
	missingOrder []string
}

func (b *builder) review(format string, args ...any) {
	b.r.Review = append(b.r.Review, fmt.Sprintf(format, args...))
}

func (b *builder) note(path, format string, args ...any) {
	b.notes[path] = append(b.notes[path], fmt.Sprintf(format, args...))
}

func draft(p *plan, file string, opt Options) *Result {
	r := &Result{}
	b := &builder{r: r, c: &model.Catalogue{Format: model.FormatVersion}, notes: map[string][]string{}, missing: map[string]*missingName{},
		cols: p.layout.cols, labels: p.layout.labels}
	r.Catalogue = b.c
	c := b.c
	c.ID = slug(strings.TrimSuffix(file, filepath.Ext(file)))
	c.Version = "1"
	r.Notes.Head = []string{
		"Danh mục nhiệm vụ — BẢN NHÁP do “baocao catalogue import” lập từ bảng nhiệm vụ của tệp " + file + ".",
		"Người tổng hợp cần đọc lại trước khi dùng: các dòng ghi “KIỂM TRA” và “GIỮ CHỖ” dưới đây,",
		"tên ngắn (title) của từng nhiệm vụ, đơn vị chủ trì và phối hợp đã khớp. Kiểm tra tệp bằng lệnh:",
		"  baocao --catalogue <tệp này> catalogue",
	}
	for _, n := range p.notes {
		b.review("%s", n)
	}
	if opt.Base != nil {
		b.fromBase(opt.Base)
	} else {
		b.placeholders(p, opt.Today)
		b.propose(p)
	}
	b.m = newMatcher(c)
	for _, s := range p.sections {
		if c.SectionByNumber(s.number) != nil {
			b.review("%s: phần %s xuất hiện hai lần; gộp vào phần đã có", s.where, s.number)
			continue
		}
		c.Sections = append(c.Sections, model.Section{Number: s.number, Title: s.title})
	}
	titled := 0
	for _, t := range p.tasks {
		b.task(t)
		titled++
	}
	b.reviewMissing()
	if opt.Base != nil {
		// The base's period, before the new plan's deadlines?
		later, last := 0, time.Time{}
		for _, t := range c.Tasks {
			if t.Timeframe.HasDeadline() && t.Timeframe.Due.After(c.Period.End) {
				later++
				if t.Timeframe.Due.After(last) {
					last = t.Timeframe.Due
				}
			}
		}
		if later > 0 {
			b.review("Kỳ báo cáo “%s” lấy từ danh mục gốc kết thúc ngày %s, trước hạn của %d nhiệm vụ (đến %s): sửa [period] cho kỳ báo cáo của kế hoạch mới",
				c.Period.Label, c.Period.End.Format("02/01/2006"), later, last.Format("02/01/2006"))
		}
	}
	if titled > 0 {
		b.review("Tên ngắn (title) của %d nhiệm vụ do chương trình đặt từ câu đầu của nội dung: đọc lại, sửa cho gọn (tên ngắn in ở đề mục của báo cáo)", titled)
	}
	if b.unset != nil {
		c.Groups = append(c.Groups, *b.unset)
	}
	r.Notes.At = b.notes
	return r
}

// fromBase takes from the base catalogue what does not change with the
// plan: the issuer, the periods, kinds, units, groups and indicators.
func (b *builder) fromBase(base *model.Catalogue) {
	c := b.c
	c.Plan = model.Plan{Document: model.Document{Kind: "Kế hoạch", Number: "/KH-UBND", DateText: "năm " + fmt.Sprint(base.Period.End.Year()),
		Issuer: base.Plan.Issuer, Title: "GIỮ CHỖ: trích yếu của kế hoạch"}, Short: "Kế hoạch"}
	b.note("plan", "GIỮ CHỖ: số, ngày, cơ quan ban hành và trích yếu của kế hoạch này; short là cách báo cáo gọi kế hoạch (ví dụ “Kế hoạch 144-KH/TU”)")
	b.review("GIỮ CHỖ: [plan] — số, ngày, trích yếu của kế hoạch (number, date, title, short)")
	c.Periods = append([]model.Period(nil), base.Periods...)
	c.Period = base.Period
	c.Issuer = base.Issuer
	c.Kinds = append([]model.Kind(nil), base.Kinds...)
	c.Units = append([]model.Unit(nil), base.Units...)
	c.Groups = append([]model.Group(nil), base.Groups...)
	c.Indicators = append([]model.Indicator(nil), base.Indicators...)
	b.note("period", "Kỳ báo cáo, cơ quan tổng hợp, đơn vị, nhóm và chỉ tiêu lấy từ danh mục gốc (--base); kiểm tra còn đúng cho kế hoạch này.")
}

// placeholders fills what a catalogue needs and a plan's table does not
// say, marked for the compiler.
func (b *builder) placeholders(p *plan, today time.Time) {
	c := b.c
	// The year the timeframes name most, else this year.
	y, most := today.Year(), 0
	if y < 2000 {
		y = time.Now().Year()
	}
	count := map[int]int{}
	for _, t := range p.tasks {
		for _, m := range year.FindAllString(strings.Join(t.time, " "), -1) {
			n, _ := strconv.Atoi(m)
			count[n]++
			if count[n] > most || count[n] == most && n < y {
				y, most = n, count[n]
			}
		}
	}
	c.Plan = model.Plan{Document: model.Document{Kind: "Kế hoạch", Number: "/KH-UBND", DateText: fmt.Sprintf("năm %d", y),
		Issuer: "Ủy ban nhân dân tỉnh", Title: "GIỮ CHỖ: trích yếu của kế hoạch"}, Short: "Kế hoạch"}
	per := model.Period{Label: fmt.Sprintf("năm %d", y), Start: time.Date(y-1, 12, 15, 0, 0, 0, 0, time.UTC),
		End: time.Date(y, 12, 14, 0, 0, 0, 0, time.UTC), Deadline: time.Date(y, 12, 15, 0, 0, 0, 0, time.UTC)}
	c.Period, c.Periods = per, []model.Period{per}
	c.Issuer = model.Issuer{Superior: "UBND tỉnh", Body: "Sở Khoa học và Công nghệ", Symbol: "BC-SKHCN", Place: "GIỮ CHỖ",
		DraftingUnit: "GIỮ CHỖ", Signer: model.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn A"}}
	b.note("plan", "GIỮ CHỖ: số, ngày, cơ quan ban hành và trích yếu của kế hoạch")
	b.note("period", "GIỮ CHỖ: kỳ báo cáo (tên, ngày bắt đầu, ngày kết thúc, hạn gửi báo cáo); kế hoạch báo cáo nhiều lần trong năm ghi nhiều khối [[periods]]")
	b.note("issuer", "GIỮ CHỖ: cơ quan tổng hợp báo cáo, ký hiệu, địa danh, đơn vị soạn thảo, Kính gửi, Nơi nhận, người ký")
	for _, what := range []string{"[plan] — số, ngày, trích yếu của kế hoạch", "[period] — kỳ báo cáo và hạn gửi báo cáo",
		"[issuer] — cơ quan tổng hợp, địa danh, đơn vị soạn thảo, người ký"} {
		b.review("GIỮ CHỖ: %s", what)
	}
}

// task adds a task of the table.
func (b *builder) task(t *rawTask) {
	c := b.c
	i := len(c.Tasks)
	path := fmt.Sprintf("tasks[%d]", i)
	task := model.Task{Number: t.number, Section: t.section, Content: strings.Join(t.content, "\n"), Footnotes: t.footnotes}
	if prev := c.TaskByNumber(t.number); prev != nil {
		// Numbers that start again in each section: "II.1".
		n := t.section + "." + t.number
		if prev.Section == t.section || c.TaskByNumber(n) != nil {
			n = t.number
			for k := 2; c.TaskByNumber(n) != nil; k++ {
				n = fmt.Sprintf("%s_%d", t.number, k)
			}
		}
		b.review("%s: số nhiệm vụ %s trùng với nhiệm vụ trước; đặt là %s", t.where, t.number, n)
		task.Number = n
	}
	what := "Nhiệm vụ " + task.Number
	if task.Content == "" {
		task.Content = "GIỮ CHỖ: nội dung"
		b.review("%s (%s): không có nội dung", what, t.where)
	}
	task.Title = title(t.content)
	b.note(path, "KIỂM TRA: tên ngắn (title) do chương trình đặt từ câu đầu của nội dung (%s)", t.where)
	if strings.ContainsAny(task.Content, "¹²³⁴⁵⁶⁷⁸⁹") && len(task.Footnotes) == 0 {
		b.review("%s: nội dung có dấu chú thích nhưng tệp không có lời chú thích; ghi lời chú thích vào footnotes", what)
		b.note(path, "KIỂM TRA: nội dung có dấu chú thích (¹ ² ³); ghi lời chú thích vào footnotes = [\"...\"]")
	}
	task.LeadText = joinNames(t.lead)
	task.CoordinatorsText = joinNames(t.coord)
	task.Lead = b.units(what, "chủ trì", path+".lead", task.LeadText)
	task.Coordinators = b.units(what, "phối hợp", path+".coordinators", task.CoordinatorsText)
	if len(task.Lead) == 0 {
		task.Lead = []string{b.unsetGroup()}
		b.note(path+".lead", "KIỂM TRA: chưa xác định được đơn vị chủ trì; thay mã %s bằng mã đơn vị hoặc nhóm chủ trì", b.unset.Code)
	}
	var note string
	task.Timeframe, note = timeframe(strings.Join(t.time, " "), c.Period)
	if note != "" {
		b.review("%s: %s", what, note)
		b.note(path+".timeframe", "KIỂM TRA: %s", note)
	}
	k := 0
	for col, kind := range b.cols {
		if kind != colOther {
			continue
		}
		if k < len(t.fields) && len(t.fields[k]) > 0 {
			task.Fields = append(task.Fields, model.Field{Label: b.labels[col], Text: strings.Join(t.fields[k], "\n")})
		}
		k++
	}
	if t.sectionMade {
		b.review("%s: bảng không chia phần (I, II...); các nhiệm vụ đặt vào phần I “Các nhiệm vụ” — sửa tên phần", what)
	}
	c.Tasks = append(c.Tasks, task)
}

// units matches a list of units to codes, and says what it could not.
func (b *builder) units(what, role, path, text string) []string {
	if text == "" {
		return nil
	}
	codes, unmatched := b.m.match(text)
	have := " " + strings.Join(words(text), " ") + " "
	for _, old := range slices.Sorted(maps.Keys(b.m.former)) {
		if strings.Contains(have, " "+old+" ") {
			b.review("%s: đơn vị %s ghi tên cũ “%s”; đã khớp với đơn vị tiếp nhận %s", what, role, old, b.m.former[old])
		}
	}
	for _, u := range unmatched {
		b.r.Unmatched++
		msg := fmt.Sprintf("không khớp tên đơn vị %s “%s” với đơn vị hay nhóm nào của danh mục", role, u)
		if near := b.nearest(u); near != "" {
			msg += "; gần nhất: " + near
		}
		b.note(path, "KIỂM TRA: %s", msg)
		key := vntext.Fold(u)
		if _, ok := b.missing[key]; !ok {
			b.missingOrder = append(b.missingOrder, key)
			b.missing[key] = &missingName{name: u}
		}
		b.missing[key].where = append(b.missing[key].where, strings.TrimPrefix(what, "Nhiệm vụ ")+" ("+role+")")
	}
	return codes
}

// missingName is a name matched to no unit, and where the plan writes it.
type missingName struct {
	name  string
	where []string
}

func (b *builder) nearest(u string) string {
	var named []string
	for _, n := range b.m.nearest(u) {
		named = append(named, fmt.Sprintf("%s (%s)", n, b.m.byName[n]))
	}
	return strings.Join(named, ", ")
}

// reviewMissing says once each name that matched nothing, with its tasks.
func (b *builder) reviewMissing() {
	for _, key := range b.missingOrder {
		m := b.missing[key]
		msg := fmt.Sprintf("Tên “%s” (nhiệm vụ %s) không khớp với đơn vị hay nhóm nào của danh mục", m.name, strings.Join(m.where, ", "))
		if near := b.nearest(m.name); near != "" {
			msg += "; gần nhất: " + near
		} else {
			msg += "; thêm đơn vị này vào [[units]] (hoặc nhóm vào [[groups]]) rồi ghi mã vào nhiệm vụ"
		}
		b.review("%s", msg)
	}
}

func (b *builder) unsetGroup() string {
	if b.unset == nil {
		b.unset = &model.Group{Code: model.UnsetGroup, Name: "Đơn vị chủ trì chưa xác định", Open: true}
		b.note(fmt.Sprintf("groups[%d]", len(b.c.Groups)), "KIỂM TRA: nhóm tạm cho nhiệm vụ chưa xác định được đơn vị chủ trì; sửa các nhiệm vụ dùng mã "+model.UnsetGroup+" rồi xóa nhóm này")
	}
	return b.unset.Code
}

// joinNames is a cell's unit names as one text: its lines joined by ",".
func joinNames(ps []string) string {
	var out string
	for i, p := range ps {
		p = strings.TrimSpace(p)
		if i > 0 {
			if end, _ := utf8.DecodeLastRuneInString(out); strings.ContainsRune(",;", end) {
				out += " "
			} else {
				out += ", "
			}
		}
		out += p
	}
	return out
}

// title is a task's short title: the first clause of its content, without
// a list mark, cut at 16 words.
func title(content []string) string {
	if len(content) == 0 {
		return "GIỮ CHỖ: tên ngắn"
	}
	s := strings.TrimSpace(strings.TrimLeft(content[0], "-+•* \u00a0"))
	if i := strings.IndexAny(s, ".;:"); i > 0 {
		s = s[:i]
	}
	s = strings.Map(func(r rune) rune {
		if _, ok := superDigits[r]; ok {
			return -1
		}
		return r
	}, s)
	ws := strings.Fields(s)
	if len(ws) > 14 {
		// At the last comma within 14 words that leaves 6 or more, else
		// at 12 words, not ending on "và", "các"...
		cut := 0
		for i := 6; i <= 14; i++ {
			if strings.HasSuffix(ws[i-1], ",") || clauseWords[ws[i]] {
				cut = i
			}
		}
		if cut == 0 {
			cut = 12
			for cut > 8 && weakEnd[vntext.Fold(ws[cut-1])] {
				cut--
			}
		}
		ws = ws[:cut]
	}
	s = strings.TrimRight(strings.Join(ws, " "), ",")
	if s == "" {
		return "GIỮ CHỖ: tên ngắn"
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// weakEnd are words a short title does not end on.
var weakEnd = map[string]bool{"va": true, "cac": true, "cua": true, "de": true, "voi": true, "cho": true, "ve": true, "la": true, "nhung": true, "trong": true}

// clauseWords start a clause a short title can end before.
var clauseWords = map[string]bool{"và": true, "để": true, "nhằm": true, "trong": true, "theo": true, "gắn": true, "đối": true, "trên": true, "phục": true}

// slug is an ASCII id made of a file name: "Kế hoạch 57.docx" →
// "ke-hoach-57".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range vntext.Fold(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if out == "" || !unicode.IsLetter(rune(out[0])) {
		out = "ke-hoach-" + out
	}
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	return strings.TrimRight(out, "-")
}
