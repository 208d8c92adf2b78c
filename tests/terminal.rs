//! The terminal front door, run as the real binary with a scripted keyboard.

mod support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use support::TestDb;

/// Runs `mesabot <args>` in the test's folder with only the given variables.
fn mesabot(db: &TestDb, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mesabot"))
        .args(args)
        .current_dir(db.dir.path())
        .env_clear()
        .env("DATABASE_URL", db.url())
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
    sqlx::query_as("SELECT channel, outcome, ended_at IS NOT NULL FROM conversations ORDER BY id")
        .fetch_all(store.reader())
        .await
        .expect("rows")
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
        ("DATABASE_URL", "postgres://nowhere/db"),
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
    }
    let out = mesabot(&db, &["serve"], &[], "");
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("TELOXIDE_TOKEN") && !stderr.contains("panicked"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
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
