//! A low rating (1 or 2) of a conversation an agent attended is told to the
//! agents' group, with a link to the conversation's topic (or card), so the
//! desk looks at it while it is fresh.

use sqlx::AnyConnection;

use super::super::{Delivery, Desk, DeskError};
use crate::protocol::Reply;
use crate::store::handoffs;
use crate::t;

/// Ratings at or below this are told to the group.
const LOW: u8 = 2;

/// A link to a message of a supergroup (`t.me/c/…`, for its members); a
/// basic group's messages have none. A topic's link is its first message's.
fn message_link(group: i64, message: i64) -> Option<String> {
    let internal = group.to_string().strip_prefix("-100")?.to_owned();
    Some(format!("https://t.me/c/{internal}/{message}"))
}

impl Desk {
    /// The alert for `score` given to `conversation`, if it is low and an
    /// agent of the group attended it.
    pub(in crate::desk) async fn low_rating_alert(
        &self,
        conn: &mut AnyConnection,
        conversation: i64,
        score: u8,
    ) -> Result<Option<Delivery>, DeskError> {
        if score > LOW || self.settings.agents.group_chat_id.is_none() {
            return Ok(None);
        }
        let Some(handoff) = handoffs::attended(conn, conversation).await? else {
            return Ok(None);
        };
        let Some(group) = self.group_chat(handoff.group_chat_id) else {
            return Ok(None);
        };
        let lang = self.group_lang();
        let mut text = t!(
            lang,
            "agent-low-rating",
            score = score,
            conversation = conversation,
            name = handoff.user_name.unwrap_or_default(),
            agent = handoff.agent_name.unwrap_or_default()
        );
        let linked = handoff.thread_id.or(handoff.card_message_id);
        if let Some(link) = linked.and_then(|message| message_link(group, message)) {
            text.push('\n');
            text.push_str(&t!(lang, "agent-low-rating-link", link = link));
        }
        Ok(Some(Delivery::Group {
            group: handoff.group_chat_id,
            thread: None,
            reply: Reply::text(text),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::message_link;

    #[test]
    fn only_a_supergroup_s_messages_have_links() {
        assert_eq!(
            message_link(-1_001_234_567_890, 9001).as_deref(),
            Some("https://t.me/c/1234567890/9001")
        );
        assert_eq!(message_link(-4_512_345, 12), None);
    }
}
