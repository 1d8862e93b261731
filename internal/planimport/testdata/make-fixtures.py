"""Make the plan-appendix fixtures of package planimport from the seed plan's
Phụ lục (phu-luc-seed.txt: the appendix of the Kon Tum plan as the seed
gives it, one table row a line, cells separated by tabs, the header
repeated where the printed table runs onto a new page, a task's text
continued on the next page in a row without a number).

Writes, as other programs shape such files:
  phu-luc-python-docx.docx  python-docx: one Word table per printed page,
                            section rows merged across columns and bold,
                            paragraphs as separate w:p, footnote marks as
                            superscript runs, header rows marked to repeat;
  phu-luc-openpyxl.xlsx     openpyxl: one sheet, title rows above the
                            table, section titles merged B:E, paragraphs
                            as lines within a cell, the repeated header
                            rows kept;
and, when LibreOffice is installed, its re-saved copies:
  phu-luc-libreoffice.docx, phu-luc-libreoffice.xlsx

Run with the Python of the Debian packages (python3-docx, python3-openpyxl):
  /usr/bin/python3 make-fixtures.py
"""
import os
import re
import shutil
import subprocess
import tempfile

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def paragraphs(cell):
    """A seed cell's paragraphs: <p> and <li> items, or the text itself."""
    items = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", cell, re.S)
    if not items:
        items = [cell]
    out = []
    for it in items:
        it = re.sub(r"</?(?:b|ul|ol)[^>]*>", "", it).strip()
        if it:
            out.append(it)
    return out


def bold(cell):
    return cell.strip().startswith("<b>")


def rows():
    """The seed's tables: a list of tables, each a list of rows of cells."""
    tables, cur = [], None
    with open(os.path.join(HERE, "phu-luc-seed.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" not in line:
                continue
            cells = line.split("\t")
            if cells[0] == "TT":
                cur = []
                tables.append(cur)
            cur.append(cells)
    return tables


def sup_runs(p, text, size=None):
    """Add text to a paragraph, <sup>n</sup> as superscript runs."""
    for part in re.split(r"(<sup>\d+</sup>)", text):
        if not part:
            continue
        m = re.fullmatch(r"<sup>(\d+)</sup>", part)
        r = p.add_run(m.group(1) if m else part)
        if m:
            r.font.superscript = True


def make_docx(path):
    d = docx.Document()
    s = d.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(12)
    for title in ["PHỤ LỤC", "NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN KẾ HOẠCH SỐ 144-KH/TU NGÀY 24 THÁNG 4 NĂM 2024",
                  "(Kèm theo Kế hoạch số: /KH-UBND ngày tháng 6 năm 2024 của Ủy ban nhân dân tỉnh)"]:
        d.add_paragraph().add_run(title).bold = True
    for table in rows():
        t = d.add_table(rows=0, cols=5)
        t.style = "Table Grid"
        for i, cells in enumerate(table):
            r = t.add_row()
            if i == 0:  # the header row, marked to repeat
                trPr = r._tr.get_or_add_trPr()
                h = OxmlElement("w:tblHeader")
                trPr.append(h)
            if bold(cells[1]) and not cells[2]:  # a section: number, then its title merged across
                r.cells[0].text = re.sub(r"</?b>", "", cells[0])
                merged = r.cells[1].merge(r.cells[4])
                merged.text = ""
                merged.paragraphs[0].add_run(re.sub(r"</?b>", "", cells[1])).bold = True
                continue
            for j, c in enumerate(cells[:5]):
                ps = paragraphs(c) if j == 1 else ([c.strip()] if c.strip() else [])
                cell = r.cells[j]
                for k, text in enumerate(ps):
                    p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                    sup_runs(p, text)
                    if i == 0:
                        for run in p.runs:
                            run.bold = True
        d.add_paragraph()
    d.save(path)


def make_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = "PHỤ LỤC"
    ws["A2"] = "NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN KẾ HOẠCH SỐ 144-KH/TU NGÀY 24 THÁNG 4 NĂM 2024"
    ws["A3"] = "(Kèm theo Kế hoạch số: /KH-UBND ngày tháng 6 năm 2024 của Ủy ban nhân dân tỉnh)"
    row = 5
    for table in rows():
        for cells in table:
            if bold(cells[1]) and not cells[2]:
                ws.cell(row, 1, re.sub(r"</?b>", "", cells[0]))
                ws.cell(row, 2, re.sub(r"</?b>", "", cells[1])).font = Font(bold=True)
                ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
            else:
                for j, c in enumerate(cells[:5]):
                    if j == 1:
                        text = "\n".join(re.sub(r"<sup>(\d+)</sup>", lambda m: m.group(1).translate(SUP), p)
                                         for p in paragraphs(c))
                    else:
                        text = c.strip()
                    if text:
                        # "1." would be typed as a number 1 by a user; the
                        # plan's own numbers stay text here.
                        ws.cell(row, j + 1, text).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    for col, w in zip("ABCDE", [6, 80, 25, 25, 18]):
        ws.column_dimensions[col].width = w
    wb.save(path)


def libreoffice(src, fmt, dst):
    soffice = shutil.which("soffice")
    if not soffice:
        return
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", fmt, "--outdir", out, src], check=True, capture_output=True)
        produced = os.path.join(out, os.path.basename(src))
        shutil.move(produced, dst)


if __name__ == "__main__":
    make_docx(os.path.join(HERE, "phu-luc-python-docx.docx"))
    make_xlsx(os.path.join(HERE, "phu-luc-openpyxl.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        for name, fmt, dst in [("phu-luc-python-docx.docx", "docx:MS Word 2007 XML", "phu-luc-libreoffice.docx"),
                               ("phu-luc-openpyxl.xlsx", "xlsx:Calc MS Excel 2007 XML", "phu-luc-libreoffice.xlsx")]:
            src = os.path.join(tmp, name)
            shutil.copy(os.path.join(HERE, name), src)
            libreoffice(src, fmt, os.path.join(HERE, dst))
