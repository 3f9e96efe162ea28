//! A campaign's review reports (*báo cáo sơ kết* mid-way, *tổng kết* at the end): the figures read
//! from the records on the report's day, laid out in the organisation's outline, with the standing
//! office's text for each section. The figures are never stored — they are read again each time, so
//! the report always matches the records; the office's number, date, day of the figures and text are
//! stored per (campaign, kind) with a version. Writing and reading them is the office's work
//! (`ManageCampaigns`); the outline is a document setting (`ManageDocuments`).

pub mod figures;

use crate::campaigns::{date_of, today_vn, visible};
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use std::collections::BTreeMap;
use thidua_domain::campaign::report::{
    ReportInput, ReportKind, Section, SectionInput, default_outline, validate_outline,
};
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_store::campaign_reports::{self as store, NewReport};
use thidua_store::campaigns::CampaignRow;
use thidua_store::{Db, Tx, org_settings};
use time::Date;

pub use figures::Figures;

const OUTLINE: &str = "report_outline";

/// The organisation's outline and its version (0: the default, nothing saved).
pub async fn outline_in(tx: &mut Tx, org_id: &str) -> Result<(Vec<Section>, i64)> {
    match org_settings::get(tx, org_id, OUTLINE).await? {
        Some((data, version)) => {
            let sections = serde_json::from_str(&data)
                .map_err(|e| Error::Internal(anyhow::anyhow!("report_outline: {e}")))?;
            Ok((sections, version))
        }
        None => Ok((default_outline(), 0)),
    }
}

/// The outline, for the settings page.
pub async fn outline(db: &Db, caller: &Caller) -> Result<(Vec<Section>, i64)> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let out = outline_in(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(out)
}

/// Saves the outline over `version`; 409 when someone saved in between.
pub async fn save_outline(
    db: &Db,
    caller: &Caller,
    rows: &[SectionInput],
    version: i64,
) -> Result<Vec<Section>> {
    caller.authorize(Action::ManageDocuments {
        org_id: caller.org_id(),
    })?;
    let sections = validate_outline(rows).map_err(Error::Invalid)?;
    let data = serde_json::to_string(&sections).map_err(|e| Error::Internal(e.into()))?;
    let mut tx = db.begin().await?;
    let (before, _) = outline_in(&mut tx, caller.org_id()).await?;
    let user = caller.user_ref();
    let org = caller.org_id();
    if !org_settings::save(&mut tx, org, OUTLINE, &data, version, user.as_deref()).await? {
        return Err(Error::Conflict);
    }
    Audit::new(
        "report_outline.update",
        "org",
        org,
        "Đề cương báo cáo sơ kết, tổng kết",
    )
    .before(&before)
    .after(&sections)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(sections)
}

/// One report as the office sees it: the stored part, the outline and the figures.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub campaign: CampaignRow,
    pub kind: ReportKind,
    pub outline: Vec<Section>,
    pub number: Option<String>,
    pub issued_on: Option<Date>,
    pub as_of: Date,
    pub texts: BTreeMap<String, String>,
    /// 0 while nothing is saved.
    pub version: i64,
    pub figures: Figures,
}

/// The day a report's figures are read at when the office has not chosen one: the end of the first
/// half of the period for a mid-way report, the end of the period for a final one, never after today.
pub fn default_as_of(c: &CampaignRow, kind: ReportKind, today: Date) -> Date {
    let (from, to) = (date_of(&c.period_from), date_of(&c.period_to));
    let day = match kind {
        ReportKind::Final => to,
        ReportKind::Interim => from + (to - from) / 2,
    };
    day.min(today).max(from)
}

async fn campaign_for_report(tx: &mut Tx, caller: &Caller, id: &str) -> Result<CampaignRow> {
    let c = visible(tx, caller, id).await?;
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    if c.launched_at.is_none() {
        return Err(Error::Rejected(
            "Kế hoạch chưa phát động nên chưa có số liệu để sơ kết, tổng kết.".into(),
        ));
    }
    Ok(c)
}

/// The report of `kind` for campaign `id`; figures as of `as_of` when given (a preview before
/// saving), else the saved day, else [`default_as_of`].
pub async fn read(
    db: &Db,
    caller: &Caller,
    id: &str,
    kind: ReportKind,
    as_of: Option<Date>,
) -> Result<ReportView> {
    let mut tx = db.begin_read().await?;
    let c = campaign_for_report(&mut tx, caller, id).await?;
    let stored = store::get(&mut tx, id, kind.code()).await?;
    let (outline, _) = outline_in(&mut tx, caller.org_id()).await?;
    let as_of = as_of
        .or_else(|| stored.as_ref().map(|s| date_of(&s.as_of)))
        .unwrap_or_else(|| default_as_of(&c, kind, today_vn()));
    let final_reading = kind == ReportKind::Final && as_of >= date_of(&c.period_to);
    let figures = figures::read(&mut tx, caller, &c, as_of, final_reading).await?;
    tx.commit().await?;
    let texts = match &stored {
        Some(s) => serde_json::from_str(&s.texts)
            .map_err(|e| Error::Internal(anyhow::anyhow!("campaign_reports.texts: {e}")))?,
        None => BTreeMap::new(),
    };
    Ok(ReportView {
        kind,
        outline,
        number: stored.as_ref().and_then(|s| s.number.clone()),
        issued_on: stored
            .as_ref()
            .and_then(|s| s.issued_on.as_deref())
            .map(date_of),
        as_of,
        texts,
        version: stored.as_ref().map_or(0, |s| s.version),
        figures,
        campaign: c,
    })
}

/// Saves the office's part of a report over `version`; 409 when someone saved in between.
pub async fn save(
    db: &Db,
    caller: &Caller,
    id: &str,
    kind: ReportKind,
    input: &ReportInput,
    version: i64,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = campaign_for_report(&mut tx, caller, id).await?;
    let (outline, _) = outline_in(&mut tx, caller.org_id()).await?;
    let period = (date_of(&c.period_from), date_of(&c.period_to));
    let draft = input.validate(&outline, period).map_err(Error::Invalid)?;
    let before = store::get(&mut tx, id, kind.code()).await?;
    let texts = serde_json::to_string(&draft.texts).map_err(|e| Error::Internal(e.into()))?;
    let (as_of, issued_on) = (iso(draft.as_of), draft.issued_on.map(iso));
    let row = NewReport {
        campaign_id: id,
        kind: kind.code(),
        number: draft.number.as_deref(),
        issued_on: issued_on.as_deref(),
        as_of: &as_of,
        texts: &texts,
    };
    let user = caller.user_ref();
    if !store::save(&mut tx, &row, version, user.as_deref()).await? {
        return Err(Error::Conflict);
    }
    let label = format!("{} — {}", kind.label(), c.title);
    let after = serde_json::json!({
        "number": draft.number, "issued_on": issued_on, "as_of": as_of, "texts": draft.texts,
    });
    Audit::new("campaign_report.save", "campaign", id, &label)
        .before_opt(before.as_ref().map(|b| {
            serde_json::json!({
                "number": b.number, "issued_on": b.issued_on, "as_of": b.as_of, "texts": b.texts,
            })
        }).as_ref())
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}
