//! The award pipeline's figures: nominations by status, and how long nominations stay in each step
//! (from the event that put them there to the next one, for steps they have left).

use super::figure::{Figure, decimal, thousands};
use std::collections::BTreeMap;
use thidua_docs::chart::ChartKind;
use thidua_domain::nomination::NominationStatus;
use thidua_store::dashboard::Step;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

fn label(code: &str) -> String {
    NominationStatus::parse(code).map_or_else(|| code.to_string(), |s| s.label().to_string())
}

fn order(code: &str) -> usize {
    NominationStatus::ALL
        .iter()
        .position(|s| s.code() == code)
        .unwrap_or(usize::MAX)
}

/// Nominations by status, in the pipeline's order.
pub fn by_status(counts: &[(String, i64)]) -> Figure {
    let mut rows: Vec<&(String, i64)> = counts.iter().collect();
    rows.sort_by_key(|(code, _)| order(code));
    let mut f = Figure::new(
        "nominations_by_status",
        "Hồ sơ đề nghị khen thưởng theo trạng thái",
        ChartKind::HorizontalBars,
    );
    f.categories = rows.iter().map(|(c, _)| label(c)).collect();
    f.push_series("Số hồ sơ", rows.iter().map(|(_, n)| *n as f64).collect());
    f.headers = vec!["Trạng thái".into(), "Số hồ sơ".into()];
    f.rows = rows
        .iter()
        .map(|(c, n)| vec![label(c), thousands(*n)])
        .collect();
    f.note = "Hồ sơ có năm thành tích là năm đã chọn.".into();
    f
}

/// Days between two stored timestamps, `None` when either does not read.
fn days(from: &str, to: &str) -> Option<f64> {
    let a = OffsetDateTime::parse(from, &Rfc3339).ok()?;
    let b = OffsetDateTime::parse(to, &Rfc3339).ok()?;
    Some((b - a).as_seconds_f64().max(0.0) / 86_400.0)
}

/// The average and longest number of days spent in each step that was left.
pub fn time_in_steps(steps: &[Step]) -> Figure {
    let mut t: BTreeMap<usize, (String, i64, f64, f64)> = BTreeMap::new();
    for s in steps {
        let Some(d) = s.left_at.as_deref().and_then(|l| days(&s.at, l)) else {
            continue;
        };
        let e = t
            .entry(order(&s.status))
            .or_insert_with(|| (label(&s.status), 0, 0.0, 0.0));
        e.1 += 1;
        e.2 += d;
        e.3 = e.3.max(d);
    }
    let mut f = Figure::new(
        "time_in_steps",
        "Thời gian trung bình ở mỗi bước (ngày)",
        ChartKind::HorizontalBars,
    );
    let avg = |n: i64, sum: f64| {
        if n == 0 {
            0.0
        } else {
            (sum / n as f64 * 10.0).round() / 10.0
        }
    };
    f.categories = t.values().map(|v| v.0.clone()).collect();
    f.push_series(
        "Số ngày trung bình",
        t.values().map(|v| avg(v.1, v.2)).collect(),
    );
    f.headers = ["Bước", "Số lượt", "Số ngày trung bình", "Dài nhất (ngày)"]
        .map(String::from)
        .to_vec();
    f.rows = t
        .values()
        .map(|(name, n, sum, max)| {
            vec![
                name.clone(),
                thousands(*n),
                decimal(avg(*n, *sum)),
                decimal((max * 10.0).round() / 10.0),
            ]
        })
        .collect();
    f.note = "Tính từ lúc hồ sơ chuyển sang bước đó đến bước tiếp theo; hồ sơ còn ở một bước chưa được tính cho bước ấy.".into();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(status: &str, at: &str, left: Option<&str>) -> Step {
        Step {
            status: status.into(),
            at: at.into(),
            left_at: left.map(str::to_string),
        }
    }

    #[test]
    fn statuses_follow_the_pipeline_with_their_labels() {
        let f = by_status(&[("decided".into(), 2), ("draft".into(), 5)]);
        assert_eq!(f.categories, ["Đang soạn", "Đã có quyết định khen thưởng"]);
        assert_eq!(f.rows[1], ["Đã có quyết định khen thưởng", "2"]);
    }

    #[test]
    fn steps_average_the_days_until_the_next_event_and_skip_open_ones() {
        let f = time_in_steps(&[
            step(
                "submitted",
                "2025-03-01T00:00:00.000Z",
                Some("2025-03-03T00:00:00.000Z"),
            ),
            step(
                "submitted",
                "2025-03-01T00:00:00.000Z",
                Some("2025-03-05T12:00:00.000Z"),
            ),
            step("accepted", "2025-03-05T12:00:00.000Z", None),
        ]);
        assert_eq!(f.categories, ["Chờ thẩm định"]);
        assert_eq!(f.values("Số ngày trung bình")[0].1, 3.3);
        assert_eq!(f.rows[0], ["Chờ thẩm định", "2", "3,3", "4,5"]);
    }
}
