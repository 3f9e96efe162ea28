//! Reading meetings, for those who may see them (the office, council members and the chairman): the
//! list, one meeting as shown, the meeting page with the nominations the office may put on its agenda,
//! and the users who may sit in a meeting.

use super::may_view;
use super::view::{self, MeetingView};
use crate::Caller;
use crate::error::Result;
use thidua_domain::policy::Action;
use thidua_store::Db;
use thidua_store::meetings::{self, MeetingRow};

/// How many meetings the list shows, latest first.
const LIST_LIMIT: i64 = 500;

/// An accepted nomination that can be put on an agenda: (nomination id, nominee, form code,
/// nominating unit).
pub type AgendaCandidate = (String, String, String, String);

/// The meeting page: the meeting as shown, whether the caller runs meetings, and the accepted
/// nominations the office may put on the agenda while the meeting is scheduled.
#[derive(Debug, Clone)]
pub struct MeetingPage {
    pub view: MeetingView,
    /// True when the caller may schedule, open and close meetings.
    pub can_manage: bool,
    /// Empty unless the caller runs meetings and this one is still scheduled.
    pub candidates: Vec<AgendaCandidate>,
}

/// Meetings, latest first.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<MeetingRow>> {
    may_view(caller)?;
    let mut tx = db.begin_read().await?;
    let rows = meetings::list(&mut tx, caller.org_id(), LIST_LIMIT).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One meeting as the pages and the API show it (with the file names of each dossier).
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<MeetingView> {
    let mut tx = db.begin_read().await?;
    let v = view::load(&mut tx, caller, id, true).await?;
    tx.commit().await?;
    Ok(v)
}

/// The stored meeting (its minutes once closed).
pub async fn row(db: &Db, caller: &Caller, id: &str) -> Result<MeetingRow> {
    let mut tx = db.begin_read().await?;
    let m = super::visible(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(m)
}

/// The meeting page (see [`MeetingPage`]).
pub async fn page(db: &Db, caller: &Caller, id: &str) -> Result<MeetingPage> {
    let mut tx = db.begin_read().await?;
    let view = view::load(&mut tx, caller, id, true).await?;
    let can_manage = caller.can(Action::ManageMeetings {
        org_id: caller.org_id(),
    });
    let candidates = if can_manage && view.meeting.status == "scheduled" {
        meetings::candidates(&mut tx, caller.org_id()).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(MeetingPage {
        view,
        can_manage,
        candidates,
    })
}

/// The active council members and chairmen who may sit in a meeting: (user id, full name), for the
/// office scheduling one.
pub async fn eligible_members(db: &Db, caller: &Caller) -> Result<Vec<(String, String)>> {
    caller.authorize(Action::ManageMeetings {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let members = meetings::eligible_members(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(members)
}
