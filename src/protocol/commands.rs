//! The commands a user types (`/start`, `/ayuda`, `/cancelar`, `/atras`,
//! `/estado`), and the everyday words that mean them.

use super::reprompt::reprompt;
use super::{
    Command, Context, Reply, Step, Transition, UserInput, handoff, replies, status, ticket_wizard,
};
use crate::t;
use crate::ticket::TicketNumber;

pub(super) fn on_command(t: &mut Transition, command: Command, cx: &Context) {
    if let Step::Handoff(_) = t.conversation.step {
        return handoff::on_input(t, UserInput::Command(command), cx);
    }
    let fresh = matches!(t.conversation.step, Step::New | Step::Closed);
    match command {
        Command::Help => {
            if fresh {
                t.say(replies::greeting(cx, false));
                t.go(Step::Menu);
            }
            t.say(Reply::text(t!(cx.lang, "help", name = cx.bot_name())));
            reprompt(t, cx);
        }
        Command::Status(_) if fresh => {
            t.say(replies::greeting(cx, false));
            t.go(Step::Menu);
            on_command(t, command, cx);
        }
        _ if fresh => {
            t.say(replies::greeting(cx, true));
            t.go(Step::Menu);
        }
        Command::Cancel if matches!(t.conversation.step, Step::Ticket(_)) => {
            ticket_wizard::cancel(t, cx);
        }
        Command::Start | Command::Cancel if t.conversation.outcome.is_some() => {
            t.start_over();
            t.say(replies::menu(cx, t!(cx.lang, "menu-again")));
        }
        Command::Start => {
            t.say(replies::greeting(cx, true));
            t.go(Step::Menu);
        }
        Command::Cancel => {
            t.say(Reply::text(t!(cx.lang, "cancelled")));
            t.go(Step::Menu);
            reprompt(t, cx);
        }
        Command::Back if matches!(t.conversation.step, Step::Ticket(_)) => {
            ticket_wizard::back(t, cx);
        }
        Command::Back => reprompt(t, cx),
        Command::Status(argument) => {
            if t.conversation.outcome.is_some() {
                t.start_over();
            }
            match argument.and_then(|a| TicketNumber::parse(&a, cx.ticket_prefix)) {
                Some(number) => status::lookup(t, number),
                None => status::ask_number(t, cx),
            }
        }
        Command::Unknown(_) => {
            t.say(Reply::text(t!(cx.lang, "unknown-command")));
            reprompt(t, cx);
        }
    }
}
