//! Conversations handed to agents: the queue, who took what, where each one
//! lives in the agents' group, notes and the audit of agent actions.

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use super::conversations::Channel;

/// An open handoff, as the desk works with it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Handoff {
    pub id: i64,
    pub conversation_id: i64,
    pub channel: String,
    pub chat_id: i64,
    pub reason: String,
    pub requested_at: i64,
    pub thread_id: Option<i64>,
    pub card_message_id: Option<i64>,
    pub agent_user_id: Option<i64>,
    pub agent_name: Option<String>,
    pub taken_at: Option<i64>,
    pub last_hold_at: i64,
    pub last_position: Option<i64>,
    pub alerted_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub target_chat_id: Option<i64>,
    pub user_name: Option<String>,
    /// The topic's name without its state ("#12 · Ana Pérez · Correo").
    pub topic_title: Option<String>,
    /// The card's text without its state.
    pub card_text: Option<String>,
    /// The agents' group it is in; `None`: the general group.
    pub group_chat_id: Option<i64>,
}

impl Handoff {
    /// Its group as the group tables key it (0: the general group).
    pub fn group_key(&self) -> i64 {
        self.group_chat_id.unwrap_or(GENERAL)
    }
}

/// How the group tables name the general group (`AGENT_CHAT_ID`), so its
/// conversations follow that setting when it changes.
pub const GENERAL: i64 = 0;

const SELECT: &str = "SELECT h.id, h.conversation_id, h.channel, h.chat_id, h.reason,
        h.requested_at, h.thread_id, h.card_message_id, h.agent_user_id, h.agent_name,
        h.taken_at, h.last_hold_at, h.last_position, h.alerted_at, h.ended_at, h.target_chat_id,
        c.user_name, h.topic_title, h.card_text, h.group_chat_id
   FROM handoffs h JOIN conversations c ON c.id = h.conversation_id";

/// Who asked for the agents, and about what.
pub struct Request<'a> {
    pub conversation_id: i64,
    pub channel: Channel,
    pub chat_id: i64,
    pub reason: &'a str,
    /// The service chosen in the ticket wizard, if any.
    pub service_id: Option<i64>,
}

/// Queues a conversation (or returns its open handoff), in the group of
/// what the user asked about: the service chosen for a ticket, else that of
/// the FAQ answer last offered; the general group when that service has no
/// group of its own (or its group is `general`, the general one).
pub async fn open(
    conn: &mut AnyConnection,
    request: &Request<'_>,
    general: Option<i64>,
    at_ms: i64,
) -> Result<i64, StoreError> {
    if let Some(existing) = open_for(conn, request.conversation_id).await? {
        return Ok(existing.id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO handoffs (conversation_id, channel, chat_id, reason, requested_at, last_hold_at,
                               group_chat_id)
         VALUES ($1, $2, $3, $4, $5, $5, NULLIF((
             SELECT r.group_chat_id FROM agent_routes r WHERE r.service_code = COALESCE(
                 (SELECT code FROM services WHERE id = $6),
                 (SELECT f.service_code FROM faq_searches s JOIN faq f ON f.id = s.best_faq_id
                   WHERE s.conversation_id = $1 ORDER BY s.id DESC LIMIT 1))), $7))
         RETURNING id",
    )
    .bind(request.conversation_id)
    .bind(request.channel.as_str())
    .bind(request.chat_id)
    .bind(request.reason)
    .bind(at_ms)
    .bind(request.service_id)
    .bind(general.unwrap_or(GENERAL))
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE h.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

pub async fn open_for(
    conn: &mut AnyConnection,
    conversation_id: i64,
) -> Result<Option<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.conversation_id = $1 AND h.ended_at IS NULL"
    ))
    .bind(conversation_id)
    .fetch_optional(conn)
    .await?)
}

/// The open handoff whose topic, card or relayed message this is, in the
/// group keyed `group` (see [`Handoff::group_key`]): topics and messages
/// are numbered per chat.
pub async fn locate(
    conn: &mut AnyConnection,
    group: i64,
    thread_id: Option<i64>,
    reply_to: Option<i64>,
) -> Result<Option<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.ended_at IS NULL AND coalesce(h.group_chat_id, 0) = $3 AND (
            ($1 IS NOT NULL AND h.thread_id = $1)
         OR ($2 IS NOT NULL AND (h.card_message_id = $2
             OR h.id IN (SELECT handoff_id FROM group_messages
                          WHERE group_chat_id = $3 AND message_id = $2))))
         ORDER BY h.id DESC LIMIT 1"
    ))
    .bind(thread_id)
    .bind(reply_to)
    .bind(group)
    .fetch_optional(conn)
    .await?)
}

/// Waiting handoffs, oldest first, in every group.
pub async fn waiting(pool: &AnyPool) -> Result<Vec<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.ended_at IS NULL AND h.taken_at IS NULL ORDER BY h.requested_at, h.id"
    ))
    .fetch_all(pool)
    .await?)
}

/// The handoffs waiting in one group (keyed as [`locate`]'s), oldest first.
pub async fn waiting_in(pool: &AnyPool, group: i64) -> Result<Vec<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.ended_at IS NULL AND h.taken_at IS NULL
            AND coalesce(h.group_chat_id, 0) = $1 ORDER BY h.requested_at, h.id"
    ))
    .bind(group)
    .fetch_all(pool)
    .await?)
}

/// The conversations an agent is attending, longest held first.
pub async fn held_by(pool: &AnyPool, agent_user_id: i64) -> Result<Vec<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.ended_at IS NULL AND h.agent_user_id = $1 ORDER BY h.taken_at, h.id"
    ))
    .bind(agent_user_id)
    .fetch_all(pool)
    .await?)
}

/// Place in its group's queue, counting this one (1 = next).
pub async fn position(conn: &mut AnyConnection, id: i64) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM handoffs w, handoffs h
          WHERE h.id = $1 AND w.ended_at IS NULL AND w.taken_at IS NULL
            AND coalesce(w.group_chat_id, 0) = coalesce(h.group_chat_id, 0)
            AND (w.requested_at < h.requested_at OR (w.requested_at = h.requested_at AND w.id <= h.id))",
    )
    .bind(id)
    .fetch_one(conn)
    .await?)
}

/// The first agent to take it gets it; `false` when someone already has it.
pub async fn take(
    conn: &mut AnyConnection,
    id: i64,
    agent_user_id: i64,
    agent_name: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE handoffs SET agent_user_id = $2, agent_name = $3, taken_at = $4
          WHERE id = $1 AND taken_at IS NULL AND ended_at IS NULL",
    )
    .bind(id)
    .bind(agent_user_id)
    .bind(agent_name)
    .bind(at_ms)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query(
            "UPDATE conversations SET handled_by = 'agent'
              WHERE id = (SELECT conversation_id FROM handoffs WHERE id = $1)",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO handoff_takes (handoff_id, agent_user_id, agent_name, taken_at, waited_ms)
             SELECT id, agent_user_id, agent_name, taken_at,
                    taken_at - coalesce(queued_at, requested_at)
               FROM handoffs WHERE id = $1",
        )
        .bind(id)
        .execute(conn)
        .await?;
        return Ok(true);
    }
    Ok(false)
}

/// Back to the queue, keeping its place by the time it was first requested.
pub async fn release(conn: &mut AnyConnection, id: i64, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE handoffs SET agent_user_id = NULL, agent_name = NULL, taken_at = NULL,
                last_hold_at = $2, alerted_at = NULL, queued_at = $2
          WHERE id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn end(
    conn: &mut AnyConnection,
    id: i64,
    reason: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE handoffs SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .bind(at_ms)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn held(
    conn: &mut AnyConnection,
    id: i64,
    position: i64,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE handoffs SET last_hold_at = $2, last_position = $3 WHERE id = $1")
        .bind(id)
        .bind(at_ms)
        .bind(position)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn alerted(conn: &mut AnyConnection, id: i64, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE handoffs SET alerted_at = $2 WHERE id = $1")
        .bind(id)
        .bind(at_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Where the front door put the conversation in the group.
pub async fn placed(
    writer: &Writer,
    id: i64,
    thread_id: Option<i64>,
    card_message_id: Option<i64>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE handoffs SET thread_id = coalesce($2, thread_id),
                card_message_id = coalesce($3, card_message_id) WHERE id = $1",
    )
    .bind(id)
    .bind(thread_id)
    .bind(card_message_id)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// What the conversation's topic is called and its card says, without state.
pub async fn describe(
    conn: &mut AnyConnection,
    id: i64,
    topic_title: &str,
    card_text: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE handoffs SET topic_title = $2, card_text = $3 WHERE id = $1")
        .bind(id)
        .bind(topic_title)
        .bind(card_text)
        .execute(conn)
        .await?;
    Ok(())
}

/// The topic of the same chat's latest earlier conversation with the
/// agents of the same group, to open again rather than start another.
pub async fn earlier_topic(pool: &AnyPool, id: i64) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT e.thread_id FROM handoffs h JOIN handoffs e
             ON e.chat_id = h.chat_id AND e.channel = h.channel AND e.id < h.id
            AND coalesce(e.group_chat_id, 0) = coalesce(h.group_chat_id, 0)
          WHERE h.id = $1 AND e.thread_id IS NOT NULL AND e.target_chat_id IS NULL
          ORDER BY e.id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// The last `limit` lines of a conversation's transcript, oldest first:
/// (author: "user", "bot" or "agent:<name>", text).
pub async fn recent_lines(
    pool: &AnyPool,
    conversation_id: i64,
    limit: i64,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut lines: Vec<(String, String)> = sqlx::query_as(
        "SELECT author, body FROM messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(conversation_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    lines.reverse();
    Ok(lines)
}

/// A message the bot posted for the handoff, in the group it is in.
pub async fn message_posted(writer: &Writer, id: i64, message_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO group_messages (group_chat_id, message_id, handoff_id)
         SELECT coalesce(group_chat_id, 0), $1, id FROM handoffs WHERE id = $2
         ON CONFLICT DO NOTHING",
    )
    .bind(message_id)
    .bind(id)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// Passes the handoff to another group (`None`: the general one): back in
/// the queue there, keeping its place by the time it was first requested,
/// its topic or card to be made anew there.
pub async fn pass(
    conn: &mut AnyConnection,
    id: i64,
    group: Option<i64>,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE handoffs SET group_chat_id = $2, thread_id = NULL, card_message_id = NULL,
                agent_user_id = NULL, agent_name = NULL, taken_at = NULL,
                last_hold_at = $3, alerted_at = NULL, queued_at = $3
          WHERE id = $1 AND ended_at IS NULL",
    )
    .bind(id)
    .bind(group)
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_note(
    conn: &mut AnyConnection,
    conversation_id: i64,
    agent_user_id: i64,
    agent_name: &str,
    body: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agent_notes (conversation_id, agent_user_id, agent_name, at, body)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(conversation_id)
    .bind(agent_user_id)
    .bind(agent_name)
    .bind(at_ms)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn audit(
    writer: &Writer,
    at_ms: i64,
    chat_id: i64,
    user_id: Option<i64>,
    action: &str,
    allowed: bool,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO agent_audit (at, chat_id, user_id, action, allowed) VALUES ($1, $2, $3, $4, $5)")
        .bind(at_ms)
        .bind(chat_id)
        .bind(user_id)
        .bind(action)
        .bind(i64::from(allowed))
        .execute(&mut *writer.conn().await?)
        .await?;
    Ok(())
}

/// The name an administrator gave an agent, if any.
pub async fn agent_name(pool: &AnyPool, user_id: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT name FROM agents WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?,
    )
}

pub async fn add_agent(
    writer: &Writer,
    user_id: i64,
    name: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO agents (user_id, name, added_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET name = excluded.name",
    )
    .bind(user_id)
    .bind(name)
    .bind(at_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

pub async fn list_agents(pool: &AnyPool) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(
        sqlx::query_as("SELECT user_id, name FROM agents ORDER BY name")
            .fetch_all(pool)
            .await?,
    )
}

pub async fn remove_agent(writer: &Writer, user_id: i64) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM agents WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *writer.conn().await?)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The question of the FAQ answer last offered in the conversation.
pub async fn last_faq_offered(
    conn: &mut AnyConnection,
    conversation_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT f.question FROM faq_searches s JOIN faq f ON f.id = s.best_faq_id
          WHERE s.conversation_id = $1 ORDER BY s.id DESC LIMIT 1",
    )
    .bind(conversation_id)
    .fetch_optional(conn)
    .await?)
}

/// A transfer handed to a person's own chat: a handoff that is taken at once,
/// whose place is that chat.
pub async fn open_relay(
    conn: &mut AnyConnection,
    conversation_id: i64,
    channel: Channel,
    chat_id: i64,
    target_chat_id: i64,
    target_name: &str,
    at_ms: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO handoffs (conversation_id, channel, chat_id, reason, requested_at, last_hold_at,
                               target_chat_id, agent_user_id, agent_name, taken_at)
         VALUES ($1, $2, $3, 'asked', $4, $4, $5, $5, $6, $4) RETURNING id",
    )
    .bind(conversation_id)
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(at_ms)
    .bind(target_chat_id)
    .bind(target_name)
    .fetch_one(conn)
    .await?)
}

/// The open transfer whose person writes from this chat.
pub async fn relay_for(
    conn: &mut AnyConnection,
    target_chat_id: i64,
) -> Result<Option<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.target_chat_id = $1 AND h.ended_at IS NULL ORDER BY h.id DESC LIMIT 1"
    ))
    .bind(target_chat_id)
    .fetch_optional(conn)
    .await?)
}

/// The last handoff of a conversation that an agent of the group took (not
/// a transfer to a person), for what happens after it ended.
pub async fn attended(
    conn: &mut AnyConnection,
    conversation_id: i64,
) -> Result<Option<Handoff>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE h.conversation_id = $1 AND h.agent_user_id IS NOT NULL
            AND h.target_chat_id IS NULL ORDER BY h.id DESC LIMIT 1"
    ))
    .bind(conversation_id)
    .fetch_optional(conn)
    .await?)
}

/// A message relayed from `from` became `to_message` in `to_chat`.
pub async fn record_relay(
    conn: &mut AnyConnection,
    handoff_id: i64,
    from: crate::protocol::Origin,
    to_chat: i64,
    to_message: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO relayed_messages (from_chat, from_message, to_chat, to_message, handoff_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(from.chat_id)
    .bind(from.message_id)
    .bind(to_chat)
    .bind(to_message)
    .bind(handoff_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How long the last version of an edited message is kept for a copy made
/// after the edit.
const EDITS_KEPT_MS: i64 = 24 * 3_600_000;

/// `from` was edited to `text` at `at_ms` by `editor`: kept a day, for a
/// copy of it remembered later ([`edit_before_copy`]).
pub async fn remember_edit(
    conn: &mut AnyConnection,
    from: crate::protocol::Origin,
    text: &str,
    editor: &str,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM message_edits WHERE at < $1")
        .bind(at_ms - EDITS_KEPT_MS)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO message_edits (from_chat, from_message, text, editor, at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (from_chat, from_message)
         DO UPDATE SET text = excluded.text, editor = excluded.editor, at = excluded.at",
    )
    .bind(from.chat_id)
    .bind(from.message_id)
    .bind(text)
    .bind(editor)
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// A version of `from` edited before its copy was remembered: (text,
/// editor, when). Call it before [`record_relay`] in the same transaction:
/// it holds the message's row, so an edit arriving meanwhile waits, then
/// finds the copy.
pub async fn edit_before_copy(
    conn: &mut AnyConnection,
    from: crate::protocol::Origin,
    at_ms: i64,
) -> Result<Option<(String, String, i64)>, StoreError> {
    let (text, editor, at): (Option<String>, String, i64) = sqlx::query_as(
        "INSERT INTO message_edits (from_chat, from_message, text, editor, at)
         VALUES ($1, $2, NULL, '', $3)
         ON CONFLICT (from_chat, from_message) DO UPDATE SET from_chat = message_edits.from_chat
         RETURNING text, editor, at",
    )
    .bind(from.chat_id)
    .bind(from.message_id)
    .bind(at_ms)
    .fetch_one(&mut *conn)
    .await?;
    let Some(text) = text else {
        sqlx::query(
            "DELETE FROM message_edits WHERE from_chat = $1 AND from_message = $2 AND text IS NULL",
        )
        .bind(from.chat_id)
        .bind(from.message_id)
        .execute(conn)
        .await?;
        return Ok(None);
    };
    Ok(Some((text, editor, at)))
}

/// The copies a relayed message became: (handoff, chat, message), in order.
pub async fn copies_of(
    conn: &mut AnyConnection,
    from: crate::protocol::Origin,
) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT handoff_id, to_chat, to_message FROM relayed_messages
          WHERE from_chat = $1 AND from_message = $2 ORDER BY to_message",
    )
    .bind(from.chat_id)
    .bind(from.message_id)
    .fetch_all(conn)
    .await?)
}

/// A message of an album, to go across with the rest of it.
pub async fn album_item(
    conn: &mut AnyConnection,
    handoff_id: i64,
    album: &str,
    from: crate::protocol::Origin,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO album_items (album, from_chat, from_message, handoff_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(album)
    .bind(from.chat_id)
    .bind(from.message_id)
    .bind(handoff_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many messages of an album have arrived.
pub async fn album_size(pool: &AnyPool, album: &str, from_chat: i64) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM album_items WHERE album = $1 AND from_chat = $2")
            .bind(album)
            .bind(from_chat)
            .fetch_one(pool)
            .await?,
    )
}

/// The album's messages not sent yet, marked sent; in their order.
pub async fn album_to_send(
    writer: &Writer,
    album: &str,
    from_chat: i64,
) -> Result<Vec<i64>, StoreError> {
    let mut messages: Vec<i64> = sqlx::query_scalar(
        "UPDATE album_items SET sent = 1 WHERE album = $1 AND from_chat = $2 AND sent = 0
         RETURNING from_message",
    )
    .bind(album)
    .bind(from_chat)
    .fetch_all(&mut *writer.conn().await?)
    .await?;
    messages.sort_unstable();
    Ok(messages)
}
