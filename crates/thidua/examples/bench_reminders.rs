//! Times the reminders on a database filled by `thidua demo --scale district|province`: how long the
//! scheduler takes to find every unit that still owes a deadline occurrence in a reminder window and
//! queue the reminders, how long the worker takes to deliver them (notice on the bell, mail jobs for
//! officers with an address; mail itself is not sent: the mail jobs are counted, not run), and that a
//! second scheduling queues nothing. The time is set to the day after a due date of the data, so
//! units that did not send get their «missed» notice.
//! With a number N after the URL, it first adds a launched campaign in which the first N units of the
//! database each owe 30 deadlines due in three days — N × 30 reminders at once, the measure.
//! `cargo run --release -p thidua --example bench_reminders -- sqlite://target/bench-data/…/thidua.db 5000`

use std::sync::Arc;
use std::time::Instant;
use thidua_app::jobs::{Clock, SystemClock, Worker};
use thidua_app::reminders::{self, ReminderHandler};
use thidua_store::Db;
use thidua_store::bulk::{Rows, Val};
use time::Duration;

#[rustfmt::skip]
const CAMPAIGN_COLUMNS: &[&str] = &["id", "org_id", "issuer", "title", "kind", "period_from", "period_to", "status", "search_text", "version", "created_at", "updated_at"];
#[rustfmt::skip]
const DEADLINE_COLUMNS: &[&str] = &["id", "org_id", "campaign_id", "kind", "what", "due_on", "recurrence", "addressees", "version", "created_at", "updated_at"];

/// A launched campaign of the first `n` units of the database's first organisation, with 30
/// deadlines due three days after `today`, none sent.
async fn owed_campaign(db: &Db, n: i64, today: time::Date) -> anyhow::Result<usize> {
    let mut tx = db.begin().await?;
    let units: Vec<(String, String)> = thidua_store::on_tx!(&mut tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT id, org_id FROM units WHERE org_id = (SELECT MIN(id) FROM orgs) ORDER BY path LIMIT $1"
    )
    .bind(n)
    .fetch_all(c)
    .await
    })?;
    let org = units.first().map(|u| u.1.clone()).unwrap_or_default();
    let id = thidua_store::ids::new_id();
    let now = thidua_store::ids::now();
    let iso = thidua_domain::date::iso;
    let mut campaigns = Rows::new("campaigns", CAMPAIGN_COLUMNS);
    campaigns.push(vec![
        (&id).into(),
        (&org).into(),
        "Ủy ban nhân dân tỉnh".into(),
        "Đợt thi đua đo thời gian nhắc hạn".into(),
        "peak".into(),
        iso(today - Duration::days(60)).into(),
        iso(today + Duration::days(60)).into(),
        "launched".into(),
        "dot thi dua do thoi gian nhac han".into(),
        Val::Int(1),
        (&now).into(),
        (&now).into(),
    ]);
    campaigns.flush(&mut tx).await?;
    let mut deadlines = Rows::new("campaign_deadlines", DEADLINE_COLUMNS);
    for k in 1..=30 {
        deadlines.push(vec![
            thidua_store::ids::new_id().into(),
            (&org).into(),
            (&id).into(),
            "other".into(),
            format!("Báo cáo chuyên đề số {k}").into(),
            iso(today + Duration::days(3)).into(),
            "once".into(),
            "all".into(),
            Val::Int(1),
            (&now).into(),
            (&now).into(),
        ]);
    }
    deadlines.flush(&mut tx).await?;
    let mut participants = Rows::new("campaign_participants", &["campaign_id", "unit_id"]);
    for (unit, _) in &units {
        participants.push(vec![(&id).into(), unit.into()]);
    }
    participants.flush(&mut tx).await?;
    tx.commit().await?;
    Ok(units.len())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: bench_reminders DATABASE_URL"))?;
    let db = Db::connect(&url).await?;
    db.migrate().await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let now = clock.now();
    if let Some(n) = std::env::args().nth(2) {
        let added = owed_campaign(&db, n.parse()?, reminders::today_in_vietnam(now)).await?;
        println!("added a campaign of {added} units × 30 deadlines due in 3 days");
    }
    let mut tx = db.begin_read().await?;
    let launched = thidua_store::campaigns::launched(&mut tx).await?;
    let mut deadlines = 0;
    for c in &launched {
        deadlines += thidua_store::campaign_parts::deadlines(&mut tx, &c.id)
            .await?
            .len();
    }
    tx.commit().await?;
    let t = Instant::now();
    let queued = reminders::schedule(&db, now).await?;
    let scheduled = t.elapsed();
    let t = Instant::now();
    let again = reminders::schedule(&db, now).await?;
    let rescheduled = t.elapsed();
    let handler = ReminderHandler {
        db: db.clone(),
        clock: clock.clone(),
    };
    let worker = Worker::new(db.clone(), "bench", clock).handle(reminders::KIND, Arc::new(handler));
    let t = Instant::now();
    let mut delivered = 0;
    while let Some((job, _)) = worker.run_one().await? {
        if job.kind == reminders::KIND {
            delivered += 1;
        }
    }
    let delivering = t.elapsed();
    println!(
        "{} launched campaigns, {deadlines} deadline rules",
        launched.len()
    );
    println!(
        "schedule: {queued} reminders queued in {:.2} s; again: {again} queued in {:.2} s",
        scheduled.as_secs_f64(),
        rescheduled.as_secs_f64()
    );
    println!(
        "deliver: {delivered} reminders in {:.2} s ({:.2} ms each)",
        delivering.as_secs_f64(),
        delivering.as_secs_f64() * 1000.0 / delivered.max(1) as f64
    );
    Ok(())
}
