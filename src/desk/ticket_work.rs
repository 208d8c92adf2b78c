//! Ticket work from the agents' group: show, change status (telling the
//! owner in chat and by e-mail), reassign (mailing the new resolver), and
//! re-assess priority.

use super::{Delivery, Desk, DeskError, SendClass};
use crate::agents::{Agent, AgentCommand};
use crate::mail::{self, MailContext};
use crate::protocol::Reply;
use crate::store::conversations::Channel;
use crate::store::{self, outbox, tickets};
use crate::t;
use crate::ticket::{Priority, TicketNumber};

impl Desk {
    pub(super) fn mail_context(&self) -> MailContext<'_> {
        MailContext {
            tz: self.settings.tz,
            ticket_prefix: &self.settings.ticket_prefix,
            bot_name: self
                .settings
                .bot_name
                .clone()
                .unwrap_or_else(|| t!(self.group_lang(), "bot-default-name")),
            domain: &self.settings.mail_domain,
        }
    }

    /// Commands about a ticket by its number, from anywhere in the group.
    pub(super) async fn ticket_work(
        &self,
        thread: Option<i64>,
        agent: &Agent,
        command: AgentCommand,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let prefix = &self.settings.ticket_prefix;
        let answer = |text: String| {
            vec![Delivery::Group {
                thread,
                reply: Reply::text(text),
            }]
        };
        let raw_number = match &command {
            AgentCommand::ShowTicket(n)
            | AgentCommand::SetStatus { number: n, .. }
            | AgentCommand::Assign { number: n, .. }
            | AgentCommand::Reassess { number: n, .. } => n.clone(),
            AgentCommand::Usage(which) => {
                let which: &str = which;
                return self
                    .send_alone(answer(t!(lang, "agent-usage", command = which)))
                    .await;
            }
            _ => return Ok(Vec::new()),
        };
        let mut tx = self.store.begin().await?;
        let at = store::to_millis((self.clock)());
        let record = match TicketNumber::parse(&raw_number, prefix) {
            Some(number) => tickets::record(&mut tx, number.value()).await?,
            None => None,
        };
        let Some(record) = record else {
            let missing = answer(t!(lang, "agent-ticket-not-found", number = raw_number));
            return self.finish(tx, missing).await;
        };
        let number = format!("{prefix}{}", record.number);
        let mut deliveries = Vec::new();
        let mut queued_mail = false;
        match command {
            AgentCommand::ShowTicket(_) => {
                let history = tickets::history(&mut tx, record.number).await?;
                let text =
                    crate::report::ticket_detail(&record, &history, lang, self.settings.tz, prefix);
                deliveries.extend(answer(text));
            }
            AgentCommand::SetStatus {
                status, comment, ..
            } => {
                let note = match &comment {
                    Some(comment) => format!("{} — {comment}", agent.name),
                    None => agent.name.clone(),
                };
                let event = tickets::set_status(&mut tx, record.number, status, &note, at).await?;
                let updated = tickets::record(&mut tx, record.number)
                    .await?
                    .unwrap_or_else(|| record.clone());
                // The owner hears of it where they opened it, and by e-mail.
                let user_lang = lang;
                let comment = comment.unwrap_or_default();
                if Channel::parse(&record.channel) == Some(Channel::Telegram) {
                    let notice = t!(
                        user_lang,
                        "status-changed-notice",
                        number = number.as_str(),
                        status = status.as_str(),
                        comment = if comment.is_empty() {
                            "none"
                        } else {
                            comment.as_str()
                        }
                    );
                    deliveries.push(Delivery::User {
                        chat_id: record.chat_id,
                        reply: Reply::text(notice),
                    });
                }
                let mail =
                    mail::status_mail(&updated, user_lang, &self.mail_context(), &comment, event);
                outbox::enqueue(&mut tx, &mail, at).await?;
                queued_mail = true;
                deliveries.extend(answer(t!(
                    lang,
                    "agent-status-changed",
                    number = number.as_str(),
                    status = status.as_str()
                )));
            }
            AgentCommand::Assign { target, .. } => {
                match tickets::find_assignee(&mut tx, &target).await? {
                    Some((code, resolver, email)) => {
                        let event =
                            tickets::reassign(&mut tx, record.number, &code, &resolver, &email, at)
                                .await?;
                        let updated = tickets::record(&mut tx, record.number)
                            .await?
                            .unwrap_or_else(|| record.clone());
                        let tag = format!("resolver-{event}");
                        let mail = mail::resolver_mail(&updated, lang, &self.mail_context(), &tag);
                        outbox::enqueue(&mut tx, &mail, at).await?;
                        queued_mail = true;
                        deliveries.extend(answer(t!(
                            lang,
                            "agent-reassigned",
                            number = number.as_str(),
                            resolver = resolver.as_str()
                        )));
                    }
                    None => deliveries.extend(answer(t!(
                        lang,
                        "agent-assignee-unknown",
                        target = target
                    ))),
                }
            }
            AgentCommand::Reassess {
                urgency, impact, ..
            } => {
                tickets::reassess(&mut tx, record.number, urgency, impact, at).await?;
                let priority = Priority::assess(urgency, impact).level();
                deliveries.extend(answer(t!(
                    lang,
                    "agent-reassessed",
                    number = number.as_str(),
                    priority = priority,
                    urgency = urgency.as_str(),
                    impact = impact.as_str()
                )));
            }
            _ => {}
        }
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        if queued_mail {
            self.mail_queued.notify_one();
        }
        Ok(deliveries)
    }
}
