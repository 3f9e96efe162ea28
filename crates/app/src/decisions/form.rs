//! What the decision form offers: the body that signs (its name), and the passed nominations, split
//! into those this body may decide on the signing date and those a higher authority decides (they are
//! forwarded instead), each with its award and reward money under the organisation's rules.

use super::{authority, award_name, body_level, body_name, line_amount, nominee_name};
use crate::Caller;
use crate::error::Result;
use thidua_domain::policy::Action;
use thidua_store::Db;
use thidua_store::nominations::{self, NominationFilter};

/// How many passed nominations the form offers at most.
const CANDIDATE_LIMIT: i64 = 2000;

/// A passed nomination offered on the decision form.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: String,
    /// The nominee's display name.
    pub name: String,
    /// The award's name in the organisation's catalog.
    pub award: String,
    pub year: i64,
    pub achievement: String,
    /// Reward money in đồng on the signing date; `None` when the catalog sets none.
    pub amount: Option<i64>,
    /// Empty when this body may decide it; otherwise who decides (then it is forwarded).
    pub higher: String,
}

/// The passed nominations of the form: `decidable` by this body (by award, then name) and those of a
/// `higher` authority (in list order).
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub decidable: Vec<Candidate>,
    pub higher: Vec<Candidate>,
}

/// The name of the body that signs decisions (its root unit), to fill in the form; for those who decide.
pub async fn issuer(db: &Db, caller: &Caller) -> Result<String> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let name = body_name(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(name)
}

/// The next number in the register of decisions for a decision signed on `date` ("1022/QĐ-UBND"),
/// proposed on the form; for those who decide.
pub async fn proposed_number(db: &Db, caller: &Caller, date: time::Date) -> Result<String> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let number = crate::registers::proposed_in(&mut tx, caller.org_id(), "decision", date).await?;
    tx.commit().await?;
    Ok(number)
}

/// The passed nominations offered on the decision form, checked against the authority and the reward
/// money on `date` (the signing date); for those who decide.
pub async fn candidates(db: &Db, caller: &Caller, date: time::Date) -> Result<Candidates> {
    caller.authorize(Action::Decide {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let level = body_level(&mut tx, caller.org_id()).await?;
    let rules = crate::rules_cache::rules_in(&mut tx, caller.org_id()).await?;
    let filter = NominationFilter {
        status: Some("passed".into()),
        ..Default::default()
    };
    let mut out = Candidates::default();
    for n in nominations::list(&mut tx, caller.org_id(), &filter, CANDIDATE_LIMIT).await? {
        let name = nominee_name(&mut tx, caller, &n).await?;
        let who = authority(&rules, &n.code, &level, date).err();
        let c = Candidate {
            amount: line_amount(&rules, &n.code, &n.nominee_type, date),
            award: award_name(&rules, &n.code),
            year: n.year,
            achievement: n.achievement.clone(),
            higher: who.clone().unwrap_or_default(),
            id: n.id,
            name,
        };
        if who.is_some() {
            out.higher.push(c)
        } else {
            out.decidable.push(c)
        }
    }
    tx.commit().await?;
    out.decidable
        .sort_by(|a, b| (&a.award, &a.name).cmp(&(&b.award, &b.name)));
    Ok(out)
}
