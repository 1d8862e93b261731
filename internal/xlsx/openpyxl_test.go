package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"baocao/internal/xlsx"
)

// The fixtures of testdata/openpyxl were written by openpyxl through
// make.py there, which also wrote what each holds (NAME.json).

type pyBook struct {
	File     string    `json:"file"`
	Date1904 bool      `json:"date1904"`
	Sheets   []pySheet `json:"sheets"`
}

type pySheet struct {
	Name       string   `json:"name"`
	Hidden     bool     `json:"hidden"`
	HiddenRows []int    `json:"hidden_rows"`
	Merges     []string `json:"merges"`
	Cells      []pyCell `json:"cells"`
}

type pyCell struct {
	Ref     string  `json:"ref"`
	Type    string  `json:"type"`
	Value   string  `json:"value"`
	Number  float64 `json:"number"`
	Formula string  `json:"formula"`
	Time    string  `json:"time"`
}

const openpyxlDir = "testdata/openpyxl"

// Every cell openpyxl wrote reads back as written, and no other cell
// holds anything.
func TestOpenpyxl(t *testing.T) {
	jsons, _ := filepath.Glob(filepath.Join(openpyxlDir, "*.json"))
	if len(jsons) != 3 {
		t.Fatalf("%d fixtures", len(jsons))
	}
	for _, j := range jsons {
		var want pyBook
		data, err := os.ReadFile(j)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		t.Run(want.File, func(t *testing.T) {
			b, err := xlsx.Open(filepath.Join(openpyxlDir, want.File), xlsx.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			if b.Date1904 != want.Date1904 || len(b.Sheets) != len(want.Sheets) {
				t.Fatalf("date1904 %v, %d sheets", b.Date1904, len(b.Sheets))
			}
			for i, ws := range want.Sheets {
				s := b.Sheets[i]
				if s.Name != ws.Name || s.Hidden != ws.Hidden {
					t.Errorf("sheet %d: %q hidden %v, want %q %v", i, s.Name, s.Hidden, ws.Name, ws.Hidden)
				}
				compareOpenpyxlSheet(t, b, s, ws)
			}
		})
	}
}

func compareOpenpyxlSheet(t *testing.T, b *xlsx.Book, s *xlsx.Sheet, ws pySheet) {
	t.Helper()
	written := map[string]bool{}
	for _, w := range ws.Cells {
		written[w.Ref] = true
		col, row, ok := xlsx.ParseCellName(w.Ref)
		if !ok {
			t.Fatalf("ref %q", w.Ref)
		}
		c := s.Peek(row, col)
		if c.Type.String() != w.Type || c.Formula != w.Formula {
			t.Errorf("%s!%s: %v %q formula %q, want %s formula %q", ws.Name, w.Ref, c.Type, c.Value, c.Formula, w.Type, w.Formula)
			continue
		}
		switch c.Type {
		case xlsx.Number:
			if f, ok := c.Float(); !ok || f != w.Number {
				t.Errorf("%s!%s: %q reads %v, want %v", ws.Name, w.Ref, c.Value, f, w.Number)
			}
		default:
			if c.Value != w.Value {
				t.Errorf("%s!%s: %q, want %q", ws.Name, w.Ref, c.Value, w.Value)
			}
		}
		tm, ok := c.Time(b.Date1904)
		if w.Time != "" {
			if got := tm.Format("2006-01-02T15:04:05.000"); !ok || got != w.Time {
				t.Errorf("%s!%s: time %s %v, want %s", ws.Name, w.Ref, got, ok, w.Time)
			}
		} else if ok && c.Type == xlsx.Date {
			t.Errorf("%s!%s: a date where none was written", ws.Name, w.Ref)
		}
	}
	for _, f := range b.Inventory() {
		if f.Sheet == s.Name && !written[xlsx.CellName(f.Col, f.Row)] {
			t.Errorf("%s!%s holds %+v, not written", ws.Name, xlsx.CellName(f.Col, f.Row), f.Cell)
		}
	}
	var hidden []int
	for r := 1; r <= max(s.MaxRow(), 20); r++ {
		if s.HiddenRow(r) {
			hidden = append(hidden, r)
		}
	}
	if len(hidden) != len(ws.HiddenRows) || len(hidden) > 0 && !reflect.DeepEqual(hidden, ws.HiddenRows) {
		t.Errorf("%s: hidden rows %v, want %v", ws.Name, hidden, ws.HiddenRows)
	}
	var merges []string
	for _, m := range s.Merges() {
		merges = append(merges, m.String())
	}
	if len(merges) != len(ws.Merges) || len(merges) > 0 && !reflect.DeepEqual(merges, ws.Merges) {
		t.Errorf("%s: merges %v, want %v", ws.Name, merges, ws.Merges)
	}
}

// The committed fixtures are what make.py writes today: run again, it
// writes the same parts and the same expectations.
func TestOpenpyxlFixturesCurrent(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run(); err != nil {
		t.Skip("no /usr/bin/python3 with openpyxl (Debian: apt-get install python3-openpyxl)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("/usr/bin/python3", filepath.Join(openpyxlDir, "make.py"), dir).CombinedOutput(); err != nil {
		t.Fatalf("make.py: %v\n%s", err, out)
	}
	fresh, _ := filepath.Glob(filepath.Join(dir, "*"))
	committed, _ := filepath.Glob(filepath.Join(openpyxlDir, "*.*[xn]"))
	var names, want []string
	for _, f := range fresh {
		names = append(names, filepath.Base(f))
	}
	for _, f := range committed {
		want = append(want, filepath.Base(f))
	}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("make.py writes %v, committed %v", names, want)
	}
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(openpyxlDir, name))
		if strings.HasSuffix(name, ".json") {
			var ja, jb any
			if json.Unmarshal(a, &ja) != nil || json.Unmarshal(b, &jb) != nil || !reflect.DeepEqual(ja, jb) {
				t.Errorf("%s differs from what make.py writes: run it again", name)
			}
			continue
		}
		// Zip entries carry the time of writing: the parts are compared.
		pa, pb := zipParts(t, a), zipParts(t, b)
		if !reflect.DeepEqual(pa, pb) {
			for k := range pa {
				if !bytes.Equal(pa[k], pb[k]) {
					t.Errorf("%s: part %s differs from what make.py writes: run it again", name, k)
				}
			}
			if len(pa) != len(pb) {
				t.Errorf("%s: %d parts, committed %d", name, len(pa), len(pb))
			}
		}
	}
}

func zipParts(t *testing.T, data []byte) map[string][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return out
}
