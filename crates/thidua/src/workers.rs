//! The background work of `thidua serve`: the job worker (e-mail, reminders) and the reminder
//! scheduler, both polling the database, so any number of app nodes can run them side by side.

use clap::Args;
use std::sync::Arc;
use thidua_app::jobs::mail::{self, SmtpMailer};
use thidua_app::jobs::{Clock, SystemClock, Worker};
use thidua_app::mailing::MailHandler;
use thidua_app::mailing::digest::{self, DigestHandler};
use thidua_app::reminders::{self, ReminderHandler};
use thidua_store::Db;

#[derive(Args, Debug, Clone)]
pub struct MailArgs {
    /// SMTP server for e-mail: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host`. Without it, mails of organisations without their own SMTP settings
    /// wait in the outbox.
    #[arg(long, env = "THIDUA_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of the e-mails.
    #[arg(
        long,
        env = "THIDUA_MAIL_FROM",
        default_value = "Thi đua – Khen thưởng <thidua@localhost>"
    )]
    pub mail_from: String,
    /// The app's address as users reach it, for links in e-mails (default: the bound address).
    #[arg(long, env = "THIDUA_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Seconds between two polls of the job queue.
    #[arg(long, env = "THIDUA_JOB_POLL_SECONDS", default_value_t = 5)]
    pub job_poll_seconds: u64,
    /// Seconds a node holds a job it claimed; a node that died gives its jobs back after this.
    #[arg(long, env = "THIDUA_JOB_LEASE_SECONDS", default_value_t = 300)]
    pub job_lease_seconds: u64,
}

/// Starts the worker and the scheduler; `default_url` is where the server listens.
pub fn start(db: &Db, args: &MailArgs, default_url: &str) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let node = format!("{}-{}", std::process::id(), thidua_store::ids::new_id());
    let base_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| default_url.to_string());
    // Without --smtp-url, an organisation's own SMTP settings still send its mails; others wait.
    let fallback = match &args.smtp_url {
        Some(url) => Some(SmtpMailer::new(url, &args.mail_from).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let mailer = MailHandler::new(db.clone(), &base_url, fallback);
    let reminder = ReminderHandler {
        db: db.clone(),
        clock: clock.clone(),
    };
    let digests = DigestHandler {
        db: db.clone(),
        clock: clock.clone(),
    };
    let lease = time::Duration::seconds(args.job_lease_seconds.clamp(5, 86_400) as i64);
    Worker::new(db.clone(), node, clock.clone())
        .lease(lease)
        .handle(mail::KIND, Arc::new(mailer))
        .handle(reminders::KIND, Arc::new(reminder))
        .handle(digest::KIND, Arc::new(digests))
        .spawn(std::time::Duration::from_secs(args.job_poll_seconds.max(1)));
    let db = db.clone();
    tokio::spawn(async move {
        loop {
            let now = clock.now();
            if let Err(e) = reminders::schedule(&db, now).await {
                tracing::warn!(error = %e, "reminders: scheduling failed");
            }
            if let Err(e) = digest::schedule(&db, now).await {
                tracing::warn!(error = %e, "digests: scheduling failed");
            }
            // Every ten minutes: a day's steps are days apart, the dedupe keys absorb the repeats.
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        }
    });
    Ok(())
}
