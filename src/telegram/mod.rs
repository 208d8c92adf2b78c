//! The Telegram front door: translates updates into protocol inputs and
//! replies into messages with inline keyboards. Users write in private chats;
//! agents work in their group (`AGENT_CHAT_ID`). Updates come by long polling
//! or a webhook; Telegram's rate limits are kept by our own sender (a durable
//! queue); clean stop on SIGINT/SIGTERM.

mod agents;
mod background;
mod deliver;
mod handoff_posts;
pub use deliver::MAX_MESSAGE_CHARS;
pub mod flood;
pub mod intake;
mod limits;
mod listeners;
pub mod polling;
mod sender;
mod users;
mod webhook;
mod window;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use tokio::sync::watch;

use crate::config::TelegramConfig;
use crate::desk::{Desk, DeskError};
use crate::locale::{Locale, Texts};
use crate::t;
use background::Background;
use flood::FloodGuard;
use intake::{Ack, Acks, Mode};

pub type TgBot = Bot;
type HandlerResult = Result<(), anyhow::Error>;

/// The longest pause between tries while the database is unavailable.
const MAX_DB_BACKOFF: Duration = Duration::from_secs(30);

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
    /// Runs an agent's update once: skipped when Telegram delivers it again.
    /// `work` gives the update's id to the desk, which records it in the
    /// action's transaction; a delivery that races this one ends in
    /// `DeskError::AlreadyHandled`, taken here as "skipped".
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
        match work.await {
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
///
/// The stop signals are listened for from the call, before the returned
/// future first runs: work started beside it (the mail worker) cannot leave
/// a moment in which SIGTERM would kill the process instead of stopping it.
pub fn serve(
    desk: Arc<Desk>,
    config: TelegramConfig,
) -> impl std::future::Future<Output = anyhow::Result<()>> {
    let stop_signal = StopSignal::listen();
    serve_until(desk, config, stop_signal)
}

async fn serve_until(
    desk: Arc<Desk>,
    config: TelegramConfig,
    stop_signal: StopSignal,
) -> anyhow::Result<()> {
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
    let holds_sender = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (updates, listener, stop_listening, stopped) = intake::channel(usize::from(polling::BATCH));
    let listeners = listeners::open(
        &bot,
        &config,
        desk.store(),
        &acks,
        (updates, stopped),
        stopping.clone(),
        &holds_sender,
    )
    .await?;
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
    let background = Background::start(&bot, &desk, wake, config.rate_limits, holds_sender);

    tracing::info!("mesabot is serving Telegram");
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getting updates failed"),
        )
        .await;
    listeners::close(&bot, &acks, listeners).await;
    // Replies to the last updates go out before the process ends.
    background.stop().await;
    Ok(())
}

/// Private chats are users; the agents' groups (the general one and the
/// services', which `agents` tells apart from other groups) are agents;
/// anything else is ignored.
fn schema(desk: Arc<Desk>) -> UpdateHandler<anyhow::Error> {
    let agents = desk.settings().agents.group_chat_id.is_some();
    let in_group = move |chat: &teloxide::types::Chat| agents && !chat.is_private();
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
            Update::filter_edited_message()
                .branch(
                    dptree::filter(move |m: Message| in_group(&m.chat)).endpoint(agents::on_edit),
                )
                .branch(dptree::filter(|m: Message| m.chat.is_private()).endpoint(users::on_edit)),
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
