//! The figures of a campaign's review report, read from the records as they stood on a day: who
//! registered, each target against what each unit registered, the unit × deadline matrix summed per
//! unit and per kind of deadline, the quarterly exemplary models, nominations and awards by form.

use crate::Caller;
use crate::campaign_views::{Matrix, Roster, TargetProgress, build_matrix, progress_at};
use crate::campaigns::date_of;
use crate::documents::campaign::threshold;
use crate::error::Result;
use crate::nominations::code_name;
use crate::rules_cache::rules_in;
use std::collections::{BTreeMap, HashSet};
use thidua_docs::kinds::review::{
    AwardLine, Awards, Deadlines, ExemplarPeriod, Participation, TargetLine, TargetResult,
    UnitDeadlines,
};
use thidua_docs::text::dmy;
use thidua_domain::campaign::deadline::{DeadlineKind, SubmissionStatus, quarter_label};
use thidua_domain::campaign::progress::ProgressStatus;
use thidua_domain::campaign::target::{TargetScope, format_number};
use thidua_domain::nomination::NominationStatus;
use thidua_store::campaign_reports::{NominationTally, nomination_tally};
use thidua_store::campaigns::{self, CampaignRow};
use thidua_store::{Tx, campaign_parts as parts, campaign_work as work};
use time::Date;

/// Everything the report's data sections show.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub direction: Vec<String>,
    pub participation: Participation,
    pub targets: Vec<TargetResult>,
    pub deadlines: Deadlines,
    pub exemplars: Vec<ExemplarPeriod>,
    pub awards: Awards,
}

/// Reads the figures of `c` as of `as_of`; `final_reading` judges targets as at the end (a target
/// not met is missed, not "on track").
pub async fn read(
    tx: &mut Tx,
    caller: &Caller,
    c: &CampaignRow,
    as_of: Date,
    final_reading: bool,
) -> Result<Figures> {
    let participants = campaigns::participants(tx, &c.id).await?;
    let registered: HashSet<String> = work::registrations(tx, &c.id)
        .await?
        .into_iter()
        .filter(|r| date_of(&r.registered_at) <= as_of)
        .map(|r| r.unit_id)
        .collect();
    let judged_on = if final_reading {
        as_of.next_day().unwrap_or(as_of)
    } else {
        as_of
    };
    let progress = progress_at(tx, caller, c, judged_on, Some(as_of)).await?;
    let deadlines = parts::deadlines(tx, &c.id).await?;
    let roster = Roster::load(tx, caller.org_id(), c, &deadlines).await?;
    let mut submissions = work::submissions(tx, &c.id).await?;
    submissions.retain(|s| date_of(&s.sent_on) <= as_of);
    let matrix = build_matrix(c, &deadlines, &roster, &submissions, as_of, None);
    let themes = parts::themes(tx, &c.id).await?.len();
    let rules = rules_in(tx, caller.org_id()).await?;
    let tally = nomination_tally(tx, &c.id).await?;
    Ok(Figures {
        direction: direction(
            c,
            participants.len(),
            themes,
            progress.len(),
            deadlines.len(),
        ),
        participation: Participation {
            participants: participants.len(),
            registered: participants
                .iter()
                .filter(|p| registered.contains(&p.unit_id))
                .count(),
            unregistered: participants
                .iter()
                .filter(|p| !registered.contains(&p.unit_id))
                .map(|p| p.unit_name.clone())
                .collect(),
        },
        targets: progress.iter().map(target_result).collect(),
        deadlines: deadline_figures(&matrix),
        exemplars: exemplar_periods(&matrix),
        awards: awards(&tally, |code| code_name(&rules, code)),
    })
}

fn direction(
    c: &CampaignRow,
    participants: usize,
    themes: usize,
    targets: usize,
    deadlines: usize,
) -> Vec<String> {
    let day = |s: &str| dmy(date_of(s));
    let mut plan = String::from("Kế hoạch");
    if let Some(n) = c.number.as_deref().filter(|n| !n.trim().is_empty()) {
        plan.push_str(&format!(" số {}", n.trim()));
    }
    if let Some(d) = c.issued_on.as_deref() {
        plan.push_str(&format!(" ngày {}", day(d)));
    }
    let mut out = vec![
        format!("{plan} của {} về {}.", c.issuer, lower_first(&c.title)),
        format!(
            "Thời gian thực hiện: từ ngày {} đến ngày {}.",
            day(&c.period_from),
            day(&c.period_to)
        ),
    ];
    if let Some(l) = c.launched_at.as_deref().and_then(|l| l.get(..10)) {
        out.push(format!("Phát động ngày {}.", day(l)));
    }
    out.push(format!(
        "{participants} đơn vị tham gia; {themes} nội dung thi đua, {targets} chỉ tiêu, \
         {deadlines} thời hạn gửi báo cáo, hồ sơ."
    ));
    out
}

/// "Phát động phong trào …" → "phát động phong trào …": a plan's title inside a sentence.
pub fn lower_first(title: &str) -> String {
    let mut chars = title.trim().chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

const STATUS_ORDER: [ProgressStatus; 5] = [
    ProgressStatus::Met,
    ProgressStatus::OnTrack,
    ProgressStatus::AtRisk,
    ProgressStatus::Missed,
    ProgressStatus::NotReported,
];

fn target_result(t: &TargetProgress) -> TargetResult {
    let measure = t.target.measure.as_deref().unwrap_or("");
    let lines = t
        .rows
        .iter()
        .map(|r| {
            let mut own = t.target.clone();
            own.threshold = r.committed.unwrap_or(t.target.threshold);
            TargetLine {
                unit: r.unit_name.clone(),
                committed: threshold(&own),
                value: r.latest.as_ref().map_or_else(
                    || "—".into(),
                    |l| {
                        format!("{} {measure}", format_number(l.value))
                            .trim()
                            .to_string()
                    },
                ),
                percent: r.progress.percent,
                status: r.progress.status.label().into(),
            }
        })
        .collect();
    TargetResult {
        text: t.target.text.clone(),
        threshold: threshold(&t.target),
        per_unit: t.scope == TargetScope::PerUnit,
        counts: STATUS_ORDER
            .iter()
            .map(|s| (s.label().to_string(), t.count(*s)))
            .collect(),
        lines,
    }
}

fn count_into(u: &mut UnitDeadlines, status: SubmissionStatus) -> bool {
    match status {
        SubmissionStatus::OnTime => u.on_time += 1,
        SubmissionStatus::Late => u.late += 1,
        SubmissionStatus::Missing => u.missing += 1,
        SubmissionStatus::NotDue | SubmissionStatus::NotApplicable => return false,
    }
    true
}

/// The matrix summed per unit (units owing nothing left out), per kind of deadline, and in all.
pub fn deadline_figures(m: &Matrix) -> Deadlines {
    let mut d = Deadlines::default();
    let mut kinds: BTreeMap<&str, UnitDeadlines> = BTreeMap::new();
    for row in &m.rows {
        let mut unit = UnitDeadlines {
            unit: row.unit_name.clone(),
            ..Default::default()
        };
        for (col, cell) in m.columns.iter().zip(&row.cells) {
            if cell.status == SubmissionStatus::NotDue {
                d.not_due += 1;
            }
            if count_into(&mut unit, cell.status) {
                count_into(&mut d.total, cell.status);
                let k = kinds.entry(col.kind).or_insert_with(|| UnitDeadlines {
                    unit: col.kind.to_string(),
                    ..Default::default()
                });
                count_into(k, cell.status);
            }
        }
        if unit.owed() > 0 {
            d.units.push(unit);
        }
    }
    d.kinds = kinds.into_values().collect();
    d
}

/// One line per due date of the exemplary-models deadlines up to the report's day.
pub fn exemplar_periods(m: &Matrix) -> Vec<ExemplarPeriod> {
    let kind = DeadlineKind::ExemplaryModels.label();
    m.columns
        .iter()
        .enumerate()
        .filter(|(_, col)| col.kind == kind)
        .filter_map(|(i, col)| {
            let mut p = ExemplarPeriod {
                label: format!("{}/{}", quarter_label(col.due_on), col.due_on.year()),
                due: dmy(col.due_on),
                ..Default::default()
            };
            let mut due = false;
            for row in &m.rows {
                match row.cells[i].status {
                    SubmissionStatus::OnTime => p.sent += 1,
                    SubmissionStatus::Late => {
                        p.sent += 1;
                        p.late += 1;
                    }
                    SubmissionStatus::Missing => {}
                    SubmissionStatus::NotDue | SubmissionStatus::NotApplicable => continue,
                }
                due = true;
                p.owed += 1;
            }
            due.then_some(p)
        })
        .collect()
}

/// Nominations and awards by form (in the order of the forms' codes), and nominations by status.
pub fn awards(tally: &[NominationTally], name_of: impl Fn(&str) -> String) -> Awards {
    let mut lines: BTreeMap<&str, AwardLine> = BTreeMap::new();
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for t in tally {
        let line = lines.entry(t.code.as_str()).or_insert_with(|| AwardLine {
            form: name_of(&t.code),
            ..Default::default()
        });
        let (count, awarded) = (t.count as usize, t.awarded as usize);
        if t.nominee_type == "person" {
            line.proposed_individuals += count;
            line.awarded_individuals += awarded;
        } else {
            line.proposed_collectives += count;
            line.awarded_collectives += awarded;
        }
        line.amount += t.amount;
        *by_status.entry(t.status.as_str()).or_default() += count;
    }
    Awards {
        lines: lines.into_values().collect(),
        by_status: by_status
            .into_iter()
            .map(|(s, n)| {
                let label = NominationStatus::parse(s).map_or(s, |s| s.label());
                (label.to_string(), n)
            })
            .collect(),
    }
}
