//! What the desk understands with: the FAQ search index and the phrase
//! files, built from the database and rebuilt when an import changes them
//! (in this process or another: `faq_generation` moves).

use std::sync::Arc;

use sqlx::AnyConnection;

use crate::faq::FaqIndex;
use crate::locale::Locale;
use crate::protocol::{FaqAnswer, FaqEffect, Input};
use crate::store::{self, StoreError};
use crate::understand::{Phrasebook, Understanding};
use crate::words::Stemmers;

pub struct Knowledge {
    pub generation: i64,
    pub faq: FaqIndex,
    pub understanding: Understanding,
}

impl Knowledge {
    /// Builds everything from the database as it is now.
    pub async fn load(conn: &mut AnyConnection) -> Result<Knowledge, StoreError> {
        let generation = store::faq::generation(conn).await?;
        let faq = store::faq::index(conn).await?;
        let stored = store::phrases::stored(conn).await?;
        let stemmers = Stemmers::default();
        let mut books = Locale::ALL
            .into_iter()
            .map(|locale| {
                let desk_file = stored.iter().find(|(l, _)| *l == locale);
                let parsed = desk_file.map(|(_, body)| {
                    Phrasebook::parse(locale, body, &format!("phrases {locale}"), &stemmers)
                });
                match parsed {
                    Some(Ok(book)) => Ok(book),
                    // Checked at import; a file a newer format no longer accepts
                    // must not stop the desk: the shipped phrases stand in.
                    Some(Err(error)) => {
                        tracing::warn!(%error, "stored phrases unusable; using the shipped ones");
                        shipped(locale, &stemmers)
                    }
                    None => shipped(locale, &stemmers),
                }
            })
            .collect::<Result<Vec<Phrasebook>, _>>()?;
        for book in &mut books {
            let dropped = book.yield_out_of_scope_to(|words| faq.names_every(words));
            if !dropped.is_empty() {
                tracing::info!(
                    ?dropped,
                    "out-of-scope phrases the FAQ answers are not out of scope"
                );
            }
        }
        Ok(Knowledge {
            generation,
            faq,
            understanding: Understanding::new(books),
        })
    }
}

fn shipped(locale: Locale, stemmers: &Stemmers) -> Result<Phrasebook, StoreError> {
    Phrasebook::parse(
        locale,
        Phrasebook::default_text(locale),
        &format!("locales/{locale}/phrases.toml"),
        stemmers,
    )
    .map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The knowledge of the last generation seen, shared by concurrent handlers.
#[derive(Default)]
pub struct KnowledgeCache {
    current: std::sync::Mutex<Option<Arc<Knowledge>>>,
}

impl KnowledgeCache {
    /// The knowledge for the database's current generation, rebuilt if it
    /// moved. `generation`: already read in this transaction (on PostgreSQL
    /// it rides in the update's first statement), else read here.
    pub async fn get(
        &self,
        conn: &mut AnyConnection,
        generation: Option<i64>,
    ) -> Result<Arc<Knowledge>, StoreError> {
        let generation = match generation {
            Some(generation) => generation,
            None => store::faq::generation(conn).await?,
        };
        let cached = self
            .current
            .lock()
            .ok()
            .and_then(|c| c.clone())
            .filter(|k| k.generation == generation);
        if let Some(knowledge) = cached {
            return Ok(knowledge);
        }
        let fresh = Arc::new(Knowledge::load(conn).await?);
        if let Ok(mut current) = self.current.lock() {
            *current = Some(fresh.clone());
        }
        Ok(fresh)
    }
}

impl super::Desk {
    /// The first level's effects: the search (recorded for the indicators),
    /// an entry, and an answer that did not solve the problem.
    pub(super) async fn carry_out_faq(
        &self,
        conn: &mut AnyConnection,
        run: &mut super::effects::Running<'_>,
        effect: FaqEffect,
        knowledge: &Knowledge,
    ) -> Result<Option<Input>, super::DeskError> {
        match effect {
            FaqEffect::Search(text) => {
                let hits = super::lookups::search_faq(&knowledge.faq, &text);
                run.writes.searched(run.id, run.at, &text, &hits);
                Ok(Some(Input::FirstLevel(FaqAnswer::Found(hits))))
            }
            FaqEffect::Load(faq_id) => Ok(Some(Input::FirstLevel(FaqAnswer::Entry(
                super::lookups::faq_entry(&knowledge.faq, faq_id),
            )))),
            FaqEffect::Rejected { faq_id, question } => {
                store::faq::record_rejection(conn, run.id, run.at, faq_id, &question).await?;
                Ok(None)
            }
        }
    }
}
