//! The desk's side of handing conversations to agents: the queue, the card
//! agents see, relaying both ways, agent commands, and the hold protocol.

use sqlx::SqliteConnection;

use super::{Delivery, Desk, DeskError, Opening, Post, SendClass};
use crate::agents::{Agent, AgentCommand};
use crate::protocol::{
    Attachment, Button, Conversation, EscalationReason, Input, Outcome, Reply, UserInput,
};
use crate::store::conversations::{self, Channel, Participant};
use crate::store::handoffs::{self, Handoff};
use crate::store::{self, StoreError, tickets};
use crate::t;

/// Where an agent wrote: a forum topic, or a reply to one of the bot's messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Thread(i64),
    ReplyTo(i64),
    /// The private chat of a person a conversation was transferred to.
    Person(i64),
}

/// Where a handed-over conversation's messages go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub thread: Option<i64>,
    pub card: Option<i64>,
    pub person_chat: Option<i64>,
}

/// The answer to an agent pressing "Tomar".
#[derive(Debug)]
pub enum TakeResult {
    Taken(Vec<Delivery>),
    /// Someone pressed first.
    TakenBy(String),
    /// The conversation is no longer waiting (closed, or the user left).
    Gone,
}

impl Desk {
    pub(super) fn group_lang(&self) -> &crate::locale::Lang {
        self.texts.lang(self.settings.default_locale)
    }

    fn notice(&self, handoff: i64, text: String) -> Delivery {
        Delivery::Handoff {
            handoff,
            post: Post::Reply(Reply::text(text)),
        }
    }

    /// Puts the conversation in the queue and prepares the card for the group.
    pub(super) async fn escalate(
        &self,
        conn: &mut SqliteConnection,
        conversation_id: i64,
        who: &Participant,
        reason: EscalationReason,
        conversation: &Conversation,
        at: i64,
    ) -> Result<(u32, Delivery), DeskError> {
        let id = handoffs::open(
            conn,
            conversation_id,
            who.channel,
            who.chat_id,
            reason.as_str(),
            at,
        )
        .await?;
        let position = handoffs::position(conn, id).await?;
        handoffs::held(conn, id, position, at).await?;
        let lang = self.group_lang();
        let name = who
            .user_name
            .clone()
            .unwrap_or_else(|| who.chat_id.to_string());
        let service = conversation
            .ticket
            .as_ref()
            .and_then(|d| d.service.as_ref())
            .map(|s| s.name.clone());
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
        let reply = Reply {
            text,
            buttons: vec![vec![take_button(lang, id)]],
        };
        let title: String = title.chars().take(120).collect();
        let card = Delivery::Handoff {
            handoff: id,
            post: Post::Card { title, reply },
        };
        Ok((u32::try_from(position).unwrap_or(u32::MAX), card))
    }

    /// What the user sends while handed over goes to the agents.
    pub(super) async fn relay_to_agents(
        &self,
        conn: &mut SqliteConnection,
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
            UserInput::Attachment(attachment) => Post::File {
                attachment,
                caption: Some(t!(lang, "agent-user-sent-file", name = name.as_str())),
            },
            UserInput::Text(text) => Post::Reply(Reply::text(t!(
                lang,
                "agent-user-says",
                name = name.as_str(),
                text = text.as_str()
            ))),
            _ => return Ok(Vec::new()),
        };
        Ok(vec![Delivery::Handoff {
            handoff: handoff.id,
            post,
        }])
    }

    /// The user leaves the queue or the agent.
    pub(super) async fn leave_queue(
        &self,
        conn: &mut SqliteConnection,
        conversation_id: i64,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Some(handoff) = handoffs::open_for(conn, conversation_id).await? else {
            return Ok(Vec::new());
        };
        handoffs::end(conn, handoff.id, "left", at).await?;
        Ok(vec![self.notice(
            handoff.id,
            t!(self.group_lang(), "agent-user-left"),
        )])
    }

    /// Runs the user's side of the protocol for something an agent did.
    async fn user_side(
        &self,
        conn: &mut SqliteConnection,
        handoff: &Handoff,
        input: Input,
    ) -> Result<Vec<Delivery>, DeskError> {
        Ok(self.user_side_closing(conn, handoff, input).await?.0)
    }

    /// As [`Desk::user_side`], with the outcome the conversation was closed with.
    async fn user_side_closing(
        &self,
        conn: &mut SqliteConnection,
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
        let ran = self
            .run(conn, &who, input, None, Opening::OnlyExisting)
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

    /// "Tomar": the first agent to press it owns the conversation.
    pub async fn take(&self, handoff_id: i64, agent: &Agent) -> Result<TakeResult, DeskError> {
        let mut tx = self.store.begin().await?;
        let at = store::to_millis((self.clock)());
        let Some(handoff) = handoffs::get(&mut tx, handoff_id).await? else {
            return Ok(TakeResult::Gone);
        };
        if handoff.ended_at.is_some() {
            return Ok(TakeResult::Gone);
        }
        if !handoffs::take(&mut tx, handoff_id, agent.user_id, &agent.name, at).await? {
            let by = handoff.agent_name.unwrap_or_default();
            return Ok(TakeResult::TakenBy(by));
        }
        let mut deliveries = self
            .user_side(
                &mut tx,
                &handoff,
                Input::AgentTook {
                    agent: agent.name.clone(),
                },
            )
            .await?;
        let notice = t!(
            self.group_lang(),
            "agent-taken-notice",
            agent = agent.name.as_str()
        );
        deliveries.push(self.notice(handoff_id, notice));
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        self.audit(handoff.chat_id, Some(agent.user_id), "take", true)
            .await;
        Ok(TakeResult::Taken(deliveries))
    }

    /// An agent writes in a conversation's topic (or replies to its messages).
    pub async fn agent_says(
        &self,
        place: Place,
        agent: &Agent,
        text: Option<String>,
        attachment: Option<Attachment>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let mut tx = self.store.begin().await?;
        let at = store::to_millis((self.clock)());
        let Some(handoff) = self.locate(&mut tx, place).await? else {
            return Ok(Vec::new());
        };
        let lang = self.group_lang();
        match handoff.agent_user_id {
            None => {
                let notice = vec![self.notice(handoff.id, t!(lang, "agent-take-first"))];
                return self.finish(tx, notice).await;
            }
            Some(owner) if owner != agent.user_id => {
                let by = handoff.agent_name.unwrap_or_default();
                let notice = vec![self.notice(handoff.id, t!(lang, "agent-not-yours", agent = by))];
                return self.finish(tx, notice).await;
            }
            Some(_) => {}
        }
        let author = format!("agent:{}", agent.name);
        let mut deliveries = Vec::new();
        if let Some(attachment) = attachment {
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
            deliveries.push(Delivery::User {
                chat_id: handoff.chat_id,
                reply,
            });
        }
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    async fn locate(
        &self,
        conn: &mut SqliteConnection,
        place: Place,
    ) -> Result<Option<Handoff>, StoreError> {
        match place {
            Place::Thread(thread) => handoffs::locate(conn, Some(thread), None).await,
            Place::ReplyTo(message) => handoffs::locate(conn, None, Some(message)).await,
            Place::Person(chat) => handoffs::relay_for(conn, chat).await,
        }
    }

    /// An agent command given in the group.
    pub async fn agent_command(
        &self,
        place: Option<Place>,
        agent: &Agent,
        command: AgentCommand,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let thread = match place {
            Some(Place::Thread(thread)) => Some(thread),
            _ => None,
        };
        match command {
            AgentCommand::Queue => {
                let listing = vec![Delivery::Group {
                    thread,
                    reply: Reply::text(self.queue_text().await?),
                }];
                return self.send_alone(listing).await;
            }
            AgentCommand::Indicators(month) => {
                let report = self.month_report(thread, month.as_deref(), false).await?;
                return self.send_alone(report).await;
            }
            AgentCommand::Report(month) => {
                let report = self.month_report(thread, month.as_deref(), true).await?;
                return self.send_alone(report).await;
            }
            AgentCommand::ShowTicket(_)
            | AgentCommand::SetStatus { .. }
            | AgentCommand::Assign { .. }
            | AgentCommand::Reassess { .. }
            | AgentCommand::Usage(_) => return self.ticket_work(thread, agent, command).await,
            _ => {}
        }
        let mut tx = self.store.begin().await?;
        let at = store::to_millis((self.clock)());
        let handoff = match place {
            Some(place) => self.locate(&mut tx, place).await?,
            None => None,
        };
        let Some(handoff) = handoff else {
            let hint = vec![Delivery::Group {
                thread,
                reply: Reply::text(t!(lang, "agent-needs-conversation")),
            }];
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
        if handoff.agent_user_id != Some(agent.user_id) {
            let text = match handoff.agent_name {
                Some(by) => t!(lang, "agent-not-yours", agent = by),
                None => t!(lang, "agent-take-first"),
            };
            return self.finish(tx, vec![self.notice(handoff.id, text)]).await;
        }
        let deliveries = match command {
            AgentCommand::Close(requested) => {
                handoffs::end(&mut tx, handoff.id, "closed", at).await?;
                let (mut out, closed) = self
                    .user_side_closing(
                        &mut tx,
                        &handoff,
                        Input::AgentClosed {
                            agent: agent.name.clone(),
                            outcome: requested,
                        },
                    )
                    .await?;
                if let Some(outcome) = closed {
                    let notice = t!(lang, "agent-closed-notice", outcome = outcome.as_str());
                    out.push(self.notice(handoff.id, notice));
                }
                out
            }
            AgentCommand::Release => {
                handoffs::release(&mut tx, handoff.id, at).await?;
                let mut out = self
                    .user_side(&mut tx, &handoff, Input::AgentReleased)
                    .await?;
                out.push(Delivery::Handoff {
                    handoff: handoff.id,
                    post: Post::Reply(Reply {
                        text: t!(lang, "agent-released-notice", agent = agent.name.as_str()),
                        buttons: vec![vec![take_button(lang, handoff.id)]],
                    }),
                });
                out
            }
            AgentCommand::OpenTicket { urgency, impact } => {
                let mut out = self
                    .user_side(
                        &mut tx,
                        &handoff,
                        Input::AgentTicket {
                            agent: agent.name.clone(),
                            urgency,
                            impact,
                        },
                    )
                    .await?;
                out.push(self.notice(handoff.id, t!(lang, "agent-ticket-requested")));
                out
            }
            _ => Vec::new(),
        };
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    async fn queue_text(&self) -> Result<String, DeskError> {
        let lang = self.group_lang();
        let now = store::to_millis((self.clock)());
        let waiting = handoffs::waiting(self.store.reader()).await?;
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
            let Some(handoff) = handoffs::get(&mut tx, waiting.id).await? else {
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
                    self.user_side(&mut tx, &handoff, Input::AgentTimeout)
                        .await?,
                );
                deliveries.push(self.notice(handoff.id, t!(lang, "agent-timeout-notice")));
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
                            Input::Hold {
                                position: position_shown,
                            },
                        )
                        .await?,
                    );
                }
                if waited >= store::millis(agents.alert_after) && handoff.alerted_at.is_none() {
                    handoffs::alerted(&mut tx, handoff.id, now).await?;
                    let seconds = waited / 1000;
                    deliveries.push(Delivery::Group {
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

    /// Where a conversation lives: its topic or card in the agents' group,
    /// or the chat of the person it was transferred to.
    pub async fn handoff_location(&self, handoff: i64) -> Result<Location, DeskError> {
        let mut conn = self
            .store
            .reader()
            .acquire()
            .await
            .map_err(StoreError::from)?;
        Ok(handoffs::get(&mut conn, handoff)
            .await?
            .map(|h| Location {
                thread: h.thread_id,
                card: h.card_message_id,
                person_chat: h.target_chat_id,
            })
            .unwrap_or_default())
    }

    /// The person a conversation was transferred to, when this chat is theirs.
    pub async fn transfer_target(&self, chat_id: i64) -> Result<Option<Agent>, DeskError> {
        let mut conn = self
            .store
            .reader()
            .acquire()
            .await
            .map_err(StoreError::from)?;
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
