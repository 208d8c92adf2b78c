//! Webhook intake: the real `mesabot serve` with `WEBHOOK_URL`, the fake Bot
//! API posting updates to it as Telegram does.

use std::path::Path;

use crate::support::fake_bot_api::FakeBotApi;
use crate::support::{TestDb, http_get, logged_address, serve_logging, terminate, text};
use serde_json::json;
use tokio::process::Child;

const CHAT: i64 = 515_151;
const STRANGER: i64 = 616_161;
const URL: &str = "https://mesa.example.gob.mx/telegram/webhook";
const SECRET: &str = "s3cr3t-de-prueba_2026";

/// The bot in webhook mode on a port of its own; gives its address once the
/// webhook is set, and points the fake's posts at it.
async fn serve_webhook(db: &TestDb, api: &FakeBotApi, log: &Path) -> (Child, String) {
    let bot = serve_logging(
        db,
        &api.url,
        &[
            ("WEBHOOK_URL", URL),
            ("WEBHOOK_LISTEN", "127.0.0.1:0"),
            ("WEBHOOK_SECRET", SECRET),
            ("RUST_LOG", "info"),
        ],
        log,
    );
    let address = logged_address(log, "webhook listening").await;
    api.deliver_webhook_to(&address).await;
    (bot, address)
}

/// What a user wrote before the bot started is kept by Telegram and posted
/// once the webhook is set; each post is answered 200 after it was handled;
/// health and metrics are on the same listener; the webhook stays set at stop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_is_answered_through_the_webhook() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    api.user_writes(CHAT, "hola, olvidé la contraseña de mi correo")
        .await;
    let log = db.dir.path().join("serve.log");
    let (bot, address) = serve_webhook(&db, &api, &log).await;

    let set = api.calls("setWebhook").await;
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].body["url"], URL);
    assert_eq!(set[0].body["secret_token"], SECRET);
    assert_ne!(
        set[0].body["drop_pending_updates"],
        json!(true),
        "pending updates are never dropped"
    );

    let sent = api.wait_for_text(CHAT, "¿Se resolvió su problema?").await;
    assert!(text(&sent[0]).contains("le atiende Mesa de Ayuda DGSEI"));
    api.user_presses(CHAT, "solved:yes").await;
    api.wait_for_text(CHAT, "¡Qué bueno que se resolvió!").await;
    crate::support::eventually("both posts answered 200", || async {
        api.webhook_answers().await == [(1, 200), (2, 200)]
    })
    .await;

    let (status, body) = http_get(&address, "/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (status, body) = http_get(&address, "/metrics").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("mesabot_updates_handled_total{from=\"user\"} 2"),
        "{body}"
    );
    terminate(bot).await;
    assert_eq!(
        api.webhook().await.map(|(url, _)| url).as_deref(),
        Some(URL),
        "a stopping process leaves the webhook to the others"
    );
    assert!(api.calls("deleteWebhook").await.is_empty());
}

/// Posts without Telegram's secret are refused with 401 and logged, and
/// nothing in them is handled; a body that is not an update is a 400.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_without_telegram_s_secret_are_refused_and_not_handled() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let log = db.dir.path().join("serve.log");
    let (bot, address) = serve_webhook(&db, &api, &log).await;

    let forged = json!({"update_id": 900, "message": {
        "message_id": 1, "date": 1_780_000_000,
        "chat": {"id": STRANGER, "type": "private", "first_name": "Mallory"},
        "from": {"id": STRANGER, "is_bot": false, "first_name": "Mallory"},
        "text": "quiero hablar con una persona"
    }});
    let client = reqwest::Client::new();
    let endpoint = format!("http://{address}/telegram/webhook");
    for secret in [None, Some("wrong"), Some("s3cr3t-de-prueba_202")] {
        let mut request = client
            .post(&endpoint)
            .header("Content-Type", "application/json")
            .body(forged.to_string());
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = request.send().await.expect("an answer").status();
        assert_eq!(status.as_u16(), 401, "secret {secret:?}");
    }
    let status = client
        .post(&endpoint)
        .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
        .body("{\"not\": \"an update\"}")
        .send()
        .await
        .expect("an answer")
        .status();
    assert_eq!(status.as_u16(), 400);

    // A genuine update after them is handled; the forged one never was.
    api.user_writes(CHAT, "/start").await;
    api.wait_for_messages(CHAT, 1).await;
    assert!(api.sent_to(STRANGER).await.is_empty());
    let stranger = format!("SELECT COUNT(*) FROM conversations WHERE chat_id = {STRANGER}");
    assert_eq!(db.count(&stranger).await, 0);
    assert_eq!(
        db.count("SELECT COUNT(*) FROM handled_updates WHERE update_id = 900")
            .await,
        0
    );
    let logged = std::fs::read_to_string(&log).expect("log");
    assert_eq!(
        logged.matches("without Telegram's secret; refused").count(),
        3,
        "{logged}"
    );
    let (_, metrics) = http_get(&address, "/metrics").await;
    assert!(
        metrics.contains("mesabot_errors_total{kind=\"webhook_unauthorized\"} 3"),
        "{metrics}"
    );
    terminate(bot).await;
}

/// The database is locked while an update is posted: the post is not answered
/// 200; the process is killed; Telegram posts the update to the process that
/// replaces it, which answers it once the lock is gone, and only once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_in_hand_when_the_process_dies_is_posted_again_and_handled_once() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let log = db.dir.path().join("serve.log");
    let (mut bot, _) = serve_webhook(&db, &api, &log).await;
    api.user_writes(CHAT, "/start").await;
    api.wait_for_messages(CHAT, 1).await;

    let lock = db.lock_writes().await;
    api.user_writes(CHAT, "olvidé la contraseña de mi correo")
        .await;
    crate::support::eventually("the lock error in the log", || async {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("the database is unavailable")
    })
    .await;
    assert!(
        !api.webhook_answers().await.contains(&(2, 200)),
        "not confirmed while locked"
    );
    bot.kill().await.expect("killed");

    let log = db.dir.path().join("serve-again.log");
    let (bot, _) = serve_webhook(&db, &api, &log).await;
    lock.release().await;
    api.wait_for_text(CHAT, "¿Se resolvió su problema?").await;
    crate::support::eventually("the update confirmed", || async {
        api.webhook_answers().await.contains(&(2, 200))
    })
    .await;
    terminate(bot).await;
    let answers = api
        .sent_to(CHAT)
        .await
        .iter()
        .filter(|m| text(m).contains("¿Se resolvió su problema?"))
        .count();
    assert_eq!(answers, 1);
    let written = db
        .count(
            "SELECT COUNT(*) FROM messages \
         WHERE direction = 'in' AND body = 'olvidé la contraseña de mi correo'",
        )
        .await;
    assert_eq!(written, 1, "handled once");
}

/// A bot started in polling mode where a webhook was left set deletes it
/// (keeping the updates waiting at Telegram) and answers by polling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_deletes_a_webhook_it_finds() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    api.has_webhook(URL).await;
    api.user_writes(CHAT, "/start").await;
    let bot = crate::support::serve(&db, &api.url, &[]);
    api.wait_for_messages(CHAT, 1).await;
    let deleted = api.calls("deleteWebhook").await;
    assert_eq!(deleted.len(), 1);
    assert_ne!(deleted[0].body["drop_pending_updates"], json!(true));
    assert!(api.webhook().await.is_none());
    terminate(bot).await;
}
