//! The outbox: the e-mails and reminders of the organisation as the job queue holds them — waiting,
//! sent, failed with the error — and sending one again. For the administrator.

use crate::error::{Error, Result};
use crate::jobs::mail::{self, MailPayload};
use crate::reminders::{self, Reminder};
use crate::{Audit, Caller};
use thidua_domain::policy::Action;
use thidua_store::jobs::{self as store, JobRow};
use thidua_store::{Db, ids};

/// One line of the outbox.
#[derive(Debug, Clone)]
pub struct OutboxItem {
    pub job: JobRow,
    /// «Thư điện tử», «Nhắc hạn».
    pub kind_label: &'static str,
    /// Who it goes to.
    pub to: String,
    /// What it says (the subject, or the reminder's text).
    pub summary: String,
}

fn describe(job: JobRow) -> OutboxItem {
    let (kind_label, to, summary) = match job.kind.as_str() {
        mail::KIND => match serde_json::from_str::<MailPayload>(&job.payload) {
            Ok(p) => (
                "Thư điện tử",
                format!("{} <{}>", p.to_name, p.to),
                p.subject,
            ),
            Err(_) => ("Thư điện tử", String::new(), String::new()),
        },
        reminders::KIND => match serde_json::from_str::<Reminder>(&job.payload) {
            Ok(r) => ("Nhắc hạn", r.unit_name.clone(), r.text()),
            Err(_) => ("Nhắc hạn", String::new(), String::new()),
        },
        crate::mailing::digest::KIND => (
            "Thư tổng hợp",
            String::new(),
            "Thư tổng hợp thông báo trong ngày".into(),
        ),
        _ => ("Việc khác", String::new(), job.kind.clone()),
    };
    OutboxItem {
        job,
        kind_label,
        to,
        summary,
    }
}

/// The latest 300 jobs of the organisation, of one status (`queued`, `running`, `done`, `failed`) or all.
pub async fn list(db: &Db, caller: &Caller, status: Option<&str>) -> Result<Vec<OutboxItem>> {
    caller.authorize(Action::ManageOutbox {
        org_id: caller.org_id(),
    })?;
    let status = status.filter(|s| ["queued", "running", "done", "failed"].contains(s));
    let mut tx = db.begin_read().await?;
    let rows = store::list(&mut tx, caller.org_id(), status, 300).await?;
    tx.commit().await?;
    Ok(rows.into_iter().map(describe).collect())
}

/// Queues a failed or sent job again now, with fresh attempts.
pub async fn resend(db: &Db, caller: &Caller, id: &str) -> Result<()> {
    caller.authorize(Action::ManageOutbox {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let Some(before) = store::get(&mut tx, id)
        .await?
        .filter(|j| j.org_id.as_deref() == Some(caller.org_id()))
    else {
        return Err(Error::NotFound);
    };
    if !store::requeue(&mut tx, caller.org_id(), id, &ids::now()).await? {
        return Err(Error::Rejected(
            "Việc này đang chờ hoặc đang gửi; không cần gửi lại.".into(),
        ));
    }
    let item = describe(before.clone());
    Audit::new("job.resend", "job", id, &item.summary)
        .before(&before)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}
