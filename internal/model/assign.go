package model

import "slices"

// Role is how a unit stands towards a task. A higher role wins when a unit
// is reached several ways (Sở KH&CN leads task 10 through a group and
// coordinates it directly: it leads).
type Role int

const (
	NoRole      Role = iota
	Related          // through an open group: may report ("Liên quan")
	Coordinator      // named, or in a closed group, among the coordinators
	Lead             // named, or in a closed group, among the leads
)

// Label is the Vietnamese word for the role, as templates and reports print it.
func (r Role) Label() string {
	switch r {
	case Lead:
		return "Chủ trì"
	case Coordinator:
		return "Phối hợp"
	case Related:
		return "Liên quan"
	}
	return ""
}

// String is the stable English name used in JSON output.
func (r Role) String() string {
	switch r {
	case Lead:
		return "lead"
	case Coordinator:
		return "coordinator"
	case Related:
		return "related"
	}
	return "none"
}

// Required reports whether a unit with this role must report on the task.
func (r Role) Required() bool { return r == Lead || r == Coordinator }

// Assignment is one task a unit reports on.
type Assignment struct {
	Task *Task
	Role Role
}

// GroupUnits returns the codes of the units a group stands for, in catalogue
// order. An open group with neither members nor kinds stands for every unit.
func (c *Catalogue) GroupUnits(g *Group) []string {
	everyone := g.Open && len(g.Members) == 0 && len(g.Kinds) == 0
	var out []string
	for _, u := range c.Units {
		if everyone || slices.Contains(g.Members, u.Code) || slices.Contains(g.Kinds, u.Kind) {
			out = append(out, u.Code)
		}
	}
	return out
}

// index is what role lookups need, computed once per catalogue: a
// catalogue is not changed after it is loaded.
type index struct {
	groups  map[string]*Group
	members map[string]map[string]bool // group code → unit codes
}

func (c *Catalogue) idx() *index {
	c.indexOnce.Do(func() {
		ix := &index{groups: map[string]*Group{}, members: map[string]map[string]bool{}}
		for i := range c.Groups {
			g := &c.Groups[i]
			ix.groups[g.Code] = g
			set := map[string]bool{}
			for _, u := range c.GroupUnits(g) {
				set[u] = true
			}
			ix.members[g.Code] = set
		}
		c.index = ix
	})
	return c.index
}

// InGroup reports whether the unit is one of the group's (by codes).
func (c *Catalogue) InGroup(group, unit string) bool { return c.idx().members[group][unit] }

// refRole is the role a unit gets from one reference (a unit or group code)
// in a list whose direct role is direct.
func (c *Catalogue) refRole(unit, ref string, direct Role) Role {
	if ref == unit {
		return direct
	}
	ix := c.idx()
	g := ix.groups[ref]
	if g == nil || !ix.members[ref][unit] {
		return NoRole
	}
	if g.Open {
		return Related
	}
	return direct
}

// RoleOf returns the unit's role on the task.
func (c *Catalogue) RoleOf(unit string, t *Task) Role {
	role := NoRole
	for _, ref := range t.Lead {
		role = max(role, c.refRole(unit, ref, Lead))
	}
	for _, ref := range t.Coordinators {
		role = max(role, c.refRole(unit, ref, Coordinator))
	}
	return role
}

// Assignments returns the tasks the unit reports on, in catalogue order:
// those it must report on (lead, coordinator) first, then those of open
// groups it may report on.
func (c *Catalogue) Assignments(unit string) []Assignment {
	var required, optional []Assignment
	for i := range c.Tasks {
		t := &c.Tasks[i]
		switch r := c.RoleOf(unit, t); {
		case r.Required():
			required = append(required, Assignment{t, r})
		case r == Related:
			optional = append(optional, Assignment{t, r})
		}
	}
	return append(required, optional...)
}

// AssignedUnits returns the units that must report on the task (lead and
// coordinators, groups expanded), in catalogue order.
func (c *Catalogue) AssignedUnits(t *Task) []string {
	var out []string
	for _, u := range c.Units {
		if c.RoleOf(u.Code, t).Required() {
			out = append(out, u.Code)
		}
	}
	return out
}
