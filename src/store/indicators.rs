//! The month's figures, computed by the database over indexed ranges: no
//! rows are loaded into memory to count them.

use sqlx::AnyPool;

use super::StoreError;

/// Counts of a month's conversations by outcome, and who handled them.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Outcomes {
    pub received: i64,
    pub first_level: i64,
    pub second_level: i64,
    pub transferred: i64,
    pub external: i64,
    pub out_of_scope: i64,
    pub abandoned: i64,
    /// Not ended yet.
    pub open: i64,
    /// Ended with a request dealt with, by the bot alone / with an agent.
    pub resolved_by_bot: i64,
    pub resolved_by_agent: i64,
}

pub async fn outcomes(pool: &AnyPool, from: i64, to: i64) -> Result<Outcomes, StoreError> {
    Ok(sqlx::query_as(
        "SELECT count(*) AS received,
                count(*) FILTER (WHERE outcome = 'first_level') AS first_level,
                count(*) FILTER (WHERE outcome = 'second_level') AS second_level,
                count(*) FILTER (WHERE outcome = 'transferred') AS transferred,
                count(*) FILTER (WHERE outcome = 'external') AS external,
                count(*) FILTER (WHERE outcome = 'out_of_scope') AS out_of_scope,
                count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                count(*) FILTER (WHERE ended_at IS NULL) AS open,
                count(*) FILTER (WHERE outcome IS NOT NULL AND outcome <> 'abandoned' AND handled_by = 'bot')
                    AS resolved_by_bot,
                count(*) FILTER (WHERE outcome IS NOT NULL AND outcome <> 'abandoned' AND handled_by = 'agent')
                    AS resolved_by_agent
           FROM conversations WHERE started_at >= $1 AND started_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?)
}

/// Resolution of the time quantiles: values are counted in buckets this wide.
const BUCKET_MS: i64 = 10;

/// The `qs` quantiles (0..=1) of the milliseconds given by `sql_values` over
/// the month, to `BUCKET_MS`: SQLite counts the values per bucket (a few
/// hundred rows come back, whatever the month's size) and the quantiles are
/// read off the cumulative counts.
async fn quantiles(
    pool: &AnyPool,
    sql_values: &str,
    from: i64,
    to: i64,
    qs: &[f64],
) -> Result<Vec<Option<i64>>, StoreError> {
    let buckets: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT v / {BUCKET_MS} AS k, count(*) FROM ({sql_values}) AS month_values GROUP BY k ORDER BY k"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    let total: i64 = buckets.iter().map(|(_, n)| n).sum();
    Ok(qs
        .iter()
        .map(|q| {
            if total == 0 {
                return None;
            }
            // The rank of the quantile (0-based, nearest rank).
            let rank = ((total - 1) as f64 * q).round() as i64;
            let mut seen = 0;
            buckets.iter().find_map(|(k, n)| {
                seen += n;
                (seen > rank).then_some(k * BUCKET_MS)
            })
        })
        .collect())
}

const FIRST_ANSWER: &str = "SELECT first_response_at - started_at AS v FROM conversations
     WHERE started_at >= $1 AND started_at < $2 AND first_response_at IS NOT NULL";
const PICK_UP: &str = "SELECT taken_at - requested_at AS v FROM handoffs
     WHERE requested_at >= $1 AND requested_at < $2 AND taken_at IS NOT NULL AND target_chat_id IS NULL";

/// Time to first answer, median and 90th percentile, in milliseconds.
pub async fn first_answer(
    pool: &AnyPool,
    from: i64,
    to: i64,
) -> Result<(Option<i64>, Option<i64>), StoreError> {
    let found = quantiles(pool, FIRST_ANSWER, from, to, &[0.5, 0.9]).await?;
    Ok((found[0], found[1]))
}

/// Agent pick-up time (request to "Tomar"), median, in milliseconds.
pub async fn pick_up(pool: &AnyPool, from: i64, to: i64) -> Result<Option<i64>, StoreError> {
    Ok(quantiles(pool, PICK_UP, from, to, &[0.5]).await?[0])
}

/// Tickets opened in the month, grouped by `column` (service name, kind, priority).
pub async fn tickets_by(
    pool: &AnyPool,
    column: &str,
    from: i64,
    to: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    let expression = match column {
        "service" => "s.name",
        "kind" => "t.kind",
        _ => "CAST(t.priority AS TEXT)",
    };
    Ok(sqlx::query_as(&format!(
        "SELECT {expression}, count(*) FROM tickets t JOIN services s ON s.code = t.service_code
          WHERE t.created_at >= $1 AND t.created_at < $2 GROUP BY 1 ORDER BY 2 DESC, 1"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}

/// Tickets opened in the month still open, and resolved or closed.
pub async fn tickets_open_resolved(
    pool: &AnyPool,
    from: i64,
    to: i64,
) -> Result<(i64, i64), StoreError> {
    Ok(sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status NOT IN ('resuelto', 'cerrado')),
                count(*) FILTER (WHERE status IN ('resuelto', 'cerrado'))
           FROM tickets WHERE created_at >= $1 AND created_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(pool)
    .await?)
}

/// The FAQ entries that solved the most conversations of the month.
pub async fn faq_top(
    pool: &AnyPool,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT f.question, count(*) FROM conversations c JOIN faq f ON f.id = c.solved_by_faq_id
          WHERE c.started_at >= $1 AND c.started_at < $2 GROUP BY f.id ORDER BY 2 DESC, 1 LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// What users searched in the month and the FAQ did not answer, most asked first.
pub async fn unanswered_searches(
    pool: &AnyPool,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT lower(query), count(*) FROM faq_searches WHERE at >= $1 AND at < $2 AND hits = 0 AND query <> ''
          GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// An FAQ answer users said did not solve their problem, with what they had
/// written, and how many times.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Rejected {
    pub query: String,
    pub entry: String,
    pub count: i64,
}

/// The month's rejected answers, most frequent first.
pub async fn rejected_answers(
    pool: &AnyPool,
    from: i64,
    to: i64,
    limit: i64,
) -> Result<Vec<Rejected>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT lower(query) AS query, faq_question AS entry, count(*) AS count
           FROM faq_rejections WHERE at >= $1 AND at < $2 AND query <> ''
          GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT $3",
    )
    .bind(from)
    .bind(to)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Fills the database with `count` finished conversations spread over the
/// `months` before `end_ms`, for measuring the reports on a big history
/// (`mesabot dev seed`). The database generates the rows itself.
pub async fn seed(
    writer: &super::Writer,
    count: i64,
    months: i64,
    end_ms: i64,
) -> Result<(), StoreError> {
    let span = months.max(1) * 30 * 24 * 3_600_000;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO conversations (channel, chat_id, user_name, locale, state, started_at,
                                    first_response_at, last_activity_at, ended_at, outcome, handled_by)
         SELECT 'telegram', 1000000 + i % 50000, 'Usuario ' || (i % 50000), 'es-MX', '{}',
                $3 - $2 + i * ($2 / $1),
                $3 - $2 + i * ($2 / $1) + 200 + (i * 31) % 4000,
                $3 - $2 + i * ($2 / $1) + 60000,
                $3 - $2 + i * ($2 / $1) + 60000,
                CASE WHEN i % 100 < 55 THEN 'first_level'
                     WHEN i % 100 < 75 THEN 'second_level'
                     WHEN i % 100 < 82 THEN 'transferred'
                     WHEN i % 100 < 85 THEN 'external'
                     WHEN i % 100 < 90 THEN 'out_of_scope'
                     ELSE 'abandoned' END,
                CASE WHEN i % 7 = 0 THEN 'agent' ELSE 'bot' END
           FROM n",
    )
    .bind(count)
    .bind(span)
    .bind(end_ms)
    .execute(&mut *writer.conn().await?)
    .await?;
    // Conversations solved at first level were solved by an FAQ entry, found
    // by a search of its question; one in ten only as a suggestion, which
    // the report's list of what suggested entries solved searches again.
    for statement in [
        "UPDATE conversations
            SET solved_by_faq_id = (SELECT min(id) FROM faq) + id % (SELECT count(*) FROM faq)
          WHERE outcome = 'first_level'
            AND (SELECT min(id) FROM faq) + id % (SELECT count(*) FROM faq) IN (SELECT id FROM faq)",
        "INSERT INTO faq_searches (conversation_id, at, query, hits, best_faq_id, answered)
         SELECT c.id, c.started_at + 100, f.question, 3, f.id,
                CASE WHEN c.id % 10 = 0 THEN 0 ELSE 1 END
           FROM conversations c JOIN faq f ON f.id = c.solved_by_faq_id",
    ] {
        sqlx::query(statement)
            .execute(&mut *writer.conn().await?)
            .await?;
    }
    Ok(())
}

/// A conversation as listed in the month's workbook.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConversationLine {
    pub id: i64,
    pub channel: String,
    pub user_name: Option<String>,
    pub started_at: i64,
    pub first_response_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub outcome: Option<String>,
    pub handled_by: String,
}

pub async fn conversations(
    pool: &AnyPool,
    from: i64,
    to: i64,
) -> Result<Vec<ConversationLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, channel, user_name, started_at, first_response_at, ended_at, outcome, handled_by
           FROM conversations WHERE started_at >= $1 AND started_at < $2 ORDER BY started_at, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}

/// A ticket as listed in the month's workbook.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TicketLine {
    pub number: i64,
    pub created_at: i64,
    pub service: String,
    pub kind: String,
    pub priority: i64,
    pub status: String,
    pub resolver_name: String,
}

pub async fn tickets(pool: &AnyPool, from: i64, to: i64) -> Result<Vec<TicketLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT t.number, t.created_at, s.name AS service, t.kind, t.priority, t.status, t.resolver_name
           FROM tickets t JOIN services s ON s.code = t.service_code
          WHERE t.created_at >= $1 AND t.created_at < $2 ORDER BY t.number",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}

/// Ratings of the month: how many of each score, by the bot alone and with agents.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Satisfaction {
    /// Ratings with score 1..=5 (index 0 is score 1).
    pub distribution: [i64; 5],
    pub average: Option<f64>,
    pub average_bot: Option<f64>,
    pub average_agent: Option<f64>,
}

pub async fn satisfaction(pool: &AnyPool, from: i64, to: i64) -> Result<Satisfaction, StoreError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT handled_by, satisfaction, count(*) FROM conversations
          WHERE started_at >= $1 AND started_at < $2 AND satisfaction IS NOT NULL
          GROUP BY handled_by, satisfaction",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    let mut result = Satisfaction::default();
    let mut sums = [(0i64, 0i64); 2]; // (sum, count) for bot and agent
    for (by, score, count) in rows {
        if let Some(slot) = usize::try_from(score - 1).ok().filter(|i| *i < 5) {
            result.distribution[slot] += count;
        }
        let who = usize::from(by == "agent");
        sums[who].0 += score * count;
        sums[who].1 += count;
    }
    let average = |sum: i64, count: i64| (count > 0).then(|| sum as f64 / count as f64);
    result.average_bot = average(sums[0].0, sums[0].1);
    result.average_agent = average(sums[1].0, sums[1].1);
    result.average = average(sums[0].0 + sums[1].0, sums[0].1 + sums[1].1);
    Ok(result)
}

/// One conversation an agent took in the month (not a transfer to a person).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Attended {
    pub agent_user_id: i64,
    pub agent_name: String,
    pub conversation_id: i64,
    pub pick_up_ms: i64,
    pub satisfaction: Option<i64>,
}

/// The conversations agents took, of those that asked for one in the month.
pub async fn attended(pool: &AnyPool, from: i64, to: i64) -> Result<Vec<Attended>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT t.agent_user_id, t.agent_name, h.conversation_id,
                t.waited_ms AS pick_up_ms, c.satisfaction
           FROM handoff_takes t JOIN handoffs h ON h.id = t.handoff_id
           JOIN conversations c ON c.id = h.conversation_id
          WHERE h.requested_at >= $1 AND h.requested_at < $2 AND h.target_chat_id IS NULL
          ORDER BY t.taken_at, h.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?)
}
