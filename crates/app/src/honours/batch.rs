//! Eligibility of everyone at once: a title or form checked against the history of every person of the
//! organisation the caller may see — the year-end review of a whole province, or a "who could be
//! proposed" list. People are read a page at a time (by id), their histories by four range scans per
//! page, and the pages are evaluated on every core while the next one is read.

use super::{EligibilityInput, rules_error, to_ledger, validate_eligibility};
use crate::{Caller, Error, Result};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thidua_domain::policy::Action;
use thidua_rules::{Nominee, Proposal, Rules, Subject, Verdict};
use thidua_store::{Db, ledger, persons};

/// People read and evaluated together.
const PAGE: i64 = 5_000;

/// One person's verdict.
#[derive(Debug, Clone)]
pub struct PersonVerdict {
    pub id: String,
    pub name: String,
    pub verdict: Verdict,
}

/// The outcome for everyone, with where the time went.
#[derive(Debug, Clone, Default)]
pub struct EveryoneReport {
    pub people: usize,
    pub eligible: usize,
    pub undetermined: usize,
    pub ineligible: usize,
    /// Reading people and histories from the database.
    pub reading: Duration,
    /// Evaluating the rules (summed over the worker threads' wall time).
    pub evaluating: Duration,
    /// Everyone's verdict, in id order.
    pub verdicts: Vec<PersonVerdict>,
}

/// Checks `input` (a title or form for individuals, a year, a date) for every person the caller may
/// see.
pub async fn everyone(
    db: &Db,
    caller: &Caller,
    input: &EligibilityInput,
) -> Result<EveryoneReport> {
    let rules = super::rules_for(db, caller.org_id()).await?;
    let q = validate_eligibility(input, Subject::Individual, rules.catalog())?;
    let proposal = Arc::new(Proposal::new(
        q.code.as_str(),
        q.year,
        q.date,
        q.jurisdiction,
    ));
    let mut report = EveryoneReport::default();
    let mut after = String::new();
    let mut pending: Option<tokio::task::JoinHandle<Result<(Vec<PersonVerdict>, Duration)>>> = None;
    loop {
        let started = Instant::now();
        let mut tx = db.begin_read().await?;
        let page = persons::page_by_id(&mut tx, caller.org_id(), &after, PAGE).await?;
        let visible: Vec<(String, String)> = page
            .iter()
            .filter(|(_, _, path)| {
                caller.can(Action::ViewHonours {
                    org_id: caller.org_id(),
                    unit_path: path,
                })
            })
            .map(|(id, name, _)| (id.clone(), name.clone()))
            .collect();
        let histories = match (page.first(), page.last()) {
            (Some(first), Some(last)) => {
                ledger::load_range(&mut tx, caller.org_id(), &first.0, &last.0).await?
            }
            _ => Default::default(),
        };
        tx.commit().await?;
        report.reading += started.elapsed();
        if let Some(done) = pending.take() {
            collect(&mut report, done).await?;
        }
        let Some(last) = page.last() else { break };
        after = last.0.clone();
        let (rules, proposal) = (rules.clone(), proposal.clone());
        pending = Some(tokio::task::spawn_blocking(move || {
            evaluate_page(&rules, &proposal, visible, histories)
        }));
    }
    Ok(report)
}

async fn collect(
    report: &mut EveryoneReport,
    done: tokio::task::JoinHandle<Result<(Vec<PersonVerdict>, Duration)>>,
) -> Result<()> {
    let (verdicts, took) = done
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("eligibility worker: {e}")))??;
    report.evaluating += took;
    for v in &verdicts {
        match v.verdict {
            Verdict::Eligible => report.eligible += 1,
            Verdict::Undetermined => report.undetermined += 1,
            Verdict::Ineligible => report.ineligible += 1,
        }
    }
    report.people += verdicts.len();
    report.verdicts.extend(verdicts);
    Ok(())
}

/// Evaluates one page of people, split over the machine's cores.
fn evaluate_page(
    rules: &Rules,
    proposal: &Proposal,
    people: Vec<(String, String)>,
    mut histories: std::collections::HashMap<String, ledger::StoredLedger>,
) -> Result<(Vec<PersonVerdict>, Duration)> {
    let started = Instant::now();
    let empty = ledger::StoredLedger::default();
    let ledgers: Vec<(String, String, thidua_rules::Ledger)> = people
        .into_iter()
        .map(|(id, name)| {
            let stored = histories.remove(&id);
            let l = to_ledger(&id, Subject::Individual, stored.as_ref().unwrap_or(&empty))?;
            Ok((id, name, l))
        })
        .collect::<Result<_>>()?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = ledgers.len().div_ceil(threads).max(1);
    let results: Vec<Result<Vec<PersonVerdict>>> = std::thread::scope(|s| {
        let workers: Vec<_> = ledgers
            .chunks(chunk)
            .map(|part| s.spawn(move || evaluate_part(rules, proposal, part)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    Err(Error::Internal(anyhow::anyhow!(
                        "eligibility worker panicked"
                    )))
                })
            })
            .collect()
    });
    let mut out = Vec::with_capacity(ledgers.len());
    for r in results {
        out.extend(r?);
    }
    Ok((out, started.elapsed()))
}

fn evaluate_part(
    rules: &Rules,
    proposal: &Proposal,
    part: &[(String, String, thidua_rules::Ledger)],
) -> Result<Vec<PersonVerdict>> {
    part.iter()
        .map(|(id, name, ledger)| {
            let e = rules
                .evaluate(Nominee::new(ledger), proposal)
                .map_err(rules_error)?;
            Ok(PersonVerdict {
                id: id.clone(),
                name: name.clone(),
                verdict: e.verdict,
            })
        })
        .collect()
}
