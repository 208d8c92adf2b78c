//! The agents' group: "Tomar", agent commands, and what agents write in a
//! conversation's topic (or in reply to its card), relayed to the user.

use std::sync::Arc;

use teloxide::prelude::*;

use super::{HandlerResult, Handling, TgBot, users};
use crate::agents::AgentCommand;
use crate::desk::{AgentPlace, Desk, TakeResult};
use crate::protocol::Choice;
use crate::t;

fn place_of(msg: &Message) -> Option<AgentPlace> {
    if msg.is_topic_message
        && let Some(thread) = msg.thread_id
    {
        return Some(AgentPlace::Thread(i64::from(thread.0.0)));
    }
    msg.reply_to_message()
        .map(|r| AgentPlace::ReplyTo(i64::from(r.id.0)))
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

/// `update`: recorded with the action's effects, so it counts once.
async fn message(
    desk: &Desk,
    msg: &Message,
    handling: &Handling,
    update: Option<i64>,
) -> HandlerResult {
    let Some(from) = msg.from.as_ref().filter(|u| !u.is_bot) else {
        return Ok(());
    };
    let user_id = i64::try_from(from.id.0).unwrap_or_default();
    let profile_name = from.full_name();
    let agent = handling
        .persist(|| desk.agent_named(user_id, &profile_name))
        .await?;
    let place = place_of(msg);
    if let Some(text) = msg.text()
        && text.starts_with('/')
    {
        if let Some(command) = AgentCommand::parse(text) {
            desk.audit(msg.chat.id.0, Some(user_id), text, true).await;
            handling
                .persist(|| desk.agent_command(place, &agent, command.clone(), update))
                .await?;
        }
        return Ok(());
    }
    // Talk in the group outside any conversation is the agents' own.
    let Some(place) = place else {
        return Ok(());
    };
    let attachment = users::attachment(msg);
    let text = msg.text().or(msg.caption()).map(String::from);
    if attachment.is_none() && text.is_none() {
        return Ok(());
    }
    handling
        .persist(|| desk.agent_says(place, &agent, text.clone(), attachment.clone(), update))
        .await?;
    Ok(())
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
    let lang = desk.texts().lang(desk.settings().default_locale);
    let user_id = i64::try_from(q.from.id.0).unwrap_or_default();
    let profile_name = q.from.full_name();
    let agent = handling
        .persist(|| desk.agent_named(user_id, &profile_name))
        .await?;
    let handoff = match q.data.as_deref().and_then(Choice::parse) {
        Some(Choice::Take(handoff)) => handoff,
        Some(Choice::CallReport { attempt, answered }) => {
            // Recorded with the chat it was pressed in, as every other audit.
            let chat = q
                .regular_message()
                .map_or(user_id, |message| message.chat.id.0);
            desk.audit(chat, Some(user_id), "call report", true).await;
            handling
                .persist(|| desk.report_call(attempt, answered, &agent.name, false, update))
                .await?;
            bot.answer_callback_query(q.id.clone()).await?;
            if let Some(card) = q.regular_message() {
                let _ = bot.edit_message_reply_markup(card.chat.id, card.id).await;
            }
            return Ok(());
        }
        _ => {
            bot.answer_callback_query(q.id.clone()).await?;
            return Ok(());
        }
    };
    match handling
        .persist(|| desk.take(handoff, &agent, update))
        .await?
    {
        TakeResult::Taken(_) => {
            bot.answer_callback_query(q.id.clone()).await?;
            if let Some(card) = q.regular_message() {
                // The card's button is spent.
                let _ = bot.edit_message_reply_markup(card.chat.id, card.id).await;
            }
        }
        TakeResult::TakenBy(name) => {
            bot.answer_callback_query(q.id.clone())
                .text(t!(lang, "agent-taken-by", agent = name))
                .show_alert(true)
                .await?;
        }
        TakeResult::Gone => {
            bot.answer_callback_query(q.id.clone())
                .text(t!(lang, "agent-gone"))
                .await?;
        }
    }
    Ok(())
}
