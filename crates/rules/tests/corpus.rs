//! Table-driven corpus written from LAW.md: every `tests/corpus/*.toml` file holds
//! `[[case]]` (eligibility), `[[money]]` and `[[roadmap]]` tables. One test runs them all and
//! reports every mismatch with the case name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use thidua_rules::{
    Code, Jurisdiction, Ledger, MoneyLine, Nominee, Outcome, Proposal, Roster, Rules, Subject,
    Verdict, bundled, merge_ledgers,
};
use time::Date;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    case: Vec<Case>,
    #[serde(default)]
    money: Vec<MoneyCase>,
    #[serde(default)]
    roadmap: Vec<RoadmapCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// LAW.md section the case is written from.
    law: String,
    #[serde(default)]
    ledger: Ledger,
    /// Predecessor ledgers merged into `ledger` (merged units).
    #[serde(default)]
    predecessors: Vec<Ledger>,
    /// Members of a collective, as ledgers (roster built after individual titles).
    #[serde(default)]
    members: Vec<Ledger>,
    /// Members given directly.
    roster: Option<Roster>,
    proposal: Proposal,
    /// Extra rule set (TOML) layered for this case only.
    overlay: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
    verdict: Option<Verdict>,
    rule_set: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    rule: String,
    outcome: Outcome,
    article: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyCase {
    name: String,
    law: String,
    date: Date,
    lines: Vec<(String, Subject)>,
    total: Option<i64>,
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapCase {
    name: String,
    law: String,
    ledger: Ledger,
    year: i32,
    date: Date,
    #[serde(default = "Jurisdiction::national")]
    jurisdiction: Jurisdiction,
    earliest: BTreeMap<String, i32>,
}

fn rules_with(overlay: Option<&str>) -> Rules {
    let mut sets: Vec<(&str, &str)> = bundled::RULE_SETS.to_vec();
    if let Some(o) = overlay {
        sets.push(("overlay.toml", o));
    }
    Rules::from_sources(bundled::CATALOG, &sets, bundled::BASE_SALARY).expect("bundled data loads")
}

fn run_case(rules: &Rules, c: &Case) -> Vec<String> {
    let mut errs = Vec::new();
    let owned_rules;
    let rules = match &c.overlay {
        Some(o) => {
            owned_rules = rules_with(Some(o));
            &owned_rules
        }
        None => rules,
    };
    let mut ledger = c.ledger.clone();
    if !c.predecessors.is_empty() {
        let mut parts = vec![ledger.clone()];
        parts.extend(c.predecessors.iter().cloned());
        ledger = merge_ledgers(&c.ledger.id, &parts);
    }
    let built;
    let roster = if !c.members.is_empty() {
        built = Roster::from_ledgers(c.proposal.year, &c.members);
        Some(&built)
    } else {
        c.roster.as_ref()
    };
    let nominee = Nominee {
        ledger: &ledger,
        roster,
    };
    let eval = match rules.evaluate(nominee, &c.proposal) {
        Ok(e) => e,
        Err(e) => {
            match &c.error {
                Some(want) if e.to_string().contains(want.as_str()) => {}
                _ => errs.push(format!("unexpected error: {e}")),
            }
            return errs;
        }
    };
    if c.error.is_some() {
        errs.push("expected an error, got an evaluation".to_owned());
    }
    for x in &c.expect {
        let Some(got) = eval.check(&x.rule) else {
            errs.push(format!(
                "rule `{}` not evaluated; have {:?}",
                x.rule,
                eval.checks.iter().map(|c| &c.rule).collect::<Vec<_>>()
            ));
            continue;
        };
        if got.outcome != x.outcome {
            errs.push(format!(
                "rule `{}`: want {:?}, got {:?} — {}",
                x.rule, x.outcome, got.outcome, got.message
            ));
        }
        if let Some(a) = &x.article
            && !got.article.contains(a.as_str())
        {
            errs.push(format!(
                "rule `{}`: article `{}` does not contain `{a}`",
                x.rule, got.article
            ));
        }
        if let Some(m) = &x.message
            && !got.message.contains(m.as_str())
        {
            errs.push(format!(
                "rule `{}`: message `{}` does not contain `{m}`",
                x.rule, got.message
            ));
        }
    }
    if let Some(v) = c.verdict
        && v != eval.verdict
    {
        errs.push(format!(
            "verdict: want {v:?}, got {:?}\n{}",
            eval.verdict,
            eval.summary()
        ));
    }
    if let Some(id) = &c.rule_set
        && !eval.rule_sets.contains(id)
    {
        errs.push(format!(
            "rule set `{id}` not applied; applied {:?}",
            eval.rule_sets
        ));
    }
    errs
}

fn run_money(rules: &Rules, m: &MoneyCase) -> Vec<String> {
    let lines: Vec<MoneyLine> = m
        .lines
        .iter()
        .map(|(c, s)| MoneyLine {
            code: Code::new(c.as_str()),
            subject: *s,
        })
        .collect();
    match (rules.decision_total(&lines, m.date), &m.total, &m.error) {
        (Ok(t), Some(want), None) if t.total == *want => vec![],
        (Err(e), None, Some(want)) if e.to_string().contains(want.as_str()) => vec![],
        (Ok(t), _, _) => vec![format!(
            "total {} (lines {:?}), want {:?} / error {:?}",
            t.total, t.lines, m.total, m.error
        )],
        (Err(e), _, _) => vec![format!("error `{e}`, want {:?} / {:?}", m.total, m.error)],
    }
}

fn run_roadmap(rules: &Rules, r: &RoadmapCase) -> Vec<String> {
    let items = match rules.roadmap(&r.ledger, r.year, r.date, &r.jurisdiction) {
        Ok(i) => i,
        Err(e) => return vec![format!("error {e}")],
    };
    let mut errs = Vec::new();
    for (code, want) in &r.earliest {
        let got: Vec<Option<i32>> = items
            .iter()
            .filter(|i| i.code.as_str() == code)
            .map(|i| i.earliest_year)
            .collect();
        if !got.contains(&Some(*want)) {
            errs.push(format!("{code}: earliest {got:?}, want {want}"));
        }
    }
    errs
}

#[test]
fn corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let rules = rules_with(None);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let (mut n, mut failures) = (0usize, Vec::new());
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let text = std::fs::read_to_string(path).expect("read corpus file");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let fname = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut report = |name: &str, law: &str, errs: Vec<String>| {
            n += 1;
            assert!(!law.is_empty(), "{name}: cite the LAW.md section");
            for e in errs {
                failures.push(format!("[{fname}] {name}: {e}"));
            }
        };
        for c in &file.case {
            report(&c.name, &c.law, run_case(&rules, c));
        }
        for m in &file.money {
            report(&m.name, &m.law, run_money(&rules, m));
        }
        for r in &file.roadmap {
            report(&r.name, &r.law, run_roadmap(&rules, r));
        }
    }
    assert!(n >= 60, "corpus has only {n} cases");
    assert!(
        failures.is_empty(),
        "{} of {n} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("corpus: {n} cases passed");
}
