//! Store errors: the few outcomes callers must tell apart, and everything else.

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row changed since it was read (version mismatch): someone else saved first.
    #[error("the record was changed by someone else")]
    Conflict,
    #[error("not found")]
    NotFound,
    /// A unique constraint refused the row; the string names the constraint or column.
    #[error("duplicate value: {0}")]
    Duplicate(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is malformed: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            return StoreError::Duplicate(
                db.constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| db.message().to_string()),
            );
        }
        if matches!(e, sqlx::Error::RowNotFound) {
            return StoreError::NotFound;
        }
        StoreError::Database(e)
    }
}

impl StoreError {
    /// True for a clash between concurrent transactions that a fresh attempt may not meet: SQLite's
    /// busy or locked database (after its busy timeout), PostgreSQL's serialization failure or deadlock.
    pub fn is_transient(&self) -> bool {
        let StoreError::Database(sqlx::Error::Database(db)) = self else {
            return false;
        };
        let code = db.code();
        let code = code.as_deref().unwrap_or("");
        // SQLite: 5 SQLITE_BUSY, 6 SQLITE_LOCKED, 517 SQLITE_BUSY_SNAPSHOT; PostgreSQL: 40001, 40P01.
        matches!(code, "5" | "6" | "517" | "40001" | "40P01")
    }
}
