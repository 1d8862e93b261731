package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/consolidate"
	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/problem"
)

// catalogueAndSubmissions loads the catalogue, then reads the files named
// on the command line against it.
func (e *env) catalogueAndSubmissions(c *ucli.Context) (*model.Catalogue, *intake.Batch, error) {
	cat, err := e.loadCatalogue(c)
	if err != nil {
		return nil, nil, err
	}
	b, err := e.readSubmissions(c, cat)
	return cat, b, err
}

// readSubmissions finds and reads every file under paths. A path that does
// not exist stops the command with status 2.
func (e *env) readSubmissions(c *ucli.Context, cat *model.Catalogue) (*intake.Batch, error) {
	if !c.Args().Present() {
		return nil, usageError("cần ít nhất một tệp hoặc thư mục chứa các tệp đơn vị gửi về, ví dụ: baocao %s bao-cao-don-vi/", c.Command.Name)
	}
	lim, err := limits(c)
	if err != nil {
		return nil, err
	}
	r := &intake.Reader{Catalogue: cat, Limits: lim}
	b := r.ReadAll(c.Args().Slice(), func(total int) func() { return e.progress("Đang đọc", total) })
	e.progressDone()
	for _, p := range b.Problems {
		if errors.Is(p, intake.ErrNotFound) {
			return nil, ioError("%s: %s — %s", p.File, p.Message, p.Hint)
		}
	}
	return b, nil
}

// limits reads the limit flags: positive numbers, over the defaults.
func limits(c *ucli.Context) (intake.Limits, error) {
	lim := intake.DefaultLimits
	for _, name := range []string{"max-file-size", "max-unzip-size", "max-entries"} {
		if c.IsSet(name) && c.Int64(name) <= 0 {
			return lim, usageError("--%s %d không hợp lệ: cần một số nguyên dương", name, c.Int64(name))
		}
	}
	if v := c.Int64("max-file-size"); v > 0 {
		lim.FileSize = v << 20
	}
	if v := c.Int64("max-unzip-size"); v > 0 {
		lim.UnzipSize = v << 20
	}
	if v := c.Int64("max-entries"); v > 0 {
		lim.ZipEntries = int(v)
	}
	return lim, nil
}

// limitFlags raise the limits on what one input file may cost.
func limitFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.Int64Flag{Name: "max-file-size", Usage: fmt.Sprintf("giới hạn cỡ một tệp, `MB` (mặc định %d)", intake.DefaultLimits.FileSize>>20)},
		&ucli.Int64Flag{Name: "max-unzip-size", Usage: fmt.Sprintf("giới hạn cỡ giải nén của một tệp, `MB` (mặc định %d)", intake.DefaultLimits.UnzipSize>>20)},
		&ucli.Int64Flag{Name: "max-entries", Usage: fmt.Sprintf("giới hạn số thành phần nén trong một tệp, `SỐ` (mặc định %d)", intake.DefaultLimits.ZipEntries)},
	}
}

func pathsUsage(cmd string) string {
	return "baocao [--catalogue TỆP] " + cmd + " [--json] ĐƯỜNG_DẪN..."
}

func (e *env) checkCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "check",
		Usage:     "kiểm tra các tệp đơn vị gửi về, báo từng lỗi kèm tệp, trang tính và ô",
		UsageText: pathsUsage("check"),
		Description: "ĐƯỜNG_DẪN là tệp .xlsx hoặc thư mục (tìm cả thư mục con). Mỗi vấn đề in một dòng ở stderr:\n" +
			"   <tệp>: <trang tính>!<ô>: lỗi|cảnh báo: <nội dung> — <cách sửa>\n" +
			"rồi một dòng tổng kết ở stdout. Mã thoát 1 nếu có lỗi (cảnh báo không tính).\n\n" +
			"Ví dụ:\n" +
			"   baocao check bao-cao-don-vi/\n" +
			"   baocao check \"SYT_Sở YT.xlsx\"\n" +
			"   baocao check --json bao-cao-don-vi/ > kiem-tra.json",
		Flags: append([]ucli.Flag{&ucli.BoolFlag{Name: "json", Usage: "in danh sách vấn đề dạng JSON (với --inventory: cả kiểm kê)"},
			&ucli.BoolFlag{Name: "inventory", Usage: "kiểm kê: mỗi tệp có bao nhiêu ô có nội dung, bao nhiêu ô được tổng hợp, thuộc biểu mẫu, nêu trong vấn đề"}},
			limitFlags()...),
		Action: func(c *ucli.Context) error {
			_, b, err := e.catalogueAndSubmissions(c)
			if err != nil {
				return err
			}
			switch {
			case c.Bool("json") && c.Bool("inventory"):
				invs := append(slices.Clone(b.Inventories), intake.Total(b.Inventories))
				if err := writeJSON(e.stdout, map[string]any{"problems": jsonProblems(b.Problems), "inventory": jsonInventories(invs)}); err != nil {
					return err
				}
			case c.Bool("json"):
				if err := writeJSON(e.stdout, jsonProblems(b.Problems)); err != nil {
					return err
				}
			default:
				e.printProblems(b.Problems)
				if c.Bool("inventory") {
					writeInventory(e.stdout, b.Inventories)
				}
				errs, warns := b.Problems.Count()
				fmt.Fprintf(e.stdout, "Đã kiểm tra %d tệp của %d đơn vị: %d lỗi, %d cảnh báo.\n", len(b.Files), b.Units(), errs, warns)
			}
			if b.Problems.HasErrors() {
				return errProblems
			}
			return nil
		},
	}
}

// writeInventory accounts for every non-empty cell of each file: taken into
// the consolidation, the template's own text, or named in a problem.
func writeInventory(w io.Writer, invs []intake.Inventory) {
	fmt.Fprintln(w, "Kiểm kê ô có nội dung (ô = được tổng hợp + thuộc biểu mẫu + nêu trong vấn đề):")
	line := func(i intake.Inventory) {
		fmt.Fprintf(w, "  %s: %d ô = %d được tổng hợp + %d thuộc biểu mẫu + %d nêu trong vấn đề\n", i.File, i.Cells, i.Used, i.Form, i.Problems)
	}
	for _, i := range invs {
		line(i)
	}
	line(intake.Total(invs))
}

type jsonInventory struct {
	File     string `json:"file"`
	Cells    int    `json:"cells"`
	Used     int    `json:"used"`
	Form     int    `json:"form"`
	Problems int    `json:"problems"`
}

func jsonInventories(invs []intake.Inventory) []jsonInventory {
	out := []jsonInventory{}
	for _, i := range invs {
		out = append(out, jsonInventory{i.File, i.Cells, i.Used, i.Form, i.Problems})
	}
	return out
}

type jsonProblem struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func jsonProblems(probs problem.List) []jsonProblem {
	out := []jsonProblem{}
	for _, p := range probs {
		out = append(out, jsonProblem{File: p.File, Sheet: p.Sheet, Cell: p.Cell, Severity: p.Severity.String(), Message: p.Message, Hint: p.Hint})
	}
	return out
}

// unitStatus is one line of the status table: the consolidation's verdict
// on the unit, and the file it rests on.
type unitStatus struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	State         string `json:"state"` // on_time, late, empty, invalid, wrong_format, missing
	Label         string `json:"label"`
	Corrected     bool   `json:"corrected"`
	FirstDate     string `json:"first_report_date,omitempty"`
	File          string `json:"file"`
	ReportDate    string `json:"report_date"`
	TasksReported int    `json:"tasks_reported"`
	TasksAssigned int    `json:"tasks_assigned"`
	Errors        int    `json:"errors"`
	Warnings      int    `json:"warnings"`
}

// statuses lists every unit of the consolidation, by kind, in Vietnamese
// order.
func statuses(cons *consolidate.Report, b *intake.Batch) []unitStatus {
	var out []unitStatus
	for _, u := range cons.Units {
		st := unitStatus{Code: u.Unit.Code, Name: u.Unit.Name, Kind: u.Unit.Kind, State: u.State.Key(), Label: u.State.Label(),
			Corrected: u.Corrected, TasksAssigned: u.TasksAssigned, TasksReported: u.TasksReported}
		if u.Corrected && !u.FirstDate.IsZero() {
			st.FirstDate = u.FirstDate.Format("2006-01-02")
		}
		s := u.Submission
		if s == nil {
			s = u.Received
		}
		if s != nil {
			st.File = s.File
			if !s.ReportDate.IsZero() {
				st.ReportDate = s.ReportDate.Format("2006-01-02")
			}
			for _, p := range b.Problems {
				if p.File == s.File {
					if p.Severity == problem.Error {
						st.Errors++
					} else {
						st.Warnings++
					}
				}
			}
		}
		out = append(out, st)
	}
	return out
}

func (e *env) statusCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "status",
		Usage:     "xem đơn vị nào đã gửi, đúng hạn hay muộn, chưa gửi; bao nhiêu nhiệm vụ đã báo cáo",
		UsageText: pathsUsage("status"),
		Description: "Liệt kê mọi đơn vị của danh mục theo loại: mã, tên, tình trạng (đúng hạn, muộn hạn, đã gửi nhưng chưa\n" +
			"điền, có lỗi hoặc sai định dạng, chưa gửi), ngày báo cáo, số nhiệm vụ đã báo cáo trên số phải báo cáo, số lỗi\n" +
			"và cảnh báo, tệp. Tình trạng giống hệt báo cáo tổng hợp. Dòng cuối: “x/y đơn vị đã báo cáo, ...”.\n" +
			"Mã thoát 1 nếu có tệp có lỗi (xem chi tiết bằng lệnh check).\n\n" +
			"Ví dụ:\n" +
			"   baocao status bao-cao-don-vi/\n" +
			"   baocao status --json bao-cao-don-vi/",
		Flags: append([]ucli.Flag{&ucli.BoolFlag{Name: "json", Usage: "in kết quả dạng JSON"}}, limitFlags()...),
		Action: func(c *ucli.Context) error {
			cat, b, err := e.catalogueAndSubmissions(c)
			if err != nil {
				return err
			}
			cons := consolidate.Build(cat, b.Subs, day(today()))
			sts := statuses(cons, b)
			counts := cons.StateCounts()
			var unknown []string
			for _, sk := range cons.Skipped {
				unknown = append(unknown, sk.File+": "+sk.Reason)
			}
			if c.Bool("json") {
				if unknown == nil {
					unknown = []string{}
				}
				err := writeJSON(e.stdout, map[string]any{
					"units":              sts,
					"unidentified":       unknown,
					"units_total":        len(sts),
					"units_reported":     counts[consolidate.OnTime] + counts[consolidate.Late],
					"units_on_time":      counts[consolidate.OnTime],
					"units_late":         counts[consolidate.Late],
					"units_empty":        counts[consolidate.Empty],
					"units_invalid":      counts[consolidate.Invalid],
					"units_wrong_format": counts[consolidate.WrongFormat],
					"units_missing":      counts[consolidate.Missing],
					"deadline":           cat.Period.Deadline.Format("2006-01-02"),
					"errors_in_inputs":   b.Problems.HasErrors(),
				})
				if err != nil {
					return err
				}
			} else {
				writeStatus(e.stdout, cat, sts, unknown)
				fmt.Fprintln(e.stdout, statusSummary(cons))
			}
			if b.Problems.HasErrors() {
				return errProblems
			}
			return nil
		},
	}
}

// statusSummary is the closing line: "30/38 đơn vị đã báo cáo (27 đúng hạn,
// 3 muộn hạn); 1 đơn vị gửi tệp chưa điền; 7 đơn vị chưa gửi (hạn 15/12/2024)."
func statusSummary(cons *consolidate.Report) string {
	n := cons.StateCounts()
	reported := n[consolidate.OnTime] + n[consolidate.Late]
	s := fmt.Sprintf("%d/%d đơn vị đã báo cáo (%d đúng hạn, %d muộn hạn)", reported, len(cons.Units), n[consolidate.OnTime], n[consolidate.Late])
	for _, st := range []struct {
		state consolidate.State
		words string
	}{{consolidate.Empty, "gửi tệp chưa điền"}, {consolidate.Invalid, "gửi tệp có lỗi"}, {consolidate.WrongFormat, "gửi tệp sai định dạng"}, {consolidate.Missing, "chưa gửi"}} {
		if n[st.state] > 0 {
			s += fmt.Sprintf("; %d đơn vị %s", n[st.state], st.words)
		}
	}
	return s + fmt.Sprintf(" (hạn %s).", cons.Catalogue.Period.Deadline.Format("02/01/2006"))
}

// pad pads s with spaces to width runes (byte counts misalign Vietnamese).
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func writeStatus(w io.Writer, cat *model.Catalogue, sts []unitStatus, unknown []string) {
	nameWidth, labelWidth := 0, 0
	for _, s := range sts {
		nameWidth = max(nameWidth, utf8.RuneCountInString(s.Name))
		labelWidth = max(labelWidth, utf8.RuneCountInString(s.Label))
	}
	kind := ""
	for _, s := range sts {
		if s.Kind != kind {
			kind = s.Kind
			if k := cat.KindByCode(kind); k != nil {
				fmt.Fprintf(w, "%s\n", k.Name)
			}
		}
		line := "  " + pad(s.Code, 10) + " " + pad(s.Name, nameWidth) + "  " + pad(strings.ToLower(s.Label), labelWidth)
		if s.File != "" {
			date := "không ghi ngày"
			if s.ReportDate != "" {
				date = vnDate(s.ReportDate)
			}
			line += fmt.Sprintf("  %s  %d/%d nhiệm vụ  %d lỗi  %d cảnh báo  %s", pad(date, 14), s.TasksReported, s.TasksAssigned, s.Errors, s.Warnings, s.File)
			if s.Corrected {
				first := "không ghi ngày"
				if s.FirstDate != "" {
					first = vnDate(s.FirstDate)
				}
				line += fmt.Sprintf("  (bản sửa; báo cáo lần đầu %s)", first)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	if len(unknown) > 0 {
		fmt.Fprintln(w, "Tệp không sử dụng được hoặc không xác định được đơn vị (xem chi tiết bằng lệnh check):")
		for _, f := range unknown {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
}

// vnDate turns "2024-12-05" into "05/12/2024".
func vnDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// progress returns a function to call after each of total steps. When
// stderr is a terminal and the run is long enough to notice, it keeps a
// line there up to date ("Đang đọc 120/1000 tệp"); otherwise it prints
// nothing. It is safe for concurrent use.
func (e *env) progress(what string, total int) func() {
	f, ok := e.stderr.(*os.File)
	if !ok || total < 50 {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	var done atomic.Int64
	var last atomic.Int64
	e.progressShown = true
	return func() {
		n := done.Add(1)
		now := time.Now().UnixMilli()
		if prev := last.Load(); (now-prev > 100 || n == int64(total)) && last.CompareAndSwap(prev, now) {
			fmt.Fprintf(f, "\r%s %d/%d tệp…", what, n, total)
		}
	}
}

// progressDone clears the progress line.
func (e *env) progressDone() {
	if e.progressShown {
		fmt.Fprint(e.stderr, "\r\033[K")
		e.progressShown = false
	}
}
