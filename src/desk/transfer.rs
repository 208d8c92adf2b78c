//! The desk's side of transfers to someone inside (operations 10-13).

use sqlx::SqliteConnection;

use super::{Delivery, Desk, DeskError, Post};
use crate::contact::FullName;
use crate::directory;
use crate::mail;
use crate::protocol::{DirectoryOption, Reply, TransferResult};
use crate::store::conversations::Participant;
use crate::store::outbox::{self, NewMail};
use crate::store::{directory as store_directory, handoffs};
use crate::t;

/// Directory entries offered at once.
const DIRECTORY_RESULTS: u32 = 5;

/// What a transfer produced besides the protocol's answer.
pub(super) struct Transferred {
    pub result: TransferResult,
    pub deliveries: Vec<Delivery>,
    pub queued_mail: bool,
}

impl Desk {
    pub(super) async fn search_directory(
        &self,
        conn: &mut SqliteConnection,
        text: &str,
    ) -> Result<Vec<DirectoryOption>, DeskError> {
        let Some(expression) = directory::match_expression(text) else {
            return Ok(Vec::new());
        };
        Ok(
            store_directory::search(conn, &expression, DIRECTORY_RESULTS)
                .await?
                .into_iter()
                .map(|e| DirectoryOption {
                    id: e.id,
                    name: e.name,
                    area: e.area,
                })
                .collect(),
        )
    }

    /// Operation 13: the person learns who is looking for them and from where,
    /// in their chat (and the conversation is relayed), or by e-mail.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn transfer(
        &self,
        conn: &mut SqliteConnection,
        conversation_id: i64,
        who: &Participant,
        target: i64,
        caller: &FullName,
        from: &str,
        problem: Option<&str>,
        at: i64,
    ) -> Result<Transferred, DeskError> {
        let Some(entry) = store_directory::get(conn, target).await? else {
            return Ok(Transferred {
                result: TransferResult::Gone,
                deliveries: Vec::new(),
                queued_mail: false,
            });
        };
        let lang = self.group_lang();
        let problem = problem.map(|p| p.chars().take(300).collect::<String>());
        let relay_chat = entry
            .telegram_chat_id
            .filter(|_| self.settings.relay_transfers);
        if let Some(target_chat) = relay_chat {
            let handoff = handoffs::open_relay(
                conn,
                conversation_id,
                who.channel,
                who.chat_id,
                target_chat,
                &entry.name,
                at,
            )
            .await?;
            store_directory::record_transfer(
                conn,
                conversation_id,
                &entry,
                caller.as_str(),
                from,
                "relay",
                at,
            )
            .await?;
            let intro = t!(
                lang,
                "transfer-intro",
                caller = caller.as_str(),
                from = from,
                problem = problem.clone().unwrap_or_else(|| "none".into())
            );
            return Ok(Transferred {
                result: TransferResult::Relayed { name: entry.name },
                deliveries: vec![Delivery::Handoff {
                    handoff,
                    post: Post::Reply(Reply::text(intro)),
                }],
                queued_mail: false,
            });
        }
        store_directory::record_transfer(
            conn,
            conversation_id,
            &entry,
            caller.as_str(),
            from,
            "contact",
            at,
        )
        .await?;
        let mut queued_mail = false;
        if let Some(email) = &entry.email {
            let cx = self.mail_context();
            let text = t!(
                lang,
                "mail-transfer-body",
                name = entry.name.as_str(),
                caller = caller.as_str(),
                from = from,
                problem = problem.unwrap_or_else(|| "none".into()),
                bot = cx.bot_name.as_str()
            );
            let mail = NewMail {
                ticket_number: None,
                purpose: "transfer",
                recipient: format!("{} <{email}>", entry.name),
                subject: t!(lang, "mail-transfer-subject", caller = caller.as_str()),
                body_html: mail::html(&text),
                body_text: text,
                message_id: format!("<transfer-{conversation_id}-{at}@{}>", cx.domain),
            };
            outbox::enqueue(conn, &mail, at).await?;
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
