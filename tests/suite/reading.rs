//! How text is read as people type it (`words`: folding, splitting, stems,
//! slips) and how the in-process FAQ index finds entries in it.

use mesabot::faq::SynonymGroup;
use mesabot::faq::index::{FaqIndex, IndexedEntry};
use mesabot::words::{Language, Stemmers, fold, near, split};

fn folded(text: &str) -> Vec<String> {
    split(text).into_iter().map(|w| w.folded).collect()
}

#[test]
fn folding_removes_accents_case_and_punctuation() {
    assert_eq!(fold("¡Olvidé la CONTRASEÑA!"), " olvide la contrasena ");
}

#[test]
fn words_are_split_as_people_type_them() {
    assert_eq!(
        folded("¡Holaaa! mi wi-fi no jala 👍🏽"),
        ["hola", "mi", "wifi", "no", "jala", "👍"]
    );
    assert_eq!(folded("llamada, correo"), ["llamada", "correo"]);
    // A doubled vowel is a stretched word; doubled consonants are spelling.
    assert_eq!(
        folded("holaa, buenaas, graciaas"),
        ["hola", "buenas", "gracias"]
    );
    assert_eq!(folded("reenviar"), ["renviar"]);
    assert_eq!(folded("carro lleno"), ["carro", "lleno"]);
    let words = split("hola, buenas tardes");
    assert_eq!(
        words.iter().map(|w| w.clause).collect::<Vec<_>>(),
        [0, 1, 1]
    );
    assert!(words[0].ends_clause && !words[1].ends_clause && words[2].ends_clause);
    assert_eq!(words[0].written, "hola");
}

#[test]
fn stems_join_forms_of_a_word() {
    let stemmers = Stemmers::default();
    let es = |w| stemmers.stem(Language::Es, w);
    assert_eq!(es("impresoras"), es("impresora"));
    assert_eq!(es("lentisima"), es("lenta"));
    assert_eq!(stemmers.stem(Language::En, "printers"), "printer");
}

#[test]
fn near_words_tolerate_one_slip() {
    assert!(near("grasias", "gracias"));
    assert!(near("inpresora", "impresora"));
    assert!(!near("rota", "ruta"));
    assert!(!near("correo", "cerrar"));
}

fn entry(id: i64, question: &str, keywords: &[&str]) -> IndexedEntry {
    IndexedEntry {
        id,
        question: question.into(),
        answer: format!("Respuesta: {question}"),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        examples: vec![],
    }
}

fn index() -> FaqIndex {
    FaqIndex::build(
        vec![
            entry(
                1,
                "¿Cómo restablezco la contraseña de mi correo?",
                &["contraseña", "olvidé"],
            ),
            entry(2, "Mi impresora no imprime", &["impresora", "imprimir"]),
            entry(3, "Mi computadora está muy lenta", &["lenta", "pc"]),
            entry(4, "¿Cómo me conecto a la VPN?", &["vpn", "remoto"]),
        ],
        &[SynonymGroup {
            words: vec!["computadora".into(), "compu".into(), "laptop".into()],
        }],
    )
}

#[test]
fn accents_forms_slips_and_synonyms_find_the_entry() {
    let index = index();
    for (text, id) in [
        ("olvide mi contrasena del correo", 1),
        ("mis impresoras no imprimen", 2),
        ("la inpresora no imprime", 2),
        ("mi compu esta lentisima", 3),
        ("como me conecto a la vpn", 4),
    ] {
        let found = index.search(text, 3);
        assert_eq!(found.first().map(|f| f.id), Some(id), "{text}");
        assert!(found[0].sure, "{text}: {found:?}");
    }
}

#[test]
fn the_desks_examples_find_an_entry_in_words_its_question_lacks() {
    let mut entries = vec![
        entry(1, "Mi monitor no muestra imagen", &["monitor", "pantalla"]),
        entry(2, "Mi computadora no enciende", &["enciende", "prende"]),
    ];
    let written = "la pantalla se ve negra aunque el cpu esta prendido";
    let before = FaqIndex::build(entries.clone(), &[]).search(written, 3);
    assert_ne!(
        before.first().map(|f| (f.id, f.sure)),
        Some((1, true)),
        "without examples the words are split between both: {before:?}"
    );
    entries[0].examples = vec!["se quedó negra la pantalla y el cpu sí prende".into()];
    let found = FaqIndex::build(entries, &[]).search(written, 3);
    assert_eq!(found.first().map(|f| f.id), Some(1), "{found:?}");
    assert!(found[0].sure, "{found:?}");
}

#[test]
fn entries_are_numbered_as_the_faq_list_numbers_them_whatever_their_ids() {
    // After an import on PostgreSQL the ids go on from the old ones.
    let index = FaqIndex::build(
        vec![
            entry(31, "Mi impresora no imprime", &[]),
            entry(32, "Mi monitor no muestra imagen", &[]),
        ],
        &[],
    );
    assert_eq!(index.number(32), Some(2));
    assert_eq!(index.number(1), None);
}

#[test]
fn one_shared_word_is_not_an_answer() {
    let index = index();
    let found = index.search("quiero comprar una computadora para mi hijo en navidad", 3);
    assert!(found.iter().all(|f| !f.sure), "{found:?}");
    assert!(index.search("hola, buenos días", 3).is_empty());
    assert!(index.search("", 3).is_empty());
}

#[test]
fn an_entry_names_words_in_its_question_or_keywords_not_its_body_or_examples() {
    let index = FaqIndex::build(
        vec![IndexedEntry {
            id: 1,
            question: "¿Dónde recojo mi gafete de acceso?".into(),
            answer: "En la ventanilla junto al estacionamiento.".into(),
            keywords: vec!["credencial".into()],
            examples: vec!["se me perdió la credencial de la entrada".into()],
        }],
        &[],
    );
    let words = |list: &[(&str, bool)]| -> Vec<(String, bool)> {
        list.iter().map(|(w, f)| (w.to_string(), *f)).collect()
    };
    assert!(index.names_every(&words(&[("gafete", false)])));
    assert!(index.names_every(&words(&[("credenciales", false), ("de", true)])));
    assert!(!index.names_every(&words(&[("estacionamiento", false)])));
    assert!(!index.names_every(&words(&[("entrada", false)])));
    assert!(!index.names_every(&words(&[("gafete", false), ("perdido", false)])));
    // A word the search drops says nothing unless the caller says so.
    assert!(!index.names_every(&words(&[("dias", false), ("gafete", false)])));
    assert!(!index.names_every(&words(&[("de", true)])));
}

#[test]
fn a_message_worded_like_one_of_the_desks_examples_outranks_words_found_across_another_entrys() {
    let mut printer = entry(
        1,
        "Mi impresora no imprime",
        &["impresora", "imprimir", "computadora"],
    );
    printer.examples = vec![
        "la impresora no quiere imprimir".into(),
        "mi computadora no manda nada a la impresora".into(),
        "la impresora se apaga sola y no vuelve a encender".into(),
    ];
    let mut power = entry(2, "Mi equipo no prende", &["prende", "apagado"]);
    power.examples = vec![
        "le pico al botón y no pasa nada".into(),
        "la computadora no quiere encender".into(),
        "no prende ninguna luz del cpu cuando lo conecto".into(),
    ];
    let index = FaqIndex::build(vec![printer, power], &[]);
    let written = "mi computadora no quiere encender";
    let explained = index.explain(written, 3);
    assert_eq!(
        explained.found.first().map(|f| f.id),
        Some(2),
        "{explained:?}"
    );
    assert_eq!(
        index.closest_example(2, &explained.terms),
        Some("la computadora no quiere encender")
    );
}

#[test]
fn a_word_found_only_in_an_entrys_examples_or_answer_is_how_people_talk_not_an_answer() {
    let index = FaqIndex::build(
        vec![IndexedEntry {
            id: 1,
            question: "Nuestro sitio web no abre".into(),
            answer: "Revise a qué hora empezó la falla y repórtela.".into(),
            keywords: vec!["portal".into(), "caído".into()],
            examples: vec!["desde hace una hora el portal no carga".into()],
        }],
        &[],
    );
    let found = index.search("a que hora es la junta", 3);
    assert!(found.iter().all(|f| !f.sure), "{found:?}");
    let found = index.search("el portal no abre desde hace una hora", 3);
    assert_eq!(
        found.first().map(|f| (f.id, f.sure)),
        Some((1, true)),
        "{found:?}"
    );
}

#[test]
fn a_stop_word_is_not_read_as_a_synonym_that_stems_alike() {
    // "tarde" (afternoon) and "tarda" (takes long) stem alike.
    let index = FaqIndex::build(
        vec![entry(1, "Mi computadora está muy lenta", &["lenta"])],
        &[SynonymGroup {
            words: vec!["lenta".into(), "tarda".into()],
        }],
    );
    let found = index.search("mi computadora tarda mucho", 3);
    assert_eq!(
        found.first().map(|f| (f.id, f.sure)),
        Some((1, true)),
        "{found:?}"
    );
    assert!(index.search("hay junta hoy en la tarde", 3).is_empty());
}
