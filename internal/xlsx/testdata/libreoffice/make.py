#!/usr/bin/python3
"""Writes notes.fods (a note, hyperlinks and two pictures, as a unit might
send them) and converts it with LibreOffice to notes.xlsx, the fixture of
TestLibreOfficeNotes:

    cd internal/xlsx/testdata/libreoffice && ./make.py

It needs soffice (apt-get install libreoffice-calc)."""
import base64, os, shutil, subprocess, tempfile, zlib, struct

def png(w, h, rgb):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

def frame(name, x, rgb):
    data = base64.b64encode(png(8, 8, rgb)).decode()
    return f'''<draw:frame draw:name="{name}" svg:width="2cm" svg:height="2cm" svg:x="{x}cm" svg:y="3cm">
<draw:image><office:binary-data>{data}</office:binary-data></draw:image></draw:frame>'''

fods = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="Biểu 1">
<table:shapes>{frame("Ảnh 1", 1, (200, 30, 30))}{frame("Ảnh 2", 5, (30, 30, 200))}</table:shapes>
<table:table-column table:number-columns-repeated="3"/>
<table:table-row>
 <table:table-cell office:value-type="string"><text:p>Chỉ tiêu</text:p></table:table-cell>
 <table:table-cell office:value-type="float" office:value="12"><office:annotation><dc:creator>Nguyễn Văn A</dc:creator><text:p>Kết quả thực hiện: 95%</text:p><text:p>Số liệu ước tính</text:p></office:annotation><text:p>12</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p><text:a xlink:href="https://example.org/bao-cao?nam=2024&amp;don-vi=SYT" xlink:type="simple">Nguồn số liệu</text:a></text:p></table:table-cell>
</table:table-row>
<table:table-row>
 <table:table-cell office:value-type="string"><text:p><text:a xlink:href="#Biểu 2.B3" xlink:type="simple">Xem biểu 2</text:a></text:p></table:table-cell>
 <table:table-cell office:value-type="float" office:value="7"><office:annotation><dc:creator>Trần Thị B</dc:creator><text:p>Ghi chú thứ hai</text:p></office:annotation><text:p>7</text:p></table:table-cell>
</table:table-row>
</table:table>
<table:table table:name="Biểu 2">
<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document>
'''

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "notes.fods"), "w", encoding="utf-8") as f:
    f.write(fods)
with tempfile.TemporaryDirectory() as profile:
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", here,
                    os.path.join(here, "notes.fods")], check=True)
