//! The agents' queue on a real SQLite file with a clock the test moves: hold
//! reminders (rule 6), the waiting limit, alerts, release and the take race.

use std::time::Duration;

use crate::support::app::{App, People, agents_desk, escalate};
use crate::support::{TestClock, TestDb, user};
use mesabot::agents::{Agent, AgentCommand};
use mesabot::desk::{Delivery, Desk, TakeResult, Written, WrittenIn};

async fn ask_for_agent(desk: &Desk, chat: i64) -> i64 {
    escalate(desk, &user(chat)).await
}

fn to_user(deliveries: &[Delivery], chat: i64) -> Vec<String> {
    deliveries
        .iter()
        .filter_map(|d| match d {
            Delivery::User { chat_id, reply } if *chat_id == chat => Some(reply.text.clone()),
            _ => None,
        })
        .collect()
}

fn laura() -> Agent {
    Agent {
        user_id: 501,
        name: "Laura Méndez".into(),
    }
}

#[tokio::test]
async fn waiting_users_hear_from_the_desk_every_thirty_seconds_with_their_place() {
    let app = App::with_agents(10, 0).await;
    let first = app.user(1).asks_for_an_agent().await;
    app.user(2).asks_for_an_agent().await;

    app.clock.advance(Duration::from_secs(10));
    assert!(
        app.desk.hold_tick().await.expect("tick").is_empty(),
        "not yet"
    );

    app.clock.advance(Duration::from_secs(21));
    let held = app.desk.hold_tick().await.expect("tick");
    assert_eq!(
        to_user(&held, 1),
        ["Permítame, lo sigo atendiendo; no cierre esta conversación, por favor."]
    );
    assert_eq!(to_user(&held, 2).len(), 1);

    // The first is taken: the second moves up, and is told so at its next reminder.
    let laura = laura();
    assert!(matches!(
        app.agent(&laura).takes(first).await,
        TakeResult::Taken(_)
    ));
    app.clock.advance(Duration::from_secs(30));
    let held = app.desk.hold_tick().await.expect("tick");
    assert!(
        to_user(&held, 1).is_empty(),
        "no reminders once an agent has it"
    );
    assert_eq!(
        to_user(&held, 2),
        [
            "Permítame, lo sigo atendiendo; no cierre esta conversación, por favor. Ahora es la siguiente persona en ser atendida."
        ]
    );
}

#[tokio::test]
async fn agents_are_alerted_after_a_minute_and_the_user_offered_a_ticket_after_five() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = agents_desk(&db, &clock).await;
    ask_for_agent(&desk, 7).await;

    clock.advance(Duration::from_secs(61));
    let tick = desk.hold_tick().await.expect("tick");
    let alert = tick.iter().find_map(|d| match d {
        Delivery::Group {
            group: None,
            thread: None,
            reply,
        } => Some(reply.text.clone()),
        _ => None,
    });
    assert!(alert.is_some_and(|a| a.contains("lleva 61 segundos esperando")));
    clock.advance(Duration::from_secs(30));
    let tick = desk.hold_tick().await.expect("tick");
    assert!(
        !tick.iter().any(|d| matches!(d, Delivery::Group { .. })),
        "alerted once"
    );

    clock.advance(Duration::from_secs(5 * 60));
    let tick = desk.hold_tick().await.expect("tick");
    let told = to_user(&tick, 7);
    assert!(
        told[0].contains("ningún agente está disponible"),
        "{told:?}"
    );
    assert!(
        desk.hold_tick().await.expect("tick").is_empty(),
        "the fallback is said once"
    );
}

#[tokio::test]
async fn the_first_agent_to_press_tomar_gets_it_and_can_release_it() {
    let db = TestDb::new();
    let clock = TestClock::local(16, 0);
    let desk = agents_desk(&db, &clock).await;
    let handoff = ask_for_agent(&desk, 3).await;
    let jorge = Agent {
        user_id: 502,
        name: "Jorge Ramírez".into(),
    };

    let laura = laura();
    let TakeResult::Taken(deliveries) = desk.agent(&laura).takes(handoff).await else {
        panic!("Laura should get it");
    };
    assert_eq!(
        to_user(&deliveries, 3),
        ["Buenas tardes, le atiende Laura Méndez, ¿en qué puedo ayudarle?"]
    );
    match desk.agent(&jorge).takes(handoff).await {
        TakeResult::TakenBy(name) => assert_eq!(name, "Laura Méndez"),
        other => panic!("Jorge should be told who has it: {other:?}"),
    }

    let released = desk
        .agent(&laura)
        .commands(Some(WrittenIn::Thread(0)), AgentCommand::Release)
        .await;
    assert!(
        released.iter().any(|d| matches!(d, Delivery::Group { .. })),
        "no conversation in thread 0: the agent is told to use the topic"
    );
    desk.handoff_placed(handoff, Some(77), None)
        .await
        .expect("placed");
    let released = desk
        .agent(&laura)
        .commands(Some(WrittenIn::Thread(77)), AgentCommand::Release)
        .await;
    assert!(to_user(&released, 3)[0].contains("regresó a la fila"));
    assert!(matches!(
        desk.agent(&jorge).takes(handoff).await,
        TakeResult::Taken(_)
    ));
}

/// Two agents press "Tomar" at the same instant, from two tasks: the
/// database decides, one has it and the other is told who.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_agents_pressing_take_at_the_same_time_never_both_get_it() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = std::sync::Arc::new(agents_desk(&db, &clock).await);
    for round in 0..10 {
        let handoff = ask_for_agent(&desk, 100 + round).await;
        let jorge = Agent {
            user_id: 502,
            name: "Jorge Ramírez".into(),
        };
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(2));
        let (a, b) = {
            let (desk_a, desk_b) = (desk.clone(), desk.clone());
            let (start_a, start_b) = (start.clone(), start.clone());
            let a = tokio::spawn(async move {
                start_a.wait().await;
                desk_a
                    .take(handoff, None, &laura(), None)
                    .await
                    .expect("take")
            });
            let b = tokio::spawn(async move {
                start_b.wait().await;
                desk_b
                    .take(handoff, None, &jorge, None)
                    .await
                    .expect("take")
            });
            (a.await.expect("task"), b.await.expect("task"))
        };
        let taken = [&a, &b]
            .iter()
            .filter(|r| matches!(r, TakeResult::Taken(_)))
            .count();
        assert_eq!(taken, 1, "round {round}: {a:?} / {b:?}");
        let told = [&a, &b].iter().find_map(|r| match r {
            TakeResult::TakenBy(name) => Some(name.clone()),
            _ => None,
        });
        assert!(
            told.is_some_and(|name| name == "Laura Méndez" || name == "Jorge Ramírez"),
            "the other is told who has it"
        );
    }
}

/// What the group's front door hands over as written: the desk tells a
/// command (audited with the group's chat) from a message for the user, and
/// talk outside any conversation stays the agents' own.
#[tokio::test]
async fn the_desk_tells_an_agents_command_from_a_message_for_the_user() {
    let app = App::with_agents(10, 0).await;
    let handoff = app.user(4).asks_for_an_agent().await;
    app.desk
        .handoff_placed(handoff, Some(40), None)
        .await
        .expect("placed");
    let laura = laura();
    app.agent(&laura).takes(handoff).await;
    let agent_lines = "SELECT count(*) FROM messages WHERE author = 'agent:Laura Méndez'";
    let writes = |text: &str, place: Option<WrittenIn>| {
        let written = Written {
            text: Some(text.to_owned()),
            ..Written::default()
        };
        app.desk.agent_writes(-100, place, &laura, written, None)
    };

    writes(
        "Buenos días, ya reviso su correo",
        Some(WrittenIn::Thread(40)),
    )
    .await
    .expect("said");
    assert_eq!(
        app.db.count(agent_lines).await,
        1,
        "the user was written to"
    );
    writes("¿alguien sabe si hay junta?", None)
        .await
        .expect("ignored");
    assert_eq!(
        app.db.count(agent_lines).await,
        1,
        "talk outside a topic stays"
    );
    writes("/cola", Some(WrittenIn::Thread(40)))
        .await
        .expect("command");
    assert_eq!(
        app.db.count(agent_lines).await,
        1,
        "a command is not relayed"
    );
    assert_eq!(
        app.db
            .count(
                "SELECT count(*) FROM agent_audit \
                 WHERE chat_id = -100 AND user_id = 501 AND action = '/cola' AND allowed = 1"
            )
            .await,
        1,
        "the command is audited with the group's chat"
    );
}

/// `/mias`: an agent sees what they hold, longest held first, with how long;
/// another agent holds nothing.
#[tokio::test]
async fn an_agent_lists_the_conversations_they_attend() {
    let app = App::with_agents(11, 0).await;
    let first = app.user(7).asks_for_an_agent().await;
    let second = app.user(8).asks_for_an_agent().await;
    let laura = laura();
    app.agent(&laura).takes(first).await;
    app.clock.advance(Duration::from_secs(5 * 60));
    app.agent(&laura).takes(second).await;
    app.clock.advance(Duration::from_secs(3 * 60));

    let listed = group_text(&app.agent(&laura).commands(None, AgentCommand::Mine).await);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(
        lines[0], "Conversaciones que atiende Laura Méndez: 2",
        "{listed}"
    );
    assert!(
        lines[1].starts_with("#1 · ") && lines[1].ends_with("desde hace 8 min"),
        "{listed}"
    );
    assert!(
        lines[2].starts_with("#2 · ") && lines[2].ends_with("desde hace 3 min"),
        "{listed}"
    );

    let jorge = Agent {
        user_id: 502,
        name: "Jorge Ramírez".into(),
    };
    let none = group_text(&app.agent(&jorge).commands(None, AgentCommand::Mine).await);
    assert_eq!(
        none,
        "Jorge Ramírez no atiende ninguna conversación por ahora."
    );
}

fn group_text(deliveries: &[Delivery]) -> String {
    deliveries
        .iter()
        .find_map(|d| match d {
            Delivery::Group { reply, .. } => Some(reply.text.clone()),
            _ => None,
        })
        .expect("an answer in the group")
}
