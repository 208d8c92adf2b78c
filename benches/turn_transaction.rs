//! What a user's update costs the SQLite store, by binding: the same
//! transaction a question answered from the FAQ writes (BEGIN IMMEDIATE, the
//! update recorded, the open conversation read, two transcript lines, the
//! search, the new state, the queued reply, COMMIT) through sqlx's `Any`
//! pool statement by statement, as mesabot ran it until issue 16's held
//! writer; through sqlx with the fewest hand-offs to the connection's thread
//! (the read in one statement, the writes in one call, no pool pings), from a
//! pool and from a connection held, as `store::writer` holds it; and through
//! rusqlite with statements prepared once, called in place and through
//! `spawn_blocking`. WAL and `synchronous = NORMAL` on all, as `store` opens
//! the file. Then the whole update as the desk handles it, on the store as it
//! is. `cargo bench --bench turn_transaction`

use std::sync::{Arc, Mutex};

use criterion::{Criterion, criterion_group, criterion_main};
use mesabot::desk::{Desk, Settings};
use mesabot::locale::{Locale, Texts};
use mesabot::protocol::UserInput;
use mesabot::store::conversations::{Channel, Participant};
use mesabot::store::{Database, Store};
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS handled_updates (update_id INTEGER PRIMARY KEY, handled_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY, channel TEXT NOT NULL, chat_id INTEGER NOT NULL, state TEXT NOT NULL,
    last_activity_at INTEGER NOT NULL, ended_at INTEGER);
CREATE INDEX IF NOT EXISTS conversations_open ON conversations (channel, chat_id) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL, direction TEXT NOT NULL,
    at INTEGER NOT NULL, body TEXT NOT NULL, author TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages (conversation_id, id);
CREATE TABLE IF NOT EXISTS faq_searches (
    id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL, at INTEGER NOT NULL,
    query TEXT NOT NULL, hits INTEGER NOT NULL, best_faq_id INTEGER);
CREATE TABLE IF NOT EXISTS sends (
    id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, priority INTEGER NOT NULL,
    delivery TEXT NOT NULL, queued_at INTEGER NOT NULL);
";

const CHATS: i64 = 1000;
const STATE: &str = r#"{"step":"AfterAnswer","locale":"es-MX","faq":{"entry":12,"question":"¿Cómo restablezco la contraseña de mi correo institucional?"}}"#;
const QUESTION: &str = "olvidé la contraseña de mi correo institucional";
const ANSWER: &str = "1. Entre al portal de correo institucional y elija «¿Olvidó su contraseña?».\n2. Escriba su cuenta completa y el código que aparece en pantalla.\n\n¿Se resolvió su problema?";
const DELIVERY: &str = r#"{"User":{"chat_id":1,"reply":{"text":"1. Entre al portal…","buttons":[[{"label":"Sí, gracias","choice":"Resolved"}]]}}}"#;

const STATEMENTS: [&str; 6] = [
    "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)",
    "SELECT id, state FROM conversations WHERE channel = 'telegram' AND chat_id = $1 AND ended_at IS NULL",
    "INSERT INTO messages (conversation_id, direction, at, body, author) VALUES ($1, 'in', $2, $3, 'user'), ($1, 'out', $2, $4, 'bot')",
    "INSERT INTO faq_searches (conversation_id, at, query, hits, best_faq_id) VALUES ($1, $2, $3, 3, 12)",
    "UPDATE conversations SET state = $2, last_activity_at = $3 WHERE id = $1",
    "INSERT INTO sends (chat_id, priority, delivery, queued_at) VALUES ($1, 0, $2, $3)",
];

/// rusqlite numbers parameters `?1`, sqlx on SQLite `$1`: the same statements.
static RUSQLITE_STATEMENTS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| STATEMENTS.iter().map(|s| s.replace('$', "?")).collect());

fn file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mesabot-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn seed(conn: &rusqlite::Connection) {
    conn.execute_batch(SCHEMA).expect("schema");
    let mut insert = conn
        .prepare("INSERT INTO conversations (channel, chat_id, state, last_activity_at) VALUES ('telegram', ?1, ?2, 0)")
        .expect("prepared");
    for chat in 0..CHATS {
        insert
            .execute(rusqlite::params![chat, STATE])
            .expect("seeded");
    }
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
    )
    .expect("pragmas");
    conn
}

/// One update through rusqlite, every statement prepared once and cached.
fn turn_rusqlite(conn: &rusqlite::Connection, update: i64) {
    let (chat, at) = (update % CHATS, update);
    conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
    let sql = |n: usize| RUSQLITE_STATEMENTS[n].as_str();
    conn.prepare_cached(sql(0))
        .and_then(|mut s| s.execute(rusqlite::params![update, at]))
        .expect("handled");
    let conversation: i64 = conn
        .prepare_cached(sql(1))
        .and_then(|mut s| s.query_row([chat], |row| row.get(0)))
        .expect("read");
    conn.prepare_cached(sql(2))
        .and_then(|mut s| s.execute(rusqlite::params![conversation, at, QUESTION, ANSWER]))
        .expect("transcript");
    conn.prepare_cached(sql(3))
        .and_then(|mut s| s.execute(rusqlite::params![conversation, at, QUESTION]))
        .expect("search");
    conn.prepare_cached(sql(4))
        .and_then(|mut s| s.execute(rusqlite::params![conversation, STATE, at]))
        .expect("state");
    conn.prepare_cached(sql(5))
        .and_then(|mut s| s.execute(rusqlite::params![chat, DELIVERY, at]))
        .expect("queued");
    conn.execute_batch("COMMIT").expect("commit");
}

/// The same update through sqlx's `Any` pool (one writer connection).
async fn turn_sqlx(pool: &AnyPool, update: i64) {
    let (chat, at) = (update % CHATS, update);
    let mut conn = pool.acquire().await.expect("a connection");
    conn.execute("BEGIN IMMEDIATE").await.expect("begin");
    sqlx::query(STATEMENTS[0])
        .bind(update)
        .bind(at)
        .execute(&mut *conn)
        .await
        .expect("handled");
    let conversation: i64 = sqlx::query_scalar(STATEMENTS[1])
        .bind(chat)
        .fetch_one(&mut *conn)
        .await
        .expect("read");
    sqlx::query(STATEMENTS[2])
        .bind(conversation)
        .bind(at)
        .bind(QUESTION)
        .bind(ANSWER)
        .execute(&mut *conn)
        .await
        .expect("transcript");
    sqlx::query(STATEMENTS[3])
        .bind(conversation)
        .bind(at)
        .bind(QUESTION)
        .execute(&mut *conn)
        .await
        .expect("search");
    sqlx::query(STATEMENTS[4])
        .bind(conversation)
        .bind(STATE)
        .bind(at)
        .execute(&mut *conn)
        .await
        .expect("state");
    sqlx::query(STATEMENTS[5])
        .bind(chat)
        .bind(DELIVERY)
        .bind(at)
        .execute(&mut *conn)
        .await
        .expect("queued");
    conn.execute("COMMIT").await.expect("commit");
}

/// The same update through sqlx with the fewest hand-offs: a connection
/// taken from the pool without a ping (given back with one, as sqlx always
/// does), BEGIN IMMEDIATE, the update recorded and the conversation read in
/// one statement, every write in one multi-statement call, COMMIT.
async fn turn_sqlx_fewest(pool: &AnyPool, update: i64) {
    let mut conn = pool.acquire().await.expect("a connection");
    turn_sqlx_on(&mut conn, update).await;
}

/// The fewest hand-offs on a connection the caller holds: BEGIN IMMEDIATE
/// and COMMIT as plain statements (sqlx's own asks the connection's thread
/// once more whether the transaction began), as `store::writer` runs them.
async fn turn_sqlx_on(conn: &mut sqlx::AnyConnection, update: i64) {
    let (chat, at) = (update % CHATS, update);
    conn.execute("BEGIN IMMEDIATE").await.expect("begin");
    let conversation: i64 = sqlx::query_scalar(
        "INSERT INTO handled_updates (update_id, handled_at) VALUES ($1, $2)
         RETURNING (SELECT id FROM conversations WHERE channel = 'telegram' AND chat_id = $3 AND ended_at IS NULL)",
    )
    .bind(update)
    .bind(at)
    .bind(chat)
    .fetch_one(&mut *conn)
    .await
    .expect("read");
    sqlx::query(
        "INSERT INTO messages (conversation_id, direction, at, body, author) VALUES ($1, 'in', $2, $3, 'user'), ($1, 'out', $2, $4, 'bot');
         INSERT INTO faq_searches (conversation_id, at, query, hits, best_faq_id) VALUES ($1, $2, $3, 3, 12);
         UPDATE conversations SET state = $5, last_activity_at = $2 WHERE id = $1;
         INSERT INTO sends (chat_id, priority, delivery, queued_at) VALUES ($6, 0, $7, $2)",
    )
    .bind(conversation)
    .bind(at)
    .bind(QUESTION)
    .bind(ANSWER)
    .bind(STATE)
    .bind(chat)
    .bind(DELIVERY)
    .execute(&mut *conn)
    .await
    .expect("writes");
    conn.execute("COMMIT").await.expect("commit");
}

/// A seeded file behind sqlx's `Any` pool of one connection; `ping`: the
/// pool's default test of a connection before it is taken.
async fn seeded_pool(name: &str, ping: bool) -> AnyPool {
    let path = file(name);
    seed(&rusqlite_connection(&path));
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .test_before_acquire(ping)
        .connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("the pool");
    pool.execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
        .await
        .expect("pragmas");
    pool
}

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let mut group = c.benchmark_group("a user's update, SQLite");

    sqlx::any::install_default_drivers();
    let pool = runtime.block_on(seeded_pool("sqlx.db", true));
    let mut update = 0_i64;
    group.bench_function("sqlx Any pool, statement by statement", |b| {
        b.iter(|| {
            update += 1;
            runtime.block_on(turn_sqlx(&pool, update));
        })
    });

    let fewest = runtime.block_on(seeded_pool("fewest.db", false));
    let mut update = 0_i64;
    group.bench_function("sqlx Any pool, fewest hand-offs", |b| {
        b.iter(|| {
            update += 1;
            runtime.block_on(turn_sqlx_fewest(&fewest, update));
        })
    });

    let held = runtime.block_on(async {
        let pool = seeded_pool("held.db", false).await;
        let conn = pool.acquire().await.expect("a connection").detach();
        Arc::new(tokio::sync::Mutex::new(conn))
    });
    let mut update = 0_i64;
    group.bench_function("sqlx, one held connection (as store::writer)", |b| {
        b.iter(|| {
            update += 1;
            runtime.block_on(async {
                let mut conn = held.lock().await;
                turn_sqlx_on(&mut conn, update).await
            });
        })
    });

    let direct_file = file("direct.db");
    let direct = rusqlite_connection(&direct_file);
    seed(&direct);
    let mut update = 0_i64;
    group.bench_function("rusqlite, in place", |b| {
        b.iter(|| {
            update += 1;
            turn_rusqlite(&direct, update);
        })
    });

    let blocking_file = file("blocking.db");
    let blocking = rusqlite_connection(&blocking_file);
    seed(&blocking);
    let blocking = Arc::new(Mutex::new(blocking));
    let mut update = 0_i64;
    group.bench_function("rusqlite via spawn_blocking", |b| {
        b.iter(|| {
            update += 1;
            let (conn, n) = (blocking.clone(), update);
            runtime
                .block_on(async move {
                    tokio::task::spawn_blocking(move || {
                        let conn = conn.lock().expect("the connection");
                        turn_rusqlite(&conn, n);
                    })
                    .await
                })
                .expect("the blocking task");
        })
    });
    group.finish();

    // The whole update as the desk handles it (the understanding, the FAQ
    // search, the protocol and the store as it opens SQLite), a question
    // answered from the sample FAQ with its reply queued for the sender.
    let mut group = c.benchmark_group("a user's update, the desk on SQLite");
    let desk_file = file("desk.db");
    let desk = runtime.block_on(async {
        let url = format!("sqlite://{}", desk_file.display());
        let database = Database::parse(&url).expect("a SQLite URL");
        let store = Store::open(&database).await.expect("the store");
        let desk = Desk::new(store, Texts::load().expect("the locales"), desk_settings())
            .with_send_queue(4096);
        for chat in 0..CHATS {
            desk.handle(&person(chat), UserInput::from_text("/start"), None)
                .await
                .expect("greeted");
        }
        desk
    });
    let mut update = 0_i64;
    group.bench_function("a question answered from the FAQ", |b| {
        b.iter(|| {
            update += 1;
            runtime
                .block_on(desk.handle(
                    &person(update % CHATS),
                    UserInput::from_text(QUESTION),
                    Some(update),
                ))
                .expect("answered");
        })
    });
    group.finish();
}

fn person(chat_id: i64) -> Participant {
    Participant {
        channel: Channel::Telegram,
        chat_id,
        user_id: Some(chat_id),
        user_name: Some(format!("Usuario {chat_id}")),
        locale: Locale::EsMx,
    }
}

fn desk_settings() -> Settings {
    Settings {
        tz: chrono_tz::America::Mexico_City,
        default_locale: Locale::EsMx,
        bot_name: None,
        call_center_phone: "800 696 9696".into(),
        inactivity: std::time::Duration::from_secs(30 * 60),
        ticket_prefix: String::new(),
        privacy_notice_url: "https://dgsei.example.gob.mx/privacidad".into(),
        mail_domain: "mesa.example.gob.mx".into(),
        agents: mesabot::agents::AgentSettings::none(),
        relay_transfers: true,
        staff_verified_for: std::time::Duration::from_secs(12 * 3600),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
