//! What runs beside the update handlers while the bot serves: the Telegram
//! sender (the durable queue), the inactivity sweep, and the agents' queue
//! clock (hold messages, waiting limits, alerts, call retries). They are
//! work for the whole bot, done by the process that holds its lease
//! (`store::lease`). Each is supervised: a task that panics is logged and
//! started again.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::{TgBot, sender};
use crate::desk::Desk;
use crate::store::conversations::Channel;
use crate::store::lease::{SendWindow, Work};

const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// How often hold reminders, waiting limits and alerts are checked.
const HOLD_TICK: Duration = Duration::from_secs(1);

/// The bot-wide work, done while this process holds its lease (with
/// replicas on PostgreSQL, one of them does it; another takes it over within
/// seconds when that one dies).
pub(super) struct Background {
    leader: JoinHandle<()>,
    stop: watch::Sender<bool>,
}

impl Background {
    /// `wake`: the desk's signal that something was queued to send;
    /// `holds_sender`: set while this process does the work (for `/metrics`).
    pub(super) fn start(
        bot: &TgBot,
        desk: &Arc<Desk>,
        wake: Arc<Notify>,
        rate_limits: bool,
        holds_sender: Arc<AtomicBool>,
    ) -> Background {
        let (stop, stopped) = watch::channel(false);
        let (bot, desk) = (bot.clone(), desk.clone());
        let leader = tokio::spawn(async move {
            loop {
                let mut lease = tokio::select! {
                    lease = desk.store().lease(Work::Telegram) => lease,
                    () = until_stopped(stopped.clone()) => return,
                };
                holds_sender.store(true, Ordering::Relaxed);
                let window = lease.send_window();
                let tasks = Tasks::start(&bot, &desk, wake.clone(), rate_limits, window);
                tokio::select! {
                    () = lease.lost() => {
                        // Another process may be sending now: stop at once,
                        // and stand by for the lease again.
                        tasks.abort();
                        holds_sender.store(false, Ordering::Relaxed);
                    }
                    () = until_stopped(stopped.clone()) => {
                        tasks.stop().await;
                        lease.release().await;
                        holds_sender.store(false, Ordering::Relaxed);
                        return;
                    }
                }
            }
        });
        Background { leader, stop }
    }

    /// Stops the clocks, and lets the sender deliver what is queued first
    /// (when this process is the one sending).
    pub(super) async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.leader.await;
    }
}

async fn until_stopped(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

/// The sender, the inactivity sweep and the queue's clock.
struct Tasks {
    sender: JoinHandle<()>,
    hearing: JoinHandle<()>,
    stop_sender: watch::Sender<bool>,
    sweeper: JoinHandle<()>,
    holder: JoinHandle<()>,
}

impl Tasks {
    fn start(
        bot: &TgBot,
        desk: &Arc<Desk>,
        wake: Arc<Notify>,
        rate_limits: bool,
        window: SendWindow,
    ) -> Tasks {
        let (stop_sender, sender_stop) = watch::channel(false);
        // Replies queued by the other replicas wake the sender too.
        let hearing = {
            let (desk, wake) = (desk.clone(), wake.clone());
            tokio::spawn(async move {
                crate::store::sends::wake_on_queued(desk.store(), wake).await;
            })
        };
        let sender = {
            let (bot, desk) = (bot.clone(), desk.clone());
            tokio::spawn(supervise("sender", move || {
                sender::run(
                    bot.clone(),
                    desk.clone(),
                    wake.clone(),
                    rate_limits,
                    window.clone(),
                    sender_stop.clone(),
                )
            }))
        };
        let sweeper = {
            let desk = desk.clone();
            tokio::spawn(supervise("inactivity sweep", move || {
                sweep_inactive(desk.clone())
            }))
        };
        let holder = {
            let desk = desk.clone();
            tokio::spawn(supervise("hold queue", move || hold_queue(desk.clone())))
        };
        Tasks {
            sender,
            hearing,
            stop_sender,
            sweeper,
            holder,
        }
    }

    /// Stops the clocks, and lets the sender deliver what is queued first.
    async fn stop(self) {
        self.hearing.abort();
        self.sweeper.abort();
        self.holder.abort();
        let _ = self.stop_sender.send(true);
        let _ = self.sender.await;
    }

    fn abort(self) {
        self.hearing.abort();
        self.sweeper.abort();
        self.holder.abort();
        self.sender.abort();
    }
}

/// Runs a background task for as long as the bot serves; a task that panics
/// is logged and started again, so none dies silently.
pub(super) async fn supervise<F, Fut>(name: &'static str, task: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    loop {
        match tokio::spawn(task()).await {
            Ok(()) => return,
            Err(error) if error.is_panic() => {
                tracing::error!(task = name, %error, "a background task failed; restarting it");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(_) => return,
        }
    }
}

/// Closes abandoned conversations; the desk queues the notices.
async fn sweep_inactive(desk: Arc<Desk>) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = desk.close_idle(Channel::Telegram, None).await {
            tracing::error!(%error, "inactivity sweep failed");
        }
    }
}

/// Rule 6 while users wait for an agent, the waiting limit, and alerts.
async fn hold_queue(desk: Arc<Desk>) {
    if desk.settings().agents.group_chat_id.is_none() {
        return;
    }
    let mut every = tokio::time::interval(HOLD_TICK);
    loop {
        every.tick().await;
        if let Err(error) = desk.hold_tick().await {
            tracing::error!(%error, "queue check failed");
        }
        // Calls the user asked to retry later go back to the agents on time.
        if let Err(error) = desk.due_call_retries().await {
            tracing::error!(%error, "call retries failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    /// A background task that panics is started again (here twice), and
    /// ends when it returns.
    #[tokio::test]
    async fn a_background_task_that_panics_is_restarted() {
        let runs = Arc::new(AtomicU32::new(0));
        let counted = runs.clone();
        supervise("test task", move || {
            let runs = counted.clone();
            async move {
                if runs.fetch_add(1, Ordering::SeqCst) < 2 {
                    panic!("a bug in the task");
                }
            }
        })
        .await;
        assert_eq!(runs.load(Ordering::SeqCst), 3);
    }
}
