//! Entries of the award history, as typed and checked: titles and awards (added, or edited with a
//! version check), yearly ratings, disciplines and initiatives, each recorded with its audit row.

use super::{HonoursSubject, SubjectKind, editable_subject, parse_code, rules_in};
use crate::error::{Error, Result};
use crate::{Audit, Caller, today};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::{iso, parse as parse_date};
use thidua_rules::{Catalog, Subject};
use thidua_store::Db;
use thidua_store::ledger::{self, AwardRow, DisciplineRow, InitiativeRow, Owner, RatingRow};

/// A four-digit year typed in `field`; a message in `v` otherwise.
pub(super) fn year_field(v: &mut Validation, field: &str, label: &str, raw: &str) -> i64 {
    let max = i64::from(today().year()) + 1;
    match raw.trim().parse::<i64>() {
        Ok(y) if (1945..=max).contains(&y) => y,
        _ => {
            v.add(
                field,
                label,
                format!("{label} phải là một năm từ 1945 đến {max}."),
            );
            0
        }
    }
}

fn date_field(
    v: &mut Validation,
    field: &str,
    label: &str,
    raw: &str,
    required: bool,
) -> Option<String> {
    if raw.trim().is_empty() {
        if required {
            v.add(field, label, format!("Hãy nhập {}.", label.to_lowercase()));
        }
        return None;
    }
    match parse_date(raw) {
        Some(d) => Some(iso(d)),
        None => {
            v.add(
                field,
                label,
                format!("{label} phải có dạng ngày/tháng/năm, ví dụ 15/01/2025."),
            );
            None
        }
    }
}

fn text(v: &mut Validation, field: &str, label: &str, raw: &str, max: usize) -> Option<String> {
    v.optional_text(field, label, raw, max)
}

/// Fields of an award (danh hiệu or hình thức) as typed; dates `dd/mm/yyyy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct AwardInput {
    /// Catalog code (see `/catalog`), e.g. `CSTDCS`.
    pub code: String,
    /// Year of achievement.
    pub year: String,
    /// `merit` (default), `campaign`, `ad_hoc`, `career`, `foreign`.
    pub kind: String,
    pub decision_no: String,
    pub decision_date: String,
    pub issuer: String,
    /// Số sổ vàng.
    pub golden_book_no: String,
    /// Stable id of the achievement (so one achievement is never rewarded twice).
    pub achievement_id: String,
    pub achievement: String,
    pub revoked: bool,
}

/// Checks an award input for a subject of `subject` against the organisation's catalog; fills `row`
/// on success.
pub fn validate_award(
    input: &AwardInput,
    subject: Subject,
    catalog: &Catalog,
    row: &mut AwardRow,
) -> Result<(), Validation> {
    let mut v = Validation::new();
    let code = input.code.trim().to_uppercase();
    match catalog.find(&code) {
        None => v.add(
            "code",
            "Danh hiệu, hình thức",
            "Hãy chọn một danh hiệu hoặc hình thức khen thưởng có trong danh mục.",
        ),
        Some(e) if !e.accepts(subject) => v.add(
            "code",
            "Danh hiệu, hình thức",
            format!("{} không dành cho {}.", e.name, subject.label()),
        ),
        Some(_) => {}
    }
    let year = year_field(&mut v, "year", "Năm đạt thành tích", &input.year);
    let kind = if input.kind.trim().is_empty() {
        "merit".to_string()
    } else {
        input.kind.trim().to_string()
    };
    if parse_code::<thidua_rules::NominationKind>(&kind).is_none() {
        v.add(
            "kind",
            "Loại hình khen thưởng",
            "Loại hình khen thưởng không hợp lệ.",
        );
    }
    let decision_date = date_field(
        &mut v,
        "decision_date",
        "Ngày quyết định",
        &input.decision_date,
        false,
    );
    let golden = golden_book_no(&mut v, &input.golden_book_no);
    row.decision_no = text(
        &mut v,
        "decision_no",
        "Số quyết định",
        &input.decision_no,
        100,
    );
    row.issuer = text(&mut v, "issuer", "Cơ quan ban hành", &input.issuer, 300);
    row.achievement_id = text(
        &mut v,
        "achievement_id",
        "Mã thành tích",
        &input.achievement_id,
        100,
    );
    row.achievement = text(
        &mut v,
        "achievement",
        "Thành tích",
        &input.achievement,
        2000,
    );
    if !v.is_ok() {
        return Err(v);
    }
    row.code = code;
    row.year = year;
    row.kind = kind;
    row.decision_date = decision_date;
    row.golden_book_no = golden;
    row.revoked = input.revoked;
    Ok(())
}

/// Records a title or award of a person or unit.
pub async fn add_award(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &AwardInput,
) -> Result<AwardRow> {
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let mut row = AwardRow::new(
        &Owner {
            org_id: caller.org_id(),
            subject_type: kind.code(),
            subject_id: &s.id,
        },
        "",
        0,
    );
    validate_award(input, kind.rules_subject(), rules.catalog(), &mut row)?;
    ledger::insert_award(&mut tx, &row).await?;
    Audit::new("ledger.award.create", kind.code(), &s.id, &s.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// An award with the person or unit it belongs to, for the form that edits it.
#[derive(Debug, Clone)]
pub struct AwardToEdit {
    pub award: AwardRow,
    pub subject: HonoursSubject,
}

/// Whose history an award belongs to.
fn award_kind(award: &AwardRow) -> SubjectKind {
    if award.subject_type == "person" {
        SubjectKind::Person
    } else {
        SubjectKind::Unit
    }
}

/// An award the caller may edit (404 when it or its subject is out of scope, 403 for roles that may
/// not edit the history).
pub async fn award_to_edit(db: &Db, caller: &Caller, award_id: &str) -> Result<AwardToEdit> {
    let mut tx = db.begin_read().await?;
    let award = ledger::get_award(&mut tx, caller.org_id(), award_id).await?;
    let subject = editable_subject(&mut tx, caller, award_kind(&award), &award.subject_id).await?;
    tx.commit().await?;
    Ok(AwardToEdit { award, subject })
}

/// Edits an award (decision details, revocation) if nobody saved it since `version` was read.
pub async fn update_award(
    db: &Db,
    caller: &Caller,
    award_id: &str,
    version: i64,
    input: &AwardInput,
) -> Result<AwardRow> {
    let mut tx = db.begin().await?;
    let before = ledger::get_award(&mut tx, caller.org_id(), award_id).await?;
    let kind = award_kind(&before);
    let s = editable_subject(&mut tx, caller, kind, &before.subject_id).await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let mut row = AwardRow {
        version,
        ..before.clone()
    };
    validate_award(input, kind.rules_subject(), rules.catalog(), &mut row)?;
    let after = ledger::update_award(&mut tx, &row).await?;
    Audit::new("ledger.award.update", kind.code(), &s.id, &s.name)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// A yearly rating as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RatingInput {
    pub year: String,
    /// `excellent`, `good`, `completed`, `not_completed`.
    pub rating: String,
    /// Version of the existing rating of that year when changing it (409 if stale); omit to replace.
    pub version: Option<i64>,
}

/// Checks a rating; returns (year, rating code).
pub fn validate_rating(input: &RatingInput) -> Result<(i64, String), Validation> {
    let mut v = Validation::new();
    let year = year_field(&mut v, "year", "Năm", &input.year);
    let rating = input.rating.trim().to_string();
    if parse_code::<thidua_rules::Rating>(&rating).is_none() {
        v.add("rating", "Xếp loại", "Hãy chọn mức xếp loại (hoàn thành xuất sắc, tốt, hoàn thành, không hoàn thành nhiệm vụ).");
    }
    v.finish((year, rating))
}

/// Records or changes the rating of a year.
pub async fn set_rating(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &RatingInput,
) -> Result<RatingRow> {
    let (year, rating) = validate_rating(input)?;
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let row = match ledger::rating_of(&mut tx, caller.org_id(), &s.id, year).await? {
        Some(before) => {
            let edited = RatingRow {
                rating,
                version: input.version.unwrap_or(before.version),
                ..before.clone()
            };
            ledger::update_rating(&mut tx, &edited).await?;
            let after = RatingRow {
                version: edited.version + 1,
                ..edited
            };
            Audit::new("ledger.rating.update", kind.code(), &s.id, &s.name)
                .before(&before)
                .after(&after)
                .write(&mut tx, caller)
                .await?;
            after
        }
        None => {
            let row = RatingRow::new(
                &Owner {
                    org_id: caller.org_id(),
                    subject_type: kind.code(),
                    subject_id: &s.id,
                },
                year,
                &rating,
            );
            ledger::insert_rating(&mut tx, &row).await?;
            Audit::new("ledger.rating.create", kind.code(), &s.id, &s.name)
                .after(&row)
                .write(&mut tx, caller)
                .await?;
            row
        }
    };
    tx.commit().await?;
    Ok(row)
}

/// A discipline as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct DisciplineInput {
    /// `reprimand`, `warning`, `demotion`, `removal`, `dismissal`.
    pub level: String,
    pub from_date: String,
    pub to_date: String,
    pub note: String,
}

pub async fn add_discipline(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &DisciplineInput,
) -> Result<DisciplineRow> {
    let mut v = Validation::new();
    if parse_code::<thidua_rules::DisciplineLevel>(&input.level).is_none() {
        v.add("level", "Hình thức kỷ luật", "Hãy chọn hình thức kỷ luật.");
    }
    let from = date_field(&mut v, "from_date", "Từ ngày", &input.from_date, true);
    let to = date_field(&mut v, "to_date", "Đến ngày", &input.to_date, true);
    if let (Some(f), Some(t)) = (&from, &to)
        && t < f
    {
        v.add(
            "to_date",
            "Đến ngày",
            "Ngày kết thúc phải sau ngày bắt đầu.",
        );
    }
    let note = text(&mut v, "note", "Ghi chú", &input.note, 1000);
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Error::Invalid(v));
    };
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let row = DisciplineRow::new(
        &Owner {
            org_id: caller.org_id(),
            subject_type: kind.code(),
            subject_id: &s.id,
        },
        input.level.trim(),
        &from,
        &to,
        note,
    );
    ledger::insert_discipline(&mut tx, &row).await?;
    Audit::new("ledger.discipline.create", kind.code(), &s.id, &s.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// An initiative as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct InitiativeInput {
    pub name: String,
    pub year: String,
    /// `base`, `province`, `national`.
    pub level: String,
    pub research: bool,
    pub applied_in: String,
    /// Id of the award this initiative was the basis of (usable once).
    pub used_by_award_id: String,
}

pub async fn add_initiative(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &InitiativeInput,
) -> Result<InitiativeRow> {
    // A recognised initiative comes from the council through the register of initiatives, where a unit
    // proposes it; entering one straight into a history (one recognised in the past) is the office's.
    caller.authorize(thidua_domain::policy::Action::EvaluateInitiatives {
        org_id: caller.org_id(),
    })?;
    let mut v = Validation::new();
    let name = v.required_text("name", "Tên sáng kiến", &input.name, 500);
    let year = year_field(&mut v, "year", "Năm công nhận", &input.year);
    if parse_code::<thidua_rules::InitiativeLevel>(&input.level).is_none() {
        v.add(
            "level",
            "Phạm vi công nhận",
            "Hãy chọn phạm vi công nhận (cơ sở; bộ, ngành, tỉnh; toàn quốc).",
        );
    }
    let applied_in = text(&mut v, "applied_in", "Nơi áp dụng", &input.applied_in, 500);
    let mut tx = db.begin().await?;
    let s = editable_subject(&mut tx, caller, kind, id).await?;
    let used_by = input.used_by_award_id.trim().to_string();
    if !used_by.is_empty() {
        match ledger::get_award(&mut tx, caller.org_id(), &used_by).await {
            Ok(a) if a.subject_id == s.id => {}
            _ => v.add(
                "used_by_award_id",
                "Đã dùng cho khen thưởng",
                "Khen thưởng được chọn không thuộc lịch sử của đối tượng này.",
            ),
        }
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut row = InitiativeRow::new(
        &Owner {
            org_id: caller.org_id(),
            subject_type: kind.code(),
            subject_id: &s.id,
        },
        &name,
        year,
        input.level.trim(),
        input.research,
        applied_in,
    );
    row.used_by_award_id = (!used_by.is_empty()).then_some(used_by);
    ledger::insert_initiative(&mut tx, &row).await?;
    Audit::new("ledger.initiative.create", kind.code(), &s.id, &s.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// The golden-book number typed (số vào sổ vàng): empty, or a positive whole number.
pub(crate) fn golden_book_no(v: &mut Validation, raw: &str) -> Option<i64> {
    match raw.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                v.add(
                    "golden_book_no",
                    "Số sổ vàng",
                    "Số sổ vàng phải là số nguyên dương.",
                );
                None
            }
        },
    }
}
