//! Reports: months in the desk's time zone, and the general call log (the
//! seed's "reporte general de llamadas") as CSV or Excel.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::locale::Lang;
use crate::store::calls::LogEntry;
use crate::store::from_millis;
use crate::t;

/// A calendar month in the desk's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("«{0}» is not a month like 2026-11")]
pub struct BadMonth(pub String);

impl Month {
    pub fn parse(text: &str) -> Result<Month, BadMonth> {
        let bad = || BadMonth(text.to_owned());
        let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
        let month = Month {
            year: year.parse().map_err(|_| bad())?,
            month: month.parse().map_err(|_| bad())?,
        };
        NaiveDate::from_ymd_opt(month.year, month.month, 1).ok_or_else(bad)?;
        Ok(month)
    }

    pub fn containing(now: DateTime<Utc>, tz: Tz) -> Month {
        let local = now.with_timezone(&tz);
        Month {
            year: local.year(),
            month: local.month(),
        }
    }

    pub fn previous(self) -> Month {
        match self.month {
            1 => Month {
                year: self.year - 1,
                month: 12,
            },
            m => Month {
                year: self.year,
                month: m - 1,
            },
        }
    }

    fn next(self) -> Month {
        match self.month {
            12 => Month {
                year: self.year + 1,
                month: 1,
            },
            m => Month {
                year: self.year,
                month: m + 1,
            },
        }
    }

    /// Local midnight at the start of the month, in milliseconds UTC.
    fn start_ms(self, tz: Tz) -> i64 {
        let day = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default();
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        tz.from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc).timestamp_millis())
            .unwrap_or_default()
    }

    /// [start, end) of the month in milliseconds UTC: a conversation at 23:30
    /// local time on the last day belongs to the month, whatever UTC says.
    pub fn range_ms(self, tz: Tz) -> (i64, i64) {
        (self.start_ms(tz), self.next().start_ms(tz))
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// One row per attempt: who asked, whom, where, the number, result and agent.
fn call_rows(entries: &[LogEntry], tz: Tz, lang: &Lang) -> Vec<Vec<Cell>> {
    let when = |ms: i64| from_millis(ms).with_timezone(&tz).naive_local();
    let mut rows = Vec::new();
    for entry in entries {
        let call = &entry.call;
        let status = t!(lang, "report-call-status", status = call.status.as_str());
        for (index, attempt) in entry.attempts.iter().enumerate() {
            let result = t!(
                lang,
                "report-call-result",
                result = attempt.result.as_deref().unwrap_or("pending")
            );
            rows.push(vec![
                Cell::Number(call.id as f64),
                Cell::Time(when(call.created_at)),
                Cell::Text(call.requester_name.clone()),
                Cell::Text(call.requester_email.clone()),
                Cell::Text(call.person.clone()),
                Cell::Text(call.place.clone()),
                Cell::Number((index + 1) as f64),
                Cell::Text(attempt.number.clone()),
                Cell::Time(when(attempt.posted_at)),
                Cell::Text(result),
                attempt
                    .result_at
                    .map(|ms| Cell::Time(when(ms)))
                    .unwrap_or(Cell::Empty),
                Cell::Text(attempt.agent_name.clone().unwrap_or_default()),
                Cell::Text(status.clone()),
            ]);
        }
    }
    rows
}

enum Cell {
    Text(String),
    Number(f64),
    Time(chrono::NaiveDateTime),
    Empty,
}

fn headers(lang: &Lang) -> Vec<String> {
    t!(lang, "report-calls-columns")
        .split('|')
        .map(|h| h.trim().to_owned())
        .collect()
}

/// The call log as CSV (UTF-8, one row per attempt).
pub fn calls_csv(entries: &[LogEntry], tz: Tz, lang: &Lang) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers(lang))?;
    for row in call_rows(entries, tz, lang) {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Time(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Empty => String::new(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

/// The call log as an Excel workbook, with real dates and numbers.
pub fn calls_xlsx(
    entries: &[LogEntry],
    tz: Tz,
    lang: &Lang,
    month: Month,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t!(lang, "report-calls-sheet", month = month.label()))?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (column, header) in headers(lang).iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, header, &bold)?;
    }
    for (index, row) in call_rows(entries, tz, lang).iter().enumerate() {
        let r = (index + 1) as u32;
        for (column, cell) in row.iter().enumerate() {
            let c = column as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(r, c, text)?,
                Cell::Number(n) => sheet.write_number(r, c, *n)?,
                Cell::Time(t) => sheet.write_datetime_with_format(r, c, t, &date)?,
                Cell::Empty => sheet,
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_local_ranges() {
        let tz = chrono_tz::America::Mexico_City;
        let month = Month::parse("2026-11").expect("valid");
        let (start, end) = month.range_ms(tz);
        // Mexico City is UTC-6 all year since 2022.
        assert_eq!(from_millis(start).to_rfc3339(), "2026-11-01T06:00:00+00:00");
        assert_eq!(from_millis(end).to_rfc3339(), "2026-12-01T06:00:00+00:00");
        assert_eq!(month.previous().label(), "2026-10");
        assert_eq!(
            Month::parse("2026-01").expect("valid").previous().label(),
            "2025-12"
        );
        assert!(Month::parse("2026-13").is_err());
        assert!(Month::parse("noviembre").is_err());
    }
}
