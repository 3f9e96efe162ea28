//! Use cases of the award history (step 9 of the process: titles, history, eligibility): record
//! titles, awards, ratings, disciplines and initiatives of a person or unit (audited, version-checked),
//! turn the stored rows into a `thidua_rules::Ledger` (a merged unit carries its predecessors' history),
//! and ask the rules engine for eligibility with reasons, the roadmap and the reward money.

use super::today;
use crate::Caller;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::date::parse as parse_date;
use thidua_domain::policy::Action;
use thidua_rules::{
    AwardRecord, Catalog, Code, Discipline, Evaluation, Initiative, Jurisdiction, Ledger, Nominee,
    Proposal, RatingRecord, RoadmapItem, Roster, Rules, Subject,
};
use thidua_store::ledger::{self, StoredLedger};
use thidua_store::{Db, Tx, persons, units};

pub mod batch;
mod entries;
pub(crate) use entries::golden_book_no;
pub mod reviews;

use entries::year_field;

pub use super::rules_cache::{rules_for, rules_in};
pub use entries::{
    AwardInput, AwardToEdit, DisciplineInput, InitiativeInput, RatingInput, add_award,
    add_discipline, add_initiative, award_to_edit, set_rating, update_award, validate_award,
    validate_rating,
};

/// Parses a snake_case code into one of the rules crate's enums (`excellent` → `Rating::Excellent`).
pub fn parse_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.trim().to_string())).ok()
}

/// The snake_case code of one of the rules crate's enums.
pub fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Whose history: a person or a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Person,
    Unit,
}

impl SubjectKind {
    pub fn code(self) -> &'static str {
        match self {
            SubjectKind::Person => "person",
            SubjectKind::Unit => "unit",
        }
    }
    /// The rules crate's subject.
    pub fn rules_subject(self) -> Subject {
        match self {
            SubjectKind::Person => Subject::Individual,
            SubjectKind::Unit => Subject::Collective,
        }
    }
    /// Path prefix of its pages (`/people`, `/units`).
    pub fn base(self) -> &'static str {
        match self {
            SubjectKind::Person => "/people",
            SubjectKind::Unit => "/units",
        }
    }
}

/// A person or unit the user may see, with what the policy and the pages need.
#[derive(Debug, Clone, Serialize)]
pub struct HonoursSubject {
    pub kind: SubjectKind,
    pub id: String,
    pub name: String,
    /// The unit path that decides the scope (the person's unit, or the unit itself).
    pub unit_path: String,
    /// The person's unit, or the unit itself.
    pub unit_id: String,
    pub unit_name: String,
    /// Closed by a merge or split.
    pub closed: bool,
}

/// Reads a person or unit whose history the user may read (404 otherwise).
pub async fn visible_subject(
    tx: &mut Tx,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
) -> Result<HonoursSubject> {
    let subject = match kind {
        SubjectKind::Person => {
            let p = persons::get(tx, caller.org_id(), id).await?;
            let u = units::get(tx, caller.org_id(), &p.unit_id).await?;
            HonoursSubject {
                kind,
                id: p.id,
                name: p.full_name,
                unit_path: p.unit_path,
                unit_id: u.id,
                unit_name: u.name,
                closed: false,
            }
        }
        SubjectKind::Unit => {
            let u = units::get(tx, caller.org_id(), id).await?;
            HonoursSubject {
                kind,
                id: u.id.clone(),
                name: u.name.clone(),
                unit_path: u.path,
                unit_id: u.id,
                unit_name: u.name,
                closed: u.valid_to.is_some(),
            }
        }
    };
    caller.authorize(Action::ViewHonours {
        org_id: caller.org_id(),
        unit_path: &subject.unit_path,
    })?;
    Ok(subject)
}

async fn editable_subject(
    tx: &mut Tx,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
) -> Result<HonoursSubject> {
    let s = visible_subject(tx, caller, kind, id).await?;
    caller.authorize(Action::EditHonours {
        org_id: caller.org_id(),
        unit_path: &s.unit_path,
    })?;
    Ok(s)
}

/// The stored history of a subject, with the predecessors whose history it carries.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub subject: HonoursSubject,
    /// Rows recorded for the subject itself and for its predecessors.
    pub stored: StoredLedger,
    /// Predecessor units (id, name) whose rows are included.
    pub predecessors: Vec<(String, String)>,
    /// Reviews open or closed about the subject itself (they block awards while open).
    pub reviews: Vec<thidua_store::ledger_reviews::ReviewRow>,
    /// What the rules engine reads.
    #[serde(skip)]
    pub ledger: Ledger,
}

fn corrupt(what: &str) -> Error {
    Error::Internal(anyhow::anyhow!("stored ledger row malformed: {what}"))
}

fn to_u32(v: i64) -> Option<u32> {
    u32::try_from(v).ok()
}

/// Turns the stored rows of one subject into the engine's ledger.
pub fn to_ledger(id: &str, subject: Subject, s: &StoredLedger) -> Result<Ledger> {
    let year = |y: i64| i32::try_from(y).map_err(|_| corrupt("year"));
    let mut l = Ledger {
        id: id.to_string(),
        subject,
        ..Ledger::default()
    };
    for r in &s.ratings {
        l.ratings.push(RatingRecord {
            year: year(r.year)?,
            rating: parse_code(&r.rating).ok_or_else(|| corrupt("rating"))?,
        });
    }
    for a in &s.awards {
        let mut rec = AwardRecord::new(a.code.clone(), year(a.year)?);
        rec.decision_no = a.decision_no.clone();
        rec.decision_date = a.decision_date.as_deref().and_then(parse_date);
        rec.issuer = a.issuer.clone();
        rec.golden_book_no = a.golden_book_no.and_then(to_u32);
        rec.achievement_id = a.achievement_id.clone();
        rec.kind = parse_code(&a.kind).ok_or_else(|| corrupt("kind"))?;
        rec.initiatives = s
            .initiatives
            .iter()
            .filter(|i| i.used_by_award_id.as_deref() == Some(a.id.as_str()))
            .map(|i| i.id.clone())
            .collect();
        rec.revoked = a.revoked;
        l.awards.push(rec);
    }
    for d in &s.disciplines {
        let (Some(from), Some(to)) = (parse_date(&d.from_date), parse_date(&d.to_date)) else {
            return Err(corrupt("discipline dates"));
        };
        l.disciplines.push(Discipline {
            level: parse_code(&d.level).ok_or_else(|| corrupt("discipline level"))?,
            from,
            to,
        });
    }
    for i in &s.initiatives {
        // A register initiative used as the basis of a co-author's award is spent for every author.
        let spent_elsewhere = i.register_id.is_some()
            && i.used_by_award_id
                .as_deref()
                .is_some_and(|a| !s.awards.iter().any(|x| x.id == a));
        if spent_elsewhere {
            continue;
        }
        l.initiatives.push(Initiative {
            id: i.id.clone(),
            name: i.name.clone(),
            year: year(i.year)?,
            level: parse_code(&i.level).ok_or_else(|| corrupt("initiative level"))?,
            research: i.research,
            applied_in: i.applied_in.clone(),
        });
    }
    Ok(l)
}

/// Loads the history of a subject the user may see. A unit's includes its predecessors' rows
/// (merged with `thidua_rules::merge_ledgers`), so history follows the successor.
pub async fn history_in(
    tx: &mut Tx,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
) -> Result<History> {
    let subject = visible_subject(tx, caller, kind, id).await?;
    let own = ledger::load(tx, caller.org_id(), id).await?;
    let mut parts = vec![to_ledger(id, kind.rules_subject(), &own)?];
    let mut stored = own;
    let mut predecessors = Vec::new();
    if kind == SubjectKind::Unit {
        for pid in units::predecessors(tx, id).await? {
            let name = units::get(tx, caller.org_id(), &pid).await?.name;
            let rows = ledger::load(tx, caller.org_id(), &pid).await?;
            parts.push(to_ledger(&pid, Subject::Collective, &rows)?);
            stored.awards.extend(rows.awards);
            stored.ratings.extend(rows.ratings);
            stored.disciplines.extend(rows.disciplines);
            stored.initiatives.extend(rows.initiatives);
            predecessors.push((pid, name));
        }
    }
    stored
        .awards
        .sort_by(|a, b| (a.year, &a.code).cmp(&(b.year, &b.code)));
    stored.ratings.sort_by_key(|r| r.year);
    let mut ledger = if parts.len() > 1 {
        thidua_rules::merge_ledgers(id, &parts)
    } else {
        parts.remove(0)
    };
    let reviews = thidua_store::ledger_reviews::of_subject(tx, caller.org_id(), id).await?;
    ledger.reviews.extend(reviews::to_rules(&reviews));
    Ok(History {
        subject,
        stored,
        predecessors,
        reviews,
        ledger,
    })
}

pub async fn history(db: &Db, caller: &Caller, kind: SubjectKind, id: &str) -> Result<History> {
    let mut tx = db.begin_read().await?;
    let h = history_in(&mut tx, caller, kind, id).await?;
    tx.commit().await?;
    Ok(h)
}

/// What to check: a title or form, the year of achievement, the decision date, the jurisdiction.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct EligibilityInput {
    /// Catalog code.
    pub code: String,
    /// Year of achievement; default: last year.
    pub year: String,
    /// Decision date `dd/mm/yyyy` or `yyyy-mm-dd`; selects the rule set in force. Default: today.
    pub date: String,
    /// `VN` (default) or a province code with its own rule set (`HN`, `HCM`, `BN`).
    pub jurisdiction: String,
    /// Level of the body that would decide (`tinh`, `so`, `huyen`, `xa`, `bo`, `trung_uong`,
    /// `doanh_nghiep`), so "may this level decide it on that date" is answered; empty: not asked.
    pub decider_level: String,
}

/// The deciding levels the catalog knows, with their names (select boxes; checked input).
pub const DECIDER_LEVELS: [(&str, &str); 8] = [
    ("trung_uong", "Trung ương (Chủ tịch nước, Thủ tướng)"),
    ("bo", "Bộ, ban, ngành, đoàn thể trung ương"),
    ("don_vi_thuoc_bo", "Đơn vị thuộc bộ, ngành"),
    ("tinh", "Tỉnh, thành phố"),
    ("so", "Sở, ban, ngành thuộc tỉnh"),
    ("huyen", "Huyện, quận, thị xã (đến 30/06/2025)"),
    ("xa", "Xã, phường, đặc khu"),
    ("doanh_nghiep", "Doanh nghiệp, hợp tác xã"),
];

/// The deciding level of a body of `unit_level` (the organisation's levels → the catalog's).
pub fn decider_level_of(unit_level: &str) -> Option<&'static str> {
    match unit_level {
        "central" => Some("trung_uong"),
        "province" => Some("tinh"),
        "district" => Some("huyen"),
        "commune" => Some("xa"),
        _ => None,
    }
}

/// A checked eligibility request.
#[derive(Debug, Clone)]
pub struct EligibilityQuery {
    pub code: Code,
    pub year: i32,
    pub date: time::Date,
    pub jurisdiction: Jurisdiction,
    pub decider_level: Option<thidua_rules::Level>,
}

pub fn validate_eligibility(
    input: &EligibilityInput,
    subject: Subject,
    catalog: &Catalog,
) -> Result<EligibilityQuery, Validation> {
    let mut v = Validation::new();
    let code = input.code.trim().to_uppercase();
    match catalog.find(&code) {
        None => v.add(
            "code",
            "Danh hiệu, hình thức",
            "Hãy chọn danh hiệu hoặc hình thức cần kiểm tra.",
        ),
        Some(e) if !e.accepts(subject) => v.add(
            "code",
            "Danh hiệu, hình thức",
            format!("{} không dành cho {}.", e.name, subject.label()),
        ),
        Some(_) => {}
    }
    let year = if input.year.trim().is_empty() {
        i64::from(today().year()) - 1
    } else {
        year_field(&mut v, "year", "Năm đạt thành tích", &input.year)
    };
    let date = if input.date.trim().is_empty() {
        Some(today())
    } else {
        let d = parse_date(&input.date);
        if d.is_none() {
            v.add(
                "date",
                "Ngày xét",
                "Ngày xét phải có dạng ngày/tháng/năm, ví dụ 15/01/2026.",
            );
        }
        d
    };
    let jurisdiction = match input.jurisdiction.trim() {
        "" => Jurisdiction::national(),
        j => Jurisdiction::new(j.to_uppercase()),
    };
    let decider_level = match input.decider_level.trim() {
        "" => None,
        l if DECIDER_LEVELS.iter().any(|(c, _)| *c == l) => Some(thidua_rules::Level::new(l)),
        l => {
            v.add(
                "decider_level",
                "Cấp quyết định",
                format!(
                    "Cấp quyết định \u{201c}{l}\u{201d} không có; hãy chọn một trong: {}.",
                    DECIDER_LEVELS.map(|(c, _)| c).join(", ")
                ),
            );
            None
        }
    };
    if !v.is_ok() {
        return Err(v);
    }
    let (Some(date), Ok(year)) = (date, i32::try_from(year)) else {
        return Err(v);
    };
    Ok(EligibilityQuery {
        code: Code::new(code),
        year,
        date,
        jurisdiction,
        decider_level,
    })
}

/// People directly in a unit, as the roster of a year (for collective titles: ratio of members
/// with titles, ratings, disciplines).
async fn roster(tx: &mut Tx, caller: &Caller, unit_id: &str, year: i32) -> Result<Roster> {
    let filter = persons::PersonFilter {
        unit_id: Some(unit_id.to_string()),
        ..Default::default()
    };
    let people = persons::list(tx, caller.org_id(), &filter, 10_000, 0).await?;
    let mut ledgers = Vec::with_capacity(people.len());
    for p in people {
        let rows = ledger::load(tx, caller.org_id(), &p.id).await?;
        ledgers.push(to_ledger(&p.id, Subject::Individual, &rows)?);
    }
    Ok(Roster::from_ledgers(year, &ledgers))
}

fn rules_error(e: thidua_rules::RulesError) -> Error {
    Error::Rejected(e.to_string())
}

/// Evaluates every rule of the organisation's rule set in force on the date for a proposed title or form.
pub async fn evaluate(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &EligibilityInput,
) -> Result<(History, Evaluation)> {
    evaluate_with(db, caller, kind, id, input, |_| {}).await
}

/// [`evaluate`] with the facts a dossier knows beyond the request (its documents, kind, procedure,
/// vote), so the answer is about this dossier rather than "not checked".
pub async fn evaluate_with(
    db: &Db,
    caller: &Caller,
    kind: SubjectKind,
    id: &str,
    input: &EligibilityInput,
    facts: impl FnOnce(&mut Proposal),
) -> Result<(History, Evaluation)> {
    let mut tx = db.begin_read().await?;
    let h = history_in(&mut tx, caller, kind, id).await?;
    let rules = rules_in(&mut tx, caller.org_id()).await?;
    let q = validate_eligibility(input, kind.rules_subject(), rules.catalog())?;
    let roster = if kind == SubjectKind::Unit {
        Some(roster(&mut tx, caller, id, q.year).await?)
    } else {
        None
    };
    let person_kind = match kind {
        SubjectKind::Person => Some(persons::get(&mut tx, caller.org_id(), id).await?.kind),
        _ => None,
    };
    tx.commit().await?;
    let mut proposal = Proposal::new(q.code.as_str(), q.year, q.date, q.jurisdiction);
    proposal.decider_level = q.decider_level;
    known_from_kind(&mut proposal, person_kind.as_deref());
    facts(&mut proposal);
    let nominee = match &roster {
        Some(r) => Nominee::with_roster(&h.ledger, r),
        None => Nominee::new(&h.ledger),
    };
    let eval = rules.evaluate(nominee, &proposal).map_err(rules_error)?;
    Ok((h, eval))
}

/// Facts the person's kind decides, so they are not left for someone to confirm: "ingenuity in
/// combat" (Luật TĐKT Điều 23(2), a basis of CSTĐCS) is open only to the armed forces.
fn known_from_kind(p: &mut Proposal, person_kind: Option<&str>) {
    if let Some(k) = person_kind
        && k != "soldier"
    {
        p.assertions.insert(COMBAT_INGENUITY.to_string(), false);
    }
}

/// The rule set's key for "sáng tạo trong chiến đấu, phục vụ chiến đấu".
const COMBAT_INGENUITY: &str = "sang_tao_chien_dau";

/// The next honours within reach, evaluated for last year on `date` (default today).
pub fn roadmap(
    rules: &Rules,
    h: &History,
    date: time::Date,
    jurisdiction: &Jurisdiction,
) -> Result<Vec<RoadmapItem>> {
    rules
        .roadmap(&h.ledger, date.year() - 1, date, jurisdiction)
        .map_err(rules_error)
}

/// Reward money of `code` for this kind of subject decided on `date`, explained in Vietnamese.
pub fn reward_text(
    rules: &Rules,
    code: &Code,
    kind: SubjectKind,
    date: time::Date,
) -> Option<String> {
    rules
        .reward(code, kind.rules_subject(), date)
        .ok()
        .map(|r| r.explanation)
}
