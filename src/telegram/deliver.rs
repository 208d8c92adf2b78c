//! Sending: replies as plain text with inline keyboards, files by their
//! Telegram id, and a handed-over conversation's messages into its forum
//! topic, or as replies to its card where the group is not a forum.

use teloxide::prelude::*;
use teloxide::types::{
    FileId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ReplyParameters,
    ThreadId,
};

use super::TgBot;
use crate::desk::{Delivery, Desk, DeskError, Post};
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

async fn send_at(
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
async fn send_file(
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
    let group = desk.settings().agents.group_chat_id.map(ChatId);
    match delivery {
        Delivery::User { chat_id, reply } => {
            send(bot, ChatId(chat_id), None, &[reply]).await?;
        }
        Delivery::UserFile {
            chat_id,
            attachment,
            caption,
        } => {
            send_file(
                bot,
                ChatId(chat_id),
                Placement::default(),
                &attachment,
                caption.as_deref(),
            )
            .await?;
        }
        Delivery::Group { thread, reply } => {
            if let Some(group) = group {
                send(bot, group, thread.map(thread_id), &[reply]).await?;
            }
        }
        Delivery::Handoff { handoff, post } => {
            post_to_handoff(bot, desk, group, handoff, post).await?;
        }
        Delivery::GroupPhoto { thread, png } => {
            if let Some(group) = group {
                let file = InputFile::memory(png).file_name("indicadores.png");
                let mut request = bot.send_photo(group, file);
                if let Some(thread) = thread {
                    request = request.message_thread_id(thread_id(thread));
                }
                request.await?;
            }
        }
        Delivery::GroupDocument {
            thread,
            file_name,
            bytes,
        } => {
            if let Some(group) = group {
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

fn thread_id(id: i64) -> ThreadId {
    ThreadId(MessageId(i32::try_from(id).unwrap_or_default()))
}

/// A conversation's messages go to its forum topic, created with the card;
/// where the group is no forum, the card is a plain message and the rest
/// replies to it.
async fn post_to_handoff(
    bot: &TgBot,
    desk: &Desk,
    group: Option<ChatId>,
    handoff: i64,
    post: Post,
) -> Result<(), DeliverError> {
    let route = desk.handoff_route(handoff).await?;
    if let Some(person) = route.person_chat {
        // A transfer: straight to the person's own chat.
        let chat = ChatId(person);
        match post {
            Post::Card { reply, .. } | Post::Reply(reply) => {
                send(bot, chat, None, &[reply]).await?;
            }
            Post::File {
                attachment,
                caption,
            } => {
                send_file(
                    bot,
                    chat,
                    Placement::default(),
                    &attachment,
                    caption.as_deref(),
                )
                .await?;
            }
        }
        return Ok(());
    }
    let Some(group) = group else {
        return Ok(());
    };
    let (thread, card) = (route.thread, route.card);
    let placement = Placement {
        thread: thread.map(thread_id),
        reply_to: card
            .filter(|_| thread.is_none())
            .and_then(|c| i32::try_from(c).ok())
            .map(MessageId),
    };
    let sent = match post {
        Post::Card { title, reply } if thread.is_none() && card.is_none() => {
            match bot.create_forum_topic(group, title).await {
                Ok(topic) => {
                    let thread = i64::from(topic.thread_id.0.0);
                    desk.handoff_placed(handoff, Some(thread), None).await?;
                    send(bot, group, Some(topic.thread_id), &[reply]).await?
                }
                Err(error) => {
                    tracing::debug!(%error, "no forum topic; the card opens a reply thread");
                    let sent = send(bot, group, None, &[reply]).await?;
                    let card = sent.first().map(|m| i64::from(m.id.0));
                    desk.handoff_placed(handoff, None, card).await?;
                    sent
                }
            }
        }
        Post::Card { reply, .. } | Post::Reply(reply) => {
            send_at(bot, group, placement, &[reply]).await?
        }
        Post::File {
            attachment,
            caption,
        } => {
            let sent = send_file(bot, group, placement, &attachment, caption.as_deref()).await?;
            desk.handoff_message_posted(handoff, i64::from(sent.0))
                .await?;
            return Ok(());
        }
    };
    for message in sent {
        desk.handoff_message_posted(handoff, i64::from(message.id.0))
            .await?;
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
