//! The province's people: civil servants in the communes and departments, teachers and health
//! workers, enterprise workers, and residents of the villages and residential groups — each with the
//! award history a person of that age and career would have (see [`super::history`]).

use super::draw::{Gen, iso, ymd};
use super::history::{self, Ledger};
use super::names;
use super::units::Tree;
use thidua_store::Db;
use thidua_store::bulk::{Rows, Val};

/// A generated person, kept for the nominations of this year.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Index of the person's unit in the tree.
    pub unit: usize,
    pub employed: bool,
    pub born: i32,
}

/// Where a person works, and as what.
struct Post {
    units: Vec<usize>,
    share: u32,
    kind: &'static str,
    positions: &'static [&'static str],
}

fn posts(t: &Tree) -> Vec<Post> {
    let mut bodies = t.communes.clone();
    bodies.extend(&t.departments);
    bodies.extend(&t.offices);
    bodies.extend(&t.mass_orgs);
    vec![
        Post {
            units: bodies,
            share: 20,
            kind: "civil_servant",
            positions: &[
                "Chuyên viên",
                "Công chức Văn phòng - Thống kê",
                "Công chức Tài chính - Kế toán",
                "Công chức Tư pháp - Hộ tịch",
                "Phó Trưởng phòng",
                "Trưởng phòng",
            ],
        },
        Post {
            units: t.schools.iter().chain(&t.stations).copied().collect(),
            share: 35,
            kind: "public_employee",
            positions: &[
                "Giáo viên",
                "Giáo viên",
                "Giáo viên",
                "Nhân viên y tế",
                "Kế toán",
            ],
        },
        Post {
            units: t.enterprises.clone(),
            share: 25,
            kind: "worker",
            positions: &[
                "Công nhân",
                "Công nhân",
                "Kỹ thuật viên",
                "Tổ trưởng sản xuất",
            ],
        },
        Post {
            units: t.groups.clone(),
            share: 20,
            kind: "citizen",
            positions: &["Tổ trưởng tổ dân phố", "Hội viên", "Người dân"],
        },
    ]
}

const PERSON_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "unit_id",
    "unit_path",
    "full_name",
    "gender",
    "birth_date",
    "position",
    "kind",
    "direct_worker",
    "search_text",
    "version",
    "created_at",
    "updated_at",
];

/// People written per transaction (with their histories: about 25 ledger rows each).
const BATCH: usize = 2_000;

/// Writes `count` people and their histories; returns them (for nominations) and the row counts.
pub async fn write(
    db: &Db,
    g: &mut Gen,
    org: &str,
    t: &Tree,
    count: usize,
) -> anyhow::Result<(Vec<Person>, history::Counts)> {
    let posts = posts(t);
    let weights: Vec<(u32, usize)> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.share, i))
        .collect();
    let mut people = Vec::with_capacity(count);
    let mut counts = history::Counts::default();
    let mut rows = Rows::new("persons", PERSON_COLUMNS);
    let mut ledger = Ledger::new();
    for n in 0..count {
        let post = &posts[*g.weighted(&weights)];
        let person = one(g, org, t, post, &mut rows);
        if person.employed {
            history::person(g, org, &person, &mut ledger);
        }
        people.push(person);
        if rows.len() == BATCH || n + 1 == count {
            let mut tx = db.begin().await?;
            rows.flush(&mut tx).await?;
            counts += ledger.flush(&mut tx).await?;
            tx.commit().await?;
        }
    }
    Ok((people, counts))
}

fn one(g: &mut Gen, org: &str, t: &Tree, post: &Post, rows: &mut Rows) -> Person {
    let gender = if g.chance(0.5) { "female" } else { "male" };
    let name = names::person(g, gender);
    let unit = *g.pick(&post.units);
    let employed = post.kind != "citizen";
    let born = if employed {
        ymd(
            1962 + g.below(40) as i32,
            1 + g.below(12) as u8,
            1 + g.below(28) as u8,
        )
    } else {
        ymd(
            1940 + g.below(65) as i32,
            1 + g.below(12) as u8,
            1 + g.below(28) as u8,
        )
    };
    let position = *g.pick(post.positions);
    let id = g.id();
    let search = thidua_domain::text::fold(&format!("{name} {position}"));
    rows.push(vec![
        (&id).into(),
        org.into(),
        (&t.units[unit].id).into(),
        (&t.units[unit].path).into(),
        (&name).into(),
        gender.into(),
        iso(born).into(),
        position.into(),
        post.kind.into(),
        Val::Bool(post.kind == "worker"),
        search.into(),
        Val::Int(1),
        g.stamp(),
        g.stamp(),
    ]);
    Person {
        id,
        name,
        unit,
        employed,
        born: born.year(),
    }
}
