//! Calls to the outside for DGSEI staff (operations 14-24): through the
//! protocol, and on SQLite with the code mailed through the outbox, the
//! agents' reports, retries, and the call log read back from its XLSX.

use std::sync::Arc;
use std::time::Duration;

use crate::support::app::People;
use crate::support::talk::{Talk, all_text, choices};
use crate::support::{TestClock, TestDb, joined, settings};
use calamine::{Data, Reader, Xlsx};
use mesabot::agents::AgentSettings;
use mesabot::desk::{Delivery, Desk};
use mesabot::locale::Texts;
use mesabot::protocol::{
    CallAnswer, CallEffect, CallStage, Choice, CodeCheck, Command, Effect, Input, MenuOption,
    Outcome, StaffCode, Step,
};
use mesabot::store::conversations::Channel;

#[test]
fn only_staff_get_a_code_and_a_wrong_code_is_asked_again() {
    let mut talk = Talk::at(10, 0);
    talk.command(Command::Start);
    let t = talk.presses(Choice::Menu(MenuOption::Contact));
    assert_eq!(choices(&t), [Choice::ContactInside, Choice::CallOutside]);
    let t = talk.presses(Choice::CallOutside);
    assert_eq!(t.effects, vec![Effect::Call(CallEffect::CheckStaff)]);
    let t = talk.send(Input::Call(CallAnswer::StaffStatus(None)));
    assert!(all_text(&t).contains("solo para el personal adscrito a la DGSEI"));
    talk.says("alguien@otra-dependencia.gob.mx");
    let t = talk.send(Input::Call(CallAnswer::StaffCodeSent(StaffCode::NotStaff)));
    assert!(all_text(&t).contains("no está en el registro de personal"));
    assert_eq!(talk.conversation.step, Step::Menu);

    talk.presses(Choice::Menu(MenuOption::Contact));
    talk.presses(Choice::CallOutside);
    talk.send(Input::Call(CallAnswer::StaffStatus(None)));
    talk.says("laura.mendez@dgsei.example.gob.mx");
    let t = talk.send(Input::Call(CallAnswer::StaffCodeSent(StaffCode::Sent)));
    assert!(all_text(&t).contains("código de 6 dígitos a laura.mendez@dgsei.example.gob.mx"));
    let t = talk.says("12 34");
    assert!(all_text(&t).contains("El código tiene 6 dígitos"));
    let t = talk.says("123 456");
    assert_eq!(
        t.effects,
        vec![Effect::Call(CallEffect::VerifyStaffCode {
            code: "123456".into()
        })]
    );
    let t = talk.send(Input::Call(CallAnswer::StaffCodeChecked(
        CodeCheck::Wrong { attempts_left: 2 },
    )));
    assert!(all_text(&t).contains("Le quedan 2 intentos"));
    talk.says("654321");
    let t = talk.send(Input::Call(CallAnswer::StaffCodeChecked(
        CodeCheck::Expired,
    )));
    assert!(all_text(&t).contains("El código ya venció"));
    assert_eq!(talk.conversation.step, Step::Call(CallStage::StaffEmail));
}

#[test]
fn an_unanswered_call_can_go_to_another_number_later_or_be_let_go() {
    let mut talk = Talk::at(10, 0);
    talk.command(Command::Start);
    talk.presses(Choice::Menu(MenuOption::Contact));
    talk.presses(Choice::CallOutside);
    let t = talk.send(Input::Call(CallAnswer::StaffStatus(Some(
        "Laura Méndez Ortega".into(),
    ))));
    assert!(all_text(&t).contains("Gracias, Laura Méndez Ortega"));
    talk.says("Lic. Roberto Díaz");
    let t = talk.says("55 12");
    assert!(all_text(&t).contains("tiene 4 dígitos"));
    talk.says("55 1234 5678");
    let t = talk.says("Secretaría de Salud");
    let [
        Effect::Call(CallEffect::Request {
            call: None,
            person,
            place,
            ..
        }),
    ] = t.effects.as_slice()
    else {
        panic!("{:?}", t.effects);
    };
    assert_eq!(
        (person.as_str(), place.as_str()),
        ("Lic. Roberto Díaz", "Secretaría de Salud")
    );
    talk.send(Input::Call(CallAnswer::Requested { call_id: 4 }));
    let t = talk.send(Input::Call(CallAnswer::Result {
        answered: false,
        number: "55 1234 5678".into(),
    }));
    assert!(all_text(&t).contains("No contestaron en el 55 1234 5678"));
    assert_eq!(
        choices(&t),
        [
            Choice::CallOtherNumber,
            Choice::CallLater,
            Choice::CallNotNeeded
        ]
    );
    assert_eq!(talk.conversation.outcome, Some(Outcome::External));

    talk.presses(Choice::CallOtherNumber);
    let t = talk.says("722 123 4567");
    assert!(matches!(
        t.effects.as_slice(),
        [Effect::Call(CallEffect::Request { call: Some(4), .. })]
    ));
    talk.send(Input::Call(CallAnswer::Requested { call_id: 4 }));
    talk.send(Input::Call(CallAnswer::Result {
        answered: false,
        number: "722 123 4567".into(),
    }));
    let t = talk.presses(Choice::CallLater);
    assert_eq!(
        choices(&t),
        [
            Choice::RetryIn(30),
            Choice::RetryIn(60),
            Choice::RetryIn(120)
        ]
    );
    let t = talk.presses(Choice::RetryIn(60));
    assert_eq!(
        t.effects,
        vec![Effect::Call(CallEffect::ScheduleRetry {
            call: 4,
            minutes: 60
        })]
    );
    assert!(all_text(&t).contains("en 1 hora"));
}

async fn calls_desk(db: &TestDb, clock: &TestClock, group: bool) -> Desk {
    let clock = clock.clone();
    let mut settings = settings();
    settings.agents = AgentSettings {
        group_chat_id: group.then_some(-100),
        ..AgentSettings::none()
    };
    Desk::new(db.store().await, Texts::load().expect("locales"), settings)
        .with_clock(Arc::new(move || clock.now()))
}

/// The code in the last mail the outbox holds for `email`.
async fn mailed_code(desk: &Desk, email: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE recipient = $1 AND purpose = 'staff_code' ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(desk.store().reader())
    .await
    .expect("a code was mailed");
    body.split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .expect("six digits")
        .to_owned()
}

fn group_reports(deliveries: &[Delivery]) -> Vec<(String, Vec<Choice>)> {
    deliveries
        .iter()
        .filter_map(|d| match d {
            Delivery::Group { reply, .. } => Some((
                reply.text.clone(),
                reply.choices().map(|b| b.choice).collect(),
            )),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_staff_member_verifies_by_mail_and_the_agents_report_every_attempt() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = calls_desk(&db, &clock, true).await;
    const CHAT: i64 = 77;
    desk.user(CHAT).says("/start").await;
    desk.user(CHAT)
        .presses(Choice::Menu(MenuOption::Contact))
        .await;
    desk.user(CHAT).presses(Choice::CallOutside).await;
    // Typed with capitals: the code goes to the address in the registry.
    let sent = joined(
        &desk
            .user(CHAT)
            .says("Laura.Mendez@DGSEI.example.gob.mx")
            .await,
    );
    assert!(sent.contains("Le envié un código"), "{sent}");
    let code = mailed_code(&desk, "laura.mendez@dgsei.example.gob.mx").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert!(joined(&desk.user(CHAT).says(wrong).await).contains("Le quedan 2 intentos"));
    assert!(joined(&desk.user(CHAT).says(&code).await).contains("Gracias, Laura Méndez Ortega"));

    desk.user(CHAT).says("Lic. Roberto Díaz").await;
    desk.user(CHAT).says("55 1234 5678").await;
    let turn = desk
        .handle(
            &crate::support::user(CHAT),
            mesabot::protocol::UserInput::from_text("Secretaría de Salud"),
            None,
        )
        .await
        .expect("handled");
    assert!(joined(&turn.replies).contains("Registré su solicitud de llamada a Lic. Roberto Díaz"));
    let posted = group_reports(&turn.deliveries);
    assert!(posted[0].0.contains("Laura Méndez Ortega (laura.mendez@dgsei.example.gob.mx) pide llamar a Lic. Roberto Díaz"), "{posted:?}");
    let [
        Choice::CallReport {
            attempt,
            answered: true,
        },
        Choice::CallReport {
            answered: false, ..
        },
    ] = posted[0].1.as_slice()
    else {
        panic!("report buttons: {posted:?}");
    };

    // Op 19: not answered; op 20: another number, posted again.
    let reported = desk
        .report_call(*attempt, false, "Jorge Ramírez", false, None)
        .await
        .expect("report");
    let told: Vec<String> = reported
        .unwrap_or_default()
        .iter()
        .filter_map(|d| match d {
            Delivery::User { reply, .. } => Some(reply.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        told[0].contains("No contestaron en el 55 1234 5678"),
        "{told:?}"
    );
    assert!(
        desk.report_call(*attempt, true, "Jorge", false, None)
            .await
            .expect("report")
            .is_none(),
        "reported once"
    );
    desk.user(CHAT).presses(Choice::CallOtherNumber).await;
    let turn = desk
        .handle(
            &crate::support::user(CHAT),
            mesabot::protocol::UserInput::from_text("722 123 4567"),
            None,
        )
        .await
        .expect("handled");
    let posted = group_reports(&turn.deliveries);
    assert!(
        posted[0].0.contains("al 722 123 4567. Intento 2."),
        "{posted:?}"
    );
    let Choice::CallReport {
        attempt: second, ..
    } = posted[0].1[0]
    else {
        panic!("buttons");
    };
    desk.report_call(second, false, "Jorge Ramírez", false, None)
        .await
        .expect("report");

    // Ops 21-23: later; at that time the agents see it again.
    desk.user(CHAT).presses(Choice::CallLater).await;
    desk.user(CHAT).presses(Choice::RetryIn(30)).await;
    clock.advance(Duration::from_secs(29 * 60));
    assert!(desk.due_call_retries().await.expect("tick").is_empty());
    clock.advance(Duration::from_secs(2 * 60));
    let again = group_reports(&desk.due_call_retries().await.expect("tick"));
    assert!(again[0].0.contains("Intento 3."), "{again:?}");
    let Choice::CallReport { attempt: third, .. } = again[0].1[0] else {
        panic!("buttons");
    };
    assert!(
        desk.due_call_retries().await.expect("tick").is_empty(),
        "posted once"
    );
    let later = desk
        .report_call(third, true, "Laura", false, None)
        .await
        .expect("report")
        .unwrap_or_default();
    assert!(later.iter().any(|d| matches!(d, Delivery::User { reply, .. } if reply.text.contains("contestaron y le comunicamos"))));

    // The call log, read back from the workbook.
    let month = mesabot::report::Month::containing(clock.now(), chrono_tz::America::Mexico_City);
    let (from, to) = month.range_ms(chrono_tz::America::Mexico_City);
    let entries = mesabot::store::calls::log(desk.store().reader(), from, to)
        .await
        .expect("log");
    let bytes = mesabot::report::calls_xlsx(
        &entries,
        chrono_tz::America::Mexico_City,
        desk.texts().lang(mesabot::locale::Locale::EsMx),
        month,
    )
    .expect("xlsx");
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("readable");
    let sheet = workbook
        .worksheet_range(&format!("Llamadas {}", month.label()))
        .expect("the sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 4, "a header and three attempts");
    assert_eq!(rows[0][0], Data::String("Folio".into()));
    assert_eq!(rows[1][4], Data::String("Lic. Roberto Díaz".into()));
    assert_eq!(rows[1][7], Data::String("55 1234 5678".into()));
    assert_eq!(rows[1][9], Data::String("No contestaron".into()));
    assert_eq!(rows[2][7], Data::String("722 123 4567".into()));
    assert_eq!(rows[3][9], Data::String("Contestaron".into()));
    assert_eq!(rows[3][11], Data::String("Laura".into()));
    assert!(
        matches!(rows[1][1], Data::DateTime(_)),
        "dates are real dates: {:?}",
        rows[1][1]
    );
    assert_eq!(rows[3][6], Data::Float(3.0));
}

#[tokio::test]
async fn an_expired_code_is_refused_and_a_verified_chat_skips_the_code_for_a_while() {
    let db = TestDb::new();
    let clock = TestClock::local(10, 0);
    let desk = calls_desk(&db, &clock, false).await;
    const CHAT: i64 = 78;
    desk.user(CHAT).says("/start").await;
    desk.user(CHAT)
        .presses(Choice::Menu(MenuOption::Contact))
        .await;
    desk.user(CHAT).presses(Choice::CallOutside).await;
    desk.user(CHAT)
        .says("rosa.castillo@dgsei.example.gob.mx")
        .await;
    let code = mailed_code(&desk, "rosa.castillo@dgsei.example.gob.mx").await;
    clock.advance(Duration::from_secs(11 * 60));
    assert!(joined(&desk.user(CHAT).says(&code).await).contains("El código ya venció"));

    desk.user(CHAT)
        .says("rosa.castillo@dgsei.example.gob.mx")
        .await;
    let code = mailed_code(&desk, "rosa.castillo@dgsei.example.gob.mx").await;
    assert!(
        joined(&desk.user(CHAT).says(&code).await).contains("Gracias, Rosa Elena Castillo Rivas")
    );
    desk.user(CHAT).says("/cancelar").await;

    // Verified: the next request asks no code.
    clock.advance(Duration::from_secs(3600));
    desk.user(CHAT)
        .presses(Choice::Menu(MenuOption::Contact))
        .await;
    let asked = joined(&desk.user(CHAT).presses(Choice::CallOutside).await);
    assert!(
        asked.contains("Gracias, Rosa Elena Castillo Rivas"),
        "{asked}"
    );

    // Without a group, an agent reports from the command line; the terminal shows it.
    desk.user(CHAT).says("Dra. Elena Ruiz").await;
    desk.user(CHAT).says("55 8765 4321").await;
    desk.user(CHAT).says("Hospital General").await;
    let attempt = mesabot::store::calls::open_attempt(desk.store().reader(), 1)
        .await
        .expect("query")
        .expect("an attempt");
    desk.report_call(attempt, true, "agente", true, None)
        .await
        .expect("report");
    let waiting = desk
        .waiting_replies(Channel::Telegram, CHAT)
        .await
        .expect("replies");
    assert!(
        joined(&waiting).contains("Contestaron: le comunicamos la llamada con Dra. Elena Ruiz")
    );
    assert!(
        desk.waiting_replies(Channel::Telegram, CHAT)
            .await
            .expect("replies")
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_telegram_an_agent_reports_the_call_from_the_group() {
    use crate::support::fake_bot_api::FakeBotApi;
    use crate::support::{button_data, terminate, text};
    const USER: i64 = 4004;
    const GROUP: i64 = -1_009;
    const AGENT: i64 = 601;
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);

    // Each step: the user writes (Ok) or presses (Err), and the bot's answer.
    let step = async |action: Result<&str, &str>| {
        let before = api.sent_to(USER).await.len();
        match action {
            Ok(line) => api.user_writes(USER, line).await,
            Err(data) => api.user_presses(USER, data).await,
        }
        let sent = api.wait_for_messages(USER, before + 1).await;
        text(&sent[before]).to_owned()
    };
    step(Ok("/start")).await;
    step(Err("menu:contact")).await;
    assert!(
        step(Err("reach:outside"))
            .await
            .contains("Escriba su correo institucional")
    );
    assert!(
        step(Ok("laura.mendez@dgsei.example.gob.mx"))
            .await
            .contains("Le envié un código")
    );
    let store = db.store().await;
    let body: String =
        sqlx::query_scalar("SELECT body_text FROM outbox WHERE purpose = 'staff_code'")
            .fetch_one(store.reader())
            .await
            .expect("code mailed");
    let code = body
        .split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .expect("a code")
        .to_owned();
    assert!(
        step(Ok(&code))
            .await
            .contains("Gracias, Laura Méndez Ortega")
    );
    step(Ok("Lic. Roberto Díaz")).await;
    step(Ok("55 1234 5678")).await;
    assert!(
        step(Ok("Secretaría de Salud"))
            .await
            .contains("Registré su solicitud")
    );

    let posted = api.wait_for_messages(GROUP, 1).await;
    assert!(
        text(&posted[0]).contains("pide llamar a Lic. Roberto Díaz"),
        "{:?}",
        posted[0]
    );
    let buttons = button_data(&posted[0]);
    assert_eq!(buttons.len(), 2);
    let card = api.posted_message_id(GROUP, 0).await;
    let seen = api.sent_to(USER).await.len();
    api.agent_presses(GROUP, AGENT, &buttons[1], card).await; // No contestaron
    let user = api.wait_for_messages(USER, seen + 1).await;
    assert!(text(&user[seen]).contains("No contestaron en el 55 1234 5678"));
    assert_eq!(
        button_data(&user[seen]),
        ["call:other", "call:later", "call:none"]
    );
    step(Err("call:other")).await;
    step(Ok("722 123 4567")).await;
    let posted = api.wait_for_messages(GROUP, 3).await;
    assert!(text(&posted[2]).contains("Intento 2"), "{:?}", posted[2]);
    let buttons = button_data(&posted[2]);
    let card = api.posted_message_id(GROUP, 2).await;
    let seen = api.sent_to(USER).await.len();
    api.agent_presses(GROUP, AGENT, &buttons[0], card).await; // Contestaron
    let user = api.wait_for_messages(USER, seen + 1).await;
    assert!(
        text(&user[seen]).contains("Contestaron: le comunicamos la llamada"),
        "{:?}",
        user[seen]
    );
    assert!(
        step(Err("more:no"))
            .await
            .starts_with("Le recuerdo mi nombre")
    );
    terminate(bot).await;

    let (outcome, attempts): (String, i64) = sqlx::query_as(
        "SELECT c.outcome, (SELECT count(*) FROM call_attempts) FROM conversations c WHERE c.chat_id = $1",
    )
    .bind(USER)
    .fetch_one(store.reader())
    .await
    .expect("recorded");
    assert_eq!((outcome.as_str(), attempts), ("external", 2));
    // Both reports are on record with the group they were pressed in.
    let audited: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT chat_id, user_id FROM agent_audit WHERE action = 'call report' ORDER BY id",
    )
    .fetch_all(store.reader())
    .await
    .expect("audit");
    assert_eq!(audited, [(GROUP, Some(AGENT)), (GROUP, Some(AGENT))]);
}
