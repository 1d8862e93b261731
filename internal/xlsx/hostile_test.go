package xlsx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"baocao/internal/xlsx"
)

// TestHostileCorpus opens every file of intake's hostile corpus: the files
// intake refuses as a whole (see corpus() in internal/intake/corpus_test.go)
// fail with the same sentinel, the others open; none takes long or much
// memory.
func TestHostileCorpus(t *testing.T) {
	want := map[string]error{
		"01-zip-bomb-size.xlsx":          xlsx.ErrTooLarge,
		"02-zip-bomb-entries.xlsx":       xlsx.ErrTooLarge,
		"03-entry-lies-about-size.xlsx":  xlsx.ErrCorrupt,
		"04-truncated.xlsx":              xlsx.ErrCorrupt,
		"05-corrupt-middle.xlsx":         xlsx.ErrCorrupt,
		"06-xml-entity-expansion.xlsx":   xlsx.ErrCorrupt,
		"07-deeply-nested-xml.xlsx":      xlsx.ErrCorrupt,
		"28-legacy.xls":                  xlsx.ErrFormat,
		"29-password-protected.xlsx":     xlsx.ErrEncrypted,
		"30-ods-renamed.xlsx":            xlsx.ErrFormat,
		"31-csv-renamed.xlsx":            xlsx.ErrFormat,
		"32-html-saved-as.xls":           xlsx.ErrFormat,
		"33-pdf-renamed.xlsx":            xlsx.ErrFormat,
		"34-empty.xlsx":                  xlsx.ErrEmptyFile,
		"35-random-bytes.xlsx":           xlsx.ErrFormat,
		"36-word-renamed.xlsx":           xlsx.ErrFormat,
		"40-zip-with-zero-entries.xlsx":  xlsx.ErrFormat,
		"41-sheet-xml-not-xml.xlsx":      xlsx.ErrCorrupt,
		"16-macro-workbook-renamed.xlsx": nil,
		"17-external-links.xlsx":         nil,
	}
	files, _ := filepath.Glob("../intake/testdata/corpus/*")
	if len(files) != 41 {
		t.Fatalf("%d corpus files, want 41", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			b, err := xlsx.Open(path, xlsx.DefaultLimits)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			if w := want[name]; w != nil {
				fileErr(t, err, w)
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if len(b.Sheets) == 0 || len(b.Inventory()) == 0 {
				t.Error("nothing read")
			}
			if b.Macros != (name == "16-macro-workbook-renamed.xlsx") || b.ExternalLinks != (name == "17-external-links.xlsx") {
				t.Errorf("macros %v, external links %v", b.Macros, b.ExternalLinks)
			}
		})
	}
}

// rawEntry is an archive entry written as given, whatever it declares.
type rawEntry struct {
	name   string
	body   []byte // stored as is when method is Store, else deflated
	method uint16
	size   int64 // declared size, -1 for the true one
	crc    int64 // declared CRC-32, -1 for the true one
	flags  uint16
}

func rawZip(t testing.TB, entries ...rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		data := e.body
		if e.method == zip.Deflate {
			var c bytes.Buffer
			fw, _ := flate.NewWriter(&c, flate.BestCompression)
			fw.Write(e.body)
			fw.Close()
			data = c.Bytes()
		}
		h := &zip.FileHeader{Name: e.name, Method: e.method, Flags: e.flags, CompressedSize64: uint64(len(data)),
			UncompressedSize64: uint64(len(e.body)), CRC32: crc32.ChecksumIEEE(e.body)}
		if e.size >= 0 {
			h.UncompressedSize64 = uint64(e.size)
		}
		if e.crc >= 0 {
			h.CRC32 = uint32(e.crc)
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// entriesOf lists an archive's entries as raw entries with their true
// sizes and checksums, for a test to change one.
func entriesOf(t testing.TB, data []byte) []rawEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []rawEntry
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		out = append(out, rawEntry{name: f.Name, body: b.Bytes(), method: zip.Deflate, size: -1, crc: -1})
	}
	return out
}

// edited rewrites one entry of a workbook through change.
func edited(t testing.TB, data []byte, name string, change func(e *rawEntry)) []byte {
	t.Helper()
	es := entriesOf(t, data)
	found := false
	for i := range es {
		if es[i].name == name {
			change(&es[i])
			found = true
		}
	}
	if !found {
		t.Fatalf("no entry %s", name)
	}
	return rawZip(t, es...)
}

func replaced(t testing.TB, data []byte, name, old, new string) []byte {
	t.Helper()
	return edited(t, data, name, func(e *rawEntry) {
		if !bytes.Contains(e.body, []byte(old)) {
			t.Fatalf("%s has no %q", name, old)
		}
		e.body = bytes.Replace(e.body, []byte(old), []byte(new), 1)
	})
}

// TestHostileFiles: what cannot be read is refused with the right
// sentinel and a Vietnamese message, whatever in the file is wrong.
func TestHostileFiles(t *testing.T) {
	good := excelBook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>`, `<si><t>Tên</t></si>`, "")
	sheet := "xl/worksheets/sheet1.xml"
	withSheet := func(old, new string) []byte { return replaced(t, good, sheet, old, new) }
	deep := func(n int) []byte {
		return withSheet("<sheetData>", "<sheetData>"+strings.Repeat("<x>", n)+strings.Repeat("</x>", n))
	}
	cases := []struct {
		name   string
		data   []byte
		lim    xlsx.Limits
		want   error
		inText string // in the message
	}{
		{name: "entity expansion with a DTD", data: replaced(t, good, "xl/sharedStrings.xml", xmlDecl,
			xmlDecl+`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`),
			want: xlsx.ErrCorrupt, inText: "DOCTYPE/ENTITY trong phần xl/sharedStrings.xml"},
		{name: "DTD after a comment", data: withSheet(xmlDecl, xmlDecl+`<!-- x --><!DOCTYPE worksheet SYSTEM "http://example.com/x.dtd">`),
			want: xlsx.ErrCorrupt, inText: "DOCTYPE"},
		{name: "undefined entity", data: withSheet("<v>5</v>", "<v>&lol;</v>"), want: xlsx.ErrCorrupt, inText: "không phải XML hợp lệ"},
		{name: "undefined entity in a skipped element", data: withSheet("<dimension ref=\"A1\"/>", "<dimension ref=\"A1\">&nbsp;</dimension>"), want: xlsx.ErrCorrupt},
		{name: "undefined entity in an attribute", data: withSheet(`r="B1"`, `r="B&x;1"`), want: xlsx.ErrCorrupt},
		{name: "character reference to NUL", data: withSheet("<v>5</v>", "<v>&#0;</v>"), want: xlsx.ErrCorrupt},
		{name: "nesting 100 levels is read", data: deep(98)},
		{name: "nesting 101 levels", data: deep(99), want: xlsx.ErrCorrupt, inText: "lồng nhau quá 100 cấp"},
		{name: "deep nesting", data: deep(200000), want: xlsx.ErrCorrupt, inText: "lồng nhau quá 100 cấp"},
		{name: "mismatched end tag", data: withSheet("<v>5</v>", "<v>5</f>"), want: xlsx.ErrCorrupt},
		{name: "unclosed element", data: withSheet("</worksheet>", ""), want: xlsx.ErrCorrupt},
		{name: "text after the root", data: withSheet("</worksheet>", "</worksheet>junk"), want: xlsx.ErrCorrupt},
		{name: "second root", data: withSheet("</worksheet>", "</worksheet><worksheet/>"), want: xlsx.ErrCorrupt},
		{name: "comment after the root is fine", data: withSheet("</worksheet>", "</worksheet><!-- end -->\n")},
		{name: "unbound prefix", data: withSheet("<sheetData>", "<sheetData><q:x/>"), want: xlsx.ErrCorrupt},
		{name: "duplicate attribute", data: withSheet(`<c r="B1">`, `<c r="B1" r="C1">`), want: xlsx.ErrCorrupt},
		{name: "attribute without quotes", data: withSheet(`<c r="B1">`, `<c r=B1>`), want: xlsx.ErrCorrupt},
		{name: "lt in an attribute", data: withSheet(`<c r="B1">`, `<c r="B<1">`), want: xlsx.ErrCorrupt},
		{name: "not UTF-8", data: withSheet("<v>5</v>", "<v>5\xff</v>"), want: xlsx.ErrCorrupt},
		{name: "workbook not XML", data: edited(t, good, "xl/workbook.xml", func(e *rawEntry) { e.body = []byte("\x00\x01 not xml") }),
			want: xlsx.ErrCorrupt, inText: "xl/workbook.xml"},
		{name: "shared strings not XML", data: edited(t, good, "xl/sharedStrings.xml", func(e *rawEntry) { e.body = []byte("\x00 không phải XML") }),
			want: xlsx.ErrCorrupt, inText: "xl/sharedStrings.xml"},
		{name: "relationships not XML", data: edited(t, good, "xl/_rels/workbook.xml.rels", func(e *rawEntry) { e.body = []byte("<Relationships") }),
			want: xlsx.ErrCorrupt, inText: "xl/_rels/workbook.xml.rels"},
		{name: "parts never read may be damaged", data: rawZip(t, append(entriesOf(t, good),
			rawEntry{name: "xl/theme/theme1.xml", body: []byte("\x00 not xml"), method: zip.Deflate, size: -1, crc: 12345},
			rawEntry{name: "docProps/app.xml", body: []byte("<Properties>"), method: zip.Store, size: -1, crc: -1},
			rawEntry{name: "xl/media/image1.png", body: bytes.Repeat([]byte{0}, 1000), method: zip.Deflate, size: -1, crc: 1})...)},
		{name: "checksum wrong", data: edited(t, good, sheet, func(e *rawEntry) { e.crc = 1 }), want: xlsx.ErrCorrupt, inText: sheet},
		{name: "stored entry with a wrong checksum", data: edited(t, good, sheet, func(e *rawEntry) { e.method = zip.Store; e.crc = 7 }), want: xlsx.ErrCorrupt},
		{name: "entry longer than declared", data: edited(t, good, sheet, func(e *rawEntry) { e.size = int64(len(e.body)) - 10 }), want: xlsx.ErrCorrupt, inText: sheet},
		{name: "entry shorter than declared", data: edited(t, good, sheet, func(e *rawEntry) { e.size = int64(len(e.body)) + 10 }), want: xlsx.ErrCorrupt, inText: sheet},
		{name: "checksum zero is still checked", data: edited(t, good, sheet, func(e *rawEntry) { e.crc = 0 }), want: xlsx.ErrCorrupt},
		{name: "unreached entry declaring far less than its data", data: rawZip(t, append(entriesOf(t, good),
			rawEntry{name: "xl/media/x.bin", body: bytes.Repeat([]byte("A"), 1<<20), method: zip.Deflate, size: 10, crc: -1})...),
			want: xlsx.ErrCorrupt, inText: "xl/media/x.bin"},
		{name: "declared sizes adding up beyond 64 bits", data: wrapAround(t, good, sheet), want: xlsx.ErrTooLarge},
		{name: "prefixes declared without end", data: withSheet("<sheetData>", "<sheetData>"+strings.Repeat(`<p:x xmlns:p="urn:a" xmlns:q="urn:b">`, 80)+strings.Repeat(`</p:x>`, 80)),
			want: xlsx.ErrCorrupt},
		{name: "many prefixes, each scope small", data: withSheet("<sheetData>", "<sheetData>"+strings.Repeat(`<p:x xmlns:p="urn:a" xmlns:q="urn:b"><q:y xmlns:r2="urn:c"/></p:x>`, 1000))},
		{name: "zip password", data: edited(t, good, sheet, func(e *rawEntry) { e.flags |= 1 }), want: xlsx.ErrEncrypted},
		{name: "two entries for one part", data: rawZip(t, append(entriesOf(t, good),
			rawEntry{name: "XL/Worksheets/Sheet1.xml", body: []byte("<worksheet/>"), method: zip.Deflate, size: -1, crc: -1})...),
			want: xlsx.ErrCorrupt},
		{name: "sheet part missing", data: replaced(t, good, "xl/_rels/workbook.xml.rels", "worksheets/sheet1.xml", "worksheets/sheet9.xml"),
			want: xlsx.ErrCorrupt, inText: "trang tính “S”"},
		{name: "shared string index beyond the table", data: withSheet("<v>0</v>", "<v>7</v>"), want: xlsx.ErrCorrupt, inText: "ô A1"},
		{name: "binary workbook", data: zipOf(t, "_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/workbook.bin"/></Relationships>`,
			"xl/workbook.bin", "\x83\x01\x00"), want: xlsx.ErrFormat, inText: ".xlsb"},
		{name: "a presentation", data: zipOf(t, "_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="ppt/presentation.xml"/></Relationships>`,
			"ppt/presentation.xml", `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`), want: xlsx.ErrFormat},
		{name: "workbook relationship to nothing", data: zipOf(t, "_rels/.rels", `<Relationships xmlns="`+nsPkg+`"><Relationship Id="rId1" Type="`+relDoc+`" Target="xl/nothing.xml"/></Relationships>`),
			want: xlsx.ErrFormat},
		{name: "word document", data: zipOf(t, "word/document.xml", "<w/>"), want: xlsx.ErrFormat, inText: ".docx"},
		{name: "odt", data: zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), want: xlsx.ErrFormat, inText: "OpenDocument"},
		{name: "over the file size limit", data: good, lim: xlsx.Limits{FileSize: 1000, UnzipSize: 1 << 20, ZipEntries: 100}, want: xlsx.ErrTooLarge},
		{name: "too many entries", data: good, lim: xlsx.Limits{FileSize: 1 << 20, UnzipSize: 1 << 30, ZipEntries: 5}, want: xlsx.ErrTooLarge},
		{name: "over the unzipped size limit", data: good, lim: xlsx.Limits{FileSize: 1 << 20, UnzipSize: 2000, ZipEntries: 100}, want: xlsx.ErrTooLarge},
		{name: "legacy xls", data: append(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), utf16le("Workbook")...), want: xlsx.ErrFormat, inText: ".xls"},
		{name: "encrypted workbook", data: append(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), utf16le("EncryptionInfo")...), want: xlsx.ErrEncrypted},
		{name: "word 97", data: append(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), utf16le("WordDocument")...), want: xlsx.ErrFormat, inText: ".doc"},
		{name: "rtf", data: []byte(`{\rtf1\ansi hello}`), want: xlsx.ErrFormat, inText: "RTF"},
		{name: "xml spreadsheet 2003", data: []byte("\xef\xbb\xbf<?xml version=\"1.0\"?><Workbook/>"), want: xlsx.ErrFormat, inText: "XML hoặc HTML"},
		{name: "csv", data: []byte("TT;Nhiệm vụ số;Tình trạng\n1;1;Hoàn thành\n"), want: xlsx.ErrFormat, inText: "CSV"},
		{name: "truncated", data: good[:len(good)/2], want: xlsx.ErrCorrupt},
		{name: "empty", data: []byte{}, want: xlsx.ErrEmptyFile},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lim := tc.lim
			if lim == (xlsx.Limits{}) {
				lim = xlsx.DefaultLimits
			}
			b, err := xlsx.OpenBytes(tc.data, lim)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c := b.Sheet("S").Peek(1, 1); c.Value != "Tên" {
					t.Errorf("A1 %+v", c)
				}
				return
			}
			fe := fileErr(t, err, tc.want)
			if !strings.Contains(fe.Message, tc.inText) {
				t.Errorf("message %q lacks %q", fe.Message, tc.inText)
			}
		})
	}
}

// wrapAround declares the part's size as 2^63-1 and adds an entry of the
// same declared size: the sizes add up to 2^64 and a little, which wraps
// around to a little in 64 bits.
func wrapAround(t testing.TB, data []byte, part string) []byte {
	es := entriesOf(t, data)
	for i := range es {
		if es[i].name == part {
			es[i].size = 1<<63 - 1
		}
	}
	return rawZip(t, append(es, rawEntry{name: "xl/media/a.bin", body: []byte("a"), method: zip.Deflate, size: 1<<63 - 1, crc: -1})...)
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// Open reads from disk what OpenBytes reads from memory, and says when
// the path cannot be read.
func TestOpenPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.xlsx")
	if err := os.WriteFile(path, excelBook(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, `<si><t>Tên</t></si>`, ""), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := xlsx.Open(path, xlsx.Limits{})
	if err != nil || b.Sheet("S").Peek(1, 1).Value != "Tên" {
		t.Fatalf("Open: %v", err)
	}
	_, err = xlsx.Open(filepath.Join(dir, "none.xlsx"), xlsx.DefaultLimits)
	fileErr(t, err, xlsx.ErrUnreadable)
	_, err = xlsx.Open(dir, xlsx.DefaultLimits)
	fileErr(t, err, xlsx.ErrUnreadable)
	empty := filepath.Join(dir, "empty.xlsx")
	os.WriteFile(empty, nil, 0o644)
	_, err = xlsx.Open(empty, xlsx.DefaultLimits)
	fileErr(t, err, xlsx.ErrEmptyFile)
	_, err = xlsx.Open(path, xlsx.Limits{FileSize: 100})
	fileErr(t, err, xlsx.ErrTooLarge)
	if os.Getuid() != 0 {
		os.Chmod(path, 0)
		_, err = xlsx.Open(path, xlsx.DefaultLimits)
		if fe := fileErr(t, err, xlsx.ErrUnreadable); fe.Message != "không có quyền đọc tệp" {
			t.Errorf("permission: %q", fe.Message)
		}
	}
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Error() != fe.Message || errors.Unwrap(fe) != fe.Err {
		t.Error("FileError methods")
	}
}

// Every message and hint of the package is in NFC, as every user-facing
// string must be.
func TestMessagesNFC(t *testing.T) {
	for _, f := range []string{"errors.go", "open.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !norm.NFC.IsNormal(src) {
			t.Errorf("%s is not in NFC", f)
		}
	}
}

// A long shared formula over many cells costs no more than the part: the
// master's text is moved to the cells while the part's size allows, then
// they read as "…".
func TestSharedFormulaBounded(t *testing.T) {
	var sd strings.Builder
	sd.WriteString(`<row r="1"><c r="A1"><f t="shared" ref="A1:A50000" si="0">` + strings.Repeat("A1+", 1600) + `1</f><v>1</v></c></row>`)
	for r := 2; r <= 50000; r++ {
		sd.WriteString(`<row><c><f t="shared" si="0"/><v>1</v></c></row>`)
	}
	data := excelBook(t, sd.String(), `<si><t>x</t></si>`, "")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b := mustOpen(t, data)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
	s := b.Sheet("S")
	if f := s.Peek(2, 1).Formula; !strings.HasPrefix(f, "A2+A2+") {
		t.Errorf("A2: %.20q", f)
	}
	if f := s.Peek(50000, 1).Formula; f != "…" {
		t.Errorf("A50000: %.20q", f)
	}
}

// FuzzOpenBytes feeds arbitrary bytes to OpenBytes as a whole file: the
// sniffing, the archive checks, everything. It must never panic, and a
// failure is a *FileError.
func FuzzOpenBytes(f *testing.F) {
	for _, p := range []string{"testdata/openpyxl/isodates.xlsx", "../intake/testdata/corpus/03-entry-lies-about-size.xlsx",
		"../intake/testdata/corpus/30-ods-renamed.xlsx", "../intake/testdata/corpus/36-word-renamed.xlsx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(excelBook(f, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="d"><v>2024-11-20</v></c></row>`, `<si><t>Tên</t></si>`, `date1904="1"`))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := xlsx.OpenBytes(data, xlsx.Limits{FileSize: 1 << 20, UnzipSize: 8 << 20, ZipEntries: 100})
		if err != nil {
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Message == "" || fe.Hint == "" || fe.Err == nil {
				t.Fatalf("not a FileError: %v", err)
			}
			return
		}
		for _, c := range b.Inventory() {
			c.Cell.Time(b.Date1904)
		}
	})
}
