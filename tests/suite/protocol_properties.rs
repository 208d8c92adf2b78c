//! Property tests of the conversation state machine: any sequence of inputs
//! (any text up to Telegram's 4096 characters, emoji, control characters,
//! right-to-left text, SQL and markup fragments, button data that does not
//! belong to the current step, stale buttons from old messages) never panics,
//! always answers, and keeps the machine's invariants.

use std::sync::Arc;

use crate::support::talk;
use chrono::Duration;
use mesabot::desk::Desk;
use mesabot::protocol::{
    Agents, CallEffect, Choice, CodeCheck, DirectoryOption, Effect, FaqEffect, FaqHit,
    HandoffEffect, Input, ServiceOption, StaffCode, StatusAnswer, StatusLookup, TicketEffect,
    TransferEffect, TransferResult, Transition, UserInput,
};
use mesabot::protocol::{CallAnswer, FaqAnswer, HandoffEvent, TicketAnswer, TransferAnswer};
use mesabot::ticket::TicketNumber;
use proptest::prelude::*;

/// Effects answered in one update, at most (as the desk allows).
const MAX_ROUNDS: usize = 8;

#[derive(Clone, Debug)]
enum Act {
    Write(String),
    /// Callback data as a client might send it: ours, stale, or forged.
    Press(String),
    /// A button offered earlier in this conversation, by its index.
    PressOffered(usize),
    SendFile,
    SendUnsupported,
    /// Something the runtime reports: an agent, the clock.
    Runtime(u8),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop_oneof![
            Just("sí"), Just("no"), Just("/start"), Just("/cancelar"), Just("/atras"),
            Just("/ayuda"), Just("/estado 1"), Just("/estado MESA-99"), Just("olvidé mi contraseña"),
            Just("mi impresora no imprime"), Just("quiero hablar con un agente"),
            Just("Ana Pérez López"), Just("ana.perez@edomex.gob.mx"), Just("722 123 4567"),
            Just("No hay internet en todo el piso 3 desde las 9:00"), Just("123456"),
            Just("Licenciada Rosa Elena Martínez"), Just("Secretaría de Finanzas"),
        ].prop_map(String::from),
        // What the understanding reads: small talk, requests, negations, mixes.
        3 => prop_oneof![
            Just("hola"), Just("buenas tardes"), Just("gracias"), Just("no, gracias"),
            Just("adiós"), Just("eso es todo"), Just("simón"), Just("nel"), Just("👍"),
            Just("cancelar"), Just("ya no"), Just("menú"), Just("ayuda"),
            Just("comuníqueme con Patricia Núñez"), Just("con redes"),
            Just("necesito una llamada al exterior"), Just("quiero levantar un reporte"),
            Just("¿cómo va mi reporte?"), Just("donde pago el predial"),
            Just("no quiero hablar con nadie, solo dígame cómo configurar la VPN"),
            Just("gracias, pero sigue sin imprimir"),
            Just("quiero levantar un reporte o hablar con alguien"),
            Just("I want to talk to a person"), Just("thank you, bye"),
        ].prop_map(String::from),
        3 => "\\PC{0,60}",
        1 => any::<String>(),
        1 => "[\\u{0600}-\\u{06FF} ]{1,40}",
        1 => "[\\u{1F300}-\\u{1FAFF}\\u{200B}-\\u{200F}\\u{202A}-\\u{202E}]{1,20}",
        1 => "[\\x00-\\x1f\\x7f]{1,10}",
        1 => (any::<char>(), 3500usize..=4096)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        1 => Just("'; DROP TABLE conversations; --".to_owned()),
        1 => Just("<b>x</b> *y* _z_ [a](tg://user?id=1)".to_owned()),
    ]
}

/// Button data the bot really sends (checked below), pressed at any step.
const OUR_DATA: [&str; 36] = [
    "menu:support",
    "menu:status",
    "menu:contact",
    "menu:agent",
    "menu:other",
    "solved:yes",
    "solved:no",
    "more:yes",
    "more:no",
    "ticket:new",
    "privacy:yes",
    "privacy:no",
    "kind:incidente",
    "kind:requerimiento",
    "detail:done",
    "contact:yes",
    "contact:no",
    "impact:menor",
    "impact:extenso",
    "urgency:baja",
    "urgency:critica",
    "keep:",
    "back:",
    "ticket:cancel",
    "ticket:create",
    "edit:email",
    "edit:phone",
    "agent:ask",
    "reach:inside",
    "reach:outside",
    "call:other",
    "call:later",
    "call:none",
    "faq:1",
    "svc:2",
    "dir:1",
];

fn data() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(OUR_DATA.to_vec()).prop_map(String::from),
        1 => (0i64..5).prop_map(|n| format!("faq:{n}")),
        1 => (0i64..5).prop_map(|n| format!("svc:{n}")),
        1 => (0i64..5).prop_map(|n| format!("dir:{n}")),
        1 => (0i64..5).prop_map(|n| format!("take:{n}")),
        1 => (0u16..200).prop_map(|n| format!("retry:{n}")),
        1 => "\\PC{0,70}",
    ]
}

#[test]
fn the_button_data_pressed_here_is_the_bots_own() {
    for data in OUR_DATA {
        assert!(
            Choice::parse(data).is_some(),
            "«{data}» is not data the bot sends"
        );
    }
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        6 => text().prop_map(Act::Write),
        3 => data().prop_map(Act::Press),
        3 => (0usize..64).prop_map(Act::PressOffered),
        1 => Just(Act::SendFile),
        1 => Just(Act::SendUnsupported),
        1 => (0u8..9).prop_map(Act::Runtime),
    ]
}

/// Plays the runtime: answers every effect with something plausible.
fn answer(effect: &Effect, seed: usize) -> Option<Input> {
    let hit = |id: i64| FaqHit {
        id,
        question: format!("Pregunta {id}"),
        answer: format!("Respuesta {id}"),
        sure: id % 2 == 1 || !seed.is_multiple_of(5),
    };
    Some(match effect {
        Effect::FirstLevel(FaqEffect::Search(_)) => {
            Input::FirstLevel(FaqAnswer::Found(match seed % 4 {
                0 => Vec::new(),
                1 => vec![hit(1)],
                2 => vec![hit(2), hit(4)],
                _ => vec![hit(1), hit(2), hit(3)],
            }))
        }
        Effect::FirstLevel(FaqEffect::Load(id)) => Input::FirstLevel(FaqAnswer::Entry(
            (!seed.is_multiple_of(4)).then(|| hit(*id)),
        )),
        Effect::Ticket(TicketEffect::LoadServices) => Input::Ticket(TicketAnswer::Services(vec![
            ServiceOption {
                id: 1,
                name: "Correo".into(),
            },
            ServiceOption {
                id: 2,
                name: "Red".into(),
            },
        ])),
        Effect::Ticket(TicketEffect::LoadContact) => {
            Input::Ticket(TicketAnswer::ContactOnFile(None))
        }
        Effect::Ticket(TicketEffect::Create(_)) => {
            Input::Ticket(TicketAnswer::Created(TicketNumber::new(7)?))
        }
        Effect::Status(StatusLookup { number, .. }) => Input::TicketStatus {
            number: *number,
            answer: match seed % 3 {
                0 => StatusAnswer::NoMatch,
                1 => StatusAnswer::ProveOwnership,
                _ => StatusAnswer::TooManyAttempts,
            },
        },
        Effect::Handoff(HandoffEffect::Escalate { .. }) => Input::Handoff(HandoffEvent::Queued {
            position: 1 + (seed % 3) as u32,
        }),
        Effect::Call(CallEffect::CheckStaff) => Input::Call(CallAnswer::StaffStatus(
            (seed.is_multiple_of(2)).then(|| "Rosa".to_owned()),
        )),
        Effect::Call(CallEffect::SendStaffCode { .. }) => {
            Input::Call(CallAnswer::StaffCodeSent(if seed.is_multiple_of(2) {
                StaffCode::Sent
            } else {
                StaffCode::NotStaff
            }))
        }
        Effect::Call(CallEffect::VerifyStaffCode { .. }) => {
            Input::Call(CallAnswer::StaffCodeChecked(match seed % 3 {
                0 => CodeCheck::Verified {
                    name: "Rosa".into(),
                },
                1 => CodeCheck::Wrong { attempts_left: 2 },
                _ => CodeCheck::Expired,
            }))
        }
        Effect::Call(CallEffect::Request { .. }) => {
            Input::Call(CallAnswer::Requested { call_id: 3 })
        }
        Effect::Transfer(TransferEffect::SearchDirectory(_)) => {
            Input::Transfer(TransferAnswer::DirectoryFound(match seed % 3 {
                0 => Vec::new(),
                1 => vec![DirectoryOption {
                    id: 1,
                    name: "Rosa".into(),
                    area: "Finanzas".into(),
                }],
                _ => vec![
                    DirectoryOption {
                        id: 1,
                        name: "Rosa".into(),
                        area: "Finanzas".into(),
                    },
                    DirectoryOption {
                        id: 2,
                        name: "Luis".into(),
                        area: "Redes".into(),
                    },
                ],
            }))
        }
        Effect::Transfer(TransferEffect::HandOver { .. }) => {
            Input::Transfer(TransferAnswer::Transferred(match seed % 3 {
                0 => TransferResult::Relayed {
                    name: "Rosa".into(),
                },
                1 => TransferResult::Contact {
                    name: "Luis".into(),
                    area: "Redes".into(),
                    extension: "204".into(),
                    email: None,
                },
                _ => TransferResult::Gone,
            }))
        }
        Effect::Handoff(HandoffEffect::Relay(_))
        | Effect::Handoff(HandoffEffect::Leave)
        | Effect::Call(CallEffect::ScheduleRetry { .. })
        | Effect::Call(CallEffect::End { .. })
        | Effect::Close { .. }
        | Effect::StartOver
        | Effect::FirstLevel(FaqEffect::Rejected { .. })
        | Effect::Discard => return None,
    })
}

fn runtime_event(kind: u8) -> Input {
    match kind {
        0 => Input::Inactive,
        1 => Input::Handoff(HandoffEvent::Hold { position: Some(2) }),
        2 => Input::Handoff(HandoffEvent::AgentTook {
            agent: "Laura".into(),
        }),
        3 => Input::Handoff(HandoffEvent::AgentReleased),
        4 => Input::Handoff(HandoffEvent::AgentTimeout),
        5 => Input::Call(CallAnswer::Result {
            answered: false,
            number: "722 123 4567".into(),
        }),
        6 => Input::Resume,
        7 => Input::Handoff(HandoffEvent::Passed {
            area: Some("Red e internet".into()),
        }),
        _ => Input::Handoff(HandoffEvent::Hold { position: None }),
    }
}

/// One input and the effects it leads to, as the desk runs them.
fn run(desk: &mut talk::Talk, input: Input, seed: usize) -> Vec<Transition> {
    let mut transitions = Vec::new();
    let mut next = Some(input);
    while let Some(input) = next.take() {
        assert!(transitions.len() < MAX_ROUNDS, "the effects never settle");
        let transition = desk.send(input);
        for effect in &transition.effects {
            if let Some(answered) = answer(effect, seed) {
                assert!(
                    next.is_none(),
                    "two effects want an answer at once: {transition:?}"
                );
                next = Some(answered);
            }
        }
        transitions.push(transition);
    }
    transitions
}

fn check_invariants(desk: &talk::Talk, transitions: &[Transition], user_spoke: bool) {
    let replies: Vec<_> = transitions.iter().flat_map(|t| t.replies.iter()).collect();
    let relayed = transitions
        .iter()
        .flat_map(|t| t.effects.iter())
        .any(|e| matches!(e, Effect::Handoff(HandoffEffect::Relay(_))));
    if user_spoke {
        assert!(
            !replies.is_empty() || relayed,
            "a user input got no answer at {:?}",
            desk.step()
        );
    }
    for reply in &replies {
        assert!(!reply.text.trim().is_empty(), "an empty reply: {reply:?}");
        for button in reply.buttons.iter().flatten() {
            let data = button.choice.data();
            assert!(
                data.len() <= 64,
                "callback data over Telegram's 64 bytes: {data}"
            );
            assert_eq!(Choice::parse(&data), Some(button.choice));
            assert!(!button.label.trim().is_empty());
        }
    }
    let closes = transitions
        .iter()
        .flat_map(|t| t.effects.iter())
        .filter(|e| matches!(e, Effect::Close { .. }))
        .count();
    assert!(closes <= 1, "a conversation closed twice in one turn");
    // What is saved can be read back exactly: a restart resumes it.
    let saved = serde_json::to_string(&desk.conversation).expect("serialisable");
    let restored: mesabot::protocol::Conversation = serde_json::from_str(&saved).expect("readable");
    assert_eq!(restored, desk.conversation);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_sequence_of_inputs_is_answered_and_never_breaks_the_machine(
        acts in prop::collection::vec(act(), 1..40),
        with_agents in any::<bool>(),
        hour in 0u32..24,
    ) {
        let mut desk = talk::Talk::at(hour, 0);
        if with_agents {
            desk.agents = Agents::Available;
        }
        let mut offered: Vec<Choice> = Vec::new();
        for (seed, act) in acts.into_iter().enumerate() {
            let (input, user_spoke) = match act {
                Act::Write(text) => (Some(Input::User(UserInput::from_text(&text))), true),
                // Data that is not ours is dropped before the machine, as in Telegram.
                Act::Press(data) => (
                    Choice::parse(&data)
                        .filter(|c| !matches!(c, Choice::Rate { .. }))
                        .map(|c| Input::User(UserInput::Choice(c))),
                    true,
                ),
                Act::PressOffered(index) => (
                    (!offered.is_empty())
                        .then(|| offered[index % offered.len()])
                        .filter(|c| !matches!(c, Choice::Rate { .. }))
                        .map(|c| Input::User(UserInput::Choice(c))),
                    true,
                ),
                Act::SendFile => (
                    Some(Input::User(UserInput::Attachment(mesabot::protocol::Attachment {
                        file_id: "f1".into(),
                        kind: mesabot::protocol::AttachmentKind::Photo,
                        origin: None,
                        album: None,
                    }))),
                    true,
                ),
                Act::SendUnsupported => (Some(Input::User(UserInput::Unsupported)), true),
                Act::Runtime(kind) => (Some(runtime_event(kind)), false),
            };
            let Some(input) = input else { continue };
            let transitions = run(&mut desk, input, seed);
            check_invariants(&desk, &transitions, user_spoke);
            offered.extend(
                transitions
                    .iter()
                    .flat_map(|t| t.replies.iter())
                    .flat_map(|r| r.buttons.iter().flatten().map(|b| b.choice)),
            );
            desk.now += Duration::seconds(20);
        }
    }
}

/// The same at the desk, on a real database: fewer, longer runs, where every
/// effect is answered by the real store.
#[test]
fn random_conversations_on_a_real_database_never_fail() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n: String| n.parse::<u32>().ok())
        .map_or(24, |n| (n / 10).max(24));
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let strategy = prop::collection::vec(
        prop_oneof![
            3 => text().prop_map(|t| UserInput::from_text(&t)),
            2 => data().prop_filter_map("ours", |d| Choice::parse(&d)).prop_map(UserInput::Choice),
        ],
        1..30,
    );
    runner
        .run(&strategy, |inputs| {
            runtime.block_on(async {
                let db = crate::support::TestDb::new();
                let clock = crate::support::TestClock::local(10, 0);
                let desk: Arc<Desk> = Arc::new(db.desk(&clock).await);
                let who = crate::support::user(91);
                for input in inputs {
                    let turn = desk
                        .handle(&who, input.clone(), None)
                        .await
                        .map_err(|e| TestCaseError::fail(format!("{input:?}: {e}")))?;
                    let relayed = turn
                        .deliveries
                        .iter()
                        .any(|d| matches!(d, mesabot::desk::Delivery::Handoff { .. }));
                    // Agents' buttons outside the agents' group are refused
                    // without a word (and recorded), as a forgery would be.
                    let agents_only = matches!(
                        input,
                        UserInput::Choice(Choice::Take(_) | Choice::CallReport { .. })
                    );
                    prop_assert!(
                        !turn.replies.is_empty()
                            || relayed
                            || agents_only
                            || matches!(input, UserInput::Choice(Choice::Rate { .. })),
                        "no answer to {:?}",
                        input
                    );
                    clock.advance(std::time::Duration::from_secs(20));
                }
                let open: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM conversations WHERE chat_id = 91 AND ended_at IS NULL",
                )
                .fetch_one(desk.store().reader())
                .await
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(open <= 1, "at most one open conversation");
                desk.store().close().await;
                Ok(())
            })
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}
