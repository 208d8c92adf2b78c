//! Second-level support (operations 6-9): the ticket wizard. Privacy notice
//! first, then kind, service, detail, contact, impact and urgency, a summary
//! where any field can be corrected, and the ticket. Back and cancel keep
//! everything the user already gave.

use super::HandoffStage;
use super::ticket_draft::{Field, MIN_DETAIL_CHARS, ServiceOption, TicketDraft};
use super::{Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, replies};
use crate::contact::Contact;
use crate::t;
use crate::ticket::{Impact, Kind, Priority, TicketNumber, Urgency};
use serde::{Deserialize, Serialize};

/// Where the wizard stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum WizardStage {
    /// The privacy notice, accepted before any personal data.
    Privacy,
    /// A question of the wizard.
    Field { field: Field },
    /// `ticket-contact-on-file`, for a returning user.
    ContactOnFile { contact: Contact },
    /// Everything given, to confirm or correct.
    Summary,
    /// The ticket is being created.
    Creating,
}

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

pub(super) fn draft(t: &mut Transition) -> &mut TicketDraft {
    t.conversation
        .ticket
        .get_or_insert_with(TicketDraft::default)
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
            t.effects.push(Effect::LoadContact);
        }
        Some(field) => ask(t, field, cx),
        None => summary(t, cx),
    }
}

/// Asks one question of the wizard.
pub(super) fn ask(t: &mut Transition, field: Field, cx: &Context) {
    t.go(Step::Ticket(WizardStage::Field { field }));
    let d = draft(t);
    if field == Field::Service && d.services.is_empty() {
        t.effects.push(Effect::LoadServices);
        return;
    }
    let d = draft(t).clone();
    let lang = cx.lang;
    let (text, mut buttons): (String, Vec<Vec<Button>>) = match field {
        Field::Kind => (
            t!(lang, "ticket-ask-kind"),
            [Kind::Incidente, Kind::Requerimiento]
                .into_iter()
                .map(|kind| {
                    vec![button(
                        t!(lang, "ticket-kind-button", kind = kind.as_str()),
                        Choice::Kind(kind),
                    )]
                })
                .collect(),
        ),
        Field::Service => (
            t!(lang, "ticket-ask-service"),
            d.services
                .iter()
                .map(|s| vec![button(s.name.clone(), Choice::Service(s.id))])
                .collect(),
        ),
        Field::Detail => match d.detail.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(detail) => (
                t!(lang, "ticket-ask-more-detail", detail = detail),
                vec![vec![button(
                    t!(lang, "ticket-detail-done"),
                    Choice::DetailDone,
                )]],
            ),
            None => (
                t!(lang, "ticket-ask-detail", min = MIN_DETAIL_CHARS),
                Vec::new(),
            ),
        },
        Field::Name => (t!(lang, "ticket-ask-name"), Vec::new()),
        Field::Email => (t!(lang, "ticket-ask-email"), Vec::new()),
        Field::Phone => (t!(lang, "ticket-ask-phone"), Vec::new()),
        Field::Impact => (
            t!(lang, "ticket-ask-impact"),
            Impact::ALL
                .into_iter()
                .rev()
                .map(|i| {
                    vec![button(
                        t!(lang, "ticket-impact-button", impact = i.as_str()),
                        Choice::Impact(i),
                    )]
                })
                .collect(),
        ),
        Field::Urgency => (
            t!(lang, "ticket-ask-urgency"),
            Urgency::ALL
                .into_iter()
                .rev()
                .map(|u| {
                    vec![button(
                        t!(lang, "ticket-urgency-button", urgency = u.as_str()),
                        Choice::Urgency(u),
                    )]
                })
                .collect(),
        ),
    };
    let current = current_value(&d, field, cx);
    let text = match &current {
        Some(value) if field != Field::Detail => {
            format!(
                "{text}\n{}",
                t!(lang, "ticket-current-value", value = value.as_str())
            )
        }
        _ => text,
    };
    if current.is_some() && field != Field::Detail {
        buttons.push(vec![button(t!(lang, "ticket-keep"), Choice::Keep)]);
    }
    buttons.push(nav_row(cx));
    t.say(Reply { text, buttons });
}

pub(super) fn current_value(d: &TicketDraft, field: Field, cx: &Context) -> Option<String> {
    let lang = cx.lang;
    match field {
        Field::Kind => d
            .kind
            .map(|k| t!(lang, "ticket-kind-name", kind = k.as_str())),
        Field::Service => d.service.as_ref().map(|s| s.name.clone()),
        Field::Detail => d.detail.clone(),
        Field::Name => d.name.as_ref().map(ToString::to_string),
        Field::Email => d.email.as_ref().map(ToString::to_string),
        Field::Phone => d.phone.as_ref().map(ToString::to_string),
        Field::Impact => d
            .impact
            .map(|i| t!(lang, "ticket-impact-name", impact = i.as_str())),
        Field::Urgency => d
            .urgency
            .map(|u| t!(lang, "ticket-urgency-name", urgency = u.as_str())),
    }
}

fn button(label: String, choice: Choice) -> Button {
    Button { label, choice }
}

fn nav_row(cx: &Context) -> Vec<Button> {
    vec![
        button(t!(cx.lang, "ticket-back"), Choice::Back),
        button(t!(cx.lang, "ticket-cancel"), Choice::CancelTicket),
    ]
}

fn privacy_notice(cx: &Context) -> Reply {
    Reply {
        text: t!(cx.lang, "privacy-notice", url = cx.privacy_notice_url),
        buttons: vec![vec![
            button(t!(cx.lang, "privacy-accept"), Choice::Privacy(true)),
            button(t!(cx.lang, "privacy-decline"), Choice::Privacy(false)),
        ]],
    }
}

/// Step 7: everything on one screen, with a way to correct each field.
pub(super) fn summary(t: &mut Transition, cx: &Context) {
    t.go(Step::Ticket(WizardStage::Summary));
    let d = draft(t).clone();
    let lang = cx.lang;
    let value = |field| current_value(&d, field, cx).unwrap_or_else(|| "—".to_owned());
    let priority = match (d.urgency, d.impact) {
        (Some(u), Some(i)) => Priority::assess(u, i).level(),
        _ => 0,
    };
    let attachment = if d.attachment.is_some() { "yes" } else { "no" };
    let text = t!(
        lang,
        "ticket-summary",
        kind = value(Field::Kind),
        service = value(Field::Service),
        detail = value(Field::Detail),
        attachment = attachment,
        name = value(Field::Name),
        email = value(Field::Email),
        phone = value(Field::Phone),
        impact = value(Field::Impact),
        urgency = value(Field::Urgency),
        priority = priority
    );
    let mut buttons = vec![vec![button(
        t!(lang, "ticket-create"),
        Choice::CreateTicket,
    )]];
    for pair in Field::ORDER.chunks(2) {
        buttons.push(
            pair.iter()
                .map(|f| {
                    button(
                        t!(lang, "ticket-edit", field = f.as_str()),
                        Choice::Edit(*f),
                    )
                })
                .collect(),
        );
    }
    buttons.push(nav_row(cx));
    t.say(Reply { text, buttons });
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

/// The answer to `Effect::LoadServices`.
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

/// The answer to `Effect::LoadContact`.
pub(super) fn on_contact(t: &mut Transition, contact: Option<Contact>, cx: &Context) {
    if t.conversation.step != (Step::Ticket(WizardStage::Field { field: Field::Name })) {
        return;
    }
    match contact {
        Some(contact) => offer_contact(t, contact, cx),
        None => ask(t, Field::Name, cx),
    }
}

/// The answer to `Effect::CreateTicket`: operation 8.
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
