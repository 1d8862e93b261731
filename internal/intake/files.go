// Package intake reads the workbooks units send back. It takes paths
// (files or folders) and the catalogue, and gives one model.Submission per
// file with every problem found, each naming file, sheet and cell in
// Vietnamese. It never stops at the first problem, never lets a library's
// error reach the user, and never modifies its inputs.
package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"baocao/internal/problem"
)

// Sentinels of file-level problems.
var (
	ErrNotFound     = errors.New("path not found")
	ErrUnreadable   = errors.New("file cannot be read")
	ErrFormat       = errors.New("not an .xlsx workbook")
	ErrEncrypted    = errors.New("password-protected workbook")
	ErrCorrupt      = errors.New("corrupt or truncated workbook")
	ErrTooLarge     = errors.New("file over a size limit")
	ErrEmptyFile    = errors.New("empty file")
	ErrNoWorkbooks  = errors.New("no workbooks found")
	ErrIgnoredFiles = errors.New("files that are not workbooks were skipped")
)

// Limits bound what one file may cost.
type Limits struct {
	FileSize   int64 // bytes on disk
	UnzipSize  int64 // bytes of all entries, unzipped
	ZipEntries int   // entries in the archive
}

// DefaultLimits fit any real template with room to spare: a filled
// workbook of the Kon Tum plan is about 30 kB.
var DefaultLimits = Limits{FileSize: 20 << 20, UnzipSize: 200 << 20, ZipEntries: 2000}

// spreadsheetExt are the extensions looked at in folders: .xlsx is read;
// the others are spreadsheets in a format to be named and refused.
var spreadsheetExt = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".ods": true, ".csv": true, ".xlsb": true, ".numbers": true}

// documentExt are documents a unit may send instead of its workbook: read
// (to be named and refused, and the unit shown as having sent a file in the
// wrong format) when the file's name points to a unit, skipped otherwise.
var documentExt = map[string]bool{".doc": true, ".docx": true, ".pdf": true, ".odt": true, ".rtf": true}

// maxNamed is how many skipped files of one folder are named one per line;
// more are named in one line.
const maxNamed = 20

// Discover lists the files to read under paths: files as given, and in
// folders (recursively) the spreadsheet files and the documents named after
// a unit, skipping Office and LibreOffice lock files and hidden files.
// Every other file skipped is named in a warning. Symbolic links to folders
// are not followed, so loops cannot occur. A path that does not exist is a
// problem (ErrNotFound).
func (r *Reader) Discover(paths []string) ([]string, problem.List) {
	var files []string
	var probs problem.List
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			probs.Add(&problem.Problem{File: p, Severity: problem.Error, Err: ErrNotFound,
				Message: "không tìm thấy tệp hoặc thư mục này", Hint: "kiểm tra lại đường dẫn (tên có dấu, dấu cách cần đặt trong dấu ngoặc kép)"})
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		var found, skipped []string
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				probs.Add(&problem.Problem{File: path, Severity: problem.Warning, Err: ErrUnreadable,
					Message: "không đọc được thư mục này, đã bỏ qua", Hint: "kiểm tra quyền truy cập thư mục"})
				return nil
			}
			name := d.Name()
			if path != p && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Links to folders are not followed (no loops); links to
				// files are read like files.
				if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
					return nil
				}
			}
			ext := strings.ToLower(filepath.Ext(name))
			switch {
			case spreadsheetExt[ext], documentExt[ext] && r.Catalogue != nil && fileUnit(r.Catalogue, path) != nil:
				found = append(found, path)
			default:
				skipped = append(skipped, path)
			}
			return nil
		})
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
		if len(found) == 0 {
			probs.Add(&problem.Problem{File: p, Severity: problem.Warning, Err: ErrNoWorkbooks,
				Message: "thư mục không có tệp bảng tính .xlsx nào", Hint: "kiểm tra đã chép các tệp đơn vị gửi về vào thư mục này chưa"})
		}
		sort.Strings(skipped)
		const hint = "chỉ các tệp .xlsx được đọc; nếu đơn vị gửi báo cáo dạng Word hoặc PDF, đề nghị gửi lại bằng biểu mẫu Excel"
		if len(skipped) <= maxNamed {
			for _, f := range skipped {
				probs.Add(&problem.Problem{File: f, Severity: problem.Warning, Err: ErrIgnoredFiles,
					Message: "bỏ qua tệp này: không phải bảng tính", Hint: hint})
			}
		} else {
			names := make([]string, maxNamed)
			for i, f := range skipped[:maxNamed] {
				names[i] = filepath.Base(f)
			}
			probs.Add(&problem.Problem{File: p, Severity: problem.Warning, Err: ErrIgnoredFiles,
				Message: fmt.Sprintf("bỏ qua %d tệp không phải bảng tính trong thư mục: %s và %d tệp khác", len(skipped), strings.Join(names, ", "), len(skipped)-maxNamed),
				Hint:    hint})
		}
	}
	return files, probs
}

// fileProblem is a problem with a whole file.
func fileProblem(file string, err error, msg, hint string) *problem.Problem {
	return &problem.Problem{File: file, Severity: problem.Error, Err: err, Message: msg, Hint: hint}
}

const resend = "đề nghị đơn vị mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng “Excel Workbook (.xlsx)” rồi gửi lại"

// sniff looks at the bytes of the file and says what it is, before any
// library is given it. It returns nil for something that looks like an
// .xlsx workbook.
func sniff(path string, head []byte, size int64, lim Limits) *problem.Problem {
	switch {
	case size == 0:
		return fileProblem(path, ErrEmptyFile, "tệp rỗng (0 byte)", "tệp bị hỏng khi gửi hoặc tải về; đề nghị đơn vị gửi lại")
	case size > lim.FileSize:
		return fileProblem(path, ErrTooLarge, fmt.Sprintf("tệp quá lớn (%s, giới hạn %s)", humanBytes(size), humanBytes(lim.FileSize)),
			"biểu mẫu điền đủ chỉ vài chục kB; kiểm tra tệp có chèn ảnh hoặc dữ liệu thừa không, hoặc tăng giới hạn bằng --max-file-size")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return nil // an OLE container: looked at more closely in oleProblem
	case bytes.HasPrefix(head, []byte("%PDF")):
		return fileProblem(path, ErrFormat, "đây là tệp PDF, không phải bảng tính Excel", "đề nghị đơn vị gửi tệp Excel (.xlsx) của biểu mẫu đã điền, không gửi bản in PDF")
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return fileProblem(path, ErrFormat, "đây là văn bản RTF (Word), không phải bảng tính Excel", "đề nghị đơn vị điền vào biểu mẫu Excel (.xlsx) đã gửi")
	}
	text := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	lower := bytes.ToLower(text)
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<html")), bytes.HasPrefix(lower, []byte("<!doctype")), bytes.HasPrefix(lower, []byte("<table")):
		return fileProblem(path, ErrFormat, "đây là tệp XML hoặc HTML mang đuôi bảng tính, không phải tệp .xlsx thật", resend)
	case looksLikeText(head):
		return fileProblem(path, ErrFormat, "đây là tệp văn bản (CSV), không phải bảng tính Excel: mất định dạng và thông tin nhận diện biểu mẫu", resend)
	}
	return fileProblem(path, ErrFormat, "tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng", resend)
}

func looksLikeText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	printable := 0
	for _, c := range b {
		if c == '\n' || c == '\r' || c == '\t' || c >= 0x20 {
			printable++
		}
		if c == 0 {
			return false
		}
	}
	return printable*100 >= len(b)*95
}

// oleProblem names what an OLE2 container is: an encrypted .xlsx, a legacy
// .xls or a Word document.
func oleProblem(path string, data []byte) *problem.Problem {
	utf16 := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16("EncryptionInfo")), bytes.Contains(data, utf16("EncryptedPackage")):
		return fileProblem(path, ErrEncrypted, "tệp được đặt mật khẩu nên không đọc được",
			"đề nghị đơn vị mở tệp, bỏ mật khẩu (Excel: Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi gửi lại")
	case bytes.Contains(data, utf16("WordDocument")):
		return fileProblem(path, ErrFormat, "đây là văn bản Word (.doc), không phải bảng tính Excel", "đề nghị đơn vị điền vào biểu mẫu Excel (.xlsx) đã gửi")
	}
	return fileProblem(path, ErrFormat, "đây là tệp Excel đời cũ (.xls, Excel 97–2003), không phải .xlsx", resend)
}

// zipProblem checks the archive's central directory before excelize sees
// it: what kind of document it is, the number of entries, the declared
// unzipped size (a zip bomb is refused before anything is inflated). It
// returns the archive for partsProblem.
func zipProblem(path string, data []byte, lim Limits) (*problem.Problem, *zip.Reader) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileProblem(path, ErrCorrupt, "tệp .xlsx bị hỏng hoặc tải về không trọn vẹn", "đề nghị đơn vị gửi lại tệp"), nil
	}
	if len(zr.File) > lim.ZipEntries {
		return fileProblem(path, ErrTooLarge, fmt.Sprintf("tệp có %d thành phần nén, vượt giới hạn %d", len(zr.File), lim.ZipEntries),
			"tệp này không phải biểu mẫu bình thường; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền, hoặc tăng giới hạn bằng --max-entries"), nil
	}
	names := map[string]*zip.File{}
	var total uint64
	for _, zf := range zr.File {
		names[zf.Name] = zf
		total += zf.UncompressedSize64
	}
	if m, ok := names["mimetype"]; ok {
		if rc, err := m.Open(); err == nil {
			b, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			if bytes.Contains(b, []byte("opendocument.spreadsheet")) {
				return fileProblem(path, ErrFormat, "đây là bảng tính OpenDocument (.ods), không phải .xlsx", resend), nil
			}
			if bytes.Contains(b, []byte("opendocument")) {
				return fileProblem(path, ErrFormat, "đây là văn bản OpenDocument, không phải bảng tính Excel", "đề nghị đơn vị điền vào biểu mẫu Excel (.xlsx) đã gửi"), nil
			}
		}
	}
	if _, ok := names["word/document.xml"]; ok {
		return fileProblem(path, ErrFormat, "đây là văn bản Word (.docx), không phải bảng tính Excel", "đề nghị đơn vị điền vào biểu mẫu Excel (.xlsx) đã gửi"), nil
	}
	if _, ok := names["xl/workbook.xml"]; !ok {
		return fileProblem(path, ErrFormat, "tệp nén này không phải bảng tính Excel (.xlsx)", resend), nil
	}
	if total > uint64(lim.UnzipSize) {
		return fileProblem(path, ErrTooLarge, fmt.Sprintf("nội dung giải nén của tệp quá lớn (%s, giới hạn %s): có thể là tệp độc hại (zip bomb)",
			humanBytes(int64(min(total, 1<<62))), humanBytes(lim.UnzipSize)),
			"không mở tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền, hoặc tăng giới hạn bằng --max-unzip-size nếu chắc chắn tệp an toàn"), nil
	}
	return nil, zr
}

// partsProblem inflates every entry of the archive the reader may use (all
// but formatting and document statistics, see unread), once, and checks
// it: it must be whole — as long as declared and with the declared CRC-32,
// which catches truncated and corrupt entries and entries that lie about
// their size (inflation stops at the declared size) — and its XML must
// pass checkXML. The inflated parts are what package xlsxread reads.
func partsProblem(path string, zr *zip.Reader, lim Limits) (*problem.Problem, archiveInfo) {
	broken := func(name string) *problem.Problem {
		return fileProblem(path, ErrCorrupt, "tệp .xlsx bị hỏng, tải về không trọn vẹn hoặc có thành phần khai sai kích thước ("+name+")",
			"không dùng tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền")
	}
	names := map[string]bool{}
	inflated := map[string][]byte{}
	for _, zf := range zr.File {
		names[zf.Name] = true
		if strings.HasSuffix(zf.Name, "/") || unread(zf.Name) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return broken(zf.Name), archiveInfo{}
		}
		data, err := io.ReadAll(io.LimitReader(rc, min(int64(zf.UncompressedSize64), lim.UnzipSize)+1))
		rc.Close()
		if err != nil {
			return broken(zf.Name), archiveInfo{}
		}
		if uint64(len(data)) != zf.UncompressedSize64 || crc32.ChecksumIEEE(data) != zf.CRC32 {
			return broken(zf.Name), archiveInfo{}
		}
		inflated[strings.ReplaceAll(zf.Name, "\\", "/")] = data
		if !isXMLPart(zf.Name) {
			continue
		}
		if p := checkXML(path, zf.Name, data); p != nil {
			return p, archiveInfo{}
		}
	}
	info := archiveInfo{parts: inflated}
	info.macros = names["xl/vbaProject.bin"]
	for name := range names {
		if strings.HasPrefix(name, "xl/externalLinks/") {
			info.externalLinks = true
		}
	}
	return nil, info
}

// unread reports the parts no value is read from: formatting, pictures,
// printer settings, macros and document statistics. Inflating them would be
// a quarter of the reading time; their declared sizes still count against
// the unzipped-size limit.
func unread(name string) bool {
	for _, prefix := range []string{"xl/theme/", "xl/media/", "xl/printerSettings/", "xl/drawings/"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	switch name {
	case "xl/styles.xml", "xl/calcChain.xml", "xl/vbaProject.bin", "docProps/app.xml", "docProps/core.xml", "docProps/thumbnail.jpeg":
		return true
	}
	return false
}

// isXMLPart reports the parts the reader relies on: excelize skips XML it
// cannot parse without an error, and reads the part as empty.
func isXMLPart(name string) bool {
	xmlLike := strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
	return xmlLike && (strings.HasPrefix(name, "xl/") || strings.HasPrefix(name, "docProps/") || strings.HasPrefix(name, "_rels/") || name == "[Content_Types].xml")
}

// maxXMLDepth is deeper than any part of a real workbook nests.
const maxXMLDepth = 100

// checkXML reads an XML part through with a byte scanner (encoding/xml is
// twenty times slower and this runs on every file): it must start as XML,
// declare no DTD or entities (entity expansion bombs), nest no deeper than
// maxXMLDepth and close every element it opens.
func checkXML(path, name string, data []byte) *problem.Problem {
	corrupt := fileProblem(path, ErrCorrupt, "tệp .xlsx bị hỏng: phần "+name+" không phải XML hợp lệ, nội dung không đọc được", "đề nghị đơn vị mở tệp bằng Excel, lưu lại rồi gửi lại")
	body := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(body) == 0 || body[0] != '<' {
		return corrupt
	}
	depth := 0
	for i := 0; i < len(body); i++ {
		if body[i] != '<' {
			continue
		}
		rest := body[i+1:]
		switch {
		case bytes.HasPrefix(rest, []byte("!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 {
				return corrupt
			}
			i += end + 3
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return corrupt
			}
			i += end + 3
		case len(rest) > 0 && rest[0] == '!':
			return fileProblem(path, ErrCorrupt, "tệp .xlsx có khai báo DOCTYPE/ENTITY trong phần "+name+" (bảng tính thật không có): tệp độc hại hoặc hỏng", "không mở tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền")
		case len(rest) > 0 && rest[0] == '?':
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return corrupt
			}
			i += end + 2
		default:
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return corrupt
			}
			tag := rest[:end]
			switch {
			case len(tag) > 0 && tag[0] == '/':
				depth--
				if depth < 0 {
					return corrupt
				}
			case len(tag) > 0 && tag[len(tag)-1] == '/':
			default:
				depth++
				if depth > maxXMLDepth {
					return fileProblem(path, ErrCorrupt, fmt.Sprintf("tệp .xlsx có phần %s lồng nhau quá %d cấp: tệp hỏng hoặc độc hại", name, maxXMLDepth), "không mở tệp này; đề nghị đơn vị gửi lại biểu mẫu gốc đã điền")
				}
			}
			i += end + 1
		}
	}
	if depth != 0 || !entitiesDefined(body) {
		return corrupt
	}
	return nil
}

// entitiesDefined reports whether every "&" starts one of XML's five
// predefined entities or a character reference: anything else cannot be
// parsed, and excelize would then read the part as empty.
func entitiesDefined(b []byte) bool {
	for i := bytes.IndexByte(b, '&'); i >= 0; {
		rest := b[i+1:]
		end := bytes.IndexByte(rest, ';')
		if end < 0 || end > 10 {
			return false
		}
		name := string(rest[:end])
		switch {
		case name == "amp", name == "lt", name == "gt", name == "quot", name == "apos":
		case len(name) > 1 && name[0] == '#':
		default:
			return false
		}
		next := bytes.IndexByte(rest[end:], '&')
		if next < 0 {
			break
		}
		i += 1 + end + next
	}
	return true
}

// archiveInfo is what the pre-scan learnt of a sound archive.
type archiveInfo struct {
	macros, externalLinks bool
	parts                 map[string][]byte // every entry, inflated and checked
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
