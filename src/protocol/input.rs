//! What a user can send: text, a pressed button (a [`Choice`]) or a command.
//! Button data and commands are parsed here, once, at the edge.

use serde::{Deserialize, Serialize};

/// An option of the main menu (protocol, op 2: "¿Qué tipo de solicitud requiere?").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MenuOption {
    Support,
    TicketStatus,
    Contact,
    OtherMatter,
}

/// A button the bot offered. Its data travels through Telegram as a short string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Choice {
    Menu(MenuOption),
    /// An FAQ entry offered as an alternative answer.
    Faq(i64),
    /// "¿Se resolvió su problema?"
    Solved(bool),
    /// "¿Hay algo más en que pueda ayudarle?"
    MoreHelp(bool),
    /// The user asks for second-level support (a ticket).
    SecondLevel,
}

impl Choice {
    /// The callback data sent with the button (at most 64 bytes in Telegram).
    pub fn data(self) -> String {
        match self {
            Choice::Menu(MenuOption::Support) => "menu:support".into(),
            Choice::Menu(MenuOption::TicketStatus) => "menu:status".into(),
            Choice::Menu(MenuOption::Contact) => "menu:contact".into(),
            Choice::Menu(MenuOption::OtherMatter) => "menu:other".into(),
            Choice::Faq(id) => format!("faq:{id}"),
            Choice::Solved(yes) => format!("solved:{}", yes_no(yes)),
            Choice::MoreHelp(yes) => format!("more:{}", yes_no(yes)),
            Choice::SecondLevel => "ticket:new".into(),
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
            ("faq", id) => id.parse().ok().filter(|id| *id > 0).map(Choice::Faq),
            ("solved", answer) => parse_yes_no(answer).map(Choice::Solved),
            ("more", answer) => parse_yes_no(answer).map(Choice::MoreHelp),
            ("ticket", "new") => Some(Choice::SecondLevel),
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
    Unknown(String),
}

impl Command {
    /// Parses "/ayuda", "/start@mesabot_bot", "/cancelar ahora"...; `None` when
    /// the text is not a command.
    pub fn parse(text: &str) -> Option<Command> {
        let word = text
            .trim_start()
            .strip_prefix('/')?
            .split_whitespace()
            .next()?;
        let name = word.split('@').next().unwrap_or(word).to_lowercase();
        Some(match name.as_str() {
            "start" | "inicio" | "menu" | "menú" => Command::Start,
            "ayuda" | "help" => Command::Help,
            "cancelar" | "cancel" => Command::Cancel,
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
    /// A sticker, voice note, location... that the bot cannot read yet.
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

    /// How the input is kept in the transcript.
    pub fn transcript(&self) -> String {
        match self {
            UserInput::Text(text) => text.clone(),
            UserInput::Choice(choice) => format!("[{}]", choice.data()),
            UserInput::Command(Command::Start) => "/start".into(),
            UserInput::Command(Command::Help) => "/ayuda".into(),
            UserInput::Command(Command::Cancel) => "/cancelar".into(),
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
            Choice::Faq(42),
            Choice::Solved(true),
            Choice::Solved(false),
            Choice::MoreHelp(true),
            Choice::MoreHelp(false),
            Choice::SecondLevel,
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
        assert_eq!(Command::parse("hola /ayuda"), None);
        assert_eq!(Command::parse("/"), None);
    }
}
