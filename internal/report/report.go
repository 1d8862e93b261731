// Package report composes the consolidated report: it takes the
// consolidation, the wording template and the report's number and date, and
// gives the document for package pdfdoc to lay out — the page-1 header of
// Nghị định 30/2020, the title and subject, Kính gửi, the body, Nơi nhận and
// the signature, and the three appendices on landscape pages.
package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"baocao/internal/consolidate"
	"baocao/internal/model"
	"baocao/internal/pdfdoc"
	"baocao/internal/vntext"
	"baocao/templates"
)

// Options are what the command line sets.
type Options struct {
	Number    string // "05", or "05/BC-SKHCN"; empty leaves a gap to number by hand
	Detailed  bool   // section II with every unit's report (the long body), not the summary
	BlankDate bool   // leave the day and month blank for the clerk (Văn thư) to fill at issuance
	Templates fs.FS  // nil: the embedded templates
}

// gap is a run of no-break spaces left in a line for a clerk to write in
// by hand: 9 of them are 10 mm at 13 pt, wider than the 8 mm printed forms
// leave for a number.
const gap = "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

// BlankDateLine is the date line left for the clerk to fill: "ngày
// tháng    năm 2024", the year printed.
func BlankDateLine(year int) string {
	return fmt.Sprintf("ngày%stháng%snăm %d", gap, gap, year)
}

// Sizes of the text, in points: one consistent set (13 / 14 / 14).
const (
	bodySize    = 14
	indent      = 12.7 // first-line indent, mm
	paraSpace   = 6 * 25.4 / 72
	tableSize   = 11
	nationTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	motto       = "Độc lập - Tự do - Hạnh phúc"
)

// DateLine is a date as documents write it: "ngày 05 tháng 02 năm 2025",
// "ngày 15 tháng 12 năm 2024": a leading zero for days 1–9 and for months 1
// and 2 only.
func DateLine(t time.Time) string {
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// NumberLine is the document number: "Số: 05/BC-SKHCN"; numbers below 10
// get a leading zero; with no number, a gap is left to write it by hand.
func NumberLine(number, symbol string) string {
	return "Số: " + Reference(number, symbol)
}

// Reference is the number and symbol: "05/BC-SKHCN", or "         /BC-SKHCN"
// with a gap to write the number in.
func Reference(number, symbol string) string {
	number = strings.TrimSpace(number)
	switch {
	case number == "":
		return gap + "/" + symbol
	case strings.Contains(number, "/"):
		return number
	}
	if n, err := strconv.Atoi(number); err == nil && n >= 0 && n < 10 {
		number = fmt.Sprintf("%02d", n)
	}
	return number + "/" + symbol
}

// view is what the template sees.
type view struct {
	C               *model.Catalogue
	R               *consolidate.Report
	Total           int
	Received        int
	OnTime          int
	Late            []string
	Missing         []string
	NotUsable       []string // received but not a report: "Sở Y tế (chưa điền nội dung)"
	Detailed        bool     // section II gives every unit's report, not a summary
	Difficulties    []point  // the units' difficulties, each point once with its units
	Proposals       []point
	Sections        []sectionView
	Outcomes        []outcomeCount
	WithDeadline    int
	WithoutDeadline int
}

type sectionView struct {
	Section *model.Section
	Tasks   []consolidate.TaskResult
	Counts  consolidate.Counts
	Summary string
}

// point is one difficulty or proposal and the units that raised it, each
// named once.
type point struct {
	Text  string
	Units []string
}

// points groups what units wrote, unit by unit, into distinct points:
// the same words from several units make one point naming them all.
func points(as []consolidate.Attributed) []point {
	var out []point
	index := map[string]int{}
	for _, a := range as {
		for _, t := range a.Texts {
			text := strings.TrimRight(strings.Join(paragraphs(t), "; "), " .;")
			if text == "" || text == "-" {
				continue
			}
			key := vntext.Fold(text)
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, point{Text: text})
			}
			if n := len(out[i].Units); n == 0 || out[i].Units[n-1] != a.Unit.Name {
				out[i].Units = append(out[i].Units, a.Unit.Name)
			}
		}
	}
	return out
}

// roleOf reads a role's name in the template: "lead", "coordinator",
// "related".
func roleOf(name string) model.Role {
	switch name {
	case "lead":
		return model.Lead
	case "coordinator":
		return model.Coordinator
	}
	return model.Related
}

// Entries are the reports on a task of the units of one role.
func (v *view) Entries(tr consolidate.TaskResult, role string) []consolidate.UnitEntry {
	var out []consolidate.UnitEntry
	for _, ue := range tr.Entries {
		if ue.Entry.Role == roleOf(role) {
			out = append(out, ue)
		}
	}
	return out
}

// Reporting are the units of one role that reported on a task.
func (v *view) Reporting(tr consolidate.TaskResult, role string) []*model.Unit {
	var out []*model.Unit
	for _, ue := range v.Entries(tr, role) {
		out = append(out, ue.Unit)
	}
	return out
}

// Assigned counts the units that must report on a task in a role.
func (v *view) Assigned(tr consolidate.TaskResult, role string) int {
	n := 0
	for i := range v.C.Units {
		if v.C.RoleOf(v.C.Units[i].Code, tr.Task) == roleOf(role) {
			n++
		}
	}
	return n
}

// StatusCounts words how the units of a role stand on a task: "3 hoàn
// thành, 2 đang thực hiện".
func (v *view) StatusCounts(tr consolidate.TaskResult, role string) string {
	n := map[model.Status]int{}
	for _, ue := range v.Entries(tr, role) {
		n[ue.Entry.Status]++
	}
	var parts []string
	for _, st := range model.Statuses {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[st], strings.ToLower(string(st))))
		}
	}
	if n[""] > 0 {
		parts = append(parts, fmt.Sprintf("%d chưa chọn tình trạng", n[""]))
	}
	return strings.Join(parts, ", ")
}

// StatusLine is a task's overall status, with the reason when it is not
// what the leads that reported said: the leads that have not reported.
func (v *view) StatusLine(tr consolidate.TaskResult) string {
	s := statusLine(tr)
	var missing []string
	for _, u := range tr.Missing {
		if v.C.RoleOf(u.Code, tr.Task) == model.Lead {
			missing = append(missing, u.Name)
		}
	}
	switch {
	case len(missing) == 0:
	case len(missing) > 3:
		s += fmt.Sprintf(" Còn %d đơn vị chủ trì chưa báo cáo về nhiệm vụ này.", len(missing))
	default:
		s += fmt.Sprintf(" Đơn vị chủ trì chưa báo cáo: %s.", strings.Join(missing, ", "))
	}
	return s
}

type outcomeCount struct {
	Label string
	Count int
}

func newView(r *consolidate.Report) *view {
	v := &view{C: r.Catalogue, R: r, Total: len(r.Units), Difficulties: points(r.Difficulties), Proposals: points(r.Proposals)}
	v.Received, v.OnTime = r.Received()
	for _, u := range r.Units {
		switch u.State {
		case consolidate.Late:
			v.Late = append(v.Late, u.Unit.Name)
		case consolidate.Missing:
			v.Missing = append(v.Missing, u.Unit.Name)
		case consolidate.Empty:
			v.NotUsable = append(v.NotUsable, u.Unit.Name+" (chưa điền nội dung)")
		case consolidate.WrongFormat:
			v.NotUsable = append(v.NotUsable, u.Unit.Name+" (gửi sai định dạng)")
		case consolidate.Invalid:
			v.NotUsable = append(v.NotUsable, u.Unit.Name+" (báo cáo có lỗi)")
		}
	}
	for _, sc := range r.Sections {
		sv := sectionView{Section: sc.Section, Counts: sc.Counts}
		for _, tr := range r.Tasks {
			if tr.Task.Section == sc.Section.Number {
				sv.Tasks = append(sv.Tasks, tr)
			}
		}
		var parts []string
		for _, o := range consolidate.Outcomes {
			if n := sc.Counts[o]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s: %d", strings.ToLower(o.Label()), n))
			}
		}
		sv.Summary = fmt.Sprintf("%d nhiệm vụ (%s)", sc.Counts.Total(), strings.Join(parts, "; "))
		v.Sections = append(v.Sections, sv)
	}
	for _, o := range consolidate.Outcomes {
		n := r.Total[o]
		if n > 0 {
			v.Outcomes = append(v.Outcomes, outcomeCount{o.Label(), n})
		}
		if o.HasDeadline() {
			v.WithDeadline += n
		}
	}
	for _, tr := range r.Tasks {
		if tr.Outcome == consolidate.NoReport && tr.Task.Timeframe.HasDeadline() {
			v.WithDeadline++
		}
	}
	v.WithoutDeadline = r.Total.Total() - v.WithDeadline
	return v
}

// percent formats n/total as "20,0%".
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strings.Replace(fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total)), ".", ",", 1)
}

// Number formats a number the Vietnamese way: "1.100,5".
func Number(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return vntext.Number(v)
}

// timeframe is a task's timeframe as the report writes it: one spelling
// of "hằng năm" (the plans write "hàng năm" too).
func timeframe(t *model.Task) string {
	return strings.NewReplacer("Hàng năm", "Hằng năm", "hàng năm", "hằng năm").Replace(t.TimeframeLabel())
}

// answer is what a unit reported on a task: its result, or, for a task it
// has not started, the reason it gives (in its difficulties).
func answer(e *model.Entry) string {
	if e.Result.Value == "" && e.Status == model.NotStarted && e.Difficulties.Value != "" {
		return "Chưa thực hiện. Lý do: " + e.Difficulties.Value
	}
	return e.Result.Value
}

// itemLetters are the letters of a list's items, as Vietnamese documents
// letter them: a), b), c), d), đ), e), ... (no f, j, w, z).
var itemLetters = []rune("abcdđeghiklmnopqrstuvxy")

// letter is the letter of the i-th item (from 0). Letters are runes: "đ" is
// two bytes.
func letter(i int) string { return string(itemLetters[i%len(itemLetters)]) }

// escape keeps a unit's paragraph from being read as template markup.
func escape(p string) string {
	if strings.HasPrefix(p, "#") || strings.HasPrefix(p, "@") || strings.HasPrefix(p, "\\") {
		return "\\" + p
	}
	return p
}

func paragraphs(s string) []string { return model.Paragraphs(s) }

// inline joins paragraphs into one run of text, ending with a full stop.
func inline(s string) string {
	return endSentence(strings.Join(paragraphs(s), "; "))
}

func endSentence(s string) string {
	s = strings.TrimRight(s, " ;,")
	// The last character, as a rune: "…" is three bytes.
	if last, _ := utf8.DecodeLastRuneInString(s); s == "" || strings.ContainsRune(".!?…:", last) {
		return s
	}
	return s + "."
}

var funcs = template.FuncMap{
	"date":    func(t time.Time) string { return t.Format("02/01/2006") },
	"percent": percent,
	"join":    func(xs []string) string { return strings.Join(xs, ", ") },
	"joinunits": func(us []*model.Unit) string {
		var names []string
		for _, u := range us {
			names = append(names, u.Name)
		}
		return strings.Join(names, ", ")
	},
	"inc":    func(i int) int { return i + 1 },
	"dec":    func(i int) int { return i - 1 },
	"letter": letter,
	"lower":  strings.ToLower,
	"upper":  strings.ToUpper,
	"docref": func(d model.Document) string {
		when := d.DateText
		if !d.Date.IsZero() {
			when = DateLine(d.Date)
		}
		return fmt.Sprintf("%s số %s %s của %s", d.Kind, d.Number, when, d.Issuer)
	},
	"first": func(s, fallback string) string {
		ps := paragraphs(s)
		if len(ps) == 0 {
			return fallback + "."
		}
		if len(ps) == 1 {
			return endSentence(ps[0])
		}
		return ps[0]
	},
	"rest": func(s string) []string {
		ps := paragraphs(s)
		if len(ps) < 2 {
			return nil
		}
		ps = ps[1:]
		ps[len(ps)-1] = endSentence(ps[len(ps)-1])
		return ps
	},
	"para":   escape,
	"inline": inline,
	"inlines": func(texts []string) string {
		var all []string
		for _, t := range texts {
			all = append(all, strings.TrimRight(strings.Join(paragraphs(t), "; "), " .;"))
		}
		return endSentence(strings.Join(all, "; "))
	},
	"statusline": statusLine,
	"answer":     answer,
	"entrystatus": func(e *model.Entry) string {
		if st := entryStatus(e); st != "" {
			return ", " + st
		}
		return ""
	},
}

// statusLine words a task's overall status and timeliness.
func statusLine(tr consolidate.TaskResult) string {
	s := tr.Outcome.Label()
	tf := tr.Task.Timeframe
	if !tf.HasDeadline() && tr.Status != "" {
		s = string(tr.Status) // the outcome label would repeat "thường xuyên, hằng năm"
	}
	switch {
	case tf.HasDeadline() && tr.Status == model.Done && !tr.DoneDate.IsZero():
		s += fmt.Sprintf(" (hạn %s, hoàn thành ngày %s)", tf.Due.Format("02/01/2006"), tr.DoneDate.Format("02/01/2006"))
	case tf.HasDeadline():
		s += fmt.Sprintf(" (hạn %s)", tf.Due.Format("02/01/2006"))
	default:
		s += fmt.Sprintf(" (%s)", strings.ToLower(strings.TrimSuffix(timeframe(tr.Task), ".")))
	}
	s += "."
	if tr.LeadMissing && tr.Status != "" {
		s += " Đơn vị chủ trì chưa báo cáo; tình trạng theo báo cáo của các đơn vị khác."
	}
	if tr.Disagree {
		s += " Các đơn vị báo cáo chưa thống nhất về tình trạng."
	}
	return s
}

// loadTemplate parses the report template from fsys (the embedded one when
// nil); a missing key is an error, not an empty string.
func loadTemplate(fsys fs.FS) (*template.Template, error) {
	if fsys == nil {
		fsys = templates.FS
	}
	t, err := template.New(templates.Report).Option("missingkey=error").Funcs(funcs).ParseFS(fsys, templates.Report)
	if err != nil {
		return nil, fmt.Errorf("mẫu lời văn %s không đọc được: %s", templates.Report, describeTemplateError(err))
	}
	return t, nil
}

func describeTemplateError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "pattern matches no files") || strings.Contains(msg, "no such file") {
		return "không có tệp " + templates.Report + " trong thư mục mẫu"
	}
	return strings.TrimPrefix(msg, "template: ")
}

func execute(t *template.Template, name string, v *view) (string, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		return "", fmt.Errorf("mẫu lời văn, phần “%s”: %s", name, describeTemplateError(err))
	}
	return buf.String(), nil
}

// Build composes the document.
func Build(r *consolidate.Report, opt Options) (pdfdoc.Doc, error) {
	t, err := loadTemplate(opt.Templates)
	if err != nil {
		return pdfdoc.Doc{}, err
	}
	v := newView(r)
	v.Detailed = opt.Detailed
	c := r.Catalogue
	body, err := execute(t, templates.Report, v)
	if err != nil {
		return pdfdoc.Doc{}, err
	}
	subject, err := execute(t, "subject", v)
	if err != nil {
		return pdfdoc.Doc{}, err
	}
	ref := Reference(opt.Number, c.Issuer.Symbol)
	dateLine := DateLine(r.Date)
	if opt.BlankDate {
		dateLine = BlankDateLine(r.Date.Year())
	}
	var els []pdfdoc.Element
	els = append(els,
		pdfdoc.Header{Superior: c.Issuer.Superior, Body: c.Issuer.Body, Number: NumberLine(opt.Number, c.Issuer.Symbol),
			Nation: nationTitle, Motto: motto, PlaceAndDate: c.Issuer.Place + ", " + dateLine},
		pdfdoc.Paragraph{Text: "BÁO CÁO", Style: pdfdoc.Style{Size: bodySize, Bold: true}, Align: pdfdoc.Center, SpaceBefore: 4},
		pdfdoc.Paragraph{Text: subject, Style: pdfdoc.Style{Size: bodySize, Bold: true}, Align: pdfdoc.Center},
		pdfdoc.Rule{OfText: 0.4, Gap: pdfdoc.RuleGap},
		pdfdoc.Spacer{Height: 4},
	)
	els = append(els, addressees(c.Issuer.Addressees)...)
	els = append(els, pdfdoc.Spacer{Height: 3})
	chartTitle, err := execute(t, "chart", v)
	if err != nil {
		return pdfdoc.Doc{}, err
	}
	els = append(els, bodyElements(body, r, chartTitle)...)
	els = append(els, signature(c))
	doc := pdfdoc.Doc{
		Meta: pdfdoc.Meta{Title: "Báo cáo " + subject, Subject: subject, Author: c.Issuer.Body,
			Keywords: c.Plan.Number + ", " + c.ID, Creator: "baocao", Lang: "vi", Date: r.Date},
		Parts: []pdfdoc.Part{{Elements: els}},
	}
	attach := fmt.Sprintf("(Kèm theo Báo cáo số %s %s của %s)", ref, dateLine, c.Issuer.Body)
	for i, a := range []struct {
		name, columns string
		table         func(*consolidate.Report, []string) pdfdoc.Table
	}{
		{"appendix-1", "appendix-1-columns", tasksTable},
		{"appendix-2", "appendix-2-columns", unitsTable},
		{"appendix-3", "", indicatorsTable},
	} {
		title, err := execute(t, a.name, v)
		if err != nil {
			return pdfdoc.Doc{}, err
		}
		var cols []string
		if a.columns != "" {
			s, err := execute(t, a.columns, v)
			if err != nil {
				return pdfdoc.Doc{}, err
			}
			cols = strings.Split(s, "|")
		}
		doc.Parts = append(doc.Parts, pdfdoc.Part{Landscape: true, Elements: []pdfdoc.Element{
			pdfdoc.Paragraph{Text: "Phụ lục " + []string{"I", "II", "III"}[i], Style: pdfdoc.Style{Size: 14, Bold: true}, Align: pdfdoc.Center},
			pdfdoc.Paragraph{Text: strings.ToUpper(title), Style: pdfdoc.Style{Size: 14, Bold: true}, Align: pdfdoc.Center},
			pdfdoc.Paragraph{Text: attach, Style: pdfdoc.Style{Size: 14, Italic: true}, Align: pdfdoc.Center},
			pdfdoc.Rule{Width: 40, Gap: pdfdoc.RuleGap},
			pdfdoc.Spacer{Height: 5},
			a.table(r, cols),
		}})
	}
	return doc, nil
}

// addressees lays out "Kính gửi": one addressee on one centred line,
// several as a list ending with a full stop.
func addressees(as []string) []pdfdoc.Element {
	st := pdfdoc.Style{Size: bodySize}
	switch len(as) {
	case 0:
		return nil
	case 1:
		return []pdfdoc.Element{pdfdoc.Paragraph{Text: "Kính gửi: " + endSentence(as[0]), Style: st, Align: pdfdoc.Center}}
	}
	out := []pdfdoc.Element{pdfdoc.Paragraph{Text: "Kính gửi:", Style: st, Align: pdfdoc.Left, LeftIndent: 40}}
	for i, a := range as {
		end := ";"
		if i == len(as)-1 {
			end = "."
		}
		out = append(out, pdfdoc.Paragraph{Text: "- " + strings.TrimRight(a, ".;") + end, Style: st, LeftIndent: 62})
	}
	return out
}

// bodyElements turns the template's output into paragraphs: one per line.
func bodyElements(body string, r *consolidate.Report, chartTitle string) []pdfdoc.Element {
	var out []pdfdoc.Element
	normal := pdfdoc.Style{Size: bodySize}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		p := pdfdoc.Paragraph{Style: normal, Align: pdfdoc.Justify, Indent: indent, SpaceAfter: paraSpace}
		switch {
		case line == "":
			continue
		case line == "@chart":
			out = append(out, chart(r, chartTitle))
			continue
		case strings.HasPrefix(line, "### "):
			p.Text, p.Style.Italic, p.KeepWithNext = line[4:], true, true
		case strings.HasPrefix(line, "## "):
			p.Text, p.Style.Bold, p.KeepWithNext = line[3:], true, true
		case strings.HasPrefix(line, "# "):
			p.Text, p.Style.Bold, p.KeepWithNext, p.SpaceBefore = line[2:], true, true, 2
		case strings.HasPrefix(line, "\\"):
			p.Text = line[1:]
		default:
			p.Text = line
		}
		out = append(out, p)
	}
	return out
}

func chart(r *consolidate.Report, title string) pdfdoc.Chart {
	ch := pdfdoc.Chart{Title: title}
	total := r.Total.Total()
	for _, o := range consolidate.Outcomes {
		if n := r.Total[o]; n > 0 { // an empty bar says nothing
			ch.Bars = append(ch.Bars, pdfdoc.Bar{Label: o.Label(), Value: n, Note: fmt.Sprintf("%d (%s)", n, percent(n, total))})
		}
	}
	return ch
}

// signature is Nơi nhận and the signer. "- Như trên;" opens the list when
// the report has a Kính gửi; "- Lưu: VT, <drafting unit>." closes it.
func signature(c *model.Catalogue) pdfdoc.Signature {
	var rec []string
	if len(c.Issuer.Addressees) > 0 {
		rec = append(rec, "- Như trên;")
	}
	for _, r := range c.Issuer.Recipients {
		rec = append(rec, "- "+strings.TrimRight(r, ".;")+";")
	}
	rec = append(rec, "- Lưu: VT, "+c.Issuer.DraftingUnit+".")
	return pdfdoc.Signature{RecipientsTitle: "Nơi nhận:", Recipients: rec,
		Authority: c.Issuer.Signer.Authority, Title: c.Issuer.Signer.Title, Name: c.Issuer.Signer.Name}
}

// entryStatus is a unit's status of a task in words: "hoàn thành ngày
// 15/10/2024", "đang thực hiện".
func entryStatus(e *model.Entry) string {
	st := strings.ToLower(string(e.Status))
	if !e.DoneDate.IsZero() {
		if st == "" {
			st = "hoàn thành"
		}
		st += " ngày " + e.DoneDate.Format("02/01/2006")
	}
	return st
}

// relatedReported counts the tasks a unit reported on as one of "các
// đơn vị có liên quan" (not counted among the tasks it must report on).
func relatedReported(s *model.Submission) int {
	n := 0
	for _, e := range s.Entries {
		if e.Role == model.Related && e.Reported() {
			n++
		}
	}
	return n
}

// entryText is what a unit reported on a task, for the appendix's table.
func entryText(ue consolidate.UnitEntry) string {
	e := ue.Entry
	head := ue.Unit.Name
	if st := entryStatus(e); st != "" {
		head += " (" + st + ")"
	}
	lines := []string{head + ": " + strings.Join(paragraphs(e.Result.Value), "\n")}
	for _, f := range []struct{ label, text string }{{"Văn bản", e.Documents.Value}, {"Khó khăn, vướng mắc", e.Difficulties.Value}, {"Đề xuất, kiến nghị", e.Proposals.Value}} {
		if f.text != "" {
			lines = append(lines, f.label+": "+strings.Join(paragraphs(f.text), "; "))
		}
	}
	return strings.Join(lines, "\n")
}

func tasksTable(r *consolidate.Report, cols []string) pdfdoc.Table {
	t := pdfdoc.Table{Size: tableSize, Header: cols, Columns: []pdfdoc.Column{
		{Width: 6, Align: pdfdoc.Center}, {Width: 50, Align: pdfdoc.Left}, {Width: 20, Align: pdfdoc.Left}, {Width: 20, Align: pdfdoc.Left},
		{Width: 16, Align: pdfdoc.Left}, {Width: 58, Align: pdfdoc.Left}, {Width: 16, Align: pdfdoc.Left}}}
	c := r.Catalogue
	for _, s := range c.Sections {
		t.Rows = append(t.Rows, []string{s.Number, s.Title, "", "", "", "", ""})
		t.Bold = append(t.Bold, true)
		for _, tr := range r.Tasks {
			if tr.Task.Section != s.Number {
				continue
			}
			content := tr.Task.Content
			for i, fn := range tr.Task.Footnotes {
				content += fmt.Sprintf("\n(%d) %s", i+1, fn)
			}
			var results []string
			for _, ue := range tr.Entries {
				results = append(results, entryText(ue))
			}
			if len(results) == 0 {
				results = []string{"Chưa có báo cáo."}
			}
			status := tr.Outcome.Label()
			t.Rows = append(t.Rows, []string{tr.Task.Number, content, tr.Task.LeadLabel(c), tr.Task.CoordinatorsLabel(c),
				timeframe(tr.Task), strings.Join(results, "\n"), status})
			t.Bold = append(t.Bold, false)
		}
	}
	return t
}

func unitsTable(r *consolidate.Report, cols []string) pdfdoc.Table {
	t := pdfdoc.Table{Size: tableSize, Header: cols, Columns: []pdfdoc.Column{
		{Width: 6, Align: pdfdoc.Center}, {Width: 62, Align: pdfdoc.Left}, {Width: 20, Align: pdfdoc.Center}, {Width: 18, Align: pdfdoc.Center},
		{Width: 20, Align: pdfdoc.Center}, {Width: 60, Align: pdfdoc.Left}}}
	c := r.Catalogue
	kind, n := "", 0
	for _, u := range r.Units {
		if u.Unit.Kind != kind {
			kind = u.Unit.Kind
			name := kind
			if k := c.KindByCode(kind); k != nil {
				name = k.Name
			}
			t.Rows = append(t.Rows, []string{"", name, "", "", "", ""})
			t.Bold = append(t.Bold, true)
		}
		n++
		date, tasks := "", ""
		var notes []string
		if s := u.Submission; s != nil {
			if !s.ReportDate.IsZero() {
				date = s.ReportDate.Format("02/01/2006")
			} else {
				notes = append(notes, "Không ghi ngày báo cáo")
			}
			tasks = fmt.Sprintf("%d/%d", u.TasksReported, u.TasksAssigned)
			if related := relatedReported(s); related > 0 {
				// A unit that reports only on tasks of "các đơn vị có liên
				// quan" has nothing it must report: say what it did.
				tasks += fmt.Sprintf(" (và %d nhiệm vụ có liên quan)", related)
			}
			if u.Corrected {
				first := "không ghi ngày"
				if !u.FirstDate.IsZero() {
					first = "ngày " + u.FirstDate.Format("02/01/2006")
				}
				notes = append(notes, "Bản sửa; báo cáo lần đầu "+first)
			}
		} else if s := u.Received; s != nil && !s.ReportDate.IsZero() {
			date = s.ReportDate.Format("02/01/2006")
		}
		switch u.State {
		case consolidate.Empty:
			notes = append(notes, "Gửi biểu mẫu chưa điền nội dung, chưa tổng hợp")
		case consolidate.WrongFormat:
			notes = append(notes, "Báo cáo gửi sai định dạng, chưa đạt yêu cầu, chưa tổng hợp")
		case consolidate.Invalid:
			notes = append(notes, "Báo cáo chưa đạt yêu cầu, chưa tổng hợp")
		default:
			if len(u.Skipped) > 0 {
				notes = append(notes, "Bản gửi sau chưa đạt yêu cầu, tổng hợp theo báo cáo trước")
			}
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(n), u.Unit.Name, date, u.State.Label(), tasks, strings.Join(notes, "\n")})
		t.Bold = append(t.Bold, false)
	}
	if n := len(r.Skipped); n > 0 {
		t.Rows = append(t.Rows, []string{"", fmt.Sprintf("%d báo cáo không xác định được đơn vị gửi", n), "", "", "", "Chưa đạt yêu cầu, chưa tổng hợp"})
		t.Bold = append(t.Bold, false)
	}
	return t
}

func indicatorsTable(r *consolidate.Report, _ []string) pdfdoc.Table {
	t := pdfdoc.Table{Size: tableSize, Header: []string{"TT", "Đơn vị"}, Columns: []pdfdoc.Column{{Width: 6, Align: pdfdoc.Center}, {Width: 60, Align: pdfdoc.Left}}}
	for _, ir := range r.Indicators {
		t.Header = append(t.Header, fmt.Sprintf("%s (%s)", ir.Indicator.Name, ir.Indicator.Unit))
		t.Columns = append(t.Columns, pdfdoc.Column{Width: 40, Align: pdfdoc.Right})
	}
	if len(r.Indicators) == 0 {
		t.Header = append(t.Header, "Chỉ tiêu")
		t.Columns = append(t.Columns, pdfdoc.Column{Width: 40, Align: pdfdoc.Left})
		t.Rows = [][]string{{"", "Kế hoạch không có chỉ tiêu số liệu.", ""}}
		return t
	}
	n := 0
	for _, u := range r.Units {
		if u.Submission == nil {
			continue
		}
		row := []string{"", u.Unit.Name}
		any := false
		for _, ir := range r.Indicators {
			cell := ""
			for _, uv := range ir.Values {
				if uv.Unit == u.Unit {
					cell = Number(uv.Value.Value)
					if uv.Value.Note.Value != "" {
						cell = strings.TrimSpace(cell + "\n(" + uv.Value.Note.Value + ")")
					}
					any = true
				}
			}
			row = append(row, cell)
		}
		if any {
			n++
			row[0] = strconv.Itoa(n)
			t.Rows = append(t.Rows, row)
			t.Bold = append(t.Bold, false)
		}
	}
	total := []string{"", "Tổng cộng"}
	for _, ir := range r.Indicators {
		total = append(total, Number(ir.Total))
	}
	t.Rows = append(t.Rows, total)
	t.Bold = append(t.Bold, true)
	return t
}
