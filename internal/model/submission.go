package model

import "time"

// Ref says where a value was read: file, sheet and cell (rows and columns
// from 1).
type Ref struct {
	File  string
	Sheet string
	Cell  string
	Row   int
	Col   int
}

// Text is a cleaned text value and where it came from. Paragraphs are
// separated by "\n".
type Text struct {
	Value string
	Ref   Ref
}

// Submission is one file received, as read: a unit's filled workbook, or
// a file that could not be read as one (Unreadable is then set and nothing
// else is read from it).
type Submission struct {
	File     string    // path as given or found
	Modified time.Time // the file's modification time
	Unit     *Unit     // nil when the unit could not be identified
	Template TemplateInfo

	// FileUnit is the unit the file's name points to ("SYT_Sở YT.xlsx"),
	// nil when the name names none.
	FileUnit *Unit
	// ReporterUnit is the unit the reporter's position or e-mail names,
	// nil when they name none.
	ReporterUnit *Unit

	// Unreadable says why the file is not a workbook that can be read (a
	// .xls, .ods, corrupt or encrypted file); empty for a workbook.
	Unreadable string

	Reporter   Reporter
	ReportDate time.Time // zero when not given
	DateRef    Ref

	Entries    []Entry
	Indicators []IndicatorValue

	// Superseded names the file that replaced this one (same unit, later
	// report date); a superseded submission is not consolidated.
	Superseded string

	// MergedInto names the file this one's report was added to: the files
	// of two units merged into one (predecessors) are one report.
	MergedInto string

	// Invalid is set when the file has errors; an invalid submission is not
	// consolidated. Reason is the first error's message.
	Invalid bool
	Reason  string
}

// Empty reports whether the workbook holds no report: no task and no
// indicator filled (a template sent back blank is received, not a report).
func (s *Submission) Empty() bool {
	return s.Unreadable == "" && len(s.Entries) == 0 && len(s.Indicators) == 0
}

// Usable reports whether the file can be consolidated: a readable,
// error-free workbook that holds a report.
func (s *Submission) Usable() bool {
	return s.Unreadable == "" && !s.Invalid && !s.Empty()
}

// TemplateInfo is the hidden metadata of the template the file was made
// from; empty when a client stripped it.
type TemplateInfo struct {
	CatalogueID      string
	CatalogueVersion string
	CatalogueHash    string
	UnitCode         string
	UnitName         string // the unit's name when the template was made
	Format           string
	Period           string // the period the template was made for: "2024-12-15/2025-05-31"
}

// Reporter is who filled the workbook.
type Reporter struct {
	Name, Position, Phone, Email Text
}

// Entry is what a unit reported on one task.
type Entry struct {
	Task *Task
	Role Role
	Row  int // sheet row, from 1

	Status    Status // empty when not chosen
	StatusRef Ref
	DoneDate  time.Time
	DoneRef   Ref

	Result       Text
	Documents    Text
	Difficulties Text
	Proposals    Text
}

// Reported reports whether the unit wrote anything for the task.
func (e *Entry) Reported() bool {
	return e.Status != "" || !e.DoneDate.IsZero() || e.Result.Value != "" || e.Documents.Value != "" ||
		e.Difficulties.Value != "" || e.Proposals.Value != ""
}

// IndicatorValue is one number a unit reported.
type IndicatorValue struct {
	Indicator *Indicator
	Value     float64
	Ref       Ref
	Note      Text
}

// OnTime reports whether the submission's report date is on or before the
// deadline. A submission with no report date counts as on time: the
// deadline is judged on what the unit says.
func (s *Submission) OnTime(deadline time.Time) bool {
	return s.ReportDate.IsZero() || !s.ReportDate.After(deadline)
}

// EntryFor returns the unit's entry for the task, or nil.
func (s *Submission) EntryFor(number string) *Entry {
	for i := range s.Entries {
		if s.Entries[i].Task.Number == number {
			return &s.Entries[i]
		}
	}
	return nil
}

// TasksReported counts the tasks the unit must report on (lead,
// coordinator) that it wrote something for.
func (s *Submission) TasksReported() int {
	n := 0
	for _, e := range s.Entries {
		if e.Role.Required() && e.Reported() {
			n++
		}
	}
	return n
}
