//! The province's unit tree: the people's committee, its departments and their offices, the mass
//! organisations, the communes and wards with their villages and residential groups, schools, health
//! stations and enterprises — and its history: until 30/06/2025 the communes sat under districts; on
//! 01/07/2025 the districts ended and every three old communes were merged into one new commune
//! (Resolution 202/2025/QH15 and the provinces' resolutions of June 2025), recorded as merges.

use super::Scale;
use super::draw::Gen;
use super::names::{self, DEPARTMENT_OFFICES, DEPARTMENTS, ENTERPRISE_KINDS, MASS_ORGS};
use thidua_store::Tx;
use thidua_store::bulk::{Rows, Val};

/// A generated unit, kept in memory for the later phases (people, campaigns, nominations).
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub path: String,
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub level: &'static str,
    /// Index of the parent in [`Tree::units`].
    pub parent: Option<usize>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub successor: Option<usize>,
}

/// The whole tree, in insertion order (parents and successors before the units that refer to them).
#[derive(Debug, Default)]
pub struct Tree {
    pub units: Vec<Unit>,
    pub root: usize,
    pub departments: Vec<usize>,
    pub mass_orgs: Vec<usize>,
    pub communes: Vec<usize>,
    pub groups: Vec<usize>,
    pub schools: Vec<usize>,
    pub stations: Vec<usize>,
    pub enterprises: Vec<usize>,
    pub offices: Vec<usize>,
    /// (old commune, new commune) pairs of the 2025 merger.
    pub merged: Vec<(usize, usize)>,
}

impl Tree {
    /// The commune or department a unit belongs to (itself when it is one).
    pub fn body_of(&self, mut i: usize) -> usize {
        while let Some(p) = self.units[i].parent {
            if p == self.root {
                return i;
            }
            i = p;
        }
        i
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        g: &mut Gen,
        parent: Option<usize>,
        code: String,
        name: String,
        kind: &'static str,
        level: &'static str,
        valid_from: &str,
    ) -> usize {
        let id = g.id();
        let path = thidua_domain::org::child_path(parent.map(|p| self.units[p].path.as_str()), &id);
        self.units.push(Unit {
            id,
            path,
            code,
            name,
            kind,
            level,
            parent,
            valid_from: valid_from.into(),
            valid_to: None,
            successor: None,
        });
        self.units.len() - 1
    }
}

const REORGANISED: &str = "2025-07-01";
const DISTRICTS_ENDED: &str = "2025-06-30";

/// Builds the tree in memory.
pub fn build(g: &mut Gen, scale: &Scale, province: &str) -> Tree {
    let mut t = Tree::default();
    t.root = t.add(
        g,
        None,
        "UBND-TINH".into(),
        format!("Ủy ban nhân dân tỉnh {province}"),
        "peoples_committee",
        "province",
        "1991-01-01",
    );
    let root = Some(t.root);
    for (code, name) in DEPARTMENTS {
        let d = t.add(
            g,
            root,
            code.into(),
            name.into(),
            "department",
            "province",
            "2008-04-01",
        );
        t.departments.push(d);
        for (k, office) in DEPARTMENT_OFFICES.iter().enumerate() {
            let o = t.add(
                g,
                Some(d),
                format!("{code}-{}", k + 1),
                format!("{office}, {name}"),
                "department",
                "province",
                "2008-04-01",
            );
            t.offices.push(o);
        }
    }
    for (code, name) in MASS_ORGS {
        let m = t.add(
            g,
            root,
            code.into(),
            name.into(),
            "mass_org",
            "province",
            "1991-01-01",
        );
        t.mass_orgs.push(m);
    }
    add_communes(g, &mut t, scale);
    for e in 0..scale.communes * 3 {
        let place = names::place(e * 7 + 3);
        let name = format!("{} {place}", ENTERPRISE_KINDS[e % ENTERPRISE_KINDS.len()]);
        let i = t.add(
            g,
            root,
            format!("DN-{:04}", e + 1),
            name,
            "enterprise",
            "province",
            "2010-01-01",
        );
        t.enterprises.push(i);
    }
    add_former_districts(g, &mut t, scale);
    t
}

/// The communes of today, each with its villages or residential groups, three schools and a health
/// station.
fn add_communes(g: &mut Gen, t: &mut Tree, scale: &Scale) {
    let root = Some(t.root);
    for c in 0..scale.communes {
        let place = names::place(c);
        let ward = c % 5 == 0;
        let (prefix, group) = if ward {
            ("Phường", "Tổ dân phố số")
        } else {
            ("Xã", "Thôn")
        };
        let code = format!(
            "{}-{}",
            if ward { "P" } else { "X" },
            names::code_of(&place)
        );
        let name = format!("{prefix} {place}");
        let i = t.add(
            g,
            root,
            code.clone(),
            name.clone(),
            "ward",
            "commune",
            REORGANISED,
        );
        t.communes.push(i);
        for n in 1..=scale.groups_per_commune {
            let gi = t.add(
                g,
                Some(i),
                format!("{code}-{n:02}"),
                format!("{group} {n}, {name}"),
                "residential_group",
                "grassroots",
                REORGANISED,
            );
            t.groups.push(gi);
        }
        for (k, school) in ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"]
            .iter()
            .enumerate()
        {
            let s = t.add(
                g,
                Some(i),
                format!("{code}-TR{}", k + 1),
                format!("{school} {place}"),
                "school",
                "commune",
                "1995-09-05",
            );
            t.schools.push(s);
        }
        let s = t.add(
            g,
            Some(i),
            format!("{code}-TYT"),
            format!("Trạm Y tế {} {place}", prefix.to_lowercase()),
            "public_service",
            "commune",
            "1995-01-01",
        );
        t.stations.push(s);
    }
}

/// The districts and communes that ended on 30/06/2025: three old communes for each new one.
fn add_former_districts(g: &mut Gen, t: &mut Tree, scale: &Scale) {
    let districts = (scale.communes / 15).max(2);
    let mut old = 0;
    for d in 0..districts {
        let place = names::place(500 + d * 11);
        let di = t.add(
            g,
            Some(t.root),
            format!("UBND-H{:02}", d + 1),
            format!("Ủy ban nhân dân huyện {place}"),
            "peoples_committee",
            "district",
            "1991-01-01",
        );
        t.units[di].valid_to = Some(DISTRICTS_ENDED.into());
        let share = t.communes.len() / districts + usize::from(d < t.communes.len() % districts);
        let first = d * (t.communes.len() / districts) + d.min(t.communes.len() % districts);
        for c in first..first + share {
            let new = t.communes[c];
            for _ in 0..3 {
                let place = names::place(1000 + old);
                old += 1;
                let oi = t.add(
                    g,
                    Some(di),
                    format!("XC-{}-{old}", names::code_of(&place)),
                    format!("Xã {place}"),
                    "ward",
                    "commune",
                    "1991-01-01",
                );
                t.units[oi].valid_to = Some(DISTRICTS_ENDED.into());
                t.units[oi].successor = Some(new);
                t.merged.push((oi, new));
            }
        }
    }
}

const UNIT_COLUMNS: &[&str] = &[
    "id",
    "org_id",
    "parent_id",
    "path",
    "code",
    "name",
    "kind",
    "level",
    "valid_from",
    "valid_to",
    "successor_id",
    "search_text",
    "version",
    "created_at",
    "updated_at",
];

/// Writes the tree and the merger records.
pub async fn write(tx: &mut Tx, g: &mut Gen, org: &str, t: &Tree) -> anyhow::Result<()> {
    let mut rows = Rows::new("units", UNIT_COLUMNS);
    for u in &t.units {
        let parent = u.parent.map(|p| t.units[p].id.clone());
        let successor = u.successor.map(|s| t.units[s].id.clone());
        let search = thidua_domain::text::fold(&format!("{} {} ", u.code, u.name));
        rows.push(vec![
            (&u.id).into(),
            org.into(),
            parent.into(),
            (&u.path).into(),
            (&u.code).into(),
            (&u.name).into(),
            u.kind.into(),
            u.level.into(),
            (&u.valid_from).into(),
            u.valid_to.clone().into(),
            successor.into(),
            search.into(),
            Val::Int(1),
            g.stamp(),
            g.stamp(),
        ]);
    }
    rows.flush(tx).await?;
    write_merges(tx, g, org, t).await
}

/// One merge record per new commune, linking the three old communes to it.
async fn write_merges(tx: &mut Tx, g: &mut Gen, org: &str, t: &Tree) -> anyhow::Result<()> {
    let mut changes = Rows::new(
        "unit_changes",
        &[
            "id",
            "org_id",
            "kind",
            "effective_on",
            "note",
            "created_by",
            "created_at",
        ],
    );
    let mut links = Rows::new(
        "unit_change_links",
        &["change_id", "from_unit_id", "to_unit_id"],
    );
    let mut change_of_new = std::collections::HashMap::new();
    for (old, new) in &t.merged {
        let change = change_of_new.entry(*new).or_insert_with(|| {
            let id = g.id();
            changes.push(vec![
                (&id).into(),
                org.into(),
                "merge".into(),
                REORGANISED.into(),
                "Sắp xếp đơn vị hành chính cấp xã năm 2025".into(),
                Val::Null,
                g.stamp(),
            ]);
            id
        });
        links.push(vec![
            change.clone().into(),
            (&t.units[*old].id).into(),
            (&t.units[*new].id).into(),
        ]);
    }
    changes.flush(tx).await?;
    links.flush(tx).await?;
    Ok(())
}

/// The year a unit began (its history starts there).
pub fn first_year(u: &Unit) -> i32 {
    u.valid_from[..4].parse().unwrap_or(1991)
}
