//! The quarterly duty counts itself: when a unit puts an exemplar forward under a campaign whose plan
//! asks for exemplary models each quarter, the occurrence the date falls in is recorded as sent by
//! that unit (once), so the who-sent-what matrix, the unit's to-do list and the reminders see it
//! without anyone uploading a file for it.

use crate::campaign_views::{Roster, due_dates};
use crate::campaigns::{date_of, status_of};
use crate::error::Result;
use crate::{Audit, Caller};
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::campaign::deadline::DeadlineKind;
use thidua_domain::date::{iso, vn};
use thidua_store::campaign_work::{self as work, SubmissionRow};
use thidua_store::{Tx, campaign_parts as parts, campaigns, ids};

/// What was put forward, by whom and when.
pub(crate) struct PutForward<'a> {
    pub campaign_id: &'a str,
    pub unit_id: &'a str,
    pub unit_name: &'a str,
    pub name: &'a str,
    pub on: time::Date,
}

/// Records the sending of each quarterly exemplar deadline of the campaign that `p` answers, unless
/// the unit already sent for that occurrence or does not owe it. Returns how many it recorded.
pub(crate) async fn count_for_duty(
    tx: &mut Tx,
    caller: &Caller,
    p: &PutForward<'_>,
) -> Result<usize> {
    let c = campaigns::get(tx, caller.org_id(), p.campaign_id).await?;
    if status_of(&c) != CampaignStatus::Launched {
        return Ok(0);
    }
    let deadlines: Vec<_> = parts::deadlines(tx, &c.id)
        .await?
        .into_iter()
        .filter(|d| DeadlineKind::parse(&d.kind) == Some(DeadlineKind::ExemplaryModels))
        .collect();
    if deadlines.is_empty() {
        return Ok(0);
    }
    let roster = Roster::load(tx, caller.org_id(), &c, &deadlines).await?;
    let sent = work::submissions_of_unit(tx, &c.id, p.unit_id).await?;
    let mut recorded = 0;
    for d in &deadlines {
        let Some(due) = due_dates(d, date_of(&c.period_to))
            .into_iter()
            .find(|due| *due >= p.on)
        else {
            continue;
        };
        let already = sent
            .iter()
            .any(|s| s.deadline_id == d.id && s.due_on == iso(due));
        if already || !roster.addressees(d).iter().any(|u| u == p.unit_id) {
            continue;
        }
        let row = SubmissionRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            campaign_id: c.id.clone(),
            deadline_id: d.id.clone(),
            due_on: iso(due),
            unit_id: p.unit_id.into(),
            sent_on: iso(p.on),
            document_number: None,
            note: Some(format!(
                "Giới thiệu gương \u{201c}{}\u{201d} (ghi nhận tự động từ sổ gương điển hình).",
                p.name
            )),
            created_by: Some(caller.author()),
            created_at: ids::now(),
        };
        work::insert_submission(tx, &row).await?;
        let label = format!("{} — {} (hạn {})", p.unit_name, d.what, vn(due));
        Audit::new("submission.create", "submission", &row.id, &label)
            .after(&row)
            .write(tx, caller)
            .await?;
        recorded += 1;
    }
    Ok(recorded)
}
