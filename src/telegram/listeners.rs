//! Opening and closing the ways updates come in: long polling or the
//! webhook (with its listener), and the operators' listener
//! (`METRICS_LISTEN`).

use std::sync::Arc;
use std::time::Duration;

use metrics_exporter_prometheus::PrometheusHandle;
use teloxide::stop::StopFlag;
use teloxide::types::Update;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::intake::{Acks, Mode};
use super::{TgBot, polling, webhook};
use crate::config::TelegramConfig;
use crate::store::Store;

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// How long the listeners may take to answer their last requests at stop.
const SERVER_DRAIN: Duration = Duration::from_secs(5);

/// The HTTP listeners started for operators and for the webhook.
pub struct Listeners {
    servers: Vec<JoinHandle<()>>,
    mode: Mode,
}

/// Starts receiving updates into `updates` (polling, or the webhook and its
/// listener) and the operators' listener (`METRICS_LISTEN`).
pub async fn open(
    bot: &TgBot,
    config: &TelegramConfig,
    store: &Store,
    acks: &Arc<Acks>,
    (updates, stopped): (mpsc::Sender<Update>, StopFlag),
    stopping: watch::Receiver<bool>,
    holds_sender: &Arc<std::sync::atomic::AtomicBool>,
) -> anyhow::Result<Listeners> {
    let mut recorder = None;
    let mut servers = Vec::new();
    if let Some(listen) = config.metrics_listen {
        let listener = crate::monitor::bind("METRICS_LISTEN", listen).await?;
        let listen = listener.local_addr().unwrap_or(listen);
        let app = crate::monitor::router(
            store.clone(),
            recorded(&mut recorder)?,
            holds_sender.clone(),
        );
        servers.push(tokio::spawn(serve_http(listener, app, stopping.clone())));
        tracing::info!(%listen, "health and metrics served");
    }
    match &config.webhook {
        Some(webhook) => {
            let listener = crate::monitor::bind("WEBHOOK_LISTEN", webhook.listen).await?;
            let listen = listener.local_addr().unwrap_or(webhook.listen);
            // The load balancer checks the same listener it sends updates to.
            let app = webhook::router(webhook, acks.clone(), updates, stopping.clone()).merge(
                crate::monitor::router(
                    store.clone(),
                    recorded(&mut recorder)?,
                    holds_sender.clone(),
                ),
            );
            servers.push(tokio::spawn(serve_http(listener, app, stopping)));
            webhook::register(bot, webhook)
                .await
                .map_err(|e| anyhow::anyhow!("WEBHOOK_URL: Telegram refused the webhook: {e}"))?;
            tracing::info!(%listen, url = %webhook.url, "webhook listening");
        }
        None => polling::start(bot.clone(), acks.clone(), POLL_TIMEOUT, stopped, updates)
            .await
            .map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))?,
    }
    Ok(Listeners {
        servers,
        mode: acks.mode,
    })
}

/// After the dispatcher returned: posts still waiting are answered (not
/// handled: Telegram posts them again), polling confirms what was handled,
/// and the listeners finish their last requests.
pub async fn close(bot: &TgBot, acks: &Acks, listeners: Listeners) {
    acks.abandon_all();
    if listeners.mode == Mode::Polling {
        polling::confirm(bot, acks).await;
    }
    for server in listeners.servers {
        if tokio::time::timeout(SERVER_DRAIN, server).await.is_err() {
            tracing::warn!("a listener did not finish its requests in time");
        }
    }
}

/// The process's metrics recorder, installed on first need.
fn recorded(recorder: &mut Option<PrometheusHandle>) -> anyhow::Result<PrometheusHandle> {
    if let Some(handle) = recorder {
        return Ok(handle.clone());
    }
    let handle = crate::monitor::install()
        .ok_or_else(|| anyhow::anyhow!("the metrics recorder could not be installed"))?;
    *recorder = Some(handle.clone());
    Ok(handle)
}

async fn serve_http(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stop: watch::Receiver<bool>,
) {
    if let Err(error) = crate::monitor::serve(listener, app, stop).await {
        tracing::error!(%error, "a listener stopped");
    }
}
