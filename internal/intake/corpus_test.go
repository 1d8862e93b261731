package intake_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"baocao/internal/form"
	"baocao/internal/intake"
	"baocao/internal/model"
	"baocao/internal/problem"
	"baocao/internal/textnorm"
)

// Regenerate the corpus after a deliberate change with:
//
//	go test ./internal/intake -run TestHostileCorpus -update-corpus
var updateCorpus = flag.Bool("update-corpus", false, "rewrite testdata/corpus")

const corpusDir = "testdata/corpus"

// rezip rewrites an archive, letting edit change, drop (nil) or add entries.
func rezip(t testing.TB, data []byte, edit func(name string, body []byte) []byte, add map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if edit != nil {
			body = edit(zf.Name, body)
		}
		if body == nil {
			continue
		}
		w, _ := zw.Create(zf.Name)
		w.Write(body)
	}
	names := make([]string, 0, len(add))
	for n := range add {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write(add[n])
	}
	zw.Close()
	return buf.Bytes()
}

// validSYT is a correctly filled workbook of Sở Y tế.
func validSYT(t testing.TB, edit func(f *excelize.File)) []byte {
	t.Helper()
	c := kontum(t)
	f := template(t, c, "SYT")
	fill(t, f, sytFirst, sytLast)
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetEdit replaces text in the XML of the tasks sheet (sheet3.xml).
func sheetEdit(old, new string) func(string, []byte) []byte {
	return func(name string, body []byte) []byte {
		if name == "xl/worksheets/sheet3.xml" {
			return bytes.Replace(body, []byte(old), []byte(new), 1)
		}
		return body
	}
}

// lyingZip holds one entry that declares 10 bytes and inflates to 1 MB.
func lyingZip(t testing.TB) []byte {
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	big := bytes.Repeat([]byte("A"), 1<<20)
	fw.Write(big)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte("<Types/>"))
	w, _ = zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	raw, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(big[:10]),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 10})
	raw.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

type corpusCase struct {
	file string
	make func(t testing.TB) []byte
	want []string // "E:<sentinel>" or "W:<sentinel>" that must be reported; no other error is allowed
}

func corpus() []corpusCase {
	E := func(err error) string { return "E:" + err.Error() }
	W := func(err error) string { return "W:" + err.Error() }
	bombs := func(t testing.TB) []byte { return bomb(t) }
	return []corpusCase{
		{"01-zip-bomb-size.xlsx", bombs, []string{E(intake.ErrTooLarge)}},
		{"02-zip-bomb-entries.xlsx", func(t testing.TB) []byte {
			add := map[string][]byte{}
			for i := 0; i < 3000; i++ {
				add[fmt.Sprintf("xl/media/x%04d.bin", i)] = nil
			}
			for k := range add {
				add[k] = []byte{}
			}
			return rezip(t, validSYT(t, nil), nil, add)
		}, []string{E(intake.ErrTooLarge)}},
		{"03-entry-lies-about-size.xlsx", lyingZip, []string{E(intake.ErrCorrupt)}},
		{"04-truncated.xlsx", func(t testing.TB) []byte { b := validSYT(t, nil); return b[:len(b)*2/3] }, []string{E(intake.ErrCorrupt)}},
		{"05-corrupt-middle.xlsx", func(t testing.TB) []byte {
			b := validSYT(t, nil)
			for i := len(b) / 3; i < len(b)/3+400; i++ {
				b[i] ^= 0x5A
			}
			return b
		}, []string{E(intake.ErrCorrupt)}},
		{"06-xml-entity-expansion.xlsx", func(t testing.TB) []byte {
			laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
				`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`
			return rezip(t, validSYT(t, nil), func(name string, body []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					s := strings.Replace(string(body), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, laughs, 1)
					return []byte(strings.Replace(s, "Kết quả dòng 5.", "&lol4;", 1))
				}
				return body
			}, nil)
		}, []string{E(intake.ErrCorrupt)}},
		{"07-deeply-nested-xml.xlsx", func(t testing.TB) []byte {
			deep := strings.Repeat("<x>", 200000) + strings.Repeat("</x>", 200000)
			return rezip(t, validSYT(t, nil), sheetEdit("<sheetData>", "<sheetData>"+deep), nil)
		}, []string{E(intake.ErrCorrupt)}},
		{"08-huge-shared-strings.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				for i := 0; i < 60000; i++ {
					f.SetCellStr(form.SheetGuide, fmt.Sprintf("C%d", i+1), fmt.Sprintf("chuỗi thừa số %d", i))
				}
			})
		}, nil},
		{"09-megabyte-cell.xlsx", func(t testing.TB) []byte {
			big := strings.Repeat("Kết quả rất dài. ", 200000)
			return rezip(t, validSYT(t, nil), func(name string, body []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					return []byte(strings.Replace(string(body), "Kết quả dòng 5.", big, 1))
				}
				return body
			}, nil)
		}, []string{E(intake.ErrTooLong)}},
		{"10-tens-of-thousands-of-rows.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				for r := 30; r < 20030; r++ {
					f.SetCellStr(form.SheetTasks, fmt.Sprintf("I%d", r), "dòng thừa")
				}
			})
		}, []string{E(intake.ErrNoTaskNumber), W(intake.ErrTooMany)}},
		{"11-formula-with-cached-value.xlsx", func(t testing.TB) []byte {
			return rezip(t, validSYT(t, nil), sheetEdit(`<c r="J5"`, `<c r="M5" t="str"><f>"thêm"</f><v>thêm</v></c><c r="J5"`), nil)
		}, []string{W(intake.ErrOutsideTable)}},
		{"12-formula-without-value.xlsx", func(t testing.TB) []byte {
			// As a program that writes formulas without computing them
			// leaves the cell: a formula and no value.
			re := regexp.MustCompile(`<c r="I7"[^>]*>.*?</c>`)
			return rezip(t, validSYT(t, nil), func(name string, body []byte) []byte {
				if name == "xl/worksheets/sheet3.xml" {
					return re.ReplaceAll(body, []byte(`<c r="I7" s="7"><f>CONCATENATE("Kết ","quả")</f></c>`))
				}
				return body
			}, nil)
		}, []string{E(intake.ErrFormula)}},
		{"13-merged-input-cells.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.MergeCell(form.SheetTasks, "I5", "I7") })
		}, []string{W(intake.ErrMerged), W(intake.ErrNoResult)}},
		{"14-hidden-rows.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetRowVisible(form.SheetTasks, 6, false) })
		}, []string{W(intake.ErrHidden)}},
		{"15-hidden-tasks-sheet.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetSheetVisible(form.SheetTasks, false) })
		}, []string{W(intake.ErrHidden)}},
		{"16-macro-workbook-renamed.xlsx", func(t testing.TB) []byte {
			return rezip(t, validSYT(t, nil), nil, map[string][]byte{"xl/vbaProject.bin": []byte("\xd0\xcf\x11\xe0 not run")})
		}, []string{W(intake.ErrMacros)}},
		{"17-external-links.xlsx", func(t testing.TB) []byte {
			return rezip(t, validSYT(t, nil), nil, map[string][]byte{"xl/externalLinks/externalLink1.xml": []byte(`<externalLink/>`)})
		}, []string{W(intake.ErrExternalLinks)}},
		{"18-emoji.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetCellStr(form.SheetTasks, "I5", "Hoàn thành tốt 👍🏽 𝕏") })
		}, nil},
		{"19-control-characters.xlsx", func(t testing.TB) []byte {
			b := validSYT(t, func(f *excelize.File) { f.SetCellStr(form.SheetTasks, "I5", "Kết\x07 quả\x01") })
			return rezip(t, b, func(name string, body []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					return []byte(strings.Replace(string(body), "Đoạn thứ hai.", "Đoạn_x0007_ thứ hai._x001B_", 1))
				}
				return body
			}, nil)
		}, nil},
		{"20-bidi-and-zero-width.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.SetCellStr(form.SheetTasks, "I5", "Kết\u200b quả\u202e đạt\u2066 được\ufeff")
			})
		}, nil},
		{"21-decomposed-nfd.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetCellStr(form.SheetTasks, "G5", "Hoa\u0300n tha\u0300nh") })
		}, nil},
		{"22-tcvn3.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.SetCellStr(form.SheetTasks, "I5", textnorm.EncodeTCVN3("Đã tổ chức hội thảo khoa học"))
			})
		}, []string{W(intake.ErrLegacyText)}},
		{"23-vni.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.SetCellStr(form.SheetTasks, "I5", textnorm.EncodeVNI("Đã tổ chức hội thảo khoa học"))
			})
		}, []string{W(intake.ErrLegacyText)}},
		{"24-utf8-read-as-1252.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.SetCellStr(form.SheetTasks, "I5", "Ä‘Ã£ tá»• chá»©c há»™i tháº£o")
			})
		}, []string{W(intake.ErrLegacyText)}},
		{"25-another-units-template.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.SetCellStr(form.SheetInfo, "B3", "SCT")
				f.SetCellStr(form.SheetInfo, "B4", "Sở Công Thương")
			})
		}, []string{E(intake.ErrUnitMismatch)}},
		{"26-outdated-template.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetCellStr(form.SheetMeta, "B4", "0123456789abcdef") })
		}, []string{W(intake.ErrOutdated)}},
		{"27-another-catalogue.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.SetCellStr(form.SheetMeta, "B2", "daklak-2025") })
		}, []string{E(intake.ErrWrongCatalogue)}},
		{"28-legacy.xls", func(t testing.TB) []byte { return oleBytes("Workbook") }, []string{E(intake.ErrFormat)}},
		{"29-password-protected.xlsx", func(t testing.TB) []byte { return oleBytes("EncryptedPackage") }, []string{E(intake.ErrEncrypted)}},
		{"30-ods-renamed.xlsx", func(t testing.TB) []byte {
			return zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
		}, []string{E(intake.ErrFormat)}},
		{"31-csv-renamed.xlsx", func(t testing.TB) []byte { return []byte("TT,Nhiệm vụ số,Tình trạng\r\n1,1,Hoàn thành\r\n") }, []string{E(intake.ErrFormat)}},
		{"32-html-saved-as.xls", func(t testing.TB) []byte {
			return []byte("<html><body><table><tr><td>1</td></tr></table></body></html>")
		}, []string{E(intake.ErrFormat)}},
		{"33-pdf-renamed.xlsx", func(t testing.TB) []byte { return []byte("%PDF-1.7\n1 0 obj\n") }, []string{E(intake.ErrFormat)}},
		{"34-empty.xlsx", func(t testing.TB) []byte { return []byte{} }, []string{E(intake.ErrEmptyFile)}},
		{"35-random-bytes.xlsx", func(t testing.TB) []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i*7919 + i>>3)
			}
			return b
		}, []string{E(intake.ErrFormat)}},
		{"36-word-renamed.xlsx", func(t testing.TB) []byte { return zipOf(t, map[string]string{"word/document.xml": "<w:document/>"}) }, []string{E(intake.ErrFormat)}},
		{"37-tasks-sheet-deleted.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) { f.DeleteSheet(form.SheetTasks) })
		}, []string{E(intake.ErrMissingSheet)}},
		{"38-extra-sheet-with-content.xlsx", func(t testing.TB) []byte {
			return validSYT(t, func(f *excelize.File) {
				f.NewSheet("Ghi chú")
				f.SetCellStr("Ghi chú", "B2", "Nội dung dán thêm")
			})
		}, []string{W(intake.ErrUnknownSheet)}},
		{"39-metadata-stripped.xlsx", func(t testing.TB) []byte {
			b := validSYT(t, func(f *excelize.File) { f.DeleteSheet(form.SheetMeta) })
			return rezip(t, b, func(name string, body []byte) []byte {
				if name == "docProps/custom.xml" {
					return []byte(`<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>`)
				}
				return body
			}, nil)
		}, []string{W(intake.ErrUnknownUnit)}},
		{"40-zip-with-zero-entries.xlsx", func(t testing.TB) []byte { return zipOf(t, map[string]string{}) }, []string{E(intake.ErrFormat)}},
		{"41-sheet-xml-not-xml.xlsx", func(t testing.TB) []byte {
			return rezip(t, validSYT(t, nil), func(name string, body []byte) []byte {
				if name == "xl/worksheets/sheet3.xml" {
					return []byte("\x00\x01 not xml at all <<<")
				}
				return body
			}, nil)
		}, []string{E(intake.ErrCorrupt)}},
	}
}

func oleBytes(stream string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	binary.LittleEndian.PutUint16(b[24:], 0x3E)
	for _, r := range stream {
		b = append(b, byte(r), 0)
	}
	return b
}

// TestHostileCorpus reads every file of testdata/corpus and asserts its
// outcome: the problems it must raise, no error it must not, no panic, and
// bounded time and memory.
func TestHostileCorpus(t *testing.T) {
	cases := corpus()
	if *updateCorpus {
		os.MkdirAll(corpusDir, 0o755)
		for _, tc := range cases {
			if err := os.WriteFile(filepath.Join(corpusDir, tc.file), tc.make(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*"))
	if len(files) != len(cases) {
		t.Fatalf("%d files in %s, %d cases: regenerate with -update-corpus", len(files), corpusDir, len(cases))
	}
	c := kontum(t)
	r := &intake.Reader{Catalogue: c, Limits: intake.DefaultLimits}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			// The committed file is what its generator makes, byte for byte.
			if got, _ := os.ReadFile(filepath.Join(corpusDir, tc.file)); !bytes.Equal(got, tc.make(t)) {
				t.Errorf("differs from what its generator makes: regenerate with -update-corpus")
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, probs := r.Read(filepath.Join(corpusDir, tc.file))
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if elapsed > 20*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<30 {
				t.Errorf("allocated %d MB", alloc>>20)
			}
			got := map[string]int{}
			for _, p := range probs {
				sev := "W:"
				if p.Severity == problem.Error {
					sev = "E:"
				}
				key := sev + fmt.Sprint(p.Err)
				got[key]++
				if p.Message == "" || p.Hint == "" {
					t.Errorf("problem without message or hint: %+v", p)
				}
			}
			want := map[string]int{}
			for _, w := range tc.want {
				want[w]++
			}
			for k, n := range want {
				if got[k] < n {
					t.Errorf("missing %s (got %v)", k, got)
				}
			}
			for k := range got {
				if strings.HasPrefix(k, "E:") && want[k] == 0 {
					t.Errorf("unexpected %s:\n%v", k, probs)
				}
			}
		})
	}
}

// Parts no value is read from (formatting, document statistics) are not
// inflated: damage there does not stop a workbook whose values are whole.
// Damage in a part that is read still does.
func TestUnreadPartsNotInflated(t *testing.T) {
	c := kontum(t)
	good := validSYT(t, nil)
	garbage := func(part string) []byte {
		return rezip(t, good, func(name string, body []byte) []byte {
			if name == part {
				return []byte("\x00 không phải XML")
			}
			return body
		}, nil)
	}
	dir := t.TempDir()
	read := func(name string, data []byte) (*model.Submission, problem.List) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return (&intake.Reader{Catalogue: c}).Read(path)
	}
	want, probs := read("good.xlsx", good)
	if probs.HasErrors() || len(want.Entries) == 0 {
		t.Fatalf("the good workbook: %v", probs)
	}
	for _, part := range []string{"xl/styles.xml", "xl/theme/theme1.xml", "docProps/app.xml"} {
		sub, probs := read("styles.xlsx", garbage(part))
		if probs.HasErrors() || sub == nil || len(sub.Entries) != len(want.Entries) || sub.Entries[0].Result.Value != want.Entries[0].Result.Value {
			t.Errorf("%s damaged: %d entries, problems %v", part, len(sub.Entries), probs)
		}
	}
	_, probs = read("sst.xlsx", garbage("xl/sharedStrings.xml"))
	if !probs.HasErrors() || !strings.Contains(probs[0].Message, "xl/sharedStrings.xml") {
		t.Errorf("damaged shared strings: %v", probs)
	}
}
