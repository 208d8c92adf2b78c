//! Ticket work from the agents' group: show, change status (telling the
//! owner in chat and by e-mail), reassign (mailing the new resolver), and
//! re-assess priority.

use super::delivery::{GroupSpot, to_group};
use super::{Delivery, Desk, DeskError, SendClass};
use crate::agents::{Agent, AgentCommand};
use crate::mail::{self, MailContext};
use crate::protocol::Reply;
use crate::store::conversations::Channel;
use crate::store::tickets::TicketRecord;
use crate::store::{self, WriteTx, outbox, tickets};
use crate::t;
use crate::ticket::{Impact, Priority, Status as TicketStatus, TicketNumber, Urgency};

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
        spot: GroupSpot,
        agent: &Agent,
        command: AgentCommand,
        update: Option<i64>,
    ) -> Result<Vec<Delivery>, DeskError> {
        let lang = self.group_lang();
        let prefix = &self.settings.ticket_prefix;
        let raw_number = match &command {
            AgentCommand::ShowTicket(n)
            | AgentCommand::SetStatus { number: n, .. }
            | AgentCommand::Assign { number: n, .. }
            | AgentCommand::Reassess { number: n, .. } => n.clone(),
            AgentCommand::Usage(which) => {
                let which: &str = which;
                let usage = t!(lang, "agent-usage", command = which);
                return self.send_alone(to_group(spot, usage), update).await;
            }
            _ => return Ok(Vec::new()),
        };
        let mut tx = self.begin_action(update).await?;
        let record = match TicketNumber::parse(&raw_number, prefix) {
            Some(number) => tickets::record(&mut tx, number.value()).await?,
            None => None,
        };
        let Some(record) = record else {
            let missing = t!(lang, "agent-ticket-not-found", number = raw_number);
            return self.finish(tx, to_group(spot, missing)).await;
        };
        let work = TicketWork {
            tx,
            spot,
            number: format!("{prefix}{}", record.number),
            record,
            at: store::to_millis((self.clock)()),
            deliveries: Vec::new(),
            queued_mail: false,
        };
        let work = match command {
            AgentCommand::ShowTicket(_) => self.show_ticket(work).await?,
            AgentCommand::SetStatus {
                status, comment, ..
            } => self.set_status(work, agent, status, comment).await?,
            AgentCommand::Assign { target, .. } => self.assign(work, &target).await?,
            AgentCommand::Reassess {
                urgency, impact, ..
            } => self.reassess(work, urgency, impact).await?,
            _ => work,
        };
        self.commit(work.tx, &work.deliveries, SendClass::Conversation)
            .await?;
        if work.queued_mail {
            self.mail_queued.notify_one();
        }
        Ok(work.deliveries)
    }

    async fn show_ticket(&self, mut work: TicketWork) -> Result<TicketWork, DeskError> {
        let history = tickets::history(&mut work.tx, work.record.number).await?;
        let text = crate::report::ticket_detail(
            &work.record,
            &history,
            self.group_lang(),
            self.settings.tz,
            &self.settings.ticket_prefix,
        );
        work.answer(text);
        Ok(work)
    }

    /// The owner hears of it where they opened it, and by e-mail, in their language.
    async fn set_status(
        &self,
        mut work: TicketWork,
        agent: &Agent,
        status: TicketStatus,
        comment: Option<String>,
    ) -> Result<TicketWork, DeskError> {
        let note = match &comment {
            Some(comment) => format!("{} — {comment}", agent.name),
            None => agent.name.clone(),
        };
        let ticket = work.record.number;
        let event = tickets::set_status(&mut work.tx, ticket, status, &note, work.at).await?;
        let updated = tickets::record(&mut work.tx, ticket)
            .await?
            .unwrap_or_else(|| work.record.clone());
        let owner_locale = tickets::owner_locale(&mut work.tx, ticket)
            .await?
            .unwrap_or(self.settings.default_locale);
        let owner_lang = self.texts.lang(owner_locale);
        let comment = comment.unwrap_or_default();
        if Channel::parse(&work.record.channel) == Some(Channel::Telegram) {
            let notice = t!(
                owner_lang,
                "status-changed-notice",
                number = work.number.as_str(),
                status = status.as_str(),
                comment = if comment.is_empty() {
                    "none"
                } else {
                    comment.as_str()
                }
            );
            work.deliveries.push(Delivery::User {
                chat_id: work.record.chat_id,
                reply: Reply::text(notice),
            });
        }
        let mail = mail::status_mail(&updated, owner_lang, &self.mail_context(), &comment, event);
        outbox::enqueue(&mut work.tx, &mail, work.at).await?;
        work.queued_mail = true;
        let done = t!(
            self.group_lang(),
            "agent-status-changed",
            number = work.number.as_str(),
            status = status.as_str()
        );
        work.answer(done);
        Ok(work)
    }

    /// The new resolver is mailed the ticket.
    async fn assign(&self, mut work: TicketWork, target: &str) -> Result<TicketWork, DeskError> {
        let lang = self.group_lang();
        let Some((code, resolver, email)) = tickets::find_assignee(&mut work.tx, target).await?
        else {
            work.answer(t!(lang, "agent-assignee-unknown", target = target));
            return Ok(work);
        };
        let ticket = work.record.number;
        let event =
            tickets::reassign(&mut work.tx, ticket, &code, &resolver, &email, work.at).await?;
        let updated = tickets::record(&mut work.tx, ticket)
            .await?
            .unwrap_or_else(|| work.record.clone());
        let tag = format!("resolver-{event}");
        let mail = mail::resolver_mail(&updated, lang, &self.mail_context(), &tag);
        outbox::enqueue(&mut work.tx, &mail, work.at).await?;
        work.queued_mail = true;
        work.answer(t!(
            lang,
            "agent-reassigned",
            number = work.number.as_str(),
            resolver = resolver.as_str()
        ));
        Ok(work)
    }

    async fn reassess(
        &self,
        mut work: TicketWork,
        urgency: Urgency,
        impact: Impact,
    ) -> Result<TicketWork, DeskError> {
        tickets::reassess(&mut work.tx, work.record.number, urgency, impact, work.at).await?;
        let priority = Priority::assess(urgency, impact).level();
        work.answer(t!(
            self.group_lang(),
            "agent-reassessed",
            number = work.number.as_str(),
            priority = priority,
            urgency = urgency.as_str(),
            impact = impact.as_str()
        ));
        Ok(work)
    }
}

/// One command about one ticket, in its transaction.
struct TicketWork {
    tx: WriteTx,
    spot: GroupSpot,
    record: TicketRecord,
    /// As shown: with the desk's prefix.
    number: String,
    at: i64,
    deliveries: Vec<Delivery>,
    queued_mail: bool,
}

impl TicketWork {
    /// An answer in the group, where the command was given.
    fn answer(&mut self, text: String) {
        self.deliveries.extend(to_group(self.spot, text));
    }
}
