//! The month per agent: conversations attended, the median time to pick one
//! up from the queue, and the users' average rating, so the desk sees the
//! load and the quality of each agent's work.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use sqlx::AnyPool;

use super::indicators::{average_text, duration};
use crate::locale::Lang;
use crate::store::StoreError;
use crate::store::indicators::{self, Attended};
use crate::t;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgentLine {
    pub agent_user_id: i64,
    pub name: String,
    pub attended: i64,
    pub pick_up_median_ms: Option<i64>,
    pub rating_average: Option<f64>,
    pub rated: i64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct AgentFigures {
    /// Most conversations first.
    pub agents: Vec<AgentLine>,
}

/// One agent's month, as it is gathered.
#[derive(Default)]
struct Work {
    agent_user_id: i64,
    name: String,
    conversations: Vec<i64>,
    pick_ups: Vec<i64>,
    ratings: Vec<i64>,
}

impl Work {
    fn line(self) -> AgentLine {
        let rated = self.ratings.len() as i64;
        AgentLine {
            agent_user_id: self.agent_user_id,
            name: self.name,
            attended: self.conversations.len() as i64,
            pick_up_median_ms: median(self.pick_ups),
            rating_average: (rated > 0)
                .then(|| self.ratings.iter().sum::<i64>() as f64 / rated as f64),
            rated,
        }
    }
}

fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}

impl AgentFigures {
    pub async fn gather(pool: &AnyPool, from: i64, to: i64) -> Result<Self, StoreError> {
        Ok(Self::from_rows(indicators::attended(pool, from, to).await?))
    }

    /// A conversation taken twice (released, taken again) counts once per agent.
    fn from_rows(rows: Vec<Attended>) -> Self {
        let mut work: Vec<Work> = Vec::new();
        for row in rows {
            let at = match work
                .iter()
                .position(|w| w.agent_user_id == row.agent_user_id)
            {
                Some(at) => at,
                None => {
                    work.push(Work {
                        agent_user_id: row.agent_user_id,
                        ..Work::default()
                    });
                    work.len() - 1
                }
            };
            let agent = &mut work[at];
            // The latest name given to the agent.
            agent.name = row.agent_name;
            if agent.conversations.contains(&row.conversation_id) {
                continue;
            }
            agent.conversations.push(row.conversation_id);
            agent.pick_ups.push(row.pick_up_ms);
            agent.ratings.extend(row.satisfaction);
        }
        let mut agents: Vec<AgentLine> = work.into_iter().map(Work::line).collect();
        agents.sort_by(|a, b| b.attended.cmp(&a.attended).then(a.name.cmp(&b.name)));
        AgentFigures { agents }
    }

    /// One line for the text report.
    pub fn text(&self, lang: &Lang) -> String {
        let agents = if self.agents.is_empty() {
            "—".to_owned()
        } else {
            self.agents
                .iter()
                .map(|a| {
                    t!(
                        lang,
                        "report-agent",
                        name = a.name.as_str(),
                        attended = a.attended,
                        pick_up = duration(a.pick_up_median_ms),
                        rating = average_text(a.rating_average),
                        rated = a.rated
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ")
        };
        t!(lang, "report-agents", agents = agents)
    }

    /// A sheet, one row per agent, for the workbook.
    pub fn write_sheet(&self, workbook: &mut Workbook, lang: &Lang) -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(t!(lang, "report-sheet-agents"))?;
        let bold = Format::new().set_bold();
        let headers = [
            t!(lang, "report-agents-name"),
            t!(lang, "report-agents-attended"),
            t!(lang, "report-agents-pick-up"),
            t!(lang, "report-agents-rating"),
            t!(lang, "report-agents-rated"),
        ];
        for (column, header) in (0u16..).zip(headers) {
            sheet.write_string_with_format(0, column, header, &bold)?;
        }
        for (row, agent) in (1u32..).zip(&self.agents) {
            sheet.write_string(row, 0, &agent.name)?;
            sheet.write_number(row, 1, agent.attended as f64)?;
            if let Some(ms) = agent.pick_up_median_ms {
                sheet.write_number(row, 2, ms as f64 / 1000.0)?;
            }
            if let Some(average) = agent.rating_average {
                sheet.write_number(row, 3, (average * 10.0).round() / 10.0)?;
            }
            sheet.write_number(row, 4, agent.rated as f64)?;
        }
        sheet.set_column_width(0, 30)?;
        sheet.set_column_width(1, 16)?;
        sheet.set_column_width(2, 22)?;
        sheet.set_column_width(3, 18)?;
        Ok(())
    }
}
