//! What a user can send: text, a pressed button (a [`Choice`]) or a command.
//! Button data and commands are parsed here, once, at the edge.

use serde::{Deserialize, Serialize};

use super::ticket_draft::{Attachment, Field};
use crate::ticket::{Impact, Kind, Urgency};

/// An option of the main menu (protocol, op 2: what kind of request it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MenuOption {
    Support,
    TicketStatus,
    Contact,
    OtherMatter,
    /// "Hablar con un agente".
    Agent,
}

/// A button the bot offered. Its data travels through Telegram as a short string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Menu(MenuOption),
    /// An FAQ entry offered as an alternative answer.
    Faq(i64),
    /// The answer to "did this solve it?" (`faq-resolved-ask`).
    Solved(bool),
    /// The answer to "anything else?" (`anything-else`, rule 7).
    MoreHelp(bool),
    /// The user asks for second-level support (a ticket).
    SecondLevel,
    /// The user prefers a person (offered where the bot could not help).
    TalkToAgent,
    /// The privacy notice accepted or declined.
    Privacy(bool),
    Kind(Kind),
    /// A service of the catalogue, by id.
    Service(i64),
    /// Nothing more to add to the problem's detail.
    DetailDone,
    /// The answer to "same contact details as last time?" (`ticket-contact-on-file`).
    UseContactOnFile(bool),
    Impact(Impact),
    Urgency(Urgency),
    /// Keep the value already given for the current question.
    Keep,
    /// One step back in the wizard.
    Back,
    CancelTicket,
    CreateTicket,
    /// Correct one field from the summary.
    Edit(Field),
    /// "Tomar", on a card in the agents' group: only agents' presses count.
    Take(i64),
    /// A directory entry to transfer to.
    Directory(i64),
    /// A transfer to someone inside (op 11).
    ContactInside,
    /// A call to the outside (op 14).
    CallOutside,
    /// Op 20: the user has another number.
    CallOtherNumber,
    /// Op 21: try again later.
    CallLater,
    /// Op 24: no need to call again.
    CallNotNeeded,
    /// Try again in this many minutes.
    RetryIn(u16),
    /// An agent's report on a call attempt (in the agents' group only).
    CallReport {
        attempt: i64,
        answered: bool,
    },
    /// An FAQ entry `/faq` offered an agent, to send to the user of a
    /// conversation (in the agents' group only).
    SendFaq {
        handoff: i64,
        entry: i64,
    },
    /// The answer to `satisfaction-ask`, 1 to 5, for a conversation.
    Rate {
        conversation: i64,
        score: u8,
    },
}

impl Choice {
    /// The callback data sent with the button (at most 64 bytes in Telegram).
    pub fn data(self) -> String {
        match self {
            Choice::Menu(MenuOption::Support) => "menu:support".into(),
            Choice::Menu(MenuOption::TicketStatus) => "menu:status".into(),
            Choice::Menu(MenuOption::Contact) => "menu:contact".into(),
            Choice::Menu(MenuOption::OtherMatter) => "menu:other".into(),
            Choice::Menu(MenuOption::Agent) => "menu:agent".into(),
            Choice::TalkToAgent => "agent:ask".into(),
            Choice::Faq(id) => format!("faq:{id}"),
            Choice::Solved(yes) => format!("solved:{}", yes_no(yes)),
            Choice::MoreHelp(yes) => format!("more:{}", yes_no(yes)),
            Choice::SecondLevel => "ticket:new".into(),
            Choice::Privacy(yes) => format!("privacy:{}", yes_no(yes)),
            Choice::Kind(kind) => format!("kind:{}", kind.as_str()),
            Choice::Service(id) => format!("svc:{id}"),
            Choice::DetailDone => "detail:done".into(),
            Choice::UseContactOnFile(yes) => format!("contact:{}", yes_no(yes)),
            Choice::Impact(impact) => format!("impact:{}", impact.as_str()),
            Choice::Urgency(urgency) => format!("urgency:{}", urgency.as_str()),
            Choice::Keep => "keep:".into(),
            Choice::Back => "back:".into(),
            Choice::CancelTicket => "ticket:cancel".into(),
            Choice::CreateTicket => "ticket:create".into(),
            Choice::Edit(field) => format!("edit:{}", field.as_str()),
            Choice::Take(handoff) => format!("take:{handoff}"),
            Choice::Directory(id) => format!("dir:{id}"),
            Choice::ContactInside => "reach:inside".into(),
            Choice::CallOutside => "reach:outside".into(),
            Choice::CallOtherNumber => "call:other".into(),
            Choice::CallLater => "call:later".into(),
            Choice::CallNotNeeded => "call:none".into(),
            Choice::RetryIn(minutes) => format!("retry:{minutes}"),
            Choice::CallReport { attempt, answered } => {
                format!("report:{attempt}:{}", yes_no(answered))
            }
            Choice::SendFaq { handoff, entry } => format!("send:{handoff}:{entry}"),
            Choice::Rate {
                conversation,
                score,
            } => format!("rate:{conversation}:{score}"),
        }
    }

    /// Parses callback data; anything not produced by [`Choice::data`] is `None`.
    pub fn parse(data: &str) -> Option<Choice> {
        let (kind, value) = data.split_once(':')?;
        match (kind, value) {
            ("menu", "support") => Some(Choice::Menu(MenuOption::Support)),
            ("menu", "status") => Some(Choice::Menu(MenuOption::TicketStatus)),
            ("menu", "contact") => Some(Choice::Menu(MenuOption::Contact)),
            ("menu", "other") => Some(Choice::Menu(MenuOption::OtherMatter)),
            ("menu", "agent") => Some(Choice::Menu(MenuOption::Agent)),
            ("agent", "ask") => Some(Choice::TalkToAgent),
            ("faq", id) => id.parse().ok().filter(|id| *id > 0).map(Choice::Faq),
            ("solved", answer) => parse_yes_no(answer).map(Choice::Solved),
            ("more", answer) => parse_yes_no(answer).map(Choice::MoreHelp),
            ("ticket", "new") => Some(Choice::SecondLevel),
            ("ticket", "cancel") => Some(Choice::CancelTicket),
            ("ticket", "create") => Some(Choice::CreateTicket),
            ("privacy", answer) => parse_yes_no(answer).map(Choice::Privacy),
            ("kind", kind) => Kind::parse(kind).map(Choice::Kind),
            ("svc", id) => id.parse().ok().filter(|id| *id > 0).map(Choice::Service),
            ("detail", "done") => Some(Choice::DetailDone),
            ("contact", answer) => parse_yes_no(answer).map(Choice::UseContactOnFile),
            ("impact", impact) => Impact::parse(impact).map(Choice::Impact),
            ("urgency", urgency) => Urgency::parse(urgency).map(Choice::Urgency),
            ("keep", "") => Some(Choice::Keep),
            ("back", "") => Some(Choice::Back),
            ("edit", field) => Field::parse(field).map(Choice::Edit),
            ("take", id) => id.parse().ok().filter(|id| *id > 0).map(Choice::Take),
            ("dir", id) => id.parse().ok().filter(|id| *id > 0).map(Choice::Directory),
            ("reach", "inside") => Some(Choice::ContactInside),
            ("reach", "outside") => Some(Choice::CallOutside),
            ("call", "other") => Some(Choice::CallOtherNumber),
            ("call", "later") => Some(Choice::CallLater),
            ("call", "none") => Some(Choice::CallNotNeeded),
            ("retry", minutes) => minutes.parse().ok().filter(|m| *m > 0).map(Choice::RetryIn),
            ("rate", rest) => {
                let (conversation, score) = rest.split_once(':')?;
                Some(Choice::Rate {
                    conversation: conversation.parse().ok().filter(|id: &i64| *id > 0)?,
                    score: score.parse().ok().filter(|s| (1..=5).contains(s))?,
                })
            }
            ("send", rest) => {
                let (handoff, entry) = rest.split_once(':')?;
                Some(Choice::SendFaq {
                    handoff: handoff.parse().ok().filter(|id: &i64| *id > 0)?,
                    entry: entry.parse().ok().filter(|id: &i64| *id > 0)?,
                })
            }
            ("report", rest) => {
                let (attempt, answer) = rest.split_once(':')?;
                Some(Choice::CallReport {
                    attempt: attempt.parse().ok().filter(|id: &i64| *id > 0)?,
                    answered: parse_yes_no(answer)?,
                })
            }
            _ => None,
        }
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

fn parse_yes_no(value: &str) -> Option<bool> {
    match value {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The bot's commands. The Spanish names are the ones users see; the English
/// ones are accepted too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Start,
    Help,
    Cancel,
    /// One step back in the ticket wizard.
    Back,
    /// `/estado [número]`: the status of a ticket.
    Status(Option<String>),
    Unknown(String),
}

impl Command {
    /// Parses "/ayuda", "/start@mesabot_bot", "/cancelar ahora"...; `None` when
    /// the text is not a command.
    pub fn parse(text: &str) -> Option<Command> {
        let mut words = text.trim_start().strip_prefix('/')?.split_whitespace();
        let word = words.next()?;
        let name = word.split('@').next().unwrap_or(word).to_lowercase();
        let argument = words.collect::<Vec<_>>().join(" ");
        Some(match name.as_str() {
            "start" | "inicio" | "menu" | "menú" => Command::Start,
            "ayuda" | "help" => Command::Help,
            "cancelar" | "cancel" => Command::Cancel,
            "atras" | "atrás" | "back" => Command::Back,
            "estado" | "status" => Command::Status((!argument.is_empty()).then_some(argument)),
            _ => Command::Unknown(name),
        })
    }
}

/// Everything a user can send, as the front doors deliver it.
#[derive(Clone, Debug, PartialEq)]
pub enum UserInput {
    Text(String),
    Choice(Choice),
    Command(Command),
    /// A photo or document (a screenshot of the error, say).
    Attachment(Attachment),
    /// A sticker, voice note, location... that the bot cannot read.
    Unsupported,
}

impl UserInput {
    /// A typed message: a command when it starts with "/", text otherwise.
    pub fn from_text(text: &str) -> UserInput {
        match Command::parse(text) {
            Some(command) => UserInput::Command(command),
            None => UserInput::Text(text.to_owned()),
        }
    }

    /// The input as every database can keep it ([`crate::words::storable`]).
    pub fn storable(self) -> UserInput {
        match self {
            UserInput::Text(text) => UserInput::Text(crate::words::storable(text)),
            other => other,
        }
    }

    /// How the input is kept in the transcript.
    pub fn transcript(&self) -> String {
        match self {
            UserInput::Text(text) => text.clone(),
            UserInput::Choice(choice) => format!("[{}]", choice.data()),
            UserInput::Command(Command::Start) => "/start".into(),
            UserInput::Command(Command::Help) => "/ayuda".into(),
            UserInput::Command(Command::Cancel) => "/cancelar".into(),
            UserInput::Command(Command::Back) => "/atras".into(),
            UserInput::Command(Command::Status(None)) => "/estado".into(),
            UserInput::Command(Command::Status(Some(number))) => format!("/estado {number}"),
            UserInput::Attachment(a) => format!("[{}: {}]", a.kind.as_str(), a.file_id),
            UserInput::Command(Command::Unknown(name)) => format!("/{name}"),
            UserInput::Unsupported => "[unsupported message]".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_survives_its_callback_data() {
        let choices = [
            Choice::Menu(MenuOption::Support),
            Choice::Menu(MenuOption::TicketStatus),
            Choice::Menu(MenuOption::Contact),
            Choice::Menu(MenuOption::OtherMatter),
            Choice::Menu(MenuOption::Agent),
            Choice::TalkToAgent,
            Choice::Faq(42),
            Choice::Solved(true),
            Choice::Solved(false),
            Choice::MoreHelp(true),
            Choice::MoreHelp(false),
            Choice::SecondLevel,
            Choice::Privacy(true),
            Choice::Privacy(false),
            Choice::Kind(Kind::Incidente),
            Choice::Kind(Kind::Requerimiento),
            Choice::Service(7),
            Choice::DetailDone,
            Choice::UseContactOnFile(true),
            Choice::UseContactOnFile(false),
            Choice::Impact(Impact::Significativo),
            Choice::Urgency(Urgency::Critica),
            Choice::Keep,
            Choice::Back,
            Choice::CancelTicket,
            Choice::CreateTicket,
            Choice::Edit(Field::Phone),
            Choice::Take(3),
            Choice::Directory(4),
            Choice::ContactInside,
            Choice::CallOutside,
            Choice::CallOtherNumber,
            Choice::CallLater,
            Choice::CallNotNeeded,
            Choice::RetryIn(60),
            Choice::CallReport {
                attempt: 9,
                answered: false,
            },
            Choice::Rate {
                conversation: 12,
                score: 5,
            },
        ];
        for choice in choices {
            assert!(choice.data().len() <= 64);
            assert_eq!(Choice::parse(&choice.data()), Some(choice));
        }
    }

    #[test]
    fn forged_or_garbled_data_is_rejected() {
        for data in [
            "",
            "menu",
            "menu:x",
            "faq:-1",
            "faq:abc",
            "solved:maybe",
            "x:yes",
            "svc:0",
            "kind:otro",
            "edit:password",
            "impact:",
            "keep:x",
        ] {
            assert_eq!(Choice::parse(data), None, "{data}");
        }
    }

    #[test]
    fn commands_accept_bot_suffix_arguments_and_english_names() {
        assert_eq!(Command::parse("/start@mesabot_bot"), Some(Command::Start));
        assert_eq!(Command::parse("/AYUDA"), Some(Command::Help));
        assert_eq!(Command::parse("/cancel now"), Some(Command::Cancel));
        assert_eq!(Command::parse("/foo"), Some(Command::Unknown("foo".into())));
        assert_eq!(
            Command::parse("/estado MESA-12"),
            Some(Command::Status(Some("MESA-12".into())))
        );
        assert_eq!(Command::parse("/estado"), Some(Command::Status(None)));
        assert_eq!(Command::parse("hola /ayuda"), None);
        assert_eq!(Command::parse("/"), None);
    }
}
