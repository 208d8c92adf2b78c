//! What arrives from the agents' group, and from the private chat of a
//! person a conversation was transferred to. The desk tells a command from a
//! message for the user, and "Tomar" from a call report, and records the
//! audit; a front door only translates its updates into these calls.

use super::super::{Desk, DeskError};
use super::{TakeResult, WrittenIn};
use crate::agents::{Agent, AgentCommand};
use crate::protocol::{Attachment, Choice};

/// What someone wrote in a chat: text, a file, or a file with its caption.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The text, or the caption of a file.
    pub text: Option<String>,
    pub attachment: Option<Attachment>,
    /// The message also carried something the desk cannot read (a sticker,
    /// a voice note…).
    pub unreadable: bool,
    /// The message itself, so an edit of it reaches its relayed copies.
    pub origin: Option<crate::protocol::Origin>,
}

/// What a button pressed in the agents' group came to.
#[derive(Debug)]
pub enum GroupPress {
    /// "Tomar": see [`TakeResult`].
    Take(TakeResult),
    /// A call attempt's result was recorded (or was already).
    CallReported,
    /// An answer went to the user (`/faq`'s buttons).
    Sent(Vec<crate::desk::Delivery>),
    /// Nothing done, and why (the conversation is another agent's, or over).
    Refused(String),
    /// A button of ours that means nothing in the group.
    Ignored,
}

impl Desk {
    /// An agent writes in the agents' group (`chat`): a command is recorded
    /// in the audit and carried out; anything else in a conversation's topic
    /// (or in reply to its messages) goes to the user; talk outside any
    /// conversation is the agents' own.
    pub async fn agent_writes(
        &self,
        chat: i64,
        place: Option<WrittenIn>,
        agent: &Agent,
        written: Written,
        update: Option<i64>,
    ) -> Result<(), DeskError> {
        if let Some(text) = written.text.as_deref()
            && text.starts_with('/')
        {
            if let Some(command) = AgentCommand::parse(text) {
                self.audit(chat, Some(agent.user_id), text, true).await;
                let group = self.group_of(chat);
                self.agent_command(group, place, agent, command, update)
                    .await?;
            }
            return Ok(());
        }
        let Some(place) = place else {
            return Ok(());
        };
        if written.text.is_none() && written.attachment.is_none() && !written.unreadable {
            return Ok(());
        }
        self.agent_says(self.group_of(chat), place, agent, written, update)
            .await?;
        Ok(())
    }

    /// An agent presses a button of ours in the agents' group (`chat`).
    pub async fn agent_presses(
        &self,
        chat: i64,
        agent: &Agent,
        choice: Choice,
        update: Option<i64>,
    ) -> Result<GroupPress, DeskError> {
        match choice {
            Choice::Take(handoff) => {
                let group = self.group_of(chat);
                let taken = self.take(handoff, group, agent, update).await?;
                Ok(GroupPress::Take(taken))
            }
            Choice::CallReport { attempt, answered } => {
                self.audit(chat, Some(agent.user_id), "call report", true)
                    .await;
                self.report_call(attempt, answered, &agent.name, false, update)
                    .await?;
                Ok(GroupPress::CallReported)
            }
            Choice::SendFaq { handoff, entry } => {
                self.audit(chat, Some(agent.user_id), "send faq", true)
                    .await;
                self.send_faq(handoff, entry, agent, update).await
            }
            _ => Ok(GroupPress::Ignored),
        }
    }

    /// A private chat's message, when the chat is that of a person a
    /// conversation was transferred to: `/cerrar` ends the conversation,
    /// anything else goes to the user. `false`: the chat is nobody's target,
    /// the message is the chat's own business with the desk.
    pub(in crate::desk) async fn person_writes_if_target(
        &self,
        chat: i64,
        written: &Written,
        update: Option<i64>,
    ) -> Result<bool, DeskError> {
        let Some(person) = self.transfer_target(chat).await? else {
            return Ok(false);
        };
        let relayed = self
            .person_writes(&person, chat, written.clone(), update)
            .await;
        match relayed {
            Ok(_) | Err(DeskError::AlreadyHandled) => Ok(true),
            Err(error) => Err(error),
        }
    }
}
