//! A session of the initiative council (Hội đồng sáng kiến, or Hội đồng khoa học for research works):
//! its date, minutes number and members present, and its result for each initiative sent to it —
//! recognised at a level and scope (base; ministry or province; national) or not. Only the standing
//! office records it. A recognised initiative is written into each author's ledger, where the
//! eligibility engine finds it (Chiến sĩ thi đua cơ sở: "sáng kiến được công nhận").

use super::readable;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::initiative::{Event, Level, Status, transition};
use thidua_domain::policy::Action;
use thidua_store::initiatives::{self as store, Filter, InitiativeRow, SessionRow};
use thidua_store::ledger::{self, Owner};
use thidua_store::{Db, Tx, ids, units};

/// The council's result for one initiative: `base`, `province`, `national`, `not_recognised`, or empty
/// (not decided in this session).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ResultInput {
    pub initiative_id: String,
    pub outcome: String,
    /// Where it applies or its influence, in words (phạm vi ảnh hưởng).
    pub scope_note: String,
}

/// A session as typed; `held_on` `dd/mm/yyyy`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SessionInput {
    /// `initiative` (Hội đồng sáng kiến, default) or `science` (Hội đồng khoa học).
    pub council: String,
    pub held_on: String,
    /// Số biên bản.
    pub minutes_no: String,
    /// The members present, one name a line.
    pub members_present: String,
    pub note: String,
    pub results: Vec<ResultInput>,
}

/// A recorded session and the initiatives it decided on (those the caller may read).
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub session: SessionRow,
    pub decided: Vec<InitiativeRow>,
}

/// The council's label.
pub fn council_label(code: &str) -> &'static str {
    match code {
        "science" => "Hội đồng khoa học",
        _ => "Hội đồng sáng kiến",
    }
}

/// The initiatives waiting for the council (sent by the office), for the session form.
pub async fn pending(db: &Db, caller: &Caller) -> Result<Vec<InitiativeRow>> {
    caller.authorize(Action::EvaluateInitiatives {
        org_id: caller.org_id(),
    })?;
    let f = Filter {
        status: Some(Status::UnderEvaluation.code().into()),
        ..Filter::default()
    };
    let mut t = db.begin_read().await?;
    let rows = store::list(&mut t, caller.org_id(), &f).await?;
    t.commit().await?;
    Ok(rows.into_iter().map(|l| l.row).collect())
}

/// The sessions recorded, newest first.
pub async fn sessions(db: &Db, caller: &Caller) -> Result<Vec<SessionRow>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut t = db.begin_read().await?;
    let rows = store::sessions(&mut t, caller.org_id()).await?;
    t.commit().await?;
    Ok(rows)
}

/// A session with the initiatives it decided on that the caller may read.
pub async fn view(db: &Db, caller: &Caller, id: &str) -> Result<SessionView> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut t = db.begin_read().await?;
    let tx = &mut t;
    let session = store::session(tx, caller.org_id(), id).await?;
    let decided = store::of_session(tx, caller.org_id(), id)
        .await?
        .into_iter()
        .filter(|r| {
            caller.can(Action::ViewInitiative {
                org_id: caller.org_id(),
                unit_path: &r.unit_path,
            })
        })
        .collect();
    t.commit().await?;
    Ok(SessionView { session, decided })
}

/// Checks the session's own fields.
fn session_row(caller: &Caller, input: &SessionInput) -> (SessionRow, Validation) {
    let mut v = Validation::new();
    let council = match input.council.trim() {
        "" | "initiative" => "initiative",
        "science" => "science",
        _ => {
            v.add(
                "council",
                "Hội đồng",
                "Hãy chọn Hội đồng sáng kiến hoặc Hội đồng khoa học.",
            );
            "initiative"
        }
    };
    let held_on = match thidua_domain::date::parse(&input.held_on) {
        Some(d) if d <= crate::today() => thidua_domain::date::iso(d),
        _ => {
            v.add(
                "held_on",
                "Ngày họp",
                "Ngày họp phải là một ngày đã qua hoặc hôm nay, dạng ngày/tháng/năm.",
            );
            String::new()
        }
    };
    let minutes_no = v.required_text("minutes_no", "Số biên bản", &input.minutes_no, 100);
    let members: Vec<String> = input
        .members_present
        .lines()
        .map(thidua_domain::text::clean_line)
        .filter(|s| !s.is_empty())
        .collect();
    if members.is_empty() {
        v.add(
            "members_present",
            "Thành viên có mặt",
            "Hãy ghi tên các thành viên Hội đồng có mặt, mỗi người một dòng.",
        );
    }
    let note = v.optional_text("note", "Ghi chú", &input.note, 2000);
    let row = SessionRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        council: council.into(),
        held_on,
        minutes_no,
        present: members.len() as i64,
        members_present: members.join("\n"),
        note,
        recorded_by_name: caller.author(),
        created_at: ids::now(),
    };
    (row, v)
}

/// The event a typed outcome stands for; `None` for an initiative left for a later session.
fn outcome(v: &mut Validation, i: usize, raw: &str) -> Option<Event> {
    match raw.trim() {
        "" => None,
        "not_recognised" => Some(Event::Reject),
        code => match Level::parse(code) {
            Some(l) => Some(Event::Recognise(l)),
            None => {
                v.add(&format!("results[{i}].outcome"), "Kết quả", "Kết quả phải là công nhận cấp cơ sở, cấp bộ/tỉnh, toàn quốc, hoặc không công nhận.");
                None
            }
        },
    }
}

/// Records a session and its results, all or nothing.
pub async fn record(db: &Db, caller: &Caller, input: &SessionInput) -> Result<SessionRow> {
    caller.authorize(Action::EvaluateInitiatives {
        org_id: caller.org_id(),
    })?;
    let mut t = db.begin().await?;
    let tx = &mut t;
    let (session, mut v) = session_row(caller, input);
    let mut decided = Vec::new();
    for (i, r) in input.results.iter().enumerate() {
        if let Some(e) = outcome(&mut v, i, &r.outcome) {
            decided.push((i, r, e));
        }
    }
    if decided.is_empty() && v.is_ok() {
        v.add(
            "results",
            "Kết quả",
            "Hãy ghi kết quả của Hội đồng cho ít nhất một sáng kiến.",
        );
    }
    v.finish(()).map_err(Error::Invalid)?;
    store::insert_session(tx, &session).await?;
    for (i, r, event) in decided {
        decide(tx, caller, &session, i, r, event).await?;
    }
    Audit::new(
        "initiative_session.create",
        "initiative_session",
        &session.id,
        &session.minutes_no,
    )
    .after(&session)
    .write(tx, caller)
    .await?;
    t.commit().await?;
    Ok(session)
}

/// One initiative's result: its new status and level, and for a recognised one a row in each author's
/// ledger.
async fn decide(
    tx: &mut Tx,
    caller: &Caller,
    session: &SessionRow,
    i: usize,
    r: &ResultInput,
    event: Event,
) -> Result<()> {
    let field = format!("results[{i}].initiative_id");
    let refuse = |m: String| {
        let mut v = Validation::new();
        v.add(&field, "Sáng kiến", m);
        Error::Invalid(v)
    };
    let old = readable(tx, caller, r.initiative_id.trim()).await?;
    let status = Status::parse(&old.status).unwrap_or(Status::Proposed);
    let to = transition(status, event).map_err(|m| refuse(format!("«{}»: {m}", old.name)))?;
    let level = match event {
        Event::Recognise(l) => Some(l),
        _ => None,
    };
    let row = store::update(
        tx,
        &InitiativeRow {
            status: to.code().into(),
            level: level.map(|l| l.code().to_string()),
            scope_note: Some(thidua_domain::text::clean_line(&r.scope_note))
                .filter(|s| !s.is_empty()),
            session_id: Some(session.id.clone()),
            result_note: Some(format!("Biên bản số {}", session.minutes_no)),
            ..old.clone()
        },
    )
    .await?;
    if let Some(l) = level {
        to_ledgers(tx, &row, l, session).await?;
    }
    Audit::new("initiative.evaluate", "initiative", &row.id, &row.name)
        .before(&old)
        .after(&row)
        .write(tx, caller)
        .await?;
    Ok(())
}

/// Writes the recognised initiative into each author's ledger (the year of the session).
async fn to_ledgers(
    tx: &mut Tx,
    row: &InitiativeRow,
    level: Level,
    session: &SessionRow,
) -> Result<()> {
    let year = session
        .held_on
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(row.year);
    let unit = units::get(tx, &row.org_id, &row.unit_id).await?.name;
    for a in store::authors(tx, &row.id).await? {
        let mut l = ledger::InitiativeRow::new(
            &Owner {
                org_id: &row.org_id,
                subject_type: "person",
                subject_id: &a.person_id,
            },
            &row.name,
            year,
            level.code(),
            row.research,
            Some(unit.clone()),
        );
        l.register_id = Some(row.id.clone());
        ledger::insert_initiative(tx, &l).await?;
    }
    Ok(())
}
