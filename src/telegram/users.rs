//! Users in private chats: messages and button presses become protocol inputs.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{Chat, User};

use super::{HandlerResult, TgBot, deliver};
use crate::agents::{Agent, AgentCommand};
use crate::desk::{Desk, Place};
use crate::locale::Locale;
use crate::protocol::{Attachment, AttachmentKind, Choice, UserInput};
use crate::store::conversations::{Channel, Participant};
use crate::t;

pub(super) async fn on_message(
    bot: TgBot,
    desk: Arc<Desk>,
    update: Update,
    msg: Message,
) -> HandlerResult {
    // A person a conversation was transferred to answers from their own chat.
    if let Some(person) = desk.transfer_target(msg.chat.id.0).await? {
        return relay_from_person(&bot, &desk, &msg, &person).await;
    }
    let who = participant(&msg.chat, msg.from.as_ref(), desk.settings().default_locale);
    if let Some(text) = msg.text()
        && AgentCommand::is_agent_command(text)
    {
        // Agent commands outside the agents' group are refused, and recorded.
        desk.audit(who.chat_id, who.user_id, text, false).await;
    }
    let sent = Some(msg.date);
    if let Some(attachment) = attachment(&msg) {
        handle(
            &bot,
            &desk,
            &who,
            UserInput::Attachment(attachment),
            Some(update.id.0),
            sent,
        )
        .await?;
        // A caption is what the user wrote with the file: it counts as text.
        return match msg.caption() {
            Some(caption) => {
                handle(&bot, &desk, &who, UserInput::from_text(caption), None, sent).await
            }
            None => Ok(()),
        };
    }
    let input = match msg.text() {
        Some(text) => UserInput::from_text(text),
        None => UserInput::Unsupported,
    };
    handle(&bot, &desk, &who, input, Some(update.id.0), sent).await
}

/// What a transferred-to person writes goes to the user; `/cerrar` ends it.
async fn relay_from_person(
    bot: &TgBot,
    desk: &Desk,
    msg: &Message,
    person: &Agent,
) -> HandlerResult {
    let place = Place::Person(msg.chat.id.0);
    let deliveries = match msg.text().and_then(AgentCommand::parse) {
        Some(AgentCommand::Close(_)) => {
            desk.agent_command(Some(place), person, AgentCommand::Close(None))
                .await?
        }
        _ => {
            let text = msg.text().or(msg.caption()).map(String::from);
            desk.agent_says(place, person, text, attachment(msg))
                .await?
        }
    };
    deliver::all(bot, desk, deliveries).await;
    Ok(())
}

/// A photo (its largest size) or a document.
pub(super) fn attachment(msg: &Message) -> Option<Attachment> {
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

pub(super) async fn on_button(
    bot: TgBot,
    desk: Arc<Desk>,
    update: Update,
    q: CallbackQuery,
) -> HandlerResult {
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
    if let Choice::Take(_) | Choice::CallReport { .. } = choice {
        // An agent-only button pressed (or forged) outside the agents' group.
        desk.audit(
            message.chat.id.0,
            i64::try_from(q.from.id.0).ok(),
            "take",
            false,
        )
        .await;
        return Ok(());
    }
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
        None,
    )
    .await
}

async fn handle(
    bot: &TgBot,
    desk: &Desk,
    who: &Participant,
    input: UserInput,
    update_id: Option<u32>,
    sent_at: Option<chrono::DateTime<chrono::Utc>>,
) -> HandlerResult {
    let chat = ChatId(who.chat_id);
    match desk
        .handle_received(who, input, update_id.map(i64::from), sent_at)
        .await
    {
        Ok(turn) => {
            deliver::send(bot, chat, None, &turn.replies).await?;
            deliver::all(bot, desk, turn.deliveries).await;
            Ok(())
        }
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
