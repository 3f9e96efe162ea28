//! The background work of `thidua serve`: the job worker (e-mail, reminders) and the reminder
//! scheduler, both polling the database, so any number of app nodes can run them side by side.

use clap::Args;
use std::sync::Arc;
use thidua_app::jobs::mail::{self, SmtpMailer};
use thidua_app::jobs::{Clock, Handler, JobError, JobFuture, SystemClock, Worker};
use thidua_app::reminders::{self, ReminderHandler};
use thidua_store::Db;
use thidua_store::jobs::JobRow;

#[derive(Args, Debug, Clone)]
pub struct MailArgs {
    /// SMTP server for e-mail: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
    /// `smtps://user:pass@host`. Without it, mails wait in the outbox.
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
}

/// Mail while no SMTP server is configured: each attempt waits, the job stays in the outbox.
struct NoSmtp;

impl Handler for NoSmtp {
    fn run<'a>(&'a self, _job: &'a JobRow) -> JobFuture<'a> {
        Box::pin(async {
            Err(JobError::transient(
                "Chưa cấu hình máy chủ thư (THIDUA_SMTP_URL); thư chờ trong hộp thư đi.",
            ))
        })
    }
}

/// Starts the worker and the scheduler; `default_url` is where the server listens.
pub fn start(db: &Db, args: &MailArgs, default_url: &str) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let node = format!("{}-{}", std::process::id(), thidua_store::ids::new_id());
    let base_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| default_url.to_string());
    let mailer: Arc<dyn Handler> = match &args.smtp_url {
        Some(url) => Arc::new(
            SmtpMailer::new(url, &args.mail_from)
                .map_err(anyhow::Error::msg)?
                .with_base_url(&base_url),
        ),
        None => Arc::new(NoSmtp),
    };
    let reminder = ReminderHandler {
        db: db.clone(),
        clock: clock.clone(),
        base_url,
    };
    Worker::new(db.clone(), node, clock.clone())
        .handle(mail::KIND, mailer)
        .handle(reminders::KIND, Arc::new(reminder))
        .spawn(std::time::Duration::from_secs(args.job_poll_seconds.max(1)));
    let db = db.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = reminders::schedule(&db, clock.now()).await {
                tracing::warn!(error = %e, "reminders: scheduling failed");
            }
            // Every ten minutes: a day's steps are days apart, the dedupe keys absorb the repeats.
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        }
    });
    Ok(())
}
