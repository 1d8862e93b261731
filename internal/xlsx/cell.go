package xlsx

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Type is what a cell holds, after ECMA-376 §18.18.11 ST_CellType.
type Type uint8

const (
	Empty  Type = iota
	Number      // t="n" or no t
	Text        // t="s" (shared), t="inlineStr", t="str" (a formula's text result)
	Bool        // t="b"
	Error       // t="e"
	Date        // t="d": an ISO 8601 date or date-time
)

var typeNames = [...]string{"Empty", "Number", "Text", "Bool", "Error", "Date"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Cell is a cell's value.
type Cell struct {
	Type Type
	// Value is, for a Number, the number as written ("1250.5", "1.5E3");
	// Text: the decoded text; Bool: "TRUE" or "FALSE" (what a writer put
	// that is neither a number nor true or false is kept as written);
	// Error: the error as written ("#N/A"); Date: as written (ISO 8601).
	// Surrounding white space is trimmed but for Text.
	Value string
	// Formula is the formula, without "=", "" when there is none. A cell
	// of a shared formula gets the formula its master's text becomes when
	// moved to it; "…" stands for a formula whose text is not known.
	Formula string
}

// Float is a Number's value; ok is false for any other type (a Bool
// included) and for text that is not a decimal number.
func (c Cell) Float() (float64, bool) {
	if c.Type != Number {
		return 0, false
	}
	return parseNumber(c.Value)
}

// parseNumber reads an xsd:double in decimal notation: an optional sign,
// digits with an optional fraction, an optional exponent.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		}
		if i == start {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// The last serial numbers Excel shows as a date: 9999-12-31.
const (
	maxSerial1900 = 2958465
	maxSerial1904 = 2957003
)

// Time is the cell's date and time, in UTC: a Number read as a date serial
// number in the workbook's date system (1900, with Excel's leap-year bug
// honoured as excelize.ExcelDateToTime does, or 1904), rounded to the
// millisecond; a Date parsed from ISO 8601 (the wall-clock time; an offset
// is dropped). ok is false for other types and for values out of range.
func (c Cell) Time(date1904 bool) (time.Time, bool) {
	switch c.Type {
	case Number:
		f, ok := c.Float()
		if !ok {
			return time.Time{}, false
		}
		return serialTime(f, date1904)
	case Date:
		return parseISO(c.Value, date1904)
	}
	return time.Time{}, false
}

// serialTime converts a date serial number. In the 1900 system serial 1
// is 1900-01-01 and 60 is Excel's 1900-02-29, a day that never was: as
// excelize does, 60 reads as 1900-02-28, serials below it count from
// 1899-12-31 and those above from 1899-12-30; 0 (a time of day alone) is
// 1899-12-30.
func serialTime(v float64, date1904 bool) (time.Time, bool) {
	limit := float64(maxSerial1900 + 1)
	if date1904 {
		limit = maxSerial1904 + 1
	}
	if math.IsNaN(v) || v < 0 || v >= limit {
		return time.Time{}, false
	}
	days := math.Floor(v)
	ms := int64(math.Round((v - days) * 86400e3))
	d := int(days)
	var t time.Time
	switch {
	case date1904:
		t = epoch1904.AddDate(0, 0, d)
	case d >= 1 && d < 60:
		t = epoch1900.AddDate(0, 0, d+1)
	default:
		t = epoch1900.AddDate(0, 0, d)
	}
	return t.Add(time.Duration(ms) * time.Millisecond), true
}

// parseISO reads the ISO 8601 forms a t="d" cell holds: "2024-11-20",
// "2024-11-20T08:30", "2024-11-20T08:30:00", with a fraction of a second
// ("." or ","), and "Z" or an offset, which is dropped. A time alone
// ("10:30:00", as openpyxl writes a time) falls on the day of serial 0 of
// the date system, as a time typed in Excel does.
func parseISO(s string, date1904 bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 5 && (s[2] == ':' || s[0] == 'T' && len(s) >= 6 && s[3] == ':') {
		day := epoch1900
		if date1904 {
			day = epoch1904
		}
		s = day.Format("2006-01-02") + "T" + strings.TrimPrefix(s, "T")
	}
	num := func(p string) (int, bool) {
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
			n = n*10 + int(p[i]-'0')
		}
		return n, p != ""
	}
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, ok1 := num(s[:4])
	mo, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	var h, mi, sec, nsec int
	rest := s[10:]
	if rest != "" {
		if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
			return time.Time{}, false
		}
		rest = rest[1:]
		// Drop the zone: "Z", "+07:00", "-0700", "+07".
		if strings.HasSuffix(rest, "Z") || strings.HasSuffix(rest, "z") {
			rest = rest[:len(rest)-1]
		} else if i := strings.LastIndexAny(rest, "+-"); i >= 0 {
			if _, ok := num(strings.Replace(rest[i+1:], ":", "", 1)); !ok || len(rest)-i-1 > 6 {
				return time.Time{}, false
			}
			rest = rest[:i]
		}
		if len(rest) < 5 || rest[2] != ':' {
			return time.Time{}, false
		}
		var ok4, ok5 bool
		h, ok4 = num(rest[:2])
		mi, ok5 = num(rest[3:5])
		if !ok4 || !ok5 || h > 23 || mi > 59 {
			return time.Time{}, false
		}
		rest = rest[5:]
		if rest != "" {
			if len(rest) < 3 || rest[0] != ':' {
				return time.Time{}, false
			}
			var ok bool
			if sec, ok = num(rest[1:3]); !ok || sec > 59 {
				return time.Time{}, false
			}
			rest = rest[3:]
			if rest != "" {
				if rest[0] != '.' && rest[0] != ',' || len(rest) < 2 {
					return time.Time{}, false
				}
				frac := rest[1:]
				if _, ok := num(frac); !ok {
					return time.Time{}, false
				}
				if len(frac) > 9 {
					frac = frac[:9]
				}
				n, _ := num(frac)
				for k := len(frac); k < 9; k++ {
					n *= 10
				}
				nsec = n
			}
		}
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC)
	if t.Day() != d || t.Month() != time.Month(mo) {
		return time.Time{}, false // 2024-02-30
	}
	return t, true
}
