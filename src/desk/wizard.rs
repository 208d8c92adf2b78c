//! The desk's side of the ticket wizard (operations 5-8): the services
//! catalogue, the contact details given before, and the ticket itself with
//! its mails, in the update's transaction.

use sqlx::AnyConnection;

use super::effects::Running;
use super::{Desk, DeskError};
use crate::locale::Lang;
use crate::mail;
use crate::protocol::{Input, NewTicket, TicketAnswer, TicketEffect};
use crate::store::{StoreError, outbox, tickets};
use crate::ticket::TicketNumber;

impl Desk {
    pub(super) async fn carry_out_ticket(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        effect: TicketEffect,
        lang: &Lang,
    ) -> Result<Option<Input>, DeskError> {
        let answer = match effect {
            TicketEffect::LoadServices => TicketAnswer::Services(tickets::services(conn).await?),
            TicketEffect::LoadContact => TicketAnswer::ContactOnFile(
                tickets::contact_on_file(conn, run.who.channel, run.who.chat_id).await?,
            ),
            TicketEffect::Create(ticket) => {
                TicketAnswer::Created(self.create_ticket(conn, run, &ticket, lang).await?)
            }
        };
        Ok(Some(Input::Ticket(answer)))
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
}
