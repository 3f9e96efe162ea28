//! Eligibility of everyone at once: a title or form checked against the history of every person of the
//! organisation the caller may see — the year-end review of a whole province, or a "who could be
//! proposed" list. People are listed once, their histories read a page at a time by range scans, and
//! pages are read and evaluated side by side ([`READERS`] at a time).

use super::{EligibilityInput, rules_error, to_ledger, validate_eligibility};
use crate::{Caller, Error, Result};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thidua_domain::policy::Action;
use thidua_rules::{Nominee, Proposal, Rules, Subject, Verdict};
use thidua_store::ledger_reviews::{self, ReviewRow};
use thidua_store::{Db, ledger, persons};

/// People read and evaluated together.
const PAGE: usize = 5_000;

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
    let mut proposal = Proposal::new(q.code.as_str(), q.year, q.date, q.jurisdiction);
    proposal.decider_level = q.decider_level;
    let proposal = Arc::new(proposal);
    let started = Instant::now();
    let people = visible_people(db, caller).await?;
    let mut report = EveryoneReport {
        reading: started.elapsed(),
        ..EveryoneReport::default()
    };
    // Pages go through in order, READERS at a time: each reads its histories on its own read
    // connection, then evaluates them on a blocking thread, while the next ones read.
    let mut in_flight = std::collections::VecDeque::new();
    for page in people.chunks(PAGE) {
        if in_flight.len() == READERS {
            collect(&mut report, in_flight.pop_front()).await?;
        }
        let (db, org) = (db.clone(), caller.org_id().to_string());
        let (rules, proposal, page) = (rules.clone(), proposal.clone(), page.to_vec());
        in_flight.push_back(tokio::spawn(async move {
            let started = Instant::now();
            let histories = read_histories(&db, &org, &page).await?;
            let reading = started.elapsed();
            let (verdicts, evaluating) = tokio::task::spawn_blocking(move || {
                evaluate_page(&rules, &proposal, page, histories)
            })
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("eligibility worker: {e}")))??;
            Ok(Page {
                verdicts,
                reading,
                evaluating,
            })
        }));
    }
    while let Some(done) = in_flight.pop_front() {
        collect(&mut report, Some(done)).await?;
    }
    Ok(report)
}

/// Pages read and evaluated at the same time (one per core of this 2-core machine).
const READERS: usize = 2;

struct Page {
    verdicts: Vec<PersonVerdict>,
    reading: Duration,
    evaluating: Duration,
}

/// Everyone whose history the caller may see: (id, name), in id order.
async fn visible_people(db: &Db, caller: &Caller) -> Result<Vec<(String, String)>> {
    let mut tx = db.begin_read().await?;
    let all = persons::page_by_id(&mut tx, caller.org_id(), "", i64::MAX).await?;
    tx.commit().await?;
    Ok(all
        .into_iter()
        .filter(|(_, _, path)| {
            caller.can(Action::ViewHonours {
                org_id: caller.org_id(),
                unit_path: path,
            })
        })
        .map(|(id, name, _)| (id, name))
        .collect())
}

/// A page's stored histories, and the reviews, investigations and complaints recorded about its
/// people (an open one blocks an award, ND 152 Điều 4(4)).
struct Histories {
    ledgers: std::collections::HashMap<String, ledger::StoredLedger>,
    reviews: std::collections::HashMap<String, Vec<ReviewRow>>,
}

async fn read_histories(db: &Db, org: &str, page: &[(String, String)]) -> Result<Histories> {
    let (Some(first), Some(last)) = (page.first(), page.last()) else {
        return Ok(Histories {
            ledgers: Default::default(),
            reviews: Default::default(),
        });
    };
    let mut tx = db.begin_read().await?;
    let ledgers = ledger::load_range(&mut tx, org, &first.0, &last.0).await?;
    let mut reviews: std::collections::HashMap<String, Vec<ReviewRow>> = Default::default();
    for r in ledger_reviews::of_range(&mut tx, org, &first.0, &last.0).await? {
        reviews.entry(r.subject_id.clone()).or_default().push(r);
    }
    tx.commit().await?;
    Ok(Histories { ledgers, reviews })
}

async fn collect(
    report: &mut EveryoneReport,
    done: Option<tokio::task::JoinHandle<Result<Page>>>,
) -> Result<()> {
    let Some(done) = done else { return Ok(()) };
    let page = done
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("eligibility worker: {e}")))??;
    report.reading += page.reading;
    report.evaluating += page.evaluating;
    for v in &page.verdicts {
        match v.verdict {
            Verdict::Eligible => report.eligible += 1,
            Verdict::Undetermined => report.undetermined += 1,
            Verdict::Ineligible => report.ineligible += 1,
        }
    }
    report.people += page.verdicts.len();
    report.verdicts.extend(page.verdicts);
    Ok(())
}

/// Evaluates one page of people.
fn evaluate_page(
    rules: &Rules,
    proposal: &Proposal,
    people: Vec<(String, String)>,
    mut histories: Histories,
) -> Result<(Vec<PersonVerdict>, Duration)> {
    let started = Instant::now();
    let empty = ledger::StoredLedger::default();
    let ledgers: Vec<(String, String, thidua_rules::Ledger)> = people
        .into_iter()
        .map(|(id, name)| {
            let stored = histories.ledgers.remove(&id);
            let mut l = to_ledger(&id, Subject::Individual, stored.as_ref().unwrap_or(&empty))?;
            if let Some(rows) = histories.reviews.get(&id) {
                l.reviews.extend(super::reviews::to_rules(rows));
            }
            Ok((id, name, l))
        })
        .collect::<Result<_>>()?;
    let out = evaluate_part(rules, proposal, &ledgers)?;
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
