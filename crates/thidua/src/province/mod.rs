//! `thidua demo --scale province`: a whole province, generated deterministically from a seed, to build
//! and measure every capability at a province's size — about 5,000 units with the 2025 reorganisation
//! in their history, 200,000 people with fifteen years of ratings and about two million titles and
//! awards, 300 campaigns with their deadlines and submissions, and 50,000 nominations of this year in
//! every state, with the council's meetings and decisions.
//!
//! Rows go in by bulk statements (a use case per row would take hours), inside the same transactions
//! and constraints as the app's own writes, and each phase leaves one entry in the audit log. The rules
//! the data follows are the generator's own (see [`history`]); `thidua eligibility` checks them.

mod campaigns;
mod council;
mod draw;
mod exemplars;
mod history;
mod names;
mod nominations;
mod people;
mod units;
mod users;

use draw::Gen;
use std::time::Instant;
use thidua_app::{Audit, Caller};
use thidua_store::{Db, orgs};

/// How big a generated organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// A few communes, 2,000 people: for tests.
    Tiny,
    /// A district's worth: 20 communes, 20,000 people.
    District,
    /// A province: 124 communes, about 5,000 units, 200,000 people.
    Province,
}

/// The sizes a preset stands for.
#[derive(Debug, Clone)]
pub struct Scale {
    pub communes: usize,
    pub groups_per_commune: usize,
    pub people: usize,
    pub campaigns: usize,
    pub deadlines_per_campaign: usize,
    pub nominations: usize,
}

impl Preset {
    pub fn scale(self) -> Scale {
        match self {
            Preset::Tiny => Scale {
                communes: 4,
                groups_per_commune: 4,
                people: 2_000,
                campaigns: 32,
                deadlines_per_campaign: 8,
                nominations: 400,
            },
            Preset::District => Scale {
                communes: 20,
                groups_per_commune: 12,
                people: 20_000,
                campaigns: 64,
                deadlines_per_campaign: 20,
                nominations: 5_000,
            },
            Preset::Province => Scale {
                communes: 124,
                groups_per_commune: 28,
                people: 200_000,
                campaigns: 304,
                deadlines_per_campaign: 30,
                nominations: 50_000,
            },
        }
    }
}

/// The generated province's name (a real province of the 2025 map; the data is invented).
pub const PROVINCE: &str = "Ninh Bình";

/// Generates an organisation into an empty database; prints each phase and how long it took.
pub async fn generate(db: &Db, preset: Preset, seed: u64) -> anyhow::Result<()> {
    let scale = preset.scale();
    let mut g = Gen::new(seed, thidua_app::campaigns::today_vn());
    let started = Instant::now();
    let mut tx = db.begin().await?;
    if orgs::user_count(&mut tx).await? > 0 {
        anyhow::bail!(
            "Cơ sở dữ liệu đã có dữ liệu: hãy sinh dữ liệu tỉnh vào một cơ sở dữ liệu trống."
        );
    }
    let org = orgs::insert(&mut tx, &format!("Tỉnh {PROVINCE} (dữ liệu sinh tự động)")).await?;
    let caller = Caller::system(&org).named("Bộ sinh dữ liệu");
    let tree = units::build(&mut g, &scale, PROVINCE);
    units::write(&mut tx, &mut g, &org, &tree).await?;
    let council = users::write(&mut tx, &mut g, &org, &tree).await?;
    phase(
        &mut tx,
        &caller,
        &org,
        "đơn vị",
        tree.units.len() as u64,
        started,
    )
    .await?;
    tx.commit().await?;

    let step = Instant::now();
    let (people, counts) = people::write(db, &mut g, &org, &tree, scale.people).await?;
    let units_counts = users::unit_histories(db, &mut g, &org, &tree).await?;
    let mut tx = db.begin().await?;
    phase(&mut tx, &caller, &org, "cá nhân", people.len() as u64, step).await?;
    let ledger_rows = counts.ratings + counts.awards + counts.initiatives + units_counts;
    phase(
        &mut tx,
        &caller,
        &org,
        "dòng lịch sử khen thưởng",
        ledger_rows,
        step,
    )
    .await?;
    tx.commit().await?;

    let step = Instant::now();
    let (live, campaign_rows) = campaigns::write(db, &mut g, &org, &tree, &scale).await?;
    let mut tx = db.begin().await?;
    phase(
        &mut tx,
        &caller,
        &org,
        "dòng phong trào, thời hạn, báo cáo",
        campaign_rows,
        step,
    )
    .await?;
    tx.commit().await?;

    let step = Instant::now();
    let written =
        write_nominations(db, &mut g, &org, &tree, &people, &live, &council, &scale).await?;
    let mut tx = db.begin().await?;
    phase(
        &mut tx,
        &caller,
        &org,
        "dòng đề nghị, phiên họp, quyết định",
        written,
        step,
    )
    .await?;
    tx.commit().await?;

    // Last, so the phases before draw the same numbers as they always did for a seed.
    let step = Instant::now();
    let written = exemplars::write(db, &mut g, &org, &tree, &people, &live).await?;
    let mut tx = db.begin().await?;
    phase(&mut tx, &caller, &org, "gương điển hình", written, step).await?;
    tx.commit().await?;
    db.analyze().await?;
    println!(
        "Xong: tỉnh {PROVINCE} (hạt giống {seed}) — {} đơn vị, {} cá nhân, {} đánh giá, {} danh hiệu và hình thức khen thưởng, trong {:.1} s.",
        tree.units.len(),
        people.len(),
        counts.ratings,
        counts.awards,
        started.elapsed().as_secs_f64()
    );
    users::print_accounts();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn write_nominations(
    db: &Db,
    g: &mut Gen,
    org: &str,
    tree: &units::Tree,
    people: &[people::Person],
    live: &[campaigns::Live],
    council_users: &[String],
    scale: &Scale,
) -> anyhow::Result<u64> {
    let by_body = nominations::people_by_body(tree, people);
    let mut rows = nominations::NominationRows::new();
    let mut made = Vec::with_capacity(scale.nominations);
    let live: Vec<&campaigns::Live> = live.iter().filter(|c| !c.participants.is_empty()).collect();
    if live.is_empty() {
        return Ok(0);
    }
    while made.len() < scale.nominations {
        let campaign = live[g.below(live.len())];
        if let Some(n) = nominations::one(g, org, tree, people, &by_body, campaign, &mut rows) {
            made.push(n);
        }
    }
    let mut council_rows = council::build(g, org, PROVINCE, council_users, &made);
    let mut tx = db.begin().await?;
    let mut written = rows.nominations.flush(&mut tx).await? + rows.events.flush(&mut tx).await?;
    for table in council_rows.all() {
        written += table.flush(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(written)
}

/// One audit entry per phase: what was generated, how many rows, how long it took.
async fn phase(
    tx: &mut thidua_store::Tx,
    caller: &Caller,
    org: &str,
    what: &str,
    rows: u64,
    since: Instant,
) -> anyhow::Result<()> {
    let seconds = since.elapsed().as_secs_f64();
    println!("  {rows:>10} {what} ({seconds:.1} s)");
    let label = format!("Sinh dữ liệu: {rows} {what}");
    Audit::new("demo.generate", "org", org, &label)
        .after(&serde_json::json!({ "what": what, "rows": rows, "seconds": seconds }))
        .write(tx, caller)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))
}
