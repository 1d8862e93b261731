package catalogue_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"baocao/examples"
	"baocao/internal/catalogue"
	"baocao/internal/model"
)

// clearPos zeroes every Pos, and the fields set from the file rather than
// its content, so that two catalogues compare by content.
func clearPos(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			clearPos(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(model.Pos{}) {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				clearPos(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			clearPos(v.Index(i))
		}
	}
}

// catalogueContent is what a catalogue file says.
type catalogueContent struct {
	Format      int
	ID, Version string
	Plan        model.Plan
	Period      model.Period
	Periods     []model.Period
	Issuer      model.Issuer
	Kinds       []model.Kind
	Units       []model.Unit
	Groups      []model.Group
	Sections    []model.Section
	Tasks       []model.Task
	Indicators  []model.Indicator
}

func content(c *model.Catalogue) *catalogueContent {
	out := &catalogueContent{Format: c.Format, ID: c.ID, Version: c.Version, Plan: c.Plan, Period: c.Period,
		Periods: append([]model.Period(nil), c.Periods...), Issuer: c.Issuer, Kinds: append([]model.Kind(nil), c.Kinds...),
		Units: append([]model.Unit(nil), c.Units...), Groups: append([]model.Group(nil), c.Groups...),
		Sections: append([]model.Section(nil), c.Sections...), Tasks: append([]model.Task(nil), c.Tasks...),
		Indicators: append([]model.Indicator(nil), c.Indicators...)}
	clearPos(reflect.ValueOf(out))
	return out
}

// Write gives back what Parse read: the example catalogue, and one with
// the values the writer must escape, several periods, predecessors and
// task fields.
func TestWriteRoundTrip(t *testing.T) {
	c, probs := catalogue.Parse("example", examples.KontumCatalogue)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	odd, _ := catalogue.Parse("example", examples.KontumCatalogue)
	odd.Tasks[0].Content = "Dòng có \"ngoặc\" và \\ gạch\nDòng hai\twith tab \"\"\" ba ngoặc"
	odd.Tasks[0].Fields = []model.Field{{Label: "Sản phẩm", Text: "Báo cáo \"tổng kết\""}}
	odd.Units[0].Predecessors = []string{"STNMT", "Sở Tài nguyên và Môi trường"}
	p2 := c.Period
	p2.Label, p2.End, p2.Deadline = "6 tháng đầu năm 2024", time.Date(2024, 5, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	odd.Periods = []model.Period{p2, c.Period}
	odd.Period = p2
	for _, in := range []*model.Catalogue{c, odd} {
		var b bytes.Buffer
		notes := catalogue.Notes{Head: []string{"Bản nháp", "dòng hai"}, At: map[string][]string{"tasks[1]": {"KIỂM TRA: ghi chú"}, "plan.number": {"GIỮ CHỖ"}}}
		if err := catalogue.Write(&b, in, notes); err != nil {
			t.Fatal(err)
		}
		back, probs := catalogue.Parse("written", b.Bytes())
		if probs.HasErrors() {
			t.Fatalf("%v\n%s", probs, b.String())
		}
		if got, want := content(back), content(in); !reflect.DeepEqual(got, want) {
			t.Errorf("the catalogue written and read back differs:\n%s", b.String()[:2000])
			for i := range want.Tasks {
				if !reflect.DeepEqual(got.Tasks[i], want.Tasks[i]) {
					t.Errorf("task %d:\n got %+v\nwant %+v", i, got.Tasks[i], want.Tasks[i])
				}
			}
		}
		for _, want := range []string{"# Bản nháp\n# dòng hai\n", "# KIỂM TRA: ghi chú\n[[tasks]]", "# GIỮ CHỖ\nnumber = "} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("the notes %q are not written", want)
			}
		}
	}
}
