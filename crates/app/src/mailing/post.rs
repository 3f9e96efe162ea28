//! Posting a mail to one user in the caller's transaction: queued at the first moment the
//! organisation's calendar allows (security mails at once), or kept for the user's daily digest.

use super::settings::calendar_in;
use super::templates;
use crate::error::Result;
use crate::jobs::{self, mail};
use serde_json::Value;
use thidua_store::user_contacts::Recipient;
use thidua_store::{Tx, mailing};
use time::OffsetDateTime;

/// A mail of a kind, before it is addressed.
pub struct Letter<'a> {
    /// A template kind (`templates::KINDS`).
    pub kind: &'static str,
    pub vars: Value,
    /// The app's page it points to (`/nominations/…`), or a full address.
    pub link: &'a str,
    /// The line a digest lists for it.
    pub line: &'a str,
    /// Security mails leave at once, whatever the calendar and the user's mode.
    pub urgent: bool,
}

/// Queues `letter` for `to` (once per `key`), or adds it to the user's digest.
pub async fn post(
    tx: &mut Tx,
    org_id: &str,
    now: OffsetDateTime,
    to: &Recipient,
    key: &str,
    letter: &Letter<'_>,
) -> Result<()> {
    if to.mail_mode == "digest" && !letter.urgent {
        mailing::add_digest_item(tx, org_id, &to.user_id, letter.line, letter.link).await?;
        return Ok(());
    }
    let run_at = if letter.urgent {
        now
    } else {
        calendar_in(tx, org_id).await?.0.next_send_time(now)
    };
    let subject = match templates::kind(letter.kind) {
        Some(k) => {
            let (t, _) = templates::load(tx, org_id, k).await?;
            let vars = super::with_addressing(&letter.vars, &to.full_name, "", Some(letter.link));
            templates::render(k, &t, &vars).subject
        }
        None => letter.line.to_string(),
    };
    let payload = mail::MailPayload {
        to: to.email.clone(),
        to_name: to.full_name.clone(),
        subject,
        body: String::new(),
        link: Some(letter.link.to_string()),
        template: Some(letter.kind.to_string()),
        vars: letter.vars.clone(),
    };
    jobs::enqueue(
        tx,
        now,
        &mail::job(Some(org_id.to_string()), key.to_string(), &payload, run_at),
    )
    .await?;
    Ok(())
}
