//! Use cases of plans and campaigns (step 2): write the plan, launch it, close it, copy last year's;
//! the award forms and quotas it allows. Themes, targets and deadlines are in [`super::campaign_parts`].

use super::{Audit, today};
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::campaign::parts::{AwardFormInput, QuotaInput};
use thidua_domain::campaign::{
    CLOSED_MESSAGE, CampaignDraft, CampaignInput, CampaignStatus, legal_bases_text, shift_years,
};
use thidua_domain::date::{iso, vn};
use thidua_domain::policy::Action;
use thidua_store::campaign_parts as parts;
use thidua_store::campaigns::{self, AwardFormRow, CampaignRow, LegalBasisRow, QuotaRow};
use thidua_store::{Db, Tx, ids, units};

pub(crate) fn invalid(field: &str, label: &str, message: impl Into<String>) -> Error {
    let mut v = Validation::new();
    v.add(field, label, message);
    Error::Invalid(v)
}

/// Parses a stored ISO date (always valid once stored).
pub fn date_of(stored: &str) -> time::Date {
    thidua_domain::date::parse(stored).unwrap_or(time::macros::date!(2000 - 01 - 01))
}

pub fn status_of(c: &CampaignRow) -> CampaignStatus {
    CampaignStatus::parse(&c.status).unwrap_or(CampaignStatus::Draft)
}

/// A campaign the user may see: drafts only for those who may manage campaigns (404 otherwise).
pub async fn visible(tx: &mut Tx, caller: &Caller, id: &str) -> Result<CampaignRow> {
    caller.authorize(Action::ViewCampaigns {
        org_id: caller.org_id(),
    })?;
    let c = campaigns::get(tx, caller.org_id(), id).await?;
    if status_of(&c) == CampaignStatus::Draft
        && !caller.can(Action::ManageCampaigns {
            org_id: caller.org_id(),
        })
    {
        return Err(Error::NotFound);
    }
    Ok(c)
}

/// A campaign the user may change the plan of: the office, and not closed.
pub async fn editable(tx: &mut Tx, caller: &Caller, id: &str) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    let c = campaigns::get(tx, caller.org_id(), id).await?;
    if !status_of(&c).plan_editable() {
        return Err(invalid("status", "Trạng thái", CLOSED_MESSAGE));
    }
    Ok(c)
}

/// Checks that the chosen units exist and are active; names the field on failure.
pub(crate) async fn check_units(
    tx: &mut Tx,
    caller: &Caller,
    v: &mut Validation,
    field: &str,
    label: &str,
    ids: &[String],
) -> Result<()> {
    for id in ids {
        match units::get(tx, caller.org_id(), id).await {
            Ok(u) if u.valid_to.is_none() => {}
            Ok(u) => v.add(
                field,
                label,
                format!("Đơn vị \u{201c}{}\u{201d} đã ngừng hoạt động.", u.name),
            ),
            Err(_) => v.add(field, label, format!("{label}: có đơn vị không tồn tại.")),
        }
    }
    Ok(())
}

fn row_from(draft: &CampaignDraft, base: CampaignRow) -> CampaignRow {
    CampaignRow {
        number: draft.number.clone(),
        issued_on: draft.issued_on.map(iso),
        issuer: draft.issuer.clone(),
        place: draft.place.clone(),
        title: draft.title.clone(),
        kind: draft.kind.code().into(),
        period_from: iso(draft.period_from),
        period_to: iso(draft.period_to),
        signer_title: draft.signer_title.clone(),
        signer_name: draft.signer_name.clone(),
        purposes: draft.purposes.clone(),
        content: draft.content.clone(),
        participants_note: draft.participants_note.clone(),
        ..base
    }
}

/// A new draft campaign from a checked plan header.
pub(crate) fn new_draft(draft: &CampaignDraft, org_id: &str) -> CampaignRow {
    let now = ids::now();
    let empty = CampaignRow {
        id: ids::new_id(),
        org_id: org_id.into(),
        number: None,
        issued_on: None,
        issuer: String::new(),
        place: None,
        title: String::new(),
        kind: String::new(),
        period_from: String::new(),
        period_to: String::new(),
        signer_title: None,
        signer_name: None,
        purposes: None,
        content: None,
        participants_note: None,
        status: CampaignStatus::Draft.code().into(),
        launched_at: None,
        closed_at: None,
        copied_from_id: None,
        search_text: String::new(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    row_from(draft, empty)
}

pub(crate) fn legal_rows(draft: &CampaignDraft) -> Vec<LegalBasisRow> {
    draft
        .legal_bases
        .iter()
        .map(|b| LegalBasisRow {
            number: b.number.clone(),
            issued_on: b.date.map(iso),
            title: b.title.clone(),
        })
        .collect()
}

/// The legal bases of a stored campaign, as typed in the form.
pub fn legal_bases_input(rows: &[LegalBasisRow]) -> String {
    let items: Vec<thidua_domain::campaign::LegalBasis> = rows
        .iter()
        .map(|r| thidua_domain::campaign::LegalBasis {
            number: r.number.clone(),
            date: r.issued_on.as_deref().and_then(thidua_domain::date::parse),
            title: r.title.clone(),
        })
        .collect();
    legal_bases_text(&items)
}

async fn checked(tx: &mut Tx, caller: &Caller, input: &CampaignInput) -> Result<CampaignDraft> {
    let mut v = match input.validate() {
        Ok(d) => {
            let mut v = Validation::new();
            check_units(
                tx,
                caller,
                &mut v,
                "participant_ids",
                "Đơn vị tham gia",
                &d.participant_ids,
            )
            .await?;
            if v.is_ok() {
                return Ok(d);
            }
            v
        }
        Err(v) => v,
    };
    // Report unknown participants together with the other problems.
    let ids: Vec<String> = input
        .participant_ids
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect();
    if v.message_for("participant_ids").is_none() {
        check_units(
            tx,
            caller,
            &mut v,
            "participant_ids",
            "Đơn vị tham gia",
            &ids,
        )
        .await?;
    }
    Err(Error::Invalid(v))
}

pub async fn create(db: &Db, caller: &Caller, input: &CampaignInput) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let d = checked(&mut tx, caller, input).await?;
    let row = new_draft(&d, caller.org_id());
    campaigns::insert(&mut tx, &row).await?;
    campaigns::set_legal_bases(&mut tx, &row.id, &legal_rows(&d)).await?;
    campaigns::set_participants(&mut tx, &row.id, &d.participant_ids).await?;
    Audit::new("campaign.create", "campaign", &row.id, &row.title)
        .after(&super::with_field(
            &row,
            "participant_ids",
            &d.participant_ids,
        ))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Deadlines and themes that would fall outside a new period, named for the message.
async fn outside_period(
    tx: &mut Tx,
    campaign_id: &str,
    from: time::Date,
    to: time::Date,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for d in parts::deadlines(tx, campaign_id).await? {
        let due = date_of(&d.due_on);
        if due < from || due > to {
            out.push(format!("thời hạn \u{201c}{}\u{201d} ({})", d.what, vn(due)));
        }
    }
    for t in parts::themes(tx, campaign_id).await? {
        let ends = [t.period_from.as_deref(), t.period_to.as_deref()];
        if ends
            .iter()
            .flatten()
            .map(|d| date_of(d))
            .any(|d| d < from || d > to)
        {
            out.push(format!("chuyên đề \u{201c}{}\u{201d}", t.title));
        }
    }
    Ok(out)
}

pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &CampaignInput,
) -> Result<CampaignRow> {
    let mut tx = db.begin().await?;
    let before = editable(&mut tx, caller, id).await?;
    let d = checked(&mut tx, caller, input).await?;
    let outside = outside_period(&mut tx, id, d.period_from, d.period_to).await?;
    if !outside.is_empty() {
        return Err(invalid(
            "period_to",
            "Thời gian kết thúc",
            format!(
                "Thời gian mới không còn chứa {}; hãy sửa các mục đó trước.",
                outside.join(", ")
            ),
        ));
    }
    let before_participants: Vec<String> = campaigns::participants(&mut tx, id)
        .await?
        .into_iter()
        .map(|p| p.unit_id)
        .collect();
    let after = campaigns::update(
        &mut tx,
        &row_from(
            &d,
            CampaignRow {
                version,
                ..before.clone()
            },
        ),
    )
    .await?;
    campaigns::set_legal_bases(&mut tx, id, &legal_rows(&d)).await?;
    campaigns::set_participants(&mut tx, id, &d.participant_ids).await?;
    Audit::new("campaign.update", "campaign", id, &after.title)
        .before(&super::with_field(
            &before,
            "participant_ids",
            &before_participants,
        ))
        .after(&super::with_field(
            &after,
            "participant_ids",
            &d.participant_ids,
        ))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Moves a campaign along its lifecycle (launch or close).
pub async fn set_status(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    to: CampaignStatus,
) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = campaigns::get(&mut tx, caller.org_id(), id).await?;
    if before.version != version {
        return Err(Error::Conflict);
    }
    let status = status_of(&before)
        .transition(to)
        .map_err(|m| invalid("status", "Trạng thái", m))?;
    if to == CampaignStatus::Launched && campaigns::participants(&mut tx, id).await?.is_empty() {
        return Err(invalid(
            "participant_ids",
            "Đơn vị tham gia",
            "Hãy chọn đơn vị tham gia trước khi phát động: các đơn vị này sẽ thấy kế hoạch và được giao việc.",
        ));
    }
    let now = ids::now();
    let mut row = CampaignRow {
        status: status.code().into(),
        ..before.clone()
    };
    match status {
        CampaignStatus::Launched => row.launched_at = Some(now),
        CampaignStatus::Closed => row.closed_at = Some(now),
        CampaignStatus::Draft => {}
    }
    let after = campaigns::update(&mut tx, &row).await?;
    if status == CampaignStatus::Launched {
        // Every participating unit learns of the plan on its bell (and by mail, where wanted).
        let text = format!("Kế hoạch mới đơn vị tham gia: {}", after.title);
        for p in campaigns::participants(&mut tx, id).await? {
            let to = thidua_store::notifications::Addressee::Unit(&p.unit_id);
            crate::notices::notify(
                &mut tx,
                caller.org_id(),
                to,
                &text,
                &format!("/campaigns/{id}"),
            )
            .await?;
        }
    }
    let action = if status == CampaignStatus::Launched {
        "campaign.launch"
    } else {
        "campaign.close"
    };
    Audit::new(action, "campaign", id, &after.title)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Replaces the year of the source in a title (`… năm 2024` → `… năm 2025`).
fn next_year_title(title: &str, from_year: i32, years: i32) -> String {
    title.replace(&from_year.to_string(), &(from_year + years).to_string())
}

/// Copies a campaign as a new draft one year later: header, participants, themes, targets, deadlines
/// (dates moved by a year), award forms and quotas. Registrations and reports stay with the original.
/// The participants of campaign `from` join campaign `to`, but for units closed since (merged, split).
async fn copy_participants(tx: &mut Tx, caller: &Caller, from: &str, to: &str) -> Result<()> {
    let mut participants = Vec::new();
    for p in campaigns::participants(tx, from).await? {
        if units::get(tx, caller.org_id(), &p.unit_id)
            .await
            .is_ok_and(|u| u.valid_to.is_none())
        {
            participants.push(p.unit_id);
        }
    }
    campaigns::set_participants(tx, to, &participants).await?;
    Ok(())
}

/// Copies the themes (with their coordinators), targets, deadlines, award forms and quotas of campaign
/// `from` into `to`, every date moved by `years`.
async fn copy_parts(tx: &mut Tx, from: &str, to: &str, years: i32) -> Result<()> {
    let shift = |s: &str| iso(shift_years(date_of(s), years));
    let shift_opt = |s: &Option<String>| s.as_deref().map(shift);
    let now = ids::now();
    let fresh = |()| {
        (
            ids::new_id(),
            to.to_string(),
            1_i64,
            now.clone(),
            now.clone(),
        )
    };
    let mut theme_ids = std::collections::HashMap::new();
    for t in parts::themes(tx, from).await? {
        let coordinating: Vec<String> = parts::coordinators(tx, &t.id)
            .await?
            .into_iter()
            .map(|c| c.0)
            .collect();
        let (id, campaign_id, version, created_at, updated_at) = fresh(());
        theme_ids.insert(t.id.clone(), id.clone());
        let copy = parts::ThemeRow {
            id,
            campaign_id,
            period_from: shift_opt(&t.period_from),
            period_to: shift_opt(&t.period_to),
            version,
            created_at,
            updated_at,
            ..t
        };
        parts::insert_theme(tx, &copy, &coordinating).await?;
    }
    for t in parts::targets(tx, from).await? {
        let theme_id = t
            .theme_id
            .as_ref()
            .and_then(|old| theme_ids.get(old).cloned());
        let (id, campaign_id, version, created_at, updated_at) = fresh(());
        let copy = parts::TargetRow {
            id,
            campaign_id,
            theme_id,
            version,
            created_at,
            updated_at,
            ..t
        };
        parts::insert_target(tx, &copy).await?;
    }
    for d in parts::deadlines(tx, from).await? {
        let (id, campaign_id, version, created_at, updated_at) = fresh(());
        let copy = parts::DeadlineRow {
            id,
            campaign_id,
            due_on: shift(&d.due_on),
            opens_on: shift_opt(&d.opens_on),
            repeat_until: shift_opt(&d.repeat_until),
            version,
            created_at,
            updated_at,
            ..d
        };
        parts::insert_deadline(tx, &copy).await?;
    }
    for a in campaigns::award_forms(tx, from).await? {
        let (id, campaign_id) = (ids::new_id(), to.to_string());
        campaigns::insert_award_form(
            tx,
            &AwardFormRow {
                id,
                campaign_id,
                ..a
            },
        )
        .await?;
    }
    for q in campaigns::quotas(tx, from).await? {
        let (id, campaign_id) = (ids::new_id(), to.to_string());
        campaigns::insert_quota(
            tx,
            &QuotaRow {
                id,
                campaign_id,
                ..q
            },
        )
        .await?;
    }
    Ok(())
}

pub async fn copy(db: &Db, caller: &Caller, id: &str) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let src = campaigns::get(&mut tx, caller.org_id(), id).await?;
    let years = 1;
    let shift = |s: &str| iso(shift_years(date_of(s), years));
    let now = ids::now();
    let from_year = date_of(&src.period_from).year();
    let row = CampaignRow {
        id: ids::new_id(),
        number: None,
        issued_on: None,
        title: next_year_title(&src.title, from_year, years),
        period_from: shift(&src.period_from),
        period_to: shift(&src.period_to),
        status: CampaignStatus::Draft.code().into(),
        launched_at: None,
        closed_at: None,
        copied_from_id: Some(src.id.clone()),
        version: 1,
        created_at: now.clone(),
        updated_at: now.clone(),
        ..src.clone()
    };
    campaigns::insert(&mut tx, &row).await?;
    let bases = campaigns::legal_bases(&mut tx, id).await?;
    campaigns::set_legal_bases(&mut tx, &row.id, &bases).await?;
    copy_participants(&mut tx, caller, id, &row.id).await?;
    copy_parts(&mut tx, id, &row.id, years).await?;
    Audit::new("campaign.copy", "campaign", &row.id, &row.title)
        .before(&src)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn add_award_form(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    input: &AwardFormInput,
) -> Result<AwardFormRow> {
    let d = input.validate()?;
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let position = campaigns::next_position(&mut tx, "campaign_award_forms", campaign_id).await?;
    let row = AwardFormRow {
        id: ids::new_id(),
        campaign_id: campaign_id.into(),
        position,
        name: d.name,
        catalog_code: d.catalog_code,
        criteria: d.criteria,
    };
    campaigns::insert_award_form(&mut tx, &row).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.award_form.add", "campaign", campaign_id, &c.title)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn delete_award_form(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    id: &str,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = campaigns::award_forms(&mut tx, campaign_id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(Error::NotFound)?;
    campaigns::delete_award_form(&mut tx, campaign_id, id).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new(
        "campaign.award_form.delete",
        "campaign",
        campaign_id,
        &c.title,
    )
    .before(&before)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_quota(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
    input: &QuotaInput,
) -> Result<QuotaRow> {
    let d = input.validate()?;
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let mut v = Validation::new();
    if let Some(u) = &d.unit_id {
        check_units(
            &mut tx,
            caller,
            &mut v,
            "unit_id",
            "Đơn vị",
            std::slice::from_ref(u),
        )
        .await?;
    }
    if let Some(k) = &d.unit_kind
        && !units::kinds(&mut tx).await?.iter().any(|x| &x.code == k)
    {
        v.add(
            "unit_kind",
            "Loại đơn vị",
            "Hãy chọn loại đơn vị trong danh sách.",
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let position = campaigns::next_position(&mut tx, "campaign_quotas", campaign_id).await?;
    let row = QuotaRow {
        id: ids::new_id(),
        campaign_id: campaign_id.into(),
        position,
        who: d.who,
        unit_kind: d.unit_kind,
        unit_id: d.unit_id,
        award_form: d.award_form,
        collectives_max: d.collectives_max,
        individuals_max: d.individuals_max,
    };
    campaigns::insert_quota(&mut tx, &row).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.quota.add", "campaign", campaign_id, &c.title)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn delete_quota(db: &Db, caller: &Caller, campaign_id: &str, id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let c = editable(&mut tx, caller, campaign_id).await?;
    let before = campaigns::quotas(&mut tx, campaign_id)
        .await?
        .into_iter()
        .find(|q| q.id == id)
        .ok_or(Error::NotFound)?;
    campaigns::delete_quota(&mut tx, campaign_id, id).await?;
    campaigns::touch(&mut tx, caller.org_id(), campaign_id).await?;
    Audit::new("campaign.quota.delete", "campaign", campaign_id, &c.title)
        .before(&before)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Today's date in Vietnam (deadlines are days in Vietnam, not in UTC); the same as [`super::today`].
pub fn today_vn() -> time::Date {
    super::today()
}

/// The year shown by default in lists.
pub fn this_year() -> i32 {
    today().year()
}

// ---- read models for the JSON API (added with the campaigns API) ----

/// The campaigns the user may see (drafts only for those who manage campaigns), latest period first.
/// `q` searches number, title and issuer ignoring diacritics.
pub async fn list(
    db: &Db,
    caller: &Caller,
    year: Option<i64>,
    status: Option<CampaignStatus>,
    q: Option<&str>,
) -> Result<Vec<CampaignRow>> {
    caller.authorize(Action::ViewCampaigns {
        org_id: caller.org_id(),
    })?;
    let filter = campaigns::CampaignFilter {
        year,
        status: status.map(|s| s.code().to_string()),
        include_drafts: caller.can(Action::ManageCampaigns {
            org_id: caller.org_id(),
        }),
        pattern: q
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(thidua_domain::text::like_pattern),
    };
    let mut tx = db.begin().await?;
    let rows = campaigns::list(&mut tx, caller.org_id(), &filter).await?;
    tx.commit().await?;
    Ok(rows)
}

/// A whole plan as stored, in the order of the printed plan.
#[derive(Debug, Clone)]
pub struct Plan {
    pub campaign: CampaignRow,
    pub legal_bases: Vec<LegalBasisRow>,
    pub participants: Vec<campaigns::Participant>,
    /// Each theme with its coordinating units (id, name).
    pub themes: Vec<(parts::ThemeRow, Vec<(String, String)>)>,
    pub targets: Vec<parts::TargetRow>,
    /// Each deadline with its due dates within the campaign.
    pub deadlines: Vec<(parts::DeadlineRow, Vec<time::Date>)>,
    pub award_forms: Vec<AwardFormRow>,
    pub quotas: Vec<QuotaRow>,
}

/// Loads a whole plan the user may see (404 for drafts unless they manage campaigns).
pub async fn plan(db: &Db, caller: &Caller, id: &str) -> Result<Plan> {
    let mut tx = db.begin_read().await?;
    let campaign = visible(&mut tx, caller, id).await?;
    let legal_bases = campaigns::legal_bases(&mut tx, id).await?;
    let participants = campaigns::participants(&mut tx, id).await?;
    let mut themes = Vec::new();
    for t in parts::themes(&mut tx, id).await? {
        let coordinating = parts::coordinators(&mut tx, &t.id).await?;
        themes.push((t, coordinating));
    }
    let targets = parts::targets(&mut tx, id).await?;
    let campaign_to = date_of(&campaign.period_to);
    let with_dates = |d: parts::DeadlineRow| {
        let due = super::campaign_views::due_dates(&d, campaign_to);
        (d, due)
    };
    let deadlines = parts::deadlines(&mut tx, id)
        .await?
        .into_iter()
        .map(with_dates)
        .collect();
    let award_forms = campaigns::award_forms(&mut tx, id).await?;
    let quotas = campaigns::quotas(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Plan {
        campaign,
        legal_bases,
        participants,
        themes,
        targets,
        deadlines,
        award_forms,
        quotas,
    })
}
