//! The help-desk protocol as scenarios, without Telegram or a database: the
//! runtime's part (FAQ lookups) is played by the test.

use crate::support::talk::{Talk, all_text, choices, hit, printer_hits};
use mesabot::locale::Locale;
use mesabot::protocol::satisfaction::Rating;
use mesabot::protocol::{
    self, Button, Choice, Command, Conversation, Effect, FaqAnswer, FaqEffect, Input, MenuOption,
    Outcome, Reply, Step, UserInput,
};
use mesabot::protocol::{FirstLevelStage, WizardStage};

const MENU: [Choice; 4] = [
    Choice::Menu(MenuOption::Support),
    Choice::Menu(MenuOption::TicketStatus),
    Choice::Menu(MenuOption::Contact),
    Choice::Menu(MenuOption::OtherMatter),
];

#[test]
fn the_greeting_follows_the_local_time_of_day() {
    for (hour, greeting) in [
        (8, "Buenos días"),
        (13, "Buenas tardes"),
        (21, "Buenas noches"),
    ] {
        let mut desk = Talk::at(hour, 0);
        let t = desk.command(Command::Start);
        assert_eq!(
            t.replies[0].text.lines().next(),
            Some(
                format!("{greeting}, le atiende Mesa de Ayuda DGSEI, ¿en qué puedo ayudarle?")
                    .as_str()
            ),
        );
        assert_eq!(choices(&t), MENU);
        assert_eq!(desk.step(), &Step::Menu);
    }
}

#[test]
fn the_bot_introduces_itself_with_the_configured_name_and_speaks_english_when_asked() {
    let mut desk = Talk::at(13, 0);
    desk.bot_name = Some("Ana López");
    let t = desk.says("hola");
    assert!(all_text(&t).starts_with("Buenas tardes, le atiende Ana López"));

    let mut desk = Talk::at(8, 30);
    desk.locale = Locale::En;
    let t = desk.command(Command::Start);
    assert!(all_text(&t).starts_with("Good morning, this is DGSEI Help Desk, how may I help you?"));
}

#[test]
fn a_user_is_helped_by_the_faq_and_gets_the_protocol_farewell() {
    let mut desk = Talk::at(8, 0);
    desk.command(Command::Start);
    let t = desk.presses(Choice::Menu(MenuOption::Support));
    assert!(all_text(&t).contains("Cuénteme con sus propias palabras"));
    assert_eq!(desk.step(), &Step::FirstLevel(FirstLevelStage::Describing));

    let t = desk.asks("no puedo imprimir", printer_hits());
    assert!(t.replies[0].text.contains("Mi impresora no imprime"));
    assert!(
        t.replies[0]
            .text
            .contains("Respuesta de Mi impresora no imprime")
    );
    // One message: the answer, the question, "Sí / No", then the other answers.
    assert_eq!(t.replies.len(), 1);
    assert!(t.replies[0].text.contains("\n\n¿Se resolvió su problema?"));
    assert_eq!(
        choices(&t),
        vec![
            Choice::Solved(true),
            Choice::Solved(false),
            Choice::Faq(14),
            Choice::Faq(15)
        ]
    );

    let t = desk.presses(Choice::Solved(true));
    assert!(all_text(&t).contains("¿Hay algo más en que pueda ayudarle?"));
    assert_eq!(desk.conversation.outcome, Some(Outcome::FirstLevel));
    assert!(
        t.effects.is_empty(),
        "the outcome is only recorded when the conversation ends"
    );

    let t = desk.presses(Choice::MoreHelp(false));
    assert_eq!(
        all_text(&t),
        "Le recuerdo mi nombre, Mesa de Ayuda DGSEI. Hasta luego, que tenga buen día."
    );
    assert_eq!(
        t.effects,
        vec![Effect::Close {
            outcome: Outcome::FirstLevel,
            solved_by_faq: Some(13),
            rating: Rating::Sample,
        }]
    );
    assert_eq!(desk.step(), &Step::Closed);
}

#[test]
fn the_farewell_wishes_a_good_afternoon_or_night_by_the_clock() {
    for (hour, wish) in [(13, "buena tarde"), (21, "buena noche")] {
        let mut desk = Talk::at(hour, 0);
        desk.asks("no imprime", printer_hits());
        desk.says("sí, gracias");
        let t = desk.says("no");
        assert!(
            all_text(&t).ends_with(&format!("que tenga {wish}.")),
            "{}",
            all_text(&t)
        );
    }
}

#[test]
fn a_first_message_with_a_question_is_greeted_and_answered_at_once() {
    let mut desk = Talk::at(10, 0);
    let t = desk.says("olvidé la contraseña de mi correo");
    assert!(t.replies[0].text.starts_with("Buenos días"));
    assert_eq!(
        t.effects,
        vec![Effect::FirstLevel(FaqEffect::Search(
            "olvidé la contraseña de mi correo".into()
        ))]
    );
    let t = desk.send(Input::FirstLevel(FaqAnswer::Found(vec![hit(
        1,
        "¿Cómo restablezco la contraseña de mi correo institucional?",
    )])));
    assert!(t.replies[0].text.contains("restablezco la contraseña"));
    assert_eq!(
        desk.conversation.problem.as_deref(),
        Some("olvidé la contraseña de mi correo")
    );
}

#[test]
fn a_plain_hello_is_only_greeted() {
    let mut desk = Talk::at(10, 0);
    desk.says("hola");
    let t = desk.send(Input::FirstLevel(FaqAnswer::Found(vec![])));
    assert!(
        t.replies.is_empty(),
        "nothing more to say after the greeting and menu"
    );
    assert_eq!(desk.step(), &Step::Menu);
}

#[test]
fn the_user_can_open_the_other_answers_offered() {
    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    let t = desk.presses(Choice::Faq(14));
    assert_eq!(t.effects, vec![Effect::FirstLevel(FaqEffect::Load(14))]);
    let t = desk.send(Input::FirstLevel(FaqAnswer::Entry(Some(hit(
        14,
        "¿Cómo agrego una impresora de red?",
    )))));
    assert!(t.replies[0].text.contains("agrego una impresora"));
    // The first answer stays reachable; the one now shown is no longer offered.
    assert_eq!(
        choices(&t),
        vec![
            Choice::Solved(true),
            Choice::Solved(false),
            Choice::Faq(15),
            Choice::Faq(13)
        ]
    );
    desk.presses(Choice::Solved(true));
    assert_eq!(desk.conversation.solved_by_faq, Some(14));
}

#[test]
fn an_answer_removed_meanwhile_is_explained() {
    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    desk.presses(Choice::Faq(15));
    let t = desk.send(Input::FirstLevel(FaqAnswer::Entry(None)));
    assert!(all_text(&t).contains("ya no está disponible"));
    assert!(matches!(
        desk.step(),
        Step::FirstLevel(FirstLevelStage::Offered { .. })
    ));
}

#[test]
fn no_match_offers_other_words_or_second_level() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    let t = desk.asks("mi silla está rota", vec![]);
    assert!(all_text(&t).contains("No encontré una respuesta"));
    assert_eq!(choices(&t), vec![Choice::SecondLevel]);
    assert_eq!(desk.step(), &Step::FirstLevel(FirstLevelStage::Describing));
}

#[test]
fn not_solved_leads_to_second_level_with_the_privacy_notice_first() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.asks("la impresora del piso 3 no imprime", printer_hits());
    let t = desk.presses(Choice::Solved(false));
    let text = all_text(&t);
    assert!(text.contains("segundo nivel"), "{text}");
    assert!(text.contains("Aviso de privacidad"), "{text}");
    assert!(
        text.contains("https://dgsei.example.gob.mx/privacidad"),
        "{text}"
    );
    assert_eq!(choices(&t), [Choice::Privacy(true), Choice::Privacy(false)]);
    assert_eq!(desk.step(), &Step::Ticket(WizardStage::Privacy));
    let draft = desk.conversation.ticket.clone().expect("a draft");
    assert_eq!(
        draft.detail.as_deref(),
        Some("la impresora del piso 3 no imprime")
    );
    assert_eq!(desk.conversation.outcome, None);
}

#[test]
fn another_matter_gets_the_call_center_number_and_counts_as_out_of_scope() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    let t = desk.presses(Choice::Menu(MenuOption::OtherMatter));
    assert!(all_text(&t).contains("800 696 9696"));
    assert_eq!(desk.conversation.outcome, Some(Outcome::OutOfScope));

    // "Sí" to "¿Hay algo más…?" is a new conversation for the indicators.
    let t = desk.presses(Choice::MoreHelp(true));
    assert_eq!(
        t.effects,
        vec![
            Effect::Close {
                outcome: Outcome::OutOfScope,
                solved_by_faq: None,
                rating: Rating::Skip,
            },
            Effect::StartOver
        ]
    );
    assert_eq!(
        desk.conversation,
        Conversation {
            step: Step::Menu,
            ..Conversation::default()
        }
    );
    assert_eq!(choices(&t), MENU);
}

#[test]
fn a_new_question_instead_of_an_answer_to_anything_else_starts_a_new_conversation() {
    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    desk.presses(Choice::Solved(true));
    let t = desk.says("y tampoco tengo internet");
    assert_eq!(
        t.effects,
        vec![
            Effect::Close {
                outcome: Outcome::FirstLevel,
                solved_by_faq: Some(13),
                rating: Rating::Sample,
            },
            Effect::StartOver,
            Effect::FirstLevel(FaqEffect::Search("y tampoco tengo internet".into()))
        ]
    );
    assert_eq!(desk.conversation.outcome, None);
}

#[test]
fn cancelar_returns_to_the_menu_from_every_step() {
    type Reach = fn(&mut Talk);
    let steps: [(&str, Reach); 5] = [
        ("menu", |d| {
            d.command(Command::Start);
        }),
        ("describe problem", |d| {
            d.command(Command::Start);
            d.presses(Choice::Menu(MenuOption::Support));
        }),
        ("faq offered", |d| {
            d.asks("impresora", printer_hits());
        }),
        ("anything else, unresolved", |d| {
            d.asks("impresora", printer_hits());
            d.presses(Choice::Solved(false));
        }),
        ("anything else, resolved", |d| {
            d.asks("impresora", printer_hits());
            d.presses(Choice::Solved(true));
        }),
    ];
    for (name, reach) in steps {
        let mut desk = Talk::at(10, 0);
        reach(&mut desk);
        let problem = desk.conversation.problem.clone();
        let resolved = desk.conversation.outcome.is_some();
        let t = desk.command(Command::Cancel);
        assert_eq!(desk.step(), &Step::Menu, "{name}");
        assert_eq!(choices(&t), MENU, "{name}");
        if resolved {
            assert!(t.effects.contains(&Effect::StartOver), "{name}");
        } else {
            assert!(t.effects.is_empty(), "{name}");
            assert_eq!(
                desk.conversation.problem, problem,
                "{name}: what was said is kept"
            );
        }
    }
}

#[test]
fn help_explains_and_asks_the_pending_question_again() {
    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    let t = desk.command(Command::Help);
    assert!(t.replies[0].text.contains("/cancelar"));
    assert!(t.replies[1].text.starts_with("¿Se resolvió su problema?"));
    assert_eq!(
        choices(&t)[..2],
        [Choice::Solved(true), Choice::Solved(false)]
    );
    assert!(matches!(
        desk.step(),
        Step::FirstLevel(FirstLevelStage::Offered { .. })
    ));
}

#[test]
fn a_stale_button_is_refused_and_the_current_question_repeated() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.presses(Choice::Menu(MenuOption::Support));
    let t = desk.presses(Choice::Solved(true));
    assert!(t.replies[0].text.contains("ya no está disponible"));
    assert!(t.replies[1].text.contains("Cuénteme"));
    assert_eq!(desk.step(), &Step::FirstLevel(FirstLevelStage::Describing));
    assert_eq!(desk.conversation.outcome, None);
}

#[test]
fn typed_answers_work_like_buttons() {
    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    desk.says("¡Sí, gracias!");
    assert_eq!(desk.conversation.outcome, Some(Outcome::FirstLevel));
    let t = desk.says("No");
    assert!(all_text(&t).starts_with("Le recuerdo mi nombre"));
}

#[test]
fn inactivity_closes_as_abandoned_unless_the_request_was_dealt_with() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    desk.presses(Choice::Menu(MenuOption::Support));
    let t = desk.send(Input::Inactive);
    assert!(all_text(&t).contains("30 minutos"));
    assert_eq!(
        t.effects,
        vec![Effect::Close {
            outcome: Outcome::Abandoned,
            solved_by_faq: None,
            rating: Rating::Skip,
        }]
    );

    let mut desk = Talk::at(10, 0);
    desk.asks("impresora", printer_hits());
    desk.presses(Choice::Solved(true));
    let t = desk.send(Input::Inactive);
    assert!(all_text(&t).starts_with("Le recuerdo mi nombre"));
    assert_eq!(
        t.effects,
        vec![Effect::Close {
            outcome: Outcome::FirstLevel,
            solved_by_faq: Some(13),
            rating: Rating::Sample,
        }]
    );
}

#[test]
fn unsupported_messages_are_explained() {
    let mut desk = Talk::at(10, 0);
    desk.command(Command::Start);
    let t = desk.send(Input::User(UserInput::Unsupported));
    assert!(
        t.replies[0]
            .text
            .contains("solo puedo leer mensajes de texto")
    );
    assert_eq!(choices(&t), MENU);
}

#[test]
fn every_step_survives_being_stored_and_read_back() {
    let mut desk = Talk::at(10, 0);
    let mut seen = Vec::new();
    desk.command(Command::Start);
    seen.push(desk.conversation.clone());
    desk.asks("impresora", printer_hits());
    seen.push(desk.conversation.clone());
    desk.presses(Choice::Solved(true));
    seen.push(desk.conversation.clone());
    for conversation in seen {
        let json = serde_json::to_string(&conversation).expect("serialises");
        let back: Conversation = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, conversation);
    }
}

#[test]
fn replies_without_buttons_are_joined_to_the_next_for_rate_limited_channels() {
    let text = |t: &str| Reply::text(t.to_owned());
    let asking = Reply {
        text: "¿Hay algo más?".into(),
        buttons: vec![vec![Button {
            label: "Sí".into(),
            choice: Choice::MoreHelp(true),
        }]],
    };
    let joined = protocol::coalesce(&[text("¡Bien!"), asking.clone(), text("Fin")], 4096);
    assert_eq!(joined.len(), 2);
    assert_eq!(joined[0].text, "¡Bien!\n\n¿Hay algo más?");
    assert_eq!(joined[0].buttons, asking.buttons);
    assert_eq!(joined[1].text, "Fin");
    // Never beyond the channel's length limit.
    assert_eq!(
        protocol::coalesce(&[text("aaaa"), text("bbbb")], 9).len(),
        2
    );
}

/// Conversations saved by the release before the flows were nested (their
/// step one flat enum) load after the upgrade at the same question, and
/// save again in the new shape.
#[test]
fn states_saved_by_the_previous_release_resume_where_they_were() {
    let saved = include_str!("fixtures/states-saved-2026-11-30.jsonl");
    let mut steps = Vec::new();
    for line in saved.lines().filter(|l| !l.trim().is_empty()) {
        let conversation: Conversation =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let again = serde_json::to_string(&conversation).expect("saved");
        assert!(
            again.contains("\"flow\""),
            "saved in the new shape: {again}"
        );
        let reloaded: Conversation = serde_json::from_str(&again).expect("reloaded");
        assert_eq!(reloaded, conversation);
        steps.push(conversation.step);
    }
    assert_eq!(
        steps.len(),
        37,
        "every step the previous release could save"
    );
    assert!(steps.contains(&Step::Ticket(WizardStage::Field {
        field: mesabot::protocol::Field::Email
    })));
    assert!(steps.contains(&Step::FirstLevel(FirstLevelStage::Offered {
        shown: mesabot::protocol::FaqTitle {
            id: 13,
            question: "Mi impresora no imprime".into()
        },
        alternatives: vec![mesabot::protocol::FaqTitle {
            id: 14,
            question: "¿Cómo agrego una impresora de red?".into()
        }],
    })));
    assert!(steps.contains(&Step::ContactKind));
    assert!(
        steps
            .iter()
            .any(|s| matches!(s, Step::Ticket(WizardStage::ContactOnFile { .. })))
    );
    // And the conversation goes on from there: the e-mail question takes an e-mail.
    let line = saved
        .lines()
        .find(|l| l.contains("\"ticket_field\",\"field\":\"name\""))
        .expect("a wizard state");
    let mut desk = Talk::at(10, 0);
    desk.conversation = serde_json::from_str(line).expect("loads");
    desk.says("Ana Pérez López");
    assert_eq!(
        desk.step(),
        &Step::Ticket(WizardStage::Field {
            field: mesabot::protocol::Field::Email
        })
    );
}

/// Conversations saved by this release (nested steps) load unchanged: a
/// renamed stage or field would strand everyone who was in the middle of it.
/// The fixture holds each of the previous release's states as saved today.
#[test]
fn states_saved_in_the_nested_shape_load_unchanged() {
    let nested = include_str!("fixtures/states-nested-2026-11-30.jsonl");
    let flat = include_str!("fixtures/states-saved-2026-11-30.jsonl");
    let lines: Vec<&str> = nested.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 37, "one per state of the flat fixture");
    for (line, old) in lines.iter().zip(flat.lines()) {
        let conversation: Conversation =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let from_flat: Conversation = serde_json::from_str(old).expect("flat state");
        assert_eq!(conversation, from_flat, "{line}");
        assert_eq!(
            serde_json::to_string(&conversation).expect("saved"),
            *line,
            "saved the same way"
        );
    }
}
