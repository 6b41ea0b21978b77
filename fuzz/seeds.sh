#!/usr/bin/env bash
# Writes seed inputs for the fuzz targets into fuzz/corpus/<target>/ using the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
hoshi=target/debug/hoshi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p fuzz/corpus/{catalog,answers,xlsx_ipa,xlsx_answers}
cp catalogs/scs.toml catalogs/priority8.toml fuzz/corpus/catalog/
HOSHI_DATA="$tmp/data" $hoshi assess new -o "$tmp/a.yaml" --force
cp "$tmp/a.yaml" fuzz/corpus/answers/template.yaml
sed -e '0,/status: unanswered/s//status: ○/' "$tmp/a.yaml" > fuzz/corpus/answers/one.yaml
HOSHI_DATA="$tmp/data" $hoshi assess export-xlsx "$tmp/a.yaml" "$tmp/a.xlsx"
cp "$tmp/a.xlsx" fuzz/corpus/xlsx_answers/export.xlsx
cp "$tmp/a.xlsx" fuzz/corpus/xlsx_ipa/export.xlsx
cargo run -q -p hoshi-xlsx --example official_fixture -- fuzz/corpus/xlsx_ipa/official-layout.xlsx
cp fuzz/corpus/xlsx_ipa/official-layout.xlsx fuzz/corpus/xlsx_answers/
echo "seeds written to fuzz/corpus/"
