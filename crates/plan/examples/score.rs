//! Prints precision and recall per field over the labelled fixtures:
//! `cargo run --example score [-- DIR] [--verbose]` (default DIR: tests/fixtures).
//! Fixtures whose name starts with a digit are the seed plans; the others are extra plans.

#[path = "../tests/common/score.rs"]
mod score;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")));
    let (mut seeds, mut extra) = (Vec::new(), Vec::new());
    for (name, input, expected) in score::fixtures(&dir) {
        let bytes = std::fs::read(&input).unwrap_or_default();
        let started = std::time::Instant::now();
        let plan = match thidua_plan::import_bytes(&bytes) {
            Ok(p) => p,
            Err(e) => {
                println!("{name}: {e}");
                continue;
            }
        };
        let elapsed = started.elapsed();
        let pred = serde_json::to_value(&plan).unwrap_or_default();
        let exp: serde_json::Value = std::fs::read_to_string(&expected)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let r = score::score(&pred, &exp);
        if verbose {
            println!(
                "{}",
                score::table(
                    &format!(
                        "### {name} ({} KB, {:.1} ms)",
                        bytes.len() / 1024,
                        elapsed.as_secs_f64() * 1000.0
                    ),
                    &r
                )
            );
        } else {
            println!(
                "{name}: {} KB in {:.1} ms",
                bytes.len() / 1024,
                elapsed.as_secs_f64() * 1000.0
            );
        }
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            seeds.push(r)
        } else {
            extra.push(r)
        }
    }
    println!(
        "{}",
        score::table(
            &format!("## Seed plans ({})", seeds.len()),
            &score::total(&seeds)
        )
    );
    println!(
        "{}",
        score::table(
            &format!("## Extra plans ({})", extra.len()),
            &score::total(&extra)
        )
    );
    let all: Vec<_> = seeds.into_iter().chain(extra).collect();
    println!("{}", score::table("## All fixtures", &score::total(&all)));
}
