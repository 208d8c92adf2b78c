//! How the bot reads what people write: case and accents folded, words split
//! the way people type them ("wi-fi", "holaaa", "👍"), and Snowball stems so
//! "impresoras" and "impresora" are one word. Shared by the understanding of
//! requests (`understand`) and the FAQ search (`faq::index`).

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// Lower case without diacritics or punctuation: "¡Contraseña!" → " contrasena ".
/// Every character that is not a letter or digit becomes a space, so the
/// result keeps the text's word boundaries.
/// Text as every database can keep it: without NUL characters, which
/// PostgreSQL's text refuses (Telegram passes them through).
pub fn storable(text: String) -> String {
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text
    }
}

pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// One word of a message, as written and as compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word as the user wrote it (for quoting it back, e.g. a name).
    pub written: String,
    /// Folded, with runs of a repeated letter shortened ("holaaa" → "hola").
    pub folded: String,
    /// Which clause of the message it belongs to: a comma, full stop,
    /// question or exclamation mark starts a new one.
    pub clause: usize,
    /// Whether a clause boundary (or the end of the message) follows it.
    pub ends_clause: bool,
}

/// Splits a message into words. A hyphen or apostrophe inside a word joins
/// it ("wi-fi" → "wifi", "don't" → "dont"); an emoji is a word of its own.
pub fn split(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current = String::new();
    let mut clause = 0;
    let chars: Vec<char> = text.chars().collect();
    let flush = |current: &mut String, words: &mut Vec<Word>, clause: usize| {
        if !current.is_empty() {
            let folded = shorten_runs(&fold(current).replace(' ', ""));
            if !folded.is_empty() {
                words.push(Word {
                    written: std::mem::take(current),
                    folded,
                    clause,
                    ends_clause: false,
                });
            }
            current.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || is_combining(c) {
            current.push(c);
            continue;
        }
        let joins = matches!(c, '-' | '\'' | '’')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if joins {
            continue;
        }
        flush(&mut current, &mut words, clause);
        if is_emoji(c) {
            words.push(Word {
                written: c.to_string(),
                folded: c.to_string(),
                clause,
                ends_clause: false,
            });
        } else if matches!(
            c,
            ',' | '.' | ';' | ':' | '!' | '?' | '¡' | '¿' | '\n' | '…'
        ) {
            if let Some(last) = words.last_mut() {
                last.ends_clause = true;
            }
            clause += 1;
        }
    }
    flush(&mut current, &mut words, clause);
    if let Some(last) = words.last_mut() {
        last.ends_clause = true;
    }
    words
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Pictographs people answer with (👍, 👎, 🙏, 😊...). Variation selectors
/// and skin tones are not words.
fn is_emoji(c: char) -> bool {
    let code = c as u32;
    let modifier = (0x1F3FB..=0x1F3FF).contains(&code) || code == 0xFE0F || code == 0x200D;
    !modifier && ((0x1F300..=0x1FAFF).contains(&code) || (0x2600..=0x27BF).contains(&code))
}

/// Three or more of the same letter become one: "holaaa" → "hola",
/// "siii" → "si"; two stay ("llamada", "correo"), except a doubled vowel,
/// which people type to stretch a word ("holaa", "buenaas") far more often
/// than Spanish spells one ("reenviar" becomes "renviar", on both sides of
/// every comparison, as phrases and FAQ entries are read the same way).
pub(crate) fn shorten_runs(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut run = 1;
        while i + run < chars.len() && chars[i + run] == c {
            run += 1;
        }
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        let keep = if (run >= 3 && c.is_alphabetic()) || (run == 2 && vowel) {
            1
        } else {
            run
        };
        out.extend(std::iter::repeat_n(c, keep));
        i += run;
    }
    out
}

/// The language whose stemmer reads a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Es,
    En,
}

/// Snowball stemmers for the languages the desk reads.
pub struct Stemmers {
    es: Stemmer,
    en: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            es: Stemmer::create(Algorithm::Spanish),
            en: Stemmer::create(Algorithm::English),
        }
    }
}

impl std::fmt::Debug for Stemmers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmers")
    }
}

impl Stemmers {
    /// The stem of a folded word: "impresoras" → "impresor". Spanish
    /// superlatives are read as their base ("lentísima" → "lenta").
    pub fn stem(&self, language: Language, folded: &str) -> String {
        match language {
            Language::Es => self.es.stem(&plain_superlative(folded)).into_owned(),
            Language::En => self.en.stem(folded).into_owned(),
        }
    }
}

/// "lentisima" → "lenta", "rapidisimo" → "rapido": Snowball keeps them apart.
fn plain_superlative(word: &str) -> String {
    for (suffix, ending) in [
        ("isimos", "os"),
        ("isimas", "as"),
        ("isimo", "o"),
        ("isima", "a"),
    ] {
        if let Some(base) = word.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return format!("{base}{ending}");
        }
    }
    word.to_owned()
}

/// Whether two folded words are the same word misspelled: one edit apart
/// (two for long words), same first letter, and long enough that a one-letter
/// difference is not another real word ("rota"/"ruta").
pub fn near(a: &str, b: &str) -> bool {
    near_within(a, b, 2)
}

/// As [`near`], with at most `max` edits whatever the length.
pub fn near_within(a: &str, b: &str, max: usize) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = match la.min(lb) {
        0..=4 => return false,
        5..=7 => 1,
        _ => 2,
    }
    .min(max);
    la.abs_diff(lb) <= allowed
        && a.chars().next() == b.chars().next()
        && strsim::damerau_levenshtein(a, b) <= allowed
}
