//! The units' work on launched campaigns: the on-time rate of what deadlines ask for (by unit and by
//! kind of deadline) from the campaigns' unit × deadline matrices, and each campaign's targets by
//! progress status from its progress board. Pure: matrices and boards in, figures out.

use super::figure::{Figure, percent, percent_text, thousands};
use crate::campaign_views::{Matrix, TargetProgress};
use std::collections::BTreeMap;
use thidua_docs::chart::ChartKind;
use thidua_domain::campaign::deadline::SubmissionStatus;
use thidua_domain::campaign::progress::ProgressStatus;

/// Occurrences sent on time, late, and overdue without anything sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OnTime {
    pub on_time: i64,
    pub late: i64,
    pub missing: i64,
}

impl OnTime {
    fn add(&mut self, status: SubmissionStatus) {
        match status {
            SubmissionStatus::OnTime => self.on_time += 1,
            SubmissionStatus::Late => self.late += 1,
            SubmissionStatus::Missing => self.missing += 1,
            SubmissionStatus::NotDue | SubmissionStatus::NotApplicable => {}
        }
    }

    fn plus(&mut self, o: OnTime) {
        self.on_time += o.on_time;
        self.late += o.late;
        self.missing += o.missing;
    }

    /// Occurrences that were due: what the rate divides by.
    pub fn due(&self) -> i64 {
        self.on_time + self.late + self.missing
    }
}

/// On-time counts by unit id and by kind of deadline, summed over campaigns.
#[derive(Debug, Clone, Default)]
pub struct OnTimeTally {
    pub by_unit: BTreeMap<String, OnTime>,
    pub by_kind: BTreeMap<&'static str, OnTime>,
}

impl OnTimeTally {
    /// Adds a campaign's matrix, counting only the rows of units `keep` accepts.
    pub fn add(&mut self, m: &Matrix, keep: impl Fn(&str) -> bool) {
        for row in m.rows.iter().filter(|r| keep(&r.unit_id)) {
            let unit = self.by_unit.entry(row.unit_id.clone()).or_default();
            for (col, cell) in m.columns.iter().zip(&row.cells) {
                unit.add(cell.status);
                self.by_kind.entry(col.kind).or_default().add(cell.status);
            }
        }
    }
}

fn on_time_figure(
    key: &str,
    title: &str,
    head: &str,
    kind: ChartKind,
    rows: Vec<(String, OnTime)>,
) -> Figure {
    let mut f = Figure::new(key, title, kind);
    f.unit = "%".into();
    f.categories = rows.iter().map(|r| r.0.clone()).collect();
    f.push_series(
        "Tỷ lệ đúng hạn",
        rows.iter()
            .map(|r| percent(r.1.on_time, r.1.due()))
            .collect(),
    );
    f.headers = [
        head,
        "Đúng hạn",
        "Trễ hạn",
        "Quá hạn chưa gửi",
        "Tỷ lệ đúng hạn",
    ]
    .map(String::from)
    .to_vec();
    f.rows = rows
        .iter()
        .map(|(name, t)| {
            vec![
                name.clone(),
                thousands(t.on_time),
                thousands(t.late),
                thousands(t.missing),
                percent_text(t.on_time, t.due()),
            ]
        })
        .collect();
    f.note =
        "Mỗi lần đến hạn của mỗi đơn vị phải gửi tính một lần; chưa đến hạn không tính.".into();
    f
}

/// The on-time rate by unit, the lowest first (units with nothing due are left out); `group` maps a
/// unit id to the name of the group it counts in.
pub fn by_unit(t: &OnTimeTally, group: impl Fn(&str) -> Option<String>) -> Figure {
    let mut groups: BTreeMap<String, OnTime> = BTreeMap::new();
    for (unit, n) in &t.by_unit {
        if let Some(name) = group(unit) {
            groups.entry(name).or_default().plus(*n);
        }
    }
    let mut rows: Vec<(String, OnTime)> = groups.into_iter().filter(|(_, n)| n.due() > 0).collect();
    rows.sort_by(|a, b| {
        let (ra, rb) = (
            percent(a.1.on_time, a.1.due()),
            percent(b.1.on_time, b.1.due()),
        );
        ra.total_cmp(&rb).then(a.0.cmp(&b.0))
    });
    on_time_figure(
        "on_time_by_unit",
        "Tỷ lệ gửi đúng hạn theo đơn vị (thấp nhất trước)",
        "Đơn vị",
        ChartKind::HorizontalBars,
        rows,
    )
}

/// The on-time rate by kind of deadline.
pub fn by_kind(t: &OnTimeTally) -> Figure {
    let rows = t
        .by_kind
        .iter()
        .filter(|(_, n)| n.due() > 0)
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    on_time_figure(
        "on_time_by_kind",
        "Tỷ lệ gửi đúng hạn theo loại mốc thời gian",
        "Loại mốc",
        ChartKind::Bars,
        rows,
    )
}

const STATUSES: [ProgressStatus; 5] = [
    ProgressStatus::Met,
    ProgressStatus::OnTrack,
    ProgressStatus::AtRisk,
    ProgressStatus::Missed,
    ProgressStatus::NotReported,
];

/// Each campaign's targets by the status of their readings (a per-unit target counts once per unit).
pub fn targets(
    boards: &[(String, Vec<TargetProgress>)],
    keep: impl Fn(Option<&str>) -> bool,
) -> Figure {
    let mut f = Figure::new(
        "targets",
        "Tiến độ thực hiện chỉ tiêu của các đợt thi đua",
        ChartKind::StackedBars,
    );
    let mut counts: Vec<[i64; 5]> = Vec::new();
    for (campaign, board) in boards {
        for (i, t) in board.iter().enumerate() {
            let mut c = [0_i64; 5];
            for r in t.rows.iter().filter(|r| keep(r.unit_id.as_deref())) {
                if let Some(i) = STATUSES.iter().position(|s| *s == r.progress.status) {
                    c[i] += 1;
                }
            }
            let label = format!("{}. {}", i + 1, t.target.text);
            f.categories.push(if boards.len() > 1 {
                format!("{campaign} — {label}")
            } else {
                label.clone()
            });
            let mut row = vec![campaign.clone(), label];
            row.extend(c.iter().map(|n| thousands(*n)));
            f.rows.push(row);
            counts.push(c);
        }
    }
    for (i, s) in STATUSES.iter().enumerate() {
        f.push_series(s.label(), counts.iter().map(|c| c[i] as f64).collect());
    }
    f.headers = ["Đợt thi đua", "Chỉ tiêu"]
        .into_iter()
        .map(String::from)
        .chain(STATUSES.iter().map(|s| s.label().to_string()))
        .collect();
    f.label_columns = 2;
    f.note = "Chỉ tiêu chung tính một lần; chỉ tiêu giao từng đơn vị tính mỗi đơn vị một lần, theo báo cáo mới nhất.".into();
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign_views::{Cell, Column, MatrixRow};

    fn cell(status: SubmissionStatus) -> Cell {
        Cell {
            status,
            submission_id: None,
            sent_on: None,
        }
    }

    fn matrix() -> Matrix {
        let col = |kind| Column {
            deadline_id: "d".into(),
            due_on: time::macros::date!(2025 - 06 - 30),
            label: String::new(),
            kind,
        };
        let row = |id: &str, a, b| MatrixRow {
            unit_id: id.into(),
            unit_name: id.into(),
            cells: vec![cell(a), cell(b)],
        };
        Matrix {
            columns: vec![col("Báo cáo 6 tháng"), col("Đăng ký thi đua")],
            rows: vec![
                row("u1", SubmissionStatus::OnTime, SubmissionStatus::Late),
                row("u2", SubmissionStatus::Missing, SubmissionStatus::OnTime),
                row(
                    "u3",
                    SubmissionStatus::NotDue,
                    SubmissionStatus::NotApplicable,
                ),
            ],
            counts: BTreeMap::new(),
        }
    }

    #[test]
    fn on_time_counts_only_what_was_due() {
        let mut t = OnTimeTally::default();
        t.add(&matrix(), |_| true);
        assert_eq!(
            t.by_unit["u1"],
            OnTime {
                on_time: 1,
                late: 1,
                missing: 0
            }
        );
        assert_eq!(t.by_unit["u3"].due(), 0);
        let f = by_kind(&t);
        assert_eq!(
            f.values("Tỷ lệ đúng hạn"),
            [
                ("Báo cáo 6 tháng".into(), 50.0),
                ("Đăng ký thi đua".into(), 50.0)
            ]
        );
        let u = by_unit(&t, |id| (id != "u2").then(|| format!("Đơn vị {id}")));
        assert_eq!(
            u.rows,
            [["Đơn vị u1", "1", "1", "0", "50%"]],
            "u2 left out, u3 owed nothing"
        );
    }

    #[test]
    fn a_second_campaign_adds_to_the_same_units_and_rows_can_be_left_out() {
        let mut t = OnTimeTally::default();
        t.add(&matrix(), |id| id != "u1");
        t.add(&matrix(), |id| id != "u1");
        assert!(!t.by_unit.contains_key("u1"));
        assert_eq!(
            t.by_unit["u2"],
            OnTime {
                on_time: 2,
                late: 0,
                missing: 2
            }
        );
    }
}
