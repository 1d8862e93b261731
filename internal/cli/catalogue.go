package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	ucli "github.com/urfave/cli/v2"

	"baocao/internal/model"
)

func (e *env) catalogueCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "catalogue",
		Usage:     "kiểm tra danh mục nhiệm vụ và in dàn ý: các phần, nhiệm vụ, đơn vị, nhóm, chỉ tiêu",
		UsageText: "baocao [--catalogue TỆP] catalogue [--json]\n   baocao catalogue import TỆP.docx|TỆP.xlsx [--base DANH_MỤC.toml] --out DANH_MỤC_MỚI.toml",
		Description: "Đọc danh mục, báo mọi lỗi kèm số dòng và tên khóa; nếu hợp lệ thì in dàn ý.\n" +
			"Mã thoát: 0 danh mục hợp lệ; 1 danh mục có lỗi (liệt kê ở stderr); 2 không đọc được tệp.\n\n" +
			"Ví dụ:\n" +
			"   baocao catalogue\n" +
			"   baocao --catalogue examples/kh144-tinh-uy-2024/catalogue.toml catalogue\n" +
			"   baocao catalogue --json > danh-muc.json\n" +
			"   baocao catalogue import ke-hoach.docx --base danh-muc-2024.toml --out danh-muc-moi.toml",
		Flags: []ucli.Flag{
			&ucli.BoolFlag{Name: "json", Usage: "in dàn ý dưới dạng một đối tượng JSON"},
		},
		Subcommands: []*ucli.Command{e.importCommand()},
		Action: func(c *ucli.Context) error {
			if c.Args().Present() {
				return usageError("lệnh catalogue không nhận đối số “%s”; tệp danh mục ghi bằng --catalogue trước tên lệnh", c.Args().First())
			}
			cat, err := e.loadCatalogue(c)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return writeJSON(e.stdout, outlineJSON(cat))
			}
			e.printProblems(cat.Placeholders())
			writeOutline(e.stdout, cat)
			return nil
		},
	}
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

func docDate(d model.Document) string {
	if !d.Date.IsZero() {
		return "ngày " + date(d.Date)
	}
	return d.DateText
}

func writeOutline(w io.Writer, c *model.Catalogue) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	p("DANH MỤC NHIỆM VỤ")
	p("%s số %s %s của %s", c.Plan.Kind, c.Plan.Number, docDate(c.Plan.Document), c.Plan.Issuer)
	p("%s", c.Plan.Title)
	for _, d := range c.Plan.Implements {
		p("  Căn cứ: %s số %s %s của %s", d.Kind, d.Number, docDate(d), d.Issuer)
	}
	p("Mã danh mục: %s, phiên bản %s (mã nội dung %s)", c.ID, c.Version, c.Hash)
	for i, per := range c.Periods {
		mark := ""
		if len(c.Periods) > 1 {
			mark = fmt.Sprintf("%d. ", i+1)
			if per.Label == c.Period.Label {
				mark = fmt.Sprintf("%d. (đang dùng) ", i+1)
			}
		}
		p("%sKỳ báo cáo %s: từ %s đến %s; hạn gửi báo cáo: %s", mark, per.Label, date(per.Start), date(per.End), date(per.Deadline))
	}
	p("Cơ quan tổng hợp: %s (%s), ký hiệu %s", c.Issuer.Body, c.Issuer.Superior, c.Issuer.Symbol)
	p("")
	p("NHIỆM VỤ (%d)", len(c.Tasks))
	for _, s := range c.Sections {
		p("")
		p("%s. %s", s.Number, s.Title)
		for i := range c.Tasks {
			t := &c.Tasks[i]
			if t.Section != s.Number {
				continue
			}
			p("  %s. %s", t.Number, t.Title)
			p("     Chủ trì:   %s", t.LeadLabel(c))
			if len(t.Coordinators) > 0 {
				p("     Phối hợp:  %s", t.CoordinatorsLabel(c))
			}
			p("     Thời gian: %s", t.TimeframeLabel())
		}
	}
	p("")
	p("ĐƠN VỊ (%d)", len(c.Units))
	for i, us := range c.UnitsByKind() {
		p("  %s (%d)", c.Kinds[i].Name, len(us))
		for _, u := range us {
			p("    %-10s %s", u.Code, u.Name)
		}
	}
	p("")
	p("NHÓM ĐƠN VỊ (%d)", len(c.Groups))
	for i := range c.Groups {
		g := &c.Groups[i]
		members := c.GroupUnits(g)
		kind := ""
		if g.Open {
			kind = ", nhóm mở: đơn vị báo cáo nếu có liên quan"
		}
		p("  %-10s %s (%d đơn vị%s)", g.Code, g.Name, len(members), kind)
	}
	p("")
	p("CHỈ TIÊU (%d)", len(c.Indicators))
	for _, in := range c.Indicators {
		p("  %-13s %s (%s)", in.Code, in.Name, in.Unit)
	}
}

type jsonDoc struct {
	Kind     string `json:"kind"`
	Number   string `json:"number"`
	Date     string `json:"date,omitempty"`
	DateText string `json:"date_text,omitempty"`
	Issuer   string `json:"issuer"`
	Title    string `json:"title,omitempty"`
}

type jsonTask struct {
	Number           string        `json:"number"`
	Section          string        `json:"section"`
	Title            string        `json:"title"`
	Content          string        `json:"content"`
	Footnotes        []string      `json:"footnotes,omitempty"`
	Lead             []string      `json:"lead"`
	LeadText         string        `json:"lead_text"`
	Coordinators     []string      `json:"coordinators"`
	CoordinatorsText string        `json:"coordinators_text"`
	Timeframe        jsonTimeframe `json:"timeframe"`
}

type jsonTimeframe struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	Due  string `json:"due,omitempty"`
}

type jsonUnit struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	ShortName  string   `json:"short_name"`
	Kind       string   `json:"kind"`
	Aliases    []string `json:"aliases"`
	Successors []string `json:"successors"`
}

type jsonGroup struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Open    bool     `json:"open"`
	Kinds   []string `json:"kinds"`
	Members []string `json:"members"`
}

type jsonOutline struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
	Plan    struct {
		jsonDoc
		Short      string    `json:"short,omitempty"`
		Implements []jsonDoc `json:"implements"`
	} `json:"plan"`
	Period struct {
		Label    string `json:"label"`
		Start    string `json:"start"`
		End      string `json:"end"`
		Deadline string `json:"deadline"`
	} `json:"period"`
	Issuer struct {
		Superior     string   `json:"superior"`
		Body         string   `json:"body"`
		Symbol       string   `json:"symbol"`
		Place        string   `json:"place"`
		DraftingUnit string   `json:"drafting_unit"`
		Addressees   []string `json:"addressees"`
		Recipients   []string `json:"recipients"`
		Signer       struct {
			Authority string `json:"authority"`
			Title     string `json:"title"`
			Name      string `json:"name"`
		} `json:"signer"`
	} `json:"issuer"`
	Kinds []struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"kinds"`
	Sections []struct {
		Number string `json:"number"`
		Title  string `json:"title"`
	} `json:"sections"`
	Tasks      []jsonTask  `json:"tasks"`
	Units      []jsonUnit  `json:"units"`
	Groups     []jsonGroup `json:"groups"`
	Indicators []struct {
		Code string `json:"code"`
		Name string `json:"name"`
		Unit string `json:"unit"`
	} `json:"indicators"`
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func toJSONDoc(d model.Document) jsonDoc {
	return jsonDoc{Kind: d.Kind, Number: d.Number, Date: isoDate(d.Date), DateText: d.DateText, Issuer: d.Issuer, Title: d.Title}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func outlineJSON(c *model.Catalogue) *jsonOutline {
	o := &jsonOutline{ID: c.ID, Version: c.Version, Hash: c.Hash}
	o.Plan.jsonDoc = toJSONDoc(c.Plan.Document)
	o.Plan.Short = c.Plan.Short
	o.Plan.Implements = []jsonDoc{}
	for _, d := range c.Plan.Implements {
		o.Plan.Implements = append(o.Plan.Implements, toJSONDoc(d))
	}
	o.Period.Label = c.Period.Label
	o.Period.Start, o.Period.End, o.Period.Deadline = isoDate(c.Period.Start), isoDate(c.Period.End), isoDate(c.Period.Deadline)
	is := c.Issuer
	o.Issuer.Superior, o.Issuer.Body, o.Issuer.Symbol, o.Issuer.Place = is.Superior, is.Body, is.Symbol, is.Place
	o.Issuer.DraftingUnit = is.DraftingUnit
	o.Issuer.Addressees, o.Issuer.Recipients = nonNil(is.Addressees), nonNil(is.Recipients)
	o.Issuer.Signer.Authority, o.Issuer.Signer.Title, o.Issuer.Signer.Name = is.Signer.Authority, is.Signer.Title, is.Signer.Name
	for _, k := range c.Kinds {
		o.Kinds = append(o.Kinds, struct {
			Code string `json:"code"`
			Name string `json:"name"`
		}{k.Code, k.Name})
	}
	for _, s := range c.Sections {
		o.Sections = append(o.Sections, struct {
			Number string `json:"number"`
			Title  string `json:"title"`
		}{s.Number, s.Title})
	}
	for i := range c.Tasks {
		t := &c.Tasks[i]
		o.Tasks = append(o.Tasks, jsonTask{Number: t.Number, Section: t.Section, Title: t.Title, Content: t.Content,
			Footnotes: t.Footnotes, Lead: nonNil(t.Lead), LeadText: t.LeadLabel(c),
			Coordinators: nonNil(t.Coordinators), CoordinatorsText: t.CoordinatorsLabel(c),
			Timeframe: jsonTimeframe{Kind: string(t.Timeframe.Kind), Text: t.TimeframeLabel(), Due: isoDate(t.Timeframe.Due)}})
	}
	for _, us := range c.UnitsByKind() {
		for _, u := range us {
			o.Units = append(o.Units, jsonUnit{Code: u.Code, Name: u.Name, ShortName: u.ShortName, Kind: u.Kind,
				Aliases: nonNil(u.Aliases), Successors: nonNil(u.Successors)})
		}
	}
	for i := range c.Groups {
		g := &c.Groups[i]
		o.Groups = append(o.Groups, jsonGroup{Code: g.Code, Name: g.Name, Open: g.Open, Kinds: nonNil(g.Kinds), Members: nonNil(c.GroupUnits(g))})
	}
	for _, in := range c.Indicators {
		o.Indicators = append(o.Indicators, struct {
			Code string `json:"code"`
			Name string `json:"name"`
			Unit string `json:"unit"`
		}{in.Code, in.Name, in.Unit})
	}
	return o
}

// writeJSON writes v as indented JSON, Vietnamese and "&" as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
