package intake

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/textnorm"
	"baocao/internal/vntext"
	"baocao/internal/xlsx"
)

// This file holds the parse function of each kind of input cell: text,
// status, date, number. Each takes the cell as the workbook stores it
// (its type as well as its value) and names the cell in any problem.

// typeProblem names a cell whose type cannot be what its column holds: a
// true/false value or an error value (#N/A, #VALUE!). It returns true
// when the cell was refused.
func (rd *reading) typeProblem(sheet string, col, row int, cell xlsx.Cell, what string) bool {
	switch cell.Type {
	case xlsx.Error:
		rd.add(problem.Error, sheet, col, row, ErrCellType,
			fmt.Sprintf("ô có giá trị lỗi “%s” (công thức không tính ra kết quả), không phải %s: nội dung không được tổng hợp", cell.Value, what),
			"sửa công thức hoặc thay bằng nội dung cần báo cáo")
		return true
	case xlsx.Bool:
		rd.add(problem.Error, sheet, col, row, ErrCellType,
			fmt.Sprintf("ô có giá trị đúng/sai (%s), không phải %s", cell.Value, what),
			"ghi lại nội dung của ô; nếu gõ chữ TRUE hoặc FALSE, Excel đổi thành giá trị đúng/sai")
		return true
	}
	return false
}

// text cleans a cell's text, converting legacy encodings with a warning. A
// number is kept as written, a date written as a date is given as
// dd/mm/yyyy; a true/false value is kept as written with a warning.
func (rd *reading) text(sheet string, col, row int, cell xlsx.Cell) model.Text {
	ref := rd.ref(sheet, col, row)
	switch cell.Type {
	case xlsx.Error:
		rd.typeProblem(sheet, col, row, cell, "nội dung")
		return model.Text{Ref: ref}
	case xlsx.Bool:
		rd.add(problem.Warning, sheet, col, row, ErrCellType,
			fmt.Sprintf("ô có giá trị đúng/sai (%s) thay vì nội dung; được ghi là “%s”", cell.Value, cell.Value),
			"ghi rõ nội dung cần báo cáo")
		return model.Text{Value: keep(cell.Value), Ref: ref}
	case xlsx.Date:
		if d, ok := cell.Time(rd.book.Date1904); ok {
			return model.Text{Value: d.Format("02/01/2006"), Ref: ref}
		}
	case xlsx.Number:
		// A number typed where words are expected: Excel stored it as a
		// number and shows it through a display format (a date, a
		// percentage, thousands) the reader does not apply. It is written
		// the Vietnamese way and named, so that nothing is printed as
		// 45616 without a word.
		v, ok := cell.Float()
		if !ok {
			break
		}
		text := vntext.Number(v)
		if v == math.Trunc(v) && math.Abs(v) < 10000 {
			text = strconv.FormatFloat(v, 'f', -1, 64) // a year, a count: 2024, not 2.024
		}
		rd.add(problem.Warning, sheet, col, row, ErrNumberAsText,
			fmt.Sprintf("ô chứa một số (%s) chứ không phải chữ; được ghi là “%s”. Nếu trên bảng tính ô này hiện là ngày, phần trăm hay số tiền, cách hiện đó không được đọc", cell.Value, text),
			"ghi nội dung dạng chữ, ví dụ “đạt 50%”, “ngày 20/11/2024”, hoặc đặt định dạng ô là Văn bản (Text) rồi gõ lại")
		return model.Text{Value: text, Ref: ref}
	}
	raw := cell.Value
	if n := utf8.RuneCountInString(raw); n > MaxCellText {
		rd.add(problem.Error, sheet, col, row, ErrTooLong,
			fmt.Sprintf("ô có %d ký tự, vượt giới hạn %d ký tự một ô của Excel: nội dung không được tổng hợp", n, MaxCellText),
			"tệp không do Excel, LibreOffice hay WPS lưu bình thường; rút gọn nội dung hoặc đề nghị đơn vị gửi lại")
		return model.Text{Ref: ref}
	}
	s, enc := clean(raw)
	rd.legacy(sheet, col, row, s, enc)
	return model.Text{Value: keep(s), Ref: ref}
}

// clean normalises a cell's text and converts a legacy encoding.
func clean(raw string) (string, textnorm.Encoding) { return textnorm.Clean(raw) }

// legacy names a cell whose text was typed in a legacy encoding and
// converted.
func (rd *reading) legacy(sheet string, col, row int, converted string, enc textnorm.Encoding) {
	if enc == textnorm.Unicode {
		return
	}
	rd.add(problem.Warning, sheet, col, row, ErrLegacyText,
		fmt.Sprintf("chữ gõ bằng bảng mã %s, đã chuyển sang Unicode: “%s”", enc.Name(), clip(converted, 60)),
		"kiểm tra lại nội dung đã chuyển; lần sau gõ bằng bảng mã Unicode (Unikey: bảng mã Unicode, kiểu gõ Telex/VNI)")
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// statusVariants are ways units write the statuses, folded.
var statusVariants = map[string]model.Status{
	"hoan thanh": model.Done, "da hoan thanh": model.Done, "xong": model.Done, "da xong": model.Done, "ht": model.Done,
	"dang thuc hien": model.InProgress, "dang trien khai": model.InProgress, "dang lam": model.InProgress, "dth": model.InProgress,
	"chua thuc hien": model.NotStarted, "chua trien khai": model.NotStarted, "chua lam": model.NotStarted, "cth": model.NotStarted,
}

// status reads a status: one of the list, or a way of writing one (with a
// warning).
func (rd *reading) status(sheet string, col, row int, cell xlsx.Cell) model.Status {
	if rd.typeProblem(sheet, col, row, cell, "một tình trạng") {
		return ""
	}
	s, enc := clean(cell.Value)
	if s == "" {
		return ""
	}
	rd.legacy(sheet, col, row, s, enc)
	for _, st := range model.Statuses {
		if s == string(st) {
			return st
		}
	}
	if st, ok := statusVariants[vntext.Fold(s)]; ok {
		rd.add(problem.Warning, sheet, col, row, ErrStatusVariant, fmt.Sprintf("tình trạng “%s” được hiểu là “%s”", clip(s, 30), st),
			"lần sau chọn trong danh sách thả xuống")
		return st
	}
	var opts []string
	for _, st := range model.Statuses {
		opts = append(opts, string(st))
	}
	rd.add(problem.Error, sheet, col, row, ErrStatus, fmt.Sprintf("tình trạng “%s” không hợp lệ", clip(s, 40)),
		"chọn một trong: "+strings.Join(opts, ", "))
	return ""
}

var (
	textDate  = regexp.MustCompile(`^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	shortYear = regexp.MustCompile(`^\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}$`)
	wordsDate = regexp.MustCompile(`^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$`)
)

// Dates outside these bounds cannot be a report's: a typing slip.
var earliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// date reads a date cell: a date serial number (in the workbook's date
// system), a date cell, or text "15/12/2024", "2024-12-15", "ngày 15 tháng
// 12 năm 2024". It must fall between 2000 and a year after the deadline.
func (rd *reading) date(sheet string, col, row int, cell xlsx.Cell, what string) (time.Time, bool) {
	if rd.typeProblem(sheet, col, row, cell, "một ngày") {
		return time.Time{}, false
	}
	s, _ := clean(cell.Value)
	if shortYear.MatchString(s) {
		rd.add(problem.Error, sheet, col, row, ErrDate, fmt.Sprintf("%s “%s” ghi năm hai chữ số, không rõ năm nào", what, s),
			"ghi năm đủ bốn chữ số, ví dụ 15/11/2024")
		return time.Time{}, false
	}
	var d time.Time
	switch cell.Type {
	case xlsx.Number, xlsx.Date:
		if t, ok := cell.Time(rd.book.Date1904); ok {
			d = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
	default:
		d = parseTextDate(strings.ToLower(s))
	}
	if d.IsZero() {
		rd.add(problem.Error, sheet, col, row, ErrDate, fmt.Sprintf("%s “%s” không phải một ngày", what, clip(s, 40)),
			"ghi ngày dạng ngày/tháng/năm, ví dụ 15/12/2024")
		return time.Time{}, false
	}
	lo, hi := earliest, rd.c.Period.Deadline.AddDate(1, 0, 0)
	if d.Before(lo) || d.After(hi) {
		rd.add(problem.Error, sheet, col, row, ErrDate, fmt.Sprintf("%s %s nằm ngoài khoảng hợp lý (%s–%s)", what, d.Format("02/01/2006"), lo.Format("02/01/2006"), hi.Format("02/01/2006")),
			"kiểm tra lại năm, tháng, ngày")
		return time.Time{}, false
	}
	return d, true
}

// parseTextDate reads a date typed as text; zero when it is none.
func parseTextDate(s string) time.Time {
	var y, mo, dd int
	if m := textDate.FindStringSubmatch(s); m != nil {
		if m[3] != "" {
			dd, _ = strconv.Atoi(m[1])
			mo, _ = strconv.Atoi(m[2])
			y, _ = strconv.Atoi(m[3])
		} else {
			y, _ = strconv.Atoi(m[4])
			mo, _ = strconv.Atoi(m[5])
			dd, _ = strconv.Atoi(m[6])
		}
	} else if m := wordsDate.FindStringSubmatch(s); m != nil {
		dd, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else {
		return time.Time{}
	}
	t := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
	if t.Day() != dd || int(t.Month()) != mo {
		return time.Time{}
	}
	return t
}

// number reads a non-negative number: a number cell, or a number typed as
// text in Vietnamese ("1.250,5") or English ("1,250.5") style. A text
// that reads two ways ("3,500", "3.500") is read the Vietnamese way, with
// a warning naming both readings.
func (rd *reading) number(sheet string, col, row int, cell xlsx.Cell, what string) (float64, bool) {
	if rd.typeProblem(sheet, col, row, cell, "một số") {
		return 0, false
	}
	s, _ := clean(cell.Value)
	var v float64
	ok := false
	switch cell.Type {
	case xlsx.Number:
		v, ok = cell.Float()
	case xlsx.Date:
		ok = false
	default:
		var alt float64
		var twoWays bool
		v, alt, twoWays, ok = parseTextNumber(s)
		if ok && twoWays {
			rd.add(problem.Warning, sheet, col, row, ErrAmbiguousNumber,
				fmt.Sprintf("số “%s” đọc được hai cách: đã đọc là %s theo cách viết của Việt Nam (dấu chấm ngăn nghìn, dấu phẩy ngăn phần thập phân), không phải %s",
					s, vntext.Number(v), vntext.Number(alt)),
				"nếu đọc sai, ghi số không có dấu ngăn nghìn, ví dụ 3500 hoặc 3,5")
		}
	}
	if !ok {
		rd.add(problem.Error, sheet, col, row, ErrNumber, fmt.Sprintf("%s “%s” không phải một số", what, clip(s, 30)),
			"ghi một số không âm, không kèm chữ hay đơn vị tính, ví dụ 1250 hoặc 1250,5")
		return 0, false
	}
	if v < 0 {
		rd.add(problem.Error, sheet, col, row, ErrNumber, fmt.Sprintf("%s %s là số âm", what, vntext.Number(v)),
			"ghi một số không âm, không kèm chữ hay đơn vị tính, ví dụ 1250 hoặc 1250,5")
		return 0, false
	}
	return v, true
}

var (
	plainNumber = regexp.MustCompile(`^-?\d+$`)
	grouped     = func(sep string) *regexp.Regexp {
		return regexp.MustCompile(`^-?\d{1,3}(` + regexp.QuoteMeta(sep) + `\d{3})+$`)
	}
	groupedDot   = grouped(".")
	groupedComma = grouped(",")
)

// parseTextNumber reads a number typed as text. Vietnamese write "1.250,5"
// (dot between thousands, comma before decimals), English "1,250.5". Both
// separators present: the last one is the decimal mark. One kind, several
// times: thousands. One separator followed by exactly three digits
// ("3,500", "3.500") reads two ways: v is the Vietnamese reading, alt the
// other, twoWays true. Otherwise a lone separator is the decimal mark.
func parseTextNumber(s string) (v, alt float64, twoWays, ok bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	if s == "" {
		return 0, 0, false, false
	}
	parse := func(t string) (float64, bool) {
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	intPart := func(t string) string { return strings.NewReplacer(".", "", ",", "").Replace(t) }
	switch {
	case dots == 0 && commas == 0:
		v, ok = parse(s)
		return v, 0, false, ok
	case dots > 0 && commas > 0:
		lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
		dec, grp := ",", "."
		if lastDot > lastComma {
			dec, grp = ".", ","
		}
		whole, frac, _ := strings.Cut(s, dec)
		if strings.Contains(frac, dec) || strings.Contains(frac, grp) || !grouped(grp).MatchString(whole) && !plainNumber.MatchString(whole) {
			return 0, 0, false, false
		}
		v, ok = parse(intPart(whole) + "." + frac)
		return v, 0, false, ok
	case dots > 1:
		if !groupedDot.MatchString(s) {
			return 0, 0, false, false
		}
		v, ok = parse(intPart(s))
		return v, 0, false, ok
	case commas > 1:
		if !groupedComma.MatchString(s) {
			return 0, 0, false, false
		}
		v, ok = parse(intPart(s))
		return v, 0, false, ok
	}
	sep := "."
	if commas == 1 {
		sep = ","
	}
	whole, frac, _ := strings.Cut(s, sep)
	if !plainNumber.MatchString(whole) || frac == "" || !plainNumber.MatchString(frac) || strings.HasPrefix(frac, "-") {
		return 0, 0, false, false
	}
	asDecimal, ok1 := parse(whole + "." + frac)
	asThousands, ok2 := parse(whole + frac)
	if !ok1 || !ok2 {
		return 0, 0, false, false
	}
	if len(frac) == 3 && strings.TrimPrefix(whole, "-") != "0" {
		if sep == "." {
			return asThousands, asDecimal, true, true
		}
		return asDecimal, asThousands, true, true
	}
	return asDecimal, 0, false, true
}
