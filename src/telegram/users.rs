//! Users in private chats: messages and button presses become protocol inputs.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{Chat, User};

use super::flood::{FloodGuard, Verdict};
use super::{HandlerResult, Handling, TgBot};
use crate::desk::{Desk, DeskError, Written};
use crate::locale::Locale;
use crate::protocol::{Attachment, AttachmentKind, Choice, Origin, UserInput};
use crate::store::conversations::{Channel, Participant};
use crate::t;

/// A chat over the flood limit is told once to slow down; `false`: ignore this input.
async fn within_limits(bot: &TgBot, desk: &Desk, flood: &FloodGuard, who: &Participant) -> bool {
    match flood.check(who.chat_id, tokio::time::Instant::now()) {
        Verdict::Allow => true,
        Verdict::Warn => {
            tracing::warn!(
                chat = who.chat_id,
                "flood control: inputs ignored for a while"
            );
            let text = t!(desk.texts().lang(who.locale), "flood-slow-down");
            tell(bot, desk, who.chat_id, text).await;
            false
        }
        Verdict::Drop => false,
    }
}

pub(super) async fn on_message(
    bot: TgBot,
    desk: Arc<Desk>,
    update: Update,
    msg: Message,
    handling: Handling,
    flood: Arc<FloodGuard>,
) -> HandlerResult {
    let who = participant(&msg.chat, msg.from.as_ref(), desk.settings().default_locale);
    if !within_limits(&bot, &desk, &flood, &who).await {
        return Ok(());
    }
    let written = written(&msg);
    let update_id = Some(i64::from(update.id.0));
    let sent = Some(msg.date);
    let result = handling
        .persist(|| desk.private_message(&who, written.clone(), update_id, sent))
        .await;
    answered(&bot, &desk, &who, result).await
}

/// A user edited a message (or a transferred-to person, theirs): its
/// relayed copy follows.
pub(super) async fn on_edit(
    desk: Arc<Desk>,
    update: Update,
    msg: Message,
    handling: Handling,
) -> HandlerResult {
    let Some(text) = msg.text().or(msg.caption()) else {
        return Ok(());
    };
    let id = Some(i64::from(update.id.0));
    let message = origin(&msg);
    let edited = async {
        handling
            .persist(|| desk.private_edit(message, text.to_owned(), id))
            .await?;
        Ok(())
    };
    handling.once(&desk, &update, edited).await
}

/// The message itself, as the desk remembers relayed messages.
pub(super) fn origin(msg: &Message) -> Origin {
    Origin {
        chat_id: msg.chat.id.0,
        message_id: i64::from(msg.id.0),
    }
}

/// What a message carries, as the desk reads it.
pub(super) fn written(msg: &Message) -> Written {
    let attachment = attachment(msg);
    let text = msg.text().or(msg.caption()).map(String::from);
    Written {
        unreadable: attachment.is_none() && msg.text().is_none(),
        text,
        attachment,
        origin: Some(origin(msg)),
    }
}

/// What a message carries besides text: a photo (its largest size), a
/// document, or any other kind a person can be shown (relayed by copying
/// the message itself). `None` for text, and for what cannot be relayed (a
/// poll, a game, a dice).
pub(super) fn attachment(msg: &Message) -> Option<Attachment> {
    let (file_id, kind) = if let Some(sizes) = msg.photo() {
        let largest = sizes.iter().max_by_key(|p| p.width * p.height)?;
        (largest.file.id.to_string(), AttachmentKind::Photo)
    } else if let Some(document) = msg.document() {
        (document.file.id.to_string(), AttachmentKind::Document)
    } else if let Some(voice) = msg.voice() {
        (voice.file.id.to_string(), AttachmentKind::Voice)
    } else if let Some(audio) = msg.audio() {
        (audio.file.id.to_string(), AttachmentKind::Audio)
    } else if let Some(video) = msg.video() {
        (video.file.id.to_string(), AttachmentKind::Video)
    } else if let Some(note) = msg.video_note() {
        (note.file.id.to_string(), AttachmentKind::VideoNote)
    } else if let Some(sticker) = msg.sticker() {
        (sticker.file.id.to_string(), AttachmentKind::Sticker)
    } else if let Some(animation) = msg.animation() {
        (animation.file.id.to_string(), AttachmentKind::Animation)
    } else if let Some(location) = msg.location() {
        let at = format!("{:.5},{:.5}", location.latitude, location.longitude);
        (at, AttachmentKind::Location)
    } else if let Some(contact) = msg.contact() {
        (contact.phone_number.clone(), AttachmentKind::Contact)
    } else {
        return None;
    };
    Some(Attachment {
        file_id,
        kind,
        album: msg.media_group_id().map(|group| group.0.clone()),
        origin: Some(Origin {
            chat_id: msg.chat.id.0,
            message_id: i64::from(msg.id.0),
        }),
    })
}

pub(super) async fn on_button(
    bot: TgBot,
    desk: Arc<Desk>,
    update: Update,
    q: CallbackQuery,
    handling: Handling,
    flood: Arc<FloodGuard>,
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
    // The pressed keyboard goes away, so an old button is not pressed twice.
    if let Err(error) = bot
        .edit_message_reply_markup(message.chat.id, message.id)
        .await
    {
        tracing::debug!(%error, "removing a used keyboard failed");
    }
    let who = participant(&message.chat, Some(&q.from), desk.settings().default_locale);
    if !within_limits(&bot, &desk, &flood, &who).await {
        return Ok(());
    }
    let update_id = Some(i64::from(update.id.0));
    let input = UserInput::Choice(choice);
    let result = handling
        .persist(|| desk.handle_received(&who, input.clone(), update_id, None))
        .await
        .map(drop);
    answered(&bot, &desk, &who, result).await
}

/// A notice outside any conversation, through the send queue (Telegram's
/// limits); sent directly only when the database cannot take it.
async fn tell(bot: &TgBot, desk: &Desk, chat_id: i64, text: String) {
    if let Err(error) = desk.tell(chat_id, text.clone()).await {
        tracing::warn!(%error, "notice not queued; sent directly");
        if let Err(error) = bot.send_message(ChatId(chat_id), text).await {
            tracing::debug!(%error, "notice not sent");
        }
    }
}

/// The desk queued the replies in the same transaction (the sender sends
/// them); a failure that is not a passing condition is told to the user at once.
async fn answered(
    bot: &TgBot,
    desk: &Desk,
    who: &Participant,
    result: Result<(), DeskError>,
) -> HandlerResult {
    if let Err(error) = result {
        if !error.is_unavailable() {
            crate::monitor::error("handler");
            let sorry = t!(desk.texts().lang(who.locale), "error-try-again");
            tell(bot, desk, who.chat_id, sorry).await;
        }
        return Err(error.into());
    }
    Ok(())
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
