//! Where a call to the outside stands: the call flow's state, the staff
//! check's stages included. Stored with the conversation: a renamed stage or
//! field would strand a conversation saved in it.

use serde::{Deserialize, Serialize};

use crate::contact::{Email, Phone};

/// Where a call to the outside stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum CallStage {
    /// Op 14: is this chat a verified staff member's?
    StaffCheck,
    /// Op 14: the institutional e-mail, to send a code to.
    StaffEmail,
    /// The code is being sent.
    StaffSending { email: Email },
    /// Waiting for the code the user received.
    StaffCode { email: Email },
    /// The code is being checked.
    StaffVerifying { email: Email },
    /// Op 14: whom to call.
    Person { requester: String },
    /// Op 14 (or 20): the number.
    Number {
        requester: String,
        person: String,
        /// The call this is another number for.
        call: Option<i64>,
    },
    /// Op 14: the place.
    Place {
        requester: String,
        person: String,
        number: Phone,
    },
    /// Op 16: an agent is placing the call.
    Requested {
        call_id: i64,
        person: String,
        number: String,
    },
    /// Op 19: not answered: another number, later, or no need?
    Unanswered { call_id: i64, person: String },
    /// Op 21-23: when to try again.
    RetryWhen { call_id: i64 },
}
