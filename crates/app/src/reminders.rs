//! Deadline reminders: before each due date of a launched campaign, every unit that still owes what
//! the deadline asks for is reminded (7 and 3 days before, on the day), and told when it has missed
//! it — in the app (the bell of its officers) and by e-mail to those who gave an address. The
//! scheduler only queues jobs, one per unit × deadline × due date × step, so running it again, or on
//! several nodes at once, reminds nobody twice; a step missed while the server was down still fires
//! within its window. When a unit is still late some days after the due date (the organisation's
//! grace period), its head is told by mail (and, without a head on record, the standing office on its
//! bell). Mails leave at the calendar's next sending time (not at night, on weekends or holidays).

use crate::campaign_views::{Roster, due_dates, occurrence_label};
use crate::campaigns::date_of;
use crate::error::Result;
use crate::jobs::{self, Clock, Handler, JobError, JobFuture, NewJob};
use crate::mailing::{Letter, post, settings::calendar_in};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use thidua_domain::date::iso;
use thidua_store::campaign_parts as parts;
use thidua_store::campaign_work as work;
use thidua_store::jobs::JobRow;
use thidua_store::notifications::Addressee;
use thidua_store::user_contacts::Recipient;
use thidua_store::{Db, Tx, campaigns, mailing, notifications, user_contacts};
use time::{Date, Duration, OffsetDateTime};

pub const KIND: &str = "reminder";

/// The steps of a reminder: (step, first day relative to the due date, last day relative to it).
/// A missed deadline is noticed once, whenever the scheduler first sees it within 30 days (a server
/// started after a long pause, or a plan launched late, still tells units what they owe).
const STEPS: [(i64, i64, i64); 4] = [(7, -7, -4), (3, -3, -1), (0, 0, 0), (-1, 1, 30)];

/// The step of telling the unit's head, from the grace period's end for as many days as a missed
/// deadline is noticed.
pub const ESCALATION: i64 = -2;
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
    /// Days before the due date (7, 3, 0), -1 once missed, [`ESCALATION`] when the head is told.
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
            ESCALATION => format!(
                "Đã báo thủ trưởng đơn vị: {} quá hạn gửi «{}», hạn ngày {due} — {}.",
                self.unit_name, self.what, self.campaign_title
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

/// The steps of a due date whose windows hold `today`: a reminder step, and the escalation once
/// `grace` days (0: never) have passed.
fn steps_on(due: Date, today: Date, grace: i64) -> impl Iterator<Item = i64> {
    let days = (today - due).whole_days();
    let reminder = STEPS
        .iter()
        .find(|(_, from, to)| (*from..=*to).contains(&days))
        .map(|s| s.0);
    let escalation = (grace > 0 && (grace..=30).contains(&days)).then_some(ESCALATION);
    reminder.into_iter().chain(escalation)
}

/// Each organisation's grace period before escalation, read once per scheduling.
async fn grace_of(tx: &mut Tx, cache: &mut HashMap<String, i64>, org_id: &str) -> Result<i64> {
    if let Some(g) = cache.get(org_id) {
        return Ok(*g);
    }
    let g = i64::from(calendar_in(tx, org_id).await?.0.escalate_after_days);
    cache.insert(org_id.to_string(), g);
    Ok(g)
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
    let mut graces = HashMap::new();
    for c in campaigns::launched(&mut tx).await? {
        let grace = grace_of(&mut tx, &mut graces, &c.org_id).await?;
        let deadlines = parts::deadlines(&mut tx, &c.id).await?;
        let roster = Roster::load(&mut tx, &c.org_id, &c, &deadlines).await?;
        let sent: HashSet<(String, String, String)> = work::submissions(&mut tx, &c.id)
            .await?
            .into_iter()
            .map(|s| (s.deadline_id, s.due_on, s.unit_id))
            .collect();
        for d in &deadlines {
            for on in due_dates(d, date_of(&c.period_to)) {
                for (step, unit) in steps_on(on, today, grace)
                    .flat_map(|step| roster.addressees(d).into_iter().map(move |u| (step, u)))
                {
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
}

impl Reminder {
    /// The mail of this reminder.
    fn letter<'a>(&self, now: OffsetDateTime, text: &'a str, link: &'a str) -> Letter<'a> {
        let due = thidua_domain::date::iso_to_vn(&self.due_on);
        let days_late = thidua_domain::date::parse(&self.due_on)
            .map(|d| (today_in_vietnam(now) - d).whole_days().max(0))
            .unwrap_or(0);
        let vars = json!({
            "unit": self.unit_name, "what": self.what, "due": due, "campaign": self.campaign_title,
            "days": self.step.max(0), "missed": self.step < 0, "days_late": days_late,
        });
        let kind = if self.step == ESCALATION {
            "escalation"
        } else {
            "reminder"
        };
        Letter {
            kind,
            vars,
            link,
            line: text,
            urgent: false,
        }
    }
}

impl ReminderHandler {
    async fn deliver(&self, job: &JobRow, r: &Reminder) -> Result<()> {
        let now = self.clock.now();
        let (text, link) = (r.text(), r.link());
        let letter = r.letter(now, &text, &link);
        let mut tx = self.db.begin().await?;
        let head = match r.step {
            ESCALATION => mailing::unit_head(&mut tx, &r.unit_id).await?,
            _ => None,
        };
        // Without a head on record, the standing office hears of it on its bell instead.
        let bell = match (r.step, &head) {
            (ESCALATION, None) => Addressee::Role("standing_office"),
            _ => Addressee::Unit(&r.unit_id),
        };
        notifications::add_once(&mut tx, &job.id, &r.org_id, bell, &text, &link).await?;
        let recipients = match (r.step, head) {
            (ESCALATION, Some(h)) => vec![Recipient {
                user_id: format!("head-{}", r.unit_id),
                full_name: h.full_name,
                email: h.email,
                mail_mode: "immediate".into(),
            }],
            (ESCALATION, None) => Vec::new(),
            _ => user_contacts::mail_recipients_of_unit(&mut tx, &r.org_id, &r.unit_id).await?,
        };
        for to in recipients {
            let key = format!("{}:mail:{}", job.dedupe_key, to.user_id);
            post(&mut tx, &r.org_id, now, &to, &key, &letter).await?;
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
