//! The directory of areas and people a call can be transferred to (seed
//! operations 10-13), and its editable file format.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::contact::Email;

/// A person or area of the directory, as administrators edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub name: String,
    pub area: String,
    #[serde(default)]
    pub extension: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A Telegram chat with the bot where this person takes transfers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telegram_chat_id: Option<i64>,
}

/// The directory file: TOML with one `[[person]]` table per entry.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DirectoryFile {
    #[serde(default, rename = "person")]
    pub entries: Vec<DirectoryEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum DirectoryFileError {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not a valid directory file: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: entry {number}: {problem}")]
    Invalid {
        path: String,
        number: usize,
        problem: String,
    },
    #[error("{path} has no entries; refusing to empty the directory")]
    NoEntries { path: String },
}

impl DirectoryFile {
    pub fn read(path: &Path) -> Result<DirectoryFile, DirectoryFileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| DirectoryFileError::Io {
            path: shown.clone(),
            source,
        })?;
        let file: DirectoryFile =
            toml::from_str(&text).map_err(|e| DirectoryFileError::Syntax {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        if file.entries.is_empty() {
            return Err(DirectoryFileError::NoEntries { path: shown });
        }
        for (index, entry) in file.entries.iter().enumerate() {
            let invalid = |problem: &str| DirectoryFileError::Invalid {
                path: shown.clone(),
                number: index + 1,
                problem: problem.to_owned(),
            };
            if entry.name.trim().is_empty() || entry.area.trim().is_empty() {
                return Err(invalid("name and area are required"));
            }
            if !entry.extension.chars().all(|c| c.is_ascii_digit()) || entry.extension.len() > 8 {
                return Err(invalid("the extension must be digits only"));
            }
            if let Some(email) = &entry.email
                && Email::parse(email).is_err()
            {
                return Err(invalid("the e-mail is not valid"));
            }
        }
        Ok(file)
    }

    pub fn write(&self, path: &Path) -> Result<(), DirectoryFileError> {
        let shown = path.display().to_string();
        let text = toml::to_string_pretty(self).map_err(|e| DirectoryFileError::Syntax {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let header = "# mesabot directory: one [[person]] per person or area. Edit, then\n\
                      # `mesabot directory import` this file. telegram_chat_id (optional): the\n\
                      # person's chat with the bot, where transfers are handed over.\n\n";
        std::fs::write(path, format!("{header}{text}")).map_err(|source| DirectoryFileError::Io {
            path: shown,
            source,
        })
    }
}

/// An FTS5 expression for a name or area as typed: every word of two letters
/// or more as a prefix, OR-ed and ranked; `None` when nothing is searchable.
pub fn match_expression(text: &str) -> Option<String> {
    let folded = crate::words::fold(text);
    let terms: Vec<String> = folded
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| !["de", "del", "la", "las", "el", "los", "con", "en", "y"].contains(w))
        .take(8)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_tolerate_accents_and_partial_words() {
        assert_eq!(
            match_expression("Núñez telecom").as_deref(),
            Some("\"nunez\"* OR \"telecom\"*")
        );
        assert_eq!(match_expression("de la").as_deref(), None);
        // Query syntax is never passed through: only quoted words remain.
        assert_eq!(match_expression("x\" OR *").as_deref(), Some("\"or\"*"));
    }
}
