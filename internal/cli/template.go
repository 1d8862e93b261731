package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/atomicfile"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/vntext"
	"baocao/internal/xltemplate"
)

func (e *env) templateCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "template",
		Usage:     "tạo biểu mẫu Excel (.xlsx) cho từng đơn vị để gửi đi",
		UsageText: "baocao [--catalogue TỆP] template [--unit MÃ]... [--out THƯ_MỤC]",
		Description: "Tạo mỗi đơn vị một tệp .xlsx gồm: hướng dẫn, thông tin đơn vị, các nhiệm vụ đơn vị phải báo cáo\n" +
			"(chủ trì, phối hợp) và các nhiệm vụ liên quan (nếu có), chỉ tiêu số liệu. Tên tệp: <mã>_<tên viết tắt>.xlsx.\n" +
			"Không có --unit: tạo cho mọi đơn vị của danh mục. Thư mục --out được tạo nếu chưa có;\n" +
			"tệp cùng tên trong đó được ghi đè.\n\n" +
			"Ví dụ:\n" +
			"   baocao template --out bieu-mau\n" +
			"   baocao template --unit SYT --unit TUMORONG --out bieu-mau\n" +
			"   baocao --catalogue danh-muc-2025.toml template --out bieu-mau-2025",
		Flags: []ucli.Flag{
			&ucli.StringSliceFlag{Name: "unit", Aliases: []string{"u"}, Usage: "`MÃ` đơn vị cần tạo biểu mẫu; ghi nhiều lần cho nhiều đơn vị"},
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "bieu-mau", Usage: "`THƯ_MỤC` ghi các biểu mẫu (mặc định: bieu-mau)", TakesFile: true},
		},
		Action: func(c *ucli.Context) error {
			if c.Args().Present() {
				return usageError("lệnh template không nhận đối số “%s”; chọn đơn vị bằng --unit MÃ", c.Args().First())
			}
			cat, err := e.loadCatalogue(c)
			if err != nil {
				return err
			}
			// Templates of a draft still holding placeholders go out with
			// them: say so (the signer and the plan's number are the
			// report's, not the templates').
			for _, p := range cat.Placeholders() {
				if !strings.HasSuffix(p.Key, "signer.name") && !strings.HasSuffix(p.Key, "plan.number") {
					e.printProblems(problem.List{p})
				}
			}
			units, err := selectUnits(cat, c.StringSlice("unit"))
			if err != nil {
				return err
			}
			return writeTemplates(e.stdout, cat, units, c.String("out"))
		},
	}
}

// selectUnits returns the units named by codes (case-insensitive), or every
// unit when none is named. An unknown code is a usage error that suggests
// the closest codes and names.
func selectUnits(c *model.Catalogue, codes []string) ([]*model.Unit, error) {
	if len(codes) == 0 {
		out := make([]*model.Unit, len(c.Units))
		for i := range c.Units {
			out[i] = &c.Units[i]
		}
		return out, nil
	}
	var out []*model.Unit
	seen := map[string]bool{}
	for _, code := range codes {
		u := findUnit(c, code)
		if u == nil {
			return nil, usageError("không có đơn vị mã “%s” trong danh mục; %s", code, unitSuggestion(c, code))
		}
		if !seen[u.Code] {
			seen[u.Code] = true
			out = append(out, u)
		}
	}
	return out, nil
}

func findUnit(c *model.Catalogue, code string) *model.Unit {
	for i := range c.Units {
		if strings.EqualFold(c.Units[i].Code, strings.TrimSpace(code)) {
			return &c.Units[i]
		}
	}
	return nil
}

func unitSuggestion(c *model.Catalogue, bad string) string {
	var codes []string
	byName := map[string]string{}
	for _, u := range c.Units {
		codes = append(codes, u.Code)
		for _, n := range append([]string{u.Name, u.ShortName}, u.Aliases...) {
			byName[n] = u.Code
			codes = append(codes, n)
		}
	}
	var sugg []string
	seen := map[string]bool{}
	for _, m := range vntext.Closest(bad, codes, 5) {
		code := m
		if c2, ok := byName[m]; ok {
			code = c2
		}
		if !seen[code] {
			seen[code] = true
			sugg = append(sugg, fmt.Sprintf("%s (%s)", code, c.UnitByCode(code).Name))
		}
	}
	if len(sugg) > 0 {
		return "có phải: " + strings.Join(sugg, ", ") + "? Xem danh sách mã bằng lệnh: baocao catalogue"
	}
	return "xem danh sách mã đơn vị bằng lệnh: baocao catalogue"
}

func writeTemplates(stdout io.Writer, c *model.Catalogue, units []*model.Unit, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ioError("không tạo được thư mục %s: %s", dir, describeFSError(err))
	}
	for _, u := range units {
		path := filepath.Join(dir, xltemplate.FileName(u))
		err := atomicfile.Write(path, func(w io.Writer) error { return xltemplate.Write(w, c, u) })
		if err != nil {
			return ioError("không ghi được %s: %s", path, describeFSError(err))
		}
		fmt.Fprintf(stdout, "%s\t%s\n", path, u.Name)
	}
	fmt.Fprintf(stdout, "Đã tạo %d biểu mẫu trong thư mục %s.\n", len(units), dir)
	return nil
}

// describeFSError says in Vietnamese why a file operation failed.
func describeFSError(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "không có quyền ghi"
	case errors.Is(err, os.ErrNotExist):
		return "thư mục không tồn tại"
	case errors.Is(err, os.ErrExist):
		return "đã có một tệp trùng tên"
	}
	var pe *os.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "not a directory") {
		return "một phần của đường dẫn là tệp, không phải thư mục"
	}
	if strings.Contains(err.Error(), "no space left") {
		return "hết chỗ trống trên đĩa"
	}
	if strings.Contains(err.Error(), "lập biểu mẫu") {
		return err.Error()
	}
	return "lỗi ghi tệp"
}
