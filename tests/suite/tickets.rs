//! Second-level tickets end to end below the front doors: a real SQLite file,
//! the outbox, and a real SMTP server receiving lettre's mail.

use std::sync::Arc;
use std::time::Duration;

use crate::support::app::People;
use crate::support::smtp::SmtpServer;
use crate::support::{TestClock, TestDb, joined};
use mesabot::desk::Desk;
use mesabot::mail::{Mailer, Transport};
use mesabot::protocol::{Choice, Reply};
use mesabot::store::outbox;
use mesabot::ticket::{Impact, Kind, Urgency};

async fn service_id(desk: &Desk, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM services WHERE code = $1")
        .bind(code)
        .fetch_one(desk.store().reader())
        .await
        .expect("service in the catalogue")
}

/// A user opens a network ticket from the menu; returns its number.
async fn open_ticket(desk: &Desk, chat: i64, email: &str) -> i64 {
    let service = service_id(desk, "red").await;
    let detail = "No hay internet en todo el piso 3 desde las 9:00";
    let contact = ["Ana Pérez López", email, "722 123 4567 ext. 204"];
    let created = desk.user(chat).opens_ticket(service, detail, contact).await;
    created
        .split("número ")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no ticket number in «{created}»"))
}

fn from() -> lettre::message::Mailbox {
    "Mesa de Ayuda DGSEI <mesa@dgsei.example.gob.mx>"
        .parse()
        .expect("mailbox")
}

#[tokio::test]
async fn a_ticket_is_stored_assigned_and_its_mails_queued_in_the_same_transaction() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let number = open_ticket(&desk, 21, "ana.perez@edomex.gob.mx").await;
    assert_eq!(number, 1);
    let farewell = desk.user(21).presses(Choice::MoreHelp(false)).await;
    assert!(joined(&farewell).starts_with("Le recuerdo mi nombre"));

    let pool = desk.store().reader();
    let row: (String, String, String, i64, String, String, String) = sqlx::query_as(
        "SELECT kind, service_code, status, priority, resolver_name, email, phone FROM tickets",
    )
    .fetch_one(pool)
    .await
    .expect("ticket");
    assert_eq!(
        row,
        (
            "incidente".into(),
            "red".into(),
            "asignado".into(),
            2, // urgency Alta × impact Significativo
            "Patricia Núñez Vega".into(),
            "ana.perez@edomex.gob.mx".into(),
            "722 123 4567 ext. 204".into()
        )
    );
    let history: Vec<String> = sqlx::query_scalar("SELECT status FROM ticket_events ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("history");
    assert_eq!(history, ["abierto", "asignado"]);
    let mails: Vec<(String, String)> =
        sqlx::query_as("SELECT purpose, recipient FROM outbox ORDER BY id")
            .fetch_all(pool)
            .await
            .expect("outbox");
    assert_eq!(
        mails,
        vec![
            ("ticket_user".into(), "ana.perez@edomex.gob.mx".into()),
            (
                "ticket_resolver".into(),
                "Patricia Núñez Vega <redes.resolutores@dgsei.example.gob.mx>".into()
            )
        ]
    );
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM conversations")
        .fetch_one(pool)
        .await
        .expect("conversation");
    assert_eq!(outcome, "second_level");
}

/// Two desks on their own connections, as two processes on one database
/// would be (on PostgreSQL their transactions really run at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_tickets_created_at_the_same_moment_get_fifty_consecutive_numbers() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desks = [
        Arc::new(db.desk(&clock).await),
        Arc::new(db.desk(&clock).await),
    ];
    let tasks: Vec<_> = (1..=50)
        .map(|chat| {
            let desk = desks[chat as usize % 2].clone();
            tokio::spawn(async move { open_ticket(&desk, chat, "ana@edomex.gob.mx").await })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.expect("task"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<i64>>());
}

#[tokio::test]
async fn the_user_and_the_resolver_receive_their_mail_from_a_real_smtp_server() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let number = open_ticket(&desk, 7, "ana.perez@edomex.gob.mx").await;

    let smtp = SmtpServer::start();
    let transport = Transport::new(Some(&smtp.url()), db.dir.path()).expect("transport");
    let mailer = Mailer::new(desk.store().clone(), transport, from());
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("delivery"), 2);

    let received = smtp.wait_for(2).await;
    let to_user = received
        .iter()
        .find(|m| m.to == ["ana.perez@edomex.gob.mx"])
        .expect("a mail to the user");
    let text = to_user.text();
    assert!(
        text.contains(&format!("Subject: Ticket {number}:")),
        "{text}"
    );
    assert!(
        text.contains(&format!("número de ticket {number}")),
        "{text}"
    );
    assert!(text.contains("/estado 1"), "{text}");
    assert!(
        text.contains("Content-Type: text/html"),
        "an HTML alternative: {text}"
    );
    assert!(to_user.from.contains("mesa@dgsei.example.gob.mx"));

    let to_resolver = received
        .iter()
        .find(|m| m.to == ["redes.resolutores@dgsei.example.gob.mx"])
        .expect("a mail to the resolver");
    let text = to_resolver.text();
    assert!(
        text.contains("722 123 4567 ext. 204"),
        "how to reach the user: {text}"
    );
    assert!(text.contains("No hay internet en todo el piso 3"), "{text}");

    // Sent is sent: nothing goes twice.
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("delivery"), 0);
    assert_eq!(smtp.received().len(), 2);
}

#[tokio::test]
async fn mail_waits_for_a_server_that_is_down_and_arrives_once_when_it_is_back() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let smtp = SmtpServer::start_down();
    let url = smtp.url();
    let transport = Transport::new(Some(&url), db.dir.path()).expect("transport");
    let mailer = Mailer::new(desk.store().clone(), transport, from());

    let number = open_ticket(&desk, 8, "ana@edomex.gob.mx").await;
    assert_eq!(number, 1, "the ticket does not wait for mail");
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("pass"), 0);
    let waiting = outbox::list(desk.store().reader()).await.expect("outbox");
    assert!(
        waiting
            .iter()
            .all(|m| m.attempts == 1 && m.sent_at.is_none())
    );
    assert!(
        waiting.iter().all(|m| m.last_error.is_some()),
        "the error is recorded"
    );

    smtp.come_back();
    assert_eq!(
        mailer.deliver_due(clock.now()).await.expect("pass"),
        0,
        "not before its backoff"
    );
    clock.advance(Duration::from_secs(31));
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("pass"), 2);
    clock.advance(Duration::from_secs(3600));
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("pass"), 0);
    assert_eq!(smtp.wait_for(2).await.len(), 2);
    assert_eq!(smtp.received().len(), 2, "each mail exactly once");
}

/// A server that stays down: each mail is tried with a growing pause (30 s
/// doubling up to 30 min) and given up after 20 attempts, recorded as failed.
#[tokio::test]
async fn mail_is_given_up_after_twenty_attempts() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let smtp = SmtpServer::start_down();
    let transport = Transport::new(Some(&smtp.url()), db.dir.path()).expect("transport");
    let mailer = Mailer::new(desk.store().clone(), transport, from());
    open_ticket(&desk, 9, "ana@edomex.gob.mx").await;
    let mut pauses = Vec::new();
    for _ in 0..40 {
        mailer.deliver_due(clock.now()).await.expect("pass");
        let mails = outbox::list(desk.store().reader()).await.expect("outbox");
        if mails.iter().all(|m| m.failed_at.is_some()) {
            break;
        }
        // To the next try: as long as the pause the worker chose.
        let due = mails
            .iter()
            .filter(|m| m.failed_at.is_none())
            .map(|m| m.next_attempt_at)
            .min()
            .expect("a next attempt");
        let wait = (due - clock.now().timestamp_millis()).max(0);
        pauses.push(wait / 1000);
        clock.advance(Duration::from_millis(u64::try_from(wait).unwrap_or(0) + 1));
    }
    let mails = outbox::list(desk.store().reader()).await.expect("outbox");
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        assert_eq!(mail.attempts, 20, "{mail:?}");
        assert!(
            mail.failed_at.is_some() && mail.sent_at.is_none(),
            "{mail:?}"
        );
        assert!(
            mail.last_error
                .as_deref()
                .is_some_and(|e| e.contains("421")),
            "{mail:?}"
        );
    }
    // 30 s, then doubling, never beyond 30 minutes.
    assert_eq!(&pauses[..4], [30, 60, 120, 240], "{pauses:?}");
    assert!(pauses.iter().all(|p| *p <= 1800), "{pauses:?}");
    assert_eq!(smtp.received().len(), 0);
}

#[tokio::test]
async fn an_address_the_server_refuses_is_failed_for_good_and_can_be_retried_by_hand() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let smtp = SmtpServer::start();
    let transport = Transport::new(Some(&smtp.url()), db.dir.path()).expect("transport");
    let mailer = Mailer::new(desk.store().clone(), transport, from());

    open_ticket(&desk, 9, "rechazado@edomex.gob.mx").await;
    assert_eq!(
        mailer.deliver_due(clock.now()).await.expect("pass"),
        1,
        "the resolver's"
    );
    let rows = outbox::list(desk.store().reader()).await.expect("outbox");
    let refused = rows
        .iter()
        .find(|m| m.purpose == "ticket_user")
        .expect("user mail");
    assert!(refused.failed_at.is_some());
    assert!(
        refused
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("550")),
        "{refused:?}"
    );

    clock.advance(Duration::from_secs(24 * 3600));
    assert_eq!(
        mailer.deliver_due(clock.now()).await.expect("pass"),
        0,
        "not retried forever"
    );

    // An administrator corrects the cause and retries it.
    let store = desk.store();
    assert!(
        outbox::retry(store.writer(), refused.id, clock.now().timestamp_millis())
            .await
            .expect("retry")
    );
    assert_eq!(mailer.deliver_due(clock.now()).await.expect("pass"), 0);
    let rows = outbox::list(store.reader()).await.expect("outbox");
    assert!(
        rows.iter()
            .any(|m| m.id == refused.id && m.failed_at.is_some() && m.attempts == 2)
    );
}

#[tokio::test]
async fn a_stranger_asking_for_someone_elses_ticket_learns_nothing() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let number = open_ticket(&desk, 31, "ana.perez@edomex.gob.mx").await;

    // The owner's chat sees it at once.
    let own = joined(&desk.user(31).says(&format!("/estado {number}")).await);
    assert!(
        own.contains("Estado: Asignado") && own.contains("Red e internet"),
        "{own}"
    );

    // Another chat: an existing and a missing number get the same answer.
    let theirs = desk.user(32).says(&format!("/estado {number}")).await;
    let missing = desk.user(33).says("/estado 9999").await;
    let strip = |replies: &[Reply], n: &str| joined(replies).replace(n, "N");
    assert_eq!(strip(&theirs, &number.to_string()), strip(&missing, "9999"));
    assert!(!joined(&theirs).contains("Red e internet"));

    let wrong = joined(&desk.user(32).says("otra.persona@edomex.gob.mx").await);
    assert!(
        wrong.contains("No encontré un ticket con ese número y ese correo"),
        "{wrong}"
    );

    // Whoever knows the e-mail on the ticket may see it.
    desk.user(32).says(&format!("/estado {number}")).await;
    let proven = joined(&desk.user(32).says("ANA.PEREZ@edomex.gob.mx").await);
    assert!(proven.contains("Estado: Asignado"), "{proven}");

    // Guessing is slowed down: after five misses, no more lookups for a while.
    for _ in 0..5 {
        desk.user(34).says(&format!("/estado {number}")).await;
        desk.user(34).says("adivina@edomex.gob.mx").await;
    }
    let refused = joined(&desk.user(34).says(&format!("/estado {number}")).await);
    assert!(refused.contains("espere unos minutos"), "{refused}");
    // Still refused a moment before the 15 minutes are over, allowed after.
    clock.advance(Duration::from_secs(14 * 60));
    let still = joined(&desk.user(34).says(&format!("/estado {number}")).await);
    assert!(still.contains("espere unos minutos"), "{still}");
    clock.advance(Duration::from_secs(61));
    let again = joined(&desk.user(34).says(&format!("/estado {number}")).await);
    assert!(!again.contains("espere unos minutos"), "{again}");
    let proven = joined(&desk.user(34).says("ana.perez@edomex.gob.mx").await);
    assert!(proven.contains("Estado: Asignado"), "{proven}");
}

#[tokio::test]
async fn a_returning_user_is_offered_the_same_details() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let first = open_ticket(&desk, 41, "ana.perez@edomex.gob.mx").await;
    desk.user(41).presses(Choice::MoreHelp(true)).await;
    let second = open_ticket(&desk, 41, "unused@edomex.gob.mx").await;
    assert_eq!((first, second), (1, 2));
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM tickets ORDER BY number")
        .fetch_all(desk.store().reader())
        .await
        .expect("tickets");
    assert_eq!(
        emails,
        ["ana.perez@edomex.gob.mx", "ana.perez@edomex.gob.mx"]
    );
}

#[tokio::test]
async fn after_a_ticket_the_user_is_asked_once_to_rate_the_attention() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    open_ticket(&desk, 51, "ana@edomex.gob.mx").await;
    let farewell = desk.user(51).presses(Choice::MoreHelp(false)).await;
    let question = farewell.last().expect("the rating question");
    assert!(
        question
            .text
            .contains("¿cómo calificaría la atención recibida?"),
        "{question:?}"
    );
    let scores: Vec<Choice> = question.choices().map(|b| b.choice).collect();
    assert_eq!(scores.len(), 5);
    let Choice::Rate { conversation, .. } = scores[3] else {
        panic!("rating buttons: {scores:?}");
    };
    // Someone else's forged press counts for nothing.
    let forged = desk
        .user(52)
        .presses(Choice::Rate {
            conversation,
            score: 1,
        })
        .await;
    assert!(joined(&forged).contains("ya no está disponible"));
    let thanks = desk.user(51).presses(scores[3]).await;
    assert!(joined(&thanks).contains("Gracias por su calificación"));
    let again = desk.user(51).presses(scores[0]).await;
    assert!(
        joined(&again).contains("ya no está disponible"),
        "asked once"
    );

    let month = mesabot::report::Month::containing(
        TestClock::local(10, 0).now(),
        chrono_tz::America::Mexico_City,
    );
    let i = mesabot::report::Indicators::gather(
        desk.store().reader(),
        month,
        chrono_tz::America::Mexico_City,
    )
    .await
    .expect("indicators");
    assert_eq!(i.satisfaction.distribution, [0, 0, 0, 1, 0]);
    assert_eq!(i.satisfaction.average_bot, Some(4.0));
    let text =
        mesabot::report::indicators_text(&i, desk.texts().lang(mesabot::locale::Locale::EsMx));
    assert!(
        text.contains("Satisfacción: promedio 4.0 de 5 (1 calificaciones"),
        "{text}"
    );
}

/// The administrators' commands on a real database, through the binary:
/// `ticket list`, `report` in every format, `mail retry`, `staff import` and
/// `directory export`.
#[tokio::test]
async fn the_administrators_commands_list_report_retry_import_and_export() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    let number = open_ticket(&desk, 41, "ana.perez@edomex.gob.mx").await;
    desk.store().close().await;
    let run = |args: &[&str]| {
        let out = crate::support::mesabot(&db, args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    };

    let listed = run(&["ticket", "list"]);
    assert!(
        listed.contains(&number.to_string()) && listed.contains("Red e internet"),
        "{listed}"
    );
    let assigned = run(&["ticket", "list", "--status", "asignado"]);
    assert!(assigned.contains("Red e internet"), "{assigned}");
    let closed = run(&["ticket", "list", "--status", "cerrado"]);
    assert!(!closed.contains("Red e internet"), "{closed}");

    // The test clock's month, not today's.
    let text = run(&["report", "--month", "2026-11"]);
    assert!(text.contains("1 conversaciones recibidas"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["report", "--month", "2026-11", "--format", "json"]))
            .expect("JSON");
    assert_eq!(json["outcomes"]["received"], 1);
    let csv_path = db.dir.path().join("indicadores.csv");
    run(&[
        "report",
        "--month",
        "2026-11",
        "--format",
        "csv",
        "--out",
        csv_path.to_str().expect("path"),
    ]);
    let csv = std::fs::read_to_string(&csv_path).expect("csv written");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Llamadas (conversaciones) recibidas,1,")),
        "{csv}"
    );

    // A mail given up on is put back in line by hand.
    {
        let store = db.store().await;
        sqlx::query("UPDATE outbox SET failed_at = 1, last_error = 'x' WHERE id = 1")
            .execute(&mut *store.writer().conn().await.expect("the writer"))
            .await
            .expect("failed");
        store.close().await;
    }
    let retried = run(&["mail", "retry", "1"]);
    assert!(retried.contains("#1"), "{retried}");
    let store = db.store().await;
    let failed: Option<i64> = sqlx::query_scalar("SELECT failed_at FROM outbox WHERE id = 1")
        .fetch_one(store.reader())
        .await
        .expect("mail");
    assert_eq!(failed, None);
    store.close().await;
    let missing = crate::support::mesabot(&db, &["mail", "retry", "999"]);
    assert!(!missing.status.success());

    // The staff registry from a CSV file, listed back.
    let staff = db.dir.path().join("personal.csv");
    std::fs::write(
        &staff,
        "email,name,area\nlucia.paredes@dgsei.example.gob.mx,Lucía Paredes Soto,Redes\n",
    )
    .expect("csv");
    let imported = run(&["staff", "import", staff.to_str().expect("path")]);
    assert!(imported.contains("Se importaron 1 personas"), "{imported}");
    let registry = run(&["staff", "list"]);
    assert!(
        registry.contains("lucia.paredes@dgsei.example.gob.mx")
            && registry.contains("Lucía Paredes Soto"),
        "{registry}"
    );

    // The directory, exported to a file that reads back as the same entries.
    let directory = db.dir.path().join("directorio.toml");
    let exported = run(&["directory", "export", directory.to_str().expect("path")]);
    assert!(exported.contains("Se exportaron"), "{exported}");
    let file = mesabot::directory::DirectoryFile::read(&directory).expect("a directory file");
    assert!(
        file.entries
            .iter()
            .any(|p| p.name == "Patricia Núñez Vega" && p.extension == "4310")
    );
}

/// `mesabot backup` while tickets are being written: the copy opens on its
/// own, passes SQLite's integrity check, and holds every ticket committed
/// before the backup began.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_is_sound_and_complete() {
    if crate::support::sqlite_only("`mesabot backup` copies the SQLite file (PostgreSQL: pg_dump)")
    {
        return;
    }
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = Arc::new(db.desk(&clock).await);
    for chat in 0..5 {
        open_ticket(&desk, 500 + chat, "ana.perez@edomex.gob.mx").await;
    }
    // Tickets keep coming while the backup runs.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (desk, stop) = (desk.clone(), stop.clone());
        tokio::spawn(async move {
            let mut chat = 600;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                open_ticket(&desk, chat, "beto.ruiz@edomex.gob.mx").await;
                chat += 1;
            }
        })
    };
    // The writer is at work before the backup starts.
    crate::support::eventually("the writer's first ticket", || async {
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(desk.store().reader())
            .await
            .expect("tickets");
        count > 5
    })
    .await;
    let before: i64 = sqlx::query_scalar("SELECT max(number) FROM tickets")
        .fetch_one(desk.store().reader())
        .await
        .expect("tickets");
    let copy = db.dir.path().join("copias").join("mesabot-copia.db");
    let out = crate::support::mesabot(&db, &["backup", copy.to_str().expect("path")]);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.await.expect("writer");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("integridad: ok"), "{said}");

    let checked = mesabot::store::backup::check(&copy)
        .await
        .expect("the copy opens");
    assert!(checked.sound(), "{checked:?}");
    let pool = sqlx::AnyPool::connect(&format!("sqlite://{}?mode=ro", copy.display()))
        .await
        .expect("copy");
    let numbers: Vec<i64> = sqlx::query_scalar("SELECT number FROM tickets ORDER BY number")
        .fetch_all(&pool)
        .await
        .expect("tickets in the copy");
    assert!(
        (1..=before).all(|n| numbers.contains(&n)),
        "every ticket up to {before} is in the copy: {numbers:?}"
    );
    // A second backup to the same file is refused, not overwritten.
    let again = crate::support::mesabot(&db, &["backup", copy.to_str().expect("path")]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

/// An English-speaking user opens a ticket; an agent (whose group speaks
/// Spanish) changes its status: the user is told, in chat and by mail, in
/// English.
#[tokio::test]
async fn the_owner_hears_of_a_status_change_in_their_own_language() {
    use crate::support::app::App;
    use mesabot::agents::{Agent, AgentCommand};
    use mesabot::desk::Delivery;
    use mesabot::locale::Locale;
    use mesabot::ticket::Status;

    let app = App::at(10, 0).await;
    let network = service_id(&app.desk, "red").await;
    let ann = app.user(8801).speaking(Locale::En);
    ann.says("/start").await;
    ann.presses_each([
        Choice::SecondLevel,
        Choice::Privacy(true),
        Choice::Kind(Kind::Incidente),
        Choice::Service(network),
    ])
    .await;
    ann.says_each(&[
        "The whole third floor has no network since 9:00",
        "Ann Parker Lopez",
        "ann.parker@edomex.gob.mx",
        "722 123 4567",
    ])
    .await;
    ann.presses_each([
        Choice::Impact(Impact::Significativo),
        Choice::Urgency(Urgency::Alta),
        Choice::CreateTicket,
    ])
    .await;
    let number = app.db.count("SELECT MAX(number) FROM tickets").await;
    assert!(number > 0, "a ticket was created");

    let laura = Agent {
        user_id: 501,
        name: "Laura Méndez".into(),
    };
    let deliveries = app
        .agent(&laura)
        .commands(
            None,
            AgentCommand::SetStatus {
                number: number.to_string(),
                status: Status::EnProceso,
                comment: Some("checking the link".into()),
            },
        )
        .await;
    let to_ann: Vec<String> = deliveries
        .iter()
        .filter_map(|d| match d {
            Delivery::User {
                chat_id: 8801,
                reply,
            } => Some(reply.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        to_ann,
        [format!(
            "Your ticket {number} changed status: In progress. Comment: checking the link"
        )]
    );
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE recipient = 'ann.parker@edomex.gob.mx' \
         ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(app.desk.store().reader())
    .await
    .expect("the status mail");
    assert!(
        subject.starts_with(&format!("Ticket {number}: ")),
        "{subject}"
    );
    assert!(subject.contains("in progress"), "{subject}");
}
