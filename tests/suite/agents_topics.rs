//! The agents' group stays tidy: a conversation's topic title shows where it
//! stands and the topic is closed with it; the same person's next
//! conversation opens it again; a topic deleted by hand is replaced by a new
//! one that starts with the history. In a group without topics, the card
//! shows the state.

use crate::support::fake_bot_api::{FakeBotApi, Topic};
use crate::support::{TestDb, button_data, eventually, mesabot, terminate, text};

const GROUP: i64 = -1_001_234_567_890;
const ANA: i64 = 1001;
const LAURA: i64 = 501;

fn start(db: &TestDb, api: &FakeBotApi) -> tokio::process::Child {
    let out = mesabot(db, &["agent", "add", &LAURA.to_string(), "Laura Méndez"]);
    assert!(out.status.success());
    let group = GROUP.to_string();
    crate::support::serve(db, &api.url, &[("AGENT_CHAT_ID", group.as_str())])
}

async fn asks_for_a_person(api: &FakeBotApi, user: i64) {
    api.user_writes(user, "/start").await;
    api.wait_for_text(user, "en qué puedo ayudarle?").await;
    api.user_writes(user, "quiero hablar con una persona").await;
}

/// The bot's post in the group with this button, and its message id.
async fn card_with(api: &FakeBotApi, data: &str) -> (serde_json::Value, i64) {
    let wanted = data.to_owned();
    eventually("a card", || async {
        api.posts_to(GROUP)
            .await
            .iter()
            .any(|c| button_data(&c.body).contains(&wanted))
    })
    .await;
    let posts = api.posts_to(GROUP).await;
    let index = posts
        .iter()
        .rposition(|c| button_data(&c.body).contains(&wanted))
        .expect("card");
    (
        posts[index].body.clone(),
        api.posted_message_id(GROUP, index).await,
    )
}

async fn topic_becomes(api: &FakeBotApi, thread: i64, name: &str, closed: bool) {
    let wanted = Topic {
        name: name.to_owned(),
        closed,
    };
    eventually(&format!("topic {thread} to be {wanted:?}"), || async {
        api.topic(thread).await.as_ref() == Some(&wanted)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_topic_shows_the_state_is_reopened_and_replaced_when_deleted() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let bot = start(&db, &api);

    // Waiting, attended, back in the queue, attended, closed.
    asks_for_a_person(&api, ANA).await;
    let (card, card_id) = card_with(&api, "take:1").await;
    assert_eq!(card["message_thread_id"].as_i64(), Some(9001));
    topic_becomes(&api, 9001, "🟡 #1 · Ana Pérez", false).await;
    api.agent_presses(GROUP, LAURA, "take:1", card_id).await;
    topic_becomes(&api, 9001, "🟢 #1 · Ana Pérez · Laura Méndez", false).await;
    api.agent_writes(GROUP, LAURA, "/liberar", Some(9001), None)
        .await;
    topic_becomes(&api, 9001, "🟡 #1 · Ana Pérez", false).await;
    let (_, again) = card_with(&api, "take:1").await;
    api.agent_presses(GROUP, LAURA, "take:1", again).await;
    topic_becomes(&api, 9001, "🟢 #1 · Ana Pérez · Laura Méndez", false).await;
    api.agent_writes(GROUP, LAURA, "/cerrar", Some(9001), None)
        .await;
    topic_becomes(&api, 9001, "✅ #1 · Ana Pérez", true).await;

    // Ana comes back: the same topic opens again, with her new card.
    api.wait_for_text(ANA, "cómo calificaría").await;
    api.user_writes(ANA, "hola").await;
    eventually("Ana greeted again", || async {
        api.sent_to(ANA)
            .await
            .iter()
            .filter(|m| text(m).contains("le atiende Mesa de Ayuda"))
            .count()
            == 2
    })
    .await;
    api.user_writes(ANA, "quiero hablar con una persona otra vez")
        .await;
    let (card, card_id) = card_with(&api, "take:2").await;
    assert_eq!(card["message_thread_id"].as_i64(), Some(9001), "{card}");
    let conversation = text(&card)
        .split('#')
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .expect("the card names the conversation")
        .to_owned();
    topic_becomes(
        &api,
        9001,
        &format!("🟡 #{conversation} · Ana Pérez"),
        false,
    )
    .await;
    assert_eq!(api.calls("createForumTopic").await.len(), 1);
    assert_eq!(api.calls("reopenForumTopic").await.len(), 1);

    // Someone deletes the topic by hand; Ana writes: a new topic opens with
    // the history, then her message.
    api.delete_topic(9001).await;
    api.user_writes(ANA, "¿siguen ahí? sigo sin correo").await;
    eventually("a new topic", || async {
        api.calls("createForumTopic").await.len() == 2
    })
    .await;
    topic_becomes(
        &api,
        9002,
        &format!("🟡 #{conversation} · Ana Pérez"),
        false,
    )
    .await;
    let in_new: Vec<String> = {
        eventually("two posts in the new topic", || async {
            api.posts_to(GROUP)
                .await
                .iter()
                .filter(|c| c.body["message_thread_id"].as_i64() == Some(9002))
                .count()
                >= 2
        })
        .await;
        api.posts_to(GROUP)
            .await
            .iter()
            .filter(|c| c.body["message_thread_id"].as_i64() == Some(9002))
            .map(|c| text(&c.body).to_owned())
            .collect()
    };
    assert!(
        in_new[0].starts_with("El tema anterior de esta conversación ya no existe")
            && in_new[0].contains(&format!("Conversación #{conversation} · Ana Pérez"))
            && in_new[0].contains("Ana Pérez: quiero hablar con una persona otra vez"),
        "{in_new:#?}"
    );
    assert_eq!(in_new[1], "Ana Pérez: ¿siguen ahí? sigo sin correo");

    // Laura takes it from the card in the deleted topic's stead and answers
    // in the new topic: Ana gets it.
    api.agent_presses(GROUP, LAURA, "take:2", card_id).await;
    topic_becomes(
        &api,
        9002,
        &format!("🟢 #{conversation} · Ana Pérez · Laura Méndez"),
        false,
    )
    .await;
    api.agent_writes(
        GROUP,
        LAURA,
        "Aquí sigo, Ana; reviso su correo.",
        Some(9002),
        None,
    )
    .await;
    api.wait_for_text(ANA, "Aquí sigo, Ana").await;

    // Deleted again while Laura attends: the next topic says so from the start.
    api.delete_topic(9002).await;
    api.user_writes(ANA, "gracias, aquí espero").await;
    eventually("a third topic", || async {
        api.calls("createForumTopic").await.len() == 3
    })
    .await;
    let created = api.calls("createForumTopic").await;
    assert_eq!(
        created[2].body["name"],
        format!("🟢 #{conversation} · Ana Pérez · Laura Méndez"),
        "{}",
        created[2].body
    );

    terminate(bot).await;
}

/// Without topics the card itself shows the state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_group_without_topics_the_card_shows_the_state() {
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    api.without_forum();
    let bot = start(&db, &api);
    asks_for_a_person(&api, ANA).await;
    let (card, card_id) = card_with(&api, "take:1").await;
    let card_text = text(&card).to_owned();
    api.agent_presses(GROUP, LAURA, "take:1", card_id).await;
    let edits = api.wait_for_calls("editMessageText", 1).await;
    assert_eq!(edits[0].body["message_id"].as_i64(), Some(card_id));
    assert_eq!(
        edits[0].body["text"].as_str(),
        Some(format!("🟢 La atiende Laura Méndez\n\n{card_text}").as_str())
    );
    api.agent_writes(GROUP, LAURA, "/cerrar", None, Some(card_id))
        .await;
    let edits = api.wait_for_calls("editMessageText", 2).await;
    assert_eq!(
        edits[1].body["text"].as_str(),
        Some(format!("✅ Cerrada\n\n{card_text}").as_str())
    );
    assert!(api.calls("editForumTopic").await.is_empty());
    terminate(bot).await;
}
