//! Prints precision, recall and F1 per field, and the micro-averaged overall figures, over labelled
//! plans: `cargo run -p thidua-plan --example score [-- DIR…] [--verbose]`.
//!
//! Without DIR it scores both sets at once: the fixtures (`tests/fixtures`; names starting with a
//! digit are the four seed plans, the others the extra plans written for this crate) and the
//! development corpus of real plans (`tests/corpus`), its held-out part (`tests/corpus/held_out`,
//! plans added after the importer was tuned, never tuned on) and the layout variants of the seeds' list
//! sections (`tests/corpus/derived`: run-on, no diacritics, tables — derived, not unseen) with its
//! held-out parts (`tests/corpus/derived/held_out`, `…/held_out_2`, made after the importer was
//! tuned). Each DIR given
//! is scored as its own group, seeds split out the same way.

#[path = "../tests/common/score.rs"]
mod score;

use std::path::{Path, PathBuf};

/// Calibration of the per-field confidence: (high and right, high and wrong, low and right, low
/// and wrong) over the header fields.
type Calibration = [u32; 4];

/// Adds one plan's header fields to the calibration counts.
fn calibrate(confidence: &thidua_plan::Confidence, r: &score::Report, cal: &mut Calibration) {
    let fields = [
        ("number", "number"),
        ("issued_on", "issued_on"),
        ("place", "place"),
        ("issuer", "issuer"),
        ("title", "title"),
        ("period", "period.to"),
        ("signer", "signer.name"),
        ("legal_bases", "legal_bases"),
    ];
    for (key, field) in fields {
        let c = r.get(field).copied().unwrap_or_default();
        let right = c.fp == 0 && c.fn_ == 0;
        let low = confidence.of(key).level == thidua_plan::Level::Low;
        cal[usize::from(low) * 2 + usize::from(!right)] += 1;
    }
}

/// One labelled plan's report, or `None` when it could not be read.
fn score_one(
    name: &str,
    input: &Path,
    expected: &Path,
    verbose: bool,
    cal: &mut Calibration,
) -> Option<score::Report> {
    let bytes = std::fs::read(input).unwrap_or_default();
    let started = std::time::Instant::now();
    let (plan, confidence) = match thidua_plan::decode(&bytes) {
        Ok(text) => thidua_plan::import_text_with_confidence(&text),
        Err(e) => {
            println!("{name}: {e}");
            return None;
        }
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let pred = serde_json::to_value(&plan).unwrap_or_default();
    let exp: serde_json::Value = std::fs::read_to_string(expected)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let r = score::score(&pred, &exp);
    calibrate(&confidence, &r, cal);
    let kb = bytes.len() / 1024;
    if verbose {
        println!(
            "{}",
            score::table(&format!("### {name} ({kb} KB, {ms:.1} ms)"), &r)
        );
    } else {
        println!("{name}: {kb} KB in {ms:.1} ms");
    }
    Some(r)
}

/// Scores one directory: (label, reports) groups, seeds apart from the others.
fn score_dir(
    dir: &Path,
    verbose: bool,
    cal: &mut Calibration,
) -> Vec<(String, Vec<score::Report>)> {
    let (mut seeds, mut others) = (Vec::new(), Vec::new());
    for (name, input, expected) in score::fixtures(dir) {
        let Some(r) = score_one(&name, &input, &expected, verbose, cal) else {
            continue;
        };
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            seeds.push(r)
        } else {
            others.push(r)
        }
    }
    // The path under `tests/` (`corpus/derived/held_out`), else the directory's name.
    let path = dir.to_string_lossy().replace('\\', "/");
    let label = match path.rsplit_once("/tests/") {
        Some((_, under)) => under.trim_end_matches('/').to_string(),
        None => dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("plans")
            .to_string(),
    };
    let mut groups = Vec::new();
    if !seeds.is_empty() {
        groups.push(("seed plans".to_string(), seeds));
    }
    if !others.is_empty() {
        let label = if label == "fixtures" {
            "extra fixtures".to_string()
        } else {
            label
        };
        groups.push((label, others));
    }
    groups
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
        dirs = vec![
            root.join("fixtures"),
            root.join("corpus"),
            root.join("corpus/held_out"),
            root.join("corpus/derived"),
            root.join("corpus/derived/held_out"),
            root.join("corpus/derived/held_out_2"),
        ];
    }
    let mut summary = Vec::new();
    let mut cal = Calibration::default();
    for dir in &dirs {
        for (label, reports) in score_dir(dir, verbose, &mut cal) {
            let total = score::total(&reports);
            let title = format!("## {label} ({} plans, {})", reports.len(), dir.display());
            println!("{}", score::table(&title, &total));
            summary.push((label, reports.len(), score::micro(&total)));
        }
    }
    println!("\n## Overall (micro-averaged over every field)");
    println!("| set | plans | precision | recall | F1 |\n|---|---:|---:|---:|---:|");
    for (label, n, m) in summary {
        println!(
            "| {label} | {n} | {:.2} | {:.2} | {:.2} |",
            m.precision(),
            m.recall(),
            m.f1()
        );
    }
    println!(
        "\n## Confidence of the header fields (number, date, place, issuer, title, period, signer, legal bases)"
    );
    println!("| confidence | right | wrong |\n|---|---:|---:|");
    println!(
        "| high | {} | {} |\n| low («Cần kiểm tra») | {} | {} |",
        cal[0], cal[1], cal[2], cal[3]
    );
}
