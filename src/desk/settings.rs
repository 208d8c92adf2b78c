//! The desk's settings the conversation depends on, taken from the
//! configuration once at start.

use std::time::Duration;

use chrono_tz::Tz;

use crate::agents::AgentSettings;
use crate::config::Config;
use crate::locale::Locale;

/// The desk's settings the conversation depends on.
#[derive(Clone, Debug)]
pub struct Settings {
    pub tz: Tz,
    pub default_locale: Locale,
    pub bot_name: Option<String>,
    pub call_center_phone: String,
    pub inactivity: Duration,
    pub ticket_prefix: String,
    pub privacy_notice_url: String,
    /// The domain of `MAIL_FROM`, for Message-ID headers.
    pub mail_domain: String,
    pub agents: AgentSettings,
    /// Whether transfers may be handed to a person's Telegram chat (not from the terminal).
    pub relay_transfers: bool,
    /// How long a chat stays verified as a staff member's (`STAFF_VERIFIED_HOURS`).
    pub staff_verified_for: Duration,
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Self {
        Settings {
            tz: config.tz,
            default_locale: config.locale,
            bot_name: config.bot_name.clone(),
            call_center_phone: config.call_center_phone.clone(),
            inactivity: config.inactivity,
            ticket_prefix: config.ticket_prefix.clone(),
            privacy_notice_url: config.privacy_notice_url.clone(),
            mail_domain: config.mail_from.email.domain().to_owned(),
            agents: config.agents.clone(),
            relay_transfers: true,
            staff_verified_for: config.staff_verified_for,
        }
    }
}
