//! The mid-year review of a cluster's pact (*sơ kết giao ước thi đua*): each member weighed against
//! the pact's clauses on the campaign's targets, from the progress it reported by the review date,
//! then assessed by the cluster's leading unit or the standing office. A recorded review keeps the
//! values as they stood, so later reports do not rewrite it.

use super::campaigns::{date_of, today_vn, visible};
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use std::collections::HashMap;
use thidua_domain::campaign::pact::{Assessment, ClauseStanding, PactReviewInput};
use thidua_domain::campaign::target::Comparator;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_store::campaign_work::{self as work, CommitmentRow, PactRow};
use thidua_store::campaigns::CampaignRow;
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::pact_reviews::{self as store, PactReviewRow, ReviewMemberRow, ReviewValueRow};
use thidua_store::{Db, StoreError, Tx, ids, units};
use time::Date;

/// A measured clause: what every member committed to on one campaign target.
#[derive(Debug, Clone)]
pub struct Clause {
    pub text: String,
    pub comparator: Comparator,
    pub threshold: f64,
    pub measure: Option<String>,
}

/// One member in a review: its value and standing per clause, what they suggest, and (once recorded)
/// the reviewers' assessment.
#[derive(Debug, Clone)]
pub struct MemberReview {
    pub unit_id: String,
    pub name: String,
    pub values: Vec<(Option<f64>, ClauseStanding)>,
    pub suggested: Option<Assessment>,
    pub assessment: Option<Assessment>,
    pub comment: Option<String>,
}

/// The review page of a pact on a date: the recorded review of that date, or the live measure.
#[derive(Debug, Clone)]
pub struct PactReviewSheet {
    pub campaign: CampaignRow,
    pub cluster: ClusterRow,
    pub pact: PactRow,
    pub on: Date,
    pub clauses: Vec<Clause>,
    /// Clauses not on a campaign target: judged by the reviewers, not measured.
    pub free: Vec<CommitmentRow>,
    pub members: Vec<MemberReview>,
    pub recorded: Option<PactReviewRow>,
    /// Every recorded review of the pact, newest first.
    pub reviews: Vec<PactReviewRow>,
    pub can_record: bool,
}

struct Loaded {
    campaign: CampaignRow,
    cluster: ClusterRow,
    pact: PactRow,
    leader_path: Option<String>,
    members: Vec<(String, String)>,
    commitments: Vec<CommitmentRow>,
}

/// The pact of a cluster on a campaign the user may see. Like the pacts overview, whoever may see the
/// campaign sees every cluster's pact and its reviews: a cluster's results are announced, not secret.
async fn load(tx: &mut Tx, caller: &Caller, campaign_id: &str, cluster_id: &str) -> Result<Loaded> {
    let campaign = visible(tx, caller, campaign_id).await?;
    let pact = work::pact(tx, campaign_id, cluster_id)
        .await?
        .ok_or(Error::NotFound)?;
    let cluster = clusters::get(tx, caller.org_id(), cluster_id).await?;
    let members = work::pact_members(tx, &pact.id).await?;
    let leader_path = match &cluster.leader_unit_id {
        Some(l) => units::get(tx, caller.org_id(), l)
            .await
            .ok()
            .map(|u| u.path),
        None => None,
    };
    let commitments = work::commitments(tx, "pact", &pact.id).await?;
    Ok(Loaded {
        campaign,
        cluster,
        pact,
        leader_path,
        members,
        commitments,
    })
}

fn authorize(caller: &Caller, l: &Loaded) -> Result<()> {
    caller.authorize(Action::ReviewPact {
        org_id: caller.org_id(),
        leader_path: l.leader_path.as_deref(),
    })
}

/// Every member's value on every measured clause on `on`: its latest progress report dated that day
/// or before (`None` when it reported nothing yet).
async fn measure(
    tx: &mut Tx,
    campaign_id: &str,
    l: &Loaded,
    on: Date,
) -> Result<Vec<ReviewValueRow>> {
    let on = iso(on);
    let mut latest: HashMap<(String, String), f64> = HashMap::new();
    // Oldest first, so the last report of a (target, unit) pair wins.
    for p in work::progress(tx, campaign_id).await? {
        if let (Some(unit), true) = (p.unit_id, p.reported_on <= on) {
            latest.insert((p.target_id, unit), p.value);
        }
    }
    let mut out = Vec::new();
    for (unit_id, _) in &l.members {
        let measured = l.commitments.iter().filter(|c| c.target_id.is_some());
        for (position, c) in measured.enumerate() {
            let target = c.target_id.clone().unwrap_or_default();
            out.push(ReviewValueRow {
                unit_id: unit_id.clone(),
                position: position as i64,
                text: c.text.clone(),
                comparator: c.comparator.clone(),
                threshold: c.threshold,
                measure: c.measure.clone(),
                value: latest.get(&(target, unit_id.clone())).copied(),
            });
        }
    }
    Ok(out)
}

/// Groups the values by member into the page's rows, with the clauses as the columns.
fn rows_of(
    l: &Loaded,
    values: &[ReviewValueRow],
    assessed: &[ReviewMemberRow],
) -> (Vec<Clause>, Vec<MemberReview>) {
    let first = l.members.first().map(|m| m.0.as_str()).unwrap_or_default();
    let clauses = values
        .iter()
        .filter(|v| v.unit_id == first)
        .map(|v| Clause {
            text: v.text.clone(),
            comparator: Comparator::parse(&v.comparator).unwrap_or(Comparator::AtLeast),
            threshold: v.threshold,
            measure: v.measure.clone(),
        })
        .collect();
    let members = l
        .members
        .iter()
        .map(|(id, name)| {
            let values: Vec<(Option<f64>, ClauseStanding)> = values
                .iter()
                .filter(|v| &v.unit_id == id)
                .map(|v| {
                    let comparator =
                        Comparator::parse(&v.comparator).unwrap_or(Comparator::AtLeast);
                    (
                        v.value,
                        ClauseStanding::of(comparator, v.threshold, v.value),
                    )
                })
                .collect();
            let standings: Vec<ClauseStanding> = values.iter().map(|v| v.1).collect();
            let mine = assessed.iter().find(|a| &a.unit_id == id);
            MemberReview {
                unit_id: id.clone(),
                name: name.clone(),
                suggested: Assessment::suggested(&standings),
                values,
                assessment: mine.and_then(|a| Assessment::parse(&a.assessment)),
                comment: mine.and_then(|a| a.comment.clone()),
            }
        })
        .collect();
    (clauses, members)
}

/// The review of a pact on `on` (today by default): the one recorded that day, or the measure as it
/// stands from the progress reported by then.
pub async fn sheet(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    cluster_id: &str,
    on: Option<Date>,
) -> Result<PactReviewSheet> {
    let mut tx = db.begin_read().await?;
    let l = load(&mut tx, caller, campaign_id, cluster_id).await?;
    let on = on.unwrap_or_else(today_vn);
    let recorded = store::on_date(&mut tx, &l.pact.id, &iso(on)).await?;
    let (values, assessed) = match &recorded {
        Some(r) => (
            store::values(&mut tx, &r.id).await?,
            store::members(&mut tx, &r.id).await?,
        ),
        None => (measure(&mut tx, campaign_id, &l, on).await?, Vec::new()),
    };
    let (clauses, members) = rows_of(&l, &values, &assessed);
    let reviews = store::of_pact(&mut tx, &l.pact.id).await?;
    tx.commit().await?;
    let can_record = authorize(caller, &l).is_ok();
    Ok(PactReviewSheet {
        free: l
            .commitments
            .iter()
            .filter(|c| c.target_id.is_none())
            .cloned()
            .collect(),
        campaign: l.campaign,
        cluster: l.cluster,
        pact: l.pact,
        on,
        clauses,
        members,
        recorded,
        reviews,
        can_record,
    })
}

/// Records the review of a pact on a date (a first record when `version` is `None`, else amends the
/// one of that date read at `version`): every member assessed, the values measured as of that date
/// when first recorded and kept through amendments.
pub async fn record(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    cluster_id: &str,
    version: Option<i64>,
    input: &PactReviewInput,
) -> Result<PactReviewRow> {
    let mut tx = db.begin().await?;
    let l = load(&mut tx, caller, campaign_id, cluster_id).await?;
    authorize(caller, &l)?;
    let d = input.validate(date_of(&l.pact.signed_on), today_vn(), &l.members)?;
    let existing = store::on_date(&mut tx, &l.pact.id, &iso(d.reviewed_on)).await?;
    if existing.is_some() != version.is_some() {
        return Err(Error::Conflict);
    }
    let now = ids::now();
    let row = PactReviewRow {
        summary: d.summary.clone(),
        recorded_by_name: caller.author(),
        ..existing.clone().unwrap_or_else(|| PactReviewRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            pact_id: l.pact.id.clone(),
            reviewed_on: iso(d.reviewed_on),
            summary: None,
            recorded_by_name: String::new(),
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        })
    };
    let assessed: Vec<ReviewMemberRow> = d
        .members
        .iter()
        .map(|m| ReviewMemberRow {
            unit_id: m.unit_id.clone(),
            assessment: m.assessment.code().into(),
            comment: m.comment.clone(),
        })
        .collect();
    // The values are those the review first saw: amending corrects the assessments, not the figures.
    let values = match &existing {
        Some(r) => store::values(&mut tx, &r.id).await?,
        None => measure(&mut tx, campaign_id, &l, d.reviewed_on).await?,
    };
    let before = match &existing {
        Some(r) => Some(crate::with_field(
            r,
            "members",
            &store::members(&mut tx, &r.id).await?,
        )),
        None => None,
    };
    store::save(&mut tx, &row, version, &assessed, &values)
        .await
        .map_err(|e| match e {
            // Two first records of the same day at once: the second is told to reload.
            StoreError::Duplicate(_) => Error::Conflict,
            other => other.into(),
        })?;
    let row = store::on_date(&mut tx, &l.pact.id, &row.reviewed_on)
        .await?
        .unwrap_or(row);
    let label = format!("Sơ kết giao ước {} — {}", l.cluster.name, l.campaign.title);
    let action = if existing.is_some() {
        "pact.review_update"
    } else {
        "pact.review"
    };
    Audit::new(action, "pact", &l.pact.id, &label)
        .before_opt(before.as_ref())
        .after(&crate::with_field(
            &crate::with_field(&row, "members", &assessed),
            "values",
            &values,
        ))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}
