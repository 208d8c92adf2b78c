//! Sending: replies as plain text with inline keyboards, files by their
//! Telegram id or copied; a handed-over conversation's messages are placed
//! by `handoff_posts`.

use teloxide::prelude::*;
use teloxide::types::{
    FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ReplyParameters,
    ThreadId,
};

use super::TgBot;
use crate::desk::{Delivery, Desk, DeskError};
use crate::protocol::{Attachment, AttachmentKind, Reply};

/// Telegram rejects longer messages.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// Where in a chat a message goes.
#[derive(Clone, Copy, Default)]
pub struct Placement {
    pub thread: Option<ThreadId>,
    pub reply_to: Option<MessageId>,
}

impl Placement {
    pub fn thread(thread: Option<ThreadId>) -> Placement {
        Placement {
            thread,
            reply_to: None,
        }
    }
}

/// Sends replies in order, as plain text (never parsed as markup), each
/// split where it is longer than Telegram allows.
pub async fn send(
    bot: &TgBot,
    chat: ChatId,
    thread: Option<ThreadId>,
    replies: &[Reply],
) -> Result<Vec<Message>, teloxide::RequestError> {
    send_at(bot, chat, Placement::thread(thread), replies).await
}

pub(super) async fn send_at(
    bot: &TgBot,
    chat: ChatId,
    placement: Placement,
    replies: &[Reply],
) -> Result<Vec<Message>, teloxide::RequestError> {
    let mut sent = Vec::new();
    for reply in replies {
        let chunks = split_message(&reply.text);
        let last = chunks.len().saturating_sub(1);
        for (index, chunk) in chunks.into_iter().enumerate() {
            let mut request = bot.send_message(chat, chunk);
            if let Some(thread) = placement.thread {
                request = request.message_thread_id(thread);
            }
            if let Some(message) = placement.reply_to {
                request = request.reply_parameters(ReplyParameters::new(message));
            }
            if index == last && !reply.buttons.is_empty() {
                request = request.reply_markup(keyboard(reply));
            }
            sent.push(request.await?);
        }
    }
    Ok(sent)
}

/// A file request with its caption, topic and the message it answers
/// (photo and document requests have the same setters, but no common trait).
macro_rules! placed {
    ($request:expr, $caption:expr, $placement:expr) => {{
        let mut request = $request;
        if let Some(caption) = $caption {
            request = request.caption(caption);
        }
        if let Some(thread) = $placement.thread {
            request = request.message_thread_id(thread);
        }
        if let Some(message) = $placement.reply_to {
            request = request.reply_parameters(ReplyParameters::new(message));
        }
        request
    }};
}

/// A photo or a document by its file id; any other kind (a voice note, a
/// sticker, a location…) copied from the message it came in, as it was, so
/// nothing is uploaded again and a voice note stays a voice note.
pub(super) async fn send_file(
    bot: &TgBot,
    chat: ChatId,
    placement: Placement,
    attachment: &Attachment,
    caption: Option<&str>,
) -> Result<MessageId, teloxide::RequestError> {
    let file = InputFile::file_id(FileId(attachment.file_id.clone()));
    let origin = attachment.origin;
    match (attachment.kind, origin) {
        (AttachmentKind::Photo, _) => Ok(placed!(bot.send_photo(chat, file), caption, placement)
            .await?
            .id),
        (AttachmentKind::Document, _) | (_, None) => {
            Ok(placed!(bot.send_document(chat, file), caption, placement)
                .await?
                .id)
        }
        (kind, Some(origin)) => {
            let message = MessageId(i32::try_from(origin.message_id).unwrap_or_default());
            let copy = bot.copy_message(chat, ChatId(origin.chat_id), message);
            // The caption given replaces the original one, which was relayed
            // as a message of its own ("": none).
            let caption = kind.takes_caption().then(|| caption.unwrap_or(""));
            placed!(copy, caption, placement).await
        }
    }
}

/// An album waits this long for messages still arriving, at most
/// [`ALBUM_WAITS`] times: Telegram delivers its parts as separate updates.
const ALBUM_QUIET: std::time::Duration = std::time::Duration::from_millis(300);
const ALBUM_WAITS: u32 = 5;

/// A file as [`send_file`] sends it; an album's part brings the whole
/// album (the parts not sent yet), copied in one request so it stays one
/// album with its captions, after `caption` as a message of its own. A part
/// whose album already went sends nothing.
pub(super) async fn send_attachment(
    bot: &TgBot,
    desk: &Desk,
    chat: ChatId,
    placement: Placement,
    attachment: &Attachment,
    caption: Option<&str>,
) -> Result<Vec<MessageId>, DeliverError> {
    let (Some(album), Some(origin)) = (&attachment.album, attachment.origin) else {
        return Ok(vec![
            send_file(bot, chat, placement, attachment, caption).await?,
        ]);
    };
    let mut size = desk.album_size(album, origin.chat_id).await?;
    for _ in 0..ALBUM_WAITS {
        tokio::time::sleep(ALBUM_QUIET).await;
        let now = desk.album_size(album, origin.chat_id).await?;
        if now == size {
            break;
        }
        size = now;
    }
    let parts = desk.album_to_send(album, origin.chat_id).await?;
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let mut sent = Vec::new();
    if let Some(caption) = caption {
        let said = send_at(bot, chat, placement, &[Reply::text(caption.to_owned())]).await?;
        sent.extend(said.iter().map(|m| m.id));
    }
    let parts = parts
        .into_iter()
        .map(|id| MessageId(i32::try_from(id).unwrap_or_default()));
    let mut copy = bot.copy_messages(chat, ChatId(origin.chat_id), parts);
    if let Some(thread) = placement.thread {
        copy = copy.message_thread_id(thread);
    }
    sent.extend(copy.await?);
    Ok(sent)
}

/// Why a queued message did not go out.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("Telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error("queued message unreadable: {0}")]
    Unreadable(String),
}

/// Sends one queued delivery.
pub async fn deliver(bot: &TgBot, desk: &Desk, delivery: Delivery) -> Result<(), DeliverError> {
    let group = |group: Option<i64>| desk.group_chat(group).map(ChatId);
    match delivery {
        Delivery::User { chat_id, reply } => {
            send(bot, ChatId(chat_id), None, &[reply]).await?;
        }
        Delivery::UserRelayed {
            handoff,
            chat_id,
            reply,
            from,
        } => {
            let sent = send(bot, ChatId(chat_id), None, &[reply]).await?;
            for message in sent {
                desk.relayed(handoff, from, chat_id, i64::from(message.id.0))
                    .await?;
            }
        }
        Delivery::Edit {
            chat_id,
            thread,
            message_id,
            text,
            fallback,
        } => edit(bot, ChatId(chat_id), thread, message_id, text, fallback).await?,
        Delivery::UserFile {
            chat_id,
            attachment,
            caption,
        } => {
            // An album keeps the captions it was written with.
            let caption = caption.filter(|_| attachment.album.is_none());
            send_attachment(
                bot,
                desk,
                ChatId(chat_id),
                Placement::default(),
                &attachment,
                caption.as_deref(),
            )
            .await?;
        }
        Delivery::Group {
            group: to,
            thread,
            reply,
        } => {
            if let Some(group) = group(to) {
                send(bot, group, thread.map(thread_id), &[reply]).await?;
            }
        }
        Delivery::Handoff { handoff, post } => {
            super::handoff_posts::post(bot, desk, handoff, post).await?;
        }
        Delivery::PlaceLeft {
            group: from,
            thread,
            card,
            notice,
            topic_name,
            card_text,
        } => {
            if let Some(group) = group(from) {
                let left = super::handoff_posts::Left {
                    thread,
                    card,
                    notice,
                    texts: crate::desk::StateTexts {
                        topic_name,
                        card_text,
                    },
                };
                super::handoff_posts::leave(bot, group, left).await?;
            }
        }
        Delivery::GroupPhoto {
            group: to,
            thread,
            png,
        } => {
            if let Some(group) = group(to) {
                let file = InputFile::memory(png).file_name("indicadores.png");
                let mut request = bot.send_photo(group, file);
                if let Some(thread) = thread {
                    request = request.message_thread_id(thread_id(thread));
                }
                request.await?;
            }
        }
        Delivery::GroupDocument {
            group: to,
            thread,
            file_name,
            bytes,
        } => {
            if let Some(group) = group(to) {
                let file = InputFile::memory(bytes).file_name(file_name);
                let mut request = bot.send_document(group, file);
                if let Some(thread) = thread {
                    request = request.message_thread_id(thread_id(thread));
                }
                request.await?;
            }
        }
    }
    Ok(())
}

/// A relayed copy gets the edited text; a copy Telegram cannot edit that
/// way (a file, whose caption was edited) gets `fallback` in reply to it.
async fn edit(
    bot: &TgBot,
    chat: ChatId,
    thread: Option<i64>,
    message_id: i64,
    text: String,
    fallback: String,
) -> Result<(), teloxide::RequestError> {
    let message = MessageId(i32::try_from(message_id).unwrap_or_default());
    match bot.edit_message_text(chat, message, text).await {
        Ok(_) | Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
        Err(teloxide::RequestError::Api(error)) => {
            tracing::debug!(%error, "copy not editable; the edit goes in reply");
            let placement = Placement {
                thread: thread.map(thread_id),
                reply_to: Some(message),
            };
            send_at(bot, chat, placement, &[Reply::text(fallback)]).await?;
            Ok(())
        }
        Err(error) => Err(error),
    }
}

pub(super) fn thread_id(id: i64) -> ThreadId {
    ThreadId(MessageId(i32::try_from(id).unwrap_or_default()))
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
