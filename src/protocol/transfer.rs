//! A call to someone inside (operations 10-13): whom the user wants to reach,
//! their name and where they write from, and the handover: to the person's
//! chat when they have one, otherwise their extension and e-mail (and the
//! person is told by e-mail who is looking for them).

use serde::{Deserialize, Serialize};

use super::HandoffStage;
use super::{
    Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, UserInput, replies,
};
use crate::contact::{FullName, NameError};
use crate::t;

/// Where a transfer stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum TransferStage {
    /// Operation 10: whom the user wants to reach.
    Who,
    /// Directory entries found, to choose from.
    Pick { options: Vec<DirectoryOption> },
    /// Operation 11: the user's name, to announce them.
    Name { target: DirectoryOption },
    /// Operation 11: where the user writes from.
    From {
        target: DirectoryOption,
        caller: FullName,
    },
    /// The transfer is being made.
    Transferring,
}

/// Longest "where do you write from" kept.
const MAX_FROM_CHARS: usize = 120;

/// A directory entry offered on a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryOption {
    pub id: i64,
    pub name: String,
    pub area: String,
}

/// The runtime's answer to `TransferEffect::HandOver`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransferResult {
    /// Handed to the person's chat: messages now go both ways.
    Relayed { name: String },
    /// Their extension and e-mail were given; the person was e-mailed.
    Contact {
        name: String,
        area: String,
        extension: String,
        email: Option<String>,
    },
    /// The entry left the directory meanwhile.
    Gone,
}

/// Operation 10: whom to reach (`transfer-ask-who`).
pub(super) fn start(t: &mut Transition, cx: &Context) {
    t.go(Step::Transfer(TransferStage::Who));
    t.say(Reply::text(t!(cx.lang, "transfer-ask-who")));
}

/// Operation 10 with the name already given ("comuníqueme con Patricia Núñez").
pub(super) fn search(t: &mut Transition, who: String) {
    t.go(Step::Transfer(TransferStage::Who));
    t.effects
        .push(Effect::Transfer(TransferEffect::SearchDirectory(who)));
}

pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    match t.conversation.step.clone() {
        Step::Transfer(TransferStage::Pick { options }) => t.say(pick(options, cx)),
        Step::Transfer(TransferStage::Name { target }) => t.say(Reply::text(t!(
            cx.lang,
            "transfer-ask-name",
            target = target.name
        ))),
        Step::Transfer(TransferStage::From { .. }) => {
            t.say(Reply::text(t!(cx.lang, "transfer-ask-from")))
        }
        _ => start(t, cx),
    }
}

fn pick(options: Vec<DirectoryOption>, cx: &Context) -> Reply {
    Reply {
        text: t!(cx.lang, "transfer-pick"),
        buttons: options
            .iter()
            .map(|o| {
                vec![Button {
                    label: format!("{} · {}", o.name, o.area),
                    choice: Choice::Directory(o.id),
                }]
            })
            .collect(),
    }
}

pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    match (t.conversation.step.clone(), input) {
        (
            Step::Transfer(TransferStage::Who) | Step::Transfer(TransferStage::Pick { .. }),
            UserInput::Text(text),
        ) => {
            t.go(Step::Transfer(TransferStage::Who));
            t.effects
                .push(Effect::Transfer(TransferEffect::SearchDirectory(text)));
        }
        (
            Step::Transfer(TransferStage::Pick { options }),
            UserInput::Choice(Choice::Directory(id)),
        ) => match options.into_iter().find(|o| o.id == id) {
            Some(target) => {
                t.say(Reply::text(t!(
                    cx.lang,
                    "transfer-ask-name",
                    target = target.name.as_str()
                )));
                t.go(Step::Transfer(TransferStage::Name { target }));
            }
            None => stale(t, cx),
        },
        (Step::Transfer(TransferStage::Name { target }), UserInput::Text(text)) => {
            match FullName::parse(&text) {
                Ok(caller) => {
                    t.go(Step::Transfer(TransferStage::From { target, caller }));
                    t.say(Reply::text(t!(cx.lang, "transfer-ask-from")));
                }
                Err(error) => {
                    let reason = match error {
                        NameError::TooShort => "short",
                        NameError::TooLong => "long",
                        NameError::NeedsSurname => "surname",
                        NameError::InvalidCharacters => "characters",
                    };
                    t.say(Reply::text(t!(cx.lang, "ticket-bad-name", reason = reason)));
                }
            }
        }
        (Step::Transfer(TransferStage::From { target, caller }), UserInput::Text(text)) => {
            let from = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let length = from.chars().count();
            if !(2..=MAX_FROM_CHARS).contains(&length) {
                t.say(Reply::text(t!(
                    cx.lang,
                    "transfer-bad-from",
                    max = MAX_FROM_CHARS
                )));
                return;
            }
            t.go(Step::Transfer(TransferStage::Transferring));
            t.effects.push(Effect::Transfer(TransferEffect::HandOver {
                target: target.id,
                caller,
                from,
            }));
        }
        _ => stale(t, cx),
    }
}

fn stale(t: &mut Transition, cx: &Context) {
    t.say(Reply::text(t!(cx.lang, "stale-choice")));
    reprompt(t, cx);
}

/// What a transfer asks of the directory.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferEffect {
    /// Search the directory; answer with [`TransferAnswer::DirectoryFound`].
    SearchDirectory(String),
    /// Hand the user to a directory entry; answer with [`TransferAnswer::Transferred`].
    HandOver {
        target: i64,
        caller: crate::contact::FullName,
        from: String,
    },
}

/// The runtime's answers to a transfer's effects.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferAnswer {
    /// The answer to `TransferEffect::SearchDirectory`.
    DirectoryFound(Vec<DirectoryOption>),
    /// The answer to `TransferEffect::HandOver`.
    Transferred(TransferResult),
}

pub(super) fn on_answer(t: &mut Transition, answer: TransferAnswer, cx: &Context) {
    match answer {
        TransferAnswer::DirectoryFound(options) => on_found(t, options, cx),
        TransferAnswer::Transferred(result) => on_transferred(t, result, cx),
    }
}

pub(super) fn on_found(t: &mut Transition, options: Vec<DirectoryOption>, cx: &Context) {
    if t.conversation.step != Step::Transfer(TransferStage::Who) {
        return;
    }
    if options.is_empty() {
        t.say(Reply::text(t!(cx.lang, "transfer-none")));
        return;
    }
    t.say(pick(options.clone(), cx));
    t.go(Step::Transfer(TransferStage::Pick { options }));
}

/// The answer to `TransferEffect::HandOver`: operation 13.
pub(super) fn on_transferred(t: &mut Transition, result: TransferResult, cx: &Context) {
    if t.conversation.step != Step::Transfer(TransferStage::Transferring) {
        return;
    }
    match result {
        TransferResult::Relayed { name } => {
            t.conversation.outcome = Some(Outcome::Transferred);
            t.say(Reply::text(t!(
                cx.lang,
                "transfer-relayed",
                name = name.as_str()
            )));
            t.conversation.attended_by_person = true;
            t.go(Step::Handoff(HandoffStage::WithAgent { agent: name }));
        }
        TransferResult::Contact {
            name,
            area,
            extension,
            email,
        } => {
            t.conversation.outcome = Some(Outcome::Transferred);
            t.say(Reply::text(t!(
                cx.lang,
                "transfer-contact",
                name = name.as_str(),
                area = area.as_str(),
                extension = if extension.is_empty() {
                    "—"
                } else {
                    extension.as_str()
                },
                email = email.clone().unwrap_or_else(|| "—".into()),
                mailed = if email.is_some() { "yes" } else { "no" }
            )));
            replies::ask_anything_else(t, cx);
        }
        TransferResult::Gone => {
            t.say(Reply::text(t!(cx.lang, "transfer-gone")));
            start(t, cx);
        }
    }
}
