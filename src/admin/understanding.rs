//! The administrators' view of what the bot understands: the phrase files
//! (export, import, reset) and `mesabot understand`, which shows why a
//! message got the answer it got, so the desk can fix its data.

use std::path::Path;

use chrono::Utc;

use super::Admin;
use crate::desk::Knowledge;
use crate::faq::{FaqIndex, SearchExplained, TermNote};
use crate::locale::Locale;
use crate::store::{self, to_millis};
use crate::t;
use crate::understand::evaluate::{EvalSet, Report};
use crate::understand::{Intent, Phrasebook, Reading};
use crate::words::Stemmers;

/// Entries shown by `understand`.
const SHOWN_ENTRIES: usize = 5;

impl Admin<'_> {
    /// Writes a locale's phrase file as the bot uses it (the desk's, or the shipped one).
    pub async fn phrases_export(&self, locale: Locale, file: &Path) -> anyhow::Result<()> {
        let body = match store::phrases::get(self.store.reader(), locale).await? {
            Some(body) => body,
            None => Phrasebook::default_text(locale).to_owned(),
        };
        let path = super::write_for_editing(file, &body)?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-phrases-exported",
                locale = locale.tag(),
                path = path
            )
        );
        Ok(())
    }

    /// Checks a phrase file and makes it the locale's; a bad file changes nothing.
    pub async fn phrases_import(&self, locale: Locale, file: &Path) -> anyhow::Result<()> {
        let body = std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
        let shown = file.display().to_string();
        let book = Phrasebook::parse(locale, &body, &shown, &Stemmers::default())?;
        store::phrases::replace(self.store.writer(), locale, &body, to_millis(Utc::now())).await?;
        println!(
            "{}",
            t!(
                self.lang,
                "cli-phrases-imported",
                locale = locale.tag(),
                count = book.len()
            )
        );
        Ok(())
    }

    /// Back to the phrases shipped with mesabot.
    pub async fn phrases_reset(&self, locale: Locale) -> anyhow::Result<()> {
        store::phrases::reset(self.store.writer(), locale).await?;
        println!(
            "{}",
            t!(self.lang, "cli-phrases-reset", locale = locale.tag())
        );
        Ok(())
    }

    /// What the bot understands of `text`, and why.
    pub async fn understand(&self, text: &str, locale: Locale) -> anyhow::Result<()> {
        let mut conn = self.store.reader().acquire().await?;
        let knowledge = Knowledge::load(&mut conn).await?;
        let reading = knowledge.understanding.read(text, locale);
        self.print_reading(&reading);
        if reading.intent == Intent::Question {
            let explained = knowledge
                .faq
                .explain(&reading.search_text(text), SHOWN_ENTRIES);
            self.print_search(&knowledge.faq, &explained);
        }
        Ok(())
    }

    /// The intent, and the phrases that decided it.
    fn print_reading(&self, reading: &Reading) {
        let lang = self.lang;
        let intent = intent_name(&reading.intent);
        println!("{}", t!(lang, "cli-understand-intent", intent = intent));
        if let Some(other) = &reading.alternative {
            let intent = intent_name(other);
            println!(
                "{}",
                t!(lang, "cli-understand-alternative", intent = intent)
            );
        }
        if reading.evidence.is_empty() {
            println!("{}", t!(lang, "cli-understand-no-phrases"));
        } else {
            println!("{}", t!(lang, "cli-understand-phrases"));
        }
        for evidence in &reading.evidence {
            let note = match evidence.discarded {
                Some("negated") => t!(lang, "cli-understand-negated"),
                Some(_) => t!(lang, "cli-understand-vetoed"),
                None => String::new(),
            };
            println!(
                "  {:<13} «{}» ← «{}» ({}) {note}",
                evidence.intent.as_str(),
                evidence.phrase,
                evidence.matched,
                evidence.locale
            );
        }
        if !reading.content_words.is_empty() {
            let words = reading.content_words.join(", ");
            println!("{}", t!(lang, "cli-understand-content", words = words));
        }
    }

    /// The words searched for, and the entries found with their scores.
    fn print_search(&self, faq: &FaqIndex, explained: &SearchExplained) {
        let lang = self.lang;
        println!("{}", t!(lang, "cli-understand-terms"));
        for term in &explained.terms {
            let searched = term.term.clone().unwrap_or_else(|| "—".into());
            let note = match &term.note {
                TermNote::AsWritten => String::new(),
                TermNote::Synonym(word) => t!(lang, "cli-understand-synonym", word = word.as_str()),
                TermNote::Corrected(word) => {
                    t!(lang, "cli-understand-corrected", word = word.as_str())
                }
                TermNote::Everyday => t!(lang, "cli-understand-everyday"),
            };
            println!(
                "  {:<16} → {:<12} {:>5.2}  {note}",
                term.written, searched, term.weight
            );
        }
        if explained.found.is_empty() {
            println!("{}", t!(lang, "cli-understand-none"));
        }
        for (rank, found) in explained.found.iter().enumerate() {
            let verdict = if found.sure {
                t!(lang, "cli-understand-sure")
            } else {
                t!(lang, "cli-understand-unsure")
            };
            let score = t!(
                lang,
                "cli-understand-score",
                score = format!("{:.2}", found.score),
                coverage = format!("{:.0}", found.coverage * 100.0),
                verdict = verdict
            );
            // The entry's number as `faq list` and `faq example` use it.
            let number = faq.number(found.id).unwrap_or_default();
            println!(
                "  {}. [#{number}] {}\n     {score}",
                rank + 1,
                found.question
            );
            if let Some(example) = faq.closest_example(found.id, &explained.terms) {
                println!(
                    "     {}",
                    t!(lang, "cli-understand-example", example = example)
                );
            }
        }
    }

    /// Runs the evaluation set in `dir` against this database's FAQ and phrases.
    pub async fn understand_evaluate(&self, dir: &Path, locale: Locale) -> anyhow::Result<Report> {
        let set = EvalSet::load(dir)?;
        let mut conn = self.store.reader().acquire().await?;
        let knowledge = Knowledge::load(&mut conn).await?;
        let report = crate::understand::evaluate::run(
            &set,
            &knowledge.understanding,
            &knowledge.faq,
            locale,
        );
        print!("{report}");
        Ok(report)
    }
}

/// The intent's name, with what the bot does with it.
fn intent_name(intent: &Intent) -> String {
    match intent {
        Intent::Transfer {
            target: Some(target),
        } => format!("transfer «{target}»"),
        other => other.name().to_owned(),
    }
}
