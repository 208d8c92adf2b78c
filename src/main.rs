//! The `mesabot` binary: reads the configuration and wires the parts together.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use mesabot::config::{Config, ProcessEnv, TelegramConfig};
use mesabot::desk::{Desk, Settings};
use mesabot::faq::FaqFile;
use mesabot::locale::{Locale, Texts};
use mesabot::store::Store;
use mesabot::store::conversations::{Channel, Participant};
use mesabot::t;

/// A chat front door for the DGSEI IT help desk (Telegram and terminal).
#[derive(Parser)]
#[command(name = "mesabot", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve users on Telegram (long polling; needs TELOXIDE_TOKEN).
    Serve,
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
}

#[derive(Subcommand)]
enum FaqCommand {
    /// List the questions.
    List,
    /// Replace the knowledge base with a TOML file (see `faq export`).
    Import { file: PathBuf },
    /// Write the knowledge base to a TOML file that can be edited and imported.
    Export { file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("mesabot: .env: {error}");
        return ExitCode::FAILURE;
    }
    let quiet = matches!(cli.command, Command::Chat { .. } | Command::Faq { .. });
    init_logging(quiet);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mesabot: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mesabot: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env(&ProcessEnv)?;
    let telegram = match cli.command {
        // Checked before anything else, so a missing token is the first thing said.
        Command::Serve => Some(TelegramConfig::from_env(&ProcessEnv)?),
        _ => None,
    };
    let texts = Texts::load()?;
    let store = Store::open(&config.database).await?;
    let lang = texts.lang(config.locale);
    match cli.command {
        Command::Serve => {
            let desk = Arc::new(Desk::new(store.clone(), texts, Settings::from(&config)));
            let telegram = telegram.ok_or_else(|| anyhow::anyhow!("no Telegram configuration"))?;
            mesabot::telegram::serve(desk, telegram).await?;
        }
        Command::Chat {
            chat_id,
            name,
            locale,
        } => {
            let who = Participant {
                channel: Channel::Terminal,
                chat_id,
                user_id: None,
                user_name: name.or_else(|| std::env::var("USER").ok()),
                locale: locale.unwrap_or(config.locale),
            };
            let desk = Arc::new(Desk::new(store.clone(), texts, Settings::from(&config)));
            mesabot::terminal::run(desk, who).await?;
        }
        Command::Faq { command } => match command {
            FaqCommand::List => {
                let entries = mesabot::store::faq::list(store.reader()).await?;
                if entries.is_empty() {
                    println!("{}", t!(lang, "cli-faq-empty"));
                }
                for (number, entry) in entries.iter().enumerate() {
                    let service = entry.service.as_deref().unwrap_or("-");
                    println!("{:>4}  [{service}] {}", number + 1, entry.question);
                }
            }
            FaqCommand::Import { file } => {
                let faq = FaqFile::read(&file)?;
                mesabot::store::faq::replace_all(store.writer(), &faq.entries).await?;
                println!(
                    "{}",
                    t!(lang, "cli-faq-imported", count = faq.entries.len())
                );
            }
            FaqCommand::Export { file } => {
                let entries = mesabot::store::faq::list(store.reader()).await?;
                let count = entries.len();
                FaqFile { entries }.write(&file)?;
                println!(
                    "{}",
                    t!(
                        lang,
                        "cli-faq-exported",
                        count = count,
                        path = file.display().to_string()
                    )
                );
            }
        },
    }
    store.close().await;
    Ok(())
}

/// Logs go to stderr; the interactive commands only show warnings unless
/// RUST_LOG says otherwise.
fn init_logging(quiet: bool) {
    let default = if quiet { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
