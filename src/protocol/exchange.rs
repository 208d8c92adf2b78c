//! What goes into the machine ([`Input`]: what the user sent, or the
//! runtime's answer to an effect) and what comes out ([`Effect`]s for the
//! runtime to carry out, [`Reply`]s for the user).

use serde::{Deserialize, Serialize};

use super::{
    CallAnswer, CallEffect, Choice, FaqAnswer, FaqEffect, HandoffEffect, HandoffEvent, Outcome,
    StatusAnswer, StatusLookup, TicketAnswer, TicketEffect, TransferAnswer, TransferEffect,
    UserInput,
};
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
    /// The answer to [`StatusLookup`].
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

/// What the protocol asks the desk to do: each flow's own effects, and the
/// few that concern the whole conversation. An effect that needs an answer
/// names the input that brings it.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    FirstLevel(FaqEffect),
    Ticket(TicketEffect),
    Status(StatusLookup),
    Handoff(HandoffEffect),
    Call(CallEffect),
    Transfer(TransferEffect),
    /// Record the conversation as ended with this outcome (operation 25),
    /// and ask for a rating as `rating` says.
    Close {
        outcome: Outcome,
        solved_by_faq: Option<i64>,
        rating: super::satisfaction::Rating,
    },
    /// After a `Close`: the transition's conversation is a new one in the same chat.
    StartOver,
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
