//! The first-level knowledge base: entries and the desk's synonyms, their
//! editable file format, and the search that finds the answer for what a
//! user wrote ([`index`]).

mod analysis;
mod common_words;
pub mod index;
pub mod learning;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use index::{FaqIndex, Found, SearchExplained, TermNote};

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
    /// Other ways people ask this, as they write it ("no me llega el
    /// internet", "se cayó la red"): the desk adds them from what users
    /// wrote, such as the monthly report's rejected answers. The search
    /// reads them as it reads the keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

/// Words the desk's users write for the same thing: "compu", "pc" and
/// "laptop" are "computadora". The first word is the one the others mean; a
/// member may be several words ("equipo de cómputo").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynonymGroup {
    pub words: Vec<String>,
}

/// The human-editable FAQ file: TOML with one `[[synonym]]` table per group
/// of words that mean the same, and one `[[entry]]` table per question.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FaqFile {
    #[serde(default, rename = "synonym", skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<SynonymGroup>,
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
    #[error("{path}: synonym group {number} needs at least two words")]
    LonelySynonym { path: String, number: usize },
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
            if entry.examples.iter().any(|e| e.trim().is_empty()) {
                return Err(empty("example"));
            }
        }
        for (index, group) in file.synonyms.iter().enumerate() {
            let words = group.words.iter().filter(|w| !w.trim().is_empty()).count();
            if words < 2 {
                return Err(FaqFileError::LonelySynonym {
                    path: shown.clone(),
                    number: index + 1,
                });
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
                      # service is a code from the catalogue (correo, hospedaje, red, telefonia, equipo, sistemas, otro).\n\
                      # examples = [\"no me llega el internet\"]: other ways people ask it, as they write it.\n\
                      # [[synonym]] words = [\"computadora\", \"compu\", \"pc\"]: the other words mean the first one.\n\n";
        std::fs::write(path, format!("{header}{text}")).map_err(|source| FaqFileError::Write {
            path: shown,
            source,
        })
    }
}
