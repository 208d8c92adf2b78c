//! What a front door hears in a private chat, as the desk's inputs: the
//! answer of a person a conversation was transferred to is relayed to the
//! user; a user's file and its caption are two inputs (the caption is what
//! the user wrote with the file).

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Written};
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
        if self
            .person_writes_if_target(who.chat_id, &written, update_id)
            .await?
        {
            return Ok(());
        }
        let Some(attachment) = written.attachment else {
            let input = match written.text.as_deref() {
                Some(text) if !written.unreadable => UserInput::from_text(text),
                _ => UserInput::Unsupported,
            };
            self.handle_message(who, input, update_id, sent_at, written.origin)
                .await?;
            return Ok(());
        };
        self.handle_received(who, UserInput::Attachment(attachment), update_id, sent_at)
            .await?;
        if let Some(caption) = written.text {
            self.handle_received(who, UserInput::from_text(&caption), None, sent_at)
                .await?;
        }
        Ok(())
    }
}
