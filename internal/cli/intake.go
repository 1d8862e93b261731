package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/problem"
)

// batch is what was read from the paths of one command.
type batch struct {
	files       []string
	subs        []*model.Submission // one per file read as a workbook, in file order
	probs       problem.List
	inventories []intake.Inventory
}

// catalogueAndSubmissions loads the catalogue, then reads the files named
// on the command line against it.
func (e *env) catalogueAndSubmissions(c *ucli.Context) (*model.Catalogue, *batch, error) {
	cat, err := e.loadCatalogue(c)
	if err != nil {
		return nil, nil, err
	}
	b, err := e.readSubmissions(c, cat)
	return cat, b, err
}

// readSubmissions finds and reads every file under paths. A path that does
// not exist stops the command with status 2.
func (e *env) readSubmissions(c *ucli.Context, cat *model.Catalogue) (*batch, error) {
	if !c.Args().Present() {
		return nil, usageError("cần ít nhất một tệp hoặc thư mục chứa các tệp đơn vị gửi về, ví dụ: baocao %s bao-cao-don-vi/", c.Command.Name)
	}
	files, probs := intake.Discover(c.Args().Slice())
	for _, p := range probs {
		if errors.Is(p, intake.ErrNotFound) {
			return nil, ioError("%s: %s — %s", p.File, p.Message, p.Hint)
		}
	}
	b := &batch{files: files, probs: probs}
	lim := intake.DefaultLimits
	if v := c.Int64("max-file-size"); v > 0 {
		lim.FileSize = v << 20
	}
	if v := c.Int64("max-unzip-size"); v > 0 {
		lim.UnzipSize = v << 20
	}
	if v := c.Int("max-entries"); v > 0 {
		lim.ZipEntries = v
	}
	r := &intake.Reader{Catalogue: cat, Limits: lim}
	subs := make([]*model.Submission, len(files))
	probsOf := make([]problem.List, len(files))
	b.inventories = make([]intake.Inventory, len(files))
	progress := e.progress("Đang đọc", len(files))
	// Files are read in parallel, each workbook closed as soon as it is
	// read; results keep the order of the files.
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(len(files), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				subs[i], probsOf[i], b.inventories[i] = r.ReadInventory(files[i])
				progress()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	e.progressDone()
	for i := range files {
		b.probs.Append(probsOf[i])
		if subs[i] != nil {
			b.subs = append(b.subs, subs[i])
		}
	}
	b.probs.Append(intake.Resolve(b.subs))
	// A superseded file is not consolidated: its values are accounted for
	// by the warning that says so.
	for i, f := range b.files {
		for _, s := range b.subs {
			if s.File == f && s.Superseded != "" {
				b.inventories[i].Problems += b.inventories[i].Used
				b.inventories[i].Used = 0
			}
		}
	}
	b.probs.Sort()
	return b, nil
}

// limitFlags raise the limits on what one input file may cost.
func limitFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.Int64Flag{Name: "max-file-size", Usage: fmt.Sprintf("giới hạn cỡ một tệp, `MB` (mặc định %d)", intake.DefaultLimits.FileSize>>20)},
		&ucli.Int64Flag{Name: "max-unzip-size", Usage: fmt.Sprintf("giới hạn cỡ giải nén của một tệp, `MB` (mặc định %d)", intake.DefaultLimits.UnzipSize>>20)},
		&ucli.IntFlag{Name: "max-entries", Usage: fmt.Sprintf("giới hạn số thành phần nén trong một tệp, `SỐ` (mặc định %d)", intake.DefaultLimits.ZipEntries)},
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
		Description: "ĐƯỜNG_DẪN là tệp .xlsx hoặc thư mục (tìm cả thư mục con). Mỗi vấn đề in một dòng:\n" +
			"   <tệp>: <trang tính>!<ô>: lỗi|cảnh báo: <nội dung> — <cách sửa>\n" +
			"rồi một dòng tổng kết. Mã thoát 1 nếu có lỗi (cảnh báo không tính).\n\n" +
			"Ví dụ:\n" +
			"   baocao check bao-cao-don-vi/\n" +
			"   baocao check \"SYT_Sở YT.xlsx\"\n" +
			"   baocao check --json bao-cao-don-vi/ > kiem-tra.json",
		Flags: append([]ucli.Flag{&ucli.BoolFlag{Name: "json", Usage: "in danh sách vấn đề dạng JSON"},
			&ucli.BoolFlag{Name: "inventory", Usage: "kiểm kê: mỗi tệp có bao nhiêu ô có nội dung, bao nhiêu ô được tổng hợp, thuộc biểu mẫu, nêu trong vấn đề"}},
			limitFlags()...),
		Action: func(c *ucli.Context) error {
			_, b, err := e.catalogueAndSubmissions(c)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				if err := writeProblemsJSON(e.stdout, b.probs); err != nil {
					return err
				}
			} else {
				for _, p := range b.probs {
					fmt.Fprintln(e.stdout, p.Error())
				}
				errs, warns := b.probs.Count()
				if c.Bool("inventory") {
					writeInventory(e.stdout, b.inventories)
				}
				fmt.Fprintf(e.stdout, "Đã kiểm tra %d tệp của %d đơn vị: %d lỗi, %d cảnh báo.\n", len(b.files), countUnits(b.subs), errs, warns)
			}
			if b.probs.HasErrors() {
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

func countUnits(subs []*model.Submission) int {
	seen := map[string]bool{}
	for _, s := range subs {
		if s.Unit != nil {
			seen[s.Unit.Code] = true
		}
	}
	return len(seen)
}

type jsonProblem struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func writeProblemsJSON(w io.Writer, probs problem.List) error {
	out := []jsonProblem{}
	for _, p := range probs {
		out = append(out, jsonProblem{File: p.File, Sheet: p.Sheet, Cell: p.Cell, Severity: p.Severity.String(), Message: p.Message, Hint: p.Hint})
	}
	return writeJSON(w, out)
}

// unitStatus is one line of the status table.
type unitStatus struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Kind          string `json:"kind"`
	State         string `json:"state"` // on_time, late, missing
	File          string `json:"file"`
	ReportDate    string `json:"report_date"`
	TasksReported int    `json:"tasks_reported"`
	TasksAssigned int    `json:"tasks_assigned"`
	Errors        int    `json:"errors"`
	Warnings      int    `json:"warnings"`
}

var stateLabel = map[string]string{"on_time": "đúng hạn", "late": "muộn hạn", "missing": "chưa gửi"}

// statuses lists every unit of the catalogue, by kind, in Vietnamese order.
func statuses(cat *model.Catalogue, b *batch) []unitStatus {
	current := map[string]*model.Submission{}
	for _, s := range b.subs {
		if s.Unit != nil && s.Superseded == "" {
			current[s.Unit.Code] = s
		}
	}
	var out []unitStatus
	for _, us := range cat.UnitsByKind() {
		for _, u := range us {
			st := unitStatus{Code: u.Code, Name: u.Name, Kind: u.Kind, State: "missing"}
			for _, a := range cat.Assignments(u.Code) {
				if a.Role.Required() {
					st.TasksAssigned++
				}
			}
			if s := current[u.Code]; s != nil {
				st.File = s.File
				st.State = "on_time"
				if !s.OnTime(cat.Period.Deadline) {
					st.State = "late"
				}
				if !s.ReportDate.IsZero() {
					st.ReportDate = s.ReportDate.Format("2006-01-02")
				}
				st.TasksReported = s.TasksReported()
				for _, p := range b.probs {
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
	}
	return out
}

func (e *env) statusCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "status",
		Usage:     "xem đơn vị nào đã gửi, đúng hạn hay muộn, chưa gửi; bao nhiêu nhiệm vụ đã báo cáo",
		UsageText: pathsUsage("status"),
		Description: "Liệt kê mọi đơn vị của danh mục theo loại: mã, tên, tình trạng (đúng hạn / muộn hạn / chưa gửi),\n" +
			"ngày báo cáo, số nhiệm vụ đã báo cáo trên số phải báo cáo, số lỗi và cảnh báo, tệp. Dòng cuối:\n" +
			"“x/y đơn vị đã báo cáo, z đúng hạn”. Mã thoát 1 nếu có tệp có lỗi (xem chi tiết bằng lệnh check).\n\n" +
			"Ví dụ:\n" +
			"   baocao status bao-cao-don-vi/\n" +
			"   baocao status --json bao-cao-don-vi/",
		Flags: append([]ucli.Flag{&ucli.BoolFlag{Name: "json", Usage: "in kết quả dạng JSON"}}, limitFlags()...),
		Action: func(c *ucli.Context) error {
			cat, b, err := e.catalogueAndSubmissions(c)
			if err != nil {
				return err
			}
			sts := statuses(cat, b)
			received, onTime, late := 0, 0, 0
			for _, s := range sts {
				switch s.State {
				case "on_time":
					received++
					onTime++
				case "late":
					received++
					late++
				}
			}
			var unknown []string
			for _, s := range b.subs {
				if s.Unit == nil {
					unknown = append(unknown, s.File)
				}
			}
			for _, p := range b.probs {
				if p.Sheet == "" && p.Severity == problem.Error && !hasSub(b.subs, p.File) && !contains(unknown, p.File) {
					unknown = append(unknown, p.File)
				}
			}
			if c.Bool("json") {
				if unknown == nil {
					unknown = []string{}
				}
				err := writeJSON(e.stdout, map[string]any{
					"units":            sts,
					"unidentified":     unknown,
					"units_total":      len(sts),
					"units_reported":   received,
					"units_on_time":    onTime,
					"units_late":       late,
					"deadline":         cat.Period.Deadline.Format("2006-01-02"),
					"errors_in_inputs": b.probs.HasErrors(),
				})
				if err != nil {
					return err
				}
			} else {
				writeStatus(e.stdout, cat, sts, unknown)
				fmt.Fprintf(e.stdout, "%d/%d đơn vị đã báo cáo, %d đúng hạn, %d muộn hạn (hạn %s).\n",
					received, len(sts), onTime, late, cat.Period.Deadline.Format("02/01/2006"))
			}
			if b.probs.HasErrors() {
				return errProblems
			}
			return nil
		},
	}
}

func hasSub(subs []*model.Submission, file string) bool {
	for _, s := range subs {
		if s.File == file {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// pad pads s with spaces to width runes (byte counts misalign Vietnamese).
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func writeStatus(w io.Writer, cat *model.Catalogue, sts []unitStatus, unknown []string) {
	nameWidth := 0
	for _, s := range sts {
		nameWidth = max(nameWidth, utf8.RuneCountInString(s.Name))
	}
	kind := ""
	for _, s := range sts {
		if s.Kind != kind {
			kind = s.Kind
			if k := cat.KindByCode(kind); k != nil {
				fmt.Fprintf(w, "%s\n", k.Name)
			}
		}
		line := "  " + pad(s.Code, 10) + " " + pad(s.Name, nameWidth) + "  " + pad(stateLabel[s.State], 9)
		if s.State != "missing" {
			date := "không ghi ngày"
			if s.ReportDate != "" {
				date = s.ReportDate[8:10] + "/" + s.ReportDate[5:7] + "/" + s.ReportDate[0:4]
			}
			line += fmt.Sprintf("  %s  %d/%d nhiệm vụ  %d lỗi  %d cảnh báo  %s", pad(date, 10), s.TasksReported, s.TasksAssigned, s.Errors, s.Warnings, s.File)
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	if len(unknown) > 0 {
		fmt.Fprintln(w, "Tệp không đọc được hoặc không xác định được đơn vị (xem chi tiết bằng lệnh check):")
		for _, f := range unknown {
			fmt.Fprintf(w, "  %s\n", f)
		}
	}
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
