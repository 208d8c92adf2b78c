//! How agents' work is seen: a low rating is told to the group that attended,
//! with a link to the conversation, and the month's report gives each agent's
//! conversations, median time to take them and average rating.

use std::sync::Arc;
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use mesabot::agents::{Agent, AgentCommand, AgentSettings};
use mesabot::desk::{Delivery, Desk, WrittenIn};
use mesabot::locale::{Locale, Texts};
use mesabot::protocol::{Choice, UserInput};
use mesabot::report::{AgentLine, Indicators, Month, MonthRows, indicators_text, indicators_xlsx};

use crate::support::app::People;
use crate::support::{TestClock, TestDb};

const GROUP: i64 = -1_001_234_567_890;
const TZ: chrono_tz::Tz = chrono_tz::America::Mexico_City;

fn laura() -> Agent {
    Agent {
        user_id: 501,
        name: "Laura Méndez".into(),
    }
}

fn jorge() -> Agent {
    Agent {
        user_id: 502,
        name: "Jorge Ramírez".into(),
    }
}

/// A desk whose agents' group is a supergroup (its messages have links).
async fn desk(db: &TestDb, clock: &TestClock) -> Desk {
    let mut settings = crate::support::settings();
    settings.agents = AgentSettings {
        group_chat_id: Some(GROUP),
        ..AgentSettings::none()
    };
    let now = clock.clone();
    Desk::new(db.store().await, Texts::load().expect("locales"), settings)
        .with_clock(Arc::new(move || now.now()))
}

/// User `chat` asks for a person; `agent` takes it after `wait` in topic
/// 9000 + handoff and closes it; the user rates it `score` (if any). What
/// the rating brought besides the user's thanks.
async fn attended(
    desk: &Desk,
    clock: &TestClock,
    chat: i64,
    agent: &Agent,
    wait: Duration,
    score: Option<u8>,
) -> Vec<Delivery> {
    let handoff = desk.user(chat).asks_for_an_agent().await;
    clock.advance(wait);
    desk.agent(agent).takes(handoff).await;
    let topic = 9000 + handoff;
    desk.handoff_placed(handoff, Some(topic), None)
        .await
        .expect("placed");
    clock.advance(Duration::from_secs(60));
    let closed = desk
        .agent(agent)
        .commands(Some(WrittenIn::Thread(topic)), AgentCommand::Close(None))
        .await;
    let rate = closed
        .iter()
        .filter_map(|d| match d {
            Delivery::User { reply, .. } => Some(reply),
            _ => None,
        })
        .flat_map(|reply| reply.choices())
        .find_map(|button| match button.choice {
            Choice::Rate { conversation, .. } => Some(conversation),
            _ => None,
        })
        .expect("the user is asked to rate the attention");
    let Some(score) = score else {
        return Vec::new();
    };
    desk.handle(
        &crate::support::user(chat),
        UserInput::Choice(Choice::Rate {
            conversation: rate,
            score,
        }),
        None,
    )
    .await
    .expect("rated")
    .deliveries
}

fn group_texts(deliveries: &[Delivery]) -> Vec<String> {
    deliveries
        .iter()
        .filter_map(|d| match d {
            Delivery::Group {
                group: None,
                thread: None,
                reply,
            } => Some(reply.text.clone()),
            _ => None,
        })
        .collect()
}

/// Ana rates Laura's attention 1: the group hears it with a link to Ana's
/// topic. Beto's 4, and Carla's 2 for a ticket the bot took alone, say nothing.
#[tokio::test]
async fn a_low_rating_is_told_to_the_group_that_attended_with_a_link() {
    let db = TestDb::new();
    let clock = TestClock::local(11, 0);
    let desk = desk(&db, &clock).await;
    let one = Duration::from_secs(60);

    let alert = attended(&desk, &clock, 7, &laura(), one, Some(1)).await;
    assert_eq!(
        group_texts(&alert),
        [
            "⚠️ Calificación baja: 1 de 5 para la conversación #1 de Usuario 7, que atendió Laura Méndez.\n\
          Ver la conversación: https://t.me/c/1234567890/9001"
        ]
    );

    let fine = attended(&desk, &clock, 8, &laura(), one, Some(4)).await;
    assert!(group_texts(&fine).is_empty(), "{fine:?}");

    // Carla opened a ticket with the bot alone: no agent attended her.
    let carla = desk.user(9);
    carla
        .opens_ticket(
            1,
            "La impresora del tercer piso no imprime",
            ["Carla Ruiz", "carla.ruiz@edomex.gob.mx", "7221234567"],
        )
        .await;
    let farewell = carla.presses(Choice::MoreHelp(false)).await;
    let rate = farewell
        .iter()
        .flat_map(|reply| reply.choices())
        .find(|button| matches!(button.choice, Choice::Rate { score: 2, .. }))
        .expect("Carla is asked to rate");
    let rated = desk
        .handle(
            &crate::support::user(9),
            UserInput::Choice(rate.choice),
            None,
        )
        .await
        .expect("rated");
    assert!(
        rated.deliveries.is_empty(),
        "no agent attended: {:?}",
        rated.deliveries
    );
}

/// Laura takes two conversations (after 2 and 4 minutes, rated 1 and 5) and
/// Jorge one (after 1 minute, not rated): the month's report says so, in
/// text and in the workbook's "Agentes" sheet.
#[tokio::test]
async fn the_month_s_report_gives_each_agent_s_work() {
    let db = TestDb::new();
    let clock = TestClock::local(9, 0);
    let desk = desk(&db, &clock).await;
    let minutes = |m: u64| Duration::from_secs(60 * m);
    attended(&desk, &clock, 7, &laura(), minutes(2), Some(1)).await;
    attended(&desk, &clock, 8, &jorge(), minutes(1), None).await;
    attended(&desk, &clock, 9, &laura(), minutes(4), Some(5)).await;

    let month = Month::containing(clock.now(), TZ);
    let i = Indicators::gather(desk.store().reader(), month, TZ)
        .await
        .expect("indicators");
    assert_eq!(
        i.agents.agents,
        [
            AgentLine {
                agent_user_id: 501,
                name: "Laura Méndez".into(),
                attended: 2,
                pick_up_median_ms: Some(180_000),
                rating_average: Some(3.0),
                rated: 2,
            },
            AgentLine {
                agent_user_id: 502,
                name: "Jorge Ramírez".into(),
                attended: 1,
                pick_up_median_ms: Some(60_000),
                rating_average: None,
                rated: 0,
            },
        ]
    );

    let texts = Texts::load().expect("locales");
    let text = indicators_text(&i, texts.lang(Locale::EsMx));
    assert!(
        text.contains(
            "Por agente (conversaciones, mediana para tomarlas, calificación promedio): \
             Laura Méndez: 2 · 3 min 0 s · 3.0 (2) · Jorge Ramírez: 1 · 1 min 0 s · — (0)"
        ),
        "{text}"
    );

    let rows = MonthRows::load(desk.store().reader(), month, TZ)
        .await
        .expect("rows");
    let xlsx = indicators_xlsx(&i, &rows, TZ, texts.lang(Locale::EsMx), month).expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).expect("an XLSX");
    let sheet = book.worksheet_range("Agentes").expect("agents sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("Agente".into()));
    assert_eq!(
        rows[1],
        [
            Data::String("Laura Méndez".into()),
            Data::Float(2.0),
            Data::Float(180.0),
            Data::Float(3.0),
            Data::Float(2.0)
        ]
    );
    assert_eq!(rows[2][0], Data::String("Jorge Ramírez".into()));
    assert_eq!(rows[2][3], Data::Empty, "no ratings, no average");
}
