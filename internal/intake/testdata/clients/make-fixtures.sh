#!/usr/bin/env bash
# Regenerates the real-client fixtures of this folder from fresh templates:
#   libreoffice-SYT.xlsx       filled and saved by LibreOffice Calc (UNO)
#   openpyxl-TUMORONG.xlsx     filled and saved by openpyxl
# Run from the repository root: bash internal/intake/testdata/clients/make-fixtures.sh
# Needs Debian packages: libreoffice-calc python3-uno python3-openpyxl.
set -euo pipefail
here=internal/intake/testdata/clients
work=$(mktemp -d)
trap 'kill $lo 2>/dev/null || true; rm -rf "$work"' EXIT
go run ./cmd/baocao template --unit SYT --unit TUMORONG --out "$work/t" >/dev/null
soffice -env:UserInstallation=file://"$work/profile" --headless --invisible --nologo \
  --accept="pipe,name=baocao;urp;" >/dev/null 2>&1 &
lo=$!
/usr/bin/python3 "$here/fill_libreoffice.py" "$work"/t/SYT_*.xlsx "$work/libreoffice-SYT.xlsx"
/usr/bin/python3 "$here/fill_openpyxl.py" "$work"/t/TUMORONG_*.xlsx "$work/openpyxl-TUMORONG.xlsx"
cp "$work/libreoffice-SYT.xlsx" "$work/openpyxl-TUMORONG.xlsx" "$here/"
echo "wrote $here/libreoffice-SYT.xlsx $here/openpyxl-TUMORONG.xlsx"
