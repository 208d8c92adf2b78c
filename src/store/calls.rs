//! Calls to the outside: the staff registry, one-time codes, verified chats,
//! and the call log (the seed's "reporte general de llamadas").

use super::Writer;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use super::conversations::Channel;

/// The registry's address and name for an address as typed (any case).
pub async fn staff_member(
    conn: &mut AnyConnection,
    email: &str,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT email, name FROM staff WHERE lower(email) = lower($1)")
            .bind(email)
            .fetch_optional(conn)
            .await?,
    )
}

/// The staff member this chat was verified as, while the verification lasts.
pub async fn verified(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    now_ms: i64,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT s.name, s.email FROM staff_verified v JOIN staff s ON lower(s.email) = lower(v.email)
          WHERE v.channel = $1 AND v.chat_id = $2 AND v.expires_at > $3",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(now_ms)
    .fetch_optional(conn)
    .await?)
}

fn hash(code: &str) -> String {
    let digest = Sha256::digest(code.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn store_code(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    email: &str,
    code: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO staff_codes (channel, chat_id, email, code_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(email)
    .bind(hash(code))
    .bind(now_ms)
    .bind(expires_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The latest unused code of a chat: (id, email, hash matches, expires_at, attempts).
pub async fn check_code(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    code: &str,
) -> Result<Option<(i64, String, bool, i64, i64)>, StoreError> {
    let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, email, code_hash, expires_at, attempts FROM staff_codes
          WHERE channel = $1 AND chat_id = $2 AND used_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id, email, stored, expires, attempts)| {
        (id, email, stored == hash(code), expires, attempts)
    }))
}

pub async fn code_attempted(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff_codes SET attempts = attempts + 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn code_used(conn: &mut AnyConnection, id: i64, now_ms: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE staff_codes SET used_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_verified(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    email: &str,
    now_ms: i64,
    expires_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO staff_verified (channel, chat_id, email, verified_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel, chat_id) DO UPDATE SET email = excluded.email,
             verified_at = excluded.verified_at, expires_at = excluded.expires_at",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(email)
    .bind(now_ms)
    .bind(expires_ms)
    .execute(conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn open_call(
    conn: &mut AnyConnection,
    conversation_id: i64,
    channel: Channel,
    chat_id: i64,
    requester_name: &str,
    requester_email: &str,
    person: &str,
    place: &str,
    now_ms: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO calls (conversation_id, channel, chat_id, requester_name, requester_email,
                            person, place, created_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') RETURNING id",
    )
    .bind(conversation_id)
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(requester_name)
    .bind(requester_email)
    .bind(person)
    .bind(place)
    .bind(now_ms)
    .fetch_one(conn)
    .await?)
}

/// A new attempt (a number to dial) for a call; returns (attempt id, attempt number).
pub async fn add_attempt(
    conn: &mut AnyConnection,
    call_id: i64,
    number: &str,
    now_ms: i64,
) -> Result<(i64, i64), StoreError> {
    sqlx::query("UPDATE calls SET status = 'pending', retry_at = NULL WHERE id = $1")
        .bind(call_id)
        .execute(&mut *conn)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO call_attempts (call_id, number, posted_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(call_id)
    .bind(number)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM call_attempts WHERE call_id = $1")
        .bind(call_id)
        .fetch_one(conn)
        .await?;
    Ok((id, count))
}

/// A call and its latest number, as the agents see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CallRow {
    pub id: i64,
    pub conversation_id: Option<i64>,
    pub channel: String,
    pub chat_id: i64,
    pub requester_name: String,
    pub requester_email: String,
    pub person: String,
    pub place: String,
    pub created_at: i64,
    pub status: String,
    pub retry_at: Option<i64>,
    pub closed_at: Option<i64>,
}

const CALL: &str = "SELECT id, conversation_id, channel, chat_id, requester_name, requester_email,
        person, place, created_at, status, retry_at, closed_at FROM calls";

pub async fn call(conn: &mut AnyConnection, id: i64) -> Result<Option<CallRow>, StoreError> {
    Ok(sqlx::query_as(&format!("{CALL} WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

/// Records an agent's report on an attempt; `None` when it was already reported.
pub async fn report(
    conn: &mut AnyConnection,
    attempt: i64,
    answered: bool,
    agent: &str,
    now_ms: i64,
) -> Result<Option<(CallRow, String)>, StoreError> {
    let result = if answered { "answered" } else { "not_answered" };
    let row: Option<(i64, String)> = sqlx::query_as(
        "UPDATE call_attempts SET result = $2, result_at = $3, agent_name = $4
          WHERE id = $1 AND result IS NULL RETURNING call_id, number",
    )
    .bind(attempt)
    .bind(result)
    .bind(now_ms)
    .bind(agent)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((call_id, number)) = row else {
        return Ok(None);
    };
    sqlx::query("UPDATE calls SET status = $2, closed_at = CASE WHEN $2 = 'answered' THEN $3 END WHERE id = $1")
        .bind(call_id)
        .bind(result)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
    Ok(call(conn, call_id).await?.map(|c| (c, number)))
}

pub async fn schedule_retry(
    conn: &mut AnyConnection,
    id: i64,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE calls SET status = 'retry', retry_at = $2 WHERE id = $1")
        .bind(id)
        .bind(at_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn end(conn: &mut AnyConnection, id: i64, now_ms: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE calls SET status = 'not_needed', closed_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Calls whose retry time has come, with the number to dial again.
pub async fn due_retries(pool: &AnyPool, now_ms: i64) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.id, (SELECT number FROM call_attempts a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1)
           FROM calls c WHERE c.status = 'retry' AND c.retry_at <= $1 ORDER BY c.retry_at",
    )
    .bind(now_ms)
    .fetch_all(pool)
    .await?)
}

/// One dialling of a call.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Attempt {
    pub number: String,
    pub posted_at: i64,
    pub result: Option<String>,
    pub result_at: Option<i64>,
    pub agent_name: Option<String>,
}

/// One line of the call log: a call with every attempt.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub call: CallRow,
    pub attempts: Vec<Attempt>,
}

/// The calls requested in [from, to), oldest first, with their attempts.
pub async fn log(pool: &AnyPool, from_ms: i64, to_ms: i64) -> Result<Vec<LogEntry>, StoreError> {
    let calls: Vec<CallRow> = sqlx::query_as(&format!(
        "{CALL} WHERE created_at >= $1 AND created_at < $2 ORDER BY id"
    ))
    .bind(from_ms)
    .bind(to_ms)
    .fetch_all(pool)
    .await?;
    let mut entries = Vec::with_capacity(calls.len());
    for call in calls {
        let attempts = sqlx::query_as(
            "SELECT number, posted_at, result, result_at, agent_name FROM call_attempts
              WHERE call_id = $1 ORDER BY id",
        )
        .bind(call.id)
        .fetch_all(pool)
        .await?;
        entries.push(LogEntry { call, attempts });
    }
    Ok(entries)
}

pub async fn import_staff(
    writer: &Writer,
    staff: &[(String, String, String)],
) -> Result<(), StoreError> {
    let mut tx = writer.begin().await?;
    sqlx::query("DELETE FROM staff").execute(&mut *tx).await?;
    for (email, name, area) in staff {
        sqlx::query("INSERT INTO staff (email, name, area) VALUES ($1, $2, $3)")
            .bind(email)
            .bind(name)
            .bind(area)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn list_staff(pool: &AnyPool) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT email, name, area FROM staff ORDER BY name")
            .fetch_all(pool)
            .await?,
    )
}

/// Replies for a chat produced by another process.
pub async fn queue_reply(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    body: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO pending_replies (channel, chat_id, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(body)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the waiting replies of a chat (marking them delivered).
pub async fn take_replies(
    writer: &Writer,
    channel: Channel,
    chat_id: i64,
    now_ms: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "UPDATE pending_replies SET delivered_at = $3
          WHERE channel = $1 AND chat_id = $2 AND delivered_at IS NULL RETURNING body",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(now_ms)
    .fetch_all(&mut *writer.conn().await?)
    .await?)
}

/// The attempt of a call still waiting for its result.
pub async fn open_attempt(pool: &AnyPool, call_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM call_attempts WHERE call_id = $1 AND result IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(call_id)
    .fetch_optional(pool)
    .await?)
}
