//! The month's indicators: the seed's four formulas (MEDICIÓN) over all
//! conversations received, the counts behind them, and what a desk manager
//! asks next, beside the previous month.

use chrono_tz::Tz;
use serde::Serialize;
use sqlx::AnyPool;

use super::Month;
use super::agents::AgentFigures;
use super::knowledge::KnowledgeGaps;
use crate::locale::Lang;
use crate::store::StoreError;
use crate::store::indicators::{self, ConversationLine, Outcomes, TicketLine};
use crate::t;

/// Rows shown in "most" lists.
const TOP: i64 = 5;

#[derive(Clone, Debug, Serialize)]
pub struct Indicators {
    pub month: String,
    pub outcomes: Outcomes,
    pub previous_month: String,
    pub previous: Outcomes,
    pub first_answer_median_ms: Option<i64>,
    pub first_answer_p90_ms: Option<i64>,
    pub agent_pick_up_median_ms: Option<i64>,
    pub tickets_by_service: Vec<(String, i64)>,
    pub tickets_by_kind: Vec<(String, i64)>,
    pub tickets_by_priority: Vec<(String, i64)>,
    pub tickets_open: i64,
    pub tickets_resolved: i64,
    pub faq_top: Vec<(String, i64)>,
    /// Searches that found nothing and answers that did not help.
    pub knowledge: KnowledgeGaps,
    pub satisfaction: indicators::Satisfaction,
    /// Each agent's conversations, pick-up time and rating.
    pub agents: AgentFigures,
}

/// `count` over `received`, as a percentage; `None` with nothing received.
pub fn percent(count: i64, received: i64) -> Option<f64> {
    (received > 0).then(|| count as f64 * 100.0 / received as f64)
}

impl Indicators {
    pub async fn gather(pool: &AnyPool, month: Month, tz: Tz) -> Result<Indicators, StoreError> {
        let (from, to) = month.range_ms(tz);
        let previous = month.previous();
        let (pfrom, pto) = previous.range_ms(tz);
        let (median, p90) = indicators::first_answer(pool, from, to).await?;
        let (open, resolved) = indicators::tickets_open_resolved(pool, from, to).await?;
        Ok(Indicators {
            month: month.label(),
            outcomes: indicators::outcomes(pool, from, to).await?,
            previous_month: previous.label(),
            previous: indicators::outcomes(pool, pfrom, pto).await?,
            first_answer_median_ms: median,
            first_answer_p90_ms: p90,
            agent_pick_up_median_ms: indicators::pick_up(pool, from, to).await?,
            tickets_by_service: indicators::tickets_by(pool, "service", from, to).await?,
            tickets_by_kind: indicators::tickets_by(pool, "kind", from, to).await?,
            tickets_by_priority: indicators::tickets_by(pool, "priority", from, to).await?,
            tickets_open: open,
            tickets_resolved: resolved,
            faq_top: indicators::faq_top(pool, from, to, TOP).await?,
            knowledge: KnowledgeGaps::gather(pool, from, to).await?,
            satisfaction: indicators::satisfaction(pool, from, to).await?,
            agents: AgentFigures::gather(pool, from, to).await?,
        })
    }

    /// (seed formula key, count this month, count the previous month).
    fn formulas(&self) -> [(&'static str, i64, i64); 4] {
        let (now, before) = (&self.outcomes, &self.previous);
        [
            ("first_level", now.first_level, before.first_level),
            ("second_level", now.second_level, before.second_level),
            ("transferred", now.transferred, before.transferred),
            ("external", now.external, before.external),
        ]
    }
}

fn pct(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}"))
        .unwrap_or_else(|| "—".into())
}

pub(super) fn duration(ms: Option<i64>) -> String {
    match ms {
        None => "—".into(),
        Some(ms) if ms < 60_000 => format!("{:.1} s", ms as f64 / 1000.0),
        Some(ms) => format!("{} min {} s", ms / 60_000, (ms % 60_000) / 1000),
    }
}

fn list(items: &[(String, i64)]) -> String {
    if items.is_empty() {
        return "—".into();
    }
    items
        .iter()
        .map(|(name, count)| format!("{name} ({count})"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The indicators as text, for the terminal and the agents' group.
pub fn indicators_text(i: &Indicators, lang: &Lang) -> String {
    let o = &i.outcomes;
    if o.received == 0 {
        return t!(lang, "report-no-records", month = i.month.as_str());
    }
    let mut lines = vec![t!(
        lang,
        "report-title",
        month = i.month.as_str(),
        received = o.received,
        previous = i.previous.received,
        previous_month = i.previous_month.as_str()
    )];
    lines.extend(formula_lines(i, lang));
    lines.push(t!(
        lang,
        "report-other",
        out_of_scope = o.out_of_scope,
        abandoned = o.abandoned,
        open = o.open
    ));
    let resolved = o.resolved_by_bot + o.resolved_by_agent;
    lines.push(t!(
        lang,
        "report-containment",
        bot = o.resolved_by_bot,
        bot_percent = pct(percent(o.resolved_by_bot, resolved)),
        agent = o.resolved_by_agent,
        agent_percent = pct(percent(o.resolved_by_agent, resolved))
    ));
    lines.push(t!(
        lang,
        "report-times",
        median = duration(i.first_answer_median_ms),
        p90 = duration(i.first_answer_p90_ms),
        pick_up = duration(i.agent_pick_up_median_ms)
    ));
    lines.push(t!(
        lang,
        "report-tickets",
        open = i.tickets_open,
        resolved = i.tickets_resolved,
        services = list(&i.tickets_by_service),
        kinds = list(&i.tickets_by_kind),
        priorities = list(&i.tickets_by_priority)
    ));
    lines.push(satisfaction_line(i, lang));
    lines.push(i.agents.text(lang));
    lines.push(t!(lang, "report-faq-top", entries = list(&i.faq_top)));
    lines.extend(i.knowledge.text(lang));
    lines.join("\n")
}

/// The procedure's formulas: this month's percentage beside the last one's.
fn formula_lines(i: &Indicators, lang: &Lang) -> Vec<String> {
    let o = &i.outcomes;
    let mut lines = Vec::new();
    for (key, count, before) in i.formulas() {
        let (now, then) = (
            percent(count, o.received),
            percent(before, i.previous.received),
        );
        let change = match (now, then) {
            (Some(now), Some(then)) => format!("{:+.1} pts", now - then),
            _ => "—".into(),
        };
        lines.push(t!(
            lang,
            "report-formula",
            formula = key,
            percent = pct(now),
            count = count,
            received = o.received,
            previous = pct(then),
            change = change
        ));
    }
    lines
}

/// A rating average as shown: one decimal, or "—" with no ratings.
pub(super) fn average_text(average: Option<f64>) -> String {
    average
        .map(|v| format!("{v:.1}"))
        .unwrap_or_else(|| "—".into())
}

/// How users rated the attention: count, averages, distribution.
fn satisfaction_line(i: &Indicators, lang: &Lang) -> String {
    let s = &i.satisfaction;
    let rated: i64 = s.distribution.iter().sum();
    let average = average_text;
    let distribution = (1..=5)
        .zip(s.distribution)
        .map(|(score, count)| format!("{score}: {count}"))
        .collect::<Vec<_>>()
        .join(", ");
    t!(
        lang,
        "report-satisfaction",
        count = rated,
        average = average(s.average),
        distribution = distribution,
        bot = average(s.average_bot),
        agent = average(s.average_agent)
    )
}

pub fn indicators_json(i: &Indicators) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(i)
}

/// (metric, value, previous month) rows, for CSV and the XLSX's first sheet.
pub(super) fn rows(i: &Indicators, lang: &Lang) -> Vec<(String, String, String)> {
    let (o, p) = (&i.outcomes, &i.previous);
    let mut rows = vec![(
        t!(lang, "report-metric", metric = "received"),
        o.received.to_string(),
        p.received.to_string(),
    )];
    for (key, count, before) in i.formulas() {
        rows.push((
            t!(lang, "report-metric", metric = key),
            count.to_string(),
            before.to_string(),
        ));
        rows.push((
            t!(lang, "report-formula-name", formula = key),
            pct(percent(count, o.received)),
            pct(percent(before, p.received)),
        ));
    }
    for (key, now, before) in [
        ("out_of_scope", o.out_of_scope, p.out_of_scope),
        ("abandoned", o.abandoned, p.abandoned),
        ("open", o.open, p.open),
        ("resolved_by_bot", o.resolved_by_bot, p.resolved_by_bot),
        (
            "resolved_by_agent",
            o.resolved_by_agent,
            p.resolved_by_agent,
        ),
        ("tickets_open", i.tickets_open, 0),
        ("tickets_resolved", i.tickets_resolved, 0),
    ] {
        let previous = if key.starts_with("tickets") {
            String::new()
        } else {
            before.to_string()
        };
        rows.push((
            t!(lang, "report-metric", metric = key),
            now.to_string(),
            previous,
        ));
    }
    rows
}

pub fn indicators_csv(i: &Indicators, lang: &Lang) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        t!(lang, "report-column-metric"),
        i.month.clone(),
        i.previous_month.clone(),
    ])?;
    for (metric, value, previous) in rows(i, lang) {
        writer.write_record([metric, value, previous])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// The month's rows for the workbook.
#[derive(Default)]
pub struct MonthRows {
    pub conversations: Vec<ConversationLine>,
    pub tickets: Vec<TicketLine>,
    pub calls: Vec<crate::store::calls::LogEntry>,
}

impl MonthRows {
    pub async fn load(pool: &AnyPool, month: Month, tz: Tz) -> Result<MonthRows, StoreError> {
        let (from, to) = month.range_ms(tz);
        Ok(MonthRows {
            conversations: indicators::conversations(pool, from, to).await?,
            tickets: indicators::tickets(pool, from, to).await?,
            calls: crate::store::calls::log(pool, from, to).await?,
        })
    }
}

/// The outcomes of the six months up to `month`, oldest first (for the chart).
pub async fn trend(
    pool: &AnyPool,
    month: Month,
    tz: Tz,
) -> Result<Vec<(String, Outcomes)>, StoreError> {
    let mut months = Vec::with_capacity(6);
    let mut past = month;
    for _ in 0..6 {
        let (from, to) = past.range_ms(tz);
        months.push((past.label(), indicators::outcomes(pool, from, to).await?));
        past = past.previous();
    }
    months.reverse();
    Ok(months)
}
