//! Routing by service to several agents' groups: an administrator gives the
//! network service its own group (`mesabot route …`); a user who asked
//! about the VPN is attended there, another in the general group; each
//! group's `/cola` shows its own; an agent passes the conversation to the
//! other group and back (`/pasar`), the history going with it, the place it
//! left saying where it went.

use crate::support::fake_bot_api::{Call, FakeBotApi};
use crate::support::{TestDb, button_data, eventually, mesabot, terminate, text};

/// A forum group (topics).
const GENERAL: i64 = -1_001_000_000_001;
/// A plain supergroup: cards and replies to them.
const REDES: i64 = -1_002_000_000_002;
/// A group the bot was added to that is no agents' group.
const STRANGERS: i64 = -1_009_000_000_009;
const ANA: i64 = 1001;
const JUAN: i64 = 1002;
const LAURA: i64 = 501;
const JORGE: i64 = 502;

fn text_of(value: &serde_json::Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// Each agent in the JSON report of the month conversation 1 was in
/// (whatever today is): name, conversations attended, average rating; by name.
async fn agents_in_report(db: &TestDb) -> Vec<(String, i64, Option<f64>)> {
    let requested = db
        .count("SELECT requested_at FROM handoffs WHERE conversation_id = 1")
        .await;
    let month = chrono::DateTime::from_timestamp_millis(requested)
        .expect("a time")
        .with_timezone(&chrono_tz::America::Mexico_City)
        .format("%Y-%m")
        .to_string();
    let report: serde_json::Value =
        serde_json::from_str(&ok(db, &["report", "--month", &month, "--format", "json"]))
            .expect("the report in JSON");
    let mut agents: Vec<(String, i64, Option<f64>)> = report["agents"]["agents"]
        .as_array()
        .expect("per agent")
        .iter()
        .map(|a| {
            (
                text_of(&a["name"]),
                a["attended"].as_i64().unwrap_or_default(),
                a["rating_average"].as_f64(),
            )
        })
        .collect();
    agents.sort_by(|a, b| a.0.cmp(&b.0));
    agents
}

fn run(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    let out = mesabot(db, args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(db: &TestDb, args: &[&str]) -> String {
    let (success, stdout, stderr) = run(db, args);
    assert!(success, "{args:?}: {stderr}");
    stdout
}

fn refused(db: &TestDb, args: &[&str]) -> String {
    let (success, _, stderr) = run(db, args);
    assert!(!success, "{args:?} should be refused");
    stderr
}

/// The bot's last post in `group` that `found` picks, and its message id.
async fn post_in(api: &FakeBotApi, group: i64, found: impl Fn(&Call) -> bool) -> (Call, i64) {
    eventually(&format!("a post in {group}"), || async {
        api.posts_to(group).await.iter().any(&found)
    })
    .await;
    let posts = api.posts_to(group).await;
    let index = posts.iter().rposition(&found).expect("posted");
    let id = api.posted_message_id(group, index).await;
    (posts[index].clone(), id)
}

/// Waits until the bot has edited a message as `found` describes.
async fn edited(api: &FakeBotApi, what: &str, found: impl Fn(&Call) -> bool) {
    eventually(what, || async {
        api.calls("editMessageText").await.iter().any(&found)
    })
    .await;
}

async fn said_in(api: &FakeBotApi, group: i64, needle: &str) -> (Call, i64) {
    post_in(api, group, |c| text(&c.body).contains(needle)).await
}

async fn card_in(api: &FakeBotApi, group: i64, handoff: i64) -> (Call, i64) {
    let take = format!("take:{handoff}");
    post_in(api, group, |c| button_data(&c.body).contains(&take)).await
}

#[test]
fn administrators_give_a_service_its_own_group() {
    let db = TestDb::new();
    let group = REDES.to_string();
    // A person's id, a service that does not exist: refused, with the way forward.
    let not_a_group = refused(&db, &["route", "set", "red", "12345"]);
    assert!(not_a_group.contains("números negativos"), "{not_a_group}");
    let unknown = refused(&db, &["route", "set", "redes sociales", &group]);
    assert!(
        unknown.contains("No hay un servicio «redes sociales»")
            && unknown.contains("red (Red e internet)"),
        "{unknown}"
    );
    assert!(ok(&db, &["route", "list"]).contains("Ningún servicio tiene grupo propio"));

    // By code or by name, accents and case aside.
    ok(&db, &["route", "set", "red", &group]);
    ok(&db, &["route", "set", "TELEFONÍA", "-1003"]);
    let listed = ok(&db, &["route", "list"]);
    assert!(
        listed.contains(&format!("red          {group}")) && listed.contains("telefonia"),
        "{listed}"
    );

    // Export, edit, import; a bad file changes nothing and names the entry.
    let file = db.dir.path().join("rutas.toml");
    let file_arg = file.to_str().expect("path");
    ok(&db, &["route", "export", file_arg]);
    let exported = std::fs::read_to_string(&file).expect("exported");
    assert!(
        exported.contains("service = \"red\"") && exported.contains(&format!("group = {group}")),
        "{exported}"
    );
    std::fs::write(
        &file,
        format!("{exported}\n[[route]]\nservice = \"predial\"\ngroup = -1004\n"),
    )
    .expect("edited");
    let bad = refused(&db, &["route", "import", file_arg]);
    assert!(
        bad.contains("la ruta 3 no nombra un servicio") && bad.contains("«predial»"),
        "{bad}"
    );
    assert_eq!(ok(&db, &["route", "list"]), listed, "nothing changed");
    std::fs::write(&file, exported.replace("-1003", "-1005")).expect("edited");
    ok(&db, &["route", "import", file_arg]);
    assert!(ok(&db, &["route", "list"]).contains("-1005"));
    ok(&db, &["route", "remove", "telefonia"]);
    let none = refused(&db, &["route", "remove", "telefonia"]);
    assert!(none.contains("no tenía grupo propio"), "{none}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conversations_go_to_their_service_s_group_and_pass_between_groups() {
    let db = TestDb::new();
    ok(&db, &["agent", "add", &LAURA.to_string(), "Laura Méndez"]);
    ok(&db, &["agent", "add", &JORGE.to_string(), "Jorge Ramírez"]);
    ok(&db, &["route", "set", "red", &REDES.to_string()]);
    let api = FakeBotApi::start().await;
    api.without_forum_in(REDES);
    let general = GENERAL.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", general.as_str())]);

    // Ana asked about the VPN, then for a person: the network group gets her.
    api.user_writes(ANA, "/start").await;
    api.wait_for_text(ANA, "en qué puedo ayudarle?").await;
    api.user_writes(ANA, "no me puedo conectar a la vpn desde mi casa")
        .await;
    api.wait_for_text(ANA, "VPN").await;
    api.user_writes(ANA, "quiero hablar con una persona").await;
    let (ana_card, ana_card_id) = card_in(&api, REDES, 1).await;
    assert!(
        ana_card.body.get("message_thread_id").is_none(),
        "a plain group"
    );
    // Juan asked for a person straight away: the general group, in a topic.
    api.user_writes(JUAN, "/start").await;
    api.wait_for_text(JUAN, "en qué puedo ayudarle?").await;
    api.user_writes(JUAN, "quiero hablar con una persona").await;
    let (juan_card, _) = card_in(&api, GENERAL, 2).await;
    assert!(juan_card.body["message_thread_id"].as_i64().is_some());
    assert!(
        !api.posts_to(GENERAL)
            .await
            .iter()
            .any(|c| button_data(&c.body).contains(&"take:1".to_owned())),
        "Ana's card only in the network group"
    );

    // A group that is neither: its commands and presses do nothing.
    api.agent_writes(STRANGERS, JORGE, "/cola", None, None)
        .await;
    api.agent_presses(STRANGERS, JORGE, "take:1", ana_card_id)
        .await;

    // Each group's queue is its own.
    api.agent_writes(REDES, JORGE, "/cola", None, None).await;
    let (queue, _) = said_in(&api, REDES, "Conversaciones en espera: 1").await;
    assert!(
        text(&queue.body).contains("#1 · Ana Pérez"),
        "{}",
        queue.body
    );
    api.agent_writes(GENERAL, LAURA, "/cola", None, None).await;
    said_in(&api, GENERAL, "Conversaciones en espera: 1").await;
    let mut queues = Vec::new();
    for group in [REDES, GENERAL] {
        let listed: Vec<String> = api
            .posts_to(group)
            .await
            .iter()
            .map(|c| text(&c.body).to_owned())
            .filter(|t| t.starts_with("Conversaciones en espera"))
            .collect();
        queues.push(listed.join("\n"));
    }
    assert!(
        queues[0].contains("#1 ") && !queues[0].contains("#2 "),
        "{queues:?}"
    );
    assert!(
        queues[1].contains("#2 ") && !queues[1].contains("#1 "),
        "{queues:?}"
    );

    // Jorge takes Ana in the network group and answers her.
    api.agent_presses(REDES, JORGE, "take:1", ana_card_id).await;
    api.wait_for_text(ANA, "Jorge Ramírez").await;
    let error_720 = api.user_message(ANA, "la vpn dice error 720").await;
    said_in(&api, REDES, "la vpn dice error 720").await;
    api.agent_writes(
        REDES,
        JORGE,
        "Eso es de la cuenta; la paso a la mesa general.",
        None,
        Some(ana_card_id),
    )
    .await;
    api.wait_for_text(ANA, "la paso a la mesa general").await;

    // /pasar alone lists the groups; then to the general group.
    api.agent_writes(REDES, JORGE, "/pasar", None, Some(ana_card_id))
        .await;
    said_in(
        &api,
        REDES,
        "¿A qué grupo? Escriba /pasar y uno de estos: general, red (Red e internet).",
    )
    .await;
    api.agent_writes(REDES, JORGE, "/pasar general", None, Some(ana_card_id))
        .await;
    api.wait_for_text(ANA, "Le comunico con otro equipo de la Mesa de Ayuda")
        .await;
    // The place it left says where it went, and the card shows it.
    said_in(
        &api,
        REDES,
        "Jorge Ramírez pasó la conversación al grupo general",
    )
    .await;
    edited(&api, "the card shows it was passed", |c| {
        c.body["chat_id"].as_i64() == Some(REDES)
            && text(&c.body).starts_with("➡️ Pasada a general")
    })
    .await;
    // A new card in the general group, with where it came from and the history.
    let (passed, passed_id) = card_in(&api, GENERAL, 1).await;
    let thread = passed.body["message_thread_id"]
        .as_i64()
        .expect("a topic in the general group");
    let card = text(&passed.body);
    for line in [
        "Jorge Ramírez pasó aquí esta conversación desde el grupo red (Red e internet).",
        "la vpn dice error 720",
        "Jorge Ramírez: Eso es de la cuenta",
    ] {
        assert!(card.contains(line), "{line} in {card}");
    }
    // The old card's button no longer takes it.
    api.agent_presses(REDES, JORGE, "take:1", ana_card_id).await;
    eventually("the old button refused", || async {
        api.calls("answerCallbackQuery")
            .await
            .iter()
            .any(|c| c.body["text"] == "Esta conversación se pasó a otro grupo; la atienden allá.")
    })
    .await;

    // Ana corrects what she wrote before the pass: the copy where it went
    // (the network group) follows, still marked as hers.
    api.user_edits(ANA, error_720, "la vpn dice error 721", false)
        .await;
    edited(&api, "the old group's copy edited", |c| {
        c.body["chat_id"].as_i64() == Some(REDES)
            && text(&c.body) == "Ana Pérez: la vpn dice error 721"
    })
    .await;

    // Laura takes it in the general group: both ways go through her topic.
    api.agent_presses(GENERAL, LAURA, "take:1", passed_id).await;
    api.wait_for_text(ANA, "Laura Méndez").await;
    api.user_writes(ANA, "sigo con el error 720").await;
    let (relayed, _) = said_in(&api, GENERAL, "sigo con el error 720").await;
    assert_eq!(relayed.body["message_thread_id"].as_i64(), Some(thread));
    assert!(
        !api.posts_to(REDES)
            .await
            .iter()
            .any(|c| text(&c.body).contains("sigo con el error 720")),
        "nothing more in the network group"
    );
    // Jorge's reply to his old card reaches nobody now.
    let before = api.sent_to(ANA).await.len();
    api.agent_writes(REDES, JORGE, "¿sigue ahí?", None, Some(ana_card_id))
        .await;
    api.agent_writes(GENERAL, LAURA, "Ya revisé su cuenta.", Some(thread), None)
        .await;
    let to_ana = api.wait_for_messages(ANA, before + 1).await;
    assert_eq!(text(&to_ana[before]), "Ya revisé su cuenta.");

    // And back to the network group, by the service's word: the topic here
    // is renamed and closed, a new card there.
    api.agent_writes(GENERAL, LAURA, "/pasar redes", Some(thread), None)
        .await;
    api.wait_for_text(ANA, "Le comunico con el equipo de Red e internet")
        .await;
    eventually("the topic shows it left", || async {
        api.topic(thread).await.is_some_and(|t| {
            t.closed && t.name.starts_with("➡️ #1 · ") && t.name.ends_with("· red (Red e internet)")
        })
    })
    .await;
    let (back, back_id) = post_in(&api, REDES, |c| {
        button_data(&c.body).contains(&"take:1".to_owned())
            && text(&c.body).contains("desde el grupo general")
    })
    .await;
    assert!(text(&back.body).contains("Laura Méndez: Ya revisé su cuenta."));
    api.agent_presses(REDES, JORGE, "take:1", back_id).await;
    eventually("Jorge greets Ana again", || async {
        api.sent_to(ANA)
            .await
            .iter()
            .filter(|m| text(m).contains("Jorge Ramírez"))
            .count()
            >= 2
    })
    .await;
    // The route is removed while Ana is attended there: her conversation
    // stays where it is and the group still works for it.
    ok(&db, &["route", "remove", "red"]);
    api.agent_writes(REDES, JORGE, "/cerrar", None, Some(back_id))
        .await;
    api.wait_for_text(ANA, "¿cómo calificaría").await;
    terminate(bot).await;

    // The month's report counts it for both agents who attended it.
    let attended: Vec<(String, i64)> = agents_in_report(&db)
        .await
        .into_iter()
        .map(|(name, attended, _)| (name, attended))
        .collect();
    assert_eq!(
        attended,
        vec![
            ("Jorge Ramírez".to_owned(), 1),
            ("Laura Méndez".to_owned(), 1)
        ]
    );
    assert!(
        api.posts_to(STRANGERS).await.is_empty(),
        "nothing for a group that is no agents' group"
    );
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) FROM agent_audit WHERE chat_id = {STRANGERS} AND allowed = 0"
        ))
        .await,
        1,
        "its press recorded as refused"
    );
    assert_eq!(
        db.count("SELECT count(*) FROM handoffs WHERE group_chat_id IS NOT NULL")
            .await,
        1,
        "Ana's conversation ended in the network group"
    );
}

/// The whole day: Ana, attended in the network service's plain
/// group, sends every kind of message and edits one; Jorge answers from the
/// FAQ, with a saved reply and in his words (then corrects them), and passes
/// her to the general forum group, where Laura attends her and closes; the
/// card, the topic's titles and the month's report show it all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_user_attended_in_a_plain_group_then_in_a_forum_group() {
    let db = TestDb::new();
    ok(&db, &["agent", "add", &LAURA.to_string(), "Laura Méndez"]);
    ok(&db, &["agent", "add", &JORGE.to_string(), "Jorge Ramírez"]);
    ok(&db, &["route", "set", "red", &REDES.to_string()]);
    let saved = "Gracias por su paciencia; estoy revisando su caso.";
    ok(&db, &["template", "add", "espera", saved]);
    let api = FakeBotApi::start().await;
    api.without_forum_in(REDES);
    let general = GENERAL.to_string();
    // Over thirty posts in the network group: at Telegram's 20 a minute per
    // group the sender would stretch this scenario past a minute.
    let env = [
        ("AGENT_CHAT_ID", general.as_str()),
        ("TELEGRAM_RATE_LIMITS", "off"),
    ];
    let bot = crate::support::serve(&db, &api.url, &env);

    // The network group: Jorge takes her; the card shows it.
    api.user_writes(ANA, "/start").await;
    api.wait_for_text(ANA, "en qué puedo ayudarle?").await;
    api.user_writes(ANA, "no me puedo conectar a la vpn desde mi casa")
        .await;
    api.wait_for_text(ANA, "VPN").await;
    api.user_writes(ANA, "quiero hablar con una persona").await;
    let (_, card) = card_in(&api, REDES, 1).await;
    api.agent_presses(REDES, JORGE, "take:1", card).await;
    api.wait_for_text(ANA, "le atiende Jorge Ramírez").await;
    let card_edited = |prefix: &'static str| {
        let api = api.clone();
        async move {
            edited(&api, &format!("the card to show «{prefix}»"), |c| {
                c.body["chat_id"].as_i64() == Some(REDES)
                    && c.body["message_id"].as_i64() == Some(card)
                    && text(&c.body).starts_with(prefix)
            })
            .await;
        }
    };
    card_edited("🟢 La atiende Jorge Ramírez").await;

    // Every kind of message reaches the group under her card, and an edit follows.
    let written = api.user_message(ANA, "mi extensión es 1234").await;
    said_in(&api, REDES, "Ana Pérez: mi extensión es 1234").await;
    api.user_sends(ANA, "photo:foto-1").await;
    api.user_sends(ANA, "document:doc-1").await;
    let copied = [
        "voice:v-1",
        "audio:a-1",
        "video:vd-1",
        "video_note:vn-1",
        "sticker:s-1",
        "location",
        "contact",
    ];
    let mut ids = Vec::new();
    for kind in copied {
        ids.push(api.user_sends(ANA, kind).await);
    }
    api.user_sends(ANA, "animation:gif-1").await;
    api.user_sends_album(ANA, "album-ana", &["photo:p-1", "photo:p-2"], "el módem")
        .await;
    api.user_edits(ANA, written, "mi extensión es 4321", false)
        .await;
    eventually("every kind in the network group", || async {
        let calls = api.posts_to(REDES).await;
        let count = |method: &str| calls.iter().filter(|c| c.method == method).count();
        let album = api.calls("copyMessages").await;
        count("sendPhoto") == 1
            && count("sendDocument") == 2
            && album.len() == 1
            && album[0].body["chat_id"].as_i64() == Some(REDES)
    })
    .await;
    let copies: Vec<i64> = api
        .wait_for_calls("copyMessage", copied.len())
        .await
        .iter()
        .filter(|c| c.body["chat_id"].as_i64() == Some(REDES))
        .map(|c| {
            assert_eq!(
                c.body["reply_parameters"]["message_id"].as_i64(),
                Some(card)
            );
            c.body["message_id"].as_i64().unwrap_or_default()
        })
        .collect();
    assert_eq!(copies, ids, "each copied as it was, in order");
    edited(&api, "Ana's edit reaches the group", |c| {
        text(&c.body) == "Ana Pérez: mi extensión es 4321"
    })
    .await;

    // Jorge answers from the FAQ, with a saved reply, and in his words, corrected.
    api.agent_writes(REDES, JORGE, "/faq vpn desde casa", None, Some(card))
        .await;
    let (offer, offer_id) =
        said_in(&api, REDES, "Base de conocimiento para «vpn desde casa»").await;
    let entry = button_data(&offer.body)
        .into_iter()
        .next()
        .expect("an entry to send");
    let before = api.sent_to(ANA).await.len();
    api.agent_presses(REDES, JORGE, &entry, offer_id).await;
    api.agent_writes(REDES, JORGE, "/plantilla espera", None, Some(card))
        .await;
    let said = api
        .agent_message(REDES, JORGE, "Reinicie el módem", None, Some(card))
        .await;
    let to_ana = api.wait_for_messages(ANA, before + 3).await;
    assert!(text(&to_ana[before]).contains("VPN"), "{}", to_ana[before]);
    assert_eq!(text(&to_ana[before + 1]), saved);
    assert_eq!(text(&to_ana[before + 2]), "Reinicie el módem");
    api.agent_edits(
        REDES,
        JORGE,
        said,
        "Reinicie el módem y la computadora",
        None,
    )
    .await;
    edited(&api, "Jorge's correction reaches Ana", |c| {
        c.body["chat_id"].as_i64() == Some(ANA)
            && text(&c.body) == "Reinicie el módem y la computadora"
    })
    .await;

    // Passed to the general group: the card says so, a topic opens there.
    api.agent_writes(REDES, JORGE, "/pasar general", None, Some(card))
        .await;
    card_edited("➡️ Pasada a general").await;
    let (passed, passed_id) = card_in(&api, GENERAL, 1).await;
    let thread = passed.body["message_thread_id"].as_i64().expect("a topic");
    let topic_is = |name: &'static str, closed: bool| {
        let api = api.clone();
        async move {
            eventually(&format!("the topic to be «{name}»"), || async {
                api.topic(thread)
                    .await
                    .is_some_and(|t| t.name == name && t.closed == closed)
            })
            .await;
        }
    };
    topic_is("🟡 #1 · Ana Pérez", false).await;
    api.agent_presses(GENERAL, LAURA, "take:1", passed_id).await;
    topic_is("🟢 #1 · Ana Pérez · Laura Méndez", false).await;

    // Both ways in the topic, a voice note each; a saved reply; then closed.
    let voice = api.user_sends(ANA, "voice:v-2").await;
    api.agent_writes(GENERAL, LAURA, "voice:laura-v", Some(thread), None)
        .await;
    eventually("the voice notes cross", || async {
        let copies = api.calls("copyMessage").await;
        copies.iter().any(|c| {
            c.body["chat_id"].as_i64() == Some(GENERAL)
                && c.body["message_id"].as_i64() == Some(voice)
                && c.body["message_thread_id"].as_i64() == Some(thread)
        }) && copies.iter().any(|c| {
            c.body["chat_id"].as_i64() == Some(ANA)
                && c.body["from_chat_id"].as_i64() == Some(GENERAL)
        })
    })
    .await;
    api.agent_writes(GENERAL, LAURA, "/plantilla espera", Some(thread), None)
        .await;
    eventually("the saved reply again", || async {
        api.sent_to(ANA)
            .await
            .iter()
            .filter(|m| text(m) == saved)
            .count()
            == 2
    })
    .await;
    api.agent_writes(GENERAL, LAURA, "/cerrar", Some(thread), None)
        .await;
    topic_is("✅ #1 · Ana Pérez", true).await;
    let asked = api.wait_for_text(ANA, "¿cómo calificaría").await;
    let best = button_data(&asked[0])
        .into_iter()
        .find(|d| d.starts_with("rate:") && d.ends_with(":5"))
        .expect("a rating of 5");
    api.user_presses(ANA, &best).await;
    api.wait_for_text(ANA, "Gracias por su calificación").await;
    terminate(bot).await;

    // The month's report: one conversation for each, rated 5.
    let agents = agents_in_report(&db).await;
    assert_eq!(
        agents,
        vec![
            ("Jorge Ramírez".to_owned(), 1, Some(5.0)),
            ("Laura Méndez".to_owned(), 1, Some(5.0))
        ]
    );
}

/// Telegram numbers topics and messages per chat: the same topic id and the
/// same message id in two agents' groups are two conversations, and each
/// group's agent reaches only the user whose conversation is in that group.
#[tokio::test]
async fn the_same_topic_and_message_ids_in_two_groups_are_two_conversations() {
    use mesabot::agents::Agent;
    use mesabot::agents::routes::GroupChatId;
    use mesabot::desk::{Delivery, TakeResult, Written, WrittenIn};
    use mesabot::protocol::UserInput;

    let db = TestDb::new();
    let clock = crate::support::TestClock::local(10, 0);
    let desk = crate::support::app::agents_desk(&db, &clock).await;
    let network = -200;
    let group = GroupChatId::new(network).expect("a group");
    mesabot::store::routes::set(desk.store().writer(), "red", group, 0)
        .await
        .expect("routed");
    let (ana, juan) = (crate::support::user(ANA), crate::support::user(JUAN));
    let says = |who: &mesabot::store::conversations::Participant, text: &str| {
        let (desk, who, text) = (&desk, who.clone(), text.to_owned());
        async move {
            desk.handle(&who, UserInput::from_text(&text), None)
                .await
                .expect("handled")
        }
    };
    let card = |turn: mesabot::desk::Turn| {
        turn.deliveries
            .iter()
            .find_map(|d| match d {
                Delivery::Handoff { handoff, .. } => Some(*handoff),
                _ => None,
            })
            .expect("a card")
    };
    says(&ana, "/start").await;
    says(&ana, "no me puedo conectar a la vpn desde mi casa").await;
    let ana_handoff = card(says(&ana, "quiero hablar con una persona").await);
    says(&juan, "/start").await;
    let juan_handoff = card(says(&juan, "quiero hablar con una persona").await);
    // Both placed in topic 77 of their groups, both with a message 500.
    for handoff in [ana_handoff, juan_handoff] {
        desk.handoff_placed(handoff, Some(77), None)
            .await
            .expect("placed");
        desk.handoff_message_posted(handoff, 500)
            .await
            .expect("posted");
    }
    let laura = Agent {
        user_id: LAURA,
        name: "Laura Méndez".into(),
    };
    let jorge = Agent {
        user_id: JORGE,
        name: "Jorge Ramírez".into(),
    };
    // "Tomar" counts only in the conversation's own group.
    assert!(matches!(
        desk.take(ana_handoff, None, &laura, None).await,
        Ok(TakeResult::Elsewhere)
    ));
    assert!(matches!(
        desk.take(ana_handoff, Some(network), &jorge, None).await,
        Ok(TakeResult::Taken(_))
    ));
    assert!(matches!(
        desk.take(juan_handoff, None, &laura, None).await,
        Ok(TakeResult::Taken(_))
    ));
    let reaches = |deliveries: Vec<Delivery>| -> Vec<i64> {
        deliveries
            .iter()
            .filter_map(|d| match d {
                Delivery::User { chat_id, .. } | Delivery::UserRelayed { chat_id, .. } => {
                    Some(*chat_id)
                }
                _ => None,
            })
            .collect()
    };
    let written = |text: &str| Written {
        text: Some(text.to_owned()),
        ..Written::default()
    };
    for (group, agent, place, user) in [
        (Some(network), &jorge, WrittenIn::Thread(77), ANA),
        (None, &laura, WrittenIn::Thread(77), JUAN),
        (Some(network), &jorge, WrittenIn::ReplyTo(500), ANA),
        (None, &laura, WrittenIn::ReplyTo(500), JUAN),
    ] {
        let said = desk
            .agent_says(group, place, agent, written("¿me confirma?"), None)
            .await
            .expect("relayed");
        assert_eq!(reaches(said), vec![user], "{group:?} {place:?}");
    }
}
