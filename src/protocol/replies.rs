//! The protocol's fixed phrases (greeting, menu, farewell) and the question
//! each step asks again after an interruption.

use super::{Button, Choice, Context, MenuOption, Outcome, Reply, Step, Transition};
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

/// Back at the menu, which is asked again.
pub(super) fn back_to_menu(t: &mut Transition, cx: &Context) {
    t.go(Step::Menu);
    t.say(menu(cx, t!(cx.lang, "menu-prompt")));
}

/// Policy: a matter that is not a DGSEI service gets the call center's number.
pub(super) fn out_of_scope(t: &mut Transition, cx: &Context) {
    t.conversation.outcome = Some(Outcome::OutOfScope);
    t.say(Reply::text(t!(
        cx.lang,
        "out-of-scope",
        phone = cx.call_center_phone
    )));
    ask_anything_else(t, cx);
}
