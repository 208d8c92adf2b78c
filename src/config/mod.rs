//! Configuration from the environment (and `.env`, read by the binary with
//! dotenvy). Every value is parsed once here; a bad one stops start-up with a
//! line that names the variable.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use chrono_tz::Tz;
use url::Url;

use crate::agents::{AgentSettings, BusinessHours};
use crate::locale::Locale;

mod telegram;
pub use telegram::{TelegramConfig, WebhookConfig};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/mesabot.db";
pub const DEFAULT_TZ: &str = "America/Mexico_City";
/// Centro de Atención Telefónica del Gobierno del Estado de México (CATGEM).
pub const DEFAULT_CALL_CENTER_PHONE: &str = "800 696 9696";
pub const DEFAULT_INACTIVITY_MINUTES: u32 = 30;
pub const DEFAULT_MAIL_FROM: &str = "Mesa de Ayuda DGSEI <mesa-de-ayuda@localhost>";
pub const DEFAULT_OUTBOX_DIR: &str = "data/outbox";
/// A placeholder: each desk sets the address of its own published notice.
pub const DEFAULT_PRIVACY_NOTICE_URL: &str = "https://dgsei.example.gob.mx/aviso-de-privacidad";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl ConfigError {
    pub(crate) fn new(var: &'static str, problem: impl Into<String>) -> Self {
        ConfigError {
            var,
            problem: problem.into(),
        }
    }
}

/// Everything but the Telegram credentials, which only `serve` needs.
#[derive(Clone, Debug)]
pub struct Config {
    pub database: crate::store::Database,
    pub database_url: String,
    pub tz: Tz,
    pub locale: Locale,
    pub bot_name: Option<String>,
    pub call_center_phone: String,
    pub inactivity: Duration,
    pub ticket_prefix: String,
    pub privacy_notice_url: String,
    /// `None`: mails are written as `.eml` files to `outbox_dir`.
    pub smtp_url: Option<String>,
    pub mail_from: lettre::message::Mailbox,
    pub outbox_dir: PathBuf,
    pub agents: AgentSettings,
    /// How long a chat stays verified as a staff member's.
    pub staff_verified_for: Duration,
}

/// Reads variables through `get`, so tests need not touch the process environment.
pub trait Env {
    fn get(&self, name: &str) -> Option<String>;
}

/// The real process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

impl<const N: usize> Env for [(&str, &str); N] {
    fn get(&self, name: &str) -> Option<String> {
        self.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_owned())
    }
}

/// A variable's value, with empty treated as unset.
pub(super) fn var(env: &dyn Env, name: &str) -> Option<String> {
    env.get(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

impl Config {
    pub fn from_env(env: &dyn Env) -> Result<Config, ConfigError> {
        let (database_url, database) = database(env)?;
        let inactivity_minutes = number_in(
            env,
            "INACTIVITY_MINUTES",
            1..=24 * 60,
            u64::from(DEFAULT_INACTIVITY_MINUTES),
        )?;
        let staff_hours = number_in(env, "STAFF_VERIFIED_HOURS", 1..=24 * 30, 12)?;
        Ok(Config {
            staff_verified_for: Duration::from_secs(staff_hours * 3600),
            agents: agent_settings(env)?,
            ticket_prefix: ticket_prefix(env)?,
            privacy_notice_url: privacy_notice_url(env)?,
            smtp_url: smtp_url(env)?,
            mail_from: mail_from(env)?,
            outbox_dir: PathBuf::from(
                var(env, "OUTBOX_DIR").unwrap_or_else(|| DEFAULT_OUTBOX_DIR.to_owned()),
            ),
            database,
            database_url,
            tz: time_zone(env)?,
            locale: locale(env)?,
            bot_name: var(env, "BOT_NAME"),
            call_center_phone: var(env, "CALL_CENTER_PHONE")
                .unwrap_or_else(|| DEFAULT_CALL_CENTER_PHONE.to_owned()),
            inactivity: Duration::from_secs(inactivity_minutes * 60),
        })
    }

    pub fn inactivity_minutes(&self) -> u32 {
        u32::try_from(self.inactivity.as_secs() / 60).unwrap_or(u32::MAX)
    }
}

/// A whole number of `unit`s within `range`, or the default when unset.
fn database(env: &dyn Env) -> Result<(String, crate::store::Database), ConfigError> {
    let database_url = var(env, "DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
    let database = crate::store::Database::parse(&database_url).map_err(|reason| {
        let shown = crate::store::without_password(&database_url);
        ConfigError::new(
            "DATABASE_URL",
            format!(
                "«{shown}» is not usable: {reason}; use e.g. {DEFAULT_DATABASE_URL} or postgres://user:password@host/mesabot"
            ),
        )
    })?;
    Ok((database_url, database))
}

fn time_zone(env: &dyn Env) -> Result<Tz, ConfigError> {
    let tz_name = var(env, "HELPDESK_TZ").unwrap_or_else(|| DEFAULT_TZ.to_owned());
    Tz::from_str(&tz_name).map_err(|_| {
        ConfigError::new(
            "HELPDESK_TZ",
            format!("«{tz_name}» is not a known time zone; use e.g. {DEFAULT_TZ}"),
        )
    })
}

fn locale(env: &dyn Env) -> Result<Locale, ConfigError> {
    match var(env, "HELPDESK_LOCALE") {
        None => Ok(Locale::default()),
        Some(tag) => tag.parse().map_err(|e: crate::locale::UnknownLocale| {
            ConfigError::new("HELPDESK_LOCALE", e.to_string())
        }),
    }
}

fn ticket_prefix(env: &dyn Env) -> Result<String, ConfigError> {
    let prefix = var(env, "TICKET_PREFIX").unwrap_or_default();
    if prefix.chars().count() > 10 || prefix.chars().any(char::is_whitespace) {
        return Err(ConfigError::new(
            "TICKET_PREFIX",
            format!("«{prefix}» must be at most 10 characters without spaces, e.g. MESA-"),
        ));
    }
    Ok(prefix)
}

fn privacy_notice_url(env: &dyn Env) -> Result<String, ConfigError> {
    let url =
        var(env, "PRIVACY_NOTICE_URL").unwrap_or_else(|| DEFAULT_PRIVACY_NOTICE_URL.to_owned());
    if Url::parse(&url).is_err() {
        return Err(ConfigError::new(
            "PRIVACY_NOTICE_URL",
            format!("«{url}» is not a URL"),
        ));
    }
    Ok(url)
}

fn smtp_url(env: &dyn Env) -> Result<Option<String>, ConfigError> {
    let smtp_url = var(env, "SMTP_URL");
    if let Some(text) = &smtp_url {
        // Credentials may be in the URL: never echo it back.
        let scheme_ok = Url::parse(text)
            .is_ok_and(|url| matches!(url.scheme(), "smtp" | "smtps") && url.host().is_some());
        if !scheme_ok {
            return Err(ConfigError::new(
                "SMTP_URL",
                "must look like smtp://host:25 or smtps://user:password@host",
            ));
        }
    }
    Ok(smtp_url)
}

fn mail_from(env: &dyn Env) -> Result<lettre::message::Mailbox, ConfigError> {
    let text = var(env, "MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned());
    text.parse().map_err(|_| {
        ConfigError::new(
            "MAIL_FROM",
            format!("«{text}» is not an address such as {DEFAULT_MAIL_FROM}"),
        )
    })
}

fn number_in(
    env: &dyn Env,
    name: &'static str,
    range: std::ops::RangeInclusive<u64>,
    default: u64,
) -> Result<u64, ConfigError> {
    match var(env, name) {
        None => Ok(default),
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                ConfigError::new(
                    name,
                    format!(
                        "«{text}» must be a number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                )
            }),
    }
}

fn agent_settings(env: &dyn Env) -> Result<AgentSettings, ConfigError> {
    let group_chat_id = match var(env, "AGENT_CHAT_ID") {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            ConfigError::new(
                "AGENT_CHAT_ID",
                format!("«{text}» is not a chat id (a supergroup's id looks like -1001234567890)"),
            )
        })?),
    };
    let hours = match var(env, "BUSINESS_HOURS") {
        None => None,
        Some(text) => Some(
            BusinessHours::parse(&text)
                .map_err(|e| ConfigError::new("BUSINESS_HOURS", e.to_string()))?,
        ),
    };
    Ok(AgentSettings {
        group_chat_id,
        // The protocol's rule 6: a word every 20 to 30 seconds.
        hold_interval: Duration::from_secs(number_in(env, "HOLD_INTERVAL_SECS", 20..=30, 30)?),
        wait_limit: Duration::from_secs(60 * number_in(env, "AGENT_WAIT_MINUTES", 1..=120, 5)?),
        alert_after: Duration::from_secs(number_in(env, "AGENT_ALERT_SECS", 10..=3600, 60)?),
        hours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_variables() {
        let config = Config::from_env(&[("UNRELATED", "x")]).expect("defaults are valid");
        assert_eq!(config.tz, chrono_tz::America::Mexico_City);
        assert_eq!(config.locale, Locale::EsMx);
        assert_eq!(config.inactivity_minutes(), 30);
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.bot_name, None);
    }

    #[test]
    fn smtp_credentials_are_never_echoed_in_errors() {
        let error = Config::from_env(&[("SMTP_URL", "ftp://ana:s3cret@mail")]).unwrap_err();
        assert_eq!(error.var, "SMTP_URL");
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases: [(&str, &str); 12] = [
            ("AGENT_CHAT_ID", "agentes"),
            ("HOLD_INTERVAL_SECS", "5"),
            ("AGENT_WAIT_MINUTES", "0"),
            ("BUSINESS_HOURS", "todo el día"),
            ("HELPDESK_TZ", "Mars/Olympus"),
            ("DATABASE_URL", "mysql://root:secreto@db/x"),
            ("HELPDESK_LOCALE", "fr"),
            ("INACTIVITY_MINUTES", "soon"),
            ("TICKET_PREFIX", "MESA DE AYUDA"),
            ("PRIVACY_NOTICE_URL", "aviso"),
            ("SMTP_URL", "http://mail.example.org"),
            ("MAIL_FROM", "mesa de ayuda"),
        ];
        for (name, value) in cases {
            let error = Config::from_env(&[(name, value)]).expect_err(name);
            assert_eq!(error.var, name);
            assert!(error.to_string().starts_with(name), "{error}");
            assert!(!error.to_string().contains("secreto"), "{error}");
        }
    }
}
