// Package form defines the unit workbook: its sheets, columns, labels and
// hidden metadata. The template writer lays a workbook out from it and the
// reader finds its way back through it, so the two agree by construction.
// Rows and columns are counted from 1.
package form

import "time"

// FormatVersion is the template format; the reader refuses formats it does
// not know and names outdated ones.
const FormatVersion = 1

// Sheet names, as units see them.
const (
	SheetGuide      = "Hướng dẫn"
	SheetInfo       = "Thông tin đơn vị"
	SheetTasks      = "Nhiệm vụ"
	SheetIndicators = "Chỉ tiêu"
	SheetMeta       = "_baocao" // hidden
)

// Column is one column of a table sheet. Width is in Excel character units
// (about 2 mm each in Times New Roman 12). A landscape A4 page holds about
// 130 units at 100%; the tasks table is about 200, so it prints at about 2/3.
type Column struct {
	Key   string
	Label string
	Width float64
	Input bool // filled by the unit; otherwise written from the catalogue and locked
	Kind  Kind // what the reader makes of the cell
}

// Kind is what a column holds, for the reader: each kind has one parse
// function.
type Kind int

const (
	Locked Kind = iota // written from the catalogue: the template's own text
	Key                // the row's key: a task number or an indicator code
	Text               // free text, paragraphs kept
	Status             // one of the statuses
	Date               // a date
	Number             // a non-negative number
)

// Task column keys.
const (
	ColTT           = "tt"
	ColNumber       = "number"
	ColSection      = "section"
	ColContent      = "content"
	ColRole         = "role"
	ColTimeframe    = "timeframe"
	ColStatus       = "status"
	ColDoneDate     = "done"
	ColResult       = "result"
	ColDocuments    = "documents"
	ColDifficulties = "difficulties"
	ColProposals    = "proposals"
)

// TaskColumns are the columns of the tasks sheet, in order.
var TaskColumns = []Column{
	{ColTT, "TT", 4, false, Locked},
	{ColNumber, "Nhiệm vụ số", 7, false, Key},
	{ColSection, "Nhóm", 7, false, Locked},
	{ColContent, "Nội dung nhiệm vụ", 46, false, Locked},
	{ColRole, "Vai trò", 10, false, Locked},
	{ColTimeframe, "Thời gian thực hiện", 14, false, Locked},
	{ColStatus, "Tình trạng", 14, true, Status},
	{ColDoneDate, "Ngày hoàn thành", 12, true, Date},
	{ColResult, "Kết quả thực hiện", 31, true, Text},
	{ColDocuments, "Văn bản đã ban hành", 20, true, Text},
	{ColDifficulties, "Khó khăn, vướng mắc", 19, true, Text},
	{ColProposals, "Đề xuất, kiến nghị", 19, true, Text},
}

// TaskHeaderRow is the header row of the tasks sheet in a fresh template;
// tasks start on the row after it. The reader finds the header by its
// labels, wherever it is.
const TaskHeaderRow = 4

// Indicator column keys.
const (
	ColIndTT    = "tt"
	ColIndCode  = "code"
	ColIndName  = "name"
	ColIndUnit  = "unit"
	ColIndValue = "value"
	ColIndNote  = "note"
)

// IndicatorColumns are the columns of the indicators sheet.
var IndicatorColumns = []Column{
	{ColIndTT, "TT", 5, false, Locked},
	{ColIndCode, "Mã chỉ tiêu", 16, false, Key},
	{ColIndName, "Chỉ tiêu", 60, false, Locked},
	{ColIndUnit, "Đơn vị tính", 14, false, Locked},
	{ColIndValue, "Giá trị", 18, true, Number},
	{ColIndNote, "Ghi chú", 40, true, Text},
}

// IndicatorHeaderRow is the header row of the indicators sheet.
const IndicatorHeaderRow = 3

// Info sheet fields: a label in column A, the value in column B.
const (
	InfoCode     = "Mã đơn vị"
	InfoName     = "Tên đơn vị"
	InfoPeriod   = "Kỳ báo cáo"
	InfoDeadline = "Hạn gửi báo cáo"
	InfoReporter = "Họ và tên"
	InfoPosition = "Chức vụ"
	InfoPhone    = "Điện thoại"
	InfoEmail    = "E-mail"
	InfoDate     = "Ngày báo cáo"
)

// InfoField is one row of the info sheet.
type InfoField struct {
	Label string
	Input bool
}

// InfoFields are the rows of the info sheet from InfoFirstRow on.
var InfoFields = []InfoField{
	{InfoCode, false},
	{InfoName, false},
	{InfoPeriod, false},
	{InfoDeadline, false},
	{InfoReporter, true},
	{InfoPosition, true},
	{InfoPhone, true},
	{InfoEmail, true},
	{InfoDate, true},
}

// InfoFirstRow is the row of the first info field.
const InfoFirstRow = 3

// Metadata keys, written to the hidden sheet (key in column A, value in B)
// and to the workbook's custom properties.
const (
	MetaCatalogueID      = "baocao_catalogue_id"
	MetaCatalogueVersion = "baocao_catalogue_version"
	MetaCatalogueHash    = "baocao_catalogue_hash"
	MetaUnitCode         = "baocao_unit_code"
	MetaUnitName         = "baocao_unit_name"
	MetaTemplateFormat   = "baocao_template_format"
	MetaPeriod           = "baocao_period"
)

// MetaOutput is the custom property that marks a workbook baocao wrote as
// an output (the consolidated workbook), so that it is not read as a
// unit's submission when it lands in the submissions folder.
const MetaOutput = "baocao_output"

// MetaKeys lists the metadata keys in the order written.
var MetaKeys = []string{MetaCatalogueID, MetaCatalogueVersion, MetaCatalogueHash, MetaUnitCode, MetaUnitName, MetaTemplateFormat, MetaPeriod}

// OptionalMark follows the role of a task the unit may report on.
const OptionalMark = "(nếu có)"

// PeriodKey is how the template's metadata names a reporting period
// (MetaPeriod): its first and last days.
func PeriodKey(start, end time.Time) string {
	return start.Format("2006-01-02") + "/" + end.Format("2006-01-02")
}
