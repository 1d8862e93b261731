package intake

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"baocao/internal/model"
	"baocao/internal/problem"
)

// Batch is everything read from the paths of one command: one submission
// per file found (an unreadable file too, marked so; none for a workbook
// baocao wrote), in file order, every problem, and each file's inventory
// (by file).
type Batch struct {
	Files       []string
	Subs        []*model.Submission
	Problems    problem.List
	Inventories []Inventory
}

// ReadAll finds the files under paths (see Discover), reads them on every
// core, and resolves files that claim one unit (see resolve). progress, if
// not nil, is given the number of files and returns what to call after
// each, from any goroutine. Paths that do not exist are problems with
// ErrNotFound; nothing is read then.
func (r *Reader) ReadAll(paths []string, progress func(total int) func()) *Batch {
	files, probs := r.Discover(paths)
	step := func() {}
	if progress != nil {
		step = progress(len(files))
	}
	b := &Batch{Files: files, Problems: probs}
	for _, p := range probs {
		if p.Err == ErrNotFound {
			return b
		}
	}
	b.Subs = make([]*model.Submission, len(files))
	b.Inventories = make([]Inventory, len(files))
	probsOf := make([]problem.List, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(files), 1)) {
		wg.Go(func() {
			for i := range jobs {
				b.Subs[i], probsOf[i], b.Inventories[i] = r.ReadInventory(files[i])
				step()
			}
		})
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, ps := range probsOf {
		b.Problems.Append(ps)
	}
	// A workbook baocao wrote is no submission: it has none.
	b.Subs = slices.DeleteFunc(b.Subs, func(s *model.Submission) bool { return s == nil })
	b.Problems.Append(resolve(b.Subs))
	demote(b.Subs, b.Problems)
	// A superseded file is not consolidated: its values are accounted for
	// by the warning that says so.
	for i, s := range b.Subs {
		if s.Superseded != "" {
			b.Inventories[i].Problems += b.Inventories[i].Used
			b.Inventories[i].Used = 0
		}
	}
	b.Problems.Sort()
	return b
}

// Units counts the units the files were attributed to.
func (b *Batch) Units() int {
	seen := map[*model.Unit]bool{}
	for _, s := range b.Subs {
		if s.Unit != nil {
			seen[s.Unit] = true
		}
	}
	return len(seen)
}

// rank orders a unit's files, the one to use last: a readable workbook
// beats an unreadable file, a filled one a blank one; then the later report
// date (when both have one), the later modification, the later name.
func rank(a, b *model.Submission) int {
	readable := func(s *model.Submission) bool { return s.Unreadable == "" }
	filled := func(s *model.Submission) bool { return !s.Empty() }
	// Without a report date on both, the date says nothing of which came
	// last: the files' modification times do.
	byDate := 0
	if !a.ReportDate.IsZero() && !b.ReportDate.IsZero() {
		byDate = a.ReportDate.Compare(b.ReportDate)
	}
	return cmp.Or(compareBool(readable(a), readable(b)), compareBool(filled(a), filled(b)),
		byDate, a.Modified.Compare(b.Modified), cmp.Compare(a.File, b.File))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// disputed reports whether the file's name or reporter points to another
// unit than the one it was attributed to.
func disputed(s *model.Submission) *model.Unit {
	switch {
	case s.FileUnit != nil && s.FileUnit != s.Unit:
		return s.FileUnit
	case s.ReporterUnit != nil && s.ReporterUnit != s.Unit:
		return s.ReporterUnit
	}
	return nil
}

// resolve keeps one current file per unit and marks the others superseded,
// with a warning naming the file used; their errors then no longer block
// (they become warnings that say so). A file whose name or reporter points
// to another unit never gives way silently: when another file claims the
// same unit, the disputed file is an error naming both units, and it is
// neither used nor superseded until the compiler decides.
func resolve(subs []*model.Submission) problem.List {
	var probs problem.List
	byUnit := map[*model.Unit][]*model.Submission{}
	var order []*model.Unit
	for _, s := range subs {
		if s.Unit == nil {
			continue
		}
		if _, ok := byUnit[s.Unit]; !ok {
			order = append(order, s.Unit)
		}
		byUnit[s.Unit] = append(byUnit[s.Unit], s)
	}
	for _, u := range order {
		group := byUnit[u]
		if len(group) < 2 {
			continue
		}
		var claims []*model.Submission
		for _, s := range group {
			if other := disputed(s); other != nil {
				probs.Add(&problem.Problem{File: s.File, Severity: problem.Error, Err: ErrUnitMismatch,
					Message: fmt.Sprintf("có %d tệp cùng là báo cáo của %s, nhưng tên tệp hoặc người báo cáo của tệp này cho thấy đây là báo cáo của %s; chưa tổng hợp tệp này",
						len(group), u.Name, other.Name),
					Hint: fmt.Sprintf("nếu là báo cáo của %s, đề nghị đơn vị điền vào biểu mẫu của mình; nếu là của %s, sửa tên tệp hoặc thông tin người báo cáo", other.Name, u.Name)})
				// Counted for no unit until the compiler decides.
				s.Invalid, s.Unit = true, nil
				s.Reason = fmt.Sprintf("không rõ là báo cáo của %s hay %s", u.Name, other.Name)
				continue
			}
			claims = append(claims, s)
		}
		if len(claims) < 2 {
			continue
		}
		claims = mergePredecessors(u, claims, &probs)
		if len(claims) < 2 {
			continue
		}
		slices.SortStableFunc(claims, rank)
		winner := claims[len(claims)-1]
		for _, s := range claims[:len(claims)-1] {
			s.Superseded = winner.File
			when := "không ghi ngày báo cáo"
			if !winner.ReportDate.IsZero() {
				when = "ngày báo cáo " + winner.ReportDate.Format("02/01/2006")
			}
			why := "tệp mới hơn"
			switch {
			case s.Unreadable != "":
				why = "tệp đọc được"
			case s.Empty() && !winner.Empty():
				why = "tệp có nội dung"
			}
			probs.Add(&problem.Problem{File: s.File, Severity: problem.Warning, Err: ErrSuperseded,
				Message: fmt.Sprintf("%s đã gửi %s: %s (%s); tệp này không được tổng hợp", u.Name, why, winner.File, when),
				Hint:    "nếu tệp này mới đúng, xóa tệp kia khỏi thư mục hoặc sửa ngày báo cáo"})
		}
	}
	return probs
}

// demote turns the errors of superseded files into warnings: only the
// files that are used may stop a report.
func demote(subs []*model.Submission, probs problem.List) {
	superseded := map[string]bool{}
	for _, s := range subs {
		if s.Superseded != "" {
			superseded[s.File] = true
		}
	}
	for _, p := range probs {
		if p.Severity == problem.Error && superseded[p.File] {
			p.Severity = problem.Warning
			p.Message += " (tệp đã được thay thế nên lỗi này không ngăn việc lập báo cáo)"
		}
	}
}

// origin is the unit whose template a file was made on: the unit's own,
// or one of the units merged into it (its predecessors).
func origin(u *model.Unit, s *model.Submission) string {
	if c := s.Template.UnitCode; c != "" && c != u.Code {
		return c
	}
	return u.Code
}

// mergePredecessors makes one report of the files of the units merged into
// u: each unit's latest usable file is kept and the others' reports are
// added to the one of u's own template (or the latest), each text headed
// by the unit that wrote it; nothing is dropped. It returns the files left
// to rank as the copies of one report.
func mergePredecessors(u *model.Unit, claims []*model.Submission, probs *problem.List) []*model.Submission {
	byOrigin := map[string][]*model.Submission{}
	var origins []string
	for _, s := range claims {
		o := origin(u, s)
		if _, ok := byOrigin[o]; !ok {
			origins = append(origins, o)
		}
		byOrigin[o] = append(byOrigin[o], s)
	}
	if len(origins) < 2 {
		return claims
	}
	// The latest usable file of each origin.
	var heads []*model.Submission
	for _, o := range origins {
		fs := slices.Clone(byOrigin[o])
		slices.SortStableFunc(fs, rank)
		if h := fs[len(fs)-1]; h.Usable() {
			heads = append(heads, h)
		}
	}
	if len(heads) < 2 {
		return claims
	}
	main := heads[0]
	for _, h := range heads {
		if origin(u, h) == u.Code || origin(u, main) != u.Code && rank(h, main) > 0 {
			main = h
		}
	}
	name := func(s *model.Submission) string {
		if origin(u, s) == u.Code {
			return u.Name
		}
		if s.Template.UnitName != "" {
			return s.Template.UnitName
		}
		return s.Template.UnitCode
	}
	var rest []*model.Submission
	for _, s := range claims {
		if s == main || !slices.Contains(heads, s) {
			rest = append(rest, s)
			continue
		}
		mergeReport(main, s, name(main), name(s))
		s.MergedInto = main.File
		probs.Add(&problem.Problem{File: s.File, Severity: problem.Warning, Err: ErrPredecessor,
			Message: fmt.Sprintf("báo cáo của %s được gộp với báo cáo của %s (tệp %s) thành báo cáo của %s; mỗi nội dung ghi rõ đơn vị đã báo cáo",
				name(s), name(main), main.File, u.Name),
			Hint: fmt.Sprintf("lần sau đề nghị %s gửi một báo cáo chung trên biểu mẫu mới", u.Name)})
	}
	// The other files of each origin are older copies of its report.
	var out []*model.Submission
	for _, s := range rest {
		if s == main || origin(u, s) == origin(u, main) {
			out = append(out, s)
		} else {
			s.Superseded = byOriginHead(heads, origin(u, s), u).File
		}
	}
	return out
}

func byOriginHead(heads []*model.Submission, o string, u *model.Unit) *model.Submission {
	for _, h := range heads {
		if origin(u, h) == o {
			return h
		}
	}
	return heads[0]
}

// mergeReport adds other's report to main's: entries on tasks main has
// not, texts joined under each unit's name where both wrote, indicator
// values summed.
func mergeReport(main, other *model.Submission, mainName, otherName string) {
	join := func(into *model.Text, from model.Text) {
		switch {
		case from.Value == "":
		case into.Value == "":
			*into = model.Text{Value: otherName + ": " + from.Value, Ref: from.Ref}
		default:
			if !strings.HasPrefix(into.Value, mainName+": ") {
				into.Value = mainName + ": " + into.Value
			}
			into.Value += "\n" + otherName + ": " + from.Value
		}
	}
	at := map[*model.Task]int{}
	for i := range main.Entries {
		at[main.Entries[i].Task] = i
	}
	for _, e := range other.Entries {
		i, ok := at[e.Task]
		if !ok {
			for _, t := range []*model.Text{&e.Result, &e.Documents, &e.Difficulties, &e.Proposals} {
				if t.Value != "" {
					t.Value = otherName + ": " + t.Value
				}
			}
			main.Entries = append(main.Entries, e)
			continue
		}
		m := &main.Entries[i]
		join(&m.Result, e.Result)
		join(&m.Documents, e.Documents)
		join(&m.Difficulties, e.Difficulties)
		join(&m.Proposals, e.Proposals)
		switch {
		case m.Status == "":
			m.Status, m.StatusRef = e.Status, e.StatusRef
		case e.Status != "" && e.Status != m.Status:
			// One unit done or at work, the other not: at work. Done
			// when both are.
			m.Status = model.InProgress
		}
		if e.DoneDate.After(m.DoneDate) && m.Status == model.Done {
			m.DoneDate, m.DoneRef = e.DoneDate, e.DoneRef
		}
	}
	for _, v := range other.Indicators {
		found := false
		for i := range main.Indicators {
			if main.Indicators[i].Indicator == v.Indicator {
				main.Indicators[i].Value += v.Value
				join(&main.Indicators[i].Note, v.Note)
				found = true
			}
		}
		if !found {
			main.Indicators = append(main.Indicators, v)
		}
	}
}
