#!/usr/bin/python3
"""Writes the openpyxl fixtures of package xlsx, and what they hold.

Run from anywhere with Debian's python3-openpyxl (3.0.9):

    /usr/bin/python3 internal/xlsx/testdata/openpyxl/make.py [output folder]

For each workbook NAME.xlsx it writes NAME.json: the date system, and per
sheet its visibility, hidden rows, merged ranges and every cell written,
with what a reader must find there:

    type     Text, Number, Bool, Error, Date or Empty (a formula alone)
    value    Text, Bool, Error, Date: the value as the reader gives it
    number   Number: the number written
    formula  the formula without "=", "" when none
    time     Number and Date cells holding a date: the date and time,
             "YYYY-MM-DDTHH:MM:SS.mmm", in the workbook's date system

The output does not depend on when or where the script runs: document
dates are fixed, so a second run gives the same parts.
"""

import datetime
import json
import os
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

FIXED = datetime.datetime(2024, 12, 15, 8, 0, 0)


def stamp(wb):
    wb.properties.creator = "baocao tests"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED


def fmt_time(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (t.microsecond // 1000)


class Recorder:
    """Writes cells and records what a reader must find."""

    def __init__(self, wb, name):
        self.wb = wb
        self.name = name
        self.sheets = []
        self.epoch0 = datetime.datetime(1899, 12, 30)  # serial 0, as excelize reads it
        if wb.epoch == CALENDAR_MAC_1904:
            self.epoch0 = datetime.datetime(1904, 1, 1)

    def sheet(self, ws):
        rec = {"name": ws.title, "hidden": False, "hidden_rows": [], "merges": [], "cells": []}
        self.sheets.append((ws, rec))
        return rec

    def put(self, ws, ref, value, want):
        ws[ref] = value
        rec = [r for w, r in self.sheets if w is ws][0]
        cell = {"ref": ref, "type": want[0], "value": "", "number": 0, "formula": "", "time": ""}
        cell.update(want[1])
        rec["cells"].append(cell)

    def text(self, ws, ref, s):
        self.put(ws, ref, s, ("Text", {"value": s}))

    def number(self, ws, ref, n):
        self.put(ws, ref, n, ("Number", {"number": n}))

    def boolean(self, ws, ref, b):
        self.put(ws, ref, b, ("Bool", {"value": "TRUE" if b else "FALSE"}))

    def error(self, ws, ref, e):
        self.put(ws, ref, e, ("Error", {"value": e}))

    def formula(self, ws, ref, f):
        self.put(ws, ref, "=" + f, ("Empty", {"formula": f}))

    def when(self, ws, ref, v):
        """A date, date-time or time: a serial number, or with iso_dates
        an ISO 8601 text (t="d")."""
        if isinstance(v, datetime.datetime):
            t = v
        elif isinstance(v, datetime.date):
            t = datetime.datetime.combine(v, datetime.time())
        else:
            t = datetime.datetime.combine(self.epoch0.date(), v)
        if self.wb.iso_dates:
            iso = v.isoformat(timespec="milliseconds") if getattr(v, "microsecond", 0) else v.isoformat()
            self.put(ws, ref, v, ("Date", {"value": iso, "time": fmt_time(t)}))
        else:
            serial = openpyxl.utils.datetime.to_excel(v, self.wb.epoch)
            # Before the 1904 system's epoch a serial is negative: no date
            # in Excel either (it shows ####).
            self.put(ws, ref, v, ("Number", {"number": serial, "time": fmt_time(t) if serial >= 0 else ""}))

    def save(self, folder):
        stamp(self.wb)
        path = os.path.join(folder, self.name + ".xlsx")
        self.wb.save(path)
        out = {"file": self.name + ".xlsx", "date1904": self.wb.epoch == CALENDAR_MAC_1904, "sheets": []}
        for ws, rec in self.sheets:
            rec["hidden"] = ws.sheet_state != "visible"
            rec["hidden_rows"] = sorted(r for r, d in ws.row_dimensions.items() if d.hidden)
            rec["merges"] = [str(r) for r in ws.merged_cells.ranges]
            out["sheets"].append(rec)
        with open(os.path.join(folder, self.name + ".json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)
            f.write("\n")


def dates(r, ws):
    r.when(ws, "A1", datetime.date(2024, 11, 20))
    r.when(ws, "A2", datetime.datetime(2024, 11, 20, 8, 30, 15))
    r.when(ws, "A3", datetime.datetime(2024, 11, 20, 8, 30, 15, 250000))
    r.when(ws, "A4", datetime.date(1900, 1, 1))
    r.when(ws, "A5", datetime.date(1900, 2, 28))
    r.when(ws, "A6", datetime.date(1900, 3, 1))
    r.when(ws, "A7", datetime.date(1999, 12, 31))
    r.when(ws, "A8", datetime.datetime(2000, 2, 29, 23, 59, 59))
    r.when(ws, "A9", datetime.date(9999, 12, 31))
    r.when(ws, "B1", datetime.time(10, 30))
    r.text(ws, "C1", "15/03/2024")  # a date typed as text stays text


def types(folder):
    wb = openpyxl.Workbook()
    r = Recorder(wb, "types")
    ws = wb.active
    ws.title = "Kiểu dữ liệu"
    r.sheet(ws)
    r.text(ws, "A1", "Sở Y tế tỉnh Kon Tum")
    r.text(ws, "A2", "Hoa\u0300n tha\u0300nh")  # decomposed: kept as written
    r.text(ws, "A3", "  cách đầu và cuối  ")
    r.text(ws, "A4", "dòng 1\ndòng 2")
    r.text(ws, "A5", "& < > \" '")
    r.text(ws, "A6", "Hoàn thành tốt 👍🏽 𝕏")
    r.text(ws, "A7", "1250")  # a number typed as text stays text
    r.text(ws, "A8", "TRUE")
    r.number(ws, "B1", 0)
    r.number(ws, "B2", 1250)
    r.number(ws, "B3", -42)
    r.number(ws, "B4", 1250.5)
    r.number(ws, "B5", 0.125)
    r.number(ws, "B6", 1.5e-7)
    r.number(ws, "B7", 1.25e300)
    r.number(ws, "B8", 123456789012345)
    r.boolean(ws, "C1", True)
    r.boolean(ws, "C2", False)
    r.error(ws, "D1", "#N/A")
    r.error(ws, "D2", "#DIV/0!")
    r.error(ws, "D3", "#REF!")
    r.formula(ws, "E1", "SUM(B1:B3)")
    r.formula(ws, "E2", 'CONCATENATE("Kết ","quả")')
    r.formula(ws, "E3", "IF(C1,\"có\",\"không\")")
    # A shared formula: the master in F2, its cells written without text.
    r.formula(ws, "F2", "B2*2+$B$1")
    ws.formula_attributes["F2"] = {"t": "shared", "ref": "F2:F4", "si": "0"}
    for ref, moved in (("F3", "B3*2+$B$1"), ("F4", "B4*2+$B$1")):
        ws[ref] = "="
        ws[ref].data_type = "f"
        ws.formula_attributes[ref] = {"t": "shared", "si": "0"}
        rec = r.sheets[0][1]
        rec["cells"].append({"ref": ref, "type": "Empty", "value": "", "number": 0, "formula": moved, "time": ""})
    ws.merge_cells("G1:H2")
    r.text(ws, "G1", "gộp")
    ws.row_dimensions[3].hidden = True

    hidden = wb.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    r.sheet(hidden)
    r.text(hidden, "B2", "trang ẩn")
    very = wb.create_sheet("Rất ẩn")
    very.sheet_state = "veryHidden"
    r.sheet(very)
    r.number(very, "A1", 7)

    d = wb.create_sheet("Ngày")
    r.sheet(d)
    dates(r, d)
    r.save(folder)


def dated(folder, name, epoch=None, iso=False):
    wb = openpyxl.Workbook(iso_dates=iso)
    if epoch is not None:
        wb.epoch = epoch
    r = Recorder(wb, name)
    ws = wb.active
    ws.title = "Ngày"
    r.sheet(ws)
    dates(r, ws)
    r.save(folder)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    types(folder)
    dated(folder, "dates1904", epoch=CALENDAR_MAC_1904)
    dated(folder, "isodates", iso=True)


if __name__ == "__main__":
    main()
