//! The agents' group: "Tomar", agent commands, and what agents write in a
//! conversation's topic (or in reply to its card), relayed to the user.

use std::sync::Arc;

use teloxide::prelude::*;

use super::{HandlerResult, Handling, TgBot, users};
use crate::desk::{Desk, DeskError, Editor, GroupPress, TakeResult, WrittenIn};
use crate::protocol::Choice;
use crate::t;

fn written_in(msg: &Message) -> Option<WrittenIn> {
    if msg.is_topic_message
        && let Some(thread) = msg.thread_id
    {
        return Some(WrittenIn::Thread(i64::from(thread.0.0)));
    }
    msg.reply_to_message()
        .map(|r| WrittenIn::ReplyTo(i64::from(r.id.0)))
}

pub(super) async fn on_message(
    desk: Arc<Desk>,
    update: Update,
    msg: Message,
    handling: Handling,
) -> HandlerResult {
    let id = Some(i64::from(update.id.0));
    handling
        .once(&desk, &update, message(&desk, &msg, &handling, id))
        .await
}

/// The agent who wrote a group message; `None` for the bot's own.
async fn writer(
    desk: &Desk,
    msg: &Message,
    handling: &Handling,
) -> Result<Option<crate::agents::Agent>, DeskError> {
    let Some(from) = msg.from.as_ref().filter(|u| !u.is_bot) else {
        return Ok(None);
    };
    let profile_name = from.full_name();
    let agent = handling
        .persist(|| desk.agent_named(user_id(from), &profile_name))
        .await?;
    Ok(Some(agent))
}

/// Whether a group's update is the agents': a group the bot was added to
/// by anyone else is ignored.
async fn agents_group(desk: &Desk, chat: ChatId, handling: &Handling) -> Result<bool, DeskError> {
    let theirs = handling.persist(|| desk.is_agents_group(chat.0)).await?;
    if !theirs {
        // The administrator who adds the bot to a service's group finds its
        // chat id here, for `mesabot route set`.
        tracing::info!(
            chat_id = chat.0,
            "a group that is no agents' group; ignored"
        );
    }
    Ok(theirs)
}

/// `update`: recorded with the action's effects, so it counts once.
async fn message(
    desk: &Desk,
    msg: &Message,
    handling: &Handling,
    update: Option<i64>,
) -> HandlerResult {
    if !agents_group(desk, msg.chat.id, handling).await? {
        return Ok(());
    }
    let Some(agent) = writer(desk, msg, handling).await? else {
        return Ok(());
    };
    let (place, written) = (written_in(msg), users::written(msg));
    handling
        .persist(|| desk.agent_writes(msg.chat.id.0, place, &agent, written.clone(), update))
        .await?;
    Ok(())
}

/// An agent edited one of their messages: its copy for the user follows.
pub(super) async fn on_edit(
    desk: Arc<Desk>,
    update: Update,
    msg: Message,
    handling: Handling,
) -> HandlerResult {
    let id = Some(i64::from(update.id.0));
    handling
        .once(&desk, &update, edited(&desk, &msg, &handling, id))
        .await
}

async fn edited(
    desk: &Desk,
    msg: &Message,
    handling: &Handling,
    update: Option<i64>,
) -> HandlerResult {
    let Some(text) = msg.text().or(msg.caption()) else {
        return Ok(());
    };
    if !agents_group(desk, msg.chat.id, handling).await? {
        return Ok(());
    }
    let Some(agent) = writer(desk, msg, handling).await? else {
        return Ok(());
    };
    let message = users::origin(msg);
    handling
        .persist(|| {
            desk.message_edited(
                message,
                text.to_owned(),
                Editor::Person(agent.name.clone()),
                update,
            )
        })
        .await?;
    Ok(())
}

fn user_id(user: &teloxide::types::User) -> i64 {
    i64::try_from(user.id.0).unwrap_or_default()
}

pub(super) async fn on_button(
    bot: TgBot,
    desk: Arc<Desk>,
    update: Update,
    q: CallbackQuery,
    handling: Handling,
) -> HandlerResult {
    let id = Some(i64::from(update.id.0));
    handling
        .once(&desk, &update, button(&bot, &desk, &q, &handling, id))
        .await
}

async fn button(
    bot: &TgBot,
    desk: &Desk,
    q: &CallbackQuery,
    handling: &Handling,
    update: Option<i64>,
) -> HandlerResult {
    let (Some(choice), Some(card)) = (
        q.data.as_deref().and_then(Choice::parse),
        q.regular_message(),
    ) else {
        bot.answer_callback_query(q.id.clone()).await?;
        return Ok(());
    };
    if !agents_group(desk, card.chat.id, handling).await? {
        desk.audit(card.chat.id.0, Some(user_id(&q.from)), "button", false)
            .await;
        bot.answer_callback_query(q.id.clone()).await?;
        return Ok(());
    }
    let profile_name = q.from.full_name();
    let agent = handling
        .persist(|| desk.agent_named(user_id(&q.from), &profile_name))
        .await?;
    let pressed = handling
        .persist(|| desk.agent_presses(card.chat.id.0, &agent, choice, update))
        .await?;
    let lang = desk.texts().lang(desk.settings().default_locale);
    let answer = bot.answer_callback_query(q.id.clone());
    match pressed {
        GroupPress::Take(TakeResult::TakenBy(name)) => {
            answer
                .text(t!(lang, "agent-taken-by", agent = name))
                .show_alert(true)
                .await?;
        }
        GroupPress::Take(TakeResult::Gone) => {
            answer.text(t!(lang, "agent-gone")).await?;
        }
        GroupPress::Take(TakeResult::Elsewhere) => {
            answer
                .text(t!(lang, "agent-passed-elsewhere"))
                .show_alert(true)
                .await?;
        }
        GroupPress::Take(TakeResult::Taken(_)) | GroupPress::CallReported => {
            answer.await?;
            // The card's button is spent.
            let _ = bot.edit_message_reply_markup(card.chat.id, card.id).await;
        }
        GroupPress::Refused(why) => {
            answer.text(why).show_alert(true).await?;
        }
        GroupPress::Sent(_) | GroupPress::Ignored => {
            answer.await?;
        }
    }
    Ok(())
}
