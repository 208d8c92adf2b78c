//! Long polling that confirms an update to Telegram only once it was handled.
//!
//! Telegram forgets every update below the `offset` of the next getUpdates
//! call. teloxide's own polling moves the offset as soon as updates are
//! fetched, so an update still waiting in a chat's queue when the process dies
//! is lost. Here the offset stays at the oldest update not yet handled: after a
//! crash Telegram sends it again, and the database's record of handled updates
//! (`handled_updates`) makes a second delivery count once.

use std::sync::Arc;
use std::time::Duration;

use teloxide::errors::AsResponseParameters;
use teloxide::prelude::*;
use teloxide::stop::StopFlag;
use teloxide::types::Update;
use tokio::sync::mpsc;

use super::TgBot;
use super::intake::Acks;

/// Telegram returns at most this many updates per call.
pub const BATCH: u8 = 100;
/// How long a fetched batch may take before the next getUpdates anyway.
const BATCH_SETTLE: Duration = Duration::from_millis(50);
/// The longest pause after repeated failures to reach the Bot API.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Starts polling into `updates`, after deleting a webhook left by a
/// webhook deployment (Telegram refuses getUpdates while one is set).
pub async fn start(
    bot: TgBot,
    acks: Arc<Acks>,
    timeout: Duration,
    stopped: StopFlag,
    updates: mpsc::Sender<Update>,
) -> Result<(), teloxide::RequestError> {
    let info = bot.get_webhook_info().await?;
    if let Some(url) = info.url {
        // Pending updates stay with Telegram and come through getUpdates.
        bot.delete_webhook().await?;
        tracing::warn!(%url, "a webhook was set; deleted it to poll instead");
    }
    tokio::spawn(poll(bot, acks, timeout, stopped, updates));
    Ok(())
}

async fn poll(
    bot: TgBot,
    acks: Arc<Acks>,
    timeout: Duration,
    flag: StopFlag,
    tx: mpsc::Sender<Update>,
) {
    let mut failures: u32 = 0;
    let timeout = u32::try_from(timeout.as_secs()).unwrap_or(25);
    tokio::pin!(flag);
    loop {
        let request = bot
            .get_updates()
            .offset(acks.offset())
            .timeout(timeout)
            .limit(BATCH);
        let result = tokio::select! {
            _ = &mut flag => return,
            result = request.send() => result,
        };
        let pause = match result {
            Ok(mut updates) => {
                failures = 0;
                // Telegram sends them in order; `accept` relies on it.
                updates.sort_by_key(|u| u.id.0);
                let returned = updates.len();
                let mut fresh = 0;
                for update in updates {
                    if acks.accept(update.id.0) {
                        fresh += 1;
                        if tx.send(update).await.is_err() {
                            return;
                        }
                    }
                }
                // The next call confirms only what is done, so it would bring back
                // every update still in hand: let the batch finish first (updates
                // take milliseconds), within a bound so a slow one holds no one up.
                let settle = if fresh == 0 && returned > 0 {
                    Duration::from_secs(1)
                } else {
                    BATCH_SETTLE
                };
                let deadline = tokio::time::Instant::now() + settle;
                while acks.in_hand() > 0 {
                    tokio::select! {
                        _ = &mut flag => return,
                        _ = acks.done.notified() => {}
                        _ = tokio::time::sleep_until(deadline) => break,
                    }
                }
                None
            }
            Err(error) => {
                let delay = error
                    .retry_after()
                    .map(|s| s.duration())
                    .unwrap_or_else(|| Duration::from_secs(1 << failures.min(5)).min(MAX_BACKOFF));
                failures = failures.saturating_add(1);
                tracing::warn!(%error, retry_in = ?delay, "getting updates failed");
                Some(delay)
            }
        };
        if let Some(pause) = pause {
            tokio::select! {
                _ = &mut flag => return,
                _ = tokio::time::sleep(pause) => {}
            }
        }
    }
}

/// Tells Telegram which updates were handled, before the process exits.
pub async fn confirm(bot: &TgBot, acks: &Acks) {
    let offset = acks.offset();
    if offset > 0
        && let Err(error) = bot.get_updates().offset(offset).timeout(0).limit(1).await
    {
        tracing::warn!(%error, "could not confirm the last updates; Telegram sends them again");
    }
}
