//! The mail job's handler in `thidua serve`: renders a templated mail with its organisation's current
//! text and sends it through the organisation's SMTP server, else the server's (`--smtp-url`); with
//! neither, the mail waits in the outbox, retried.

use super::settings::{SmtpSettings, smtp_in};
use super::templates;
use crate::jobs::mail::{MailPayload, SmtpMailer, payload};
use crate::jobs::{Handler, JobError, JobFuture};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use thidua_store::Db;
use thidua_store::jobs::JobRow;

pub struct MailHandler {
    db: Db,
    base_url: String,
    fallback: Option<Arc<SmtpMailer>>,
    /// One mailer (and its connection pool) per distinct SMTP setting.
    mailers: Mutex<HashMap<String, Arc<SmtpMailer>>>,
}

fn transient(e: impl std::fmt::Display) -> JobError {
    JobError::transient(format!("Chưa đọc được thiết lập thư: {e}"))
}

impl MailHandler {
    /// `fallback` is the server's own SMTP server, if it was given one.
    pub fn new(db: Db, base_url: &str, fallback: Option<SmtpMailer>) -> Self {
        let base_url = base_url.trim_end_matches('/').to_string();
        MailHandler {
            db,
            fallback: fallback.map(|m| Arc::new(m.with_base_url(&base_url))),
            base_url,
            mailers: Mutex::new(HashMap::new()),
        }
    }

    fn mailer_for(&self, s: &SmtpSettings) -> Result<Arc<SmtpMailer>, JobError> {
        let key = serde_json::to_string(s).unwrap_or_default();
        let mut cache = self.mailers.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(m) = cache.get(&key) {
            return Ok(m.clone());
        }
        let m = Arc::new(
            SmtpMailer::from_settings(s)
                .map_err(JobError::transient)?
                .with_base_url(&self.base_url),
        );
        cache.insert(key, m.clone());
        Ok(m)
    }

    /// The mailer and the text of a job, read in one short read transaction.
    async fn prepare(
        &self,
        job: &JobRow,
        p: &MailPayload,
    ) -> Result<(Arc<SmtpMailer>, String, String), JobError> {
        let mut tx = self.db.begin_read().await.map_err(transient)?;
        let (smtp, template) = match &job.org_id {
            Some(org) => {
                let smtp = smtp_in(&mut tx, org).await.map_err(transient)?;
                let template = match p.template.as_deref().and_then(templates::kind) {
                    Some(k) => Some((
                        k,
                        templates::load(&mut tx, org, k).await.map_err(transient)?.0,
                    )),
                    None => None,
                };
                (smtp, template)
            }
            None => (None, None),
        };
        tx.commit().await.map_err(transient)?;
        let mailer = match (&smtp, &self.fallback) {
            (Some(s), _) => self.mailer_for(s)?,
            (None, Some(m)) => m.clone(),
            (None, None) => {
                return Err(JobError::transient(
                    "Chưa cấu hình máy chủ thư (Thiết lập thư điện tử hoặc THIDUA_SMTP_URL); thư chờ trong hộp thư đi.",
                ));
            }
        };
        let (subject, body) = match template {
            Some((k, t)) => {
                let vars =
                    super::with_addressing(&p.vars, &p.to_name, &self.base_url, p.link.as_deref());
                let r = templates::render(k, &t, &vars);
                (r.subject, r.body)
            }
            None => crate::jobs::mail::plain_text(p, &self.base_url),
        };
        Ok((mailer, subject, body))
    }
}

impl Handler for MailHandler {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async move {
            let p = payload(job)?;
            let (mailer, subject, body) = self.prepare(job, &p).await?;
            mailer.send(job, &p, &subject, body).await
        })
    }
}
