//! A read-only index over one ledger, built once per evaluation: ratings by year
//! (duplicates resolved to the lowest, so row order never matters), award years by code,
//! initiative uses, and the first year that still counts after a discipline.

use std::collections::{BTreeMap, BTreeSet};

use time::Date;

use crate::ledger::{AwardRecord, Discipline, Ledger};
use crate::model::{Code, Rating};

/// Index over a ledger for one evaluation date.
pub(crate) struct History<'a> {
    pub ledger: &'a Ledger,
    ratings: BTreeMap<i32, Rating>,
    /// Years before this are ignored for chains (Điều 4(4): achievements count from the end of
    /// a disciplinary period). `i32::MIN` when there was no discipline.
    pub first_countable: i32,
    /// The discipline that sets `first_countable`, for messages.
    pub last_discipline: Option<&'a Discipline>,
}

impl<'a> History<'a> {
    pub fn new(ledger: &'a Ledger, date: Date) -> Self {
        let mut ratings = BTreeMap::new();
        for r in &ledger.ratings {
            ratings
                .entry(r.year)
                .and_modify(|v: &mut Rating| *v = (*v).min(r.rating))
                .or_insert(r.rating);
        }
        let last_discipline = ledger
            .disciplines
            .iter()
            .filter(|d| d.from <= date)
            .max_by_key(|d| (d.to, d.from, d.level));
        let first_countable = last_discipline.map_or(i32::MIN, |d| d.to.year() + 1);
        History {
            ledger,
            ratings,
            first_countable,
            last_discipline,
        }
    }

    /// Rating of `year`, if recorded.
    pub fn rating(&self, year: i32) -> Option<Rating> {
        self.ratings.get(&year).copied()
    }

    /// Live (not revoked) awards.
    pub fn awards(&self) -> impl Iterator<Item = &'a AwardRecord> + '_ {
        self.ledger.awards.iter().filter(|a| !a.revoked)
    }

    /// Years of live merit awards of any of `codes` (ND 152 Điều 4(3): one-off and thematic
    /// awards never count toward later merit awards).
    pub fn merit_years(&self, codes: &[Code]) -> BTreeSet<i32> {
        self.awards()
            .filter(|a| a.kind.counts_for_merit() && codes.contains(&a.code))
            .map(|a| a.year)
            .collect()
    }

    /// Latest year of a live merit award of `code` strictly before `year`.
    pub fn last_before(&self, code: &Code, year: i32) -> Option<i32> {
        self.awards()
            .filter(|a| a.kind.counts_for_merit() && &a.code == code && a.year < year)
            .map(|a| a.year)
            .max()
    }

    /// The live award that already used initiative `id`, if any.
    pub fn initiative_use(&self, id: &str) -> Option<&'a AwardRecord> {
        self.awards()
            .filter(|a| a.initiatives.iter().any(|i| i == id))
            .min_by(|a, b| (a.year, &a.code).cmp(&(b.year, &b.code)))
    }

    /// True if `year` still counts (after any discipline period).
    pub fn countable(&self, year: i32) -> bool {
        year >= self.first_countable
    }
}
