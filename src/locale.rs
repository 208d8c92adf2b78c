//! User-visible text: Fluent files in `locales/`, embedded in the binary.
//!
//! es-MX is the default and the fallback; `fl!` (through [`t!`]) fails the
//! build when a key or an argument is missing from it, and a test compares the
//! keys of every locale so a key missing in `en` fails too.

use std::fmt;
use std::str::FromStr;

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "locales"]
struct Localizations;

/// Look up a message in a [`Lang`], checked at compile time against es-MX.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:literal) => {
        i18n_embed_fl::fl!($lang.loader(), $id)
    };
    ($lang:expr, $id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($lang.loader(), $id, $($args)*)
    };
}

/// The languages the bot speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    #[serde(rename = "es-MX")]
    EsMx,
    #[serde(rename = "en")]
    En,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown locale «{0}»: use es-MX or en")]
pub struct UnknownLocale(String);

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::EsMx, Locale::En];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::EsMx => "es-MX",
            Locale::En => "en",
        }
    }

    /// The locale for a Telegram `language_code` ("en", "en-US", "es-419"...):
    /// English speakers get English, everybody else the desk's default.
    pub fn from_language_code(code: Option<&str>, default: Locale) -> Locale {
        match code.map(|c| c.to_ascii_lowercase()) {
            Some(c) if c == "en" || c.starts_with("en-") => Locale::En,
            Some(c) if c == "es" || c.starts_with("es-") => Locale::EsMx,
            _ => default,
        }
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "es-mx" | "es" => Ok(Locale::EsMx),
            "en" | "en-us" | "en-gb" => Ok(Locale::En),
            _ => Err(UnknownLocale(s.to_owned())),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the embedded locale files could not be loaded: {0}")]
pub struct LocaleError(String);

/// The messages of one locale.
pub struct Lang {
    loader: FluentLanguageLoader,
}

impl Lang {
    fn new(loader: FluentLanguageLoader) -> Self {
        Lang { loader }
    }

    pub fn loader(&self) -> &FluentLanguageLoader {
        &self.loader
    }
}

/// Every locale, loaded once at start-up and shared read-only.
pub struct Texts {
    es_mx: Lang,
    en: Lang,
}

impl Texts {
    pub fn load() -> Result<Texts, LocaleError> {
        let loader: FluentLanguageLoader = fluent_language_loader!();
        let ids: Vec<LanguageIdentifier> = Locale::ALL
            .iter()
            .map(|l| l.tag().parse::<LanguageIdentifier>())
            .collect::<Result<_, _>>()
            .map_err(|e| LocaleError(e.to_string()))?;
        loader
            .load_languages(&Localizations, &ids)
            .map_err(|e| LocaleError(e.to_string()))?;
        // Without this, Telegram shows invisible U+2068/U+2069 marks around arguments.
        loader.set_use_isolating(false);
        Ok(Texts {
            es_mx: Lang::new(loader.select_languages(&[&ids[0]])),
            en: Lang::new(loader.select_languages(&[&ids[1]])),
        })
    }

    pub fn lang(&self, locale: Locale) -> &Lang {
        match locale {
            Locale::EsMx => &self.es_mx,
            Locale::En => &self.en,
        }
    }

    /// The raw `.ftl` sources, for the completeness test.
    pub fn sources() -> Vec<(String, String)> {
        Localizations::iter()
            .filter(|path| path.ends_with(".ftl"))
            .filter_map(|path| {
                let file = Localizations::get(&path)?;
                let text = String::from_utf8_lossy(&file.data).into_owned();
                Some((path.into_owned(), text))
            })
            .collect()
    }
}

/// Lower case, no accents, no punctuation, single spaces: "¡Sí, gracias!" → "si gracias".
pub fn fold_answer(text: &str) -> String {
    let folded = crate::words::fold(text);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}
