//! Users in private chats: messages and button presses become protocol inputs.

use std::sync::Arc;

use teloxide::prelude::*;
use teloxide::types::{Chat, User};

use super::flood::{FloodGuard, Verdict};
use super::{HandlerResult, Handling, TgBot};
use crate::desk::Desk;
use crate::locale::Locale;
use crate::protocol::{Attachment, AttachmentKind, Choice, UserInput};
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
    // A person a conversation was transferred to answers from their own chat.
    let chat = msg.chat.id.0;
    if let Some(person) = handling.persist(|| desk.transfer_target(chat)).await? {
        let text = msg.text().or(msg.caption()).map(String::from);
        let file = attachment(&msg);
        let id = Some(i64::from(update.id.0));
        let relay = async {
            handling
                .persist(|| desk.person_writes(&person, chat, text.clone(), file.clone(), id))
                .await?;
            Ok(())
        };
        return handling.once(&desk, &update, relay).await;
    }
    let sent = Some(msg.date);
    if let Some(attachment) = attachment(&msg) {
        let cx = Inbound {
            bot: &bot,
            desk: &desk,
            handling: &handling,
            who: &who,
        };
        cx.handle(UserInput::Attachment(attachment), Some(update.id.0), sent)
            .await?;
        // A caption is what the user wrote with the file: it counts as text.
        return match msg.caption() {
            Some(caption) => cx.handle(UserInput::from_text(caption), None, sent).await,
            None => Ok(()),
        };
    }
    let input = match msg.text() {
        Some(text) => UserInput::from_text(text),
        None => UserInput::Unsupported,
    };
    let cx = Inbound {
        bot: &bot,
        desk: &desk,
        handling: &handling,
        who: &who,
    };
    cx.handle(input, Some(update.id.0), sent).await
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
    let cx = Inbound {
        bot: &bot,
        desk: &desk,
        handling: &handling,
        who: &who,
    };
    cx.handle(UserInput::Choice(choice), Some(update.id.0), None)
        .await
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

/// One user input on its way through the desk.
struct Inbound<'a> {
    bot: &'a TgBot,
    desk: &'a Desk,
    handling: &'a Handling,
    who: &'a Participant,
}

impl Inbound<'_> {
    /// The desk queues the replies in the same transaction; the sender sends them.
    async fn handle(
        &self,
        input: UserInput,
        update_id: Option<u32>,
        sent_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> HandlerResult {
        let update_id = update_id.map(i64::from);
        let result = self
            .handling
            .persist(|| {
                self.desk
                    .handle_received(self.who, input.clone(), update_id, sent_at)
            })
            .await;
        if let Err(error) = result {
            if !error.is_unavailable() {
                crate::monitor::error("handler");
                // Not a passing condition: the user hears of it at once.
                let sorry = t!(self.desk.texts().lang(self.who.locale), "error-try-again");
                tell(self.bot, self.desk, self.who.chat_id, sorry).await;
            }
            return Err(error.into());
        }
        Ok(())
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
