//! After the farewell: "¿cómo calificaría la atención recibida?" (1 to 5).
//! Asked of every conversation that reached a person or a ticket, and of a
//! sample of those the bot solved alone; never of one that was abandoned or
//! not a DGSEI matter. Optional: whatever else the user writes starts a new
//! conversation as usual, and a rating answers the conversation it was asked
//! about, never the current one.

use serde::{Deserialize, Serialize};

use super::{Button, Choice, Conversation, Outcome, Reply};
use crate::locale::Lang;
use crate::t;

/// One in this many conversations the bot solved alone is asked for a rating.
pub const SAMPLE_EVERY: i64 = 5;

/// Whether a closed conversation is asked for a rating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    /// It reached a person or a ticket: always asked.
    Ask,
    /// The bot solved it alone: asked of one in [`SAMPLE_EVERY`].
    Sample,
    Skip,
}

impl Rating {
    /// The rule for a conversation closing with `outcome`.
    pub(super) fn for_closing(conversation: &Conversation, outcome: Outcome) -> Rating {
        match outcome {
            _ if conversation.attended_by_person => Rating::Ask,
            Outcome::SecondLevel | Outcome::Transferred | Outcome::External => Rating::Ask,
            Outcome::FirstLevel => Rating::Sample,
            Outcome::OutOfScope | Outcome::Abandoned => Rating::Skip,
        }
    }

    /// Whether conversation `id` is asked.
    pub fn asks(self, id: i64) -> bool {
        match self {
            Rating::Ask => true,
            Rating::Sample => id % SAMPLE_EVERY == 0,
            Rating::Skip => false,
        }
    }
}

/// `satisfaction-ask` with 1-5 buttons, about conversation `conversation`.
pub fn question(lang: &Lang, conversation: i64) -> Reply {
    Reply {
        text: t!(lang, "satisfaction-ask"),
        buttons: vec![
            (1..=5)
                .map(|score| Button {
                    label: t!(lang, "satisfaction-score", score = score),
                    choice: Choice::Rate {
                        conversation,
                        score,
                    },
                })
                .collect(),
        ],
    }
}

/// The answer to a rating: thanks, or that the question is no longer open.
pub fn rated(lang: &Lang, kept: bool) -> Reply {
    Reply::text(if kept {
        t!(lang, "satisfaction-thanks")
    } else {
        t!(lang, "stale-choice")
    })
}
