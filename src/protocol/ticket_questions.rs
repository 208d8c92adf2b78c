//! How the ticket wizard asks: each question with its buttons and the value
//! already given, the privacy notice, and the summary where any field can be
//! corrected. What the answers do is in `ticket_answers.rs`; where the wizard
//! goes next, in `ticket_wizard.rs`.

use super::TicketEffect;
use super::ticket_draft::{Field, MIN_DETAIL_CHARS, TicketDraft, WizardStage};
use super::{Button, Choice, Context, Effect, Reply, Step, Transition};
use crate::t;
use crate::ticket::{Impact, Kind, Priority, Urgency};

pub(super) fn draft(t: &mut Transition) -> &mut TicketDraft {
    t.conversation
        .ticket
        .get_or_insert_with(TicketDraft::default)
}

/// Asks one question of the wizard.
pub(super) fn ask(t: &mut Transition, field: Field, cx: &Context) {
    t.go(Step::Ticket(WizardStage::Field { field }));
    let d = draft(t);
    if field == Field::Service && d.services.is_empty() {
        t.effects.push(Effect::Ticket(TicketEffect::LoadServices));
        return;
    }
    let d = draft(t).clone();
    let lang = cx.lang;
    let (text, mut buttons) = question(field, &d, cx);
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

/// A question's wording and its buttons (before "keep" and the navigation row).
fn question(field: Field, d: &TicketDraft, cx: &Context) -> (String, Vec<Vec<Button>>) {
    let lang = cx.lang;
    match field {
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
    }
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

pub(super) fn button(label: String, choice: Choice) -> Button {
    Button { label, choice }
}

pub(super) fn nav_row(cx: &Context) -> Vec<Button> {
    vec![
        button(t!(cx.lang, "ticket-back"), Choice::Back),
        button(t!(cx.lang, "ticket-cancel"), Choice::CancelTicket),
    ]
}

pub(super) fn privacy_notice(cx: &Context) -> Reply {
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
