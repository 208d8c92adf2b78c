//! Durable sending: where the desk serves Telegram, everything it has to send
//! is queued in the same transaction as the change that produced it, so a
//! crash between the commit and Telegram's answer loses nothing.

use super::{Delivery, Desk, DeskError};
use crate::protocol::{self, Reply};
use crate::store::handoffs::{self, Handoff};
use crate::store::turn::TurnWrites;
use crate::store::{self, StoreError, WriteTx, sends, updates};

/// The queue the sender delivers from, where the desk serves a channel.
pub(super) struct SendQueue {
    pub wake: std::sync::Arc<tokio::sync::Notify>,
    /// The channel's longest message: replies in a row are joined up to it.
    pub max_message_chars: usize,
}

/// Who waits for a message decides its place in the sender's queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendClass {
    /// Replies to people in a conversation.
    Conversation,
    /// Hold reminders while a user waits for an agent.
    Reminder,
}

/// The sender's priorities: lower goes first.
const PRIORITY_CONVERSATION: u8 = 0;
const PRIORITY_REMINDER: u8 = 1;
const PRIORITY_GROUP: u8 = 2;

/// The replies to one chat, as deliveries.
pub(super) fn to_chat(chat_id: i64, replies: Vec<Reply>) -> Vec<Delivery> {
    replies
        .into_iter()
        .map(|reply| Delivery::User { chat_id, reply })
        .collect()
}

impl Desk {
    /// Commits `tx`, with `deliveries` queued in it when the desk queues sends.
    pub(super) async fn commit(
        &self,
        tx: WriteTx,
        deliveries: &[Delivery],
        class: SendClass,
    ) -> Result<(), DeskError> {
        self.commit_with(tx, TurnWrites::default(), deliveries, class)
            .await
    }

    /// As [`Desk::commit`], writing a turn's `writes` with the queued messages.
    pub(super) async fn commit_with(
        &self,
        tx: WriteTx,
        writes: TurnWrites,
        deliveries: &[Delivery],
        class: SendClass,
    ) -> Result<(), DeskError> {
        self.commit_into(Committing::Tx(tx), writes, deliveries, class)
            .await
    }

    /// As [`Desk::commit_with`], in an open transaction or one shared with
    /// other turns.
    pub(super) async fn commit_into(
        &self,
        tx: Committing,
        writes: TurnWrites,
        deliveries: &[Delivery],
        class: SendClass,
    ) -> Result<(), DeskError> {
        let at = store::to_millis((self.clock)());
        let Some(queue) = &self.send_queue else {
            tx.commit(&self.store, writes, &[], at).await?;
            return Ok(());
        };
        let count = self
            .commit_queued(tx, writes, deliveries, class, at)
            .await?;
        if count > 0 {
            queue.wake.notify_one();
        }
        Ok(())
    }

    /// A message to a chat outside any conversation (the flood notice, "try
    /// again"), queued like every other so the sender keeps Telegram's limits.
    pub async fn tell(&self, chat_id: i64, text: String) -> Result<(), DeskError> {
        let tx = self.store.begin().await?;
        let reply = Delivery::User {
            chat_id,
            reply: Reply::text(text),
        };
        self.commit(tx, &[reply], SendClass::Conversation).await
    }

    /// Commits `tx` with `deliveries` queued, and gives them back.
    pub(super) async fn finish(
        &self,
        tx: WriteTx,
        deliveries: Vec<Delivery>,
    ) -> Result<Vec<Delivery>, DeskError> {
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    /// A write transaction for an agent's action. `update`: the Telegram
    /// update the action arrived in; it is recorded in this transaction, so a
    /// second delivery of it does nothing (`DeskError::AlreadyHandled`).
    pub(super) async fn begin_action(&self, update: Option<i64>) -> Result<WriteTx, DeskError> {
        let mut tx = self.store.begin().await?;
        if let Some(update_id) = update {
            let at = store::to_millis((self.clock)());
            if !updates::mark_update_handled(&mut tx, update_id, at).await? {
                return Err(DeskError::AlreadyHandled);
            }
        }
        Ok(tx)
    }

    /// Queues answers that change nothing else (a listing, a report).
    pub(super) async fn send_alone(
        &self,
        deliveries: Vec<Delivery>,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        if self.send_queue.is_none() || deliveries.is_empty() {
            return Ok(deliveries);
        }
        let tx = self.begin_action(update).await?;
        self.finish(tx, deliveries).await
    }

    /// Commits `tx` with `writes` and `deliveries` queued (the last write and
    /// COMMIT in one call on SQLite); how many messages were queued.
    async fn commit_queued(
        &self,
        mut tx: Committing,
        writes: TurnWrites,
        deliveries: &[Delivery],
        class: SendClass,
        at: i64,
    ) -> Result<usize, DeskError> {
        let general = self.settings.agents.group_chat_id;
        let coalesced = {
            let max_chars = self
                .send_queue
                .as_ref()
                .map_or(usize::MAX, |queue| queue.max_message_chars);
            coalesce_users(deliveries, max_chars)
        };
        let mut messages = Vec::new();
        for delivery in &coalesced {
            let destination = match &delivery {
                Delivery::User { chat_id, .. } => Some((
                    *chat_id,
                    match class {
                        SendClass::Conversation => PRIORITY_CONVERSATION,
                        SendClass::Reminder => PRIORITY_REMINDER,
                    },
                )),
                Delivery::UserFile { chat_id, .. } | Delivery::UserRelayed { chat_id, .. } => {
                    Some((*chat_id, PRIORITY_CONVERSATION))
                }
                // Groups have negative chat ids, people positive ones.
                Delivery::Edit { chat_id, .. } if *chat_id < 0 => Some((*chat_id, PRIORITY_GROUP)),
                Delivery::Edit { chat_id, .. } => Some((*chat_id, PRIORITY_CONVERSATION)),
                Delivery::Handoff { handoff, .. } => {
                    let Committing::Tx(tx) = &mut tx else {
                        // Where it goes is read in the transaction.
                        return Err(DeskError::NeedsWriteLock);
                    };
                    match handoffs::get(tx, *handoff).await? {
                        Some(Handoff {
                            target_chat_id: Some(person),
                            ..
                        }) => Some((person, PRIORITY_CONVERSATION)),
                        Some(h) => self
                            .group_chat(h.group_chat_id)
                            .map(|g| (g, PRIORITY_GROUP)),
                        None => general.map(|g| (g, PRIORITY_GROUP)),
                    }
                }
                Delivery::Group { group, .. }
                | Delivery::GroupPhoto { group, .. }
                | Delivery::GroupDocument { group, .. }
                | Delivery::PlaceLeft { group, .. } => {
                    self.group_chat(*group).map(|g| (g, PRIORITY_GROUP))
                }
            };
            let Some((chat_id, priority)) = destination else {
                continue;
            };
            let bytes = match delivery {
                Delivery::GroupPhoto { png, .. } => Some(png.as_slice()),
                Delivery::GroupDocument { bytes, .. } => Some(bytes.as_slice()),
                _ => None,
            };
            let json = serde_json::to_string(delivery)
                .map_err(|e| StoreError::Invalid(format!("delivery not serialisable: {e}")))?;
            messages.push(sends::ToSend {
                chat_id,
                priority,
                delivery: json,
                bytes,
            });
        }
        let count = messages.len();
        tx.commit(&self.store, writes, &messages, at).await?;
        Ok(count)
    }
}

/// Where a turn's writes are committed.
pub(super) enum Committing {
    /// In this transaction, open since the turn read what it needed.
    Tx(WriteTx),
    /// In a transaction of their own or shared with other turns' (their
    /// first statement checks what was read before it; see
    /// `TurnWrites::record_if_unchanged`).
    Grouped,
}

impl Committing {
    async fn commit(
        self,
        store: &store::Store,
        writes: TurnWrites,
        sends: &[sends::ToSend<'_>],
        at: i64,
    ) -> Result<(), StoreError> {
        match self {
            Committing::Tx(tx) => writes.commit(tx, sends, at).await,
            Committing::Grouped => writes.commit_grouped(store, sends, at).await,
        }
    }
}

/// Replies in a row to the same user go in one message where they fit
/// (as the terminal shows them), so a turn spends fewer of Telegram's sends.
fn coalesce_users(deliveries: &[Delivery], max_chars: usize) -> Vec<Delivery> {
    let mut out = Vec::new();
    let mut run: Option<(i64, Vec<Reply>)> = None;
    let flush = |run: &mut Option<(i64, Vec<Reply>)>, out: &mut Vec<Delivery>| {
        if let Some((chat_id, replies)) = run.take() {
            out.extend(to_chat(chat_id, protocol::coalesce(&replies, max_chars)));
        }
    };
    for delivery in deliveries {
        match (delivery, &mut run) {
            (Delivery::User { chat_id, reply }, Some((chat, replies))) if chat == chat_id => {
                replies.push(reply.clone());
            }
            (Delivery::User { chat_id, reply }, _) => {
                flush(&mut run, &mut out);
                run = Some((*chat_id, vec![reply.clone()]));
            }
            (other, _) => {
                flush(&mut run, &mut out);
                out.push(other.clone());
            }
        }
    }
    flush(&mut run, &mut out);
    out
}
