//! The answers a user gives inside the ticket wizard, each checked where it
//! is given, with a message that says what was wrong.

use super::TicketEffect;
use super::WizardStage;
use super::ticket_draft::{Field, MAX_DETAIL_CHARS, MIN_DETAIL_CHARS, TicketDraft};
use super::ticket_wizard::{advance, ask, back, cancel, current_value, draft, reprompt};
use super::{Choice, Context, Effect, Reply, Step, Transition, UserInput, replies};
use crate::contact::{Contact, Email, EmailError, FullName, NameError, Phone, PhoneError};
use crate::t;

/// Everything the user sends while in the wizard.
pub(super) fn on_input(t: &mut Transition, input: UserInput, cx: &Context) {
    let step = t.conversation.step.clone();
    let input = typed_answer(&step, input, cx);
    match input {
        UserInput::Choice(Choice::CancelTicket) => return cancel(t, cx),
        UserInput::Choice(Choice::Back) => return back(t, cx),
        _ => {}
    }
    let Step::Ticket(stage) = step else {
        return stale(t, cx);
    };
    let asks_something = !matches!(stage, WizardStage::Creating);
    let on_detail = matches!(
        stage,
        WizardStage::Field {
            field: Field::Detail
        }
    );
    let unexpected = match stage {
        WizardStage::Privacy => on_privacy(t, input, cx),
        WizardStage::Field { field } => on_field(t, field, input, cx),
        WizardStage::ContactOnFile { contact } => on_contact_on_file(t, contact, input, cx),
        WizardStage::Summary => on_summary(t, input, cx),
        WizardStage::Creating => Err(input),
    };
    match unexpected {
        Ok(()) => {}
        Err(UserInput::Attachment(attachment)) => {
            t.say(Reply::text(
                if on_detail && !attachment.kind.goes_with_a_ticket() {
                    t!(cx.lang, "ticket-attachment-kind")
                } else {
                    t!(cx.lang, "attachment-not-now")
                },
            ));
            reprompt(t, cx);
        }
        Err(UserInput::Text(_)) if asks_something => {
            t.say(Reply::text(t!(cx.lang, "ticket-use-buttons")));
            reprompt(t, cx);
        }
        Err(_) => stale(t, cx),
    }
}

/// The privacy notice: accepted, or the wizard ends. `Err`: not an answer to it.
fn on_privacy(t: &mut Transition, input: UserInput, cx: &Context) -> Result<(), UserInput> {
    match input {
        UserInput::Choice(Choice::Privacy(true)) => {
            draft(t).privacy_accepted_at = Some(cx.now);
            advance(t, cx);
        }
        UserInput::Choice(Choice::Privacy(false)) => decline(t, cx),
        other => return Err(other),
    }
    Ok(())
}

/// An answer to one of the wizard's questions. `Err`: not an answer to it.
fn on_field(
    t: &mut Transition,
    field: Field,
    input: UserInput,
    cx: &Context,
) -> Result<(), UserInput> {
    match (field, input) {
        (field, UserInput::Choice(Choice::Keep))
            if current_value(draft(t), field, cx).is_some() =>
        {
            advance(t, cx)
        }
        (Field::Kind, UserInput::Choice(Choice::Kind(kind))) => {
            draft(t).kind = Some(kind);
            advance(t, cx);
        }
        (Field::Service, UserInput::Choice(Choice::Service(id))) => {
            let chosen = draft(t).services.iter().find(|s| s.id == id).cloned();
            match chosen {
                Some(service) => {
                    draft(t).service = Some(service);
                    advance(t, cx);
                }
                None => stale(t, cx),
            }
        }
        (Field::Detail, UserInput::Text(text)) => add_detail(t, &text, cx),
        (Field::Detail, UserInput::Choice(Choice::DetailDone)) => detail_done(t, cx),
        (Field::Detail, UserInput::Attachment(attachment))
            if attachment.kind.goes_with_a_ticket() =>
        {
            draft(t).attachment = Some(attachment);
            t.say(Reply::text(t!(cx.lang, "ticket-attachment-received")));
            ask(t, Field::Detail, cx);
        }
        (Field::Name, UserInput::Text(text)) => {
            let parsed = FullName::parse(&text).map_err(|e| name_error(e, cx));
            accept(t, Field::Name, parsed, |d, name| d.name = Some(name), cx);
        }
        (Field::Email, UserInput::Text(text)) => {
            let parsed = Email::parse(&text).map_err(|e| email_error(e, cx));
            accept(t, Field::Email, parsed, |d, mail| d.email = Some(mail), cx);
        }
        (Field::Phone, UserInput::Text(text)) => {
            let parsed = Phone::parse(&text).map_err(|e| phone_error(e, cx));
            accept(
                t,
                Field::Phone,
                parsed,
                |d, phone| d.phone = Some(phone),
                cx,
            );
        }
        (Field::Impact, UserInput::Choice(Choice::Impact(impact))) => {
            draft(t).impact = Some(impact);
            advance(t, cx);
        }
        (Field::Urgency, UserInput::Choice(Choice::Urgency(urgency))) => {
            draft(t).urgency = Some(urgency);
            advance(t, cx);
        }
        (_, other) => return Err(other),
    }
    Ok(())
}

/// "Listo" after the description: on only when it is long enough.
fn detail_done(t: &mut Transition, cx: &Context) {
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

/// A returning user's contact data: used as it is, or asked again.
fn on_contact_on_file(
    t: &mut Transition,
    contact: Contact,
    input: UserInput,
    cx: &Context,
) -> Result<(), UserInput> {
    match input {
        UserInput::Choice(Choice::UseContactOnFile(true)) => {
            let d = draft(t);
            d.name = Some(contact.name);
            d.email = Some(contact.email);
            d.phone = Some(contact.phone);
            advance(t, cx);
        }
        UserInput::Choice(Choice::UseContactOnFile(false)) => ask(t, Field::Name, cx),
        other => return Err(other),
    }
    Ok(())
}

/// The summary: correct a field, or create the ticket.
fn on_summary(t: &mut Transition, input: UserInput, cx: &Context) -> Result<(), UserInput> {
    match input {
        UserInput::Choice(Choice::Edit(field)) => {
            draft(t).correcting = true;
            ask(t, field, cx);
        }
        UserInput::Choice(Choice::CreateTicket) => match draft(t).complete() {
            Some(ticket) => {
                t.go(Step::Ticket(WizardStage::Creating));
                t.effects
                    .push(Effect::Ticket(TicketEffect::Create(Box::new(ticket))));
            }
            None => advance(t, cx),
        },
        other => return Err(other),
    }
    Ok(())
}

/// A typed "sí" or "no" where the question has Sí / No buttons counts as the button.
fn typed_answer(step: &Step, input: UserInput, cx: &Context) -> UserInput {
    let UserInput::Text(text) = &input else {
        return input;
    };
    match (step, cx.yes_no(text)) {
        (_, None) => input,
        (Step::Ticket(WizardStage::Privacy), Some(yes)) => UserInput::Choice(Choice::Privacy(yes)),
        (Step::Ticket(WizardStage::ContactOnFile { .. }), Some(yes)) => {
            UserInput::Choice(Choice::UseContactOnFile(yes))
        }
        _ => input,
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

/// A typed answer: kept and on to the next question, or asked again saying why.
fn accept<T>(
    t: &mut Transition,
    field: Field,
    parsed: Result<T, String>,
    keep: fn(&mut TicketDraft, T),
    cx: &Context,
) {
    match parsed {
        Ok(value) => {
            keep(draft(t), value);
            advance(t, cx);
        }
        Err(why) => retry(t, field, why, cx),
    }
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
    detail_done(t, cx);
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
