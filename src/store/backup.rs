//! Online backups of the SQLite file: `VACUUM INTO` writes a consistent copy
//! of the database as of one moment while the bot goes on writing (it reads
//! one snapshot; writers are not blocked), and the copy is then opened on its
//! own and checked, so a backup that cannot be restored is known at once.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use super::{Store, StoreError};

/// What the check of a copy found.
#[derive(Debug, PartialEq, Eq)]
pub struct Checked {
    /// `PRAGMA integrity_check`'s answer: "ok" when the copy is sound.
    pub integrity: String,
    pub conversations: i64,
    pub tickets: i64,
}

impl Checked {
    pub fn sound(&self) -> bool {
        self.integrity == "ok"
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file so no backup is overwritten")]
    Exists(String),
    #[error("the backup could not be written to {path}: {source}")]
    Write { path: String, source: sqlx::Error },
    #[error("the copy {path} could not be opened: {source}")]
    Open { path: String, source: sqlx::Error },
    #[error(
        "`mesabot backup` copies a SQLite file; this desk is on PostgreSQL: back it up with pg_dump (see README, \"Backups\")"
    )]
    NotSqlite,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes a consistent copy of the live database to `path` (a new file).
pub async fn write(store: &Store, path: &Path) -> Result<(), BackupError> {
    let shown = path.display().to_string();
    if store.dialect() != super::Dialect::Sqlite {
        return Err(BackupError::NotSqlite);
    }
    if path.exists() {
        return Err(BackupError::Exists(shown));
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
    }
    sqlx::query("VACUUM INTO $1")
        .bind(&shown)
        .execute(store.reader())
        .await
        .map_err(|source| BackupError::Write {
            path: shown.clone(),
            source,
        })?;
    Ok(())
}

/// Opens a copy on its own (read-only) and checks it, as a restore would.
pub async fn check(path: &Path) -> Result<Checked, BackupError> {
    let shown = path.display().to_string();
    let open_error = |source| BackupError::Open {
        path: shown.clone(),
        source,
    };
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{shown}"))
        .map_err(open_error)?
        .read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(open_error)?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&pool)
        .await
        .map_err(open_error)?;
    let conversations: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations")
        .fetch_one(&pool)
        .await
        .map_err(open_error)?;
    let tickets: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
        .fetch_one(&pool)
        .await
        .map_err(open_error)?;
    pool.close().await;
    Ok(Checked {
        integrity,
        conversations,
        tickets,
    })
}
