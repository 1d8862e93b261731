package catalogue

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"baocao/internal/model"
)

// Notes are the comments Write puts in a catalogue: lines at the head of
// the file, and lines above an element or after a key, by path: "plan",
// "plan.number", "period", "issuer.signer.name", "units[3]", "tasks[0]",
// "tasks[0].lead".
type Notes struct {
	Head []string
	At   map[string][]string
}

// Write writes c as a catalogue file in the format Parse reads, with the
// comments in notes: what "catalogue import" drafts for the compiler to
// review. Parse(Write(c)) gives c back.
func Write(w io.Writer, c *model.Catalogue, notes Notes) error {
	t := &tomlWriter{notes: notes.At}
	for _, l := range notes.Head {
		t.comment(l)
	}
	if len(notes.Head) > 0 {
		t.line("")
	}
	t.key("", "format", fmt.Sprint(model.FormatVersion))
	t.key("", "id", str(c.ID))
	t.key("", "version", str(c.Version))

	t.table("plan", "[plan]")
	doc := func(path string, d model.Document) {
		t.key(path, "kind", str(d.Kind))
		t.key(path, "number", str(d.Number))
		if !d.Date.IsZero() {
			t.key(path, "date", date(d.Date))
		}
		if d.DateText != "" {
			t.key(path, "date_text", str(d.DateText))
		}
		t.key(path, "issuer", str(d.Issuer))
		if d.Title != "" {
			t.key(path, "title", str(d.Title))
		}
	}
	doc("plan", c.Plan.Document)
	if c.Plan.Short != "" {
		t.key("plan", "short", str(c.Plan.Short))
	}
	for i, d := range c.Plan.Implements {
		p := fmt.Sprintf("plan.implements[%d]", i)
		t.table(p, "[[plan.implements]]")
		doc(p, d)
	}

	periods := c.Periods
	if len(periods) == 0 {
		periods = []model.Period{c.Period}
	}
	for i, p := range periods {
		path, head := "period", "[period]"
		if len(periods) > 1 {
			path, head = fmt.Sprintf("periods[%d]", i), "[[periods]]"
		}
		t.table(path, head)
		t.key(path, "label", str(p.Label))
		t.key(path, "start", date(p.Start))
		t.key(path, "end", date(p.End))
		t.key(path, "deadline", date(p.Deadline))
	}

	is := c.Issuer
	t.table("issuer", "[issuer]")
	t.key("issuer", "superior", str(is.Superior))
	t.key("issuer", "body", str(is.Body))
	t.key("issuer", "symbol", str(is.Symbol))
	t.key("issuer", "place", str(is.Place))
	t.key("issuer", "drafting_unit", str(is.DraftingUnit))
	t.key("issuer", "addressees", strs(is.Addressees))
	t.key("issuer", "recipients", strs(is.Recipients))
	t.table("issuer.signer", "[issuer.signer]")
	if is.Signer.Authority != "" {
		t.key("issuer.signer", "authority", str(is.Signer.Authority))
	}
	t.key("issuer.signer", "title", str(is.Signer.Title))
	t.key("issuer.signer", "name", str(is.Signer.Name))
	if ct := is.Contact; ct.Name != "" || ct.Phone != "" || ct.Email != "" {
		t.table("issuer.contact", "[issuer.contact]")
		t.key("issuer.contact", "name", str(ct.Name))
		t.key("issuer.contact", "phone", str(ct.Phone))
		t.key("issuer.contact", "email", str(ct.Email))
	}

	for i, k := range c.Kinds {
		p := fmt.Sprintf("kinds[%d]", i)
		t.table(p, "[[kinds]]")
		t.key(p, "code", str(k.Code))
		t.key(p, "name", str(k.Name))
	}
	for i, u := range c.Units {
		p := fmt.Sprintf("units[%d]", i)
		t.table(p, "[[units]]")
		t.key(p, "code", str(u.Code))
		t.key(p, "name", str(u.Name))
		t.key(p, "short_name", str(u.ShortName))
		t.key(p, "kind", str(u.Kind))
		if len(u.Aliases) > 0 {
			t.key(p, "aliases", strs(u.Aliases))
		}
		if len(u.Successors) > 0 {
			t.key(p, "successors", strs(u.Successors))
		}
		if len(u.Predecessors) > 0 {
			t.key(p, "predecessors", strs(u.Predecessors))
		}
	}
	for i, g := range c.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		t.table(p, "[[groups]]")
		t.key(p, "code", str(g.Code))
		t.key(p, "name", str(g.Name))
		if len(g.Members) > 0 {
			t.key(p, "members", strs(g.Members))
		}
		if len(g.Kinds) > 0 {
			t.key(p, "kinds", strs(g.Kinds))
		}
		if g.Open {
			t.key(p, "open", "true")
		}
	}
	for i, s := range c.Sections {
		p := fmt.Sprintf("sections[%d]", i)
		t.table(p, "[[sections]]")
		t.key(p, "number", str(s.Number))
		t.key(p, "title", str(s.Title))
	}
	for i, task := range c.Tasks {
		p := fmt.Sprintf("tasks[%d]", i)
		t.table(p, "[[tasks]]")
		t.key(p, "number", str(task.Number))
		t.key(p, "section", str(task.Section))
		t.key(p, "title", str(task.Title))
		t.key(p, "content", multiline(task.Content))
		if len(task.Footnotes) > 0 {
			t.key(p, "footnotes", strs(task.Footnotes))
		}
		t.key(p, "lead", strs(task.Lead))
		if task.LeadText != "" {
			t.key(p, "lead_text", str(task.LeadText))
		}
		t.key(p, "coordinators", strs(task.Coordinators))
		if task.CoordinatorsText != "" {
			t.key(p, "coordinators_text", str(task.CoordinatorsText))
		}
		tf := task.Timeframe
		v := "{ kind = " + str(string(tf.Kind))
		if tf.Text != "" {
			v += ", text = " + str(tf.Text)
		}
		if !tf.Due.IsZero() {
			v += ", due = " + date(tf.Due)
		}
		t.key(p, "timeframe", v+" }")
		for j, f := range task.Fields {
			fp := fmt.Sprintf("%s.fields[%d]", p, j)
			t.table(fp, "[[tasks.fields]]")
			t.key(fp, "label", str(f.Label))
			t.key(fp, "text", str(f.Text))
		}
	}
	for i, in := range c.Indicators {
		p := fmt.Sprintf("indicators[%d]", i)
		t.table(p, "[[indicators]]")
		t.key(p, "code", str(in.Code))
		t.key(p, "name", str(in.Name))
		t.key(p, "unit", str(in.Unit))
	}
	_, err := io.WriteString(w, t.b.String())
	return err
}

type tomlWriter struct {
	b     strings.Builder
	notes map[string][]string
}

func (t *tomlWriter) line(s string) { t.b.WriteString(s + "\n") }

// comment writes a comment; a line break in it continues the comment.
func (t *tomlWriter) comment(s string) {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	for _, l := range strings.Split(s, "\n") {
		t.line(strings.TrimRight("# "+l, " "))
	}
}

// table starts a table, after a blank line and the notes about it.
func (t *tomlWriter) table(path, header string) {
	t.line("")
	for _, n := range t.notes[path] {
		t.comment(n)
	}
	t.line(header)
}

// key writes key = value, the notes about it in comments above.
func (t *tomlWriter) key(path, key, value string) {
	full := key
	if path != "" {
		full = path + "." + key
	}
	for _, n := range t.notes[full] {
		t.comment(n)
	}
	t.line(key + " = " + value)
}

func date(d time.Time) string { return d.Format("2006-01-02") }

// str is a TOML basic string.
func str(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	escape(&b, s, false)
	b.WriteByte('"')
	return b.String()
}

func strs(xs []string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = str(x)
	}
	one := "[" + strings.Join(parts, ", ") + "]"
	if utf8.RuneCountInString(one) <= 100 {
		return one
	}
	return "[\n  " + strings.Join(parts, ",\n  ") + ",\n]"
}

// multiline is a TOML multi-line basic string, one paragraph a line, as
// the catalogue writes contents.
func multiline(s string) string {
	var b strings.Builder
	b.WriteString("\"\"\"\n")
	escape(&b, s, true)
	b.WriteString("\"\"\"")
	return b.String()
}

// escape writes s escaped for a basic string; in a multi-line one, line
// feeds stay.
func escape(b *strings.Builder, s string, lines bool) {
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n' && lines:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}
