package planimport

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"baocao/internal/model"
	"baocao/internal/vntext"
)

// Without a base catalogue, the units and groups are proposed from the
// names the table writes: each name a unit (its kind guessed from its
// first words) or, when it names many ("Các Sở, ban ngành", "Ủy ban nhân
// dân các huyện", "… có liên quan"), a group.

// startWords begin the name of a body; after "," or "và" they start the
// next name ("Sở Kế hoạch và Đầu tư" is one name, "Sở Tài chính và Sở Nội
// vụ" two).
var startWords = map[string]bool{"Sở": true, "Ủy": true, "UBND": true, "Ban": true, "Trường": true, "Các": true, "các": true,
	"Hội": true, "Văn": true, "Công": true, "Đài": true, "Báo": true, "Tỉnh": true, "Liên": true, "Bộ": true, "Viện": true,
	"Trung": true, "Thanh": true, "Kho": true, "Quỹ": true, "Bệnh": true, "Phân": true, "Cục": true, "Chi": true, "Mặt": true,
	"Ngân": true, "Đại": true, "Học": true, "Đoàn": true, "Cảnh": true, "Bảo": true, "Tòa": true, "Hiệp": true, "HĐND": true,
	"Huyện": true, "Thành": true, "Thị": true, "Cơ": true, "Đơn": true, "MTTQ": true}

// afterAnd are the start words that, after "và", begin another name:
// "Công", "Học", "Phân" do not ("Sở Khoa học và Công nghệ").
var afterAnd = map[string]bool{"Sở": true, "Ủy": true, "UBND": true, "Ban": true, "Trường": true, "Các": true, "các": true,
	"Hội": true, "Văn": true, "Đài": true, "Báo": true, "Tỉnh": true, "Liên": true, "Bộ": true, "Viện": true, "Trung": true,
	"Kho": true, "Quỹ": true, "Bệnh": true, "Cục": true, "Chi": true, "Mặt": true, "Ngân": true, "Đoàn": true, "Tòa": true,
	"HĐND": true, "MTTQ": true, "Cơ": true, "Đơn": true}

var nameSplit = regexp.MustCompile(`\s*[,;]\s*|\s+và\s+|\n`)

// splitNames cuts a list of units into names.
func splitNames(text string) []string {
	var out []string
	rest, lastSep := text, ""
	for rest != "" {
		loc := nameSplit.FindStringIndex(rest)
		var part, sep string
		if loc == nil {
			part, rest = rest, ""
		} else {
			part, sep, rest = rest[:loc[0]], rest[loc[0]:loc[1]], rest[loc[1]:]
		}
		part = strings.TrimSpace(strings.TrimRight(part, "."))
		if part == "" {
			continue
		}
		first := strings.Fields(part)[0]
		starts := startWords[first]
		if strings.TrimSpace(lastSep) == "và" {
			starts = afterAnd[first]
		}
		if len(out) > 0 && !starts {
			// "ban ngành", "thành phố", "Đầu tư": the same name goes on.
			out[len(out)-1] += lastSep + part
		} else {
			out = append(out, part)
		}
		lastSep = sep
		if strings.TrimSpace(sep) == "và" {
			lastSep = " và "
		} else if strings.TrimSpace(sep) != "" {
			lastSep = strings.TrimSpace(sep) + " "
		}
	}
	return out
}

// kindOf guesses a unit's kind from its name.
func kindOf(name string) (code, label string) {
	f := vntext.Fold(name)
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("uy ban nhan dan huyen", "uy ban nhan dan thanh pho", "uy ban nhan dan thi xa", "uy ban nhan dan xa", "uy ban nhan dan phuong",
		"ubnd huyen", "ubnd thanh pho", "ubnd thi xa", "ubnd xa", "ubnd phuong", "ubnd tp", "huyen", "thanh pho", "thi xa"):
		return "huyen", "Ủy ban nhân dân cấp huyện, cấp xã"
	case has("truong", "dai hoc", "phan hieu", "hoc vien", "vien"):
		return "truong", "Cơ sở giáo dục, viện nghiên cứu"
	case has("hoi", "doan", "tinh doan", "mat tran", "lien doan", "lien hiep", "uy ban mat tran", "mttq", "hiep hoi"):
		return "doanthe", "Mặt trận Tổ quốc, các tổ chức chính trị - xã hội, hội"
	case has("so", "ban", "van phong", "thanh tra", "cong an", "bo chi huy", "dai", "bao", "quy", "kho bac", "cuc", "chi cuc",
		"ngan hang", "bao hiem", "trung tam", "toa an", "vien kiem sat", "ubnd tinh", "uy ban nhan dan tinh"):
		return "so", "Sở, ban, ngành, cơ quan cấp tỉnh"
	}
	return "khac", "Cơ quan, đơn vị khác"
}

// isGroup reports whether a name stands for several units.
func isGroup(name string) bool {
	f := " " + vntext.Fold(name) + " "
	return strings.HasPrefix(f, " cac ") || strings.Contains(f, " cac ") || strings.Contains(f, " lien quan ") ||
		strings.Contains(f, " dia phuong ") && !strings.HasPrefix(f, " so ")
}

// groupKinds are the kinds a group's name names.
func groupKinds(name string) []string {
	f := vntext.Fold(name)
	var out []string
	if strings.Contains(f, "so") && (strings.Contains(f, "ban nganh") || strings.Contains(f, "cac so")) {
		out = append(out, "so")
	}
	if strings.Contains(f, "huyen") || strings.Contains(f, "thanh pho") || strings.Contains(f, "dia phuong") || strings.Contains(f, "xa phuong") {
		out = append(out, "huyen")
	}
	if strings.Contains(f, "truong") || strings.Contains(f, "co so giao duc") {
		out = append(out, "truong")
	}
	if strings.Contains(f, "to chuc chinh tri") || strings.Contains(f, "doan the") || strings.Contains(f, "hoi ") {
		out = append(out, "doanthe")
	}
	return out
}

// code is an ASCII code of a name's initials: "Sở Khoa học và Công nghệ"
// → "SKHCN".
func code(name string, taken map[string]bool) string {
	var b strings.Builder
	for _, orig := range strings.Fields(name) {
		w := vntext.Fold(orig)
		if w == "" || w == "va" || w == "cac" || w == "co" || w == "lien" || w == "quan" {
			continue
		}
		if len([]rune(orig)) >= 2 && strings.ToUpper(orig) == orig && unicode.IsLetter([]rune(orig)[0]) {
			// An abbreviation: "UBND", "KH&CN" (letters and digits only).
			for _, r := range strings.ToUpper(w) {
				if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
					b.WriteRune(r)
				}
			}
			continue
		}
		r := []rune(w)[0]
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	c := b.String()
	if c == "" || !unicode.IsLetter(rune(c[0])) {
		c = "DV" + c
	}
	if len(c) > 24 {
		c = c[:24]
	}
	out := c
	for k := 2; taken[out]; k++ {
		out = fmt.Sprintf("%s%d", c, k)
	}
	taken[out] = true
	return out
}

// propose makes units and groups of the names in the table's lead and
// coordinator cells, in the order met.
func (b *builder) propose(p *plan) {
	c := b.c
	taken := map[string]bool{}
	seen := map[string]bool{}
	kinds := map[string]string{}
	var kindOrder []string
	for _, t := range p.tasks {
		for _, text := range []string{joinNames(t.lead), joinNames(t.coord)} {
			for _, name := range splitNames(text) {
				key := vntext.Fold(name)
				if key == "" || seen[key] {
					continue
				}
				seen[key] = true
				if isGroup(name) {
					g := model.Group{Code: "NHOM_" + code(name, taken), Name: name, Kinds: groupKinds(name)}
					g.Open = strings.Contains(key, "lien quan") || len(g.Kinds) == 0
					for _, k := range g.Kinds {
						if _, ok := kinds[k]; !ok {
							_, label := kindOf(map[string]string{"so": "Sở", "huyen": "Ủy ban nhân dân huyện", "truong": "Trường", "doanthe": "Hội"}[k])
							kinds[k] = label
							kindOrder = append(kindOrder, k)
						}
					}
					b.note(fmt.Sprintf("groups[%d]", len(c.Groups)), "KIỂM TRA: nhóm đề xuất từ tên “%s” (%s): thành viên theo loại đơn vị, hoặc nhóm mở", name, t.where)
					b.review("Đề xuất nhóm %s “%s”%s", g.Code, name, map[bool]string{true: " (nhóm mở: các đơn vị có liên quan)", false: ""}[g.Open])
					c.Groups = append(c.Groups, g)
					continue
				}
				k, label := kindOf(name)
				if _, ok := kinds[k]; !ok {
					kinds[k] = label
					kindOrder = append(kindOrder, k)
				}
				u := model.Unit{Code: code(name, taken), Name: name, ShortName: name, Kind: k}
				b.note(fmt.Sprintf("units[%d]", len(c.Units)), "KIỂM TRA: đơn vị đề xuất từ tên “%s” (%s); loại “%s” đoán theo tên; mã %s do chương trình đặt", name, t.where, label, u.Code)
				b.review("Đề xuất đơn vị %s “%s” (loại: %s — đoán theo tên)", u.Code, name, label)
				c.Units = append(c.Units, u)
			}
		}
	}
	for _, k := range kindOrder {
		c.Kinds = append(c.Kinds, model.Kind{Code: k, Name: kinds[k]})
	}
}
