//! The durable job queue's use cases: enqueue a job once per event, and the worker that runs due jobs
//! inside `thidua serve` — claimed with a lease, retried with back-off, failed for good after its last
//! attempt. Time comes from a [`Clock`] so tests move it instead of sleeping.

pub mod mail;

use crate::error::Result;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use thidua_store::jobs::{self as store, JobRow};
use thidua_store::{Db, ids};
use time::{Duration, OffsetDateTime};

/// Where the worker and the schedulers read the time.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The machine's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// Why a job's attempt failed; a permanent failure is not retried (a malformed payload, a refused
/// address), a transient one is (the SMTP server is down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    pub message: String,
    pub permanent: bool,
}

impl JobError {
    pub fn transient(message: impl Into<String>) -> Self {
        JobError {
            message: message.into(),
            permanent: false,
        }
    }

    pub fn permanent(message: impl Into<String>) -> Self {
        JobError {
            message: message.into(),
            permanent: true,
        }
    }
}

pub type JobFuture<'a> =
    Pin<Box<dyn Future<Output = std::result::Result<(), JobError>> + Send + 'a>>;

/// Runs the jobs of one kind.
pub trait Handler: Send + Sync {
    fn run<'a>(&'a self, job: &'a JobRow) -> JobFuture<'a>;
}

/// A job to queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub org_id: Option<String>,
    pub kind: String,
    pub payload: serde_json::Value,
    /// One job per key, ever: user × event × occurrence.
    pub dedupe_key: String,
    pub run_at: OffsetDateTime,
}

/// How many attempts a job gets before it is failed for good.
pub const MAX_ATTEMPTS: i64 = 8;

/// Queues a job in the caller's transaction (so it exists exactly when the change that asked for it
/// does); false when a job with the same dedupe key was queued before.
pub async fn enqueue(tx: &mut thidua_store::Tx, now: OffsetDateTime, job: &NewJob) -> Result<bool> {
    let row = JobRow {
        id: ids::new_id(),
        org_id: job.org_id.clone(),
        kind: job.kind.clone(),
        payload: job.payload.to_string(),
        dedupe_key: job.dedupe_key.clone(),
        status: "queued".into(),
        attempts: 0,
        max_attempts: MAX_ATTEMPTS,
        run_at: ids::timestamp(job.run_at),
        locked_by: None,
        locked_until: None,
        last_error: None,
        created_at: ids::timestamp(now),
        finished_at: None,
    };
    Ok(store::enqueue(tx, &row).await?)
}

/// The wait before the next attempt after `attempts` failed ones: 1 min, 5 min, 30 min, 2 h, then 12 h.
pub fn backoff(attempts: i64) -> Duration {
    match attempts {
        ..=1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        _ => Duration::hours(12),
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Retry,
    Failed,
    /// The lease ran out before the job finished; another node has it now.
    LostLease,
}

/// Runs due jobs: claims one at a time, runs its kind's handler outside any transaction (a slow SMTP
/// server holds no lock and no web request), then records the outcome.
pub struct Worker {
    db: Db,
    node: String,
    clock: Arc<dyn Clock>,
    handlers: HashMap<String, Arc<dyn Handler>>,
    lease: Duration,
}

impl Worker {
    pub fn new(db: Db, node: impl Into<String>, clock: Arc<dyn Clock>) -> Self {
        Worker {
            db,
            node: node.into(),
            clock,
            handlers: HashMap::new(),
            lease: Duration::minutes(5),
        }
    }

    /// How long a claimed job is this node's before another may take it over (its node presumed dead).
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }

    pub fn handle(mut self, kind: &str, handler: Arc<dyn Handler>) -> Self {
        self.handlers.insert(kind.to_string(), handler);
        self
    }

    /// Claims and runs the next due job, if any.
    pub async fn run_one(&self) -> Result<Option<(JobRow, Outcome)>> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let claimed = store::claim(
            &mut tx,
            &self.node,
            &ids::timestamp(now),
            &ids::timestamp(now + self.lease),
        )
        .await?;
        tx.commit().await?;
        let Some(job) = claimed else {
            return Ok(None);
        };
        let result = match self.handlers.get(&job.kind) {
            Some(h) => h.run(&job).await,
            None => Err(JobError::permanent(format!(
                "Không có bộ xử lý cho loại việc «{}».",
                job.kind
            ))),
        };
        let outcome = self.record(&job, result).await?;
        Ok(Some((job, outcome)))
    }

    async fn record(
        &self,
        job: &JobRow,
        result: std::result::Result<(), JobError>,
    ) -> Result<Outcome> {
        let now = self.clock.now();
        let stamp = ids::timestamp(now);
        let mut tx = self.db.begin().await?;
        let (held, outcome) = match result {
            Ok(()) => (
                store::finish(&mut tx, &job.id, &self.node, &stamp).await?,
                Outcome::Done,
            ),
            Err(e) if e.permanent || job.attempts >= job.max_attempts => {
                let held = store::give_back(&mut tx, &job.id, &self.node, &e.message, None, &stamp)
                    .await?;
                (held, Outcome::Failed)
            }
            Err(e) => {
                let at = ids::timestamp(now + backoff(job.attempts));
                let held =
                    store::give_back(&mut tx, &job.id, &self.node, &e.message, Some(&at), &stamp)
                        .await?;
                (held, Outcome::Retry)
            }
        };
        tx.commit().await?;
        Ok(if held { outcome } else { Outcome::LostLease })
    }

    /// Runs due jobs until none is left; how many attempts were made.
    pub async fn run_due(&self) -> Result<usize> {
        let mut n = 0;
        while self.run_one().await?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// Polls for due jobs every `every` until the process ends; a database error is logged and the
    /// loop goes on at the next tick.
    pub fn spawn(self, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.run_due().await {
                    tracing::warn!(error = %e, "job worker: polling failed");
                }
                tokio::time::sleep(every).await;
            }
        })
    }
}
