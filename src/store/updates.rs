//! Telegram updates already handled: each update's id is recorded in the
//! transaction that handled it, so one delivered again (to this process or
//! another replica) is handled once.

use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use super::conversations::{Open, OpenRow, Participant, find_open};

/// Whether a Telegram update was handled already.
pub async fn update_handled(pool: &AnyPool, update_id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT update_id FROM handled_updates WHERE update_id = $1")
            .bind(update_id)
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}

/// How a user's update begins, in a transaction from
/// [`Store::begin_for_chat`](super::Store::begin_for_chat).
// Returned once per update and taken apart at once: never worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Begun {
    /// Handled before (Telegram delivered it again): nothing to do.
    AlreadyHandled,
    /// Recorded as handled now: the chat's open conversation, if any, and
    /// (where it came with it) the knowledge's generation.
    Fresh {
        open: Option<Open>,
        knowledge: Option<i64>,
    },
}

/// A user's update begins: it is recorded as handled and the chat's open
/// conversation read, with the knowledge's generation, in one round trip on
/// PostgreSQL.
pub async fn begin_update(
    conn: &mut AnyConnection,
    who: &Participant,
    update_id: Option<i64>,
    at_ms: i64,
) -> Result<Begun, StoreError> {
    let postgres = super::Dialect::of_connection(conn) == super::Dialect::Postgres;
    let Some(update_id) = update_id.filter(|_| postgres) else {
        if let Some(update_id) = update_id
            && !mark_update_handled(conn, update_id, at_ms).await?
        {
            return Ok(Begun::AlreadyHandled);
        }
        return Ok(Begun::Fresh {
            open: find_open(conn, who.channel, who.chat_id).await?,
            knowledge: None,
        });
    };
    // The statement's snapshot is taken after the chat's lock (held since
    // BEGIN), so the conversation read is the one the last update left.
    type Row = (
        i64,
        i64,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let row: Row = sqlx::query_as(
        "WITH handled AS (
           INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)
           ON CONFLICT (update_id) DO NOTHING RETURNING update_id)
         SELECT (SELECT count(*) FROM handled),
                (SELECT value FROM faq_generation WHERE id = 1),
                c.id, c.locale, c.state, c.last_activity_at
           FROM (SELECT 1) AS one
           LEFT JOIN conversations c
             ON c.channel = $3 AND c.chat_id = $4 AND c.ended_at IS NULL",
    )
    .bind(update_id)
    .bind(at_ms)
    .bind(who.channel.as_str())
    .bind(who.chat_id)
    .fetch_one(conn)
    .await?;
    let (handled, generation, id, locale, state, last) = row;
    if handled == 0 {
        return Ok(Begun::AlreadyHandled);
    }
    let open = match (id, locale, state, last) {
        (Some(id), Some(locale), Some(state), Some(last)) => {
            Some(OpenRow::new(id, locale, state, last).parse()?)
        }
        _ => None,
    };
    Ok(Begun::Fresh {
        open,
        knowledge: Some(generation),
    })
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
