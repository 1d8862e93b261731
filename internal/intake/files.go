// Package intake reads the workbooks units send back. It takes paths
// (files or folders) and the catalogue, and gives (ReadAll) one
// model.Submission per file — a file that is no readable workbook too,
// marked so and attributed by its name — with every problem found, each
// naming file, sheet and cell in Vietnamese, and an inventory of every
// non-empty cell. Files are opened by package xlsx; the tables of the
// template are read as package form describes them (table.go: one loop,
// one parse function per column kind, values.go); files that claim one
// unit are resolved (batch.go). A unit's state is not decided here but in
// package consolidate. Intake never stops at the first problem, never lets
// a library's error reach the user, and never modifies its inputs.
package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"baocao/internal/problem"
	"baocao/internal/xlsx"
)

// Sentinels of file-level problems: those of a file that is not a
// readable workbook are package xlsx's.
var (
	ErrNotFound     = errors.New("path not found")
	ErrUnreadable   = xlsx.ErrUnreadable
	ErrFormat       = xlsx.ErrFormat
	ErrEncrypted    = xlsx.ErrEncrypted
	ErrCorrupt      = xlsx.ErrCorrupt
	ErrTooLarge     = xlsx.ErrTooLarge
	ErrEmptyFile    = xlsx.ErrEmptyFile
	ErrNoWorkbooks  = errors.New("no workbooks found")
	ErrIgnoredFiles = errors.New("files that are not workbooks were skipped")
)

// Limits bound what one file may cost.
type Limits = xlsx.Limits

// DefaultLimits fit any real template with room to spare: a filled
// workbook of the Kon Tum plan is about 30 kB.
var DefaultLimits = xlsx.DefaultLimits

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
			case spreadsheetExt[ext], documentExt[ext] && r.Catalogue != nil && r.unitNames().file(path) != nil:
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
		// The report of an earlier run, left beside the submissions, is
		// named as such.
		skipped = slices.DeleteFunc(skipped, func(f string) bool {
			if !ownReport(f) {
				return false
			}
			probs.Add(&problem.Problem{File: f, Severity: problem.Warning, Err: ErrOwnOutput,
				Message: "đây là báo cáo do baocao lập, không phải tệp đơn vị gửi về; bỏ qua",
				Hint:    "nên ghi báo cáo ra ngoài thư mục chứa các tệp đơn vị gửi về"})
			return true
		})
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

// ownReport reports whether a file is a report baocao wrote: a PDF whose
// producer is baocao, or a Word file whose application is.
func ownReport(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		st, err := os.Stat(path)
		if err != nil || st.Size() > 64<<20 {
			return false
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return false
		}
		// fpdf writes the producer and creator in UTF-16 (big-endian),
		// after a byte-order mark.
		u16 := []byte{0xFE, 0xFF}
		for _, c := range []byte("baocao") {
			u16 = append(u16, 0, c)
		}
		return bytes.Contains(data, []byte("/Creator (")) && bytes.Contains(data, u16)
	case ".docx":
		z, err := zip.OpenReader(path)
		if err != nil {
			return false
		}
		defer z.Close()
		for _, f := range z.File {
			if f.Name == "docProps/app.xml" && f.UncompressedSize64 < 4096 {
				r, err := f.Open()
				if err != nil {
					return false
				}
				b, _ := io.ReadAll(io.LimitReader(r, 4096))
				r.Close()
				return bytes.Contains(b, []byte("<Application>baocao</Application>"))
			}
		}
	}
	return false
}
