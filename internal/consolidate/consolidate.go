// Package consolidate merges the units' submissions with the catalogue into
// the report's model: per task, what every unit reported, the task's
// overall status and timeliness, the units that did not report; per unit,
// its state — decided here once, for every command: missing, received
// blank, received with errors, received in a wrong format, reported on
// time or late (a late correction of an on-time report stays on time) —;
// indicators summed; counts by section and overall.
//
// # A task's overall status
//
// Only the file consolidated for each unit counts: its current file (not
// superseded by a later one of the same unit), or, when that one has
// errors, its latest earlier usable report. The reporters of a task are the
// units whose row for it has a status.
//
//  1. The status is decided by the leads that reported. When no lead
//     reported, by the coordinators; when none of those either, by the units
//     that report through an open group ("có liên quan").
//  2. Hoàn thành (done) when every one of those says Hoàn thành — and, when
//     they are leads, every unit that must lead the task has reported it
//     done: a task led by "Các Sở, ban ngành" is done when all of them are
//     done. Without a lead's report a task is never done: coordinators can
//     only show it under way.
//  3. Otherwise Đang thực hiện (in progress) when any of them says Hoàn thành
//     or Đang thực hiện; otherwise Chưa thực hiện (not started).
//  4. No reporter at all: no report (Chưa có báo cáo).
//  5. Units that disagree (two leads say different things; a lead says not
//     started, a coordinator says done) do not change the rule; the task is
//     marked as disagreeing and the report says so. Coordinators still at
//     work on their part of a task the leads finished do not disagree.
//
// # Timeliness
//
// Tasks with a due date are judged as the Government Office reports them:
// done on time or done late (by the latest completion date among the leads
// that report it done; when none gives a date, by their latest report
// date); not done and still within the deadline, or overdue, against the
// report's date. Regular and annual tasks have no deadline and are counted
// apart.
package consolidate

import (
	"slices"
	"time"

	"baocao/internal/model"
)

// Outcome is a task's place in the report's counts.
type Outcome int

const (
	NoReport Outcome = iota
	DoneOnTime
	DoneLate
	WithinDeadline // not done, deadline not passed
	Overdue        // not done, deadline passed
	OngoingDone    // no deadline (regular, annual): done
	OngoingInProgress
	OngoingNotStarted
)

// Outcomes lists the outcomes in the order the report counts them.
var Outcomes = []Outcome{DoneOnTime, DoneLate, WithinDeadline, Overdue, OngoingDone, OngoingInProgress, OngoingNotStarted, NoReport}

// Label is the outcome as the report words it.
func (o Outcome) Label() string {
	switch o {
	case DoneOnTime:
		return "Hoàn thành đúng hạn"
	case DoneLate:
		return "Hoàn thành quá hạn"
	case WithinDeadline:
		return "Chưa hoàn thành, còn trong hạn"
	case Overdue:
		return "Quá hạn, chưa hoàn thành"
	case OngoingDone:
		return "Thường xuyên, hằng năm – đã hoàn thành"
	case OngoingInProgress:
		return "Thường xuyên, hằng năm – đang thực hiện"
	case OngoingNotStarted:
		return "Thường xuyên, hằng năm – chưa thực hiện"
	}
	return "Chưa có báo cáo"
}

// HasDeadline reports whether the outcome is of a task with a due date.
func (o Outcome) HasDeadline() bool { return o >= DoneOnTime && o <= Overdue }

// UnitEntry is what one unit reported on a task.
type UnitEntry struct {
	Unit  *model.Unit
	Entry *model.Entry
}

// TaskResult is one task in the report.
type TaskResult struct {
	Task        *model.Task
	Status      model.Status // overall; empty when nobody reported
	Outcome     Outcome
	DoneDate    time.Time
	Entries     []UnitEntry   // leads, then coordinators, then others; catalogue order within each
	Missing     []*model.Unit // units that must report on it and did not
	Disagree    bool
	LeadMissing bool // decided without any lead's report
}

// State is where a unit stands, decided here once for every command.
type State int

const (
	Missing     State = iota // no file received
	OnTime                   // reported by the deadline (or corrected after an on-time report)
	Late                     // reported after the deadline
	Empty                    // a file received with nothing filled: not a report
	WrongFormat              // a file received that is not a readable .xlsx
	Invalid                  // a file received with errors, not consolidated
)

// States lists the states in the order they are counted.
var States = []State{OnTime, Late, Empty, Invalid, WrongFormat, Missing}

// Label is the state as the report words it.
func (s State) Label() string {
	switch s {
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Muộn hạn"
	case Empty:
		return "Đã gửi, chưa điền"
	case WrongFormat:
		return "Đã gửi, sai định dạng"
	case Invalid:
		return "Đã gửi, có lỗi"
	}
	return "Chưa gửi"
}

// Key is the state's stable English name, for JSON.
func (s State) Key() string {
	return [...]string{"missing", "on_time", "late", "empty", "wrong_format", "invalid"}[s]
}

// Reported reports whether the unit's report is consolidated.
func (s State) Reported() bool { return s == OnTime || s == Late }

// Received reports whether any file of the unit arrived.
func (s State) Received() bool { return s != Missing }

// Skipped is a file left out of the consolidation, and why.
type Skipped struct {
	File   string
	Unit   *model.Unit // nil when unknown
	Reason string
}

// UnitResult is one unit in the report.
type UnitResult struct {
	Unit *model.Unit
	// Submission is the file consolidated for the unit; nil unless the
	// state is OnTime or Late.
	Submission *model.Submission
	// Received is the unit's current file, used or not (a blank, invalid
	// or unreadable file); nil when nothing arrived.
	Received *model.Submission
	State    State
	// Corrected is set when the consolidated file replaced an earlier
	// usable report; FirstDate is that report's date. A correction sent
	// after the deadline keeps a unit that first reported on time on time.
	Corrected     bool
	FirstDate     time.Time
	TasksReported int
	TasksAssigned int
	Skipped       []Skipped
}

// UnitValue is one unit's value of an indicator.
type UnitValue struct {
	Unit  *model.Unit
	Value model.IndicatorValue
}

// IndicatorResult is an indicator summed over the units.
type IndicatorResult struct {
	Indicator *model.Indicator
	Values    []UnitValue
	Total     float64
}

// Counts counts tasks by outcome.
type Counts map[Outcome]int

// Total is the number of tasks counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// SectionCounts are the counts of one section.
type SectionCounts struct {
	Section *model.Section
	Counts  Counts
}

// Attributed is what one unit wrote in one kind of column (difficulties,
// proposals) across its tasks, each text once.
type Attributed struct {
	Unit  *model.Unit
	Texts []string
}

// Report is the consolidation.
type Report struct {
	ordered []*model.Unit       // units in report order, computed once
	pos     map[*model.Unit]int // units' positions in the catalogue

	Catalogue    *model.Catalogue
	Date         time.Time
	Tasks        []TaskResult
	Units        []UnitResult // by kind, then Vietnamese order of names
	Indicators   []IndicatorResult
	Sections     []SectionCounts
	Total        Counts
	Difficulties []Attributed
	Proposals    []Attributed
	Skipped      []Skipped
}

// Received counts the units whose report is consolidated, and of them
// those on time.
func (r *Report) Received() (reported, onTime int) {
	for _, u := range r.Units {
		if u.State.Reported() {
			reported++
		}
		if u.State == OnTime {
			onTime++
		}
	}
	return
}

// StateCounts counts the units in each state.
func (r *Report) StateCounts() map[State]int {
	out := map[State]int{}
	for _, u := range r.Units {
		out[u.State]++
	}
	return out
}

// Build consolidates subs — every file received: superseded, invalid,
// blank and unreadable ones included, as intake gives them — as of date.
// A unit's current file is the one intake did not mark superseded; files of
// no known unit are listed as skipped.
func Build(c *model.Catalogue, subs []*model.Submission, date time.Time) *Report {
	r := &Report{Catalogue: c, Date: date, Total: Counts{}, ordered: orderedUnits(c), pos: map[*model.Unit]int{}}
	for i := range c.Units {
		r.pos[&c.Units[i]] = i
	}
	byUnit := map[string][]*model.Submission{}
	for _, s := range subs {
		if s.Unit == nil {
			r.Skipped = append(r.Skipped, Skipped{File: s.File, Reason: orReason(s, "không xác định được đơn vị")})
			continue
		}
		byUnit[s.Unit.Code] = append(byUnit[s.Unit.Code], s)
	}
	current := map[string]*model.Submission{}
	for _, u := range r.ordered {
		ur := r.unit(u, byUnit[u.Code])
		if ur.Submission != nil {
			current[u.Code] = ur.Submission
		}
		r.Units = append(r.Units, ur)
	}
	for i := range c.Tasks {
		r.Tasks = append(r.Tasks, r.task(&c.Tasks[i], current))
	}
	r.count()
	r.indicators(current)
	r.Difficulties = r.attributed(func(e *model.Entry) string { return e.Difficulties.Value })
	r.Proposals = r.attributed(func(e *model.Entry) string { return e.Proposals.Value })
	return r
}

func orReason(s *model.Submission, fallback string) string {
	switch {
	case s.Unreadable != "":
		return s.Unreadable
	case s.Reason != "":
		return s.Reason
	}
	return fallback
}

// unit decides a unit's state from its files. The current file (not
// superseded) decides: unreadable, invalid, blank, or a report on time or
// late. A current file with errors falls back to the latest earlier usable
// report, when there is one (the invalid file is listed as skipped). A
// usable report that replaced an earlier one is a correction: when any
// earlier usable report was on time, the unit stays on time.
func (r *Report) unit(u *model.Unit, files []*model.Submission) UnitResult {
	c := r.Catalogue
	ur := UnitResult{Unit: u}
	for _, a := range c.Assignments(u.Code) {
		if a.Role.Required() {
			ur.TasksAssigned++
		}
	}
	// A file merged into another is part of that one's report.
	files = slices.DeleteFunc(slices.Clone(files), func(s *model.Submission) bool { return s.MergedInto != "" })
	var cur *model.Submission
	for _, s := range files {
		if s.Superseded == "" {
			cur = s
		}
	}
	if cur == nil {
		return ur
	}
	ur.Received = cur
	used := cur
	if cur.Unreadable != "" || cur.Invalid {
		ur.Skipped = append(ur.Skipped, Skipped{File: cur.File, Unit: u, Reason: orReason(cur, "tệp có lỗi")})
		used = nil
		for _, s := range files {
			if s != cur && s.Usable() && (used == nil || later(s, used)) {
				used = s
			}
		}
	}
	switch {
	case used == nil && cur.Unreadable != "":
		ur.State = WrongFormat
		return ur
	case used == nil:
		ur.State = Invalid
		return ur
	case used.Empty():
		ur.State = Empty
		return ur
	}
	ur.Submission = used
	ur.TasksReported = used.TasksReported()
	ur.State = Late
	if used.OnTime(c.Period.Deadline) {
		ur.State = OnTime
	}
	var first *model.Submission // the earliest usable report the used one replaced
	for _, s := range files {
		if s != used && s.Usable() && later(used, s) && (first == nil || later(first, s)) {
			first = s
		}
	}
	if first != nil {
		ur.Corrected, ur.FirstDate = true, first.ReportDate
		if first.OnTime(c.Period.Deadline) {
			ur.State = OnTime
		}
	}
	return ur
}

// later reports whether a was sent after b: by report date when both have
// one, then by the file's modification time.
func later(a, b *model.Submission) bool {
	if !a.ReportDate.IsZero() && !b.ReportDate.IsZero() {
		if c := a.ReportDate.Compare(b.ReportDate); c != 0 {
			return c > 0
		}
	}
	return a.Modified.After(b.Modified)
}

// orderedUnits is every unit in report order (UnitsByKind, flattened).
func orderedUnits(c *model.Catalogue) []*model.Unit {
	var out []*model.Unit
	for _, us := range c.UnitsByKind() {
		out = append(out, us...)
	}
	return out
}

func (r *Report) task(t *model.Task, current map[string]*model.Submission) TaskResult {
	c := r.Catalogue
	tr := TaskResult{Task: t}
	byRole := map[model.Role][]UnitEntry{}
	for _, u := range r.ordered {
		s := current[u.Code]
		role := c.RoleOf(u.Code, t)
		var e *model.Entry
		if s != nil {
			e = s.EntryFor(t.Number)
		}
		if e != nil && e.Reported() {
			byRole[role] = append(byRole[role], UnitEntry{Unit: u, Entry: e})
		} else if role.Required() {
			tr.Missing = append(tr.Missing, u)
		}
	}
	// Within each role, the order the plan names them in (the task's lead or
	// coordinator list), then the order of the units in the catalogue.
	for _, role := range []model.Role{model.Lead, model.Coordinator, model.Related} {
		es := byRole[role]
		ref := map[*model.Unit]int{}
		for _, ue := range es {
			ref[ue.Unit] = refIndex(c, t, ue.Unit)
		}
		slices.SortStableFunc(es, func(a, b UnitEntry) int {
			if d := ref[a.Unit] - ref[b.Unit]; d != 0 {
				return d
			}
			return r.pos[a.Unit] - r.pos[b.Unit]
		})
		tr.Entries = append(tr.Entries, es...)
	}
	var primary []UnitEntry
	var primaryRole model.Role
	for _, role := range []model.Role{model.Lead, model.Coordinator, model.Related} {
		for _, ue := range byRole[role] {
			if ue.Entry.Status != "" {
				primary = append(primary, ue)
			}
		}
		if len(primary) > 0 {
			primaryRole = role
			break
		}
	}
	tr.LeadMissing = primaryRole != model.Lead
	tr.Status = overall(primary, primaryRole == model.Lead && !leadMissingFrom(c, t, primary))
	tr.Disagree = disagree(primary, tr.Entries)
	if tr.Status == model.Done {
		var lastReport time.Time
		for _, ue := range primary {
			if ue.Entry.DoneDate.After(tr.DoneDate) {
				tr.DoneDate = ue.Entry.DoneDate
			}
			if s := current[ue.Unit.Code]; s != nil && s.ReportDate.After(lastReport) {
				lastReport = s.ReportDate
			}
		}
		if tr.DoneDate.IsZero() {
			tr.DoneDate = lastReport
		}
	}
	tr.Outcome = outcome(t, tr.Status, tr.DoneDate, r.Date)
	return tr
}

// disagree reports whether the units' statuses contradict each other: the
// units that decide the status differ among themselves, or another unit
// reports the task done while they say it has not started. Coordinators
// still at work on their part of a task the leads finished do not
// contradict them.
func disagree(primary, all []UnitEntry) bool {
	statuses := map[model.Status]bool{}
	for _, ue := range primary {
		statuses[ue.Entry.Status] = true
	}
	if len(statuses) > 1 {
		return true
	}
	if !statuses[model.NotStarted] {
		return false
	}
	for _, ue := range all {
		if ue.Entry.Status == model.Done {
			return true
		}
	}
	return false
}

// refIndex is the position, in the task's lead list followed by its
// coordinator list, of the first reference that reaches the unit.
func refIndex(c *model.Catalogue, t *model.Task, u *model.Unit) int {
	for i, ref := range append(slices.Clone(t.Lead), t.Coordinators...) {
		if ref == u.Code {
			return i
		}
		if c.InGroup(ref, u.Code) {
			return i
		}
	}
	return len(t.Lead) + len(t.Coordinators)
}

// leadMissingFrom reports whether a unit that must lead the task is not
// among the reporting leads.
func leadMissingFrom(c *model.Catalogue, t *model.Task, leads []UnitEntry) bool {
	reported := map[string]bool{}
	for _, ue := range leads {
		reported[ue.Unit.Code] = true
	}
	for _, u := range c.Units {
		if !reported[u.Code] && c.RoleOf(u.Code, t) == model.Lead {
			return true
		}
	}
	return false
}

// overall applies rules 2–4 of the package documentation; canBeDone is false
// when the reporters are not every lead of the task.
func overall(primary []UnitEntry, canBeDone bool) model.Status {
	if len(primary) == 0 {
		return ""
	}
	allDone, anyMoving := true, false
	for _, ue := range primary {
		switch ue.Entry.Status {
		case model.Done:
			anyMoving = true
		case model.InProgress:
			anyMoving = true
			allDone = false
		default:
			allDone = false
		}
	}
	switch {
	case allDone && canBeDone:
		return model.Done
	case anyMoving:
		return model.InProgress
	}
	return model.NotStarted
}

func outcome(t *model.Task, st model.Status, done, date time.Time) Outcome {
	if st == "" {
		return NoReport
	}
	if !t.Timeframe.HasDeadline() {
		switch st {
		case model.Done:
			return OngoingDone
		case model.InProgress:
			return OngoingInProgress
		}
		return OngoingNotStarted
	}
	due := t.Timeframe.Due
	if st == model.Done {
		if done.After(due) {
			return DoneLate
		}
		return DoneOnTime
	}
	if date.After(due) {
		return Overdue
	}
	return WithinDeadline
}

func (r *Report) count() {
	c := r.Catalogue
	for i := range c.Sections {
		sc := SectionCounts{Section: &c.Sections[i], Counts: Counts{}}
		for _, tr := range r.Tasks {
			if tr.Task.Section == sc.Section.Number {
				sc.Counts[tr.Outcome]++
			}
		}
		r.Sections = append(r.Sections, sc)
	}
	for _, tr := range r.Tasks {
		r.Total[tr.Outcome]++
	}
}

func (r *Report) indicators(current map[string]*model.Submission) {
	c := r.Catalogue
	for i := range c.Indicators {
		ir := IndicatorResult{Indicator: &c.Indicators[i]}
		for _, u := range r.ordered {
			s := current[u.Code]
			if s == nil {
				continue
			}
			for _, v := range s.Indicators {
				if v.Indicator.Code == ir.Indicator.Code {
					ir.Values = append(ir.Values, UnitValue{Unit: u, Value: v})
					if v.Value == v.Value { // not NaN: a note without a number
						ir.Total += v.Value
					}
				}
			}
		}
		r.Indicators = append(r.Indicators, ir)
	}
}

// attributed gathers one text column by unit, in the units' report order,
// each distinct text once.
func (r *Report) attributed(get func(*model.Entry) string) []Attributed {
	byUnit := map[*model.Unit]*Attributed{}
	seen := map[*model.Unit]map[string]bool{}
	for _, tr := range r.Tasks {
		for _, ue := range tr.Entries {
			t := get(ue.Entry)
			if t == "" || seen[ue.Unit][t] {
				continue
			}
			if byUnit[ue.Unit] == nil {
				byUnit[ue.Unit] = &Attributed{Unit: ue.Unit}
				seen[ue.Unit] = map[string]bool{}
			}
			seen[ue.Unit][t] = true
			byUnit[ue.Unit].Texts = append(byUnit[ue.Unit].Texts, t)
		}
	}
	var out []Attributed
	for _, ur := range r.Units {
		if a := byUnit[ur.Unit]; a != nil && ur.Submission != nil {
			out = append(out, *a)
		}
	}
	return out
}
