package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/atomicfile"
	"baocao/internal/consolidate"
	"baocao/internal/pdfdoc"
	"baocao/internal/problem"
	"baocao/internal/report"
	"baocao/internal/xlreport"
)

// today is the default report date; tests replace it.
var today = func() time.Time { return time.Now() }

func (e *env) reportCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "report",
		Usage:     "tổng hợp các tệp đơn vị gửi về thành báo cáo PDF đúng thể thức Nghị định 30/2020/NĐ-CP",
		UsageText: "baocao [--catalogue TỆP] report [--out TỆP.pdf] [--date NĂM-THÁNG-NGÀY] [--number SỐ] [--skip-invalid] ĐƯỜNG_DẪN...",
		Description: "Đọc và kiểm tra các tệp như lệnh check, tổng hợp theo danh mục và ghi báo cáo: trang 1 có quốc hiệu,\n" +
			"tiêu ngữ, số, ngày tháng; phần I tình hình báo cáo, II kết quả từng nhiệm vụ theo từng đơn vị, III đánh giá\n" +
			"chung có biểu đồ, IV đề xuất; Nơi nhận, chữ ký; Phụ lục I (nhiệm vụ), II (tình hình gửi báo cáo),\n" +
			"III (chỉ tiêu) trên trang A4 ngang.\n" +
			"Có tệp lỗi thì không ghi báo cáo (mã thoát 1), trừ khi có --skip-invalid: khi đó các tệp lỗi được bỏ qua,\n" +
			"liệt kê ở stderr và trong Phụ lục II. Cảnh báo không ngăn việc ghi báo cáo.\n\n" +
			"Ví dụ:\n" +
			"   baocao report bao-cao-don-vi/ --out bao-cao.pdf --date 2024-12-16 --number 05\n" +
			"   baocao report bao-cao-don-vi/ --skip-invalid\n" +
			"   baocao report bao-cao-don-vi/ --out bao-cao.pdf --xlsx tong-hop.xlsx",
		Flags: append([]ucli.Flag{
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "bao-cao.pdf", Usage: "`TỆP` PDF ghi báo cáo (mặc định: bao-cao.pdf)", TakesFile: true},
			&ucli.StringFlag{Name: "xlsx", Usage: "`TỆP` .xlsx ghi bảng tổng hợp; chỉ có --xlsx (không có --out) thì chỉ ghi bảng tổng hợp", TakesFile: true},
			&ucli.StringFlag{Name: "date", Usage: "`NGÀY` của báo cáo, dạng 2024-12-16 (mặc định: hôm nay)"},
			&ucli.StringFlag{Name: "number", Usage: "`SỐ` văn bản, ví dụ 05 (không ghi: để trống chỗ số để ghi tay)"},
			&ucli.BoolFlag{Name: "skip-invalid", Usage: "bỏ qua các tệp có lỗi thay vì dừng lại"},
			&ucli.StringFlag{Name: "templates", Usage: "`THƯ_MỤC` chứa tệp lời văn bao-cao.tmpl thay cho mẫu có sẵn", TakesFile: true},
		}, limitFlags()...),
		Action: e.runReport,
	}
}

func (e *env) runReport(c *ucli.Context) error {
	date := today()
	if s := c.String("date"); s != "" {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			return usageError("--date “%s” không phải một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-12-16", s)
		}
		date = d
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	out := c.String("out")
	opt := report.Options{Number: c.String("number")}
	if dir := c.String("templates"); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return ioError("không có thư mục mẫu lời văn %s", dir)
		}
		opt.Templates = os.DirFS(dir)
	}
	cat, b, err := e.catalogueAndSubmissions(c)
	if err != nil {
		return err
	}
	xlsx := c.String("xlsx")
	writePDF := xlsx == "" || c.IsSet("out")
	var outputs []string
	if writePDF {
		outputs = append(outputs, out)
	}
	if xlsx != "" {
		outputs = append(outputs, xlsx)
	}
	for _, o := range outputs {
		for _, f := range b.files {
			if same(f, o) {
				return usageError("tệp ghi kết quả %s trùng với một tệp đầu vào; chọn tên khác", o)
			}
		}
		if dir := filepath.Dir(o); dir != "" {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return ioError("không có thư mục %s để ghi %s", dir, o)
			}
		}
	}
	e.printProblems(b.probs)
	skip := c.Bool("skip-invalid")
	if b.probs.HasErrors() && !skip {
		errs, _ := b.probs.Count()
		fmt.Fprintf(e.stderr, "Có %d lỗi trong các tệp nên chưa ghi báo cáo. Sửa các lỗi trên rồi chạy lại, hoặc dùng --skip-invalid để bỏ qua các tệp có lỗi.\n", errs)
		return errProblems
	}
	skipped := unusable(b)
	for _, s := range skipped {
		fmt.Fprintf(e.stderr, "bỏ qua %s: %s\n", s.File, s.Reason)
	}
	cons := consolidate.Build(cat, b.subs, skipped, date)
	for _, s := range cons.Skipped[len(skipped):] {
		fmt.Fprintf(e.stderr, "bỏ qua %s: %s\n", s.File, s.Reason)
	}
	received, onTime := cons.Received()
	// The workbook is made while the PDF is laid out and drawn, and
	// written only when the PDF is.
	var book bytes.Buffer
	var bookErr error
	var making sync.WaitGroup
	if xlsx != "" {
		making.Go(func() { bookErr = xlreport.Write(&book, cons, b.probs) })
	}
	defer making.Wait()
	if writePDF {
		doc, err := report.Build(cons, opt)
		if err != nil {
			return ioError("%s", err.Error())
		}
		pages, missing, err := pdfdoc.Layout(doc)
		if err != nil {
			return ioError("%s", err.Error())
		}
		for _, m := range missing {
			fmt.Fprintf(e.stderr, "cảnh báo: ký tự %s không có trong phông chữ Liberation Serif, được in thành “%s” — sửa nội dung trong tệp đơn vị nếu cần\n", m, pdfdoc.Replacement)
		}
		err = atomicfile.Write(out, func(w io.Writer) error { return pdfdoc.Render(w, doc.Meta, pages) })
		if err != nil {
			return ioError("không ghi được %s: %s", out, describeFSError(err))
		}
		fmt.Fprintf(e.stdout, "Đã ghi %s: %d trang; %d/%d đơn vị đã báo cáo, %d đúng hạn.\n", out, len(pages), received, len(cons.Units), onTime)
	}
	if xlsx != "" {
		making.Wait()
		err := bookErr
		if err == nil {
			err = atomicfile.Write(xlsx, func(w io.Writer) error {
				_, err := w.Write(book.Bytes())
				return err
			})
		}
		if err != nil {
			return ioError("không ghi được %s: %s", xlsx, describeFSError(err))
		}
		fmt.Fprintf(e.stdout, "Đã ghi %s: bảng tổng hợp %d nhiệm vụ, %d/%d đơn vị đã báo cáo.\n", xlsx, len(cons.Tasks), received, len(cons.Units))
	}
	return nil
}

// unusable lists the files read that cannot be consolidated at all: not a
// workbook, or of no known unit. Invalid workbooks of known units are left
// to the consolidation, which lists them too.
func unusable(b *batch) []consolidate.Skipped {
	known := map[string]bool{}
	for _, s := range b.subs {
		if s.Unit != nil {
			known[s.File] = true
		}
	}
	firstError := map[string]string{}
	for _, p := range b.probs {
		if _, ok := firstError[p.File]; !ok && p.Severity == problem.Error {
			firstError[p.File] = p.Message
		}
	}
	var out []consolidate.Skipped
	for _, f := range b.files {
		if known[f] {
			continue
		}
		reason, ok := firstError[f]
		if !ok {
			reason = "không xác định được đơn vị"
		}
		out = append(out, consolidate.Skipped{File: f, Reason: reason})
	}
	return out
}

func same(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 != nil || err2 != nil {
		return a == b
	}
	if aa == bb {
		return true
	}
	sa, err1 := os.Stat(aa)
	sb, err2 := os.Stat(bb)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
