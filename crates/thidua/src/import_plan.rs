//! `thidua import-plan FILE [--json]`: a plan's text becomes the draft campaign JSON of
//! `shared/formats/plan-import.md`, or a short Vietnamese summary for people.

use std::path::Path;
use std::process::ExitCode;
use thidua_plan::PlanImport;

/// Runs the command; errors go to standard error in Vietnamese with exit code 1 (2 for a missing file).
pub fn run(file: &Path, json: bool, no_evidence: bool) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("Không đọc được tệp {}: {}", file.display(), io_message(&e));
            return ExitCode::from(2);
        }
    };
    match thidua_plan::import_bytes(&bytes) {
        Ok(mut plan) => {
            if no_evidence {
                plan.evidence = None;
            }
            if json {
                println!("{}", thidua_plan::to_json_pretty(&plan));
            } else {
                print!("{}", summary(&plan));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn io_message(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này",
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc",
        _ => "lỗi đọc tệp",
    }
}

/// A few lines a person can check at a glance.
pub fn summary(p: &PlanImport) -> String {
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let mut out = String::new();
    out.push_str(&format!("Số, ký hiệu: {}\n", or_dash(&p.number)));
    out.push_str(&format!("Ngày ban hành: {}\n", or_dash(&p.issued_on)));
    out.push_str(&format!("Cơ quan ban hành: {}\n", or_dash(&p.issuer)));
    out.push_str(&format!("Trích yếu: {}\n", or_dash(&p.title)));
    out.push_str(&format!(
        "Căn cứ: {} văn bản · Mốc thời gian: {} · Chỉ tiêu: {} · Hình thức khen thưởng: {} · Hạn mức: {} · Chuyên đề: {}\n",
        p.legal_bases.len(),
        p.deadlines.len(),
        p.targets.len(),
        p.award_forms.len(),
        p.quotas.len(),
        p.themes.len()
    ));
    out.push_str("(Dùng --json để xem đầy đủ.)\n");
    out
}
