//! The small top-level machine: the greeting and the menu (operations 1-2),
//! inactivity, and which flow an input belongs to.

use super::reprompt::reprompt;
use super::{
    Choice, Context, MenuOption, Reply, Step, Transition, UserInput, external_call, first_level,
    handoff, intake, replies, staff_check, status, ticket_wizard, transfer,
};
use super::{FirstLevelStage, HandoffStage};
use crate::t;
use crate::ticket::TicketNumber;

pub(super) fn on_user(t: &mut Transition, input: UserInput, cx: &Context) {
    let resolved = t.conversation.outcome.is_some();
    let step = &t.conversation.step;
    // Waiting for or talking with a person: everything goes to them.
    if let Step::Handoff(_) = step {
        return handoff::on_input(t, input, cx);
    }
    // The menu works from anywhere (a button of an earlier message included).
    let menu_choice = matches!(input, UserInput::Choice(Choice::Menu(_)));
    let in_flow = matches!(
        step,
        Step::Ticket(_) | Step::Status(_) | Step::Transfer(_) | Step::ContactKind | Step::Call(_)
    );
    if !menu_choice && in_flow {
        return in_a_flow(t, input, cx);
    }
    // A question about a ticket by its number asks for its status wherever the user is.
    if let UserInput::Text(text) = &input
        && let Some(number) = TicketNumber::find_in(text, cx.ticket_prefix)
    {
        if matches!(step, Step::New | Step::Closed) {
            t.say(replies::greeting(cx, false));
        } else if resolved {
            t.start_over();
        }
        return status::lookup(t, number);
    }
    between_flows(t, input, resolved, cx);
}

/// Not inside a flow: the greeting, the menu, "anything else?", and what
/// starts a flow.
fn between_flows(t: &mut Transition, input: UserInput, resolved: bool, cx: &Context) {
    match (&t.conversation.step, input) {
        (Step::New | Step::Closed, UserInput::Text(text)) => intake::first_message(t, text, cx),
        (Step::New | Step::Closed, input) => match input {
            UserInput::Choice(Choice::Menu(option)) => {
                t.say(replies::greeting(cx, false));
                on_menu(t, option, cx);
            }
            _ => {
                t.say(replies::greeting(cx, true));
                t.go(Step::Menu);
            }
        },
        // A new request after the last one was dealt with is a new conversation.
        (Step::AnythingElse, UserInput::Choice(Choice::MoreHelp(true))) => {
            t.start_over();
            t.say(replies::menu(cx, t!(cx.lang, "menu-again")));
        }
        (Step::AnythingElse, UserInput::Choice(Choice::MoreHelp(false))) => {
            t.say(replies::farewell(cx));
            t.close();
        }
        (_, UserInput::Choice(Choice::Menu(option))) => {
            if resolved {
                t.start_over();
            }
            on_menu(t, option, cx);
        }
        (_, UserInput::Text(text)) => intake::on_text(t, text, cx),
        (
            Step::FirstLevel(FirstLevelStage::Offered { .. })
            | Step::FirstLevel(FirstLevelStage::Suggested { .. }),
            input,
        ) => first_level::on_feedback(t, input, cx),
        (_, UserInput::Choice(Choice::SecondLevel)) => ticket_wizard::second_level(t, cx),
        (_, UserInput::Choice(Choice::TalkToAgent)) => handoff::request(t, cx),
        (_, UserInput::Choice(Choice::ContactInside)) => transfer::start(t, cx),
        (_, UserInput::Choice(Choice::CallOutside)) => staff_check::start(t),
        (_, UserInput::Unsupported | UserInput::Attachment(_)) => {
            t.say(Reply::text(t!(cx.lang, "unsupported-message")));
            reprompt(t, cx);
        }
        (_, UserInput::Choice(_) | UserInput::Command(_)) => {
            t.say(Reply::text(t!(cx.lang, "stale-choice")));
            reprompt(t, cx);
        }
    }
}

/// Inside the ticket wizard, a status question, a transfer or a call: the
/// input answers the flow's question, unless it interrupts it.
fn in_a_flow(t: &mut Transition, input: UserInput, cx: &Context) {
    // A greeting or "cancelar" typed mid-flow is not an answer to its question.
    if let UserInput::Text(text) = &input
        && intake::interrupts(t, &cx.read(text), cx)
    {
        return;
    }
    match t.conversation.step {
        Step::Ticket(_) => ticket_wizard::on_input(t, input, cx),
        Step::Status(_) => status::on_input(t, input, cx),
        Step::Transfer(_) => transfer::on_input(t, input, cx),
        _ => external_call::on_input(t, input, cx),
    }
}

/// Operation 2: the user says what kind of request it is.
pub(super) fn on_menu(t: &mut Transition, option: MenuOption, cx: &Context) {
    match option {
        MenuOption::Support => {
            t.go(Step::FirstLevel(FirstLevelStage::Describing));
            t.say(Reply::text(t!(cx.lang, "support-ask")));
        }
        MenuOption::TicketStatus => status::ask_number(t, cx),
        MenuOption::Contact => external_call::ask_kind(t, cx),
        MenuOption::Agent => handoff::request(t, cx),
        MenuOption::OtherMatter => replies::out_of_scope(t, cx),
    }
}

/// No message for the inactivity period: close, with the farewell when the
/// request was dealt with, as abandoned otherwise.
pub(super) fn on_inactive(t: &mut Transition, cx: &Context) {
    match t.conversation.step {
        // The agent ends the conversation; silence while with them is not abandonment.
        Step::New | Step::Closed | Step::Handoff(HandoffStage::WithAgent { .. }) => {}
        _ if t.conversation.outcome.is_some() => {
            t.say(replies::farewell(cx));
            t.close();
        }
        _ => {
            t.say(Reply::text(t!(
                cx.lang,
                "inactivity-closed",
                minutes = cx.inactivity_minutes
            )));
            t.close();
        }
    }
}
