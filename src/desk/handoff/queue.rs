//! The agents' queue: a conversation escalated with its card, what the user
//! sends while waiting, leaving it, `/cola`, and the hold protocol (rule 6)
//! with alerts and the waiting limit.

use sqlx::AnyConnection;

use super::super::effects::Running;
use super::super::{Delivery, Desk, DeskError, Post, SendClass, TopicState};
use super::take_button;
use crate::agents::Agent;
use crate::protocol::{Conversation, EscalationReason, Input, Reply, UserInput};
use crate::protocol::{HandoffEffect, HandoffEvent};
use crate::store::conversations::Participant;
use crate::store::handoffs::{self};
use crate::store::{self, tickets};
use crate::t;

impl Desk {
    /// The handoff's effects: into the queue, what the user sends while
    /// there (or to the agent), and leaving.
    pub(in crate::desk) async fn carry_out_handoff(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        effect: HandoffEffect,
        conversation: &Conversation,
    ) -> Result<Option<Input>, DeskError> {
        let (id, who, at) = (run.id, run.who, run.at);
        match effect {
            HandoffEffect::Escalate { reason } => {
                let (position, card) = self
                    .escalate(conn, id, who, reason, conversation, at)
                    .await?;
                run.deliveries.push(card);
                Ok(Some(Input::Handoff(HandoffEvent::Queued { position })))
            }
            HandoffEffect::Relay(input) => {
                run.deliveries
                    .extend(self.relay_to_agents(conn, id, who, input).await?);
                Ok(None)
            }
            HandoffEffect::Leave => {
                run.deliveries.extend(self.leave_queue(conn, id, at).await?);
                Ok(None)
            }
        }
    }

    /// Puts the conversation in the queue and prepares the card for the group.
    async fn escalate(
        &self,
        conn: &mut AnyConnection,
        conversation_id: i64,
        who: &Participant,
        reason: EscalationReason,
        conversation: &Conversation,
        at: i64,
    ) -> Result<(u32, Delivery), DeskError> {
        let service = conversation
            .ticket
            .as_ref()
            .and_then(|d| d.service.as_ref());
        let request = handoffs::Request {
            conversation_id,
            channel: who.channel,
            chat_id: who.chat_id,
            reason: reason.as_str(),
            service_id: service.map(|s| s.id),
        };
        let general = self.settings.agents.group_chat_id;
        let id = handoffs::open(conn, &request, general, at).await?;
        let position = handoffs::position(conn, id).await?;
        handoffs::held(conn, id, position, at).await?;
        let lang = self.group_lang();
        let name = who
            .user_name
            .clone()
            .unwrap_or_else(|| who.chat_id.to_string());
        let service = service.map(|s| s.name.clone());
        let faq = handoffs::last_faq_offered(conn, conversation_id).await?;
        let contact = tickets::contact_on_file(conn, who.channel, who.chat_id)
            .await?
            .map(|c| format!("{} · {} · {}", c.name, c.email, c.phone));
        let dash = || "—".to_owned();
        let mut title = t!(
            lang,
            "agent-card-title",
            conversation = conversation_id,
            name = name.as_str()
        );
        if let Some(service) = &service {
            title = format!("{title} · {service}");
        }
        let text = t!(
            lang,
            "agent-card",
            conversation = conversation_id,
            name = name.as_str(),
            reason = reason.as_str(),
            service = service.unwrap_or_else(dash),
            problem = conversation.problem.clone().unwrap_or_else(dash),
            faq = faq.unwrap_or_else(dash),
            contact = contact.unwrap_or_else(dash)
        );
        let title: String = title.chars().take(120).collect();
        handoffs::describe(conn, id, &title, &text).await?;
        let reply = Reply {
            text,
            buttons: vec![vec![take_button(lang, id)]],
        };
        let card = Delivery::Handoff {
            handoff: id,
            post: Post::Card { title, reply },
        };
        Ok((u32::try_from(position).unwrap_or(u32::MAX), card))
    }

    /// What the user sends while handed over goes to the agents.
    async fn relay_to_agents(
        &self,
        conn: &mut AnyConnection,
        conversation_id: i64,
        who: &Participant,
        input: UserInput,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Some(handoff) = handoffs::open_for(conn, conversation_id).await? else {
            return Ok(Vec::new());
        };
        // A person a call was transferred to knows the caller by the name
        // they gave to be announced (operation 11), not by their Telegram name.
        let announced = match handoff.target_chat_id {
            Some(_) => crate::store::directory::caller_name(conn, conversation_id).await?,
            None => None,
        };
        let name = announced
            .or_else(|| who.user_name.clone())
            .unwrap_or_else(|| who.chat_id.to_string());
        let lang = self.group_lang();
        let post = match input {
            UserInput::Attachment(attachment) => {
                let caption = match (&attachment.album, attachment.origin) {
                    (Some(album), Some(origin)) => {
                        handoffs::album_item(conn, handoff.id, album, origin).await?;
                        t!(lang, "agent-user-sent-album", name = name.as_str())
                    }
                    _ => t!(lang, "agent-user-sent-file", name = name.as_str()),
                };
                Post::File {
                    attachment,
                    caption: Some(caption),
                }
            }
            UserInput::Text(text) => Post::Relayed {
                reply: Reply::text(t!(
                    lang,
                    "agent-user-says",
                    name = name.as_str(),
                    text = text.as_str()
                )),
                // Filled in by the turn, which knows the message.
                from: None,
            },
            _ => return Ok(Vec::new()),
        };
        Ok(vec![Delivery::Handoff {
            handoff: handoff.id,
            post,
        }])
    }

    /// The user leaves the queue or the agent.
    async fn leave_queue(
        &self,
        conn: &mut AnyConnection,
        conversation_id: i64,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Some(handoff) = handoffs::open_for(conn, conversation_id).await? else {
            return Ok(Vec::new());
        };
        handoffs::end(conn, handoff.id, "left", at).await?;
        Ok(vec![
            self.notice(handoff.id, t!(self.group_lang(), "agent-user-left")),
            self.state_post(handoff.id, TopicState::Closed),
        ])
    }

    /// `/cola`: the conversations waiting in agents' group `group`.
    pub(super) async fn queue_text(&self, group: Option<i64>) -> Result<String, DeskError> {
        let lang = self.group_lang();
        let now = store::to_millis((self.clock)());
        let key = group.unwrap_or(handoffs::GENERAL);
        let waiting = handoffs::waiting_in(self.store.reader(), key).await?;
        if waiting.is_empty() {
            return Ok(t!(lang, "agent-queue-empty"));
        }
        let mut text = t!(lang, "agent-queue-title", count = waiting.len());
        for handoff in waiting {
            let seconds = (now - handoff.requested_at).max(0) / 1000;
            let minutes = seconds / 60;
            let line = t!(
                lang,
                "agent-queue-line",
                conversation = handoff.conversation_id,
                name = handoff.user_name.unwrap_or_default(),
                minutes = minutes,
                seconds = format!("{:02}", seconds % 60)
            );
            text.push_str(&format!("\n{line}"));
        }
        Ok(text)
    }

    /// `/mias`: what `agent` is attending, with how long each has been theirs.
    pub(super) async fn held_text(&self, agent: &Agent) -> Result<String, DeskError> {
        let lang = self.group_lang();
        let now = store::to_millis((self.clock)());
        let held = handoffs::held_by(self.store.reader(), agent.user_id).await?;
        if held.is_empty() {
            return Ok(t!(lang, "agent-mine-empty", agent = agent.name.as_str()));
        }
        let mut text = t!(
            lang,
            "agent-mine-title",
            agent = agent.name.as_str(),
            count = held.len()
        );
        for handoff in held {
            let since = handoff.taken_at.unwrap_or(handoff.requested_at);
            let minutes: i64 = (now - since).max(0) / 60_000;
            let line = t!(
                lang,
                "agent-mine-line",
                conversation = handoff.conversation_id,
                name = handoff.user_name.unwrap_or_default(),
                minutes = minutes
            );
            text.push_str(&format!("\n{line}"));
        }
        Ok(text)
    }

    /// Rule 6 and the queue's limits, checked often: hold messages to users
    /// who wait, the fallback when nobody takes it in time, alerts to agents.
    pub async fn hold_tick(&self) -> Result<Vec<Delivery>, DeskError> {
        let agents = &self.settings.agents;
        let mut deliveries = Vec::new();
        for waiting in handoffs::waiting(self.store.reader()).await? {
            let first = deliveries.len();
            let mut tx = self.store.begin().await?;
            let now = store::to_millis((self.clock)());
            // Read again inside the transaction: an agent may just have taken it.
            let found = handoffs::get(&mut tx, waiting.id).await?;
            let Some(handoff) = super::locked(&mut tx, found).await? else {
                continue;
            };
            if handoff.ended_at.is_some() || handoff.taken_at.is_some() {
                continue;
            }
            let waited = now - handoff.requested_at;
            let lang = self.group_lang();
            if waited >= store::millis(agents.wait_limit) {
                handoffs::end(&mut tx, handoff.id, "timeout", now).await?;
                deliveries.extend(
                    self.user_side(
                        &mut tx,
                        &handoff,
                        Input::Handoff(HandoffEvent::AgentTimeout),
                    )
                    .await?,
                );
                deliveries.push(self.notice(handoff.id, t!(lang, "agent-timeout-notice")));
                deliveries.push(self.state_post(handoff.id, TopicState::Closed));
            } else {
                if now - handoff.last_hold_at >= store::millis(agents.hold_interval) {
                    let position = handoffs::position(&mut tx, handoff.id).await?;
                    let changed = handoff.last_position != Some(position);
                    let position_shown =
                        changed.then(|| u32::try_from(position).unwrap_or(u32::MAX));
                    handoffs::held(&mut tx, handoff.id, position, now).await?;
                    deliveries.extend(
                        self.user_side(
                            &mut tx,
                            &handoff,
                            Input::Handoff(HandoffEvent::Hold {
                                position: position_shown,
                            }),
                        )
                        .await?,
                    );
                }
                if waited >= store::millis(agents.alert_after) && handoff.alerted_at.is_none() {
                    handoffs::alerted(&mut tx, handoff.id, now).await?;
                    let seconds = waited / 1000;
                    deliveries.push(Delivery::Group {
                        group: handoff.group_chat_id,
                        thread: None,
                        reply: Reply::text(t!(
                            lang,
                            "agent-alert",
                            conversation = handoff.conversation_id,
                            name = handoff.user_name.clone().unwrap_or_default(),
                            seconds = seconds
                        )),
                    });
                }
            }
            self.commit(tx, &deliveries[first..], SendClass::Reminder)
                .await?;
        }
        Ok(deliveries)
    }
}
