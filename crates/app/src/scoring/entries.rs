//! Writing scores: the unit's self-assessment until its deadline, the assessor's review with a reason
//! for every changed score, the evidence files. A sheet is saved whole or not at all; each changed
//! score keeps who, when, before, after and why, and an entry changed since the writer read it is a
//! conflict.

use super::sheet::{answer_of, assessor};
use super::{Loaded, load, refuse, scored_unit, unit_path};
use crate::Audit;
use crate::Caller;
use crate::campaign_work::{Upload, check_files};
use crate::error::{Error, Result};
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::date::{iso, iso_to_vn};
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::{Answer, parse_answer};
use thidua_store::blobs::BlobStore;
use thidua_store::scoring::CriterionRow;
use thidua_store::scoring_entries::{self as entries, ChangeRow, EntryRow, EvidenceRow};
use thidua_store::{Db, Tx, ids};

/// One criterion's score as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EntryInput {
    pub criterion_id: String,
    /// False when the criterion's precondition is not met (it then scores 0); absent: met.
    pub precondition_met: Option<bool>,
    /// Points (fixed), achieved value (rate), 1/0 (yes/no), count (deduction, bonus).
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub amount: String,
    /// Rate criteria: the unit's target when the scale does not fix it.
    #[serde(deserialize_with = "thidua_domain::scoring::input::number_text")]
    pub target: String,
    /// The unit's comment (self-assessment) or the reason of the change (review).
    pub note: String,
    /// The entry's version as read; absent: no entry yet, or the current one for the API (a change by
    /// someone else within the same moment is still a conflict).
    pub version: Option<i64>,
}

/// Which side writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The unit's officer, while the scale is open and before its deadline.
    SelfAssessment,
    /// The assessor the scale names, while the scale is under review.
    Review,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Self::SelfAssessment => "self",
            Self::Review => "review",
        }
    }
}

async fn check_window(
    tx: &mut Tx,
    caller: &Caller,
    scale: &Loaded,
    unit_id: &str,
    stage: Stage,
) -> Result<()> {
    scored_unit(scale, unit_id)?;
    let today = iso(crate::today());
    match stage {
        Stage::SelfAssessment => {
            let path = unit_path(tx, caller, unit_id).await?;
            caller.authorize(Action::SelfAssess {
                org_id: caller.org_id(),
                unit_path: &path,
            })?;
            if scale.row.status != "open" {
                return Err(refuse(
                    "status",
                    "Trạng thái",
                    "Thang điểm không còn ở bước đơn vị tự chấm; điểm đã khóa để thẩm định hoặc đã công bố.",
                ));
            }
            if today > scale.row.self_until {
                return Err(refuse(
                    "self_until",
                    "Hạn tự chấm",
                    format!(
                        "Đã hết hạn tự chấm (ngày {}).",
                        iso_to_vn(&scale.row.self_until)
                    ),
                ));
            }
        }
        Stage::Review if scale.row.status != "review" => {
            return Err(refuse(
                "status",
                "Trạng thái",
                "Chỉ thẩm định điểm khi thang điểm ở bước thẩm định; điểm đã công bố chỉ sửa qua kiến nghị.",
            ));
        }
        Stage::Review => {}
    }
    Ok(())
}

/// The label naming a criterion in messages: its number and its name, «Tiêu chí 2.1 (Tổ chức phong
/// trào)», the name cut at a word after about 80 letters.
pub(super) fn label_of(c: &CriterionRow) -> String {
    let name = short_name(&c.text, 80);
    if c.code.is_empty() {
        format!("Tiêu chí «{name}»")
    } else if name.is_empty() {
        format!("Tiêu chí {}", c.code)
    } else {
        format!("Tiêu chí {} ({name})", c.code)
    }
}

/// `text` when it has at most `most` letters, else its words that fit, then «…».
fn short_name(text: &str, most: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > most {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(most).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}

/// One checked line: the criterion, what was typed, the answer.
pub(super) struct Checked<'a> {
    pub criterion: &'a CriterionRow,
    pub input: &'a EntryInput,
    pub answer: Answer,
}

pub(super) fn parse_lines<'a>(
    scale: &'a Loaded,
    lines: &'a [EntryInput],
    v: &mut Validation,
) -> Vec<Checked<'a>> {
    let mut out = Vec::new();
    for (i, input) in lines.iter().enumerate() {
        let Some(c) = scale.criterion(&input.criterion_id) else {
            v.add(
                &format!("entries[{i}].criterion_id"),
                "Tiêu chí",
                "Tiêu chí không thuộc thang điểm này.",
            );
            continue;
        };
        let met = input.precondition_met.unwrap_or(true);
        if met && input.amount.trim().is_empty() && input.version.is_none() {
            continue; // not scored yet
        }
        let label = label_of(c);
        match parse_answer(
            &Loaded::draft_of(c),
            met,
            &input.amount,
            &input.target,
            &label,
        ) {
            Ok(answer) => out.push(Checked {
                criterion: c,
                input,
                answer,
            }),
            Err(m) => v.add(&format!("entries[{i}].amount"), &label, m),
        }
    }
    out
}

/// Saves a unit's scores of one stage; returns how many changed.
pub async fn save(
    db: &Db,
    caller: &Caller,
    scale_id: &str,
    unit_id: &str,
    stage: Stage,
    lines: &[EntryInput],
) -> Result<usize> {
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    check_window(&mut tx, caller, &scale, unit_id, stage).await?;
    entries::lock_unit(&mut tx, unit_id).await?;
    let mut v = Validation::new();
    let checked = parse_lines(&scale, lines, &mut v);
    let reviewer = assessor(&mut tx, caller, &scale, unit_id).await?;
    let mut changed = 0;
    for (i, line) in checked.iter().enumerate() {
        if stage == Stage::Review && !reviewer.may_review(line.criterion) {
            return Err(Error::Forbidden);
        }
        let before = entries::get(&mut tx, scale_id, unit_id, &line.criterion.id).await?;
        if let (Some(b), Some(ver)) = (&before, line.input.version)
            && b.version != ver
        {
            return Err(Error::Conflict);
        }
        if before.as_ref().is_some_and(|b| {
            answer_of(b) == line.answer
                && (stage == Stage::Review || b.comment == line.input.note.trim())
        }) {
            continue;
        }
        let reason = line.input.note.trim();
        if stage == Stage::Review && reason.is_empty() {
            v.add(
                &format!("entries[{i}].note"),
                &label_of(line.criterion),
                format!("{}: hãy ghi lý do thay đổi điểm.", label_of(line.criterion)),
            );
            continue;
        }
        write_line(&mut tx, caller, &scale, unit_id, stage, line, before).await?;
        changed += 1;
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    if changed > 0 {
        super::totals::refresh(&mut tx, &scale, unit_id).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Writes one changed score, its change row and its audit row.
async fn write_line(
    tx: &mut Tx,
    caller: &Caller,
    scale: &Loaded,
    unit_id: &str,
    stage: Stage,
    line: &Checked<'_>,
    before: Option<EntryRow>,
) -> Result<()> {
    let c = line.criterion;
    let now = ids::now();
    let a = line.answer;
    let note = line.input.note.trim().to_string();
    let mut after = before.clone().unwrap_or(EntryRow {
        scale_id: scale.row.id.clone(),
        unit_id: unit_id.into(),
        criterion_id: c.id.clone(),
        precondition_met: a.precondition_met,
        amount: a.amount,
        target: a.target,
        self_precondition_met: None,
        self_amount: None,
        self_target: None,
        comment: String::new(),
        stage: stage.code().into(),
        updated_by_name: caller.author(),
        version: 1,
        updated_at: now.clone(),
    });
    after.precondition_met = a.precondition_met;
    after.amount = a.amount;
    after.target = a.target;
    after.stage = stage.code().into();
    after.updated_by_name = caller.author();
    after.updated_at = now.clone();
    if stage == Stage::SelfAssessment {
        after.self_precondition_met = Some(a.precondition_met);
        after.self_amount = Some(a.amount);
        after.self_target = a.target;
        after.comment = note.clone();
    }
    match &before {
        Some(_) => entries::update(tx, &after).await?,
        None => entries::insert(tx, &after).await?,
    }
    let change = ChangeRow {
        id: ids::new_id(),
        scale_id: scale.row.id.clone(),
        unit_id: unit_id.into(),
        criterion_id: c.id.clone(),
        stage: stage.code().into(),
        before_points: before.as_ref().map(|b| super::points_of(c, &answer_of(b))),
        after_points: super::points_of(c, &a),
        before_json: before
            .as_ref()
            .and_then(|b| serde_json::to_string(&answer_of(b)).ok()),
        after_json: serde_json::to_string(&a).unwrap_or_default(),
        reason: note,
        by_user: caller.user_ref(),
        by_name: caller.author(),
        at: now,
    };
    entries::insert_change(tx, &change).await?;
    let label = format!(
        "{} — {} — {}",
        scale.row.name,
        scale.unit_name(unit_id),
        label_of(c)
    );
    Audit::new(
        &format!("scoring_entry.{}", stage.code()),
        "scoring_scale",
        &scale.row.id,
        &label,
    )
    .before_opt(before.as_ref())
    .after(&crate::with_field(&after, "reason", &change.reason))
    .write(tx, caller)
    .await?;
    Ok(())
}

/// Attaches evidence files to a criterion of the unit's self-assessment.
pub async fn add_evidence(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    scale_id: &str,
    unit_id: &str,
    criterion_id: &str,
    files: &[Upload],
) -> Result<Vec<EvidenceRow>> {
    let mut v = Validation::new();
    let checked = check_files(&mut v, files);
    if files.is_empty() {
        v.add("files", "Tệp minh chứng", "Hãy chọn ít nhất một tệp.");
    }
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    check_window(&mut tx, caller, &scale, unit_id, Stage::SelfAssessment).await?;
    let Some(c) = scale.criterion(criterion_id) else {
        return Err(refuse(
            "criterion_id",
            "Tiêu chí",
            "Tiêu chí không thuộc thang điểm này.",
        ));
    };
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut out = Vec::new();
    for (f, (content_type, name)) in files.iter().zip(&checked) {
        let sha256 = blobs
            .put(&f.bytes)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("blob store: {e}")))?;
        let row = EvidenceRow {
            id: ids::new_id(),
            org_id: caller.org_id().into(),
            scale_id: scale_id.into(),
            unit_id: unit_id.into(),
            criterion_id: criterion_id.into(),
            file_name: name.chars().take(255).collect(),
            content_type: (*content_type).into(),
            size_bytes: f.bytes.len() as i64,
            sha256,
            created_at: ids::now(),
        };
        entries::insert_evidence(&mut tx, &row).await?;
        out.push(row);
    }
    let label = format!(
        "{} — {} — {}",
        scale.row.name,
        scale.unit_name(unit_id),
        label_of(c)
    );
    Audit::new("scoring_entry.evidence", "scoring_scale", scale_id, &label)
        .after(&out)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(out)
}

/// An evidence file and its bytes, if the caller may see the unit's sheet.
pub async fn evidence_file(
    db: &Db,
    blobs: &dyn BlobStore,
    caller: &Caller,
    id: &str,
) -> Result<(EvidenceRow, Vec<u8>)> {
    let mut tx = db.begin_read().await?;
    let row = entries::evidence(&mut tx, caller.org_id(), id).await?;
    tx.commit().await?;
    super::sheet::sheet(db, caller, &row.scale_id, &row.unit_id).await?;
    let bytes = blobs
        .get(&row.sha256)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blob {}: {e}", row.sha256)))?;
    Ok((row, bytes))
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn a_long_name_is_cut_at_a_word() {
        assert_eq!(short_name(" Tổ chức phong trào ", 80), "Tổ chức phong trào");
        assert_eq!(
            short_name("Tổ chức phong trào thi đua", 15),
            "Tổ chức phong…"
        );
        assert_eq!(
            short_name("Bảo đảm an ninh, trật tự", 16),
            "Bảo đảm an ninh…"
        );
        assert_eq!(short_name("Khôngcókhoảngtrắng", 5), "Không…");
    }
}
