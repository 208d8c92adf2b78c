//! The desk on a real SQLite file: FAQ search through FTS5, what every
//! conversation leaves in the database, restarts, duplicates and inactivity.

use std::sync::Arc;
use std::time::Duration;

use crate::support::app::People;
use crate::support::{TestClock, TestDb, joined, user};
use mesabot::desk::Desk;
use mesabot::faq::{FaqEntry, FaqFile};
use mesabot::protocol::{Choice, Command, MenuOption, UserInput};
use mesabot::store::conversations::Channel;

/// The question of the best answer the desk gives to `text` at first contact.
async fn best_answer(desk: &Desk, chat: i64, text: &str) -> String {
    let replies = desk.user(chat).says(text).await;
    let answer = replies
        .iter()
        .find(|r| r.text.starts_with("Esto puede ayudarle"))
        .unwrap_or_else(|| panic!("no FAQ answer for «{text}»: {replies:#?}"));
    answer.text.lines().nth(2).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn faq_search_tolerates_accents_misspellings_and_everyday_words() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let cases = [
        (
            "olvidé la contraseña de mi correo",
            "¿Cómo restablezco la contraseña de mi correo institucional?",
        ),
        (
            "olvide la contrasena de mi correo",
            "¿Cómo restablezco la contraseña de mi correo institucional?",
        ),
        (
            "se me olvidó la contrasenia del correo",
            "¿Cómo restablezco la contraseña de mi correo institucional?",
        ),
        ("mi inpresora no imprime", "Mi impresora no imprime"),
        (
            "¿cómo me conecto a la VPN desde mi casa?",
            "¿Cómo me conecto a la VPN institucional?",
        ),
        (
            "quiero configurar el correo en mi celular",
            "¿Cómo configuro el correo institucional en mi celular?",
        ),
        ("no tengo internet", "No tengo internet en mi computadora"),
        (
            "necesito entrar a una carpeta compartida",
            "¿Cómo accedo a una carpeta compartida de mi área?",
        ),
        (
            "me sale que el certificado no es seguro",
            "El sitio de un sistema dice que el certificado no es seguro",
        ),
    ];
    for (chat, (text, expected)) in (1..).zip(cases) {
        assert_eq!(
            best_answer(&desk, chat, text).await,
            expected,
            "for «{text}»"
        );
    }
}

#[tokio::test]
async fn a_first_level_conversation_is_recorded_with_its_outcome_and_transcript() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    desk.user(5).says("/start").await;
    desk.user(5).says("olvidé la contraseña de mi correo").await;
    desk.user(5).presses(Choice::Solved(true)).await;
    let farewell = desk.user(5).presses(Choice::MoreHelp(false)).await;
    assert!(joined(&farewell).starts_with("Le recuerdo mi nombre, Mesa de Ayuda DGSEI"));

    let pool = desk.store().reader();
    let (channel, chat, name, outcome, handled_by, ended, responded, faq_question): (
        String,
        i64,
        String,
        String,
        String,
        Option<i64>,
        Option<i64>,
        String,
    ) = sqlx::query_as(
        "SELECT c.channel, c.chat_id, c.user_name, c.outcome, c.handled_by, c.ended_at,
                c.first_response_at, f.question
           FROM conversations c JOIN faq f ON f.id = c.solved_by_faq_id",
    )
    .fetch_one(pool)
    .await
    .expect("one conversation solved by an FAQ entry");
    assert_eq!(
        (channel.as_str(), chat, name.as_str()),
        ("telegram", 5, "Usuario 5")
    );
    assert_eq!(
        (outcome.as_str(), handled_by.as_str()),
        ("first_level", "bot")
    );
    assert!(ended.is_some() && responded.is_some());
    assert!(faq_question.contains("restablezco la contraseña"));

    let transcript: Vec<(String, String)> =
        sqlx::query_as("SELECT direction, body FROM messages ORDER BY id")
            .fetch_all(pool)
            .await
            .expect("transcript");
    let inbound: Vec<&str> = transcript
        .iter()
        .filter(|(d, _)| d == "in")
        .map(|(_, b)| b.as_str())
        .collect();
    assert_eq!(
        inbound,
        [
            "/start",
            "olvidé la contraseña de mi correo",
            "[solved:yes]",
            "[more:no]"
        ]
    );
    assert!(
        transcript
            .iter()
            .any(|(d, b)| d == "out" && b.starts_with("Buenos días"))
    );
    assert!(
        transcript
            .last()
            .is_some_and(|(d, b)| d == "out" && b.starts_with("Le recuerdo"))
    );

    let (query, hits): (String, i64) = sqlx::query_as("SELECT query, hits FROM faq_searches")
        .fetch_one(pool)
        .await
        .expect("the search is logged");
    assert_eq!(
        (query.as_str(), hits),
        ("olvidé la contraseña de mi correo", 3)
    );
}

#[tokio::test]
async fn a_restart_resumes_the_conversation_at_its_step() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    {
        let desk = db.desk(&clock).await;
        desk.user(9).says("mi impresora no imprime").await;
        desk.store().close().await;
    }
    // A new process: new pools, new desk, same file.
    let desk = db.desk(&clock).await;
    let replies = desk.user(9).says("sí").await;
    assert!(
        joined(&replies).contains("¡Qué bueno que se resolvió!"),
        "{replies:#?}"
    );
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM conversations")
        .fetch_one(desk.store().reader())
        .await
        .expect("count");
    assert_eq!(open, 1, "the same conversation continued");
}

#[tokio::test]
async fn an_update_delivered_twice_is_handled_once() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let first = desk
        .handle(&user(3), UserInput::from_text("hola"), Some(41))
        .await
        .expect("handled");
    let again = desk
        .handle(&user(3), UserInput::from_text("hola"), Some(41))
        .await
        .expect("handled");
    assert!(!first.replies.is_empty());
    assert!(
        again.replies.is_empty(),
        "a repeated update gets no second reply"
    );
    let inbound: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE direction = 'in'")
        .fetch_one(desk.store().reader())
        .await
        .expect("count");
    assert_eq!(inbound, 1);
}

#[tokio::test]
async fn a_silent_user_is_closed_as_abandoned_and_the_next_message_is_a_new_call() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    desk.user(4).says("/start").await;
    desk.user(4)
        .presses(Choice::Menu(MenuOption::Support))
        .await;

    clock.advance(Duration::from_secs(29 * 60));
    assert!(
        desk.close_idle(Channel::Telegram, None)
            .await
            .expect("sweep")
            .is_empty()
    );

    clock.advance(Duration::from_secs(2 * 60));
    let closed = desk
        .close_idle(Channel::Telegram, None)
        .await
        .expect("sweep");
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0].chat_id, 4);
    assert!(joined(&closed[0].replies).contains("30 minutos"));
    // The terminal's sweep does not touch Telegram chats, and a closed one is not closed twice.
    assert!(
        desk.close_idle(Channel::Terminal, None)
            .await
            .expect("sweep")
            .is_empty()
    );
    assert!(
        desk.close_idle(Channel::Telegram, None)
            .await
            .expect("sweep")
            .is_empty()
    );

    let greeting = desk.user(4).says("hola").await;
    assert!(joined(&greeting).starts_with("Buenos días"));
    let rows: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT outcome FROM conversations ORDER BY id")
            .fetch_all(desk.store().reader())
            .await
            .expect("rows");
    assert_eq!(rows, vec![(Some("abandoned".to_owned()),), (None,)]);
}

#[tokio::test]
async fn a_resolved_conversation_left_unanswered_keeps_its_outcome() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    desk.user(6).says("/start").await;
    desk.user(6)
        .presses(Choice::Menu(MenuOption::OtherMatter))
        .await;
    clock.advance(Duration::from_secs(31 * 60));
    let closed = desk
        .close_idle(Channel::Telegram, None)
        .await
        .expect("sweep");
    assert!(joined(&closed[0].replies).starts_with("Le recuerdo mi nombre"));
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM conversations")
        .fetch_one(desk.store().reader())
        .await
        .expect("row");
    assert_eq!(outcome, "out_of_scope");
}

#[tokio::test]
async fn anything_else_yes_is_a_new_conversation_row() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(16, 0)).await;
    desk.user(8).says("/start").await;
    desk.user(8)
        .presses(Choice::Menu(MenuOption::OtherMatter))
        .await;
    let again = desk.user(8).presses(Choice::MoreHelp(true)).await;
    assert!(joined(&again).contains("¿En qué más puedo ayudarle?"));
    // Whether each time is set, as 1 or 0 on every database.
    let rows: Vec<(Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT outcome, CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END,
                CASE WHEN first_response_at IS NULL THEN 0 ELSE 1 END
           FROM conversations ORDER BY id",
    )
    .fetch_all(desk.store().reader())
    .await
    .expect("rows");
    assert_eq!(
        rows,
        vec![(Some("out_of_scope".to_owned()), 1, 1), (None, 0, 1)]
    );
}

#[tokio::test]
async fn many_chats_at_once_each_get_their_own_conversation() {
    let db = TestDb::new();
    let desk = Arc::new(db.desk(&TestClock::local(10, 0)).await);
    let tasks: Vec<_> = (100..140)
        .map(|chat| {
            let desk = desk.clone();
            tokio::spawn(async move {
                desk.handle(&user(chat), UserInput::Command(Command::Start), None)
                    .await
            })
        })
        .collect();
    for task in tasks {
        let replies = task.await.expect("task").expect("handled");
        assert!(replies.replies[0].text.starts_with("Buenos días"));
    }
    let open: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT chat_id) FROM conversations WHERE ended_at IS NULL",
    )
    .fetch_one(desk.store().reader())
    .await
    .expect("count");
    assert_eq!(open, 40);
}

#[tokio::test]
async fn an_imported_faq_replaces_the_sample_and_is_searched_at_once() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    // Warm the spelling vocabulary with the sample FAQ first.
    assert!(
        best_answer(&desk, 1, "impresora")
            .await
            .contains("impresora")
    );

    let exported = db.dir.path().join("faq.toml");
    let entries = mesabot::store::faq::list(desk.store().reader())
        .await
        .expect("list");
    assert!(
        entries.len() >= 25,
        "the sample FAQ has at least 25 entries"
    );
    let synonyms = mesabot::store::faq::synonyms(desk.store().reader())
        .await
        .expect("synonyms");
    assert!(
        synonyms
            .iter()
            .any(|g| g.words.contains(&"compu".to_owned())),
        "the sample synonyms say compu is computadora"
    );
    FaqFile {
        synonyms: synonyms.clone(),
        entries: entries.clone(),
    }
    .write(&exported)
    .expect("export");
    let read_back = FaqFile::read(&exported).expect("read back");
    assert_eq!(read_back.entries, entries);
    assert_eq!(read_back.synonyms, synonyms);
    assert!(
        entries.iter().all(|e| !e.examples.is_empty()),
        "every sample entry comes with examples of how people ask it"
    );

    let mine = FaqFile {
        synonyms: vec![mesabot::faq::SynonymGroup {
            words: vec!["gafete".into(), "badge".into()],
        }],
        entries: vec![
            FaqEntry {
                question: "¿Dónde recojo mi gafete de acceso?".into(),
                answer: "En la ventanilla de recursos humanos, planta baja.".into(),
                keywords: vec!["gafete".into(), "credencial".into()],
                service: Some("otro".into()),
                examples: vec![],
            },
            FaqEntry {
                question: "¿Cómo reservo la sala de juntas?".into(),
                answer: "En el calendario compartido de salas, con un día de anticipación.".into(),
                keywords: vec!["sala".into(), "reservar".into()],
                service: Some("otro".into()),
                examples: vec!["quiero apartar el salón para una reunión con proveedores".into()],
            },
        ],
    };
    mesabot::store::faq::replace_all(desk.store().writer(), &mine.entries, &mine.synonyms)
        .await
        .expect("import");
    assert_eq!(
        best_answer(&desk, 2, "perdí mi gafete").await,
        "¿Dónde recojo mi gafete de acceso?"
    );
    // "gafette" is corrected with the new vocabulary, not the old one; the
    // new synonyms apply at once.
    assert_eq!(
        best_answer(&desk, 3, "gafette").await,
        "¿Dónde recojo mi gafete de acceso?"
    );
    assert_eq!(
        best_answer(&desk, 5, "I lost my badge").await,
        "¿Dónde recojo mi gafete de acceso?"
    );
    // Words only the desk's example has find the entry.
    assert_eq!(
        best_answer(&desk, 6, "necesito apartar el salon para una reunion").await,
        "¿Cómo reservo la sala de juntas?"
    );
    let replies = desk.user(4).says("mi impresora no imprime").await;
    assert!(
        !joined(&replies).contains("Esto puede ayudarle"),
        "the old FAQ is gone"
    );
}

#[tokio::test]
async fn an_import_naming_an_unknown_service_changes_nothing() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    let before = mesabot::store::faq::list(desk.store().reader())
        .await
        .expect("list");
    let bad = [FaqEntry {
        question: "¿Pregunta?".into(),
        answer: "Respuesta.".into(),
        keywords: vec![],
        service: Some("cafeteria".into()),
        examples: vec![],
    }];
    let error = mesabot::store::faq::replace_all(desk.store().writer(), &bad, &[])
        .await
        .expect_err("unknown service");
    assert!(error.to_string().contains("cafeteria"), "{error}");
    let after = mesabot::store::faq::list(desk.store().reader())
        .await
        .expect("list");
    assert_eq!(before, after);
}

#[tokio::test]
async fn the_time_to_first_answer_counts_from_when_the_user_wrote() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = db.desk(&clock).await;
    // Telegram says the message was sent 3 s before the bot handled it.
    let sent = clock.now() - chrono::Duration::seconds(3);
    desk.handle_received(&user(12), UserInput::from_text("hola"), Some(1), Some(sent))
        .await
        .expect("handled");
    let waited: i64 =
        sqlx::query_scalar("SELECT first_response_at - started_at FROM conversations")
            .fetch_one(desk.store().reader())
            .await
            .expect("row");
    assert_eq!(waited, 3000);
}
