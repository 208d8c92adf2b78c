//! How updates come in, and when Telegram is told one was handled.
//!
//! Both intakes (long polling and the webhook) feed teloxide's dispatcher
//! through one channel, and both confirm an update only once its handling is
//! over: with polling, the offset of the next getUpdates call stays at the
//! oldest update still in hand; with the webhook, the HTTP answer to
//! Telegram's post waits for the handling, and is a 503 when the update was
//! kept (so Telegram posts it again). A second delivery counts once because
//! the database records handled updates (`handled_updates`).

use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures::Future;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::Update;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::{mpsc, oneshot};

/// How updates reach the bot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Polling,
    Webhook,
}

/// Which updates are being handled, and (polling) the newest one seen.
pub struct Acks {
    pub(super) mode: Mode,
    state: Mutex<AckState>,
    /// Wakes the poller when an update is done, so the offset can move on.
    pub(super) done: tokio::sync::Notify,
}

#[derive(Default)]
struct AckState {
    in_flight: BTreeSet<u32>,
    highest: Option<u32>,
    /// Webhook: the posts waiting for each update's outcome (Telegram may post
    /// an update again while the first post still waits).
    waiting: HashMap<u32, Vec<oneshot::Sender<bool>>>,
    /// No update will be handled any more: the bot is stopping.
    closed: bool,
}

impl Acks {
    pub fn new(mode: Mode) -> Arc<Acks> {
        Arc::new(Acks {
            mode,
            state: Mutex::new(AckState::default()),
            done: tokio::sync::Notify::new(),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, AckState> {
        // A panic while holding this lock leaves plain values behind: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Polling: the offset that confirms every handled update and nothing else.
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
    pub(super) fn in_hand(&self) -> usize {
        self.lock().in_flight.len()
    }

    /// Polling: `true` for an update not seen before in this process
    /// (Telegram returns updates in order).
    pub(super) fn accept(&self, id: u32) -> bool {
        let mut state = self.lock();
        if state.highest.is_some_and(|highest| id <= highest) {
            return false;
        }
        state.highest = Some(id);
        state.in_flight.insert(id);
        true
    }

    /// Webhook: an update was posted. Gives whether it must be dispatched (it
    /// is not in hand already) and what its handling will answer: `true`
    /// handled, `false` (or the sender dropped) kept for another delivery.
    pub(super) fn arrived(&self, id: u32) -> (bool, oneshot::Receiver<bool>) {
        let (tx, rx) = oneshot::channel();
        let mut state = self.lock();
        if state.closed {
            return (false, rx);
        }
        let fresh = state.in_flight.insert(id);
        state.waiting.entry(id).or_default().push(tx);
        (fresh, rx)
    }

    /// The handling of `id` is over; `handled: false` when it was kept.
    pub(super) fn finished(&self, id: u32, handled: bool) {
        let mut state = self.lock();
        // Polling keeps a kept update in hand, so the offset never passes it.
        if handled || self.mode == Mode::Webhook {
            state.in_flight.remove(&id);
        }
        for waiter in state.waiting.remove(&id).unwrap_or_default() {
            let _ = waiter.send(handled);
        }
        drop(state);
        self.done.notify_one();
    }

    /// At stop, after the dispatcher returned: every post still waiting is
    /// answered "not handled", and later posts are refused.
    pub fn abandon_all(&self) {
        let mut state = self.lock();
        state.closed = true;
        // Dropping the senders answers their posts.
        state.waiting.clear();
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
    /// Telegram will deliver it again.
    pub fn keep_unconfirmed(&self) {
        self.0.kept.store(true, Ordering::SeqCst);
    }
}

impl Drop for AckOnDrop {
    fn drop(&mut self) {
        self.acks
            .finished(self.id, !self.kept.load(Ordering::SeqCst));
    }
}

/// The listener for teloxide's dispatcher, fed through the returned sender
/// by an intake. Also gives the listener's stop token: teloxide's dispatcher
/// can miss a shutdown that comes while it handles an update, and then waits
/// for the next one; stopping the listener ourselves ends its stream at once.
pub fn channel(
    capacity: usize,
) -> (
    mpsc::Sender<Update>,
    impl UpdateListener<Err = Infallible>,
    StopToken,
    StopFlag,
) {
    let (token, flag) = mk_stop_token();
    // Bounded: when handling falls behind, the intake waits instead of piling up.
    let (tx, rx) = mpsc::channel::<Update>(capacity);
    let state = ListenerState {
        updates: rx,
        token: token.clone(),
        stopped: Box::pin(flag.clone()),
    };
    (
        tx,
        StatefulListener::new(state, updates, stop_token),
        token,
        flag,
    )
}

struct ListenerState {
    updates: mpsc::Receiver<Update>,
    token: StopToken,
    stopped: Pin<Box<StopFlag>>,
}

fn updates(
    state: &mut ListenerState,
) -> impl futures::Stream<Item = Result<Update, Infallible>> + Send + '_ {
    futures::stream::poll_fn(move |cx| {
        if state.stopped.as_mut().poll(cx).is_ready() {
            return std::task::Poll::Ready(None);
        }
        state.updates.poll_recv(cx).map(|u| u.map(Ok))
    })
}

fn stop_token(state: &mut ListenerState) -> StopToken {
    state.token.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_stays_at_the_oldest_update_still_in_hand() {
        let acks = Acks::new(Mode::Polling);
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

    #[tokio::test]
    async fn a_post_is_answered_with_its_update_s_outcome() {
        let acks = Acks::new(Mode::Webhook);
        let (fresh, first) = acks.arrived(5);
        assert!(fresh);
        let (again, second) = acks.arrived(5);
        assert!(!again, "posted again while in hand: not dispatched twice");
        drop(acks.guard(5));
        assert_eq!(first.await, Ok(true));
        assert_eq!(second.await, Ok(true));

        let (fresh, kept) = acks.arrived(6);
        assert!(fresh);
        let guard = acks.guard(6);
        guard.keep_unconfirmed();
        drop(guard);
        assert_eq!(kept.await, Ok(false), "a kept update is posted again");
        let (fresh, _) = acks.arrived(6);
        assert!(fresh, "a kept update is handled when posted again");

        let (_, waiting) = acks.arrived(7);
        acks.abandon_all();
        assert!(
            waiting.await.is_err(),
            "stopping answers every waiting post"
        );
        let (fresh, late) = acks.arrived(8);
        assert!(
            !fresh && late.await.is_err(),
            "nothing is taken after the stop"
        );
    }
}
