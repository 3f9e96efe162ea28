#!/usr/bin/env bash
# The documents benchmark: 1,000 certificates as one PDF and as 1,000 PDFs (Typst in-process), the
# same certificates as DOCX converted by LibreOffice headless in the same run, and a decision with a
# 500-line list. Usage: bash bench/documents.sh [N]   (release build; needs soffice).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q --release -p thidua-docs --example bench_documents
nproc | sed 's/^/cores: /'
target/release/examples/bench_documents "${1:-1000}"
