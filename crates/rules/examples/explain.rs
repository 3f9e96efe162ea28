//! Prints an evaluation and a roadmap in Vietnamese: `cargo run --example explain`.

use thidua_rules::{
    AwardRecord, Initiative, InitiativeLevel, Jurisdiction, Ledger, Nominee, Proposal, Rating,
    RatingRecord, Rules,
};

fn main() -> Result<(), thidua_rules::RulesError> {
    let rules = Rules::bundled()?;
    let mut ledger = Ledger {
        id: "nguyen-van-an".into(),
        ..Ledger::default()
    };
    for (y, r) in [
        (2021, Rating::Excellent),
        (2022, Rating::Excellent),
        (2023, Rating::Good),
    ] {
        ledger.ratings.push(RatingRecord { year: y, rating: r });
    }
    ledger.awards.push(AwardRecord::new("CSTDCS", 2021));
    ledger.awards.push(AwardRecord::new("CSTDCS", 2022));
    ledger.initiatives.push(Initiative {
        id: "SK-2023-01".into(),
        name: "Số hóa hồ sơ khen thưởng".into(),
        year: 2023,
        level: InitiativeLevel::Province,
        research: false,
        applied_in: Some("Sở Nội vụ".into()),
    });
    let date = time::macros::date!(2024 - 02 - 01);
    let p = Proposal::new("CSTD_TINH", 2023, date, Jurisdiction::national());
    let eval = rules.evaluate(Nominee::new(&ledger), &p)?;
    println!("{}\n", eval.summary());
    for c in &eval.checks {
        println!("[{:?}/{:?}] {}", c.severity, c.outcome, c.message);
    }
    println!("\nLộ trình:");
    let today = time::macros::date!(2026 - 01 - 15);
    for item in rules.roadmap(&ledger, 2025, today, &Jurisdiction::national())? {
        println!(
            "- {} (nhánh {:?}): sớm nhất {:?}",
            item.name, item.branch, item.earliest_year
        );
        for m in item.missing.iter().take(3) {
            println!("    thiếu: {m}");
        }
    }
    let money = rules.reward(
        &"CSTD_TINH".into(),
        thidua_rules::Subject::Individual,
        today,
    )?;
    println!("\n{}", money.explanation);
    Ok(())
}
