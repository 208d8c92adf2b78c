//! Rule 7's other half: a conversation whose user has gone silent for the
//! inactivity period is closed (with the farewell when the request was dealt
//! with, as abandoned otherwise), each in its own transaction.

use super::{Desk, DeskError, Opening, Outgoing, SendClass, sends};
use crate::protocol::Input;
use crate::store;
use crate::store::conversations::{self, Channel, Participant};

impl Desk {
    /// Closes the conversations of `channel` whose user has been silent for the
    /// inactivity period, and returns what to tell each chat.
    /// `only_chat` limits the sweep to one chat (the terminal's own).
    pub async fn close_idle(
        &self,
        channel: Channel,
        only_chat: Option<i64>,
    ) -> Result<Vec<Outgoing>, DeskError> {
        let now = (self.clock)();
        let inactivity =
            chrono::Duration::from_std(self.settings.inactivity).unwrap_or(chrono::Duration::MAX);
        let before = store::to_millis(now - inactivity);
        let mut closed = Vec::new();
        let idle = conversations::idle_chats(self.store.reader(), channel, before).await?;
        for chat_id in idle {
            if only_chat.is_some_and(|only| only != chat_id) {
                continue;
            }
            let mut tx = self.store.begin_for_chat(chat_id).await?;
            // Checked again inside the transaction: the user may just have written.
            let still_idle = conversations::find_open(&mut tx, channel, chat_id)
                .await?
                .filter(|open| open.last_activity_ms < before);
            if still_idle.is_none() {
                continue;
            }
            let who = Participant {
                channel,
                chat_id,
                user_id: None,
                user_name: None,
                locale: self.settings.default_locale,
            };
            let ran = self
                .run(
                    &mut tx,
                    &who,
                    Input::Inactive,
                    None,
                    still_idle.into(),
                    Opening::OnlyExisting,
                )
                .await?;
            let mut queued = sends::to_chat(chat_id, ran.replies.clone());
            queued.extend(ran.deliveries.iter().cloned());
            self.commit(tx, &queued, SendClass::Conversation).await?;
            closed.push(Outgoing {
                chat_id,
                replies: ran.replies,
            });
        }
        Ok(closed)
    }
}
