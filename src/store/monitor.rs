//! What operators watch, read in one query when `/metrics` is scraped.

use sqlx::AnyPool;

use super::StoreError;

/// The queues and waits of the moment.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Gauges {
    /// Telegram messages queued and not yet sent.
    pub sends_waiting: i64,
    /// When the oldest of them was queued (ms), if any.
    pub oldest_send_at: Option<i64>,
    /// Messages Telegram refused for good.
    pub sends_refused: i64,
    pub mails_waiting: i64,
    pub mails_failed: i64,
    /// Conversations in the queue for an agent, nobody has taken yet.
    pub waiting_for_agent: i64,
}

pub async fn gauges(pool: &AnyPool) -> Result<Gauges, StoreError> {
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM sends WHERE failed_at IS NULL) AS sends_waiting,
                (SELECT min(created_at) FROM sends WHERE failed_at IS NULL) AS oldest_send_at,
                (SELECT count(*) FROM sends WHERE failed_at IS NOT NULL) AS sends_refused,
                (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS mails_waiting,
                (SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL) AS mails_failed,
                (SELECT count(*) FROM handoffs WHERE taken_at IS NULL AND ended_at IS NULL)
                    AS waiting_for_agent",
    )
    .fetch_one(pool)
    .await?)
}

/// Whether the database answers (for a load balancer's health check).
pub async fn alive(pool: &AnyPool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .is_ok()
}
