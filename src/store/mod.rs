//! SQLite through sqlx: the schema in `migrations/` is embedded and applied at
//! start; the file is created when missing and kept in WAL mode.
//!
//! SQLite has one writer at a time, so writes go through a pool of one
//! connection (each handled update is one `BEGIN IMMEDIATE` transaction) and
//! reads that need no transaction use a separate pool.

pub mod backup;
pub mod calls;
pub mod conversations;
pub mod directory;
pub mod faq;
pub mod handoffs;
pub mod indicators;
pub mod monitor;
pub mod outbox;
pub mod phrases;
pub mod privacy;
pub mod sends;
pub mod tickets;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "cannot open the database {path} (DATABASE_URL): {reason}. Check that it is a file (not a folder) in a folder this user may write to."
    )]
    Open { path: String, reason: String },
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored conversation state {id} is unreadable: {source}")]
    State { id: i64, source: serde_json::Error },
    #[error("stored value is invalid: {0}")]
    Invalid(String),
}

impl StoreError {
    /// The database could not be used just now (locked, full, unreadable disk):
    /// the same work may succeed once the condition clears.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Sqlx(error) = self else {
            return false;
        };
        match error {
            sqlx::Error::Database(db) => db
                .code()
                .and_then(|code| code.parse::<i32>().ok())
                .is_some_and(|code| {
                    // Primary result codes: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
                    matches!(code & 0xff, 5 | 6 | 8 | 10 | 13 | 14)
                }),
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => true,
            _ => false,
        }
    }
}

#[derive(Clone)]
pub struct Store {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) and migrates the database.
    pub async fn open(options: &SqliteConnectOptions) -> Result<Store, StoreError> {
        let path = options.get_filename();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                path: folder.display().to_string(),
                source,
            })?;
        }
        let options = options
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        // Said once, with the file and what to check, instead of sqlx's
        // error repeated through its sources.
        let cannot_open = |error: sqlx::Error| StoreError::Open {
            path: path.display().to_string(),
            reason: match &error {
                sqlx::Error::Database(db) => db.message().to_owned(),
                other => other.to_string(),
            },
        };
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(cannot_open)?;
        sqlx::migrate!().run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await
            .map_err(cannot_open)?;
        Ok(Store { writer, reader })
    }

    /// A write transaction; it takes the database's write lock at once.
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        match self.writer.begin_with("BEGIN IMMEDIATE").await {
            // After a transaction failed inside SQLite (the disk was full),
            // sqlx may still count it as open and refuse to begin another:
            // the connection is replaced, or no write would ever succeed again.
            Err(sqlx::Error::InvalidSavePointStatement) => {
                tracing::warn!(
                    "the write connection was left in a failed transaction; replacing it"
                );
                self.writer.acquire().await?.close().await?;
                Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
            }
            other => Ok(other?),
        }
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    pub fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

/// A duration in milliseconds, as times are compared in the database.
pub fn millis(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Times are stored as milliseconds since the Unix epoch.
pub fn to_millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}
