// Command baocao-gen makes filled workbooks for examples and tests:
//
//	go run ./cmd/baocao-gen --from examples/kontum-2024/nguon.toml --out examples/kontum-2024/submissions
//
// writes each unit's real template with the answers of a readable TOML file
// typed in (see internal/sample).
package main

import (
	"flag"
	"fmt"
	"os"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/sample"
)

func main() {
	from := flag.String("from", "", "tệp TOML mô tả nội dung báo cáo của từng đơn vị")
	out := flag.String("out", "", "thư mục ghi các tệp .xlsx")
	cat := flag.String("catalogue", "", "tệp danh mục (mặc định: danh mục có sẵn)")
	flag.Parse()
	if *from == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "cách dùng: baocao-gen --from NGUON.toml --out THU_MUC [--catalogue DANH_MUC.toml]")
		os.Exit(2)
	}
	var c *model.Catalogue
	var err error
	if *cat == "" {
		c, _ = catalogue.Parse(examples.KontumCatalogueName, examples.KontumCatalogue)
	} else {
		var probs problem.List
		c, probs, err = catalogue.Load(*cat)
		if err == nil && probs.HasErrors() {
			err = fmt.Errorf("danh mục %s có lỗi; kiểm tra bằng: baocao --catalogue %s catalogue", *cat, *cat)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "baocao-gen:", err)
		os.Exit(2)
	}
	src, err := sample.Load(*from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baocao-gen:", err)
		os.Exit(1)
	}
	paths, err := sample.Generate(c, src, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baocao-gen:", err)
		os.Exit(1)
	}
	fmt.Printf("Đã tạo %d tệp trong %s.\n", len(paths), *out)
}
