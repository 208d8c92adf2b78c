//! What `mesabot serve` needs besides the desk's configuration: the bot's
//! credentials, how updates come in (long polling, or a webhook behind the
//! department's reverse proxy), and the operators' listener.

use std::net::SocketAddr;
use std::time::Duration;

use url::Url;

use super::{ConfigError, Env, var};

/// Telegram credentials, checked before teloxide sees them (it panics on bad ones).
#[derive(Clone, Debug)]
pub struct TelegramConfig {
    pub token: String,
    pub api_url: Option<Url>,
    /// Whether the sender keeps to Telegram's rate limits (`TELEGRAM_RATE_LIMITS`,
    /// on unless set to `off`: only for measuring against a fake Bot API).
    pub rate_limits: bool,
    /// How long one call to the Bot API may take (`TELEGRAM_REQUEST_TIMEOUT`, seconds).
    pub request_timeout: Duration,
    /// Inputs one chat may send in a window before it is asked to slow down
    /// (`TELEGRAM_FLOOD_LIMIT`, "20/30" = 20 in 30 seconds, or `off`).
    pub flood_limit: Option<(usize, Duration)>,
    /// Where `/healthz` and `/metrics` are served (`METRICS_LISTEN`, e.g.
    /// 127.0.0.1:9090); unset: nowhere.
    pub metrics_listen: Option<SocketAddr>,
    /// `None`: long polling (the default, one process).
    pub webhook: Option<WebhookConfig>,
}

/// Telegram posts updates to a public https URL; the department's reverse
/// proxy passes them to `listen`, where the bot answers only once an update
/// is handled.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    /// What Telegram is given (`WEBHOOK_URL`); its path is the one served.
    pub url: Url,
    /// Where the bot listens (`WEBHOOK_LISTEN`, 127.0.0.1:8443 by default:
    /// behind the proxy). `/healthz` and `/metrics` are served there too.
    pub listen: SocketAddr,
    /// What Telegram sends back in `X-Telegram-Bot-Api-Secret-Token`
    /// (`WEBHOOK_SECRET`), so only Telegram's posts are handled.
    pub secret: String,
}

/// The webhook's listener when `WEBHOOK_LISTEN` is unset.
pub const DEFAULT_WEBHOOK_LISTEN: &str = "127.0.0.1:8443";
/// The only ports Telegram posts to.
const TELEGRAM_WEBHOOK_PORTS: [u16; 4] = [443, 80, 88, 8443];

impl TelegramConfig {
    /// `webhook`: `serve --webhook` was asked for; `WEBHOOK_URL` alone also
    /// chooses the webhook.
    pub fn from_env(env: &dyn Env, webhook: bool) -> Result<TelegramConfig, ConfigError> {
        Ok(TelegramConfig {
            token: token(env)?,
            api_url: api_url(env)?,
            rate_limits: match var(env, "TELEGRAM_RATE_LIMITS").as_deref() {
                None | Some("on") => true,
                Some("off") => false,
                Some(other) => {
                    return Err(ConfigError::new(
                        "TELEGRAM_RATE_LIMITS",
                        format!("«{other}» must be on or off"),
                    ));
                }
            },
            request_timeout: request_timeout(env)?,
            flood_limit: flood_limit(env)?,
            metrics_listen: match var(env, "METRICS_LISTEN") {
                None => None,
                Some(text) => Some(text.parse().map_err(|_| {
                    ConfigError::new(
                        "METRICS_LISTEN",
                        format!("«{text}» is not an address and port like 127.0.0.1:9090"),
                    )
                })?),
            },
            webhook: webhook_from_env(env, webhook)?,
        })
    }
}

fn token(env: &dyn Env) -> Result<String, ConfigError> {
    let token = var(env, "TELOXIDE_TOKEN").ok_or_else(|| {
        ConfigError::new(
            "TELOXIDE_TOKEN",
            "is not set; `mesabot serve` needs the bot token from @BotFather \
             (`mesabot chat` needs none)",
        )
    })?;
    // A token is "<bot id>:<secret>"; anything else would only fail later, less clearly.
    let well_formed = token
        .split_once(':')
        .is_some_and(|(id, secret)| id.parse::<u64>().is_ok() && !secret.is_empty());
    if !well_formed {
        return Err(ConfigError::new(
            "TELOXIDE_TOKEN",
            "does not look like a bot token (<digits>:<secret>)",
        ));
    }
    Ok(token)
}

fn api_url(env: &dyn Env) -> Result<Option<Url>, ConfigError> {
    let Some(text) = var(env, "TELOXIDE_API_URL") else {
        return Ok(None);
    };
    let url = Url::parse(&text)
        .map_err(|e| ConfigError::new("TELOXIDE_API_URL", format!("«{text}» is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ConfigError::new(
            "TELOXIDE_API_URL",
            format!("«{text}» must be an http or https URL"),
        ));
    }
    Ok(Some(url))
}

fn request_timeout(env: &dyn Env) -> Result<Duration, ConfigError> {
    match var(env, "TELEGRAM_REQUEST_TIMEOUT") {
        None => Ok(Duration::from_secs(17)),
        Some(text) => match text.parse::<u64>() {
            Ok(seconds) if (1..=300).contains(&seconds) => Ok(Duration::from_secs(seconds)),
            _ => Err(ConfigError::new(
                "TELEGRAM_REQUEST_TIMEOUT",
                format!("«{text}» must be a number of seconds from 1 to 300"),
            )),
        },
    }
}

fn flood_limit(env: &dyn Env) -> Result<Option<(usize, Duration)>, ConfigError> {
    match var(env, "TELEGRAM_FLOOD_LIMIT").as_deref() {
        None => Ok(Some((20, Duration::from_secs(30)))),
        Some("off") => Ok(None),
        Some(text) => {
            let parsed = text.split_once('/').and_then(|(inputs, seconds)| {
                let inputs = inputs.trim().parse::<usize>().ok().filter(|n| *n > 0)?;
                let seconds = seconds.trim().parse::<u64>().ok().filter(|s| *s > 0)?;
                Some((inputs, Duration::from_secs(seconds)))
            });
            parsed.map(Some).ok_or_else(|| {
                ConfigError::new(
                    "TELEGRAM_FLOOD_LIMIT",
                    format!("«{text}» must be INPUTS/SECONDS (e.g. 20/30) or off"),
                )
            })
        }
    }
}

fn webhook_from_env(env: &dyn Env, asked: bool) -> Result<Option<WebhookConfig>, ConfigError> {
    let url = match (var(env, "WEBHOOK_URL"), asked) {
        (None, false) => return Ok(None),
        (None, true) => {
            return Err(ConfigError::new(
                "WEBHOOK_URL",
                "is not set; `serve --webhook` needs the public https address Telegram \
                 posts to (e.g. https://mesa.example.gob.mx/telegram/webhook)",
            ));
        }
        (Some(text), _) => Url::parse(&text)
            .map_err(|e| ConfigError::new("WEBHOOK_URL", format!("«{text}» is not a URL: {e}")))?,
    };
    if url.scheme() != "https" || url.host_str().is_none() {
        return Err(ConfigError::new(
            "WEBHOOK_URL",
            format!("«{url}» must be an https address: Telegram posts to nothing else"),
        ));
    }
    if !TELEGRAM_WEBHOOK_PORTS.contains(&url.port_or_known_default().unwrap_or(0)) {
        return Err(ConfigError::new(
            "WEBHOOK_URL",
            format!("«{url}»: Telegram only posts to ports 443, 80, 88 and 8443"),
        ));
    }
    if matches!(url.path(), "/healthz" | "/metrics") || url.query().is_some() {
        return Err(ConfigError::new(
            "WEBHOOK_URL",
            format!(
                "«{url}»: choose a path of its own, without a query (not /healthz or /metrics)"
            ),
        ));
    }
    let listen_text =
        var(env, "WEBHOOK_LISTEN").unwrap_or_else(|| DEFAULT_WEBHOOK_LISTEN.to_owned());
    let listen = listen_text.parse().map_err(|_| {
        ConfigError::new(
            "WEBHOOK_LISTEN",
            format!("«{listen_text}» is not an address and port like {DEFAULT_WEBHOOK_LISTEN}"),
        )
    })?;
    let secret = var(env, "WEBHOOK_SECRET").ok_or_else(|| {
        ConfigError::new(
            "WEBHOOK_SECRET",
            "is not set; the webhook needs a secret Telegram sends with each update \
             (e.g. the output of `tr -dc A-Za-z0-9 </dev/urandom | head -c 48`)",
        )
    })?;
    // Telegram's rule for secret_token.
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if secret.len() > 256 || !secret.chars().all(allowed) {
        return Err(ConfigError::new(
            "WEBHOOK_SECRET",
            "must be 1 to 256 characters among A-Z, a-z, 0-9, _ and -",
        ));
    }
    Ok(Some(WebhookConfig {
        url,
        listen,
        secret,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telegram_needs_a_well_formed_token_and_url() {
        assert_eq!(
            TelegramConfig::from_env(&[("X", "")], false)
                .unwrap_err()
                .var,
            "TELOXIDE_TOKEN"
        );
        assert_eq!(
            TelegramConfig::from_env(&[("TELOXIDE_TOKEN", "nonsense")], false)
                .unwrap_err()
                .var,
            "TELOXIDE_TOKEN"
        );
        let bad_url = [
            ("TELOXIDE_TOKEN", "123:abc"),
            ("TELOXIDE_API_URL", "not a url"),
        ];
        assert_eq!(
            TelegramConfig::from_env(&bad_url, false).unwrap_err().var,
            "TELOXIDE_API_URL"
        );
        let good = [
            ("TELOXIDE_TOKEN", "123:abc"),
            ("TELOXIDE_API_URL", "http://127.0.0.1:9/"),
        ];
        assert!(TelegramConfig::from_env(&good, false).is_ok());
    }

    #[test]
    fn polling_is_the_default_and_a_webhook_needs_an_https_url_and_a_secret() {
        let token = ("TELOXIDE_TOKEN", "123:abc");
        let polling = TelegramConfig::from_env(&[token], false).expect("valid");
        assert!(polling.webhook.is_none());
        let error = TelegramConfig::from_env(&[token], true).unwrap_err();
        assert_eq!(error.var, "WEBHOOK_URL", "--webhook without a URL");
        let url = (
            "WEBHOOK_URL",
            "https://mesa.example.gob.mx/telegram/webhook",
        );
        let error = TelegramConfig::from_env(&[token, url], false).unwrap_err();
        assert_eq!(error.var, "WEBHOOK_SECRET", "a URL chooses the webhook");
        let secret = ("WEBHOOK_SECRET", "s3cret_-token");
        let webhook = TelegramConfig::from_env(&[token, url, secret], false)
            .expect("valid")
            .webhook
            .expect("a webhook");
        assert_eq!(webhook.url.path(), "/telegram/webhook");
        assert_eq!(webhook.listen.to_string(), DEFAULT_WEBHOOK_LISTEN);
        for (name, value) in [
            ("WEBHOOK_URL", "http://mesa.example.gob.mx/telegram"),
            ("WEBHOOK_URL", "https://mesa.example.gob.mx:9000/telegram"),
            ("WEBHOOK_URL", "https://mesa.example.gob.mx/metrics"),
            ("WEBHOOK_SECRET", "with spaces"),
            ("WEBHOOK_LISTEN", "localhost"),
        ] {
            // The first pair of a name is the one read: the bad value.
            let env = [(name, value), token, url, secret];
            let error = TelegramConfig::from_env(&env, false).expect_err(value);
            assert_eq!(error.var, name, "{value}");
        }
    }
}
