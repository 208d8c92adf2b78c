//! Telegram updates already handled: each update's id is recorded in the
//! transaction that handled it, so one delivered again (to this process or
//! another replica) is handled once.

use sqlx::{AnyConnection, AnyPool};

use super::conversations::{Open, OpenRow, Participant};
use super::turn::{Seen, SeenOpen};
use super::{Dialect, StoreError, WriteTx};

/// Whether a Telegram update was handled already.
pub async fn update_handled(pool: &AnyPool, update_id: i64) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT update_id FROM handled_updates WHERE update_id = $1")
            .bind(update_id)
            .fetch_optional(pool)
            .await?;
    Ok(found.is_some())
}

/// How a user's update begins ([`begin_chat_update`]).
// Returned once per update and taken apart at once: never worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Begun {
    /// Handled before (Telegram delivered it again): nothing to do.
    AlreadyHandled,
    /// Recorded as handled now: the chat's open conversation, if any, and
    /// (where it came with it) the knowledge's generation; whether the chat
    /// is that of a person an open conversation was transferred to.
    Fresh {
        open: Option<Open>,
        knowledge: Option<i64>,
        transfer_target: bool,
    },
}

/// A user's update begins in a write transaction of its own (as from
/// [`Store::begin_for_chat`](super::Store::begin_for_chat)), recorded as
/// handled and its conversation read; on SQLite the BEGIN rides in that read.
pub async fn begin_chat_update(
    store: &super::Store,
    who: &Participant,
    update_id: Option<i64>,
    at_ms: i64,
) -> Result<(WriteTx, Begun), StoreError> {
    let (mut tx, begin) = store
        .writer()
        .begin_in_first_statement(Some(super::chat_lock(who.chat_id)))
        .await?;
    let begun = begin_update(&mut tx, begin, who, update_id, at_ms).await?;
    Ok((tx, begun))
}

/// A user's update begins: it is recorded as handled (when it has an id)
/// and the chat's open conversation read, with the knowledge's generation,
/// in one statement, after `before` (a BEGIN) in the same call.
async fn begin_update(
    conn: &mut AnyConnection,
    before: &str,
    who: &Participant,
    update_id: Option<i64>,
    at_ms: i64,
) -> Result<Begun, StoreError> {
    // The statement's snapshot is taken after the chat's lock (held since
    // BEGIN), so the conversation read is the one the last update left.
    const GENERATION: &str = "(SELECT value FROM faq_generation WHERE id = 1)";
    const RECORD: &str = "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)
                          ON CONFLICT (update_id) DO NOTHING";
    let postgres = super::Dialect::of_connection(conn) == super::Dialect::Postgres;
    // The chat is the last two values bound.
    let first = if update_id.is_some() { 3 } else { 1 };
    let open = format!(
        "FROM conversations WHERE channel = ${first} AND chat_id = ${} AND ended_at IS NULL",
        first + 1
    );
    // Whether the chat is a person's an open conversation was transferred to.
    let target = format!(
        "(SELECT count(*) FROM handoffs WHERE target_chat_id = ${} AND ended_at IS NULL)",
        first + 1
    );
    let sql = match (update_id, postgres) {
        (None, _) => format!(
            "SELECT {GENERATION}, c.id, c.locale, c.state, c.last_activity_at, {target}
               FROM (SELECT 1) AS one LEFT JOIN (SELECT * {open}) AS c ON true"
        ),
        (Some(_), true) => format!(
            "WITH handled AS ({RECORD} RETURNING 1)
             SELECT {GENERATION}, c.id, c.locale, c.state, c.last_activity_at, {target}
               FROM handled LEFT JOIN (SELECT * {open}) AS c ON true"
        ),
        // SQLite has no INSERT in WITH; its RETURNING may hold subqueries.
        (Some(_), false) => format!(
            "{RECORD} RETURNING {GENERATION}, (SELECT id {open}), (SELECT locale {open}),
                                (SELECT state {open}), (SELECT last_activity_at {open}),
                                {target}"
        ),
    };
    let sql = format!("{before}{sql}");
    let mut query = sqlx::query_as::<_, Read>(&sql);
    if let Some(update_id) = update_id {
        query = query.bind(update_id).bind(at_ms);
    }
    // No row: the update id was there already. (All rows, not the first:
    // the `Any` driver's "first row" looks only at the first statement's
    // result, which is BEGIN's when one goes before.)
    let row = query
        .bind(who.channel.as_str())
        .bind(who.chat_id)
        .fetch_all(conn)
        .await?
        .into_iter()
        .next();
    let Some((generation, id, locale, state, last, targets)) = row else {
        return Ok(Begun::AlreadyHandled);
    };
    let open = match (id, locale, state, last) {
        (Some(id), Some(locale), Some(state), Some(last)) => {
            Some(OpenRow::new(id, locale, state, last).parse()?)
        }
        _ => None,
    };
    Ok(Begun::Fresh {
        open,
        knowledge: Some(generation),
        transfer_target: targets > 0,
    })
}

/// The knowledge's generation, the open conversation's columns, and the
/// open transfers to this chat.
type Read = (
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

/// What a user's update finds before it takes the write lock
/// ([`peek_chat_update`]).
// As `Begun`: returned once per update and taken apart at once.
#[allow(clippy::large_enum_variant)]
pub enum Peeked {
    /// Handled before (Telegram delivered it again): nothing to do.
    AlreadyHandled,
    /// Not handled yet: the chat's open conversation, the chat as read
    /// (`seen`, to check at the write that it is still so), the knowledge's
    /// generation, and whether the chat is that of a person a conversation
    /// was transferred to.
    Fresh {
        open: Option<Open>,
        seen: Seen,
        knowledge: i64,
        transfer_target: bool,
    },
}

/// A user's update read outside any transaction, on SQLite, where the one
/// write lock would otherwise be held while the turn is understood: whether
/// it was handled, and the chat's open conversation. The turn that follows
/// is written with the update recorded only if the conversation is as seen
/// ([`TurnWrites::record_if_unchanged`](super::turn::TurnWrites::record_if_unchanged)). `None` on
/// PostgreSQL, where the chat's lock is per chat and costs no more.
pub async fn peek_chat_update(
    conn: &mut AnyConnection,
    who: &Participant,
    update_id: i64,
) -> Result<Option<Peeked>, StoreError> {
    if Dialect::of_connection(conn) != Dialect::Sqlite {
        return Ok(None);
    }
    let open = "FROM conversations WHERE channel = $2 AND chat_id = $3 AND ended_at IS NULL";
    let sql = format!(
        "SELECT (SELECT value FROM faq_generation WHERE id = 1),
                EXISTS (SELECT 1 FROM handled_updates WHERE update_id = $1),
                (SELECT id {open}), (SELECT locale {open}), (SELECT state {open}),
                (SELECT last_activity_at {open}),
                (SELECT count(*) FROM handoffs WHERE target_chat_id = $3 AND ended_at IS NULL)"
    );
    let (generation, handled, id, locale, state, last, targets): Peek = sqlx::query_as(&sql)
        .bind(update_id)
        .bind(who.channel.as_str())
        .bind(who.chat_id)
        .fetch_one(conn)
        .await?;
    if handled > 0 {
        return Ok(Some(Peeked::AlreadyHandled));
    }
    let (open, seen_open) = match (id, locale, state, last) {
        (Some(id), Some(locale), Some(state), Some(last)) => {
            let seen = SeenOpen {
                conversation_id: id,
                locale: locale.clone(),
                state: state.clone(),
                last_activity_at: last,
            };
            let open = OpenRow::new(id, locale, state, last).parse()?;
            (Some(open), Some(seen))
        }
        _ => (None, None),
    };
    Ok(Some(Peeked::Fresh {
        open,
        seen: Seen {
            chat_id: who.chat_id,
            open: seen_open,
        },
        knowledge: generation,
        transfer_target: targets > 0,
    }))
}

/// The knowledge's generation, whether the update was handled, the open
/// conversation's columns, and the open transfers to this chat.
type Peek = (
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

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
