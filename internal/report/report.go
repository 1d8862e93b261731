// Package report composes the consolidated report: it takes the
// consolidation, the wording template and the report's number and date, and
// gives the document (package document) that the PDF and the Word file are
// rendered from — the page-1 header of Nghị định 30/2020, the title and
// subject, Kính gửi, the body, Nơi nhận and the signature, and the three
// appendices.
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
	"unicode"
	"unicode/utf8"

	"baocao/internal/consolidate"
	"baocao/internal/model"
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
	Reference       string   // the number and symbol: "05/BC-SKHCN", a gap for the number when not given
	DateLine        string   // "ngày 20 tháng 12 năm 2024", or the blank one
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
			text := joinParts(t)
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

// joinParts joins a text's paragraphs into one run, parted by "; ": the
// unit's own list marks ("- ", "+ ") and ends (";", ".") are dropped, so
// that no "; ;" or "- -" comes of it.
func joinParts(t string) string {
	var parts []string
	for _, p := range paragraphs(t) {
		if p = strings.TrimRight(strings.TrimLeft(p, "-+•*– \u00a0"), " .;,"); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
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

// StatusLine is a task's overall status, with, in the summarising body, the
// reason when it is not what the leads that reported said: the leads that
// have not reported. (What each lead said follows it in the body.)
func (v *view) StatusLine(tr consolidate.TaskResult) string {
	if v.Detailed { // the long body names every unit yet to report
		return statusLine(tr, true)
	}
	s := statusLine(tr, false)
	var missing []string
	for _, u := range tr.Missing {
		if v.C.RoleOf(u.Code, tr.Task) == model.Lead {
			missing = append(missing, u.Name)
		}
	}
	// Which leads have not reported, once; when some unit did report, the
	// status is theirs.
	others := ""
	if tr.LeadMissing && tr.Status != "" {
		others = "; tình trạng theo báo cáo của các đơn vị khác"
	}
	switch {
	case len(missing) == 0:
	case len(missing) > 3:
		s += fmt.Sprintf(" Còn %d đơn vị chủ trì chưa báo cáo về nhiệm vụ này%s.", len(missing), others)
	default:
		s += fmt.Sprintf(" Đơn vị chủ trì chưa báo cáo: %s%s.", strings.Join(missing, ", "), others)
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

func paragraphs(s string) []string { return model.Paragraphs(s) }

// inline joins paragraphs into one run of text, ending with a full stop.
func inline(s string) string {
	return endSentence(joinParts(s))
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
	"answer": answer,
	"inline": inline,
	"entrystatus": func(e *model.Entry) string {
		if st := entryStatus(e); st != "" {
			return ", " + st
		}
		return ""
	},
}

// statusLine words a task's overall status and timeliness; with
// leadMissing, it says when no lead has reported (the summary names them).
func statusLine(tr consolidate.TaskResult, leadMissing bool) string {
	s := tr.Outcome.Label()
	tf := tr.Task.Timeframe
	if !tf.HasDeadline() && tr.Status != "" {
		s = string(tr.Status) // the outcome label would repeat "thường xuyên, hằng năm"
	}
	due := ""
	if tf.HasDeadline() {
		due = "hạn " + tf.Due.Format("02/01/2006")
		// A deadline the plan words as a phrase ("Trong năm 2024 và sau
		// khi có hướng dẫn…") is quoted: the date is the catalogue's
		// reading of it.
		if text := strings.TrimRight(tf.Text, " ."); text != "" && !strings.Contains(text, tf.Due.Format("02/01/2006")) {
			due = "thời gian theo Kế hoạch: " + lowerFirst(text) + "; hạn tính đến ngày " + tf.Due.Format("02/01/2006")
		}
	}
	switch {
	case tf.HasDeadline() && tr.Status == model.Done && !tr.DoneDate.IsZero():
		s += fmt.Sprintf(" (%s, hoàn thành ngày %s)", due, tr.DoneDate.Format("02/01/2006"))
	case tf.HasDeadline():
		s += " (" + due + ")"
	default:
		s += fmt.Sprintf(" (%s)", strings.ToLower(strings.TrimSuffix(timeframe(tr.Task), ".")))
	}
	s += "."
	if leadMissing && tr.LeadMissing && tr.Status != "" {
		s += " Đơn vị chủ trì chưa báo cáo; tình trạng theo báo cáo của các đơn vị khác."
	}
	if tr.Disagree {
		s += " Các đơn vị báo cáo chưa thống nhất về tình trạng."
	}
	return s
}

// lowerFirst lowers a phrase's first letter, as it reads within a
// sentence: "Trong năm 2024" → "trong năm 2024". A rune, not a byte.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// loadTemplate parses the embedded wording, then, when fsys is given, the
// file there, whose blocks replace the embedded blocks of the same name: a
// province rewrites only the sentences it words differently. A missing key
// is an error, not an empty string.
func loadTemplate(fsys fs.FS) (*template.Template, error) {
	t, err := template.New(templates.Report).Option("missingkey=error").Funcs(funcs).ParseFS(templates.FS, templates.Report)
	if err == nil && fsys != nil {
		t, err = t.ParseFS(fsys, templates.Report)
	}
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

func execute(t *template.Template, name string, v any) (string, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		return "", fmt.Errorf("mẫu lời văn, phần “%s”: %s", name, describeTemplateError(err))
	}
	return buf.String(), nil
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
