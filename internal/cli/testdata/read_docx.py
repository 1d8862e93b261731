"""Read a .docx with python-docx (Debian python3-docx), as a second program
would, and print what the Go test checks as JSON: each section's page,
orientation, margins and headers, each table's repeated header rows, and
the whole text (paragraphs, table cells, headers)."""
import json
import sys

import docx
from docx.oxml.ns import qn
from docx.shared import Emu


def mm(v):
    return round(Emu(v).mm, 1) if v is not None else None


d = docx.Document(sys.argv[1])
sections = []
for s in d.sections:
    hdr = s.header._element.xml if not s.header.is_linked_to_previous else ""
    first = s.first_page_header._element.xml if s.different_first_page_header_footer else ""
    sections.append({
        "orientation": "landscape" if s.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE else "portrait",
        "width": mm(s.page_width), "height": mm(s.page_height),
        "top": mm(s.top_margin), "bottom": mm(s.bottom_margin),
        "left": mm(s.left_margin), "right": mm(s.right_margin),
        "different_first_page": s.different_first_page_header_footer,
        "header_page_field": " PAGE " in "".join(t.text or "" for t in s.header._element.iter(qn("w:instrText"))),
        "first_header_text": s.first_page_header.paragraphs[0].text if first else None,
        "restart": (s._sectPr.find(qn("w:pgNumType")) is not None
                    and s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"),
    })
tables = []
texts = []
for t in d.tables:
    first = t.rows[0]._tr
    trPr = first.find(qn("w:trPr"))
    tables.append({
        "rows": len(t.rows),
        "repeat_header": trPr is not None and trPr.find(qn("w:tblHeader")) is not None,
        "header": [c.text for c in t.rows[0].cells],
        "cant_split_rows": sum(1 for r in t.rows if r._tr.find(qn("w:trPr")) is not None
                               and r._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None),
    })
    for row in t.rows:
        for c in row.cells:
            texts.append(c.text)
for p in d.paragraphs:
    texts.append(p.text)
styles = sorted({p.style.name for p in d.paragraphs})
json.dump({"sections": sections, "tables": tables, "text": "\n".join(texts), "styles": styles,
           "default_font": d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
                           .find(qn("w:rFonts")).get(qn("w:ascii")), "normal_size": d.styles["Normal"].font.size.pt},
          sys.stdout, ensure_ascii=False)
