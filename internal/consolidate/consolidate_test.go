package consolidate_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/consolidate"
	"baocao/internal/model"
)

func kontum(t *testing.T) *model.Catalogue {
	t.Helper()
	c, probs := catalogue.Parse("kontum", examples.KontumCatalogue)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return c
}

func day(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// rep is one unit's line for one task: "SYT 13 Hoàn thành 10/12".
type rep struct {
	unit, task string
	status     model.Status
	done       time.Time
}

// subs builds one submission per unit from the lines, reported on date.
func subs(c *model.Catalogue, date time.Time, lines ...rep) []*model.Submission {
	byUnit := map[string]*model.Submission{}
	var out []*model.Submission
	for _, l := range lines {
		s := byUnit[l.unit]
		if s == nil {
			s = &model.Submission{File: l.unit + ".xlsx", Unit: c.UnitByCode(l.unit), ReportDate: date}
			byUnit[l.unit] = s
			out = append(out, s)
		}
		t := c.TaskByNumber(l.task)
		s.Entries = append(s.Entries, model.Entry{Task: t, Role: c.RoleOf(l.unit, t), Status: l.status, DoneDate: l.done,
			Result: model.Text{Value: "kết quả của " + l.unit}})
	}
	return out
}

func TestOverallStatusRules(t *testing.T) {
	c := kontum(t)
	D, P, N := model.Done, model.InProgress, model.NotStarted
	cases := []struct {
		name     string
		task     string
		date     time.Time // the report's date
		lines    []rep
		status   model.Status
		outcome  consolidate.Outcome
		disagree bool
		noLead   bool
		missing  int
	}{
		// Task 2 is due 14/12/2024, led by Sở KH&CN alone, coordinated by 30 units.
		{"lead done before the deadline", "2", day(12, 15), []rep{{"SKHCN", "2", D, day(11, 30)}}, D, consolidate.DoneOnTime, false, false, 29},
		{"lead done after the deadline", "2", day(12, 20), []rep{{"SKHCN", "2", D, day(12, 18)}}, D, consolidate.DoneLate, false, false, 29},
		{"done without a date: judged by the report date", "2", day(12, 20), []rep{{"SKHCN", "2", D, time.Time{}}}, D, consolidate.DoneOnTime, false, false, 29},
		{"in progress before the deadline", "2", day(12, 10), []rep{{"SKHCN", "2", P, time.Time{}}}, P, consolidate.WithinDeadline, false, false, 29},
		{"in progress after the deadline", "2", day(12, 15), []rep{{"SKHCN", "2", P, time.Time{}}}, P, consolidate.Overdue, false, false, 29},
		{"lead not started, coordinator done: the lead decides", "2", day(12, 15), []rep{{"SKHCN", "2", N, time.Time{}}, {"SYT", "2", D, day(10, 1)}}, N, consolidate.Overdue, true, false, 28},
		{"lead done, a coordinator still at work on its part: no disagreement", "2", day(12, 15), []rep{{"SKHCN", "2", D, day(11, 30)}, {"SYT", "2", P, time.Time{}}}, D, consolidate.DoneOnTime, false, false, 28},
		{"no lead, coordinator done: under way only", "2", day(12, 10), []rep{{"SYT", "2", D, day(10, 1)}}, P, consolidate.WithinDeadline, false, true, 29},
		{"no lead, coordinators not started", "2", day(12, 10), []rep{{"SYT", "2", N, time.Time{}}, {"STC", "2", N, time.Time{}}}, N, consolidate.WithinDeadline, false, true, 28},
		{"nobody reported", "2", day(12, 15), nil, "", consolidate.NoReport, false, false, 30},
		// Task 3 has two leads.
		{"two leads, one still in progress", "3", day(12, 15), []rep{{"SKHCN", "3", D, day(6, 1)}, {"SKHDT", "3", P, time.Time{}}}, P, consolidate.OngoingInProgress, true, false, 28},
		{"two leads, both done", "3", day(12, 15), []rep{{"SKHCN", "3", D, day(6, 1)}, {"SKHDT", "3", D, day(7, 1)}}, D, consolidate.OngoingDone, false, false, 28},
		{"two leads, both not started", "3", day(12, 15), []rep{{"SKHCN", "3", N, time.Time{}}, {"SKHDT", "3", N, time.Time{}}}, N, consolidate.OngoingNotStarted, false, false, 28},
		// Task 1 is led by every department and district (30 units).
		{"group-led: done only when every lead is done", "1", day(12, 15), []rep{{"SYT", "1", D, time.Time{}}, {"STC", "1", D, time.Time{}}}, P, consolidate.OngoingInProgress, false, false, 28},
		// Task 13 is led by Sở Y tế; anyone "có liên quan" may report.
		{"only a related unit reported", "13", day(12, 15), []rep{{"CDKT", "13", P, time.Time{}}}, P, consolidate.OngoingInProgress, false, true, 1},
		{"a status-less row is content without a status", "13", day(12, 15), []rep{{"SYT", "13", "", time.Time{}}}, "", consolidate.NoReport, false, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := consolidate.Build(c, subs(c, day(12, 10), tc.lines...), tc.date)
			tr := r.Tasks[taskIndex(c, tc.task)]
			if tr.Status != tc.status || tr.Outcome != tc.outcome || tr.Disagree != tc.disagree || (tr.LeadMissing && tr.Status != "") != tc.noLead || len(tr.Missing) != tc.missing {
				t.Errorf("got status %q outcome %q disagree %v no-lead %v missing %d; want %q %q %v %v %d",
					tr.Status, tr.Outcome.Label(), tr.Disagree, tr.LeadMissing, len(tr.Missing),
					tc.status, tc.outcome.Label(), tc.disagree, tc.noLead, tc.missing)
			}
		})
	}
}

func taskIndex(c *model.Catalogue, n string) int {
	for i := range c.Tasks {
		if c.Tasks[i].Number == n {
			return i
		}
	}
	panic(n)
}

// Entries come leads first, then coordinators, then others, each in the
// order the plan names them: task 10 is led by "Sở Kế hoạch và Đầu tư, Sở
// Tài chính, Sở Nội vụ, Ủy ban nhân dân các huyện, thành phố" and
// coordinated by "Sở Khoa học và Công nghệ, Các Sở, ban ngành ...".
func TestEntryOrder(t *testing.T) {
	c := kontum(t)
	P := model.InProgress
	r := consolidate.Build(c, subs(c, day(12, 10),
		rep{"SYT", "10", P, time.Time{}}, rep{"CDKT", "10", P, time.Time{}}, rep{"TUMORONG", "10", P, time.Time{}},
		rep{"SKHCN", "10", P, time.Time{}}, rep{"STC", "10", P, time.Time{}}, rep{"SKHDT", "10", P, time.Time{}}), day(12, 15))
	var got []string
	for _, ue := range r.Tasks[taskIndex(c, "10")].Entries {
		got = append(got, ue.Unit.Code)
	}
	if want := "SKHDT STC TUMORONG SKHCN SYT CDKT"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

func TestSupersededAndInvalidAreLeftOut(t *testing.T) {
	c := kontum(t)
	D := model.Done
	ss := subs(c, day(12, 10), rep{"SYT", "13", D, day(9, 1)})
	old := subs(c, day(12, 1), rep{"SYT", "13", model.NotStarted, time.Time{}})[0]
	old.File, old.Superseded = "SYT-cu.xlsx", "SYT.xlsx"
	bad := subs(c, day(12, 10), rep{"STC", "5", D, day(9, 1)})[0]
	bad.Invalid, bad.Reason = true, "tình trạng không hợp lệ"
	xls := &model.Submission{File: "x.xls", Unreadable: "tệp .xls"}
	r := consolidate.Build(c, append(ss, old, bad, xls), day(12, 15))
	if tr := r.Tasks[taskIndex(c, "13")]; tr.Status != D || len(tr.Entries) != 1 {
		t.Errorf("task 13: %q with %d entries", tr.Status, len(tr.Entries))
	}
	if tr := r.Tasks[taskIndex(c, "5")]; tr.Status != "" {
		t.Errorf("an invalid file was consolidated: %q", tr.Status)
	}
	var files []string
	for _, s := range r.Skipped {
		files = append(files, s.File+": "+s.Reason)
	}
	if strings.Join(files, ",") != "x.xls: tệp .xls" {
		t.Errorf("skipped %v", files)
	}
	received, onTime := r.Received()
	if received != 1 || onTime != 1 {
		t.Errorf("received %d on time %d", received, onTime)
	}
	for _, u := range r.Units {
		if u.Unit.Code == "STC" && (u.State != consolidate.Invalid || len(u.Skipped) != 1 || u.Submission != nil || u.Received != bad) {
			t.Errorf("STC: %+v", u)
		}
		if u.Unit.Code == "SYT" && (u.State != consolidate.OnTime || !u.Corrected || !u.FirstDate.Equal(day(12, 1))) {
			t.Errorf("SYT: the later file corrects the report of 01/12: %+v", u)
		}
	}
}

// A unit's state is decided from all its files, in one place.
func TestUnitStates(t *testing.T) {
	c := kontum(t)
	D := model.Done
	deadline := c.Period.Deadline // 15/12/2024
	file := func(unit string, date time.Time, name string, filled bool) *model.Submission {
		s := &model.Submission{File: name, Unit: c.UnitByCode(unit), ReportDate: date}
		if filled {
			t := c.TaskByNumber("13")
			s.Entries = []model.Entry{{Task: t, Role: c.RoleOf(unit, t), Status: D, Result: model.Text{Value: "x"}}}
		}
		return s
	}
	cases := []struct {
		name      string
		files     []*model.Submission // the last one not superseded is current
		state     consolidate.State
		corrected bool
		first     time.Time
		used      int // index of the consolidated file, -1 for none
	}{
		{"nothing", nil, consolidate.Missing, false, time.Time{}, -1},
		{"blank template sent back", []*model.Submission{file("SYT", day(12, 10), "a.xlsx", false)}, consolidate.Empty, false, time.Time{}, -1},
		{"only a .xls", []*model.Submission{{File: "SYT.xls", Unit: c.UnitByCode("SYT"), Unreadable: "tệp .xls"}}, consolidate.WrongFormat, false, time.Time{}, -1},
		{"on time", []*model.Submission{file("SYT", day(12, 10), "a.xlsx", true)}, consolidate.OnTime, false, time.Time{}, 0},
		{"late", []*model.Submission{file("SYT", deadline.AddDate(0, 0, 1), "a.xlsx", true)}, consolidate.Late, false, time.Time{}, 0},
		{"late correction of an on-time report stays on time",
			[]*model.Submission{file("SYT", day(12, 10), "a.xlsx", true), file("SYT", day(12, 20), "b.xlsx", true)}, consolidate.OnTime, true, day(12, 10), 1},
		{"late correction of a late report", []*model.Submission{file("SYT", day(12, 16), "a.xlsx", true), file("SYT", day(12, 20), "b.xlsx", true)},
			consolidate.Late, true, day(12, 16), 1},
		{"a blank first file is no report to keep on time", []*model.Submission{file("SYT", day(12, 10), "a.xlsx", false), file("SYT", day(12, 20), "b.xlsx", true)},
			consolidate.Late, false, time.Time{}, 1},
		{"an invalid correction falls back to the usable report", func() []*model.Submission {
			bad := file("SYT", day(12, 12), "b.xlsx", true)
			bad.Invalid = true
			return []*model.Submission{file("SYT", day(12, 10), "a.xlsx", true), bad}
		}(), consolidate.OnTime, false, time.Time{}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for i, f := range tc.files {
				if i < len(tc.files)-1 {
					f.Superseded = tc.files[len(tc.files)-1].File
				}
			}
			r := consolidate.Build(c, tc.files, day(12, 25))
			var u consolidate.UnitResult
			for _, ur := range r.Units {
				if ur.Unit.Code == "SYT" {
					u = ur
				}
			}
			if u.State != tc.state || u.Corrected != tc.corrected || !u.FirstDate.Equal(tc.first) {
				t.Errorf("state %s corrected %v first %v, want %s %v %v", u.State.Label(), u.Corrected, u.FirstDate, tc.state.Label(), tc.corrected, tc.first)
			}
			if tc.used < 0 && u.Submission != nil || tc.used >= 0 && u.Submission != tc.files[tc.used] {
				t.Errorf("consolidated %v", u.Submission)
			}
			if tc.files != nil && u.Received != tc.files[len(tc.files)-1] {
				t.Errorf("received %v", u.Received)
			}
		})
	}
}

func TestUnitsCountsAndIndicators(t *testing.T) {
	c := kontum(t)
	D, P := model.Done, model.InProgress
	ss := subs(c, day(12, 10), rep{"SYT", "13", D, day(9, 1)}, rep{"SYT", "1", P, time.Time{}}, rep{"SKHCN", "2", D, day(9, 1)})
	late := subs(c, day(12, 16), rep{"STC", "5", P, time.Time{}})[0]
	ss = append(ss, late)
	ss[0].Indicators = []model.IndicatorValue{{Indicator: &c.Indicators[0], Value: 100.5}, {Indicator: &c.Indicators[1], Value: 20}}
	ss[1].Indicators = []model.IndicatorValue{{Indicator: &c.Indicators[0], Value: 1000}}
	r := consolidate.Build(c, ss, day(12, 15))
	states := map[string]consolidate.State{}
	for _, u := range r.Units {
		states[u.Unit.Code] = u.State
	}
	if states["SYT"] != consolidate.OnTime || states["STC"] != consolidate.Late || states["SNV"] != consolidate.Missing {
		t.Errorf("states %v", states)
	}
	if r.Total.Total() != 15 {
		t.Errorf("total %d", r.Total.Total())
	}
	sum := 0
	for _, s := range r.Sections {
		sum += s.Counts.Total()
	}
	if sum != 15 || r.Total[consolidate.DoneOnTime] != 1 || r.Total[consolidate.OngoingDone] != 1 || r.Total[consolidate.OngoingInProgress] != 2 {
		t.Errorf("counts %v", r.Total)
	}
	if got := fmt.Sprint(r.Indicators[0].Total, len(r.Indicators[0].Values), r.Indicators[1].Total); got != "1100.5 2 20" {
		t.Errorf("indicators %s", got)
	}
	// Values come in the units' report order: Sở KH&CN before Sở Y tế.
	if r.Indicators[0].Values[0].Unit.Code != "SKHCN" {
		t.Errorf("indicator order %v", r.Indicators[0].Values[0].Unit.Code)
	}
}

func TestDifficultiesAttributedOnce(t *testing.T) {
	c := kontum(t)
	ss := subs(c, day(12, 10), rep{"SYT", "13", model.Done, day(9, 1)}, rep{"SYT", "1", model.InProgress, time.Time{}})
	for i := range ss[0].Entries {
		ss[0].Entries[i].Difficulties = model.Text{Value: "Thiếu nhân lực"}
	}
	ss[0].Entries[1].Proposals = model.Text{Value: "Bổ sung biên chế"}
	r := consolidate.Build(c, ss, day(12, 15))
	if len(r.Difficulties) != 1 || fmt.Sprint(r.Difficulties[0].Texts) != "[Thiếu nhân lực]" || r.Difficulties[0].Unit.Code != "SYT" {
		t.Errorf("difficulties %+v", r.Difficulties)
	}
	if len(r.Proposals) != 1 || r.Proposals[0].Texts[0] != "Bổ sung biên chế" {
		t.Errorf("proposals %+v", r.Proposals)
	}
}
