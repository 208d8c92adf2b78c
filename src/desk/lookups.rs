//! The lookups the protocol asks for that need more than one query: a
//! ticket's status (for its owner only), and the FAQ search.

use std::time::Duration;

use sqlx::AnyConnection;

use super::{Desk, DeskError};
use crate::contact::Email;
use crate::faq::FaqIndex;
use crate::protocol::{FaqHit, StatusAnswer};
use crate::store::conversations::Participant;
use crate::store::tickets;
use crate::store::turn::TurnWrites;
use crate::ticket::TicketNumber;

/// Answers offered for one search: the best and up to two alternatives.
const FAQ_RESULTS: usize = 3;
/// Failed ticket lookups a chat may make in `LOOKUP_FAILURE_WINDOW`.
const MAX_LOOKUP_FAILURES: i64 = 5;
const LOOKUP_FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
impl Desk {
    /// A ticket's status, only for its owner: the chat that opened it, or
    /// whoever gives the e-mail on it. Anything else gets the same answer as a
    /// number that does not exist; repeated misses from one chat are refused
    /// for a while. A miss is written with the rest of the turn (`writes`),
    /// so the lookup only reads and may run before the write lock.
    pub(super) async fn ticket_status(
        &self,
        conn: &mut AnyConnection,
        writes: &mut TurnWrites,
        who: &Participant,
        number: TicketNumber,
        email: Option<Email>,
        at: i64,
    ) -> Result<StatusAnswer, DeskError> {
        let window_start = at - LOOKUP_FAILURE_WINDOW.as_millis() as i64;
        let failures =
            tickets::lookup_failures_since(conn, who.channel, who.chat_id, window_start).await?;
        if failures >= MAX_LOOKUP_FAILURES {
            tracing::warn!(
                chat = who.chat_id,
                "ticket status lookups refused after repeated misses"
            );
            return Ok(StatusAnswer::TooManyAttempts);
        }
        let found = tickets::view(conn, number).await?;
        Ok(match (found, email) {
            (Some((view, channel, chat_id, _)), None)
                if channel == who.channel.as_str() && chat_id == who.chat_id =>
            {
                StatusAnswer::Found(Box::new(view))
            }
            (_, None) => StatusAnswer::ProveOwnership,
            (Some((view, _, _, on_file)), Some(given))
                if Email::parse(&on_file).is_ok_and(|on_file| on_file.same_as(&given)) =>
            {
                StatusAnswer::Found(Box::new(view))
            }
            (_, Some(_)) => {
                writes.failed_lookup(who.channel, who.chat_id, at);
                StatusAnswer::NoMatch
            }
        })
    }
}

/// The best answers for what the user wrote, from the in-process index.
pub(super) fn search_faq(index: &FaqIndex, text: &str) -> Vec<FaqHit> {
    index
        .search(text, FAQ_RESULTS)
        .into_iter()
        .map(|found| FaqHit {
            id: found.id,
            question: found.question,
            answer: found.answer,
            sure: found.sure,
        })
        .collect()
}

/// One entry the user chose from the buttons.
pub(super) fn faq_entry(index: &FaqIndex, id: i64) -> Option<FaqHit> {
    index.get(id).map(|entry| FaqHit {
        id: entry.id,
        question: entry.question.clone(),
        answer: entry.answer.clone(),
        sure: true,
    })
}
