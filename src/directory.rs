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

/// Words too common in names and areas to search by ("Dirección de …").
const NOT_SEARCHED: [&str; 9] = ["de", "del", "la", "las", "el", "los", "con", "en", "y"];
/// A word in the name says more about whom the person asked for than one in
/// the area.
const NAME_WEIGHT: f64 = 2.0;
const AREA_WEIGHT: f64 = 1.0;

/// The words of a name or area as typed that are searched: folded (accents
/// and case), two letters or more, at most eight.
pub fn search_words(text: &str) -> Vec<String> {
    crate::words::fold(text)
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| !NOT_SEARCHED.contains(w))
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// The entries that match a name or area as typed, best first: every word
/// is a prefix of a word of the name or the area ("telecom" finds
/// "Telecomunicaciones"), rarer words count more (BM25's idf), and the
/// name counts twice the area. Done in the process so it works alike on
/// every database.
pub fn rank<'a, T>(
    entries: &'a [T],
    text: &str,
    name_and_area: impl Fn(&T) -> (&str, &str),
    limit: usize,
) -> Vec<&'a T> {
    let words = search_words(text);
    if words.is_empty() {
        return Vec::new();
    }
    let folded: Vec<(Vec<String>, Vec<String>)> = entries
        .iter()
        .map(|entry| {
            let (name, area) = name_and_area(entry);
            let split = |s: &str| {
                crate::words::fold(s)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect()
            };
            (split(name), split(area))
        })
        .collect();
    let has = |tokens: &[String], word: &str| tokens.iter().any(|t| t.starts_with(word));
    let total = entries.len() as f64;
    let mut scored: Vec<(f64, usize)> = Vec::new();
    let idf: Vec<f64> = words
        .iter()
        .map(|word| {
            let found = folded
                .iter()
                .filter(|(name, area)| has(name, word) || has(area, word))
                .count() as f64;
            (1.0 + (total - found + 0.5) / (found + 0.5)).ln()
        })
        .collect();
    for (position, (name, area)) in folded.iter().enumerate() {
        let score: f64 = words
            .iter()
            .zip(&idf)
            .map(|(word, idf)| {
                let mut weight = 0.0;
                if has(name, word) {
                    weight += NAME_WEIGHT;
                }
                if has(area, word) {
                    weight += AREA_WEIGHT;
                }
                weight * idf
            })
            .sum();
        if score > 0.0 {
            scored.push((score, position));
        }
    }
    // Best first; ties keep the directory's order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, position)| &entries[position])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_tolerate_accents_and_partial_words() {
        let entries = [
            (
                "Patricia Núñez Vega",
                "Departamento de Redes y Telecomunicaciones",
            ),
            ("Laura Méndez Ortega", "Dirección de Correo"),
            ("Rosa Castillo", "Departamento de Soporte Técnico"),
        ];
        let found = |text: &str| -> Vec<&str> {
            rank(&entries, text, |e| (e.0, e.1), 5)
                .into_iter()
                .map(|e| e.0)
                .collect()
        };
        assert_eq!(found("nunez telecom"), ["Patricia Núñez Vega"]);
        assert_eq!(found("TÉCNICO"), ["Rosa Castillo"]);
        assert!(found("de la").is_empty());
        // Query syntax means nothing: only words are compared.
        assert!(found("x\" * (").is_empty());
        assert_eq!(found("\"rosa\"*"), ["Rosa Castillo"]);
        // A word in the name counts more than one in the area.
        let people = [("Ana Correa", "Finanzas"), ("Luis Paz", "Correo")];
        let first = rank(&people, "corre", |e| (e.0, e.1), 5)[0];
        assert_eq!(first.0, "Ana Correa");
    }
}
