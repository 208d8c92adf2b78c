//! Tickets in SQLite: the catalogue they are filed against, creation with
//! assignment to the service's resolver, status history, and lookups.

use sqlx::{AnyConnection, AnyPool};

use super::conversations::Channel;
use super::{StoreError, from_millis};
use crate::contact::{Contact, Email, FullName, Phone};
use crate::locale::Locale;
use crate::protocol::{NewTicket, ServiceOption, TicketView};
use crate::ticket::{Impact, Kind, Priority, Status, TicketNumber, Urgency};

/// The active services, in catalogue order.
pub async fn services(conn: &mut AnyConnection) -> Result<Vec<ServiceOption>, StoreError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM services WHERE active = 1 ORDER BY sort_order, id")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| ServiceOption { id, name })
        .collect())
}

/// The contact details of this chat's latest ticket, if any.
pub async fn contact_on_file(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
) -> Result<Option<Contact>, StoreError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT full_name, email, phone FROM tickets
          WHERE channel = $1 AND chat_id = $2 ORDER BY number DESC LIMIT 1",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .fetch_optional(conn)
    .await?;
    // Details that no longer parse (anonymised, say) are simply not offered.
    Ok(row.and_then(|(name, email, phone)| {
        Some(Contact {
            name: FullName::parse(&name).ok()?,
            email: Email::parse(&email).ok()?,
            phone: Phone::parse(&phone).ok()?,
        })
    }))
}

/// Everything recorded on a ticket.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct TicketRecord {
    pub number: i64,
    pub channel: String,
    pub chat_id: i64,
    pub kind: String,
    pub service_code: String,
    pub service_name: String,
    pub detail: String,
    pub attachment_file_id: Option<String>,
    pub attachment_kind: Option<String>,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub impact: String,
    pub urgency: String,
    pub priority: i64,
    pub status: String,
    pub resolver_name: String,
    pub resolver_email: String,
    pub privacy_accepted_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The language of the conversation a ticket was opened in.
pub async fn owner_locale(
    conn: &mut AnyConnection,
    number: i64,
) -> Result<Option<Locale>, StoreError> {
    let tag: Option<String> = sqlx::query_scalar(
        "SELECT c.locale FROM tickets t JOIN conversations c ON c.id = t.conversation_id
          WHERE t.number = $1",
    )
    .bind(number)
    .fetch_optional(conn)
    .await?;
    Ok(tag.and_then(|tag| tag.parse().ok()))
}

const RECORD_SELECT: &str = "SELECT t.number, t.channel, t.chat_id, t.kind, t.service_code,
        s.name AS service_name, t.detail, t.attachment_file_id, t.attachment_kind, t.full_name,
        t.email, t.phone, t.impact, t.urgency, t.priority, t.status, t.resolver_name,
        t.resolver_email, t.privacy_accepted_at, t.created_at, t.updated_at
   FROM tickets t JOIN services s ON s.code = t.service_code";

/// Creates the ticket with the next consecutive number, assigned to its
/// service's resolver, with its first history entries.
pub async fn create(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    conversation_id: i64,
    ticket: &NewTicket,
    at_ms: i64,
) -> Result<TicketRecord, StoreError> {
    let service: Option<(String, String, String)> =
        sqlx::query_as("SELECT code, resolver_name, resolver_email FROM services WHERE id = $1")
            .bind(ticket.service_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((code, resolver_name, resolver_email)) = service else {
        return Err(StoreError::Invalid(format!(
            "service {} is not in the catalogue",
            ticket.service_id
        )));
    };
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO tickets (conversation_id, channel, chat_id, kind, service_code, detail,
                              attachment_file_id, attachment_kind, full_name, email, phone,
                              impact, urgency, priority, status, resolver_name, resolver_email,
                              privacy_accepted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'asignado',
                 $15, $16, $17, $18, $18)
         RETURNING number",
    )
    .bind(conversation_id)
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(ticket.kind.as_str())
    .bind(&code)
    .bind(&ticket.detail)
    .bind(ticket.attachment.as_ref().map(|a| a.file_id.as_str()))
    .bind(ticket.attachment.as_ref().map(|a| a.kind.as_str()))
    .bind(ticket.contact.name.as_str())
    .bind(ticket.contact.email.as_str())
    .bind(ticket.contact.phone.to_string())
    .bind(ticket.impact.as_str())
    .bind(ticket.urgency.as_str())
    .bind(i64::from(ticket.priority.level()))
    .bind(&resolver_name)
    .bind(&resolver_email)
    .bind(ticket.privacy_accepted_at.timestamp_millis())
    .bind(at_ms)
    .fetch_one(&mut *conn)
    .await?;
    add_event(conn, number, at_ms, Status::Abierto, "").await?;
    add_event(conn, number, at_ms, Status::Asignado, &resolver_name).await?;
    record(conn, number)
        .await?
        .ok_or_else(|| StoreError::Invalid(format!("ticket {number} vanished")))
}

async fn add_event(
    conn: &mut AnyConnection,
    number: i64,
    at_ms: i64,
    status: Status,
    note: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO ticket_events (ticket_number, at, status, note) VALUES ($1, $2, $3, $4)",
    )
    .bind(number)
    .bind(at_ms)
    .bind(status.as_str())
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn record(
    conn: &mut AnyConnection,
    number: i64,
) -> Result<Option<TicketRecord>, StoreError> {
    Ok(
        sqlx::query_as(&format!("{RECORD_SELECT} WHERE t.number = $1"))
            .bind(number)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn list(pool: &AnyPool, status: Option<Status>) -> Result<Vec<TicketRecord>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{RECORD_SELECT} WHERE $1 IS NULL OR t.status = $1 ORDER BY t.number"
    ))
    .bind(status.map(Status::as_str))
    .fetch_all(pool)
    .await?)
}

/// Status history, oldest first.
pub async fn history(
    conn: &mut AnyConnection,
    number: i64,
) -> Result<Vec<(i64, String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT at, status, note FROM ticket_events WHERE ticket_number = $1 ORDER BY id",
    )
    .bind(number)
    .fetch_all(conn)
    .await?)
}

/// A ticket as its owner sees it, with who owns it: (view, channel, chat, e-mail).
pub async fn view(
    conn: &mut AnyConnection,
    number: TicketNumber,
) -> Result<Option<(TicketView, String, i64, String)>, StoreError> {
    let Some(record) = record(&mut *conn, number.value()).await? else {
        return Ok(None);
    };
    let invalid = |what: &str| StoreError::Invalid(format!("ticket {number:?}: bad {what}"));
    let history = history(conn, number.value())
        .await?
        .into_iter()
        .filter_map(|(at, status, note)| Some((from_millis(at), Status::parse(&status)?, note)))
        .collect();
    let view = TicketView {
        number,
        status: Status::parse(&record.status).ok_or_else(|| invalid("status"))?,
        kind: Kind::parse(&record.kind).ok_or_else(|| invalid("kind"))?,
        service: record.service_name,
        priority: Priority::from_level(record.priority).ok_or_else(|| invalid("priority"))?,
        opened_at: from_millis(record.created_at),
        updated_at: from_millis(record.updated_at),
        history,
    };
    Ok(Some((view, record.channel, record.chat_id, record.email)))
}

pub async fn lookup_failures_since(
    conn: &mut AnyConnection,
    channel: Channel,
    chat_id: i64,
    since_ms: i64,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM status_lookup_failures WHERE channel = $1 AND chat_id = $2 AND at >= $3",
    )
    .bind(channel.as_str())
    .bind(chat_id)
    .bind(since_ms)
    .fetch_one(conn)
    .await?)
}

/// Validates a stored impact/urgency pair (for reports and the CLI).
pub fn assessment(record: &TicketRecord) -> Option<(Impact, Urgency)> {
    Some((
        Impact::parse(&record.impact)?,
        Urgency::parse(&record.urgency)?,
    ))
}

/// Changes a ticket's status; returns the history entry's id.
pub async fn set_status(
    conn: &mut AnyConnection,
    number: i64,
    status: Status,
    note: &str,
    at_ms: i64,
) -> Result<i64, StoreError> {
    sqlx::query("UPDATE tickets SET status = $2, updated_at = $3 WHERE number = $1")
        .bind(number)
        .bind(status.as_str())
        .bind(at_ms)
        .execute(&mut *conn)
        .await?;
    event(conn, number, at_ms, status.as_str(), note).await
}

async fn event(
    conn: &mut AnyConnection,
    number: i64,
    at_ms: i64,
    status: &str,
    note: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO ticket_events (ticket_number, at, status, note) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(number)
    .bind(at_ms)
    .bind(status)
    .bind(note)
    .fetch_one(conn)
    .await?)
}

/// The service and resolver an agent means by "redes", "Correo electrónico",
/// "Patricia Núñez" or "redes.resolutores@…": (code, resolver name, resolver e-mail).
pub async fn find_assignee(
    conn: &mut AnyConnection,
    target: &str,
) -> Result<Option<(String, String, String)>, StoreError> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT code, name, resolver_name, resolver_email FROM services WHERE active = 1 ORDER BY sort_order",
    )
    .fetch_all(conn)
    .await?;
    let wanted = crate::words::fold(target)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if wanted.is_empty() {
        return Ok(None);
    }
    let folded = |s: &str| {
        crate::words::fold(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Ok(rows
        .into_iter()
        .find(|(code, name, resolver, email)| {
            folded(code) == wanted
                || folded(name).contains(&wanted)
                || folded(resolver).contains(&wanted)
                || email.eq_ignore_ascii_case(target.trim())
        })
        .map(|(code, _, resolver, email)| (code, resolver, email)))
}

/// Gives the ticket to another service's resolver; returns the history entry's id.
pub async fn reassign(
    conn: &mut AnyConnection,
    number: i64,
    service_code: &str,
    resolver_name: &str,
    resolver_email: &str,
    at_ms: i64,
) -> Result<i64, StoreError> {
    sqlx::query(
        "UPDATE tickets SET service_code = $2, resolver_name = $3, resolver_email = $4,
                status = 'asignado', updated_at = $5 WHERE number = $1",
    )
    .bind(number)
    .bind(service_code)
    .bind(resolver_name)
    .bind(resolver_email)
    .bind(at_ms)
    .execute(&mut *conn)
    .await?;
    event(
        conn,
        number,
        at_ms,
        Status::Asignado.as_str(),
        resolver_name,
    )
    .await
}

/// Re-assesses urgency and impact; returns the history entry's id.
pub async fn reassess(
    conn: &mut AnyConnection,
    number: i64,
    urgency: Urgency,
    impact: Impact,
    at_ms: i64,
) -> Result<i64, StoreError> {
    let priority = Priority::assess(urgency, impact);
    let status: String = sqlx::query_scalar(
        "UPDATE tickets SET urgency = $2, impact = $3, priority = $4, updated_at = $5
          WHERE number = $1 RETURNING status",
    )
    .bind(number)
    .bind(urgency.as_str())
    .bind(impact.as_str())
    .bind(i64::from(priority.level()))
    .bind(at_ms)
    .fetch_one(&mut *conn)
    .await?;
    let note = format!(
        "P{} ({}, {})",
        priority.level(),
        urgency.as_str(),
        impact.as_str()
    );
    event(conn, number, at_ms, &status, &note).await
}
