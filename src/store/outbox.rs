//! The mail outbox: written in the same transaction as what it reports,
//! drained by the mail worker.

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;

/// A mail to be written into the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub ticket_number: Option<i64>,
    pub purpose: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
}

pub async fn enqueue(
    conn: &mut AnyConnection,
    mail: &NewMail,
    at_ms: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (ticket_number, purpose, recipient, subject, body_text, body_html,
                             message_id, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         RETURNING id",
    )
    .bind(mail.ticket_number)
    .bind(mail.purpose)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.body_text)
    .bind(&mail.body_html)
    .bind(&mail.message_id)
    .bind(at_ms)
    .fetch_one(conn)
    .await?)
}

/// A mail waiting to be sent.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Pending {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    pub attempts: i64,
}

/// Mails whose time has come, oldest first.
pub async fn due(pool: &AnyPool, now_ms: i64, limit: i64) -> Result<Vec<Pending>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, recipient, subject, body_text, body_html, message_id, attempts FROM outbox
          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
          ORDER BY id LIMIT $2",
    )
    .bind(now_ms)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// When the next unsent mail is due, if any.
pub async fn next_due(pool: &AnyPool) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT min(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(pool)
    .await?)
}

pub async fn mark_sent(writer: &Writer, id: i64, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(at_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

pub async fn mark_retry(
    writer: &Writer,
    id: i64,
    next_attempt_ms: i64,
    error: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(next_attempt_ms)
    .bind(error)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

pub async fn mark_failed(
    writer: &Writer,
    id: i64,
    at_ms: i64,
    error: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, failed_at = $2, last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(at_ms)
    .bind(error)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// A row of `mesabot mail list`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub ticket_number: Option<i64>,
    pub purpose: String,
    pub recipient: String,
    pub subject: String,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub last_error: Option<String>,
}

pub async fn list(pool: &AnyPool) -> Result<Vec<OutboxRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, ticket_number, purpose, recipient, subject, created_at, attempts,
                next_attempt_at, sent_at, failed_at, last_error
           FROM outbox ORDER BY id",
    )
    .fetch_all(pool)
    .await?)
}

/// Puts an unsent mail (failed or waiting) back in line now; `false` when
/// there is no such mail or it was already sent.
pub async fn retry(writer: &Writer, id: i64, now_ms: i64) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE outbox SET failed_at = NULL, next_attempt_at = $2
          WHERE id = $1 AND sent_at IS NULL",
    )
    .bind(id)
    .bind(now_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(done.rows_affected() == 1)
}
