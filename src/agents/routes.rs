//! Routing by service: a service of the catalogue can have its own agents'
//! group, where its conversations go; the rest go to the general group
//! (`AGENT_CHAT_ID`). Data the desk edits (`mesabot route set|list|remove|
//! export|import`), and what an agent names with `/pasar <grupo>`.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// A Telegram group's chat id: groups and supergroups have negative ids
/// (a private chat's is positive), so a user's id given by mistake is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupChatId(i64);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RouteError {
    #[error(
        "«{0}» is not a Telegram group's chat id: groups have negative ids, such as -1001234567890"
    )]
    NotAGroup(String),
    #[error("the service «{0}» appears twice")]
    Repeated(String),
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
}

impl GroupChatId {
    pub fn parse(raw: &str) -> Result<GroupChatId, RouteError> {
        match raw.trim().parse::<i64>() {
            Ok(id) => GroupChatId::new(id),
            Err(_) => Err(RouteError::NotAGroup(raw.trim().to_owned())),
        }
    }

    pub fn new(id: i64) -> Result<GroupChatId, RouteError> {
        if id < 0 {
            Ok(GroupChatId(id))
        } else {
            Err(RouteError::NotAGroup(id.to_string()))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for GroupChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A service's group, as the desk wrote it: `service` is the catalogue's
/// code or name, resolved against the catalogue when it is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub service: String,
    pub group: GroupChatId,
}

/// A route as stored: the service's code and name, and its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRoute {
    pub code: String,
    pub name: String,
    pub group: GroupChatId,
}

impl ServiceRoute {
    /// Whether an agent's `/pasar <words>` names this route's service: its
    /// code, or words of its name, accents and case aside ("red", "redes",
    /// "Red e internet", "correo").
    pub fn is_named_by(&self, words: &str) -> bool {
        let asked = crate::words::fold(words.trim());
        let code = crate::words::fold(&self.code);
        if asked.chars().count() < 3 {
            return !asked.is_empty() && code == asked;
        }
        let name = crate::words::fold(&self.name);
        code == asked
            || asked.starts_with(&code)
            || name.starts_with(&asked)
            || name.split_whitespace().any(|word| {
                word.chars().count() >= 3 && (asked.starts_with(word) || word.starts_with(&asked))
            })
    }
}

/// The file `route export` writes and `route import` reads.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteFile {
    #[serde(default, rename = "route")]
    routes: Vec<RouteRow>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteRow {
    service: String,
    group: i64,
}

const FILE_HEADER: &str = "# Grupos de agentes por servicio: un [[route]] por servicio del catálogo.\n\
# Las conversaciones de ese servicio van a ese grupo; las demás, al grupo general (AGENT_CHAT_ID).\n\
# Agents' groups by service: one [[route]] per catalogue service (its code or name).\n\n";

/// Reads a routes file, every entry checked: the first bad one is named.
pub fn read_file(path: &Path) -> Result<Vec<Route>, RouteError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RouteError::Read {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    parse_file(&text, &shown)
}

pub fn parse_file(text: &str, shown: &str) -> Result<Vec<Route>, RouteError> {
    let file: RouteFile = toml::from_str(text).map_err(|e| RouteError::Syntax {
        path: shown.to_owned(),
        message: e.to_string(),
    })?;
    let mut routes: Vec<Route> = Vec::with_capacity(file.routes.len());
    for (n, row) in file.routes.into_iter().enumerate() {
        let at = |error: RouteError| RouteError::Syntax {
            path: shown.to_owned(),
            message: format!("route {}: {error}", n + 1),
        };
        let group = GroupChatId::new(row.group).map_err(at)?;
        let service = row.service.trim().to_owned();
        let folded = crate::words::fold(&service);
        if routes
            .iter()
            .any(|r| crate::words::fold(&r.service) == folded)
        {
            return Err(at(RouteError::Repeated(service)));
        }
        routes.push(Route { service, group });
    }
    Ok(routes)
}

/// The file for `routes`, ready to edit and import again.
pub fn to_file(routes: &[ServiceRoute]) -> String {
    let file = RouteFile {
        routes: routes
            .iter()
            .map(|r| RouteRow {
                service: r.code.clone(),
                group: r.group.get(),
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&file).unwrap_or_default();
    format!("{FILE_HEADER}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn red() -> ServiceRoute {
        ServiceRoute {
            code: "red".into(),
            name: "Red e internet".into(),
            group: GroupChatId(-100_222),
        }
    }

    #[test]
    fn only_negative_ids_are_groups() {
        assert_eq!(
            GroupChatId::parse(" -1001 ").map(GroupChatId::get),
            Ok(-1001)
        );
        assert!(matches!(
            GroupChatId::parse("12345"),
            Err(RouteError::NotAGroup(_))
        ));
        assert!(matches!(
            GroupChatId::parse("grupo"),
            Err(RouteError::NotAGroup(_))
        ));
    }

    #[test]
    fn an_agent_names_a_service_by_its_code_or_its_words() {
        for words in ["red", "Redes", "RED E INTERNET", "internet", "red e"] {
            assert!(red().is_named_by(words), "{words}");
        }
        for words in ["", "correo", "re", "telefonía"] {
            assert!(!red().is_named_by(words), "{words}");
        }
    }

    #[test]
    fn a_file_round_trips_and_a_bad_entry_is_named() {
        let text = to_file(&[red()]);
        let read = parse_file(&text, "rutas.toml").expect("its own export reads back");
        assert_eq!(
            read,
            vec![Route {
                service: "red".into(),
                group: GroupChatId(-100_222)
            }]
        );
        let bad = "[[route]]\nservice = \"red\"\ngroup = -1\n\n[[route]]\nservice = \"correo\"\ngroup = 42\n";
        let error = parse_file(bad, "rutas.toml").expect_err("a user's id");
        assert!(error.to_string().contains("route 2"), "{error}");
        let twice = "[[route]]\nservice = \"red\"\ngroup = -1\n\n[[route]]\nservice = \"Red\"\ngroup = -2\n";
        let error = parse_file(twice, "rutas.toml").expect_err("twice");
        assert!(error.to_string().contains("twice"), "{error}");
    }
}
