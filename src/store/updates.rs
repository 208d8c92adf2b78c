//! Telegram updates already handled: each update's id is recorded in the
//! transaction that handled it, so one delivered again (to this process or
//! another replica) is handled once.

use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use super::conversations::lock_chat;

/// Whether a Telegram update was handled already.
pub async fn update_handled(pool: &AnyPool, update_id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT update_id FROM handled_updates WHERE update_id = $1")
            .bind(update_id)
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}

/// A user's update begins: the chat is locked (see [`lock_chat`]) and the
/// update recorded as handled, in one round trip on PostgreSQL. `false` when
/// the update was handled before (Telegram delivered it again).
pub async fn begin_update(
    conn: &mut AnyConnection,
    chat_id: i64,
    update_id: Option<i64>,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let Some(update_id) = update_id else {
        lock_chat(conn, chat_id).await?;
        return Ok(true);
    };
    if super::Dialect::of_connection(conn) == super::Dialect::Sqlite {
        return mark_update_handled(conn, update_id, at_ms).await;
    }
    // The lock is taken as the row to insert is read, before the insert.
    let done = sqlx::query(
        "WITH chat AS (SELECT pg_advisory_xact_lock($3))
         INSERT INTO handled_updates (update_id, handled_at) SELECT $1, $2 FROM chat
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(at_ms)
    .bind(chat_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_update_handled(
    conn: &mut AnyConnection,
    update_id: i64,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
