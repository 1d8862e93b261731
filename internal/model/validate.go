package model

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"baocao/internal/problem"
	"baocao/internal/vntext"
)

// Sentinels of catalogue problems found by Validate.
var (
	ErrEmpty       = errors.New("required text is empty")
	ErrNotNFC      = errors.New("text is not in Unicode NFC")
	ErrDuplicate   = errors.New("duplicate code or number")
	ErrUnknownRef  = errors.New("reference to an unknown unit, group, kind or section")
	ErrPlaceholder = errors.New("a placeholder left to fill")
	ErrNoLead      = errors.New("task has no lead")
	ErrDate        = errors.New("invalid date")
	ErrDeadline    = errors.New("deadline outside the period")
	ErrBadValue    = errors.New("invalid value")
)

// MaxDeadlineAfterEnd is how long after the end of the period the submission
// deadline may fall.
const MaxDeadlineAfterEnd = 31 * 24 * time.Hour

var (
	codePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,31}$`)
	idPattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
)

type validator struct {
	c     *Catalogue
	probs problem.List
}

func (v *validator) add(pos Pos, key string, err error, msg, hint string) {
	line, k := pos.At(key)
	v.addAt(line, k, err, msg, hint)
}

// addItem reports a problem with item i of the list under key.
func (v *validator) addItem(pos Pos, key string, i int, err error, msg, hint string) {
	line, k := pos.Item(key, i)
	v.addAt(line, k, err, msg, hint)
}

func (v *validator) addAt(line int, k string, err error, msg, hint string) {
	v.probs.Add(&problem.Problem{File: v.c.File, Line: line, Key: k, Severity: problem.Error,
		Message: msg, Hint: hint, Err: err})
}

// text checks a text value: present when required, and in NFC.
func (v *validator) text(pos Pos, key, what, value string, required bool) {
	if value == "" {
		if required {
			v.add(pos, key, ErrEmpty, what+": thiếu nội dung bắt buộc",
				fmt.Sprintf("ghi giá trị cho khóa “%s”", key))
		}
		return
	}
	if !norm.NFC.IsNormalString(value) {
		v.add(pos, key, ErrNotNFC, what+": chữ tiếng Việt không ở dạng Unicode dựng sẵn (NFC)",
			"gõ lại đoạn này bằng bộ gõ Unicode dựng sẵn, hoặc chuyển mã sang “Unicode dựng sẵn” (ví dụ bằng Unikey) rồi lưu lại")
	}
}

func (v *validator) texts(pos Pos, key, what string, values []string) {
	for _, s := range values {
		if s == "" {
			v.add(pos, key, ErrEmpty, what+": có một mục để trống", "xóa mục trống hoặc ghi nội dung cho nó")
			continue
		}
		v.text(pos, key, what, s, false)
	}
}

func (v *validator) code(pos Pos, key, what, code string) {
	if code == "" {
		v.add(pos, key, ErrEmpty, what+": thiếu mã", "ghi mã bằng chữ không dấu, ví dụ “SYT”")
		return
	}
	if !codePattern.MatchString(code) {
		v.add(pos, key, ErrBadValue, fmt.Sprintf("%s: mã “%s” không hợp lệ", what, code),
			"mã chỉ gồm chữ cái không dấu, chữ số, “_” hoặc “-”, bắt đầu bằng chữ cái, tối đa 32 ký tự")
	}
}

func day(t time.Time) string { return t.Format("02/01/2006") }

// Validate checks the whole catalogue and returns every problem found, each
// with the line and key it came from. It returns nil when the catalogue is
// valid.
func (c *Catalogue) Validate() problem.List {
	v := &validator{c: c}
	v.header()
	v.periods()
	v.issuer()
	refs := v.unitsAndGroups()
	v.sectionsAndTasks(refs)
	v.indicators()
	v.probs.Sort()
	return v.probs
}

func (v *validator) header() {
	c := v.c
	v.text(c.Pos, "id", "danh mục", c.ID, true)
	if c.ID != "" && !idPattern.MatchString(c.ID) {
		v.add(c.Pos, "id", ErrBadValue, fmt.Sprintf("danh mục: mã “%s” không hợp lệ", c.ID),
			"mã danh mục chỉ gồm chữ không dấu, chữ số, “.”, “_” hoặc “-”, ví dụ “kontum-kh144-2024”")
	}
	v.text(c.Pos, "version", "danh mục", c.Version, false)
	p := &c.Plan
	v.text(p.Pos, "kind", "kế hoạch", p.Kind, true)
	v.text(p.Pos, "number", "kế hoạch", p.Number, true)
	v.text(p.Pos, "issuer", "kế hoạch", p.Issuer, true)
	v.text(p.Pos, "title", "kế hoạch", p.Title, true)
	v.text(p.Pos, "short", "kế hoạch", p.Short, false)
	v.text(p.Pos, "date_text", "kế hoạch", p.DateText, false)
	if p.Date.IsZero() && p.DateText == "" {
		v.add(p.Pos, "date", ErrEmpty, "kế hoạch: thiếu ngày ban hành",
			"ghi “date = 2024-06-15”, hoặc “date_text = \"tháng 6 năm 2024\"” khi chưa rõ ngày")
	}
	for i := range p.Implements {
		d := &p.Implements[i]
		what := "văn bản được triển khai"
		if d.Number != "" {
			what += " " + d.Number
		}
		v.text(d.Pos, "kind", what, d.Kind, true)
		v.text(d.Pos, "number", what, d.Number, true)
		v.text(d.Pos, "issuer", what, d.Issuer, true)
		v.text(d.Pos, "title", what, d.Title, false)
		v.text(d.Pos, "date_text", what, d.DateText, false)
		if d.Date.IsZero() && d.DateText == "" {
			v.add(d.Pos, "date", ErrEmpty, what+": thiếu ngày ban hành", "ghi ngày dạng 2024-04-24")
		}
	}
}

func (v *validator) periods() {
	labels := map[string]bool{}
	for i := range v.c.Periods {
		p := &v.c.Periods[i]
		v.period(p)
		if f := vntext.Fold(p.Label); f != "" && labels[f] {
			v.add(p.Pos, "label", ErrDuplicate, fmt.Sprintf("hai kỳ báo cáo cùng tên “%s”", p.Label),
				"mỗi kỳ báo cáo có một tên riêng, ví dụ “6 tháng đầu năm 2025”, “năm 2025”")
		}
		labels[vntext.Fold(p.Label)] = true
	}
}

func (v *validator) period(p *Period) {
	v.text(p.Pos, "label", "kỳ báo cáo", p.Label, true)
	missing := false
	for _, f := range []struct {
		key string
		t   time.Time
	}{{"start", p.Start}, {"end", p.End}, {"deadline", p.Deadline}} {
		if f.t.IsZero() {
			missing = true
			v.add(p.Pos, f.key, ErrDate, "kỳ báo cáo: thiếu ngày", "ghi ngày dạng 2024-12-15 (không đặt trong dấu ngoặc kép)")
		}
	}
	if missing {
		return
	}
	if !p.Start.Before(p.End) {
		v.add(p.Pos, "end", ErrDate,
			fmt.Sprintf("kỳ báo cáo: ngày kết thúc %s không sau ngày bắt đầu %s", day(p.End), day(p.Start)),
			"kỳ báo cáo hằng năm tính từ 15/12 năm trước đến 14/12 năm báo cáo")
	}
	if p.Deadline.Before(p.Start) || p.Deadline.After(p.End.Add(MaxDeadlineAfterEnd)) {
		v.add(p.Pos, "deadline", ErrDeadline,
			fmt.Sprintf("hạn nộp báo cáo %s nằm ngoài kỳ báo cáo %s–%s", day(p.Deadline), day(p.Start), day(p.End)),
			"hạn nộp phải nằm trong kỳ báo cáo hoặc không quá 31 ngày sau ngày kết thúc kỳ")
	}
}

func (v *validator) issuer() {
	is := &v.c.Issuer
	what := "cơ quan ban hành"
	v.text(is.Pos, "superior", what, is.Superior, true)
	v.text(is.Pos, "body", what, is.Body, true)
	v.text(is.Pos, "symbol", what, is.Symbol, true)
	v.text(is.Pos, "place", what, is.Place, true)
	v.text(is.Pos, "drafting_unit", what, is.DraftingUnit, true)
	v.texts(is.Pos, "addressees", what, is.Addressees)
	v.texts(is.Pos, "recipients", what, is.Recipients)
	s := &is.Signer
	v.text(s.Pos, "authority", "người ký", s.Authority, false)
	v.text(s.Pos, "title", "người ký", s.Title, true)
	v.text(s.Pos, "name", "người ký", s.Name, true)
	ct := &is.Contact
	v.text(ct.Pos, "name", "người liên hệ", ct.Name, false)
	v.text(ct.Pos, "phone", "người liên hệ", ct.Phone, false)
	v.text(ct.Pos, "email", "người liên hệ", ct.Email, false)
}

// unitsAndGroups checks kinds, units and groups and returns the set of codes
// tasks may refer to (units and groups share one namespace).
func (v *validator) unitsAndGroups() map[string]bool {
	c := v.c
	kinds := map[string]bool{}
	for i := range c.Kinds {
		k := &c.Kinds[i]
		what := "loại đơn vị " + k.Code
		v.code(k.Pos, "code", what, k.Code)
		v.text(k.Pos, "name", what, k.Name, true)
		if kinds[k.Code] {
			v.add(k.Pos, "code", ErrDuplicate, fmt.Sprintf("loại đơn vị “%s” được khai báo hai lần", k.Code), "mỗi loại đơn vị chỉ khai báo một lần")
		}
		kinds[k.Code] = true
	}
	if len(c.Units) == 0 {
		v.add(c.Pos, "units", ErrEmpty, "danh mục chưa có đơn vị nào", "thêm các mục [[units]]")
	}
	refs := map[string]bool{}
	names := map[string]string{} // folded name or alias -> unit code
	for i := range c.Units {
		u := &c.Units[i]
		what := "đơn vị " + u.Code
		v.code(u.Pos, "code", what, u.Code)
		v.text(u.Pos, "name", what, u.Name, true)
		v.text(u.Pos, "short_name", what, u.ShortName, true)
		v.texts(u.Pos, "aliases", what, u.Aliases)
		v.texts(u.Pos, "successors", what, u.Successors)
		v.texts(u.Pos, "predecessors", what, u.Predecessors)
		if u.Code != "" && refs[u.Code] {
			v.add(u.Pos, "code", ErrDuplicate, fmt.Sprintf("mã đơn vị “%s” bị trùng", u.Code), "mỗi đơn vị phải có một mã riêng")
		}
		refs[u.Code] = true
		switch {
		case u.Kind == "":
			v.add(u.Pos, "kind", ErrEmpty, what+": thiếu loại đơn vị", "ghi mã một loại đã khai báo trong [[kinds]]")
		case !kinds[u.Kind]:
			v.add(u.Pos, "kind", ErrUnknownRef, fmt.Sprintf("%s: loại đơn vị “%s” chưa được khai báo", what, u.Kind), "ghi mã một loại đã khai báo trong [[kinds]]")
		}
		// Names, short names and aliases identify a unit when a workbook
		// lost its metadata: two units must never answer to one name.
		for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
			f := vntext.Fold(n)
			if f == "" {
				continue
			}
			if other, ok := names[f]; ok && other != u.Code {
				v.add(u.Pos, "aliases", ErrDuplicate,
					fmt.Sprintf("%s: tên “%s” trùng với tên hoặc tên gọi khác của đơn vị %s", what, n, other),
					"mỗi tên, tên viết tắt và tên gọi khác chỉ được dùng cho một đơn vị")
			}
			names[f] = u.Code
		}
	}
	for i := range c.Groups {
		g := &c.Groups[i]
		what := "nhóm " + g.Code
		v.code(g.Pos, "code", what, g.Code)
		v.text(g.Pos, "name", what, g.Name, true)
		if g.Code != "" && refs[g.Code] {
			v.add(g.Pos, "code", ErrDuplicate, fmt.Sprintf("mã nhóm “%s” trùng với mã một đơn vị hoặc nhóm khác", g.Code), "đơn vị và nhóm dùng chung một bộ mã: chọn mã khác")
		}
		refs[g.Code] = true
		for i, m := range g.Members {
			if c.UnitByCode(m) == nil {
				v.addItem(g.Pos, "members", i, ErrUnknownRef, fmt.Sprintf("%s: đơn vị “%s” không có trong danh mục", what, m), suggest(m, c.codes(false)))
			}
		}
		for i, k := range g.Kinds {
			if !kinds[k] {
				v.addItem(g.Pos, "kinds", i, ErrUnknownRef, fmt.Sprintf("%s: loại đơn vị “%s” chưa được khai báo", what, k), "ghi mã một loại đã khai báo trong [[kinds]]")
			}
		}
		if !g.Open && len(g.Members) == 0 && len(g.Kinds) == 0 {
			v.add(g.Pos, "members", ErrEmpty, what+": nhóm không có thành viên",
				"liệt kê mã đơn vị trong “members” hoặc loại đơn vị trong “kinds”; nhóm mở (“open = true”) không cần")
		}
	}
	return refs
}

// codes lists the unit codes and, with groups, the group codes.
func (c *Catalogue) codes(groups bool) []string {
	var out []string
	for _, u := range c.Units {
		out = append(out, u.Code)
	}
	if groups {
		for _, g := range c.Groups {
			out = append(out, g.Code)
		}
	}
	return out
}

// suggest names the codes closest to a mistyped one.
func suggest(bad string, codes []string) string {
	if close := vntext.Closest(bad, codes, 3); len(close) > 0 {
		return "có phải bạn muốn ghi: " + joinQuoted(close) + "?"
	}
	return "dùng mã một đơn vị ([[units]]) hoặc một nhóm ([[groups]]) đã khai báo"
}

func joinQuoted(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += "“" + x + "”"
	}
	return s
}

func (v *validator) sectionsAndTasks(refs map[string]bool) {
	c := v.c
	sections := map[string]bool{}
	for i := range c.Sections {
		s := &c.Sections[i]
		what := "phần " + s.Number
		v.text(s.Pos, "number", "phần", s.Number, true)
		v.text(s.Pos, "title", what, s.Title, true)
		if s.Number != "" && sections[s.Number] {
			v.add(s.Pos, "number", ErrDuplicate, fmt.Sprintf("phần “%s” được khai báo hai lần", s.Number), "mỗi phần có một số thứ tự riêng")
		}
		sections[s.Number] = true
	}
	if len(c.Tasks) == 0 {
		v.add(c.Pos, "tasks", ErrEmpty, "danh mục chưa có nhiệm vụ nào", "thêm các mục [[tasks]]")
	}
	numbers := map[string]bool{}
	p := c.Period
	for i := range c.Tasks {
		t := &c.Tasks[i]
		what := "nhiệm vụ " + t.Number
		v.text(t.Pos, "number", "nhiệm vụ", t.Number, true)
		if t.Number != "" && numbers[t.Number] {
			v.add(t.Pos, "number", ErrDuplicate, fmt.Sprintf("số nhiệm vụ “%s” bị trùng", t.Number), "mỗi nhiệm vụ có một số riêng")
		}
		numbers[t.Number] = true
		switch {
		case t.Section == "":
			v.add(t.Pos, "section", ErrEmpty, what+": thiếu phần", "ghi số La Mã của một phần đã khai báo, ví dụ “I”")
		case !sections[t.Section]:
			v.add(t.Pos, "section", ErrUnknownRef, fmt.Sprintf("%s: phần “%s” chưa được khai báo", what, t.Section), "ghi số một phần đã khai báo trong [[sections]]")
		}
		v.text(t.Pos, "title", what, t.Title, true)
		v.text(t.Pos, "content", what, t.Content, true)
		v.texts(t.Pos, "footnotes", what, t.Footnotes)
		for _, f := range t.Fields {
			v.text(t.Pos, "fields", what, f.Label, true)
		}
		v.text(t.Pos, "lead_text", what, t.LeadText, false)
		v.text(t.Pos, "coordinators_text", what, t.CoordinatorsText, false)
		if len(t.Lead) == 0 {
			v.add(t.Pos, "lead", ErrNoLead, what+": chưa có đơn vị chủ trì", "ghi mã đơn vị hoặc nhóm chủ trì, ví dụ lead = [\"SKHCN\"]")
		}
		for _, key := range []string{"lead", "coordinators"} {
			list := t.Lead
			if key == "coordinators" {
				list = t.Coordinators
			}
			for i, r := range list {
				if !refs[r] {
					v.addItem(t.Pos, key, i, ErrUnknownRef, fmt.Sprintf("%s: mã “%s” không phải đơn vị hay nhóm nào trong danh mục", what, r), suggest(r, c.codes(true)))
				}
			}
		}
		v.timeframe(t, what, p)
	}
}

func (v *validator) timeframe(t *Task, what string, p Period) {
	tf := &t.Timeframe
	pos := tf.Pos
	v.text(pos, "text", what, tf.Text, false)
	switch tf.Kind {
	case Regular, Annual:
		if !tf.Due.IsZero() {
			v.add(pos, "due", ErrBadValue, fmt.Sprintf("%s: nhiệm vụ “%s” không có hạn, nhưng lại ghi ngày hạn", what, tf.Kind), "bỏ “due”, hoặc đổi “kind” thành “due”")
		}
	case Due:
		// A deadline may lie in any period: a plan of several years has
		// tasks due after the one reported on (they are "trong hạn").
		if tf.Due.IsZero() {
			v.add(pos, "due", ErrDate, what+": thiếu ngày hạn (due)", "ghi ngày dạng 2024-06-30")
		}
		if tf.Text == "" {
			v.add(pos, "text", ErrEmpty, what+": thiếu cách ghi thời hạn như trong kế hoạch", "ghi “text”, ví dụ “Hoàn thành trong quý II-2024”")
		}
	case "":
		v.add(pos, "kind", ErrEmpty, what+": thiếu loại thời gian thực hiện", "ghi timeframe = { kind = \"regular\" } (thường xuyên), \"annual\" (hằng năm) hoặc \"due\" (có hạn)")
	default:
		v.add(pos, "kind", ErrBadValue, fmt.Sprintf("%s: loại thời gian “%s” không hợp lệ", what, tf.Kind), "chọn một trong: “regular” (thường xuyên), “annual” (hằng năm), “due” (có hạn)")
	}
}

func (v *validator) indicators() {
	seen := map[string]bool{}
	for i := range v.c.Indicators {
		in := &v.c.Indicators[i]
		what := "chỉ tiêu " + in.Code
		v.code(in.Pos, "code", what, in.Code)
		v.text(in.Pos, "name", what, in.Name, true)
		v.text(in.Pos, "unit", what, in.Unit, true)
		if in.Code != "" && seen[in.Code] {
			v.add(in.Pos, "code", ErrDuplicate, fmt.Sprintf("mã chỉ tiêu “%s” bị trùng", in.Code), "mỗi chỉ tiêu có một mã riêng")
		}
		seen[in.Code] = true
	}
}

// placeholderNames are the names templates and examples put where the
// signer's name goes.
var placeholderNames = map[string]bool{"nguyễn văn a": true, "nguyễn thị a": true, "nguyễn văn b": true, "trần văn a": true,
	"họ và tên": true, "họ tên": true, "...": true, "…": true, "xxx": true}

// Placeholders lists what the catalogue still leaves to fill before a
// report is signed: the signer's name, the plan's number or date. They are
// warnings: a draft can be made before they are known.
func (c *Catalogue) Placeholders() []*problem.Problem {
	var out []*problem.Problem
	add := func(pos Pos, key, msg, hint string) {
		line, k := pos.At(key)
		out = append(out, &problem.Problem{File: c.File, Line: line, Key: k, Severity: problem.Warning, Err: ErrPlaceholder, Message: msg, Hint: hint})
	}
	s := c.Issuer.Signer
	if name := strings.TrimSpace(s.Name); name == "" || placeholderNames[strings.ToLower(name)] {
		add(s.Pos, "name", fmt.Sprintf("họ tên người ký “%s” là tên giữ chỗ, sẽ in dưới chữ ký của báo cáo", name),
			"ghi họ tên người ký thật vào danh mục ([issuer.signer] name) trước khi trình ký")
	}
	if n := strings.TrimSpace(c.Plan.Number); n == "" || strings.HasPrefix(n, "/") {
		add(c.Plan.Pos, "number", fmt.Sprintf("số của kế hoạch “%s” còn để trống, báo cáo dẫn kế hoạch không có số", n),
			"ghi số kế hoạch vào danh mục ([plan] number) khi đã có")
	}
	// What a draft ("catalogue import") left to fill: "GIỮ CHỖ" texts,
	// the group of tasks whose lead is not known, groups of no unit.
	hold := func(pos Pos, key, what, text string) {
		if strings.Contains(text, "GIỮ CHỖ") {
			add(pos, key, fmt.Sprintf("%s còn ghi giữ chỗ “%s”", what, text), "thay bằng nội dung thật trước khi gửi biểu mẫu hoặc lập báo cáo")
		}
	}
	hold(c.Plan.Pos, "title", "trích yếu của kế hoạch", c.Plan.Title)
	for _, f := range []struct{ key, what, text string }{{"place", "địa danh", c.Issuer.Place}, {"drafting_unit", "đơn vị soạn thảo", c.Issuer.DraftingUnit},
		{"body", "cơ quan tổng hợp", c.Issuer.Body}, {"superior", "cơ quan chủ quản", c.Issuer.Superior}} {
		hold(c.Issuer.Pos, f.key, f.what, f.text)
	}
	for _, s := range c.Sections {
		hold(s.Pos, "title", "phần "+s.Number, s.Title)
	}
	for _, t := range c.Tasks {
		hold(t.Pos, "title", "nhiệm vụ "+t.Number, t.Title)
		hold(t.Pos, "content", "nội dung nhiệm vụ "+t.Number, t.Content)
		for _, l := range t.Lead {
			if l == UnsetGroup {
				add(t.Pos, "lead", fmt.Sprintf("nhiệm vụ %s: chưa xác định đơn vị chủ trì (mã %s)", t.Number, UnsetGroup),
					"ghi mã đơn vị hoặc nhóm chủ trì thay cho "+UnsetGroup)
			}
		}
	}
	for _, g := range c.Groups {
		if g.Code == UnsetGroup || g.Open {
			continue
		}
		if len(c.GroupUnits(&g)) == 0 {
			add(g.Pos, "code", fmt.Sprintf("nhóm %s “%s” không có đơn vị nào trong danh mục", g.Code, g.Name),
				"thêm các đơn vị của nhóm vào [[units]] (đúng loại), hoặc ghi “members”")
		}
	}
	return out
}

// UnsetGroup is the code "catalogue import" gives a task whose lead units
// it could not tell.
const UnsetGroup = "CHUA_XAC_DINH"
