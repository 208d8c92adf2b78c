//! Personal data retention and access (the ARCO rights of Mexican law):
//! anonymising what is old and closed, and gathering what one chat gave.
//!
//! Anonymising keeps every row the indicators count (conversations, tickets,
//! calls, their times, outcomes, services, priorities) and blanks who and what
//! was said: names, e-mails, phones, chat ids, transcripts, descriptions.

use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Column, Row, TypeInfo, ValueRef};

use super::StoreError;

/// How many rows each step anonymised or deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub conversations: u64,
    pub messages: u64,
    pub tickets: u64,
    pub mails: u64,
    pub calls: u64,
    pub other: u64,
}

/// Anonymises conversations closed before `before_ms` and tickets closed
/// (resolved or closed) and untouched since then. `blank_state` replaces a
/// conversation's saved state (it holds the draft: name, e-mail, phone).
pub async fn purge(
    conn: &mut AnyConnection,
    before_ms: i64,
    blank_state: &str,
) -> Result<Purged, StoreError> {
    let mut purged = Purged::default();
    purge_conversations(conn, before_ms, blank_state, &mut purged).await?;
    for sql in DEPENDANTS {
        purged.other += affected(conn, sql, Some(before_ms)).await?;
    }
    purged.tickets = affected(conn, TICKETS, Some(before_ms)).await?;
    purged.other += affected(conn, TICKET_EVENTS, None).await?;
    purged.mails = affected(conn, MAILS, Some(before_ms)).await?;
    purged.calls = affected(conn, CALLS, Some(before_ms)).await?;
    purged.other += affected(conn, CALL_ATTEMPTS, None).await?;
    Ok(purged)
}

/// Conversations ended before the cut-off lose who they were with and what
/// was said; their rows (and so every count) stay.
async fn purge_conversations(
    conn: &mut AnyConnection,
    before_ms: i64,
    blank_state: &str,
    purged: &mut Purged,
) -> Result<(), StoreError> {
    // Conversations purged in this run (ids), so their dependants follow.
    sqlx::query("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id INTEGER PRIMARY KEY)")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM purge_ids")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO purge_ids SELECT id FROM conversations
          WHERE ended_at IS NOT NULL AND ended_at < $1
            AND (chat_id <> 0 OR user_name IS NOT NULL OR user_id IS NOT NULL)",
    )
    .bind(before_ms)
    .execute(&mut *conn)
    .await?;
    purged.conversations = sqlx::query(
        "UPDATE conversations SET chat_id = 0, user_id = NULL, user_name = NULL, state = $1
          WHERE id IN (SELECT id FROM purge_ids)",
    )
    .bind(blank_state)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    purged.messages = affected(
        conn,
        "DELETE FROM messages WHERE conversation_id IN
           (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
        Some(before_ms),
    )
    .await?;
    Ok(())
}

/// Rows changed by `sql`, given the cut-off as `$1` when it takes one.
async fn affected(
    conn: &mut AnyConnection,
    sql: &str,
    before_ms: Option<i64>,
) -> Result<u64, StoreError> {
    let mut query = sqlx::query(sql);
    if let Some(before_ms) = before_ms {
        query = query.bind(before_ms);
    }
    Ok(query.execute(&mut *conn).await?.rows_affected())
}

/// What hangs off purged conversations, and short-lived records.
const DEPENDANTS: [&str; 12] = [
    // The counts of searches stay; what was typed goes.
    "UPDATE faq_searches SET query = '' WHERE query <> '' AND conversation_id IN
       (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
    "UPDATE faq_rejections SET query = '' WHERE query <> '' AND conversation_id IN
       (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
    "UPDATE handoffs SET chat_id = 0 WHERE chat_id <> 0 AND conversation_id IN
       (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
    "UPDATE agent_notes SET body = '' WHERE body <> '' AND conversation_id IN
       (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
    "UPDATE transfers SET caller_name = '', caller_from = ''
      WHERE caller_name <> '' AND conversation_id IN
       (SELECT id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1)",
    "DELETE FROM status_lookup_failures WHERE at < $1",
    "DELETE FROM staff_codes WHERE created_at < $1",
    "DELETE FROM staff_verified WHERE expires_at < $1",
    "DELETE FROM pending_replies WHERE created_at < $1",
    "DELETE FROM sends WHERE created_at < $1 AND failed_at IS NOT NULL",
    "DELETE FROM handled_updates WHERE handled_at < $1",
    "DELETE FROM message_edits WHERE at < $1",
];

/// Tickets resolved or closed before the cut-off lose their owner's data.
const TICKETS: &str = "UPDATE tickets
    SET chat_id = 0, full_name = '', email = '', phone = '', detail = '', attachment_file_id = NULL
  WHERE status IN ('resuelto', 'cerrado') AND updated_at < $1
    AND (full_name <> '' OR email <> '' OR chat_id <> 0)";
const TICKET_EVENTS: &str =
    "UPDATE ticket_events SET note = '' WHERE note <> '' AND ticket_number IN
   (SELECT number FROM tickets WHERE full_name = '' AND email = '')";
/// Mail already sent (or given up on) is not needed to count anything.
const MAILS: &str = "DELETE FROM outbox
  WHERE created_at < $1 AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)";
const CALLS: &str = "UPDATE calls SET chat_id = 0, requester_name = '', requester_email = ''
  WHERE closed_at IS NOT NULL AND closed_at < $1 AND requester_email <> ''";
const CALL_ATTEMPTS: &str = "UPDATE call_attempts SET number = '' WHERE number <> '' AND call_id IN
   (SELECT id FROM calls WHERE requester_email = '')";

/// Everything stored about one chat, table by table, as JSON.
pub async fn export(conn: &mut AnyConnection, chat_id: i64) -> Result<Value, StoreError> {
    let queries = [
        ("conversations", "SELECT id, channel, user_name, locale, started_at, ended_at, outcome, handled_by, satisfaction
            FROM conversations WHERE chat_id = $1 ORDER BY id"),
        ("messages", "SELECT m.conversation_id, m.direction, m.at, m.body FROM messages m
            JOIN conversations c ON c.id = m.conversation_id WHERE c.chat_id = $1 ORDER BY m.id"),
        ("faq_searches", "SELECT s.conversation_id, s.at, s.query FROM faq_searches s
            JOIN conversations c ON c.id = s.conversation_id WHERE c.chat_id = $1 ORDER BY s.id"),
        ("faq_rejections", "SELECT r.conversation_id, r.at, r.query, r.faq_question FROM faq_rejections r
            JOIN conversations c ON c.id = r.conversation_id WHERE c.chat_id = $1 ORDER BY r.id"),
        ("tickets", "SELECT number, kind, service_code, detail, full_name, email, phone, impact,
            urgency, priority, status, privacy_accepted_at, created_at, updated_at
            FROM tickets WHERE chat_id = $1 ORDER BY number"),
        ("ticket_events", "SELECT e.ticket_number, e.at, e.status FROM ticket_events e
            JOIN tickets t ON t.number = e.ticket_number WHERE t.chat_id = $1 ORDER BY e.id"),
        ("mails", "SELECT o.ticket_number, o.recipient, o.subject, o.created_at, o.sent_at FROM outbox o
            JOIN tickets t ON t.number = o.ticket_number WHERE t.chat_id = $1
             AND o.purpose IN ('ticket_user', 'ticket_status') ORDER BY o.id"),
        ("calls", "SELECT id, requester_name, requester_email, person, place, created_at, status
            FROM calls WHERE chat_id = $1 ORDER BY id"),
        ("transfers", "SELECT t.conversation_id, t.target_name, t.caller_name, t.caller_from, t.at
            FROM transfers t JOIN conversations c ON c.id = t.conversation_id
            WHERE c.chat_id = $1 ORDER BY t.id"),
        ("handoffs", "SELECT conversation_id, reason, requested_at, agent_name, taken_at, ended_at
            FROM handoffs WHERE chat_id = $1 ORDER BY id"),
    ];
    let mut out = Map::new();
    out.insert("chat_id".into(), Value::from(chat_id));
    for (name, sql) in queries {
        let rows = sqlx::query(sql).bind(chat_id).fetch_all(&mut *conn).await?;
        out.insert(
            name.into(),
            Value::Array(rows.iter().map(row_json).collect()),
        );
    }
    Ok(Value::Object(out))
}

fn row_json(row: &AnyRow) -> Value {
    let mut object = Map::new();
    for (index, column) in row.columns().iter().enumerate() {
        let value = match row.try_get_raw(index) {
            Ok(raw) if raw.is_null() => Value::Null,
            Ok(raw) => match raw.type_info().name() {
                "INTEGER" => row
                    .try_get::<i64, _>(index)
                    .map(Value::from)
                    .unwrap_or_default(),
                "REAL" => row
                    .try_get::<f64, _>(index)
                    .map(Value::from)
                    .unwrap_or_default(),
                _ => row
                    .try_get::<String, _>(index)
                    .map(Value::from)
                    .unwrap_or_default(),
            },
            Err(_) => Value::Null,
        };
        object.insert(column.name().to_owned(), value);
    }
    Value::Object(object)
}
