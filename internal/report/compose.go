package report

import (
	"baocao/internal/vntext"
	"fmt"
	"strings"
	"text/template"

	"baocao/internal/consolidate"
	"baocao/internal/document"
	"baocao/internal/model"
)

// composer builds the body block by block: the structure, the numbering
// and the lists' punctuation are here; the sentences come from the
// template's blocks; what units wrote is placed as it is.
type composer struct {
	t    *template.Template
	v    *view
	body []document.Block
	err  error
	part int // the last "I., II." part's number
	item int // the last "1., 2." item's number within the part
}

// say executes a template block: "" after an error.
func (c *composer) say(name string, data any) string {
	if c.err != nil {
		return ""
	}
	s, err := execute(c.t, name, data)
	if err != nil {
		c.err = err
	}
	return strings.TrimSpace(s)
}

// lines is a template block's output as lines, the blank ones dropped.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (c *composer) add(b ...document.Block) { c.body = append(c.body, b...) }

// paragraphs adds a block's lines as paragraphs.
func (c *composer) paragraphs(name string, data any) {
	for _, l := range lines(c.say(name, data)) {
		c.add(document.Paragraph{Text: l})
	}
}

func (c *composer) partHeading(name string) {
	c.part++
	c.item = 0
	c.add(document.Heading{Level: document.Part, Number: vntext.Roman(c.part), Text: c.say(name, c.v)})
}

func (c *composer) itemHeading(text string) {
	c.item++
	c.add(document.Heading{Level: document.Item, Number: fmt.Sprint(c.item), Text: text})
}

// list adds items, each ending with ";" and the last with ".".
func (c *composer) list(items []string) {
	for i, it := range items {
		end := ";"
		if i == len(items)-1 {
			end = "."
		}
		c.add(document.ListItem{Text: strings.TrimRight(it, " ;.") + end})
	}
}

// taskView is what a task's blocks see: the report's view, and the task's
// result (its fields at the top: .Task, .Entries, .Missing...).
type taskView struct {
	V *view
	consolidate.TaskResult
}

// unitsView is a count of units: those that reported in a role, and how
// many must.
type unitsView struct {
	Units    []*model.Unit
	Assigned int
	Counts   string
}

type outcomeView struct {
	Label     string
	Count, Of int
}

type groupView struct {
	Number  int
	Summary string
}

// compose builds the body.
func (c *composer) compose() {
	v := c.v
	c.paragraphs("intro", v)
	c.partHeading("heading-reporting")
	c.paragraphs("reporting", v)
	c.partHeading("heading-tasks")
	for _, s := range v.Sections {
		c.itemHeading(s.Section.Title)
		for ti, tr := range s.Tasks {
			tv := taskView{V: v, TaskResult: tr}
			c.add(document.Heading{Level: document.Point, Number: letter(ti), Text: c.say("task", tv)})
			if v.Detailed {
				c.detailedTask(tv)
			} else {
				c.summaryTask(tv)
			}
		}
	}
	c.partHeading("heading-assessment")
	c.itemHeading(c.say("heading-results", v))
	c.paragraphs("results", v)
	var items []string
	for _, o := range v.Outcomes {
		items = append(items, c.say("outcome", outcomeView{o.Label, o.Count, v.R.Total.Total()}))
	}
	c.list(items)
	c.paragraphs("groups", v)
	items = nil
	for i, s := range v.Sections {
		items = append(items, c.say("group", groupView{i + 1, s.Summary}))
	}
	c.list(items)
	c.add(chart(v.R, c.say("chart", v)))
	c.itemHeading(c.say("heading-difficulties", v))
	c.points(v.Difficulties, "difficulties")
	c.partHeading("heading-proposals")
	c.points(v.Proposals, "proposals")
	c.paragraphs("closing", v)
}

// points adds the difficulties or proposals, one item each, or the
// sentence saying there are none.
func (c *composer) points(ps []point, name string) {
	if len(ps) == 0 {
		c.paragraphs(name+"-none", c.v)
		return
	}
	c.paragraphs(name, c.v)
	for _, p := range ps {
		c.add(document.ListItem{Text: endSentence(c.say("point", p))})
	}
}

// summaryTask is a task in the summarising body: its status, the leads'
// results (or their count when there are many), one sentence for the
// coordinating and related units.
func (c *composer) summaryTask(tv taskView) {
	v := tv.V
	c.add(document.ListItem{Text: c.say("task-status", tv)})
	leads := v.Reporting(tv.TaskResult, "lead")
	if len(leads) > 3 {
		c.add(document.ListItem{Text: c.say("task-leads", unitsView{leads, v.Assigned(tv.TaskResult, "lead"), v.StatusCounts(tv.TaskResult, "lead")})})
	} else {
		for _, ue := range v.Entries(tv.TaskResult, "lead") {
			c.entry(ue, summaryBudget)
		}
	}
	if us := v.Reporting(tv.TaskResult, "coordinator"); len(us) > 0 {
		c.add(document.ListItem{Text: c.say("task-coordinators", unitsView{Units: us})})
	}
	if us := v.Reporting(tv.TaskResult, "related"); len(us) > 0 {
		c.add(document.ListItem{Text: c.say("task-related", unitsView{Units: us})})
	}
	// No report at all: the status line ("Chưa có báo cáo") says it.
}

// detailedTask is a task in the long body: every unit's report.
func (c *composer) detailedTask(tv taskView) {
	c.add(document.ListItem{Text: c.say("task-status", tv)})
	for _, ue := range tv.Entries {
		c.entry(ue, 0)
	}
	if len(tv.Entries) == 0 {
		c.paragraphs("task-none", tv)
	}
	if len(tv.Missing) > 0 {
		c.add(document.ListItem{Text: c.say("task-missing", unitsView{Units: tv.Missing})})
	}
}

// summaryBudget is how much of a lead's result the summarising body
// quotes, in characters: a longer result is quoted to the end of the
// paragraph that reaches it (or cut at a word), the rest left to Phụ lục I.
const summaryBudget = 700

// entry is a unit's report on a task: its first paragraph as an item, the
// others as they were written, then its documents. With a budget, a long
// result is shortened and points to Phụ lục I.
func (c *composer) entry(ue consolidate.UnitEntry, budget int) {
	first := c.say("entry", ue)
	rest := paragraphs(answer(ue.Entry))
	if len(rest) > 0 {
		rest = rest[1:]
	}
	cut := false
	if budget > 0 {
		used := len([]rune(first))
		if used > budget {
			first, cut = shorten(first, budget), true
			rest = nil
		}
		for i, p := range rest {
			left := budget - used
			if n := len([]rune(p)); n <= left {
				used += n
				continue
			}
			if left > budget/5 {
				rest[i] = shorten(p, left)
				rest = rest[:i+1]
			} else {
				rest = rest[:i]
			}
			cut = true
			break
		}
	}
	if len(rest) > 0 && !cut {
		rest[len(rest)-1] = endSentence(rest[len(rest)-1])
	}
	if cut {
		if len(rest) > 0 {
			rest[len(rest)-1] = endSentence(rest[len(rest)-1]) + " " + seeAppendix
		} else {
			first += " " + seeAppendix
		}
	}
	c.add(document.ListItem{Text: first})
	for _, p := range rest {
		c.add(document.Paragraph{Text: p})
	}
	if ue.Entry.Documents.Value != "" {
		c.add(document.Paragraph{Text: c.say("entry-documents", ue)})
	}
}

// seeAppendix ends a result the summary shortened.
const seeAppendix = "(Chi tiết tại Phụ lục I.)"

// shorten cuts s at a word before n characters, with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// Build composes the report.
func Build(r *consolidate.Report, opt Options) (*document.Document, error) {
	t, err := loadTemplate(opt.Templates)
	if err != nil {
		return nil, err
	}
	cat := r.Catalogue
	v := newView(r)
	v.Detailed = opt.Detailed
	v.Reference = Reference(opt.Number, cat.Issuer.Symbol)
	v.DateLine = DateLine(r.Date)
	if opt.BlankDate {
		v.DateLine = BlankDateLine(r.Date.Year())
	}
	c := &composer{t: t, v: v}
	c.compose()
	subject := c.say("subject", v)
	attachment := c.say("attachment", v)
	d := &document.Document{
		Meta: document.Meta{Title: "Báo cáo " + subject, Subject: subject, Author: cat.Issuer.Body,
			Keywords: strings.Join([]string{"báo cáo", cat.Plan.Short, cat.Period.Label}, ", "), Lang: "vi", Date: r.Date},
		Header: document.Header{Superior: cat.Issuer.Superior, Body: cat.Issuer.Body, Number: "Số: " + v.Reference,
			Nation: nationTitle, Motto: motto, PlaceAndDate: cat.Issuer.Place + ", " + v.DateLine},
		Kind:       "BÁO CÁO",
		Subject:    subject,
		Addressees: cat.Issuer.Addressees,
		Body:       c.body,
		Signature:  signature(cat),
	}
	for i, a := range []struct {
		name  string
		table func(*consolidate.Report) document.Table
	}{
		{"appendix-1", tasksTable},
		{"appendix-2", unitsTable},
		{"appendix-3", indicatorsTable},
	} {
		d.Appendices = append(d.Appendices, document.Appendix{Label: "Phụ lục " + vntext.Roman(i+1),
			Title: strings.ToUpper(c.say(a.name, v)), Attachment: attachment, Table: a.table(r)})
	}
	if c.err != nil {
		return nil, c.err
	}
	return d, nil
}

// signature is Nơi nhận and the signer. "- Như trên;" opens the list when
// the report has a Kính gửi; "- Lưu: VT, <drafting unit>." closes it.
func signature(c *model.Catalogue) document.Signature {
	var rec []string
	if len(c.Issuer.Addressees) > 0 {
		rec = append(rec, "- Như trên;")
	}
	for _, r := range c.Issuer.Recipients {
		rec = append(rec, "- "+strings.TrimRight(r, ".;")+";")
	}
	rec = append(rec, "- Lưu: VT, "+c.Issuer.DraftingUnit+".")
	return document.Signature{RecipientsTitle: "Nơi nhận:", Recipients: rec,
		Authority: c.Issuer.Signer.Authority, Title: c.Issuer.Signer.Title, Name: c.Issuer.Signer.Name}
}

func chart(r *consolidate.Report, title string) document.Chart {
	ch := document.Chart{Title: title}
	total := r.Total.Total()
	for _, o := range consolidate.Outcomes {
		if n := r.Total[o]; n > 0 { // an empty bar says nothing
			ch.Bars = append(ch.Bars, document.Bar{Label: o.Label(), Value: n, Note: fmt.Sprintf("%d (%s)", n, percent(n, total))})
		}
	}
	return ch
}
