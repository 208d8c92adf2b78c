//! `/pasar <grupo>`: an agent passes a conversation to another agents'
//! group (a service's, or the general one). It waits there for an agent
//! under a new card that carries its history; its place here says where it
//! went and is closed; the user hears which team will attend them.

use super::super::delivery::to_group;
use super::super::{Delivery, Desk, DeskError, GroupSpot, Post, SendClass, TopicState};
use super::{HandoffRoute, WrittenIn, take_button};
use crate::agents::Agent;
use crate::agents::routes::ServiceRoute;
use crate::protocol::{HandoffEvent, Input, Reply};
use crate::store::handoffs::{self, Handoff};
use crate::store::{self, routes};
use crate::t;

/// The word that names the general group in `/pasar general`.
const GENERAL_WORD: &str = "general";

/// A group a conversation can be passed to.
#[derive(Clone, Debug)]
struct Destination {
    /// `None`: the general group.
    group: Option<i64>,
    /// The service whose group it is; `None` for the general group.
    route: Option<ServiceRoute>,
}

impl Destination {
    /// As agents see it: "general", or "red (Red e internet)".
    fn label(&self) -> String {
        match &self.route {
            Some(route) => format!("{} ({})", route.code, route.name),
            None => GENERAL_WORD.to_owned(),
        }
    }

    /// The service's name, as the user hears it.
    fn area(&self) -> Option<String> {
        self.route.as_ref().map(|route| route.name.clone())
    }

    fn is_named_by(&self, words: &str) -> bool {
        match &self.route {
            Some(route) => route.is_named_by(words),
            None => crate::words::fold(words.trim()) == GENERAL_WORD,
        }
    }
}

impl Desk {
    /// `/pasar [grupo]` given at `spot`, in the conversation at `place`.
    pub(super) async fn pass(
        &self,
        spot: GroupSpot,
        place: Option<WrittenIn>,
        agent: &Agent,
        to: Option<String>,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let mut tx = self.begin_action(update).await?;
        let Some(handoff) = self.conversation_at(&mut tx, spot, place).await? else {
            let hint = to_group(spot, t!(lang, "agent-needs-conversation"));
            return self.finish(tx, hint).await;
        };
        let destinations = self.destinations(routes::list(&mut tx).await?);
        let target = match self.choose(&destinations, to.as_deref(), &handoff) {
            Ok(target) => target,
            Err(why) => return self.finish(tx, vec![self.notice(handoff.id, why)]).await,
        };
        if let Some(refused) = self.pass_refusal(&handoff, agent) {
            return self
                .finish(tx, vec![self.notice(handoff.id, refused)])
                .await;
        }
        let here = destinations
            .iter()
            .find(|d| d.group == handoff.group_chat_id)
            .map_or_else(|| GENERAL_WORD.to_owned(), Destination::label);
        let at = store::to_millis((self.clock)());
        handoffs::pass(&mut tx, handoff.id, target.group, at).await?;
        let passed = Input::Handoff(HandoffEvent::Passed {
            area: target.area(),
        });
        let mut deliveries = self.user_side(&mut tx, &handoff, passed).await?;
        deliveries.push(self.place_left(&handoff, agent, &target.label()));
        let header = t!(
            lang,
            "agent-passed-card",
            agent = agent.name.as_str(),
            from = here
        );
        let title = handoff
            .topic_title
            .clone()
            .unwrap_or_else(|| format!("#{}", handoff.conversation_id));
        deliveries.push(Delivery::Handoff {
            handoff: handoff.id,
            post: Post::Card {
                title,
                reply: Reply {
                    text: self.history_under(handoff.id, header).await?,
                    buttons: vec![vec![take_button(lang, handoff.id)]],
                },
            },
        });
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(deliveries)
    }

    /// The general group, then each service's group.
    fn destinations(&self, routes: Vec<ServiceRoute>) -> Vec<Destination> {
        let general = Destination {
            group: None,
            route: None,
        };
        let services = routes.into_iter().map(|route| Destination {
            group: self.group_of(route.group.get()),
            route: Some(route),
        });
        std::iter::once(general).chain(services).collect()
    }

    /// The one group `words` name, else why not (with the groups there are).
    fn choose(
        &self,
        destinations: &[Destination],
        words: Option<&str>,
        handoff: &Handoff,
    ) -> Result<Destination, String> {
        let lang = self.group_lang();
        if destinations.len() == 1 {
            return Err(t!(lang, "agent-pass-no-groups"));
        }
        let groups = destinations
            .iter()
            .map(Destination::label)
            .collect::<Vec<_>>()
            .join(", ");
        let Some(words) = words else {
            return Err(t!(lang, "agent-pass-choose", groups = groups));
        };
        let named: Vec<&Destination> = destinations
            .iter()
            .filter(|d| d.is_named_by(words))
            .collect();
        let Some(first) = named.first() else {
            return Err(t!(
                lang,
                "agent-pass-unknown",
                name = words,
                groups = groups
            ));
        };
        if named.iter().any(|d| d.group != first.group) {
            return Err(t!(
                lang,
                "agent-pass-ambiguous",
                name = words,
                groups = groups
            ));
        }
        if first.group == handoff.group_chat_id {
            return Err(t!(lang, "agent-pass-same"));
        }
        Ok((*first).clone())
    }

    /// Why `agent` may not pass `handoff`: it is over, or another agent's.
    /// A conversation nobody has taken yet may be passed by anyone.
    fn pass_refusal(&self, handoff: &Handoff, agent: &Agent) -> Option<String> {
        let waiting = handoff.agent_user_id.is_none() && handoff.ended_at.is_none();
        if waiting {
            return None;
        }
        self.refusal(handoff, agent)
    }

    /// The conversation's place in the group it leaves: where it went, and
    /// the topic (or card) showing it is over here.
    fn place_left(&self, handoff: &Handoff, agent: &Agent, to: &str) -> Delivery {
        let route = HandoffRoute {
            topic_title: handoff.topic_title.clone(),
            card_text: handoff.card_text.clone(),
            ..HandoffRoute::default()
        };
        let shown = self.topic_texts(&route, &TopicState::Passed { to: to.to_owned() });
        Delivery::PlaceLeft {
            group: handoff.group_chat_id,
            thread: handoff.thread_id,
            card: handoff.card_message_id,
            notice: t!(
                self.group_lang(),
                "agent-passed-notice",
                agent = agent.name.as_str(),
                to = to
            ),
            topic_name: shown.topic_name,
            card_text: shown.card_text,
        }
    }
}
