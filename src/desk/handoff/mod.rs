//! The desk's side of handing conversations to agents. The agents' feature
//! is, in reading order: `protocol/handoff.rs` (the user's side: waiting,
//! the hold protocol, the agent's greeting and farewell), this folder (the
//! queue and its card in `queue.rs`, what agents do in `agent.rs`, where a
//! conversation's messages go here, what arrives from the group and
//! from transferred-to people in `group.rs`, passing between the agents'
//! groups of several services in `passing.rs`), `store/handoffs.rs` (its
//! rows), `agents/` (settings, business hours, the commands' words, the
//! groups by service in `routes.rs`) and `telegram/agents.rs` (the groups'
//! updates).

mod agent;
mod albums;
mod answers;
mod edits;
mod group;
mod passing;
mod queue;
mod ratings;
mod topics;

pub use edits::Editor;
pub use group::{GroupPress, Written};
pub use topics::StateTexts;

use sqlx::AnyConnection;

use super::{Delivery, Desk, DeskError, Opening, Post};
use crate::agents::{Agent, AgentCommand};
use crate::protocol::{Button, Choice, Command, Input, Outcome, Reply, UserInput};
use crate::store::conversations::{self, Channel, Participant};
use crate::store::handoffs::{self, Handoff};
use crate::store::{self, StoreError};
use crate::t;

/// Where an agent wrote: in a forum topic, in reply to one of the bot's
/// messages, or (a person a conversation was transferred to) in their own chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrittenIn {
    Thread(i64),
    ReplyTo(i64),
    /// The private chat of a person a conversation was transferred to.
    Person(i64),
}

/// Where a handed-over conversation's messages go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HandoffRoute {
    pub thread: Option<i64>,
    pub card: Option<i64>,
    pub person_chat: Option<i64>,
    /// The topic's name and the card's text, without the state.
    pub topic_title: Option<String>,
    pub card_text: Option<String>,
    /// The agents' group it is in; `None`: the general one.
    pub group: Option<i64>,
    /// Where it stands now, for a place made anew.
    pub state: super::TopicState,
}

/// The answer to an agent pressing "Tomar".
#[derive(Debug)]
pub enum TakeResult {
    Taken(Vec<Delivery>),
    /// Someone pressed first.
    TakenBy(String),
    /// The conversation is no longer waiting (closed, or the user left).
    Gone,
    /// It was passed to another agents' group (a card left behind).
    Elsewhere,
}

/// The handoff as it stands once its user's chat is locked (PostgreSQL): the
/// user's own updates and other agents' actions on it wait until this
/// transaction commits, so what is read now stays true, and the chat is
/// always locked before the handoff's row (no deadlock with the user's side).
pub(super) async fn locked(
    conn: &mut AnyConnection,
    handoff: Option<Handoff>,
) -> Result<Option<Handoff>, StoreError> {
    let Some(handoff) = handoff else {
        return Ok(None);
    };
    if conversations::lock_chat(conn, handoff.chat_id).await? {
        // Read again: another transaction on the chat may have changed it.
        return handoffs::get(conn, handoff.id).await;
    }
    Ok(Some(handoff))
}

impl Desk {
    pub(in crate::desk) fn group_lang(&self) -> &crate::locale::Lang {
        self.texts.lang(self.settings.default_locale)
    }

    fn notice(&self, handoff: i64, text: String) -> Delivery {
        Delivery::Handoff {
            handoff,
            post: Post::Reply(Reply::text(text)),
        }
    }

    /// Why `agent` may not act in `handoff` (it is over, not taken, or
    /// another agent's), as the notice to give; `None` when they may.
    fn refusal(&self, handoff: &Handoff, agent: &Agent) -> Option<String> {
        let lang = self.group_lang();
        if handoff.ended_at.is_some() {
            return Some(t!(lang, "agent-gone"));
        }
        match (handoff.agent_user_id, &handoff.agent_name) {
            (Some(owner), _) if owner == agent.user_id => None,
            (Some(_), Some(by)) => Some(t!(lang, "agent-not-yours", agent = by.as_str())),
            _ => Some(t!(lang, "agent-take-first")),
        }
    }

    /// Runs the user's side of the protocol for something an agent did.
    async fn user_side(
        &self,
        conn: &mut AnyConnection,
        handoff: &Handoff,
        input: Input,
    ) -> Result<Vec<Delivery>, DeskError> {
        Ok(self.user_side_closing(conn, handoff, input).await?.0)
    }

    /// As [`Desk::user_side`], with the outcome the conversation was closed with.
    async fn user_side_closing(
        &self,
        conn: &mut AnyConnection,
        handoff: &Handoff,
        input: Input,
    ) -> Result<(Vec<Delivery>, Option<Outcome>), DeskError> {
        let Some(channel) = Channel::parse(&handoff.channel) else {
            return Ok((Vec::new(), None));
        };
        let who = Participant {
            channel,
            chat_id: handoff.chat_id,
            user_id: None,
            user_name: handoff.user_name.clone(),
            locale: self.settings.default_locale,
        };
        let open = conversations::find_open(conn, channel, handoff.chat_id).await?;
        let ran = self
            .run(conn, &who, input, None, open.into(), Opening::OnlyExisting)
            .await?;
        let mut deliveries: Vec<Delivery> = ran
            .replies
            .into_iter()
            .map(|reply| Delivery::User {
                chat_id: handoff.chat_id,
                reply,
            })
            .collect();
        deliveries.extend(ran.deliveries);
        Ok((deliveries, ran.closed))
    }

    /// The name to show for an agent: the administrators' table, else their profile.
    pub async fn agent_named(&self, user_id: i64, profile_name: &str) -> Result<Agent, DeskError> {
        let name = handoffs::agent_name(self.store.reader(), user_id)
            .await?
            .unwrap_or_else(|| profile_name.to_owned());
        Ok(Agent { user_id, name })
    }

    /// Which agents' group `chat` is: `None` for the general one.
    pub fn group_of(&self, chat: i64) -> Option<i64> {
        (self.settings.agents.group_chat_id != Some(chat)).then_some(chat)
    }

    /// Whether `chat` is an agents' group: the general one, or a service's.
    pub async fn is_agents_group(&self, chat: i64) -> Result<bool, DeskError> {
        if self.settings.agents.group_chat_id == Some(chat) {
            return Ok(true);
        }
        if self.settings.agents.group_chat_id.is_none() {
            return Ok(false);
        }
        Ok(crate::store::routes::is_group(self.store.reader(), chat).await?)
    }

    /// The chat of the agents' group `group` (`None`: the general one).
    pub fn group_chat(&self, group: Option<i64>) -> Option<i64> {
        group.or(self.settings.agents.group_chat_id)
    }

    /// The conversation an agent acts in, in agents' group `group` (or in a
    /// transferred-to person's chat), its user's chat locked (see [`locked`]).
    async fn locate(
        &self,
        conn: &mut AnyConnection,
        group: Option<i64>,
        place: WrittenIn,
    ) -> Result<Option<Handoff>, StoreError> {
        let key = group.unwrap_or(handoffs::GENERAL);
        let found = match place {
            WrittenIn::Thread(thread) => handoffs::locate(conn, key, Some(thread), None).await?,
            WrittenIn::ReplyTo(message) => handoffs::locate(conn, key, None, Some(message)).await?,
            WrittenIn::Person(chat) => handoffs::relay_for(conn, chat).await?,
        };
        locked(conn, found).await
    }

    /// The conversation where a command was given at `spot`, its user's
    /// chat locked; `None` outside any.
    async fn conversation_at(
        &self,
        conn: &mut AnyConnection,
        spot: super::GroupSpot,
        place: Option<WrittenIn>,
    ) -> Result<Option<Handoff>, StoreError> {
        match place {
            Some(place) => self.locate(conn, spot.group, place).await,
            None => Ok(None),
        }
    }

    /// A connection for reads outside any transaction.
    async fn reading(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, DeskError> {
        Ok(self
            .store
            .reader()
            .acquire()
            .await
            .map_err(StoreError::from)?)
    }

    /// Where a conversation lives: its topic or card in the agents' group,
    /// or the chat of the person it was transferred to.
    pub async fn handoff_route(&self, handoff: i64) -> Result<HandoffRoute, DeskError> {
        let mut conn = self.reading().await?;
        Ok(handoffs::get(&mut conn, handoff)
            .await?
            .map(|h| HandoffRoute {
                thread: h.thread_id,
                card: h.card_message_id,
                person_chat: h.target_chat_id,
                topic_title: h.topic_title,
                card_text: h.card_text,
                group: h.group_chat_id,
                state: match (h.ended_at, h.taken_at, h.agent_name) {
                    (Some(_), _, _) => super::TopicState::Closed,
                    (None, Some(_), Some(agent)) => super::TopicState::Attended { agent },
                    _ => super::TopicState::Waiting,
                },
            })
            .unwrap_or_default())
    }

    /// The person a conversation was transferred to, when this chat is theirs.
    async fn transfer_target(&self, chat_id: i64) -> Result<Option<Agent>, DeskError> {
        let mut conn = self.reading().await?;
        Ok(handoffs::relay_for(&mut conn, chat_id)
            .await?
            .map(|h| Agent {
                user_id: chat_id,
                name: h.agent_name.unwrap_or_default(),
            }))
    }

    /// The front door placed the conversation in the group.
    pub async fn handoff_placed(
        &self,
        handoff: i64,
        thread_id: Option<i64>,
        card_message_id: Option<i64>,
    ) -> Result<(), DeskError> {
        Ok(handoffs::placed(self.store.writer(), handoff, thread_id, card_message_id).await?)
    }

    /// A message the bot posted for a conversation, so replies to it find it.
    pub async fn handoff_message_posted(
        &self,
        handoff: i64,
        message_id: i64,
    ) -> Result<(), DeskError> {
        Ok(handoffs::message_posted(self.store.writer(), handoff, message_id).await?)
    }

    /// Records an agent action (or one refused to a non-agent); never fails the caller.
    /// An agent's command typed or button pressed (or forged) outside the
    /// agents' group is recorded as refused. A button goes no further
    /// (`true`); a command is answered as any unknown command.
    pub(crate) async fn refuse_agents_only(&self, who: &Participant, input: &UserInput) -> bool {
        let action = match input {
            UserInput::Choice(Choice::Take(_)) => "take".to_owned(),
            UserInput::Choice(Choice::CallReport { .. }) => "call report".to_owned(),
            UserInput::Choice(Choice::SendFaq { .. }) => "send faq".to_owned(),
            UserInput::Command(Command::Unknown(name))
                if AgentCommand::is_agent_command(&format!("/{name}")) =>
            {
                format!("/{name}")
            }
            _ => return false,
        };
        self.audit(who.chat_id, who.user_id, &action, false).await;
        matches!(input, UserInput::Choice(_))
    }

    pub async fn audit(&self, chat_id: i64, user_id: Option<i64>, action: &str, allowed: bool) {
        let at = store::to_millis((self.clock)());
        if let Err(error) =
            handoffs::audit(self.store.writer(), at, chat_id, user_id, action, allowed).await
        {
            tracing::error!(%error, "agent audit not recorded");
        }
    }
}

fn take_button(lang: &crate::locale::Lang, handoff: i64) -> Button {
    // Only honoured when pressed in the agents' group.
    Button {
        label: t!(lang, "agent-take-button"),
        choice: crate::protocol::Choice::Take(handoff),
    }
}
