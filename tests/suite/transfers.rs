//! Transfers to someone inside (operations 10-13): through the protocol, on
//! SQLite with the outbox, and to a person's Telegram chat through the real bot.

use crate::support::app::People;
use crate::support::fake_bot_api::FakeBotApi;
use crate::support::talk::{Talk, all_text, choices};
use crate::support::{TestClock, TestDb, joined, terminate, text};
use mesabot::protocol::{
    Choice, Command, DirectoryOption, Effect, Input, MenuOption, Outcome, Step, TransferAnswer,
    TransferEffect, TransferResult,
};
use mesabot::protocol::{HandoffStage, TransferStage};

fn patricia() -> DirectoryOption {
    DirectoryOption {
        id: 3,
        name: "Patricia Núñez Vega".into(),
        area: "Departamento de Redes y Telecomunicaciones".into(),
    }
}

#[test]
fn the_user_says_whom_their_name_and_from_where_and_is_put_through() {
    let mut talk = Talk::at(10, 0);
    talk.command(Command::Start);
    talk.presses(Choice::Menu(MenuOption::Contact));
    let t = talk.presses(Choice::ContactInside);
    assert!(all_text(&t).contains("¿Con quién desea comunicarse?"));
    let t = talk.says("nuñez");
    assert_eq!(
        t.effects,
        vec![Effect::Transfer(TransferEffect::SearchDirectory(
            "nuñez".into()
        ))]
    );
    let t = talk.send(Input::Transfer(TransferAnswer::DirectoryFound(vec![
        patricia(),
    ])));
    assert_eq!(choices(&t), [Choice::Directory(3)]);
    let t = talk.presses(Choice::Directory(3));
    assert!(all_text(&t).contains("Con gusto le comunico con Patricia Núñez Vega"));
    let t = talk.says("Ana");
    assert!(all_text(&t).contains("al menos un apellido"));
    let t = talk.says("Ana Pérez López");
    assert!(all_text(&t).contains("¿Desde dónde nos escribe?"));
    let t = talk.says("Secretaría de Finanzas, piso 3");
    let [
        Effect::Transfer(TransferEffect::HandOver {
            target,
            caller,
            from,
        }),
    ] = t.effects.as_slice()
    else {
        panic!("a transfer: {:?}", t.effects);
    };
    assert_eq!(
        (*target, caller.as_str(), from.as_str()),
        (3, "Ana Pérez López", "Secretaría de Finanzas, piso 3")
    );

    let t = talk.send(Input::Transfer(TransferAnswer::Transferred(
        TransferResult::Contact {
            name: "Patricia Núñez Vega".into(),
            area: "Redes".into(),
            extension: "4310".into(),
            email: Some("patricia.nunez@dgsei.example.gob.mx".into()),
        },
    )));
    let text = all_text(&t);
    assert!(
        text.contains("extensión 4310") && text.contains("Le avisamos por correo"),
        "{text}"
    );
    assert_eq!(talk.conversation.outcome, Some(Outcome::Transferred));
    assert_eq!(talk.conversation.step, Step::AnythingElse);
}

#[test]
fn nobody_found_asks_again_and_a_person_with_a_chat_takes_the_conversation() {
    let mut talk = Talk::at(10, 0);
    talk.command(Command::Start);
    talk.presses(Choice::Menu(MenuOption::Contact));
    talk.presses(Choice::ContactInside);
    talk.says("zzz");
    let t = talk.send(Input::Transfer(TransferAnswer::DirectoryFound(vec![])));
    assert!(all_text(&t).contains("No encontré a nadie"));
    assert_eq!(talk.conversation.step, Step::Transfer(TransferStage::Who));
    talk.says("redes");
    talk.send(Input::Transfer(TransferAnswer::DirectoryFound(vec![
        patricia(),
    ])));
    talk.presses(Choice::Directory(3));
    talk.says("Ana Pérez López");
    talk.says("Finanzas");
    let t = talk.send(Input::Transfer(TransferAnswer::Transferred(
        TransferResult::Relayed {
            name: "Patricia Núñez Vega".into(),
        },
    )));
    assert!(all_text(&t).contains("Le comuniqué con Patricia Núñez Vega"));
    assert_eq!(
        talk.conversation.step,
        Step::Handoff(HandoffStage::WithAgent {
            agent: "Patricia Núñez Vega".into()
        })
    );
}

#[tokio::test]
async fn a_transfer_without_a_chat_gives_the_extension_and_mails_the_person() {
    let db = TestDb::new();
    let desk = db.desk(&TestClock::local(10, 0)).await;
    desk.user(5).says("/start").await;
    desk.user(5)
        .presses(Choice::Menu(MenuOption::Contact))
        .await;
    desk.user(5).presses(Choice::ContactInside).await;
    // Accents and partial words: "nunez telecom" finds Patricia Núñez of Telecomunicaciones.
    let found = desk.user(5).says("nunez telecom").await;
    let id = found
        .iter()
        .flat_map(|r| r.choices())
        .find_map(|b| match b.choice {
            Choice::Directory(id) if b.label.starts_with("Patricia Núñez Vega") => Some(id),
            _ => None,
        })
        .expect("Patricia offered");
    desk.user(5).presses(Choice::Directory(id)).await;
    desk.user(5).says("Ana Pérez López").await;
    let done = joined(&desk.user(5).says("Secretaría de Finanzas").await);
    assert!(done.contains("extensión 4310"), "{done}");

    let pool = desk.store().reader();
    let (recipient, body): (String, String) =
        sqlx::query_as("SELECT recipient, body_text FROM outbox WHERE purpose = 'transfer'")
            .fetch_one(pool)
            .await
            .expect("the person is mailed");
    assert_eq!(
        recipient,
        "Patricia Núñez Vega <patricia.nunez@dgsei.example.gob.mx>"
    );
    assert!(
        body.contains("Ana Pérez López, desde Secretaría de Finanzas, le busca"),
        "{body}"
    );
    let (mode, caller): (String, String) =
        sqlx::query_as("SELECT mode, caller_name FROM transfers")
            .fetch_one(pool)
            .await
            .expect("the transfer is recorded");
    assert_eq!(
        (mode.as_str(), caller.as_str()),
        ("contact", "Ana Pérez López")
    );
    desk.user(5).presses(Choice::MoreHelp(false)).await;
    let outcome: String = sqlx::query_scalar("SELECT outcome FROM conversations")
        .fetch_one(pool)
        .await
        .expect("conversation");
    assert_eq!(outcome, "transferred");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_with_a_telegram_chat_is_told_who_and_from_where_and_talks_with_the_user() {
    const ANA: i64 = 2001;
    const PATRICIA: i64 = 3003;
    let db = TestDb::new();
    // The directory says Patricia takes transfers in her chat with the bot.
    let file = db.dir.path().join("directorio.toml");
    std::fs::write(
        &file,
        format!(
            "[[person]]\nname = \"Patricia Núñez Vega\"\narea = \"Redes y Telecomunicaciones\"\n\
             extension = \"4310\"\nemail = \"patricia.nunez@dgsei.example.gob.mx\"\ntelegram_chat_id = {PATRICIA}\n"
        ),
    )
    .expect("file");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_mesabot"))
        .args(["directory", "import", &file.display().to_string()])
        .current_dir(db.dir.path())
        .env_clear()
        .env("DATABASE_URL", db.url())
        .status()
        .expect("import runs");
    assert!(status.success());

    let api = FakeBotApi::start().await;
    let bot = crate::support::serve(&db, &api.url, &[]);
    api.user_writes(ANA, "/start").await;
    api.wait_for_messages(ANA, 1).await;
    api.user_presses(ANA, "menu:contact").await;
    api.wait_for_messages(ANA, 2).await;
    api.user_presses(ANA, "reach:inside").await;
    api.wait_for_messages(ANA, 3).await;
    api.user_writes(ANA, "patricia").await;
    let offered = api.wait_for_messages(ANA, 4).await;
    let patricia = crate::support::button_data(&offered[3])
        .into_iter()
        .find(|data| data.starts_with("dir:"))
        .expect("Patricia offered");
    api.user_presses(ANA, &patricia).await;
    api.wait_for_messages(ANA, 5).await;
    api.user_writes(ANA, "Ana Pérez López").await;
    api.wait_for_messages(ANA, 6).await;
    api.user_writes(ANA, "Secretaría de Finanzas").await;
    let ana = api.wait_for_messages(ANA, 7).await;
    assert!(
        text(&ana[6]).contains("Le comuniqué con Patricia Núñez Vega"),
        "{:?}",
        ana[6]
    );

    let patricia = api.wait_for_messages(PATRICIA, 1).await;
    assert!(
        text(&patricia[0]).starts_with("Ana Pérez López, desde Secretaría de Finanzas, le busca"),
        "{:?}",
        patricia[0]
    );

    api.user_writes(ANA, "¿Me puede ayudar con el enlace del piso 3?")
        .await;
    let patricia = api.wait_for_messages(PATRICIA, 2).await;
    // Announced by the name she gave, not her Telegram name ("Ana Pérez").
    assert_eq!(
        text(&patricia[1]),
        "Ana Pérez López: ¿Me puede ayudar con el enlace del piso 3?"
    );
    api.user_writes(PATRICIA, "Claro, voy para allá.").await;
    let ana = api.wait_for_messages(ANA, 8).await;
    assert_eq!(text(&ana[7]), "Claro, voy para allá.");
    api.user_writes(PATRICIA, "/cerrar").await;
    let ana = api.wait_for_messages(ANA, 9).await;
    assert!(text(&ana[8]).contains("Le recuerdo mi nombre, Patricia Núñez Vega."));
    // Patricia is told the conversation closed as what it is: a transfer.
    let patricia = api.wait_for_text(PATRICIA, "Conversación cerrada").await;
    assert_eq!(text(&patricia[0]), "Conversación cerrada como transferida.");
    terminate(bot).await;

    let store = db.store().await;
    let (outcome, mode): (String, String) = sqlx::query_as(
        "SELECT c.outcome, t.mode FROM conversations c JOIN transfers t ON t.conversation_id = c.id",
    )
    .fetch_one(store.reader())
    .await
    .expect("recorded");
    assert_eq!((outcome.as_str(), mode.as_str()), ("transferred", "relay"));
}
