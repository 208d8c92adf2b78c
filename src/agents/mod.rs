//! The desk's agents: who they are, when they work, how long users wait for
//! them, and the commands they give in their Telegram group.

mod hours;

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

pub use hours::{BusinessHours, HoursError};

use crate::protocol::Agents;

/// How handing over to agents behaves.
#[derive(Clone, Debug)]
pub struct AgentSettings {
    /// The agents' Telegram group (`AGENT_CHAT_ID`); `None`: no agents.
    pub group_chat_id: Option<i64>,
    /// Rule 6: a hold message every this often (20-30 s).
    pub hold_interval: Duration,
    /// Nobody took it in this time: offer a ticket instead.
    pub wait_limit: Duration,
    /// Tell the group when someone waits longer than this.
    pub alert_after: Duration,
    /// `None`: agents answer at any hour.
    pub hours: Option<BusinessHours>,
}

impl AgentSettings {
    pub fn none() -> AgentSettings {
        AgentSettings {
            group_chat_id: None,
            hold_interval: Duration::from_secs(30),
            wait_limit: Duration::from_secs(5 * 60),
            alert_after: Duration::from_secs(60),
            hours: None,
        }
    }

    pub fn availability(&self, now: DateTime<Utc>, tz: Tz) -> Agents {
        match (&self.group_chat_id, &self.hours) {
            (None, _) => Agents::NotConfigured,
            (Some(_), Some(hours)) if !hours.is_open(now, tz) => Agents::OutOfHours,
            (Some(_), _) => Agents::Available,
        }
    }
}

/// An agent, as known in the group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    pub user_id: i64,
    pub name: String,
}

/// What an agent asks of the bot in the group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgentCommand {
    /// `/cola`: the waiting conversations, oldest first.
    Queue,
    /// `/nota texto`: an internal note on the conversation.
    Note(String),
    /// `/cerrar [primer|segundo]`: end the conversation with that outcome.
    Close(Option<String>),
    /// `/liberar`: back to the queue.
    Release,
}

impl AgentCommand {
    /// Parses a group message; `None` when it is not an agent command.
    pub fn parse(text: &str) -> Option<AgentCommand> {
        let rest = text.trim_start().strip_prefix('/')?;
        let (word, argument) = match rest.split_once(char::is_whitespace) {
            Some((word, argument)) => (word, argument.trim()),
            None => (rest, ""),
        };
        let name = word.split('@').next().unwrap_or(word).to_lowercase();
        let argument = (!argument.is_empty()).then(|| argument.to_owned());
        Some(match name.as_str() {
            "cola" | "queue" => AgentCommand::Queue,
            "nota" | "note" => AgentCommand::Note(argument?),
            "cerrar" | "close" => AgentCommand::Close(argument),
            "liberar" | "release" => AgentCommand::Release,
            _ => return None,
        })
    }

    /// Names of agent commands, to recognise (and refuse) them outside the group.
    pub fn is_agent_command(text: &str) -> bool {
        let word = text
            .trim_start()
            .strip_prefix('/')
            .and_then(|r| r.split_whitespace().next());
        let name = word.map(|w| w.split('@').next().unwrap_or(w).to_lowercase());
        matches!(
            name.as_deref(),
            Some("cola" | "nota" | "cerrar" | "liberar" | "ticket" | "asignar" | "prioridad")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_commands_are_parsed_with_their_arguments() {
        assert_eq!(AgentCommand::parse("/cola"), Some(AgentCommand::Queue));
        assert_eq!(
            AgentCommand::parse("/cola@mesabot_bot"),
            Some(AgentCommand::Queue)
        );
        assert_eq!(
            AgentCommand::parse("/nota llamó dos veces"),
            Some(AgentCommand::Note("llamó dos veces".into()))
        );
        assert_eq!(AgentCommand::parse("/nota"), None, "a note needs text");
        assert_eq!(
            AgentCommand::parse("/cerrar segundo"),
            Some(AgentCommand::Close(Some("segundo".into())))
        );
        assert_eq!(
            AgentCommand::parse("/cerrar"),
            Some(AgentCommand::Close(None))
        );
        assert_eq!(AgentCommand::parse("/liberar"), Some(AgentCommand::Release));
        assert_eq!(AgentCommand::parse("hola"), None);
        assert!(AgentCommand::is_agent_command("/cola"));
        assert!(!AgentCommand::is_agent_command("/ayuda"));
    }
}
