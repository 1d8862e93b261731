package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"baocao/internal/catalogue"
	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/textnorm"
)

// SyntheticCatalogue returns the text of a catalogue with at least n units:
// base (the Kon Tum catalogue's text) with synthetic units appended, of the
// kinds base declares in turn, so that the groups by kind — and so the tasks
// — reach them. With n no larger than base's units it returns base.
func SyntheticCatalogue(base []byte, baseUnits, n int) []byte {
	if n <= baseUnits {
		return base
	}
	var b strings.Builder
	b.Write(base)
	b.WriteString("\n# Đơn vị tổng hợp giả định, sinh tự động để đo hiệu năng.\n")
	kinds := []struct{ kind, prefix string }{{"huyen", "Ủy ban nhân dân xã"}, {"so", "Chi cục"}, {"huyen", "Ủy ban nhân dân phường"}, {"doanthe", "Hội"}}
	for i := baseUnits; i < n; i++ {
		k := kinds[i%len(kinds)]
		name := fmt.Sprintf("%s %s số %d", k.prefix, place(i), i)
		fmt.Fprintf(&b, "\n[[units]]\ncode = \"TH%05d\"\nname = %q\nshort_name = %q\nkind = %q\n", i, name, fmt.Sprintf("Đơn vị %d", i), k.kind)
	}
	return []byte(b.String())
}

var places = []string{"Hòa Bình", "Quang Trung", "Ngọc Hồi", "Đăk Rơ Wa", "Tân Lập", "Thống Nhất", "Trường Chinh", "Lê Lợi", "Duy Tân", "Ia Chim", "Vinh Quang", "Đoàn Kết"}

func place(i int) string { return places[i%len(places)] }

// Phrases the synthetic reports are made of.
var (
	openings = []string{"Đã triển khai", "Tiếp tục thực hiện", "Tổ chức quán triệt", "Ban hành kế hoạch thực hiện", "Phối hợp triển khai", "Rà soát và hoàn thiện"}
	objects  = []string{"nội dung {title}", "các giải pháp ứng dụng khoa học và công nghệ", "mô hình sản xuất nông nghiệp công nghệ cao", "chương trình chuyển đổi số của đơn vị",
		"hoạt động tuyên truyền đến cán bộ, đảng viên", "các nhiệm vụ khoa học và công nghệ cấp cơ sở", "việc hỗ trợ doanh nghiệp đổi mới công nghệ"}
	results  = []string{"kết quả bước đầu khả quan", "đạt khoảng %d%% kế hoạch năm", "với %d lượt người tham gia", "hoàn thành %d/%d nội dung đề ra", "đã nghiệm thu %d mô hình"}
	troubles = []string{"Kinh phí còn hạn chế.", "Thiếu cán bộ có chuyên môn sâu.", "Địa bàn rộng, giao thông khó khăn.", "Hướng dẫn của cấp trên chưa đầy đủ.", ""}
	asks     = []string{"Đề nghị tỉnh bố trí thêm kinh phí.", "Đề nghị tổ chức tập huấn cho cán bộ cơ sở.", "Đề nghị sớm ban hành hướng dẫn.", ""}
)

func sentence(r *rand.Rand) string {
	res := results[r.IntN(len(results))]
	switch strings.Count(res, "%d") {
	case 1:
		res = fmt.Sprintf(res, 10+r.IntN(90))
	case 2:
		a := 1 + r.IntN(9)
		res = fmt.Sprintf(res, a, a+r.IntN(5))
	}
	return fmt.Sprintf("%s %s, %s.", openings[r.IntN(len(openings))], objects[r.IntN(len(objects))], res)
}

// Synthetic makes a report for each of the first n units of c: realistic
// Vietnamese text of varied length (one to four paragraphs), statuses of all
// kinds, indicators, and now and then what units get wrong — a status
// typed by hand, a paragraph in VNI, a missing e-mail, a late date. The same
// seed gives the same reports.
func Synthetic(c *model.Catalogue, n int, seed uint64) []Report {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	deadline := c.Period.Deadline
	var out []Report
	for i := 0; i < n && i < len(c.Units); i++ {
		u := &c.Units[i]
		rep := Report{Unit: u.Code, Reporter: fmt.Sprintf("Người báo cáo %d", i), Position: "Chuyên viên",
			Phone: fmt.Sprintf("0260 3%06d", r.IntN(1000000)), Email: fmt.Sprintf("u%d@example.vn", i),
			Date: deadline.AddDate(0, 0, -r.IntN(10)), Indicators: map[string]float64{}}
		if r.IntN(10) == 0 {
			rep.Date = deadline.AddDate(0, 0, 1+r.IntN(5)) // late
		}
		if r.IntN(15) == 0 {
			rep.Email = "" // a warning
		}
		for _, in := range c.Indicators {
			if r.IntN(3) > 0 {
				rep.Indicators[in.Code] = float64(r.IntN(5000)) + float64(r.IntN(10))/10
			}
		}
		for _, a := range c.Assignments(u.Code) {
			if !a.Role.Required() && r.IntN(4) > 0 {
				continue // most optional rows stay empty
			}
			ans := Answer{Task: a.Task.Number}
			switch r.IntN(6) {
			case 0, 1:
				ans.Status = string(model.Done)
				ans.Done = deadline.AddDate(0, -r.IntN(10), -r.IntN(28))
			case 2, 3, 4:
				ans.Status = string(model.InProgress)
			default:
				ans.Status = string(model.NotStarted)
			}
			if r.IntN(40) == 0 {
				ans.Status = strings.ToLower(ans.Status) // a status typed by hand
			}
			var paras []string
			for p := 0; p < 1+r.IntN(4); p++ {
				paras = append(paras, sentence(r))
			}
			ans.Result = strings.Join(paras, "\n")
			if r.IntN(60) == 0 {
				ans.Result = textnorm.EncodeVNI(ans.Result)
			}
			if r.IntN(3) == 0 {
				ans.Documents = fmt.Sprintf("Kế hoạch số %d/KH-%s ngày %s", 10+r.IntN(500), u.Code, deadline.AddDate(0, -r.IntN(11), 0).Format("02/01/2006"))
			}
			ans.Difficulties = troubles[r.IntN(len(troubles))]
			ans.Proposals = asks[r.IntN(len(asks))]
			rep.Tasks = append(rep.Tasks, ans)
		}
		out = append(out, rep)
	}
	return out
}

// SyntheticSet builds the catalogue and reports for n units.
func SyntheticSet(base []byte, n int, seed uint64) ([]byte, *model.Catalogue, []Report, error) {
	c0, probs := catalogue.Parse("base", base)
	if probs.HasErrors() {
		return nil, nil, nil, probs
	}
	text := SyntheticCatalogue(base, len(c0.Units), n)
	c, probs := catalogue.Parse("synthetic", text)
	if probs.HasErrors() {
		return nil, nil, nil, probs
	}
	return text, c, Synthetic(c, n, seed), nil
}

// Submissions writes the reports as the units' filled workbooks into dir
// and reads them back with intake, as the commands do: the stages after
// intake are measured and tested on what intake really gives.
func Submissions(c *model.Catalogue, reports []Report, dir string) ([]*model.Submission, error) {
	if _, err := Generate(c, &Sources{Reports: reports}, dir); err != nil {
		return nil, err
	}
	b := (&intake.Reader{Catalogue: c}).ReadAll([]string{dir}, nil)
	if b.Problems.HasErrors() {
		return nil, b.Problems
	}
	return b.Subs, nil
}
