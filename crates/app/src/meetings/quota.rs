//! Quotas at the close of a meeting. A campaign quota: when an agenda item belongs to a campaign whose
//! plan sets a quota for the nominating unit (by unit, or by kind of unit such as *mỗi phường*), and
//! for the award form (or any form), at most the quota's remaining places pass — individuals and
//! collectives counted apart, minus those of the same unit and campaign already passed, decided or
//! forwarded. The meeting's own cap (typed when closing) then limits all items together. Either way,
//! the reaching items beyond the places are ranked by [`rank_for_quota`]: agree votes, then an
//! individual who works directly, then a woman or a collective of at least 70 % women, then the
//! earlier submission to the standing office, then the agenda
//! order; each item left out gets a note saying where it ranked and why.

use crate::error::Result;
use std::collections::HashMap;
use thidua_domain::nomination::{QuotaCandidate, QuotaPlace, RankedBy, Tally, rank_for_quota};
use thidua_store::campaigns::{self, QuotaRow};
use thidua_store::meetings::ItemRow;
use thidua_store::{Tx, units};

/// The ranking order, for the minutes.
pub const ORDER: &str = "các hồ sơ đạt ngưỡng được xếp theo số phiếu đồng ý; bằng số phiếu thì ưu tiên cá nhân trực tiếp lao động, sản xuất, công tác, rồi nữ hoặc tập thể có từ 70% nữ trở lên, rồi hồ sơ gửi Thường trực Hội đồng sớm hơn, rồi thứ tự trong chương trình họp";

/// An item as the ranking sees it.
pub fn candidate(item: &ItemRow, tally: Tally) -> QuotaCandidate {
    QuotaCandidate {
        agree: tally.agree,
        direct_worker: item.nominee_type == "person" && item.direct_worker,
        women_first: item.women_first,
        submitted_at: item.submitted_at.clone(),
        position: item.position,
    }
}

/// Why an item that reached the threshold is left out: "Vượt chỉ tiêu khen thưởng (what): xếp thứ N
/// theo số phiếu đồng ý …".
pub fn cut_note(
    quota: &str,
    place: QuotaPlace,
    c: &QuotaCandidate,
    reaching: usize,
    places: usize,
) -> String {
    let head = format!(
        "Vượt chỉ tiêu khen thưởng ({quota}): xếp thứ {}/{reaching} theo số phiếu đồng ý ({} phiếu)",
        place.rank, c.agree
    );
    let why = match place.cut_by {
        None => "chỉ tiêu không còn suất nào".to_string(),
        Some(RankedBy::Votes) => {
            format!("chỉ tiêu còn {places} suất, dành cho các hồ sơ nhiều phiếu đồng ý hơn")
        }
        Some(RankedBy::DirectWorker) => format!(
            "chỉ tiêu còn {places} suất; bằng số phiếu, xếp sau cá nhân trực tiếp lao động, sản xuất, công tác"
        ),
        Some(RankedBy::Women) => format!(
            "chỉ tiêu còn {places} suất; bằng số phiếu, xếp sau nữ hoặc tập thể có từ 70% nữ trở lên (Điều 4 khoản 6 Nghị định 152/2025/NĐ-CP)"
        ),
        Some(RankedBy::Submission) => format!(
            "chỉ tiêu còn {places} suất; bằng số phiếu, hồ sơ gửi Thường trực Hội đồng muộn hơn"
        ),
        Some(RankedBy::Agenda) => format!(
            "chỉ tiêu còn {places} suất; bằng số phiếu và ngày gửi, đứng sau trong chương trình họp"
        ),
    };
    format!("{head}, {why}.")
}

/// Ranks the reaching items `members` (indices into `items`) for `places` and leaves out the rest:
/// `passed[k] = false` with the reason in `notes[k]`.
pub fn cut(
    items: &[ItemRow],
    tallies: &[Tally],
    members: &[usize],
    places: usize,
    quota: &str,
    passed: &mut [bool],
    notes: &mut [Option<String>],
) {
    let cands: Vec<QuotaCandidate> = members
        .iter()
        .map(|&k| candidate(&items[k], tallies[k]))
        .collect();
    for ((&k, place), c) in members
        .iter()
        .zip(rank_for_quota(&cands, places))
        .zip(&cands)
    {
        if !place.kept {
            passed[k] = false;
            notes[k] = Some(cut_note(quota, place, c, members.len(), places));
        }
    }
}

/// The places left for one item's (campaign, unit, individual or collective) group and the quota's
/// wording, if a quota applies.
async fn places(
    tx: &mut Tx,
    org_id: &str,
    item: &ItemRow,
    quotas: &[QuotaRow],
    meeting_id: &str,
) -> Result<Option<(i64, String)>> {
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
    let Some((max, who)) = applies.and_then(|q| {
        if person {
            q.individuals_max
        } else {
            q.collectives_max
        }
        .map(|m| (m, q.who.clone()))
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
    let what = if person { "cá nhân" } else { "tập thể" };
    let earlier = if used > 0 {
        format!(", đã có {used} {what} được thông qua trước đó")
    } else {
        String::new()
    };
    Ok(Some((
        (max - used).max(0),
        format!("{who}: tối đa {max} {what}{earlier}"),
    )))
}

/// The reaching items of one (campaign, nominating unit, individuals or collectives) group.
struct Group {
    places: i64,
    /// The quota's wording, for the notes.
    wording: String,
    /// Indices of the items, in agenda order.
    members: Vec<usize>,
}

/// Leaves out (`passed[k] = false`, reason in `notes[k]`) the reaching items beyond a campaign quota.
pub async fn apply(
    tx: &mut Tx,
    org_id: &str,
    meeting_id: &str,
    items: &[ItemRow],
    tallies: &[Tally],
    passed: &mut [bool],
    notes: &mut [Option<String>],
) -> Result<()> {
    let mut quotas: HashMap<String, Vec<QuotaRow>> = HashMap::new();
    // (campaign, unit, person?) → its group
    let mut groups: HashMap<(String, String, bool), Group> = HashMap::new();
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
            g.members.push(k);
            continue;
        }
        if !quotas.contains_key(&campaign) {
            let rows = campaigns::quotas(tx, &campaign).await?;
            quotas.insert(campaign.clone(), rows);
        }
        let rows = quotas.get(&campaign).map(Vec::as_slice).unwrap_or(&[]);
        if let Some((p, wording)) = places(tx, org_id, item, rows, meeting_id).await? {
            groups.insert(
                key,
                Group {
                    places: p,
                    wording,
                    members: vec![k],
                },
            );
        }
    }
    for g in groups.into_values() {
        cut(
            items,
            tallies,
            &g.members,
            usize::try_from(g.places).unwrap_or(0),
            &g.wording,
            passed,
            notes,
        );
    }
    Ok(())
}
