#!/usr/bin/python3
"""Fill a baocao template in LibreOffice Calc (through UNO) and save it as
.xlsx, the way a unit using LibreOffice would. Usage:
    fill_libreoffice.py TEMPLATE.xlsx OUT.xlsx
Needs soffice listening: soffice --headless --accept="pipe,name=baocao;urp;"
Every text cell carries a token [LO-<cell>] so tests can trace it.
"""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve("uno:pipe,name=baocao;urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.5)
    sys.exit("LibreOffice did not answer")


def serial(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


def main(src, dst):
    ctx = connect()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    info = doc.Sheets.getByName("Thông tin đơn vị")
    info.getCellRangeByName("B7").setString("Trần Văn Bình")
    info.getCellRangeByName("B8").setString("Phó Trưởng phòng Nghiệp vụ Y")
    info.getCellRangeByName("B9").setString("0260 3 862 456")
    info.getCellRangeByName("B10").setString("binh.tv@example.vn")
    info.getCellRangeByName("B11").setValue(serial(2024, 12, 13))
    tasks = doc.Sheets.getByName("Nhiệm vụ")
    # Sở Y tế: rows 5-11 must be reported (tasks 1, 2, 3, 9, 10, 11, 13).
    statuses = ["Hoàn thành", "Đang thực hiện", "Hoàn thành", "Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Hoàn thành"]
    for i, row in enumerate(range(5, 12)):
        tasks.getCellRangeByName("G%d" % row).setString(statuses[i])
        if statuses[i] == "Hoàn thành":
            tasks.getCellRangeByName("H%d" % row).setValue(serial(2024, 10, 1 + i))
        for col, text in (("I", "Kết quả thực hiện của Sở Y tế"), ("J", "Kế hoạch số %d/KH-SYT" % (100 + row)),
                          ("K", "Thiếu nhân lực chuyên môn"), ("L", "Đề nghị bổ sung biên chế")):
            tasks.getCellRangeByName("%s%d" % (col, row)).setString("%s [LO-%s%d]\nĐoạn hai, dòng mới." % (text, col, row))
    # One optional row (task 12, row 17) is reported too.
    tasks.getCellRangeByName("G17").setString("Đang thực hiện")
    tasks.getCellRangeByName("I17").setString("Phối hợp xây dựng mô hình [LO-I17]")
    ind = doc.Sheets.getByName("Chỉ tiêu")
    ind.getCellRangeByName("E4").setValue(1500)
    ind.getCellRangeByName("E5").setValue(245.75)
    ind.getCellRangeByName("E6").setValue(0)
    ind.getCellRangeByName("F5").setString("Gồm kinh phí đề tài cấp tỉnh [LO-F5]")
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
