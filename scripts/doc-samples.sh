#!/usr/bin/env bash
# Regenerates docs/samples/: page 1 of every document kind as PNG (and page 2 of the decision: its
# attached list), from the sample data of crates/docs/src/samples.rs, for review beside real signed
# documents. Needs pdftoppm (Debian poppler-utils).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=target/doc-samples
cargo run -q -p thidua-docs --example render_samples -- "$out"
mkdir -p docs/samples
for pdf in "$out"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -r 72 -png -f 1 -l 1 -singlefile "$pdf" "docs/samples/$name"
done
pdftoppm -r 72 -png -f 2 -l 2 -singlefile "$out/quyet-dinh.pdf" docs/samples/quyet-dinh-danh-sach
ls -l docs/samples
