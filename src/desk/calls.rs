//! The desk's side of calls to the outside (operations 14-24): the call
//! log, posting calls to the agents, their reports, and retries at the time
//! the user chose. Staff verification by an e-mailed code is in
//! `staff_check`.

use sqlx::AnyConnection;

use super::effects::Running;
use super::{Delivery, Desk, DeskError, Opening, SendClass};
use crate::contact::Phone;
use crate::protocol::{Button, Choice, Input, Reply};
use crate::protocol::{CallAnswer, CallEffect};
use crate::store::calls::{self, CallRow};
use crate::store::conversations::{Channel, Participant};
use crate::store::{self, StoreError};
use crate::t;

impl Desk {
    /// A call's effects: the staff check, logging and posting the call, a
    /// retry, and letting it go.
    pub(super) async fn carry_out_call(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        effect: CallEffect,
    ) -> Result<Option<Input>, DeskError> {
        let (id, who, at) = (run.id, run.who, run.at);
        let answer = match effect {
            CallEffect::CheckStaff => {
                CallAnswer::StaffStatus(self.staff_status(conn, who, at).await?)
            }
            CallEffect::SendStaffCode { email } => {
                let (answer, mailed) = self.send_staff_code(conn, who, &email, at).await?;
                run.queued_mail |= mailed;
                CallAnswer::StaffCodeSent(answer)
            }
            CallEffect::VerifyStaffCode { code } => {
                CallAnswer::StaffCodeChecked(self.verify_staff_code(conn, who, &code, at).await?)
            }
            CallEffect::Request {
                call,
                person,
                number,
                place,
            } => {
                let (call_id, posted) = self
                    .request_call(conn, id, who, call, &person, &number, &place, at)
                    .await?;
                run.deliveries.extend(posted);
                CallAnswer::Requested { call_id }
            }
            CallEffect::ScheduleRetry { call, minutes } => {
                self.schedule_retry(conn, call, minutes, at).await?;
                return Ok(None);
            }
            CallEffect::End { call } => {
                self.end_call(conn, call, at).await?;
                return Ok(None);
            }
        };
        Ok(Some(Input::Call(answer)))
    }

    /// Op 16: the call is written to the log at once and posted to the agents.
    #[allow(clippy::too_many_arguments)]
    async fn request_call(
        &self,
        conn: &mut AnyConnection,
        conversation_id: i64,
        who: &Participant,
        call: Option<i64>,
        person: &str,
        number: &Phone,
        place: &str,
        at: i64,
    ) -> Result<(i64, Vec<Delivery>), DeskError> {
        let call_id = match call {
            Some(id) => id,
            None => {
                let (name, email) = calls::verified(conn, who.channel, who.chat_id, at)
                    .await?
                    .unwrap_or_default();
                calls::open_call(
                    conn,
                    conversation_id,
                    who.channel,
                    who.chat_id,
                    &name,
                    &email,
                    person,
                    place,
                    at,
                )
                .await?
            }
        };
        let deliveries = self
            .post_attempt(conn, call_id, &number.to_string(), at)
            .await?;
        Ok((call_id, deliveries))
    }

    async fn post_attempt(
        &self,
        conn: &mut AnyConnection,
        call_id: i64,
        number: &str,
        at: i64,
    ) -> Result<Vec<Delivery>, DeskError> {
        let (attempt, count) = calls::add_attempt(conn, call_id, number, at).await?;
        let Some(call) = calls::call(conn, call_id).await? else {
            return Ok(Vec::new());
        };
        if self.settings.agents.group_chat_id.is_none() {
            // No agents' group: the call waits for `mesabot call answered|unanswered`.
            return Ok(Vec::new());
        }
        let lang = self.group_lang();
        let text = t!(
            lang,
            "agent-call-request",
            call = call.id,
            requester = call.requester_name.as_str(),
            email = call.requester_email.as_str(),
            person = call.person.as_str(),
            place = call.place.as_str(),
            number = number,
            attempt = count
        );
        let report = |answered| Button {
            label: if answered {
                t!(lang, "agent-call-answered")
            } else {
                t!(lang, "agent-call-not-answered")
            },
            choice: Choice::CallReport { attempt, answered },
        };
        Ok(vec![Delivery::Group {
            group: None,
            thread: None,
            reply: Reply {
                text,
                buttons: vec![vec![report(true), report(false)]],
            },
        }])
    }

    async fn schedule_retry(
        &self,
        conn: &mut AnyConnection,
        call: i64,
        minutes: u16,
        at: i64,
    ) -> Result<(), StoreError> {
        calls::schedule_retry(conn, call, at + i64::from(minutes) * 60_000).await
    }

    async fn end_call(
        &self,
        conn: &mut AnyConnection,
        call: i64,
        at: i64,
    ) -> Result<(), StoreError> {
        calls::end(conn, call, at).await
    }

    /// An agent reports an attempt (op 17 or 19); the user hears of it. From
    /// the command line (`queue`), replies wait for the user's front door.
    /// `update`: the Telegram update it arrived in (see [`Desk::begin_action`]).
    pub async fn report_call(
        &self,
        attempt: i64,
        answered: bool,
        agent: &str,
        queue: bool,
        update: Option<i64>,
    ) -> Result<Option<Vec<Delivery>>, DeskError> {
        let mut tx = self.begin_action(update).await?;
        let at = store::to_millis((self.clock)());
        let Some((call, number)) = calls::report(&mut tx, attempt, answered, agent, at).await?
        else {
            return Ok(None);
        };
        let mut deliveries = self.tell_caller(&mut tx, &call, answered, number).await?;
        let lang = self.group_lang();
        if self.settings.agents.group_chat_id.is_some() {
            deliveries.push(Delivery::Group {
                group: None,
                thread: None,
                reply: Reply::text(t!(
                    lang,
                    "agent-call-reported",
                    call = call.id,
                    answered = if answered { "yes" } else { "no" },
                    agent = agent
                )),
            });
        }
        if queue {
            let Some(channel) = Channel::parse(&call.channel) else {
                return Ok(Some(Vec::new()));
            };
            for delivery in deliveries.drain(..) {
                if let Delivery::User { chat_id, reply } = delivery {
                    let body = serde_json::to_string(&reply).unwrap_or_default();
                    calls::queue_reply(&mut tx, channel, chat_id, &body, at).await?;
                }
            }
        }
        self.commit(tx, &deliveries, SendClass::Conversation)
            .await?;
        Ok(Some(deliveries))
    }

    /// The caller learns the result: in the conversation when it still waits
    /// for it, or as a plain notice (a retry reported later).
    async fn tell_caller(
        &self,
        conn: &mut AnyConnection,
        call: &CallRow,
        answered: bool,
        number: String,
    ) -> Result<Vec<Delivery>, DeskError> {
        let Some(channel) = Channel::parse(&call.channel) else {
            return Ok(Vec::new());
        };
        let who = Participant {
            channel,
            chat_id: call.chat_id,
            user_id: None,
            user_name: None,
            locale: self.settings.default_locale,
        };
        crate::store::conversations::lock_chat(conn, call.chat_id).await?;
        let waiting = crate::store::conversations::find_open(conn, channel, call.chat_id)
            .await?
            .filter(|open| crate::protocol::waits_for_call(&open.conversation, call.id));
        if waiting.is_some() {
            let ran = self
                .run(
                    conn,
                    &who,
                    Input::Call(CallAnswer::Result { answered, number }),
                    None,
                    waiting.into(),
                    Opening::OnlyExisting,
                )
                .await?;
            let mut deliveries: Vec<Delivery> = ran
                .replies
                .into_iter()
                .map(|reply| Delivery::User {
                    chat_id: call.chat_id,
                    reply,
                })
                .collect();
            deliveries.extend(ran.deliveries);
            return Ok(deliveries);
        }
        Ok(vec![Delivery::User {
            chat_id: call.chat_id,
            reply: crate::protocol::later_result(
                self.group_lang(),
                &call.person,
                &number,
                answered,
            ),
        }])
    }

    /// Calls whose retry time has come are posted to the agents again (op 23 → 16).
    pub async fn due_call_retries(&self) -> Result<Vec<Delivery>, DeskError> {
        let now = store::to_millis((self.clock)());
        let mut deliveries = Vec::new();
        for (call, number) in calls::due_retries(self.store.reader(), now).await? {
            let tx_deliveries = {
                let mut tx = self.store.begin().await?;
                let posted = self.post_attempt(&mut tx, call, &number, now).await?;
                self.commit(tx, &posted, SendClass::Conversation).await?;
                posted
            };
            deliveries.extend(tx_deliveries);
        }
        Ok(deliveries)
    }

    /// Replies another process left for this chat (an agent's answer on the command line).
    pub async fn waiting_replies(
        &self,
        channel: Channel,
        chat_id: i64,
    ) -> Result<Vec<Reply>, DeskError> {
        let now = store::to_millis((self.clock)());
        Ok(
            calls::take_replies(self.store.writer(), channel, chat_id, now)
                .await?
                .into_iter()
                .filter_map(|body| serde_json::from_str::<Reply>(&body).ok())
                .collect(),
        )
    }
}
