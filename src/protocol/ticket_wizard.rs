//! Second-level support (operations 6-9): the ticket wizard. Privacy notice
//! first, then kind, service, detail, contact, impact and urgency, a summary
//! where any field can be corrected, and the ticket. Back and cancel keep
//! everything the user already gave.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    Button, Choice, Context, Effect, Outcome, Reply, Step, Transition, UserInput, replies,
};
use crate::contact::{Contact, Email, EmailError, FullName, NameError, Phone, PhoneError};
use crate::t;
use crate::ticket::{Impact, Kind, Priority, TicketNumber, Urgency};

/// The shortest and longest problem description a ticket accepts.
pub const MIN_DETAIL_CHARS: usize = 15;
pub const MAX_DETAIL_CHARS: usize = 2000;

/// The questions of the wizard, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Kind,
    Service,
    Detail,
    Name,
    Email,
    Phone,
    Impact,
    Urgency,
}

impl Field {
    pub const ORDER: [Field; 8] = [
        Field::Kind,
        Field::Service,
        Field::Detail,
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Impact,
        Field::Urgency,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Service => "service",
            Field::Detail => "detail",
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Impact => "impact",
            Field::Urgency => "urgency",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        Field::ORDER.into_iter().find(|f| f.as_str() == text)
    }

    fn previous(self) -> Option<Field> {
        let at = Field::ORDER.iter().position(|f| *f == self)?;
        at.checked_sub(1).map(|i| Field::ORDER[i])
    }
}

/// A service of the catalogue, as offered on a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceOption {
    pub id: i64,
    pub name: String,
}

/// A file sent with the report (a screenshot of the error).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_id: String,
    pub kind: AttachmentKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    Photo,
    Document,
}

impl AttachmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Photo => "photo",
            AttachmentKind::Document => "document",
        }
    }
}

/// What the user has given so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketDraft {
    pub privacy_accepted_at: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    pub service: Option<ServiceOption>,
    pub detail: Option<String>,
    pub attachment: Option<Attachment>,
    pub name: Option<FullName>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub impact: Option<Impact>,
    pub urgency: Option<Urgency>,
    /// The catalogue, once loaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceOption>,
    /// Whether the user has seen the detail and added to it or kept it:
    /// what they wrote at first level is offered for review, not assumed.
    #[serde(default)]
    pub detail_reviewed: bool,
    /// Whether the details on file were already looked up.
    #[serde(default)]
    pub contact_checked: bool,
    /// Correcting one field from the summary: return to it afterwards.
    #[serde(default)]
    pub correcting: bool,
    /// Opened by this agent for the conversation they handle: back to them after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_agent: Option<String>,
}

impl TicketDraft {
    fn has(&self, field: Field) -> bool {
        match field {
            Field::Kind => self.kind.is_some(),
            Field::Service => self.service.is_some(),
            Field::Detail => self.detail_reviewed && self.detail_long_enough(),
            Field::Name => self.name.is_some(),
            Field::Email => self.email.is_some(),
            Field::Phone => self.phone.is_some(),
            Field::Impact => self.impact.is_some(),
            Field::Urgency => self.urgency.is_some(),
        }
    }

    fn detail_long_enough(&self) -> bool {
        self.detail
            .as_deref()
            .is_some_and(|d| d.trim().chars().count() >= MIN_DETAIL_CHARS)
    }

    /// Everything a ticket needs, when complete.
    pub fn complete(&self) -> Option<NewTicket> {
        let (urgency, impact) = (self.urgency?, self.impact?);
        Some(NewTicket {
            kind: self.kind?,
            service_id: self.service.as_ref()?.id,
            detail: self.detail.clone().filter(|_| self.has(Field::Detail))?,
            attachment: self.attachment.clone(),
            contact: Contact {
                name: self.name.clone()?,
                email: self.email.clone()?,
                phone: self.phone.clone()?,
            },
            impact,
            urgency,
            priority: Priority::assess(urgency, impact),
            privacy_accepted_at: self.privacy_accepted_at?,
        })
    }
}

/// A ticket ready to be created by the runtime.
#[derive(Clone, Debug, PartialEq)]
pub struct NewTicket {
    pub kind: Kind,
    pub service_id: i64,
    pub detail: String,
    pub attachment: Option<Attachment>,
    pub contact: Contact,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub privacy_accepted_at: DateTime<Utc>,
}

pub(super) fn is_wizard(step: &Step) -> bool {
    matches!(
        step,
        Step::Privacy
            | Step::TicketField { .. }
            | Step::ContactOnFile { .. }
            | Step::TicketSummary
            | Step::CreatingTicket
    )
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
        t.go(Step::Privacy);
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
    if !matches!(t.conversation.step, Step::WithAgent { .. }) {
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

fn draft(t: &mut Transition) -> &mut TicketDraft {
    t.conversation
        .ticket
        .get_or_insert_with(TicketDraft::default)
}

/// Asks for the first thing missing, or shows the summary.
fn advance(t: &mut Transition, cx: &Context) {
    let d = draft(t);
    if d.correcting {
        d.correcting = false;
        return summary(t, cx);
    }
    let missing = Field::ORDER.into_iter().find(|f| !d.has(*f));
    match missing {
        Some(Field::Name) if !d.contact_checked && d.email.is_none() && d.phone.is_none() => {
            d.contact_checked = true;
            t.go(Step::TicketField { field: Field::Name });
            t.effects.push(Effect::LoadContact);
        }
        Some(field) => ask(t, field, cx),
        None => summary(t, cx),
    }
}

/// Asks one question of the wizard.
fn ask(t: &mut Transition, field: Field, cx: &Context) {
    t.go(Step::TicketField { field });
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

fn current_value(d: &TicketDraft, field: Field, cx: &Context) -> Option<String> {
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
fn summary(t: &mut Transition, cx: &Context) {
    t.go(Step::TicketSummary);
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
        Some(agent) => t.go(Step::WithAgent { agent }),
        None => {
            t.go(Step::Menu);
            replies::reprompt(t, cx);
        }
    }
}

/// One step back in the wizard.
pub(super) fn back(t: &mut Transition, cx: &Context) {
    draft(t).correcting = false;
    match t.conversation.step.clone() {
        Step::Privacy => cancel(t, cx),
        Step::TicketField { field: Field::Kind } => {
            t.go(Step::Privacy);
            t.say(privacy_notice(cx));
        }
        Step::TicketField { field } => match field.previous() {
            Some(previous) => ask(t, previous, cx),
            None => cancel(t, cx),
        },
        Step::ContactOnFile { .. } => ask(t, Field::Detail, cx),
        Step::TicketSummary => ask(t, Field::Urgency, cx),
        _ => replies::reprompt(t, cx),
    }
}

/// Asks the current question again.
pub(super) fn reprompt(t: &mut Transition, cx: &Context) {
    match t.conversation.step.clone() {
        Step::Privacy => t.say(privacy_notice(cx)),
        Step::TicketField { field } => ask(t, field, cx),
        Step::ContactOnFile { contact } => offer_contact(t, contact, cx),
        Step::TicketSummary | Step::CreatingTicket => summary(t, cx),
        _ => {}
    }
}

fn offer_contact(t: &mut Transition, contact: Contact, cx: &Context) {
    let text = t!(
        cx.lang,
        "ticket-contact-on-file",
        name = contact.name.to_string(),
        email = contact.email.to_string(),
        phone = contact.phone.to_string()
    );
    t.go(Step::ContactOnFile { contact });
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
        != (Step::TicketField {
            field: Field::Service,
        })
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
    if t.conversation.step != (Step::TicketField { field: Field::Name }) {
        return;
    }
    match contact {
        Some(contact) => offer_contact(t, contact, cx),
        None => ask(t, Field::Name, cx),
    }
}

/// The answer to `Effect::CreateTicket`: operation 8.
pub(super) fn on_created(t: &mut Transition, number: TicketNumber, cx: &Context) {
    if t.conversation.step != Step::CreatingTicket {
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
        Some(agent) => t.go(Step::WithAgent { agent }),
        None => replies::ask_anything_else(t, cx),
    }
}

/// Everything the user sends while in the wizard.
pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    let step = t.conversation.step.clone();
    match (step, input) {
        (_, UserInput::Choice(Choice::CancelTicket)) => cancel(t, cx),
        (_, UserInput::Choice(Choice::Back)) => back(t, cx),
        (Step::Privacy, UserInput::Choice(Choice::Privacy(true))) => {
            draft(t).privacy_accepted_at = Some(cx.now);
            advance(t, cx);
        }
        (Step::Privacy, UserInput::Text(text)) if cx.lang.is_yes(&text) => {
            draft(t).privacy_accepted_at = Some(cx.now);
            advance(t, cx);
        }
        (Step::Privacy, UserInput::Choice(Choice::Privacy(false))) => decline(t, cx),
        (Step::Privacy, UserInput::Text(text)) if cx.lang.is_no(&text) => decline(t, cx),
        (Step::TicketField { field }, UserInput::Choice(Choice::Keep))
            if current_value(draft(t), field, cx).is_some() =>
        {
            advance(t, cx)
        }
        (Step::TicketField { field: Field::Kind }, UserInput::Choice(Choice::Kind(kind))) => {
            draft(t).kind = Some(kind);
            advance(t, cx);
        }
        (
            Step::TicketField {
                field: Field::Service,
            },
            UserInput::Choice(Choice::Service(id)),
        ) => {
            let chosen = draft(t).services.iter().find(|s| s.id == id).cloned();
            match chosen {
                Some(service) => {
                    draft(t).service = Some(service);
                    advance(t, cx);
                }
                None => stale(t, cx),
            }
        }
        (
            Step::TicketField {
                field: Field::Detail,
            },
            UserInput::Text(text),
        ) => add_detail(t, &text, cx),
        (
            Step::TicketField {
                field: Field::Detail,
            },
            UserInput::Choice(Choice::DetailDone),
        ) => {
            draft(t).detail_reviewed = true;
            if draft(t).has(Field::Detail) {
                advance(t, cx);
            } else {
                t.say(Reply::text(t!(
                    cx.lang,
                    "ticket-detail-too-short",
                    min = MIN_DETAIL_CHARS
                )));
                ask(t, Field::Detail, cx);
            }
        }
        (
            Step::TicketField {
                field: Field::Detail,
            },
            UserInput::Attachment(attachment),
        ) => {
            draft(t).attachment = Some(attachment);
            t.say(Reply::text(t!(cx.lang, "ticket-attachment-received")));
            ask(t, Field::Detail, cx);
        }
        (Step::TicketField { field: Field::Name }, UserInput::Text(text)) => {
            match FullName::parse(&text) {
                Ok(name) => {
                    draft(t).name = Some(name);
                    advance(t, cx);
                }
                Err(error) => retry(t, Field::Name, name_error(error, cx), cx),
            }
        }
        (
            Step::TicketField {
                field: Field::Email,
            },
            UserInput::Text(text),
        ) => match Email::parse(&text) {
            Ok(email) => {
                draft(t).email = Some(email);
                advance(t, cx);
            }
            Err(error) => retry(t, Field::Email, email_error(error, cx), cx),
        },
        (
            Step::TicketField {
                field: Field::Phone,
            },
            UserInput::Text(text),
        ) => match Phone::parse(&text) {
            Ok(phone) => {
                draft(t).phone = Some(phone);
                advance(t, cx);
            }
            Err(error) => retry(t, Field::Phone, phone_error(error, cx), cx),
        },
        (
            Step::TicketField {
                field: Field::Impact,
            },
            UserInput::Choice(Choice::Impact(impact)),
        ) => {
            draft(t).impact = Some(impact);
            advance(t, cx);
        }
        (
            Step::TicketField {
                field: Field::Urgency,
            },
            UserInput::Choice(Choice::Urgency(urgency)),
        ) => {
            draft(t).urgency = Some(urgency);
            advance(t, cx);
        }
        (Step::ContactOnFile { contact }, UserInput::Choice(Choice::UseContactOnFile(true))) => {
            let d = draft(t);
            d.name = Some(contact.name);
            d.email = Some(contact.email);
            d.phone = Some(contact.phone);
            advance(t, cx);
        }
        (Step::ContactOnFile { contact }, UserInput::Text(text)) if cx.lang.is_yes(&text) => {
            let d = draft(t);
            d.name = Some(contact.name);
            d.email = Some(contact.email);
            d.phone = Some(contact.phone);
            advance(t, cx);
        }
        (Step::ContactOnFile { .. }, UserInput::Choice(Choice::UseContactOnFile(false))) => {
            ask(t, Field::Name, cx)
        }
        (Step::ContactOnFile { .. }, UserInput::Text(text)) if cx.lang.is_no(&text) => {
            ask(t, Field::Name, cx)
        }
        (Step::TicketSummary, UserInput::Choice(Choice::Edit(field))) => {
            draft(t).correcting = true;
            ask(t, field, cx);
        }
        (Step::TicketSummary, UserInput::Choice(Choice::CreateTicket)) => match draft(t).complete()
        {
            Some(ticket) => {
                t.go(Step::CreatingTicket);
                t.effects.push(Effect::CreateTicket(Box::new(ticket)));
            }
            None => advance(t, cx),
        },
        (_, UserInput::Attachment(_)) => {
            t.say(Reply::text(t!(cx.lang, "attachment-not-now")));
            reprompt(t, cx);
        }
        (
            Step::TicketField { .. }
            | Step::ContactOnFile { .. }
            | Step::TicketSummary
            | Step::Privacy,
            UserInput::Text(_),
        ) => {
            t.say(Reply::text(t!(cx.lang, "ticket-use-buttons")));
            reprompt(t, cx);
        }
        _ => stale(t, cx),
    }
}

fn decline(t: &mut Transition, cx: &Context) {
    t.conversation.ticket = None;
    t.say(Reply::text(t!(
        cx.lang,
        "privacy-declined",
        phone = cx.call_center_phone
    )));
    replies::ask_anything_else(t, cx);
}

fn stale(t: &mut Transition, cx: &Context) {
    t.say(Reply::text(t!(cx.lang, "stale-choice")));
    reprompt(t, cx);
}

fn retry(t: &mut Transition, field: Field, why: String, cx: &Context) {
    t.say(Reply::text(why));
    ask(t, field, cx);
}

fn add_detail(t: &mut Transition, text: &str, cx: &Context) {
    let text = text.trim();
    let d = draft(t);
    let combined = match d.detail.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(before) => format!("{before}\n{text}"),
        None => text.to_owned(),
    };
    let length = combined.chars().count();
    if length > MAX_DETAIL_CHARS {
        t.say(Reply::text(t!(
            cx.lang,
            "ticket-detail-too-long",
            max = MAX_DETAIL_CHARS,
            length = length
        )));
        return ask(t, Field::Detail, cx);
    }
    d.detail = Some(combined);
    d.detail_reviewed = true;
    if d.has(Field::Detail) {
        advance(t, cx);
    } else {
        t.say(Reply::text(t!(
            cx.lang,
            "ticket-detail-too-short",
            min = MIN_DETAIL_CHARS
        )));
        ask(t, Field::Detail, cx);
    }
}

fn name_error(error: NameError, cx: &Context) -> String {
    let reason = match error {
        NameError::TooShort => "short",
        NameError::TooLong => "long",
        NameError::NeedsSurname => "surname",
        NameError::InvalidCharacters => "characters",
    };
    t!(cx.lang, "ticket-bad-name", reason = reason)
}

fn email_error(error: EmailError, cx: &Context) -> String {
    let reason = match error {
        EmailError::MissingAt => "at",
        EmailError::IncompleteDomain => "domain",
        EmailError::Invalid => "invalid",
    };
    t!(cx.lang, "ticket-bad-email", reason = reason)
}

fn phone_error(error: PhoneError, cx: &Context) -> String {
    match error {
        PhoneError::WrongLength(digits) => t!(cx.lang, "ticket-bad-phone-length", digits = digits),
        PhoneError::InvalidCharacters => t!(cx.lang, "ticket-bad-phone", reason = "characters"),
        PhoneError::NotMexican => t!(cx.lang, "ticket-bad-phone", reason = "mexican"),
        PhoneError::BadExtension => t!(cx.lang, "ticket-bad-phone", reason = "extension"),
    }
}
