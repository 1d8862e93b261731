// Package xlsx opens .xlsx workbooks sent by others, safely and fast.
//
// Open first says what a file is when it is not a workbook (a legacy .xls,
// an encrypted workbook, a Word, PDF, RTF, HTML, CSV or OpenDocument file,
// an empty or oversized file), then checks the archive against limits (zip
// bombs, entries lying about their size, corrupt or truncated entries),
// then finds the workbook's parts by following the package's
// relationships, as ECMA-376 Part 2 (OPC) defines them, and reads them with
// a namespace-aware XML reader of its own that checks well-formedness and
// refuses DTDs in the same pass. Only the parts reached are inflated:
// styles, themes, pictures, charts, VML and printer settings never are,
// though their declared sizes count against the limits; of a sheet's
// drawing only the drawing part itself is read, to count what it anchors.
//
// Every failure is a *FileError with a message in Vietnamese. A Book is
// meant for one goroutine.
package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strings"
	"sync"
)

// Limits bound what one file may cost.
type Limits struct {
	FileSize   int64 // bytes on disk
	UnzipSize  int64 // bytes of all entries, unzipped
	ZipEntries int
}

// DefaultLimits fit any real template with room to spare: a filled
// workbook of the Kon Tum plan is about 30 kB.
var DefaultLimits = Limits{FileSize: 20 << 20, UnzipSize: 200 << 20, ZipEntries: 2000}

// withDefaults fills the limits left at zero from DefaultLimits.
func (l Limits) withDefaults() Limits {
	if l.FileSize <= 0 {
		l.FileSize = DefaultLimits.FileSize
	}
	if l.UnzipSize <= 0 {
		l.UnzipSize = DefaultLimits.UnzipSize
	}
	if l.ZipEntries <= 0 {
		l.ZipEntries = DefaultLimits.ZipEntries
	}
	return l
}

// Open reads the workbook at path: the file is read once, after its size
// is checked. Limits left at zero take DefaultLimits' values. Any failure
// is a *FileError.
func Open(path string, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
	data, fe := readFile(path, lim)
	if fe != nil {
		return nil, fe
	}
	b, fe := open(data, lim)
	if fe != nil {
		return nil, fe
	}
	return b, nil
}

// readFile reads a regular file whole, after checking its size.
func readFile(path string, lim Limits) ([]byte, *FileError) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, errOpen(errors.Is(err, os.ErrPermission))
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, errStat()
	}
	size := st.Size()
	if fe := sizeProblem(size, lim); fe != nil {
		return nil, fe
	}
	data := make([]byte, size)
	if n, err := fh.ReadAt(data, 0); n != len(data) || err != nil && err != io.EOF {
		return nil, errReadAll()
	}
	return data, nil
}

// OpenBytes reads a workbook held in memory, as Open does.
func OpenBytes(data []byte, lim Limits) (*Book, error) {
	lim = lim.withDefaults()
	if fe := sizeProblem(int64(len(data)), lim); fe != nil {
		return nil, fe
	}
	b, fe := open(data, lim)
	if fe != nil {
		return nil, fe
	}
	return b, nil
}

func sizeProblem(size int64, lim Limits) *FileError {
	switch {
	case size == 0:
		return errEmpty()
	case size > lim.FileSize:
		return errFileSize(size, lim.FileSize)
	}
	return nil
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff says what the file is from its first bytes when it is not a zip
// archive (nil when it is one) or an OLE2 container (looked at in
// oleProblem).
func sniff(head []byte) *FileError {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return nil
	case bytes.HasPrefix(head, oleMagic):
		return nil
	case bytes.HasPrefix(head, []byte("%PDF")):
		return errPDF()
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		return errRTF()
	}
	text := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	lower := bytes.ToLower(text)
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<html")), bytes.HasPrefix(lower, []byte("<!doctype")), bytes.HasPrefix(lower, []byte("<table")):
		return errMarkup()
	case looksLikeText(head):
		return errCSV()
	}
	return errUnknownFormat()
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

// oleProblem names what an OLE2 container is: an encrypted .xlsx, a
// legacy .xls or a Word document.
func oleProblem(data []byte) *FileError {
	utf16 := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, utf16("EncryptionInfo")), bytes.Contains(data, utf16("EncryptedPackage")):
		return errEncryptedOffice()
	case bytes.Contains(data, utf16("WordDocument")):
		return errWordDoc()
	}
	return errLegacyXLS()
}

// archive is a zip archive whose directory has been checked.
type archive struct {
	data     []byte
	files    map[string]*zip.File // by partName
	inflated map[string]bool
	src      bytes.Reader // an entry's compressed data
}

func open(data []byte, lim Limits) (*Book, *FileError) {
	a, fe := openArchive(data, lim, func(a *archive) *FileError {
		if a.files["word/document.xml"] != nil {
			return errDocx()
		}
		if a.files["_rels/.rels"] == nil && a.files["xl/workbook.xml"] == nil {
			return errNotWorkbook()
		}
		return nil
	})
	if fe != nil {
		return nil, fe
	}
	return a.book()
}

// openArchive opens an Office Open XML package safely: the file is sniffed
// (a PDF, an old binary Office file, text are named), the archive checked
// (number of entries, declared sizes against the limits, duplicate parts,
// encrypted entries, compressed sizes that lie), an OpenDocument file
// named; kind, given the archive, says whether it is the kind of package
// wanted. Parts are inflated later, each once, with its CRC checked.
func openArchive(data []byte, lim Limits, kind func(*archive) *FileError) (*archive, *FileError) {
	head := data[:min(len(data), 512)]
	if fe := sniff(head); fe != nil {
		return nil, fe
	}
	if bytes.HasPrefix(head, oleMagic) {
		return nil, oleProblem(data)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errZip()
	}
	if len(zr.File) > lim.ZipEntries {
		return nil, errEntries(len(zr.File), lim.ZipEntries)
	}
	a := &archive{data: data, files: make(map[string]*zip.File, len(zr.File)), inflated: map[string]bool{}}
	var total uint64
	var duplicate string
	for _, zf := range zr.File {
		total += min(zf.UncompressedSize64, math.MaxUint64-total) // saturating: no wrapping around
		if strings.HasSuffix(zf.Name, "/") {
			continue
		}
		name := partName(zf.Name)
		if _, ok := a.files[name]; ok && duplicate == "" {
			duplicate = zf.Name
		}
		a.files[name] = zf
	}
	if m := a.files["mimetype"]; m != nil && m.UncompressedSize64 <= 1024 {
		b, fe := a.read(m)
		if fe != nil {
			return nil, fe
		}
		if strings.Contains(b, "opendocument.spreadsheet") {
			return nil, errODS()
		}
		if strings.Contains(b, "opendocument") {
			return nil, errODT()
		}
	}
	if fe := kind(a); fe != nil {
		return nil, fe
	}
	if total > uint64(lim.UnzipSize) {
		return nil, errUnzipSize(total, lim.UnzipSize)
	}
	if duplicate != "" {
		return nil, errBroken(duplicate) // two entries for one part: which is meant?
	}
	for _, zf := range zr.File {
		if fe := entryProblem(zf); fe != nil {
			return nil, fe
		}
	}
	return a, nil
}

// entryProblem checks an entry's header without inflating it: a password
// (zip encryption), or compressed data far larger than the size it
// declares, which no deflate writer produces (deflate grows incompressible
// data by a few bytes per 16 kB block at most): the entry lies about its
// size.
func entryProblem(zf *zip.File) *FileError {
	if zf.Flags&0x1 != 0 {
		return errZipPassword()
	}
	u, c := zf.UncompressedSize64, zf.CompressedSize64
	switch zf.Method {
	case zip.Store:
		if c != u {
			return errBroken(zf.Name)
		}
	case zip.Deflate:
		if c > u+u/8+512 {
			return errBroken(zf.Name)
		}
	}
	return nil
}

var (
	flatePool sync.Pool // flate readers, reset for each entry
	bufPool   = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}
)

// read inflates an entry, which must be exactly as long as it declares
// and match its CRC-32. An entry is inflated at most once per file.
func (a *archive) read(zf *zip.File) (string, *FileError) {
	if a.inflated[zf.Name] {
		return "", errStructure(zf.Name) // a part read twice: two sheets on one part
	}
	a.inflated[zf.Name] = true
	// The compressed data, straight from the file's bytes: a
	// bytes.Reader is what flate reads without buffering it again.
	off, err := zf.DataOffset()
	if err != nil || off < 0 || uint64(off)+zf.CompressedSize64 > uint64(len(a.data)) {
		return "", errBroken(zf.Name)
	}
	a.src.Reset(a.data[off : uint64(off)+zf.CompressedSize64])
	raw := &a.src
	var r io.Reader
	switch zf.Method {
	case zip.Store:
		r = raw
	case zip.Deflate:
		fr, _ := flatePool.Get().(io.ReadCloser)
		if fr == nil {
			fr = flate.NewReader(raw)
		} else if fr.(flate.Resetter).Reset(raw, nil) != nil {
			return "", errBroken(zf.Name)
		}
		defer flatePool.Put(fr)
		r = fr
	default:
		return "", errBroken(zf.Name)
	}
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	size := zf.UncompressedSize64
	if size > math.MaxInt32 {
		return "", errBroken(zf.Name) // beyond any limit: the sum of sizes was checked
	}
	var out strings.Builder
	out.Grow(int(size))
	var crc uint32
	left := size
	for {
		n, err := r.Read(buf[:min(uint64(len(buf)), left+1)])
		if uint64(n) > left {
			return "", errBroken(zf.Name) // longer than declared
		}
		crc = crc32.Update(crc, crc32.IEEETable, buf[:n])
		out.Write(buf[:n])
		left -= uint64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", errBroken(zf.Name)
		}
	}
	if left != 0 || crc != zf.CRC32 {
		return "", errBroken(zf.Name)
	}
	return out.String(), nil
}

// part inflates a part and turns it into UTF-8 text.
func (a *archive) part(zf *zip.File) (string, *FileError) {
	s, fe := a.read(zf)
	if fe != nil {
		return "", fe
	}
	t, ok := utf8Text(s)
	if !ok {
		return "", errNotXML(zf.Name)
	}
	return t, nil
}

// rels reads the relationships of a part ("" for the package's own):
// none when the part has no relationships part.
func (a *archive) rels(source string) ([]rel, *FileError) {
	name := "_rels/.rels"
	if source != "" {
		name = relsPartOf(source)
	}
	zf := a.files[name]
	if zf == nil {
		return nil, nil
	}
	s, fe := a.part(zf)
	if fe != nil {
		return nil, fe
	}
	rels, e, ok := parseRels(s, source)
	if e != xmlOK {
		return nil, xmlError(zf.Name, e)
	}
	if !ok {
		return nil, errStructure(zf.Name)
	}
	return rels, nil
}

// book reads the workbook through the package's relationships.
func (a *archive) book() (*Book, *FileError) {
	b := &Book{Custom: map[string]string{}}
	rootRels, fe := a.rels("")
	if fe != nil {
		return nil, fe
	}
	wbName, customName := "", ""
	for _, r := range rootRels {
		switch {
		case r.kind == "officedocument" && wbName == "":
			wbName = r.target
		case r.kind == "customproperties" && customName == "":
			customName = r.target
		}
	}
	if wbName == "" {
		wbName = "xl/workbook.xml" // no relationship to it: where Excel puts it
	}
	wbFile := a.files[wbName]
	if wbFile == nil {
		return nil, errNotWorkbook()
	}
	if strings.HasSuffix(wbName, ".bin") {
		return nil, errXLSB()
	}
	s, fe := a.part(wbFile)
	if fe != nil {
		return nil, fe
	}
	entries, date1904, e, ok := parseWorkbook(s)
	if e != xmlOK {
		return nil, xmlError(wbFile.Name, e)
	}
	if !ok {
		return nil, errNotWorkbook()
	}
	b.Date1904 = date1904

	// The workbook's relationships: sheets by id, the shared strings,
	// external links and macros by type.
	targets := map[string]string{}
	sstName := ""
	ex := &extras{}
	rels, fe := a.rels(wbName)
	if fe != nil {
		return nil, fe
	}
	for _, r := range rels {
		if _, seen := targets[r.id]; !seen {
			targets[r.id] = r.target
		}
		switch r.kind {
		case "sharedstrings":
			if sstName == "" {
				sstName = r.target
			}
		case "externallink":
			b.ExternalLinks = true
		case "vbaproject":
			b.Macros = true
		case "person":
			if ex.personsName == "" {
				ex.personsName = r.target
			}
		}
	}
	for name := range a.files {
		if strings.HasSuffix(name, "vbaproject.bin") {
			b.Macros = true
		}
		if strings.HasPrefix(name, "xl/externallinks/") || strings.Contains(name, "/externallinks/") {
			b.ExternalLinks = true
		}
	}

	var sst []string
	if zf := a.files[sstName]; sstName != "" && zf != nil {
		s, fe := a.part(zf)
		if fe != nil {
			return nil, fe
		}
		var e xmlErr
		if sst, e = parseSharedStrings(s); e != xmlOK {
			return nil, xmlError(zf.Name, e)
		}
	}

	for _, en := range entries {
		sh := &Sheet{Name: en.name, Hidden: en.hidden}
		target, ok := targets[en.rid]
		zf := a.files[target]
		if !ok || zf == nil {
			return nil, errMissingSheet(en.name)
		}
		s, fe := a.part(zf)
		if fe != nil {
			return nil, fe
		}
		e, bad := parseSheet(sh, s, sst)
		if e != xmlOK {
			return nil, xmlError(zf.Name, e)
		}
		if bad != "" {
			return nil, errSharedString(en.name, bad)
		}
		if fe := a.sheetExtras(sh, target, ex); fe != nil {
			return nil, fe
		}
		b.Sheets = append(b.Sheets, sh)
	}

	if zf := a.files[customName]; customName != "" && zf != nil {
		s, fe := a.part(zf)
		if fe != nil {
			return nil, fe
		}
		custom, e := parseCustom(s)
		if e != xmlOK {
			return nil, xmlError(zf.Name, e)
		}
		b.Custom = custom
	}
	return b, nil
}
