//! A call to the outside (operations 14-24), only for DGSEI staff (policy):
//! the staff member proves who they are with a code sent to their
//! institutional e-mail, says whom to call, the number and the place; an agent
//! places the call and reports whether it was answered; if not, the user gives
//! another number, asks to retry later, or lets it go. The staff check is in
//! `staff_check.rs`.

pub use super::call_stage::CallStage;
use super::staff_check::{CodeCheck, StaffCode};
use super::{
    Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, UserInput, replies,
    staff_check,
};
use crate::contact::Email;
use crate::contact::Phone;
use crate::t;

/// Longest name or place kept.
const MAX_TEXT_CHARS: usize = 100;
/// The retry delays offered, in minutes.
pub const RETRY_MINUTES: [u16; 3] = [30, 60, 120];

fn button(label: String, choice: Choice) -> Vec<Button> {
    vec![Button { label, choice }]
}

/// Operation 10: which kind of call (`contact-kind`).
pub(super) fn ask_kind(t: &mut Transition, cx: &Context) {
    t.go(Step::ContactKind);
    t.say(Reply {
        text: t!(cx.lang, "contact-kind"),
        buttons: vec![
            button(t!(cx.lang, "contact-inside"), Choice::ContactInside),
            button(t!(cx.lang, "contact-outside"), Choice::CallOutside),
        ],
    });
}

fn ask_person(t: &mut Transition, requester: String, cx: &Context) {
    t.say(Reply::text(t!(
        cx.lang,
        "call-ask-person",
        name = requester.as_str()
    )));
    t.go(Step::Call(CallStage::Person { requester }));
}

fn ask_number(t: &mut Transition, cx: &Context) {
    t.say(Reply::text(t!(cx.lang, "call-ask-number")));
}

/// What a call outside asks of the desk (staff check, the call log, the agents).
#[derive(Clone, Debug, PartialEq)]
pub enum CallEffect {
    /// Whether this chat is a verified staff member's; answer with [`CallAnswer::StaffStatus`].
    CheckStaff,
    /// E-mail a one-time code if the address is staff; answer with [`CallAnswer::StaffCodeSent`].
    SendStaffCode { email: Email },
    /// Check the code; answer with [`CallAnswer::StaffCodeChecked`].
    VerifyStaffCode { code: String },
    /// Log the call and post it to the agents; answer with [`CallAnswer::Requested`].
    Request {
        /// Another number for this call, or a new call.
        call: Option<i64>,
        person: String,
        number: crate::contact::Phone,
        place: String,
    },
    /// Post the call to the agents again in `minutes`.
    ScheduleRetry { call: i64, minutes: u16 },
    /// The user does not need the call any more (op 24).
    End { call: i64 },
}

/// The runtime's answers to a call's effects, and the agent's report.
#[derive(Clone, Debug, PartialEq)]
pub enum CallAnswer {
    /// The answer to `CallEffect::CheckStaff`: the staff member's name when verified.
    StaffStatus(Option<String>),
    /// The answer to `CallEffect::SendStaffCode`.
    StaffCodeSent(StaffCode),
    /// The answer to `CallEffect::VerifyStaffCode`.
    StaffCodeChecked(CodeCheck),
    /// The answer to `CallEffect::Request`.
    Requested { call_id: i64 },
    /// An agent reports the call (op 16 → 17 or 19).
    Result { answered: bool, number: String },
}

pub(super) fn on_answer(t: &mut Transition, answer: CallAnswer, cx: &Context) {
    match answer {
        CallAnswer::StaffStatus(verified) => {
            if let Some(requester) = staff_check::on_staff_status(t, verified, cx) {
                ask_person(t, requester, cx);
            }
        }
        CallAnswer::StaffCodeSent(sent) => staff_check::on_code_sent(t, sent, cx),
        CallAnswer::StaffCodeChecked(check) => {
            if let Some(requester) = staff_check::on_code_checked(t, check, cx) {
                ask_person(t, requester, cx);
            }
        }
        CallAnswer::Requested { call_id } => on_requested(t, call_id, cx),
        CallAnswer::Result { answered, number } => on_result(t, answered, number, cx),
    }
}

/// Op 16: the request is with the agents; the user waits for the result.
pub(super) fn on_requested(t: &mut Transition, call_id: i64, cx: &Context) {
    let Step::Call(CallStage::Requested { person, number, .. }) = t.conversation.step.clone()
    else {
        return;
    };
    t.say(Reply::text(t!(
        cx.lang,
        "call-requested",
        person = person.as_str()
    )));
    t.go(Step::Call(CallStage::Requested {
        call_id,
        person,
        number,
    }));
}

/// Ops 17 and 19: the agent reports whether the call was answered.
/// Whether a conversation is waiting for the result of call `call_id` (op 16).
pub fn waits_for_call(conversation: &super::Conversation, call_id: i64) -> bool {
    matches!(conversation.step, Step::Call(CallStage::Requested { call_id: waited, .. }) if waited == call_id)
}

/// The result of a call the user no longer waits for (they moved on, or the
/// conversation ended): told as a notice, nothing else changes.
pub fn later_result(
    lang: &crate::locale::Lang,
    person: &str,
    number: &str,
    answered: bool,
) -> Reply {
    Reply::text(t!(
        lang,
        "call-later-result",
        person = person,
        number = number,
        answered = if answered { "yes" } else { "no" }
    ))
}

pub(super) fn on_result(t: &mut Transition, answered: bool, number: String, cx: &Context) {
    let Step::Call(CallStage::Requested {
        call_id, person, ..
    }) = t.conversation.step.clone()
    else {
        return;
    };
    t.conversation.outcome = Some(Outcome::External);
    if answered {
        t.say(Reply::text(t!(
            cx.lang,
            "call-answered",
            person = person.as_str()
        )));
        replies::ask_anything_else(t, cx);
        return;
    }
    t.say(Reply {
        text: t!(cx.lang, "call-not-answered", number = number.as_str()),
        buttons: vec![
            button(t!(cx.lang, "call-other-number"), Choice::CallOtherNumber),
            button(t!(cx.lang, "call-later"), Choice::CallLater),
            button(t!(cx.lang, "call-not-needed"), Choice::CallNotNeeded),
        ],
    });
    t.go(Step::Call(CallStage::Unanswered { call_id, person }));
}

pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    match (t.conversation.step.clone(), input) {
        (Step::ContactKind, UserInput::Choice(Choice::ContactInside)) => {
            super::transfer::start(t, cx)
        }
        (Step::ContactKind, UserInput::Choice(Choice::CallOutside)) => staff_check::start(t),
        (Step::Call(CallStage::StaffEmail), UserInput::Text(text)) => {
            staff_check::on_email(t, &text, cx)
        }
        (Step::Call(CallStage::StaffCode { email }), UserInput::Text(text)) => {
            staff_check::on_code(t, email, &text, cx)
        }
        (Step::Call(CallStage::Person { requester }), UserInput::Text(text)) => {
            let person = tidy(&text);
            if person.is_empty() {
                return ask_person(t, requester, cx);
            }
            t.go(Step::Call(CallStage::Number {
                requester,
                person,
                call: None,
            }));
            ask_number(t, cx);
        }
        (
            Step::Call(CallStage::Number {
                requester,
                person,
                call,
            }),
            UserInput::Text(text),
        ) => on_number(t, (requester, person, call), &text, cx),
        (Step::Call(CallStage::Place { person, number, .. }), UserInput::Text(text)) => {
            on_place(t, person, number, &text, cx)
        }
        (
            Step::Call(CallStage::Unanswered { call_id, person }),
            UserInput::Choice(Choice::CallOtherNumber),
        ) => {
            let requester = String::new();
            t.go(Step::Call(CallStage::Number {
                requester,
                person,
                call: Some(call_id),
            }));
            ask_number(t, cx);
        }
        (
            Step::Call(CallStage::Unanswered { call_id, .. }),
            UserInput::Choice(Choice::CallLater),
        ) => ask_when(t, call_id, cx),
        (
            Step::Call(CallStage::RetryWhen { call_id }),
            UserInput::Choice(Choice::RetryIn(minutes)),
        ) if RETRY_MINUTES.contains(&minutes) => schedule_retry(t, call_id, minutes, cx),
        (
            Step::Call(CallStage::Unanswered { call_id, .. }),
            UserInput::Choice(Choice::CallNotNeeded),
        ) => {
            // Op 24: no need to call again.
            t.effects
                .push(Effect::Call(CallEffect::End { call: call_id }));
            t.say(Reply::text(t!(cx.lang, "call-ended")));
            replies::ask_anything_else(t, cx);
        }
        (Step::Call(CallStage::Requested { .. }), _) => {
            t.say(Reply::text(t!(cx.lang, "call-still-waiting")))
        }
        _ => {
            t.say(Reply::text(t!(cx.lang, "stale-choice")));
            reprompt(t, cx);
        }
    }
}

/// Op 14 (or 20): the number to call; a new call asks for the place next.
fn on_number(
    t: &mut Transition,
    (requester, person, call): (String, String, Option<i64>),
    text: &str,
    cx: &Context,
) {
    match Phone::parse(text) {
        Ok(number) => match call {
            // Op 20 → 15: another number for the same call.
            Some(call_id) => {
                t.effects.push(Effect::Call(CallEffect::Request {
                    call: Some(call_id),
                    person: person.clone(),
                    number: number.clone(),
                    place: String::new(),
                }));
                t.go(Step::Call(CallStage::Requested {
                    call_id,
                    person,
                    number: number.to_string(),
                }));
            }
            None => {
                t.say(Reply::text(t!(cx.lang, "call-ask-place")));
                t.go(Step::Call(CallStage::Place {
                    requester,
                    person,
                    number,
                }));
            }
        },
        Err(error) => {
            let digits = match error {
                crate::contact::PhoneError::WrongLength(n) => n,
                _ => 0,
            };
            t.say(Reply::text(t!(
                cx.lang,
                "ticket-bad-phone-length",
                digits = digits
            )));
        }
    }
}

/// Op 14: the place; the request goes to the agents.
fn on_place(t: &mut Transition, person: String, number: Phone, text: &str, cx: &Context) {
    let place = tidy(text);
    if place.is_empty() {
        t.say(Reply::text(t!(cx.lang, "call-ask-place")));
        return;
    }
    t.effects.push(Effect::Call(CallEffect::Request {
        call: None,
        person: person.clone(),
        number: number.clone(),
        place,
    }));
    t.go(Step::Call(CallStage::Requested {
        call_id: 0,
        person,
        number: number.to_string(),
    }));
}

/// Ops 22-23: the call goes back to the agents in `minutes`.
fn schedule_retry(t: &mut Transition, call_id: i64, minutes: u16, cx: &Context) {
    t.effects.push(Effect::Call(CallEffect::ScheduleRetry {
        call: call_id,
        minutes,
    }));
    t.say(Reply::text(t!(
        cx.lang,
        "call-retry-scheduled",
        minutes = minutes
    )));
    replies::ask_anything_else(t, cx);
}

/// Ops 21-23: when to try again.
fn ask_when(t: &mut Transition, call_id: i64, cx: &Context) {
    t.go(Step::Call(CallStage::RetryWhen { call_id }));
    let offered = RETRY_MINUTES
        .iter()
        .map(|m| Button {
            label: t!(cx.lang, "call-in-minutes", minutes = u32::from(*m)),
            choice: Choice::RetryIn(*m),
        })
        .collect();
    t.say(Reply {
        text: t!(cx.lang, "call-ask-when"),
        buttons: vec![offered],
    });
}

pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    match t.conversation.step.clone() {
        Step::ContactKind => ask_kind(t, cx),
        Step::Call(CallStage::StaffEmail)
        | Step::Call(CallStage::StaffCheck)
        | Step::Call(CallStage::StaffSending { .. }) => {
            t.say(Reply::text(t!(cx.lang, "call-ask-email")))
        }
        Step::Call(CallStage::StaffCode { email })
        | Step::Call(CallStage::StaffVerifying { email }) => t.say(Reply::text(t!(
            cx.lang,
            "call-code-sent",
            email = email.as_str()
        ))),
        Step::Call(CallStage::Person { requester }) => t.say(Reply::text(t!(
            cx.lang,
            "call-ask-person",
            name = requester.as_str()
        ))),
        Step::Call(CallStage::Number { .. }) => ask_number(t, cx),
        Step::Call(CallStage::Place { .. }) => t.say(Reply::text(t!(cx.lang, "call-ask-place"))),
        _ => t.say(Reply::text(t!(cx.lang, "call-still-waiting"))),
    }
}

fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_TEXT_CHARS)
        .collect()
}
