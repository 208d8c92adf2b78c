//! The `mesabot` binary: reads the configuration and wires the parts together.

mod administer;
mod cli;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use cli::*;
use mesabot::config::{Config, ProcessEnv, TelegramConfig};
use mesabot::desk::{Desk, Settings};
use mesabot::locale::Texts;
use mesabot::mail::{Mailer, Transport};
use mesabot::store::Store;
use mesabot::store::conversations::{Channel, Participant};
use mesabot::store::lease::Work;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        end_quietly_when_output_closes();
    }
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("mesabot: .env: {error}");
        return ExitCode::FAILURE;
    }
    init_logging(!matches!(cli.command, Command::Serve { .. }));
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mesabot: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("mesabot: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// `Ok(false)`: the command did not do what was asked, and said why.
async fn run(cli: Cli) -> anyhow::Result<bool> {
    let config = Config::from_env(&ProcessEnv)?;
    let telegram = match cli.command {
        // Checked before anything else, so a missing token is the first thing said.
        Command::Serve { webhook } => Some(TelegramConfig::from_env(&ProcessEnv, webhook)?),
        _ => None,
    };
    let texts = Texts::load()?;
    let store = Store::open(&config.database).await?;
    let done = match cli.command {
        Command::Serve { .. } => {
            let telegram = telegram.ok_or_else(|| anyhow::anyhow!("no Telegram configuration"))?;
            let desk = Arc::new(
                Desk::new(store.clone(), texts, Settings::from(&config))
                    .with_send_queue(mesabot::telegram::MAX_MESSAGE_CHARS),
            );
            with_mail_worker(
                &config,
                &store,
                &desk,
                mesabot::telegram::serve(desk.clone(), telegram),
            )
            .await?;
            true
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
            // The terminal has one user and no agents' group.
            let settings = Settings {
                agents: mesabot::agents::AgentSettings::none(),
                relay_transfers: false,
                ..Settings::from(&config)
            };
            let desk = Arc::new(Desk::new(store.clone(), texts, settings));
            with_mail_worker(
                &config,
                &store,
                &desk,
                mesabot::terminal::run(desk.clone(), who),
            )
            .await?;
            true
        }
        command => administer::run(command, &config, &store, texts).await?,
    };
    store.close().await;
    Ok(done)
}

/// Runs a front door with the mail worker beside it; when the front door
/// ends, the worker finishes the mail in hand and sends what is due.
async fn with_mail_worker(
    config: &Config,
    store: &Store,
    desk: &Desk,
    front_door: impl Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<()> {
    let transport = Transport::new(config.smtp_url.as_deref(), &config.outbox_dir)?;
    let mailer = Mailer::new(store.clone(), transport.clone(), config.mail_from.clone());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    // With several processes on one PostgreSQL, one of them sends the mail.
    let worker = {
        let (store, wake, mut stopped) = (store.clone(), desk.mail_queued(), stopped);
        tokio::spawn(async move {
            let mut lease = tokio::select! {
                lease = store.lease(Work::Mail) => lease,
                _ = stopped.wait_for(|stop| *stop) => return None,
            };
            tokio::select! {
                () = mailer.run(wake, stopped) => Some(lease),
                () = lease.lost() => None,
            }
        })
    };
    let result = front_door.await;
    let _ = stop.send(true);
    // Mail queued in the last moments is not left waiting for the next start
    // (by the process that sends the mail, or this one if none does).
    let lease = match worker.await {
        Ok(Some(lease)) => Some(lease),
        _ => store.try_lease(Work::Mail).await,
    };
    if let Some(lease) = lease {
        let last = Mailer::new(store.clone(), transport, config.mail_from.clone());
        if let Err(error) =
            tokio::time::timeout(Duration::from_secs(3), last.deliver_due(chrono::Utc::now())).await
        {
            tracing::warn!(%error, "mail still queued at exit; it is sent at the next start");
        }
        lease.release().await;
    }
    result
}

/// Logs go to stderr; the interactive and administration commands only show
/// warnings unless RUST_LOG says otherwise.
fn init_logging(quiet: bool) {
    let default = if quiet { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
