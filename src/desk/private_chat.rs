//! What a front door hears in a private chat, as the desk's inputs: the
//! answer of a person a conversation was transferred to is relayed to the
//! user; a user's file and its caption are two inputs (the caption is what
//! the user wrote with the file).

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Written};
use crate::agents::AgentCommand;
use crate::protocol::UserInput;
use crate::store::conversations::Participant;

impl Desk {
    /// One message in `who`'s private chat. `update_id` makes a message
    /// delivered twice count once; `sent_at`: when the channel says it was sent.
    pub async fn private_message(
        &self,
        who: &Participant,
        written: Written,
        update_id: Option<i64>,
        sent_at: Option<DateTime<Utc>>,
    ) -> Result<(), DeskError> {
        // An agents' command (a transferred-to person's `/cerrar`) is theirs
        // before it is refused as a user's; anything else finds out in the
        // update's first statement.
        let command = written
            .text
            .as_deref()
            .is_some_and(AgentCommand::is_agent_command);
        if command
            && self
                .person_writes_if_target(who.chat_id, &written, update_id)
                .await?
        {
            return Ok(());
        }
        let first = match &written.attachment {
            Some(attachment) => UserInput::Attachment(attachment.clone()),
            None => match written.text.as_deref() {
                Some(text) if !written.unreadable => UserInput::from_text(text),
                _ => UserInput::Unsupported,
            },
        };
        let handled = self
            .handle_message(who, first.clone(), update_id, sent_at, written.origin)
            .await?;
        if handled.is_none() {
            // The chat is a transferred-to person's: their words go to the user.
            if self
                .person_writes_if_target(who.chat_id, &written, update_id)
                .await?
            {
                return Ok(());
            }
            // The transfer ended in between: the message is the chat's own.
            self.handle_received(who, first, update_id, sent_at).await?;
        }
        if let (Some(_), Some(caption)) = (&written.attachment, &written.text) {
            self.handle_received(who, UserInput::from_text(caption), None, sent_at)
                .await?;
        }
        Ok(())
    }
}
