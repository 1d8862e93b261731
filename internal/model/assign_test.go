package model_test

import (
	"fmt"
	"strings"
	"testing"

	"baocao/examples"
	"baocao/internal/catalogue"
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

func roles(c *model.Catalogue, unit string) string {
	var parts []string
	for _, a := range c.Assignments(unit) {
		parts = append(parts, fmt.Sprintf("%s:%s", a.Task.Number, a.Role))
	}
	return strings.Join(parts, " ")
}

// The roles are read off the seed's Phụ lục by hand: a unit named directly
// or through a closed group ("Các Sở, ban ngành", "Ủy ban nhân dân các
// huyện, thành phố") must report; an open group ("... có liên quan") only
// may, and those tasks come last.
func TestAssignmentsFromSeed(t *testing.T) {
	c := kontum(t)
	for _, tc := range []struct{ unit, want string }{
		{"SYT", "1:lead 2:coordinator 3:coordinator 9:coordinator 10:coordinator 11:coordinator 13:lead " +
			"4:related 5:related 6:related 7:related 8:related 12:related 14:related 15:related"},
		{"TUMORONG", "1:lead 2:coordinator 3:coordinator 6:lead 9:coordinator 10:lead 11:coordinator " +
			"4:related 5:related 7:related 8:related 12:related 13:related 14:related 15:related"},
		{"CDKT", "7:lead 1:related 4:related 5:related 6:related 8:related 9:related 10:related 11:related 12:related 13:related"},
		{"SKHCN", "1:lead 2:lead 3:lead 4:lead 5:lead 6:lead 8:lead 9:lead 10:coordinator 11:lead 14:lead 15:lead " +
			"7:related 12:related 13:related"},
		{"STC", "1:lead 2:coordinator 3:coordinator 5:coordinator 9:coordinator 10:lead 11:coordinator " +
			"4:related 6:related 7:related 8:related 12:related 13:related 14:related 15:related"},
	} {
		if got := roles(c, tc.unit); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.unit, got, tc.want)
		}
	}
}

func TestAssignedUnits(t *testing.T) {
	c := kontum(t)
	got := c.AssignedUnits(c.TaskByNumber("7"))
	if strings.Join(got, ",") != "SGDDT,CDKT,PHDHDN" {
		t.Errorf("task 7 assigned to %v", got)
	}
	// Task 1 binds every department and district, not the schools or the front.
	if n := len(c.AssignedUnits(c.TaskByNumber("1"))); n != 30 {
		t.Errorf("task 1 assigned to %d units, want 30", n)
	}
}

func TestRoleLabels(t *testing.T) {
	for r, want := range map[model.Role]string{model.Lead: "Chủ trì", model.Coordinator: "Phối hợp", model.Related: "Liên quan", model.NoRole: ""} {
		if r.Label() != want {
			t.Errorf("%v.Label() = %q, want %q", r, r.Label(), want)
		}
	}
}
