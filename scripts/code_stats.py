#!/usr/bin/env python3
"""Size figures of the Rust sources (for notes and reviews): lines per crate (tests and examples apart),
files over 400 and 600 lines, functions over 60 and 100 lines, bare `.bind(` lines in the store.
Usage: python3 scripts/code_stats.py [ROOT=.]     Functions are found by `fn name(` and brace matching."""
import re, sys, pathlib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
crates = sorted(p for p in (root / 'crates').iterdir() if (p / 'src').is_dir())

def functions(text):
    """(name, lines) of each function with a body."""
    # Braces inside char literals ('{', b'}') would unbalance the matching.
    text = re.sub(r"b?'[{}]'", "' '", text)
    out = []
    for m in re.finditer(r'^[ \t]*(?:pub(?:\([^)]*\))? )?(?:const )?(?:async )?fn (\w+)', text, re.M):
        i = text.find('{', m.end())
        semi = text.find(';', m.end())
        if i < 0 or (0 <= semi < i):
            continue
        depth, j = 0, i
        while j < len(text):
            c = text[j]
            if c == '{':
                depth += 1
            elif c == '}':
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append((m.group(1), text.count('\n', m.start(), j) + 1))
    return out

total_files = big400 = big600 = 0
long60, long100 = [], []
print(f"{'crate':10} {'src lines':>9}")
for c in crates:
    lines = 0
    for f in (c / 'src').rglob('*.rs'):
        t = f.read_text()
        n = t.count('\n')
        lines += n
        total_files += 1
        big400 += n > 400
        big600 += n > 600
        if n > 600:
            print(f"   over 600: {f.relative_to(root)} ({n})")
        for name, ln in functions(t):
            if ln > 60:
                long60.append((ln, f"{f.relative_to(root)}::{name}"))
            if ln > 100:
                long100.append((ln, f"{f.relative_to(root)}::{name}"))
    print(f"{c.name:10} {lines:9}")
print(f"source files: {total_files}; over 400 lines: {big400} ({100 * big400 // max(total_files, 1)} %); over 600: {big600}")
print(f"functions over 60 lines: {len(long60)}; over 100: {len(long100)}")
for ln, name in sorted(long100, reverse=True):
    print(f"   {ln:4} {name}")
store = root / 'crates' / 'store' / 'src'
binds = sum(1 for f in store.rglob('*.rs') for l in f.read_text().splitlines() if l.strip().startswith('.bind('))
print(f"bare .bind( lines in the store: {binds}")
