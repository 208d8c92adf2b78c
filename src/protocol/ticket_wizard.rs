//! Second-level support (operations 6-9): the ticket wizard. Privacy notice
//! first, then kind, service, detail, contact, impact and urgency, a summary
//! where any field can be corrected, and the ticket. Back and cancel keep
//! everything the user already gave.

use super::HandoffStage;
use super::NewTicket;
pub use super::ticket_draft::WizardStage;
use super::ticket_draft::{Field, ServiceOption, TicketDraft};
pub(super) use super::ticket_questions::{ask, current_value, draft, summary};
use super::ticket_questions::{button, nav_row, privacy_notice};
use super::{Choice, Context, Effect, Outcome, Reply, Step, Transition, replies};
use crate::contact::Contact;
use crate::t;
use crate::ticket::{Impact, TicketNumber, Urgency};

pub(super) use super::ticket_answers::on_input;

/// Operation 6: second-level support is the next step.
pub(super) fn second_level(t: &mut Transition, cx: &Context) {
    t.say(Reply::text(t!(cx.lang, "second-level-next")));
    start(t, cx);
}

/// Enters second level: the privacy notice, or back where the user left the
/// wizard if they already accepted it in this conversation.
pub(super) fn start(t: &mut Transition, cx: &Context) {
    let draft = t
        .conversation
        .ticket
        .get_or_insert_with(TicketDraft::default);
    if draft.detail.is_none() {
        draft.detail = t.conversation.problem.clone();
    }
    if draft.privacy_accepted_at.is_some() {
        advance(t, cx);
    } else {
        t.go(Step::Ticket(WizardStage::Privacy));
        t.say(privacy_notice(cx));
    }
}

/// The agent handling the conversation opens a ticket with their own
/// assessment (as the seed's agent does); the user consents and completes
/// the rest, then is back with the agent.
pub(super) fn start_for_agent(
    t: &mut Transition,
    agent: String,
    urgency: Urgency,
    impact: Impact,
    cx: &Context,
) {
    if !matches!(
        t.conversation.step,
        Step::Handoff(HandoffStage::WithAgent { .. })
    ) {
        return;
    }
    let problem = t.conversation.problem.clone();
    let draft = t
        .conversation
        .ticket
        .get_or_insert_with(TicketDraft::default);
    draft.urgency = Some(urgency);
    draft.impact = Some(impact);
    draft.from_agent = Some(agent);
    if draft.detail.is_none() {
        draft.detail = problem;
    }
    start(t, cx);
}

/// Asks for the first thing missing, or shows the summary.
pub(super) fn advance(t: &mut Transition, cx: &Context) {
    let d = draft(t);
    if d.correcting {
        d.correcting = false;
        return summary(t, cx);
    }
    let missing = Field::ORDER.into_iter().find(|f| !d.has(*f));
    match missing {
        Some(Field::Name) if !d.contact_checked && d.email.is_none() && d.phone.is_none() => {
            d.contact_checked = true;
            t.go(Step::Ticket(WizardStage::Field { field: Field::Name }));
            t.effects.push(Effect::Ticket(TicketEffect::LoadContact));
        }
        Some(field) => ask(t, field, cx),
        None => summary(t, cx),
    }
}

/// Leaves the wizard for the menu; the draft stays for a later return.
pub(super) fn cancel(t: &mut Transition, cx: &Context) {
    let d = draft(t);
    d.correcting = false;
    let agent = d.from_agent.take();
    t.say(Reply::text(t!(cx.lang, "ticket-cancelled")));
    match agent {
        // Back with the agent who asked for the ticket.
        Some(agent) => t.go(Step::Handoff(HandoffStage::WithAgent { agent })),
        None => {
            replies::back_to_menu(t, cx);
        }
    }
}

/// One step back in the wizard.
pub(super) fn back(t: &mut Transition, cx: &Context) {
    draft(t).correcting = false;
    match t.conversation.step.clone() {
        Step::Ticket(WizardStage::Privacy) => cancel(t, cx),
        Step::Ticket(WizardStage::Field { field: Field::Kind }) => {
            t.go(Step::Ticket(WizardStage::Privacy));
            t.say(privacy_notice(cx));
        }
        Step::Ticket(WizardStage::Field { field }) => match field.previous() {
            Some(previous) => ask(t, previous, cx),
            None => cancel(t, cx),
        },
        Step::Ticket(WizardStage::ContactOnFile { .. }) => ask(t, Field::Detail, cx),
        Step::Ticket(WizardStage::Summary) => ask(t, Field::Urgency, cx),
        _ => reprompt(t, cx),
    }
}

/// Asks the current question again.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    match t.conversation.step.clone() {
        Step::Ticket(WizardStage::Privacy) => t.say(privacy_notice(cx)),
        Step::Ticket(WizardStage::Field { field }) => ask(t, field, cx),
        Step::Ticket(WizardStage::ContactOnFile { contact }) => offer_contact(t, contact, cx),
        Step::Ticket(WizardStage::Summary) | Step::Ticket(WizardStage::Creating) => summary(t, cx),
        _ => {}
    }
}

pub(super) fn offer_contact(t: &mut Transition, contact: Contact, cx: &Context) {
    let text = t!(
        cx.lang,
        "ticket-contact-on-file",
        name = contact.name.to_string(),
        email = contact.email.to_string(),
        phone = contact.phone.to_string()
    );
    t.go(Step::Ticket(WizardStage::ContactOnFile { contact }));
    t.say(Reply {
        text,
        buttons: vec![
            vec![
                button(t!(cx.lang, "answer-yes"), Choice::UseContactOnFile(true)),
                button(
                    t!(cx.lang, "ticket-contact-other"),
                    Choice::UseContactOnFile(false),
                ),
            ],
            nav_row(cx),
        ],
    });
}

/// What the ticket wizard asks of the desk.
#[derive(Clone, Debug, PartialEq)]
pub enum TicketEffect {
    /// The services catalogue; answer with [`TicketAnswer::Services`].
    LoadServices,
    /// The contact details last given in this chat; answer with [`TicketAnswer::ContactOnFile`].
    LoadContact,
    /// Create the ticket, assign it, queue its mails; answer with [`TicketAnswer::Created`].
    Create(Box<NewTicket>),
}

/// The runtime's answers to the wizard's effects.
#[derive(Clone, Debug, PartialEq)]
pub enum TicketAnswer {
    /// The answer to `TicketEffect::LoadServices`.
    Services(Vec<ServiceOption>),
    /// The answer to `TicketEffect::LoadContact`.
    ContactOnFile(Option<Contact>),
    /// The answer to `TicketEffect::Create`.
    Created(TicketNumber),
}

pub(super) fn on_answer(t: &mut Transition, answer: TicketAnswer, cx: &Context) {
    match answer {
        TicketAnswer::Services(services) => on_services(t, services, cx),
        TicketAnswer::ContactOnFile(contact) => on_contact(t, contact, cx),
        TicketAnswer::Created(number) => on_created(t, number, cx),
    }
}

pub(super) fn on_services(t: &mut Transition, services: Vec<ServiceOption>, cx: &Context) {
    if t.conversation.step
        != (Step::Ticket(WizardStage::Field {
            field: Field::Service,
        }))
    {
        return;
    }
    if services.is_empty() {
        // No catalogue: nothing to choose from; the desk still takes the ticket.
        no_catalogue(t, cx);
        return;
    }
    draft(t).services = services;
    ask(t, Field::Service, cx);
}

/// With an empty catalogue there is no way to file a ticket here: say how to
/// get one by phone instead of looping.
fn no_catalogue(t: &mut Transition, cx: &Context) {
    t.say(Reply::text(t!(cx.lang, "ticket-no-services")));
    replies::ask_anything_else(t, cx);
}

/// The answer to `TicketEffect::LoadContact`.
pub(super) fn on_contact(t: &mut Transition, contact: Option<Contact>, cx: &Context) {
    if t.conversation.step != (Step::Ticket(WizardStage::Field { field: Field::Name })) {
        return;
    }
    match contact {
        Some(contact) => offer_contact(t, contact, cx),
        None => ask(t, Field::Name, cx),
    }
}

/// The answer to `TicketEffect::Create`: operation 8.
pub(super) fn on_created(t: &mut Transition, number: TicketNumber, cx: &Context) {
    if t.conversation.step != Step::Ticket(WizardStage::Creating) {
        return;
    }
    let email = draft(t)
        .email
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let agent = draft(t).from_agent.take();
    t.conversation.ticket = None;
    t.conversation.outcome = Some(Outcome::SecondLevel);
    t.say(Reply::text(t!(
        cx.lang,
        "ticket-created",
        number = number.display(cx.ticket_prefix),
        email = email
    )));
    match agent {
        Some(agent) => t.go(Step::Handoff(HandoffStage::WithAgent { agent })),
        None => replies::ask_anything_else(t, cx),
    }
}
