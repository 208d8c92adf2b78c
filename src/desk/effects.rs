//! The router of the protocol's effects: each flow's effects go to the desk
//! module that carries them out (`knowledge` for the first level, `wizard`
//! for tickets, `lookups` for a ticket's status, `handoff::queue` for the
//! agents' queue, `calls`, `transfer`); the conversation's own (closing,
//! starting over, discarding) are carried out here. An effect that needs an
//! answer gives back the input that answers it.

use sqlx::AnyConnection;

use super::{Delivery, Desk, DeskError, Knowledge};
use crate::locale::{Lang, Locale};
use crate::protocol::{Conversation, Effect, FaqEffect, Input, Reply, StatusLookup, TicketEffect};
use crate::store::conversations::{self, Participant};
use crate::store::turn::TurnWrites;

/// One input's run through the protocol: the conversation it is about and
/// what the run has produced so far.
pub(super) struct Running<'a> {
    pub id: i64,
    pub locale: Locale,
    pub who: &'a Participant,
    pub at: i64,
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
    /// The transcript, searches and state, written together (see [`TurnWrites`]).
    pub writes: TurnWrites,
    /// Run on what was read before the write lock: only effects that write
    /// nothing until the end may be carried out.
    pub before_lock: bool,
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
            writes: TurnWrites::default(),
            before_lock: false,
        }
    }

    /// The replies of one transition, kept in the transcript of the
    /// conversation they belong to.
    pub(super) fn said(&mut self, replies: Vec<Reply>) {
        let recorded_in = match self.discarded {
            Some(previous) => previous,
            None => Some(self.id),
        };
        if let Some(conversation_id) = recorded_in {
            self.writes.said(conversation_id, self.at, &replies);
        }
        self.replies.extend(replies);
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
        // A search and an entry read only the FAQ index; the wizard's
        // catalogue, the contact on file and a ticket's status read nothing
        // this turn writes (a missed lookup is written with the turn); a
        // close is written with the rest of the turn. Everything else may
        // read (or delete) what the turn has written so far, and writes as
        // it goes.
        if !matches!(
            effect,
            Effect::FirstLevel(FaqEffect::Search(_) | FaqEffect::Load(_))
                | Effect::Ticket(TicketEffect::LoadServices | TicketEffect::LoadContact)
                | Effect::Status(_)
                | Effect::Close { .. }
        ) {
            if run.before_lock {
                return Err(DeskError::NeedsWriteLock);
            }
            run.writes.flush(conn).await?;
        }
        match effect {
            Effect::FirstLevel(effect) => self.carry_out_faq(conn, run, effect, knowledge).await,
            Effect::Ticket(effect) => self.carry_out_ticket(conn, run, effect, lang).await,
            Effect::Status(StatusLookup { number, email }) => {
                let answer = self
                    .ticket_status(conn, &mut run.writes, run.who, number, email, run.at)
                    .await?;
                Ok(Some(Input::TicketStatus { number, answer }))
            }
            Effect::Handoff(effect) => {
                self.carry_out_handoff(conn, run, effect, conversation)
                    .await
            }
            Effect::Call(effect) => self.carry_out_call(conn, run, effect).await,
            Effect::Transfer(effect) => {
                self.carry_out_transfer(conn, run, effect, conversation)
                    .await
            }
            Effect::Close {
                outcome,
                solved_by_faq,
                rating,
            } => {
                run.writes.close(run.id, outcome, solved_by_faq, run.at);
                run.open = false;
                run.closed = Some(outcome);
                run.rate_after = rating.asks(run.id).then_some(run.id);
                Ok(None)
            }
            Effect::StartOver => {
                self.start_over(conn, run, conversation).await?;
                Ok(None)
            }
            Effect::Discard => {
                run.discarded = Some(conversations::discard(conn, run.id).await?);
                run.open = false;
                Ok(None)
            }
        }
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
        self.store().conversation_id_taken(run.id);
        run.open = true;
        Ok(())
    }
}
