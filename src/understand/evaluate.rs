//! The measured quality of understanding: a labelled evaluation set (FAQ
//! questions, intents, off-topic messages) run through the same reading
//! and search the bot uses. `mesabot understand --evaluate DIR` prints the
//! report; a test fails when the figures fall below the targets.
//!
//! The set is three files in `DIR`: `faq.toml` (`[entries]` names the sample
//! knowledge base's questions, `[[case]]` text → entry), `intents.toml`
//! (`[[case]]` text → intent, and the target of a transfer) and
//! `off_topic.toml` (`cases`: messages no FAQ entry may answer).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::{Intent, Understanding};
use crate::faq::FaqIndex;
use crate::locale::Locale;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFile {
    entries: BTreeMap<String, String>,
    #[serde(rename = "case")]
    cases: Vec<FaqCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqCase {
    text: String,
    expect: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentFile {
    #[serde(rename = "case")]
    cases: Vec<IntentCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IntentCase {
    text: String,
    expect: String,
    target: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OffTopicFile {
    cases: Vec<String>,
}

/// The evaluation set, read from its folder.
#[derive(Debug)]
pub struct EvalSet {
    faq: Vec<(String, String)>,
    intents: Vec<IntentCase>,
    off_topic: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: case «{text}» expects «{expect}», which [entries] does not name")]
    UnknownEntry {
        path: String,
        text: String,
        expect: String,
    },
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, EvalError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: shown.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| EvalError::Syntax {
        path: shown,
        message: e.to_string(),
    })
}

impl EvalSet {
    pub fn load(dir: &Path) -> Result<EvalSet, EvalError> {
        let faq_path = dir.join("faq.toml");
        let faq: FaqFile = read(&faq_path)?;
        let mut cases = Vec::with_capacity(faq.cases.len());
        for case in faq.cases {
            let Some(question) = faq.entries.get(&case.expect) else {
                return Err(EvalError::UnknownEntry {
                    path: faq_path.display().to_string(),
                    text: case.text,
                    expect: case.expect,
                });
            };
            cases.push((case.text, question.clone()));
        }
        let intents: IntentFile = read(&dir.join("intents.toml"))?;
        let off_topic: OffTopicFile = read(&dir.join("off_topic.toml"))?;
        Ok(EvalSet {
            faq: cases,
            intents: intents.cases,
            off_topic: off_topic.cases,
        })
    }
}

/// A case that did not come out as labelled.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    pub text: String,
    pub expected: String,
    pub got: String,
}

/// The figures, with every miss so the data can be fixed.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub faq_cases: usize,
    pub top1: usize,
    pub top3: usize,
    pub faq_misses: Vec<Miss>,
    pub intent_cases: usize,
    pub intents_right: usize,
    pub small_talk_cases: usize,
    pub small_talk_right: usize,
    pub intent_misses: Vec<Miss>,
    pub off_topic_cases: usize,
    /// Off-topic messages given an FAQ entry as the answer.
    pub off_topic_answered: usize,
    pub off_topic_misses: Vec<Miss>,
    /// Reading plus search, per message, over every case.
    pub mean_time: Duration,
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl Report {
    pub fn top1_percent(&self) -> f64 {
        percent(self.top1, self.faq_cases)
    }
    pub fn top3_percent(&self) -> f64 {
        percent(self.top3, self.faq_cases)
    }
    pub fn intent_percent(&self) -> f64 {
        percent(self.intents_right, self.intent_cases)
    }
    pub fn small_talk_percent(&self) -> f64 {
        percent(self.small_talk_right, self.small_talk_cases)
    }
    pub fn off_topic_percent(&self) -> f64 {
        percent(self.off_topic_answered, self.off_topic_cases)
    }
}

/// Runs the set as the bot would read each message (in `locale`).
pub fn run(set: &EvalSet, understanding: &Understanding, faq: &FaqIndex, locale: Locale) -> Report {
    let mut report = Report::default();
    let started = Instant::now();
    for (text, expected) in &set.faq {
        report.faq_question(understanding, faq, locale, text, expected);
    }
    for case in &set.intents {
        report.intent_case(understanding, locale, case);
    }
    for text in &set.off_topic {
        report.off_topic(understanding, faq, locale, text);
    }
    let messages = report.faq_cases + report.intent_cases + report.off_topic_cases;
    report.mean_time = started.elapsed() / u32::try_from(messages.max(1)).unwrap_or(u32::MAX);
    report
}

impl Report {
    /// Top-1 counts only a sure first answer: an unsure one is a suggestion.
    fn faq_question(
        &mut self,
        understanding: &Understanding,
        faq: &FaqIndex,
        locale: Locale,
        text: &str,
        expected: &str,
    ) {
        self.faq_cases += 1;
        let reading = understanding.read(text, locale);
        let found = if reading.intent == Intent::Question {
            faq.search(&reading.search_text(text), 3)
        } else {
            Vec::new()
        };
        let first_sure = found.first().filter(|f| f.sure);
        if first_sure.is_some_and(|f| f.question == expected) {
            self.top1 += 1;
        }
        if found.iter().any(|f| f.question == expected) {
            self.top3 += 1;
        }
        if first_sure.is_none_or(|f| f.question != expected) {
            let got = match (&reading.intent, found.first()) {
                (Intent::Question, Some(f)) => {
                    let unsure = if f.sure { "" } else { ", unsure" };
                    format!("{} ({:.2}{unsure})", f.question, f.coverage)
                }
                (Intent::Question, None) => "nothing found".to_owned(),
                (intent, _) => format!("intent {}", intent.name()),
            };
            self.faq_misses.push(Miss {
                text: text.to_owned(),
                expected: expected.to_owned(),
                got,
            });
        }
    }

    fn intent_case(&mut self, understanding: &Understanding, locale: Locale, case: &IntentCase) {
        self.intent_cases += 1;
        let small_talk = matches!(case.expect.as_str(), "greeting" | "thanks" | "goodbye");
        if small_talk {
            self.small_talk_cases += 1;
        }
        let reading = understanding.read(&case.text, locale);
        let got_target = match &reading.intent {
            Intent::Transfer { target } => target.clone(),
            _ => None,
        };
        let right = reading.intent.name() == case.expect
            && (case.target.is_none() || case.target == got_target);
        if right {
            self.intents_right += 1;
            if small_talk {
                self.small_talk_right += 1;
            }
            return;
        }
        let mut got = reading.intent.name().to_owned();
        if let Some(target) = got_target {
            got = format!("{got} «{target}»");
        }
        if let Some(other) = &reading.alternative {
            got = format!("{got} or {}", other.name());
        }
        let mut expected = case.expect.clone();
        if let Some(target) = &case.target {
            expected = format!("{expected} «{target}»");
        }
        self.intent_misses.push(Miss {
            text: case.text.clone(),
            expected,
            got,
        });
    }

    /// A message about nothing the desk does must not get a sure answer.
    fn off_topic(
        &mut self,
        understanding: &Understanding,
        faq: &FaqIndex,
        locale: Locale,
        text: &str,
    ) {
        self.off_topic_cases += 1;
        let reading = understanding.read(text, locale);
        if reading.intent != Intent::Question {
            return;
        }
        let query = reading.search_text(text);
        if let Some(answer) = faq.search(&query, 3).into_iter().next().filter(|f| f.sure) {
            self.off_topic_answered += 1;
            self.off_topic_misses.push(Miss {
                text: text.to_owned(),
                expected: "no answer".into(),
                got: format!("{} ({:.2})", answer.question, answer.coverage),
            });
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "FAQ questions: {}  top-1 {:.1} % ({})  top-3 {:.1} % ({})",
            self.faq_cases,
            self.top1_percent(),
            self.top1,
            self.top3_percent(),
            self.top3
        )?;
        writeln!(
            f,
            "Intents: {}  right {:.1} % ({})  greetings, thanks, goodbyes {:.1} % ({} of {})",
            self.intent_cases,
            self.intent_percent(),
            self.intents_right,
            self.small_talk_percent(),
            self.small_talk_right,
            self.small_talk_cases
        )?;
        writeln!(
            f,
            "Off-topic: {}  answered with an FAQ entry {:.1} % ({})",
            self.off_topic_cases,
            self.off_topic_percent(),
            self.off_topic_answered
        )?;
        writeln!(
            f,
            "Time per message (reading and search): {:.0} µs",
            self.mean_time.as_secs_f64() * 1e6
        )?;
        for (title, misses) in [
            ("FAQ misses", &self.faq_misses),
            ("Intent misses", &self.intent_misses),
            ("Off-topic answered", &self.off_topic_misses),
        ] {
            if misses.is_empty() {
                continue;
            }
            writeln!(f, "\n{title}:")?;
            for miss in misses {
                writeln!(
                    f,
                    "  «{}»\n      expected: {}\n      got:      {}",
                    miss.text, miss.expected, miss.got
                )?;
            }
        }
        Ok(())
    }
}
