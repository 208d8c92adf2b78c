//! Databases made by earlier releases are upgraded by today's binary at
//! start: their migrations (kept byte for byte in `fixtures/`, as sqlx checks
//! each one's checksum) are followed by today's, and a conversation in
//! progress goes on where it was.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::support::TestDb;

/// A database as a release whose migrations were `files` (in order) left it.
async fn database_from(db: &TestDb, files: &[&str]) {
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/fixtures/migrations-2026-11-26");
    let folder = db.dir.path().join("old-migrations");
    std::fs::create_dir_all(&folder).expect("folder");
    for file in files {
        std::fs::copy(fixtures.join(file), folder.join(file)).expect("copied");
    }
    std::fs::create_dir_all(db.path.parent().expect("data folder")).expect("data folder");
    let options = SqliteConnectOptions::from_str(&db.url())
        .expect("url")
        .create_if_missing(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("old database");
    sqlx::migrate::Migrator::new(folder.as_path())
        .await
        .expect("old migrations")
        .run(&pool)
        .await
        .expect("applied");
    pool.close().await;
}

fn chat(db: &TestDb, input: &str) -> (bool, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mesabot"))
        .args(["chat", "--chat-id", "1"])
        .current_dir(db.dir.path())
        .env_clear()
        .env("DATABASE_URL", db.url())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("chat starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("typed");
    let out = child.wait_with_output().expect("chat ends");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn todays_migrations() -> i64 {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    std::fs::read_dir(folder).expect("migrations").count() as i64
}

async fn applied(db: &TestDb) -> i64 {
    let store = db.store().await;
    let n = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(store.reader())
        .await
        .expect("migrations table");
    store.close().await;
    n
}

#[tokio::test]
async fn the_first_releases_database_is_upgraded_at_start() {
    if crate::support::sqlite_only("the first releases were SQLite only") {
        return;
    }
    let db = TestDb::new();
    database_from(&db, &["0001_core.sql", "0002_sample_catalogue_and_faq.sql"]).await;
    let (ok, stdout, stderr) = chat(&db, "olvidé la contraseña de mi correo\n");
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("¿Cómo restablezco la contraseña de mi correo institucional?"),
        "{stdout}"
    );
    assert_eq!(applied(&db).await, todays_migrations());
}

#[tokio::test]
async fn a_conversation_in_the_middle_of_a_ticket_goes_on_after_the_upgrade() {
    if crate::support::sqlite_only("the first releases were SQLite only") {
        return;
    }
    let db = TestDb::new();
    let files: Vec<String> = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/fixtures/migrations-2026-11-26"),
    )
    .expect("fixtures")
    .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
    .collect();
    let mut files: Vec<&str> = files.iter().map(String::as_str).collect();
    files.sort_unstable();
    database_from(&db, &files).await;
    // The previous release saved this conversation waiting for the e-mail.
    let state = r#"{"step":{"step":"ticket_field","field":"email"},"problem":"la impresora del piso 3 no imprime","ticket":{"privacy_accepted_at":"2026-11-26T17:04:14Z","kind":"incidente","service":{"id":5,"name":"Equipo de cómputo y periféricos"},"detail":"la impresora del piso 3 no imprime nada desde ayer","attachment":null,"name":"Ana Pérez López","email":null,"phone":null,"impact":null,"urgency":null,"services":[],"detail_reviewed":true,"contact_checked":true,"correcting":false},"misses":0}"#;
    {
        let options = SqliteConnectOptions::from_str(&db.url()).expect("url");
        let pool = SqlitePoolOptions::new()
            .connect_with(options)
            .await
            .expect("open");
        let now = chrono::Utc::now().timestamp_millis();
        sqlx::query(
            "INSERT INTO conversations (channel, chat_id, locale, state, started_at, last_activity_at)
             VALUES ('terminal', 1, 'es-MX', $1, $2, $2)",
        )
        .bind(state)
        .bind(now)
        .execute(&pool)
        .await
        .expect("a conversation in progress");
        pool.close().await;
    }
    let (ok, stdout, stderr) = chat(&db, "ana.perez@edomex.gob.mx\n");
    assert!(ok, "{stderr}");
    // Resumed at the e-mail question; the e-mail taken, the phone asked next.
    assert!(stdout.contains("correo electrónico"), "{stdout}");
    assert!(
        stdout.contains("Escriba un teléfono de contacto"),
        "{stdout}"
    );
    assert_eq!(applied(&db).await, todays_migrations());
}
