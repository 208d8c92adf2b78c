//! Health and metrics for operators: `/healthz` (the database answers; for a
//! load balancer) and `/metrics` in Prometheus' text format, on their own
//! listener (`METRICS_LISTEN`) or beside the webhook. Counters and the latency histogram are
//! recorded where things happen, through the `metrics` facade; the queues'
//! gauges are read from the database when scraped.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::sync::watch;

use crate::store::{self, Store};

/// Updates handled (label `from`: user, agent).
pub const UPDATES: &str = "mesabot_updates_handled_total";
/// Seconds from an update reaching the desk to its transaction committed.
pub const HANDLING_SECONDS: &str = "mesabot_update_handling_seconds";
/// Errors, by `kind`.
pub const ERRORS: &str = "mesabot_errors_total";
/// Seconds SQLite's one write connection was held by each write transaction:
/// the rate of its sum near 1 means the writer is what limits the bot.
pub const SQLITE_WRITER_BUSY_SECONDS: &str = "mesabot_sqlite_writer_busy_seconds";

/// Turns understood before SQLite's write lock that found the update handled
/// or the conversation changed when they came to write, and ran again under
/// the lock.
pub const STALE_READS: &str = "mesabot_turns_read_again_total";

/// Turns understood before SQLite's write lock and not yet written (at most
/// `desk::MOST_BEFORE_LOCK`; near it, the writer is what the bot waits for).
pub const TURNS_BEFORE_LOCK: &str = "mesabot_turns_before_lock";

/// Counts one handled update and how long it took.
pub fn handled(from: &'static str, took: Duration) {
    metrics::counter!(UPDATES, "from" => from).increment(1);
    metrics::histogram!(HANDLING_SECONDS, "from" => from).record(took.as_secs_f64());
}

/// One write transaction on SQLite's write connection, held for `took`.
pub fn sqlite_writer_busy(took: Duration) {
    metrics::histogram!(SQLITE_WRITER_BUSY_SECONDS).record(took.as_secs_f64());
}

/// How many turns are understood before the write lock and not yet written.
pub fn turns_before_lock(now: usize) {
    metrics::gauge!(TURNS_BEFORE_LOCK).set(now as f64);
}

/// Counts one turn run again under the write lock after a stale read.
pub fn stale_read() {
    metrics::counter!(STALE_READS).increment(1);
}

/// Counts one error of `kind` (database_unavailable, handler, send_retry,
/// send_refused, mail_retry, mail_failed).
pub fn error(kind: &'static str) {
    metrics::counter!(ERRORS, "kind" => kind).increment(1);
}

/// Installs the process's recorder; `None` when one is installed already.
pub fn install() -> Option<PrometheusHandle> {
    let buckets = [
        0.000_5, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0,
    ];
    PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(HANDLING_SECONDS.to_owned()), &buckets)
        .ok()?
        .set_buckets_for_metric(
            Matcher::Full(SQLITE_WRITER_BUSY_SECONDS.to_owned()),
            &buckets,
        )
        .ok()?
        .install_recorder()
        .ok()
}

struct Monitor {
    store: Store,
    handle: PrometheusHandle,
    /// The Telegram sender runs in this process (with replicas, only one
    /// does); set by whoever holds the work.
    holds_sender: Arc<std::sync::atomic::AtomicBool>,
}

/// `/healthz` and `/metrics`, to serve alone or beside the webhook.
pub fn router(
    store: Store,
    handle: PrometheusHandle,
    holds_sender: Arc<std::sync::atomic::AtomicBool>,
) -> Router {
    let state = Arc::new(Monitor {
        store,
        handle,
        holds_sender,
    });
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .with_state(state)
}

/// Serves `app` on `listener` until `stop` turns true; requests in hand are
/// finished first.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stopping| *stopping).await;
        })
        .await
}

/// Binds an operator-facing address, saying which setting named it when it cannot.
pub async fn bind(setting: &str, listen: SocketAddr) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("{setting}: cannot listen on {listen}: {e}"))
}

async fn healthz(State(monitor): State<Arc<Monitor>>) -> (StatusCode, &'static str) {
    if store::monitor::alive(monitor.store.reader()).await {
        (StatusCode::OK, "ok\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}

async fn metrics(State(monitor): State<Arc<Monitor>>) -> (StatusCode, String) {
    let mut text = monitor.handle.render();
    match store::monitor::gauges(monitor.store.reader()).await {
        Ok(gauges) => {
            let now = chrono::Utc::now().timestamp_millis();
            let oldest = gauges
                .oldest_send_at
                .map_or(0.0, |at| (now - at).max(0) as f64 / 1000.0);
            for (name, help, value) in [
                (
                    "mesabot_sends_waiting",
                    "Telegram messages queued, not yet sent.",
                    gauges.sends_waiting as f64,
                ),
                (
                    "mesabot_sends_oldest_age_seconds",
                    "Age of the oldest queued Telegram message.",
                    oldest,
                ),
                (
                    "mesabot_sends_refused",
                    "Telegram messages refused for good.",
                    gauges.sends_refused as f64,
                ),
                (
                    "mesabot_mails_waiting",
                    "Mails in the outbox waiting to be sent.",
                    gauges.mails_waiting as f64,
                ),
                (
                    "mesabot_mails_failed",
                    "Mails given up on.",
                    gauges.mails_failed as f64,
                ),
                (
                    "mesabot_conversations_waiting_for_agent",
                    "Conversations in the agents' queue.",
                    gauges.waiting_for_agent as f64,
                ),
                (
                    "mesabot_holds_sender",
                    "1 when this process runs the Telegram sender.",
                    if monitor
                        .holds_sender
                        .load(std::sync::atomic::Ordering::Relaxed)
                    {
                        1.0
                    } else {
                        0.0
                    },
                ),
            ] {
                text.push_str(&format!(
                    "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"
                ));
            }
            (StatusCode::OK, text)
        }
        Err(error) => {
            tracing::warn!(%error, "metrics: the database did not answer");
            (StatusCode::SERVICE_UNAVAILABLE, text)
        }
    }
}
