//! Notices that also go out by mail: a notice on the bell of a unit's officers (or of one user) and,
//! in the same transaction, a mail job for each of them who gave an address and wants mail — so the
//! mail exists exactly when the notice does, and is sent once.

use crate::error::Result;
use crate::jobs::{self, mail};
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
    let recipients: Vec<(String, String, String)> = match to {
        Addressee::Unit(unit) => user_contacts::mail_recipients_of_unit(tx, org_id, unit).await?,
        Addressee::User(user) => user_contacts::mail_recipient(tx, org_id, user)
            .await?
            .map(|(name, email)| vec![(user.to_string(), name, email)])
            .unwrap_or_default(),
        // A role reaches many people; its notice stays on the bell.
        Addressee::Role(_) => Vec::new(),
    };
    let now = OffsetDateTime::now_utc();
    for (user_id, name, email) in recipients {
        let payload = mail::MailPayload {
            to: email,
            to_name: name.clone(),
            subject: text.chars().take(180).collect(),
            body: format!(
                "Kính gửi {name},\n\n{text}\n\nThư này do hệ thống Thi đua – Khen thưởng gửi tự động. \
                 Muốn thôi nhận thư, hãy vào «Tài khoản» và chọn không gửi thư."
            ),
            link: Some(link.to_string()),
        };
        let key = format!("notice:{id}:{user_id}");
        jobs::enqueue(
            tx,
            now,
            &mail::job(Some(org_id.to_string()), key, &payload, now),
        )
        .await?;
    }
    Ok(id)
}
