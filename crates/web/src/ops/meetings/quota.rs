//! Campaign quotas at the close of a meeting: when an agenda item belongs to a campaign whose plan sets
//! a quota for the nominating unit (by unit, or by kind of unit such as *mỗi phường*), and for the award
//! form (or any form), at most the quota's remaining places pass — individuals and collectives counted
//! apart, minus those of the same unit and campaign already passed, decided or forwarded. Reaching items
//! beyond the places are ranked by agree votes, then by agenda order (`within_quota`).

use crate::error::AppResult;
use std::collections::HashMap;
use thidua_domain::nomination::{Tally, within_quota};
use thidua_store::campaigns::{self, QuotaRow};
use thidua_store::meetings::ItemRow;
use thidua_store::{Tx, units};

/// The places left for one item's (campaign, unit, individual or collective) group, if a quota applies.
async fn places(
    tx: &mut Tx,
    org_id: &str,
    item: &ItemRow,
    quotas: &[QuotaRow],
    meeting_id: &str,
) -> AppResult<Option<i64>> {
    let unit = units::get(tx, org_id, &item.nominating_unit_id).await?;
    let form_matches = |q: &QuotaRow| {
        q.award_form
            .as_deref()
            .is_none_or(|f| f.trim().is_empty() || f.trim().eq_ignore_ascii_case(&item.code))
    };
    let person = item.nominee_type == "person";
    let applies =
        quotas
            .iter()
            .filter(|q| form_matches(q))
            .find(|q| match (&q.unit_id, &q.unit_kind) {
                (Some(u), _) => *u == unit.id,
                (None, Some(k)) => *k == unit.kind,
                (None, None) => false,
            });
    let Some(max) = applies.and_then(|q| {
        if person {
            q.individuals_max
        } else {
            q.collectives_max
        }
    }) else {
        return Ok(None);
    };
    let Some(campaign) = item.campaign_id.as_deref() else {
        return Ok(None);
    };
    let used = thidua_store::meetings::already_passed(
        tx,
        campaign,
        &item.nominating_unit_id,
        person,
        meeting_id,
    )
    .await?;
    Ok(Some((max - used).max(0)))
}

/// Marks as not passed (`passed[k] = false`) the reaching items that fall outside a campaign quota.
pub async fn apply(
    tx: &mut Tx,
    org_id: &str,
    meeting_id: &str,
    items: &[ItemRow],
    tallies: &[Tally],
    passed: &mut [bool],
) -> AppResult<()> {
    let mut quotas: HashMap<String, Vec<QuotaRow>> = HashMap::new();
    // (campaign, unit, person?) → (places, indices of passing items in agenda order)
    let mut groups: HashMap<(String, String, bool), (i64, Vec<usize>)> = HashMap::new();
    for (k, item) in items.iter().enumerate() {
        let Some(campaign) = item.campaign_id.clone() else {
            continue;
        };
        if !passed[k] {
            continue;
        }
        let key = (
            campaign.clone(),
            item.nominating_unit_id.clone(),
            item.nominee_type == "person",
        );
        if let Some(g) = groups.get_mut(&key) {
            g.1.push(k);
            continue;
        }
        if !quotas.contains_key(&campaign) {
            let rows = campaigns::quotas(tx, &campaign).await?;
            quotas.insert(campaign.clone(), rows);
        }
        let rows = quotas.get(&campaign).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(p) = places(tx, org_id, item, rows, meeting_id).await? {
            groups.insert(key, (p, vec![k]));
        }
    }
    for (places, members) in groups.into_values() {
        let ranked: Vec<(Tally, i64, usize)> =
            members.iter().map(|&k| (tallies[k], 0, k)).collect();
        let kept = within_quota(&ranked, usize::try_from(places).unwrap_or(0));
        for (pos, &k) in members.iter().enumerate() {
            if !kept.contains(&pos) {
                passed[k] = false;
            }
        }
    }
    Ok(())
}
