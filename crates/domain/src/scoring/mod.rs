//! Scoring scales (thang điểm) and rankings of a campaign, cluster or block: the arithmetic only, no
//! storage. A scale has groups of criteria with maximum points (the Cần Thơ pattern of LAW.md §6: a group
//! total never exceeds its maximum); a criterion is fixed points, a rate (`value / target × points`,
//! capped), yes/no, a deduction (điểm trừ) or a bonus (điểm thưởng); a criterion whose precondition
//! (điều kiện để chấm điểm) is not met scores 0. Rankings order by total, then the scale's tie-break
//! criteria in order, then a recorded vote; units equal on all of these share a rank.

pub mod input;
mod rank;

pub use rank::{Ranked, Standing, rank};

use std::collections::HashMap;

/// How a criterion turns an assessment into points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CriterionKind {
    /// The assessor gives points from 0 to the criterion's points.
    Fixed,
    /// `value / target × points`, the ratio capped at `cap` (1.0: no more than the points).
    Rate { cap: f64 },
    /// All the points when met, none otherwise.
    YesNo,
    /// `count × points` taken off (each breach, late report…), at most `max_count` times when set.
    Deduction { max_count: Option<u32> },
    /// `count × points` added, at most `max_count` times when set.
    Bonus { max_count: Option<u32> },
}

/// One criterion of a scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    /// Index of its group in [`Scale::groups`].
    pub group: usize,
    pub kind: CriterionKind,
    /// Điểm chuẩn: the points of the criterion (per occurrence for deductions and bonuses).
    pub points: f64,
}

/// A group of criteria and its maximum.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub max: f64,
}

/// A scoring scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub groups: Vec<Group>,
    pub criteria: Vec<Criterion>,
    /// Whether deductions may take a total below zero (most scales stop at 0).
    pub negative_total: bool,
    /// Criterion ids compared in order when totals are equal.
    pub tie_breaks: Vec<String>,
}

/// What an assessor recorded for one criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Assessment {
    /// The precondition is not met: the criterion scores 0.
    PreconditionNotMet,
    /// Points given (fixed criteria).
    Points(f64),
    /// Achieved value against the target (rate criteria).
    Rate { value: f64, target: f64 },
    /// Met or not (yes/no criteria).
    Met(bool),
    /// How many times (deductions and bonuses).
    Count(u32),
}

/// Finite, non-negative, or 0.
fn clean(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

/// The signed points of one criterion (a deduction is negative); an assessment that does not fit the
/// criterion's kind scores 0 (the input layer refuses it with a message before it gets here).
pub fn criterion_score(c: &Criterion, a: &Assessment) -> f64 {
    let points = clean(c.points);
    let capped = |n: u32, max: Option<u32>| f64::from(max.map_or(n, |m| n.min(m)));
    match (c.kind, a) {
        (_, Assessment::PreconditionNotMet) => 0.0,
        (CriterionKind::Fixed, Assessment::Points(p)) => clean(*p).min(points),
        (CriterionKind::Rate { cap }, Assessment::Rate { value, target }) => {
            let target = clean(*target);
            if target == 0.0 {
                return 0.0;
            }
            (clean(*value) / target).min(clean(cap)) * points
        }
        (CriterionKind::YesNo, Assessment::Met(true)) => points,
        (CriterionKind::Deduction { max_count }, Assessment::Count(n)) => {
            -capped(*n, max_count) * points
        }
        (CriterionKind::Bonus { max_count }, Assessment::Count(n)) => {
            capped(*n, max_count) * points
        }
        _ => 0.0,
    }
}

/// A unit's points: per group (each within 0 and its maximum) and in total.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Total {
    pub groups: Vec<f64>,
    pub total: f64,
}

/// Adds up a unit's assessments under the scale. A group's criteria are summed, deductions included,
/// and the sum kept between 0 and the group's maximum; a group made only of deductions (the usual
/// «Điểm trừ» section) takes off up to its maximum instead. The total is the sum of the groups, at
/// least 0 unless the scale allows a negative total.
pub fn total(scale: &Scale, answers: &HashMap<String, Assessment>) -> Total {
    let n = scale.groups.len();
    let mut raw = vec![0.0; n];
    let mut gains = vec![false; n];
    for c in &scale.criteria {
        if let Some(g) = gains.get_mut(c.group) {
            *g |= !matches!(c.kind, CriterionKind::Deduction { .. });
        }
        if let (Some(slot), Some(a)) = (raw.get_mut(c.group), answers.get(&c.id)) {
            *slot += criterion_score(c, a);
        }
    }
    let groups: Vec<f64> = raw
        .iter()
        .zip(&scale.groups)
        .zip(&gains)
        .map(|((sum, g), gains)| {
            let max = clean(g.max);
            let lower = if *gains { 0.0 } else { -max };
            sum.clamp(lower, max)
        })
        .collect();
    let sum: f64 = groups.iter().sum();
    let total = if scale.negative_total {
        sum
    } else {
        sum.max(0.0)
    };
    Total { groups, total }
}

/// A group's number as scales write it: I, II, … XXXIX (then the digits).
pub fn roman(n: i64) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    match usize::try_from(n) {
        Ok(n @ 1..=39) => format!("{}{}", TENS[n / 10], ONES[n % 10]),
        _ => n.to_string(),
    }
}

/// Points as Vietnamese people write them: `12,5`, whole numbers without decimals, to the hundredth;
/// never «-0».
pub fn points_text(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let s = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    };
    s.replace('.', ",")
}

/// The scores of the tie-break criteria, in the scale's order, for ranking.
pub fn tie_values(scale: &Scale, answers: &HashMap<String, Assessment>) -> Vec<f64> {
    scale
        .tie_breaks
        .iter()
        .map(|id| {
            scale
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .zip(answers.get(id))
                .map_or(0.0, |(c, a)| criterion_score(c, a))
        })
        .collect()
}

#[cfg(test)]
mod tests;
