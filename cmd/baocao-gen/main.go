// Command baocao-gen makes filled workbooks for examples, tests and
// benchmarks, each written through the unit's real template.
//
// From readable sources (the worked example):
//
//	go run ./cmd/baocao-gen --from examples/kontum-2024/nguon.toml --out examples/kontum-2024/submissions
//
// Synthetic, for N units (deterministic for a seed):
//
//	go run ./cmd/baocao-gen --units 1000 --out /tmp/u1000 [--seed 1]
//
// Up to the 38 units of the Kon Tum catalogue, its units are used. Beyond,
// synthetic units (communes, branches, associations) are added to a copy of
// the catalogue, written beside the folder as <folder>.danh-muc.toml: check
// and report the files with --catalogue <folder>.danh-muc.toml.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"baocao/examples"
	"baocao/internal/atomicfile"
	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/sample"
)

func main() {
	from := flag.String("from", "", "tệp TOML mô tả nội dung báo cáo của từng đơn vị")
	units := flag.Int("units", 0, "số đơn vị cần sinh báo cáo giả định")
	seed := flag.Uint64("seed", 1, "hạt giống ngẫu nhiên (cùng hạt giống cho cùng kết quả)")
	out := flag.String("out", "", "thư mục ghi các tệp .xlsx")
	cat := flag.String("catalogue", "", "tệp danh mục cho --from (mặc định: danh mục có sẵn)")
	flag.Parse()
	if *out == "" || (*from == "") == (*units == 0) {
		fmt.Fprintln(os.Stderr, "cách dùng: baocao-gen --from NGUON.toml --out THU_MUC [--catalogue DANH_MUC.toml]\n"+
			"       hoặc: baocao-gen --units N --out THU_MUC [--seed S]")
		os.Exit(2)
	}
	if err := run(*from, *units, *seed, *out, *cat); err != nil {
		fmt.Fprintln(os.Stderr, "baocao-gen:", err)
		os.Exit(1)
	}
}

func run(from string, units int, seed uint64, out, catPath string) error {
	var c *model.Catalogue
	var src *sample.Sources
	if units > 0 {
		text, sc, reports, err := sample.SyntheticSet(examples.KontumCatalogue, units, seed)
		if err != nil {
			return err
		}
		c, src = sc, &sample.Sources{Reports: reports}
		if len(reports) < units || string(text) != string(examples.KontumCatalogue) {
			path := filepath.Join(filepath.Dir(filepath.Clean(out)), filepath.Base(filepath.Clean(out))+".danh-muc.toml")
			if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
				return err
			}
			fmt.Printf("Danh mục có %d đơn vị: %s (dùng: baocao --catalogue %s check %s)\n", len(c.Units), path, path, out)
		}
	} else {
		if catPath == "" {
			c, _ = catalogue.Parse(examples.KontumCatalogueName, examples.KontumCatalogue)
		} else {
			var probs problem.List
			var err error
			c, probs, err = catalogue.Load(catPath)
			if err != nil {
				return err
			}
			if probs.HasErrors() {
				return fmt.Errorf("danh mục %s có lỗi; kiểm tra bằng: baocao --catalogue %s catalogue", catPath, catPath)
			}
		}
		var err error
		if src, err = sample.Load(from); err != nil {
			return err
		}
	}
	paths, err := sample.Generate(c, src, out)
	if err != nil {
		return err
	}
	fmt.Printf("Đã tạo %d tệp trong %s.\n", len(paths), out)
	return nil
}
