package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/atomicfile"
	"baocao/internal/catalogue"
	"baocao/internal/planimport"
)

func (e *env) importCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "import",
		Usage:     "lập bản nháp danh mục (.toml) từ bảng nhiệm vụ trong văn bản kế hoạch (Word .docx hoặc Excel .xlsx)",
		UsageText: "baocao catalogue import TỆP.docx|TỆP.xlsx [--base DANH_MỤC.toml] --out DANH_MỤC_MỚI.toml",
		Description: "Tìm bảng nhiệm vụ (Phụ lục) theo dòng tiêu đề: TT/STT, Nội dung/Nhiệm vụ, Đơn vị (cơ quan) chủ trì,\n" +
			"phối hợp, Thời gian/Thời hạn; đọc các phần (I, II...), các nhiệm vụ (1, 2...), phần nội dung sang trang\n" +
			"mới, các cột khác (Sản phẩm...). Với --base: lấy kỳ báo cáo, cơ quan tổng hợp, đơn vị, nhóm, chỉ tiêu từ\n" +
			"danh mục gốc và khớp tên đơn vị chủ trì, phối hợp với đơn vị, nhóm của danh mục đó. Không có --base: đề\n" +
			"xuất đơn vị, nhóm từ các tên trong bảng, để giữ chỗ các thông tin kế hoạch không ghi. Ghi bản nháp có\n" +
			"chú thích “KIỂM TRA”, “GIỮ CHỖ” và in những điều người tổng hợp cần đọc lại.\n\n" +
			"Ví dụ:\n" +
			"   baocao catalogue import ke-hoach-57.docx --base examples/kontum-2024/catalogue.toml --out danh-muc-57.toml\n" +
			"   baocao catalogue import phu-luc.xlsx --out danh-muc-nhap.toml",
		Flags: append([]ucli.Flag{
			&ucli.StringFlag{Name: "base", Usage: "`DANH_MỤC` .toml lấy đơn vị, nhóm, kỳ báo cáo, cơ quan tổng hợp, chỉ tiêu", TakesFile: true},
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "`TỆP` .toml ghi bản nháp danh mục", TakesFile: true, Required: true},
		}, limitFlags()...),
		Action: e.runImport,
	}
}

func (e *env) runImport(c *ucli.Context) error {
	if c.NArg() != 1 {
		return usageError("ghi đúng một tệp kế hoạch (.docx hoặc .xlsx), ví dụ: baocao catalogue import ke-hoach.docx --out danh-muc.toml")
	}
	in, out := c.Args().First(), c.String("out")
	if err := checkOutput("out", out, ".toml"); err != nil {
		return err
	}
	if same(in, out) {
		return usageError("tệp ghi kết quả %s trùng với tệp kế hoạch; chọn tên khác", out)
	}
	if base := c.String("base"); base != "" && same(base, out) {
		return usageError("--out %s trùng với danh mục gốc --base; ghi bản nháp ra tệp khác", out)
	}
	if _, err := os.Stat(out); err == nil {
		return usageError("đã có tệp %s (có thể là bản nháp đã sửa); chọn tên khác, hoặc xóa tệp cũ nếu muốn lập lại", out)
	}
	if base := c.String("base"); base != "" && !strings.EqualFold(filepath.Ext(base), ".toml") {
		return usageError("--base cần một danh mục .toml (ví dụ examples/kontum-2024/catalogue.toml), không phải %s; tệp kế hoạch ghi sau tên lệnh", base)
	}
	if st, err := os.Stat(in); err != nil || st.IsDir() {
		return ioError("không có tệp %s", in)
	}
	lim, err := limits(c)
	if err != nil {
		return err
	}
	opt := planimport.Options{Limits: lim, Today: today()}
	if path := c.String("base"); path != "" {
		if same(path, out) {
			return usageError("--out %s trùng với danh mục gốc --base; ghi bản nháp ra tệp khác", out)
		}
		base, probs, err := catalogue.Load(path)
		if err != nil {
			return ioError("%s", err.Error())
		}
		e.printProblems(probs)
		if probs.HasErrors() {
			return errProblems
		}
		opt.Base = base
	}
	r, err := planimport.Import(in, opt)
	if err != nil {
		return ioError("%s", trimSentinel(err, planimport.ErrFile))
	}
	var buf bytes.Buffer
	if err := catalogue.Write(&buf, r.Catalogue, r.Notes); err != nil {
		return ioError("không lập được bản nháp: %s", err.Error())
	}
	// The draft is read back as any catalogue: it must validate.
	back, probs := catalogue.Parse(out, buf.Bytes())
	if probs.HasErrors() {
		e.printProblems(probs)
		return ioError("bản nháp chưa hợp lệ, chưa ghi %s (lỗi của chương trình: xin báo lại kèm tệp kế hoạch)", out)
	}
	if err := atomicfile.Write(out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return ioError("không ghi được %s: %s", out, describeFSError(err))
	}
	fmt.Fprintf(e.stdout, "Đã ghi %s: %d phần, %d nhiệm vụ, %d đơn vị, %d nhóm; %d tên đơn vị chưa khớp.\n",
		out, len(back.Sections), len(back.Tasks), len(back.Units), len(back.Groups), r.Unmatched)
	if len(r.Review) > 0 {
		fmt.Fprintln(e.stdout, "Cần kiểm tra:")
		for _, line := range r.Review {
			fmt.Fprintln(e.stdout, "  - "+line)
		}
	}
	fmt.Fprintf(e.stdout, "Sửa bản nháp rồi kiểm tra bằng: baocao --catalogue %s catalogue\n", out)
	return nil
}

// trimSentinel is an error's message without its sentinel's words.
func trimSentinel(err, sentinel error) string {
	msg := err.Error()
	if p := sentinel.Error() + ": "; len(msg) > len(p) && msg[:len(p)] == p {
		return msg[len(p):]
	}
	return msg
}
