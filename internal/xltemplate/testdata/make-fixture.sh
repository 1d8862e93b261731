#!/usr/bin/env bash
# Makes testdata/libreoffice/SYT.xlsx: the Sở Y tế template as written by
# baocao, opened and saved again by LibreOffice Calc (a real client).
# Run from the repository root after a deliberate change to the template:
#   bash internal/xltemplate/testdata/make-fixture.sh
# Needs: Debian libreoffice-calc.
set -euo pipefail
out=internal/xltemplate/testdata/libreoffice
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./cmd/baocao template --unit SYT --out "$work/in" >/dev/null
cp "$work"/in/SYT_*.xlsx "$work/SYT.xlsx"
mkdir -p "$work/out"
# A private profile keeps the run independent of the user's settings.
soffice -env:UserInstallation=file://"$work/profile" --headless \
  --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/out" "$work/SYT.xlsx" >/dev/null
cp "$work/out/SYT.xlsx" "$out/SYT.xlsx"
echo "wrote $out/SYT.xlsx"
