//! Every parser of user input, fed arbitrary text: none panics, and what
//! parses comes back the same when written out and parsed again.
//!
//! The suite runs 2,000 inputs per parser. The documented fuzzing run is
//! `PROPTEST_CASES=100000 cargo test --release --test parsers_fuzz`
//! (100,000 inputs per parser; see the README).

use mesabot::agents::AgentCommand;
use mesabot::contact::{Email, FullName, Phone};
use mesabot::protocol::{Choice, Command, UserInput};
use mesabot::report::Month;
use mesabot::ticket::TicketNumber;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    // PROPTEST_CASES, when set, overrides this.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text a user might send: anything printable or not, near-valid values,
/// right-to-left scripts, emoji, control characters, very long lines.
fn user_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        "[a-zA-Z0-9._%+-]{0,20}@[a-zA-Z0-9.-]{0,20}\\.[a-z]{0,5}",
        "[0-9 ()+.extEXT-]{0,30}",
        "(MESA-|#|No\\. ?|núm\\. ?)?[0-9]{0,14}",
        "/[a-zA-Z_]{0,12}( [\\PC]{0,20}){0,3}",
        "[0-9]{0,5}-[0-9]{0,3}",
        "[\\u{0600}-\\u{06FF}\\u{0590}-\\u{05FF} ]{0,30}",
        "[\\u{1F300}-\\u{1FAFF}\\u{200B}-\\u{200F}\\u{202A}-\\u{202E}]{0,20}",
        "[\\x00-\\x1f\\x7f]{0,20}",
        (any::<char>(), 3000usize..4200).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
        Just("'; DROP TABLE tickets; --".to_owned()),
        Just("<b>x</b> *y* _z_ [a](http://b) `c`".to_owned()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn emails(text in user_text()) {
        if let Ok(email) = Email::parse(&text) {
            prop_assert_eq!(Email::parse(email.as_str()).ok(), Some(email));
        }
    }

    #[test]
    fn phones(text in user_text()) {
        if let Ok(phone) = Phone::parse(&text) {
            let again = Phone::parse(&phone.to_string());
            prop_assert_eq!(again.map(|p| p.e164()).ok(), Some(phone.e164()));
        }
    }

    #[test]
    fn names(text in user_text()) {
        if let Ok(name) = FullName::parse(&text) {
            prop_assert_eq!(FullName::parse(name.as_str()).ok(), Some(name));
        }
    }

    #[test]
    fn ticket_numbers(text in user_text(), prefix in prop_oneof![Just(""), Just("MESA-"), Just("ñ-")]) {
        if let Some(number) = TicketNumber::parse(&text, prefix) {
            prop_assert!(number.value() > 0);
            prop_assert_eq!(TicketNumber::parse(&number.display(prefix), prefix), Some(number));
        }
    }

    #[test]
    fn months(text in user_text()) {
        if let Ok(month) = Month::parse(&text) {
            prop_assert_eq!(Month::parse(&month.label()).ok(), Some(month));
        }
    }

    #[test]
    fn commands_and_free_text(text in user_text()) {
        // Whatever it is, it becomes some input; commands keep their meaning.
        let input = UserInput::from_text(&text);
        if let Some(command) = Command::parse(&text) {
            prop_assert_eq!(input, UserInput::Command(command));
        }
        let _ = AgentCommand::parse(&text);
        let _ = AgentCommand::is_agent_command(&text);
    }

    #[test]
    fn button_data(text in user_text()) {
        // Data crafted by a client: ours round-trips, anything else is refused.
        if let Some(choice) = Choice::parse(&text) {
            prop_assert_eq!(Choice::parse(&choice.data()), Some(choice));
            prop_assert!(choice.data().len() <= 64, "Telegram's limit for callback data");
        }
    }
}
