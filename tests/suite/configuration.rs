//! Every setting the bot reads is documented where an administrator looks:
//! the README's table and `.env.example`.

use std::cell::RefCell;
use std::collections::BTreeSet;

use mesabot::config::{Config, Env, TelegramConfig};

/// An environment that remembers every name asked of it, and knows a token
/// and a webhook address so the webhook's settings are asked for too.
#[derive(Default)]
struct Asked(RefCell<BTreeSet<String>>);

impl Env for Asked {
    fn get(&self, name: &str) -> Option<String> {
        self.0.borrow_mut().insert(name.to_owned());
        match name {
            "TELOXIDE_TOKEN" => Some("123456:TOKEN".to_owned()),
            "WEBHOOK_URL" => Some("https://mesa.example.gob.mx/telegram/webhook".to_owned()),
            "WEBHOOK_SECRET" => Some("secret".to_owned()),
            _ => None,
        }
    }
}

#[test]
fn every_setting_read_is_in_the_readme_and_the_example_file() {
    let asked = Asked::default();
    Config::from_env(&asked).expect("the defaults are valid");
    let telegram = TelegramConfig::from_env(&asked, false).expect("valid");
    assert!(
        telegram.webhook.is_some(),
        "the webhook's settings were read"
    );
    let names = asked.0.into_inner();
    assert!(names.len() > 20, "{names:?}");
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).expect("README");
    let example = std::fs::read_to_string(format!("{root}/.env.example")).expect(".env.example");
    for name in &names {
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "README's configuration table lacks {name}"
        );
        assert!(
            example.contains(&format!("{name}=")),
            ".env.example lacks {name}"
        );
    }
}
