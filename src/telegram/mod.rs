//! The Telegram front door: translates updates into protocol inputs and
//! replies into messages with inline keyboards. Users write in private chats;
//! agents work in their group (`AGENT_CHAT_ID`). Updates come by long polling
//! or a webhook; Telegram's rate limits are kept by our own sender (a durable
//! queue); clean stop on SIGINT/SIGTERM.

mod agents;
mod deliver;
pub use deliver::MAX_MESSAGE_CHARS;
pub mod flood;
pub mod intake;
pub mod polling;
mod sender;
mod users;
mod webhook;
mod window;

use std::cell::Cell;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use tokio::sync::watch;

use crate::config::TelegramConfig;
use crate::desk::{AGENT_UPDATE, Desk, DeskError};
use crate::locale::{Locale, Texts};
use crate::store::conversations::Channel;
use crate::t;
use flood::FloodGuard;
use intake::{Ack, Acks, Mode};

pub type TgBot = Bot;
type HandlerResult = Result<(), anyhow::Error>;

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// How often hold reminders, waiting limits and alerts are checked.
const HOLD_TICK: Duration = Duration::from_secs(1);
/// The longest pause between tries while the database is unavailable.
const MAX_DB_BACKOFF: Duration = Duration::from_secs(30);
/// How long the listeners may take to answer their last requests at stop.
const SERVER_DRAIN: Duration = Duration::from_secs(5);

/// What every handler of one update carries: the update's confirmation, and
/// whether the bot is stopping.
#[derive(Clone)]
pub(crate) struct Handling {
    ack: Ack,
    stopping: watch::Receiver<bool>,
}

impl Handling {
    /// Runs `work` until the database lets it through. While the database is
    /// locked or full the update stays unconfirmed (Telegram keeps it), the
    /// error is logged, and the work is tried again; at shutdown it is left
    /// for the next start.
    async fn persist<T, F, Fut>(&self, mut work: F) -> Result<T, DeskError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, DeskError>>,
    {
        let mut failures: u32 = 0;
        let mut stopping = self.stopping.clone();
        loop {
            match work().await {
                Err(error) if error.is_unavailable() => {
                    crate::monitor::error("database_unavailable");
                    let delay = Duration::from_millis(500 << failures.min(6)).min(MAX_DB_BACKOFF);
                    failures = failures.saturating_add(1);
                    tracing::error!(
                        %error,
                        retry_in = ?delay,
                        "the database is unavailable; the update is kept and tried again"
                    );
                    if *stopping.borrow() {
                        self.ack.keep_unconfirmed();
                        return Err(error);
                    }
                    tokio::select! {
                        _ = tokio::time::sleep(delay) => {}
                        _ = stopping.changed() => {
                            self.ack.keep_unconfirmed();
                            return Err(error);
                        }
                    }
                }
                result => return result,
            }
        }
    }
}

impl Handling {
    /// Runs an agent's update once: skipped when Telegram delivers it again,
    /// and recorded as handled in the first transaction it commits.
    async fn once<F>(&self, desk: &Desk, update: &Update, work: F) -> HandlerResult
    where
        F: Future<Output = HandlerResult>,
    {
        let id = i64::from(update.id.0);
        if self.persist(|| desk.update_handled(id)).await? {
            tracing::info!(update_id = id, "update already handled; skipped");
            return Ok(());
        }
        let started = std::time::Instant::now();
        match AGENT_UPDATE.scope(Cell::new(Some(id)), work).await {
            Err(error) if matches!(error.downcast_ref(), Some(DeskError::AlreadyHandled)) => {
                tracing::info!(update_id = id, "update already handled; skipped");
                Ok(())
            }
            Ok(()) => {
                crate::monitor::handled("agent", started.elapsed());
                Ok(())
            }
            Err(error) => {
                crate::monitor::error("handler");
                Err(error)
            }
        }
    }
}

fn bot(config: &TelegramConfig) -> anyhow::Result<TgBot> {
    let client = teloxide::net::default_reqwest_settings()
        .timeout(config.request_timeout)
        .build()
        .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
    let mut bot = Bot::with_client(config.token.clone(), client);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    Ok(bot)
}

/// Serves Telegram until SIGINT or SIGTERM. The desk must queue its sends
/// ([`Desk::with_send_queue`]): the sender here delivers them.
pub async fn serve(desk: Arc<Desk>, config: TelegramConfig) -> anyhow::Result<()> {
    let stop_signal = StopSignal::listen();
    let wake = desk
        .sends_queued()
        .ok_or_else(|| anyhow::anyhow!("the desk does not queue its sends"))?;
    let bot = bot(&config)?;
    register_commands(&bot, desk.texts())
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))?;

    let acks = Acks::new(match config.webhook {
        Some(_) => Mode::Webhook,
        None => Mode::Polling,
    });
    let (stop_handlers, stopping) = watch::channel(false);
    let mut recorder = None;
    let mut servers = Vec::new();
    if let Some(listen) = config.metrics_listen {
        let listener = crate::monitor::bind("METRICS_LISTEN", listen).await?;
        let listen = listener.local_addr().unwrap_or(listen);
        let app = crate::monitor::router(desk.store().clone(), recorded(&mut recorder)?, true);
        servers.push(tokio::spawn(serve_http(listener, app, stopping.clone())));
        tracing::info!(%listen, "health and metrics served");
    }
    let (updates, listener, stop_listening, stopped) = intake::channel(usize::from(polling::BATCH));
    match &config.webhook {
        Some(webhook) => {
            let listener = crate::monitor::bind("WEBHOOK_LISTEN", webhook.listen).await?;
            let listen = listener.local_addr().unwrap_or(webhook.listen);
            // The load balancer checks the same listener it sends updates to.
            let app = webhook::router(webhook, acks.clone(), updates, stopping.clone()).merge(
                crate::monitor::router(desk.store().clone(), recorded(&mut recorder)?, true),
            );
            servers.push(tokio::spawn(serve_http(listener, app, stopping.clone())));
            webhook::register(&bot, webhook)
                .await
                .map_err(|e| anyhow::anyhow!("WEBHOOK_URL: Telegram refused the webhook: {e}"))?;
            tracing::info!(%listen, url = %webhook.url, "webhook listening");
        }
        None => polling::start(bot.clone(), acks.clone(), POLL_TIMEOUT, stopped, updates)
            .await
            .map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))?,
    }
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema(desk.clone()))
        .dependencies(dptree::deps![
            desk.clone(),
            acks.clone(),
            stopping,
            Arc::new(FloodGuard::new(config.flood_limit))
        ])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "handling an update failed",
        ))
        .build();

    let shutdown = dispatcher.shutdown_token();
    tokio::spawn(async move {
        stop_signal.wait().await;
        tracing::info!("stop signal received; finishing the updates in hand");
        let _ = stop_handlers.send(true);
        let done = shutdown.shutdown();
        stop_listening.stop();
        if let Ok(done) = done {
            done.await;
        }
    });
    let (stop_sender, sender_stop) = watch::channel(false);
    let sender = {
        let (bot, desk) = (bot.clone(), desk.clone());
        let rate_limits = config.rate_limits;
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

    tracing::info!("mesabot is serving Telegram");
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getting updates failed"),
        )
        .await;
    // Posts still waiting are answered (not handled: Telegram posts them again).
    acks.abandon_all();
    if config.webhook.is_none() {
        polling::confirm(&bot, &acks).await;
    }
    for server in servers {
        if tokio::time::timeout(SERVER_DRAIN, server).await.is_err() {
            tracing::warn!("a listener did not finish its requests in time");
        }
    }
    sweeper.abort();
    holder.abort();
    // Replies to the last updates go out before the process ends.
    let _ = stop_sender.send(true);
    let _ = sender.await;
    Ok(())
}

/// The process's metrics recorder, installed on first need.
fn recorded(
    recorder: &mut Option<metrics_exporter_prometheus::PrometheusHandle>,
) -> anyhow::Result<metrics_exporter_prometheus::PrometheusHandle> {
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

/// Runs a background task for as long as the bot serves; a task that panics
/// is logged and started again, so none dies silently.
async fn supervise<F, Fut>(name: &'static str, task: F)
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

/// Private chats are users; the agents' group is agents; anything else is ignored.
fn schema(desk: Arc<Desk>) -> UpdateHandler<anyhow::Error> {
    let group = desk.settings().agents.group_chat_id;
    let in_group = move |chat: &teloxide::types::Chat| group == Some(chat.id.0);
    dptree::entry()
        // Every update is confirmed to Telegram once this is dropped, handled or not.
        .map(
            |update: Update, acks: Arc<Acks>, stopping: watch::Receiver<bool>| Handling {
                ack: acks.guard(update.id.0),
                stopping,
            },
        )
        .branch(
            Update::filter_message()
                .branch(
                    dptree::filter(move |m: Message| in_group(&m.chat))
                        .endpoint(agents::on_message),
                )
                .branch(
                    dptree::filter(|m: Message| m.chat.is_private()).endpoint(users::on_message),
                ),
        )
        .branch(
            Update::filter_callback_query()
                .branch(
                    dptree::filter(move |q: CallbackQuery| {
                        q.regular_message().is_some_and(|m| in_group(&m.chat))
                    })
                    .endpoint(agents::on_button),
                )
                .branch(dptree::endpoint(users::on_button)),
        )
}

/// The command menu users see, in each language.
async fn register_commands(bot: &TgBot, texts: &Texts) -> Result<(), teloxide::RequestError> {
    for locale in Locale::ALL {
        let lang = texts.lang(locale);
        let commands = vec![
            BotCommand::new("start", t!(lang, "command-start")),
            BotCommand::new("estado", t!(lang, "command-status")),
            BotCommand::new("atras", t!(lang, "command-back")),
            BotCommand::new("ayuda", t!(lang, "command-help")),
            BotCommand::new("cancelar", t!(lang, "command-cancel")),
        ];
        let request = bot.set_my_commands(commands);
        match locale {
            Locale::EsMx => request.await?,
            Locale::En => request.language_code("en").await?,
        };
    }
    Ok(())
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

/// SIGTERM (a service manager) or SIGINT (Ctrl+C), listened for from the
/// start so a stop asked for during start-up is a clean stop after it.
struct StopSignal {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl StopSignal {
    fn listen() -> StopSignal {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            StopSignal {
                terminate: signal(SignalKind::terminate()).ok(),
            }
        }
        #[cfg(not(unix))]
        StopSignal {}
    }

    async fn wait(self) {
        #[cfg(unix)]
        if let Some(mut terminate) = self.terminate {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
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
