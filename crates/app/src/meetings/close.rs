//! Closing a council meeting: the quorum, each item's tally (electronic and paper ballots), the vote
//! threshold of the rule set on ALL members, the quota ranking, the nominations set passed or failed
//! through their state machine (campaign quotas in [`super::quota`]), and the minutes (biên bản họp xét khen thưởng) written from the record.

use super::view::{attendance_label, form_and_rule};
use super::{nomination_status, refuse, status};
use crate::Caller;
use crate::error::{Error, Result};
use serde::Deserialize;
use thidua_domain::nomination::{MeetingStatus, NominationAction, Part, Tally, passes, quorate};
use thidua_domain::policy::Action;
use thidua_store::meetings::{self, ItemRow, MeetingRow, MemberRow};
use thidua_store::{Db, Tx, nominations};

/// The quorum: members taking part (present, or absent with a written opinion) over all members.
/// Two thirds (LAW.md §9.4 item 21; a stricter local rule such as Bắc Ninh's 80 % for award sessions
/// is one constant away).
pub const QUORUM: f64 = 2.0 / 3.0;

/// The close form.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseInput {
    /// The meeting's version as read (409 when it changed).
    pub version: i64,
    /// At most this many items may pass (a quota); more passing are ranked by agree votes, then an
    /// individual who works directly, then the earlier submission to the standing office, then the
    /// agenda order (`thidua_domain::nomination::rank_for_quota`).
    #[serde(default)]
    pub quota_cap: Option<i64>,
}

/// One item's outcome.
struct Outcome {
    tally: Tally,
    reaches: bool,
    passed: bool,
    rule: String,
    form: String,
    /// Why an item that reached the threshold was left out by a quota.
    note: Option<String>,
}

fn pct(n: u32, total: i64) -> String {
    if total <= 0 {
        return "0".into();
    }
    format!("{:.1}", f64::from(n) * 100.0 / total as f64).replace('.', ",")
}

fn count(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// Closes the meeting: refused (nothing saved) without a quorum.
pub async fn close(db: &Db, caller: &Caller, id: &str, input: &CloseInput) -> Result<MeetingRow> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let (m, st) = voting_meeting(&mut tx, caller, id, input).await?;
    let members = meetings::members(&mut tx, id).await?;
    let taking_part = quorum(&m, &members)?;
    let items = meetings::items(&mut tx, id).await?;
    let mut outcomes = tally(&mut tx, caller, &m, &items).await?;
    apply_quotas(&mut tx, caller, id, &items, &mut outcomes, input.quota_cap).await?;
    record_results(&mut tx, caller, &m, &items, &outcomes).await?;
    let conflicts = meetings::conflicts(&mut tx, id).await?;
    let text = minutes(
        &m,
        &members,
        &items,
        &outcomes,
        &conflicts,
        taking_part,
        input.quota_cap,
    );
    let next = st.advance().map_err(refuse)?;
    let after = meetings::set_status(
        &mut tx,
        &m,
        input.version,
        next.code(),
        Some(&text),
        input.quota_cap,
    )
    .await?;
    let passed = outcomes.iter().filter(|o| o.passed).count();
    crate::Audit::new("meeting.close", "meeting", &m.id, &m.title)
        .before(&m.status)
        .after(&serde_json::json!({"items": items.len(), "passed": passed, "quota_cap": input.quota_cap}))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// The meeting, locked, if it is voting, unchanged since the caller read it, and the quota typed is
/// not negative.
async fn voting_meeting(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    input: &CloseInput,
) -> Result<(MeetingRow, MeetingStatus)> {
    // Waits for ballots being cast right now; later ones find the meeting closed.
    let locked = meetings::lock_open(tx, caller.org_id(), id).await?;
    let m = meetings::get(tx, caller.org_id(), id).await?;
    let st = status(&m)?;
    if !locked || !st.voting() {
        return Err(refuse(format!(
            "Chỉ kết thúc được phiên họp đang bỏ phiếu; hiện tại: «{}».",
            st.label()
        )));
    }
    if m.version != input.version {
        return Err(Error::Conflict);
    }
    if input.quota_cap.is_some_and(|c| c < 0) {
        let mut v = thidua_domain::Validation::new();
        v.add("quota_cap", "Chỉ tiêu", "Chỉ tiêu phải là số không âm.");
        return Err(Error::Invalid(v));
    }
    Ok((m, st))
}

/// The members taking part (present, or absent with a written opinion, with or without an account),
/// refused below the quorum.
fn quorum(m: &MeetingRow, members: &[MemberRow]) -> Result<i64> {
    let taking_part = members.iter().filter(|x| x.attendance != "absent").count() as i64
        + m.others_present
        + m.others_written;
    if !quorate(count(taking_part), count(m.total_members), QUORUM) {
        return Err(refuse(format!(
            "Chưa đủ số thành viên tham dự để kết thúc phiên họp: {taking_part}/{} thành viên có mặt hoặc có ý kiến bằng văn bản, cần ít nhất hai phần ba tổng số thành viên Hội đồng.",
            m.total_members
        )));
    }
    Ok(taking_part)
}

/// Each item's tally (paper and electronic ballots) against the vote rule of its form, before quotas.
async fn tally(
    tx: &mut Tx,
    caller: &Caller,
    m: &MeetingRow,
    items: &[ItemRow],
) -> Result<Vec<Outcome>> {
    let electronic = meetings::electronic_counts(tx, &m.id).await?;
    let rules = crate::rules_cache::rules_in(tx, caller.org_id()).await?;
    let mut outcomes = Vec::with_capacity(items.len());
    for i in items {
        let mut t = Tally {
            agree: count(i.paper_agree),
            disagree: count(i.paper_disagree),
            abstain: count(i.paper_abstain),
        };
        for (_, choice, n) in electronic.iter().filter(|e| e.0 == i.id) {
            match choice.as_str() {
                "agree" => t.agree += count(*n),
                "disagree" => t.disagree += count(*n),
                _ => t.abstain += count(*n),
            }
        }
        let (form, threshold, rule) = form_and_rule(&rules, &i.code);
        let reaches = passes(t, count(m.total_members), threshold);
        outcomes.push(Outcome {
            tally: t,
            reaches,
            passed: reaches,
            rule,
            form,
            note: None,
        });
    }
    Ok(outcomes)
}

/// Leaves out the items beyond the campaigns' quotas and beyond the meeting's own `cap`, with why.
async fn apply_quotas(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    items: &[ItemRow],
    outcomes: &mut [Outcome],
    cap: Option<i64>,
) -> Result<()> {
    let tallies: Vec<Tally> = outcomes.iter().map(|o| o.tally).collect();
    let mut passed: Vec<bool> = outcomes.iter().map(|o| o.reaches).collect();
    let mut notes: Vec<Option<String>> = vec![None; outcomes.len()];
    super::quota::apply(
        tx,
        caller.org_id(),
        id,
        items,
        &tallies,
        &mut passed,
        &mut notes,
    )
    .await?;
    if let Some(cap) = cap {
        let reaching: Vec<usize> = (0..items.len()).filter(|&k| passed[k]).collect();
        super::quota::cut(
            items,
            &tallies,
            &reaching,
            usize::try_from(cap).unwrap_or(0),
            &format!("của phiên họp: tối đa {cap} hồ sơ"),
            &mut passed,
            &mut notes,
        );
    }
    for ((o, ok), note) in outcomes.iter_mut().zip(passed).zip(notes) {
        o.passed = o.reaches && ok;
        o.note = note.filter(|_| o.reaches && !o.passed);
    }
    Ok(())
}

/// Sets each nomination passed or failed through its state machine, and each item's result.
async fn record_results(
    tx: &mut Tx,
    caller: &Caller,
    m: &MeetingRow,
    items: &[ItemRow],
    outcomes: &[Outcome],
) -> Result<()> {
    let author = caller.author();
    for (i, o) in items.iter().zip(outcomes) {
        let action = if o.passed {
            NominationAction::Pass
        } else {
            NominationAction::Fail
        };
        let n = nominations::get(tx, caller.org_id(), &i.nomination_id).await?;
        let to = nomination_status(&n.status)?
            .apply(action, &[Part::Council])
            .map_err(refuse)?;
        let note = o.note.as_deref();
        let tally = (
            i64::from(o.tally.agree),
            i64::from(o.tally.disagree),
            i64::from(o.tally.abstain),
        );
        nominations::set_status(
            tx,
            &n,
            n.version,
            to.code(),
            action.code(),
            (&caller.user.id, &author),
            Some(&format!(
                "{}: đồng ý {}/{}",
                m.title, o.tally.agree, m.total_members
            )),
            false,
        )
        .await?;
        meetings::set_result(
            tx,
            &i.id,
            if o.passed { "passed" } else { "failed" },
            tally,
            note,
        )
        .await?;
    }
    Ok(())
}

fn names(members: &[MemberRow], attendance: &str) -> String {
    let v: Vec<&str> = members
        .iter()
        .filter(|x| x.attendance == attendance)
        .map(|x| x.full_name.as_str())
        .collect();
    if v.is_empty() {
        "không có".into()
    } else {
        v.join(", ")
    }
}

/// The minutes as plain text, one paragraph a line, from the record only.
fn minutes(
    m: &MeetingRow,
    members: &[MemberRow],
    items: &[ItemRow],
    outcomes: &[Outcome],
    conflicts: &[meetings::ConflictRow],
    taking_part: i64,
    cap: Option<i64>,
) -> String {
    let mut out = minutes_head(m, members, taking_part);
    out.push("KẾT QUẢ BIỂU QUYẾT".into());
    for (i, o) in items.iter().zip(outcomes) {
        out.push(item_line(m, members, conflicts, i, o));
    }
    if let Some(c) = cap {
        out.push(format!("Chỉ tiêu của phiên họp: tối đa {c} hồ sơ."));
    }
    if cap.is_some() || outcomes.iter().any(|o| o.note.is_some()) {
        out.push(format!(
            "Khi số hồ sơ đạt ngưỡng vượt chỉ tiêu khen thưởng, {}.",
            super::quota::ORDER
        ));
    }
    let passed = outcomes.iter().filter(|o| o.passed).count();
    out.push(format!(
        "Tổng hợp: {passed}/{} hồ sơ được thông qua.",
        items.len()
    ));
    out.push(format!(
        "Biên bản được lập từ dữ liệu phiên họp lúc kết thúc bỏ phiếu; gồm {} hồ sơ.",
        items.len()
    ));
    out.join("\n")
}

/// The paragraphs before the results: the meeting, who chaired, the ballot, attendance and quorum.
fn minutes_head(m: &MeetingRow, members: &[MemberRow], taking_part: i64) -> Vec<String> {
    let present =
        members.iter().filter(|x| x.attendance == "present").count() as i64 + m.others_present;
    let written =
        members.iter().filter(|x| x.attendance == "written").count() as i64 + m.others_written;
    let dash = "—".to_string();
    let mut out = vec![
        "BIÊN BẢN HỌP XÉT KHEN THƯỞNG".to_string(),
        m.title.clone(),
        format!(
            "Thời gian: ngày {}. Địa điểm: {}.",
            thidua_domain::date::iso_to_vn(&m.held_on),
            m.place.as_ref().unwrap_or(&dash)
        ),
        format!(
            "Chủ trì: {}. Thư ký: {}.",
            m.chair_name.as_ref().unwrap_or(&dash),
            m.secretary_name.as_ref().unwrap_or(&dash)
        ),
        format!(
            "Hình thức biểu quyết: {}.",
            if m.secret_ballot {
                "bỏ phiếu kín"
            } else {
                "biểu quyết công khai"
            }
        ),
        format!(
            "Tổng số thành viên Hội đồng: {}. Có mặt: {present}; vắng mặt có ý kiến bằng văn bản: {written}; vắng mặt không có ý kiến: {}. Số thành viên tham gia: {taking_part}/{} ({} %), đủ điều kiện tiến hành (tối thiểu hai phần ba tổng số thành viên).",
            m.total_members,
            m.total_members - taking_part,
            m.total_members,
            pct(count(taking_part), m.total_members)
        ),
    ];
    for attendance in ["present", "written", "absent"] {
        out.push(format!(
            "{}: {}.",
            attendance_label(attendance),
            names(members, attendance)
        ));
    }
    if m.others_present + m.others_written > 0 {
        out.push(format!("Thành viên không dùng hệ thống: {} có mặt, {} có ý kiến bằng văn bản (theo thư ký ghi nhận).", m.others_present, m.others_written));
    }
    out
}

/// One item's result paragraph: the tally, the rule, the result, a quota's note, the conflicts.
fn item_line(
    m: &MeetingRow,
    members: &[MemberRow],
    conflicts: &[meetings::ConflictRow],
    i: &ItemRow,
    o: &Outcome,
) -> String {
    let conflicted: Vec<&str> = conflicts
        .iter()
        .filter(|c| c.agenda_item_id == i.id)
        .filter_map(|c| members.iter().find(|x| x.user_id == c.user_id))
        .map(|x| x.full_name.as_str())
        .collect();
    let mut line = format!(
        "{}. {} ({}) — {}: đồng ý {}/{} ({} %), không đồng ý {}, không biểu quyết {}; yêu cầu: {}. Kết quả: {}.",
        i.position,
        i.nominee,
        i.nominating_unit,
        o.form,
        o.tally.agree,
        m.total_members,
        pct(o.tally.agree, m.total_members),
        o.tally.disagree,
        o.tally.abstain,
        o.rule,
        if o.passed {
            "THÔNG QUA"
        } else {
            "KHÔNG THÔNG QUA"
        }
    );
    if let Some(note) = &o.note {
        line.push_str(" Đạt ngưỡng biểu quyết nhưng không được thông qua. ");
        line.push_str(note);
    }
    if !conflicted.is_empty() {
        line.push_str(&format!(
            " Không tham gia biểu quyết do xung đột lợi ích: {}.",
            conflicted.join(", ")
        ));
    }
    line
}
