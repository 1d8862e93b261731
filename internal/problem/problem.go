// Package problem is the one error type every stage of baocao reports in.
//
// A Problem names where it was found — a file and either a catalogue line and
// key, or a workbook sheet and cell — how bad it is, what is wrong (in
// Vietnamese, for the person at the keyboard) and what to do about it. It wraps
// a sentinel so that tests and callers can use errors.Is. A List collects every
// problem of a run, sorts them by position and is nil as an error when empty:
// stages validate everything and never stop at the first problem.
package problem

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem blocks the run (Error) or is only reported
// (Warning).
type Severity int

const (
	Error Severity = iota
	Warning
)

// Label is the Vietnamese word printed before the message.
func (s Severity) Label() string {
	if s == Warning {
		return "cảnh báo"
	}
	return "lỗi"
}

// String is the stable English name used in JSON output.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with an input. Line is counted from 1; Row and
// Col (workbook cells) are counted from 1 and are used for sorting only, Cell
// being the printed reference ("H7").
type Problem struct {
	File     string
	Line     int    // catalogue line, 0 when not applicable
	Key      string // catalogue key, e.g. "tasks.lead"
	Sheet    string
	Cell     string
	Row, Col int
	Severity Severity
	Message  string // Vietnamese, what is wrong
	Hint     string // Vietnamese, what to do
	Err      error  // sentinel, for errors.Is
}

// Error formats the problem as one line:
//
//	<file>:<line>: <key>: lỗi: <message> — <hint>
//	<file>: <sheet>!<cell>: cảnh báo: <message> — <hint>
func (p *Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	} else if p.Line > 0 {
		fmt.Fprintf(&b, "dòng %d: ", p.Line)
	}
	switch {
	case p.Key != "":
		b.WriteString(p.Key)
		b.WriteString(": ")
	case p.Sheet != "" && p.Cell != "":
		b.WriteString(p.Sheet + "!" + p.Cell + ": ")
	case p.Sheet != "":
		b.WriteString(p.Sheet + ": ")
	}
	b.WriteString(p.Severity.Label())
	b.WriteString(": ")
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (p *Problem) Unwrap() error { return p.Err }

// List collects problems. The zero value is ready to use.
type List []*Problem

// Add appends p.
func (l *List) Add(p *Problem) { *l = append(*l, p) }

// Append appends every problem of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any problem is an Error.
func (l List) HasErrors() bool {
	for _, p := range l {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and of warnings.
func (l List) Count() (errs, warns int) {
	for _, p := range l {
		if p.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return
}

// Sort orders the list by file, line, sheet, row, column, then message, so
// output is the same from run to run.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Sheet, b.Sheet),
			cmp.Compare(a.Row, b.Row),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Err returns the list as an error when it holds at least one Error, nil
// otherwise. Warnings alone never make an error.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error joins the problems, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is look through every problem of the list.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, p := range l {
		errs[i] = p
	}
	return errs
}

// As returns the List inside err, if there is one.
func As(err error) (List, bool) {
	var l List
	if errors.As(err, &l) {
		return l, true
	}
	return nil, false
}
