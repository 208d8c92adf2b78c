//! The knowledge base in SQLite: full-text search, entries, import and export.

use super::Writer;
use sqlx::{AnyConnection, AnyPool};

use super::StoreError;
use crate::faq::index::IndexedEntry;
use crate::faq::learning::SolvedSearch;
use crate::faq::{FaqEntry, FaqIndex, SynonymGroup};

/// Changes whenever the FAQ changes, in this process or another.
pub async fn generation(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT value FROM faq_generation WHERE id = 1")
            .fetch_one(conn)
            .await?,
    )
}

#[derive(sqlx::FromRow)]
struct SolvedRow {
    conversation: i64,
    solved_by: i64,
    query: String,
    best: Option<i64>,
    user_name: Option<String>,
}

/// The searches of conversations an FAQ entry solved (recorded when they
/// end) without the bot ever giving that entry as its answer, made between
/// `from` and `to` (ms), by conversation and time: what
/// [`crate::faq::learning`] learns from. Searches whose words were erased
/// (privacy) are left out.
pub async fn solved_searches(
    conn: &mut AnyConnection,
    from: i64,
    to: i64,
) -> Result<Vec<SolvedSearch>, StoreError> {
    let rows: Vec<SolvedRow> = sqlx::query_as(
        "SELECT c.id AS conversation, c.solved_by_faq_id AS solved_by, s.query,
                s.best_faq_id AS best, c.user_name
           FROM conversations c JOIN faq_searches s ON s.conversation_id = c.id
          WHERE c.solved_by_faq_id IS NOT NULL AND s.query <> '' AND s.at >= $1 AND s.at < $2
            AND NOT EXISTS (SELECT 1 FROM faq_searches a
                             WHERE a.conversation_id = c.id AND a.answered = 1
                               AND a.best_faq_id = c.solved_by_faq_id)
          ORDER BY c.id, s.at, s.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| SolvedSearch {
            conversation: row.conversation,
            solved_by: row.solved_by,
            query: row.query,
            best: row.best,
            user_name: row.user_name,
        })
        .collect())
}

/// Every entry as the in-process search indexes it.
pub async fn indexed(conn: &mut AnyConnection) -> Result<Vec<IndexedEntry>, StoreError> {
    let rows: Vec<(i64, String, String, String, String)> =
        sqlx::query_as("SELECT id, question, answer, keywords, examples FROM faq ORDER BY id")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, question, answer, keywords, examples)| IndexedEntry {
            id,
            question,
            answer,
            keywords: split_keywords(&keywords),
            examples: split_examples(&examples),
        })
        .collect())
}

/// The search over the FAQ as it is now in the database.
pub async fn index(conn: &mut AnyConnection) -> Result<FaqIndex, StoreError> {
    let entries = indexed(conn).await?;
    let synonyms = synonyms(&mut *conn).await?;
    Ok(FaqIndex::build(entries, &synonyms))
}

/// The desk's synonym groups, in order.
pub async fn synonyms<'c>(
    conn: impl sqlx::Executor<'c, Database = sqlx::Any>,
) -> Result<Vec<SynonymGroup>, StoreError> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT group_no, word FROM faq_synonyms ORDER BY group_no, position")
            .fetch_all(conn)
            .await?;
    let mut groups: Vec<(i64, SynonymGroup)> = Vec::new();
    for (group, word) in rows {
        match groups.last_mut() {
            Some((last, g)) if *last == group => g.words.push(word),
            _ => groups.push((group, SynonymGroup { words: vec![word] })),
        }
    }
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}

/// Records that the answer shown (`faq_id`) did not solve the problem,
/// with the words of the conversation's last search that found it.
pub async fn record_rejection(
    conn: &mut AnyConnection,
    conversation_id: i64,
    at_ms: i64,
    faq_id: i64,
    faq_question: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO faq_rejections (conversation_id, at, query, faq_id, faq_question)
         VALUES ($1, $2,
                 COALESCE((SELECT query FROM faq_searches WHERE conversation_id = $1
                            ORDER BY id DESC LIMIT 1), ''),
                 (SELECT id FROM faq WHERE id = $3), $4)",
    )
    .bind(conversation_id)
    .bind(at_ms)
    .bind(faq_id)
    .bind(faq_question)
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
    examples: String,
}

pub async fn list(pool: &AnyPool) -> Result<Vec<FaqEntry>, StoreError> {
    let rows: Vec<EntryRow> = sqlx::query_as(
        "SELECT question, answer, keywords, service_code, examples FROM faq ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| FaqEntry {
            question: row.question,
            answer: row.answer,
            keywords: split_keywords(&row.keywords),
            service: row.service_code,
            examples: split_examples(&row.examples),
        })
        .collect())
}

fn split_keywords(keywords: &str) -> Vec<String> {
    keywords
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(String::from)
        .collect()
}

/// What became of an example given for an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum ExampleAdded {
    Added {
        question: String,
    },
    AlreadyThere {
        question: String,
    },
    /// `faq list` numbers the entries 1 to `entries`.
    NoSuchEntry {
        entries: usize,
    },
    Empty,
}

/// Adds one example to the entry numbered `number` in `faq list` (from 1).
pub async fn add_example(
    writer: &Writer,
    number: usize,
    example: &str,
) -> Result<ExampleAdded, StoreError> {
    let example = one_line(example);
    if example.is_empty() {
        return Ok(ExampleAdded::Empty);
    }
    let mut tx = writer.begin().await?;
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, question, examples FROM faq ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    let Some((id, question, examples)) = number.checked_sub(1).and_then(|n| rows.get(n)) else {
        return Ok(ExampleAdded::NoSuchEntry {
            entries: rows.len(),
        });
    };
    let mut all = split_examples(examples);
    if all
        .iter()
        .any(|e| crate::words::fold(e) == crate::words::fold(&example))
    {
        return Ok(ExampleAdded::AlreadyThere {
            question: question.clone(),
        });
    }
    all.push(example);
    sqlx::query("UPDATE faq SET examples = $1 WHERE id = $2")
        .bind(join_examples(&all))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(ExampleAdded::Added {
        question: question.clone(),
    })
}

/// Examples are kept one per line.
fn split_examples(examples: &str) -> Vec<String> {
    examples
        .lines()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(String::from)
        .collect()
}

/// One example per line: a line break written inside one is only a space.
fn join_examples(examples: &[String]) -> String {
    examples
        .iter()
        .map(|e| one_line(e))
        .filter(|e| !e.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn one_line(example: &str) -> String {
    example.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces the whole knowledge base and its synonyms in one transaction; an
/// unknown service code rejects the import and leaves the old FAQ in place.
pub async fn replace_all(
    writer: &Writer,
    entries: &[FaqEntry],
    synonyms: &[SynonymGroup],
) -> Result<(), StoreError> {
    let mut tx = writer.begin().await?;
    for (index, entry) in entries.iter().enumerate() {
        if let Some(code) = &entry.service {
            let known: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE code = $1")
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
            "INSERT INTO faq (question, answer, keywords, service_code, examples)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(entry.question.trim())
        .bind(entry.answer.trim())
        .bind(entry.keywords.join(", "))
        .bind(&entry.service)
        .bind(join_examples(&entry.examples))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM faq_synonyms")
        .execute(&mut *tx)
        .await?;
    for (group, synonym) in synonyms.iter().enumerate() {
        let words = synonym
            .words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty());
        for (position, word) in words.enumerate() {
            sqlx::query("INSERT INTO faq_synonyms (group_no, position, word) VALUES ($1, $2, $3)")
                .bind(group as i64 + 1)
                .bind(position as i64)
                .bind(word)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
