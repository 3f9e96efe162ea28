//! `thidua eligibility`: one title or form checked for every person of the organisation, with the
//! counts by verdict and where the time went; `--csv` writes everyone's verdict.

use std::path::Path;
use std::time::Instant;
use thidua_app::Caller;
use thidua_app::honours::EligibilityInput;
use thidua_store::{Db, orgs};

pub struct Query<'a> {
    pub code: &'a str,
    pub year: Option<i32>,
    pub date: Option<&'a str>,
    pub jurisdiction: &'a str,
}

pub async fn run(db: &Db, q: &Query<'_>, csv: Option<&Path>) -> anyhow::Result<()> {
    let mut tx = db.begin_read().await?;
    let Some(org) = orgs::first(&mut tx).await? else {
        anyhow::bail!("Cơ sở dữ liệu chưa có tổ chức nào.");
    };
    tx.commit().await?;
    let caller = Caller::system(&org).named("Dòng lệnh");
    let input = EligibilityInput {
        code: q.code.to_string(),
        year: q.year.map(|y| y.to_string()).unwrap_or_default(),
        date: q.date.unwrap_or_default().to_string(),
        jurisdiction: q.jurisdiction.to_string(),
        ..Default::default()
    };
    let started = Instant::now();
    let r = thidua_app::honours::batch::everyone(db, &caller, &input)
        .await
        .map_err(cli_error)?;
    let took = started.elapsed();
    println!(
        "{} người: {} đủ điều kiện, {} chưa xác định, {} không đủ điều kiện.",
        r.people, r.eligible, r.undetermined, r.ineligible
    );
    println!(
        "Thời gian: {:.2} s (cộng dồn trên các luồng chạy song song: đọc dữ liệu {:.2} s, đánh giá {:.2} s).",
        took.as_secs_f64(),
        r.reading.as_secs_f64(),
        r.evaluating.as_secs_f64()
    );
    if let Some(path) = csv {
        let mut out = String::from("id,ho_ten,ket_qua\n");
        for v in &r.verdicts {
            out.push_str(&format!(
                "{},\"{}\",{}\n",
                v.id,
                v.name.replace('"', "\"\""),
                v.verdict.label()
            ));
        }
        std::fs::write(path, out)?;
        println!("Đã ghi {}.", path.display());
    }
    Ok(())
}

/// A refused query named by the option the user typed (`--code`, `--year`, `--date`).
fn cli_error(e: thidua_app::Error) -> anyhow::Error {
    match e {
        thidua_app::Error::Invalid(v) => {
            let lines: Vec<String> = v
                .errors
                .iter()
                .map(|f| match f.field.as_str() {
                    "code" => "--code: không có danh hiệu, hình thức nào mang mã này dành cho cá nhân (xem các mã ở trang «Danh mục khen thưởng»).".to_string(),
                    other => format!("--{other}: {}", f.message),
                })
                .collect();
            anyhow::anyhow!("{}", lines.join("\n"))
        }
        other => anyhow::anyhow!("{}", other.message()),
    }
}
