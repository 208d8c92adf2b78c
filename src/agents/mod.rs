//! The desk's agents: who they are, when they work, how long users wait for
//! them, and the commands they give in their Telegram group.

mod hours;
pub mod routes;

use crate::protocol::Outcome;
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

pub use hours::{BusinessHours, HoursError};

use crate::protocol::Agents;
use crate::ticket::{Impact, Status, Urgency};

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
    /// `/mias`: the conversations the agent who asks is attending.
    Mine,
    /// `/nota texto`: an internal note on the conversation.
    Note(String),
    /// `/cerrar [primer|segundo]`: end the conversation with that outcome;
    /// without one the protocol decides (see `protocol::handoff`).
    Close(Option<Outcome>),
    /// `/liberar`: back to the queue.
    Release,
    /// `/ticket N`: show a ticket.
    ShowTicket(String),
    /// `/ticket <urgencia> <impacto>` in a conversation: open a ticket for it.
    OpenTicket { urgency: Urgency, impact: Impact },
    /// `/estado N <estado> [comentario]`.
    SetStatus {
        number: String,
        status: Status,
        comment: Option<String>,
    },
    /// `/asignar N <servicio o resolutor>`.
    Assign { number: String, target: String },
    /// `/prioridad N <urgencia> <impacto>`.
    Reassess {
        number: String,
        urgency: Urgency,
        impact: Impact,
    },
    /// `/indicadores [YYYY-MM]`: the month's indicators as text.
    Indicators(Option<String>),
    /// `/reporte [YYYY-MM]`: the month's workbook as a document.
    Report(Option<String>),
    /// `/faq texto` in a conversation: the knowledge base's best entries,
    /// each a button that sends its answer to the user.
    Faq(String),
    /// `/plantilla nombre` in a conversation: send a saved reply; without a
    /// name, the names there are.
    Template(Option<String>),
    /// `/pasar <grupo>` in a conversation: to another agents' group (a
    /// service's, or "general"); without one, the groups there are.
    Pass(Option<String>),
    /// A known command written wrongly: the usage line of that command.
    Usage(&'static str),
}

fn urgency(word: &str) -> Option<Urgency> {
    Urgency::parse(crate::words::fold(word).trim())
}

fn impact(word: &str) -> Option<Impact> {
    let folded = crate::words::fold(word);
    Impact::parse(folded.trim())
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
        let words: Vec<&str> = argument.split_whitespace().collect();
        let argument = (!argument.is_empty()).then(|| argument.to_owned());
        Some(match name.as_str() {
            "cola" | "queue" => AgentCommand::Queue,
            "mias" | "mías" | "mine" => AgentCommand::Mine,
            "nota" | "note" => match argument {
                Some(text) => AgentCommand::Note(text),
                None => AgentCommand::Usage("nota"),
            },
            "cerrar" | "close" => match words.first().map(|w| crate::words::fold(w)) {
                None => AgentCommand::Close(None),
                Some(word) => match word.trim() {
                    "primer" | "primero" | "1" | "first" => {
                        AgentCommand::Close(Some(Outcome::FirstLevel))
                    }
                    "segundo" | "2" | "second" => AgentCommand::Close(Some(Outcome::SecondLevel)),
                    _ => AgentCommand::Usage("cerrar"),
                },
            },
            "liberar" | "release" => AgentCommand::Release,
            "indicadores" | "indicators" => AgentCommand::Indicators(argument),
            "reporte" | "report" => AgentCommand::Report(argument),
            "faq" => match argument {
                Some(text) => AgentCommand::Faq(text),
                None => AgentCommand::Usage("faq"),
            },
            "plantilla" | "template" => AgentCommand::Template(argument),
            "pasar" | "pass" => AgentCommand::Pass(argument),
            "ticket" => match words.as_slice() {
                [number] => AgentCommand::ShowTicket((*number).to_owned()),
                [u, i] => match (urgency(u), impact(i)) {
                    (Some(urgency), Some(impact)) => AgentCommand::OpenTicket { urgency, impact },
                    _ => AgentCommand::Usage("ticket"),
                },
                _ => AgentCommand::Usage("ticket"),
            },
            "estado" | "status" => match words.as_slice() {
                [number, status, comment @ ..] => match Status::parse(status) {
                    Some(status) => AgentCommand::SetStatus {
                        number: (*number).to_owned(),
                        status,
                        comment: (!comment.is_empty()).then(|| comment.join(" ")),
                    },
                    None => AgentCommand::Usage("estado"),
                },
                _ => AgentCommand::Usage("estado"),
            },
            "asignar" | "assign" => match words.as_slice() {
                [number, target @ ..] if !target.is_empty() => AgentCommand::Assign {
                    number: (*number).to_owned(),
                    target: target.join(" "),
                },
                _ => AgentCommand::Usage("asignar"),
            },
            "prioridad" | "priority" => match words.as_slice() {
                [number, u, i] => match (urgency(u), impact(i)) {
                    (Some(urgency), Some(impact)) => AgentCommand::Reassess {
                        number: (*number).to_owned(),
                        urgency,
                        impact,
                    },
                    _ => AgentCommand::Usage("prioridad"),
                },
                _ => AgentCommand::Usage("prioridad"),
            },
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
            Some(
                "cola"
                    | "mias"
                    | "mías"
                    | "nota"
                    | "cerrar"
                    | "liberar"
                    | "ticket"
                    | "asignar"
                    | "prioridad"
                    | "indicadores"
                    | "reporte"
                    | "faq"
                    | "plantilla"
                    | "pasar"
            )
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_commands_are_parsed_with_their_arguments() {
        assert_eq!(AgentCommand::parse("/cola"), Some(AgentCommand::Queue));
        assert_eq!(AgentCommand::parse("/mías"), Some(AgentCommand::Mine));
        assert_eq!(
            AgentCommand::parse("/mias@mesabot"),
            Some(AgentCommand::Mine)
        );
        assert!(AgentCommand::is_agent_command("/mias"));
        assert_eq!(
            AgentCommand::parse("/cola@mesabot_bot"),
            Some(AgentCommand::Queue)
        );
        assert_eq!(
            AgentCommand::parse("/nota llamó dos veces"),
            Some(AgentCommand::Note("llamó dos veces".into()))
        );
        assert_eq!(
            AgentCommand::parse("/nota"),
            Some(AgentCommand::Usage("nota"))
        );
        assert_eq!(
            AgentCommand::parse("/ticket 12"),
            Some(AgentCommand::ShowTicket("12".into()))
        );
        assert_eq!(
            AgentCommand::parse("/ticket Crítica extenso"),
            Some(AgentCommand::OpenTicket {
                urgency: Urgency::Critica,
                impact: Impact::Extenso
            })
        );
        assert_eq!(
            AgentCommand::parse("/estado 12 en_proceso revisando el enlace"),
            Some(AgentCommand::SetStatus {
                number: "12".into(),
                status: Status::EnProceso,
                comment: Some("revisando el enlace".into())
            })
        );
        assert_eq!(
            AgentCommand::parse("/estado 12 volando"),
            Some(AgentCommand::Usage("estado"))
        );
        assert_eq!(
            AgentCommand::parse("/asignar 12 redes"),
            Some(AgentCommand::Assign {
                number: "12".into(),
                target: "redes".into()
            })
        );
        assert_eq!(
            AgentCommand::parse("/prioridad 12 alta moderado"),
            Some(AgentCommand::Reassess {
                number: "12".into(),
                urgency: Urgency::Alta,
                impact: Impact::Moderado
            })
        );
        assert_eq!(
            AgentCommand::parse("/cerrar segundo"),
            Some(AgentCommand::Close(Some(Outcome::SecondLevel)))
        );
        assert_eq!(
            AgentCommand::parse("/cerrar"),
            Some(AgentCommand::Close(None))
        );
        assert_eq!(AgentCommand::parse("/liberar"), Some(AgentCommand::Release));
        assert_eq!(
            AgentCommand::parse("/faq no imprime"),
            Some(AgentCommand::Faq("no imprime".into()))
        );
        assert_eq!(
            AgentCommand::parse("/faq"),
            Some(AgentCommand::Usage("faq"))
        );
        assert_eq!(
            AgentCommand::parse("/plantilla bienvenida"),
            Some(AgentCommand::Template(Some("bienvenida".into())))
        );
        assert_eq!(
            AgentCommand::parse("/plantilla"),
            Some(AgentCommand::Template(None))
        );
        assert_eq!(AgentCommand::parse("hola"), None);
        assert!(AgentCommand::is_agent_command("/cola"));
        assert!(!AgentCommand::is_agent_command("/ayuda"));
    }
}
