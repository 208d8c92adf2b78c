//! The requests and small talk the bot recognises (operation 2's types),
//! named as the phrase files and `mesabot understand` name them.

/// What a message can ask for, as the phrase files name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntentKind {
    Greeting,
    Thanks,
    Goodbye,
    Yes,
    No,
    Help,
    Menu,
    Cancel,
    Agent,
    Transfer,
    CallOutside,
    Ticket,
    Status,
    OutOfScope,
}

impl IntentKind {
    pub const ALL: [IntentKind; 14] = [
        IntentKind::Greeting,
        IntentKind::Thanks,
        IntentKind::Goodbye,
        IntentKind::Yes,
        IntentKind::No,
        IntentKind::Help,
        IntentKind::Menu,
        IntentKind::Cancel,
        IntentKind::Agent,
        IntentKind::Transfer,
        IntentKind::CallOutside,
        IntentKind::Ticket,
        IntentKind::Status,
        IntentKind::OutOfScope,
    ];

    /// The name used in the phrase files and by `mesabot understand`.
    pub fn as_str(self) -> &'static str {
        match self {
            IntentKind::Greeting => "greeting",
            IntentKind::Thanks => "thanks",
            IntentKind::Goodbye => "goodbye",
            IntentKind::Yes => "yes",
            IntentKind::No => "no",
            IntentKind::Help => "help",
            IntentKind::Menu => "menu",
            IntentKind::Cancel => "cancel",
            IntentKind::Agent => "agent",
            IntentKind::Transfer => "transfer",
            IntentKind::CallOutside => "call_outside",
            IntentKind::Ticket => "ticket",
            IntentKind::Status => "status",
            IntentKind::OutOfScope => "out_of_scope",
        }
    }

    pub fn parse(name: &str) -> Option<IntentKind> {
        IntentKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Requests that "no" in front of them turns around ("no quiero hablar con nadie").
    pub(super) fn negatable(self) -> bool {
        matches!(
            self,
            IntentKind::Agent
                | IntentKind::Transfer
                | IntentKind::CallOutside
                | IntentKind::Ticket
                | IntentKind::Status
        )
    }

    /// Requests that take the conversation somewhere, whatever else was written.
    pub(super) fn is_request(self) -> bool {
        self.negatable() || self == IntentKind::OutOfScope
    }
}
