// Package sample makes filled workbooks from readable text: a TOML file
// saying, unit by unit, what each reports. It writes each unit's real
// template with those answers typed in, so the worked example and the
// tests go through exactly what units receive. The same sources give the
// same files.
package sample

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"baocao/internal/atomicfile"
	"baocao/internal/model"
	"baocao/internal/textnorm"
	"baocao/internal/xltemplate"
)

// Sources is the file's content.
type Sources struct {
	Reports []Report `toml:"reports"`
}

// Report is one unit's submission.
type Report struct {
	Unit       string             `toml:"unit"`
	File       string             `toml:"file"` // file name; the template's name when empty
	Reporter   string             `toml:"reporter"`
	Position   string             `toml:"position"`
	Phone      string             `toml:"phone"`
	Email      string             `toml:"email"`
	Date       time.Time          `toml:"date"`
	Default    *Answer            `toml:"default"` // for the required tasks not listed
	Tasks      []Answer           `toml:"tasks"`
	Indicators map[string]float64 `toml:"indicators"`
	Notes      map[string]string  `toml:"notes"`
}

// Answer is what the unit writes for a task. Encoding "vni" or "tcvn3"
// types the result and difficulties the way a legacy font would store them.
// In the default answer, "{title}" stands for the task's short title.
type Answer struct {
	Task         string    `toml:"task"`
	Status       string    `toml:"status"`
	Done         time.Time `toml:"done"`
	DoneText     string    `toml:"done_text"`
	Result       string    `toml:"result"`
	Documents    string    `toml:"documents"`
	Difficulties string    `toml:"difficulties"`
	Proposals    string    `toml:"proposals"`
	Encoding     string    `toml:"encoding"`
}

// Load reads sources from path, refusing unknown keys.
func Load(path string) (*Sources, error) {
	var s Sources
	md, err := toml.DecodeFile(path, &s)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s dòng %d: lỗi cú pháp TOML", path, pe.Position.Line)
		}
		return nil, fmt.Errorf("%s: không đọc được (%v)", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: khóa không dùng được: %v", path, und)
	}
	return &s, nil
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (a Answer) typed(title string) xltemplate.Answer {
	enc := func(s string) string {
		switch a.Encoding {
		case "vni":
			return textnorm.EncodeVNI(s)
		case "tcvn3":
			return textnorm.EncodeTCVN3(s)
		}
		return s
	}
	sub := func(s string) string { return strings.ReplaceAll(s, "{title}", strings.ToLower(title)) }
	return xltemplate.Answer{Status: a.Status, Done: day(a.Done), DoneText: a.DoneText,
		Result: enc(sub(a.Result)), Documents: sub(a.Documents), Difficulties: enc(sub(a.Difficulties)), Proposals: sub(a.Proposals)}
}

// Filled turns a report into what is typed into the template.
func (r Report) Filled(c *model.Catalogue) (*model.Unit, xltemplate.Filled, error) {
	u := c.UnitByCode(r.Unit)
	if u == nil {
		return nil, xltemplate.Filled{}, fmt.Errorf("đơn vị “%s” không có trong danh mục", r.Unit)
	}
	f := xltemplate.Filled{Reporter: r.Reporter, Position: r.Position, Phone: r.Phone, Email: r.Email, Date: day(r.Date),
		Answers: map[string]xltemplate.Answer{}, Indicators: r.Indicators, Notes: r.Notes}
	for _, a := range r.Tasks {
		t := c.TaskByNumber(a.Task)
		if t == nil {
			return nil, f, fmt.Errorf("%s: nhiệm vụ “%s” không có trong danh mục", r.Unit, a.Task)
		}
		f.Answers[a.Task] = a.typed(t.Title)
	}
	if r.Default != nil {
		for _, as := range c.Assignments(u.Code) {
			if _, ok := f.Answers[as.Task.Number]; !ok && as.Role.Required() {
				f.Answers[as.Task.Number] = r.Default.typed(as.Task.Title)
			}
		}
	}
	return u, f, nil
}

// Generate writes every report of s into dir and returns the paths, in
// the order of the reports. It uses every core.
func Generate(c *model.Catalogue, s *Sources, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, len(s.Reports))
	errs := make([]error, len(s.Reports))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := s.Reports[i]
				u, f, err := r.Filled(c)
				if err != nil {
					errs[i] = err
					continue
				}
				name := r.File
				if name == "" {
					name = xltemplate.FileName(u)
				}
				paths[i] = filepath.Join(dir, name)
				errs[i] = atomicfile.Write(paths[i], func(w io.Writer) error { return xltemplate.Fill(w, c, u, f) })
			}
		}()
	}
	for i := range s.Reports {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return paths, nil
}
