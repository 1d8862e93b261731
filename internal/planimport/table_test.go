package planimport

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/model"
)

// gridOf makes a grid of rows of cells: cells parted by "\t", paragraphs
// within a cell by "|"; a cell written "**…**" is bold, "…»3" spans 3
// columns.
func gridOf(rows ...string) grid {
	g := grid{name: "bảng 1"}
	for i, r := range rows {
		rw := row{where: "dòng " + string(rune('1'+i))}
		for _, c := range strings.Split(r, "\t") {
			var gc cell
			if strings.HasPrefix(c, "**") && strings.HasSuffix(c, "**") {
				c, gc.bold = strings.Trim(c, "*"), true
			}
			if k := strings.Index(c, "»"); k >= 0 {
				if n := k + len("»"); n < len(c) && c[n] >= '1' && c[n] <= '9' {
					gc.span = int(c[n] - '0')
				}
				c = c[:k]
			}
			gc.paras = clean(strings.Split(c, "|"))
			rw.cells = append(rw.cells, gc)
		}
		g.rows = append(g.rows, rw)
	}
	return g
}

type taskWant struct{ number, section, content, lead, coord, time string }

func tasksOf(p *plan) []taskWant {
	var out []taskWant
	for _, t := range p.tasks {
		out = append(out, taskWant{t.number, t.section, strings.Join(t.content, "|"), joinNames(t.lead), joinNames(t.coord), strings.Join(t.time, " ")})
	}
	return out
}

// The table is found and read whatever its labels and shapes: header
// variants (and a header on two rows, a row of column numbers), sections
// as Roman numerals, letters, a title merged across, a bold title; task
// numbers "1", "1.", "1.1", "2)"; rows continuing a task across a page;
// a header repeated; a table split in two.
func TestTableShapes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		grids    []grid
		sections string
		tasks    []taskWant
		fields   []string
	}{
		{name: "STT, nhiệm vụ và giải pháp, cơ quan chủ trì, thời hạn, sản phẩm",
			grids: []grid{gridOf("Phụ lục", "STT\tNhiệm vụ và giải pháp\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm\tThời hạn hoàn thành",
				"I\tThể chế\t\t\t\t", "1\tXây dựng đề án\tSở Tư pháp\tCác sở\tĐề án\tQuý II/2025")},
			sections: "I Thể chế", tasks: []taskWant{{"1", "I", "Xây dựng đề án", "Sở Tư pháp", "Các sở", "Quý II/2025"}}, fields: []string{"Sản phẩm=Đề án"}},
		{name: "TT, tên nhiệm vụ, chủ trì, phối hợp, tiến độ; numbering row",
			grids: []grid{gridOf("TT\tTên nhiệm vụ\tChủ trì\tPhối hợp\tTiến độ", "(1)\t(2)\t(3)\t(4)\t(5)",
				"A.\tPhần chung\t\t\t", "1.1\tViệc một\tSở A\t\t2026", "1.2.\tViệc hai\tSở B\t\t2027")},
			sections: "A Phần chung", tasks: []taskWant{{"1.1", "A", "Việc một", "Sở A", "", "2026"}, {"1.2", "A", "Việc hai", "Sở B", "", "2027"}}},
		{name: "header on two rows",
			grids: []grid{gridOf("TT\tNội dung\tĐơn vị thực hiện»2\t\tThời gian", "\t\tChủ trì\tPhối hợp\t",
				"II.\tPhần hai\t\t\t", "3)\tViệc ba\tSở C\tSở D\tThường xuyên")},
			sections: "II Phần hai", tasks: []taskWant{{"3", "II", "Việc ba", "Sở C", "Sở D", "Thường xuyên"}}},
		{name: "title merged across with its numeral, bold title without one",
			grids: []grid{gridOf("TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian",
				"III. NHÓM BA»5\t\t\t\t", "1\tMột\tSở A\t\t2025", "\t**Nhóm không số**\t\t\t", "2\tHai\tSở B\t\t2025")},
			sections: "III NHÓM BA; III.1 Nhóm không số", tasks: []taskWant{{"1", "III", "Một", "Sở A", "", "2025"}, {"2", "III.1", "Hai", "Sở B", "", "2025"}}},
		{name: "a bold sub-heading, then the next numbered section; a title merged over the number column; a), b)",
			grids: []grid{gridOf("TT	Nội dung	Đơn vị chủ trì	Đơn vị phối hợp	Thời gian",
				"I	Một			", "1	Việc một	Sở A		2025", "	**Nhóm phụ**			", "2	Việc hai	Sở B		2025",
				"a)	Ý a	Sở B		2025", "b)	Ý b	Sở B		2025",
				"II	Hai			", "Nhiệm vụ về chuyển đổi số»5				", "3	Việc ba	Sở C		2025")},
			sections: "I Một; I.1 Nhóm phụ; II Hai; II.1 Nhiệm vụ về chuyển đổi số",
			tasks: []taskWant{{"1", "I", "Việc một", "Sở A", "", "2025"}, {"2", "I.1", "Việc hai", "Sở B", "", "2025"},
				{"2a", "I.1", "Ý a", "Sở B", "", "2025"}, {"2b", "I.1", "Ý b", "Sở B", "", "2025"}, {"3", "II.1", "Việc ba", "Sở C", "", "2025"}}},
		{name: "a header on two rows repeated on the next page",
			grids: []grid{gridOf("STT	Nhiệm vụ	Đơn vị thực hiện»2		Thời hạn", "		Chủ trì	Phối hợp	",
				"1	Việc một	Sở A	Sở B	2025", "STT	Nhiệm vụ	Đơn vị thực hiện»2		Thời hạn", "		Chủ trì	Phối hợp	",
				"2	Việc hai	Sở C		2026")},
			sections: "I Các nhiệm vụ", tasks: []taskWant{{"1", "I", "Việc một", "Sở A", "Sở B", "2025"}, {"2", "I", "Việc hai", "Sở C", "", "2026"}}},
		{name: "continued across a page, the header repeated, the table split",
			grids: []grid{
				gridOf("TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian", "I\tMột\t\t\t",
					"1.\t- Đoạn một.|- Đoạn hai khuyến khích, hỗ trợ\tSở A,\t\t",
					"TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian",
					"\tdoanh nghiệp nghiên cứu.|- Đoạn ba.\tSở B\tSở C\tHằng năm"),
				gridOf("\tvà phát triển.\t\t\t", "2.\tHai\tSở D\t\tThường xuyên"),
				gridOf("Nơi nhận\tKý tên"),
			},
			sections: "I Một", tasks: []taskWant{
				{"1", "I", "- Đoạn một.|- Đoạn hai khuyến khích, hỗ trợ doanh nghiệp nghiên cứu.|- Đoạn ba.|và phát triển.", "Sở A, Sở B", "Sở C", "Hằng năm"},
				{"2", "I", "Hai", "Sở D", "", "Thường xuyên"}}},
		{name: "no sections",
			grids:    []grid{gridOf("TT\tNội dung\tChủ trì\tThời gian", "1\tMột\tSở A\t2025")},
			sections: "I Các nhiệm vụ", tasks: []taskWant{{"1", "I", "Một", "Sở A", "", "2025"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := readPlan(tc.grids)
			if err != nil {
				t.Fatal(err)
			}
			var secs []string
			for _, s := range p.sections {
				secs = append(secs, s.number+" "+s.title)
			}
			if got := strings.Join(secs, "; "); got != tc.sections {
				t.Errorf("sections %q, want %q", got, tc.sections)
			}
			if got := tasksOf(p); !reflect.DeepEqual(got, tc.tasks) {
				t.Errorf("tasks\n got %q\nwant %q", got, tc.tasks)
			}
			if tc.fields != nil {
				r := draft(p, "x.docx", Options{Today: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
				var fs []string
				for _, f := range r.Catalogue.Tasks[0].Fields {
					fs = append(fs, f.Label+"="+f.Text)
				}
				if !reflect.DeepEqual(fs, tc.fields) {
					t.Errorf("fields %q, want %q", fs, tc.fields)
				}
			}
		})
	}
	// A date typed into a sheet is its serial number there.
	g := gridOf("TT\tNội dung\tChủ trì\tThời hạn", "1\tMột\tSở A\t45930", "2\tHai\tSở B\t2026")
	g.sheet = true
	if p, err := readPlan([]grid{g}); err != nil || p.tasks[0].time[0] != "30/09/2025" || p.tasks[1].time[0] != "2026" {
		t.Errorf("serial date: %v %q", err, p.tasks[0].time)
	}
	if _, err := readPlan([]grid{gridOf("Một\tHai", "Ba\tBốn")}); err == nil || !strings.Contains(err.Error(), "không tìm thấy bảng nhiệm vụ") {
		t.Errorf("a table without the header: %v", err)
	}
}

// Unit names as plans write them match the example catalogue's units and
// groups: case, diacritics, abbreviations, lists joined by ",", ";" and
// "và", a province name after a unit's.
func TestNameMatching(t *testing.T) {
	c, _ := catalogue.Parse("example", examples.KontumCatalogue)
	m := newMatcher(c)
	for _, tc := range []struct {
		text      string
		codes     string
		unmatched string
	}{
		{"Sở KH&CN", "SKHCN", ""},
		{"Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư", "SKHCN SKHDT", ""},
		{"sở khoa hoc va cong nghe", "SKHCN", ""},
		{"SỞ Y TẾ; Sở Tài chính và Sở Nội vụ", "SYT STC SNV", ""},
		{"Sở Tư Pháp tỉnh Kon Tum", "STP", ""},
		{"UBND các huyện, thành phố", "UBNDHUYEN", ""},
		{"Các Sở, ban ngành, Ủy ban nhân dân các huyện, thành phố", "SBN UBNDHUYEN", ""},
		{"Ủy ban nhân dân các huyện, thành phố và các sở, ban ngành thuộc tỉnh và các cơ quan, đơn vị có liên quan.", "UBNDHUYEN SBN LQ_CQDV", ""},
		{"Các Sở, ban, ngành, địa phương có liên quan", "LQ_SBNDP", ""},
		{"Sở Tài chính, Sở Du lịch và các đơn vị, địa phương có liên quan", "STC LQ_DVDP", "Sở Du lịch"},
		{"UBND huyện Đắk Hà", "DAKHA", ""},
		{"Sở Nông nghiệp và Môi trường", "", "Sở Nông nghiệp và Môi trường"},
		{"Sở Nông nghiệp và Sở Y tế", "SNNPTNT SYT", ""},
		{"Báo và Phát thanh, Truyền hình Quảng Ngãi, Sở Y tế", "SYT", "Báo và Phát thanh, Truyền hình Quảng Ngãi"},
		{"Các sở, ban, ngành, địa phương liên quan", "LQ_SBNDP", ""},
		{"UBND các xã, phường, đặc khu; Sở Tài chính", "STC", "UBND các xã, phường, đặc khu"},
		{"Trường Cao đẳng Kon Tum; Phân hiệu Đại học Đà Nẵng tại Kon Tum, Sở Giáo dục và Đào tạo", "CDKT PHDHDN SGDDT", ""},
	} {
		codes, unmatched := m.match(tc.text)
		if strings.Join(codes, " ") != tc.codes || strings.Join(unmatched, "; ") != tc.unmatched {
			t.Errorf("%q: %v, unmatched %q; want %s, %q", tc.text, codes, unmatched, tc.codes, tc.unmatched)
		}
	}
	if near := m.nearest("Sở Tu phap"); len(near) == 0 || near[0] != "Sở Tư pháp" {
		t.Errorf("nearest %q", near)
	}
	if near := m.nearest("Công an tỉnh"); len(near) != 0 {
		t.Errorf("nearest to a unit the catalogue has not: %q", near)
	}
	// A unit merged into another, named by its old name.
	merged, _ := catalogue.Parse("example", examples.KontumCatalogue)
	for i := range merged.Units {
		if merged.Units[i].Code == "STNMT" {
			merged.Units = append(merged.Units[:i], merged.Units[i+1:]...)
			break
		}
	}
	merged.UnitByCode("SNNPTNT").Predecessors = []string{"STNMT", "Sở Tài nguyên và Môi trường"}
	if codes, un := newMatcher(merged).match("Sở Tài nguyên và Môi trường, Sở Y tế"); strings.Join(codes, " ") != "SNNPTNT SYT" || len(un) != 0 {
		t.Errorf("old name: %v %q", codes, un)
	}
}

// Timeframes as plans word them.
func TestTimeframes(t *testing.T) {
	period := model.Period{Label: "năm 2024", Start: time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 12, 14, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		text string
		kind model.TimeframeKind
		due  string
	}{
		{"Thường xuyên", model.Regular, ""},
		{"Thường xuyên, hằng năm", model.Regular, ""},
		{"Hằng năm", model.Annual, ""},
		{"Hàng năm", model.Annual, ""},
		{"2026", model.Due, "31/12/2026"},
		{"Năm 2024", model.Due, "14/12/2024"},
		{"Trong năm 2024 và khi có hướng dẫn mới của Trung ương", model.Due, "14/12/2024"},
		{"Quý II/2025", model.Due, "30/06/2025"},
		{"quý IV năm 2025", model.Due, "31/12/2025"},
		{"Hoàn thành trong quý II-2024", model.Due, "30/06/2024"},
		{"Tháng 6/2025", model.Due, "30/06/2025"},
		{"Trước ngày 30/9/2025", model.Due, "30/09/2025"},
		{"Giai đoạn 2021-2025", model.Due, "31/12/2025"},
		{"Khi có hướng dẫn của Trung ương", model.Regular, ""},
		{"6 tháng đầu năm 2025", model.Due, "30/06/2025"},
		{"Quý I, II/2025", model.Due, "30/06/2025"},
		{"31/02/2025", model.Regular, ""},
	} {
		tf, note := timeframe(tc.text, period)
		due := ""
		if !tf.Due.IsZero() {
			due = tf.Due.Format("02/01/2006")
		}
		if tf.Kind != tc.kind || due != tc.due || tf.Text != tc.text {
			t.Errorf("%q: %s %s %q, want %s %s", tc.text, tf.Kind, due, tf.Text, tc.kind, tc.due)
		}
		if (tc.kind == model.Due && !strings.Contains(tc.text, "/9/")) != (note != "") && tc.kind != model.Regular {
			t.Errorf("%q: note %q", tc.text, note)
		}
	}
}

// Without a base catalogue, units and groups are proposed from the names
// and the draft validates.
func TestProposedUnits(t *testing.T) {
	p, err := readPlan([]grid{gridOf("TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian",
		"I\tMột\t\t\t", "1\tViệc một\tSở Khoa học và Công nghệ\tCác Sở, ban ngành; UBND các huyện, thành phố\tQuý II/2025",
		"2\tViệc hai\tCông an tỉnh, Tỉnh đoàn và Trường Đại học Tây Nguyên\tCác đơn vị có liên quan\t2025")})
	if err != nil {
		t.Fatal(err)
	}
	r := draft(p, "Kế hoạch 57.docx", Options{Today: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	c := r.Catalogue
	var units, groups []string
	for _, u := range c.Units {
		units = append(units, u.Code+"="+u.Name+"/"+u.Kind)
	}
	for _, g := range c.Groups {
		groups = append(groups, g.Code+"="+g.Name+"/"+strings.Join(g.Kinds, ","))
	}
	wantUnits := []string{"SKHCN=Sở Khoa học và Công nghệ/so", "CAT=Công an tỉnh/so", "TD=Tỉnh đoàn/doanthe", "TDHTN=Trường Đại học Tây Nguyên/truong"}
	wantGroups := []string{"NHOM_SBN=Các Sở, ban ngành/so", "NHOM_UBNDHTP=UBND các huyện, thành phố/huyen", "NHOM_DV=Các đơn vị có liên quan/"}
	if !reflect.DeepEqual(units, wantUnits) || !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("units %q\ngroups %q", units, groups)
	}
	if c.ID != "ke-hoach-57" || c.Period.Label != "năm 2025" {
		t.Errorf("id %q, period %q", c.ID, c.Period.Label)
	}
	if got := c.Tasks[1].Lead; !reflect.DeepEqual(got, []string{"CAT", "TD", "TDHTN"}) {
		t.Errorf("lead %v", got)
	}
	var b strings.Builder
	if err := catalogue.Write(&b, c, r.Notes); err != nil {
		t.Fatal(err)
	}
	if _, probs := catalogue.Parse("draft", []byte(b.String())); probs.HasErrors() {
		t.Errorf("the draft does not validate: %v\n%s", probs, b.String())
	}
	if !strings.Contains(b.String(), "# GIỮ CHỖ: kỳ báo cáo") || r.Unmatched != 0 {
		t.Errorf("review %q", r.Review)
	}
}

func FuzzPlan(f *testing.F) {
	f.Add("TT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\nI\tMột\t\t\t\n1.\tViệc\tSở KH&CN\tCác Sở, ban ngành\tQuý II/2025\n\ttiếp\tSở Y tế\t\t")
	f.Add("STT\tNhiệm vụ\tChủ trì\n1.1\tA\tUBND các huyện\nII.\tB\t\n2)\tC\tX và Y")
	base, _ := catalogue.Parse("example", examples.KontumCatalogue)
	f.Fuzz(func(t *testing.T, s string) {
		var rows []string
		for _, r := range strings.Split(s, "\n") {
			rows = append(rows, r)
		}
		p, err := readPlan([]grid{gridOf(rows...)})
		if err != nil {
			return
		}
		for _, opt := range []Options{{Base: base}, {Today: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}} {
			r := draft(p, "f.xlsx", opt)
			var b strings.Builder
			if err := catalogue.Write(&b, r.Catalogue, r.Notes); err != nil {
				t.Fatal(err)
			}
			if _, probs := catalogue.Parse("draft", []byte(b.String())); probs.HasErrors() && len(p.tasks) > 0 && opt.Base != nil {
				t.Fatalf("a draft from %q does not validate: %v\n%s", s, probs, b.String())
			}
		}
	})
}
