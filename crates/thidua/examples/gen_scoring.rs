//! Benchmark data for scoring: adds N wards (coded `SCORE-00001`…, under the demo's top unit), grouped
//! in clusters of 50 for the current year, and one published scale of 60 criteria (six groups of ten:
//! fixed, rate, yes/no, bonus, deduction) with every ward's answer to every criterion — N × 60 entries —
//! to a database on which `thidua demo` has run. Writes through the store layer (bulk statements for the
//! entries) and prints the scale id, one ward's id and one cluster's id on stdout.
//! `cargo run --release -p thidua --example gen_scoring -- sqlite://data/thidua.db 5000`

use std::time::Instant;
use thidua_store::bulk::{self, Val};
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::scoring::{self, CriterionRow, GroupRow, ScaleRow};
use thidua_store::units::{self, NewUnit};
use thidua_store::{Db, ids, orgs};

const PER_CLUSTER: usize = 50;
const KINDS: [&str; 5] = ["fixed", "rate", "yes_no", "bonus", "deduction"];

/// Deterministic pseudo-random numbers (the demo's LCG).
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn structure(scale_id: &str) -> (Vec<GroupRow>, Vec<CriterionRow>) {
    let mut groups = Vec::new();
    let mut criteria = Vec::new();
    for g in 1..=6_i64 {
        groups.push(GroupRow {
            scale_id: scale_id.into(),
            position: g,
            name: format!("Nhóm tiêu chí số {g}"),
            max_points: 100.0,
        });
        for c in 1..=10_i64 {
            let kind = KINDS[usize::try_from(c).unwrap_or(0) % KINDS.len()];
            criteria.push(CriterionRow {
                id: ids::new_id(),
                scale_id: scale_id.into(),
                group_position: g,
                position: c,
                code: format!("{g}.{c}"),
                text: format!("Tiêu chí {g}.{c} của thang điểm đo tải"),
                guidance: String::new(),
                kind: kind.into(),
                points: if kind == "deduction" { 1.0 } else { 10.0 },
                rate_cap: (kind == "rate").then_some(1.2),
                target_value: (kind == "rate").then_some(100.0),
                max_count: None,
                precondition: None,
                target_id: None,
                assessor: "office".into(),
                tie_break: (g == 1 && c <= 2).then_some(c),
            });
        }
    }
    (groups, criteria)
}

/// One ward's answer to one criterion, as an `scoring_entries` row.
fn entry(seq: &mut Seq, scale_id: &str, unit_id: &str, c: &CriterionRow, now: &str) -> Vec<Val> {
    let amount = match c.kind.as_str() {
        "rate" => 80.0 + seq.next(40) as f64,
        "yes_no" => (seq.next(10) > 1) as u8 as f64,
        "bonus" | "deduction" => seq.next(3) as f64,
        _ => (seq.next(21) as f64) / 2.0,
    };
    let target = if c.kind == "rate" {
        Val::Real(100.0)
    } else {
        Val::NullReal
    };
    vec![
        Val::Text(scale_id.into()),
        Val::Text(unit_id.into()),
        Val::Text(c.id.clone()),
        Val::Bool(true),
        Val::Real(amount),
        target.clone(),
        Val::Bool(true),
        Val::Real(amount),
        target,
        Val::Text(String::new()),
        Val::Text("self".into()),
        Val::Text("gen_scoring".into()),
        Val::Int(1),
        Val::Text(now.into()),
    ]
}

const ENTRY_COLUMNS: [&str; 14] = [
    "scale_id",
    "unit_id",
    "criterion_id",
    "precondition_met",
    "amount",
    "target",
    "self_precondition_met",
    "self_amount",
    "self_target",
    "comment",
    "stage",
    "updated_by_name",
    "version",
    "updated_at",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(url) = args.get(1) else {
        anyhow::bail!("usage: gen_scoring DATABASE_URL [UNITS=5000]  (after `thidua demo`)");
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(5000);
    let started = Instant::now();
    let db = Db::connect(url).await?;
    let year = i64::from(thidua_app::today().year());
    let mut seq = Seq(2025);

    let mut tx = db.begin().await?;
    let Some(org_id) = orgs::first(&mut tx).await? else {
        anyhow::bail!("no organisation: run `thidua demo` on this database first")
    };
    let Some(root) = units::get_by_code(&mut tx, &org_id, "UBND-HBT").await? else {
        anyhow::bail!("no unit UBND-HBT: run `thidua demo` on this database first")
    };
    let mut wards = Vec::with_capacity(n);
    for i in 1..=n {
        let code = format!("SCORE-{i:05}");
        let name = format!("Phường Thử tải số {i:05}");
        let u = units::insert(
            &mut tx,
            NewUnit {
                org_id: &org_id,
                parent: Some(&root),
                code: &code,
                name: &name,
                short_name: None,
                kind: "ward",
                level: "commune",
                valid_from: "2010-01-01",
            },
        )
        .await?;
        wards.push(u.id);
    }
    let mut cluster_ids = Vec::new();
    for (k, members) in wards.chunks(PER_CLUSTER).enumerate() {
        let row = ClusterRow::new(
            &org_id,
            year,
            "cluster",
            &format!("Cụm đo tải số {:03}", k + 1),
            members.first().cloned(),
            members.get(1).cloned(),
        );
        clusters::insert(&mut tx, &row, members).await?;
        cluster_ids.push(row.id);
    }
    let mut scale = ScaleRow::new(
        &org_id,
        year,
        &format!("Thang điểm đo tải ({n} đơn vị × 60 tiêu chí)"),
        &format!("{year}-11-25"),
        5,
    );
    scale.status = "published".into();
    scale.published_at = Some(ids::now());
    scale.appeal_until = Some(format!("{year}-12-31"));
    scoring::insert(&mut tx, &scale, &cluster_ids).await?;
    let (groups, criteria) = structure(&scale.id);
    scoring::replace_structure(&mut tx, &scale.id, &groups, &criteria).await?;
    tx.commit().await?;
    let units_done = started.elapsed();

    let now = ids::now();
    for chunk in wards.chunks(500) {
        let rows: Vec<Vec<Val>> = chunk
            .iter()
            .flat_map(|u| criteria.iter().map(|c| (u.clone(), c)).collect::<Vec<_>>())
            .map(|(u, c)| entry(&mut seq, &scale.id, &u, c, &now))
            .collect();
        let mut tx = db.begin().await?;
        bulk::insert(&mut tx, "scoring_entries", &ENTRY_COLUMNS, &rows).await?;
        tx.commit().await?;
    }
    // The kept totals the ranking reads, computed from the answers as the app does after a bulk load.
    let system = thidua_app::Caller::system(&org_id);
    thidua_app::scoring::totals::rebuild(&db, &system, &scale.id)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    eprintln!(
        "{n} wards in {} clusters and a scale of {} criteria in {:.1} s; {} entries in {:.1} s more",
        cluster_ids.len(),
        criteria.len(),
        units_done.as_secs_f64(),
        n * criteria.len(),
        (started.elapsed() - units_done).as_secs_f64()
    );
    println!(
        "{} {} {}",
        scale.id,
        wards.first().cloned().unwrap_or_default(),
        cluster_ids.first().cloned().unwrap_or_default()
    );
    Ok(())
}
