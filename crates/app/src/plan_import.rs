//! Plan import (step 13): a plan's text or file becomes a draft campaign that a person checks field by
//! field, then saves as a real campaign — header, legal bases, themes with matched units, targets,
//! deadlines, award forms and quotas — all in one transaction, or nothing when any row is wrong.

use super::campaigns::check_units;
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{DeadlineDraft, DeadlineInput};
use thidua_domain::campaign::parts::{
    AwardFormDraft, AwardFormInput, QuotaDraft, QuotaInput, ThemeDraft, ThemeInput,
};
use thidua_domain::campaign::target::{TargetDraft, TargetInput};
use thidua_domain::campaign::{CampaignDraft, CampaignInput};
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_domain::text::fold;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow, ThemeRow};
use thidua_store::campaigns::{self, AwardFormRow, CampaignRow, QuotaRow};
use thidua_store::{Db, Tx, ids};

/// Largest plan file or pasted text accepted (plans are tens of kilobytes; a DOCX with images more).
pub const MAX_PLAN_BYTES: usize = 5 * 1024 * 1024;

/// Reads a plan from file bytes or pasted text: the extraction and the lines its evidence points to.
pub fn read(bytes: &[u8]) -> Result<(thidua_plan::PlanImport, Vec<String>)> {
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(Error::too_large(MAX_PLAN_BYTES));
    }
    let text = thidua_plan::decode(bytes).map_err(|e| Error::Rejected(e.to_string()))?;
    let plan = thidua_plan::import_text(&text);
    Ok((plan, text.lines().map(str::to_string).collect()))
}

/// How sure a unit match is.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// The best unit and a score in 0..=1.
    pub best: Option<(String, String, f64)>,
    /// True when the best match is good enough to preselect.
    pub sure: bool,
}

/// Words that say what kind of body a unit is, not which one; they weigh little in a match.
const GENERIC: [&str; 12] = [
    "phong", "ban", "uy", "nhan", "dan", "quan", "huyen", "phuong", "xa", "so", "cac", "va",
];

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Finds the organisation's unit a printed name means (`Phòng Văn hoá và Thông tin` →
/// *Phòng Văn hóa và Thông tin*, `Công an Quận` → none when the organisation has no such unit).
/// Scores the overlap of distinctive words, diacritics and `đ` folded, so tone-mark placement
/// (`hoá`/`hóa`) and case do not matter.
pub fn match_unit(printed: &str, units: &[(String, String)]) -> UnitMatch {
    let wanted: Vec<String> = words(printed)
        .into_iter()
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .collect();
    let folded = fold(printed);
    let mut best: Option<(String, String, f64)> = None;
    for (id, name) in units {
        let have = words(name);
        let score = if fold(name) == folded {
            1.0
        } else if wanted.is_empty() {
            0.0
        } else {
            let hit = wanted.iter().filter(|w| have.contains(w)).count() as f64;
            let extra = have
                .iter()
                .filter(|w| !GENERIC.contains(&w.as_str()) && !wanted.contains(w))
                .count() as f64;
            hit / (wanted.len() as f64 + extra * 0.5)
        };
        if best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((id.clone(), name.clone(), score));
        }
    }
    let best = best.filter(|b| b.2 >= 0.34);
    let sure = best.as_ref().is_some_and(|b| b.2 >= 0.75);
    UnitMatch { best, sure }
}

/// A deadline row of the review form.
#[derive(Debug, Clone, Default)]
pub struct DeadlineLine {
    pub keep: bool,
    pub input: DeadlineInput,
}

/// A target row of the review form.
#[derive(Debug, Clone, Default)]
pub struct TargetLine {
    pub keep: bool,
    pub input: TargetInput,
}

/// A theme row of the review form.
#[derive(Debug, Clone, Default)]
pub struct ThemeLine {
    pub keep: bool,
    pub input: ThemeInput,
}

/// Everything the reviewed form holds.
#[derive(Debug, Clone, Default)]
pub struct ImportInput {
    pub campaign: CampaignInput,
    pub themes: Vec<ThemeLine>,
    pub targets: Vec<TargetLine>,
    pub deadlines: Vec<DeadlineLine>,
    pub award_forms: Vec<(bool, AwardFormInput)>,
    pub quotas: Vec<(bool, QuotaInput)>,
}

/// Moves a row's field errors under the row's own field names (`d3_due_on`) and says which row.
fn absorb(all: &mut Validation, prefix: &str, row_label: &str, v: Validation) {
    for e in v.errors {
        all.add(
            &format!("{prefix}_{}", e.field),
            &e.label,
            format!("{row_label}: {}", e.message),
        );
    }
}

/// The reviewed draft once every kept row has passed its checks.
struct Checked {
    header: CampaignDraft,
    themes: Vec<ThemeDraft>,
    targets: Vec<TargetDraft>,
    deadlines: Vec<DeadlineDraft>,
    award_forms: Vec<AwardFormDraft>,
    quotas: Vec<QuotaDraft>,
}

/// Saves the reviewed draft as a new draft campaign with all its parts, in one transaction.
pub async fn save(db: &Db, caller: &Caller, input: &ImportInput) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let c = check(&mut tx, caller, input).await?;
    let campaign = super::campaigns::new_draft(&c.header, caller.org_id());
    campaigns::insert(&mut tx, &campaign).await?;
    let bases = super::campaigns::legal_rows(&c.header);
    campaigns::set_legal_bases(&mut tx, &campaign.id, &bases).await?;
    campaigns::set_participants(&mut tx, &campaign.id, &c.header.participant_ids).await?;
    let new = NewRows {
        org_id: caller.org_id(),
        campaign_id: &campaign.id,
        now: ids::now(),
    };
    insert_themes_and_targets(&mut tx, &new, &c).await?;
    insert_deadlines_and_forms(&mut tx, &new, &c).await?;
    let summary = serde_json::json!({"themes": c.themes.len(), "targets": c.targets.len(), "deadlines": c.deadlines.len(), "award_forms": c.award_forms.len(), "quotas": c.quotas.len(), "participant_ids": c.header.participant_ids});
    Audit::new("campaign.import", "campaign", &campaign.id, &campaign.title)
        .after(&super::with_field(&campaign, "imported", &summary))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(campaign)
}

/// Checks the header and every kept row; all the problems at once, each under its row's fields.
async fn check(tx: &mut Tx, caller: &Caller, input: &ImportInput) -> Result<Checked> {
    let mut v = Validation::new();
    let header = input.campaign.validate();
    let (from, to) = match &header {
        Ok(d) => (d.period_from, d.period_to),
        Err(e) => {
            v.errors.extend(e.errors.clone());
            (
                time::macros::date!(1900 - 01 - 01),
                time::macros::date!(2100 - 12 - 31),
            )
        }
    };
    if let Ok(d) = &header {
        let ids = &d.participant_ids;
        check_units(
            tx,
            caller,
            &mut v,
            "participant_ids",
            "Đơn vị tham gia",
            ids,
        )
        .await?;
    }
    let themes = check_themes(tx, caller, input, (from, to), &mut v).await?;
    let targets = kept(
        &mut v,
        ("t", "Chỉ tiêu"),
        input.targets.iter().map(|t| (t.keep, &t.input)),
        |t| t.validate(),
    );
    let deadlines = kept(
        &mut v,
        ("d", "Thời hạn"),
        input.deadlines.iter().map(|d| (d.keep, &d.input)),
        |d| d.validate(from, to),
    );
    let award_forms = kept(
        &mut v,
        ("a", "Hình thức"),
        input.award_forms.iter().map(|(k, a)| (*k, a)),
        |a| a.validate(),
    );
    let quotas = kept(
        &mut v,
        ("q", "Số lượng tối đa"),
        input.quotas.iter().map(|(k, q)| (*k, q)),
        |q| q.validate(),
    );
    match header {
        Ok(header) if v.is_ok() => Ok(Checked {
            header,
            themes,
            targets,
            deadlines,
            award_forms,
            quotas,
        }),
        _ => Err(Error::Invalid(v)),
    }
}

/// The kept rows that pass `validate`; the others' problems go to `v` under `{prefix}{i}_…`.
fn kept<'i, I: 'i, D>(
    v: &mut Validation,
    (prefix, label): (&str, &str),
    rows: impl Iterator<Item = (bool, &'i I)>,
    validate: impl Fn(&I) -> std::result::Result<D, Validation>,
) -> Vec<D> {
    let mut out = Vec::new();
    for (i, (keep, row)) in rows.enumerate() {
        if !keep {
            continue;
        }
        match validate(row) {
            Ok(d) => out.push(d),
            Err(e) => absorb(v, &format!("{prefix}{i}"), &format!("{label} {}", i + 1), e),
        }
    }
    out
}

/// The kept themes, each with its lead and coordinating units checked against the caller's scope.
async fn check_themes(
    tx: &mut Tx,
    caller: &Caller,
    input: &ImportInput,
    (from, to): (time::Date, time::Date),
    v: &mut Validation,
) -> Result<Vec<ThemeDraft>> {
    let mut themes = Vec::new();
    for (i, t) in input.themes.iter().enumerate().filter(|(_, t)| t.keep) {
        let (prefix, label) = (format!("h{i}"), format!("Chuyên đề {}", i + 1));
        match t.input.validate(from, to) {
            Ok(d) => {
                let mut uv = Validation::new();
                let mut ids: Vec<String> = d.coordinating_ids.clone();
                ids.extend(d.lead_unit_id.clone());
                check_units(tx, caller, &mut uv, "lead_unit_id", "Đơn vị chủ trì", &ids).await?;
                absorb(v, &prefix, &label, uv);
                themes.push(d);
            }
            Err(e) => absorb(v, &prefix, &label, e),
        }
    }
    Ok(themes)
}

/// What every new row of the imported campaign shares.
struct NewRows<'a> {
    org_id: &'a str,
    campaign_id: &'a str,
    now: String,
}

async fn insert_themes_and_targets(tx: &mut Tx, new: &NewRows<'_>, c: &Checked) -> Result<()> {
    for (i, t) in c.themes.iter().enumerate() {
        let row = ThemeRow {
            id: ids::new_id(),
            org_id: new.org_id.into(),
            campaign_id: new.campaign_id.into(),
            position: i as i64,
            title: t.title.clone(),
            lead_unit_id: t.lead_unit_id.clone(),
            lead_name: t.lead_name.clone(),
            period_from: t.period_from.map(iso),
            period_to: t.period_to.map(iso),
            description: t.description.clone(),
            version: 1,
            created_at: new.now.clone(),
            updated_at: new.now.clone(),
        };
        parts::insert_theme(tx, &row, &t.coordinating_ids).await?;
    }
    for (i, t) in c.targets.iter().enumerate() {
        let row = TargetRow {
            id: ids::new_id(),
            org_id: new.org_id.into(),
            campaign_id: new.campaign_id.into(),
            theme_id: None,
            position: i as i64,
            text: t.text.clone(),
            comparator: t.comparator.code().into(),
            threshold: t.threshold,
            measure: t.unit.clone(),
            scope: t.scope.code().into(),
            version: 1,
            created_at: new.now.clone(),
            updated_at: new.now.clone(),
        };
        parts::insert_target(tx, &row).await?;
    }
    Ok(())
}

async fn insert_deadlines_and_forms(tx: &mut Tx, new: &NewRows<'_>, c: &Checked) -> Result<()> {
    for x in &c.deadlines {
        let row = DeadlineRow {
            id: ids::new_id(),
            org_id: new.org_id.into(),
            campaign_id: new.campaign_id.into(),
            kind: x.kind.code().into(),
            what: x.what.clone(),
            opens_on: x.opens_on.map(iso),
            due_on: iso(x.due_on),
            recurrence: x.recurrence.code().into(),
            repeat_until: x.repeat_until.map(iso),
            addressees: x.addressees.code().into(),
            unit_kind: x.unit_kind.clone(),
            unit_id: x.unit_id.clone(),
            recipient: x.recipient.clone(),
            version: 1,
            created_at: new.now.clone(),
            updated_at: new.now.clone(),
        };
        parts::insert_deadline(tx, &row).await?;
    }
    for (i, a) in c.award_forms.iter().enumerate() {
        let row = AwardFormRow {
            id: ids::new_id(),
            campaign_id: new.campaign_id.into(),
            position: i as i64,
            name: a.name.clone(),
            catalog_code: a.catalog_code.clone(),
            criteria: a.criteria.clone(),
        };
        campaigns::insert_award_form(tx, &row).await?;
    }
    for (i, q) in c.quotas.iter().enumerate() {
        let row = QuotaRow {
            id: ids::new_id(),
            campaign_id: new.campaign_id.into(),
            position: i as i64,
            who: q.who.clone(),
            unit_kind: q.unit_kind.clone(),
            unit_id: q.unit_id.clone(),
            award_form: q.award_form.clone(),
            collectives_max: q.collectives_max,
            individuals_max: q.individuals_max,
        };
        campaigns::insert_quota(tx, &row).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> Vec<(String, String)> {
        [
            ("1", "Phòng Văn hóa và Thông tin"),
            ("2", "Phòng Nội vụ"),
            ("3", "Phòng Tài chính - Kế hoạch"),
            ("4", "Phòng Quản lý đô thị"),
            ("5", "Quận đoàn Hai Bà Trưng"),
            ("6", "Phường Bạch Đằng"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn matches_printed_names() {
        let u = units();
        let m = match_unit("Phòng Văn hoá và Thông tin", &u);
        assert_eq!(m.best.as_ref().map(|b| b.0.as_str()), Some("1"));
        assert!(m.sure);
        let m = match_unit("Phòng Tài chính - Kế hoạch", &u);
        assert_eq!(m.best.as_ref().map(|b| b.0.as_str()), Some("3"));
        assert!(m.sure);
        let m = match_unit("Quận đoàn", &u);
        assert_eq!(m.best.as_ref().map(|b| b.0.as_str()), Some("5"));
        let m = match_unit("Công an Quận", &u);
        assert!(!m.sure, "{m:?}");
        let m = match_unit("Chi Cục thuế quận", &u);
        assert!(m.best.is_none(), "{m:?}");
    }
}
