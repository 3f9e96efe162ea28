//! Read models of a campaign for the people who follow it: who owes each deadline, the unit × deadline
//! matrix (sent on time, late, missing, not due), the progress board of targets, the calendar, and a
//! unit officer's list of what is due and what is late.

use super::campaigns::{date_of, status_of, today_vn, visible};
use crate::Caller;
use crate::error::Result;
use std::collections::{BTreeMap, HashMap, HashSet};
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::campaign::deadline::{
    Addressees, DeadlineKind, Recurrence, SubmissionStatus, occurrences, quarter_label,
    submission_status,
};
use thidua_domain::campaign::progress::{Progress, ProgressStatus, evaluate};
use thidua_domain::campaign::target::{Comparator, TargetScope};
use thidua_domain::org::is_within;
use thidua_store::campaign_parts::{self as parts, DeadlineRow, TargetRow};
use thidua_store::campaign_work::{self as work, ProgressRow, SubmissionRow};
use thidua_store::campaigns::{self, CampaignRow, Participant};
use thidua_store::{Db, Tx, clusters, units};

/// The due dates of a deadline rule within its campaign.
pub fn due_dates(d: &DeadlineRow, campaign_to: time::Date) -> Vec<time::Date> {
    let recurrence = Recurrence::parse(&d.recurrence).unwrap_or(Recurrence::Once);
    let until = d
        .repeat_until
        .as_deref()
        .map(date_of)
        .unwrap_or(campaign_to);
    occurrences(date_of(&d.due_on), recurrence, until)
}

/// A short name for one occurrence: the deadline's text, with the quarter or month when it recurs.
pub fn occurrence_label(d: &DeadlineRow, due: time::Date) -> String {
    match Recurrence::parse(&d.recurrence) {
        Some(Recurrence::Quarterly) => format!("{} — {}", d.what, quarter_label(due)),
        Some(Recurrence::Monthly) => format!(
            "{} — tháng {}/{}",
            d.what,
            u8::from(due.month()),
            due.year()
        ),
        Some(Recurrence::HalfYearly) => {
            format!("{} — kỳ hạn {}", d.what, thidua_domain::date::vn(due))
        }
        _ => d.what.clone(),
    }
}

/// Who takes part and who leads the clusters of the campaign's years: what addressee rules need.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub participants: Vec<Participant>,
    pub cluster_leaders: HashSet<String>,
    /// Names and paths of units named by a deadline that are not participants (a theme lead, the tax office).
    pub others: HashMap<String, (String, String)>,
}

impl Roster {
    pub async fn load(
        tx: &mut Tx,
        org_id: &str,
        c: &CampaignRow,
        deadlines: &[DeadlineRow],
    ) -> Result<Roster> {
        let participants = campaigns::participants(tx, &c.id).await?;
        let mut cluster_leaders = HashSet::new();
        for year in date_of(&c.period_from).year()..=date_of(&c.period_to).year() {
            for cl in clusters::list(tx, org_id, Some(i64::from(year))).await? {
                if let Some(l) = cl.leader_unit_id {
                    cluster_leaders.insert(l);
                }
            }
        }
        let mut others = HashMap::new();
        for d in deadlines {
            if let Some(u) = &d.unit_id
                && !participants.iter().any(|p| &p.unit_id == u)
                && let Ok(row) = units::get(tx, org_id, u).await
            {
                others.insert(u.clone(), (row.name, row.path));
            }
        }
        Ok(Roster {
            participants,
            cluster_leaders,
            others,
        })
    }

    /// The units that owe what a deadline asks for.
    pub fn addressees(&self, d: &DeadlineRow) -> Vec<String> {
        match Addressees::parse(&d.addressees).unwrap_or(Addressees::AllParticipants) {
            Addressees::AllParticipants => self
                .participants
                .iter()
                .map(|p| p.unit_id.clone())
                .collect(),
            Addressees::UnitKind => self
                .participants
                .iter()
                .filter(|p| Some(&p.unit_kind) == d.unit_kind.as_ref())
                .map(|p| p.unit_id.clone())
                .collect(),
            Addressees::OneUnit => d.unit_id.iter().cloned().collect(),
            Addressees::ClusterLeaders => self
                .participants
                .iter()
                .filter(|p| self.cluster_leaders.contains(&p.unit_id))
                .map(|p| p.unit_id.clone())
                .collect(),
        }
    }

    /// (name, path) of a unit of the roster.
    pub fn unit(&self, id: &str) -> Option<(&str, &str)> {
        self.participants
            .iter()
            .find(|p| p.unit_id == id)
            .map(|p| (p.unit_name.as_str(), p.unit_path.as_str()))
            .or_else(|| self.others.get(id).map(|(n, p)| (n.as_str(), p.as_str())))
    }
}

/// Who a deadline is addressed to, in words.
pub fn addressee_text(
    d: &DeadlineRow,
    roster: &Roster,
    kind_names: &HashMap<String, String>,
) -> String {
    match Addressees::parse(&d.addressees).unwrap_or(Addressees::AllParticipants) {
        Addressees::AllParticipants => "Tất cả đơn vị tham gia".into(),
        Addressees::UnitKind => format!(
            "Các đơn vị loại \u{201c}{}\u{201d}",
            d.unit_kind
                .as_ref()
                .and_then(|k| kind_names.get(k))
                .map(String::as_str)
                .unwrap_or("?")
        ),
        Addressees::OneUnit => d
            .unit_id
            .as_deref()
            .and_then(|u| roster.unit(u))
            .map(|(n, _)| n.to_string())
            .unwrap_or_else(|| "Một đơn vị".into()),
        Addressees::ClusterLeaders => "Cụm trưởng, Khối trưởng".into(),
    }
}

/// The date registration closes: the last registration deadline of the plan, if it has one.
pub fn registration_closes(deadlines: &[DeadlineRow]) -> Option<time::Date> {
    deadlines
        .iter()
        .filter(|d| DeadlineKind::parse(&d.kind) == Some(DeadlineKind::Registration))
        .map(|d| date_of(&d.due_on))
        .max()
}

// ---- the unit × deadline matrix ----

#[derive(Debug, Clone)]
pub struct Column {
    pub deadline_id: String,
    pub due_on: time::Date,
    pub label: String,
    pub kind: &'static str,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub status: SubmissionStatus,
    /// The first submission answering this occurrence (the one that counts for "on time").
    pub submission_id: Option<String>,
    pub sent_on: Option<time::Date>,
}

#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub unit_id: String,
    pub unit_name: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub columns: Vec<Column>,
    pub rows: Vec<MatrixRow>,
    /// How many cells are in each state (for the legend).
    pub counts: BTreeMap<&'static str, usize>,
}

/// Builds the matrix from the stored rows; `visible_path` limits the rows to a unit officer's scope.
pub fn build_matrix(
    c: &CampaignRow,
    deadlines: &[DeadlineRow],
    roster: &Roster,
    submissions: &[SubmissionRow],
    today: time::Date,
    visible_path: Option<&str>,
) -> Matrix {
    let campaign_to = date_of(&c.period_to);
    let mut columns = Vec::new();
    let mut owed: Vec<std::rc::Rc<HashSet<String>>> = Vec::new();
    let mut occurrences: Vec<(Column, std::rc::Rc<HashSet<String>>)> = Vec::new();
    for d in deadlines {
        let who: std::rc::Rc<HashSet<String>> =
            std::rc::Rc::new(roster.addressees(d).into_iter().collect());
        for due in due_dates(d, campaign_to) {
            occurrences.push((
                Column {
                    deadline_id: d.id.clone(),
                    due_on: due,
                    label: occurrence_label(d, due),
                    kind: DeadlineKind::parse(&d.kind)
                        .unwrap_or(DeadlineKind::Other)
                        .label(),
                },
                who.clone(),
            ));
        }
    }
    // Columns in date order, so a quarterly rule's later quarters sit among the other months.
    occurrences.sort_by_key(|(c, _)| c.due_on);
    for (c, who) in occurrences {
        columns.push(c);
        owed.push(who);
    }
    // First submission of each (deadline, due date, unit).
    let mut first: HashMap<(&str, &str, &str), &SubmissionRow> = HashMap::new();
    for s in submissions {
        first
            .entry((
                s.deadline_id.as_str(),
                s.due_on.as_str(),
                s.unit_id.as_str(),
            ))
            .or_insert(s);
    }
    let mut unit_ids: Vec<String> = roster
        .participants
        .iter()
        .map(|p| p.unit_id.clone())
        .collect();
    unit_ids.extend(roster.others.keys().cloned());
    let mut rows = Vec::new();
    let mut counts = BTreeMap::new();
    for unit_id in unit_ids {
        let Some((name, path)) = roster.unit(&unit_id) else {
            continue;
        };
        if visible_path.is_some_and(|scope| !is_within(path, scope)) {
            continue;
        }
        let cells: Vec<Cell> = columns
            .iter()
            .zip(&owed)
            .map(|(col, who)| {
                let due_iso = thidua_domain::date::iso(col.due_on);
                let sent =
                    first.get(&(col.deadline_id.as_str(), due_iso.as_str(), unit_id.as_str()));
                let sent_on = sent.map(|s| date_of(&s.sent_on));
                let status = if who.contains(&unit_id) || sent.is_some() {
                    submission_status(col.due_on, sent_on, today)
                } else {
                    SubmissionStatus::NotApplicable
                };
                *counts.entry(status.code()).or_insert(0) += 1;
                Cell {
                    status,
                    submission_id: sent.map(|s| s.id.clone()),
                    sent_on,
                }
            })
            .collect();
        rows.push(MatrixRow {
            unit_id: unit_id.clone(),
            unit_name: name.to_string(),
            cells,
        });
    }
    Matrix {
        columns,
        rows,
        counts,
    }
}

/// Loads and builds the matrix of a campaign as the user may see it.
pub async fn matrix(db: &Db, caller: &Caller, campaign_id: &str) -> Result<(CampaignRow, Matrix)> {
    let mut tx = db.begin_read().await?;
    let c = visible(&mut tx, caller, campaign_id).await?;
    let deadlines = parts::deadlines(&mut tx, campaign_id).await?;
    let roster = Roster::load(&mut tx, caller.org_id(), &c, &deadlines).await?;
    let submissions = work::submissions(&mut tx, campaign_id).await?;
    tx.commit().await?;
    let m = build_matrix(
        &c,
        &deadlines,
        &roster,
        &submissions,
        today_vn(),
        caller.actor.read_scope(),
    );
    Ok((c, m))
}

// ---- progress on targets ----

#[derive(Debug, Clone)]
pub struct UnitProgress {
    pub unit_id: Option<String>,
    pub unit_name: String,
    pub latest: Option<ProgressRow>,
    pub progress: Progress,
    /// The threshold the unit committed to in its registration, if different from the plan's.
    pub committed: Option<f64>,
    /// (date, value) of every report, oldest first.
    pub history: Vec<(time::Date, f64)>,
}

#[derive(Debug, Clone)]
pub struct TargetProgress {
    pub target: TargetRow,
    pub comparator: Comparator,
    pub scope: TargetScope,
    pub theme_title: Option<String>,
    pub rows: Vec<UnitProgress>,
}

impl TargetProgress {
    /// Count of rows in a state.
    pub fn count(&self, status: ProgressStatus) -> usize {
        self.rows
            .iter()
            .filter(|r| r.progress.status == status)
            .count()
    }
}

/// Reads every target against the latest reports; per-unit targets get a row per participant in `visible_path`.
pub async fn progress_board(
    db: &Db,
    caller: &Caller,
    campaign_id: &str,
) -> Result<(CampaignRow, Vec<TargetProgress>)> {
    let mut tx = db.begin_read().await?;
    let c = visible(&mut tx, caller, campaign_id).await?;
    let today = today_vn();
    // A closed campaign is read as on its closing day: nothing is "on track" any more.
    let as_of = if status_of(&c) == CampaignStatus::Closed {
        today.max(date_of(&c.period_to) + time::Duration::days(1))
    } else {
        today
    };
    let out = progress_at(&mut tx, caller, &c, as_of, None).await?;
    tx.commit().await?;
    Ok((c, out))
}

/// The targets as they stood on `as_of`; `reported_until` leaves out reports made after that day
/// (a report's figures as of a date), `None` takes every report.
pub async fn progress_at(
    tx: &mut Tx,
    caller: &Caller,
    c: &CampaignRow,
    as_of: time::Date,
    reported_until: Option<time::Date>,
) -> Result<Vec<TargetProgress>> {
    let campaign_id = c.id.as_str();
    let targets = parts::targets(tx, campaign_id).await?;
    let themes: HashMap<String, String> = parts::themes(tx, campaign_id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let participants = campaigns::participants(tx, campaign_id).await?;
    let mut reports = work::progress(tx, campaign_id).await?;
    if let Some(until) = reported_until {
        reports.retain(|r| date_of(&r.reported_on) <= until);
    }
    let mut committed: HashMap<(String, String), f64> = HashMap::new();
    for r in work::registrations(tx, campaign_id).await? {
        for t in work::commitments(tx, "registration", &r.id).await? {
            if let Some(target_id) = t.target_id {
                committed.insert((target_id, r.unit_id.clone()), t.threshold);
            }
        }
    }
    let (from, to) = (date_of(&c.period_from), date_of(&c.period_to));
    let scope = caller.actor.read_scope();
    let mut by_pair: HashMap<(&str, Option<&str>), Vec<&ProgressRow>> = HashMap::new();
    for r in &reports {
        by_pair
            .entry((r.target_id.as_str(), r.unit_id.as_deref()))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for t in targets {
        let comparator = Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast);
        let target_scope = TargetScope::parse(&t.scope).unwrap_or(TargetScope::Body);
        let subjects: Vec<(Option<String>, String)> = match target_scope {
            TargetScope::Body => vec![(None, "Toàn cơ quan, địa phương".to_string())],
            TargetScope::PerUnit => participants
                .iter()
                .filter(|p| scope.is_none_or(|s| is_within(&p.unit_path, s)))
                .map(|p| (Some(p.unit_id.clone()), p.unit_name.clone()))
                .collect(),
        };
        let rows = subjects
            .into_iter()
            .map(|(unit_id, unit_name)| {
                let list = by_pair
                    .get(&(t.id.as_str(), unit_id.as_deref()))
                    .cloned()
                    .unwrap_or_default();
                let latest = list.last().map(|r| (*r).clone());
                let own = unit_id
                    .as_ref()
                    .and_then(|u| committed.get(&(t.id.clone(), u.clone())).copied());
                let threshold = own.unwrap_or(t.threshold);
                let progress = evaluate(
                    comparator,
                    threshold,
                    latest.as_ref().map(|r| r.value),
                    as_of,
                    from,
                    to,
                );
                let history = list
                    .iter()
                    .map(|r| (date_of(&r.reported_on), r.value))
                    .collect();
                UnitProgress {
                    unit_id,
                    unit_name,
                    latest,
                    progress,
                    committed: own.filter(|o| (o - t.threshold).abs() > f64::EPSILON),
                    history,
                }
            })
            .collect();
        let theme_title = t.theme_id.as_ref().and_then(|id| themes.get(id).cloned());
        out.push(TargetProgress {
            target: t,
            comparator,
            scope: target_scope,
            theme_title,
            rows,
        });
    }
    Ok(out)
}

// ---- what a unit must do ----

/// One thing a unit owes.
#[derive(Debug, Clone)]
pub struct Todo {
    pub campaign_id: String,
    pub campaign_title: String,
    pub unit_id: String,
    pub unit_name: String,
    pub deadline_id: String,
    pub what: String,
    pub kind: &'static str,
    pub due_on: time::Date,
    pub status: SubmissionStatus,
    pub recipient: Option<String>,
}

/// What the units in `scope` (a unit officer's) owe across launched campaigns: overdue first, then the
/// next `ahead_days` days. Also the campaigns whose registration is still open and not yet done.
pub async fn todo(
    db: &Db,
    caller: &Caller,
    scope: &str,
    ahead_days: i64,
) -> Result<(
    Vec<Todo>,
    Vec<(CampaignRow, String, String, Option<time::Date>)>,
)> {
    let mut tx = db.begin_read().await?;
    let launched = campaigns::list(
        &mut tx,
        caller.org_id(),
        &campaigns::CampaignFilter {
            status: Some("launched".into()),
            include_drafts: false,
            ..Default::default()
        },
    )
    .await?;
    let today = today_vn();
    let horizon = today + time::Duration::days(ahead_days);
    let mut items = Vec::new();
    let mut to_register = Vec::new();
    for c in launched {
        let deadlines = parts::deadlines(&mut tx, &c.id).await?;
        let roster = Roster::load(&mut tx, caller.org_id(), &c, &deadlines).await?;
        let mine: Vec<&Participant> = roster
            .participants
            .iter()
            .filter(|p| is_within(&p.unit_path, scope))
            .collect();
        // Only the units in scope matter here: read what they sent, not the whole campaign's.
        let named: Vec<&String> = roster
            .others
            .iter()
            .filter(|(_, (_, path))| is_within(path, scope))
            .map(|(id, _)| id)
            .collect();
        if mine.is_empty() && named.is_empty() {
            continue;
        }
        let mut submissions = Vec::new();
        for unit in mine.iter().map(|p| &p.unit_id).chain(named) {
            submissions.extend(work::submissions_of_unit(&mut tx, &c.id, unit).await?);
        }
        let registrations = work::registrations(&mut tx, &c.id).await?;
        let closes = registration_closes(&deadlines);
        for p in &mine {
            if !registrations.iter().any(|r| r.unit_id == p.unit_id)
                && closes.is_none_or(|d| d >= today)
            {
                to_register.push((c.clone(), p.unit_id.clone(), p.unit_name.clone(), closes));
            }
        }
        let m = build_matrix(&c, &deadlines, &roster, &submissions, today, Some(scope));
        for row in &m.rows {
            for (col, cell) in m.columns.iter().zip(&row.cells) {
                let due_soon = cell.status == SubmissionStatus::NotDue && col.due_on <= horizon;
                if cell.status == SubmissionStatus::Missing || due_soon {
                    let d = deadlines.iter().find(|d| d.id == col.deadline_id);
                    items.push(Todo {
                        campaign_id: c.id.clone(),
                        campaign_title: c.title.clone(),
                        unit_id: row.unit_id.clone(),
                        unit_name: row.unit_name.clone(),
                        deadline_id: col.deadline_id.clone(),
                        what: col.label.clone(),
                        kind: col.kind,
                        due_on: col.due_on,
                        status: cell.status,
                        recipient: d.and_then(|d| d.recipient.clone()),
                    });
                }
            }
        }
    }
    tx.commit().await?;
    items.sort_by_key(|t| (t.status != SubmissionStatus::Missing, t.due_on));
    Ok((items, to_register))
}

// ---- calendar ----

/// One occurrence in the calendar.
#[derive(Debug, Clone)]
pub struct CalendarItem {
    pub date: time::Date,
    pub campaign_id: String,
    pub campaign_title: String,
    pub deadline_id: String,
    pub what: String,
    pub kind: &'static str,
    pub who: String,
    pub recipient: Option<String>,
    /// For a chosen unit: where it stands (None: the unit does not owe it or no unit chosen).
    pub status: Option<SubmissionStatus>,
}

/// Every deadline occurrence between `from` and `to` of launched and closed campaigns; with `unit`,
/// only those the unit owes, each with the unit's status (404 for a unit the user may not see).
pub async fn calendar(
    db: &Db,
    caller: &Caller,
    from: time::Date,
    to: time::Date,
    unit: Option<&str>,
) -> Result<Vec<CalendarItem>> {
    let mut tx = db.begin_read().await?;
    if let Some(u) = unit {
        super::units::visible_unit(&mut tx, caller, u).await?;
    }
    let (from_iso, to_iso) = (thidua_domain::date::iso(from), thidua_domain::date::iso(to));
    let rows = parts::org_deadlines(&mut tx, caller.org_id(), &from_iso, &to_iso).await?;
    let kind_names: HashMap<String, String> = units::kinds(&mut tx)
        .await?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let mut by_campaign: BTreeMap<String, Vec<DeadlineRow>> = BTreeMap::new();
    for d in rows {
        by_campaign
            .entry(d.campaign_id.clone())
            .or_default()
            .push(d);
    }
    let today = today_vn();
    let mut out = Vec::new();
    for (campaign_id, deadlines) in by_campaign {
        let c = campaigns::get(&mut tx, caller.org_id(), &campaign_id).await?;
        let roster = Roster::load(&mut tx, caller.org_id(), &c, &deadlines).await?;
        let submissions = if unit.is_some() {
            work::submissions(&mut tx, &campaign_id).await?
        } else {
            Vec::new()
        };
        for d in &deadlines {
            let owed = roster.addressees(d);
            if let Some(u) = unit
                && !owed.iter().any(|x| x == u)
            {
                continue;
            }
            for due in due_dates(d, date_of(&c.period_to))
                .into_iter()
                .filter(|x| *x >= from && *x <= to)
            {
                let status = unit.map(|u| {
                    let due_iso = thidua_domain::date::iso(due);
                    let sent = submissions
                        .iter()
                        .find(|s| s.deadline_id == d.id && s.due_on == due_iso && s.unit_id == u)
                        .map(|s| date_of(&s.sent_on));
                    submission_status(due, sent, today)
                });
                out.push(CalendarItem {
                    date: due,
                    campaign_id: c.id.clone(),
                    campaign_title: c.title.clone(),
                    deadline_id: d.id.clone(),
                    what: occurrence_label(d, due),
                    kind: DeadlineKind::parse(&d.kind)
                        .unwrap_or(DeadlineKind::Other)
                        .label(),
                    who: addressee_text(d, &roster, &kind_names),
                    recipient: d.recipient.clone(),
                    status,
                });
            }
        }
    }
    tx.commit().await?;
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.campaign_title.cmp(&b.campaign_title))
    });
    Ok(out)
}
