//! Operation 2 of the procedure: "escucha la solicitud y determina qué tipo
//! de solicitud requiere". What a person wrote is read against the desk's
//! phrase files ([`Phrasebook`], data the desk edits) into a [`Reading`]: the
//! request (a person, a transfer, a ticket, a status, a call outside, a matter
//! of another office), small talk (greeting, thanks, goodbye, yes, no) or a
//! question for the FAQ. Pure: no I/O; the protocol decides what to do with
//! the reading at each step.
//!
//! Rules, in order: a request wins over everything else unless a negation
//! stands just before it in the same clause ("no quiero hablar con nadie");
//! two requests of the same strength are a question to the user, not a
//! guess; words beyond the phrases make the message a question for the FAQ
//! ("gracias, pero sigue sin imprimir" is not a goodbye); what is left is
//! small talk.

pub mod evaluate;
mod intent_kind;
mod matching;
mod phrasebook;

pub use intent_kind::IntentKind;
pub use phrasebook::{Phrasebook, PhrasebookError};

use crate::locale::Locale;
use crate::words::{self, Stemmers};

/// What the message asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    Greeting,
    Thanks,
    Goodbye,
    Yes,
    No,
    Help,
    Menu,
    Cancel,
    /// A person of the desk (an agent).
    Agent,
    /// Someone inside by name or area; `None` when not named yet.
    Transfer {
        target: Option<String>,
    },
    CallOutside,
    Ticket,
    Status,
    /// A matter of another government office (policy 1).
    OutOfScope,
    /// Anything else: a question for the knowledge base.
    Question,
}

impl Intent {
    pub fn kind(&self) -> Option<IntentKind> {
        Some(match self {
            Intent::Greeting => IntentKind::Greeting,
            Intent::Thanks => IntentKind::Thanks,
            Intent::Goodbye => IntentKind::Goodbye,
            Intent::Yes => IntentKind::Yes,
            Intent::No => IntentKind::No,
            Intent::Help => IntentKind::Help,
            Intent::Menu => IntentKind::Menu,
            Intent::Cancel => IntentKind::Cancel,
            Intent::Agent => IntentKind::Agent,
            Intent::Transfer { .. } => IntentKind::Transfer,
            Intent::CallOutside => IntentKind::CallOutside,
            Intent::Ticket => IntentKind::Ticket,
            Intent::Status => IntentKind::Status,
            Intent::OutOfScope => IntentKind::OutOfScope,
            Intent::Question => return None,
        })
    }

    /// The name used in the evaluation set and by `mesabot understand`.
    pub fn name(&self) -> &'static str {
        self.kind().map_or("question", IntentKind::as_str)
    }

    fn from_kind(kind: IntentKind, target: Option<String>) -> Intent {
        match kind {
            IntentKind::Greeting => Intent::Greeting,
            IntentKind::Thanks => Intent::Thanks,
            IntentKind::Goodbye => Intent::Goodbye,
            IntentKind::Yes => Intent::Yes,
            IntentKind::No => Intent::No,
            IntentKind::Help => Intent::Help,
            IntentKind::Menu => Intent::Menu,
            IntentKind::Cancel => Intent::Cancel,
            IntentKind::Agent => Intent::Agent,
            IntentKind::Transfer => Intent::Transfer { target },
            IntentKind::CallOutside => Intent::CallOutside,
            IntentKind::Ticket => Intent::Ticket,
            IntentKind::Status => Intent::Status,
            IntentKind::OutOfScope => Intent::OutOfScope,
        }
    }

    /// Small talk: nothing is asked.
    pub fn is_small_talk(&self) -> bool {
        matches!(
            self,
            Intent::Greeting | Intent::Thanks | Intent::Goodbye | Intent::Yes | Intent::No
        )
    }
}

/// A phrase found in the message, for explaining a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub intent: IntentKind,
    /// The phrase as the file writes it.
    pub phrase: String,
    /// The user's words it matched.
    pub matched: String,
    pub locale: Locale,
    /// Turned around by a negation, or ruled out by an `unless` word.
    pub discarded: Option<&'static str>,
}

/// What the bot understood of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub intent: Intent,
    /// A second request as strong as the first: ask which one.
    pub alternative: Option<Intent>,
    /// The message also greets.
    pub greeted: bool,
    /// Words beyond the phrases: the message describes something.
    pub content: bool,
    /// A yes or no at the start of the message (or right after "pero"),
    /// for the steps that asked a yes/no question.
    pub answer: Option<bool>,
    pub evidence: Vec<Evidence>,
    /// The words that were not part of any phrase nor fillers.
    pub content_words: Vec<String>,
    /// The message without its courtesies and the requests it turned down
    /// ("hola", "no quiero hablar con nadie"): what the FAQ is searched for.
    search_words: Vec<String>,
}

impl Reading {
    /// Only small talk, nothing asked or described.
    pub fn is_small_talk(&self) -> bool {
        self.intent.is_small_talk() && !self.content
    }

    /// What to search the FAQ for: the words beyond the phrases understood
    /// ("hola", a negated "hablar con"), or the whole text when none was.
    pub fn search_text(&self, text: &str) -> String {
        if self.search_words.is_empty() {
            text.trim().to_owned()
        } else {
            self.search_words.join(" ")
        }
    }

    /// Whether a phrase of this kind was found (and not discarded).
    pub fn has(&self, kind: IntentKind) -> bool {
        self.evidence
            .iter()
            .any(|e| e.intent == kind && e.discarded.is_none())
    }
}

/// Every locale's phrases; a message is read with all of them (someone may
/// write English to a Spanish-speaking desk), its own locale's first.
#[derive(Debug)]
pub struct Understanding {
    books: Vec<Phrasebook>,
    stemmers: Stemmers,
}

impl Understanding {
    pub fn new(books: Vec<Phrasebook>) -> Understanding {
        Understanding {
            books,
            stemmers: Stemmers::default(),
        }
    }

    /// The phrases shipped with mesabot.
    pub fn shipped() -> Result<Understanding, PhrasebookError> {
        let stemmers = Stemmers::default();
        let books = Locale::ALL
            .into_iter()
            .map(|locale| {
                Phrasebook::parse(
                    locale,
                    Phrasebook::default_text(locale),
                    &format!("locales/{locale}/phrases.toml"),
                    &stemmers,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Understanding { books, stemmers })
    }

    pub fn stemmers(&self) -> &Stemmers {
        &self.stemmers
    }

    /// Reads a message written in a conversation in `locale`.
    pub fn read(&self, text: &str, locale: Locale) -> Reading {
        let words = words::split(text);
        let mut order: Vec<usize> = (0..self.books.len()).collect();
        order.sort_by_key(|&i| self.books[i].locale != locale);
        let mut hits: Vec<matching::Hit> = Vec::new();
        for &b in &order {
            self.find(b, &words, &mut hits);
        }
        matching::carry_negations(&words, &mut hits);
        self.decide(&words, hits)
    }
}
