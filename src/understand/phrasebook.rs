//! The phrases the bot understands, one file per locale, as the desk edits
//! them (`mesabot phrases export|import`). The desk's copy lives in the
//! database; the files in `locales/<locale>/phrases.toml` are the defaults.
//!
//! A phrase is a few words compared word by word, by folded form, by stem
//! or with one slip, allowing two other words in between ("abrir ticket"
//! matches "abrir un nuevo ticket"). `^` at its start: only at the start of
//! the message; `$` at its end: only where a clause ends ("no$" is a bare
//! "no", not the "no" of "no me funciona").

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::IntentKind;
use crate::locale::Locale;
use crate::words::{self, Language, Stemmers};

/// Stems shorter than this tell too little to compare by.
const MIN_STEM_CHARS: usize = 4;
/// Words shorter than this must be written right to match a phrase.
const MIN_SLIP_CHARS: usize = 6;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: Language,
    #[serde(default)]
    fillers: Vec<String>,
    #[serde(default)]
    negators: Vec<String>,
    #[serde(default)]
    negation_exceptions: Vec<String>,
    #[serde(default)]
    contrast: Vec<String>,
    intent: Intents,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Intents {
    greeting: Option<IntentFile>,
    thanks: Option<IntentFile>,
    goodbye: Option<IntentFile>,
    yes: Option<IntentFile>,
    no: Option<IntentFile>,
    help: Option<IntentFile>,
    menu: Option<IntentFile>,
    cancel: Option<IntentFile>,
    agent: Option<IntentFile>,
    transfer: Option<IntentFile>,
    call_outside: Option<IntentFile>,
    ticket: Option<IntentFile>,
    status: Option<IntentFile>,
    out_of_scope: Option<IntentFile>,
}

impl Intents {
    fn take(&mut self, kind: IntentKind) -> Option<IntentFile> {
        match kind {
            IntentKind::Greeting => self.greeting.take(),
            IntentKind::Thanks => self.thanks.take(),
            IntentKind::Goodbye => self.goodbye.take(),
            IntentKind::Yes => self.yes.take(),
            IntentKind::No => self.no.take(),
            IntentKind::Help => self.help.take(),
            IntentKind::Menu => self.menu.take(),
            IntentKind::Cancel => self.cancel.take(),
            IntentKind::Agent => self.agent.take(),
            IntentKind::Transfer => self.transfer.take(),
            IntentKind::CallOutside => self.call_outside.take(),
            IntentKind::Ticket => self.ticket.take(),
            IntentKind::Status => self.status.take(),
            IntentKind::OutOfScope => self.out_of_scope.take(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    phrases: Vec<Spanned<String>>,
    /// Words that, anywhere in the message, mean this intent does not apply
    /// ("licencia de Office" is not a driving licence).
    #[serde(default)]
    unless: Vec<String>,
    /// Transfers: the name asked for ends before these words ("con redes porque…").
    #[serde(default)]
    until: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhrasebookError {
    #[error("{source_name}: {message}")]
    Syntax {
        source_name: String,
        message: String,
    },
    #[error("{source_name}, line {line}: the phrase «{phrase}» has no words")]
    EmptyPhrase {
        source_name: String,
        line: usize,
        phrase: String,
    },
    #[error(
        "{source_name}, line {line}: the phrase «{phrase}» is made only of filler words, so it would match almost anything"
    )]
    OnlyFillers {
        source_name: String,
        line: usize,
        phrase: String,
    },
}

/// One word of a phrase.
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub folded: String,
    pub stem: String,
}

#[derive(Clone, Debug)]
pub(super) struct Phrase {
    pub intent: IntentKind,
    pub text: String,
    pub tokens: Vec<Token>,
    pub at_start: bool,
    pub ends_clause: bool,
    /// Words of the phrase that are not fillers: how much it says.
    pub strength: usize,
    /// Only fillers, anchored at the start ("^con"): valid only when what
    /// follows is just a name.
    pub weak: bool,
}

/// One locale's phrases, ready to match.
#[derive(Clone, Debug)]
pub struct Phrasebook {
    pub(super) locale: Locale,
    pub(super) language: Language,
    pub(super) fillers: Vec<String>,
    pub(super) negators: Vec<String>,
    pub(super) negation_exceptions: Vec<Vec<String>>,
    pub(super) contrast: Vec<String>,
    pub(super) phrases: Vec<Phrase>,
    pub(super) unless: Vec<(IntentKind, Vec<String>)>,
    pub(super) until: Vec<String>,
    /// Phrases by their first word's folded form and by its stem, and the
    /// first words long enough for a slip by their first letter: a message
    /// word is compared with the few phrases that can start there.
    by_first_word: HashMap<String, Vec<usize>>,
    by_first_stem: HashMap<String, Vec<usize>>,
    by_first_letter: HashMap<char, Vec<(String, usize)>>,
    /// Every word of its phrases, as written (folded).
    words: HashSet<String>,
}

impl Phrasebook {
    /// The phrases shipped with mesabot for `locale`.
    pub fn default_text(locale: Locale) -> &'static str {
        match locale {
            Locale::EsMx => include_str!("../../locales/es-MX/phrases.toml"),
            Locale::En => include_str!("../../locales/en/phrases.toml"),
        }
    }

    /// Parses and checks a phrase file; `source_name` names it in errors.
    pub fn parse(
        locale: Locale,
        text: &str,
        source_name: &str,
        stemmers: &Stemmers,
    ) -> Result<Phrasebook, PhrasebookError> {
        let mut file: File = toml::from_str(text).map_err(|e| PhrasebookError::Syntax {
            source_name: source_name.to_owned(),
            message: e.to_string().trim().to_owned(),
        })?;
        let folded_list = |list: &[String]| -> Vec<String> {
            list.iter()
                .flat_map(|w| words::split(w))
                .map(|w| w.folded)
                .collect()
        };
        let fillers = folded_list(&file.fillers);
        let mut book = Phrasebook {
            locale,
            language: file.language,
            negators: folded_list(&file.negators),
            negation_exceptions: file
                .negation_exceptions
                .iter()
                .map(|p| words::split(p).into_iter().map(|w| w.folded).collect())
                .filter(|p: &Vec<String>| !p.is_empty())
                .collect(),
            contrast: folded_list(&file.contrast),
            fillers,
            phrases: Vec::new(),
            unless: Vec::new(),
            until: Vec::new(),
            by_first_word: HashMap::new(),
            by_first_stem: HashMap::new(),
            by_first_letter: HashMap::new(),
            words: HashSet::new(),
        };
        for kind in IntentKind::ALL {
            let Some(intent) = file.intent.take(kind) else {
                continue;
            };
            for phrase in &intent.phrases {
                book.phrases
                    .push(book.compile(kind, phrase, text, source_name, stemmers)?);
            }
            if !intent.unless.is_empty() {
                book.unless.push((kind, folded_list(&intent.unless)));
            }
            if kind == IntentKind::Transfer {
                book.until = folded_list(&intent.until);
            }
        }
        book.index_phrases();
        Ok(book)
    }

    fn index_phrases(&mut self) {
        self.by_first_word.clear();
        self.by_first_stem.clear();
        self.by_first_letter.clear();
        self.words = self
            .phrases
            .iter()
            .flat_map(|p| p.tokens.iter().map(|t| t.folded.clone()))
            .collect();
        for (p, phrase) in self.phrases.iter().enumerate() {
            let first = &phrase.tokens[0];
            self.by_first_word
                .entry(first.folded.clone())
                .or_default()
                .push(p);
            if first.stem.chars().count() >= MIN_STEM_CHARS {
                self.by_first_stem
                    .entry(first.stem.clone())
                    .or_default()
                    .push(p);
            }
            if first.folded.chars().count() >= MIN_SLIP_CHARS
                && let Some(letter) = first.folded.chars().next()
            {
                self.by_first_letter
                    .entry(letter)
                    .or_default()
                    .push((first.folded.clone(), p));
            }
        }
    }

    /// Drops the out-of-scope phrases the desk's own FAQ answers: when `named`
    /// says an entry's question or keywords name every word of the phrase,
    /// the desk chose to answer that matter itself ("gafete" in an office
    /// where informatics issues the badges). `named` gets each word with
    /// whether it is a filler (which the search may drop). Returns what it dropped.
    pub fn yield_out_of_scope_to(
        &mut self,
        named: impl Fn(&[(String, bool)]) -> bool,
    ) -> Vec<String> {
        let mut dropped = Vec::new();
        let fillers = &self.fillers;
        self.phrases.retain(|phrase| {
            if phrase.intent != IntentKind::OutOfScope {
                return true;
            }
            let words: Vec<(String, bool)> = phrase
                .tokens
                .iter()
                .map(|t| (t.folded.clone(), fillers.contains(&t.folded)))
                .collect();
            let answered = named(&words);
            if answered {
                dropped.push(phrase.text.clone());
            }
            !answered
        });
        if !dropped.is_empty() {
            self.index_phrases();
        }
        dropped
    }

    /// Whether one of its phrases has this (folded) word as written.
    pub(super) fn has_word(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    /// The phrases whose first word is this word (written alike, same stem,
    /// or, if `slips`, one slip away), into `into`, each once.
    pub(super) fn starting_with(
        &self,
        folded: &str,
        stem: &str,
        slips: bool,
        into: &mut Vec<usize>,
    ) {
        into.clear();
        into.extend(self.by_first_word.get(folded).into_iter().flatten());
        into.extend(self.by_first_stem.get(stem).into_iter().flatten());
        if slips
            && let Some(letter) = folded.chars().next()
            && let Some(near) = self.by_first_letter.get(&letter)
        {
            into.extend(
                near.iter()
                    .filter(|(first, _)| words::near_within(first, folded, 1))
                    .map(|(_, p)| *p),
            );
        }
        into.sort_unstable();
        into.dedup();
    }

    /// Whether a phrase word matches a message word: written alike, the same
    /// stem, or, if `slips`, one slip in a long word ("pasar" is not "pagar").
    pub(super) fn same(token: &Token, folded: &str, stem: &str, slips: bool) -> bool {
        token.folded == folded
            || (token.stem.chars().count() >= MIN_STEM_CHARS && token.stem == stem)
            || (slips
                && token.folded.chars().count() >= MIN_SLIP_CHARS
                && words::near_within(&token.folded, folded, 1))
    }

    fn compile(
        &self,
        intent: IntentKind,
        phrase: &Spanned<String>,
        text: &str,
        source_name: &str,
        stemmers: &Stemmers,
    ) -> Result<Phrase, PhrasebookError> {
        let written = phrase.get_ref().trim();
        let line = text[..phrase.span().start.min(text.len())]
            .matches('\n')
            .count()
            + 1;
        let at_start = written.starts_with('^');
        let ends_clause = written.ends_with('$');
        let body = written.trim_start_matches('^').trim_end_matches('$');
        let tokens: Vec<Token> = words::split(body)
            .into_iter()
            .map(|w| Token {
                stem: stemmers.stem(self.language, &w.folded),
                folded: w.folded,
            })
            .collect();
        if tokens.is_empty() {
            return Err(PhrasebookError::EmptyPhrase {
                source_name: source_name.to_owned(),
                line,
                phrase: written.to_owned(),
            });
        }
        let strength = tokens
            .iter()
            .filter(|t| !self.fillers.contains(&t.folded))
            .count();
        // Small talk may be all fillers ("buenas"); a request may not.
        if strength == 0 && intent.is_request() && !at_start {
            return Err(PhrasebookError::OnlyFillers {
                source_name: source_name.to_owned(),
                line,
                phrase: written.to_owned(),
            });
        }
        Ok(Phrase {
            intent,
            text: written.to_owned(),
            tokens,
            at_start,
            ends_clause,
            strength: strength.max(1),
            weak: strength == 0,
        })
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// How many phrases it holds.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_phrase_files_parse() {
        let stemmers = Stemmers::default();
        for locale in Locale::ALL {
            let book = Phrasebook::parse(
                locale,
                Phrasebook::default_text(locale),
                "default",
                &stemmers,
            )
            .expect("shipped phrases parse");
            assert!(book.len() > 50, "{locale}: {} phrases", book.len());
        }
    }

    #[test]
    fn only_out_of_scope_phrases_the_faq_names_in_full_are_dropped() {
        let stemmers = Stemmers::default();
        let text = "language = \"es\"\nfillers = [\"de\", \"area\"]\n\n[intent.out_of_scope]\nphrases = [\"gafete\", \"cambiarme de area\", \"predial\"]\n[intent.agent]\nphrases = [\"gafete perdido\"]\n";
        let mut book =
            Phrasebook::parse(Locale::EsMx, text, "frases.toml", &stemmers).expect("parses");
        // The FAQ names "gafete" and "cambiarme", not "area" nor "predial".
        let dropped = book.yield_out_of_scope_to(|words| {
            words
                .iter()
                .all(|(w, filler)| w == "gafete" || w == "cambiarme" || (*filler && w == "de"))
        });
        assert_eq!(dropped, vec!["gafete".to_owned()]);
        assert_eq!(book.len(), 3, "another intent's phrase stays");
        let mut found = Vec::new();
        book.starting_with("gafete", "gafet", true, &mut found);
        assert_eq!(
            found.len(),
            1,
            "the index no longer points at the dropped phrase"
        );
        assert_eq!(book.phrases[found[0]].intent, IntentKind::Agent);
    }

    #[test]
    fn a_bad_file_is_refused_naming_the_line() {
        let stemmers = Stemmers::default();
        let text = "language = \"es\"\nfillers = [\"el\", \"la\"]\n\n[intent.agent]\nphrases = [\n  \"un agente\",\n  \"la\",\n]\n";
        let error = Phrasebook::parse(Locale::EsMx, text, "frases.toml", &stemmers).unwrap_err();
        assert_eq!(
            error.to_string(),
            "frases.toml, line 7: the phrase «la» is made only of filler words, so it would match almost anything"
        );
        let error = Phrasebook::parse(
            Locale::EsMx,
            "language = \"es\"\n[intent.agnet]\nphrases = []\n",
            "frases.toml",
            &stemmers,
        )
        .unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains("line 2"), "{shown}");
        assert!(shown.contains("agnet"), "{shown}");
    }
}
