package textnorm_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"baocao/internal/textnorm"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"trim and collapse", "  Sở   Y\ttế  ", "Sở Y tế"},
		{"paragraphs kept", "Dòng một\r\nDòng hai\rDòng ba", "Dòng một\nDòng hai\nDòng ba"},
		{"empty paragraphs dropped", "a\n\n\n  \nb", "a\nb"},
		{"NFD to NFC", norm.NFD.String("Hoàn thành"), "Hoàn thành"},
		{"control characters", "a\x07b\x00c", "abc"},
		{"literal escape text kept", "mã _x0041_", "mã _x0041_"},
		{"no-break spaces", "10\u00a0000 triệu", "10 000 triệu"},
		{"zero-width and bidi marks", "Sở\u200b Y\u202e tế\ufeff", "Sở Y tế"},
		{"emoji kept", "Xong 👍", "Xong 👍"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := textnorm.Normalize(tc.in); got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// lower and upper hold every Vietnamese letter with a mark.
const (
	lower = "ăâêôơưđàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
	upper = "ĂÂÊÔƠƯĐÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)

func TestRoundTripEveryLetter(t *testing.T) {
	for _, r := range lower + upper {
		s := string(r)
		if got := textnorm.DecodeVNI(textnorm.EncodeVNI(s)); got != s {
			t.Errorf("VNI %q -> %q -> %q", s, textnorm.EncodeVNI(s), got)
		}
	}
	// TCVN3 codes every lower-case letter, and of the capitals only
	// Ă Â Ê Ô Ơ Ư Đ: capitals with tones are drawn by a capitals font
	// (.VnTimeH) from the lower-case codes.
	for _, r := range lower + "ĂÂÊÔƠƯĐ" {
		s := string(r)
		enc := textnorm.EncodeTCVN3(s)
		if utf8.RuneCountInString(enc) != 1 || (enc == s && s != "ý") { // 0xFD shows as ý and is ý
			t.Errorf("TCVN3 has no single code for %q", s)
		}
		if got := textnorm.DecodeTCVN3(enc); got != s {
			t.Errorf("TCVN3 %q -> %q -> %q", s, enc, got)
		}
	}
}

func TestDetectLegacy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		enc  textnorm.Encoding
	}{
		{"Së Y tÕ", "Sở Y tế", textnorm.TCVN3},
		{"Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", textnorm.TCVN3},
		{"§· hoµn thµnh kÕ ho¹ch", "Đã hoàn thành kế hoạch", textnorm.TCVN3},
		{"Sôû Y teá", "Sở Y tế", textnorm.VNI},
		{"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", textnorm.VNI},
		{"Ñaõ hoaøn thaønh keá hoaïch", "Đã hoàn thành kế hoạch", textnorm.VNI},
		{"Thieáu kinh phí", "Thiếu kinh phí", textnorm.VNI},
		{"Keát quaû toát", "Kết quả tốt", textnorm.VNI},
		{"Ä‘Ã£ hoÃ\u00a0n thÃ\u00a0nh", "đã hoàn thành", textnorm.Mojibake},
		{"Sá»Ÿ Y táº¿", "Sở Y tế", textnorm.Mojibake},
		// Left alone.
		{"Sở Y tế", "Sở Y tế", textnorm.Unicode},
		{"Hoàn thành", "Hoàn thành", textnorm.Unicode},
		{"hóa đơn", "hóa đơn", textnorm.Unicode},
		{"Cà phê, sâm Ngọc Linh", "Cà phê, sâm Ngọc Linh", textnorm.Unicode},
		{"naïve café in Zürich", "naïve café in Zürich", textnorm.Unicode},
		{"Müller & Söhne GmbH", "Müller & Söhne GmbH", textnorm.Unicode},
		{"Temperature 25°C ± 2", "Temperature 25°C ± 2", textnorm.Unicode},
		{"© 2024 CSIRO — Úc", "© 2024 CSIRO — Úc", textnorm.Unicode},
		{"José Ramírez", "José Ramírez", textnorm.Unicode},
		{"hoà thuận, thuý, quá, giá, thuê", "hoà thuận, thuý, quá, giá, thuê", textnorm.Unicode},
		{"Hoá đơn", "Hoá đơn", textnorm.Unicode},
		{"résumé, Québec, Zoë", "résumé, Québec, Zoë", textnorm.Unicode},
	} {
		got, enc := textnorm.DetectLegacy(tc.in)
		if got != tc.want || enc != tc.enc {
			t.Errorf("DetectLegacy(%q) = %q, %v; want %q, %v", tc.in, got, enc.Name(), tc.want, tc.enc.Name())
		}
	}
}

// Whole sentences written in each encoding come back exactly.
func TestDetectRoundTripSentences(t *testing.T) {
	for _, s := range []string{
		"Tổ chức hội thảo khoa học về ứng dụng công nghệ cao trong sản xuất nông nghiệp",
		"Ban hành Quyết định số 125/QĐ-UBND về kiện toàn Hội đồng khoa học",
		"Đã hoàn thành việc rà soát, sửa đổi quy chế quản lý nhiệm vụ khoa học và công nghệ",
	} {
		if got, enc := textnorm.DetectLegacy(textnorm.EncodeVNI(s)); got != s || enc != textnorm.VNI {
			t.Errorf("VNI: got %q (%v)", got, enc.Name())
		}
		if got, enc := textnorm.DetectLegacy(textnorm.EncodeTCVN3(s)); got != s || enc != textnorm.TCVN3 {
			t.Errorf("TCVN3: got %q (%v)", got, enc.Name())
		}
	}
}

// No line of either seed plan, Vietnamese Unicode as officials write it, is
// taken for a legacy encoding.
func TestNoFalsePositivesOnSeeds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) != 2 {
		t.Fatalf("found %d seed files", len(files))
	}
	lines := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			lines++
			if got, enc := textnorm.DetectLegacy(line); enc != textnorm.Unicode || got != line {
				t.Errorf("%s: taken for %s: %q", f, enc.Name(), line)
			}
			if n := textnorm.Normalize(line); n != strings.Join(strings.Fields(line), " ") && strings.TrimSpace(line) != "" {
				t.Errorf("Normalize changed the text of %q to %q", line, n)
			}
		}
	}
	if lines < 100 {
		t.Errorf("only %d lines read", lines)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Sở Y tế", "Së Y tÕ", "a\r\nb", "_x0007_", "\u202e", "Ä‘Ã£"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := textnorm.Normalize(s)
		if !norm.NFC.IsNormalString(n) || strings.Contains(n, "\r") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Errorf("Normalize(%q) = %q", s, n)
		}
		if textnorm.Normalize(n) != n {
			t.Errorf("Normalize is not idempotent on %q", s)
		}
	})
}

func FuzzDetectLegacy(f *testing.F) {
	for _, s := range []string{"Së Y tÕ", "Sôû Y teá", "Sở Y tế", "naïve", "Ä‘Ã£"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, enc := textnorm.DetectLegacy(s)
		if enc == textnorm.Unicode && got != s {
			t.Errorf("text changed without a legacy encoding: %q -> %q", s, got)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x1EA0 && r <= 0x1EF9 }) && enc != textnorm.Unicode {
			t.Errorf("Vietnamese Unicode text taken for %s: %q", enc.Name(), s)
		}
	})
}
