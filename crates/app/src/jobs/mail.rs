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

/// What a mail job carries: a text written out, or a template (kind and values) rendered with the
/// organisation's current text when the mail leaves; `subject` is then the subject as it was when
/// queued, for the outbox.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct MailPayload {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// A page of the app the mail points to (`/nominations/…`); the mailer writes it as a full
    /// address (after the body, or as the template's `link`).
    #[serde(default)]
    pub link: Option<String>,
    /// The template kind (`reminder`, `notice` …), see `mailing::templates::KINDS`.
    #[serde(default)]
    pub template: Option<String>,
    #[serde(default)]
    pub vars: serde_json::Value,
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

    /// A mailer for an organisation's own SMTP settings (from its settings page).
    pub fn from_settings(s: &crate::mailing::settings::SmtpSettings) -> Result<Self, String> {
        use crate::mailing::settings::Security;
        use lettre::transport::smtp::authentication::Credentials;
        let builder = match s.security {
            Security::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                &s.host,
            )),
            Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host),
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host),
        }
        .map_err(|e| format!("Máy chủ thư «{}» không dùng được: {e}", s.host))?;
        let mut builder = builder
            .port(s.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if !s.username.is_empty() {
            builder = builder.credentials(Credentials::new(s.username.clone(), s.password.clone()));
        }
        let from_text = s.from();
        let from: Mailbox = from_text
            .parse()
            .map_err(|e| format!("Địa chỉ người gửi thư «{from_text}» không hợp lệ: {e}"))?;
        let domain = from.email.domain().to_string();
        Ok(SmtpMailer {
            transport: builder.build(),
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

    /// The text of a payload: written out, or its template's default text (this mailer does not read
    /// an organisation's own templates; `mailing::MailHandler` does).
    fn text(&self, p: &MailPayload) -> (String, String) {
        match p
            .template
            .as_deref()
            .and_then(crate::mailing::templates::kind)
        {
            Some(k) => {
                let vars = crate::mailing::with_addressing(
                    &p.vars,
                    &p.to_name,
                    &self.base_url,
                    p.link.as_deref(),
                );
                let t = crate::mailing::templates::MailTemplate {
                    subject: k.subject.into(),
                    body: k.body.into(),
                };
                let r = crate::mailing::templates::render(k, &t, &vars);
                (r.subject, r.body)
            }
            None => plain_text(p, &self.base_url),
        }
    }

    /// Sends one message of a job; its Message-ID comes from the job's dedupe key.
    pub async fn send(
        &self,
        job: &JobRow,
        p: &MailPayload,
        subject: &str,
        body: String,
    ) -> Result<(), JobError> {
        let message = self.message(job, p, subject, body)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            // 5xx: the server refuses this message for good; anything else may pass later.
            Err(e) if e.is_permanent() => {
                Err(JobError::permanent(format!("Máy chủ thư từ chối: {e}")))
            }
            Err(e) => Err(JobError::transient(format!("Chưa gửi được thư: {e}"))),
        }
    }

    fn message(
        &self,
        job: &JobRow,
        p: &MailPayload,
        subject: &str,
        body: String,
    ) -> Result<Message, JobError> {
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
            .subject(subject)
            .message_id(Some(format!("<{id}@{}>", self.domain)))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| JobError::permanent(format!("Không tạo được thư: {e}")))
    }
}

impl Handler for SmtpMailer {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            let p = payload(job)?;
            let (subject, body) = self.text(&p);
            self.send(job, &p, &subject, body).await
        })
    }
}

/// A payload's written-out subject and body, its link after the body as a full address.
pub fn plain_text(p: &MailPayload, base_url: &str) -> (String, String) {
    let body = match &p.link {
        Some(link) => format!("{}\n\nXem tại: {base_url}{link}", p.body),
        None => p.body.clone(),
    };
    (p.subject.clone(), body)
}

/// A mail job's payload, or a permanent failure when it cannot be read.
pub fn payload(job: &JobRow) -> Result<MailPayload, JobError> {
    serde_json::from_str(&job.payload)
        .map_err(|e| JobError::permanent(format!("Nội dung việc gửi thư hỏng: {e}")))
}
