//! The Telegram front door: translates updates into protocol inputs and
//! replies into messages with inline keyboards. Users write in private chats;
//! agents work in their group (`AGENT_CHAT_ID`). Long polling, Telegram's rate
//! limits respected through teloxide's `Throttle`, clean stop on SIGINT/SIGTERM.

mod agents;
mod deliver;
mod users;

use std::sync::Arc;
use std::time::Duration;

use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::BotCommand;
use teloxide::update_listeners::Polling;

use crate::config::TelegramConfig;
use crate::desk::Desk;
use crate::locale::{Locale, Texts};
use crate::store::conversations::Channel;
use crate::t;

pub use deliver::send;

pub type TgBot = Throttle<Bot>;
type HandlerResult = Result<(), anyhow::Error>;

/// How long one getUpdates call waits for news.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// How often hold reminders, waiting limits and alerts are checked.
const HOLD_TICK: Duration = Duration::from_secs(1);

/// Telegram's limits, with the group's set to its documented ~20 a minute
/// (teloxide's default is more cautious) so relaying keeps up.
fn limits() -> Limits {
    Limits {
        messages_per_min_channel_or_supergroup: 20,
        ..Limits::default()
    }
}

pub async fn serve(desk: Arc<Desk>, config: TelegramConfig) -> anyhow::Result<()> {
    let mut bot = Bot::new(config.token);
    if let Some(url) = config.api_url {
        bot = bot.set_api_url(url);
    }
    let bot = bot.throttle(limits());
    register_commands(&bot, desk.texts())
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))?;

    let mut dispatcher = Dispatcher::builder(bot.clone(), schema(desk.clone()))
        .dependencies(dptree::deps![desk.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "handling an update failed",
        ))
        .build();

    let shutdown = dispatcher.shutdown_token();
    tokio::spawn(async move {
        wait_for_stop_signal().await;
        tracing::info!("stop signal received; finishing the updates in hand");
        if let Ok(done) = shutdown.shutdown() {
            done.await;
        }
    });
    let sweeper = tokio::spawn(sweep_inactive(bot.clone(), desk.clone()));
    let holder = tokio::spawn(hold_queue(bot.clone(), desk.clone()));

    let listener = Polling::builder(bot.clone())
        .timeout(POLL_TIMEOUT)
        .delete_webhook()
        .await
        .build();
    tracing::info!("mesabot is serving Telegram");
    let result = dispatcher
        .try_dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getting updates failed"),
        )
        .await;
    sweeper.abort();
    holder.abort();
    result.map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))
}

/// Private chats are users; the agents' group is agents; anything else is ignored.
fn schema(desk: Arc<Desk>) -> UpdateHandler<anyhow::Error> {
    let group = desk.settings().agents.group_chat_id;
    let in_group = move |chat: &teloxide::types::Chat| group == Some(chat.id.0);
    dptree::entry()
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

/// Closes abandoned conversations and tells their users.
async fn sweep_inactive(bot: TgBot, desk: Arc<Desk>) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        match desk.close_idle(Channel::Telegram, None).await {
            Ok(closed) => {
                for outgoing in closed {
                    let chat = ChatId(outgoing.chat_id);
                    if let Err(error) = send(&bot, chat, None, &outgoing.replies).await {
                        tracing::warn!(%error, chat = outgoing.chat_id, "inactivity notice not sent");
                    }
                }
            }
            Err(error) => tracing::error!(%error, "inactivity sweep failed"),
        }
    }
}

/// Rule 6 while users wait for an agent, the waiting limit, and alerts.
async fn hold_queue(bot: TgBot, desk: Arc<Desk>) {
    if desk.settings().agents.group_chat_id.is_none() {
        return;
    }
    let mut every = tokio::time::interval(HOLD_TICK);
    loop {
        every.tick().await;
        match desk.hold_tick().await {
            Ok(deliveries) => deliver::all(&bot, &desk, deliveries).await,
            Err(error) => tracing::error!(%error, "queue check failed"),
        }
        // Calls the user asked to retry later go back to the agents on time.
        match desk.due_call_retries().await {
            Ok(deliveries) => deliver::all(&bot, &desk, deliveries).await,
            Err(error) => tracing::error!(%error, "call retries failed"),
        }
    }
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
