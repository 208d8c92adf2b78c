//! The statement budget of the hot paths (issue 16): how many statements
//! (each a round trip to PostgreSQL) one update costs, counted from sqlx's
//! own per-statement events. On PostgreSQL sqlx runs each statement in the
//! calling task; on SQLite it hands each call to its connection's thread,
//! which logs it there, inside the span the call was made in, so those
//! calls (each a hand-off between threads, the cost that matters on SQLite)
//! are counted by a process-wide subscriber for the events inside one span.

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
        let text = statement_text(event);
        if let Ok(mut all) = (self.0).0.lock() {
            all.push(text);
        }
    }
}

/// The statement's text (sqlx gives it as `db.statement`, or as the summary
/// when the text is short), its spaces folded.
fn statement_text(event: &tracing::Event<'_>) -> String {
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
    statement.text.or(statement.summary).unwrap_or_default()
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

/// The conversation state saved for a chat.
async fn saved_state(db: &TestDb, chat: i64) -> String {
    let store = db.store().await;
    let state: String = sqlx::query_scalar("SELECT state FROM conversations WHERE chat_id = $1")
        .bind(chat)
        .fetch_one(store.reader())
        .await
        .expect("state");
    store.close().await;
    state
}

async fn handle(desk: &Desk, chat: i64, input: UserInput, update: i64) {
    desk.handle(&user(chat), input, Some(update))
        .await
        .expect("handled");
}

/// A desk that queues its sends, warm: the pools connected, the FAQ index
/// built, chat 2's conversation open (updates 1–3 used).
async fn warm_desk(db: &TestDb) -> Desk {
    let desk = db
        .desk(&TestClock::local(10, 0))
        .await
        .with_send_queue(4096);
    handle(&desk, 1, UserInput::from_text("/start"), 1).await;
    handle(&desk, 1, UserInput::from_text("no tengo internet"), 2).await;
    handle(&desk, 2, UserInput::from_text("/start"), 3).await;
    desk
}

#[tokio::test]
async fn a_question_answered_from_the_faq_stays_within_its_statement_budget() {
    if crate::support::postgres_only("statements are counted in the calling task on PostgreSQL") {
        return;
    }
    let db = TestDb::new();
    let desk = warm_desk(&db).await;
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
    let state = saved_state(&db, 2).await;
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

/// On SQLite, a question answered from the FAQ and the button after it are
/// each two calls to a connection's thread: the read, on a reader before the
/// write lock, and one call under the lock with BEGIN, the writes of the
/// transcript, the state and the replies, and COMMIT.
#[tokio::test]
async fn on_sqlite_a_question_is_two_calls_to_the_connections_thread() {
    if crate::support::sqlite_only("calls to SQLite's connection thread") {
        return;
    }
    let db = TestDb::new();
    let desk = warm_desk(&db).await;
    let question = sqlite_calls(
        "question",
        handle(
            &desk,
            2,
            UserInput::from_text("olvidé la contraseña de mi correo"),
            4,
        ),
    )
    .await;
    let button = sqlite_calls(
        "button",
        handle(&desk, 2, UserInput::Choice(Choice::Solved(true)), 5),
    )
    .await;
    // The read before the write lock (on a reader, no BEGIN), then the
    // whole turn under the lock in one call: BEGIN, the update recorded if
    // the conversation is as read, the writes, the replies, COMMIT.
    for calls in [&question, &button] {
        assert_eq!(calls.len(), 2, "{calls:#?}");
        assert!(
            calls[0].starts_with("SELECT")
                && calls[1].starts_with("BEGIN IMMEDIATE; INSERT INTO handled_updates")
                && calls[1].contains("UPDATE conversations SET state")
                && calls[1].ends_with("COMMIT"),
            "{calls:#?}"
        );
    }
    assert_eq!(
        db.count("SELECT count(*) FROM faq_searches").await,
        2,
        "the turn was written whole (chat 1's search and this one)"
    );

    // A chat's first message opens its conversation in the same call.
    let first = sqlite_calls(
        "first message",
        handle(
            &desk,
            4,
            UserInput::from_text("olvidé la contraseña de mi correo"),
            6,
        ),
    )
    .await;
    assert_eq!(first.len(), 2, "{first:#?}");
    assert!(
        first[0].starts_with("SELECT")
            && first[1].starts_with("BEGIN IMMEDIATE; INSERT INTO handled_updates")
            && first[1].contains("INSERT INTO conversations")
            && first[1].ends_with("COMMIT"),
        "{first:#?}"
    );
    assert_eq!(
        db.count(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
              WHERE c.chat_id = 4 AND m.direction = 'out'"
        )
        .await,
        2,
        "greeted and answered"
    );
}

/// On SQLite the ticket wizard's reads (the catalogue of services, the
/// contact details given before) are made on a reader before the write lock
/// as well: a press that needs one is three calls, the two reads and the one
/// call under the lock.
#[tokio::test]
async fn on_sqlite_the_ticket_wizards_reads_come_before_the_write_lock() {
    if crate::support::sqlite_only("calls to SQLite's connection thread") {
        return;
    }
    let db = TestDb::new();
    let desk = warm_desk(&db).await;
    handle(&desk, 5, UserInput::from_text("/start"), 10).await;
    handle(&desk, 5, UserInput::Choice(Choice::SecondLevel), 11).await;
    handle(&desk, 5, UserInput::Choice(Choice::Privacy(true)), 12).await;
    let kind = sqlite_calls(
        "kind",
        handle(
            &desk,
            5,
            UserInput::Choice(Choice::Kind(mesabot::ticket::Kind::Incidente)),
            13,
        ),
    )
    .await;
    handle(&desk, 5, UserInput::Choice(Choice::Service(1)), 14).await;
    let detail = sqlite_calls(
        "detail",
        handle(
            &desk,
            5,
            UserInput::from_text("No hay internet en todo el piso 3 desde las 9:00 de hoy"),
            15,
        ),
    )
    .await;
    for (calls, read) in [(&kind, "FROM services"), (&detail, "FROM tickets")] {
        assert_eq!(calls.len(), 3, "{calls:#?}");
        assert!(
            calls[0].starts_with("SELECT")
                && calls[1].contains(read)
                && calls[2].starts_with("BEGIN IMMEDIATE; INSERT INTO handled_updates")
                && calls[2].ends_with("COMMIT"),
            "{calls:#?}"
        );
    }
    // The wizard went on as it would under the lock: the services offered,
    // the detail kept, the name asked.
    let state = saved_state(&db, 5).await;
    assert!(
        state.contains("No hay internet en todo el piso 3") && state.contains(r#""field":"name""#),
        "{state}"
    );
}

/// On SQLite a ticket's status is looked up before the write lock too, and
/// a miss (an e-mail that is not the ticket's) is written in the turn's one
/// call, where it still counts against guessing.
#[tokio::test]
async fn on_sqlite_a_status_lookup_is_read_before_the_write_lock() {
    if crate::support::sqlite_only("calls to SQLite's connection thread") {
        return;
    }
    let db = TestDb::new();
    let desk = warm_desk(&db).await;
    handle(&desk, 6, UserInput::from_text("/estado 9999"), 20).await;
    let miss = sqlite_calls(
        "lookup miss",
        handle(&desk, 6, UserInput::from_text("adivina@edomex.gob.mx"), 21),
    )
    .await;
    let last = miss.last().expect("calls");
    assert!(
        miss[..miss.len() - 1]
            .iter()
            .all(|c| c.starts_with("SELECT"))
            && last.starts_with("BEGIN IMMEDIATE; INSERT INTO handled_updates")
            && last.contains("INSERT INTO status_lookup_failures")
            && last.ends_with("COMMIT"),
        "{miss:#?}"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM status_lookup_failures WHERE chat_id = 6")
            .await,
        1
    );
}

/// On SQLite, turns of different chats that come to write while the one
/// writer is busy are committed together: one call of BEGIN IMMEDIATE, each
/// turn's writes, COMMIT. Here eight chats write while another process holds
/// the write lock, and one of them had its conversation closed by that
/// process meanwhile: the shared call fails on it, each turn is committed
/// alone, and that one is handled again in a new conversation. Every chat is
/// answered once.
#[tokio::test]
async fn on_sqlite_turns_that_wait_for_the_writer_are_committed_together() {
    if crate::support::sqlite_only("SQLite's one writer") {
        return;
    }
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let (desk, looked) = db.desk_counting_looks(&clock).await;
    let chats: Vec<i64> = (10..18).collect();
    for &chat in &chats {
        handle(&desk, chat, UserInput::from_text("/start"), chat).await;
    }
    let other = db.store().await;
    let mut closing = other.begin().await.expect("the other process's lock");
    sqlx::query("UPDATE conversations SET ended_at = 1, outcome = 'abandoned' WHERE chat_id = 13")
        .execute(&mut *closing)
        .await
        .expect("closed, not yet committed");

    let release = async {
        closing.commit().await.expect("the close committed");
    };
    let calls = sqlite_calls("together", async {
        let turns = ask_together(&desk, &chats, 100, &looked, release).await;
        assert!(
            turns.iter().all(|turn| !turn.replies.is_empty()),
            "all answered"
        );
    })
    .await;
    other.close().await;

    let begins: Vec<&String> = calls
        .iter()
        .filter(|call| call.starts_with("BEGIN IMMEDIATE"))
        .collect();
    let most_together = begins
        .iter()
        // One row of the update records per turn.
        .map(|call| call.matches("FROM handoffs WHERE target_chat_id").count())
        .max()
        .unwrap_or(0);
    assert!(most_together >= 2, "some turns shared a call: {calls:#?}");
    for &chat in &chats {
        assert_eq!(
            db.count(&format!(
                "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                  WHERE c.chat_id = {chat} AND m.direction = 'in' AND m.body LIKE 'olvid%'"
            ))
            .await,
            1,
            "chat {chat}'s question is in its transcript once"
        );
        assert_eq!(
            db.count(&format!(
                "SELECT count(*) FROM handled_updates WHERE update_id = {}",
                100 + chat
            ))
            .await,
            1
        );
    }
    assert_eq!(
        db.count(
            "SELECT count(*) FROM conversations
              WHERE chat_id = 13 AND ended_at IS NULL
                AND id IN (SELECT conversation_id FROM messages WHERE body LIKE 'olvid%')"
        )
        .await,
        1,
        "chat 13's question went to a new conversation"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM faq_searches").await,
        chats.len() as i64,
        "each search recorded once"
    );
}

/// More turns wait for SQLite's writer than one call commits (32): the
/// writer takes them in order, 32 at most at a time, and a turn left past a
/// batch is committed by the next; none is left waiting.
#[tokio::test]
async fn on_sqlite_more_turns_than_one_call_takes_are_all_committed() {
    if crate::support::sqlite_only("SQLite's one writer") {
        return;
    }
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let (desk, looked) = db.desk_counting_looks(&clock).await;
    let chats: Vec<i64> = (100..170).collect();
    for &chat in &chats {
        handle(&desk, chat, UserInput::from_text("/start"), chat).await;
    }
    let lock = db.lock_writes().await;
    let calls = sqlite_calls("many", async {
        let turns = ask_together(&desk, &chats, 1000, &looked, lock.release()).await;
        assert!(
            turns.iter().all(|turn| !turn.replies.is_empty()),
            "all answered"
        );
    })
    .await;

    let per_call: Vec<usize> = calls
        .iter()
        .filter(|call| call.starts_with("BEGIN IMMEDIATE"))
        .map(|call| call.matches("FROM handoffs WHERE target_chat_id").count())
        .collect();
    assert!(
        per_call.iter().all(|&turns| turns <= 32)
            && per_call.iter().filter(|&&t| t > 1).count() >= 2,
        "at most 32 turns a call, and more than one shared call: {per_call:?}"
    );
    assert_eq!(per_call.iter().sum::<usize>(), chats.len(), "{per_call:?}");
    assert_eq!(
        db.count("SELECT count(*) FROM handled_updates WHERE update_id >= 1000")
            .await,
        chats.len() as i64
    );
}

/// A burst of more chats than may wait before SQLite's write lock
/// (`MOST_BEFORE_LOCK`, each holding its replies and writes): while the
/// writer is held, that many are understood and wait to write, the others
/// wait for a place holding nothing, and every one is answered once the
/// writer is free.
#[tokio::test]
async fn on_sqlite_a_burst_waits_for_a_place_before_the_write_lock() {
    if crate::support::sqlite_only("SQLite's one writer") {
        return;
    }
    let db = TestDb::new();
    let desk = db
        .desk(&TestClock::local(10, 0))
        .await
        .with_send_queue(8192);
    let most = mesabot::desk::MOST_BEFORE_LOCK;
    handle(&desk, 1, UserInput::from_text("/start"), 1).await;
    let chats: Vec<i64> = (1000..).take(most + 72).collect();
    let lock = db.lock_writes().await;
    let questions = futures::future::join_all(chats.iter().map(|&chat| {
        let desk = &desk;
        async move {
            desk.handle(
                &user(chat),
                UserInput::from_text("olvidé la contraseña de mi correo"),
                Some(10_000 + chat),
            )
            .await
            .expect("handled")
        }
    }));
    let release = async {
        crate::support::eventually("every place before the write lock taken", || async {
            desk.turns_before_lock() >= most
        })
        .await;
        lock.release().await;
    };
    let (turns, ()) = tokio::time::timeout(
        std::time::Duration::from_secs(60),
        futures::future::join(questions, release),
    )
    .await
    .expect("no turn left waiting");

    assert!(
        turns.iter().all(|turn| !turn.replies.is_empty()),
        "all answered"
    );
    assert_eq!(desk.most_turns_before_lock(), most, "never more at once");
    assert_eq!(desk.turns_before_lock(), 0, "every place given back");
    assert_eq!(
        db.count("SELECT count(*) FROM handled_updates WHERE update_id >= 10000")
            .await,
        chats.len() as i64
    );
}

/// Each of `chats` asks a question at once (update `first_update + chat`)
/// while the writer is held; `release` lets it go once every turn came to
/// write (each turn looks at the clock as it starts, after its read, and as
/// it comes to write). Gives the turns; none may wait over 30 s.
async fn ask_together(
    desk: &Desk,
    chats: &[i64],
    first_update: i64,
    looked: &std::sync::atomic::AtomicUsize,
    release: impl std::future::Future<Output = ()>,
) -> Vec<mesabot::desk::Turn> {
    use std::sync::atomic::Ordering;
    let before = looked.load(Ordering::SeqCst);
    let questions = futures::future::join_all(chats.iter().map(|&chat| async move {
        desk.handle(
            &user(chat),
            UserInput::from_text("olvidé la contraseña de mi correo"),
            Some(first_update + chat),
        )
        .await
        .expect("handled")
    }));
    let release = async {
        crate::support::eventually("every turn came to write", || async {
            looked.load(Ordering::SeqCst) >= before + 3 * chats.len()
        })
        .await;
        release.await;
    };
    let all = futures::future::join(questions, release);
    let (turns, ()) = tokio::time::timeout(std::time::Duration::from_secs(30), all)
        .await
        .expect("no turn left waiting for the writer");
    turns
}

/// The calls sqlx logged, on any thread, inside a span named `name` while
/// `work` ran in it.
async fn sqlite_calls<F: std::future::Future<Output = ()>>(
    name: &'static str,
    work: F,
) -> Vec<String> {
    use tracing::Instrument as _;
    static SEEN: std::sync::OnceLock<Statements> = std::sync::OnceLock::new();
    let seen = SEEN.get_or_init(|| {
        let seen = Statements::default();
        let subscriber = tracing_subscriber::registry()
            .with(InSpan(seen.clone()))
            .with(
                tracing_subscriber::filter::Targets::new()
                    .with_target("sqlx::query", tracing::Level::TRACE)
                    .with_target(SPAN_TARGET, tracing::Level::TRACE),
            );
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other process-wide subscriber in the test binary");
        seen
    });
    // The test's thread has no subscriber of its own: the span, and the
    // events of the connections' threads inside it, go to the global one.
    let span = tracing::trace_span!(target: SPAN_TARGET, "budget", name);
    work.instrument(span).await;
    let mut all = seen.0.lock().map(|all| all.clone()).unwrap_or_default();
    all.retain(|line| line.starts_with(&format!("{name}\t")));
    all.into_iter()
        .map(|line| line[name.len() + 1..].to_owned())
        // A reader connection the pool opened meanwhile sets itself up;
        // that is not the update's cost.
        .filter(|call| !call.starts_with("PRAGMA "))
        .collect()
}

const SPAN_TARGET: &str = "mesabot_test_budget";

/// Records sqlx's statements logged inside a budget span, as "name\ttext".
struct InSpan(Statements);

impl<S> tracing_subscriber::Layer<S> for InSpan
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        id: &tracing::span::Id,
        ctx: Context<'_, S>,
    ) {
        #[derive(Default)]
        struct Name(Option<String>);
        impl Visit for Name {
            fn record_str(&mut self, field: &Field, value: &str) {
                if field.name() == "name" {
                    self.0 = Some(value.to_owned());
                }
            }
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                if field.name() == "name" {
                    self.0 = Some(format!("{value:?}").trim_matches('"').to_owned());
                }
            }
        }
        let mut name = Name::default();
        attrs.record(&mut name);
        if let (Some(name), Some(span)) = (name.0, ctx.span(id)) {
            span.extensions_mut().insert(BudgetName(name));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        let Some(name) = scope
            .into_iter()
            .find_map(|span| span.extensions().get::<BudgetName>().map(|n| n.0.clone()))
        else {
            return;
        };
        let text = statement_text(event);
        if let Ok(mut all) = (self.0).0.lock() {
            all.push(format!("{name}\t{text}"));
        }
    }
}

struct BudgetName(String);

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
