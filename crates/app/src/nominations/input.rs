//! The fields of a nomination, checked: the nominating unit and the nominee in the user's scope, the
//! catalog entry accepting the nominee, the kind (ad hoc needs a justification and alone may use the
//! simplified procedure), the year, the achievement, and the campaign and theme (a launched campaign the
//! unit takes part in; the theme's lead unit becomes the route). The catalog is the organisation's
//! (its edited copy when it has one).

use super::KINDS;
use crate::Caller;
use crate::campaigns::{invalid, status_of};
use crate::error::{Error, Result};
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::policy::Action;
use thidua_rules::{Rules, Subject};
use thidua_store::nominations::NominationRow;
use thidua_store::units::UnitRow;
use thidua_store::{Tx, campaign_parts, campaigns, persons, units};

/// What a unit officer fills in (API body and page form).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NominationInput {
    #[serde(default)]
    pub nominating_unit_id: String,
    /// `person`, `unit` or `household`.
    #[serde(default)]
    pub nominee_type: String,
    #[serde(default)]
    pub person_id: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub household_name: Option<String>,
    /// Catalog code of the title or form.
    #[serde(default)]
    pub code: String,
    /// `merit`, `campaign`, `ad_hoc`, `career`, `foreign`.
    #[serde(default)]
    pub kind: String,
    /// `standard` (default) or `simplified` (ad hoc only).
    #[serde(default)]
    pub procedure: Option<String>,
    #[serde(default)]
    pub campaign_id: Option<String>,
    #[serde(default)]
    pub theme_id: Option<String>,
    #[serde(default)]
    pub year: Option<i64>,
    #[serde(default)]
    pub achievement: String,
    /// Identifies the achievement (initiative, decision, event) so it is never nominated twice.
    #[serde(default)]
    pub achievement_key: Option<String>,
    #[serde(default)]
    pub justification: Option<String>,
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(thidua_domain::text::clean_line)
        .filter(|s| !s.is_empty())
}

/// The validated fields of an input, applied onto `base` (a new row, or the stored one).
pub(super) async fn apply_input(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    input: &NominationInput,
    base: NominationRow,
) -> Result<(NominationRow, String)> {
    let mut v = Validation::new();
    let org = caller.org_id();
    let unit = nominating_unit(tx, caller, input).await?;
    let (subject, nominee_path, name) = nominee(tx, caller, input, &mut v).await?;
    if let Some(p) = &nominee_path
        && !caller.can(Action::Nominate {
            org_id: org,
            unit_path: p,
        })
    {
        v.add("nominee", "Đối tượng đề nghị", "Đối tượng đề nghị không thuộc phạm vi của bạn; chỉ có thể đề nghị cá nhân, tập thể trong phạm vi quản lý.");
    }
    let code = input.code.trim().to_uppercase();
    check_code(rules, &code, subject, &mut v);
    let (kind, justification, procedure) = check_kind(rules, input, &code, &mut v);
    let (year, achievement) = check_year_and_achievement(input, &mut v);
    let (campaign_id, theme_id, route) = campaign_part(tx, caller, input, &unit, &mut v).await?;
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut row = NominationRow {
        campaign_id,
        theme_id,
        route_unit_id: route,
        nominating_unit_id: unit.id.clone(),
        nominee_type: input.nominee_type.trim().into(),
        person_id: if input.nominee_type == "person" {
            opt(&input.person_id)
        } else {
            None
        },
        unit_id: if input.nominee_type == "unit" {
            opt(&input.unit_id)
        } else {
            None
        },
        household_name: if input.nominee_type == "household" {
            opt(&input.household_name)
        } else {
            None
        },
        code,
        kind,
        procedure,
        year,
        achievement,
        achievement_key: opt(&input.achievement_key).map(|k| thidua_domain::text::fold(&k)),
        justification,
        ..base
    };
    row.search_text = row.make_search_text(&name);
    Ok((row, name))
}

/// The nominating unit, if the caller may nominate for it (a unit outside a scoped caller's scope is
/// a field error; a role that may not nominate at all is refused).
async fn nominating_unit(tx: &mut Tx, caller: &Caller, input: &NominationInput) -> Result<UnitRow> {
    let org = caller.org_id();
    let Ok(unit) = units::get(tx, org, input.nominating_unit_id.trim()).await else {
        return Err(invalid(
            "nominating_unit_id",
            "Đơn vị đề nghị",
            "Hãy chọn đơn vị đề nghị.",
        ));
    };
    if !caller.can(Action::Nominate {
        org_id: org,
        unit_path: &unit.path,
    }) {
        if caller.actor.read_scope().is_some() {
            return Err(invalid(
                "nominating_unit_id",
                "Đơn vị đề nghị",
                "Bạn chỉ có thể đề nghị cho đơn vị thuộc phạm vi của mình.",
            ));
        }
        return Err(Error::Forbidden);
    }
    Ok(unit)
}

/// The catalog entry must exist and accept the nominee's subject.
fn check_code(rules: &Rules, code: &str, subject: Option<Subject>, v: &mut Validation) {
    match rules.catalog().find(code) {
        None => v.add(
            "code",
            "Danh hiệu, hình thức",
            "Hãy chọn danh hiệu hoặc hình thức khen thưởng trong danh mục.",
        ),
        Some(e) if subject.is_some_and(|s| !e.accepts(s)) => v.add(
            "code",
            "Danh hiệu, hình thức",
            format!(
                "{} không dành cho {}.",
                e.name,
                subject.map_or("", Subject::label)
            ),
        ),
        Some(_) => {}
    }
}

/// The kind, the justification (required for ad hoc) and the procedure (simplified only for ad hoc,
/// with a form that allows it).
fn check_kind(
    rules: &Rules,
    input: &NominationInput,
    code: &str,
    v: &mut Validation,
) -> (String, Option<String>, String) {
    let kind = input.kind.trim().to_string();
    if !KINDS.iter().any(|(c, _)| *c == kind) {
        v.add("kind", "Loại hình khen thưởng", "Hãy chọn loại hình: công trạng, theo đợt (chuyên đề), đột xuất, quá trình cống hiến hoặc đối ngoại.");
    }
    let justification = opt(&input.justification);
    if kind == "ad_hoc" && justification.is_none() {
        v.add(
            "justification",
            "Lý do khen thưởng đột xuất",
            "Khen thưởng đột xuất cần nêu rõ thành tích đột xuất và lý do.",
        );
    }
    let procedure = opt(&input.procedure).unwrap_or_else(|| "standard".into());
    let simplified_ok = rules
        .catalog()
        .find(code)
        .is_some_and(|e| e.documents_simplified.is_some());
    match procedure.as_str() {
        "standard" => {}
        "simplified" if kind == "ad_hoc" && simplified_ok => {}
        "simplified" => v.add("procedure", "Thủ tục", "Thủ tục đơn giản chỉ áp dụng cho khen thưởng đột xuất bằng hình thức cho phép thủ tục đơn giản (Điều 85 Luật TĐKT 2022)."),
        _ => v.add("procedure", "Thủ tục", "Thủ tục phải là thông thường hoặc đơn giản."),
    }
    (kind, justification, procedure)
}

/// The year of the achievement (this year by default) and its summary.
fn check_year_and_achievement(input: &NominationInput, v: &mut Validation) -> (i64, String) {
    let year = input
        .year
        .unwrap_or_else(|| i64::from(crate::today().year()));
    if !(2000..=2100).contains(&year) {
        v.add(
            "year",
            "Năm thành tích",
            "Năm thành tích phải có bốn chữ số, ví dụ 2025.",
        );
    }
    let achievement = thidua_domain::text::clean(&input.achievement);
    if achievement.is_empty() {
        v.add(
            "achievement",
            "Tóm tắt thành tích",
            "Hãy tóm tắt thành tích được đề nghị khen thưởng.",
        );
    }
    (year, achievement)
}

/// The nominee: its rules subject, the unit path that decides scope (none for a household), its name.
async fn nominee(
    tx: &mut Tx,
    caller: &Caller,
    input: &NominationInput,
    v: &mut Validation,
) -> Result<(Option<Subject>, Option<String>, String)> {
    let org = caller.org_id();
    Ok(match input.nominee_type.trim() {
        "person" => match opt(&input.person_id) {
            Some(id) => match persons::get(tx, org, &id).await {
                Ok(p) => (Some(Subject::Individual), Some(p.unit_path), p.full_name),
                Err(_) => {
                    v.add(
                        "person_id",
                        "Cá nhân được đề nghị",
                        "Không tìm thấy cá nhân đã chọn.",
                    );
                    (None, None, String::new())
                }
            },
            None => {
                v.add(
                    "person_id",
                    "Cá nhân được đề nghị",
                    "Hãy chọn cá nhân được đề nghị.",
                );
                (None, None, String::new())
            }
        },
        "unit" => match opt(&input.unit_id) {
            Some(id) => match units::get(tx, org, &id).await {
                Ok(u) => (Some(Subject::Collective), Some(u.path), u.name),
                Err(_) => {
                    v.add(
                        "unit_id",
                        "Tập thể được đề nghị",
                        "Không tìm thấy tập thể đã chọn.",
                    );
                    (None, None, String::new())
                }
            },
            None => {
                v.add(
                    "unit_id",
                    "Tập thể được đề nghị",
                    "Hãy chọn tập thể được đề nghị.",
                );
                (None, None, String::new())
            }
        },
        "household" => match opt(&input.household_name) {
            Some(n) => (Some(Subject::Household), None, n),
            None => {
                v.add(
                    "household_name",
                    "Hộ gia đình",
                    "Hãy ghi tên chủ hộ gia đình được đề nghị.",
                );
                (None, None, String::new())
            }
        },
        _ => {
            v.add(
                "nominee_type",
                "Đối tượng đề nghị",
                "Hãy chọn đối tượng: cá nhân, tập thể hoặc hộ gia đình.",
            );
            (None, None, String::new())
        }
    })
}

/// The campaign and theme (a launched campaign the unit takes part in) and the theme's lead unit.
async fn campaign_part(
    tx: &mut Tx,
    caller: &Caller,
    input: &NominationInput,
    unit: &units::UnitRow,
    v: &mut Validation,
) -> Result<(Option<String>, Option<String>, Option<String>)> {
    let Some(cid) = opt(&input.campaign_id) else {
        if opt(&input.theme_id).is_some() {
            v.add(
                "campaign_id",
                "Kế hoạch, phong trào",
                "Hãy chọn kế hoạch của chuyên đề.",
            );
        }
        return Ok((None, None, None));
    };
    let Ok(c) = campaigns::get(tx, caller.org_id(), &cid).await else {
        v.add(
            "campaign_id",
            "Kế hoạch, phong trào",
            "Không tìm thấy kế hoạch đã chọn.",
        );
        return Ok((None, None, None));
    };
    if status_of(&c) != CampaignStatus::Launched {
        v.add(
            "campaign_id",
            "Kế hoạch, phong trào",
            format!("Kế hoạch «{}» không ở trạng thái đang triển khai.", c.title),
        );
    }
    let takes_part = campaigns::participants(tx, &cid)
        .await?
        .iter()
        .any(|p| thidua_domain::org::is_within(&unit.path, &p.unit_path));
    if !takes_part {
        v.add(
            "campaign_id",
            "Kế hoạch, phong trào",
            format!(
                "{} không phải là đơn vị tham gia kế hoạch «{}».",
                unit.name, c.title
            ),
        );
    }
    let Some(tid) = opt(&input.theme_id) else {
        return Ok((Some(cid), None, None));
    };
    match campaign_parts::theme(tx, &cid, &tid).await {
        // The lead unit's own nominations need no consolidation by itself: they go to the office.
        Ok(t) => Ok((
            Some(cid),
            Some(t.id),
            t.lead_unit_id.filter(|lead| *lead != unit.id),
        )),
        Err(_) => {
            v.add(
                "theme_id",
                "Chuyên đề",
                "Chuyên đề đã chọn không thuộc kế hoạch này.",
            );
            Ok((Some(cid), None, None))
        }
    }
}
