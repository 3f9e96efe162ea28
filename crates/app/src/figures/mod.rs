//! The dashboards of the standing office and the chairman (step 16 of the process: reports and
//! statistics): awards by form, level, year and unit; the share of women and of direct workers
//! among the people awarded; on-time rates by unit and kind of deadline; each campaign's targets by
//! progress; nominations by status and the days spent in each step. A unit officer gets the same
//! figures over their own units (the policy's read scope). Figures are computed here from indexed
//! GROUP BY queries ([`thidua_store::dashboard`]) and the campaigns' own boards.

mod awards;
mod figure;
mod steps;
mod work;

pub use awards::{FormInfo, Shares, level_of};
pub use figure::{
    Figure, FigureSeries, base_depth, decimal, group_path, last_id, percent, thousands,
};

use crate::Caller;
use crate::campaign_views;
use crate::error::Result;
use std::collections::{BTreeMap, HashMap};
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_store::dashboard::{self as q, Filter, UnitBrief};
use thidua_store::{Db, Tx, campaigns, units};

/// How many years back the awards-per-year line reaches.
pub const YEARS_SHOWN: i64 = 5;

/// The dashboard's filters as given (a GET form or the API's query).
#[derive(Debug, Clone, Default)]
pub struct DashboardQuery {
    pub year: Option<i64>,
    pub campaign_id: Option<String>,
    pub unit_kind: Option<String>,
}

impl DashboardQuery {
    /// The filters from text (a GET form or query string): blanks mean "all", the year must be a number.
    pub fn parse(
        year: Option<&str>,
        campaign: Option<&str>,
        unit_kind: Option<&str>,
    ) -> Result<DashboardQuery, Validation> {
        let some = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut v = Validation::new();
        let year = match some(year) {
            None => None,
            Some(y) => match y.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    v.add("year", "Năm", "Năm phải là một số, ví dụ 2025.");
                    None
                }
            },
        };
        v.finish(DashboardQuery {
            year,
            campaign_id: some(campaign),
            unit_kind: some(unit_kind),
        })
    }

    /// The filters as a query string (for links that keep them).
    pub fn query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if let Some(c) = &self.campaign_id {
            parts.push(format!("campaign={}", encode(c)));
        }
        if let Some(k) = &self.unit_kind {
            parts.push(format!("unit_kind={}", encode(k)));
        }
        parts.join("&")
    }
}

/// Percent-encodes everything but ASCII letters, digits and `-_.~`.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A choice offered by a filter.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub code: String,
    pub name: String,
}

/// The figures for one year as the caller may see them.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    pub year: i64,
    pub campaign_id: Option<String>,
    pub unit_kind: Option<String>,
    /// The unit whose subtree the figures cover, for a unit officer.
    pub scope_name: Option<String>,
    /// The campaigns of the year (not drafts), for the filter.
    pub campaigns: Vec<Choice>,
    pub unit_kinds: Vec<Choice>,
    /// Women and direct workers among the people awarded.
    pub shares: Shares,
    pub figures: Vec<Figure>,
}

impl Dashboard {
    /// The figure named `key`.
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }
}

/// Checks the filters against the year's campaigns and the unit kinds.
fn check(q: &DashboardQuery, campaigns: &[Choice], kinds: &[Choice]) -> Result<(), Validation> {
    let mut v = Validation::new();
    if q.year.is_some_and(|y| !(1945..=2100).contains(&y)) {
        v.add("year", "Năm", "Năm phải từ 1945 đến 2100.");
    }
    if q.campaign_id
        .as_ref()
        .is_some_and(|c| !campaigns.iter().any(|x| &x.code == c))
    {
        v.add(
            "campaign",
            "Đợt thi đua",
            "Đợt thi đua không có trong năm đã chọn; chọn lại trong danh sách.",
        );
    }
    if q.unit_kind
        .as_ref()
        .is_some_and(|k| !kinds.iter().any(|x| &x.code == k))
    {
        v.add(
            "unit_kind",
            "Loại đơn vị",
            "Loại đơn vị không có trong danh mục; chọn lại trong danh sách.",
        );
    }
    v.finish(())
}

/// The dashboard for the caller: the whole organisation, or a unit officer's own units.
pub async fn dashboard(db: &Db, caller: &Caller, query: &DashboardQuery) -> Result<Dashboard> {
    caller.authorize(Action::ViewDashboard {
        org_id: caller.org_id(),
    })?;
    let year = query
        .year
        .unwrap_or_else(|| i64::from(crate::today().year()));
    let org = caller.org_id();
    let scope = caller.actor.read_scope().map(str::to_string);
    let mut tx = db.begin_read().await?;
    let campaigns = year_campaigns(&mut tx, org, year).await?;
    let unit_kinds: Vec<Choice> = units::kinds(&mut tx)
        .await?
        .into_iter()
        .map(|k| Choice {
            code: k.code,
            name: k.name,
        })
        .collect();
    check(query, &campaigns, &unit_kinds)?;
    let f = Filter {
        year,
        campaign_id: query.campaign_id.clone(),
        unit_kind: query.unit_kind.clone(),
        scope: scope.clone(),
    };
    let (mut figures, shares) = award_figures(&mut tx, org, &f).await?;
    let statuses = q::nominations_by_status(&mut tx, org, &f).await?;
    let step_rows = q::nomination_steps(&mut tx, org, &f).await?;
    let scope_name = match &caller.user.scope_unit_id {
        Some(id) => units::get(&mut tx, org, id).await.ok().map(|u| u.name),
        None => None,
    };
    tx.commit().await?;
    let chosen: Vec<&Choice> = campaigns
        .iter()
        .filter(|c| f.campaign_id.as_ref().is_none_or(|id| *id == c.code))
        .collect();
    figures.extend(work_figures(db, caller, &f, &chosen).await?);
    figures.push(steps::by_status(&statuses));
    figures.push(steps::time_in_steps(&step_rows));
    Ok(Dashboard {
        year,
        campaign_id: f.campaign_id,
        unit_kind: f.unit_kind,
        scope_name,
        campaigns,
        unit_kinds,
        shares,
        figures,
    })
}

/// The campaigns whose period touches `year`, drafts left out.
async fn year_campaigns(tx: &mut Tx, org: &str, year: i64) -> Result<Vec<Choice>> {
    let filter = campaigns::CampaignFilter {
        year: Some(year),
        ..Default::default()
    };
    Ok(campaigns::list(tx, org, &filter)
        .await?
        .into_iter()
        .filter(|c| c.status != "draft")
        .map(|c| Choice {
            name: match &c.number {
                Some(n) if !n.is_empty() => format!("{} ({n})", c.title),
                _ => c.title.clone(),
            },
            code: c.id,
        })
        .collect())
}

/// Names of the groups (units one level below the base) the paths fall in.
async fn group_names(
    tx: &mut Tx,
    org: &str,
    paths: &[&str],
    base: usize,
) -> Result<BTreeMap<String, String>> {
    let mut ids: Vec<String> = paths
        .iter()
        .map(|p| last_id(&group_path(p, base)).to_string())
        .collect();
    ids.sort();
    ids.dedup();
    Ok(q::units_named(tx, org, &ids)
        .await?
        .into_iter()
        .map(|u| (u.path, u.name))
        .collect())
}

/// The catalog's name and level of every form.
async fn forms(tx: &mut Tx, org: &str) -> Result<BTreeMap<String, FormInfo>> {
    let rules = crate::rules_cache::rules_in(tx, org).await?;
    Ok(rules
        .catalog()
        .entries()
        .iter()
        .map(|e| {
            let levels: Vec<&str> = e.authorities.iter().map(|a| a.level.as_str()).collect();
            let (level_rank, level) = level_of(&levels);
            (
                e.code.as_str().to_string(),
                FormInfo {
                    name: e.name.clone(),
                    level_rank,
                    level,
                },
            )
        })
        .collect())
}

/// Awards by form, level, year and unit, and the shares by form.
async fn award_figures(tx: &mut Tx, org: &str, f: &Filter) -> Result<(Vec<Figure>, Shares)> {
    let groups = q::awards(tx, org, f).await?;
    let per_year = q::awards_per_year(tx, org, f, f.year - YEARS_SHOWN + 1, f.year).await?;
    let forms = forms(tx, org).await?;
    let paths: Vec<&str> = groups.iter().map(|g| g.unit_path.as_str()).collect();
    let base = base_depth(f.scope.as_deref(), paths.iter().copied());
    let names = group_names(tx, org, &paths, base).await?;
    let figures = vec![
        awards::by_form(&groups, &forms),
        awards::by_level(&groups, &forms),
        awards::by_year(&per_year, f.year - YEARS_SHOWN + 1, f.year),
        awards::by_unit(&groups, base, &names),
        awards::shares_by_form(&groups, &forms),
    ];
    Ok((figures, awards::shares(&groups)))
}

/// On-time rates and target progress over the chosen campaigns, within the caller's scope and the
/// unit kind.
async fn work_figures(
    db: &Db,
    caller: &Caller,
    f: &Filter,
    chosen: &[&Choice],
) -> Result<Vec<Figure>> {
    let mut tally = work::OnTimeTally::default();
    let mut boards = Vec::new();
    let mut matrices = Vec::new();
    for c in chosen {
        let (_, m) = campaign_views::matrix(db, caller, &c.code).await?;
        let (_, b) = campaign_views::progress_board(db, caller, &c.code).await?;
        matrices.push(m);
        boards.push((c.name.clone(), b));
    }
    let mut ids: Vec<String> = matrices
        .iter()
        .flat_map(|m| m.rows.iter().map(|r| r.unit_id.clone()))
        .chain(boards.iter().flat_map(|(_, b)| {
            b.iter()
                .flat_map(|t| t.rows.iter().filter_map(|r| r.unit_id.clone()))
        }))
        .collect();
    ids.sort();
    ids.dedup();
    let mut tx = db.begin_read().await?;
    let org = caller.org_id();
    let known: HashMap<String, UnitBrief> = q::units_named(&mut tx, org, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id.clone(), u))
        .collect();
    let keep = |id: &str| {
        known.get(id).is_some_and(|u| {
            f.unit_kind.as_ref().is_none_or(|k| *k == u.kind)
                && f.scope
                    .as_ref()
                    .is_none_or(|s| u.path.starts_with(s.as_str()))
        })
    };
    for m in &matrices {
        tally.add(m, keep);
    }
    let paths: Vec<&str> = tally
        .by_unit
        .keys()
        .filter_map(|id| known.get(id))
        .map(|u| u.path.as_str())
        .collect();
    let base = base_depth(f.scope.as_deref(), paths.iter().copied());
    let names = group_names(&mut tx, org, &paths, base).await?;
    tx.commit().await?;
    let group = |id: &str| {
        let path = group_path(&known.get(id)?.path, base);
        Some(names.get(&path).cloned().unwrap_or(path))
    };
    let targets = work::targets(&boards, |unit| unit.is_none_or(|id| keep(id)));
    Ok(vec![
        work::by_unit(&tally, group),
        work::by_kind(&tally),
        targets,
    ])
}
