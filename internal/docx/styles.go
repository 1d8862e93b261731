package docx

// Font is the typeface the file names: what Word on Windows has, with the
// metrics of the Liberation Serif the PDF embeds.
const Font = "Times New Roman"

// Paragraph styles, by id. The names are those Word shows; an official
// changes a style once for the whole document.
const (
	styleNormal    = "Normal"   // body text: 14 pt, justified, first-line indent, 6 pt after
	styleHeading1  = "Heading1" // I. parts: bold
	styleHeading2  = "Heading2" // 1. items: bold
	styleHeading3  = "Heading3" // a) points: italic
	styleTitle     = "Title"    // "BÁO CÁO" and the subject, the appendices' titles: bold, centred
	styleHeader    = "Header"   // the page number
	styleMasthead  = "Masthead" // the page-1 header's lines: 13 pt, centred
	styleTable     = "TableText"
	styleTableHead = "TableHeading"
	styleTableBold = "TableBold"
	styleCaption   = "Caption"    // the chart's title: italic, 13 pt, centred
	styleRecipient = "Recipients" // Nơi nhận: 11 pt
	styleSigner    = "Signer"     // the signer's lines: bold, 14 pt, centred
	styleRule      = "Rule"       // an empty paragraph drawing a rule with its bottom border
	styleTableGrid = "TableGrid"
)

// Sizes, in points, as the PDF sets them.
const (
	bodySize      = 14
	mastheadSize  = 13
	tableSize     = 11
	pageNumSize   = 13
	chartSize     = 12
	recipientSize = 11
)

// firstLine is the body's first-line indent, 12.7 mm; after is the space
// after a body paragraph, 6 pt.
const (
	firstLine = 720
	after     = 120
)

func styles() string {
	var b buf
	b.s(xmlDecl, `<w:styles xmlns:w="`, nsW, `">`)
	b.s(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="`, Font, `" w:hAnsi="`, Font, `" w:eastAsia="`, Font, `" w:cs="`, Font, `"/>`,
		`<w:sz w:val="`, halfPoints(bodySize), `"/><w:szCs w:val="`, halfPoints(bodySize), `"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`,
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	para := func(id, name, basedOn string, custom bool, pPr, rPr string) {
		b.s(`<w:style w:type="paragraph"`)
		if id == styleNormal {
			b.s(` w:default="1"`)
		}
		if custom {
			b.s(` w:customStyle="1"`)
		}
		b.s(` w:styleId="`, id, `"><w:name w:val="`, esc(name), `"/>`)
		if basedOn != "" {
			b.s(`<w:basedOn w:val="`, basedOn, `"/>`)
		}
		b.s(`<w:qFormat/>`)
		if pPr != "" {
			b.s(`<w:pPr>`, pPr, `</w:pPr>`)
		}
		if rPr != "" {
			b.s(`<w:rPr>`, rPr, `</w:rPr>`)
		}
		b.s(`</w:style>`)
	}
	size := func(pt float64) string {
		return `<w:sz w:val="` + halfPoints(pt) + `"/><w:szCs w:val="` + halfPoints(pt) + `"/>`
	}
	centred := `<w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>`
	para(styleNormal, "Normal", "", false,
		`<w:spacing w:after="`+itoa(after)+`"/><w:ind w:firstLine="`+itoa(firstLine)+`"/><w:jc w:val="both"/>`, size(bodySize))
	para(styleHeading1, "heading 1", styleNormal, false, `<w:keepNext/><w:spacing w:before="`+itoa(twips(2))+`"/><w:outlineLvl w:val="0"/>`, `<w:b/><w:bCs/>`)
	para(styleHeading2, "heading 2", styleNormal, false, `<w:keepNext/><w:outlineLvl w:val="1"/>`, `<w:b/><w:bCs/>`)
	para(styleHeading3, "heading 3", styleNormal, false, `<w:keepNext/><w:outlineLvl w:val="2"/>`, `<w:i/><w:iCs/>`)
	para(styleTitle, "Title", styleNormal, false, `<w:keepNext/>`+centred, `<w:b/><w:bCs/>`+size(bodySize))
	para(styleHeader, "header", styleNormal, false, centred, size(pageNumSize))
	para(styleMasthead, "Thể thức", styleNormal, true, `<w:keepNext/>`+centred, size(mastheadSize))
	para(styleTable, "Chữ trong bảng", styleNormal, true, `<w:spacing w:before="20" w:after="20"/><w:ind w:firstLine="0"/><w:jc w:val="left"/>`, size(tableSize))
	para(styleTableHead, "Tiêu đề bảng", styleTable, true, `<w:jc w:val="center"/>`, `<w:b/><w:bCs/>`)
	para(styleTableBold, "Dòng tổng", styleTable, true, ``, `<w:b/><w:bCs/>`)
	para(styleCaption, "caption", styleNormal, false, `<w:keepNext/>`+centred, `<w:i/><w:iCs/>`+size(mastheadSize))
	para(styleRecipient, "Nơi nhận", styleNormal, true, `<w:spacing w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/>`, size(recipientSize))
	para(styleSigner, "Chữ ký", styleNormal, true, `<w:keepNext/>`+centred, `<w:b/><w:bCs/>`+size(bodySize))
	para(styleRule, "Đường kẻ", styleNormal, true, `<w:keepNext/><w:spacing w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:firstLine="0"/>`, size(2))
	b.s(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>`,
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.s(`<w:style w:type="table" w:styleId="`, styleTableGrid, `"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>`,
		`<w:tblPr><w:tblBorders>`, borders("single", 4), `</w:tblBorders></w:tblPr></w:style>`)
	b.s(`</w:styles>`)
	return b.String()
}

// borders are the six borders of a table.
func borders(kind string, size int) string {
	var b buf
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.s(`<w:`, side, ` w:val="`, kind, `"`)
		if kind != "nil" {
			b.s(` w:sz="`, itoa(size), `" w:space="0" w:color="000000"`)
		}
		b.s(`/>`)
	}
	return b.String()
}
