//! Times the importer on 100 KB texts: `cargo run --release -p thidua-plan --example timing`.
//!
//! Builds three 100 KB inputs from the labelled plans — the largest seed plan repeated, the same
//! text without diacritics (OCR-like, so the restoration runs on every line) and the development
//! corpus joined — and prints the median and the slowest of several runs of each (each run on a
//! fresh thread, so the per-thread cache of restored words starts empty).

use std::path::Path;
use std::time::Instant;

use unicode_normalization::UnicodeNormalization;

const TARGET_BYTES: usize = 100 * 1024;
const RUNS: usize = 7;

/// Repeats `text` until it reaches 100 KB.
fn to_100kb(text: &str) -> String {
    let mut out = String::with_capacity(TARGET_BYTES + text.len());
    while out.len() < TARGET_BYTES {
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// The text without diacritics (`đ` → `d`), as OCR output often is.
fn strip_marks(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// (median, max) milliseconds of importing `text`, each run on a fresh thread so that no cache of
/// an earlier run helps.
fn time(text: &str) -> (f64, f64) {
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            std::thread::scope(|s| {
                s.spawn(|| {
                    let started = Instant::now();
                    let plan = thidua_plan::import_text(text);
                    std::hint::black_box(plan);
                    started.elapsed().as_secs_f64() * 1000.0
                })
                .join()
                .unwrap_or(f64::NAN)
            })
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[RUNS / 2], ms[RUNS - 1])
}

fn read_dir_texts(dir: &Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let seed = std::fs::read_to_string(tests.join("fixtures/000_9549354538468d2e.txt"))
        .unwrap_or_default();
    let inputs = [
        ("seed plan 000, repeated", to_100kb(&seed)),
        (
            "seed plan 000 without diacritics (OCR-like)",
            to_100kb(&strip_marks(&seed)),
        ),
        (
            "development corpus, joined and repeated",
            to_100kb(&read_dir_texts(&tests.join("corpus"))),
        ),
    ];
    let started = Instant::now();
    std::hint::black_box(thidua_plan::import_text("KE HOACH\nThi dua nam 2025"));
    println!(
        "Building the restoration model once per process: {:.1} ms\n",
        started.elapsed().as_secs_f64() * 1000.0
    );
    println!("| input | size | median | slowest of {RUNS} |\n|---|---:|---:|---:|");
    for (label, text) in inputs {
        let (median, max) = time(&text);
        println!(
            "| {label} | {} KB | {median:.1} ms | {max:.1} ms |",
            text.len() / 1024
        );
    }
}
