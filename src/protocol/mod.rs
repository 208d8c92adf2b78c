//! The help-desk conversation as a pure state machine: a [`Conversation`]
//! and an [`Input`] give a [`Transition`]: the next conversation, the replies
//! to send and the [`Effect`]s for the runtime to carry out. No I/O, no
//! Telegram, no database: this is where the seed's procedure lives.
//!
//! Effects that need an answer (an FAQ search) are answered by feeding the
//! result back as the next input, in the same handled update.
//!
//! Reading order: this file (the conversation, its [`Step`], the
//! [`Transition`]); `exchange` (what goes in and comes out); `router` (the
//! small top-level machine: greeting, menu, commands, inactivity, and which
//! flow an input belongs to); `intake` (operation 2, what free text asks
//! for); then one module per flow, each with its own stage enum and
//! re-prompt: `first_level` (ops 3-5), `ticket_wizard` with `ticket_questions`,
//! `ticket_answers` and `ticket_draft` (ops 6-9), `status`, `transfer` (ops 10-13),
//! `external_call` (ops 14-24, its staff check in `staff_check`, its state
//! in `call_stage`), `handoff` (a person of the desk); `replies` holds the
//! protocol's fixed phrases; `legacy` loads steps saved by earlier releases.

mod call_stage;
mod commands;
mod daypart;
mod exchange;
mod external_call;
mod first_level;
mod handoff;
mod input;
mod intake;
mod legacy;
mod outcome;
mod replies;
mod reprompt;
mod router;
pub mod satisfaction;
mod staff_check;
mod status;
mod ticket_answers;
mod ticket_draft;
mod ticket_questions;
mod ticket_wizard;
mod transfer;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::locale::{Lang, Locale};
use crate::t;
use crate::understand::{Reading, Understanding};

pub use daypart::PartOfDay;
pub use exchange::{Button, Effect, Input, Reply, coalesce};
pub use external_call::{CallAnswer, CallEffect, CallStage};
pub use external_call::{RETRY_MINUTES, later_result, waits_for_call};
pub use first_level::{FaqAnswer, FaqEffect, FaqHit, FaqTitle, FirstLevelStage};
pub use handoff::{Agents, MISSES_BEFORE_SUGGESTING, Reason as EscalationReason};
pub use handoff::{HandoffEffect, HandoffEvent, HandoffStage};
pub use input::{Choice, Command, MenuOption, UserInput};
pub use outcome::{Outcome, UnknownOutcome};
pub use staff_check::{CodeCheck, StaffCode};
pub use status::StatusStage;
pub use status::{StatusAnswer, StatusLookup, TicketView};
pub use ticket_draft::{
    Attachment, AttachmentKind, Field, MAX_DETAIL_CHARS, MIN_DETAIL_CHARS, NewTicket, Origin,
    ServiceOption, TicketDraft,
};
pub use ticket_wizard::{TicketAnswer, TicketEffect, WizardStage};
pub use transfer::{DirectoryOption, TransferResult};
pub use transfer::{TransferAnswer, TransferEffect, TransferStage};

/// What the machine needs to know about the world, given by the runtime.
pub struct Context<'a> {
    pub now: DateTime<Utc>,
    pub tz: Tz,
    pub lang: &'a Lang,
    /// `BOT_NAME`; `None` means the locale's default name.
    pub bot_name: Option<&'a str>,
    pub call_center_phone: &'a str,
    pub inactivity_minutes: u32,
    /// Shown before ticket numbers, e.g. "MESA-" (may be empty).
    pub ticket_prefix: &'a str,
    /// The full privacy notice (`PRIVACY_NOTICE_URL`).
    pub privacy_notice_url: &'a str,
    /// Whether a person can take the conversation now.
    pub agents: Agents,
    /// The conversation's language.
    pub locale: Locale,
    /// The desk's phrases: what free text asks for (operation 2).
    pub understanding: &'a Understanding,
}

impl Context<'_> {
    pub fn bot_name(&self) -> String {
        match self.bot_name {
            Some(name) => name.to_owned(),
            None => t!(self.lang, "bot-default-name"),
        }
    }

    pub fn part_of_day(&self) -> PartOfDay {
        PartOfDay::at(self.now, self.tz)
    }

    /// What a message asks for.
    pub fn read(&self, text: &str) -> Reading {
        self.understanding.read(text, self.locale)
    }

    /// A typed answer to a yes/no question: "sí, por favor", "simón", "nel",
    /// "no, gracias", 👍. `None` when the text says more than yes or no.
    pub fn yes_no(&self, text: &str) -> Option<bool> {
        let reading = self.read(text);
        if reading.content || !reading.intent.is_small_talk() {
            return None;
        }
        reading.answer
    }
}

/// One conversation ("call"), kept between messages and across restarts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// States saved before the flows were nested still load (`legacy`).
    #[serde(deserialize_with = "legacy::step")]
    pub step: Step,
    /// What the user described, in their own words, so nothing they wrote is
    /// asked again later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// Decided as soon as it is known; recorded when the conversation closes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solved_by_faq: Option<i64>,
    /// The ticket being filled in; kept when the user cancels or goes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<TicketDraft>,
    /// FAQ searches in a row that found nothing.
    #[serde(default)]
    pub misses: u8,
    /// A person of the desk (or one it was transferred to) attended it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attended_by_person: bool,
}

/// Where the conversation stands: the flow it is in, and inside the flow
/// what the bot last asked (each flow's own stage, in its module).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "flow", content = "at", rename_all = "snake_case")]
pub enum Step {
    /// Nothing said yet: the next input gets the protocol greeting.
    #[default]
    New,
    /// The menu is shown; free text is read for what it asks (operation 2).
    Menu,
    /// Operations 3-5: first-level support from the FAQ.
    FirstLevel(FirstLevelStage),
    /// Operations 6-9: the ticket wizard.
    Ticket(WizardStage),
    /// Policy: a ticket's status, by its number.
    Status(StatusStage),
    /// Operation 10: a transfer inside, or a call to the outside?
    ContactKind,
    /// Operations 10-13: a transfer to someone inside.
    Transfer(TransferStage),
    /// Operations 14-24: a call to the outside, for DGSEI staff.
    Call(CallStage),
    /// Waiting for, or talking with, a person of the desk.
    Handoff(HandoffStage),
    /// The request is dealt with: `anything-else` was asked (rule 7).
    AnythingElse,
    /// Ended; the next message starts a new conversation.
    Closed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub conversation: Conversation,
    pub replies: Vec<Reply>,
    pub effects: Vec<Effect>,
}

impl Transition {
    fn from(conversation: Conversation) -> Transition {
        Transition {
            conversation,
            replies: Vec::new(),
            effects: Vec::new(),
        }
    }

    fn say(&mut self, reply: Reply) {
        self.replies.push(reply);
    }

    fn go(&mut self, step: Step) {
        self.conversation.step = step;
    }

    /// Ends this conversation with its decided outcome (abandoned when none).
    fn close(&mut self) {
        let outcome = self.conversation.outcome.unwrap_or(Outcome::Abandoned);
        self.effects.push(Effect::Close {
            outcome,
            solved_by_faq: self.conversation.solved_by_faq,
            rating: satisfaction::Rating::for_closing(&self.conversation, outcome),
        });
        self.go(Step::Closed);
    }

    /// Ends this conversation and begins a new one in the same chat: a new
    /// "call" for the indicators.
    fn start_over(&mut self) {
        self.close();
        self.effects.push(Effect::StartOver);
        self.conversation = Conversation {
            step: Step::Menu,
            ..Conversation::default()
        };
    }
}

/// The machine: one input, one transition.
pub fn step(conversation: Conversation, input: Input, cx: &Context) -> Transition {
    let mut t = Transition::from(conversation);
    match input {
        Input::User(UserInput::Command(command)) => commands::on_command(&mut t, command, cx),
        Input::User(user) => router::on_user(&mut t, user, cx),
        Input::Resume => reprompt::reprompt(&mut t, cx),
        Input::Inactive => router::on_inactive(&mut t, cx),
        Input::FirstLevel(answer) => first_level::on_answer(&mut t, answer, cx),
        Input::Ticket(answer) => ticket_wizard::on_answer(&mut t, answer, cx),
        Input::TicketStatus { number, answer } => status::on_answer(&mut t, number, answer, cx),
        Input::Call(answer) => external_call::on_answer(&mut t, answer, cx),
        Input::Transfer(answer) => transfer::on_answer(&mut t, answer, cx),
        Input::Handoff(event) => handoff::on_event(&mut t, event, cx),
    }
    t
}
