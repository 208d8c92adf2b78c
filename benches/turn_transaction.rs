//! What a user's update costs the SQLite store, by binding: the same
//! transaction a question answered from the FAQ writes (BEGIN IMMEDIATE, the
//! update recorded, the open conversation read, two transcript lines, the
//! search, the new state, the queued reply, COMMIT) through sqlx's `Any`
//! pool, as mesabot runs it, against rusqlite with statements prepared once:
//! called in place, and from async code through `spawn_blocking`, as a
//! synchronous binding for the turn would be (issue 16). WAL and
//! `synchronous = NORMAL` on both, as `store` opens the file.
//! `cargo bench --bench turn_transaction`

use std::sync::{Arc, Mutex};

use criterion::{Criterion, criterion_group, criterion_main};
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

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let mut group = c.benchmark_group("a user's update, SQLite");

    let sqlx_file = file("sqlx.db");
    seed(&rusqlite_connection(&sqlx_file));
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}", sqlx_file.display());
    let pool = runtime.block_on(async {
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect(&url)
            .await
            .expect("the pool");
        pool.execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;")
            .await
            .expect("pragmas");
        pool
    });
    let mut update = 0_i64;
    group.bench_function("sqlx Any pool (as mesabot runs it)", |b| {
        b.iter(|| {
            update += 1;
            runtime.block_on(turn_sqlx(&pool, update));
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
