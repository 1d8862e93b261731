package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/atomicfile"
	"baocao/internal/consolidate"
	"baocao/internal/docx"
	"baocao/internal/model"
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
		Usage:     "tổng hợp các tệp đơn vị gửi về thành báo cáo đúng thể thức Nghị định 30/2020/NĐ-CP (PDF để ký, Word để sửa)",
		UsageText: "baocao [--catalogue TỆP] report [--out TỆP.pdf] [--docx TỆP.docx] [--xlsx TỆP.xlsx] [--date NGÀY] [--number SỐ] [--blank-date] [--chi-tiet] [--skip-invalid] ĐƯỜNG_DẪN...",
		Description: "Đọc và kiểm tra các tệp như lệnh check, tổng hợp theo danh mục và ghi báo cáo: trang 1 có quốc hiệu,\n" +
			"tiêu ngữ, số, ngày tháng; phần I tình hình báo cáo, II kết quả từng nhiệm vụ (tóm tắt: tình trạng, kết quả\n" +
			"của đơn vị chủ trì; --chi-tiet: báo cáo của từng đơn vị), III đánh giá chung có biểu đồ, IV đề xuất; Nơi\n" +
			"nhận, chữ ký; Phụ lục I (kết quả của từng đơn vị về từng nhiệm vụ), II (tình hình gửi báo cáo), III (chỉ\n" +
			"tiêu) trên trang A4 ngang. Không ghi --number: để trống chỗ số; --blank-date: để trống ngày, tháng để văn\n" +
			"thư ghi khi ban hành. --docx ghi cùng báo cáo dạng Word để sửa, góp ý trước khi trình ký.\n" +
			"Có tệp lỗi thì không ghi báo cáo (mã thoát 1), trừ khi có --skip-invalid: khi đó các tệp lỗi được bỏ qua,\n" +
			"liệt kê ở stderr và trong Phụ lục II. Cảnh báo không ngăn việc ghi báo cáo.\n\n" +
			"Ví dụ:\n" +
			"   baocao report bao-cao-don-vi/ --out bao-cao.pdf --date 2024-12-16 --number 05\n" +
			"   baocao report bao-cao-don-vi/ --skip-invalid\n" +
			"   baocao report bao-cao-don-vi/ --out bao-cao.pdf --docx bao-cao.docx --xlsx tong-hop.xlsx",
		Flags: append([]ucli.Flag{
			&ucli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "bao-cao.pdf", Usage: "`TỆP` PDF ghi báo cáo (mặc định: bao-cao.pdf)", TakesFile: true},
			&ucli.StringFlag{Name: "xlsx", Usage: "`TỆP` .xlsx ghi bảng tổng hợp; có --xlsx hoặc --docx mà không có --out thì không ghi PDF", TakesFile: true},
			&ucli.StringFlag{Name: "docx", Usage: "`TỆP` .docx ghi báo cáo dạng Word (cùng nội dung, cùng thể thức với PDF) để sửa trước khi trình ký", TakesFile: true},
			&ucli.StringFlag{Name: "date", Usage: "`NGÀY` của báo cáo, dạng 16/12/2024 hoặc 2024-12-16 (mặc định: hôm nay)"},
			&ucli.StringFlag{Name: "number", Usage: "`SỐ` văn bản, ví dụ 05 (không ghi: để trống chỗ số để văn thư ghi khi ban hành)"},
			&ucli.BoolFlag{Name: "chi-tiet", Usage: "phần II ghi đầy đủ báo cáo của từng đơn vị về từng nhiệm vụ (mặc định: tóm tắt, chi tiết ở Phụ lục I)"},
			&ucli.BoolFlag{Name: "blank-date", Usage: "để trống ngày, tháng trên dòng địa danh, ngày tháng (“ngày    tháng    năm 2024”) để văn thư ghi khi ban hành; --date vẫn là ngày số liệu được tính đến"},
			&ucli.BoolFlag{Name: "skip-invalid", Usage: "bỏ qua các tệp có lỗi thay vì dừng lại"},
			&ucli.StringFlag{Name: "templates", Usage: "`THƯ_MỤC` chứa tệp lời văn bao-cao.tmpl thay cho mẫu có sẵn", TakesFile: true},
		}, limitFlags()...),
		Action: e.runReport,
	}
}

// day is t's calendar day, at midnight UTC.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// parseDate reads --date: 2024-12-16, or as Vietnamese write it, 16/12/2024.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2/1/2006", "02/01/2006", "2-1-2006", "2.1.2006"} {
		if d, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return d, nil
		}
	}
	return time.Time{}, usageError("--date “%s” không phải một ngày; ghi dạng ngày/tháng/năm (16/12/2024) hoặc năm-tháng-ngày (2024-12-16)", s)
}

// checkOutput refuses an output path that cannot be what the flag writes:
// a folder, a missing folder, a file with another format's extension.
func checkOutput(flag, path, ext string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usageError("--%s %s là một thư mục; ghi tên tệp, ví dụ %s", flag, path, filepath.Join(path, "bao-cao"+ext))
	}
	if got := strings.ToLower(filepath.Ext(path)); got != ext {
		return usageError("--%s ghi tệp %s, nhưng tên %s có đuôi “%s”; đặt tên có đuôi %s", flag, strings.TrimPrefix(ext, "."), path, got, ext)
	}
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return ioError("không có thư mục %s để ghi %s", dir, path)
		}
	}
	return nil
}

func (e *env) runReport(c *ucli.Context) error {
	date := today()
	if s := c.String("date"); s != "" {
		d, err := parseDate(s)
		if err != nil {
			return err
		}
		date = d
	}
	date = day(date)
	out := c.String("out")
	opt := report.Options{Number: c.String("number"), BlankDate: c.Bool("blank-date"), Detailed: c.Bool("chi-tiet")}
	if dir := c.String("templates"); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return ioError("không có thư mục mẫu lời văn %s", dir)
		}
		opt.Templates = os.DirFS(dir)
	}
	xlsx, word := c.String("xlsx"), c.String("docx")
	writePDF := (xlsx == "" && word == "") || c.IsSet("out")
	// The outputs are checked before anything is read: a mistake in the
	// command line costs no reading.
	if writePDF {
		if err := checkOutput("out", out, ".pdf"); err != nil {
			return err
		}
	}
	if xlsx != "" {
		if err := checkOutput("xlsx", xlsx, ".xlsx"); err != nil {
			return err
		}
	}
	if word != "" {
		if err := checkOutput("docx", word, ".docx"); err != nil {
			return err
		}
	}
	cat, b, err := e.catalogueAndSubmissions(c)
	if err != nil {
		return err
	}
	for _, o := range []string{out, xlsx, word} {
		for _, f := range b.Files {
			if o != "" && same(f, o) {
				return usageError("tệp ghi kết quả %s trùng với một tệp đầu vào; chọn tên khác", o)
			}
		}
	}
	// What the catalogue still leaves to fill is said on every run, until
	// it is filled.
	e.printProblems(cat.Placeholders())
	b.Problems.Append(unprintable(b.Subs))
	b.Problems.Sort()
	e.printProblems(b.Problems)
	skip := c.Bool("skip-invalid")
	if b.Problems.HasErrors() && !skip {
		errs, _ := b.Problems.Count()
		fmt.Fprintf(e.stderr, "Có %d lỗi trong các tệp nên chưa ghi báo cáo. Sửa các lỗi trên rồi chạy lại, hoặc dùng --skip-invalid để bỏ qua các tệp có lỗi.\n", errs)
		return errProblems
	}
	if date.Before(cat.Period.Start) {
		return usageError("--date %s trước kỳ báo cáo (từ %s): báo cáo tổng hợp không thể lập trước kỳ báo cáo", date.Format("02/01/2006"), cat.Period.Start.Format("02/01/2006"))
	}
	cons := consolidate.Build(cat, b.Subs, date)
	for _, u := range cons.Units {
		if s := u.Submission; s != nil && s.ReportDate.After(date) {
			fmt.Fprintf(e.stderr, "cảnh báo: ngày của báo cáo tổng hợp %s trước ngày báo cáo %s của %s (%s); kiểm tra lại --date\n",
				date.Format("02/01/2006"), s.ReportDate.Format("02/01/2006"), u.Unit.Name, s.File)
		}
	}
	for _, s := range cons.Skipped {
		fmt.Fprintf(e.stderr, "bỏ qua %s: %s\n", s.File, s.Reason)
	}
	for _, u := range cons.Units {
		for _, s := range u.Skipped {
			fmt.Fprintf(e.stderr, "bỏ qua %s: %s\n", s.File, s.Reason)
		}
	}
	received, onTime := cons.Received()
	// The workbook is made while the PDF is laid out and drawn, and
	// written only when the PDF is.
	var book bytes.Buffer
	var bookErr error
	var making sync.WaitGroup
	if xlsx != "" {
		making.Go(func() { bookErr = xlreport.Write(&book, cons, b.Problems) })
	}
	defer making.Wait()
	if writePDF || word != "" {
		d, err := report.Build(cons, opt)
		if err != nil {
			return ioError("%s", err.Error())
		}
		if writePDF {
			doc := report.PDF(d)
			pages, missing, err := pdfdoc.Layout(doc)
			if err != nil {
				return ioError("%s", err.Error())
			}
			if len(missing) > 0 && !hasUnprintable(b.Problems) {
				// Not from a unit's cell (those are named with their cell).
				for _, m := range missing {
					fmt.Fprintf(e.stderr, "cảnh báo: ký tự %s không có trong phông chữ Liberation Serif, được in thành “%s”\n", m, pdfdoc.Replacement)
				}
			}
			err = atomicfile.Write(out, func(w io.Writer) error { return pdfdoc.Render(w, doc.Meta, pages) })
			if err != nil {
				return ioError("không ghi được %s: %s", out, describeFSError(err))
			}
			fmt.Fprintf(e.stdout, "Đã ghi %s: %d trang; %d/%d đơn vị đã báo cáo, %d đúng hạn.\n", out, len(pages), received, len(cons.Units), onTime)
		}
		if word != "" {
			err = atomicfile.Write(word, func(w io.Writer) error { return docx.Write(w, d) })
			if err != nil {
				return ioError("không ghi được %s: %s", word, describeFSError(err))
			}
			fmt.Fprintf(e.stdout, "Đã ghi %s: báo cáo dạng Word để sửa trước khi trình ký; %d/%d đơn vị đã báo cáo, %d đúng hạn.\n", word, received, len(cons.Units), onTime)
		}
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

// errUnprintable marks a character of a unit's text that the report's font
// cannot draw.
var errUnprintable = errors.New("character the report's font lacks")

// unprintable names, cell by cell, the characters of the units' texts that
// the PDF cannot draw (an emoji, Chinese, Arabic): they print as "?", and
// the compiler must know where they came from. They are warnings, in the
// consolidated workbook's list of problems too.
func unprintable(subs []*model.Submission) problem.List {
	var out problem.List
	check := func(t model.Text) {
		var bad []string
		seen := map[rune]bool{}
		for _, r := range t.Value {
			if r == '\n' || seen[r] || pdfdoc.Printable(r) {
				continue
			}
			seen[r] = true
			bad = append(bad, fmt.Sprintf("“%c” (U+%04X)", r, r))
		}
		if len(bad) > 0 {
			out.Add(&problem.Problem{File: t.Ref.File, Sheet: t.Ref.Sheet, Cell: t.Ref.Cell, Row: t.Ref.Row, Col: t.Ref.Col,
				Severity: problem.Warning, Err: errUnprintable,
				Message: fmt.Sprintf("ký tự %s không có trong phông chữ của báo cáo, sẽ in thành “%s” trong bản PDF", strings.Join(bad, ", "), pdfdoc.Replacement),
				Hint:    "thay bằng chữ tiếng Việt hoặc bỏ ký tự này trong tệp của đơn vị"})
		}
	}
	for _, s := range subs {
		if s.Superseded != "" {
			continue
		}
		for _, e := range s.Entries {
			for _, t := range []model.Text{e.Result, e.Documents, e.Difficulties, e.Proposals} {
				check(t)
			}
		}
		for _, v := range s.Indicators {
			check(v.Note)
		}
	}
	return out
}

func hasUnprintable(probs problem.List) bool {
	for _, p := range probs {
		if errors.Is(p, errUnprintable) {
			return true
		}
	}
	return false
}
