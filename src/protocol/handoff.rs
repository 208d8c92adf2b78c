//! Handing the conversation to a person (an agent of the desk): the queue and
//! its hold protocol (rule 6), the agent's greeting and farewell in their own
//! name, and the fallback to a ticket when nobody can answer.

use serde::{Deserialize, Serialize};

use super::{
    Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, UserInput, replies,
};
use crate::t;
use crate::understand::Intent;

/// Where a handoff to a person stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum HandoffStage {
    /// In the queue for an agent, with hold reminders.
    Waiting,
    /// An agent (or a person transferred to) has the conversation; messages
    /// are relayed both ways.
    WithAgent { agent: String },
}

/// Whether a person can be asked for right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agents {
    Available,
    /// No agents' group is configured: the menu does not offer agents.
    NotConfigured,
    /// Outside the desk's business hours.
    OutOfHours,
}

/// Why a conversation was handed over (kept for the indicators).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The user asked for a person.
    Asked,
    /// First-level support did not solve it and the user preferred a person.
    FaqFailed,
    /// The bot could not understand the user twice in a row.
    NotUnderstood,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Asked => "asked",
            Reason::FaqFailed => "faq_failed",
            Reason::NotUnderstood => "not_understood",
        }
    }
}

/// FAQ searches without an answer in a row before a person is suggested.
pub const MISSES_BEFORE_SUGGESTING: u8 = 2;

pub(super) fn agent_button(cx: &Context) -> Option<Vec<Button>> {
    (cx.agents != Agents::NotConfigured).then(|| {
        vec![Button {
            label: t!(cx.lang, "agent-ask-button"),
            choice: Choice::TalkToAgent,
        }]
    })
}

/// The user asks for a person (from the menu or a failure point).
pub(super) fn request(t: &mut Transition, cx: &Context) {
    let reason = if t.conversation.misses >= MISSES_BEFORE_SUGGESTING {
        Reason::NotUnderstood
    } else if t.conversation.problem.is_some() {
        Reason::FaqFailed
    } else {
        Reason::Asked
    };
    match cx.agents {
        Agents::Available => {
            t.go(Step::Handoff(HandoffStage::Waiting));
            t.effects
                .push(Effect::Handoff(HandoffEffect::Escalate { reason }));
        }
        unavailable => {
            let why = match unavailable {
                Agents::OutOfHours => "hours",
                _ => "none",
            };
            offer_ticket_instead(t, t!(cx.lang, "agent-unavailable", reason = why), cx);
        }
    }
}

/// Nobody can answer: say so once and offer a ticket, keeping what was written.
fn offer_ticket_instead(t: &mut Transition, why: String, cx: &Context) {
    t.go(Step::Menu);
    let mut buttons = vec![vec![Button {
        label: t!(cx.lang, "offer-ticket"),
        choice: Choice::SecondLevel,
    }]];
    buttons.extend(replies::menu(cx, String::new()).buttons);
    t.say(Reply { text: why, buttons });
}

/// In the queue: why the user waits, and where (rule 6).
/// What the handoff asks of the agents' queue.
#[derive(Clone, Debug, PartialEq)]
pub enum HandoffEffect {
    /// Put the conversation in the agents' queue; answer with [`HandoffEvent::Queued`].
    Escalate { reason: Reason },
    /// Pass what the user sent to the agents.
    Relay(UserInput),
    /// The user leaves the queue (or the agent).
    Leave,
}

/// What happens in the agents' queue and with the agent.
#[derive(Clone, Debug, PartialEq)]
pub enum HandoffEvent {
    /// The answer to `HandoffEffect::Escalate`: the place in the agents' queue.
    Queued { position: u32 },
    /// A hold reminder is due; `position` when it changed.
    Hold { position: Option<u32> },
    /// An agent took the conversation.
    AgentTook { agent: String },
    /// The agent put it back in the queue.
    AgentReleased,
    /// An agent passed it to another agents' group: the team of `area` (a
    /// service's name), or the general one (`None`).
    Passed { area: Option<String> },
    /// The agent ended it, with this outcome or leaving it to the protocol.
    AgentClosed {
        agent: String,
        outcome: Option<Outcome>,
    },
    /// Nobody took it within the waiting limit.
    AgentTimeout,
    /// The agent opens a ticket for this conversation, with their assessment.
    AgentTicket {
        agent: String,
        urgency: crate::ticket::Urgency,
        impact: crate::ticket::Impact,
    },
}

pub(super) fn on_event(t: &mut Transition, event: HandoffEvent, cx: &Context) {
    match event {
        HandoffEvent::Queued { position } => on_queued(t, position, cx),
        HandoffEvent::Hold { position } => on_hold(t, position, cx),
        HandoffEvent::AgentTook { agent } => on_taken(t, agent, cx),
        HandoffEvent::AgentReleased => on_released(t, cx),
        HandoffEvent::Passed { area } => on_passed(t, area, cx),
        HandoffEvent::AgentClosed { agent, outcome } => on_closed(t, agent, outcome, cx),
        HandoffEvent::AgentTimeout => on_timeout(t, cx),
        HandoffEvent::AgentTicket {
            agent,
            urgency,
            impact,
        } => super::ticket_wizard::start_for_agent(t, agent, urgency, impact, cx),
    }
}

pub(super) fn on_queued(t: &mut Transition, position: u32, cx: &Context) {
    if t.conversation.step != Step::Handoff(HandoffStage::Waiting) {
        return;
    }
    t.say(Reply::text(t!(cx.lang, "agent-wait", position = position)));
}

/// Rule 6: "Permítame, lo sigo atendiendo…" while the user waits.
pub(super) fn on_hold(t: &mut Transition, position: Option<u32>, cx: &Context) {
    if t.conversation.step != Step::Handoff(HandoffStage::Waiting) {
        return;
    }
    let text = match position {
        Some(position) => t!(cx.lang, "agent-hold-position", position = position),
        None => t!(cx.lang, "agent-hold"),
    };
    t.say(Reply::text(text));
}

/// An agent took the conversation: the protocol greeting in their name.
pub(super) fn on_taken(t: &mut Transition, agent: String, cx: &Context) {
    if !matches!(t.conversation.step, Step::Handoff(_)) {
        return;
    }
    t.say(Reply::text(t!(
        cx.lang,
        "agent-greeting",
        part = cx.part_of_day().key(),
        agent = agent.as_str()
    )));
    t.conversation.attended_by_person = true;
    t.go(Step::Handoff(HandoffStage::WithAgent { agent }));
}

pub(super) fn on_released(t: &mut Transition, cx: &Context) {
    if !matches!(t.conversation.step, Step::Handoff(_)) {
        return;
    }
    t.go(Step::Handoff(HandoffStage::Waiting));
    t.say(Reply::text(t!(cx.lang, "agent-released")));
}

/// Passed to another team: the user hears with whom, and waits there.
pub(super) fn on_passed(t: &mut Transition, area: Option<String>, cx: &Context) {
    if !matches!(t.conversation.step, Step::Handoff(_)) {
        return;
    }
    t.go(Step::Handoff(HandoffStage::Waiting));
    let text = match area {
        Some(area) => t!(cx.lang, "agent-passed", area = area),
        None => t!(cx.lang, "agent-passed-general"),
    };
    t.say(Reply::text(text));
}

/// The agent ends the conversation: the farewell (rule 7) in their name.
pub(super) fn on_closed(
    t: &mut Transition,
    agent: String,
    requested: Option<Outcome>,
    cx: &Context,
) {
    // Also while the user fills in a ticket the agent asked for.
    if matches!(t.conversation.step, Step::New | Step::Closed) {
        return;
    }
    // A transfer stays a transfer, whoever ends it; otherwise what the agent
    // said, else what the conversation reached (second level when a ticket
    // was opened), else first level.
    let outcome = match (t.conversation.outcome, requested) {
        (Some(Outcome::Transferred), _) => Outcome::Transferred,
        (_, Some(requested)) => requested,
        (Some(reached), None) => reached,
        (None, None) => Outcome::FirstLevel,
    };
    t.conversation.outcome = Some(outcome);
    // A person closes it: a person attended it (also for a conversation
    // saved before this was recorded).
    t.conversation.attended_by_person = true;
    t.say(Reply::text(t!(
        cx.lang,
        "agent-farewell",
        agent = agent.as_str(),
        part = cx.part_of_day().key()
    )));
    t.close();
}

/// Nobody took it in time.
pub(super) fn on_timeout(t: &mut Transition, cx: &Context) {
    if t.conversation.step != Step::Handoff(HandoffStage::Waiting) {
        return;
    }
    offer_ticket_instead(t, t!(cx.lang, "agent-unavailable", reason = "timeout"), cx);
}

/// `agent-still-waiting` or `agent-still-with`, asked again.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    let text = match t.conversation.step {
        Step::Handoff(HandoffStage::WithAgent { .. }) => t!(cx.lang, "agent-still-with"),
        _ => t!(cx.lang, "agent-still-waiting"),
    };
    t.say(Reply::text(text));
}

/// What the user sends while waiting for, or talking with, an agent.
pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    match input {
        UserInput::Command(super::Command::Cancel) => {
            t.effects.push(Effect::Handoff(HandoffEffect::Leave));
            t.say(Reply::text(t!(cx.lang, "agent-left")));
            replies::back_to_menu(t, cx);
        }
        // While waiting, "ya no" leaves the queue and "mejor levanto un reporte"
        // goes to the ticket; everything else, and all while with the agent, is relayed.
        UserInput::Text(text) if t.conversation.step == Step::Handoff(HandoffStage::Waiting) => {
            let reading = cx.read(&text);
            match reading.intent {
                Intent::Cancel | Intent::Goodbye if !reading.content => {
                    t.effects.push(Effect::Handoff(HandoffEffect::Leave));
                    t.say(Reply::text(t!(cx.lang, "agent-left")));
                    t.go(Step::Menu);
                    replies::ask_anything_else(t, cx);
                }
                Intent::Ticket if reading.alternative.is_none() => {
                    t.effects.push(Effect::Handoff(HandoffEffect::Leave));
                    super::ticket_wizard::second_level(t, cx);
                }
                _ => t
                    .effects
                    .push(Effect::Handoff(HandoffEffect::Relay(UserInput::Text(text)))),
            }
        }
        UserInput::Text(_) | UserInput::Attachment(_) => {
            t.effects.push(Effect::Handoff(HandoffEffect::Relay(input)))
        }
        // A poll, a game: nothing a person could be shown; never silence.
        UserInput::Unsupported => t.say(Reply::text(t!(cx.lang, "agent-cannot-relay"))),
        UserInput::Command(_) | UserInput::Choice(_) => {
            let key_waiting = matches!(t.conversation.step, Step::Handoff(HandoffStage::Waiting));
            t.say(Reply::text(if key_waiting {
                t!(cx.lang, "agent-still-waiting")
            } else {
                t!(cx.lang, "agent-still-with")
            }));
        }
    }
}
