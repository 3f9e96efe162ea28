//! Council meetings (step 8 of the process): the meeting, who sits, the agenda of nominations, declared
//! conflicts of interest, ballots and the stored results. With a secret ballot the fact that a member
//! voted (`ballots_cast`, without the choice) and the choice (`ballot_choices`, without the voter) are
//! stored apart, so no query can tell who chose what.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: String,
    pub org_id: String,
    pub title: String,
    pub held_on: String,
    pub place: Option<String>,
    /// `scheduled`, `open` or `closed`.
    pub status: String,
    pub total_members: i64,
    pub secret_ballot: bool,
    pub chair_name: Option<String>,
    pub secretary_name: Option<String>,
    pub minutes: Option<String>,
    pub closed_at: Option<String>,
    pub others_present: i64,
    pub others_written: i64,
    pub quota_cap: Option<i64>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, title, held_on, place, status, total_members, secret_ballot, chair_name, secretary_name, minutes, closed_at, others_present, others_written, quota_cap, version, created_at, updated_at"
    };
}

/// A council member user sitting in a meeting.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct MemberRow {
    pub user_id: String,
    pub full_name: String,
    pub username: String,
    /// `present`, `written` or `absent`.
    pub attendance: String,
}

/// An agenda item with what the meeting needs of its nomination.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ItemRow {
    pub id: String,
    pub meeting_id: String,
    pub nomination_id: String,
    pub position: i64,
    pub paper_agree: i64,
    pub paper_disagree: i64,
    pub paper_abstain: i64,
    pub result: Option<String>,
    pub agree: Option<i64>,
    pub disagree: Option<i64>,
    pub abstain: Option<i64>,
    pub note: Option<String>,
    /// The nominee's name (person, unit or household).
    pub nominee: String,
    pub nominee_type: String,
    pub code: String,
    pub achievement: String,
    pub campaign_id: Option<String>,
    pub nominating_unit_id: String,
    pub nominating_unit: String,
    /// The nominee is an individual who works directly (quota tie-break); false otherwise.
    pub direct_worker: bool,
    /// A woman, or a unit whose people are at least 70 % women (quota tie-break, ND 152 Điều 4(6)).
    pub women_first: bool,
    /// When the nomination reached the standing office (quota tie-break).
    pub submitted_at: Option<String>,
}

/// A declared conflict of interest.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ConflictRow {
    pub agenda_item_id: String,
    pub user_id: String,
    pub reason: Option<String>,
}

impl MeetingRow {
    #[allow(clippy::too_many_arguments)] // the fields of the scheduling form, once
    pub fn new(
        org_id: &str,
        title: &str,
        held_on: &str,
        place: Option<String>,
        total_members: i64,
        secret_ballot: bool,
        chair_name: Option<String>,
        secretary_name: Option<String>,
    ) -> MeetingRow {
        let now = ids::now();
        MeetingRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            title: title.into(),
            held_on: held_on.into(),
            place,
            status: "scheduled".into(),
            total_members,
            secret_ballot,
            chair_name,
            secretary_name,
            minutes: None,
            closed_at: None,
            others_present: 0,
            others_written: 0,
            quota_cap: None,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

pub async fn insert(tx: &mut Tx, m: &MeetingRow, member_ids: &[String]) -> Result<()> {
    insert_row!(tx, "meetings", {
        id: &m.id,
        org_id: &m.org_id,
        title: &m.title,
        held_on: &m.held_on,
        place: &m.place,
        status: &m.status,
        total_members: m.total_members,
        secret_ballot: m.secret_ballot,
        chair_name: &m.chair_name,
        secretary_name: &m.secretary_name,
        minutes: &m.minutes,
        closed_at: &m.closed_at,
        others_present: m.others_present,
        others_written: m.others_written,
        quota_cap: m.quota_cap,
        version: m.version,
        created_at: &m.created_at,
        updated_at: &m.updated_at,
    })?;
    for u in member_ids {
        insert_row!(tx, "meeting_members", {
            meeting_id: &m.id,
            user_id: u,
            attendance: "absent",
        })?;
    }
    Ok(())
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<MeetingRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM meetings WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, MeetingRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Meetings of the organisation, latest date first.
pub async fn list(tx: &mut Tx, org_id: &str, limit: i64) -> Result<Vec<MeetingRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM meetings WHERE org_id = $1 ORDER BY held_on DESC, created_at DESC LIMIT $2"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, MeetingRow>(sql)
        .bind(org_id)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

/// Moves the meeting to `to` if `version` still matches; stores the minutes and the cap when closing.
pub async fn set_status(
    tx: &mut Tx,
    m: &MeetingRow,
    version: i64,
    to: &str,
    minutes: Option<&str>,
    quota_cap: Option<i64>,
) -> Result<MeetingRow> {
    let now = ids::now();
    let closed_at = if to == "closed" {
        Some(now.clone())
    } else {
        None
    };
    let done = update_row!(tx, "meetings", SET {
        status: to,
        minutes: minutes,
        closed_at: &closed_at,
        quota_cap: quota_cap,
        "version = version + 1",
        updated_at: &now,
    } WHERE {
        id: &m.id,
        org_id: &m.org_id,
        version: version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get(tx, &m.org_id, &m.id).await
}

/// Takes the meeting's row lock while it is open (ballots and paper counts wait for a concurrent close,
/// and are refused once it is closed); false when the meeting is not open.
pub async fn lock_open(tx: &mut Tx, org_id: &str, id: &str) -> Result<bool> {
    lock_in(tx, org_id, id, "open").await
}

/// Takes the meeting's row lock if it is in `status`: changes of the agenda, ballots and the close
/// run one after the other, and each sees the state the previous one left.
pub async fn lock_in(tx: &mut Tx, org_id: &str, id: &str, status: &str) -> Result<bool> {
    let n = update_row!(tx, "meetings", SET {
        "updated_at = updated_at",
    } WHERE {
        id: id,
        org_id: org_id,
        status: status,
    })?;
    Ok(n == 1)
}

/// The secretary's counts of members without an account; bumps the version.
pub async fn set_others(tx: &mut Tx, id: &str, present: i64, written: i64) -> Result<()> {
    update_row!(tx, "meetings", SET {
        others_present: present,
        others_written: written,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: id,
    })?;
    Ok(())
}

pub async fn members(tx: &mut Tx, meeting_id: &str) -> Result<Vec<MemberRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, MemberRow>("SELECT m.user_id, u.full_name, u.username, m.attendance FROM meeting_members m JOIN users u ON u.id = m.user_id WHERE m.meeting_id = $1 ORDER BY u.full_name, u.username")
        .bind(meeting_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn set_attendance(
    tx: &mut Tx,
    meeting_id: &str,
    user_id: &str,
    attendance: &str,
) -> Result<()> {
    update_row!(tx, "meeting_members", SET {
        attendance: attendance,
    } WHERE {
        meeting_id: meeting_id,
        user_id: user_id,
    })?;
    Ok(())
}

macro_rules! item_select {
    () => {
        "SELECT i.id, i.meeting_id, i.nomination_id, i.position, i.paper_agree, i.paper_disagree, i.paper_abstain, i.result, i.agree, i.disagree, i.abstain, i.note, \
    COALESCE(p.full_name, nu.name, n.household_name, '') AS nominee, n.nominee_type, n.code, n.achievement, n.campaign_id, n.nominating_unit_id, COALESCE(su.name, '') AS nominating_unit, \
    COALESCE(p.direct_worker, FALSE) AS direct_worker, \
    CASE WHEN p.gender = 'female' THEN TRUE \
         WHEN nu.id IS NOT NULL AND (SELECT CASE WHEN COUNT(*) > 0 \
                AND 10 * SUM(CASE WHEN m.gender = 'female' THEN 1 ELSE 0 END) >= 7 * COUNT(*) THEN 1 ELSE 0 END \
              FROM persons m WHERE m.org_id = nu.org_id AND m.unit_path >= nu.path AND m.unit_path < nu.path || '~') = 1 THEN TRUE \
         ELSE FALSE END AS women_first, \
    n.submitted_at \
    FROM agenda_items i JOIN nominations n ON n.id = i.nomination_id LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units nu ON nu.id = n.unit_id LEFT JOIN units su ON su.id = n.nominating_unit_id"
    };
}

/// The agenda in order.
pub async fn items(tx: &mut Tx, meeting_id: &str) -> Result<Vec<ItemRow>> {
    let sql = concat!(
        item_select!(),
        " WHERE i.meeting_id = $1 ORDER BY i.position"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ItemRow>(sql)
        .bind(meeting_id)
        .fetch_all(c)
        .await)?)
}

pub async fn item(tx: &mut Tx, meeting_id: &str, item_id: &str) -> Result<ItemRow> {
    let sql = concat!(item_select!(), " WHERE i.meeting_id = $1 AND i.id = $2");
    on_tx!(tx, |c| sqlx::query_as::<_, ItemRow>(sql)
        .bind(meeting_id)
        .bind(item_id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Appends a nomination to the agenda.
pub async fn add_item(tx: &mut Tx, meeting_id: &str, nomination_id: &str) -> Result<String> {
    let next: i64 = on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = $1"
    )
    .bind(meeting_id)
    .fetch_one(c)
    .await)?;
    let id = ids::new_id();
    insert_row!(tx, "agenda_items", {
        id: &id,
        meeting_id: meeting_id,
        nomination_id: nomination_id,
        position: next,
    })?;
    Ok(id)
}

pub async fn remove_item(tx: &mut Tx, meeting_id: &str, item_id: &str) -> Result<()> {
    let n = exec!(
        tx,
        sqlx::query("DELETE FROM agenda_items WHERE meeting_id = $1 AND id = $2")
            .bind(meeting_id)
            .bind(item_id)
    )?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn conflicts(tx: &mut Tx, meeting_id: &str) -> Result<Vec<ConflictRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, ConflictRow>("SELECT c.agenda_item_id, c.user_id, c.reason FROM agenda_conflicts c JOIN agenda_items i ON i.id = c.agenda_item_id WHERE i.meeting_id = $1")
        .bind(meeting_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn add_conflict(
    tx: &mut Tx,
    item_id: &str,
    user_id: &str,
    reason: Option<&str>,
) -> Result<()> {
    insert_row!(tx, "agenda_conflicts", {
        agenda_item_id: item_id,
        user_id: user_id,
        reason: reason,
    })?;
    Ok(())
}

/// The items of a meeting a member has voted on.
pub async fn voted_items(tx: &mut Tx, meeting_id: &str, user_id: &str) -> Result<Vec<String>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar::<_, String>("SELECT b.agenda_item_id FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = $1 AND b.user_id = $2")
        .bind(meeting_id)
        .bind(user_id)
        .fetch_all(c)
        .await
    })?)
}

/// Records a ballot: the voter (with the choice only when the ballot is open), and for a secret ballot
/// the choice on its own under a random (not time-ordered) id.
pub async fn cast(
    tx: &mut Tx,
    item_id: &str,
    user_id: &str,
    choice: &str,
    secret: bool,
) -> Result<()> {
    let open_choice = if secret { None } else { Some(choice) };
    insert_row!(tx, "ballots_cast", {
        agenda_item_id: item_id,
        user_id: user_id,
        choice: open_choice,
        at: ids::now(),
    })?;
    if secret {
        insert_row!(tx, "ballot_choices", {
            id: random_id(),
            agenda_item_id: item_id,
            choice: choice,
        })?;
    }
    Ok(())
}

/// An id with no time order (the hash of a fresh UUIDv7, whose 74 random bits make it unguessable), so the
/// order of secret choices cannot be matched with the order of `ballots_cast.at`.
fn random_id() -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(ids::new_id().as_bytes())[..16])
}

/// Electronic ballots per item: (item id, choice, count), open and secret together.
pub async fn electronic_counts(
    tx: &mut Tx,
    meeting_id: &str,
) -> Result<Vec<(String, String, i64)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String, i64)>(
        "SELECT t.agenda_item_id, t.choice, COUNT(*) FROM (\
           SELECT b.agenda_item_id, b.choice FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = $1 AND b.choice IS NOT NULL \
           UNION ALL SELECT c.agenda_item_id, c.choice FROM ballot_choices c JOIN agenda_items i ON i.id = c.agenda_item_id WHERE i.meeting_id = $1\
         ) t GROUP BY t.agenda_item_id, t.choice"
    )
    .bind(meeting_id)
    .fetch_all(c)
    .await
    })?)
}

pub async fn set_paper(
    tx: &mut Tx,
    item_id: &str,
    agree: i64,
    disagree: i64,
    abstain: i64,
) -> Result<()> {
    update_row!(tx, "agenda_items", SET {
        paper_agree: agree,
        paper_disagree: disagree,
        paper_abstain: abstain,
    } WHERE {
        id: item_id,
    })?;
    Ok(())
}

/// Stores an item's final tally and result.
pub async fn set_result(
    tx: &mut Tx,
    item_id: &str,
    result: &str,
    tally: (i64, i64, i64),
    note: Option<&str>,
) -> Result<()> {
    update_row!(tx, "agenda_items", SET {
        result: result,
        agree: tally.0,
        disagree: tally.1,
        abstain: tally.2,
        note: note,
    } WHERE {
        id: item_id,
    })?;
    Ok(())
}

/// An in-app notice to one user.
pub async fn notify(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    text: &str,
    link: &str,
) -> Result<()> {
    insert_row!(tx, "notifications", {
        id: ids::new_id(),
        org_id: org_id,
        user_id: user_id,
        text: text,
        link: link,
        created_at: ids::now(),
    })?;
    Ok(())
}

/// Electronic ballots cast per item (who voted is known, not how): (item id, count).
pub async fn cast_counts(tx: &mut Tx, meeting_id: &str) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, i64)>("SELECT b.agenda_item_id, COUNT(*) FROM ballots_cast b JOIN agenda_items i ON i.id = b.agenda_item_id WHERE i.meeting_id = $1 GROUP BY b.agenda_item_id")
        .bind(meeting_id)
        .fetch_all(c)
        .await
    })?)
}

/// Accepted nominations waiting for a meeting: (id, nominee, code, nominating unit), oldest first.
pub async fn candidates(
    tx: &mut Tx,
    org_id: &str,
) -> Result<Vec<(String, String, String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String, String, String)>(
        "SELECT n.id, COALESCE(p.full_name, nu.name, n.household_name, ''), n.code, COALESCE(su.name, '') FROM nominations n \
         LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units nu ON nu.id = n.unit_id LEFT JOIN units su ON su.id = n.nominating_unit_id \
         WHERE n.org_id = $1 AND n.status = 'accepted' ORDER BY n.updated_at, n.id LIMIT 1000"
    )
    .bind(org_id)
    .fetch_all(c)
    .await
    })?)
}

/// Council member and chairman accounts that may sit in a meeting: (id, full name).
pub async fn eligible_members(tx: &mut Tx, org_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>("SELECT id, full_name FROM users WHERE org_id = $1 AND active = TRUE AND role IN ('council_member', 'chairman') ORDER BY full_name, username")
        .bind(org_id)
        .fetch_all(c)
        .await
    })?)
}

/// Nominations of a campaign by one unit (individuals or collectives) already passed, decided or
/// forwarded outside this meeting: they take quota places.
pub async fn already_passed(
    tx: &mut Tx,
    campaign_id: &str,
    unit_id: &str,
    person: bool,
    meeting_id: &str,
) -> Result<i64> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM nominations n WHERE n.campaign_id = $1 AND n.nominating_unit_id = $2 AND (n.nominee_type = 'person') = $3 \
         AND n.status IN ('passed', 'decided', 'forwarded') AND n.id NOT IN (SELECT nomination_id FROM agenda_items WHERE meeting_id = $4)"
    )
    .bind(campaign_id)
    .bind(unit_id)
    .bind(person)
    .bind(meeting_id)
    .fetch_one(c)
    .await
    })?)
}
