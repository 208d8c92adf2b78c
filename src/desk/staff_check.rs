//! The desk's side of the staff check before a call outside (operation 14):
//! only staff in the registry get a one-time code, mailed to the address on
//! file, good for a few minutes and a few tries.

use std::time::Duration;

use rand::Rng;
use sqlx::AnyConnection;

use super::{Desk, DeskError};
use crate::contact::Email;
use crate::mail;
use crate::protocol::{CodeCheck, StaffCode};
use crate::store;
use crate::store::calls;
use crate::store::conversations::Participant;
use crate::store::outbox::{self, NewMail};
use crate::t;

/// A code is good for this long, and this many tries.
const CODE_LIFETIME: Duration = Duration::from_secs(10 * 60);
const CODE_ATTEMPTS: i64 = 3;

impl Desk {
    pub(super) async fn staff_status(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        at: i64,
    ) -> Result<Option<String>, DeskError> {
        Ok(calls::verified(conn, who.channel, who.chat_id, at)
            .await?
            .map(|(name, _)| name))
    }

    /// Op 14: only staff get a code; it goes to their institutional e-mail.
    pub(super) async fn send_staff_code(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        email: &Email,
        at: i64,
    ) -> Result<(StaffCode, bool), DeskError> {
        // The code goes to the address in the registry, not as it was typed.
        let Some((email, name)) = calls::staff_member(conn, email.as_str()).await? else {
            return Ok((StaffCode::NotStaff, false));
        };
        let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
        calls::store_code(
            conn,
            who.channel,
            who.chat_id,
            &email,
            &code,
            at,
            at + store::millis(CODE_LIFETIME),
        )
        .await?;
        let lang = self.group_lang();
        let cx = self.mail_context();
        let text = t!(
            lang,
            "mail-code-body",
            name = name.as_str(),
            code = code.as_str(),
            bot = cx.bot_name.as_str()
        );
        let mail = NewMail {
            ticket_number: None,
            purpose: "staff_code",
            recipient: email,
            subject: t!(lang, "mail-code-subject", code = code.as_str()),
            body_html: mail::html(&text),
            body_text: text,
            message_id: format!("<code-{}-{at}@{}>", who.chat_id, cx.domain),
        };
        outbox::enqueue(conn, &mail, at).await?;
        Ok((StaffCode::Sent, true))
    }

    pub(super) async fn verify_staff_code(
        &self,
        conn: &mut AnyConnection,
        who: &Participant,
        code: &str,
        at: i64,
    ) -> Result<CodeCheck, DeskError> {
        let Some((id, email, matches, expires_at, attempts)) =
            calls::check_code(conn, who.channel, who.chat_id, code).await?
        else {
            return Ok(CodeCheck::Expired);
        };
        if attempts >= CODE_ATTEMPTS {
            return Ok(CodeCheck::TooManyAttempts);
        }
        if at >= expires_at {
            calls::code_used(conn, id, at).await?;
            return Ok(CodeCheck::Expired);
        }
        if !matches {
            calls::code_attempted(conn, id).await?;
            let left = CODE_ATTEMPTS - attempts - 1;
            if left <= 0 {
                return Ok(CodeCheck::TooManyAttempts);
            }
            return Ok(CodeCheck::Wrong {
                attempts_left: u32::try_from(left).unwrap_or(0),
            });
        }
        calls::code_used(conn, id, at).await?;
        let lasts = store::millis(self.settings.staff_verified_for);
        calls::mark_verified(conn, who.channel, who.chat_id, &email, at, at + lasts).await?;
        let name = calls::staff_member(conn, &email)
            .await?
            .map(|(_, name)| name)
            .unwrap_or_default();
        Ok(CodeCheck::Verified { name })
    }
}
