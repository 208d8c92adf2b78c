//! What the month says about the knowledge base: what users asked that it
//! did not answer, and the answers they said did not solve their problem
//! ("No, no se resolvió") with the entry that was shown, so the desk knows
//! which entries to write or fix.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use sqlx::AnyPool;

use crate::locale::Lang;
use crate::store::StoreError;
use crate::store::indicators::{self, Rejected};
use crate::t;

/// Rows of each list.
const ROWS: i64 = 10;

#[derive(Clone, Debug, Default, Serialize)]
pub struct KnowledgeGaps {
    /// Searches that found nothing, most asked first.
    pub unanswered: Vec<(String, i64)>,
    /// Answers rejected, with what the user had written.
    pub rejected: Vec<Rejected>,
}

impl KnowledgeGaps {
    pub async fn gather(pool: &AnyPool, from: i64, to: i64) -> Result<Self, StoreError> {
        Ok(KnowledgeGaps {
            unanswered: indicators::unanswered_searches(pool, from, to, ROWS).await?,
            rejected: indicators::rejected_answers(pool, from, to, ROWS).await?,
        })
    }

    /// The two lists, one line each, for the text report.
    pub fn text(&self, lang: &Lang) -> Vec<String> {
        let unanswered = if self.unanswered.is_empty() {
            "—".to_owned()
        } else {
            self.unanswered
                .iter()
                .map(|(query, count)| format!("{query} ({count})"))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let rejected = if self.rejected.is_empty() {
            "—".to_owned()
        } else {
            self.rejected
                .iter()
                .map(|r| format!("«{}» → {} ({})", r.query, r.entry, r.count))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        let mut lines = vec![
            t!(lang, "report-unanswered", searches = unanswered),
            t!(lang, "report-rejected", answers = rejected),
        ];
        if !self.is_empty() {
            lines.push(t!(lang, "report-knowledge-teach"));
        }
        lines
    }

    fn is_empty(&self) -> bool {
        self.unanswered.is_empty() && self.rejected.is_empty()
    }

    /// A sheet with both lists, for the workbook.
    pub fn write_sheet(&self, workbook: &mut Workbook, lang: &Lang) -> Result<(), XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(t!(lang, "report-sheet-knowledge"))?;
        let bold = Format::new().set_bold();
        let mut row = 0u32;
        sheet.write_string_with_format(row, 0, t!(lang, "report-knowledge-unanswered"), &bold)?;
        sheet.write_string_with_format(row, 2, t!(lang, "report-knowledge-count"), &bold)?;
        for (query, count) in &self.unanswered {
            row += 1;
            sheet.write_string(row, 0, query)?;
            sheet.write_number(row, 2, *count as f64)?;
        }
        row += 2;
        sheet.write_string_with_format(row, 0, t!(lang, "report-knowledge-rejected"), &bold)?;
        sheet.write_string_with_format(row, 1, t!(lang, "report-knowledge-entry"), &bold)?;
        sheet.write_string_with_format(row, 2, t!(lang, "report-knowledge-count"), &bold)?;
        for rejected in &self.rejected {
            row += 1;
            sheet.write_string(row, 0, &rejected.query)?;
            sheet.write_string(row, 1, &rejected.entry)?;
            sheet.write_number(row, 2, rejected.count as f64)?;
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
