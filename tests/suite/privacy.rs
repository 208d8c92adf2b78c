//! Personal data: anonymised after a retention period with the indicators'
//! counts intact, given back to its owner on request (ARCO), and never written
//! to the logs.

use std::time::Duration;

use crate::support::app::People;
use crate::support::fake_bot_api::{FakeBotApi, Fault};
use crate::support::{TestClock, TestDb, mesabot, terminate};
use chrono::TimeZone;
use mesabot::protocol::Choice;
use mesabot::report::{Indicators, Month, indicators_json};
use mesabot::store::tickets;
use mesabot::ticket::Status;

const ANA: i64 = 5151;
const BETO: i64 = 6262;
const CARLA: i64 = 7373;
const DORA: i64 = 8484;

/// A user of `chat` opens a ticket and says goodbye.
async fn ticket(desk: &mesabot::desk::Desk, chat: i64, detail: &str, contact: [&str; 3]) {
    let user = desk.user(chat);
    let created = user.opens_ticket(1, detail, contact).await;
    assert!(created.contains("número"), "{created}");
    user.presses(Choice::MoreHelp(false)).await;
}

/// Ana opens a ticket (resolved later) and leaves, and Carla opens one that
/// stays open, in September; Dora is helped by the FAQ in October.
async fn september_ticket(db: &TestDb) -> TestClock {
    let clock = TestClock::at(
        chrono_tz::America::Mexico_City
            .with_ymd_and_hms(2026, 9, 3, 10, 0, 0)
            .single()
            .expect("a time")
            .with_timezone(&chrono::Utc),
    );
    let desk = db.desk(&clock).await;
    ticket(
        &desk,
        ANA,
        "No hay internet en el piso 3 desde las 9:00 horas",
        ["Ana Pérez López", "ana.perez@edomex.gob.mx", "722 123 4567"],
    )
    .await;
    ticket(
        &desk,
        CARLA,
        "El escáner del archivo no envía nada desde ayer",
        [
            "Carla Ortiz Luna",
            "carla.ortiz@edomex.gob.mx",
            "722 765 4321",
        ],
    )
    .await;
    clock.advance(Duration::from_secs(3600));
    let mut tx = desk.store().begin().await.expect("tx");
    let at = clock.now().timestamp_millis();
    tickets::set_status(&mut tx, 1, Status::Cerrado, "listo", at)
        .await
        .expect("closed");
    // The mail worker sent the ticket's mails long ago.
    sqlx::query("UPDATE outbox SET sent_at = $1")
        .bind(at)
        .execute(&mut *tx)
        .await
        .expect("sent");
    tx.commit().await.expect("commit");
    // Beto is still talking: nothing of his is touched.
    desk.user(BETO).says("/start").await;
    desk.user(BETO)
        .says("Beto Ruiz necesita ayuda con la impresora")
        .await;
    // October, after the cut-off the test purges at.
    clock.advance(Duration::from_secs(35 * 24 * 3600));
    desk.user(DORA)
        .says("Dora Luz no se acuerda de la contraseña del correo")
        .await;
    desk.user(DORA).presses(Choice::Solved(true)).await;
    desk.user(DORA).presses(Choice::MoreHelp(false)).await;
    desk.store().close().await;
    clock
}

async fn september_json(db: &TestDb) -> String {
    let store = db.store().await;
    let month = Month::parse("2026-09").expect("month");
    let indicators = Indicators::gather(store.reader(), month, chrono_tz::America::Mexico_City)
        .await
        .expect("indicators");
    store.close().await;
    indicators_json(&indicators).expect("json")
}

/// The SQLite file and its log, as bytes; `None` on PostgreSQL, whose files
/// are the server's.
fn file_bytes(db: &TestDb) -> Option<Vec<u8>> {
    if crate::support::sqlite_only("reading the database file") {
        return None;
    }
    let mut bytes = std::fs::read(&db.path).expect("database file");
    bytes.extend(std::fs::read(db.path.with_extension("db-wal")).unwrap_or_default());
    Some(bytes)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn purge_anonymises_what_is_old_and_closed_and_the_indicators_keep_their_counts() {
    let db = TestDb::new();
    september_ticket(&db).await;
    let before = september_json(&db).await;
    if let Some(bytes) = file_bytes(&db) {
        assert!(contains(&bytes, "ana.perez@edomex.gob.mx"));
    }

    // A fixed cut-off: the test does not depend on today's date.
    let out = mesabot(&db, &["privacy", "purge", "--before", "2026-10-01"]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("antes del 01/10/2026 00:00"), "{said}");
    assert!(said.contains("1 tickets"), "{said}");

    assert_eq!(september_json(&db).await, before, "the same indicators");
    // Gone from the file itself, not only from the rows.
    let bytes = file_bytes(&db);
    for personal in [
        "ana.perez@edomex.gob.mx",
        "Ana Pérez López",
        "722 123 4567",
        "piso 3 desde las 9:00",
    ] {
        assert!(
            !bytes.as_ref().is_some_and(|b| contains(b, personal)),
            "«{personal}» still in the file"
        );
    }
    // Beto's open conversation is untouched, and so are Carla's open ticket
    // and Dora's conversation closed after the cut-off.
    let export = mesabot(&db, &["privacy", "export", &BETO.to_string()]);
    assert!(String::from_utf8_lossy(&export.stdout).contains("Beto Ruiz necesita ayuda"));
    let carla: serde_json::Value =
        serde_json::from_slice(&mesabot(&db, &["privacy", "export", &CARLA.to_string()]).stdout)
            .expect("JSON");
    assert_eq!(carla["tickets"][0]["email"], "carla.ortiz@edomex.gob.mx");
    assert_eq!(carla["tickets"][0]["full_name"], "Carla Ortiz Luna");
    let dora = mesabot(&db, &["privacy", "export", &DORA.to_string()]);
    assert!(
        String::from_utf8_lossy(&dora.stdout).contains("Dora Luz no se acuerda"),
        "newer than the cut-off: kept"
    );
    if let Some(bytes) = bytes {
        assert!(contains(&bytes, "carla.ortiz@edomex.gob.mx"));
    }
}

#[tokio::test]
async fn a_user_gets_everything_stored_about_their_chat_and_nothing_of_others() {
    let db = TestDb::new();
    september_ticket(&db).await;
    let out = mesabot(&db, &["privacy", "export", &ANA.to_string()]);
    assert!(out.status.success(), "{out:?}");
    let data: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(data["chat_id"], ANA);
    let ticket = &data["tickets"][0];
    assert_eq!(ticket["email"], "ana.perez@edomex.gob.mx");
    assert_eq!(ticket["status"], "cerrado");
    let messages = data["messages"].as_array().expect("messages");
    assert!(messages.iter().any(|m| m["body"] == "Ana Pérez López"));
    assert!(data["mails"].as_array().is_some_and(|m| !m.is_empty()));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Beto"));
}

/// A whole ticket through Telegram with everything failing once, logged at
/// debug level: the token, the SMTP password and the user's data never appear.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_and_personal_data_never_reach_the_log() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    api.fail_next_sends(&[Fault::ServerError, Fault::RetryAfter(1)])
        .await;
    let smtp = crate::support::smtp::SmtpServer::start_down();
    let smtp_url = format!("smtp://mesa:S3cret-Pass@127.0.0.1:{}", smtp.port);
    let log = db.dir.path().join("serve.log");
    let bot = crate::support::serve_logging(
        &db,
        &api.url,
        &[
            ("RUST_LOG", "debug"),
            ("SMTP_URL", smtp_url.as_str()),
            ("MAIL_FROM", "Mesa de Ayuda <mesa@dgsei.example.gob.mx>"),
        ],
        &log,
    );
    let chat = 4040;
    let mut actions =
        crate::support::ticket_wizard("Mi equipo marca el error X-4471 desde el lunes");
    actions.extend([Err("ticket:create"), Ok("/estado 1")]);
    crate::support::walk(&api, chat, &actions).await;
    // The mail to the unreachable server has been tried (and logged).
    crate::support::eventually("the mail failure logged", || async {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("mail not sent; will retry")
    })
    .await;
    terminate(bot).await;
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("mesabot is serving Telegram"), "{text}");
    assert!(text.contains("mail not sent; will retry"), "{text}");
    assert!(text.contains("a message was not delivered"), "{text}");
    for secret in [
        "TEST-TOKEN",
        "S3cret-Pass",
        "ana.perez@edomex.gob.mx",
        "Pérez López",
        "55 1234 5678",
        "5512345678",
        "X-4471",
    ] {
        assert!(!text.contains(secret), "«{secret}» in the log:\n{text}");
    }
}
