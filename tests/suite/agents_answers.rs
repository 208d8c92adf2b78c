//! Agents answer without typing: `/faq texto` offers the knowledge base's
//! entries as buttons that send the answer to the user in the agent's name,
//! and `/plantilla nombre` sends one of the desk's saved replies, which
//! administrators manage with `mesabot template …`.

use crate::support::fake_bot_api::{Call, FakeBotApi};
use crate::support::{TestDb, button_data, mesabot, terminate, text};

const GROUP: i64 = -1_001_234_567_890;
const ANA: i64 = 1001;
const JOHN: i64 = 1002;
const LAURA: i64 = 501;
const JORGE: i64 = 502;
const PRINTER: &str = "Mi impresora no imprime";

fn ok(db: &TestDb, args: &[&str]) -> String {
    let out = mesabot(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(db: &TestDb, args: &[&str]) -> String {
    let out = mesabot(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names_agents_and_saves_replies(db: &TestDb) {
    ok(db, &["agent", "add", &LAURA.to_string(), "Laura Méndez"]);
    ok(db, &["agent", "add", &JORGE.to_string(), "Jorge Ramírez"]);
    ok(
        db,
        &[
            "template",
            "add",
            "espera",
            "Gracias por su paciencia; estoy revisando su caso.",
        ],
    );
    ok(
        db,
        &[
            "template",
            "add",
            "espera",
            "Thank you for waiting; I am looking into your case.",
            "--locale",
            "en",
        ],
    );
}

/// The last post in the group that `found` picks, and its message id.
async fn group_post(api: &FakeBotApi, found: impl Fn(&Call) -> bool) -> (Call, i64) {
    crate::support::eventually("a post in the group", || async {
        api.posts_to(GROUP).await.iter().any(&found)
    })
    .await;
    let posts = api.posts_to(GROUP).await;
    let index = posts.iter().rposition(&found).expect("posted");
    let id = api.posted_message_id(GROUP, index).await;
    (posts[index].clone(), id)
}

/// The last post in the group that contains `needle`.
async fn topic_post(api: &FakeBotApi, needle: &str) -> (Call, i64) {
    group_post(api, |c| text(&c.body).contains(needle)).await
}

/// Where an agent writes in a conversation: its topic in a forum group, in
/// reply to its card in a plain one.
#[derive(Clone, Copy)]
struct In {
    thread: Option<i64>,
    reply_to: Option<i64>,
}

impl In {
    fn conversation(forum: bool, card: &Call, card_id: i64) -> In {
        if forum {
            let thread = card.body["message_thread_id"].as_i64();
            assert!(thread.is_some(), "a topic: {}", card.body);
            In {
                thread,
                reply_to: None,
            }
        } else {
            In {
                thread: None,
                reply_to: Some(card_id),
            }
        }
    }

    /// Whether a post of the bot went to this conversation.
    fn holds(&self, post: &Call) -> bool {
        match (self.thread, self.reply_to) {
            (Some(thread), _) => post.body["message_thread_id"].as_i64() == Some(thread),
            (None, Some(card)) => {
                post.body["reply_parameters"]["message_id"].as_i64() == Some(card)
            }
            (None, None) => false,
        }
    }
}

async fn agent_in(api: &FakeBotApi, agent: i64, at: In, text: &str) {
    api.agent_writes(GROUP, agent, text, at.thread, at.reply_to)
        .await;
}

/// `user` asks for a person in `words` and Laura takes the conversation.
async fn laura_attends(api: &FakeBotApi, forum: bool, user: i64, words: &str, handoff: i64) -> In {
    api.user_writes(user, "/start").await;
    api.wait_for_messages(user, 1).await;
    api.user_writes(user, words).await;
    let take = format!("take:{handoff}");
    let (card, card_id) = group_post(api, |c| button_data(&c.body).contains(&take)).await;
    api.agent_presses(GROUP, LAURA, &take, card_id).await;
    api.wait_for_text(user, "Laura Méndez").await;
    In::conversation(forum, &card, card_id)
}

/// Laura looks up "no puedo imprimir" and sends the printer entry with a
/// button; Jorge, who does not attend Ana, is told so and sends nothing;
/// a saved reply goes in the user's language; the transcript has both as
/// Laura's. Ana's low rating afterwards is told to the group with a link.
async fn answers_without_typing(forum: bool) {
    let db = TestDb::new();
    names_agents_and_saves_replies(&db);
    let api = FakeBotApi::start().await;
    if !forum {
        api.without_forum();
    }
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);
    let ana = laura_attends(&api, forum, ANA, "quiero hablar con una persona", 1).await;
    let before = api.sent_to(ANA).await.len();

    // Outside any conversation, /faq is a lookup: the entries with their answers.
    let nowhere = In {
        thread: None,
        reply_to: None,
    };
    agent_in(&api, JORGE, nowhere, "/faq la impresora no imprime").await;
    let (lookup, _) = topic_post(&api, "(para consulta;").await;
    let looked_up = text(&lookup.body);
    assert!(
        looked_up.contains(&format!("▸ {PRINTER}\n1. Revise que la impresora")),
        "{looked_up}"
    );
    assert!(button_data(&lookup.body).is_empty() && !ana.holds(&lookup));

    agent_in(&api, LAURA, ana, "/faq no puedo imprimir").await;
    let (offer, offer_id) = topic_post(&api, "Base de conocimiento para «no puedo imprimir»").await;
    assert!(ana.holds(&offer), "in Ana's conversation: {}", offer.body);
    assert!(
        text(&offer.body).contains(&format!("1. {PRINTER}")),
        "{}",
        offer.body
    );
    let buttons = button_data(&offer.body);
    assert!(
        !buttons.is_empty() && buttons.iter().all(|d| d.starts_with("send:1:")),
        "{buttons:?}"
    );

    // Jorge presses it: he does not attend Ana, so nothing goes to her.
    api.agent_presses(GROUP, JORGE, &buttons[0], offer_id).await;
    let answers = api.wait_for_calls("answerCallbackQuery", 2).await;
    assert_eq!(
        answers[1].body["text"], "Esta conversación la atiende Laura Méndez.",
        "{}",
        answers[1].body
    );
    assert_eq!(answers[1].body["show_alert"], true);

    // Laura presses it: Ana gets the entry, the topic says who sent what.
    api.agent_presses(GROUP, LAURA, &buttons[0], offer_id).await;
    let to_ana = api.wait_for_messages(ANA, before + 1).await;
    assert_eq!(
        api.sent_to(ANA).await.len(),
        before + 1,
        "Jorge's press sent nothing"
    );
    let answer = text(&to_ana[before]);
    assert!(
        answer.starts_with(PRINTER) && answer.contains("Revise que la impresora"),
        "{answer}"
    );
    topic_post(
        &api,
        &format!("Laura Méndez envió la respuesta de «{PRINTER}»"),
    )
    .await;

    // Saved replies: the names, one that does not exist, then one sent.
    agent_in(&api, LAURA, ana, "/plantilla").await;
    topic_post(&api, "Plantillas: espera.").await;
    agent_in(&api, LAURA, ana, "/plantilla despedida").await;
    let (unknown, _) = topic_post(
        &api,
        "No hay una plantilla «despedida». Plantillas: espera.",
    )
    .await;
    assert!(ana.holds(&unknown));
    agent_in(&api, LAURA, ana, "/plantilla Espera").await;
    let to_ana = api.wait_for_messages(ANA, before + 2).await;
    assert_eq!(
        text(&to_ana[before + 1]),
        "Gracias por su paciencia; estoy revisando su caso."
    );
    topic_post(&api, "Laura Méndez envió la plantilla «Espera».").await;

    // An English-speaking user gets the English text of the same reply.
    api.speaks(JOHN, "en");
    let john_at = laura_attends(&api, forum, JOHN, "I want to talk to a person", 2).await;
    let john = api.sent_to(JOHN).await.len();
    agent_in(&api, LAURA, john_at, "/plantilla espera").await;
    let to_john = api.wait_for_messages(JOHN, john + 1).await;
    assert_eq!(
        text(&to_john[john]),
        "Thank you for waiting; I am looking into your case."
    );

    // Laura closes Ana's conversation; Ana rates it 1: the group hears it
    // with a link to her topic (or card).
    agent_in(&api, LAURA, ana, "/cerrar").await;
    let asked = api.wait_for_text(ANA, "¿cómo calificaría").await;
    let lowest = button_data(&asked[0])
        .into_iter()
        .find(|d| d.starts_with("rate:") && d.ends_with(":1"))
        .expect("a rating of 1");
    api.user_presses(ANA, &lowest).await;
    let (alert, _) = topic_post(&api, "Calificación baja: 1 de 5").await;
    let linked = ana.thread.or(ana.reply_to).expect("where Ana was attended");
    assert!(
        text(&alert.body).ends_with(&format!("https://t.me/c/1234567890/{linked}")),
        "{}",
        alert.body
    );
    assert!(
        alert.body.get("message_thread_id").is_none(),
        "in the group's general chat"
    );

    terminate(bot).await;
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) FROM messages WHERE author = 'agent:Laura Méndez' \
             AND (body LIKE '{PRINTER}%' OR body LIKE 'Gracias por su paciencia%' \
             OR body LIKE 'Thank you for waiting%')"
        ))
        .await,
        3,
        "both answers are Laura's in the transcripts"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_answers_from_the_faq_and_with_saved_replies_in_a_forum_group() {
    answers_without_typing(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_answers_from_the_faq_and_with_saved_replies_in_a_plain_group() {
    answers_without_typing(false).await;
}

/// Administrators keep the saved replies: add (and replace), list, export,
/// import a whole file in one go (a bad file changes nothing and names the
/// entry), remove; bad names and empty texts are refused with a reason.
#[tokio::test]
async fn administrators_keep_the_saved_replies() {
    let db = TestDb::new();
    assert!(ok(&db, &["template", "list"]).contains("No hay plantillas"));
    ok(
        &db,
        &["template", "add", "Espera", "Un momento, por favor."],
    );
    ok(
        &db,
        &[
            "template",
            "add",
            "espera",
            "Un momento, por favor; ya reviso.",
        ],
    );
    ok(
        &db,
        &[
            "template",
            "add",
            "cierre",
            "Gracias por comunicarse.",
            "--locale",
            "en",
        ],
    );
    let listed = ok(&db, &["template", "list"]);
    assert!(
        listed.contains("espera") && listed.contains("ya reviso") && listed.contains("cierre"),
        "{listed}"
    );
    assert_eq!(
        listed.lines().count(),
        2,
        "a name and locale is one reply: {listed}"
    );

    assert!(refused(&db, &["template", "add", "dos palabras", "x"]).contains("una sola palabra"));
    assert!(refused(&db, &["template", "add", "vacia", "   "]).contains("necesita un texto"));
    let long = "a".repeat(4001);
    assert!(refused(&db, &["template", "add", "larga", &long]).contains("4000"));

    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("plantillas.toml");
    let path = file.to_str().expect("path");
    assert!(ok(&db, &["template", "export", path]).contains("2 plantillas"));
    let exported = std::fs::read_to_string(&file).expect("exported");
    let edited = format!(
        "{exported}\n[[template]]\nname = \"saludo\"\nlocale = \"es-MX\"\ntext = \"\"\"\nBuenos días.\nLe atiende la Mesa de Ayuda.\"\"\"\n"
    );
    std::fs::write(&file, &edited).expect("edited");
    assert!(ok(&db, &["template", "import", path]).contains("3 plantillas"));
    assert!(ok(&db, &["template", "list"]).contains("saludo"));

    // A bad entry: nothing changes, and the message names it.
    let bad = format!("{edited}\n[[template]]\nname = \"x\"\nlocale = \"fr\"\ntext = \"Salut\"\n");
    std::fs::write(&file, bad).expect("bad");
    let error = refused(&db, &["template", "import", path]);
    assert!(
        error.contains("template 4") && error.contains("fr"),
        "{error}"
    );
    assert_eq!(ok(&db, &["template", "list"]).lines().count(), 3);

    assert!(ok(&db, &["template", "remove", "ESPERA"]).contains("«ESPERA»"));
    assert!(refused(&db, &["template", "remove", "espera"]).contains("No hay una plantilla"));
    assert_eq!(ok(&db, &["template", "list"]).lines().count(), 2);
}
