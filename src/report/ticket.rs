//! One ticket as text: every field and its history, for administrators
//! (`mesabot ticket show`) and agents (`/ticket N`).

use chrono_tz::Tz;

use crate::locale::Lang;
use crate::store::{from_millis, tickets};
use crate::t;

/// Every field of a ticket and its history, for administrators and agents.
pub fn ticket_detail(
    row: &tickets::TicketRecord,
    history: &[(i64, String, String)],
    lang: &Lang,
    tz: Tz,
    prefix: &str,
) -> String {
    let when = |ms| {
        from_millis(ms)
            .with_timezone(&tz)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    };
    let mut text = t!(
        lang,
        "ticket-detail",
        number = format!("{prefix}{}", row.number),
        status = t!(lang, "status-name", status = row.status.as_str()),
        kind = row.kind.as_str(),
        service = row.service_name.as_str(),
        priority = row.priority,
        impact = row.impact.as_str(),
        urgency = row.urgency.as_str(),
        resolver = format!("{} <{}>", row.resolver_name, row.resolver_email),
        name = row.full_name.as_str(),
        email = row.email.as_str(),
        phone = row.phone.as_str(),
        channel = row.channel.as_str(),
        chat = row.chat_id,
        opened = when(row.created_at),
        updated = when(row.updated_at),
        privacy = when(row.privacy_accepted_at),
        attachment = row.attachment_file_id.as_deref().unwrap_or("-"),
        detail = row.detail.as_str()
    );
    for (at, status, note) in history {
        let status = t!(lang, "status-name", status = status.as_str());
        text.push_str(&format!("\n  • {} {status} {note}", when(*at)));
    }
    text
}
