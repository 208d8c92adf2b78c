//! The desk's side of transfers to someone inside (operations 10-13).

use sqlx::AnyConnection;

use super::effects::Running;
use super::{Delivery, Desk, DeskError, Post};
use crate::contact::FullName;
use crate::directory;
use crate::mail;
use crate::protocol::{Conversation, Input, TransferAnswer, TransferEffect};
use crate::protocol::{DirectoryOption, Reply, TransferResult};
use crate::store::conversations::Participant;
use crate::store::directory::Listed;
use crate::store::outbox::{self, NewMail};
use crate::store::{directory as store_directory, handoffs};
use crate::t;

/// Directory entries offered at once.
const DIRECTORY_RESULTS: usize = 5;

/// What a transfer produced besides the protocol's answer.
pub(super) struct Transferred {
    pub result: TransferResult,
    pub deliveries: Vec<Delivery>,
    pub queued_mail: bool,
}

impl Desk {
    /// A transfer's effects: the directory search and the hand-over.
    pub(super) async fn carry_out_transfer(
        &self,
        conn: &mut AnyConnection,
        run: &mut Running<'_>,
        effect: TransferEffect,
        conversation: &Conversation,
    ) -> Result<Option<Input>, DeskError> {
        let answer = match effect {
            TransferEffect::SearchDirectory(text) => {
                TransferAnswer::DirectoryFound(self.search_directory(conn, &text).await?)
            }
            TransferEffect::HandOver {
                target,
                caller,
                from,
            } => {
                let request = TransferRequest {
                    conversation_id: run.id,
                    who: run.who,
                    caller: &caller,
                    from: &from,
                    problem: conversation.problem.as_deref(),
                    at: run.at,
                };
                let done = self.transfer(conn, target, request).await?;
                run.deliveries.extend(done.deliveries);
                run.queued_mail |= done.queued_mail;
                TransferAnswer::Transferred(done.result)
            }
        };
        Ok(Some(Input::Transfer(answer)))
    }

    async fn search_directory(
        &self,
        conn: &mut AnyConnection,
        text: &str,
    ) -> Result<Vec<DirectoryOption>, DeskError> {
        let entries = store_directory::all(conn).await?;
        Ok(
            directory::rank(&entries, text, |e| (&e.name, &e.area), DIRECTORY_RESULTS)
                .into_iter()
                .map(|e| DirectoryOption {
                    id: e.id,
                    name: e.name.clone(),
                    area: e.area.clone(),
                })
                .collect(),
        )
    }

    /// Operation 13: the person learns who is looking for them and from where,
    /// in their chat (and the conversation is relayed), or by e-mail.
    async fn transfer(
        &self,
        conn: &mut AnyConnection,
        target: i64,
        request: TransferRequest<'_>,
    ) -> Result<Transferred, DeskError> {
        let Some(entry) = store_directory::get(conn, target).await? else {
            return Ok(Transferred {
                result: TransferResult::Gone,
                deliveries: Vec::new(),
                queued_mail: false,
            });
        };
        let relay_chat = entry
            .telegram_chat_id
            .filter(|_| self.settings.relay_transfers);
        match relay_chat {
            Some(target_chat) => self.relay(conn, entry, target_chat, &request).await,
            None => self.give_contact(conn, entry, &request).await,
        }
    }

    /// The person has a chat with the bot: the conversation is relayed there,
    /// opened with who is calling, from where, and about what.
    async fn relay(
        &self,
        conn: &mut AnyConnection,
        entry: Listed,
        target_chat: i64,
        request: &TransferRequest<'_>,
    ) -> Result<Transferred, DeskError> {
        let (who, at) = (request.who, request.at);
        let handoff = handoffs::open_relay(
            conn,
            request.conversation_id,
            who.channel,
            who.chat_id,
            target_chat,
            &entry.name,
            at,
        )
        .await?;
        request.record(conn, &entry, "relay").await?;
        let intro = t!(
            self.group_lang(),
            "transfer-intro",
            caller = request.caller.as_str(),
            from = request.from,
            problem = request.problem().unwrap_or_else(|| "none".into())
        );
        Ok(Transferred {
            result: TransferResult::Relayed { name: entry.name },
            deliveries: vec![Delivery::Handoff {
                handoff,
                post: Post::Reply(Reply::text(intro)),
            }],
            queued_mail: false,
        })
    }

    /// The caller gets the person's contact; the person, a mail when the
    /// directory has their address.
    async fn give_contact(
        &self,
        conn: &mut AnyConnection,
        entry: Listed,
        request: &TransferRequest<'_>,
    ) -> Result<Transferred, DeskError> {
        request.record(conn, &entry, "contact").await?;
        let mut queued_mail = false;
        if let Some(email) = &entry.email {
            let (lang, cx) = (self.group_lang(), self.mail_context());
            let caller = request.caller.as_str();
            let text = t!(
                lang,
                "mail-transfer-body",
                name = entry.name.as_str(),
                caller = caller,
                from = request.from,
                problem = request.problem().unwrap_or_else(|| "none".into()),
                bot = cx.bot_name.as_str()
            );
            let mail = NewMail {
                ticket_number: None,
                purpose: "transfer",
                recipient: format!("{} <{email}>", entry.name),
                subject: t!(lang, "mail-transfer-subject", caller = caller),
                body_html: mail::html(&text),
                body_text: text,
                message_id: format!(
                    "<transfer-{}-{}@{}>",
                    request.conversation_id, request.at, cx.domain
                ),
            };
            outbox::enqueue(conn, &mail, request.at).await?;
            queued_mail = true;
        }
        Ok(Transferred {
            result: TransferResult::Contact {
                name: entry.name,
                area: entry.area,
                extension: entry.extension,
                email: entry.email,
            },
            deliveries: Vec::new(),
            queued_mail,
        })
    }
}

/// Who asks to be put through, from which conversation.
pub(super) struct TransferRequest<'a> {
    pub conversation_id: i64,
    pub who: &'a Participant,
    pub caller: &'a FullName,
    pub from: &'a str,
    pub problem: Option<&'a str>,
    pub at: i64,
}

impl TransferRequest<'_> {
    /// The problem as told to the person: its first 300 characters.
    fn problem(&self) -> Option<String> {
        self.problem.map(|p| p.chars().take(300).collect())
    }

    /// The transfer in the call log, with how the person was reached.
    async fn record(
        &self,
        conn: &mut AnyConnection,
        entry: &Listed,
        how: &str,
    ) -> Result<(), DeskError> {
        store_directory::record_transfer(
            conn,
            self.conversation_id,
            entry,
            self.caller.as_str(),
            self.from,
            how,
            self.at,
        )
        .await?;
        Ok(())
    }
}
