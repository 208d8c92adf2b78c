//! The bot understands what people write (operation 2): each intent at each
//! step that takes free text, without Telegram or a database (the test plays
//! the runtime); then the desk on a real SQLite file, the phrase files through
//! the real binary, and the evaluation set against its targets.

use std::path::Path;

use crate::support::app::People;
use crate::support::talk::{Talk, all_text, choices, hit, printer_hits};
use crate::support::{TestClock, TestDb, joined, mesabot};
use mesabot::locale::Locale;
use mesabot::protocol::{
    Agents, CallEffect, Choice, Effect, FaqEffect, Field, HandoffEffect, MenuOption, Outcome, Step,
    TransferEffect,
};
use mesabot::protocol::{FaqAnswer, HandoffEvent, TicketAnswer};
use mesabot::protocol::{FirstLevelStage, HandoffStage, StatusStage, WizardStage};
use mesabot::understand::evaluate::{self, EvalSet};

/// A desk after the greeting, at the menu.
fn at_menu() -> Talk {
    let mut desk = Talk::at(10, 0);
    desk.says("/start");
    assert_eq!(desk.step(), &Step::Menu);
    desk
}

/// A desk that has just shown the printer answer and asked whether it solved it.
fn after_printer_answer() -> Talk {
    let mut desk = at_menu();
    desk.asks("mi impresora no imprime", printer_hits());
    assert!(matches!(
        desk.step(),
        Step::FirstLevel(FirstLevelStage::Offered { .. })
    ));
    desk
}

fn closes(t: &mesabot::protocol::Transition) -> Option<Outcome> {
    t.effects.iter().find_map(|e| match e {
        Effect::Close { outcome, .. } => Some(*outcome),
        _ => None,
    })
}

#[test]
fn a_first_message_is_greeted_and_what_it_asked_is_acted_on_in_the_same_turn() {
    // A question: the greeting (no menu in the way) and the FAQ search.
    let mut desk = Talk::at(16, 0);
    let t = desk.says("hola, olvidé la contraseña de mi correo");
    assert!(all_text(&t).starts_with("Buenas tardes, le atiende"));
    // The greeting is understood; the rest is searched.
    assert_eq!(
        t.effects,
        vec![Effect::FirstLevel(FaqEffect::Search(
            "olvidé la contraseña de mi correo".into()
        ))]
    );
    assert_eq!(
        desk.conversation.problem.as_deref(),
        Some("hola, olvidé la contraseña de mi correo")
    );
    let t = desk.send(mesabot::protocol::Input::FirstLevel(FaqAnswer::Found(
        vec![hit(
            1,
            "¿Cómo restablezco la contraseña de mi correo institucional?",
        )],
    )));
    assert!(all_text(&t).contains("¿Se resolvió su problema?"));

    // A bare greeting or /start: the greeting and the menu, as always.
    for opening in ["buenas tardes", "/start", "hola!!"] {
        let mut desk = Talk::at(16, 0);
        let t = desk.says(opening);
        assert!(
            all_text(&t).starts_with("Buenas tardes, le atiende"),
            "{opening}"
        );
        assert!(choices(&t).contains(&Choice::Menu(MenuOption::Support)));
        assert!(t.effects.is_empty(), "{opening}: never an FAQ search");
    }

    // A request: greeted, then the request itself.
    let mut desk = Talk::at(9, 0);
    let t = desk.says("necesito que me transfieran con el área de redes");
    assert!(all_text(&t).starts_with("Buenos días"));
    assert_eq!(
        t.effects,
        vec![Effect::Transfer(TransferEffect::SearchDirectory(
            "redes".into()
        ))]
    );

    let mut desk = Talk::at(9, 0);
    let t = desk.says("donde pago el predial");
    assert!(all_text(&t).contains("800 696 9696"), "{}", all_text(&t));
    assert_eq!(desk.conversation.outcome, Some(Outcome::OutOfScope));
    assert_eq!(desk.step(), &Step::AnythingElse);
}

#[test]
fn thanks_after_a_farewell_is_courtesy_not_a_new_call() {
    let mut desk = Talk::at(10, 0);
    let t = desk.says("gracias!");
    assert!(all_text(&t).contains("Con gusto"), "{}", all_text(&t));
    assert_eq!(t.effects, vec![Effect::Discard]);
}

#[test]
fn each_request_typed_at_the_menu_goes_where_a_phone_agent_would_send_it() {
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    let t = desk.says("quiero hablar con una persona");
    assert!(matches!(
        t.effects[..],
        [Effect::Handoff(HandoffEffect::Escalate { .. })]
    ));
    assert_eq!(desk.step(), &Step::Handoff(HandoffStage::Waiting));

    let mut desk = at_menu();
    let t = desk.says("me comunica con un agente por favor");
    // No agents' group here: told so once, and offered a ticket and the menu.
    assert!(all_text(&t).contains("no hay agentes"), "{}", all_text(&t));
    assert!(choices(&t).contains(&Choice::SecondLevel));

    let mut desk = at_menu();
    let t = desk.says("comuníqueme con Patricia Núñez");
    assert_eq!(
        t.effects,
        vec![Effect::Transfer(TransferEffect::SearchDirectory(
            "Patricia Núñez".into()
        ))]
    );

    let mut desk = at_menu();
    let t = desk.says("necesito una llamada al exterior");
    assert_eq!(t.effects, vec![Effect::Call(CallEffect::CheckStaff)]);

    let mut desk = at_menu();
    let t = desk.says("¿cómo va mi reporte?");
    assert!(
        all_text(&t).contains("número de su ticket"),
        "{}",
        all_text(&t)
    );
    assert_eq!(desk.step(), &Step::Status(StatusStage::Number));

    let mut desk = at_menu();
    let t = desk.says("quiero tramitar mi licencia");
    assert!(all_text(&t).contains("Centro de Atención Telefónica"));
    assert_eq!(desk.conversation.outcome, Some(Outcome::OutOfScope));
}

#[test]
fn asking_for_a_ticket_keeps_what_the_person_already_described() {
    let mut desk = at_menu();
    let t = desk.says("quiero levantar un reporte porque el proyector de la sala no enciende");
    assert!(
        all_text(&t).contains("Aviso de privacidad"),
        "{}",
        all_text(&t)
    );
    desk.presses(Choice::Privacy(true));
    let draft = desk.conversation.ticket.as_ref().expect("a draft");
    assert_eq!(
        draft.detail.as_deref(),
        Some("quiero levantar un reporte porque el proyector de la sala no enciende")
    );

    // Without a description there is nothing to keep.
    let mut desk = at_menu();
    desk.says("necesito abrir un ticket");
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
    assert_eq!(desk.conversation.problem, None);

    // "Quiero reportar que …" reports: a ticket, keeping what it described.
    let mut desk = at_menu();
    desk.says("quiero reportar que mi teclado no sirve para que lo cambien");
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
    desk.presses(Choice::Privacy(true));
    let draft = desk.conversation.ticket.as_ref().expect("a draft");
    assert_eq!(
        draft.detail.as_deref(),
        Some("quiero reportar que mi teclado no sirve para que lo cambien")
    );

    // Asked of the agent, the pronoun joined to the verb.
    for words in ["ábrame un ticket por favor", "levánteme un reporte"] {
        let mut desk = at_menu();
        desk.says(words);
        assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy), "{words}");
    }
}

#[test]
fn negations_and_mixed_messages_are_read_sensibly() {
    // The "no" reaches the whole request, however many phrases it is made of.
    for words in [
        "no quiero hablar con nadie, solo dígame cómo configurar la VPN",
        "no quiero hablar con un agente, solo dígame cómo instalo la impresora",
    ] {
        let mut desk = at_menu();
        desk.agents = Agents::Available;
        let t = desk.says(words);
        assert!(
            matches!(&t.effects[..], [Effect::FirstLevel(FaqEffect::Search(_))]),
            "{words}: an FAQ question: {:?}",
            t.effects
        );
    }
    // A later request in another part of the message stands.
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    let t = desk.says("no me funciona el correo y quiero hablar con un agente");
    assert!(
        matches!(
            t.effects[..],
            [Effect::Handoff(HandoffEffect::Escalate { .. })]
        ),
        "{:?}",
        t.effects
    );

    // After an answer, "gracias, pero sigue sin imprimir" says it did not solve it.
    let mut desk = after_printer_answer();
    let t = desk.says("gracias, pero sigue sin imprimir");
    assert!(
        t.effects.contains(&Effect::FirstLevel(FaqEffect::Rejected {
            faq_id: 13,
            question: "Mi impresora no imprime".into()
        })),
        "{:?}",
        t.effects
    );
    assert!(closes(&t).is_none(), "not a goodbye");
    assert!(all_text(&t).contains("segundo nivel"), "{}", all_text(&t));
}

#[test]
fn two_readings_as_likely_as_each_other_are_asked_not_guessed() {
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    let t = desk.says("quiero levantar un reporte o hablar con alguien");
    assert!(t.effects.is_empty(), "{:?}", t.effects);
    assert_eq!(choices(&t), vec![Choice::TalkToAgent, Choice::SecondLevel]);
    let t = desk.presses(Choice::SecondLevel);
    assert!(all_text(&t).contains("Aviso de privacidad"));
}

#[test]
fn small_talk_gets_the_protocol_answers_never_an_faq_search() {
    // A greeting at the menu: the menu again.
    let mut desk = at_menu();
    let t = desk.says("buenas tardes");
    assert!(t.effects.is_empty());
    assert!(all_text(&t).contains("¿En qué puedo ayudarle?"));
    assert!(choices(&t).contains(&Choice::Menu(MenuOption::Support)));

    // Thanks after an answer: solved, and rule 7's question.
    let mut desk = after_printer_answer();
    let t = desk.says("muchas gracias");
    assert!(all_text(&t).contains("¡Qué bueno que se resolvió!"));
    assert!(all_text(&t).contains("¿Hay algo más en que pueda ayudarle?"));
    assert_eq!(desk.conversation.outcome, Some(Outcome::FirstLevel));
    // Thanks again, when that was already asked: the goodbye, and the call ends.
    let t = desk.says("gracias");
    assert!(
        all_text(&t).contains("Le recuerdo mi nombre"),
        "{}",
        all_text(&t)
    );
    assert_eq!(closes(&t), Some(Outcome::FirstLevel));

    // A greeting after an answer keeps the question pending.
    let mut desk = after_printer_answer();
    let t = desk.says("hola");
    assert!(t.effects.is_empty());
    assert!(all_text(&t).contains("¿Se resolvió su problema?"));
    assert!(matches!(
        desk.step(),
        Step::FirstLevel(FirstLevelStage::Offered { .. })
    ));

    // "eso es todo" and "adiós" at the menu: rule 7.
    for words in ["eso es todo", "adiós"] {
        let mut desk = at_menu();
        let t = desk.says(words);
        assert!(all_text(&t).contains("¿Hay algo más"), "{words}");
        assert!(
            t.effects
                .iter()
                .all(|e| !matches!(e, Effect::FirstLevel(FaqEffect::Search(_))))
        );
    }
}

#[test]
fn everyday_yes_and_no_answer_the_yes_no_questions() {
    for (words, more) in [
        ("simón", true),
        ("sí, por favor", true),
        ("sí, gracias", true),
        ("👍", true),
        ("nel", false),
        ("no, gracias", false),
        ("ok, gracias", false),
        ("adiós", false),
    ] {
        let mut desk = at_menu();
        desk.says("quiero tramitar mi licencia");
        assert_eq!(desk.step(), &Step::AnythingElse);
        let t = desk.says(words);
        if more {
            assert!(
                all_text(&t).contains("¿En qué más puedo ayudarle?"),
                "{words}"
            );
            assert!(
                closes(&t).is_some(),
                "{words}: the dealt-with call is closed"
            );
            assert_eq!(desk.step(), &Step::Menu, "{words}");
        } else {
            assert!(all_text(&t).contains("Le recuerdo mi nombre"), "{words}");
            assert_eq!(closes(&t), Some(Outcome::OutOfScope), "{words}");
        }
    }
    // "¿Se resolvió su problema?"
    let mut desk = after_printer_answer();
    desk.says("simón, ya quedó");
    assert_eq!(desk.conversation.outcome, Some(Outcome::FirstLevel));
    let mut desk = after_printer_answer();
    let t = desk.says("nel");
    assert!(
        t.effects
            .iter()
            .any(|e| matches!(e, Effect::FirstLevel(FaqEffect::Rejected { .. })))
    );
}

#[test]
fn inside_the_ticket_wizard_its_own_questions_take_their_answers_first() {
    let mut desk = at_menu();
    desk.presses(Choice::SecondLevel);
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
    // A greeting does not restart the wizard nor count as an answer.
    let t = desk.says("buenas tardes");
    assert!(all_text(&t).contains("Aquí sigo"), "{}", all_text(&t));
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
    // An everyday yes accepts the notice.
    desk.says("sí, por favor");
    assert!(
        desk.conversation
            .ticket
            .as_ref()
            .is_some_and(|d| d.privacy_accepted_at.is_some())
    );
    desk.presses(Choice::Kind(mesabot::ticket::Kind::Incidente));
    desk.send(mesabot::protocol::Input::Ticket(TicketAnswer::Services(
        vec![mesabot::protocol::ServiceOption {
            id: 1,
            name: "Correo".into(),
        }],
    )));
    desk.presses(Choice::Service(1));
    desk.says("El correo no abre desde la mañana, marca error 503");
    desk.send(mesabot::protocol::Input::Ticket(
        TicketAnswer::ContactOnFile(None),
    ));
    assert_eq!(
        desk.step(),
        &Step::Ticket(WizardStage::Field { field: Field::Name })
    );
    // "Buenas tardes" would pass for a name; it is a greeting.
    desk.says("Buenas tardes");
    assert_eq!(
        desk.step(),
        &Step::Ticket(WizardStage::Field { field: Field::Name })
    );
    assert_eq!(
        desk.conversation
            .ticket
            .as_ref()
            .and_then(|d| d.name.clone()),
        None
    );
    desk.says("Ana Pérez López");
    assert_eq!(
        desk.step(),
        &Step::Ticket(WizardStage::Field {
            field: Field::Email
        })
    );
    // A word for cancel leaves the wizard, keeping what was given.
    let t = desk.says("cancelar");
    assert_eq!(desk.step(), &Step::Menu, "{}", all_text(&t));
    assert!(
        desk.conversation
            .ticket
            .as_ref()
            .is_some_and(|d| d.name.is_some())
    );
}

#[test]
fn while_waiting_for_an_agent_the_user_can_leave_or_choose_a_ticket() {
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    desk.says("quiero hablar con un agente");
    desk.send(mesabot::protocol::Input::Handoff(HandoffEvent::Queued {
        position: 1,
    }));
    let t = desk.says("la impresora del tercer piso no imprime");
    assert!(matches!(
        t.effects[..],
        [Effect::Handoff(HandoffEffect::Relay(_))]
    ));
    let t = desk.says("ya no, olvídelo");
    assert!(t.effects.contains(&Effect::Handoff(HandoffEffect::Leave)));
    assert!(all_text(&t).contains("¿Hay algo más"), "{}", all_text(&t));

    let mut desk = at_menu();
    desk.agents = Agents::Available;
    desk.says("quiero hablar con un agente");
    let t = desk.says("mejor quiero levantar un reporte");
    assert!(t.effects.contains(&Effect::Handoff(HandoffEffect::Leave)));
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
}

#[test]
fn office_matters_that_are_not_it_get_the_call_center_and_it_questions_with_the_same_words_do_not()
{
    for (words, locale) in [
        ("¿cómo solicito mis vacaciones?", Locale::EsMx),
        ("el estacionamiento está lleno", Locale::EsMx),
        ("se descompuso el aire acondicionado", Locale::EsMx),
        ("how do I request vacation days", Locale::En),
    ] {
        let mut desk = at_menu();
        desk.locale = locale;
        let t = desk.says(words);
        assert_eq!(
            desk.conversation.outcome,
            Some(Outcome::OutOfScope),
            "{words}: {}",
            all_text(&t)
        );
        assert!(all_text(&t).contains("800 696 9696"), "{words}");
    }
    // The same words about what the desk does are still questions for the FAQ.
    for words in [
        "¿cómo configuro la respuesta automática de vacaciones?",
        "no puedo entrar al sistema de incapacidades",
        "shared folder access",
    ] {
        let mut desk = at_menu();
        let t = desk.says(words);
        assert!(
            matches!(&t.effects[..], [Effect::FirstLevel(FaqEffect::Search(_))]),
            "{words}: {:?}",
            t.effects
        );
    }
}

#[test]
fn english_is_understood_too() {
    let mut desk = Talk::at(9, 0);
    desk.locale = Locale::En;
    desk.agents = Agents::Available;
    let t = desk.says("hello, I want to talk to a person");
    assert!(all_text(&t).starts_with("Good morning"), "{}", all_text(&t));
    assert!(matches!(
        t.effects[..],
        [Effect::Handoff(HandoffEffect::Escalate { .. })]
    ));

    let mut desk = Talk::at(9, 0);
    desk.locale = Locale::En;
    desk.says("/start");
    desk.says("where do I pay my property tax");
    assert_eq!(desk.conversation.outcome, Some(Outcome::OutOfScope));
    let t = desk.says("no thanks, bye");
    assert!(all_text(&t).contains("Goodbye"), "{}", all_text(&t));
    assert_eq!(closes(&t), Some(Outcome::OutOfScope));

    // Someone writing English to a Spanish-speaking desk is understood as well.
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    let t = desk.says("I need to talk to a human");
    assert!(matches!(
        t.effects[..],
        [Effect::Handoff(HandoffEffect::Escalate { .. })]
    ));

    // But a Spanish word is not an English one misspelled: "a otra persona"
    // (to someone else) is not "a person", and the question is searched.
    let mut desk = at_menu();
    desk.agents = Agents::Available;
    let t = desk.says("quiero pasar una llamada que me entró a otra persona");
    assert!(
        t.effects.iter().all(|e| !matches!(e, Effect::Handoff(_))),
        "{:?}",
        t.effects
    );
    assert!(
        t.effects
            .iter()
            .any(|e| matches!(e, Effect::FirstLevel(FaqEffect::Search(_)))),
        "{:?}",
        t.effects
    );
}

#[test]
fn an_answer_that_is_not_sure_is_offered_as_a_suggestion() {
    let mut desk = at_menu();
    desk.says("algo del escáner");
    let mut maybe = hit(15, "El escáner no envía los documentos a mi correo");
    maybe.sure = false;
    let t = desk.send(mesabot::protocol::Input::FirstLevel(FaqAnswer::Found(
        vec![maybe],
    )));
    assert!(all_text(&t).contains("¿Se refiere a alguna de estas?"));
    assert_eq!(choices(&t)[..2], [Choice::Faq(15), Choice::SecondLevel]);
    let t = desk.presses(Choice::Faq(15));
    assert_eq!(t.effects, vec![Effect::FirstLevel(FaqEffect::Load(15))]);
    let t = desk.send(mesabot::protocol::Input::FirstLevel(FaqAnswer::Entry(
        Some(hit(15, "El escáner no envía los documentos a mi correo")),
    )));
    assert!(all_text(&t).contains("¿Se resolvió su problema?"));
}

#[tokio::test]
async fn the_desk_answers_the_issue_table_on_a_real_database() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(16, 0)).await;
    let cases: [(&str, &str); 9] = [
        ("buenas tardes", "¿en qué puedo ayudarle?"),
        ("gracias", "Con gusto"),
        ("adiós", "Con gusto"),
        ("quiero hablar con una persona", "no hay agentes"),
        ("me comunica con un agente por favor", "no hay agentes"),
        ("necesito abrir un ticket", "Aviso de privacidad"),
        (
            "quiero saber el estatus de mi reporte",
            "número de su ticket",
        ),
        ("donde pago el predial", "800 696 9696"),
        (
            "necesito una llamada al exterior",
            "personal adscrito a la DGSEI",
        ),
    ];
    for (chat, (words, expected)) in cases.iter().enumerate() {
        let replies = desk.user(100 + chat as i64).says(words).await;
        assert!(
            joined(&replies).contains(expected),
            "«{words}»: {}",
            joined(&replies)
        );
        assert!(
            !joined(&replies).contains("No encontré una respuesta"),
            "«{words}»"
        );
    }
    // FAQ questions as people write them hit the right entry first.
    for (chat, (words, entry)) in [
        ("no me funciona la impresora", "Mi impresora no imprime"),
        (
            "mi computadora está lentísima",
            "Mi computadora está muy lenta",
        ),
        (
            "no me acuerdo de mi clave para entrar al sistema",
            "Olvidé la contraseña de un sistema institucional",
        ),
    ]
    .iter()
    .enumerate()
    {
        let replies = desk.user(200 + chat as i64).says(words).await;
        let answer = joined(&replies);
        assert!(
            answer.contains(&format!("Esto puede ayudarle:\n\n{entry}")),
            "«{words}»: {answer}"
        );
    }
}

/// The month's indicators and their text report, in Spanish.
async fn month_report(
    desk: &mesabot::desk::Desk,
    clock: &TestClock,
) -> (mesabot::report::Month, mesabot::report::Indicators, String) {
    let month = mesabot::report::Month::containing(clock.now(), chrono_tz::America::Mexico_City);
    let indicators = mesabot::report::Indicators::gather(
        desk.store().reader(),
        month,
        chrono_tz::America::Mexico_City,
    )
    .await
    .expect("indicators");
    let texts = mesabot::locale::Texts::load().expect("locales");
    let text = mesabot::report::indicators_text(&indicators, texts.lang(Locale::EsMx));
    (month, indicators, text)
}

/// The monthly workbook's knowledge sheet, cell by cell.
async fn knowledge_sheet(
    desk: &mesabot::desk::Desk,
    indicators: &mesabot::report::Indicators,
    month: mesabot::report::Month,
) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let texts = mesabot::locale::Texts::load().expect("locales");
    let rows = mesabot::report::MonthRows::load(
        desk.store().reader(),
        month,
        chrono_tz::America::Mexico_City,
    )
    .await
    .expect("rows");
    let bytes = mesabot::report::indicators_xlsx(
        indicators,
        &rows,
        chrono_tz::America::Mexico_City,
        texts.lang(Locale::EsMx),
        month,
    )
    .expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("readable");
    let sheet = book
        .worksheet_range("Base de conocimiento")
        .expect("knowledge sheet");
    sheet.rows().map(|r| r.to_vec()).collect()
}

#[tokio::test]
async fn a_rejected_answer_reaches_the_monthly_report_beside_searches_that_found_nothing() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    desk.user(1).says("mi impresora no imprime").await;
    desk.user(1).presses(Choice::Solved(false)).await;
    desk.user(2).says("xyzzy plugh").await;
    let (month, indicators, text) = month_report(&desk, &clock).await;
    assert!(
        text.contains("«mi impresora no imprime» → Mi impresora no imprime (1)"),
        "{text}"
    );
    assert!(text.contains("xyzzy plugh (1)"), "{text}");
    assert!(
        text.contains("agregue lo que escribió el usuario como ejemplo")
            && text.contains("`mesabot faq example N \"texto\"`"),
        "the report says how to teach the bot: {text}"
    );

    // The workbook has them on a sheet of their own.
    let cells = knowledge_sheet(&desk, &indicators, month).await;
    use calamine::Data;
    assert_eq!(cells[1][0], Data::String("xyzzy plugh".into()));
    assert_eq!(cells[1][2], Data::Float(1.0));
    let rejected = cells
        .iter()
        .find(|row| row[0] == Data::String("mi impresora no imprime".into()))
        .expect("the rejected answer's row");
    assert_eq!(rejected[1], Data::String("Mi impresora no imprime".into()));
    assert_eq!(rejected[2], Data::Float(1.0));
    assert!(
        cells.iter().any(|row| matches!(&row[0], Data::String(s)
            if s.contains("mesabot faq example N"))),
        "the sheet says how to teach the bot"
    );
}

#[tokio::test]
async fn an_answer_the_bot_only_suggested_solves_it_the_desk_teaches_it_and_the_next_user_gets_it_at_once()
 {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let written = "como dejo un letrero de que ando de vacaciones";
    let with_address =
        "soy ana.perez@gob.mx y quiero que diga que ando de vacaciones cuando me escriban";
    // As searched: words only, the address's "@" and dots gone.
    let address_searched =
        "soy ana perez gob mx y quiero que diga que ando de vacaciones cuando me escriban";
    let entry = "¿Cómo configuro la respuesta automática de vacaciones?";
    let out = mesabot(&db, &["faq", "learn"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("No hay nada nuevo que aprender"),
        "{out:?}"
    );

    // The bot is not sure: it suggests; each user taps the right entry and
    // says it solved the problem.
    for (chat, words) in [(1, written), (4, with_address)] {
        let replies = desk.user(chat).says(words).await;
        assert!(
            joined(&replies).contains("¿Se refiere a alguna de estas?"),
            "{}",
            joined(&replies)
        );
        let suggested = replies
            .iter()
            .flat_map(|r| r.buttons.iter().flatten())
            .find(|b| b.label.contains("respuesta automática"))
            .map(|b| b.choice)
            .expect("the entry is suggested");
        let answer = desk.user(chat).presses(suggested).await;
        assert!(joined(&answer).contains(entry), "{}", joined(&answer));
        desk.user(chat).presses(Choice::Solved(true)).await;
        desk.user(chat).says("no, gracias").await;
    }
    // An answer the bot gave at once teaches nothing.
    desk.user(2).says("mi impresora no imprime").await;
    desk.user(2).presses(Choice::Solved(true)).await;
    desk.user(2).says("no, gracias").await;

    // What the bot answered at once is not even read back.
    let mut conn = desk.store().reader().acquire().await.expect("a connection");
    let read: Vec<String> = mesabot::store::faq::solved_searches(&mut conn, 0, i64::MAX)
        .await
        .expect("solved searches")
        .into_iter()
        .map(|s| s.query)
        .collect();
    drop(conn);
    assert_eq!(read.len(), 2, "{read:?}");
    assert!(!read.iter().any(|q| q.contains("impresora")), "{read:?}");

    let out = mesabot(&db, &["faq", "learn"]);
    assert!(out.status.success(), "{out:?}");
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = listed
        .lines()
        .find(|l| l.contains(written))
        .unwrap_or_else(|| panic!("the phrasing is listed: {listed}"));
    assert!(line.ends_with(&format!("» → {entry} (1)")), "{line}");
    let number = line.split_whitespace().next().expect("a number");
    let list = String::from_utf8_lossy(&mesabot(&db, &["faq", "list"]).stdout).into_owned();
    assert!(
        list.lines()
            .any(|l| l.starts_with(&format!("{number:>4}  ")) && l.ends_with(entry)),
        "the number is the entry's in faq list: {line} / {list}"
    );
    assert!(!listed.contains("impresora"), "{listed}");
    let lines: Vec<&str> = listed.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(address_searched))
        .unwrap_or_else(|| panic!("listed too: {listed}"));
    assert!(
        lines[at + 1].contains("puede llevar datos de una persona"),
        "an address is marked: {listed}"
    );
    assert!(listed.contains("mesabot faq learn --add"), "{listed}");

    // The monthly report names it too.
    let (month, indicators, text) = month_report(&desk, &clock).await;
    assert!(
        text.contains(&format!(
            "solo sugirió («lo que escribió» → pregunta que lo resolvió): «{written}» → {entry} (1)"
        )),
        "{text}"
    );
    use calamine::Data;
    let cells = knowledge_sheet(&desk, &indicators, month).await;
    let row = cells
        .iter()
        .find(|row| row[0] == Data::String(written.into()))
        .expect("the workbook's row");
    assert_eq!(row[1], Data::String(entry.into()));
    assert_eq!(row[2], Data::Float(1.0));

    // Taught: the list empties, and the next user gets the answer at once.
    let out = mesabot(&db, &["faq", "learn", "--add"]);
    assert!(out.status.success(), "{out:?}");
    let added = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(added.contains("Se agregó 1 ejemplo"), "{added}");
    assert!(
        added.contains("1 se dejó fuera porque puede llevar datos de una persona"),
        "the address is not made an example: {added}"
    );
    let listed = String::from_utf8_lossy(&mesabot(&db, &["faq", "learn"]).stdout).into_owned();
    assert!(
        !listed.contains(written) && listed.contains(address_searched),
        "what was taught leaves the list; the address stays for the desk: {listed}"
    );
    let replies = desk.user(3).says(written).await;
    assert!(
        joined(&replies).contains(&format!("Esto puede ayudarle:\n\n{entry}")),
        "{}",
        joined(&replies)
    );
}

#[tokio::test]
async fn the_desk_edits_its_phrases_and_a_running_bot_uses_them_at_once() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let file = db.dir.path().join("frases.toml");
    let path = file.to_str().expect("utf-8 path");

    let exported = mesabot(&db, &["phrases", "export", "es-MX", path]);
    assert!(exported.status.success(), "{exported:?}");
    let shipped = std::fs::read_to_string(&file).expect("exported");
    assert_eq!(
        shipped,
        mesabot::understand::Phrasebook::default_text(Locale::EsMx)
    );

    // Before: an unknown way of asking for a person is an FAQ question.
    let replies = desk
        .user(1)
        .says("quiero un licenciado que me oriente")
        .await;
    assert!(
        !joined(&replies).contains("no hay agentes"),
        "{}",
        joined(&replies)
    );

    // A bad file is refused naming the line, and changes nothing.
    let bad = shipped.replacen(
        "[intent.agent]\nphrases = [\n",
        "[intent.agent]\nphrases = [\n    \"el\",\n",
        1,
    );
    assert_ne!(bad, shipped, "the test edits the agent phrases");
    std::fs::write(&file, &bad).expect("write");
    let refused = mesabot(&db, &["phrases", "import", "es-MX", path]);
    assert!(!refused.status.success());
    let error = String::from_utf8_lossy(&refused.stderr);
    let line = bad
        .lines()
        .position(|l| l.trim() == "\"el\",")
        .expect("the bad line")
        + 1;
    assert!(error.contains(&format!("line {line}")), "{error}");
    assert!(error.contains("«el»"), "{error}");

    // A good one is taken at once by the running desk.
    let good = shipped.replacen(
        "[intent.agent]\nphrases = [\n",
        "[intent.agent]\nphrases = [\n    \"licenciado que me oriente\",\n",
        1,
    );
    std::fs::write(&file, &good).expect("write");
    let imported = mesabot(&db, &["phrases", "import", "es-MX", path]);
    assert!(imported.status.success(), "{imported:?}");
    let replies = desk
        .user(2)
        .says("quiero un licenciado que me oriente")
        .await;
    assert!(
        joined(&replies).contains("no hay agentes"),
        "{}",
        joined(&replies)
    );

    // Export gives back exactly what was imported; reset returns to the shipped file.
    let again = db.dir.path().join("otra-vez.toml");
    let out = mesabot(
        &db,
        &["phrases", "export", "es-MX", again.to_str().expect("path")],
    );
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&again).expect("read"), good);
    assert!(
        mesabot(&db, &["phrases", "reset", "es-MX"])
            .status
            .success()
    );
    let replies = desk
        .user(3)
        .says("quiero un licenciado que me oriente")
        .await;
    assert!(!joined(&replies).contains("no hay agentes"));
}

#[tokio::test]
async fn mesabot_understand_explains_a_decision() {
    let db = TestDb::new();
    db.store().await.close().await;
    let out = mesabot(
        &db,
        &[
            "understand",
            "no quiero hablar con nadie, ¿cómo configuro la vpn?",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Intención: question"), "{shown}");
    assert!(shown.contains("«hablar con» ← «hablar con»"), "{shown}");
    assert!(shown.contains("(descartada: negación)"), "{shown}");
    assert!(
        shown.contains("¿Cómo me conecto a la VPN institucional?"),
        "{shown}"
    );
    assert!(shown.contains("se da como respuesta"), "{shown}");
    assert!(
        shown.contains("ejemplo de la mesa más parecido: «no me conecta la vpn»"),
        "the desk's example nearest to the message: {shown}"
    );

    let out = mesabot(&db, &["understand", "comuníqueme con el área de redes"]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Intención: transfer «redes»"), "{shown}");
}

/// Runs an evaluation folder on the sample knowledge base of a fresh database.
async fn evaluate(folder: &str) -> evaluate::Report {
    let db = TestDb::new();
    let store = db.store().await;
    let mut conn = store.reader().acquire().await.expect("connection");
    let knowledge = mesabot::desk::Knowledge::load(&mut conn)
        .await
        .expect("knowledge");
    let set = EvalSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).expect("set");
    evaluate::run(&set, &knowledge.understanding, &knowledge.faq, Locale::EsMx)
}

#[tokio::test]
async fn the_evaluation_set_meets_the_targets() {
    let report = evaluate("tests/eval").await;
    assert!(report.faq_cases >= 150 && report.intent_cases >= 60 && report.off_topic_cases >= 40);
    assert!(report.top1_percent() >= 95.0, "{report}");
    assert!(report.top3_percent() >= 99.0, "{report}");
    assert!(report.intent_percent() >= 95.0, "{report}");
    assert_eq!(report.small_talk_right, report.small_talk_cases, "{report}");
    assert!(report.off_topic_percent() <= 5.0, "{report}");
}

/// The held-out sets' figures, and how each was reached, are in README.
/// These floors keep them from getting worse unnoticed. The questions of
/// `unseen` … `unseen10` are examples of the sample FAQ (migration 0023):
/// their floors guard that the search still finds what it was taught.
#[tokio::test]
async fn the_held_out_sets_do_not_get_worse() {
    // (set, top-1, top-3, intents at least; off-topic answered at most)
    for (folder, top1, top3, intents, off_topic) in [
        ("tests/eval/unseen", 100.0, 100.0, 100.0, 0.0),
        ("tests/eval/unseen2", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen3", 100.0, 100.0, 100.0, 0.0),
        ("tests/eval/unseen4", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen5", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen6", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen7", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen8", 98.0, 98.0, 96.0, 10.0),
        ("tests/eval/unseen9", 100.0, 100.0, 100.0, 0.0),
        ("tests/eval/unseen10", 100.0, 100.0, 100.0, 0.0),
        ("tests/eval/unseen11", 96.0, 98.0, 100.0, 0.0),
        ("tests/eval/unseen12", 96.0, 98.0, 100.0, 0.0),
        ("tests/eval/unseen13", 96.0, 100.0, 96.0, 0.0),
        ("tests/eval/unseen14", 94.0, 98.0, 96.0, 0.0),
        ("tests/eval/unseen15", 100.0, 100.0, 100.0, 5.0),
        ("tests/eval/unseen16", 98.0, 98.0, 100.0, 5.0),
        ("tests/eval/unseen17", 100.0, 100.0, 96.0, 5.0),
        ("tests/eval/unseen18", 96.0, 100.0, 100.0, 5.0),
    ] {
        let report = evaluate(folder).await;
        assert!(report.top1_percent() >= top1, "{folder}: {report}");
        assert!(report.top3_percent() >= top3, "{folder}: {report}");
        assert!(report.intent_percent() >= intents, "{folder}: {report}");
        assert_eq!(
            report.small_talk_right, report.small_talk_cases,
            "{folder}: {report}"
        );
        assert!(
            report.off_topic_percent() <= off_topic,
            "{folder}: {report}"
        );
    }
}

/// The sets written after the sample FAQ's examples (none of their messages
/// is an example), measured together: the targets on messages the search
/// never saw.
#[tokio::test]
async fn the_sets_the_sample_data_never_saw_meet_the_targets_together() {
    let (mut faq, mut top1, mut top3) = (0, 0, 0);
    let (mut intents, mut intents_right, mut off_topic, mut off_topic_answered) = (0, 0, 0, 0);
    for n in 11..=18 {
        let folder = format!("tests/eval/unseen{n}");
        let report = evaluate(&folder).await;
        faq += report.faq_cases;
        top1 += report.top1;
        top3 += report.top3;
        intents += report.intent_cases;
        intents_right += report.intents_right;
        off_topic += report.off_topic_cases;
        off_topic_answered += report.off_topic_answered;
    }
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole as f64;
    let figures = format!(
        "top-1 {top1}/{faq}, top-3 {top3}/{faq}, intents {intents_right}/{intents}, \
         off-topic answered {off_topic_answered}/{off_topic}"
    );
    assert!(percent(top1, faq) >= 95.0, "{figures}");
    assert!(percent(top3, faq) >= 99.0, "{figures}");
    assert!(percent(intents_right, intents) >= 95.0, "{figures}");
    assert!(percent(off_topic_answered, off_topic) <= 5.0, "{figures}");
}
