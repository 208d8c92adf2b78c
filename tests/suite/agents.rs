//! Agents take over escalated conversations: the real `mesabot serve` against
//! a fake Bot API, two users and two agents, in a forum group and a plain one.

use std::time::Duration;

use crate::support::fake_bot_api::{Call, FakeBotApi};
use crate::support::{TestDb, button_data, terminate, text};
use serde_json::Value;

const GROUP: i64 = -1_001_234_567_890;
const ANA: i64 = 1001;
const BETO: i64 = 1002;
const STRANGER: i64 = 1003;
const LAURA: i64 = 501;
const JORGE: i64 = 502;

fn texts(posts: &[Call]) -> Vec<String> {
    posts.iter().map(|c| text(&c.body).to_owned()).collect()
}

/// Names agents as an administrator would, before the bot starts.
fn name_agents(db: &TestDb) {
    for (id, name) in [(LAURA, "Laura Méndez"), (JORGE, "Jorge Ramírez")] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_mesabot"))
            .args(["agent", "add", &id.to_string(), name])
            .current_dir(db.dir.path())
            .env_clear()
            .env("DATABASE_URL", db.url())
            .status()
            .expect("agent add runs");
        assert!(status.success());
    }
}

async fn wait_text(api: &FakeBotApi, chat: i64, count: usize) -> Vec<String> {
    texts(&api.wait_for_posts(chat, count).await)
}

async fn scenario(forum: bool) {
    let db = TestDb::new();
    name_agents(&db);
    let api = FakeBotApi::start().await;
    if !forum {
        api.without_forum();
    }
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);

    // Ana asks for a person in her own words.
    api.user_writes(ANA, "/start").await;
    let greeting = api.wait_for_messages(ANA, 1).await;
    assert!(button_data(&greeting[0]).contains(&"menu:agent".to_owned()));
    api.user_writes(ANA, "quiero hablar con una persona").await;
    let ana = wait_text(&api, ANA, 2).await;
    assert!(
        ana[1].contains("Le comunico con un agente") && ana[1].contains("Hay una persona"),
        "{ana:?}"
    );

    // The group gets a card with "Tomar", in its own topic when the group is a forum.
    let card = api.wait_for_posts(GROUP, 1).await;
    assert!(
        text(&card[0].body).contains("Conversación #1 · Ana Pérez"),
        "{:?}",
        card[0].body
    );
    assert_eq!(button_data(&card[0].body), ["take:1"]);
    let topics = api.calls("createForumTopic").await;
    let ana_thread = if forum {
        assert_eq!(topics[0].body["name"], "🟡 #1 · Ana Pérez");
        assert_eq!(card[0].body["message_thread_id"].as_i64(), Some(9001));
        Some(9001)
    } else {
        assert!(card[0].body.get("message_thread_id").is_none());
        None
    };
    let ana_card = api.posted_message_id(GROUP, 0).await;

    // Beto asks too, and is second in line.
    api.user_writes(BETO, "/start").await;
    api.wait_for_messages(BETO, 1).await;
    api.user_presses(BETO, "menu:agent").await;
    let beto = wait_text(&api, BETO, 2).await;
    assert!(beto[1].contains("Hay 2 personas en la fila"), "{beto:?}");
    api.wait_for_posts(GROUP, 2).await;

    // /cola lists both, oldest first.
    api.agent_writes(GROUP, LAURA, "/cola", None, None).await;
    let queue = wait_text(&api, GROUP, 3).await;
    let listing = &queue[2];
    assert!(listing.contains("Conversaciones en espera: 2"), "{listing}");
    let ana_at = listing.find("#1 · Ana Pérez").expect("Ana listed");
    let beto_at = listing
        .find("#2 · Ana Pérez")
        .expect("Beto listed (same test name)");
    assert!(ana_at < beto_at, "oldest first: {listing}");

    // Both agents press "Tomar" on Ana's card: the first gets it.
    api.agent_presses(GROUP, LAURA, "take:1", ana_card).await;
    api.agent_presses(GROUP, JORGE, "take:1", ana_card).await;
    let ana = wait_text(&api, ANA, 3).await;
    assert!(
        ana[2].ends_with(", le atiende Laura Méndez, ¿en qué puedo ayudarle?"),
        "{ana:?}"
    );
    // One answer to Beto's menu press (Ana wrote), two to the agents'.
    let answers = api.wait_for_calls("answerCallbackQuery", 3).await;
    let refused = answers
        .iter()
        .find(|a| a.body["text"].is_string())
        .expect("the second agent is told who has it");
    assert_eq!(refused.body["text"], "Ya la atiende Laura Méndez.");
    assert_eq!(refused.body["show_alert"], true);

    // Ana writes and sends a screenshot: both reach the agents where the card is.
    api.user_writes(ANA, "No puedo entrar al sistema de nómina")
        .await;
    api.user_sends_photo(ANA).await;
    let posts = api.wait_for_posts(GROUP, 6).await;
    let relayed: Vec<&Value> = posts.iter().skip(3).map(|c| &c.body).collect();
    assert!(
        relayed
            .iter()
            .any(|b| text(b) == "Ana Pérez: No puedo entrar al sistema de nómina"),
        "{relayed:#?}"
    );
    let photo = relayed
        .iter()
        .find(|b| b.get("photo").is_some())
        .expect("the photo is relayed");
    assert_eq!(photo["photo"], "photo-1");
    for body in &relayed {
        match ana_thread {
            Some(thread) => assert_eq!(body["message_thread_id"].as_i64(), Some(thread)),
            None => assert_eq!(
                body["reply_parameters"]["message_id"].as_i64(),
                Some(ana_card),
                "{body}"
            ),
        }
    }

    // Laura answers (in the topic, or replying to the card), with a photo too.
    let reply_to = if forum { None } else { Some(ana_card) };
    api.agent_writes(
        GROUP,
        LAURA,
        "Intente entrar con su RFC en mayúsculas.",
        ana_thread,
        reply_to,
    )
    .await;
    api.agent_writes(GROUP, LAURA, "photo:agent-photo-1", ana_thread, reply_to)
        .await;
    let ana_posts = api.wait_for_posts(ANA, 5).await;
    assert_eq!(
        text(&ana_posts[3].body),
        "Intente entrar con su RFC en mayúsculas."
    );
    assert_eq!(ana_posts[4].body["photo"], "agent-photo-1");

    // Jorge cannot answer Laura's conversation; a note stays internal.
    api.agent_writes(GROUP, JORGE, "yo la atiendo", ana_thread, reply_to)
        .await;
    api.agent_writes(
        GROUP,
        LAURA,
        "/nota usuaria del área de finanzas",
        ana_thread,
        reply_to,
    )
    .await;
    let group_texts = wait_text(&api, GROUP, 8).await;
    assert!(
        group_texts
            .iter()
            .any(|t| t == "Esta conversación la atiende Laura Méndez."),
        "{group_texts:?}"
    );
    assert!(
        group_texts
            .iter()
            .any(|t| t.starts_with("Nota interna guardada")),
        "{group_texts:?}"
    );

    // Laura closes it: the farewell in her name, outcome first level by an agent.
    api.agent_writes(GROUP, LAURA, "/cerrar primer", ana_thread, reply_to)
        .await;
    let ana = wait_text(&api, ANA, 6).await;
    assert!(
        ana[5].contains("Le recuerdo mi nombre, Laura Méndez."),
        "{ana:?}"
    );
    assert!(
        !ana.iter()
            .any(|t| t.contains("yo la atiendo") || t.contains("finanzas"))
    );

    // A stranger's agent command in a private chat is refused and recorded.
    api.user_writes(STRANGER, "/cola").await;
    let stranger = wait_text(&api, STRANGER, 1).await;
    assert!(!stranger[0].contains("en espera"), "{stranger:?}");

    terminate(bot).await;
    let store = db.store().await;
    let row: (String, String) =
        sqlx::query_as("SELECT outcome, handled_by FROM conversations WHERE chat_id = $1")
            .bind(ANA)
            .fetch_one(store.reader())
            .await
            .expect("Ana's conversation");
    assert_eq!(row, ("first_level".to_owned(), "agent".to_owned()));
    let (taken_by, taken_at, requested_at): (String, Option<i64>, i64) = sqlx::query_as(
        "SELECT agent_name, taken_at, requested_at FROM handoffs WHERE chat_id = $1",
    )
    .bind(ANA)
    .fetch_one(store.reader())
    .await
    .expect("Ana's handoff");
    assert_eq!(taken_by, "Laura Méndez");
    assert!(taken_at.is_some_and(|taken| taken >= requested_at));
    let relayed_in_transcript: i64 =
        sqlx::query_scalar("SELECT count(*) FROM messages WHERE author = 'agent:Laura Méndez'")
            .fetch_one(store.reader())
            .await
            .expect("transcript");
    assert_eq!(relayed_in_transcript, 2, "the agent's text and photo");
    let note: String = sqlx::query_scalar("SELECT body FROM agent_notes")
        .fetch_one(store.reader())
        .await
        .expect("note");
    assert_eq!(note, "usuaria del área de finanzas");
    let refused: i64 =
        sqlx::query_scalar("SELECT count(*) FROM agent_audit WHERE chat_id = $1 AND allowed = 0")
            .bind(STRANGER)
            .fetch_one(store.reader())
            .await
            .expect("audit");
    assert_eq!(refused, 1);
}

/// While Laura attends Ana, every kind of message goes across as it is:
/// copied (a voice note stays a voice note, nothing is uploaded again), in
/// Ana's topic; what cannot be relayed (a poll) is said to its sender.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_message_crosses_both_ways_while_an_agent_attends() {
    let db = TestDb::new();
    name_agents(&db);
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);
    api.user_writes(ANA, "/start").await;
    api.wait_for_messages(ANA, 1).await;
    api.user_writes(ANA, "quiero hablar con una persona").await;
    api.wait_for_posts(GROUP, 1).await;
    let card = api.posted_message_id(GROUP, 0).await;
    api.agent_presses(GROUP, LAURA, "take:1", card).await;
    api.wait_for_text(ANA, "le atiende Laura Méndez").await;

    let kinds = [
        "voice:v-1",
        "audio:a-1",
        "video:vd-1",
        "video_note:vn-1",
        "sticker:s-1",
        "location",
        "contact",
    ];
    let mut sent = Vec::new();
    for kind in kinds {
        sent.push(api.user_sends(ANA, kind).await);
    }
    let copies = api.wait_for_calls("copyMessage", kinds.len()).await;
    for (kind, (copy, message_id)) in kinds.iter().zip(copies.iter().zip(&sent)) {
        let body = &copy.body;
        assert_eq!(body["chat_id"].as_i64(), Some(GROUP), "{kind}: {body}");
        assert_eq!(body["from_chat_id"].as_i64(), Some(ANA), "{kind}: {body}");
        assert_eq!(body["message_id"].as_i64(), Some(*message_id), "{kind}");
        assert_eq!(
            body["message_thread_id"].as_i64(),
            Some(9001),
            "{kind}: in her topic"
        );
    }
    // Who sent it goes with what can carry a caption.
    assert_eq!(copies[0].body["caption"], "Ana Pérez envió este archivo.");
    assert!(
        copies[4].body.get("caption").is_none(),
        "a sticker takes none"
    );

    // A poll cannot be shown to anyone: Ana is told, nothing reaches the group.
    let group_posts = api.posts_to(GROUP).await.len();
    api.user_sends(ANA, "poll").await;
    api.wait_for_text(ANA, "no se puede pasar a quien le atiende")
        .await;

    // Laura answers with a voice note and a location, and tries a poll.
    api.agent_writes(GROUP, LAURA, "voice:laura-v", Some(9001), None)
        .await;
    api.agent_writes(GROUP, LAURA, "location", Some(9001), None)
        .await;
    api.agent_writes(GROUP, LAURA, "poll", Some(9001), None)
        .await;
    let copies = api.wait_for_calls("copyMessage", kinds.len() + 2).await;
    for copy in &copies[kinds.len()..] {
        assert_eq!(copy.body["chat_id"].as_i64(), Some(ANA), "{}", copy.body);
        assert_eq!(copy.body["from_chat_id"].as_i64(), Some(GROUP));
    }
    let notices = api.wait_for_posts(GROUP, group_posts + 1).await;
    assert!(
        notices
            .iter()
            .any(|c| text(&c.body).contains("no se puede pasar al usuario")),
        "{:#?}",
        texts(&notices)
    );
    assert_eq!(
        api.calls("copyMessage").await.len(),
        kinds.len() + 2,
        "neither poll was copied"
    );
    assert_eq!(
        api.posts_to(GROUP).await.len(),
        group_posts + 1,
        "Ana's poll never reached the group; Laura's notice did"
    );

    terminate(bot).await;
    assert_eq!(
        db.count("SELECT count(*) FROM messages WHERE body LIKE '[voice: %'")
            .await,
        2,
        "Ana's and Laura's voice notes are in the transcript"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM messages WHERE body = '[location: 19.43260,-99.13320]'")
            .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_take_over_in_a_forum_group() {
    scenario(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_take_over_in_a_plain_group_by_replying_to_the_card() {
    scenario(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_opens_a_ticket_for_the_user_and_works_on_it_from_the_group() {
    let db = TestDb::new();
    name_agents(&db);
    let api = FakeBotApi::start().await;
    let smtp = crate::support::smtp::SmtpServer::start();
    let group = GROUP.to_string();
    let smtp_url = smtp.url();
    let bot = crate::support::serve(
        &db,
        &api.url,
        &[
            ("AGENT_CHAT_ID", group.as_str()),
            ("SMTP_URL", smtp_url.as_str()),
            ("MAIL_FROM", "Mesa de Ayuda <mesa@dgsei.example.gob.mx>"),
        ],
    );
    api.user_writes(ANA, "/start").await;
    api.wait_for_messages(ANA, 1).await;
    api.user_presses(ANA, "menu:agent").await;
    api.wait_for_posts(GROUP, 1).await;
    let card = api.posted_message_id(GROUP, 0).await;
    api.agent_presses(GROUP, LAURA, "take:1", card).await;
    wait_text(&api, ANA, 3).await;

    // Laura assesses it and asks for a ticket; Ana consents and completes it.
    api.agent_writes(GROUP, LAURA, "/ticket alta significativo", Some(9001), None)
        .await;
    let ana = wait_text(&api, ANA, 4).await;
    assert!(ana[3].contains("Aviso de privacidad"), "{ana:?}");
    let mut expected = 4;
    for press in ["privacy:yes", "kind:incidente", "svc:3"] {
        api.user_presses(ANA, press).await;
        expected += 1;
        api.wait_for_posts(ANA, expected).await;
    }
    for line in [
        "El enlace del edificio B se cae cada hora desde ayer.",
        "Ana Pérez López",
        "ana.perez@edomex.gob.mx",
        "722 123 4567",
    ] {
        api.user_writes(ANA, line).await;
        expected += 1;
        api.wait_for_posts(ANA, expected).await;
    }
    let summary = wait_text(&api, ANA, expected).await;
    let summary = summary.last().cloned().unwrap_or_default();
    assert!(
        summary.contains("Urgencia: Alta") && summary.contains("Prioridad: 2 (alta)"),
        "{summary}"
    );
    api.user_presses(ANA, "ticket:create").await;
    let created = wait_text(&api, ANA, expected + 1).await;
    assert!(
        created[expected].contains("registrado con el número 1."),
        "{created:?}"
    );
    let mails = smtp.wait_for(2).await;
    assert!(mails.iter().any(|m| m.to == ["ana.perez@edomex.gob.mx"]));
    assert!(
        mails
            .iter()
            .any(|m| m.to == ["redes.resolutores@dgsei.example.gob.mx"])
    );

    // Back with Laura: what Ana writes reaches the topic again.
    api.user_writes(ANA, "gracias").await;
    let group_posts = wait_text(&api, GROUP, 4).await;
    assert!(
        group_posts.iter().any(|t| t == "Ana Pérez: gracias"),
        "{group_posts:?}"
    );

    // Ticket work from the group's general chat.
    api.agent_writes(
        GROUP,
        LAURA,
        "/estado 1 en_proceso revisando el enlace",
        None,
        None,
    )
    .await;
    let ana = wait_text(&api, ANA, expected + 2).await;
    assert_eq!(
        ana[expected + 1],
        "Su ticket 1 cambió de estado: En proceso. Comentario: revisando el enlace"
    );
    let mails = smtp.wait_for(3).await;
    assert!(
        mails[2].text().contains("Subject: Ticket 1: en proceso"),
        "{}",
        mails[2].text()
    );

    api.agent_writes(GROUP, LAURA, "/asignar 1 telefonia", None, None)
        .await;
    let mails = smtp.wait_for(4).await;
    assert_eq!(mails[3].to, ["telefonia.resolutores@dgsei.example.gob.mx"]);

    api.agent_writes(GROUP, JORGE, "/prioridad 1 critica extenso", None, None)
        .await;
    api.agent_writes(GROUP, JORGE, "/ticket 1", None, None)
        .await;
    api.agent_writes(GROUP, JORGE, "/estado 1 volando", None, None)
        .await;
    let group_texts = wait_text(&api, GROUP, 9).await;
    assert!(
        group_texts
            .iter()
            .any(|t| t.starts_with("Ticket 1: prioridad 1")),
        "{group_texts:?}"
    );
    let detail = group_texts
        .iter()
        .find(|t| t.starts_with("Ticket 1 (Asignado)"))
        .expect("the ticket shown");
    assert!(
        detail.contains("Miguel Ángel Torres") && detail.contains("En proceso"),
        "{detail}"
    );
    assert!(
        group_texts.iter().any(|t| t.starts_with("Uso: /estado N")),
        "{group_texts:?}"
    );

    // Laura closes: a ticket was opened, so it counts as second level.
    api.agent_writes(GROUP, LAURA, "/cerrar", Some(9001), None)
        .await;
    let ana = wait_text(&api, ANA, expected + 3).await;
    assert!(
        ana.last()
            .is_some_and(|t| t.contains("Le recuerdo mi nombre, Laura Méndez."))
    );
    terminate(bot).await;
    let store = db.store().await;
    let (outcome, handled_by): (String, String) =
        sqlx::query_as("SELECT outcome, handled_by FROM conversations WHERE chat_id = $1")
            .bind(ANA)
            .fetch_one(store.reader())
            .await
            .expect("conversation");
    assert_eq!(
        (outcome.as_str(), handled_by.as_str()),
        ("second_level", "agent")
    );
}

/// `AGENT_ALERT_SECS`, `HOLD_INTERVAL_SECS` and `AGENT_WAIT_MINUTES` as the
/// real binary reads them: with the defaults (60 s, 30 s, 5 min) none of
/// this would happen within the test's deadlines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_waiting_settings_are_honoured_by_the_running_bot() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(
        &db,
        &api.url,
        &[
            ("AGENT_CHAT_ID", group.as_str()),
            ("AGENT_ALERT_SECS", "10"),
            ("HOLD_INTERVAL_SECS", "20"),
            ("AGENT_WAIT_MINUTES", "1"),
        ],
    );
    api.user_writes(ANA, "quiero hablar con un agente").await;
    api.wait_for_text(ANA, "Le comunico con un agente").await;
    // The alert (after 10 s), a hold reminder (every 20 s), then the ticket
    // offered when nobody took it (after a minute), in that order.
    let alert = api
        .wait_for_posts_within(GROUP, 2, Duration::from_secs(40))
        .await;
    assert!(
        text(&alert[1].body).contains("esperando a un agente"),
        "{alert:?}"
    );
    let held = api
        .wait_for_messages_within(ANA, 2, Duration::from_secs(40))
        .await;
    assert!(
        text(&held[1]).starts_with("Permítame, lo sigo atendiendo"),
        "{held:#?}"
    );
    let offered = api
        .wait_for_text_within(
            ANA,
            "ningún agente está disponible",
            Duration::from_secs(90),
        )
        .await;
    assert!(button_data(offered.last().expect("the offer")).contains(&"ticket:new".to_owned()));
    terminate(bot).await;
}

/// Outside `BUSINESS_HOURS` a request for a person is answered at once with
/// the ticket instead, and nothing is posted to the group.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outside_business_hours_the_user_is_told_and_offered_a_ticket() {
    use chrono::Datelike;
    // Open only on the day three days from now: closed now, whatever the day
    // (and still closed if the test runs across midnight).
    let day = chrono::Utc::now()
        .with_timezone(&chrono_tz::America::Mexico_City)
        .weekday()
        .succ()
        .succ()
        .succ();
    let names = ["lun", "mar", "mie", "jue", "vie", "sab", "dom"];
    let hours = format!("{} 09:00-10:00", names[day.num_days_from_monday() as usize]);
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(
        &db,
        &api.url,
        &[
            ("AGENT_CHAT_ID", group.as_str()),
            ("BUSINESS_HOURS", hours.as_str()),
        ],
    );
    api.user_writes(ANA, "quiero hablar con una persona").await;
    let told = api
        .wait_for_text(ANA, "fuera del horario de atención de los agentes")
        .await;
    assert!(button_data(told.last().expect("told")).contains(&"ticket:new".to_owned()));
    terminate(bot).await;
    assert!(api.posts_to(GROUP).await.is_empty(), "no card in the group");
}
