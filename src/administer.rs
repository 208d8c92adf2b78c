//! The administrators' commands: each parsed by clap (`cli.rs`), carried out
//! by `mesabot::admin`, which prints. `Ok(false)`: the command did not do
//! what was asked, and said why.

use mesabot::admin::{Admin, CutOff};
use mesabot::config::Config;
use mesabot::desk::{Desk, Settings};
use mesabot::locale::Texts;
use mesabot::store::Store;

use crate::cli::*;

pub async fn run(
    command: Command,
    config: &Config,
    store: &Store,
    texts: Texts,
) -> anyhow::Result<bool> {
    let admin = Admin {
        store,
        lang: texts.lang(config.locale),
        tz: config.tz,
        ticket_prefix: &config.ticket_prefix,
    };
    let done = match command {
        Command::Faq { command } => faq(&admin, command).await?,
        Command::Phrases { command } => phrases(&admin, command).await?,
        Command::Understand {
            text,
            evaluate,
            locale,
        } => {
            let locale = locale.unwrap_or(config.locale);
            understand(&admin, text, evaluate, locale).await?
        }
        Command::Sends => admin.sends_list().await.map(|()| true)?,
        Command::Backup { file } => admin.backup(&file).await?,
        Command::Privacy { command } => privacy(&admin, command).await?,
        Command::Mail { command } => mail(&admin, command).await?,
        Command::Dev {
            command:
                DevCommand::Seed {
                    conversations,
                    months,
                },
        } => {
            let now = chrono::Utc::now().timestamp_millis();
            mesabot::store::indicators::seed(store.writer(), conversations, months, now).await?;
            true
        }
        Command::Staff { command } => staff(&admin, command).await?,
        Command::Call { command } => {
            let desk = Desk::new(store.clone(), texts, Settings::from(config));
            let (call, answered) = match command {
                CallCommand::Answered { call } => (call, true),
                CallCommand::Unanswered { call } => (call, false),
            };
            mesabot::admin::report_call(&desk, call, answered).await?
        }
        Command::Report {
            command,
            month,
            format,
            out,
        } => match command {
            Some(ReportCommand::Calls { month, format, out }) => {
                admin.report_calls(month.as_deref(), &format, out).await?
            }
            None => admin.report(month.as_deref(), &format, out).await?,
        },
        Command::Directory { command } => directory(&admin, command).await?,
        Command::Agent { command } => agent(&admin, command).await?,
        Command::Template { command } => template(&admin, command, config.locale).await?,
        Command::Route { command } => route(&admin, command).await?,
        Command::Ticket { command } => match command {
            TicketCommand::Show { number } => admin.ticket_show(&number).await?,
            TicketCommand::List { status } => admin.ticket_list(status.as_deref()).await?,
        },
        // The front doors are run by main.
        Command::Serve { .. } | Command::Chat { .. } => false,
    };
    Ok(done)
}

async fn understand(
    admin: &Admin<'_>,
    text: Option<String>,
    evaluate: Option<std::path::PathBuf>,
    locale: mesabot::locale::Locale,
) -> anyhow::Result<bool> {
    match (evaluate, text) {
        (Some(dir), _) => {
            admin.understand_evaluate(&dir, locale).await?;
        }
        (None, Some(text)) => admin.understand(&text, locale).await?,
        (None, None) => return Ok(false),
    }
    Ok(true)
}

async fn mail(admin: &Admin<'_>, command: MailCommand) -> anyhow::Result<bool> {
    Ok(match command {
        MailCommand::List => admin.mail_list().await.map(|()| true)?,
        MailCommand::Retry { id } => admin.mail_retry(id).await?,
    })
}

async fn staff(admin: &Admin<'_>, command: StaffCommand) -> anyhow::Result<bool> {
    Ok(match command {
        StaffCommand::Import { file } => admin.staff_import(&file).await?,
        StaffCommand::List => admin.staff_list().await.map(|()| true)?,
    })
}

async fn agent(admin: &Admin<'_>, command: AgentCommand) -> anyhow::Result<bool> {
    Ok(match command {
        AgentCommand::Add { user_id, name } => admin.agent_add(user_id, &name).await?,
        AgentCommand::List => admin.agent_list().await.map(|()| true)?,
        AgentCommand::Remove { user_id } => admin.agent_remove(user_id).await?,
    })
}

async fn faq(admin: &Admin<'_>, command: FaqCommand) -> anyhow::Result<bool> {
    match command {
        FaqCommand::List => admin.faq_list().await?,
        FaqCommand::Import { file } => admin.faq_import(&file).await?,
        FaqCommand::Export { file } => admin.faq_export(&file).await?,
        FaqCommand::Example { number, text } => return admin.faq_example(number, &text).await,
        FaqCommand::Learn { add } => admin.faq_learn(add).await?,
    }
    Ok(true)
}

async fn template(
    admin: &Admin<'_>,
    command: TemplateCommand,
    locale: mesabot::locale::Locale,
) -> anyhow::Result<bool> {
    Ok(match command {
        TemplateCommand::Add {
            name,
            text,
            locale: chosen,
        } => {
            admin
                .template_add(&name, &text, chosen.unwrap_or(locale))
                .await?
        }
        TemplateCommand::List => admin.template_list().await.map(|()| true)?,
        TemplateCommand::Remove { name, locale } => admin.template_remove(&name, locale).await?,
        TemplateCommand::Export { file } => admin.template_export(&file).await.map(|()| true)?,
        TemplateCommand::Import { file } => admin.template_import(&file).await?,
    })
}

async fn route(admin: &Admin<'_>, command: RouteCommand) -> anyhow::Result<bool> {
    Ok(match command {
        RouteCommand::Set { service, chat_id } => admin.route_set(&service, &chat_id).await?,
        RouteCommand::List => admin.route_list().await.map(|()| true)?,
        RouteCommand::Remove { service } => admin.route_remove(&service).await?,
        RouteCommand::Export { file } => admin.route_export(&file).await.map(|()| true)?,
        RouteCommand::Import { file } => admin.route_import(&file).await?,
    })
}

async fn phrases(admin: &Admin<'_>, command: PhrasesCommand) -> anyhow::Result<bool> {
    match command {
        PhrasesCommand::Export { locale, file } => admin.phrases_export(locale, &file).await?,
        PhrasesCommand::Import { locale, file } => admin.phrases_import(locale, &file).await?,
        PhrasesCommand::Reset { locale } => admin.phrases_reset(locale).await?,
    }
    Ok(true)
}

async fn privacy(admin: &Admin<'_>, command: PrivacyCommand) -> anyhow::Result<bool> {
    match command {
        PrivacyCommand::Purge { older_than, before } => {
            let cut_off = match (before, older_than) {
                (Some(day), _) => CutOff::Day(day),
                (None, days) => CutOff::DaysAgo(days.unwrap_or_default()),
            };
            admin.privacy_purge(cut_off).await?
        }
        PrivacyCommand::Export { chat_id } => admin.privacy_export(chat_id).await?,
    }
    Ok(true)
}

async fn directory(admin: &Admin<'_>, command: DirectoryCommand) -> anyhow::Result<bool> {
    match command {
        DirectoryCommand::List => admin.directory_list().await?,
        DirectoryCommand::Import { file } => admin.directory_import(&file).await?,
        DirectoryCommand::Export { file } => admin.directory_export(&file).await?,
    }
    Ok(true)
}
