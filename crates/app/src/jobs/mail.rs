//! E-mail as a job: a message queued with the change that asked for it, sent by the worker through
//! SMTP (lettre). The Message-ID is derived from the job's dedupe key, so should a node die between
//! the server's «250 OK» and recording the job done, the copy sent again carries the same Message-ID
//! and mail systems (and our test sink) recognise it as the same message.

use super::{Handler, JobError, JobFuture, NewJob};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thidua_store::jobs::JobRow;
use time::OffsetDateTime;

pub const KIND: &str = "mail";

/// What a mail job carries.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailPayload {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
    /// A page of the app the mail points to (`/nominations/…`); the mailer writes it as a full
    /// address after the body.
    #[serde(default)]
    pub link: Option<String>,
}

/// A mail job for `payload`, once per `dedupe_key`.
pub fn job(
    org_id: Option<String>,
    dedupe_key: String,
    payload: &MailPayload,
    run_at: OffsetDateTime,
) -> NewJob {
    NewJob {
        org_id,
        kind: KIND.into(),
        payload: serde_json::to_value(payload).unwrap_or_default(),
        dedupe_key,
        run_at,
    }
}

/// Sends mail jobs through one SMTP server.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    domain: String,
    base_url: String,
}

impl SmtpMailer {
    /// `url` as lettre reads it: `smtp://host:port` (plain, for a local relay), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS); `from` is `Name <address>` or an address.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("Địa chỉ máy chủ thư (SMTP) không hợp lệ: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("Địa chỉ người gửi thư «{from}» không hợp lệ: {e}"))?;
        let domain = from.email.domain().to_string();
        Ok(SmtpMailer {
            transport,
            from,
            domain,
            base_url: String::new(),
        })
    }

    /// The app's address as users reach it, before the links of the mails.
    pub fn with_base_url(mut self, base_url: &str) -> Self {
        self.base_url = base_url.trim_end_matches('/').to_string();
        self
    }

    fn message(&self, job: &JobRow, p: &MailPayload) -> Result<Message, JobError> {
        let to: Mailbox = format!("{} <{}>", p.to_name.replace(['<', '>', '"'], ""), p.to)
            .parse()
            .or_else(|_| p.to.parse())
            .map_err(|e| {
                JobError::permanent(format!("Địa chỉ nhận thư «{}» không hợp lệ: {e}", p.to))
            })?;
        let digest = Sha256::digest(job.dedupe_key.as_bytes());
        let id: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&p.subject)
            .message_id(Some(format!("<{id}@{}>", self.domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(match &p.link {
                Some(link) => format!("{}\n\nXem tại: {}{link}", p.body, self.base_url),
                None => p.body.clone(),
            })
            .map_err(|e| JobError::permanent(format!("Không tạo được thư: {e}")))
    }
}

impl Handler for SmtpMailer {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            let p: MailPayload = serde_json::from_str(&job.payload)
                .map_err(|e| JobError::permanent(format!("Nội dung việc gửi thư hỏng: {e}")))?;
            let message = self.message(job, &p)?;
            match self.transport.send(message).await {
                Ok(_) => Ok(()),
                // 5xx: the server refuses this message for good; anything else may pass later.
                Err(e) if e.is_permanent() => {
                    Err(JobError::permanent(format!("Máy chủ thư từ chối: {e}")))
                }
                Err(e) => Err(JobError::transient(format!("Chưa gửi được thư: {e}"))),
            }
        })
    }
}
