//! Use cases of council meetings (step 8 of the process): the standing office schedules a meeting and
//! its agenda of accepted nominations, opens it, enters paper ballots and written opinions, and closes
//! it (see [`close`]); members declare conflicts of interest and vote. Every change checks the meeting's
//! state ([`MeetingStatus`]) and the nomination's ([`NominationStatus::apply`]) and happens in one
//! transaction with its audit row, so a refusal saves nothing.

pub mod close;
mod quota;
pub mod read;
pub mod view;

pub use read::{AgendaCandidate, MeetingPage, eligible_members, get, list, page, row};

use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use thidua_domain::Validation;
use thidua_domain::nomination::{
    MeetingStatus, NominationAction, NominationStatus, Part, VoteChoice,
};
use thidua_domain::policy::{Action, Role};
use thidua_store::meetings::{self, MeetingRow};
use thidua_store::{Db, Tx, nominations, users};

/// The scheduling form.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingInput {
    pub title: String,
    /// `yyyy-mm-dd` or `dd/mm/yyyy`.
    pub held_on: String,
    #[serde(default)]
    pub place: Option<String>,
    /// All members of the council: the denominator of vote thresholds and of the quorum.
    pub total_members: i64,
    /// Secret ballot (default) or open vote.
    #[serde(default)]
    pub secret_ballot: Option<bool>,
    #[serde(default)]
    pub chair_name: Option<String>,
    #[serde(default)]
    pub secretary_name: Option<String>,
    /// Users (council members or the chairman) who sit and vote in the app.
    #[serde(default)]
    pub member_ids: Vec<String>,
}

/// A member's ballot on one item.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteInput {
    pub item_id: String,
    /// `agree`, `disagree` or `abstain`.
    pub choice: String,
}

/// A declared conflict of interest.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictInput {
    pub item_id: String,
    #[serde(default)]
    pub reason: Option<String>,
}

/// Paper ballots of one item (they replace the counts entered before).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperCount {
    pub item_id: String,
    pub agree: i64,
    pub disagree: i64,
    pub abstain: i64,
}

/// What the secretary enters: paper ballots (including written opinions), which sitting members sent a
/// written opinion, and the members without an account who took part in person or in writing.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaperInput {
    #[serde(default)]
    pub items: Vec<PaperCount>,
    /// Sitting members (user ids) absent who gave a written opinion.
    #[serde(default)]
    pub written: Vec<String>,
    #[serde(default)]
    pub others_present: Option<i64>,
    #[serde(default)]
    pub others_written: Option<i64>,
}

fn refuse(message: impl Into<String>) -> Error {
    Error::Rejected(message.into())
}

/// The meeting, for those who may see meetings (the office, council members and the chairman).
pub async fn visible(tx: &mut Tx, caller: &Caller, id: &str) -> Result<MeetingRow> {
    may_view(caller)?;
    Ok(meetings::get(tx, caller.org_id(), id).await?)
}

/// Meetings are seen by the office and by those who vote.
pub fn may_view(caller: &Caller) -> Result<()> {
    if caller.can(Action::ManageMeetings {
        org_id: caller.org_id(),
    }) {
        return Ok(());
    }
    caller.authorize(Action::Vote {
        org_id: caller.org_id(),
    })
}

fn status(m: &MeetingRow) -> Result<MeetingStatus> {
    MeetingStatus::parse(&m.status)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("meeting {} has status {}", m.id, m.status)))
}

fn nomination_status(code: &str) -> Result<NominationStatus> {
    NominationStatus::parse(code)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("nomination status {code}")))
}

async fn checked(
    tx: &mut Tx,
    caller: &Caller,
    input: &MeetingInput,
) -> Result<(MeetingRow, Vec<String>)> {
    let mut v = Validation::new();
    let title = v.required_text("title", "Tên phiên họp", &input.title, 300);
    let held_on = thidua_domain::date::parse(&input.held_on).map(thidua_domain::date::iso);
    if held_on.is_none() {
        v.add(
            "held_on",
            "Ngày họp",
            "Ngày họp không hợp lệ (dạng dd/mm/yyyy).",
        );
    }
    let place = v.optional_text(
        "place",
        "Địa điểm",
        input.place.as_deref().unwrap_or(""),
        300,
    );
    let chair = v.optional_text(
        "chair_name",
        "Chủ trì",
        input.chair_name.as_deref().unwrap_or(""),
        200,
    );
    let secretary = v.optional_text(
        "secretary_name",
        "Thư ký",
        input.secretary_name.as_deref().unwrap_or(""),
        200,
    );
    let mut member_ids: Vec<String> = Vec::new();
    for id in &input.member_ids {
        let id = id.trim();
        if id.is_empty() || member_ids.iter().any(|m| m == id) {
            continue;
        }
        match users::get(tx, id).await {
            Ok(u)
                if u.org_id == caller.org_id()
                    && u.active
                    && matches!(
                        Role::parse(&u.role),
                        Some(Role::CouncilMember | Role::Chairman)
                    ) =>
            {
                member_ids.push(u.id)
            }
            Ok(u) if u.org_id == caller.org_id() => v.add(
                "member_ids",
                "Thành viên dự họp",
                format!(
                    "«{}» không phải thành viên Hội đồng hoặc tài khoản đã bị khóa.",
                    u.full_name
                ),
            ),
            _ => v.add(
                "member_ids",
                "Thành viên dự họp",
                "Có thành viên không tồn tại.",
            ),
        }
    }
    if !(1..=500).contains(&input.total_members) {
        v.add(
            "total_members",
            "Tổng số thành viên Hội đồng",
            "Tổng số thành viên Hội đồng phải từ 1 đến 500.",
        );
    } else if (member_ids.len() as i64) > input.total_members {
        v.add(
            "member_ids",
            "Thành viên dự họp",
            format!(
                "Đã chọn {} thành viên, nhiều hơn tổng số thành viên Hội đồng ({}).",
                member_ids.len(),
                input.total_members
            ),
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let row = MeetingRow::new(
        caller.org_id(),
        &title,
        &held_on.unwrap_or_default(),
        place,
        input.total_members,
        input.secret_ballot.unwrap_or(true),
        chair,
        secretary,
    );
    Ok((row, member_ids))
}

/// Schedules a meeting (standing office).
pub async fn create(db: &Db, caller: &Caller, input: &MeetingInput) -> Result<MeetingRow> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let (row, members) = checked(&mut tx, caller, input).await?;
    meetings::insert(&mut tx, &row, &members).await?;
    Audit::new("meeting.create", "meeting", &row.id, &row.title)
        .after(&super::with_field(&row, "member_ids", &members))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

async fn scheduled(tx: &mut Tx, caller: &Caller, id: &str) -> Result<MeetingRow> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    // The lock comes first: on SQLite a transaction that writes before it reads never meets a stale snapshot.
    let locked =
        meetings::lock_in(tx, caller.org_id(), id, MeetingStatus::Scheduled.code()).await?;
    let m = meetings::get(tx, caller.org_id(), id).await?;
    if !locked || !status(&m)?.agenda_editable() {
        return Err(refuse(format!(
            "Chỉ sửa chương trình họp khi phiên họp đang ở trạng thái «{}»; hiện tại: «{}».",
            MeetingStatus::Scheduled.label(),
            status(&m)?.label()
        )));
    }
    Ok(m)
}

/// Puts accepted nominations on the agenda (the `Schedule` transition), in the order given.
pub async fn add_items(
    db: &Db,
    caller: &Caller,
    id: &str,
    nomination_ids: &[String],
) -> Result<Vec<String>> {
    let mut tx = db.begin().await?;
    let m = scheduled(&mut tx, caller, id).await?;
    if nomination_ids.is_empty() {
        return Err(refuse(
            "Hãy chọn ít nhất một hồ sơ để đưa vào chương trình họp.",
        ));
    }
    let user = (caller.user.id.as_str(), caller.author());
    let mut added = Vec::new();
    for nid in nomination_ids {
        let n = nominations::get(&mut tx, caller.org_id(), nid).await?;
        let to = nomination_status(&n.status)?
            .apply(NominationAction::Schedule, &[Part::Office])
            .map_err(refuse)?;
        nominations::set_status(
            &mut tx,
            &n,
            n.version,
            to.code(),
            NominationAction::Schedule.code(),
            (user.0, &user.1),
            Some(&m.title),
            false,
        )
        .await?;
        added.push(meetings::add_item(&mut tx, &m.id, &n.id).await?);
    }
    Audit::new("meeting.agenda_add", "meeting", &m.id, &m.title)
        .after(&nomination_ids)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(added)
}

/// Takes an item off the agenda while the meeting is scheduled (the `Unschedule` transition).
pub async fn remove_item(db: &Db, caller: &Caller, id: &str, item_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let m = scheduled(&mut tx, caller, id).await?;
    let item = meetings::item(&mut tx, &m.id, item_id).await?;
    let n = nominations::get(&mut tx, caller.org_id(), &item.nomination_id).await?;
    let to = nomination_status(&n.status)?
        .apply(NominationAction::Unschedule, &[Part::Office])
        .map_err(refuse)?;
    let author = caller.author();
    nominations::set_status(
        &mut tx,
        &n,
        n.version,
        to.code(),
        NominationAction::Unschedule.code(),
        (&caller.user.id, &author),
        Some(&m.title),
        false,
    )
    .await?;
    meetings::remove_item(&mut tx, &m.id, item_id).await?;
    Audit::new("meeting.agenda_remove", "meeting", &m.id, &m.title)
        .before(&item)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Opens the vote; every sitting member gets a notification.
pub async fn open(db: &Db, caller: &Caller, id: &str, version: i64) -> Result<MeetingRow> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    meetings::lock_in(
        &mut tx,
        caller.org_id(),
        id,
        MeetingStatus::Scheduled.code(),
    )
    .await?;
    let m = meetings::get(&mut tx, caller.org_id(), id).await?;
    let st = status(&m)?;
    if st != MeetingStatus::Scheduled {
        return Err(refuse(format!(
            "Phiên họp đang ở trạng thái «{}», không mở bỏ phiếu được nữa.",
            st.label()
        )));
    }
    if meetings::items(&mut tx, &m.id).await?.is_empty() {
        return Err(refuse(
            "Chương trình họp chưa có hồ sơ nào; hãy thêm hồ sơ trước khi mở bỏ phiếu.",
        ));
    }
    let next = st.advance().map_err(refuse)?;
    let after = meetings::set_status(&mut tx, &m, version, next.code(), None, None).await?;
    let text = format!(
        "Phiên họp «{}» ngày {} đã mở bỏ phiếu; mời đồng chí xem hồ sơ và biểu quyết.",
        m.title,
        thidua_domain::date::iso_to_vn(&m.held_on)
    );
    for member in meetings::members(&mut tx, &m.id).await? {
        meetings::notify(
            &mut tx,
            caller.org_id(),
            &member.user_id,
            &text,
            &format!("/meetings/{}", m.id),
        )
        .await?;
    }
    Audit::new("meeting.open", "meeting", &m.id, &m.title)
        .before(&m)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Locks an open meeting and checks that the caller sits in it and the item belongs to it.
async fn as_member(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    item_id: &str,
) -> Result<(MeetingRow, meetings::ItemRow, String)> {
    caller.authorize(Action::Vote {
        org_id: caller.org_id(),
    })?;
    let locked = meetings::lock_open(tx, caller.org_id(), id).await?;
    let m = meetings::get(tx, caller.org_id(), id).await?;
    if !locked {
        return Err(refuse(format!(
            "Phiên họp đang ở trạng thái «{}», không nhận biểu quyết.",
            status(&m)?.label()
        )));
    }
    let Some(me) = meetings::members(tx, id)
        .await?
        .into_iter()
        .find(|x| x.user_id == caller.user.id)
    else {
        return Err(Error::Forbidden);
    };
    let item = meetings::item(tx, id, item_id).await?;
    Ok((m, item, me.attendance))
}

/// A member's ballot on one item: once only, never on an item with a declared conflict.
pub async fn vote(db: &Db, caller: &Caller, id: &str, input: &VoteInput) -> Result<()> {
    // Who may vote is decided before what was sent is looked at (a non-voter gets 403, not 422).
    caller.authorize(Action::Vote {
        org_id: caller.org_id(),
    })?;
    let Some(choice) = VoteChoice::parse(&input.choice) else {
        let mut v = Validation::new();
        v.add(
            "choice",
            "Biểu quyết",
            "Hãy chọn Đồng ý, Không đồng ý hoặc Không biểu quyết.",
        );
        return Err(Error::Invalid(v));
    };
    let mut tx = db.begin().await?;
    let (m, item, attendance) = as_member(&mut tx, caller, id, &input.item_id).await?;
    if attendance == "written" {
        return Err(refuse(
            "Thư ký đã ghi nhận ý kiến bằng văn bản của đồng chí cho phiên họp này; không biểu quyết trực tuyến được nữa.",
        ));
    }
    if meetings::conflicts(&mut tx, id)
        .await?
        .iter()
        .any(|c| c.agenda_item_id == item.id && c.user_id == caller.user.id)
    {
        return Err(refuse(format!(
            "Đồng chí đã khai báo xung đột lợi ích với hồ sơ của {} nên không biểu quyết hồ sơ này.",
            item.nominee
        )));
    }
    if meetings::voted_items(&mut tx, id, &caller.user.id)
        .await?
        .contains(&item.id)
    {
        return Err(refuse(format!(
            "Đồng chí đã biểu quyết hồ sơ của {}; mỗi thành viên chỉ biểu quyết một lần.",
            item.nominee
        )));
    }
    meetings::cast(
        &mut tx,
        &item.id,
        &caller.user.id,
        choice.code(),
        m.secret_ballot,
    )
    .await?;
    meetings::set_attendance(&mut tx, id, &caller.user.id, "present").await?;
    // With a secret ballot the audit row says that the member voted, never how.
    let shown = if m.secret_ballot {
        serde_json::json!({"item_id": item.id, "nominee": item.nominee})
    } else {
        serde_json::json!({"item_id": item.id, "nominee": item.nominee, "choice": choice.label()})
    };
    Audit::new("meeting.vote", "meeting", &m.id, &m.title)
        .after(&shown)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A member declares a conflict of interest on an item (before voting on it) and then cannot vote on it.
pub async fn declare_conflict(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &ConflictInput,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let (m, item, _) = as_member(&mut tx, caller, id, &input.item_id).await?;
    if meetings::conflicts(&mut tx, id)
        .await?
        .iter()
        .any(|c| c.agenda_item_id == item.id && c.user_id == caller.user.id)
    {
        return Err(refuse(
            "Đồng chí đã khai báo xung đột lợi ích với hồ sơ này.",
        ));
    }
    if meetings::voted_items(&mut tx, id, &caller.user.id)
        .await?
        .contains(&item.id)
    {
        return Err(refuse(
            "Đồng chí đã biểu quyết hồ sơ này; không khai báo xung đột lợi ích sau khi biểu quyết được.",
        ));
    }
    let mut v = Validation::new();
    let reason = v.optional_text(
        "reason",
        "Lý do",
        input.reason.as_deref().unwrap_or(""),
        500,
    );
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    meetings::add_conflict(&mut tx, &item.id, &caller.user.id, reason.as_deref()).await?;
    meetings::set_attendance(&mut tx, id, &caller.user.id, "present").await?;
    Audit::new("meeting.conflict", "meeting", &m.id, &m.title)
        .after(&serde_json::json!({"item_id": item.id, "nominee": item.nominee, "reason": reason}))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The secretary enters paper ballots, written opinions and members without an account (office only).
pub async fn record_paper(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &PaperInput,
) -> Result<MeetingRow> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let locked = meetings::lock_open(&mut tx, caller.org_id(), id).await?;
    let m = meetings::get(&mut tx, caller.org_id(), id).await?;
    if !locked {
        return Err(refuse(format!(
            "Phiên họp đang ở trạng thái «{}», không nhập phiếu giấy được.",
            status(&m)?.label()
        )));
    }
    let members = meetings::members(&mut tx, id).await?;
    let conflicts = meetings::conflicts(&mut tx, id).await?;
    let electronic = meetings::electronic_counts(&mut tx, id).await?;
    let mut v = Validation::new();
    for w in &input.written {
        match members.iter().find(|x| &x.user_id == w) {
            None => v.add("written", "Ý kiến bằng văn bản", "Có người không thuộc danh sách thành viên dự họp."),
            Some(x) if x.attendance == "present" => v.add("written", "Ý kiến bằng văn bản", format!("{} đã tham gia họp và biểu quyết trực tuyến; không ghi nhận ý kiến bằng văn bản.", x.full_name)),
            Some(_) => {}
        }
    }
    let others_present = input.others_present.unwrap_or(m.others_present);
    let others_written = input.others_written.unwrap_or(m.others_written);
    let accounted = members.len() as i64 + others_present + others_written;
    if others_present < 0 || others_written < 0 || accounted > m.total_members {
        v.add("others_present", "Thành viên không có tài khoản", format!("Số thành viên dự họp và gửi ý kiến (kể cả {} thành viên có tài khoản) không được vượt tổng số {} thành viên.", members.len(), m.total_members));
    }
    let items = meetings::items(&mut tx, id).await?;
    for p in &input.items {
        let Some(item) = items.iter().find(|i| i.id == p.item_id) else {
            v.add(
                "items",
                "Phiếu giấy",
                "Có hồ sơ không thuộc chương trình họp.",
            );
            continue;
        };
        let online: i64 = electronic
            .iter()
            .filter(|e| e.0 == item.id)
            .map(|e| e.2)
            .sum();
        let excluded = conflicts
            .iter()
            .filter(|c| c.agenda_item_id == item.id)
            .count() as i64;
        if p.agree < 0 || p.disagree < 0 || p.abstain < 0 {
            v.add(
                "items",
                "Phiếu giấy",
                format!("Số phiếu của hồ sơ {} không được âm.", item.nominee),
            );
        } else if online + p.agree + p.disagree + p.abstain > m.total_members - excluded {
            v.add("items", "Phiếu giấy", format!("Hồ sơ {}: {} phiếu trực tuyến và {} phiếu giấy vượt số thành viên được biểu quyết ({}).", item.nominee, online, p.agree + p.disagree + p.abstain, m.total_members - excluded));
        }
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    for p in &input.items {
        meetings::set_paper(&mut tx, &p.item_id, p.agree, p.disagree, p.abstain).await?;
    }
    for w in &input.written {
        meetings::set_attendance(&mut tx, id, w, "written").await?;
    }
    meetings::set_others(&mut tx, id, others_present, others_written).await?;
    Audit::new("meeting.paper", "meeting", &m.id, &m.title)
        .after(input)
        .write(&mut tx, caller)
        .await?;
    let after = meetings::get(&mut tx, caller.org_id(), id).await?;
    tx.commit().await?;
    Ok(after)
}
