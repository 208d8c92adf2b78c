//! Conversations (operation 25: every call is registered), their transcript,
//! and the protocol state that lets a restart resume each one at its step.

use std::fmt;

use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use super::sql::Sql;
use super::turn::{self, Line};
use crate::locale::Locale;
use crate::protocol::{Conversation, Reply};

/// The front door a conversation came through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Telegram,
    Terminal,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Telegram => "telegram",
            Channel::Terminal => "terminal",
        }
    }

    pub fn parse(text: &str) -> Option<Channel> {
        match text {
            "telegram" => Some(Channel::Telegram),
            "terminal" => Some(Channel::Terminal),
            _ => None,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An open conversation as stored.
#[derive(Debug)]
pub struct Open {
    pub id: i64,
    pub locale: Locale,
    pub conversation: Conversation,
    pub last_activity_ms: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct OpenRow {
    id: i64,
    locale: String,
    state: String,
    last_activity_at: i64,
}

impl OpenRow {
    pub(super) fn new(id: i64, locale: String, state: String, last_activity_at: i64) -> OpenRow {
        OpenRow {
            id,
            locale,
            state,
            last_activity_at,
        }
    }

    pub(super) fn parse(self) -> Result<Open, StoreError> {
        let conversation =
            serde_json::from_str(&self.state).map_err(|source| StoreError::State {
                id: self.id,
                source,
            })?;
        let locale = self
            .locale
            .parse()
            .map_err(|e: crate::locale::UnknownLocale| StoreError::Invalid(e.to_string()))?;
        Ok(Open {
            id: self.id,
            locale,
            conversation,
            last_activity_ms: self.last_activity_at,
        })
    }
}

pub async fn find_open(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
) -> Result<Option<Open>, StoreError> {
    let row: Option<OpenRow> = sqlx::query_as(
        "SELECT id, locale, state, last_activity_at FROM conversations
          WHERE channel = $1 AND chat_id = $2 AND ended_at IS NULL",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .fetch_optional(conn)
    .await?;
    row.map(OpenRow::parse).transpose()
}

/// Who is on the other side of a chat.
#[derive(Clone, Debug)]
pub struct Participant {
    pub channel: Channel,
    pub chat_id: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub locale: Locale,
}

pub async fn insert(
    conn: &mut AnyConnection,
    who: &Participant,
    conversation: &Conversation,
    at_ms: i64,
) -> Result<i64, StoreError> {
    let state = state_json(conversation)?;
    let id = sqlx::query_scalar(
        "INSERT INTO conversations
             (channel, chat_id, user_id, user_name, locale, state, started_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         RETURNING id",
    )
    .bind(who.channel.as_str())
    .bind(who.chat_id)
    .bind(who.user_id)
    .bind(&who.user_name)
    .bind(who.locale.tag())
    .bind(state)
    .bind(at_ms)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A conversation opened by a message that asked for nothing ("gracias"
/// after the farewell) is not a call: its transcript joins the chat's
/// previous conversation, whose id is returned, and the row goes.
pub async fn discard(conn: &mut AnyConnection, id: i64) -> Result<Option<i64>, StoreError> {
    let previous: Option<i64> = sqlx::query_scalar(
        "SELECT p.id FROM conversations c
           JOIN conversations p ON p.channel = c.channel AND p.chat_id = c.chat_id AND p.id < c.id
          WHERE c.id = $1 ORDER BY p.id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(previous) = previous {
        sqlx::query("UPDATE messages SET conversation_id = $2 WHERE conversation_id = $1")
            .bind(id)
            .bind(previous)
            .execute(&mut *conn)
            .await?;
    }
    // Without a previous conversation its transcript goes with it (ON DELETE CASCADE).
    sqlx::query("DELETE FROM conversations WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(previous)
}

/// An outgoing message written by `author` ("bot" or "agent:<name>").
pub async fn record_out_by(
    conn: &mut AnyConnection,
    conversation_id: i64,
    at_ms: i64,
    reply: &Reply,
    author: &str,
) -> Result<(), StoreError> {
    let mut sql = Sql::default();
    turn::insert_lines(
        &mut sql,
        &[Line::out(conversation_id, at_ms, reply, author)],
    );
    sql.execute(conn).await?;
    Ok(())
}

/// A reply's buttons as kept in the transcript, or `None` without buttons.
pub(super) fn buttons_json(reply: &Reply) -> Option<String> {
    if reply.buttons.is_empty() {
        return None;
    }
    let rows: Vec<Vec<serde_json::Value>> = reply
        .buttons
        .iter()
        .map(|row| {
            row.iter()
                .map(|b| serde_json::json!({"label": b.label, "data": b.choice.data()}))
                .collect()
        })
        .collect();
    Some(serde_json::Value::from(rows).to_string())
}

/// Updates of one chat are handled one at a time: on PostgreSQL, where
/// several processes may receive them, the transaction waits here for any
/// other handling the same chat (and holds the chat until it commits). On
/// SQLite the write lock already does this. `true` when it waited for a
/// lock: what was read before may have changed meanwhile.
pub async fn lock_chat(conn: &mut AnyConnection, chat_id: i64) -> Result<bool, StoreError> {
    if super::Dialect::of_connection(conn) == super::Dialect::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(chat_id)
            .execute(conn)
            .await?;
        return Ok(true);
    }
    Ok(false)
}

/// Chats whose open conversation has had no user message since `before_ms`.
pub async fn idle_chats(
    pool: &AnyPool,
    channel: Channel,
    before_ms: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT chat_id FROM conversations
          WHERE ended_at IS NULL AND last_activity_at < $2 AND channel = $1
          ORDER BY last_activity_at",
    )
    .bind(channel.as_str())
    .bind(before_ms)
    .fetch_all(pool)
    .await?)
}

pub(super) fn state_json(conversation: &Conversation) -> Result<String, StoreError> {
    serde_json::to_string(conversation).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Stores a rating given from this chat, once; `false` when not theirs or already rated.
pub async fn rate(
    conn: &mut AnyConnection,
    id: i64,
    channel: Channel,
    chat_id: i64,
    score: u8,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE conversations SET satisfaction = $4, rated_at = $5
          WHERE id = $1 AND channel = $2 AND chat_id = $3 AND satisfaction IS NULL AND ended_at IS NOT NULL",
    )
    .bind(id)
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(i64::from(score))
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
