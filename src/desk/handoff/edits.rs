//! Edits while a person attends: a message relayed between a user and the
//! agent (or the person a conversation was transferred to) is remembered
//! with its copy; when its writer edits it, the copy is edited too (or,
//! where Telegram cannot edit it, a reply says "✏️ editado: …"), and every
//! version stays in the transcript with its time. A copy is remembered only
//! once Telegram has sent it, so the last version of an edited message is
//! kept (a day) for a copy remembered after the edit.

use super::super::{Delivery, Desk, DeskError, SendClass};
use crate::protocol::{Origin, Reply};
use crate::store::WriteTx;
use crate::store::conversations::{self};
use crate::store::turn::TurnWrites;
use crate::store::{self, handoffs};
use crate::t;

/// Who edited a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Editor {
    /// The user of the conversation.
    User,
    /// The agent, or the person the conversation was transferred to (name).
    Person(String),
}

impl Editor {
    /// As kept with an edit made before its copy existed.
    fn stored(&self) -> String {
        match self {
            Editor::User => "user".to_owned(),
            Editor::Person(name) => format!("person:{name}"),
        }
    }

    fn from_stored(stored: &str) -> Editor {
        match stored.strip_prefix("person:") {
            Some(name) => Editor::Person(name.to_owned()),
            None => Editor::User,
        }
    }
}

impl Desk {
    /// A relayed message's copy, sent: remembered for its edits. When its
    /// writer edited it before (the copy waited in the send queue), the
    /// copy is edited now.
    pub async fn relayed(
        &self,
        handoff: i64,
        from: Origin,
        to_chat: i64,
        to_message: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let mut tx = self.begin_action(None).await?;
        let at = store::to_millis((self.clock)());
        let earlier = handoffs::edit_before_copy(&mut tx, from, at).await?;
        handoffs::record_relay(&mut tx, handoff, from, to_chat, to_message).await?;
        let Some((text, editor, edited_at)) = earlier else {
            return self.finish(tx, Vec::new()).await;
        };
        let editor = Editor::from_stored(&editor);
        let copy = vec![(handoff, to_chat, to_message)];
        self.edit_copies(tx, copy, text, editor, edited_at).await
    }

    /// A message edited in a private chat: the user's own, or that of the
    /// person a conversation was transferred to.
    pub async fn private_edit(
        &self,
        message: Origin,
        text: String,
        update: Option<i64>,
    ) -> Result<(), DeskError> {
        let editor = match self.transfer_target(message.chat_id).await? {
            Some(person) => Editor::Person(person.name),
            None => Editor::User,
        };
        self.message_edited(message, text, editor, update).await?;
        Ok(())
    }

    /// `message` was edited to `text` by `editor`: its copies follow, and
    /// the transcript keeps the new version. A message never relayed (a
    /// question to the bot, an edit after the conversation ended) changes
    /// nothing.
    pub async fn message_edited(
        &self,
        message: Origin,
        text: String,
        editor: Editor,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let text = crate::words::storable(text);
        let mut tx = self.begin_action(update).await?;
        let at = store::to_millis((self.clock)());
        // Kept for a copy not yet remembered (still in the send queue).
        handoffs::remember_edit(&mut tx, message, &text, &editor.stored(), at).await?;
        let copies = handoffs::copies_of(&mut tx, message).await?;
        if copies.is_empty() {
            return self.finish(tx, Vec::new()).await;
        }
        self.edit_copies(tx, copies, text, editor, at).await
    }

    /// `copies` (handoff, chat, message) say `text` now, as `editor` wrote
    /// at `at`; the transcript keeps the version. Nothing once the
    /// conversation with a person has ended.
    async fn edit_copies(
        &self,
        mut tx: WriteTx,
        copies: Vec<(i64, i64, i64)>,
        text: String,
        editor: Editor,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Some(&(handoff_id, _, _)) = copies.first() else {
            return self.finish(tx, Vec::new()).await;
        };
        let found = handoffs::get(&mut tx, handoff_id).await?;
        let Some(handoff) = super::locked(&mut tx, found).await? else {
            return self.finish(tx, Vec::new()).await;
        };
        if handoff.ended_at.is_some() {
            return self.finish(tx, Vec::new()).await;
        }
        let lang = self.group_lang();
        let edited = t!(lang, "relay-edited", text = text.as_str());
        let mut writes = TurnWrites::default();
        match &editor {
            Editor::User => writes.heard(handoff.conversation_id, at, &edited),
            Editor::Person(name) => {
                let author = format!("agent:{name}");
                let version = Reply::text(edited.clone());
                conversations::record_out_by(
                    &mut tx,
                    handoff.conversation_id,
                    at,
                    &version,
                    &author,
                )
                .await?;
            }
        }
        let group = self.group_chat(handoff.group_chat_id);
        let user_name = handoff.user_name.clone().unwrap_or_default();
        let deliveries = copies
            .into_iter()
            .map(|(_, chat_id, message_id)| {
                // A copy in a group the conversation was passed away from
                // is an agents' copy too, though its topic is not known here.
                let in_group = Some(chat_id) == group;
                let agents_copy = chat_id < 0 || handoff.target_chat_id == Some(chat_id);
                let shown = match editor {
                    Editor::User if agents_copy => t!(
                        lang,
                        "agent-user-says",
                        name = user_name.as_str(),
                        text = text.as_str()
                    ),
                    _ => text.clone(),
                };
                Delivery::Edit {
                    chat_id,
                    thread: handoff.thread_id.filter(|_| in_group),
                    message_id,
                    text: shown,
                    fallback: edited.clone(),
                }
            })
            .collect::<Vec<_>>();
        self.commit_with(tx, writes, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }
}
