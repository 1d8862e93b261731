package textnorm_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
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
		{"soft hyphen in Unicode text", "bồi dư\u00adỡng cán\u00ad bộ", "bồi dưỡng cán bộ"},
		{"C1 controls in Unicode text", "Sở\u0085Y\u0081 tế\u009f", "Sở Y tế"},
		{"soft hyphen between a letter and its mark", "Vie\u00ad\u0302\u0323t", "Việt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := textnorm.Normalize(tc.in); got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Lists pasted from Word become the decree's "- " paragraphs; numbering
// stays as written.
func TestNormalizeLists(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"bullet and tab", "•\tLập kế hoạch", "- Lập kế hoạch"},
		{"bullet and spaces", "•   Lập kế hoạch", "- Lập kế hoạch"},
		{"bullet and no-break spaces", "•\u00a0\u00a0Lập kế hoạch", "- Lập kế hoạch"},
		{"indented bullet", "\t •\t Lập kế hoạch ", "- Lập kế hoạch"},
		{"bullet glued to the text", "•Lập kế hoạch", "- Lập kế hoạch"},
		{"▪", "▪\tMột", "- Một"},
		{"◦", "◦\tMột", "- Một"},
		{"●", "●\tMột", "- Một"},
		{"○", "○\tMột", "- Một"},
		{"■", "■\tMột", "- Một"},
		{"□", "□\tMột", "- Một"},
		{"➢", "➢\tMột", "- Một"},
		{"➤", "➤\tMột", "- Một"},
		{"►", "►\tMột", "- Một"},
		{"✓", "✓\tMột", "- Một"},
		{"Symbol bullet", "\uf0b7\tMột", "- Một"},
		{"Wingdings square", "\uf0a7\tMột", "- Một"},
		{"Wingdings diamond", "\uf076\tMột", "- Một"},
		{"Wingdings arrow", "\uf0d8\tMột", "- Một"},
		{"Wingdings tick", "\uf0fc\tMột", "- Một"},
		{"Word's second level", "o\tMột", "- Một"},
		{"hyphen and tab", "-\tMột", "- Một"},
		{"hyphen and spaces", "-   Một", "- Một"},
		{"en dash", "–\tMột", "- Một"},
		{"em dash", "— Một", "- Một"},
		{"plus: the second level of a list, kept", "+ Một", "+ Một"},
		{"plus and a tab", "+\tMột", "+ Một"},
		{"star", "*\tMột", "- Một"},
		{"a list", "Nhiệm vụ:\n•\tMột\r\n•\tHai\n\n•\tBa", "Nhiệm vụ:\n- Một\n- Hai\n- Ba"},
		{"bullet alone, text on the next line", "•\nLập kế hoạch", "- Lập kế hoạch"},
		{"bullet alone, a blank line, the text", "•\t\n\nLập kế hoạch", "- Lập kế hoạch"},
		{"bullets alone in a list", "•\nMột\n\uf0b7\nHai", "- Một\n- Hai"},
		{"bullet alone before a bullet", "•\n•\tMột", "- Một"},
		{"dash alone before a dash", "-\n- Một", "- Một"},
		{"dangling bullet", "Kết quả tốt\n•", "Kết quả tốt"},
		{"only a bullet", "•", ""},
		{"a dash alone means none", "-", "-"},
		{"dashes alone", "-\n–", "-\n–"},
		{"negative number", "-5% so với năm trước", "-5% so với năm trước"},
		{"dash and a number", "- 5% so với năm trước", "- 5% so với năm trước"},
		{"plus number", "+84 912 345 678", "+84 912 345 678"},
		{"hyphenated words", "Kinh tế-xã hội - môi trường", "Kinh tế-xã hội - môi trường"},
		{"star note", "*Ghi chú: không", "*Ghi chú: không"},
		{"bold", "**Đậm** và *nghiêng*", "**Đậm** và *nghiêng*"},
		{"middle dot is TCVN3 ã", "·\tabc", "· abc"},
		{"the letter o", "o Con", "o Con"},
		{"number and dot", "1.\tMục tiêu", "1. Mục tiêu"},
		{"number and parenthesis", "1)\tMục tiêu", "1) Mục tiêu"},
		{"letter and parenthesis", "a)\tMục tiêu", "a) Mục tiêu"},
		{"letter and dot", "a.\tMục tiêu", "a. Mục tiêu"},
		{"two levels", "1.2.\tMục tiêu", "1.2. Mục tiêu"},
		{"Roman", "II.\tNhiệm vụ", "II. Nhiệm vụ"},
		{"number alone, text on the next line", "1.\nMục tiêu\n2.\nYêu cầu", "1. Mục tiêu\n2. Yêu cầu"},
		{"numbers alone", "1.\n2.\n3.", "1.\n2.\n3."},
		{"an empty item", "1.\n2.\nMục tiêu", "1.\n2. Mục tiêu"},
		{"a bullet before an item", "•\n1.\tMục tiêu", "1. Mục tiêu"},
		{"a number before an item", "1.\n- Mục tiêu", "1.\n- Mục tiêu"},
		{"a dash before a number", "-\n1.", "-\n1."},
		{"a number", "3.", "3."},
		{"decimal", "1.5\ntriệu", "1.5\ntriệu"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := textnorm.Normalize(tc.in); got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	// Lists typed in a legacy encoding.
	for _, tc := range []struct{ in, want string }{
		{"•\tBåi d\u00adìng\n-\tKÕt qu¶", "- Bồi dưỡng\n- Kết quả"},
		{"•\nBoài döôõng\n+ Keát quaû", "- Bồi dưỡng\n+ Kết quả"},
	} {
		if got, _ := textnorm.Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Clean is Normalize then DetectLegacy; what Normalize keeps for the
// conversion is gone from what Clean returns.
func TestClean(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
		enc             textnorm.Encoding
	}{
		{"TCVN3 ư is a soft hyphen", "  Båi d\u00adìng\tc¸n bé  ", "Bồi dưỡng cán bộ", textnorm.TCVN3},
		{"TCVN3 on two lines", "Tæ chøc båi d\u00adìng\r\n\r\nKÕt qu¶ tèt", "Tổ chức bồi dưỡng\nKết quả tốt", textnorm.TCVN3},
		{"TCVN3 with a no-break space", "Båi d\u00adìng\u00a0c¸n bé", "Bồi dưỡng cán bộ", textnorm.TCVN3},
		{"TCVN3 with a zero-width space", "Båi\u200b d\u00adìng", "Bồi dưỡng", textnorm.TCVN3},
		{"VNI", "Boài döôõng\tcaùn boä", "Bồi dưỡng cán bộ", textnorm.VNI},
		{"mojibake à at the end", "Ä‘Ã£ hoÃ\u00a0n thÃ\u00a0nh\r\nthÃ\u00a0", "đã hoàn thành\nthà", textnorm.Mojibake},
		{"mojibake í (soft hyphen)", "kinh phÃ\u00ad thá»±c hiá»‡n", "kinh phí thực hiện", textnorm.Mojibake},
		{"mojibake ề read by Windows (U+0081)", "Ä‘á»\u0081 xuáº¥t", "đề xuất", textnorm.Mojibake},
		{"mojibake read as Latin-1", "Ä\u0091á»\u0081 xuáº¥t", "đề xuất", textnorm.Mojibake},
		{"Unicode", " Sở\u00a0Y\u00ad tế\u0081 ", "Sở Y tế", textnorm.Unicode},
		{"Latin-1 signs", "25°C ± 2, ¼ l", "25°C ± 2, ¼ l", textnorm.Unicode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, enc := textnorm.Clean(tc.raw)
			if got != tc.want || enc != tc.enc {
				t.Errorf("Clean(%q) = %q, %s; want %q, %s", tc.raw, got, enc.Name(), tc.want, tc.enc.Name())
			}
			if again, enc2 := textnorm.DetectLegacy(textnorm.Normalize(tc.raw)); again != got || enc2 != enc {
				t.Errorf("DetectLegacy(Normalize(%q)) = %q, %s; Clean gave %q, %s", tc.raw, again, enc2.Name(), got, enc.Name())
			}
		})
	}
}

// TCVN3 has no codes for capitals with a tone; they come back where the
// text around them is in capitals.
func TestTCVN3Capitals(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"KÕ HO¹CH TRIÓN KHAI", "KẾ HOẠCH TRIỂN KHAI"},
		{"I. MôC §ÝCH, Y£U CÇU", "I. MỤC ĐÍCH, YÊU CẦU"},
		{"Kế ho¹ch VIÖT NAM", "Kế hoạch VIỆT NAM"},
		{"§¶NG Bé TØNH", "ĐẢNG BỘ TỈNH"},
		// Not enough capitals to tell.
		{"Së KH&CN", "Sở KH&CN"},
		{"Bé Y TÕ", "Bộ Y Tế"},
		{"§·", "Đã"},
		{"ñy ban nh©n d©n", "ủy ban nhân dân"},
		{"Së Y tÕ\nBé Y TÕ\nVIÖT", "Sở Y tế\nBộ Y Tế\nVIỆT"},
	} {
		if got := textnorm.DecodeTCVN3(tc.in); got != tc.want {
			t.Errorf("DecodeTCVN3(%q) = %q, want %q", tc.in, got, tc.want)
		}
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
			want := strings.Join(strings.Fields(line), " ")
			if rest, ok := strings.CutPrefix(want, "* "); ok {
				want = "- " + rest // a Markdown bullet
			}
			if n := textnorm.Normalize(line); n != want {
				t.Errorf("Normalize changed the text of %q to %q", line, n)
			}
		}
	}
	if lines < 100 {
		t.Errorf("only %d lines read", lines)
	}
}

// fuzzSeeds are cells of every kind: Unicode, TCVN3, VNI, mojibake, lists.
var fuzzSeeds = []string{
	"Sở Y tế", "Së Y tÕ", "Båi d\u00adìng c¸n bé", "Sôû Y teá", "Ä‘Ã£ hoÃ\u00a0n", "Ä\u0091á»\u0081 xuáº¥t",
	"a\r\nb", "_x0007_", "\u202e", "naïve", "10\u00a0000", "\u0085x\u00ad",
	"•\tMột\n•\nHai\n1.\tBa", "- -5%\n+ 3\n-\n–", "KÕ HO¹CH", "\uf0b7 Mục", "o\tCon",
	"Båi d\u00adìng\n-\u00a0\no\t\u00a0\n•\u00a0",
}

// noise reports characters no cleaned text holds.
func noise(r rune) bool {
	return r != '\n' && unicode.IsControl(r) || r == '\u00ad' || r == '\u00a0' || r == '\ufeff' || r == utf8.RuneError ||
		r >= '\u200b' && r <= '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2060' && r <= '\u2069'
}

// checkLines reports paragraphs that are empty or have spaces at either
// end or in runs.
func checkLines(t *testing.T, what, in, out string) {
	t.Helper()
	if out == "" {
		return
	}
	for _, line := range strings.Split(out, "\n") {
		if line == "" || strings.HasPrefix(line, " ") || strings.HasSuffix(line, " ") || strings.Contains(line, "  ") {
			t.Errorf("%s(%q) = %q: paragraph %q", what, in, out, line)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := textnorm.Normalize(s)
		if !utf8.ValidString(n) || !norm.NFC.IsNormalString(n) || strings.Contains(n, "\r") {
			t.Errorf("Normalize(%q) = %q", s, n)
		}
		checkLines(t, "Normalize", s, n)
		if textnorm.Normalize(n) != n {
			t.Errorf("Normalize is not idempotent on %q: %q then %q", s, n, textnorm.Normalize(n))
		}
		// Only text to be converted keeps C1 controls, soft hyphens and
		// no-break spaces, and the conversion removes them.
		if strings.ContainsFunc(n, noise) {
			fixed, enc := textnorm.DetectLegacy(n)
			if enc == textnorm.Unicode || strings.ContainsFunc(fixed, noise) {
				t.Errorf("Normalize(%q) = %q keeps invisible characters (%s: %q)", s, n, enc.Name(), fixed)
			}
		}
	})
}

func FuzzDetectLegacy(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, enc := textnorm.DetectLegacy(s)
		if enc == textnorm.Unicode {
			if got != s {
				t.Errorf("text changed without a legacy encoding: %q -> %q", s, got)
			}
			return
		}
		if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x1EA0 && r <= 0x1EF9 }) {
			t.Errorf("Vietnamese Unicode text taken for %s: %q", enc.Name(), s)
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || strings.ContainsFunc(got, noise) {
			t.Errorf("DetectLegacy(%q) = %q (%s)", s, got, enc.Name())
		}
		checkLines(t, "DetectLegacy", s, got)
		if again, enc2 := textnorm.DetectLegacy(got); again != got || enc2 != textnorm.Unicode {
			t.Errorf("DetectLegacy(%q) = %q (%s), then %q (%s)", s, got, enc.Name(), again, enc2.Name())
		}
		if n := textnorm.Normalize(got); n != got {
			t.Errorf("DetectLegacy(%q) = %q, which Normalize makes %q", s, got, n)
		}
	})
}

// Clean gives valid NFC text with no control or invisible characters, and
// cleaning it again changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, enc := textnorm.Clean(s)
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || strings.ContainsFunc(got, noise) || strings.Contains(got, "\r") {
			t.Errorf("Clean(%q) = %q (%s)", s, got, enc.Name())
		}
		checkLines(t, "Clean", s, got)
		if again, enc2 := textnorm.Clean(got); again != got || enc2 != textnorm.Unicode {
			t.Errorf("Clean(%q) = %q (%s), then %q (%s)", s, got, enc.Name(), again, enc2.Name())
		}
	})
}
