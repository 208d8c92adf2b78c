//! What the bot can learn from conversations an FAQ entry solved although
//! the search did not give that entry as its answer: the user tapped it
//! among the suggestions, or among the alternatives after rejecting another.
//! What they wrote is an example of how people ask that entry, already
//! labelled by the user; the desk adds it (`mesabot faq learn --add`).
//!
//! Whether a phrasing is still a lesson is decided by the index as it is
//! now, so a phrasing the desk has taught (or that a new synonym covers)
//! leaves the list by itself.

use std::collections::HashMap;

use super::FaqIndex;
use crate::words;

/// A search made in a conversation that an FAQ entry solved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SolvedSearch {
    pub conversation: i64,
    /// The entry the user said solved the problem.
    pub solved_by: i64,
    /// What was searched (the user's words without greetings).
    pub query: String,
    /// The first entry that search found, when it found one.
    pub best: Option<i64>,
    /// The user's name as their Telegram profile gives it.
    pub user_name: Option<String>,
}

/// A phrasing to teach: what users wrote, and the entry that answered it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Lesson {
    pub entry: i64,
    /// The entry's number in `mesabot faq list`.
    pub number: usize,
    pub question: String,
    pub text: String,
    /// Conversations in which it was written.
    pub count: usize,
    /// The words may carry a person's data ([`may_identify`]).
    pub personal: bool,
}

/// Whether `text` may carry a person's data: the user's own name, an
/// e-mail address, a phone, extension or ticket number. Examples outlive
/// the privacy retention, so these are listed for the desk to add by hand
/// without the data, never added at once. What was searched is words only
/// (an address's "@" and dots are gone): an address shows by its domain's
/// last part ("ana perez gob mx").
pub fn may_identify(text: &str, user_name: Option<&str>) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        digits = if c.is_ascii_digit() { digits + 1 } else { 0 };
        if digits >= IDENTIFYING_DIGITS || c == '@' {
            return true;
        }
    }
    let name: Vec<String> = user_name
        .map(|n| {
            words::split(n)
                .into_iter()
                .map(|w| w.folded)
                .filter(|w| w.chars().count() >= NAME_CHARS)
                .collect()
        })
        .unwrap_or_default();
    words::split(text)
        .into_iter()
        .any(|w| ADDRESS_ENDINGS.contains(&w.folded.as_str()) || name.contains(&w.folded))
}

/// A run of this many digits may be a phone, an extension or a ticket.
const IDENTIFYING_DIGITS: usize = 4;
/// A part of the user's name shorter than this ("de", "la") is not looked for.
const NAME_CHARS: usize = 3;
/// Words that, written alone, end an e-mail or web address.
const ADDRESS_ENDINGS: &[&str] = &["com", "mx", "net", "org", "edu"];

/// Entries a search offers (the answer or suggestions) to look for the
/// solving one among.
const OFFERED: usize = 3;

/// The lessons in `searches` (ordered by conversation, then time), most
/// frequent first.
pub fn lessons(index: &FaqIndex, searches: &[SolvedSearch]) -> Vec<Lesson> {
    let mut found: Vec<Lesson> = Vec::new();
    let mut by_text: HashMap<(i64, String), usize> = HashMap::new();
    for conversation in searches.chunk_by(|a, b| a.conversation == b.conversation) {
        let Some(search) = the_search_it_answered(index, conversation) else {
            continue;
        };
        let (Some(entry), Some(number)) =
            (index.get(search.solved_by), index.number(search.solved_by))
        else {
            continue; // the entry left the FAQ since
        };
        let answered_now = index
            .search(&search.query, 1)
            .first()
            .is_some_and(|f| f.sure && f.id == entry.id);
        if answered_now {
            continue;
        }
        let text = search
            .query
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let personal = may_identify(&text, search.user_name.as_deref());
        let key = (entry.id, words::fold(&text));
        match by_text.get(&key) {
            Some(&at) => {
                found[at].count += 1;
                found[at].personal |= personal;
            }
            None => {
                by_text.insert(key, found.len());
                found.push(Lesson {
                    entry: entry.id,
                    number,
                    question: entry.question.clone(),
                    text,
                    count: 1,
                    personal,
                });
            }
        }
    }
    found.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.number.cmp(&b.number))
            .then_with(|| a.text.cmp(&b.text))
    });
    found
}

/// Of one conversation's searches, the one the solving entry answered: the
/// last that found it (first or among those offered); or the only search,
/// when there was one. A conversation of several searches none of which
/// found the entry says nothing sure about which words it answered.
fn the_search_it_answered<'a>(
    index: &FaqIndex,
    searches: &'a [SolvedSearch],
) -> Option<&'a SolvedSearch> {
    let found_it = |s: &SolvedSearch| {
        s.best == Some(s.solved_by)
            || index
                .search(&s.query, OFFERED)
                .iter()
                .any(|f| f.id == s.solved_by)
    };
    match searches {
        [only] => Some(only),
        _ => searches.iter().rev().find(|s| found_it(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::index::IndexedEntry;

    fn entry(id: i64, question: &str, keywords: &[&str]) -> IndexedEntry {
        IndexedEntry {
            id,
            question: question.into(),
            answer: "Siga estos pasos.".into(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            examples: Vec::new(),
        }
    }

    /// An entry's question: the desk's data, as the sample FAQ's are.
    const AUTO_REPLY: &str = "Respuesta automática de vacaciones";

    fn index() -> FaqIndex {
        FaqIndex::build(
            vec![
                entry(11, "Mi impresora no imprime", &["impresora", "imprimir"]),
                entry(12, AUTO_REPLY, &["vacaciones", "respuesta automática"]),
                entry(
                    13,
                    "Mi computadora no enciende",
                    &["computadora", "encender"],
                ),
            ],
            &[],
        )
    }

    fn search(conversation: i64, solved_by: i64, query: &str, best: Option<i64>) -> SolvedSearch {
        SolvedSearch {
            conversation,
            solved_by,
            query: query.into(),
            best,
            user_name: None,
        }
    }

    #[test]
    fn a_phrasing_the_bot_only_suggested_is_a_lesson_and_one_it_answers_is_not() {
        let index = index();
        let unsure = "dejo un aviso de que salgo de vacaciones con mensaje programado";
        assert!(
            !index.search(unsure, 1)[0].sure,
            "the scenario needs an unsure answer"
        );
        let lessons = lessons(
            &index,
            &[
                search(1, 12, unsure, Some(12)),
                search(2, 11, "mi impresora no imprime", Some(11)),
            ],
        );
        assert_eq!(
            lessons,
            vec![Lesson {
                entry: 12,
                number: 2,
                question: AUTO_REPLY.into(),
                text: unsure.into(),
                count: 1,
                personal: false,
            }]
        );
    }

    #[test]
    fn the_same_words_in_several_conversations_are_one_lesson_counted() {
        let index = index();
        let lessons = lessons(
            &index,
            &[
                search(1, 13, "la maquina no da señales de vida", None),
                search(2, 13, "La  máquina no da señales de vida", None),
                search(3, 11, "sale la hoja en blanco", None),
            ],
        );
        let counts: Vec<(i64, usize)> = lessons.iter().map(|l| (l.entry, l.count)).collect();
        assert_eq!(counts, vec![(13, 2), (11, 1)]);
        assert_eq!(lessons[0].text, "la maquina no da señales de vida");
    }

    #[test]
    fn of_several_searches_the_one_that_found_the_entry_is_taken_and_none_when_none_did() {
        let index = index();
        let lessons = lessons(
            &index,
            &[
                search(1, 11, "buenas tardes", None),
                search(
                    1,
                    11,
                    "sale la hoja en blanco de la impresora laser",
                    Some(11),
                ),
                search(1, 11, "gracias", None),
                search(2, 13, "no se", None),
                search(2, 13, "tampoco", None),
            ],
        );
        let texts: Vec<&str> = lessons.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["sale la hoja en blanco de la impresora laser"]);
    }

    #[test]
    fn words_that_may_carry_a_persons_data_are_marked() {
        let anyone = |text: &str| may_identify(text, None);
        assert!(anyone("soy juan.perez@gob.mx y no me llega el correo"));
        assert!(anyone("soy juan perez gob mx y no me llega el correo"));
        assert!(anyone("escribanme a juanp gmail com"));
        assert!(anyone("mi extension 4321 no tiene tono"));
        assert!(!anyone("la impresora del piso 3 no imprime"));
        assert!(!anyone("windows 11 va muy lento"));
        assert!(!anyone("no me llegan los correos de mexico"));
        // The user's own name, as their profile gives it.
        let ana = Some("Ana Pérez de la Rosa");
        assert!(may_identify("soy ana y no me llega el correo", ana));
        assert!(may_identify("habla la lic perez, no imprimo", ana));
        assert!(!may_identify(
            "no me llega el correo de la dependencia",
            ana
        ));
    }

    #[test]
    fn a_phrasing_is_marked_when_any_conversation_wrote_it_with_a_name() {
        let index = index();
        let named = |conversation: i64, user: &str| SolvedSearch {
            user_name: Some(user.into()),
            ..search(
                conversation,
                13,
                "la maquina de marta no da señales de vida",
                None,
            )
        };
        let lessons = lessons(&index, &[named(1, "Pedro Gil"), named(2, "Marta Ruiz")]);
        assert_eq!(lessons.len(), 1);
        assert_eq!(lessons[0].count, 2);
        assert!(lessons[0].personal);
    }

    #[test]
    fn an_entry_no_longer_in_the_faq_teaches_nothing() {
        let index = index();
        assert!(lessons(&index, &[search(1, 99, "algo que ya no existe", None)]).is_empty());
    }
}
