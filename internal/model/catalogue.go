// Package model holds the types every stage of baocao speaks: the task
// catalogue (plan, period, issuer, units, groups, sections, tasks,
// indicators) and the rules that follow from it (who reports on what, with
// which role).
//
// The model knows nothing of TOML, Excel or PDF. The catalogue loader fills
// it; Validate checks it and reports every problem with the catalogue line and
// key it came from, which the loader records in each element's Pos.
package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"baocao/internal/vntext"
)

// FormatVersion is the catalogue format this code reads.
const FormatVersion = 1

// Catalogue is one plan's task catalogue for one reporting period.
type Catalogue struct {
	Format  int
	ID      string // stable identity, e.g. "kontum-kh144-2024"
	Version string // edition label set by the compiler, e.g. "2024.1"
	Hash    string // content hash of the source, set by the loader
	File    string // where it was read from, for messages

	Plan       Plan
	Period     Period   // the period reported on: the only one, or the one chosen (SelectPeriod)
	Periods    []Period // every period of the catalogue, in order; one for a catalogue with [period]
	Issuer     Issuer
	Kinds      []Kind
	Units      []Unit
	Groups     []Group
	Sections   []Section
	Tasks      []Task
	Indicators []Indicator

	Pos Pos

	indexOnce sync.Once
	index     *index
}

// Pos records where an element came from in the catalogue file: the line of
// its table header and the line of each of its keys (lines from 1). Path is
// the element's key path, e.g. "tasks"; it is what problems print.
type Pos struct {
	Path string
	Line int
	Keys map[string]int
}

// At returns the line and the printed key for key of this element, falling
// back to the element's own line when the key is absent.
func (p Pos) At(key string) (int, string) {
	full := key
	if p.Path != "" {
		full = p.Path + "." + key
	}
	if key == "" {
		full = p.Path
	}
	if l, ok := p.Keys[key]; ok {
		return l, full
	}
	return p.Line, full
}

// Item returns the line of item i (from 0) of the list under key, falling
// back to the key's line; the printed key is the list's.
func (p Pos) Item(key string, i int) (int, string) {
	line, full := p.At(key)
	if l, ok := p.Keys[key+"["+strconv.Itoa(i)+"]"]; ok {
		line = l
	}
	return line, full
}

// Document is a document the plan implements or cites.
type Document struct {
	Kind     string    // "Kế hoạch", "Kết luận", "Nghị quyết"
	Number   string    // "144-KH/TU"
	Date     time.Time // zero when the day is not known
	DateText string    // as written when Date is zero or partial: "tháng 6 năm 2024"
	Issuer   string    // "Ban Thường vụ Tỉnh ủy"
	Title    string    // trích yếu
	Pos      Pos
}

// Plan is the plan the catalogue is built from.
type Plan struct {
	Document
	Short      string // how the text refers to it: "Kế hoạch 144-KH/TU"
	Implements []Document
}

// Period is the reporting period: data from Start to End inclusive, reports
// due by Deadline.
type Period struct {
	Label    string // "năm 2024"
	Start    time.Time
	End      time.Time
	Deadline time.Time
	Pos      Pos
}

// Signer is the signature block of the consolidated report.
type Signer struct {
	Authority string // "KT. GIÁM ĐỐC"
	Title     string // "PHÓ GIÁM ĐỐC"
	Name      string
	Pos       Pos
}

// Contact is who units call about the templates.
type Contact struct {
	Name  string
	Phone string
	Email string
	Pos   Pos
}

// Issuer is the body that issues the consolidated report.
type Issuer struct {
	Superior     string // cơ quan chủ quản, as printed before upper-casing: "UBND tỉnh Kon Tum"
	Body         string // "Sở Khoa học và Công nghệ"
	Symbol       string // "BC-SKHCN"
	Place        string // "Kon Tum"
	DraftingUnit string // for "Lưu: VT, <drafting unit>."
	Addressees   []string
	Recipients   []string
	Signer       Signer
	Contact      Contact
	Pos          Pos
}

// Kind is a kind of unit ("Sở, ban, ngành"); units are listed by kind in the
// order kinds are declared.
type Kind struct {
	Code string
	Name string
	Pos  Pos
}

// Unit is a body that reports.
type Unit struct {
	Code       string // stable ASCII code
	Name       string
	ShortName  string
	Kind       string
	Aliases    []string
	Successors []string // names of the bodies that took its functions over
	// Predecessors are the codes or names of the units it took over (a
	// merger): a file sent on one of their templates is counted for it.
	Predecessors []string
	Pos          Pos
}

// Group is a named set of units that tasks refer to. Members are listed by
// code or by kind. An open group ("Các đơn vị, địa phương có liên quan") only
// names candidates: its units may report on the task but are not bound to; an
// open group with neither members nor kinds stands for every unit.
type Group struct {
	Code    string
	Name    string
	Members []string
	Kinds   []string
	Open    bool
	Pos     Pos
}

// Section is a group of tasks (I–VI).
type Section struct {
	Number string
	Title  string
	Pos    Pos
}

// TimeframeKind says how a task is timed.
type TimeframeKind string

const (
	Regular TimeframeKind = "regular" // Thường xuyên
	Annual  TimeframeKind = "annual"  // Hàng năm
	Due     TimeframeKind = "due"     // by a date
)

// Timeframe is when a task is to be done. Text is the plan's wording; Due is
// set for Due only.
type Timeframe struct {
	Kind TimeframeKind
	Text string
	Due  time.Time
	Pos  Pos
}

// HasDeadline reports whether the task is timed by a date.
func (t Timeframe) HasDeadline() bool { return t.Kind == Due }

// Task is one task of the plan.
type Task struct {
	Number           string
	Section          string
	Title            string // short title for headings
	Content          string // full text as the plan words it; paragraphs separated by "\n"
	Footnotes        []string
	Lead             []string // unit or group codes
	LeadText         string   // as the plan writes it; derived from Lead when empty
	Coordinators     []string
	CoordinatorsText string
	Timeframe        Timeframe
	Fields           []Field // the plan table's other columns ("Sản phẩm"), as written
	Pos              Pos
}

// Field is a column of the plan's table the catalogue keeps as written.
type Field struct {
	Label string
	Text  string
}

// Indicator is a number units report (funding by source, ...).
type Indicator struct {
	Code string
	Name string
	Unit string // unit of measure: "triệu đồng"
	Pos  Pos
}

// UnitByCode returns the unit with the code, or nil.
func (c *Catalogue) UnitByCode(code string) *Unit {
	for i := range c.Units {
		if c.Units[i].Code == code {
			return &c.Units[i]
		}
	}
	return nil
}

// GroupByCode returns the group with the code, or nil.
func (c *Catalogue) GroupByCode(code string) *Group {
	for i := range c.Groups {
		if c.Groups[i].Code == code {
			return &c.Groups[i]
		}
	}
	return nil
}

// KindByCode returns the kind with the code, or nil.
func (c *Catalogue) KindByCode(code string) *Kind {
	for i := range c.Kinds {
		if c.Kinds[i].Code == code {
			return &c.Kinds[i]
		}
	}
	return nil
}

// SectionByNumber returns the section, or nil.
func (c *Catalogue) SectionByNumber(n string) *Section {
	for i := range c.Sections {
		if c.Sections[i].Number == n {
			return &c.Sections[i]
		}
	}
	return nil
}

// TaskByNumber returns the task, or nil.
func (c *Catalogue) TaskByNumber(n string) *Task {
	for i := range c.Tasks {
		if c.Tasks[i].Number == n {
			return &c.Tasks[i]
		}
	}
	return nil
}

// RefName returns the name of a unit or group code, or the code itself when
// it names neither.
func (c *Catalogue) RefName(code string) string {
	if u := c.UnitByCode(code); u != nil {
		return u.Name
	}
	if g := c.GroupByCode(code); g != nil {
		return g.Name
	}
	return code
}

// LeadLabel is the lead as the plan writes it.
func (t *Task) LeadLabel(c *Catalogue) string {
	if t.LeadText != "" {
		return t.LeadText
	}
	return c.joinRefs(t.Lead)
}

// CoordinatorsLabel is the coordinators as the plan writes them.
func (t *Task) CoordinatorsLabel(c *Catalogue) string {
	if t.CoordinatorsText != "" {
		return t.CoordinatorsText
	}
	return c.joinRefs(t.Coordinators)
}

func (c *Catalogue) joinRefs(codes []string) string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = c.RefName(code)
	}
	return strings.Join(names, ", ")
}

// TimeframeLabel is the wording of the task's timeframe.
func (t *Task) TimeframeLabel() string {
	if t.Timeframe.Text != "" {
		return t.Timeframe.Text
	}
	switch t.Timeframe.Kind {
	case Regular:
		return "Thường xuyên"
	case Annual:
		return "Hàng năm"
	case Due:
		return "Trước ngày " + t.Timeframe.Due.Format("02/01/2006")
	}
	return ""
}

// UnitsByKind returns the units grouped by kind, kinds in declared order,
// units in Vietnamese alphabetical order of their names: the order every
// list of units is printed in.
func (c *Catalogue) UnitsByKind() [][]*Unit {
	var out [][]*Unit
	for _, k := range c.Kinds {
		var us []*Unit
		for i := range c.Units {
			if c.Units[i].Kind == k.Code {
				us = append(us, &c.Units[i])
			}
		}
		vntext.Sort(us, func(u *Unit) string { return u.Name })
		out = append(out, us)
	}
	return out
}

// Paragraphs splits text into its non-empty paragraphs.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ErrNoSuchPeriod is the error of SelectPeriod for a period not in the
// catalogue.
var ErrNoSuchPeriod = errors.New("no such reporting period")

// SelectPeriod makes the period key names the one reported on: its label
// (forgiving case and diacritics) or its number, from 1.
func (c *Catalogue) SelectPeriod(key string) error {
	key = strings.TrimSpace(key)
	for i, p := range c.Periods {
		if vntext.Fold(p.Label) == vntext.Fold(key) || strconv.Itoa(i+1) == key {
			c.Period = p
			return nil
		}
	}
	var names []string
	for i, p := range c.Periods {
		names = append(names, fmt.Sprintf("%d. “%s”", i+1, p.Label))
	}
	return fmt.Errorf("%w: danh mục không có kỳ báo cáo “%s”; các kỳ có trong danh mục: %s", ErrNoSuchPeriod, key, strings.Join(names, ", "))
}

// PeriodFor is the period a report made on day is most likely about: the
// first whose deadline is no more than 45 days before it, or the last.
func (c *Catalogue) PeriodFor(day time.Time) Period {
	for _, p := range c.Periods {
		if !day.After(p.Deadline.AddDate(0, 0, 45)) {
			return p
		}
	}
	if len(c.Periods) == 0 {
		return c.Period
	}
	return c.Periods[len(c.Periods)-1]
}

// SuccessorOf is the unit that took over the unit with this code or name
// (it lists it among its predecessors), or nil.
func (c *Catalogue) SuccessorOf(codeOrName string) *Unit {
	key := vntext.Fold(codeOrName)
	if key == "" {
		return nil
	}
	for i := range c.Units {
		for _, p := range c.Units[i].Predecessors {
			if vntext.Fold(p) == key {
				return &c.Units[i]
			}
		}
	}
	return nil
}
