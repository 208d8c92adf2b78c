//! Several replicas on one PostgreSQL: two `mesabot serve` processes in
//! webhook mode behind a "load balancer" (the fake Bot API posting each
//! update to the next replica in turn), one of them holding the bot-wide
//! work (the Telegram sender, the mail worker, the clocks). The one holding
//! the sender is killed with SIGKILL in the middle of a burst of users
//! walking the ticket path, then both are restarted one after the other.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::fake_bot_api::FakeBotApi;
use crate::support::smtp::SmtpServer;
use crate::support::{TestDb, http_get, logged_address, serve_logging, terminate, text};
use mesabot::store::lease::Work;
use tokio::process::Child;

const URL: &str = "https://mesa.example.gob.mx/telegram/webhook";
const SECRET: &str = "replicas-2026";
const USERS: i64 = 30;
const FIRST_USER: i64 = 800_000;

/// What a user does, and what the bot says back, on the ticket path.
const STEPS: [(Result<&str, &str>, &str); 12] = [
    (Ok("/start"), "le atiende"),
    (Err("ticket:new"), "Aviso de privacidad"),
    (Err("privacy:yes"), "¿Qué tipo de solicitud es?"),
    (Err("kind:incidente"), "¿A qué servicio corresponde?"),
    (Err("svc:1"), "Describa el problema"),
    (
        Ok("No puedo entrar a mi correo desde el lunes"),
        "nombre completo",
    ),
    (Ok("Ana Pérez López"), "correo electrónico"),
    (Ok("ana.perez@edomex.gob.mx"), "teléfono de contacto"),
    (Ok("55 1234 5678"), "¿A cuántas personas afecta"),
    (Err("impact:menor"), "¿Qué tanto le impide trabajar?"),
    (Err("urgency:media"), "Prioridad: 4 (baja)"),
    (Err("ticket:create"), "número MESA-"),
];

struct Replica {
    process: Child,
    address: String,
}

async fn replica(db: &TestDb, api: &FakeBotApi, smtp: &str, log: &Path) -> Replica {
    let process = serve_logging(
        db,
        &api.url,
        &[
            ("WEBHOOK_URL", URL),
            ("WEBHOOK_LISTEN", "127.0.0.1:0"),
            ("WEBHOOK_SECRET", SECRET),
            ("SMTP_URL", smtp),
            ("TICKET_PREFIX", "MESA-"),
            ("RUST_LOG", "info"),
        ],
        log,
    );
    let address = logged_address(log, "webhook listening").await;
    Replica { process, address }
}

async fn holds_sender(address: &str) -> bool {
    http_get(address, "/metrics")
        .await
        .1
        .lines()
        .any(|line| line == "mesabot_holds_sender 1")
}

/// Each user walks the whole ticket path; gives when each finished.
fn burst(api: &Arc<FakeBotApi>, users: std::ops::Range<i64>) -> Vec<tokio::task::JoinHandle<()>> {
    users
        .map(|chat| {
            let api = api.clone();
            tokio::spawn(async move {
                for (action, expected) in STEPS {
                    match action {
                        Ok(words) => api.user_writes(chat, words).await,
                        Err(data) => api.user_presses(chat, data).await,
                    }
                    api.wait_for_text_within(chat, expected, Duration::from_secs(90))
                        .await;
                }
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sender_moves_to_the_other_replica_when_its_own_dies_and_nothing_is_lost() {
    if crate::support::postgres_only("several replicas share one PostgreSQL") {
        return;
    }
    let db = TestDb::new();
    db.store().await.close().await;
    let api = Arc::new(FakeBotApi::start().await);
    let smtp = SmtpServer::start();
    let smtp_url = smtp.url();
    // The replicas' logs stay after the run (overwritten by the next), so a
    // failure can be read.
    let log_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("replicas-logs");
    std::fs::create_dir_all(&log_dir).expect("log folder");
    let logs = |name: &str| log_dir.join(format!("{name}.log"));
    let mut a = replica(&db, &api, &smtp_url, &logs("a1")).await;
    let mut b = replica(&db, &api, &smtp_url, &logs("b1")).await;
    api.deliver_webhook_to_each(&[&a.address, &b.address]).await;
    crate::support::eventually("one replica holds the sender", || async {
        holds_sender(&a.address).await || holds_sender(&b.address).await
    })
    .await;
    if !holds_sender(&a.address).await {
        std::mem::swap(&mut a, &mut b);
    }
    assert!(
        !holds_sender(&b.address).await,
        "one replica sends, not both"
    );

    // A burst of users on the ticket path; a third of the way in, the replica
    // holding the sender is killed.
    let users = burst(&api, FIRST_USER..FIRST_USER + USERS);
    crate::support::eventually("the burst under way", || async {
        let mut started = 0;
        for chat in FIRST_USER..FIRST_USER + USERS {
            if api.sent_to(chat).await.len() >= 4 {
                started += 1;
            }
        }
        started >= USERS / 3
    })
    .await;
    a.process.kill().await.expect("killed");
    let killed_at = Instant::now();
    api.deliver_webhook_to_each(&[&b.address]).await;
    crate::support::eventually("the other replica holds the sender", || async {
        holds_sender(&b.address).await
    })
    .await;
    let took_over = killed_at.elapsed();
    assert!(
        took_over < Duration::from_secs(10),
        "the sender resumed after {took_over:?}"
    );
    for user in users {
        user.await.expect("every user reached the ticket number");
    }

    // Both restarted one after the other while more users come.
    let a2 = replica(&db, &api, &smtp_url, &logs("a2")).await;
    api.deliver_webhook_to_each(&[&a2.address, &b.address])
        .await;
    let more = burst(&api, FIRST_USER + USERS..FIRST_USER + USERS + 10);
    terminate(b.process).await;
    api.deliver_webhook_to_each(&[&a2.address]).await;
    let b2 = replica(&db, &api, &smtp_url, &logs("b2")).await;
    api.deliver_webhook_to_each(&[&a2.address, &b2.address])
        .await;
    for user in more {
        user.await
            .expect("every later user reached the ticket number");
    }
    let total = USERS + 10;

    // One ticket per completed wizard, numbered 1..=40, each told once.
    assert_eq!(db.count("SELECT count(*) FROM tickets").await, total);
    assert_eq!(
        db.count("SELECT count(DISTINCT number) FROM tickets WHERE number BETWEEN 1 AND 40")
            .await,
        total
    );
    for chat in FIRST_USER..FIRST_USER + total {
        let told = api
            .sent_to(chat)
            .await
            .iter()
            .filter(|m| text(m).contains("número MESA-"))
            .count();
        assert_eq!(told, 1, "chat {chat} told its ticket number {told} times");
    }
    // Each mail once (the user's and the resolver's, per ticket).
    crate::support::eventually("every mail sent", || async {
        smtp.received().len() >= 2 * total as usize
    })
    .await;
    crate::support::eventually("the outbox sent", || async {
        db.count("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            .await
            == 0
    })
    .await;
    terminate(a2.process).await;
    terminate(b2.process).await;
    let mails = smtp.received();
    let mut ids: Vec<String> = mails
        .iter()
        .filter_map(|m| {
            m.text()
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id"))
                .map(String::from)
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(mails.len(), 2 * total as usize, "each mail once");
    assert_eq!(ids.len(), mails.len(), "no mail twice");
    assert_eq!(db.count("SELECT count(*) FROM sends").await, 0);
    let violations = api.limit_violation_details().await;
    assert!(
        violations.is_empty(),
        "Telegram's limits kept: {violations:#?}"
    );
}

/// A replica taking the sender over waits for Telegram's per-chat second
/// after the window in which the previous one could send; when nobody was
/// sending, it starts at once (no pause at every start of the bot).
#[tokio::test]
async fn a_new_sender_waits_only_when_the_previous_one_was_sending() {
    if crate::support::postgres_only("replicas share one PostgreSQL") {
        return;
    }
    let db = TestDb::new();
    let first = db.store().await;
    let second = db.store().await;
    assert_eq!(
        first.sender_quiet_in().await.expect("window read"),
        Duration::ZERO,
        "nobody ever sent: no wait"
    );

    let lease = first.lease(Work::Telegram).await;
    let mut window = lease.send_window();
    assert!(window.open().await, "the holder may send");
    let quiet_in = second.sender_quiet_in().await.expect("window read");
    assert!(
        quiet_in > Duration::from_millis(1100) && quiet_in <= Duration::from_millis(1600),
        "the window (0.5 s) and Telegram's second are waited: {quiet_in:?}"
    );
    assert!(
        second.try_lease(Work::Telegram).await.is_none(),
        "one sender at a time"
    );

    lease.release().await;
    assert!(
        !window.open().await,
        "a released lease's sender may not move its window on"
    );
    assert!(
        second.try_lease(Work::Telegram).await.is_some(),
        "the other process takes the work once it is released"
    );
}
