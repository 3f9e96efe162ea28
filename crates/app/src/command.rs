//! Running a command: one write transaction that holds its checks and its writes together (on SQLite
//! the write lock is taken when it begins), committed at the end, retried a bounded number of times
//! when it meets a transient clash with another writer, so users see a clear message instead of an
//! error only after every attempt failed.

use crate::error::{Error, Result};
use std::time::Duration;
use thidua_store::{Db, Tx};

/// Attempts before a command reports [`Error::Busy`].
const ATTEMPTS: u32 = 4;

/// Runs `work` in a write transaction and commits it; a transient clash (SQLite busy after its timeout,
/// a PostgreSQL serialization failure or deadlock) rolls back and tries again after a short pause.
pub async fn write<T>(db: &Db, mut work: impl AsyncFnMut(&mut Tx) -> Result<T>) -> Result<T> {
    let mut attempt = 1;
    loop {
        let outcome: Result<T> = async {
            let mut tx = db.begin().await?;
            let value = work(&mut tx).await?;
            tx.commit().await?;
            Ok(value)
        }
        .await;
        match outcome {
            Err(e) if e.is_transient() && attempt < ATTEMPTS => {
                tracing::warn!(attempt, "transient database clash; retrying the command");
                tokio::time::sleep(Duration::from_millis(20 * u64::from(attempt))).await;
                attempt += 1;
            }
            Err(e) if e.is_transient() => return Err(Error::Busy),
            other => return other,
        }
    }
}

/// Runs `work` in a read-only transaction (beside the writers on SQLite).
pub async fn read<T>(db: &Db, work: impl AsyncFnOnce(&mut Tx) -> Result<T>) -> Result<T> {
    let mut tx = db.begin_read().await?;
    let value = work(&mut tx).await?;
    tx.commit().await?;
    Ok(value)
}
