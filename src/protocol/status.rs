//! Policy: the user may ask at any time for the status of a ticket. Shown only
//! to its owner: the chat that opened it, or whoever then gives the e-mail on
//! the ticket. Anyone else gets the same answer as for a number that does not
//! exist.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Context, Effect, Outcome, Reply, Step, Transition, UserInput, replies};
use crate::contact::Email;
use crate::t;
use crate::ticket::{Kind, Priority, Status, TicketNumber};

/// Where a status lookup stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum StatusStage {
    /// Waiting for a ticket number.
    Number,
    /// Waiting for the e-mail on the ticket, to prove it is theirs.
    Email { number: TicketNumber },
    /// The lookup is under way.
    Lookup,
}

/// A ticket as its owner sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketView {
    pub number: TicketNumber,
    pub status: Status,
    pub kind: Kind,
    pub service: String,
    pub priority: Priority,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub history: Vec<(DateTime<Utc>, Status, String)>,
}

/// A ticket's status for this chat, or for whoever knows its e-mail; answer
/// with [`super::Input::TicketStatus`].
#[derive(Clone, Debug, PartialEq)]
pub struct StatusLookup {
    pub number: TicketNumber,
    pub email: Option<Email>,
}

/// The runtime's answer to a [`StatusLookup`].
#[derive(Clone, Debug, PartialEq)]
pub enum StatusAnswer {
    Found(Box<TicketView>),
    /// Not this chat's ticket, or no such ticket: the same answer either way.
    ProveOwnership,
    /// The e-mail did not match (or no such ticket).
    NoMatch,
    /// Too many failed lookups from this chat lately.
    TooManyAttempts,
}

/// "Estado de un ticket" from the menu, or `/estado` without a number.
pub(super) fn ask_number(t: &mut Transition, cx: &Context) {
    t.go(Step::Status(StatusStage::Number));
    t.say(Reply::text(t!(cx.lang, "status-ask-number")));
}

pub(super) fn lookup(t: &mut Transition, number: TicketNumber) {
    t.go(Step::Status(StatusStage::Lookup));
    t.effects.push(Effect::Status(StatusLookup {
        number,
        email: None,
    }));
}

pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    match (t.conversation.step.clone(), input) {
        (Step::Status(StatusStage::Number), UserInput::Text(text)) => {
            match TicketNumber::parse(&text, cx.ticket_prefix)
                .or_else(|| TicketNumber::find_in(&text, cx.ticket_prefix))
            {
                Some(number) => lookup(t, number),
                None => {
                    t.say(Reply::text(t!(cx.lang, "status-bad-number")));
                    t.go(Step::Status(StatusStage::Number));
                }
            }
        }
        (Step::Status(StatusStage::Email { number }), UserInput::Text(text)) => {
            match Email::parse(&text) {
                Ok(email) => {
                    t.go(Step::Status(StatusStage::Lookup));
                    t.effects.push(Effect::Status(StatusLookup {
                        number,
                        email: Some(email),
                    }));
                }
                Err(_) => t.say(Reply::text(t!(cx.lang, "status-bad-email"))),
            }
        }
        _ => {
            t.say(Reply::text(t!(cx.lang, "stale-choice")));
            reprompt(t, cx);
        }
    }
}

pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    match t.conversation.step {
        Step::Status(StatusStage::Email { .. }) => {
            t.say(Reply::text(t!(cx.lang, "status-ask-email")))
        }
        _ => ask_number(t, cx),
    }
}

pub(super) fn on_answer(
    t: &mut Transition,
    number: TicketNumber,
    answer: StatusAnswer,
    cx: &Context,
) {
    if t.conversation.step != Step::Status(StatusStage::Lookup) {
        return;
    }
    match answer {
        StatusAnswer::Found(view) => {
            t.say(Reply::text(render(&view, cx)));
            // The policy's request is met: an answer on first contact.
            if t.conversation.outcome.is_none() {
                t.conversation.outcome = Some(Outcome::FirstLevel);
            }
            replies::ask_anything_else(t, cx);
        }
        StatusAnswer::ProveOwnership => {
            t.go(Step::Status(StatusStage::Email { number }));
            t.say(Reply::text(t!(
                cx.lang,
                "status-ask-email-for",
                number = number.display(cx.ticket_prefix)
            )));
        }
        StatusAnswer::NoMatch => {
            t.say(Reply::text(t!(cx.lang, "status-no-match")));
            replies::back_to_menu(t, cx);
        }
        StatusAnswer::TooManyAttempts => {
            t.say(Reply::text(t!(cx.lang, "status-too-many")));
            replies::back_to_menu(t, cx);
        }
    }
}

fn render(view: &TicketView, cx: &Context) -> String {
    let lang = cx.lang;
    let when = |at: DateTime<Utc>| {
        at.with_timezone(&cx.tz)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    };
    let mut text = t!(
        lang,
        "status-view",
        number = view.number.display(cx.ticket_prefix),
        status = view.status.as_str(),
        kind = view.kind.as_str(),
        service = view.service.as_str(),
        priority = view.priority.level(),
        opened = when(view.opened_at),
        updated = when(view.updated_at)
    );
    for (at, status, note) in &view.history {
        let line = t!(
            lang,
            "status-history-line",
            at = when(*at),
            status = status.as_str()
        );
        text.push_str(&format!("\n• {line}"));
        if !note.is_empty() {
            text.push_str(&format!(" ({note})"));
        }
    }
    text
}
