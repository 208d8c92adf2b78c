//! The command line: what each `mesabot` command takes. Parsing only; what
//! a command does is in `main.rs` (wiring) and the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use mesabot::locale::Locale;

/// A chat front door for the DGSEI IT help desk (Telegram and terminal).
#[derive(Parser)]
#[command(name = "mesabot", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve users on Telegram (needs TELOXIDE_TOKEN; long polling by default).
    Serve {
        /// Receive updates on a webhook (WEBHOOK_URL, WEBHOOK_LISTEN, WEBHOOK_SECRET)
        /// instead of long polling; WEBHOOK_URL alone also chooses it.
        #[arg(long)]
        webhook: bool,
    },
    /// Talk to the bot in this terminal: no token, no network.
    Chat {
        /// The chat to continue or start; another number is another user.
        #[arg(long, default_value_t = 1)]
        chat_id: i64,
        /// The name recorded for this user.
        #[arg(long)]
        name: Option<String>,
        /// es-MX or en; HELPDESK_LOCALE by default.
        #[arg(long)]
        locale: Option<Locale>,
    },
    /// Manage the first-level knowledge base.
    Faq {
        #[command(subcommand)]
        command: FaqCommand,
    },
    /// The phrases the bot understands (greetings, requests, other offices' matters).
    Phrases {
        #[command(subcommand)]
        command: PhrasesCommand,
    },
    /// What the bot understands of a message and why; or, with --evaluate,
    /// the quality figures on a labelled evaluation set.
    Understand {
        /// The message, as a user would write it.
        #[arg(required_unless_present = "evaluate")]
        text: Option<String>,
        /// A folder with faq.toml, intents.toml and off_topic.toml (e.g. tests/eval).
        #[arg(long, value_name = "DIR")]
        evaluate: Option<PathBuf>,
        /// es-MX or en; HELPDESK_LOCALE by default.
        #[arg(long)]
        locale: Option<Locale>,
    },
    /// Look at the mail outbox and send failed mail again.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// Telegram messages waiting to be sent, and those Telegram refused for good.
    Sends,
    /// A consistent copy of the database while the bot runs, checked as a
    /// restore would (SQLite; for PostgreSQL use pg_dump).
    Backup {
        /// A new file for the copy.
        file: PathBuf,
    },
    /// Personal data: anonymise what is old and closed, or give one chat's data (ARCO).
    Privacy {
        #[command(subcommand)]
        command: PrivacyCommand,
    },
    /// Look at tickets.
    Ticket {
        #[command(subcommand)]
        command: TicketCommand,
    },
    /// Manage the directory of areas and people calls are transferred to.
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
    /// The staff registry: who may ask for calls to the outside.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Report an outside call's result (where agents work without Telegram).
    Call {
        #[command(subcommand)]
        command: CallCommand,
    },
    /// The month's indicators (the seed's MEDICIÓN); `report calls` for the call log.
    Report {
        #[command(subcommand)]
        command: Option<ReportCommand>,
        /// YYYY-MM in the desk's time zone; the current month by default.
        #[arg(long)]
        month: Option<String>,
        /// text, csv, xlsx, json, or png (the chart).
        #[arg(long, default_value = "text")]
        format: String,
        /// Where to write it; text and json go to the screen by default.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Tools for developers: a big history to measure the reports on.
    Dev {
        #[command(subcommand)]
        command: DevCommand,
    },
    /// Name the agents of the agents' group.
    Agent {
        #[command(subcommand)]
        command: AgentCommand,
    },
    /// The desk's saved replies, sent by agents with `/plantilla nombre`.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Agents' groups by service: a service's conversations go to its own
    /// group, the rest to the general one (AGENT_CHAT_ID).
    Route {
        #[command(subcommand)]
        command: RouteCommand,
    },
}

#[derive(Subcommand)]
pub enum RouteCommand {
    /// Send a service's conversations to a group (the bot must be in it).
    #[command(allow_negative_numbers = true)]
    Set {
        /// The service's code or name in the catalogue ("red", "Correo electrónico institucional").
        service: String,
        /// The group's chat id (negative, such as -1001234567890).
        chat_id: String,
    },
    /// Each service with a group of its own.
    List,
    /// The service's conversations go back to the general group.
    Remove { service: String },
    /// Write the routes to a TOML file that can be edited and imported.
    Export { file: PathBuf },
    /// Replace every route with those of a TOML file (see `route export`).
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// Add a saved reply, or replace its text in that locale.
    Add {
        /// One word: agents type `/plantilla <name>`.
        name: String,
        /// The text the user receives, in the agent's name.
        text: String,
        /// es-MX or en; HELPDESK_LOCALE by default.
        #[arg(long)]
        locale: Option<Locale>,
    },
    /// The saved replies, with their locale and text.
    List,
    /// Remove a saved reply (in every locale unless --locale says which).
    Remove {
        name: String,
        #[arg(long)]
        locale: Option<Locale>,
    },
    /// Write every saved reply to a TOML file that can be edited and imported.
    Export { file: PathBuf },
    /// Replace every saved reply with those of a TOML file (see `template export`).
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub enum DevCommand {
    /// Adds finished conversations spread over past months (synthetic data).
    Seed {
        #[arg(long, default_value_t = 1_000_000)]
        conversations: i64,
        #[arg(long, default_value_t = 12)]
        months: i64,
    },
}

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Replace the registry with a CSV file: email,name,area (with that header).
    Import { file: PathBuf },
    /// List the registry.
    List,
}

#[derive(Subcommand)]
pub enum CallCommand {
    /// The call (its number, #N) was answered.
    Answered { call: i64 },
    /// Nobody answered the call.
    Unanswered { call: i64 },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The general call log: every call to the outside with its attempts.
    Calls {
        /// YYYY-MM in the desk's time zone; the current month by default.
        #[arg(long)]
        month: Option<String>,
        /// xlsx or csv.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// Where to write it; by default llamadas-YYYY-MM.<format>.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum DirectoryCommand {
    /// List the directory.
    List,
    /// Replace the directory with a TOML file (see `directory export`).
    Import { file: PathBuf },
    /// Write the directory to a TOML file that can be edited and imported.
    Export { file: PathBuf },
}

#[derive(Subcommand)]
pub enum AgentCommand {
    /// Give an agent (by Telegram user id) the name users see.
    Add { user_id: i64, name: String },
    /// The named agents.
    List,
    /// Forget an agent's name (their Telegram profile name is used again).
    Remove { user_id: i64 },
}

#[derive(Subcommand)]
pub enum FaqCommand {
    /// List the questions.
    List,
    /// Replace the knowledge base with a TOML file (see `faq export`).
    Import { file: PathBuf },
    /// Write the knowledge base to a TOML file that can be edited and imported.
    Export { file: PathBuf },
    /// Add an example of how people ask a question (its number in `faq list`),
    /// such as a message of the monthly report whose answer did not help.
    Example { number: usize, text: String },
    /// What users wrote that a question solved although the bot only
    /// suggested it (or showed it after another): examples to teach.
    Learn {
        /// Add every one as an example of the question that solved it.
        #[arg(long)]
        add: bool,
    },
}

#[derive(Subcommand)]
pub enum PhrasesCommand {
    /// Write a locale's phrase file (the desk's, or the one shipped) to edit it.
    Export { locale: Locale, file: PathBuf },
    /// Check a phrase file and make it the locale's (a bad file changes nothing).
    Import { locale: Locale, file: PathBuf },
    /// Go back to the phrases shipped with mesabot.
    Reset { locale: Locale },
}

#[derive(Subcommand)]
pub enum MailCommand {
    /// Every mail with its state, attempts and last error.
    List,
    /// Send a failed or waiting mail again.
    Retry { id: i64 },
}

#[derive(Subcommand)]
pub enum PrivacyCommand {
    /// Anonymise conversations and tickets closed more than DAYS ago; the
    /// indicators keep their counts.
    #[command(group(clap::ArgGroup::new("cut-off").required(true)))]
    Purge {
        #[arg(long = "older-than", value_name = "DAYS", group = "cut-off")]
        older_than: Option<u32>,
        /// Or everything closed before this day (YYYY-MM-DD, in HELPDESK_TZ).
        #[arg(long, value_name = "DATE", group = "cut-off")]
        before: Option<chrono::NaiveDate>,
    },
    /// Everything stored about one chat (its Telegram chat id), as JSON.
    Export { chat_id: i64 },
}

#[derive(Subcommand)]
pub enum TicketCommand {
    /// Every field and the history of one ticket.
    Show { number: String },
    /// Tickets, optionally only those in one status (abierto, asignado, …).
    List {
        #[arg(long)]
        status: Option<String>,
    },
}

/// A one-shot command whose output is piped into a reader that stops early
/// (`mesabot faq list | head -1`) ends quietly, as other command-line tools
/// do, instead of panicking in `println!`. Not for `serve`: a closed log
/// pipe must not stop the bot.
pub fn end_quietly_when_output_closes() {
    #[cfg(unix)]
    // SAFETY: called at the start of `main`, before any other thread exists;
    // it only gives SIGPIPE back its default disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
