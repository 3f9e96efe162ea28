//! # thidua-rules
//!
//! The pure core of thidua: the rules of Vietnam's emulation and commendation law
//! (Luật Thi đua, khen thưởng 06/2022/QH15, Nghị định 98/2023 and 152/2025) **as data**.
//! No I/O, no async, no database.
//!
//! - [`Catalog`]: titles, award forms and local recognitions (code, name, rank, subjects,
//!   authority by level, dossier per procedure, council vote, money multiplier).
//! - [`RuleBook`] / [`RuleSet`]: criteria with effective dates and jurisdiction; a province's
//!   rules are layers on top of the national set. [`RuleBook::in_force`] resolves a date.
//! - [`Ledger`]: the history of a person, unit or household; [`merge_ledgers`] for merged units.
//! - [`evaluate`] / [`Rules::evaluate`]: Pass / Fail / Unknown per rule, with article and facts.
//! - [`batch::evaluate_year`]: a year's review, individuals first, then collectives.
//! - [`Rules::roadmap`]: the next honours within reach and what is missing.
//! - [`money`]: reward money in whole đồng.
//!
//! ```
//! use thidua_rules::{Rules, Ledger, Nominee, Proposal, Jurisdiction, AwardRecord};
//! # fn main() -> thidua_rules::Result<()> {
//! let rules = Rules::bundled()?;
//! let mut ledger = Ledger::default();
//! ledger.awards.push(AwardRecord::new("CSTDCS", 2021));
//! let date = time::macros::date!(2025 - 03 - 01);
//! let p = Proposal::new("CSTD_TINH", 2024, date, Jurisdiction::national());
//! let eval = rules.evaluate(Nominee::new(&ledger), &p)?;
//! assert_eq!(eval.verdict, thidua_rules::Verdict::Ineligible);
//! # Ok(())
//! # }
//! ```

pub mod batch;
mod catalog;
mod criteria;
mod engine;
mod error;
mod ledger;
mod load;
mod model;
pub mod money;
mod roadmap;
mod ruleset;
pub mod text;

pub use catalog::{Authority, Catalog, CatalogEntry, EntryKind, Multiplier, VoteRule};
pub use criteria::{Check, Criterion, Severity};
pub use engine::evaluate;
pub use engine::types::{
    CheckResult, Evaluation, Nominee, Outcome, Proposal, UnitCounts, Verdict, VoteTally,
};
pub use error::{Result, RulesError};
pub use ledger::{
    AwardRecord, Discipline, Initiative, Ledger, MemberSummary, RatingRecord, Review, ReviewKind,
    Roster, merge_ledgers,
};
pub use model::{
    Code, DisciplineLevel, InitiativeLevel, Jurisdiction, Level, NominationKind, Procedure, Rating,
    Subject,
};
pub use money::{BaseSalary, BaseSalaryTable, DecisionTotal, MoneyLine, RewardAmount};
pub use roadmap::{HORIZON_YEARS, RoadmapItem, roadmap};
pub use ruleset::{Layer, Params, ParamsPatch, ResolvedRules, RuleBook, RuleSet};

use time::Date;

/// The data files shipped with the binary (`crates/rules/data/`).
pub mod bundled {
    /// `catalog.toml`.
    pub const CATALOG: (&str, &str) = ("catalog.toml", include_str!("../data/catalog.toml"));
    /// `base_salary.toml`.
    pub const BASE_SALARY: (&str, &str) =
        ("base_salary.toml", include_str!("../data/base_salary.toml"));
    /// Rule sets: the Law's base, the two decrees, provincial overlays.
    pub const RULE_SETS: &[(&str, &str)] = &[
        (
            "ruleset_luat_2022.toml",
            include_str!("../data/ruleset_luat_2022.toml"),
        ),
        (
            "ruleset_nd98_2023.toml",
            include_str!("../data/ruleset_nd98_2023.toml"),
        ),
        (
            "ruleset_nd152_2025.toml",
            include_str!("../data/ruleset_nd152_2025.toml"),
        ),
        ("ruleset_hn.toml", include_str!("../data/ruleset_hn.toml")),
        ("ruleset_hcm.toml", include_str!("../data/ruleset_hcm.toml")),
        ("ruleset_bn.toml", include_str!("../data/ruleset_bn.toml")),
    ];
}

/// Catalog, rule sets and base salaries, cross-validated: the entry point of the crate.
#[derive(Debug, Clone)]
pub struct Rules {
    catalog: Catalog,
    book: RuleBook,
    salaries: BaseSalaryTable,
}

impl Rules {
    /// Loads the data shipped with the binary.
    pub fn bundled() -> Result<Self> {
        Self::from_sources(bundled::CATALOG, bundled::RULE_SETS, bundled::BASE_SALARY)
    }

    /// Loads from `(file name, TOML text)` pairs, e.g. an administrator's edited copies.
    /// Errors are in Vietnamese and name the file and the field.
    pub fn from_sources(
        catalog: (&str, &str),
        rule_sets: &[(&str, &str)],
        salaries: (&str, &str),
    ) -> Result<Self> {
        let catalog = Catalog::from_toml(catalog.0, catalog.1)?;
        let sets = rule_sets
            .iter()
            .map(|(f, t)| RuleSet::from_toml(f, t))
            .collect::<Result<Vec<_>>>()?;
        let book = RuleBook::new(sets)?;
        let salaries = BaseSalaryTable::from_toml(salaries.0, salaries.1)?;
        Self::new(catalog, book, salaries)
    }

    /// Assembles the parts, checking that every code a criterion uses is in the catalog.
    pub fn new(catalog: Catalog, book: RuleBook, salaries: BaseSalaryTable) -> Result<Self> {
        for set in book.sets() {
            for (i, c) in set.criteria.iter().enumerate() {
                let file = format!("rule set {}", set.id);
                for code in std::iter::once(&c.code).chain(c.check.referenced_codes()) {
                    if catalog.find(code.as_str()).is_none() {
                        return Err(error::invalid(
                            &file,
                            format!("criteria[{i}]"),
                            format!("mã `{code}` không có trong danh mục"),
                        ));
                    }
                }
            }
        }
        Ok(Rules {
            catalog,
            book,
            salaries,
        })
    }

    /// The catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }
    /// The rule sets.
    pub fn book(&self) -> &RuleBook {
        &self.book
    }
    /// The base salary table.
    pub fn salaries(&self) -> &BaseSalaryTable {
        &self.salaries
    }

    /// The rules in force on `date` in `jurisdiction`.
    pub fn in_force(&self, date: Date, jurisdiction: &Jurisdiction) -> Result<ResolvedRules<'_>> {
        self.book.in_force(date, jurisdiction)
    }

    /// The facts of `code` only a person can confirm (participation, exceeded targets…) under the rules
    /// in force for `proposal`, as `(key, text)` once each: what an appraising officer is asked.
    pub fn assertions(
        &self,
        proposal: &Proposal,
        subject: Subject,
    ) -> Result<Vec<(String, String)>> {
        let resolved = self.in_force(proposal.date, &proposal.jurisdiction)?;
        let mut out: Vec<(String, String)> = Vec::new();
        for c in resolved.criteria(&proposal.code) {
            if c.applies_to(subject) {
                criteria::collect_assertions(&c.check, &mut out);
            }
        }
        Ok(out)
    }

    /// Evaluates a proposal under the rules in force on its date.
    pub fn evaluate(&self, nominee: Nominee<'_>, proposal: &Proposal) -> Result<Evaluation> {
        let resolved = self.in_force(proposal.date, &proposal.jurisdiction)?;
        evaluate(&resolved, &self.catalog, nominee, proposal)
    }

    /// Reward money for one awardee of `code` decided on `date`.
    pub fn reward(&self, code: &Code, subject: Subject, date: Date) -> Result<RewardAmount> {
        let entry = self.catalog.get(code)?;
        let resolved = self.in_force(date, &Jurisdiction::national())?;
        money::reward_amount(
            entry,
            subject,
            date,
            &self.salaries,
            resolved.article("money"),
        )
    }

    /// Total of one decision dated `date`.
    pub fn decision_total(&self, lines: &[MoneyLine], date: Date) -> Result<DecisionTotal> {
        let resolved = self.in_force(date, &Jurisdiction::national())?;
        money::decision_total(
            &self.catalog,
            lines,
            date,
            &self.salaries,
            resolved.article("money"),
        )
    }

    /// The next honours within reach of a ledger, evaluated from `year` on `date`.
    pub fn roadmap(
        &self,
        ledger: &Ledger,
        year: i32,
        date: Date,
        jurisdiction: &Jurisdiction,
    ) -> Result<Vec<RoadmapItem>> {
        let resolved = self.in_force(date, jurisdiction)?;
        roadmap(&resolved, &self.catalog, ledger, year, date)
    }
}
