//! Operation 2: "escucha la solicitud y determina qué tipo de solicitud
//! requiere". Free text at the steps that take it (the menu, the
//! first-level question, after an answer, "¿algo más?") is read by
//! `understand` and sent where a phone agent would send it: the FAQ, a
//! ticket, a person, a transfer, a call outside, a status, the call
//! center's number, or a courteous answer to small talk.

use super::FirstLevelStage;
use super::{
    Button, Choice, Command, Context, Effect, MenuOption, Reply, Step, Transition, first_level,
    handoff, replies, staff_check, status, ticket_wizard, transfer,
};
use crate::t;
use crate::understand::{Intent, IntentKind, Reading};

/// The first message of a conversation: the protocol greeting (rule 1-2) and,
/// in the same turn, what the message asked for.
pub(super) fn first_message(t: &mut Transition, text: String, cx: &Context) {
    let reading = cx.read(&text);
    if reading.is_small_talk() || reading.intent == Intent::Menu {
        match reading.intent {
            // After a farewell, "gracias" is courtesy, not a new call.
            Intent::Thanks | Intent::Goodbye | Intent::No => {
                t.say(Reply::text(t!(cx.lang, "small-talk-welcome")));
                t.effects.push(Effect::Discard);
            }
            _ => {
                t.say(replies::greeting(cx, true));
                t.go(Step::Menu);
            }
        }
        return;
    }
    match reading.intent {
        Intent::Help | Intent::Cancel => {
            t.say(replies::greeting(cx, true));
            t.go(Step::Menu);
            if reading.intent == Intent::Help {
                super::commands::on_command(t, Command::Help, cx);
            }
        }
        _ => {
            t.say(replies::greeting(cx, false));
            act(t, text, reading, true, cx);
        }
    }
}

/// Free text at the menu, the first-level steps and "¿algo más?".
pub(super) fn on_text(t: &mut Transition, text: String, cx: &Context) {
    let reading = cx.read(&text);
    let step = t.conversation.step.clone();
    if let Some(yes) = pending_answer(&step, &reading) {
        return match step {
            Step::AnythingElse if yes => {
                t.start_over();
                t.say(replies::menu(cx, t!(cx.lang, "menu-again")));
            }
            Step::AnythingElse => {
                t.say(replies::farewell(cx));
                t.close();
            }
            _ => first_level::answered(t, yes, cx),
        };
    }
    if matches!(step, Step::FirstLevel(FirstLevelStage::Escalating)) {
        match reading.intent {
            Intent::Ticket => return ticket_wizard::second_level(t, cx),
            Intent::Agent => return handoff::request(t, cx),
            _ => {}
        }
    }
    if reading.content || !reading.intent.is_small_talk() {
        return match reading.intent {
            Intent::Help => super::commands::on_command(t, Command::Help, cx),
            Intent::Cancel => super::commands::on_command(t, Command::Cancel, cx),
            Intent::Menu => {
                if t.conversation.outcome.is_some() {
                    t.start_over();
                }
                t.go(Step::Menu);
                t.say(replies::menu(cx, t!(cx.lang, "menu-prompt")));
            }
            _ => act(t, text, reading, false, cx),
        };
    }
    small_talk(t, &reading, cx);
}

/// The yes or no a pending question takes, if the message is one.
fn pending_answer(step: &Step, reading: &Reading) -> Option<bool> {
    let pure = reading.is_small_talk();
    let courtesy = matches!(reading.intent, Intent::Thanks | Intent::Goodbye);
    match step {
        // "no, sigue sin imprimir" answers the question even with more words.
        Step::FirstLevel(FirstLevelStage::Offered { .. })
        | Step::FirstLevel(FirstLevelStage::Suggested { .. })
            if reading.answer == Some(false) =>
        {
            Some(false)
        }
        Step::FirstLevel(FirstLevelStage::Offered { .. })
            if pure && (reading.answer == Some(true) || courtesy) =>
        {
            Some(true)
        }
        // "gracias", "ok, gracias" or "adiós" to "¿algo más?" end the call; a
        // plain "sí" (even "sí, gracias") asks for more.
        Step::AnythingElse if pure && courtesy => {
            Some(reading.answer == Some(true) && says_si(reading))
        }
        Step::AnythingElse if pure => reading.answer,
        _ => None,
    }
}

/// The yes is a "sí" / "yes", not a weaker "ok" or "va".
fn says_si(reading: &Reading) -> bool {
    reading.evidence.iter().any(|e| {
        e.intent == IntentKind::Yes
            && e.discarded.is_none()
            && ["si", "yes"].contains(
                &crate::words::fold(&e.matched)
                    .split_whitespace()
                    .next()
                    .unwrap_or(""),
            )
    })
}

/// Greetings, thanks and goodbyes at the steps that are not a yes/no question.
fn small_talk(t: &mut Transition, reading: &Reading, cx: &Context) {
    let step = t.conversation.step.clone();
    match reading.intent {
        // Rule 7: "¿Hay algo más en que pueda ayudarle?"; "no, gracias" ends the call.
        Intent::Thanks | Intent::Goodbye | Intent::No if reading.answer == Some(false) => {
            t.say(replies::farewell(cx));
            t.close();
        }
        Intent::Thanks | Intent::Goodbye => replies::ask_anything_else(t, cx),
        Intent::Greeting
            if matches!(
                step,
                Step::Menu
                    | Step::FirstLevel(FirstLevelStage::Describing)
                    | Step::FirstLevel(FirstLevelStage::Searching { .. })
            ) =>
        {
            t.go(Step::Menu);
            t.say(replies::menu(cx, t!(cx.lang, "small-talk-greeting")));
        }
        Intent::Greeting => {
            t.say(Reply::text(t!(cx.lang, "small-talk-still-here")));
            super::reprompt::reprompt(t, cx);
        }
        _ => super::reprompt::reprompt(t, cx),
    }
}

/// Inside a flow (ticket wizard, status, transfer, call outside) a message
/// that is only a greeting or thanks, or a word for cancel, help or the menu,
/// is handled as such and the flow's question asked again. `false`: the flow
/// takes the message as its answer.
pub(super) fn interrupts(t: &mut Transition, reading: &Reading, cx: &Context) -> bool {
    if reading.content {
        return false;
    }
    match reading.intent {
        Intent::Greeting | Intent::Thanks => {
            let key = if reading.intent == Intent::Greeting {
                t!(cx.lang, "small-talk-still-here")
            } else {
                t!(cx.lang, "small-talk-ack")
            };
            t.say(Reply::text(key));
            super::reprompt::reprompt(t, cx);
        }
        Intent::Cancel => super::commands::on_command(t, Command::Cancel, cx),
        Intent::Help => super::commands::on_command(t, Command::Help, cx),
        Intent::Menu => super::commands::on_command(t, Command::Start, cx),
        _ => return false,
    }
    true
}

/// Carries out a request read from free text. `first`: the first message,
/// already greeted.
fn act(t: &mut Transition, text: String, reading: Reading, first: bool, cx: &Context) {
    if t.conversation.outcome.is_some() {
        t.start_over();
    }
    if let Some(other) = &reading.alternative {
        if reading.content {
            first_level::remember(t, &text);
        }
        return ask_which(t, &reading.intent, other, cx);
    }
    match reading.intent {
        Intent::Agent => {
            if reading.content {
                first_level::remember(t, &text);
            }
            handoff::request(t, cx);
        }
        Intent::Ticket => {
            if reading.content {
                first_level::remember(t, &text);
            }
            ticket_wizard::second_level(t, cx);
        }
        Intent::Transfer {
            target: Some(target),
        } => transfer::search(t, target),
        Intent::Transfer { target: None } => transfer::start(t, cx),
        Intent::CallOutside => staff_check::start(t),
        Intent::Status => status::ask_number(t, cx),
        Intent::OutOfScope => replies::out_of_scope(t, cx),
        _ => {
            let query = reading.search_text(&text);
            first_level::search(t, &text, query, first)
        }
    }
}

/// Two readings as likely as each other: the user chooses (buttons).
fn ask_which(t: &mut Transition, one: &Intent, other: &Intent, cx: &Context) {
    t.go(Step::Menu);
    let buttons = [one, other]
        .into_iter()
        .filter_map(|intent| option_for(intent, cx))
        .map(|button| vec![button])
        .collect();
    t.say(Reply {
        text: t!(cx.lang, "understand-which"),
        buttons,
    });
}

fn option_for(intent: &Intent, cx: &Context) -> Option<Button> {
    let (label, choice) = match intent {
        Intent::Agent => (t!(cx.lang, "agent-ask-button"), Choice::TalkToAgent),
        Intent::Ticket => (t!(cx.lang, "offer-ticket"), Choice::SecondLevel),
        Intent::Status => (
            t!(cx.lang, "menu-ticket-status"),
            Choice::Menu(MenuOption::TicketStatus),
        ),
        Intent::Transfer { .. } => (t!(cx.lang, "contact-inside"), Choice::ContactInside),
        Intent::CallOutside => (t!(cx.lang, "contact-outside"), Choice::CallOutside),
        Intent::OutOfScope => (
            t!(cx.lang, "menu-other"),
            Choice::Menu(MenuOption::OtherMatter),
        ),
        _ => return None,
    };
    Some(Button { label, choice })
}
