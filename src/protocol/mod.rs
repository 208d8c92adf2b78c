//! The help-desk conversation as a pure state machine: a [`Conversation`]
//! and an [`Input`] give a [`Transition`]: the next conversation, the replies
//! to send and the [`Effect`]s for the runtime to carry out. No I/O, no
//! Telegram, no database: this is where the seed's procedure lives.
//!
//! Effects that need an answer (an FAQ search) are answered by feeding the
//! result back as the next input, in the same handled update.

mod daypart;
mod external_call;
mod first_level;
mod handoff;
mod input;
mod intake;
mod legacy;
mod outcome;
mod replies;
mod status;
mod ticket_answers;
mod ticket_draft;
mod ticket_wizard;
mod transfer;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::locale::{Lang, Locale};
use crate::t;
use crate::understand::{Reading, Understanding};

pub use daypart::PartOfDay;
pub use external_call::CallStage;
pub use external_call::{CodeCheck, RETRY_MINUTES, StaffCode};
pub use first_level::FirstLevelStage;
pub use handoff::HandoffStage;
pub use handoff::{Agents, MISSES_BEFORE_SUGGESTING, Reason as EscalationReason};
pub use input::{Choice, Command, MenuOption, UserInput};
pub use outcome::{Outcome, UnknownOutcome};
pub use status::StatusStage;
pub use status::{StatusAnswer, TicketView};
pub use ticket_draft::{
    Attachment, AttachmentKind, Field, MAX_DETAIL_CHARS, MIN_DETAIL_CHARS, NewTicket,
    ServiceOption, TicketDraft,
};
pub use ticket_wizard::WizardStage;
pub use transfer::TransferStage;
pub use transfer::{DirectoryOption, TransferResult};

use crate::contact::{Contact, Email};
use crate::ticket::TicketNumber;

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

/// An FAQ entry as offered on a button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqTitle {
    pub id: i64,
    pub question: String,
}

/// An FAQ entry found for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaqHit {
    pub id: i64,
    pub question: String,
    pub answer: String,
    /// Close enough to what the user wrote to give as the answer; otherwise
    /// it is only suggested.
    pub sure: bool,
}

impl FaqHit {
    fn title(&self) -> FaqTitle {
        FaqTitle {
            id: self.id,
            question: self.question.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    User(UserInput),
    /// The front door shows the conversation again (terminal start-up).
    Resume,
    /// No message from the user for the inactivity period.
    Inactive,
    /// The answer to [`Effect::SearchFaq`], best first.
    FaqFound(Vec<FaqHit>),
    /// The answer to [`Effect::LoadFaq`]; `None` when the entry is gone.
    FaqEntry(Option<FaqHit>),
    /// The answer to [`Effect::LoadServices`].
    Services(Vec<ServiceOption>),
    /// The answer to [`Effect::LoadContact`].
    ContactOnFile(Option<Contact>),
    /// The answer to [`Effect::CreateTicket`].
    TicketCreated(TicketNumber),
    /// The answer to [`Effect::LookupTicket`].
    TicketStatus {
        number: TicketNumber,
        answer: StatusAnswer,
    },
    /// The answer to [`Effect::Escalate`]: the place in the agents' queue.
    Queued {
        position: u32,
    },
    /// A hold reminder is due; `position` when it changed.
    Hold {
        position: Option<u32>,
    },
    /// An agent took the conversation.
    AgentTook {
        agent: String,
    },
    /// The agent put it back in the queue.
    AgentReleased,
    /// The agent ended it with this outcome.
    AgentClosed {
        agent: String,
        outcome: Outcome,
    },
    /// Nobody took it within the waiting limit.
    AgentTimeout,
    /// The answer to [`Effect::CheckStaff`]: the staff member's name when verified.
    StaffStatus(Option<String>),
    /// The answer to [`Effect::SendStaffCode`].
    StaffCodeSent(StaffCode),
    /// The answer to [`Effect::VerifyStaffCode`].
    StaffCodeChecked(CodeCheck),
    /// The answer to [`Effect::RequestCall`].
    CallRequested {
        call_id: i64,
    },
    /// An agent reports the call (op 16 → 17 or 19).
    CallResult {
        answered: bool,
        number: String,
    },
    /// The answer to [`Effect::SearchDirectory`].
    DirectoryFound(Vec<DirectoryOption>),
    /// The answer to [`Effect::Transfer`].
    Transferred(TransferResult),
    /// The agent opens a ticket for this conversation, with their assessment.
    AgentTicket {
        agent: String,
        urgency: crate::ticket::Urgency,
        impact: crate::ticket::Impact,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Search the knowledge base; answer with [`Input::FaqFound`].
    SearchFaq(String),
    /// Fetch one entry; answer with [`Input::FaqEntry`].
    LoadFaq(i64),
    /// The services catalogue; answer with [`Input::Services`].
    LoadServices,
    /// The contact details last given in this chat; answer with [`Input::ContactOnFile`].
    LoadContact,
    /// Create the ticket, assign it, queue its mails; answer with [`Input::TicketCreated`].
    CreateTicket(Box<NewTicket>),
    /// A ticket's status for this chat, or for whoever knows its e-mail;
    /// answer with [`Input::TicketStatus`].
    LookupTicket {
        number: TicketNumber,
        email: Option<Email>,
    },
    /// Put the conversation in the agents' queue; answer with [`Input::Queued`].
    Escalate { reason: EscalationReason },
    /// Pass what the user sent to the agents.
    RelayToAgent(UserInput),
    /// The user leaves the queue (or the agent).
    LeaveQueue,
    /// Whether this chat is a verified staff member's; answer with [`Input::StaffStatus`].
    CheckStaff,
    /// E-mail a one-time code if the address is staff; answer with [`Input::StaffCodeSent`].
    SendStaffCode { email: Email },
    /// Check the code; answer with [`Input::StaffCodeChecked`].
    VerifyStaffCode { code: String },
    /// Log the call and post it to the agents; answer with [`Input::CallRequested`].
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
    /// Search the directory; answer with [`Input::DirectoryFound`].
    SearchDirectory(String),
    /// Hand the user to a directory entry; answer with [`Input::Transferred`].
    Transfer {
        target: i64,
        caller: crate::contact::FullName,
        from: String,
    },
    /// Record the conversation as ended with this outcome (operation 25).
    Close {
        outcome: Outcome,
        solved_by_faq: Option<i64>,
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
        self.effects.push(Effect::Close {
            outcome: self.conversation.outcome.unwrap_or(Outcome::Abandoned),
            solved_by_faq: self.conversation.solved_by_faq,
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
        Input::User(UserInput::Command(command)) => on_command(&mut t, command, cx),
        Input::User(user) => on_user(&mut t, user, cx),
        Input::Resume => replies::reprompt(&mut t, cx),
        Input::Inactive => on_inactive(&mut t, cx),
        Input::FaqFound(hits) => first_level::on_found(&mut t, hits, cx),
        Input::FaqEntry(hit) => first_level::on_entry(&mut t, hit, cx),
        Input::Services(services) => ticket_wizard::on_services(&mut t, services, cx),
        Input::ContactOnFile(contact) => ticket_wizard::on_contact(&mut t, contact, cx),
        Input::TicketCreated(number) => ticket_wizard::on_created(&mut t, number, cx),
        Input::TicketStatus { number, answer } => status::on_answer(&mut t, number, answer, cx),
        Input::Queued { position } => handoff::on_queued(&mut t, position, cx),
        Input::Hold { position } => handoff::on_hold(&mut t, position, cx),
        Input::AgentTook { agent } => handoff::on_taken(&mut t, agent, cx),
        Input::AgentReleased => handoff::on_released(&mut t, cx),
        Input::AgentClosed { agent, outcome } => handoff::on_closed(&mut t, agent, outcome, cx),
        Input::AgentTimeout => handoff::on_timeout(&mut t, cx),
        Input::DirectoryFound(options) => transfer::on_found(&mut t, options, cx),
        Input::StaffStatus(verified) => external_call::on_staff_status(&mut t, verified, cx),
        Input::StaffCodeSent(answer) => external_call::on_code_sent(&mut t, answer, cx),
        Input::StaffCodeChecked(check) => external_call::on_code_checked(&mut t, check, cx),
        Input::CallRequested { call_id } => external_call::on_requested(&mut t, call_id, cx),
        Input::CallResult { answered, number } => {
            external_call::on_result(&mut t, answered, number, cx)
        }
        Input::Transferred(result) => transfer::on_transferred(&mut t, result, cx),
        Input::AgentTicket {
            agent,
            urgency,
            impact,
        } => ticket_wizard::start_for_agent(&mut t, agent, urgency, impact, cx),
    }
    t
}

fn on_user(t: &mut Transition, input: UserInput, cx: &Context) {
    let resolved = t.conversation.outcome.is_some();
    let step = &t.conversation.step;
    // Waiting for or talking with a person: everything goes to them.
    if let Step::Handoff(_) = step {
        return handoff::on_input(t, input, cx);
    }
    // The menu works from anywhere (a button of an earlier message included).
    let menu_choice = matches!(input, UserInput::Choice(Choice::Menu(_)));
    let in_flow = matches!(
        step,
        Step::Ticket(_) | Step::Status(_) | Step::Transfer(_) | Step::ContactKind | Step::Call(_)
    );
    if !menu_choice && in_flow {
        // A greeting or "cancelar" typed mid-flow is not an answer to its question.
        if let UserInput::Text(text) = &input
            && intake::interrupts(t, &cx.read(text), cx)
        {
            return;
        }
        return match t.conversation.step {
            Step::Ticket(_) => ticket_wizard::on_input(t, input, cx),
            Step::Status(_) => status::on_input(t, input, cx),
            Step::Transfer(_) => transfer::on_input(t, input, cx),
            _ => external_call::on_input(t, input, cx),
        };
    }
    // A question about a ticket by its number asks for its status wherever the user is.
    if let UserInput::Text(text) = &input
        && let Some(number) = TicketNumber::find_in(text, cx.ticket_prefix)
    {
        if matches!(step, Step::New | Step::Closed) {
            t.say(replies::greeting(cx, false));
        } else if resolved {
            t.start_over();
        }
        return status::lookup(t, number);
    }
    match (&t.conversation.step, input) {
        (Step::New | Step::Closed, UserInput::Text(text)) => intake::first_message(t, text, cx),
        (Step::New | Step::Closed, input) => match input {
            UserInput::Choice(Choice::Menu(option)) => {
                t.say(replies::greeting(cx, false));
                on_menu(t, option, cx);
            }
            _ => {
                t.say(replies::greeting(cx, true));
                t.go(Step::Menu);
            }
        },
        // A new request after the last one was dealt with is a new conversation.
        (Step::AnythingElse, UserInput::Choice(Choice::MoreHelp(true))) => {
            t.start_over();
            t.say(replies::menu(cx, t!(cx.lang, "menu-again")));
        }
        (Step::AnythingElse, UserInput::Choice(Choice::MoreHelp(false))) => {
            t.say(replies::farewell(cx));
            t.close();
        }
        (_, UserInput::Choice(Choice::Menu(option))) => {
            if resolved {
                t.start_over();
            }
            on_menu(t, option, cx);
        }
        (_, UserInput::Text(text)) => intake::on_text(t, text, cx),
        (
            Step::FirstLevel(FirstLevelStage::Offered { .. })
            | Step::FirstLevel(FirstLevelStage::Suggested { .. }),
            input,
        ) => first_level::on_feedback(t, input, cx),
        (_, UserInput::Choice(Choice::SecondLevel)) => first_level::second_level(t, cx),
        (_, UserInput::Choice(Choice::TalkToAgent)) => handoff::request(t, cx),
        (_, UserInput::Choice(Choice::ContactInside)) => transfer::start(t, cx),
        (_, UserInput::Choice(Choice::CallOutside)) => external_call::start(t),
        (_, UserInput::Unsupported | UserInput::Attachment(_)) => {
            t.say(Reply::text(t!(cx.lang, "unsupported-message")));
            replies::reprompt(t, cx);
        }
        (_, UserInput::Choice(_) | UserInput::Command(_)) => {
            t.say(Reply::text(t!(cx.lang, "stale-choice")));
            replies::reprompt(t, cx);
        }
    }
}

/// Operation 2: the user says what kind of request it is.
pub(super) fn on_menu(t: &mut Transition, option: MenuOption, cx: &Context) {
    match option {
        MenuOption::Support => {
            t.go(Step::FirstLevel(FirstLevelStage::Describing));
            t.say(Reply::text(t!(cx.lang, "support-ask")));
        }
        MenuOption::TicketStatus => status::ask_number(t, cx),
        MenuOption::Contact => external_call::ask_kind(t, cx),
        MenuOption::Agent => handoff::request(t, cx),
        MenuOption::OtherMatter => out_of_scope(t, cx),
    }
}

/// Policy: a matter that is not a DGSEI service gets the call center's number.
pub(super) fn out_of_scope(t: &mut Transition, cx: &Context) {
    t.conversation.outcome = Some(Outcome::OutOfScope);
    t.say(Reply::text(t!(
        cx.lang,
        "out-of-scope",
        phone = cx.call_center_phone
    )));
    replies::ask_anything_else(t, cx);
}

pub(super) fn on_command(t: &mut Transition, command: Command, cx: &Context) {
    if let Step::Handoff(_) = t.conversation.step {
        return handoff::on_input(t, UserInput::Command(command), cx);
    }
    let fresh = matches!(t.conversation.step, Step::New | Step::Closed);
    match command {
        Command::Help => {
            if fresh {
                t.say(replies::greeting(cx, false));
                t.go(Step::Menu);
            }
            t.say(Reply::text(t!(cx.lang, "help", name = cx.bot_name())));
            replies::reprompt(t, cx);
        }
        Command::Status(_) if fresh => {
            t.say(replies::greeting(cx, false));
            t.go(Step::Menu);
            on_command(t, command, cx);
        }
        _ if fresh => {
            t.say(replies::greeting(cx, true));
            t.go(Step::Menu);
        }
        Command::Cancel if matches!(t.conversation.step, Step::Ticket(_)) => {
            ticket_wizard::cancel(t, cx);
        }
        Command::Start | Command::Cancel if t.conversation.outcome.is_some() => {
            t.start_over();
            t.say(replies::menu(cx, t!(cx.lang, "menu-again")));
        }
        Command::Start => {
            t.say(replies::greeting(cx, true));
            t.go(Step::Menu);
        }
        Command::Cancel => {
            t.say(Reply::text(t!(cx.lang, "cancelled")));
            t.go(Step::Menu);
            replies::reprompt(t, cx);
        }
        Command::Back if matches!(t.conversation.step, Step::Ticket(_)) => {
            ticket_wizard::back(t, cx);
        }
        Command::Back => replies::reprompt(t, cx),
        Command::Status(argument) => {
            if t.conversation.outcome.is_some() {
                t.start_over();
            }
            match argument.and_then(|a| TicketNumber::parse(&a, cx.ticket_prefix)) {
                Some(number) => status::lookup(t, number),
                None => status::ask_number(t, cx),
            }
        }
        Command::Unknown(_) => {
            t.say(Reply::text(t!(cx.lang, "unknown-command")));
            replies::reprompt(t, cx);
        }
    }
}

/// No message for the inactivity period: close, with the farewell when the
/// request was dealt with, as abandoned otherwise.
fn on_inactive(t: &mut Transition, cx: &Context) {
    match t.conversation.step {
        // The agent ends the conversation; silence while with them is not abandonment.
        Step::New | Step::Closed | Step::Handoff(HandoffStage::WithAgent { .. }) => {}
        _ if t.conversation.outcome.is_some() => {
            t.say(replies::farewell(cx));
            t.close();
        }
        _ => {
            t.say(Reply::text(t!(
                cx.lang,
                "inactivity-closed",
                minutes = cx.inactivity_minutes
            )));
            t.close();
        }
    }
}
