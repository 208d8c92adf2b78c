//! The directory in the database, and the record of transfers.

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use crate::directory::DirectoryEntry;

/// A directory entry with its id.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    pub area: String,
    pub extension: String,
    pub email: Option<String>,
    pub telegram_chat_id: Option<i64>,
}

impl From<Listed> for DirectoryEntry {
    fn from(row: Listed) -> Self {
        DirectoryEntry {
            name: row.name,
            area: row.area,
            extension: row.extension,
            email: row.email,
            telegram_chat_id: row.telegram_chat_id,
        }
    }
}

const COLUMNS: &str = "id, name, area, extension, email, telegram_chat_id";

/// Every entry, to be ranked in the process ([`crate::directory::rank`]).
pub async fn all(conn: &mut AnyConnection) -> Result<Vec<Listed>, StoreError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM directory ORDER BY id"))
            .fetch_all(conn)
            .await?,
    )
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Listed>, StoreError> {
    Ok(
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM directory WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn list(pool: &AnyPool) -> Result<Vec<Listed>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM directory ORDER BY area, name"
    ))
    .fetch_all(pool)
    .await?)
}

/// Replaces the directory in one transaction.
pub async fn replace_all(writer: &Writer, entries: &[DirectoryEntry]) -> Result<(), StoreError> {
    let mut tx = writer.begin().await?;
    sqlx::query("DELETE FROM directory")
        .execute(&mut *tx)
        .await?;
    for entry in entries {
        sqlx::query(
            "INSERT INTO directory (name, area, extension, email, telegram_chat_id)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(entry.name.trim())
        .bind(entry.area.trim())
        .bind(entry.extension.trim())
        .bind(entry.email.as_deref().map(str::trim))
        .bind(entry.telegram_chat_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The name the caller gave to be announced in the conversation's last transfer.
pub async fn caller_name(
    conn: &mut AnyConnection,
    conversation_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT caller_name FROM transfers WHERE conversation_id = $1 AND caller_name <> ''
          ORDER BY id DESC LIMIT 1",
    )
    .bind(conversation_id)
    .fetch_optional(conn)
    .await?)
}

/// Records a transfer (operation 13).
#[allow(clippy::too_many_arguments)]
pub async fn record_transfer(
    conn: &mut AnyConnection,
    conversation_id: i64,
    entry: &Listed,
    caller_name: &str,
    caller_from: &str,
    mode: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO transfers (conversation_id, directory_id, target_name, caller_name, caller_from, mode, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(conversation_id)
    .bind(entry.id)
    .bind(&entry.name)
    .bind(caller_name)
    .bind(caller_from)
    .bind(mode)
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(())
}
