//! The statement budget of the hot paths (issue 16): how many statements
//! (each a round trip to PostgreSQL) one update costs, counted from sqlx's
//! own per-statement events. Counted on PostgreSQL, where sqlx runs each
//! statement in the calling task (SQLite runs them on its connection's
//! thread, out of this test's sight).

use std::sync::{Arc, Mutex};

use mesabot::desk::{Desk, Written};
use mesabot::protocol::{Choice, Origin, UserInput};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};

use crate::support::{TestClock, TestDb, user};

/// The statements sqlx ran while counting was on, as it logged them.
#[derive(Clone, Default)]
struct Statements(Arc<Mutex<Vec<String>>>);

struct Counting(Statements);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Counting {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        /// The statement's text (sqlx gives it as `db.statement`, or as the
        /// summary when the text is short).
        #[derive(Default)]
        struct Statement {
            text: Option<String>,
            summary: Option<String>,
        }
        impl Visit for Statement {
            fn record_str(&mut self, field: &Field, value: &str) {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                match field.name() {
                    "db.statement" if !value.is_empty() => self.text = Some(value),
                    "summary" => self.summary = Some(value),
                    _ => {}
                }
            }
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                self.record_str(field, &format!("{value:?}"));
            }
        }
        let mut statement = Statement::default();
        event.record(&mut statement);
        let text = statement.text.or(statement.summary).unwrap_or_default();
        if let Ok(mut all) = (self.0).0.lock() {
            all.push(text);
        }
    }
}

/// Runs `work` and gives the statements it sent to the database.
async fn statements_of<F: std::future::Future<Output = ()>>(work: F) -> Vec<String> {
    let seen = Statements::default();
    let subscriber = tracing_subscriber::registry()
        .with(Counting(seen.clone()))
        .with(
            tracing_subscriber::filter::Targets::new()
                .with_target("sqlx::query", tracing::Level::TRACE),
        );
    let _guard = tracing::subscriber::set_default(subscriber);
    work.await;
    seen.0.lock().map(|all| all.clone()).unwrap_or_default()
}

async fn handle(desk: &Desk, chat: i64, input: UserInput, update: i64) {
    desk.handle(&user(chat), input, Some(update))
        .await
        .expect("handled");
}

#[tokio::test]
async fn a_question_answered_from_the_faq_stays_within_its_statement_budget() {
    if crate::support::postgres_only("statements are counted in the calling task on PostgreSQL") {
        return;
    }
    let db = TestDb::new();
    let desk = db
        .desk(&TestClock::local(10, 0))
        .await
        .with_send_queue(4096);
    // Warm: the pools connected, the FAQ index built, the chat's conversation open.
    handle(&desk, 1, UserInput::from_text("/start"), 1).await;
    handle(&desk, 1, UserInput::from_text("no tengo internet"), 2).await;
    handle(&desk, 2, UserInput::from_text("/start"), 3).await;
    let queued = db.count("SELECT count(*) FROM sends").await;

    let question = round_trips(statements_of(handle(
        &desk,
        2,
        UserInput::from_text("olvidé la contraseña de mi correo"),
        4,
    )))
    .await;
    let button = round_trips(statements_of(handle(
        &desk,
        2,
        UserInput::Choice(Choice::Solved(true)),
        5,
    )))
    .await;
    // BEGIN (with the chat's lock), one read (the update recorded, the
    // conversation and the knowledge's generation), one write (transcript,
    // search, state and the queued replies), COMMIT.
    assert!(question.len() <= QUESTION_BUDGET, "{question:#?}");
    assert!(button.len() <= BUTTON_BUDGET, "{button:#?}");

    // Nothing was left out to fit: both turns were written whole.
    let transcript = db
        .count(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
              WHERE c.chat_id = 2 AND m.direction = 'in'",
        )
        .await;
    assert_eq!(
        transcript, 3,
        "/start, the question and the button are in the transcript"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM faq_searches").await,
        2,
        "each chat's search is kept for the indicators"
    );
    assert!(
        db.count("SELECT count(*) FROM sends").await >= queued + 2,
        "the answers were queued for the sender"
    );
    let store = db.store().await;
    let state: String = sqlx::query_scalar("SELECT state FROM conversations WHERE chat_id = 2")
        .fetch_one(store.reader())
        .await
        .expect("state");
    store.close().await;
    assert!(
        state.contains(r#""flow":"anything_else""#) && state.contains(r#""solved_by_faq":1"#),
        "the state after the button was saved: {state}"
    );

    // As Telegram delivers a text: whether the chat is that of a person a
    // conversation was transferred to comes in the same first statement,
    // with no read before the transaction.
    handle(&desk, 3, UserInput::from_text("/start"), 6).await;
    let written = Written {
        text: Some("olvidé la contraseña de mi correo".into()),
        origin: Some(Origin {
            chat_id: 3,
            message_id: 77,
        }),
        ..Written::default()
    };
    let telegram = round_trips(statements_of(async {
        desk.private_message(&user(3), written, Some(7), None)
            .await
            .expect("handled");
    }))
    .await;
    assert!(telegram.len() <= QUESTION_BUDGET, "{telegram:#?}");
}

/// Round trips of a text answered from the FAQ, and of a button in reply to it.
const QUESTION_BUDGET: usize = 4;
const BUTTON_BUDGET: usize = 4;

/// The round trips of an update: its statements, and the BEGIN sqlx sends
/// without an event; a new pooled connection's own setting is not the update's.
async fn round_trips(statements: impl std::future::Future<Output = Vec<String>>) -> Vec<String> {
    let mut trips = vec!["BEGIN".to_owned()];
    trips.extend(
        statements
            .await
            .into_iter()
            .filter(|statement| !statement.starts_with("SET ")),
    );
    trips
}
