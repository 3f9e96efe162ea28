//! Writing an archive's rows into the receiving organisation, table by table in one transaction: every
//! row gets a new id (the source may live in the same installation), references follow the new ids,
//! and the units, people, ratings, clusters and certificate codes get the adjustments `plan` decides.

use super::archive::{Archive, TableData, from_json, refuse};
use super::plan::{Choices, SourceUnit, destination, person_key};
use super::tables::{TABLES, TableSpec};
use crate::Result;
use std::collections::{BTreeMap, HashMap, HashSet};
use thidua_domain::date::iso;
use thidua_domain::org::child_path;
use thidua_domain::unit_change::closing_day;
use thidua_store::bulk::{self, Val};
use thidua_store::transfer::{self, target};
use thidua_store::units::UnitRow;
use thidua_store::{Tx, ids};

type Row = HashMap<String, Val>;

/// Rows written per batch.
const CHUNK: usize = 2_000;

pub struct Writer<'a> {
    pub tx: &'a mut Tx,
    pub org_id: &'a str,
    pub source_name: &'a str,
    pub archive: &'a Archive,
    pub choices: &'a Choices,
    pub root: &'a UnitRow,
    pub units: HashMap<String, SourceUnit>,
    /// Old id → new id (or the id of the person already here).
    ids: HashMap<String, String>,
    /// New id → path of the imported units.
    paths: HashMap<String, String>,
    /// New id → old id of the imported units.
    unit_old: HashMap<String, String>,
    /// Old ids of people recognised as someone already here.
    matched: HashSet<String>,
    /// Ratings written so far, by subject and year.
    rated: HashSet<(String, i64)>,
    /// Rows written per table, and people recognised.
    pub counts: BTreeMap<String, usize>,
}

impl<'a> Writer<'a> {
    pub fn new(
        tx: &'a mut Tx,
        org_id: &'a str,
        source_name: &'a str,
        archive: &'a Archive,
        choices: &'a Choices,
        root: &'a UnitRow,
        units: &[SourceUnit],
    ) -> Writer<'a> {
        Writer {
            tx,
            org_id,
            source_name,
            archive,
            choices,
            root,
            units: units.iter().map(|u| (u.id.clone(), u.clone())).collect(),
            ids: HashMap::new(),
            paths: HashMap::new(),
            unit_old: HashMap::new(),
            matched: HashSet::new(),
            rated: HashSet::new(),
            counts: BTreeMap::new(),
        }
    }

    /// Writes every table; returns the new ids of imported units with the successor chosen for each.
    pub async fn run(&mut self, ordered: &[SourceUnit]) -> Result<Vec<(String, String)>> {
        self.assign_ids(ordered).await?;
        for spec in TABLES {
            let Some(t) = self.archive.table(spec.name) else {
                continue;
            };
            if spec.name == "units" {
                // Parents before children (ids need not follow the tree: a merger's new unit is
                // younger than the sub-units it took over).
                let depth = |r: &Vec<serde_json::Value>| {
                    t.text(r, "id")
                        .and_then(|id| self.units.get(id))
                        .map_or(0, |u| u.depth)
                };
                let mut sorted = t.clone();
                sorted.rows.sort_by_key(|r| depth(r));
                self.write_table(spec, &sorted).await?;
            } else {
                self.write_table(spec, t).await?;
            }
        }
        let mut links = Vec::new();
        for u in ordered {
            let internal = u
                .successor_id
                .as_ref()
                .and_then(|s| self.ids.get(s).cloned());
            let chosen = self.choices.successors.get(&u.id).map(|t| t.id.clone());
            if let Some(to) = chosen.clone().or(internal) {
                target::set_successor(self.tx, &self.ids[&u.id], &to).await?;
            }
            if let Some(to) = chosen {
                links.push((self.ids[&u.id].clone(), to));
            }
        }
        Ok(links)
    }

    async fn assign_ids(&mut self, ordered: &[SourceUnit]) -> Result<()> {
        for t in &self.archive.tables {
            let Some(i) = t.col("id") else { continue };
            for row in &t.rows {
                if let Some(old) = row.get(i).and_then(|v| v.as_str())
                    && self.ids.insert(old.to_string(), ids::new_id()).is_some()
                {
                    return Err(refuse(format!(
                        "Mã {old} xuất hiện hai lần trong tệp (bảng {}): tệp bị hỏng.",
                        t.name
                    )));
                }
            }
        }
        for u in ordered {
            let id = self.ids[&u.id].clone();
            let parent_path = match &u.parent_id {
                Some(p) => self.paths[&self.ids[p]].clone(),
                None => self.root.path.clone(),
            };
            self.paths
                .insert(id.clone(), child_path(Some(&parent_path), &id));
            self.unit_old.insert(id, u.id.clone());
        }
        self.recognise_people().await
    }

    /// People of the archive who are someone already here: same name and birth date, and only when
    /// that key names one person on each side (two namesakes born the same day stay two people).
    async fn recognise_people(&mut self) -> Result<()> {
        let Some(t) = self.archive.table("persons") else {
            return Ok(());
        };
        let mut here: HashMap<String, Vec<String>> = HashMap::new();
        for (id, name, birth) in target::people_with_birth_dates(self.tx, self.org_id).await? {
            here.entry(person_key(&name, &birth)).or_default().push(id);
        }
        let mut there: HashMap<String, Vec<&str>> = HashMap::new();
        for row in &t.rows {
            if let (Some(id), Some(name), Some(birth)) = (
                t.text(row, "id"),
                t.text(row, "full_name"),
                t.text(row, "birth_date"),
            ) {
                there.entry(person_key(name, birth)).or_default().push(id);
            }
        }
        for (key, ids) in there {
            if let ([old], Some([existing])) = (ids.as_slice(), here.get(&key).map(Vec::as_slice)) {
                self.ids.insert((*old).to_string(), existing.clone());
                self.matched.insert((*old).to_string());
            }
        }
        Ok(())
    }

    async fn write_table(&mut self, spec: &TableSpec, t: &TableData) -> Result<()> {
        let columns = transfer::columns(self.tx, spec.name).await?;
        let kinds: HashMap<&str, _> = columns.iter().map(|c| (c.name.as_str(), c.kind)).collect();
        if let Some(c) = t
            .columns
            .iter()
            .find(|c| !kinds.contains_key(c.name.as_str()))
        {
            return Err(refuse(format!(
                "Cột {}.{} không có trong hệ thống này: tệp từ một phiên bản khác.",
                t.name, c.name
            )));
        }
        let names: Vec<&str> = columns
            .iter()
            .map(|c| c.name.as_str())
            .filter(|n| t.col(n).is_some())
            .collect();
        let mut out = Vec::new();
        for raw in &t.rows {
            let mut row = Row::new();
            for (c, v) in t.columns.iter().zip(raw) {
                let kind = kinds[c.name.as_str()];
                let val = from_json(v, kind).ok_or_else(|| {
                    refuse(format!(
                        "Giá trị không hợp lệ ở cột {}.{}: tệp bị hỏng.",
                        t.name, c.name
                    ))
                })?;
                row.insert(c.name.clone(), val);
            }
            let skip = row_text(&row, "id").is_some_and(|id| self.matched.contains(id));
            self.remap(spec, &mut row)?;
            if skip || !self.adjust(spec.name, &mut row).await? {
                continue;
            }
            out.push(
                names
                    .iter()
                    .map(|n| row.remove(*n).unwrap_or(Val::Null))
                    .collect(),
            );
            // Written as they come, a few thousand rows at a time, not a whole table at once.
            if out.len() == CHUNK {
                self.flush(spec.name, &names, &mut out).await?;
            }
        }
        self.flush(spec.name, &names, &mut out).await
    }

    async fn flush(&mut self, table: &str, names: &[&str], out: &mut Vec<Vec<Val>>) -> Result<()> {
        bulk::insert(self.tx, table, names, out).await?;
        *self.counts.entry(table.to_string()).or_default() += out.len();
        out.clear();
        Ok(())
    }

    /// New ids, the receiving organisation, references, user accounts emptied.
    fn remap(&self, spec: &TableSpec, row: &mut Row) -> Result<()> {
        if let Some(Val::Text(id)) = row.get_mut("id") {
            *id = self.ids[id.as_str()].clone();
        }
        if let Some(org) = row.get_mut("org_id") {
            *org = Val::Text(self.org_id.to_string());
        }
        for col in spec.refs {
            if let Some(Val::Text(v)) = row.get_mut(*col) {
                *v = self.ids.get(v.as_str()).cloned().ok_or_else(|| {
                    refuse(format!(
                        "Bảng {} cột {col} trỏ tới {v}, không có trong tệp: tệp bị hỏng.",
                        spec.name
                    ))
                })?;
            }
        }
        for col in spec.soft_refs {
            if let Some(Val::Text(v)) = row.get_mut(*col)
                && let Some(new) = self.ids.get(v.as_str())
            {
                *v = new.clone();
            }
        }
        for col in spec.users {
            if row.contains_key(*col) {
                row.insert((*col).to_string(), Val::Null);
            }
        }
        // A row may name only a file the archive carries (never one this installation happens to hold).
        if let Some(col) = spec.blob
            && let Some(Val::Text(sha)) = row.get(col)
            && !self.archive.blobs.contains_key(sha)
        {
            return Err(refuse(format!(
                "Bảng {} nêu tệp {sha} không có trong tệp dữ liệu: tệp bị hỏng.",
                spec.name
            )));
        }
        Ok(())
    }

    /// Per-table adjustments; `false` leaves the row out.
    async fn adjust(&mut self, table: &str, row: &mut Row) -> Result<bool> {
        match table {
            "units" => self.adjust_unit(row),
            // An initiative follows its unit like a person (unit_id and unit_path).
            "persons" | "initiatives" => self.adjust_person(row)?,
            "ledger_ratings" => {
                let (Some(subject), Some(Val::Int(year))) =
                    (row_text(row, "subject_id"), row.get("year"))
                else {
                    return Ok(true);
                };
                // One rating per subject and year: the one already here, or the first of the archive.
                let key = (subject.to_string(), *year);
                if self.rated.contains(&key)
                    || target::rating_taken(self.tx, subject, *year).await?
                {
                    return Ok(false);
                }
                self.rated.insert(key);
                return Ok(true);
            }
            "clusters" => {
                if let (Some(Val::Text(name)), Some(Val::Int(year))) =
                    (row.get("name"), row.get("year"))
                    && target::cluster_taken(self.tx, self.org_id, *year, name).await?
                {
                    let renamed = format!("{name} ({})", self.source_name);
                    row.insert("name".into(), Val::Text(renamed));
                }
            }
            "decision_lines" => {
                if let Some(Val::Text(code)) = row.get("verify_code")
                    && thidua_store::decisions::code_taken(self.tx, code).await?
                {
                    let fresh = crate::decisions::fresh_verify_code(self.tx).await?;
                    row.insert("verify_code".into(), Val::Text(fresh));
                }
            }
            _ => {}
        }
        Ok(true)
    }

    fn adjust_unit(&self, row: &mut Row) {
        let id = row_text(row, "id").unwrap_or_default().to_string();
        let code = format!(
            "{}{}",
            self.choices.prefix,
            row_text(row, "code").unwrap_or_default()
        );
        let name = row_text(row, "name").unwrap_or_default().to_string();
        let short = row_text(row, "short_name").map(str::to_string);
        let closing = iso(closing_day(self.choices.effective));
        let from = row_text(row, "valid_from").unwrap_or_default().to_string();
        let to = match row_text(row, "valid_to") {
            Some(end) if end <= closing.as_str() => end.to_string(),
            _ => closing.max(from),
        };
        if row.get("parent_id").is_none_or(|p| matches!(p, Val::Null)) {
            row.insert("parent_id".into(), Val::Text(self.root.id.clone()));
        }
        let search = thidua_store::units::search_text(&code, &name, short.as_deref());
        row.insert("search_text".into(), Val::Text(search));
        row.insert("code".into(), Val::Text(code));
        row.insert("path".into(), Val::Text(self.paths[&id].clone()));
        row.insert("valid_to".into(), Val::Text(to));
        row.insert("successor_id".into(), Val::Null);
    }

    fn adjust_person(&self, row: &mut Row) -> Result<()> {
        let Some(new_unit) = row_text(row, "unit_id").map(str::to_string) else {
            return Ok(());
        };
        let old_unit = self.unit_old.get(&new_unit).cloned().unwrap_or_default();
        let (unit, path) = match destination(&self.units, self.choices, &old_unit) {
            Some(t) => (t.id.clone(), t.path.clone()),
            None => match self.paths.get(&new_unit) {
                Some(path) => (new_unit.clone(), path.clone()),
                None => {
                    return Err(refuse(
                        "Cá nhân trong tệp thuộc một dòng không phải đơn vị: tệp bị hỏng.",
                    ));
                }
            },
        };
        row.insert("unit_id".into(), Val::Text(unit));
        row.insert("unit_path".into(), Val::Text(path));
        Ok(())
    }
}

fn row_text<'r>(row: &'r Row, col: &str) -> Option<&'r str> {
    match row.get(col) {
        Some(Val::Text(s)) => Some(s),
        _ => None,
    }
}
