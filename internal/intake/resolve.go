package intake

import (
	"cmp"
	"fmt"
	"os"
	"slices"

	"baocao/internal/model"
	"baocao/internal/problem"
)

// Resolve keeps one submission per unit: the one with the latest report
// date, then the file modified last, then the last by name. The others are
// marked superseded, with a warning naming the file that replaced them.
// Submissions whose unit is unknown are left as they are.
func Resolve(subs []*model.Submission) problem.List {
	var probs problem.List
	byUnit := map[string][]*model.Submission{}
	var order []string
	for _, s := range subs {
		if s == nil || s.Unit == nil {
			continue
		}
		if _, ok := byUnit[s.Unit.Code]; !ok {
			order = append(order, s.Unit.Code)
		}
		byUnit[s.Unit.Code] = append(byUnit[s.Unit.Code], s)
	}
	for _, code := range order {
		group := byUnit[code]
		if len(group) < 2 {
			continue
		}
		slices.SortStableFunc(group, func(a, b *model.Submission) int {
			return cmp.Or(a.ReportDate.Compare(b.ReportDate), modTime(a.File).Compare(modTime(b.File)), cmp.Compare(a.File, b.File))
		})
		winner := group[len(group)-1]
		for _, s := range group[:len(group)-1] {
			s.Superseded = winner.File
			when := "không ghi ngày báo cáo"
			if !winner.ReportDate.IsZero() {
				when = "ngày báo cáo " + winner.ReportDate.Format("02/01/2006")
			}
			probs.Add(&problem.Problem{File: s.File, Severity: problem.Warning, Err: ErrSuperseded,
				Message: fmt.Sprintf("%s đã gửi tệp mới hơn: %s (%s); tệp này không được tổng hợp", s.Unit.Name, winner.File, when),
				Hint:    "nếu tệp này mới đúng, xóa tệp kia khỏi thư mục hoặc sửa ngày báo cáo"})
		}
	}
	return probs
}

func modTime(path string) (t timeValue) {
	if st, err := os.Stat(path); err == nil {
		return timeValue(st.ModTime().UnixNano())
	}
	return 0
}

type timeValue int64

func (a timeValue) Compare(b timeValue) int { return cmp.Compare(a, b) }
