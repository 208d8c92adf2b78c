//! Conversations saved before the flows were nested (releases up to
//! 2026-11-30) stored their step as one flat enum. They still load: a
//! conversation waiting at the ticket's e-mail question before an upgrade
//! waits at the same question after it.

use serde::{Deserialize, Deserializer};

use super::{
    CallStage, DirectoryOption, FaqTitle, Field, FirstLevelStage, HandoffStage, StatusStage, Step,
    TransferStage, WizardStage,
};
use crate::contact::{Contact, Email, FullName, Phone};
use crate::ticket::TicketNumber;

/// `Conversation::step` as saved now, or as saved by an earlier release.
pub(super) fn step<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Step, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Current(Step),
        Flat(Flat),
    }
    Ok(match Stored::deserialize(deserializer)? {
        Stored::Current(step) => step,
        Stored::Flat(flat) => flat.into(),
    })
}

/// The step as the earlier releases wrote it.
#[derive(Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
enum Flat {
    New,
    Menu,
    DescribeProblem,
    Searching {
        quiet: bool,
    },
    FaqOffered {
        shown: FaqTitle,
        alternatives: Vec<FaqTitle>,
    },
    FaqSuggested {
        options: Vec<FaqTitle>,
    },
    Privacy,
    TicketField {
        field: Field,
    },
    ContactOnFile {
        contact: Contact,
    },
    TicketSummary,
    CreatingTicket,
    StatusNumber,
    StatusEmail {
        number: TicketNumber,
    },
    StatusLookup,
    ChooseEscalation,
    ContactKind,
    StaffCheck,
    StaffEmail,
    StaffSending {
        email: Email,
    },
    StaffCode {
        email: Email,
    },
    StaffVerifying {
        email: Email,
    },
    CallPerson {
        requester: String,
    },
    CallNumber {
        requester: String,
        person: String,
        call: Option<i64>,
    },
    CallPlace {
        requester: String,
        person: String,
        number: Phone,
    },
    CallRequested {
        call_id: i64,
        person: String,
        number: String,
    },
    CallUnanswered {
        call_id: i64,
        person: String,
    },
    CallRetryWhen {
        call_id: i64,
    },
    TransferWho,
    TransferPick {
        options: Vec<DirectoryOption>,
    },
    TransferName {
        target: DirectoryOption,
    },
    TransferFrom {
        target: DirectoryOption,
        caller: FullName,
    },
    Transferring,
    WaitingAgent,
    WithAgent {
        agent: String,
    },
    AnythingElse,
    Closed,
}

impl From<Flat> for Step {
    fn from(flat: Flat) -> Step {
        use FirstLevelStage as F;
        use WizardStage as W;
        match flat {
            Flat::New => Step::New,
            Flat::Menu => Step::Menu,
            Flat::DescribeProblem => Step::FirstLevel(F::Describing),
            Flat::Searching { quiet } => Step::FirstLevel(F::Searching { quiet }),
            Flat::FaqOffered {
                shown,
                alternatives,
            } => Step::FirstLevel(F::Offered {
                shown,
                alternatives,
            }),
            Flat::FaqSuggested { options } => Step::FirstLevel(F::Suggested { options }),
            Flat::ChooseEscalation => Step::FirstLevel(F::Escalating),
            Flat::Privacy => Step::Ticket(W::Privacy),
            Flat::TicketField { field } => Step::Ticket(W::Field { field }),
            Flat::ContactOnFile { contact } => Step::Ticket(W::ContactOnFile { contact }),
            Flat::TicketSummary => Step::Ticket(W::Summary),
            Flat::CreatingTicket => Step::Ticket(W::Creating),
            Flat::StatusNumber => Step::Status(StatusStage::Number),
            Flat::StatusEmail { number } => Step::Status(StatusStage::Email { number }),
            Flat::StatusLookup => Step::Status(StatusStage::Lookup),
            Flat::ContactKind => Step::ContactKind,
            Flat::StaffCheck => Step::Call(CallStage::StaffCheck),
            Flat::StaffEmail => Step::Call(CallStage::StaffEmail),
            Flat::StaffSending { email } => Step::Call(CallStage::StaffSending { email }),
            Flat::StaffCode { email } => Step::Call(CallStage::StaffCode { email }),
            Flat::StaffVerifying { email } => Step::Call(CallStage::StaffVerifying { email }),
            Flat::CallPerson { requester } => Step::Call(CallStage::Person { requester }),
            Flat::CallNumber {
                requester,
                person,
                call,
            } => Step::Call(CallStage::Number {
                requester,
                person,
                call,
            }),
            Flat::CallPlace {
                requester,
                person,
                number,
            } => Step::Call(CallStage::Place {
                requester,
                person,
                number,
            }),
            Flat::CallRequested {
                call_id,
                person,
                number,
            } => Step::Call(CallStage::Requested {
                call_id,
                person,
                number,
            }),
            Flat::CallUnanswered { call_id, person } => {
                Step::Call(CallStage::Unanswered { call_id, person })
            }
            Flat::CallRetryWhen { call_id } => Step::Call(CallStage::RetryWhen { call_id }),
            Flat::TransferWho => Step::Transfer(TransferStage::Who),
            Flat::TransferPick { options } => Step::Transfer(TransferStage::Pick { options }),
            Flat::TransferName { target } => Step::Transfer(TransferStage::Name { target }),
            Flat::TransferFrom { target, caller } => {
                Step::Transfer(TransferStage::From { target, caller })
            }
            Flat::Transferring => Step::Transfer(TransferStage::Transferring),
            Flat::WaitingAgent => Step::Handoff(HandoffStage::Waiting),
            Flat::WithAgent { agent } => Step::Handoff(HandoffStage::WithAgent { agent }),
            Flat::AnythingElse => Step::AnythingElse,
            Flat::Closed => Step::Closed,
        }
    }
}
