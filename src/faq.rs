//! The first-level knowledge base: entries, their editable file format, and
//! turning a user's own words into a full-text query.
//!
//! Matching is done by SQLite FTS5 (unicode61, diacritics removed, BM25); this
//! module prepares the query so that everyday writing still finds answers:
//! filler words are dropped and misspelled words are corrected against the
//! vocabulary of the knowledge base itself.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// One question with its answer, as administrators edit them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The service code from the catalogue, e.g. "correo".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

/// The human-editable FAQ file: TOML with one `[[entry]]` table per question.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FaqFile {
    #[serde(default, rename = "entry")]
    pub entries: Vec<FaqEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum FaqFileError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid FAQ file: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: entry {number} has an empty {field}")]
    Empty {
        path: String,
        number: usize,
        field: &'static str,
    },
    #[error("{path} has no entries; refusing to empty the knowledge base")]
    NoEntries { path: String },
}

impl FaqFile {
    pub fn read(path: &Path) -> Result<FaqFile, FaqFileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| FaqFileError::Read {
            path: shown.clone(),
            source,
        })?;
        let file: FaqFile = toml::from_str(&text).map_err(|e| FaqFileError::Syntax {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        if file.entries.is_empty() {
            return Err(FaqFileError::NoEntries { path: shown });
        }
        for (index, entry) in file.entries.iter().enumerate() {
            let empty = |field| FaqFileError::Empty {
                path: shown.clone(),
                number: index + 1,
                field,
            };
            if entry.question.trim().is_empty() {
                return Err(empty("question"));
            }
            if entry.answer.trim().is_empty() {
                return Err(empty("answer"));
            }
        }
        Ok(file)
    }

    pub fn write(&self, path: &Path) -> Result<(), FaqFileError> {
        let shown = path.display().to_string();
        let text = toml::to_string_pretty(self).map_err(|e| FaqFileError::Syntax {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let header = "# mesabot FAQ: one [[entry]] per question. Edit, then `mesabot faq import` this file.\n\
                      # service is a code from the catalogue (correo, hospedaje, red, telefonia, equipo, sistemas, otro).\n\n";
        std::fs::write(path, format!("{header}{text}")).map_err(|source| FaqFileError::Write {
            path: shown,
            source,
        })
    }
}

/// Lower case without diacritics or punctuation, the way FTS5's unicode61
/// tokenizer with `remove_diacritics 2` sees words: "Contraseña," → "contrasena".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Words that carry no meaning for a search (Spanish and English), plus
/// greetings, so "hola, buenos días" searches nothing.
const FILLER_WORDS: &[&str] = &[
    "a", "al", "algo", "ante", "aqui", "asi", "aun", "ayuda", "ayudar", "ayudeme", "buen",
    "buenas", "buenos", "como", "con", "cual", "cuando", "de", "del", "dias", "donde", "el",
    "ella", "en", "es", "esta", "estan", "este", "esto", "favor", "gracias", "hola", "hay", "la",
    "las", "le", "lo", "los", "me", "mi", "mis", "muy", "necesito", "no", "noches", "nos", "o",
    "para", "pero", "por", "puedo", "que", "quiero", "se", "si", "sin", "su", "sus", "tardes",
    "tengo", "tiene", "un", "una", "uno", "y", "ya", "yo", "ahora", "ayer", "bien", "cada",
    "desde", "dice", "eso", "esa", "ese", "estoy", "fue", "hace", "hacer", "hasta", "hoy", "mal",
    "mas", "menos", "mucho", "nada", "nunca", "otra", "otro", "poder", "porque", "pueda", "puede",
    "pueden", "pues", "sale", "siempre", "sobre", "solo", "tambien", "tampoco", "tener", "todo",
    "toda", "todos", "usted", "an", "and", "are", "can", "do", "for", "hello", "help", "hi", "how",
    "i", "is", "it", "my", "need", "of", "on", "please", "the", "to", "what", "with",
];

/// The words the knowledge base contains, as the full-text index holds them.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    terms: HashSet<String>,
    /// Terms grouped by length in characters, so a correction only compares
    /// words of nearly the same length.
    by_length: Vec<Vec<String>>,
}

impl Vocabulary {
    pub fn new(terms: impl IntoIterator<Item = String>) -> Self {
        let mut vocabulary = Vocabulary::default();
        for term in terms {
            let length = term.chars().count();
            if vocabulary.by_length.len() <= length {
                vocabulary.by_length.resize(length + 1, Vec::new());
            }
            vocabulary.by_length[length].push(term.clone());
            vocabulary.terms.insert(term);
        }
        vocabulary
    }

    /// The closest known word within a small edit distance, if any.
    fn correct(&self, word: &str) -> Option<&str> {
        let length = word.chars().count();
        // Short words are too often other real words one letter away ("rota"/"ruta").
        let allowed = match length {
            0..=4 => return None,
            5..=7 => 1,
            _ => 2,
        };
        let lengths = length.saturating_sub(allowed)..=length + allowed;
        lengths
            .filter_map(|l| self.by_length.get(l))
            .flatten()
            .map(|term| (strsim::damerau_levenshtein(word, term), term))
            .filter(|(distance, _)| *distance <= allowed)
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, term)| term.as_str())
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.terms.iter().any(|t| t.starts_with(prefix))
    }
}

/// The longest text considered for a search; longer messages are cut.
const MAX_QUERY_CHARS: usize = 500;
const MAX_QUERY_WORDS: usize = 16;

/// Builds an FTS5 MATCH expression from a user's words: known words as they
/// are, beginnings of known words as prefixes, misspelled words corrected, all OR-ed so
/// BM25 ranks the entries that share the most words first. `None` when
/// nothing in the text can match.
pub fn match_expression(text: &str, vocabulary: &Vocabulary) -> Option<String> {
    let cut: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let folded = fold(&cut);
    let mut terms: Vec<String> = Vec::new();
    for word in folded.split_whitespace() {
        if word.chars().count() < 2 || FILLER_WORDS.contains(&word) {
            continue;
        }
        let term = if vocabulary.terms.contains(word) {
            format!("\"{word}\"")
        } else if word.chars().count() >= 4 && vocabulary.has_prefix(word) {
            format!("\"{word}\"*")
        } else if let Some(known) = vocabulary.correct(word) {
            format!("\"{known}\"")
        } else {
            continue;
        };
        if !terms.contains(&term) {
            terms.push(term);
        }
        if terms.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        Vocabulary::new(
            [
                "contrasena",
                "correo",
                "impresora",
                "vpn",
                "configurar",
                "olvide",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn folding_removes_accents_case_and_punctuation() {
        assert_eq!(fold("¡Olvidé la CONTRASEÑA!"), " olvide la contrasena ");
    }

    #[test]
    fn accents_and_filler_words_do_not_matter() {
        let expression = match_expression("Hola, olvidé la contraseña de mi correo", &vocabulary());
        assert_eq!(
            expression.as_deref(),
            Some("\"olvide\" OR \"contrasena\" OR \"correo\"")
        );
    }

    #[test]
    fn misspelled_words_are_corrected_against_the_vocabulary() {
        let expression = match_expression("mi inpresora no jala, contraseá", &vocabulary());
        assert_eq!(
            expression.as_deref(),
            Some("\"impresora\" OR \"contrasena\"")
        );
    }

    #[test]
    fn a_known_beginning_becomes_a_prefix_query() {
        assert_eq!(
            match_expression("configura", &vocabulary()).as_deref(),
            Some("\"configura\"*")
        );
    }

    #[test]
    fn greetings_and_unknown_words_search_nothing() {
        assert_eq!(match_expression("hola, buenos días", &vocabulary()), None);
        assert_eq!(match_expression("xyzzy", &vocabulary()), None);
        assert_eq!(match_expression("", &vocabulary()), None);
    }

    #[test]
    fn query_syntax_in_user_text_is_never_passed_through() {
        let expression = match_expression("correo\" OR NEAR(* AND -vpn", &vocabulary());
        assert_eq!(expression.as_deref(), Some("\"correo\" OR \"vpn\""));
    }
}
