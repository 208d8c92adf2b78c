//! What the month says about the knowledge base: what users asked that it
//! did not answer, the answers they said did not solve their problem
//! ("No, no se resolvió") with the entry that was shown, and what they wrote
//! when an entry the bot only suggested solved it, so the desk knows which
//! entries to write, fix or teach.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use sqlx::AnyPool;

use crate::faq::learning::{self, Lesson};
use crate::locale::Lang;
use crate::store::indicators::{self, Rejected};
use crate::store::{self, StoreError};
use crate::t;

/// Rows of each list.
const ROWS: i64 = 10;

#[derive(Clone, Debug, Default, Serialize)]
pub struct KnowledgeGaps {
    /// Searches that found nothing, most asked first.
    pub unanswered: Vec<(String, i64)>,
    /// Answers rejected, with what the user had written.
    pub rejected: Vec<Rejected>,
    /// Solved by an entry the bot did not give as the answer.
    pub learned: Vec<Lesson>,
}

impl KnowledgeGaps {
    pub async fn gather(pool: &AnyPool, from: i64, to: i64) -> Result<Self, StoreError> {
        let mut conn = pool.acquire().await?;
        let index = store::faq::index(&mut conn).await?;
        let solved = store::faq::solved_searches(&mut conn, from, to).await?;
        drop(conn);
        let mut learned = learning::lessons(&index, &solved);
        learned.truncate(ROWS as usize);
        Ok(KnowledgeGaps {
            unanswered: indicators::unanswered_searches(pool, from, to, ROWS).await?,
            rejected: indicators::rejected_answers(pool, from, to, ROWS).await?,
            learned,
        })
    }

    /// The lists, one line each, for the text report.
    pub fn text(&self, lang: &Lang) -> Vec<String> {
        let [unanswered, rejected, learned] = self.lists(lang).map(|list| {
            if list.rows.is_empty() {
                return "—".to_owned();
            }
            list.rows
                .iter()
                .map(|(written, entry, count)| match entry {
                    Some(entry) => format!("«{written}» → {entry} ({count})"),
                    None => format!("{written} ({count})"),
                })
                .collect::<Vec<_>>()
                .join(" · ")
        });
        let mut lines = vec![
            t!(lang, "report-unanswered", searches = unanswered),
            t!(lang, "report-rejected", answers = rejected),
            t!(lang, "report-learned", lessons = learned),
        ];
        if !self.is_empty() {
            lines.push(t!(lang, "report-knowledge-teach"));
        }
        lines
    }

    fn is_empty(&self) -> bool {
        self.unanswered.is_empty() && self.rejected.is_empty() && self.learned.is_empty()
    }

    /// The three lists as rows of what was written, the entry concerned
    /// (none for a search that found nothing) and how many times, with the
    /// workbook's headings.
    fn lists(&self, lang: &Lang) -> [List<'_>; 3] {
        [
            List {
                title: t!(lang, "report-knowledge-unanswered"),
                entry_heading: None,
                rows: self
                    .unanswered
                    .iter()
                    .map(|(query, count)| (query.as_str(), None, *count))
                    .collect(),
            },
            List {
                title: t!(lang, "report-knowledge-rejected"),
                entry_heading: Some(t!(lang, "report-knowledge-entry")),
                rows: self
                    .rejected
                    .iter()
                    .map(|r| (r.query.as_str(), Some(r.entry.as_str()), r.count))
                    .collect(),
            },
            List {
                title: t!(lang, "report-knowledge-learned"),
                entry_heading: Some(t!(lang, "report-knowledge-solved-by")),
                rows: self
                    .learned
                    .iter()
                    .map(|l| {
                        let count = i64::try_from(l.count).unwrap_or(i64::MAX);
                        (l.text.as_str(), Some(l.question.as_str()), count)
                    })
                    .collect(),
            },
        ]
    }

    /// A sheet with the lists, for the workbook.
    pub fn write_sheet(&self, workbook: &mut Workbook, lang: &Lang) -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(t!(lang, "report-sheet-knowledge"))?;
        let bold = Format::new().set_bold();
        let mut row = 0u32;
        for (n, list) in self.lists(lang).into_iter().enumerate() {
            if n > 0 {
                row += 2;
            }
            sheet.write_string_with_format(row, 0, list.title, &bold)?;
            if let Some(heading) = list.entry_heading {
                sheet.write_string_with_format(row, 1, heading, &bold)?;
            }
            sheet.write_string_with_format(row, 2, t!(lang, "report-knowledge-count"), &bold)?;
            for (written, entry, count) in list.rows {
                row += 1;
                sheet.write_string(row, 0, written)?;
                if let Some(entry) = entry {
                    sheet.write_string(row, 1, entry)?;
                }
                sheet.write_number(row, 2, count as f64)?;
            }
        }
        if !self.is_empty() {
            row += 2;
            sheet.write_string(row, 0, t!(lang, "report-knowledge-teach"))?;
        }
        sheet.set_column_width(0, 50)?;
        sheet.set_column_width(1, 60)?;
        Ok(())
    }
}

/// One list of the knowledge sheet: its heading, its entry column's heading,
/// and its rows (what was written, the entry, how many times).
struct List<'a> {
    title: String,
    entry_heading: Option<String>,
    rows: Vec<(&'a str, Option<&'a str>, i64)>,
}
