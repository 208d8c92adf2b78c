//! Asking again what the conversation waits for (after `/ayuda`, a stale
//! button, a greeting mid-flow, or when a front door resumes it): each flow
//! asks its own question.

use super::replies::{menu, yes_no};
use super::{
    Choice, Context, Step, Transition, external_call, first_level, handoff, status, ticket_wizard,
    transfer,
};
use crate::t;

/// Asks again what the current step is waiting for.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    let reply = match &t.conversation.step {
        Step::New | Step::Closed | Step::Menu => menu(cx, t!(cx.lang, "menu-prompt")),
        Step::AnythingElse => yes_no(cx, t!(cx.lang, "anything-else"), Choice::MoreHelp),
        Step::FirstLevel(_) => return first_level::reprompt(t, cx),
        Step::Ticket(_) => return ticket_wizard::reprompt(t, cx),
        Step::Status(_) => return status::reprompt(t, cx),
        Step::ContactKind | Step::Call(_) => return external_call::reprompt(t, cx),
        Step::Transfer(_) => return transfer::reprompt(t, cx),
        Step::Handoff(_) => return handoff::reprompt(t, cx),
    };
    t.say(reply);
}
