package planimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"baocao/internal/model"
	"baocao/internal/vntext"
)

var (
	fullDate = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b`)
	quarter  = regexp.MustCompile(`\bquy ((?:(?:iv|i{1,3}|[1-4]) (?:va )?)+)(?:nam )?(\d{4})\b`)
	half     = regexp.MustCompile(`\b6 thang (dau|cuoi) nam (\d{4})\b`)
	month    = regexp.MustCompile(`\bthang (\d{1,2}) (?:nam )?(\d{4})\b`)
	span     = regexp.MustCompile(`\b(\d{4}) (\d{4})\b`)
	year     = regexp.MustCompile(`\b(20\d\d)\b`)
)

// timeframe reads the plan's wording of when a task is done: "Thường
// xuyên", "Hằng năm", a date, a quarter, a month, a year, a span of years,
// or a phrase that holds one ("Trong năm 2024 và khi có hướng dẫn mới của
// Trung ương"). The wording is kept; note says how a deadline was read,
// for the compiler to check. A year that is the period's reads as the
// period's last day (the day data are counted to).
func timeframe(text string, period model.Period) (tf model.Timeframe, note string) {
	text = strings.Join(strings.Fields(text), " ")
	tf.Text = text
	f := vntext.Fold(text)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	endOfMonth := func(y, m int) time.Time { return day(y, m+1, 1).AddDate(0, 0, -1) }
	due := func(t time.Time, how string) (model.Timeframe, string) {
		tf.Kind, tf.Due = model.Due, t
		return tf, fmt.Sprintf("thời hạn “%s” đọc là ngày %s (%s)", text, t.Format("02/01/2006"), how)
	}
	switch {
	case text == "":
		tf.Kind = model.Regular
		return tf, "không ghi thời gian thực hiện; đặt là thường xuyên"
	case strings.Contains(f, "thuong xuyen"):
		tf.Kind = model.Regular
		return tf, ""
	case strings.Contains(f, "hang nam"):
		tf.Kind = model.Annual
		return tf, ""
	}
	if m := fullDate.FindStringSubmatch(text); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if t := day(y, mo, d); mo >= 1 && mo <= 12 && d >= 1 && t.Day() == d {
			tf.Kind, tf.Due = model.Due, t
			return tf, ""
		}
		tf.Kind = model.Regular
		return tf, fmt.Sprintf("“%s” có ngày %s không có thật; đặt là thường xuyên — sửa thành ngày hạn đúng", text, m[0])
	}
	if m := half.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[2])
		if m[1] == "dau" {
			return due(day(y, 6, 30), "hết 6 tháng đầu năm")
		}
		return due(day(y, 12, 31), "hết năm")
	}
	if m := quarter.FindStringSubmatch(f); m != nil {
		q := 0
		for _, w := range strings.Fields(m[1]) { // "Quý I, II/2025": the last quarter named
			q = max(q, map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}[w])
		}
		y, _ := strconv.Atoi(m[2])
		return due(endOfMonth(y, 3*q), "cuối quý")
	}
	if m := month.FindStringSubmatch(f); m != nil {
		mo, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return due(endOfMonth(y, mo), "cuối tháng")
		}
	}
	if m := span.FindStringSubmatch(f); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b > a && a >= 2000 {
			return due(day(b, 12, 31), "cuối năm cuối của giai đoạn")
		}
	}
	if m := year.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[1])
		if !period.End.IsZero() && period.End.Year() == y {
			return due(period.End, "ngày chốt số liệu của kỳ báo cáo "+period.Label)
		}
		return due(day(y, 12, 31), "cuối năm")
	}
	tf.Kind = model.Regular
	return tf, fmt.Sprintf("không đọc được thời hạn trong “%s”; đặt là thường xuyên — sửa nếu có hạn", text)
}
