//! Plan import (step 13): a plan's text or file becomes a draft campaign that a person checks field by
//! field, then saves as a real campaign — header, legal bases, themes with matched units, targets,
//! deadlines, award forms and quotas — all in one transaction, or nothing when any row is wrong.

use super::campaigns::check_units;
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::campaign::CampaignInput;
use thidua_domain::campaign::deadline::DeadlineInput;
use thidua_domain::campaign::parts::{AwardFormInput, QuotaInput, ThemeInput};
use thidua_domain::campaign::target::TargetInput;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use thidua_domain::text::fold;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow, ThemeRow};
use thidua_store::campaigns::{self, AwardFormRow, CampaignRow, QuotaRow};
use thidua_store::{Db, ids};

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

/// Saves the reviewed draft as a new draft campaign with all its parts, in one transaction.
pub async fn save(db: &Db, caller: &Caller, input: &ImportInput) -> Result<CampaignRow> {
    caller.authorize(Action::ManageCampaigns {
        org_id: caller.org_id(),
    })?;
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
    let mut tx = db.begin().await?;
    if let Ok(d) = &header {
        check_units(
            &mut tx,
            caller,
            &mut v,
            "participant_ids",
            "Đơn vị tham gia",
            &d.participant_ids,
        )
        .await?;
    }
    let mut themes = Vec::new();
    for (i, t) in input.themes.iter().enumerate().filter(|(_, t)| t.keep) {
        match t.input.validate(from, to) {
            Ok(d) => {
                let mut uv = Validation::new();
                let mut ids: Vec<String> = d.coordinating_ids.clone();
                ids.extend(d.lead_unit_id.clone());
                check_units(
                    &mut tx,
                    caller,
                    &mut uv,
                    "lead_unit_id",
                    "Đơn vị chủ trì",
                    &ids,
                )
                .await?;
                absorb(
                    &mut v,
                    &format!("h{i}"),
                    &format!("Chuyên đề {}", i + 1),
                    uv,
                );
                themes.push(d);
            }
            Err(e) => absorb(&mut v, &format!("h{i}"), &format!("Chuyên đề {}", i + 1), e),
        }
    }
    let mut targets = Vec::new();
    for (i, t) in input.targets.iter().enumerate().filter(|(_, t)| t.keep) {
        match t.input.validate() {
            Ok(d) => targets.push(d),
            Err(e) => absorb(&mut v, &format!("t{i}"), &format!("Chỉ tiêu {}", i + 1), e),
        }
    }
    let mut deadlines = Vec::new();
    for (i, d) in input.deadlines.iter().enumerate().filter(|(_, d)| d.keep) {
        match d.input.validate(from, to) {
            Ok(x) => deadlines.push(x),
            Err(e) => absorb(&mut v, &format!("d{i}"), &format!("Thời hạn {}", i + 1), e),
        }
    }
    let mut award_forms = Vec::new();
    for (i, (keep, a)) in input.award_forms.iter().enumerate() {
        if *keep {
            match a.validate() {
                Ok(x) => award_forms.push(x),
                Err(e) => absorb(&mut v, &format!("a{i}"), &format!("Hình thức {}", i + 1), e),
            }
        }
    }
    let mut quotas = Vec::new();
    for (i, (keep, q)) in input.quotas.iter().enumerate() {
        if *keep {
            match q.validate() {
                Ok(x) => quotas.push(x),
                Err(e) => absorb(
                    &mut v,
                    &format!("q{i}"),
                    &format!("Số lượng tối đa {}", i + 1),
                    e,
                ),
            }
        }
    }
    let d = match header {
        Ok(d) if v.is_ok() => d,
        _ => return Err(Error::Invalid(v)),
    };

    let now = ids::now();
    let campaign = super::campaigns::new_draft(&d, caller.org_id());
    campaigns::insert(&mut tx, &campaign).await?;
    let bases = super::campaigns::legal_rows(&d);
    campaigns::set_legal_bases(&mut tx, &campaign.id, &bases).await?;
    campaigns::set_participants(&mut tx, &campaign.id, &d.participant_ids).await?;
    let cid = campaign.id.clone();
    for (i, t) in themes.iter().enumerate() {
        let row = ThemeRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            campaign_id: cid.clone(),
            position: i as i64,
            title: t.title.clone(),
            lead_unit_id: t.lead_unit_id.clone(),
            lead_name: t.lead_name.clone(),
            period_from: t.period_from.map(iso),
            period_to: t.period_to.map(iso),
            description: t.description.clone(),
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_theme(&mut tx, &row, &t.coordinating_ids).await?;
    }
    for (i, t) in targets.iter().enumerate() {
        let row = TargetRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            campaign_id: cid.clone(),
            theme_id: None,
            position: i as i64,
            text: t.text.clone(),
            comparator: t.comparator.code().into(),
            threshold: t.threshold,
            measure: t.unit.clone(),
            scope: t.scope.code().into(),
            version: 1,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_target(&mut tx, &row).await?;
    }
    for x in &deadlines {
        let row = DeadlineRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            campaign_id: cid.clone(),
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
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        parts::insert_deadline(&mut tx, &row).await?;
    }
    for (i, a) in award_forms.iter().enumerate() {
        campaigns::insert_award_form(
            &mut tx,
            &AwardFormRow {
                id: ids::new_id(),
                campaign_id: cid.clone(),
                position: i as i64,
                name: a.name.clone(),
                catalog_code: a.catalog_code.clone(),
                criteria: a.criteria.clone(),
            },
        )
        .await?;
    }
    for (i, q) in quotas.iter().enumerate() {
        campaigns::insert_quota(
            &mut tx,
            &QuotaRow {
                id: ids::new_id(),
                campaign_id: cid.clone(),
                position: i as i64,
                who: q.who.clone(),
                unit_kind: q.unit_kind.clone(),
                unit_id: q.unit_id.clone(),
                award_form: q.award_form.clone(),
                collectives_max: q.collectives_max,
                individuals_max: q.individuals_max,
            },
        )
        .await?;
    }
    let summary = serde_json::json!({"themes": themes.len(), "targets": targets.len(), "deadlines": deadlines.len(), "award_forms": award_forms.len(), "quotas": quotas.len(), "participant_ids": d.participant_ids});
    Audit::new("campaign.import", "campaign", &campaign.id, &campaign.title)
        .after(&super::with_field(&campaign, "imported", &summary))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(campaign)
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
