//! The daily digest: the lines a `digest` user would have been mailed at once, gathered into one mail
//! on the first working morning the organisation's calendar allows. The scheduler queues one digest
//! job per user and day; the job takes the user's waiting lines (those it took before, should it run
//! again) and queues one mail per job.

use super::post::{Letter, post};
use super::settings::calendar_in;
use crate::error::Result;
use crate::jobs::{self, Handler, JobError, JobFuture, NewJob};
use serde::{Deserialize, Serialize};
use serde_json::json;
use thidua_domain::date::vn;
use thidua_store::jobs::JobRow;
use thidua_store::{Db, mailing, user_contacts};
use time::OffsetDateTime;

pub const KIND: &str = "digest";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Digest {
    org_id: String,
    user_id: String,
    /// The Vietnamese day it is for (ISO).
    day: String,
}

/// Queues today's digest of every user with waiting lines, when the calendar allows mail now;
/// how many were queued now.
pub async fn schedule(db: &Db, now: OffsetDateTime) -> Result<usize> {
    let mut tx = db.begin_read().await?;
    let pending = mailing::users_with_pending_digest(&mut tx).await?;
    let mut open = std::collections::HashMap::new();
    for (org, _) in &pending {
        if !open.contains_key(org) {
            let cal = calendar_in(&mut tx, org).await?.0;
            open.insert(org.clone(), cal.next_send_time(now) == now);
        }
    }
    tx.commit().await?;
    let day = crate::reminders::today_in_vietnam(now);
    let mut queued = 0;
    let mut tx = db.begin().await?;
    for (org_id, user_id) in pending.into_iter().filter(|(org, _)| open[org]) {
        let d = Digest {
            org_id,
            user_id,
            day: thidua_domain::date::iso(day),
        };
        let job = NewJob {
            org_id: Some(d.org_id.clone()),
            kind: KIND.into(),
            payload: serde_json::to_value(&d).unwrap_or_default(),
            dedupe_key: format!("digest:{}:{}", d.user_id, d.day),
            run_at: now,
        };
        queued += usize::from(jobs::enqueue(&mut tx, now, &job).await?);
    }
    tx.commit().await?;
    Ok(queued)
}

/// Runs a digest job: one mail with the user's waiting lines.
pub struct DigestHandler {
    pub db: Db,
    pub clock: std::sync::Arc<dyn jobs::Clock>,
}

impl DigestHandler {
    async fn deliver(&self, job: &JobRow, d: &Digest) -> Result<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let items = mailing::take_digest_items(&mut tx, &d.user_id, &job.id).await?;
        let to = user_contacts::address_of(&mut tx, &d.user_id).await?;
        if let (Some(to), false) = (to, items.is_empty()) {
            let day = thidua_domain::date::parse(&d.day)
                .map(vn)
                .unwrap_or_default();
            let lines: Vec<_> = items
                .iter()
                .map(|(text, link)| json!({"text": text, "link": link}))
                .collect();
            let letter = Letter {
                kind: "digest",
                vars: json!({"date": day, "count": items.len(), "items": lines}),
                link: "/notifications",
                line: "",
                urgent: true, // the digest itself was timed by the calendar already
            };
            let to = user_contacts::Recipient {
                mail_mode: "immediate".into(),
                ..to
            };
            post(
                &mut tx,
                &d.org_id,
                now,
                &to,
                &format!("{}:mail", job.dedupe_key),
                &letter,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl Handler for DigestHandler {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            let d: Digest = serde_json::from_str(&job.payload)
                .map_err(|e| JobError::permanent(format!("Nội dung thư tổng hợp hỏng: {e}")))?;
            self.deliver(job, &d)
                .await
                .map_err(|e| JobError::transient(format!("Chưa lập được thư tổng hợp: {e}")))
        })
    }
}
