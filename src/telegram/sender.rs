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
use super::limits::{Blocked, Limiter};
use crate::desk::{Delivery, Desk};
use crate::store::lease::SendWindow;
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

type Done = (i64, i64, Attempt);

pub async fn run(
    bot: TgBot,
    desk: Arc<Desk>,
    wake: Arc<Notify>,
    rate_limits: bool,
    window: SendWindow,
    mut stop: watch::Receiver<bool>,
) {
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Done>();
    let mut sender = Sender {
        bot,
        desk,
        window,
        lanes: HashMap::new(),
        limiter: Limiter::new(rate_limits),
        last_loaded: 0,
        in_flight: 0,
        sent: Vec::new(),
        first_unflushed: None,
        drain_until: None,
        done: done_tx,
    };
    // The queue is read when something was queued, on a timer, and while it is long.
    let mut must_load = true;
    loop {
        let full_batch = must_load && sender.load().await;
        // Another process may have sent until a moment ago (replicas): sends
        // start only inside the window this process holds.
        let may_send = sender.lanes.is_empty() || sender.window.open().await;
        let now = Instant::now();
        let mut wake_at = now + IDLE_CHECK;
        if may_send {
            wake_at = wake_at.min(sender.start_ready(now));
        }
        if let Some(at) = sender.flush(now).await {
            wake_at = wake_at.min(at);
        }
        sender.forget_idle(now);
        if let Some(until) = sender.drain_until {
            if sender.drained(now, until) {
                return;
            }
            wake_at = wake_at.min(until);
        }
        must_load = full_batch;
        if full_batch {
            wake_at = now;
        }
        tokio::select! {
            _ = wake.notified() => must_load = true,
            Some(done) = done_rx.recv() => sender.settle(done).await,
            _ = tokio::time::sleep_until(wake_at) => must_load = true,
            _ = stop.changed(), if sender.drain_until.is_none() => {
                sender.drain_until = Some(Instant::now() + DRAIN_ON_STOP);
            }
        }
        while let Ok(done) = done_rx.try_recv() {
            sender.settle(done).await;
        }
    }
}

/// The sender's state between rounds.
struct Sender {
    bot: TgBot,
    desk: Arc<Desk>,
    window: SendWindow,
    lanes: HashMap<i64, Lane>,
    limiter: Limiter,
    last_loaded: i64,
    in_flight: usize,
    /// Sent, not yet deleted from the queue.
    sent: Vec<i64>,
    first_unflushed: Option<Instant>,
    /// Stopping: what is queued still goes out until then.
    drain_until: Option<Instant>,
    done: mpsc::UnboundedSender<Done>,
}

impl Sender {
    /// Reads what was queued since the last read; `true` when a full batch
    /// came (more may be waiting).
    async fn load(&mut self) -> bool {
        match sends::pending_after(self.desk.store().reader(), self.last_loaded, LOAD_BATCH).await {
            Ok(rows) => {
                let full_batch = rows.len() as i64 == LOAD_BATCH;
                for row in rows {
                    self.last_loaded = row.id;
                    self.lanes
                        .entry(row.chat_id)
                        .or_default()
                        .queue
                        .push_back(row);
                }
                full_batch
            }
            Err(error) => {
                tracing::error!(%error, "reading the send queue failed");
                false
            }
        }
    }

    /// Starts every send whose chat is free and within Telegram's limits, in
    /// priority order; gives when the next one could start.
    fn start_ready(&mut self, now: Instant) -> Instant {
        let mut wake_at = now + IDLE_CHECK;
        let mut ready: Vec<(u8, i64, i64)> = Vec::new();
        for (chat, lane) in &self.lanes {
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
            if self.in_flight >= MAX_IN_FLIGHT {
                break;
            }
            match self.limiter.check(chat, now) {
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
            if let Some(lane) = self.lanes.get_mut(&chat)
                && let Some(item) = lane.queue.front().cloned()
            {
                self.limiter.record(chat, now);
                lane.busy = true;
                self.in_flight += 1;
                let failures = lane.failures;
                let (bot, desk, done) = (self.bot.clone(), self.desk.clone(), self.done.clone());
                tokio::spawn(async move {
                    let result = send_one(&bot, &desk, &item).await;
                    let _ = done.send((chat, item.id, attempt(result, failures)));
                });
            }
        }
        wake_at
    }

    /// Sent messages leave the queue in batches under load (one write for
    /// many), at once when nothing else is being sent, and before stopping:
    /// a crash in between would send them again. Gives when to flush next.
    async fn flush(&mut self, now: Instant) -> Option<Instant> {
        let due = self.sent.len() >= DELETE_BATCH
            || self.in_flight == 0
            || self.drain_until.is_some()
            || self
                .first_unflushed
                .is_some_and(|at| now - at >= DELETE_EVERY);
        if !self.sent.is_empty() && due {
            match sends::delete(self.desk.store().writer(), &self.sent).await {
                Ok(()) => {
                    self.sent.clear();
                    self.first_unflushed = None;
                }
                // Kept: deleted on the next round. A crash before then sends them twice.
                Err(error) => tracing::error!(%error, "could not mark messages as sent"),
            }
        }
        self.first_unflushed.map(|at| at + DELETE_EVERY)
    }

    /// Forgets chats with nothing queued or in flight, so memory stays flat.
    fn forget_idle(&mut self, now: Instant) {
        self.lanes
            .retain(|_, lane| lane.busy || !lane.queue.is_empty());
        self.limiter.forget_idle(now);
    }

    /// Stopping: `true` once everything went out or the time is up.
    fn drained(&self, now: Instant, until: Instant) -> bool {
        let empty = self.in_flight == 0 && self.lanes.is_empty();
        if !empty && now >= until {
            tracing::info!(
                waiting = self.lanes.values().map(|l| l.queue.len()).sum::<usize>(),
                "messages still queued at exit; they are sent at the next start"
            );
        }
        empty || now >= until
    }

    /// What became of a send: the lane moves on, waits, or gives the message up.
    async fn settle(&mut self, (chat, id, outcome): Done) {
        self.in_flight -= 1;
        self.limiter.settled(chat, Instant::now());
        self.first_unflushed = self.first_unflushed.or(Some(Instant::now()));
        let desk = self.desk.clone();
        let Some(lane) = self.lanes.get_mut(&chat) else {
            return;
        };
        lane.busy = false;
        match outcome {
            Attempt::Sent => {
                lane.queue.pop_front();
                lane.failures = 0;
                lane.not_before = None;
                self.sent.push(id);
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
