//! A conversation's place in the agents' group stays tidy: its topic's title
//! shows where it stands ("🟡 #12 · Ana Pérez · Correo" → "🟢 … · Laura
//! Méndez" → "✅ …"), or its card does in a group without topics; the same
//! person's next conversation opens the same topic again; a topic deleted by
//! hand is replaced by a new one that starts with the history.

use super::super::{Delivery, Desk, DeskError, Post, TopicState};
use super::HandoffRoute;
use crate::store::handoffs;
use crate::t;

/// Telegram's longest topic name.
const MAX_TOPIC_NAME_CHARS: usize = 128;
/// Transcript lines a replacement topic starts with.
const HISTORY_LINES: i64 = 12;

/// What the group shows for a state: the topic's name, the card's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateTexts {
    pub topic_name: Option<String>,
    pub card_text: Option<String>,
}

impl Desk {
    pub(super) fn state_post(&self, handoff: i64, state: TopicState) -> Delivery {
        Delivery::Handoff {
            handoff,
            post: Post::State(state),
        }
    }

    /// The texts for `state` of the conversation at `route`.
    pub fn topic_texts(&self, route: &HandoffRoute, state: &TopicState) -> StateTexts {
        let lang = self.group_lang();
        let topic_name = route.topic_title.as_deref().map(|title| {
            let named = match state {
                TopicState::Waiting => t!(lang, "topic-waiting", title = title),
                TopicState::Attended { agent } => {
                    t!(
                        lang,
                        "topic-attended",
                        title = title,
                        agent = agent.as_str()
                    )
                }
                TopicState::Closed => t!(lang, "topic-closed", title = title),
                TopicState::Passed { to } => {
                    t!(lang, "topic-passed", title = title, to = to.as_str())
                }
            };
            named.chars().take(MAX_TOPIC_NAME_CHARS).collect()
        });
        let card_text = route.card_text.as_deref().map(|card| {
            let line = match state {
                TopicState::Waiting => t!(lang, "card-state-waiting"),
                TopicState::Attended { agent } => {
                    t!(lang, "card-state-attended", agent = agent.as_str())
                }
                TopicState::Closed => t!(lang, "card-state-closed"),
                TopicState::Passed { to } => t!(lang, "card-state-passed", to = to.as_str()),
            };
            format!("{line}\n\n{card}")
        });
        StateTexts {
            topic_name,
            card_text,
        }
    }

    /// The topic of the same person's earlier conversation with the agents.
    pub async fn earlier_topic(&self, handoff: i64) -> Result<Option<i64>, DeskError> {
        Ok(handoffs::earlier_topic(self.store.reader(), handoff).await?)
    }

    /// How a replacement topic starts: its card and the latest lines.
    pub async fn topic_history(&self, handoff: i64) -> Result<String, DeskError> {
        self.history_under(handoff, t!(self.group_lang(), "topic-history"))
            .await
    }

    /// `header`, then the conversation's card and latest lines.
    pub(super) async fn history_under(
        &self,
        handoff: i64,
        header: String,
    ) -> Result<String, DeskError> {
        let lang = self.group_lang();
        let mut conn = self.reading().await?;
        let Some(found) = handoffs::get(&mut conn, handoff).await? else {
            return Ok(header);
        };
        let user = found.user_name.clone().unwrap_or_default();
        let mut text = header;
        if let Some(card) = &found.card_text {
            text.push_str("\n\n");
            text.push_str(card);
        }
        let lines =
            handoffs::recent_lines(self.store.reader(), found.conversation_id, HISTORY_LINES)
                .await?;
        if !lines.is_empty() {
            text.push('\n');
        }
        for (author, body) in lines {
            let who = match author.strip_prefix("agent:") {
                Some(agent) => agent.to_owned(),
                None if author == "user" => user.clone(),
                None => t!(lang, "topic-history-bot"),
            };
            text.push('\n');
            text.push_str(&t!(lang, "topic-history-line", who = who, text = body));
        }
        Ok(text)
    }
}
