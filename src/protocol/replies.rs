//! The protocol's fixed phrases (greeting, menu, farewell) and the question
//! each step asks again after an interruption.

use super::{Button, Choice, Context, MenuOption, Reply, Step, Transition};
use crate::t;

/// Protocol rule 2, the `greeting` for the part of the day, with the menu
/// when `with_menu`.
pub(super) fn greeting(cx: &Context, with_menu: bool) -> Reply {
    let greeting = t!(
        cx.lang,
        "greeting",
        part = cx.part_of_day().key(),
        name = cx.bot_name()
    );
    if with_menu {
        menu(cx, format!("{greeting}\n{}", t!(cx.lang, "menu-prompt")))
    } else {
        Reply::text(greeting)
    }
}

/// The menu of operation 2, one option per row.
pub(super) fn menu(cx: &Context, text: String) -> Reply {
    let option = |label: String, option| {
        vec![Button {
            label,
            choice: Choice::Menu(option),
        }]
    };
    let mut buttons = vec![
        option(t!(cx.lang, "menu-support"), MenuOption::Support),
        option(t!(cx.lang, "menu-ticket-status"), MenuOption::TicketStatus),
        option(t!(cx.lang, "menu-contact"), MenuOption::Contact),
    ];
    if cx.agents != super::Agents::NotConfigured {
        buttons.push(option(t!(cx.lang, "menu-agent"), MenuOption::Agent));
    }
    buttons.push(option(t!(cx.lang, "menu-other"), MenuOption::OtherMatter));
    Reply { text, buttons }
}

/// A "Sí / No" question.
pub(super) fn yes_no(cx: &Context, text: String, choice: fn(bool) -> Choice) -> Reply {
    Reply {
        text,
        buttons: vec![vec![
            Button {
                label: t!(cx.lang, "answer-yes"),
                choice: choice(true),
            },
            Button {
                label: t!(cx.lang, "answer-no"),
                choice: choice(false),
            },
        ]],
    }
}

/// Protocol rule 7, first half: `anything-else`.
pub(super) fn ask_anything_else(t: &mut Transition, cx: &Context) {
    t.go(Step::AnythingElse);
    t.say(yes_no(cx, t!(cx.lang, "anything-else"), Choice::MoreHelp));
}

/// Protocol rule 7, second half: "le recuerdo mi nombre…, hasta luego, que
/// tenga buen día / buena tarde".
pub(super) fn farewell(cx: &Context) -> Reply {
    Reply::text(t!(
        cx.lang,
        "farewell",
        name = cx.bot_name(),
        part = cx.part_of_day().key()
    ))
}

/// Asks again what the current step is waiting for: each flow asks its own.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    let reply = match &t.conversation.step {
        Step::New | Step::Closed | Step::Menu => menu(cx, t!(cx.lang, "menu-prompt")),
        Step::AnythingElse => yes_no(cx, t!(cx.lang, "anything-else"), Choice::MoreHelp),
        Step::FirstLevel(_) => return super::first_level::reprompt(t, cx),
        Step::Ticket(_) => return super::ticket_wizard::reprompt(t, cx),
        Step::Status(_) => return super::status::reprompt(t, cx),
        Step::ContactKind | Step::Call(_) => return super::external_call::reprompt(t, cx),
        Step::Transfer(_) => return super::transfer::reprompt(t, cx),
        Step::Handoff(_) => return super::handoff::reprompt(t, cx),
    };
    t.say(reply);
}
