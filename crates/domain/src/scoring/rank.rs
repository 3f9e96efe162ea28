//! Ranking units by their scores: total first, then the tie-break criteria in order, then a recorded
//! vote; units equal on all of these share a rank (1, 1, 3: the next rank skips those shared), and keep
//! the order they were given in among themselves.

use std::cmp::Ordering;

/// What a unit is ranked by.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub unit_id: String,
    pub total: f64,
    /// Scores of the scale's tie-break criteria, in order.
    pub tie_values: Vec<f64>,
    /// Votes recorded to break a tie that remains (none when no vote was held).
    pub votes: Option<u32>,
}

/// A unit's place.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub unit_id: String,
    /// 1 for the first; equal units share it.
    pub rank: usize,
    pub total: f64,
    /// True when the unit shares its rank with another (a tie that still needs breaking).
    pub tied: bool,
}

/// Points are compared to the hundredth of a point, so that sums taken in another order (0.1 + 0.2)
/// do not separate equal scores.
fn key(x: f64) -> i64 {
    if x.is_finite() {
        (x * 100.0).round() as i64
    } else {
        0
    }
}

fn compare(a: &Standing, b: &Standing) -> Ordering {
    key(b.total)
        .cmp(&key(a.total))
        .then_with(|| {
            let n = a.tie_values.len().max(b.tie_values.len());
            (0..n)
                .map(|i| {
                    let av = a.tie_values.get(i).copied().unwrap_or(0.0);
                    let bv = b.tie_values.get(i).copied().unwrap_or(0.0);
                    key(bv).cmp(&key(av))
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| b.votes.unwrap_or(0).cmp(&a.votes.unwrap_or(0)))
}

/// The ranking, best first.
pub fn rank(standings: &[Standing]) -> Vec<Ranked> {
    let mut order: Vec<&Standing> = standings.iter().collect();
    // A stable sort: units that compare equal keep the order they were given in.
    order.sort_by(|a, b| compare(a, b));
    let mut out: Vec<Ranked> = Vec::with_capacity(order.len());
    for (i, s) in order.iter().enumerate() {
        let same_as_previous = i > 0 && compare(order[i - 1], s) == Ordering::Equal;
        let rank = if same_as_previous {
            out[i - 1].rank
        } else {
            i + 1
        };
        if same_as_previous {
            out[i - 1].tied = true;
        }
        out.push(Ranked {
            unit_id: s.unit_id.clone(),
            rank,
            total: s.total,
            tied: same_as_previous,
        });
    }
    out
}
