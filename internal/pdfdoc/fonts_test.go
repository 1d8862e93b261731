package pdfdoc

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The measurer's widths are fpdf's, to the bit, for every character the
// font draws, in every style and at every size the report uses.
func TestMeasurerMatchesFpdf(t *testing.T) {
	pdf, err := newPDF()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMeasurer()
	if err != nil {
		t.Fatal(err)
	}
	var runes []rune
	for r := range coverage() {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	if len(runes) < 1000 {
		t.Fatalf("the font draws only %d characters", len(runes))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, st := range []Style{{Size: 13}, {Size: 14, Bold: true}, {Size: 14, Italic: true}, {Size: 11, Bold: true, Italic: true}, {Size: 10.5}, {Size: 12}} {
		pdf.SetFont(family, st.code(), st.Size)
		for _, r := range runes {
			if got, want := m.width(string(r), st), pdf.GetStringWidth(string(r)); got != want {
				t.Fatalf("%+v %U: %v, fpdf %v", st, r, got, want)
			}
		}
		for range 200 {
			s := make([]rune, 1+rng.IntN(80))
			for i := range s {
				s[i] = runes[rng.IntN(len(runes))]
			}
			if got, want := m.width(string(s), st), pdf.GetStringWidth(string(s)); got != want {
				t.Fatalf("%+v %q: %v, fpdf %v", st, string(s), got, want)
			}
		}
		// Characters the font lacks never reach the measurer (Cleaner
		// replaces them), but are measured as fpdf would.
		for _, s := range []string{"😀", "\u0378", "a\U0010FFFFb"} {
			if got, want := m.width(s, st), pdf.GetStringWidth(s); got != want {
				t.Errorf("%+v %q: %v, fpdf %v", st, s, got, want)
			}
		}
	}
}
