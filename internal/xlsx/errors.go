package xlsx

import (
	"errors"
	"fmt"
)

// Sentinels of why a file cannot be read; a *FileError wraps one of them.
var (
	ErrUnreadable = errors.New("file cannot be read")
	ErrFormat     = errors.New("not an .xlsx workbook")
	ErrEncrypted  = errors.New("password-protected workbook")
	ErrCorrupt    = errors.New("corrupt or truncated workbook")
	ErrTooLarge   = errors.New("file over a size limit")
	ErrEmptyFile  = errors.New("empty file")
)

// FileError is why a file cannot be read as a workbook, in Vietnamese.
type FileError struct {
	Err     error  // sentinel
	Message string // e.g. "đây là tệp Excel đời cũ (.xls, Excel 97–2003), không phải .xlsx"
	Hint    string // what to do
}

func (e *FileError) Error() string { return e.Message }
func (e *FileError) Unwrap() error { return e.Err }

func fileError(err error, msg, hint string) *FileError {
	return &FileError{Err: err, Message: msg, Hint: hint}
}

const (
	resend      = "đề nghị đơn vị mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng “Excel Workbook (.xlsx)” rồi gửi lại"
	fillForm    = "đề nghị đơn vị điền vào biểu mẫu Excel (.xlsx) đã gửi"
	dontOpen    = "không mở tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền"
	saveAgain   = "đề nghị đơn vị mở tệp bằng Excel, lưu lại rồi gửi lại"
	resendOrig  = "không dùng tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền"
	checkAccess = "kiểm tra tệp có đang mở bằng chương trình khác hoặc bị khóa quyền truy cập không"
)

// The messages of the checks below are those package intake gave.

func errEmpty() *FileError {
	return fileError(ErrEmptyFile, "tệp rỗng (0 byte)", "tệp bị hỏng khi gửi hoặc tải về; đề nghị đơn vị gửi lại")
}

func errFileSize(size, limit int64) *FileError {
	return fileError(ErrTooLarge, fmt.Sprintf("tệp quá lớn (%s, giới hạn %s)", humanBytes(size), humanBytes(limit)),
		"biểu mẫu điền đủ chỉ vài chục kB; kiểm tra tệp có chèn ảnh hoặc dữ liệu thừa không, hoặc tăng giới hạn bằng --max-file-size")
}

func errPDF() *FileError {
	return fileError(ErrFormat, "đây là tệp PDF, không phải bảng tính Excel", "đề nghị đơn vị gửi tệp Excel (.xlsx) của biểu mẫu đã điền, không gửi bản in PDF")
}

func errRTF() *FileError {
	return fileError(ErrFormat, "đây là văn bản RTF (Word), không phải bảng tính Excel", fillForm)
}

func errMarkup() *FileError {
	return fileError(ErrFormat, "đây là tệp XML hoặc HTML mang đuôi bảng tính, không phải tệp .xlsx thật", resend)
}

func errCSV() *FileError {
	return fileError(ErrFormat, "đây là tệp văn bản (CSV), không phải bảng tính Excel: mất định dạng và thông tin nhận diện biểu mẫu", resend)
}

func errUnknownFormat() *FileError {
	return fileError(ErrFormat, "tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng", resend)
}

func errEncryptedOffice() *FileError {
	return fileError(ErrEncrypted, "tệp được đặt mật khẩu nên không đọc được",
		"đề nghị đơn vị mở tệp, bỏ mật khẩu (Excel: Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi gửi lại")
}

func errWordDoc() *FileError {
	return fileError(ErrFormat, "đây là văn bản Word (.doc), không phải bảng tính Excel", fillForm)
}

func errLegacyXLS() *FileError {
	return fileError(ErrFormat, "đây là tệp Excel đời cũ (.xls, Excel 97–2003), không phải .xlsx", resend)
}

func errZip() *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng hoặc tải về không trọn vẹn", "đề nghị đơn vị gửi lại tệp")
}

func errEntries(n, limit int) *FileError {
	return fileError(ErrTooLarge, fmt.Sprintf("tệp có %d thành phần nén, vượt giới hạn %d", n, limit),
		"tệp này không phải biểu mẫu bình thường; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền, hoặc tăng giới hạn bằng --max-entries")
}

func errODS() *FileError {
	return fileError(ErrFormat, "đây là bảng tính OpenDocument (.ods), không phải .xlsx", resend)
}

func errODT() *FileError {
	return fileError(ErrFormat, "đây là văn bản OpenDocument, không phải bảng tính Excel", fillForm)
}

func errDocx() *FileError {
	return fileError(ErrFormat, "đây là văn bản Word (.docx), không phải bảng tính Excel", fillForm)
}

func errNotWorkbook() *FileError {
	return fileError(ErrFormat, "tệp nén này không phải bảng tính Excel (.xlsx)", resend)
}

func errUnzipSize(total uint64, limit int64) *FileError {
	return fileError(ErrTooLarge, fmt.Sprintf("nội dung giải nén của tệp quá lớn (%s, giới hạn %s): có thể là tệp độc hại (zip bomb)",
		humanBytes(int64(min(total, 1<<62))), humanBytes(limit)),
		"không mở tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền, hoặc tăng giới hạn bằng --max-unzip-size nếu chắc chắn tệp an toàn")
}

func errBroken(name string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng, tải về không trọn vẹn hoặc có thành phần khai sai kích thước ("+name+")", resendOrig)
}

func errNotXML(name string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng: phần "+name+" không phải XML hợp lệ, nội dung không đọc được", saveAgain)
}

func errDoctype(name string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx có khai báo DOCTYPE/ENTITY trong phần "+name+" (bảng tính thật không có): tệp độc hại hoặc hỏng", dontOpen)
}

func errDepth(name string) *FileError {
	return fileError(ErrCorrupt, fmt.Sprintf("tệp .xlsx có phần %s lồng nhau quá %d cấp: tệp hỏng hoặc độc hại", name, maxDepth), dontOpen)
}

// Messages of package intake's opening of the file.

func errOpen(permission bool) *FileError {
	msg := "không mở được tệp"
	if permission {
		msg = "không có quyền đọc tệp"
	}
	return fileError(ErrUnreadable, msg, checkAccess)
}

func errStat() *FileError {
	return fileError(ErrUnreadable, "không đọc được tệp", "kiểm tra đường dẫn")
}

func errReadAll() *FileError {
	return fileError(ErrUnreadable, "không đọc được hết tệp", "kiểm tra tệp có đang bị chương trình khác ghi dở hoặc khóa không")
}

// Messages new with this package.

func errXLSB() *FileError {
	return fileError(ErrFormat, "đây là bảng tính Excel dạng nhị phân (.xlsb), không phải .xlsx", resend)
}

func errZipPassword() *FileError {
	return fileError(ErrEncrypted, "tệp nén được đặt mật khẩu nên không đọc được",
		"đề nghị đơn vị gửi lại tệp .xlsx gốc, không nén lại và không đặt mật khẩu")
}

func errStructure(name string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng: phần "+name+" không đúng cấu trúc bảng tính Excel", saveAgain)
}

func errMissingSheet(sheet string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng: thiếu phần chứa nội dung của trang tính “"+sheet+"”", saveAgain)
}

func errSharedString(sheet, cell string) *FileError {
	return fileError(ErrCorrupt, "tệp .xlsx bị hỏng: ô "+cell+" của trang tính “"+sheet+"” trỏ tới một chuỗi văn bản không có trong tệp", saveAgain)
}

// xmlError is the FileError of a part that is not well-formed.
func xmlError(name string, e xmlErr) *FileError {
	switch e {
	case xmlDoctype:
		return errDoctype(name)
	case xmlDepth:
		return errDepth(name)
	}
	return errNotXML(name)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d byte", n)
}
