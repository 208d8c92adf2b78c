//! The Telegram front door: translates updates into protocol inputs and
//! replies into messages with inline keyboards. Long polling, Telegram's rate
//! limits respected through teloxide's `Throttle`, clean stop on SIGINT/SIGTERM.

use std::sync::Arc;
use std::time::Duration;

use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, Chat, InlineKeyboardButton, InlineKeyboardMarkup, User};
use teloxide::update_listeners::Polling;

use crate::config::TelegramConfig;
use crate::desk::Desk;
use crate::locale::{Locale, Texts};
use crate::protocol::{self, Attachment, AttachmentKind, Choice, Reply, UserInput};
use crate::store::conversations::{Channel, Participant};
use crate::t;

pub type TgBot = Throttle<Bot>;
type HandlerResult = Result<(), anyhow::Error>;

/// Telegram rejects longer messages.
const MAX_MESSAGE_CHARS: usize = 4096;
/// How long one getUpdates call waits for news.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
const SWEEP_EVERY: Duration = Duration::from_secs(30);

pub async fn serve(desk: Arc<Desk>, config: TelegramConfig) -> anyhow::Result<()> {
    let mut bot = Bot::new(config.token);
    if let Some(url) = config.api_url {
        bot = bot.set_api_url(url);
    }
    let bot = bot.throttle(Limits::default());
    register_commands(&bot, desk.texts())
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))?;

    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
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
    result.map_err(|e| anyhow::anyhow!("cannot reach the Telegram Bot API: {e}"))
}

fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_button))
}

async fn on_message(bot: TgBot, desk: Arc<Desk>, update: Update, msg: Message) -> HandlerResult {
    if !msg.chat.is_private() {
        return Ok(());
    }
    let who = participant(&msg.chat, msg.from.as_ref(), desk.settings().default_locale);
    if let Some(attachment) = attachment(&msg) {
        handle(
            &bot,
            &desk,
            &who,
            UserInput::Attachment(attachment),
            Some(update.id.0),
        )
        .await?;
        // A caption is what the user wrote with the file: it counts as text.
        return match msg.caption() {
            Some(caption) => handle(&bot, &desk, &who, UserInput::from_text(caption), None).await,
            None => Ok(()),
        };
    }
    let input = match msg.text() {
        Some(text) => UserInput::from_text(text),
        None => UserInput::Unsupported,
    };
    handle(&bot, &desk, &who, input, Some(update.id.0)).await
}

/// A photo (its largest size) or a document sent by the user.
fn attachment(msg: &Message) -> Option<Attachment> {
    if let Some(sizes) = msg.photo() {
        let largest = sizes.iter().max_by_key(|p| p.width * p.height)?;
        return Some(Attachment {
            file_id: largest.file.id.to_string(),
            kind: AttachmentKind::Photo,
        });
    }
    msg.document().map(|document| Attachment {
        file_id: document.file.id.to_string(),
        kind: AttachmentKind::Document,
    })
}

async fn on_button(bot: TgBot, desk: Arc<Desk>, update: Update, q: CallbackQuery) -> HandlerResult {
    // Always answered, or the user's client shows a spinner for a while.
    if let Err(error) = bot.answer_callback_query(q.id.clone()).await {
        tracing::warn!(%error, "answering a callback query failed");
    }
    let Some(message) = q.regular_message() else {
        return Ok(());
    };
    if !message.chat.is_private() {
        return Ok(());
    }
    // Data that no button of ours carries is ignored, whoever crafted it.
    let Some(choice) = q.data.as_deref().and_then(Choice::parse) else {
        tracing::warn!(
            chat = message.chat.id.0,
            "ignored callback data that is not ours"
        );
        return Ok(());
    };
    // The pressed keyboard goes away, so an old button is not pressed twice.
    if let Err(error) = bot
        .edit_message_reply_markup(message.chat.id, message.id)
        .await
    {
        tracing::debug!(%error, "removing a used keyboard failed");
    }
    let who = participant(&message.chat, Some(&q.from), desk.settings().default_locale);
    handle(
        &bot,
        &desk,
        &who,
        UserInput::Choice(choice),
        Some(update.id.0),
    )
    .await
}

async fn handle(
    bot: &TgBot,
    desk: &Desk,
    who: &Participant,
    input: UserInput,
    update_id: Option<u32>,
) -> HandlerResult {
    let chat = ChatId(who.chat_id);
    match desk.handle(who, input, update_id.map(i64::from)).await {
        Ok(replies) => send(bot, chat, &replies).await,
        Err(error) => {
            let sorry = t!(desk.texts().lang(who.locale), "error-try-again");
            bot.send_message(chat, sorry).await?;
            Err(error.into())
        }
    }
}

fn participant(chat: &Chat, user: Option<&User>, default: Locale) -> Participant {
    Participant {
        channel: Channel::Telegram,
        chat_id: chat.id.0,
        user_id: user.and_then(|u| i64::try_from(u.id.0).ok()),
        user_name: user.map(User::full_name),
        locale: Locale::from_language_code(user.and_then(|u| u.language_code.as_deref()), default),
    }
}

/// Sends replies in order, as plain text (never parsed as markup).
pub async fn send(bot: &TgBot, chat: ChatId, replies: &[Reply]) -> HandlerResult {
    for reply in &protocol::coalesce(replies, MAX_MESSAGE_CHARS) {
        let chunks = split_message(&reply.text);
        let last = chunks.len().saturating_sub(1);
        for (index, chunk) in chunks.into_iter().enumerate() {
            let request = bot.send_message(chat, chunk);
            if index == last && !reply.buttons.is_empty() {
                request.reply_markup(keyboard(reply)).await?;
            } else {
                request.await?;
            }
        }
    }
    Ok(())
}

fn keyboard(reply: &Reply) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(reply.buttons.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.label.clone(), b.choice.data()))
            .collect::<Vec<_>>()
    }))
}

/// Cuts text longer than Telegram allows, at line breaks where possible.
fn split_message(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for line in text.split_inclusive('\n') {
        for ch in line.chars() {
            if current.chars().count() == MAX_MESSAGE_CHARS {
                chunks.push(std::mem::take(&mut current));
            }
            current.push(ch);
        }
        if current.chars().count() > MAX_MESSAGE_CHARS - 200 {
            chunks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() || chunks.is_empty() {
        chunks.push(current);
    }
    chunks
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
                    if let Err(error) =
                        send(&bot, ChatId(outgoing.chat_id), &outgoing.replies).await
                    {
                        tracing::warn!(%error, chat = outgoing.chat_id, "inactivity notice not sent");
                    }
                }
            }
            Err(error) => tracing::error!(%error, "inactivity sweep failed"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_within_telegram_limits_and_nothing_is_lost() {
        let text = format!("{}\n{}", "a".repeat(5000), "b".repeat(10));
        let chunks = split_message(&text);
        assert!(
            chunks
                .iter()
                .all(|c| c.chars().count() <= MAX_MESSAGE_CHARS)
        );
        assert_eq!(chunks.concat(), text);
        assert_eq!(split_message("hola"), vec!["hola".to_owned()]);
    }
}
