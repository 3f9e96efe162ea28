//! The home page's counts: what the user looks after and the latest changes.

use crate::Caller;
use crate::error::{Error, Result};
use crate::recent::Recent;
use thidua_domain::policy::Action;
use thidua_store::audit::{self, AuditFilter, AuditRow};
use thidua_store::persons::{self, PersonFilter};
use thidua_store::{Db, Tx, clusters, units};

/// How many changes of the audit log the home page shows.
const RECENT: i64 = 8;

/// The counts and latest changes on the home page.
pub struct Overview {
    /// The name of the unit the user looks after, when their account has one.
    pub scope_name: Option<String>,
    /// Active units in the user's scope.
    pub unit_count: i64,
    /// People in the user's scope.
    pub person_count: i64,
    /// Clusters and blocks of this year.
    pub cluster_count: usize,
    /// This year in Vietnam.
    pub year: i32,
    /// The latest changes, for those who may see the audit log (empty otherwise).
    pub recent: Vec<AuditRow>,
}

/// What the home page counts in a scope (kept a short while: see [`crate::recent`]).
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub units: i64,
    pub people: i64,
    pub clusters: usize,
}

/// The home page's counts for the user; `counts` keeps recent copies of the costly ones.
pub async fn overview(db: &Db, caller: &Caller, counts: &Recent<Counts>) -> Result<Overview> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let key = format!(
        "{}|{}",
        caller.org_id(),
        caller.actor.read_scope().unwrap_or("/")
    );
    let c = counts
        .get_or(&key, async {
            let mut tx = db.begin_read().await?;
            let c = counts_in(&mut tx, caller).await?;
            tx.commit().await?;
            Ok::<_, Error>(c)
        })
        .await?;
    let mut tx = db.begin_read().await?;
    let overview = overview_in(&mut tx, caller, *c).await?;
    tx.commit().await?;
    Ok(overview)
}

async fn counts_in(tx: &mut Tx, caller: &Caller) -> Result<Counts> {
    let org = caller.org_id();
    let scope = caller.actor.read_scope().map(str::to_string);
    let units = units::count_active(tx, org, scope.as_deref()).await?;
    let people = persons::count(
        tx,
        org,
        &PersonFilter {
            scope,
            ..Default::default()
        },
    )
    .await?;
    let year = crate::today().year();
    let clusters = clusters::list(tx, org, Some(i64::from(year))).await?.len();
    Ok(Counts {
        units,
        people,
        clusters,
    })
}

async fn overview_in(tx: &mut Tx, caller: &Caller, counts: Counts) -> Result<Overview> {
    let year = crate::today().year();
    let org = caller.org_id();
    let (unit_count, person_count, cluster_count) = (counts.units, counts.people, counts.clusters);
    let scope_name = match &caller.user.scope_unit_id {
        Some(id) => units::get(tx, org, id).await.ok().map(|u| u.name),
        None => None,
    };
    let recent = if caller.can(Action::ViewAudit { org_id: org }) {
        audit::list(tx, org, &AuditFilter::default(), RECENT, 0).await?
    } else {
        Vec::new()
    };
    Ok(Overview {
        scope_name,
        unit_count,
        person_count,
        cluster_count,
        year,
        recent,
    })
}
