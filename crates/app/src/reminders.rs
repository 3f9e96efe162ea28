//! Deadline reminders: before each due date of a launched campaign, every unit that still owes what
//! the deadline asks for is reminded (7 and 3 days before, on the day), and told when it has missed
//! it — in the app (the bell of its officers) and by e-mail to those who gave an address. The
//! scheduler only queues jobs, one per unit × deadline × due date × step, so running it again, or on
//! several nodes at once, reminds nobody twice; a step missed while the server was down still fires
//! within its window.

use crate::campaign_views::{Roster, due_dates, occurrence_label};
use crate::campaigns::date_of;
use crate::error::Result;
use crate::jobs::mail::{self, MailPayload};
use crate::jobs::{self, Clock, Handler, JobError, JobFuture, NewJob};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;
use thidua_domain::date::iso;
use thidua_store::campaign_parts as parts;
use thidua_store::campaign_work as work;
use thidua_store::jobs::JobRow;
use thidua_store::{Db, campaigns, notifications, user_contacts};
use time::{Date, Duration, OffsetDateTime};

pub const KIND: &str = "reminder";

/// The steps of a reminder: (step, first day relative to the due date, last day relative to it).
/// A missed deadline is noticed once, whenever the scheduler first sees it within 30 days (a server
/// started after a long pause, or a plan launched late, still tells units what they owe).
const STEPS: [(i64, i64, i64); 4] = [(7, -7, -4), (3, -3, -1), (0, 0, 0), (-1, 1, 30)];

/// One reminder, as queued.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Reminder {
    pub org_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub campaign_id: String,
    pub campaign_title: String,
    pub deadline_id: String,
    pub what: String,
    pub due_on: String,
    /// Days before the due date (7, 3, 0), or -1 once missed.
    pub step: i64,
}

impl Reminder {
    /// The notice, in Vietnamese.
    pub fn text(&self) -> String {
        let due = thidua_domain::date::iso_to_vn(&self.due_on);
        match self.step {
            0 => format!(
                "Hôm nay ({due}) là hạn cuối gửi «{}» — {}.",
                self.what, self.campaign_title
            ),
            s if s > 0 => format!(
                "Nhắc hạn: còn {s} ngày đến hạn gửi «{}» ({due}) — {}.",
                self.what, self.campaign_title
            ),
            _ => format!(
                "Quá hạn: {} chưa gửi «{}», hạn ngày {due} — {}.",
                self.unit_name, self.what, self.campaign_title
            ),
        }
    }

    pub fn link(&self) -> String {
        format!(
            "/campaigns/{}/deadlines/{}/submit?unit={}",
            self.campaign_id, self.deadline_id, self.unit_id
        )
    }

    fn key(&self) -> String {
        format!(
            "reminder:{}:{}:{}:{}",
            self.deadline_id, self.due_on, self.unit_id, self.step
        )
    }
}

/// The step of a due date whose window holds `today`, if any.
fn step_on(due: Date, today: Date) -> Option<i64> {
    let days = (today - due).whole_days();
    STEPS
        .iter()
        .find(|(_, from, to)| (*from..=*to).contains(&days))
        .map(|s| s.0)
}

/// Today in Vietnam (UTC+7), the calendar deadlines are set in.
pub fn today_in_vietnam(now: OffsetDateTime) -> Date {
    (now + Duration::hours(7)).date()
}

/// Queues the reminders whose time has come at `now`; how many were queued now (those queued before
/// are not counted again).
pub async fn schedule(db: &Db, now: OffsetDateTime) -> Result<usize> {
    let today = today_in_vietnam(now);
    let mut due = Vec::new();
    let mut tx = db.begin_read().await?;
    for c in campaigns::launched(&mut tx).await? {
        let deadlines = parts::deadlines(&mut tx, &c.id).await?;
        let roster = Roster::load(&mut tx, &c.org_id, &c, &deadlines).await?;
        let sent: HashSet<(String, String, String)> = work::submissions(&mut tx, &c.id)
            .await?
            .into_iter()
            .map(|s| (s.deadline_id, s.due_on, s.unit_id))
            .collect();
        for d in &deadlines {
            for on in due_dates(d, date_of(&c.period_to)) {
                let Some(step) = step_on(on, today) else {
                    continue;
                };
                for unit in roster.addressees(d) {
                    if sent.contains(&(d.id.clone(), iso(on), unit.clone())) {
                        continue;
                    }
                    due.push(Reminder {
                        org_id: c.org_id.clone(),
                        unit_name: roster
                            .unit(&unit)
                            .map(|u| u.0.to_string())
                            .unwrap_or_default(),
                        unit_id: unit,
                        campaign_id: c.id.clone(),
                        campaign_title: c.title.clone(),
                        deadline_id: d.id.clone(),
                        what: occurrence_label(d, on),
                        due_on: iso(on),
                        step,
                    });
                }
            }
        }
    }
    tx.commit().await?;
    let mut queued = 0;
    // Queued in batches so a province's thousands of reminders do not hold the write lock at once.
    for chunk in due.chunks(500) {
        let mut tx = db.begin().await?;
        for r in chunk {
            let job = NewJob {
                org_id: Some(r.org_id.clone()),
                kind: KIND.into(),
                payload: serde_json::to_value(r).unwrap_or_default(),
                dedupe_key: r.key(),
                run_at: now,
            };
            queued += usize::from(jobs::enqueue(&mut tx, now, &job).await?);
        }
        tx.commit().await?;
    }
    Ok(queued)
}

/// Runs a reminder: the notice to the unit's officers in the app, and a mail job for each officer
/// who takes mail — in one transaction, keyed on the job, so running it again adds nothing.
pub struct ReminderHandler {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// The app's address as users reach it, for the links in e-mails (`https://thidua.example.vn`).
    pub base_url: String,
}

impl ReminderHandler {
    async fn deliver(&self, job: &JobRow, r: &Reminder) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        notifications::add_once(
            &mut tx,
            &job.id,
            &r.org_id,
            &r.unit_id,
            &r.text(),
            &r.link(),
        )
        .await?;
        for (user_id, name, email) in
            user_contacts::mail_recipients_of_unit(&mut tx, &r.org_id, &r.unit_id).await?
        {
            let payload = MailPayload {
                to: email,
                to_name: name.clone(),
                subject: r.text(),
                body: format!(
                    "Kính gửi {name},\n\n{}\n\nXem và gửi tại: {}{}\n\nThư này do hệ thống Thi đua – Khen thưởng gửi tự động. \
                     Muốn thôi nhận thư, hãy vào «Tài khoản» và chọn không nhận thư.",
                    r.text(),
                    self.base_url.trim_end_matches('/'),
                    r.link()
                ),
                // The full address is in the body already.
                link: None,
            };
            let key = format!("{}:mail:{user_id}", job.dedupe_key);
            jobs::enqueue(
                &mut tx,
                now,
                &mail::job(Some(r.org_id.clone()), key, &payload, now),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl Handler for ReminderHandler {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            let r: Reminder = serde_json::from_str(&job.payload)
                .map_err(|e| JobError::permanent(format!("Nội dung nhắc hạn hỏng: {e}")))?;
            self.deliver(job, &r)
                .await
                .map_err(|e| JobError::transient(format!("Chưa ghi được nhắc hạn: {e}")))
        })
    }
}
