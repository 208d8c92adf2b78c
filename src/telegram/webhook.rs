//! Webhook intake: Telegram posts each update to `WEBHOOK_URL`, which the
//! department's reverse proxy passes to `WEBHOOK_LISTEN`.
//!
//! Not teloxide's own axum webhook, for two reasons: it answers Telegram
//! before the update is handled (an update in hand when the process dies
//! would be lost), and it deletes the webhook when the bot stops (with
//! several processes behind one URL, one stopping would cut off the rest).
//! Here the answer waits for the update's transaction: 200 once it
//! committed, 503 when it was kept for another delivery. The webhook stays
//! set at stop: Telegram keeps the updates until a process answers again.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use subtle::ConstantTimeEq;
use teloxide::prelude::*;
use teloxide::types::Update;
use tokio::sync::{mpsc, watch};

use super::TgBot;
use super::intake::Acks;
use crate::config::WebhookConfig;

/// Where Telegram puts the secret given to setWebhook.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// Tells Telegram where to post, and with which secret. Updates waiting at
/// Telegram are kept: they come to the webhook.
pub async fn register(bot: &TgBot, config: &WebhookConfig) -> Result<(), teloxide::RequestError> {
    bot.set_webhook(config.url.clone())
        .secret_token(config.secret.clone())
        .drop_pending_updates(false)
        .await?;
    Ok(())
}

struct Intake {
    secret: String,
    acks: Arc<Acks>,
    updates: mpsc::Sender<Update>,
    stopping: watch::Receiver<bool>,
}

/// The route Telegram posts to: the path of `WEBHOOK_URL`.
pub fn router(
    config: &WebhookConfig,
    acks: Arc<Acks>,
    updates: mpsc::Sender<Update>,
    stopping: watch::Receiver<bool>,
) -> Router {
    let intake = Arc::new(Intake {
        secret: config.secret.clone(),
        acks,
        updates,
        stopping,
    });
    Router::new()
        .route(config.url.path(), post(receive))
        .with_state(intake)
}

async fn receive(State(intake): State<Arc<Intake>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER);
    let authentic = given.is_some_and(|given| {
        // Constant time, so the secret cannot be guessed from response times.
        bool::from(given.as_bytes().ct_eq(intake.secret.as_bytes()))
    });
    if !authentic {
        crate::monitor::error("webhook_unauthorized");
        tracing::warn!(
            secret = if given.is_some() { "wrong" } else { "missing" },
            "a post to the webhook without Telegram's secret; refused"
        );
        return StatusCode::UNAUTHORIZED;
    }
    if *intake.stopping.borrow() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            crate::monitor::error("webhook_bad_update");
            tracing::warn!(%error, "the webhook received something that is not an update");
            return StatusCode::BAD_REQUEST;
        }
    };
    let id = update.id.0;
    let (fresh, outcome) = intake.acks.arrived(id);
    if fresh && intake.updates.send(update).await.is_err() {
        // The dispatcher is gone: the bot is stopping.
        intake.acks.finished(id, false);
    }
    match outcome.await {
        Ok(true) => StatusCode::OK,
        // Kept, or the bot stopped before handling it: Telegram posts it again.
        _ => StatusCode::SERVICE_UNAVAILABLE,
    }
}
