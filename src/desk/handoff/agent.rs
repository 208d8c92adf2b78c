//! What an agent does in a conversation: take it ("Tomar"), write to the
//! user, and the commands (`/nota`, `/cerrar`, `/liberar`, `/ticket …`,
//! `/cola`, `/indicadores`, `/reporte`).

use sqlx::AnyConnection;

use super::super::delivery::to_group;
use super::super::{Delivery, Desk, DeskError, GroupSpot, Post, SendClass, TopicState};
use super::{TakeResult, Written, WrittenIn, take_button};
use crate::agents::{Agent, AgentCommand};
use crate::protocol::HandoffEvent;
use crate::protocol::{Input, Outcome, Reply};
use crate::store::conversations::{self};
use crate::store::handoffs::{self, Handoff};
use crate::store::{self};
use crate::t;

impl Desk {
    /// "Tomar", pressed in agents' group `group` (`None`: the general one):
    /// the first agent to press it owns the conversation, if it is still in
    /// that group. `update`: the Telegram update it arrived in (see
    /// [`Desk::begin_action`]).
    pub async fn take(
        &self,
        handoff_id: i64,
        group: Option<i64>,
        agent: &Agent,
        update: Option<i64>,
    ) -> Result<TakeResult, DeskError> {
        let mut tx = self.begin_action(update).await?;
        let at = store::to_millis((self.clock)());
        let found = handoffs::get(&mut tx, handoff_id).await?;
        let Some(handoff) = super::locked(&mut tx, found).await? else {
            return Ok(TakeResult::Gone);
        };
        if handoff.ended_at.is_some() {
            return Ok(TakeResult::Gone);
        }
        if handoff.group_chat_id != group {
            return Ok(TakeResult::Elsewhere);
        }
        if !handoffs::take(&mut tx, handoff_id, agent.user_id, &agent.name, at).await? {
            let by = handoff.agent_name.unwrap_or_default();
            return Ok(TakeResult::TakenBy(by));
        }
        let mut deliveries = self
            .user_side(
                &mut tx,
                &handoff,
                Input::Handoff(HandoffEvent::AgentTook {
                    agent: agent.name.clone(),
                }),
            )
            .await?;
        let notice = t!(
            self.group_lang(),
            "agent-taken-notice",
            agent = agent.name.as_str()
        );
        deliveries.push(self.notice(handoff_id, notice));
        deliveries.push(self.state_post(
            handoff_id,
            TopicState::Attended {
                agent: agent.name.clone(),
            },
        ));
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        self.audit(handoff.chat_id, Some(agent.user_id), "take", true)
            .await;
        Ok(TakeResult::Taken(deliveries))
    }

    /// A person a conversation was transferred to writes from their own
    /// chat: `/cerrar` ends the conversation, anything else goes to the user.
    pub(super) async fn person_writes(
        &self,
        person: &Agent,
        chat_id: i64,
        written: Written,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let place = WrittenIn::Person(chat_id);
        match written.text.as_deref().and_then(AgentCommand::parse) {
            Some(AgentCommand::Close(_)) => {
                let close = AgentCommand::Close(None);
                self.agent_command(None, Some(place), person, close, update)
                    .await
            }
            _ => self.agent_says(None, place, person, written, update).await,
        }
    }

    /// An agent writes in a conversation's topic (or replies to its
    /// messages) in agents' group `group` (`None`: the general one).
    pub async fn agent_says(
        &self,
        group: Option<i64>,
        place: WrittenIn,
        agent: &Agent,
        written: Written,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Written {
            text,
            attachment,
            origin,
            ..
        } = written;
        let text = text.map(crate::words::storable);
        let mut tx = self.begin_action(update).await?;
        let at = store::to_millis((self.clock)());
        let Some(handoff) = self.locate(&mut tx, group, place).await? else {
            return Ok(Vec::new());
        };
        let lang = self.group_lang();
        if let Some(refused) = self.refusal(&handoff, agent) {
            return self
                .finish(tx, vec![self.notice(handoff.id, refused)])
                .await;
        }
        let author = format!("agent:{}", agent.name);
        let mut deliveries = Vec::new();
        if let Some(attachment) = attachment {
            if let (Some(album), Some(origin)) = (&attachment.album, attachment.origin) {
                handoffs::album_item(&mut tx, handoff.id, album, origin).await?;
            }
            let body = format!("[{}: {}]", attachment.kind.as_str(), attachment.file_id);
            conversations::record_out_by(
                &mut tx,
                handoff.conversation_id,
                at,
                &Reply::text(body),
                &author,
            )
            .await?;
            deliveries.push(Delivery::UserFile {
                chat_id: handoff.chat_id,
                attachment,
                caption: text,
            });
        } else if let Some(text) = text {
            let reply = Reply::text(text);
            conversations::record_out_by(&mut tx, handoff.conversation_id, at, &reply, &author)
                .await?;
            deliveries.push(match origin {
                Some(from) => Delivery::UserRelayed {
                    handoff: handoff.id,
                    chat_id: handoff.chat_id,
                    reply,
                    from,
                },
                None => Delivery::User {
                    chat_id: handoff.chat_id,
                    reply,
                },
            });
        } else {
            // A poll, a game: the agent hears it did not reach the user.
            let notice = t!(lang, "agent-cannot-relay-to-user");
            deliveries.push(self.notice(handoff.id, notice));
        }
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    /// An agent command given in agents' group `group` (`None`: the general one).
    pub async fn agent_command(
        &self,
        group: Option<i64>,
        place: Option<WrittenIn>,
        agent: &Agent,
        command: AgentCommand,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let thread = match place {
            Some(WrittenIn::Thread(thread)) => Some(thread),
            _ => None,
        };
        let spot = GroupSpot { group, thread };
        match command {
            AgentCommand::Mine => {
                let listing = to_group(spot, self.held_text(agent).await?);
                self.send_alone(listing, update).await
            }
            AgentCommand::Queue => {
                let listing = to_group(spot, self.queue_text(group).await?);
                self.send_alone(listing, update).await
            }
            AgentCommand::Indicators(month) => {
                let report = self.month_report(spot, month.as_deref(), false).await?;
                self.send_alone(report, update).await
            }
            AgentCommand::Report(month) => {
                let report = self.month_report(spot, month.as_deref(), true).await?;
                self.send_alone(report, update).await
            }
            AgentCommand::Faq(query) => self.offer_faq(place, spot, &query, update).await,
            AgentCommand::Template(name) => {
                self.send_template(place, spot, agent, name, update).await
            }
            AgentCommand::Pass(to) => self.pass(spot, place, agent, to, update).await,
            AgentCommand::ShowTicket(_)
            | AgentCommand::SetStatus { .. }
            | AgentCommand::Assign { .. }
            | AgentCommand::Reassess { .. }
            | AgentCommand::Usage(_) => self.ticket_work(spot, agent, command, update).await,
            AgentCommand::Note(_)
            | AgentCommand::Close(_)
            | AgentCommand::Release
            | AgentCommand::OpenTicket { .. } => {
                self.conversation_command(place, spot, agent, command, update)
                    .await
            }
        }
    }

    /// A command about the conversation where it was given: only the agent
    /// who took it may act (a note is anyone's).
    async fn conversation_command(
        &self,
        place: Option<WrittenIn>,
        spot: GroupSpot,
        agent: &Agent,
        command: AgentCommand,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let mut tx = self.begin_action(update).await?;
        let at = store::to_millis((self.clock)());
        let Some(handoff) = self.conversation_at(&mut tx, spot, place).await? else {
            let hint = to_group(spot, t!(lang, "agent-needs-conversation"));
            return self.finish(tx, hint).await;
        };
        if let AgentCommand::Note(body) = &command {
            handoffs::add_note(
                &mut tx,
                handoff.conversation_id,
                agent.user_id,
                &agent.name,
                body,
                at,
            )
            .await?;
            let saved = vec![self.notice(handoff.id, t!(lang, "agent-note-saved"))];
            self.commit(tx, &saved, SendClass::Conversation).await?;
            return Ok(saved);
        }
        if let Some(refused) = self.refusal(&handoff, agent) {
            return self
                .finish(tx, vec![self.notice(handoff.id, refused)])
                .await;
        }
        let deliveries = match command {
            AgentCommand::Close(requested) => {
                self.close_by_agent(&mut tx, &handoff, agent, requested, at)
                    .await?
            }
            AgentCommand::Release => self.release(&mut tx, &handoff, agent, at).await?,
            AgentCommand::OpenTicket { urgency, impact } => {
                let input = Input::Handoff(HandoffEvent::AgentTicket {
                    agent: agent.name.clone(),
                    urgency,
                    impact,
                });
                let mut out = self.user_side(&mut tx, &handoff, input).await?;
                out.push(self.notice(handoff.id, t!(lang, "agent-ticket-requested")));
                out
            }
            _ => Vec::new(),
        };
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    /// `/cerrar`: the user hears the farewell; the topic, the outcome.
    async fn close_by_agent(
        &self,
        tx: &mut AnyConnection,
        handoff: &Handoff,
        agent: &Agent,
        requested: Option<Outcome>,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        handoffs::end(tx, handoff.id, "closed", at).await?;
        let input = Input::Handoff(HandoffEvent::AgentClosed {
            agent: agent.name.clone(),
            outcome: requested,
        });
        let (mut out, closed) = self.user_side_closing(tx, handoff, input).await?;
        if let Some(outcome) = closed {
            let notice = t!(
                self.group_lang(),
                "agent-closed-notice",
                outcome = outcome.as_str()
            );
            out.push(self.notice(handoff.id, notice));
        }
        out.push(self.state_post(handoff.id, TopicState::Closed));
        Ok(out)
    }

    /// `/liberar`: back in the queue, with "Tomar" offered again.
    async fn release(
        &self,
        tx: &mut AnyConnection,
        handoff: &Handoff,
        agent: &Agent,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        handoffs::release(tx, handoff.id, at).await?;
        let mut out = self
            .user_side(tx, handoff, Input::Handoff(HandoffEvent::AgentReleased))
            .await?;
        out.push(Delivery::Handoff {
            handoff: handoff.id,
            post: Post::Reply(Reply {
                text: t!(lang, "agent-released-notice", agent = agent.name.as_str()),
                buttons: vec![vec![take_button(lang, handoff.id)]],
            }),
        });
        out.push(self.state_post(handoff.id, TopicState::Waiting));
        Ok(out)
    }
}
