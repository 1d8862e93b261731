package problem_test

import (
	"errors"
	"testing"

	"baocao/internal/problem"
)

var errX = errors.New("x")

func TestFormatAndSort(t *testing.T) {
	var l problem.List
	l.Add(&problem.Problem{File: "b.xlsx", Sheet: "Nhiệm vụ", Cell: "H7", Row: 7, Col: 8, Severity: problem.Warning, Message: "m2", Hint: "h2"})
	l.Add(&problem.Problem{File: "a.toml", Line: 12, Key: "tasks.lead", Message: "m1", Hint: "h1", Err: errX})
	l.Add(&problem.Problem{File: "b.xlsx", Sheet: "Nhiệm vụ", Cell: "C5", Row: 5, Col: 3, Message: "m3"})
	l.Sort()
	want := []string{
		"a.toml:12: tasks.lead: lỗi: m1 — h1",
		"b.xlsx: Nhiệm vụ!C5: lỗi: m3",
		"b.xlsx: Nhiệm vụ!H7: cảnh báo: m2 — h2",
	}
	for i, w := range want {
		if got := l[i].Error(); got != w {
			t.Errorf("%d: got %q, want %q", i, got, w)
		}
	}
	if errs, warns := l.Count(); errs != 2 || warns != 1 {
		t.Errorf("count %d %d", errs, warns)
	}
	if err := l.Err(); err == nil || !errors.Is(err, errX) {
		t.Errorf("Err() = %v, want one wrapping errX", err)
	}
}

func TestWarningsAloneAreNoError(t *testing.T) {
	l := problem.List{{Severity: problem.Warning, Message: "w"}}
	if l.Err() != nil || l.HasErrors() {
		t.Error("warnings made an error")
	}
	var empty problem.List
	if empty.Err() != nil {
		t.Error("empty list made an error")
	}
}
