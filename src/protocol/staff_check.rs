//! Operation 14's first condition: calls to the outside are for DGSEI staff
//! only. A chat verified lately goes straight on; otherwise the person gives
//! their institutional e-mail, receives a one-time code at the address the
//! staff registry holds, and types it. The stages live in
//! [`CallStage`](super::CallStage), the call flow's state.

use super::CallEffect;
use super::call_stage::CallStage;
use super::{Context, Effect, Reply, Step, Transition, replies};
use crate::contact::Email;
use crate::t;

/// The runtime's answer to `CallEffect::SendStaffCode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StaffCode {
    Sent,
    /// Not in the staff registry.
    NotStaff,
}

/// The runtime's answer to `CallEffect::VerifyStaffCode`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    Verified { name: String },
    Wrong { attempts_left: u32 },
    Expired,
    TooManyAttempts,
}

/// Operation 14: only staff of the DGSEI.
pub(super) fn start(t: &mut Transition) {
    t.go(Step::Call(CallStage::StaffCheck));
    t.effects.push(Effect::Call(CallEffect::CheckStaff));
}

/// `Some(name)`: a verified staff member, for the call flow to go on with.
pub(super) fn on_staff_status(
    t: &mut Transition,
    verified: Option<String>,
    cx: &Context,
) -> Option<String> {
    if t.conversation.step != Step::Call(CallStage::StaffCheck) {
        return None;
    }
    match verified {
        Some(requester) => return Some(requester),
        None => {
            t.go(Step::Call(CallStage::StaffEmail));
            t.say(Reply::text(t!(cx.lang, "call-ask-email")));
        }
    }
    None
}

/// The institutional e-mail, to send a code to.
pub(super) fn on_email(t: &mut Transition, text: &str, cx: &Context) {
    match Email::parse(text) {
        Ok(email) => {
            t.go(Step::Call(CallStage::StaffSending {
                email: email.clone(),
            }));
            t.effects
                .push(Effect::Call(CallEffect::SendStaffCode { email }));
        }
        Err(_) => t.say(Reply::text(t!(cx.lang, "status-bad-email"))),
    }
}

/// The six digits the user received.
pub(super) fn on_code(t: &mut Transition, email: Email, text: &str, cx: &Context) {
    let code: String = text.chars().filter(char::is_ascii_digit).collect();
    if code.len() != 6 {
        t.say(Reply::text(t!(cx.lang, "call-code-format")));
        return;
    }
    t.go(Step::Call(CallStage::StaffVerifying { email }));
    t.effects
        .push(Effect::Call(CallEffect::VerifyStaffCode { code }));
}

pub(super) fn on_code_sent(t: &mut Transition, answer: StaffCode, cx: &Context) {
    let Step::Call(CallStage::StaffSending { email }) = t.conversation.step.clone() else {
        return;
    };
    match answer {
        StaffCode::Sent => {
            t.say(Reply::text(t!(
                cx.lang,
                "call-code-sent",
                email = email.as_str()
            )));
            t.go(Step::Call(CallStage::StaffCode { email }));
        }
        StaffCode::NotStaff => {
            t.say(Reply::text(t!(cx.lang, "call-not-staff")));
            replies::back_to_menu(t, cx);
        }
    }
}

/// `Some(name)`: verified, for the call flow to go on with.
pub(super) fn on_code_checked(
    t: &mut Transition,
    check: CodeCheck,
    cx: &Context,
) -> Option<String> {
    let Step::Call(CallStage::StaffVerifying { email }) = t.conversation.step.clone() else {
        return None;
    };
    match check {
        CodeCheck::Verified { name } => return Some(name),
        CodeCheck::Wrong { attempts_left } => {
            t.say(Reply::text(t!(
                cx.lang,
                "call-code-wrong",
                left = attempts_left
            )));
            // Still waiting for the right code, for the same address.
            t.go(Step::Call(CallStage::StaffCode { email }));
        }
        CodeCheck::Expired | CodeCheck::TooManyAttempts => {
            let why = if check == CodeCheck::Expired {
                "expired"
            } else {
                "attempts"
            };
            t.say(Reply::text(t!(cx.lang, "call-code-dead", reason = why)));
            t.go(Step::Call(CallStage::StaffEmail));
            t.say(Reply::text(t!(cx.lang, "call-ask-email")));
        }
    }
    None
}
