//! A handed-over conversation's place in the agents' group: its forum topic
//! (the same person's earlier topic opened again, or a new one with the
//! card), or, where the group is no forum, its card and replies to it. The
//! topic's name or the card shows the conversation's state. A topic deleted
//! by hand (or a card, in a plain group) is replaced by a new one that
//! starts with the history, and the message goes there.

use teloxide::prelude::*;
use teloxide::types::MessageId;
use teloxide::{ApiError, RequestError};

use super::TgBot;
use super::deliver::{DeliverError, Placement, send, send_at, send_attachment, thread_id};
use crate::desk::{Desk, HandoffRoute, Post, StateTexts, TopicState};
use crate::protocol::{Origin, Reply};

/// Sends `post` where conversation `handoff` lives.
pub(super) async fn post(
    bot: &TgBot,
    desk: &Desk,
    handoff: i64,
    post: Post,
) -> Result<(), DeliverError> {
    let route = desk.handoff_route(handoff).await?;
    if let Some(person) = route.person_chat {
        return to_person(bot, desk, handoff, ChatId(person), post).await;
    }
    let Some(group) = desk.group_chat(route.group).map(ChatId) else {
        return Ok(());
    };
    match post {
        Post::State(state) => show_state(bot, desk, group, &route, &state).await,
        Post::Card { title, reply } if route.thread.is_none() && route.card.is_none() => {
            place_card(bot, desk, group, handoff, &title, &reply).await
        }
        post => {
            let sent = match post_at(bot, desk, group, &route, &post).await {
                Err(DeliverError::Telegram(error)) if place_gone(&error) => {
                    tracing::info!(handoff, %error, "its place in the group is gone; a new one");
                    let route = replace_place(bot, desk, group, handoff, &route).await?;
                    post_at(bot, desk, group, &route, &post).await?
                }
                sent => sent?,
            };
            posted(desk, handoff, &sent).await?;
            remember_copies(desk, handoff, origin_of(&post), group, &sent).await
        }
    }
}

/// A transfer: straight to the person's own chat (no state to show).
async fn to_person(
    bot: &TgBot,
    desk: &Desk,
    handoff: i64,
    chat: ChatId,
    post: Post,
) -> Result<(), DeliverError> {
    let origin = origin_of(&post);
    let sent: Vec<MessageId> = match post {
        Post::Card { reply, .. } | Post::Reply(reply) | Post::Relayed { reply, .. } => {
            ids(&send(bot, chat, None, &[reply]).await?)
        }
        Post::File {
            attachment,
            caption,
        } => {
            send_attachment(
                bot,
                desk,
                chat,
                Placement::default(),
                &attachment,
                caption.as_deref(),
            )
            .await?
        }
        Post::State(_) => Vec::new(),
    };
    remember_copies(desk, handoff, origin, chat, &sent).await
}

/// Where a relayed message came from, for its edits.
fn origin_of(post: &Post) -> Option<Origin> {
    match post {
        Post::Relayed { from, .. } => *from,
        Post::File { attachment, .. } => attachment.origin,
        _ => None,
    }
}

async fn remember_copies(
    desk: &Desk,
    handoff: i64,
    origin: Option<Origin>,
    chat: ChatId,
    sent: &[MessageId],
) -> Result<(), DeliverError> {
    if let Some(from) = origin {
        for copy in sent {
            desk.relayed(handoff, from, chat.0, i64::from(copy.0))
                .await?;
        }
    }
    Ok(())
}

/// In the conversation's topic, else in reply to its card.
fn placement(thread: Option<i64>, card: Option<i64>) -> Placement {
    Placement {
        thread: thread.map(thread_id),
        reply_to: card
            .filter(|_| thread.is_none())
            .and_then(|c| i32::try_from(c).ok())
            .map(MessageId),
    }
}

async fn post_at(
    bot: &TgBot,
    desk: &Desk,
    group: ChatId,
    route: &HandoffRoute,
    post: &Post,
) -> Result<Vec<MessageId>, DeliverError> {
    let placement = placement(route.thread, route.card);
    match post {
        Post::Card { reply, .. } | Post::Reply(reply) | Post::Relayed { reply, .. } => {
            let sent = send_at(bot, group, placement, std::slice::from_ref(reply)).await?;
            Ok(ids(&sent))
        }
        Post::File {
            attachment,
            caption,
        } => send_attachment(bot, desk, group, placement, attachment, caption.as_deref()).await,
        Post::State(_) => Ok(Vec::new()),
    }
}

fn ids(sent: &[Message]) -> Vec<MessageId> {
    sent.iter().map(|m| m.id).collect()
}

/// Messages of the conversation, so replies to them find it.
async fn posted(desk: &Desk, handoff: i64, sent: &[MessageId]) -> Result<(), DeliverError> {
    for message in sent {
        desk.handoff_message_posted(handoff, i64::from(message.0))
            .await?;
    }
    Ok(())
}

/// Telegram's answer when the topic (or the card replied to) was deleted.
fn place_gone(error: &RequestError) -> bool {
    match error {
        RequestError::Api(ApiError::MessageToReplyNotFound) => true,
        RequestError::Api(ApiError::Unknown(text)) => {
            text.contains("thread not found")
                || text.contains("TOPIC_DELETED")
                || text.contains("TOPIC_ID_INVALID")
        }
        _ => false,
    }
}

/// A topic or card that changed nothing is no failure: the state is only
/// shown. Limits and network errors still go back to the sender to retry.
fn shown(result: Result<impl Sized, RequestError>) -> Result<(), RequestError> {
    match result {
        Ok(_) => Ok(()),
        Err(RequestError::Api(error)) => {
            tracing::debug!(%error, "state not shown");
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// The topic's name (and closing it), or the card's text, for `state`.
async fn show_state(
    bot: &TgBot,
    desk: &Desk,
    group: ChatId,
    route: &HandoffRoute,
    state: &TopicState,
) -> Result<(), DeliverError> {
    let texts = desk.topic_texts(route, state);
    let over = matches!(state, TopicState::Closed | TopicState::Passed { .. });
    show(bot, group, (route.thread, route.card), texts, over).await
}

/// The topic (`place.0`) renamed, and closed when the conversation is
/// `over` here; or, without a topic, the card (`place.1`) edited.
async fn show(
    bot: &TgBot,
    group: ChatId,
    place: (Option<i64>, Option<i64>),
    texts: StateTexts,
    over: bool,
) -> Result<(), DeliverError> {
    if let Some(thread) = place.0.map(thread_id) {
        if let Some(name) = texts.topic_name {
            shown(bot.edit_forum_topic(group, thread).name(name).await)?;
        }
        if over {
            shown(bot.close_forum_topic(group, thread).await)?;
        }
    } else if let (Some(card), Some(text)) = (place.1, texts.card_text) {
        let card = MessageId(i32::try_from(card).unwrap_or_default());
        shown(bot.edit_message_text(group, card, text).await)?;
    }
    Ok(())
}

/// Reopens a topic; `true` when it is open now (or already was).
async fn reopened(bot: &TgBot, group: ChatId, thread: i64) -> Result<bool, RequestError> {
    match bot.reopen_forum_topic(group, thread_id(thread)).await {
        Ok(_) => Ok(true),
        Err(RequestError::Api(ApiError::Unknown(text))) if text.contains("TOPIC_NOT_MODIFIED") => {
            Ok(true)
        }
        Err(RequestError::Api(error)) => {
            tracing::debug!(%error, thread, "earlier topic not reopened");
            Ok(false)
        }
        Err(error) => Err(error),
    }
}

/// The card that opens a conversation: in the same person's earlier topic,
/// opened again; else in a new topic; else, in a group without topics, as a
/// plain message the rest replies to.
async fn place_card(
    bot: &TgBot,
    desk: &Desk,
    group: ChatId,
    handoff: i64,
    title: &str,
    card: &Reply,
) -> Result<(), DeliverError> {
    let waiting = |route: &HandoffRoute| {
        desk.topic_texts(route, &TopicState::Waiting)
            .topic_name
            .unwrap_or_else(|| title.to_owned())
    };
    if let Some(thread) = desk.earlier_topic(handoff).await?
        && reopened(bot, group, thread).await?
    {
        desk.handoff_placed(handoff, Some(thread), None).await?;
        let route = desk.handoff_route(handoff).await?;
        shown(
            bot.edit_forum_topic(group, thread_id(thread))
                .name(waiting(&route))
                .await,
        )?;
        match send(
            bot,
            group,
            Some(thread_id(thread)),
            std::slice::from_ref(card),
        )
        .await
        {
            Ok(sent) => {
                return posted(desk, handoff, &ids(&sent)).await;
            }
            Err(error) if place_gone(&error) => {
                tracing::info!(%error, thread, "earlier topic gone; a new one");
            }
            Err(error) => return Err(error.into()),
        }
    }
    let route = desk.handoff_route(handoff).await?;
    let sent = match bot.create_forum_topic(group, waiting(&route)).await {
        Ok(topic) => {
            let thread = i64::from(topic.thread_id.0.0);
            desk.handoff_placed(handoff, Some(thread), None).await?;
            send(
                bot,
                group,
                Some(topic.thread_id),
                std::slice::from_ref(card),
            )
            .await?
        }
        Err(error) => {
            tracing::debug!(%error, "no forum topic; the card opens a reply thread");
            let sent = send(bot, group, None, std::slice::from_ref(card)).await?;
            let card = sent.first().map(|m| i64::from(m.id.0));
            desk.handoff_placed(handoff, None, card).await?;
            sent
        }
    };
    posted(desk, handoff, &ids(&sent)).await
}

/// A new topic (or card) for a conversation whose place was deleted, opened
/// with its card and latest lines; the route to it.
async fn replace_place(
    bot: &TgBot,
    desk: &Desk,
    group: ChatId,
    handoff: i64,
    route: &HandoffRoute,
) -> Result<HandoffRoute, DeliverError> {
    let history = Reply::text(desk.topic_history(handoff).await?);
    if route.thread.is_some() {
        let name = desk
            .topic_texts(route, &route.state)
            .topic_name
            .unwrap_or_else(|| format!("#{handoff}"));
        let topic = bot.create_forum_topic(group, name).await?;
        let thread = i64::from(topic.thread_id.0.0);
        desk.handoff_placed(handoff, Some(thread), None).await?;
        let sent = send(bot, group, Some(topic.thread_id), &[history]).await?;
        posted(desk, handoff, &ids(&sent)).await?;
    } else {
        let sent = send(bot, group, None, &[history]).await?;
        let card = sent.first().map(|m| i64::from(m.id.0));
        desk.handoff_placed(handoff, None, card).await?;
        posted(desk, handoff, &ids(&sent)).await?;
    }
    Ok(desk.handoff_route(handoff).await?)
}

/// A conversation's place in a group it was passed away from, and what it
/// shows there now.
pub(super) struct Left {
    pub thread: Option<i64>,
    pub card: Option<i64>,
    pub notice: String,
    pub texts: StateTexts,
}

/// Where it went is said in the place it left, and that place shows it is
/// over here: the topic renamed and closed, or the card edited. A place
/// deleted meanwhile needs nothing.
pub(super) async fn leave(bot: &TgBot, group: ChatId, left: Left) -> Result<(), DeliverError> {
    let placement = placement(left.thread, left.card);
    match send_at(bot, group, placement, &[Reply::text(left.notice)]).await {
        Err(error) if place_gone(&error) => return Ok(()),
        sent => sent?,
    };
    show(bot, group, (left.thread, left.card), left.texts, true).await
}
