package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"

	"baocao/internal/xlsx"
)

// zipOf builds an archive from name, content pairs, in order, deflated.
func zipOf(t testing.TB, pairs ...string) []byte {
	t.Helper()
	return zipWith(t, zip.Deflate, pairs...)
}

// zipWith builds an archive with one compression method for every entry.
func zipWith(t testing.TB, method uint16, pairs ...string) []byte {
	t.Helper()
	if len(pairs)%2 != 0 {
		t.Fatal("zipOf: odd number of arguments")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(pairs); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: pairs[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(pairs[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Namespaces and relationship types, as writers spell them.
const (
	nsMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg        = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsStrictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	nsStrictRel  = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	relDoc       = nsRel + "/officeDocument"
	relSheet     = nsRel + "/worksheet"
	relSST       = nsRel + "/sharedStrings"
	relCustom    = nsRel + "/custom-properties"
	xmlDecl      = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// excelBook is a workbook shaped as Excel saves it: one sheet "S" whose
// <sheetData> content is given, shared strings as given (the <si>
// elements), and workbookPr attributes.
func excelBook(t testing.TB, sheetData, sst, workbookPr string) []byte {
	t.Helper()
	pairs := []string{
		"[Content_Types].xml", xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + relDoc + `" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", xmlDecl + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15"><fileVersion appName="xl" lastEdited="7"/><workbookPr ` + workbookPr + ` defaultThemeVersion="166925"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\Users\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent><bookViews><workbookView xWindow="0" yWindow="0"/></bookViews><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
		"xl/_rels/workbook.xml.rels", xmlDecl + `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="` + relSST + `" Target="sharedStrings.xml"/><Relationship Id="rId1" Type="` + relSheet + `" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml", xmlDecl + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>` + sheetData + `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
		"xl/sharedStrings.xml", xmlDecl + `<sst xmlns="` + nsMain + `" count="1" uniqueCount="1">` + sst + `</sst>`,
		"xl/styles.xml", "not even XML: styles are never read",
	}
	return zipOf(t, pairs...)
}

func mustOpen(t testing.TB, data []byte) *xlsx.Book {
	t.Helper()
	b, err := xlsx.OpenBytes(data, xlsx.DefaultLimits)
	if err != nil {
		t.Fatalf("OpenBytes: %v", err)
	}
	return b
}

// fileErr checks err is a *FileError wrapping want, with a Vietnamese
// message and hint in NFC, and returns it.
func fileErr(t testing.TB, err, want error) *xlsx.FileError {
	t.Helper()
	var fe *xlsx.FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T), want a *FileError", err, err)
	}
	if !errors.Is(err, want) {
		t.Errorf("error %q wraps %v, want %v", fe.Message, fe.Err, want)
	}
	if fe.Message == "" || fe.Hint == "" || !norm.NFC.IsNormalString(fe.Message) || !norm.NFC.IsNormalString(fe.Hint) {
		t.Errorf("message %q hint %q: empty or not NFC", fe.Message, fe.Hint)
	}
	return fe
}

// workbooks lists every workbook of the repository.
func workbooks(t testing.TB) []string {
	var files []string
	for _, g := range []string{"../intake/testdata/clients/*.xlsx", "../intake/testdata/corpus/*", "../../examples/kontum-2024/submissions/*.xlsx",
		"../xltemplate/testdata/libreoffice/*.xlsx"} {
		fs, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	if len(files) < 70 {
		t.Fatalf("only %d workbooks found", len(files))
	}
	return files
}
