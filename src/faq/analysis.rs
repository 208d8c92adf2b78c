//! How FAQ entries and users' messages are read into search terms: words
//! folded and split as people type them, stop words dropped, the desk's
//! synonyms applied, Snowball stems.

use std::collections::{HashMap, HashSet};

use super::SynonymGroup;
use crate::words::{self, Language, Stemmers};

/// Words of everyday writing that carry no meaning for a search, beyond
/// NLTK's Spanish and English stop words (`stop-words` crate).
const MORE_STOP_WORDS: &[&str] = &[
    "ayuda", "ayudar", "ayudeme", "ayudame", "buen", "buenas", "buenos", "dias", "favor",
    "gracias", "hola", "necesito", "noches", "puedo", "quiero", "tardes", "tarde", "ahora", "ayer",
    "bien", "cada", "dice", "hace", "hacer", "hoy", "mal", "mas", "menos", "nunca", "poder",
    "pueda", "puede", "pueden", "pues", "sale", "siempre", "solo", "tampoco", "tener", "toda",
    "usted", "oiga", "oye", "porfa", "digame", "dime", "saber", "quisiera", "podria", "nomas",
    "entonces", "luego", "aca", "alla", "ahi", "aqui", "asi", "aun", "pasa", "paso", "ser", "vez",
    "veces", "cosa", "cosas", "eh", "bueno", "hello", "help", "hi", "please", "im", "cant", "dont",
    "doesnt", "got", "want", "work", "need", "get", "fijese", "creo", "ocupo", "alguien", "nadie",
    "hago", "ustedes", "tambien", "mucha", "muchas", "igual",
];

fn stop_words() -> HashSet<String> {
    let mut words: HashSet<String> = HashSet::new();
    for language in ["es", "en"] {
        let list = stop_words::lookup(language).unwrap_or_default();
        words.extend(
            list.iter()
                .map(|w| words::shorten_runs(&words::fold(w).trim().replace(' ', ""))),
        );
    }
    words.extend(MORE_STOP_WORDS.iter().map(|w| words::shorten_runs(w)));
    words
}

/// Stems shorter than this are not used (see `FaqIndex::key`).
const MIN_STEM_CHARS: usize = 4;
/// One analysed word: as written, folded (after synonyms), stemmed.
pub(super) struct Term {
    pub written: String,
    pub folded: String,
    pub stem: String,
    pub synonym: bool,
}

/// The desk's synonyms: sequences of stems mapped to the words they mean,
/// so every form of a member counts ("agrego", "agregar").
#[derive(Debug, Default)]
struct Synonyms {
    /// First stem of a member → (member words, meaning as (folded, stem)), longest first.
    by_first: HashMap<String, Vec<Synonym>>,
}

#[derive(Debug)]
struct Synonym {
    /// The member's words as (stem, folded).
    member: Vec<(String, String)>,
    meaning: Vec<(String, String)>,
}

impl Synonyms {
    fn new(groups: &[SynonymGroup], stem: impl Fn(&str) -> String) -> Synonyms {
        let mut synonyms = Synonyms::default();
        for group in groups {
            let mut members = group
                .words
                .iter()
                .map(|w| {
                    words::split(w)
                        .into_iter()
                        .map(|w| (stem(&w.folded), w.folded))
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty());
            let Some(meaning) = members.next() else {
                continue;
            };
            let meaning: Vec<(String, String)> = meaning
                .into_iter()
                .map(|(stem, folded)| (folded, stem))
                .collect();
            // The meaning is a member too: its words are kept as one term
            // even where one of them is a stop word ("fuera").
            let itself: Vec<(String, String)> = meaning
                .iter()
                .map(|(folded, stem)| (stem.clone(), folded.clone()))
                .collect();
            for member in std::iter::once(itself).chain(members) {
                synonyms
                    .by_first
                    .entry(member[0].0.clone())
                    .or_default()
                    .push(Synonym {
                        member,
                        meaning: meaning.clone(),
                    });
            }
        }
        for list in synonyms.by_first.values_mut() {
            list.sort_by_key(|s| std::cmp::Reverse(s.member.len()));
        }
        synonyms
    }

    /// The words with every synonym replaced by what it means. Between the
    /// words of a member the message may have stop words ("desde mi casa"
    /// is "desde casa").
    fn apply(&self, input: Vec<Term>, stop_words: &HashSet<String>) -> Vec<Term> {
        let mut out = Vec::with_capacity(input.len());
        let mut i = 0;
        while i < input.len() {
            let replaced = self.by_first.get(&input[i].stem).and_then(|list| {
                list.iter()
                    .find_map(|s| s.matches(&input, i, stop_words).map(|end| (s, end)))
            });
            match replaced {
                Some((synonym, end)) => {
                    let written = input[i..end]
                        .iter()
                        .map(|w| w.written.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    for (folded, stem) in &synonym.meaning {
                        out.push(Term {
                            written: written.clone(),
                            folded: folded.clone(),
                            stem: stem.clone(),
                            synonym: true,
                        });
                    }
                    i = end;
                }
                None => {
                    let term = &input[i];
                    out.push(Term {
                        written: term.written.clone(),
                        folded: term.folded.clone(),
                        stem: term.stem.clone(),
                        synonym: false,
                    });
                    i += 1;
                }
            }
        }
        out
    }
}

impl Synonym {
    /// Where the member ends if it starts at `start`.
    fn matches(&self, input: &[Term], start: usize, stop_words: &HashSet<String>) -> Option<usize> {
        // A stop word stands for a member's word only as that very word: "en
        // la tarde" is not "tarda" though both stem to "tard".
        let same = |word: &Term, (stem, folded): &(String, String)| {
            word.stem == *stem && (word.folded == *folded || !stop_words.contains(&word.folded))
        };
        let mut at = start;
        for (k, member_word) in self.member.iter().enumerate() {
            if k > 0 {
                while at < input.len()
                    && !same(&input[at], member_word)
                    && stop_words.contains(&input[at].folded)
                {
                    at += 1;
                }
            }
            if input.get(at).is_none_or(|w| !same(w, member_word)) {
                return None;
            }
            at += 1;
        }
        Some(at)
    }
}

/// Reads text into terms, the same way for entries and messages.
#[derive(Debug)]
pub(super) struct Analyser {
    synonyms: Synonyms,
    stop_words: HashSet<String>,
    stemmers: Stemmers,
    language: Language,
}

impl Analyser {
    pub(super) fn new(groups: &[SynonymGroup]) -> Analyser {
        let mut analyser = Analyser {
            synonyms: Synonyms::default(),
            stop_words: stop_words(),
            stemmers: Stemmers::default(),
            language: Language::Es,
        };
        let synonyms = Synonyms::new(groups, |w| analyser.key(w));
        analyser.synonyms = synonyms;
        analyser
    }

    /// What a word is indexed by: its stem, or the word itself when the stem
    /// is too short to tell words apart ("toner" and "tono" both stem to "ton").
    pub(super) fn key(&self, folded: &str) -> String {
        let stem = self.stemmers.stem(self.language, folded);
        if stem.chars().count() < MIN_STEM_CHARS {
            folded.to_owned()
        } else {
            stem
        }
    }

    /// Folded and stemmed words, synonyms applied, stop words dropped.
    pub(super) fn analyse(&self, text: &str) -> Vec<Term> {
        let split: Vec<Term> = words::split(text)
            .into_iter()
            .map(|w| Term {
                stem: self.key(&w.folded),
                written: w.written,
                folded: w.folded,
                synonym: false,
            })
            .collect();
        self.synonyms
            .apply(split, &self.stop_words)
            .into_iter()
            .filter(|t| t.synonym || (!self.stop_words.contains(&t.folded) && t.folded.len() > 1))
            .collect()
    }
}
