package xlsxtest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"baocao/internal/xlsx/xlsxtest"
)

// openpyxlRead prints, for every workbook named, its sheet names and cell
// values as openpyxl reads them (dates as "date:" + ISO text, a date alone
// at midnight as date and time), or the error openpyxl raised.
const openpyxlRead = `
import datetime, json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
out = {}
for path in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
        book = {"sheets": wb.sheetnames, "cells": {}}
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    if v is None or v == "":
                        continue
                    if isinstance(v, datetime.datetime):
                        v = "date:" + v.isoformat()
                    elif isinstance(v, datetime.date):
                        v = "date:" + v.isoformat() + "T00:00:00"
                    elif isinstance(v, datetime.time):
                        v = "time:" + v.isoformat()
                    elif isinstance(v, bool):
                        v = "bool:" + str(v)
                    elif isinstance(v, (int, float)):
                        v = "num:" + repr(float(v))
                    book["cells"][ws.title + "!" + c.coordinate] = v
        out[path] = book
    except Exception as e:
        out[path] = {"error": type(e).__name__ + ": " + str(e)}
json.dump(out, sys.stdout, ensure_ascii=False)
`

// openpyxlCannot lists the shapes that openpyxl 3.0 (Debian's
// python3-openpyxl) does not read, found by running it on every variant:
// strict (it finds no worksheet by the Strict relationship types),
// renamed-parts and renamed-parts-root (it reads xl/styles.xml by that
// name), xml-comments (a comment between <sheet> elements of the workbook
// breaks its object mapping) and zip-case (it reads zip entries by exact
// name). It reads every other shape the same as the original, UTF-16 parts,
// t="d" cells and the 1904 date system included.
var openpyxlCannot = map[string]bool{
	"strict": true, "renamed-parts": true, "renamed-parts-root": true, "xml-comments": true, "zip-case": true,
}

type openpyxlBook struct {
	Sheets []string          `json:"sheets"`
	Cells  map[string]string `json:"cells"`
	Error  string            `json:"error"`
}

func TestOpenpyxl(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import openpyxl").Run(); err != nil {
		t.Skip("no openpyxl for /usr/bin/python3 (apt-get install python3-openpyxl)")
	}
	in := inputs(t)
	dir := t.TempDir()
	script := filepath.Join(dir, "read.py")
	if err := os.WriteFile(script, []byte(openpyxlRead), 0o644); err != nil {
		t.Fatal(err)
	}
	// The original and every variant openpyxl reads, for two workbooks:
	// one written by this project and one written by openpyxl itself.
	type job struct{ input, variant, file string }
	var jobs []job
	args := []string{script}
	for i, name := range []string{sortedKeys(in)[0], "openpyxl-TUMORONG.xlsx"} {
		orig := filepath.Join(dir, fmt.Sprintf("in%d.xlsx", i))
		if err := os.WriteFile(orig, in[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, orig)
		for _, v := range xlsxtest.Variants() {
			ok := true
			for _, s := range v.Shapes {
				ok = ok && !openpyxlCannot[s.Name]
			}
			if !ok {
				continue
			}
			out, err := xlsxtest.ApplyVariant(in[name], v)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, fmt.Sprintf("in%d_%s.xlsx", i, v.Name))
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, job{orig, v.Name, file})
			args = append(args, file)
		}
	}
	cmd := exec.Command("/usr/bin/python3", args...)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var books map[string]openpyxlBook
	if err := json.Unmarshal(raw, &books); err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		want, got := books[j.input], books[j.file]
		if want.Error != "" {
			t.Fatalf("%s: openpyxl cannot read the original: %s", j.input, want.Error)
		}
		if got.Error != "" {
			t.Errorf("%s %s: %s", filepath.Base(j.input), j.variant, got.Error)
			continue
		}
		if !reflect.DeepEqual(want.Sheets, got.Sheets) {
			t.Errorf("%s %s: sheets %q, want %q", filepath.Base(j.input), j.variant, got.Sheets, want.Sheets)
			continue
		}
		var d []string
		for k, w := range want.Cells {
			if g := got.Cells[k]; g != w && len(d) < 3 {
				d = append(d, fmt.Sprintf("%s = %q, want %q", k, g, w))
			}
		}
		for k, g := range got.Cells {
			if _, ok := want.Cells[k]; !ok && len(d) < 3 {
				d = append(d, fmt.Sprintf("%s = %q, want nothing", k, g))
			}
		}
		if len(d) > 0 {
			t.Errorf("%s %s:\n%s", filepath.Base(j.input), j.variant, strings.Join(d, "\n"))
		}
	}
	t.Logf("openpyxl read %d variants the same as their originals", len(jobs))
}
