//! The Telegram send queue (`sends`): written inside the transaction of the
//! change that produced each message, read by the sender, deleted once sent.

use super::Writer;
use sqlx::{AnyConnection, AnyPool, Row};

use super::StoreError;
use super::sql::{Bound, Sql};

/// A queued message as the sender reads it.
#[derive(Clone, Debug)]
pub struct Queued {
    pub id: i64,
    pub chat_id: i64,
    pub priority: u8,
    /// The delivery as JSON.
    pub delivery: String,
    pub bytes: Option<Vec<u8>>,
    pub attempts: i64,
}

/// A message Telegram refused for good.
#[derive(Clone, Debug)]
pub struct Failed {
    pub id: i64,
    pub chat_id: i64,
    pub created_at: i64,
    pub failed_at: i64,
    pub attempts: i64,
    pub error: String,
}

/// The advisory lock that keeps send ids in commit order ("mesabot", 0x10).
const SENDS_IN_ORDER: i64 = 0x6d65_7361_626f_7410;

/// PostgreSQL's notification channel for "messages were queued".
const QUEUED_CHANNEL: &str = "mesabot_sends";

/// On PostgreSQL, wakes `wake` whenever any process commits queued messages,
/// for as long as it runs (the sender would otherwise find them only at its
/// next look, up to a second later). Returns at once on SQLite, where the
/// only process wakes the sender itself.
pub async fn wake_on_queued(store: &super::Store, wake: std::sync::Arc<tokio::sync::Notify>) {
    if store.dialect() != super::Dialect::Postgres {
        return;
    }
    let url = store.writer().connect_options().database_url.clone();
    loop {
        let listening = async {
            let mut listener = sqlx::postgres::PgListener::connect(url.as_str()).await?;
            listener.listen(QUEUED_CHANNEL).await?;
            loop {
                listener.recv().await?;
                wake.notify_one();
            }
        };
        let result: Result<(), sqlx::Error> = listening.await;
        if let Err(error) = result {
            tracing::warn!(%error, "not hearing of queued messages; the sender looks every second");
        }
        // Something may have been queued while not listening.
        wake.notify_one();
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// A message to queue.
pub struct ToSend<'a> {
    pub chat_id: i64,
    pub priority: u8,
    /// The delivery as JSON.
    pub delivery: String,
    pub bytes: Option<&'a [u8]>,
}

/// Queues a transaction's messages, in order.
pub async fn enqueue(
    conn: &mut AnyConnection,
    messages: &[ToSend<'_>],
    at_ms: i64,
) -> Result<(), StoreError> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::default();
    if super::Dialect::of_connection(conn) == super::Dialect::Postgres {
        insert_in_order(&mut sql, rows(messages, at_ms));
    } else {
        insert_with_one_writer(&mut sql, rows(messages, at_ms));
    }
    sql.execute(conn).await?;
    Ok(())
}

/// SQLite's `INSERT` of queued messages: one writer at a time, so ids
/// follow the order listed.
pub(super) fn insert_with_one_writer(sql: &mut Sql, rows: impl IntoIterator<Item = Vec<Bound>>) {
    sql.push("INSERT INTO sends (chat_id, priority, delivery, bytes, created_at) VALUES ")
        .rows(rows);
}

/// The rows that queue `messages`, created at `at_ms`.
pub(super) fn rows(messages: &[ToSend<'_>], at_ms: i64) -> Vec<Vec<Bound>> {
    messages.iter().map(|m| row(m, at_ms)).collect()
}

fn row(message: &ToSend<'_>, at_ms: i64) -> Vec<Bound> {
    vec![
        Bound::Int(message.chat_id),
        Bound::Int(i64::from(message.priority)),
        Bound::Text(message.delivery.clone()),
        Bound::MaybeBytes(message.bytes.map(<[u8]>::to_vec)),
        Bound::Int(at_ms),
    ]
}

/// PostgreSQL's `INSERT` of queued messages, where several processes write
/// at once. The sender reads "everything after the last id it read", so ids
/// must become visible in their order: the statement takes this lock before
/// its rows get ids, and the transaction keeps it until it commits, so a
/// smaller id can no longer commit after a larger one was read. It also
/// tells the process that sends (maybe another replica) that there is
/// something to send, when this commits.
pub(super) fn insert_in_order(sql: &mut Sql, rows: Vec<Vec<Bound>>) {
    sql.push(
        "INSERT INTO sends (chat_id, priority, delivery, bytes, created_at)
         SELECT v.chat_id, v.priority, v.delivery, v.bytes, v.created_at
           FROM (SELECT pg_advisory_xact_lock(",
    )
    .bind(Bound::Int(SENDS_IN_ORDER))
    .push("), pg_notify(")
    .bind(Bound::Text(QUEUED_CHANNEL.to_owned()))
    .push(", '')) AS in_order, (VALUES ")
    .rows(rows.into_iter().enumerate().map(|(n, row)| {
        let mut values = vec![Bound::Int(n as i64)];
        values.extend(row);
        values
    }))
    .push(
        ") AS v(n, chat_id, priority, delivery, bytes, created_at)
          ORDER BY v.n",
    );
}

/// Messages still to send with an id above `after`, oldest first.
pub async fn pending_after(
    pool: &AnyPool,
    after: i64,
    limit: i64,
) -> Result<Vec<Queued>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, chat_id, priority, delivery, bytes, attempts FROM sends
         WHERE id > $1 AND failed_at IS NULL ORDER BY id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Queued {
            id: row.get(0),
            chat_id: row.get(1),
            priority: u8::try_from(row.get::<i64, _>(2)).unwrap_or(2),
            delivery: row.get(3),
            bytes: row.get(4),
            attempts: row.get(5),
        })
        .collect())
}

/// Messages Telegram accepted: gone from the queue.
pub async fn delete(writer: &Writer, ids: &[i64]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let placeholders = (1..=ids.len())
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("DELETE FROM sends WHERE id IN ({placeholders})");
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query.execute(&mut *writer.conn().await?).await?;
    Ok(())
}

/// One more failed attempt, kept for the record (and for the next start).
pub async fn attempted(writer: &Writer, id: i64, error: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE sends SET attempts = attempts + 1, error = $1 WHERE id = $2")
        .bind(error)
        .bind(id)
        .execute(&mut *writer.conn().await?)
        .await?;
    Ok(())
}

/// Telegram refused it for good (the user blocked the bot, the chat is gone).
pub async fn fail(writer: &Writer, id: i64, error: &str, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE sends SET attempts = attempts + 1, failed_at = $1, error = $2 WHERE id = $3",
    )
    .bind(at_ms)
    .bind(error)
    .bind(id)
    .execute(&mut *writer.conn().await?)
    .await?;
    Ok(())
}

/// Still to send, and refused for good: what administrators look at.
pub async fn counts(pool: &AnyPool) -> Result<(i64, i64), StoreError> {
    let row = sqlx::query(
        "SELECT COUNT(*) FILTER (WHERE failed_at IS NULL), COUNT(*) FILTER (WHERE failed_at IS NOT NULL)
         FROM sends",
    )
    .fetch_one(pool)
    .await?;
    Ok((row.get(0), row.get(1)))
}

pub async fn failed(pool: &AnyPool) -> Result<Vec<Failed>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, chat_id, created_at, failed_at, attempts, COALESCE(error, '') FROM sends
         WHERE failed_at IS NOT NULL ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Failed {
            id: row.get(0),
            chat_id: row.get(1),
            created_at: row.get(2),
            failed_at: row.get(3),
            attempts: row.get(4),
            error: row.get(5),
        })
        .collect())
}
