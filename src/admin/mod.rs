//! The administrators' command line: the FAQ, the mail outbox and tickets.

mod people;
mod privacy;
mod routes;
mod templates;
mod understanding;

pub use privacy::CutOff;

use std::path::Path;

use chrono::Utc;
use chrono_tz::Tz;

use crate::faq::{FaqFile, learning};
use crate::locale::Lang;
use crate::store::faq::ExampleAdded;
use crate::store::{self, Store, from_millis, outbox, tickets};
use crate::t;
use crate::ticket::{Status, TicketNumber};

/// What the commands print with.
pub struct Admin<'a> {
    pub store: &'a Store,
    pub lang: &'a Lang,
    pub tz: Tz,
    pub ticket_prefix: &'a str,
}

/// Writes a file the desk will edit; the path as shown to the administrator.
fn write_for_editing(file: &Path, body: &str) -> anyhow::Result<String> {
    std::fs::write(file, body)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", file.display()))?;
    Ok(file.display().to_string())
}

impl Admin<'_> {
    fn when(&self, ms: i64) -> String {
        from_millis(ms)
            .with_timezone(&self.tz)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    }

    pub async fn faq_list(&self) -> anyhow::Result<()> {
        let entries = store::faq::list(self.store.reader()).await?;
        if entries.is_empty() {
            println!("{}", t!(self.lang, "cli-faq-empty"));
        }
        for (number, entry) in entries.iter().enumerate() {
            let service = entry.service.as_deref().unwrap_or("-");
            println!("{:>4}  [{service}] {}", number + 1, entry.question);
        }
        Ok(())
    }

    pub async fn faq_import(&self, file: &Path) -> anyhow::Result<()> {
        let faq = FaqFile::read(file)?;
        store::faq::replace_all(self.store.writer(), &faq.entries, &faq.synonyms).await?;
        println!(
            "{}",
            t!(self.lang, "cli-faq-imported", count = faq.entries.len())
        );
        Ok(())
    }

    pub async fn faq_export(&self, file: &Path) -> anyhow::Result<()> {
        let entries = store::faq::list(self.store.reader()).await?;
        let synonyms = store::faq::synonyms(self.store.reader()).await?;
        let count = entries.len();
        FaqFile { synonyms, entries }.write(file)?;
        let path = file.display().to_string();
        println!(
            "{}",
            t!(self.lang, "cli-faq-exported", count = count, path = path)
        );
        Ok(())
    }

    /// Adds an example to the entry numbered as `faq list` numbers them.
    pub async fn faq_example(&self, number: usize, text: &str) -> anyhow::Result<bool> {
        let lang = self.lang;
        let added = store::faq::add_example(self.store.writer(), number, text).await?;
        match &added {
            ExampleAdded::Added { question } => {
                println!("{}", t!(lang, "cli-faq-example-added", question = question));
            }
            ExampleAdded::AlreadyThere { question } => {
                println!("{}", t!(lang, "cli-faq-example-known", question = question));
            }
            ExampleAdded::NoSuchEntry { entries } => {
                let entries = *entries;
                eprintln!(
                    "{}",
                    t!(lang, "cli-faq-no-entry", number = number, entries = entries)
                );
            }
            ExampleAdded::Empty => eprintln!("{}", t!(lang, "cli-faq-example-empty")),
        }
        Ok(matches!(
            added,
            ExampleAdded::Added { .. } | ExampleAdded::AlreadyThere { .. }
        ))
    }

    /// Lists what the bot can learn from conversations a question solved
    /// although it was not given as the answer; with `add`, teaches it all.
    pub async fn faq_learn(&self, add: bool) -> anyhow::Result<()> {
        let lang = self.lang;
        let mut conn = self.store.reader().acquire().await?;
        let index = store::faq::index(&mut conn).await?;
        let searches = store::faq::solved_searches(&mut conn, 0, i64::MAX).await?;
        drop(conn);
        let lessons = learning::lessons(&index, &searches);
        if lessons.is_empty() {
            println!("{}", t!(lang, "cli-faq-learn-none"));
            return Ok(());
        }
        if !add {
            println!("{}", t!(lang, "cli-faq-learn-header"));
            for lesson in &lessons {
                println!(
                    "{:>4}  «{}» → {} ({})",
                    lesson.number, lesson.text, lesson.question, lesson.count
                );
                if lesson.personal {
                    println!("      {}", t!(lang, "cli-faq-learn-personal"));
                }
            }
            println!("{}", t!(lang, "cli-faq-learn-hint"));
            return Ok(());
        }
        let (personal, safe): (Vec<_>, Vec<_>) = lessons.iter().partition(|l| l.personal);
        let mut added = 0;
        for lesson in safe {
            let outcome =
                store::faq::add_example(self.store.writer(), lesson.number, &lesson.text).await?;
            if matches!(outcome, ExampleAdded::Added { .. }) {
                added += 1;
            }
        }
        println!("{}", t!(lang, "cli-faq-learned", count = added));
        if !personal.is_empty() {
            println!(
                "{}",
                t!(lang, "cli-faq-learn-left-out", count = personal.len())
            );
        }
        Ok(())
    }

    pub async fn mail_list(&self) -> anyhow::Result<()> {
        let rows = outbox::list(self.store.reader()).await?;
        if rows.is_empty() {
            println!("{}", t!(self.lang, "cli-mail-empty"));
        }
        for row in rows {
            let (state, at) = match (row.sent_at, row.failed_at) {
                (Some(sent), _) => ("sent", sent),
                (None, Some(failed)) => ("failed", failed),
                (None, None) => ("pending", row.next_attempt_at),
            };
            let error = match (state, &row.last_error) {
                ("pending", Some(error)) => format!(" ({error})"),
                (_, Some(error)) => error.clone(),
                (_, None) => String::new(),
            };
            let ticket = row
                .ticket_number
                .map(|n| format!("{}{n}", self.ticket_prefix))
                .unwrap_or_else(|| "-".into());
            println!(
                "{}",
                t!(
                    self.lang,
                    "cli-mail-row",
                    id = row.id,
                    ticket = ticket,
                    purpose = row.purpose,
                    recipient = row.recipient,
                    state = state,
                    at = self.when(at),
                    attempts = row.attempts,
                    error = error
                )
            );
        }
        Ok(())
    }

    /// Puts a failed or waiting mail back in line; `false` when there is none.
    pub async fn mail_retry(&self, id: i64) -> anyhow::Result<bool> {
        let queued = outbox::retry(self.store.writer(), id, store::to_millis(Utc::now())).await?;
        if queued {
            println!("{}", t!(self.lang, "cli-mail-retried", id = id));
        } else {
            eprintln!("{}", t!(self.lang, "cli-mail-not-found", id = id));
        }
        Ok(queued)
    }

    pub async fn report(
        &self,
        month: Option<&str>,
        format: &str,
        out: Option<std::path::PathBuf>,
    ) -> anyhow::Result<bool> {
        let month = self.month(month)?;
        let indicators =
            crate::report::Indicators::gather(self.store.reader(), month, self.tz).await?;
        let bytes = match format {
            "text" => format!(
                "{}\n",
                crate::report::indicators_text(&indicators, self.lang)
            )
            .into_bytes(),
            "json" => format!("{}\n", crate::report::indicators_json(&indicators)?).into_bytes(),
            "csv" => crate::report::indicators_csv(&indicators, self.lang)?,
            "xlsx" => {
                let rows =
                    crate::report::MonthRows::load(self.store.reader(), month, self.tz).await?;
                crate::report::indicators_xlsx(&indicators, &rows, self.tz, self.lang, month)?
            }
            "png" => {
                let trend = crate::report::trend(self.store.reader(), month, self.tz).await?;
                crate::report::chart_png(&month.label(), &trend, self.lang)?
            }
            other => anyhow::bail!("--format {other}: use text, csv, xlsx, json or png"),
        };
        let out = match (out, format) {
            (Some(path), _) => Some(path),
            (None, "text" | "json") => None,
            (None, _) => Some(format!("indicadores-{}.{format}", month.label()).into()),
        };
        match out {
            None => {
                use std::io::Write;
                std::io::stdout().write_all(&bytes)?;
            }
            Some(path) => {
                self.write_report(&path, &bytes)?;
            }
        }
        Ok(true)
    }

    pub async fn report_calls(
        &self,
        month: Option<&str>,
        format: &str,
        out: Option<std::path::PathBuf>,
    ) -> anyhow::Result<bool> {
        let month = self.month(month)?;
        let (from, to) = month.range_ms(self.tz);
        let entries = store::calls::log(self.store.reader(), from, to).await?;
        let bytes = match format {
            "csv" => crate::report::calls_csv(&entries, self.tz, self.lang)?,
            "xlsx" => crate::report::calls_xlsx(&entries, self.tz, self.lang, month)?,
            other => anyhow::bail!("--format {other}: use xlsx or csv"),
        };
        let path = out.unwrap_or_else(|| format!("llamadas-{}.{format}", month.label()).into());
        self.write_report(&path, &bytes)?;
        Ok(true)
    }

    /// The month asked for, or the current one in the desk's time zone.
    fn month(&self, text: Option<&str>) -> anyhow::Result<crate::report::Month> {
        Ok(match text {
            Some(text) => crate::report::Month::parse(text)?,
            None => crate::report::Month::containing(Utc::now(), self.tz),
        })
    }

    fn write_report(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        std::fs::write(path, bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let path = path.display().to_string();
        println!("{}", t!(self.lang, "cli-report-written", path = path));
        Ok(())
    }

    pub async fn ticket_list(&self, status: Option<&str>) -> anyhow::Result<bool> {
        let status = match status {
            None => None,
            Some(text) => match Status::parse(text) {
                Some(status) => Some(status),
                None => {
                    eprintln!("{}", t!(self.lang, "cli-bad-status", status = text));
                    return Ok(false);
                }
            },
        };
        let rows = tickets::list(self.store.reader(), status).await?;
        if rows.is_empty() {
            println!("{}", t!(self.lang, "cli-ticket-empty"));
        }
        for row in rows {
            println!(
                "{}",
                t!(
                    self.lang,
                    "cli-ticket-row",
                    number = format!("{}{}", self.ticket_prefix, row.number),
                    status = t!(self.lang, "status-name", status = row.status.as_str()),
                    priority = row.priority,
                    service = row.service_name,
                    name = row.full_name,
                    opened = self.when(row.created_at)
                )
            );
        }
        Ok(true)
    }

    pub async fn ticket_show(&self, number: &str) -> anyhow::Result<bool> {
        let parsed = TicketNumber::parse(number, self.ticket_prefix);
        let mut conn = self.store.reader().acquire().await?;
        let record = match parsed {
            Some(n) => tickets::record(&mut conn, n.value()).await?,
            None => None,
        };
        let Some(row) = record else {
            eprintln!("{}", t!(self.lang, "cli-ticket-not-found", number = number));
            return Ok(false);
        };
        let history = tickets::history(&mut conn, row.number).await?;
        println!(
            "{}",
            crate::report::ticket_detail(&row, &history, self.lang, self.tz, self.ticket_prefix)
        );
        Ok(true)
    }
}

/// `mesabot call answered|unanswered N`: an agent without Telegram reports a
/// call; the user's front door shows the result.
pub async fn report_call(
    desk: &crate::desk::Desk,
    call: i64,
    answered: bool,
) -> anyhow::Result<bool> {
    let lang = desk.texts().lang(desk.settings().default_locale);
    let agent = std::env::var("USER").unwrap_or_else(|_| "admin".into());
    let attempt = store::calls::open_attempt(desk.store().reader(), call).await?;
    let reported = match attempt {
        Some(attempt) => {
            desk.report_call(attempt, answered, &agent, true, None)
                .await?
        }
        None => None,
    };
    if reported.is_some() {
        println!("{}", t!(lang, "cli-call-reported", call = call));
        Ok(true)
    } else {
        eprintln!("{}", t!(lang, "cli-call-not-pending", call = call));
        Ok(false)
    }
}

impl Admin<'_> {
    /// Telegram messages still queued, and those Telegram refused for good.
    pub async fn sends_list(&self) -> anyhow::Result<()> {
        let (waiting, refused) = store::sends::counts(self.store.reader()).await?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-sends-summary",
                waiting = waiting,
                refused = refused
            )
        );
        for row in store::sends::failed(self.store.reader()).await? {
            println!(
                "{}",
                t!(
                    self.lang,
                    "cli-sends-refused",
                    id = row.id,
                    chat = row.chat_id,
                    queued = self.when(row.created_at),
                    refused = self.when(row.failed_at),
                    attempts = row.attempts,
                    error = row.error
                )
            );
        }
        Ok(())
    }
}
