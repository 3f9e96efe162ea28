//! Progress on a target: from the latest reported value, the share of the threshold reached and
//! whether the unit is on track, at risk, or has missed (or met) it.

use super::target::Comparator;
use time::Date;

/// Where a target stands for one unit (or the whole body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressStatus {
    /// The threshold is met.
    Met,
    /// Not met yet, but progressing at least as fast as the time elapsed.
    OnTrack,
    /// Behind the pace the remaining time needs.
    AtRisk,
    /// The period has ended without meeting the threshold.
    Missed,
    /// Nothing reported yet.
    NotReported,
}

impl ProgressStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::Missed => "missed",
            Self::NotReported => "not_reported",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Đã đạt",
            Self::OnTrack => "Đúng tiến độ",
            Self::AtRisk => "Có nguy cơ không đạt",
            Self::Missed => "Không đạt",
            Self::NotReported => "Chưa báo cáo",
        }
    }
}

/// The reading of one target's latest value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub status: ProgressStatus,
    /// The value as a percentage of the threshold (for `≤` targets, how much of the allowance is used);
    /// `None` when nothing is reported or the threshold is zero.
    pub percent: Option<f64>,
}

/// Reads a target's latest value on `today` within the campaign period `from..=to`.
///
/// Pace: a target that is not met is on track while its share of the threshold is at least the share of
/// the period elapsed (less a 10-point margin, since results come in lumps); after the period it is missed.
/// `≤` targets (a ceiling) are on track while under the ceiling and missed once over it at the end.
pub fn evaluate(
    comparator: Comparator,
    threshold: f64,
    latest: Option<f64>,
    today: Date,
    from: Date,
    to: Date,
) -> Progress {
    let Some(value) = latest else {
        return Progress {
            status: ProgressStatus::NotReported,
            percent: None,
        };
    };
    let percent = (threshold.abs() > f64::EPSILON).then(|| value / threshold * 100.0);
    if comparator.is_met(value, threshold) {
        return Progress {
            status: ProgressStatus::Met,
            percent,
        };
    }
    if today > to {
        return Progress {
            status: ProgressStatus::Missed,
            percent,
        };
    }
    let status = match comparator {
        // Over a ceiling, or a non-zero count where zero is required: at risk until the end.
        Comparator::AtMost => ProgressStatus::AtRisk,
        Comparator::Equal if threshold.abs() < f64::EPSILON => ProgressStatus::AtRisk,
        _ => {
            let total = (to - from).whole_days().max(1) as f64;
            let elapsed = ((today - from).whole_days().max(0) as f64 / total).min(1.0);
            let share = percent.unwrap_or(0.0) / 100.0;
            if share + 0.10 >= elapsed {
                ProgressStatus::OnTrack
            } else {
                ProgressStatus::AtRisk
            }
        }
    };
    Progress { status, percent }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const FROM: Date = date!(2024 - 01 - 01);
    const TO: Date = date!(2024 - 12 - 31);

    #[test]
    fn met_on_track_at_risk_missed() {
        let p = evaluate(
            Comparator::AtLeast,
            95.0,
            Some(96.0),
            date!(2024 - 06 - 01),
            FROM,
            TO,
        );
        assert_eq!(p.status, ProgressStatus::Met);
        assert!((p.percent.unwrap() - 101.05).abs() < 0.01);
        // Half the year gone, 60 % of the threshold reached: on track.
        assert_eq!(
            evaluate(
                Comparator::AtLeast,
                95.0,
                Some(57.0),
                date!(2024 - 07 - 01),
                FROM,
                TO
            )
            .status,
            ProgressStatus::OnTrack
        );
        // Three quarters gone, 30 %: at risk.
        assert_eq!(
            evaluate(
                Comparator::AtLeast,
                95.0,
                Some(28.5),
                date!(2024 - 10 - 01),
                FROM,
                TO
            )
            .status,
            ProgressStatus::AtRisk
        );
        // Over: missed.
        assert_eq!(
            evaluate(
                Comparator::AtLeast,
                95.0,
                Some(90.0),
                date!(2025 - 01 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::Missed
        );
        assert_eq!(
            evaluate(
                Comparator::AtLeast,
                95.0,
                None,
                date!(2024 - 05 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::NotReported
        );
    }

    #[test]
    fn ceilings_and_zero_targets() {
        assert_eq!(
            evaluate(
                Comparator::AtMost,
                3.0,
                Some(2.0),
                date!(2024 - 05 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::Met
        );
        assert_eq!(
            evaluate(
                Comparator::AtMost,
                3.0,
                Some(5.0),
                date!(2024 - 05 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::AtRisk
        );
        assert_eq!(
            evaluate(
                Comparator::AtMost,
                3.0,
                Some(5.0),
                date!(2025 - 05 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::Missed
        );
        let zero = evaluate(
            Comparator::Equal,
            0.0,
            Some(0.0),
            date!(2024 - 05 - 05),
            FROM,
            TO,
        );
        assert_eq!((zero.status, zero.percent), (ProgressStatus::Met, None));
        assert_eq!(
            evaluate(
                Comparator::Equal,
                0.0,
                Some(4.0),
                date!(2024 - 05 - 05),
                FROM,
                TO
            )
            .status,
            ProgressStatus::AtRisk
        );
    }

    #[test]
    fn above_needs_strictly_more() {
        assert_eq!(
            evaluate(
                Comparator::Above,
                100.0,
                Some(100.0),
                date!(2025 - 01 - 02),
                FROM,
                TO
            )
            .status,
            ProgressStatus::Missed
        );
        assert_eq!(
            evaluate(
                Comparator::Above,
                100.0,
                Some(101.0),
                date!(2025 - 01 - 02),
                FROM,
                TO
            )
            .status,
            ProgressStatus::Met
        );
    }
}
