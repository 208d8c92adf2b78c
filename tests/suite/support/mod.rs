//! Shared test helpers: a desk on a real SQLite file in a temporary folder,
//! with a clock the test moves.

pub mod app;
pub mod fake_bot_api;
pub mod postgres;
pub mod smtp;
pub mod talk;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use mesabot::desk::{Desk, Settings};
use mesabot::locale::{Locale, Texts};
use mesabot::store::conversations::{Channel, Participant};
use mesabot::store::{Database, Store};
use tempfile::TempDir;

/// A clock that stays where the test puts it.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    /// Local time in America/Mexico_City on 2026-11-26.
    pub fn local(hour: u32, minute: u32) -> TestClock {
        TestClock(Arc::new(Mutex::new(local_time(hour, minute))))
    }

    /// At a given instant.
    pub fn at(instant: DateTime<Utc>) -> TestClock {
        TestClock(Arc::new(Mutex::new(instant)))
    }

    pub fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().expect("clock lock");
        *now += chrono::Duration::from_std(by).expect("small duration");
    }
}

pub fn local_time(hour: u32, minute: u32) -> DateTime<Utc> {
    chrono_tz::America::Mexico_City
        .with_ymd_and_hms(2026, 11, 26, hour, minute, 0)
        .single()
        .expect("valid local time")
        .with_timezone(&Utc)
}

/// A temporary folder holding one database file.
pub struct TestDb {
    pub dir: TempDir,
    /// The SQLite file (on the PostgreSQL pass, where it would be).
    pub path: PathBuf,
    /// On the PostgreSQL pass (`MESABOT_TEST_DATABASE=postgres`): the URL
    /// of this test's own database.
    postgres: Option<String>,
}

impl TestDb {
    /// A new database: a SQLite file, or on the PostgreSQL pass a database
    /// of its own on the throwaway server.
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("data").join("mesabot.db");
        let postgres = postgres::selected().then(postgres::new_database);
        TestDb {
            dir,
            path,
            postgres,
        }
    }

    pub fn url(&self) -> String {
        match &self.postgres {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.path.display()),
        }
    }

    pub async fn store(&self) -> Store {
        let database = Database::parse(&self.url()).expect("valid url");
        Store::open(&database).await.expect("database opens")
    }

    pub async fn desk(&self, clock: &TestClock) -> Desk {
        let clock = clock.clone();
        Desk::new(
            self.store().await,
            Texts::load().expect("locales"),
            settings(),
        )
        .with_clock(Arc::new(move || clock.now()))
    }

    /// A desk whose clock counts the times the desk looked at it. A user's
    /// update looks as it starts, after its read, and as it comes to write,
    /// so a test can act between those points.
    pub async fn desk_counting_looks(
        &self,
        clock: &TestClock,
    ) -> (Desk, Arc<std::sync::atomic::AtomicUsize>) {
        let looked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = (clock.clone(), looked.clone());
        let desk = self.desk(clock).await.with_clock(Arc::new(move || {
            counted.1.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            counted.0.now()
        }));
        (desk, looked)
    }

    /// One number read from the database (a COUNT, a SUM).
    pub async fn count(&self, sql: &str) -> i64 {
        let store = self.store().await;
        let n: i64 = sqlx::query_scalar(sql)
            .fetch_one(store.reader())
            .await
            .expect("query runs");
        store.close().await;
        n
    }

    /// One text column of each row a query gives, in order.
    pub async fn rows(&self, sql: &str) -> Vec<String> {
        let store = self.store().await;
        let rows: Vec<String> = sqlx::query_scalar(sql)
            .fetch_all(store.reader())
            .await
            .expect("query runs");
        store.close().await;
        rows
    }

    /// Another process's write lock on the database, held until released:
    /// SQLite's one write lock, or on PostgreSQL every table locked against
    /// writes (reads go on).
    pub async fn lock_writes(&self) -> WriteLock {
        let store = self.store().await;
        let mut connection = store.writer().conn().await.expect("a connection");
        if store.dialect() == mesabot::store::Dialect::Sqlite {
            sqlx::query("BEGIN EXCLUSIVE")
                .execute(&mut *connection)
                .await
                .expect("lock taken");
        } else {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
            )
            .fetch_all(&mut *connection)
            .await
            .expect("tables");
            sqlx::query("BEGIN")
                .execute(&mut *connection)
                .await
                .expect("transaction");
            sqlx::query(&format!(
                "LOCK TABLE {} IN EXCLUSIVE MODE",
                tables.join(", ")
            ))
            .execute(&mut *connection)
            .await
            .expect("lock taken");
        }
        WriteLock { store, connection }
    }
}

pub struct WriteLock {
    store: Store,
    connection: mesabot::store::WriteConn,
}

impl WriteLock {
    pub async fn release(mut self) {
        sqlx::query("ROLLBACK")
            .execute(&mut *self.connection)
            .await
            .expect("lock released");
        drop(self.connection);
        self.store.close().await;
    }
}

/// For a test of something only SQLite has (its file, its locks, its
/// backups): true, and said, on the PostgreSQL pass, where it does not run.
pub fn sqlite_only(what: &str) -> bool {
    let skip = postgres::selected();
    if skip {
        eprintln!("not run on PostgreSQL: {what}");
    }
    skip
}

/// For a test of what only PostgreSQL offers (several processes on one
/// database): true, and said, on the SQLite pass.
pub fn postgres_only(what: &str) -> bool {
    let skip = !postgres::selected();
    if skip {
        eprintln!("run on the PostgreSQL pass only: {what}");
    }
    skip
}

pub fn settings() -> Settings {
    Settings {
        tz: chrono_tz::America::Mexico_City,
        default_locale: Locale::EsMx,
        bot_name: None,
        call_center_phone: "800 696 9696".into(),
        inactivity: Duration::from_secs(30 * 60),
        ticket_prefix: String::new(),
        privacy_notice_url: "https://dgsei.example.gob.mx/privacidad".into(),
        mail_domain: "mesa.example.gob.mx".into(),
        agents: mesabot::agents::AgentSettings::none(),
        relay_transfers: true,
        staff_verified_for: Duration::from_secs(12 * 3600),
    }
}

/// Waits until `check` holds (30 s at most), polling: for conditions no
/// message announces (a log line, an offset, a refusal).
pub async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !check().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited 30 s for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The binary on the test's database, in its folder, with no other setting.
pub fn mesabot_command(db: &TestDb, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mesabot"));
    command
        .args(args)
        .current_dir(db.dir.path())
        .env_clear()
        .env("DATABASE_URL", db.url());
    command
}

/// Runs an administrator's command (`mesabot faq …`, `phrases …`) on the test's database.
pub fn mesabot(db: &TestDb, args: &[&str]) -> std::process::Output {
    mesabot_command(db, args).output().expect("mesabot runs")
}

pub fn user(chat_id: i64) -> Participant {
    Participant {
        channel: Channel::Telegram,
        chat_id,
        user_id: Some(chat_id),
        user_name: Some(format!("Usuario {chat_id}")),
        locale: Locale::EsMx,
    }
}

/// The real `mesabot serve` against a fake Bot API, with only the given
/// variables besides the test's own database and token.
fn serve_command(db: &TestDb, api_url: &str, env: &[(&str, &str)]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_mesabot"));
    command
        .arg("serve")
        .current_dir(db.dir.path())
        .env_clear()
        .env("TELOXIDE_TOKEN", "123456:TEST-TOKEN")
        .env("TELOXIDE_API_URL", api_url)
        .env("DATABASE_URL", db.url())
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true);
    command
}

/// Starts the bot; its log goes to the test's output.
pub fn serve(db: &TestDb, api_url: &str, env: &[(&str, &str)]) -> tokio::process::Child {
    serve_command(db, api_url, env)
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("mesabot serve starts")
}

/// As [`serve`], with the bot's log (stderr) written to `log`.
pub fn serve_logging(
    db: &TestDb,
    api_url: &str,
    env: &[(&str, &str)],
    log: &std::path::Path,
) -> tokio::process::Child {
    let file = std::fs::File::create(log).expect("log file");
    serve_command(db, api_url, env)
        .stderr(file)
        .spawn()
        .expect("mesabot serve starts")
}

/// Stops the bot as a service manager would, and checks it stops cleanly.
pub async fn terminate(mut bot: tokio::process::Child) {
    let pid = bot.id().expect("still running");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(20), bot.wait())
        .await
        .expect("stops within 20 s after SIGTERM")
        .expect("exit status");
    assert!(exit.success(), "clean exit after SIGTERM: {exit}");
}

/// The text of a message the bot sent.
pub fn text(message: &serde_json::Value) -> &str {
    message["text"].as_str().unwrap_or_default()
}

/// The callback data of a message's inline buttons.
pub fn button_data(message: &serde_json::Value) -> Vec<String> {
    message["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .filter_map(|button| button["callback_data"].as_str().map(String::from))
        .collect()
}

/// All the replies' texts, one per line.
pub fn joined(replies: &[mesabot::protocol::Reply]) -> String {
    replies
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A user's way through the ticket wizard in Telegram, from the greeting to
/// the summary: texts to write (`Ok`) and button data to press (`Err`).
pub fn ticket_wizard(detail: &str) -> Vec<Result<&str, &str>> {
    vec![
        Ok("/start"),
        Err("ticket:new"),
        Err("privacy:yes"),
        Err("kind:incidente"),
        Err("svc:1"),
        Ok(detail),
        Ok("Ana Pérez López"),
        Ok("ana.perez@edomex.gob.mx"),
        Ok("55 1234 5678"),
        Err("impact:menor"),
        Err("urgency:media"),
    ]
}

/// The user of `chat` takes each action, each after the bot answered the last.
pub async fn walk(api: &fake_bot_api::FakeBotApi, chat: i64, actions: &[Result<&str, &str>]) {
    let mut expected = api.sent_to(chat).await.len();
    for action in actions {
        match action {
            Ok(words) => api.user_writes(chat, words).await,
            Err(data) => api.user_presses(chat, data).await,
        }
        expected += 1;
        api.wait_for_messages(chat, expected).await;
    }
}

/// Waits for the bot's log line containing `marker` and gives the address in
/// its `listen=` field (the bot binds port 0 and logs which port it got).
pub async fn logged_address(log: &std::path::Path, marker: &str) -> String {
    let address = || {
        std::fs::read_to_string(log)
            .unwrap_or_default()
            .lines()
            .find(|line| line.contains(marker))
            .map(strip_colours)
            .and_then(|line| {
                let rest = line.split("listen=").nth(1)?;
                Some(rest.split_whitespace().next()?.to_owned())
            })
    };
    eventually(
        &format!("«{marker}» with its address in the log"),
        || async { address().is_some() },
    )
    .await;
    address().unwrap_or_default()
}

/// A log line without its terminal colour codes.
fn strip_colours(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Up to the sequence's final letter.
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A GET on loopback: the status and the body.
pub async fn http_get(address: &str, path: &str) -> (u16, String) {
    let response = reqwest::get(format!("http://{address}{path}"))
        .await
        .expect("the listener answers");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}
