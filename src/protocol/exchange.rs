//! What goes into the machine ([`Input`]: what the user sent, or the
//! runtime's answer to an effect) and what comes out ([`Effect`]s for the
//! runtime to carry out, [`Reply`]s for the user).

use serde::{Deserialize, Serialize};

use super::{
    CallAnswer, Choice, EscalationReason, FaqAnswer, HandoffEvent, NewTicket, Outcome,
    StatusAnswer, TicketAnswer, TransferAnswer, UserInput,
};
use crate::contact::Email;
use crate::ticket::TicketNumber;

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    User(UserInput),
    /// The front door shows the conversation again (terminal start-up).
    Resume,
    /// No message from the user for the inactivity period.
    Inactive,
    /// The runtime's answers to the first level's effects.
    FirstLevel(FaqAnswer),
    /// The runtime's answers to the ticket wizard's effects.
    Ticket(TicketAnswer),
    /// The answer to [`Effect::LookupTicket`].
    TicketStatus {
        number: TicketNumber,
        answer: StatusAnswer,
    },
    /// The runtime's answers to a call's effects, and the agent's report.
    Call(CallAnswer),
    /// The runtime's answers to a transfer's effects.
    Transfer(TransferAnswer),
    /// What happens in the agents' queue and with the agent.
    Handoff(HandoffEvent),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Search the knowledge base; answer with [`FaqAnswer::Found`].
    SearchFaq(String),
    /// Fetch one entry; answer with [`FaqAnswer::Entry`].
    LoadFaq(i64),
    /// The services catalogue; answer with [`TicketAnswer::Services`].
    LoadServices,
    /// The contact details last given in this chat; answer with [`TicketAnswer::ContactOnFile`].
    LoadContact,
    /// Create the ticket, assign it, queue its mails; answer with [`TicketAnswer::Created`].
    CreateTicket(Box<NewTicket>),
    /// A ticket's status for this chat, or for whoever knows its e-mail;
    /// answer with [`Input::TicketStatus`].
    LookupTicket {
        number: TicketNumber,
        email: Option<Email>,
    },
    /// Put the conversation in the agents' queue; answer with [`HandoffEvent::Queued`].
    Escalate { reason: EscalationReason },
    /// Pass what the user sent to the agents.
    RelayToAgent(UserInput),
    /// The user leaves the queue (or the agent).
    LeaveQueue,
    /// Whether this chat is a verified staff member's; answer with [`CallAnswer::StaffStatus`].
    CheckStaff,
    /// E-mail a one-time code if the address is staff; answer with [`CallAnswer::StaffCodeSent`].
    SendStaffCode { email: Email },
    /// Check the code; answer with [`CallAnswer::StaffCodeChecked`].
    VerifyStaffCode { code: String },
    /// Log the call and post it to the agents; answer with [`CallAnswer::Requested`].
    RequestCall {
        /// Another number for this call, or a new call.
        call: Option<i64>,
        person: String,
        number: crate::contact::Phone,
        place: String,
    },
    /// Post the call to the agents again in `minutes`.
    ScheduleCallRetry { call: i64, minutes: u16 },
    /// The user does not need the call any more (op 24).
    EndCall { call: i64 },
    /// Search the directory; answer with [`TransferAnswer::DirectoryFound`].
    SearchDirectory(String),
    /// Hand the user to a directory entry; answer with [`TransferAnswer::Transferred`].
    Transfer {
        target: i64,
        caller: crate::contact::FullName,
        from: String,
    },
    /// Record the conversation as ended with this outcome (operation 25),
    /// and ask for a rating as `rating` says.
    Close {
        outcome: Outcome,
        solved_by_faq: Option<i64>,
        rating: super::satisfaction::Rating,
    },
    /// After a `Close`: the transition's conversation is a new one in the same chat.
    StartOver,
    /// The answer shown did not solve the problem (the desk reviews these).
    FaqRejected { faq_id: i64, question: String },
    /// Nothing was asked ("gracias" after the farewell): this exchange is not
    /// a new conversation for the indicators.
    Discard,
}

/// A message to the user, with buttons in rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    pub buttons: Vec<Vec<Button>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    pub choice: Choice,
}

impl Reply {
    pub fn text(text: String) -> Reply {
        Reply {
            text,
            buttons: Vec::new(),
        }
    }

    pub fn choices(&self) -> impl Iterator<Item = &Button> {
        self.buttons.iter().flatten()
    }
}

/// Joins each reply without buttons to the one after it, while the text stays
/// within `max_chars`, so a turn needs fewer messages where each one counts
/// against a rate limit (Telegram: about one a second per chat).
pub fn coalesce(replies: &[Reply], max_chars: usize) -> Vec<Reply> {
    let mut joined: Vec<Reply> = Vec::with_capacity(replies.len());
    for reply in replies {
        match joined.last_mut() {
            Some(previous)
                if previous.buttons.is_empty()
                    && previous.text.chars().count() + 2 + reply.text.chars().count()
                        <= max_chars =>
            {
                previous.text = format!("{}\n\n{}", previous.text, reply.text);
                previous.buttons = reply.buttons.clone();
            }
            _ => joined.push(reply.clone()),
        }
    }
    joined
}
