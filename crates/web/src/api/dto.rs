//! The JSON shapes of the API (what clients see), converted from store rows.

use serde::{Deserialize, Serialize};
use thidua_app::model::{AuditRow, ClusterRow, Member, PersonListRow, PersonRow, UnitRow, UserRow};
use utoipa::ToSchema;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Unit {
    pub id: String,
    pub parent_id: Option<String>,
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    /// Unit kind code (`ward`, `department`, …).
    pub kind: String,
    /// Level code (`province`, `district`, `commune`, …).
    pub level: String,
    /// `yyyy-mm-dd`
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// The unit that carries this one's history after a merge or split.
    pub successor_id: Option<String>,
    /// Send back on update; a stale version is refused with 409.
    pub version: i64,
}

impl From<UnitRow> for Unit {
    fn from(u: UnitRow) -> Self {
        Unit {
            id: u.id,
            parent_id: u.parent_id,
            code: u.code,
            name: u.name,
            short_name: u.short_name,
            kind: u.kind,
            level: u.level,
            valid_from: u.valid_from,
            valid_to: u.valid_to,
            successor_id: u.successor_id,
            version: u.version,
        }
    }
}

/// Fields to create or update a unit. Dates as `dd/mm/yyyy` or `yyyy-mm-dd`.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UnitBody {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub valid_from: Option<String>,
    /// Required on update.
    #[serde(default)]
    pub version: Option<i64>,
}

impl UnitBody {
    pub fn input(&self) -> thidua_domain::org::UnitInput {
        thidua_domain::org::UnitInput {
            code: self.code.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone().unwrap_or_default(),
            kind: self.kind.clone(),
            level: self.level.clone(),
            parent_id: self.parent_id.clone().unwrap_or_default(),
            valid_from: self.valid_from.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RenameBody {
    pub new_name: String,
    pub effective_on: String,
    pub version: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MergeBody {
    pub sources: Vec<String>,
    /// One of `sources` that absorbs the others; omit to create `new_unit`.
    pub survivor: Option<String>,
    pub new_unit: Option<crate::ops::units::NewUnitName>,
    pub effective_on: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SplitBody {
    pub new_units: Vec<crate::ops::units::NewUnitName>,
    pub effective_on: String,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Person {
    pub id: String,
    pub unit_id: String,
    pub full_name: String,
    /// `male` or `female`
    pub gender: String,
    pub birth_date: Option<String>,
    pub position: Option<String>,
    /// `cadre`, `civil_servant`, `public_employee`, `worker`, `soldier`, `citizen`
    pub kind: String,
    pub direct_worker: bool,
    pub version: i64,
}

impl From<PersonRow> for Person {
    fn from(p: PersonRow) -> Self {
        Person {
            id: p.id,
            unit_id: p.unit_id,
            full_name: p.full_name,
            gender: p.gender,
            birth_date: p.birth_date,
            position: p.position,
            kind: p.kind,
            direct_worker: p.direct_worker,
            version: p.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonListItem {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub full_name: String,
    pub gender: String,
    pub birth_date: Option<String>,
    pub position: Option<String>,
    pub kind: String,
    pub direct_worker: bool,
}

impl From<PersonListRow> for PersonListItem {
    fn from(p: PersonListRow) -> Self {
        PersonListItem {
            id: p.id,
            unit_id: p.unit_id,
            unit_name: p.unit_name,
            full_name: p.full_name,
            gender: p.gender,
            birth_date: p.birth_date,
            position: p.position,
            kind: p.kind,
            direct_worker: p.direct_worker,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonPage {
    pub total: i64,
    pub items: Vec<PersonListItem>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct PersonBody {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub position: Option<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub direct_worker: bool,
    #[serde(default)]
    pub unit_id: String,
    #[serde(default)]
    pub version: Option<i64>,
}

impl PersonBody {
    pub fn input(&self) -> thidua_domain::person::PersonInput {
        thidua_domain::person::PersonInput {
            full_name: self.full_name.clone(),
            gender: self.gender.clone(),
            birth_date: self.birth_date.clone().unwrap_or_default(),
            position: self.position.clone().unwrap_or_default(),
            kind: self.kind.clone(),
            direct_worker: self.direct_worker,
            unit_id: self.unit_id.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Cluster {
    pub id: String,
    pub year: i64,
    /// `cluster` (cụm) or `block` (khối)
    pub kind: String,
    pub name: String,
    pub leader_unit_id: Option<String>,
    pub deputy_unit_id: Option<String>,
    pub members: Vec<ClusterMember>,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClusterMember {
    pub unit_id: String,
    pub unit_name: String,
}

impl Cluster {
    pub fn new(c: ClusterRow, members: Vec<Member>) -> Cluster {
        Cluster {
            id: c.id,
            year: c.year,
            kind: c.kind,
            name: c.name,
            leader_unit_id: c.leader_unit_id,
            deputy_unit_id: c.deputy_unit_id,
            members: members
                .into_iter()
                .map(|m| ClusterMember {
                    unit_id: m.unit_id,
                    unit_name: m.unit_name,
                })
                .collect(),
            version: c.version,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ClusterBody {
    #[serde(default)]
    pub year: i64,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub leader_unit_id: Option<String>,
    #[serde(default)]
    pub deputy_unit_id: Option<String>,
    #[serde(default)]
    pub member_ids: Vec<String>,
    #[serde(default)]
    pub version: Option<i64>,
}

impl ClusterBody {
    pub fn input(&self) -> thidua_domain::org::ClusterInput {
        thidua_domain::org::ClusterInput {
            year: self.year.to_string(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            leader_unit_id: self.leader_unit_id.clone().unwrap_or_default(),
            deputy_unit_id: self.deputy_unit_id.clone().unwrap_or_default(),
            member_ids: self.member_ids.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub scope_unit_id: Option<String>,
    pub active: bool,
    pub version: i64,
}

impl From<UserRow> for User {
    fn from(u: UserRow) -> Self {
        User {
            id: u.id,
            username: u.username,
            full_name: u.full_name,
            role: u.role,
            scope_unit_id: u.scope_unit_id,
            active: u.active,
            version: u.version,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub user_id: Option<String>,
    pub user_name: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub object_label: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        let parse = |s: Option<String>| s.and_then(|t| serde_json::from_str(&t).ok());
        AuditEntry {
            id: r.id,
            at: r.at,
            user_id: r.user_id,
            user_name: r.user_name,
            action: r.action,
            object_type: r.object_type,
            object_id: r.object_id,
            object_label: r.object_label,
            before: parse(r.before_json),
            after: parse(r.after_json),
        }
    }
}
