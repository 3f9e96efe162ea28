//! Prints the plan-import JSON for a file: `cargo run --example import_plan -- FILE [--no-evidence]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("Cách dùng: import_plan TỆP [--no-evidence]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("Không đọc được tệp {path}: {e}");
            return ExitCode::from(1);
        }
    };
    match thidua_plan::import_bytes(&bytes) {
        Ok(mut plan) => {
            if args.iter().any(|a| a == "--no-evidence") {
                plan.evidence = None;
            }
            println!("{}", thidua_plan::to_json_pretty(&plan));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
