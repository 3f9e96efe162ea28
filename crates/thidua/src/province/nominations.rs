//! This year's nominations under the live campaigns, in every state of the process (draft, with the
//! theme's lead, sent, returned, withdrawn, accepted, on a council's agenda, passed, failed, decided,
//! revoked; not «forwarded», which needs a package file), each with the timeline of events that brought it there. The council meetings and the
//! decisions behind the later states are made by [`super::council`].

use super::campaigns::Live;
use super::draw::{Gen, at};
use super::people::Person;
use super::units::Tree;
use std::collections::HashMap;
use thidua_store::bulk::{Rows, Val};
use time::Duration;

/// The path of states a nomination went through to reach its state, as (action, to_status).
const PATHS: [(u32, &[(&str, &str)]); 11] = [
    (10, &[("create", "draft")]),
    (3, &[("create", "draft"), ("submit", "at_theme_lead")]),
    (20, &[("create", "draft"), ("submit", "submitted")]),
    (
        5,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("return", "returned"),
        ],
    ),
    (
        2,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("withdraw", "withdrawn"),
        ],
    ),
    (
        15,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
        ],
    ),
    (
        5,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
            ("schedule", "on_agenda"),
        ],
    ),
    (
        5,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
            ("schedule", "on_agenda"),
            ("pass", "passed"),
        ],
    ),
    (
        2,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
            ("schedule", "on_agenda"),
            ("fail", "failed"),
        ],
    ),
    (
        28,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
            ("schedule", "on_agenda"),
            ("pass", "passed"),
            ("decide", "decided"),
        ],
    ),
    (
        1,
        &[
            ("create", "draft"),
            ("submit", "submitted"),
            ("accept", "accepted"),
            ("schedule", "on_agenda"),
            ("pass", "passed"),
            ("decide", "decided"),
            ("revoke", "revoked"),
        ],
    ),
];

const PERSON_CODES: [(u32, &str); 4] = [
    (45, "BK_TINH"),
    (15, "CSTD_TINH"),
    (20, "CSTDCS"),
    (20, "LDTT"),
];
const UNIT_CODES: [(u32, &str); 3] = [(40, "TTLDXS"), (40, "BK_TINH"), (20, "CO_TINH")];

/// A generated nomination, as the council phase needs it.
#[derive(Debug, Clone)]
pub struct Nomination {
    pub id: String,
    pub status: &'static str,
    pub code: &'static str,
    /// ("person" | "unit", id, name, unit name)
    pub nominee: (&'static str, String, String, String),
    pub submitted: time::Date,
}

pub struct NominationRows {
    pub nominations: Rows,
    pub events: Rows,
}

impl NominationRows {
    pub fn new() -> NominationRows {
        NominationRows {
            nominations: Rows::new(
                "nominations",
                &[
                    "id",
                    "org_id",
                    "campaign_id",
                    "nominating_unit_id",
                    "nominee_type",
                    "person_id",
                    "unit_id",
                    "code",
                    "kind",
                    "procedure",
                    "year",
                    "achievement",
                    "achievement_key",
                    "status",
                    "round",
                    "submitted_at",
                    "confidential",
                    "search_text",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            events: Rows::new(
                "nomination_events",
                &[
                    "id",
                    "nomination_id",
                    "at",
                    "user_name",
                    "action",
                    "from_status",
                    "to_status",
                    "round",
                    "note",
                ],
            ),
        }
    }
}

/// Everyone employed, by the commune or department they belong to.
pub fn people_by_body(t: &Tree, people: &[Person]) -> HashMap<usize, Vec<usize>> {
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| p.employed) {
        by.entry(t.body_of(p.unit)).or_default().push(i);
    }
    by
}

/// Makes one nomination under a live campaign and adds its rows.
#[allow(clippy::too_many_arguments)]
pub fn one(
    g: &mut Gen,
    org: &str,
    t: &Tree,
    people: &[Person],
    by_body: &HashMap<usize, Vec<usize>>,
    campaign: &Live,
    rows: &mut NominationRows,
) -> Option<Nomination> {
    let from = *g.pick(&campaign.participants);
    let staff = by_body.get(&from).filter(|s| !s.is_empty());
    let (kind, code) = match staff {
        Some(_) if g.chance(0.8) => ("person", *g.weighted(&PERSON_CODES)),
        _ => ("unit", *g.weighted(&UNIT_CODES)),
    };
    let nominee = if kind == "person" {
        let p = &people[*g.pick(staff?)];
        (
            "person",
            p.id.clone(),
            p.name.clone(),
            t.units[p.unit].name.clone(),
        )
    } else {
        let u = &t.units[from];
        ("unit", u.id.clone(), u.name.clone(), u.name.clone())
    };
    let path = *g.weighted(&PATHS);
    let year = g.today.year();
    let created = g.day_between(
        time::Date::from_ordinal_date(year, 1).ok()?,
        g.today - Duration::days(20),
    );
    let submitted = created + Duration::days(1 + g.below(5) as i64);
    let status = path[path.len() - 1].1;
    let id = g.id();
    let achievement = format!("Thành tích xuất sắc năm {year}");
    let search = thidua_domain::text::fold(&format!("{} {achievement} {code}", nominee.2));
    let (person_id, unit_id) = if kind == "person" {
        (Some(&nominee.1), None)
    } else {
        (None, Some(&nominee.1))
    };
    rows.nominations.push(vec![
        (&id).into(),
        org.into(),
        (&campaign.id).into(),
        (&t.units[from].id).into(),
        kind.into(),
        person_id.into(),
        unit_id.into(),
        code.into(),
        "campaign".into(),
        "standard".into(),
        Val::Int(year.into()),
        (&achievement).into(),
        format!("{}:{year}:{code}", nominee.1).into(),
        status.into(),
        Val::Int(1),
        (path.len() > 1).then(|| at(submitted)).into(),
        Val::Bool(false),
        search.into(),
        Val::Int(1),
        Val::Text(at(created)),
        Val::Text(at(submitted)),
    ]);
    events(g, &id, path, created, rows);
    Some(Nomination {
        id,
        status,
        code,
        nominee,
        submitted,
    })
}

fn events(
    g: &mut Gen,
    nomination: &str,
    path: &[(&str, &str)],
    created: time::Date,
    rows: &mut NominationRows,
) {
    let mut from: Option<&str> = None;
    for (step, (action, to)) in path.iter().enumerate() {
        let on = created + Duration::days(step as i64 * 3);
        let note = (*action == "return")
            .then_some("Hồ sơ thiếu báo cáo thành tích có xác nhận của cấp trên.");
        rows.events.push(vec![
            g.id().into(),
            nomination.into(),
            Val::Text(at(on)),
            "Bộ sinh dữ liệu".into(),
            (*action).into(),
            from.into(),
            (*to).into(),
            Val::Int(1),
            note.into(),
        ]);
        from = Some(to);
    }
}
