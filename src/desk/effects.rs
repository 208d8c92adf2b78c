//! The router of the protocol's effects: each goes to the code that carries
//! it out (the FAQ index, tickets, the agents' queue, calls, transfers, the
//! conversation's record), and an effect that needs an answer gives back
//! the input that answers it.

use super::transfer::TransferRequest;
use crate::protocol::NewTicket;
use sqlx::AnyConnection;

use super::{Delivery, Desk, DeskError, Knowledge, lookups};
use crate::locale::{Lang, Locale};
use crate::mail;
use crate::protocol::{CallAnswer, FaqAnswer, HandoffEvent, TicketAnswer, TransferAnswer};
use crate::protocol::{Conversation, Effect, Input, Reply};
use crate::store::conversations::{self, Participant};
use crate::store::{self, StoreError, outbox, tickets};
use crate::ticket::TicketNumber;

/// One input's run through the protocol: the conversation it is about and
/// what the run has produced so far.
pub(super) struct Running<'a> {
    pub id: i64,
    locale: Locale,
    who: &'a Participant,
    at: i64,
    pub replies: Vec<Reply>,
    pub deliveries: Vec<Delivery>,
    pub queued_mail: bool,
    /// Whether the conversation is still open.
    pub open: bool,
    /// Nothing was asked: the exchange went to the chat's previous
    /// conversation (`Some`), or nowhere when it has none (`None`).
    pub discarded: Option<Option<i64>>,
    /// A closed conversation to ask the satisfaction question about.
    pub rate_after: Option<i64>,
    /// The outcome the conversation was closed with, if it was.
    pub closed: Option<crate::protocol::Outcome>,
}

impl<'a> Running<'a> {
    pub(super) fn new(id: i64, locale: Locale, who: &'a Participant, at: i64) -> Self {
        Running {
            id,
            locale,
            who,
            at,
            replies: Vec::new(),
            deliveries: Vec::new(),
            queued_mail: false,
            open: true,
            discarded: None,
            rate_after: None,
            closed: None,
        }
    }

    /// The replies of one transition, kept in the transcript of the
    /// conversation they belong to.
    pub(super) async fn said(
        &mut self,
        conn: &mut AnyConnection,
        replies: Vec<Reply>,
    ) -> Result<(), DeskError> {
        let recorded_in = match self.discarded {
            Some(previous) => previous,
            None => Some(self.id),
        };
        if let Some(conversation_id) = recorded_in {
            for reply in &replies {
                conversations::record_out(conn, conversation_id, self.at, reply).await?;
            }
        }
        self.replies.extend(replies);
        Ok(())
    }
}

impl Desk {
    /// Carries out one effect; `Some` is the input that answers it.
    pub(super) async fn carry_out(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        effect: Effect,
        conversation: &Conversation,
        knowledge: &Knowledge,
        lang: &Lang,
    ) -> Result<Option<Input>, DeskError> {
        let (id, who, at) = (run.id, run.who, run.at);
        match effect {
            Effect::SearchFaq(text) => {
                let hits = lookups::search_faq(&knowledge.faq, &text);
                store::faq::record_search(conn, id, at, &text, &hits).await?;
                return Ok(Some(Input::FirstLevel(FaqAnswer::Found(hits))));
            }
            Effect::LoadFaq(faq_id) => {
                return Ok(Some(Input::FirstLevel(FaqAnswer::Entry(
                    lookups::faq_entry(&knowledge.faq, faq_id),
                ))));
            }
            Effect::FaqRejected { faq_id, question } => {
                store::faq::record_rejection(conn, id, at, faq_id, &question).await?;
            }
            Effect::Discard => {
                run.discarded = Some(conversations::discard(conn, id).await?);
                run.open = false;
            }
            Effect::LoadServices => {
                return Ok(Some(Input::Ticket(TicketAnswer::Services(
                    tickets::services(conn).await?,
                ))));
            }
            Effect::LoadContact => {
                let contact = tickets::contact_on_file(conn, who.channel, who.chat_id).await?;
                return Ok(Some(Input::Ticket(TicketAnswer::ContactOnFile(contact))));
            }
            Effect::CreateTicket(ticket) => {
                let number = self.create_ticket(conn, run, &ticket, lang).await?;
                return Ok(Some(Input::Ticket(TicketAnswer::Created(number))));
            }
            Effect::LookupTicket { number, email } => {
                let answer = self.ticket_status(conn, who, number, email, at).await?;
                return Ok(Some(Input::TicketStatus { number, answer }));
            }
            Effect::Escalate { reason } => {
                let (position, card) = self
                    .escalate(conn, id, who, reason, conversation, at)
                    .await?;
                run.deliveries.push(card);
                return Ok(Some(Input::Handoff(HandoffEvent::Queued { position })));
            }
            Effect::RelayToAgent(input) => {
                run.deliveries
                    .extend(self.relay_to_agents(conn, id, who, input).await?);
            }
            Effect::LeaveQueue => {
                run.deliveries.extend(self.leave_queue(conn, id, at).await?);
            }
            Effect::CheckStaff => {
                return Ok(Some(Input::Call(CallAnswer::StaffStatus(
                    self.staff_status(conn, who, at).await?,
                ))));
            }
            Effect::SendStaffCode { email } => {
                let (answer, mailed) = self.send_staff_code(conn, who, &email, at).await?;
                run.queued_mail |= mailed;
                return Ok(Some(Input::Call(CallAnswer::StaffCodeSent(answer))));
            }
            Effect::VerifyStaffCode { code } => {
                let check = self.verify_staff_code(conn, who, &code, at).await?;
                return Ok(Some(Input::Call(CallAnswer::StaffCodeChecked(check))));
            }
            Effect::RequestCall {
                call,
                person,
                number,
                place,
            } => {
                let (call_id, posted) = self
                    .request_call(conn, id, who, call, &person, &number, &place, at)
                    .await?;
                run.deliveries.extend(posted);
                return Ok(Some(Input::Call(CallAnswer::Requested { call_id })));
            }
            Effect::ScheduleCallRetry { call, minutes } => {
                self.schedule_retry(conn, call, minutes, at).await?;
            }
            Effect::EndCall { call } => self.end_call(conn, call, at).await?,
            Effect::SearchDirectory(text) => {
                return Ok(Some(Input::Transfer(TransferAnswer::DirectoryFound(
                    self.search_directory(conn, &text).await?,
                ))));
            }
            Effect::Transfer {
                target,
                caller,
                from,
            } => {
                let request = TransferRequest {
                    conversation_id: id,
                    who,
                    caller: &caller,
                    from: &from,
                    problem: conversation.problem.as_deref(),
                    at,
                };
                let done = self.transfer(conn, target, request).await?;
                run.deliveries.extend(done.deliveries);
                run.queued_mail |= done.queued_mail;
                return Ok(Some(Input::Transfer(TransferAnswer::Transferred(
                    done.result,
                ))));
            }
            Effect::Close {
                outcome,
                solved_by_faq,
                rating,
            } => {
                conversations::close(conn, id, outcome, solved_by_faq, at).await?;
                run.open = false;
                run.closed = Some(outcome);
                run.rate_after = rating.asks(id).then_some(id);
            }
            Effect::StartOver => self.start_over(conn, run, conversation).await?,
        }
        Ok(None)
    }

    /// The ticket and its mails (to the user, in their language; to the
    /// resolver, in the desk's), in the update's transaction.
    async fn create_ticket(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        ticket: &NewTicket,
        lang: &Lang,
    ) -> Result<TicketNumber, DeskError> {
        let (who, at) = (run.who, run.at);
        let record = tickets::create(conn, who.channel, who.chat_id, run.id, ticket, at).await?;
        let mail_cx = self.mail_context();
        let resolver_lang = self.texts.lang(self.settings.default_locale);
        for mail in mail::ticket_mails(&record, lang, resolver_lang, &mail_cx) {
            outbox::enqueue(conn, &mail, at).await?;
        }
        run.queued_mail = true;
        Ok(TicketNumber::new(record.number)
            .ok_or_else(|| StoreError::Invalid("ticket number 0".into()))?)
    }

    /// A new conversation for the same person, carried on at once: no
    /// rating question in the way.
    async fn start_over(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        conversation: &Conversation,
    ) -> Result<(), DeskError> {
        run.rate_after = None;
        let who = Participant {
            locale: run.locale,
            ..run.who.clone()
        };
        run.id = conversations::insert(conn, &who, conversation, run.at).await?;
        run.open = true;
        Ok(())
    }
}
