//! The terminal front door, run as the real binary with a scripted keyboard.

use std::io::Write;
use std::process::{Output, Stdio};

use crate::support::{TestDb, mesabot_command};

/// Runs `mesabot <args>` in the test's folder with only the given variables.
fn mesabot(db: &TestDb, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = mesabot_command(db, args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("script written");
    child.wait_with_output().expect("the binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn conversations(db: &TestDb) -> Vec<(String, Option<String>, bool)> {
    let store = db.store().await;
    let rows: Vec<(String, Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT channel, outcome, ended_at FROM conversations ORDER BY id")
            .fetch_all(store.reader())
            .await
            .expect("rows");
    rows.into_iter()
        .map(|(channel, outcome, ended_at)| (channel, outcome, ended_at.is_some()))
        .collect()
}

#[tokio::test]
async fn a_new_user_gets_an_faq_answer_and_the_farewell_in_the_terminal() {
    let db = TestDb::new();
    // Answer found, then "1) Sí", then "2) No" to anything else.
    let out = mesabot(
        &db,
        &["chat"],
        &[],
        "olvidé la contraseña de mi correo\n1\n2\n",
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(
        ["Buenos días", "Buenas tardes", "Buenas noches"]
            .iter()
            .any(|g| stdout.contains(&format!(
                "{g}, le atiende Mesa de Ayuda DGSEI, ¿en qué puedo ayudarle?"
            ))),
        "{stdout}"
    );
    assert!(stdout.contains("  1) Soporte técnico"), "{stdout}");
    assert!(stdout.contains("¿Cómo restablezco la contraseña de mi correo institucional?"));
    assert!(stdout.contains("  1) Sí\n  2) No\n  3) Ver: "), "{stdout}");
    assert!(stdout.contains("Le recuerdo mi nombre, Mesa de Ayuda DGSEI. Hasta luego, que tenga"));
    assert!(out.stderr.is_empty(), "no log noise: {}", text(&out.stderr));
    assert_eq!(
        conversations(&db).await,
        vec![("terminal".to_owned(), Some("first_level".to_owned()), true)]
    );
}

#[tokio::test]
async fn leaving_the_terminal_and_coming_back_resumes_the_conversation() {
    let db = TestDb::new();
    let first = mesabot(&db, &["chat"], &[], "mi impresora no imprime\n");
    assert!(text(&first.stdout).contains("¿Se resolvió su problema?"));
    assert_eq!(
        conversations(&db).await,
        vec![("terminal".to_owned(), None, false)]
    );

    let second = mesabot(&db, &["chat"], &[], "1\n");
    let stdout = text(&second.stdout);
    assert!(
        stdout.contains("(Continuamos la conversación donde se quedó.)"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("le atiende"),
        "no second greeting: {stdout}"
    );
    assert!(stdout.contains("¡Qué bueno que se resolvió!"), "{stdout}");
}

#[tokio::test]
async fn a_number_that_is_not_on_the_list_is_explained() {
    let db = TestDb::new();
    let out = mesabot(&db, &["chat"], &[], "9\n");
    let stdout = text(&out.stdout);
    assert!(stdout.contains("No hay una opción 9"), "{stdout}");
}

#[tokio::test]
async fn english_speakers_can_use_the_terminal_too() {
    let db = TestDb::new();
    let out = mesabot(
        &db,
        &["chat", "--locale", "en"],
        &[("BOT_NAME", "Ana López")],
        "4\n",
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("this is Ana López, how may I help you?"),
        "{stdout}"
    );
    assert!(
        stdout.contains("State Government Call Center at 800 696 9696"),
        "{stdout}"
    );
}

#[test]
fn a_bad_setting_stops_start_up_with_one_line_naming_it() {
    let db = TestDb::new();
    for (name, value) in [
        ("HELPDESK_TZ", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://nowhere/db"),
        // A PostgreSQL server that is not there: said at once, not after a timeout.
        (
            "DATABASE_URL",
            "postgres://mesabot:secreto@127.0.0.1:1/mesabot",
        ),
        ("INACTIVITY_MINUTES", "a while"),
    ] {
        let out = mesabot(&db, &["chat"], &[(name, value)], "");
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{name}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(name) && !stderr.contains("panicked"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("secreto"),
            "a password is never shown: {stderr}"
        );
    }
    let out = mesabot(&db, &["serve"], &[], "");
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("TELOXIDE_TOKEN") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // A database that cannot be opened (here a folder where the file should
    // be; root may write anywhere, so no read-only folder) is named once.
    let folder = db.dir.path().join("not-a-file.db");
    std::fs::create_dir_all(&folder).expect("folder");
    let url = format!("sqlite://{}", folder.display());
    let out = mesabot(&db, &["chat"], &[("DATABASE_URL", url.as_str())], "");
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        stderr.matches("unable to open database file").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "cannot open the database {} (DATABASE_URL)",
            folder.display()
        )),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_faq_can_be_exported_edited_and_imported_from_the_command_line() {
    let db = TestDb::new();
    let file = db.dir.path().join("faq.toml");
    let file_arg = file.display().to_string();
    let out = mesabot(&db, &["faq", "export", &file_arg], &[], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(&file).expect("file written");
    assert!(exported.contains("[[entry]]") && exported.contains("contraseña"));

    std::fs::write(
        &file,
        "[[entry]]\nquestion = \"¿Cómo pido un café?\"\nanswer = \"En la cafetería del piso 2.\"\nkeywords = [\"café\"]\n",
    )
    .expect("edited");
    let out = mesabot(&db, &["faq", "import", &file_arg], &[], "");
    assert!(
        text(&out.stdout).contains("Se importaron 1 preguntas"),
        "{}",
        text(&out.stdout)
    );
    let out = mesabot(&db, &["faq", "list"], &[], "");
    assert_eq!(text(&out.stdout).trim(), "1  [-] ¿Cómo pido un café?");

    std::fs::write(&file, "[[entry]]\nquestion = \"\"\nanswer = \"x\"\n").expect("broken");
    let out = mesabot(&db, &["faq", "import", &file_arg], &[], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("entry 1 has an empty question"),
        "{}",
        text(&out.stderr)
    );

    std::fs::write(
        &file,
        "[[entry]]\nquestion = \"¿Cómo pido un café?\"\nanswer = \"x\"\nexamples = [\"quiero un cafe\", \" \"]\n",
    )
    .expect("an empty example");
    let out = mesabot(&db, &["faq", "import", &file_arg], &[], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("entry 1 has an empty example"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_listing_piped_into_a_reader_that_stops_early_ends_quietly() {
    // As `mesabot faq list | head -1`: the reader is gone before the first line.
    let db = TestDb::new();
    let mut child = mesabot_command(&db, &["faq", "list"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the binary ends");
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_desk_adds_an_example_and_the_bot_finds_the_entry_by_its_words() {
    let db = TestDb::new();
    // A later user's words: the FAQ has none of them but "planos".
    let written = "los planos del plotter salen mal";
    let out = mesabot(&db, &["understand", written], &[], "");
    assert!(
        text(&out.stdout).contains("Ninguna respuesta encontrada."),
        "nothing found before: {}",
        text(&out.stdout)
    );

    let list = text(&mesabot(&db, &["faq", "list"], &[], "").stdout);
    let number = list
        .lines()
        .find(|l| l.ends_with("Mi impresora no imprime"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the printer entry is listed")
        .to_owned();
    let out = mesabot(
        &db,
        &[
            "faq",
            "example",
            &number,
            "el plotter se atora con los planos grandes",
        ],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Ejemplo agregado a «Mi impresora no imprime»"),
        "{}",
        text(&out.stdout)
    );
    let out = mesabot(&db, &["understand", written], &[], "");
    let shown = text(&out.stdout);
    assert!(
        shown.contains("1. [#13] Mi impresora no imprime"),
        "{shown}"
    );
    assert!(
        shown.contains("«el plotter se atora con los planos grandes»"),
        "the example that decided it is named: {shown}"
    );

    // The same example again changes nothing; a number out of range says
    // how many there are; an empty example is refused.
    let again = mesabot(
        &db,
        &[
            "faq",
            "example",
            &number,
            "El plotter se atora con los planos  grandes",
        ],
        &[],
        "",
    );
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("ya tiene ese ejemplo"));
    let out = mesabot(&db, &["faq", "example", "999", "algo"], &[], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("No hay pregunta número 999: la base tiene 29."),
        "{}",
        text(&out.stderr)
    );
    let out = mesabot(&db, &["faq", "example", &number, "  "], &[], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("El ejemplo está vacío"));
    let exported = db.dir.path().join("faq.toml");
    let exported_arg = exported.display().to_string();
    assert!(
        mesabot(&db, &["faq", "export", &exported_arg], &[], "")
            .status
            .success()
    );
    let file = std::fs::read_to_string(&exported).expect("exported");
    assert_eq!(
        file.matches("el plotter se atora con los planos grandes")
            .count(),
        1,
        "exported once, with the entry"
    );
}

#[tokio::test]
async fn a_ticket_opened_offline_leaves_its_mail_as_eml_files_and_its_status_can_be_asked() {
    let db = TestDb::new();
    let script = [
        "1",                             // Soporte técnico
        "se rompió mi silla ergonómica", // nothing in the FAQ
        "1",                             // Pedir soporte de segundo nivel
        "1",                             // Acepto (privacy notice)
        "1",                             // Incidente
        "5",                             // Equipo de cómputo y periféricos
        "El respaldo se desprendió y no puedo ajustar la altura.",
        "Ana Pérez López",
        "ana.perez@edomex", // corrected on the next line
        "ana.perez@edomex.gob.mx",
        "722 123 4567",
        "4", // Solo a mí
        "4", // Puedo seguir trabajando
        "1", // Crear ticket
    ]
    .join("\n");
    let out = mesabot(&db, &["chat"], &[], &format!("{script}\n"));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("Aviso de privacidad"), "{stdout}");
    assert!(
        stdout.contains("Después de la arroba falta el dominio completo"),
        "{stdout}"
    );
    assert!(stdout.contains("Prioridad: 4 (baja)"), "{stdout}");
    assert!(
        stdout.contains("Su ticket quedó registrado con el número 1."),
        "{stdout}"
    );

    let outbox = db.dir.path().join("data").join("outbox");
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .expect("the outbox folder exists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
        .map(|entry| std::fs::read_to_string(entry.path()).expect("readable"))
        .collect();
    assert_eq!(mails.len(), 2, "one mail to the user, one to the resolver");
    assert!(
        mails
            .iter()
            .any(|m| m.contains("To: ana.perez@edomex.gob.mx") && m.contains("Subject: Ticket 1:"))
    );
    assert!(
        mails
            .iter()
            .any(|m| m.contains("soporte.equipo@dgsei.example.gob.mx"))
    );

    let status = mesabot(&db, &["chat"], &[], "/estado 1\n");
    let stdout = text(&status.stdout);
    assert!(stdout.contains("Ticket 1\nEstado: Asignado"), "{stdout}");
    assert!(
        stdout.contains("Servicio: Equipo de cómputo y periféricos"),
        "{stdout}"
    );

    let listed = mesabot(&db, &["mail", "list"], &[], "");
    let stdout = text(&listed.stdout);
    assert_eq!(stdout.matches("enviado el").count(), 2, "{stdout}");
    let shown = mesabot(&db, &["ticket", "show", "1"], &[], "");
    assert!(text(&shown.stdout).contains("El respaldo se desprendió"));
    let missing = mesabot(&db, &["ticket", "show", "77"], &[], "");
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("No existe el ticket 77"));
}

/// The first column of the first row of `sql`, waiting for the other process to write it.
async fn eventually(store: &mesabot::store::Store, sql: &str) -> String {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let found: Option<String> = sqlx::query_scalar(sql)
            .fetch_optional(store.reader())
            .await
            .expect("query");
        if let Some(value) = found {
            return value;
        }
        assert!(tokio::time::Instant::now() < deadline, "nothing for {sql}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Runs `mesabot chat` with a keyboard the test types into over time, and
/// reads what it prints as it prints it.
struct LiveChat {
    child: tokio::process::Child,
    stdin: tokio::process::ChildStdin,
    output: std::sync::Arc<std::sync::Mutex<String>>,
    reader: tokio::task::JoinHandle<()>,
}

impl LiveChat {
    fn printed(&self) -> String {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    fn start(db: &TestDb) -> LiveChat {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_mesabot"))
            .arg("chat")
            .current_dir(db.dir.path())
            .env_clear()
            .env("DATABASE_URL", db.url())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("chat starts");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = child.stdout.take().expect("stdout");
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = output.clone();
        let reader = tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let mut buffer = [0u8; 4096];
            while let Ok(read) = stdout.read(&mut buffer).await {
                if read == 0 {
                    break;
                }
                if let Ok(mut out) = sink.lock() {
                    out.push_str(&String::from_utf8_lossy(&buffer[..read]));
                }
            }
        });
        LiveChat {
            child,
            stdin,
            output,
            reader,
        }
    }

    /// Types a line once the bot has answered the last one (its prompt is back).
    async fn type_line(&mut self, line: &str) {
        use tokio::io::AsyncWriteExt;
        crate::support::eventually("the terminal's prompt", || async {
            self.printed().ends_with("> ")
        })
        .await;
        let before = self.printed().len();
        self.stdin
            .write_all(format!("{line}\n").as_bytes())
            .await
            .expect("typed");
        crate::support::eventually("the terminal's answer", || async {
            let printed = self.printed();
            printed.len() > before && printed.ends_with("> ")
        })
        .await;
    }

    async fn finish(self) -> String {
        let LiveChat {
            mut child,
            stdin,
            output,
            reader,
        } = self;
        drop(stdin);
        child.wait().await.expect("chat ends");
        let _ = reader.await;
        output.lock().map(|o| o.clone()).unwrap_or_default()
    }
}

#[tokio::test]
async fn both_call_paths_work_in_the_terminal_with_an_agent_answering_from_the_command_line() {
    let db = TestDb::new();
    let mut chat = LiveChat::start(&db);
    // A transfer inside: the terminal gives the extension and e-mails the person.
    for line in [
        "3",
        "1",
        "redes",
        "1",
        "Ana Pérez López",
        "Secretaría de Finanzas",
        "1",
    ] {
        chat.type_line(line).await;
    }
    // A call to the outside: staff e-mail, the code from the mail, whom, number, place.
    for line in ["3", "2", "rosa.castillo@dgsei.example.gob.mx"] {
        chat.type_line(line).await;
    }
    let store = db.store().await;
    let body = eventually(
        &store,
        "SELECT body_text FROM outbox WHERE purpose = 'staff_code'",
    )
    .await;
    let code = body
        .split_whitespace()
        .find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))
        .expect("a code")
        .to_owned();
    for line in [
        code.as_str(),
        "Dra. Elena Ruiz",
        "55 8765 4321",
        "Hospital General",
    ] {
        chat.type_line(line).await;
    }
    // The agent reports from another terminal, once the call is logged.
    eventually(&store, "SELECT number FROM call_attempts WHERE call_id = 1").await;
    let answered = mesabot(&db, &["call", "answered", "1"], &[], "");
    assert!(answered.status.success(), "{}", text(&answered.stderr));
    // The user's terminal shows it ("¿Hay algo más…?"), and the user says no.
    eventually(
        &store,
        "SELECT body FROM pending_replies WHERE delivered_at IS NOT NULL",
    )
    .await;
    chat.type_line("2").await;
    let stdout = chat.finish().await;
    assert!(stdout.contains("¿Qué necesita?"), "{stdout}");
    assert!(stdout.contains("extensión 4310"), "{stdout}");
    assert!(
        stdout.contains("Le envié un código de 6 dígitos"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Registré su solicitud de llamada a Dra. Elena Ruiz"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Contestaron: le comunicamos la llamada con Dra. Elena Ruiz"),
        "{stdout}"
    );

    let outcomes: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM conversations WHERE outcome IS NOT NULL ORDER BY id",
    )
    .fetch_all(store.reader())
    .await
    .expect("outcomes");
    assert_eq!(outcomes, ["transferred", "external"]);

    // The general call log of the call's month (not today's: the run may
    // cross midnight at a month's end), exported and read back.
    let asked_ms: i64 = sqlx::query_scalar("SELECT created_at FROM calls WHERE id = 1")
        .fetch_one(store.reader())
        .await
        .expect("the call");
    let month = mesabot::store::from_millis(asked_ms)
        .with_timezone(&chrono_tz::America::Mexico_City)
        .format("%Y-%m")
        .to_string();
    let csv_path = db.dir.path().join("llamadas.csv");
    let csv_arg = csv_path.display().to_string();
    let out = mesabot(
        &db,
        &[
            "report", "calls", "--month", &month, "--format", "csv", "--out", &csv_arg,
        ],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(&csv_path).expect("written");
    assert!(csv.starts_with("Folio,Solicitada,Solicitante"), "{csv}");
    assert!(
        csv.contains("Rosa Elena Castillo Rivas") && csv.contains("Contestaron"),
        "{csv}"
    );
    let xlsx_path = db.dir.path().join("llamadas.xlsx");
    let xlsx_arg = xlsx_path.display().to_string();
    let out = mesabot(
        &db,
        &["report", "calls", "--month", &month, "--out", &xlsx_arg],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The workbook opens, and its one sheet holds the call's attempt.
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx_path).expect("an XLSX");
    let names = book.sheet_names();
    assert_eq!(names, [format!("Llamadas {month}")]);
    let sheet = book.worksheet_range(&names[0]).expect("the call log");
    let cells: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert!(
        cells.iter().any(|row| row
            .iter()
            .any(|c| *c == Data::String("Rosa Elena Castillo Rivas".into()))),
        "{cells:?}"
    );
}

#[tokio::test]
async fn the_terminal_understands_what_people_type_in_spanish_and_english() {
    // Each line is a new chat (another --chat-id), as a new user would type it.
    let cases: [(&str, &str, &str); 8] = [
        ("es-MX", "buenas tardes", "¿En qué puedo ayudarle?"),
        ("es-MX", "gracias", "¿Hay algo más en que pueda ayudarle?"),
        (
            "es-MX",
            "necesito que me transfieran con el área de redes",
            "Patricia Núñez",
        ),
        ("es-MX", "donde pago el predial", "800 696 9696"),
        (
            "es-MX",
            "necesito una llamada al exterior",
            "personal adscrito a la DGSEI",
        ),
        ("en", "good afternoon", "How can I help you?"),
        ("en", "where do I pay my property tax", "800 696 9696"),
        ("en", "I need to open a ticket", "Privacy notice"),
    ];
    let db = TestDb::new();
    for (chat, (locale, words, expected)) in cases.iter().enumerate() {
        let chat_id = (700 + chat).to_string();
        let out = mesabot(
            &db,
            &["chat", "--chat-id", &chat_id, "--locale", locale],
            &[],
            &format!("{words}\n"),
        );
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        assert!(stdout.contains(expected), "«{words}»: {stdout}");
        assert!(
            !stdout.contains("No encontré una respuesta") && !stdout.contains("I found no answer"),
            "«{words}»: {stdout}"
        );
    }
}
