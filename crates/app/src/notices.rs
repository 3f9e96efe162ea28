//! Notices that also go out by mail: a notice on the bell of a unit's officers (or of one user) and,
//! in the same transaction, a mail to each of them who gave an address and wants mail (at once, at
//! the calendar's next sending time, or in the daily digest) — so the mail exists exactly when the
//! notice does, and is sent once.

use crate::error::Result;
use crate::mailing::{Letter, post};
use serde_json::json;
use thidua_store::notifications::{self, Addressee};
use thidua_store::{Tx, user_contacts};
use time::OffsetDateTime;

/// Adds the notice and queues its mails; returns the notice's id.
pub async fn notify(
    tx: &mut Tx,
    org_id: &str,
    to: Addressee<'_>,
    text: &str,
    link: &str,
) -> Result<String> {
    let id = notifications::add(tx, org_id, to, text, link).await?;
    let recipients = match to {
        Addressee::Unit(unit) => user_contacts::mail_recipients_of_unit(tx, org_id, unit).await?,
        Addressee::User(user) => user_contacts::mail_recipient(tx, org_id, user)
            .await?
            .into_iter()
            .collect(),
        // A role reaches many people; its notice stays on the bell.
        Addressee::Role(_) => Vec::new(),
    };
    let now = OffsetDateTime::now_utc();
    let letter = Letter {
        kind: "notice",
        vars: json!({ "text": text }),
        link,
        line: text,
        urgent: false,
    };
    for to in recipients {
        post(
            tx,
            org_id,
            now,
            &to,
            &format!("notice:{id}:{}", to.user_id),
            &letter,
        )
        .await?;
    }
    Ok(id)
}
