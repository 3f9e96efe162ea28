//! A meeting as pages and the API show it: the meeting, who sits, and each agenda item with the dossier
//! summary, the vote rule from the rule set, the counts and the result (labels, never codes).

use super::may_view;
use crate::Caller;
use crate::error::Result;
use serde::Serialize;
use thidua_domain::nomination::MeetingStatus;
use thidua_rules::VoteRule;
use thidua_store::meetings::{self, ItemRow, MeetingRow};
use thidua_store::{Tx, nominations};

/// The catalog name of a form and its vote rule: the share of all members needed (None: majority).
pub fn form_and_rule(rules: &thidua_rules::Rules, code: &str) -> (String, Option<f64>, String) {
    let entry = rules.catalog().find(code);
    let name = entry
        .map(|e| e.name.clone())
        .unwrap_or_else(|| code.to_string());
    match entry.map(|e| e.vote) {
        Some(VoteRule::Percent(p)) => (
            name,
            Some(f64::from(p) / 100.0),
            format!("≥ {p} % tổng số thành viên Hội đồng đồng ý"),
        ),
        _ => (
            name,
            None,
            "Quá nửa tổng số thành viên Hội đồng đồng ý".to_string(),
        ),
    }
}

pub fn attendance_label(code: &str) -> &'static str {
    match code {
        "present" => "Có mặt",
        "written" => "Vắng mặt, có ý kiến bằng văn bản",
        _ => "Vắng mặt",
    }
}

pub fn result_label(code: Option<&str>) -> &'static str {
    match code {
        Some("passed") => "Thông qua",
        Some("failed") => "Không thông qua",
        _ => "Chưa có kết quả",
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: String,
    pub title: String,
    /// `yyyy-mm-dd`.
    pub held_on: String,
    pub place: Option<String>,
    /// `scheduled`, `open`, `closed`.
    pub status: String,
    pub status_label: String,
    pub total_members: i64,
    pub secret_ballot: bool,
    pub chair_name: Option<String>,
    pub secretary_name: Option<String>,
    /// Members without an account counted by the secretary (present, written).
    pub others_present: i64,
    pub others_written: i64,
    pub quota_cap: Option<i64>,
    pub closed_at: Option<String>,
    pub version: i64,
}

impl From<&MeetingRow> for MeetingSummary {
    fn from(m: &MeetingRow) -> Self {
        MeetingSummary {
            id: m.id.clone(),
            title: m.title.clone(),
            held_on: m.held_on.clone(),
            place: m.place.clone(),
            status: m.status.clone(),
            status_label: MeetingStatus::parse(&m.status)
                .map(|s| s.label())
                .unwrap_or("")
                .to_string(),
            total_members: m.total_members,
            secret_ballot: m.secret_ballot,
            chair_name: m.chair_name.clone(),
            secretary_name: m.secretary_name.clone(),
            others_present: m.others_present,
            others_written: m.others_written,
            quota_cap: m.quota_cap,
            closed_at: m.closed_at.clone(),
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub user_id: String,
    pub full_name: String,
    pub attendance: String,
    pub attendance_label: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemView {
    pub id: String,
    pub nomination_id: String,
    pub position: i64,
    pub nominee: String,
    pub nominating_unit: String,
    pub code: String,
    pub form_name: String,
    pub vote_rule: String,
    pub achievement: String,
    /// File names of the dossier's documents.
    pub documents: Vec<String>,
    /// Electronic ballots cast so far (the choices stay hidden until the meeting closes).
    pub ballots_cast: i64,
    /// Names of the members who declared a conflict of interest.
    pub conflicts: Vec<String>,
    pub paper_agree: i64,
    pub paper_disagree: i64,
    pub paper_abstain: i64,
    pub agree: Option<i64>,
    pub disagree: Option<i64>,
    pub abstain: Option<i64>,
    pub result: Option<String>,
    pub result_label: String,
    pub note: Option<String>,
    /// For the caller: already voted, declared a conflict.
    pub voted_by_me: bool,
    pub conflict_by_me: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingView {
    pub meeting: MeetingSummary,
    pub members: Vec<MemberView>,
    pub items: Vec<ItemView>,
    /// True when the caller sits in the meeting.
    pub i_sit: bool,
    pub minutes: Option<String>,
}

fn item_view(
    rules: &thidua_rules::Rules,
    i: ItemRow,
    documents: Vec<String>,
    ballots_cast: i64,
    conflicts: Vec<String>,
    mine: (bool, bool),
) -> Result<ItemView> {
    let (form_name, _, vote_rule) = form_and_rule(rules, &i.code);
    Ok(ItemView {
        result_label: result_label(i.result.as_deref()).into(),
        id: i.id,
        nomination_id: i.nomination_id,
        position: i.position,
        nominee: i.nominee,
        nominating_unit: i.nominating_unit,
        code: i.code,
        form_name,
        vote_rule,
        achievement: i.achievement,
        documents,
        ballots_cast,
        conflicts,
        paper_agree: i.paper_agree,
        paper_disagree: i.paper_disagree,
        paper_abstain: i.paper_abstain,
        agree: i.agree,
        disagree: i.disagree,
        abstain: i.abstain,
        result: i.result,
        note: i.note,
        voted_by_me: mine.0,
        conflict_by_me: mine.1,
    })
}

/// Everything about one meeting the caller may see.
pub async fn load(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    with_documents: bool,
) -> Result<MeetingView> {
    may_view(caller)?;
    let m = meetings::get(tx, caller.org_id(), id).await?;
    let members = meetings::members(tx, id).await?;
    let conflicts = meetings::conflicts(tx, id).await?;
    let cast = meetings::cast_counts(tx, id).await?;
    let mine = meetings::voted_items(tx, id, &caller.user.id).await?;
    let rules = crate::rules_cache::rules_in(tx, caller.org_id()).await?;
    let mut items = Vec::new();
    for i in meetings::items(tx, id).await? {
        let documents = if with_documents {
            nominations::documents(tx, &i.nomination_id)
                .await?
                .into_iter()
                .map(|d| d.file_name)
                .collect()
        } else {
            Vec::new()
        };
        let names: Vec<String> = conflicts
            .iter()
            .filter(|c| c.agenda_item_id == i.id)
            .map(|c| {
                members
                    .iter()
                    .find(|x| x.user_id == c.user_id)
                    .map(|x| x.full_name.clone())
                    .unwrap_or_default()
            })
            .collect();
        let my_conflict = conflicts
            .iter()
            .any(|c| c.agenda_item_id == i.id && c.user_id == caller.user.id);
        let n_cast = cast.iter().find(|c| c.0 == i.id).map(|c| c.1).unwrap_or(0);
        let voted = mine.contains(&i.id);
        items.push(item_view(
            &rules,
            i,
            documents,
            n_cast,
            names,
            (voted, my_conflict),
        )?);
    }
    let i_sit = members.iter().any(|x| x.user_id == caller.user.id);
    let members = members
        .into_iter()
        .map(|x| MemberView {
            attendance_label: attendance_label(&x.attendance).into(),
            user_id: x.user_id,
            full_name: x.full_name,
            attendance: x.attendance,
        })
        .collect();
    Ok(MeetingView {
        meeting: MeetingSummary::from(&m),
        members,
        items,
        i_sit,
        minutes: m.minutes,
    })
}
