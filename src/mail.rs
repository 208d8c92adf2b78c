//! E-mail (lettre): the ticket mails to the user and to the resolver, and the
//! worker that drains the outbox with retries, backoff and a record of every
//! attempt. With no `SMTP_URL`, mails are written as `.eml` files to a folder.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Notify, watch};

use crate::locale::Lang;
use crate::store::outbox::{self, NewMail, Pending};
use crate::store::tickets::TicketRecord;
use crate::store::{self, Store, StoreError, from_millis};
use crate::t;

/// Attempts before a mail that keeps failing is given up and shown as failed.
pub const MAX_ATTEMPTS: i64 = 20;
/// The first retry waits this long; each next one twice as long, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::from_secs(30);
const MAX_BACKOFF: Duration = Duration::from_secs(30 * 60);
/// How often the worker looks at the outbox when nobody wakes it: mail is
/// also queued by other processes (replicas, administrators' commands),
/// whose wake-ups it does not hear. The look is one indexed query.
const IDLE_POLL: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP_URL: {0}")]
    SmtpUrl(String),
    #[error("cannot create the outbox folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder: the default with no SMTP server.
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    pub fn new(smtp_url: Option<&str>, outbox_dir: &Path) -> Result<Transport, MailError> {
        match smtp_url {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            )),
            None => {
                std::fs::create_dir_all(outbox_dir).map_err(|source| MailError::Folder {
                    path: outbox_dir.display().to_string(),
                    source,
                })?;
                Ok(Transport::Files(AsyncFileTransport::new(outbox_dir)))
            }
        }
    }

    /// Sends one message; `Err((permanent, reason))` on failure.
    async fn send(&self, message: Message) -> Result<(), (bool, String)> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (e.is_permanent(), e.to_string())),
            Transport::Files(files) => files
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| (false, e.to_string())),
        }
    }
}

/// What the mails of a ticket need besides the ticket.
pub struct MailContext<'a> {
    pub tz: Tz,
    pub ticket_prefix: &'a str,
    pub bot_name: String,
    /// For Message-ID headers: the domain of `MAIL_FROM`.
    pub domain: &'a str,
}

/// The two mails of operation 8: the number to the user, the assignment to the resolver.
pub fn ticket_mails(
    record: &TicketRecord,
    user: &Lang,
    resolver: &Lang,
    cx: &MailContext,
) -> [NewMail; 2] {
    let number = format!("{}{}", cx.ticket_prefix, record.number);
    let user_text = t!(
        user,
        "mail-user-body",
        name = record.full_name.as_str(),
        number = number.as_str(),
        kind = record.kind.as_str(),
        service = record.service_name.as_str(),
        priority = record.priority,
        detail = record.detail.as_str(),
        phone = record.phone.as_str(),
        bot = cx.bot_name.as_str()
    );
    [
        NewMail {
            ticket_number: Some(record.number),
            purpose: "ticket_user",
            recipient: record.email.clone(),
            subject: t!(user, "mail-user-subject", number = number.as_str()),
            body_html: html(&user_text),
            body_text: user_text,
            message_id: format!("<ticket-{}-user@{}>", record.number, cx.domain),
        },
        resolver_mail(record, resolver, cx, "resolver"),
    ]
}

/// Every field of the ticket and how to reach the user, to its resolver.
/// `tag` tells this mail from earlier ones about the same ticket.
pub fn resolver_mail(
    record: &TicketRecord,
    resolver: &Lang,
    cx: &MailContext,
    tag: &str,
) -> NewMail {
    let number = format!("{}{}", cx.ticket_prefix, record.number);
    let when = |ms| {
        from_millis(ms)
            .with_timezone(&cx.tz)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    };
    let attachment = record.attachment_file_id.as_deref().unwrap_or("-");
    let resolver_text = t!(
        resolver,
        "mail-resolver-body",
        resolver = record.resolver_name.as_str(),
        number = number.as_str(),
        kind = record.kind.as_str(),
        service = record.service_name.as_str(),
        priority = record.priority,
        impact = record.impact.as_str(),
        urgency = record.urgency.as_str(),
        detail = record.detail.as_str(),
        attachment = attachment,
        name = record.full_name.as_str(),
        email = record.email.as_str(),
        phone = record.phone.as_str(),
        opened = when(record.created_at)
    );
    NewMail {
        ticket_number: Some(record.number),
        purpose: "ticket_resolver",
        recipient: format!("{} <{}>", record.resolver_name, record.resolver_email),
        subject: t!(
            resolver,
            "mail-resolver-subject",
            number = number.as_str(),
            priority = record.priority,
            service = record.service_name.as_str()
        ),
        body_html: html(&resolver_text),
        body_text: resolver_text,
        message_id: format!("<ticket-{}-{tag}@{}>", record.number, cx.domain),
    }
}

/// A status change, to the ticket's owner.
pub fn status_mail(
    record: &TicketRecord,
    user: &Lang,
    cx: &MailContext,
    comment: &str,
    event: i64,
) -> NewMail {
    let number = format!("{}{}", cx.ticket_prefix, record.number);
    let text = t!(
        user,
        "mail-status-body",
        name = record.full_name.as_str(),
        number = number.as_str(),
        status = record.status.as_str(),
        comment = comment,
        bot = cx.bot_name.as_str()
    );
    NewMail {
        ticket_number: Some(record.number),
        purpose: "ticket_status",
        recipient: record.email.clone(),
        subject: t!(
            user,
            "mail-status-subject",
            number = number.as_str(),
            status = record.status.as_str()
        ),
        body_html: html(&text),
        body_text: text,
        message_id: format!("<ticket-{}-status-{event}@{}>", record.number, cx.domain),
    }
}

/// The HTML alternative of a plain-text mail: paragraphs and line breaks,
/// every character of user text escaped.
pub fn html(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;")
    };
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>\n")))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n{}\n</body></html>\n",
        paragraphs.join("\n")
    )
}

/// Drains the outbox.
pub struct Mailer {
    store: Store,
    transport: Transport,
    from: Mailbox,
}

impl Mailer {
    pub fn new(store: Store, transport: Transport, from: Mailbox) -> Mailer {
        Mailer {
            store,
            transport,
            from,
        }
    }

    /// Sends every mail due at `now`; returns how many were sent.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<usize, MailError> {
        self.deliver(now, store::to_millis(now), None).await
    }

    /// Sends every mail still waiting, whatever its backoff: at start, when
    /// the mail server (or its settings) may just have been fixed.
    pub async fn deliver_waiting(&self, now: DateTime<Utc>) -> Result<usize, MailError> {
        self.deliver(now, i64::MAX, None).await
    }

    /// `stop`, when it turns true, ends the pass between two mails.
    async fn deliver(
        &self,
        now: DateTime<Utc>,
        due_by_ms: i64,
        stop: Option<&watch::Receiver<bool>>,
    ) -> Result<usize, MailError> {
        let now_ms = store::to_millis(now);
        let mut sent = 0;
        for mail in outbox::due(self.store.reader(), due_by_ms, 50).await? {
            if stop.is_some_and(|stop| *stop.borrow()) {
                break;
            }
            match self.send(&mail).await {
                Ok(()) => {
                    outbox::mark_sent(self.store.writer(), mail.id, now_ms).await?;
                    tracing::info!(mail = mail.id, "mail sent");
                    sent += 1;
                }
                Err((permanent, error)) if permanent || mail.attempts + 1 >= MAX_ATTEMPTS => {
                    crate::monitor::error("mail_failed");
                    tracing::error!(mail = mail.id, %error, "mail failed for good; see `mesabot mail list`");
                    outbox::mark_failed(self.store.writer(), mail.id, now_ms, &error).await?;
                }
                Err((_, error)) => {
                    let wait = backoff(mail.attempts + 1);
                    crate::monitor::error("mail_retry");
                    tracing::warn!(mail = mail.id, %error, retry_in_secs = wait.as_secs(), "mail not sent; will retry");
                    let next = now_ms + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
                    outbox::mark_retry(self.store.writer(), mail.id, next, &error).await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, mail: &Pending) -> Result<(), (bool, String)> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| (true, format!("bad recipient «{}»: {e}", mail.recipient)))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(mail.message_id.clone()))
            .multipart(MultiPart::alternative_plain_html(
                mail.body_text.clone(),
                mail.body_html.clone(),
            ))
            .map_err(|e| (true, format!("cannot build the message: {e}")))?;
        self.transport.send(message).await
    }

    /// Runs until `stop` turns true, sending mail when woken or when due.
    pub async fn run(self, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
        let mut first = true;
        loop {
            if *stop.borrow() {
                break;
            }
            let now = Utc::now();
            let due_by = if first {
                i64::MAX
            } else {
                store::to_millis(now)
            };
            first = false;
            let result = {
                let watching = stop.clone();
                let pass = self.deliver(now, due_by, Some(&watching));
                tokio::pin!(pass);
                let mut stopping = stop.clone();
                tokio::select! {
                    result = &mut pass => result,
                    _ = stopping.changed() => {
                        // The mail being sent may finish; a server that hangs is
                        // left (the mail is not marked and goes at the next start).
                        tokio::time::timeout(STOP_GRACE, pass).await.unwrap_or(Ok(0))
                    }
                }
            };
            if let Err(error) = result {
                tracing::error!(%error, "mail worker");
            }
            let wait = match outbox::next_due(self.store.reader()).await {
                Ok(Some(at)) => {
                    let ms =
                        (at - store::to_millis(Utc::now())).clamp(0, IDLE_POLL.as_millis() as i64);
                    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
                }
                _ => IDLE_POLL,
            };
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// At a stop signal, how long the mail being sent may still take.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// 30 s, 1 min, 2 min … up to 30 min.
fn backoff(attempt: i64) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(u32::MAX)
        .min(16);
    FIRST_BACKOFF
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_half_an_hour() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(4), Duration::from_secs(240));
        assert_eq!(backoff(40), MAX_BACKOFF);
    }

    #[test]
    fn user_text_is_escaped_in_html() {
        let page = html("Hola <b>Ana</b> & \"co\"\n\nfin");
        assert!(page.contains("<p>Hola &lt;b&gt;Ana&lt;/b&gt; &amp; &quot;co&quot;</p>"));
        assert!(page.contains("<p>fin</p>"));
    }
}
