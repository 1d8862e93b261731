package vntext_test

import (
	"slices"
	"testing"

	"baocao/internal/vntext"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Sở  Y TẾ", "so y te"},
		{"  Ủy ban nhân dân huyện Đăk Hà ", "uy ban nhan dan huyen dak ha"},
		{"Sở KH&CN", "so kh&cn"},
		{"Sở Lao động - Thương binh và Xã hội", "so lao dong thuong binh va xa hoi"},
		{"UBND huyện Ia H'Drai", "ubnd huyen ia h drai"},
	} {
		if got := vntext.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSortVietnamese(t *testing.T) {
	in := []string{"Đăk Tô", "Ủy ban", "Sở Y tế", "Đăk Hà", "Dân tộc", "Ban", "Ăn", "An", "Ân", "Sở Xây dựng", "Tu Mơ Rông"}
	want := []string{"An", "Ăn", "Ân", "Ban", "Dân tộc", "Đăk Hà", "Đăk Tô", "Sở Xây dựng", "Sở Y tế", "Tu Mơ Rông", "Ủy ban"}
	vntext.Sort(in, func(s string) string { return s })
	if !slices.Equal(in, want) {
		t.Errorf("got  %q\nwant %q", in, want)
	}
}

func TestClosest(t *testing.T) {
	codes := []string{"SYT", "SKHCN", "SKHDT", "SBN", "TUMORONG"}
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"SYTT", []string{"SYT"}},
		{"skhcn", []string{"SKHCN", "SKHDT"}},
		{"TUMORON", []string{"TUMORONG"}},
		{"XXXXXXXX", nil},
	} {
		if got := vntext.Closest(tc.in, codes, 3); !slices.Equal(got, tc.want) {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestVietnamese(t *testing.T) {
	for _, r := range "Đây là báo cáo: Ủy ban nhân dân tỉnh Kon Tum “số 05”, 1.250,5 – ỹ Ỹ ự Ự ằ Ẵ." {
		if !vntext.Vietnamese(r) {
			t.Errorf("%q (U+%04X) refused", r, r)
		}
	}
	for _, r := range "Ä©€ñçßø中☺\u0301\u00ad" {
		if vntext.Vietnamese(r) {
			t.Errorf("%q (U+%04X) accepted", r, r)
		}
	}
}

func TestRoman(t *testing.T) {
	for n, want := range map[int]string{1: "I", 4: "IV", 6: "VI", 9: "IX", 14: "XIV", 39: "XXXIX", 40: "XL", 1994: "MCMXCIV", 0: "", 4000: ""} {
		if got := vntext.Roman(n); got != want {
			t.Errorf("Roman(%d) = %q, want %q", n, got, want)
		}
	}
}
