package report_test

import (
	"testing"
	"time"

	"baocao/internal/report"
)

func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		d    time.Time
		want string
	}{
		{time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC), "ngày 05 tháng 02 năm 2025"},
		{time.Date(2024, 7, 9, 0, 0, 0, 0, time.UTC), "ngày 09 tháng 7 năm 2024"},
		{time.Date(2024, 12, 15, 0, 0, 0, 0, time.UTC), "ngày 15 tháng 12 năm 2024"},
		{time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC), "ngày 31 tháng 01 năm 2024"},
		{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), "ngày 01 tháng 3 năm 2024"},
	} {
		if got := report.DateLine(tc.d); got != tc.want {
			t.Errorf("DateLine(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestNumberLine(t *testing.T) {
	for _, tc := range []struct{ number, want string }{
		{"5", "Số: 05/BC-SKHCN"},
		{"05", "Số: 05/BC-SKHCN"},
		{"123", "Số: 123/BC-SKHCN"},
		{"12/BC-SKHCN", "Số: 12/BC-SKHCN"},
		{"", "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-SKHCN"},
	} {
		if got := report.NumberLine(tc.number, "BC-SKHCN"); got != tc.want {
			t.Errorf("NumberLine(%q) = %q, want %q", tc.number, got, tc.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 1100.5: "1.100,5", 12450: "12.450", 1234567.25: "1.234.567,25", 999: "999", -1500: "-1.500"} {
		if got := report.Number(v); got != want {
			t.Errorf("Number(%v) = %q, want %q", v, got, want)
		}
	}
}
