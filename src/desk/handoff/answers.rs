//! Answers without typing: `/faq texto` offers the knowledge base's best
//! entries as buttons, and the one an agent presses goes to the user in the
//! agent's name; `/plantilla nombre` sends one of the desk's saved replies.

use sqlx::AnyConnection;

use super::super::delivery::{GroupSpot, to_group};
use super::super::{Delivery, Desk, DeskError, Post, SendClass};
use super::{GroupPress, WrittenIn, locked};
use crate::agents::Agent;
use crate::protocol::{Button, Choice, Reply};
use crate::store::conversations::{self, Channel};
use crate::store::handoffs::{self, Handoff};
use crate::store::{self, WriteTx, templates};
use crate::t;
use crate::templates::TemplateName;

/// Entries `/faq` offers.
const OFFERED: usize = 3;
/// A button shows the start of an entry's question.
const BUTTON_CHARS: usize = 48;

fn shortened(text: &str) -> String {
    if text.chars().count() <= BUTTON_CHARS {
        return text.to_owned();
    }
    let start: String = text.chars().take(BUTTON_CHARS - 1).collect();
    format!("{}…", start.trim_end())
}

impl Desk {
    /// `/faq texto` in a conversation: its best entries, one button each;
    /// elsewhere in the group, the entries with their answers, to read (an
    /// agent on the phone looks an answer up).
    pub(super) async fn offer_faq(
        &self,
        place: Option<WrittenIn>,
        spot: GroupSpot,
        query: &str,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let mut tx = self.begin_action(update).await?;
        let knowledge = self.knowledge.get(&mut tx, None).await?;
        let found = knowledge.faq.search(query, OFFERED);
        let Some(handoff) = self.conversation_at(&mut tx, spot, place).await? else {
            let mut text = if found.is_empty() {
                t!(lang, "agent-faq-none", query = query)
            } else {
                t!(lang, "agent-faq-lookup", query = query)
            };
            for entry in &found {
                let line = t!(lang, "agent-faq-entry", question = entry.question.as_str());
                text.push_str(&format!("\n\n{line}\n{}", entry.answer));
            }
            return self.finish(tx, to_group(spot, text)).await;
        };
        if found.is_empty() {
            let none = t!(lang, "agent-faq-none", query = query);
            return self.finish(tx, vec![self.notice(handoff.id, none)]).await;
        }
        let mut text = t!(lang, "agent-faq-title", query = query);
        let mut buttons = Vec::with_capacity(found.len());
        for (number, entry) in (1_usize..).zip(&found) {
            let line = t!(
                lang,
                "agent-faq-line",
                number = number,
                question = entry.question.as_str()
            );
            text.push('\n');
            text.push_str(&line);
            buttons.push(vec![Button {
                label: shortened(&line),
                choice: Choice::SendFaq {
                    handoff: handoff.id,
                    entry: entry.id,
                },
            }]);
        }
        let offer = vec![Delivery::Handoff {
            handoff: handoff.id,
            post: Post::Reply(Reply { text, buttons }),
        }];
        self.finish(tx, offer).await
    }

    /// An entry `/faq` offered, pressed: its answer goes to the user in the
    /// agent's name, if the agent attends the conversation.
    pub(super) async fn send_faq(
        &self,
        handoff_id: i64,
        entry: i64,
        agent: &Agent,
        update: Option<i64>,
    ) -> Result<GroupPress, DeskError> {
        let lang = self.group_lang();
        let mut tx = self.begin_action(update).await?;
        let found = handoffs::get(&mut tx, handoff_id).await?;
        let Some(handoff) = locked(&mut tx, found).await? else {
            return self.refuse(tx, t!(lang, "agent-gone")).await;
        };
        if let Some(refused) = self.refusal(&handoff, agent) {
            return self.refuse(tx, refused).await;
        }
        let knowledge = self.knowledge.get(&mut tx, None).await?;
        let Some(entry) = knowledge.faq.get(entry) else {
            return self.refuse(tx, t!(lang, "agent-faq-gone")).await;
        };
        let text = format!("{}\n\n{}", entry.question, entry.answer);
        let sent = t!(
            lang,
            "agent-faq-sent",
            agent = agent.name.as_str(),
            question = entry.question.as_str()
        );
        let deliveries = self
            .write_as_agent(&mut tx, &handoff, agent, text, sent)
            .await?;
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(GroupPress::Sent(deliveries))
    }

    /// `/plantilla [nombre]`: without a name, the names there are; with
    /// one, that reply in the user's language goes to the user.
    pub(super) async fn send_template(
        &self,
        place: Option<WrittenIn>,
        spot: GroupSpot,
        agent: &Agent,
        name: Option<String>,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let mut tx = self.begin_action(update).await?;
        let names = templates::names(&mut tx).await?.join(", ");
        let Some(name) = name else {
            let listing = if names.is_empty() {
                t!(lang, "agent-template-none")
            } else {
                t!(lang, "agent-template-list", names = names)
            };
            return self.finish(tx, to_group(spot, listing)).await;
        };
        let Some(handoff) = self.conversation_at(&mut tx, spot, place).await? else {
            let hint = t!(lang, "agent-needs-conversation");
            return self.finish(tx, to_group(spot, hint)).await;
        };
        if let Some(refused) = self.refusal(&handoff, agent) {
            return self
                .finish(tx, vec![self.notice(handoff.id, refused)])
                .await;
        }
        let locales = [
            self.user_locale(&mut tx, &handoff).await?,
            self.settings.default_locale,
        ];
        let text = match TemplateName::parse(&name) {
            Ok(parsed) => templates::find(&mut tx, &parsed, &locales).await?,
            Err(_) => None,
        };
        let Some(text) = text else {
            let unknown = if names.is_empty() {
                t!(lang, "agent-template-none")
            } else {
                t!(
                    lang,
                    "agent-template-unknown",
                    name = name.as_str(),
                    names = names
                )
            };
            return self
                .finish(tx, vec![self.notice(handoff.id, unknown)])
                .await;
        };
        let sent = t!(
            lang,
            "agent-template-sent",
            agent = agent.name.as_str(),
            name = name.as_str()
        );
        let deliveries = self
            .write_as_agent(&mut tx, &handoff, agent, text, sent)
            .await?;
        self.finish(tx, deliveries).await
    }

    /// The language the user's conversation is held in.
    async fn user_locale(
        &self,
        tx: &mut AnyConnection,
        handoff: &Handoff,
    ) -> Result<crate::locale::Locale, DeskError> {
        let open = match Channel::parse(&handoff.channel) {
            Some(channel) => conversations::find_open(tx, channel, handoff.chat_id).await?,
            None => None,
        };
        Ok(open.map_or(self.settings.default_locale, |o| o.locale))
    }

    /// Text for the user in the agent's name, in the transcript as the
    /// agent's, and `notice` in the conversation's topic.
    async fn write_as_agent(
        &self,
        tx: &mut AnyConnection,
        handoff: &Handoff,
        agent: &Agent,
        text: String,
        notice: String,
    ) -> Result<Vec<Delivery>, DeskError> {
        let at = store::to_millis((self.clock)());
        let reply = Reply::text(text);
        let author = format!("agent:{}", agent.name);
        conversations::record_out_by(tx, handoff.conversation_id, at, &reply, &author).await?;
        Ok(vec![
            Delivery::User {
                chat_id: handoff.chat_id,
                reply,
            },
            self.notice(handoff.id, notice),
        ])
    }

    /// A press that changes nothing: the update counts as handled, the
    /// agent hears why.
    async fn refuse(&self, tx: WriteTx, why: String) -> Result<GroupPress, DeskError> {
        self.finish(tx, Vec::new()).await?;
        Ok(GroupPress::Refused(why))
    }
}
