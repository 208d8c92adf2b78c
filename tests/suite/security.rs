//! Nobody let in: forged agent buttons, floods, and markup in what users write.

use std::time::Duration;

use crate::support::fake_bot_api::FakeBotApi;
use crate::support::{TestDb, serve, terminate, text};

const GROUP: i64 = -1001234567890;
const ANA: i64 = 7301;
const BETO: i64 = 7302;
const MALLORY: i64 = 7666;

/// Button data crafted by a client for "Tomar" or a call report, pressed
/// outside the agents' group, does nothing and is recorded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_agent_buttons_from_a_private_chat_do_nothing() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);
    api.user_writes(ANA, "/start").await;
    api.wait_for_messages(ANA, 1).await;
    api.user_presses(ANA, "menu:agent").await;
    api.wait_for_posts(GROUP, 1).await;

    api.user_writes(MALLORY, "/start").await;
    api.wait_for_messages(MALLORY, 1).await;
    api.user_presses(MALLORY, "take:1").await;
    api.user_presses(MALLORY, "report:1:yes").await;
    api.user_writes(MALLORY, "/cola").await;
    api.user_writes(MALLORY, "/ayuda").await;
    // /cola is a command Mallory's chat does not have; /ayuda is answered.
    let sent = api.wait_for_messages(MALLORY, 3).await;
    assert!(
        text(&sent[1]).contains("No conozco ese comando"),
        "{sent:#?}"
    );
    assert!(text(&sent[2]).contains("/cancelar"), "{sent:#?}");
    // A clean stop finishes every update in hand: the checks below see them all.
    terminate(bot).await;

    assert_eq!(
        db.count("SELECT count(*) FROM handoffs WHERE taken_at IS NOT NULL")
            .await,
        0,
        "nobody took Ana's conversation"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM agent_audit WHERE chat_id = 7666 AND allowed = 0")
            .await,
        3,
        "the two buttons and the command are on record"
    );
    // Ana heard nothing from Mallory's attempts; the group only has her card.
    assert_eq!(api.sent_to(ANA).await.len(), 2);
    assert_eq!(api.posts_to(GROUP).await.len(), 1);
}

/// Hundreds of messages a minute from one chat: it is told once to slow
/// down, most of it is not handled, and another user is answered meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flooding_chat_is_slowed_and_does_not_starve_others() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = serve(&db, &api.url, &[]);
    api.user_writes(MALLORY, "/start").await;
    api.wait_for_messages(MALLORY, 1).await;
    for n in 0..300 {
        api.user_writes(MALLORY, &format!("spam {n}")).await;
    }
    api.user_writes(BETO, "/start").await;
    let beto = api.wait_for_messages(BETO, 1).await;
    assert!(text(&beto[0]).contains("le atiende"));

    // Wait until the bot has read the whole flood (it confirms what it handled).
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while api.last_offset().await < 303 {
        assert!(tokio::time::Instant::now() < deadline, "flood not read");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The notice waits its turn in the chat's queue (one message a second).
    api.wait_for_text(MALLORY, "muy rápido").await;
    // A clean stop finishes what is in hand: after it nothing more arrives.
    terminate(bot).await;
    let notices = api
        .sent_to(MALLORY)
        .await
        .iter()
        .filter(|m| text(m).contains("muy rápido"))
        .count();
    assert_eq!(notices, 1, "told once");
    let handled = db
        .count(
            "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.chat_id = 7666 AND m.direction = 'in'",
        )
        .await;
    // Exactly the allowance (TELEGRAM_FLOOD_LIMIT 20/30 s): the /start and 19 more.
    assert_eq!(handled, 20, "the allowance was handled, nothing beyond");
    assert_eq!(api.limit_violations().await, 0, "Telegram's limits kept");
}

/// What a user writes comes back as plain text: never parsed as markup by
/// Telegram, and escaped in the HTML of the ticket's mail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markup_a_user_writes_is_never_interpreted() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = serve(&db, &api.url, &[]);
    let detail = "<b>Falla</b> *grave* _ya_ [clic](http://malo.example) <script>x()</script> & más";
    crate::support::walk(&api, ANA, &crate::support::ticket_wizard(detail)).await;
    let sent = api.sent_to(ANA).await;
    let summary = sent.last().expect("the summary");
    assert!(text(summary).contains(detail), "{summary:#?}");
    for message in &sent {
        assert!(message.get("parse_mode").is_none(), "{message:#?}");
    }
    crate::support::walk(&api, ANA, &[Err("ticket:create")]).await;
    terminate(bot).await;
    let store = db.store().await;
    let html: String =
        sqlx::query_scalar("SELECT body_html FROM outbox WHERE purpose = 'ticket_user'")
            .fetch_one(store.reader())
            .await
            .expect("the user's mail");
    assert!(html.contains("&lt;script&gt;x()&lt;/script&gt;"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
}
