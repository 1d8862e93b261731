// Package cli is the baocao command line: it wires the stages together,
// prints what they find, and decides the exit status.
//
// Exit status, decided only in Run: 0 success; 1 the inputs have problems
// (listed on stderr, one per line); 2 a usage error or a file that cannot be
// read or written. Everything a user reads is Vietnamese.
package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	ucli "github.com/urfave/cli/v2"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/model"
	"baocao/internal/problem"
)

// Exit statuses.
const (
	ExitOK       = 0
	ExitProblems = 1
	ExitUsage    = 2
)

// Version is stamped into release builds with -ldflags "-X baocao/internal/cli.Version=...".
var Version = "dev"

// exitError carries an exit status and, when msg is not empty, a message
// for stderr.
type exitError struct {
	code  int
	msg   string
	usage bool // a mistake in the command line: point to the help
}

func (e *exitError) Error() string { return e.msg }

// usageError is a mistake in the command line (status 2).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...), usage: true}
}

// ioError is a file that cannot be read or written (status 2).
func ioError(format string, args ...any) error {
	return &exitError{code: ExitUsage, msg: fmt.Sprintf(format, args...)}
}

// errProblems means the inputs have problems, already printed (status 1).
var errProblems = &exitError{code: ExitProblems}

// env is what every command needs: where to write.
type env struct {
	stdout, stderr io.Writer
	progressShown  bool // a progress line is on stderr
}

// Run runs the command line args (args[0] is the program name) and returns
// the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	app := New(stdout, stderr)
	args, err := interspersed(app, args)
	if err == nil {
		err = app.Run(args)
	}
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Anything else comes from the command-line library: a usage error.
		ee = &exitError{code: ExitUsage, msg: translateUsage(err), usage: true}
	}
	if ee.msg != "" {
		fmt.Fprintln(stderr, "baocao: "+ee.msg)
	}
	if ee.usage {
		fmt.Fprintln(stderr, "Xem hướng dẫn: baocao --help")
	}
	return ee.code
}

// interspersed moves a command's flags before its paths, so that
// "baocao report subs --out x.pdf" works as users type it: the
// command-line library stops reading flags at the first path. "--" still
// ends the flags. A flag that takes a value but is given none (last on the
// line, or followed by another flag) is a usage error naming the flag:
// the library would take the next word as its value, or a path as one.
func interspersed(app *ucli.App, args []string) ([]string, error) {
	flagNamed := func(flags []ucli.Flag, arg string) ucli.Flag {
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		for _, f := range flags {
			for _, n := range f.Names() {
				if n == name {
					return f
				}
			}
		}
		return nil
	}
	takesValue := func(flags []ucli.Flag, arg string) bool {
		f := flagNamed(flags, arg)
		_, isBool := f.(*ucli.BoolFlag)
		return f != nil && !isBool && !strings.Contains(arg, "=")
	}
	// needsValue checks that the word after a flag taking a value is a value.
	command := ""
	needsValue := func(flags []ucli.Flag, arg string, rest []string) error {
		if len(rest) == 0 || (strings.HasPrefix(rest[0], "-") && len(rest[0]) > 1 && flagNamed(append(flags, app.Flags...), rest[0]) != nil) {
			return usageError("tùy chọn --%s cần một giá trị, ví dụ: %s", strings.TrimLeft(arg, "-"), valueExample(command, strings.TrimLeft(arg, "-")))
		}
		return nil
	}
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		if takesValue(app.Flags, args[i]) {
			if err := needsValue(app.Flags, args[i], args[i+1:]); err != nil {
				return nil, err
			}
			i++
		}
		i++
	}
	if i >= len(args) {
		return args, nil
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args, nil
	}
	command = cmd.Name
	out := append([]string{}, args[:i+1]...)
	var paths []string
	rest := args[i+1:]
	// A subcommand ("catalogue import") takes its own flags the same way.
	if len(rest) > 0 {
		for _, sub := range cmd.Subcommands {
			if sub.HasName(rest[0]) {
				cmd, command = sub, sub.Name
				out = append(out, rest[0])
				rest = rest[1:]
				break
			}
		}
	}
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		switch {
		case a == "--":
			paths = append(paths, rest[j:]...)
			j = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			out = append(out, a)
			if takesValue(cmd.Flags, a) {
				if err := needsValue(cmd.Flags, a, rest[j+1:]); err != nil {
					return nil, err
				}
				out = append(out, rest[j+1])
				j++
			}
		default:
			paths = append(paths, a)
		}
	}
	return append(out, paths...), nil
}

// valueExample is what a flag's value looks like, for messages.
func valueExample(command, flag string) string {
	switch flag {
	case "out", "o":
		switch command {
		case "template":
			return "--out bieu-mau"
		case "import":
			return "--out danh-muc-moi.toml"
		}
		return "--out bao-cao.pdf"
	case "xlsx":
		return "--xlsx tong-hop.xlsx"
	case "date":
		return "--date 20/12/2024"
	case "number":
		return "--number 05"
	case "catalogue", "c":
		return "--catalogue danh-muc.toml"
	}
	return "--" + flag + " GIÁ_TRỊ"
}

// translateUsage turns the command-line library's English into Vietnamese.
func translateUsage(err error) string {
	msg := err.Error()
	name := func(prefix string) string { return strings.TrimSpace(strings.TrimPrefix(msg, prefix)) }
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined:"):
		flag := name("flag provided but not defined:")
		if len(flag) > 2 && !strings.HasPrefix(flag, "--") {
			flag = "-" + flag // the library drops one dash of long names
		}
		switch strings.TrimLeft(flag, "-") {
		case "catalogue", "c":
			return "tùy chọn --catalogue phải đặt trước tên lệnh, ví dụ: baocao --catalogue danh-muc.toml catalogue"
		case "period", "p":
			return "tùy chọn --period phải đặt trước tên lệnh, ví dụ: baocao --period 2 report bao-cao-don-vi/"
		}
		return "không có tùy chọn " + flag
	case strings.HasPrefix(msg, "flag needs an argument:"):
		flag := strings.TrimLeft(name("flag needs an argument:"), "-")
		return "tùy chọn --" + flag + " cần một giá trị, ví dụ: " + valueExample("", flag)
	case strings.HasPrefix(msg, "Required flag"):
		// Required flag "out" not set
		flag := strings.Trim(strings.TrimSuffix(name("Required flag"), " not set"), `"`)
		return "thiếu tùy chọn --" + flag + ", ví dụ: " + valueExample("import", flag)
	case strings.HasPrefix(msg, "invalid value"):
		// invalid value "abc" for flag -max-file-size: parse error
		rest := name("invalid value")
		value, flag, _ := strings.Cut(rest, " for flag ")
		flag, _, _ = strings.Cut(flag, ":")
		return fmt.Sprintf("giá trị %s của tùy chọn --%s không hợp lệ: cần một số nguyên dương", strings.Trim(value, `"`), strings.TrimLeft(flag, "-"))
	}
	return "dòng lệnh không hợp lệ"
}

// New builds the application, writing to stdout and stderr.
func New(stdout, stderr io.Writer) *ucli.App {
	e := &env{stdout: stdout, stderr: stderr}
	app := &ucli.App{
		Name:      "baocao",
		Usage:     "tổng hợp báo cáo kết quả thực hiện kế hoạch từ biểu mẫu Excel của các đơn vị",
		UsageText: "baocao [--catalogue TỆP] LỆNH [tùy chọn] ...",
		Description: "Danh mục nhiệm vụ (TOML) → biểu mẫu Excel cho từng đơn vị → các đơn vị điền và gửi lại →\n" +
			"báo cáo tổng hợp (PDF theo Nghị định 30/2020/NĐ-CP) và bảng tổng hợp Excel.\n" +
			"Không có --catalogue: dùng danh mục mặc định (Kế hoạch 144-KH/TU tỉnh Kon Tum, năm 2024).",
		Version:         Version,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "catalogue", Aliases: []string{"c"}, Usage: "`TỆP` danh mục nhiệm vụ (.toml)", TakesFile: true},
			&ucli.StringFlag{Name: "period", Aliases: []string{"p"}, Usage: "`KỲ` báo cáo, khi danh mục có nhiều kỳ: tên kỳ (ví dụ \"6 tháng đầu năm 2025\") hoặc số thứ tự (1, 2...)"},
		},
		Commands: []*ucli.Command{
			e.catalogueCommand(),
			e.templateCommand(),
			e.checkCommand(),
			e.statusCommand(),
			e.reportCommand(),
		},
		CustomAppHelpTemplate: appHelp,
		ExitErrHandler:        func(*ucli.Context, error) {},
		OnUsageError: func(_ *ucli.Context, err error, _ bool) error {
			return usageError("%s", translateUsage(err))
		},
		Action: func(c *ucli.Context) error {
			if c.Args().Present() {
				return usageError("không có lệnh “%s”; các lệnh: %s", c.Args().First(), commandNames(c.App))
			}
			return ucli.ShowAppHelp(c)
		},
	}
	for _, cmd := range app.Commands {
		cmd.CustomHelpTemplate = commandHelp
		cmd.OnUsageError = app.OnUsageError
	}
	return app
}

func commandNames(app *ucli.App) string {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// The command-line library keeps its help and version flags in package
// variables: set them once, in Vietnamese.
func init() {
	ucli.HelpFlag = &ucli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "hiện hướng dẫn này"}
	ucli.VersionFlag = &ucli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "hiện phiên bản chương trình và danh mục mặc định"}
	ucli.VersionPrinter = func(c *ucli.Context) { printVersion(c.App.Writer) }
	ucli.FlagStringer = flagString
}

// flagString prints a flag in help as "--name, -n GIÁ_TRỊ  usage". A word in
// backquotes in the usage names the value, as in the library's convention.
func flagString(f ucli.Flag) string {
	var names []string
	for _, n := range f.Names() {
		if len(n) == 1 {
			names = append(names, "-"+n)
		} else {
			names = append(names, "--"+n)
		}
	}
	s := strings.Join(names, ", ")
	usage := ""
	if df, ok := f.(ucli.DocGenerationFlag); ok {
		usage = df.GetUsage()
		if df.TakesValue() {
			placeholder := "GIÁ_TRỊ"
			if i := strings.IndexByte(usage, '`'); i >= 0 {
				if j := strings.IndexByte(usage[i+1:], '`'); j >= 0 {
					placeholder = usage[i+1 : i+1+j]
					usage = usage[:i] + placeholder + usage[i+2+j:]
				}
			}
			s += " " + placeholder
		}
	}
	return fmt.Sprintf("%-26s %s", s, usage)
}

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "baocao %s\n", Version)
	c, _ := catalogue.Parse(examples.KontumCatalogueName, examples.KontumCatalogue)
	if c != nil {
		fmt.Fprintf(w, "Danh mục mặc định: %s, phiên bản %s (mã nội dung %s)\n", c.ID, c.Version, c.Hash)
	}
}

// loadCatalogue reads the catalogue named by --catalogue, or the embedded
// default. Problems are printed to stderr; with any error among them the
// command stops with status 1.
func (e *env) loadCatalogue(c *ucli.Context) (*model.Catalogue, error) {
	path := c.String("catalogue")
	var cat *model.Catalogue
	var probs problem.List
	if path == "" {
		cat, probs = catalogue.Parse(examples.KontumCatalogueName, examples.KontumCatalogue)
	} else {
		var err error
		cat, probs, err = catalogue.Load(path)
		if err != nil {
			return nil, ioError("%s", err.Error())
		}
	}
	e.printProblems(probs)
	if probs.HasErrors() {
		errs, _ := probs.Count()
		fmt.Fprintf(e.stderr, "Danh mục có %d lỗi; sửa các lỗi trên rồi chạy lại.\n", errs)
		return nil, errProblems
	}
	switch key := c.String("period"); {
	case key != "":
		if err := cat.SelectPeriod(key); err != nil {
			return nil, usageError("--period: %s", strings.TrimPrefix(err.Error(), model.ErrNoSuchPeriod.Error()+": "))
		}
	case len(cat.Periods) > 1:
		cat.Period = cat.PeriodFor(day(today()))
		other := 1
		for i, p := range cat.Periods {
			if p.Label != cat.Period.Label {
				other = i + 1
				break
			}
		}
		fmt.Fprintf(e.stderr, "Danh mục có %d kỳ báo cáo; đang dùng kỳ “%s” (hạn gửi %s). Chọn kỳ khác bằng --period, ví dụ: baocao --catalogue %s --period %d %s\n",
			len(cat.Periods), cat.Period.Label, cat.Period.Deadline.Format("02/01/2006"), path, other, c.Command.Name)
	}
	return cat, nil
}

func (e *env) printProblems(probs problem.List) {
	for _, p := range probs {
		fmt.Fprintln(e.stderr, p.Error())
	}
}

const appHelp = `{{.Name}} — {{.Usage}}

Cách dùng:
   {{.UsageText}}

{{.Description}}

Các lệnh:{{range .VisibleCommands}}
   {{printf "%-10s" .Name}} {{.Usage}}{{end}}

Tùy chọn chung (đặt trước tên lệnh):{{range .VisibleFlags}}
   {{.}}{{end}}

Xem hướng dẫn của từng lệnh: baocao LỆNH --help

`

const commandHelp = `baocao {{.Name}} — {{.Usage}}

Cách dùng:
   {{.UsageText}}
{{if .Description}}
{{.Description}}
{{end}}{{if .VisibleFlags}}
Tùy chọn:{{range .VisibleFlags}}
   {{.}}{{end}}
{{end}}`
