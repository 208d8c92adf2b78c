//! The monthly indicators against a fixture month with hand-counted figures,
//! including conversations at the month's edges in local time.

use crate::support::TestDb;
use calamine::{Data, Reader, Xlsx};
use chrono::TimeZone;
use mesabot::locale::{Locale, Texts};
use mesabot::report::{Indicators, Month, indicators_csv, indicators_text, indicators_xlsx};

const TZ: chrono_tz::Tz = chrono_tz::America::Mexico_City;

fn local_ms(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    TZ.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("local time")
        .timestamp_millis()
}

/// Inserts a finished conversation started at `at` (ms) with an outcome.
async fn conversation(
    pool: &mesabot::store::Writer,
    chat: i64,
    at: i64,
    outcome: &str,
    by: &str,
    answer_ms: i64,
) {
    sqlx::query(
        "INSERT INTO conversations (channel, chat_id, locale, state, started_at, first_response_at,
                                    last_activity_at, ended_at, outcome, handled_by)
         VALUES ('telegram', $1, 'es-MX', '{}', $2, $2 + $5, $2, $2 + 60000, $3, $4)",
    )
    .bind(chat)
    .bind(at)
    .bind(outcome)
    .bind(by)
    .bind(answer_ms)
    .execute(&mut *pool.conn().await.expect("the writer"))
    .await
    .expect("fixture row");
}

#[tokio::test]
async fn a_fixture_month_gives_the_hand_counted_figures() {
    let db = TestDb::new();
    let store = db.store().await;
    let pool = store.writer();
    // November 2026 (local): 10 conversations.
    let nov = |d, h| local_ms(2026, 11, d, h, 0);
    let fixture = [
        ("first_level", "bot", 1000),
        ("first_level", "bot", 2000),
        ("first_level", "agent", 3000),
        ("first_level", "bot", 4000),
        ("second_level", "bot", 5000),
        ("second_level", "agent", 6000),
        ("transferred", "bot", 7000),
        ("external", "agent", 8000),
        ("out_of_scope", "bot", 9000),
        ("abandoned", "bot", 10000),
    ];
    for (index, (outcome, by, answer)) in fixture.iter().enumerate() {
        conversation(
            pool,
            index as i64,
            nov(2 + index as u32, 10),
            outcome,
            by,
            *answer,
        )
        .await;
    }
    // The edges: 30 Nov 23:30 local is November (already December in UTC);
    // 1 Dec 00:10 local is not; 31 Oct 23:50 local belongs to October.
    conversation(
        pool,
        100,
        local_ms(2026, 11, 30, 23, 30),
        "first_level",
        "bot",
        500,
    )
    .await;
    conversation(
        pool,
        101,
        local_ms(2026, 12, 1, 0, 10),
        "first_level",
        "bot",
        500,
    )
    .await;
    conversation(
        pool,
        102,
        local_ms(2026, 10, 31, 23, 50),
        "second_level",
        "bot",
        500,
    )
    .await;

    let month = Month::parse("2026-11").expect("month");
    let i = Indicators::gather(store.reader(), month, TZ)
        .await
        .expect("indicators");
    let o = &i.outcomes;
    assert_eq!(o.received, 11);
    assert_eq!(
        (o.first_level, o.second_level, o.transferred, o.external),
        (5, 2, 1, 1)
    );
    assert_eq!((o.out_of_scope, o.abandoned, o.open), (1, 1, 0));
    assert_eq!((o.resolved_by_bot, o.resolved_by_agent), (7, 3));
    assert_eq!(i.previous.received, 1, "31 Oct 23:50 local is October");
    // Answer times 500, 1000, …, 10000: the median of 11 is the 6th (5000), p90 the 10th (9000).
    assert_eq!(
        (i.first_answer_median_ms, i.first_answer_p90_ms),
        (Some(5000), Some(9000))
    );

    let lang = Texts::load().expect("locales");
    let text = indicators_text(&i, lang.lang(Locale::EsMx));
    // 5/11 = 45.45 %, 2/11 = 18.18 %, 1/11 = 9.09 %.
    assert!(
        text.contains(
            "% mensual de llamadas atendidas por soporte de primer nivel: 45.5 % (5 de 11"
        ),
        "{text}"
    );
    assert!(text.contains("% mensual de llamadas atendidas por soporte de segundo nivel: 18.2 % (2 de 11; mes anterior 100.0 %, cambio -81.8 pts)"), "{text}");
    assert!(
        text.contains("% mensual de llamadas transferidas: 9.1 %"),
        "{text}"
    );
    assert!(
        text.contains("% mensual de llamadas realizadas al exterior: 9.1 %"),
        "{text}"
    );
    assert!(text.contains("mediana 5.0 s, percentil 90 9.0 s"), "{text}");

    let csv = String::from_utf8(indicators_csv(&i, lang.lang(Locale::EsMx)).expect("csv"))
        .expect("utf-8");
    assert!(csv.starts_with("Indicador,2026-11,2026-10\n"), "{csv}");
    assert!(
        csv.contains("% mensual de llamadas transferidas,9.1,0.0"),
        "{csv}"
    );

    let rows = mesabot::report::MonthRows::load(store.reader(), month, TZ)
        .await
        .expect("rows");
    let bytes = indicators_xlsx(&i, &rows, TZ, lang.lang(Locale::EsMx), month).expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("readable");
    let sheet = book
        .worksheet_range("Indicadores")
        .expect("indicators sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        rows[1][0],
        Data::String("Llamadas (conversaciones) recibidas".into())
    );
    assert_eq!(rows[1][1], Data::Float(11.0));
    assert_eq!(rows[3][1], Data::Float(45.5));
    assert_eq!(
        book.sheet_names(),
        [
            "Indicadores",
            "Conversaciones",
            "Tickets",
            "Llamadas 2026-11",
            "Base de conocimiento",
            "Agentes"
        ]
    );
    let conversations = book
        .worksheet_range("Conversaciones")
        .expect("conversations sheet");
    let rows: Vec<Vec<Data>> = conversations.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 12, "a header and the month's 11 conversations");
    assert!(matches!(rows[1][3], Data::DateTime(_)), "{:?}", rows[1][3]);
    assert_eq!(rows[1][4], Data::Float(1.0), "seconds to first answer");
}

#[tokio::test]
async fn a_month_without_conversations_says_so() {
    let db = TestDb::new();
    let store = db.store().await;
    let month = Month::parse("2025-02").expect("month");
    let i = Indicators::gather(store.reader(), month, TZ)
        .await
        .expect("indicators");
    let lang = Texts::load().expect("locales");
    let text = indicators_text(&i, lang.lang(Locale::EsMx));
    assert_eq!(
        text,
        "Sin registros en 2025-02: no se recibieron conversaciones ese mes."
    );
    let csv = String::from_utf8(indicators_csv(&i, lang.lang(Locale::EsMx)).expect("csv"))
        .expect("utf-8");
    assert!(
        csv.contains("% mensual de llamadas atendidas por soporte de primer nivel,—,—"),
        "no division by zero: {csv}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_ask_for_the_indicators_and_the_workbook_in_the_agents_group() {
    use crate::support::fake_bot_api::FakeBotApi;
    const GROUP: i64 = -1_777;
    const USER: i64 = 5005;
    let db = TestDb::new();
    let api = FakeBotApi::start().await;
    let group = GROUP.to_string();
    let bot = crate::support::serve(&db, &api.url, &[("AGENT_CHAT_ID", group.as_str())]);
    api.user_writes(USER, "/start").await;
    api.wait_for_messages(USER, 1).await;
    api.user_presses(USER, "menu:other").await;
    api.wait_for_messages(USER, 2).await;
    api.user_presses(USER, "more:no").await;
    api.wait_for_messages(USER, 3).await;

    // The month the conversation was received in (not today's: the run may
    // cross a month's end).
    let started: i64 = {
        let store = db.store().await;
        sqlx::query_scalar("SELECT started_at FROM conversations")
            .fetch_one(store.reader())
            .await
            .expect("the conversation")
    };
    let month = mesabot::store::from_millis(started)
        .with_timezone(&TZ)
        .format("%Y-%m")
        .to_string();
    api.agent_writes(GROUP, 601, &format!("/indicadores {month}"), None, None)
        .await;
    let posted = api.wait_for_messages(GROUP, 1).await;
    let text = crate::support::text(&posted[0]);
    assert!(text.contains("1 conversaciones recibidas"), "{text}");
    assert!(text.contains("Fuera del ámbito de la DGSEI: 1"), "{text}");

    // The chart goes with the text: a real PNG of the chart's size.
    api.wait_for_calls("sendPhoto", 1).await;
    let png = api.uploads("sendPhoto", GROUP).await;
    let chart = image::load_from_memory(&png[0]).expect("a PNG");
    assert_eq!(
        (chart.width(), chart.height()),
        (mesabot::report::CHART_WIDTH, mesabot::report::CHART_HEIGHT)
    );

    // The workbook opens, with the month's figures in it.
    api.agent_writes(GROUP, 601, &format!("/reporte {month}"), None, None)
        .await;
    api.wait_for_calls("sendDocument", 1).await;
    let xlsx = api.uploads("sendDocument", GROUP).await;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx[0].clone())).expect("an XLSX");
    let sheet = book
        .worksheet_range("Indicadores")
        .expect("indicators sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][1], Data::String(month.clone()));
    assert_eq!(rows[1][1], Data::Float(1.0), "one conversation received");

    // Not from a private chat: the same command there is refused.
    api.user_writes(USER, "/indicadores").await;
    let user = api.wait_for_messages(USER, 4).await;
    assert!(!crate::support::text(&user[3]).contains("conversaciones recibidas"));
    crate::support::terminate(bot).await;
}

#[test]
fn the_chart_is_a_png_of_the_expected_size_drawn_without_system_fonts() {
    use mesabot::store::indicators::Outcomes;
    let lang = Texts::load().expect("locales");
    let month = |label: &str, received, first| {
        (
            label.to_owned(),
            Outcomes {
                received,
                first_level: first,
                second_level: received - first,
                ..Outcomes::default()
            },
        )
    };
    let trend = [
        month("2026-06", 0, 0),
        month("2026-07", 40, 20),
        month("2026-08", 50, 30),
        month("2026-09", 45, 20),
        month("2026-10", 60, 40),
        month("2026-11", 80, 50),
    ];
    let png =
        mesabot::report::chart_png("2026-11", &trend, lang.lang(Locale::EsMx)).expect("drawn");
    assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
    let image = image::load_from_memory(&png).expect("a valid image");
    assert_eq!(
        (image.width(), image.height()),
        (mesabot::report::CHART_WIDTH, mesabot::report::CHART_HEIGHT)
    );
    // Something was drawn: not every pixel is the white background.
    let rgb = image.to_rgb8();
    assert!(rgb.pixels().any(|p| p.0 != [255, 255, 255]));
    // The legend is under the trend plot, not on its lines: each series'
    // colour appears in the bottom strip of the right half, and the first
    // two colours (first and second level) are also drawn above it.
    let (width, height) = (rgb.width(), rgb.height());
    let colours: [[u8; 3]; 4] = [
        [0x00, 0x72, 0xB2],
        [0xD5, 0x5E, 0x00],
        [0x00, 0x9E, 0x73],
        [0xCC, 0x79, 0xA7],
    ];
    let found = |colour: [u8; 3], rows: std::ops::Range<u32>| {
        rows.flat_map(|y| (width / 2..width).map(move |x| (x, y)))
            .any(|(x, y)| rgb.get_pixel(x, y).0 == colour)
    };
    for colour in colours {
        assert!(
            found(colour, height - 60..height),
            "{colour:?} in the legend"
        );
    }
    assert!(found(colours[0], 40..height - 80) && found(colours[1], 40..height - 80));
    // No yellow on white (hard to see): every drawn colour has some depth.
    assert!(
        !rgb.pixels()
            .any(|p| p.0[0] > 200 && p.0[1] > 200 && p.0[2] < 80),
        "a yellow line"
    );
}
