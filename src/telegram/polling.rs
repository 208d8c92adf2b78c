//! Long polling that confirms an update to Telegram only once it was handled.
//!
//! Telegram forgets every update below the `offset` of the next getUpdates
//! call. teloxide's own polling moves the offset as soon as updates are
//! fetched, so an update still waiting in a chat's queue when the process dies
//! is lost. Here the offset stays at the oldest update not yet handled: after a
//! crash Telegram sends it again, and the database's record of handled updates
//! (`handled_updates`) makes a second delivery count once.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::errors::AsResponseParameters;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::Update;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::mpsc;

use super::TgBot;

/// Telegram returns at most this many updates per call.
const BATCH: u8 = 100;
/// How long a fetched batch may take before the next getUpdates anyway.
const BATCH_SETTLE: Duration = Duration::from_millis(50);
/// The longest pause after repeated failures to reach the Bot API.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Which updates are being handled, and the newest one seen.
#[derive(Default)]
pub struct Acks {
    state: Mutex<AckState>,
    /// Wakes the poller when an update is done, so the offset can move on.
    done: tokio::sync::Notify,
}

#[derive(Default)]
struct AckState {
    in_flight: BTreeSet<u32>,
    highest: Option<u32>,
}

impl Acks {
    fn lock(&self) -> std::sync::MutexGuard<'_, AckState> {
        // A panic while holding this lock leaves plain integers behind: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The offset that confirms every handled update and nothing else.
    pub fn offset(&self) -> i32 {
        let state = self.lock();
        let next = match (state.in_flight.first(), state.highest) {
            (Some(oldest), _) => *oldest,
            (None, Some(highest)) => highest.saturating_add(1),
            (None, None) => 0,
        };
        i32::try_from(next).unwrap_or(i32::MAX)
    }

    /// Updates dispatched and not done yet.
    fn in_hand(&self) -> usize {
        self.lock().in_flight.len()
    }

    /// `true` for an update not seen before in this process.
    fn accept(&self, id: u32) -> bool {
        let mut state = self.lock();
        if state.highest.is_some_and(|highest| id <= highest) {
            return false;
        }
        state.highest = Some(id);
        state.in_flight.insert(id);
        true
    }

    fn done(&self, id: u32) {
        self.lock().in_flight.remove(&id);
        self.done.notify_one();
    }

    /// The guard an update's handling holds: dropped, it confirms the update.
    pub fn guard(self: &Arc<Self>, id: u32) -> Ack {
        Ack(Arc::new(AckOnDrop {
            acks: self.clone(),
            id,
            kept: AtomicBool::new(false),
        }))
    }
}

/// Confirms its update when the handling is over, unless told to keep it.
#[derive(Clone)]
pub struct Ack(Arc<AckOnDrop>);

struct AckOnDrop {
    acks: Arc<Acks>,
    id: u32,
    kept: AtomicBool,
}

impl Ack {
    /// The update was not handled (the database was unavailable at shutdown):
    /// Telegram will send it again at the next start.
    pub fn keep_unconfirmed(&self) {
        self.0.kept.store(true, Ordering::SeqCst);
    }
}

impl Drop for AckOnDrop {
    fn drop(&mut self) {
        if !self.kept.load(Ordering::SeqCst) {
            self.acks.done(self.id);
        }
    }
}

/// The listener for teloxide's dispatcher, fed by a polling task.
/// Also gives the listener's stop token: teloxide's dispatcher can miss a
/// shutdown that comes while it handles an update, and then waits for the
/// next one; stopping the listener ourselves ends its stream at once.
pub fn listener(
    bot: TgBot,
    acks: Arc<Acks>,
    timeout: Duration,
) -> (impl UpdateListener<Err = Infallible>, StopToken) {
    let (token, flag) = mk_stop_token();
    // Bounded: when handling falls behind, polling waits instead of piling up.
    let (tx, rx) = mpsc::channel::<Update>(usize::from(BATCH));
    tokio::spawn(poll(bot, acks, timeout, flag, tx));
    let stop = token.clone();
    (
        StatefulListener::new((rx, token), updates, stop_token),
        stop,
    )
}

type ListenerState = (mpsc::Receiver<Update>, StopToken);

fn updates(
    state: &mut ListenerState,
) -> impl futures::Stream<Item = Result<Update, Infallible>> + Send + '_ {
    futures::stream::poll_fn(move |cx| state.0.poll_recv(cx).map(|u| u.map(Ok)))
}

fn stop_token(state: &mut ListenerState) -> StopToken {
    state.1.clone()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_stays_at_the_oldest_update_still_in_hand() {
        let acks = Arc::new(Acks::default());
        assert_eq!(acks.offset(), 0);
        assert!(acks.accept(5) && acks.accept(6) && acks.accept(7));
        assert!(
            !acks.accept(6),
            "an update seen before is not handled again"
        );
        let five = acks.guard(5);
        let six = acks.guard(6);
        let seven = acks.guard(7);
        drop(six);
        assert_eq!(acks.offset(), 5, "5 is still in hand");
        drop(five);
        assert_eq!(acks.offset(), 7);
        seven.keep_unconfirmed();
        drop(seven);
        assert_eq!(
            acks.offset(),
            7,
            "a kept update is sent again after a restart"
        );
    }
}
