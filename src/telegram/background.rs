//! What runs beside the update handlers while the bot serves: the Telegram
//! sender (the durable queue), the inactivity sweep, and the agents' queue
//! clock (hold messages, waiting limits, alerts, call retries). Each is
//! supervised: a task that panics is logged and started again.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::{TgBot, sender};
use crate::desk::Desk;
use crate::store::conversations::Channel;

const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// How often hold reminders, waiting limits and alerts are checked.
const HOLD_TICK: Duration = Duration::from_secs(1);

pub(super) struct Background {
    sender: JoinHandle<()>,
    stop_sender: watch::Sender<bool>,
    sweeper: JoinHandle<()>,
    holder: JoinHandle<()>,
}

impl Background {
    /// `wake`: the desk's signal that something was queued to send.
    pub(super) fn start(
        bot: &TgBot,
        desk: &Arc<Desk>,
        wake: Arc<Notify>,
        rate_limits: bool,
    ) -> Background {
        let (stop_sender, sender_stop) = watch::channel(false);
        let sender = {
            let (bot, desk) = (bot.clone(), desk.clone());
            tokio::spawn(supervise("sender", move || {
                sender::run(
                    bot.clone(),
                    desk.clone(),
                    wake.clone(),
                    rate_limits,
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
        Background {
            sender,
            stop_sender,
            sweeper,
            holder,
        }
    }

    /// Stops the clocks, and lets the sender deliver what is queued first.
    pub(super) async fn stop(self) {
        self.sweeper.abort();
        self.holder.abort();
        let _ = self.stop_sender.send(true);
        let _ = self.sender.await;
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
