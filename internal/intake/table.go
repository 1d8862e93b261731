package intake

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"baocao/internal/form"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// tableSpec is one table of the unit workbook, as package form describes
// it, and what intake makes of its rows. The reading loop (readTable) is
// the same for every table; a spec says only how a row's key is looked up
// and what its parsed values become.
type tableSpec struct {
	sheet   string        // the sheet's name in the template
	columns []form.Column // the table's columns; one has Kind Key
	// row decides whether a row with a key is read: it names in a problem
	// a key it does not know, a row written twice, a row that is not the
	// unit's. filled says whether any input cell holds something.
	row func(rd *reading, t *table, r int, key string, filled bool) bool
	// take receives the parsed input values of a row that is read.
	take func(rd *reading, t *table, r int, key string, vals values)
	// noKey is the problem for input in a row without a key.
	noKey func(rd *reading, t *table, r int)
}

// table is a table found in a workbook.
type table struct {
	spec   *tableSpec
	sheet  *xlsx.Sheet
	header int            // the header row
	cols   map[string]int // column (from 1) of each column key found
}

// keyCol is the column of the table's key.
func (t *table) keyCol() int {
	for _, c := range t.spec.columns {
		if c.Kind == form.Key {
			return t.cols[c.Key]
		}
	}
	return 0
}

// value is one parsed input cell.
type value struct {
	empty  bool
	text   model.Text   // form.Text
	status model.Status // form.Status, "" when not valid
	date   time.Time    // form.Date, zero when not valid
	num    float64      // form.Number
	ok     bool         // a valid date or number
	ref    model.Ref
}

// values are a row's input values, by column key.
type values map[string]*value

// get returns the value of a column, an empty one when the table has no
// such column.
func (v values) get(key string) *value {
	if x, ok := v[key]; ok {
		return x
	}
	return &value{empty: true}
}

// findTable finds a table by its header row: in the sheet of its name, or
// (when the sheet was renamed) in any sheet not already holding a table.
func (rd *reading) findTable(spec *tableSpec, anywhere bool) *table {
	try := func(s *xlsx.Sheet) *table {
		if s == nil {
			return nil
		}
		if hr, cols := header(s, spec.columns); hr > 0 {
			return &table{spec: spec, sheet: s, header: hr, cols: cols}
		}
		return nil
	}
	if t := try(rd.sheetNamed(spec.sheet)); t != nil {
		return t
	}
	if anywhere {
		for _, s := range rd.book.Sheets {
			if rd.tableSheets[s] {
				continue
			}
			if t := try(s); t != nil {
				return t
			}
		}
	}
	return nil
}

// readTable reads a table row by row: the rows above the header and the
// header are the template's text; every row after it with a key goes
// through the spec's row decision, then its input cells through the parse
// function of their kind.
func (rd *reading) readTable(t *table) {
	rd.tableSheets[t.sheet] = true
	s := t.sheet
	for r := 1; r <= t.header; r++ {
		for c := 1; c <= s.MaxCol(); c++ {
			s.Read(r, c, xlsx.AsForm)
		}
	}
	rd.tableChecks(t)
	keyCol := t.keyCol()
	for r := t.header + 1; r <= s.MaxRow(); r++ {
		filled := false
		for _, col := range t.spec.columns {
			if c, ok := t.cols[col.Key]; ok && col.Input && !blank(s.Peek(r, c)) {
				filled = true
				break
			}
		}
		key := strings.TrimSpace(s.Peek(r, keyCol).Value)
		if key == "" {
			if filled {
				rd.markRow(t, r)
				t.spec.noKey(rd, t, r)
			}
			continue
		}
		// The key and the locked columns are the template's; reading them
		// accounts for them whatever becomes of the row.
		for _, col := range t.spec.columns {
			if c, ok := t.cols[col.Key]; ok && !col.Input {
				use := xlsx.AsForm
				if col.Kind == form.Key {
					use = xlsx.AsValue
				}
				s.Read(r, c, use)
			}
		}
		if !t.spec.row(rd, t, r, key, filled) {
			continue
		}
		vals := values{}
		for _, col := range t.spec.columns {
			c, ok := t.cols[col.Key]
			if !ok || !col.Input {
				continue
			}
			vals[col.Key] = rd.parse(s, r, c, col)
		}
		t.spec.take(rd, t, r, key, vals)
	}
}

// markRow puts every non-empty cell of a row under the problem about it.
func (rd *reading) markRow(t *table, r int) {
	for c := 1; c <= t.sheet.MaxCol(); c++ {
		if !blank(t.sheet.Peek(r, c)) {
			t.sheet.Mark(r, c, xlsx.AsProblem)
		}
	}
}

// parse reads one input cell by its column's kind.
func (rd *reading) parse(s *xlsx.Sheet, r, c int, col form.Column) *value {
	cell := s.Read(r, c, xlsx.AsValue)
	v := &value{ref: rd.ref(s.Name, c, r), empty: blank(cell)}
	if v.empty {
		v.text.Ref = v.ref
		return v
	}
	if cell.Formula != "" && cell.Type != xlsx.Empty && cell.Type != xlsx.Error {
		// The value computed when the file was saved is used: say so, for
		// a formula may copy the task's own words or change every day
		// (=TODAY()).
		rd.add(problem.Warning, s.Name, c, r, ErrFormula,
			fmt.Sprintf("ô là công thức “=%s”; dùng giá trị đã tính khi lưu tệp: “%s”", clip(cell.Formula, 40), clip(cell.Value, 40)),
			"thay công thức bằng nội dung báo cáo (Sao chép → Dán giá trị)")
	}
	switch col.Kind {
	case form.Text:
		v.text = rd.text(s.Name, c, r, cell)
	case form.Status:
		v.status = rd.status(s.Name, c, r, cell)
	case form.Date:
		v.date, v.ok = rd.date(s.Name, c, r, cell, col.Label)
	case form.Number:
		v.num, v.ok = rd.number(s.Name, c, r, cell, col.Label)
	}
	return v
}

// blank reports an empty cell (text of spaces only is empty).
func blank(c xlsx.Cell) bool {
	return c.Formula == "" && (c.Type == xlsx.Empty || c.Type == xlsx.Text && strings.TrimSpace(c.Value) == "")
}

// tableChecks looks at a table for what a reader of values alone would
// miss: input cells holding a formula without a computed value, merged
// input cells, hidden rows with content, a hidden sheet.
func (rd *reading) tableChecks(t *table) {
	s := t.sheet
	if s.Hidden {
		rd.add(problem.Warning, s.Name, 0, 0, ErrHidden, "trang tính này đang bị ẩn; nội dung vẫn được đọc",
			"bỏ ẩn trang tính (chuột phải vào tên trang → Bỏ ẩn) để người xem thấy đủ nội dung")
	}
	var inputs []int
	for _, col := range t.spec.columns {
		if c, ok := t.cols[col.Key]; ok && col.Input {
			inputs = append(inputs, c)
		}
	}
	keyCol := t.keyCol()
	for r := t.header + 1; r <= s.MaxRow(); r++ {
		if strings.TrimSpace(s.Peek(r, keyCol).Value) != "" {
			for _, c := range inputs {
				if cell := s.Peek(r, c); cell.Formula != "" && cell.Type == xlsx.Empty {
					rd.add(problem.Error, s.Name, c, r, ErrFormula,
						fmt.Sprintf("ô có công thức “=%s” nhưng không có giá trị đã tính, nên không đọc được nội dung", clip(cell.Formula, 40)),
						"mở tệp bằng Excel hoặc LibreOffice để công thức được tính rồi lưu lại, hoặc thay công thức bằng giá trị")
				}
			}
		}
		if s.HiddenRow(r) {
			for c := 1; c <= s.MaxCol(); c++ {
				if !blank(s.Peek(r, c)) {
					rd.add(problem.Warning, s.Name, keyCol, r, ErrHidden, "dòng này đang bị ẩn; nội dung vẫn được đọc",
						"bỏ ẩn dòng để người xem thấy đủ nội dung")
					break
				}
			}
		}
	}
	for _, m := range s.Merges() {
		if m.ToRow <= t.header {
			continue
		}
		for _, c := range inputs {
			if c >= m.FromCol && c <= m.ToCol {
				rd.probs.Add(&problem.Problem{File: rd.path, Sheet: s.Name, Cell: m.String(), Row: m.FromRow, Col: m.FromCol,
					Severity: problem.Warning, Err: ErrMerged,
					Message: "các ô nhập liệu bị gộp: chỉ nội dung ở ô đầu tiên được đọc, mỗi dòng nhiệm vụ được đọc riêng",
					Hint:    "bỏ gộp ô (Merge & Center → Unmerge) và ghi nội dung vào đúng dòng của từng nhiệm vụ"})
				break
			}
		}
	}
}

// labelSet maps labels, as written and folded, to keys.
type labelSet struct{ exact, folded map[string]string }

var (
	labelsMu    sync.Mutex
	labelsCache = map[string]labelSet{}
)

// columnLabels is the label set of a table's columns, built once.
func columnLabels(cols []form.Column) labelSet {
	return cachedLabels(cols[0].Key+cols[len(cols)-1].Key, func(add func(label, key string)) {
		for _, c := range cols {
			add(c.Label, c.Key)
		}
	})
}

// infoLabels is the label set of the info sheet, built once.
func infoLabels() labelSet {
	return cachedLabels("info", func(add func(label, key string)) {
		for _, f := range form.InfoFields {
			add(f.Label, f.Label)
		}
	})
}

func cachedLabels(name string, fill func(add func(label, key string))) labelSet {
	labelsMu.Lock()
	defer labelsMu.Unlock()
	if ls, ok := labelsCache[name]; ok {
		return ls
	}
	ls := labelSet{exact: map[string]string{}, folded: map[string]string{}}
	fill(func(label, key string) {
		ls.exact[label] = key
		ls.folded[vntext.Fold(label)] = key
	})
	labelsCache[name] = ls
	return ls
}

// match finds the key of a label, forgiving case, spacing and diacritics.
func (ls labelSet) match(v string) (string, bool) {
	if k, ok := ls.exact[v]; ok {
		return k, true
	}
	if len(v) > 48 || v == "" { // no label is this long: do not fold task texts
		return "", false
	}
	k, ok := ls.folded[vntext.Fold(v)]
	return k, ok
}

// header finds the header row of a table by its labels: the first of the
// first 30 rows holding the key column's label and at least two others. It
// returns the row (from 1) and the column (from 1) of each label found, by
// key.
func header(s *xlsx.Sheet, cols []form.Column) (int, map[string]int) {
	labels := columnLabels(cols)
	var key string
	for _, c := range cols {
		if c.Kind == form.Key {
			key = c.Key
		}
	}
	for r := 1; r <= s.MaxRow() && r <= 30; r++ {
		found := map[string]int{}
		for c := 1; c <= s.MaxCol(); c++ {
			cell := s.Peek(r, c)
			if cell.Type != xlsx.Text {
				continue
			}
			if k, ok := labels.match(cell.Value); ok {
				if _, dup := found[k]; !dup {
					found[k] = c
				}
			}
		}
		if _, ok := found[key]; ok && len(found) >= 3 {
			return r, found
		}
	}
	return 0, nil
}
