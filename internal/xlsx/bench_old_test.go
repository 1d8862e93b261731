//go:build xlsxread_bench

// The reader and checks this package replaces, for comparison:
//
//	go test -tags xlsxread_bench -run X -bench . ./internal/xlsx
//
// It needs internal/xlsxread, to be deleted once intake uses this package;
// the build tag keeps the package's tests building without it.

package xlsx_test

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"baocao/internal/xlsxread"
)

// BenchmarkOldOpen is intake's pre-scan (zipProblem, partsProblem and
// checkXML of internal/intake/files.go, copied below) and xlsxread reading
// every sheet; one op is one file.
func BenchmarkOldOpen(b *testing.B) {
	files := submissions(b)
	b.ReportAllocs()
	defer cpuTime(b)()
	i := 0
	for b.Loop() {
		parts := oldPrescan(b, files[i%len(files)])
		book := xlsxread.Open(parts)
		n := 0
		for _, s := range book.Sheets {
			n += len(book.Rows(s))
			book.Merges(s)
		}
		if n == 0 {
			b.Fatal("no rows")
		}
		i++
	}
}

func oldPrescan(b *testing.B, data []byte) map[string][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	names := map[string]*zip.File{}
	var total uint64
	for _, zf := range zr.File {
		names[zf.Name] = zf
		total += zf.UncompressedSize64
	}
	if m, ok := names["mimetype"]; ok {
		rc, _ := m.Open()
		io.ReadAll(io.LimitReader(rc, 200))
		rc.Close()
	}
	inflated := map[string][]byte{}
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, "/") || oldUnread(zf.Name) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			b.Fatal(err)
		}
		d, err := io.ReadAll(io.LimitReader(rc, int64(zf.UncompressedSize64)+1))
		rc.Close()
		if err != nil || uint64(len(d)) != zf.UncompressedSize64 || crc32.ChecksumIEEE(d) != zf.CRC32 {
			b.Fatal("broken")
		}
		inflated[strings.ReplaceAll(zf.Name, "\\", "/")] = d
		xmlLike := strings.HasSuffix(zf.Name, ".xml") || strings.HasSuffix(zf.Name, ".rels")
		if xmlLike && (strings.HasPrefix(zf.Name, "xl/") || strings.HasPrefix(zf.Name, "docProps/") || strings.HasPrefix(zf.Name, "_rels/") || zf.Name == "[Content_Types].xml") {
			if !oldCheckXML(d) {
				b.Fatal("not XML")
			}
		}
	}
	return inflated
}

func oldUnread(name string) bool {
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

func oldCheckXML(data []byte) bool {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(body) == 0 || body[0] != '<' {
		return false
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
				return false
			}
			i += end + 3
		case bytes.HasPrefix(rest, []byte("![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				return false
			}
			i += end + 3
		case len(rest) > 0 && rest[0] == '!':
			return false
		case len(rest) > 0 && rest[0] == '?':
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return false
			}
			i += end + 2
		default:
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				return false
			}
			tag := rest[:end]
			switch {
			case len(tag) > 0 && tag[0] == '/':
				depth--
				if depth < 0 {
					return false
				}
			case len(tag) > 0 && tag[len(tag)-1] == '/':
			default:
				depth++
				if depth > 100 {
					return false
				}
			}
			i += end + 1
		}
	}
	if depth != 0 {
		return false
	}
	for i := bytes.IndexByte(body, '&'); i >= 0; {
		rest := body[i+1:]
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
