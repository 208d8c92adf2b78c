//! The knowledge base in SQLite: full-text search, entries, import and export.

use sqlx::{SqliteConnection, SqlitePool};

use super::StoreError;
use crate::faq::{FaqEntry, Vocabulary};
use crate::protocol::FaqHit;

#[derive(sqlx::FromRow)]
struct HitRow {
    id: i64,
    question: String,
    answer: String,
}

impl From<HitRow> for FaqHit {
    fn from(row: HitRow) -> Self {
        FaqHit {
            id: row.id,
            question: row.question,
            answer: row.answer,
        }
    }
}

/// The best entries for an FTS5 MATCH expression (see `faq::match_expression`),
/// by BM25 with the question and keywords weighing more than the answer.
pub async fn search(
    conn: &mut SqliteConnection,
    expression: &str,
    limit: u32,
) -> Result<Vec<FaqHit>, StoreError> {
    let rows: Vec<HitRow> = sqlx::query_as(
        "SELECT faq.id, faq.question, faq.answer
           FROM faq_fts JOIN faq ON faq.id = faq_fts.rowid
          WHERE faq_fts MATCH ?1
          ORDER BY bm25(faq_fts, 5.0, 0.5, 3.0), faq.id
          LIMIT ?2",
    )
    .bind(expression)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(FaqHit::from).collect())
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<FaqHit>, StoreError> {
    let row: Option<HitRow> = sqlx::query_as("SELECT id, question, answer FROM faq WHERE id = ?1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(FaqHit::from))
}

/// Changes whenever the FAQ changes, in this process or another.
pub async fn generation(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM faq_generation WHERE id = 1")
            .fetch_one(conn)
            .await?,
    )
}

/// Every word in the full-text index.
pub async fn vocabulary(conn: &mut SqliteConnection) -> Result<Vocabulary, StoreError> {
    let terms: Vec<String> = sqlx::query_scalar("SELECT term FROM faq_vocab")
        .fetch_all(conn)
        .await?;
    Ok(Vocabulary::new(terms))
}

pub async fn record_search(
    conn: &mut SqliteConnection,
    conversation_id: i64,
    at_ms: i64,
    query: &str,
    hits: &[FaqHit],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO faq_searches (conversation_id, at, query, hits, best_faq_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(conversation_id)
    .bind(at_ms)
    .bind(query)
    .bind(hits.len() as i64)
    .bind(hits.first().map(|h| h.id))
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    question: String,
    answer: String,
    keywords: String,
    service_code: Option<String>,
}

pub async fn list(pool: &SqlitePool) -> Result<Vec<FaqEntry>, StoreError> {
    let rows: Vec<EntryRow> =
        sqlx::query_as("SELECT question, answer, keywords, service_code FROM faq ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|row| FaqEntry {
            question: row.question,
            answer: row.answer,
            keywords: row
                .keywords
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect(),
            service: row.service_code,
        })
        .collect())
}

/// Replaces the whole knowledge base in one transaction; an unknown service
/// code rejects the import and leaves the old FAQ in place.
pub async fn replace_all(pool: &SqlitePool, entries: &[FaqEntry]) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for (index, entry) in entries.iter().enumerate() {
        if let Some(code) = &entry.service {
            let known: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE code = ?1")
                .bind(code)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_none() {
                return Err(StoreError::Invalid(format!(
                    "entry {} names the service «{code}», which is not in the catalogue",
                    index + 1
                )));
            }
        }
    }
    // Past conversations keep their rows; their link to a replaced entry is cleared.
    sqlx::query("DELETE FROM faq").execute(&mut *tx).await?;
    for entry in entries {
        sqlx::query(
            "INSERT INTO faq (question, answer, keywords, service_code) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(entry.question.trim())
        .bind(entry.answer.trim())
        .bind(entry.keywords.join(", "))
        .bind(&entry.service)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
