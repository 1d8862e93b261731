// Package catalogue reads a task catalogue written in TOML into the model.
//
// It takes the bytes of a catalogue file and gives a *model.Catalogue and
// every problem found, each with its line and key, in Vietnamese: syntax
// errors, keys the format does not know, values of the wrong type, and then
// everything model.Validate finds. The format is documented in
// examples/kontum-2024/catalogue.toml, which is also the default catalogue.
package catalogue

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"baocao/internal/model"
	"baocao/internal/problem"
)

// Sentinels of problems found while reading, before validation.
var (
	ErrSyntax     = errors.New("TOML syntax error")
	ErrUnknownKey = errors.New("unknown key")
	ErrType       = errors.New("value of the wrong type")
	ErrFormat     = errors.New("unsupported catalogue format")
)

// MaxSize is the largest catalogue file read, in bytes.
const MaxSize = 4 << 20

// Load reads and validates the catalogue at path. The error is for a file
// that cannot be read at all; problems with its content come in the list.
func Load(path string) (*model.Catalogue, problem.List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("không mở được tệp danh mục %s: %w", path, describeIOError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("không đọc được tệp danh mục %s: %w", path, describeIOError(err))
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%s là một thư mục, không phải tệp danh mục .toml", path)
	}
	if st.Size() > MaxSize {
		return nil, nil, fmt.Errorf("tệp danh mục %s quá lớn (%d byte, tối đa %d byte)", path, st.Size(), MaxSize)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, nil, fmt.Errorf("không đọc được tệp danh mục %s: %w", path, describeIOError(err))
	}
	c, probs := Parse(path, data)
	return c, probs, nil
}

func describeIOError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("không có tệp này")
	case errors.Is(err, os.ErrPermission):
		return errors.New("không có quyền đọc")
	}
	return errors.New("lỗi đọc tệp")
}

// Parse reads a catalogue from data; file names it in problems. It returns
// the catalogue (nil when the text could not be parsed at all) and every
// problem found, sorted by line.
func Parse(file string, data []byte) (*model.Catalogue, problem.List) {
	b := &binder{file: file}
	src := strings.TrimPrefix(string(data), "\uFEFF")
	if !utf8.ValidString(src) {
		line := 1 + strings.Count(src[:firstInvalid(src)], "\n")
		b.probs.Add(&problem.Problem{File: file, Line: line, Severity: problem.Error, Err: ErrSyntax,
			Message: "tệp không phải văn bản UTF-8",
			Hint:    "lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)"})
		return nil, b.probs
	}
	if line, deep := tooDeep(src); deep {
		b.probs.Add(&problem.Problem{File: file, Line: line, Severity: problem.Error, Err: ErrSyntax,
			Message: fmt.Sprintf("dấu ngoặc [ ] hoặc { } lồng nhau quá %d cấp", maxNesting),
			Hint:    "danh mục không cần lồng ngoặc sâu như vậy; kiểm tra các dấu ngoặc ở dòng này"})
		return nil, b.probs
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		b.probs.Add(syntaxProblem(file, err))
		return nil, b.probs
	}
	b.pos = scanPositions(src)
	root := b.root(raw)
	c := b.catalogue(root)
	c.File = file
	sum := sha256.Sum256([]byte(src))
	c.Hash = hex.EncodeToString(sum[:])[:16]
	if c.Format != model.FormatVersion {
		// A catalogue of another format version cannot be trusted further.
		return c, b.probs
	}
	// A value of the wrong type was already reported and reads as empty:
	// validation would only report it again as missing.
	reported := map[string]bool{}
	for _, p := range b.probs {
		reported[fmt.Sprint(p.Line, p.Key)] = true
	}
	for _, p := range c.Validate() {
		if !reported[fmt.Sprint(p.Line, p.Key)] {
			b.probs.Add(p)
		}
	}
	b.probs.Sort()
	return c, b.probs
}

// maxNesting is deeper than any catalogue nests brackets; the TOML library
// takes minutes on hundreds of thousands of levels.
const maxNesting = 32

// tooDeep reports the line where brackets outside strings and comments nest
// deeper than maxNesting.
func tooDeep(src string) (int, bool) {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			line++
		case '"', '\'':
			delim := string(c)
			if strings.HasPrefix(src[i:], strings.Repeat(delim, 3)) {
				delim = strings.Repeat(delim, 3)
			}
			j := i + len(delim)
			for j < len(src) && !strings.HasPrefix(src[j:], delim) {
				if src[j] == '\\' && c == '"' {
					j++
				} else if src[j] == '\n' {
					line++
				}
				j++
			}
			i = j + len(delim) - 1
		case '[', '{':
			depth++
			if depth > maxNesting {
				return line, true
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, false
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			return i
		}
	}
	return len(s)
}

// syntaxProblem turns the TOML library's parse error into a Vietnamese
// problem; the library's English never reaches the user.
func syntaxProblem(file string, err error) *problem.Problem {
	p := &problem.Problem{File: file, Severity: problem.Error, Err: ErrSyntax,
		Message: "lỗi cú pháp TOML",
		Hint:    "kiểm tra dấu “=”, dấu ngoặc kép và dấu ngoặc vuông ở dòng này và dòng trước nó"}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return p
	}
	p.Line = pe.Position.Line
	if pe.LastKey != "" {
		p.Key = stripIndices(pe.LastKey)
	}
	msg := pe.Message
	switch {
	case strings.Contains(msg, "has already been defined"), strings.Contains(msg, "already created"):
		p.Message = "khóa được ghi hai lần"
		p.Hint = "mỗi khóa chỉ ghi một lần trong một bảng; với danh sách nhiều mục dùng [[...]]"
	case strings.Contains(msg, "expected '\"'"), strings.Contains(msg, "strings cannot contain newlines"):
		p.Message = "chuỗi văn bản chưa được đóng dấu ngoặc kép"
		p.Hint = "thêm dấu “\"” ở cuối đoạn văn bản; văn bản nhiều dòng đặt trong ba dấu ngoặc kép \"\"\" ... \"\"\""
	case strings.Contains(msg, `expected '"""'`):
		p.Message = "đoạn văn bản nhiều dòng chưa được đóng bằng \"\"\""
		p.Hint = "thêm \"\"\" ở cuối đoạn văn bản"
	case strings.Contains(msg, "expected a comma (',') or array terminator"):
		p.Message = "danh sách thiếu dấu phẩy hoặc dấu đóng “]”"
		p.Hint = "các mục trong [ ... ] cách nhau bằng dấu phẩy, danh sách kết thúc bằng “]”"
	case strings.Contains(msg, "inline table terminator"):
		p.Message = "bảng trên một dòng thiếu dấu phẩy hoặc dấu đóng “}”"
		p.Hint = "ví dụ: timeframe = { kind = \"due\", due = 2024-06-30 }"
	case strings.Contains(msg, "expected value but found"), strings.Contains(msg, "expected value"):
		p.Message = "giá trị không hợp lệ hoặc bị thiếu sau dấu “=”"
		p.Hint = "văn bản đặt trong dấu ngoặc kép, ngày ghi dạng 2024-12-15, danh sách đặt trong [ ]"
	case strings.Contains(msg, "key separator"), strings.Contains(msg, "expected '.' or '='"):
		p.Message = "thiếu dấu “=” sau tên khóa"
		p.Hint = "mỗi dòng có dạng: khóa = giá trị"
	case strings.Contains(msg, "table name"), strings.Contains(msg, "table array name"):
		p.Message = "tên bảng trong [ ] hoặc [[ ]] không hợp lệ"
		p.Hint = "ví dụ: [[tasks]] hoặc [issuer.signer]"
	case strings.Contains(msg, "end with a newline"):
		p.Message = "thừa nội dung sau giá trị trên cùng một dòng"
		p.Hint = "mỗi khóa ghi trên một dòng riêng; ghi chú bắt đầu bằng “#”"
	case strings.Contains(strings.ToLower(msg), "date"), strings.Contains(msg, "month"), strings.Contains(msg, "day"):
		p.Message = "ngày không hợp lệ"
		p.Hint = "ghi ngày có thật, dạng năm-tháng-ngày, ví dụ 2024-12-15"
	case strings.Contains(msg, "escape"):
		p.Message = "dấu “\\” trong chuỗi không hợp lệ"
		p.Hint = "viết “\\\\” cho một dấu gạch chéo ngược, hoặc dùng dấu nháy đơn ' ... '"
	case strings.Contains(msg, "unexpected EOF"):
		p.Message = "tệp kết thúc khi một giá trị còn dang dở"
		p.Hint = "kiểm tra dấu ngoặc kép, ngoặc vuông và ngoặc nhọn chưa đóng"
	}
	return p
}

// binder fills the model from the decoded TOML, reporting values of the
// wrong type and unknown keys with their lines.
type binder struct {
	file  string
	pos   positions
	probs problem.List
}

// tbl is one TOML table being read. path carries array indices and finds
// lines; show is the key path printed to the user, without indices.
type tbl struct {
	b    *binder
	path string
	show string
	m    map[string]any
	used map[string]bool
}

func (b *binder) root(m map[string]any) *tbl {
	return &tbl{b: b, m: m, used: map[string]bool{}}
}

func (t *tbl) full(key string) string { return join(t.path, key) }

func (t *tbl) line(key string) int {
	if l, ok := t.b.pos[t.full(key)]; ok {
		return l
	}
	return t.b.pos[t.path]
}

func (t *tbl) problem(key string, err error, msg, hint string) {
	t.b.probs.Add(&problem.Problem{File: t.b.file, Line: t.line(key), Key: join(t.show, key),
		Severity: problem.Error, Err: err, Message: msg, Hint: hint})
}

// modelPos records the element's lines for validation messages.
func (t *tbl) modelPos() model.Pos {
	p := model.Pos{Path: t.show, Line: t.b.pos[t.path], Keys: map[string]int{}}
	for k, v := range t.m {
		p.Keys[k] = t.line(k)
		if list, ok := v.([]any); ok {
			for i := range list {
				item := k + "[" + strconv.Itoa(i) + "]"
				if l, ok := t.b.pos[t.full(item)]; ok {
					p.Keys[item] = l
				}
			}
		}
	}
	return p
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "văn bản"
	case int64:
		return "số nguyên"
	case float64:
		return "số"
	case bool:
		return "true/false"
	case time.Time:
		return "ngày giờ"
	case []any:
		return "danh sách"
	case map[string]any:
		return "bảng"
	case []map[string]any:
		return "danh sách bảng"
	}
	return "giá trị khác"
}

func (t *tbl) get(key string) (any, bool) {
	t.used[key] = true
	v, ok := t.m[key]
	return v, ok
}

func (t *tbl) str(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.problem(key, ErrType, fmt.Sprintf("“%s” phải là văn bản, không phải %s", key, typeName(v)),
			"đặt văn bản trong dấu ngoặc kép, ví dụ "+key+" = \"...\"")
	}
	return s
}

// strs reads a list of texts; a single text is taken as a list of one.
func (t *tbl) strs(key string) []string {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				t.b.probs.Add(&problem.Problem{File: t.b.file, Line: t.line(key + "[" + strconv.Itoa(i) + "]"),
					Key: join(t.show, key), Severity: problem.Error, Err: ErrType,
					Message: fmt.Sprintf("mục thứ %d của “%s” phải là văn bản, không phải %s", i+1, key, typeName(item)),
					Hint:    "đặt mỗi mục trong dấu ngoặc kép, ví dụ [\"SKHCN\", \"SYT\"]"})
				continue
			}
			out = append(out, s)
		}
		return out
	}
	t.problem(key, ErrType, fmt.Sprintf("“%s” phải là danh sách văn bản, không phải %s", key, typeName(v)),
		"ví dụ "+key+" = [\"SKHCN\", \"SYT\"]")
	return nil
}

func (t *tbl) date(key string) time.Time {
	v, ok := t.get(key)
	if !ok {
		return time.Time{}
	}
	d, isTime := v.(time.Time)
	switch {
	case !isTime:
		hint := "ghi ngày dạng năm-tháng-ngày, không đặt trong dấu ngoặc kép, ví dụ " + key + " = 2024-12-15"
		t.problem(key, model.ErrDate, fmt.Sprintf("“%s” phải là một ngày, không phải %s", key, typeName(v)), hint)
		return time.Time{}
	case d.Location().String() != "date-local":
		t.problem(key, model.ErrDate, fmt.Sprintf("“%s” chỉ ghi ngày, không ghi giờ", key),
			"ghi ngày dạng năm-tháng-ngày, ví dụ "+key+" = 2024-12-15")
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

func (t *tbl) integer(key string) int {
	v, ok := t.get(key)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		t.problem(key, ErrType, fmt.Sprintf("“%s” phải là số nguyên, không phải %s", key, typeName(v)), "ví dụ "+key+" = 1")
	}
	return int(n)
}

func (t *tbl) boolean(key string) bool {
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.problem(key, ErrType, fmt.Sprintf("“%s” phải là true hoặc false, không phải %s", key, typeName(v)),
			"ghi "+key+" = true hoặc "+key+" = false, không đặt trong dấu ngoặc kép")
	}
	return b
}

// sub reads a table; a missing one reads as empty.
func (t *tbl) sub(key string) *tbl {
	st := &tbl{b: t.b, path: t.full(key), show: join(t.show, key), m: map[string]any{}, used: map[string]bool{}}
	v, ok := t.get(key)
	if !ok {
		return st
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.problem(key, ErrType, fmt.Sprintf("“%s” phải là một bảng, không phải %s", key, typeName(v)),
			"ghi thành bảng ["+join(t.show, key)+"] hoặc { ... }")
		return st
	}
	st.m = m
	return st
}

// list reads an array of tables ([[key]]).
func (t *tbl) list(key string) []*tbl {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any:
		for _, item := range v {
			m, ok := item.(map[string]any)
			if !ok {
				t.problem(key, ErrType, fmt.Sprintf("“%s” phải là danh sách bảng [[%s]]", key, join(t.show, key)),
					"mỗi mục ghi thành một khối bắt đầu bằng [["+join(t.show, key)+"]]")
				return nil
			}
			ms = append(ms, m)
		}
	default:
		t.problem(key, ErrType, fmt.Sprintf("“%s” phải là danh sách bảng [[%s]], không phải %s", key, join(t.show, key), typeName(v)),
			"mỗi mục ghi thành một khối bắt đầu bằng [["+join(t.show, key)+"]]")
		return nil
	}
	out := make([]*tbl, len(ms))
	for i, m := range ms {
		out[i] = &tbl{b: t.b, path: t.full(key) + "[" + strconv.Itoa(i) + "]", show: join(t.show, key), m: m, used: map[string]bool{}}
	}
	return out
}

// finish reports every key of the table that was not read.
func (t *tbl) finish(known ...string) {
	var unknown []string
	for k := range t.m {
		if !t.used[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		where := "ở đầu tệp"
		if t.show != "" {
			where = "trong [" + t.show + "]"
		}
		t.problem(k, ErrUnknownKey, fmt.Sprintf("khóa “%s” không có trong định dạng danh mục %s", k, where),
			"kiểm tra chính tả; các khóa hợp lệ ở đây: "+strings.Join(known, ", "))
	}
}

func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (b *binder) catalogue(root *tbl) *model.Catalogue {
	c := &model.Catalogue{}
	c.Format = root.integer("format")
	if _, ok := root.m["format"]; !ok {
		root.problem("format", ErrFormat, "thiếu khóa “format” (phiên bản định dạng danh mục)",
			fmt.Sprintf("ghi format = %d ở đầu tệp", model.FormatVersion))
	} else if c.Format != model.FormatVersion {
		root.problem("format", ErrFormat, fmt.Sprintf("định dạng danh mục phiên bản %d không được hỗ trợ", c.Format),
			fmt.Sprintf("chương trình này đọc định dạng phiên bản %d; dùng bản baocao phù hợp hoặc chuyển danh mục sang định dạng %d", model.FormatVersion, model.FormatVersion))
	}
	c.ID = root.str("id")
	c.Version = root.str("version")
	c.Pos = root.modelPos()

	plan := root.sub("plan")
	c.Plan.Document = b.document(plan)
	c.Plan.Short = plan.str("short")
	for _, d := range plan.list("implements") {
		c.Plan.Implements = append(c.Plan.Implements, b.document(d))
		d.finish(documentKeys...)
	}
	plan.finish(append(documentKeys, "short", "implements")...)

	// One period ([period]) or several ([[periods]]: a plan reporting
	// twice a year); the first is reported on until one is chosen.
	period := func(per *tbl) model.Period {
		p := model.Period{Label: per.str("label"), Start: per.date("start"), End: per.date("end"),
			Deadline: per.date("deadline"), Pos: per.modelPos()}
		per.finish("label", "start", "end", "deadline")
		return p
	}
	_, one := root.m["period"]
	_, many := root.m["periods"]
	if one || !many { // without either, the empty [period] is named by validation
		c.Periods = []model.Period{period(root.sub("period"))}
	}
	if many {
		var ps []model.Period
		list := root.list("periods")
		for _, per := range list {
			ps = append(ps, period(per))
		}
		if one && len(list) > 0 {
			list[0].problem("", ErrType, "danh mục có cả [period] và [[periods]]",
				"ghi một kỳ báo cáo bằng [period], hoặc nhiều kỳ bằng các khối [[periods]], không cả hai")
		} else {
			c.Periods = ps
		}
	}
	if len(c.Periods) > 0 {
		c.Period = c.Periods[0]
	} else {
		root.problem("periods", ErrType, "danh mục chưa có kỳ báo cáo nào", "thêm khối [period] hoặc các khối [[periods]]")
	}

	c.Issuer = b.issuer(root.sub("issuer"))

	for _, k := range root.list("kinds") {
		c.Kinds = append(c.Kinds, model.Kind{Code: k.str("code"), Name: k.str("name"), Pos: k.modelPos()})
		k.finish("code", "name")
	}
	for _, u := range root.list("units") {
		c.Units = append(c.Units, model.Unit{Code: u.str("code"), Name: u.str("name"), ShortName: u.str("short_name"),
			Kind: u.str("kind"), Aliases: u.strs("aliases"), Successors: u.strs("successors"), Predecessors: u.strs("predecessors"),
			Pos: u.modelPos()})
		u.finish("code", "name", "short_name", "kind", "aliases", "successors", "predecessors")
	}
	for _, g := range root.list("groups") {
		c.Groups = append(c.Groups, model.Group{Code: g.str("code"), Name: g.str("name"), Members: g.strs("members"),
			Kinds: g.strs("kinds"), Open: g.boolean("open"), Pos: g.modelPos()})
		g.finish("code", "name", "members", "kinds", "open")
	}
	for _, s := range root.list("sections") {
		c.Sections = append(c.Sections, model.Section{Number: s.str("number"), Title: s.str("title"), Pos: s.modelPos()})
		s.finish("number", "title")
	}
	for _, t := range root.list("tasks") {
		c.Tasks = append(c.Tasks, b.task(t))
	}
	for _, in := range root.list("indicators") {
		c.Indicators = append(c.Indicators, model.Indicator{Code: in.str("code"), Name: in.str("name"), Unit: in.str("unit"), Pos: in.modelPos()})
		in.finish("code", "name", "unit")
	}
	root.finish("format", "id", "version", "plan", "period", "periods", "issuer", "kinds", "units", "groups", "sections", "tasks", "indicators")
	return c
}

var documentKeys = []string{"kind", "number", "date", "date_text", "issuer", "title"}

func (b *binder) document(t *tbl) model.Document {
	return model.Document{Kind: t.str("kind"), Number: t.str("number"), Date: t.date("date"),
		DateText: t.str("date_text"), Issuer: t.str("issuer"), Title: t.str("title"), Pos: t.modelPos()}
}

func (b *binder) issuer(t *tbl) model.Issuer {
	is := model.Issuer{Superior: t.str("superior"), Body: t.str("body"), Symbol: t.str("symbol"), Place: t.str("place"),
		DraftingUnit: t.str("drafting_unit"), Addressees: t.strs("addressees"), Recipients: t.strs("recipients"), Pos: t.modelPos()}
	s := t.sub("signer")
	is.Signer = model.Signer{Authority: s.str("authority"), Title: s.str("title"), Name: s.str("name"), Pos: s.modelPos()}
	s.finish("authority", "title", "name")
	ct := t.sub("contact")
	is.Contact = model.Contact{Name: ct.str("name"), Phone: ct.str("phone"), Email: ct.str("email"), Pos: ct.modelPos()}
	ct.finish("name", "phone", "email")
	t.finish("superior", "body", "symbol", "place", "drafting_unit", "addressees", "recipients", "signer", "contact")
	return is
}

func (b *binder) task(t *tbl) model.Task {
	task := model.Task{Number: t.str("number"), Section: t.str("section"), Title: t.str("title"),
		Content: strings.TrimSpace(t.str("content")), Footnotes: t.strs("footnotes"),
		Lead: t.strs("lead"), LeadText: t.str("lead_text"),
		Coordinators: t.strs("coordinators"), CoordinatorsText: t.str("coordinators_text"), Pos: t.modelPos()}
	tf := t.sub("timeframe")
	task.Timeframe = model.Timeframe{Kind: model.TimeframeKind(tf.str("kind")), Text: tf.str("text"), Due: tf.date("due"), Pos: tf.modelPos()}
	if _, ok := t.m["timeframe"]; !ok {
		task.Timeframe.Pos = t.modelPos()
		task.Timeframe.Pos.Path = tf.show
	}
	tf.finish("kind", "text", "due")
	for _, f := range t.list("fields") {
		task.Fields = append(task.Fields, model.Field{Label: f.str("label"), Text: f.str("text")})
		f.finish("label", "text")
	}
	t.finish("number", "section", "title", "content", "footnotes", "lead", "lead_text", "coordinators", "coordinators_text", "timeframe", "fields")
	return task
}
