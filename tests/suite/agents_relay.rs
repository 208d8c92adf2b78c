//! What crosses while an agent attends, beyond single messages. Edits: the
//! user's edit reaches the agent's copy, the agent's reaches the user's; a
//! file's caption, which Telegram cannot edit as text, is shown in reply
//! ("✏️ editado: …"); every version stays in the transcript with its time;
//! an edit of a message never relayed does nothing; an edit made while the
//! copy waits to be sent reaches it once sent. Albums: kept together,
//! with their captions, both ways.

use crate::support::fake_bot_api::{Call, FakeBotApi};
use crate::support::{TestDb, eventually, mesabot, terminate, text};

const GROUP: i64 = -1_001_234_567_890;
const ANA: i64 = 1001;
const LAURA: i64 = 501;

/// The position (for its message id) of the first post to `chat` that `found` picks.
async fn sent_where(api: &FakeBotApi, chat: i64, found: impl Fn(&Call) -> bool) -> (Call, i64) {
    eventually("a post", || async {
        api.posts_to(chat).await.iter().any(&found)
    })
    .await;
    let posts = api.posts_to(chat).await;
    let index = posts.iter().position(&found).expect("posted");
    (
        posts[index].clone(),
        api.posted_message_id(chat, index).await,
    )
}

async fn edits(api: &FakeBotApi, count: usize) -> Vec<Call> {
    api.wait_for_calls("editMessageText", count).await
}

/// The bot serving, Ana attended by Laura in topic 9001; the id of Ana's
/// message asking for a person.
async fn laura_attends_ana() -> (TestDb, FakeBotApi, tokio::process::Child, i64) {
    let db = TestDb::new();
    assert!(
        mesabot(&db, &["agent", "add", &LAURA.to_string(), "Laura Méndez"])
            .status
            .success()
    );
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);
    api.user_writes(ANA, "/start").await;
    api.wait_for_messages(ANA, 1).await;
    let asked = api.user_message(ANA, "quiero hablar con una persona").await;
    let (_, card) = sent_where(&api, GROUP, |c| {
        crate::support::button_data(&c.body).contains(&"take:1".to_owned())
    })
    .await;
    api.agent_presses(GROUP, LAURA, "take:1", card).await;
    api.wait_for_text(ANA, "le atiende Laura Méndez").await;
    (db, api, bot, asked)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_reach_the_other_side_and_every_version_is_kept() {
    let (db, api, bot, asked) = laura_attends_ana().await;
    let topic_state_edits = api.calls("editMessageText").await.len();

    // Ana corrects her extension: Laura's copy says the new one.
    let written = api.user_message(ANA, "mi extensión es 1234").await;
    let (_, copy) = sent_where(&api, GROUP, |c| {
        text(&c.body) == "Ana Pérez: mi extensión es 1234"
    })
    .await;
    api.user_edits(ANA, written, "mi extensión es 4321", false)
        .await;
    let edit = &edits(&api, topic_state_edits + 1).await[topic_state_edits];
    assert_eq!(edit.body["chat_id"].as_i64(), Some(GROUP));
    assert_eq!(edit.body["message_id"].as_i64(), Some(copy));
    assert_eq!(edit.body["text"], "Ana Pérez: mi extensión es 4321");

    // Laura corrects her instructions: Ana's copy says the new ones.
    let said = api
        .agent_message(GROUP, LAURA, "Reinicie el equipo", Some(9001), None)
        .await;
    let (_, ana_copy) = sent_where(&api, ANA, |c| text(&c.body) == "Reinicie el equipo").await;
    api.agent_edits(
        GROUP,
        LAURA,
        said,
        "Reinicie el equipo y el módem",
        Some(9001),
    )
    .await;
    let edit = &edits(&api, topic_state_edits + 2).await[topic_state_edits + 1];
    assert_eq!(edit.body["chat_id"].as_i64(), Some(ANA));
    assert_eq!(edit.body["message_id"].as_i64(), Some(ana_copy));
    assert_eq!(edit.body["text"], "Reinicie el equipo y el módem");

    // An edit of what she asked the bot before Laura came changes nothing;
    // a photo's caption, added later, is shown in reply to Laura's copy.
    api.user_edits(ANA, asked, "quiero hablar con alguien", false)
        .await;
    let photo = api.user_sends(ANA, "photo:pantalla-1").await;
    let (_, photo_copy) = sent_where(&api, GROUP, |c| c.method == "sendPhoto").await;
    api.user_edits(ANA, photo, "así sale el error", true).await;
    let (reply, _) = sent_where(&api, GROUP, |c| {
        text(&c.body) == "✏️ editado: así sale el error"
    })
    .await;
    assert_eq!(
        reply.body["reply_parameters"]["message_id"].as_i64(),
        Some(photo_copy)
    );
    assert_eq!(reply.body["message_thread_id"].as_i64(), Some(9001));
    assert_eq!(
        api.calls("editMessageText").await.len(),
        topic_state_edits + 3,
        "two edits and the caption's attempt; nothing for the message to the bot"
    );

    terminate(bot).await;
    let versions = db
        .rows(
            "SELECT author || ' | ' || body FROM messages \
             WHERE body LIKE '%extensión%' OR body LIKE '%Reinicie%' OR body LIKE '%error%' \
             ORDER BY id",
        )
        .await;
    assert_eq!(
        versions,
        [
            "user | mi extensión es 1234",
            "user | ✏️ editado: mi extensión es 4321",
            "agent:Laura Méndez | Reinicie el equipo",
            "agent:Laura Méndez | ✏️ editado: Reinicie el equipo y el módem",
            "user | ✏️ editado: así sale el error",
        ]
    );
}

/// Ana sends three photos as one album (a caption on the first): Laura's
/// topic gets who sent them, then one copy of the whole album. Laura answers
/// with an album of two documents: Ana gets it whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn albums_cross_whole_with_their_captions() {
    let (db, api, bot, _) = laura_attends_ana().await;
    let parts = api
        .user_sends_album(
            ANA,
            "album-ana",
            &["photo:p-1", "photo:p-2", "photo:p-3"],
            "la impresora del piso 3",
        )
        .await;
    let copies = api.wait_for_calls("copyMessages", 1).await;
    let album = &copies[0].body;
    assert_eq!(album["chat_id"].as_i64(), Some(GROUP));
    assert_eq!(album["from_chat_id"].as_i64(), Some(ANA));
    assert_eq!(album["message_thread_id"].as_i64(), Some(9001));
    assert_eq!(
        album["message_ids"],
        serde_json::json!(parts),
        "all three, in order, in one copy"
    );
    assert!(
        album.get("remove_caption").is_none(),
        "captions kept: {album}"
    );
    sent_where(&api, GROUP, |c| {
        text(&c.body) == "Ana Pérez envió estos archivos:"
            && c.body["message_thread_id"].as_i64() == Some(9001)
    })
    .await;

    let laura = api
        .agent_sends_album(
            GROUP,
            LAURA,
            9001,
            "album-laura",
            &["document:d-1", "document:d-2"],
        )
        .await;
    let copies = api.wait_for_calls("copyMessages", 2).await;
    let album = &copies[1].body;
    assert_eq!(album["chat_id"].as_i64(), Some(ANA));
    assert_eq!(album["from_chat_id"].as_i64(), Some(GROUP));
    assert_eq!(album["message_ids"], serde_json::json!(laura));
    assert!(
        api.calls("sendPhoto").await.is_empty() && api.calls("sendDocument").await.is_empty(),
        "nothing sent part by part"
    );

    terminate(bot).await;
    assert_eq!(
        db.count("SELECT count(*) FROM messages WHERE body LIKE '[photo: p-%' AND author = 'user'")
            .await,
        3
    );
    assert_eq!(
        db.count(
            "SELECT count(*) FROM messages WHERE body LIKE '[document: d-%' \
             AND author = 'agent:Laura Méndez'"
        )
        .await,
        2
    );
}

/// A copy goes out from the send queue, and is remembered only once
/// Telegram has sent it: Ana fixes a typo before that (a busy queue, a slow
/// network). The copy is edited when it is remembered; a message not edited
/// meanwhile gets no edit; an edit after the copy reaches it at once.
#[tokio::test]
async fn an_edit_made_while_the_copy_waits_to_be_sent_reaches_it_once_sent() {
    use crate::support::app::{People, agents_desk};
    use crate::support::{TestClock, user};
    use mesabot::agents::Agent;
    use mesabot::desk::{Delivery, Editor};
    use mesabot::protocol::Origin;

    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = agents_desk(&db, &clock).await;
    let handoff = crate::support::app::escalate(&desk, &user(ANA)).await;
    let laura = Agent {
        user_id: LAURA,
        name: "Laura Méndez".into(),
    };
    desk.agent(&laura).takes(handoff).await;
    let typo = Origin {
        chat_id: ANA,
        message_id: 77,
    };
    let edit_of = |deliveries: &[Delivery]| -> Vec<(i64, i64, String)> {
        deliveries
            .iter()
            .filter_map(|d| match d {
                Delivery::Edit {
                    chat_id,
                    message_id,
                    text,
                    ..
                } => Some((*chat_id, *message_id, text.clone())),
                _ => None,
            })
            .collect()
    };

    let now = desk
        .message_edited(typo, "mi extensión es 4321".into(), Editor::User, None)
        .await
        .expect("edit handled");
    assert!(edit_of(&now).is_empty(), "no copy yet: {now:?}");
    let sent = desk
        .relayed(handoff, typo, -100, 555)
        .await
        .expect("copy remembered");
    assert_eq!(
        edit_of(&sent),
        vec![(-100, 555, "Usuario 1001: mi extensión es 4321".to_owned())]
    );

    let untouched = Origin {
        chat_id: ANA,
        message_id: 78,
    };
    let sent = desk
        .relayed(handoff, untouched, -100, 556)
        .await
        .expect("copy remembered");
    assert!(sent.is_empty(), "{sent:?}");
    let now = desk
        .message_edited(untouched, "y el nodo es el 12".into(), Editor::User, None)
        .await
        .expect("edit handled");
    assert_eq!(
        edit_of(&now),
        vec![(-100, 556, "Usuario 1001: y el nodo es el 12".to_owned())]
    );

    let versions = db
        .rows("SELECT body FROM messages WHERE body LIKE '%editado%' ORDER BY id")
        .await;
    assert_eq!(versions.len(), 2, "each version once: {versions:?}");
}
