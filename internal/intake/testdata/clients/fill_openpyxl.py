#!/usr/bin/python3
"""Fill a baocao template with openpyxl (Debian python3-openpyxl), the way a
script or a non-Microsoft client would. Usage:
    fill_openpyxl.py TEMPLATE.xlsx OUT.xlsx
Every text cell carries a token [PY-<cell>]. A few cells are filled the way
units get them wrong: a status variant, a date typed as text, VNI text.
"""
import datetime
import sys

import openpyxl


def main(src, dst):
    wb = openpyxl.load_workbook(src)
    info = wb["Thông tin đơn vị"]
    info["B7"] = "Y Nhăn"
    info["B8"] = "Chuyên viên Phòng Kinh tế - Hạ tầng"
    info["B9"] = "0260 3 899 001"
    info["B10"] = "ynhan@example.vn"
    info["B11"] = "16/12/2024"  # typed as text, after the deadline
    tasks = wb["Nhiệm vụ"]
    # Tu Mơ Rông: rows 5-11 must be reported (tasks 1, 2, 3, 6, 9, 10, 11).
    for row in range(5, 12):
        tasks["G%d" % row] = "Đang thực hiện"
        for col, text in (("I", "Huyện đã triển khai"), ("J", "Công văn số %d/UBND" % (300 + row)),
                          ("K", "Địa bàn rộng, giao thông khó khăn"), ("L", "Hỗ trợ kinh phí cho huyện")):
            tasks["%s%d" % (col, row)] = "%s [PY-%s%d]" % (text, col, row)
    tasks["G6"] = "hoàn thành"  # a variant of the list value
    tasks["H6"] = datetime.datetime(2024, 11, 20)
    # Typed with a VNI font: "Đã kiện toàn bộ phận" [PY-I8]
    tasks["I8"] = "Ñaõ kieän toaøn boä phaän [PY-I8]"
    ind = wb["Chỉ tiêu"]
    ind["E4"] = 0
    ind["E5"] = 120.5
    ind["E6"] = "35"  # a number stored as text
    wb.save(dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
