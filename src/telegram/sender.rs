//! The sender: delivers the queued messages (`store::sends`) to Telegram.
//!
//! - Each chat gets its messages in the order they were queued, one at a time.
//! - Across chats, replies to people in a conversation go first, then hold
//!   reminders, then the agents' group; within a priority, the oldest first,
//!   so no chat starves.
//! - Telegram's limits are kept (about 30 messages a second in all, one a
//!   second per private chat, 20 a minute per group); a 429 pauses that chat
//!   for as long as Telegram asks, and a network error or a 5xx is retried
//!   with a growing pause. Messages Telegram refuses for good (the user
//!   blocked the bot) are kept with the error for administrators.
//! - A message is deleted from the queue once Telegram accepted it; a crash
//!   in between sends it again rather than never.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use teloxide::RequestError;
use teloxide::errors::ApiError;
use tokio::sync::{Notify, mpsc, watch};
use tokio::time::Instant;

use super::TgBot;
use super::deliver::{self, DeliverError};
use super::window::Window;
use crate::desk::{Delivery, Desk};
use crate::store::{self, sends};

/// Requests to Telegram at the same time.
const MAX_IN_FLIGHT: usize = 32;
/// Rows read from the queue at a time.
const LOAD_BATCH: i64 = 500;
/// The queue is read again at least this often (other processes add to it).
const IDLE_CHECK: Duration = Duration::from_secs(1);
/// After a stop signal, queued messages still go out for this long.
const DRAIN_ON_STOP: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// Sent messages are deleted from the queue this many at a time…
const DELETE_BATCH: usize = 64;
/// …or this long after the first of them was sent.
const DELETE_EVERY: Duration = Duration::from_millis(5);
/// Unexplained API errors (Telegram's 5xx arrive so) are retried this many times.
const MAX_UNKNOWN_API_ERRORS: u32 = 10;

/// Telegram's rate limits, or none (measuring against a fake Bot API).
struct Limiter {
    enabled: bool,
    global: Window,
    chats: HashMap<i64, Window>,
}

enum Blocked {
    Chat(Instant),
    All(Instant),
}

impl Limiter {
    fn new(enabled: bool) -> Limiter {
        Limiter {
            enabled,
            global: Window::new(30, Duration::from_secs(1)),
            chats: HashMap::new(),
        }
    }

    fn chat_window(chat: i64) -> Window {
        // Private chats have positive ids; groups negative.
        if chat > 0 {
            Window::new(1, Duration::from_secs(1))
        } else {
            Window::new(20, Duration::from_secs(60))
        }
    }

    fn check(&mut self, chat: i64, now: Instant) -> Result<(), Blocked> {
        if !self.enabled {
            return Ok(());
        }
        if let Some(at) = self.global.next_free(now) {
            return Err(Blocked::All(at));
        }
        let window = self
            .chats
            .entry(chat)
            .or_insert_with(|| Limiter::chat_window(chat));
        match window.next_free(now) {
            Some(at) => Err(Blocked::Chat(at)),
            None => Ok(()),
        }
    }

    fn record(&mut self, chat: i64, now: Instant) {
        if !self.enabled {
            return;
        }
        self.global.record(now);
        self.chats
            .entry(chat)
            .or_insert_with(|| Limiter::chat_window(chat))
            .record(now);
    }

    /// Forgets chats that sent nothing lately, so memory stays flat.
    fn forget_idle(&mut self, now: Instant) {
        self.chats.retain(|_, window| window.used_since(now));
    }
}

/// One chat's queued messages.
#[derive(Default)]
struct Lane {
    queue: VecDeque<sends::Queued>,
    busy: bool,
    not_before: Option<Instant>,
    failures: u32,
}

/// What became of one send.
enum Attempt {
    Sent,
    RetryIn(Duration, String),
    Failed(String),
}

fn backoff(failures: u32) -> Duration {
    Duration::from_secs(1 << failures.min(6)).min(MAX_BACKOFF)
}

fn attempt(result: Result<(), DeliverError>, failures: u32) -> Attempt {
    let error = match result {
        Ok(()) => return Attempt::Sent,
        Err(error) => error,
    };
    let text = error.to_string();
    match &error {
        DeliverError::Telegram(RequestError::RetryAfter(seconds)) => {
            Attempt::RetryIn(seconds.duration(), text)
        }
        DeliverError::Telegram(
            RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. },
        )
        | DeliverError::Desk(_) => Attempt::RetryIn(backoff(failures), text),
        DeliverError::Telegram(RequestError::Api(ApiError::Unknown(_)))
            if failures < MAX_UNKNOWN_API_ERRORS =>
        {
            Attempt::RetryIn(backoff(failures), text)
        }
        DeliverError::Telegram(_) | DeliverError::Unreadable(_) => Attempt::Failed(text),
    }
}

pub async fn run(
    bot: TgBot,
    desk: Arc<Desk>,
    wake: Arc<Notify>,
    rate_limits: bool,
    mut stop: watch::Receiver<bool>,
) {
    let mut lanes: HashMap<i64, Lane> = HashMap::new();
    let mut limiter = Limiter::new(rate_limits);
    let mut last_loaded = 0;
    let mut in_flight = 0;
    let mut sent: Vec<i64> = Vec::new();
    let mut first_unflushed: Option<Instant> = None;
    let mut drain_until: Option<Instant> = None;
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<(i64, i64, Attempt)>();
    // The queue is read when something was queued, on a timer, and while it is long.
    let mut must_load = true;
    loop {
        let mut full_batch = false;
        let loaded = if must_load {
            sends::pending_after(desk.store().reader(), last_loaded, LOAD_BATCH).await
        } else {
            Ok(Vec::new())
        };
        must_load = false;
        match loaded {
            Ok(rows) => {
                full_batch = rows.len() as i64 == LOAD_BATCH;
                for row in rows {
                    last_loaded = row.id;
                    lanes.entry(row.chat_id).or_default().queue.push_back(row);
                }
            }
            Err(error) => tracing::error!(%error, "reading the send queue failed"),
        }

        let now = Instant::now();
        let mut wake_at = now + IDLE_CHECK;
        let mut ready: Vec<(u8, i64, i64)> = Vec::new();
        for (chat, lane) in &lanes {
            let Some(head) = lane.queue.front().filter(|_| !lane.busy) else {
                continue;
            };
            match lane.not_before {
                Some(at) if at > now => wake_at = wake_at.min(at),
                _ => ready.push((head.priority, head.id, *chat)),
            }
        }
        ready.sort_unstable();
        for (_, _, chat) in ready {
            if in_flight >= MAX_IN_FLIGHT {
                break;
            }
            match limiter.check(chat, now) {
                Ok(()) => {}
                Err(Blocked::Chat(at)) => {
                    wake_at = wake_at.min(at);
                    continue;
                }
                Err(Blocked::All(at)) => {
                    wake_at = wake_at.min(at);
                    break;
                }
            }
            let Some(lane) = lanes.get_mut(&chat) else {
                continue;
            };
            let Some(item) = lane.queue.front().cloned() else {
                continue;
            };
            limiter.record(chat, now);
            lane.busy = true;
            in_flight += 1;
            let failures = lane.failures;
            let (bot, desk, done) = (bot.clone(), desk.clone(), done_tx.clone());
            tokio::spawn(async move {
                let result = send_one(&bot, &desk, &item).await;
                let _ = done.send((chat, item.id, attempt(result, failures)));
            });
        }

        // Sent messages leave the queue in batches under load (one write for
        // many), at once when nothing else is being sent, and before stopping:
        // a crash in between would send them again.
        let flush = sent.len() >= DELETE_BATCH
            || in_flight == 0
            || drain_until.is_some()
            || first_unflushed.is_some_and(|at| now - at >= DELETE_EVERY);
        if !sent.is_empty() && flush {
            match sends::delete(desk.store().writer(), &sent).await {
                Ok(()) => {
                    sent.clear();
                    first_unflushed = None;
                }
                // Kept: deleted on the next round. A crash before then sends them twice.
                Err(error) => tracing::error!(%error, "could not mark messages as sent"),
            }
        }
        if let Some(at) = first_unflushed {
            wake_at = wake_at.min(at + DELETE_EVERY);
        }
        lanes.retain(|_, lane| lane.busy || !lane.queue.is_empty());
        limiter.forget_idle(now);

        if let Some(until) = drain_until {
            let empty = in_flight == 0 && lanes.is_empty();
            if empty || now >= until {
                if !empty {
                    tracing::info!(
                        waiting = lanes.values().map(|l| l.queue.len()).sum::<usize>(),
                        "messages still queued at exit; they are sent at the next start"
                    );
                }
                return;
            }
            wake_at = wake_at.min(until);
        }
        if full_batch {
            wake_at = now;
        }
        if full_batch {
            must_load = true;
        }
        tokio::select! {
            _ = wake.notified() => must_load = true,
            Some(done) = done_rx.recv() => {
                in_flight -= 1;
                settle(&desk, &mut lanes, &mut sent, done).await;
                first_unflushed = first_unflushed.or(Some(Instant::now()));
            }
            _ = tokio::time::sleep_until(wake_at) => must_load = true,
            _ = stop.changed(), if drain_until.is_none() => {
                drain_until = Some(Instant::now() + DRAIN_ON_STOP);
            }
        }
        while let Ok(done) = done_rx.try_recv() {
            in_flight -= 1;
            settle(&desk, &mut lanes, &mut sent, done).await;
            first_unflushed = first_unflushed.or(Some(Instant::now()));
        }
    }
}

async fn send_one(bot: &TgBot, desk: &Desk, item: &sends::Queued) -> Result<(), DeliverError> {
    let mut delivery: Delivery = serde_json::from_str(&item.delivery)
        .map_err(|e| DeliverError::Unreadable(e.to_string()))?;
    match &mut delivery {
        Delivery::GroupPhoto { png, .. } => *png = item.bytes.clone().unwrap_or_default(),
        Delivery::GroupDocument { bytes, .. } => *bytes = item.bytes.clone().unwrap_or_default(),
        _ => {}
    }
    deliver::deliver(bot, desk, delivery).await
}

async fn settle(
    desk: &Desk,
    lanes: &mut HashMap<i64, Lane>,
    sent: &mut Vec<i64>,
    (chat, id, outcome): (i64, i64, Attempt),
) {
    let Some(lane) = lanes.get_mut(&chat) else {
        return;
    };
    lane.busy = false;
    match outcome {
        Attempt::Sent => {
            lane.queue.pop_front();
            lane.failures = 0;
            lane.not_before = None;
            sent.push(id);
        }
        Attempt::RetryIn(delay, error) => {
            crate::monitor::error("send_retry");
            lane.failures = lane.failures.saturating_add(1);
            lane.not_before = Some(Instant::now() + delay);
            tracing::warn!(chat, send = id, retry_in = ?delay, %error, "a message was not delivered; retrying");
            if let Err(error) = sends::attempted(desk.store().writer(), id, &error).await {
                tracing::error!(%error, "could not record a failed send");
            }
        }
        Attempt::Failed(error) => {
            crate::monitor::error("send_refused");
            lane.queue.pop_front();
            lane.failures = 0;
            tracing::warn!(chat, send = id, %error, "Telegram refused a message for good");
            let at = store::to_millis(chrono::Utc::now());
            if let Err(error) = sends::fail(desk.store().writer(), id, &error, at).await {
                tracing::error!(%error, "could not record a refused send");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_chat_and_overall() {
        let now = Instant::now();
        let mut limiter = Limiter::new(true);
        limiter.record(1, now);
        assert!(matches!(limiter.check(1, now), Err(Blocked::Chat(_))));
        assert!(limiter.check(2, now).is_ok(), "another chat is not held up");
        for chat in 3..32 {
            limiter.record(chat, now);
        }
        assert!(matches!(limiter.check(99, now), Err(Blocked::All(_))));
        let mut off = Limiter::new(false);
        off.record(1, now);
        assert!(off.check(1, now).is_ok());
    }
}
