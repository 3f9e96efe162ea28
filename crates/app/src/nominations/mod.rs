//! Use cases of nominations (*đề nghị khen thưởng*, step 7): a unit officer prepares a dossier for a
//! person, collective or household in their scope, submits it (checked in [`submit`]), the theme's lead
//! unit forwards or returns it, the standing office appraises it. Every change of state asks
//! [`NominationStatus::apply`], goes through `thidua_store::nominations::set_status` (version-checked,
//! timeline event) and writes the audit row and the notification of whoever acts next.

mod dossier;
pub mod facts;
mod flow;
mod input;
pub mod lowering;
mod report;
mod submit;

pub use dossier::{DocStatus, add_documents, document_status, download};
pub use flow::{BULK_MAX, BulkAction, BulkItem, accept, bulk, forward, return_back, withdraw};
pub use input::NominationInput;
use input::apply_input;
pub use report::achievement_report;
pub use submit::submit;

use super::campaigns::invalid;
use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use crate::rules_cache::rules_in;
use thidua_domain::nomination::{NominationStatus, Part};
use thidua_domain::policy::Action;
use thidua_rules::Rules;
use thidua_store::nominations::{self as store, EventRow, NominationFilter, NominationRow};
use thidua_store::notifications::Addressee;
use thidua_store::{Db, Tx, campaign_parts, ids, persons, units};

/// The nomination kinds (*loại hình khen thưởng*) with their Vietnamese labels.
pub const KINDS: [(&str, &str); 5] = [
    ("merit", "Khen thưởng công trạng và thành tích"),
    ("campaign", "Khen thưởng theo đợt, chuyên đề"),
    ("ad_hoc", "Khen thưởng đột xuất"),
    ("career", "Khen thưởng quá trình cống hiến"),
    ("foreign", "Khen thưởng đối ngoại"),
];

pub fn kind_label(code: &str) -> &str {
    KINDS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, l)| l)
}

pub fn nominee_type_label(code: &str) -> &'static str {
    match code {
        "person" => "Cá nhân",
        "unit" => "Tập thể",
        _ => "Hộ gia đình",
    }
}

pub fn procedure_label(code: &str) -> &'static str {
    if code == "simplified" {
        "Thủ tục đơn giản"
    } else {
        "Thủ tục thông thường"
    }
}

/// The status label of a stored code (never the code itself).
pub fn status_label(code: &str) -> &'static str {
    NominationStatus::parse(code).map_or("Không xác định", NominationStatus::label)
}

/// A nomination with the names the pages and the API show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NominationView {
    pub row: NominationRow,
    pub nominee_name: String,
    pub unit_name: String,
    pub unit_path: String,
    pub code_name: String,
}

/// The name of a catalog code under the organisation's `rules` (the code itself when its catalog
/// lacks the entry).
pub fn code_name(rules: &Rules, code: &str) -> String {
    rules
        .catalog()
        .find(code)
        .map_or_else(|| code.to_string(), |e| e.name.clone())
}

async fn nominee_name(tx: &mut Tx, org_id: &str, r: &NominationRow) -> String {
    match r.nominee_type.as_str() {
        "person" => match &r.person_id {
            Some(p) => persons::get(tx, org_id, p)
                .await
                .map(|p| p.full_name)
                .unwrap_or_default(),
            None => String::new(),
        },
        "unit" => match &r.unit_id {
            Some(u) => units::get(tx, org_id, u)
                .await
                .map(|u| u.name)
                .unwrap_or_default(),
            None => String::new(),
        },
        _ => r.household_name.clone().unwrap_or_default(),
    }
}

async fn view_of(tx: &mut Tx, org_id: &str, row: NominationRow) -> Result<NominationView> {
    let rules = rules_in(tx, org_id).await?;
    view_with(tx, &rules, org_id, row).await
}

/// [`view_of`] with the organisation's rules already at hand (lists read them once).
async fn view_with(
    tx: &mut Tx,
    rules: &Rules,
    org_id: &str,
    row: NominationRow,
) -> Result<NominationView> {
    let unit = units::get(tx, org_id, &row.nominating_unit_id).await?;
    let nominee_name = nominee_name(tx, org_id, &row).await;
    let code_name = code_name(rules, &row.code);
    Ok(NominationView {
        row,
        nominee_name,
        unit_name: unit.name,
        unit_path: unit.path,
        code_name,
    })
}

/// The parts the user plays towards a nomination (nominator, theme lead, office).
async fn parts_of(tx: &mut Tx, caller: &Caller, v: &NominationView) -> Vec<Part> {
    let org = caller.org_id();
    let mut parts = Vec::new();
    if caller.can(Action::Nominate {
        org_id: org,
        unit_path: &v.unit_path,
    }) {
        parts.push(Part::Nominator);
    }
    if let Some(lead) = &v.row.route_unit_id
        && let Ok(u) = units::get(tx, org, lead).await
        && caller.can(Action::ReviewAsThemeLead {
            org_id: org,
            lead_path: &u.path,
        })
    {
        parts.push(Part::ThemeLead);
    }
    if caller.can(Action::Appraise { org_id: org }) {
        parts.push(Part::Office);
    }
    parts
}

/// A nomination the user may see: of a unit in their scope, or routed through a lead unit of theirs
/// once sent (404 otherwise).
pub(crate) async fn visible(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
) -> Result<(NominationView, Vec<Part>)> {
    let rules = rules_in(tx, caller.org_id()).await?;
    visible_with(tx, caller, &rules, id).await
}

/// [`visible`] with the organisation's rules already at hand.
pub(crate) async fn visible_with(
    tx: &mut Tx,
    caller: &Caller,
    rules: &Rules,
    id: &str,
) -> Result<(NominationView, Vec<Part>)> {
    let row = store::get(tx, caller.org_id(), id).await?;
    let v = view_with(tx, rules, caller.org_id(), row).await?;
    let parts = parts_of(tx, caller, &v).await;
    let own = caller.can(Action::ViewNomination {
        org_id: caller.org_id(),
        unit_path: &v.unit_path,
    });
    let as_lead =
        parts.contains(&Part::ThemeLead) && v.row.status != NominationStatus::Draft.code();
    if !own && !as_lead {
        return Err(Error::NotFound);
    }
    Ok((v, parts))
}

pub fn status_of_row(r: &NominationRow) -> NominationStatus {
    NominationStatus::parse(&r.status).unwrap_or(NominationStatus::Draft)
}

/// Creates a draft.
pub async fn create(db: &Db, caller: &Caller, input: &NominationInput) -> Result<NominationView> {
    caller.authorize(Action::Nominate {
        org_id: caller.org_id(),
        unit_path: caller.actor.read_scope().unwrap_or("/"),
    })?;
    let mut tx = db.begin().await?;
    let now = ids::now();
    let base = NominationRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        campaign_id: None,
        theme_id: None,
        nominating_unit_id: String::new(),
        nominee_type: String::new(),
        person_id: None,
        unit_id: None,
        household_name: None,
        code: String::new(),
        original_code: None,
        kind: String::new(),
        procedure: String::new(),
        year: 0,
        achievement: String::new(),
        achievement_key: None,
        justification: None,
        status: NominationStatus::Draft.code().into(),
        route_unit_id: None,
        round: 1,
        submitted_at: None,
        checks_json: None,
        confidential: false,
        search_text: String::new(),
        created_by: caller.user_ref(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (row, name) = apply_input(&mut tx, caller, &rules, input, base).await?;
    store::insert(&mut tx, &row).await?;
    store::add_event(
        &mut tx,
        &EventRow {
            id: ids::new_id(),
            nomination_id: row.id.clone(),
            at: ids::now(),
            user_id: caller.user_ref(),
            user_name: caller.author(),
            action: "create".into(),
            from_status: None,
            to_status: row.status.clone(),
            round: 1,
            note: None,
        },
    )
    .await?;
    Audit::new(
        "nomination.create",
        "nomination",
        &row.id,
        &label(&rules, &name, &row),
    )
    .after(&row)
    .write(&mut tx, caller)
    .await?;
    let view = view_with(&mut tx, &rules, caller.org_id(), row).await?;
    tx.commit().await?;
    Ok(view)
}

pub(crate) fn label(rules: &Rules, nominee: &str, r: &NominationRow) -> String {
    format!("{nominee} — {} ({})", code_name(rules, &r.code), r.year)
}

/// Edits a draft or returned nomination with the version read.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &NominationInput,
) -> Result<NominationView> {
    let mut tx = db.begin().await?;
    let (v, parts) = visible(&mut tx, caller, id).await?;
    if !parts.contains(&Part::Nominator) {
        return Err(Error::Forbidden);
    }
    if !status_of_row(&v.row).editable_by_unit() {
        return Err(invalid(
            "status",
            "Trạng thái",
            format!(
                "Chỉ sửa được hồ sơ đang soạn hoặc bị trả lại; hồ sơ đang ở trạng thái «{}».",
                status_label(&v.row.status)
            ),
        ));
    }
    let before = v.row.clone();
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let (row, name) = apply_input(
        &mut tx,
        caller,
        &rules,
        input,
        NominationRow { version, ..v.row },
    )
    .await?;
    let after = store::update(&mut tx, &row).await?;
    Audit::new(
        "nomination.update",
        "nomination",
        &after.id,
        &label(&rules, &name, &after),
    )
    .before(&before)
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    let view = view_with(&mut tx, &rules, caller.org_id(), after).await?;
    tx.commit().await?;
    Ok(view)
}

/// One nomination with its timeline.
pub async fn get(
    db: &Db,
    caller: &Caller,
    id: &str,
) -> Result<(NominationView, Vec<EventRow>, Vec<Part>)> {
    let mut tx = db.begin_read().await?;
    let (v, parts) = visible(&mut tx, caller, id).await?;
    let events = store::events(&mut tx, id).await?;
    tx.commit().await?;
    Ok((v, events, parts))
}

/// The nominations the user may see: their units' (unit officers), plus those routed through a lead
/// unit of theirs; everything for the office. `pending` keeps those waiting for appraisal.
pub async fn list(
    db: &Db,
    caller: &Caller,
    filter: &NominationFilter,
    pending: bool,
) -> Result<Vec<NominationView>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let mut f = filter.clone();
    if pending {
        f.status = Some(NominationStatus::Submitted.code().into());
    }
    // Read only what may be shown (else a unit officer's rows could fall beyond the 500 read).
    f.scope_path = caller.actor.read_scope().map(str::to_string);
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let mut rows = Vec::new();
    for n in store::list_named(&mut tx, caller.org_id(), &f, 500).await? {
        let own = caller.can(Action::ViewNomination {
            org_id: caller.org_id(),
            unit_path: &n.unit_path,
        });
        let as_lead = n.row.status != "draft"
            && n.route_path.as_deref().is_some_and(|lead_path| {
                caller.can(Action::ReviewAsThemeLead {
                    org_id: caller.org_id(),
                    lead_path,
                })
            });
        if own || as_lead {
            let code_name = code_name(&rules, &n.row.code);
            let nominee_name = match n.row.nominee_type.as_str() {
                "person" | "unit" => n.nominee_name.unwrap_or_default(),
                _ => n.row.household_name.clone().unwrap_or_default(),
            };
            rows.push(NominationView {
                row: n.row,
                nominee_name,
                unit_name: n.unit_name,
                unit_path: n.unit_path,
                code_name,
            });
        }
    }
    tx.commit().await?;
    Ok(rows)
}

/// Counts by status (labels) within the user's scope, in the order of the state machine.
pub async fn dashboard(db: &Db, caller: &Caller) -> Result<Vec<(&'static str, &'static str, i64)>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let counts =
        store::counts_by_status(&mut tx, caller.org_id(), caller.actor.read_scope()).await?;
    tx.commit().await?;
    Ok(NominationStatus::ALL
        .iter()
        .filter_map(|s| {
            counts
                .iter()
                .find(|(c, _)| c == s.code())
                .map(|(_, n)| (s.code(), s.label(), *n))
        })
        .collect())
}

pub(crate) async fn notify(
    tx: &mut Tx,
    caller: &Caller,
    to: Addressee<'_>,
    text: &str,
    nomination_id: &str,
) -> Result<()> {
    crate::notices::notify(
        tx,
        caller.org_id(),
        to,
        text,
        &format!("/nominations/{nomination_id}"),
    )
    .await?;
    Ok(())
}

/// The Vietnamese label of a timeline event's action.
pub fn event_label(action: &str) -> &'static str {
    match action {
        "create" => "Tạo hồ sơ",
        "submit" => "Gửi hồ sơ",
        "forward" => "Đơn vị chủ trì chuyển Thường trực Hội đồng",
        "return" => "Trả lại hồ sơ",
        "withdraw" => "Đơn vị thu hồi hồ sơ",
        "accept" => "Thẩm định: chấp nhận",
        "schedule" => "Đưa ra phiên họp Hội đồng",
        "unschedule" => "Rút khỏi phiên họp",
        "pass" => "Hội đồng thông qua",
        "fail" => "Hội đồng không thông qua",
        "decide" => "Quyết định khen thưởng",
        "forward_up" => "Trình cấp trên",
        "revoke" => "Hủy quyết định",
        _ => "Cập nhật hồ sơ",
    }
}

/// The warnings kept at submission, as text.
pub fn warnings_of(r: &NominationRow) -> Vec<String> {
    let parsed: Vec<serde_json::Value> = r
        .checks_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    parsed
        .iter()
        .filter_map(|w| w["message"].as_str().map(str::to_string))
        .collect()
}

/// The path of a unit the user may see (list filters).
pub async fn unit_path(db: &Db, caller: &Caller, unit_id: &str) -> Result<String> {
    let mut tx = db.begin_read().await?;
    let u = units::get(&mut tx, caller.org_id(), unit_id).await?;
    tx.commit().await?;
    caller.authorize(Action::ViewUnit {
        org_id: caller.org_id(),
        unit_path: &u.path,
    })?;
    Ok(u.path)
}

/// Choices of the form: people in the user's scope (id, "name — unit") and the themes of the launched
/// campaigns given (id, "campaign — theme").
pub async fn form_choices(
    db: &Db,
    caller: &Caller,
    launched: &[(String, String)],
) -> Result<(Vec<(String, String)>, Vec<(String, String)>)> {
    let mut tx = db.begin_read().await?;
    let filter = persons::PersonFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        ..Default::default()
    };
    let people = persons::list(&mut tx, caller.org_id(), &filter, 2000, 0)
        .await?
        .into_iter()
        .map(|p| (p.id, format!("{} — {}", p.full_name, p.unit_name)))
        .collect();
    let mut themes = Vec::new();
    for (cid, title) in launched {
        themes.extend(
            campaign_parts::themes(&mut tx, cid)
                .await?
                .into_iter()
                .map(|t| (t.id, format!("{title} — {}", t.title))),
        );
    }
    tx.commit().await?;
    Ok((people, themes))
}

/// A Content-Disposition header for a document, with an ASCII file name.
pub fn attachment(name: &str) -> String {
    let ascii: String = thidua_domain::text::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"")
}
