//! The real `mesabot serve` binary against a fake Bot API over HTTP.

use crate::support::fake_bot_api::FakeBotApi;
use crate::support::{TestDb, button_data, terminate, text};
use tokio::process::Child;

const CHAT: i64 = 424_242;

fn serve(db: &TestDb, api: &FakeBotApi) -> Child {
    crate::support::serve(db, &api.url, &[])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_is_greeted_answered_from_the_faq_and_said_goodbye() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = serve(&db, &api);

    // The command menu is registered in Spanish and in English.
    let commands = api.wait_for_calls("setMyCommands", 2).await;
    let names: Vec<&str> = commands[0].body["commands"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["command"].as_str())
        .collect();
    assert_eq!(names, ["start", "estado", "atras", "ayuda", "cancelar"]);
    assert_eq!(commands[1].body["language_code"], "en");

    api.user_writes(CHAT, "/start").await;
    let sent = api.wait_for_messages(CHAT, 1).await;
    let greeting = text(&sent[0]);
    assert!(
        ["Buenos días", "Buenas tardes", "Buenas noches"]
            .iter()
            .any(|g| greeting.starts_with(&format!(
                "{g}, le atiende Mesa de Ayuda DGSEI, ¿en qué puedo ayudarle?"
            ))),
        "{greeting}"
    );
    assert_eq!(
        button_data(&sent[0]),
        ["menu:support", "menu:status", "menu:contact", "menu:other"]
    );
    assert!(
        sent[0].get("parse_mode").is_none(),
        "user-facing text is never parsed as markup"
    );

    api.user_writes(CHAT, "olvidé la contraseña de mi correo")
        .await;
    let sent = api.wait_for_messages(CHAT, 2).await;
    assert!(text(&sent[1]).contains("¿Cómo restablezco la contraseña de mi correo institucional?"));
    assert!(text(&sent[1]).contains("¿Se resolvió su problema?"));
    assert_eq!(button_data(&sent[1])[..2], ["solved:yes", "solved:no"]);

    api.user_presses(CHAT, "solved:yes").await;
    let sent = api.wait_for_messages(CHAT, 3).await;
    assert_eq!(
        text(&sent[2]),
        "¡Qué bueno que se resolvió!\n\n¿Hay algo más en que pueda ayudarle?"
    );
    assert_eq!(button_data(&sent[2]), ["more:yes", "more:no"]);
    assert_eq!(api.calls("answerCallbackQuery").await.len(), 1);
    assert_eq!(
        api.calls("editMessageReplyMarkup").await.len(),
        1,
        "used buttons are removed"
    );

    api.user_presses(CHAT, "more:no").await;
    let sent = api.wait_for_messages(CHAT, 4).await;
    assert!(text(&sent[3]).starts_with("Le recuerdo mi nombre, Mesa de Ayuda DGSEI. Hasta luego"));

    terminate(bot).await;

    let store = db.store().await;
    // Whether a time is set, as 1 or 0 on every database.
    let row: (String, i64, String, String, String, i64, i64) = sqlx::query_as(
        "SELECT channel, chat_id, user_name, outcome, handled_by,
                CASE WHEN first_response_at IS NULL THEN 0 ELSE 1 END,
                CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END
           FROM conversations",
    )
    .fetch_one(store.reader())
    .await
    .expect("one conversation");
    assert_eq!(
        row,
        (
            "telegram".into(),
            CHAT,
            "Ana Pérez".into(),
            "first_level".into(),
            "bot".into(),
            1,
            1
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_the_first_message_is_greeted_and_answered_and_thanks_close_the_call() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = serve(&db, &api);

    // No /start first: the question itself opens the conversation.
    api.user_writes(CHAT, "hola, olvidé la contraseña de mi correo")
        .await;
    let sent = api.wait_for_messages(CHAT, 1).await;
    let first = text(&sent[0]);
    assert!(
        first.contains(", le atiende Mesa de Ayuda DGSEI"),
        "{first}"
    );
    assert!(
        first.contains("¿Cómo restablezco la contraseña de mi correo institucional?"),
        "{first}"
    );
    assert_eq!(button_data(&sent[0])[..2], ["solved:yes", "solved:no"]);

    // "gracias" after the answer: solved, and rule 7's question.
    api.user_writes(CHAT, "muchas gracias").await;
    let sent = api.wait_for_messages(CHAT, 2).await;
    assert_eq!(
        text(&sent[1]),
        "¡Qué bueno que se resolvió!\n\n¿Hay algo más en que pueda ayudarle?"
    );
    // "no, gracias" to it: the protocol's goodbye.
    api.user_writes(CHAT, "no, gracias").await;
    let sent = api.wait_for_messages(CHAT, 3).await;
    assert!(
        text(&sent[2]).starts_with("Le recuerdo mi nombre, Mesa de Ayuda DGSEI. Hasta luego"),
        "{sent:#?}"
    );
    // And a last "gracias" is courtesy: answered, not a new call.
    api.user_writes(CHAT, "gracias").await;
    let sent = api.wait_for_messages(CHAT, 4).await;
    assert!(text(&sent[3]).starts_with("Con gusto"), "{sent:#?}");
    terminate(bot).await;

    let store = db.store().await;
    let rows: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT outcome, solved_by_faq_id FROM conversations ORDER BY id")
            .fetch_all(store.reader())
            .await
            .expect("conversations");
    assert_eq!(rows, [("first_level".to_owned(), Some(1))]);
    let courtesy: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE body = 'gracias' AND direction = 'in'",
    )
    .fetch_one(store.reader())
    .await
    .expect("transcript");
    assert_eq!(courtesy, 1, "the courtesy stays in the call's transcript");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_bot_resumes_each_conversation_where_it_was() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let mut bot = serve(&db, &api);
    api.user_writes(CHAT, "mi impresora no imprime").await;
    // The greeting and the answer, in one message.
    let sent = api.wait_for_messages(CHAT, 1).await;
    assert!(text(&sent[0]).contains("le atiende"), "{sent:#?}");
    assert!(text(&sent[0]).contains("¿Se resolvió su problema?"));

    // Killed without warning, then started again on the same database.
    bot.kill().await.expect("killed");
    let bot = serve(&db, &api);
    api.user_writes(CHAT, "sí").await;
    let solved = api.wait_for_text(CHAT, "¡Qué bueno que se resolvió!").await;
    assert!(
        text(&solved[0]).starts_with("¡Qué bueno que se resolvió!"),
        "{solved:#?}"
    );
    // An update the killed process may not have confirmed is handled once:
    // the transcript holds it once. (Its reply may be sent twice: a kill
    // between Telegram's acceptance and the queue row's deletion; sends are
    // at least once.)
    terminate(bot).await;
    let store = db.store().await;
    let handled: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'mi impresora no imprime'",
    )
    .fetch_one(store.reader())
    .await
    .expect("transcript");
    assert_eq!(handled, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_text_message_and_forged_button_data_are_handled_gracefully() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = serve(&db, &api);
    api.user_writes(CHAT, "/start").await;
    api.wait_for_messages(CHAT, 1).await;

    api.user_sends_photo(CHAT).await;
    let sent = api.wait_for_messages(CHAT, 2).await;
    assert!(
        text(&sent[1]).contains("solo puedo leer mensajes de texto"),
        "{sent:#?}"
    );

    api.user_presses(CHAT, "admin:drop-tables").await;
    api.user_writes(CHAT, "/ayuda").await;
    let sent = api.wait_for_messages(CHAT, 3).await;
    assert!(text(&sent[2]).contains("/cancelar"), "{sent:#?}");
    assert_eq!(
        api.calls("answerCallbackQuery").await.len(),
        1,
        "even a forged press is answered, and nothing else happens"
    );
    terminate(bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_opened_in_telegram_is_mailed_through_a_real_smtp_server() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let smtp = crate::support::smtp::SmtpServer::start();
    let smtp_url = smtp.url();
    let bot = crate::support::serve(
        &db,
        &api.url,
        &[
            ("SMTP_URL", smtp_url.as_str()),
            ("MAIL_FROM", "Mesa de Ayuda <mesa@dgsei.example.gob.mx>"),
            ("TICKET_PREFIX", "MESA-"),
        ],
    );

    let mut expected = 0;
    let mut step = async |api: &FakeBotApi, action: Result<&str, &str>| {
        match action {
            Ok(text) => api.user_writes(CHAT, text).await,
            Err(data) => api.user_presses(CHAT, data).await,
        }
        expected += 1;
        let sent = api.wait_for_messages(CHAT, expected).await;
        text(&sent[expected - 1]).to_owned()
    };
    step(&api, Ok("/start")).await;
    assert!(
        step(&api, Err("ticket:new"))
            .await
            .contains("Aviso de privacidad")
    );
    assert!(
        step(&api, Err("privacy:yes"))
            .await
            .contains("¿Qué tipo de solicitud es?")
    );
    assert!(
        step(&api, Err("kind:incidente"))
            .await
            .contains("¿A qué servicio corresponde?")
    );
    let service = api
        .sent_to(CHAT)
        .await
        .last()
        .map(button_data)
        .unwrap_or_default();
    assert_eq!(service[0], "svc:1");
    assert!(
        step(&api, Err("svc:1"))
            .await
            .contains("Describa el problema")
    );
    assert!(
        step(&api, Ok("No puedo entrar a mi correo desde el lunes"))
            .await
            .contains("nombre completo")
    );
    step(&api, Ok("Ana Pérez López")).await;
    step(&api, Ok("ana.perez@edomex.gob.mx")).await;
    step(&api, Ok("55 1234 5678")).await;
    step(&api, Err("impact:menor")).await;
    assert!(
        step(&api, Err("urgency:media"))
            .await
            .contains("Prioridad: 4 (baja)")
    );
    let created = step(&api, Err("ticket:create")).await;
    assert!(created.contains("número MESA-1."), "{created}");

    let mails = smtp.wait_for(2).await;
    let to_user = mails
        .iter()
        .find(|m| m.to == ["ana.perez@edomex.gob.mx"])
        .expect("the user's mail");
    assert!(
        to_user.text().contains("Subject: Ticket MESA-1:"),
        "{}",
        to_user.text()
    );
    assert!(
        mails
            .iter()
            .any(|m| m.to == ["correo.resolutores@dgsei.example.gob.mx"])
    );

    assert!(
        step(&api, Ok("/estado MESA-1"))
            .await
            .contains("Estado: Asignado")
    );
    terminate(bot).await;
    assert_eq!(smtp.received().len(), 2, "each mail once");
}

/// A user whose Telegram is in English walks the whole ticket wizard in
/// English, typing everyday answers, and gets their mail in English; the
/// resolver's mail stays in the desk's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_speaking_user_opens_a_ticket_in_english_and_is_mailed_in_english() {
    const JOHN: i64 = 515_151;
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    api.speaks(JOHN, "en-US");
    let smtp = crate::support::smtp::SmtpServer::start();
    let smtp_url = smtp.url();
    let bot = crate::support::serve(
        &db,
        &api.url,
        &[
            ("SMTP_URL", smtp_url.as_str()),
            ("MAIL_FROM", "Mesa de Ayuda <mesa@dgsei.example.gob.mx>"),
        ],
    );
    let mut count = 0;
    let mut says = async |action: Result<&str, &str>, expected: &str| {
        match action {
            Ok(text) => api.user_writes(JOHN, text).await,
            Err(data) => api.user_presses(JOHN, data).await,
        }
        count += 1;
        let sent = api.wait_for_messages(JOHN, count).await;
        let last = text(&sent[count - 1]).to_owned();
        assert!(last.contains(expected), "{action:?} → {last}");
        last
    };
    says(Ok("hello, I need to open a ticket"), "Privacy notice").await;
    says(Ok("yes please"), "What kind of request is it?").await;
    says(Err("kind:incidente"), "Which service is it about?").await;
    says(Err("svc:1"), "Describe the problem").await;
    says(
        Ok("I cannot open my mailbox since Monday morning"),
        "full name",
    )
    .await;
    says(Ok("John Smith Doe"), "e-mail address").await;
    says(Ok("john.smith@edomex.gob.mx"), "10-digit contact phone").await;
    says(Ok("55 1234 5678"), "How many people").await;
    says(
        Err("impact:menor"),
        "How much does it keep you from working?",
    )
    .await;
    says(Err("urgency:media"), "Priority: 4").await;
    says(Err("ticket:create"), "Your ticket was opened with number 1").await;

    let mails = smtp.wait_for(2).await;
    let to_user = mails
        .iter()
        .find(|m| m.to == ["john.smith@edomex.gob.mx"])
        .expect("the user's mail");
    assert!(
        to_user
            .text()
            .contains("Subject: Ticket 1: your request was recorded"),
        "{}",
        to_user.text()
    );
    let to_resolver = mails
        .iter()
        .find(|m| m.to == ["correo.resolutores@dgsei.example.gob.mx"])
        .expect("the resolver's mail");
    assert!(
        !to_resolver.text().contains("your request was recorded"),
        "the resolver reads the desk's language"
    );
    terminate(bot).await;
}

/// `METRICS_LISTEN`: `/healthz` answers while the database does, and
/// `/metrics` counts the updates handled with their latency, and shows the
/// queues (sends, mails, conversations waiting) and who holds the sender.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics_are_served_for_operators() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let log = db.dir.path().join("serve.log");
    // Port 0: the bot binds a free port and logs which; nothing is rebound.
    let bot = crate::support::serve_logging(
        &db,
        &api.url,
        &[("METRICS_LISTEN", "127.0.0.1:0"), ("RUST_LOG", "info")],
        &log,
    );
    let address = crate::support::logged_address(&log, "health and metrics served").await;
    api.user_writes(CHAT, "olvidé la contraseña de mi correo")
        .await;
    api.wait_for_messages(CHAT, 1).await;

    let (status, body) = crate::support::http_get(&address, "/healthz").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, "ok\n");
    let (status, body) = crate::support::http_get(&address, "/metrics").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("mesabot_updates_handled_total{from=\"user\"} 1"),
        "{body}"
    );
    assert!(
        body.contains("mesabot_update_handling_seconds_bucket{from=\"user\",le=\"0.5\"} 1"),
        "{body}"
    );
    if !crate::support::postgres::selected() {
        // The /start's transaction.
        assert!(
            body.contains("mesabot_sqlite_writer_busy_seconds_count "),
            "{body}"
        );
    }
    for gauge in [
        "mesabot_sends_waiting ",
        "mesabot_sends_oldest_age_seconds ",
        "mesabot_mails_waiting 0",
        "mesabot_conversations_waiting_for_agent 0",
        "mesabot_holds_sender 1",
    ] {
        assert!(body.contains(gauge), "{gauge}: {body}");
    }
    let (status, _) = crate::support::http_get(&address, "/nothing").await;
    assert_eq!(status, 404);
    terminate(bot).await;
}
