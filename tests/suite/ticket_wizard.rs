//! Second-level support through the pure protocol: the ticket wizard and the
//! status of a ticket, the test playing the runtime.

use crate::support::talk::{Talk, all_text, choices, printer_hits};
use chrono::TimeZone;
use mesabot::contact::{Contact, Email, FullName, Phone};
use mesabot::protocol::{
    Attachment, AttachmentKind, Choice, Command, Effect, Field, Input, Outcome, ServiceOption,
    StatusAnswer, StatusLookup, Step, TicketAnswer, TicketEffect, TicketView, UserInput,
    WizardStage,
};
use mesabot::ticket::{Impact, Kind, Priority, Status, TicketNumber, Urgency};

fn services() -> Vec<ServiceOption> {
    [
        (1, "Correo electrónico institucional"),
        (5, "Equipo de cómputo y periféricos"),
    ]
    .into_iter()
    .map(|(id, name)| ServiceOption {
        id,
        name: name.into(),
    })
    .collect()
}

/// FAQ answer not good enough → "No" → privacy notice accepted → kind → service.
fn into_wizard_up_to_detail(desk: &mut Talk) {
    desk.command(Command::Start);
    desk.asks("la impresora del piso 3 no imprime", printer_hits());
    desk.presses(Choice::Solved(false));
    desk.presses(Choice::Privacy(true));
    let t = desk.presses(Choice::Kind(Kind::Incidente));
    assert_eq!(t.effects, vec![Effect::Ticket(TicketEffect::LoadServices)]);
    let t = desk.send(Input::Ticket(TicketAnswer::Services(services())));
    assert!(all_text(&t).contains("¿A qué servicio corresponde?"));
    assert_eq!(choices(&t)[..2], [Choice::Service(1), Choice::Service(5)]);
    desk.presses(Choice::Service(5));
}

fn ticket_number(n: i64) -> TicketNumber {
    TicketNumber::new(n).expect("positive")
}

#[test]
fn a_full_ticket_with_a_bad_email_and_a_bad_phone_corrected_on_the_way() {
    let mut desk = Talk::at(10, 0);
    into_wizard_up_to_detail(&mut desk);
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field {
            field: Field::Detail
        })
    );

    // What the user wrote at first level is shown for review, and added to.
    let t = desk.presses(Choice::DetailDone);
    assert_eq!(
        t.effects,
        vec![Effect::Ticket(TicketEffect::LoadContact)],
        "{}",
        all_text(&t)
    );
    let t = desk.send(Input::Ticket(TicketAnswer::ContactOnFile(None)));
    assert!(all_text(&t).contains("nombre completo"));

    let t = desk.says("Ana");
    assert!(
        all_text(&t).contains("al menos un apellido"),
        "{}",
        all_text(&t)
    );
    desk.says("Ana Pérez López");
    let t = desk.says("ana.perez@edomex");
    assert!(
        all_text(&t).contains("falta el dominio completo"),
        "{}",
        all_text(&t)
    );
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field {
            field: Field::Email
        })
    );
    desk.says("ana.perez@edomex.gob.mx");
    let t = desk.says("722 123 45");
    assert!(
        all_text(&t).contains("tiene 8 dígitos y debe tener 10"),
        "{}",
        all_text(&t)
    );
    let t = desk.says("722 123 4567 ext. 12");
    assert!(all_text(&t).contains("¿A cuántas personas afecta el problema?"));
    assert_eq!(
        choices(&t)[..4],
        [
            Choice::Impact(Impact::Extenso),
            Choice::Impact(Impact::Significativo),
            Choice::Impact(Impact::Moderado),
            Choice::Impact(Impact::Menor)
        ]
    );
    desk.presses(Choice::Impact(Impact::Moderado));
    let t = desk.presses(Choice::Urgency(Urgency::Alta));
    let summary = all_text(&t);
    assert!(
        summary.contains("Correo: ana.perez@edomex.gob.mx"),
        "{summary}"
    );
    assert!(
        summary.contains("Teléfono: 722 123 4567 ext. 12"),
        "{summary}"
    );
    assert!(summary.contains("Prioridad: 2 (alta)"), "{summary}");
    assert_eq!(choices(&t)[0], Choice::CreateTicket);

    let t = desk.presses(Choice::CreateTicket);
    let [Effect::Ticket(TicketEffect::Create(ticket))] = t.effects.as_slice() else {
        panic!("one ticket to create: {:?}", t.effects);
    };
    assert_eq!(ticket.kind, Kind::Incidente);
    assert_eq!(ticket.service_id, 5);
    assert_eq!(ticket.detail, "la impresora del piso 3 no imprime");
    assert_eq!(ticket.contact.email.as_str(), "ana.perez@edomex.gob.mx");
    assert_eq!(
        ticket.priority,
        Priority::assess(Urgency::Alta, Impact::Moderado)
    );
    assert_eq!(ticket.privacy_accepted_at, desk.now);

    let t = desk.send(Input::Ticket(TicketAnswer::Created(ticket_number(42))));
    let text = all_text(&t);
    assert!(text.contains("número MESA-42"), "{text}");
    assert!(
        text.contains("Un resolutor se pondrá en contacto"),
        "{text}"
    );
    assert!(
        text.contains("¿Hay algo más en que pueda ayudarle?"),
        "{text}"
    );
    assert_eq!(desk.conversation.outcome, Some(Outcome::SecondLevel));
    assert_eq!(desk.conversation.ticket, None);
}

#[test]
fn back_and_cancel_never_lose_what_was_given() {
    let mut desk = Talk::at(10, 0);
    into_wizard_up_to_detail(&mut desk);
    desk.says("Además el papel se atora en la bandeja 2.");
    desk.send(Input::Ticket(TicketAnswer::ContactOnFile(None)));
    desk.says("Ana Pérez López");
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field {
            field: Field::Email
        })
    );

    // Back: the name is asked again, showing what was given, which can be kept.
    let t = desk.presses(Choice::Back);
    assert!(
        all_text(&t).contains("Dato actual: Ana Pérez López"),
        "{}",
        all_text(&t)
    );
    assert!(choices(&t).contains(&Choice::Keep));
    desk.presses(Choice::Keep);
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field {
            field: Field::Email
        })
    );

    // /atras works like the button.
    desk.command(Command::Back);
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field { field: Field::Name })
    );

    // Cancel: back to the menu; asking again resumes where it was.
    let t = desk.command(Command::Cancel);
    assert!(all_text(&t).contains("dejamos el ticket pendiente"));
    assert_eq!(desk.conversation.step, Step::Menu);
    let t = desk.presses(Choice::SecondLevel);
    assert!(
        !all_text(&t).contains("Aviso de privacidad"),
        "accepted once is enough"
    );
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field {
            field: Field::Email
        })
    );
    let draft = desk.conversation.ticket.clone().expect("draft kept");
    assert_eq!(
        draft.name.map(String::from).as_deref(),
        Some("Ana Pérez López")
    );
    assert_eq!(
        draft.detail.as_deref(),
        Some("la impresora del piso 3 no imprime\nAdemás el papel se atora en la bandeja 2.")
    );
}

#[test]
fn a_returning_user_reuses_the_details_on_file() {
    let mut desk = Talk::at(10, 0);
    into_wizard_up_to_detail(&mut desk);
    desk.presses(Choice::DetailDone);
    let on_file = Contact {
        name: FullName::parse("Ana Pérez López").expect("name"),
        email: Email::parse("ana.perez@edomex.gob.mx").expect("email"),
        phone: Phone::parse("722 123 4567").expect("phone"),
    };
    let t = desk.send(Input::Ticket(TicketAnswer::ContactOnFile(Some(
        on_file.clone(),
    ))));
    let text = all_text(&t);
    assert!(text.contains("¿Usamos los mismos datos"), "{text}");
    assert!(text.contains("ana.perez@edomex.gob.mx") && text.contains("722 123 4567"));
    let t = desk.presses(Choice::UseContactOnFile(true));
    assert!(all_text(&t).contains("¿A cuántas personas afecta"));
    let draft = desk.conversation.ticket.clone().expect("draft");
    assert_eq!(draft.email, Some(on_file.email));
    assert_eq!(draft.phone, Some(on_file.phone));
}

#[test]
fn a_field_corrected_from_the_summary_returns_to_the_summary() {
    let mut desk = Talk::at(10, 0);
    into_wizard_up_to_detail(&mut desk);
    desk.presses(Choice::DetailDone);
    desk.send(Input::Ticket(TicketAnswer::ContactOnFile(None)));
    desk.says("Ana Pérez López");
    desk.says("ana@edomex.gob.mx");
    desk.says("55 1234 5678");
    desk.presses(Choice::Impact(Impact::Menor));
    desk.presses(Choice::Urgency(Urgency::Baja));
    assert_eq!(desk.conversation.step, Step::Ticket(WizardStage::Summary));

    let t = desk.presses(Choice::Edit(Field::Email));
    assert!(all_text(&t).contains("Dato actual: ana@edomex.gob.mx"));
    let t = desk.says("ana.perez@edomex.gob.mx");
    assert_eq!(desk.conversation.step, Step::Ticket(WizardStage::Summary));
    assert!(all_text(&t).contains("Correo: ana.perez@edomex.gob.mx"));
    assert!(all_text(&t).contains("Prioridad: 4 (baja)"));
}

#[test]
fn a_description_too_short_or_too_long_is_explained_and_nothing_is_lost() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.presses(Choice::SecondLevel);
    desk.presses(Choice::Privacy(true));
    desk.presses(Choice::Kind(Kind::Requerimiento));
    desk.send(Input::Ticket(TicketAnswer::Services(services())));
    let t = desk.presses(Choice::Service(1));
    assert!(
        all_text(&t).contains("al menos 15 caracteres"),
        "{}",
        all_text(&t)
    );

    let t = desk.says("no sirve");
    assert!(all_text(&t).contains("muy breve"), "{}", all_text(&t));
    let t = desk.says(&"x".repeat(2500));
    assert!(
        all_text(&t).contains("el máximo es 2000"),
        "{}",
        all_text(&t)
    );
    assert_eq!(
        desk.conversation
            .ticket
            .as_ref()
            .and_then(|d| d.detail.as_deref()),
        Some("no sirve"),
        "the text that fit is kept"
    );
    // A voice note cannot go with a ticket: the user is told what can.
    let t = desk.send(Input::User(UserInput::Attachment(Attachment {
        file_id: "AwACAgIAAxkBAAIC".into(),
        kind: AttachmentKind::Voice,
        origin: None,
        album: None,
    })));
    assert!(
        all_text(&t).contains("solo puedo adjuntar una foto o un documento"),
        "{}",
        all_text(&t)
    );
    assert!(
        desk.conversation
            .ticket
            .as_ref()
            .is_some_and(|d| d.attachment.is_none())
    );
    let t = desk.send(Input::User(UserInput::Attachment(Attachment {
        file_id: "AgACAgIAAxkBAAIB".into(),
        kind: AttachmentKind::Photo,
        origin: None,
        album: None,
    })));
    assert!(all_text(&t).contains("Recibí su archivo"));
    let t = desk.says("Necesito una cuenta para el sistema de nómina.");
    assert_eq!(t.effects, vec![Effect::Ticket(TicketEffect::LoadContact)]);
    let draft = desk.conversation.ticket.clone().expect("draft");
    assert!(draft.attachment.is_some());
}

#[test]
fn declining_the_privacy_notice_gets_the_call_center_and_keeps_no_data() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.presses(Choice::SecondLevel);
    let t = desk.presses(Choice::Privacy(false));
    let text = all_text(&t);
    assert!(text.contains("no registraremos sus datos"), "{text}");
    assert!(text.contains("800 696 9696"), "{text}");
    assert_eq!(desk.conversation.ticket, None);
    assert_eq!(desk.conversation.step, Step::AnythingElse);
}

#[test]
fn typed_text_where_a_button_is_needed_is_answered() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.presses(Choice::SecondLevel);
    desk.presses(Choice::Privacy(true));
    let t = desk.says("es algo que falla");
    assert!(all_text(&t).contains("elija una de las opciones"));
    assert_eq!(
        desk.conversation.step,
        Step::Ticket(WizardStage::Field { field: Field::Kind })
    );
}

fn view(number: i64) -> TicketView {
    let at = chrono_tz::America::Mexico_City
        .with_ymd_and_hms(2026, 11, 20, 9, 30, 0)
        .single()
        .expect("time")
        .with_timezone(&chrono::Utc);
    TicketView {
        number: ticket_number(number),
        status: Status::EnProceso,
        kind: Kind::Incidente,
        service: "Red e internet".into(),
        priority: Priority::assess(Urgency::Alta, Impact::Extenso),
        opened_at: at,
        updated_at: at,
        history: vec![
            (at, Status::Abierto, String::new()),
            (at, Status::EnProceso, "Patricia Núñez Vega".into()),
        ],
    }
}

#[test]
fn a_status_question_in_free_text_shows_the_owner_their_ticket() {
    let mut desk = Talk::at(10, 0);
    let t = desk.says("¿Cómo va mi ticket MESA-7?");
    assert!(all_text(&t).starts_with("Buenos días"));
    assert_eq!(
        t.effects,
        vec![Effect::Status(StatusLookup {
            number: ticket_number(7),
            email: None
        })]
    );
    let t = desk.send(Input::TicketStatus {
        number: ticket_number(7),
        answer: StatusAnswer::Found(Box::new(view(7))),
    });
    let text = all_text(&t);
    assert!(text.contains("Ticket MESA-7"), "{text}");
    assert!(text.contains("Estado: En proceso"), "{text}");
    assert!(
        text.contains("20/11/2026 09:30: En proceso (Patricia Núñez Vega)"),
        "{text}"
    );
    assert_eq!(desk.conversation.outcome, Some(Outcome::FirstLevel));
}

#[test]
fn someone_else_must_give_the_email_on_the_ticket_and_learns_nothing_otherwise() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    let t = desk.command(Command::Status(Some("12".into())));
    assert_eq!(
        t.effects,
        vec![Effect::Status(StatusLookup {
            number: ticket_number(12),
            email: None
        })]
    );
    let t = desk.send(Input::TicketStatus {
        number: ticket_number(12),
        answer: StatusAnswer::ProveOwnership,
    });
    assert!(all_text(&t).contains("escriba el correo electrónico registrado en el ticket MESA-12"));
    let t = desk.says("no es un correo");
    assert!(all_text(&t).contains("no es válido"));
    let t = desk.says("alguien@edomex.gob.mx");
    assert_eq!(
        t.effects,
        vec![Effect::Status(StatusLookup {
            number: ticket_number(12),
            email: Some(Email::parse("alguien@edomex.gob.mx").expect("email"))
        })]
    );
    let t = desk.send(Input::TicketStatus {
        number: ticket_number(12),
        answer: StatusAnswer::NoMatch,
    });
    let text = all_text(&t);
    assert!(
        text.contains("No encontré un ticket con ese número y ese correo"),
        "{text}"
    );
    assert!(!text.contains("Red e internet"));
    assert_eq!(desk.conversation.step, Step::Menu);
}

#[test]
fn the_menu_asks_for_the_number_and_rejects_what_is_not_one() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    let t = desk.presses(Choice::Menu(mesabot::protocol::MenuOption::TicketStatus));
    assert!(all_text(&t).contains("Escriba el número de su ticket"));
    let t = desk.says("el de ayer");
    assert!(all_text(&t).contains("No reconozco un número de ticket"));
    let t = desk.says("#31");
    assert_eq!(
        t.effects,
        vec![Effect::Status(StatusLookup {
            number: ticket_number(31),
            email: None
        })]
    );
    let t = desk.send(Input::TicketStatus {
        number: ticket_number(31),
        answer: StatusAnswer::TooManyAttempts,
    });
    assert!(all_text(&t).contains("espere unos minutos"));
}
